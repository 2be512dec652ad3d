// The annual summary (docs/reference/results.md §7) and `branchscore report`
// (docs/reference/cli.md §4). Every expected count is derived by hand in the comments next to it,
// from the CSV text of the test (or of examples/county_court).
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <libbranch/engine.hpp>
#include <libbranch/error.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/registry.hpp>
#include <libbranch/report.hpp>
#include <libbranch/report_render.hpp>
#include <libbranch/rubric.hpp>
#include <libbranch/staged_registrar.hpp>

#include "support/full_registry.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using libbranch::ActivityKind;
using libbranch::AnnualReport;
using libbranch::Dataset;
using libbranch::Language;
using libbranch::MetricRegistry;
using libbranch::Period;
using libbranch::Requirement;
using libbranch::Rubric;
using libbranch::Scorecard;
using libbranch::testing::branchscore;
using libbranch::testing::CliRun;
using libbranch::testing::TempDir;

const std::string kSample = std::string(LIBBRANCH_SOURCE_DIR) + "/examples/county_court";

const MetricRegistry& registry() {
  static const MetricRegistry r = libbranch::testing::full_registry();
  return r;
}

Period year(int y) { return Period::calendar_year(y); }
Period period(std::string_view from, std::string_view to) {
  return {*libbranch::Date::parse(from), *libbranch::Date::parse(to)};
}

// ---- a tiny dataset ---------------------------------------------------------------------------------
//
// Branch a (甲党支部): 4 internal units, 3 covered, 2 pioneer posts, 1 brand, 3 of the 五有, 2 facilities.
// Members of a:
//   S1 secretary, admitted 2000, formal since 2001.
//   M2 admitted 2024-03-01, converted 2025-03-20: deadline 2025-03-01 + 30 days = 2025-03-31 → on time.
//   M3 admitted 2024-01-10, converted 2025-03-01: deadline 2025-01-10 + 30 days = 2025-02-09 → late.
//   M4 admitted 2024-02-29, converted 2025-03-30: 2025 has no 29 February, so + 1 year = 2025-02-28,
//      + 30 days = 2025-03-30 = the conversion day → on time (the edge).
//   M5 admitted 2025-05-01, M6 admitted 2025-12-31 (the last day): new probationary members in 2025.
//   M7 admitted 2024-12-31: not new in 2025. M8 an applicant, never admitted: not a party member.
// Branch b (乙党支部): X1 admitted 2024-01-01, converted 2025-01-15 (deadline 2025-01-31, on time).
const char* const kBranches =
    "branch_id,name,internal_units,units_covered,pioneer_posts,brands,service_station,facilities\n"
    "a,甲党支部,4,3,2,1,staffed;venue;team,activity_room;gym\n"
    "b,乙党支部,,,,,,\n";

const char* const kMembers =
    "member_id,branch_id,name,birth_date,role,application_date,admission_date,conversion_date\n"
    "S1,a,书记,1970-01-01,secretary,,2000-01-01,2001-01-01\n"
    "M2,a,党员二,1990-01-01,,,2024-03-01,2025-03-20\n"
    "M3,a,党员三,1990-01-01,,,2024-01-10,2025-03-01\n"
    "M4,a,党员四,1990-01-01,,,2024-02-29,2025-03-30\n"
    "M5,a,党员五,1995-01-01,,,2025-05-01,\n"
    "M6,a,党员六,1995-01-01,,,2025-12-31,\n"
    "M7,a,党员七,1995-01-01,,,2024-12-31,\n"
    "M8,a,申请人,2000-01-01,,2025-02-01,,\n"
    "X1,b,他人,1980-01-01,secretary,,2024-01-01,2025-01-15\n";

// Activities of a in 2025: theme days T1 T2 T3 (T0 is in 2024); congresses C1 C2; committee meetings
// K1 K2 (both in January) K3 K4; lectures L1 L2 by the secretary S1 and L3 by M2 (L0 by S1 is in
// 2024); trainings of 10 and 15 attendees; legal education LE1 online and LE2 offline; disputes of
// 5 cases (1 escalated) and 3 cases; volunteering 5 × 2 h + 4 × 1.5 h = 16 h; pairing in January
// (twice) and March; money 100.5 + 200 = 300.5 yuan.
const char* const kActivities =
    "activity_id,branch_id,kind,date,mode,attendees,hours,lecturer_id,amount_yuan,cases,escalated\n"
    "T0,a,theme_day,2024-12-31,,,,,,,\n"
    "T1,a,theme_day,2025-01-05,,,,,,,\n"
    "T2,a,theme_day,2025-02-05,online,,,,,,\n"
    "T3,a,theme_day,2025-12-31,,,,,,,\n"
    "C1,a,branch_congress,2025-03-10,,,,,,,\n"
    "C2,a,branch_congress,2025-09-10,,,,,,,\n"
    "K1,a,committee_meeting,2025-01-08,,,,,,,\n"
    "K2,a,committee_meeting,2025-01-20,,,,,,,\n"
    "K3,a,committee_meeting,2025-06-08,,,,,,,\n"
    "K4,a,committee_meeting,2025-11-08,,,,,,,\n"
    "L0,a,party_lecture,2024-06-01,,,,S1,,,\n"
    "L1,a,party_lecture,2025-04-01,,,,S1,,,\n"
    "L2,a,party_lecture,2025-10-01,,,,S1,,,\n"
    "L3,a,party_lecture,2025-07-01,,,,M2,,,\n"
    "TR1,a,training,2025-03-03,,10,2,,,,\n"
    "TR2,a,training,2025-08-03,,15,3,,,,\n"
    "LE1,a,legal_education,2025-04-04,online,,,,,,\n"
    "LE2,a,legal_education,2025-05-04,,,,,,,\n"
    "D1,a,dispute_mediation,2025-05-05,,,,,,5,1\n"
    "D2,a,dispute_mediation,2025-06-05,,,,,,3,\n"
    "V1,a,volunteer_service,2025-07-07,,5,2,,,,\n"
    "V2,a,volunteer_service,2025-08-07,,4,1.5,,,,\n"
    "P1,a,pairing_activity,2025-01-10,,,,,100.5,,\n"
    "P2,a,pairing_activity,2025-01-20,,,,,,,\n"
    "P3,a,pairing_activity,2025-03-20,,,,,,,\n"
    "H1,a,home_visit,2025-02-02,,,,,200,,\n"
    "B1,b,theme_day,2025-01-01,,,,,,,\n"
    "B2,b,committee_meeting,2025-01-01,,,,,,,\n";

Dataset tiny_dataset() {
  TempDir dir;
  dir.write("branches.csv", kBranches);
  dir.write("members.csv", kMembers);
  dir.write("activities.csv", kActivities);
  return libbranch::load_directory(dir.path());
}

struct Scored {
  Dataset ds;
  Rubric rubric;
  Scorecard card;
};

Scored scored(Dataset ds, const Period& p, Rubric rubric = Rubric::default_rubric()) {
  Scorecard card = libbranch::score(ds, rubric, p, registry());
  return {std::move(ds), std::move(rubric), std::move(card)};
}

AnnualReport report_of(const Scored& s, std::string_view branch) {
  return libbranch::make_annual_report(s.ds, s.card, *s.ds.find_branch(branch), registry(), &s.rubric);
}

double figure(const AnnualReport& r, std::string_view id) {
  const libbranch::ReportFigure* f = r.find_figure(id);
  if (f == nullptr) throw std::runtime_error("no figure " + std::string(id));
  return f->value;
}

TEST(AnnualReport, CountsTheOrganizationLifeOfTheTinyDataset) {
  const Scored s = scored(tiny_dataset(), year(2025));
  const AnnualReport r = report_of(s, "a");
  EXPECT_EQ(r.branch_id, "a");
  EXPECT_EQ(r.branch_name, "甲党支部");
  EXPECT_TRUE(r.is_calendar_year());
  const libbranch::OrganizationLife& life = r.organization_life;
  EXPECT_EQ(life.theme_days, 3);           // T1 T2 T3
  EXPECT_EQ(life.branch_congresses, 2);    // C1 C2
  EXPECT_EQ(life.committee_meetings, 4);   // K1 K2 K3 K4: activities, not months
  EXPECT_EQ(life.secretary_lectures, 2);   // L1 L2 (L3 by M2, L0 in 2024)
  EXPECT_EQ(life.conversions, 3);          // M2 M3 M4
  EXPECT_EQ(life.on_time_conversions, 2);  // M2, M4 (the edge); M3 late
  EXPECT_EQ(life.new_probationary, 2);     // M5 M6

  EXPECT_EQ(r.activity_count(ActivityKind::theme_day), 3);
  EXPECT_EQ(r.activity_count(ActivityKind::party_lecture), 3);
  EXPECT_EQ(r.activity_count(ActivityKind::competition), 0);
  ASSERT_EQ(r.activity_kinds.size(), r.activity_counts.size());
  EXPECT_EQ(r.activity_kinds[0], "branch_congress");
}

TEST(AnnualReport, TheCustomarySentenceOfTheTinyDataset) {
  const Scored s = scored(tiny_dataset(), year(2025));
  EXPECT_EQ(libbranch::organization_life_sentence(report_of(s, "a"), Language::zh),
            "本年度以来，开展“主题党日”3次、召开党员大会2次、支部委员会4次，支部书记讲党课2次；"
            "按期转正2名党员，按程序吸收2名同志为预备党员。");
  EXPECT_EQ(libbranch::organization_life_sentence(report_of(s, "a"), Language::en),
            "Since the start of the year, the branch held 3 theme party days, 2 branch general meetings and "
            "4 branch committee meetings, and the branch secretary gave 2 party lectures; 2 probationary members "
            "were converted to full membership on time, and 2 people were admitted as probationary members "
            "through the proper procedure.");
  // Branch b: B1, B2, no congress, no lecture; X1 converted on time; nobody admitted. Singulars in English.
  EXPECT_EQ(libbranch::organization_life_sentence(report_of(s, "b"), Language::zh),
            "本年度以来，开展“主题党日”1次、召开党员大会0次、支部委员会1次，支部书记讲党课0次；"
            "按期转正1名党员，按程序吸收0名同志为预备党员。");
  EXPECT_EQ(libbranch::organization_life_sentence(report_of(s, "b"), Language::en),
            "Since the start of the year, the branch held 1 theme party day, 0 branch general meetings and "
            "1 branch committee meeting, and the branch secretary gave 0 party lectures; 1 probationary member "
            "was converted to full membership on time, and 0 people were admitted as probationary members "
            "through the proper procedure.");
}

TEST(AnnualReport, APeriodOtherThanACalendarYearSaysWithinTheEvaluationPeriod) {
  // [2024-07-01, 2025-06-30]: theme days T0 T1 T2; congress C1; committee K1 K2 K3; secretary lecture
  // L1 (L0 is 2024-06-01); conversions M2 M3 M4 (on time M2 M4); admitted M7 (2024-12-31) and M5.
  const Scored s = scored(tiny_dataset(), period("2024-07-01", "2025-06-30"));
  const AnnualReport r = report_of(s, "a");
  EXPECT_FALSE(r.is_calendar_year());
  EXPECT_EQ(libbranch::organization_life_sentence(r, Language::zh),
            "本考评期内，开展“主题党日”3次、召开党员大会1次、支部委员会3次，支部书记讲党课1次；"
            "按期转正2名党员，按程序吸收2名同志为预备党员。");
  EXPECT_THAT(libbranch::organization_life_sentence(r, Language::en), StartsWith("During the evaluation period, "));
  const std::string text = libbranch::render_annual_report(r, Language::zh);
  EXPECT_THAT(text, StartsWith("甲党支部考评期工作总结\n考评期：2024-07-01至2025-06-30\n"));
}

TEST(AnnualReport, FiguresOfTheFiveStandardsInOrder) {
  const Scored s = scored(tiny_dataset(), year(2025));
  const AnnualReport r = report_of(s, "a");
  ASSERT_EQ(r.sections.size(), 5u);
  const char* const order[] = {"rule_of_law", "cohesion", "civility", "development", "fortress"};
  const char* const names[] = {"依法治理好", "凝聚人心好", "文明创建好", "推动发展好", "堡垒作用好"};
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(r.sections[i].standard, order[i]);
    EXPECT_EQ(r.sections[i].name, names[i]);
  }
  EXPECT_EQ(figure(r, "legal_education"), 2);         // LE1 LE2
  EXPECT_EQ(figure(r, "legal_education_online"), 1);  // LE1
  EXPECT_EQ(figure(r, "training"), 2);
  EXPECT_EQ(figure(r, "training_person_times"), 25);  // 10 + 15
  EXPECT_EQ(figure(r, "dispute_cases"), 8);           // 5 + 3
  EXPECT_EQ(figure(r, "disputes_resolved"), 7);       // 8 − 1
  EXPECT_EQ(figure(r, "disputes_escalated"), 1);
  EXPECT_EQ(figure(r, "pairing_activities"), 3);
  EXPECT_EQ(figure(r, "pairing_months"), 2);          // January, March
  EXPECT_EQ(figure(r, "home_visits"), 1);
  EXPECT_DOUBLE_EQ(figure(r, "aid_amount"), 300.5);   // 100.5 + 200
  EXPECT_EQ(figure(r, "units_covered"), 3);
  EXPECT_EQ(figure(r, "internal_units"), 4);
  EXPECT_EQ(figure(r, "pioneer_posts"), 2);
  EXPECT_EQ(figure(r, "brands"), 1);
  EXPECT_EQ(figure(r, "service_station"), 3);
  EXPECT_EQ(figure(r, "facilities"), 2);
  EXPECT_DOUBLE_EQ(figure(r, "volunteer_hours"), 16);  // 5·2 + 4·1.5
  EXPECT_EQ(figure(r, "members"), 7);                  // S1 M2..M7 on 2025-12-31 (M6 admitted that day)
  EXPECT_EQ(figure(r, "formal_members"), 4);           // S1 M2 M3 M4
  EXPECT_EQ(figure(r, "party_lectures"), 3);
  EXPECT_EQ(figure(r, "serious_violations"), 0);       // no observations: sum = 0
  EXPECT_TRUE(std::isnan(figure(r, "online_filing_rate")));  // none supplied: not rendered

  const std::string zh = libbranch::render_annual_report(r, Language::zh);
  EXPECT_THAT(zh, HasSubstr("一、依法治理好。开展普法宣传教育2次（其中线上或线上线下结合1次），"));
  EXPECT_THAT(zh, HasSubstr("调处矛盾纠纷8件（化解7件、矛盾上交1件）"));
  EXPECT_THAT(zh, HasSubstr("为群众筹集、投入资金300.5元"));
  EXPECT_THAT(zh, Not(HasSubstr("网上立案率")));
  // The organization-life sentence ends the fortress paragraph, before the results.
  const auto sentence = zh.find("本年度以来，开展“主题党日”3次");
  const auto fortress = zh.find("五、堡垒作用好。");
  const auto results = zh.find("考评结果：总分");
  ASSERT_NE(sentence, std::string::npos);
  ASSERT_NE(fortress, std::string::npos);
  ASSERT_NE(results, std::string::npos);
  EXPECT_LT(fortress, sentence);
  EXPECT_LT(sentence, results);
  EXPECT_EQ(zh.substr(sentence, zh.find('\n', sentence) - sentence),
            "本年度以来，开展“主题党日”3次、召开党员大会2次、支部委员会4次，支部书记讲党课2次；"
            "按期转正2名党员，按程序吸收2名同志为预备党员。");
}

TEST(AnnualReport, ScoresAndTheTopFiveLostIndicatorsInRubricOrderOnTies) {
  const Scored s = scored(tiny_dataset(), year(2025));
  const std::size_t row = *s.ds.find_branch("a");
  const AnnualReport r = report_of(s, "a");
  EXPECT_DOUBLE_EQ(r.total, s.card.totals[static_cast<Eigen::Index>(row)]);
  EXPECT_EQ(r.rating, s.card.rating(row));
  EXPECT_DOUBLE_EQ(r.max_total, 100);
  ASSERT_EQ(r.standards.size(), 5u);
  EXPECT_EQ(r.standards[0].name, "依法治理好");
  EXPECT_DOUBLE_EQ(r.standards[0].max_points, 20);

  // Independently: every non-bonus, non-excluded indicator that lost points, by loss, ties in rubric order.
  std::vector<std::pair<double, std::size_t>> expected;
  for (std::size_t i = 0; i < s.card.indicators.size(); ++i) {
    const auto& ind = s.card.indicators[i];
    const auto flags = s.card.flags(static_cast<Eigen::Index>(row), static_cast<Eigen::Index>(i));
    if (ind.bonus || (flags & libbranch::kFlagExcluded)) continue;
    const double loss = ind.max_points - s.card.points(static_cast<Eigen::Index>(row), static_cast<Eigen::Index>(i));
    if (loss > 1e-9) expected.emplace_back(loss, i);
  }
  std::stable_sort(expected.begin(), expected.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  ASSERT_GE(expected.size(), 5u);
  ASSERT_EQ(r.lost.size(), 5u);
  for (std::size_t k = 0; k < 5; ++k) {
    EXPECT_EQ(r.lost[k].id, s.card.indicators[expected[k].second].id) << k;
    EXPECT_DOUBLE_EQ(r.lost[k].lost(), expected[k].first) << k;
  }
  // The first losses of 4 points, in rubric order: legal_education (2 of the target 10 → 4 − 8 < 0 → 0).
  EXPECT_EQ(r.lost[0].id, "legal_education");
  EXPECT_EQ(r.lost[0].value, 2);
  EXPECT_EQ(r.lost[0].requirement, Requirement::at_least);
  EXPECT_EQ(r.lost[0].required, 10);
}

TEST(AnnualReport, WhatEachLostIndicatorMissed) {
  // Losses 1 (x1), 2 (x2), 2 (x3): x2 and x3 tie and keep rubric order; x4 lost nothing.
  const Rubric rubric = Rubric::parse(R"({
    "name": "test", "missing": "zero",
    "standards": [
      {"id": "rule_of_law", "name": "依法治理好", "indicators": [
        {"id": "x1", "metric": "rule_of_law.legal_education", "points": 4,
         "rule": {"type": "target", "target": 3, "deduct_per_unit": 1}}]},
      {"id": "cohesion", "name": "凝聚人心好", "indicators": [
        {"id": "x2", "metric": "cohesion.home_visits", "points": 3, "rule": {"type": "ratio", "target": 3}},
        {"id": "x3", "metric": "cohesion.publicity_talks", "points": 2, "rule": {"type": "boolean"}},
        {"id": "x4", "metric": "cohesion.pairing_months", "points": 1, "rule": {"type": "boolean"}}]}
    ],
    "ratings": [{"min": 9, "label": "优秀"}, {"min": null, "label": "不合格"}]
  })", "test.json");
  const Scored s = scored(tiny_dataset(), year(2025), rubric);
  const AnnualReport r = report_of(s, "a");
  ASSERT_EQ(r.lost.size(), 3u);
  EXPECT_EQ(r.lost[0].id, "x2");  // 1 home visit: 3 · 1 / 3 = 1 point, 2 lost
  EXPECT_EQ(r.lost[1].id, "x3");  // no publicity talk: 0 of 2
  EXPECT_EQ(r.lost[2].id, "x1");  // 2 sessions: 4 − 1 · (3 − 2) = 3, 1 lost
  EXPECT_EQ(r.lost[0].requirement, Requirement::at_least);
  EXPECT_EQ(r.lost[0].required, 3);
  EXPECT_EQ(r.lost[1].requirement, Requirement::above_zero);
  EXPECT_DOUBLE_EQ(r.lost[2].points, 3);
  EXPECT_EQ(r.standards.size(), 2u);
  EXPECT_DOUBLE_EQ(r.max_total, 10);
  const std::string zh = libbranch::render_annual_report(r, Language::zh);
  EXPECT_THAT(zh, HasSubstr("考评结果：总分5分（满分10分），等级：不合格。\n"));  // 3 + 1 + 0 + 1
  EXPECT_THAT(zh, HasSubstr("各标准得分：依法治理好 3/4，凝聚人心好 2/6。\n"));
  EXPECT_THAT(zh, HasSubstr("1. 入户走访次数（cohesion.home_visits）：得1分，满分3分，失2分；实际1，满分需达到3。\n"));
  EXPECT_THAT(zh, HasSubstr("满分需大于0。\n"));
  // Without the rubric, the requirement is unknown and not written.
  const AnnualReport bare = libbranch::make_annual_report(s.ds, s.card, *s.ds.find_branch("a"), registry());
  EXPECT_EQ(bare.lost[0].requirement, Requirement::unknown);
  EXPECT_THAT(libbranch::render_annual_report(bare, Language::zh), Not(HasSubstr("满分需")));
}

TEST(AnnualReport, ABranchThatLostNothing) {
  // a has two secretary lectures: the boolean earns its 5 points.
  const Rubric rubric = Rubric::parse(R"({
    "name": "one line",
    "standards": [{"id": "fortress", "name": "堡垒作用好", "indicators": [
      {"id": "sl", "metric": "fortress.secretary_lectures", "points": 5, "rule": {"type": "boolean"}}]}],
    "ratings": [{"min": 5, "label": "优秀"}, {"min": null, "label": "不合格"}]
  })", "one.json");
  const Scored s = scored(tiny_dataset(), year(2025), rubric);
  const AnnualReport r = report_of(s, "a");
  EXPECT_TRUE(r.lost.empty());
  EXPECT_DOUBLE_EQ(r.total, 5);
  EXPECT_EQ(r.rating, "优秀");
  const std::string zh = libbranch::render_annual_report(r, Language::zh);
  EXPECT_THAT(zh, HasSubstr("各标准得分：堡垒作用好 5/5。\n"));
  EXPECT_THAT(zh, HasSubstr("失分较多的指标：无，各项指标均得满分。\n"));
  const std::string en = libbranch::render_annual_report(r, Language::en);
  EXPECT_THAT(en, HasSubstr("Indicators that lost most points: none; every indicator earned full points.\n"));
  // The secretary-lecture figure comes from the card's column (and still from the registry for the
  // fortress metrics this rubric does not use).
  EXPECT_EQ(r.organization_life.secretary_lectures, 2);
  EXPECT_EQ(r.organization_life.new_probationary, 2);
}

TEST(AnnualReport, RejectsARowOutOfRangeOrAForeignScorecard) {
  const Scored s = scored(tiny_dataset(), year(2025));
  EXPECT_THROW((void)libbranch::make_annual_report(s.ds, s.card, 2, registry()), libbranch::Error);
  TempDir dir;
  dir.write("branches.csv", "branch_id,name\nz,Z\ny,Y\n");
  const Dataset other = libbranch::load_directory(dir.path());
  EXPECT_THROW((void)libbranch::make_annual_report(other, s.card, 0, registry()), libbranch::Error);
}

// ---- the sample dataset ------------------------------------------------------------------------------

// examples/county_court/activities.csv, court, 2025 (counted from the CSV): 12 theme_day rows, 4
// branch_congress rows, 12 committee_meeting rows (one a month), 4 party_lecture rows of which 2
// (2025-02-08, 2025-09-07) have lecturer FY001 冯浩, the secretary. members.csv: FY043, FY044, FY045
// converted in 2025 exactly one year after admission (all on time); FY046 and FY047 admitted on
// 2025-06-27. These agree with examples/county_court/README.md.
const char* const kCourtSentence =
    "本年度以来，开展“主题党日”12次、召开党员大会4次、支部委员会12次，支部书记讲党课2次；"
    "按期转正3名党员，按程序吸收2名同志为预备党员。";
const char* const kCourtSentenceEn =
    "Since the start of the year, the branch held 12 theme party days, 4 branch general meetings and 12 branch "
    "committee meetings, and the branch secretary gave 2 party lectures; 3 probationary members were converted to "
    "full membership on time, and 2 people were admitted as probationary members through the proper procedure.";

TEST(AnnualReport, TheCourtIn2025MatchesItsCsv) {
  const Scored s = scored(libbranch::load_directory(kSample), year(2025));
  const AnnualReport r = report_of(s, "court");
  const libbranch::OrganizationLife& life = r.organization_life;
  EXPECT_EQ(life.theme_days, 12);
  EXPECT_EQ(life.branch_congresses, 4);
  EXPECT_EQ(life.committee_meetings, 12);
  EXPECT_EQ(life.secretary_lectures, 2);
  EXPECT_EQ(life.conversions, 3);
  EXPECT_EQ(life.on_time_conversions, 3);
  EXPECT_EQ(life.new_probationary, 2);
  EXPECT_EQ(libbranch::organization_life_sentence(r, Language::zh), kCourtSentence);
  EXPECT_EQ(libbranch::organization_life_sentence(r, Language::en), kCourtSentenceEn);
  // Other figures of the README's table.
  EXPECT_EQ(figure(r, "legal_education"), 12);
  EXPECT_EQ(figure(r, "legal_education_online"), 12);
  EXPECT_EQ(figure(r, "lecture_hall"), 17);
  EXPECT_EQ(figure(r, "training_person_times"), 216);
  EXPECT_EQ(figure(r, "integrity_meetings"), 4);
  EXPECT_EQ(figure(r, "warning_education"), 7);
  EXPECT_EQ(figure(r, "warning_films"), 11);
  EXPECT_EQ(figure(r, "publicity_talks"), 22);
  EXPECT_DOUBLE_EQ(figure(r, "aid_amount"), 12400);
  EXPECT_EQ(figure(r, "pairing_months"), 11);
  EXPECT_EQ(figure(r, "home_visits"), 14);
  EXPECT_EQ(figure(r, "dispute_cases"), 19);
  EXPECT_EQ(figure(r, "disputes_escalated"), 0);
  EXPECT_EQ(figure(r, "pioneer_posts"), 6);
  EXPECT_EQ(figure(r, "service_station"), 5);
  EXPECT_DOUBLE_EQ(figure(r, "volunteer_hours"), 178);
  EXPECT_EQ(figure(r, "group_meetings"), 60);
  EXPECT_EQ(figure(r, "members"), 48);
  EXPECT_EQ(figure(r, "formal_members"), 46);
  EXPECT_DOUBLE_EQ(figure(r, "online_filing_rate"), 96);
  EXPECT_EQ(r.rating, "优秀");
  EXPECT_EQ(r.lost.size(), 3u);  // volunteering (peers), structure, pairing months
}

// ---- branchscore report ------------------------------------------------------------------------------

TEST(CliReport, ChineseSummaryOfTheCourt) {
  const CliRun r = branchscore("report " + kSample + " --branch court");  // default period: 2025
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("县人民法院党支部2025年度工作总结\n考评期：2025-01-01至2025-12-31\n"));
  EXPECT_THAT(r.out, HasSubstr(std::string(kCourtSentence) + "\n"));
  EXPECT_THAT(r.out, HasSubstr("考评结果：总分"));
  EXPECT_THAT(r.out, HasSubstr("等级：优秀"));
  EXPECT_THAT(r.out, HasSubstr("各标准得分：依法治理好 20/20，凝聚人心好 19.5/20，"));
  EXPECT_THAT(r.out, HasSubstr("失分较多的指标：\n1. "));
  EXPECT_EQ(r.out.find('\r'), std::string::npos);
}

TEST(CliReport, EnglishSummaryOfTheCourt) {
  const CliRun r = branchscore("report " + kSample + " --branch court --year 2025 --lang en");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("县人民法院党支部 (court): annual work summary 2025\n"));
  EXPECT_THAT(r.out, HasSubstr(std::string(kCourtSentenceEn) + "\n"));
  EXPECT_THAT(r.out, HasSubstr("rating 优秀 (excellent)"));
  EXPECT_THAT(r.out, HasSubstr("Governance under the rule of law (依法治理好) 20/20"));
  EXPECT_THAT(r.out, HasSubstr("Indicators that lost most points:\n1. "));
}

TEST(CliReport, AnotherYearGivesOtherFigures) {
  // 2024 was weaker for the court: committee meetings in 11 months (README).
  const CliRun r = branchscore("report " + kSample + " --branch court --year 2024");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("县人民法院党支部2024年度工作总结\n"));
  EXPECT_THAT(r.out, Not(HasSubstr(kCourtSentence)));
}

TEST(CliReport, UnknownBranchFailsWithASuggestion) {
  const CliRun r = branchscore("report " + kSample + " --branch cour");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.out.empty());
  EXPECT_THAT(r.err, HasSubstr("unknown branch 'cour'"));
  EXPECT_THAT(r.err, HasSubstr("did you mean 'court'"));
  const CliRun far = branchscore("report " + kSample + " --branch zzzz");
  EXPECT_EQ(far.exit_code, 1);
  EXPECT_THAT(far.err, HasSubstr("unknown branch 'zzzz'"));
}

TEST(CliReport, UsageErrors) {
  EXPECT_EQ(branchscore("report " + kSample).exit_code, 2);  // --branch is required
  EXPECT_EQ(branchscore("report " + kSample + " --branch court --lang fr").exit_code, 2);
  EXPECT_EQ(branchscore("report --branch court").exit_code, 2);  // DATA is required
}

TEST(CliReport, BadDataFailsWithExitOne) {
  EXPECT_EQ(branchscore("report /nonexistent/dataset --branch court").exit_code, 1);
}

}  // namespace
