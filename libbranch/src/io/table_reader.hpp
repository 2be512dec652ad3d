#pragma once
// Reads one table row by row against a column specification, reporting every problem with its
// place (file:line or row label, column, value). Internal to loading.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <libbranch/error.hpp>
#include <libbranch/io/table_source.hpp>
#include <libbranch/model/date.hpp>

#include "cell.hpp"

namespace libbranch::detail {

struct ColumnSpec {
  std::string_view name;
  bool required = false;  ///< the column must exist and every row must give a value
};

/// Where a row came from, kept to report problems found after the row was read.
struct RowPlace {
  std::int64_t line = 0;
  std::string label;
};

/// A problem at `place` of table `file`.
[[nodiscard]] Problem problem_at(const std::string& file, const RowPlace& place, std::string_view column,
                                 Severity severity, std::string message, std::string_view value);

/// A table's header: which cell holds each spec column. Reads and checks the header row.
class TableHeader {
 public:
  /// A null source is an absent file: no rows, no problems.
  TableHeader(TableSource* source, std::span<const ColumnSpec> columns, std::vector<Problem>& problems);

  /// False when the table cannot be read at all (no header, a required column missing).
  [[nodiscard]] bool usable() const noexcept { return usable_; }
  [[nodiscard]] bool has_column(std::size_t col) const { return position_[col] >= 0; }
  [[nodiscard]] const std::string& file() const;
  [[nodiscard]] TableSource* source() const noexcept { return source_; }

 private:
  friend class TableReader;
  void read(std::vector<Problem>& problems);

  TableSource* source_;
  std::span<const ColumnSpec> columns_;
  std::vector<int> position_;        // spec column → cell index, -1 when absent
  std::vector<std::size_t> required_;  // spec columns that must have a value, in spec order
  std::vector<std::string> header_;  // trimmed header cells, to name any column in problems
  std::size_t width_ = 0;            // header field count
  bool usable_ = false;
};

/// The rows of one batch of a table, one at a time. Thread-safe across readers: each reports
/// into its own problem list.
class TableReader {
 public:
  TableReader(const TableHeader& header, const RowBatch& batch, std::vector<Problem>& problems);

  [[nodiscard]] const std::string& file() const { return header_.file(); }

  /// Advances to the next row that has the header's field count; cells are trimmed, checked for
  /// UTF-8 and required values. False at the end.
  bool next();

  /// The trimmed cell of spec column `col`; empty when the column is absent.
  [[nodiscard, gnu::always_inline]] std::string_view get(std::size_t col) const {
    const int at = header_.position_[col];
    return at < 0 ? std::string_view() : trim(cells_[static_cast<std::size_t>(at)]);
  }
  /// The trimmed cell of spec column `col` in the record `ahead` records after the current one of
  /// this batch, unchecked (its row may yet prove bad); empty past the batch's end. For starting
  /// the cache misses of lookups early.
  [[nodiscard]] std::string_view peek(std::size_t ahead, std::size_t col) const;
  /// Typed cells: nullopt when empty or invalid (invalid ones are reported). Inline for the
  /// valid cell, every row's case; the reports are out of line.
  [[nodiscard]] std::optional<std::int64_t> integer(std::size_t col, bool non_negative) {
    return typed<std::int64_t>(col, non_negative, parse_integer, "integer does not fit in 64 bits",
                               "not an integer (digits only, e.g. 12)");
  }
  [[nodiscard]] std::optional<double> number(std::size_t col, bool non_negative) {
    return typed<double>(col, non_negative, parse_number, "number is not finite (too large)",
                         "not a number (e.g. 12, 0.5, 1e3)");
  }
  [[nodiscard]] std::optional<Date> date(std::size_t col) {
    const std::string_view v = get(col);
    if (v.empty()) return std::nullopt;
    if (auto d = Date::parse(v)) return d;
    error(col, "not a valid date (expected YYYY-MM-DD)", v);
    return std::nullopt;
  }
  /// Index of the cell in `names` (index 0, the absent slot, excluded); 0 when empty or unknown.
  template <std::size_t N>
  std::uint8_t choice(std::size_t col, const std::array<std::string_view, N>& names) {
    const std::string_view v = get(col);
    if (v.empty()) return 0;
    for (std::size_t i = 1; i < N; ++i)
      if (names[i] == v) return static_cast<std::uint8_t>(i);
    error(col, "unknown value (expected one of " + list(std::span(names).subspan(1)) + ")", v);
    return 0;
  }
  /// A `;`-separated subset of `names` as a bit set; unknown items are errors, repeats warnings.
  std::uint8_t set(std::size_t col, std::span<const std::string_view> names);

  void error(std::size_t col, std::string message, std::string_view value);
  void warning(std::size_t col, std::string message, std::string_view value);
  void row_error(std::string message, std::string_view value);
  /// Whether the current row has had an error so far.
  [[nodiscard]] bool row_failed() const noexcept { return row_failed_; }
  /// How many problems the table's rows have reported so far (a place to insert one later).
  [[nodiscard]] std::size_t problem_count() const noexcept { return problems_.size(); }

  [[nodiscard]] RowPlace place() const { return {line(), std::string(label())}; }
  [[nodiscard]] std::int64_t line() const { return batch_.lines[row_]; }
  [[nodiscard]] std::string_view label() const { return batch_.label(row_); }
  [[nodiscard]] std::string_view column_name(std::size_t col) const { return header_.columns_[col].name; }

  static std::string list(std::span<const std::string_view> names);

 private:
  void report(std::string_view column, Severity severity, std::string message, std::string_view value);
  void check_encoding();  // reports the current row's cells that are not UTF-8

  template <class T>
  std::optional<T> typed(std::size_t col, bool non_negative, ParseStatus (*parse)(std::string_view, T&),
                         const char* out_of_range, const char* malformed) {
    const std::string_view v = get(col);
    if (v.empty()) return std::nullopt;
    T out{};
    const ParseStatus status = parse(v, out);
    if (status == ParseStatus::ok && (!non_negative || out >= 0)) return out;
    bad_value(col, status, v, out_of_range, malformed);
    return std::nullopt;
  }
  // Reports a cell that `typed` did not take: negative where it may not be (status ok), or as
  // the parser found it.
  void bad_value(std::size_t col, ParseStatus status, std::string_view v, const char* out_of_range,
                 const char* malformed);

  const TableHeader& header_;
  const RowBatch& batch_;
  std::vector<Problem>& problems_;
  std::size_t row_ = 0;   // current record of the batch
  std::size_t next_ = 0;  // next record to read
  std::span<const std::string_view> cells_;  // the current row's cells as read (trimmed when asked for)
  // The batch's text is valid UTF-8, so every cell is (sources keep it so): one check a batch
  // instead of one a cell.
  bool text_valid_;
  bool row_failed_ = false;
};

}  // namespace libbranch::detail
