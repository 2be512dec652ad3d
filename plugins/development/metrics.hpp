#pragma once
// Private to the development plugin (推动发展好): one registration function per family file.
#include <libbranch/plugin.hpp>

namespace libbranch::plugins::development {

/// Members' exemplary role and service to the public: counts of activities (亮身份, outreach,
/// education bases, veterans, competitions).
void register_service_metrics(PluginRegistrar& registrar);
/// Statistics supplied in observations.csv: online filing rate, business performance.
void register_statistic_metrics(PluginRegistrar& registrar);

}  // namespace libbranch::plugins::development
