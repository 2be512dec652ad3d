// attendance.csv and observations.csv (docs/reference/data-format.md): tables that point at others.
#include <algorithm>
#include <array>
#include <iterator>
#include <unordered_map>
#include <unordered_set>

#include "chunked_load.hpp"
#include "column_check.hpp"

namespace libbranch::detail {
namespace {

enum AttendanceCol : std::size_t { kActivity, kMember };
constexpr std::array<ColumnSpec, 2> kAttendanceColumns{{{"activity_id", true}, {"member_id", true}}};
static_assert(specs_match_columns<AttendanceTable>(kAttendanceColumns),
              "attendance.csv: the specs disagree with ColumnList<AttendanceTable>");

enum ObservationCol : std::size_t { kBranch, kIndicator, kDate, kValue };
constexpr std::array<ColumnSpec, 4> kObservationColumns{{{"branch_id", true}, {"indicator", true}, {"date"}, {"value", true}}};
static_assert(specs_match_columns<ObservationTable>(kObservationColumns),
              "observations.csv: the specs disagree with ColumnList<ObservationTable>");

std::optional<std::uint32_t> find_row(TableReader& r, std::size_t col, const StringPool& ids, const IdIndex& index,
                                      bool readable, const std::unordered_set<std::string>& rejected, const char* what,
                                      LastLookup& last) {
  const std::string_view id = r.get(col);
  if (id.empty()) return std::nullopt;
  if (last.hit(id)) return last.row;
  const std::uint32_t row = index.find(ids, id);
  if (row != IdIndex::kNotFound) {
    last = {id, row};
    return row;
  }
  if (readable && !rejected.contains(std::string(id))) r.error(col, std::string("unknown ") + what, id);
  return std::nullopt;
}

// Attendance rows decide the attendee count; a given `attendees` must agree (reported at the activity).
void reconcile_attendees(LoadContext& ctx) {
  ActivityTable& a = ctx.tables.activities;
  for (std::uint32_t row = 0; row < ctx.attendance_count.size(); ++row) {
    const std::uint32_t count = ctx.attendance_count[row];
    if (count == 0) continue;
    const auto given = a.attendees.get(row);
    if (given && *given != count) {
      Problem p;
      p.file = ctx.activities_file;
      const RowPlace at = ctx.activity_places.at(row);
      p.line = at.line;
      p.row_label = at.label;
      p.column = "attendees";
      p.message = "disagrees with attendance.csv, which lists " + std::to_string(count) + " attendees for activity " +
                  std::string(a.id[row]);
      p.value = std::to_string(*given);
      ctx.problems.push_back(std::move(p));
    }
    a.attendees.set(row, count);
  }
}

void check_observation_value(TableReader& r, std::string_view indicator, double value) {
  if (indicator == kSeriousViolations || indicator == kHonors) {
    (void)r.integer(kValue, true);  // reports values that are not integers ≥ 0
  } else if (indicator == kOnlineFilingRate && !(value >= 0.0 && value <= 1.0)) {
    r.error(kValue, "online_filing_rate must be between 0 and 1", r.get(kValue));
  }
}

// Repeated (activity, member) pairs. Sorting the keys finds them without a hash map of every row;
// a second walk over the few repeated keys names the first row of each.
void report_repeated_pairs(LoadContext& ctx, const std::string& file, const PlaceLog& places) {
  const AttendanceTable& t = ctx.tables.attendance;
  std::vector<std::uint64_t> keys(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) keys[i] = (std::uint64_t{t.activity[i]} << 32) | t.member[i];
  std::sort(keys.begin(), keys.end());
  std::unordered_map<std::uint64_t, std::size_t> first;  // repeated key → first row, once seen
  for (std::size_t i = 1; i < keys.size(); ++i)
    if (keys[i] == keys[i - 1]) first.emplace(keys[i], SIZE_MAX);
  if (first.empty()) return;
  const ActivityTable& a = ctx.tables.activities;
  const MemberTable& m = ctx.tables.members;
  for (std::size_t i = 0; i < t.size(); ++i) {
    auto it = first.find((std::uint64_t{t.activity[i]} << 32) | t.member[i]);
    if (it == first.end()) continue;
    if (it->second == SIZE_MAX) {
      it->second = i;
      continue;
    }
    const std::string pair = std::string(a.id[t.activity[i]]) + "," + std::string(m.id[t.member[i]]);
    ctx.problems.push_back(problem_at(file, places.at(i), "-", Severity::error,
                                        "repeated attendance pair (first on " + places.describe(it->second) + ")",
                                        pair));
  }
}

struct AttendanceChunk : ChunkBase {
  AttendanceTable rows;
  LastLookup activity, member;
  void clear() {
    ChunkBase::clear();
    activity = member = {};
    rows.activity.clear();
    rows.member.clear();
  }
};

// Members are looked up in an index far larger than the cache, one random slot a row: asking for
// the slot of the member a few rows ahead overlaps those misses instead of waiting for each.
constexpr std::size_t kPrefetchRows = 12;

void convert(const LoadContext& ctx, TableReader& r, AttendanceChunk& c) {
  const ActivityTable& a = ctx.tables.activities;
  const MemberTable& m = ctx.tables.members;
  ctx.member_index.prefetch(IdIndex::hash(r.peek(kPrefetchRows, kMember)));
  const auto activity = find_row(r, kActivity, a.id, ctx.activity_index, ctx.activities_readable,
                                 ctx.rejected_activities, "activity_id (not in activities.csv)", c.activity);
  const auto member = find_row(r, kMember, m.id, ctx.member_index, ctx.members_readable, ctx.rejected_members,
                               "member_id (not in members.csv)", c.member);
  if (!activity || !member) return;
  c.places.add(r.line(), r.label());
  if (m.branch[*member] != a.branch[*activity])
    r.warning(kMember, "member of another branch (" + std::string(ctx.tables.branches.id[m.branch[*member]]) +
                           ") attended an activity of " + std::string(ctx.tables.branches.id[a.branch[*activity]]),
              m.id[*member]);
  c.rows.activity.push_back(*activity);
  c.rows.member.push_back(*member);
}

struct ObservationChunk : ChunkBase {
  ObservationTable rows;
  void clear() {
    ChunkBase::clear();
    detail::clear(rows);
  }
};

void convert(const LoadContext& ctx, TableReader& r, ObservationChunk& c) {
  const auto branch = ctx.branch_of(r, kBranch, c.branch);
  const std::string_view indicator = r.get(kIndicator);
  if (!indicator.empty() && !is_identifier(indicator))
    r.error(kIndicator, "indicator must match [a-z0-9_]+", indicator);
  const auto date = r.date(kDate);
  const auto value = r.number(kValue, false);
  if (value) check_observation_value(r, indicator, *value);
  if (!branch || indicator.empty() || !value || r.row_failed()) return;
  ObservationTable& t = c.rows;
  t.branch.push_back(*branch);
  t.indicator.push_back(indicator);
  t.date.push_back(date.value_or(Date::none()));
  t.value.push_back(*value);
}

}  // namespace

void load_attendance(LoadContext& ctx, TableSource* source) {
  const TableHeader header(source, kAttendanceColumns, ctx.problems);
  AttendanceTable& t = ctx.tables.attendance;
  ctx.attendance_count.assign(ctx.tables.activities.size(), 0);
  PlaceLog places;
  load_in_chunks<AttendanceChunk>(ctx.options, header, [&](TableReader& r, AttendanceChunk& c) { convert(ctx, r, c); },
                                  [&](AttendanceChunk& c) {
                                    t.activity.insert(t.activity.end(), c.rows.activity.begin(), c.rows.activity.end());
                                    t.member.insert(t.member.end(), c.rows.member.begin(), c.rows.member.end());
                                    for (const std::uint32_t activity : c.rows.activity) ++ctx.attendance_count[activity];
                                    places.append(c.places);
                                    ctx.problems.insert(ctx.problems.end(), std::make_move_iterator(c.problems.begin()),
                                                        std::make_move_iterator(c.problems.end()));
                                    ctx.cap_problems();
                                  },
                                  [&](const AttendanceChunk& c, double scale) {
                                    t.activity.reserve(expected_rows(c.rows.size(), scale));
                                    t.member.reserve(expected_rows(c.rows.size(), scale));
                                  });
  report_repeated_pairs(ctx, header.file(), places);
  reconcile_attendees(ctx);
}

void load_observations(LoadContext& ctx, TableSource* source) {
  const TableHeader header(source, kObservationColumns, ctx.problems);
  ObservationTable& t = ctx.tables.observations;
  load_in_chunks<ObservationChunk>(ctx.options, header,
                                   [&](TableReader& r, ObservationChunk& c) { convert(ctx, r, c); },
                                   [&](ObservationChunk& c) {
                                     append(t, c.rows);
                                     ctx.problems.insert(ctx.problems.end(), std::make_move_iterator(c.problems.begin()),
                                                         std::make_move_iterator(c.problems.end()));
                                     ctx.cap_problems();
                                   },
                                   [&](const ObservationChunk& c, double scale) { reserve_like(t, c.rows, scale); });
  const auto order = order_by_branch(t.branch, ctx.tables.branches.size());
  if (!order.empty()) reorder(t, order);
}

}  // namespace libbranch::detail
