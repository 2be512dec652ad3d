// cohesion: members taking part in organization life (参会率).
#include <cmath>
#include <cstdint>

#include <libbranch/plugin_sdk.hpp>

#include "metrics.hpp"

namespace libbranch::plugins::cohesion {
namespace {

constexpr KindSet kOrganizationLife{ActivityKind::branch_congress, ActivityKind::group_meeting,
                                    ActivityKind::party_lecture, ActivityKind::theme_day,
                                    ActivityKind::org_life_meeting};

// Σ attendees / Σ expected over the activities of A(branch_congress ∪ group_meeting ∪
// party_lecture ∪ theme_day ∪ org_life_meeting) with expected > 0 and an attendee count; NaN if none.
Eigen::VectorXd participation_rate(const Dataset& ds, const Period& period, const Params&) {
  const ActivityTable& t = ds.activities();
  return per_branch(ds, [&](std::uint32_t b) {
    const RowRange rows = ds.activities_of(b);
    double attendees = 0.0;
    double expected = 0.0;
    std::int64_t counted = 0;
    for (std::uint32_t r = rows.begin; r < rows.end; ++r) {
      if (!in_a(t, r, period, kOrganizationLife) || !t.attendees.has(r)) continue;
      const std::int64_t e = t.expected.value_or(r, 0);
      if (e <= 0) continue;
      attendees += static_cast<double>(t.attendees.value_or(r, 0));
      expected += static_cast<double>(e);
      ++counted;
    }
    return counted == 0 ? std::nan("") : attendees / expected;
  });
}

}  // namespace

void register_participation_metrics(PluginRegistrar& r) {
  r.add(Metric{.id = "cohesion.participation_rate",
               .label_zh = "组织生活参会率",
               .label_en = "participation rate in organization life",
               .unit = "share",
               .direction = Direction::benefit,
               .summary = "Divides the attendees by the expected attendees over the branch's general meetings, group "
                          "meetings, party lectures, theme days and organizational life meetings in the period that "
                          "give both (expected > 0); NaN when there are none.",
               .compute = participation_rate});
}

}  // namespace libbranch::plugins::cohesion
