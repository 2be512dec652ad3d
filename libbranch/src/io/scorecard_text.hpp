#pragma once
// The texts of a scorecard's flags and vetoes, as every result file (CSV, JSON, Excel) writes them.
#include <cstddef>
#include <cstdint>
#include <string>

#include <libbranch/scorecard.hpp>

namespace libbranch::detail {

/// `missing`, `excluded`, `bonus` (the set bits of a cell's flags), joined by `separator`.
[[nodiscard]] std::string flags_text(std::uint8_t flags, const char* separator);
/// The metrics of branch `b`'s fired vetoes, `;`-separated.
[[nodiscard]] std::string vetoes_text(const Scorecard& card, std::size_t b);

}  // namespace libbranch::detail
