// 三会一课, 主题党日 and 组织生活会 (docs/reference/metrics.md §6, fortress): how regularly the branch meets,
// whether it held its organizational life meeting and democratic review, and how often its
// secretary lectured.
#include <cstdint>

#include <libbranch/model/enums.hpp>
#include <libbranch/plugin_sdk.hpp>

#include "metrics.hpp"

namespace libbranch::plugins::fortress {
namespace {

/// 1 when A(org_life_meeting) and A(democratic_review) are both non-empty, else 0.
double org_life_and_review(const Dataset& ds, std::uint32_t b, const Period& period) {
  constexpr KindCode kLife = code(ActivityKind::org_life_meeting);
  constexpr KindCode kReview = code(ActivityKind::democratic_review);
  const ActivityTable& t = ds.activities();
  const RowRange rows = ds.activities_of(b);
  bool life = false;
  bool review = false;
  for (std::uint32_t r = rows.begin; r < rows.end; ++r) {
    const KindCode k = t.kind[r];
    if ((k != kLife && k != kReview) || !in_period(t.date, r, period)) continue;
    (k == kLife ? life : review) = true;
    if (life && review) return 1.0;
  }
  return 0.0;
}

/// Activities of A(party_lecture) whose lecturer was, on the lecture's day, a party member of this
/// branch (docs/reference/data-format.md §5.2 "party member of branch b on day d") whose role is
/// secretary. The role has no history (docs/reference/data-format.md §5.4): it is the member's
/// current role. Walks the sparse lecturer column over the branch's activity rows only (entries are
/// sorted by activity row).
double secretary_lectures(const Dataset& ds, std::uint32_t b, const Period& period) {
  constexpr KindCode kLecture = code(ActivityKind::party_lecture);
  const ActivityTable& t = ds.activities();
  const MemberTable& m = ds.members();
  const RowRange rows = ds.activities_of(b);
  const SparseColumn<std::uint32_t>& lecturer = t.lecturer;
  std::int64_t n = 0;
  for (std::size_t i = lecturer.lower_bound(rows.begin); i < lecturer.entry_count(); ++i) {
    const std::uint32_t r = lecturer.entry_row(i);
    if (r >= rows.end) break;
    if (t.kind[r] != kLecture || !in_period(t.date, r, period)) continue;
    const std::uint32_t who = lecturer.entry_value(i);
    if (ds.members_of(b).contains(who) && m.role[who] == Role::secretary && m.is_member_on(who, t.date[r])) ++n;
  }
  return static_cast<double>(n);
}

}  // namespace

void register_meeting_metrics(PluginRegistrar& registrar) {
  registrar.add(Metric{.id = "fortress.committee_meeting_months",
                       .label_zh = "召开支部委员会会议月数",
                       .label_en = "months with a branch committee meeting",
                       .unit = "months",
                       .direction = Direction::benefit,
                       .summary = "Counts the calendar months of the period in which the branch held a committee "
                                  "meeting.",
                       .compute = coverage_function({ActivityKind::committee_meeting}, CalendarUnit::month)});
  registrar.add(Metric{.id = "fortress.congress_quarters",
                       .label_zh = "召开支部党员大会季度数",
                       .label_en = "quarters with a branch general meeting",
                       .unit = "quarters",
                       .direction = Direction::benefit,
                       .summary = "Counts the calendar quarters of the period in which the branch held a general "
                                  "meeting of its members.",
                       .compute = coverage_function({ActivityKind::branch_congress}, CalendarUnit::quarter)});
  registrar.add(Metric{.id = "fortress.group_meeting_months",
                       .label_zh = "召开党小组会月数",
                       .label_en = "months with a party group meeting",
                       .unit = "months",
                       .direction = Direction::benefit,
                       .summary = "Counts the calendar months of the period in which the branch held a party group "
                                  "meeting.",
                       .compute = coverage_function({ActivityKind::group_meeting}, CalendarUnit::month)});
  registrar.add(Metric{.id = "fortress.lecture_quarters",
                       .label_zh = "讲党课季度数",
                       .label_en = "quarters with a party lecture",
                       .unit = "quarters",
                       .direction = Direction::benefit,
                       .summary = "Counts the calendar quarters of the period in which the branch held a party "
                                  "lecture.",
                       .compute = coverage_function({ActivityKind::party_lecture}, CalendarUnit::quarter)});
  registrar.add(Metric{.id = "fortress.theme_day_months",
                       .label_zh = "开展主题党日月数",
                       .label_en = "months with a theme party day",
                       .unit = "months",
                       .direction = Direction::benefit,
                       .summary = "Counts the calendar months of the period in which the branch held a theme party "
                                  "day.",
                       .compute = coverage_function({ActivityKind::theme_day}, CalendarUnit::month)});
  registrar.add(Metric{.id = "fortress.org_life_and_review",
                       .label_zh = "召开组织生活会并开展民主评议党员",
                       .label_en = "organizational life meeting and democratic review held",
                       .unit = "yes/no",
                       .direction = Direction::benefit,
                       .summary = "Tells whether the branch held both an organizational life meeting and a democratic "
                                  "review of members in the period (1) or not (0).",
                       .compute = [](const Dataset& ds, const Period& period, const Params&) {
                         return per_branch(ds, [&](std::uint32_t b) { return org_life_and_review(ds, b, period); });
                       }});
  registrar.add(Metric{.id = "fortress.secretary_lectures",
                       .label_zh = "支部书记讲党课次数",
                       .label_en = "party lectures given by the branch secretary",
                       .unit = "count",
                       .direction = Direction::benefit,
                       .summary = "Counts the party lectures of the period whose lecturer was, on that day, a party "
                                  "member of the branch with the role of secretary.",
                       .compute = [](const Dataset& ds, const Period& period, const Params&) {
                         return per_branch(ds, [&](std::uint32_t b) { return secretary_lectures(ds, b, period); });
                       }});
}

}  // namespace libbranch::plugins::fortress
