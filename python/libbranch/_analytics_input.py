"""Argument handling shared by :mod:`libbranch.weights` and :mod:`libbranch.rank`: numpy arrays,
lists and pandas objects in; labels kept so that results come back as pandas objects exactly when
labelled data went in."""

from __future__ import annotations

import numpy as np

from ._core import AnalyticsError


def error(argument: str, message: str) -> AnalyticsError:
    """An AnalyticsError as the compiled functions raise it: 'ARGUMENT: message', .argument set."""
    e = AnalyticsError(f"{argument}: {message}")
    e.argument = argument
    return e


def _pandas():
    import pandas as pd

    return pd


def is_pandas(x) -> bool:
    pd = _pandas()
    return isinstance(x, (pd.DataFrame, pd.Series))


def decision_matrix(X):
    """(array, row labels or None, column labels or None). C-ordered float64 arrays pass through
    without a copy (the compiled functions read them in place)."""
    pd = _pandas()
    if isinstance(X, pd.DataFrame):
        for c in X.columns:
            if not pd.api.types.is_numeric_dtype(X[c]) or pd.api.types.is_bool_dtype(X[c]):
                raise error("X", f"column {c!r} is not numeric ({X[c].dtype})")
        return X.to_numpy(dtype=np.float64), X.index, X.columns
    a = np.asarray(X)
    if a.dtype != np.float64:
        a = a.astype(np.float64)
    if a.ndim != 2:
        raise error("X", f"must be 2-dimensional (alternatives × criteria), is {a.ndim}-dimensional")
    return a, None, None


def per_column(values, columns, n, name):
    """A vector of one number per criterion: array-like, or a Series / dict aligned by label."""
    pd = _pandas()
    if isinstance(values, dict):
        values = pd.Series(values, dtype=np.float64)
    if isinstance(values, pd.Series) and columns is not None:
        missing = [c for c in columns if c not in values.index]
        if missing:
            raise error(name, f"has no value for the column(s) {missing!r}")
        extra = [c for c in values.index if c not in set(columns)]
        if extra:
            raise error(name, f"has values for unknown column(s) {extra!r}")
        values = values.reindex(columns)
    v = np.asarray(values, dtype=np.float64).reshape(-1)
    if v.size != n:
        raise error(name, f"has {v.size} entries for {n} columns")
    return v


def directions(given, columns, n):
    """A list of 'benefit' / 'cost' strings, one per column. Accepts None (all benefit), one string
    for every column, a sequence, or (labelled data) a dict / Series naming the cost columns."""
    pd = _pandas()
    if given is None:
        return []
    if isinstance(given, str):
        return [given] * n
    if isinstance(given, (dict, pd.Series)):
        given = dict(given)
        if columns is None:
            raise error("directions", "a mapping needs labelled columns (a DataFrame)")
        unknown = [c for c in given if c not in set(columns)]
        if unknown:
            raise error("directions", f"names unknown column(s) {unknown!r}")
        return [str(given.get(c, "benefit")) for c in columns]
    out = [str(d) for d in given]
    if len(out) != n:
        raise error("directions", f"has {len(out)} entries for {n} columns")
    return out


def labelled(values, labels, name=None):
    """A Series over the labels, or the array itself when there are none."""
    if labels is None:
        return values
    return _pandas().Series(values, index=labels, name=name)
