// CRITIC weights (Diakoulaki, Mavrotas & Papayannakis 1995): contrast (σ) times conflict (Σ 1 − r).
#include <libbranch/weights.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "checks.hpp"

namespace libbranch::weights {
namespace {

// Ranks 1…m with ties given their average rank (the usual Spearman convention).
Eigen::VectorXd average_ranks(const Eigen::VectorXd& x) {
  const Eigen::Index m = x.size();
  std::vector<Eigen::Index> order(static_cast<std::size_t>(m));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return x[a] < x[b]; });
  Eigen::VectorXd ranks(m);
  for (Eigen::Index s = 0; s < m;) {
    Eigen::Index e = s;
    while (e + 1 < m && x[order[static_cast<std::size_t>(e + 1)]] == x[order[static_cast<std::size_t>(s)]]) ++e;
    const double average = (static_cast<double>(s) + static_cast<double>(e)) / 2 + 1;
    for (Eigen::Index t = s; t <= e; ++t) ranks[order[static_cast<std::size_t>(t)]] = average;
    s = e + 1;
  }
  return ranks;
}

}  // namespace

CriticResult critic(const Eigen::MatrixXd& X, const CriticOptions& options) {
  const Eigen::Index m = X.rows();
  const Eigen::Index n = X.cols();
  if (m < 2) throw AnalyticsError("X", "needs at least 2 rows (alternatives) for a standard deviation");
  if (n < 1) throw AnalyticsError("X", "has no columns");
  detail::require_finite(X, "X");
  const auto directions = detail::directions_for(options.directions, n);

  Eigen::MatrixXd r(m, n);  // min-max normalised, cost columns turned round
  std::vector<bool> constant(static_cast<std::size_t>(n));
  for (Eigen::Index j = 0; j < n; ++j) {
    const double lo = X.col(j).minCoeff();
    const double hi = X.col(j).maxCoeff();
    constant[static_cast<std::size_t>(j)] = hi == lo;
    if (hi == lo) {
      r.col(j).setZero();
    } else if (directions[static_cast<std::size_t>(j)] == Direction::benefit) {
      r.col(j) = (X.col(j).array() - lo) / (hi - lo);
    } else {
      r.col(j) = (hi - X.col(j).array()) / (hi - lo);
    }
  }

  CriticResult out;
  Eigen::MatrixXd centred = r.rowwise() - r.colwise().mean();
  out.stddev = (centred.colwise().squaredNorm() / static_cast<double>(m - 1)).cwiseSqrt().transpose();

  Eigen::MatrixXd basis = r;  // what the correlation is taken of
  if (options.correlation == Correlation::spearman)
    for (Eigen::Index j = 0; j < n; ++j) basis.col(j) = average_ranks(r.col(j));
  Eigen::MatrixXd c = basis.rowwise() - basis.colwise().mean();
  const Eigen::VectorXd norms = c.colwise().norm().transpose();
  out.correlation = Eigen::MatrixXd::Zero(n, n);
  for (Eigen::Index j = 0; j < n; ++j) {
    out.correlation(j, j) = 1;
    for (Eigen::Index k = j + 1; k < n; ++k) {
      // Against a constant column the correlation is undefined (0/0); it is taken as 0: a column
      // with no contrast neither duplicates nor conflicts with another.
      const bool defined = !constant[static_cast<std::size_t>(j)] && !constant[static_cast<std::size_t>(k)];
      const double rho = defined ? std::clamp(c.col(j).dot(c.col(k)) / (norms[j] * norms[k]), -1.0, 1.0) : 0.0;
      out.correlation(j, k) = rho;
      out.correlation(k, j) = rho;
    }
  }
  out.information = out.stddev.array() * (1 - out.correlation.array()).colwise().sum().transpose();
  for (Eigen::Index j = 0; j < n; ++j)
    if (constant[static_cast<std::size_t>(j)]) out.information[j] = 0;
  const double total = out.information.sum();
  if (total <= 0) throw AnalyticsError("X", "no column carries information (each is constant, or perfectly correlated with the others): CRITIC weights are undefined");
  out.weights = out.information / total;
  return out;
}

Correlation correlation_from_string(std::string_view name) {
  if (name == "pearson") return Correlation::pearson;
  if (name == "spearman") return Correlation::spearman;
  throw AnalyticsError("correlation", "unknown correlation '" + std::string(name) + "' (expected pearson or spearman)");
}

}  // namespace libbranch::weights
