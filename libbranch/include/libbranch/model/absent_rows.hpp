#pragma once
// A column of `rows` absent cells, for every column type of the tables: what a column added in a
// later archive layout holds when an older archive is loaded (serialization/dataset_archive.cpp).
#include <cstddef>
#include <limits>
#include <type_traits>
#include <vector>

#include <libbranch/model/columns.hpp>
#include <libbranch/model/date.hpp>
#include <libbranch/model/narrow_column.hpp>
#include <libbranch/model/string_pool.hpp>

namespace libbranch {

/// Counts, dates, hundredths: the codec's absent value.
template <class Codec>
void assign_absent(NarrowColumn<Codec>& c, std::size_t rows) {
  c.assign(rows, Codec::absent());
}
/// No code.
inline void assign_absent(DictColumn& c, std::size_t rows) {
  c.codes.clear();
  c.codes.reserve(rows);
  for (std::size_t i = 0; i < rows; ++i) c.codes.push_back(DictCodes::kAbsent);
}
/// Empty strings (a string pool has no absent value; an empty cell reads as "").
inline void assign_absent(StringPool& p, std::size_t rows) {
  p.clear();
  for (std::size_t i = 0; i < rows; ++i) p.add({});
}
/// No entry.
template <class T>
void assign_absent(SparseColumn<T>& c, std::size_t) {
  c.clear();
}
/// Enumerations (0 = absent), sets (empty), dates (none), numbers (NaN).
template <class T>
void assign_absent(std::vector<T>& v, std::size_t rows) {
  if constexpr (std::is_floating_point_v<T>) {
    v.assign(rows, std::numeric_limits<T>::quiet_NaN());
  } else if constexpr (std::is_same_v<T, Date>) {
    v.assign(rows, Date::none());
  } else {
    static_assert(std::is_enum_v<T> || std::is_unsigned_v<T>, "a column type without an absent value");
    v.assign(rows, T{});
  }
}

}  // namespace libbranch
