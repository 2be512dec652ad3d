"""libbranch.stars: quotas per peer group, boundary ties, minimum totals, direct ratings, 升星/降星,
and Scorecard.stars. Expected stars are worked by hand in the comments; the random-data test
checks the quota and order properties independently of the implementation."""

import numpy as np
import pandas as pd
import pytest

import libbranch as lb

LEVELS = [("五星", 0.1), ("四星", 0.3), ("三星", 0.4)]


def test_quotas_ties_and_minimums_by_hand():
    t = pd.Series([95, 95, 90, 85, 80, 75, 70, 65, 60, 55], index=[f"b{i}" for i in range(10)], dtype=float)
    # One 五星 place, b0 and b1 tied: within the quota both go to 四星 (4 places: b0…b3).
    r = lb.stars.assign(t, LEVELS)
    assert list(r.level) == [1, 1, 1, 1, 2, 2, 2, 2, 3, 3]
    assert list(r.counts()) == [0, 4, 4, 2]
    # over_quota: both 五星, then 4 − 2 = 2 四星 places.
    assert list(lb.stars.assign(t, LEVELS, ties="over_quota").level) == [0, 0, 1, 1, 2, 2, 2, 2, 3, 3]
    # 四星 needs 88: only b0, b1, b2 qualify (3 of its 4 places); 三星's cumulative 8 places take 5 more.
    r2 = lb.stars.assign(t, [("五星", 0.1), ("四星", 0.3, 88), ("三星", 0.4)])
    assert list(r2.level) == [1, 1, 1, 2, 2, 2, 2, 2, 3, 3]
    assert r2.label["b0"] == "四星" and r2.label["b9"] == "未定星"
    assert r2.label.cat.ordered and list(r2.label.cat.categories) == ["未定星", "三星", "四星", "五星"]
    assert r2.label.max() == "四星"  # ordered worst → best, so max() is the best held


def test_direct_ratings_and_groups():
    t = pd.Series(np.arange(100.0, 80.0, -1.0), index=[f"b{i}" for i in range(20)])
    groups = pd.Series(["a"] * 10 + ["b"] * 10, index=t.index)
    r = lb.stars.assign(t, LEVELS, groups=groups)
    assert list(r.label[r.label == "五星"].index) == ["b0", "b10"]  # the best of each group
    honored = pd.Series(False, index=t.index)
    honored["b19"] = True  # 直接评定: outside the quota
    r2 = lb.stars.assign(t, LEVELS, groups=groups, overrides=[(honored, "五星")])
    assert r2.label["b19"] == "五星" and r2.direct["b19"]
    # Group b now has 9 competing branches: floor(.9) = 0 五星 places, so b10 gets 四星.
    assert r2.label["b10"] == "四星"
    with pytest.raises(lb.AnalyticsError, match="not one of"):
        lb.stars.assign(t, LEVELS, overrides=[(honored, "六星")])
    with pytest.raises(lb.AnalyticsError, match="quotas sum"):
        lb.stars.assign(t, [("五星", 0.6), ("四星", 0.6)])


def test_random_data_respects_quotas_and_order():
    rng = np.random.default_rng(4)
    t = pd.Series(np.round(rng.uniform(50, 100, 997), 0))  # many ties
    g = pd.Series(rng.integers(0, 7, t.size))
    for ties in ("within_quota", "over_quota"):
        r = lb.stars.assign(t, LEVELS, groups=g, ties=ties)
        for key, idx in g.groupby(g).groups.items():
            n = len(idx)
            lv = r.level[idx]
            tt = t[idx]
            cum = np.cumsum([q for _, q in LEVELS])
            for k in range(3):
                held = int((lv <= k).sum())
                if ties == "within_quota":
                    assert held <= int(np.floor(cum[k] * n + 1e-9))
            # A higher total never has fewer stars; equal totals have equal stars.
            order = np.argsort(-tt.to_numpy(), kind="stable")
            assert np.all(np.diff(lv.to_numpy()[order]) >= 0)
            for _, same in tt.groupby(tt):
                assert lv[same.index].nunique() == 1


def test_changes_count_stars_up_and_down():
    labels = ["五星", "四星", "三星", "未定星"]
    prev = pd.Series(["四星", "五星", "三星"], index=["a", "b", "c"])
    cur = pd.Series(["五星", "三星", "三星", "四星"], index=["a", "b", "c", "d"])
    c = lb.stars.changes(prev, cur, labels)
    assert c["a"] == 1 and c["b"] == -2 and c["c"] == 0 and pd.isna(c["d"])
    with pytest.raises(lb.AnalyticsError):
        lb.stars.changes(prev, pd.Series(["六星"], index=["a"]), labels)


def test_scorecard_stars_by_parent_group():
    card = lb.Engine().score(lb.load(lb.sample_path()), year=2025)
    s = card.stars([("五星", 0.1), ("四星", 0.3, 80), ("三星", 0.4)], group_by="parent_id")
    total = card.summary["total"]
    # 8 branches in one parent group: 0 五星 places, 3 四星 (the three best, all ≥ 80), 3 三星, 2 rest.
    best = list(total.sort_values(ascending=False).index)
    assert list(s.label[best]) == ["四星"] * 3 + ["三星"] * 3 + ["未定星"] * 2
    honors = card.metrics['obs.honors[agg="sum"]']
    direct = (honors >= 1) & (total >= 90)
    s2 = card.stars(LEVELS, overrides=[(direct, "五星")])
    assert (s2.label[direct] == "五星").all()
    with pytest.raises(ValueError):
        card.stars(LEVELS, group_by="county")
