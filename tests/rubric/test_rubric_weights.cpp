// AHP standard weights in a rubric (`"weights": {"ahp": …}`, docs/analytics.md): parsing, the JSON
// round trip, the consistency check and each standard's weighted maximum.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include <libbranch/error.hpp>
#include <libbranch/rubric.hpp>

namespace libbranch {
namespace {

using ::testing::HasSubstr;

// Two standards of 30 and 70 points (total 100); `weights` is spliced in.
std::string rubric_with(const std::string& weights) {
  return R"({"name": "w", "standards": [
    {"id": "a", "indicators": [{"id": "a1", "metric": "m.a", "points": 30, "rule": {"type": "boolean"}}]},
    {"id": "b", "indicators": [{"id": "b1", "metric": "m.b", "points": 70, "rule": {"type": "boolean"}}]}],
    "ratings": [{"min": 60, "label": "ok"}, {"min": null, "label": "no"}])" +
         (weights.empty() ? std::string() : ", \"weights\": " + weights) + "}";
}

std::string error_path(const std::string& text) {
  try {
    (void)Rubric::parse(text, "r.json");
  } catch (const RubricError& e) {
    return e.json_path();
  }
  return "<no error>";
}

TEST(RubricWeights, AhpMatrixGivesEachStandardItsWeightOfTheTotal) {
  // a is 3 times as important as b: weights 0.75 / 0.25, so a scores out of 75 and b out of 25.
  const Rubric r = Rubric::parse(rubric_with(R"({"ahp": [[1, 3], [0.3333, 1]]})"), "r.json");
  ASSERT_TRUE(r.weights.has_value());
  EXPECT_EQ(r.weights->method, "eigenvector");
  const std::vector<double> w = r.standard_weights();
  EXPECT_NEAR(w[0], 0.75, 1e-12);
  const std::vector<double> maxima = r.standard_maxima();
  EXPECT_NEAR(maxima[0], 75, 1e-10);
  EXPECT_NEAR(maxima[1], 25, 1e-10);
  EXPECT_DOUBLE_EQ(r.max_points(), 100);  // the total keeps its range
}

TEST(RubricWeights, WithoutWeightsEachStandardKeepsItsPoints) {
  const Rubric r = Rubric::parse(rubric_with(""), "r.json");
  EXPECT_FALSE(r.weights.has_value());
  EXPECT_EQ(r.standard_maxima(), (std::vector<double>{30, 70}));
  EXPECT_TRUE(r.standard_weights().empty());
}

TEST(RubricWeights, RoundTripsThroughJson) {
  const Rubric r = Rubric::parse(
      rubric_with(R"({"ahp": [[1, 2], [0.5, 1]], "method": "geometric_mean", "ri": "saaty2005"})"), "r.json");
  const Rubric back = Rubric::parse(r.to_json(), "back.json");
  EXPECT_EQ(back, r);
  EXPECT_EQ(back.weights->ri, "saaty2005");
  const Rubric plain = Rubric::parse(rubric_with(""), "r.json");
  EXPECT_FALSE(plain == r);
}

// A three-standard rubric for the consistency check: 1 < 2 < 3 "circularly" (a > b, b > c, c > a).
std::string three_with(const std::string& weights) {
  return R"({"name": "w3", "standards": [
    {"id": "a", "indicators": [{"id": "a1", "metric": "m.a", "points": 10, "rule": {"type": "boolean"}}]},
    {"id": "b", "indicators": [{"id": "b1", "metric": "m.b", "points": 10, "rule": {"type": "boolean"}}]},
    {"id": "c", "indicators": [{"id": "c1", "metric": "m.c", "points": 10, "rule": {"type": "boolean"}}]}],
    "ratings": [{"min": null, "label": "all"}], "weights": )" +
         weights + "}";
}

TEST(RubricWeights, RefusesAnInconsistentMatrixUnlessAllowed) {
  const std::string circular = R"([[1, 5, 0.2], [0.2, 1, 5], [5, 0.2, 1]])";
  try {
    (void)Rubric::parse(three_with("{\"ahp\": " + circular + "}"), "r.json");
    FAIL() << "accepted";
  } catch (const RubricError& e) {
    EXPECT_EQ(e.json_path(), "weights.ahp");
    EXPECT_THAT(e.what(), HasSubstr("CR = "));
    EXPECT_THAT(e.what(), HasSubstr("allow_inconsistent"));
  }
  const Rubric allowed = Rubric::parse(three_with("{\"ahp\": " + circular + ", \"allow_inconsistent\": true}"), "r.json");
  double cr = 0;
  const std::vector<double> w = allowed.standard_weights(&cr);
  EXPECT_GT(cr, 0.1);
  EXPECT_NEAR(w[0], 1.0 / 3, 1e-12);  // the circular matrix is symmetric under rotation
}

TEST(RubricWeights, NamesTheJsonPathOfEachProblem) {
  EXPECT_EQ(error_path(rubric_with(R"({"ahp": [[1, 3], [0.5, 1]]})")), "weights.ahp[1][0]");  // not reciprocal
  EXPECT_EQ(error_path(rubric_with(R"({"ahp": [[1, 3, 1], [0.5, 1, 1], [1, 1, 1]]})")), "weights.ahp");  // 3 rows, 2 standards
  EXPECT_EQ(error_path(rubric_with(R"({"ahp": [[1, 3], [0.333]]})")), "weights.ahp[1]");
  EXPECT_EQ(error_path(rubric_with(R"({"ahp": [[1, -3], [0.333, 1]]})")), "weights.ahp[0][1]");
  EXPECT_EQ(error_path(rubric_with(R"({"ahp": [[1, "3"], [0.333, 1]]})")), "weights.ahp[0][1]");
  EXPECT_EQ(error_path(rubric_with(R"({"ahp": [[1, 3], [0.333, 1]], "method": "power"})")), "weights.method");
  EXPECT_EQ(error_path(rubric_with(R"({"ahp": [[1, 3], [0.333, 1]], "ri": "saaty"})")), "weights.ri");
  EXPECT_EQ(error_path(rubric_with(R"({"ahp": [[1, 3], [0.333, 1]], "cr": 0.2})")), "weights.cr");
  EXPECT_EQ(error_path(rubric_with(R"({"method": "eigenvector"})")), "weights.ahp");
  EXPECT_EQ(error_path(rubric_with(R"({"ahp": [[1, 3], [0.333, 1]], "allow_inconsistent": 1})")),
            "weights.allow_inconsistent");
}

}  // namespace
}  // namespace libbranch
