#pragma once
// The loaders' CSV column specs against the tables' column list (model/table_columns.hpp): each
// loader static_asserts that its specs name the list's CSV columns, in order, with the same
// required flags, so a column added to one and not the other does not compile.
#include <array>
#include <cstddef>

#include <libbranch/model/table_columns.hpp>

#include "table_reader.hpp"

namespace libbranch::detail {

template <class Table, std::size_t N>
constexpr bool specs_match_columns(const std::array<ColumnSpec, N>& specs) {
  if (N != column_count_v<Table>) return false;
  bool same = true;
  std::size_t i = 0;
  for_each_column_of<Table>([&](const auto& column) {
    same = same && specs[i].name == column.csv && specs[i].required == column.required;
    ++i;
  });
  return same;
}

}  // namespace libbranch::detail
