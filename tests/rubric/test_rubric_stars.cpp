// Star ratings as a rubric field (`"stars": {…}`, docs/analytics.md): parsing with JSON paths in
// the errors, the JSON round trip, the engine's stars per branch, the summary column only for a
// rubric with stars, and the archive carrying them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <string>

#include <libbranch/engine.hpp>
#include <libbranch/error.hpp>
#include <libbranch/io/scorecard_writer.hpp>
#include <libbranch/rubric.hpp>
#include <libbranch/serialization.hpp>

#include "support/full_registry.hpp"
#include "support/scorecard_compare.hpp"
#include "support/synthetic_dataset.hpp"

namespace libbranch {
namespace {

using ::testing::HasSubstr;

std::string rubric_with(const std::string& stars) {
  return R"({"name": "s", "standards": [
    {"id": "a", "indicators": [{"id": "a1", "metric": "cohesion.aid_per_member", "points": 60, "rule": {"type": "minmax"}},
                               {"id": "a2", "metric": "civility.volunteer_hours_per_member", "points": 40, "rule": {"type": "relative_to_best"}}]}],
    "ratings": [{"min": 60, "label": "ok"}, {"min": null, "label": "no"}])" +
         (stars.empty() ? std::string() : ", \"stars\": " + stars) + "}";
}

const char* const kStars = R"({"levels": [{"label": "五星", "quota": 0.1, "min_total": 50},
    {"label": "四星", "quota": 0.3}, {"label": "三星", "quota": 0.4}], "rest": "未定星", "ties": "within_quota",
    "group_by": "org_type",
    "direct": [{"label": "五星", "when": [{"metric": "cohesion.home_visits", "op": ">=", "value": 30}], "min_total": 90}]})";

struct Failure {
  std::string path;
  std::string message;
};

Failure failure(const std::string& text) {
  try {
    (void)Rubric::parse(text, "r.json");
  } catch (const RubricError& e) {
    return {e.json_path(), e.what()};
  }
  return {"<no error>", ""};
}

TEST(RubricStars, ParsesLevelsRestTiesGroupAndDirectRatings) {
  const Rubric r = Rubric::parse(rubric_with(kStars), "r.json");
  ASSERT_TRUE(r.stars.has_value());
  ASSERT_EQ(r.stars->levels.size(), 3u);
  EXPECT_EQ(r.stars->levels[0].label, "五星");
  EXPECT_DOUBLE_EQ(r.stars->levels[1].quota, 0.3);
  EXPECT_EQ(r.stars->levels[0].min_total, 50.0);
  EXPECT_FALSE(r.stars->levels[2].min_total.has_value());
  EXPECT_EQ(r.stars->rest, "未定星");
  EXPECT_FALSE(r.stars->ties_over_quota);
  EXPECT_EQ(r.stars->group_by, GroupBy::org_type);
  ASSERT_EQ(r.stars->direct.size(), 1u);
  EXPECT_EQ(r.stars->direct[0].when[0].op, VetoOp::ge);
  EXPECT_EQ(r.stars->direct[0].min_total, 90.0);
  // The direct rating's metric is one the engine must compute.
  const std::vector<MetricUse> uses = r.metric_uses();
  EXPECT_TRUE(std::any_of(uses.begin(), uses.end(), [](const MetricUse& u) { return u.metric == "cohesion.home_visits"; }));
}

TEST(RubricStars, RoundTripsThroughJsonAndIsAbsentByDefault) {
  const Rubric r = Rubric::parse(rubric_with(kStars), "r.json");
  EXPECT_EQ(Rubric::parse(r.to_json(), "back.json"), r);
  EXPECT_FALSE(Rubric::parse(rubric_with(""), "r.json").stars.has_value());
  EXPECT_FALSE(Rubric::default_rubric().stars.has_value());
  EXPECT_THAT(Rubric::default_rubric().to_json(), ::testing::Not(HasSubstr("stars")));
}

TEST(RubricStars, ErrorsNameTheJsonPathAndTheValue) {
  Failure f = failure(rubric_with(R"({"levels": [{"label": "五星", "quota": 1.5}]})"));
  EXPECT_EQ(f.path, "stars.levels[0].quota");
  EXPECT_THAT(f.message, HasSubstr("1.5"));
  // 0.6 + 0.5 = 1.1 > 1: the level that overflows is named.
  f = failure(rubric_with(R"({"levels": [{"label": "a", "quota": 0.6}, {"label": "b", "quota": 0.5}]})"));
  EXPECT_EQ(f.path, "stars.levels[1].quota");
  EXPECT_THAT(f.message, HasSubstr("1.1"));
  f = failure(rubric_with(R"({"levels": [{"label": "a", "quota": 0.1}], "rest": "a"})"));
  EXPECT_EQ(f.path, "stars.rest");
  f = failure(rubric_with(R"({"levels": [{"label": "a", "quota": 0.1}], "ties": "random"})"));
  EXPECT_EQ(f.path, "stars.ties");
  EXPECT_THAT(f.message, HasSubstr("random"));
  f = failure(rubric_with(R"({"levels": [{"label": "a", "quota": 0.1}], "group_by": "city"})"));
  EXPECT_EQ(f.path, "stars.group_by");
  f = failure(rubric_with(R"({"levels": [{"label": "a", "quota": 0.1}], "direct": [{"label": "六星", "min_total": 1}]})"));
  EXPECT_EQ(f.path, "stars.direct[0].label");
  EXPECT_THAT(f.message, HasSubstr("六星"));
  f = failure(rubric_with(R"({"levels": [{"label": "a", "quota": 0.1}], "direct": [{"label": "a"}]})"));
  EXPECT_EQ(f.path, "stars.direct[0]");
  f = failure(rubric_with(
      R"({"levels": [{"label": "a", "quota": 0.1}], "direct": [{"label": "a", "when": [{"metric": "x", "op": "~", "value": 1}]}]})"));
  EXPECT_EQ(f.path, "stars.direct[0].when[0].op");
  f = failure(rubric_with(R"({"levels": [], "rest": "r"})"));
  EXPECT_EQ(f.path, "stars.levels");
  f = failure(rubric_with(R"({"levels": [{"label": "a", "quota": 0.1, "share": 2}]})"));
  EXPECT_EQ(f.path, "stars.levels[0].share");
}

TEST(RubricStars, AnUnknownMetricOfADirectRatingIsNamedByPath) {
  const Rubric r = Rubric::parse(
      rubric_with(R"({"levels": [{"label": "a", "quota": 0.1}], "direct": [{"label": "a", "when": [{"metric": "no.such", "op": ">", "value": 0}]}]})"),
      "r.json");
  try {
    r.check_metrics(testing::full_registry());
    FAIL() << "expected a RubricError";
  } catch (const RubricError& e) {
    EXPECT_EQ(e.json_path(), "stars.direct[0].when[0].metric");
  }
}

const Dataset& synthetic() {
  static const Dataset ds = testing::synthetic_dataset(300, 5, 2025, 2025);
  return ds;
}

TEST(RubricStars, TheEngineRatesEveryBranchWithinEachPeerGroupsQuota) {
  const MetricRegistry registry = testing::full_registry();
  const Rubric rubric = Rubric::parse(rubric_with(kStars), "r.json");
  const Scorecard card = score(synthetic(), rubric, Period::calendar_year(2025), registry, {});
  ASSERT_TRUE(card.has_stars());
  EXPECT_EQ(card.star_labels, (std::vector<std::string>{"五星", "四星", "三星", "未定星"}));
  ASSERT_EQ(card.stars.size(), card.branch_count());
  const std::size_t visits = [&] {
    for (std::size_t c = 0; c < card.metrics.size(); ++c)
      if (card.metrics[c].metric == "cohesion.home_visits") return c;
    return card.metrics.size();
  }();
  ASSERT_LT(visits, card.metrics.size());
  // Per org_type: competing branches (not direct) n; cumulative places floor(0.1 n), floor(0.4 n),
  // floor(0.8 n) for 五星, ≥四星, ≥三星 (quotas 0.1, 0.3, 0.4 cumulated).
  std::map<OrgType, std::size_t> competing;
  std::map<OrgType, std::array<std::size_t, 3>> at_least;
  for (std::size_t b = 0; b < card.branch_count(); ++b) {
    const double total = card.totals[static_cast<Eigen::Index>(b)];
    const double v = card.metric_values(static_cast<Eigen::Index>(b), static_cast<Eigen::Index>(visits));
    const bool direct = v >= 30 && total >= 90 - 1e-9;
    EXPECT_EQ(card.star_direct[b] != 0, direct) << card.branch_ids[b];
    if (direct) {
      EXPECT_EQ(card.star(b), "五星");
      continue;
    }
    const OrgType t = synthetic().branches().org_type[b];
    ++competing[t];
    auto& counts = at_least[t];
    for (std::size_t k = 0; k < 3; ++k) counts[k] += card.stars[b] <= k ? 1 : 0;
    if (card.stars[b] == 0) EXPECT_GE(total, 50 - 1e-9);  // 五星's min_total
  }
  for (const auto& [t, n] : competing) {
    const double cumulative[3] = {0.1, 0.4, 0.8};
    for (std::size_t k = 0; k < 3; ++k)
      EXPECT_LE(at_least[t][k], static_cast<std::size_t>(std::floor(cumulative[k] * static_cast<double>(n) + 1e-9)));
  }
}

TEST(RubricStars, TheSummaryHasAStarsColumnOnlyForARubricWithStars) {
  const MetricRegistry registry = testing::full_registry();
  const Period period = Period::calendar_year(2025);
  const Scorecard starred = score(synthetic(), Rubric::parse(rubric_with(kStars), "r.json"), period, registry, {});
  const Scorecard plain = score(synthetic(), Rubric::parse(rubric_with(""), "r.json"), period, registry, {});
  EXPECT_FALSE(plain.has_stars());
  std::ostringstream a, b, ja, jb;
  write_summary_csv(starred, a);
  write_summary_csv(plain, b);
  EXPECT_EQ(a.str().substr(0, a.str().find('\n')), "branch_id,name,total,rating,a,bonus,vetoes,stars");
  EXPECT_EQ(b.str().substr(0, b.str().find('\n')), "branch_id,name,total,rating,a,bonus,vetoes");
  write_json(starred, ja, false);
  write_json(plain, jb, false);
  EXPECT_THAT(ja.str(), HasSubstr("\"stars\": \"" + starred.star(0) + "\""));
  EXPECT_THAT(jb.str(), ::testing::Not(HasSubstr("\"stars\"")));
}

TEST(RubricStars, TheArchiveCarriesTheStars) {
  const MetricRegistry registry = testing::full_registry();
  const Scorecard card =
      score(synthetic(), Rubric::parse(rubric_with(kStars), "r.json"), Period::calendar_year(2025), registry, {});
  for (ArchiveFormat format : {ArchiveFormat::binary, ArchiveFormat::text}) {
    std::stringstream buffer;
    save_scorecard(card, buffer, format);
    const std::string bytes = buffer.str();
    std::istringstream in(bytes);
    const Scorecard back = load_scorecard(in, "mem", bytes.size() + 1);
    testing::expect_same(back, card);
  }
}

}  // namespace
}  // namespace libbranch
