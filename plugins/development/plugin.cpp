// The development plugin (推动发展好): the entry block only. The metrics live in one file per family.
#include <libbranch/plugin.hpp>

#include "metrics.hpp"

LIBBRANCH_PLUGIN(development, "development", "0.1.0")

void libbranch_plugin_development_register(libbranch::PluginRegistrar& registrar) {
  libbranch::plugins::development::register_service_metrics(registrar);
  libbranch::plugins::development::register_statistic_metrics(registrar);
}
