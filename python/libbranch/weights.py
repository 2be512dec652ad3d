"""Criteria weights (赋权): AHP (层次分析法), entropy (熵权法), CRITIC and their combination (组合赋权).

    >>> import libbranch as lb
    >>> r = lb.weights.ahp([[1, 3, 5], [1/3, 1, 2], [1/5, 1/2, 1]], labels=["a", "b", "c"])
    >>> r.weights            # a Series over the labels, summing to 1
    >>> r.cr <= 0.1          # Saaty's acceptance threshold (r.consistent)

Inputs are numpy arrays, nested lists or pandas objects; results are pandas objects when the
input was labelled (a DataFrame, or ``labels=``) and numpy arrays otherwise. Every convention
(normalisation, random-index table, 0·ln 0 = 0, constant columns) is named in
``docs/analytics.md`` and computed by the C++ library (``libbranch/weights.hpp``). Bad arguments
raise :class:`libbranch.AnalyticsError` naming the argument and the cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np

from . import _core
from ._analytics_input import decision_matrix, error, is_pandas, labelled, per_column
from ._analytics_input import directions as _direction_names

__all__ = [
    "AhpResult",
    "HierarchyResult",
    "EntropyResult",
    "CriticResult",
    "ahp",
    "hierarchy",
    "synthesize",
    "random_index",
    "entropy",
    "critic",
    "combine",
]

#: Saaty's threshold: a matrix with CR ≤ 0.1 is acceptably consistent.
CR_THRESHOLD = 0.1


def _frame(columns: dict, index):
    import pandas as pd

    return pd.DataFrame(columns, index=index)


@dataclass(frozen=True)
class AhpResult:
    """Priorities and consistency of one pairwise matrix."""

    weights: Any  #: priority vector (Series over the labels, or ndarray), sums to 1
    lambda_max: float  #: principal eigenvalue (eigenvector) or Saaty's estimate (other methods)
    ci: float  #: consistency index (λmax − n)/(n − 1); 0 for n ≤ 2
    ri: float  #: random index of the chosen table
    cr: float  #: consistency ratio CI/RI; 0 for n ≤ 2
    method: str
    ri_table: str

    @property
    def consistent(self) -> bool:
        """CR ≤ 0.1 (Saaty)."""
        return self.cr <= CR_THRESHOLD

    def to_frame(self):
        return _frame({"weight": np.asarray(self.weights)}, getattr(self.weights, "index", None))

    def __repr__(self) -> str:
        w = np.asarray(self.weights)
        return (f"AhpResult(n={w.size}, method={self.method!r}, ri={self.ri_table!r}, lambda_max={self.lambda_max:.6g}, "
                f"CI={self.ci:.4g}, CR={self.cr:.4g}{'' if self.consistent else ' > 0.1'})")


def ahp(matrix, method: str = "eigenvector", ri: str = "saaty1980", labels: Sequence | None = None,
        reciprocal_tolerance: float = 0.01) -> AhpResult:
    """AHP priorities of a positive reciprocal pairwise matrix (n up to 15 with Saaty's tables,
    20 with ``ri="donegan_dodd"``).

    method: ``"eigenvector"`` (Saaty's principal eigenvector, the default), ``"geometric_mean"``
    (方根法) or ``"column_mean"`` (和积法). ri: ``"saaty1980"`` (default), ``"saaty2005"`` or
    ``"donegan_dodd"``. The upper triangle is authoritative: each a_ji must be within
    ``reciprocal_tolerance`` (relative) of 1/a_ij and is then replaced by it, so 0.333 counts as 1/3.
    A DataFrame's index gives the labels."""
    if labels is None and is_pandas(matrix):
        labels = list(matrix.index)
    a = np.asarray(matrix, dtype=np.float64)
    if a.ndim != 2:
        raise error("matrix", f"must be 2-dimensional, is {a.ndim}-dimensional")
    if labels is not None and len(labels) != a.shape[0]:
        raise error("labels", f"has {len(labels)} entries for a {a.shape[0]} × {a.shape[1]} matrix")
    d = _core.ahp(a, method, ri, float(reciprocal_tolerance))
    return AhpResult(labelled(d["weights"], None if labels is None else list(labels), "weight"), d["lambda_max"],
                     d["ci"], d["ri"], d["cr"], method, ri)


def random_index(n: int, ri: str = "saaty1980") -> float:
    """RI(n) of the named table (0 for n ≤ 2)."""
    return _core.random_index(ri, int(n))


@dataclass(frozen=True)
class HierarchyResult:
    """Global weights of a two-level hierarchy (standards → indicators)."""

    global_weights: Any  #: Series indexed by (parent, child) labels when labelled, else ndarray
    cr: float  #: Saaty's hierarchic CR: Σ w_k CI_k / Σ w_k RI_k

    def to_frame(self):
        return _frame({"global_weight": np.asarray(self.global_weights)}, getattr(self.global_weights, "index", None))


def hierarchy(parent: AhpResult, children: Mapping[Any, AhpResult] | Sequence[AhpResult]) -> HierarchyResult:
    """Hierarchical AHP: child k's elements get parent.weights[k] × their local weight.

    ``children`` is a sequence in the parent's order, or a mapping from the parent's labels to the
    children (then the result is a Series with a (parent, child) MultiIndex)."""
    pw = parent.weights
    if isinstance(children, Mapping):
        if not is_pandas(pw):
            raise error("children", "a mapping needs a labelled parent (ahp(..., labels=...))")
        unknown = [k for k in children if k not in set(pw.index)]
        missing = [k for k in pw.index if k not in children]
        if unknown or missing:
            raise error("children", f"must map each parent label once (missing {missing!r}, unknown {unknown!r})")
        ordered = [(k, children[k]) for k in pw.index]
    else:
        ordered = list(enumerate(children))
    d = _core.ahp_hierarchy(np.asarray(pw, dtype=np.float64),
                            [(np.asarray(c.weights, dtype=np.float64), c.ci, c.ri) for _, c in ordered])
    gw = d["global_weights"]
    if all(is_pandas(c.weights) for _, c in ordered) and ordered:
        import pandas as pd

        index = pd.MultiIndex.from_tuples([(k, lab) for k, c in ordered for lab in c.weights.index],
                                          names=["parent", "child"])
        gw = pd.Series(gw, index=index, name="global_weight")
    return HierarchyResult(gw, d["cr"])


def synthesize(criteria_weights, priorities):
    """Overall priorities of alternatives: ``priorities`` (alternatives × criteria local
    priorities, a DataFrame or 2-d array) times the criteria weights (Saaty's distributive mode)."""
    P, rows, cols = decision_matrix(priorities)
    w = per_column(criteria_weights, cols, P.shape[1], "criteria_weights")
    return labelled(_core.ahp_synthesize(w, np.asfortranarray(P)), rows, "priority")


@dataclass(frozen=True)
class EntropyResult:
    """Entropy weights (熵权法) and their parts."""

    weights: Any  #: w_j = d_j / Σ d_j
    entropy: Any  #: e_j = −Σ p ln p / ln m (0 · ln 0 = 0)
    divergence: Any  #: d_j = 1 − e_j
    variant: str

    def to_frame(self):
        idx = getattr(self.weights, "index", None)
        return _frame({"entropy": np.asarray(self.entropy), "divergence": np.asarray(self.divergence),
                       "weight": np.asarray(self.weights)}, idx)


def entropy(X, variant: str = "raw", directions=None, shift: float = 0.0) -> EntropyResult:
    """Entropy weights of the columns of X (alternatives × criteria, at least 2 rows).

    variant ``"raw"`` (Hwang & Yoon 1981: p = x / Σx on the data as given; needs x ≥ 0 and
    benefit columns only) or ``"minmax"`` (the 正向化 of Chinese practice: benefit (x − min)/(max −
    min), cost (max − x)/(max − min), then + ``shift``). A constant column gets weight 0; every
    column constant raises AnalyticsError."""
    A, _, cols = decision_matrix(X)
    dirs = _direction_names(directions, cols, A.shape[1])
    d = _core.entropy(np.asfortranarray(A), variant, dirs, float(shift))
    return EntropyResult(labelled(d["weights"], cols, "weight"), labelled(d["entropy"], cols, "entropy"),
                         labelled(d["divergence"], cols, "divergence"), variant)


@dataclass(frozen=True)
class CriticResult:
    """CRITIC weights (Diakoulaki et al. 1995) and their parts."""

    weights: Any  #: w_j = C_j / Σ C_j
    stddev: Any  #: σ of the min-max normalised column (sample)
    information: Any  #: C_j = σ_j Σ_k (1 − r_jk)
    correlation: Any  #: r_jk (DataFrame when labelled)
    method: str

    def to_frame(self):
        idx = getattr(self.weights, "index", None)
        return _frame({"stddev": np.asarray(self.stddev), "information": np.asarray(self.information),
                       "weight": np.asarray(self.weights)}, idx)


def critic(X, correlation: str = "pearson", directions=None) -> CriticResult:
    """CRITIC weights of the columns of X (at least 2 rows). Columns are min-max normalised with
    cost columns turned round, (max − x)/(max − min), before σ and the correlations
    (``"pearson"`` or ``"spearman"``, average ranks for ties) are taken. A constant column gets
    weight 0 and counts as uncorrelated with the others."""
    A, _, cols = decision_matrix(X)
    dirs = _direction_names(directions, cols, A.shape[1])
    d = _core.critic(np.asfortranarray(A), correlation, dirs)
    corr = d["correlation"]
    if cols is not None:
        corr = _frame({c: corr[:, j] for j, c in enumerate(cols)}, cols)
    return CriticResult(labelled(d["weights"], cols, "weight"), labelled(d["stddev"], cols, "stddev"),
                        labelled(d["information"], cols, "information"), corr, correlation)


def combine(subjective, objective, alpha: float = 0.5):
    """组合赋权: α · subjective + (1 − α) · objective. Both must be ≥ 0 and sum to 1; two Series
    are aligned by label (they must have the same labels)."""
    labels = None
    if is_pandas(subjective) and is_pandas(objective):
        if set(subjective.index) != set(objective.index):
            raise error("objective", "has other labels than subjective")
        labels = subjective.index
        objective = objective.reindex(labels)
    elif is_pandas(subjective) or is_pandas(objective):
        labels = (subjective if is_pandas(subjective) else objective).index
    s = np.asarray(subjective, dtype=np.float64).reshape(-1)
    o = np.asarray(objective, dtype=np.float64).reshape(-1)
    return labelled(_core.combine(s, o, float(alpha)), labels, "weight")
