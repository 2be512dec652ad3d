// Ranks from scores (1 = best) with a named tie method; the names of the ranking options.
#include <libbranch/ranking.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include <oneapi/tbb/parallel_sort.h>

#include <libbranch/error.hpp>

namespace libbranch::rank {
namespace {

bool tied(double a, double b) { return std::abs(a - b) <= 1e-12 * std::max({1.0, std::abs(a), std::abs(b)}); }

}  // namespace

Eigen::VectorXi rank_scores(const Eigen::VectorXd& scores, bool higher_is_better, Ties ties) {
  const Eigen::Index m = scores.size();
  for (Eigen::Index i = 0; i < m; ++i)
    if (!std::isfinite(scores[i])) throw AnalyticsError("scores[" + std::to_string(i) + "]", "is not a finite number");
  // (key, row) pairs sorted ascending: contiguous, and the row breaks exact ties, so the order
  // is the same on every run and thread count.
  std::vector<std::pair<double, int>> order(static_cast<std::size_t>(m));
  for (Eigen::Index i = 0; i < m; ++i)
    order[static_cast<std::size_t>(i)] = {higher_is_better ? -scores[i] : scores[i], static_cast<int>(i)};
  oneapi::tbb::parallel_sort(order.begin(), order.end());
  Eigen::VectorXi rank(m);
  int dense = 0;
  for (std::size_t s = 0; s < order.size();) {
    std::size_t e = s + 1;  // the tie group [s, e): each member within tolerance of its neighbour
    while (e < order.size() && tied(order[e].first, order[e - 1].first)) ++e;
    ++dense;
    if (ties == Ties::first) {
      // Within a group tied by tolerance (not bit-equal), rows in their own order.
      std::sort(order.begin() + static_cast<std::ptrdiff_t>(s), order.begin() + static_cast<std::ptrdiff_t>(e),
                [](const auto& a, const auto& b) { return a.second < b.second; });
    }
    for (std::size_t t = s; t < e; ++t) {
      int r = 0;
      switch (ties) {
        case Ties::min: r = static_cast<int>(s) + 1; break;
        case Ties::max: r = static_cast<int>(e); break;
        case Ties::dense: r = dense; break;
        case Ties::first: r = static_cast<int>(t) + 1; break;
      }
      rank[order[t].second] = r;
    }
    s = e;
  }
  return rank;
}

Ties ties_from_string(std::string_view name) {
  if (name == "min") return Ties::min;
  if (name == "max") return Ties::max;
  if (name == "dense") return Ties::dense;
  if (name == "first") return Ties::first;
  throw AnalyticsError("ties", "unknown tie method '" + std::string(name) + "' (expected min, max, dense or first)");
}

Normalization normalization_from_string(std::string_view name) {
  if (name == "vector") return Normalization::vector;
  if (name == "minmax") return Normalization::minmax;
  throw AnalyticsError("normalization", "unknown normalization '" + std::string(name) + "' (expected vector or minmax)");
}

SumNormalization sum_normalization_from_string(std::string_view name) {
  if (name == "none") return SumNormalization::none;
  if (name == "minmax") return SumNormalization::minmax;
  if (name == "max") return SumNormalization::max;
  throw AnalyticsError("normalization", "unknown normalization '" + std::string(name) + "' (expected none, minmax or max)");
}

Direction direction_from_string(std::string_view name) {
  if (name == "benefit" || name == "max") return Direction::benefit;
  if (name == "cost" || name == "min") return Direction::cost;
  throw AnalyticsError("directions", "unknown direction '" + std::string(name) + "' (expected benefit or cost)");
}

}  // namespace libbranch::rank
