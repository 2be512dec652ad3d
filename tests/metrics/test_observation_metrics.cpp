// The core observation metrics `obs.<indicator>` (docs/reference/metrics.md §7 "Observation
// metrics") on a tiny hand-built dataset. Every expected value is derived by hand in the comments
// next to it.
#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <libbranch/observations.hpp>
#include <libbranch/registry.hpp>

#include "support/metric_fixture.hpp"

namespace {

namespace lt = libbranch::testing;
using libbranch::Dataset;
using libbranch::Direction;
using libbranch::Metric;
using libbranch::MetricRegistry;
using libbranch::ObservationAggregate;
using libbranch::ParamSpec;
using libbranch::ParamValue;
using libbranch::Params;
using libbranch::Period;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using libbranch::testing::expect_column;

Params agg(const std::string& name) {
  Params p;
  p.set("agg", ParamValue(name));
  return p;
}

/// Six branches; observations of `score` (and one `other`), period 2023.
Dataset observations_dataset() {
  return lt::load_csv({{"branches.csv", "branch_id,name\nO1,a\nO2,b\nO3,c\nO4,d\nO5,e\nO6,f\n"},
                       {"observations.csv",
                        "branch_id,indicator,date,value\n"
                        // O1: in 2023: 5 (02-01), 3 and 4 (both 06-01); undated 100 and 2024's 50 unused.
                        "O1,score,2023-02-01,5\n"
                        "O1,score,2023-06-01,3\n"
                        "O1,score,2023-06-01,4\n"
                        "O1,score,,100\n"
                        "O1,score,2024-01-01,50\n"
                        // O2: the dated one is the day before from → the undated 7 and 2 are used.
                        "O2,score,,7\n"
                        "O2,score,2022-12-31,9\n"
                        "O2,score,,2\n"
                        // O3: nothing.
                        // O4: on from and on to, both in.
                        "O4,score,2023-01-01,1\n"
                        "O4,score,2023-12-31,2\n"
                        // O5: negative values; the later date comes first in the file.
                        "O5,score,2023-05-01,-2\n"
                        "O5,score,2023-03-01,-5\n"
                        // O6: an undated score and a dated observation of another indicator: the
                        // rule is per indicator, so the undated score is used.
                        "O6,score,,8\n"
                        "O6,other,2023-05-01,1\n"}});
}

class ObservationMetrics : public ::testing::Test {
 protected:
  ObservationMetrics() { libbranch::register_core_metrics(registry); }
  MetricRegistry registry;
  const Period year2023 = lt::period("2023-01-01", "2023-12-31");

  void expect(std::string_view id, const Dataset& ds, const std::vector<double>& want, const Params& params = {}) {
    expect_column(lt::compute(registry, id, ds, year2023, params), want,
                  std::string(id) + (params.empty() ? "" : " with " + params.key()));
  }
};

TEST_F(ObservationMetrics, FamilyMakesAMetricForEveryIdentifier) {
  EXPECT_THAT(registry.names(), ::testing::Contains("obs.*"));
  EXPECT_EQ(registry.owner("obs.score"), "core");
  const Metric* m = registry.find("obs.anything_at_all_2");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->id, "obs.anything_at_all_2");
  EXPECT_EQ(m->direction, Direction::benefit);
  EXPECT_FALSE(m->summary.empty());
  ASSERT_EQ(m->params.size(), 1u);
  const ParamSpec& p = m->params[0];
  EXPECT_EQ(p.name, "agg");
  EXPECT_EQ(p.type, ParamSpec::Type::choice);
  EXPECT_THAT(p.choices, ::testing::ElementsAre("last", "sum", "max", "mean"));
  ASSERT_TRUE(p.default_value.has_value());
  EXPECT_EQ(*p.default_value, ParamValue(std::string("last")));
  EXPECT_EQ(p.check(ParamValue(std::string("sum"))), "");
  EXPECT_NE(p.check(ParamValue(std::string("median"))), "");
  // Not [a-z0-9_]+ after the prefix: no metric.
  EXPECT_EQ(registry.find("obs."), nullptr);
  EXPECT_EQ(registry.find("obs.Score"), nullptr);
  EXPECT_EQ(registry.find("obs.a-b"), nullptr);
}

TEST_F(ObservationMetrics, Last) {
  const Dataset ds = observations_dataset();
  // O1: latest date 06-01, later row → 4. O2: undated, later row → 2. O3: none → NaN.
  // O4: 12-31 → 2. O5: 05-01 (first row, later date) → -2. O6: undated 8.
  const std::vector<double> want = {4, 2, kNaN, 2, -2, 8};
  expect("obs.score", ds, want);               // `last` is the default
  expect("obs.score", ds, want, agg("last"));
}

TEST_F(ObservationMetrics, Sum) {
  const Dataset ds = observations_dataset();
  // O1 5+3+4 = 12; O2 7+2 = 9; O3 none → 0 (not NaN); O4 3; O5 -7; O6 8.
  expect("obs.score", ds, {12, 9, 0, 3, -7, 8}, agg("sum"));
}

TEST_F(ObservationMetrics, Max) {
  const Dataset ds = observations_dataset();
  // O1 5; O2 7; O3 NaN; O4 2; O5 max(-2, -5) = -2; O6 8.
  expect("obs.score", ds, {5, 7, kNaN, 2, -2, 8}, agg("max"));
}

TEST_F(ObservationMetrics, Mean) {
  const Dataset ds = observations_dataset();
  // O1 12/3 = 4; O2 9/2 = 4.5; O3 NaN; O4 3/2 = 1.5; O5 -7/2 = -3.5; O6 8.
  expect("obs.score", ds, {4, 4.5, kNaN, 1.5, -3.5, 8}, agg("mean"));
}

TEST_F(ObservationMetrics, AnotherIndicatorOfTheSameBranches) {
  const Dataset ds = observations_dataset();
  // Only O6 has `other` (1, dated 2023-05-01).
  expect("obs.other", ds, {kNaN, kNaN, kNaN, kNaN, kNaN, 1});
  expect("obs.other", ds, {0, 0, 0, 0, 0, 1}, agg("sum"));
}

TEST_F(ObservationMetrics, IndicatorAbsentFromTheData) {
  const Dataset ds = observations_dataset();
  expect("obs.absent", ds, {kNaN, kNaN, kNaN, kNaN, kNaN, kNaN});
  expect("obs.absent", ds, {0, 0, 0, 0, 0, 0}, agg("sum"));
  expect("obs.absent", ds, {kNaN, kNaN, kNaN, kNaN, kNaN, kNaN}, agg("max"));
  expect("obs.absent", ds, {kNaN, kNaN, kNaN, kNaN, kNaN, kNaN}, agg("mean"));
  // No observations.csv at all.
  const Dataset bare = lt::load_csv({{"branches.csv", "branch_id,name\nX,x\n"}});
  expect("obs.score", bare, {kNaN});
  expect("obs.score", bare, {0}, agg("sum"));
}

TEST_F(ObservationMetrics, AnotherPeriod) {
  const Dataset ds = observations_dataset();
  // 2024: O1's 2024-01-01 → 50 (its undated 100 is unused); O2 → undated 2; O4, O5 have no dated
  // one in 2024 and no undated one → NaN; O6 → undated 8.
  expect_column(lt::compute(registry, "obs.score", ds, lt::period("2024-01-01", "2024-12-31")),
                {50, 2, kNaN, kNaN, kNaN, 8}, "obs.score over 2024");
}

TEST(AggregateObservations, ParsesTheAggregateNames) {
  EXPECT_EQ(libbranch::parse_observation_aggregate("last"), ObservationAggregate::last);
  EXPECT_EQ(libbranch::parse_observation_aggregate("sum"), ObservationAggregate::sum);
  EXPECT_EQ(libbranch::parse_observation_aggregate("max"), ObservationAggregate::max);
  EXPECT_EQ(libbranch::parse_observation_aggregate("mean"), ObservationAggregate::mean);
  EXPECT_EQ(libbranch::parse_observation_aggregate("Last"), std::nullopt);
  EXPECT_EQ(libbranch::parse_observation_aggregate(""), std::nullopt);
}

TEST(AggregateObservations, DirectCallMatchesTheMetric) {
  const Dataset ds = observations_dataset();
  // As ObservationMetrics.Last and .Sum.
  expect_column(libbranch::aggregate_observations(ds, lt::period("2023-01-01", "2023-12-31"), "score",
                                                  ObservationAggregate::last),
                {4, 2, kNaN, 2, -2, 8}, "last");
  expect_column(libbranch::aggregate_observations(ds, lt::period("2023-01-01", "2023-12-31"), "score",
                                                  ObservationAggregate::sum),
                {12, 9, 0, 3, -7, 8}, "sum");
}

}  // namespace
