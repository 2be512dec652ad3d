// comparison.hpp: two small scorecards built by hand, every number of the comparison checked.
#include <gtest/gtest.h>

#include <cmath>

#include <libbranch/comparison.hpp>
#include <libbranch/error.hpp>

namespace libbranch {
namespace {

// Standards s1 (indicators a, b) and s2 (indicator c), a bonus h; ratings good, fair, poor.
Scorecard card(std::vector<std::string> ids, const Eigen::MatrixXd& points, std::vector<std::uint16_t> ratings) {
  Scorecard c;
  c.branch_ids = ids;
  for (const auto& id : ids) c.branch_names.push_back("name of " + id);
  c.indicators = {{"a", "s1", "m.a", "boolean", 5, 0, false},
                  {"b", "s1", "m.b", "boolean", 5, 0, false},
                  {"c", "s2", "m.c", "boolean", 10, 0, false},
                  {"h", "", "m.h", "boolean", 2, 0, true}};
  c.standards = {{"s1", "一", 10}, {"s2", "二", 10}};
  c.points = points;
  c.standard_scores.resize(points.rows(), 2);
  c.standard_scores.col(0) = points.col(0) + points.col(1);
  c.standard_scores.col(1) = points.col(2);
  c.totals = c.standard_scores.rowwise().sum() + points.col(3);
  c.bonus = points.col(3);
  c.rating_labels = {"good", "fair", "poor"};
  c.ratings = std::move(ratings);
  return c;
}

Eigen::MatrixXd rows(std::initializer_list<std::initializer_list<double>> r) {
  Eigen::MatrixXd m(static_cast<Eigen::Index>(r.size()), 4);
  Eigen::Index i = 0;
  for (const auto& row : r) {
    Eigen::Index j = 0;
    for (double v : row) m(i, j++) = v;
    ++i;
  }
  return m;
}

TEST(Comparison, DeltasRatingChangesAndDrivers) {
  // x: a 5→5, b 0→2, c 4→10, h 0→1: totals 9 → 18 (Δ 9); drivers c (+6), b (+2), h (+1).
  // y: only before; z: only after.
  const Scorecard before = card({"x", "y"}, rows({{5, 0, 4, 0}, {1, 1, 1, 1}}), {1, 2});
  const Scorecard after = card({"z", "x"}, rows({{0, 0, 0, 0}, {5, 2, 10, 1}}), {2, 0});
  const PeriodComparison c = compare(before, after);
  ASSERT_EQ(c.branch_ids, (std::vector<std::string>{"x", "y", "z"}));
  EXPECT_EQ(c.presence, (std::vector<Presence>{Presence::both, Presence::removed, Presence::added}));
  EXPECT_EQ(c.total_before[0], 9);
  EXPECT_EQ(c.total_after[0], 18);
  EXPECT_TRUE(std::isnan(c.total_after[1]));
  EXPECT_TRUE(std::isnan(c.total_before[2]));
  EXPECT_EQ(c.standard_delta(0, 0), 2);
  EXPECT_EQ(c.standard_delta(0, 1), 6);
  EXPECT_TRUE(std::isnan(c.standard_delta(1, 0)));
  EXPECT_EQ(c.rating_change[0], 1);  // fair → good: one place better
  EXPECT_FALSE(c.rating_change[1].has_value());
  const auto d = c.drivers(0, 2);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(c.indicator_ids[d[0].indicator], "c");
  EXPECT_EQ(d[0].delta, 6);
  EXPECT_DOUBLE_EQ(d[0].share, 6.0 / 9);
  EXPECT_EQ(c.indicator_ids[d[1].indicator], "b");
  EXPECT_EQ(c.drivers(0, 10).size(), 3u);  // a did not change: not a driver
  EXPECT_TRUE(c.drivers(1, 3).empty());    // gone: no drivers
  EXPECT_STREQ(to_string(Presence::added), "new");
}

TEST(Comparison, RefusesScorecardsOfDifferentRubrics) {
  const Scorecard a = card({"x"}, rows({{1, 1, 1, 1}}), {0});
  Scorecard b = a;
  b.indicators[1].id = "b2";
  EXPECT_THROW((void)compare(a, b), AnalyticsError);
  Scorecard c = a;
  c.rating_labels[0] = "excellent";
  EXPECT_THROW((void)compare(a, c), AnalyticsError);
}

}  // namespace
}  // namespace libbranch
