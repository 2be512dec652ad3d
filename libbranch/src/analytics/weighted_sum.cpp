// The weighted sum (简单加权, SAW) with a named normalisation.
#include <libbranch/ranking.hpp>

#include <cmath>

#include "checks.hpp"
#include "column_pass.hpp"

namespace libbranch::rank {
namespace {

template <class M>
WeightedSumResult weighted_sum_impl(const M& X, const Eigen::VectorXd& weights, const WeightedSumOptions& options) {
  const detail::DecisionMatrix d = detail::decision_matrix(X, weights, options.directions);
  const Eigen::Index m = d.rows;
  const Eigen::Index n = d.columns;
  const auto& directions = d.directions;
  const detail::ColumnStats& stats = d.stats;

  // r_ij is affine in x (none, minmax) or, for max-normalised cost columns, min_j / x_ij.
  Eigen::ArrayXd scale = Eigen::ArrayXd::Zero(n);
  Eigen::ArrayXd offset = Eigen::ArrayXd::Zero(n);
  Eigen::ArrayXd inverse = Eigen::ArrayXd::Zero(n);  // coefficient of 1/x (max-normalised cost columns)
  for (Eigen::Index j = 0; j < n; ++j) {
    const bool benefit = directions[static_cast<std::size_t>(j)] == Direction::benefit;
    const double w = weights[j];
    const double lo = stats.min[j];
    const double hi = stats.max[j];
    switch (options.normalization) {
      case SumNormalization::none:
        scale[j] = benefit ? w : -w;
        break;
      case SumNormalization::minmax:
        if (hi > lo) {  // a constant column contributes 0
          scale[j] = (benefit ? w : -w) / (hi - lo);
          offset[j] = benefit ? -lo * scale[j] : w * hi / (hi - lo);
        }
        break;
      case SumNormalization::max:
        if (benefit) {
          if (lo < 0) throw AnalyticsError("X[:, " + std::to_string(j) + "]", "has negative values; normalization max needs x ≥ 0");
          if (hi > 0) scale[j] = w / hi;  // a column of zeros contributes 0
        } else {
          if (lo <= 0)
            throw AnalyticsError("X[:, " + std::to_string(j) + "]", "is a cost column with values ≤ 0; normalization max needs x > 0 (min / x)");
          inverse[j] = w * lo;
        }
        break;
    }
  }
  WeightedSumResult r;
  r.score.resize(m);
  const bool any_inverse = (inverse != 0).any();
  detail::for_rows(X, [&](Eigen::Index i) {
    double s = 0;
    for (Eigen::Index j = 0; j < n; ++j) {
      const double x = X(i, j);
      s += x * scale[j] + offset[j];
      if (any_inverse && inverse[j] != 0) s += inverse[j] / x;
    }
    r.score[i] = s;
  });
  r.rank = rank_scores(r.score, true, options.ties);
  return r;
}

}  // namespace

WeightedSumResult weighted_sum(const ColRef& X, const Eigen::VectorXd& weights, const WeightedSumOptions& options) {
  return weighted_sum_impl(X, weights, options);
}
WeightedSumResult weighted_sum(const RowMap& X, const Eigen::VectorXd& weights, const WeightedSumOptions& options) {
  return weighted_sum_impl(X, weights, options);
}

}  // namespace libbranch::rank
