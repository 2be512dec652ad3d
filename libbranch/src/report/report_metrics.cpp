#include "report_metrics.hpp"

#include <algorithm>
#include <limits>

#include <libbranch/engine.hpp>

namespace libbranch::report_detail {

double ReportMetrics::required(std::string_view id, std::size_t row) {
  return column(registry_.get(id))[static_cast<Eigen::Index>(row)];
}

double ReportMetrics::optional(std::string_view id, std::size_t row) {
  const Metric* m = registry_.find(id);
  return m ? column(*m)[static_cast<Eigen::Index>(row)] : std::numeric_limits<double>::quiet_NaN();
}

const Eigen::VectorXd& ReportMetrics::column(const Metric& m) {
  if (const auto it = computed_.find(m.id); it != computed_.end()) return it->second;
  Eigen::VectorXd values;
  const MetricColumn wanted{m.id, with_defaults(m, Params{}).key()};
  const auto it = std::find(card_.metrics.begin(), card_.metrics.end(), wanted);
  if (it != card_.metrics.end()) values = card_.metric_values.col(static_cast<Eigen::Index>(it - card_.metrics.begin()));
  else values = compute_metric(registry_, m.id, Params{}, ds_, card_.period);
  return computed_.emplace(m.id, std::move(values)).first->second;
}

}  // namespace libbranch::report_detail
