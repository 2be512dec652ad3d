"""Star ratings from the rubric's "stars" field: card.stars() without levels, the summary's
stars column (only when the rubric has stars), agreement with lb.stars.assign on the same totals."""

import numpy as np
import pytest

import libbranch as lb


def _starred_rubric():
    d = lb.Rubric.default().to_dict()
    d["stars"] = {"levels": [{"label": "五星", "quota": 0.1, "min_total": 60}, {"label": "四星", "quota": 0.3}],
                  "rest": "未定星", "group_by": "org_type"}
    return lb.Rubric.from_json(d)


def test_engine_stars_match_the_python_assignment_over_the_same_totals(synthetic, engine):
    card = engine.score(synthetic, rubric=_starred_rubric(), year=2025)
    s = card.summary
    assert list(s.columns)[-1] == "stars"
    got = card.stars()
    assert got.labels == ["五星", "四星", "未定星"]
    assert (got.label == s["stars"]).all()
    # The same scheme computed by the Python wrapper from the card's totals and org_types.
    again = card.stars([("五星", .1, 60), ("四星", .3)], rest="未定星", group_by="org_type")
    assert (again.level.to_numpy() == got.level.to_numpy()).all()
    # Cumulative quotas per org_type: ≤ floor(0.1 n) 五星 and ≤ floor(0.4 n) at 四星 or better.
    info = card.branch_info.reindex(s.index)
    for _, rows in s.groupby(info["org_type"].to_numpy()):
        n = len(rows)
        assert (rows["stars"] == "五星").sum() <= np.floor(0.1 * n + 1e-9)
        assert (rows["stars"] >= "四星").sum() <= np.floor(0.4 * n + 1e-9)
    assert (s.loc[s["stars"] == "五星", "total"] >= 60 - 1e-9).all()


def test_no_stars_column_and_a_clear_error_without_stars(sample, engine):
    card = engine.score(sample, year=2025)
    assert "stars" not in card.summary.columns
    with pytest.raises(ValueError, match="no stars"):
        card.stars()


def test_a_bad_stars_field_names_its_json_path():
    d = lb.Rubric.default().to_dict()
    d["stars"] = {"levels": [{"label": "五星", "quota": 2}]}
    with pytest.raises(lb.RubricError, match=r"stars\.levels\[0\]\.quota"):
        lb.Rubric.from_json(d)
