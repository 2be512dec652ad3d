#pragma once
// Column types for the columnar tables: optional non-negative integers, sparse columns,
// dictionary-encoded strings. Each is compact and appended in row order.
#include <algorithm>
#include <cmath>
#include <limits>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include <libbranch/export.hpp>
#include <libbranch/model/date.hpp>
#include <libbranch/model/narrow_column.hpp>
#include <libbranch/model/string_pool.hpp>

namespace libbranch {

/// Optional integers that fit in 64 bits (counts: attendees, units, brands).
struct CountCodec {
  using Value = std::optional<std::int64_t>;
  using Wide = std::int64_t;
  static bool is_absent(const Value& v) { return !v; }
  static Value absent() { return std::nullopt; }
  static std::optional<std::uint16_t> narrow(const Value& v) {
    if (*v >= 0 && *v < NarrowCells::kWide) return static_cast<std::uint16_t>(*v);
    return std::nullopt;
  }
  static Value widen(std::uint16_t c) { return c; }
  static Wide to_wide(const Value& v) { return *v; }
  static Value from_wide(Wide w) { return w; }
};

/// Optional integers ≥ 0 in 16 bits a row; the rare larger (or negative) value is kept exactly
/// in the side table. `value_or` is what metrics read (docs/reference/metrics.md §1.3: "an absent
/// cell counts as 0").
class CountColumn : public NarrowColumn<CountCodec> {
 public:
  using NarrowColumn::NarrowColumn;
  CountColumn() = default;
  CountColumn(NarrowColumn base) : NarrowColumn(std::move(base)) {}  // NOLINT: from permuted()
  [[nodiscard]] std::int64_t value_or(std::size_t row, std::int64_t fallback) const {
    const std::uint16_t c = cells()[row];
    if (c < kWide) return c;
    return c == kAbsent ? fallback : *get(row);
  }
};

/// Dates in 16 bits a row as days since 1900-01-01, which covers 1900-01-01 to 2079-06-04; other
/// dates (a birth before 1900, a typo in year 2205) go to the side table, exact.
struct DateCodec {
  using Value = Date;
  using Wide = Date;
  static constexpr std::int32_t kBase = -25567;  // 1900-01-01 as a day number
  static bool is_absent(Date d) { return d.is_none(); }
  static Date absent() { return Date::none(); }
  static std::optional<std::uint16_t> narrow(Date d) {
    const std::int64_t k = static_cast<std::int64_t>(d.days()) - kBase;
    if (k >= 0 && k < NarrowCells::kWide) return static_cast<std::uint16_t>(k);
    return std::nullopt;
  }
  static Date widen(std::uint16_t c) { return Date(kBase + c); }
  static Wide to_wide(Date d) { return d; }
  static Date from_wide(Wide w) { return w; }
};
using DateColumn = NarrowColumn<DateCodec>;

/// A period as a window of date cells, when it lies in the cells' range (1900-01-01 to
/// 2079-06-04): a row is in the period exactly when its cell is in the window, since the dates of
/// the side table lie outside that range and absent cells (UINT16_MAX) above it. Loops over many
/// rows then compare cells, undecoded.
struct DateCellWindow {
  std::int64_t first = 0;  ///< the cell of the period's first day
  std::int64_t last = -1;  ///< the cell of its last day
  /// The window of `p`, or nullopt when a bound is absent or outside the cells' range.
  [[nodiscard]] static std::optional<DateCellWindow> of(const Period& p) {
    if (p.from.is_none() || p.to.is_none()) return std::nullopt;
    const DateCellWindow w{static_cast<std::int64_t>(p.from.days()) - DateCodec::kBase,
                           static_cast<std::int64_t>(p.to.days()) - DateCodec::kBase};
    if (w.first < 0 || w.last >= NarrowCells::kWide) return std::nullopt;
    return w;
  }
  /// The day of `cell` counted from the period's first day, or -1 outside the period.
  [[nodiscard]] std::int64_t day(std::uint16_t cell) const {
    const std::int64_t d = static_cast<std::int64_t>(cell) - first;
    return d >= 0 && d <= last - first ? d : -1;
  }
};

/// Whether row `row` of a date column lies in `p` (考评期), from its cell where DateCellWindow
/// allows. Metrics that walk every activity of a period ask this once a row.
[[nodiscard]] inline bool in_period(const DateColumn& c, std::size_t row, const Period& p) {
  if (const std::optional<DateCellWindow> w = DateCellWindow::of(p)) return w->day(c.cells()[row]) >= 0;
  return p.contains(c[row]);
}

/// Non-negative decimals given to two places (hours: 1.5, 0.25) in hundredths, 16 bits a row,
/// when value = k / 100.0 exactly as a double, which is the double the CSV text parsed to; any
/// other value (0.125, 1e9, a negative number) goes to the side table, so nothing is rounded.
/// NaN is absent.
struct HundredthsCodec {
  using Value = double;
  using Wide = double;
  static bool is_absent(double v) { return v != v; }
  static double absent() { return std::numeric_limits<double>::quiet_NaN(); }
  static std::optional<std::uint16_t> narrow(double v) {
    if (!(v >= 0.0) || std::signbit(v) || v * 100.0 >= NarrowCells::kWide) return std::nullopt;
    const auto k = static_cast<std::uint16_t>(std::lround(v * 100.0));
    if (widen(k) != v) return std::nullopt;
    return k;
  }
  static double widen(std::uint16_t c) { return static_cast<double>(c) / 100.0; }
  static Wide to_wide(double v) { return v; }
  static double from_wide(Wide w) { return w; }
};
using HundredthsColumn = NarrowColumn<HundredthsCodec>;

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

/// The codes of a dictionary column: 16 bits a row while every code fits, 32 bits once one does
/// not (the column is widened once, when the dictionary passes 65,534 values).
class LIBBRANCH_API DictCodes {
 public:
  static constexpr std::uint32_t kAbsent = StringDictionary::kAbsent;

  void push_back(std::uint32_t code) {
    if (!is_wide_ && (code < kNarrowAbsent || code == kAbsent)) {
      narrow_.push_back(code == kAbsent ? kNarrowAbsent : static_cast<std::uint16_t>(code));
      return;
    }
    widen();
    wide_.push_back(code);
  }
  [[nodiscard]] std::uint32_t operator[](std::size_t row) const {
    if (is_wide_) return wide_[row];
    const std::uint16_t c = narrow_[row];
    return c == kNarrowAbsent ? kAbsent : c;
  }
  [[nodiscard]] std::size_t size() const noexcept { return is_wide_ ? wide_.size() : narrow_.size(); }
  [[nodiscard]] bool is_wide() const noexcept { return is_wide_; }
  /// The stored codes: 16-bit (UINT16_MAX = absent) while narrow, else 32-bit (for serialisation).
  [[nodiscard]] const std::vector<std::uint16_t>& narrow_codes() const noexcept { return narrow_; }
  [[nodiscard]] const std::vector<std::uint32_t>& wide_codes() const noexcept { return wide_; }
  void reserve(std::size_t n) { is_wide_ ? wide_.reserve(n) : narrow_.reserve(n); }
  void clear() noexcept {
    narrow_.clear();
    wide_.clear();
    is_wide_ = false;
  }
  void shrink_to_fit() {
    narrow_.shrink_to_fit();
    wide_.shrink_to_fit();
  }
  [[nodiscard]] DictCodes permuted(const std::vector<std::uint32_t>& order) const;
  /// For deserialisation: adopts 16-bit codes (UINT16_MAX = absent) or 32-bit ones.
  void assign_narrow(std::vector<std::uint16_t> codes) {
    narrow_ = std::move(codes);
    std::vector<std::uint32_t>().swap(wide_);
    is_wide_ = false;
  }
  void assign_wide(std::vector<std::uint32_t> codes) {
    wide_ = std::move(codes);
    std::vector<std::uint16_t>().swap(narrow_);
    is_wide_ = true;
  }
  /// Whether every code is below `limit`, or absent where `allow_absent`.
  [[nodiscard]] bool all_below(std::uint32_t limit, bool allow_absent) const;
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return narrow_.capacity() * sizeof(std::uint16_t) + wide_.capacity() * sizeof(std::uint32_t);
  }
  using const_iterator = RowIterator<DictCodes>;
  [[nodiscard]] const_iterator begin() const { return {this, 0}; }
  [[nodiscard]] const_iterator end() const { return {this, size()}; }
  friend LIBBRANCH_API bool operator==(const DictCodes& a, const DictCodes& b);

 private:
  static constexpr std::uint16_t kNarrowAbsent = UINT16_MAX;
  void widen();
  std::vector<std::uint16_t> narrow_;
  std::vector<std::uint32_t> wide_;
  bool is_wide_ = false;
};

/// A string column with few distinct values (platform, ethnicity, party group, parent id, and
/// activity titles, which repeat from branch to branch): a dictionary plus a code a row;
/// StringDictionary::kAbsent for an empty cell.
struct LIBBRANCH_API DictColumn {
  StringDictionary dict;
  DictCodes codes;

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
  [[nodiscard]] std::size_t memory_bytes() const noexcept { return dict.memory_bytes() + codes.memory_bytes(); }
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
