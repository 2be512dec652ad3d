#pragma once
// Criteria weights (赋权): subjective weights from an AHP pairwise matrix (层次分析法), objective
// weights from data (熵权法, CRITIC) and their combination (组合赋权). Every convention is named
// here and in docs/analytics.md; each default is the textbook one. Errors are AnalyticsError
// (error.hpp), naming the argument and the cell.
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include <libbranch/export.hpp>
#include <libbranch/metric.hpp>  // Direction (benefit / cost)

namespace libbranch::weights {

// ---------------------------------------------------------------------------------------------
// AHP

/// How the priority vector is derived from the pairwise matrix.
enum class AhpMethod {
  eigenvector,     ///< Saaty's principal (Perron) right eigenvector, normalised to sum 1 (特征根法)
  geometric_mean,  ///< row geometric means, normalised (方根法; Crawford & Williams 1985)
  column_mean,     ///< columns normalised to sum 1, then rows averaged (和积法)
};

/// Random-index (RI) table for the consistency ratio CR = CI / RI(n).
enum class RandomIndex {
  saaty1980,     ///< Saaty, The Analytic Hierarchy Process (1980): .58 .90 1.12 1.24 1.32 1.41 1.45 1.49 … n ≤ 15
  saaty2005,     ///< Saaty, Theory and Applications of the ANP (2005), p. 31: .52 .89 1.11 1.25 1.35 … n ≤ 15
  donegan_dodd,  ///< Donegan & Dodd, Math. Comput. Modelling 15(10), 1991: .4914 .8286 1.0591 … n ≤ 20
};

/// The RI of the table for order n (0 for n ≤ 2). Throws AnalyticsError beyond the table.
[[nodiscard]] LIBBRANCH_API double random_index(RandomIndex table, int n);

struct AhpOptions {
  AhpMethod method = AhpMethod::eigenvector;
  RandomIndex ri = RandomIndex::saaty1980;
  /// a_ij · a_ji must be within this of 1 (relative): 0.01 accepts reciprocals written with two
  /// or three digits (0.333, 0.143, 0.167). The upper triangle is authoritative: once checked,
  /// the lower triangle is replaced by the exact reciprocals, so 0.333 counts as 1/3.
  double reciprocal_tolerance = 0.01;
};

struct AhpResult {
  Eigen::VectorXd weights;  ///< priority vector, sums to 1
  /// Principal eigenvalue (eigenvector method); for the approximate methods Saaty's estimate
  /// mean_i((A·w)_i / w_i) of it, as the textbooks compute it with 和积法 and 方根法.
  double lambda_max = 0;
  double ci = 0;  ///< consistency index (λmax − n)/(n − 1); 0 for n ≤ 2
  double ri = 0;  ///< the random index used
  double cr = 0;  ///< consistency ratio CI/RI; 0 for n ≤ 2 (such matrices are always consistent)
};

/// AHP priorities and consistency of a positive reciprocal matrix (n ≥ 1, up to the RI table's n).
/// Rejects (AnalyticsError naming the cell): a matrix that is not square, non-finite or
/// non-positive entries, a diagonal other than 1, a_ij · a_ji not within the tolerance of 1.
[[nodiscard]] LIBBRANCH_API AhpResult ahp(const Eigen::MatrixXd& matrix, const AhpOptions& options = {});

/// Hierarchical AHP (standards → indicators): the global weight of child k's element i is
/// parent.weights[k] · children[k].weights[i]; the result lists child 0's elements, then child 1's…
/// Saaty's hierarchic consistency ratio is Σ_k w_k·CI_k / Σ_k w_k·RI_k over the children (0 when
/// every RI is 0).
struct HierarchyResult {
  Eigen::VectorXd global_weights;
  double cr = 0;
};
[[nodiscard]] LIBBRANCH_API HierarchyResult hierarchy(const AhpResult& parent, const std::vector<AhpResult>& children);

/// Synthesis of alternatives (Saaty's distributive mode): priorities(i, k) is alternative i's
/// local priority under criterion k; the result is priorities · criteria_weights.
[[nodiscard]] LIBBRANCH_API Eigen::VectorXd synthesize(const Eigen::VectorXd& criteria_weights,
                                                       const Eigen::MatrixXd& priorities);

// ---------------------------------------------------------------------------------------------
// Entropy weights (熵权法)

enum class EntropyVariant {
  /// Hwang & Yoon (1981): p_ij = x_ij / Σ_i x_ij on the data as given. Needs x ≥ 0; directions
  /// must all be benefit (the raw method has no way to turn a cost column round).
  raw,
  /// The 正向化 common in Chinese practice: r = (x − min)/(max − min) for benefit columns,
  /// (max − x)/(max − min) for cost columns, then r + shift, then p = r / Σ r.
  minmax,
};

struct EntropyOptions {
  EntropyVariant variant = EntropyVariant::raw;
  std::vector<Direction> directions;  ///< one per column; empty = all benefit
  double shift = 0;                   ///< added after min-max (minmax only); ≥ 0
};

struct EntropyResult {
  Eigen::VectorXd weights;     ///< w_j = d_j / Σ d_j
  Eigen::VectorXd entropy;     ///< e_j = −Σ_i p_ij ln p_ij / ln m, with 0 · ln 0 = 0
  Eigen::VectorXd divergence;  ///< d_j = 1 − e_j
};

/// Entropy weights of the m × n matrix X (m ≥ 2 alternatives). A constant column (and, raw, an
/// all-zero column) carries no information: e = 1, d = 0, weight 0. When every column is constant
/// the weights are undefined: AnalyticsError. NaN and (raw) negative values: AnalyticsError.
[[nodiscard]] LIBBRANCH_API EntropyResult entropy(const Eigen::MatrixXd& X, const EntropyOptions& options = {});

// ---------------------------------------------------------------------------------------------
// CRITIC (Diakoulaki, Mavrotas & Papayannakis 1995)

enum class Correlation { pearson, spearman };

struct CriticOptions {
  Correlation correlation = Correlation::pearson;
  /// One per column; empty = all benefit. A cost column is min-max normalised the other way
  /// round, (max − x)/(max − min), before σ and the correlations are taken (Diakoulaki's
  /// normalisation), so its correlations change sign.
  std::vector<Direction> directions;
};

struct CriticResult {
  Eigen::VectorXd weights;      ///< w_j = C_j / Σ C_j
  Eigen::VectorXd stddev;       ///< σ_j of the normalised column (sample, n − 1; weights do not depend on the choice)
  Eigen::VectorXd information;  ///< C_j = σ_j · Σ_k (1 − r_jk)
  Eigen::MatrixXd correlation;  ///< r_jk of the normalised columns (0 against a constant column, 1 on the diagonal)
};

/// CRITIC weights of the m × n matrix X (m ≥ 2). A constant column has σ = 0, hence C = 0 and
/// weight 0, and counts as uncorrelated (r = 0) with the others. Every column constant:
/// AnalyticsError.
[[nodiscard]] LIBBRANCH_API CriticResult critic(const Eigen::MatrixXd& X, const CriticOptions& options = {});

// ---------------------------------------------------------------------------------------------
// Combination (组合赋权)

/// Linear combination α · subjective + (1 − α) · objective, α ∈ [0, 1]. Both vectors must be
/// non-negative, of one length and sum to 1 (within 1e-9 · n); so does the result.
[[nodiscard]] LIBBRANCH_API Eigen::VectorXd combine(const Eigen::VectorXd& subjective,
                                                    const Eigen::VectorXd& objective, double alpha);

// Names used by the bindings and the CLI ("eigenvector", "saaty1980", "minmax", "spearman", …).
[[nodiscard]] LIBBRANCH_API AhpMethod ahp_method_from_string(std::string_view name);
[[nodiscard]] LIBBRANCH_API RandomIndex random_index_from_string(std::string_view name);
[[nodiscard]] LIBBRANCH_API EntropyVariant entropy_variant_from_string(std::string_view name);
[[nodiscard]] LIBBRANCH_API Correlation correlation_from_string(std::string_view name);

}  // namespace libbranch::weights
