// The civility plugin's metrics (docs/reference/metrics.md §4, 文明创建好) on tiny datasets loaded from
// CSV files. Every expected value is derived by hand in the comments next to it.
#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <string>
#include <vector>

#include "support/metric_fixture.hpp"

extern "C" const char* libbranch_plugin_civility_init(libbranch::PluginRegistrar*);

namespace {

using libbranch::Dataset;
using libbranch::Direction;
using libbranch::MetricRegistry;
using libbranch::Period;
namespace lt = libbranch::testing;

class CivilityMetrics : public ::testing::Test {
 protected:
  MetricRegistry registry = lt::registry_with_plugin(libbranch_plugin_civility_init, "civility", {"civility"});

  Eigen::VectorXd run(const char* id, const Dataset& ds, const Period& p) { return lt::compute(registry, id, ds, p); }
};

const Period k2023 = lt::period("2023-01-01", "2023-12-31");

TEST_F(CivilityMetrics, RegistersExactlyTheSpecMetrics) {
  const std::vector<std::string> expected{
      "civility.brands",          "civility.facilities",           "civility.group_coverage",
      "civility.pioneer_posts_per_10", "civility.service_station", "civility.volunteer_hours_per_member",
  };
  EXPECT_EQ(lt::metric_ids(registry), expected);
  for (const libbranch::Metric* m : registry.metrics()) {
    SCOPED_TRACE(m->id);
    EXPECT_EQ(m->direction, Direction::benefit);
    EXPECT_FALSE(m->label_zh.empty());
    EXPECT_FALSE(m->label_en.empty());
    EXPECT_FALSE(m->unit.empty());
    ASSERT_FALSE(m->summary.empty());
    EXPECT_TRUE(std::isupper(static_cast<unsigned char>(m->summary[0])));
    EXPECT_TRUE(m->params.empty());
    EXPECT_EQ(registry.owner(m->id), "civility");
  }
}

// B1 has everything; B2 leaves cells absent; B3 has zero business units; B4 has no internal_units,
// an empty facility item and a repeated service-station item (a warning; counts once).
const char* const kBranchesCsv =
    "branch_id,name,internal_units,units_covered,pioneer_posts,brands,facilities,service_station\n"
    "B1,one,4,3,3,3,activity_room;library_corner;culture_corridor;honor_wall;brand_wall;gym,"
    "staffed;venue;team;activities;rules\n"
    "B2,two,4,,,,gym,venue; rules\n"
    "B3,three,0,0,2,0,,\n"
    "B4,four,,,1,1,honor_wall;;brand_wall,team;team\n";

TEST_F(CivilityMetrics, BranchAttributes) {
  std::vector<libbranch::Problem> warnings;
  lt::TempDir dir;
  dir.write("branches.csv", kBranchesCsv);
  const Dataset ds = libbranch::load_directory(dir.path(), {}, &warnings);
  EXPECT_EQ(warnings.size(), 1u);  // the repeated `team`
  // group_coverage: B1 3/4; B2 covered absent → 0/4 = 0; B3 internal_units 0 → 1; B4 absent → 1.
  EXPECT_EQ(run("civility.group_coverage", ds, k2023), Eigen::Vector4d(0.75, 0, 1, 1));
  // service_station (五有): B1 5; B2 venue, rules = 2; B3 0; B4 team (once) = 1.
  EXPECT_EQ(run("civility.service_station", ds, k2023), Eigen::Vector4d(5, 2, 0, 1));
  // brands: 3; absent → 0; 0; 1.
  EXPECT_EQ(run("civility.brands", ds, k2023), Eigen::Vector4d(3, 0, 0, 1));
  // facilities: all 6; gym = 1; none = 0; honor_wall, brand_wall = 2.
  EXPECT_EQ(run("civility.facilities", ds, k2023), Eigen::Vector4d(6, 1, 0, 2));
  // None of them depends on the period.
  EXPECT_EQ(run("civility.facilities", ds, lt::period("1990-01-01", "1990-01-01")), Eigen::Vector4d(6, 1, 0, 2));
}

TEST_F(CivilityMetrics, PioneerPostsPer10MembersOnTheLastDay) {
  const Dataset ds = lt::load_csv({
      {"branches.csv", kBranchesCsv},
      {"members.csv",
       "member_id,branch_id,birth_date,admission_date,joined_branch,left_branch\n"
       "r1,B1,1980-01-01,2010-01-01,,\n"            // on to
       "r2,B1,1980-01-01,2010-01-01,,\n"            // on to
       "r3,B1,1980-01-01,2023-12-31,,\n"            // admitted on to: on to
       "r5,B1,1980-01-01,2010-01-01,,2023-12-31\n"  // leaves on to: not on to
       "r6,B1,1980-01-01,2010-01-01,2023-12-31,\n"  // joins on to: on to
       "r4,B1,1980-01-01,2024-01-01,,\n"            // admitted the day after: not on to
       "r7,B2,1980-01-01,2010-01-01,,\n"
       "r8,B2,1980-01-01,2010-01-01,,\n"
       "r9,B3,1980-01-01,2010-01-01,,2023-12-31\n"  // B3's only member leaves on to
       "r10,B4,1980-01-01,2010-01-01,,\n"
       "r11,B4,1980-01-01,2010-01-01,,\n"
       "r12,B4,1980-01-01,2010-01-01,,\n"},
  });
  const Eigen::VectorXd v = run("civility.pioneer_posts_per_10", ds, k2023);
  // B1: N(to) = r1, r2, r3, r6 = 4; pioneer_posts 3 → (10 · 3) / 4 = 7.5.
  EXPECT_EQ(v[0], 7.5);
  // B2: pioneer_posts absent → 0; N(to) = 2 → 0.
  EXPECT_EQ(v[1], 0.0);
  // B3: N(to) = 0 → NaN (N(from) = 1 does not matter).
  EXPECT_TRUE(std::isnan(v[2]));
  // B4: (10 · 1) / 3.
  EXPECT_EQ(v[3], 10.0 / 3.0);
}

TEST_F(CivilityMetrics, PioneerPostsPer10OnALeapDay) {
  const Dataset ds = lt::load_csv({
      {"branches.csv", "branch_id,name,pioneer_posts\nB1,one,5\n"},
      {"members.csv",
       "member_id,branch_id,birth_date,admission_date,left_branch\n"
       "s1,B1,1980-01-01,2024-02-29,\n"            // admitted on to (29 February): counts
       "s2,B1,1980-01-01,2010-01-01,2024-02-29\n"  // leaves on to: does not
       "s3,B1,1980-01-01,2024-03-01,\n"},          // admitted the day after: does not
  });
  // N(2024-02-29) = 1 → (10 · 5) / 1 = 50.
  EXPECT_EQ(run("civility.pioneer_posts_per_10", ds, lt::period("2023-03-01", "2024-02-29"))[0], 50.0);
}

TEST_F(CivilityMetrics, VolunteerHoursPerMember) {
  const Dataset ds = lt::load_csv({
      {"branches.csv", "branch_id,name\nB1,one\nB2,two\nB3,three\n"},
      {"members.csv",
       "member_id,branch_id,birth_date,admission_date,joined_branch,left_branch\n"
       "u1,B1,1980-01-01,2010-01-01,,\n"            // from: yes, to: yes
       "u2,B1,1980-01-01,2023-01-01,,\n"            // admitted on from: yes, yes
       "u3,B1,1980-01-01,2010-01-01,,2023-01-01\n"  // leaves on from: no, no
       "u4,B1,1980-01-01,2010-01-01,2023-12-31,\n"  // joins on to: no, yes
       "u5,B3,1980-01-01,2010-01-01,,\n"},
      {"activities.csv",
       "activity_id,branch_id,kind,date,attendees,hours\n"
       "w1,B1,volunteer_service,2023-01-01,4,2.5\n"   // from: 4 · 2.5 = 10
       "w2,B1,volunteer_service,2023-12-31,,1\n"      // to: 2 attendance rows · 1 = 2
       "w3,B1,volunteer_service,2023-06-01,10,\n"     // hours absent: 0
       "w4,B1,volunteer_service,2024-01-01,5,5\n"     // day after to: out
       "w5,B1,volunteer_service,2022-12-31,5,5\n"     // day before from: out
       "w6,B1,brand_activity,2023-05-05,5,5\n"        // other kind
       "w8,B2,volunteer_service,2023-05-05,5,5\n"     // B2 has no members
       "w7,B1,volunteer_service,2023-08-08,3,0.1\n"}, // 3 · 0.1
      {"attendance.csv", "activity_id,member_id\nw2,u1\nw2,u2\n"},
  });
  const Eigen::VectorXd v = run("civility.volunteer_hours_per_member", ds, k2023);
  // B1: N(from) = u1, u2 = 2; N(to) = u1, u2, u4 = 3; N̄ = 2.5.
  //     Σ in file order: 10 + 2 + 0 + 3 · 0.1 = 12.3 → 12.3 / 2.5 = 4.92.
  EXPECT_DOUBLE_EQ(v[0], (10.0 + 2.0 + 0.0 + 0.1 * 3.0) / 2.5);
  EXPECT_NEAR(v[0], 4.92, 1e-12);
  // B2: N̄ = 0 → NaN.
  EXPECT_TRUE(std::isnan(v[1]));
  // B3: no volunteering, N̄ = 1 → 0.
  EXPECT_EQ(v[2], 0.0);
}

}  // namespace
