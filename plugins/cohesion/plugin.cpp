// Entry block of the cohesion plugin (凝聚人心好): serving the people, home visits, dispute
// resolution, pairing with families, outreach talks.
#include <libbranch/plugin.hpp>

#include "metrics.hpp"

LIBBRANCH_PLUGIN(cohesion, "cohesion", "0.1.0")

void libbranch_plugin_cohesion_register(libbranch::PluginRegistrar& r) {
  using namespace libbranch::plugins::cohesion;
  register_outreach_metrics(r);
  register_dispute_metrics(r);
  register_participation_metrics(r);
}
