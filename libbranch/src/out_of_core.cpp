// Out-of-core scoring: parts read one after another (the next one in the background while the
// current one is scored) and fed to one ScoreBuilder.
#include <libbranch/out_of_core.hpp>

#include <algorithm>
#include <chrono>
#include <deque>
#include <future>
#include <string>

#include <libbranch/error.hpp>

namespace libbranch {
namespace {

// Bytes per branch beyond the matrices: two std::string objects (id, name) with their heap text,
// the rating, the veto offsets and the peer keys.
constexpr std::uint64_t kPerBranchOverhead = 2 * 32 + 64 + 2 + 4 + 5;

constexpr std::size_t kMaxReadAhead = 2;

std::string mib(std::uint64_t bytes) { return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MiB"; }

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

Period default_period(const PartitionedArchive& archive) { return default_period(archive.latest_activity()); }

std::uint64_t scorecard_memory_estimate(std::size_t branches, const Rubric& rubric) {
  const std::uint64_t indicators = rubric.indicator_count() + rubric.bonuses.size();
  const std::uint64_t metric_columns = indicators + rubric.vetoes.size();
  const std::uint64_t per_branch =
      8 * metric_columns + 9 * indicators + 8 * rubric.standards.size() + 16 + kPerBranchOverhead;
  return per_branch * branches;
}

std::uint64_t minimum_memory(const PartitionedArchive& archive, const Rubric& rubric) {
  return scorecard_memory_estimate(archive.branch_count(), rubric) + archive.largest_part_memory();
}

Scorecard score(const PartitionedArchive& archive, const Rubric& rubric, const Period& period,
                const MetricRegistry& registry, const ScoreOptions& options, std::uint64_t memory_budget) {
  const std::uint64_t minimum = minimum_memory(archive, rubric);
  if (memory_budget != 0 && memory_budget < minimum)
    throw Error("a memory budget of " + mib(memory_budget) + " is too small for " + archive.path().string() + ": it needs " +
                mib(minimum) + " (the scorecard of " + std::to_string(archive.branch_count()) +
                " branches and its largest part); pack it with smaller parts or raise the budget");
  // Parts read ahead while the current one is scored: as many as the budget holds beside it, at
  // most kMaxReadAhead (reading is single-threaded per part, so two readers keep up with scoring).
  const std::uint64_t largest = std::max<std::uint64_t>(archive.largest_part_memory(), 1);
  const std::size_t read_ahead =
      memory_budget == 0 ? kMaxReadAhead
                         : static_cast<std::size_t>(std::min<std::uint64_t>((memory_budget - minimum) / largest, kMaxReadAhead));

  ScoreBuilder builder(rubric, period, registry, archive.branch_count(), options);
  const std::size_t parts = archive.parts().size();
  builder.expect_parts(parts);
  std::deque<std::future<Dataset>> pending;
  std::size_t next = 0;
  auto start_reads = [&](std::size_t in_flight) {
    for (; next < parts && pending.size() < in_flight; ++next)
      pending.push_back(std::async(std::launch::async, [&archive, k = next] { return archive.load_part(k); }));
  };
  double waited = 0;
  start_reads(1);
  for (std::size_t k = 0; k < parts; ++k) {
    const auto start = std::chrono::steady_clock::now();
    Dataset part = pending.front().get();
    pending.pop_front();
    waited += seconds_since(start);
    start_reads(read_ahead);
    builder.add(part);
    part = Dataset();  // released before a read that the budget counted without it
    start_reads(std::max<std::size_t>(read_ahead, 1));
  }
  if (options.timings) options.timings->load = waited;
  return builder.finish();
}

}  // namespace libbranch
