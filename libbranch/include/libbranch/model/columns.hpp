#pragma once
// Column types for the columnar tables: optional non-negative integers, sparse columns,
// dictionary-encoded strings. Each is compact and appended in row order.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include <libbranch/model/string_pool.hpp>

namespace libbranch {

/// Optional integers ≥ 0 that fit in 64 bits, stored in 32 bits a row. The rare value that does not
/// fit in 31 bits lives in a sorted side table, so the column is exact without paying 8 bytes a row.
class CountColumn {
 public:
  static constexpr std::uint32_t kAbsent = UINT32_MAX;
  static constexpr std::uint32_t kWide = UINT32_MAX - 1;  // look in wide_

  void push_back(std::optional<std::int64_t> v);
  /// Appends the rows of `other`.
  void append(const CountColumn& other);
  /// Removes every row, keeping the memory for new ones.
  void clear() noexcept {
    cells_.clear();
    wide_.clear();
  }
  [[nodiscard]] bool has(std::size_t row) const { return cells_[row] != kAbsent; }
  [[nodiscard]] std::optional<std::int64_t> get(std::size_t row) const;
  /// The value, or `fallback` when absent (SPEC §4: "an absent cell counts as 0").
  [[nodiscard]] std::int64_t value_or(std::size_t row, std::int64_t fallback) const {
    const std::uint32_t c = cells_[row];
    if (c < kWide) return c;
    return c == kAbsent ? fallback : wide_value(row);
  }
  void set(std::size_t row, std::optional<std::int64_t> v);
  [[nodiscard]] std::size_t size() const noexcept { return cells_.size(); }
  void reserve(std::size_t n) { cells_.reserve(n); }
  void shrink_to_fit() {
    cells_.shrink_to_fit();
    wide_.shrink_to_fit();
  }
  [[nodiscard]] CountColumn permuted(const std::vector<std::uint32_t>& order) const;
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return cells_.capacity() * sizeof(std::uint32_t) + wide_.capacity() * sizeof(wide_[0]);
  }
  [[nodiscard]] const std::vector<std::uint32_t>& cells() const noexcept { return cells_; }
  [[nodiscard]] const std::vector<std::pair<std::uint32_t, std::int64_t>>& wide() const noexcept { return wide_; }
  /// For deserialisation; the caller has checked the parts with `valid_parts`.
  void assign(std::vector<std::uint32_t> cells, std::vector<std::pair<std::uint32_t, std::int64_t>> wide) {
    cells_ = std::move(cells);
    wide_ = std::move(wide);
  }
  /// Wide rows strictly increasing, each marked kWide in `cells`, every kWide cell listed, values > kWide - 1.
  [[nodiscard]] static bool valid_parts(const std::vector<std::uint32_t>& cells,
                                        const std::vector<std::pair<std::uint32_t, std::int64_t>>& wide);
  friend bool operator==(const CountColumn&, const CountColumn&) = default;

 private:
  [[nodiscard]] std::int64_t wide_value(std::size_t row) const;
  std::vector<std::uint32_t> cells_;
  std::vector<std::pair<std::uint32_t, std::int64_t>> wide_;  // sorted by row
};

/// A column present in few rows: (row, value) pairs sorted by row. Costs nothing for absent rows.
template <class T>
class SparseColumn {
 public:
  /// Rows must be appended in increasing order.
  void push_back(std::uint32_t row, T value) {
    rows_.push_back(row);
    values_.push_back(value);
  }
  /// Appends the entries of `other`, whose rows come after this column's: its row r becomes
  /// `row_offset + r`.
  void append(const SparseColumn& other, std::uint32_t row_offset) {
    for (const std::uint32_t r : other.rows_) rows_.push_back(row_offset + r);
    values_.insert(values_.end(), other.values_.begin(), other.values_.end());
  }
  /// Removes every entry, keeping the memory for new ones.
  void clear() noexcept {
    rows_.clear();
    values_.clear();
  }
  [[nodiscard]] const T* find(std::uint32_t row) const {
    auto it = std::lower_bound(rows_.begin(), rows_.end(), row);
    if (it == rows_.end() || *it != row) return nullptr;
    return &values_[static_cast<std::size_t>(it - rows_.begin())];
  }
  [[nodiscard]] std::optional<T> get(std::uint32_t row) const {
    const T* p = find(row);
    return p ? std::optional<T>(*p) : std::nullopt;
  }
  /// Index of the first entry with row ≥ `row`; walk entries from there for a range of rows.
  [[nodiscard]] std::size_t lower_bound(std::uint32_t row) const {
    return static_cast<std::size_t>(std::lower_bound(rows_.begin(), rows_.end(), row) - rows_.begin());
  }
  [[nodiscard]] std::size_t entry_count() const noexcept { return rows_.size(); }
  void shrink_to_fit() {
    rows_.shrink_to_fit();
    values_.shrink_to_fit();
  }
  [[nodiscard]] std::uint32_t entry_row(std::size_t i) const { return rows_[i]; }
  [[nodiscard]] const T& entry_value(std::size_t i) const { return values_[i]; }
  [[nodiscard]] const std::vector<std::uint32_t>& rows() const noexcept { return rows_; }
  [[nodiscard]] const std::vector<T>& values() const noexcept { return values_; }

  /// The column after rows are reordered: `new_row_of[old]` is where old row `old` went.
  [[nodiscard]] SparseColumn remapped(const std::vector<std::uint32_t>& new_row_of) const {
    std::vector<std::pair<std::uint32_t, T>> entries;
    entries.reserve(rows_.size());
    for (std::size_t i = 0; i < rows_.size(); ++i) entries.emplace_back(new_row_of[rows_[i]], values_[i]);
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    SparseColumn out;
    out.rows_.reserve(entries.size());
    out.values_.reserve(entries.size());
    for (auto& [r, v] : entries) out.push_back(r, v);
    return out;
  }
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return rows_.capacity() * sizeof(std::uint32_t) + values_.capacity() * sizeof(T);
  }
  /// For deserialisation; check with `valid_parts`.
  void assign(std::vector<std::uint32_t> rows, std::vector<T> values) {
    rows_ = std::move(rows);
    values_ = std::move(values);
  }
  /// Same lengths, rows strictly increasing and below `row_count`.
  [[nodiscard]] static bool valid_parts(const std::vector<std::uint32_t>& rows, const std::vector<T>& values,
                                        std::size_t row_count) {
    if (rows.size() != values.size()) return false;
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (rows[i] >= row_count || (i > 0 && rows[i] <= rows[i - 1])) return false;
    return true;
  }
  friend bool operator==(const SparseColumn&, const SparseColumn&) = default;

 private:
  std::vector<std::uint32_t> rows_;
  std::vector<T> values_;
};

/// A string column with few distinct values (platform, ethnicity, party group, parent id):
/// a dictionary plus a 32-bit code a row; StringDictionary::kAbsent for an empty cell.
struct DictColumn {
  StringDictionary dict;
  std::vector<std::uint32_t> codes;

  void push_back(std::string_view s) { codes.push_back(dict.intern(s)); }
  /// Appends the rows of `other`. Its values are interned in their order of first appearance, so
  /// appending pieces of a column gives the same dictionary as pushing its rows one by one.
  void append(const DictColumn& other);
  /// Removes every row and value, keeping the memory for new ones.
  void clear() noexcept {
    dict.clear();
    codes.clear();
  }
  [[nodiscard]] std::string_view operator[](std::size_t row) const { return dict[codes[row]]; }
  [[nodiscard]] std::size_t size() const noexcept { return codes.size(); }
  void shrink_to_fit() { codes.shrink_to_fit(); }
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return dict.memory_bytes() + codes.capacity() * sizeof(std::uint32_t);
  }
  friend bool operator==(const DictColumn&, const DictColumn&) = default;
};

/// Reorders a plain vector: element i of the result is `v[order[i]]`.
template <class T>
[[nodiscard]] std::vector<T> permuted(const std::vector<T>& v, const std::vector<std::uint32_t>& order) {
  std::vector<T> out;
  out.reserve(order.size());
  for (std::uint32_t i : order) out.push_back(v[i]);
  return out;
}

}  // namespace libbranch
