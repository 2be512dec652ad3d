"""Metrics written in Python (``Engine.register_metric``).

A Python metric is a function ``fn(dataset, period, **params)``: ``dataset`` is the
:class:`~libbranch.Dataset` being scored (its tables as DataFrames, cached), ``period`` a
:class:`~libbranch.Period` — the pair ``(start, end)`` of ``datetime.date``, inclusive, also
``period.start`` / ``period.end`` —, and ``params`` the parameters the rubric gives (only when the
metric declares some). It returns one number per branch: an array-like in branch order
(``dataset.branches`` order), or a Series indexed by branch_id (aligned; branches it leaves out
get NaN = no value). NaN means "no value" as for built-in metrics (the rubric's missing policy
applies).

The engine registers a C++ metric that takes the GIL and calls the function, so the metric is
usable wherever a built-in one is: rubrics, ``Engine.compute``, ``Engine.metrics()`` (owner
``python``). Scoring computes metric columns one after another (built-in metrics are parallel
inside), so the function runs once per column, on one thread, under the GIL, whatever ``threads``
is; exceptions it raises come out of ``Engine.score`` unchanged.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from . import _convert, _core

_IDENTIFIER = re.compile(r"[a-z0-9_]+")


def register(engine_core, metric_id, fn, *, standard, label, label_en, unit, direction, params, summary):
    """Checks the arguments, registers the metric; returns what pickling needs to do it again."""
    if not callable(fn):
        raise TypeError(f"fn must be callable (fn(dataset, period) → one value per branch), got {type(fn).__name__}")
    if not isinstance(metric_id, str) or metric_id.count(".") != 1:
        raise ValueError(f"a metric id is '<standard>.<name>' ([a-z0-9_]+ each), got {metric_id!r}")
    prefix, name = metric_id.split(".")
    if not _IDENTIFIER.fullmatch(prefix) or not _IDENTIFIER.fullmatch(name):
        raise ValueError(f"a metric id is '<standard>.<name>' ([a-z0-9_]+ each), got {metric_id!r}")
    if standard is None:
        standard = prefix
    if standard != prefix:
        raise ValueError(f"the metric id must start with its standard: {standard}.{name} "
                         f"(got id {metric_id!r} with standard={standard!r})")
    if prefix == "obs":
        raise ValueError("obs.* metrics are the observations (observations.csv); choose another standard")
    if direction not in ("benefit", "cost"):
        raise ValueError(f"direction must be 'benefit' (more is better) or 'cost', got {direction!r}")
    label = metric_id if label is None else str(label)
    label_en = label if label_en is None else str(label_en)
    specs = _param_specs(params)
    adapter = _adapter(metric_id, fn, bool(specs))
    if summary is None:
        summary = (fn.__doc__ or "").strip().split("\n")[0] or f"Computed in Python by {_name(fn)}."
    _core.register_python_metric(engine_core, metric_id, label, label_en, str(unit), direction, str(summary),
                                 specs, adapter)


def _name(fn):
    return getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None) or repr(fn)


def _param_specs(params):
    """``{name: spec}`` → the list the compiled module takes. A spec is a dict with ``type``
    ('integer' or 'choice'; inferred from ``choices``), ``min`` (integer, default 0), ``choices``,
    ``default`` and ``description``; or a shortcut: an int (an integer ≥ 0 with that default) or a
    list of str (a choice, the first the default)."""
    if params is None:
        return []
    if not isinstance(params, dict):
        raise TypeError("params must be a dict {name: spec}")
    out = []
    for name, spec in params.items():
        if not isinstance(name, str) or not _IDENTIFIER.fullmatch(name):
            raise ValueError(f"parameter names are [a-z0-9_]+, got {name!r}")
        if isinstance(spec, bool):
            raise TypeError(f"parameter {name!r}: a spec is a dict, an int or a list of str")
        if isinstance(spec, int):
            spec = {"type": "integer", "min": 0, "default": spec}
        elif isinstance(spec, (list, tuple)):
            spec = {"type": "choice", "choices": list(spec), "default": spec[0] if spec else None}
        elif not isinstance(spec, dict):
            raise TypeError(f"parameter {name!r}: a spec is a dict, an int or a list of str")
        unknown = set(spec) - {"type", "min", "choices", "default", "description"}
        if unknown:
            raise ValueError(f"parameter {name!r}: unknown spec keys {sorted(unknown)}")
        kind = spec.get("type", "choice" if "choices" in spec else "integer")
        choices = [str(c) for c in spec.get("choices", [])]
        if kind == "choice" and not choices:
            raise ValueError(f"parameter {name!r}: a choice needs choices")
        out.append({"name": name, "type": kind, "min": int(spec.get("min", 0)), "choices": choices,
                    "default": spec.get("default"), "description": str(spec.get("description", ""))})
    return out


def _adapter(metric_id, fn, has_params):
    from .dataset import Dataset

    def adapter(core_dataset, start, end, params):
        ds = Dataset._for_core(core_dataset)
        period = _convert.period(start, end)
        result = fn(ds, period, **params) if has_params else fn(ds, period)
        return values_per_branch(metric_id, result, ds)

    adapter.__qualname__ = f"python_metric[{metric_id}]"
    return adapter


def values_per_branch(metric_id, result, ds):
    """A metric function's result as float64 in branch order (checked)."""
    n = len(ds)
    if isinstance(result, pd.DataFrame):
        if result.shape[1] != 1:
            raise ValueError(f"metric {metric_id!r} returned a DataFrame with {result.shape[1]} columns; "
                             "return one value per branch (a Series or an array)")
        result = result.iloc[:, 0]
    if isinstance(result, pd.Series):
        result = _aligned(metric_id, result, ds)
    values = _floats(metric_id, result)
    if values.ndim != 1 or len(values) != n:
        got = ("a single value" if values.ndim == 0 else f"{len(values)} values" if values.ndim == 1
               else f"an array of shape {values.shape}")
        raise ValueError(f"metric {metric_id!r} returned {got} for {n} branches; return one value per "
                         "branch, in dataset.branches order, or a Series indexed by branch_id")
    return values


def _aligned(metric_id, series, ds):
    """A Series in branch order. Its index holds branch ids, or integers: the row numbers of
    ``dataset.branches`` (its RangeIndex, so ``dataset.branches["x"] * 2`` works as is). Branches
    left out get NaN; labels that are not branches are an error."""
    index = series.index
    if isinstance(index, pd.RangeIndex) and index.equals(pd.RangeIndex(len(ds))):
        return series
    if isinstance(index, pd.RangeIndex) or pd.api.types.is_integer_dtype(index.dtype):
        target, what = pd.RangeIndex(len(ds)), "row numbers"
    else:
        if isinstance(index, pd.CategoricalIndex):
            index = index.astype(object)
        target, what = pd.Index(ds._frame("branches")["branch_id"], name="branch_id"), "branch ids"
    if index.has_duplicates:
        dup = list(index[index.duplicated()].unique()[:5])
        raise ValueError(f"metric {metric_id!r} returned a Series with repeated {what}: {dup}")
    unknown = index.difference(target)
    if len(unknown):
        raise ValueError(f"metric {metric_id!r} returned values for {what} not in the dataset: "
                         f"{list(unknown[:5])}" + (" …" if len(unknown) > 5 else ""))
    return pd.Series(series.to_numpy(), index=index).reindex(target)


def _floats(metric_id, result):
    try:
        if isinstance(result, (pd.Series, pd.Index)):
            if pd.api.types.is_object_dtype(result.dtype):
                result = pd.to_numeric(pd.Series(result), errors="raise")
            return np.asarray(result.to_numpy(dtype=np.float64, na_value=np.nan), dtype=np.float64)
        arr = np.asarray(result)
        if arr.dtype == object:
            return pd.to_numeric(pd.Series(arr.ravel()), errors="raise").to_numpy(dtype=np.float64, na_value=np.nan) \
                .reshape(arr.shape)
        if arr.dtype.kind not in "biuf":
            raise TypeError(f"dtype {arr.dtype}")
        return arr.astype(np.float64)
    except (TypeError, ValueError) as e:
        raise TypeError(f"metric {metric_id!r} must return numbers (one per branch), got {type(result).__name__}: {e}") \
            from None
