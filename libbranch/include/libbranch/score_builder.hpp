#pragma once
// Scoring in two phases, for data that arrives in parts (SPEC §5): the metric columns of each part's
// branches, then the peer statistics, points, totals and ratings over all branches at once.
#include <cstddef>
#include <memory>

#include <libbranch/dataset.hpp>
#include <libbranch/model/date.hpp>
#include <libbranch/registry.hpp>
#include <libbranch/rubric.hpp>
#include <libbranch/scorecard.hpp>

namespace libbranch {

struct ScoreOptions;

/// Builds one Scorecard from a dataset given as consecutive parts (ranges of branches, in branch
/// order, a branch never split). add() computes the part's metric columns, which depend on the
/// part's own branches only (phase 1); finish() computes every rule over the metric columns of all
/// branches, so the peer groups of relative rules span parts (phase 2). score() is this with a
/// single part, so scoring in parts gives the same numbers, bit for bit, as scoring the whole.
///
/// What stays in memory between parts is the metric columns and the branches' ids, names and peer
/// keys (about 8 bytes per branch and metric column plus the strings), never a part's records.
class ScoreBuilder {
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
  /// Branches added so far.
  [[nodiscard]] std::size_t branch_count() const noexcept;
  /// Phase 2. Throws libbranch::Error unless exactly `total_branches` branches were added. The
  /// builder is empty afterwards.
  [[nodiscard]] Scorecard finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace libbranch
