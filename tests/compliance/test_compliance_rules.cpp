// Compliance rules (compliance.hpp) on tiny hand-built datasets: for every rule of the built-in
// rule set a fixture that breaks it (asserting branch, rule, period, expected, actual, evidence)
// and one that passes. Dates are chosen so that each expected value can be checked by hand; the
// arithmetic is in the comments.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <libbranch/compliance.hpp>

#include "support/metric_fixture.hpp"

namespace {

namespace lt = libbranch::testing;
using libbranch::ComplianceFinding;
using libbranch::ComplianceReport;
using libbranch::ComplianceRuleSet;
using libbranch::ComplianceSeverity;
using libbranch::EvidenceKind;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// ---- fixtures ---------------------------------------------------------------------------------

struct Member {
  std::string id;
  std::string role{};
  std::string admission = "2000-01-01";
  std::string conversion = "2001-01-01";
  std::string group{};
  std::string application{};
  std::string activist{};
  std::string candidate{};
  std::string joined{};
  std::string branch = "B1";
};

struct Activity {
  std::string id;
  std::string kind;
  std::string date;
  std::string branch = "B1";
};

struct Fixture {
  std::string org_type = "organ";
  std::string last_election = "2024-01-10";
  std::vector<Member> members;
  std::vector<Activity> activities;

  [[nodiscard]] libbranch::Dataset load() const {
    std::string b = "branch_id,name,org_type,last_election\nB1,一支部," + org_type + "," + last_election + "\n";
    std::string m =
        "member_id,branch_id,birth_date,role,party_group,application_date,activist_date,candidate_date,admission_date,"
        "conversion_date,joined_branch\n";
    for (const auto& x : members)
      m += x.id + "," + x.branch + ",1980-01-01," + x.role + "," + x.group + "," + x.application + "," + x.activist +
           "," + x.candidate + "," + x.admission + "," + x.conversion + "," + x.joined + "\n";
    std::string a = "activity_id,branch_id,kind,date\n";
    for (const auto& x : activities) a += x.id + "," + x.branch + "," + x.kind + "," + x.date + "\n";
    return lt::load_csv({{"branches.csv", b}, {"members.csv", m}, {"activities.csv", a}});
  }
};

/// n formal members M1..Mn; the first gets `first_role`.
std::vector<Member> formal_members(int n, const std::string& first_role = "secretary") {
  std::vector<Member> v;
  for (int i = 1; i <= n; ++i) v.push_back({"M" + std::to_string(i), i == 1 ? first_role : ""});
  return v;
}

/// One activity of `kind` on day `day` of every month of 2025 except `skip` (0 = none).
std::vector<Activity> monthly(const std::string& kind, const std::string& prefix, int skip = 0, int day = 10) {
  std::vector<Activity> v;
  for (int month = 1; month <= 12; ++month) {
    if (month == skip) continue;
    char date[16];
    std::snprintf(date, sizeof date, "2025-%02d-%02d", month, day);
    v.push_back({prefix + std::to_string(month), kind, date});
  }
  return v;
}

ComplianceReport check(const Fixture& f, const libbranch::Period& p = lt::period("2025-01-01", "2025-12-31")) {
  return libbranch::check_compliance(f.load(), ComplianceRuleSet::default_rules(), p);
}

std::vector<ComplianceFinding> of_rule(const ComplianceReport& r, const std::string& id) {
  std::vector<ComplianceFinding> out;
  for (const auto& f : r.findings)
    if (r.rule_of(f).id == id) out.push_back(f);
  return out;
}

// ---- meetings ---------------------------------------------------------------------------------

TEST(ComplianceMeetings, CongressMissingInAQuarterNamesTheQuarter) {
  Fixture f;
  f.members = formal_members(3);
  f.activities = {{"C1", "branch_congress", "2025-02-01"}, {"C2", "branch_congress", "2025-05-01"},
                  {"C4", "branch_congress", "2025-11-01"}};
  const auto found = of_rule(check(f), "meeting.branch_congress");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].branch, 0u);
  EXPECT_EQ(found[0].period, "2025-Q3");  // July–September has none
  EXPECT_EQ(found[0].expected, "≥ 1");
  EXPECT_EQ(found[0].actual, "0");
  EXPECT_EQ(found[0].severity, ComplianceSeverity::violation);
  EXPECT_THAT(found[0].evidence, IsEmpty());
}

TEST(ComplianceMeetings, CongressEveryQuarterPasses) {
  Fixture f;
  f.members = formal_members(3);
  f.activities = {{"C1", "branch_congress", "2025-03-31"}, {"C2", "branch_congress", "2025-04-01"},
                  {"C3", "branch_congress", "2025-09-30"}, {"C4", "branch_congress", "2025-10-01"}};
  EXPECT_THAT(of_rule(check(f), "meeting.branch_congress"), IsEmpty());
}

TEST(ComplianceMeetings, CommitteeMeetingMonthlyOnlyWithACommittee) {
  Fixture f;
  f.members = formal_members(7);  // F = 7: a committee is required, so monthly committee meetings
  f.activities = monthly("committee_meeting", "K", 5);
  const auto found = of_rule(check(f), "meeting.committee");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].period, "2025-05");
  EXPECT_EQ(found[0].actual, "0");

  Fixture small;
  small.members = formal_members(6);  // no committee required: the rule does not apply
  EXPECT_THAT(of_rule(check(small), "meeting.committee"), IsEmpty());
}

TEST(ComplianceMeetings, GroupMeetingMonthlyOnlyWithPartyGroups) {
  Fixture f;
  f.members = formal_members(3);
  f.members[1].group = "第一党小组";
  f.activities = monthly("group_meeting", "G", 2);
  const auto found = of_rule(check(f), "meeting.group");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].period, "2025-02");

  f.activities = monthly("group_meeting", "G");
  EXPECT_THAT(of_rule(check(f), "meeting.group"), IsEmpty());
  Fixture no_groups;
  no_groups.members = formal_members(3);
  EXPECT_THAT(of_rule(check(no_groups), "meeting.group"), IsEmpty());
}

TEST(ComplianceMeetings, ThemeDayMonthly) {
  Fixture f;
  f.members = formal_members(3);
  f.activities = monthly("theme_day", "T", 11);
  const auto found = of_rule(check(f), "meeting.theme_day");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].period, "2025-11");
  EXPECT_EQ(found[0].evidence_kind, EvidenceKind::activity);
  f.activities = monthly("theme_day", "T");
  EXPECT_THAT(of_rule(check(f), "meeting.theme_day"), IsEmpty());
}

TEST(ComplianceMeetings, TwoThemeDaysInOneMonthDoNotCoverAnother) {
  Fixture f;
  f.members = formal_members(3);
  f.activities = monthly("theme_day", "T", 6);
  f.activities.push_back({"T5b", "theme_day", "2025-05-28"});
  const auto found = of_rule(check(f), "meeting.theme_day");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].period, "2025-06");
}

TEST(ComplianceMeetings, OrgLifeYearlyAndNormallyInTheFourthQuarter) {
  Fixture f;
  f.members = formal_members(3);
  auto r = check(f);
  auto found = of_rule(r, "meeting.org_life");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].period, "2025");
  EXPECT_EQ(found[0].actual, "0");
  EXPECT_THAT(of_rule(r, "meeting.org_life_timing"), IsEmpty());  // nothing held: the frequency rule's finding

  f.activities = {{"OL1", "org_life_meeting", "2025-06-10"}};
  r = check(f);
  EXPECT_THAT(of_rule(r, "meeting.org_life"), IsEmpty());
  found = of_rule(r, "meeting.org_life_timing");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, ComplianceSeverity::warning);
  EXPECT_EQ(found[0].period, "2025");
  EXPECT_EQ(found[0].expected, "in month 10,11,12");
  EXPECT_EQ(found[0].actual, "held 2025-06-10");
  EXPECT_THAT(found[0].evidence, ElementsAre("OL1"));

  f.activities = {{"OL1", "org_life_meeting", "2025-12-20"}};
  EXPECT_THAT(of_rule(check(f), "meeting.org_life_timing"), IsEmpty());
}

TEST(ComplianceMeetings, DemocraticReviewYearly) {
  Fixture f;
  f.members = formal_members(3);
  const auto found = of_rule(check(f), "meeting.democratic_review");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].period, "2025");
  f.activities = {{"DR1", "democratic_review", "2025-01-15"}};
  EXPECT_THAT(of_rule(check(f), "meeting.democratic_review"), IsEmpty());
}

TEST(ComplianceMeetings, MeetingRulesStartWithTheRegulationsEffectiveDate) {
  // The 条例 took effect on 2018-10-28: in 2018 only the fourth quarter is checked.
  Fixture f;
  f.members = formal_members(3);
  const auto found = of_rule(check(f, lt::period("2018-01-01", "2018-12-31")), "meeting.branch_congress");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].period, "2018-Q4");
  EXPECT_THAT(of_rule(check(f, lt::period("2017-01-01", "2017-12-31")), "meeting.branch_congress"), IsEmpty());
}

// ---- silence ----------------------------------------------------------------------------------

TEST(ComplianceSilence, AGapOfMoreThanThirtyDaysIsAWarningWithTheGap) {
  Fixture f;
  f.members = formal_members(3);
  f.activities = monthly("theme_day", "T");
  f.activities.erase(f.activities.begin() + 1);  // no 2025-02-10: quiet from 01-11 to 03-09
  const auto found = of_rule(check(f), "activity.silence");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, ComplianceSeverity::warning);
  EXPECT_EQ(found[0].period, "2025-01-11..2025-03-09");
  EXPECT_EQ(found[0].actual, "58 days");  // 21 (Jan 11–31) + 28 (Feb) + 9 (Mar 1–9)
  EXPECT_THAT(found[0].evidence, ElementsAre("T1", "T3"));
}

TEST(ComplianceSilence, ThirtyQuietDaysAreAllowed) {
  Fixture f;
  f.members = formal_members(3);
  f.activities = monthly("theme_day", "T");  // longest quiet run: Jan 11 – Feb 9 = 30 days
  EXPECT_THAT(of_rule(check(f), "activity.silence"), IsEmpty());
}

TEST(ComplianceSilence, QuietEndOfThePeriodCounts) {
  Fixture f;
  f.members = formal_members(3);
  f.activities = monthly("theme_day", "T", 12);  // last on 11-10: quiet 11-11..12-31 = 20 + 31
  const auto found = of_rule(check(f), "activity.silence");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].period, "2025-11-11..2025-12-31");
  EXPECT_EQ(found[0].actual, "51 days");
  EXPECT_THAT(found[0].evidence, ElementsAre("T11"));
}

// ---- size and structure -----------------------------------------------------------------------

TEST(ComplianceStructure, FewerThanThreeFormalMembers) {
  Fixture f;
  f.members = formal_members(2);
  f.members.push_back({"P1", "", "2025-03-01", ""});  // probationary: a member, not formal
  auto found = of_rule(check(f), "structure.formal_members");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].period, "2025-12-31");
  EXPECT_EQ(found[0].expected, "≥ 3 formal members");
  EXPECT_EQ(found[0].actual, "2");
  EXPECT_THAT(found[0].evidence, ElementsAre("M1", "M2"));
  f.members = formal_members(3);
  EXPECT_THAT(of_rule(check(f), "structure.formal_members"), IsEmpty());
}

TEST(ComplianceStructure, MoreThanFiftyMembersIsAWarning) {
  Fixture f;
  f.members = formal_members(51);
  auto found = of_rule(check(f), "structure.size");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, ComplianceSeverity::warning);
  EXPECT_EQ(found[0].actual, "51");
  f.members = formal_members(50);
  EXPECT_THAT(of_rule(check(f), "structure.size"), IsEmpty());
}

TEST(ComplianceStructure, CommitteeSizeWithSevenFormalMembers) {
  Fixture f;
  f.members = formal_members(7);
  f.members[1].role = "committee_member";  // secretary + 1 = 2 < 3
  auto found = of_rule(check(f), "structure.committee_size");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, ComplianceSeverity::violation);
  EXPECT_EQ(found[0].actual, "2");
  EXPECT_THAT(found[0].evidence, ElementsAre("M1", "M2"));

  f.members[2].role = "deputy_secretary";  // 3: passes
  EXPECT_THAT(of_rule(check(f), "structure.committee_size"), IsEmpty());

  for (int i = 3; i < 6; ++i) f.members[i].role = "committee_member";  // 6: above the usual 5
  found = of_rule(check(f), "structure.committee_size");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, ComplianceSeverity::warning);
  EXPECT_EQ(found[0].actual, "6");

  f.members.push_back({"M8", "committee_member"});
  f.members.push_back({"M9", "committee_member"});  // 8 on the committee: above 7
  found = of_rule(check(f), "structure.committee_size");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, ComplianceSeverity::violation);
  EXPECT_EQ(found[0].actual, "8");
}

TEST(ComplianceStructure, NoCommitteeRequiredBelowSevenFormalMembers) {
  Fixture f;
  f.members = formal_members(6);  // only the secretary has a role
  EXPECT_THAT(of_rule(check(f), "structure.committee_size"), IsEmpty());
}

TEST(ComplianceStructure, ExactlyOneSecretaryAndAtMostOneDeputy) {
  Fixture f;
  f.members = formal_members(4, "");
  auto found = of_rule(check(f), "structure.secretary");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].actual, "0");
  EXPECT_EQ(found[0].expected, "1 secretary");

  f.members[0].role = "secretary";
  f.members[1].role = "secretary";
  f.members[2].role = "deputy_secretary";
  f.members[3].role = "deputy_secretary";
  const auto r = check(f);
  found = of_rule(r, "structure.secretary");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].actual, "2");
  EXPECT_THAT(found[0].evidence, ElementsAre("M1", "M2"));
  found = of_rule(r, "structure.deputy_secretary");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].expected, "0–1 deputy_secretary");
  EXPECT_THAT(found[0].evidence, ElementsAre("M3", "M4"));

  f.members[1].role = "";
  f.members[3].role = "";
  EXPECT_THAT(of_rule(check(f), "structure.secretary"), IsEmpty());
  EXPECT_THAT(of_rule(check(f), "structure.deputy_secretary"), IsEmpty());
}

TEST(ComplianceStructure, SecretaryNeedsOneYearOfFullMembershipAtTheElection) {
  Fixture f;
  f.last_election = "2025-03-01";
  f.members = formal_members(3);
  f.members[0].admission = "2023-06-01";
  f.members[0].conversion = "2024-06-01";  // 9 months before the election
  auto found = of_rule(check(f), "structure.secretary_standing");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].period, "2025-03-01");
  EXPECT_EQ(found[0].expected, "converted on or before 2024-03-01");
  EXPECT_EQ(found[0].actual, "converted 2024-06-01");
  EXPECT_THAT(found[0].evidence, ElementsAre("M1"));

  f.members[0].admission = "2023-03-01";
  f.members[0].conversion = "2024-03-01";  // exactly one year
  EXPECT_THAT(of_rule(check(f), "structure.secretary_standing"), IsEmpty());
}

// ---- committee term (换届), before and after the 2018 change ----------------------------------

TEST(ComplianceTerm, ExpiredBeyondTheYearOfPostponementIsAViolation) {
  Fixture f;
  f.members = formal_members(3);
  f.last_election = "2021-04-20";  // organ: 3 years → 2024-04-20; +1 year grace → 2025-04-20
  auto found = of_rule(check(f), "structure.committee_term");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, ComplianceSeverity::violation);
  EXPECT_EQ(found[0].period, "2024-04-20");
  EXPECT_EQ(found[0].expected, "re-election by 2024-04-20 (3-year term, postponed at most until 2025-04-20)");
  EXPECT_EQ(found[0].actual, "last election 2021-04-20");
}

TEST(ComplianceTerm, ExpiredWithinTheGraceYearIsAWarning) {
  Fixture f;
  f.members = formal_members(3);
  f.last_election = "2022-06-01";  // term ends 2025-06-01, grace until 2026-06-01 > 2025-12-31
  const auto found = of_rule(check(f), "structure.committee_term");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, ComplianceSeverity::warning);
  EXPECT_EQ(found[0].period, "2025-06-01");
  f.last_election = "2023-01-01";
  EXPECT_THAT(of_rule(check(f), "structure.committee_term"), IsEmpty());
}

TEST(ComplianceTerm, VillageTermsAreFiveYearsSince2018AndThreeBefore) {
  Fixture f;
  f.org_type = "village";
  f.members = formal_members(3);
  // Elected after the change: 5 years → 2023-11-01; at the end of 2021 still current.
  f.last_election = "2018-11-01";
  EXPECT_THAT(of_rule(check(f, lt::period("2021-01-01", "2021-12-31")), "structure.committee_term"), IsEmpty());
  // Elected before: 3 years → 2020-06-01, grace → 2021-06-01 < 2021-12-31: a violation.
  f.last_election = "2017-06-01";
  const auto found = of_rule(check(f, lt::period("2021-01-01", "2021-12-31")), "structure.committee_term");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, ComplianceSeverity::violation);
  EXPECT_EQ(found[0].period, "2020-06-01");
  // An organ elected after the change still has 3 years: 2018-11-01 → 2021-11-01 (a warning in 2021).
  f.org_type = "organ";
  f.last_election = "2018-11-01";
  const auto organ = of_rule(check(f, lt::period("2021-01-01", "2021-12-31")), "structure.committee_term");
  ASSERT_EQ(organ.size(), 1u);
  EXPECT_EQ(organ[0].period, "2021-11-01");
  EXPECT_EQ(organ[0].severity, ComplianceSeverity::warning);
}

TEST(ComplianceTerm, NoElectionDateIsAWarning) {
  Fixture f;
  f.members = formal_members(3);
  f.last_election = "";
  const auto found = of_rule(check(f), "structure.committee_term");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, ComplianceSeverity::warning);
  EXPECT_EQ(found[0].actual, "absent");
}

// ---- membership development (发展党员) ---------------------------------------------------------

TEST(ComplianceDevelopment, ActivistToCandidateAfterAYear) {
  Fixture f;
  f.members = formal_members(3);
  f.members.push_back({"D1", "", "", "", "", "2024-01-05", "2024-06-01", "2025-03-01"});
  auto found = of_rule(check(f), "development.activist_to_candidate");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].period, "2025-03-01");
  EXPECT_EQ(found[0].expected, "candidate on or after 2025-06-01");
  EXPECT_EQ(found[0].actual, "candidate 2025-03-01 (activist 2024-06-01)");
  EXPECT_THAT(found[0].evidence, ElementsAre("D1"));
  f.members.back().activist = "2024-03-01";
  EXPECT_THAT(of_rule(check(f), "development.activist_to_candidate"), IsEmpty());
}

TEST(ComplianceDevelopment, ConversionBeforeTheYearOfProbation) {
  Fixture f;
  f.members = formal_members(3);
  f.members.push_back({"P1", "", "2024-09-01", "2025-06-01"});
  auto found = of_rule(check(f), "development.probation_length");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].expected, "conversion on or after 2025-09-01");
  EXPECT_THAT(found[0].evidence, ElementsAre("P1"));
  f.members.back().conversion = "2025-09-01";
  EXPECT_THAT(of_rule(check(f), "development.probation_length"), IsEmpty());
}

TEST(ComplianceDevelopment, ConversionNotDiscussedOnTime) {
  Fixture f;
  f.members = formal_members(3);
  // Probation ends 2025-03-01; on time until 2025-03-31; an extension of 6 months ends 2025-09-01.
  f.members.push_back({"P1", "", "2024-03-01", "2025-05-15"});
  auto found = of_rule(check(f), "development.conversion_on_time");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].period, "2025-05-15");
  EXPECT_EQ(found[0].expected, "conversion by 2025-03-31, or after an extension of ≥ 6 months (from 2025-09-01)");
  EXPECT_THAT(found[0].evidence, ElementsAre("P1"));
  f.members.back().conversion = "2025-03-20";  // within the grace days
  EXPECT_THAT(of_rule(check(f), "development.conversion_on_time"), IsEmpty());
  f.members.back().conversion = "2025-10-01";  // after a 7-month extension
  EXPECT_THAT(of_rule(check(f), "development.conversion_on_time"), IsEmpty());
  EXPECT_THAT(of_rule(check(f), "development.extension_length"), IsEmpty());
}

TEST(ComplianceDevelopment, ExtensionLongerThanTwelveMonths) {
  Fixture f;
  f.members = formal_members(3);
  // Probation ends 2024-03-01; 12 months of extension → 2025-03-01, + 30 days → 2025-03-31.
  f.members.push_back({"P1", "", "2023-03-01", "2025-06-01"});
  auto found = of_rule(check(f), "development.extension_length");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].expected, "conversion by 2025-03-31 (extension ≤ 12 months)");
  EXPECT_EQ(found[0].actual, "converted 2025-06-01");
  f.members.back().conversion = "2025-03-20";
  EXPECT_THAT(of_rule(check(f), "development.extension_length"), IsEmpty());
}

TEST(ComplianceDevelopment, ProbationOverWithoutConversion) {
  Fixture f;
  f.members = formal_members(3);
  f.members.push_back({"P1", "", "2024-03-01", ""});  // ended 2025-03-01: maybe extended (until 2026-03-31)
  f.members.push_back({"P2", "", "2023-06-01", ""});  // ended 2024-06-01: beyond any extension (2025-07-01)
  f.members.push_back({"P3", "", "2025-02-01", ""});  // still on probation
  const auto found = of_rule(check(f), "development.conversion_overdue");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_THAT(found[0].evidence, ElementsAre("P1"));
  EXPECT_EQ(found[0].severity, ComplianceSeverity::warning);
  EXPECT_EQ(found[0].period, "2025-03-01");
  EXPECT_EQ(found[0].actual, "not converted on 2025-12-31");
  EXPECT_THAT(found[1].evidence, ElementsAre("P2"));
  EXPECT_EQ(found[1].severity, ComplianceSeverity::violation);
  EXPECT_EQ(found[1].expected, "conversion discussed by 2024-07-01");
}

TEST(ComplianceDevelopment, AdmissionWithoutThePrecedingStages) {
  Fixture f;
  f.members = formal_members(3);
  f.members.push_back({"N1", "", "2025-04-01", "", "", "2024-01-01"});
  auto found = of_rule(check(f), "development.preceding_stages");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].period, "2025-04-01");
  EXPECT_EQ(found[0].actual, "missing: activist, candidate");
  EXPECT_THAT(found[0].evidence, ElementsAre("N1"));
  f.members.back().activist = "2024-02-01";
  f.members.back().candidate = "2025-02-15";
  EXPECT_THAT(of_rule(check(f), "development.preceding_stages"), IsEmpty());
}

// ---- the whole report ---------------------------------------------------------------------------

TEST(ComplianceCheck, FindingsFollowBranchThenRuleOrderAndNameTheBranch) {
  Fixture f;
  f.members = formal_members(3);
  f.members.push_back({"X1", "secretary", "2000-01-01", "2001-01-01", "", "", "", "", "", "B2"});
  const std::string b = "branch_id,name,last_election\nB1,一支部,2024-01-10\nB2,二支部,2024-01-10\n";
  std::string m = "member_id,branch_id,birth_date,role,admission_date,conversion_date\n";
  for (const auto& x : f.members) m += x.id + "," + x.branch + ",1980-01-01," + x.role + ",2000-01-01,2001-01-01\n";
  const auto ds = lt::load_csv({{"branches.csv", b}, {"members.csv", m}});
  const auto r = libbranch::check_compliance(ds, ComplianceRuleSet::default_rules(), lt::period("2025-01-01", "2025-12-31"));
  ASSERT_FALSE(r.findings.empty());
  EXPECT_EQ(r.branch_ids, (std::vector<std::string>{"B1", "B2"}));
  for (std::size_t i = 1; i < r.findings.size(); ++i) {
    const auto& a = r.findings[i - 1];
    const auto& c = r.findings[i];
    EXPECT_TRUE(a.branch < c.branch || (a.branch == c.branch && a.rule <= c.rule)) << i;
  }
  // B2 has 1 formal member: a finding of the size rule naming B2 (row 1).
  const auto size = of_rule(r, "structure.formal_members");
  ASSERT_EQ(size.size(), 1u);
  EXPECT_EQ(r.branch_ids[size[0].branch], "B2");
  EXPECT_EQ(size[0].actual, "1");
}

}  // namespace
