// Loading and validation (docs/reference/data-format.md): values, cross-file rules, grouping by
// branch.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include <libbranch/io/load.hpp>

#include "support/temp_dir.hpp"

namespace libbranch {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;

constexpr const char* kBranches =
    "branch_id,name,parent_id,org_type,last_election,internal_units,units_covered,facilities,service_station\n"
    "b1,法院党支部,p1,organ,2023-05-10,8,8,activity_room;gym,staffed;venue;team;activities;rules\n"
    "b2,村党支部,p1,village,2021-03-01,,,,\n";

std::vector<Problem> problems_of(const TempDir& dir, const LoadOptions& options = {}) {
  try {
    (void)load_directory(dir.path(), options);
  } catch (const DataError& e) {
    return e.problems();
  }
  return {};
}

std::string first_error(const TempDir& dir, const LoadOptions& options = {}) {
  for (const Problem& p : problems_of(dir, options))
    if (p.severity == Severity::error) return p.to_string();
  return "";
}

TEST(Load, ReadsAllTablesAndGroupsRowsByBranch) {
  TempDir dir;
  dir.write("branches.csv", kBranches);
  dir.write("members.csv",
            "member_id,branch_id,birth_date,admission_date,conversion_date,role\n"
            "m1,b2,1970-01-01,2000-01-01,2001-01-01,secretary\n"
            "m2,b1,1980-02-29,2010-07-01,2011-07-01,secretary\n"
            "m3,b1,1990-05-05,2025-03-01,,\n");
  dir.write("activities.csv",
            "activity_id,branch_id,kind,date,attendees,expected,hours,lecturer_id,amount_yuan,cases,escalated\n"
            "a1,b1,party_lecture,2025-03-02,,10,2,m2,,,\n"
            "a2,b2,dispute_mediation,2025-04-01,,,,,,3,1\n"
            "a3,b1,pairing_activity,2025-05-01,4,,1.5,,1200.5,,\n");
  dir.write("attendance.csv", "activity_id,member_id\na1,m2\na1,m3\n");
  dir.write("observations.csv", "branch_id,indicator,date,value\nb2,honors,,2\nb1,online_filing_rate,2025-12-31,0.96\n");
  std::vector<Problem> warnings;
  const Dataset ds = load_directory(dir.path(), {}, &warnings);
  EXPECT_TRUE(warnings.empty());
  ASSERT_EQ(ds.branch_count(), 2u);
  // b1's rows come first, file order kept within the branch.
  EXPECT_EQ(ds.members().id[0], "m2");
  EXPECT_EQ(ds.members().id[1], "m3");
  EXPECT_EQ(ds.members().id[2], "m1");
  EXPECT_EQ(ds.members_of(0).size(), 2u);
  EXPECT_EQ(ds.activities().id[0], "a1");
  EXPECT_EQ(ds.activities().id[1], "a3");
  EXPECT_EQ(ds.activities().id[2], "a2");
  // The attendee count of a1 comes from its two attendance rows.
  EXPECT_EQ(ds.activities().attendees.get(0), 2);
  EXPECT_EQ(ds.activities().attendees.get(1), 4);
  EXPECT_FALSE(ds.activities().attendees.get(2).has_value());
  EXPECT_EQ(ds.activities().lecturer.get(0), 0u);  // m2 is member row 0 after grouping
  EXPECT_EQ(ds.activities().amount_yuan.get(1), 1200.5);
  EXPECT_EQ(ds.activities().cases.get(2), 3);
  EXPECT_EQ(ds.activities().escalated.get(2), 1);
  EXPECT_TRUE(std::isnan(ds.activities().hours[2]));
  EXPECT_EQ(ds.branches().facilities[0], 0b100001);
  EXPECT_EQ(ds.branches().service_station[0], 0b11111);
  EXPECT_EQ(ds.observations().branch[0], 0u);
  EXPECT_EQ(ds.observations().indicator[0], "online_filing_rate");
  EXPECT_TRUE(ds.observations().date[1].is_none());
  EXPECT_EQ(ds.find_branch("b2"), 1u);
  EXPECT_FALSE(ds.find_branch("b3").has_value());
}

TEST(Load, TrimsSpacesIncludingIdeographicAndNoBreakSpace) {
  TempDir dir;
  dir.write("branches.csv", "\xEF\xBB\xBF branch_id , name \r\n \"b1\" ,\xE3\x80\x80\xE6\xB3\x95\xC2\xA0\r\n");
  const Dataset ds = load_directory(dir.path());
  EXPECT_EQ(ds.branches().id[0], "b1");
  EXPECT_EQ(ds.branches().name[0], "\xE6\xB3\x95");
}

TEST(Load, CollectsEveryProblemWithPlaceAndValue) {
  TempDir dir;
  dir.write("branches.csv", kBranches);
  dir.write("members.csv",
            "member_id,branch_id,birth_date,admission_date\n"
            "m1,b9,1970-01-01,2000-01-01\n"
            "m2,b1,1990-02-30,2010-01-01\n");
  const auto problems = problems_of(dir);
  ASSERT_EQ(problems.size(), 2u);
  const std::string file = (dir.path() / "members.csv").string();
  EXPECT_EQ(problems[0].to_string(), file + ":2: error: branch_id: unknown branch_id (not in branches.csv) 'b9'");
  EXPECT_EQ(problems[1].to_string(), file + ":3: error: birth_date: not a valid date (expected YYYY-MM-DD) '1990-02-30'");
}

TEST(Load, AttendanceThatDisagreesWithAttendeesIsReportedAtTheActivity) {
  TempDir dir;
  dir.write("branches.csv", kBranches);
  dir.write("members.csv", "member_id,branch_id,birth_date,admission_date\nm1,b1,1970-01-01,2000-01-01\n");
  dir.write("activities.csv", "activity_id,branch_id,kind,date,attendees\na1,b1,theme_day,2025-01-05,3\n");
  dir.write("attendance.csv", "activity_id,member_id\na1,m1\n");
  EXPECT_THAT(first_error(dir), HasSubstr("activities.csv:2: error: attendees: disagrees with attendance.csv"));
  EXPECT_THAT(first_error(dir), HasSubstr("'3'"));
}

TEST(Load, CustomKindsNeedTheOption) {
  TempDir dir;
  dir.write("branches.csv", kBranches);
  dir.write("activities.csv", "activity_id,branch_id,kind,date\na1,b1,tree_planting,2025-01-05\n");
  EXPECT_THAT(first_error(dir), HasSubstr("kind: unknown activity kind"));
  LoadOptions options;
  options.allow_custom_kinds = true;
  const Dataset ds = load_directory(dir.path(), options);
  ASSERT_EQ(ds.custom_kinds().size(), 1u);
  EXPECT_EQ(ds.kind_id(ds.activities().kind[0]), "tree_planting");
  dir.write("activities.csv", "activity_id,branch_id,kind,date\na1,b1,Tree-Planting,2025-01-05\n");
  EXPECT_THAT(first_error(dir, options), HasSubstr("must match [a-z0-9_]+ 'Tree-Planting'"));
}

TEST(Load, HeaderOnlyBranchesIsAnEmptyDataset) {
  TempDir dir;
  dir.write("branches.csv", "branch_id,name\n");
  EXPECT_EQ(load_directory(dir.path()).branch_count(), 0u);
}

TEST(Load, MissingBranchesFileIsAnError) {
  TempDir dir;
  dir.write("members.csv", "member_id,branch_id,birth_date\n");
  EXPECT_THAT(first_error(dir), HasSubstr("branches.csv is required"));
}

TEST(Load, TablesFromMemoryReportRowLabels) {
  TableSources sources;
  sources.branches = std::make_unique<MemoryTableSource>(
      "branches", std::vector<std::string>{"branch_id", "name", "brands"},
      std::vector<TableRow>{{{"b1", "一支部", "2"}, 0, "r0"}, {{"b2", "二支部", "3.0"}, 0, "r1"}});
  try {
    (void)load_tables(std::move(sources));
    FAIL() << "expected a DataError";
  } catch (const DataError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].to_string(), "branches[r1]: error: brands: not an integer (digits only, e.g. 12) '3.0'");
  }
}

}  // namespace
}  // namespace libbranch
