#include "period_args.hpp"

#include <charconv>

namespace branchscore {
namespace {

using libbranch::Date;
using libbranch::Period;

std::optional<int> whole_number(std::string_view text, int low, int high) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < low || value > high) return std::nullopt;
  return value;
}

// Months first_month … first_month + months - 1 of `year`.
Period months_of(int year, int first_month, int months) {
  const int last_month = first_month + months - 1;
  return {Date::from_ymd(year, first_month, 1), Date::from_ymd(year, last_month, libbranch::days_in_month(year, last_month))};
}

// "H1", "Q3", "07" after "YYYY-".
std::optional<Period> part_of_year(int year, std::string_view part) {
  if (part.size() == 2 && (part[0] == 'H' || part[0] == 'h')) {
    if (const auto half = whole_number(part.substr(1), 1, 2)) return months_of(year, 6 * (*half - 1) + 1, 6);
  } else if (part.size() == 2 && (part[0] == 'Q' || part[0] == 'q')) {
    if (const auto quarter = whole_number(part.substr(1), 1, 4)) return months_of(year, 3 * (*quarter - 1) + 1, 3);
  } else if (part.size() == 2) {
    if (const auto month = whole_number(part, 1, 12)) return months_of(year, *month, 1);
  }
  return std::nullopt;
}

}  // namespace

std::optional<Period> explicit_period(const PeriodArgs& args) {
  if (args.year) return Period::calendar_year(*args.year);
  if (args.from.empty()) return std::nullopt;
  return Period{*Date::parse(args.from), *Date::parse(args.to)};
}

bool reversed(const PeriodArgs& args) {
  return !args.from.empty() && *Date::parse(args.to) < *Date::parse(args.from);
}

std::optional<Period> parse_period(std::string_view text) {
  if (const auto dots = text.find(".."); dots != std::string_view::npos) {
    const auto from = Date::parse(text.substr(0, dots));
    const auto to = Date::parse(text.substr(dots + 2));
    if (!from || !to || *to < *from) return std::nullopt;
    return Period{*from, *to};
  }
  if (text.size() < 4) return std::nullopt;
  const auto year = whole_number(text.substr(0, 4), 1, 9999);
  if (!year) return std::nullopt;
  if (text.size() == 4) return Period::calendar_year(*year);
  if (text[4] != '-') return std::nullopt;
  return part_of_year(*year, text.substr(5));
}

}  // namespace branchscore
