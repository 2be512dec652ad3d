#pragma once
// Period comparison (两期对比): two scorecards of one rubric, branch by branch — deltas of totals,
// standards and indicators, rating changes, and the indicators that explain most of each change.
// Conventions (docs/analytics.md): branches are matched by id, in `before`'s order then the new
// ones in `after`'s order; every delta is after − before; a rating change counts places in the
// rubric's rating list, + = better; drivers are the indicators with the largest |Δ points| (ties
// in rubric order), their share Δ points / Δ total.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include <libbranch/export.hpp>
#include <libbranch/scorecard.hpp>

namespace libbranch {

enum class Presence : std::uint8_t {
  both,    ///< scored in both periods
  added,   ///< only in `after` (a new branch)
  removed  ///< only in `before`
};
[[nodiscard]] LIBBRANCH_API const char* to_string(Presence p) noexcept;  // "both", "new", "gone"

/// One indicator's part in a branch's change.
struct IndicatorChange {
  std::size_t indicator = 0;  ///< index into PeriodComparison::indicator_ids
  double before = 0;
  double after = 0;
  double delta = 0;
  double share = 0;  ///< delta / Δ total; NaN when the total did not change
};

struct LIBBRANCH_API PeriodComparison {
  Period before_period;
  Period after_period;
  std::vector<std::string> standard_ids;
  std::vector<std::string> indicator_ids;       ///< as scored: standards' indicators, then bonuses
  std::vector<std::string> indicator_standard;  ///< empty for a bonus
  std::vector<std::string> rating_labels;       ///< best first

  std::vector<std::string> branch_ids;
  std::vector<std::string> branch_names;
  std::vector<Presence> presence;
  Eigen::VectorXd total_before, total_after;    ///< NaN where the branch was not scored
  std::vector<std::optional<std::size_t>> rating_before, rating_after;  ///< index into rating_labels
  std::vector<std::optional<int>> rating_change;  ///< rating_before − rating_after (+1: one place better)
  Eigen::MatrixXd standard_delta;   ///< B × S, after − before (NaN rows unless both)
  Eigen::MatrixXd points_before;    ///< B × I (NaN where not scored)
  Eigen::MatrixXd points_after;     ///< B × I

  [[nodiscard]] std::size_t branch_count() const noexcept { return branch_ids.size(); }
  /// The `top` indicators of branch b with the largest |Δ points| (non-zero ones only; none
  /// unless the branch is in both periods).
  [[nodiscard]] std::vector<IndicatorChange> drivers(std::size_t b, std::size_t top) const;
};

/// Compares two scorecards of one rubric. Throws AnalyticsError (argument "after") when their
/// standards, indicators or rating labels differ.
[[nodiscard]] LIBBRANCH_API PeriodComparison compare(const Scorecard& before, const Scorecard& after);

}  // namespace libbranch
