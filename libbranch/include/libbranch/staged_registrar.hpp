#pragma once
// The registrar the loader hands to a plugin: checks every id, adds nothing until the plugin's
// init has succeeded, so a failing plugin leaves the registry as it was.
#include <string>
#include <vector>

#include <libbranch/export.hpp>
#include <libbranch/plugin.hpp>
#include <libbranch/registry.hpp>

namespace libbranch {

class LIBBRANCH_API StagedRegistrar final : public PluginRegistrar {
 public:
  /// `owner` names the plugin in messages; `standards` are the ones it declared.
  StagedRegistrar(MetricRegistry& registry, std::string owner, std::vector<std::string> standards);

  /// Throws libbranch::Error for an id outside the declared standards, an id already in the
  /// registry (naming who registered it first) or one this plugin already added.
  void add(Metric metric) override;
  /// Moves the staged metrics into the registry.
  void commit();
  [[nodiscard]] const std::vector<Metric>& staged() const noexcept { return staged_; }

 private:
  MetricRegistry& registry_;
  std::string owner_;
  std::vector<std::string> standards_;
  std::vector<Metric> staged_;
};

}  // namespace libbranch
