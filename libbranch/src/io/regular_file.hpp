#pragma once
// Opening an input file by path, refusing anything that is not a regular file. A symlink to
// /dev/zero would be read forever and a FIFO would block the open itself, so both are refused
// before a byte is read. Internal; every reader of a file given by path uses it.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

namespace libbranch::detail {

struct RegularFile {
  std::FILE* file = nullptr;  ///< open for binary reading, unbuffered; the caller closes it (fclose)
  std::uint64_t size = 0;     ///< bytes, from fstat of the open file
  std::string error;          ///< when file is null: why, e.g. "is a FIFO (named pipe), not a regular file"
};

/// Opens `path` (symlinks followed) for reading. Race-free: the file is opened without blocking
/// and then checked with fstat, so what is checked is what is read.
[[nodiscard]] RegularFile open_regular_file(const std::filesystem::path& path);

/// A whole small file (a rubric, a rule set) read through open_regular_file.
struct SmallFile {
  enum class Status : std::uint8_t { ok, cannot_open, too_large, read_error };
  Status status = Status::ok;
  std::string text;   ///< the bytes, when ok
  std::string error;  ///< cannot_open: why (open_regular_file's error)
};
/// Reads `path` whole, refusing a file over `max_bytes` before reading it.
[[nodiscard]] SmallFile read_small_file(const std::filesystem::path& path, std::uint64_t max_bytes);

/// "is a directory", "is a character device", … for a stat mode that is not a regular file.
[[nodiscard]] std::string file_kind_text(unsigned mode);

}  // namespace libbranch::detail
