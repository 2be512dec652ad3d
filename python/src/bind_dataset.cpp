// Dataset: loading (directory or archive), archives to and from files and bytes (pickling), the
// synthetic generator, and the tables as columns for the Python layer to wrap in DataFrames.
//
// A table crosses as a list of (name, kind, payload) in CSV column order; kinds:
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
#include <sstream>
#include <string>
#include <vector>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <libbranch/dataset.hpp>
#include <libbranch/engine.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/model/enums.hpp>
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
template <class E, std::size_t N>
py::tuple enum_codes(const std::vector<E>& v, const std::array<std::string_view, N>& names, bool ordered) {
  py::array_t<std::int32_t> codes(static_cast<py::ssize_t>(v.size()));
  for (std::size_t i = 0; i < v.size(); ++i) codes.mutable_data()[i] = static_cast<std::int32_t>(v[i]) - 1;
  py::list categories;
  for (std::size_t k = 1; k < N; ++k) categories.append(utf8(names[k]));
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
template <std::size_t N>
py::array bit_sets(const std::vector<std::uint8_t>& v, const std::array<std::string_view, N>& names) {
  std::array<py::object, 256> texts;
  return object_array(v.size(), [&](std::size_t i) {
    py::object& t = texts[v[i]];
    if (!t) {
      std::string s;
      for (std::size_t bit = 0; bit < N; ++bit)
        if (v[i] & (1u << bit)) {
          if (!s.empty()) s += ';';
          s += names[bit];
        }
      t = utf8(s);
    }
    return t;
  });
}

struct Columns {
  py::list list;
  void add(const char* name, const char* kind, py::object payload) { list.append(py::make_tuple(name, kind, std::move(payload))); }
};

py::list branch_columns(const Dataset& ds) {
  const BranchTable& t = ds.branches();
  Columns c;
  c.add("branch_id", "str", strings(t.id));
  c.add("name", "str", strings(t.name));
  c.add("parent_id", "category", dict_codes(t.parent_id));
  c.add("org_type", "category", enum_codes(t.org_type, kOrgTypeNames, false));
  c.add("last_election", "date", dates(t.last_election));
  c.add("internal_units", "int", counts(t.internal_units));
  c.add("units_covered", "int", counts(t.units_covered));
  c.add("fulltime_party_workers", "int", counts(t.fulltime_party_workers));
  c.add("pioneer_posts", "int", counts(t.pioneer_posts));
  c.add("brands", "int", counts(t.brands));
  c.add("facilities", "str", bit_sets(t.facilities, kFacilityNames));
  c.add("service_station", "str", bit_sets(t.service_station, kServiceStationNames));
  return c.list;
}

py::list member_columns(const Dataset& ds) {
  const MemberTable& t = ds.members();
  const auto branch_ids = pool_strings(ds.branches().id);
  Columns c;
  c.add("member_id", "str", strings(t.id));
  c.add("branch_id", "str", references(t.branch, branch_ids));
  c.add("name", "str", strings(t.name));
  c.add("gender", "category", enum_codes(t.gender, kGenderNames, false));
  c.add("ethnicity", "category", dict_codes(t.ethnicity));
  c.add("birth_date", "date", dates(t.birth_date));
  c.add("education", "category", enum_codes(t.education, kEducationNames, true));
  c.add("role", "category", enum_codes(t.role, kRoleNames, false));
  c.add("party_group", "category", dict_codes(t.party_group));
  c.add("application_date", "date", dates(t.application_date));
  c.add("activist_date", "date", dates(t.activist_date));
  c.add("candidate_date", "date", dates(t.candidate_date));
  c.add("admission_date", "date", dates(t.admission_date));
  c.add("conversion_date", "date", dates(t.conversion_date));
  c.add("joined_branch", "date", dates(t.joined_branch));
  c.add("left_branch", "date", dates(t.left_branch));
  return c.list;
}

py::list activity_columns(const Dataset& ds) {
  const ActivityTable& t = ds.activities();
  const std::size_t n = t.size();
  const auto branch_ids = pool_strings(ds.branches().id);
  const auto member_ids = pool_strings(ds.members().id);
  py::array_t<std::int32_t> kind_codes(static_cast<py::ssize_t>(n));
  for (std::size_t i = 0; i < n; ++i) kind_codes.mutable_data()[i] = t.kind[i];
  py::list kinds;
  for (const ActivityKindInfo& k : kActivityKinds) kinds.append(utf8(k.id));
  for (const std::string& k : ds.custom_kinds()) kinds.append(utf8(k));
  Columns c;
  c.add("activity_id", "str", strings(t.id));
  c.add("branch_id", "str", references(t.branch, branch_ids));
  c.add("kind", "category", py::make_tuple(kind_codes, kinds, false));
  c.add("date", "date", dates(t.date));
  c.add("mode", "category", enum_codes(t.mode, kModeNames, false));
  c.add("platform", "category", dict_codes(t.platform));
  c.add("attendees", "int", counts(t.attendees));
  c.add("expected", "int", counts(t.expected));
  c.add("hours", "float", floats(t.hours));
  c.add("lecturer_id", "str", sparse_references(t.lecturer, n, member_ids));
  c.add("amount_yuan", "float", sparse_floats(t.amount_yuan, n));
  c.add("cases", "int", sparse_ints(t.cases, n));
  c.add("escalated", "int", sparse_ints(t.escalated, n));
  c.add("title", "str", strings(t.title));
  return c.list;
}

py::list attendance_columns(const Dataset& ds) {
  const AttendanceTable& t = ds.attendance();
  Columns c;
  c.add("activity_id", "str", references(t.activity, pool_strings(ds.activities().id)));
  c.add("member_id", "str", references(t.member, pool_strings(ds.members().id)));
  return c.list;
}

py::list observation_columns(const Dataset& ds) {
  const ObservationTable& t = ds.observations();
  Columns c;
  c.add("branch_id", "str", references(t.branch, pool_strings(ds.branches().id)));
  c.add("indicator", "category", dict_codes(t.indicator));
  c.add("date", "date", dates(t.date));
  c.add("value", "float", floats(t.value));
  return c.list;
}

ArchiveFormat archive_format(const std::string& name) {
  if (name == "binary") return ArchiveFormat::binary;
  if (name == "text") return ArchiveFormat::text;
  if (name == "xml") return ArchiveFormat::xml;
  throw py::value_error("format must be 'binary', 'text' or 'xml', got '" + name + "'");
}

py::tuple period_tuple(const Period& p) { return py::make_tuple(p.from.to_string(), p.to.to_string()); }

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
             if (table == "branches") return branch_columns(ds);
             if (table == "members") return member_columns(ds);
             if (table == "activities") return activity_columns(ds);
             if (table == "attendance") return attendance_columns(ds);
             if (table == "observations") return observation_columns(ds);
             throw py::value_error("table must be one of branches, members, activities, attendance, observations; got '" +
                                   table + "'");
           },
           py::arg("table"), "The table as [(column, kind, payload)] (see bind_dataset.cpp).")
      .def("__eq__", [](const Dataset& a, const Dataset& b) { return a == b; });  // pybind11 sets __hash__ = None

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

}  // namespace libbranch::python
