"""Dataset.from_frames: pandas tables through the CSV loader's validation."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import libbranch as lb

TABLES = ("branches", "members", "activities", "attendance", "observations")


def read_csv_like_pandas(sample_dir, table, **kwargs):
    """What an analyst gets from pd.read_csv with the defaults: integer columns with blanks as
    float64 (NaN), dates as str, blanks as NaN."""
    return pd.read_csv(sample_dir / f"{table}.csv", **kwargs)


def branches_frame():
    return pd.DataFrame({
        "branch_id": ["b1", "b2", "b3"],
        "name": ["一支部", "二支部", "三支部"],
        "org_type": ["organ", "village", "school"],
        "internal_units": [3.0, np.nan, 2.0],
    })


def test_round_trip_of_the_dataset_frames(sample):
    again = lb.Dataset.from_frames(**sample.tables())
    assert again == sample
    assert again.warnings == []
    for table in TABLES:
        pd.testing.assert_frame_equal(getattr(again, table), getattr(sample, table))


def test_round_trip_of_a_synthetic_province(synthetic):
    assert lb.Dataset.from_frames(**synthetic.tables()) == synthetic


def test_plain_read_csv_frames_load_like_the_csv_files(sample, sample_dir):
    frames = {t: read_csv_like_pandas(sample_dir, t) for t in TABLES}
    # pandas' natural types: integer columns with blanks are float64 (3.0), dates are str.
    assert frames["activities"]["expected"].dtype == np.float64 and frames["activities"]["expected"].isna().any()
    assert frames["members"]["birth_date"].dtype == object
    assert lb.Dataset.from_frames(**frames) == sample


def test_parsed_dates_nullable_ints_and_categoricals(sample, sample_dir):
    members = read_csv_like_pandas(sample_dir, "members", parse_dates=["birth_date", "admission_date", "left_branch"])
    assert members["birth_date"].dtype == "datetime64[ns]"
    activities = read_csv_like_pandas(sample_dir, "activities", parse_dates=["date"])
    activities["attendees"] = activities["attendees"].astype("Int64")
    activities["kind"] = activities["kind"].astype("category")
    activities["expected"] = activities["expected"].astype("Float64")
    branches = read_csv_like_pandas(sample_dir, "branches", dtype={"org_type": "category"})
    # dates as datetime.date objects and as Timestamps in object columns
    branches["last_election"] = pd.to_datetime(branches["last_election"]).dt.date
    observations = read_csv_like_pandas(sample_dir, "observations")
    observations["date"] = pd.to_datetime(observations["date"]).astype(object)
    again = lb.Dataset.from_frames(branches=branches, members=members, activities=activities,
                                   attendance=read_csv_like_pandas(sample_dir, "attendance"),
                                   observations=observations)
    assert again == sample


def test_integer_floats_become_integers():
    ds = lb.Dataset.from_frames(branches=branches_frame())
    units = ds.branches["internal_units"]
    assert units.dtype == "Int64"
    assert units.iloc[0] == 3 and units.iloc[2] == 2 and units.isna().iloc[1]


def test_a_frame_indexed_by_its_id_column():
    b = branches_frame().set_index("branch_id")
    ds = lb.Dataset.from_frames(branches=b)
    assert list(ds.branches["branch_id"]) == ["b1", "b2", "b3"]


def bad_frames():
    branches = branches_frame().set_index("branch_id")
    branches.loc["b2", "internal_units"] = 3.5                       # not an integer
    branches.loc["b3", "org_type"] = "spaceship"                     # not an org_type
    members = pd.DataFrame({
        "member_id": ["m1", "m2", "m3", "m4"],
        "branch_id": ["b1", "b1", "b9", "b2"],                        # b9: no such branch
        "birth_date": [dt.date(1980, 1, 2), "1990-02-30", pd.Timestamp("1975-05-06"),
                       pd.Timestamp("1985-01-01 13:30")],             # a day that does not exist; a time of day
        "education": pd.Categorical(["bachelor", "phd", None, "master"]),  # phd: not an education
    }, index=pd.Index(["alice", "bob", "carol", "dave"], name="who"))
    activities = pd.DataFrame({
        "activity_id": ["a1", "a2"],
        "branch_id": ["b1", "b1"],
        "kind": ["theme_day", "theme_day"],
        "date": ["2025-01-03", "2025-02-03"],
        "attendees": pd.array([5, pd.NA], dtype="Int64"),
        "cases": [True, None],                                         # bool is not a count
    }, index=[10, 20])
    return branches, members, activities


def test_bad_frames_name_rows_by_their_index_labels():
    branches, members, activities = bad_frames()
    with pytest.raises(lb.DataError) as info:
        lb.Dataset.from_frames(branches=branches, members=members, activities=activities)
    e = info.value
    found = {(p.file, p.row_label, p.column, p.value) for p in e.problems if p.is_error}
    assert found == {
        ("branches", "b2", "internal_units", "3.5"),
        ("branches", "b3", "org_type", "spaceship"),
        ("members", "bob", "birth_date", "1990-02-30"),
        ("members", "bob", "education", "phd"),
        ("members", "carol", "branch_id", "b9"),
        ("members", "dave", "birth_date", "1985-01-01 13:30:00"),
        ("activities", "10", "cases", "True"),
    }
    assert e.error_count == 7
    for p in e.problems:
        assert p.line == 0
        assert str(p).startswith(f"{p.file}[{p.row_label}]: {p.severity}: {p.column}: ")
    assert "members[bob]: error: birth_date: not a valid date (expected YYYY-MM-DD) '1990-02-30'" in str(e)
    assert "branches[b2]: error: internal_units: not an integer (digits only, e.g. 12) '3.5'" in str(e)
    frame = e.to_frame()
    assert set(frame["row_label"]) == {"b2", "b3", "bob", "carol", "dave", "10"}
    assert isinstance(e, ValueError)


def test_range_index_labels_are_row_numbers():
    b = branches_frame()
    b.loc[2, "internal_units"] = -1
    with pytest.raises(lb.DataError) as info:
        lb.Dataset.from_frames(b)
    [p] = info.value.problems
    assert (p.row_label, p.column, p.value, p.message) == ("2", "internal_units", "-1", "must not be negative")
    assert str(p) == "branches[2]: error: internal_units: must not be negative '-1'"


def test_infinite_and_non_numbers_are_rejected():
    obs = pd.DataFrame({"branch_id": ["b1", "b1", "b1"], "indicator": ["x", "y", "z"],
                        "value": [np.inf, 0.25, np.nan]}, index=["i", "j", "k"])
    with pytest.raises(lb.DataError) as info:
        lb.Dataset.from_frames(branches_frame(), observations=obs)
    found = {(p.row_label, p.column, p.value) for p in info.value.problems}
    assert ("i", "value", "inf") in found and ("k", "value", "") in found  # value is required
    assert not any(p.row_label == "j" for p in info.value.problems)


def test_header_problems_and_warnings():
    b = branches_frame().drop(columns=["name"])
    with pytest.raises(lb.DataError) as info:
        lb.Dataset.from_frames(b)
    [p] = info.value.problems
    assert (p.file, p.column, p.row_label, p.line) == ("branches", "name", "", 0)
    assert "required column is missing" in p.message
    extra = branches_frame().assign(colour="red")
    with pytest.warns(lb.DataWarning, match="unknown column"):
        ds = lb.Dataset.from_frames(extra)
    assert [w.column for w in ds.warnings] == ["colour"]
    assert "colour" not in ds.branches.columns


def test_custom_kinds():
    acts = pd.DataFrame({"activity_id": ["a1"], "branch_id": ["b1"], "kind": ["tea_party"], "date": ["2025-03-01"]})
    with pytest.raises(lb.DataError) as info:
        lb.Dataset.from_frames(branches_frame(), activities=acts)
    assert info.value.problems[0].row_label == "0" and info.value.problems[0].column == "kind"
    ds = lb.Dataset.from_frames(branches_frame(), activities=acts, allow_custom_kinds=True)
    assert ds.custom_kinds == ("tea_party",)


def test_cross_table_problems_carry_labels():
    members = pd.DataFrame({"member_id": ["m1"], "branch_id": ["b1"], "birth_date": ["1980-01-01"]}, index=["M"])
    acts = pd.DataFrame({"activity_id": ["a1"], "branch_id": ["b1"], "kind": ["theme_day"], "date": ["2025-03-01"],
                         "attendees": [3]}, index=["A"])
    attendance = pd.DataFrame({"activity_id": ["a1", "a1", "a2"], "member_id": ["m1", "m1", "m1"]},
                              index=["x", "y", "z"])
    with pytest.raises(lb.DataError) as info:
        lb.Dataset.from_frames(branches_frame(), members, acts, attendance)
    labels = {(p.file, p.row_label) for p in info.value.problems if p.is_error}
    assert ("attendance", "y") in labels  # the same member twice
    assert ("attendance", "z") in labels  # no activity a2
    assert all(p.line == 0 for p in info.value.problems)


def test_empty_tables_and_arguments():
    ds = lb.Dataset.from_frames(branches_frame(), members=None)
    assert len(ds) == 3 and ds.counts["members"] == 0
    empty = lb.Dataset.from_frames(branches_frame().iloc[:0])
    assert len(empty) == 0
    with pytest.raises(TypeError):
        lb.Dataset.from_frames(None)
    with pytest.raises(TypeError, match="DataFrame"):
        lb.Dataset.from_frames({"branch_id": ["b1"], "name": ["x"]})
