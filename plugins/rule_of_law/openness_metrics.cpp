// rule_of_law: openness (党务、财务公开) and online work (互联网+).
#include <cmath>
#include <cstdint>

#include <libbranch/plugin_sdk.hpp>

#include "metrics.hpp"

namespace libbranch::plugins::rule_of_law {
namespace {

constexpr KindSet kOnlineEligible{ActivityKind::theme_day, ActivityKind::legal_education};

// Share of A(theme_day ∪ legal_education) whose mode is online or hybrid; NaN if none.
// An absent mode counts as offline.
Eigen::VectorXd online_share(const Dataset& ds, const Period& period, const Params&) {
  const ActivityTable& t = ds.activities();
  return per_branch(ds, [&](std::uint32_t b) {
    const RowRange rows = ds.activities_of(b);
    std::int64_t all = 0;
    std::int64_t online = 0;
    for (std::uint32_t r = rows.begin; r < rows.end; ++r) {
      if (!in_a(t, r, period, kOnlineEligible)) continue;
      ++all;
      if (t.mode[r] == Mode::online || t.mode[r] == Mode::hybrid) ++online;
    }
    return all == 0 ? std::nan("") : static_cast<double>(online) / static_cast<double>(all);
  });
}

}  // namespace

void register_openness_metrics(PluginRegistrar& r) {
  r.add(Metric{.id = "rule_of_law.online_share",
               .label_zh = "主题党日和普法活动线上开展比例",
               .label_en = "share of theme days and legal education held online",
               .unit = "share",
               .direction = Direction::benefit,
               .summary = "Computes the share of the branch's theme days and legal education activities in the period "
                          "held online or hybrid (互联网+); NaN when there are none.",
               .compute = online_share});
  r.add(Metric{.id = "rule_of_law.disclosure_quarters",
               .label_zh = "党务财务公开季度数",
               .label_en = "quarters with party and financial disclosure",
               .unit = "quarters",
               .direction = Direction::benefit,
               .summary = "Counts the distinct (year, quarter) pairs in which the branch disclosed party and financial "
                          "affairs (党务、财务公开) in the period.",
               .compute = coverage_function({ActivityKind::disclosure}, CalendarUnit::quarter)});
}

}  // namespace libbranch::plugins::rule_of_law
