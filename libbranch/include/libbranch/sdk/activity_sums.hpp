#pragma once
// Plugin SDK: counts and sums over A(k) — one branch's activities of some kinds dated in the
// period (docs/reference/metrics.md §1.3). Each helper walks the branch's CSR rows once, in file
// order, and allocates nothing per activity. Sums follow docs/reference/metrics.md §1.3: an absent
// cell counts as 0 and terms are accumulated in file order as doubles, so results are bitwise
// independent of the thread count. Part of <libbranch/plugin_sdk.hpp>.
#include <cmath>
#include <cstddef>
#include <cstdint>

#include <libbranch/dataset.hpp>
#include <libbranch/model/date.hpp>
#include <libbranch/sdk/kind_set.hpp>

namespace libbranch::plugins {

/// Is activity row `r` of one of `kinds` and dated in `period` (i.e. in A(kinds))?
[[nodiscard]] inline bool in_a(const ActivityTable& t, std::uint32_t r, const Period& period, KindSet kinds) {
  return kinds.contains(t.kind[r]) && in_period(t.date, r, period);
}

/// Reads a sparse activity column (amount_yuan, cases, escalated) for increasing rows of one
/// branch without a search per row: start it at the branch's first row, then ask `at(r)` for rows
/// in increasing order.
template <class T>
class SparseCursor {
 public:
  SparseCursor(const SparseColumn<T>& column, std::uint32_t first_row)
      : column_(column), i_(column.lower_bound(first_row)) {}
  /// The value at `row`, or nullptr when the cell is absent. `row` must not decrease between calls.
  [[nodiscard]] const T* at(std::uint32_t row) {
    const std::size_t n = column_.entry_count();
    while (i_ < n && column_.entry_row(i_) < row) ++i_;
    return i_ < n && column_.entry_row(i_) == row ? &column_.entry_value(i_) : nullptr;
  }

 private:
  const SparseColumn<T>& column_;
  std::size_t i_;
};

/// |A(kinds)| for branch `b`.
[[nodiscard]] inline std::int64_t count_activities(const Dataset& ds, std::uint32_t b, const Period& period,
                                                   KindSet kinds) {
  const ActivityTable& t = ds.activities();
  const RowRange rows = ds.activities_of(b);
  std::int64_t n = 0;
  for (std::uint32_t r = rows.begin; r < rows.end; ++r)
    if (in_a(t, r, period, kinds)) ++n;
  return n;
}

/// Σ attendees over A(kinds) (absent attendee count = 0), accumulated in file order as doubles.
[[nodiscard]] inline double sum_attendees(const Dataset& ds, std::uint32_t b, const Period& period, KindSet kinds) {
  const ActivityTable& t = ds.activities();
  const RowRange rows = ds.activities_of(b);
  double sum = 0.0;
  for (std::uint32_t r = rows.begin; r < rows.end; ++r)
    if (in_a(t, r, period, kinds)) sum += static_cast<double>(t.attendees.value_or(r, 0));
  return sum;
}

/// Σ hours · attendees over A(kinds): each term is double(hours) * double(attendees), and a term
/// whose hours or attendee count is absent is 0. Accumulated in file order.
[[nodiscard]] inline double sum_hours_attendees(const Dataset& ds, std::uint32_t b, const Period& period,
                                                KindSet kinds) {
  const ActivityTable& t = ds.activities();
  const RowRange rows = ds.activities_of(b);
  double sum = 0.0;
  for (std::uint32_t r = rows.begin; r < rows.end; ++r) {
    if (!in_a(t, r, period, kinds)) continue;
    const double h = t.hours[r];
    if (std::isnan(h) || !t.attendees.has(r)) continue;  // absent cell: the term is 0
    sum += h * static_cast<double>(t.attendees.value_or(r, 0));
  }
  return sum;
}

}  // namespace libbranch::plugins
