// Weights (weights.hpp) and rankings (ranking.hpp) for libbranch.weights and libbranch.rank.
// Results come back as dicts of numpy arrays (moved out of the Eigen results, not copied); the
// pure-Python layer wraps them with labels. A decision matrix is read in place when it is a
// float64 array in C or Fortran order (the ranking functions take either), so a 5,000,000 × 40
// array is never copied; anything else is converted once. The GIL is released while ranking.
#include <memory>
#include <string>
#include <vector>

#include <pybind11/eigen.h>
#include <pybind11/stl.h>

#include <libbranch/comparison.hpp>
#include <libbranch/error.hpp>
#include <libbranch/ranking.hpp>
#include <libbranch/star_rating.hpp>
#include <libbranch/weights.hpp>

#include "bindings.hpp"

namespace libbranch::python {
namespace {

namespace w = libbranch::weights;
namespace r = libbranch::rank;

std::vector<Direction> directions(const std::vector<std::string>& names) {
  std::vector<Direction> out;
  out.reserve(names.size());
  for (const std::string& n : names) out.push_back(r::direction_from_string(n));
  return out;
}

py::object vector(Eigen::VectorXd v) { return py::cast(std::move(v)); }
py::object vector(Eigen::VectorXi v) { return py::cast(std::move(v)); }

// Calls f(X) with X a column-major Ref or a row-major Map over the array's own memory.
template <class F>
auto with_matrix(const py::array& array, F&& f) {
  if (array.ndim() != 2) throw AnalyticsError("X", "must be 2-dimensional, is " + std::to_string(array.ndim()) + "-dimensional");
  using FArray = py::array_t<double, py::array::f_style>;
  using CArray = py::array_t<double, py::array::c_style | py::array::forcecast>;
  if (py::isinstance<FArray>(array) && !py::isinstance<CArray>(array)) {
    const auto a = array.cast<FArray>();
    const Eigen::Map<const Eigen::MatrixXd> m(a.data(), a.shape(0), a.shape(1));
    py::gil_scoped_release release;
    return f(r::ColRef(m));
  }
  const CArray a = CArray::ensure(array);
  if (!a) throw py::error_already_set();
  const r::RowMap m(a.data(), a.shape(0), a.shape(1));
  py::gil_scoped_release release;
  return f(m);
}

py::dict ahp_dict(w::AhpResult res) {
  py::dict d;
  d["weights"] = vector(std::move(res.weights));
  d["lambda_max"] = res.lambda_max;
  d["ci"] = res.ci;
  d["ri"] = res.ri;
  d["cr"] = res.cr;
  return d;
}

}  // namespace

void bind_analytics(py::module_& m) {
  m.def(
      "ahp",
      [](const Eigen::MatrixXd& matrix, const std::string& method, const std::string& ri, double tolerance) {
        return ahp_dict(w::ahp(matrix, {.method = w::ahp_method_from_string(method),
                                        .ri = w::random_index_from_string(ri),
                                        .reciprocal_tolerance = tolerance}));
      },
      py::arg("matrix"), py::arg("method"), py::arg("ri"), py::arg("reciprocal_tolerance"));
  m.def("random_index", [](const std::string& table, int n) { return w::random_index(w::random_index_from_string(table), n); });
  m.def(
      "ahp_hierarchy",
      [](const Eigen::VectorXd& parent_weights, const std::vector<std::tuple<Eigen::VectorXd, double, double>>& children) {
        w::AhpResult parent;
        parent.weights = parent_weights;
        std::vector<w::AhpResult> kids;
        for (const auto& [weights, ci, ri] : children) {
          w::AhpResult c;
          c.weights = weights;
          c.ci = ci;
          c.ri = ri;
          kids.push_back(std::move(c));
        }
        w::HierarchyResult h = w::hierarchy(parent, kids);
        py::dict d;
        d["global_weights"] = vector(std::move(h.global_weights));
        d["cr"] = h.cr;
        return d;
      });
  m.def("ahp_synthesize", [](const Eigen::VectorXd& weights, const Eigen::MatrixXd& priorities) {
    return vector(w::synthesize(weights, priorities));
  });
  m.def("entropy", [](const Eigen::MatrixXd& X, const std::string& variant, const std::vector<std::string>& dirs,
                      double shift) {
    w::EntropyResult res = w::entropy(X, {.variant = w::entropy_variant_from_string(variant),
                                           .directions = directions(dirs),
                                           .shift = shift});
    py::dict d;
    d["weights"] = vector(std::move(res.weights));
    d["entropy"] = vector(std::move(res.entropy));
    d["divergence"] = vector(std::move(res.divergence));
    return d;
  });
  m.def("critic", [](const Eigen::MatrixXd& X, const std::string& correlation, const std::vector<std::string>& dirs) {
    w::CriticResult res = w::critic(X, {.correlation = w::correlation_from_string(correlation), .directions = directions(dirs)});
    py::dict d;
    d["weights"] = vector(std::move(res.weights));
    d["stddev"] = vector(std::move(res.stddev));
    d["information"] = vector(std::move(res.information));
    d["correlation"] = py::cast(std::move(res.correlation));
    return d;
  });
  m.def("combine", [](const Eigen::VectorXd& s, const Eigen::VectorXd& o, double alpha) { return vector(w::combine(s, o, alpha)); });

  m.def("topsis", [](const py::array& X, const Eigen::VectorXd& weights, const std::vector<std::string>& dirs,
                     const std::string& normalization, const std::string& ties) {
    const r::TopsisOptions o{.directions = directions(dirs),
                             .normalization = r::normalization_from_string(normalization),
                             .ties = r::ties_from_string(ties)};
    r::TopsisResult res = with_matrix(X, [&](const auto& x) { return r::topsis(x, weights, o); });
    py::dict d;
    d["closeness"] = vector(std::move(res.closeness));
    d["rank"] = vector(std::move(res.rank));
    d["ideal"] = vector(std::move(res.ideal));
    d["anti_ideal"] = vector(std::move(res.anti_ideal));
    d["d_plus"] = vector(std::move(res.d_plus));
    d["d_minus"] = vector(std::move(res.d_minus));
    return d;
  });
  m.def("vikor", [](const py::array& X, const Eigen::VectorXd& weights, const std::vector<std::string>& dirs, double v,
                    const std::string& ties) {
    const r::VikorOptions o{.directions = directions(dirs), .v = v, .ties = r::ties_from_string(ties)};
    r::VikorResult res = with_matrix(X, [&](const auto& x) { return r::vikor(x, weights, o); });
    py::dict d;
    d["S"] = vector(std::move(res.S));
    d["R"] = vector(std::move(res.R));
    d["Q"] = vector(std::move(res.Q));
    d["rank"] = vector(std::move(res.rank));
    d["compromise"] = py::cast(res.compromise);
    d["acceptable_advantage"] = res.acceptable_advantage;
    d["acceptable_stability"] = res.acceptable_stability;
    return d;
  });
  m.def("star_assign", [](const Eigen::VectorXd& totals, const std::vector<std::int64_t>& groups,
                          const std::vector<std::tuple<std::string, double, std::optional<double>>>& levels,
                          const std::string& rest, const std::string& ties,
                          const std::vector<std::pair<std::vector<bool>, std::size_t>>& overrides) {
    stars::Scheme scheme;
    for (const auto& [label, quota, min_total] : levels) scheme.levels.push_back({label, quota, min_total});
    scheme.rest = rest;
    if (ties == "within_quota") {
      scheme.ties = stars::QuotaTies::within_quota;
    } else if (ties == "over_quota") {
      scheme.ties = stars::QuotaTies::over_quota;
    } else {
      throw AnalyticsError("ties", "unknown quota tie rule '" + ties + "' (expected within_quota or over_quota)");
    }
    std::vector<stars::Override> o;
    for (const auto& [applies, level] : overrides) o.push_back({applies, level});
    stars::Result res = stars::assign(totals, groups, scheme, o);
    py::dict d;
    d["level"] = py::cast(res.level);
    d["direct"] = py::cast(std::vector<bool>(res.direct.begin(), res.direct.end()));
    return d;
  });
  m.def("star_changes", [](const std::vector<std::optional<std::size_t>>& previous, const std::vector<std::size_t>& current) {
    return stars::changes(previous, current);
  });
  py::class_<PeriodComparison, std::shared_ptr<PeriodComparison>>(m, "PeriodComparison",
                                                                    "Two scorecards compared (libbranch.compare wraps it).")
      .def_readonly("branch_ids", &PeriodComparison::branch_ids)
      .def_readonly("branch_names", &PeriodComparison::branch_names)
      .def_property_readonly("presence",
                             [](const PeriodComparison& c) {
                               std::vector<std::string> out;
                               for (Presence p : c.presence) out.emplace_back(to_string(p));
                               return out;
                             })
      .def_readonly("total_before", &PeriodComparison::total_before)
      .def_readonly("total_after", &PeriodComparison::total_after)
      .def_readonly("rating_before", &PeriodComparison::rating_before)
      .def_readonly("rating_after", &PeriodComparison::rating_after)
      .def_readonly("rating_change", &PeriodComparison::rating_change)
      .def_readonly("standard_delta", &PeriodComparison::standard_delta)
      .def_readonly("points_before", &PeriodComparison::points_before)
      .def_readonly("points_after", &PeriodComparison::points_after)
      .def_readonly("standard_ids", &PeriodComparison::standard_ids)
      .def_readonly("indicator_ids", &PeriodComparison::indicator_ids)
      .def_readonly("indicator_standard", &PeriodComparison::indicator_standard)
      .def_readonly("rating_labels", &PeriodComparison::rating_labels)
      .def("drivers", [](const PeriodComparison& c, std::size_t b, std::size_t top) {
        py::list out;
        for (const IndicatorChange& d : c.drivers(b, top))
          out.append(py::make_tuple(d.indicator, d.before, d.after, d.delta, d.share));
        return out;
      });
  m.def("compare", [](const Scorecard& before, const Scorecard& after) {
    return std::make_shared<PeriodComparison>(libbranch::compare(before, after));
  });
  m.def("weighted_sum", [](const py::array& X, const Eigen::VectorXd& weights, const std::vector<std::string>& dirs,
                           const std::string& normalization, const std::string& ties) {
    const r::WeightedSumOptions o{.directions = directions(dirs),
                                  .normalization = r::sum_normalization_from_string(normalization),
                                  .ties = r::ties_from_string(ties)};
    r::WeightedSumResult res = with_matrix(X, [&](const auto& x) { return r::weighted_sum(x, weights, o); });
    py::dict d;
    d["score"] = vector(std::move(res.score));
    d["rank"] = vector(std::move(res.rank));
    return d;
  });
}

}  // namespace libbranch::python
