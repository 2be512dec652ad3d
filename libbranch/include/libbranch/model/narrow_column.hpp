#pragma once
// A column of 16-bit cells: the common values of a column (counts, dates of the last two centuries,
// hours in hundredths) fit in 16 bits; the rare value that does not lives, exact, in a side table
// sorted by row. Two bytes a row instead of four or eight, and no value is rounded or refused.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include <libbranch/export.hpp>

namespace libbranch {

/// Reads the rows of a column whose operator[] returns values (for range-for and the standard
/// algorithms).
template <class Column>
class RowIterator {
 public:
  using iterator_category = std::random_access_iterator_tag;
  using value_type = std::remove_cvref_t<decltype(std::declval<const Column&>()[0])>;
  using difference_type = std::ptrdiff_t;
  using pointer = void;
  using reference = value_type;
  RowIterator() = default;
  RowIterator(const Column* c, std::size_t i) : c_(c), i_(i) {}
  value_type operator*() const { return (*c_)[i_]; }
  RowIterator& operator++() {
    ++i_;
    return *this;
  }
  RowIterator operator++(int) {
    RowIterator old = *this;
    ++i_;
    return old;
  }
  difference_type operator-(const RowIterator& o) const {
    return static_cast<difference_type>(i_) - static_cast<difference_type>(o.i_);
  }
  bool operator==(const RowIterator& o) const { return i_ == o.i_; }

 private:
  const Column* c_ = nullptr;
  std::size_t i_ = 0;
};

/// The cell codes every NarrowColumn reserves.
struct NarrowCells {
  static constexpr std::uint16_t kAbsent = UINT16_MAX;
  static constexpr std::uint16_t kWide = UINT16_MAX - 1;  ///< look in the side table
};

/// `Codec` says how a value maps to a cell:
///   using Value  — what a row reads as (absent included: Date::none(), NaN, nullopt);
///   using Wide   — how a value is kept in the side table;
///   static bool is_absent(Value);  static Value absent();
///   static std::optional<std::uint16_t> narrow(Value);  // a cell below kWide, or nullopt
///   static Value widen(std::uint16_t);  static Wide to_wide(Value);  static Value from_wide(Wide);
/// narrow and widen must round-trip exactly: widen(*narrow(v)) == v bit for bit.
template <class Codec>
class NarrowColumn {
 public:
  static constexpr std::uint16_t kAbsent = NarrowCells::kAbsent;
  static constexpr std::uint16_t kWide = NarrowCells::kWide;
  using Value = typename Codec::Value;
  using Wide = typename Codec::Wide;
  using WideEntry = std::pair<std::uint32_t, Wide>;

  NarrowColumn() = default;
  NarrowColumn(std::initializer_list<Value> values) {
    reserve(values.size());
    for (const Value& v : values) push_back(v);
  }

  void push_back(Value v) { cells_.push_back(cell_for(static_cast<std::uint32_t>(cells_.size()), v)); }
  void pop_back() {
    if (cells_.back() == kWide) wide_.pop_back();
    cells_.pop_back();
  }
  /// `n` rows of `v`, replacing the column's rows.
  void assign(std::size_t n, Value v) {
    clear();
    reserve(n);
    for (std::size_t i = 0; i < n; ++i) push_back(v);
  }
  /// Appends the rows of `other`.
  void append(const NarrowColumn& other) {
    const auto offset = static_cast<std::uint32_t>(cells_.size());
    cells_.insert(cells_.end(), other.cells_.begin(), other.cells_.end());
    for (const auto& [row, value] : other.wide_) wide_.emplace_back(offset + row, value);
  }
  /// Removes every row, keeping the memory for new ones.
  void clear() noexcept {
    cells_.clear();
    wide_.clear();
  }
  // const: `column[row] = v` would assign to a temporary and change nothing; use set().
  [[nodiscard]] const Value operator[](std::size_t row) const {
    const std::uint16_t c = cells_[row];
    if (c < kWide) return Codec::widen(c);
    return c == kAbsent ? Codec::absent() : Codec::from_wide(wide_at(row)->second);
  }
  [[nodiscard]] Value get(std::size_t row) const { return (*this)[row]; }
  [[nodiscard]] bool has(std::size_t row) const { return cells_[row] != kAbsent; }
  void set(std::size_t row, Value v) {
    auto it = wide_at(row);
    const bool was_wide = it != wide_.end() && it->first == row;
    if (was_wide) wide_.erase(it);
    cells_[row] = cell_for(static_cast<std::uint32_t>(row), v);
  }
  [[nodiscard]] std::size_t size() const noexcept { return cells_.size(); }
  [[nodiscard]] bool empty() const noexcept { return cells_.empty(); }
  void reserve(std::size_t n) { cells_.reserve(n); }
  void shrink_to_fit() {
    cells_.shrink_to_fit();
    wide_.shrink_to_fit();
  }
  /// Row i of the result is row order[i] of this column.
  [[nodiscard]] NarrowColumn permuted(const std::vector<std::uint32_t>& order) const {
    NarrowColumn out;
    out.reserve(order.size());
    for (const std::uint32_t i : order) out.push_back((*this)[i]);
    return out;
  }
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return cells_.capacity() * sizeof(std::uint16_t) + wide_.capacity() * sizeof(WideEntry);
  }

  [[nodiscard]] const std::vector<std::uint16_t>& cells() const noexcept { return cells_; }
  [[nodiscard]] const std::vector<WideEntry>& wide() const noexcept { return wide_; }
  /// For deserialisation; the caller has checked the parts with `valid_parts`.
  void assign_parts(std::vector<std::uint16_t> cells, std::vector<WideEntry> wide) {
    cells_ = std::move(cells);
    wide_ = std::move(wide);
  }
  /// Wide rows strictly increasing, each marked kWide in `cells`, every kWide cell listed, and no
  /// wide value that a cell could hold (so that equal columns have equal parts).
  [[nodiscard]] static bool valid_parts(const std::vector<std::uint16_t>& cells, const std::vector<WideEntry>& wide) {
    std::size_t wide_cells = 0;
    for (const std::uint16_t c : cells) wide_cells += c == kWide;
    if (wide_cells != wide.size()) return false;
    for (std::size_t i = 0; i < wide.size(); ++i) {
      const auto& [row, value] = wide[i];
      if (row >= cells.size() || cells[row] != kWide || (i > 0 && row <= wide[i - 1].first)) return false;
      const Value v = Codec::from_wide(value);
      if (Codec::is_absent(v) || Codec::narrow(v)) return false;
    }
    return true;
  }

  using const_iterator = RowIterator<NarrowColumn>;
  [[nodiscard]] const_iterator begin() const { return {this, 0}; }
  [[nodiscard]] const_iterator end() const { return {this, cells_.size()}; }

  friend bool operator==(const NarrowColumn&, const NarrowColumn&) = default;

 private:
  std::uint16_t cell_for(std::uint32_t row, Value v) {
    if (Codec::is_absent(v)) return kAbsent;
    if (const std::optional<std::uint16_t> c = Codec::narrow(v)) return *c;
    const WideEntry entry{row, Codec::to_wide(v)};
    wide_.insert(wide_at(row), entry);
    return kWide;
  }
  [[nodiscard]] auto wide_at(std::size_t row) const {
    return std::lower_bound(wide_.begin(), wide_.end(), row,
                            [](const WideEntry& e, std::size_t r) { return e.first < r; });
  }
  [[nodiscard]] auto wide_at(std::size_t row) {
    return std::lower_bound(wide_.begin(), wide_.end(), row,
                            [](const WideEntry& e, std::size_t r) { return e.first < r; });
  }

  std::vector<std::uint16_t> cells_;
  std::vector<WideEntry> wide_;  // sorted by row
};

}  // namespace libbranch
