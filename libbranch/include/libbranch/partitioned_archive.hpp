#pragma once
// A dataset archive in parts: consecutive ranges of branches, each readable on its own, so that a
// dataset larger than memory can be scored part by part (out-of-core scoring).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <libbranch/dataset.hpp>
#include <libbranch/export.hpp>
#include <libbranch/model/date.hpp>

namespace libbranch {

/// What the index of a partitioned archive says of one part.
struct ArchivePart {
  std::uint64_t offset = 0;  ///< where the part's dataset archive starts in the file
  std::uint64_t bytes = 0;   ///< its length
  std::uint64_t branches = 0;
  std::uint64_t members = 0;
  std::uint64_t activities = 0;
  std::uint64_t observations = 0;
  std::uint64_t memory_bytes = 0;  ///< Dataset::memory().total() of the part once loaded
  Date latest_activity;            ///< Date::none() when the part has no activities
};

/// Writes a partitioned archive (atomically, like save_archive): `next_part` is called until it
/// returns no dataset, and each dataset it returns becomes the next part (its branches follow the
/// previous part's). Throws ArchiveError on I/O failure; an exception from `next_part` propagates
/// and nothing is written.
LIBBRANCH_API void save_partitioned_archive(const std::filesystem::path& path,
                                            const std::function<std::optional<Dataset>()>& next_part);

/// Writes `ds` as parts of `branches_per_part` branches (the last may be smaller; an empty dataset
/// gives one empty part). See slice_branches() for the links between parts that are dropped.
LIBBRANCH_API void save_partitioned_archive(const Dataset& ds, const std::filesystem::path& path,
                                            std::size_t branches_per_part);

/// An open partitioned archive: the header and the index are read and checked on construction;
/// parts are read on demand. load_part() opens the file anew on each call, so parts may be loaded
/// from several threads at once.
class LIBBRANCH_API PartitionedArchive {
 public:
  /// Throws ArchiveError for a missing, foreign, other-kind, newer, truncated or corrupted file.
  explicit PartitionedArchive(const std::filesystem::path& path);

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
  [[nodiscard]] const std::vector<ArchivePart>& parts() const noexcept { return parts_; }
  [[nodiscard]] std::size_t branch_count() const noexcept { return branches_; }
  /// The latest activity date of all parts; Date::none() when there are no activities.
  [[nodiscard]] Date latest_activity() const noexcept { return latest_; }
  /// The largest memory_bytes of any part.
  [[nodiscard]] std::uint64_t largest_part_memory() const noexcept;

  /// Reads part `k`. Throws ArchiveError when it is damaged or disagrees with the index, and
  /// std::out_of_range for a `k` past the last part.
  [[nodiscard]] Dataset load_part(std::size_t k) const;
  /// Reads every part and puts them together (DatasetConcatenator): the whole dataset, less the
  /// links between parts that partitioning drops (slice_branches()). Throws ArchiveError, before
  /// reading any part, when the parts need more than `memory_limit` bytes once loaded (0: no limit).
  [[nodiscard]] Dataset load_all(std::uint64_t memory_limit = 0) const;

 private:
  std::filesystem::path path_;
  std::uint64_t file_size_ = 0;
  std::vector<ArchivePart> parts_;
  std::size_t branches_ = 0;
  Date latest_;
};

}  // namespace libbranch
