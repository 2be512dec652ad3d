#pragma once
// A rubric whose numbers depend on peers in every way the engine knows, for the tests of scoring
// in parts (out of core, part by part): relative rules under every kind of peer group, two rank
// rules of opposite order and a minmax rule on one column, a veto, and stars with quotas per
// parent_id and a direct rating.
#include <libbranch/dataset.hpp>
#include <libbranch/rubric.hpp>

#include "synthetic_dataset.hpp"

namespace libbranch::testing {

inline constexpr const char* kRelativeRubric = R"({"name": "relative", "standards": [{"id": "s", "name": "S", "indicators": [
  {"id": "aid", "metric": "cohesion.aid_per_member", "points": 5, "rule": {"type": "relative_to_best"}, "group_by": "parent_id"},
  {"id": "aid_asc", "metric": "cohesion.aid_per_member", "points": 5, "rule": {"type": "relative_to_best", "order": "asc"}, "group_by": "org_type"},
  {"id": "hours", "metric": "civility.volunteer_hours_per_member", "points": 5, "rule": {"type": "minmax"}, "group_by": null},
  {"id": "visits", "metric": "cohesion.home_visits", "points": 5, "rule": {"type": "rank", "points_by_rank": [5, 4, 3], "otherwise": 1}, "group_by": "parent_id"},
  {"id": "visits_asc", "metric": "cohesion.home_visits", "points": 5, "rule": {"type": "rank", "points_by_rank": [2, 1], "order": "asc"}, "group_by": "parent_id"},
  {"id": "visits_mm", "metric": "cohesion.home_visits", "points": 5, "rule": {"type": "minmax"}, "group_by": "org_type"},
  {"id": "perf", "metric": "development.business_performance", "points": 5, "rule": {"type": "rank", "points_by_rank": [5, 3], "order": "asc"}, "group_by": "org_type", "missing": "exclude"}]}],
  "vetoes": [{"metric": "rule_of_law.serious_violations", "op": ">", "value": 0, "rating": "no"}],
  "ratings": [{"min": 10, "label": "yes"}, {"min": null, "label": "no"}],
  "stars": {"levels": [{"label": "A", "quota": 0.2}, {"label": "B", "quota": 0.3, "min_total": 5}], "rest": "C", "group_by": "parent_id",
            "direct": [{"label": "A", "when": [{"metric": "cohesion.home_visits", "op": ">=", "value": 20}]}]}})";

/// kRelativeRubric; without its stars when `stars` is false.
[[nodiscard]] inline Rubric relative_rubric(bool stars = true) {
  Rubric r = Rubric::parse(kRelativeRubric, "relative.json");
  if (!stars) r.stars.reset();
  return r;
}

/// 400 synthetic branches over 2024 and 2025, loaded once per test binary.
[[nodiscard]] inline const Dataset& synthetic_province() {
  static const Dataset ds = synthetic_dataset(400, 11, 2024, 2025);
  return ds;
}

}  // namespace libbranch::testing
