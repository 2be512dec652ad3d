// branchscore weights and rank, run as a user runs them: formats, exit codes, error messages.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "support/run_cli.hpp"

namespace {

using ::testing::HasSubstr;
using libbranch::testing::branchscore;
using libbranch::testing::CliRun;
using libbranch::testing::slurp;
using libbranch::testing::TempDir;

// Two alternatives by hand (tests/analytics/test_ranking.cpp): X = [[3, 4], [4, 3]], w = (.75, .25):
// closeness .25 and .75.
constexpr const char* kTwo = "id,a,b\nx,3,4\ny,4,3\n";

TEST(CliRank, TopsisCsvHasScoresAndRanks) {
  TempDir dir;
  dir.write("m.csv", kTwo);
  const CliRun r = branchscore("rank " + (dir.path() / "m.csv").string() + " --weights 0.75,0.25 --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("id,closeness,d_plus,d_minus,rank\n"));
  const auto json = branchscore("rank " + (dir.path() / "m.csv").string() + " --weights a=0.75,b=0.25 --format json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc["method"], "topsis");
  EXPECT_NEAR(doc["alternatives"][0]["closeness"].get<double>(), 0.25, 1e-15);
  EXPECT_EQ(doc["alternatives"][1]["rank"], 1);
}

TEST(CliRank, CostColumnsVikorAndWeightedSum) {
  TempDir dir;
  dir.write("m.csv", kTwo);
  const std::string m = (dir.path() / "m.csv").string();
  // b a cost, w = (.5, .5): y is the ideal (closeness 1), x the anti-ideal.
  const CliRun t = branchscore("rank " + m + " --cost b --format json");
  const auto doc = nlohmann::json::parse(t.out);
  EXPECT_NEAR(doc["alternatives"][1]["closeness"].get<double>(), 1, 1e-15);
  const CliRun v = branchscore("rank " + m + " --method vikor --format json");
  ASSERT_EQ(v.exit_code, 0) << v.err;
  EXPECT_TRUE(nlohmann::json::parse(v.out).contains("compromise"));
  // Weighted sum, none: .5·3 + .5·4 = 3.5 for both: tied at rank 1.
  const CliRun s = branchscore("rank " + m + " --method weighted_sum --format csv");
  EXPECT_THAT(s.out, HasSubstr("x,3.5,1\ny,3.5,1\n"));
}

TEST(CliRank, BadDataAndArgumentsFail) {
  TempDir dir;
  dir.write("bad.csv", "id,a\nx,1\ny,zz\n");
  const CliRun bad = branchscore("rank " + (dir.path() / "bad.csv").string());
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("bad.csv:3: error: a: not a number 'zz'"));
  dir.write("m.csv", kTwo);
  const CliRun w = branchscore("rank " + (dir.path() / "m.csv").string() + " --weights 1,2,3");
  EXPECT_EQ(w.exit_code, 1);
  EXPECT_THAT(w.err, HasSubstr("--weights"));
  const CliRun c = branchscore("rank " + (dir.path() / "m.csv").string() + " --cost price");
  EXPECT_EQ(c.exit_code, 1);
  EXPECT_THAT(c.err, HasSubstr("no criterion column 'price'"));
  EXPECT_EQ(branchscore("rank " + (dir.path() / "m.csv").string() + " --method electre").exit_code, 2);
}

TEST(CliWeights, AhpPrintsWeightsAndConsistency) {
  TempDir dir;
  // Consistent: a_ij = w_i / w_j with w = (.5, .3, .2): weights back exactly, CR 0.
  dir.write("a.json", R"({"labels": ["x", "y", "z"], "matrix": [[1, 1.6666666666666667, 2.5], [0.6, 1, 1.5], [0.4, 0.6666666666666666, 1]]})");
  const CliRun r = branchscore("weights ahp " + (dir.path() / "a.json").string() + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_NEAR(doc["weights"][0]["weight"].get<double>(), 0.5, 1e-12);
  EXPECT_EQ(doc["weights"][2]["criterion"], "z");
  EXPECT_NEAR(doc["cr"].get<double>(), 0, 1e-12);
  EXPECT_EQ(doc["consistent"], true);
  dir.write("bad.json", "[[1, 3], [0.5, 1]]");
  const CliRun bad = branchscore("weights ahp " + (dir.path() / "bad.json").string());
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("matrix[1][0]"));
  EXPECT_THAT(bad.err, HasSubstr("not reciprocal"));
}

TEST(CliWeights, EntropyAndCriticOfACsvMatrix) {
  TempDir dir;
  // entropy raw by hand (tests/analytics/test_weights.cpp): column c is constant, weight 0.
  dir.write("m.csv", "id,a,b,c\nx,1,0,5\ny,3,4,5\n");
  const CliRun e = branchscore("weights entropy " + (dir.path() / "m.csv").string() + " --format csv");
  ASSERT_EQ(e.exit_code, 0) << e.err;
  EXPECT_THAT(e.out, HasSubstr("c,0\n"));
  dir.write("n.csv", "id,a,b,c\nx,1,1,7\ny,2,3,7\nz,3,2,7\n");
  const CliRun c = branchscore("weights critic " + (dir.path() / "n.csv").string() + " --format csv --out " +
                               (dir.path() / "w.csv").string());
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(slurp(dir.path() / "w.csv"), "criterion,weight\na,0.5\nb,0.5\nc,0\n");
  const CliRun neg = branchscore("weights entropy " + (dir.path() / "m.csv").string() + " --cost a");
  EXPECT_EQ(neg.exit_code, 1);
  EXPECT_THAT(neg.err, HasSubstr("minmax"));
}

}  // namespace

namespace {

TEST(CliCompare, TwoYearsOfTheSample) {
  const std::string sample = std::string(LIBBRANCH_SOURCE_DIR) + "/examples/county_court";
  const CliRun r = libbranch::testing::branchscore("compare " + sample + " --before 2024 --after 2025 --format json --top 2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["before"]["from"], "2024-01-01");
  ASSERT_EQ(doc["branches"].size(), 8u);
  for (const auto& b : doc["branches"]) {
    EXPECT_NEAR(b["delta"].get<double>(), b["total_after"].get<double>() - b["total_before"].get<double>(), 1e-12);
    ASSERT_LE(b["drivers"].size(), 2u);
    if (b["drivers"].size() == 2)  // strongest first
      EXPECT_GE(std::abs(b["drivers"][0]["delta"].get<double>()), std::abs(b["drivers"][1]["delta"].get<double>()));
    if (b["branch_id"] == "education_bureau") {  // 良好 → 不合格 (a veto in 2025): two places down
      EXPECT_EQ(b["rating_before"], "良好");
      EXPECT_EQ(b["rating_change"], -2);
    }
  }
  const CliRun csv = libbranch::testing::branchscore("compare " + sample + " --before 2024 --after 2025 --format csv");
  EXPECT_THAT(csv.out, ::testing::HasSubstr("branch_id,name,status,total_before,total_after,delta,rating_before,"
                                            "rating_after,rating_change,rule_of_law,cohesion,civility,development,"
                                            "fortress,drivers\n"));
  EXPECT_EQ(libbranch::testing::branchscore("compare " + sample + " --before 2024").exit_code, 2);
}

}  // namespace

namespace {

// Periods written as one word: half-years, quarters, months and FROM..TO give the dates they name.
TEST(CliCompare, PeriodsOtherThanYears) {
  const std::string sample = std::string(LIBBRANCH_SOURCE_DIR) + "/examples/county_court";
  struct Case {
    std::string before, after;
    std::string before_from, before_to, after_from, after_to;
  };
  const Case cases[] = {
      {"2025-H1", "2025-H2", "2025-01-01", "2025-06-30", "2025-07-01", "2025-12-31"},
      {"2024-Q1", "2024-Q4", "2024-01-01", "2024-03-31", "2024-10-01", "2024-12-31"},
      {"2024-02", "2025-02", "2024-02-01", "2024-02-29", "2025-02-01", "2025-02-28"},  // 2024 is a leap year
      {"2024-03-15..2024-09-14", "2025", "2024-03-15", "2024-09-14", "2025-01-01", "2025-12-31"},
  };
  for (const Case& c : cases) {
    const CliRun r = libbranch::testing::branchscore("compare " + sample + " --before " + c.before + " --after " +
                                                     c.after + " --format json");
    ASSERT_EQ(r.exit_code, 0) << c.before << " " << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["before"]["from"], c.before_from) << c.before;
    EXPECT_EQ(doc["before"]["to"], c.before_to) << c.before;
    EXPECT_EQ(doc["after"]["from"], c.after_from) << c.after;
    EXPECT_EQ(doc["after"]["to"], c.after_to) << c.after;
    EXPECT_EQ(doc["branches"].size(), 8u);
  }
}

// The same half-year compared with itself: every delta is zero, every rating unchanged.
TEST(CliCompare, APeriodWithItselfChangesNothing) {
  const std::string sample = std::string(LIBBRANCH_SOURCE_DIR) + "/examples/county_court";
  const CliRun r =
      libbranch::testing::branchscore("compare " + sample + " --before 2025-H1 --after 2025-01-01..2025-06-30 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);  // kept: the loop walks a part of it
  for (const auto& b : doc["branches"]) {
    EXPECT_EQ(b["delta"].get<double>(), 0.0) << b["branch_id"];
    EXPECT_EQ(b["rating_change"], 0) << b["branch_id"];
  }
}

TEST(CliCompare, UnreadablePeriodsAreUsageErrors) {
  const std::string sample = std::string(LIBBRANCH_SOURCE_DIR) + "/examples/county_court";
  for (const char* bad : {"2025-H3", "2025-Q0", "2025-13", "25", "2025/01", "2025-06-30..2025-01-01", "2025-02-30..2025-03-01"}) {
    const CliRun r = libbranch::testing::branchscore("compare " + sample + " --before " + bad + " --after 2025");
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_THAT(r.err, HasSubstr(std::string("not a period (expected 2024, 2024-H1, 2024-Q3, 2024-07 or "
                                             "2024-01-01..2024-06-30): ") + bad)) << bad;
  }
}

// --to before --from is refused by every command that takes a period, report included.
TEST(CliPeriod, ReversedPeriodIsAUsageError) {
  const std::string sample = std::string(LIBBRANCH_SOURCE_DIR) + "/examples/county_court";
  for (const char* command : {"score", "check", "members", "report --branch court"}) {
    const CliRun r = libbranch::testing::branchscore(std::string(command) + " " + sample +
                                                     " --from 2025-06-30 --to 2025-01-01");
    EXPECT_EQ(r.exit_code, 2) << command;
    EXPECT_THAT(r.err, HasSubstr("--to must not be before --from")) << command;
    EXPECT_EQ(r.out, "") << command;
  }
}

}  // namespace
