// Members' exemplary role and service to the public (SPEC §4, development): counts of activities,
// |A(kinds)|. outreach_services is |A(legal_consultation)| + |A(community_outreach)|, i.e. the count
// over one set of both (distinct) kinds.
#include "../common/activity_counts.hpp"
#include "metrics.hpp"

namespace libbranch::plugins::development {

void register_service_metrics(PluginRegistrar& registrar) {
  registrar.add(make_metric(
      "development.identity_activities", "亮身份、树形象活动次数", "identity display activities", "count",
      "Counts the branch's activities of showing party identity (亮身份、树形象) in the period.",
      count_function({ActivityKind::identity_display})));
  registrar.add(make_metric(
      "development.outreach_services", "义务法律咨询和走进社区、学校、企业次数", "outreach services", "count",
      "Counts the branch's free legal consultations and community outreach activities in the period.",
      count_function({ActivityKind::legal_consultation, ActivityKind::community_outreach})));
  registrar.add(make_metric(
      "development.education_base_visits", "参观爱国主义教育基地次数", "patriotic education base visits", "count",
      "Counts the branch's visits to patriotic education bases in the period.",
      count_function({ActivityKind::education_base_visit})));
  registrar.add(make_metric(
      "development.veteran_visits", "慰问走访退休老党员次数", "visits to retired members", "count",
      "Counts the branch's visits to retired veteran party members in the period.",
      count_function({ActivityKind::veteran_visit})));
  registrar.add(make_metric(
      "development.competitions", "演讲比赛、征文次数", "speech and essay competitions", "count",
      "Counts the branch's speech and essay competitions in the period.",
      count_function({ActivityKind::competition})));
}

}  // namespace libbranch::plugins::development
