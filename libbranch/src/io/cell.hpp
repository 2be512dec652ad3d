#pragma once
// Parsing one cell of text (docs/reference/data-format.md §3 value rules). Internal to loading.
#include <cstdint>
#include <string_view>

namespace libbranch::detail {

/// trim() of a value that may start or end with white space.
[[nodiscard]] std::string_view trim_spaces(std::string_view s);

/// Drops spaces, tabs, U+00A0 and U+3000 around a value (what spreadsheets leave behind).
/// Inline: every cell of every row passes here, and most have no white space around them, which
/// two byte tests decide.
[[nodiscard, gnu::always_inline]] inline std::string_view trim(std::string_view s) {
  if (s.empty()) return s;
  const auto first = static_cast<unsigned char>(s.front());
  const auto last = static_cast<unsigned char>(s.back());
  const bool may_start = first == ' ' || first == '\t' || first == 0xC2 || first == 0xE3;
  const bool may_end = last == ' ' || last == '\t' || last == 0xA0 || last == 0x80;
  return may_start || may_end ? trim_spaces(s) : s;
}
/// True when `s` is empty or holds only the white space `trim` drops (and CR/LF).
[[nodiscard]] bool is_blank(std::string_view s);
[[nodiscard]] bool is_valid_utf8(std::string_view s);

enum class ParseStatus : std::uint8_t { ok, malformed, out_of_range };
/// `-?[0-9]+` fitting in 64 bits.
[[nodiscard]] ParseStatus parse_integer(std::string_view s, std::int64_t& out);
/// `-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?`, finite. Locale-independent.
[[nodiscard]] ParseStatus parse_number(std::string_view s, double& out);

}  // namespace libbranch::detail
