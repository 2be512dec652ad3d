#pragma once
// The rule types of docs/reference/rubrics.md §4 as one table: for each type its JSON name, the
// fields it reads (which parse, validate and serialize walk) and its points formula. Adding a rule
// type is one row here (rules.cpp) and one enumerator in rubric.hpp. Internal to the rubric
// sources.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include <libbranch/rubric.hpp>

namespace libbranch::detail {

/// How a rule field is read, checked and written.
enum class RuleFieldKind : std::uint8_t {
  number,           ///< a finite number (Rule::*number)
  positive_number,  ///< a finite number > 0 (Rule::*number)
  points,           ///< points between 0 and the indicator's P (Rule::*number)
  points_list,      ///< a list of such points (Rule::points_by_rank)
  bands,            ///< a list of bands (Rule::bands)
};

/// One JSON field of a rule, e.g. `"per_unit": 0.5`.
struct RuleField {
  std::string_view key;
  RuleFieldKind kind = RuleFieldKind::number;
  bool required = true;             ///< optional fields keep the Rule's default when absent
  double Rule::*number = nullptr;   ///< the member of the number kinds
  std::string_view what = {};       ///< how messages name a value (default: the key)

  [[nodiscard]] std::string_view noun() const { return what.empty() ? key : what; }
};

/// Points for every branch before missing handling, each clamped to [0, P] (rules.hpp).
/// `group_of` and `groups` are already checked for the relative types.
using PointsFormula = Eigen::VectorXd (*)(const Rule& rule, double P, const Eigen::VectorXd& values,
                                          const std::vector<std::uint32_t>& group_of, std::size_t groups);

/// One row of the table.
struct RuleTypeInfo {
  RuleType type;
  std::string_view name;           ///< the JSON "type"
  std::vector<RuleField> fields;   ///< in the order messages list and serialize writes them
  PointsFormula points = nullptr;
  /// rank, relative_to_best, minmax: peer statistics, and the optional "order" key (is_relative).
  [[nodiscard]] bool relative() const noexcept { return is_relative(type); }
};

/// Every rule type, in the order of RuleType (and of messages that list the types).
[[nodiscard]] const std::vector<RuleTypeInfo>& rule_types();
/// The row of `t`.
[[nodiscard]] const RuleTypeInfo& rule_type_info(RuleType t);

}  // namespace libbranch::detail
