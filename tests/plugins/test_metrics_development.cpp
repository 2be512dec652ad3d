// The development plugin's metrics (docs/reference/metrics.md §5, development) on tiny hand-built
// datasets. Every expected value is derived by hand in the comments next to it.
#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/metric_fixture.hpp"

extern "C" const char* libbranch_plugin_development_init(libbranch::PluginRegistrar*);
extern "C" const libbranch::PluginInfo* libbranch_plugin_development_info();
extern "C" int libbranch_plugin_development_abi_version();

namespace {

namespace lt = libbranch::testing;
using libbranch::Dataset;
using libbranch::Direction;
using libbranch::Metric;
using libbranch::MetricRegistry;
using libbranch::Period;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string branch_ids_csv(const std::vector<std::string>& ids) {
  std::string s = "branch_id,name\n";
  for (const auto& id : ids) s += id + ",Branch " + id + "\n";
  return s;
}

struct ActivityRow {
  std::string branch{};
  std::string kind{};
  std::string date{};
};
std::string activities_csv(const std::vector<ActivityRow>& rows) {
  std::string s = "activity_id,branch_id,kind,date\n";
  int n = 0;
  for (const auto& a : rows) s += "a" + std::to_string(++n) + "," + a.branch + "," + a.kind + "," + a.date + "\n";
  return s;
}

struct ObservationRow {
  std::string branch{};
  std::string indicator{};
  std::string date{};  ///< empty = undated
  std::string value{};
};
std::string observations_csv(const std::vector<ObservationRow>& rows) {
  std::string s = "branch_id,indicator,date,value\n";
  for (const auto& o : rows) s += o.branch + "," + o.indicator + "," + o.date + "," + o.value + "\n";
  return s;
}

using libbranch::testing::expect_column;

class DevelopmentMetrics : public ::testing::Test {
 protected:
  MetricRegistry registry =
      lt::registry_with_plugin(libbranch_plugin_development_init, "development", {"development"});
  const Period year2023 = lt::period("2023-01-01", "2023-12-31");

  void expect(std::string_view id, const Dataset& ds, const Period& period, const std::vector<double>& want) {
    expect_column(lt::compute(registry, id, ds, period), want,
                  std::string(id) + " over " + period.from.to_string() + ".." + period.to.to_string());
  }
};

// ---- registration -------------------------------------------------------------------------

TEST_F(DevelopmentMetrics, RegistersExactlyTheSpecIds) {
  EXPECT_THAT(lt::metric_ids(registry),
              ::testing::ElementsAre("development.business_performance", "development.competitions",
                                     "development.education_base_visits", "development.identity_activities",
                                     "development.online_filing_rate", "development.outreach_services",
                                     "development.veteran_visits"));
  EXPECT_EQ(registry.owner("development.competitions"), "development");
}

TEST_F(DevelopmentMetrics, EveryMetricIsDocumentedBenefitAndTakesNoParameter) {
  for (const Metric* m : registry.metrics()) {
    SCOPED_TRACE(m->id);
    EXPECT_EQ(m->direction, Direction::benefit);  // docs/reference/metrics.md §5 marks no development metric as cost
    EXPECT_EQ(m->standard(), "development");
    EXPECT_TRUE(m->params.empty());  // the observation-based ones have their aggregation fixed
    EXPECT_FALSE(m->label_zh.empty());
    EXPECT_FALSE(m->label_en.empty());
    EXPECT_FALSE(m->unit.empty());
    ASSERT_FALSE(m->summary.empty());
    EXPECT_TRUE(m->summary.front() >= 'A' && m->summary.front() <= 'Z');  // "Counts …", "Takes …"
    EXPECT_EQ(m->summary.back(), '.');
    EXPECT_TRUE(static_cast<bool>(m->compute));
  }
}

TEST(DevelopmentPlugin, ExportsItsInfo) {
  EXPECT_EQ(libbranch_plugin_development_abi_version(), LIBBRANCH_PLUGIN_ABI_VERSION);
  const libbranch::PluginInfo* info = libbranch_plugin_development_info();
  ASSERT_NE(info, nullptr);
  EXPECT_STREQ(info->name, "development");
  EXPECT_STREQ(info->standards, "development");
  EXPECT_EQ(info->abi_version, LIBBRANCH_PLUGIN_ABI_VERSION);
}

TEST_F(DevelopmentMetrics, EmptyDatasetGivesEmptyColumns) {
  const Dataset ds = lt::load_csv({{"branches.csv", "branch_id,name\n"}});
  for (const std::string& id : lt::metric_ids(registry)) EXPECT_EQ(lt::compute(registry, id, ds, year2023).size(), 0);
}

// ---- activity counts ----------------------------------------------------------------------

TEST_F(DevelopmentMetrics, ActivityCounts) {
  const Dataset ds = lt::load_csv(
      {{"branches.csv", branch_ids_csv({"D1", "D2"})},
       {"activities.csv", activities_csv({
                              // identity_display: day before from (out), from (in), to (in), day after (out) → 2.
                              {"D1", "identity_display", "2022-12-31"},
                              {"D1", "identity_display", "2023-01-01"},
                              {"D1", "identity_display", "2023-12-31"},
                              {"D1", "identity_display", "2024-01-01"},
                              // outreach: 1 legal consultation + 2 community outreach → 3.
                              {"D1", "legal_consultation", "2023-05-01"},
                              {"D1", "community_outreach", "2023-05-01"},
                              {"D1", "community_outreach", "2023-06-01"},
                              {"D1", "education_base_visit", "2023-07-01"},  // → 1
                              // two veteran visits on the same day are two activities → 2.
                              {"D1", "veteran_visit", "2023-02-01"},
                              {"D1", "veteran_visit", "2023-02-01"},
                              {"D1", "competition", "2023-12-31"},  // on to → 1
                              {"D1", "competition", "2024-01-01"},  // day after: out
                              // Kinds of other standards count nowhere here.
                              {"D1", "theme_day", "2023-03-01"},
                              {"D1", "volunteer_service", "2023-03-01"},
                              // D2 has only a legal consultation of 2022.
                              {"D2", "legal_consultation", "2022-06-01"},
                          })}});
  expect("development.identity_activities", ds, year2023, {2, 0});
  expect("development.outreach_services", ds, year2023, {3, 0});
  expect("development.education_base_visits", ds, year2023, {1, 0});
  expect("development.veteran_visits", ds, year2023, {2, 0});
  expect("development.competitions", ds, year2023, {1, 0});
  // Over 2022–2024 every activity is in: identity 4, outreach D1 3 and D2 1, competitions 2.
  const Period three_years = lt::period("2022-01-01", "2024-12-31");
  expect("development.identity_activities", ds, three_years, {4, 0});
  expect("development.outreach_services", ds, three_years, {3, 1});
  expect("development.competitions", ds, three_years, {2, 0});
}

// ---- the latest observation ---------------------------------------------------------------

Dataset observations_dataset() {
  return lt::load_csv(
      {{"branches.csv", branch_ids_csv({"D1", "D2", "D3", "D4", "D5", "D6"})},
       {"observations.csv",
        observations_csv({
            // D1: dated 03-01 and 12-31 (to) in the period, 2024-01-01 out, one undated.
            // Latest in the period: 2023-12-31 → 0.7 (undated unused: a dated one is in).
            {"D1", "online_filing_rate", "2023-12-31", "0.7"},
            {"D1", "online_filing_rate", "2023-03-01", "0.5"},
            {"D1", "online_filing_rate", "2024-01-01", "0.9"},
            {"D1", "online_filing_rate", "", "0.1"},
            // D1 business performance: the latest date wins, not the later row: 06-01 → -3.5.
            {"D1", "business_performance", "2023-06-01", "-3.5"},
            {"D1", "business_performance", "2023-02-01", "10"},
            // D2: two on the same latest date → the later row, 0.6; 2023-01-01's 0.9 is older.
            {"D2", "online_filing_rate", "2023-01-01", "0.9"},
            {"D2", "online_filing_rate", "2023-06-01", "0.4"},
            {"D2", "online_filing_rate", "2023-06-01", "0.6"},
            // D3: the only dated one is the day before from → the undated ones, the later row: 0.3.
            {"D3", "online_filing_rate", "", "0.2"},
            {"D3", "online_filing_rate", "2022-12-31", "0.8"},
            {"D3", "online_filing_rate", "", "0.3"},
            // D4: nothing → NaN for both.
            // D5: only business performance, undated → 42; its filing rate is NaN.
            {"D5", "business_performance", "", "42"},
            // D6: one dated on from (in) beats the undated one: 0.25.
            {"D6", "online_filing_rate", "", "0.99"},
            {"D6", "online_filing_rate", "2023-01-01", "0.25"},
        })}});
}

TEST_F(DevelopmentMetrics, OnlineFilingRateIsTheLatestObservation) {
  const Dataset ds = observations_dataset();
  expect("development.online_filing_rate", ds, year2023, {0.7, 0.6, 0.3, kNaN, kNaN, 0.25});
  // In 2024: D1's 2024-01-01 → 0.9; D2 has no dated one in 2024 and no undated one → NaN;
  // D3 → its undated 0.3; D6 → its undated 0.99.
  expect("development.online_filing_rate", ds, lt::period("2024-01-01", "2024-12-31"),
         {0.9, kNaN, 0.3, kNaN, kNaN, 0.99});
}

TEST_F(DevelopmentMetrics, BusinessPerformanceIsTheLatestObservation) {
  const Dataset ds = observations_dataset();
  // D1 → -3.5 (2023-06-01 is later than 2023-02-01); D5 → its undated 42; others have none.
  expect("development.business_performance", ds, year2023, {-3.5, kNaN, kNaN, kNaN, 42, kNaN});
}

TEST_F(DevelopmentMetrics, NoObservationsFileMeansNaN) {
  const Dataset ds = lt::load_csv({{"branches.csv", branch_ids_csv({"D1", "D2"})}});
  expect("development.online_filing_rate", ds, year2023, {kNaN, kNaN});
  expect("development.business_performance", ds, year2023, {kNaN, kNaN});
}

}  // namespace
