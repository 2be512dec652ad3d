"""Engine.member_points on the hand-made branch of tests/member_points/test_member_points.cpp (whose header
derives every total used here) and on the bundled sample, checked against a small independent
computation over its CSV files."""

import csv
import json
import os
from collections import defaultdict

import pytest

import libbranch as lb

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "..", "..", "tests", "fixtures", "member_points")
RUBRIC = os.path.join(FIXTURE, "rubric.json")


@pytest.fixture(scope="module")
def hand_made():
    with pytest.warns(lb.DataWarning):  # X1 of B2 attends A1 of B1
        return lb.load(os.path.join(FIXTURE, "branch"))


def test_hand_made_totals_and_ranks(engine, hand_made):
    df = engine.member_points(hand_made, rubric=RUBRIC, year=2024)
    assert list(df.member_id) == ["M1", "M4", "M2", "M3", "M5", "X1"]
    # M1 23 clamped to 22 and M4 22 tie for rank 1; M2 21, M3 7, M5 −10 clamped to 0; X1 base 10.
    assert list(df.total) == [22, 22, 21, 7, 0, 10]
    assert list(df["rank"]) == [1, 1, 3, 4, 5, 1]
    m1 = df.set_index("member_id").loc["M1"]
    assert (m1.earned, m1.capped, m1.deductions, m1.bonuses, m1.clamped) == (23, 14, 0, 4, -1)
    assert df.attrs == {"from": "2024-01-01", "to": "2024-12-31", "rubric": "hand-made test rubric"}


def test_ledger_and_branch_filter(engine, hand_made):
    with open(RUBRIC, encoding="utf-8") as f:
        rubric = json.load(f)  # a dict works as well as a path
    members, ledger = engine.member_points(hand_made, rubric=rubric, year=2024, branch="B1", ledger=True)
    assert set(members.branch_id) == {"B1"}
    assert set(ledger.reason) == {"attendance", "cap_kind_month", "cap_month", "cap_year", "absence",
                                  "bonus:lecturer", "bonus:full_attendance", "clamp"}
    # Each member's ledger adds up to total − base.
    sums = ledger.groupby("member_id").points.sum()
    for row in members.itertuples():
        assert sums.get(row.member_id, 0) == row.total - row.base
    m3 = ledger[(ledger.member_id == "M3") & (ledger.reason == "absence")]
    assert list(m3.activity_id) == ["A5", "A6"]  # not A8, A9: M3 left on 2024-05-01
    with pytest.raises(KeyError):
        engine.member_points(hand_made, rubric=RUBRIC, year=2024, branch="B9")


def test_bad_rubric_names_path_and_value(engine, hand_made):
    with pytest.raises(lb.RubricError) as info:
        engine.member_points(hand_made, rubric={"caps": {"per_year": -5}}, year=2024)
    assert info.value.json_path == "caps.per_year"
    assert "-5" in str(info.value)


def _read(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_sample_against_an_independent_count(engine, sample, sample_dir):
    """Earned points before caps and absence deductions recomputed from the CSVs with the default
    rubric (rubrics/member_points.json), without libbranch, for every member in 2025."""
    with open(os.path.join(HERE, "..", "..", "rubrics", "member_points.json"), encoding="utf-8") as f:
        rubric = json.load(f)
    points = {k: v["points"] for k, v in rubric["attendance"].items()}
    required = set(rubric["deductions"]["absent_required"]["kinds"])
    absence = rubric["deductions"]["absent_required"]["points"]
    members = {m["member_id"]: m for m in _read(os.path.join(sample_dir, "members.csv"))}
    acts = [a for a in _read(os.path.join(sample_dir, "activities.csv")) if a["date"].startswith("2025-")]
    present = defaultdict(set)
    for row in _read(os.path.join(sample_dir, "attendance.csv")):
        present[row["activity_id"]].add(row["member_id"])

    def member_on(m, d):  # docs/reference/data-format.md §5.2; ISO dates compare as strings
        joined = m["joined_branch"] or m["admission_date"]
        return bool(m["admission_date"]) and m["admission_date"] <= d and joined <= d and \
            (not m["left_branch"] or d < m["left_branch"])

    earned, deducted = defaultdict(int), defaultdict(int)
    for a in acts:
        for mid, m in members.items():
            if m["branch_id"] != a["branch_id"] or not member_on(m, a["date"]):
                continue
            if mid in present[a["activity_id"]]:
                earned[mid] += points.get(a["kind"], 0)
            elif a["kind"] in required:
                deducted[mid] += absence
    df = engine.member_points(sample, year=2025).set_index("member_id")
    assert len(df) > 50
    for mid, row in df.iterrows():
        assert row.earned == earned[mid], mid
        assert row.deductions == deducted[mid], mid
    assert df.deductions.sum() > 0 and df.earned.sum() > 0
