// Dataset.from_frames: pandas tables through the CSV loader's validation (libbranch::load_tables).
//
// The Python layer (libbranch/frames.py) turns each DataFrame column into one of a few typed
// payloads; this file copies them into C++ buffers while holding the GIL, then releases the GIL
// and streams the rows to load_tables through FrameTableSource, a TableSource that renders each
// cell as the text the CSV validator expects. Every check of the CSV loader runs unchanged; a
// problem carries the row's index label instead of a line (`members[7]: error: birth_date: …`).
//
// A table crosses as (header: list[str], columns: list[(kind, payload)], labels, rows) with kinds
//   "text"   object array of str or None (None = blank), copied as UTF-8
//   "int"    (int64 array, bool mask or None) — mask True = blank; rendered as decimal digits
//   "float"  float64 array; NaN = blank; integral values below 2^63 as digits (3.0 → "3"),
//            others as the shortest text that reads back the same value (3.5 → "3.5")
//   "date"   int64 day numbers (datetime64[D] viewed as int64), INT64_MIN (NaT) = blank
// and labels either ("range", start, step) or ("text", object array of str), or, for sheets of a
// workbook (libbranch/excel.py), ("lines", int64 array, header_line): the row numbers Excel shows,
// reported as lines (`records.xlsx[members]:17: …`) under the name given in `names`.
// Nothing Python-owned is touched after the GIL is released: the sources hold only C++ copies,
// so load_tables may destroy them on any thread.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <pybind11/stl.h>

#include <libbranch/dataset.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/io/table_source.hpp>
#include <libbranch/model/date.hpp>

#include "bindings.hpp"

namespace libbranch::python {
namespace {

// Strings as one UTF-8 buffer and offsets: cell i is bytes [offsets[i], offsets[i + 1]).
struct TextBuffer {
  std::string bytes;
  std::vector<std::uint64_t> offsets{0};

  void push(std::string_view s) {
    bytes.append(s);
    offsets.push_back(bytes.size());
  }
  [[nodiscard]] std::string_view at(std::size_t i) const {
    return std::string_view(bytes).substr(offsets[i], offsets[i + 1] - offsets[i]);
  }
};

// An object array of str or None as a TextBuffer (None → ''). Needs the GIL.
TextBuffer text_buffer(const py::array& objects, std::size_t rows, const std::string& what) {
  if (objects.dtype().kind() != 'O' || objects.ndim() != 1 || static_cast<std::size_t>(objects.shape(0)) != rows)
    throw py::type_error(what + ": expected an object array of " + std::to_string(rows) + " str");
  TextBuffer out;
  out.offsets.reserve(rows + 1);
  const auto* data = static_cast<const char*>(objects.data());
  const py::ssize_t stride = objects.strides(0);
  for (std::size_t i = 0; i < rows; ++i) {
    PyObject* cell = *reinterpret_cast<PyObject* const*>(data + static_cast<py::ssize_t>(i) * stride);
    if (cell == Py_None) {
      out.push({});
      continue;
    }
    if (!PyUnicode_Check(cell))
      throw py::type_error(what + ": expected str or None, got " + std::string(Py_TYPE(cell)->tp_name));
    Py_ssize_t size = 0;
    const char* utf = PyUnicode_AsUTF8AndSize(cell, &size);
    if (utf == nullptr) {
      // A lone surrogate (from bytes decoded with surrogateescape): keep the bytes, so the
      // validator reports the cell as not valid UTF-8 with its row label.
      PyErr_Clear();
      py::bytes raw = py::reinterpret_steal<py::bytes>(PyUnicode_AsEncodedString(cell, "utf-8", "surrogateescape"));
      if (!raw) throw py::error_already_set();
      out.push(std::string_view(raw));
      continue;
    }
    out.push(std::string_view(utf, static_cast<std::size_t>(size)));
  }
  return out;
}

template <class T>
std::vector<T> copy_array(const py::handle& h, std::size_t rows, const std::string& what) {
  auto a = py::array_t<T, py::array::c_style | py::array::forcecast>::ensure(h);
  if (!a || a.ndim() != 1 || static_cast<std::size_t>(a.shape(0)) != rows)
    throw py::type_error(what + ": expected a 1-D array of " + std::to_string(rows) + " values");
  return std::vector<T>(a.data(), a.data() + rows);
}

void append_int(std::string& out, std::int64_t v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void append_double(std::string& out, double v) {
  if (std::isnan(v)) return;  // blank
  // Integral values as integers: float64 is how pandas stores integer columns with blanks.
  if (std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 9.2e18) {
    append_int(out, static_cast<std::int64_t>(v));
    return;
  }
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);  // shortest round trip; inf → "inf" (rejected)
  out.append(buf, r.ptr);
}

class Column {
 public:
  enum class Kind { text, integer, number, date };

  Column(const py::handle& spec, std::size_t rows, const std::string& what) {
    const auto t = spec.cast<py::tuple>();
    if (t.size() != 2) throw py::type_error(what + ": expected (kind, payload)");
    const std::string kind = t[0].cast<std::string>();
    const py::handle payload = t[1];
    if (kind == "text") {
      kind_ = Kind::text;
      text_ = text_buffer(payload.cast<py::array>(), rows, what);
    } else if (kind == "int") {
      kind_ = Kind::integer;
      const auto pair = payload.cast<py::tuple>();
      if (pair.size() != 2) throw py::type_error(what + ": expected (values, mask)");
      ints_ = copy_array<std::int64_t>(pair[0], rows, what);
      if (!pair[1].is_none()) mask_ = copy_array<bool>(pair[1], rows, what);
    } else if (kind == "float") {
      kind_ = Kind::number;
      numbers_ = copy_array<double>(payload, rows, what);
    } else if (kind == "date") {
      kind_ = Kind::date;
      ints_ = copy_array<std::int64_t>(payload, rows, what);
    } else {
      throw py::value_error(what + ": unknown column kind '" + kind + "'");
    }
  }

  // Cell i as CSV text (blank = absent).
  void render(std::size_t i, std::string& out) const {
    out.clear();
    switch (kind_) {
      case Kind::text:
        out.assign(text_.at(i));
        return;
      case Kind::integer:
        if (!mask_.empty() && mask_[i]) return;
        append_int(out, ints_[i]);
        return;
      case Kind::number:
        append_double(out, numbers_[i]);
        return;
      case Kind::date: {
        const std::int64_t d = ints_[i];
        if (d == std::numeric_limits<std::int64_t>::min()) return;
        if (d < std::numeric_limits<std::int32_t>::min() + 1 || d > std::numeric_limits<std::int32_t>::max()) {
          append_int(out, d);  // not a representable day: the validator rejects it
          return;
        }
        out = Date(static_cast<std::int32_t>(d)).to_string();
        return;
      }
    }
  }

 private:
  Kind kind_ = Kind::text;
  TextBuffer text_;
  std::vector<std::int64_t> ints_;
  std::vector<bool> mask_;
  std::vector<double> numbers_;
};

// The rows of one DataFrame, rendered on demand (one row's text at a time).
class FrameTableSource final : public TableSource {
 public:
  FrameTableSource(std::string name, const py::tuple& table) : name_(std::move(name)) {
    if (table.size() != 4) throw py::type_error(name_ + ": expected (header, columns, labels, rows)");
    header_ = table[0].cast<std::vector<std::string>>();
    rows_ = table[3].cast<std::size_t>();
    const auto columns = table[1].cast<py::list>();
    if (columns.size() != header_.size()) throw py::value_error(name_ + ": one column payload per header name expected");
    columns_.reserve(columns.size());
    for (std::size_t c = 0; c < columns.size(); ++c)
      columns_.emplace_back(columns[c], rows_, name_ + "." + header_[c]);
    const auto labels = table[2].cast<py::tuple>();
    const std::string how = labels[0].cast<std::string>();
    if (how == "range") {
      range_ = true;
      start_ = labels[1].cast<std::int64_t>();
      step_ = labels[2].cast<std::int64_t>();
    } else if (how == "text") {
      labels_ = text_buffer(labels[1].cast<py::array>(), rows_, name_ + " index");
    } else if (how == "lines") {
      lines_ = copy_array<std::int64_t>(labels[1], rows_, name_ + " lines");
      header_line_ = labels[2].cast<std::int64_t>();
    } else {
      throw py::value_error(name_ + ": unknown label kind '" + how + "'");
    }
  }

  [[nodiscard]] const std::string& name() const override { return name_; }

  bool read_header(TableRow& header, std::vector<Problem>&) override {
    header.cells = header_;
    header.line = header_line_;
    header.label.clear();
    return true;
  }

  bool next(TableRow& row, std::vector<Problem>&) override {
    if (next_ >= rows_) return false;
    const std::size_t i = next_++;
    row.cells.resize(columns_.size());
    for (std::size_t c = 0; c < columns_.size(); ++c) columns_[c].render(i, row.cells[c]);
    if (!lines_.empty()) {
      row.label.clear();
      row.line = lines_[i];
      return true;
    }
    if (range_) {
      row.label.clear();
      append_int(row.label, start_ + static_cast<std::int64_t>(i) * step_);
    } else {
      row.label.assign(labels_.at(i));
    }
    // A row whose label is '' is named by its position (1 = the first row).
    row.line = static_cast<std::int64_t>(i) + 1;
    return true;
  }

 private:
  std::string name_;
  std::vector<std::string> header_;
  std::vector<Column> columns_;
  std::size_t rows_ = 0;
  bool range_ = false;
  std::int64_t start_ = 0;
  std::int64_t step_ = 1;
  TextBuffer labels_;
  std::vector<std::int64_t> lines_;  // "lines": each row's line; the rows have no label
  std::int64_t header_line_ = 0;
  std::size_t next_ = 0;
};

std::unique_ptr<TableSource> source(const py::dict& tables, const char* name, const py::dict& names) {
  if (!tables.contains(name)) return nullptr;
  const py::object t = tables[name];
  if (t.is_none()) return nullptr;
  const std::string shown = names.contains(name) ? names[name].cast<std::string>() : std::string(name);
  return std::make_unique<FrameTableSource>(shown, t.cast<py::tuple>());
}

}  // namespace

void bind_frames(py::module_& m) {
  m.def(
      "load_frames",
      [](const py::dict& tables, bool allow_custom_kinds, const py::dict& names) {
        TableSources sources;
        sources.branches = source(tables, "branches", names);
        sources.members = source(tables, "members", names);
        sources.activities = source(tables, "activities", names);
        sources.attendance = source(tables, "attendance", names);
        sources.observations = source(tables, "observations", names);
        std::vector<Problem> warnings;
        std::shared_ptr<Dataset> ds;
        {
          py::gil_scoped_release release;
          LoadOptions options;
          options.allow_custom_kinds = allow_custom_kinds;
          ds = std::make_shared<Dataset>(load_tables(std::move(sources), options, &warnings));
        }
        return py::make_tuple(ds, warnings);
      },
      py::arg("tables"), py::arg("allow_custom_kinds") = false, py::arg("names") = py::dict(),
      "Validates and loads tables given as typed columns (see bind_frames.cpp): (Dataset, warnings). "
      "Raises DataError naming each row by its index label.");
}

}  // namespace libbranch::python
