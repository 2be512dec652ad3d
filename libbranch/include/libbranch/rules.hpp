#pragma once
// The rule formulas of docs/reference/rubrics.md §4: pure functions from a metric column to a
// points column.
#include <cstddef>
#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include <libbranch/export.hpp>
#include <libbranch/rubric.hpp>  // Rule, RuleType, to_string(RuleType), is_relative

namespace libbranch {

/// Points for every branch before missing handling (docs/reference/rubrics.md §4), each clamped to
/// [0, P]; formulas are evaluated left to right as written ((P · v) / t).
///
/// `values` may contain NaN: those entries are ignored by peer statistics and their result is NaN
/// (for every rule type; the engine replaces them by the missing policy,
/// docs/reference/rubrics.md §8).
/// `group_of[b]` is the peer group (0..groups-1) of branch b; it is read only by the relative
/// rules (rank, relative_to_best, minmax), for which it must have one entry per value (else
/// libbranch::Error). Peer statistics are computed once per group: O(B), O(B log B) for rank.
[[nodiscard]] LIBBRANCH_API Eigen::VectorXd rule_points(const Rule& rule, double P, const Eigen::VectorXd& values,
                                                        const std::vector<std::uint32_t>& group_of, std::size_t groups);

/// The same with every branch in one peer group.
[[nodiscard]] LIBBRANCH_API Eigen::VectorXd rule_points(const Rule& rule, double P, const Eigen::VectorXd& values);

/// Standard competition ranks (1, 2, 2, 4) of `values` within their groups: equal values share the
/// best rank. `ascending` ranks the lowest value 1. NaN entries get rank 0 and are not counted.
[[nodiscard]] LIBBRANCH_API std::vector<std::uint32_t> competition_ranks(const Eigen::VectorXd& values,
                                                                         const std::vector<std::uint32_t>& group_of,
                                                                         std::size_t groups, bool ascending);

}  // namespace libbranch
