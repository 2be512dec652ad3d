#pragma once
// The result of scoring: every number, and what it came from, for every branch.
#include <cstdint>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include <Eigen/Core>

#include <libbranch/export.hpp>
#include <libbranch/model/date.hpp>

namespace libbranch {

/// Flags of one indicator for one branch (docs/reference/rubrics.md §8).
enum IndicatorFlag : std::uint8_t { kFlagMissing = 1, kFlagExcluded = 2, kFlagBonus = 4 };

/// One metric column: a metric id and the parameters it was computed with.
struct MetricColumn {
  std::string metric;
  std::string params_key;  ///< canonical parameters, e.g. `agg="sum"`; empty for none
  friend bool operator==(const MetricColumn&, const MetricColumn&) = default;
};

/// One indicator line of the rubric as scored.
struct ScoredIndicator {
  std::string id;
  std::string standard;  ///< empty for a bonus
  std::string metric;
  std::string rule;      ///< the rule type, e.g. `target`
  double max_points = 0;
  std::size_t metric_column = 0;  ///< column of Scorecard::metric_values it reads
  bool bonus = false;
};

struct ScoredStandard {
  std::string id;
  std::string name;
  double max_points = 0;
};

/// Scores of every branch (rows, in dataset order) for one rubric and period. Matrices are
/// column-major, one column per metric / indicator / standard.
struct LIBBRANCH_API Scorecard {
  std::string rubric_name;
  Period period;
  std::vector<std::string> branch_ids;
  std::vector<std::string> branch_names;

  std::vector<MetricColumn> metrics;
  Eigen::MatrixXd metric_values;  ///< B × M raw metric values (NaN = no value)

  std::vector<ScoredIndicator> indicators;  ///< standards' indicators in rubric order, then bonuses
  Eigen::MatrixXd points;                   ///< B × I
  Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic> flags;  ///< B × I, IndicatorFlag bits

  std::vector<ScoredStandard> standards;
  Eigen::MatrixXd standard_scores;  ///< B × S
  Eigen::VectorXd totals;           ///< standards then bonuses, one running sum
  Eigen::VectorXd bonus;            ///< bonus points alone

  std::vector<std::string> rating_labels;  ///< the rubric's ratings, best first
  std::vector<std::uint16_t> ratings;      ///< per branch, index into rating_labels
  std::vector<std::string> veto_metrics;   ///< metric id of each rubric veto, in rubric order
  /// Fired vetoes per branch as CSR: branch b fired veto_metrics[fired_vetoes[k]] for k in
  /// [veto_offsets[b], veto_offsets[b + 1]).
  std::vector<std::uint32_t> veto_offsets;
  std::vector<std::uint32_t> fired_vetoes;

  /// Star ratings (the rubric's `stars`): the labels best first, the rest label last; empty when
  /// the rubric has none.
  std::vector<std::string> star_labels;
  std::vector<std::uint16_t> stars;  ///< per branch, index into star_labels; empty without stars
  std::vector<std::uint8_t> star_direct;  ///< per branch, 1 = rated by a direct rating; empty without stars

  [[nodiscard]] bool has_stars() const noexcept { return !star_labels.empty(); }
  /// The star label of branch b (only when has_stars()).
  [[nodiscard]] const std::string& star(std::size_t b) const { return star_labels[stars[b]]; }
  [[nodiscard]] std::size_t branch_count() const noexcept { return branch_ids.size(); }
  [[nodiscard]] const std::string& rating(std::size_t b) const { return rating_labels[ratings[b]]; }
  /// The value the indicator saw for branch b.
  [[nodiscard]] double indicator_value(std::size_t b, std::size_t i) const {
    return metric_values(static_cast<Eigen::Index>(b), static_cast<Eigen::Index>(indicators[i].metric_column));
  }
  /// Row of `branch_id`, if present.
  [[nodiscard]] std::optional<std::size_t> find_branch(std::string_view branch_id) const;
};

/// The scorecard of branches [begin, end) of `card` (same rubric, period, columns and labels), e.g.
/// to pair one part of a partitioned dataset with the rows scored for it. Throws libbranch::Error
/// for a range outside the card.
[[nodiscard]] LIBBRANCH_API Scorecard scorecard_rows(const Scorecard& card, std::size_t begin, std::size_t end);

}  // namespace libbranch
