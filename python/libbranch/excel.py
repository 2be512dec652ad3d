"""Excel workbooks in and out (docs/excel.md).

In: a workbook with one sheet per table (``branches`` … ``observations``, or 支部 党员 活动 出勤 观测),
read with openpyxl and validated by the same C++ validator as the CSV files (``_core.load_frames``,
the path of :meth:`Dataset.from_frames`): each cell is turned into the text a CSV file would hold,
and each row keeps the row number Excel shows, so problems read
``records.xlsx[members]:17: error: birth_date: …``. openpyxl is used directly rather than through
``pandas.read_excel``, which renumbers rows and loses merged ranges.

Out: :func:`scorecard_to_excel` writes the library's own workbook (the one ``branchscore score
--format xlsx`` writes, libxlsxwriter in C++), atomically; :func:`excel_template` writes an empty
workbook to fill in, with drop-downs for the enumerations.
"""

from __future__ import annotations

import datetime as _dt
import os
import re

import numpy as np

from . import _convert, _core
from ._atomic import write_atomically
from .frames import COLUMN_LISTS, COLUMNS, TABLES, _cell_text

# Sheet names accepted for each table: the CSV name, then the Chinese one.
SHEET_NAMES = {
    "branches": ("branches", "支部"),
    "members": ("members", "党员"),
    "activities": ("activities", "活动"),
    "attendance": ("attendance", "出勤"),
    "observations": ("observations", "观测"),
}
# Sheets of the template that are not tables (read back without a warning).
_TEMPLATE_SHEETS = ("说明", "lists")

DATE_COLUMNS = {t: tuple(c[0] for c in cols if c[1] == "date") for t, cols in COLUMN_LISTS.items()}

# The enumerations of docs/reference/data-format.md, activity-kinds.md, for the template's
# drop-downs.
ENUMS = {(t, c[0]): c[3] for t, cols in COLUMN_LISTS.items() for c in cols
         if c[1] in ("category", "ordered_category") and c[3]}

REQUIRED = {t: tuple(c[0] for c in cols if c[2]) for t, cols in COLUMN_LISTS.items()}

# A header is looked for in the first rows only: above it, title rows (often merged) are skipped.
_HEADER_SEARCH_ROWS = 20
# Excel's serial day numbers (1900 system) of 1900-01-01 … 9999-12-31.
_SERIAL_MAX = 2958465
_TEXT_DATE = re.compile(r"^\s*(\d{4})\s*(?:[/.年-])\s*(\d{1,2})\s*(?:[/.月-])\s*(\d{1,2})\s*日?\s*$")


def _openpyxl():
    try:
        import openpyxl
    except ImportError as e:  # pragma: no cover - python3-openpyxl is a dependency (install-deps.sh)
        raise ImportError("reading and writing Excel workbooks needs openpyxl (Debian: apt install "
                          "python3-openpyxl)") from e
    return openpyxl


def _problem(file, line, column, severity, message, value=""):
    """A :class:`Problem` made in Python, for what only the workbook shows (sheets, headers)."""
    p = _core.Problem.__new__(_core.Problem)
    p.__setstate__((file, int(line), "", column, severity, message, value))
    return p


def _data_error(problems):
    """A :class:`DataError` with the message the compiled module gives its own (bind_errors.cpp)."""
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    text = f"{errors} error{'s' if errors != 1 else ''}"
    if warnings:
        text += f" and {warnings} warning{'s' if warnings != 1 else ''}"
    text += " in the data:" + "".join(f"\n  {p}" for p in problems[:20])
    if len(problems) > 20:
        text += f"\n  … and {len(problems) - 20} more (see .problems)"
    e = _core.DataError(text)
    e.problems = list(problems)
    e.error_count = errors
    return e


# ---- reading ----

def read_workbook(path):
    """The tables of a workbook as ``(payload, names, problems)`` for ``_core.load_frames``:
    payload ``{table: (header, columns, ("lines", rows, header_row), n) or None}``, the name each
    table's problems carry (``path[sheet]``), and the problems found in the workbook itself."""
    openpyxl = _openpyxl()
    shown = _convert.fspath(path)
    if shown.lower().endswith(".xls"):
        raise _data_error([_problem(shown, 0, "-", "error", "the old Excel format (.xls) cannot be read: save the "
                                    "workbook as .xlsx (Excel Workbook)")])
    try:
        wb = openpyxl.load_workbook(shown, data_only=True)  # formulas: the values Excel last computed
    except FileNotFoundError:
        raise
    except Exception as e:  # openpyxl raises zipfile, KeyError, … for what is not a workbook
        raise _data_error([_problem(shown, 0, "-", "error",
                                    f"not an Excel workbook (.xlsx) that can be read: {type(e).__name__}: {e}")]) from None
    problems, sheets = [], {}
    for ws in wb.worksheets:
        table = _table_of(ws.title)
        if table is None:
            if ws.title.strip() not in _TEMPLATE_SHEETS:
                problems.append(_problem(f"{shown}[{ws.title}]", 0, "-", "warning",
                                         "unknown sheet (ignored); tables are " +
                                         ", ".join(f"{a}/{b}" for a, b in SHEET_NAMES.values()), ws.title))
            continue
        if table in sheets:
            problems.append(_problem(f"{shown}[{ws.title}]", 0, "-", "error",
                                     f"a second sheet for the table {table} (the first is "
                                     f"'{sheets[table].title}')", ws.title))
            continue
        sheets[table] = ws
    if "branches" not in sheets:
        problems.append(_problem(shown, 0, "-", "error", "the workbook has no sheet branches (支部)"))
    payload, names = {}, {}
    for table in TABLES:
        ws = sheets.get(table)
        if ws is None:
            payload[table] = None
            continue
        names[table] = f"{shown}[{ws.title}]"
        payload[table] = _sheet_payload(table, ws, names[table], problems)
    return payload, names, problems


def _table_of(title):
    t = title.strip()
    for table, accepted in SHEET_NAMES.items():
        if t.lower() == accepted[0] or t == accepted[1]:
            return table
    return None


def _blank(v):
    return v is None or (isinstance(v, str) and v.strip(" \t\r\n\u00a0\u3000") == "")


def _sheet_payload(table, ws, name, problems):
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    _fill_merged(ws, rows)
    header_at = _find_header(table, rows)
    if header_at is None:
        # An empty sheet is an absent file (no rows), except branches, whose header is required.
        if table != "branches":
            return None
        return ([], [], ("lines", np.zeros(0, dtype=np.int64), 1), 0)
    # A header cell merged down over several rows: the data start below the merge. One merged
    # across several columns names its first column only (the others have no header), rather
    # than repeating the name.
    first_data = header_at + 1
    header_cells = list(rows[header_at])
    for rng in ws.merged_cells.ranges:
        if rng.min_row - 1 <= header_at <= rng.max_row - 1:
            first_data = max(first_data, rng.max_row)
            for c in range(rng.min_col, min(rng.max_col, len(header_cells))):
                header_cells[c] = None
    body = [(i + 1, r) for i, r in enumerate(rows[first_data:], start=first_data) if not all(_blank(v) for v in r)]
    keep, header = [], []
    for c, h in enumerate(header_cells):
        if not _blank(h):
            keep.append(c)
            header.append(_cell_text(h).strip() if not isinstance(h, str) else h)
            continue
        # No header: a column merged into its left neighbour's title, or formatting past the
        # table's edge. Its values cannot be named, so they are reported, not guessed.
        for line, r in body:
            if c < len(r) and not _blank(r[c]):
                problems.append(_problem(name, line, _column_letter(c), "warning",
                                         f"a value in column {_column_letter(c)}, which has no header (ignored)",
                                         _cell_text(r[c])))
                break
    dates = set(DATE_COLUMNS[table])
    columns = []
    for c, h in zip(keep, header):
        convert = _date_text if h.strip() in dates else _text
        cells = np.empty(len(body), dtype=object)
        for k, (_, r) in enumerate(body):
            cells[k] = convert(r[c] if c < len(r) else None, ws.parent.epoch)
        columns.append(("text", cells))
    lines = np.array([line for line, _ in body], dtype=np.int64)
    return header, columns, ("lines", lines, header_at + 1), len(body)


def _fill_merged(ws, rows):
    """Every cell of a merged range holds the range's value, as the user sees it (a branch_id
    merged down over its members' rows applies to each of them)."""
    for rng in ws.merged_cells.ranges:
        value = rows[rng.min_row - 1][rng.min_col - 1] if rng.min_row - 1 < len(rows) else None
        for r in range(rng.min_row - 1, min(rng.max_row, len(rows))):
            row = rows[r]
            if len(row) < rng.max_col:
                row.extend([None] * (rng.max_col - len(row)))
            for c in range(rng.min_col - 1, rng.max_col):
                row[c] = value


def _find_header(table, rows):
    """Index of the header row: the first row naming a column of the table; else the first row
    with anything in it (its problems are then reported as the CSV validator finds them)."""
    known = set(COLUMNS[table])
    for i, r in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        if any(isinstance(v, str) and v.strip() in known for v in r):
            return i
    for i, r in enumerate(rows):
        if not all(_blank(v) for v in r):
            return i
    return None


def _column_letter(c):
    from openpyxl.utils import get_column_letter

    return get_column_letter(c + 1)


def _text(v, epoch):
    if v is None:
        return None
    if isinstance(v, _dt.time):
        return v.isoformat()
    return _cell_text(v)


def _date_text(v, epoch):
    """A date cell as YYYY-MM-DD, however it was typed: an Excel date, a serial number (a date
    cell formatted as a number), a number such as 20240115, or text such as 2024/1/15 or
    2024年1月15日. Anything else keeps its text, for the validator to reject by name."""
    if isinstance(v, _dt.datetime):
        return v.date().isoformat() if v.time() == _dt.time(0) else _cell_text(v)
    if isinstance(v, _dt.date):
        return v.isoformat()
    if isinstance(v, (int, float)) and not isinstance(v, bool) and np.isfinite(v) and float(v).is_integer():
        n = int(v)
        if 10000101 <= n <= 99991231:
            try:
                return _dt.date(n // 10000, n // 100 % 100, n % 100).isoformat()
            except ValueError:
                return str(n)
        if 1 <= n <= _SERIAL_MAX:
            from openpyxl.utils.datetime import from_excel

            return from_excel(n, epoch).date().isoformat()
    if isinstance(v, str):
        m = _TEXT_DATE.match(v)
        if m:
            return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    return _text(v, epoch)


def load_workbook(cls, path, allow_custom_kinds=False, stacklevel=4):
    """A :class:`Dataset` (``cls``) from a workbook: see :meth:`Dataset.from_excel`."""
    payload, names, problems = read_workbook(path)
    if payload["branches"] is None:  # as a directory without branches.csv: nothing to check against
        raise _data_error(problems)
    # The workbook's own problems (found first) and the validator's, all reported together.
    try:
        core, warnings = _core.load_frames(payload, bool(allow_custom_kinds), names)
    except _core.DataError as e:
        raise _data_error(problems + list(e.problems)) from None
    if any(p.is_error for p in problems):
        raise _data_error(problems + list(warnings))
    return cls._finish(core, problems + list(warnings), stacklevel)


def is_workbook(path):
    return str(path).lower().endswith((".xlsx", ".xlsm", ".xls"))


# ---- writing ----

def scorecard_to_excel(card, path, by_standard=False, engine=None):
    """The workbook of ``branchscore score --format xlsx`` (plus a sheet per standard when asked)."""
    if not _core.xlsx_supported:
        raise _core.Error("cannot write an Excel workbook: this libbranch was built without libxlsxwriter "
                          "(install libxlsxwriter-dev and rebuild)")
    from .engine import Engine

    if engine is None:
        engine = Engine()
    elif not isinstance(engine, Engine):
        raise TypeError(f"engine must be a libbranch.Engine (or None), got {type(engine).__name__}")
    data = _core.scorecard_xlsx(card._core, engine._core, bool(by_standard))
    write_atomically(path, data)


def excel_template(path):
    """Writes an empty workbook to fill in: one sheet per table with its header (required columns
    bold, each header cell's comment giving the expected type), the enumerations as drop-down
    lists, one example row per sheet (a valid dataset as it stands), and a sheet 说明. Atomic."""
    openpyxl = _openpyxl()
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = openpyxl.Workbook()
    readme = wb.active
    readme.title = "说明"
    for line in _README:
        readme.append([line])
    readme.column_dimensions["A"].width = 100
    lists = wb.create_sheet("lists")
    lists.sheet_state = "hidden"
    list_ranges = {}
    for k, ((table, column), values) in enumerate(ENUMS.items()):
        col = _column_letter(k)
        lists.cell(row=1, column=k + 1, value=f"{table}.{column}")
        for i, v in enumerate(values):
            lists.cell(row=i + 2, column=k + 1, value=v)
        list_ranges[(table, column)] = f"lists!${col}$2:${col}${len(values) + 1}"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="D9E1F2")
    for table in TABLES:
        ws = wb.create_sheet(table)
        columns = COLUMNS[table]
        ws.append(list(columns))
        ws.append([_EXAMPLE[table].get(c) for c in columns])
        for k, column in enumerate(columns):
            cell = ws.cell(row=1, column=k + 1)
            cell.fill = fill
            if column in REQUIRED[table]:
                cell.font = bold
            cell.comment = Comment(_column_note(table, column), "libbranch")
            ws.column_dimensions[_column_letter(k)].width = max(12, len(column) + 4)
            if (table, column) in list_ranges:
                dv = DataValidation(type="list", formula1=list_ranges[(table, column)], allow_blank=True,
                                    showErrorMessage=True, errorTitle="libbranch",
                                    error=f"{column}: choose a value from the list")
                dv.add(f"{_column_letter(k)}2:{_column_letter(k)}100000")
                ws.add_data_validation(dv)
            if column in DATE_COLUMNS[table]:
                ws.cell(row=2, column=k + 1).number_format = "yyyy-mm-dd"
        ws.freeze_panes = "A2"
    import io

    out = io.BytesIO()
    wb.save(out)
    write_atomically(path, out.getvalue())


def _column_note(table, column):
    if column in DATE_COLUMNS[table]:
        kind = "date (an Excel date, or text YYYY-MM-DD)"
    elif (table, column) in ENUMS:
        kind = "one of the list"
    elif column in ("facilities", "service_station"):
        kind = "';'-separated items (see 说明)"
    else:
        kind = "text or number"
    return f"{column}: {kind}" + ("; required" if column in REQUIRED[table] else "")


_README = [
    "libbranch 数据模板 · data template (docs/data-format.md, docs/excel.md)",
    "每张工作表一张表：branches 支部, members 党员, activities 活动, attendance 出勤, observations 观测（表名中文亦可）。",
    "One sheet per table; the first row is the header (the CSV column names); bold columns are required.",
    "日期可填 Excel 日期、文本 YYYY-MM-DD（或 2024/1/15、2024年1月15日）或数字 20240115。",
    "Dates: an Excel date, text YYYY-MM-DD (or 2024/1/15, 2024年1月15日) or a number such as 20240115.",
    "Drop-down lists give the allowed values of org_type, gender, education, role, kind and mode.",
    "facilities: ';'-separated from activity_room, library_corner, culture_corridor, honor_wall, brand_wall, gym.",
    "service_station: ';'-separated from staffed, venue, team, activities, rules.",
    "Each sheet holds one example row: replace it. This sheet and the hidden sheet 'lists' are ignored on loading.",
]

_EXAMPLE = {
    "branches": {"branch_id": "b001", "name": "示例党支部", "parent_id": "county_committee", "org_type": "organ",
                 "last_election": _dt.date(2024, 3, 1), "internal_units": 4, "units_covered": 3,
                 "fulltime_party_workers": 1, "pioneer_posts": 2, "brands": 1,
                 "facilities": "activity_room;library_corner", "service_station": "staffed;venue"},
    "members": {"member_id": "m001", "branch_id": "b001", "name": "张三", "gender": "M", "ethnicity": "汉族",
                "birth_date": _dt.date(1985, 5, 4), "education": "bachelor", "role": "secretary",
                "party_group": "第一党小组", "admission_date": _dt.date(2010, 7, 1),
                "conversion_date": _dt.date(2011, 7, 1)},
    "activities": {"activity_id": "a001", "branch_id": "b001", "kind": "theme_day", "date": _dt.date(2025, 1, 10),
                   "mode": "offline", "attendees": 1, "expected": 1, "hours": 2, "title": "1月主题党日"},
    "attendance": {"activity_id": "a001", "member_id": "m001"},
    "observations": {"branch_id": "b001", "indicator": "honors", "date": _dt.date(2025, 12, 31), "value": 1},
}
