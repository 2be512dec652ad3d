"""Member points (党员积分制) as DataFrames: the members ranked within their branch, and the
ledger of point movements (docs/member-points.md). Reached through ``Engine.member_points``."""

from __future__ import annotations

import json

import pandas as pd

from . import _convert, _core

MEMBER_COLUMNS = ["branch_id", "member_id", "name", "rank", "total", "base", "earned", "capped",
                  "deductions", "bonuses", "clamped"]
LEDGER_COLUMNS = ["branch_id", "member_id", "date", "activity_id", "kind", "reason", "points"]


def _rubric_source(rubric):
    """(JSON text, path) for the core: one of them, or neither for the built-in rubric."""
    if rubric is None:
        return None, None
    if isinstance(rubric, dict):
        return json.dumps(rubric, ensure_ascii=False), None
    if isinstance(rubric, str) and rubric.lstrip().startswith("{"):
        return rubric, None
    return None, _convert.fspath(rubric, "rubric")


def member_points_frames(dataset, rubric, bounds, branch, ledger):
    text, path = _rubric_source(rubric)
    start, end = bounds
    result = _core.member_points(dataset._core, text, path, start, end)
    members = pd.DataFrame(result["members"], columns=MEMBER_COLUMNS)
    entries = pd.DataFrame(result["ledger"], columns=LEDGER_COLUMNS)
    if branch is not None:
        branches = dataset.branches
        ids = branches.index if branches.index.name == "branch_id" else branches["branch_id"]
        if branch not in set(ids):
            raise KeyError(f"no branch {branch!r} in the dataset")
        members = members[members["branch_id"] == branch].reset_index(drop=True)
        entries = entries[entries["branch_id"] == branch].reset_index(drop=True)
    for frame in (members, entries):
        frame.attrs.update({"from": result["from"], "to": result["to"], "rubric": result["rubric"]})
    return (members, entries) if ledger else members
