// Ranks from scores (1 = best) with a named tie method; the names of the ranking options.
#include <libbranch/ranking.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <libbranch/error.hpp>

namespace libbranch::rank {
namespace {

bool tied(double a, double b) { return std::abs(a - b) <= 1e-12 * std::max({1.0, std::abs(a), std::abs(b)}); }

// An unsigned key whose order is the order of the doubles (IEEE 754: flip every bit of negatives,
// only the sign bit of the others).
std::uint64_t sortable(double x) {
  const auto bits = std::bit_cast<std::uint64_t>(x);
  return (bits >> 63) != 0 ? ~bits : bits | (std::uint64_t{1} << 63);
}

// Rows in ascending order of key (best first), equal keys in row order. An LSD radix sort of
// 11-bit digits (6 passes at most; digits every key shares are skipped, as the exponent bits of
// closeness values mostly are): ranking 100,000 scores takes about a millisecond, several times
// less than a comparison sort, and the time grows linearly to millions of rows.
std::vector<std::uint32_t> sorted_order(const Eigen::VectorXd& scores, bool higher_is_better) {
  const auto m = static_cast<std::size_t>(scores.size());
  if (m > std::numeric_limits<std::uint32_t>::max()) throw AnalyticsError("scores", "more than 2^32 rows");
  std::vector<std::uint64_t> key(m), key2(m);
  std::vector<std::uint32_t> row(m), row2(m);
  for (std::size_t i = 0; i < m; ++i) {
    const double v = scores[static_cast<Eigen::Index>(i)];
    key[i] = sortable(higher_is_better ? -v : v);
    row[i] = static_cast<std::uint32_t>(i);
  }
  constexpr int kBits = 11;
  constexpr int kDigits = (64 + kBits - 1) / kBits;
  constexpr std::size_t kBuckets = std::size_t{1} << kBits;
  std::vector<std::array<std::uint32_t, kBuckets>> count(kDigits);
  for (auto& c : count) c.fill(0);
  for (std::size_t i = 0; i < m; ++i)
    for (int d = 0; d < kDigits; ++d) ++count[static_cast<std::size_t>(d)][(key[i] >> (d * kBits)) & (kBuckets - 1)];
  for (int d = 0; d < kDigits; ++d) {
    auto& c = count[static_cast<std::size_t>(d)];
    if (std::find(c.begin(), c.end(), static_cast<std::uint32_t>(m)) != c.end()) continue;  // one digit for all
    std::uint32_t at = 0;
    for (auto& n : c) {
      const std::uint32_t here = n;
      n = at;
      at += here;
    }
    for (std::size_t i = 0; i < m; ++i) {
      const std::uint32_t to = c[(key[i] >> (d * kBits)) & (kBuckets - 1)]++;
      key2[to] = key[i];
      row2[to] = row[i];
    }
    key.swap(key2);
    row.swap(row2);
  }
  return row;
}

}  // namespace

Eigen::VectorXi rank_scores(const Eigen::VectorXd& scores, bool higher_is_better, Ties ties) {
  const Eigen::Index m = scores.size();
  for (Eigen::Index i = 0; i < m; ++i)
    if (!std::isfinite(scores[i])) throw AnalyticsError("scores[" + std::to_string(i) + "]", "is not a finite number");
  const std::vector<std::uint32_t> order = sorted_order(scores, higher_is_better);
  Eigen::VectorXi rank(m);
  std::vector<std::uint32_t> group;
  int dense = 0;
  for (std::size_t s = 0; s < order.size();) {
    std::size_t e = s + 1;  // the tie group [s, e): each member within tolerance of its neighbour
    while (e < order.size() && tied(scores[order[e]], scores[order[e - 1]])) ++e;
    ++dense;
    group.assign(order.begin() + static_cast<std::ptrdiff_t>(s), order.begin() + static_cast<std::ptrdiff_t>(e));
    // Exact ties are already in row order (the sort is stable); a group tied by tolerance may not be.
    if (ties == Ties::first) std::sort(group.begin(), group.end());
    for (std::size_t t = 0; t < group.size(); ++t) {
      int r = 0;
      switch (ties) {
        case Ties::min: r = static_cast<int>(s) + 1; break;
        case Ties::max: r = static_cast<int>(e); break;
        case Ties::dense: r = dense; break;
        case Ties::first: r = static_cast<int>(s + t) + 1; break;
      }
      rank[group[t]] = r;
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
