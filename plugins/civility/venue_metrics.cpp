// civility: service stations (党群服务站“五有”) and facilities (阵地设施).
#include <cstdint>

#include <libbranch/model/enums.hpp>
#include <libbranch/plugin_sdk.hpp>

#include "metrics.hpp"

namespace libbranch::plugins::civility {
namespace {

Eigen::VectorXd service_station(const Dataset& ds, const Period&, const Params&) {
  const BranchTable& t = ds.branches();
  return per_branch(ds, [&](std::uint32_t b) { return static_cast<double>(popcount8(t.service_station[b])); });
}

Eigen::VectorXd facilities(const Dataset& ds, const Period&, const Params&) {
  const BranchTable& t = ds.branches();
  return per_branch(ds, [&](std::uint32_t b) { return static_cast<double>(popcount8(t.facilities[b])); });
}

}  // namespace

void register_venue_metrics(PluginRegistrar& r) {
  r.add(Metric{.id = "civility.service_station",
               .label_zh = "党群服务站“五有”项数",
               .label_en = "service station standards met (五有)",
               .unit = "items (0-5)",
               .direction = Direction::benefit,
               .summary = "Counts which of the five 五有 (staffed, venue, team, activities, rules) the branch's service "
                          "station has.",
               .compute = service_station});
  r.add(Metric{.id = "civility.facilities",
               .label_zh = "阵地设施项数",
               .label_en = "facilities present",
               .unit = "items (0-6)",
               .direction = Direction::benefit,
               .summary = "Counts the branch's facilities (activity room, library corner, culture corridor, honor "
                          "wall, brand wall, gym).",
               .compute = facilities});
}

}  // namespace libbranch::plugins::civility
