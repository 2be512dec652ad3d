#pragma once
// Parsing one cell of text (docs/reference/data-format.md §3 value rules). Internal to loading.
#include <cstdint>
#include <string_view>

namespace libbranch::detail {

/// Drops spaces, tabs, U+00A0 and U+3000 around a value (what spreadsheets leave behind).
[[nodiscard]] std::string_view trim(std::string_view s);
/// True when `s` is empty or holds only the white space `trim` drops (and CR/LF).
[[nodiscard]] bool is_blank(std::string_view s);
[[nodiscard]] bool is_valid_utf8(std::string_view s);

enum class ParseStatus : std::uint8_t { ok, malformed, out_of_range };
/// `-?[0-9]+` fitting in 64 bits.
[[nodiscard]] ParseStatus parse_integer(std::string_view s, std::int64_t& out);
/// `-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?`, finite. Locale-independent.
[[nodiscard]] ParseStatus parse_number(std::string_view s, double& out);

}  // namespace libbranch::detail
