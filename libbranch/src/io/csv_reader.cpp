#include <libbranch/io/csv_reader.hpp>

#include <array>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <system_error>
#include <utility>

// The buffer size can be shrunk at compile time so the tests can put a buffer boundary everywhere.
#ifndef LIBBRANCH_CSV_BUFFER_SIZE
#define LIBBRANCH_CSV_BUFFER_SIZE (std::size_t{1} << 20)
#endif

namespace libbranch {
namespace {

// At least the longest look-ahead (the 3 bytes of U+3000 or of the BOM) must fit.
constexpr std::size_t kBufferSize = LIBBRANCH_CSV_BUFFER_SIZE < 3 ? 3 : LIBBRANCH_CSV_BUFFER_SIZE;
constexpr std::size_t kPreviewBytes = 40;

using ByteTable = std::array<bool, 256>;

constexpr ByteTable make_table(std::string_view stops) {
  ByteTable table{};
  for (const char c : stops) table[static_cast<unsigned char>(c)] = true;
  return table;
}

// Bytes that end a run of plain data; a table lookup keeps the inner loops branch-light.
constexpr ByteTable kStopsUnquoted = make_table(",\n\r");
constexpr ByteTable kStopsQuoted = make_table("\"\n\r");

/// Length of the white space character (space, tab, U+00A0, U+3000) at [p, end), or 0.
std::size_t space_length(const char* p, const char* end) {
  const auto available = static_cast<std::size_t>(end - p);
  if (available == 0) return 0;
  const auto byte = [p](std::size_t i) { return static_cast<unsigned char>(p[i]); };
  if (byte(0) == ' ' || byte(0) == '\t') return 1;
  if (byte(0) == 0xC2 && available >= 2 && byte(1) == 0xA0) return 2;
  if (byte(0) == 0xE3 && available >= 3 && byte(1) == 0x80 && byte(2) == 0x80) return 3;
  return 0;
}

bool only_space(std::string_view text) {
  const char* p = text.data();
  const char* end = p + text.size();
  while (p != end) {
    const std::size_t n = space_length(p, end);
    if (n == 0) return false;
    p += n;
  }
  return true;
}

/// At most `limit` bytes of `text`, cut on a UTF-8 character boundary so messages stay valid text.
std::string preview(std::string_view text, std::size_t limit = kPreviewBytes) {
  if (text.size() <= limit) return std::string(text);
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

/// A quoted field as it was written in the file (quotes doubled), for problem values.
std::string requote(std::string_view content) {
  std::string out = "\"";
  for (const char c : preview(content)) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + '"';
}

std::string errno_text(int code) { return std::generic_category().message(code); }

}  // namespace

CsvReader::CsvReader(const std::filesystem::path& path, std::string display_name)
    : name_(display_name.empty() ? path.string() : std::move(display_name)), path_(path.string()) {
  errno = 0;
  file_ = std::fopen(path.c_str(), "rb");
  if (file_ == nullptr) {
    open_failed_ = true;
    open_error_ = errno_text(errno);
    eof_ = true;
    return;
  }
  // We read in large blocks ourselves; stdio's own buffer would only add a copy.
  std::setvbuf(file_, nullptr, _IONBF, 0);
  buffer_.resize(kBufferSize);
}

CsvReader::~CsvReader() {
  if (file_ != nullptr) std::fclose(file_);
}

std::unique_ptr<CsvReader> CsvReader::from_string(std::string text, std::string display_name) {
  std::unique_ptr<CsvReader> reader(new CsvReader());
  reader->name_ = std::move(display_name);
  // The text itself is the buffer: it is already complete, so nothing is ever read.
  reader->buffer_ = std::move(text);
  reader->end_ = reader->buffer_.size();
  reader->eof_ = true;
  return reader;
}

Problem CsvReader::problem(std::int64_t line, std::string message, std::string value) const {
  Problem p;
  p.file = name_;
  p.line = line;
  p.column = "-";
  p.severity = Severity::error;
  p.message = std::move(message);
  p.value = std::move(value);
  return p;
}

/// Keeps the unread bytes, moved to the front, and reads more after them. False when nothing
/// more could be read.
bool CsvReader::fill() {
  if (eof_ || file_ == nullptr) return false;
  const std::size_t kept = end_ - pos_;
  if (kept > 0 && pos_ > 0) std::memmove(buffer_.data(), buffer_.data() + pos_, kept);
  pos_ = 0;
  end_ = kept;
  if (end_ == buffer_.size()) return false;  // unreachable: look-ahead is far below the size
  const std::size_t got = std::fread(buffer_.data() + end_, 1, buffer_.size() - end_, file_);
  end_ += got;
  if (got == 0) {
    eof_ = true;
    if (std::ferror(file_) != 0) read_error_ = errno_text(errno);
    return false;
  }
  return true;
}

/// True when `bytes` unread bytes are in the buffer (false near the end of the input).
bool CsvReader::ensure(std::size_t bytes) {
  while (end_ - pos_ < bytes) {
    if (!fill()) return false;
  }
  return true;
}

int CsvReader::peek() {
  if (pos_ == end_ && !fill()) return EOF;
  return static_cast<unsigned char>(buffer_[pos_]);
}

std::size_t CsvReader::space_at() {
  ensure(3);
  return space_length(buffer_.data() + pos_, buffer_.data() + end_);
}

void CsvReader::skip_bom() {
  ensure(3);
  if (end_ - pos_ >= 3 && buffer_.compare(pos_, 3, "\xEF\xBB\xBF") == 0) pos_ += 3;
}

/// Consumes a CR, LF or CRLF (a lone CR is a line end too, as old Mac files have them).
void CsvReader::consume_line_end() {
  const char c = buffer_[pos_++];
  ++line_;
  if (c == '\r' && peek() == '\n') ++pos_;
}

/// Consumes what ends a field: a separator, a line end or nothing (end of input).
CsvReader::End CsvReader::take_delimiter() {
  switch (peek()) {
    case EOF:
      return End::file;
    case ',':
      ++pos_;
      return End::separator;
    default:
      consume_line_end();
      return End::line;
  }
}

CsvReader::End CsvReader::read_field(std::string& cell, std::vector<Problem>& problems) {
  quoted_ = false;
  // Leading white space is data for an unquoted field, so keep it until we know which it is.
  for (std::size_t n = space_at(); n != 0; n = space_at()) {
    cell.append(buffer_, pos_, n);
    pos_ += n;
  }
  switch (peek()) {
    case '"':
      quoted_ = true;
      cell.clear();
      ++pos_;
      return read_quoted(cell, problems);
    case EOF:
    case ',':
    case '\n':
    case '\r':
      return take_delimiter();
    default:
      return read_unquoted(cell);
  }
}

/// Hot path: appends whole runs of plain bytes, never one character at a time.
CsvReader::End CsvReader::read_unquoted(std::string& cell) {
  for (;;) {
    const char* const data = buffer_.data();
    const char* const begin = data + pos_;
    const char* const stop = data + end_;
    const char* p = begin;
    while (p != stop && !kStopsUnquoted[static_cast<unsigned char>(*p)]) ++p;
    cell.append(begin, static_cast<std::size_t>(p - begin));
    pos_ = static_cast<std::size_t>(p - data);
    if (p != stop) return take_delimiter();
    if (!fill()) return End::file;
  }
}

CsvReader::End CsvReader::read_quoted(std::string& cell, std::vector<Problem>& problems) {
  const std::int64_t open_line = line_;
  for (;;) {
    const char* const data = buffer_.data();
    const char* const begin = data + pos_;
    const char* const stop = data + end_;
    const char* p = begin;
    while (p != stop && !kStopsQuoted[static_cast<unsigned char>(*p)]) ++p;
    cell.append(begin, static_cast<std::size_t>(p - begin));
    pos_ = static_cast<std::size_t>(p - data);
    if (p == stop) {
      if (fill()) continue;
      problems.push_back(problem(record_line_,
                                 "unterminated quoted field (the quote opened on line " +
                                     std::to_string(open_line) + " is never closed)",
                                 preview(cell)));
      record_bad_ = true;
      done_ = true;
      return End::file;
    }
    const char c = *p;
    ++pos_;
    if (c == '"') {
      if (peek() != '"') return after_closing_quote(cell, problems);
      cell += '"';
      ++pos_;
      continue;
    }
    // A line end inside quotes is data, kept byte for byte, but it still advances the line.
    cell += c;
    ++line_;
    if (c == '\r' && peek() == '\n') {
      cell += '\n';
      ++pos_;
    }
  }
}

CsvReader::End CsvReader::after_closing_quote(const std::string& cell, std::vector<Problem>& problems) {
  std::string gap;  // white space after the quote, for the problem value (usually empty)
  for (std::size_t n = space_at(); n != 0; n = space_at()) {
    gap.append(buffer_, pos_, n);
    pos_ += n;
  }
  const int c = peek();
  if (c == EOF || c == ',' || c == '\n' || c == '\r') return take_delimiter();
  // Read the rest of the field as plain text: it resynchronises at the next separator and gives
  // the reader the text that follows the quote.
  std::string rest;
  const End end = read_unquoted(rest);
  if (!record_bad_) {
    problems.push_back(problem(record_line_,
                               "unexpected text after the closing quote of a field (a quote inside a "
                               "quoted field must be doubled)",
                               requote(cell) + preview(gap, 10) + preview(rest, 20)));
  }
  record_bad_ = true;
  return end;
}

CsvReader::Outcome CsvReader::read_record(TableRow& row, std::vector<Problem>& problems) {
  for (;;) {
    if (done_ || peek() == EOF) return Outcome::done;
    record_line_ = line_;
    record_bad_ = false;
    std::size_t count = 0;
    End end = End::separator;
    while (end == End::separator) {
      if (count == row.cells.size()) row.cells.emplace_back();
      std::string& cell = row.cells[count++];
      cell.clear();
      end = read_field(cell, problems);
    }
    if (record_bad_) return Outcome::bad;
    if (count == 1 && !quoted_ && only_space(row.cells[0])) continue;  // a blank line
    row.cells.resize(count);
    row.line = record_line_;
    row.label.clear();
    return Outcome::record;
  }
}

void CsvReader::report_read_error(std::vector<Problem>& problems) {
  if (read_error_.empty()) return;
  problems.push_back(problem(0, "cannot read the file: " + read_error_, path_ == name_ ? "" : path_));
  read_error_.clear();
}

bool CsvReader::read_header(TableRow& header, std::vector<Problem>& problems) {
  header_read_ = true;
  header.cells.clear();
  header.line = 0;
  header.label.clear();
  if (open_failed_) {
    problems.push_back(problem(0, "cannot open the file: " + open_error_, path_ == name_ ? "" : path_));
    done_ = true;
    return false;
  }
  skip_bom();
  const Outcome outcome = read_record(header, problems);
  if (outcome == Outcome::record) return true;
  // A header with a problem is no header: the rows cannot be matched to columns.
  const bool reported = outcome == Outcome::bad || !read_error_.empty();
  report_read_error(problems);
  if (!reported) problems.push_back(problem(0, "the file is empty: a header row is required", ""));
  header.cells.clear();
  done_ = true;
  return false;
}

bool CsvReader::next(TableRow& row, std::vector<Problem>& problems) {
  if (!header_read_) return false;
  for (;;) {
    const Outcome outcome = read_record(row, problems);
    if (outcome == Outcome::record) return true;
    if (outcome == Outcome::bad && !done_) continue;
    done_ = true;
    report_read_error(problems);
    return false;
  }
}

}  // namespace libbranch
