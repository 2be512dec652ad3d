// Dataset: loading (directory or archive), archives to and from files and bytes (pickling), the
// synthetic generator, and the tables as columns for the Python layer to wrap in DataFrames.
//
// A table crosses as a list of (name, kind, payload) in the order of its column list
// (model/table_columns.hpp), which is the CSV header's; kinds:
//   "str"       object array of str (None where absent); ids, names, titles and references
//               (branch_id of a member, …) share one str object per distinct referenced row
//   "float"     float64 array (NaN where absent)
//   "date"      datetime64[D] array (NaT where absent)
//   "int"       (int64 values, bool mask) — mask True where absent; pandas' nullable Int64
//   "category"  (int32 codes, categories list, ordered) — code -1 where absent
// Strings are copies (Python str objects); numeric columns are fresh arrays converted from the
// library's compact storage (32-bit counts with a side table, day numbers, sparse columns), so no
// view of the Dataset's memory escapes and the Dataset stays immutable.
#include <algorithm>
#include <array>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <libbranch/dataset.hpp>
#include <libbranch/engine.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/model/enums.hpp>
#include <libbranch/model/table_columns.hpp>
#include <libbranch/partitioned_archive.hpp>
#include <libbranch/serialization.hpp>
#include <libbranch/synth.hpp>

#include "bindings.hpp"

namespace libbranch::python {
namespace {

using DatasetPtr = std::shared_ptr<Dataset>;

// An object array of `n` entries; `get(i)` returns a new reference or a borrowed one via py::object.
template <class Get>
py::array object_array(std::size_t n, Get&& get) {
  py::array out(py::dtype("O"), py::array::ShapeContainer{static_cast<py::ssize_t>(n)});
  auto** cells = static_cast<PyObject**>(out.mutable_data());
  for (std::size_t i = 0; i < n; ++i) {
    py::object value = get(i);
    PyObject* old = cells[i];  // numpy fills new object arrays with None
    cells[i] = value.release().ptr();
    Py_XDECREF(old);
  }
  return out;
}

std::vector<py::object> pool_strings(const StringPool& pool) {
  std::vector<py::object> out;
  out.reserve(pool.size());
  for (std::size_t i = 0; i < pool.size(); ++i) out.emplace_back(utf8(pool[i]));
  return out;
}

py::array strings(const StringPool& pool) {
  return object_array(pool.size(), [&](std::size_t i) -> py::object { return utf8(pool[i]); });
}

// Row references (branch row, member row, …) as the referenced rows' ids.
py::array references(const std::vector<std::uint32_t>& rows, const std::vector<py::object>& ids) {
  return object_array(rows.size(), [&](std::size_t i) { return ids.at(rows[i]); });
}

// A dictionary column read as text: one Python string per distinct value, shared by its rows.
py::array strings(const DictColumn& c) {
  std::vector<py::object> values(c.dict.size());
  const py::object empty = utf8("");
  return object_array(c.size(), [&](std::size_t i) -> py::object {
    const std::uint32_t code = c.codes[i];
    if (code == DictCodes::kAbsent) return empty;
    if (!values[code]) values[code] = utf8(c.dict[code]);
    return values[code];
  });
}

template <class Column>  // std::vector<double>, HundredthsColumn
py::array floats(const Column& v) {
  py::array_t<double> out(static_cast<py::ssize_t>(v.size()));
  std::copy(v.begin(), v.end(), out.mutable_data());
  return out;
}

template <class Column>  // std::vector<Date>, DateColumn
py::array dates(const Column& v) {
  py::array out(py::dtype("M8[D]"), py::array::ShapeContainer{static_cast<py::ssize_t>(v.size())});
  auto* days = static_cast<std::int64_t*>(out.mutable_data());
  for (std::size_t i = 0; i < v.size(); ++i) days[i] = v[i].is_none() ? INT64_MIN : v[i].days();  // INT64_MIN = NaT
  return out;
}

py::tuple counts(const CountColumn& c) {
  const std::size_t n = c.size();
  py::array_t<std::int64_t> values(static_cast<py::ssize_t>(n));
  py::array_t<bool> mask(static_cast<py::ssize_t>(n));
  auto* v = values.mutable_data();
  auto* m = mask.mutable_data();
  for (std::size_t i = 0; i < n; ++i) {
    m[i] = !c.has(i);
    v[i] = c.value_or(i, 0);
  }
  return py::make_tuple(values, mask);
}

template <class T>
py::tuple sparse_ints(const SparseColumn<T>& c, std::size_t rows) {
  py::array_t<std::int64_t> values(static_cast<py::ssize_t>(rows));
  py::array_t<bool> mask(static_cast<py::ssize_t>(rows));
  std::fill_n(values.mutable_data(), rows, 0);
  std::fill_n(mask.mutable_data(), rows, true);
  for (std::size_t k = 0; k < c.entry_count(); ++k) {
    values.mutable_data()[c.entry_row(k)] = static_cast<std::int64_t>(c.entry_value(k));
    mask.mutable_data()[c.entry_row(k)] = false;
  }
  return py::make_tuple(values, mask);
}

py::array sparse_floats(const SparseColumn<double>& c, std::size_t rows) {
  py::array_t<double> out(static_cast<py::ssize_t>(rows));
  std::fill_n(out.mutable_data(), rows, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t k = 0; k < c.entry_count(); ++k) out.mutable_data()[c.entry_row(k)] = c.entry_value(k);
  return out;
}

py::array sparse_references(const SparseColumn<std::uint32_t>& c, std::size_t rows, const std::vector<py::object>& ids) {
  std::vector<py::object> cells(rows, py::none());
  for (std::size_t k = 0; k < c.entry_count(); ++k) cells[c.entry_row(k)] = ids.at(c.entry_value(k));
  return object_array(rows, [&](std::size_t i) { return cells[i]; });
}

// An enum stored as small integers with 0 = absent; `names[0]` is the absent slot.
template <class E>
py::tuple enum_codes(const std::vector<E>& v, std::span<const std::string_view> names, bool ordered) {
  py::array_t<std::int32_t> codes(static_cast<py::ssize_t>(v.size()));
  for (std::size_t i = 0; i < v.size(); ++i) codes.mutable_data()[i] = static_cast<std::int32_t>(v[i]) - 1;
  py::list categories;
  for (std::size_t k = 1; k < names.size(); ++k) categories.append(utf8(names[k]));
  return py::make_tuple(codes, categories, ordered);
}

py::tuple dict_codes(const DictColumn& c) {
  py::array_t<std::int32_t> codes(static_cast<py::ssize_t>(c.size()));
  for (std::size_t i = 0; i < c.size(); ++i)
    codes.mutable_data()[i] = c.codes[i] == StringDictionary::kAbsent ? -1 : static_cast<std::int32_t>(c.codes[i]);
  py::list categories;
  for (std::size_t k = 0; k < c.dict.size(); ++k) categories.append(utf8(c.dict[static_cast<std::uint32_t>(k)]));
  return py::make_tuple(codes, categories, false);
}

// A bit set as the CSV writes it: names `;`-separated in declaration order ('' for the empty set).
py::array bit_sets(const std::vector<std::uint8_t>& v, std::span<const std::string_view> names) {
  std::array<py::object, 256> texts;
  return object_array(v.size(), [&](std::size_t i) {
    py::object& t = texts[v[i]];
    if (!t) {
      std::string s;
      for (std::size_t bit = 0; bit < names.size(); ++bit)
        if (v[i] & (1u << bit)) {
          if (!s.empty()) s += ';';
          s += names[bit];
        }
      t = utf8(s);
    }
    return t;
  });
}

// The ids of the rows that reference columns name, made once per table and only when needed.
class RowIds {
 public:
  explicit RowIds(const Dataset& ds) : ds_(ds) {}
  const std::vector<py::object>& of(ColumnRole role) {
    switch (role) {
      case ColumnRole::branch_row: return get(branches_, ds_.branches().id);
      case ColumnRole::member_row: return get(members_, ds_.members().id);
      default: return get(activities_, ds_.activities().id);
    }
  }

 private:
  const std::vector<py::object>& get(std::optional<std::vector<py::object>>& ids, const StringPool& pool) {
    if (!ids) ids = pool_strings(pool);
    return *ids;
  }
  const Dataset& ds_;
  std::optional<std::vector<py::object>> branches_, members_, activities_;
};

// The activity kinds as a category: the built-in kinds, then the dataset's custom ones.
py::tuple kind_categories(const std::vector<KindCode>& v, const Dataset& ds) {
  py::array_t<std::int32_t> codes(static_cast<py::ssize_t>(v.size()));
  for (std::size_t i = 0; i < v.size(); ++i) codes.mutable_data()[i] = v[i];
  py::list kinds;
  for (const ActivityKindInfo& k : kActivityKinds) kinds.append(utf8(k.id));
  for (const std::string& k : ds.custom_kinds()) kinds.append(utf8(k));
  return py::make_tuple(codes, kinds, false);
}

// One column's payload (see the top of this file), from its entry in the column list and its type.
template <class Desc>
py::object payload(const Desc&, const StringPool& c, std::size_t, RowIds&, const Dataset&) {
  return strings(c);
}
template <class Desc>
py::object payload(const Desc& d, const DictColumn& c, std::size_t, RowIds&, const Dataset&) {
  return d.kind == CellKind::text ? py::object(strings(c)) : py::object(dict_codes(c));
}
template <class Desc>
py::object payload(const Desc&, const BranchColumn& c, std::size_t, RowIds& ids, const Dataset&) {
  return references(c.expanded(), ids.of(ColumnRole::branch_row));
}
template <class Desc>
py::object payload(const Desc&, const CountColumn& c, std::size_t, RowIds&, const Dataset&) {
  return counts(c);
}
template <class Desc>
py::object payload(const Desc&, const DateColumn& c, std::size_t, RowIds&, const Dataset&) {
  return dates(c);
}
template <class Desc>
py::object payload(const Desc&, const HundredthsColumn& c, std::size_t, RowIds&, const Dataset&) {
  return floats(c);
}
template <class Desc, class T>
py::object payload(const Desc&, const SparseColumn<T>& c, std::size_t rows, RowIds& ids, const Dataset&) {
  if constexpr (Desc::role == ColumnRole::member_row) {
    return sparse_references(c, rows, ids.of(Desc::role));
  } else if constexpr (std::is_floating_point_v<T>) {
    return sparse_floats(c, rows);
  } else {
    return sparse_ints(c, rows);
  }
}
template <class Desc, class T>
py::object payload(const Desc& d, const std::vector<T>& v, std::size_t, RowIds& ids, const Dataset& ds) {
  if constexpr (Desc::role == ColumnRole::kind_code) {
    return kind_categories(v, ds);
  } else if constexpr (Desc::role != ColumnRole::value) {
    return references(v, ids.of(Desc::role));
  } else if constexpr (std::is_same_v<T, Date>) {
    return dates(v);
  } else if constexpr (std::is_floating_point_v<T>) {
    return floats(v);
  } else if constexpr (std::is_same_v<T, std::uint8_t>) {
    return bit_sets(v, d.names);
  } else {
    static_assert(std::is_enum_v<T>, "a column type without a Python form: add one here");
    return enum_codes(v, d.names, d.kind == CellKind::ordered_category);
  }
}

const char* kind_name(CellKind kind) {
  switch (kind) {
    case CellKind::category:
    case CellKind::ordered_category: return "category";
    case CellKind::date: return "date";
    case CellKind::integer: return "int";
    case CellKind::number: return "float";
    case CellKind::text:
    case CellKind::set:
    case CellKind::reference: break;
  }
  return "str";
}

// A table as [(CSV column, kind, payload)], in its column list's order.
template <class Table>
py::list table_columns(const Table& t, const Dataset& ds) {
  RowIds ids(ds);
  py::list out;
  for_each_column(
      [&](const auto& d, const auto& column) {
        out.append(py::make_tuple(utf8(d.csv), kind_name(d.kind), payload(d, column, t.size(), ids, ds)));
      },
      t);
  return out;
}

const char* cell_kind_name(CellKind kind) {
  switch (kind) {
    case CellKind::text: return "text";
    case CellKind::category: return "category";
    case CellKind::ordered_category: return "ordered_category";
    case CellKind::set: return "set";
    case CellKind::date: return "date";
    case CellKind::integer: return "integer";
    case CellKind::number: return "number";
    case CellKind::reference: break;
  }
  return "reference";
}

// {table: ((CSV column, cell kind, required, values), …)}: every table's column list, for the Python
// layer's own lists. `values` are an enumeration's or a set's names (the built-in activity kinds
// for `kind`), else ().
py::dict column_lists() {
  py::dict out;
  const auto add = [&out](auto tag) {
    using Table = typename decltype(tag)::type;
    py::list columns;
    for_each_column_of<Table>([&](const auto& d) {
      py::list values;
      for (std::string_view name : d.names)
        if (!name.empty()) values.append(utf8(name));  // not the absent slot of an enumeration
      if constexpr (std::remove_cvref_t<decltype(d)>::role == ColumnRole::kind_code)
        for (const ActivityKindInfo& k : kActivityKinds) values.append(utf8(k.id));
      columns.append(py::make_tuple(utf8(d.csv), cell_kind_name(d.kind), d.required, py::tuple(values)));
    });
    out[utf8(ColumnList<Table>::table)] = py::tuple(columns);
  };
  add(std::type_identity<BranchTable>{}), add(std::type_identity<MemberTable>{});
  add(std::type_identity<ActivityTable>{}), add(std::type_identity<AttendanceTable>{});
  add(std::type_identity<ObservationTable>{});
  return out;
}

ArchiveFormat archive_format(const std::string& name) {
  if (name == "binary") return ArchiveFormat::binary;
  if (name == "text") return ArchiveFormat::text;
  if (name == "xml") return ArchiveFormat::xml;
  throw py::value_error("format must be 'binary', 'text' or 'xml', got '" + name + "'");
}

py::tuple period_tuple(const Period& p) { return py::make_tuple(p.from.to_string(), p.to.to_string()); }

// The module functions next to the class: the column lists and the synthetic generator.
void bind_dataset_functions(py::module_& m) {
  m.def("table_columns", &column_lists,
        "{table: ((column, kind, required, values), ...)}: every table's columns in CSV order; kind is text, "
        "category, ordered_category, set, date, integer, number or reference; values the names of an "
        "enumeration or set.");

  m.def(
      "write_synthetic_dataset",
      [](const std::filesystem::path& out_dir, std::uint64_t branches, std::uint64_t seed, int first_year,
         int last_year) {
        SynthOptions options;
        options.branches = branches;
        options.seed = seed;
        options.first_year = first_year;
        options.last_year = last_year;
        SynthSummary s;
        {
          py::gil_scoped_release release;
          s = write_synthetic_dataset(options, out_dir);
        }
        py::dict d;
        d["branches"] = s.branches;
        d["members"] = s.members;
        d["activities"] = s.activities;
        d["attendance"] = s.attendance;
        d["observations"] = s.observations;
        return d;
      },
      py::arg("out_dir"), py::arg("branches"), py::arg("seed"), py::arg("first_year"), py::arg("last_year"),
      "Writes a synthetic dataset directory (as `branchscore synth`); returns the row counts.");
}

}  // namespace

void bind_dataset(py::module_& m) {
  py::class_<Dataset, DatasetPtr>(m, "Dataset",
                                   "An immutable, columnar dataset (the C++ libbranch::Dataset). Use the "
                                   "public libbranch.Dataset, which wraps this.")
      .def_static(
          "load",
          [](const std::filesystem::path& path, bool allow_custom_kinds) {
            std::vector<Problem> warnings;
            DatasetPtr ds;
            {
              py::gil_scoped_release release;
              LoadOptions options;
              options.allow_custom_kinds = allow_custom_kinds;
              ds = std::make_shared<Dataset>(load_dataset(path, options, &warnings));
            }
            return py::make_tuple(ds, warnings);
          },
          py::arg("path"), py::arg("allow_custom_kinds") = false,
          "Loads a dataset directory or archive; returns (dataset, warnings). Raises DataError or ArchiveError.")
      .def_static(
          "from_archive_bytes",
          [](const py::bytes& data) {
            std::string bytes = data;  // one copy; the GIL is not needed for it afterwards
            py::gil_scoped_release release;
            const auto size = static_cast<std::uint64_t>(bytes.size());
            std::istringstream in(std::move(bytes));
            return std::make_shared<Dataset>(load_archive(in, "<bytes>", size));
          },
          py::arg("data"), "Reads an archive from bytes (see to_archive_bytes). Raises ArchiveError.")
      .def(
          "to_archive_bytes",
          [](const Dataset& ds, const std::string& format) {
            const ArchiveFormat f = archive_format(format);
            std::string text;
            {
              py::gil_scoped_release release;
              std::ostringstream out;
              save_archive(ds, out, f);
              text = std::move(out).str();
            }
            return py::bytes(text);
          },
          py::arg("format") = "binary", "The dataset as archive bytes (the format of `branchscore pack`).")
      .def(
          "save",
          [](const Dataset& ds, const std::filesystem::path& path, const std::string& format) {
            const ArchiveFormat f = archive_format(format);
            py::gil_scoped_release release;
            save_archive(ds, path, f);
          },
          py::arg("path"), py::arg("format") = "binary",
          "Writes an archive file (atomically). Raises ArchiveError.")
      .def(
          "save_partitioned",
          [](const Dataset& ds, const std::filesystem::path& path, std::size_t part_branches) {
            if (part_branches == 0) throw py::value_error("part_branches must be ≥ 1");
            py::gil_scoped_release release;
            save_partitioned_archive(ds, path, part_branches);
          },
          py::arg("path"), py::arg("part_branches"),
          "Writes a partitioned archive of parts of part_branches branches (atomically).")
      .def("__len__", &Dataset::branch_count)
      .def_property_readonly("branch_count", &Dataset::branch_count)
      .def("counts",
           [](const Dataset& ds) {
             py::dict d;
             d["branches"] = ds.branches().size();
             d["members"] = ds.members().size();
             d["activities"] = ds.activities().size();
             d["attendance"] = ds.attendance().size();
             d["observations"] = ds.observations().size();
             return d;
           })
      .def("memory",
           [](const Dataset& ds) {
             const DatasetMemory mem = ds.memory();
             py::dict d;
             d["branches"] = mem.branches;
             d["members"] = mem.members;
             d["members_free_text"] = mem.members_free_text;
             d["activities"] = mem.activities;
             d["activities_free_text"] = mem.activities_free_text;
             d["attendance"] = mem.attendance;
             d["observations"] = mem.observations;
             d["total"] = mem.total();
             return d;
           },
           "Bytes held, by table.")
      .def_property_readonly("custom_kinds", &Dataset::custom_kinds)
      .def("find_branch", &Dataset::find_branch, py::arg("branch_id"), "Row of a branch id, or None.")
      .def("default_period", [](const Dataset& ds) { return period_tuple(default_period(ds)); },
           "('YYYY-MM-DD', 'YYYY-MM-DD'): the latest calendar year that has activities.")
      .def("columns",
           [](const Dataset& ds, const std::string& table) -> py::list {
             if (table == "branches") return table_columns(ds.branches(), ds);
             if (table == "members") return table_columns(ds.members(), ds);
             if (table == "activities") return table_columns(ds.activities(), ds);
             if (table == "attendance") return table_columns(ds.attendance(), ds);
             if (table == "observations") return table_columns(ds.observations(), ds);
             throw py::value_error("table must be one of branches, members, activities, attendance, observations; got '" +
                                   table + "'");
           },
           py::arg("table"), "The table as [(column, kind, payload)] (see bind_dataset.cpp).")
      .def("__eq__", [](const Dataset& a, const Dataset& b) { return a == b; });  // pybind11 sets __hash__ = None

  bind_dataset_functions(m);
}

}  // namespace libbranch::python
