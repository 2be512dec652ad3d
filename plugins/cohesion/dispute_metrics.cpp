// cohesion: dispute resolution (矛盾纠纷化解) and escalation (矛盾上交).
#include <cmath>
#include <cstdint>

#include <libbranch/plugin_sdk.hpp>

#include "metrics.hpp"

namespace libbranch::plugins::cohesion {
namespace {

constexpr KindSet kMediation{ActivityKind::dispute_mediation};

/// Σ cases, Σ escalated and Σ (cases − escalated) over A(dispute_mediation), absent = 0, in file order.
struct DisputeSums {
  double cases = 0.0;
  double escalated = 0.0;
  double resolved = 0.0;
};

DisputeSums dispute_sums(const Dataset& ds, std::uint32_t b, const Period& period) {
  const ActivityTable& t = ds.activities();
  const RowRange rows = ds.activities_of(b);
  SparseCursor<std::int64_t> cases(t.cases, rows.begin);
  SparseCursor<std::int64_t> escalated(t.escalated, rows.begin);
  DisputeSums s;
  for (std::uint32_t r = rows.begin; r < rows.end; ++r) {
    if (!in_a(t, r, period, kMediation)) continue;
    const std::int64_t* c = cases.at(r);
    const std::int64_t* e = escalated.at(r);
    const std::int64_t cv = c ? *c : 0;
    const std::int64_t ev = e ? *e : 0;
    s.cases += static_cast<double>(cv);
    s.escalated += static_cast<double>(ev);
    s.resolved += static_cast<double>(cv - ev);  // loading guarantees 0 ≤ escalated ≤ cases
  }
  return s;
}

Eigen::VectorXd disputes_resolved(const Dataset& ds, const Period& period, const Params&) {
  return per_branch(ds, [&](std::uint32_t b) { return dispute_sums(ds, b, period).resolved; });
}

Eigen::VectorXd escalation_rate(const Dataset& ds, const Period& period, const Params&) {
  return per_branch(ds, [&](std::uint32_t b) {
    const DisputeSums s = dispute_sums(ds, b, period);
    return s.cases == 0.0 ? std::nan("") : s.escalated / s.cases;
  });
}

}  // namespace

void register_dispute_metrics(PluginRegistrar& r) {
  r.add(Metric{.id = "cohesion.disputes_resolved",
               .label_zh = "化解矛盾纠纷件数",
               .label_en = "disputes resolved",
               .unit = "cases",
               .direction = Direction::benefit,
               .summary = "Sums the cases handled minus the cases escalated over the branch's dispute mediation "
                          "activities (矛盾纠纷化解) in the period.",
               .compute = disputes_resolved});
  r.add(Metric{.id = "cohesion.escalation_rate",
               .label_zh = "矛盾上交率",
               .label_en = "dispute escalation rate",
               .unit = "share",
               .direction = Direction::cost,
               .summary = "Divides the cases escalated upward (矛盾上交) by the cases handled over the branch's dispute "
                          "mediation activities in the period; NaN when no case was handled.",
               .compute = escalation_rate});
}

}  // namespace libbranch::plugins::cohesion
