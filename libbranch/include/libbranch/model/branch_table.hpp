#pragma once
// 党支部: one row per branch, in branches.csv order.
#include <cstdint>
#include <vector>

#include <libbranch/export.hpp>
#include <libbranch/model/columns.hpp>
#include <libbranch/model/date.hpp>
#include <libbranch/model/enums.hpp>
#include <libbranch/model/string_pool.hpp>

namespace libbranch {

/// The branches (党支部) as columns. Row order is branches.csv order and is the order of every
/// result; all other tables refer to branches by this row number.
struct BranchTable {
  StringPool id;
  StringPool name;
  DictColumn parent_id;  ///< superior organization (上级党组织)
  std::vector<OrgType> org_type;
  DateColumn last_election;  ///< 换届
  CountColumn internal_units;       ///< 内设机构
  CountColumn units_covered;        ///< covered by a 党小组
  CountColumn fulltime_party_workers;
  CountColumn pioneer_posts;  ///< 党员先锋岗 + 党员示范岗
  CountColumn brands;         ///< 党建品牌
  std::vector<std::uint8_t> facilities;       ///< bit i = kFacilityNames[i]
  std::vector<std::uint8_t> service_station;  ///< bit i = kServiceStationNames[i] (五有)

  [[nodiscard]] std::size_t size() const noexcept { return id.size(); }
  friend bool operator==(const BranchTable&, const BranchTable&) = default;
};

}  // namespace libbranch
