// Star ratings with quotas per peer group (评星定级); conventions in star_rating.hpp.
#include <libbranch/star_rating.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include <libbranch/error.hpp>

#include "checks.hpp"

namespace libbranch::stars {
namespace {

// Equal totals for the quota boundary: the tolerance of the rating thresholds
// (docs/reference/rubrics.md §6).
bool tied(double a, double b) { return std::abs(a - b) <= 1e-9; }

void check(const Eigen::VectorXd& totals, const std::vector<std::int64_t>& groups, const Scheme& scheme,
           const std::vector<Override>& overrides) {
  const auto m = static_cast<std::size_t>(totals.size());
  if (!groups.empty() && groups.size() != m)
    throw AnalyticsError("groups", "has " + std::to_string(groups.size()) + " entries for " + std::to_string(m) + " branches");
  if (scheme.levels.empty()) throw AnalyticsError("levels", "a star scheme needs at least one level");
  double sum = 0;
  for (std::size_t k = 0; k < scheme.levels.size(); ++k) {
    const Level& l = scheme.levels[k];
    const std::string at = detail::element("levels", static_cast<Eigen::Index>(k));
    if (!(l.quota >= 0 && l.quota <= 1)) throw AnalyticsError(at + ".quota", "must be a share in [0, 1]");
    if (l.min_total && !std::isfinite(*l.min_total)) throw AnalyticsError(at + ".min_total", "must be a finite number");
    sum += l.quota;
  }
  if (sum > 1 + 1e-12) throw AnalyticsError("levels", "the quotas sum to " + detail::number(sum) + ", more than 1");
  for (std::size_t o = 0; o < overrides.size(); ++o) {
    const std::string at = detail::element("overrides", static_cast<Eigen::Index>(o));
    if (overrides[o].applies.size() != m)
      throw AnalyticsError(at, "applies to " + std::to_string(overrides[o].applies.size()) + " branches, not " + std::to_string(m));
    if (overrides[o].level > scheme.levels.size()) throw AnalyticsError(at + ".level", "is not a level of the scheme");
  }
}

// One peer group: `members` (rows) not directly rated.
void rate_group(std::vector<std::size_t> members, const Eigen::VectorXd& totals, const Scheme& scheme,
                std::vector<std::size_t>& level) {
  // Highest total first, NaN last, rows in order among equals.
  std::stable_sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
    const double x = totals[static_cast<Eigen::Index>(a)];
    const double y = totals[static_cast<Eigen::Index>(b)];
    if (std::isnan(y)) return !std::isnan(x);
    return !std::isnan(x) && x > y;
  });
  const std::size_t n = members.size();
  std::vector<bool> taken(n, false);
  std::size_t assigned = 0;
  double cumulative = 0;
  for (std::size_t k = 0; k < scheme.levels.size(); ++k) {
    const Level& l = scheme.levels[k];
    cumulative += l.quota;
    // 1e-9: a quota of 0.1 of 30 branches is 3 places, not 2.9999999999999996.
    const auto cap = static_cast<std::size_t>(std::floor(cumulative * static_cast<double>(n) + 1e-9));
    const std::size_t places = cap > assigned ? cap - assigned : 0;
    std::vector<std::size_t> candidates;  // positions in `members`, best first
    for (std::size_t p = 0; p < n; ++p) {
      const double t = totals[static_cast<Eigen::Index>(members[p])];
      if (!taken[p] && !std::isnan(t) && (!l.min_total || t >= *l.min_total - 1e-9)) candidates.push_back(p);
    }
    std::size_t take = std::min(places, candidates.size());
    if (take > 0 && take < candidates.size()) {
      auto total_at = [&](std::size_t c) { return totals[static_cast<Eigen::Index>(members[candidates[c]])]; };
      if (tied(total_at(take - 1), total_at(take))) {
        if (scheme.ties == QuotaTies::within_quota) {
          while (take > 0 && tied(total_at(take - 1), total_at(take))) --take;
        } else {
          while (take < candidates.size() && tied(total_at(take - 1), total_at(take))) ++take;
        }
      }
    }
    for (std::size_t c = 0; c < take; ++c) {
      taken[candidates[c]] = true;
      level[members[candidates[c]]] = k;
    }
    assigned += take;
  }
}

}  // namespace

Result assign(const Eigen::VectorXd& totals, const std::vector<std::int64_t>& groups, const Scheme& scheme,
              const std::vector<Override>& overrides) {
  check(totals, groups, scheme, overrides);
  const auto m = static_cast<std::size_t>(totals.size());
  Result r;
  r.level.assign(m, scheme.levels.size());
  r.direct.assign(m, false);
  std::map<std::int64_t, std::vector<std::size_t>> members;
  for (std::size_t b = 0; b < m; ++b) {
    for (const Override& o : overrides) {
      if (!o.applies[b]) continue;
      r.level[b] = o.level;
      r.direct[b] = true;
      break;
    }
    if (!r.direct[b]) members[groups.empty() ? 0 : groups[b]].push_back(b);
  }
  for (auto& [key, rows] : members) rate_group(std::move(rows), totals, scheme, r.level);
  return r;
}

std::vector<std::optional<int>> changes(const std::vector<std::optional<std::size_t>>& previous,
                                        const std::vector<std::size_t>& current) {
  if (previous.size() != current.size())
    throw AnalyticsError("previous", "has " + std::to_string(previous.size()) + " entries for " +
                                         std::to_string(current.size()) + " branches");
  std::vector<std::optional<int>> out(current.size());
  for (std::size_t b = 0; b < current.size(); ++b)
    if (previous[b]) out[b] = static_cast<int>(*previous[b]) - static_cast<int>(current[b]);
  return out;
}

}  // namespace libbranch::stars
