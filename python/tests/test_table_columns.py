"""The tables' column lists as ``_core.table_columns()`` exposes them (model/table_columns.hpp), and
the Python lists derived from them (frames.COLUMNS, excel's date columns, drop-downs, required)."""

import pandas as pd
from pandas.api import types as pdt

import libbranch as lb
from libbranch import _core, excel, frames

TABLES = ("branches", "members", "activities", "attendance", "observations")


def test_every_table_is_listed_in_file_order():
    assert tuple(_core.table_columns()) == TABLES
    assert frames.TABLES == TABLES


def test_the_frames_have_the_listed_columns_in_order(sample):
    lists = _core.table_columns()
    for table in TABLES:
        df = getattr(sample, table)
        assert list(df.columns) == [c[0] for c in lists[table]], table
        assert frames.COLUMNS[table] == tuple(df.columns), table


def test_kinds_match_the_frames_dtypes(sample):
    # date -> datetime64, integer -> nullable Int64, number -> float64, category -> Categorical,
    # text / set / reference -> object columns of str.
    for table, columns in _core.table_columns().items():
        df = getattr(sample, table)
        for name, kind, _required, _values in columns:
            dtype = df[name].dtype
            if kind == "date":
                assert pdt.is_datetime64_dtype(dtype), (table, name, dtype)
            elif kind == "integer":
                assert str(dtype) == "Int64", (table, name, dtype)
            elif kind == "number":
                assert dtype == "float64", (table, name, dtype)
            elif kind in ("category", "ordered_category"):
                assert isinstance(dtype, pd.CategoricalDtype), (table, name, dtype)
                assert dtype.ordered == (kind == "ordered_category"), (table, name)
            else:
                assert dtype == object, (table, name, dtype)


def test_enumerations_are_the_categories_of_the_frames(sample):
    # An enumeration's categories are its values (docs/reference/data-format.md §6): e.g. gender M,
    # F; mode offline, online, hybrid; the kind column lists the 30 built-in kinds
    # (docs/reference/activity-kinds.md) when there are no custom kinds.
    lists = _core.table_columns()
    members = {c[0]: c for c in lists["members"]}
    assert members["gender"][3] == ("M", "F")
    assert members["education"][1] == "ordered_category"
    activities = {c[0]: c for c in lists["activities"]}
    assert activities["mode"][3] == ("offline", "online", "hybrid")
    assert len(activities["kind"][3]) == 30
    assert list(sample.activities["kind"].cat.categories) == list(activities["kind"][3])
    assert list(sample.members["education"].cat.categories) == list(members["education"][3])
    branches = {c[0]: c for c in lists["branches"]}
    assert branches["facilities"][1] == "set"
    assert branches["facilities"][3][0] == "activity_room"


def test_excel_lists_come_from_the_column_lists():
    # The date columns, as written in docs/reference/data-format.md: branches last_election; members
    # birth_date and the seven dates of the path to membership and of the branch; activities and
    # observations date.
    assert excel.DATE_COLUMNS["branches"] == ("last_election",)
    assert len(excel.DATE_COLUMNS["members"]) == 8
    assert excel.DATE_COLUMNS["attendance"] == ()
    assert excel.REQUIRED["members"] == ("member_id", "branch_id", "birth_date")
    assert excel.REQUIRED["observations"] == ("branch_id", "indicator", "value")
    # Drop-downs: org_type, gender, education, role, kind and mode, in column order.
    assert list(excel.ENUMS) == [("branches", "org_type"), ("members", "gender"), ("members", "education"),
                                 ("members", "role"), ("activities", "kind"), ("activities", "mode")]


def test_an_indexed_frame_gets_its_column_back(sample):
    # frames.COLUMNS recognises a table column moved into the index (set_index("branch_id")).
    df = sample.branches.set_index("branch_id")
    back = lb.Dataset.from_frames(branches=df)
    assert list(back.branches["branch_id"]) == list(sample.branches["branch_id"])
