"""Datasets: loading, the tables as pandas DataFrames, archives and pickling."""

from __future__ import annotations

import warnings as _warnings

from . import _convert, _core
from .errors import DataWarning

TABLES = ("branches", "members", "activities", "attendance", "observations")


class Dataset:
    """An immutable dataset of party branches (the tables of SPEC §2).

    Make one with :func:`libbranch.load` (a dataset directory or an archive). The tables are
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
        raise TypeError("make a Dataset with libbranch.load(path) (a dataset directory or an archive)")

    @classmethod
    def _wrap(cls, core, warnings=()):
        self = object.__new__(cls)
        self._core = core
        self._warnings = list(warnings)
        self._frames = {}
        return self

    # ---- loading and saving ----

    @classmethod
    def load(cls, path, *, allow_custom_kinds=False):
        """Loads a dataset directory (CSV files) or an archive written by :meth:`save` or
        ``branchscore pack``. Raises :class:`DataError` carrying every problem, or
        :class:`ArchiveError`. Warnings (the data loaded) are issued as :class:`DataWarning` and kept
        in :attr:`warnings`."""
        core, problems = _core.Dataset.load(_convert.fspath(path), bool(allow_custom_kinds))
        if problems:
            shown = "\n  ".join(str(p) for p in problems[:10])
            more = f"\n  … and {len(problems) - 10} more (see Dataset.warnings)" if len(problems) > 10 else ""
            _warnings.warn(f"{len(problems)} warning(s) in the data:\n  {shown}{more}", DataWarning, stacklevel=3)
        return cls._wrap(core, problems)

    def save(self, path, *, format="binary"):
        """Writes the dataset as an archive file (``format``: 'binary' — fast, the default —,
        'text' or 'xml'), atomically. :func:`libbranch.load` and every ``branchscore`` command read it."""
        self._core.save(_convert.fspath(path), format)

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
        """Activity kinds outside SPEC §3 (loaded with ``allow_custom_kinds=True``)."""
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
        start, end = self._core.default_period()
        return _convert.to_date(start), _convert.to_date(end)

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
    """Loads a dataset directory or archive: see :meth:`Dataset.load`."""
    return Dataset.load(path, allow_custom_kinds=allow_custom_kinds)


def synth(out_dir, branches, *, seed=1, first_year=2025, last_year=None):
    """Writes a synthetic dataset directory (as ``branchscore synth``): deterministic for a seed,
    valid under SPEC §2. Returns the row counts written. Load it with :func:`load`."""
    if last_year is None:
        last_year = first_year
    return _core.write_synthetic_dataset(_convert.fspath(out_dir, "out_dir"), int(branches), int(seed),
                                         int(first_year), int(last_year))
