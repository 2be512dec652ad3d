// The cohesion plugin's metrics (docs/reference/metrics.md §3, 凝聚人心好) on tiny datasets loaded from
// CSV files. Every expected value is derived by hand in the comments next to it.
#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "support/metric_fixture.hpp"

extern "C" const char* libbranch_plugin_cohesion_init(libbranch::PluginRegistrar*);

namespace {

using libbranch::Dataset;
using libbranch::Direction;
using libbranch::MetricRegistry;
using libbranch::Period;
namespace lt = libbranch::testing;

class CohesionMetrics : public ::testing::Test {
 protected:
  MetricRegistry registry = lt::registry_with_plugin(libbranch_plugin_cohesion_init, "cohesion", {"cohesion"});

  Eigen::VectorXd run(const char* id, const Dataset& ds, const Period& p) { return lt::compute(registry, id, ds, p); }
};

const Period k2023 = lt::period("2023-01-01", "2023-12-31");

TEST_F(CohesionMetrics, RegistersExactlyTheSpecMetrics) {
  const std::vector<std::string> expected{
      "cohesion.aid_per_member",   "cohesion.disputes_resolved", "cohesion.escalation_rate",
      "cohesion.home_visits",      "cohesion.pairing_months",    "cohesion.participation_rate",
      "cohesion.publicity_talks",
  };
  EXPECT_EQ(lt::metric_ids(registry), expected);
  for (const libbranch::Metric* m : registry.metrics()) {
    SCOPED_TRACE(m->id);
    EXPECT_EQ(m->direction, m->id == "cohesion.escalation_rate" ? Direction::cost : Direction::benefit);
    EXPECT_FALSE(m->label_zh.empty());
    EXPECT_FALSE(m->label_en.empty());
    EXPECT_FALSE(m->unit.empty());
    ASSERT_FALSE(m->summary.empty());
    EXPECT_TRUE(std::isupper(static_cast<unsigned char>(m->summary[0])));
    EXPECT_TRUE(m->params.empty());
    EXPECT_EQ(registry.owner(m->id), "cohesion");
  }
}

TEST_F(CohesionMetrics, CountsHomeVisitsAndPublicityTalksInsideThePeriod) {
  const Dataset ds = lt::load_csv({
      {"branches.csv", "branch_id,name\nB1,one\nB2,two\n"},
      {"activities.csv",
       "activity_id,branch_id,kind,date\n"
       "v1,B1,home_visit,2022-12-31\n"      // day before from: out
       "v2,B1,home_visit,2023-01-01\n"      // from
       "v3,B2,home_visit,2023-06-01\n"      // B2
       "v4,B1,home_visit,2023-12-31\n"      // to
       "v5,B1,home_visit,2024-01-01\n"      // day after to: out
       "v6,B1,home_visit,2023-02-28\n"
       "t1,B1,publicity_talk,2023-12-31\n"  // to
       "t2,B1,publicity_talk,2024-01-01\n"  // out
       "t3,B1,pairing_activity,2023-05-05\n"},  // neither
  });
  // B1: home visits v2, v4, v6 = 3; talks t1 = 1. B2: home visit v3 = 1, talks 0.
  EXPECT_EQ(run("cohesion.home_visits", ds, k2023), Eigen::Vector2d(3, 1));
  EXPECT_EQ(run("cohesion.publicity_talks", ds, k2023), Eigen::Vector2d(1, 0));
}

TEST_F(CohesionMetrics, DisputesResolvedAndEscalationRate) {
  const Dataset ds = lt::load_csv({
      {"branches.csv", "branch_id,name\nB1,one\nB2,two\nB3,three\n"},
      {"activities.csv",
       "activity_id,branch_id,kind,date,cases,escalated\n"
       "d1,B1,dispute_mediation,2023-01-01,5,1\n"    // from: 5 cases, 1 escalated → 4 resolved
       "d2,B1,dispute_mediation,2023-06-01,3,\n"     // escalated absent = 0 → 3 resolved
       "d3,B1,dispute_mediation,2023-12-31,,\n"      // to: cases absent = 0
       "d4,B1,dispute_mediation,2024-01-01,10,10\n"  // day after to: out
       "d5,B1,dispute_mediation,2022-12-31,10,10\n"  // day before from: out
       "d6,B1,home_visit,2023-05-01,7,7\n"           // cases on another kind: not counted
       "d7,B2,dispute_mediation,2023-05-01,0,0\n"},  // B2: Σ cases = 0
  });
  // B1: resolved (5 − 1) + (3 − 0) + 0 = 7; rate Σ escalated / Σ cases = 1 / 8.
  // B2: resolved 0, rate NaN (Σ cases = 0). B3: nothing: resolved 0, rate NaN.
  const Eigen::VectorXd resolved = run("cohesion.disputes_resolved", ds, k2023);
  EXPECT_EQ(resolved, Eigen::Vector3d(7, 0, 0));
  const Eigen::VectorXd rate = run("cohesion.escalation_rate", ds, k2023);
  EXPECT_DOUBLE_EQ(rate[0], 1.0 / 8.0);
  EXPECT_TRUE(std::isnan(rate[1]));
  EXPECT_TRUE(std::isnan(rate[2]));
  // Over [2022-12-31, 2024-01-01]: cases 5 + 3 + 10 + 10 = 28, escalated 1 + 10 + 10 = 21;
  // resolved 4 + 3 + 0 + 0 = 7; rate 21 / 28 = 0.75.
  const Period wide = lt::period("2022-12-31", "2024-01-01");
  EXPECT_EQ(run("cohesion.disputes_resolved", ds, wide)[0], 7);
  EXPECT_DOUBLE_EQ(run("cohesion.escalation_rate", ds, wide)[0], 0.75);
}

TEST_F(CohesionMetrics, PairingMonthsCountsDistinctYearMonths) {
  const Dataset ds = lt::load_csv({
      {"branches.csv", "branch_id,name\nB1,one\nB2,two\n"},
      {"activities.csv",
       "activity_id,branch_id,kind,date\n"
       "p1,B1,pairing_activity,2023-01-01\n"   // 2023-01
       "p2,B1,pairing_activity,2023-01-31\n"   // 2023-01 again
       "p3,B1,pairing_activity,2023-02-28\n"   // 2023-02
       "p4,B1,pairing_activity,2023-12-31\n"   // 2023-12
       "p5,B1,pairing_activity,2022-12-31\n"   // 2022-12
       "p6,B1,pairing_activity,2024-01-01\n"   // 2024-01
       "p7,B1,home_visit,2023-03-15\n"         // 2023-03, not pairing
       "p8,B1,pairing_activity,2024-02-29\n"   // 2024-02
       "p9,B2,pairing_activity,2023-06-14\n"   // 2023-06
       "p10,B2,pairing_activity,2023-06-15\n"  // 2023-06
       "p11,B2,pairing_activity,2024-06-14\n"  // 2024-06
       "p12,B2,pairing_activity,2024-06-15\n"},  // 2024-06
  });
  // 2023: B1 months 01, 02, 12 = 3 (p5, p6 out). B2: 2023-06 = 1.
  EXPECT_EQ(run("cohesion.pairing_months", ds, k2023), Eigen::Vector2d(3, 1));
  // [2023-06-15, 2024-06-14] (a period spanning 13 calendar months):
  // B1: 2023-12 (p4), 2024-01 (p6), 2024-02 (p8, a leap day) = 3.
  // B2: p10 2023-06 and p11 2024-06 are different (year, month) pairs = 2; p9, p12 are out.
  EXPECT_EQ(run("cohesion.pairing_months", ds, lt::period("2023-06-15", "2024-06-14")), Eigen::Vector2d(3, 2));
  // [2022-12-31, 2024-02-29]: B1 2022-12, 2023-01, 2023-02, 2023-12, 2024-01, 2024-02 = 6 (> 12 is possible,
  // see below); B2 2023-06 = 1.
  EXPECT_EQ(run("cohesion.pairing_months", ds, lt::period("2022-12-31", "2024-02-29")), Eigen::Vector2d(6, 1));
}

TEST_F(CohesionMetrics, PairingMonthsOverTwoCenturies) {
  // 2400 months: more than twelve distinct months, and a span beyond any small fixed buffer.
  std::string activities = "activity_id,branch_id,kind,date\n";
  // One pairing activity on the 1st of each month of 1950 and of 2050 (24 months), each twice.
  for (int year : {1950, 2050})
    for (int month = 1; month <= 12; ++month)
      for (int copy = 0; copy < 2; ++copy) {
        char line[80];
        std::snprintf(line, sizeof line, "p%d_%d_%d,B1,pairing_activity,%d-%02d-01\n", year, month, copy, year, month);
        activities += line;
      }
  activities += "e1,B1,pairing_activity,1900-01-01\n";  // from: 1900-01
  activities += "e2,B1,pairing_activity,2099-12-31\n";  // to: 2099-12
  activities += "e3,B1,pairing_activity,1899-12-31\n";  // day before from: out
  activities += "e4,B1,pairing_activity,2100-01-01\n";  // day after to: out
  const Dataset ds = lt::load_csv({{"branches.csv", "branch_id,name\nB1,one\n"}, {"activities.csv", activities}});
  // 12 (1950) + 12 (2050) + 1 (1900-01) + 1 (2099-12) = 26.
  EXPECT_EQ(run("cohesion.pairing_months", ds, lt::period("1900-01-01", "2099-12-31"))[0], 26);
  // 1950 alone: 12.
  EXPECT_EQ(run("cohesion.pairing_months", ds, lt::period("1950-01-01", "1950-12-31"))[0], 12);
}

TEST_F(CohesionMetrics, PairingMonthsOnManyBranchesInParallel) {
  // 5000 branches (more than one chunk of parallel_for_branches), a 2400-month period (the
  // per-thread buffer). Branch i (month m = i % 12 + 1) has pairing activities on 1950-m-01,
  // 1950-m-15 (the same month) and 2050-m-01 (another year): 2 months each, and one home visit.
  constexpr int kBranches = 5000;
  std::string branches = "branch_id,name\n";
  std::string activities = "activity_id,branch_id,kind,date\n";
  for (int i = 0; i < kBranches; ++i) {
    const int month = i % 12 + 1;
    char line[160];
    std::snprintf(line, sizeof line, "B%d,b\n", i);
    branches += line;
    std::snprintf(line, sizeof line,
                  "a%d,B%d,pairing_activity,1950-%02d-01\nb%d,B%d,pairing_activity,1950-%02d-15\n"
                  "c%d,B%d,pairing_activity,2050-%02d-01\nd%d,B%d,home_visit,2000-%02d-01\n",
                  i, i, month, i, i, month, i, i, month, i, i, month);
    activities += line;
  }
  const Dataset ds = lt::load_csv({{"branches.csv", branches}, {"activities.csv", activities}});
  const Period p = lt::period("1900-01-01", "2099-12-31");
  EXPECT_EQ(run("cohesion.pairing_months", ds, p), Eigen::VectorXd::Constant(kBranches, 2.0));
  EXPECT_EQ(run("cohesion.home_visits", ds, p), Eigen::VectorXd::Constant(kBranches, 1.0));
}

TEST_F(CohesionMetrics, AidPerMemberSumsAmountsOfAllActivities) {
  const Dataset ds = lt::load_csv(
      {
          {"branches.csv", "branch_id,name\nB1,one\nB2,two\nB3,three\n"},
          {"members.csv",
           "member_id,branch_id,birth_date,admission_date,left_branch\n"
           "q1,B1,1980-01-01,2010-01-01,\n"            // from: yes, to: yes
           "q2,B1,1980-01-01,2010-01-01,2023-12-31\n"  // leaves on to: yes, no
           "q3,B3,1980-01-01,2010-01-01,\n"},          // B3: yes, yes
          {"activities.csv",
           "activity_id,branch_id,kind,date,amount_yuan\n"
           "h1,B1,home_visit,2023-01-01,100.5\n"          // from
           "h2,B1,training,2023-12-31,50\n"               // to; any kind counts
           "h3,B1,pairing_activity,2023-06-01,\n"         // absent = 0
           "h6,B2,home_visit,2023-05-01,80\n"             // B2
           "h4,B1,home_visit,2024-01-01,1000\n"           // day after to: out
           "h5,B1,volunteer_service,2022-12-31,1000\n"    // day before from: out
           "h7,B3,home_visit,2023-05-01,\n"               // B3: no money
           "h8,B1,charity_fair,2023-07-01,0.25\n"},       // a custom kind counts too
      },
      libbranch::LoadOptions{.allow_custom_kinds = true});
  const Eigen::VectorXd v = run("cohesion.aid_per_member", ds, k2023);
  // B1: Σ = 100.5 + 50 + 0 + 0.25 = 150.75; N(from) = 2, N(to) = 1, N̄ = 1.5 → 100.5.
  EXPECT_DOUBLE_EQ(v[0], 150.75 / 1.5);
  // B2: no members, N̄ = 0 → NaN.
  EXPECT_TRUE(std::isnan(v[1]));
  // B3: Σ = 0, N̄ = 1 → 0.
  EXPECT_EQ(v[2], 0.0);
}

TEST_F(CohesionMetrics, ParticipationRateOverOrganizationLifeWithExpectedAttendees) {
  const Dataset ds = lt::load_csv({
      {"branches.csv", "branch_id,name\nB1,one\nB2,two\nB3,three\nB4,four\n"},
      {"members.csv",
       "member_id,branch_id,birth_date,admission_date\n"
       "m1,B1,1980-01-01,2010-01-01\nm2,B1,1980-01-01,2010-01-01\nm3,B1,1980-01-01,2010-01-01\n"},
      {"activities.csv",
       "activity_id,branch_id,kind,date,attendees,expected\n"
       "a1,B1,branch_congress,2023-01-01,8,10\n"     // from: 8 / 10
       "a2,B1,group_meeting,2023-03-01,5,\n"         // expected absent: left out
       "a3,B1,party_lecture,2023-04-01,,10\n"        // no attendee count: left out
       "a4,B1,theme_day,2023-05-01,0,0\n"            // expected = 0: left out
       "a5,B1,org_life_meeting,2023-12-31,,4\n"      // to: 3 attendance rows / 4
       "a6,B1,theme_day,2024-01-01,10,10\n"          // day after to: out
       "a7,B1,training,2023-06-01,1,100\n"           // not organization life
       "a8,B1,committee_meeting,2023-06-01,1,10\n"   // not in the list
       "a9,B2,group_meeting,2023-03-01,5,\n"         // B2: nothing qualifies
       "b1,B3,theme_day,2023-02-01,12,10\n"          // B3: more attendees than expected is kept
       "b2,B3,party_lecture,2023-03-01,0,5\n"        // an attendee count of 0 qualifies
       "b3,B3,theme_day,2022-12-31,10,10\n"},        // day before from: out
      {"attendance.csv", "activity_id,member_id\na5,m1\na5,m2\na5,m3\n"},
  });
  const Eigen::VectorXd v = run("cohesion.participation_rate", ds, k2023);
  // B1: (8 + 3) / (10 + 4) = 11 / 14.
  EXPECT_DOUBLE_EQ(v[0], 11.0 / 14.0);
  EXPECT_TRUE(std::isnan(v[1]));  // B2: none qualify
  // B3: (12 + 0) / (10 + 5) = 0.8.
  EXPECT_DOUBLE_EQ(v[2], 12.0 / 15.0);
  EXPECT_TRUE(std::isnan(v[3]));  // B4: no activities
}

}  // namespace
