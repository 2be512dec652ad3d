#pragma once
// observations.csv: numbers supplied from elsewhere, grouped by branch.
#include <cstdint>
#include <string_view>
#include <vector>

#include <libbranch/export.hpp>
#include <libbranch/model/branch_column.hpp>
#include <libbranch/model/columns.hpp>
#include <libbranch/model/date.hpp>

namespace libbranch {

/// Observations as columns, grouped by branch with file order kept within a branch.
struct ObservationTable {
  BranchColumn branch;  ///< branch row of each row (offsets once grouped, as in a Dataset)
  DictColumn indicator;               ///< matches [a-z0-9_]+
  std::vector<Date> date;             ///< Date::none() = applies to every period
  std::vector<double> value;

  [[nodiscard]] std::size_t size() const noexcept { return branch.size(); }
  friend bool operator==(const ObservationTable&, const ObservationTable&) = default;
};

/// Observation indicators whose values loading checks (docs/reference/data-format.md §8).
inline constexpr std::string_view kSeriousViolations = "serious_violations";
inline constexpr std::string_view kOnlineFilingRate = "online_filing_rate";
inline constexpr std::string_view kBusinessPerformance = "business_performance";
inline constexpr std::string_view kHonors = "honors";

}  // namespace libbranch
