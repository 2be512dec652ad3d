// civility: party groups over the business units (党小组覆盖), pioneer posts (先锋岗), brands (党建品牌).
#include <cmath>
#include <cstdint>

#include <libbranch/plugin_sdk.hpp>

#include "metrics.hpp"

namespace libbranch::plugins::civility {
namespace {

// units_covered / internal_units (absent units_covered = 0); 1 if internal_units is 0 or absent.
Eigen::VectorXd group_coverage(const Dataset& ds, const Period&, const Params&) {
  const BranchTable& t = ds.branches();
  return per_branch(ds, [&](std::uint32_t b) {
    const std::int64_t units = t.internal_units.value_or(b, 0);
    if (units == 0) return 1.0;
    return static_cast<double>(t.units_covered.value_or(b, 0)) / static_cast<double>(units);
  });
}

// 10 · pioneer_posts / N(to), computed as (10 · p) / N (absent pioneer_posts = 0); NaN if N(to) = 0.
Eigen::VectorXd pioneer_posts_per_10(const Dataset& ds, const Period& period, const Params&) {
  const BranchTable& t = ds.branches();
  return per_branch(ds, [&](std::uint32_t b) {
    const std::int64_t members = members_on(ds, b, period.to);
    if (members == 0) return std::nan("");
    return (10.0 * static_cast<double>(t.pioneer_posts.value_or(b, 0))) / static_cast<double>(members);
  });
}

Eigen::VectorXd brands(const Dataset& ds, const Period&, const Params&) {
  const BranchTable& t = ds.branches();
  return per_branch(ds, [&](std::uint32_t b) { return static_cast<double>(t.brands.value_or(b, 0)); });
}

}  // namespace

void register_organization_metrics(PluginRegistrar& r) {
  r.add(Metric{.id = "civility.group_coverage",
               .label_zh = "党小组覆盖内设机构比例",
               .label_en = "business units covered by party groups",
               .unit = "share",
               .direction = Direction::benefit,
               .summary = "Divides the business units covered by a party group (党小组) by the branch's business units "
                          "(内设机构); 1 when the branch has none or does not say.",
               .compute = group_coverage});
  r.add(Metric{.id = "civility.pioneer_posts_per_10",
               .label_zh = "每十名党员先锋岗数",
               .label_en = "pioneer posts per 10 members",
               .unit = "posts/10 members",
               .direction = Direction::benefit,
               .summary = "Relates the branch's pioneer and model posts (党员先锋岗、示范岗) to its party members on "
                          "the last day of the period, per 10 members; NaN when it has none that day.",
               .compute = pioneer_posts_per_10});
  r.add(Metric{.id = "civility.brands",
               .label_zh = "党建品牌数",
               .label_en = "party-building brands",
               .unit = "count",
               .direction = Direction::benefit,
               .summary = "Reports the branch's registered party-building brands (党建品牌); 0 when not given.",
               .compute = brands});
}

}  // namespace libbranch::plugins::civility
