// Appending the rows of a chunk to a table (chunked loading merges chunks in file order), sizing a
// table from its first chunk, and emptying a chunk's table for the next chunk without giving its
// memory back. The operations visit each table's column list (model/table_columns.hpp).
#include <libbranch/model/table_columns.hpp>

#include "load_context.hpp"

namespace libbranch::detail {
namespace {

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
void grow(BranchColumn& to, const BranchColumn& from, double scale) { to.reserve(scaled(from.size(), scale)); }
template <class Codec>
void grow(NarrowColumn<Codec>& to, const NarrowColumn<Codec>& from, double scale) {
  to.reserve(scaled(from.size(), scale));
}
template <class T>
void grow(SparseColumn<T>&, const SparseColumn<T>&, double) {}  // few entries: growing is cheap

template <class Table>
void append_table(Table& to, const Table& from) {
  const auto offset = static_cast<std::uint32_t>(to.size());
  for_each_column([offset](const auto&, auto& t, const auto& f) { add(t, f, offset); }, to, from);
}

template <class Table>
void reserve_table(Table& to, const Table& chunk, double scale) {
  for_each_column([scale](const auto&, auto& t, const auto& f) { grow(t, f, scale); }, to, chunk);
}

template <class Table>
void clear_table(Table& t) {
  for_each_column([](const auto&, auto& column) { column.clear(); }, t);
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
