#pragma once
// Plugin SDK: ready-made batch functions (the `compute` of a Metric) for the two commonest metric
// shapes — |A(k)| and months / quarters covered by A(k) — read from the core's shared
// ActivityTally (<libbranch/activity_tally.hpp>), which makes one pass over the activities for all
// such metrics of a score. Part of <libbranch/plugin_sdk.hpp>.
#include <memory>

#include <libbranch/activity_tally.hpp>
#include <libbranch/metric.hpp>
#include <libbranch/sdk/coverage_counter.hpp>
#include <libbranch/sdk/kind_set.hpp>

namespace libbranch::plugins {

/// The batch function of a metric |A(kinds)| (counts are exact integers, so the result is the
/// same as count_activities() gives).
[[nodiscard]] inline MetricFunction count_function(KindSet kinds) {
  return [kinds](const Dataset& ds, const Period& period, const Params&) {
    const std::shared_ptr<const ActivityTally> tally = activity_tally(ds, period);
    return per_branch(ds, [&](std::uint32_t b) { return static_cast<double>(tally->count(b, kinds.bits())); });
  };
}

/// The batch function of a metric "months covered" / "quarters covered" by A(kinds): from the
/// shared tally's month masks, or, for a period of more than ActivityTally::kMaxMonths months, by
/// walking the activities (CoverageCounter).
[[nodiscard]] inline MetricFunction coverage_function(KindSet kinds, CalendarUnit unit) {
  return [kinds, unit](const Dataset& ds, const Period& period, const Params&) {
    const std::shared_ptr<const ActivityTally> tally = activity_tally(ds, period);
    if (!tally->has_months()) {
      const CoverageCounter counter(period, unit);
      return per_branch(ds, [&](std::uint32_t b) { return static_cast<double>(counter.count(ds, b, kinds)); });
    }
    return per_branch(ds, [&](std::uint32_t b) {
      return static_cast<double>(unit == CalendarUnit::month ? tally->months_covered(b, kinds.bits())
                                                             : tally->quarters_covered(b, kinds.bits()));
    });
  };
}

}  // namespace libbranch::plugins
