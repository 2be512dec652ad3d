#pragma once
// Synthetic datasets for benchmarks, demos and tests (`branchscore synth`).
#include <cstdint>
#include <filesystem>

#include <libbranch/export.hpp>

namespace libbranch {

struct SynthOptions {
  std::uint64_t branches = 1000;
  std::uint64_t seed = 1;
  int first_year = 2025;  ///< activities and observations cover first_year … last_year
  int last_year = 2025;
};

/// What was written.
struct SynthSummary {
  std::uint64_t branches = 0, members = 0, activities = 0, attendance = 0, observations = 0;
};

/// Writes branches.csv, members.csv, activities.csv, attendance.csv and observations.csv into
/// `out_dir` (created if needed). Deterministic for a seed (the same bytes on every machine),
/// streaming (memory does not grow with N), and valid under docs/reference/data-format.md. Throws
/// libbranch::Error on I/O failure.
LIBBRANCH_API SynthSummary write_synthetic_dataset(const SynthOptions& options, const std::filesystem::path& out_dir);

/// The same dataset as a partitioned archive (<libbranch/partitioned_archive.hpp>) with parts of
/// `branches_per_part` branches: each part is generated as CSV text in memory and read by the real
/// loader, so memory grows with the part, not with N, and the archive holds exactly what packing
/// the files would give. Throws libbranch::Error (ArchiveError on I/O failure).
LIBBRANCH_API SynthSummary write_synthetic_archive(const SynthOptions& options, const std::filesystem::path& archive,
                                                   std::uint64_t branches_per_part);

}  // namespace libbranch
