#pragma once
// 活动台账: per branch and built-in activity kind, how many activities fall in a period and in
// which of its months — one pass over the activities that the counting and coverage metrics share
// (the fused metric pass), instead of one pass each.
#include <cstdint>
#include <memory>
#include <vector>

#include <libbranch/dataset.hpp>
#include <libbranch/export.hpp>
#include <libbranch/model/activity_kind.hpp>
#include <libbranch/model/date.hpp>

namespace libbranch {

/// Counts and month coverage of A(k) (docs/reference/metrics.md §1.2) for every branch and built-in
/// kind k. Custom kinds are not tallied. Kind sets are 64-bit masks: bit k = built-in kind code k.
class LIBBRANCH_API ActivityTally {
 public:
  /// Periods of at most this many calendar months carry month masks.
  static constexpr int kMaxMonths = 64;

  /// One pass over the activities of `ds`, in parallel over branches.
  ActivityTally(const Dataset& ds, const Period& period);

  /// |A(kinds)| of branch `b`.
  [[nodiscard]] std::int64_t count(std::uint32_t b, std::uint64_t kinds) const;
  /// Whether month masks are kept: the period is valid and spans at most kMaxMonths months.
  [[nodiscard]] bool has_months() const noexcept { return month_span_ > 0; }
  /// Months of the period covered by A(kinds) of branch `b`: bit i = the i-th calendar month of the
  /// period (its first month is bit 0). Only when has_months().
  [[nodiscard]] std::uint64_t months(std::uint32_t b, std::uint64_t kinds) const;
  /// Distinct (year, month) pairs covered by A(kinds); only when has_months().
  [[nodiscard]] std::int64_t months_covered(std::uint32_t b, std::uint64_t kinds) const;
  /// Distinct (year, quarter) pairs covered by A(kinds); only when has_months().
  [[nodiscard]] std::int64_t quarters_covered(std::uint32_t b, std::uint64_t kinds) const;

  [[nodiscard]] const Period& period() const noexcept { return period_; }
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return counts_.capacity() * sizeof(counts_[0]) + masks_.capacity() * sizeof(masks_[0]);
  }

 private:
  void tally_branch(const Dataset& ds, std::uint32_t b, const std::vector<std::uint8_t>& month_of_day);

  Period period_;
  std::int64_t first_month_ = 0;  // year * 12 + month - 1 of period.from
  int month_span_ = 0;            // 0: no month masks
  std::vector<std::uint32_t> counts_;  // branch-major: counts_[b * kBuiltinKindCount + k]
  std::vector<std::uint64_t> masks_;   // same layout; empty without month masks
};

/// The tally of `ds` over `period`. Inside the scoring of a part (ScoreBuilder::add), every metric
/// gets the same tally, built by the first one that asks; elsewhere each call builds its own.
[[nodiscard]] LIBBRANCH_API std::shared_ptr<const ActivityTally> activity_tally(const Dataset& ds,
                                                                                const Period& period);

/// While alive, activity_tally(ds, period) builds the tally once and shares it (thread-safe).
class LIBBRANCH_API SharedTallyScope {
 public:
  SharedTallyScope(const Dataset& ds, const Period& period);
  ~SharedTallyScope();
  SharedTallyScope(const SharedTallyScope&) = delete;
  SharedTallyScope& operator=(const SharedTallyScope&) = delete;

 private:
  const Dataset* ds_;
  Period period_;
};

}  // namespace libbranch
