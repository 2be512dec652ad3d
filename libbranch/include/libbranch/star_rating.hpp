#pragma once
// Star ratings with quotas (评星定级): levels such as 五星 10%, 四星 30%, 三星 40% of each peer group,
// the rest below; a minimum total per level; direct ratings (直接评定) that bypass the quotas; and
// 升星 / 降星 against a previous period. Conventions (docs/analytics.md):
//
// - Quotas are shares of the peer group, best level first, and cumulative: level k may hold at
//   most floor((q_1 + … + q_k) · n) branches together with the better levels (n = the group's
//   branches that compete, i.e. not directly rated). Unused places of a level pass to the next.
// - Branches compete in order of total, highest first; a branch reaches level k only with total ≥
//   the level's `min_total` (− 1e-9); a NaN total never earns a star.
// - Ties at a quota boundary (branches with equal totals, within 1e-9, straddling the last place):
//   `within_quota` (the default) moves the whole tied group down to the next level, so no quota is
//   ever exceeded; `over_quota` takes the whole tied group into the level, exceeding the quota.
// - A direct rating sets the level of the branches it applies to (the first matching override
//   wins); they are rated outside the quotas and do not take places from the others.
// Errors are AnalyticsError (error.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include <libbranch/export.hpp>

namespace libbranch::stars {

struct Level {
  std::string label;                ///< e.g. 五星
  double quota = 0;                 ///< share of the peer group, in [0, 1]; the quotas sum to ≤ 1
  std::optional<double> min_total;  ///< a branch needs at least this total for this level
};

enum class QuotaTies {
  within_quota,  ///< a tied group at the boundary goes down a level (quotas are never exceeded)
  over_quota,    ///< a tied group at the boundary goes up (the quota is exceeded by the ties)
};

struct Scheme {
  std::vector<Level> levels;  ///< best first
  std::string rest;           ///< the label below every level, e.g. 未定星
  QuotaTies ties = QuotaTies::within_quota;
};

/// A direct rating: `applies[b]` for the branches it rates, at level index `level` (0 = best;
/// levels.size() = the rest).
struct Override {
  std::vector<bool> applies;
  std::size_t level = 0;
};

struct Result {
  std::vector<std::size_t> level;  ///< per branch: index into levels, levels.size() = the rest
  std::vector<bool> direct;        ///< rated by an override
};

/// Stars for every branch. `groups[b]` is the peer-group key of branch b (any integers; empty =
/// one group of all branches).
[[nodiscard]] LIBBRANCH_API Result assign(const Eigen::VectorXd& totals, const std::vector<std::int64_t>& groups,
                                          const Scheme& scheme,
                                          const std::vector<Override>& overrides = {});

/// 升星 / 降星: previous level − current level per branch (+1 = one star up, −2 = two down, 0 =
/// unchanged); nullopt where the branch had no previous rating. Levels as in Result (larger = worse).
[[nodiscard]] LIBBRANCH_API std::vector<std::optional<int>> changes(const std::vector<std::optional<std::size_t>>& previous,
                                                                    const std::vector<std::size_t>& current);

}  // namespace libbranch::stars
