// Entry block of the rule_of_law plugin (依法治理好): legal education, integrity and discipline,
// openness of party and financial affairs.
#include <libbranch/plugin.hpp>

#include "metrics.hpp"

LIBBRANCH_PLUGIN(rule_of_law, "rule_of_law", "0.1.0")

void libbranch_plugin_rule_of_law_register(libbranch::PluginRegistrar& r) {
  using namespace libbranch::plugins::rule_of_law;
  register_education_metrics(r);
  register_integrity_metrics(r);
  register_openness_metrics(r);
}
