#pragma once
// 党员: one row per person, grouped by branch.
#include <cstdint>
#include <vector>

#include <libbranch/export.hpp>
#include <libbranch/model/branch_column.hpp>
#include <libbranch/model/columns.hpp>
#include <libbranch/model/date.hpp>
#include <libbranch/model/enums.hpp>
#include <libbranch/model/string_pool.hpp>

namespace libbranch {

/// The members (党员, including 预备党员, and people on the way: activists, candidates) as columns.
/// Rows are grouped by branch (file order kept within a branch); absent dates are Date::none().
/// Dates take 2 bytes a row (DateColumn), codes of dictionary columns 2 bytes, strings 4 bytes plus
/// their characters.
struct MemberTable {
  StringPool id;
  BranchColumn branch;  ///< branch row of each row (offsets once grouped, as in a Dataset)
  StringPool name;
  std::vector<Gender> gender;
  DictColumn ethnicity;  ///< 民族
  DateColumn birth_date;
  std::vector<Education> education;
  std::vector<Role> role;
  DictColumn party_group;  ///< 党小组
  DateColumn application_date;  ///< 入党申请
  DateColumn activist_date;     ///< 入党积极分子
  DateColumn candidate_date;    ///< 发展对象
  DateColumn admission_date;    ///< 预备党员
  DateColumn conversion_date;   ///< 转正
  DateColumn joined_branch;     ///< as given; see effective_joined()
  DateColumn left_branch;

  [[nodiscard]] std::size_t size() const noexcept { return id.size(); }

  /// joined_branch, else admission_date, else the start of time
  /// (docs/reference/data-format.md §5.1).
  [[nodiscard]] Date effective_joined(std::size_t row) const {
    if (!joined_branch[row].is_none()) return joined_branch[row];
    if (!admission_date[row].is_none()) return admission_date[row];
    return Date(Date::kNone + 1);
  }
  /// Is a party member of its branch on day d (docs/reference/data-format.md §5.2).
  [[nodiscard]] bool is_member_on(std::size_t row, Date d) const {
    // effective_joined(row) <= d, each date read once: with an admission on or before d, the
    // effective join is joined_branch when given, else that admission.
    const Date adm = admission_date[row];
    if (adm.is_none() || d < adm) return false;
    const Date joined = joined_branch[row];
    if (!joined.is_none() && d < joined) return false;
    const Date left = left_branch[row];
    return left.is_none() || d < left;
  }
  /// Is a formal member (正式党员) of its branch on day d.
  [[nodiscard]] bool is_formal_member_on(std::size_t row, Date d) const {
    const Date conv = conversion_date[row];
    return is_member_on(row, d) && !conv.is_none() && conv <= d;
  }
  friend bool operator==(const MemberTable&, const MemberTable&) = default;
};

}  // namespace libbranch
