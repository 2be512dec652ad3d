// Cutting a range of branches out of a dataset (out-of-core scoring, partitioned archives), and
// putting such parts back together.
#include <libbranch/dataset_parts.hpp>

#include <algorithm>
#include <string>
#include <type_traits>

#include <libbranch/error.hpp>
#include <libbranch/model/table_columns.hpp>

namespace libbranch {
namespace {

template <class T>
std::vector<T> rows_of(const std::vector<T>& v, RowRange r) {
  return std::vector<T>(v.begin() + r.begin, v.begin() + r.end);
}

StringPool rows_of(const StringPool& p, RowRange r) {
  StringPool out;
  if (r.empty()) return out;
  out.reserve(r.size(), p.end_of(r.end - 1) - (r.begin == 0 ? 0 : p.end_of(r.begin - 1)));
  for (std::uint32_t i = r.begin; i < r.end; ++i) out.add(p[i]);
  return out;
}

// Re-interned, so that the slice's dictionary holds only the values its rows use.
DictColumn rows_of(const DictColumn& c, RowRange r) {
  DictColumn out;
  out.codes.reserve(r.size());
  for (std::uint32_t i = r.begin; i < r.end; ++i) out.push_back(c[i]);
  return out;
}

template <class Codec>
NarrowColumn<Codec> rows_of(const NarrowColumn<Codec>& c, RowRange r) {
  NarrowColumn<Codec> out;
  out.reserve(r.size());
  for (std::uint32_t i = r.begin; i < r.end; ++i) out.push_back(c[i]);
  return out;
}

// Entries of rows in `r`, renumbered; `keep(value, new_value)` may drop or rewrite a value.
template <class T, class Keep>
SparseColumn<T> rows_of(const SparseColumn<T>& c, RowRange r, Keep keep) {
  SparseColumn<T> out;
  for (std::size_t i = c.lower_bound(r.begin); i < c.entry_count() && c.entry_row(i) < r.end; ++i) {
    T value = c.entry_value(i);
    if (keep(value)) out.push_back(c.entry_row(i) - r.begin, value);
  }
  return out;
}

template <class T>
SparseColumn<T> rows_of(const SparseColumn<T>& c, RowRange r) {
  return rows_of(c, r, [](const T&) { return true; });
}

// Every value column of `to` is rows `r` of the same column of `from`.
template <class Table>
void slice_values(Table& to, const Table& from, RowRange r) {
  for_each_value_column([r](const auto&, auto& out, const auto& in) { out = rows_of(in, r); }, to, from);
}

BranchTable slice(const BranchTable& t, RowRange r) {
  BranchTable out;
  slice_values(out, t, r);
  return out;
}

MemberTable slice(const MemberTable& t, RowRange r, RowRange branches) {
  MemberTable out;
  slice_values(out, t, r);
  out.branch = t.branch.slice(r.begin, r.end, branches.begin, branches.end);
  return out;
}

ActivityTable slice(const ActivityTable& t, RowRange r, RowRange branches, RowRange members) {
  ActivityTable out;
  slice_values(out, t, r);
  out.branch = t.branch.slice(r.begin, r.end, branches.begin, branches.end);
  out.kind = rows_of(t.kind, r);
  out.lecturer = rows_of(t.lecturer, r, [&](std::uint32_t& member) {
    if (member < members.begin || member >= members.end) return false;  // a member of a branch outside
    member -= members.begin;
    return true;
  });
  return out;
}

ObservationTable slice(const ObservationTable& t, RowRange r, RowRange branches) {
  ObservationTable out;
  slice_values(out, t, r);
  out.branch = t.branch.slice(r.begin, r.end, branches.begin, branches.end);
  return out;
}

// Attendance is in file order, not grouped: one pass keeps the rows whose activity and member are
// both inside.
AttendanceTable slice(const AttendanceTable& t, RowRange activities, RowRange members) {
  AttendanceTable out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const std::uint32_t a = t.activity[i];
    const std::uint32_t m = t.member[i];
    if (a < activities.begin || a >= activities.end || m < members.begin || m >= members.end) continue;
    out.activity.push_back(a - activities.begin);
    out.member.push_back(m - members.begin);
  }
  return out;
}

RowRange rows_between(const std::vector<std::uint32_t>& offsets, RowRange branches) {
  return {offsets[branches.begin], offsets[branches.end]};
}

}  // namespace

Dataset slice_branches(const Dataset& ds, RowRange range) {
  if (range.begin > range.end || range.end > ds.branch_count())
    throw Error("branch range [" + std::to_string(range.begin) + ", " + std::to_string(range.end) +
                ") is not within the dataset's " + std::to_string(ds.branch_count()) + " branches");
  const RowRange members = rows_between(ds.member_offsets(), range);
  const RowRange activities = rows_between(ds.activity_offsets(), range);
  DatasetTables t;
  t.branches = slice(ds.branches(), range);
  t.members = slice(ds.members(), members, range);
  t.activities = slice(ds.activities(), activities, range, members);
  t.attendance = slice(ds.attendance(), activities, members);
  t.observations = slice(ds.observations(), rows_between(ds.observation_offsets(), range), range);
  t.custom_kinds = ds.custom_kinds();
  return Dataset(std::move(t));
}

}  // namespace libbranch

// -------------------------------------------------------------------------------------------------
// Concatenation

namespace libbranch {
namespace {

template <class T>
void append_rows(std::vector<T>& to, const std::vector<T>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

void append_rows(StringPool& to, const StringPool& from) {
  for (std::size_t i = 0; i < from.size(); ++i) to.add(from[i]);
}

void append_rows(DictColumn& to, const DictColumn& from) { to.append(from); }

template <class Codec>
void append_rows(NarrowColumn<Codec>& to, const NarrowColumn<Codec>& from) {
  to.append(from);
}

// Values are copied as they are (a -0.0 stays -0.0), or offset: member rows of the lecturer column.
template <class T>
void append_rows(SparseColumn<T>& to, const SparseColumn<T>& from, std::uint32_t row_offset) {
  for (std::size_t i = 0; i < from.entry_count(); ++i) to.push_back(from.entry_row(i) + row_offset, from.entry_value(i));
}

void append_rows(SparseColumn<std::uint32_t>& to, const SparseColumn<std::uint32_t>& from, std::uint32_t row_offset,
                 std::uint32_t value_offset) {
  for (std::size_t i = 0; i < from.entry_count(); ++i)
    to.push_back(from.entry_row(i) + row_offset, from.entry_value(i) + value_offset);
}

void append_offset(std::vector<std::uint32_t>& to, const std::vector<std::uint32_t>& from, std::uint32_t offset) {
  for (std::uint32_t v : from) to.push_back(v + offset);
}

std::uint32_t checked_rows(std::size_t rows, const char* table) {
  if (rows >= UINT32_MAX) throw Error(std::string("the parts hold too many ") + table + " for one dataset");
  return static_cast<std::uint32_t>(rows);
}

}  // namespace

struct DatasetConcatenator::State {
  DatasetTables t;

  // Custom kind codes of a part, in the merged list (by name).
  std::vector<KindCode> kind_codes(const std::vector<std::string>& names) {
    std::vector<KindCode> codes;
    for (const std::string& name : names) {
      auto it = std::find(t.custom_kinds.begin(), t.custom_kinds.end(), name);
      if (it == t.custom_kinds.end()) it = t.custom_kinds.insert(it, name);
      codes.push_back(static_cast<KindCode>(kFirstCustomKind + (it - t.custom_kinds.begin())));
    }
    return codes;
  }

  // Every value column of `to` gets the rows of `from` appended; sparse ones renumbered.
  template <class Table>
  static void append_values(Table& to, const Table& from, std::uint32_t row_offset) {
    for_each_value_column(
        [row_offset](const auto&, auto& out, const auto& in) {
          if constexpr (is_sparse_column_v<std::remove_cvref_t<decltype(out)>>) {
            append_rows(out, in, row_offset);
          } else {
            append_rows(out, in);
          }
        },
        to, from);
  }

  void activities(const ActivityTable& p, std::uint32_t branch_offset, std::uint32_t member_offset,
                  const std::vector<KindCode>& custom) {
    ActivityTable& a = t.activities;
    const std::uint32_t row_offset = checked_rows(a.size(), "activities");
    append_values(a, p, row_offset);
    a.branch.append(p.branch, branch_offset);
    for (KindCode k : p.kind) a.kind.push_back(k >= kFirstCustomKind ? custom.at(k - kFirstCustomKind) : k);
    append_rows(a.lecturer, p.lecturer, row_offset, member_offset);
  }

  void append(const Dataset& part) {
    const std::uint32_t branch_offset = checked_rows(t.branches.size(), "branches");
    const std::uint32_t member_offset = checked_rows(t.members.size(), "members");
    const std::uint32_t activity_offset = checked_rows(t.activities.size(), "activities");
    checked_rows(t.branches.size() + part.branch_count(), "branches");
    checked_rows(t.members.size() + part.members().size(), "members");
    checked_rows(t.activities.size() + part.activities().size(), "activities");
    checked_rows(t.observations.size() + part.observations().size(), "observations");
    const std::vector<KindCode> custom = kind_codes(part.custom_kinds());
    append_values(t.branches, part.branches(), branch_offset);
    append_values(t.members, part.members(), member_offset);
    t.members.branch.append(part.members().branch, branch_offset);
    activities(part.activities(), branch_offset, member_offset, custom);
    append_offset(t.attendance.activity, part.attendance().activity, activity_offset);
    append_offset(t.attendance.member, part.attendance().member, member_offset);
    append_values(t.observations, part.observations(), 0);
    t.observations.branch.append(part.observations().branch, branch_offset);
  }
};

DatasetConcatenator::DatasetConcatenator() : state_(std::make_unique<State>()) {}
DatasetConcatenator::DatasetConcatenator(DatasetConcatenator&&) noexcept = default;
DatasetConcatenator& DatasetConcatenator::operator=(DatasetConcatenator&&) noexcept = default;
DatasetConcatenator::~DatasetConcatenator() = default;

void DatasetConcatenator::append(const Dataset& part) {
  if (!state_) state_ = std::make_unique<State>();
  state_->append(part);
}

Dataset DatasetConcatenator::finish() {
  if (!state_) state_ = std::make_unique<State>();
  DatasetTables tables = std::move(state_->t);
  state_.reset();
  return Dataset(std::move(tables));
}

}  // namespace libbranch
