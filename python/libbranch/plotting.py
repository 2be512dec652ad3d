"""Plots of a Scorecard: ``card.plot.radar(ids)``, ``card.plot.distribution()``,
``card.plot.ranking(group_by="parent_id")`` (matplotlib, imported on first use).

Each function draws on ``ax`` when given (else a new figure through pyplot, so Jupyter shows it)
and returns the Axes. Chinese text (standard names, branch names, ratings) is set in a CJK font
found on the machine (Noto Sans CJK from the Debian package fonts-noto-cjk, or another of
:data:`CJK_FONTS`), with DejaVu Sans as the fallback for other glyphs; the global rcParams are not
changed. Without any CJK font a :class:`UserWarning` says what to install.
"""

from __future__ import annotations

import contextlib
import functools
import warnings

import numpy as np
import pandas as pd

CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Noto Sans CJK KR", "Source Han Sans SC",
             "Source Han Sans CN", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei",
             "PingFang SC", "Noto Serif CJK SC", "Noto Serif CJK JP")


@functools.lru_cache(maxsize=None)
def font_families():
    """The font family list the plots use: the first installed CJK font of :data:`CJK_FONTS`,
    then DejaVu Sans (matplotlib falls back glyph by glyph)."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in installed:
            return (name, "DejaVu Sans")
    warnings.warn("no CJK font found for matplotlib: Chinese labels will show as boxes (install fonts-noto-cjk, "
                  "then delete matplotlib's font cache)", UserWarning, stacklevel=3)
    return ("DejaVu Sans",)


@contextlib.contextmanager
def _cjk():
    import matplotlib as mpl

    with mpl.rc_context({"font.family": list(font_families()), "axes.unicode_minus": False}):
        yield


def _set_fonts(fig):
    """Every text of the figure in the CJK family (texts made before, or outside, the context)."""
    from matplotlib.text import Text

    for t in fig.findobj(Text):
        t.set_fontfamily(list(font_families()))


def _axes(ax, polar=False, figsize=(6.4, 4.8)):
    import matplotlib.pyplot as plt

    if ax is not None:
        if polar and getattr(ax, "name", "") != "polar":
            raise ValueError("radar needs polar axes: plt.subplot(projection='polar')")
        return ax
    fig = plt.figure(figsize=figsize)
    return fig.add_subplot(projection="polar" if polar else None)


def _branch_list(card, branch_ids):
    if isinstance(branch_ids, str):
        branch_ids = [branch_ids]
    branch_ids = list(branch_ids)
    if not branch_ids:
        raise ValueError("radar needs at least one branch id")
    known = set(card.branch_ids)
    missing = [b for b in branch_ids if b not in known]
    if missing:
        raise KeyError(f"no branch {missing[0]!r} in this scorecard")
    return branch_ids


class ScorecardPlot:
    """``card.plot``: the plots of a :class:`~libbranch.Scorecard`."""

    __slots__ = ("_card",)

    def __init__(self, card):
        self._card = card

    def __repr__(self):
        return "<libbranch Scorecard plots: radar(branch_ids), distribution(), ranking(group_by='parent_id')>"

    # ---- radar ----

    def radar(self, branch_ids, *, ax=None, fill=True):
        """The rubric's standards as a share of their maxima (0–1) for each branch, one polygon per
        branch on polar axes; the axes are labelled with the standards' Chinese names, the legend
        with the branch names. ``branch_ids``: one id or a list. Returns the Axes."""
        card = self._card
        ids = _branch_list(card, branch_ids)
        standards = card.standards
        if standards.empty:
            raise ValueError("the rubric has no standards to plot")
        summary = card.summary
        shares = summary.loc[ids, list(standards.index)].to_numpy(dtype=float) / standards["max_points"].to_numpy()
        k = len(standards)
        angles = np.linspace(0.0, 2 * np.pi, k, endpoint=False)
        closed = np.append(angles, angles[0])
        with _cjk():
            ax = _axes(ax, polar=True, figsize=(6.4, 6.0))
            for row, branch in enumerate(ids):
                values = shares[row]
                label = f"{summary.at[branch, 'name']} ({branch})"
                line, = ax.plot(closed, np.append(values, values[0]), linewidth=1.5, label=label)
                if fill:
                    ax.fill(angles, values, color=line.get_color(), alpha=0.15)
            ax.set_theta_offset(np.pi / 2)
            ax.set_theta_direction(-1)
            ax.set_xticks(angles)
            ax.set_xticklabels(list(standards["name"]))
            ax.tick_params(axis="x", pad=10)
            ax.set_ylim(0, 1)
            ax.set_yticks([0.25, 0.5, 0.75, 1.0])
            ax.set_yticklabels(["25%", "50%", "75%", "100%"], fontsize="small", color="gray")
            ax.set_title("各标准得分率 (share of each standard's maximum)", pad=18)
            ax.legend(loc="upper right", bbox_to_anchor=(1.35, 1.12), fontsize="small")
            _set_fonts(ax.figure)
        return ax

    # ---- distribution ----

    def distribution(self, *, bins=20, ax=None):
        """A histogram of the totals, stacked by rating (best first in the legend, each with its
        number of branches), with the rating thresholds of the rubric as dashed lines. Returns the
        Axes."""
        card = self._card
        summary = card.summary
        labels = card.rating_labels
        totals = summary["total"].to_numpy(dtype=float)
        ratings = summary["rating"].astype(object).to_numpy()
        groups = [totals[ratings == label] for label in labels]
        counts = [len(g) for g in groups]
        top = max(float(card.standards["max_points"].sum()) if len(card.standards) else 0.0,
                  float(np.nanmax(totals)) if len(totals) else 0.0)
        low = min(0.0, float(np.nanmin(totals)) if len(totals) else 0.0)
        edges = np.linspace(low, top if top > low else low + 1.0, int(bins) + 1)
        colors = _rating_colors(len(labels))
        with _cjk():
            ax = _axes(ax, figsize=(7.5, 4.5))
            ax.hist(groups, bins=edges, stacked=True, color=colors,
                    label=[f"{label} {count:,}" for label, count in zip(labels, counts)], edgecolor="white",
                    linewidth=0.5)
            for minimum, label in _thresholds(card):
                ax.axvline(minimum, color="gray", linestyle="--", linewidth=1)
                ax.annotate(f"{label} ≥ {minimum:g}", (minimum, 1), xycoords=("data", "axes fraction"),
                            xytext=(-2, -4), textcoords="offset points", rotation=90, ha="right", va="top",
                            fontsize="small", color="gray")
            ax.set_xlabel("总分 (total)")
            ax.set_ylabel("支部数 (branches)")
            ax.set_title(f"总分分布 · {len(totals):,} 个支部 (distribution of totals)")
            ax.legend(title="等级 (rating)", fontsize="small", loc="upper left")
            _set_fonts(ax.figure)
        return ax

    # ---- ranking ----

    def ranking(self, group_by="parent_id", *, n=10, ax=None):
        """Branches ranked by total within each group (``group_by``: 'parent_id', 'org_type', or
        None for one ranking of all branches). Returns the Axes.

        Up to ``4 * n`` branches: one bar per branch, grouped (groups by mean total, best first;
        within a group by total), coloured by group and labelled with the rank in the group
        ("2/5"). Larger scorecards: one box of totals per group for the ``n`` best and the ``n``
        worst groups by median total (with ``group_by=None``: the ``n`` best and ``n`` worst
        branches as bars)."""
        card = self._card
        frame = card.summary[["name", "total"]]
        if group_by is not None:
            info = card.branch_info
            if info is None or group_by not in info.columns:
                columns = [] if info is None else list(info.columns)
                raise ValueError(f"group_by must be one of {columns} or None, got {group_by!r}")
            group = info[group_by].astype(object).reindex(frame.index)
            frame = frame.assign(group=group.where(group.notna(), "(none)").astype(str))
        else:
            frame = frame.assign(group="(all)")
        g = frame.groupby("group", sort=False)["total"]
        frame = frame.assign(rank=g.rank(ascending=False, method="min").astype(int), size=g.transform("size"))
        n = int(n)
        if n < 1:
            raise ValueError("n must be ≥ 1")
        with _cjk():
            if len(frame) <= 4 * n:
                ax = self._ranking_bars(frame, group_by, ax)
            elif group_by is None:
                ax = self._ranking_ends(frame, n, ax)
            else:
                ax = self._ranking_boxes(frame, group_by, n, ax)
            _set_fonts(ax.figure)
        return ax

    def _ranking_bars(self, frame, group_by, ax):
        import matplotlib.pyplot as plt

        order = frame.groupby("group", sort=False)["total"].mean().sort_values(ascending=False, kind="stable").index
        rows, y, ticks, labels, colors, texts = [], 0.0, [], [], [], []
        cmap = plt.get_cmap("tab10")
        group_ends = []
        for gi, name in enumerate(order):
            members = frame[frame["group"] == name].sort_values(["rank", "total"], ascending=[True, False],
                                                                 kind="stable")
            for branch, r in members.iterrows():
                rows.append((y, r["total"], cmap(gi % 10), name))
                ticks.append(y)
                labels.append(f"{r['name']} ({branch})")
                texts.append(f"{r['rank']}/{r['size']}")
                y += 1
            group_ends.append(y)
            y += 0.6  # a gap between groups
        ax = _axes(ax, figsize=(8, 0.35 * len(rows) + 1.5))
        seen = set()
        for (pos, total, color, name), text in zip(rows, texts):
            label = None if name in seen else f"{name} ({int((frame['group'] == name).sum())})"
            seen.add(name)
            ax.barh(pos, total, color=color, label=label)
            ax.annotate(text, (total, pos), xytext=(3, 0), textcoords="offset points", va="center",
                        fontsize="small")
        ax.set_yticks(ticks)
        ax.set_yticklabels(labels)
        ax.invert_yaxis()
        ax.set_xlabel("总分 (total)")
        title = "排名 (ranking)" if group_by is None else f"组内排名 (ranking within {group_by})"
        ax.set_title(title)
        if group_by is not None:
            ax.legend(title=group_by, fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
        return ax

    def _ranking_ends(self, frame, n, ax):
        ranked = frame.sort_values("total", ascending=False, kind="stable")
        shown = pd.concat([ranked.head(n), ranked.tail(n)])
        ax = _axes(ax, figsize=(8, 0.35 * len(shown) + 1.5))
        positions = np.r_[np.arange(n), np.arange(n) + n + 0.8]
        colors = ["tab:green"] * n + ["tab:red"] * n
        ax.barh(positions, shown["total"].to_numpy(), color=colors)
        for pos, (branch, r) in zip(positions, shown.iterrows()):
            ax.annotate(f"{r['rank']:,}/{r['size']:,}", (r["total"], pos), xytext=(3, 0), textcoords="offset points",
                        va="center", fontsize="small")
        ax.set_yticks(positions)
        ax.set_yticklabels([f"{r['name']} ({b})" for b, r in shown.iterrows()])
        ax.invert_yaxis()
        ax.set_xlabel("总分 (total)")
        ax.set_title(f"前 {n} 名与后 {n} 名 (top and bottom {n} of {len(frame):,} branches)")
        return ax

    def _ranking_boxes(self, frame, group_by, n, ax):
        medians = frame.groupby("group", sort=False)["total"].median().sort_values(ascending=False, kind="stable")
        if len(medians) <= 2 * n:
            chosen, gap = list(medians.index), None
        else:
            chosen, gap = list(medians.index[:n]) + list(medians.index[-n:]), n
        data = [frame.loc[frame["group"] == name, "total"].to_numpy() for name in chosen]
        positions = np.arange(len(chosen), dtype=float)
        if gap is not None:
            positions[gap:] += 0.8
        ax = _axes(ax, figsize=(8, 0.35 * len(chosen) + 1.8))
        sizes = frame.groupby("group", sort=False).size()
        ax.boxplot(data, positions=positions, vert=False, widths=0.6, showfliers=True,
                   flierprops={"markersize": 2, "alpha": 0.4}, medianprops={"color": "tab:red"})
        ax.set_yticks(positions)
        ax.set_yticklabels([f"{name} ({sizes[name]:,})" for name in chosen])
        ax.set_ylim(positions[-1] + 0.7, positions[0] - 0.7)
        if gap is not None:
            middle = (positions[gap - 1] + positions[gap]) / 2
            ax.axhline(middle, color="gray", linestyle=":", linewidth=1)
            ax.annotate(f"… {len(medians) - 2 * n:,} more groups …", (0.5, middle), xycoords=("axes fraction", "data"),
                        ha="center", va="center", fontsize="small", color="gray",
                        bbox={"facecolor": "white", "edgecolor": "none"})
        ax.set_xlabel("总分 (total)")
        shown = f"top {n} and bottom {n} of {len(medians):,}" if gap is not None else f"all {len(medians):,}"
        ax.set_title(f"组内总分分布 (totals within {group_by}: {shown} groups by median)")
        return ax


def _rating_colors(k):
    import matplotlib.pyplot as plt

    cmap = plt.get_cmap("RdYlGn")
    if k == 1:
        return [cmap(0.8)]
    return [cmap(0.85 - 0.7 * i / (k - 1)) for i in range(k)]  # best (green) … worst (red)


def _thresholds(card):
    """(minimum, label) of each rating that has a minimum, from the rubric."""
    rubric = card.rubric
    if rubric is None:
        return []
    return [(float(r["min"]), r["label"]) for r in rubric.to_dict().get("ratings", []) if r.get("min") is not None]
