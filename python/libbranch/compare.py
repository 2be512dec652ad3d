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
their ``share`` is Δ points / Δ of the standards' total. The shares of a branch need not add to 1
when a standard was rescaled (excluded indicators, AHP standard weights): the standard deltas
(``standards``) are exact.
"""

from __future__ import annotations

import numpy as np

__all__ = ["Comparison", "compare"]


def _pd():
    import pandas as pd

    return pd


class Comparison:
    """Per-branch deltas between two scorecards (see :func:`compare`)."""

    def __init__(self, before, after):
        pd = _pd()
        if list(before.standards.index) != list(after.standards.index):
            raise ValueError("the scorecards have different standards "
                             f"({list(before.standards.index)} vs {list(after.standards.index)}); compare scorecards of one rubric")
        ind_b = before.indicators
        ind_a = after.indicators
        if list(ind_b.index) != list(ind_a.index):
            raise ValueError("the scorecards have different indicators; compare scorecards of one rubric")
        if before.rating_labels != after.rating_labels:
            raise ValueError("the scorecards have different rating labels; compare scorecards of one rubric")
        self.before, self.after = before, after
        self._labels = list(after.rating_labels)
        sb, sa = before.summary, after.summary
        ids = sb.index.union(sa.index, sort=False)
        self._ids = ids
        self._standards = list(after.standards.index)
        self._indicators = ind_a

        def points(card):
            a = card.arrays
            return pd.DataFrame(np.asarray(a.points), index=card.branch_ids, columns=ind_a.index).reindex(ids)

        self._points_b, self._points_a = points(before), points(after)

        rank = {label: k for k, label in enumerate(self._labels)}
        rb = sb["rating"].astype(object).reindex(ids)
        ra = sa["rating"].astype(object).reindex(ids)
        change = [(rank[x] - rank[y]) if isinstance(x, str) and isinstance(y, str) else pd.NA for x, y in zip(rb, ra)]
        status = np.where(~ids.isin(sb.index), "new", np.where(~ids.isin(sa.index), "gone", "both"))
        name = sa["name"].reindex(ids).fillna(sb["name"].reindex(ids))
        tb, ta = sb["total"].reindex(ids), sa["total"].reindex(ids)
        self.totals = pd.DataFrame({
            "name": name,
            "total_before": tb,
            "total_after": ta,
            "delta": ta - tb,
            "rating_before": rb,
            "rating_after": ra,
            "rating_change": pd.array(change, dtype="Int64"),
            "status": status,
        }, index=ids)
        self.standards = sa[self._standards].reindex(ids) - sb[self._standards].reindex(ids)
        self.indicators = self._points_a - self._points_b

    def to_frame(self):
        """The same as :attr:`totals`."""
        return self.totals.copy()

    def drivers(self, top: int = 3):
        """Per branch (present in both), the ``top`` indicators whose points changed most:
        branch_id, indicator, standard, points_before, points_after, delta, share."""
        pd = _pd()
        rows = []
        std_delta = self.standards.sum(axis=1)
        standard_of = self._indicators["standard"]
        for b in self._ids[self.totals["status"].to_numpy() == "both"]:
            d = self.indicators.loc[b]
            order = np.argsort(-np.abs(d.to_numpy()), kind="stable")[:top]
            for j in order:
                if d.iloc[j] == 0:
                    break
                ind = d.index[j]
                total = std_delta[b]
                rows.append({"branch_id": b, "indicator": ind, "standard": standard_of[ind],
                             "points_before": self._points_b.at[b, ind], "points_after": self._points_a.at[b, ind],
                             "delta": d.iloc[j], "share": d.iloc[j] / total if total != 0 else np.nan})
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
