#pragma once
// Archives of a Dataset, a Scorecard and a Rubric (Boost.Serialization) behind our own header:
// magic (one per kind), library version, archive format. Every length read from a file is checked
// against what the file can hold.
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>

#include <libbranch/dataset.hpp>
#include <libbranch/export.hpp>

namespace libbranch {

// Declared only, so that this header does not bring Eigen and the rubric to dataset-only users:
// include <libbranch/scorecard.hpp> / <libbranch/rubric.hpp> to call the functions that use them.
struct Scorecard;
struct Rubric;

enum class ArchiveFormat : std::uint8_t { binary = 1, text = 2, xml = 3 };

/// Writes `dataset` to `path` (atomically: a temporary file renamed into place on success).
/// Throws ArchiveError on I/O failure.
LIBBRANCH_API void save_archive(const Dataset& dataset, const std::filesystem::path& path,
                                ArchiveFormat format = ArchiveFormat::binary);
/// Reads a dataset archive of any format. Throws ArchiveError for a missing, truncated, corrupted,
/// foreign or newer-version file; never crashes and never allocates more than the file can justify.
[[nodiscard]] LIBBRANCH_API Dataset load_archive(const std::filesystem::path& path);
/// True when the file starts with the dataset archive magic (archive_kind(path) == dataset).
[[nodiscard]] LIBBRANCH_API bool is_archive(const std::filesystem::path& path);

/// The same to and from streams; `name` is what errors call the stream; `size_limit` bounds every
/// length read (pass the stream's size when known).
LIBBRANCH_API void save_archive(const Dataset& dataset, std::ostream& out,
                                ArchiveFormat format = ArchiveFormat::binary);
[[nodiscard]] LIBBRANCH_API Dataset load_archive(std::istream& in, const std::string& name, std::uint64_t size_limit);

/// What an archive holds, told by its magic (the first 8 bytes): "LBRANCH\0" a dataset,
/// "LBSCORE\0" a scorecard, "LBRUBRC\0" a rubric, "LBPARTS\0" a partitioned dataset
/// (<libbranch/partitioned_archive.hpp>), "LBPMTRC\0" the metric columns of one part
/// (<libbranch/part_metrics_archive.hpp>). Loading one kind with another's function is an
/// ArchiveError ("this is a dataset archive, not a scorecard archive").
enum class ArchiveKind : std::uint8_t { none = 0, dataset = 1, scorecard = 2, rubric = 3, partitioned = 4, part_metrics = 5 };

/// The kind of archive the file starts with; ArchiveKind::none for a missing, unreadable or
/// foreign file. Looks at the magic only (the rest is checked when loading).
[[nodiscard]] LIBBRANCH_API ArchiveKind archive_kind(const std::filesystem::path& path);
/// "dataset", "scorecard", "rubric", "partitioned dataset", "part metrics"; "none".
[[nodiscard]] LIBBRANCH_API const char* to_string(ArchiveKind kind) noexcept;

/// Writes a scorecard archive (every number bit for bit, NaN included; text and XML keep a NaN's
/// sign but not its payload), atomically like save_archive. Throws ArchiveError on I/O failure and
/// for a scorecard that fails the consistency check of load_scorecard (nothing is written then).
LIBBRANCH_API void save_scorecard(const Scorecard& card, const std::filesystem::path& path,
                                  ArchiveFormat format = ArchiveFormat::binary);
/// Reads a scorecard archive of any format. Throws ArchiveError for a missing, truncated,
/// corrupted, foreign, newer-version or other-kind file, and for a scorecard whose parts do not fit
/// together (per-branch arrays of branch_count() rows, matrix columns matching metrics / indicators
/// / standards, indices in range, CSR veto offsets, flag bits).
[[nodiscard]] LIBBRANCH_API Scorecard load_scorecard(const std::filesystem::path& path);
/// The same to and from streams (as save_archive / load_archive).
LIBBRANCH_API void save_scorecard(const Scorecard& card, std::ostream& out,
                                  ArchiveFormat format = ArchiveFormat::binary);
[[nodiscard]] LIBBRANCH_API Scorecard load_scorecard(std::istream& in, const std::string& name,
                                                     std::uint64_t size_limit);

/// Writes a rubric archive: the rubric's JSON text (Rubric::to_json) inside the archive, so that a
/// load goes through Rubric::parse and its validation. Throws ArchiveError (also for a rubric that
/// fails Rubric::validate; nothing is written then).
LIBBRANCH_API void save_rubric(const Rubric& rubric, const std::filesystem::path& path,
                               ArchiveFormat format = ArchiveFormat::binary);
/// Reads a rubric archive. Throws ArchiveError as load_scorecard does; a rubric that does not
/// parse or validate is a corrupted archive. The loaded rubric's `source` is the archive's name.
[[nodiscard]] LIBBRANCH_API Rubric load_rubric(const std::filesystem::path& path);
LIBBRANCH_API void save_rubric(const Rubric& rubric, std::ostream& out, ArchiveFormat format = ArchiveFormat::binary);
[[nodiscard]] LIBBRANCH_API Rubric load_rubric(std::istream& in, const std::string& name, std::uint64_t size_limit);

}  // namespace libbranch
