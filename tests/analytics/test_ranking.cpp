// ranking.hpp: TOPSIS, VIKOR and the weighted sum against hand arithmetic (shown in the
// comments), tie methods, both storage orders, and the documented degenerate cases. The
// published Hwang & Yoon data set is checked against an independent numpy computation in
// python/tests/test_analytics_rank.py.
#include <gtest/gtest.h>

#include <cmath>

#include <libbranch/error.hpp>
#include <libbranch/ranking.hpp>

namespace libbranch::rank {
namespace {

Eigen::MatrixXd matrix(std::initializer_list<std::initializer_list<double>> rows) {
  Eigen::MatrixXd m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows.begin()->size()));
  Eigen::Index i = 0;
  for (const auto& r : rows) {
    Eigen::Index j = 0;
    for (double v : r) m(i, j++) = v;
    ++i;
  }
  return m;
}

std::vector<int> ranks(const Eigen::VectorXi& r) { return {r.data(), r.data() + r.size()}; }

TEST(RankScores, NamedTieMethods) {
  const Eigen::Vector4d s(10, 20, 20, 5);  // higher is better: 20, 20, 10, 5
  EXPECT_EQ(ranks(rank_scores(s, true, Ties::min)), (std::vector<int>{3, 1, 1, 4}));
  EXPECT_EQ(ranks(rank_scores(s, true, Ties::max)), (std::vector<int>{3, 2, 2, 4}));
  EXPECT_EQ(ranks(rank_scores(s, true, Ties::dense)), (std::vector<int>{2, 1, 1, 3}));
  EXPECT_EQ(ranks(rank_scores(s, true, Ties::first)), (std::vector<int>{3, 1, 2, 4}));
  EXPECT_EQ(ranks(rank_scores(s, false, Ties::min)), (std::vector<int>{2, 3, 3, 1}));
  // Rounding noise does not split a tie.
  const Eigen::Vector2d noisy(0.1 + 0.2, 0.3);
  EXPECT_EQ(ranks(rank_scores(noisy, true)), (std::vector<int>{1, 1}));
}

TEST(Topsis, TwoAlternativesByHand) {
  // X = [[3, 4], [4, 3]], vector norms 5 and 5: r = [[.6, .8], [.8, .6]].
  // w = (.75, .25): v = [[.45, .2], [.6, .15]], A⁺ = (.6, .2), A⁻ = (.45, .15).
  // A1: D⁺ = .15, D⁻ = .05, C = .25; A2: D⁺ = .05, D⁻ = .15, C = .75.
  const Eigen::MatrixXd x = matrix({{3, 4}, {4, 3}});
  const TopsisResult r = topsis(x, Eigen::Vector2d(0.75, 0.25));
  EXPECT_NEAR(r.ideal[0], 0.6, 1e-15);
  EXPECT_NEAR(r.anti_ideal[1], 0.15, 1e-15);
  EXPECT_NEAR(r.d_plus[0], 0.15, 1e-15);
  EXPECT_NEAR(r.d_minus[0], 0.05, 1e-15);
  EXPECT_NEAR(r.closeness[0], 0.25, 1e-15);
  EXPECT_NEAR(r.closeness[1], 0.75, 1e-15);
  EXPECT_EQ(ranks(r.rank), (std::vector<int>{2, 1}));
}

TEST(Topsis, CostCriteriaTakeTheirMinimumAsIdeal) {
  // Same X, w = (.5, .5), criterion 1 a cost: A⁺ = (.4, .3), A⁻ = (.3, .4); A1 is A⁻ (C = 0),
  // A2 is A⁺ (C = 1).
  const TopsisResult r = topsis(matrix({{3, 4}, {4, 3}}), Eigen::Vector2d(0.5, 0.5),
                                {.directions = {Direction::benefit, Direction::cost}});
  EXPECT_NEAR(r.ideal[1], 0.3, 1e-15);
  EXPECT_NEAR(r.closeness[0], 0, 1e-15);
  EXPECT_NEAR(r.closeness[1], 1, 1e-15);
}

TEST(Topsis, MinMaxNormalizationByHand) {
  // Criterion 0 benefit (0, 5, 10) → (0, .5, 1); criterion 1 cost (1, 3, 2) → (1, 0, .5).
  // w = (.5, .5): v = [[0, .5], [.25, 0], [.5, .25]], A⁺ = (.5, .5), A⁻ = (0, 0).
  // A1: D⁺ = .5, D⁻ = .5 → .5. A2: D⁺ = √(.0625 + .25), D⁻ = .25. A3: D⁺ = .25, D⁻ = √(.25 + .0625).
  const TopsisResult r = topsis(matrix({{0, 1}, {5, 3}, {10, 2}}), Eigen::Vector2d(0.5, 0.5),
                                {.directions = {Direction::benefit, Direction::cost}, .normalization = Normalization::minmax});
  const double big = std::sqrt(0.3125);
  EXPECT_NEAR(r.closeness[0], 0.5, 1e-15);
  EXPECT_NEAR(r.closeness[1], 0.25 / (big + 0.25), 1e-15);
  EXPECT_NEAR(r.closeness[2], big / (big + 0.25), 1e-15);
  EXPECT_EQ(ranks(r.rank), (std::vector<int>{2, 3, 1}));
}

TEST(Topsis, DuplicatesTieAndScalingABenefitColumnChangesNothing) {
  const Eigen::MatrixXd x = matrix({{2.0, 1500, 5.5}, {2.5, 2700, 6.5}, {2.0, 1500, 5.5}, {1.8, 2000, 4.5}});
  const Eigen::Vector3d w(0.3, 0.3, 0.4);
  const TopsisOptions o{.directions = {Direction::benefit, Direction::benefit, Direction::cost}};
  const TopsisResult r = topsis(x, w, o);
  EXPECT_EQ(r.closeness[0], r.closeness[2]);
  EXPECT_EQ(r.rank[0], r.rank[2]);
  Eigen::MatrixXd y = x;
  y.col(1) *= 0.001;
  const TopsisResult s = topsis(y, w, o);
  EXPECT_TRUE(r.closeness.isApprox(s.closeness, 1e-12));
  // Weights are used up to scale.
  const TopsisResult t = topsis(x, 10 * w, o);
  EXPECT_TRUE(r.closeness.isApprox(t.closeness, 1e-12));
}

TEST(Topsis, RowMajorAndColumnMajorGiveTheSameResult) {
  const Eigen::MatrixXd x = Eigen::MatrixXd::Random(50000, 7).cwiseAbs();  // more rows than one task block
  const RowMatrix xr = x;
  const Eigen::VectorXd w = Eigen::VectorXd::LinSpaced(7, 1, 7);
  for (Normalization n : {Normalization::vector, Normalization::minmax}) {
    const TopsisResult a = topsis(x, w, {.normalization = n});
    const TopsisResult b = topsis(RowMap(xr.data(), xr.rows(), xr.cols()), w, {.normalization = n});
    EXPECT_TRUE(a.closeness.isApprox(b.closeness, 1e-14));
    EXPECT_EQ(a.rank, b.rank);
  }
}

TEST(Topsis, DegenerateDataGivesDefinedResults) {
  // A zero column contributes nothing; all alternatives identical → C = 0.5 for all, all rank 1.
  const TopsisResult z = topsis(matrix({{0, 1}, {0, 2}}), Eigen::Vector2d(0.5, 0.5));
  EXPECT_NEAR(z.closeness[0], 0, 1e-15);
  EXPECT_NEAR(z.closeness[1], 1, 1e-15);
  const TopsisResult same = topsis(matrix({{3, 4}, {3, 4}, {3, 4}}), Eigen::Vector2d(0.5, 0.5));
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(same.closeness[i], 0.5);
    EXPECT_EQ(same.rank[i], 1);
  }
}

TEST(Topsis, RefusesBadArguments) {
  const Eigen::MatrixXd x = matrix({{1, 2}, {3, 4}});
  EXPECT_THROW((void)topsis(x, Eigen::Vector3d(1, 1, 1)), AnalyticsError);
  EXPECT_THROW((void)topsis(x, Eigen::Vector2d(-1, 1)), AnalyticsError);
  EXPECT_THROW((void)topsis(x, Eigen::Vector2d(0, 0)), AnalyticsError);
  EXPECT_THROW((void)topsis(x, Eigen::Vector2d(1, 1), {.directions = {Direction::cost}}), AnalyticsError);
  try {
    (void)topsis(matrix({{1, 2}, {NAN, 4}}), Eigen::Vector2d(1, 1));
    FAIL();
  } catch (const AnalyticsError& e) {
    EXPECT_EQ(e.argument(), "X[1][0]");
  }
}

TEST(Vikor, ThreeAlternativesByHand) {
  // X = [[1, 3], [2, 2], [3, 1]] benefit, w = (.5, .5), v = .5; f* = (3, 3), f⁻ = (1, 1).
  // Terms: A1 (.5, 0), A2 (.25, .25), A3 (0, .5): S = .5 for all (no S range → S part 0);
  // R = (.5, .25, .5), Q = .5 · (R − .25)/.25 = (.5, 0, .5). A2 first; Q(A(2)) − Q(A(1)) = .5 ≥
  // DQ = 1/2 (C1) and A2 is best by R (C2): compromise {A2}.
  const VikorResult r = vikor(matrix({{1, 3}, {2, 2}, {3, 1}}), Eigen::Vector2d(0.5, 0.5));
  EXPECT_NEAR(r.S[0], 0.5, 1e-15);
  EXPECT_NEAR(r.R[1], 0.25, 1e-15);
  EXPECT_NEAR(r.Q[0], 0.5, 1e-15);
  EXPECT_NEAR(r.Q[1], 0, 1e-15);
  EXPECT_EQ(ranks(r.rank), (std::vector<int>{2, 1, 2}));
  EXPECT_TRUE(r.acceptable_advantage);
  EXPECT_TRUE(r.acceptable_stability);
  EXPECT_EQ(r.compromise, (std::vector<Eigen::Index>{1}));
}

TEST(Vikor, CompromiseSetWhenNeitherConditionHolds) {
  // Ranges 0…10 on both criteria (A3 and A5 set them), w = (.5, .5): terms w (10 − x)/10.
  // A1 (10, 1): (0, .45) S .45 R .45.  A2 (5, 5): (.25, .25) S .5 R .25.  A3 (0, 10): S .5 R .5.
  // A4 (7, 3.6): (.15, .32) S .47 R .32.  A5 (10, 0): (0, .5) S .5 R .5.
  // S* = .45, S⁻ = .5, R* = .25, R⁻ = .5; Q = .5 (S − .45)/.05 + .5 (R − .25)/.25:
  // A1 .4, A2 .5, A3 1, A4 .2 + .14 = .34, A5 1.
  // A4 first by Q but best by neither S (A1) nor R (A2): C2 fails; Q(A1) − Q(A4) = .06 < DQ = 1/4:
  // C1 fails, so the set is every alternative with Q − .34 < 1/4: A4, A1, A2.
  const VikorResult r = vikor(matrix({{10, 1}, {5, 5}, {0, 10}, {7, 3.6}, {10, 0}}), Eigen::Vector2d(0.5, 0.5));
  EXPECT_NEAR(r.Q[3], 0.34, 1e-12);
  EXPECT_NEAR(r.Q[0], 0.4, 1e-12);
  EXPECT_FALSE(r.acceptable_advantage);
  EXPECT_FALSE(r.acceptable_stability);
  EXPECT_EQ(r.compromise, (std::vector<Eigen::Index>{3, 0, 1}));
}

TEST(Vikor, OnlyStabilityFailsGivesTheFirstTwo) {
  // Ranges 0…10 (A3 and A5 set them), w = (.5, .5), terms w (10 − x)/10; two more copies of A3
  // so that m = 7 and DQ = 1/6.
  // A1 (10, 2): S .4 R .4.  A2 (4, 4): S .6 R .3.  A3 (0, 10): S .5 R .5.  A4 (8, 3.8): (.1, .31)
  // S .41 R .31.  A5 (10, 0): S .5 R .5.
  // S* = .4, S⁻ = .6, R* = .3, R⁻ = .5: Q = .5 (S − .4)/.2 + .5 (R − .3)/.2:
  // A1 .25, A2 .5, A3 .75, A4 .05, A5 .75. A4 first; Q(A1) − Q(A4) = .2 ≥ 1/6 (C1 holds), but
  // A4 is best by neither S (A1) nor R (A2): C2 fails, the compromise is {A4, A1}.
  const VikorResult r = vikor(matrix({{10, 2}, {4, 4}, {0, 10}, {8, 3.8}, {10, 0}, {0, 10}, {0, 10}}),
                              Eigen::Vector2d(0.5, 0.5));
  EXPECT_NEAR(r.Q[3], 0.05, 1e-12);
  EXPECT_NEAR(r.Q[0], 0.25, 1e-12);
  EXPECT_NEAR(r.Q[2], 0.75, 1e-12);
  EXPECT_TRUE(r.acceptable_advantage);
  EXPECT_FALSE(r.acceptable_stability);
  EXPECT_EQ(r.compromise, (std::vector<Eigen::Index>{3, 0}));
  EXPECT_EQ(ranks(r.rank), (std::vector<int>{2, 3, 4, 1, 4, 4, 4}));
}

TEST(Vikor, BestBySAndRIsTheSoleCompromise) {
  // A1 (10, 0), A2 (0, 10), A3 (6, 6), w = (.5, .5), v = .9. Terms: A1 (0, .5) S .5 R .5;
  // A2 (.5, 0) S .5 R .5; A3 (.2, .2) S .4 R .2: A3 is best by S and R, Q(A3) = 0, Q = 1 for the others.
  const VikorResult r = vikor(matrix({{10, 0}, {0, 10}, {6, 6}}), Eigen::Vector2d(0.5, 0.5), {.v = 0.9});
  EXPECT_EQ(r.compromise, (std::vector<Eigen::Index>{2}));
  EXPECT_NEAR(r.S[2], 0.4, 1e-15);
  EXPECT_NEAR(r.Q[0], 1, 1e-15);
}

TEST(Vikor, DegenerateDataGivesDefinedResults) {
  const VikorResult same = vikor(matrix({{1, 2}, {1, 2}}), Eigen::Vector2d(1, 1));
  EXPECT_EQ(same.Q[0], 0);
  EXPECT_EQ(same.Q[1], 0);
  EXPECT_EQ(ranks(same.rank), (std::vector<int>{1, 1}));
  EXPECT_THROW((void)vikor(matrix({{1, 2}}), Eigen::Vector2d(1, 1), {.v = 2}), AnalyticsError);
  const VikorResult one = vikor(matrix({{1, 2}}), Eigen::Vector2d(1, 1));
  EXPECT_EQ(one.compromise, (std::vector<Eigen::Index>{0}));
}

TEST(WeightedSum, NormalizationsByHand) {
  const Eigen::MatrixXd x = matrix({{2, 10}, {4, 5}});
  const Eigen::Vector2d w(0.5, 0.5);
  const std::vector<Direction> d{Direction::benefit, Direction::cost};
  // none: .5·x0 − .5·x1 = (−4, −.5).
  const WeightedSumResult none = weighted_sum(x, w, {.directions = d});
  EXPECT_NEAR(none.score[0], -4, 1e-15);
  EXPECT_EQ(ranks(none.rank), (std::vector<int>{2, 1}));
  // max: benefit x/4 → (.5, 1); cost 5/x → (.5, 1): scores (.5, 1).
  const WeightedSumResult mx = weighted_sum(x, w, {.directions = d, .normalization = SumNormalization::max});
  EXPECT_NEAR(mx.score[0], 0.5, 1e-15);
  EXPECT_NEAR(mx.score[1], 1, 1e-15);
  // minmax: (0, 1) and (0, 1): scores (0, 1).
  const WeightedSumResult mm = weighted_sum(x, w, {.directions = d, .normalization = SumNormalization::minmax});
  EXPECT_NEAR(mm.score[0], 0, 1e-15);
  EXPECT_NEAR(mm.score[1], 1, 1e-15);
  EXPECT_THROW((void)weighted_sum(matrix({{2, 0}, {4, 5}}), w, {.directions = d, .normalization = SumNormalization::max}),
               AnalyticsError);
}

TEST(Names, ParseTheDocumentedNames) {
  EXPECT_EQ(ties_from_string("dense"), Ties::dense);
  EXPECT_EQ(normalization_from_string("minmax"), Normalization::minmax);
  EXPECT_EQ(sum_normalization_from_string("max"), SumNormalization::max);
  EXPECT_EQ(direction_from_string("cost"), Direction::cost);
  EXPECT_THROW((void)ties_from_string("average"), AnalyticsError);
}

}  // namespace
}  // namespace libbranch::rank

namespace libbranch::rank {
namespace {

double round_to(double x, int digits) {
  const double f = std::pow(10.0, digits);
  return std::round(x * f) / f;
}

// Papathanasiou, J. & Ploskas, N. (2018) Multiple Criteria Decision Aid: Methods, Examples and
// Python Implementations, Springer: the facility-location example of chapters 1 (TOPSIS) and 2
// (VIKOR). Printed figures as the test suite of the pyrepo-mcda package (energyinpython)
// reproduces them.
const Eigen::MatrixXd kFacilities{{8, 7, 2, 1}, {5, 3, 7, 5}, {7, 5, 6, 4}, {9, 9, 7, 3}, {11, 10, 3, 7}, {6, 9, 5, 4}};
const Eigen::Vector4d kFacilityWeights(0.4, 0.3, 0.1, 0.2);

TEST(Topsis, ReproducesPapathanasiouPloskas2018) {
  // Vector normalisation, all benefit: closeness 0.387, 0.327, 0.391, 0.615, 0.868, 0.493;
  // ranks 5, 6, 4, 2, 1, 3.
  const TopsisResult r = topsis(kFacilities, kFacilityWeights);
  const double printed[] = {0.387, 0.327, 0.391, 0.615, 0.868, 0.493};
  for (int i = 0; i < 6; ++i) EXPECT_DOUBLE_EQ(round_to(r.closeness[i], 3), printed[i]) << i;
  EXPECT_EQ(ranks(r.rank), (std::vector<int>{5, 6, 4, 2, 1, 3}));
}

TEST(Topsis, ReproducesTzengHuang2011) {
  // Tzeng, G.H. & Huang, J.J. (2011) Multiple Attribute Decision Making: Methods and
  // Applications, CRC Press (as scikit-criteria's test suite reproduces it): closeness 0.5037,
  // 0.6581, 0.7482, 0.3340; ranks 3, 2, 1, 4.
  const Eigen::MatrixXd x{{5, 8, 4}, {7, 6, 8}, {8, 8, 6}, {7, 4, 6}};
  const TopsisResult r = topsis(x, Eigen::Vector3d(0.3, 0.4, 0.3));
  const double printed[] = {0.5037, 0.6581, 0.7482, 0.3340};
  for (int i = 0; i < 4; ++i) EXPECT_DOUBLE_EQ(round_to(r.closeness[i], 4), printed[i]) << i;
  EXPECT_EQ(ranks(r.rank), (std::vector<int>{3, 2, 1, 4}));
}

TEST(Vikor, ReproducesPapathanasiouPloskas2018) {
  // v = 0.625: Q = 0.640, 1.000, 0.693, 0.271, 0.000, 0.694.
  const VikorResult r = vikor(kFacilities, kFacilityWeights, {.v = 0.625});
  const double printed[] = {0.640, 1.000, 0.693, 0.271, 0.000, 0.694};
  for (int i = 0; i < 6; ++i) EXPECT_DOUBLE_EQ(round_to(r.Q[i], 3), printed[i]) << i;
  EXPECT_EQ(r.rank[4], 1);
}

}  // namespace
}  // namespace libbranch::rank
