// cohesion: reaching families (入户走访、结对认亲、宣讲) and aid spent for people.
#include <cstdint>

#include <libbranch/plugin_sdk.hpp>

#include "metrics.hpp"

namespace libbranch::plugins::cohesion {
namespace {

// Σ amount_yuan over all activities of the branch dated in the period (any kind, custom kinds
// included; absent = 0), in file order, / N̄; NaN if N̄ = 0.
Eigen::VectorXd aid_per_member(const Dataset& ds, const Period& period, const Params&) {
  const ActivityTable& t = ds.activities();
  const SparseColumn<double>& amount = t.amount_yuan;
  return per_branch(ds, [&](std::uint32_t b) {
    const RowRange rows = ds.activities_of(b);
    double sum = 0.0;
    for (std::size_t i = amount.lower_bound(rows.begin); i < amount.entry_count(); ++i) {
      const std::uint32_t r = amount.entry_row(i);
      if (r >= rows.end) break;
      if (in_period(t.date, r, period)) sum += amount.entry_value(i);
    }
    return per_mean_member(sum, mean_members(ds, b, period));
  });
}

}  // namespace

void register_outreach_metrics(PluginRegistrar& r) {
  r.add(Metric{.id = "cohesion.home_visits",
               .label_zh = "入户走访次数",
               .label_en = "home visits",
               .unit = "count",
               .direction = Direction::benefit,
               .summary = "Counts the branch's home visits (入户走访) in the period.",
               .compute = count_function({ActivityKind::home_visit})});
  r.add(Metric{.id = "cohesion.pairing_months",
               .label_zh = "结对认亲活动月数",
               .label_en = "months with pairing activities",
               .unit = "months",
               .direction = Direction::benefit,
               .summary = "Counts the distinct (year, month) pairs with pairing activities (结对认亲、民族团结一家亲) "
                          "in the period.",
               .compute = coverage_function({ActivityKind::pairing_activity}, CalendarUnit::month)});
  r.add(Metric{.id = "cohesion.publicity_talks",
               .label_zh = "宣讲活动次数",
               .label_en = "publicity talks",
               .unit = "count",
               .direction = Direction::benefit,
               .summary = "Counts the branch's publicity talks (宣讲活动) in the period.",
               .compute = count_function({ActivityKind::publicity_talk})});
  r.add(Metric{.id = "cohesion.aid_per_member",
               .label_zh = "人均帮扶金额",
               .label_en = "aid per member",
               .unit = "yuan/member",
               .direction = Direction::benefit,
               .summary = "Divides the money (amount_yuan) of all the branch's activities in the period by the mean "
                          "number of party members (N̄); NaN when N̄ is 0.",
               .compute = aid_per_member});
}

}  // namespace libbranch::plugins::cohesion
