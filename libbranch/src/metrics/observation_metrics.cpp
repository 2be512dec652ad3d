// The core `obs.*` metrics: numbers supplied in observations.csv (docs/reference/metrics.md §7).
#include <cmath>
#include <limits>

#include <libbranch/observations.hpp>
#include <libbranch/registry.hpp>

namespace libbranch {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Accumulator {
  ObservationAggregate agg;
  double sum = 0;
  double max = -std::numeric_limits<double>::infinity();
  std::uint32_t count = 0;
  double last = kNaN;
  Date last_date = Date::none();

  // Rows arrive in file order, so ">=" makes the later row win among equal dates.
  void add(double value, Date date) {
    sum += value;
    max = std::max(max, value);
    ++count;
    if (count == 1 || date >= last_date) {
      last = value;
      last_date = date;
    }
  }
  [[nodiscard]] double result() const {
    if (count == 0) return agg == ObservationAggregate::sum ? 0.0 : kNaN;
    switch (agg) {
      case ObservationAggregate::last: return last;
      case ObservationAggregate::sum: return sum;
      case ObservationAggregate::max: return max;
      case ObservationAggregate::mean: return sum / count;
    }
    return kNaN;
  }
};

double aggregate_branch(const Dataset& ds, std::uint32_t b, const Period& period, std::uint32_t code,
                        ObservationAggregate agg) {
  const ObservationTable& t = ds.observations();
  const RowRange rows = ds.observations_of(b);
  Accumulator dated{agg};
  Accumulator undated{agg};
  for (std::uint32_t r = rows.begin; r < rows.end; ++r) {
    if (t.indicator.codes[r] != code) continue;
    const Date d = t.date[r];
    if (d.is_none()) {
      undated.add(t.value[r], d);
    } else if (period.contains(d)) {
      dated.add(t.value[r], d);
    }
  }
  return dated.count > 0 ? dated.result() : undated.result();
}

Metric observation_metric(const std::string& id) {
  Metric m;
  m.id = id;
  const std::string indicator = id.substr(4);
  m.label_zh = "观测值 " + indicator;
  m.label_en = "observation " + indicator;
  m.unit = "value";
  m.direction = Direction::benefit;
  m.summary = "Aggregates the branch's observations of '" + indicator + "' in the period (observations.csv).";
  m.params.push_back({"agg", ParamSpec::Type::choice, 0, {"last", "sum", "max", "mean"}, ParamValue(std::string("last")),
                      "how several observations combine: last, sum, max or mean"});
  m.compute = [indicator](const Dataset& ds, const Period& period, const Params& params) {
    const auto agg = parse_observation_aggregate(params.text("agg").value_or("last"));
    return aggregate_observations(ds, period, indicator, agg.value_or(ObservationAggregate::last));
  };
  return m;
}

}  // namespace

std::optional<ObservationAggregate> parse_observation_aggregate(std::string_view name) {
  if (name == "last") return ObservationAggregate::last;
  if (name == "sum") return ObservationAggregate::sum;
  if (name == "max") return ObservationAggregate::max;
  if (name == "mean") return ObservationAggregate::mean;
  return std::nullopt;
}

Eigen::VectorXd aggregate_observations(const Dataset& ds, const Period& period, std::string_view indicator,
                                       ObservationAggregate agg) {
  const std::uint32_t code = ds.observations().indicator.dict.find(indicator);
  if (code == IdIndex::kNotFound) {
    return Eigen::VectorXd::Constant(static_cast<Eigen::Index>(ds.branch_count()),
                                     agg == ObservationAggregate::sum ? 0.0 : kNaN);
  }
  return per_branch(ds, [&](std::uint32_t b) { return aggregate_branch(ds, b, period, code, agg); });
}

void register_core_metrics(MetricRegistry& registry) { registry.add_family("obs.", observation_metric, "core"); }

}  // namespace libbranch
