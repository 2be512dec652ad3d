#pragma once
// Private to the fortress plugin (堡垒作用好): one registration function per family file, and the
// helper that assembles a Metric from its documentation and batch function.
#include <string>
#include <utility>
#include <vector>

#include <libbranch/plugin.hpp>

namespace libbranch::plugins::fortress {

/// 三会一课, 主题党日, 组织生活会: months / quarters covered, org life and review, secretary lectures.
void register_meeting_metrics(PluginRegistrar& registrar);
/// The branch committee: complete committee, election term current.
void register_committee_metrics(PluginRegistrar& registrar);
/// Membership development and structure: on-time conversions, new probationary members,
/// structure improvements (一降一增一升).
void register_membership_metrics(PluginRegistrar& registrar);
/// Member points (党员积分制): share of members reaching a points threshold.
void register_points_metrics(PluginRegistrar& registrar);

/// A benefit metric of this plugin (every fortress metric is benefit: SPEC §4 marks none as cost).
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

}  // namespace libbranch::plugins::fortress
