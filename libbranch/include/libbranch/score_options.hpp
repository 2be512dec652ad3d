#pragma once
// How a scoring run is controlled and observed: threads, timings, progress and cancellation.
#include <cstddef>
#include <functional>
#include <stop_token>
#include <string_view>

#include <libbranch/export.hpp>

namespace libbranch {

/// Wall-clock seconds of each scoring stage, for benchmarks.
struct ScoreTimings {
  double load = 0;     ///< reading the parts of a partitioned archive (out-of-core scoring only)
  double metrics = 0;  ///< computing the metric columns (parallel)
  double points = 0;   ///< rules, peer groups, missing policies
  double totals = 0;   ///< standards, totals, ratings, vetoes
};

/// Where a scoring run is. A step is one metric column over one part of the branches (the whole
/// dataset is one part); the last step is the points, totals and ratings of every branch. So
/// in-memory scoring has metric columns + 1 steps, out-of-core scoring columns × parts + 1.
struct ScoreProgress {
  std::size_t done = 0;   ///< steps finished
  std::size_t total = 0;  ///< steps in the run
  /// What the next step computes: a metric id, "points, totals", or "done" after the last step.
  std::string_view next;
};

struct LIBBRANCH_API ScoreOptions {
  int threads = 0;                  ///< 0 = all cores
  ScoreTimings* timings = nullptr;  ///< filled when given
  /// Called on the thread that scores, before each step and once after the last. An exception it
  /// throws ends the run and reaches the caller (nothing is returned).
  std::function<void(const ScoreProgress&)> progress;
  /// A stop request (from any thread) ends the run with libbranch::Cancelled: asked before each
  /// step and, inside a metric, between the chunks of branches its parallel loop hands out, so a
  /// long column stops within a chunk. Nothing is returned, the caller's data is untouched.
  std::stop_token stop;
};

}  // namespace libbranch
