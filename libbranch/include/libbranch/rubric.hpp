#pragma once
// A rubric (考评细则, docs/reference/rubrics.md): standards of indicators that turn metrics into
// points, bonus indicators, vetoes and ratings. Plain data, parsed from JSON and validated; every
// problem is a RubricError naming its JSON path (`standards[2].indicators[4].rule.target`).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <libbranch/export.hpp>
#include <libbranch/params.hpp>

namespace libbranch {

class MetricRegistry;

/// What a NaN metric earns (docs/reference/rubrics.md §8).
enum class MissingPolicy : std::uint8_t {
  zero,     ///< 0 points
  full,     ///< P points (无此项工作的不扣分)
  exclude,  ///< left out; the standard is rescaled
};

/// The peer group of the relative rules (rank, relative_to_best, minmax).
enum class GroupBy : std::uint8_t {
  none,       ///< the whole dataset (JSON null or absent)
  parent_id,  ///< branches with the same parent organisation
  org_type,   ///< branches of the same org_type
};

/// The closed set of rule types (docs/reference/rubrics.md §4).
enum class RuleType : std::uint8_t {
  linear_cap,
  target,
  ratio,
  bands,
  boolean,
  deduction,
  rank,
  relative_to_best,
  minmax
};

/// One band of a `bands` rule: `min` inclusive, `max` exclusive, nullopt = unbounded.
struct Band {
  std::optional<double> min;
  std::optional<double> max;
  double points = 0;

  /// Whether `v` lies in the band (false for NaN).
  [[nodiscard]] bool contains(double v) const noexcept {
    return !std::isnan(v) && (!min || v >= *min) && (!max || v < *max);
  }
  friend bool operator==(const Band&, const Band&) = default;
};

/// A rule: its type and the fields that type uses (the others keep their defaults).
struct Rule {
  RuleType type = RuleType::linear_cap;
  double per_unit = 0;                 ///< linear_cap a, deduction d
  double target = 0;                   ///< target t, ratio t
  double deduct_per_unit = 0;          ///< target d
  std::vector<Band> bands;             ///< bands
  std::vector<double> points_by_rank;  ///< rank p1, p2, …
  double otherwise = 0;                ///< rank: points beyond the list
  bool ascending = false;              ///< rank, relative_to_best, minmax: `"order": "asc"` (default "desc")

  friend bool operator==(const Rule&, const Rule&) = default;
};

/// One rubric line: a metric (with its parameters) turned into at most `points` points.
struct Indicator {
  std::string id;
  std::string metric;
  Params params;
  double points = 0;  ///< P
  Rule rule;
  std::optional<MissingPolicy> missing;  ///< nullopt: the rubric's policy
  GroupBy group_by = GroupBy::none;

  friend bool operator==(const Indicator&, const Indicator&) = default;
};

/// One standard (标准): a score column of the summary.
struct LIBBRANCH_API Standard {
  std::string id;    ///< [a-z0-9_]+, not a summary column name
  std::string name;  ///< e.g. 依法治理好
  std::vector<Indicator> indicators;

  /// Σ P of the indicators: the standard's maximum.
  [[nodiscard]] double max_points() const noexcept;
  friend bool operator==(const Standard&, const Standard&) = default;
};

/// How a veto compares its metric with its value.
enum class VetoOp : std::uint8_t { gt, ge, lt, le, eq, ne };

/// A veto (一票否决): when `metric op value` holds, the rating is capped at `rating`.
struct LIBBRANCH_API Veto {
  std::string metric;
  Params params;
  VetoOp op = VetoOp::gt;
  double value = 0;
  std::string rating;  ///< a label of the rubric's ratings

  /// Whether the veto fires for metric value `v`; never for NaN (docs/reference/rubrics.md §8).
  [[nodiscard]] bool fires(double v) const noexcept;
  friend bool operator==(const Veto&, const Veto&) = default;
};

/// One rating: earned when total ≥ min − 1e-9; nullopt matches every total (only the last).
struct Rating {
  std::optional<double> min;
  std::string label;

  friend bool operator==(const Rating&, const Rating&) = default;
};

/// Standard weights given as an AHP pairwise matrix (`"weights": {"ahp": [[…]], "method": …,
/// "ri": …, "allow_inconsistent": …}`, docs/analytics.md): each standard's score is scaled from its
/// own maximum to w_s × the rubric's total points (Σ of the standards' maxima), so the total keeps
/// its range and the ratings their meaning. A matrix whose CR exceeds 0.1 is refused unless
/// `allow_inconsistent` is true.
struct StandardWeights {
  std::vector<std::vector<double>> ahp;  ///< n × n, n = the number of standards, in rubric order
  std::string method = "eigenvector";    ///< weights::AhpMethod name: eigenvector, geometric_mean, column_mean
  std::string ri = "saaty1980";          ///< weights::RandomIndex name: saaty1980, saaty2005, donegan_dodd
  bool allow_inconsistent = false;       ///< accept CR > 0.1

  friend bool operator==(const StandardWeights&, const StandardWeights&) = default;
};

/// One star level of the rubric's `stars` (stars::Level as JSON: label, quota, min_total).
struct StarLevel {
  std::string label;
  double quota = 0;                 ///< share of the peer group, in [0, 1]; the quotas sum to ≤ 1
  std::optional<double> min_total;  ///< nullopt: no minimum

  friend bool operator==(const StarLevel&, const StarLevel&) = default;
};

/// One condition of a direct rating: `metric op value` (never holds for NaN, like a veto).
struct LIBBRANCH_API StarCondition {
  std::string metric;
  Params params;
  VetoOp op = VetoOp::ge;
  double value = 0;

  [[nodiscard]] bool holds(double v) const noexcept;
  friend bool operator==(const StarCondition&, const StarCondition&) = default;
};

/// A direct rating (直接评定): a branch meeting every condition of `when` and, if given,
/// `min_total` gets the star `label` outside the quotas. The first matching direct rating wins.
struct DirectStar {
  std::string label;                ///< a level label or the rest label
  std::vector<StarCondition> when;  ///< all must hold; may be empty when min_total is given
  std::optional<double> min_total;  ///< total ≥ min_total − 1e-9

  friend bool operator==(const DirectStar&, const DirectStar&) = default;
};

/// Star ratings with quotas (`"stars": {…}`, docs/analytics.md), assigned by the engine over all
/// branches after the totals (libbranch/star_rating.hpp has the conventions).
struct StarRubric {
  std::vector<StarLevel> levels;  ///< best first
  std::string rest = "未定星";
  bool ties_over_quota = false;   ///< "ties": "within_quota" (false, the default) or "over_quota"
  GroupBy group_by = GroupBy::none;
  std::vector<DirectStar> direct;

  friend bool operator==(const StarRubric&, const StarRubric&) = default;
};

/// One (metric, params) pair a rubric uses, as written (absent params are not filled with defaults).
struct MetricUse {
  std::string metric;
  Params params;

  friend bool operator==(const MetricUse&, const MetricUse&) = default;
};

/// A validated rubric. `parse`, `load` and `default_rubric` return only valid rubrics; a rubric
/// built in code can be checked with `validate`.
struct LIBBRANCH_API Rubric {
  std::string name;
  MissingPolicy missing = MissingPolicy::zero;
  std::vector<Standard> standards;
  std::vector<Indicator> bonuses;
  std::vector<Veto> vetoes;
  std::vector<Rating> ratings;
  /// AHP standard weights; nullopt: each standard counts its own points
  /// (docs/reference/rubrics.md §6).
  std::optional<StandardWeights> weights;
  /// Star ratings with quotas; nullopt: none (the summary has no stars column).
  std::optional<StarRubric> stars;
  /// Where the rubric came from (file path, `<default>`, or the name given to `parse`); used in
  /// messages only: not written by `to_json`, not compared by `==`.
  std::string source;

  /// Parses and validates (docs/reference/rubrics.md). `source_name` (a file name) is quoted in
  /// every message. Throws RubricError with the JSON path of the first problem.
  [[nodiscard]] static Rubric parse(std::string_view json_text, const std::string& source_name);
  /// Reads and parses a rubric file (UTF-8; a BOM is accepted). Throws RubricError.
  [[nodiscard]] static Rubric load(const std::filesystem::path& path);
  /// The shipped `rubrics/default.json` (docs/reference/rubrics.md §9), embedded in the library at
  /// build time.
  [[nodiscard]] static Rubric default_rubric();

  /// Checks every structural and value rule of docs/reference/rubrics.md that needs no registry;
  /// throws RubricError.
  void validate() const;
  /// Checks metric ids and parameters against `registry`: unknown ids (with the registry's
  /// suggestion), unknown parameters and values outside their domain. Throws RubricError naming
  /// the JSON path (`standards[1].indicators[3].params.agg`).
  void check_metrics(const MetricRegistry& registry) const;

  /// The rubric as JSON text (UTF-8, 2-space indent); `parse(to_json())` gives an equal rubric.
  [[nodiscard]] std::string to_json() const;

  /// Standard ids in rubric order (the summary's standard columns).
  [[nodiscard]] std::vector<std::string> standard_ids() const;
  /// Number of indicators of all standards (bonuses not included).
  [[nodiscard]] std::size_t indicator_count() const noexcept;
  /// Σ of the standards' maxima (100 for the default rubric); bonuses not included.
  [[nodiscard]] double max_points() const noexcept;
  /// Each standard's maximum as scored: its own Σ P, or with `weights` w_s · max_points() (the AHP
  /// priorities of the matrix). Throws RubricError for weights that `validate` would refuse.
  [[nodiscard]] std::vector<double> standard_maxima() const;
  /// The AHP result of `weights` (weights::ahp with the named method and RI table); empty
  /// weights when there are none. Throws RubricError naming `weights.ahp[i][j]`.
  [[nodiscard]] std::vector<double> standard_weights(double* cr = nullptr) const;
  /// The standard `id`, or nullptr.
  [[nodiscard]] const Standard* find_standard(std::string_view id) const noexcept;
  /// The indicator `id` (in a standard or among the bonuses), or nullptr.
  [[nodiscard]] const Indicator* find_indicator(std::string_view id) const noexcept;
  /// The policy that applies to `indicator`: its own, else the rubric's.
  [[nodiscard]] MissingPolicy missing_policy(const Indicator& indicator) const noexcept;
  /// Index in `ratings` of the rating earned by `total` (docs/reference/rubrics.md §6: the first
  /// with total ≥ min − 1e-9; null matches all). A NaN total earns the last rating.
  [[nodiscard]] std::size_t rating_index(double total) const noexcept;
  /// Index in `ratings` of `label`, or nullopt.
  [[nodiscard]] std::optional<std::size_t> rating_index(std::string_view label) const noexcept;
  /// Every distinct (metric, params) pair used by indicators, bonuses, vetoes and direct star
  /// ratings, in that order of first use. Pairs are told apart by the parameters as written (Params::operator==).
  [[nodiscard]] std::vector<MetricUse> metric_uses() const;

  /// Equal content (`source` is not compared).
  friend LIBBRANCH_API bool operator==(const Rubric& a, const Rubric& b);
};

/// JSON names: "zero", "full", "exclude"; "none" (JSON null), "parent_id", "org_type";
/// ">", ">=", "<", "<=", "==", "!="; rule types as in docs/reference/rubrics.md §4 ("linear_cap",
/// …, "minmax").
[[nodiscard]] LIBBRANCH_API const char* to_string(MissingPolicy p) noexcept;
[[nodiscard]] LIBBRANCH_API const char* to_string(GroupBy g) noexcept;
[[nodiscard]] LIBBRANCH_API const char* to_string(VetoOp op) noexcept;
[[nodiscard]] LIBBRANCH_API const char* to_string(RuleType t) noexcept;

/// Whether the rule compares a branch with its peer group (rank, relative_to_best, minmax).
[[nodiscard]] constexpr bool is_relative(RuleType t) noexcept {
  return t == RuleType::rank || t == RuleType::relative_to_best || t == RuleType::minmax;
}

}  // namespace libbranch
