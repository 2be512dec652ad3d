// Member points (党员积分制) on a hand-made branch (tests/fixtures/member_points/branch) with the
// test rubric tests/fixtures/member_points/rubric.json, where every cap, the deduction, both
// bonuses and both ends of the clamp fire. Rubric: base 10; theme_day 3, party_lecture 2,
// volunteer_service 2 (at most 2 a month); caps 5 a month, 9 a year; absence from a theme_day −4;
// lecturer +3; a quarter without absence (with at least one theme day while a member) +1; clamp
// [0, 22]. Period: 2024.
//
// Derivations, in date order (A10 is dated 2023 and earns nothing):
//  M1 attends everything. Jan: A3 vol 2 (kind 2, month 2); A4 vol 2 → kind cap takes 2
//     (cap_kind_month −2); A1 theme 3 (month 5); A2 lecture 2 → month cap −2. Year used 5.
//     Feb: A5 3 (year 8). Apr: A6 3 → year room 1, cap_year −2; A7 2 → cap_year −2.
//     Jul A8 3 → cap_year −3; Oct A9 3 → cap_year −3.
//     earned 2+2+3+2+3+3+2+3+3 = 23, capped 2+2+2+2+3+3 = 14, no absence, full attendance in
//     Q1..Q4 = +4. 10 + 23 − 14 + 4 = 23 → clamp to 22 (−1).
//  M2 attends A1, A5, A6, A8, lectures A2 (without an attendance row). 3+3+3 = 9 reaches the
//     year cap, A8 → cap_year −3. Misses A9: −4. Bonuses: lecturer 3, Q1 Q2 Q3 = 3 → 6.
//     10 + 12 − 3 − 4 + 6 = 21.
//  M3 left on 2024-05-01. A3 vol 2, A1 theme 3 (month 5). Misses A5 and A6 (still a member on
//     04-10): −8. A8, A9: no longer a member, no absence. No full quarter. 10 + 5 − 8 = 7.
//  M4 admitted 2024-03-01: A1, A5 before that are no absence. A6 3, A7 2 (month 5, year 5),
//     A8 3 (year 8), A9 3 → year room 1, cap_year −2. Q2, Q3, Q4 full: +3.
//     10 + 11 − 2 + 3 = 22.
//  M5 never attends: absent at A1 A5 A6 A8 A9 = −20. 10 − 20 = −10 → clamp to 0 (+10).
//  M6 is an activist (no admission): not listed; X1 (branch B2) at A1 earns nothing in B1.
//  B2: X1 alone, no activities: total 10, rank 1.
//  Ranks in B1: M1 22 and M4 22 share rank 1, M2 3, M3 4, M5 5.
#include <map>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <libbranch/engine.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/member_points.hpp>

#include "support/metric_fixture.hpp"
#include "support/temp_dir.hpp"

namespace {

namespace lt = libbranch::testing;
using libbranch::MemberPoints;
using libbranch::MemberPointsResult;
using libbranch::PointsRubric;
using libbranch::PointsRubricError;
using ::testing::HasSubstr;

const std::string kDir = std::string(LIBBRANCH_FIXTURES_DIR) + "/member_points";

MemberPointsResult hand_made() {
  const auto ds = libbranch::load_directory(kDir + "/branch");
  return libbranch::compute_member_points(ds, PointsRubric::load(kDir + "/rubric.json"),
                                          libbranch::Period::calendar_year(2024));
}

const MemberPoints& member(const MemberPointsResult& r, const std::string& id) {
  for (const auto& m : r.members)
    if (m.member_id == id) return m;
  throw std::runtime_error("no member " + id);
}

/// Sum of the ledger's points of one member and reason.
std::int64_t ledger_sum(const MemberPointsResult& r, const std::string& id, const std::string& reason) {
  std::int64_t sum = 0;
  for (const auto& e : r.ledger)
    if (r.members[e.member].member_id == id && e.reason == reason) sum += e.points;
  return sum;
}

TEST(MemberPoints, HandMadeBranchTotals) {
  const auto r = hand_made();
  ASSERT_EQ(r.members.size(), 6u);  // M1..M5 and X1; not the activist M6
  std::vector<std::string> order;
  for (const auto& m : r.members) order.push_back(m.member_id);
  EXPECT_EQ(order, (std::vector<std::string>{"M1", "M4", "M2", "M3", "M5", "X1"}));

  const auto& m1 = member(r, "M1");
  EXPECT_EQ(m1.base, 10);
  EXPECT_EQ(m1.earned, 23);
  EXPECT_EQ(m1.capped, 14);
  EXPECT_EQ(m1.deductions, 0);
  EXPECT_EQ(m1.bonuses, 4);
  EXPECT_EQ(m1.clamped, -1);
  EXPECT_EQ(m1.total, 22);
  EXPECT_EQ(m1.rank, 1);
  EXPECT_EQ(m1.name, "Alice");
  EXPECT_EQ(m1.branch_id, "B1");

  const auto& m2 = member(r, "M2");
  EXPECT_EQ(m2.earned, 12);
  EXPECT_EQ(m2.capped, 3);
  EXPECT_EQ(m2.deductions, 4);
  EXPECT_EQ(m2.bonuses, 6);
  EXPECT_EQ(m2.total, 21);
  EXPECT_EQ(m2.rank, 3);

  const auto& m3 = member(r, "M3");
  EXPECT_EQ(m3.earned, 5);
  EXPECT_EQ(m3.deductions, 8);
  EXPECT_EQ(m3.bonuses, 0);
  EXPECT_EQ(m3.total, 7);
  EXPECT_EQ(m3.rank, 4);

  const auto& m4 = member(r, "M4");
  EXPECT_EQ(m4.earned, 11);
  EXPECT_EQ(m4.capped, 2);
  EXPECT_EQ(m4.deductions, 0);
  EXPECT_EQ(m4.bonuses, 3);
  EXPECT_EQ(m4.total, 22);
  EXPECT_EQ(m4.rank, 1);  // tie with M1: both rank 1, next is 3

  const auto& m5 = member(r, "M5");
  EXPECT_EQ(m5.deductions, 20);
  EXPECT_EQ(m5.clamped, 10);
  EXPECT_EQ(m5.total, 0);
  EXPECT_EQ(m5.rank, 5);

  const auto& x1 = member(r, "X1");
  EXPECT_EQ(x1.branch_id, "B2");
  EXPECT_EQ(x1.earned, 0);
  EXPECT_EQ(x1.total, 10);
  EXPECT_EQ(x1.rank, 1);
}

TEST(MemberPoints, LedgerShowsEveryCapDeductionAndBonus) {
  const auto r = hand_made();
  // M1's caps, by kind of cap (see the derivation at the top).
  EXPECT_EQ(ledger_sum(r, "M1", "attendance"), 23);
  EXPECT_EQ(ledger_sum(r, "M1", "cap_kind_month"), -2);
  EXPECT_EQ(ledger_sum(r, "M1", "cap_month"), -2);
  EXPECT_EQ(ledger_sum(r, "M1", "cap_year"), -10);
  EXPECT_EQ(ledger_sum(r, "M1", "bonus:full_attendance"), 4);
  EXPECT_EQ(ledger_sum(r, "M1", "clamp"), -1);
  EXPECT_EQ(ledger_sum(r, "M2", "bonus:lecturer"), 3);
  EXPECT_EQ(ledger_sum(r, "M2", "absence"), -4);
  EXPECT_EQ(ledger_sum(r, "M5", "absence"), -20);
  EXPECT_EQ(ledger_sum(r, "M5", "clamp"), 10);
  // Every member's ledger adds up to total − base.
  for (const auto& m : r.members) {
    std::int64_t sum = 0;
    for (const auto& e : r.ledger)
      if (r.members[e.member].member_id == m.member_id) sum += e.points;
    EXPECT_EQ(sum, m.total - m.base) << m.member_id;
  }
  // The evidence of the kind cap: A4 (the second volunteer_service of January) on 2024-01-06.
  bool found = false;
  for (const auto& e : r.ledger)
    if (e.reason == "cap_kind_month") {
      EXPECT_EQ(e.activity_id, "A4");
      EXPECT_EQ(e.kind, "volunteer_service");
      EXPECT_EQ(e.date, lt::date("2024-01-06"));
      found = true;
    }
  EXPECT_TRUE(found);
  // M2's absence is A9; M3 is not charged for A8/A9, after leaving.
  std::vector<std::string> m3_absences;
  for (const auto& e : r.ledger)
    if (r.members[e.member].member_id == "M3" && e.reason == "absence") m3_absences.push_back(e.activity_id);
  EXPECT_EQ(m3_absences, (std::vector<std::string>{"A5", "A6"}));
  for (const auto& e : r.ledger) EXPECT_NE(e.activity_id, "A10");  // 2023: outside the period
  // Full attendance is dated the quarter's last day: M4's quarters Q2, Q3, Q4.
  std::vector<libbranch::Date> m4_full;
  for (const auto& e : r.ledger)
    if (r.members[e.member].member_id == "M4" && e.reason == "bonus:full_attendance") m4_full.push_back(e.date);
  EXPECT_EQ(m4_full, (std::vector<libbranch::Date>{lt::date("2024-06-30"), lt::date("2024-09-30"), lt::date("2024-12-31")}));
  // The ledger is by member, then date.
  for (std::size_t i = 1; i < r.ledger.size(); ++i)
    if (r.ledger[i].member == r.ledger[i - 1].member) EXPECT_LE(r.ledger[i - 1].date, r.ledger[i].date) << i;
}

TEST(MemberPoints, ShareAboveThreshold) {
  const auto ds = libbranch::load_directory(kDir + "/branch");
  const auto r = libbranch::compute_member_points(ds, PointsRubric::load(kDir + "/rubric.json"),
                                                  libbranch::Period::calendar_year(2024));
  // B1: totals 22, 22, 21, 7, 0 → three of five ≥ 20; B2: 10 < 20.
  const auto share = libbranch::members_points_share(r, ds, 20);
  ASSERT_EQ(share.size(), 2u);
  EXPECT_DOUBLE_EQ(share[0], 0.6);
  EXPECT_DOUBLE_EQ(share[1], 0.0);
}

TEST(PointsRubric, BuiltInIsTheShippedFile) {
  const auto built_in = PointsRubric::default_rubric();
  const auto shipped = PointsRubric::load(std::string(LIBBRANCH_SOURCE_DIR) + "/rubrics/member_points.json");
  EXPECT_EQ(built_in.name, shipped.name);
  EXPECT_EQ(built_in.base, 60);
  EXPECT_EQ(built_in.cap_per_month, 10);
  EXPECT_EQ(built_in.cap_per_year, 40);
  EXPECT_EQ(built_in.attendance.size(), shipped.attendance.size());
  EXPECT_EQ(built_in.required_kinds.size(), 3u);
}

void expect_error(const std::string& text, const std::string& path, const std::string& what) {
  try {
    (void)PointsRubric::parse(text, "p.json");
    ADD_FAILURE() << "no error for " << text;
  } catch (const PointsRubricError& e) {
    EXPECT_EQ(e.file(), "p.json");
    EXPECT_EQ(e.json_path(), path) << e.what();
    EXPECT_THAT(e.what(), HasSubstr(what));
  }
}

TEST(PointsRubric, ParseErrorsNameFilePathAndValue) {
  expect_error(R"({"base": 60,})", "", "invalid JSON");
  expect_error(R"({"bsae": 60})", "bsae", "unknown field '\"bsae\"'");
  expect_error(R"({"base": 1.5})", "base", "expected an integer '1.5'");
  expect_error(R"({"attendance": {"theme_dya": {"points": 2}}})", "attendance.theme_dya",
               "unknown activity kind '\"theme_dya\"'");
  expect_error(R"({"attendance": {"theme_day": {"points": -2}}})", "attendance.theme_day.points", "must be ≥ 0 '-2'");
  expect_error(R"({"attendance": {"theme_day": {}}})", "attendance.theme_day", "missing field 'points'");
  expect_error(R"({"caps": {"per_week": 3}})", "caps.per_week", "unknown field");
  expect_error(R"({"caps": {"per_month": "10"}})", "caps.per_month", "expected an integer '\"10\"'");
  expect_error(R"({"deductions": {"absent_required": {"kinds": ["theme_day", "theme_day"], "points": 2}}})",
               "deductions.absent_required.kinds[1]", "repeated activity kind");
  expect_error(R"({"deductions": {"absent_required": {"kinds": ["x"], "points": 2}}})",
               "deductions.absent_required.kinds[0]", "unknown activity kind '\"x\"'");
  expect_error(R"({"deductions": {"late": {"kinds": [], "points": 2}}})", "deductions.late", "unknown deduction");
  expect_error(R"({"bonuses": {"hero": {"points": 2}}})", "bonuses.hero", "unknown bonus");
  expect_error(R"({"bonuses": {"full_attendance": {"unit": "month", "points": 2}}})", "bonuses.full_attendance.unit",
               "the only unit is 'quarter'");
  expect_error(R"({"min": 10, "max": 5})", "min", "min must be ≤ max");
  expect_error(R"([1])", "", "expected an object");
}

TEST(PointsRubric, LoadNamesAMissingFile) {
  lt::TempDir dir;
  try {
    (void)PointsRubric::load(dir.path() / "nope.json");
    ADD_FAILURE();
  } catch (const PointsRubricError& e) {
    EXPECT_THAT(e.file(), HasSubstr("nope.json"));
    EXPECT_THAT(e.what(), HasSubstr("cannot read the points rubric file"));
  }
}

TEST(MemberPoints, ShareMetricInARubricScoredByTheEngine) {
  // fortress.members_points_share with the test rubric and threshold 20: B1 0.6, B2 0 (see
  // ShareAboveThreshold). Rule ratio with target 1 over 10 points: 10 · 0.6 = 6 and 0.
  const auto ds = libbranch::load_directory(kDir + "/branch");
  nlohmann::json rubric = nlohmann::json::parse(R"({"name": "points in a rubric", "standards": [
      {"id": "fortress", "name": "堡垒作用好", "indicators": [
        {"id": "points", "metric": "fortress.members_points_share", "points": 10,
         "params": {"threshold": 20}, "rule": {"type": "ratio", "target": 1}}]}],
      "ratings": [{"min": null, "label": "ok"}]})");
  rubric["standards"][0]["indicators"][0]["params"]["points_rubric"] = kDir + "/rubric.json";
  libbranch::Engine engine;
  const auto card = engine.score(ds, libbranch::Rubric::parse(rubric.dump(), "points.json"),
                                 libbranch::Period::calendar_year(2024));
  EXPECT_DOUBLE_EQ(card.indicator_value(0, 0), 0.6);
  EXPECT_DOUBLE_EQ(card.points(0, 0), 6.0);
  EXPECT_DOUBLE_EQ(card.indicator_value(1, 0), 0.0);
  EXPECT_DOUBLE_EQ(card.points(1, 0), 0.0);
}

TEST(MemberPoints, ShareMetricNamesABadPointsRubric) {
  const auto ds = libbranch::load_directory(kDir + "/branch");
  const std::string text = R"({"name": "r", "standards": [{"id": "fortress", "name": "F", "indicators": [
      {"id": "points", "metric": "fortress.members_points_share", "points": 10,
       "params": {"points_rubric": "/nonexistent/points.json"}, "rule": {"type": "ratio", "target": 1}}]}],
      "ratings": [{"min": null, "label": "ok"}]})";
  libbranch::Engine engine;
  EXPECT_THAT([&] { (void)engine.score(ds, libbranch::Rubric::parse(text, "r.json"), libbranch::Period::calendar_year(2024)); },
              ::testing::ThrowsMessage<libbranch::Error>(HasSubstr("/nonexistent/points.json")));
}

}  // namespace
