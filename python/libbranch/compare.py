"""Period comparison: two scorecards of the same rubric (e.g. 2024 and 2025), branch by branch.

    >>> import libbranch as lb
    >>> ds = lb.load(lb.sample_path())
    >>> c = lb.compare(lb.Engine().score(ds, year=2024), lb.Engine().score(ds, year=2025))
    >>> c.totals            # total and rating in each period, the change, 升级 / 降级
    >>> c.drivers(3)        # per branch, the 3 indicators whose points changed most

Conventions: ``before`` and ``after`` are matched by branch_id (a branch in only one of them has
NaN on the other side and ``status`` "new" or "gone"); every delta is after − before; a rating
change counts places in the rubric's rating list, positive = better (优秀 from 良好 is +1). The
indicators explaining a change are those with the largest |Δ points| (ties in rubric order);
their ``share`` is Δ points / Δ total (bonus indicators included, as in the total). The shares of
a branch need not add to 1 when a standard was rescaled (excluded indicators, AHP standard
weights): the standard deltas (``standards``) are exact.
"""

from __future__ import annotations

import numpy as np

from . import _core

__all__ = ["Comparison", "compare"]


def _pd():
    import pandas as pd

    return pd


class Comparison:
    """Per-branch deltas between two scorecards (see :func:`compare`); computed by the C++
    library (``libbranch/comparison.hpp``)."""

    def __init__(self, before, after):
        pd = _pd()
        self.before, self.after = before, after
        c = _core.compare(before._core, after._core)
        self._c = c
        ids = pd.Index(c.branch_ids, name="branch_id", dtype=object)
        self._ids = ids
        labels = list(c.rating_labels)

        def label(xs):
            return [labels[x] if x is not None else None for x in xs]

        tb, ta = np.asarray(c.total_before), np.asarray(c.total_after)
        self.totals = pd.DataFrame({
            "name": c.branch_names,
            "total_before": tb,
            "total_after": ta,
            "delta": ta - tb,
            "rating_before": label(c.rating_before),
            "rating_after": label(c.rating_after),
            "rating_change": pd.array([pd.NA if x is None else x for x in c.rating_change], dtype="Int64"),
            "status": c.presence,
        }, index=ids)
        self.standards = pd.DataFrame(np.asarray(c.standard_delta), index=ids, columns=list(c.standard_ids))
        self._points_b = pd.DataFrame(np.asarray(c.points_before), index=ids, columns=list(c.indicator_ids))
        self._points_a = pd.DataFrame(np.asarray(c.points_after), index=ids, columns=list(c.indicator_ids))
        self.indicators = self._points_a - self._points_b

    def to_frame(self):
        """The same as :attr:`totals`."""
        return self.totals.copy()

    def drivers(self, top: int = 3):
        """Per branch (present in both), the ``top`` indicators whose points changed most:
        branch_id, indicator, standard, points_before, points_after, delta, share."""
        pd = _pd()
        c = self._c
        rows = []
        for b, bid in enumerate(self._ids):
            for i, before, after, delta, share in c.drivers(b, int(top)):
                rows.append({"branch_id": bid, "indicator": c.indicator_ids[i],
                             "standard": c.indicator_standard[i] or None, "points_before": before,
                             "points_after": after, "delta": delta, "share": share})
        cols = ["branch_id", "indicator", "standard", "points_before", "points_after", "delta", "share"]
        return pd.DataFrame(rows, columns=cols)

    def __repr__(self) -> str:
        t = self.totals
        up = int((t["rating_change"] > 0).sum())
        down = int((t["rating_change"] < 0).sum())
        return (f"Comparison({self.before.period} → {self.after.period}: {len(t)} branches, "
                f"mean Δ total {t['delta'].mean():+.2f}, {up} rated higher, {down} lower)")


def compare(before, after) -> Comparison:
    """Compares two scorecards of one rubric (``before`` the earlier period)."""
    return Comparison(before, after)
