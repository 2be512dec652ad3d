#pragma once
// The bounds on input that keep hostile or broken files from running the library out of time,
// memory or stack (docs/reference/data-format.md §11). Each is an error with its place when exceeded.
#include <cstddef>

namespace libbranch {

/// One CSV field (cell), after unquoting: longer is an error naming the line and field.
inline constexpr std::size_t kMaxFieldBytes = std::size_t{1} << 20;  // 1 MiB
/// One CSV record (all its physical lines, quoted line ends included): reading stops with an
/// error, so a file without line ends or with an endless quoted field is not read into memory.
inline constexpr std::size_t kMaxRecordBytes = std::size_t{16} << 20;  // 16 MiB
/// Columns of a table's header (a real one has about 30): more is an error, so that a header of
/// millions of empty fields is not checked name by name.
inline constexpr std::size_t kMaxColumns = 10000;
/// A rubric file: rubrics are a few KiB; this is far above any real one.
inline constexpr std::size_t kMaxRubricBytes = std::size_t{16} << 20;  // 16 MiB
/// Nesting of arrays and objects in a rubric (a real one nests 4 deep).
inline constexpr std::size_t kMaxRubricDepth = 64;
/// Problems kept per file by default (LoadOptions::max_problems); the rest are counted.
inline constexpr std::size_t kDefaultMaxProblems = 1000;

}  // namespace libbranch
