#pragma once
// The metric columns the annual summary reads, each read from the scorecard when it holds the
// metric with default parameters, else computed once over the card's period for every branch.
#include <map>
#include <string>
#include <string_view>

#include <Eigen/Core>

#include <libbranch/dataset.hpp>
#include <libbranch/registry.hpp>
#include <libbranch/scorecard.hpp>

namespace libbranch::report_detail {

class ReportMetrics {
 public:
  ReportMetrics(const Dataset& ds, const Scorecard& card, const MetricRegistry& registry)
      : ds_(ds), card_(card), registry_(registry) {}

  /// The branch's value. Throws UnknownMetricError when the registry lacks the metric.
  [[nodiscard]] double required(std::string_view id, std::size_t row);
  /// NaN when the registry lacks the metric (its plugin is not loaded).
  [[nodiscard]] double optional(std::string_view id, std::size_t row);

 private:
  const Eigen::VectorXd& column(const Metric& m);

  const Dataset& ds_;
  const Scorecard& card_;
  const MetricRegistry& registry_;
  std::map<std::string, Eigen::VectorXd, std::less<>> computed_;
};

}  // namespace libbranch::report_detail
