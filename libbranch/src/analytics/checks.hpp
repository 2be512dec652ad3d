#pragma once
// Argument checks shared by the weights and ranking functions: each failure is an AnalyticsError
// naming the argument and the cell, so that a user can find the value in a spreadsheet.
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include <Eigen/Core>

#include <libbranch/error.hpp>
#include <libbranch/metric.hpp>

namespace libbranch::detail {

/// The shortest text that reads back as x (as the result files write numbers): 0.333, 3, 1e-05.
inline std::string number(double x) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(x);
}

/// "X[3][1]" (0-based, as numpy prints indices).
inline std::string cell(const std::string& name, Eigen::Index i, Eigen::Index j) {
  return name + "[" + std::to_string(i) + "][" + std::to_string(j) + "]";
}
inline std::string element(const std::string& name, Eigen::Index i) { return name + "[" + std::to_string(i) + "]"; }

/// Every entry finite (NaN would spread silently through every formula).
template <class M>
void require_finite(const M& x, const std::string& name) {
  for (Eigen::Index i = 0; i < x.rows(); ++i)
    for (Eigen::Index j = 0; j < x.cols(); ++j)
      if (!std::isfinite(x(i, j))) throw AnalyticsError(cell(name, i, j), "is not a finite number");
}

/// The directions, or all benefit when none are given; the count must match the columns.
inline std::vector<Direction> directions_for(const std::vector<Direction>& given, Eigen::Index columns) {
  if (given.empty()) return std::vector<Direction>(static_cast<std::size_t>(columns), Direction::benefit);
  if (static_cast<Eigen::Index>(given.size()) != columns)
    throw AnalyticsError("directions", "has " + std::to_string(given.size()) + " entries for " +
                                           std::to_string(columns) + " columns");
  return given;
}

/// Weights: one per column, finite, non-negative, not all zero. They are used as given (not
/// renormalised): TOPSIS and VIKOR are invariant to a common factor, a weighted sum is not.
inline void require_weights(const Eigen::VectorXd& w, Eigen::Index columns) {
  if (w.size() != columns)
    throw AnalyticsError("weights", "has " + std::to_string(w.size()) + " entries for " + std::to_string(columns) +
                                        " columns");
  for (Eigen::Index j = 0; j < w.size(); ++j)
    if (!std::isfinite(w[j]) || w[j] < 0) throw AnalyticsError(element("weights", j), "must be a finite number ≥ 0");
  if (columns > 0 && w.sum() <= 0) throw AnalyticsError("weights", "are all zero");
}

}  // namespace libbranch::detail
