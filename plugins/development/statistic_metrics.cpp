// Statistics supplied from elsewhere (docs/reference/metrics.md §7, development): the latest
// observation of an indicator in the period, with the aggregation fixed to `last` (these metrics
// take no parameter).
#include <string>

#include <libbranch/model/observation_table.hpp>
#include <libbranch/observations.hpp>

#include "metrics.hpp"

namespace libbranch::plugins::development {
namespace {

/// The "latest" observation of `indicator` (docs/reference/metrics.md §7 observation metrics, agg =
/// last): latest date in the period, the later row among equal dates; undated ones only when no
/// dated one of this indicator falls in the period; NaN when there is none.
MetricFunction latest_observation(std::string indicator) {
  return [indicator = std::move(indicator)](const Dataset& ds, const Period& period, const Params&) {
    return aggregate_observations(ds, period, indicator, ObservationAggregate::last);
  };
}

}  // namespace

void register_statistic_metrics(PluginRegistrar& registrar) {
  registrar.add(Metric{.id = "development.online_filing_rate",
                       .label_zh = "网上立案率",
                       .label_en = "online filing rate",
                       .unit = "share",
                       .direction = Direction::benefit,
                       .summary = "Takes the branch's latest online filing rate observation of the period "
                                  "(observations.csv).",
                       .compute = latest_observation(std::string(kOnlineFilingRate))});
  registrar.add(Metric{.id = "development.business_performance",
                       .label_zh = "经营业绩",
                       .label_en = "business performance",
                       .unit = "value",
                       .direction = Direction::benefit,
                       .summary = "Takes the branch's latest business performance observation of the period "
                                  "(observations.csv).",
                       .compute = latest_observation(std::string(kBusinessPerformance))});
}

}  // namespace libbranch::plugins::development
