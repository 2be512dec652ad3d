#pragma once
// Shared, header-only helpers for the standard plugins, in the notation of SPEC §4 (the count and
// coverage metrics read the core's shared ActivityTally, <libbranch/activity_tally.hpp>):
// A(k) (a branch's activities of some kinds dated in the period), |A(k)|, sums over A(k),
// months / quarters covered, N(d), F(d) and N̄. Each helper walks one branch's CSR rows once,
// in file order, and allocates nothing per activity; kind sets are bit masks resolved at compile
// time, so the loops do no string lookups.
//
// Sums follow SPEC §4: an absent cell counts as 0 and terms are accumulated in file order as
// doubles, so results are bitwise independent of the thread count.
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <vector>

#include <libbranch/activity_tally.hpp>
#include <libbranch/dataset.hpp>
#include <libbranch/metric.hpp>
#include <libbranch/model/date.hpp>

namespace libbranch::plugins {

static_assert(kBuiltinKindCount <= 64, "KindSet holds the built-in kinds in one 64-bit mask");

/// A set of built-in activity kinds; custom kinds (codes ≥ kFirstCustomKind) never belong to it.
class KindSet {
 public:
  constexpr KindSet() = default;
  constexpr KindSet(std::initializer_list<ActivityKind> kinds) {
    for (ActivityKind k : kinds) bits_ |= std::uint64_t{1} << code(k);
  }
  [[nodiscard]] constexpr bool contains(KindCode k) const {
    return k < kBuiltinKindCount && ((bits_ >> k) & 1u) != 0;
  }
  [[nodiscard]] constexpr bool empty() const { return bits_ == 0; }
  /// Bit k = built-in kind code k (the kind masks of ActivityTally).
  [[nodiscard]] constexpr std::uint64_t bits() const { return bits_; }

 private:
  std::uint64_t bits_ = 0;
};

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

/// N(d): party members of branch `b` on day `d` (SPEC §2), over the branch's rows of members.csv.
[[nodiscard]] inline std::int64_t members_on(const Dataset& ds, std::uint32_t b, Date d) {
  const MemberTable& m = ds.members();
  const RowRange rows = ds.members_of(b);
  std::int64_t n = 0;
  for (std::uint32_t r = rows.begin; r < rows.end; ++r)
    if (m.is_member_on(r, d)) ++n;
  return n;
}

/// F(d): formal members (正式党员) of branch `b` on day `d`.
[[nodiscard]] inline std::int64_t formal_members_on(const Dataset& ds, std::uint32_t b, Date d) {
  const MemberTable& m = ds.members();
  const RowRange rows = ds.members_of(b);
  std::int64_t n = 0;
  for (std::uint32_t r = rows.begin; r < rows.end; ++r)
    if (m.is_formal_member_on(r, d)) ++n;
  return n;
}

/// N(from) and N(to) of one branch, counted in one pass.
struct MemberCounts {
  std::int64_t at_from = 0;
  std::int64_t at_to = 0;
  /// N̄ = (N(from) + N(to)) / 2, exact for any realistic count.
  [[nodiscard]] double mean() const {
    return (static_cast<double>(at_from) + static_cast<double>(at_to)) / 2.0;
  }
};
[[nodiscard]] inline MemberCounts member_counts(const Dataset& ds, std::uint32_t b, const Period& period) {
  const MemberTable& m = ds.members();
  const RowRange rows = ds.members_of(b);
  MemberCounts c;
  for (std::uint32_t r = rows.begin; r < rows.end; ++r) {
    if (m.is_member_on(r, period.from)) ++c.at_from;
    if (m.is_member_on(r, period.to)) ++c.at_to;
  }
  return c;
}

/// N̄ = (N(from) + N(to)) / 2.
[[nodiscard]] inline double mean_members(const Dataset& ds, std::uint32_t b, const Period& period) {
  return member_counts(ds, b, period).mean();
}

/// `numerator / N̄`, NaN when N̄ = 0 (the "per member" metrics of SPEC §4).
[[nodiscard]] inline double per_mean_member(double numerator, double mean_members) {
  return mean_members == 0.0 ? std::nan("") : numerator / mean_members;
}

enum class CalendarUnit : std::uint8_t { month, quarter };

/// Counts distinct calendar units — (year, month) or (year, quarter) pairs — among the dates of
/// A(kinds) ("months covered", "quarters covered"; a period longer than a year can exceed 12 or 4).
/// Build it once per metric call (outside the per-branch loop); `count` uses a bitset over the
/// units the period spans: on the stack for spans up to 1024 units, else a per-thread buffer.
class CoverageCounter {
 public:
  CoverageCounter(const Period& period, CalendarUnit unit) : period_(period), unit_(unit) {
    if (period.from.is_none() || period.to.is_none() || period.to < period.from) return;
    first_ = index(period.from);
    span_ = index(period.to) - first_ + 1;
  }

  /// The number of distinct units covered by A(kinds) of branch `b`.
  [[nodiscard]] std::int64_t count(const Dataset& ds, std::uint32_t b, KindSet kinds) const {
    if (span_ <= 0) return 0;
    const auto words = static_cast<std::size_t>((span_ + 63) / 64);
    constexpr std::size_t kStackWords = 16;
    std::uint64_t local[kStackWords];
    std::uint64_t* seen = local;
    if (words <= kStackWords) {
      for (std::size_t w = 0; w < words; ++w) local[w] = 0;
    } else {
      thread_local std::vector<std::uint64_t> scratch;
      scratch.assign(words, 0);
      seen = scratch.data();
    }
    const ActivityTable& t = ds.activities();
    const RowRange rows = ds.activities_of(b);
    std::int64_t distinct = 0;
    for (std::uint32_t r = rows.begin; r < rows.end; ++r) {
      if (!in_a(t, r, period_, kinds)) continue;
      const auto i = static_cast<std::uint64_t>(index(t.date[r]) - first_);
      const std::uint64_t bit = std::uint64_t{1} << (i % 64);
      std::uint64_t& word = seen[i / 64];
      if ((word & bit) == 0) {
        word |= bit;
        ++distinct;
      }
    }
    return distinct;
  }

 private:
  [[nodiscard]] std::int64_t index(Date d) const {
    const Date::Ymd v = d.ymd();
    return unit_ == CalendarUnit::month ? std::int64_t{v.year} * 12 + (v.month - 1)
                                        : std::int64_t{v.year} * 4 + (v.month - 1) / 3;
  }

  Period period_;
  CalendarUnit unit_;
  std::int64_t first_ = 0;
  std::int64_t span_ = 0;
};

/// The batch function of a metric |A(kinds)|, read from the shared activity tally (one pass over
/// the activities for all such metrics of a score; counts are exact integers, so the result is the
/// same as count_activities() gives).
[[nodiscard]] inline MetricFunction count_function(KindSet kinds) {
  return [kinds](const Dataset& ds, const Period& period, const Params&) {
    const std::shared_ptr<const ActivityTally> tally = activity_tally(ds, period);
    return per_branch(ds, [&](std::uint32_t b) { return static_cast<double>(tally->count(b, kinds.bits())); });
  };
}

/// The batch function of a metric "months covered" / "quarters covered" by A(kinds): from the
/// shared tally's month masks, or, for a period of more than ActivityTally::kMaxMonths months, by
/// walking the activities (CoverageCounter).
[[nodiscard]] inline MetricFunction coverage_function(KindSet kinds, CalendarUnit unit) {
  return [kinds, unit](const Dataset& ds, const Period& period, const Params&) {
    const std::shared_ptr<const ActivityTally> tally = activity_tally(ds, period);
    if (!tally->has_months()) {
      const CoverageCounter counter(period, unit);
      return per_branch(ds, [&](std::uint32_t b) { return static_cast<double>(counter.count(ds, b, kinds)); });
    }
    return per_branch(ds, [&](std::uint32_t b) {
      return static_cast<double>(unit == CalendarUnit::month ? tally->months_covered(b, kinds.bits())
                                                             : tally->quarters_covered(b, kinds.bits()));
    });
  };
}

}  // namespace libbranch::plugins
