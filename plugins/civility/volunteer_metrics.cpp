// civility: volunteer service (志愿服务).
#include <cstdint>

#include <libbranch/plugin_sdk.hpp>

#include "metrics.hpp"

namespace libbranch::plugins::civility {
namespace {

constexpr KindSet kVolunteer{ActivityKind::volunteer_service};

// Σ hours · attendees over A(volunteer_service) / N̄; NaN if N̄ = 0.
Eigen::VectorXd volunteer_hours_per_member(const Dataset& ds, const Period& period, const Params&) {
  return per_branch(ds, [&](std::uint32_t b) {
    return per_mean_member(sum_hours_attendees(ds, b, period, kVolunteer), mean_members(ds, b, period));
  });
}

}  // namespace

void register_volunteer_metrics(PluginRegistrar& r) {
  r.add(Metric{.id = "civility.volunteer_hours_per_member",
               .label_zh = "人均志愿服务时长",
               .label_en = "volunteer hours per member",
               .unit = "hours/member",
               .direction = Direction::benefit,
               .summary = "Divides the person-hours (hours × attendees) of the branch's volunteer service in the period "
                          "by the mean number of party members (N̄); NaN when N̄ is 0.",
               .compute = volunteer_hours_per_member});
}

}  // namespace libbranch::plugins::civility
