#pragma once
// Private to the fortress plugin (堡垒作用好): one registration function per family file.
#include <libbranch/plugin.hpp>

namespace libbranch::plugins::fortress {

/// 三会一课, 主题党日, 组织生活会: months / quarters covered, org life and review, secretary lectures.
void register_meeting_metrics(PluginRegistrar& registrar);
/// The branch committee: complete committee, election term current.
void register_committee_metrics(PluginRegistrar& registrar);
/// Membership development and structure: on-time conversions, new probationary members,
/// structure improvements (一降一增一升).
void register_membership_metrics(PluginRegistrar& registrar);
/// Member points (党员积分制): share of members reaching a points threshold.
void register_points_metrics(PluginRegistrar& registrar);

}  // namespace libbranch::plugins::fortress
