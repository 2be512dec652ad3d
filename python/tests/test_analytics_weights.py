"""libbranch.weights: AHP against Saaty's published examples; entropy and CRITIC against small
independent numpy implementations of the textbook formulas (written here, not taken from the
library's output); pandas in and out; errors."""

import numpy as np
import pandas as pd
import pytest

import libbranch as lb

# Saaty, T.L. (2008) "Decision making with the analytic hierarchy process", Int. J. Services
# Sciences 1(1):83–98, Table 2 (relative consumption of drinks in the US); published eigenvector
# to 3 decimals and C.R. = 0.022 (with the RI of Saaty's 2005 table).
DRINKS = ["coffee", "wine", "tea", "beer", "soda", "milk", "water"]
DRINKS_MATRIX = [
    [1, 9, 5, 2, 1, 1, 1 / 2],
    [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
    [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
    [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [1, 9, 4, 2, 1, 2, 1 / 2],
    [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [2, 9, 9, 3, 2, 3, 1],
]
DRINKS_PUBLISHED = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]


def test_ahp_reproduces_saaty_2008_drinks():
    r = lb.weights.ahp(DRINKS_MATRIX, ri="saaty2005", labels=DRINKS)
    assert isinstance(r.weights, pd.Series)
    assert list(r.weights.index) == DRINKS
    assert list(r.weights.round(3)) == DRINKS_PUBLISHED
    assert round(r.cr, 3) == 0.022
    assert r.consistent
    assert r.weights.sum() == pytest.approx(1, abs=1e-12)


def test_ahp_eigenvector_agrees_with_numpy():
    # Independent: numpy's eigen-decomposition of the same matrix.
    a = np.array(DRINKS_MATRIX)
    vals, vecs = np.linalg.eig(a)
    k = np.argmax(vals.real)
    w = np.abs(vecs[:, k].real)
    w /= w.sum()
    r = lb.weights.ahp(a)
    np.testing.assert_allclose(r.weights, w, rtol=1e-10)
    assert r.lambda_max == pytest.approx(vals[k].real, rel=1e-12)
    assert r.cr == pytest.approx((vals[k].real - 7) / 6 / 1.32, rel=1e-10)  # Saaty 1980 RI(7) = 1.32


def test_ahp_labels_from_a_dataframe_and_a_table():
    df = pd.DataFrame(DRINKS_MATRIX, index=DRINKS, columns=DRINKS)
    r = lb.weights.ahp(df, method="geometric_mean")
    assert list(r.weights.index) == DRINKS
    assert list(r.to_frame().columns) == ["weight"]
    assert "CR=" in repr(r)
    assert lb.weights.random_index(7, "saaty2005") == 1.35


def test_ahp_hierarchy_with_labels():
    top = lb.weights.ahp([[1, 1.5], [1 / 1.5, 1]], labels=["fortress", "cohesion"])
    f = lb.weights.ahp([[1, 3], [1 / 3, 1]], labels=["committee", "congress"])
    c = lb.weights.ahp(np.ones((3, 3)), labels=["visits", "talks", "aid"])
    h = lb.weights.hierarchy(top, {"cohesion": c, "fortress": f})
    assert h.global_weights[("fortress", "committee")] == pytest.approx(0.6 * 0.75)
    assert h.global_weights[("cohesion", "aid")] == pytest.approx(0.4 / 3)
    assert h.global_weights.sum() == pytest.approx(1)
    assert list(h.global_weights.index.get_level_values(0)) == ["fortress"] * 2 + ["cohesion"] * 3


def test_ahp_names_the_non_reciprocal_cell():
    with pytest.raises(lb.AnalyticsError) as info:
        lb.weights.ahp([[1, 3, 2], [1 / 3, 1, 4], [0.25, 0.25, 1]])
    assert info.value.argument == "matrix[2][0]"
    assert "not reciprocal" in str(info.value)
    assert isinstance(info.value, ValueError) and isinstance(info.value, lb.Error)
    with pytest.raises(lb.AnalyticsError, match="unknown random-index table"):
        lb.weights.ahp(np.ones((3, 3)), ri="saaty")


def _entropy_numpy(X, minmax=False, cost=(), shift=0.0):
    """The textbook formula, independently: p = x/Σx, e = −Σ p ln p / ln m (0 ln 0 = 0)."""
    X = np.asarray(X, dtype=float)
    m, n = X.shape
    e = np.ones(n)
    for j in range(n):
        x = X[:, j]
        if x.max() == x.min():
            continue
        if minmax:
            x = (x.max() - x) / (x.max() - x.min()) if j in cost else (x - x.min()) / (x.max() - x.min())
            x = x + shift
        p = x / x.sum()
        nz = p[p > 0]
        e[j] = -(nz * np.log(nz)).sum() / np.log(m)
    d = 1 - e
    return d / d.sum(), e


def test_entropy_matches_an_independent_numpy_computation():
    rng = np.random.default_rng(7)
    X = rng.uniform(0, 100, size=(40, 6))
    X[:, 2] = 5.0  # a constant column
    X[3, 4] = 0.0  # a zero: 0 ln 0 = 0
    w, e = _entropy_numpy(X)
    r = lb.weights.entropy(X)
    np.testing.assert_allclose(r.weights, w, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(r.entropy, e, rtol=1e-12)
    assert r.weights[2] == 0
    w2, _ = _entropy_numpy(X, minmax=True, cost=(1, 5), shift=0.01)
    r2 = lb.weights.entropy(X, "minmax", directions=["benefit", "cost", "benefit", "benefit", "benefit", "cost"], shift=0.01)
    np.testing.assert_allclose(r2.weights, w2, rtol=1e-12, atol=1e-15)


def test_entropy_with_pandas_and_degenerate_data():
    df = pd.DataFrame({"visits": [1.0, 3.0], "talks": [0.0, 4.0], "brand": [5.0, 5.0]}, index=["b1", "b2"])
    r = lb.weights.entropy(df)
    assert list(r.weights.index) == ["visits", "talks", "brand"]
    assert r.weights["brand"] == 0
    assert list(r.to_frame().columns) == ["entropy", "divergence", "weight"]
    with pytest.raises(lb.AnalyticsError, match="every column is constant"):
        lb.weights.entropy(df[["brand"]])
    with pytest.raises(lb.AnalyticsError) as info:
        lb.weights.entropy([[1.0, -1.0], [2.0, 3.0]])
    assert info.value.argument == "X[0][1]"
    r2 = lb.weights.entropy(df, "minmax", directions={"talks": "cost"})
    assert not np.isnan(r2.weights).any()


def _critic_numpy(X, cost=(), spearman=False):
    X = np.asarray(X, dtype=float)
    lo, hi = X.min(0), X.max(0)
    R = (X - lo) / (hi - lo)
    for j in cost:
        R[:, j] = (hi[j] - X[:, j]) / (hi[j] - lo[j])
    sd = R.std(axis=0, ddof=1)
    basis = pd.DataFrame(R).rank(method="average").to_numpy() if spearman else R
    corr = np.corrcoef(basis, rowvar=False)
    C = sd * (1 - corr).sum(axis=0)
    return C / C.sum(), corr


def test_critic_matches_an_independent_numpy_computation():
    rng = np.random.default_rng(11)
    X = rng.normal(50, 10, size=(30, 5))
    for cost, spearman in [((), False), ((1, 3), False), ((2,), True)]:
        w, corr = _critic_numpy(X, cost, spearman)
        dirs = ["cost" if j in cost else "benefit" for j in range(5)]
        r = lb.weights.critic(X, "spearman" if spearman else "pearson", dirs)
        np.testing.assert_allclose(r.weights, w, rtol=1e-10)
        np.testing.assert_allclose(r.correlation, corr, rtol=1e-10, atol=1e-12)


def test_critic_is_invariant_to_positive_affine_changes_of_a_column():
    rng = np.random.default_rng(3)
    df = pd.DataFrame(rng.uniform(size=(20, 4)), columns=list("abcd"))
    a = lb.weights.critic(df)
    df2 = df.assign(b=df.b * 1000 + 7)
    b = lb.weights.critic(df2)
    pd.testing.assert_series_equal(a.weights, b.weights, rtol=1e-10)
    assert isinstance(a.correlation, pd.DataFrame) and list(a.correlation.columns) == list("abcd")


def test_critic_constant_columns_get_zero_weight():
    X = np.array([[1, 1, 7], [2, 3, 7], [3, 2, 7]], dtype=float)
    r = lb.weights.critic(X)
    assert r.weights[2] == 0
    assert r.weights[0] == pytest.approx(0.5)
    with pytest.raises(lb.AnalyticsError):
        lb.weights.critic(np.ones((3, 2)))


def test_combine_aligns_series_by_label():
    s = pd.Series({"a": 0.5, "b": 0.3, "c": 0.2})
    o = pd.Series({"c": 0.6, "a": 0.2, "b": 0.2})
    c = lb.weights.combine(s, o, alpha=0.25)
    assert c["a"] == pytest.approx(0.25 * 0.5 + 0.75 * 0.2)
    assert c["c"] == pytest.approx(0.25 * 0.2 + 0.75 * 0.6)
    assert c.sum() == pytest.approx(1)
    with pytest.raises(lb.AnalyticsError, match="alpha"):
        lb.weights.combine(s, o, alpha=2)


def test_objective_then_subjective_weights_feed_a_ranking():
    """The usual pipeline: entropy and AHP weights, combined, then TOPSIS."""
    df = pd.DataFrame({"a": [3.0, 1, 2, 5], "b": [10.0, 30, 20, 5], "c": [1.0, 1, 2, 2]}, index=list("wxyz"))
    obj = lb.weights.entropy(df).weights
    subj = lb.weights.ahp([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]], labels=list("abc")).weights
    w = lb.weights.combine(subj, obj, 0.5)
    r = lb.rank.topsis(df, w, directions={"b": "cost"})
    pd.testing.assert_series_equal(r.rank, (-r.closeness).rank(method="min").astype(r.rank.dtype), check_names=False)
    assert r.closeness.between(0, 1).all()


def test_entropy_reproduces_xu_2004():
    """Xu (2004) EJOR 156(2):530–532 (printed weights as pyrepo-mcda's test suite reproduces them)."""
    X = [[30, 30, 38, 29], [19, 54, 86, 29], [19, 15, 85, 28.9], [68, 70, 60, 29]]
    assert list(np.round(lb.weights.entropy(X).weights, 4)) == [0.4630, 0.3992, 0.1378, 0.0000]
