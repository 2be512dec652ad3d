#pragma once
// Plugin SDK: "months covered" / "quarters covered" by A(k), counted by walking one branch's
// activities (the fallback of coverage_function for periods the shared tally does not hold).
// Part of <libbranch/plugin_sdk.hpp>.
#include <cstddef>
#include <cstdint>
#include <vector>

#include <libbranch/dataset.hpp>
#include <libbranch/model/date.hpp>
#include <libbranch/sdk/activity_sums.hpp>
#include <libbranch/sdk/kind_set.hpp>

namespace libbranch::plugins {

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

}  // namespace libbranch::plugins
