#pragma once
// Loading and validating a dataset (docs/reference/data-format.md) from a directory of CSV files,
// an archive, or tables given from memory.
#include <libbranch/export.hpp>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <vector>

#include <libbranch/dataset.hpp>
#include <libbranch/error.hpp>
#include <libbranch/io/input_limits.hpp>
#include <libbranch/io/table_source.hpp>

namespace libbranch {

struct LoadOptions {
  /// Accept activity kinds outside docs/reference/activity-kinds.md that match [a-z0-9_]+
  /// (`--allow-custom-kinds`).
  bool allow_custom_kinds = false;
  /// Threads that read, check and convert the rows of a table at once; 0 = all cores. The dataset
  /// and the problems are the same for every thread count.
  unsigned threads = 0;
  /// Bytes of text per chunk of a table (0 = the default, 1 MiB). Rows of a chunk are converted
  /// together; tests make chunks tiny to put chunk boundaries everywhere.
  std::size_t chunk_bytes = 0;
  /// Problems kept per file (`--max-problems`), the first ones found; the rest are counted in one
  /// last entry for the file (Problem::omitted), so a file of a million bad rows reports quickly
  /// in bounded memory. 0 = keep every problem.
  std::size_t max_problems = kDefaultMaxProblems;
};

/// The tables of one dataset as sources; a null source is an absent file (no rows).
struct TableSources {
  std::unique_ptr<TableSource> branches;
  std::unique_ptr<TableSource> members;
  std::unique_ptr<TableSource> activities;
  std::unique_ptr<TableSource> attendance;
  std::unique_ptr<TableSource> observations;
};

/// Validates and loads tables. Collects every problem; throws DataError carrying all of them
/// (warnings included) when any is an error. Otherwise returns the dataset and appends the
/// warnings to `warnings` when given. A missing `branches` source is an error.
[[nodiscard]] LIBBRANCH_API Dataset load_tables(TableSources sources, const LoadOptions& options = {},
                                  std::vector<Problem>* warnings = nullptr);

/// Loads the CSV files of a dataset directory (branches.csv required; members.csv, activities.csv,
/// attendance.csv, observations.csv optional). Problems name files as `dir / file` as given.
[[nodiscard]] LIBBRANCH_API Dataset load_directory(const std::filesystem::path& dir, const LoadOptions& options = {},
                                     std::vector<Problem>* warnings = nullptr);

/// A dataset directory, an archive written by `save_archive` or a partitioned archive (read whole,
/// refused with an ArchiveError when it needs more memory than the machine has; detected by content).
[[nodiscard]] LIBBRANCH_API Dataset load_dataset(const std::filesystem::path& path, const LoadOptions& options = {},
                                   std::vector<Problem>* warnings = nullptr);

}  // namespace libbranch
