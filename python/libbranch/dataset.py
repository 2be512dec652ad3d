"""Datasets: loading, the tables as pandas DataFrames, archives and pickling."""

from __future__ import annotations

import warnings as _warnings
import weakref

from . import _convert, _core
from .errors import DataWarning

# The public wrapper of each compiled dataset, for Python metrics: the engine hands them the
# compiled object, and they receive this wrapper (its frames cached).
_WRAPPERS = weakref.WeakValueDictionary()

TABLES = ("branches", "members", "activities", "attendance", "observations")


class Dataset:
    """An immutable dataset of party branches (the tables of docs/reference/data-format.md).

    Make one with :func:`libbranch.load` (a dataset directory or an archive) or
    :meth:`Dataset.from_frames` (pandas DataFrames, validated as the CSV files are). The tables are
    available as DataFrames with the CSV files' columns (:attr:`branches`, :attr:`members`,
    :attr:`activities`, :attr:`attendance`, :attr:`observations`); each access returns a fresh copy,
    so changing a frame never changes the dataset.

    Column types: ids and free text are ``object`` (str); dates are ``datetime64[ns]`` (NaT when
    absent); counts are the nullable ``Int64``; enumerations (``org_type``, ``gender``,
    ``education`` — ordered —, ``role``, ``mode``, ``kind``) and dictionary columns (``parent_id``,
    ``ethnicity``, ``party_group``, ``platform``, ``indicator``) are ``category``; the sets
    ``facilities`` and ``service_station`` are ``;``-separated strings as in the CSV files.
    Members, activities and observations are grouped by branch (file order within a branch).

    ``len(ds)`` is the number of branches. Datasets pickle through the binary archive format of
    ``branchscore pack`` (the same code as :meth:`save`).
    """

    __slots__ = ("_core", "_warnings", "_frames", "__weakref__")

    def __init__(self, *args, **kwargs):
        raise TypeError("make a Dataset with libbranch.load(path) (a dataset directory or an archive) or "
                        "libbranch.Dataset.from_frames(branches=…, members=…, …)")

    @classmethod
    def _wrap(cls, core, warnings=()):
        self = object.__new__(cls)
        self._core = core
        self._warnings = list(warnings)
        self._frames = {}
        _WRAPPERS[id(core)] = self
        return self

    @classmethod
    def _for_core(cls, core):
        """The wrapper of a compiled dataset (made when there is none)."""
        w = _WRAPPERS.get(id(core))
        if w is not None and w._core is core:
            return w
        return cls._wrap(core)

    # ---- loading and saving ----

    @classmethod
    def load(cls, path, *, allow_custom_kinds=False):
        """Loads a dataset directory (CSV files) or an archive written by :meth:`save` or
        ``branchscore pack``. Raises :class:`DataError` carrying every problem, or
        :class:`ArchiveError`. Warnings (the data loaded) are issued as :class:`DataWarning` and kept
        in :attr:`warnings`. A path ending in ``.xlsx`` is an Excel workbook (:meth:`from_excel`)."""
        from . import excel

        if excel.is_workbook(path):
            return excel.load_workbook(cls, path, allow_custom_kinds, 5)
        core, problems = _core.Dataset.load(_convert.fspath(path), bool(allow_custom_kinds))
        return cls._finish(core, problems, 4)

    @classmethod
    def from_frames(cls, branches, members=None, activities=None, attendance=None, observations=None, *,
                    allow_custom_kinds=False):
        """A dataset from pandas DataFrames with the CSV files' columns (the frames of
        :attr:`branches`, … are valid input), running the same validation as :meth:`load`.

        Cells are turned into the CSV text the validator expects (see :mod:`libbranch.frames`):
        str, integer columns as int64, nullable ``Int64`` or float64 with NaN for blanks (``3.0``
        reads as ``3``; ``3.5`` in an integer column is an error), dates as ``datetime64``,
        ``Timestamp``, ``datetime.date`` or 'YYYY-MM-DD' strings, categoricals; None, NaN, pd.NA
        and NaT are blanks. Only ``branches`` is required; None is an empty table.

        Problems name the row by its index label instead of a line:
        ``members[7]: error: birth_date: not a valid date (expected YYYY-MM-DD) '1990-02-30'``;
        :class:`DataError` carries them all (``Problem.row_label``). Warnings are issued as
        :class:`DataWarning` and kept in :attr:`warnings`. The GIL is released while validating."""
        from . import frames

        tables = {"branches": branches, "members": members, "activities": activities, "attendance": attendance,
                  "observations": observations}
        if branches is None:
            raise TypeError("from_frames needs the branches table")
        payload = frames.tables_payload(tables)
        core, problems = _core.load_frames(payload, bool(allow_custom_kinds))
        return cls._finish(core, problems, 3)

    @classmethod
    def from_excel(cls, path, *, allow_custom_kinds=False):
        """A dataset from an Excel workbook (.xlsx) with one sheet per table — ``branches``,
        ``members``, ``activities``, ``attendance``, ``observations``, or 支部, 党员, 活动, 出勤, 观测 —
        each with the CSV file's header, through the same validation as :meth:`load`.

        Problems name the sheet and the row Excel shows: ``records.xlsx[members]:17: error:
        birth_date: …``. Dates may be Excel dates, text (``2024-01-15``, ``2024/1/15``,
        ``2024年1月15日``) or numbers (``20240115``, or a date's serial number); numbers are their
        values whatever their display format (``3.00`` reads as ``3``); formulas are their last
        computed values. Title rows above the header are skipped, a header merged down over several
        rows counts once, a merged cell's value applies to every cell it covers, and empty rows
        are ignored. Other sheets are ignored with a warning. See docs/excel.md and
        :func:`libbranch.excel_template`."""
        from . import excel

        return excel.load_workbook(cls, path, allow_custom_kinds, 4)

    @classmethod
    def _finish(cls, core, problems, stacklevel):
        if problems:
            shown = "\n  ".join(str(p) for p in problems[:10])
            more = f"\n  … and {len(problems) - 10} more (see Dataset.warnings)" if len(problems) > 10 else ""
            _warnings.warn(f"{len(problems)} warning(s) in the data:\n  {shown}{more}", DataWarning, stacklevel=stacklevel)
        return cls._wrap(core, problems)

    def save(self, path, *, format="binary", part_branches=None):
        """Writes the dataset as an archive file (``format``: 'binary' — fast, the default —,
        'text' or 'xml'), atomically. :func:`libbranch.load` and every ``branchscore`` command read it.

        ``part_branches=N`` writes a partitioned (binary) archive of parts of N branches instead,
        which :meth:`Engine.score_archive` and ``branchscore score`` score out of core."""
        if part_branches is None:
            self._core.save(_convert.fspath(path), format)
            return
        if format != "binary":
            raise ValueError(f"a partitioned archive is binary, got format={format!r}")
        if isinstance(part_branches, bool) or not isinstance(part_branches, int) or part_branches < 1:
            raise ValueError(f"part_branches must be an int ≥ 1, got {part_branches!r}")
        self._core.save_partitioned(_convert.fspath(path), part_branches)

    def to_bytes(self, *, format="binary"):
        """The archive as bytes (what :meth:`save` writes)."""
        return self._core.to_archive_bytes(format)

    @classmethod
    def from_bytes(cls, data):
        """A dataset from archive bytes (:meth:`to_bytes`). Raises :class:`ArchiveError`."""
        return cls._wrap(_core.Dataset.from_archive_bytes(bytes(data)))

    def __reduce__(self):
        return (_dataset_from_bytes, (self.to_bytes(),))

    # ---- the tables ----

    def _frame(self, table):
        df = self._frames.get(table)
        if df is None:
            df = _convert.frame(self._core.columns(table))
            self._frames[table] = df
        return df.copy()

    @property
    def branches(self):
        """One row per branch (党支部), in branches.csv order — the order of every result."""
        return self._frame("branches")

    @property
    def members(self):
        """One row per person (党员, 预备党员, 积极分子, 发展对象), grouped by branch."""
        return self._frame("members")

    @property
    def activities(self):
        """One row per activity, grouped by branch. ``attendees`` is the number of attendance rows
        when the activity has any, else the value given."""
        return self._frame("activities")

    @property
    def attendance(self):
        """One row per member present at an activity."""
        return self._frame("attendance")

    @property
    def observations(self):
        """Numbers supplied from elsewhere (observations.csv), grouped by branch."""
        return self._frame("observations")

    def tables(self):
        """Every table as ``{name: DataFrame}``."""
        return {t: self._frame(t) for t in TABLES}

    # ---- facts ----

    def __len__(self):
        return len(self._core)

    @property
    def counts(self):
        """Rows per table: ``{'branches': …, 'members': …, …}``."""
        return self._core.counts()

    @property
    def custom_kinds(self):
        """Activity kinds outside docs/reference/activity-kinds.md (loaded with ``allow_custom_kinds=True``)."""
        return tuple(self._core.custom_kinds)

    @property
    def warnings(self):
        """The warnings found when this dataset was loaded (a list of :class:`Problem`)."""
        return list(self._warnings)

    def memory_usage(self):
        """Bytes the dataset holds, by table, and ``total``."""
        return self._core.memory()

    def default_period(self):
        """(first day, last day) as ``datetime.date``: the latest calendar year with activities —
        the period :meth:`Engine.score` uses when given none."""
        return _convert.period(*self._core.default_period())

    def __contains__(self, branch_id):
        return isinstance(branch_id, str) and self._core.find_branch(branch_id) is not None

    def __eq__(self, other):
        if not isinstance(other, Dataset):
            return NotImplemented
        return self._core == other._core

    __hash__ = None

    def __repr__(self):
        c = self.counts
        parts = [
            f"{c['branches']:,} branches",
            f"{c['members']:,} members",
            f"{c['activities']:,} activities",
            f"{c['attendance']:,} attendance rows",
            f"{c['observations']:,} observations",
        ]
        text = "<libbranch.Dataset: " + ", ".join(parts)
        if self.custom_kinds:
            text += "; custom kinds: " + ", ".join(self.custom_kinds)
        return text + ">"


def _dataset_from_bytes(data):
    return Dataset.from_bytes(data)


def load(path, *, allow_custom_kinds=False):
    """Loads a dataset directory, an archive or an Excel workbook (.xlsx): see :meth:`Dataset.load`."""
    return Dataset.load(path, allow_custom_kinds=allow_custom_kinds)


def synth(out_dir, branches, *, seed=1, first_year=2025, last_year=None):
    """Writes a synthetic dataset directory (as ``branchscore synth``): deterministic for a seed,
    valid under docs/reference/data-format.md. Returns the row counts written. Load it with :func:`load`."""
    if last_year is None:
        last_year = first_year
    return _core.write_synthetic_dataset(_convert.fspath(out_dir, "out_dir"), int(branches), int(seed),
                                         int(first_year), int(last_year))
