#pragma once
// Private to the development plugin (推动发展好): one registration function per family file, and
// the helper that assembles a Metric from its documentation and batch function.
#include <string>
#include <utility>
#include <vector>

#include <libbranch/plugin.hpp>

namespace libbranch::plugins::development {

/// Members' exemplary role and service to the public: counts of activities (亮身份, outreach,
/// education bases, veterans, competitions).
void register_service_metrics(PluginRegistrar& registrar);
/// Statistics supplied in observations.csv: online filing rate, business performance.
void register_statistic_metrics(PluginRegistrar& registrar);

/// A benefit metric of this plugin (every development metric is benefit: SPEC §4 marks none as cost).
[[nodiscard]] inline Metric make_metric(std::string id, std::string label_zh, std::string label_en, std::string unit,
                                        std::string summary, MetricFunction compute,
                                        std::vector<ParamSpec> params = {}) {
  Metric m;
  m.id = std::move(id);
  m.label_zh = std::move(label_zh);
  m.label_en = std::move(label_en);
  m.unit = std::move(unit);
  m.direction = Direction::benefit;
  m.summary = std::move(summary);
  m.params = std::move(params);
  m.compute = std::move(compute);
  return m;
}

}  // namespace libbranch::plugins::development
