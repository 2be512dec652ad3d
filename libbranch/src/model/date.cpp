#include <libbranch/model/date.hpp>

#include <array>

namespace libbranch {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days: exact for the whole int32 range we use.
constexpr std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

// In 64 bits: any int32 day number (a corrupted archive can hold one) must not overflow.
constexpr Date::Ymd civil_from_days(std::int32_t day_number) {
  const std::int64_t z = std::int64_t{day_number} + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400);
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), static_cast<int>(m), static_cast<int>(d)};
}

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2000, 3, 1) == 11017);

// Loading reads millions of dates of 1900–2099: their day numbers come from two small tables.
constexpr int kFirstTableYear = 1900, kTableYears = 200;
constexpr auto kYearStart = [] {
  std::array<std::int32_t, kTableYears> days{};
  for (int i = 0; i < kTableYears; ++i) days[static_cast<std::size_t>(i)] = days_from_civil(kFirstTableYear + i, 1, 1);
  return days;
}();
constexpr std::array<std::array<std::int32_t, 12>, 2> kMonthStart{{
    {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334},
    {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335},
}};

}  // namespace

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

Date Date::from_ymd(int year, int month, int day) {
  const int in_table = year - kFirstTableYear;
  if (in_table >= 0 && in_table < kTableYears && month >= 1 && month <= 12)
    return Date(kYearStart[static_cast<std::size_t>(in_table)] +
                kMonthStart[is_leap_year(year)][static_cast<std::size_t>(month - 1)] + day - 1);
  return Date(days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  // Loading parses millions of dates: eight digit tests, no loops.
  unsigned digits[8];
  constexpr std::size_t kAt[8] = {0, 1, 2, 3, 5, 6, 8, 9};
  bool ok = true;
  for (std::size_t i = 0; i < 8; ++i) {
    digits[i] = static_cast<unsigned>(static_cast<unsigned char>(text[kAt[i]]) - '0');
    ok &= digits[i] <= 9;
  }
  if (!ok) return std::nullopt;
  const int y = static_cast<int>(digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]);
  const int m = static_cast<int>(digits[4] * 10 + digits[5]);
  const int d = static_cast<int>(digits[6] * 10 + digits[7]);
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return from_ymd(y, m, d);
}

Date::Ymd Date::ymd() const { return civil_from_days(days_); }

std::string Date::to_string() const {
  if (is_none()) return {};
  const Ymd v = ymd();
  std::string out(10, '0');
  auto put = [&out](std::size_t at, int value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10) out[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
  };
  put(0, v.year, 4);
  out[4] = '-';
  put(5, v.month, 2);
  out[7] = '-';
  put(8, v.day, 2);
  return out;
}

Date Date::plus_years(int years) const {
  const Ymd v = ymd();
  const int y = v.year + years;
  const int d = (v.month == 2 && v.day == 29 && !is_leap_year(y)) ? 28 : v.day;
  return from_ymd(y, v.month, d);
}

Period Period::calendar_year(int year) { return {Date::from_ymd(year, 1, 1), Date::from_ymd(year, 12, 31)}; }

}  // namespace libbranch
