// Batches for sources that produce whole rows (tables from memory).
#include <libbranch/io/table_source.hpp>

namespace libbranch {

void RowBatch::clear() {
  text.clear();
  first_line = 1;
  cells.clear();
  ends.clear();
  lines.clear();
  labels.clear();
  problems.clear();
}

bool TableSource::next_batch(RowBatch& batch, std::size_t target_bytes) {
  batch.clear();
  std::vector<TableRow> rows;
  std::size_t bytes = 0;
  TableRow row;
  while ((rows.empty() || bytes < target_bytes) && next(row, batch.problems)) {
    for (const std::string& cell : row.cells) bytes += cell.size() + 1;
    rows.push_back(std::move(row));
  }
  if (rows.empty()) return !batch.problems.empty();
  // All text first, then the views: `text` must not grow once cells point into it. A separator
  // after each cell keeps the text valid UTF-8 only when every cell is.
  batch.text.reserve(bytes);
  for (const TableRow& r : rows)
    for (const std::string& cell : r.cells) (batch.text += cell) += ',';
  std::size_t at = 0;
  for (const TableRow& r : rows) {
    for (const std::string& cell : r.cells) {
      batch.cells.emplace_back(batch.text.data() + at, cell.size());
      at += cell.size() + 1;
    }
    batch.ends.push_back(static_cast<std::uint32_t>(batch.cells.size()));
    batch.lines.push_back(r.line);
    batch.labels.push_back(r.label);
  }
  return true;
}

}  // namespace libbranch
