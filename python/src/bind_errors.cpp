// The exception hierarchy of libbranch/error.hpp, mirrored in Python (DESIGN.md §4):
//
//   Error(Exception)
//   ├── DataError(Error, ValueError)            .problems: list[Problem]
//   ├── RubricError(Error, ValueError)          .json_path
//   ├── UnknownMetricError(Error, KeyError)     .metric_id
//   ├── PluginError(Error, ImportError)         .plugin_path
//   ├── ArchiveError(Error, OSError)            .archive_path
//   └── AnalyticsError(Error, ValueError)       .argument
//
// The classes are made here (so the translator needs no import of the pure-Python package) and
// re-exported by `libbranch`, whose name they carry (`__module__ = "libbranch"`).
#include <exception>

#include <libbranch/error.hpp>

#include <pybind11/stl.h>

#include "bindings.hpp"

namespace libbranch::python {
namespace {

// Strong references for the lifetime of the interpreter (module-level objects; never freed).
PyObject* g_error = nullptr;
PyObject* g_data_error = nullptr;
PyObject* g_rubric_error = nullptr;
PyObject* g_unknown_metric_error = nullptr;
PyObject* g_plugin_error = nullptr;
PyObject* g_archive_error = nullptr;
PyObject* g_analytics_error = nullptr;

PyObject* make_class(py::module_& m, const char* name, const char* doc, py::tuple bases) {
  const std::string qualified = std::string("libbranch.") + name;
  PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
  if (cls == nullptr) throw py::error_already_set();
  m.add_object(name, py::handle(cls));  // the module holds a reference; so does the global
  return cls;
}

const char* severity_name(Severity s) { return s == Severity::error ? "error" : "warning"; }

// Raises `cls(message)` with extra attributes set on the instance.
template <class Fill>
void raise(PyObject* cls, const std::string& message, Fill&& fill) {
  py::object instance = py::reinterpret_borrow<py::object>(cls)(utf8(message));
  fill(instance);
  PyErr_SetObject(cls, instance.ptr());
}

// The message of a DataError: how many errors (and warnings), then one line per problem (at most 20).
std::string data_error_message(const DataError& e) {
  const auto& problems = e.problems();
  const std::size_t errors = e.error_count();
  std::size_t found = 0;  // an entry for problems a capped list left out stands for all of them
  for (const Problem& p : problems) found += p.omitted > 0 ? p.omitted : 1;
  const std::size_t warnings = found - errors;
  std::string text = std::to_string(errors) + (errors == 1 ? " error" : " errors");
  if (warnings > 0) text += " and " + std::to_string(warnings) + (warnings == 1 ? " warning" : " warnings");
  text += " in the data:";
  constexpr std::size_t kShown = 20;
  for (std::size_t i = 0; i < problems.size() && i < kShown; ++i) text += "\n  " + problems[i].to_string();
  if (problems.size() > kShown)
    text += "\n  … and " + std::to_string(problems.size() - kShown) + " more (see .problems)";
  return text;
}

}  // namespace

py::str utf8(std::string_view s) {
  PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace");
  if (o == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(o);
}

void bind_errors(py::module_& m) {
  py::class_<Problem>(m, "Problem",
                      "One problem found while loading data: where (file and line, or the row label of a "
                      "table given from memory), how bad, what, and the offending value.")
      .def_readonly("file", &Problem::file, "file path, or the table name for tables given from memory")
      .def_readonly("line", &Problem::line, "1-based line where the record starts; 0 = none")
      .def_readonly("row_label", &Problem::row_label, "index label of a row given from memory; '' for files")
      .def_readonly("column", &Problem::column, "the column, or '-' for the whole row or file")
      .def_property_readonly("severity", [](const Problem& p) { return severity_name(p.severity); },
                             "'error' or 'warning'")
      .def_readonly("message", &Problem::message)
      .def_readonly("value", &Problem::value, "the offending value ('' when none)")
      .def_readonly("omitted", &Problem::omitted,
                    "> 0 for the entry that ends a file's capped problem list: how many problems of the "
                    "file it stands for (only the first 1,000 per file are listed)")
      .def_property_readonly("is_error", [](const Problem& p) { return p.severity == Severity::error; })
      .def("to_dict",
           [](const Problem& p) {
             py::dict d;
             d["file"] = p.file;
             d["line"] = p.line;
             d["row_label"] = p.row_label;
             d["column"] = p.column;
             d["severity"] = severity_name(p.severity);
             d["message"] = p.message;
             d["value"] = p.value;
             d["omitted"] = p.omitted;
             return d;
           })
      .def("__str__", &Problem::to_string)
      .def("__repr__", [](const Problem& p) { return "<libbranch.Problem " + p.to_string() + ">"; })
      .def("__eq__",
           [](const Problem& a, const Problem& b) {
             return a.file == b.file && a.line == b.line && a.row_label == b.row_label && a.column == b.column &&
                    a.severity == b.severity && a.message == b.message && a.value == b.value && a.omitted == b.omitted;
           })
      .def("__hash__", [](const Problem& p) { return py::hash(py::str(p.to_string())); })
      .def(py::pickle(
          [](const Problem& p) {
            return py::make_tuple(p.file, p.line, p.row_label, p.column, severity_name(p.severity), p.message, p.value,
                                  p.omitted);
          },
          [](const py::tuple& t) {
            if (t.size() != 7 && t.size() != 8) throw py::value_error("Problem: bad pickle state");
            Problem p;
            p.file = t[0].cast<std::string>();
            p.line = t[1].cast<std::int64_t>();
            p.row_label = t[2].cast<std::string>();
            p.column = t[3].cast<std::string>();
            p.severity = t[4].cast<std::string>() == "warning" ? Severity::warning : Severity::error;
            p.message = t[5].cast<std::string>();
            p.value = t[6].cast<std::string>();
            if (t.size() == 8) p.omitted = t[7].cast<std::uint64_t>();
            return p;
          }));
  m.attr("Problem").attr("__module__") = "libbranch";

  py::module_ builtins = py::module_::import("builtins");
  g_error = make_class(m, "Error", "Root of every error libbranch raises.",
                       py::make_tuple(builtins.attr("Exception")));
  py::handle error(g_error);
  g_data_error = make_class(m, "DataError",
                            "Bad input data. `.problems` lists every problem found (errors and warnings), "
                            "in the order found; `.error_count` counts the errors.",
                            py::make_tuple(error, builtins.attr("ValueError")));
  g_rubric_error = make_class(m, "RubricError",
                              "A rubric that cannot be used; `.json_path` names the place, e.g. "
                              "'standards[2].indicators[4].rule.target'.",
                              py::make_tuple(error, builtins.attr("ValueError")));
  g_unknown_metric_error = make_class(m, "UnknownMetricError",
                                      "A metric id that no registered metric has; `.metric_id` is the id.",
                                      py::make_tuple(error, builtins.attr("KeyError")));
  // KeyError quotes its message in str(); an UnknownMetricError reads like the other errors.
  py::handle(g_unknown_metric_error).attr("__str__") = builtins.attr("BaseException").attr("__str__");
  g_plugin_error = make_class(m, "PluginError",
                              "A plugin that could not be found, loaded or initialised; `.plugin_path`.",
                              py::make_tuple(error, builtins.attr("ImportError")));
  g_archive_error = make_class(m, "ArchiveError",
                               "An archive that cannot be read or written; `.archive_path`.",
                               py::make_tuple(error, builtins.attr("OSError")));
  g_analytics_error = make_class(m, "AnalyticsError",
                                 "Bad arguments to libbranch.weights or libbranch.rank; `.argument` names the "
                                 "argument and the cell, e.g. 'matrix[2][0]'.",
                                 py::make_tuple(error, builtins.attr("ValueError")));

  py::register_exception_translator([](std::exception_ptr p) {
    if (!p) return;
    try {
      std::rethrow_exception(p);
    } catch (const DataError& e) {
      raise(g_data_error, data_error_message(e), [&](py::object& o) {
        o.attr("problems") = py::cast(e.problems());
        o.attr("error_count") = e.error_count();
      });
    } catch (const RubricError& e) {
      raise(g_rubric_error, e.what(), [&](py::object& o) { o.attr("json_path") = e.json_path(); });
    } catch (const UnknownMetricError& e) {
      raise(g_unknown_metric_error, e.what(), [&](py::object& o) { o.attr("metric_id") = e.metric_id(); });
    } catch (const PluginError& e) {
      raise(g_plugin_error, e.what(), [&](py::object& o) { o.attr("plugin_path") = e.plugin_path(); });
    } catch (const ArchiveError& e) {
      raise(g_archive_error, e.what(), [&](py::object& o) { o.attr("archive_path") = e.archive_path(); });
    } catch (const AnalyticsError& e) {
      raise(g_analytics_error, e.what(), [&](py::object& o) { o.attr("argument") = e.argument(); });
    } catch (const Error& e) {
      raise(g_error, e.what(), [](py::object&) {});
    }
  });
}

}  // namespace libbranch::python
