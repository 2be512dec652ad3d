#pragma once
// The one place the library version is defined; CMake reads it from here.
#include <libbranch/export.hpp>
#define LIBBRANCH_VERSION_MAJOR 0
#define LIBBRANCH_VERSION_MINOR 2
#define LIBBRANCH_VERSION_PATCH 0

namespace libbranch {
inline constexpr int version_major = LIBBRANCH_VERSION_MAJOR;
inline constexpr int version_minor = LIBBRANCH_VERSION_MINOR;
inline constexpr int version_patch = LIBBRANCH_VERSION_PATCH;
/// Encoded as major * 10000 + minor * 100 + patch, comparable as an integer.
inline constexpr int version_number =
    LIBBRANCH_VERSION_MAJOR * 10000 + LIBBRANCH_VERSION_MINOR * 100 + LIBBRANCH_VERSION_PATCH;
/// "major.minor.patch"
LIBBRANCH_API const char* version_string() noexcept;
}  // namespace libbranch
