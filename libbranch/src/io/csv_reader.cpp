#include <libbranch/io/csv_reader.hpp>

#include <algorithm>
#include <cerrno>
#include <system_error>
#include <string_view>
#include <utility>

#include <libbranch/io/input_limits.hpp>

#include "csv_records.hpp"
#include "regular_file.hpp"

namespace libbranch {
namespace {

// Reads smaller than this cost more in system calls than they save in memory.
constexpr std::size_t kMinRead = std::size_t{64} << 10;
// Chunk size when rows are read one by one (next()).
constexpr std::size_t kRowChunk = std::size_t{1} << 20;
// A larger target would only hold more of the file in memory (and must not overflow below).
constexpr std::size_t kMaxChunk = std::size_t{1} << 30;

std::string errno_text(int code) { return std::generic_category().message(code); }

}  // namespace

struct CsvReader::State {
  std::string held;       // bytes read and not yet handed out, from `start` on (a record start)
  std::size_t start = 0;
  bool eof = false;       // nothing more can be read into `held`
  std::int64_t line = 1;  // physical line of held[start]
  detail::RecordBoundaries boundaries;  // over held[start...]
  bool header_read = false;
  bool done = false;      // no record can follow
  bool open_failed = false;
  bool too_long = false;  // a record longer than kMaxRecordBytes: reading stopped at held[start]
  std::string open_error;
  std::string read_error;
  std::uint64_t size = 0;  // of the file or text
  RowBatch rows;          // for next(): the batch being handed out row by row
  std::size_t cursor = 0;
};

CsvReader::CsvReader() : s_(std::make_unique<State>()) {}

CsvReader::CsvReader(const std::filesystem::path& path, std::string display_name)
    : name_(display_name.empty() ? path.string() : std::move(display_name)),
      path_(path.string()),
      s_(std::make_unique<State>()) {
  // Unbuffered (we read in large blocks ourselves); a device or FIFO is refused here.
  detail::RegularFile opened = detail::open_regular_file(path);
  file_ = opened.file;
  if (file_ == nullptr) {
    s_->open_failed = true;
    s_->open_error = std::move(opened.error);
    s_->eof = true;
    return;
  }
  s_->size = opened.size;
}

std::uint64_t CsvReader::size_hint() const { return s_->size; }

CsvReader::~CsvReader() {
  if (file_ != nullptr) std::fclose(file_);
}

std::unique_ptr<CsvReader> CsvReader::from_string(std::string text, std::string display_name) {
  std::unique_ptr<CsvReader> reader(new CsvReader());
  reader->name_ = std::move(display_name);
  // The text is already complete, so nothing is ever read.
  reader->s_->held = std::move(text);
  reader->s_->size = reader->s_->held.size();
  reader->s_->eof = true;
  return reader;
}

Problem CsvReader::problem(std::string message) const {
  return Problem{name_, 0, "", "-", Severity::error, std::move(message), path_ == name_ ? "" : path_};
}

/// Appends at least `bytes` more of the file to the held bytes (fewer at its end). False when
/// nothing more could be read.
bool CsvReader::read_more(std::size_t bytes) {
  State& s = *s_;
  if (s.eof) return false;
  if (s.start > 0) {  // what was handed out is no longer needed
    s.held.erase(0, s.start);
    s.start = 0;
  }
  const std::size_t old = s.held.size();
  const std::size_t want = std::max(bytes, kMinRead);
  s.held.resize(old + want);
  const std::size_t got = std::fread(s.held.data() + old, 1, want, file_);
  s.held.resize(old + got);
  if (got < want) {
    s.eof = true;
    if (std::ferror(file_) != 0) s.read_error = errno_text(errno);
  }
  return got > 0;
}

void CsvReader::skip_bom() {
  State& s = *s_;
  while (s.held.size() - s.start < 4 && read_more(4)) {
  }
  const std::string_view head = std::string_view(s.held).substr(s.start, 3);
  if (head == "\xEF\xBB\xBF") s.start += 3;
}

/// The encoding a byte order mark at the start of the file names, when it is not UTF-8.
std::string_view CsvReader::foreign_bom() const {
  const std::string_view head = std::string_view(s_->held).substr(s_->start, 4);
  if (head.substr(0, 4) == std::string_view("\xFF\xFE\0\0", 4)) return "UTF-32LE";
  if (head.substr(0, 4) == std::string_view("\0\0\xFE\xFF", 4)) return "UTF-32BE";
  if (head.substr(0, 2) == "\xFF\xFE") return "UTF-16LE";
  if (head.substr(0, 2) == "\xFE\xFF") return "UTF-16BE";
  return {};
}

/// Length of the next chunk of held bytes: up to the last record boundary within
/// `target_bytes`, else the first one after it, else the rest of the file.
std::size_t CsvReader::cut(std::size_t target_bytes) {
  State& s = *s_;
  for (;;) {
    const std::string_view held = std::string_view(s.held).substr(s.start);
    if (held.size() <= target_bytes && !s.eof) {  // one byte more, to see past the target
      read_more(target_bytes + 1 - held.size());
      continue;
    }
    const std::size_t within = std::min(target_bytes, held.size());
    if (const std::size_t at = s.boundaries.scan(held, within, s.eof, false)) return at;
    if (const std::size_t at = s.boundaries.scan(held, held.size(), s.eof, true)) return at;
    // No line end in all that is held: the record at `start` is at least that long (also when it
    // is the last one, so the limit does not depend on what follows).
    if (held.size() > kMaxRecordBytes) {
      s.too_long = true;
      s.eof = true;
      return 0;
    }
    if (s.eof) return held.size();
    read_more(target_bytes);
  }
}

bool CsvReader::take_chunk(RowBatch& batch, std::size_t target_bytes) {
  batch.clear();
  State& s = *s_;
  const std::size_t n = cut(std::clamp<std::size_t>(target_bytes, 1, kMaxChunk));
  if (n == 0) return false;
  batch.text.assign(s.held, s.start, n);
  batch.first_line = s.line;
  s.line += detail::count_line_ends(batch.text);
  s.start += n;
  s.boundaries.drop(n);
  return true;
}

bool CsvReader::next_batch(RowBatch& batch, std::size_t target_bytes) {
  State& s = *s_;
  if (!s.header_read || s.done) {
    batch.clear();
    return false;
  }
  if (take_chunk(batch, target_bytes)) return true;
  s.done = true;
  if (!end_problem(batch.problems)) return false;
  return true;
}

bool CsvReader::end_problem(std::vector<Problem>& problems) {
  State& s = *s_;
  if (s.too_long) {
    s.too_long = false;
    Problem p = problem("a record longer than " + std::to_string(kMaxRecordBytes >> 20) +
                        " MiB (no line end outside quotes; an unclosed quote or not a CSV file?): reading stopped");
    p.line = s.line;
    problems.push_back(std::move(p));
    return true;
  }
  if (s.read_error.empty()) return false;
  problems.push_back(problem("cannot read the file: " + s.read_error));
  s.read_error.clear();
  return true;
}

void CsvReader::parse_batch(RowBatch& batch) const { detail::parse_records(batch, name_); }

bool CsvReader::read_header(TableRow& header, std::vector<Problem>& problems) {
  State& s = *s_;
  s.header_read = true;
  header.cells.clear();
  header.line = 0;
  header.label.clear();
  if (s.open_failed) {
    problems.push_back(problem("cannot open the file: " + s.open_error));
    s.done = true;
    return false;
  }
  skip_bom();
  if (const std::string_view encoding = foreign_bom(); !encoding.empty()) {
    Problem p = problem("the file is " + std::string(encoding) + " (it starts with that byte order mark); save it as UTF-8 CSV");
    p.line = 1;
    problems.push_back(std::move(p));
    s.done = true;
    return false;
  }
  // The header is the first record: chunks of one byte are cut at the first line end, so each
  // holds one record or one blank line.
  RowBatch& batch = s.rows;
  bool reported = false;
  while (take_chunk(batch, 1)) {
    detail::parse_records(batch, name_, true);
    if (!batch.problems.empty()) {  // a header with a problem is no header: rows cannot be matched
      problems.insert(problems.end(), batch.problems.begin(), batch.problems.end());
      reported = true;
      break;
    }
    if (batch.size() == 1) {
      const auto cells = batch.record(0);
      header.cells.assign(cells.begin(), cells.end());
      header.line = batch.lines[0];
      batch.clear();
      return true;
    }
  }
  batch.clear();
  s.done = true;
  if (end_problem(problems)) reported = true;
  if (!reported) problems.push_back(Problem{name_, 0, "", "-", Severity::error, "the file is empty: a header row is required", ""});
  return false;
}

bool CsvReader::next(TableRow& row, std::vector<Problem>& problems) {
  State& s = *s_;
  while (s.cursor == s.rows.size()) {
    s.cursor = 0;
    if (!next_batch(s.rows, kRowChunk)) return false;
    parse_batch(s.rows);
    problems.insert(problems.end(), s.rows.problems.begin(), s.rows.problems.end());
  }
  const auto cells = s.rows.record(s.cursor);
  row.cells.resize(cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i) row.cells[i].assign(cells[i]);
  row.line = s.rows.lines[s.cursor];
  row.label.clear();
  ++s.cursor;
  return true;
}

}  // namespace libbranch
