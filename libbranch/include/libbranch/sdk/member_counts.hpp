#pragma once
// Plugin SDK: party members of one branch on a day — N(d), F(d) and N̄ of
// docs/reference/data-format.md, metrics.md — over the branch's rows of members.csv, and the "per
// member" division. Part of <libbranch/plugin_sdk.hpp>.
#include <cmath>
#include <cstdint>

#include <libbranch/dataset.hpp>
#include <libbranch/model/date.hpp>

namespace libbranch::plugins {

/// The number of rows r of branch `b` in members.csv for which `holds(members, r)`.
template <class Predicate>
[[nodiscard]] std::int64_t count_member_rows(const Dataset& ds, std::uint32_t b, Predicate holds) {
  const MemberTable& m = ds.members();
  const RowRange rows = ds.members_of(b);
  std::int64_t n = 0;
  for (std::uint32_t r = rows.begin; r < rows.end; ++r)
    if (holds(m, r)) ++n;
  return n;
}

/// N(d): party members of branch `b` on day `d` (docs/reference/data-format.md §5.2), over the
/// branch's rows of members.csv.
[[nodiscard]] inline std::int64_t members_on(const Dataset& ds, std::uint32_t b, Date d) {
  return count_member_rows(ds, b, [d](const MemberTable& m, std::uint32_t r) { return m.is_member_on(r, d); });
}

/// F(d): formal members (正式党员) of branch `b` on day `d`.
[[nodiscard]] inline std::int64_t formal_members_on(const Dataset& ds, std::uint32_t b, Date d) {
  return count_member_rows(ds, b, [d](const MemberTable& m, std::uint32_t r) { return m.is_formal_member_on(r, d); });
}

/// N(from) and N(to) of one branch, counted in one pass.
struct MemberCounts {
  std::int64_t at_from = 0;
  std::int64_t at_to = 0;
  /// N̄ = (N(from) + N(to)) / 2, exact for any realistic count.
  [[nodiscard]] double mean() const {
    return (static_cast<double>(at_from) + static_cast<double>(at_to)) / 2.0;
  }
};
[[nodiscard]] inline MemberCounts member_counts(const Dataset& ds, std::uint32_t b, const Period& period) {
  const MemberTable& m = ds.members();
  const RowRange rows = ds.members_of(b);
  MemberCounts c;
  for (std::uint32_t r = rows.begin; r < rows.end; ++r) {
    if (m.is_member_on(r, period.from)) ++c.at_from;
    if (m.is_member_on(r, period.to)) ++c.at_to;
  }
  return c;
}

/// N̄ = (N(from) + N(to)) / 2.
[[nodiscard]] inline double mean_members(const Dataset& ds, std::uint32_t b, const Period& period) {
  return member_counts(ds, b, period).mean();
}

/// `numerator / N̄`, NaN when N̄ = 0 (the "per member" metrics of docs/reference/metrics.md §1.2).
[[nodiscard]] inline double per_mean_member(double numerator, double mean_members) {
  return mean_members == 0.0 ? std::nan("") : numerator / mean_members;
}

}  // namespace libbranch::plugins
