"""The exception hierarchy and what each error carries."""

import pickle

import pytest

import libbranch as lb


def test_hierarchy():
    assert issubclass(lb.DataError, lb.Error) and issubclass(lb.DataError, ValueError)
    assert issubclass(lb.RubricError, lb.Error) and issubclass(lb.RubricError, ValueError)
    assert issubclass(lb.UnknownMetricError, lb.Error) and issubclass(lb.UnknownMetricError, KeyError)
    assert issubclass(lb.PluginError, lb.Error) and issubclass(lb.PluginError, ImportError)
    assert issubclass(lb.ArchiveError, lb.Error) and issubclass(lb.ArchiveError, OSError)
    assert lb.Error.__module__ == "libbranch" and lb.DataError.__name__ == "DataError"
    assert lb.errors.DataError is lb.DataError


@pytest.fixture
def bad_dir(tmp_path):
    d = tmp_path / "bad"
    d.mkdir()
    (d / "branches.csv").write_text(
        "branch_id,name,org_type,internal_units\n"
        "b1,One,organ,3\n"
        "b1,Dup,spaceship,x\n", encoding="utf-8")
    (d / "members.csv").write_text(
        "member_id,branch_id,birth_date\n"
        "m1,b1,1990-02-30\n"
        "m2,b9,1980-01-01\n", encoding="utf-8")
    return d


def test_data_error_carries_every_problem(bad_dir):
    with pytest.raises(lb.DataError) as info:
        lb.load(bad_dir)
    e = info.value
    assert isinstance(e, ValueError)
    assert e.error_count == 5
    found = {(p.file.rsplit("/", 1)[-1], p.line, p.column, p.value) for p in e.problems}
    assert found == {
        ("branches.csv", 3, "branch_id", "b1"),
        ("branches.csv", 3, "org_type", "spaceship"),
        ("branches.csv", 3, "internal_units", "x"),
        ("members.csv", 2, "birth_date", "1990-02-30"),
        ("members.csv", 3, "branch_id", "b9"),
    }
    for p in e.problems:
        assert p.severity == "error" and p.is_error and p.row_label == "" and p.message
        assert str(p).startswith(p.file + ":")
        assert set(p.to_dict()) == {"file", "line", "row_label", "column", "severity", "message", "value", "omitted"}
    text = str(e)
    assert text.startswith("5 errors in the data:")
    assert "members.csv:2: error: birth_date: not a valid date" in text
    frame = e.to_frame()
    assert list(frame.columns) == ["file", "line", "row_label", "column", "severity", "message", "value", "omitted"]
    assert len(frame) == 5 and frame.equals(lb.problems_frame(e))


def test_problem_pickles(bad_dir):
    with pytest.raises(lb.DataError) as info:
        lb.load(bad_dir)
    problems = info.value.problems
    assert pickle.loads(pickle.dumps(problems)) == problems


def test_missing_directory_is_a_data_error(tmp_path):
    with pytest.raises(lb.DataError) as info:
        lb.load(tmp_path / "nowhere")
    assert info.value.problems[0].message


def test_archive_errors(sample, tmp_path):
    with pytest.raises(lb.ArchiveError) as info:
        lb.Dataset.from_bytes(b"not an archive at all")
    assert isinstance(info.value, OSError)
    data = sample.to_bytes()
    with pytest.raises(lb.ArchiveError):
        lb.Dataset.from_bytes(data[: len(data) // 2])
    junk = tmp_path / "junk.lbar"
    junk.write_bytes(b"\x00" * 100)
    with pytest.raises(lb.ArchiveError) as info:
        lb.load(junk)
    assert info.value.archive_path == str(junk)
    with pytest.raises(OSError):  # what an analyst would catch
        lb.load(junk)


def test_rubric_error_names_the_json_path():
    d = lb.Rubric.default().to_dict()
    d["standards"][1]["indicators"][2]["rule"] = {"type": "target"}
    with pytest.raises(lb.RubricError) as info:
        lb.Rubric.from_json(d)
    assert info.value.json_path.startswith("standards[1].indicators[2].rule")
    assert isinstance(info.value, ValueError)


def test_unknown_metric_in_a_rubric_is_a_rubric_error(sample, engine):
    d = lb.Rubric.default().to_dict()
    d["standards"][0]["indicators"][0]["metric"] = "rule_of_law.nope"
    rubric = lb.Rubric.from_json(d)  # parsing does not know the metrics
    with pytest.raises(lb.RubricError) as info:
        engine.score(sample, rubric)
    assert info.value.json_path == "standards[0].indicators[0].metric"
    with pytest.raises(lb.RubricError):
        engine.check(rubric)


def test_unknown_metric_error(sample, engine):
    with pytest.raises(lb.UnknownMetricError) as info:
        engine.compute("fortress.no_such_metric", sample)
    assert isinstance(info.value, KeyError)
    assert info.value.metric_id == "fortress.no_such_metric"
    assert str(info.value).startswith("unknown metric")  # not KeyError's quoted repr


def test_plugin_error(tmp_path):
    with pytest.raises(lb.PluginError) as info:
        lb.Engine(plugins=[tmp_path / "no_such_dir"])
    assert isinstance(info.value, ImportError)
    assert "no_such_dir" in info.value.plugin_path


def test_library_error_without_subclass(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "branches.csv").write_text("branch_id,name\nb1,One\n", encoding="utf-8")
    ds = lb.load(empty)
    with pytest.raises(lb.Error, match="no activities"):
        lb.Engine().score(ds)
