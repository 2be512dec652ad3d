// branchscore members on the hand-made branch of tests/member_points/test_member_points.cpp (whose header
// derives every number used here) and on the bundled sample.
#include <filesystem>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/run_cli.hpp"

namespace {

using ::testing::HasSubstr;
using libbranch::testing::branchscore;
using libbranch::testing::CliRun;
using libbranch::testing::slurp;
using libbranch::testing::TempDir;

const std::string kDir = std::string(LIBBRANCH_FIXTURES_DIR) + "/member_points";
const std::string kHandMade = kDir + "/branch --rubric " + kDir + "/rubric.json --year 2024";

TEST(CliMembers, JsonWithLedger) {
  const CliRun r = branchscore("members " + kHandMade + " --format json --ledger");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // X1 of B2 attended A1 of B1: the loader's warning.
  EXPECT_THAT(r.err, HasSubstr("attendance.csv:23: warning: member_id:"));
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["rubric"], "hand-made test rubric");
  EXPECT_EQ(doc["from"], "2024-01-01");
  ASSERT_EQ(doc["members"].size(), 6u);
  EXPECT_EQ(doc["members"][0]["member_id"], "M1");
  EXPECT_EQ(doc["members"][0]["total"], 22);
  EXPECT_EQ(doc["members"][0]["capped"], 14);
  EXPECT_EQ(doc["members"][1]["member_id"], "M4");
  EXPECT_EQ(doc["members"][1]["rank"], 1);
  EXPECT_EQ(doc["members"][2]["rank"], 3);
  int absences_m5 = 0;
  for (const auto& e : doc["ledger"])
    if (e["member_id"] == "M5" && e["reason"] == "absence") ++absences_m5;
  EXPECT_EQ(absences_m5, 5);  // A1, A5, A6, A8, A9
}

TEST(CliMembers, CsvForOneBranchToOutFile) {
  TempDir dir;
  const std::string out = (dir.path() / "members.csv").string();
  const CliRun r = branchscore("members " + kHandMade + " --branch B2 --format csv --out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(slurp(out),
            "branch_id,member_id,name,rank,total,base,earned,capped,deductions,bonuses,clamped\n"
            "B2,X1,Xu,1,10,10,0,0,0,0,0\n");
}

TEST(CliMembers, LedgerCsvAndTable) {
  const CliRun csv = branchscore("members " + kHandMade + " --branch B1 --format csv --ledger");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_THAT(csv.out, HasSubstr("branch_id,member_id,name,date,activity_id,kind,reason,points\n"));
  EXPECT_THAT(csv.out, HasSubstr("B1,M1,Alice,2024-01-06,A4,volunteer_service,cap_kind_month,-2\n"));
  EXPECT_THAT(csv.out, HasSubstr("B1,M2,Bob,2024-01-15,A2,party_lecture,bonus:lecturer,3\n"));
  EXPECT_THAT(csv.out, HasSubstr("B1,M2,Bob,2024-03-31,,,bonus:full_attendance,1\n"));
  const CliRun table = branchscore("members " + kHandMade);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("  1. M1 Alice  22  (base 10, earned 23, capped 14, deductions 0, bonuses 4, clamp -1)\n"));
  EXPECT_THAT(table.out, HasSubstr("6 members, 2024-01-01 to 2024-12-31\n"));
}

TEST(CliMembers, ErrorsAndUsage) {
  TempDir dir;
  dir.write("p.json", R"({"caps": {"per_month": "ten"}})");
  const std::string out = (dir.path() / "out.csv").string();
  const CliRun bad = branchscore("members " + kDir + "/branch --rubric " + (dir.path() / "p.json").string() +
                                 " --format csv --out " + out);
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("p.json: caps.per_month: expected an integer '\"ten\"'"));
  EXPECT_FALSE(std::filesystem::exists(out));
  const CliRun unknown = branchscore("members " + kHandMade + " --branch B9");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("no branch 'B9'"));
  EXPECT_EQ(branchscore("members " + kHandMade + " --format xml").exit_code, 2);
  EXPECT_EQ(branchscore("members " + kDir + "/branch --from 2024-05-01 --to 2024-01-01").exit_code, 2);
}

}  // namespace
