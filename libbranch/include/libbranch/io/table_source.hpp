#pragma once
// A table to load: a header and rows of text cells. CSV files and tables from memory (pandas)
// both arrive as a TableSource, so they go through the same validation.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <libbranch/error.hpp>
#include <libbranch/export.hpp>

namespace libbranch {

/// One record of a table: its cells as text (unquoted, not yet trimmed) and where it came from.
struct TableRow {
  std::vector<std::string> cells;
  std::int64_t line = 0;  ///< 1-based physical line where the record starts (files)
  std::string label;      ///< index label (tables from memory); empty for files
};

/// Consecutive records of one table, read in one piece so that batches can be validated on
/// several threads at once. The cells point into `text`: a batch is filled and read in place,
/// never moved while its cells are in use.
struct LIBBRANCH_API RowBatch {
  std::string text;                     ///< the records' bytes; the cells point into it
  std::int64_t first_line = 1;          ///< physical line of text[0] (for sources that parse later)
  std::vector<std::string_view> cells;  ///< every record's cells, record after record
  std::vector<std::uint32_t> ends;      ///< ends[r]: one past the last cell of record r in `cells`
  std::vector<std::int64_t> lines;      ///< physical line where record r starts
  std::vector<std::string> labels;      ///< index label of each record (tables from memory); else empty
  std::vector<Problem> problems;        ///< records that could not be read, in file order

  [[nodiscard]] std::size_t size() const noexcept { return ends.size(); }
  [[nodiscard]] std::span<const std::string_view> record(std::size_t r) const {
    const std::size_t begin = r == 0 ? 0 : ends[r - 1];
    return std::span<const std::string_view>(cells).subspan(begin, ends[r] - begin);
  }
  [[nodiscard]] std::string_view label(std::size_t r) const {
    return labels.empty() ? std::string_view() : std::string_view(labels[r]);
  }
  void clear();
};

/// A source of rows. Implementations stream: a row's storage is reused for the next one.
class LIBBRANCH_API TableSource {
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

  /// Reads the next records, about `target_bytes` of text and at least one record, into `batch`
  /// (after read_header); false at the end. Called in file order, one call at a time. A source
  /// may leave the text for parse_batch to split into records. The default collects next() rows.
  virtual bool next_batch(RowBatch& batch, std::size_t target_bytes);
  /// Completes a batch from next_batch. Thread-safe: it may run for several batches at once, on
  /// any thread, while next_batch reads on.
  virtual void parse_batch(RowBatch& /*batch*/) const {}
  /// Bytes of text the whole table holds, when known (0 = unknown): from the first batch,
  /// loading then sizes its columns once instead of growing them.
  [[nodiscard]] virtual std::uint64_t size_hint() const { return 0; }
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
