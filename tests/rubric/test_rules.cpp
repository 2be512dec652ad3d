// The rule formulas of docs/reference/rubrics.md §4 on hand-made columns, with hand-derived
// expectations.
#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <vector>

#include <libbranch/error.hpp>
#include <libbranch/rules.hpp>

namespace libbranch {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Eigen::VectorXd column(std::initializer_list<double> values) {
  Eigen::VectorXd v(static_cast<Eigen::Index>(values.size()));
  Eigen::Index i = 0;
  for (const double x : values) v[i++] = x;
  return v;
}

/// Exact comparison, NaN equal to NaN, one message per differing entry.
void expect_points(const Eigen::VectorXd& got, std::initializer_list<double> expected) {
  ASSERT_EQ(static_cast<std::size_t>(got.size()), expected.size());
  Eigen::Index i = 0;
  for (const double e : expected) {
    if (std::isnan(e)) {
      EXPECT_TRUE(std::isnan(got[i])) << "entry " << i << " is " << got[i] << ", expected NaN";
    } else {
      EXPECT_EQ(got[i], e) << "entry " << i;
      EXPECT_FALSE(std::signbit(got[i])) << "entry " << i << " is -0";
    }
    ++i;
  }
}

Rule make(RuleType type) {
  Rule r;
  r.type = type;
  return r;
}

Rule linear_cap(double a) {
  Rule r = make(RuleType::linear_cap);
  r.per_unit = a;
  return r;
}
Rule target(double t, double d) {
  Rule r = make(RuleType::target);
  r.target = t;
  r.deduct_per_unit = d;
  return r;
}
Rule ratio(double t) {
  Rule r = make(RuleType::ratio);
  r.target = t;
  return r;
}
Rule deduction(double d) {
  Rule r = make(RuleType::deduction);
  r.per_unit = d;
  return r;
}
Rule rank(std::vector<double> points, double otherwise, bool ascending = false) {
  Rule r = make(RuleType::rank);
  r.points_by_rank = std::move(points);
  r.otherwise = otherwise;
  r.ascending = ascending;
  return r;
}
Rule relative(RuleType type, bool ascending = false) {
  Rule r = make(type);
  r.ascending = ascending;
  return r;
}

// ---- linear_cap: a · v ----

TEST(RuleLinearCap, MultipliesAndClampsAtBothEnds) {
  expect_points(rule_points(linear_cap(0.25), 2, column({-4, 0, 3, 8, 100})), {0, 0, 0.75, 2, 2});
}

TEST(RuleLinearCap, NegativeZeroBecomesZero) { expect_points(rule_points(linear_cap(0.5), 2, column({-0.0})), {0}); }

TEST(RuleLinearCap, TwoThirdsPerUnitGivesExactlyTwoForThreeImprovements) {
  // The default rubric's structure indicator: 0.6666666666666666 · 3 rounds to exactly 2.
  expect_points(rule_points(linear_cap(0.6666666666666666), 2, column({0, 1, 2, 3})),
                {0, 0.6666666666666666, 1.3333333333333333, 2});
}

// ---- target: P − d · max(0, t − v) ----

TEST(RuleTarget, DeductsPerUnitBelowTargetAndClamps) {
  // P = 4, t = 10, d = 1
  expect_points(rule_points(target(10, 1), 4, column({10, 12, 8, 7, 6, 5, -1})), {4, 4, 2, 1, 0, 0, 0});
}

TEST(RuleTarget, FractionalDeduction) {
  // P = 1, t = 4, d = 0.25: one quarter missing costs 0.25.
  expect_points(rule_points(target(4, 0.25), 1, column({4, 3, 1, 0})), {1, 0.75, 0.25, 0});
}

// ---- ratio: P · v / t ----

TEST(RuleRatio, ScalesToTargetAndClamps) {
  expect_points(rule_points(ratio(5), 3, column({5, 10, 0, -1, 2.5})), {3, 3, 0, 0, 1.5});
}

TEST(RuleRatio, EvaluatesLeftToRight) {
  // (3 · 1) / 5 is the double nearest 0.6; 3 · (1 / 5) is one ulp above it.
  const double left_to_right = (3.0 * 1.0) / 5.0;
  const double right_first = 3.0 * (1.0 / 5.0);
  ASSERT_EQ(left_to_right, 0.6);
  ASSERT_EQ(right_first, 0.6000000000000001);
  ASSERT_NE(left_to_right, right_first);
  expect_points(rule_points(ratio(5), 3, column({1})), {0.6});
}

// ---- bands ----

TEST(RuleBands, FirstBandContainingTheValueMinInclusiveMaxExclusive) {
  Rule r = make(RuleType::bands);
  r.bands = {{5, std::nullopt, 5}, {3, 5, 3}, {1, 3, 1}};  // the default rubric's service station
  expect_points(rule_points(r, 5, column({0, 1, 2.999, 3, 4.99, 5, 100, -1})), {0, 1, 1, 3, 3, 5, 5, 0});
}

TEST(RuleBands, NullEndsAndGapsEarnZeroInTheGap) {
  Rule r = make(RuleType::bands);
  r.bands = {{std::nullopt, 0, 2}, {2, 4, 3}};
  // (-∞, 0) → 2, [0, 2) is a gap, [2, 4) → 3, [4, ∞) is a gap.
  expect_points(rule_points(r, 3, column({-1e300, -5, 0, 1, 2, 3.5, 4, 1e300})), {2, 2, 0, 0, 3, 3, 0, 0});
}

TEST(RuleBands, OverlappingBandsTakeTheFirst) {
  Rule r = make(RuleType::bands);
  r.bands = {{0, 10, 1}, {5, std::nullopt, 4}};
  expect_points(rule_points(r, 4, column({7, 12})), {1, 4});
}

TEST(RuleBands, ContainsNeverHoldsForNaN) {
  EXPECT_FALSE((Band{std::nullopt, std::nullopt, 1}).contains(kNaN));
  EXPECT_TRUE((Band{std::nullopt, std::nullopt, 1}).contains(-1e308));
  EXPECT_TRUE((Band{1, 2, 1}).contains(1));
  EXPECT_FALSE((Band{1, 2, 1}).contains(2));
}

TEST(RuleBands, BandPointsAboveTheIndicatorAreClamped) {
  Rule r = make(RuleType::bands);
  r.bands = {{std::nullopt, std::nullopt, 6}};  // validation forbids this; the formula still clamps
  expect_points(rule_points(r, 5, column({1})), {5});
}

// ---- boolean: P if v > 0 ----

TEST(RuleBoolean, PositiveEarnsAllZeroAndNegativeNothing) {
  expect_points(rule_points(make(RuleType::boolean), 2, column({1, 0.001, 0, -0.0, -3})), {2, 2, 0, 0, 0});
}

// ---- deduction: P − d · v ----

TEST(RuleDeduction, DeductsPerUnitAndClamps) {
  // P = 4, d = 8
  expect_points(rule_points(deduction(8), 4, column({0, 0.25, 0.5, 1, -1})), {4, 2, 0, 0, 4});
}

TEST(RuleDeduction, DefaultRubricZeroEscalation) {
  // P = 4, d = 80: an escalation rate of 1/40 costs 2 points.
  expect_points(rule_points(deduction(80), 4, column({0, 0.025, 0.05})), {4, 2, 0});
}

// ---- rank ----

TEST(RuleRank, CompetitionRanksDescending) {
  const std::vector<std::uint32_t> groups(4, 0);
  EXPECT_EQ(competition_ranks(column({9, 7, 7, 5}), groups, 1, false), (std::vector<std::uint32_t>{1, 2, 2, 4}));
  EXPECT_EQ(competition_ranks(column({7, 9, 5, 7}), groups, 1, false), (std::vector<std::uint32_t>{2, 1, 4, 2}));
}

TEST(RuleRank, CompetitionRanksAscending) {
  const std::vector<std::uint32_t> groups(4, 0);
  // ascending: 5 is best (1), the two 7s share 2, 9 is 4th.
  EXPECT_EQ(competition_ranks(column({9, 7, 7, 5}), groups, 1, true), (std::vector<std::uint32_t>{4, 2, 2, 1}));
  EXPECT_EQ(competition_ranks(column({5, 5, 7, 7}), groups, 1, true), (std::vector<std::uint32_t>{1, 1, 3, 3}));
}

TEST(RuleRank, PointsByRankWithTiesAndOtherwiseBeyondTheList) {
  // The default rubric's performance indicator: [3, 2.5, 2], otherwise 1.
  expect_points(rule_points(rank({3, 2.5, 2}, 1), 3, column({9, 7, 7, 5})), {3, 2.5, 2.5, 1});
  expect_points(rule_points(rank({3, 2.5, 2}, 1, /*ascending=*/true), 3, column({9, 7, 7, 5})), {1, 2.5, 2.5, 3});
}

TEST(RuleRank, TieAtTheEndOfTheListSharesTheListedPoints) {
  // ranks 1, 2, 3, 3, 5: both third places get p3; the fifth gets `otherwise`.
  expect_points(rule_points(rank({3, 2.5, 2}, 0.5), 3, column({10, 9, 8, 8, 1})), {3, 2.5, 2, 2, 0.5});
}

TEST(RuleRank, AllEqualShareFirstPlace) {
  expect_points(rule_points(rank({3, 2.5, 2}, 1), 3, column({4, 4, 4, 4, 4})), {3, 3, 3, 3, 3});
}

TEST(RuleRank, EmptyListGivesEveryoneOtherwise) { expect_points(rule_points(rank({}, 1), 3, column({1, 2})), {1, 1}); }

TEST(RuleRank, NaNIsNotRankedAndDoesNotTakeAPlace) {
  EXPECT_EQ(competition_ranks(column({9, kNaN, 7}), {0, 0, 0}, 1, false), (std::vector<std::uint32_t>{1, 0, 2}));
  expect_points(rule_points(rank({3, 2.5, 2}, 1), 3, column({9, kNaN, 7})), {3, kNaN, 2.5});
}

TEST(RuleRank, NegativeValuesRankNormally) {
  expect_points(rule_points(rank({3, 2}, 1), 3, column({-1, -5, 0})), {2, 1, 3});
}

// ---- relative_to_best ----

TEST(RuleRelativeToBest, DescendingIsShareOfTheBest) {
  expect_points(rule_points(relative(RuleType::relative_to_best), 2, column({10, 5, 0, 2.5})), {2, 1, 0, 0.5});
}

TEST(RuleRelativeToBest, DescendingAllZeroGivesZero) {
  expect_points(rule_points(relative(RuleType::relative_to_best), 2, column({0, 0, 0})), {0, 0, 0});
}

TEST(RuleRelativeToBest, NegativeValuesCountAsZero) {
  // All negative: every value counts as 0, so max = 0 and everyone gets 0.
  expect_points(rule_points(relative(RuleType::relative_to_best), 2, column({-1, -2})), {0, 0});
  // A negative branch among positive peers gets 0 points, not a negative share.
  expect_points(rule_points(relative(RuleType::relative_to_best), 2, column({-5, 4, 2})), {0, 2, 1});
}

TEST(RuleRelativeToBest, AscendingRewardsTheLowest) {
  // min = 2: 2 → P, 4 → P·2/4, 8 → P·2/8.
  expect_points(rule_points(relative(RuleType::relative_to_best, true), 2, column({2, 4, 8})), {2, 1, 0.5});
}

TEST(RuleRelativeToBest, AscendingNegativeCountsAsZeroForTheBranchAndItsPeers) {
  // -1 counts as 0, so min = 0: the branch itself (0 ≤ 0) earns P; 4 earns P·0/4 = 0.
  expect_points(rule_points(relative(RuleType::relative_to_best, true), 2, column({-1, 4})), {2, 0});
  // all zero: everyone is at the minimum.
  expect_points(rule_points(relative(RuleType::relative_to_best, true), 2, column({0, 0})), {2, 2});
}

TEST(RuleRelativeToBest, NaNIsIgnoredByPeerStatistics) {
  // Without the NaN, max = 10; a NaN max would make every result NaN.
  expect_points(rule_points(relative(RuleType::relative_to_best), 2, column({kNaN, 5, 10})), {kNaN, 1, 2});
  expect_points(rule_points(relative(RuleType::relative_to_best, true), 2, column({4, kNaN, 8})), {2, kNaN, 1});
}

TEST(RuleRelativeToBest, EvaluatesLeftToRight) {
  // (P · v) / max with P = 3, v = 1, max = 5.
  expect_points(rule_points(relative(RuleType::relative_to_best), 3, column({1, 5})), {0.6, 3});
}

// ---- minmax ----

TEST(RuleMinMax, DescendingAndAscending) {
  expect_points(rule_points(relative(RuleType::minmax), 3, column({0, 5, 10})), {0, 1.5, 3});
  expect_points(rule_points(relative(RuleType::minmax, true), 3, column({0, 5, 10})), {3, 1.5, 0});
}

TEST(RuleMinMax, AllEqualGivesFullPoints) {
  expect_points(rule_points(relative(RuleType::minmax), 3, column({4, 4, 4})), {3, 3, 3});
  expect_points(rule_points(relative(RuleType::minmax, true), 3, column({0, 0})), {3, 3});
}

TEST(RuleMinMax, NegativeValuesAreUsedAsTheyAre) {
  expect_points(rule_points(relative(RuleType::minmax), 3, column({-10, 0, 10})), {0, 1.5, 3});
}

TEST(RuleMinMax, NaNIsIgnoredByPeerStatistics) {
  expect_points(rule_points(relative(RuleType::minmax), 3, column({0, kNaN, 10, 5})), {0, kNaN, 3, 1.5});
}

TEST(RuleMinMax, EvaluatesLeftToRight) {
  // (P · (v − min)) / (max − min) with P = 3, v − min = 1, max − min = 5;
  // P · ((v − min) / (max − min)) would be 0.6000000000000001.
  expect_points(rule_points(relative(RuleType::minmax), 3, column({0, 1, 5})), {0, 0.6, 3});
  // asc: (P · (max − v)) / (max − min) = (3 · 1) / 5.
  expect_points(rule_points(relative(RuleType::minmax, true), 3, column({0, 4, 5})), {3, 0.6, 0});
}

// ---- peer groups ----

TEST(RulePeerGroups, EachGroupHasItsOwnStatistics) {
  // groups: 0 = {10, 5}, 1 = {20, 5}, 2 = {NaN} (no statistic), 3 = {} (empty)
  const Eigen::VectorXd v = column({10, 5, 20, 5, kNaN});
  const std::vector<std::uint32_t> group_of{0, 0, 1, 1, 2};
  expect_points(rule_points(relative(RuleType::relative_to_best), 2, v, group_of, 4), {2, 1, 2, 0.5, kNaN});
  expect_points(rule_points(relative(RuleType::minmax), 2, v, group_of, 4), {2, 0, 2, 0, kNaN});
  expect_points(rule_points(rank({2, 1}, 0), 2, v, group_of, 4), {2, 1, 2, 1, kNaN});
}

TEST(RulePeerGroups, InterleavedGroupsRankIndependently) {
  // group 0: 9, 7, 7, 5 (ranks 1, 2, 2, 4); group 1: 1, 2 (ranks 2, 1).
  const Eigen::VectorXd v = column({9, 1, 7, 2, 7, 5});
  const std::vector<std::uint32_t> group_of{0, 1, 0, 1, 0, 0};
  EXPECT_EQ(competition_ranks(v, group_of, 2, false), (std::vector<std::uint32_t>{1, 2, 2, 1, 2, 4}));
  EXPECT_EQ(competition_ranks(v, group_of, 2, true), (std::vector<std::uint32_t>{4, 1, 2, 2, 2, 1}));
}

TEST(RulePeerGroups, SingleBranchGroupIsItsOwnBest) {
  const Eigen::VectorXd v = column({3, 7, 1});
  const std::vector<std::uint32_t> group_of{0, 1, 0};
  expect_points(rule_points(relative(RuleType::minmax), 2, v, group_of, 2), {2, 2, 0});
  expect_points(rule_points(relative(RuleType::relative_to_best), 3, v, group_of, 2), {3, 3, 1});
  expect_points(rule_points(rank({2, 1}, 0), 2, v, group_of, 2), {2, 2, 1});
}

TEST(RulePeerGroups, NonRelativeRulesIgnoreGroups) {
  expect_points(rule_points(ratio(5), 3, column({5, 1}), {}, 0), {3, 0.6});
}

TEST(RulePeerGroups, MismatchedOrOutOfRangeGroupsAreErrors) {
  EXPECT_THROW((void)rule_points(relative(RuleType::minmax), 1, column({1, 2}), {0}, 1), Error);
  EXPECT_THROW((void)rule_points(rank({1}, 0), 1, column({1, 2}), {0, 2}, 2), Error);
}

// ---- every rule ----

TEST(RuleAll, NaNValuesGiveNaNAndEmptyColumnsGiveEmptyResults) {
  Rule bands = make(RuleType::bands);
  bands.bands = {{std::nullopt, std::nullopt, 1}};
  for (const Rule& r : {linear_cap(1), target(1, 1), ratio(1), bands, make(RuleType::boolean), deduction(1),
                        rank({1}, 0), relative(RuleType::relative_to_best), relative(RuleType::minmax)}) {
    SCOPED_TRACE(to_string(r.type));
    const Eigen::VectorXd out = rule_points(r, 1, column({kNaN, 1}));
    EXPECT_TRUE(std::isnan(out[0]));
    EXPECT_FALSE(std::isnan(out[1]));
    EXPECT_EQ(rule_points(r, 1, Eigen::VectorXd(0)).size(), 0);
  }
}

TEST(RuleAll, NamesAreTheJsonNames) {
  EXPECT_STREQ(to_string(RuleType::linear_cap), "linear_cap");
  EXPECT_STREQ(to_string(RuleType::target), "target");
  EXPECT_STREQ(to_string(RuleType::ratio), "ratio");
  EXPECT_STREQ(to_string(RuleType::bands), "bands");
  EXPECT_STREQ(to_string(RuleType::boolean), "boolean");
  EXPECT_STREQ(to_string(RuleType::deduction), "deduction");
  EXPECT_STREQ(to_string(RuleType::rank), "rank");
  EXPECT_STREQ(to_string(RuleType::relative_to_best), "relative_to_best");
  EXPECT_STREQ(to_string(RuleType::minmax), "minmax");
  EXPECT_TRUE(is_relative(RuleType::rank));
  EXPECT_TRUE(is_relative(RuleType::minmax));
  EXPECT_TRUE(is_relative(RuleType::relative_to_best));
  EXPECT_FALSE(is_relative(RuleType::ratio));
}

TEST(RuleAll, ZeroPointIndicatorEarnsZero) {
  expect_points(rule_points(ratio(1), 0, column({5, 0})), {0, 0});
  expect_points(rule_points(relative(RuleType::minmax), 0, column({1, 1})), {0, 0});
}

}  // namespace
}  // namespace libbranch
