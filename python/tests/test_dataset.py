"""lb.load, Dataset: tables as DataFrames, archives, pickling."""

import pickle

import numpy as np
import pandas as pd
import pytest

import libbranch as lb

CSV_FILES = ("branches", "members", "activities", "attendance", "observations")


def read_csv(sample_dir, table):
    return pd.read_csv(sample_dir / f"{table}.csv", dtype=str, keep_default_na=False)


def test_load_sample(sample, sample_dir):
    assert isinstance(sample, lb.Dataset)
    assert len(sample) == 8
    for table in CSV_FILES:
        assert sample.counts[table] == len(read_csv(sample_dir, table)), table
    assert "court" in sample and "nowhere" not in sample and 3 not in sample
    assert repr(sample).startswith("<libbranch.Dataset: 8 branches, ")
    assert sample.warnings == []


def test_load_accepts_pathlike_and_str(sample_dir):
    assert lb.load(str(sample_dir)) == lb.load(sample_dir)
    assert lb.Dataset.load(sample_dir) == lb.load(sample_dir)


def test_no_public_constructor():
    with pytest.raises(TypeError, match="libbranch.load"):
        lb.Dataset()


def test_frames_have_the_csv_columns(sample, sample_dir):
    for table in CSV_FILES:
        frame = getattr(sample, table)
        assert list(frame.columns) == list(read_csv(sample_dir, table).columns), table
        assert len(frame) == sample.counts[table]


def test_branches_frame_values(sample, sample_dir):
    b = sample.branches
    csv = read_csv(sample_dir, "branches")
    assert list(b["branch_id"]) == list(csv["branch_id"])  # branches keep file order
    assert list(b["name"]) == list(csv["name"])
    assert b["org_type"].dtype == "category"
    assert list(b["org_type"].astype(str)) == list(csv["org_type"])
    assert b["internal_units"].dtype == "Int64"
    assert list(b["internal_units"].astype(str)) == [v or "<NA>" for v in csv["internal_units"]]
    assert b["last_election"].dtype == "datetime64[ns]"
    assert list(b["last_election"].dt.strftime("%Y-%m-%d").fillna("")) == list(csv["last_election"])
    # sets as the CSV writes them (names in declaration order)
    court = b.set_index("branch_id").loc["court"]
    assert set(court["facilities"].split(";")) == set(csv.set_index("branch_id").loc["court", "facilities"].split(";"))


def test_members_and_activities_frames(sample, sample_dir):
    m = sample.members
    csv = read_csv(sample_dir, "members").set_index("member_id")
    m = m.set_index("member_id")
    assert set(m.index) == set(csv.index)
    assert (m["branch_id"] == csv.loc[m.index, "branch_id"]).all()
    assert m["education"].cat.ordered and list(m["education"].cat.categories)[:2] == ["primary", "junior_high"]
    births = m["birth_date"].dt.strftime("%Y-%m-%d")
    assert (births == csv.loc[m.index, "birth_date"]).all()

    a = sample.activities.set_index("activity_id")
    acsv = read_csv(sample_dir, "activities").set_index("activity_id")
    assert (a["kind"].astype(str) == acsv.loc[a.index, "kind"]).all()
    hours = pd.to_numeric(acsv.loc[a.index, "hours"].replace("", np.nan))
    assert np.allclose(a["hours"].to_numpy(), hours.to_numpy(), equal_nan=True)
    assert a["attendees"].dtype == "Int64"
    lecturers = a["lecturer_id"].fillna("")
    assert (lecturers == acsv.loc[a.index, "lecturer_id"]).all()


def test_frames_are_copies(sample):
    b = sample.branches
    b.loc[0, "name"] = "changed"
    assert sample.branches.loc[0, "name"] != "changed"


def test_tables_and_memory(sample):
    tables = sample.tables()
    assert list(tables) == list(CSV_FILES)
    mem = sample.memory_usage()
    assert mem["total"] > 0 and mem["total"] == sum(v for k, v in mem.items() if k != "total")


def test_default_period(sample):
    import datetime as dt

    assert sample.default_period() == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_save_and_load_archive(sample, tmp_path):
    path = tmp_path / "court.lbar"
    sample.save(path)
    again = lb.load(path)
    assert again == sample
    assert len(again) == len(sample)
    pd.testing.assert_frame_equal(again.members, sample.members)
    for fmt in ("text", "xml"):
        sample.save(tmp_path / f"court.{fmt}", format=fmt)
        assert lb.load(tmp_path / f"court.{fmt}") == sample
    with pytest.raises(ValueError, match="format"):
        sample.save(tmp_path / "x", format="zip")


def test_archive_of_cli_pack_loads(sample_dir, tmp_path, run_cli):
    path = tmp_path / "packed.lbar"
    run_cli("pack", sample_dir, "--out", path)
    assert lb.load(path) == lb.load(sample_dir)


def test_pickle_round_trip(sample):
    data = pickle.dumps(sample)
    again = pickle.loads(data)
    assert isinstance(again, lb.Dataset)
    assert again == sample
    for table in CSV_FILES:
        pd.testing.assert_frame_equal(getattr(again, table), getattr(sample, table))
    assert lb.Dataset.from_bytes(sample.to_bytes()) == sample


def test_synth(tmp_path):
    counts = lb.synth(tmp_path / "s", 50, seed=3)
    ds = lb.load(tmp_path / "s")
    assert counts["branches"] == len(ds) == 50
    assert ds.counts["members"] == counts["members"]
    assert lb.synth(tmp_path / "t", 50, seed=3) == counts
    assert (lb.load(tmp_path / "t")) == ds


def test_warnings_are_reported(tmp_path, sample_dir):
    # A lecturer who belongs to another branch is a warning (the data still loads).
    import shutil

    d = tmp_path / "warn"
    shutil.copytree(sample_dir, d)
    acts = pd.read_csv(d / "activities.csv", dtype=str, keep_default_na=False)
    members = pd.read_csv(d / "members.csv", dtype=str, keep_default_na=False)
    other = members[members["branch_id"] != acts.loc[0, "branch_id"]].iloc[0]["member_id"]
    acts.loc[0, "lecturer_id"] = other
    acts.to_csv(d / "activities.csv", index=False)
    with pytest.warns(lb.DataWarning, match="lecturer"):
        ds = lb.load(d)
    assert len(ds.warnings) >= 1
    w = ds.warnings[0]
    assert w.severity == "warning" and w.column == "lecturer_id" and w.value == other and w.line == 2


def test_dates_outside_the_pandas_range_stay_dates():
    import datetime as dt

    from libbranch import _convert

    days = np.array(["1600-01-01", "NaT", "2000-01-02"], dtype="M8[D]")
    assert list(_convert.column("date", days)) == [dt.date(1600, 1, 1), None, dt.date(2000, 1, 2)]
    assert _convert.column("date", days[1:]).dtype == "datetime64[ns]"
