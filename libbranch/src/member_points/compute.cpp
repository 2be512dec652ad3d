// Member points over a period: one chronological pass over each branch's activities. Per-kind
// rules are looked up in arrays indexed by kind code and attendance is grouped by activity once,
// so the pass does no string lookups; strings are made only for the result and the ledger.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include <libbranch/member_points.hpp>

namespace libbranch {
namespace {

constexpr std::int64_t kNoCap = -1;

/// The rubric's per-kind rules, indexed by kind code (custom kinds earn nothing).
struct KindRules {
  std::array<std::int64_t, kBuiltinKindCount> points{};
  std::array<std::int64_t, kBuiltinKindCount> per_month{};
  std::array<bool, kBuiltinKindCount> required{};
  std::array<bool, kBuiltinKindCount> lectured{};

  explicit KindRules(const PointsRubric& r) {
    per_month.fill(kNoCap);
    for (const auto& [k, a] : r.attendance) {
      points[k] = a.points;
      per_month[k] = a.per_month;
    }
    for (KindCode k : r.required_kinds) required[k] = true;
    for (KindCode k : r.lecturer_kinds) lectured[k] = true;
  }
};

/// attendance.csv grouped by activity row (CSR).
struct AttendanceByActivity {
  std::vector<std::uint32_t> offsets;
  std::vector<std::uint32_t> members;

  explicit AttendanceByActivity(const Dataset& ds) : offsets(ds.activities().size() + 1, 0) {
    const AttendanceTable& at = ds.attendance();
    for (std::uint32_t a : at.activity) ++offsets[a + 1];
    std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
    members.resize(at.size());
    std::vector<std::uint32_t> next(offsets.begin(), offsets.end() - 1);
    for (std::size_t i = 0; i < at.size(); ++i) members[next[at.activity[i]]++] = at.member[i];
  }
};

/// Was a party member on at least one day of the period: admission and (effective) joining on or
/// before `to`, and not left on or before `from`.
bool member_during(const MemberTable& m, std::size_t row, const Period& p) {
  const Date adm = m.admission_date[row];
  if (adm.is_none() || p.to < adm) return false;
  if (p.to < m.effective_joined(row)) return false;
  const Date left = m.left_branch[row];
  return left.is_none() || p.from < left;
}

std::int64_t month_key(Date d) {
  const auto ymd = d.ymd();
  return std::int64_t{ymd.year} * 12 + ymd.month;
}
std::int64_t quarter_key(Date d) { return std::int64_t{d.year()} * 4 + d.quarter(); }

/// The state of one branch's pass.
class BranchPass {
 public:
  BranchPass(const Dataset& ds, const PointsRubric& rubric, const KindRules& rules,
             const AttendanceByActivity& att, std::vector<std::int32_t>& slot_of_row)
      : ds_(ds), rubric_(rubric), rules_(rules), att_(att), slot_of_row_(slot_of_row) {}

  void run(std::uint32_t branch, const Period& period, MemberPointsResult& out) {
    const MemberTable& mt = ds_.members();
    const ActivityTable& acts = ds_.activities();
    const RowRange mrows = ds_.members_of(branch);
    for (std::uint32_t r = mrows.begin; r < mrows.end; ++r)
      if (member_during(mt, r, period)) {
        slot_of_row_[r] = static_cast<std::int32_t>(rows_.size());
        rows_.push_back(r);
      }
    const std::size_t n = rows_.size();
    points_.assign(n, MemberPoints{});
    ledger_.assign(n, {});
    month_total_.assign(n, 0);
    year_total_.assign(n, 0);
    kind_month_.assign(n * kBuiltinKindCount, 0);
    present_.assign(n, 0);
    quarter_absent_.assign(n, false);
    quarter_required_.assign(n, false);

    // Chronological order (file order within a day): caps take the latest rows of a month or year.
    const RowRange arows = ds_.activities_of(branch);
    std::vector<std::uint32_t> order;
    for (std::uint32_t a = arows.begin; a < arows.end; ++a)
      if (period.contains(acts.date[a])) order.push_back(a);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t x, std::uint32_t y) { return acts.date[x] < acts.date[y]; });

    std::int64_t month = -1, year = -1, quarter = -1;
    for (std::uint32_t a : order) {
      const Date d = acts.date[a];
      if (quarter_key(d) != quarter) {
        if (quarter != -1) close_quarter(quarter, period);
        quarter = quarter_key(d);
      }
      if (month_key(d) != month) {
        month = month_key(d);
        std::fill(month_total_.begin(), month_total_.end(), 0);
        std::fill(kind_month_.begin(), kind_month_.end(), 0);
      }
      if (d.year() != year) {
        year = d.year();
        std::fill(year_total_.begin(), year_total_.end(), 0);
      }
      const KindCode k = acts.kind[a];
      const bool builtin = k < kBuiltinKindCount;
      for (std::uint32_t i = att_.offsets[a]; i < att_.offsets[a + 1]; ++i) {
        const std::uint32_t m = att_.members[i];
        const std::int32_t s = slot_of_row_[m];
        // Other branches' members and people not (yet, or no longer) members earn nothing here.
        if (s < 0 || !mt.is_member_on(m, d)) continue;
        present_[s] = a + 1;
        if (builtin && rules_.points[k] > 0) attend(static_cast<std::size_t>(s), a, k, d);
      }
      if (builtin && rules_.required[k]) {
        for (std::size_t s = 0; s < n; ++s) {
          if (!mt.is_member_on(rows_[s], d)) continue;
          quarter_required_[s] = true;
          if (present_[s] == a + 1) continue;
          quarter_absent_[s] = true;
          points_[s].deductions += rubric_.absence_points;
          add(s, a, d, -rubric_.absence_points, "absence");
        }
      }
      if (builtin && rules_.lectured[k] && rubric_.lecturer_points > 0) {
        if (const auto* lecturer = acts.lecturer.find(a)) {
          const std::int32_t s = slot_of_row_[*lecturer];
          if (s >= 0 && mt.is_member_on(*lecturer, d)) {
            points_[s].bonuses += rubric_.lecturer_points;
            add(static_cast<std::size_t>(s), a, d, rubric_.lecturer_points, "bonus:lecturer");
          }
        }
      }
    }
    if (quarter != -1) close_quarter(quarter, period);
    finish(branch, period, out);
  }

 private:
  void add(std::size_t s, std::uint32_t a, Date d, std::int64_t pts, const char* reason) {
    PointsLedgerEntry e;
    if (a != kNoActivity) {
      e.activity_id = std::string(ds_.activities().id[a]);
      e.kind = std::string(ds_.kind_id(ds_.activities().kind[a]));
    }
    e.date = d;
    e.points = pts;
    e.reason = reason;
    ledger_[s].push_back(std::move(e));
  }

  /// Takes `want` of the room left under a cap (kNoCap: no cap), recording what the cap removed.
  std::int64_t apply_cap(std::size_t s, std::uint32_t a, Date d, std::int64_t want, std::int64_t cap,
                         std::int64_t used, const char* reason) {
    if (cap == kNoCap) return want;
    const std::int64_t room = std::max<std::int64_t>(0, cap - used);
    const std::int64_t taken = std::min(want, room);
    if (taken < want) {
      points_[s].capped += want - taken;
      add(s, a, d, -(want - taken), reason);
    }
    return taken;
  }

  void attend(std::size_t s, std::uint32_t a, KindCode k, Date d) {
    const std::int64_t raw = rules_.points[k];
    points_[s].earned += raw;
    add(s, a, d, raw, "attendance");
    std::int64_t& kind_used = kind_month_[s * kBuiltinKindCount + k];
    std::int64_t got = apply_cap(s, a, d, raw, rules_.per_month[k], kind_used, "cap_kind_month");
    got = apply_cap(s, a, d, got, rubric_.cap_per_month, month_total_[s], "cap_month");
    got = apply_cap(s, a, d, got, rubric_.cap_per_year, year_total_[s], "cap_year");
    kind_used += got;
    month_total_[s] += got;
    year_total_[s] += got;
  }

  /// Full attendance (全勤): a quarter with at least one required meeting while a member and no
  /// absence. Dated the quarter's last day (the period's, if earlier), so the ledger stays in date order.
  void close_quarter(std::int64_t quarter, const Period& period) {
    const int y = static_cast<int>((quarter - 1) / 4);
    const int last_month = static_cast<int>((quarter - 1) % 4 + 1) * 3;
    const Date end = std::min(Date::from_ymd(y, last_month, days_in_month(y, last_month)), period.to);
    for (std::size_t s = 0; s < rows_.size(); ++s) {
      if (quarter_required_[s] && !quarter_absent_[s] && rubric_.full_attendance_points > 0) {
        points_[s].bonuses += rubric_.full_attendance_points;
        add(s, kNoActivity, end, rubric_.full_attendance_points, "bonus:full_attendance");
      }
      quarter_required_[s] = false;
      quarter_absent_[s] = false;
    }
  }

  void finish(std::uint32_t branch, const Period& period, MemberPointsResult& out) {
    const MemberTable& mt = ds_.members();
    const std::size_t n = rows_.size();
    for (std::size_t s = 0; s < n; ++s) {
      MemberPoints& p = points_[s];
      p.branch_id = std::string(ds_.branches().id[branch]);
      p.member_id = std::string(mt.id[rows_[s]]);
      p.name = std::string(mt.name[rows_[s]]);
      p.base = rubric_.base;
      const std::int64_t raw = p.base + p.earned - p.capped - p.deductions + p.bonuses;
      p.total = std::clamp(raw, rubric_.min, rubric_.max);
      p.clamped = p.total - raw;
      if (p.clamped != 0) add(s, kNoActivity, period.to, p.clamped, "clamp");
    }
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t x, std::size_t y) { return points_[x].total > points_[y].total; });
    for (std::size_t i = 0; i < n; ++i) {
      const bool tie = i > 0 && points_[order[i]].total == points_[order[i - 1]].total;
      points_[order[i]].rank = tie ? points_[order[i - 1]].rank : static_cast<std::int64_t>(i + 1);
    }
    for (std::size_t s : order) {
      const std::size_t index = out.members.size();
      out.members.push_back(std::move(points_[s]));
      for (PointsLedgerEntry& e : ledger_[s]) {
        e.member = index;
        out.ledger.push_back(std::move(e));
      }
    }
    for (std::uint32_t r : rows_) slot_of_row_[r] = -1;
    rows_.clear();
  }

  static constexpr std::uint32_t kNoActivity = std::numeric_limits<std::uint32_t>::max();

  const Dataset& ds_;
  const PointsRubric& rubric_;
  const KindRules& rules_;
  const AttendanceByActivity& att_;
  std::vector<std::int32_t>& slot_of_row_;  ///< member row → slot in this branch, −1 elsewhere
  std::vector<std::uint32_t> rows_;         ///< slot → member row
  std::vector<MemberPoints> points_;
  std::vector<std::vector<PointsLedgerEntry>> ledger_;
  std::vector<std::int64_t> month_total_, year_total_, kind_month_;
  std::vector<std::uint32_t> present_;  ///< activity row + 1 last attended (marks, never cleared)
  std::vector<bool> quarter_absent_, quarter_required_;
};

}  // namespace

MemberPointsResult compute_member_points(const Dataset& ds, const PointsRubric& rubric, Period period) {
  if (period.to < period.from)
    throw Error("member points: the period ends (" + period.to.to_string() + ") before it starts (" +
                period.from.to_string() + ")");
  MemberPointsResult out;
  out.period = period;
  const KindRules rules(rubric);
  const AttendanceByActivity att(ds);
  std::vector<std::int32_t> slot_of_row(ds.members().size(), -1);
  BranchPass pass(ds, rubric, rules, att, slot_of_row);
  for (std::uint32_t b = 0; b < ds.branch_count(); ++b) pass.run(b, period, out);
  return out;
}

std::vector<double> members_points_share(const MemberPointsResult& result, const Dataset& ds,
                                         std::int64_t threshold) {
  std::vector<double> above(ds.branch_count(), 0.0), count(ds.branch_count(), 0.0);
  std::uint32_t b = 0;
  // members are grouped by branch in branch order: walk both together, no id lookups.
  for (const MemberPoints& m : result.members) {
    while (b < ds.branch_count() && ds.branches().id[b] != m.branch_id) ++b;
    if (b == ds.branch_count()) break;
    count[b] += 1;
    if (m.total >= threshold) above[b] += 1;
  }
  std::vector<double> share(ds.branch_count(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < share.size(); ++i)
    if (count[i] > 0) share[i] = above[i] / count[i];
  return share;
}

}  // namespace libbranch
