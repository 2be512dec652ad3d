"""libbranch: evaluation of party branches (党支部) against the five standards of
标准化规范化党支部建设, for pandas and Jupyter.

    >>> import libbranch as lb
    >>> ds = lb.load(lb.sample_path())            # a dataset directory or an archive
    >>> card = lb.Engine().score(ds, year=2025)   # the default rubric
    >>> card.summary                              # DataFrame indexed by branch_id

The compiled core (``libbranch._core``) is private; this package is the public API:
:func:`load`, :class:`Dataset` (also :meth:`Dataset.from_frames`), :class:`Rubric`, :class:`Engine`,
:class:`Scorecard` (with ``.plot``), :class:`Period`, the errors of :mod:`libbranch.errors`,
:func:`synth`, Excel workbooks (``load("records.xlsx")``, :meth:`Scorecard.to_excel`,
:func:`excel_template`) and the bundled data (:func:`sample_path`); criteria weights
(:mod:`libbranch.weights`: AHP, entropy, CRITIC, combine), rankings (:mod:`libbranch.rank`:
TOPSIS, VIKOR, weighted sum), star ratings (:mod:`libbranch.stars`) and period comparison
(:func:`compare`).
"""

from __future__ import annotations

try:
    from . import _core
except ImportError as e:  # pragma: no cover - a source checkout without a build
    raise ImportError(
        "libbranch's compiled module is missing or does not load "
        f"({e}). Build it (cmake -S . -B build -DLIBBRANCH_BUILD_PYTHON=ON -DPython_EXECUTABLE=/usr/bin/python3 && "
        "cmake --build build) and put build/python on PYTHONPATH, or install the package "
        "(pip install ./python --no-build-isolation --no-index in a venv)."
    ) from e

from ._convert import Period
from .data import default_rubric_path, load_sample, sample_path
from .dataset import Dataset, load, synth
from .engine import Engine
from .excel import excel_template
from . import rank, stars, weights
from .compare import Comparison, compare
from .errors import (
    AnalyticsError,
    ArchiveError,
    DataError,
    DataWarning,
    Error,
    PluginError,
    PluginWarning,
    Problem,
    RubricError,
    UnknownMetricError,
    problems_frame,
)
from .rubric import Rubric
from .scorecard import Scorecard

__version__ = _core.__version__

__all__ = [
    "__version__",
    "load",
    "synth",
    "Dataset",
    "Rubric",
    "Engine",
    "Scorecard",
    "Period",
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
    "sample_path",
    "load_sample",
    "default_rubric_path",
    "excel_template",
    "weights",
    "rank",
    "stars",
    "compare",
    "Comparison",
]
