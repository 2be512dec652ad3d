#pragma once
// A registry with the core metrics and the five standard plugins, linked statically into the test
// binary and registered the way the loader registers them.
#include <stdexcept>
#include <string>
#include <utility>

#include <libbranch/plugin.hpp>
#include <libbranch/registry.hpp>
#include <libbranch/staged_registrar.hpp>

extern "C" const char* libbranch_plugin_rule_of_law_init(libbranch::PluginRegistrar*);
extern "C" const char* libbranch_plugin_cohesion_init(libbranch::PluginRegistrar*);
extern "C" const char* libbranch_plugin_civility_init(libbranch::PluginRegistrar*);
extern "C" const char* libbranch_plugin_development_init(libbranch::PluginRegistrar*);
extern "C" const char* libbranch_plugin_fortress_init(libbranch::PluginRegistrar*);

namespace libbranch::testing {

[[nodiscard]] inline MetricRegistry full_registry() {
  using Init = const char* (*)(PluginRegistrar*);
  const std::pair<const char*, Init> plugins[] = {
      {"rule_of_law", libbranch_plugin_rule_of_law_init}, {"cohesion", libbranch_plugin_cohesion_init},
      {"civility", libbranch_plugin_civility_init},       {"development", libbranch_plugin_development_init},
      {"fortress", libbranch_plugin_fortress_init}};
  MetricRegistry registry;
  register_core_metrics(registry);
  for (const auto& [name, init] : plugins) {
    StagedRegistrar registrar(registry, name, {name});
    if (const char* failure = init(&registrar)) throw std::runtime_error(std::string(name) + ": " + failure);
    registrar.commit();
  }
  return registry;
}

}  // namespace libbranch::testing
