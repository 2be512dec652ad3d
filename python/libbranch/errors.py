"""The exceptions and warnings of libbranch.

The exception classes mirror the C++ hierarchy (``libbranch/error.hpp``) and also derive from the
matching built-in, so ``except ValueError`` catches bad data and bad rubrics::

    Error(Exception)
    ├── DataError(Error, ValueError)           .problems (list of Problem), .error_count
    ├── RubricError(Error, ValueError)         .json_path
    ├── UnknownMetricError(Error, KeyError)    .metric_id
    ├── PluginError(Error, ImportError)        .plugin_path
    ├── ArchiveError(Error, OSError)           .archive_path
    └── AnalyticsError(Error, ValueError)      .argument (e.g. 'matrix[2][0]')

They are defined by the compiled module (so C++ exceptions translate straight into them) and
re-exported here.
"""

from __future__ import annotations

from . import _core

Error = _core.Error
DataError = _core.DataError
RubricError = _core.RubricError
UnknownMetricError = _core.UnknownMetricError
PluginError = _core.PluginError
ArchiveError = _core.ArchiveError
AnalyticsError = _core.AnalyticsError
Problem = _core.Problem


class DataWarning(UserWarning):
    """Problems of severity 'warning' found while loading (the data loaded)."""


class PluginWarning(UserWarning):
    """A plugin was refused (the engine works without it); the message says why."""


def problems_frame(problems):
    """The problems of a :class:`DataError` (or any list of :class:`Problem`) as a DataFrame with
    the columns file, line, row_label, column, severity, message, value, omitted (> 0 only for the
    entry that ends a file's capped list: how many problems it stands for)."""
    import pandas as pd

    if isinstance(problems, DataError):
        problems = problems.problems
    columns = ["file", "line", "row_label", "column", "severity", "message", "value", "omitted"]
    return pd.DataFrame([p.to_dict() for p in problems], columns=columns)


def _data_error_to_frame(self):
    """The problems as a DataFrame (see :func:`libbranch.problems_frame`)."""
    return problems_frame(self.problems)


DataError.to_frame = _data_error_to_frame

__all__ = [
    "Error",
    "DataError",
    "RubricError",
    "UnknownMetricError",
    "PluginError",
    "ArchiveError",
    "AnalyticsError",
    "Problem",
    "DataWarning",
    "PluginWarning",
    "problems_frame",
]
