#pragma once
// Out-of-core scoring: a partitioned archive scored part by part within a memory budget, with the
// same numbers as scoring the whole dataset in memory.
#include <cstdint>

#include <libbranch/engine.hpp>
#include <libbranch/export.hpp>
#include <libbranch/partitioned_archive.hpp>

namespace libbranch {

/// The period used when none is given: the latest calendar year that has activities in any part
/// (as default_period of the whole dataset). Throws libbranch::Error when no part has activities.
[[nodiscard]] LIBBRANCH_API Period default_period(const PartitionedArchive& archive);

/// Bytes a Scorecard of `branches` branches for `rubric` holds (an upper estimate: every
/// indicator and veto its own metric column, ids and names of typical length).
[[nodiscard]] LIBBRANCH_API std::uint64_t scorecard_memory_estimate(std::size_t branches, const Rubric& rubric);

/// How much memory out-of-core scoring of `archive` needs at least: the scorecard and the largest
/// part. With room for one or two more parts, as many are read while the current one is scored.
[[nodiscard]] LIBBRANCH_API std::uint64_t minimum_memory(const PartitionedArchive& archive, const Rubric& rubric);

/// Scores every part of `archive` in turn (ScoreBuilder): the part being scored in memory, and up to
/// two more being read meanwhile as `memory_budget` allows (0 = no budget: two).
/// Throws libbranch::Error, before reading any part, when the budget is below minimum_memory(),
/// naming both; ArchiveError for a damaged part; and what score() throws.
/// `options.timings->load` receives the time spent waiting for parts.
[[nodiscard]] LIBBRANCH_API Scorecard score(const PartitionedArchive& archive, const Rubric& rubric,
                                            const Period& period,
                                            const MetricRegistry& registry, const ScoreOptions& options = {},
                              std::uint64_t memory_budget = 0);

}  // namespace libbranch
