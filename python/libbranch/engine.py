"""The scoring engine: metrics, plugins, scoring."""

from __future__ import annotations

import os
import warnings as _warnings

import pandas as pd

from . import _convert, _core
from . import progress as _progress
from .dataset import Dataset
from .errors import Error, PluginWarning
from .rubric import Rubric
from .scorecard import Scorecard


def _params_text(params):
    parts = []
    for p in params:
        if p["type"] == "choice":
            domain = "|".join(p["choices"])
        elif p["type"] == "text":
            domain = "text"
        else:
            domain = f"int ≥ {p['min']}"
        default = "" if p["default"] is None else f"={p['default']}"
        parts.append(f"{p['name']}{default} ({domain})")
    return "; ".join(parts)


class Engine:
    """Metrics ready to score: the core ``obs.*`` metrics, the five standard plugins (built into the
    package) and the plugins found in ``plugins`` (a directory or a list of directories, searched
    first) and in ``LIBBRANCH_PLUGIN_PATH``. A plugin directory that does not exist raises
    :class:`PluginError`; a plugin that is refused is reported with a :class:`PluginWarning` and
    listed by :meth:`plugins` with the reason — among them a plugin that another user could have
    replaced (a world-writable file or folder on its path, or one owned by another user), unless
    ``allow_unsafe_plugins=True``.

    Engines pickle by their plugin directories (each process loads the plugins again) and their
    Python metrics (:meth:`register_metric`; the functions pickle by reference, so they must be
    importable module-level functions).
    """

    __slots__ = ("_core", "_plugin_dirs", "_builtin_plugins", "_allow_unsafe_plugins", "_python_metrics")

    def __init__(self, plugins=None, *, builtin_plugins=True, allow_unsafe_plugins=False):
        if plugins is None:
            dirs = []
        elif isinstance(plugins, (str, os.PathLike)):
            dirs = [_convert.fspath(plugins, "plugins")]
        else:
            dirs = [_convert.fspath(p, "plugins") for p in plugins]
        self._plugin_dirs = dirs
        self._builtin_plugins = bool(builtin_plugins)
        self._allow_unsafe_plugins = bool(allow_unsafe_plugins)
        self._python_metrics = []  # (id, fn, keyword arguments) for pickling
        self._core = _core.Engine(dirs, self._builtin_plugins, True, self._allow_unsafe_plugins)
        for r in self._core.plugins():
            if r["status"] == "refused":
                _warnings.warn(f"plugin {r['name'] or '?'} ({r['path']}) refused: {r['reason']}", PluginWarning,
                               stacklevel=2)
        for w in self._core.plugin_warnings():
            _warnings.warn(w, PluginWarning, stacklevel=2)

    def __reduce__(self):
        return (_make_engine, (self._plugin_dirs, self._builtin_plugins, self._python_metrics,
                               self._allow_unsafe_plugins))

    # ---- metrics written in Python ----

    def register_metric(self, metric_id, fn, *, standard=None, label=None, label_en=None, unit="",
                        direction="benefit", params=None, summary=None):
        """Adds a metric computed by a Python function, usable in rubrics exactly like a built-in
        one (and by :meth:`compute`, listed by :meth:`metrics` with owner ``python``).

        ``fn(dataset, period)`` receives the :class:`Dataset` being scored and the
        :class:`Period` (a pair of ``datetime.date``, inclusive; also ``.start`` / ``.end``) and
        returns one number per branch: an array-like in ``dataset.branches`` order, or a Series
        indexed by branch_id (aligned; branches left out get NaN, "no value"). A wrong length,
        unknown branch ids or non-numbers raise ``ValueError`` / ``TypeError``; an exception
        raised by ``fn`` comes out of :meth:`score` unchanged.

        ``metric_id`` is ``<standard>.<name>`` (``[a-z0-9_]+`` each); ``standard`` defaults to the
        id's prefix and must equal it. ``label`` is the Chinese label (label_zh), ``label_en`` the
        English one (default: ``label``); ``unit`` e.g. 'count', 'share'; ``direction`` 'benefit'
        (more is better) or 'cost'; ``summary`` one sentence (default: the first line of
        ``fn.__doc__``). ``params`` declares parameters a rubric may give (``{"agg": ["sum",
        "max"]}`` — a choice, the first the default —, ``{"days": 30}`` — an integer ≥ 0 —, or
        ``{"days": {"type": "integer", "min": 1, "default": 30, "description": …}}``); they
        reach ``fn`` as keyword arguments.

        The function runs once per use in a rubric, under the GIL, on one thread, whatever
        ``threads`` :meth:`score` is given (the built-in metrics stay parallel). Registering an id
        twice raises :class:`Error`."""
        from . import custom_metrics

        kwargs = dict(standard=standard, label=label, label_en=label_en, unit=unit, direction=direction,
                      params=params, summary=summary)
        custom_metrics.register(self._core, metric_id, fn, **kwargs)
        self._python_metrics.append((metric_id, fn, kwargs))

    # ---- what it knows ----

    def metrics(self):
        """Every metric as a DataFrame indexed by id: standard, label_zh, label_en, unit,
        direction ('benefit' = more is better, 'cost'), summary, params (text), owner (the plugin
        that registered it, or 'core'). ``obs.*`` stands for every observation indicator."""
        rows = self._core.metrics()
        for r in rows:
            r["params"] = _params_text(r["params"])
        columns = ["id", "standard", "label_zh", "label_en", "unit", "direction", "summary", "params", "owner"]
        return pd.DataFrame(rows, columns=columns).set_index("id")

    def plugins(self):
        """Every plugin considered, loaded or refused, as a DataFrame (name, status, source, path,
        version, standards, metrics — the number registered —, reason, libbranch_version, compiler)."""
        rows = []
        for r in self._core.plugins():
            rows.append({
                "name": r["name"], "status": r["status"], "source": r["source"], "path": r["path"],
                "version": r["version"], "standards": ";".join(r["standards"]), "metrics": len(r["metrics"]),
                "reason": r["reason"], "libbranch_version": r["libbranch_version"], "compiler": r["compiler"],
            })
        columns = ["name", "status", "source", "path", "version", "standards", "metrics", "reason",
                   "libbranch_version", "compiler"]
        return pd.DataFrame(rows, columns=columns)

    def __contains__(self, metric_id):
        return isinstance(metric_id, str) and self._core.has_metric(metric_id)

    def check(self, what, rules=None, year=None, period=None):
        """Two checks under one name.

        ``check(dataset, rules=None, year=None, period=None)``: the compliance checks
        (合规检查) of every branch against a rule set — ``rules`` a path to a JSON rule set, JSON
        text, a dict, or None for the built-in one (``compliance/default.json``). The period as in
        :meth:`score`. Returns a DataFrame with one row per finding, in branch order, then rule
        order: branch_id, name, rule_id, severity ('violation' or 'warning'), period (the month
        '2025-03', quarter '2025-Q2', year '2025', day, or gap 'from..to' at fault), expected,
        actual, evidence_kind ('activity', 'member' or ''), evidence (a list of ids), instrument,
        article, message. ``attrs`` holds 'from', 'to' and 'rule_set'. A malformed rule set
        raises :class:`RubricError` naming the file, the place and the value.

        ``check(rubric)``: raises :class:`RubricError` (with the JSON path) when ``rubric`` names
        a metric or a parameter this engine does not have."""
        if isinstance(what, Dataset):
            return _compliance_frame(what, rules, year, period)
        if rules is not None or year is not None or period is not None:
            raise TypeError("check(rubric) takes no rules, year or period; pass a Dataset to run compliance checks")
        self._core.check_rubric(_rubric(what)._core)

    def compliance_rules(self, rules=None):
        """The rules of a compliance rule set (``rules`` as in :meth:`check`) as a DataFrame
        indexed by rule_id: type, title_zh, title_en, instrument, article, severity,
        effective_from, effective_to."""
        text, path = _rules_source(rules)
        return pd.DataFrame(_core.compliance_rules(text, path)).set_index("rule_id")

    def member_points(self, dataset, rubric=None, year=None, period=None, branch=None, ledger=False):
        """Member points (党员积分制) of every member who was a party member of their branch on
        at least one day of the period (docs/member-points.md). ``rubric``: a points rubric as a
        path, JSON text or a dict, or None for the built-in ``rubrics/member_points.json``. The
        period as in :meth:`score`; ``branch``: only this branch id.

        Returns a DataFrame, one row per member, by branch then rank: branch_id, member_id, name,
        rank (ties share the lowest rank), total, base, earned, capped, deductions, bonuses,
        clamped. With ``ledger=True``, returns ``(members, ledger)``; the ledger has one row per
        point movement: branch_id, member_id, date, activity_id, kind, reason, points. ``attrs``
        of both hold 'from', 'to' and 'rubric'. A malformed rubric raises :class:`RubricError`
        naming the file, the JSON path and the value."""
        from .member_points import member_points_frames

        return member_points_frames(_dataset(dataset), rubric, _bounds(dataset, year, period), branch, ledger)

    # ---- scoring ----

    def score(self, dataset, rubric=None, year=None, period=None, threads=None, progress=False):
        """Scores every branch of ``dataset`` with ``rubric`` (default: :meth:`Rubric.default`)
        over a period: ``year=2025``, or ``period=(from, to)`` (dates or 'YYYY-MM-DD' strings,
        inclusive; a :class:`Period`; or a ``pandas.Period``), or by default the latest calendar
        year that has activities. ``threads``: threads for the metrics (default: all cores);
        results are identical for any number. The GIL is released while scoring.

        ``progress=True`` shows a tqdm bar on stderr: one step per metric column the rubric
        needs, then one for points and totals. ``progress`` may also be a callable
        ``f(done, total, next)``, called before each step and once after the last; what it raises
        ends the run. Ctrl-C stops scoring within a chunk of branches and raises
        KeyboardInterrupt; nothing half-computed is returned. Returns a :class:`Scorecard`."""
        ds = _dataset(dataset)
        r = Rubric.default() if rubric is None else _rubric(rubric)
        start, end = _bounds(ds, year, period)
        with _progress.callback(progress, f"scoring {len(ds):,} branches") as report:
            core_card, timings = self._core.score(ds._core, r._core, start, end, _threads(threads), report)
        return Scorecard._wrap(core_card, rubric=r, dataset=ds, timings=timings)

    def score_archive(self, path, rubric=None, year=None, period=None, threads=None, memory=None, progress=False):
        """Scores a partitioned archive (``branchscore pack … --part-branches N``) out of core:
        one or two parts in memory at a time, never the whole dataset, with exactly the numbers
        :meth:`score` gives on the whole dataset (peer groups span parts). ``memory``: a budget
        in bytes (an int) or a string such as ``"8G"``/``"512M"``; too small a budget raises
        :class:`Error` before anything is read. ``rubric``, ``year``, ``period`` and ``threads``
        as in :meth:`score`; ``progress`` and Ctrl-C too (a step is one metric column over one
        part). The Scorecard has no :attr:`~Scorecard.dataset` (none was loaded)."""
        r = Rubric.default() if rubric is None else _rubric(rubric)
        start, end = _convert.period_bounds(year, period)
        with _progress.callback(progress, f"scoring {os.fspath(path)}") as report:
            core_card, timings = self._core.score_archive(os.fspath(path), r._core, start, end, _threads(threads),
                                                          _memory(memory), report)
        return Scorecard._wrap(core_card, rubric=r, dataset=None, timings=timings)

    def compute(self, metric_id, dataset, year=None, period=None, **params):
        """One metric for every branch over a period (as :meth:`score`), with the metric's
        parameters as keyword arguments (``agg="sum"``): a float Series indexed by branch_id, NaN
        where the metric has no value. Raises :class:`UnknownMetricError` for an unknown id."""
        ds = _dataset(dataset)
        start, end = _bounds(ds, year, period)
        values = self._core.compute_metric(metric_id, ds._core, start, end, params)
        index = pd.Index(ds._frame("branches")["branch_id"], name="branch_id")
        return pd.Series(values, index=index, name=metric_id)

    def __repr__(self):
        loaded = [r for r in self._core.plugins() if r["status"] == "loaded"]
        refused = len(self._core.plugins()) - len(loaded)
        text = (f"<libbranch.Engine: {len(self._core.metrics())} metrics; plugins "
                + ", ".join(r["name"] for r in loaded))
        if refused:
            text += f"; {refused} refused (see plugins())"
        return text + ">"


def _make_engine(plugin_dirs, builtin_plugins, python_metrics=(), allow_unsafe_plugins=False):
    engine = Engine(plugin_dirs, builtin_plugins=builtin_plugins, allow_unsafe_plugins=allow_unsafe_plugins)
    for metric_id, fn, kwargs in python_metrics:
        engine.register_metric(metric_id, fn, **kwargs)
    return engine


_FINDING_COLUMNS = ["branch_id", "name", "rule_id", "severity", "period", "expected", "actual", "evidence_kind",
                    "evidence", "instrument", "article", "message"]


def _rules_source(rules):
    """(JSON text, path) for the core: one of them, or neither for the built-in rule set."""
    import json

    if rules is None:
        return None, None
    if isinstance(rules, dict):
        return json.dumps(rules, ensure_ascii=False), None
    if isinstance(rules, str) and rules.lstrip().startswith("{"):
        return rules, None
    return None, _convert.fspath(rules, "rules")


def _compliance_frame(dataset, rules, year, period):
    ds = _dataset(dataset)
    start, end = _bounds(ds, year, period)
    text, path = _rules_source(rules)
    result = _core.check_compliance(ds._core, text, path, start, end)
    frame = pd.DataFrame(result["findings"], columns=_FINDING_COLUMNS)
    frame.attrs.update({"from": result["from"], "to": result["to"], "rule_set": result["rule_set"]})
    return frame


def _dataset(dataset):
    if not isinstance(dataset, Dataset):
        raise TypeError(f"dataset must be a libbranch.Dataset (libbranch.load(path)), got {type(dataset).__name__}")
    return dataset


def _rubric(rubric):
    if isinstance(rubric, Rubric):
        return rubric
    return Rubric.from_json(rubric)  # a dict, JSON text or a path


_MEMORY_UNITS = {"": 0, "K": 10, "M": 20, "G": 30, "T": 40}


def _memory(memory):
    """Bytes from None (no budget), an int, or '8G' / '512M' / '64K' / '1T' (binary multiples)."""
    if memory is None:
        return 0
    if isinstance(memory, int) and not isinstance(memory, bool) and memory > 0:
        return memory
    if isinstance(memory, str):
        text = memory.strip().upper().removesuffix("IB").removesuffix("B")
        digits = text.rstrip("KMGT")
        unit = text[len(digits):]
        if digits.isdigit() and unit in _MEMORY_UNITS and int(digits) > 0:
            return int(digits) << _MEMORY_UNITS[unit]
    raise ValueError(f"memory must be a positive number of bytes or a size such as '8G', got {memory!r}")


def _threads(threads):
    if threads is None:
        return 0
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
        raise ValueError(f"threads must be an int ≥ 1 (or None for all cores), got {threads!r}")
    return threads


def _bounds(ds, year, period):
    start, end = _convert.period_bounds(year, period)
    if start is None and ds.counts["activities"] == 0:
        raise Error("the dataset has no activities, so there is no default period: pass year= or period=(from, to)")
    return start, end
