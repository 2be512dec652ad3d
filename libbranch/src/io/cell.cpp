#include "cell.hpp"

#include <charconv>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace libbranch::detail {
namespace {

// Length of the trimmable white space starting at s[i], 0 if none.
std::size_t space_at(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t') return 1;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;
  if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x80)
    return 3;
  return 0;
}

// Length of the trimmable white space ending just before s[end], 0 if none.
std::size_t space_before(std::string_view s, std::size_t end) {
  const auto c = static_cast<unsigned char>(s[end - 1]);
  if (c == ' ' || c == '\t') return 1;
  if (c == 0xA0 && end >= 2 && static_cast<unsigned char>(s[end - 2]) == 0xC2) return 2;
  if (c == 0x80 && end >= 3 && static_cast<unsigned char>(s[end - 2]) == 0x80 &&
      static_cast<unsigned char>(s[end - 3]) == 0xE3)
    return 3;
  return 0;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::size_t skip_digits(std::string_view s, std::size_t i) {
  while (i < s.size() && is_digit(s[i])) ++i;
  return i;
}

// Clinger's fast path for `digits[.digits]` with at most 15 digits: the digits as an integer and
// the power of ten are both exact doubles, so their one correctly rounded quotient is the value
// from_chars would give. Hours and amounts are such numbers; anything else goes to from_chars.
bool exact_decimal(std::string_view s, double& out) {
  static constexpr double kPow10[16] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                        1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  std::uint64_t digits = 0;
  std::size_t count = 0, point = s.size();
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '.') {
      point = i;
      continue;
    }
    digits = digits * 10 + static_cast<std::uint64_t>(s[i] - '0');
    ++count;
  }
  if (count > 15) return false;
  const std::size_t decimals = point == s.size() ? 0 : s.size() - point - 1;
  out = static_cast<double>(digits) / kPow10[decimals];
  return true;
}

// The first byte at or after `i` that is not ASCII, or s.size(); sixteen bytes at a time (SSE2).
std::size_t skip_ascii(std::string_view s, std::size_t i) {
#if defined(__SSE2__)
  while (i + 16 <= s.size() && _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i))) == 0)
    i += 16;
#endif
  std::uint64_t word;
  while (i + 8 <= s.size() && (std::memcpy(&word, s.data() + i, 8), (word & 0x8080808080808080u) == 0)) i += 8;
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

// Length of the valid UTF-8 character starting at s[i] (not ASCII), or 0 when it is not one.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if ((c & 0xF0) == 0xE0 && i + 3 <= s.size()) {  // most of Chinese text: three bytes a character
    const auto c1 = static_cast<unsigned char>(s[i + 1]), c2 = static_cast<unsigned char>(s[i + 2]);
    if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80) return 0;
    const std::uint32_t cp = (std::uint32_t{c & 0x0Fu} << 12) | (std::uint32_t{c1 & 0x3Fu} << 6) | (c2 & 0x3Fu);
    return cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF) ? 0 : 3;
  }
  std::size_t len;
  std::uint32_t cp;
  if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  static constexpr std::uint32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
  return cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ? 0 : len;
}

}  // namespace

std::string_view trim_spaces(std::string_view s) {
  std::size_t begin = 0;
  while (begin < s.size()) {
    const std::size_t n = space_at(s, begin);
    if (n == 0) break;
    begin += n;
  }
  std::size_t end = s.size();
  while (end > begin) {
    const std::size_t n = space_before(s, end);
    if (n == 0) break;
    end -= n;
  }
  return s.substr(begin, end - begin);
}

bool is_blank(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '\r' || s[i] == '\n') {
      ++i;
      continue;
    }
    const std::size_t n = space_at(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while ((i = skip_ascii(s, i)) < s.size()) {
    // A run of other characters (Chinese text), then back to the fast ASCII scan.
    do {
      const std::size_t n = utf8_length(s, i);
      if (n == 0) return false;
      i += n;
    } while (i < s.size() && static_cast<unsigned char>(s[i]) >= 0x80);
  }
  return true;
}

ParseStatus parse_integer(std::string_view s, std::int64_t& out) {
  const std::size_t start = !s.empty() && s[0] == '-' ? 1 : 0;
  if (start == s.size() || skip_digits(s, start) != s.size()) return ParseStatus::malformed;
  if (s.size() - start <= 18) {  // cannot overflow: the usual count, summed in place
    std::int64_t value = 0;
    for (std::size_t i = start; i < s.size(); ++i) value = value * 10 + (s[i] - '0');
    out = start ? -value : value;
    return ParseStatus::ok;
  }
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec == std::errc::result_out_of_range) return ParseStatus::out_of_range;
  return ec == std::errc() && end == s.data() + s.size() ? ParseStatus::ok : ParseStatus::malformed;
}

ParseStatus parse_number(std::string_view s, double& out) {
  std::size_t i = !s.empty() && s[0] == '-' ? 1 : 0;
  const std::size_t int_begin = i;
  i = skip_digits(s, i);
  if (i == int_begin) return ParseStatus::malformed;
  std::size_t first_nonzero = int_begin;
  while (first_nonzero < i && s[first_nonzero] == '0') ++first_nonzero;
  const std::size_t int_digits = i - first_nonzero;  // significant digits before the point
  if (i < s.size() && s[i] == '.') {
    const std::size_t frac_begin = ++i;
    i = skip_digits(s, i);
    if (i == frac_begin) return ParseStatus::malformed;
  }
  const bool plain = i == s.size();  // no exponent
  long exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    const bool negative = i < s.size() && s[i] == '-';
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    const std::size_t exp_begin = i;
    i = skip_digits(s, i);
    if (i == exp_begin) return ParseStatus::malformed;
    for (std::size_t k = exp_begin; k < i && exponent < 100000; ++k) exponent = exponent * 10 + (s[k] - '0');
    if (negative) exponent = -exponent;
  }
  if (i != s.size()) return ParseStatus::malformed;
  if (plain && s.size() - int_begin <= 16 && exact_decimal(s.substr(int_begin), out)) {
    if (int_begin) out = -out;
    return ParseStatus::ok;
  }
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out, std::chars_format::general);
  if (ec == std::errc::result_out_of_range) {
    // from_chars reports underflow and overflow alike; a tiny value is finite and rounds to 0.
    if (static_cast<long>(int_digits) + exponent <= 0) {
      out = s[0] == '-' ? -0.0 : 0.0;
      return ParseStatus::ok;
    }
    return ParseStatus::out_of_range;
  }
  return ec == std::errc() && end == s.data() + s.size() ? ParseStatus::ok : ParseStatus::malformed;
}

}  // namespace libbranch::detail
