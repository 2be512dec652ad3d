#pragma once
// Calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian).
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <libbranch/export.hpp>

namespace libbranch {

/// A calendar day. Stored as a day number so that comparisons and day arithmetic are integer
/// operations; `Date::none()` marks an absent date in columns.
class LIBBRANCH_API Date {
 public:
  static constexpr std::int32_t kNone = INT32_MIN;

  constexpr Date() = default;
  constexpr explicit Date(std::int32_t day_number) : days_(day_number) {}

  /// The absent date; compares below every real date.
  static constexpr Date none() { return Date(kNone); }
  /// From year, month (1–12), day (1–31); the caller guarantees a valid calendar date.
  static Date from_ymd(int year, int month, int day);
  /// Parses `YYYY-MM-DD` (exactly four, two and two digits, a real calendar day); nullopt otherwise.
  static std::optional<Date> parse(std::string_view text);

  [[nodiscard]] constexpr bool is_none() const { return days_ == kNone; }
  [[nodiscard]] constexpr std::int32_t days() const { return days_; }

  struct Ymd {
    int year;
    int month;
    int day;
  };
  [[nodiscard]] Ymd ymd() const;
  [[nodiscard]] int year() const { return ymd().year; }
  [[nodiscard]] int month() const { return ymd().month; }
  /// 1–4: Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec.
  [[nodiscard]] int quarter() const { return (ymd().month - 1) / 3 + 1; }

  /// `YYYY-MM-DD`; empty for none().
  [[nodiscard]] std::string to_string() const;

  /// The same month and day `years` later; 29 February becomes 28 February when the target year
  /// has none (docs/reference/metrics.md §9 "+ n years").
  [[nodiscard]] Date plus_years(int years) const;
  [[nodiscard]] constexpr Date plus_days(std::int32_t n) const { return Date(days_ + n); }

  friend constexpr auto operator<=>(Date, Date) = default;

 private:
  std::int32_t days_ = kNone;
};

[[nodiscard]] constexpr bool is_leap_year(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}
[[nodiscard]] LIBBRANCH_API int days_in_month(int year, int month);

/// Inclusive evaluation window [from, to] (考评期).
struct LIBBRANCH_API Period {
  Date from;
  Date to;
  [[nodiscard]] constexpr bool contains(Date d) const { return !d.is_none() && from <= d && d <= to; }
  /// [Y-01-01, Y-12-31]
  static Period calendar_year(int year);
};

}  // namespace libbranch
