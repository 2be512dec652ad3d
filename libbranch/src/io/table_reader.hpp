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

class TableReader {
 public:
  /// Reads the header. A null source is an absent file: no rows, no problems.
  TableReader(TableSource* source, std::span<const ColumnSpec> columns, std::vector<Problem>& problems);

  /// False when the table cannot be read at all (no header, a required column missing).
  [[nodiscard]] bool usable() const noexcept { return usable_; }
  [[nodiscard]] bool has_column(std::size_t col) const { return position_[col] >= 0; }
  [[nodiscard]] const std::string& file() const;

  /// Advances to the next row that has the header's field count; cells are trimmed, checked for
  /// UTF-8 and required values. False at the end.
  bool next();

  /// The trimmed cell of spec column `col`; empty when the column is absent.
  [[nodiscard]] std::string_view get(std::size_t col) const;
  /// Typed cells: nullopt when empty or invalid (invalid ones are reported).
  [[nodiscard]] std::optional<std::int64_t> integer(std::size_t col, bool non_negative);
  [[nodiscard]] std::optional<double> number(std::size_t col, bool non_negative);
  [[nodiscard]] std::optional<Date> date(std::size_t col);
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

  [[nodiscard]] RowPlace place() const { return {row_.line, row_.label}; }
  [[nodiscard]] std::string_view column_name(std::size_t col) const { return columns_[col].name; }
  /// A problem at `place` in this table.
  [[nodiscard]] Problem problem_at(const RowPlace& place, std::string_view column, Severity severity,
                                   std::string message, std::string_view value) const;

  static std::string list(std::span<const std::string_view> names);

 private:
  void read_header();
  void report(std::string_view column, Severity severity, std::string message, std::string_view value);

  TableSource* source_;
  std::span<const ColumnSpec> columns_;
  std::vector<Problem>& problems_;
  std::vector<int> position_;  // spec column → cell index, -1 when absent
  std::vector<std::string> header_;  // trimmed header cells, to name any column in problems
  std::size_t width_ = 0;      // header field count
  TableRow row_;
  std::vector<std::string_view> cells_;  // trimmed views into row_.cells
  bool usable_ = false;
  bool row_failed_ = false;
};

}  // namespace libbranch::detail
