// The rule types of docs/reference/rubrics.md §4 (rule_types.hpp): their table, and the points
// formulas. Every formula is written exactly as the reference writes it, left to right, so that the
// last digit of a result is the one the reference's expression gives.
#include <libbranch/rules.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include <libbranch/error.hpp>

#include "rule_types.hpp"

namespace libbranch {
namespace {

using detail::RuleField;
using detail::RuleFieldKind;
using Groups = std::vector<std::uint32_t>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Clamps to [0, P] (-0 becomes 0); NaN stays NaN.
inline double clamp_points(double x, double P) noexcept {
  if (x <= 0) return 0.0;
  if (x > P) return P;
  return x;
}

/// Non-relative rules: each branch on its own.
template <class F>
Eigen::VectorXd each(const Eigen::VectorXd& values, double P, F formula) {
  return values.unaryExpr([P, formula](double v) { return std::isnan(v) ? kNaN : clamp_points(formula(v), P); });
}

void check_groups(const Eigen::VectorXd& values, const std::vector<std::uint32_t>& group_of, std::size_t groups) {
  if (group_of.size() != static_cast<std::size_t>(values.size()))
    throw Error("rule_points: " + std::to_string(values.size()) + " values but " + std::to_string(group_of.size()) +
                " peer group entries");
  for (const std::uint32_t g : group_of)
    if (g >= groups)
      throw Error("rule_points: peer group " + std::to_string(g) + " out of range (" + std::to_string(groups) +
                  " groups)");
}

/// Max and min of each group's non-NaN values (after `floor0` for relative_to_best).
struct PeerStats {
  std::vector<double> max, min;
};

PeerStats peer_stats(const Eigen::VectorXd& values, const std::vector<std::uint32_t>& group_of, std::size_t groups,
                     bool floor0) {
  PeerStats s{std::vector<double>(groups, -std::numeric_limits<double>::infinity()),
              std::vector<double>(groups, std::numeric_limits<double>::infinity())};
  for (Eigen::Index b = 0; b < values.size(); ++b) {
    double v = values[b];
    if (std::isnan(v)) continue;
    if (floor0 && v < 0) v = 0;
    const std::uint32_t g = group_of[static_cast<std::size_t>(b)];
    s.max[g] = std::max(s.max[g], v);
    s.min[g] = std::min(s.min[g], v);
  }
  return s;
}


// The non-relative formulas, v ↦ points before clamping.
Eigen::VectorXd linear_cap(const Rule& rule, double P, const Eigen::VectorXd& values, const Groups&, std::size_t) {
  const double a = rule.per_unit;
  return each(values, P, [a](double v) { return a * v; });
}

Eigen::VectorXd target(const Rule& rule, double P, const Eigen::VectorXd& values, const Groups&, std::size_t) {
  const double t = rule.target, d = rule.deduct_per_unit;
  return each(values, P, [P, t, d](double v) { return P - d * std::max(0.0, t - v); });
}

Eigen::VectorXd ratio(const Rule& rule, double P, const Eigen::VectorXd& values, const Groups&, std::size_t) {
  const double t = rule.target;
  return each(values, P, [P, t](double v) { return P * v / t; });
}

Eigen::VectorXd bands(const Rule& rule, double P, const Eigen::VectorXd& values, const Groups&, std::size_t) {
  return each(values, P, [&bands = rule.bands](double v) {
    for (const Band& band : bands)
      if (band.contains(v)) return band.points;
    return 0.0;
  });
}

Eigen::VectorXd boolean(const Rule&, double P, const Eigen::VectorXd& values, const Groups&, std::size_t) {
  return each(values, P, [P](double v) { return v > 0 ? P : 0.0; });
}

Eigen::VectorXd deduction(const Rule& rule, double P, const Eigen::VectorXd& values, const Groups&, std::size_t) {
  const double d = rule.per_unit;
  return each(values, P, [P, d](double v) { return P - d * v; });
}

Eigen::VectorXd relative_to_best(const Rule& rule, double P, const Eigen::VectorXd& values, const Groups& group_of,
                                 std::size_t groups) {
  const PeerStats s = peer_stats(values, group_of, groups, /*floor0=*/true);
  Eigen::VectorXd out(values.size());
  for (Eigen::Index b = 0; b < values.size(); ++b) {
    double v = values[b];
    if (std::isnan(v)) {
      out[b] = kNaN;
      continue;
    }
    if (v < 0) v = 0;
    const std::uint32_t g = group_of[static_cast<std::size_t>(b)];
    double x;
    if (!rule.ascending) {
      const double max = s.max[g];
      x = max == 0 ? 0.0 : P * v / max;
    } else {
      const double min = s.min[g];
      x = v <= min ? P : P * min / v;
    }
    out[b] = clamp_points(x, P);
  }
  return out;
}

Eigen::VectorXd minmax(const Rule& rule, double P, const Eigen::VectorXd& values, const Groups& group_of,
                       std::size_t groups) {
  const PeerStats s = peer_stats(values, group_of, groups, /*floor0=*/false);
  Eigen::VectorXd out(values.size());
  for (Eigen::Index b = 0; b < values.size(); ++b) {
    const double v = values[b];
    if (std::isnan(v)) {
      out[b] = kNaN;
      continue;
    }
    const std::uint32_t g = group_of[static_cast<std::size_t>(b)];
    const double max = s.max[g];
    const double min = s.min[g];
    double x;
    if (max == min) {
      x = P;
    } else if (!rule.ascending) {
      x = P * (v - min) / (max - min);
    } else {
      x = P * (max - v) / (max - min);
    }
    out[b] = clamp_points(x, P);
  }
  return out;
}

Eigen::VectorXd rank(const Rule& rule, double P, const Eigen::VectorXd& values, const Groups& group_of,
                     std::size_t groups) {
  const std::vector<std::uint32_t> ranks = competition_ranks(values, group_of, groups, rule.ascending);
  Eigen::VectorXd out(values.size());
  for (Eigen::Index b = 0; b < values.size(); ++b) {
    const std::uint32_t k = ranks[static_cast<std::size_t>(b)];
    if (k == 0) {
      out[b] = kNaN;
      continue;
    }
    const double p = k <= rule.points_by_rank.size() ? rule.points_by_rank[k - 1] : rule.otherwise;
    out[b] = clamp_points(p, P);
  }
  return out;
}


// The fields of each type, in the order messages list them and serialize writes them.
const RuleField kPerUnit{.key = "per_unit", .number = &Rule::per_unit};
const RuleField kTarget{.key = "target", .number = &Rule::target};

}  // namespace

namespace detail {

const std::vector<RuleTypeInfo>& rule_types() {
  static const std::vector<RuleTypeInfo> table{
      {RuleType::linear_cap, "linear_cap", {kPerUnit}, linear_cap},
      {RuleType::target, "target",
       {kTarget, {.key = "deduct_per_unit", .number = &Rule::deduct_per_unit}}, target},
      {RuleType::ratio, "ratio", {{.key = "target", .kind = RuleFieldKind::positive_number, .number = &Rule::target}},
       ratio},
      {RuleType::bands, "bands", {{.key = "bands", .kind = RuleFieldKind::bands}}, bands},
      {RuleType::boolean, "boolean", {}, boolean},
      {RuleType::deduction, "deduction", {kPerUnit}, deduction},
      {RuleType::rank, "rank",
       {{.key = "points_by_rank", .kind = RuleFieldKind::points_list, .what = "a rank's points"},
        {.key = "otherwise", .kind = RuleFieldKind::points, .required = false, .number = &Rule::otherwise}},
       rank},
      {RuleType::relative_to_best, "relative_to_best", {}, relative_to_best},
      {RuleType::minmax, "minmax", {}, minmax},
  };
  return table;
}

const RuleTypeInfo& rule_type_info(RuleType t) {
  const std::vector<RuleTypeInfo>& table = rule_types();
  const auto i = static_cast<std::size_t>(t);
  if (i >= table.size() || table[i].type != t) throw Error("rule_points: unknown rule type");
  return table[i];
}

}  // namespace detail

std::vector<std::uint32_t> competition_ranks(const Eigen::VectorXd& values, const std::vector<std::uint32_t>& group_of,
                                             std::size_t groups, bool ascending) {
  check_groups(values, group_of, groups);
  std::vector<std::uint32_t> order;
  order.reserve(static_cast<std::size_t>(values.size()));
  for (Eigen::Index b = 0; b < values.size(); ++b)
    if (!std::isnan(values[b])) order.push_back(static_cast<std::uint32_t>(b));
  // By group, then best value first. Ties need no particular order: they get the same rank.
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (group_of[a] != group_of[b]) return group_of[a] < group_of[b];
    return ascending ? values[a] < values[b] : values[a] > values[b];
  });
  std::vector<std::uint32_t> ranks(static_cast<std::size_t>(values.size()), 0);
  std::uint32_t position = 0;  // 1-based position within the current group
  std::uint32_t current_rank = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const std::uint32_t b = order[i];
    if (i == 0 || group_of[order[i - 1]] != group_of[b]) {
      position = 1;
      current_rank = 1;
    } else {
      ++position;
      if (values[b] != values[order[i - 1]]) current_rank = position;
    }
    ranks[b] = current_rank;
  }
  return ranks;
}

Eigen::VectorXd rule_points(const Rule& rule, double P, const Eigen::VectorXd& values,
                            const std::vector<std::uint32_t>& group_of, std::size_t groups) {
  const detail::RuleTypeInfo& info = detail::rule_type_info(rule.type);
  if (info.relative()) check_groups(values, group_of, groups);
  return info.points(rule, P, values, group_of, groups);
}

Eigen::VectorXd rule_points(const Rule& rule, double P, const Eigen::VectorXd& values) {
  const std::vector<std::uint32_t> one_group(static_cast<std::size_t>(values.size()), 0);
  return rule_points(rule, P, values, one_group, 1);
}

const char* to_string(RuleType t) noexcept {
  for (const detail::RuleTypeInfo& info : detail::rule_types())
    if (info.type == t) return info.name.data();  // the names are literals: NUL-terminated
  return "?";
}

}  // namespace libbranch
