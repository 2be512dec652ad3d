#pragma once
// The two passes the ranking methods make over a decision matrix, for either storage order:
// column statistics (min, max, Σx²; finiteness), then one pass over the rows. Large matrices are
// split into row blocks over the TBB threads.
#include <cmath>
#include <limits>
#include <vector>

#include <Eigen/Core>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_reduce.h>

#include <libbranch/error.hpp>

#include "checks.hpp"

namespace libbranch::detail {

struct ColumnStats {
  Eigen::ArrayXd min, max, sum_squares;
  bool finite = true;

  explicit ColumnStats(Eigen::Index n)
      : min(Eigen::ArrayXd::Constant(n, std::numeric_limits<double>::infinity())),
        max(Eigen::ArrayXd::Constant(n, -std::numeric_limits<double>::infinity())),
        sum_squares(Eigen::ArrayXd::Zero(n)) {}
  void merge(const ColumnStats& o) {
    min = min.min(o.min);
    max = max.max(o.max);
    sum_squares += o.sum_squares;
    finite = finite && o.finite;
  }
};

// Rows per task: big enough that scheduling costs nothing next to the arithmetic.
inline constexpr Eigen::Index kRowGrain = 16384;

template <class M>
ColumnStats column_stats(const M& X) {
  const Eigen::Index n = X.cols();
  auto block = [&](const oneapi::tbb::blocked_range<Eigen::Index>& r, ColumnStats s) {
    if constexpr (M::IsRowMajor) {
      // Row by row: contiguous reads, n-wide vector updates.
      for (Eigen::Index i = r.begin(); i < r.end(); ++i) {
        const Eigen::Map<const Eigen::ArrayXd> row(X.data() + i * X.outerStride(), n);
        s.min = s.min.min(row);
        s.max = s.max.max(row);
        s.sum_squares += row.square();
      }
    } else {
      const auto rows = X.middleRows(r.begin(), r.end() - r.begin());
      s.min = s.min.min(rows.colwise().minCoeff().transpose().array());
      s.max = s.max.max(rows.colwise().maxCoeff().transpose().array());
      s.sum_squares += rows.colwise().squaredNorm().transpose().array();
    }
    return s;
  };
  ColumnStats stats = oneapi::tbb::parallel_reduce(
      oneapi::tbb::blocked_range<Eigen::Index>(0, X.rows(), kRowGrain), ColumnStats(n), block,
      [](ColumnStats a, const ColumnStats& b) {
        a.merge(b);
        return a;
      });
  // Σx² is +inf or NaN exactly when some cell is not finite (or overflows): find the first such
  // cell for the message only then, so the common case costs no extra pass.
  stats.finite = stats.sum_squares.allFinite();
  if (!stats.finite) require_finite(X, "X");
  if (!stats.finite) throw AnalyticsError("X", "squares of the values overflow");
  return stats;
}

/// body(i) for every row, in row blocks over the TBB threads. Bodies read X(i, j) with j inner:
/// contiguous for row-major data; for column-major data n sequential streams, which the
/// hardware prefetchers follow.
template <class M, class Body>
void for_rows(const M& X, Body body) {
  oneapi::tbb::parallel_for(oneapi::tbb::blocked_range<Eigen::Index>(0, X.rows(), kRowGrain),
                            [&](const oneapi::tbb::blocked_range<Eigen::Index>& r) {
                              for (Eigen::Index i = r.begin(); i < r.end(); ++i) body(i);
                            });
}

/// What every ranking method checks and computes first: a non-empty matrix, one weight and one
/// direction per column, and the column statistics.
struct DecisionMatrix {
  Eigen::Index rows = 0;
  Eigen::Index columns = 0;
  std::vector<Direction> directions;
  ColumnStats stats;
};
template <class M>
DecisionMatrix decision_matrix(const M& X, const Eigen::VectorXd& weights, const std::vector<Direction>& directions) {
  if (X.rows() < 1) throw AnalyticsError("X", "has no rows (alternatives)");
  if (X.cols() < 1) throw AnalyticsError("X", "has no columns (criteria)");
  require_weights(weights, X.cols());
  return {X.rows(), X.cols(), directions_for(directions, X.cols()), column_stats(X)};
}

}  // namespace libbranch::detail
