// The branch committee (支部委员会) and its term (换届) (docs/reference/metrics.md §6, fortress).
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

#include <libbranch/model/enums.hpp>

#include "metrics.hpp"

namespace libbranch::plugins::fortress {
namespace {

/// Formal members from which a branch must have a committee (docs/reference/metrics.md §6.1: F(to)
/// ≥ 7).
constexpr std::int64_t kCommitteeRequiredFrom = 7;
constexpr std::int64_t kCommitteeMin = 3;
constexpr std::int64_t kCommitteeMax = 7;

/// Among the party members of branch `b` on day `to`: exactly one secretary, at most one deputy
/// secretary and, when F(to) ≥ 7, 3–7 members with role secretary, deputy_secretary or
/// committee_member. Roles are current roles (docs/reference/data-format.md §5.4). One pass over
/// the branch's rows.
double committee_complete(const Dataset& ds, std::uint32_t b, Date to) {
  const MemberTable& m = ds.members();
  const RowRange rows = ds.members_of(b);
  std::int64_t secretaries = 0;
  std::int64_t deputies = 0;
  std::int64_t committee = 0;
  std::int64_t formal = 0;
  for (std::uint32_t r = rows.begin; r < rows.end; ++r) {
    if (!m.is_member_on(r, to)) continue;
    const Date conversion = m.conversion_date[r];
    if (!conversion.is_none() && conversion <= to) ++formal;  // is_formal_member_on, membership known
    switch (m.role[r]) {
      case Role::secretary: ++secretaries; ++committee; break;
      case Role::deputy_secretary: ++deputies; ++committee; break;
      case Role::committee_member: ++committee; break;
      default: break;
    }
  }
  if (secretaries != 1 || deputies > 1) return 0.0;
  if (formal >= kCommitteeRequiredFrom && (committee < kCommitteeMin || committee > kCommitteeMax)) return 0.0;
  return 1.0;
}

/// The default term of a branch when the rubric gives no `term_years`: 5 years for village and
/// community branches, 3 for every other org_type (absent included).
std::int64_t default_term_years(OrgType type) {
  return type == OrgType::village || type == OrgType::community ? 5 : 3;
}

/// Dates have four-digit years, so a term this long never ends inside them; capping keeps
/// Date::plus_years away from int overflow for absurd but valid rubric values.
constexpr std::int64_t kMaxTermYears = 20000;

/// 1 if last_election ≤ to < last_election + term years ("+ n years" keeps month and day; 29
/// February becomes 28 February), else 0; 0 when last_election is absent.
double term_current(Date last_election, Date to, std::int64_t term_years) {
  if (last_election.is_none() || to < last_election) return 0.0;
  const int years = static_cast<int>(std::clamp<std::int64_t>(term_years, 0, kMaxTermYears));
  return to < last_election.plus_years(years) ? 1.0 : 0.0;
}

}  // namespace

void register_committee_metrics(PluginRegistrar& registrar) {
  registrar.add(Metric{.id = "fortress.committee_complete",
                       .label_zh = "支部委员会配备齐全",
                       .label_en = "branch committee complete",
                       .unit = "yes/no",
                       .direction = Direction::benefit,
                       .summary = "Tells whether, among the party members on the last day of the period, the branch "
                                  "has exactly one secretary, at most one deputy secretary and, when it has at least "
                                  "seven formal members, a committee of three to seven (1) or not (0).",
                       .compute = [](const Dataset& ds, const Period& period, const Params&) {
                         return per_branch(ds, [&](std::uint32_t b) { return committee_complete(ds, b, period.to); });
                       }});

  const ParamSpec term_years{.name = "term_years",
                             .type = ParamSpec::Type::integer,
                             .min_value = 1,
                             .default_value = std::nullopt,  // per branch: 5 for village and community, 3 otherwise
                             .description = "length of a term in years, for every branch; when absent, 5 for "
                                            "org_type village and community and 3 for the rest"};
  registrar.add(Metric{.id = "fortress.term_current",
                       .label_zh = "按期换届",
                       .label_en = "election term current",
                       .unit = "yes/no",
                       .direction = Direction::benefit,
                       .summary = "Tells whether the last day of the period falls within the term that began at the "
                                  "branch's last election (1) or not (0).",
                       .params = {term_years},
                       .compute = [](const Dataset& ds, const Period& period, const Params& params) {
                         const std::optional<std::int64_t> given = params.integer("term_years");
                         const BranchTable& branches = ds.branches();
                         return per_branch(ds, [&](std::uint32_t b) {
                           const std::int64_t years = given ? *given : default_term_years(branches.org_type[b]);
                           return term_current(branches.last_election[b], period.to, years);
                         });
                       }});
}

}  // namespace libbranch::plugins::fortress
