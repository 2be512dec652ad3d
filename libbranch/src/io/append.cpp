// Appending the rows of a chunk to a table (chunked loading merges chunks in file order), sizing a
// table from its first chunk, and emptying a chunk's table for the next chunk without giving its
// memory back. Each table lists its columns once (`columns`); the operations visit them.
#include "load_context.hpp"

namespace libbranch::detail {
namespace {

// `f(to_column, from_column)` for every column of the table, in declaration order.
template <class F>
void columns(BranchTable& to, const BranchTable& from, F&& f) {
  f(to.id, from.id), f(to.name, from.name), f(to.parent_id, from.parent_id), f(to.org_type, from.org_type);
  f(to.last_election, from.last_election), f(to.internal_units, from.internal_units);
  f(to.units_covered, from.units_covered), f(to.fulltime_party_workers, from.fulltime_party_workers);
  f(to.pioneer_posts, from.pioneer_posts), f(to.brands, from.brands), f(to.facilities, from.facilities);
  f(to.service_station, from.service_station);
}

template <class F>
void columns(MemberTable& to, const MemberTable& from, F&& f) {
  f(to.id, from.id), f(to.branch, from.branch), f(to.name, from.name), f(to.gender, from.gender);
  f(to.ethnicity, from.ethnicity), f(to.birth_date, from.birth_date), f(to.education, from.education);
  f(to.role, from.role), f(to.party_group, from.party_group), f(to.application_date, from.application_date);
  f(to.activist_date, from.activist_date), f(to.candidate_date, from.candidate_date);
  f(to.admission_date, from.admission_date), f(to.conversion_date, from.conversion_date);
  f(to.joined_branch, from.joined_branch), f(to.left_branch, from.left_branch);
}

template <class F>
void columns(ActivityTable& to, const ActivityTable& from, F&& f) {
  f(to.id, from.id), f(to.branch, from.branch), f(to.kind, from.kind), f(to.date, from.date);
  f(to.mode, from.mode), f(to.platform, from.platform), f(to.attendees, from.attendees);
  f(to.expected, from.expected), f(to.hours, from.hours), f(to.lecturer, from.lecturer);
  f(to.amount_yuan, from.amount_yuan), f(to.cases, from.cases), f(to.escalated, from.escalated);
  f(to.title, from.title);
}

template <class F>
void columns(ObservationTable& to, const ObservationTable& from, F&& f) {
  f(to.branch, from.branch), f(to.indicator, from.indicator), f(to.date, from.date), f(to.value, from.value);
}

// Appending one column; sparse columns name rows, which follow the table's (`offset`).
template <class T>
void add(std::vector<T>& to, const std::vector<T>& from, std::uint32_t) {
  to.insert(to.end(), from.begin(), from.end());
}
template <class T>
void add(SparseColumn<T>& to, const SparseColumn<T>& from, std::uint32_t offset) {
  to.append(from, offset);
}
template <class C>
void add(C& to, const C& from, std::uint32_t) {
  to.append(from);
}

// Room for `scale` times a chunk's column, a little more for the chunks that run longer.
std::size_t scaled(std::size_t n, double scale) { return static_cast<std::size_t>(static_cast<double>(n) * scale * 1.03) + 16; }
template <class T>
void grow(std::vector<T>& to, const std::vector<T>& from, double scale) {
  to.reserve(scaled(from.size(), scale));
}
void grow(StringPool& to, const StringPool& from, double scale) {
  to.reserve(scaled(from.size(), scale), scaled(from.chars().size(), scale));
}
void grow(DictColumn& to, const DictColumn& from, double scale) { to.codes.reserve(scaled(from.codes.size(), scale)); }
template <class Codec>
void grow(NarrowColumn<Codec>& to, const NarrowColumn<Codec>& from, double scale) {
  to.reserve(scaled(from.size(), scale));
}
template <class T>
void grow(SparseColumn<T>&, const SparseColumn<T>&, double) {}  // few entries: growing is cheap

template <class Table>
void append_table(Table& to, const Table& from) {
  const auto offset = static_cast<std::uint32_t>(to.size());
  columns(to, from, [offset](auto& t, const auto& f) { add(t, f, offset); });
}

template <class Table>
void reserve_table(Table& to, const Table& chunk, double scale) {
  columns(to, chunk, [scale](auto& t, const auto& f) { grow(t, f, scale); });
}

template <class Table>
void clear_table(Table& t) {
  columns(t, t, [](auto& column, const auto&) { column.clear(); });
}

}  // namespace

void append(BranchTable& to, const BranchTable& from) { append_table(to, from); }
void append(MemberTable& to, const MemberTable& from) { append_table(to, from); }
void append(ActivityTable& to, const ActivityTable& from) { append_table(to, from); }
void append(ObservationTable& to, const ObservationTable& from) { append_table(to, from); }

void reserve_like(BranchTable& to, const BranchTable& chunk, double scale) { reserve_table(to, chunk, scale); }
void reserve_like(MemberTable& to, const MemberTable& chunk, double scale) { reserve_table(to, chunk, scale); }
void reserve_like(ActivityTable& to, const ActivityTable& chunk, double scale) { reserve_table(to, chunk, scale); }
void reserve_like(ObservationTable& to, const ObservationTable& chunk, double scale) { reserve_table(to, chunk, scale); }

void clear(BranchTable& t) { clear_table(t); }
void clear(MemberTable& t) { clear_table(t); }
void clear(ActivityTable& t) { clear_table(t); }
void clear(ObservationTable& t) { clear_table(t); }

}  // namespace libbranch::detail
