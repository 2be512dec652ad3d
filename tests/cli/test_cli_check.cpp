// branchscore check on the bundled sample (examples/county_court). The expected findings were
// read off the sample's CSV files by hand (and with a throwaway script over the CSVs, not with
// libbranch): in 2025 the finance bureau (15 formal members; roles: secretary, 1 committee
// member) held committee meetings in 6 months (none in 02, 04, 05, 08, 10, 11), congresses on
// 2025-02-10 and 2025-11-19 only (Q2 and Q3 missing), no 民主评议, and was last elected on
// 2021-04-20 (3-year term → 2024-04-20, postponement at most until 2025-04-20). Every branch
// held its 组织生活会 in January, so each gets the Q4 timing warning; the court has nothing else.
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

const std::string kSample = std::string(LIBBRANCH_SOURCE_DIR) + "/examples/county_court";

std::vector<nlohmann::json> findings_of(const nlohmann::json& doc, const std::string& branch, const std::string& rule) {
  std::vector<nlohmann::json> out;
  for (const auto& f : doc["findings"])
    if (f["branch_id"] == branch && f["rule_id"] == rule) out.push_back(f);
  return out;
}

std::vector<std::string> periods(const std::vector<nlohmann::json>& fs) {
  std::vector<std::string> out;
  for (const auto& f : fs) out.push_back(f["period"]);
  return out;
}

TEST(CliCheck, SampleFinanceBureauFindings) {
  const CliRun r = branchscore("check " + kSample + " --year 2025 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["from"], "2025-01-01");
  EXPECT_EQ(periods(findings_of(doc, "finance_bureau", "meeting.committee")),
            (std::vector<std::string>{"2025-02", "2025-04", "2025-05", "2025-08", "2025-10", "2025-11"}));
  EXPECT_EQ(periods(findings_of(doc, "finance_bureau", "meeting.branch_congress")),
            (std::vector<std::string>{"2025-Q2", "2025-Q3"}));
  EXPECT_EQ(periods(findings_of(doc, "finance_bureau", "meeting.democratic_review")), (std::vector<std::string>{"2025"}));
  const auto committee = findings_of(doc, "finance_bureau", "structure.committee_size");
  ASSERT_EQ(committee.size(), 1u);
  EXPECT_EQ(committee[0]["actual"], "2");
  EXPECT_EQ(committee[0]["severity"], "violation");
  EXPECT_EQ(committee[0]["evidence"].size(), 2u);
  const auto term = findings_of(doc, "finance_bureau", "structure.committee_term");
  ASSERT_EQ(term.size(), 1u);
  EXPECT_EQ(term[0]["period"], "2024-04-20");
  EXPECT_EQ(term[0]["severity"], "violation");
  EXPECT_EQ(term[0]["instrument"], "《中国共产党支部工作条例（试行）》");
}

TEST(CliCheck, SampleCourtHasOnlyTheOrgLifeTimingWarning) {
  const CliRun r = branchscore("check " + kSample + " --year 2025 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  std::vector<nlohmann::json> court;
  for (const auto& f : doc["findings"])
    if (f["branch_id"] == "court") court.push_back(f);
  ASSERT_EQ(court.size(), 1u) << court[0].dump();
  EXPECT_EQ(court[0]["rule_id"], "meeting.org_life_timing");
  EXPECT_EQ(court[0]["actual"], "held 2025-01-20");
  EXPECT_EQ(court[0]["evidence"], nlohmann::json::array({"FY-2025-017"}));
  // The education bureau's late conversion (admitted 2024-03-11, converted 2025-05-04: after the
  // 30-day grace, before a 6-month extension could end).
  const auto late = findings_of(doc, "education_bureau", "development.conversion_on_time");
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0]["evidence"], nlohmann::json::array({"JYJ021"}));
}

TEST(CliCheck, CsvToOutFileAndTable) {
  TempDir dir;
  const std::string out = (dir.path() / "findings.csv").string();
  const CliRun r = branchscore("check " + kSample + " --year 2025 --format csv --out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  const std::string csv = slurp(out);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "branch_id,name,rule_id,severity,period,expected,actual,evidence_kind,evidence,instrument,article,message");
  EXPECT_THAT(csv, HasSubstr("finance_bureau,县财政局机关党支部,meeting.branch_congress,violation,2025-Q2,"));
  const CliRun table = branchscore("check " + kSample + " --year 2025");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("finance_bureau 县财政局机关党支部\n"));
  EXPECT_THAT(table.out, HasSubstr(" of 8 branches, 2025-01-01 to 2025-12-31\n"));
}

TEST(CliCheck, MalformedRuleFileFailsWithItsPlaceAndWritesNothing) {
  TempDir dir;
  dir.write("rules.json", R"({"rules": [{"id": "a", "type": "silence", "max_days": "thirty"}]})");
  const std::string out = (dir.path() / "out.csv").string();
  const CliRun r = branchscore("check " + kSample + " --rules " + (dir.path() / "rules.json").string() +
                               " --format csv --out " + out);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("rules.json: rules[0].max_days: expected an integer '\"thirty\"'"));
  EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
