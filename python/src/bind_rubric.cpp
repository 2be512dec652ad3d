// Rubric: the default, parsing (text or file) with RubricError naming the JSON path, and JSON out.
// The structure crosses as JSON text: the Python layer turns it into dicts (`to_dict`), so the
// binding needs no mirror of every rule field.
#include <filesystem>
#include <memory>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <libbranch/registry.hpp>
#include <libbranch/rubric.hpp>

#include "bindings.hpp"

namespace libbranch::python {

void bind_rubric(py::module_& m) {
  using RubricPtr = std::shared_ptr<Rubric>;
  py::class_<Rubric, RubricPtr>(m, "Rubric",
                                 "A validated rubric (the C++ libbranch::Rubric). Use the public "
                                 "libbranch.Rubric, which wraps this.")
      .def_static("default", [] { return std::make_shared<Rubric>(Rubric::default_rubric()); },
                  "The shipped default rubric (docs/reference/rubrics.md §9).")
      .def_static(
          "parse",
          [](const std::string& text, const std::string& source) {
            return std::make_shared<Rubric>(Rubric::parse(text, source));
          },
          py::arg("text"), py::arg("source") = "<string>", "Parses and validates JSON text. Raises RubricError.")
      .def_static(
          "load", [](const std::filesystem::path& path) { return std::make_shared<Rubric>(Rubric::load(path)); },
          py::arg("path"), "Reads, parses and validates a rubric file. Raises RubricError.")
      .def("to_json", &Rubric::to_json, "JSON text (UTF-8, 2-space indent); parse(to_json()) gives an equal rubric.")
      .def_readonly("name", &Rubric::name)
      .def_readonly("source", &Rubric::source, "where it came from (file, '<default>', …)")
      .def_property_readonly("standard_ids", &Rubric::standard_ids)
      .def_property_readonly("indicator_count", &Rubric::indicator_count)
      .def_property_readonly("bonus_count", [](const Rubric& r) { return r.bonuses.size(); })
      .def_property_readonly("max_points", &Rubric::max_points)
      .def_property_readonly("rating_labels",
                             [](const Rubric& r) {
                               std::vector<std::string> out;
                               for (const Rating& x : r.ratings) out.push_back(x.label);
                               return out;
                             })
      .def("metric_ids",
           [](const Rubric& r) {
             std::vector<std::string> out;
             for (const MetricUse& u : r.metric_uses())
               if (std::find(out.begin(), out.end(), u.metric) == out.end()) out.push_back(u.metric);
             return out;
           },
           "Distinct metric ids used by indicators, bonuses and vetoes, in order of first use.")
      .def("__eq__", [](const Rubric& a, const Rubric& b) { return a == b; });
}

}  // namespace libbranch::python
