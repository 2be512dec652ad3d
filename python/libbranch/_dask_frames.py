"""The five tables as dask DataFrames partitioned by branch, as partitions of libbranch.dask.

Partition k of every table holds the rows of the branches in partition k of ``branches``
(attendance: of the activities in partition k of ``activities``). Every table therefore has the
branches' number of partitions. A worker builds the partition's Dataset from its pandas partitions
with :meth:`Dataset.from_frames` (the validation of :func:`libbranch.load`); before that it checks
the alignment, so a row of another partition's branch is an error naming the table, partition,
row and id — never silently dropped (validation alone would only say "unknown branch_id").
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import frames as _frames
from .errors import Error

# The tables whose rows belong to a branch by their own column, and attendance by its activity.
_BY_BRANCH = ("members", "activities", "observations")


def is_dask_frame(x):
    try:
        import dask.dataframe as dd
    except ImportError:
        return False
    return isinstance(x, dd.DataFrame)


def frame_specs(client, frames):
    """``{table: dask DataFrame or None}`` → one ('frames', k, {table: future of its pandas
    partition k}) per partition of ``branches``. The partitions are computed on the cluster (and
    stay there until the specs are dropped). Raises TypeError / ValueError
    for tables that are not dask DataFrames or whose partitions do not pair up."""
    if not isinstance(frames, dict):
        raise TypeError(f"frames must be a dict {{table: dask DataFrame}}, got {type(frames).__name__}")
    unknown = sorted(set(frames) - set(_frames.TABLES))
    if unknown:
        raise ValueError(f"frames has unknown tables {unknown}; the tables are {list(_frames.TABLES)}")
    given = {t: df for t, df in frames.items() if df is not None}
    if "branches" not in given:
        raise TypeError("frames needs the branches table")
    for t, df in given.items():
        if not is_dask_frame(df):
            raise TypeError(f"frames['{t}'] must be a dask DataFrame (or None), got {type(df).__name__}")
    n = given["branches"].npartitions
    wrong = {t: df.npartitions for t, df in given.items() if df.npartitions != n}
    if wrong:
        listed = ", ".join(f"{t} has {p}" for t, p in wrong.items())
        raise ValueError(f"branches has {n} partitions but {listed}: partition k of every table must hold the rows of "
                         "the branches of branches' partition k (repartition with set_index('branch_id', "
                         "divisions=branches.divisions), see docs/distributed.md)")
    futures = {t: client.compute(df.to_delayed()) for t, df in given.items()}
    return [("frames", k, {t: f[k] for t, f in futures.items()}) for k in range(n)]


def _column(name, df, column):
    """The text of ``column`` (moved back from the index when the frame is indexed by it), or
    None when the frame lacks it (validation then says so)."""
    df = _frames._index_columns_back(name, df)
    if column not in df.columns:
        return None, df
    cells = _frames._text_cells(df[column])
    return np.array([None if c is None else c.strip() for c in cells], dtype=object), df


def _check_belongs(k, table, df, column, owner, owners):
    values, df = _column(table, df, column)
    if values is None or len(values) == 0:
        return
    stray = np.array([v is not None and v != "" and v not in owners for v in values], dtype=bool)
    if stray.any():
        first = int(np.argmax(stray))
        more = int(stray.sum()) - 1
        also = f" (and {more} more such rows)" if more else ""
        raise Error(f"{table} partition {k}, row {df.index[first]}: {column} '{values[first]}' is not in {owner} "
                    f"partition {k}{also}; partition k of every table must hold only the rows of {owner} partition "
                    "k (see docs/distributed.md)")


def check_alignment(k, tables):
    """Raises :class:`Error` for the first row of partition ``k`` whose branch (attendance: whose
    activity) is not in partition ``k`` of branches (activities)."""
    branch_ids, _ = _column("branches", tables["branches"], "branch_id")
    if branch_ids is None:
        return
    owners = set(branch_ids)
    for t in _BY_BRANCH:
        if tables.get(t) is not None:
            _check_belongs(k, t, tables[t], "branch_id", "branches", owners)
    if tables.get("attendance") is not None:
        activities = tables.get("activities")
        ids = set() if activities is None else _column("activities", activities, "activity_id")[0]
        if ids is None:  # activities without the column: validation says so
            return
        _check_belongs(k, "attendance", tables["attendance"], "activity_id", "activities", set(ids))


def dataset_of(k, tables):
    from .dataset import Dataset

    for t, df in tables.items():
        if not isinstance(df, pd.DataFrame):
            raise TypeError(f"partition {k} of {t} is a {type(df).__name__}, not a pandas DataFrame")
    check_alignment(k, tables)
    return Dataset.from_frames(**tables)
