// The value rules of docs/reference/data-format.md §3 for single cells: trimming, UTF-8, integers,
// numbers.
#include <gtest/gtest.h>

#include <bit>
#include <charconv>
#include <cstring>
#include <random>
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

// parse_integer and parse_number take a shortcut for short plain numbers (the usual counts,
// hours and amounts); whatever the path, the value must be from_chars's, bit for bit.
TEST(Cell, ShortNumbersGiveFromCharsValuesBitForBit) {
  std::mt19937_64 random(20261208);
  auto digits = [&](std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += static_cast<char>('0' + random() % 10);
    return out;
  };
  for (int trial = 0; trial < 200000; ++trial) {
    const std::size_t int_digits = 1 + random() % 12, frac_digits = random() % 9;
    std::string text = (random() % 4 == 0 ? "-" : "") + digits(int_digits);
    if (frac_digits > 0) text += "." + digits(frac_digits);
    double expected = 0, got = 0;
    ASSERT_EQ(std::from_chars(text.data(), text.data() + text.size(), expected).ec, std::errc()) << text;
    ASSERT_EQ(parse_number(text, got), ParseStatus::ok) << text;
    ASSERT_EQ(std::bit_cast<std::uint64_t>(got), std::bit_cast<std::uint64_t>(expected)) << text;
    if (frac_digits > 0) continue;
    std::int64_t integer = 0, expected_integer = 0;
    ASSERT_EQ(std::from_chars(text.data(), text.data() + text.size(), expected_integer).ec, std::errc()) << text;
    ASSERT_EQ(parse_integer(text, integer), ParseStatus::ok) << text;
    ASSERT_EQ(integer, expected_integer) << text;
  }
  // The edges of the shortcut: 15 significant digits and a sign on zero; 16 and more go the long way.
  for (const char* text : {"999999999999999", "0.999999999999999", "99999999.9999999", "-0", "-0.0", "0.1",
                           "9999999999999999", "0.30000000000000004", "123456789012345678"}) {
    double expected = 0, got = 0;
    std::from_chars(text, text + std::strlen(text), expected);
    ASSERT_EQ(parse_number(text, got), ParseStatus::ok) << text;
    EXPECT_EQ(std::bit_cast<std::uint64_t>(got), std::bit_cast<std::uint64_t>(expected)) << text;
  }
}

}  // namespace
}  // namespace libbranch::detail
