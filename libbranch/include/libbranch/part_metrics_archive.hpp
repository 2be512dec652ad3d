#pragma once
// Archives of a PartMetrics (phase 1 of one part, <libbranch/score_builder.hpp>), so that a part's
// metric columns computed in one process (a worker of a cluster) reach the process that finishes
// the scorecard: the library's archive framing ("LBPMTRC\0", writer version, format, end marker)
// around a Boost.Serialization archive, every number bit for bit.
#include <cstdint>
#include <iosfwd>
#include <string>

#include <libbranch/export.hpp>
#include <libbranch/score_builder.hpp>
#include <libbranch/serialization.hpp>

namespace libbranch {

/// Writes `part` to `out`. Throws ArchiveError for a part whose fields do not fit together (as
/// load_part_metrics checks them; nothing is written then) or on I/O failure.
LIBBRANCH_API void save_part_metrics(const PartMetrics& part, std::ostream& out,
                                     ArchiveFormat format = ArchiveFormat::binary);

/// Reads what save_part_metrics wrote; `name` is what errors call the stream, `size_limit` bounds
/// every length read. Throws ArchiveError for foreign, other-kind, newer-version, truncated or
/// corrupted bytes and for a part whose fields do not fit together (per-branch lists of the
/// matrix's rows, matrix columns matching the metric columns, org types in range).
[[nodiscard]] LIBBRANCH_API PartMetrics load_part_metrics(std::istream& in, const std::string& name,
                                                          std::uint64_t size_limit);

}  // namespace libbranch
