// Entropy weights (熵权法): raw (Hwang & Yoon 1981) and min-max (正向化) variants.
#include <libbranch/weights.hpp>

#include <cmath>

#include "checks.hpp"

namespace libbranch::weights {

EntropyResult entropy(const Eigen::MatrixXd& X, const EntropyOptions& options) {
  const Eigen::Index m = X.rows();
  const Eigen::Index n = X.cols();
  if (m < 2) throw AnalyticsError("X", "needs at least 2 rows (alternatives); the entropy of one row is undefined");
  if (n < 1) throw AnalyticsError("X", "has no columns");
  detail::require_finite(X, "X");
  const auto directions = detail::directions_for(options.directions, n);
  if (!(options.shift >= 0) || !std::isfinite(options.shift)) throw AnalyticsError("shift", "must be a finite number ≥ 0");
  if (options.variant == EntropyVariant::raw) {
    if (options.shift != 0) throw AnalyticsError("shift", "applies to the minmax variant only");
    for (Eigen::Index j = 0; j < n; ++j) {
      if (directions[static_cast<std::size_t>(j)] == Direction::cost)
        throw AnalyticsError(detail::element("directions", j),
                             "is cost, but the raw variant uses the values as they are; use variant minmax for cost columns");
      for (Eigen::Index i = 0; i < m; ++i)
        if (X(i, j) < 0)
          throw AnalyticsError(detail::cell("X", i, j), "is negative; the raw variant needs values ≥ 0 (use minmax)");
    }
  }

  EntropyResult r;
  r.entropy.resize(n);
  const double k = 1 / std::log(static_cast<double>(m));
  for (Eigen::Index j = 0; j < n; ++j) {
    Eigen::VectorXd col = X.col(j);
    const double lo = col.minCoeff();
    const double hi = col.maxCoeff();
    // A constant column (an all-zero one included) cannot tell alternatives apart: e = 1 by
    // definition, whatever p the formula would give (raw: p = 1/m gives e = 1 anyway; all-zero
    // raw and constant minmax would divide 0 by 0).
    if (hi == lo) {
      r.entropy[j] = 1;
      continue;
    }
    if (options.variant == EntropyVariant::minmax) {
      if (directions[static_cast<std::size_t>(j)] == Direction::benefit)
        col = (col.array() - lo) / (hi - lo);
      else
        col = (hi - col.array()) / (hi - lo);
      col.array() += options.shift;
    }
    const Eigen::VectorXd p = col / col.sum();  // sum > 0: a non-constant column of values ≥ 0
    double h = 0;
    for (Eigen::Index i = 0; i < m; ++i)
      if (p[i] > 0) h -= p[i] * std::log(p[i]);  // 0 · ln 0 = 0 (the limit)
    r.entropy[j] = k * h;
  }
  r.divergence = (1 - r.entropy.array()).max(0.0).matrix();  // e ≤ 1 mathematically; clamp rounding
  const double total = r.divergence.sum();
  if (total <= 0) throw AnalyticsError("X", "every column is constant: entropy weights are undefined");
  r.weights = r.divergence / total;
  return r;
}

EntropyVariant entropy_variant_from_string(std::string_view name) {
  if (name == "raw") return EntropyVariant::raw;
  if (name == "minmax") return EntropyVariant::minmax;
  throw AnalyticsError("variant", "unknown entropy variant '" + std::string(name) + "' (expected raw or minmax)");
}

}  // namespace libbranch::weights
