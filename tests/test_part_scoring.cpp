// PartScorer: phase 2 of one part beside the other parts' peer summaries gives that part's rows
// of the scorecard of the whole, bit for bit, however the branches are split.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include <libbranch/dataset_parts.hpp>
#include <libbranch/engine.hpp>
#include <libbranch/error.hpp>
#include <libbranch/part_scoring.hpp>

#include "support/full_registry.hpp"
#include "support/relative_rubric.hpp"
#include "support/scorecard_compare.hpp"

namespace libbranch {
namespace {

using ::testing::HasSubstr;

const MetricRegistry& registry() {
  static const MetricRegistry r = testing::full_registry();
  return r;
}

const Dataset& synthetic() { return testing::synthetic_province(); }

// The parent_ids of `parts[k]` that another part has too.
std::vector<std::string> shared_parents(const std::vector<PartMetrics>& parts, std::size_t k) {
  std::set<std::string> elsewhere;
  for (std::size_t j = 0; j < parts.size(); ++j)
    if (j != k) elsewhere.insert(parts[j].parent_ids.begin(), parts[j].parent_ids.end());
  std::set<std::string> shared;
  for (const std::string& p : parts[k].parent_ids)
    if (elsewhere.contains(p)) shared.insert(p);
  return {shared.begin(), shared.end()};
}

// Scores `ds` split at `cuts` part by part (each part beside the other parts' summaries: whole
// ones, or of the parent groups shared with other parts) and compares every part's rows with the
// whole dataset's scorecard.
void expect_parts_score_as_the_whole(const Rubric& rubric, const std::vector<std::uint32_t>& cuts, bool shared_only) {
  const Dataset& ds = synthetic();
  const Period period = Period::calendar_year(2025);
  const Scorecard whole = score(ds, rubric, period, registry());
  const PartScorer scorer(rubric, period, registry());
  ScoreBuilder phase1(rubric, period, registry(), 0, {});
  std::vector<PartMetrics> parts, summaries;
  for (std::size_t k = 0; k + 1 < cuts.size(); ++k)
    parts.push_back(phase1.compute_part(slice_branches(ds, {cuts[k], cuts[k + 1]})));
  for (std::size_t k = 0; k < parts.size(); ++k) {
    summaries.push_back(shared_only ? scorer.peer_summary(parts[k], shared_parents(parts, k)) : scorer.peer_summary(parts[k]));
    EXPECT_LE(summaries.back().branch_ids.size(), parts[k].branch_ids.size());
  }
  for (std::size_t k = 0; k < parts.size(); ++k) {
    std::vector<const PartMetrics*> others;
    for (std::size_t j = 0; j < summaries.size(); ++j)
      if (j != k) others.push_back(&summaries[j]);
    const Scorecard rows = scorer.score(parts[k], scorer.peers_for(parts[k], others));
    SCOPED_TRACE("part " + std::to_string(k) + ": branches " + std::to_string(cuts[k]) + "–" + std::to_string(cuts[k + 1]));
    testing::expect_same(rows, scorecard_rows(whole, cuts[k], cuts[k + 1]));
  }
}

TEST(PartScorer, UnevenPartsScoreAsTheWhole) {
  const Rubric relative = testing::relative_rubric(/*stars=*/false);
  for (const Rubric& rubric : {Rubric::default_rubric(), relative}) {
    SCOPED_TRACE(rubric.name);
    for (const bool shared_only : {false, true}) {
      SCOPED_TRACE(shared_only ? "summaries of shared parent groups" : "whole summaries");
      expect_parts_score_as_the_whole(rubric, {0, 1, 38, 188, 400}, shared_only);
      expect_parts_score_as_the_whole(rubric, {0, 57, 114, 171, 228, 285, 342, 400}, shared_only);
      expect_parts_score_as_the_whole(rubric, {0, 400}, shared_only);
    }
  }
}

// By hand: one rank rule (5, 4 points for places 1 and 2, else 1) over all branches. Part A holds
// values 10 and 7, part B 9, 7, 3, 2 and 5. B's summary is its first two places (9, 7) and its
// worst (2): b1, b2, b4. Beside them A's 10 is 1st (5 points) and A's 7 has 10 and 9 above it:
// 3rd, 1 point — as in the whole (10, 9, 7, 7, 5, 3, 2).
TEST(PartScorer, ASummaryHoldsTheFirstPlacesAndTheExtremes) {
  const Rubric rubric = Rubric::parse(R"({"name": "one rank", "standards": [{"id": "s", "name": "S", "indicators": [
    {"id": "visits", "metric": "cohesion.home_visits", "points": 5, "rule": {"type": "rank", "points_by_rank": [5, 4], "otherwise": 1}}]}],
    "ratings": [{"min": null, "label": "any"}]})", "one.json");
  const PartScorer scorer(rubric, Period::calendar_year(2025), registry());
  ASSERT_EQ(scorer.metric_columns().size(), 1u);
  auto part = [&](std::vector<std::string> ids, std::vector<double> values) {
    PartMetrics p;
    p.metrics = scorer.metric_columns();
    p.branch_names = ids;
    p.parent_ids.assign(ids.size(), "");
    p.org_types.assign(ids.size(), OrgType::organ);
    p.values = Eigen::Map<Eigen::VectorXd>(values.data(), static_cast<Eigen::Index>(values.size()));
    p.branch_ids = std::move(ids);
    return p;
  };
  const PartMetrics a = part({"a1", "a2"}, {10, 7});
  const PartMetrics b = part({"b1", "b2", "b3", "b4", "b5"}, {9, 7, 3, 2, 5});
  const PartMetrics summary = scorer.peer_summary(b);
  EXPECT_EQ(summary.branch_ids, (std::vector<std::string>{"b1", "b2", "b4"}));
  const PartMetrics* const others[] = {&summary};
  const Scorecard rows = scorer.score(a, scorer.peers_for(a, others));
  ASSERT_EQ(rows.branch_count(), 2u);
  EXPECT_EQ(rows.branch_ids, (std::vector<std::string>{"a1", "a2"}));
  EXPECT_EQ(rows.totals[0], 5.0);
  EXPECT_EQ(rows.totals[1], 1.0);
}

// Only the peer groups the part has: a summary row of another parent_id group is not needed.
TEST(PartScorer, PeersForKeepsOnlyThePartsOwnGroups) {
  const Rubric rubric = Rubric::parse(R"({"name": "best", "standards": [{"id": "s", "name": "S", "indicators": [
    {"id": "visits", "metric": "cohesion.home_visits", "points": 5, "rule": {"type": "relative_to_best"}, "group_by": "parent_id"}]}],
    "ratings": [{"min": null, "label": "any"}]})", "best.json");
  const PartScorer scorer(rubric, Period::calendar_year(2025), registry());
  PartMetrics mine, other;
  for (PartMetrics* p : {&mine, &other}) p->metrics = scorer.metric_columns();
  mine.branch_ids = {"m1"};
  mine.branch_names = {"m1"};
  mine.parent_ids = {"x"};
  mine.org_types = {OrgType::organ};
  mine.values = Eigen::MatrixXd::Constant(1, 1, 4.0);
  other.branch_ids = {"o1", "o2"};
  other.branch_names = {"o1", "o2"};
  other.parent_ids = {"x", "y"};
  other.org_types = {OrgType::organ, OrgType::organ};
  other.values.resize(2, 1);
  other.values << 8.0, 100.0;
  const PartMetrics* const others[] = {&other};
  const PartMetrics peers = scorer.peers_for(mine, others);
  EXPECT_EQ(peers.branch_ids, (std::vector<std::string>{"o1"}));
  // relative_to_best: 5 · 4 / 8 = 2.5 (the best of group x is o1's 8; y's 100 is not a peer).
  EXPECT_EQ(scorer.score(mine, peers).totals[0], 2.5);
}

TEST(PartScorer, RubricsWithStarsAndForeignPartsAreRefused) {
  Rubric stars = Rubric::default_rubric();
  stars.stars = StarRubric{};
  try {
    const PartScorer scorer(stars, Period::calendar_year(2025), registry());
    ADD_FAILURE() << "a rubric with stars was accepted";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("star ratings"));
  }
  const Rubric relative = testing::relative_rubric(/*stars=*/false);
  const PartScorer scorer(Rubric::default_rubric(), Period::calendar_year(2025), registry());
  const PartMetrics foreign =
      ScoreBuilder(relative, Period::calendar_year(2025), registry(), 0, {}).compute_part(slice_branches(synthetic(), {0, 5}));
  EXPECT_THROW((void)scorer.peer_summary(foreign), Error);
}

}  // namespace
}  // namespace libbranch
