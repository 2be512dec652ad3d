#pragma once
// Each table's columns, listed once. Code that treats every column alike (consistency checks,
// slicing, concatenating, appending, reordering, archives, the Python tables, the CSV headers of
// the generator) visits this list instead of naming each column; the CSV loaders keep their own
// column specs (parsing differs per column) and check them against it at compile time. Adding a
// column is then: the member in the model header, its entry here, its parsing in io/load_*.cpp,
// and its text in synth.cpp when the generator should fill it.
#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <tuple>
#include <type_traits>

#include <libbranch/model/activity_table.hpp>
#include <libbranch/model/branch_table.hpp>
#include <libbranch/model/enums.hpp>
#include <libbranch/model/member_table.hpp>
#include <libbranch/model/observation_table.hpp>

namespace libbranch {

/// Whether a column type is a SparseColumn (rows move with it, so reordering remaps them).
template <class T>
inline constexpr bool is_sparse_column_v = false;
template <class T>
inline constexpr bool is_sparse_column_v<SparseColumn<T>> = true;

/// What a column's cells are: values of the row itself, or row numbers of other tables (or the
/// dataset's kind codes), which whoever moves rows between datasets renumbers by name.
enum class ColumnRole : std::uint8_t {
  value,
  branch_row,    ///< a branch row (BranchColumn)
  member_row,    ///< a member row (an activity's lecturer, an attendance's member)
  activity_row,  ///< an activity row (an attendance's activity)
  kind_code,     ///< ActivityKind, or kFirstCustomKind + i for the dataset's custom kind i
};

/// What a cell holds as the CSV file and a DataFrame see it (docs/reference/data-format.md).
enum class CellKind : std::uint8_t {
  text,              ///< free text or an id
  category,          ///< one of `names` (an enumeration) or of a dictionary
  ordered_category,  ///< as category, the names in rising order (education)
  set,               ///< `;`-separated members of `names`, a bit each
  date,
  integer,
  number,
  reference,  ///< the id of a row of another table
};

/// One column of a table: `Member` is its pointer to member, `Role` what its cells refer to.
template <auto Member, ColumnRole Role = ColumnRole::value>
struct Column {
  static constexpr auto member = Member;
  static constexpr ColumnRole role = Role;

  std::string_view name;  ///< the member's name, also its name in archives
  std::string_view csv;   ///< the CSV header column
  CellKind kind;
  bool required = false;  ///< the CSV column must exist and every row must give a value
  std::span<const std::string_view> names = {};  ///< the values of an enumeration or a set
  /// The dataset archive layout that added the column; archives of earlier layouts load it as
  /// absent in every row.
  unsigned added = 1;
  /// The layout since which the column has its present representation (at least `added`); earlier
  /// layouts are read in their old one (serialization/dataset_archive.cpp).
  unsigned layout = 1;
};

/// The column list of a table: `ColumnList<T>::columns`, a tuple of Column in the order of the
/// table's members, which is also the CSV header's and the archive's order.
template <class Table>
struct ColumnList;

template <>
struct ColumnList<BranchTable> {
  using T = BranchTable;
  static constexpr std::string_view table = "branches";
  static constexpr std::tuple columns{
      Column<&T::id>{"id", "branch_id", CellKind::text, true},
      Column<&T::name>{"name", "name", CellKind::text, true},
      Column<&T::parent_id>{"parent_id", "parent_id", CellKind::category},
      Column<&T::org_type>{"org_type", "org_type", CellKind::category, false, kOrgTypeNames},
      Column<&T::last_election>{"last_election", "last_election", CellKind::date, false, {}, 1, 2},
      Column<&T::internal_units>{"internal_units", "internal_units", CellKind::integer},
      Column<&T::units_covered>{"units_covered", "units_covered", CellKind::integer},
      Column<&T::fulltime_party_workers>{"fulltime_party_workers", "fulltime_party_workers", CellKind::integer},
      Column<&T::pioneer_posts>{"pioneer_posts", "pioneer_posts", CellKind::integer},
      Column<&T::brands>{"brands", "brands", CellKind::integer},
      Column<&T::facilities>{"facilities", "facilities", CellKind::set, false, kFacilityNames},
      Column<&T::service_station>{"service_station", "service_station", CellKind::set, false, kServiceStationNames},
  };
};

template <>
struct ColumnList<MemberTable> {
  using T = MemberTable;
  static constexpr std::string_view table = "members";
  static constexpr std::tuple columns{
      Column<&T::id>{"id", "member_id", CellKind::text, true},
      Column<&T::branch, ColumnRole::branch_row>{"branch", "branch_id", CellKind::reference, true, {}, 1, 2},
      Column<&T::name>{"name", "name", CellKind::text},
      Column<&T::gender>{"gender", "gender", CellKind::category, false, kGenderNames},
      Column<&T::ethnicity>{"ethnicity", "ethnicity", CellKind::category},
      Column<&T::birth_date>{"birth_date", "birth_date", CellKind::date, true, {}, 1, 2},
      Column<&T::education>{"education", "education", CellKind::ordered_category, false, kEducationNames},
      Column<&T::role>{"role", "role", CellKind::category, false, kRoleNames},
      Column<&T::party_group>{"party_group", "party_group", CellKind::category},
      Column<&T::application_date>{"application_date", "application_date", CellKind::date, false, {}, 1, 2},
      Column<&T::activist_date>{"activist_date", "activist_date", CellKind::date, false, {}, 1, 2},
      Column<&T::candidate_date>{"candidate_date", "candidate_date", CellKind::date, false, {}, 1, 2},
      Column<&T::admission_date>{"admission_date", "admission_date", CellKind::date, false, {}, 1, 2},
      Column<&T::conversion_date>{"conversion_date", "conversion_date", CellKind::date, false, {}, 1, 2},
      Column<&T::joined_branch>{"joined_branch", "joined_branch", CellKind::date, false, {}, 1, 2},
      Column<&T::left_branch>{"left_branch", "left_branch", CellKind::date, false, {}, 1, 2},
  };
};

template <>
struct ColumnList<ActivityTable> {
  using T = ActivityTable;
  static constexpr std::string_view table = "activities";
  static constexpr std::tuple columns{
      Column<&T::id>{"id", "activity_id", CellKind::text, true},
      Column<&T::branch, ColumnRole::branch_row>{"branch", "branch_id", CellKind::reference, true, {}, 1, 2},
      Column<&T::kind, ColumnRole::kind_code>{"kind", "kind", CellKind::category, true},
      Column<&T::date>{"date", "date", CellKind::date, true, {}, 1, 2},
      Column<&T::mode>{"mode", "mode", CellKind::category, false, kModeNames},
      Column<&T::platform>{"platform", "platform", CellKind::category},
      Column<&T::attendees>{"attendees", "attendees", CellKind::integer},
      Column<&T::expected>{"expected", "expected", CellKind::integer},
      Column<&T::hours>{"hours", "hours", CellKind::number, false, {}, 1, 2},
      Column<&T::lecturer, ColumnRole::member_row>{"lecturer", "lecturer_id", CellKind::reference},
      Column<&T::amount_yuan>{"amount_yuan", "amount_yuan", CellKind::number},
      Column<&T::cases>{"cases", "cases", CellKind::integer},
      Column<&T::escalated>{"escalated", "escalated", CellKind::integer},
      Column<&T::title>{"title", "title", CellKind::text, false, {}, 1, 2},
  };
};

template <>
struct ColumnList<AttendanceTable> {
  using T = AttendanceTable;
  static constexpr std::string_view table = "attendance";
  static constexpr std::tuple columns{
      Column<&T::activity, ColumnRole::activity_row>{"activity", "activity_id", CellKind::reference, true},
      Column<&T::member, ColumnRole::member_row>{"member", "member_id", CellKind::reference, true},
  };
};

template <>
struct ColumnList<ObservationTable> {
  using T = ObservationTable;
  static constexpr std::string_view table = "observations";
  static constexpr std::tuple columns{
      Column<&T::branch, ColumnRole::branch_row>{"branch", "branch_id", CellKind::reference, true, {}, 1, 2},
      Column<&T::indicator>{"indicator", "indicator", CellKind::category, true},
      Column<&T::date>{"date", "date", CellKind::date},
      Column<&T::value>{"value", "value", CellKind::number, true},
  };
};

/// The number of columns of a table.
template <class Table>
inline constexpr std::size_t column_count_v = std::tuple_size_v<std::remove_cvref_t<decltype(ColumnList<Table>::columns)>>;

/// The archive layout of a table: the newest layout any of its columns has.
template <class Table>
inline constexpr unsigned table_layout_v = std::apply(
    [](const auto&... c) { return std::max({1u, c.added..., c.layout...}); }, ColumnList<Table>::columns);

/// Calls `f(column, member…)` for every column of one or more tables of the same type, in the
/// list's order: `column` is the Column descriptor (its role and member are constexpr), then the
/// tables' members of that column side by side.
template <class F, class T0, class... T>
  requires(std::is_same_v<std::remove_cvref_t<T>, std::remove_cvref_t<T0>> && ...)
void for_each_column(F&& f, T0&& t0, T&&... t) {
  const auto visit = [&](const auto& column) { f(column, t0.*column.member, t.*column.member...); };
  std::apply([&](const auto&... column) { (visit(column), ...); }, ColumnList<std::remove_cvref_t<T0>>::columns);
}

/// As for_each_column, the value columns only (ColumnRole::value): the columns that refer to rows
/// of other tables and the kind codes are renumbered by whoever moves rows between datasets.
template <class F, class T0, class... T>
void for_each_value_column(F&& f, T0&& t0, T&&... t) {
  for_each_column(
      [&f](const auto& column, auto&&... members) {
        if constexpr (std::remove_cvref_t<decltype(column)>::role == ColumnRole::value)
          f(column, std::forward<decltype(members)>(members)...);
      },
      std::forward<T0>(t0), std::forward<T>(t)...);
}

/// `f(column)` for every column descriptor of `Table`.
template <class Table, class F>
constexpr void for_each_column_of(F&& f) {
  std::apply([&](const auto&... column) { (f(column), ...); }, ColumnList<Table>::columns);
}

/// The CSV header columns of `Table`, in order.
template <class Table>
inline constexpr std::array<std::string_view, column_count_v<Table>> csv_columns_v =
    std::apply([](const auto&... c) { return std::array<std::string_view, sizeof...(c)>{c.csv...}; },
               ColumnList<Table>::columns);

}  // namespace libbranch
