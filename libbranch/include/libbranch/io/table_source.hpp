#pragma once
// A table to load: a header and rows of text cells. CSV files and tables from memory (pandas)
// both arrive as a TableSource, so they go through the same validation.
#include <cstdint>
#include <string>
#include <vector>

#include <libbranch/error.hpp>

namespace libbranch {

/// One record of a table: its cells as text (unquoted, not yet trimmed) and where it came from.
struct TableRow {
  std::vector<std::string> cells;
  std::int64_t line = 0;  ///< 1-based physical line where the record starts (files)
  std::string label;      ///< index label (tables from memory); empty for files
};

/// A source of rows. Implementations stream: a row's storage is reused for the next one.
class TableSource {
 public:
  virtual ~TableSource() = default;
  /// The name problems carry: the file path, or the table name for tables from memory.
  [[nodiscard]] virtual const std::string& name() const = 0;
  /// Reads the header row into `header`. False when the source has no header at all (an empty
  /// file); problems found on the way are appended to `problems`.
  virtual bool read_header(TableRow& header, std::vector<Problem>& problems) = 0;
  /// Reads the next record into `row`; false at the end. A record that cannot be read (for
  /// example an unterminated quote) is reported in `problems` and not returned.
  virtual bool next(TableRow& row, std::vector<Problem>& problems) = 0;
};

/// Rows held in memory, for tests and for the Python layer.
class MemoryTableSource final : public TableSource {
 public:
  MemoryTableSource(std::string name, std::vector<std::string> header, std::vector<TableRow> rows)
      : name_(std::move(name)), header_(std::move(header)), rows_(std::move(rows)) {}
  [[nodiscard]] const std::string& name() const override { return name_; }
  bool read_header(TableRow& header, std::vector<Problem>&) override {
    header.cells = header_;
    header.line = 1;
    header.label.clear();
    return true;
  }
  bool next(TableRow& row, std::vector<Problem>&) override {
    if (next_ >= rows_.size()) return false;
    row = rows_[next_++];
    return true;
  }

 private:
  std::string name_;
  std::vector<std::string> header_;
  std::vector<TableRow> rows_;
  std::size_t next_ = 0;
};

}  // namespace libbranch
