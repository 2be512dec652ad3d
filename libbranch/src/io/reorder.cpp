// Grouping loaded rows by branch (the CSR layout of Dataset), keeping file order within a branch.
#include <type_traits>

#include <libbranch/model/table_columns.hpp>

#include "load_context.hpp"

namespace libbranch::detail {

std::vector<std::uint32_t> order_by_branch(const BranchColumn& column, std::size_t branches) {
  if (column.is_grouped()) return {};
  const std::vector<std::uint32_t>& branch = column.rows();
  bool grouped = true;
  for (std::size_t i = 1; i < branch.size() && grouped; ++i) grouped = branch[i - 1] <= branch[i];
  if (grouped) return {};
  // Counting sort: stable, linear, one pass to count and one to place.
  std::vector<std::uint32_t> start(branches + 1, 0);
  for (std::uint32_t b : branch) ++start[b + 1];
  for (std::size_t b = 0; b < branches; ++b) start[b + 1] += start[b];
  std::vector<std::uint32_t> order(branch.size());
  for (std::uint32_t row = 0; row < branch.size(); ++row) order[start[branch[row]]++] = row;
  return order;
}

std::vector<std::uint32_t> inverse(const std::vector<std::uint32_t>& order) {
  std::vector<std::uint32_t> new_row_of(order.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) new_row_of[order[i]] = i;
  return new_row_of;
}

namespace {
template <class T>
void apply(std::vector<T>& v, const std::vector<std::uint32_t>& order) {
  v = permuted(v, order);
}
void apply(DictColumn& c, const std::vector<std::uint32_t>& order) { c.codes = c.codes.permuted(order); }
// String pools and narrow columns.
template <class C>
void apply(C& c, const std::vector<std::uint32_t>& order) {
  c = c.permuted(order);
}
}  // namespace

namespace {
// Dense columns follow `order`; sparse ones are remapped by `new_row_of` (the caller's when it has
// it, else computed for the first sparse column).
template <class Table>
void reorder_columns(Table& t, const std::vector<std::uint32_t>& order, const std::vector<std::uint32_t>* new_row_of) {
  std::vector<std::uint32_t> computed;
  for_each_column(
      [&](const auto&, auto& column) {
        if constexpr (is_sparse_column_v<std::remove_cvref_t<decltype(column)>>) {
          if (new_row_of == nullptr) new_row_of = &(computed = inverse(order));
          column = column.remapped(*new_row_of);
        } else {
          apply(column, order);
        }
      },
      t);
}

template <class Table>
void shrink_columns(Table& t) {
  for_each_column([](const auto&, auto& column) { column.shrink_to_fit(); }, t);
}
}  // namespace

void reorder(MemberTable& t, const std::vector<std::uint32_t>& order) { reorder_columns(t, order, nullptr); }

void reorder(ActivityTable& t, const std::vector<std::uint32_t>& order, const std::vector<std::uint32_t>& new_row_of) {
  reorder_columns(t, order, &new_row_of);
}

void reorder(ObservationTable& t, const std::vector<std::uint32_t>& order) { reorder_columns(t, order, nullptr); }

void shrink_to_fit(DatasetTables& t) {
  shrink_columns(t.branches);
  shrink_columns(t.members);
  shrink_columns(t.activities);
  shrink_columns(t.attendance);
  shrink_columns(t.observations);
}

}  // namespace libbranch::detail
