#include "table_reader.hpp"

#include <unordered_set>

#include <libbranch/io/input_limits.hpp>


#include "cell.hpp"

namespace libbranch::detail {
namespace {

// Values quoted in messages are cut so that one bad cell cannot flood the output.
std::string_view shown(std::string_view v) {
  constexpr std::size_t kMax = 80;
  if (v.size() <= kMax) return v;
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
  return v.substr(0, cut);
}

std::string joined(std::span<const std::string_view> cells) {
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    out += cells[i];
    if (out.size() > 80) break;
  }
  return out;
}

}  // namespace

Problem problem_at(const std::string& file, const RowPlace& at, std::string_view column, Severity severity,
                   std::string message, std::string_view value) {
  Problem p;
  p.file = file;
  p.line = at.label.empty() ? at.line : 0;
  p.row_label = at.label;
  p.column = std::string(column);
  p.severity = severity;
  p.message = std::move(message);
  p.value = std::string(shown(value));
  return p;
}

TableHeader::TableHeader(TableSource* source, std::span<const ColumnSpec> columns, std::vector<Problem>& problems)
    : source_(source), columns_(columns), position_(columns.size(), -1) {
  if (source_ != nullptr) read(problems);
}

const std::string& TableHeader::file() const {
  static const std::string kNone;
  return source_ ? source_->name() : kNone;
}

std::string TableReader::list(std::span<const std::string_view> names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

void TableHeader::read(std::vector<Problem>& problems) {
  TableRow row;
  if (!source_->read_header(row, problems)) return;
  const RowPlace place{row.line, row.label};
  auto report = [&](std::string_view column, Severity severity, std::string message, std::string_view value) {
    problems.push_back(problem_at(file(), place, column, severity, std::move(message), value));
  };
  width_ = row.cells.size();
  if (width_ > kMaxColumns) {
    report("-", Severity::error,
           "the header has " + std::to_string(width_) + " columns; a table has at most " + std::to_string(kMaxColumns),
           "");
    return;
  }
  // Views into row.cells, which outlive the loop; a set keeps a wide header linear.
  std::unordered_set<std::string_view> seen;
  bool ok = true;
  for (std::size_t i = 0; i < width_; ++i) {
    const std::string_view name = trim(row.cells[i]);
    header_.emplace_back(name);
    if (!is_valid_utf8(name)) {
      report(name, Severity::error, "column name is not valid UTF-8 (save the file as UTF-8, not GBK)", name);
      ok = false;
      continue;
    }
    if (!seen.insert(name).second) {
      report(name, Severity::error, "repeated column name", name);
      ok = false;
      continue;
    }
    bool known = false;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (columns_[c].name != name) continue;
      position_[c] = static_cast<int>(i);
      known = true;
    }
    if (!known) report(name.empty() ? "-" : name, Severity::warning, "unknown column (ignored)", name);
  }
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (!columns_[c].required) continue;
    required_.push_back(c);
    if (position_[c] >= 0) continue;
    report(columns_[c].name, Severity::error, "required column is missing from the header", columns_[c].name);
    ok = false;
  }
  usable_ = ok;
}

TableReader::TableReader(const TableHeader& header, const RowBatch& batch, std::vector<Problem>& problems)
    : header_(header),
      batch_(batch),
      problems_(problems),
      text_valid_(is_valid_utf8(batch.text)) {}

bool TableReader::next() {
  const std::size_t width = header_.width_;
  while (next_ < batch_.size()) {
    row_ = next_++;
    row_failed_ = false;
    cells_ = batch_.record(row_);
    if (cells_.size() != width) {
      row_error("the row has " + std::to_string(cells_.size()) + " fields, the header has " + std::to_string(width),
                joined(cells_));
      continue;
    }
    if (!text_valid_) check_encoding();
    for (const std::size_t c : header_.required_)
      if (get(c).empty()) error(c, "required value is missing", "");
    return true;
  }
  return false;
}

void TableReader::check_encoding() {
  for (std::size_t i = 0; i < cells_.size(); ++i) {
    const std::string_view cell = trim(cells_[i]);
    if (is_valid_utf8(cell)) continue;
    row_failed_ = true;
    report(header_.header_[i], Severity::error, "not valid UTF-8 (save the file as UTF-8, not GBK)", cell);
  }
}

std::string_view TableReader::peek(std::size_t ahead, std::size_t col) const {
  const std::size_t r = row_ + ahead;
  const int at = header_.position_[col];
  if (r >= batch_.size() || at < 0) return {};
  const std::span<const std::string_view> cells = batch_.record(r);
  return static_cast<std::size_t>(at) < cells.size() ? trim(cells[static_cast<std::size_t>(at)]) : std::string_view();
}

void TableReader::bad_value(std::size_t col, ParseStatus status, std::string_view v, const char* out_of_range,
                            const char* malformed) {
  switch (status) {
    case ParseStatus::ok:
      error(col, "must not be negative", v);
      return;
    case ParseStatus::out_of_range:
      error(col, out_of_range, v);
      return;
    case ParseStatus::malformed:
      break;
  }
  error(col, malformed, v);
}

std::uint8_t TableReader::set(std::size_t col, std::span<const std::string_view> names) {
  std::string_view rest = get(col);
  std::uint8_t bits = 0;
  while (!rest.empty()) {
    const std::size_t cut = rest.find(';');
    const std::string_view item = trim(rest.substr(0, cut));
    rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
    if (item.empty()) continue;
    std::size_t i = 0;
    while (i < names.size() && names[i] != item) ++i;
    if (i == names.size()) {
      error(col, "unknown item (expected some of " + list(names) + ")", item);
    } else if (bits & (1u << i)) {
      warning(col, "repeated item (counted once)", item);
    } else {
      bits = static_cast<std::uint8_t>(bits | (1u << i));
    }
  }
  return bits;
}

void TableReader::error(std::size_t col, std::string message, std::string_view value) {
  row_failed_ = true;
  report(header_.columns_[col].name, Severity::error, std::move(message), value);
}

void TableReader::warning(std::size_t col, std::string message, std::string_view value) {
  report(header_.columns_[col].name, Severity::warning, std::move(message), value);
}

void TableReader::row_error(std::string message, std::string_view value) {
  row_failed_ = true;
  report("-", Severity::error, std::move(message), value);
}

void TableReader::report(std::string_view column, Severity severity, std::string message, std::string_view value) {
  problems_.push_back(problem_at(file(), place(), column, severity, std::move(message), value));
}

}  // namespace libbranch::detail
