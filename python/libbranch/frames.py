"""Dataset.from_frames: pandas DataFrames through the CSV loader's validation (private helpers).

Each column is turned into the text the CSV validator expects, so every check of ``lb.load`` runs
unchanged (``libbranch::load_tables`` over a C++ ``TableSource``, ``src/bind_frames.cpp``); problems
name the row by its index label. What pandas naturally gives is accepted when the values are valid:

========================================  =============================================
column                                     cell text
========================================  =============================================
str / object of str                        as is (blank and white space trimmed as in CSV)
None, NaN, pd.NA, NaT                      blank (not given)
int64, nullable Int64 (pd.NA)              digits: ``3``
float64 (integer columns with blanks)      ``3.0`` → ``3``; ``3.5`` stays ``3.5`` (an integer
                                           column then rejects it, naming the row)
bool, nullable boolean                     ``True`` / ``False`` (as ``DataFrame.to_csv``)
datetime64, Timestamp, datetime.date       ``YYYY-MM-DD`` (a time of day other than midnight is
                                           kept, and the date column rejects it)
category                                   the categories' text, as above
anything else in an object column          ``str(value)``
========================================  =============================================

The row label is ``str(label)`` of the DataFrame index (``branches[court]`` when the frame is
indexed by branch_id, ``members[7]`` for a RangeIndex). A frame indexed by one of the table's
columns (``ds.branches.set_index("branch_id")``) gets that column back from the index.
"""

from __future__ import annotations

import datetime as _dt

import numpy as np
import pandas as pd
from pandas.api import types as pdt

from . import _core

# Every table's column list (model/table_columns.hpp): ((column, kind, required, values), …).
COLUMN_LISTS = _core.table_columns()
TABLES = tuple(COLUMN_LISTS)

# The columns of each table (docs/reference/data-format.md), to recognise a column moved into the
# index.
COLUMNS = {table: tuple(c[0] for c in columns) for table, columns in COLUMN_LISTS.items()}

_NAT = np.iinfo(np.int64).min


def tables_payload(frames):
    """``{table: DataFrame or None}`` → the payload of ``_core.load_frames``."""
    return {name: (None if df is None else table_payload(name, df)) for name, df in frames.items()}


def table_payload(name, df):
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame (or None), got {type(df).__name__}")
    df = _index_columns_back(name, df)
    header = [str(c) for c in df.columns]
    columns = [column_payload(df.iloc[:, k]) for k in range(df.shape[1])]
    return header, columns, _labels(df.index), len(df)


def _index_columns_back(name, df):
    """A frame indexed by table columns (set_index("branch_id")) gets those columns back."""
    names = [n for n in df.index.names if n is not None]
    if names and all(n in COLUMNS[name] and n not in df.columns for n in names):
        out = df.reset_index()
        out.index = df.index
        return out
    return df


def _labels(index):
    """The row labels: ``str(label)`` of each index entry (a RangeIndex is rendered in C++)."""
    if isinstance(index, pd.RangeIndex):
        return ("range", int(index.start), int(index.step))
    values = index.to_numpy(dtype=object)
    if pdt.infer_dtype(values, skipna=False) == "string":
        texts = values.copy()
    else:
        texts = np.array([str(v) for v in values], dtype=object)
    texts[texts == ""] = "''"  # an empty label would read as no label at all
    return ("text", texts)


def column_payload(s):
    """One column as ``(kind, payload)`` (see ``src/bind_frames.cpp``)."""
    dtype = s.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        categories = pd.Series(dtype.categories)
        kind, payload = column_payload(categories)
        codes = s.cat.codes.to_numpy()
        if kind == "text":
            table = np.append(payload, None).astype(object)
        else:  # render the (few) categories once, then take by code
            table = np.append(_text_cells(categories), None).astype(object)
        return "text", table[np.where(codes < 0, len(categories), codes)]
    if pdt.is_bool_dtype(dtype):
        return "text", _bool_text(s)
    if isinstance(dtype, pd.api.extensions.ExtensionDtype) and pdt.is_integer_dtype(dtype):  # Int64 & co.
        mask = s.isna().to_numpy()
        values = s.to_numpy(dtype=np.int64, na_value=0)
        return "int", (values, mask)
    if pdt.is_integer_dtype(dtype):
        values = s.to_numpy()
        if values.dtype == np.uint64 and values.size and values.max() > np.iinfo(np.int64).max:
            return "text", np.array([str(v) for v in values], dtype=object)
        return "int", (values.astype(np.int64, copy=False), None)
    if pdt.is_float_dtype(dtype):
        return "float", s.to_numpy(dtype=np.float64, na_value=np.nan)
    if pdt.is_datetime64_dtype(dtype):
        return _datetime_payload(s)
    if pdt.is_datetime64tz_dtype(dtype):
        return "text", _text_cells(s.astype(object))
    return "text", _text_cells(s)


def _bool_text(s):
    out = np.full(len(s), None, dtype=object)
    values = s.to_numpy(dtype=object)
    present = ~s.isna().to_numpy()
    out[present] = np.where(values[present].astype(bool), "True", "False")
    return out


def _datetime_payload(s):
    values = s.to_numpy(dtype="datetime64[ns]")
    days = values.astype("datetime64[D]")
    nat = np.isnat(values)
    if np.any(values[~nat] != days[~nat].astype("datetime64[ns]")):  # a time of day: keep it visible
        return "text", _text_cells(s.astype(object))
    out = days.view(np.int64).copy()
    out[nat] = _NAT
    return "date", out


def _text_cells(s):
    """An object array of str or None from any column (the general, element-wise path)."""
    values = s.to_numpy(dtype=object) if isinstance(s, pd.Series) else np.asarray(s, dtype=object)
    inferred = pdt.infer_dtype(values, skipna=True)
    missing = pd.isna(values)
    if inferred in ("string", "empty"):
        out = values.copy()
        out[missing] = None
        return out
    out = np.empty(len(values), dtype=object)
    for i, v in enumerate(values):
        out[i] = None if missing[i] else _cell_text(v)
    return out


def _cell_text(v):
    if isinstance(v, str):
        return v
    if isinstance(v, (bool, np.bool_)):
        return "True" if v else "False"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        f = float(v)
        if f.is_integer() and abs(f) < 9.2e18:
            return str(int(f))
        return repr(f)
    if isinstance(v, np.datetime64):
        v = pd.Timestamp(v)
    if isinstance(v, _dt.datetime):  # also pandas.Timestamp
        if v.tzinfo is None and v.time() == _dt.time(0):
            return v.date().isoformat()
        return str(v)
    if isinstance(v, _dt.date):
        return v.isoformat()
    if isinstance(v, bytes):
        return v.decode("utf-8", "surrogateescape")
    return str(v)
