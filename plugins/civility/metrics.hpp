#pragma once
// civility plugin (文明创建好): one registration function per family of metrics
// (docs/reference/metrics.md §4).
#include <libbranch/plugin.hpp>

namespace libbranch::plugins::civility {

/// group_coverage, pioneer_posts_per_10, brands
void register_organization_metrics(PluginRegistrar& r);
/// service_station, facilities
void register_venue_metrics(PluginRegistrar& r);
/// volunteer_hours_per_member
void register_volunteer_metrics(PluginRegistrar& r);

}  // namespace libbranch::plugins::civility
