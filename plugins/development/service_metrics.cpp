// Members' exemplary role and service to the public (docs/reference/metrics.md §5, development):
// counts of activities, |A(kinds)|. outreach_services is |A(legal_consultation)| +
// |A(community_outreach)|, i.e. the count over one set of both (distinct) kinds.
#include <libbranch/plugin_sdk.hpp>

#include "metrics.hpp"

namespace libbranch::plugins::development {

void register_service_metrics(PluginRegistrar& registrar) {
  registrar.add(Metric{.id = "development.identity_activities",
                       .label_zh = "亮身份、树形象活动次数",
                       .label_en = "identity display activities",
                       .unit = "count",
                       .direction = Direction::benefit,
                       .summary = "Counts the branch's activities of showing party identity (亮身份、树形象) in the period.",
                       .compute = count_function({ActivityKind::identity_display})});
  registrar.add(Metric{.id = "development.outreach_services",
                       .label_zh = "义务法律咨询和走进社区、学校、企业次数",
                       .label_en = "outreach services",
                       .unit = "count",
                       .direction = Direction::benefit,
                       .summary = "Counts the branch's free legal consultations and community outreach activities in "
                                  "the period.",
                       .compute = count_function({ActivityKind::legal_consultation, ActivityKind::community_outreach})});
  registrar.add(Metric{.id = "development.education_base_visits",
                       .label_zh = "参观爱国主义教育基地次数",
                       .label_en = "patriotic education base visits",
                       .unit = "count",
                       .direction = Direction::benefit,
                       .summary = "Counts the branch's visits to patriotic education bases in the period.",
                       .compute = count_function({ActivityKind::education_base_visit})});
  registrar.add(Metric{.id = "development.veteran_visits",
                       .label_zh = "慰问走访退休老党员次数",
                       .label_en = "visits to retired members",
                       .unit = "count",
                       .direction = Direction::benefit,
                       .summary = "Counts the branch's visits to retired veteran party members in the period.",
                       .compute = count_function({ActivityKind::veteran_visit})});
  registrar.add(Metric{.id = "development.competitions",
                       .label_zh = "演讲比赛、征文次数",
                       .label_en = "speech and essay competitions",
                       .unit = "count",
                       .direction = Direction::benefit,
                       .summary = "Counts the branch's speech and essay competitions in the period.",
                       .compute = count_function({ActivityKind::competition})});
}

}  // namespace libbranch::plugins::development
