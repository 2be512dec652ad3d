// Scorecard: the numbers as read-only numpy views of the C++ matrices (no copies; each view keeps
// the scorecard alive), the labels, the result files of SPEC §6 through the library's writers, and
// a state for pickling.
//
// There is no Boost serializer of Scorecard in the library yet (serialization.hpp covers Dataset),
// so pickling goes through `state()` — plain numpy arrays and lists — and `from_state()`, which
// checks every size and index before rebuilding (a bad pickle raises ValueError, never crashes).
// When a Scorecard archive appears, state() should become its bytes, as Dataset does.
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <pybind11/stl.h>

#include <libbranch/io/scorecard_writer.hpp>
#include <libbranch/scorecard.hpp>

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

// ---- from_state: every size and index checked ----

[[noreturn]] void bad_state(const std::string& what) { throw py::value_error("Scorecard state: " + what); }

template <class Scalar>
Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> matrix_from(const py::dict& state, const char* key,
                                                                   std::size_t rows, std::size_t cols) {
  if (!state.contains(key)) bad_state(std::string("missing '") + key + "'");
  auto a = py::array_t<Scalar, py::array::f_style | py::array::forcecast>::ensure(state[key]);
  if (!a) bad_state(std::string("'") + key + "' is not a numeric array");
  if (a.ndim() != 2 || static_cast<std::size_t>(a.shape(0)) != rows || static_cast<std::size_t>(a.shape(1)) != cols)
    bad_state(std::string("'") + key + "' must be " + std::to_string(rows) + " × " + std::to_string(cols));
  Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> out(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
  if (rows * cols > 0) std::copy(a.data(), a.data() + rows * cols, out.data());
  return out;
}

template <class T>
std::vector<T> vector_from(const py::dict& state, const char* key, std::optional<std::size_t> size) {
  if (!state.contains(key)) bad_state(std::string("missing '") + key + "'");
  auto a = py::array_t<T, py::array::c_style | py::array::forcecast>::ensure(state[key]);
  if (!a || a.ndim() != 1) bad_state(std::string("'") + key + "' is not a 1-d numeric array");
  if (size && static_cast<std::size_t>(a.shape(0)) != *size)
    bad_state(std::string("'") + key + "' must have " + std::to_string(*size) + " entries");
  return std::vector<T>(a.data(), a.data() + a.shape(0));
}

template <class T>
T item(const py::dict& state, const char* key) {
  if (!state.contains(key)) bad_state(std::string("missing '") + key + "'");
  try {
    return state[key].cast<T>();
  } catch (const py::cast_error&) {
    bad_state(std::string("'") + key + "' has the wrong type");
  }
}

std::shared_ptr<Scorecard> from_state(const py::dict& state) {
  if (item<int>(state, "version") != 1) bad_state("unknown version (from a newer libbranch?)");
  auto card = std::make_shared<Scorecard>();
  Scorecard& c = *card;
  c.rubric_name = item<std::string>(state, "rubric_name");
  const auto from = Date::parse(item<std::string>(state, "from"));
  const auto to = Date::parse(item<std::string>(state, "to"));
  if (!from || !to) bad_state("bad period");
  c.period = {*from, *to};
  c.branch_ids = item<std::vector<std::string>>(state, "branch_ids");
  c.branch_names = item<std::vector<std::string>>(state, "branch_names");
  const std::size_t b = c.branch_ids.size();
  if (c.branch_names.size() != b) bad_state("branch_ids and branch_names differ in length");

  for (const auto& [metric, params] : item<std::vector<std::pair<std::string, std::string>>>(state, "metrics"))
    c.metrics.push_back({metric, params});
  c.metric_values = matrix_from<double>(state, "metric_values", b, c.metrics.size());

  for (const py::handle h : item<py::list>(state, "indicators")) {
    const auto t = h.cast<py::tuple>();
    if (t.size() != 7) bad_state("an indicator needs 7 fields");
    ScoredIndicator i{t[0].cast<std::string>(), t[1].cast<std::string>(), t[2].cast<std::string>(),
                      t[3].cast<std::string>(), t[4].cast<double>(),      t[5].cast<std::size_t>(),
                      t[6].cast<bool>()};
    if (i.metric_column >= c.metrics.size()) bad_state("an indicator's metric column is out of range");
    c.indicators.push_back(std::move(i));
  }
  c.points = matrix_from<double>(state, "points", b, c.indicators.size());
  c.flags = matrix_from<std::uint8_t>(state, "flags", b, c.indicators.size());

  for (const auto& [id, name, max] : item<std::vector<std::tuple<std::string, std::string, double>>>(state, "standards"))
    c.standards.push_back({id, name, max});
  c.standard_scores = matrix_from<double>(state, "standard_scores", b, c.standards.size());
  const auto totals = vector_from<double>(state, "totals", b);
  c.totals = Eigen::Map<const Eigen::VectorXd>(totals.data(), static_cast<Eigen::Index>(b));
  const auto bonus = vector_from<double>(state, "bonus", b);
  c.bonus = Eigen::Map<const Eigen::VectorXd>(bonus.data(), static_cast<Eigen::Index>(b));

  c.rating_labels = item<std::vector<std::string>>(state, "rating_labels");
  c.ratings = vector_from<std::uint16_t>(state, "ratings", b);
  for (const std::uint16_t r : c.ratings)
    if (r >= c.rating_labels.size()) bad_state("a rating is out of range");

  c.veto_metrics = item<std::vector<std::string>>(state, "veto_metrics");
  c.veto_offsets = vector_from<std::uint32_t>(state, "veto_offsets", b + 1);
  c.fired_vetoes = vector_from<std::uint32_t>(state, "fired_vetoes", std::nullopt);
  if (c.veto_offsets.front() != 0 || c.veto_offsets.back() != c.fired_vetoes.size())
    bad_state("veto offsets do not cover the fired vetoes");
  for (std::size_t k = 1; k < c.veto_offsets.size(); ++k)
    if (c.veto_offsets[k] < c.veto_offsets[k - 1]) bad_state("veto offsets decrease");
  for (const std::uint32_t v : c.fired_vetoes)
    if (v >= c.veto_metrics.size()) bad_state("a fired veto is out of range");
  return card;
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
      .def("state",
           [](py::object self) {
             const auto& c = self.cast<const Scorecard&>();
             py::dict d;
             d["version"] = 1;
             d["rubric_name"] = c.rubric_name;
             d["from"] = c.period.from.to_string();
             d["to"] = c.period.to.to_string();
             d["branch_ids"] = c.branch_ids;
             d["branch_names"] = c.branch_names;
             py::list metrics;
             for (const MetricColumn& mc : c.metrics) metrics.append(py::make_tuple(mc.metric, mc.params_key));
             d["metrics"] = metrics;
             py::list indicators;
             for (const ScoredIndicator& i : c.indicators)
               indicators.append(py::make_tuple(i.id, i.standard, i.metric, i.rule, i.max_points, i.metric_column, i.bonus));
             d["indicators"] = indicators;
             py::list standards;
             for (const ScoredStandard& s : c.standards) standards.append(py::make_tuple(s.id, s.name, s.max_points));
             d["standards"] = standards;
             d["rating_labels"] = c.rating_labels;
             d["veto_metrics"] = c.veto_metrics;
             // Copies (the views would pickle as copies anyway).
             for (const char* key : {"metric_values", "points", "flags", "standard_scores", "totals", "bonus", "ratings",
                                     "veto_offsets", "fired_vetoes"})
               d[key] = self.attr(key).attr("copy")();
             return d;
           },
           "Everything as plain arrays and lists, for pickling (see from_state).")
      .def_static("from_state", &from_state, py::arg("state"),
                  "Rebuilds a scorecard from state(); checks every size and index (ValueError when wrong).");
}

}  // namespace libbranch::python
