// The value rules of docs/reference/data-format.md §3 for single cells: trimming, UTF-8, integers,
// numbers.
#include <gtest/gtest.h>

#include <string>

#include "../../libbranch/src/io/cell.hpp"

namespace libbranch::detail {
namespace {

TEST(Cell, TrimDropsSpacesTabsNoBreakAndIdeographicSpaces) {
  EXPECT_EQ(trim("  a b \t"), "a b");
  EXPECT_EQ(trim("\xC2\xA0\xE3\x80\x80x\xE3\x80\x80"), "x");
  EXPECT_EQ(trim("\xE3\x80\x80"), "");
  EXPECT_EQ(trim("\xE6\xB3\x95"), "\xE6\xB3\x95");  // 法 is not white space
  EXPECT_EQ(trim(""), "");
}

TEST(Cell, BlankLines) {
  EXPECT_TRUE(is_blank(""));
  EXPECT_TRUE(is_blank(" \t\xE3\x80\x80\r"));
  EXPECT_FALSE(is_blank(",,"));
}

TEST(Cell, Utf8) {
  EXPECT_TRUE(is_valid_utf8("党支部 abc"));
  EXPECT_FALSE(is_valid_utf8("\xB5\xB3"));        // 党 in GBK
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));        // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));    // a surrogate
  EXPECT_FALSE(is_valid_utf8("\xE6\xB3"));        // cut short
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));  // 😀
}

TEST(Cell, IntegersAreDigitsWithAnOptionalMinusAndFitIn64Bits) {
  std::int64_t v = 0;
  EXPECT_EQ(parse_integer("12", v), ParseStatus::ok);
  EXPECT_EQ(v, 12);
  EXPECT_EQ(parse_integer("-7", v), ParseStatus::ok);
  EXPECT_EQ(v, -7);
  EXPECT_EQ(parse_integer("9223372036854775807", v), ParseStatus::ok);
  EXPECT_EQ(v, 9223372036854775807);
  EXPECT_EQ(parse_integer("-9223372036854775808", v), ParseStatus::ok);
  EXPECT_EQ(parse_integer("9223372036854775808", v), ParseStatus::out_of_range);
  for (const char* bad : {"3.0", "+3", "1e3", "", "-", "1 2", "0x10", "١٢"})
    EXPECT_EQ(parse_integer(bad, v), ParseStatus::malformed) << bad;
}

TEST(Cell, NumbersFollowTheSpecPatternAndMustBeFinite) {
  double v = 0;
  EXPECT_EQ(parse_number("0.25", v), ParseStatus::ok);
  EXPECT_EQ(v, 0.25);
  EXPECT_EQ(parse_number("-12", v), ParseStatus::ok);
  EXPECT_EQ(v, -12.0);
  EXPECT_EQ(parse_number("1e+05", v), ParseStatus::ok);
  EXPECT_EQ(v, 100000.0);
  EXPECT_EQ(parse_number("2.5E-1", v), ParseStatus::ok);
  EXPECT_EQ(v, 0.25);
  EXPECT_EQ(parse_number("1e-400", v), ParseStatus::ok);  // finite, rounds to 0
  EXPECT_EQ(v, 0.0);
  EXPECT_EQ(parse_number("0." + std::string(400, '0') + "1", v), ParseStatus::ok);  // about 1e-401
  EXPECT_EQ(v, 0.0);
  EXPECT_EQ(parse_number(std::string(400, '0') + "1e-330", v), ParseStatus::ok);
  EXPECT_EQ(v, 0.0);
  EXPECT_EQ(parse_number("1e999", v), ParseStatus::out_of_range);
  EXPECT_EQ(parse_number("0.001e400", v), ParseStatus::out_of_range);
  for (const char* bad : {"1.", ".5", "+1", "1,5", "abc", "nan", "inf", "1e", "1e+", "", "-", "0x1p3", "1.5.2"})
    EXPECT_EQ(parse_number(bad, v), ParseStatus::malformed) << bad;
}

}  // namespace
}  // namespace libbranch::detail
