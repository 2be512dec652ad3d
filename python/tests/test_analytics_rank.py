"""libbranch.rank: TOPSIS, VIKOR and the weighted sum against small independent numpy
implementations of the textbook formulas (written here), on the published fighter-aircraft
data set of Hwang & Yoon (1981) and on random data; properties (scale invariance, duplicates,
storage order); pandas in and out; degenerate data and errors."""

import numpy as np
import pandas as pd
import pytest

import libbranch as lb

# Hwang, C.L. & Yoon, K. (1981) Multiple Attribute Decision Making, Springer: the fighter-aircraft
# selection problem. Criteria: maximum speed (Mach), ferry range (NM), maximum payload (lb),
# acquisition cost ($10⁶, the one cost criterion), reliability, manoeuvrability; weights
# (0.2, 0.1, 0.1, 0.1, 0.2, 0.3).
FIGHTERS = pd.DataFrame(
    [[2.0, 1500, 20000, 5.5, 5, 9], [2.5, 2700, 18000, 6.5, 3, 5], [1.8, 2000, 21000, 4.5, 7, 7], [2.2, 1800, 20000, 5.0, 5, 5]],
    index=["A1", "A2", "A3", "A4"],
    columns=["speed", "range", "payload", "cost", "reliability", "manoeuvrability"],
)
FIGHTER_WEIGHTS = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3]
FIGHTER_DIRECTIONS = {"cost": "cost"}


def _topsis_numpy(X, w, cost=(), minmax=False):
    """Hwang & Yoon's steps, independently: normalise, weight, ideal / anti-ideal, distances."""
    X = np.asarray(X, dtype=float)
    benefit = np.array([j not in cost for j in range(X.shape[1])])
    if minmax:
        lo, hi = X.min(0), X.max(0)
        R = np.where(benefit, (X - lo) / (hi - lo), (hi - X) / (hi - lo))
        benefit = np.ones_like(benefit)
    else:
        R = X / np.sqrt((X ** 2).sum(axis=0))
    V = R * np.asarray(w)
    ideal = np.where(benefit, V.max(0), V.min(0))
    anti = np.where(benefit, V.min(0), V.max(0))
    dp = np.sqrt(((V - ideal) ** 2).sum(axis=1))
    dm = np.sqrt(((V - anti) ** 2).sum(axis=1))
    return dm / (dp + dm), ideal, anti


def test_topsis_on_hwang_and_yoon_fighters_matches_numpy():
    r = lb.rank.topsis(FIGHTERS, FIGHTER_WEIGHTS, directions=FIGHTER_DIRECTIONS)
    c, ideal, anti = _topsis_numpy(FIGHTERS, FIGHTER_WEIGHTS, cost=(3,))
    np.testing.assert_allclose(r.closeness, c, rtol=1e-13)
    np.testing.assert_allclose(r.ideal, ideal, rtol=1e-13)
    np.testing.assert_allclose(r.anti_ideal, anti, rtol=1e-13)
    assert list(r.closeness.index) == ["A1", "A2", "A3", "A4"]
    assert list(r.ideal.index) == list(FIGHTERS.columns)
    expected_rank = pd.Series(-c, index=FIGHTERS.index).rank(method="min").astype(int)
    assert list(r.rank) == list(expected_rank)
    frame = r.to_frame()
    assert list(frame.columns) == ["closeness", "rank", "d_plus", "d_minus"]


def test_topsis_minmax_matches_numpy_on_random_data():
    rng = np.random.default_rng(5)
    X = rng.uniform(1, 10, size=(200, 8))
    w = rng.uniform(size=8)
    r = lb.rank.topsis(X, w, directions=["benefit", "cost"] * 4, normalization="minmax")
    c, _, _ = _topsis_numpy(X, w, cost=(1, 3, 5, 7), minmax=True)
    np.testing.assert_allclose(r.closeness, c, rtol=1e-12)
    assert isinstance(r.closeness, np.ndarray)


def test_topsis_properties():
    rng = np.random.default_rng(9)
    X = rng.uniform(1, 10, size=(50, 5))
    X[10] = X[3]  # a duplicate alternative
    w = np.array([0.1, 0.2, 0.3, 0.2, 0.2])
    for norm in ("vector", "minmax"):
        r = lb.rank.topsis(X, w, normalization=norm)
        assert r.rank[10] == r.rank[3] and r.closeness[10] == r.closeness[3]
        Y = X.copy()
        Y[:, 2] *= 1e4  # scaling a benefit column: both normalisations are invariant to it
        np.testing.assert_allclose(lb.rank.topsis(Y, w, normalization=norm).closeness, r.closeness, rtol=1e-12)
        np.testing.assert_allclose(lb.rank.topsis(X, 5 * w, normalization=norm).closeness, r.closeness, rtol=1e-12)
        # Fortran order is read in place and gives the same result.
        np.testing.assert_array_equal(lb.rank.topsis(np.asfortranarray(X), w, normalization=norm).rank, r.rank)


def test_weights_align_by_column_label():
    shuffled = pd.Series(FIGHTER_WEIGHTS, index=FIGHTERS.columns).iloc[::-1]
    a = lb.rank.topsis(FIGHTERS, shuffled, directions=FIGHTER_DIRECTIONS)
    b = lb.rank.topsis(FIGHTERS, FIGHTER_WEIGHTS, directions=FIGHTER_DIRECTIONS)
    pd.testing.assert_series_equal(a.closeness, b.closeness)
    with pytest.raises(lb.AnalyticsError, match="no value for the column"):
        lb.rank.topsis(FIGHTERS, shuffled.iloc[1:])


def test_topsis_degenerate_data_is_defined():
    same = lb.rank.topsis(np.ones((4, 3)), [1, 1, 1])
    assert list(same.closeness) == [0.5] * 4 and list(same.rank) == [1] * 4
    zero = lb.rank.topsis([[0.0, 1.0], [0.0, 2.0]], [0.5, 0.5])
    assert not np.isnan(zero.closeness).any()
    with pytest.raises(lb.AnalyticsError) as info:
        lb.rank.topsis([[1.0, np.nan], [2.0, 3.0]], [1, 1])
    assert info.value.argument == "X[0][1]"
    with pytest.raises(lb.AnalyticsError, match="unknown direction"):
        lb.rank.topsis(FIGHTERS, FIGHTER_WEIGHTS, directions="up")


def _vikor_numpy(X, w, cost=(), v=0.5):
    X = np.asarray(X, dtype=float)
    benefit = np.array([j not in cost for j in range(X.shape[1])])
    best = np.where(benefit, X.max(0), X.min(0))
    worst = np.where(benefit, X.min(0), X.max(0))
    T = np.asarray(w) * (best - X) / (best - worst)
    S, R = T.sum(1), T.max(1)
    Q = v * (S - S.min()) / (S.max() - S.min()) + (1 - v) * (R - R.min()) / (R.max() - R.min())
    return S, R, Q


def test_vikor_on_the_fighters_matches_numpy():
    for v in (0.0, 0.5, 0.9):
        r = lb.rank.vikor(FIGHTERS, FIGHTER_WEIGHTS, directions=FIGHTER_DIRECTIONS, v=v)
        S, R, Q = _vikor_numpy(FIGHTERS, FIGHTER_WEIGHTS, cost=(3,), v=v)
        np.testing.assert_allclose(r.S, S, rtol=1e-13)
        np.testing.assert_allclose(r.R, R, rtol=1e-13)
        np.testing.assert_allclose(r.Q, Q, rtol=1e-12, atol=1e-15)
        assert list(r.rank) == list(pd.Series(Q).rank(method="min").astype(int))
        # The compromise set follows step 5 (checked here independently).
        order = np.argsort(Q, kind="stable")
        dq = 1 / (len(Q) - 1)
        c1 = Q[order[1]] - Q[order[0]] >= dq - 1e-12
        c2 = S[order[0]] == S.min() or R[order[0]] == R.min()
        assert r.acceptable_advantage == c1 and r.acceptable_stability == c2
        if c1 and c2:
            expected = [order[0]]
        elif c1:
            expected = list(order[:2])
        else:
            expected = [i for i in order if Q[i] - Q[order[0]] < dq - 1e-12]
        assert r.compromise == [FIGHTERS.index[i] for i in expected]


def test_vikor_degenerate_and_errors():
    same = lb.rank.vikor(np.ones((3, 2)), [1, 1])
    assert list(same.Q) == [0, 0, 0]
    with pytest.raises(lb.AnalyticsError, match="v"):
        lb.rank.vikor(FIGHTERS, FIGHTER_WEIGHTS, v=1.5)
    assert "compromise" in repr(lb.rank.vikor(FIGHTERS, FIGHTER_WEIGHTS))


def test_weighted_sum_matches_numpy():
    X = FIGHTERS.to_numpy()
    w = np.array(FIGHTER_WEIGHTS)
    r = lb.rank.weighted_sum(FIGHTERS, FIGHTER_WEIGHTS, directions=FIGHTER_DIRECTIONS, normalization="max")
    Rn = X / X.max(0)
    Rn[:, 3] = X[:, 3].min() / X[:, 3]
    np.testing.assert_allclose(r.score, Rn @ w, rtol=1e-13)
    plain = lb.rank.weighted_sum(X, w)
    np.testing.assert_allclose(plain.score, X @ w, rtol=1e-13)
    assert list(r.to_frame().columns) == ["score", "rank"]


def test_tie_methods():
    X = np.array([[1.0], [3.0], [3.0], [0.0]])
    assert list(lb.rank.weighted_sum(X, [1]).rank) == [3, 1, 1, 4]
    assert list(lb.rank.weighted_sum(X, [1], ties="dense").rank) == [2, 1, 1, 3]
    assert list(lb.rank.weighted_sum(X, [1], ties="first").rank) == [3, 1, 2, 4]
    assert list(lb.rank.weighted_sum(X, [1], ties="max").rank) == [3, 2, 2, 4]


def test_scorecard_ranks_branches_by_topsis_over_standards_and_indicators():
    card = lb.Engine().score(lb.load(lb.sample_path()), year=2025)
    r = card.rank()
    summary = card.summary
    standards = list(card.standards.index)
    c, _, _ = _topsis_numpy(summary[standards], card.standards["max_points"].to_numpy())
    np.testing.assert_allclose(r.closeness.to_numpy(), c, rtol=1e-12)
    assert list(r.closeness.index) == list(summary.index)
    ind = card.rank(over="indicators", method="weighted_sum")
    # Weighted by their own points, the weighted sum of indicator points ranks like Σ P·points.
    keep = ~card.indicators["bonus"].to_numpy(dtype=bool)
    pts = np.asarray(card.arrays.points)[:, keep]
    np.testing.assert_allclose(ind.score.to_numpy(), pts @ card.indicators["max_points"].to_numpy()[keep], rtol=1e-12)
    v = card.rank(method="vikor", v=0.3)
    assert set(v.compromise) <= set(summary.index)
    with pytest.raises(ValueError, match="over"):
        card.rank(over="metrics")


def test_topsis_and_vikor_reproduce_papathanasiou_ploskas_2018():
    """Papathanasiou & Ploskas (2018) Multiple Criteria Decision Aid, Springer, the facility-location
    example of chapters 1 and 2 (printed figures as pyrepo-mcda's test suite reproduces them)."""
    X = pd.DataFrame([[8, 7, 2, 1], [5, 3, 7, 5], [7, 5, 6, 4], [9, 9, 7, 3], [11, 10, 3, 7], [6, 9, 5, 4]],
                     index=[f"A{i}" for i in range(1, 7)], columns=["c1", "c2", "c3", "c4"], dtype=float)
    w = {"c1": 0.4, "c2": 0.3, "c3": 0.1, "c4": 0.2}
    t = lb.rank.topsis(X, w)
    assert list(t.closeness.round(3)) == [0.387, 0.327, 0.391, 0.615, 0.868, 0.493]
    assert list(t.rank) == [5, 6, 4, 2, 1, 3]
    v = lb.rank.vikor(X, w, v=0.625)
    assert list(v.Q.round(3)) == [0.640, 1.000, 0.693, 0.271, 0.000, 0.694]
    assert v.compromise[0] == "A5"
