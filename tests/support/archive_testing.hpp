#pragma once
// What the archive test suites share: the formats and the size of our own header.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include <xxhash.h>

#include <libbranch/serialization.hpp>

#include "temp_dir.hpp"

namespace libbranch::testing {

inline constexpr std::array<ArchiveFormat, 3> kFormats{ArchiveFormat::binary, ArchiveFormat::text, ArchiveFormat::xml};
inline constexpr std::size_t kHeaderSize = 18;

/// The checksum trailer after the end marker (header version 2): 8 bytes in binary archives, 16 hex
/// digits and a newline in text and XML.
inline std::size_t checksum_trailer_size(ArchiveFormat f) { return f == ArchiveFormat::binary ? 8 : 17; }

/// `bytes` (a header-version-2 archive that a test has patched on purpose) with its checksum
/// trailer recomputed over the patched bytes, so that the load reaches the checks behind the
/// checksum (the model's own consistency checks, a layout version, …).
inline std::string resealed(std::string bytes) {
  const auto format = static_cast<ArchiveFormat>(bytes.at(14));
  const std::size_t body = bytes.size() - checksum_trailer_size(format);
  const std::uint64_t digest = XXH3_64bits(bytes.data(), body);
  bytes.resize(body);
  if (format == ArchiveFormat::binary) {
    for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<char>(static_cast<unsigned char>(digest >> (8 * i))));
  } else {
    for (int shift = 60; shift >= 0; shift -= 4) bytes.push_back("0123456789abcdef"[(digest >> shift) & 15]);
    bytes.push_back('\n');
  }
  return bytes;
}

inline const char* format_name(ArchiveFormat f) {
  switch (f) {
    case ArchiveFormat::binary: return "binary";
    case ArchiveFormat::text: return "text";
    case ArchiveFormat::xml: return "xml";
  }
  return "?";
}

}  // namespace libbranch::testing
