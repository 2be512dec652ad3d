// AHP (层次分析法): priorities, λmax, CI, CR; hierarchical composition.
#include <libbranch/weights.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <span>

#include <Eigen/Eigenvalues>

#include "checks.hpp"

namespace libbranch::weights {
namespace {

// RI(n) for n = 1…15 (index n − 1). Sources in weights.hpp and docs/analytics.md.
constexpr std::array<double, 15> kSaaty1980{0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41,
                                            1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59};
constexpr std::array<double, 15> kSaaty2005{0, 0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.40,
                                            1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59};
constexpr std::array<double, 20> kDoneganDodd{0,      0,      0.4914, 0.8286, 1.0591, 1.1797, 1.2519,
                                              1.3171, 1.3733, 1.4055, 1.4213, 1.4497, 1.4643, 1.4822,
                                              1.4969, 1.5078, 1.5153, 1.5262, 1.5313, 1.5371};

const char* table_name(RandomIndex t) {
  switch (t) {
    case RandomIndex::saaty1980: return "saaty1980";
    case RandomIndex::saaty2005: return "saaty2005";
    case RandomIndex::donegan_dodd: return "donegan_dodd";
  }
  return "?";
}

std::span<const double> table(RandomIndex t) {
  switch (t) {
    case RandomIndex::saaty1980: return kSaaty1980;
    case RandomIndex::saaty2005: return kSaaty2005;
    case RandomIndex::donegan_dodd: return kDoneganDodd;
  }
  return {};
}

// The checked matrix: positive, unit diagonal, reciprocal within the tolerance; the lower
// triangle rebuilt from the upper one (weights.hpp: the upper triangle is authoritative).
Eigen::MatrixXd checked_reciprocal(const Eigen::MatrixXd& a, double tolerance) {
  if (a.rows() != a.cols())
    throw AnalyticsError("matrix", "must be square, is " + std::to_string(a.rows()) + " × " + std::to_string(a.cols()));
  if (a.rows() == 0) throw AnalyticsError("matrix", "is empty");
  if (!(tolerance >= 0)) throw AnalyticsError("reciprocal_tolerance", "must be ≥ 0");
  const Eigen::Index n = a.rows();
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      if (!std::isfinite(a(i, j)) || a(i, j) <= 0)
        throw AnalyticsError(detail::cell("matrix", i, j),
                             "is " + detail::number(a(i, j)) + "; pairwise judgements must be positive numbers");
  Eigen::MatrixXd r = a;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (std::abs(a(i, i) - 1) > tolerance)
      throw AnalyticsError(detail::cell("matrix", i, i), "is " + detail::number(a(i, i)) + "; the diagonal must be 1");
    r(i, i) = 1;
    for (Eigen::Index j = i + 1; j < n; ++j) {
      const double product = a(i, j) * a(j, i);
      if (std::abs(product - 1) > tolerance)
        throw AnalyticsError(detail::cell("matrix", j, i),
                             "is " + detail::number(a(j, i)) + " but matrix[" + std::to_string(i) + "][" +
                                 std::to_string(j) + "] is " + detail::number(a(i, j)) +
                                 ": not reciprocal (their product " + detail::number(product) +
                                 " differs from 1 by more than " + detail::number(tolerance) + ")");
      r(j, i) = 1 / a(i, j);
    }
  }
  return r;
}

Eigen::VectorXd principal_eigenvector(const Eigen::MatrixXd& a, double& lambda_max) {
  // A positive matrix has a simple real Perron root with a positive eigenvector (Perron's
  // theorem); it is the eigenvalue of largest real part.
  Eigen::EigenSolver<Eigen::MatrixXd> solver(a, true);
  if (solver.info() != Eigen::Success) throw AnalyticsError("matrix", "the eigenvalue computation did not converge");
  Eigen::Index k = 0;
  solver.eigenvalues().real().maxCoeff(&k);
  lambda_max = solver.eigenvalues()[k].real();
  Eigen::VectorXd v = solver.eigenvectors().col(k).real().cwiseAbs();  // sign of an eigenvector is arbitrary
  return v / v.sum();
}

}  // namespace

double random_index(RandomIndex t, int n) {
  const auto values = table(t);
  if (n < 1 || n > static_cast<int>(values.size()))
    throw AnalyticsError("ri", std::string("the table ") + table_name(t) + " covers n = 1…" +
                                   std::to_string(values.size()) + ", not n = " + std::to_string(n));
  return values[static_cast<std::size_t>(n - 1)];
}

AhpResult ahp(const Eigen::MatrixXd& matrix, const AhpOptions& options) {
  const Eigen::MatrixXd a = checked_reciprocal(matrix, options.reciprocal_tolerance);
  const auto n = static_cast<int>(a.rows());
  AhpResult r;
  r.ri = random_index(options.ri, n);  // first: a matrix beyond the table is refused before any work
  switch (options.method) {
    case AhpMethod::eigenvector:
      r.weights = principal_eigenvector(a, r.lambda_max);
      break;
    case AhpMethod::geometric_mean: {
      // exp(mean(log)) rather than the product's n-th root: no overflow for n = 15 and a_ij = 9.
      Eigen::VectorXd g = a.array().log().rowwise().mean().exp();
      r.weights = g / g.sum();
      break;
    }
    case AhpMethod::column_mean: {
      const Eigen::MatrixXd normalised = a.array().rowwise() / a.colwise().sum().array();
      r.weights = normalised.rowwise().mean();
      r.weights /= r.weights.sum();
      break;
    }
  }
  if (options.method != AhpMethod::eigenvector)
    r.lambda_max = ((a * r.weights).array() / r.weights.array()).mean();
  if (n <= 2) {
    // Every 1 × 1 and 2 × 2 reciprocal matrix is consistent: λmax = n exactly.
    r.lambda_max = n;
    r.ci = 0;
    r.cr = 0;
  } else {
    // λmax ≥ n for every positive reciprocal matrix; rounding can give n − 1e-15 for a consistent one.
    r.ci = std::max(0.0, (r.lambda_max - n) / (n - 1));
    r.cr = r.ci / r.ri;
  }
  return r;
}

HierarchyResult hierarchy(const AhpResult& parent, const std::vector<AhpResult>& children) {
  if (static_cast<Eigen::Index>(children.size()) != parent.weights.size())
    throw AnalyticsError("children", "has " + std::to_string(children.size()) + " entries for " +
                                         std::to_string(parent.weights.size()) + " parent elements");
  Eigen::Index total = 0;
  for (const AhpResult& c : children) total += c.weights.size();
  HierarchyResult h;
  h.global_weights.resize(total);
  double ci = 0;
  double ri = 0;
  Eigen::Index at = 0;
  for (std::size_t k = 0; k < children.size(); ++k) {
    const double w = parent.weights[static_cast<Eigen::Index>(k)];
    const AhpResult& c = children[k];
    h.global_weights.segment(at, c.weights.size()) = w * c.weights;
    at += c.weights.size();
    ci += w * c.ci;
    ri += w * c.ri;
  }
  h.cr = ri > 0 ? ci / ri : 0;
  return h;
}

Eigen::VectorXd synthesize(const Eigen::VectorXd& criteria_weights, const Eigen::MatrixXd& priorities) {
  if (priorities.cols() != criteria_weights.size())
    throw AnalyticsError("priorities", "has " + std::to_string(priorities.cols()) + " columns for " +
                                           std::to_string(criteria_weights.size()) + " criteria");
  detail::require_finite(priorities, "priorities");
  return priorities * criteria_weights;
}

AhpMethod ahp_method_from_string(std::string_view name) {
  if (name == "eigenvector") return AhpMethod::eigenvector;
  if (name == "geometric_mean") return AhpMethod::geometric_mean;
  if (name == "column_mean") return AhpMethod::column_mean;
  throw AnalyticsError("method", "unknown AHP method '" + std::string(name) +
                                     "' (expected eigenvector, geometric_mean or column_mean)");
}

RandomIndex random_index_from_string(std::string_view name) {
  if (name == "saaty1980") return RandomIndex::saaty1980;
  if (name == "saaty2005") return RandomIndex::saaty2005;
  if (name == "donegan_dodd") return RandomIndex::donegan_dodd;
  throw AnalyticsError("ri", "unknown random-index table '" + std::string(name) +
                                 "' (expected saaty1980, saaty2005 or donegan_dodd)");
}

}  // namespace libbranch::weights
