"""Scorecards: the result of scoring, as pandas frames, numpy arrays and the result files."""

from __future__ import annotations

import html
import types

import numpy as np
import pandas as pd

from . import _convert, _core

_FLAG_NAMES = ((1, "missing"), (2, "excluded"), (4, "bonus"))
# Text of each flags byte value, as the detail CSV writes it.
_FLAG_TEXT = [";".join(name for bit, name in _FLAG_NAMES if v & bit) for v in range(8)]


def _categorical(codes, categories):
    """A Categorical when the categories are unique, else plain objects."""
    categories = list(categories)
    if len(set(categories)) == len(categories):
        return pd.Categorical.from_codes(codes, categories=pd.Index(categories, dtype=object))
    lookup = np.array(categories + [None], dtype=object)
    return lookup[np.where(codes < 0, len(categories), codes)]


class Scorecard:
    """Scores of every branch for one rubric and period (docs/reference/rubrics.md, results.md).

    - :attr:`summary` — one row per branch, indexed by branch_id: name, total, rating, one column
      per standard, bonus, vetoes (the CLI's summary CSV as a DataFrame);
    - :attr:`detail` — one row per branch and indicator (the detail CSV as a DataFrame);
    - :attr:`metrics` — raw metric values, branches × metric columns;
    - :meth:`explain` — one branch's indicators: value, rule, points, points lost;
    - :meth:`to_csv`, :meth:`to_json`, :meth:`to_table` — byte for byte what ``branchscore score``
      writes;
    - :attr:`arrays` — the numbers as read-only numpy arrays (views of the C++ result, no copies).

    Rows are in the dataset's branch order. Frames are built on first use and copied on each
    access. Pickling keeps the numbers, the labels and the rubric (not the dataset: after
    unpickling, :attr:`dataset` is None and :attr:`branch_info` comes from the pickle).
    """

    __slots__ = ("_core", "_rubric", "_dataset", "_branch_info", "_timings", "_cache")

    def __init__(self, *args, **kwargs):
        raise TypeError("a Scorecard comes from Engine.score(dataset, …)")

    @classmethod
    def _wrap(cls, core, *, rubric=None, dataset=None, timings=None, branch_info=None):
        self = object.__new__(cls)
        self._core = core
        self._rubric = rubric
        self._dataset = dataset
        self._branch_info = branch_info
        self._timings = dict(timings or {})
        self._cache = {}
        return self

    # ---- facts ----

    def __len__(self):
        return len(self._core)

    @property
    def rubric(self):
        """The :class:`Rubric` scored with."""
        return self._rubric

    @property
    def rubric_name(self):
        return self._core.rubric_name

    @property
    def dataset(self):
        """The :class:`Dataset` scored (None for an unpickled scorecard)."""
        return self._dataset

    @property
    def period(self):
        """(first day, last day), inclusive, as ``datetime.date``: a :class:`Period`."""
        return _convert.period(*self._core.period)

    @property
    def branch_ids(self):
        return pd.Index(self._core.branch_ids, name="branch_id", dtype=object)

    @property
    def standards(self):
        """The rubric's standards: DataFrame indexed by id with name and max_points."""
        return pd.DataFrame(self._core.standards, columns=["id", "name", "max_points"]).set_index("id")

    @property
    def indicators(self):
        """The indicators scored (standards' in rubric order, then bonuses): DataFrame indexed by id
        with standard (None for a bonus), metric, rule, max_points, bonus."""
        rows = self._core.indicators
        for r in rows:
            if r["bonus"]:
                r["standard"] = None
        return pd.DataFrame(rows, columns=["id", "standard", "metric", "rule", "max_points", "bonus"]).set_index("id")

    @property
    def rating_labels(self):
        """Rating labels, best first."""
        return list(self._core.rating_labels)

    @property
    def timings(self):
        """Seconds spent computing metrics, points and totals (C++ wall clock)."""
        return dict(self._timings)

    @property
    def arrays(self):
        """The numbers as read-only numpy arrays: metric_values (B × M), points (B × I), flags
        (B × I, bits 1 missing, 2 excluded, 4 bonus), standard_scores (B × S), totals, bonus,
        ratings (index into :attr:`rating_labels`), veto_offsets / fired_vetoes (CSR)."""
        c = self._core
        names = ["metric_values", "points", "flags", "standard_scores", "totals", "bonus", "ratings",
                 "veto_offsets", "fired_vetoes"]
        return types.SimpleNamespace(**{n: getattr(c, n) for n in names})

    @property
    def branch_info(self):
        """parent_id and org_type of each branch (for grouping), indexed by branch_id."""
        if self._branch_info is None and self._dataset is not None:
            b = self._dataset._frame("branches")
            self._branch_info = b.set_index("branch_id")[["parent_id", "org_type"]]
        return None if self._branch_info is None else self._branch_info.copy()

    # ---- frames ----

    def _cached(self, key, build):
        df = self._cache.get(key)
        if df is None:
            df = build()
            self._cache[key] = df
        return df.copy()

    @property
    def summary(self):
        """One row per branch, indexed by branch_id: name, total, rating (ordered categorical, worst
        to best), one column per standard (rubric order), bonus, vetoes (metric ids of the fired
        vetoes, ';'-separated, '' when none) — the columns of the summary CSV (docs/reference/results.md §2)."""
        return self._cached("summary", self._build_summary)

    def to_frame(self):
        """The same as :attr:`summary`."""
        return self.summary

    @property
    def detail(self):
        """One row per branch and indicator (branches in order, then indicators in rubric order,
        bonuses last): branch_id, standard (NaN for a bonus), indicator, metric, value, points,
        max_points, rule, flags (';'-separated from missing, excluded, bonus) — the detail CSV
        (docs/reference/results.md). String columns are categorical."""
        return self._cached("detail", self._build_detail)

    @property
    def metrics(self):
        """Raw metric values, indexed by branch_id, one column per metric the rubric used (its id,
        with the parameters in brackets when they differ from the defaults: ``obs.honors[agg="sum"]``)."""
        return self._cached("metrics", self._build_metrics)

    def rank(self, method="topsis", over="standards", weights=None, directions=None, **options):
        """Branches ranked by TOPSIS (or "vikor", "weighted_sum") over their standard scores or
        indicator points; see :func:`libbranch.rank.scorecard`."""
        from .rank import scorecard as _rank_scorecard

        return _rank_scorecard(self, method, over, weights, directions, **options)

    def stars(self, levels=None, rest="未定星", group_by=None, overrides=None, ties="within_quota"):
        """Star ratings with quotas over the totals (see :func:`libbranch.stars.assign`);
        ``group_by``: None (all branches), "parent_id" or "org_type" (from :attr:`branch_info`).
        Without ``levels``: the stars the engine gave by the rubric's ``"stars"`` (a StarResult;
        ValueError when the rubric has none)."""
        from .stars import StarResult, assign as _assign

        if levels is None:
            c = self._core
            labels = list(c.star_labels)
            if not labels:
                raise ValueError("the rubric has no stars; give levels, e.g. [('五星', .1), ('四星', .3)]")
            level = pd.Series(np.asarray(c.stars, dtype=np.int64), index=self.branch_ids, name="level")
            return StarResult(self.summary["stars"], level,
                              pd.Series(np.asarray(c.star_direct, dtype=bool), index=self.branch_ids, name="direct"),
                              labels)

        totals = self.summary["total"]
        groups = None
        if group_by is not None:
            info = self.branch_info
            if info is None or group_by not in info.columns:
                raise ValueError(f"group_by must be None, 'parent_id' or 'org_type', not {group_by!r}")
            groups = info[group_by].reindex(totals.index)
        return _assign(totals, levels, rest=rest, groups=groups, overrides=overrides, ties=ties)

    def explain(self, branch_id):
        """One branch's indicators, indexed by indicator: standard, metric, value, rule, points,
        max_points, lost (max_points − points; 0 for bonuses and for excluded indicators, whose
        standard is rescaled instead), flags. Raises KeyError for an unknown branch."""
        try:
            row = self._core.branch_ids.index(branch_id)
        except ValueError:
            raise KeyError(f"no branch {branch_id!r} in this scorecard") from None
        c = self._core
        ind = self.indicators
        cols = ind["metric"].index  # indicator ids
        mcols = np.array([i["metric_column"] for i in c.indicators], dtype=np.intp)
        points = c.points[row, :]
        out = pd.DataFrame({
            "standard": ind["standard"].to_numpy(),
            "metric": ind["metric"].to_numpy(),
            "value": c.metric_values[row, mcols] if len(mcols) else np.empty(0),
            "rule": ind["rule"].to_numpy(),
            "points": points,
            "max_points": ind["max_points"].to_numpy(),
            "lost": np.where(ind["bonus"].to_numpy() | ((c.flags[row, :] & 2) != 0), 0.0,
                             ind["max_points"].to_numpy() - points),
            "flags": [_FLAG_TEXT[f & 7] for f in c.flags[row, :]],
        }, index=pd.Index(cols, name="indicator"))
        return out

    def _build_summary(self):
        c = self._core
        labels = list(c.rating_labels)
        ratings = c.ratings.astype(np.int64)
        if len(set(labels)) == len(labels):
            # Ordered worst → best so that comparisons and max() mean "better".
            rating = pd.Categorical.from_codes(len(labels) - 1 - ratings,
                                               categories=pd.Index(labels[::-1], dtype=object), ordered=True)
        else:
            rating = np.array(labels, dtype=object)[ratings]
        data = {"name": np.array(c.branch_names, dtype=object), "total": np.array(c.totals), "rating": rating}
        scores = c.standard_scores
        for s, std in enumerate(c.standards):
            data[std["id"]] = np.array(scores[:, s])
        data["bonus"] = np.array(c.bonus)
        data["vetoes"] = self._vetoes_text()
        if len(c.star_labels):  # only for a rubric with stars: docs/reference/results.md columns otherwise
            star_labels = list(c.star_labels)
            data["stars"] = pd.Categorical.from_codes(len(star_labels) - 1 - c.stars.astype(np.int64),
                                                      categories=pd.Index(star_labels[::-1], dtype=object),
                                                      ordered=True)
        return pd.DataFrame(data, index=self.branch_ids)

    def _vetoes_text(self):
        c = self._core
        offsets, fired, names = c.veto_offsets, c.fired_vetoes, c.veto_metrics
        out = np.full(len(c), "", dtype=object)
        for b in np.flatnonzero(np.diff(offsets)):
            out[b] = ";".join(names[k] for k in fired[offsets[b]:offsets[b + 1]])
        return out

    def _build_detail(self):
        c = self._core
        n_branches, n_ind = c.points.shape
        inds = c.indicators
        standard_ids = [s["id"] for s in c.standards]
        metric_ids = list(dict.fromkeys(i["metric"] for i in inds))
        rules = list(dict.fromkeys(i["rule"] for i in inds))
        per_ind = lambda values: np.tile(np.asarray(values, dtype=np.int32), n_branches)  # noqa: E731
        mcols = np.array([i["metric_column"] for i in inds], dtype=np.intp)
        values = c.metric_values[:, mcols] if n_ind else np.empty((n_branches, 0))
        return pd.DataFrame({
            "branch_id": _categorical(np.repeat(np.arange(n_branches, dtype=np.int32), n_ind), c.branch_ids),
            "standard": _categorical(per_ind([-1 if i["bonus"] else standard_ids.index(i["standard"]) for i in inds]),
                                     standard_ids),
            "indicator": _categorical(per_ind(range(n_ind)), [i["id"] for i in inds]),
            "metric": _categorical(per_ind([metric_ids.index(i["metric"]) for i in inds]), metric_ids),
            "value": values.ravel(order="C"),
            "points": c.points.ravel(order="C"),
            "max_points": np.tile(np.array([i["max_points"] for i in inds], dtype=float), n_branches),
            "rule": _categorical(per_ind([rules.index(i["rule"]) for i in inds]), rules),
            "flags": pd.Categorical.from_codes(c.flags.ravel(order="C").astype(np.int32) & 7,
                                               categories=pd.Index(_FLAG_TEXT, dtype=object)),
        })

    def _build_metrics(self):
        c = self._core
        columns = [m["metric"] + (f"[{m['params']}]" if m["params"] else "") for m in c.metrics]
        return pd.DataFrame(np.array(c.metric_values), index=self.branch_ids, columns=columns)

    # ---- result files ----

    def to_csv(self, path=None, *, detail=False):
        """The summary CSV (or with ``detail=True`` the detail CSV) exactly as ``branchscore score
        --format csv`` writes it. Returns the text, or writes it to ``path`` and returns None."""
        text = self._core.detail_csv() if detail else self._core.summary_csv()
        return _write(text, path)

    def to_json(self, path=None, *, detail=False):
        """The JSON result exactly as ``branchscore score --format json [--detail]`` writes it."""
        return _write(self._core.json(detail), path)

    def to_excel(self, path, *, by_standard=False, engine=None):
        """Writes the scorecard as an Excel workbook, atomically: the workbook ``branchscore score
        --format xlsx`` writes. Sheets ``summary``, ``detail`` and ``metrics`` (then, with
        ``by_standard=True``, one per standard with each indicator's points) and ``info`` (rubric,
        period); each has two frozen header rows — Chinese titles, then the CSV column names —,
        numbers as numeric cells equal to :meth:`to_csv`'s (shown with two decimals; NaN is an
        empty cell), ratings coloured. ``engine`` gives the metrics' Chinese titles (default: a
        new :class:`Engine`). See docs/excel.md."""
        from . import excel

        excel.scorecard_to_excel(self, path, by_standard=by_standard, engine=engine)

    def to_table(self, *, detail=False):
        """The aligned text table of ``branchscore score`` (CJK counted as two columns)."""
        return self._core.table(detail)

    # ---- display ----

    @property
    def plot(self):
        """The plots (matplotlib): ``card.plot.radar(branch_ids)``, ``card.plot.distribution()``,
        ``card.plot.ranking(group_by="parent_id")``; see :mod:`libbranch.plotting`."""
        from .plotting import ScorecardPlot

        return ScorecardPlot(self)

    _HEAD = 10

    def _repr_parts(self):
        """What both reprs show, as a dict: ``title``, ``facts`` — [(name, text)]: period, rubric,
        branches, standards, ratings (the number of branches of each rating, best first), total —,
        ``ratings`` ([(label, count)]), ``head_title`` and ``head`` (the summary's best rows by
        total, without vetoes). :meth:`__repr__` renders them as text, :meth:`_repr_html_` as HTML."""
        start, end = self.period
        summary = self.summary
        counts = summary["rating"].value_counts(sort=False) if len(summary) else pd.Series(dtype=int)
        ratings = [(label, int(counts.get(label, 0))) for label in self.rating_labels]
        standards = self._core.standards
        max_points = sum(s["max_points"] for s in standards)
        facts = [
            ("period", f"{start.isoformat()} … {end.isoformat()}"),
            ("rubric", f"{len(standards)} standards, {max_points:g} points, {len(self.rating_labels)} ratings"),
            ("branches", f"{len(self):,}"),
            ("standards", ", ".join(f"{s['id']} {s['name']}" for s in standards)),
            ("ratings", ", ".join(f"{label} {count:,}" for label, count in ratings)),
        ]
        if len(summary):
            facts.append(("total", f"mean {summary['total'].mean():.2f}, min {summary['total'].min():.2f}, "
                                   f"max {summary['total'].max():.2f}"))
        head = summary.drop(columns=["vetoes"]).sort_values("total", ascending=False, kind="stable").head(self._HEAD)
        head_title = f"top {self._HEAD} by total:" if len(self) > self._HEAD else "by total:"
        return {"title": f"libbranch.Scorecard — {self.rubric_name}", "facts": facts, "ratings": ratings,
                "head_title": head_title, "head": head}

    def __repr__(self):
        parts = self._repr_parts()
        facts, frame = parts["facts"], parts["head"]
        width = max((len(k) for k, _ in facts), default=0)
        lines = [parts["title"]] + [f"  {k.ljust(width)}  {v}" for k, v in facts]
        if len(frame):
            with pd.option_context("display.width", 120, "display.max_columns", 12,
                                   "display.unicode.east_asian_width", True, "display.precision", 2):
                lines += ["", parts["head_title"], frame.to_string()]
        return "\n".join(lines)

    def _repr_html_(self):
        """The same parts as the text repr, as HTML (Jupyter)."""
        parts = self._repr_parts()
        esc = html.escape
        rows = "".join(f'<tr><th style="text-align:left">{esc(k)}</th><td style="text-align:left">{esc(v)}</td></tr>'
                       for k, v in parts["facts"])
        out = [f'<div class="libbranch-scorecard"><p><strong>{esc(parts["title"])}</strong></p>',
               f"<table>{rows}</table>"]
        if len(parts["head"]):
            out.append(f"<p>{esc(parts['head_title'])}</p>")
            out.append(parts["head"].to_html(float_format=lambda v: f"{v:.2f}", border=0))
        out.append("</div>")
        return "\n".join(out)

    # ---- pickling ----

    def __reduce__(self):
        rubric = None if self._rubric is None else (self._rubric.to_json(), self._rubric.source)
        info = self.branch_info  # a small DataFrame; pandas pickles it
        return (_scorecard_from_bytes, (self._core.to_archive_bytes(), rubric, info, self._timings))


def _scorecard_from_bytes(data, rubric, branch_info, timings):
    from .rubric import _rubric_from_json

    return Scorecard._wrap(_core.Scorecard.from_archive_bytes(data), rubric=None if rubric is None else _rubric_from_json(*rubric),
                           dataset=None, timings=timings, branch_info=branch_info)


def _write(text, path):
    if path is None:
        return text
    from ._atomic import write_atomically

    write_atomically(path, text)
    return None
