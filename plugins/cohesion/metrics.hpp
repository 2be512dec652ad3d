#pragma once
// cohesion plugin (凝聚人心好): one registration function per family of metrics
// (docs/reference/metrics.md §3).
#include <libbranch/plugin.hpp>

namespace libbranch::plugins::cohesion {

/// home_visits, pairing_months, publicity_talks, aid_per_member
void register_outreach_metrics(PluginRegistrar& r);
/// disputes_resolved, escalation_rate
void register_dispute_metrics(PluginRegistrar& r);
/// participation_rate
void register_participation_metrics(PluginRegistrar& r);

}  // namespace libbranch::plugins::cohesion
