// The fortress plugin (堡垒作用好): the entry block only. The metrics live in one file per family.
#include <libbranch/plugin.hpp>

#include "metrics.hpp"

LIBBRANCH_PLUGIN(fortress, "fortress", "0.1.0")

void libbranch_plugin_fortress_register(libbranch::PluginRegistrar& registrar) {
  libbranch::plugins::fortress::register_meeting_metrics(registrar);
  libbranch::plugins::fortress::register_committee_metrics(registrar);
  libbranch::plugins::fortress::register_membership_metrics(registrar);
  libbranch::plugins::fortress::register_points_metrics(registrar);
}
