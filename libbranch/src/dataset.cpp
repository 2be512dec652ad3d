#include <libbranch/dataset.hpp>

#include <libbranch/error.hpp>
#include <libbranch/model/table_columns.hpp>

namespace libbranch {
namespace {

[[noreturn]] void inconsistent(const std::string& what) { throw Error("inconsistent dataset: " + what); }

void require(bool ok, const char* what) {
  if (!ok) inconsistent(what);
}

template <class V>
void require_size(const V& column, std::size_t n, const char* name) {
  if (column.size() != n) inconsistent(std::string(name) + " has " + std::to_string(column.size()) + " rows, expected " + std::to_string(n));
}

void require_codes(const DictColumn& c, std::size_t n, const char* name, bool allow_absent = true) {
  require_size(c.codes, n, name);
  if (!c.codes.all_below(static_cast<std::uint32_t>(c.dict.size()), allow_absent))
    inconsistent(std::string(name) + " holds an unknown code");
}

template <class E>
void require_enum(const std::vector<E>& v, std::size_t n, std::size_t limit, const char* name) {
  require_size(v, n, name);
  for (E e : v)
    if (static_cast<std::size_t>(e) >= limit) inconsistent(std::string(name) + " holds an unknown value");
}

// Counts, dates, hundredths.
template <class Codec>
void require_narrow(const NarrowColumn<Codec>& c, std::size_t n, const char* name) {
  require_size(c, n, name);
  if (!NarrowColumn<Codec>::valid_parts(c.cells(), c.wide())) inconsistent(std::string(name) + " is malformed");
}

template <class T>
void require_sparse(const SparseColumn<T>& c, std::size_t n, const char* name) {
  if (!SparseColumn<T>::valid_parts(c.rows(), c.values(), n)) inconsistent(std::string(name) + " is malformed");
}

// Rows must be grouped by branch in branch order; the column then keeps the CSR offsets
// (branches + 1 entries) instead of a branch row per row.
void group_rows(BranchColumn& column, std::size_t branches, const char* table) {
  if (!column.group(branches)) inconsistent(std::string(table) + " rows are not grouped by branch");
}

void check_branches(const BranchTable& t) {
  const std::size_t n = t.size();
  require_size(t.name, n, "branches.name");
  require_codes(t.parent_id, n, "branches.parent_id");
  require_enum(t.org_type, n, kOrgTypeNames.size(), "branches.org_type");
  require_narrow(t.last_election, n, "branches.last_election");
  require_narrow(t.internal_units, n, "branches.internal_units");
  require_narrow(t.units_covered, n, "branches.units_covered");
  require_narrow(t.fulltime_party_workers, n, "branches.fulltime_party_workers");
  require_narrow(t.pioneer_posts, n, "branches.pioneer_posts");
  require_narrow(t.brands, n, "branches.brands");
  require_enum(t.facilities, n, std::size_t{1} << kFacilityNames.size(), "branches.facilities");
  require_enum(t.service_station, n, std::size_t{1} << kServiceStationNames.size(), "branches.service_station");
}

void check_members(const MemberTable& t) {
  const std::size_t n = t.size();
  require_size(t.branch, n, "members.branch");
  require_size(t.name, n, "members.name");
  require_enum(t.gender, n, kGenderNames.size(), "members.gender");
  require_codes(t.ethnicity, n, "members.ethnicity");
  require_narrow(t.birth_date, n, "members.birth_date");
  require_enum(t.education, n, kEducationNames.size(), "members.education");
  require_enum(t.role, n, kRoleNames.size(), "members.role");
  require_codes(t.party_group, n, "members.party_group");
  for (const auto* dates : {&t.application_date, &t.activist_date, &t.candidate_date, &t.admission_date,
                            &t.conversion_date, &t.joined_branch, &t.left_branch})
    require_narrow(*dates, n, "members date column");
}

void check_activities(const ActivityTable& t, std::size_t members, std::size_t kinds) {
  const std::size_t n = t.size();
  require_size(t.branch, n, "activities.branch");
  require_enum(t.kind, n, kinds, "activities.kind");
  require_narrow(t.date, n, "activities.date");
  require_enum(t.mode, n, kModeNames.size(), "activities.mode");
  require_codes(t.platform, n, "activities.platform");
  require_narrow(t.attendees, n, "activities.attendees");
  require_narrow(t.expected, n, "activities.expected");
  require_narrow(t.hours, n, "activities.hours");
  require_sparse(t.lecturer, n, "activities.lecturer_id");
  for (std::uint32_t m : t.lecturer.values()) require(m < members, "activities.lecturer_id refers past the members");
  require_sparse(t.amount_yuan, n, "activities.amount_yuan");
  require_sparse(t.cases, n, "activities.cases");
  require_sparse(t.escalated, n, "activities.escalated");
  require_codes(t.title, n, "activities.title");
}

void check_attendance(const AttendanceTable& t, std::size_t activities, std::size_t members) {
  require_size(t.member, t.size(), "attendance.member");
  for (std::size_t i = 0; i < t.size(); ++i)
    require(t.activity[i] < activities && t.member[i] < members, "attendance refers past its tables");
}

void check_observations(const ObservationTable& t) {
  const std::size_t n = t.size();
  require_codes(t.indicator, n, "observations.indicator", false);
  require_size(t.date, n, "observations.date");
  require_size(t.value, n, "observations.value");
}

}  // namespace

Dataset::Dataset() : Dataset(DatasetTables{}) {}

Dataset::Dataset(DatasetTables tables) : t_(std::move(tables)) {
  const std::size_t limit = UINT32_MAX - 1;
  require(t_.branches.size() < limit && t_.members.size() < limit && t_.activities.size() < limit,
          "too many rows for 32-bit row numbers");
  require(t_.custom_kinds.size() <= UINT16_MAX - kBuiltinKindCount, "too many custom kinds");
  check_branches(t_.branches);
  check_members(t_.members);
  check_activities(t_.activities, t_.members.size(), kBuiltinKindCount + t_.custom_kinds.size());
  check_attendance(t_.attendance, t_.activities.size(), t_.members.size());
  check_observations(t_.observations);
  const std::size_t b = t_.branches.size();
  group_rows(t_.members.branch, b, "members");
  group_rows(t_.activities.branch, b, "activities");
  group_rows(t_.observations.branch, b, "observations");
  branch_index_ = IdIndex(t_.branches.id);
  for (std::uint32_t i = 0; i < b; ++i)
    if (branch_index_.find(t_.branches.id, t_.branches.id[i]) != i) inconsistent("branch ids are not unique");
}

std::optional<std::uint32_t> Dataset::find_branch(std::string_view branch_id) const {
  const std::uint32_t row = branch_index_.find(t_.branches.id, branch_id);
  if (row == IdIndex::kNotFound) return std::nullopt;
  return row;
}

std::string_view Dataset::kind_id(KindCode kind) const {
  if (kind < kBuiltinKindCount) return kActivityKinds[kind].id;
  return t_.custom_kinds.at(kind - kBuiltinKindCount);
}

std::optional<KindCode> Dataset::find_kind(std::string_view id) const {
  if (auto k = find_activity_kind(id)) return code(*k);
  for (std::size_t i = 0; i < t_.custom_kinds.size(); ++i)
    if (t_.custom_kinds[i] == id) return static_cast<KindCode>(kFirstCustomKind + i);
  return std::nullopt;
}

namespace {
template <class T>
std::size_t bytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}
template <class Column>
std::size_t bytes(const Column& c) {
  return c.memory_bytes();
}
// Every value column of a table; the free text (names, titles) is counted apart.
template <class Table>
std::size_t value_bytes(const Table& t) {
  std::size_t n = 0;
  for_each_value_column([&n](const char*, const auto& column) { n += bytes(column); }, t);
  return n;
}
}  // namespace

DatasetMemory Dataset::memory() const {
  DatasetMemory m;
  m.branches = value_bytes(t_.branches) + branch_index_.memory_bytes() + bytes(t_.members.branch) +
               bytes(t_.activities.branch) + bytes(t_.observations.branch);
  const MemberTable& me = t_.members;
  m.members_free_text = me.name.chars().capacity();
  m.members = value_bytes(me) - m.members_free_text;
  const ActivityTable& a = t_.activities;
  m.activities_free_text = a.title.dict.values().chars().capacity();
  m.activities = value_bytes(a) - m.activities_free_text + bytes(a.kind) + a.lecturer.memory_bytes();
  m.attendance = bytes(t_.attendance.activity) + bytes(t_.attendance.member);
  m.observations = value_bytes(t_.observations);
  return m;
}

Date Dataset::latest_activity_date() const {
  Date latest = Date::none();
  for (Date d : t_.activities.date)
    if (latest.is_none() || latest < d) latest = d;
  return latest;
}

}  // namespace libbranch
