"""Star ratings with quotas (评星定级), direct ratings (直接评定) and 升星/降星.

    >>> import libbranch as lb
    >>> card = lb.Engine().score(ds, year=2025)
    >>> honored = (card.metrics['obs.honors[agg="sum"]'] >= 1) & (card.summary.total >= 90)
    >>> s = card.stars([("五星", .10), ("四星", .30, 80), ("三星", .40)], rest="未定星",
    ...                group_by="parent_id", overrides=[(honored, "五星")])
    >>> s.label                      # ordered categorical, worst → best
    >>> lb.stars.changes(last_year.label, s.label, s.labels)   # +1 = 升星, −1 = 降星

Conventions (computed by the C++ library, ``libbranch/star_rating.hpp``; docs/analytics.md):
quotas are cumulative shares of each peer group, best level first (level k holds at most
floor((q₁ + … + q_k) · n) branches with the better levels; unused places pass down); branches
compete by total, highest first; a level's minimum total (third element) must be met; ties at a
quota boundary stay within the quota by default (``ties="within_quota"``: the tied group goes
down a level; ``"over_quota"``: it goes up); direct ratings are outside the quotas; a NaN total
never earns a star.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from . import _core
from ._analytics_input import error

__all__ = ["StarResult", "assign", "changes"]


def _pd():
    import pandas as pd

    return pd


def _levels(levels):
    out = []
    for k, lv in enumerate(levels):
        if isinstance(lv, dict):
            label, quota, min_total = lv.get("label"), lv.get("quota"), lv.get("min_total")
        else:
            lv = tuple(lv)
            if len(lv) not in (2, 3):
                raise error(f"levels[{k}]", "must be (label, quota) or (label, quota, min_total)")
            label, quota, min_total = (lv + (None,))[:3]
        if not isinstance(label, str) or not label:
            raise error(f"levels[{k}].label", "must be a non-empty string")
        out.append((label, float(quota), None if min_total is None else float(min_total)))
    return out


@dataclass(frozen=True)
class StarResult:
    """Stars of every branch."""

    label: Any  #: ordered categorical (worst → best), indexed like the totals
    level: Any  #: 0 = best level … len(levels) = the rest
    direct: Any  #: rated by an override
    labels: list  #: the labels best first, the rest last

    def to_frame(self):
        pd = _pd()
        return pd.DataFrame({"stars": self.label, "level": self.level, "direct": self.direct})

    def counts(self):
        """Branches per label, best first."""
        return self.label.value_counts().reindex(self.labels, fill_value=0)


def assign(totals, levels, rest: str = "未定星", groups=None, overrides=None, ties: str = "within_quota") -> StarResult:
    """Stars for each total. ``levels``: best first, ``(label, quota)`` or ``(label, quota,
    min_total)`` (or dicts with those keys). ``groups``: peer-group keys (any values; missing
    values form one group), aligned with the totals; None = one group. ``overrides``: ``(mask,
    label)`` pairs, the first matching wins."""
    pd = _pd()
    lv = _levels(levels)
    labels = [label for label, _, _ in lv] + [rest]
    if len(set(labels)) != len(labels):
        raise error("levels", f"labels must be distinct (with the rest label): {labels!r}")
    index = totals.index if isinstance(totals, pd.Series) else pd.RangeIndex(len(np.asarray(totals)))
    t = np.asarray(totals, dtype=np.float64).reshape(-1)

    def aligned(x, name):
        if isinstance(x, pd.Series):
            if not x.index.equals(index):
                if set(x.index) != set(index):
                    raise error(name, "is not indexed like the totals")
                x = x.reindex(index)
            return x.to_numpy()
        a = np.asarray(x)
        if a.shape != (len(t),):
            raise error(name, f"has {a.size} entries for {len(t)} totals")
        return a

    g = [] if groups is None else pd.factorize(aligned(groups, "groups"), use_na_sentinel=True)[0].astype(np.int64).tolist()
    ov = []
    for k, (mask, label) in enumerate(overrides or []):
        if label not in labels:
            raise error(f"overrides[{k}]", f"rates at {label!r}, which is not one of {labels!r}")
        m = aligned(mask, f"overrides[{k}]")
        ov.append(([bool(v) for v in np.asarray(m, dtype=bool)], labels.index(label)))
    d = _core.star_assign(t, g, lv, rest, ties, ov)
    level = np.asarray(d["level"], dtype=np.int64)
    cats = pd.Categorical.from_codes(len(labels) - 1 - level, categories=labels[::-1], ordered=True)
    return StarResult(pd.Series(cats, index=index, name="stars"), pd.Series(level, index=index, name="level"),
                      pd.Series(np.asarray(d["direct"], dtype=bool), index=index, name="direct"), labels)


def changes(previous, current, labels):
    """升星 / 降星: stars gained (+1, +2, …) or lost (−1, …) from ``previous`` to ``current``
    (Series of labels, aligned by index; a branch absent or NaN in ``previous`` gets <NA>).
    ``labels``: best first, the rest last (``StarResult.labels``)."""
    pd = _pd()
    labels = list(labels)
    if not isinstance(current, pd.Series) or not isinstance(previous, pd.Series):
        raise error("previous", "previous and current must be pandas Series of labels indexed by branch")
    rank = {label: k for k, label in enumerate(labels)}
    prev = previous.reindex(current.index)
    cur_levels = []
    for b, v in current.items():
        if v not in rank:
            raise error("current", f"{b!r} has the label {v!r}, not one of {labels!r}")
        cur_levels.append(rank[v])
    prev_levels = []
    for b, v in prev.items():
        if pd.isna(v):
            prev_levels.append(None)
        elif v not in rank:
            raise error("previous", f"{b!r} has the label {v!r}, not one of {labels!r}")
        else:
            prev_levels.append(rank[v])
    out = _core.star_changes(prev_levels, cur_levels)
    return pd.Series(pd.array([pd.NA if c is None else c for c in out], dtype="Int64"), index=current.index,
                     name="change")
