#pragma once
// A metric: a number computed for every branch over a period, in one batch call.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include <libbranch/dataset.hpp>
#include <libbranch/export.hpp>
#include <libbranch/model/date.hpp>
#include <libbranch/params.hpp>

namespace libbranch {

/// Whether more is better (`benefit`) or less is better (`cost`).
enum class Direction : std::uint8_t { benefit, cost };
[[nodiscard]] LIBBRANCH_API const char* to_string(Direction d);

/// The batch function of a metric: one value per branch (NaN = no defined value), in branch order.
/// `params` holds only declared parameters, already checked against their domains.
using MetricFunction = std::function<Eigen::VectorXd(const Dataset&, const Period&, const Params&)>;

/// A metric and its documentation (docs/reference/metrics.md).
struct LIBBRANCH_API Metric {
  std::string id;         ///< `<standard>.<name>`, or `obs.<indicator>`
  std::string label_zh;   ///< e.g. 普法宣传教育次数
  std::string label_en;   ///< e.g. legal education sessions
  std::string unit;       ///< e.g. `count`, `share`, `months`, `yuan/member`
  Direction direction = Direction::benefit;
  std::string summary;    ///< one sentence starting with a verb: "Counts …"
  std::vector<ParamSpec> params{};  ///< none by default; `{}` so that designated initialisers may omit it
  MetricFunction compute;

  [[nodiscard]] const ParamSpec* param(std::string_view name) const;
  /// The standard (the part of the id before the first dot).
  [[nodiscard]] std::string_view standard() const;
};

/// Runs `body(begin, end)` over chunks of [0, n) on the engine's threads (oneTBB). Each index is
/// handled by exactly one call, so a metric that writes out[b] for b in its chunk needs no locks
/// and gives bitwise identical results for any thread count.
LIBBRANCH_API void parallel_for_branches(std::size_t n, const std::function<void(std::size_t begin,
                                         std::size_t end)>& body);

/// Fills a column by evaluating `value(b)` for every branch b in parallel.
template <class F>
[[nodiscard]] Eigen::VectorXd per_branch(const Dataset& ds, F&& value) {
  Eigen::VectorXd out(static_cast<Eigen::Index>(ds.branch_count()));
  parallel_for_branches(ds.branch_count(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t b = begin; b < end; ++b) out[static_cast<Eigen::Index>(b)] = value(static_cast<std::uint32_t>(b));
  });
  return out;
}

}  // namespace libbranch
