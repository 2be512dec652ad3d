// star_rating.hpp: quotas per peer group, ties at a quota boundary, minimum totals, direct
// ratings, 升星/降星 — each case worked by hand in its comment.
#include <gtest/gtest.h>

#include <cmath>

#include <libbranch/error.hpp>
#include <libbranch/star_rating.hpp>

namespace libbranch::stars {
namespace {

// 五星 10%, 四星 30%, 三星 40%, the rest 未定星 (index 3).
Scheme five_four_three(QuotaTies ties = QuotaTies::within_quota) {
  return {{{"五星", 0.1, std::nullopt}, {"四星", 0.3, std::nullopt}, {"三星", 0.4, std::nullopt}}, "未定星", ties};
}

Eigen::VectorXd totals(std::initializer_list<double> v) {
  Eigen::VectorXd t(static_cast<Eigen::Index>(v.size()));
  Eigen::Index i = 0;
  for (double x : v) t[i++] = x;
  return t;
}

using Levels = std::vector<std::size_t>;

TEST(Stars, QuotasAreCumulativeSharesOfThePeerGroup) {
  // 10 branches: floor(.1·10) = 1 五星, floor(.4·10) − 1 = 3 四星, floor(.8·10) − 4 = 4 三星, 2 rest.
  const Result r = assign(totals({100, 99, 98, 97, 96, 95, 94, 93, 92, 91}), {}, five_four_three());
  EXPECT_EQ(r.level, (Levels{0, 1, 1, 1, 2, 2, 2, 2, 3, 3}));
  // Row order does not matter: the same totals shuffled get the same stars.
  // 4 branches: floor(.4) = 0 五星; floor(1.6) = 1 四星; floor(3.2) − 1 = 2 三星; 1 rest.
  const Result s = assign(totals({91, 100, 93, 99}), {}, five_four_three());
  EXPECT_EQ(s.level, (Levels{3, 1, 2, 2}));
}

TEST(Stars, TiesAtTheBoundaryStayWithinTheQuotaByDefault) {
  // One 五星 place, two branches tied at 95: within_quota moves both to 四星 (4 places in all:
  // 95, 95, 90, 85); over_quota gives both 五星 and leaves 4 − 2 = 2 四星 places (90, 85).
  const Eigen::VectorXd t = totals({95, 95, 90, 85, 80, 75, 70, 65, 60, 55});
  EXPECT_EQ(assign(t, {}, five_four_three()).level, (Levels{1, 1, 1, 1, 2, 2, 2, 2, 3, 3}));
  EXPECT_EQ(assign(t, {}, five_four_three(QuotaTies::over_quota)).level, (Levels{0, 0, 1, 1, 2, 2, 2, 2, 3, 3}));
}

TEST(Stars, MinimumTotalsKeepBranchesOutOfALevel) {
  // 五星 needs 98: nobody; its place passes on (cumulative): 4 四星 places for 97, 96, 95, 94.
  Scheme s = five_four_three();
  s.levels[0].min_total = 98;
  s.levels[2].min_total = 92;  // 三星 needs 92: 93, 92 only; 91 and 90 stay below
  const Result r = assign(totals({97, 96, 95, 94, 93, 92, 91, 90, 89, 88}), {}, s);
  EXPECT_EQ(r.level, (Levels{1, 1, 1, 1, 2, 2, 3, 3, 3, 3}));
}

TEST(Stars, EachPeerGroupHasItsOwnQuota) {
  const Result r = assign(totals({90, 80, 70, 60, 50, 40, 30, 20, 10, 0, 5, 15, 25, 35, 45, 55, 65, 75, 85, 95}),
                          {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, five_four_three());
  EXPECT_EQ(r.level[0], 0u);   // best of group 1
  EXPECT_EQ(r.level[19], 0u);  // best of group 2
  EXPECT_EQ(std::count(r.level.begin(), r.level.end(), 0u), 2);
}

TEST(Stars, DirectRatingsBypassTheQuotas) {
  // Branch 9 (total 91) is rated 五星 directly; the other 9 compete: floor(.9) = 0 五星,
  // floor(3.6) = 3 四星, floor(7.2) − 3 = 4 三星, 2 rest.
  Override honors{std::vector<bool>(10, false), 0};
  honors.applies[9] = true;
  const Result r = assign(totals({100, 99, 98, 97, 96, 95, 94, 93, 92, 91}), {}, five_four_three(), {honors});
  EXPECT_EQ(r.level, (Levels{1, 1, 1, 2, 2, 2, 2, 3, 3, 0}));
  EXPECT_TRUE(r.direct[9]);
  EXPECT_FALSE(r.direct[0]);
}

TEST(Stars, NaNTotalsNeverEarnAStar) {
  const Result r = assign(totals({NAN, 50, 40, 30, 20, 10, 5, 4, 3, 2}), {}, five_four_three());
  EXPECT_EQ(r.level[0], 3u);
  EXPECT_EQ(r.level[1], 0u);
}

TEST(Stars, ChangesCountStarsUpAndDown) {
  // Levels: 0 五星 … 3 rest. From 四星 (1) to 五星 (0): +1 (升星); from 五星 to 三星: −2 (降星).
  const auto c = changes({1, 0, std::nullopt, 2}, {0, 2, 1, 2});
  EXPECT_EQ(c[0], 1);
  EXPECT_EQ(c[1], -2);
  EXPECT_FALSE(c[2].has_value());
  EXPECT_EQ(c[3], 0);
  EXPECT_THROW((void)changes({1}, {0, 1}), AnalyticsError);
}

TEST(Stars, RefusesBadSchemes) {
  Scheme s = five_four_three();
  s.levels[2].quota = 0.7;  // .1 + .3 + .7 > 1
  EXPECT_THROW((void)assign(totals({1, 2}), {}, s), AnalyticsError);
  EXPECT_THROW((void)assign(totals({1, 2}), {1}, five_four_three()), AnalyticsError);
  EXPECT_THROW((void)assign(totals({1, 2}), {}, Scheme{}), AnalyticsError);
  EXPECT_THROW((void)assign(totals({1, 2}), {}, five_four_three(), {Override{{true}, 0}}), AnalyticsError);
}

}  // namespace
}  // namespace libbranch::stars
