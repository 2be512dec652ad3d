// Reading compliance rule sets: the built-in one, a province's own, and malformed files (the error
// names the file, the place — line and column, or the JSON path — and the value).
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <libbranch/compliance.hpp>

#include "support/metric_fixture.hpp"
#include "support/temp_dir.hpp"

namespace {

namespace lt = libbranch::testing;
using libbranch::ComplianceRuleSet;
using libbranch::RuleSetError;
using ::testing::HasSubstr;

TEST(ComplianceRuleSet, BuiltInRulesAreTheShippedFile) {
  const ComplianceRuleSet built_in = ComplianceRuleSet::default_rules();
  const ComplianceRuleSet shipped = ComplianceRuleSet::load(std::string(LIBBRANCH_SOURCE_DIR) + "/compliance/default.json");
  ASSERT_EQ(built_in.rules.size(), shipped.rules.size());
  for (std::size_t i = 0; i < built_in.rules.size(); ++i) EXPECT_EQ(built_in.rules[i].id, shipped.rules[i].id);
  for (const char* id : {"meeting.branch_congress", "meeting.committee", "meeting.group", "meeting.theme_day",
                         "meeting.org_life", "meeting.democratic_review", "activity.silence", "structure.formal_members",
                         "structure.size", "structure.committee_size", "structure.secretary",
                         "structure.secretary_standing", "structure.committee_term",
                         "development.activist_to_candidate", "development.probation_length",
                         "development.conversion_on_time", "development.extension_length",
                         "development.conversion_overdue", "development.preceding_stages"})
    EXPECT_NE(built_in.find(id), nullptr) << id;
  const auto* congress = built_in.find("meeting.branch_congress");
  EXPECT_EQ(congress->instrument, "《中国共产党支部工作条例（试行）》");
  EXPECT_EQ(congress->unit, libbranch::CheckUnit::quarter);
  EXPECT_EQ(congress->effective_from, lt::date("2018-10-28"));
}

TEST(ComplianceRuleSet, AProvinceCanTightenAFrequency) {
  // Two theme days a month: one a month is then a finding for every month.
  const auto rules = ComplianceRuleSet::parse(R"({"name": "某省", "rules": [
      {"id": "p.theme_day", "type": "meeting_frequency", "kind": "theme_day", "unit": "month", "min_count": 2,
       "instrument": "某省细则", "article": "第3条"}]})");
  const auto ds = lt::load_csv({{"branches.csv", "branch_id,name\nB1,一\n"},
                                {"activities.csv", "activity_id,branch_id,kind,date\nT1,B1,theme_day,2025-01-05\n"
                                                   "T2,B1,theme_day,2025-01-20\nT3,B1,theme_day,2025-02-05\n"}});
  const auto r = libbranch::check_compliance(ds, rules, lt::period("2025-01-01", "2025-02-28"));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].period, "2025-02");
  EXPECT_EQ(r.findings[0].expected, "≥ 2");
  EXPECT_EQ(r.findings[0].actual, "1");
  EXPECT_EQ(r.findings[0].evidence, (std::vector<std::string>{"T3"}));
}

TEST(ComplianceRuleSet, JsonSyntaxErrorNamesFileLineAndColumn) {
  lt::TempDir dir;
  dir.write("bad.json", "{\"rules\": [\n  {\"id\": \"x\",, \"type\": \"silence\"}\n]}\n");
  try {
    (void)ComplianceRuleSet::load(dir.path() / "bad.json");
    FAIL() << "no error";
  } catch (const RuleSetError& e) {
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.column(), 14);  // the second comma
    EXPECT_EQ(e.value(), ",");
    EXPECT_THAT(e.file(), HasSubstr("bad.json"));
    EXPECT_THAT(std::string(e.what()), HasSubstr("bad.json: line 2, column 14"));
  }
}

TEST(ComplianceRuleSet, BadValueNamesTheJsonPathAndValue) {
  try {
    (void)ComplianceRuleSet::parse(R"({"rules": [{"id": "a", "type": "silence"},
        {"id": "b", "type": "meeting_frequency", "kind": "theme_day", "unit": "fortnight"}]})", "prov.json");
    FAIL() << "no error";
  } catch (const RuleSetError& e) {
    EXPECT_EQ(e.json_path(), "rules[1].unit");
    EXPECT_EQ(e.value(), "\"fortnight\"");
    EXPECT_THAT(std::string(e.what()), HasSubstr("prov.json: rules[1].unit"));
  }
}

TEST(ComplianceRuleSet, RejectsUnknownTypesFieldsDuplicatesAndMissingFields) {
  auto path_of = [](const char* text) {
    try {
      (void)ComplianceRuleSet::parse(text);
    } catch (const RuleSetError& e) {
      return e.json_path();
    }
    return std::string("no error");
  };
  EXPECT_EQ(path_of(R"({"rules": [{"id": "a", "type": "vibes"}]})"), "rules[0].type");
  EXPECT_EQ(path_of(R"({"rules": [{"id": "a", "type": "silence", "max_dayz": 10}]})"), "rules[0].max_dayz");
  EXPECT_EQ(path_of(R"({"rules": [{"id": "a", "type": "silence"}, {"id": "a", "type": "silence"}]})"), "rules[1].id");
  EXPECT_EQ(path_of(R"({"rules": [{"id": "a", "type": "meeting_frequency"}]})"), "rules[0]");  // no kind
  EXPECT_EQ(path_of(R"({"rules": [{"id": "a", "type": "silence", "max_days": 0}]})"), "rules[0].max_days");
  EXPECT_EQ(path_of(R"({"rules": [{"id": "a", "type": "silence", "effective_from": "2018-13-01"}]})"),
            "rules[0].effective_from");
  EXPECT_EQ(path_of(R"({"rules": [{"id": "a", "type": "committee_term", "terms": [{"years_by_org_type": {"farm": 5}}]}]})"),
            "rules[0].terms[0].years_by_org_type.farm");
}

TEST(ComplianceRuleSet, MissingFileIsAnErrorNamingIt) {
  EXPECT_THROW((void)ComplianceRuleSet::load("/nonexistent/rules.json"), RuleSetError);
}

}  // namespace
