#pragma once
// Aggregating observations.csv values per branch (docs/reference/metrics.md §7, observation
// metrics).
#include <cstdint>
#include <optional>
#include <string_view>

#include <Eigen/Core>

#include <libbranch/dataset.hpp>
#include <libbranch/export.hpp>
#include <libbranch/model/date.hpp>

namespace libbranch {

enum class ObservationAggregate : std::uint8_t { last, sum, max, mean };
[[nodiscard]] LIBBRANCH_API std::optional<ObservationAggregate> parse_observation_aggregate(std::string_view name);

/// For every branch, `agg` over its observations of `indicator` dated in `period`; when none of
/// its dated ones falls in the period, over its undated ones. `last` takes the latest date, and
/// among equal dates (or undated ones) the later row. NaN when there is none, except `sum` (0).
[[nodiscard]] LIBBRANCH_API Eigen::VectorXd aggregate_observations(const Dataset& ds, const Period& period,
                                                                   std::string_view indicator, ObservationAggregate agg);

}  // namespace libbranch
