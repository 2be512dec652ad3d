#pragma once
// Plugin SDK: a set of built-in activity kinds as one bit mask, resolved at compile time, so that
// the per-activity loops of a metric do no string lookups. Part of <libbranch/plugin_sdk.hpp>.
#include <cstdint>
#include <initializer_list>

#include <libbranch/model/activity_kind.hpp>

namespace libbranch::plugins {

static_assert(kBuiltinKindCount <= 64, "KindSet holds the built-in kinds in one 64-bit mask");

/// A set of built-in activity kinds; custom kinds (codes ≥ kFirstCustomKind) never belong to it.
class KindSet {
 public:
  constexpr KindSet() = default;
  constexpr KindSet(std::initializer_list<ActivityKind> kinds) {
    for (ActivityKind k : kinds) bits_ |= std::uint64_t{1} << code(k);
  }
  [[nodiscard]] constexpr bool contains(KindCode k) const {
    return k < kBuiltinKindCount && ((bits_ >> k) & 1u) != 0;
  }
  [[nodiscard]] constexpr bool empty() const { return bits_ == 0; }
  /// Bit k = built-in kind code k (the kind masks of ActivityTally).
  [[nodiscard]] constexpr std::uint64_t bits() const { return bits_; }

 private:
  std::uint64_t bits_ = 0;
};

}  // namespace libbranch::plugins
