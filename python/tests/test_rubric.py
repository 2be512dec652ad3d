"""Rubric: default, from_json (dict, text, path), to_dict / to_json round trips, pickling."""

import json
import pickle

import pytest

import libbranch as lb


def test_default():
    r = lb.Rubric.default()
    assert r.standards == ["rule_of_law", "cohesion", "civility", "development", "fortress"]
    assert r.max_points == pytest.approx(100)
    assert r.source == "<default>" or r.source
    assert len(r.rating_labels) >= 2
    assert "rule_of_law.legal_education" in r.metric_ids
    assert repr(r).startswith("<libbranch.Rubric ")
    with pytest.raises(TypeError):
        lb.Rubric()


def test_dict_round_trip():
    r = lb.Rubric.default()
    d = r.to_dict()
    assert isinstance(d, dict) and [s["id"] for s in d["standards"]] == r.standards
    again = lb.Rubric.from_json(d)
    assert again == r
    assert again.to_dict() == d
    assert lb.Rubric.from_json(r.to_json()) == r
    assert lb.Rubric.from_json(r.to_json().encode("utf-8")) == r


def test_shipped_file_equals_default(tmp_path):
    assert lb.Rubric.from_json(lb.default_rubric_path()) == lb.Rubric.default()
    assert lb.Rubric.from_json(str(lb.default_rubric_path())) == lb.Rubric.default()
    path = tmp_path / "mine.json"
    lb.Rubric.default().save(path)
    assert lb.Rubric.from_json(path) == lb.Rubric.default()
    assert lb.Rubric.from_json(path).source == str(path)


def test_changed_rubric_differs():
    d = lb.Rubric.default().to_dict()
    d["standards"][0]["indicators"][0]["points"] += 1
    changed = lb.Rubric.from_json(d)
    assert changed != lb.Rubric.default()
    assert changed.max_points == pytest.approx(101)


def test_pickle():
    r = lb.Rubric.default()
    again = pickle.loads(pickle.dumps(r))
    assert again == r and again.source == r.source


def test_bad_input():
    with pytest.raises(TypeError):
        lb.Rubric.from_json(42)
    with pytest.raises(lb.RubricError):
        lb.Rubric.from_json("{not json")
    with pytest.raises(lb.RubricError):
        lb.Rubric.from_json("/no/such/rubric.json")
    with pytest.raises(lb.RubricError) as info:
        lb.Rubric.from_json(json.loads('{"name": "x", "standards": [], "ratings": []}'))
    assert isinstance(info.value, ValueError)
