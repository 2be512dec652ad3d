"""Excel in and out (issue 11, docs/excel.md): workbooks through the CSV validator, the scorecard
workbook of Scorecard.to_excel and of `branchscore score --format xlsx`, the template."""

import csv
import datetime as dt
import math
import os
import subprocess
import warnings

import openpyxl
import pytest

import libbranch as lb
from libbranch import excel

NUMERIC = {"internal_units", "units_covered", "fulltime_party_workers", "pioneer_posts", "brands", "attendees",
           "expected", "hours", "amount_yuan", "cases", "escalated", "value"}


def _typed(table, column, text):
    """A CSV cell as an analyst's workbook holds it: dates as Excel dates, numbers as numbers."""
    if text == "":
        return None
    if column in excel.DATE_COLUMNS[table]:
        return dt.date.fromisoformat(text)
    if column in NUMERIC:
        return int(text) if text.lstrip("-").isdigit() else float(text)
    return text


def csv_tables_to_workbook(data_dir, path, chinese=False):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for table in excel.TABLES:
        f = data_dir / f"{table}.csv"
        if not f.exists():
            continue
        ws = wb.create_sheet(excel.SHEET_NAMES[table][1 if chinese else 0])
        with open(f, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        ws.append(rows[0])
        for r in rows[1:]:
            ws.append([_typed(table, c, v) for c, v in zip(rows[0], r)])
    wb.save(path)
    return path


def sheet_rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def csv_rows(text):
    return list(csv.reader(text.splitlines()))


def same_cell(cell, text):
    """A workbook cell against the CSV field: a number cell holds exactly the CSV's double (every
    digit: libxlsxwriter's 16 are completed by the writer), an empty field is an empty cell."""
    if text == "":
        return cell is None
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return float(cell) == float(text)
    return cell == text


# ---- in ----

@pytest.mark.parametrize("chinese", [False, True], ids=["english_sheets", "chinese_sheets"])
def test_sample_round_trip_through_a_workbook_scores_identically(tmp_path, sample_dir, sample, chinese):
    path = csv_tables_to_workbook(sample_dir, tmp_path / "records.xlsx", chinese)
    ds = lb.load(path)
    assert ds == sample
    assert lb.Dataset.from_excel(path) == sample
    engine = lb.Engine()
    a, b = engine.score(ds), engine.score(sample)
    assert a.to_csv() == b.to_csv()
    assert a.to_csv(detail=True) == b.to_csv(detail=True)


def _workbook(path, sheets):
    """``{sheet: [rows]}`` → a workbook; rows are lists of cell values."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


BRANCHES = [["branch_id", "name", "org_type"], ["b1", "第一党支部", "organ"], ["b2", "第二党支部", "village"]]
MEMBER_HEADER = ["member_id", "branch_id", "name", "birth_date", "admission_date", "education"]


def test_bad_rows_are_each_named_by_sheet_excel_row_and_column(tmp_path):
    path = _workbook(tmp_path / "bad.xlsx", {
        "支部": [["2025年支部名册"], [], *BRANCHES, ["b1", "重复的支部", "organ"], ["b3", "", "castle"]],
        "members": [MEMBER_HEADER,
                    ["m1", "b1", "甲", dt.date(1980, 1, 2), dt.date(2005, 7, 1), "bachelor"],
                    [],
                    ["m2", "b1", "乙", "1990-02-30", None, "bachelor"],
                    ["m3", "b1", "丙", dt.date(1985, 3, 3), None, "college"],
                    ["m1", "b2", "丁", dt.date(1970, 1, 1), dt.date(1960, 1, 1), None],
                    ["m4", "b9", "戊", dt.date(1985, 3, 3), None, None]],
        "activities": [["activity_id", "branch_id", "kind", "date", "attendees"],
                       ["a1", "b1", "theme_day", dt.date(2025, 1, 10), 3.5],
                       ["a2", "b2", "party", 20250230, 4]],
    })
    with pytest.raises(lb.DataError) as info:
        lb.load(path)
    f = str(path)
    b, m, a = f"{f}[支部]", f"{f}[members]", f"{f}[activities]"
    # Lines are the rows Excel shows: the branches header is on row 3 (a title row, an empty row
    # above it), members has an empty row 3; the messages are the CSV validator's own.
    assert [str(p) for p in info.value.problems] == [
        f"{b}:6: error: branch_id: repeated branch_id (first on line 4) 'b1'",
        f"{b}:7: error: name: required value is missing",
        f"{b}:7: error: org_type: unknown value (expected one of organ, institution, enterprise, village, community, "
        "school, social, other) 'castle'",
        f"{m}:4: error: birth_date: not a valid date (expected YYYY-MM-DD) '1990-02-30'",
        f"{m}:5: error: education: unknown value (expected one of primary, junior_high, senior_high, vocational, "
        "associate, bachelor, master, doctorate) 'college'",
        f"{m}:6: error: member_id: repeated member_id (first on line 2) 'm1'",
        f"{m}:6: error: admission_date: admission_date is not after birth_date 1970-01-01 '1960-01-01'",
        f"{m}:7: error: branch_id: unknown branch_id (not in branches.csv) 'b9'",
        f"{a}:2: error: attendees: not an integer (digits only, e.g. 12) '3.5'",
        f"{a}:3: error: kind: unknown activity kind (see docs/reference/activity-kinds.md; custom kinds need --allow-custom-kinds) 'party'",
        f"{a}:3: error: date: not a valid date (expected YYYY-MM-DD) '20250230'",
    ]
    problems = info.value.problems
    assert all(p.row_label == "" for p in problems)
    assert info.value.error_count == len(problems)


def test_values_are_quoted_as_typed(tmp_path):
    path = _workbook(tmp_path / "bad.xlsx", {
        "branches": BRANCHES,
        "members": [MEMBER_HEADER, ["m1", "b1", "甲", "1990-02-30", None, None]],
    })
    with pytest.raises(lb.DataError) as info:
        lb.load(path)
    (p,) = [p for p in info.value.problems if p.column == "birth_date"]
    assert (p.file, p.line, p.value) == (f"{path}[members]", 2, "1990-02-30")


def test_dates_typed_as_excel_dates_text_or_numbers(tmp_path):
    members = [MEMBER_HEADER]
    typed = [dt.date(1981, 2, 3), dt.datetime(1981, 2, 3), "1981-02-03", "1981/2/3", "1981年2月3日", " 1981.02.03 ",
             19810203, 19810203.0, 29620]  # 29620: the serial number of 1981-02-03
    for i, v in enumerate(typed):
        members.append([f"m{i}", "b1", None, v, None, None])
    path = _workbook(tmp_path / "dates.xlsx", {"branches": BRANCHES, "members": members})
    ds = lb.load(path)
    birth = ds.members.set_index("member_id")["birth_date"]
    assert list(birth.dt.date) == [dt.date(1981, 2, 3)] * len(typed)


def test_a_time_of_day_or_an_impossible_number_in_a_date_column_is_rejected(tmp_path):
    path = _workbook(tmp_path / "dates.xlsx", {"branches": BRANCHES, "members": [
        MEMBER_HEADER, ["m1", "b1", None, dt.datetime(1981, 2, 3, 10, 30), None, None],
        ["m2", "b1", None, 19811301, None, None], ["m3", "b1", None, 1.5, None, None]]})
    with pytest.raises(lb.DataError) as info:
        lb.load(path)
    bad = {(p.line, p.value) for p in info.value.problems if p.column == "birth_date"}
    assert bad == {(2, "1981-02-03 10:30:00"), (3, "19811301"), (4, "1.5")}


def test_merged_cells_title_rows_formatted_numbers_and_trailing_rows(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "branches"
    ws.append(["支部基本情况表"])          # row 1: a title merged across the table
    ws.merge_cells("A1:D1")
    ws.append(["branch_id", "name", "internal_units", "units_covered"])  # row 2
    ws.append(["b1", "第一党支部", 4.0, 3])
    ws.append(["b2", "第二党支部", 5, 2])
    ws["C3"].number_format = "0.00"       # shown 4.00, is 4
    for r in range(5, 40):                # formatted but empty rows after the table
        ws.cell(row=r, column=1).number_format = "@"
    ws.cell(row=30, column=2, value="   ")
    m = wb.create_sheet("党员")
    m.append(["member_id", "branch_id", "birth_date"])
    m.append(["x", None, None])           # rows 2–3: the header merged down over two rows
    m.merge_cells("A1:A2")
    m.merge_cells("B1:B2")
    m.merge_cells("C1:C2")
    m.append(["m1", "b1", dt.date(1980, 1, 1)])
    m.append(["m2", None, dt.date(1981, 1, 1)])
    m.append(["m3", None, dt.date(1982, 1, 1)])
    m.merge_cells("B3:B5")                # one branch_id for three members
    m.append(["m4", "b2", dt.date(1983, 1, 1)])
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    ds = lb.load(path)
    assert list(ds.branches["internal_units"]) == [4, 5]
    members = ds.members.set_index("member_id")["branch_id"].astype(str).to_dict()
    assert members == {"m1": "b1", "m2": "b1", "m3": "b1", "m4": "b2"}


def test_a_header_merged_across_columns_names_its_first_column(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "branches"
    ws.append(["branch_id", "name", None])
    ws.merge_cells("B1:C1")  # 名称 over two columns; the second holds a note
    ws.append(["b1", "第一党支部", "备注"])
    path = tmp_path / "wide.xlsx"
    wb.save(path)
    with pytest.warns(lb.DataWarning):
        ds = lb.load(path)
    assert list(ds.branches["name"]) == ["第一党支部"]
    assert [str(p) for p in ds.warnings] == [
        f"{path}[branches]:2: warning: C: a value in column C, which has no header (ignored) '备注'"]


def test_a_value_under_no_header_is_a_warning(tmp_path):
    path = _workbook(tmp_path / "extra.xlsx", {"branches": [["branch_id", "name", None], ["b1", "甲", "备注"]],
                                                "Sheet9": [["x"]]})
    with pytest.warns(lb.DataWarning):
        ds = lb.load(path)
    texts = [str(p) for p in ds.warnings]
    assert f"{path}[branches]:2: warning: C: a value in column C, which has no header (ignored) '备注'" in texts
    assert any(t.startswith(f"{path}[Sheet9]: warning: -: unknown sheet (ignored)") for t in texts)


def test_an_empty_sheet_is_an_empty_table_but_branches_needs_its_header(tmp_path):
    path = _workbook(tmp_path / "empty.xlsx", {"branches": BRANCHES, "members": [], "出勤": [[None], []]})
    assert lb.load(path).counts["members"] == 0
    path = _workbook(tmp_path / "nothing.xlsx", {"branches": []})
    with pytest.raises(lb.DataError) as info:
        lb.load(path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}[branches]:1: error: branch_id: required column is missing from the header 'branch_id'",
        f"{path}[branches]:1: error: name: required column is missing from the header 'name'"]


def test_workbook_level_errors(tmp_path):
    two = _workbook(tmp_path / "two.xlsx", {"branches": BRANCHES, "支部": BRANCHES,
                                            "members": [MEMBER_HEADER, ["m1", "b1", None, "1990-02-30", None, None]]})
    with pytest.raises(lb.DataError) as info:
        lb.load(two)
    # the workbook's problem and the validator's, all at once
    assert [str(p) for p in info.value.problems] == [
        f"{two}[支部]: error: -: a second sheet for the table branches (the first is 'branches') '支部'",
        f"{two}[members]:2: error: birth_date: not a valid date (expected YYYY-MM-DD) '1990-02-30'"]
    assert info.value.error_count == 2
    assert str(info.value).startswith("2 errors in the data:\n  ")
    none = _workbook(tmp_path / "none.xlsx", {"members": [MEMBER_HEADER]})
    with pytest.raises(lb.DataError, match="no sheet branches"):
        lb.load(none)
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not a zip")
    with pytest.raises(lb.DataError, match="not an Excel workbook"):
        lb.load(junk)
    with pytest.raises(FileNotFoundError):
        lb.load(tmp_path / "missing.xlsx")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(lb.DataError, match=r"old Excel format \(.xls\).*save the workbook as .xlsx"):
        lb.load(old)


def test_template_loads_and_offers_the_enumerations(tmp_path):
    path = tmp_path / "template.xlsx"
    lb.excel_template(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the sheets 说明 and lists are not tables, and no warning
        ds = lb.load(path)
    assert ds.warnings == []
    assert ds.counts == {"branches": 1, "members": 1, "activities": 1, "attendance": 1, "observations": 1}
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["说明", "lists", *excel.TABLES]
    assert wb["lists"].sheet_state == "hidden"
    acts = wb["activities"]
    assert [c.value for c in acts[1]] == list(excel.COLUMNS["activities"])
    assert acts.freeze_panes == "A2"
    lists = {str(dv.sqref): dv.formula1 for dv in acts.data_validations.dataValidation}
    kind_col = openpyxl.utils.get_column_letter(excel.COLUMNS["activities"].index("kind") + 1)
    (formula,) = [f for ref, f in lists.items() if ref.startswith(kind_col + "2")]
    ref = formula.split("!")[1].replace("$", "")
    values = [c.value for row in wb["lists"][ref] for c in row]
    assert values == list(excel.ENUMS[("activities", "kind")])
    assert acts["C1"].font.b  # kind is required: bold


def test_every_drop_down_value_is_accepted_by_the_validator(tmp_path):
    path = tmp_path / "template.xlsx"
    lb.excel_template(path)
    wb = openpyxl.load_workbook(path)
    for (table, column), values in excel.ENUMS.items():
        ws = wb[table]
        example = [c.value for c in ws[2]]
        k = excel.COLUMNS[table].index(column)
        for i, v in enumerate(values):
            row = list(example)
            row[k] = v
            row[0] = f"{row[0]}_{column}_{i}"  # a new id (branch, member, activity)
            ws.append(row)
    wb["attendance"].delete_rows(2)  # the template's activity a001 now has one more attendee elsewhere
    wb.save(path)
    ds = lb.load(path)
    assert ds.counts["branches"] == 1 + len(excel.ENUMS[("branches", "org_type")])
    assert set(ds.activities["kind"].astype(str)) == set(excel.ENUMS[("activities", "kind")])


# ---- out ----

def test_to_excel_holds_the_csv_numbers_cell_by_cell(tmp_path, sample):
    card = lb.Engine().score(sample)
    path = tmp_path / "card.xlsx"
    card.to_excel(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["summary", "detail", "metrics", "info"]
    for sheet, text in (("summary", card.to_csv()), ("detail", card.to_csv(detail=True))):
        rows = sheet_rows(wb[sheet])
        expected = csv_rows(text)
        assert rows[1] == expected[0]  # row 2: the CSV column names
        assert len(rows) == len(expected) + 1
        for r, (got, want) in enumerate(zip(rows[2:], expected[1:]), start=3):
            assert len(got) == len(want)
            for c, (cell, field) in enumerate(zip(got, want)):
                assert same_cell(cell, field), (sheet, r, c, cell, field)
    # The sample has values that need all 17 digits, which libxlsxwriter alone would round.
    fields = [f for row in csv_rows(card.to_csv(detail=True))[1:] for f in row[4:7] if f]
    assert any(float("%.16G" % float(f)) != float(f) for f in fields)
    summary = wb["summary"]
    assert [c.value for c in summary[1]][:4] == ["支部编号", "支部名称", "总分", "等次"]
    assert summary["E1"].value == "依法治理好"
    assert summary.freeze_panes == "C3"
    assert summary["C3"].number_format == "0.00"
    metrics = sheet_rows(wb["metrics"])
    assert metrics[1][2:] == list(card.metrics.columns)
    assert metrics[0][2] != metrics[1][2]  # a Chinese title above the id
    for r, branch in enumerate(card.metrics.index, start=2):
        for c, v in enumerate(card.metrics.loc[branch]):
            cell = metrics[r][c + 2]
            assert (cell is None) if math.isnan(v) else cell == v
    info = {r[0]: r[1] for r in sheet_rows(wb["info"])[2:]}
    assert info == {"rubric": card.rubric_name, "from": card.period[0].isoformat(), "to": card.period[1].isoformat()}
    assert os.listdir(tmp_path) == ["card.xlsx"]  # no temporary file left behind


def test_to_excel_colours_ratings_and_writes_a_sheet_per_standard(tmp_path, sample):
    card = lb.Engine().score(sample)
    path = tmp_path / "card.xlsx"
    card.to_excel(path, by_standard=True)
    wb = openpyxl.load_workbook(path)
    standards = list(card.standards.index)
    assert wb.sheetnames == ["summary", "detail", "metrics", *standards, "info"]
    labels = card.rating_labels
    fills = {}
    for row in wb["summary"].iter_rows(min_row=3):
        fills.setdefault(row[3].value, set()).add(row[3].fill.fgColor.rgb)
    # the sample earns every rating of the default rubric: Excel's good, blue, neutral, bad styles
    assert fills == {"优秀": {"FFC6EFCE"}, "良好": {"FFDDEBF7"}, "合格": {"FFFFEB9C"}, "不合格": {"FFFFC7CE"}}
    assert labels == ["优秀", "良好", "合格", "不合格"]
    detail = card.detail
    for std in standards:
        rows = sheet_rows(wb[std])
        ids = [i for i in card.indicators.index if card.indicators.loc[i, "standard"] == std]
        assert rows[1] == ["branch_id", "name", std, *ids]
        for r, branch in enumerate(card.branch_ids, start=2):
            assert rows[r][2] == card.summary.loc[branch, std]
            d = detail[(detail.branch_id == branch) & (detail.standard == std)]
            assert list(rows[r][3:]) == list(d.points)


def test_to_excel_fails_cleanly(tmp_path, sample):
    card = lb.Engine().score(sample)
    with pytest.raises(OSError):
        card.to_excel(tmp_path / "no" / "such" / "dir" / "card.xlsx")
    assert os.listdir(tmp_path) == []
    target = tmp_path / "card.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):
        card.to_excel(target, engine="not an engine")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["card.xlsx"]


def test_cli_workbook_matches_the_csv_and_to_excel_cell_by_cell(tmp_path, branchscore, run_cli, sample_dir, sample):
    out = tmp_path / "result.xlsx"
    done = subprocess.run([str(branchscore), "score", str(sample_dir), "--format", "xlsx", "--out", str(out)],
                          capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == b""
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["summary", "detail", "metrics", "info"]
    for sheet, args in (("summary", ()), ("detail", ("--detail",))):
        expected = csv_rows(run_cli("score", sample_dir, "--format", "csv", *args))
        rows = sheet_rows(wb[sheet])
        assert rows[1] == expected[0]
        assert len(rows) - 2 == len(expected) - 1
        for r, (got, want) in enumerate(zip(rows[2:], expected[1:]), start=3):
            assert len(got) == len(want), (sheet, r)
            for c, (cell, field) in enumerate(zip(got, want)):
                assert same_cell(cell, field), (sheet, r, c, cell, field)
    # The Python workbook is the same workbook, cell for cell, format for format.
    mine = tmp_path / "mine.xlsx"
    lb.Engine().score(sample).to_excel(mine)
    theirs = openpyxl.load_workbook(mine)
    assert theirs.sheetnames == wb.sheetnames
    for name in wb.sheetnames:
        a, b = wb[name], theirs[name]
        assert a.freeze_panes == b.freeze_panes
        for ra, rb in zip(a.iter_rows(), b.iter_rows(), strict=True):
            for ca, cb in zip(ra, rb, strict=True):
                assert (ca.value, ca.number_format, ca.fill.fgColor.rgb) == (cb.value, cb.number_format,
                                                                            cb.fill.fgColor.rgb), (name, ca.coordinate)


def test_cli_xlsx_needs_out_and_writes_nothing_on_failure(tmp_path, branchscore, sample_dir):
    done = subprocess.run([str(branchscore), "score", str(sample_dir), "--format", "xlsx"], capture_output=True)
    assert done.returncode == 2
    assert b"--format xlsx needs --out" in done.stderr
    assert done.stdout == b""
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "branches.csv").write_text("branch_id,name\nb1,\n", encoding="utf-8")
    out = tmp_path / "result.xlsx"
    done = subprocess.run([str(branchscore), "score", str(bad), "--format", "xlsx", "--out", str(out)],
                          capture_output=True)
    assert done.returncode == 1
    assert b"branches.csv:2: error: name" in done.stderr
    assert sorted(os.listdir(tmp_path)) == ["bad"]
