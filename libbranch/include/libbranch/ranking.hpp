#pragma once
// Ranking alternatives (branches) on several criteria: TOPSIS (Hwang & Yoon 1981), VIKOR
// (Opricovic & Tzeng 2004) and the weighted sum. X is m alternatives × n criteria; weights are
// one per criterion, ≥ 0, used as given (TOPSIS and VIKOR do not depend on their scale);
// directions one per criterion (empty = all benefit). Conventions are named on each field and in
// docs/analytics.md. Errors are AnalyticsError (error.hpp). Ranks are 1 = best.
//
// Every function takes the matrix in either storage order without copying it: an Eigen::MatrixXd
// (or any column-major block, through Eigen::Ref) or a RowMap over row-major memory (numpy's C
// order; the Python bindings pass their arrays so), so a 5,000,000 × 40 matrix is never duplicated.
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include <libbranch/export.hpp>
#include <libbranch/metric.hpp>  // Direction (benefit / cost)

namespace libbranch::rank {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ColRef = Eigen::Ref<const Eigen::MatrixXd>;
/// Row-major data viewed in place: RowMap(data, rows, cols). (A Ref<const RowMatrix> overload would
/// make a plain MatrixXd argument ambiguous.)
using RowMap = Eigen::Map<const RowMatrix>;

/// How equal scores share ranks. Scores within 1e-12 · max(1, |a|, |b|) of their neighbour in
/// sorted order count as equal (so that rounding noise never splits a tie of duplicates).
enum class Ties {
  min,    ///< competition ranking 1, 2, 2, 4 (the default; docs/reference/rubrics.md §4's rank rule does the same)
  max,    ///< 1, 3, 3, 4
  dense,  ///< 1, 2, 2, 3
  first,  ///< 1, 2, 3, 4 in the order of the rows
};

/// Ranks of `scores` (1 = best); `higher_is_better` says which end is best.
[[nodiscard]] LIBBRANCH_API Eigen::VectorXi rank_scores(const Eigen::VectorXd& scores, bool higher_is_better,
                                                        Ties ties = Ties::min);

// ---------------------------------------------------------------------------------------------
// TOPSIS

enum class Normalization {
  vector,  ///< r_ij = x_ij / sqrt(Σ_i x_ij²) (Hwang & Yoon's); a column of zeros stays 0
  minmax,  ///< benefit (x − min)/(max − min), cost (max − x)/(max − min); a constant column is 0
};

struct TopsisOptions {
  std::vector<Direction> directions;
  Normalization normalization = Normalization::vector;
  Ties ties = Ties::min;
};

struct TopsisResult {
  Eigen::VectorXd closeness;   ///< C_i = D⁻ / (D⁺ + D⁻); 0.5 when D⁺ = D⁻ = 0 (all alternatives equal)
  Eigen::VectorXi rank;        ///< by closeness, highest first
  Eigen::VectorXd ideal;       ///< A⁺ in the weighted normalised space (max of benefit, min of cost criteria)
  Eigen::VectorXd anti_ideal;  ///< A⁻
  Eigen::VectorXd d_plus;      ///< Euclidean distance to A⁺
  Eigen::VectorXd d_minus;     ///< Euclidean distance to A⁻
};

[[nodiscard]] LIBBRANCH_API TopsisResult topsis(const ColRef& X, const Eigen::VectorXd& weights,
                                                const TopsisOptions& options = {});
[[nodiscard]] LIBBRANCH_API TopsisResult topsis(const RowMap& X, const Eigen::VectorXd& weights,
                                                const TopsisOptions& options = {});

// ---------------------------------------------------------------------------------------------
// VIKOR

struct VikorOptions {
  std::vector<Direction> directions;
  double v = 0.5;  ///< weight of the strategy of maximum group utility, in [0, 1]
  Ties ties = Ties::min;
};

struct VikorResult {
  /// S_i = Σ_j w_j (f*_j − f_ij)/(f*_j − f⁻_j), R_i = max_j of the same terms; a criterion with
  /// f* = f⁻ (constant) contributes 0.
  Eigen::VectorXd S, R;
  /// Q_i = v (S_i − S*)/(S⁻ − S*) + (1 − v)(R_i − R*)/(R⁻ − R*); a part whose range is 0 contributes 0.
  Eigen::VectorXd Q;
  Eigen::VectorXi rank;                ///< by Q, lowest first
  /// The compromise solution (Opricovic & Tzeng 2004, step 5): A(1) = the best by Q (the first
  /// row of those with the least Q), A(2) the second. C1 (acceptable advantage): Q(A(2)) − Q(A(1))
  /// ≥ DQ = 1/(m − 1). C2 (acceptable stability): A(1) is also best (rank 1) by S or by R.
  /// Both hold: {A(1)}; only C2 fails: {A(1), A(2)}; C1 fails: A(1)…A(M) with M the largest
  /// position where Q(A(M)) − Q(A(1)) < DQ. Row indices, in Q order. One alternative: {0}.
  std::vector<Eigen::Index> compromise;
  bool acceptable_advantage = true;  ///< C1
  bool acceptable_stability = true;  ///< C2
};

[[nodiscard]] LIBBRANCH_API VikorResult vikor(const ColRef& X, const Eigen::VectorXd& weights,
                                              const VikorOptions& options = {});
[[nodiscard]] LIBBRANCH_API VikorResult vikor(const RowMap& X, const Eigen::VectorXd& weights,
                                              const VikorOptions& options = {});

// ---------------------------------------------------------------------------------------------
// Weighted sum (简单加权, SAW)

enum class SumNormalization {
  none,    ///< the values as they are (scores already in points); a cost criterion counts −w·x
  minmax,  ///< as TOPSIS minmax: every criterion in [0, 1], 1 = best
  max,     ///< Hwang & Yoon's linear scale: benefit x / max, cost min / x (needs x > 0)
};

struct WeightedSumOptions {
  std::vector<Direction> directions;
  SumNormalization normalization = SumNormalization::none;
  Ties ties = Ties::min;
};

struct WeightedSumResult {
  Eigen::VectorXd score;  ///< Σ_j w_j r_ij
  Eigen::VectorXi rank;   ///< by score, highest first
};

[[nodiscard]] LIBBRANCH_API WeightedSumResult weighted_sum(const ColRef& X, const Eigen::VectorXd& weights,
                                                           const WeightedSumOptions& options = {});
[[nodiscard]] LIBBRANCH_API WeightedSumResult weighted_sum(const RowMap& X, const Eigen::VectorXd& weights,
                                                           const WeightedSumOptions& options = {});

// Names used by the bindings and the CLI.
[[nodiscard]] LIBBRANCH_API Ties ties_from_string(std::string_view name);
[[nodiscard]] LIBBRANCH_API Normalization normalization_from_string(std::string_view name);
[[nodiscard]] LIBBRANCH_API SumNormalization sum_normalization_from_string(std::string_view name);
[[nodiscard]] LIBBRANCH_API Direction direction_from_string(std::string_view name);

}  // namespace libbranch::rank
