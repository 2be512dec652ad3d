// Entry block of the civility plugin (文明创建好): party-building brands, party groups covering the
// business units, pioneer posts, service stations (五有).
#include <libbranch/plugin.hpp>

#include "metrics.hpp"

LIBBRANCH_PLUGIN(civility, "civility", "0.1.0")

void libbranch_plugin_civility_register(libbranch::PluginRegistrar& r) {
  using namespace libbranch::plugins::civility;
  register_organization_metrics(r);
  register_venue_metrics(r);
  register_volunteer_metrics(r);
}
