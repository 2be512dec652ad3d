#pragma once
// The plugin SDK: everything a metric plugin needs from libbranch in one include — the plugin
// entry block and registrar (<libbranch/plugin.hpp>), the Metric struct a plugin fills with
// designated initialisers, and the helpers the standard plugins use to compute metrics in the
// notation of docs/reference/metrics.md §1.2 (namespace libbranch::plugins):
//
//   sdk/kind_set.hpp          KindSet: a compile-time set of built-in activity kinds
//   sdk/activity_sums.hpp     in_a, |A(k)|, Σ attendees, Σ hours · attendees, SparseCursor
//   sdk/member_counts.hpp     N(d), F(d), N̄, per_mean_member
//   sdk/coverage_counter.hpp  months / quarters covered, by walking the activities
//   sdk/tally_functions.hpp   count_function, coverage_function: ready-made batch functions
//
//   #include <libbranch/plugin_sdk.hpp>
//   using namespace libbranch;
//   LIBBRANCH_PLUGIN(my_plugin, "rule_of_law", "1.0.0")
//   void libbranch_plugin_my_plugin_register(PluginRegistrar& r) {
//     r.add(Metric{.id = "rule_of_law.lecture_hall", .label_zh = "大讲堂次数",
//                  .label_en = "lecture hall sessions", .unit = "count",
//                  .summary = "Counts the branch's lecture hall sessions (大讲堂) in the period.",
//                  .compute = plugins::count_function({ActivityKind::lecture_hall})});
//   }
//
// docs/plugins.md walks through writing a plugin with it.
#include <libbranch/metric.hpp>
#include <libbranch/plugin.hpp>
#include <libbranch/sdk/activity_sums.hpp>
#include <libbranch/sdk/coverage_counter.hpp>
#include <libbranch/sdk/kind_set.hpp>
#include <libbranch/sdk/member_counts.hpp>
#include <libbranch/sdk/tally_functions.hpp>
