#pragma once
// Phase 2 of one part on its own — on the worker that computed its metric columns — with the
// numbers ScoreBuilder::finish gives that part's branches when it scores every part together.
//
// Why a part needs only a little of the others: a branch's points depend on its own metric values
// and, for the relative rules, on its peer group's best and worst values (relative_to_best,
// minmax) and on how many peers do better (rank, and only up to the last ranked place: beyond it
// every branch gets `otherwise`). So each part's *peer summary* — its branches that are the best,
// the worst or among the first ranks of a peer group of some relative indicator — is all another
// part needs of it. Scoring a part together with the other parts' summaries (restricted to the
// peer groups the part has) gives its branches exactly the numbers of the whole, bit for bit:
// extremes are values, not sums, and the summaries hold every peer that can change a rank.
#include <memory>
#include <span>
#include <string>

#include <libbranch/export.hpp>
#include <libbranch/registry.hpp>
#include <libbranch/rubric.hpp>
#include <libbranch/score_builder.hpp>
#include <libbranch/score_options.hpp>
#include <libbranch/scorecard.hpp>

namespace libbranch {

/// Peer summaries and per-part phase 2 for one rubric, period and registry (which must outlive it).
class LIBBRANCH_API PartScorer {
 public:
  /// Throws what ScoreBuilder's constructor throws, and libbranch::Error for a rubric with star
  /// ratings: their quotas need the totals of every branch of a peer group, so such a rubric is
  /// scored with every part gathered (ScoreBuilder::finish).
  PartScorer(const Rubric& rubric, const Period& period, const MetricRegistry& registry, const ScoreOptions& options = {});
  PartScorer(PartScorer&&) noexcept;
  PartScorer& operator=(PartScorer&&) noexcept;
  ~PartScorer();

  /// The metric columns of PartMetrics::values (ScoreBuilder::metric_columns()).
  [[nodiscard]] const std::vector<MetricColumn>& metric_columns() const;

  /// The branches of `part` that decide other parts' points (rows of `part`, in its order): for every
  /// relative indicator and peer group, the best and worst values and, for rank rules, the first
  /// `points_by_rank` places. Throws libbranch::Error for a part of other metric columns.
  [[nodiscard]] PartMetrics peer_summary(const PartMetrics& part) const;
  /// The same for the parent_id peer groups `shared_parent_ids` only (those that other parts have
  /// branches in, "" for the group of branches without a parent), and for every group of the other
  /// groupings (org_type, all branches). Branches of a parent that no other part has decide no
  /// other part's points, so a part split along parent boundaries has a summary of a few rows.
  [[nodiscard]] PartMetrics peer_summary(const PartMetrics& part, std::span<const std::string> shared_parent_ids) const;

  /// What `part` needs of the other parts: the rows of `others` (their peer summaries, or the
  /// parts themselves) that are the best, worst or first ranks among `others` in a peer group that
  /// `part` has. `others` must not contain `part`'s own branches.
  [[nodiscard]] PartMetrics peers_for(const PartMetrics& part, std::span<const PartMetrics* const> others) const;

  /// Phase 2 of `part` beside `peers` (peers_for of the other parts): the rows of `part`'s branches
  /// as the Scorecard of all parts has them.
  [[nodiscard]] Scorecard score(const PartMetrics& part, const PartMetrics& peers) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace libbranch
