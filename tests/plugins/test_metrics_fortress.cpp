// The fortress plugin's metrics (docs/reference/metrics.md §6, fortress) on tiny hand-built
// datasets. Every expected value is derived by hand in the comments next to it, from
// docs/reference/data-format.md §5.2 ("party member of branch b on day d": admission_date ≤ d,
// joined_branch ≤ d, and left_branch absent or d < left_branch) and the definitions of
// docs/reference/metrics.md.
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/metric_fixture.hpp"

extern "C" const char* libbranch_plugin_fortress_init(libbranch::PluginRegistrar*);
extern "C" const libbranch::PluginInfo* libbranch_plugin_fortress_info();
extern "C" int libbranch_plugin_fortress_abi_version();

namespace {

namespace lt = libbranch::testing;
using libbranch::Dataset;
using libbranch::Direction;
using libbranch::Metric;
using libbranch::MetricRegistry;
using libbranch::ParamSpec;
using libbranch::ParamValue;
using libbranch::Params;
using libbranch::Period;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---- tiny CSV builders --------------------------------------------------------------------

struct BranchRow {
  std::string id{};
  std::string org_type{};
  std::string last_election{};
};
std::string branches_csv(const std::vector<BranchRow>& rows) {
  std::string s = "branch_id,name,org_type,last_election\n";
  for (const auto& b : rows) s += b.id + ",Branch " + b.id + "," + b.org_type + "," + b.last_election + "\n";
  return s;
}
std::string branch_ids_csv(const std::vector<std::string>& ids) {
  std::vector<BranchRow> rows;
  for (const auto& id : ids) rows.push_back({id, "", ""});
  return branches_csv(rows);
}

struct MemberRow {
  std::string id{};
  std::string branch{};
  std::string role{};
  std::string admission = "2000-01-01";
  std::string conversion = "2001-01-01";
  std::string joined{};
  std::string left{};
  std::string birth = "1970-01-01";
  std::string education{};
  std::string activist{};
};
std::string members_csv(const std::vector<MemberRow>& rows) {
  std::string s =
      "member_id,branch_id,birth_date,education,role,activist_date,admission_date,conversion_date,joined_branch,"
      "left_branch\n";
  for (const auto& m : rows)
    s += m.id + "," + m.branch + "," + m.birth + "," + m.education + "," + m.role + "," + m.activist + "," +
         m.admission + "," + m.conversion + "," + m.joined + "," + m.left + "\n";
  return s;
}

struct ActivityRow {
  std::string branch{};
  std::string kind{};
  std::string date{};
  std::string lecturer{};
};
std::string activities_csv(const std::vector<ActivityRow>& rows) {
  std::string s = "activity_id,branch_id,kind,date,lecturer_id\n";
  int n = 0;
  for (const auto& a : rows)
    s += "a" + std::to_string(++n) + "," + a.branch + "," + a.kind + "," + a.date + "," + a.lecturer + "\n";
  return s;
}

/// Compares a column with expected values; NaN matches NaN, everything else must be equal.
using libbranch::testing::expect_column;

Params with_integer(std::string name, std::int64_t value) {
  Params p;
  p.set(std::move(name), ParamValue(value));
  return p;
}

class FortressMetrics : public ::testing::Test {
 protected:
  MetricRegistry registry = lt::registry_with_plugin(libbranch_plugin_fortress_init, "fortress", {"fortress"});
  const Period year2023 = lt::period("2023-01-01", "2023-12-31");

  void expect(std::string_view id, const Dataset& ds, const Period& period, const std::vector<double>& want,
              const Params& params = {}) {
    expect_column(lt::compute(registry, id, ds, period, params), want,
                  std::string(id) + " over " + period.from.to_string() + ".." + period.to.to_string() +
                      (params.empty() ? "" : " with " + params.key()));
  }
};

// ---- registration -------------------------------------------------------------------------

// The thirteen of docs/reference/metrics.md §6, the last being fortress.members_points_share (member
// points, docs/member-points.md).
TEST_F(FortressMetrics, RegistersExactlyTheSpecIds) {
  EXPECT_THAT(lt::metric_ids(registry),
              ::testing::ElementsAre("fortress.committee_complete", "fortress.committee_meeting_months",
                                     "fortress.congress_quarters", "fortress.group_meeting_months",
                                     "fortress.lecture_quarters", "fortress.members_points_share",
                                     "fortress.new_probationary", "fortress.on_time_conversion_rate", "fortress.org_life_and_review",
                                     "fortress.secretary_lectures", "fortress.structure_improvements",
                                     "fortress.term_current", "fortress.theme_day_months"));
  EXPECT_EQ(registry.owner("fortress.term_current"), "fortress");
}

TEST_F(FortressMetrics, EveryMetricIsDocumentedAndBenefit) {
  for (const Metric* m : registry.metrics()) {
    SCOPED_TRACE(m->id);
    EXPECT_EQ(m->direction, Direction::benefit);  // docs/reference/metrics.md §6 marks no fortress metric as cost
    EXPECT_EQ(m->standard(), "fortress");
    EXPECT_FALSE(m->label_zh.empty());
    EXPECT_FALSE(m->label_en.empty());
    EXPECT_FALSE(m->unit.empty());
    ASSERT_FALSE(m->summary.empty());
    EXPECT_TRUE(m->summary.front() >= 'A' && m->summary.front() <= 'Z');  // "Counts …", "Tells …"
    EXPECT_EQ(m->summary.back(), '.');
    EXPECT_TRUE(static_cast<bool>(m->compute));
  }
}

TEST_F(FortressMetrics, OnlyTermConversionAndPointsTakeParameters) {
  for (const Metric* m : registry.metrics()) {
    SCOPED_TRACE(m->id);
    if (m->id == "fortress.term_current") {
      ASSERT_EQ(m->params.size(), 1u);
      const ParamSpec& p = m->params[0];
      EXPECT_EQ(p.name, "term_years");
      EXPECT_EQ(p.type, ParamSpec::Type::integer);
      EXPECT_EQ(p.min_value, 1);
      EXPECT_FALSE(p.default_value.has_value());  // per branch: 5 village/community, 3 otherwise
      EXPECT_EQ(p.check(ParamValue(std::int64_t{1})), "");
      EXPECT_NE(p.check(ParamValue(std::int64_t{0})), "");
      EXPECT_NE(p.check(ParamValue(std::string("3"))), "");
    } else if (m->id == "fortress.on_time_conversion_rate") {
      ASSERT_EQ(m->params.size(), 1u);
      const ParamSpec& p = m->params[0];
      EXPECT_EQ(p.name, "grace_days");
      EXPECT_EQ(p.type, ParamSpec::Type::integer);
      EXPECT_EQ(p.min_value, 0);
      ASSERT_TRUE(p.default_value.has_value());
      EXPECT_EQ(*p.default_value, ParamValue(std::int64_t{30}));
      EXPECT_EQ(p.check(ParamValue(std::int64_t{0})), "");
      EXPECT_NE(p.check(ParamValue(std::int64_t{-1})), "");
    } else if (m->id == "fortress.members_points_share") {
      ASSERT_EQ(m->params.size(), 2u);
      EXPECT_EQ(m->params[0].name, "threshold");
      EXPECT_EQ(m->params[0].type, ParamSpec::Type::integer);
      EXPECT_EQ(*m->params[0].default_value, ParamValue(std::int64_t{70}));
      EXPECT_EQ(m->params[1].name, "points_rubric");
      EXPECT_EQ(m->params[1].type, ParamSpec::Type::text);
      EXPECT_EQ(*m->params[1].default_value, ParamValue(std::string()));  // the built-in rubric
      EXPECT_EQ(m->params[1].check(ParamValue(std::string("any/file.json"))), "");
      EXPECT_NE(m->params[1].check(ParamValue(std::int64_t{3})), "");
    } else {
      EXPECT_TRUE(m->params.empty());
    }
  }
}

TEST(FortressPlugin, ExportsItsInfo) {
  EXPECT_EQ(libbranch_plugin_fortress_abi_version(), LIBBRANCH_PLUGIN_ABI_VERSION);
  const libbranch::PluginInfo* info = libbranch_plugin_fortress_info();
  ASSERT_NE(info, nullptr);
  EXPECT_STREQ(info->name, "fortress");
  EXPECT_STREQ(info->standards, "fortress");
  EXPECT_EQ(info->abi_version, LIBBRANCH_PLUGIN_ABI_VERSION);
}

TEST_F(FortressMetrics, EmptyDatasetGivesEmptyColumns) {
  const Dataset ds = lt::load_csv({{"branches.csv", "branch_id,name\n"}});
  for (const std::string& id : lt::metric_ids(registry)) EXPECT_EQ(lt::compute(registry, id, ds, year2023).size(), 0);
}

// ---- 三会一课 and 主题党日: months / quarters covered -------------------------------------------

Dataset meetings_dataset() {
  std::vector<ActivityRow> a = {
      // F1 committee meetings. In 2023: 01-01 (from, in), 01-31 (same month), 03-15, 12-31 (to, in);
      // 2022-12-31 (day before from) and 2024-01-01 (day after to) are out.
      {"F1", "committee_meeting", "2022-12-31"}, {"F1", "committee_meeting", "2023-01-01"},
      {"F1", "committee_meeting", "2023-01-31"}, {"F1", "committee_meeting", "2023-03-15"},
      {"F1", "committee_meeting", "2023-12-31"}, {"F1", "committee_meeting", "2024-01-01"},
      // F1 general meetings: 2023 Q1 (01-01, 03-31), Q2 (04-01), Q4 (12-31); 2022 Q4 and 2024 Q1 out.
      {"F1", "branch_congress", "2022-12-31"}, {"F1", "branch_congress", "2023-01-01"},
      {"F1", "branch_congress", "2023-03-31"}, {"F1", "branch_congress", "2023-04-01"},
      {"F1", "branch_congress", "2023-12-31"}, {"F1", "branch_congress", "2024-01-01"},
      // F1 party group meetings: February twice (first and last day), November.
      {"F1", "group_meeting", "2023-02-01"}, {"F1", "group_meeting", "2023-02-28"},
      {"F1", "group_meeting", "2023-11-30"},
      // F1 party lectures on both sides of the Q2/Q3 boundary.
      {"F1", "party_lecture", "2023-06-30"}, {"F1", "party_lecture", "2023-07-01"},
      // F2: a heart talk (no meeting kind) and a theme day in 2022 only.
      {"F2", "heart_talk", "2023-05-05"}, {"F2", "theme_day", "2022-06-15"},
  };
  // F1 theme days: the 15th of every month of 2023, plus a second one in June.
  for (int month = 1; month <= 12; ++month)
    a.push_back({"F1", "theme_day", "2023-" + std::string(month < 10 ? "0" : "") + std::to_string(month) + "-15"});
  a.push_back({"F1", "theme_day", "2023-06-01"});
  return lt::load_csv({{"branches.csv", branch_ids_csv({"F1", "F2"})},
                       {"activities.csv", activities_csv(a)}});
}

TEST_F(FortressMetrics, MonthsAndQuartersCoveredInACalendarYear) {
  const Dataset ds = meetings_dataset();
  // F1: committee months {2023-01, 2023-03, 2023-12} = 3; F2 has none.
  expect("fortress.committee_meeting_months", ds, year2023, {3, 0});
  // F1: general meeting quarters {2023Q1, 2023Q2, 2023Q4} = 3.
  expect("fortress.congress_quarters", ds, year2023, {3, 0});
  // F1: group meeting months {2023-02, 2023-11} = 2.
  expect("fortress.group_meeting_months", ds, year2023, {2, 0});
  // F1: lecture quarters {Q2 (06-30), Q3 (07-01)} = 2.
  expect("fortress.lecture_quarters", ds, year2023, {2, 0});
  // F1: theme days in all 12 months (the second June one adds nothing); F2's is in 2022.
  expect("fortress.theme_day_months", ds, year2023, {12, 0});
}

TEST_F(FortressMetrics, MonthsAndQuartersCoveredOverSeveralYears) {
  const Dataset ds = meetings_dataset();
  const Period three_years = lt::period("2022-01-01", "2024-12-31");
  // F1 committee months: 2022-12, 2023-01, 2023-03, 2023-12, 2024-01 = 5 (December of two years
  // counts twice: pairs are (year, month)).
  expect("fortress.committee_meeting_months", ds, three_years, {5, 0});
  // F1 general meeting quarters: 2022Q4, 2023Q1, 2023Q2, 2023Q4, 2024Q1 = 5, more than 4.
  expect("fortress.congress_quarters", ds, three_years, {5, 0});
  // F2's theme day of 2022-06-15 is now in the period: 1 month.
  expect("fortress.theme_day_months", ds, three_years, {12, 1});
}

TEST_F(FortressMetrics, MonthsAndQuartersCoveredInAOneDayPeriod) {
  const Dataset ds = meetings_dataset();
  // Only 2023-01-01: one committee meeting (month 2023-01) and one general meeting (2023Q1).
  const Period one_day = lt::period("2023-01-01", "2023-01-01");
  expect("fortress.committee_meeting_months", ds, one_day, {1, 0});
  expect("fortress.congress_quarters", ds, one_day, {1, 0});
  expect("fortress.theme_day_months", ds, one_day, {0, 0});
}

// ---- organizational life meeting and democratic review ------------------------------------

TEST_F(FortressMetrics, OrgLifeAndReviewNeedsBothInThePeriod) {
  const Dataset ds = lt::load_csv(
      {{"branches.csv", branch_ids_csv({"L1", "L2", "L3", "L4", "L5"})},
       {"activities.csv", activities_csv({
                              // L1: meeting on from, review on to: both in → 1.
                              {"L1", "org_life_meeting", "2023-01-01"},
                              {"L1", "democratic_review", "2023-12-31"},
                              // L2: meeting in, review the day before from → 0.
                              {"L2", "org_life_meeting", "2023-06-01"},
                              {"L2", "democratic_review", "2022-12-31"},
                              // L3: review in, meeting the day after to → 0.
                              {"L3", "democratic_review", "2023-06-01"},
                              {"L3", "org_life_meeting", "2024-01-01"},
                              // L4: two meetings, no review → 0. L5: nothing → 0.
                              {"L4", "org_life_meeting", "2023-03-01"},
                              {"L4", "org_life_meeting", "2023-09-01"},
                          })}});
  expect("fortress.org_life_and_review", ds, year2023, {1, 0, 0, 0, 0});
  // Over 2022–2024 every activity is in: L2 and L3 now have both → 1.
  expect("fortress.org_life_and_review", ds, lt::period("2022-01-01", "2024-12-31"), {1, 1, 1, 0, 0});
}

// ---- lectures by the branch secretary -----------------------------------------------------

TEST_F(FortressMetrics, SecretaryLecturesCountOnlyThisBranchsSecretaryOnTheDay) {
  const Dataset ds = lt::load_csv(
      {{"branches.csv", branch_ids_csv({"S1", "S2"})},
       {"members.csv",
        members_csv({
            // s1: secretary of S1 who left the branch on 2023-06-01 (member until 05-31).
            {.id = "s1", .branch = "S1", .role = "secretary", .left = "2023-06-01"},
            // s2: secretary who joined S1 on 2023-06-01.
            {.id = "s2", .branch = "S1", .role = "secretary", .joined = "2023-06-01"},
            {.id = "d1", .branch = "S1", .role = "deputy_secretary"},
            // p1: role secretary but admitted (and so in the branch) only on 2023-09-01.
            {.id = "p1", .branch = "S1", .role = "secretary", .admission = "2023-09-01", .conversion = ""},
            // x1: the secretary of S2.
            {.id = "x1", .branch = "S2", .role = "secretary"},
        })},
       {"activities.csv", activities_csv({
                              {"S1", "party_lecture", "2022-12-31", "s1"},  // day before from: out
                              {"S1", "party_lecture", "2023-05-31", "s1"},  // s1 still a member: counts (1)
                              {"S1", "party_lecture", "2023-06-01", "s1"},  // s1 left that day: no
                              {"S1", "party_lecture", "2023-05-31", "s2"},  // s2 not yet in S1: no
                              {"S1", "party_lecture", "2023-06-01", "s2"},  // s2 joined that day: counts (2)
                              {"S1", "party_lecture", "2023-12-31", "s2"},  // on to: counts (3)
                              {"S1", "party_lecture", "2024-01-01", "s2"},  // day after to: out
                              {"S1", "party_lecture", "2023-03-01", "d1"},  // deputy, not secretary: no
                              {"S1", "party_lecture", "2023-08-31", "p1"},  // p1 not yet a party member: no
                              {"S1", "party_lecture", "2023-09-01", "p1"},  // admitted that day: counts (4)
                              {"S1", "theme_day", "2023-07-01", "s2"},      // not a party lecture: no
                              {"S1", "party_lecture", "2023-07-02", ""},    // no lecturer: no
                              {"S1", "party_lecture", "2023-04-01", "x1"},  // S2's secretary: no (warning)
                              {"S2", "party_lecture", "2023-04-02", "x1"},  // S2's own secretary: counts for S2
                          })}});
  // S1: the lectures marked (1)–(4) → 4. S2: 1.
  expect("fortress.secretary_lectures", ds, year2023, {4, 1});
  // Only 2023-06-01..2023-06-30: s2's lecture of 06-01 → 1; S2's lecture is in April → 0.
  expect("fortress.secretary_lectures", ds, lt::period("2023-06-01", "2023-06-30"), {1, 0});
}

// ---- the branch committee -----------------------------------------------------------------

/// `n` members of `branch` with the given roles (then plain members up to n), all formal members
/// since 2001 unless `formal` is false (then probationary since 2023-06-01).
void add_members(std::vector<MemberRow>& out, const std::string& branch, const std::vector<std::string>& roles, int n,
                 bool formal = true) {
  for (int i = 0; i < n; ++i) {
    MemberRow m;
    m.id = branch + "-" + (formal ? "f" : "p") + std::to_string(i);
    m.branch = branch;
    m.role = i < static_cast<int>(roles.size()) ? roles[static_cast<std::size_t>(i)] : "";
    if (!formal) {
      m.admission = "2023-06-01";
      m.conversion = "";
    }
    out.push_back(m);
  }
}

TEST_F(FortressMetrics, CommitteeComplete) {
  const std::string sec = "secretary", dep = "deputy_secretary", cm = "committee_member";
  std::vector<MemberRow> m;
  add_members(m, "C1", {sec}, 6);                             // F=6: committee not required → 1
  add_members(m, "C2", {sec, dep}, 7);                        // F=7, committee of 2 → 0
  add_members(m, "C3", {sec, dep, cm}, 7);                    // F=7, committee of 3 → 1
  add_members(m, "C4", {sec, dep, cm, cm, cm, cm, cm}, 7);    // F=7, committee of 7 → 1
  add_members(m, "C5", {sec, dep, cm, cm, cm, cm, cm, cm}, 8);  // F=8, committee of 8 → 0
  add_members(m, "C6", {sec, sec}, 2);                        // two secretaries → 0
  add_members(m, "C7", {sec, dep, dep}, 3);                   // two deputies → 0
  add_members(m, "C8", {dep, cm}, 2);                         // no secretary → 0
  // C9: the old secretary left on `to`, the new one joined on `to`: exactly one on `to` → 1.
  m.push_back({.id = "C9-old", .branch = "C9", .role = sec, .left = "2023-12-31"});
  m.push_back({.id = "C9-new", .branch = "C9", .role = sec, .joined = "2023-12-31"});
  m.push_back({.id = "C9-m", .branch = "C9"});
  // C10: 6 formal (secretary, deputy, 4 plain) + 1 probationary: N=7 but F=6 → not required → 1.
  add_members(m, "C10", {sec, dep}, 6);
  add_members(m, "C10", {}, 1, /*formal=*/false);
  // C11: as C10 but the seventh converts on `to` itself: F(to)=7, committee of 2 → 0.
  add_members(m, "C11", {sec, dep}, 6);
  m.push_back({.id = "C11-conv", .branch = "C11", .admission = "2022-12-01", .conversion = "2023-12-31"});
  // C12: 7 formal members on `to` (secretary, deputy, 5 plain) + a formal committee member who left
  // on `to`: F(to)=7 and the committee on `to` is 2 → 0.
  add_members(m, "C12", {sec, dep}, 7);
  m.push_back({.id = "C12-left", .branch = "C12", .role = cm, .left = "2023-12-31"});
  // C13: no members → no secretary → 0.
  // C14: the only secretary is a probationary member: F=0, one secretary → 1.
  add_members(m, "C14", {sec}, 1, /*formal=*/false);
  // C15: the "secretary" is an activist, not a party member (no admission_date): no secretary → 0.
  m.push_back({.id = "C15-act", .branch = "C15", .role = sec, .admission = "", .conversion = "",
               .activist = "2020-01-01"});
  add_members(m, "C15", {dep}, 1);
  // C16: F=7, secretary + 2 committee members, no deputy (zero deputies is "at most one") → 1.
  add_members(m, "C16", {sec, cm, cm}, 7);

  std::vector<std::string> ids;
  for (int i = 1; i <= 16; ++i) ids.push_back("C" + std::to_string(i));
  const Dataset ds = lt::load_csv({{"branches.csv", branch_ids_csv(ids)}, {"members.csv", members_csv(m)}});
  expect("fortress.committee_complete", ds, year2023, {1, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 1});
  // Period ending 2023-12-30: C9's old secretary is still in and the new one not yet → still one → 1;
  // C11's seventh member is not formal yet (F=6) → 1; C12's leaver is in: F=8, committee 3 → 1.
  expect("fortress.committee_complete", ds, lt::period("2023-01-01", "2023-12-30"),
         {1, 0, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 1, 0, 1});
}

// ---- election term ------------------------------------------------------------------------

TEST_F(FortressMetrics, TermCurrentWithDefaultAndGivenTerms) {
  const Dataset ds = lt::load_csv({{"branches.csv", branches_csv({
                                                        {"T1", "village", "2019-01-01"},
                                                        {"T2", "organ", "2021-01-01"},
                                                        {"T3", "organ", "2020-12-31"},
                                                        {"T4", "community", "2018-12-31"},
                                                        {"T5", "village", ""},
                                                        {"T6", "", "2021-06-01"},
                                                        {"T7", "organ", "2024-01-01"},
                                                        {"T8", "organ", "2023-12-31"},
                                                        {"T9", "community", "2019-01-01"},
                                                        {"T10", "school", "2019-01-01"},
                                                    })}});
  // to = 2023-12-31. Defaults (5 village/community, 3 otherwise), end = last_election + term:
  // T1 village 2019-01-01+5 = 2024-01-01 > to → 1; T2 organ 2021-01-01+3 = 2024-01-01 → 1;
  // T3 organ 2020-12-31+3 = 2023-12-31 = to, not < → 0; T4 community 2018-12-31+5 = 2023-12-31 → 0;
  // T5 no election → 0; T6 no org_type (3) 2021-06-01+3 = 2024-06-01 → 1;
  // T7 elected after to → 0; T8 elected on to (≤ to) → 1; T9 community 2019+5 = 2024-01-01 → 1;
  // T10 school 2019-01-01+3 = 2022-01-01 → 0.
  expect("fortress.term_current", ds, year2023, {1, 1, 0, 0, 0, 1, 0, 1, 1, 0});
  // term_years = 3 for every branch: T1 → 2022-01-01 → 0; T9 → 0; the rest as with 3 above.
  expect("fortress.term_current", ds, year2023, {0, 1, 0, 0, 0, 1, 0, 1, 0, 0}, with_integer("term_years", 3));
  // term_years = 5: T1 1; T2 2026 → 1; T3 2025-12-31 → 1; T4 2023-12-31 → 0; T6 2026 → 1;
  // T8 1; T9 2024-01-01 → 1; T10 2024-01-01 → 1.
  expect("fortress.term_current", ds, year2023, {1, 1, 1, 0, 0, 1, 0, 1, 1, 1}, with_integer("term_years", 5));
  // term_years = 1: only T8 (2023-12-31 + 1 = 2024-12-31 > to) → 1; T2 ends 2022-01-01 → 0.
  expect("fortress.term_current", ds, year2023, {0, 0, 0, 0, 0, 0, 0, 1, 0, 0}, with_integer("term_years", 1));
  // A huge term: every branch elected on or before to → 1; T5 (none) and T7 (after to) → 0.
  expect("fortress.term_current", ds, year2023, {1, 1, 1, 1, 0, 1, 0, 1, 1, 1},
         with_integer("term_years", 1'000'000'000'000));
}

TEST_F(FortressMetrics, TermCurrentFrom29February) {
  // Elected 2020-02-29; + 3 years = 2023-02-28 (2023 has no 29 February); + 4 years = 2024-02-29.
  const Dataset ds = lt::load_csv({{"branches.csv", branches_csv({{"T", "organ", "2020-02-29"}})}});
  expect("fortress.term_current", ds, lt::period("2023-01-01", "2023-02-27"), {1});  // 02-27 < 02-28
  expect("fortress.term_current", ds, lt::period("2023-01-01", "2023-02-28"), {0});  // the end day itself
  expect("fortress.term_current", ds, lt::period("2024-01-01", "2024-02-28"), {1}, with_integer("term_years", 4));
  expect("fortress.term_current", ds, lt::period("2024-01-01", "2024-02-29"), {0}, with_integer("term_years", 4));
}

// ---- conversions and new probationary members ---------------------------------------------

TEST_F(FortressMetrics, OnTimeConversionRate) {
  const Dataset ds = lt::load_csv(
      {{"branches.csv", branch_ids_csv({"V1", "V2", "V3"})},
       {"members.csv",
        members_csv({
            // Deadline with the default grace 30 = (admission + 1 year) + 30 days.
            {.id = "m1", .branch = "V1", .admission = "2022-03-01", .conversion = "2023-03-01"},  // 2023-03-31: on time
            {.id = "m2", .branch = "V1", .admission = "2022-03-01", .conversion = "2023-03-31"},  // on the deadline: on time
            {.id = "m3", .branch = "V1", .admission = "2022-03-01", .conversion = "2023-04-01"},  // a day after: late
            {.id = "m4", .branch = "V1", .admission = "2021-12-31", .conversion = "2022-12-31"},  // before from: not counted
            {.id = "m5", .branch = "V1", .admission = "2023-01-01", .conversion = "2024-01-01"},  // after to: not counted
            {.id = "m6", .branch = "V1", .admission = "2022-01-01", .conversion = "2023-01-01"},  // on from; 2023-01-31: on time
            {.id = "m7", .branch = "V1", .admission = "2021-06-01", .conversion = "2023-12-31"},  // on to; 2022-07-01: late
            // m8 left the branch after converting: still one of the branch's members → counted, on time.
            {.id = "m8", .branch = "V1", .admission = "2022-05-01", .conversion = "2023-05-01", .left = "2023-06-01"},
            {.id = "m9", .branch = "V1", .admission = "2023-02-01", .conversion = ""},  // not converted
            {.id = "n1", .branch = "V2", .admission = "2019-01-01", .conversion = "2020-01-01"},  // converted in 2020
        })}});
  // V1 counted: m1 m2 m3 m6 m7 m8 (6); on time m1 m2 m6 m8 (4) → 4/6. V2, V3: none → NaN.
  expect("fortress.on_time_conversion_rate", ds, year2023, {4.0 / 6.0, kNaN, kNaN});
  expect("fortress.on_time_conversion_rate", ds, year2023, {4.0 / 6.0, kNaN, kNaN}, with_integer("grace_days", 30));
  // grace 0: deadlines m1 2023-03-01 (= conversion: on time), m2 late, m3 late, m6 2023-01-01
  // (on time), m7 late, m8 2023-05-01 (on time) → 3/6.
  expect("fortress.on_time_conversion_rate", ds, year2023, {0.5, kNaN, kNaN}, with_integer("grace_days", 0));
  // grace 31: m3's deadline becomes 2023-03-01 + 31 = 2023-04-01 → on time; m7 still late → 5/6.
  expect("fortress.on_time_conversion_rate", ds, year2023, {5.0 / 6.0, kNaN, kNaN}, with_integer("grace_days", 31));
  // A huge grace: every conversion is on time → 6/6.
  expect("fortress.on_time_conversion_rate", ds, year2023, {1.0, kNaN, kNaN},
         with_integer("grace_days", 1'000'000'000'000));
}

TEST_F(FortressMetrics, OnTimeConversionFrom29FebruaryAndYearAddedFirst) {
  const Dataset ds = lt::load_csv(
      {{"branches.csv", branch_ids_csv({"W1", "W2"})},
       {"members.csv",
        members_csv({
            // Admitted 2020-02-29: + 1 year = 2021-02-28; + 30 days = 2021-03-30.
            {.id = "a", .branch = "W1", .admission = "2020-02-29", .conversion = "2021-03-30"},  // on time
            {.id = "b", .branch = "W1", .admission = "2020-02-29", .conversion = "2021-03-31"},  // late
            {.id = "c", .branch = "W1", .admission = "2020-02-29", .conversion = "2021-02-28"},  // on time
            {.id = "d", .branch = "W1", .admission = "2020-02-29", .conversion = "2021-03-01"},  // on time
            // Admitted 2023-01-30: year first 2024-01-30, + 30 days = 2024-02-29 (2024 is a leap year).
            // (Days first would give 2023-03-01 + 1 year = 2024-03-01.)
            {.id = "e", .branch = "W2", .admission = "2023-01-30", .conversion = "2024-03-01"},  // late
            {.id = "f", .branch = "W2", .admission = "2023-01-30", .conversion = "2024-02-29"},  // on time
        })}});
  const Period y2021 = lt::period("2021-01-01", "2021-12-31");
  const Period y2024 = lt::period("2024-01-01", "2024-12-31");
  // 2021, grace 30: a, c, d of 4 → 0.75. W2 converts in 2024 → NaN.
  expect("fortress.on_time_conversion_rate", ds, y2021, {0.75, kNaN});
  // 2021, grace 0: deadline 2021-02-28: only c → 1/4 (d on 03-01 is a day late).
  expect("fortress.on_time_conversion_rate", ds, y2021, {0.25, kNaN}, with_integer("grace_days", 0));
  // 2024: W2 f of e, f → 0.5.
  expect("fortress.on_time_conversion_rate", ds, y2024, {kNaN, 0.5});
}

TEST_F(FortressMetrics, NewProbationaryCountsAdmissionsInThePeriod) {
  const Dataset ds = lt::load_csv(
      {{"branches.csv", branch_ids_csv({"N1", "N2"})},
       {"members.csv", members_csv({
                           {.id = "p1", .branch = "N1", .admission = "2022-12-31", .conversion = ""},  // day before
                           {.id = "p2", .branch = "N1", .admission = "2023-01-01", .conversion = ""},  // on from (1)
                           {.id = "p3", .branch = "N1", .admission = "2023-07-15", .conversion = ""},  // (2)
                           {.id = "p4", .branch = "N1", .admission = "2023-12-31", .conversion = ""},  // on to (3)
                           {.id = "p5", .branch = "N1", .admission = "2024-01-01", .conversion = ""},  // day after
                           // admitted in the period, then left the branch: still a row of N1 (4).
                           {.id = "p6", .branch = "N1", .admission = "2023-03-01", .conversion = "",
                            .left = "2023-05-01"},
                           // an activist, never admitted.
                           {.id = "p7", .branch = "N1", .admission = "", .conversion = "", .activist = "2023-02-01"},
                           {.id = "q1", .branch = "N2"},  // admitted in 2000
                       })}});
  expect("fortress.new_probationary", ds, year2023, {4, 0});
}

// ---- structure: 一降一增一升 ------------------------------------------------------------------

TEST_F(FortressMetrics, StructureImprovements) {
  // from = 2023-01-01, to = 2023-12-31 = from + 364 days. Age in days = day − birth_date.
  const Dataset ds = lt::load_csv(
      {{"branches.csv",
        branch_ids_csv({"S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10", "S11"})},
       {"members.csv",
        members_csv({
            // S1 → 3. from {o}; to {o, y}.
            // Age: from 73 y (o); to (73 y + 364 d for o, ~24 y for y) / 2 ≈ 48.5 y < 73 y → +1.
            // N: 2 > 1 → +1. Education: (2 + 7) / 2 = 4.5 > 2 → +1.
            {.id = "S1o", .branch = "S1", .admission = "1980-01-01", .conversion = "", .birth = "1950-01-01",
             .education = "junior_high"},
            {.id = "S1y", .branch = "S1", .admission = "2023-06-01", .conversion = "", .birth = "2000-01-01",
             .education = "master"},
            // S2 → 0. The same member on both days: older by 364 days, N 1 = 1, education 6 = 6. The
            // activist (no admission_date) is no party member and is ignored.
            {.id = "S2a", .branch = "S2", .education = "bachelor"},
            {.id = "S2x", .branch = "S2", .admission = "", .conversion = "", .birth = "2000-01-01",
             .education = "doctorate", .activist = "2022-01-01"},
            // S3 → 1. Nobody on from; y joins in June: age and education have an empty side (0);
            // N 1 > 0 → +1.
            {.id = "S3y", .branch = "S3", .admission = "2023-06-01", .conversion = "", .birth = "2000-01-01",
             .education = "bachelor"},
            // S4 → 0. Both leave on `to` (so nobody on to); b joined on from (a member on from).
            // Age, education: empty side → 0; N 0 > 2 no.
            {.id = "S4a", .branch = "S4", .left = "2023-12-31", .education = "doctorate"},
            {.id = "S4b", .branch = "S4", .joined = "2023-01-01", .left = "2023-12-31", .birth = "1990-01-01",
             .education = "primary"},
            // S5 → 1 (education only). All born 1980-01-01. from {a 3, b 6}; to {a 3, c 8}.
            // Age: everyone 364 days older → no. N 2 = 2 → no. Education 5.5 > 4.5 → +1.
            {.id = "S5a", .branch = "S5", .admission = "2005-01-01", .conversion = "", .birth = "1980-01-01",
             .education = "senior_high"},
            {.id = "S5b", .branch = "S5", .admission = "2005-01-01", .conversion = "", .left = "2023-07-01",
             .birth = "1980-01-01", .education = "bachelor"},
            {.id = "S5c", .branch = "S5", .admission = "2005-01-01", .conversion = "", .joined = "2023-07-01",
             .birth = "1980-01-01", .education = "doctorate"},
            // S6 → 0 (equal mean age). a (born 1980-01-01) leaves, b (born 1980-12-30 = 1980-01-01 + 364
            // days, 1980 being a leap year) joins. Age on to of b = (from + 364) − (1980-01-01 + 364) =
            // from − 1980-01-01 = age on from of a: equal, not lower → 0. N 1 = 1, education equal.
            {.id = "S6a", .branch = "S6", .left = "2023-06-01", .birth = "1980-01-01", .education = "bachelor"},
            {.id = "S6b", .branch = "S6", .joined = "2023-06-01", .birth = "1980-12-30", .education = "bachelor"},
            // S7 → 1: as S6 with b born one day later (1980-12-31): one day younger → +1.
            {.id = "S7a", .branch = "S7", .left = "2023-06-01", .birth = "1980-01-01", .education = "bachelor"},
            {.id = "S7b", .branch = "S7", .joined = "2023-06-01", .birth = "1980-12-31", .education = "bachelor"},
            // S8 → 1. from {a (no education)}; to {a, b (born 1930, doctorate)}. Age on to: mean of
            // a + 364 d and 93 y > a's age → no. N 2 > 1 → +1. Education: nobody on from has one →
            // empty side → 0 (counting a as 0 would give 0 < 8 and a wrong +1).
            {.id = "S8a", .branch = "S8"},
            {.id = "S8b", .branch = "S8", .admission = "2023-06-01", .conversion = "", .birth = "1930-01-01",
             .education = "doctorate"},
            // S9 → 1. from {a 6, c 2} (both born 1970): mean education 4. to {a 6, b none (born 1960)}:
            // b left out → mean 6 > 4 → +1 (b as 0 would give 3). Age: b is older than c → no. N 2 = 2.
            {.id = "S9a", .branch = "S9", .education = "bachelor"},
            {.id = "S9c", .branch = "S9", .left = "2023-07-01", .education = "junior_high"},
            {.id = "S9b", .branch = "S9", .joined = "2023-07-01", .birth = "1960-01-01"},
            // S10 → 0. b joined on from, so N(from) = 2 = N(to); both born 1970 (older) and bachelor.
            {.id = "S10a", .branch = "S10", .education = "bachelor"},
            {.id = "S10b", .branch = "S10", .joined = "2023-01-01", .education = "bachelor"},
            // S11 → 1 (N only). from {a 1, b 1, c 2}: education 4/3. to adds d 1, e 1, f 2 (born 1940,
            // joined in June): 8/6 = 4/3, equal → 0. Age: the joiners are older → no. N 6 > 3 → +1.
            {.id = "S11a", .branch = "S11", .education = "primary"},
            {.id = "S11b", .branch = "S11", .education = "primary"},
            {.id = "S11c", .branch = "S11", .education = "junior_high"},
            {.id = "S11d", .branch = "S11", .joined = "2023-06-01", .birth = "1940-01-01", .education = "primary"},
            {.id = "S11e", .branch = "S11", .joined = "2023-06-01", .birth = "1940-01-01", .education = "primary"},
            {.id = "S11f", .branch = "S11", .joined = "2023-06-01", .birth = "1940-01-01",
             .education = "junior_high"},
        })}});
  expect("fortress.structure_improvements", ds, year2023, {3, 0, 1, 0, 1, 0, 1, 1, 1, 0, 1});
}

// ---- many branches: the parallel path of per_branch ----------------------------------------

TEST_F(FortressMetrics, ManyBranchesThroughTheParallelPath) {
  // 5000 branches (more than one chunk of parallel_for_branches). Branch i has one secretary (a
  // formal member since 2001), i % 4 theme days on the 10th of months 1..i%4, and i % 3 party
  // lectures by its secretary on 2023-01-10, 04-10, 07-10 (one per quarter). Activities are written
  // from the last branch to the first, so loading has to regroup them.
  constexpr int kBranches = 5000;
  std::string branches = "branch_id,name\n";
  std::string members = "member_id,branch_id,birth_date,role,admission_date,conversion_date\n";
  std::string activities = "activity_id,branch_id,kind,date,lecturer_id\n";
  for (int i = 0; i < kBranches; ++i) {
    const std::string b = "B" + std::to_string(i);
    branches += b + "," + b + "\n";
    members += "m" + std::to_string(i) + "," + b + ",1970-01-01,secretary,2000-01-01,2001-01-01\n";
  }
  int n = 0;
  for (int i = kBranches - 1; i >= 0; --i) {
    const std::string b = "B" + std::to_string(i);
    for (int month = 1; month <= i % 4; ++month)
      activities += "t" + std::to_string(++n) + "," + b + ",theme_day,2023-0" + std::to_string(month) + "-10,\n";
    const char* lecture_days[] = {"2023-01-10", "2023-04-10", "2023-07-10"};
    for (int k = 0; k < i % 3; ++k)
      activities += "l" + std::to_string(++n) + "," + b + ",party_lecture," + lecture_days[k] + ",m" +
                    std::to_string(i) + "\n";
  }
  const Dataset ds = lt::load_csv({{"branches.csv", branches}, {"members.csv", members}, {"activities.csv", activities}});
  std::vector<double> theme(kBranches), lectures(kBranches), complete(kBranches, 1.0);
  for (int i = 0; i < kBranches; ++i) {
    theme[static_cast<std::size_t>(i)] = i % 4;     // one theme day in each of i % 4 months
    lectures[static_cast<std::size_t>(i)] = i % 3;  // i % 3 lectures, each in its own quarter
  }
  expect("fortress.theme_day_months", ds, year2023, theme);
  expect("fortress.secretary_lectures", ds, year2023, lectures);
  expect("fortress.lecture_quarters", ds, year2023, lectures);
  expect("fortress.committee_complete", ds, year2023, complete);  // one secretary, F = 1 < 7
}

}  // namespace
