// weights.hpp: AHP against Saaty's published examples, entropy and CRITIC against hand
// arithmetic (shown in the comments), and the documented degenerate cases.
#include <gtest/gtest.h>

#include <cmath>

#include <libbranch/error.hpp>
#include <libbranch/weights.hpp>

namespace libbranch::weights {
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

// Rounds to `digits` decimals, as the published tables print.
double rounded(double x, int digits) {
  const double f = std::pow(10.0, digits);
  return std::round(x * f) / f;
}

// Saaty, T.L. (2008) "Decision making with the analytic hierarchy process", Int. J. Services
// Sciences 1(1):83–98, Table 2: relative consumption of drinks in the United States. Order:
// coffee, wine, tea, beer, soda, milk, water. Published eigenvector (3 decimals) and C.R. = 0.022
// (the RI of Saaty's 2005 table, 1.35 for n = 7).
Eigen::MatrixXd drinks() {
  return matrix({{1, 9, 5, 2, 1, 1, 1.0 / 2},
                 {1.0 / 9, 1, 1.0 / 3, 1.0 / 9, 1.0 / 9, 1.0 / 9, 1.0 / 9},
                 {1.0 / 5, 3, 1, 1.0 / 3, 1.0 / 4, 1.0 / 3, 1.0 / 9},
                 {1.0 / 2, 9, 3, 1, 1.0 / 2, 1, 1.0 / 3},
                 {1, 9, 4, 2, 1, 2, 1.0 / 2},
                 {1, 9, 3, 1, 1.0 / 2, 1, 1.0 / 3},
                 {2, 9, 9, 3, 2, 3, 1}});
}

TEST(Ahp, ReproducesSaaty2008DrinksToThePrintedDigits) {
  const AhpResult r = ahp(drinks(), {.method = AhpMethod::eigenvector, .ri = RandomIndex::saaty2005});
  const double published[] = {0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327};
  for (int i = 0; i < 7; ++i) EXPECT_DOUBLE_EQ(rounded(r.weights[i], 3), published[i]) << "drink " << i;
  EXPECT_DOUBLE_EQ(rounded(r.cr, 3), 0.022);
  EXPECT_DOUBLE_EQ(r.ri, 1.35);
  EXPECT_NEAR(r.weights.sum(), 1.0, 1e-12);
  EXPECT_NEAR(r.ci, (r.lambda_max - 7) / 6, 1e-15);
}

// Saaty, T.L. (2005) Theory and Applications of the Analytic Network Process (RWS), the choice
// of a city to live in: five criteria, four cities; published overall priorities Bethesda .229,
// Boston .275, Pittsburgh .385, Santa Fe .111 (distributive synthesis of eigenvector priorities).
TEST(Ahp, ReproducesSaaty2005BestCityHierarchy) {
  // Criteria: culture, family, housing, jobs, transportation.
  const Eigen::MatrixXd criteria = matrix({{1, 1.0 / 5, 3, 1.0 / 2, 5},
                                           {5, 1, 7, 1, 7},
                                           {1.0 / 3, 1.0 / 7, 1, 1.0 / 4, 3},
                                           {2, 1, 4, 1, 7},
                                           {1.0 / 5, 1.0 / 7, 1.0 / 3, 1.0 / 7, 1}});
  // Cities: Bethesda, Boston, Pittsburgh, Santa Fe; one matrix per criterion, in criteria order.
  const Eigen::MatrixXd culture = matrix({{1, 1.0 / 2, 1, 1.0 / 2}, {2, 1, 2.5, 1}, {1, 1 / 2.5, 1, 1 / 2.5}, {2, 1, 2.5, 1}});
  const Eigen::MatrixXd family = matrix({{1, 2, 1.0 / 3, 4}, {1.0 / 2, 1, 1.0 / 8, 2}, {3, 8, 1, 9}, {1.0 / 4, 1.0 / 2, 1.0 / 9, 1}});
  const Eigen::MatrixXd housing = matrix({{1, 5, 1.0 / 2, 2.5}, {1.0 / 5, 1, 1.0 / 9, 1.0 / 4}, {2, 9, 1, 7}, {1 / 2.5, 4, 1.0 / 7, 1}});
  const Eigen::MatrixXd jobs = matrix({{1, 1.0 / 2, 3, 4}, {2, 1, 6, 8}, {1.0 / 3, 1.0 / 6, 1, 1}, {1.0 / 4, 1.0 / 8, 1, 1}});
  const Eigen::MatrixXd transportation =
      matrix({{1, 1.5, 1.0 / 2, 4}, {1 / 1.5, 1, 1 / 3.5, 2.5}, {2, 3.5, 1, 9}, {1.0 / 4, 1 / 2.5, 1.0 / 9, 1}});
  const AhpOptions saaty{.ri = RandomIndex::saaty2005};
  const AhpResult top = ahp(criteria, saaty);
  Eigen::MatrixXd local(4, 5);
  int k = 0;
  for (const Eigen::MatrixXd* m : {&culture, &family, &housing, &jobs, &transportation})
    local.col(k++) = ahp(*m, saaty).weights;
  const Eigen::VectorXd overall = synthesize(top.weights, local);
  const double published[] = {0.229, 0.275, 0.385, 0.111};
  for (int i = 0; i < 4; ++i) EXPECT_DOUBLE_EQ(rounded(overall[i], 3), published[i]) << "city " << i;
}

TEST(Ahp, EveryMethodRecoversTheWeightsOfAConsistentMatrix) {
  // a_ij = w_i / w_j is perfectly consistent: each method returns w, λmax = n, CI = CR = 0.
  const Eigen::Vector4d w(0.4, 0.3, 0.2, 0.1);
  const Eigen::MatrixXd a = w * w.cwiseInverse().transpose();
  for (AhpMethod method : {AhpMethod::eigenvector, AhpMethod::geometric_mean, AhpMethod::column_mean}) {
    const AhpResult r = ahp(a, {.method = method});
    EXPECT_TRUE(r.weights.isApprox(Eigen::VectorXd(w), 1e-12)) << static_cast<int>(method);
    EXPECT_NEAR(r.lambda_max, 4, 1e-12);
    EXPECT_NEAR(r.cr, 0, 1e-12);
  }
}

TEST(Ahp, ApproximateMethodsFollowTheirTextbookFormulas) {
  // 3 × 3, a12 = 2, a13 = 4, a23 = 3 (inconsistent: 2 · 3 ≠ 4).
  const Eigen::MatrixXd a = matrix({{1, 2, 4}, {1.0 / 2, 1, 3}, {1.0 / 4, 1.0 / 3, 1}});
  // 方根法: cube roots of the row products 8, 3/2, 1/12, normalised.
  const double g[] = {std::cbrt(8.0), std::cbrt(1.5), std::cbrt(1.0 / 12)};
  const double gs = g[0] + g[1] + g[2];
  const AhpResult geo = ahp(a, {.method = AhpMethod::geometric_mean});
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(geo.weights[i], g[i] / gs, 1e-15);
  // 和积法: column sums 7/4, 10/3, 8; normalised columns averaged by row.
  const double c0 = (1 / 1.75 + 2 / (10.0 / 3) + 4 / 8.0) / 3;
  const double c1 = (0.5 / 1.75 + 1 / (10.0 / 3) + 3 / 8.0) / 3;
  const AhpResult col = ahp(a, {.method = AhpMethod::column_mean});
  EXPECT_NEAR(col.weights[0], c0, 1e-15);
  EXPECT_NEAR(col.weights[1], c1, 1e-15);
  // λmax estimate: mean of (A w)_i / w_i; CR with Saaty's 1980 RI(3) = 0.58.
  const Eigen::VectorXd aw = a * col.weights;
  const double lambda = (aw[0] / col.weights[0] + aw[1] / col.weights[1] + aw[2] / col.weights[2]) / 3;
  EXPECT_NEAR(col.lambda_max, lambda, 1e-13);
  EXPECT_NEAR(col.cr, (lambda - 3) / 2 / 0.58, 1e-13);
}

TEST(Ahp, OrdersOneAndTwoAreConsistentByDefinition) {
  const AhpResult one = ahp(matrix({{1}}));
  EXPECT_DOUBLE_EQ(one.weights[0], 1);
  EXPECT_EQ(one.cr, 0);
  const AhpResult two = ahp(matrix({{1, 3}, {1.0 / 3, 1}}));
  EXPECT_NEAR(two.weights[0], 0.75, 1e-15);
  EXPECT_EQ(two.cr, 0);
  EXPECT_EQ(two.ci, 0);
}

TEST(Ahp, SupportsOrderFifteenAndRefusesOrdersBeyondTheTable) {
  Eigen::VectorXd w = Eigen::VectorXd::LinSpaced(15, 1, 15);
  w /= w.sum();
  const Eigen::MatrixXd a = w * w.cwiseInverse().transpose();
  const AhpResult r = ahp(a);
  EXPECT_TRUE(r.weights.isApprox(w, 1e-10));
  EXPECT_DOUBLE_EQ(r.ri, 1.59);
  Eigen::VectorXd w16 = Eigen::VectorXd::LinSpaced(16, 1, 16);
  EXPECT_THROW((void)ahp(w16 * w16.cwiseInverse().transpose()), AnalyticsError);
  EXPECT_NO_THROW((void)ahp(w16 * w16.cwiseInverse().transpose(), {.ri = RandomIndex::donegan_dodd}));
}

TEST(Ahp, RandomIndexTablesAreThePublishedOnes) {
  EXPECT_DOUBLE_EQ(random_index(RandomIndex::saaty1980, 3), 0.58);
  EXPECT_DOUBLE_EQ(random_index(RandomIndex::saaty1980, 9), 1.45);
  EXPECT_DOUBLE_EQ(random_index(RandomIndex::saaty2005, 7), 1.35);
  EXPECT_DOUBLE_EQ(random_index(RandomIndex::donegan_dodd, 3), 0.4914);
  EXPECT_DOUBLE_EQ(random_index(RandomIndex::donegan_dodd, 20), 1.5371);
  EXPECT_EQ(random_index(RandomIndex::saaty2005, 2), 0);
}

TEST(Ahp, NamesTheCellOfANonReciprocalMatrix) {
  try {
    (void)ahp(matrix({{1, 3, 2}, {1.0 / 3, 1, 4}, {0.25, 0.25, 1}}));
    FAIL() << "no error";
  } catch (const AnalyticsError& e) {
    EXPECT_EQ(e.argument(), "matrix[2][0]");
    EXPECT_NE(std::string(e.what()).find("not reciprocal"), std::string::npos) << e.what();
  }
}

TEST(Ahp, AcceptsRoundedReciprocalsAndUsesTheExactOnes) {
  // 0.333 for 1/3 is within the default tolerance; the result equals that of the exact matrix.
  const AhpResult typed = ahp(matrix({{1, 3, 5}, {0.333, 1, 2}, {0.2, 0.5, 1}}));
  const AhpResult exact = ahp(matrix({{1, 3, 5}, {1.0 / 3, 1, 2}, {0.2, 0.5, 1}}));
  EXPECT_TRUE(typed.weights.isApprox(exact.weights, 1e-14));
  EXPECT_THROW((void)ahp(matrix({{1, 3}, {0.3, 1}}), {.reciprocal_tolerance = 0.001}), AnalyticsError);
}

TEST(Ahp, RefusesNonPositiveNonSquareAndBadDiagonals) {
  try {
    (void)ahp(matrix({{1, 0}, {0, 1}}));
    FAIL();
  } catch (const AnalyticsError& e) {
    EXPECT_EQ(e.argument(), "matrix[0][1]");
  }
  EXPECT_THROW((void)ahp(Eigen::MatrixXd::Ones(2, 3)), AnalyticsError);
  EXPECT_THROW((void)ahp(matrix({{2, 1}, {1, 1}})), AnalyticsError);
  EXPECT_THROW((void)ahp(matrix({{1, NAN}, {1, 1}})), AnalyticsError);
}

TEST(Hierarchy, GlobalWeightsAreProductsAlongThePath) {
  // Standards 0.6 / 0.4; standard 0's indicators 0.75 / 0.25, standard 1's 1/3 each (consistent).
  const AhpResult top = ahp(matrix({{1, 1.5}, {1 / 1.5, 1}}));
  const AhpResult s0 = ahp(matrix({{1, 3}, {1.0 / 3, 1}}));
  const AhpResult s1 = ahp(Eigen::MatrixXd::Ones(3, 3));
  const HierarchyResult h = hierarchy(top, {s0, s1});
  ASSERT_EQ(h.global_weights.size(), 5);
  const double expected[] = {0.6 * 0.75, 0.6 * 0.25, 0.4 / 3, 0.4 / 3, 0.4 / 3};
  for (int i = 0; i < 5; ++i) EXPECT_NEAR(h.global_weights[i], expected[i], 1e-12);
  EXPECT_NEAR(h.global_weights.sum(), 1, 1e-12);
  EXPECT_NEAR(h.cr, 0, 1e-12);
  EXPECT_THROW((void)hierarchy(top, {s0}), AnalyticsError);
}

TEST(Entropy, RawVariantByHand) {
  // Columns: [1, 3] → p = (1/4, 3/4), e = H(1/4, 3/4)/ln 2 = 0.25·log2 4 + 0.75·log2(4/3);
  // [0, 4] → p = (0, 1), e = 0 (0 · ln 0 = 0); [5, 5] constant → e = 1, weight 0.
  const Eigen::MatrixXd x = matrix({{1, 0, 5}, {3, 4, 5}});
  const EntropyResult r = entropy(x);
  const double e0 = 0.25 * 2 + 0.75 * std::log2(4.0 / 3);
  EXPECT_NEAR(r.entropy[0], e0, 1e-15);
  EXPECT_NEAR(r.entropy[1], 0, 1e-15);
  EXPECT_EQ(r.entropy[2], 1);
  const double d0 = 1 - e0;
  EXPECT_NEAR(r.weights[0], d0 / (d0 + 1), 1e-15);
  EXPECT_NEAR(r.weights[1], 1 / (d0 + 1), 1e-15);
  EXPECT_EQ(r.weights[2], 0);
}

TEST(Entropy, MinMaxVariantTurnsCostColumnsRoundAndShifts) {
  // Benefit [1, 2, 3] → r = (0, .5, 1); cost [30, 20, 10] → the same r; with shift 0 both
  // give p = (0, 1/3, 2/3) and equal weights.
  const Eigen::MatrixXd x = matrix({{1, 30}, {2, 20}, {3, 10}});
  const EntropyResult r = entropy(x, {.variant = EntropyVariant::minmax, .directions = {Direction::benefit, Direction::cost}});
  const double e = -(1.0 / 3 * std::log(1.0 / 3) + 2.0 / 3 * std::log(2.0 / 3)) / std::log(3.0);
  EXPECT_NEAR(r.entropy[0], e, 1e-15);
  EXPECT_NEAR(r.entropy[1], e, 1e-15);
  EXPECT_NEAR(r.weights[0], 0.5, 1e-15);
  // shift 1: r + 1 = (1, 1.5, 2), p = (2/9, 3/9, 4/9).
  const EntropyResult s = entropy(x, {.variant = EntropyVariant::minmax, .directions = {Direction::benefit, Direction::cost}, .shift = 1});
  const double es = -(2.0 / 9 * std::log(2.0 / 9) + 3.0 / 9 * std::log(3.0 / 9) + 4.0 / 9 * std::log(4.0 / 9)) / std::log(3.0);
  EXPECT_NEAR(s.entropy[0], es, 1e-15);
}

TEST(Entropy, DegenerateDataGivesDefinedResultsOrClearErrors) {
  EXPECT_THROW((void)entropy(matrix({{1, 2}, {1, 2}})), AnalyticsError);  // every column constant
  EXPECT_THROW((void)entropy(matrix({{1, 2}})), AnalyticsError);          // one row
  try {
    (void)entropy(matrix({{1, 2}, {-1, 3}}));
    FAIL();
  } catch (const AnalyticsError& e) {
    EXPECT_EQ(e.argument(), "X[1][0]");
  }
  EXPECT_NO_THROW((void)entropy(matrix({{1, 2}, {-1, 3}}), {.variant = EntropyVariant::minmax}));
  EXPECT_THROW((void)entropy(matrix({{1, 2}, {0, 3}}), {.directions = {Direction::cost, Direction::benefit}}), AnalyticsError);
  // An all-zero column in raw carries no information: weight 0, no NaN.
  const EntropyResult z = entropy(matrix({{0, 1}, {0, 2}}));
  EXPECT_EQ(z.weights[0], 0);
  EXPECT_EQ(z.weights[1], 1);
}

TEST(Entropy, WeightsDoNotChangeWhenABenefitColumnIsScaled) {
  const Eigen::MatrixXd x = matrix({{1, 7, 2}, {4, 3, 9}, {2, 5, 4}, {8, 1, 6}});
  Eigen::MatrixXd y = x;
  y.col(1) *= 1000;
  for (EntropyVariant v : {EntropyVariant::raw, EntropyVariant::minmax}) {
    const EntropyResult a = entropy(x, {.variant = v});
    const EntropyResult b = entropy(y, {.variant = v});
    EXPECT_TRUE(a.weights.isApprox(b.weights, 1e-12));
    EXPECT_NEAR(a.weights.sum(), 1, 1e-15);
  }
}

TEST(Critic, ByHand) {
  // X = [[1, 1], [2, 3], [3, 2]]: normalised (0, .5, 1) and (0, 1, .5); σ = 0.5 each (sample);
  // r = Σ dev products / (‖dev‖·‖dev‖) = 0.25 / 0.5 = 0.5; C = 0.5 · (1 − 0.5) each, so equal
  // weights. A constant third column gets weight 0 and does not change the others.
  const Eigen::MatrixXd x = matrix({{1, 1, 7}, {2, 3, 7}, {3, 2, 7}});
  const CriticResult r = critic(x);
  EXPECT_NEAR(r.stddev[0], 0.5, 1e-15);
  EXPECT_NEAR(r.correlation(0, 1), 0.5, 1e-15);
  EXPECT_EQ(r.correlation(0, 2), 0);
  EXPECT_NEAR(r.information[0], 0.5 * (0 + 0.5 + 1), 1e-15);  // against the constant column, 1 − 0
  EXPECT_NEAR(r.weights[0], 0.5, 1e-15);
  EXPECT_EQ(r.weights[2], 0);
}

TEST(Critic, CostColumnsChangeTheSignOfTheirCorrelations) {
  // With column 1 a cost, its normalised values are (1, 0, .5): r = −0.5, C = 0.5 · 1.5 each.
  const Eigen::MatrixXd x = matrix({{1, 1}, {2, 3}, {3, 2}});
  const CriticResult r = critic(x, {.directions = {Direction::benefit, Direction::cost}});
  EXPECT_NEAR(r.correlation(0, 1), -0.5, 1e-15);
  EXPECT_NEAR(r.information[1], 0.75, 1e-15);
}

TEST(Critic, SpearmanUsesAverageRanks) {
  // Column 0 (1, 2, 2, 4) has ranks (1, 2.5, 2.5, 4); column 1 (10, 30, 20, 40) ranks (1, 3, 2, 4).
  // Pearson of the ranks: deviations (−1.5, 0, 0, 1.5) and (−1.5, .5, −.5, 1.5): 4.5 / √(4.5·5).
  const Eigen::MatrixXd x = matrix({{1, 10}, {2, 30}, {2, 20}, {4, 40}});
  const CriticResult r = critic(x, {.correlation = Correlation::spearman});
  EXPECT_NEAR(r.correlation(0, 1), 4.5 / std::sqrt(4.5 * 5), 1e-15);
}

TEST(Critic, DegenerateDataGivesClearErrors) {
  EXPECT_THROW((void)critic(matrix({{1, 1}, {1, 1}})), AnalyticsError);
  EXPECT_THROW((void)critic(matrix({{1, 2}})), AnalyticsError);
  EXPECT_THROW((void)critic(matrix({{1, 2}, {3, 4}}), {.directions = {Direction::cost}}), AnalyticsError);
}

TEST(Combine, IsTheLinearMixtureAndChecksItsInputs) {
  const Eigen::Vector3d s(0.5, 0.3, 0.2);
  const Eigen::Vector3d o(0.2, 0.2, 0.6);
  const Eigen::VectorXd c = combine(s, o, 0.25);
  EXPECT_NEAR(c[0], 0.25 * 0.5 + 0.75 * 0.2, 1e-15);
  EXPECT_NEAR(c.sum(), 1, 1e-15);
  EXPECT_THROW((void)combine(s, o, 1.5), AnalyticsError);
  EXPECT_THROW((void)combine(s, Eigen::Vector3d(0.5, 0.5, 0.5), 0.5), AnalyticsError);
  EXPECT_THROW((void)combine(s, Eigen::Vector2d(0.5, 0.5), 0.5), AnalyticsError);
}

TEST(Names, ParseTheDocumentedNamesAndRefuseOthers) {
  EXPECT_EQ(ahp_method_from_string("geometric_mean"), AhpMethod::geometric_mean);
  EXPECT_EQ(random_index_from_string("donegan_dodd"), RandomIndex::donegan_dodd);
  EXPECT_EQ(entropy_variant_from_string("minmax"), EntropyVariant::minmax);
  EXPECT_EQ(correlation_from_string("spearman"), Correlation::spearman);
  EXPECT_THROW((void)random_index_from_string("saaty"), AnalyticsError);
}

}  // namespace
}  // namespace libbranch::weights

namespace libbranch::weights {
namespace {

// Published objective-weight examples. The printed figures were taken from the papers as the
// test suite of the pyrepo-mcda package (energyinpython) reproduces them; rounded here to the
// printed digits.

double round_to(double x, int digits) {
  const double f = std::pow(10.0, digits);
  return std::round(x * f) / f;
}

TEST(Entropy, ReproducesXu2004) {
  // Xu, X. (2004) "A note on the subjective and objective integrated approach to determine
  // attribute weights", EJOR 156(2):530–532: entropy weights 0.4630, 0.3992, 0.1378, 0.0000
  // (the raw, sum-normalised method; the fourth attribute is nearly constant).
  const Eigen::MatrixXd x{{30, 30, 38, 29}, {19, 54, 86, 29}, {19, 15, 85, 28.9}, {68, 70, 60, 29}};
  const EntropyResult r = entropy(x);
  const double printed[] = {0.4630, 0.3992, 0.1378, 0.0000};
  for (int j = 0; j < 4; ++j) EXPECT_DOUBLE_EQ(round_to(r.weights[j], 4), printed[j]) << j;
}

TEST(Entropy, ReproducesZavadskasPodvezko2016) {
  // Zavadskas, E.K. & Podvezko, V. (2016) "Integrated determination of objective criteria
  // weights in MCDM", IJITDM 15(2):267–283: entropy weights 0.1146, 0.1981, 0.4185, 0.2689 of
  // the data as given (criteria 1 and 3 are costs, which the entropy of the raw data ignores).
  const Eigen::MatrixXd x{{3.0, 100, 10, 7}, {2.5, 80, 8, 5}, {1.8, 50, 20, 11}, {2.2, 70, 12, 9}};
  const EntropyResult r = entropy(x);
  const double printed[] = {0.1146, 0.1981, 0.4185, 0.2689};
  for (int j = 0; j < 4; ++j) EXPECT_DOUBLE_EQ(round_to(r.weights[j], 4), printed[j]) << j;
}

TEST(Critic, ReproducesTusAytacAdali2019) {
  // Tuş, A. & Aytaç Adalı, E. (2019) "The new combination with CRITIC and WASPAS methods for the
  // time and attendance software selection problem", Opsearch 56(2):528–538: CRITIC weights
  // 0.157, 0.249, 0.168, 0.121, 0.154, 0.151. The printed weights follow from min-max
  // normalising every column the benefit way (criterion 1, price, is not turned round; with
  // directions = cost for it the weights differ, which is why directions are explicit here).
  const Eigen::MatrixXd x{{5000, 3, 3, 4, 3, 2}, {680, 5, 3, 2, 2, 1}, {2000, 3, 2, 3, 4, 3},
                          {600, 4, 3, 1, 2, 2},  {800, 2, 4, 3, 3, 4}};
  const CriticResult r = critic(x);
  const double printed[] = {0.157, 0.249, 0.168, 0.121, 0.154, 0.151};
  for (int j = 0; j < 6; ++j) EXPECT_DOUBLE_EQ(round_to(r.weights[j], 3), printed[j]) << j;
  const CriticResult cost = critic(x, {.directions = {Direction::cost, Direction::benefit, Direction::benefit,
                                                      Direction::benefit, Direction::benefit, Direction::benefit}});
  EXPECT_NE(round_to(cost.weights[0], 3), printed[0]);
}

}  // namespace
}  // namespace libbranch::weights
