"""Engine.check(dataset, …): compliance findings as a DataFrame. Expected findings on the sample
were read off its CSV files (see tests/cli/test_cli_check.cpp for the derivation)."""

import json

import pytest

import libbranch as lb


def test_sample_findings_frame(engine, sample):
    df = engine.check(sample, year=2025)
    assert list(df.columns) == ["branch_id", "name", "rule_id", "severity", "period", "expected", "actual",
                                "evidence_kind", "evidence", "instrument", "article", "message"]
    assert df.attrs["from"] == "2025-01-01" and df.attrs["to"] == "2025-12-31"
    fin = df[(df.branch_id == "finance_bureau") & (df.rule_id == "meeting.branch_congress")]
    assert list(fin.period) == ["2025-Q2", "2025-Q3"]
    assert list(fin.actual) == ["0", "0"]
    assert set(fin.severity) == {"violation"}
    court = df[df.branch_id == "court"]
    assert list(court.rule_id) == ["meeting.org_life_timing"]
    assert court.iloc[0].evidence == ["FY-2025-017"]


def test_rules_as_dict_and_bad_rules(engine, sample):
    rules = {"name": "只查主题党日", "rules": [
        {"id": "td", "type": "meeting_frequency", "kind": "theme_day", "unit": "month", "instrument": "某省细则"}]}
    df = engine.check(sample, rules=rules, year=2025)
    assert set(df.rule_id) == {"td"}
    # finance_bureau has no theme day in 02, 05, 08, 10, 11 (activities.csv)
    assert list(df[df.branch_id == "finance_bureau"].period) == ["2025-02", "2025-05", "2025-08", "2025-10", "2025-11"]
    assert df.attrs["rule_set"] == "只查主题党日"
    bad = {"rules": [{"id": "x", "type": "silence", "max_days": -1}]}
    with pytest.raises(lb.RubricError) as info:
        engine.check(sample, rules=bad, year=2025)
    assert info.value.json_path == "rules[0].max_days"
    assert "-1" in str(info.value)


def test_rules_file_syntax_error_names_line(engine, sample, tmp_path):
    path = tmp_path / "rules.json"
    path.write_text('{"rules": [\n  {"id": "x" "type": "silence"}\n]}\n', encoding="utf-8")
    with pytest.raises(lb.RubricError) as info:
        engine.check(sample, rules=path, year=2025)
    assert "rules.json: line 2" in str(info.value)


def test_compliance_rules_table(engine):
    rules = engine.compliance_rules()
    assert rules.loc["meeting.branch_congress", "instrument"] == "《中国共产党支部工作条例（试行）》"
    assert rules.loc["activity.silence", "severity"] == "warning"
    assert "development.preceding_stages" in rules.index


def test_check_rubric_still_works(engine):
    engine.check(lb.Rubric.default())
    with pytest.raises(TypeError):
        engine.check(lb.Rubric.default(), year=2025)
