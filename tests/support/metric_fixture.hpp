#pragma once
// Helpers for metric tests: a fresh registry holding one plugin's metrics (registered the way the
// loader does it, through a StagedRegistrar and the plugin's exported init function), computing a
// metric by id, and small datasets written as CSV files and loaded through the real loader.
//
// A test declares the plugin entry it uses, e.g.
//   extern "C" const char* libbranch_plugin_cohesion_init(libbranch::PluginRegistrar*);
// and links the plugin's sources (or its static library) into the test binary.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include <libbranch/dataset.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/metric.hpp>
#include <libbranch/params.hpp>
#include <libbranch/plugin.hpp>
#include <libbranch/registry.hpp>
#include <libbranch/staged_registrar.hpp>

#include "temp_dir.hpp"

namespace libbranch::testing {

/// The exported `libbranch_plugin_<name>_init` of a plugin.
using PluginInitFunction = const char* (*)(PluginRegistrar*);

/// A fresh registry holding the metrics `init` registers, staged under `owner` for `standards`
/// and committed. Throws std::runtime_error with the plugin's message when init fails.
[[nodiscard]] inline MetricRegistry registry_with_plugin(PluginInitFunction init, const std::string& owner,
                                                         std::vector<std::string> standards) {
  MetricRegistry registry;
  StagedRegistrar registrar(registry, owner, std::move(standards));
  if (const char* failure = init(&registrar)) throw std::runtime_error(owner + " init failed: " + failure);
  registrar.commit();
  return registry;
}

/// The column of metric `id` over every branch of `ds` (branch order).
[[nodiscard]] inline Eigen::VectorXd compute(const MetricRegistry& registry, std::string_view id,
                                             const Dataset& ds, const Period& period, const Params& params = {}) {
  return registry.get(id).compute(ds, period, params);
}

/// Ids of every metric in the registry, sorted.
[[nodiscard]] inline std::vector<std::string> metric_ids(const MetricRegistry& registry) {
  std::vector<std::string> ids;
  for (const Metric* m : registry.metrics()) ids.push_back(m->id);
  return ids;
}

/// A date from `YYYY-MM-DD`; throws on a malformed one.
[[nodiscard]] inline Date date(std::string_view text) {
  const auto d = Date::parse(text);
  if (!d) throw std::runtime_error("bad date in test: " + std::string(text));
  return *d;
}

/// The period [from, to], both `YYYY-MM-DD`.
[[nodiscard]] inline Period period(std::string_view from, std::string_view to) { return {date(from), date(to)}; }

/// Writes each (file name → content) into a temporary directory and loads it with
/// load_directory (the real path). Absent files mean no rows, as in a dataset directory.
[[nodiscard]] inline Dataset load_csv(const std::map<std::string, std::string>& files,
                                      const LoadOptions& options = {}) {
  TempDir dir;
  for (const auto& [name, content] : files) dir.write(name, content);
  return load_directory(dir.path(), options);
}

/// Compares a metric column with hand-derived values: NaN where NaN is expected, else equal
/// to within 4 ulps (EXPECT_DOUBLE_EQ), naming the branch row that differs.
inline void expect_column(const Eigen::VectorXd& got, const std::vector<double>& want, std::string_view what) {
  SCOPED_TRACE(std::string(what));
  ASSERT_EQ(got.size(), static_cast<Eigen::Index>(want.size()));
  for (std::size_t i = 0; i < want.size(); ++i) {
    const double g = got[static_cast<Eigen::Index>(i)];
    if (std::isnan(want[i])) {
      EXPECT_TRUE(std::isnan(g)) << "branch row " << i << " got " << g << ", want NaN";
    } else {
      EXPECT_DOUBLE_EQ(g, want[i]) << "branch row " << i;
    }
  }
}

}  // namespace libbranch::testing
