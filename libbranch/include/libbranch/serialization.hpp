#pragma once
// Archives of a Dataset (Boost.Serialization) behind our own header: magic, library version,
// archive format. Every length read from a file is checked against what the file can hold.
#include <filesystem>
#include <iosfwd>
#include <string>

#include <libbranch/dataset.hpp>

namespace libbranch {

enum class ArchiveFormat : std::uint8_t { binary = 1, text = 2, xml = 3 };

/// Writes `dataset` to `path` (atomically: a temporary file renamed into place on success).
/// Throws ArchiveError on I/O failure.
void save_archive(const Dataset& dataset, const std::filesystem::path& path,
                  ArchiveFormat format = ArchiveFormat::binary);
/// Reads a dataset archive of any format. Throws ArchiveError for a missing, truncated, corrupted,
/// foreign or newer-version file; never crashes and never allocates more than the file can justify.
[[nodiscard]] Dataset load_archive(const std::filesystem::path& path);
/// True when the file starts with the archive magic.
[[nodiscard]] bool is_archive(const std::filesystem::path& path);

/// The same to and from streams; `name` is what errors call the stream; `size_limit` bounds every
/// length read (pass the stream's size when known).
void save_archive(const Dataset& dataset, std::ostream& out, ArchiveFormat format = ArchiveFormat::binary);
[[nodiscard]] Dataset load_archive(std::istream& in, const std::string& name, std::uint64_t size_limit);

}  // namespace libbranch
