#pragma once
// Each table's value columns, listed once: code that treats every column alike (slicing,
// concatenating, reordering, shrinking) visits them instead of naming each one.
#include <type_traits>

#include <libbranch/model/activity_table.hpp>
#include <libbranch/model/branch_table.hpp>
#include <libbranch/model/member_table.hpp>
#include <libbranch/model/observation_table.hpp>

namespace libbranch {

/// Whether a column type is a SparseColumn (rows move with it, so reordering remaps them).
template <class T>
inline constexpr bool is_sparse_column_v = false;
template <class T>
inline constexpr bool is_sparse_column_v<SparseColumn<T>> = true;

/// Calls `f(name, column…)` for every column of one or more tables of the same type, with the
/// tables' columns of that name side by side, in the order of the CSV header. Columns that refer
/// to rows of other tables — `branch` (a branch row) and an activity's `lecturer` (a member row) —
/// and the activity `kind` (codes of custom kinds) are not visited: whoever moves rows between
/// datasets renumbers them, so they are handled by name.
template <class F, class... T>
  requires(std::is_same_v<std::remove_cvref_t<T>, BranchTable> && ...)
void for_each_value_column(F&& f, T&&... t) {
  f("branch_id", t.id...);
  f("name", t.name...);
  f("parent_id", t.parent_id...);
  f("org_type", t.org_type...);
  f("last_election", t.last_election...);
  f("internal_units", t.internal_units...);
  f("units_covered", t.units_covered...);
  f("fulltime_party_workers", t.fulltime_party_workers...);
  f("pioneer_posts", t.pioneer_posts...);
  f("brands", t.brands...);
  f("facilities", t.facilities...);
  f("service_station", t.service_station...);
}

template <class F, class... T>
  requires(std::is_same_v<std::remove_cvref_t<T>, MemberTable> && ...)
void for_each_value_column(F&& f, T&&... t) {
  f("member_id", t.id...);
  f("name", t.name...);
  f("gender", t.gender...);
  f("ethnicity", t.ethnicity...);
  f("birth_date", t.birth_date...);
  f("education", t.education...);
  f("role", t.role...);
  f("party_group", t.party_group...);
  f("application_date", t.application_date...);
  f("activist_date", t.activist_date...);
  f("candidate_date", t.candidate_date...);
  f("admission_date", t.admission_date...);
  f("conversion_date", t.conversion_date...);
  f("joined_branch", t.joined_branch...);
  f("left_branch", t.left_branch...);
}

template <class F, class... T>
  requires(std::is_same_v<std::remove_cvref_t<T>, ActivityTable> && ...)
void for_each_value_column(F&& f, T&&... t) {
  f("activity_id", t.id...);
  f("date", t.date...);
  f("mode", t.mode...);
  f("platform", t.platform...);
  f("attendees", t.attendees...);
  f("expected", t.expected...);
  f("hours", t.hours...);
  f("amount_yuan", t.amount_yuan...);
  f("cases", t.cases...);
  f("escalated", t.escalated...);
  f("title", t.title...);
}

template <class F, class... T>
  requires(std::is_same_v<std::remove_cvref_t<T>, ObservationTable> && ...)
void for_each_value_column(F&& f, T&&... t) {
  f("indicator", t.indicator...);
  f("date", t.date...);
  f("value", t.value...);
}

}  // namespace libbranch
