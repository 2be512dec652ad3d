// rule_of_law: integrity and discipline (党风廉政、警示教育、严重违纪).
#include <libbranch/model/observation_table.hpp>
#include <libbranch/observations.hpp>
#include <libbranch/plugin_sdk.hpp>

#include "metrics.hpp"

namespace libbranch::plugins::rule_of_law {
namespace {

// obs.serious_violations with agg = sum (fixed): 0 when the branch has none.
Eigen::VectorXd serious_violations(const Dataset& ds, const Period& period, const Params&) {
  return aggregate_observations(ds, period, kSeriousViolations, ObservationAggregate::sum);
}

}  // namespace

void register_integrity_metrics(PluginRegistrar& r) {
  r.add(Metric{.id = "rule_of_law.integrity_meetings",
               .label_zh = "党风廉政建设部署会次数",
               .label_en = "integrity deployment meetings",
               .unit = "count",
               .direction = Direction::benefit,
               .summary = "Counts the branch's integrity deployment meetings (党风廉政建设部署会) in the period.",
               .compute = count_function({ActivityKind::integrity_meeting})});
  r.add(Metric{.id = "rule_of_law.warning_education",
               .label_zh = "警示教育次数",
               .label_en = "warning education sessions",
               .unit = "count",
               .direction = Direction::benefit,
               .summary = "Counts the branch's warning education activities and warning film showings "
                          "(警示教育活动、观看警示教育片) in the period.",
               .compute = count_function({ActivityKind::warning_education, ActivityKind::warning_film})});
  r.add(Metric{.id = "rule_of_law.serious_violations",
               .label_zh = "严重违纪数",
               .label_en = "serious discipline violations",
               .unit = "count",
               .direction = Direction::cost,
               .summary = "Sums the branch's observations of serious discipline violations (严重违纪, "
                          "observations.csv `serious_violations`) in the period; 0 when there are none.",
               .compute = serious_violations});
}

}  // namespace libbranch::plugins::rule_of_law
