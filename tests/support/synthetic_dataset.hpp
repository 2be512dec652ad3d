#pragma once
// A synthetic dataset as an analyst gets it: written by synth as CSV files, then loaded.
#include <libbranch/dataset.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/synth.hpp>

#include "temp_dir.hpp"

namespace libbranch::testing {

/// Loaded on one thread: the parallel loader has tests of its own, and one thread keeps
/// ThreadSanitizer runs of the tests that use this free of reports from TBB's synchronisation,
/// which lives in the uninstrumented libtbb.
[[nodiscard]] inline Dataset synthetic_dataset(const SynthOptions& options) {
  TempDir dir;
  (void)write_synthetic_dataset(options, dir.path());
  LoadOptions load;
  load.threads = 1;
  return load_directory(dir.path(), load);
}

/// `branches` branches from `seed`, over the years first_year–last_year.
[[nodiscard]] inline Dataset synthetic_dataset(std::uint64_t branches, std::uint64_t seed, int first_year,
                                               int last_year) {
  SynthOptions options;
  options.branches = branches;
  options.seed = seed;
  options.first_year = first_year;
  options.last_year = last_year;
  return synthetic_dataset(options);
}

}  // namespace libbranch::testing
