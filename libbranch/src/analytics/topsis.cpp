// TOPSIS (Hwang & Yoon 1981): closeness to the ideal in the weighted normalised space.
#include <libbranch/ranking.hpp>

#include <cmath>

#include "checks.hpp"
#include "column_pass.hpp"

namespace libbranch::rank {
namespace {

template <class M>
TopsisResult topsis_impl(const M& X, const Eigen::VectorXd& weights, const TopsisOptions& options) {
  const detail::DecisionMatrix d = detail::decision_matrix(X, weights, options.directions);
  const Eigen::Index m = d.rows;
  const Eigen::Index n = d.columns;
  const auto& directions = d.directions;
  const detail::ColumnStats& stats = d.stats;

  // The weighted normalised value is affine in x: v_ij = x_ij · scale_j + offset_j. A larger v
  // is better for benefit criteria; with minmax it is better for every criterion (cost columns
  // are turned round by a negative scale).
  Eigen::ArrayXd scale = Eigen::ArrayXd::Zero(n);
  Eigen::ArrayXd offset = Eigen::ArrayXd::Zero(n);
  TopsisResult r;
  r.ideal.resize(n);
  r.anti_ideal.resize(n);
  for (Eigen::Index j = 0; j < n; ++j) {
    const bool benefit = directions[static_cast<std::size_t>(j)] == Direction::benefit;
    const double w = weights[j];
    const double lo = stats.min[j];
    const double hi = stats.max[j];
    bool larger_is_better = benefit;
    if (options.normalization == Normalization::vector) {
      const double norm = std::sqrt(stats.sum_squares[j]);
      if (norm > 0) scale[j] = w / norm;  // a column of zeros: every v = 0, no contribution
    } else {
      larger_is_better = true;
      if (hi > lo) {  // a constant column: every v = 0, no contribution
        scale[j] = (benefit ? w : -w) / (hi - lo);
        offset[j] = benefit ? -lo * scale[j] : w * hi / (hi - lo);
      }
    }
    const double v_lo = lo * scale[j] + offset[j];
    const double v_hi = hi * scale[j] + offset[j];
    // v is monotone in x, so the best and worst v are those of the column's extremes.
    r.ideal[j] = larger_is_better ? std::max(v_lo, v_hi) : std::min(v_lo, v_hi);
    r.anti_ideal[j] = larger_is_better ? std::min(v_lo, v_hi) : std::max(v_lo, v_hi);
  }

  const Eigen::ArrayXd to_ideal = offset - r.ideal.array();
  const Eigen::ArrayXd to_anti = offset - r.anti_ideal.array();
  r.d_plus.resize(m);
  r.d_minus.resize(m);
  r.closeness.resize(m);
  const double* s = scale.data();
  const double* a = to_ideal.data();
  const double* b = to_anti.data();
  detail::for_rows(X, [&](Eigen::Index i) {
    double plus = 0;
    double minus = 0;
    if constexpr (M::IsRowMajor) {
      // Eigen's reductions keep several partial sums (vectorised), where a plain loop would wait
      // on one accumulator for every cell.
      const Eigen::Map<const Eigen::ArrayXd> row(X.data() + i * X.outerStride(), n);
      plus = (row * scale + to_ideal).square().sum();  // expressions, no temporaries
      minus = (row * scale + to_anti).square().sum();
    } else {
      for (Eigen::Index j = 0; j < n; ++j) {
        const double x = X(i, j) * s[j];
        const double p = x + a[j];
        const double q = x + b[j];
        plus += p * p;
        minus += q * q;
      }
    }
    const double dp = std::sqrt(plus);
    const double dm = std::sqrt(minus);
    r.d_plus[i] = dp;
    r.d_minus[i] = dm;
    // D⁺ + D⁻ = 0 only when the ideal and the anti-ideal coincide (every criterion constant or
    // weighted 0): every alternative is as good as every other; 0.5 says so without NaN.
    r.closeness[i] = dp + dm > 0 ? dm / (dp + dm) : 0.5;
  });
  r.rank = rank_scores(r.closeness, true, options.ties);
  return r;
}

}  // namespace

TopsisResult topsis(const ColRef& X, const Eigen::VectorXd& weights, const TopsisOptions& options) {
  return topsis_impl(X, weights, options);
}
TopsisResult topsis(const RowMap& X, const Eigen::VectorXd& weights, const TopsisOptions& options) {
  return topsis_impl(X, weights, options);
}

}  // namespace libbranch::rank
