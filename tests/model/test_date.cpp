// Dates as day numbers and the calendar rules of docs/reference/metrics.md §9.
#include <gtest/gtest.h>

#include <libbranch/model/date.hpp>

namespace libbranch {
namespace {

Date d(const char* text) { return *Date::parse(text); }

TEST(Date, DayNumbersCountFromTheEpoch) {
  EXPECT_EQ(d("1970-01-01").days(), 0);
  EXPECT_EQ(d("1970-01-02").days(), 1);
  EXPECT_EQ(d("1969-12-31").days(), -1);
  EXPECT_EQ(d("2000-03-01").days(), 11017);  // 30 years of 365 days + 7 leap days + Jan + Feb 2000 (60 days)
  EXPECT_EQ(d("2025-01-01").days() - d("2024-01-01").days(), 366);
}

// Counting days one by one from 1899-12-31 (day −25568) to 2101-01-01 crosses the edges of the
// table from_ymd uses for 1900–2099 and of every month and leap year in between.
TEST(Date, EveryDayFrom1900To2100HasTheNextDayNumber) {
  int year = 1899, month = 12, day = 31;
  for (std::int32_t n = -25568; year <= 2101 && !(year == 2101 && month > 1); ++n) {
    ASSERT_EQ(Date::from_ymd(year, month, day).days(), n) << year << "-" << month << "-" << day;
    const Date::Ymd back = Date(n).ymd();
    ASSERT_EQ(back.year * 10000 + back.month * 100 + back.day, year * 10000 + month * 100 + day) << n;
    if (++day > days_in_month(year, month)) {
      day = 1;
      if (++month > 12) {
        month = 1;
        ++year;
      }
    }
  }
}

TEST(Date, ParsesOnlyRealCalendarDaysInTheExactForm) {
  EXPECT_TRUE(Date::parse("2024-02-29"));
  EXPECT_TRUE(Date::parse("2000-02-29"));
  EXPECT_FALSE(Date::parse("2025-02-29"));
  EXPECT_FALSE(Date::parse("1900-02-29"));
  EXPECT_FALSE(Date::parse("2025-13-01"));
  EXPECT_FALSE(Date::parse("2025-00-10"));
  EXPECT_FALSE(Date::parse("2025-04-31"));
  EXPECT_FALSE(Date::parse("2025-1-05"));
  EXPECT_FALSE(Date::parse("20250105"));
  EXPECT_FALSE(Date::parse("2025/01/05"));
  EXPECT_FALSE(Date::parse(" 2025-01-05"));
  EXPECT_FALSE(Date::parse("2025-01-0a"));
  EXPECT_FALSE(Date::parse(""));
}

TEST(Date, RoundTripsThroughText) {
  for (const char* text : {"1900-03-01", "1949-10-01", "2024-02-29", "2025-12-31", "0001-01-01", "9999-12-31"})
    EXPECT_EQ(d(text).to_string(), text);
  EXPECT_EQ(Date::none().to_string(), "");
}

TEST(Date, FieldsAndQuarters) {
  const Date x = d("2025-08-17");
  EXPECT_EQ(x.year(), 2025);
  EXPECT_EQ(x.month(), 8);
  EXPECT_EQ(x.quarter(), 3);
  EXPECT_EQ(d("2025-03-31").quarter(), 1);
  EXPECT_EQ(d("2025-04-01").quarter(), 2);
  EXPECT_EQ(d("2025-12-01").quarter(), 4);
}

TEST(Date, PlusYearsKeepsMonthAndDayAndFoldsLeapDay) {
  EXPECT_EQ(d("2024-02-29").plus_years(1), d("2025-02-28"));
  EXPECT_EQ(d("2024-02-29").plus_years(4), d("2028-02-29"));
  EXPECT_EQ(d("2024-02-29").plus_years(76), d("2100-02-28"));  // 2100 is not a leap year
  EXPECT_EQ(d("2024-02-29").plus_years(100), d("2124-02-29"));
  EXPECT_EQ(d("2023-03-01").plus_years(1), d("2024-03-01"));
  EXPECT_EQ(d("2025-12-31").plus_years(3), d("2028-12-31"));
  EXPECT_EQ(d("2025-06-15").plus_years(-5), d("2020-06-15"));
}

TEST(Date, ExtremeDayNumbersDoNotOverflow) {
  // 2^31 - 1 days is about 5.88 million years after 1970.
  EXPECT_GT(Date(INT32_MAX).year(), 5000000);
  EXPECT_LT(Date(INT32_MIN + 1).year(), -5000000);
}

TEST(Date, NoneComparesBelowEveryDate) {
  EXPECT_TRUE(Date::none().is_none());
  EXPECT_LT(Date::none(), d("0001-01-01"));
  EXPECT_FALSE(d("2025-01-01").is_none());
}

TEST(Period, CalendarYearIncludesBothEnds) {
  const Period p = Period::calendar_year(2025);
  EXPECT_TRUE(p.contains(d("2025-01-01")));
  EXPECT_TRUE(p.contains(d("2025-12-31")));
  EXPECT_FALSE(p.contains(d("2024-12-31")));
  EXPECT_FALSE(p.contains(d("2026-01-01")));
  EXPECT_FALSE(p.contains(Date::none()));
}

}  // namespace
}  // namespace libbranch
