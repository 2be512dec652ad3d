// The engine on hand-made metric columns: missing policies, exclusion rescaling, bonuses,
// vetoes, ratings and the order of sums (docs/reference/rubrics.md §6–§8).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include <libbranch/engine.hpp>
#include <libbranch/error.hpp>

#include "support/bare_branch.hpp"

namespace libbranch {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A dataset of `n` branches with no rows, and metrics `fake.<name>` returning fixed columns.
Dataset branches(std::size_t n) {
  DatasetTables t;
  for (std::size_t i = 0; i < n; ++i)
    testing::add_bare_branch(t.branches, "b" + std::to_string(i), "支部" + std::to_string(i), i < 2 ? "p1" : "p2");
  return Dataset(std::move(t));
}

void add_fake(MetricRegistry& r, const std::string& name, std::vector<double> values) {
  Metric m;
  m.id = "fake." + name;
  m.compute = [values](const Dataset&, const Period&, const Params&) {
    return Eigen::Map<const Eigen::VectorXd>(values.data(), static_cast<Eigen::Index>(values.size())).eval();
  };
  r.add(std::move(m), "test");
}

const Period k2025 = Period::calendar_year(2025);

class EngineTest : public ::testing::Test {
 protected:
  MetricRegistry registry;
  Dataset ds = branches(3);

  Scorecard run(const std::string& json) { return score(ds, Rubric::parse(json, "test.json"), k2025, registry); }
};

TEST_F(EngineTest, MissingPoliciesZeroFullAndExcludeWithRescaling) {
  add_fake(registry, "a", {1, kNaN, kNaN});
  add_fake(registry, "b", {1, 1, kNaN});
  const Scorecard card = run(R"({"name": "r", "standards": [{"id": "s", "name": "S", "indicators": [
      {"id": "a", "metric": "fake.a", "points": 4, "rule": {"type": "boolean"}, "missing": "exclude"},
      {"id": "b", "metric": "fake.b", "points": 6, "rule": {"type": "linear_cap", "per_unit": 3}, "missing": "full"}]}],
      "ratings": [{"min": null, "label": "ok"}]})");
  // Branch 0: 4 + 3 = 7. Branch 1: a excluded (0 shown), b earns 3 → 3 · (4 + 6) / 6 = 5.
  // Branch 2: a excluded, b NaN under "full" earns its 6 → 6 · 10 / 6 = 10.
  EXPECT_DOUBLE_EQ(card.standard_scores(0, 0), 7.0);
  EXPECT_DOUBLE_EQ(card.standard_scores(1, 0), 5.0);
  EXPECT_DOUBLE_EQ(card.standard_scores(2, 0), 10.0);
  EXPECT_EQ(card.points(1, 0), 0.0);
  EXPECT_EQ(card.flags(1, 0), kFlagMissing | kFlagExcluded);
  EXPECT_EQ(card.points(2, 1), 6.0);
  EXPECT_EQ(card.flags(2, 1), kFlagMissing);
  EXPECT_EQ(card.flags(0, 0), 0);
}

TEST_F(EngineTest, AStandardWhoseIndicatorsAreAllExcludedScoresZero) {
  add_fake(registry, "a", {kNaN, 2, kNaN});
  const Scorecard card = run(R"({"name": "r", "missing": "exclude", "standards": [{"id": "s", "name": "S", "indicators": [
      {"id": "a", "metric": "fake.a", "points": 5, "rule": {"type": "linear_cap", "per_unit": 1}}]}],
      "ratings": [{"min": null, "label": "ok"}]})");
  EXPECT_EQ(card.standard_scores(0, 0), 0.0);
  EXPECT_EQ(card.standard_scores(1, 0), 2.0);
}

TEST_F(EngineTest, BonusesAddToTheTotalOnlyAndTheirNaNEarnsZero) {
  add_fake(registry, "a", {10, 10, 10});
  add_fake(registry, "h", {2, kNaN, 9});
  const Scorecard card = run(R"({"name": "r", "standards": [{"id": "s", "name": "S", "indicators": [
      {"id": "a", "metric": "fake.a", "points": 90, "rule": {"type": "linear_cap", "per_unit": 9}}]}],
      "bonuses": [{"id": "h", "metric": "fake.h", "points": 5, "rule": {"type": "linear_cap", "per_unit": 1},
                   "missing": "full"}],
      "ratings": [{"min": 92, "label": "top"}, {"min": null, "label": "rest"}]})");
  EXPECT_EQ(card.totals[0], 92.0);
  EXPECT_EQ(card.bonus[0], 2.0);
  EXPECT_EQ(card.totals[1], 90.0);  // NaN bonus: 0 whatever the policy
  EXPECT_EQ(card.flags(1, 1), kFlagMissing | kFlagBonus);
  EXPECT_EQ(card.totals[2], 95.0);  // capped at P = 5; the total may exceed the standards' 90
  EXPECT_EQ(card.standards[0].max_points, 90.0);
  EXPECT_EQ(card.rating(0), "top");
  EXPECT_EQ(card.rating(1), "rest");
}

TEST_F(EngineTest, VetoesCapTheRatingNeverImproveItAndIgnoreNaN) {
  add_fake(registry, "a", {95, 95, 50});
  add_fake(registry, "v", {1, kNaN, 1});
  const Scorecard card = run(R"({"name": "r", "standards": [{"id": "s", "name": "S", "indicators": [
      {"id": "a", "metric": "fake.a", "points": 100, "rule": {"type": "linear_cap", "per_unit": 1}}]}],
      "vetoes": [{"metric": "fake.v", "op": ">", "value": 0, "rating": "mid"},
                 {"metric": "fake.v", "op": ">=", "value": 1, "rating": "mid"}],
      "ratings": [{"min": 90, "label": "top"}, {"min": 60, "label": "mid"}, {"min": null, "label": "low"}]})");
  EXPECT_EQ(card.rating(0), "mid");   // 95 would be top; capped
  EXPECT_EQ(card.rating(1), "top");   // NaN never fires
  EXPECT_EQ(card.rating(2), "low");   // a veto never improves
  ASSERT_EQ(card.veto_offsets, (std::vector<std::uint32_t>{0, 2, 2, 4}));  // both fire, listed once each
  EXPECT_EQ(card.veto_metrics[card.fired_vetoes[0]], "fake.v");
}

TEST_F(EngineTest, RatingBoundaryHasTheToleranceOfSpec) {
  add_fake(registry, "a", {89.9999999999, 89.99999999, 90});
  const Scorecard card = run(R"({"name": "r", "standards": [{"id": "s", "name": "S", "indicators": [
      {"id": "a", "metric": "fake.a", "points": 100, "rule": {"type": "linear_cap", "per_unit": 1}}]}],
      "ratings": [{"min": 90, "label": "top"}, {"min": null, "label": "rest"}]})");
  EXPECT_EQ(card.rating(0), "top");   // 90 − 1e-10 ≥ 90 − 1e-9
  EXPECT_EQ(card.rating(1), "rest");  // 90 − 1e-8 is below
  EXPECT_EQ(card.rating(2), "top");
}

TEST_F(EngineTest, EachMetricUseIsComputedOnceAndParamsWithDefaultsShareAColumn) {
  int calls = 0;
  Metric m;
  m.id = "fake.counted";
  m.params.push_back({"agg", ParamSpec::Type::choice, 0, {"last", "sum"}, ParamValue(std::string("last")), ""});
  m.compute = [&calls](const Dataset& d, const Period&, const Params&) {
    ++calls;
    return Eigen::VectorXd::Constant(static_cast<Eigen::Index>(d.branch_count()), 1.0);
  };
  registry.add(std::move(m), "test");
  const Scorecard card = run(R"({"name": "r", "standards": [{"id": "s", "name": "S", "indicators": [
      {"id": "a", "metric": "fake.counted", "points": 1, "rule": {"type": "boolean"}},
      {"id": "b", "metric": "fake.counted", "points": 1, "rule": {"type": "boolean"}, "params": {"agg": "last"}},
      {"id": "c", "metric": "fake.counted", "points": 1, "rule": {"type": "boolean"}, "params": {"agg": "sum"}}]}],
      "ratings": [{"min": null, "label": "ok"}]})");
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(card.metrics.size(), 2u);
  EXPECT_EQ(card.indicators[0].metric_column, card.indicators[1].metric_column);
}

TEST_F(EngineTest, AMetricReturningTheWrongLengthIsAnError) {
  add_fake(registry, "short", {1, 2});
  EXPECT_THROW(run(R"({"name": "r", "standards": [{"id": "s", "name": "S", "indicators": [
      {"id": "a", "metric": "fake.short", "points": 1, "rule": {"type": "boolean"}}]}],
      "ratings": [{"min": null, "label": "ok"}]})"),
               Error);
}

TEST(DefaultPeriod, IsTheLatestCalendarYearWithActivities) {
  DatasetTables t;
  EXPECT_THROW((void)default_period(Dataset(t)), Error);
}

}  // namespace
}  // namespace libbranch
