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

// How many rows the tables that columns refer to have.
struct RowLimits {
  std::size_t members = 0;
  std::size_t activities = 0;
  std::size_t kinds = 0;
  [[nodiscard]] std::size_t of(ColumnRole role) const {
    switch (role) {
      case ColumnRole::member_row: return members;
      case ColumnRole::activity_row: return activities;
      case ColumnRole::kind_code: return kinds;
      default: return SIZE_MAX;
    }
  }
};

void check_column(const auto&, const StringPool& c, std::size_t n, const RowLimits&, const std::string& name) {
  require_size(c, n, name.c_str());
}
void check_column(const auto& d, const DictColumn& c, std::size_t n, const RowLimits&, const std::string& name) {
  require_codes(c, n, name.c_str(), !d.required);
}
void check_column(const auto&, const BranchColumn& c, std::size_t n, const RowLimits&, const std::string& name) {
  require_size(c, n, name.c_str());
}
template <class Codec>
void check_column(const auto&, const NarrowColumn<Codec>& c, std::size_t n, const RowLimits&, const std::string& name) {
  require_narrow(c, n, name.c_str());
}
template <class Desc, class T>
void check_column(const Desc&, const SparseColumn<T>& c, std::size_t n, const RowLimits& limits, const std::string& name) {
  require_sparse(c, n, name.c_str());
  if constexpr (Desc::role == ColumnRole::member_row)
    for (std::uint32_t m : c.values())
      if (m >= limits.members) inconsistent(name + " refers past the members");
}
// Enumerations and sets hold codes below their names' count; kinds and row numbers below their
// tables' sizes; dates and numbers only need their length.
template <class Desc, class E>
void check_column(const Desc& d, const std::vector<E>& v, std::size_t n, const RowLimits& limits,
                  const std::string& name) {
  require_size(v, n, name.c_str());
  if constexpr (Desc::role == ColumnRole::kind_code) {
    require_enum(v, n, limits.of(Desc::role), name.c_str());
  } else if constexpr (Desc::role != ColumnRole::value) {
    const std::size_t limit = limits.of(Desc::role);
    for (E row : v)
      if (row >= limit) inconsistent(name.substr(0, name.find('.')) + " refers past its tables");
  } else if constexpr (std::is_enum_v<E> || std::is_same_v<E, std::uint8_t>) {
    require_enum(v, n, d.kind == CellKind::set ? std::size_t{1} << d.names.size() : d.names.size(), name.c_str());
  }
}

// Every column of `t` against the table's row count and the tables it refers to; problems name
// the column as `table.csv_column`.
template <class Table>
void check_table(const Table& t, const RowLimits& limits) {
  const std::size_t n = t.size();
  for_each_column(
      [&](const auto& d, const auto& column) {
        check_column(d, column, n, limits, std::string(ColumnList<Table>::table) + "." + std::string(d.csv));
      },
      t);
}

}  // namespace

Dataset::Dataset() : Dataset(DatasetTables{}) {}

Dataset::Dataset(DatasetTables tables) : t_(std::move(tables)) {
  const std::size_t limit = UINT32_MAX - 1;
  require(t_.branches.size() < limit && t_.members.size() < limit && t_.activities.size() < limit,
          "too many rows for 32-bit row numbers");
  require(t_.custom_kinds.size() <= UINT16_MAX - kBuiltinKindCount, "too many custom kinds");
  const RowLimits limits{t_.members.size(), t_.activities.size(), kBuiltinKindCount + t_.custom_kinds.size()};
  check_table(t_.branches, limits);
  check_table(t_.members, limits);
  check_table(t_.activities, limits);
  check_table(t_.attendance, limits);
  check_table(t_.observations, limits);
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
  for_each_value_column([&n](const auto&, const auto& column) { n += bytes(column); }, t);
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
