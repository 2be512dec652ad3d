// The fused activity pass: the tally's counts and coverage equal a walk over the activities, for
// every branch, kind set and kind of period; scoring shares one tally among its metrics.
#include <gtest/gtest.h>

#include <libbranch/activity_tally.hpp>
#include <libbranch/engine.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/plugin_sdk.hpp>
#include <libbranch/synth.hpp>

#include "support/synthetic_dataset.hpp"
#include "support/temp_dir.hpp"

namespace libbranch {
namespace {

using plugins::CalendarUnit;
using plugins::CoverageCounter;
using plugins::KindSet;

const Dataset& synthetic() {
  static const Dataset ds = testing::synthetic_dataset(150, 21, 2019, 2025);
  return ds;
}

Period between(const char* from, const char* to) { return {*Date::parse(from), *Date::parse(to)}; }

const KindSet kSets[] = {
    {ActivityKind::theme_day},
    {ActivityKind::branch_congress},
    {ActivityKind::warning_education, ActivityKind::warning_film},
    {ActivityKind::legal_consultation, ActivityKind::community_outreach, ActivityKind::disclosure},
    {},
};

TEST(ActivityTallyTest, CountsAndCoverageEqualAWalkOverTheActivities) {
  const Dataset& ds = synthetic();
  for (const Period& period : {Period::calendar_year(2025), between("2024-02-15", "2025-11-03"),
                               between("2020-01-01", "2025-04-30"), between("2025-06-10", "2025-06-10")}) {
    const ActivityTally tally(ds, period);
    ASSERT_TRUE(tally.has_months());
    const CoverageCounter months(period, CalendarUnit::month);
    const CoverageCounter quarters(period, CalendarUnit::quarter);
    for (std::uint32_t b = 0; b < ds.branch_count(); ++b) {
      for (const KindSet& kinds : kSets) {
        ASSERT_EQ(tally.count(b, kinds.bits()), plugins::count_activities(ds, b, period, kinds)) << b;
        ASSERT_EQ(tally.months_covered(b, kinds.bits()), months.count(ds, b, kinds)) << b;
        ASSERT_EQ(tally.quarters_covered(b, kinds.bits()), quarters.count(ds, b, kinds)) << b;
      }
    }
  }
}

TEST(ActivityTallyTest, LongPeriodsHaveNoMonthMasksAndCoverageFallsBackToTheWalk) {
  const Dataset& ds = synthetic();
  const Period long_period = between("2019-01-01", "2025-12-31");  // 84 months
  const ActivityTally tally(ds, long_period);
  EXPECT_FALSE(tally.has_months());
  const KindSet theme{ActivityKind::theme_day};
  const Eigen::VectorXd coverage = plugins::coverage_function(theme, CalendarUnit::month)(ds, long_period, {});
  const CoverageCounter walk(long_period, CalendarUnit::month);
  for (std::uint32_t b = 0; b < ds.branch_count(); ++b) {
    EXPECT_EQ(tally.count(b, theme.bits()), plugins::count_activities(ds, b, long_period, theme));
    EXPECT_EQ(coverage[b], static_cast<double>(walk.count(ds, b, theme)));
  }
  EXPECT_GT(coverage.maxCoeff(), 64.0);  // more months than one mask holds
}

TEST(ActivityTallyTest, AnEmptyOrInvertedPeriodCountsNothing) {
  const Dataset& ds = synthetic();
  const ActivityTally tally(ds, between("2025-06-01", "2025-05-01"));
  EXPECT_FALSE(tally.has_months());
  for (std::uint32_t b = 0; b < ds.branch_count(); ++b) EXPECT_EQ(tally.count(b, ~std::uint64_t{0} >> 34), 0);
}

TEST(ActivityTallyTest, InsideAScopeEveryCallSharesOneTallyAndOutsideEachBuildsItsOwn) {
  const Dataset& ds = synthetic();
  const Period year = Period::calendar_year(2025);
  EXPECT_NE(activity_tally(ds, year), activity_tally(ds, year));
  {
    const SharedTallyScope scope(ds, year);
    const auto first = activity_tally(ds, year);
    EXPECT_EQ(first, activity_tally(ds, year));
    EXPECT_NE(first, activity_tally(ds, Period::calendar_year(2024)));  // another period: not shared
  }
  EXPECT_NE(activity_tally(ds, year), activity_tally(ds, year));
}

}  // namespace
}  // namespace libbranch
