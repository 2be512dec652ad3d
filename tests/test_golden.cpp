// End-to-end golden test: the sample dataset (examples/county_court) scored with the default rubric
// over the default period (2025), compared cell by cell with tests/golden/*.csv.
//
// The golden files were checked twice before they were committed (tests/golden/README.md):
//   * the court's 38 indicators and the bonus were derived by hand from the raw CSV files in
//     docs/court_derivation.md, and agree with every court row;
//   * every row of both files agrees with the independent Python implementation
//     tests/oracle/score_oracle.py (tests/oracle/compare_results.py, 1e-9).
// The `CourtByHand` tests below restate the derived court numbers as arithmetic on the raw facts,
// so a wrong regeneration of the golden files cannot silently move them.
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstddef>
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "support/run_cli.hpp"

namespace {

using libbranch::testing::branchscore;
using libbranch::testing::CliRun;
using libbranch::testing::slurp;

const std::string kSample = std::string(LIBBRANCH_SOURCE_DIR) + "/examples/county_court";
const std::string kGoldenDir = std::string(LIBBRANCH_SOURCE_DIR) + "/tests/golden";
constexpr double kTol = 1e-9;  // docs/reference/rubrics.md §4: result files are compared with a tolerance of 1e-9

using Row = std::vector<std::string>;

// RFC 4180 reader (quotes, doubled quotes, quoted commas and line breaks; LF or CRLF).
std::vector<Row> parse_csv(const std::string& text) {
  std::vector<Row> rows;
  Row row;
  std::string cell;
  bool quoted = false;
  bool row_started = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        cell += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      row_started = true;
    } else if (c == ',') {
      row.push_back(cell);
      cell.clear();
      row_started = true;
    } else if (c == '\r') {
      // part of a CRLF line end
    } else if (c == '\n') {
      row.push_back(cell);
      rows.push_back(row);
      row.clear();
      cell.clear();
      row_started = false;
    } else {
      cell += c;
      row_started = true;
    }
  }
  if (row_started) {
    row.push_back(cell);
    rows.push_back(row);
  }
  return rows;
}

// A cell is numeric when it is a whole number in the form docs/reference/results.md §1 writes
// (std::to_chars).
std::optional<double> as_number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  const std::size_t digit = (s[0] == '-') ? 1 : 0;
  if (digit >= s.size() || s[digit] < '0' || s[digit] > '9') return std::nullopt;
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// Compares `actual` with `golden` cell by cell: same header, same rows in the same order, text
// cells equal, numeric cells within 1e-9, an empty (NaN) cell only equal to an empty cell.
// `key_columns` name the row in messages (branch_id, plus indicator for the detail file).
void expect_same_table(const std::string& what, const std::vector<Row>& golden, const std::vector<Row>& actual,
                       const std::vector<std::string>& key_columns) {
  ASSERT_FALSE(golden.empty()) << what << ": golden file is empty";
  ASSERT_FALSE(actual.empty()) << what << ": branchscore wrote nothing";
  ASSERT_EQ(golden[0], actual[0]) << what << ": header differs";
  const Row& header = golden[0];
  std::vector<std::size_t> keys;
  for (const auto& k : key_columns) {
    for (std::size_t c = 0; c < header.size(); ++c)
      if (header[c] == k) keys.push_back(c);
  }
  ASSERT_EQ(keys.size(), key_columns.size()) << what << ": key column missing from the header";
  EXPECT_EQ(golden.size(), actual.size()) << what << ": golden has " << golden.size() - 1 << " rows, branchscore "
                                          << actual.size() - 1;
  const std::size_t rows = std::min(golden.size(), actual.size());
  for (std::size_t r = 1; r < rows; ++r) {
    const Row& g = golden[r];
    const Row& a = actual[r];
    std::string name;
    for (std::size_t k = 0; k < keys.size(); ++k) {
      if (k) name += " / ";
      name += key_columns[k] + " " + (keys[k] < g.size() ? g[keys[k]] : std::string("?"));
    }
    if (g.size() != header.size() || a.size() != header.size()) {
      ADD_FAILURE() << what << " row " << r << " (" << name << "): golden has " << g.size()
                    << " cells, branchscore " << a.size() << ", header " << header.size();
      continue;
    }
    for (std::size_t c = 0; c < header.size(); ++c) {
      const auto gn = as_number(g[c]);
      const auto an = as_number(a[c]);
      if (gn && an) {
        if (!(std::fabs(*gn - *an) <= kTol))
          ADD_FAILURE() << what << " row " << r << " (" << name << "), column '" << header[c] << "': golden '"
                        << g[c] << "' vs branchscore '" << a[c] << "' (numbers differ by " << std::fabs(*gn - *an)
                        << ", tolerance 1e-9)";
      } else if (g[c] != a[c]) {
        ADD_FAILURE() << what << " row " << r << " (" << name << "), column '" << header[c] << "': golden '" << g[c]
                      << "' vs branchscore '" << a[c] << "'";
      }
    }
  }
}

CliRun score(const std::string& extra) { return branchscore("score " + kSample + " --format csv" + extra); }

TEST(Golden, SummaryOfTheSampleMatchesTheCheckedGoldenFileCellByCell) {
  const CliRun r = score("");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto golden = parse_csv(slurp(kGoldenDir + "/county_court_2025_summary.csv"));
  ASSERT_EQ(golden.size(), 9u) << "header + 8 branches";
  expect_same_table("summary", golden, parse_csv(r.out), {"branch_id"});
}

TEST(Golden, DetailOfTheSampleMatchesTheCheckedGoldenFileCellByCell) {
  const CliRun r = score(" --detail");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto golden = parse_csv(slurp(kGoldenDir + "/county_court_2025_detail.csv"));
  ASSERT_EQ(golden.size(), 1u + 8u * 39u) << "header + 8 branches x (38 indicators + 1 bonus)";
  expect_same_table("detail", golden, parse_csv(r.out), {"branch_id", "indicator"});
}

TEST(Golden, TheDefaultPeriodOfTheSampleIsTheYear2025) {
  // The golden files are named for 2025: the latest calendar year with activities
  // (docs/reference/cli.md §1.3).
  const CliRun by_default = score(" --detail");
  const CliRun year_2025 = score(" --detail --year 2025");
  ASSERT_EQ(by_default.exit_code, 0) << by_default.err;
  ASSERT_EQ(year_2025.exit_code, 0) << year_2025.err;
  EXPECT_EQ(by_default.out, year_2025.out);
}

// ---- The court, from docs/court_derivation.md ------------------------------------------------

// Court summary row and court detail rows of a fresh run, by column / indicator name.
struct Court {
  std::map<std::string, std::string> summary;
  std::map<std::string, std::map<std::string, std::string>> detail;  // indicator -> column -> cell
};

Court court_run() {
  Court court;
  const CliRun s = score("");
  const CliRun d = score(" --detail");
  EXPECT_EQ(s.exit_code, 0) << s.err;
  EXPECT_EQ(d.exit_code, 0) << d.err;
  const auto srows = parse_csv(s.out);
  const auto drows = parse_csv(d.out);
  if (srows.size() < 2 || drows.size() < 2) return court;
  for (std::size_t r = 1; r < srows.size(); ++r) {
    if (srows[r].size() != srows[0].size() || srows[r][0] != "court") continue;
    for (std::size_t c = 0; c < srows[0].size(); ++c) court.summary[srows[0][c]] = srows[r][c];
  }
  for (std::size_t r = 1; r < drows.size(); ++r) {
    if (drows[r].size() != drows[0].size() || drows[r][0] != "court") continue;
    auto& cells = court.detail[drows[r][2]];
    for (std::size_t c = 0; c < drows[0].size(); ++c) cells[drows[0][c]] = drows[r][c];
  }
  return court;
}

double num(const std::string& cell) {
  const auto v = as_number(cell);
  EXPECT_TRUE(v.has_value()) << "not a number: '" << cell << "'";
  return v.value_or(std::nan(""));
}

// Raw facts of the derivation (docs/court_derivation.md §1 members, §2 peer group).
constexpr double kNbar = (47.0 + 48.0) / 2;  // N(2025-01-01) = 47, N(2025-12-31) = 48 (§1)
// Volunteer hours per member of the peer group (§2, §5.5): court 178 h, minimum finance_bureau
// 20 h / 15.5, maximum xingfulu_community 421 h / 15.
constexpr double kVolCourt = 178.0 / kNbar;
constexpr double kVolMin = 20.0 / 15.5;
constexpr double kVolMax = 421.0 / 15.0;
const double kVolunteeringPoints = (3.0 * (kVolCourt - kVolMin)) / (kVolMax - kVolMin);  // = 65124/236569
// Structure (§7.11): 一降 and 一增, not 一升 → 2 × 0.6666666666666666.
constexpr double kStructurePoints = 2 * 0.6666666666666666;

// Standard scores (docs/court_derivation.md §3–§7 and §8).
constexpr double kRuleOfLaw = 4 + 2 + 3 + 3 + 3 + 2 + 2 + 1;                                  // §3: 20
constexpr double kCohesion = 4 + 4 + 3.5 + 3 + 2 + 3;                                          // §4: 19.5
const double kCivility = 4 + 5 + 2 + 3 + kVolunteeringPoints + 3;                              // §5: 17.2752854…
constexpr double kDevelopment = 3 + 4 + 2 + 2 + 2 + 4 + 3;                                     // §6: 20
constexpr double kFortress = 3 + 2 + 2 + 3 + 1 + 2 + 1 + 2 + 1 + 1 + kStructurePoints;          // §7: 19.3333…
constexpr double kBonus = 2;                                                                   // §8: 2 honors in 2025

TEST(GoldenCourtByHand, StandardScoresTotalBonusAndRatingAreTheDerivedOnes) {
  const Court court = court_run();
  ASSERT_FALSE(court.summary.empty()) << "no court row in the summary";
  EXPECT_NEAR(num(court.summary.at("rule_of_law")), kRuleOfLaw, kTol) << "derivation §3";
  EXPECT_NEAR(num(court.summary.at("cohesion")), kCohesion, kTol) << "derivation §4";
  EXPECT_NEAR(num(court.summary.at("civility")), kCivility, kTol) << "derivation §5";
  EXPECT_NEAR(num(court.summary.at("development")), kDevelopment, kTol) << "derivation §6";
  EXPECT_NEAR(num(court.summary.at("fortress")), kFortress, kTol) << "derivation §7";
  EXPECT_NEAR(num(court.summary.at("bonus")), kBonus, kTol) << "derivation §8";
  const double total = kRuleOfLaw + kCohesion + kCivility + kDevelopment + kFortress + kBonus;
  EXPECT_NEAR(total, 98.1086187680268, kTol);  // the figure quoted in the derivation's summary table
  EXPECT_NEAR(num(court.summary.at("total")), total, kTol) << "derivation §9";
  EXPECT_EQ(court.summary.at("rating"), "优秀") << "derivation §9: total ≥ 90, no veto";
  EXPECT_EQ(court.summary.at("vetoes"), "") << "derivation §9: serious_violations in 2025 sum to 0";
}

TEST(GoldenCourtByHand, NonIntegerMetricValuesAreTheDerivedOnes) {
  const Court court = court_run();
  ASSERT_EQ(court.detail.size(), 39u) << "38 indicators + 1 bonus for the court";
  const auto value = [&](const char* ind) { return num(court.detail.at(ind).at("value")); };
  const auto points = [&](const char* ind) { return num(court.detail.at(ind).at("points")); };
  // §3.3: 1,315 person-times over training, legal_education and lecture_hall / N̄.
  EXPECT_NEAR(value("training"), 1315.0 / kNbar, kTol);
  // §3.7: 17 of 24 theme days and legal-education activities online or hybrid.
  EXPECT_NEAR(value("online"), 17.0 / 24.0, kTol);
  // §4.2: 0 escalated of 19 cases.
  EXPECT_NEAR(value("zero_escalation"), 0.0, kTol);
  EXPECT_NEAR(points("zero_escalation"), 4.0, kTol);
  // §4.3: pairing in 11 months → 4 − 0.5 · 1.
  EXPECT_NEAR(value("pairing"), 11.0, kTol);
  EXPECT_NEAR(points("pairing"), 3.5, kTol);
  // §4.5: 12,400 yuan / N̄, the best of the peer group.
  EXPECT_NEAR(value("aid"), 12400.0 / kNbar, kTol);
  EXPECT_NEAR(points("aid"), 2.0, kTol);
  // §4.6: 1,487 attendees of 1,578 expected over 81 meetings.
  EXPECT_NEAR(value("participation"), 1487.0 / 1578.0, kTol);
  // §5.4: 10 · 6 pioneer posts / 48 members.
  EXPECT_NEAR(value("pioneer_posts"), 1.25, kTol);
  // §5.5: volunteer hours per member, minmax over the peer group.
  EXPECT_NEAR(value("volunteering"), kVolCourt, kTol);
  EXPECT_NEAR(points("volunteering"), kVolunteeringPoints, kTol);
  EXPECT_NEAR(points("volunteering"), 65124.0 / 236569.0, kTol);
  // §6.6–§6.7: latest 2025 online_filing_rate 0.96; business_performance 96, rank 1 of 5.
  EXPECT_NEAR(value("online_filing"), 0.96, kTol);
  EXPECT_NEAR(value("performance"), 96.0, kTol);
  EXPECT_NEAR(points("performance"), 3.0, kTol);
  // §7.11: structure improvements 2 of 3.
  EXPECT_NEAR(value("structure"), 2.0, kTol);
  EXPECT_NEAR(points("structure"), kStructurePoints, kTol);
  // §8: obs.honors with agg sum over 2025.
  EXPECT_NEAR(value("honors"), 2.0, kTol);
  EXPECT_EQ(court.detail.at("honors").at("flags"), "bonus");
}

}  // namespace
