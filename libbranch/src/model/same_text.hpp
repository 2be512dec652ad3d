#pragma once
// Equality of short strings without a call into memcmp. Internal.
#include <cstdint>
#include <cstring>
#include <string_view>

namespace libbranch::detail {

/// a == b. Ids and most dictionary values are 8 to 16 bytes: two overlapping 8-byte loads from
/// each side compare them whole; other lengths go to memcmp.
[[nodiscard]] inline bool same_text(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  if (n >= 8 && n <= 16) {
    std::uint64_t a0, b0, a1, b1;
    std::memcpy(&a0, a.data(), 8);
    std::memcpy(&b0, b.data(), 8);
    std::memcpy(&a1, a.data() + n - 8, 8);
    std::memcpy(&b1, b.data() + n - 8, 8);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  }
  return n == 0 || std::memcmp(a.data(), b.data(), n) == 0;
}

}  // namespace libbranch::detail
