#pragma once
// The scoring engine: metrics → rules → points, standards, totals, ratings
// (docs/reference/metrics.md, rubrics.md).
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include <libbranch/dataset.hpp>
#include <libbranch/export.hpp>
#include <libbranch/model/date.hpp>
#include <libbranch/plugin_loader.hpp>
#include <libbranch/registry.hpp>
#include <libbranch/rubric.hpp>
#include <libbranch/score_builder.hpp>
#include <libbranch/score_options.hpp>
#include <libbranch/scorecard.hpp>

namespace libbranch {

/// The period used when none is given: the latest calendar year that has activities.
/// Throws libbranch::Error when the dataset has no activities.
[[nodiscard]] LIBBRANCH_API Period default_period(const Dataset& ds);
/// The same from the latest activity date (Date::none(): no activities, an Error).
[[nodiscard]] LIBBRANCH_API Period default_period(Date latest_activity);

/// Computes each metric the rubric needs once, over all branches, in parallel; then applies the
/// rubric column by column. The registry must hold every metric the rubric names.
[[nodiscard]] LIBBRANCH_API Scorecard score(const Dataset& ds, const Rubric& rubric, const Period& period,
                                            const MetricRegistry& registry, const ScoreOptions& options = {});

/// Checks `params` against the metric's declared parameters and fills in their defaults.
/// Throws libbranch::Error for an unknown parameter or a value outside its domain.
[[nodiscard]] LIBBRANCH_API Params with_defaults(const Metric& metric, const Params& params);

/// Computes one metric (with parameters checked and defaults filled in) for every branch.
[[nodiscard]] LIBBRANCH_API Eigen::VectorXd compute_metric(const MetricRegistry& registry, std::string_view id,
                                                           const Params& params, const Dataset& ds, const Period& period);

/// A plugin linked into the program (LIBBRANCH_DECLARE_PLUGIN(name), then
/// {libbranch_plugin_<name>_info, libbranch_plugin_<name>_init}).
struct LinkedPlugin {
  PluginInfoFunction info = nullptr;
  PluginInitFunction init = nullptr;
};

struct EngineOptions {
  /// Added before any file, so they shadow plugin files of the same name (PluginLoader::add_static).
  std::vector<LinkedPlugin> linked_plugins;
  /// `--plugins` directories, searched first (then LIBBRANCH_PLUGIN_PATH, then the install's).
  std::vector<std::filesystem::path> plugin_dirs;
  /// Load plugins from the search path; false gives only the core metrics (obs.*) and the linked plugins.
  bool load_plugins = true;
  /// Search the directories of LIBBRANCH_PLUGIN_PATH.
  bool plugin_path_from_environment = true;
  /// Search the install's plugin folder (beside the core library). A program that links the
  /// standard plugins (the Python module) turns it off.
  bool install_plugin_folder = true;
  /// Load plugins that other users could have replaced (PluginLoader::allow_unsafe_locations).
  bool allow_unsafe_plugins = false;
};

/// A metric registry with the core metrics and the plugins of the search path loaded, ready to
/// score. Plugins that were refused are listed in plugins().records() with the reason.
class LIBBRANCH_API Engine {
 public:
  /// Throws PluginError when a `--plugins` directory does not exist.
  explicit Engine(const EngineOptions& options = {});
  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;
  ~Engine();

  [[nodiscard]] MetricRegistry& registry() noexcept { return *registry_; }
  [[nodiscard]] const MetricRegistry& registry() const noexcept { return *registry_; }
  [[nodiscard]] PluginLoader& plugins() noexcept { return *loader_; }
  [[nodiscard]] const PluginLoader& plugins() const noexcept { return *loader_; }

  [[nodiscard]] Scorecard score(const Dataset& ds, const Rubric& rubric, const Period& period,
                                const ScoreOptions& options = {}) const {
    return libbranch::score(ds, rubric, period, *registry_, options);
  }

 private:
  std::unique_ptr<MetricRegistry> registry_;
  std::unique_ptr<PluginLoader> loader_;
};

}  // namespace libbranch
