"""Ranking alternatives (branches) on several criteria: TOPSIS, VIKOR and the weighted sum.

    >>> import libbranch as lb
    >>> r = lb.rank.topsis(df, weights={"cost": .2, "quality": .8}, directions={"cost": "cost"})
    >>> r.to_frame().sort_values("rank")

X is alternatives × criteria (a DataFrame, or a 2-d array: a float64 array in C or Fortran order
is read in place, never copied); weights are one per criterion (array, or a Series / dict by
column label), ≥ 0, used as given (TOPSIS and VIKOR do not depend on their scale); directions
are ``"benefit"`` / ``"cost"``: None (all benefit), one string, a sequence, or a dict naming the
cost columns. Ranks are 1 = best; ties share the best rank by default (``ties="min"``: 1, 2, 2, 4;
also ``"max"``, ``"dense"``, ``"first"``). Conventions: ``docs/analytics.md``; the computation is
the C++ library's (``libbranch/ranking.hpp``), with the GIL released.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from . import _core
from ._analytics_input import decision_matrix, labelled, per_column
from ._analytics_input import directions as _direction_names

__all__ = ["TopsisResult", "VikorResult", "WeightedSumResult", "topsis", "vikor", "weighted_sum"]


def _frame(columns: dict, index):
    import pandas as pd

    return pd.DataFrame(columns, index=index)


def _prepare(X, weights, directions):
    A, rows, cols = decision_matrix(X)
    w = per_column(weights, cols, A.shape[1], "weights")
    return A, rows, cols, w, _direction_names(directions, cols, A.shape[1])


@dataclass(frozen=True)
class TopsisResult:
    """TOPSIS (Hwang & Yoon 1981)."""

    closeness: Any  #: C = D⁻ / (D⁺ + D⁻); 0.5 when every alternative is the same
    rank: Any  #: 1 = highest closeness
    ideal: Any  #: A⁺ in the weighted normalised space, per criterion
    anti_ideal: Any  #: A⁻
    d_plus: Any  #: distance to A⁺
    d_minus: Any  #: distance to A⁻
    normalization: str

    def to_frame(self):
        return _frame({"closeness": np.asarray(self.closeness), "rank": np.asarray(self.rank),
                       "d_plus": np.asarray(self.d_plus), "d_minus": np.asarray(self.d_minus)},
                      getattr(self.closeness, "index", None))

    def __repr__(self) -> str:
        return f"TopsisResult(m={np.asarray(self.closeness).size}, normalization={self.normalization!r})"


def topsis(X, weights, directions=None, normalization: str = "vector", ties: str = "min") -> TopsisResult:
    """TOPSIS closeness and ranks. normalization ``"vector"`` (x / √Σx², Hwang & Yoon's default; a
    column of zeros contributes nothing) or ``"minmax"`` (benefit (x − min)/(max − min), cost
    (max − x)/(max − min); a constant column contributes nothing)."""
    A, rows, cols, w, dirs = _prepare(X, weights, directions)
    d = _core.topsis(A, w, dirs, normalization, ties)
    return TopsisResult(labelled(d["closeness"], rows, "closeness"), labelled(d["rank"], rows, "rank"),
                        labelled(d["ideal"], cols, "ideal"), labelled(d["anti_ideal"], cols, "anti_ideal"),
                        labelled(d["d_plus"], rows, "d_plus"), labelled(d["d_minus"], rows, "d_minus"), normalization)


@dataclass(frozen=True)
class VikorResult:
    """VIKOR (Opricovic & Tzeng 2004)."""

    S: Any  #: group utility Σ_j w_j (f*_j − f_ij)/(f*_j − f⁻_j)
    R: Any  #: individual regret, the largest term
    Q: Any  #: compromise index v·(S − S*)/(S⁻ − S*) + (1 − v)·(R − R*)/(R⁻ − R*)
    rank: Any  #: 1 = lowest Q
    compromise: list  #: the compromise solution(s), best first (row labels, or positions)
    acceptable_advantage: bool  #: C1: Q(A(2)) − Q(A(1)) ≥ 1/(m − 1)
    acceptable_stability: bool  #: C2: A(1) is also best by S or by R
    v: float

    def to_frame(self):
        return _frame({"S": np.asarray(self.S), "R": np.asarray(self.R), "Q": np.asarray(self.Q),
                       "rank": np.asarray(self.rank)}, getattr(self.Q, "index", None))

    def __repr__(self) -> str:
        return (f"VikorResult(m={np.asarray(self.Q).size}, v={self.v}, compromise={self.compromise!r}, "
                f"C1={self.acceptable_advantage}, C2={self.acceptable_stability})")


def vikor(X, weights, directions=None, v: float = 0.5, ties: str = "min") -> VikorResult:
    """VIKOR S, R, Q, ranks (by Q) and the compromise set with both conditions (C1 acceptable
    advantage, C2 acceptable stability). A constant criterion contributes 0 to S and R; a part of
    Q whose range is 0 contributes 0."""
    A, rows, _cols, w, dirs = _prepare(X, weights, directions)
    d = _core.vikor(A, w, dirs, float(v), ties)
    compromise = [int(i) for i in d["compromise"]]
    if rows is not None:
        compromise = [rows[i] for i in compromise]
    return VikorResult(labelled(d["S"], rows, "S"), labelled(d["R"], rows, "R"), labelled(d["Q"], rows, "Q"),
                       labelled(d["rank"], rows, "rank"), compromise, bool(d["acceptable_advantage"]),
                       bool(d["acceptable_stability"]), float(v))


@dataclass(frozen=True)
class WeightedSumResult:
    """Weighted sum (简单加权)."""

    score: Any  #: Σ_j w_j r_ij
    rank: Any  #: 1 = highest score
    normalization: str

    def to_frame(self):
        return _frame({"score": np.asarray(self.score), "rank": np.asarray(self.rank)},
                      getattr(self.score, "index", None))


def weighted_sum(X, weights, directions=None, normalization: str = "none", ties: str = "min") -> WeightedSumResult:
    """Weighted sum with normalization ``"none"`` (values as given, e.g. points; a cost criterion
    counts −w·x), ``"minmax"`` (every criterion to [0, 1], 1 = best) or ``"max"`` (benefit x / max,
    cost min / x; needs x > 0 in cost columns)."""
    A, rows, _cols, w, dirs = _prepare(X, weights, directions)
    d = _core.weighted_sum(A, w, dirs, normalization, ties)
    return WeightedSumResult(labelled(d["score"], rows, "score"), labelled(d["rank"], rows, "rank"), normalization)


_METHODS = {"topsis": topsis, "vikor": vikor, "weighted_sum": weighted_sum}


def scorecard(card, method: str = "topsis", over: str = "standards", weights=None, directions=None, **options):
    """Ranks the branches of a :class:`libbranch.Scorecard` by TOPSIS (or ``"vikor"``,
    ``"weighted_sum"``) over their standard scores (``over="standards"``) or indicator points
    (``over="indicators"``; bonuses left out, an excluded indicator counts its 0 points).

    Weights default to the maxima the rubric gives (the standards' ``max_points``, which are the
    AHP-weighted maxima when the rubric has ``"weights"``, or the indicators' points): the rubric's
    own view of importance. Every criterion is a benefit (more points are better) unless
    ``directions`` say otherwise. ``options`` go to the method (``normalization``, ``ties``, ``v``).
    The result is indexed by branch_id."""
    import pandas as pd

    if method not in _METHODS:
        raise ValueError(f"method must be one of {sorted(_METHODS)}, not {method!r}")
    a = card.arrays
    index = card.branch_ids
    if over == "standards":
        st = card.standards
        X = pd.DataFrame(np.asarray(a.standard_scores), index=index, columns=st.index)
        default = st["max_points"]
    elif over == "indicators":
        ind = card.indicators
        keep = ~ind["bonus"].to_numpy(dtype=bool)
        X = pd.DataFrame(np.asarray(a.points)[:, keep], index=index, columns=ind.index[keep])
        default = ind["max_points"][keep]
    else:
        raise ValueError(f"over must be 'standards' or 'indicators', not {over!r}")
    return _METHODS[method](X, default if weights is None else weights, directions=directions, **options)
