#include "report_metrics.hpp"

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
  const std::string key = with_defaults(m, Params{}).key();
  bool found = false;
  for (std::size_t c = 0; c < card_.metrics.size() && !found; ++c)
    if (card_.metrics[c].metric == m.id && card_.metrics[c].params_key == key) {
      values = card_.metric_values.col(static_cast<Eigen::Index>(c));
      found = true;
    }
  if (!found) values = compute_metric(registry_, m.id, Params{}, ds_, card_.period);
  return computed_.emplace(m.id, std::move(values)).first->second;
}

}  // namespace libbranch::report_detail
