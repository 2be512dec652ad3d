#pragma once
// Scoring in two phases, for data that arrives in parts (docs/reference/rubrics.md): the metric
// columns of each part's branches, then the peer statistics, points, totals and ratings over all
// branches at once.
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include <Eigen/Core>

#include <libbranch/dataset.hpp>
#include <libbranch/export.hpp>
#include <libbranch/model/date.hpp>
#include <libbranch/model/enums.hpp>
#include <libbranch/registry.hpp>
#include <libbranch/rubric.hpp>
#include <libbranch/scorecard.hpp>

namespace libbranch {

struct ScoreOptions;

/// Phase 1 of one part computed apart from the builder that adds it (on another thread or in
/// another process, e.g. a worker of a cluster): the part's metric columns, in the column order of
/// ScoreBuilder::metric_columns(), and what phase 2 needs of each of its branches.
struct PartMetrics {
  std::vector<MetricColumn> metrics;  ///< the columns of `values`, checked by add()
  std::vector<std::string> branch_ids;
  std::vector<std::string> branch_names;
  std::vector<std::string> parent_ids;  ///< empty when the branch has none
  std::vector<OrgType> org_types;
  Eigen::MatrixXd values;  ///< the part's branches × metric columns
};

/// Builds one Scorecard from a dataset given as consecutive parts (ranges of branches, in branch
/// order, a branch never split). add() computes the part's metric columns, which depend on the
/// part's own branches only (phase 1); finish() computes every rule over the metric columns of all
/// branches, so the peer groups of relative rules span parts (phase 2). score() is this with a
/// single part, so scoring in parts gives the same numbers, bit for bit, as scoring the whole.
///
/// What stays in memory between parts is the metric columns and the branches' ids, names and peer
/// keys (about 8 bytes per branch and metric column plus the strings), never a part's records.
class LIBBRANCH_API ScoreBuilder {
 public:
  /// Checks the rubric's metrics against the registry (throws UnknownMetricError / Error as
  /// score() does) and reserves room for `total_branches` branches. `registry` must outlive this.
  ScoreBuilder(const Rubric& rubric, const Period& period, const MetricRegistry& registry,
               std::size_t total_branches, const ScoreOptions& options);
  ScoreBuilder(ScoreBuilder&&) noexcept;
  ScoreBuilder& operator=(ScoreBuilder&&) noexcept;
  ~ScoreBuilder();

  /// Phase 1 for the next part. Throws libbranch::Error when the parts exceed `total_branches`.
  void add(const Dataset& part);
  /// Phase 1 of a part without adding it: what add(const PartMetrics&) takes, here or in a builder
  /// made from the same rubric, period and metrics elsewhere.
  [[nodiscard]] PartMetrics compute_part(const Dataset& part);
  /// Adds a part computed by compute_part(). Throws libbranch::Error when its metric columns are
  /// not this builder's, its parts do not fit together, or the parts exceed `total_branches`.
  void add(const PartMetrics& part);
  /// The metric columns, in the order of PartMetrics::values.
  [[nodiscard]] const std::vector<MetricColumn>& metric_columns();
  /// How many parts add() and compute_part() will be given, for the steps of ScoreOptions::progress
  /// (1 unless said).
  void expect_parts(std::size_t parts);
  /// Branches added so far.
  [[nodiscard]] std::size_t branch_count() const noexcept;
  /// Phase 2. Throws libbranch::Error unless exactly `total_branches` branches were added. The
  /// builder is empty afterwards.
  [[nodiscard]] Scorecard finish();

 private:
  struct State;
  State& state();
  std::unique_ptr<State> state_;
};

}  // namespace libbranch
