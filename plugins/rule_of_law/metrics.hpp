#pragma once
// rule_of_law plugin (依法治理好): one registration function per family of metrics
// (docs/reference/metrics.md §2).
#include <libbranch/plugin.hpp>

namespace libbranch::plugins::rule_of_law {

/// legal_education, lecture_hall, training_per_member, training_hours_per_member, role_model_study
void register_education_metrics(PluginRegistrar& r);
/// integrity_meetings, warning_education, serious_violations
void register_integrity_metrics(PluginRegistrar& r);
/// online_share, disclosure_quarters
void register_openness_metrics(PluginRegistrar& r);

}  // namespace libbranch::plugins::rule_of_law
