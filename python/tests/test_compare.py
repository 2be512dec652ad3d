"""lb.compare: two periods of the sample dataset, deltas checked against the two scorecards'
own frames, rating changes against the rubric's rating order, and the drivers of each change."""

import numpy as np
import pandas as pd
import pytest

import libbranch as lb


@pytest.fixture(scope="module")
def periods():
    ds = lb.load(lb.sample_path())
    return ds, lb.Engine().score(ds, year=2024), lb.Engine().score(ds, year=2025)


def test_totals_standards_and_indicators_are_after_minus_before(periods):
    _, a, b = periods
    c = lb.compare(a, b)
    np.testing.assert_allclose(c.totals["delta"], b.summary["total"] - a.summary["total"])
    standards = list(b.standards.index)
    np.testing.assert_allclose(c.standards.to_numpy(), (b.summary[standards] - a.summary[standards]).to_numpy())
    pts = lambda card: card.detail.pivot(index="branch_id", columns="indicator", values="points")
    expected = (pts(b) - pts(a)).reindex(index=c.indicators.index, columns=c.indicators.columns)
    np.testing.assert_allclose(c.indicators.to_numpy(), expected.to_numpy())
    assert (c.totals["status"] == "both").all()
    assert "Comparison(" in repr(c)


def test_rating_changes_count_places_in_the_rating_list(periods):
    _, a, b = periods
    c = lb.compare(a, b)
    labels = b.rating_labels  # 优秀, 良好, 合格, 不合格
    for bid, row in c.totals.iterrows():
        expected = labels.index(row["rating_before"]) - labels.index(row["rating_after"])
        assert row["rating_change"] == expected, bid
    # The sample's education bureau falls from 良好 to 不合格 (a veto in 2025): two places down.
    assert c.totals.loc["education_bureau", "rating_change"] == -2


def test_drivers_are_the_largest_point_changes(periods):
    _, a, b = periods
    c = lb.compare(a, b)
    d = c.drivers(3)
    for bid, rows in d.groupby("branch_id", sort=False):
        assert len(rows) <= 3
        deltas = c.indicators.loc[bid]
        # No indicator left out changed more than the smallest one listed.
        left_out = deltas.drop(rows["indicator"])
        assert np.abs(left_out).max() <= np.abs(rows["delta"]).min() + 1e-12
        np.testing.assert_allclose(rows["delta"], rows["points_after"] - rows["points_before"])
        np.testing.assert_allclose(rows["share"], rows["delta"] / c.totals.loc[bid, "delta"])


def test_branches_in_one_period_only_and_other_rubrics(periods):
    ds, a, b = periods
    fewer = lb.Dataset.from_frames(ds.branches[ds.branches.branch_id != "court"],
                                   ds.members[ds.members.branch_id != "court"],
                                   ds.activities[ds.activities.branch_id != "court"])
    b2 = lb.Engine().score(fewer, year=2025)
    c = lb.compare(a, b2)
    assert c.totals.loc["court", "status"] == "gone"
    assert np.isnan(c.totals.loc["court", "total_after"])
    assert pd.isna(c.totals.loc["court", "rating_change"])
    assert "court" not in set(c.drivers()["branch_id"])
    d = lb.Rubric.default().to_dict()
    d["standards"] = d["standards"][:4]
    other = lb.Engine().score(ds, rubric=lb.Rubric.from_json(__import__("json").dumps(d)), year=2025)
    with pytest.raises(ValueError, match="one rubric"):
        lb.compare(a, other)
