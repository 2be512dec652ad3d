// Scorecard: the numbers as read-only numpy views of the C++ matrices (no copies; each view keeps
// the scorecard alive), the labels, the result files of docs/reference/results.md through the
// library's writers, and archive bytes for pickling — the library's own Scorecard archive
// (serialization.hpp), which checks every size and index on load, as Dataset pickling does.
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <pybind11/stl.h>

#include <libbranch/io/scorecard_writer.hpp>
#include <libbranch/scorecard.hpp>
#include <libbranch/serialization.hpp>

#include "bindings.hpp"

namespace libbranch::python {
namespace {

using CardPtr = std::shared_ptr<Scorecard>;

template <class Scalar>
py::array matrix_view(const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& mat, py::handle owner) {
  const auto s = static_cast<py::ssize_t>(sizeof(Scalar));
  return readonly_view(mat.data(), {mat.rows(), mat.cols()}, {s, s * mat.rows()}, owner);  // column-major
}

template <class T>
py::array vector_view(const T* data, std::size_t n, py::handle owner) {
  return readonly_view(data, {static_cast<py::ssize_t>(n)}, {static_cast<py::ssize_t>(sizeof(T))}, owner);
}

template <class Write>
std::string render(const Scorecard& card, Write&& write) {
  py::gil_scoped_release release;
  std::ostringstream out;
  write(card, out);
  return std::move(out).str();
}

py::list indicator_dicts(const Scorecard& c) {
  py::list out;
  for (const ScoredIndicator& i : c.indicators) {
    py::dict d;
    d["id"] = i.id;
    d["standard"] = i.standard;
    d["metric"] = i.metric;
    d["rule"] = i.rule;
    d["max_points"] = i.max_points;
    d["metric_column"] = i.metric_column;
    d["bonus"] = i.bonus;
    out.append(d);
  }
  return out;
}

py::list standard_dicts(const Scorecard& c) {
  py::list out;
  for (const ScoredStandard& s : c.standards) {
    py::dict d;
    d["id"] = s.id;
    d["name"] = s.name;
    d["max_points"] = s.max_points;
    out.append(d);
  }
  return out;
}

py::list metric_dicts(const Scorecard& c) {
  py::list out;
  for (const MetricColumn& m : c.metrics) {
    py::dict d;
    d["metric"] = m.metric;
    d["params"] = m.params_key;
    out.append(d);
  }
  return out;
}


}  // namespace

void bind_scorecard(py::module_& m) {
  py::class_<Scorecard, CardPtr>(m, "Scorecard",
                                  "Scores of every branch (the C++ libbranch::Scorecard). Use the public "
                                  "libbranch.Scorecard, which wraps this. Arrays are read-only views.")
      .def_readonly("rubric_name", &Scorecard::rubric_name)
      .def_property_readonly("period",
                             [](const Scorecard& c) { return py::make_tuple(c.period.from.to_string(), c.period.to.to_string()); })
      .def_readonly("branch_ids", &Scorecard::branch_ids)
      .def_readonly("branch_names", &Scorecard::branch_names)
      .def_property_readonly("metrics", &metric_dicts, "metric columns: [{metric, params}] (params canonical, e.g. agg=sum)")
      .def_property_readonly("indicators", &indicator_dicts)
      .def_property_readonly("standards", &standard_dicts)
      .def_readonly("rating_labels", &Scorecard::rating_labels, "best first")
      .def_readonly("veto_metrics", &Scorecard::veto_metrics)
      .def("__len__", &Scorecard::branch_count)
      .def_property_readonly("metric_values", [](py::object self) { return matrix_view(self.cast<const Scorecard&>().metric_values, self); },
                             "B × M float64 (NaN = no value)")
      .def_property_readonly("points", [](py::object self) { return matrix_view(self.cast<const Scorecard&>().points, self); },
                             "B × I float64")
      .def_property_readonly("flags", [](py::object self) { return matrix_view(self.cast<const Scorecard&>().flags, self); },
                             "B × I uint8: 1 missing, 2 excluded, 4 bonus")
      .def_property_readonly("standard_scores",
                             [](py::object self) { return matrix_view(self.cast<const Scorecard&>().standard_scores, self); },
                             "B × S float64")
      .def_property_readonly("totals",
                             [](py::object self) {
                               const auto& v = self.cast<const Scorecard&>().totals;
                               return vector_view(v.data(), static_cast<std::size_t>(v.size()), self);
                             })
      .def_property_readonly("bonus",
                             [](py::object self) {
                               const auto& v = self.cast<const Scorecard&>().bonus;
                               return vector_view(v.data(), static_cast<std::size_t>(v.size()), self);
                             })
      .def_property_readonly("ratings",
                             [](py::object self) {
                               const auto& v = self.cast<const Scorecard&>().ratings;
                               return vector_view(v.data(), v.size(), self);
                             },
                             "uint16 index into rating_labels")
      .def_readonly("star_labels", &Scorecard::star_labels, "the rubric's star labels, best first, the rest last; empty without stars")
      .def_property_readonly("stars",
                             [](py::object self) {
                               const auto& v = self.cast<const Scorecard&>().stars;
                               return vector_view(v.data(), v.size(), self);
                             },
                             "uint16 index into star_labels (empty without stars)")
      .def_property_readonly("star_direct",
                             [](py::object self) {
                               const auto& v = self.cast<const Scorecard&>().star_direct;
                               return vector_view(v.data(), v.size(), self);
                             },
                             "uint8, 1 = rated by a direct rating (empty without stars)")
      .def_property_readonly("veto_offsets",
                             [](py::object self) {
                               const auto& v = self.cast<const Scorecard&>().veto_offsets;
                               return vector_view(v.data(), v.size(), self);
                             },
                             "B + 1 offsets into fired_vetoes (CSR)")
      .def_property_readonly("fired_vetoes",
                             [](py::object self) {
                               const auto& v = self.cast<const Scorecard&>().fired_vetoes;
                               return vector_view(v.data(), v.size(), self);
                             },
                             "indices into veto_metrics")
      .def("summary_csv", [](const Scorecard& c) { return render(c, [](const Scorecard& s, std::ostream& o) { write_summary_csv(s, o); }); })
      .def("detail_csv", [](const Scorecard& c) { return render(c, [](const Scorecard& s, std::ostream& o) { write_detail_csv(s, o); }); })
      .def("json", [](const Scorecard& c, bool detail) {
             return render(c, [detail](const Scorecard& s, std::ostream& o) { write_json(s, o, detail); });
           }, py::arg("detail") = false)
      .def("table", [](const Scorecard& c, bool detail) {
             return render(c, [detail](const Scorecard& s, std::ostream& o) { write_table(s, o, detail); });
           }, py::arg("detail") = false)
      .def("to_archive_bytes",
           [](const Scorecard& c) {
             std::string bytes;
             {
               py::gil_scoped_release release;
               std::ostringstream out;
               save_scorecard(c, out);
               bytes = std::move(out).str();
             }
             return py::bytes(bytes);
           },
           "The scorecard as binary archive bytes (the library's Scorecard archive), for pickling.")
      .def_static("from_archive_bytes",
                  [](const py::bytes& data) {
                    std::string bytes = data;
                    py::gil_scoped_release release;
                    const auto size = static_cast<std::uint64_t>(bytes.size());
                    std::istringstream in(std::move(bytes));
                    return std::make_shared<Scorecard>(load_scorecard(in, "<pickle>", size));
                  },
                  py::arg("data"), "Reads to_archive_bytes(); raises ArchiveError for damaged bytes.");
}

}  // namespace libbranch::python
