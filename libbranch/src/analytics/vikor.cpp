// VIKOR (Opricovic & Tzeng 2004): group utility S, individual regret R, compromise index Q.
#include <libbranch/ranking.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "checks.hpp"
#include "column_pass.hpp"

namespace libbranch::rank {
namespace {

template <class M>
VikorResult vikor_impl(const M& X, const Eigen::VectorXd& weights, const VikorOptions& options) {
  const detail::DecisionMatrix d = detail::decision_matrix(X, weights, options.directions);
  if (!(options.v >= 0 && options.v <= 1)) throw AnalyticsError("v", "must be in [0, 1]");
  const Eigen::Index m = d.rows;
  const Eigen::Index n = d.columns;
  const auto& directions = d.directions;
  const detail::ColumnStats& stats = d.stats;

  // term_ij = w_j (f*_j − x_ij)/(f*_j − f⁻_j) = x_ij · scale_j + offset_j.
  Eigen::ArrayXd scale = Eigen::ArrayXd::Zero(n);
  Eigen::ArrayXd offset = Eigen::ArrayXd::Zero(n);
  for (Eigen::Index j = 0; j < n; ++j) {
    const bool benefit = directions[static_cast<std::size_t>(j)] == Direction::benefit;
    const double best = benefit ? stats.max[j] : stats.min[j];
    const double worst = benefit ? stats.min[j] : stats.max[j];
    if (best == worst) continue;  // a constant criterion: every term 0
    scale[j] = -weights[j] / (best - worst);
    offset[j] = weights[j] * best / (best - worst);
  }
  VikorResult r;
  r.S.resize(m);
  r.R.resize(m);
  detail::for_rows(X, [&](Eigen::Index i) {
    double s = 0;
    double big = 0;  // terms are ≥ 0
    for (Eigen::Index j = 0; j < n; ++j) {
      const double t = X(i, j) * scale[j] + offset[j];
      s += t;
      big = std::max(big, t);
    }
    r.S[i] = s;
    r.R[i] = big;
  });
  const double s_best = r.S.minCoeff();
  const double s_worst = r.S.maxCoeff();
  const double r_best = r.R.minCoeff();
  const double r_worst = r.R.maxCoeff();
  // A part whose range is 0 (all alternatives equal on it) contributes 0 instead of 0/0.
  const double s_range = s_worst - s_best;
  const double r_range = r_worst - r_best;
  r.Q = Eigen::VectorXd::Zero(m);
  if (s_range > 0) r.Q.array() += options.v * (r.S.array() - s_best) / s_range;
  if (r_range > 0) r.Q.array() += (1 - options.v) * (r.R.array() - r_best) / r_range;
  r.rank = rank_scores(r.Q, false, options.ties);

  // Step 5: the compromise solution.
  std::vector<Eigen::Index> by_q(static_cast<std::size_t>(m));
  std::iota(by_q.begin(), by_q.end(), Eigen::Index{0});
  std::stable_sort(by_q.begin(), by_q.end(), [&](Eigen::Index a, Eigen::Index b) { return r.Q[a] < r.Q[b]; });
  const Eigen::Index first = by_q[0];
  if (m == 1) {
    r.compromise = {first};
    return r;
  }
  const double dq = 1.0 / static_cast<double>(m - 1);
  const Eigen::Index second = by_q[1];
  // Q values are differences of normalised quantities: compare with a tolerance so that
  // rounding does not decide C1 for an advantage of exactly DQ.
  const double eps = 1e-12;
  r.acceptable_advantage = r.Q[second] - r.Q[first] >= dq - eps;
  const Eigen::VectorXi s_rank = rank_scores(r.S, false, Ties::min);
  const Eigen::VectorXi r_rank = rank_scores(r.R, false, Ties::min);
  r.acceptable_stability = s_rank[first] == 1 || r_rank[first] == 1;
  if (r.acceptable_advantage && r.acceptable_stability) {
    r.compromise = {first};
  } else if (r.acceptable_advantage) {
    r.compromise = {first, second};
  } else {
    for (Eigen::Index a : by_q) {
      if (r.Q[a] - r.Q[first] < dq - eps) r.compromise.push_back(a);
      else break;
    }
  }
  return r;
}

}  // namespace

VikorResult vikor(const ColRef& X, const Eigen::VectorXd& weights, const VikorOptions& options) {
  return vikor_impl(X, weights, options);
}
VikorResult vikor(const RowMap& X, const Eigen::VectorXd& weights, const VikorOptions& options) {
  return vikor_impl(X, weights, options);
}

}  // namespace libbranch::rank
