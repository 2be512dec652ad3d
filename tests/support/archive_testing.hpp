#pragma once
// What the archive test suites share: the formats and the size of our own header.
#include <array>
#include <cstddef>

#include <libbranch/serialization.hpp>

#include "temp_dir.hpp"

namespace libbranch::testing {

inline constexpr std::array<ArchiveFormat, 3> kFormats{ArchiveFormat::binary, ArchiveFormat::text, ArchiveFormat::xml};
inline constexpr std::size_t kHeaderSize = 18;

inline const char* format_name(ArchiveFormat f) {
  switch (f) {
    case ArchiveFormat::binary: return "binary";
    case ArchiveFormat::text: return "text";
    case ArchiveFormat::xml: return "xml";
  }
  return "?";
}

}  // namespace libbranch::testing
