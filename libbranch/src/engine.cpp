// The engine: default period, metric parameters, and the registry with its plugins. Scoring itself
// is in score_builder.cpp.
#include <libbranch/engine.hpp>

#include <cstdlib>

#include <libbranch/error.hpp>

namespace libbranch {

Period default_period(Date latest_activity) {
  if (latest_activity.is_none())
    throw Error("the dataset has no activities, so there is no default period: give --year or --from/--to");
  return Period::calendar_year(latest_activity.year());
}

Period default_period(const Dataset& ds) { return default_period(ds.latest_activity_date()); }

Params with_defaults(const Metric& metric, const Params& params) {
  Params full;
  for (const auto& [name, value] : params.entries()) {
    const ParamSpec* spec = metric.param(name);
    if (spec == nullptr) throw Error("metric '" + metric.id + "' has no parameter '" + name + "'");
    if (const std::string why = spec->check(value); !why.empty())
      throw Error("parameter '" + name + "' of metric '" + metric.id + "' " + why + ", got " + to_string(value));
  }
  for (const ParamSpec& spec : metric.params) {
    if (const ParamValue* given = params.find(spec.name)) {
      full.set(spec.name, *given);
    } else if (spec.default_value) {
      full.set(spec.name, *spec.default_value);
    }
  }
  return full;
}

Engine::Engine(const EngineOptions& options)
    : registry_(std::make_unique<MetricRegistry>()), loader_(std::make_unique<PluginLoader>(*registry_)) {
  register_core_metrics(*registry_);
  loader_->allow_unsafe_locations(options.allow_unsafe_plugins);
  for (const LinkedPlugin& p : options.linked_plugins) loader_->add_static(p.info, p.init);
  if (!options.load_plugins) return;
  const char* environment = options.plugin_path_from_environment ? std::getenv("LIBBRANCH_PLUGIN_PATH") : nullptr;
  loader_->load(plugin_search_path(options.plugin_dirs, environment ? environment : "",
                                   options.install_plugin_folder ? installed_plugin_directory() : std::nullopt));
}

Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;
Engine::~Engine() = default;

}  // namespace libbranch
