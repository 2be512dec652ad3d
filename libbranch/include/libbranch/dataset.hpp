#pragma once
// The whole of one dataset: branches, members, activities, attendance, observations.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <libbranch/export.hpp>
#include <libbranch/model/activity_kind.hpp>
#include <libbranch/model/activity_table.hpp>
#include <libbranch/model/branch_table.hpp>
#include <libbranch/model/member_table.hpp>
#include <libbranch/model/observation_table.hpp>
#include <libbranch/model/string_pool.hpp>

namespace libbranch {

/// The tables a Dataset is made from. Loading and deserialisation fill one of these; the Dataset
/// constructor checks it and builds the indexes.
struct DatasetTables {
  BranchTable branches;
  MemberTable members;
  ActivityTable activities;
  AttendanceTable attendance;
  ObservationTable observations;
  std::vector<std::string> custom_kinds;  ///< names of kind codes kFirstCustomKind, kFirstCustomKind+1, …

  friend bool operator==(const DatasetTables&, const DatasetTables&) = default;
};

/// Half-open range of rows [begin, end).
struct RowRange {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  [[nodiscard]] std::uint32_t size() const { return end - begin; }
  [[nodiscard]] bool empty() const { return begin == end; }
  [[nodiscard]] bool contains(std::uint32_t row) const { return begin <= row && row < end; }
};

/// Memory a dataset holds, by table, in bytes (capacity of every buffer, indexes included).
struct DatasetMemory {
  std::size_t branches = 0;
  std::size_t members = 0;
  std::size_t members_free_text = 0;  ///< names
  std::size_t activities = 0;
  std::size_t activities_free_text = 0;  ///< titles
  std::size_t attendance = 0;
  std::size_t observations = 0;
  [[nodiscard]] std::size_t total() const {
    return branches + members + members_free_text + activities + activities_free_text + attendance + observations;
  }
};

/// An immutable, columnar dataset. Members, activities and observations are grouped by branch
/// behind offset arrays (CSR), so a branch's rows are contiguous; file order is kept within a
/// branch. A period is applied by the reader (metrics), never by copying.
class LIBBRANCH_API Dataset {
 public:
  Dataset();
  /// Checks that the tables are consistent (equal column lengths, references in range, rows
  /// grouped by branch, valid codes) and builds the offsets and the branch index. Throws
  /// libbranch::Error naming the first inconsistency; archives rely on this to reject corrupt input.
  explicit Dataset(DatasetTables tables);

  [[nodiscard]] const BranchTable& branches() const noexcept { return t_.branches; }
  [[nodiscard]] const MemberTable& members() const noexcept { return t_.members; }
  [[nodiscard]] const ActivityTable& activities() const noexcept { return t_.activities; }
  [[nodiscard]] const AttendanceTable& attendance() const noexcept { return t_.attendance; }
  [[nodiscard]] const ObservationTable& observations() const noexcept { return t_.observations; }
  [[nodiscard]] const std::vector<std::string>& custom_kinds() const noexcept { return t_.custom_kinds; }
  [[nodiscard]] const DatasetTables& tables() const noexcept { return t_; }

  [[nodiscard]] std::size_t branch_count() const noexcept { return t_.branches.size(); }
  /// Branch row of `branch_id`, if present.
  [[nodiscard]] std::optional<std::uint32_t> find_branch(std::string_view branch_id) const;

  [[nodiscard]] RowRange members_of(std::uint32_t branch) const { return rows_of(member_offsets(), branch); }
  [[nodiscard]] RowRange activities_of(std::uint32_t branch) const { return rows_of(activity_offsets(), branch); }
  [[nodiscard]] RowRange observations_of(std::uint32_t branch) const { return rows_of(observation_offsets(), branch); }
  /// Offsets (branch_count() + 1 entries) for batch code that walks all branches. They are the
  /// tables' grouped `branch` columns: a Dataset keeps no branch row per row.
  [[nodiscard]] const std::vector<std::uint32_t>& member_offsets() const noexcept { return t_.members.branch.offsets(); }
  [[nodiscard]] const std::vector<std::uint32_t>& activity_offsets() const noexcept {
    return t_.activities.branch.offsets();
  }
  [[nodiscard]] const std::vector<std::uint32_t>& observation_offsets() const noexcept {
    return t_.observations.branch.offsets();
  }

  /// The id of a kind code (built-in or custom).
  [[nodiscard]] std::string_view kind_id(KindCode kind) const;
  /// The code of a kind id in this dataset, if any.
  [[nodiscard]] std::optional<KindCode> find_kind(std::string_view id) const;

  [[nodiscard]] DatasetMemory memory() const;
  /// The latest date of any activity; Date::none() when there are none.
  [[nodiscard]] Date latest_activity_date() const;

  friend bool operator==(const Dataset& a, const Dataset& b) { return a.t_ == b.t_; }

 private:
  [[nodiscard]] static RowRange rows_of(const std::vector<std::uint32_t>& offsets, std::uint32_t branch) {
    return {offsets[branch], offsets[branch + 1]};
  }
  DatasetTables t_;
  IdIndex branch_index_;
};

}  // namespace libbranch
