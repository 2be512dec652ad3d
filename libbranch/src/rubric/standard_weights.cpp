// A rubric's AHP standard weights (`"weights": {"ahp": …}`): the priorities, the consistency
// check and each standard's weighted maximum. The AHP itself is weights.hpp's; its errors are
// re-thrown as RubricErrors at the rubric's JSON path.
#include <string>

#include <libbranch/error.hpp>
#include <libbranch/weights.hpp>

#include "rubric_detail.hpp"

namespace libbranch {
namespace {

// "matrix[2][0]" → "weights.ahp[2][0]"; "method" → "weights.method"; "ri" → "weights.ri".
std::string rubric_path(const std::string& argument) {
  if (argument.rfind("matrix", 0) == 0) return "weights.ahp" + argument.substr(6);
  if (argument == "method" || argument == "ri") return "weights." + argument;
  return "weights";
}

// The message of an AnalyticsError without its "argument: " prefix (the path says it).
std::string message_of(const AnalyticsError& e) {
  const std::string what = e.what();
  const std::string prefix = e.argument() + ": ";
  return what.rfind(prefix, 0) == 0 ? what.substr(prefix.size()) : what;
}

}  // namespace

std::vector<double> Rubric::standard_weights(double* cr) const {
  if (!weights) return {};
  const StandardWeights& w = *weights;
  const std::size_t n = standards.size();
  if (w.ahp.size() != n)
    detail::throw_rubric_error(source, "weights.ahp",
                               "has " + std::to_string(w.ahp.size()) + " rows for " + std::to_string(n) +
                                   " standards; the matrix compares every standard with every other, in rubric order");
  Eigen::MatrixXd a(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
  for (std::size_t i = 0; i < n; ++i) {
    if (w.ahp[i].size() != n)
      detail::throw_rubric_error(source, detail::path_index("weights.ahp", i),
                                 "has " + std::to_string(w.ahp[i].size()) + " entries for " + std::to_string(n) +
                                     " standards");
    for (std::size_t j = 0; j < n; ++j) a(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = w.ahp[i][j];
  }
  weights::AhpResult r;
  try {
    r = weights::ahp(a, {.method = weights::ahp_method_from_string(w.method), .ri = weights::random_index_from_string(w.ri)});
  } catch (const AnalyticsError& e) {
    detail::throw_rubric_error(source, rubric_path(e.argument()), message_of(e));
  }
  if (r.cr > 0.1 && !w.allow_inconsistent)
    detail::throw_rubric_error(source, "weights.ahp",
                               "the pairwise matrix is inconsistent: CR = " + detail::format_number(r.cr) +
                                   " > 0.1 (" + w.ri + " RI); revise the judgements, or set \"allow_inconsistent\": true");
  if (cr != nullptr) *cr = r.cr;
  return {r.weights.data(), r.weights.data() + r.weights.size()};
}

std::vector<double> Rubric::standard_maxima() const {
  std::vector<double> out;
  out.reserve(standards.size());
  if (!weights) {
    for (const Standard& s : standards) out.push_back(s.max_points());
    return out;
  }
  const double total = max_points();
  for (double w : standard_weights()) out.push_back(w * total);
  return out;
}

}  // namespace libbranch
