"""A file of many bad rows: the first 1,000 problems are listed, the rest counted (issue 13)."""

import pickle

import pytest

import libbranch as lb


def bad_members(tmp_path, rows):
    d = tmp_path / "bad"
    d.mkdir()
    (d / "branches.csv").write_text("branch_id,name\nb1,One\n", encoding="utf-8")
    lines = "".join(f"m{i},nope,1980-01-01\n" for i in range(rows))
    (d / "members.csv").write_text("member_id,branch_id,birth_date\n" + lines, encoding="utf-8")
    return d


def test_problems_are_capped_with_a_count_of_the_rest(tmp_path):
    with pytest.raises(lb.DataError) as info:
        lb.load(bad_members(tmp_path, 2500))
    e = info.value
    assert e.error_count == 2500
    assert len(e.problems) == 1001
    assert all(p.omitted == 0 for p in e.problems[:1000])
    last = e.problems[-1]
    assert last.omitted == 1500 and last.is_error and last.file.endswith("members.csv")
    assert last.message == f"… and 1,500 more problems in {last.file} (only the first 1,000 are listed)"
    assert str(e).startswith("2500 errors in the data:")
    frame = lb.problems_frame(e)
    assert len(frame) == 1001 and int(frame["omitted"].iloc[-1]) == 1500 and int(frame["omitted"].iloc[0]) == 0
    again = pickle.loads(pickle.dumps(last))
    assert again == last and again.omitted == 1500


def test_below_the_cap_every_problem_is_listed(tmp_path):
    with pytest.raises(lb.DataError) as info:
        lb.load(bad_members(tmp_path, 999))
    assert len(info.value.problems) == 999 and info.value.error_count == 999
    assert "more problems" not in str(info.value)
