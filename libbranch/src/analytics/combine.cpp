// 组合赋权: the linear combination of subjective (AHP) and objective (entropy, CRITIC) weights.
#include <libbranch/weights.hpp>

#include <algorithm>
#include <cmath>

#include "checks.hpp"

namespace libbranch::weights {
namespace {

void require_weight_vector(const Eigen::VectorXd& w, const char* name) {
  for (Eigen::Index j = 0; j < w.size(); ++j)
    if (!std::isfinite(w[j]) || w[j] < 0) throw AnalyticsError(detail::element(name, j), "must be a finite number ≥ 0");
  if (std::abs(w.sum() - 1) > 1e-9 * static_cast<double>(std::max<Eigen::Index>(w.size(), 1)))
    throw AnalyticsError(name, "must sum to 1 (sums to " + detail::number(w.sum()) + ")");
}

}  // namespace

Eigen::VectorXd combine(const Eigen::VectorXd& subjective, const Eigen::VectorXd& objective, double alpha) {
  if (subjective.size() != objective.size())
    throw AnalyticsError("objective", "has " + std::to_string(objective.size()) + " weights, subjective has " +
                                          std::to_string(subjective.size()));
  if (!(alpha >= 0 && alpha <= 1)) throw AnalyticsError("alpha", "must be in [0, 1]");
  require_weight_vector(subjective, "subjective");
  require_weight_vector(objective, "objective");
  return alpha * subjective + (1 - alpha) * objective;
}

}  // namespace libbranch::weights
