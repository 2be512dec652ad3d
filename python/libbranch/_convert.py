"""Conversions between the compiled module's plain values and pandas / datetime (private)."""

from __future__ import annotations

import datetime as _dt
import numbers
import os
from typing import NamedTuple

import numpy as np
import pandas as pd

# pandas 1.x stores datetimes as nanoseconds: 1677-09-22 … 2262-04-11.
_NS_MIN = np.datetime64("1677-09-22", "D")
_NS_MAX = np.datetime64("2262-04-11", "D")


def column(kind, payload):
    """One column of ``_core.Dataset.columns`` as what a DataFrame column should hold."""
    if kind in ("str", "float"):
        return payload
    if kind == "date":
        return _dates(payload)
    if kind == "int":
        values, mask = payload
        return pd.arrays.IntegerArray(values, mask)
    if kind == "category":
        codes, categories, ordered = payload
        return pd.Categorical.from_codes(codes, categories=pd.Index(categories, dtype=object), ordered=ordered)
    raise AssertionError(f"unknown column kind {kind!r}")


def _dates(days):
    """datetime64[D] (NaT = absent) as datetime64[ns]; dates outside pandas' range as objects."""
    real = days[~np.isnat(days)]
    if real.size and (real.min() < _NS_MIN or real.max() > _NS_MAX):
        return days.astype(object)  # datetime.date, None for NaT
    return days.astype("datetime64[ns]")


def frame(columns, index=None):
    """A DataFrame from ``[(name, kind, payload)]``."""
    return pd.DataFrame({name: column(kind, payload) for name, kind, payload in columns}, index=index)


def iso_date(value, what):
    """A date-like value as 'YYYY-MM-DD' (strings are checked by the compiled module)."""
    if isinstance(value, str):
        return value
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    if isinstance(value, _dt.datetime):  # also pd.Timestamp
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    raise TypeError(f"{what} must be a date (str 'YYYY-MM-DD', datetime.date, pandas.Timestamp), "
                    f"got {type(value).__name__}")


def period_bounds(year=None, period=None):
    """(from, to) strings for the engine, or (None, None) for the dataset's default period."""
    if year is not None and period is not None:
        raise TypeError("give year= or period=, not both")
    if year is not None:
        if isinstance(year, bool) or not isinstance(year, numbers.Integral):
            raise TypeError(f"year must be an int, got {type(year).__name__}")
        if not 1 <= int(year) <= 9999:
            raise ValueError(f"year must be between 1 and 9999, got {year}")
        return f"{int(year):04d}-01-01", f"{int(year):04d}-12-31"
    if period is None:
        return None, None
    if isinstance(period, pd.Period):
        return period.start_time.date().isoformat(), period.end_time.date().isoformat()
    if isinstance(period, (str, bytes)) or not hasattr(period, "__len__") or len(period) != 2:
        raise TypeError("period must be (from, to) with two dates, or a pandas.Period; "
                        f"got {period!r}")
    return iso_date(period[0], "period[0]"), iso_date(period[1], "period[1]")


class Period(NamedTuple):
    """An inclusive evaluation period (考评期): ``(start, end)`` as ``datetime.date``.

    A plain pair (``start, end = period``; ``Engine.score(period=p)`` accepts it) with names:
    ``period.start``, ``period.end``."""

    start: _dt.date
    end: _dt.date

    def __repr__(self):
        return f"Period({self.start.isoformat()} … {self.end.isoformat()})"


def period(start_text, end_text):
    """A :class:`Period` from two 'YYYY-MM-DD' strings."""
    return Period(_dt.date.fromisoformat(start_text), _dt.date.fromisoformat(end_text))


def to_date(text):
    return _dt.date.fromisoformat(text)


def fspath(path, what="path"):
    try:
        return os.fspath(path)
    except TypeError:
        raise TypeError(f"{what} must be a str or os.PathLike, got {type(path).__name__}") from None
