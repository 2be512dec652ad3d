// The rule_of_law plugin's metrics (docs/reference/metrics.md §2, 依法治理好) on tiny datasets loaded
// from CSV files. Every expected value is derived by hand in the comments next to it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>
#include <vector>

#include "support/metric_fixture.hpp"

extern "C" const char* libbranch_plugin_rule_of_law_init(libbranch::PluginRegistrar*);

namespace {

using libbranch::Dataset;
using libbranch::Direction;
using libbranch::MetricRegistry;
using libbranch::Period;
namespace lt = libbranch::testing;

class RuleOfLawMetrics : public ::testing::Test {
 protected:
  MetricRegistry registry = lt::registry_with_plugin(libbranch_plugin_rule_of_law_init, "rule_of_law", {"rule_of_law"});

  Eigen::VectorXd run(const char* id, const Dataset& ds, const Period& p) { return lt::compute(registry, id, ds, p); }
};

const Period k2023 = lt::period("2023-01-01", "2023-12-31");

TEST_F(RuleOfLawMetrics, RegistersExactlyTheSpecMetrics) {
  const std::vector<std::string> expected{
      "rule_of_law.disclosure_quarters", "rule_of_law.integrity_meetings",
      "rule_of_law.lecture_hall",        "rule_of_law.legal_education",
      "rule_of_law.online_share",        "rule_of_law.role_model_study",
      "rule_of_law.serious_violations",  "rule_of_law.training_hours_per_member",
      "rule_of_law.training_per_member", "rule_of_law.warning_education",
  };
  EXPECT_EQ(lt::metric_ids(registry), expected);
  for (const libbranch::Metric* m : registry.metrics()) {
    SCOPED_TRACE(m->id);
    EXPECT_EQ(m->direction, m->id == "rule_of_law.serious_violations" ? Direction::cost : Direction::benefit);
    EXPECT_FALSE(m->label_zh.empty());
    EXPECT_FALSE(m->label_en.empty());
    EXPECT_FALSE(m->unit.empty());
    ASSERT_FALSE(m->summary.empty());
    EXPECT_TRUE(std::isupper(static_cast<unsigned char>(m->summary[0])));  // "Counts …", "Divides …"
    EXPECT_TRUE(m->params.empty());                                         // docs/reference/metrics.md §8: no parameters
    EXPECT_EQ(m->standard(), "rule_of_law");
    EXPECT_EQ(registry.owner(m->id), "rule_of_law");
  }
}

// Counts of one or two kinds: activities on `from` and `to` count, the day before and after do not.
TEST_F(RuleOfLawMetrics, CountsActivitiesOfTheirKindsInsideThePeriod) {
  const Dataset ds = lt::load_csv({
      {"branches.csv", "branch_id,name\nB1,one\nB2,two\nB3,three\n"},
      {"activities.csv",
       "activity_id,branch_id,kind,date\n"
       "c1,B1,legal_education,2022-12-31\n"  // day before from: out
       "c2,B1,legal_education,2023-01-01\n"  // from: in
       "c13,B2,legal_education,2023-05-05\n"  // another branch, between B1's rows in the file
       "c3,B1,legal_education,2023-12-31\n"  // to: in
       "c4,B1,legal_education,2024-01-01\n"  // day after to: out
       "c5,B1,lecture_hall,2023-06-15\n"
       "c6,B1,integrity_meeting,2023-01-01\n"
       "c7,B1,integrity_meeting,2023-02-01\n"
       "c8,B1,warning_education,2023-03-01\n"
       "c9,B1,warning_film,2023-12-31\n"
       "c10,B1,warning_film,2024-01-01\n"  // out
       "c11,B1,role_model_study,2023-04-04\n"
       "c12,B1,training,2023-05-05\n"},  // counted by none of these
  });
  // B1: legal_education c2, c3 = 2; lecture_hall c5 = 1; integrity c6, c7 = 2;
  // warning c8 (education) + c9 (film) = 2; role models c11 = 1.
  // B2: legal_education c13 = 1, the rest 0. B3 has no activities: 0 everywhere (not NaN).
  EXPECT_EQ(run("rule_of_law.legal_education", ds, k2023), Eigen::Vector3d(2, 1, 0));
  EXPECT_EQ(run("rule_of_law.lecture_hall", ds, k2023), Eigen::Vector3d(1, 0, 0));
  EXPECT_EQ(run("rule_of_law.integrity_meetings", ds, k2023), Eigen::Vector3d(2, 0, 0));
  EXPECT_EQ(run("rule_of_law.warning_education", ds, k2023), Eigen::Vector3d(2, 0, 0));
  EXPECT_EQ(run("rule_of_law.role_model_study", ds, k2023), Eigen::Vector3d(1, 0, 0));
  // Over [2022-12-31, 2024-01-01] every legal_education activity of B1 counts: 4.
  EXPECT_EQ(run("rule_of_law.legal_education", ds, lt::period("2022-12-31", "2024-01-01"))[0], 4);
  // A one-day period.
  EXPECT_EQ(run("rule_of_law.warning_education", ds, lt::period("2023-12-31", "2023-12-31"))[0], 1);
}

// Members joining and leaving on the period's edges decide N(from), N(to) and N̄.
const char* const kMembersCsv =
    "member_id,branch_id,birth_date,application_date,admission_date,joined_branch,left_branch\n"
    "m1,B1,1980-01-01,,2010-01-01,,\n"            // from: yes, to: yes
    "m2,B1,1980-01-01,,2023-01-01,,\n"            // admitted on from: yes, yes
    "m3,B1,1980-01-01,,2020-01-01,,2023-01-01\n"  // left on from (d < left fails): no, no
    "m4,B1,1980-01-01,,2020-01-01,,2023-12-31\n"  // left on to: yes, no
    "m5,B1,1980-01-01,,2015-05-05,2023-12-31,\n"  // joined on to: no, yes
    "m6,B1,1980-01-01,,2024-01-01,,\n"            // admitted the day after to: no, no
    "m7,B1,1980-01-01,2022-01-01,,,\n"            // applicant, never admitted: no, no
    "m8,B1,1980-01-01,,2020-01-01,,2024-01-01\n"  // left the day after to: yes, yes
    "m9,B1,1980-01-01,,2022-12-31,2023-01-02,\n"  // joined the day after from: no, yes
    "m10,B3,1990-01-01,,2023-07-01,,\n";          // B3: no, yes
// B1: N(from) = m1, m2, m4, m8 = 4; N(to) = m1, m2, m5, m8, m9 = 5; N̄ = 4.5.
// B2: no members, N̄ = 0.  B3: N(from) = 0, N(to) = 1, N̄ = 0.5.

const char* const kTrainingActivitiesCsv =
    "activity_id,branch_id,kind,date,mode,attendees,expected,hours\n"
    "a1,B1,training,2023-03-01,,5,,2\n"            // 5 attendees, 5·2 = 10 hours
    "a2,B1,legal_education,2023-01-01,,4,,1.5\n"   // on from: 4, 4·1.5 = 6
    "a8,B2,training,2023-06-01,,7,,1\n"            // B2
    "a3,B1,lecture_hall,2023-12-31,,,,\n"          // on to: 3 attendance rows, hours absent → 0 hours
    "a4,B1,training,2022-12-31,,100,,10\n"         // day before from: out
    "a5,B1,legal_education,2024-01-01,,100,,10\n"  // day after to: out
    "a6,B1,training,2023-05-05,,,,3\n"             // attendee count absent: 0 and 0
    "a7,B1,party_lecture,2023-04-01,,50,,2\n"      // not a training kind
    "a10,B1,lecture_hall,2023-07-01,,2,,0.25\n"    // 2, 2·0.25 = 0.5
    "a9,B3,training,2023-08-01,,1,,4\n";           // B3: 1, 1·4 = 4
const char* const kTrainingAttendanceCsv =
    "activity_id,member_id\n"
    "a3,m1\na3,m2\na3,m7\n";  // an applicant may attend: a3 has 3 attendees

TEST_F(RuleOfLawMetrics, TrainingPerMemberDividesAttendeesByMeanMembers) {
  const Dataset ds = lt::load_csv({
      {"branches.csv", "branch_id,name\nB1,one\nB2,two\nB3,three\n"},
      {"members.csv", kMembersCsv},
      {"activities.csv", kTrainingActivitiesCsv},
      {"attendance.csv", kTrainingAttendanceCsv},
  });
  const Eigen::VectorXd v = run("rule_of_law.training_per_member", ds, k2023);
  // B1: Σ attendees = a1 5 + a2 4 + a3 3 + a6 0 + a10 2 = 14; N̄ = 4.5.
  EXPECT_DOUBLE_EQ(v[0], 14.0 / 4.5);
  // B2: N̄ = 0 → NaN although it trained.
  EXPECT_TRUE(std::isnan(v[1]));
  // B3: 1 / 0.5 = 2.
  EXPECT_DOUBLE_EQ(v[2], 2.0);
}

TEST_F(RuleOfLawMetrics, TrainingHoursPerMemberSumsHoursTimesAttendees) {
  const Dataset ds = lt::load_csv({
      {"branches.csv", "branch_id,name\nB1,one\nB2,two\nB3,three\n"},
      {"members.csv", kMembersCsv},
      {"activities.csv", kTrainingActivitiesCsv},
      {"attendance.csv", kTrainingAttendanceCsv},
  });
  const Eigen::VectorXd v = run("rule_of_law.training_hours_per_member", ds, k2023);
  // B1: 10 + 6 + 0 (a3: hours absent) + 0 (a6: attendees absent) + 0.5 = 16.5; / 4.5.
  EXPECT_DOUBLE_EQ(v[0], 16.5 / 4.5);
  EXPECT_TRUE(std::isnan(v[1]));
  // B3: 4 / 0.5 = 8.
  EXPECT_DOUBLE_EQ(v[2], 8.0);
}

TEST_F(RuleOfLawMetrics, MeanMembersOverALeapDayPeriod) {
  // Period [2024-02-29, 2025-02-28]: p1 joins on 29 February (from), p2 leaves on it.
  const Dataset ds = lt::load_csv({
      {"branches.csv", "branch_id,name\nB1,one\n"},
      {"members.csv",
       "member_id,branch_id,birth_date,admission_date,joined_branch,left_branch\n"
       "p1,B1,1980-01-01,2010-01-01,2024-02-29,\n"  // from: yes, to: yes
       "p2,B1,1980-01-01,2010-01-01,,2024-02-29\n"  // from: no, to: no
       "p3,B1,1980-01-01,2025-02-28,,\n"},          // from: no, to: yes
      {"activities.csv",
       "activity_id,branch_id,kind,date,attendees,hours\n"
       "t1,B1,training,2024-02-29,3,2\n"     // on from: 3, 6 hours
       "t2,B1,training,2024-02-28,9,9\n"     // day before: out
       "t3,B1,training,2025-02-28,1,1\n"     // on to: 1, 1 hour
       "t4,B1,training,2025-03-01,9,9\n"},   // day after: out
  });
  const Period p = lt::period("2024-02-29", "2025-02-28");
  // N(from) = 1 (p1), N(to) = 2 (p1, p3): N̄ = 1.5. Attendees 4 → 4 / 1.5; hours 7 → 7 / 1.5.
  EXPECT_DOUBLE_EQ(run("rule_of_law.training_per_member", ds, p)[0], 4.0 / 1.5);
  EXPECT_DOUBLE_EQ(run("rule_of_law.training_hours_per_member", ds, p)[0], 7.0 / 1.5);
}

TEST_F(RuleOfLawMetrics, OnlineShareOfThemeDaysAndLegalEducation) {
  const Dataset ds = lt::load_csv({
      {"branches.csv", "branch_id,name\nB1,one\nB2,two\nB3,three\nB4,four\n"},
      {"activities.csv",
       "activity_id,branch_id,kind,date,mode\n"
       "o1,B1,theme_day,2023-02-01,online\n"         // eligible, online
       "o2,B1,theme_day,2023-03-01,offline\n"        // eligible
       "o3,B1,theme_day,2023-04-01,\n"               // eligible, absent mode = offline
       "o4,B1,legal_education,2023-05-01,hybrid\n"   // eligible, hybrid counts as online
       "o5,B1,legal_education,2024-01-01,online\n"   // day after to: out
       "o6,B1,party_lecture,2023-06-01,online\n"     // other kind
       "o7,B1,training,2023-07-01,online\n"          // other kind
       "o8,B1,theme_day,2023-01-01,hybrid\n"         // on from, online
       "o9,B2,training,2023-07-01,online\n"          // B2: nothing eligible
       "o10,B4,theme_day,2022-12-31,online\n"},      // B4: eligible kind, but out of the period
  });
  const Eigen::VectorXd v = run("rule_of_law.online_share", ds, k2023);
  // B1: eligible o1, o2, o3, o4, o8 = 5, of which online/hybrid o1, o4, o8 = 3: 3/5.
  EXPECT_DOUBLE_EQ(v[0], 3.0 / 5.0);
  EXPECT_TRUE(std::isnan(v[1]));  // none eligible
  EXPECT_TRUE(std::isnan(v[2]));  // no activities
  EXPECT_TRUE(std::isnan(v[3]));  // none in the period
}

TEST_F(RuleOfLawMetrics, DisclosureQuartersCountsDistinctYearQuarters) {
  const Dataset ds = lt::load_csv({
      {"branches.csv", "branch_id,name\nB1,one\nB2,two\n"},
      {"activities.csv",
       "activity_id,branch_id,kind,date\n"
       "d1,B1,disclosure,2022-11-14\n"    // day before from: out
       "d2,B1,disclosure,2022-11-15\n"    // from: 2022 Q4
       "d3,B1,disclosure,2022-12-31\n"    // 2022 Q4 again
       "d4,B1,disclosure,2023-01-01\n"    // 2023 Q1
       "d5,B1,disclosure,2023-03-31\n"    // 2023 Q1 again
       "d6,B1,disclosure,2023-04-01\n"    // 2023 Q2
       "x1,B1,lecture_hall,2023-08-01\n"  // 2023 Q3, but not a disclosure
       "d7,B1,disclosure,2023-10-10\n"    // 2023 Q4: not the same quarter as 2022 Q4
       "d8,B1,disclosure,2024-02-29\n"    // to, a leap day: 2024 Q1
       "d9,B1,disclosure,2024-03-01\n"},  // day after to: out
  });
  // [2022-11-15, 2024-02-29]: 2022Q4, 2023Q1, 2023Q2, 2023Q4, 2024Q1 = 5 (more than 4).
  EXPECT_EQ(run("rule_of_law.disclosure_quarters", ds, lt::period("2022-11-15", "2024-02-29")),
            Eigen::Vector2d(5, 0));
  // 2023 alone: Q1 (d4, d5), Q2 (d6), Q4 (d7) = 3.
  EXPECT_EQ(run("rule_of_law.disclosure_quarters", ds, k2023), Eigen::Vector2d(3, 0));
}

TEST_F(RuleOfLawMetrics, SeriousViolationsSumsObservations) {
  const Dataset ds = lt::load_csv({
      {"branches.csv", "branch_id,name\nB1,one\nB2,two\nB3,three\nB4,four\n"},
      {"observations.csv",
       "branch_id,indicator,date,value\n"
       "B1,serious_violations,2023-03-01,1\n"
       "B1,serious_violations,2023-12-31,2\n"  // on to
       "B1,serious_violations,2024-01-01,5\n"  // day after to
       "B1,serious_violations,,7\n"            // undated: unused, B1 has dated ones in 2023
       "B1,honors,2023-05-01,9\n"              // another indicator
       "B2,serious_violations,,4\n"            // only undated: used
       "B4,serious_violations,2022-12-31,1\n"  // dated but outside 2023 …
       "B4,serious_violations,,2\n"},          // … so the undated one is used
  });
  // 2023: B1 1 + 2 = 3; B2 4; B3 none → sum = 0 (not NaN); B4 2.
  EXPECT_EQ(run("rule_of_law.serious_violations", ds, k2023), Eigen::Vector4d(3, 4, 0, 2));
  // 2024: B1 5; B2 4; B3 0; B4 2.
  EXPECT_EQ(run("rule_of_law.serious_violations", ds, lt::period("2024-01-01", "2024-12-31")),
            Eigen::Vector4d(5, 4, 0, 2));
}

TEST_F(RuleOfLawMetrics, EmptyDatasetGivesEmptyColumns) {
  const Dataset ds = lt::load_csv({{"branches.csv", "branch_id,name\n"}});
  for (const std::string& id : lt::metric_ids(registry)) EXPECT_EQ(run(id.c_str(), ds, k2023).size(), 0) << id;
}

}  // namespace
