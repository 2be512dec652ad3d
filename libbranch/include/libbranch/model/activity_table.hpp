#pragma once
// 活动: one row per activity, grouped by branch.
#include <cstdint>
#include <vector>

#include <libbranch/export.hpp>
#include <libbranch/model/activity_kind.hpp>
#include <libbranch/model/branch_column.hpp>
#include <libbranch/model/columns.hpp>
#include <libbranch/model/date.hpp>
#include <libbranch/model/enums.hpp>
#include <libbranch/model/string_pool.hpp>

namespace libbranch {

/// The activities as columns, grouped by branch with file order kept within a branch.
/// Columns that few activities fill (lecturer, money, cases) are sparse.
struct ActivityTable {
  StringPool id;
  BranchColumn branch;  ///< branch row of each row (offsets once grouped, as in a Dataset)
  std::vector<KindCode> kind;         ///< ActivityKind, or kFirstCustomKind + i for custom kind i
  DateColumn date;
  std::vector<Mode> mode;  ///< Mode::none = not given (counts as offline)
  DictColumn platform;
  /// The attendee count of docs/reference/data-format.md §7: the number of attendance rows when the
  /// activity has any (loading checks that a given `attendees` agrees), else `attendees` as given.
  CountColumn attendees;
  CountColumn expected;
  HundredthsColumn hours;  ///< NaN = absent
  SparseColumn<std::uint32_t> lecturer;  ///< member row of the lecturer
  SparseColumn<double> amount_yuan;
  SparseColumn<std::int64_t> cases;
  SparseColumn<std::int64_t> escalated;
  DictColumn title;  ///< interned: titles repeat ("主题党日活动")

  [[nodiscard]] std::size_t size() const noexcept { return id.size(); }
  friend bool operator==(const ActivityTable&, const ActivityTable&) = default;
};

/// attendance.csv: one row per member present at an activity, in file order.
struct AttendanceTable {
  std::vector<std::uint32_t> activity;  ///< activity row
  std::vector<std::uint32_t> member;    ///< member row

  [[nodiscard]] std::size_t size() const noexcept { return activity.size(); }
  friend bool operator==(const AttendanceTable&, const AttendanceTable&) = default;
};

}  // namespace libbranch
