#include <libbranch/io/csv_writer.hpp>

#include <charconv>

#include <libbranch/error.hpp>

namespace libbranch {
namespace {

// The white space a reader trims from unquoted fields (docs/reference/data-format.md §2): a field
// that starts or ends with one of these must be quoted to survive a round trip.
constexpr std::string_view kNbsp = "\xC2\xA0";             // U+00A0
constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000

bool is_ascii_blank(char c) { return c == ' ' || c == '\t'; }

bool starts_with_blank(std::string_view s) {
  return is_ascii_blank(s.front()) || s.starts_with(kNbsp) || s.starts_with(kIdeographicSpace);
}

// 0xC2 and 0xE3 are UTF-8 lead bytes, so in valid UTF-8 these suffixes are whole characters.
bool ends_with_blank(std::string_view s) {
  return is_ascii_blank(s.back()) || s.ends_with(kNbsp) || s.ends_with(kIdeographicSpace);
}

bool needs_quotes(std::string_view field) {
  if (field.empty()) return false;
  if (field.find_first_of(",\"\r\n") != std::string_view::npos) return true;
  return starts_with_blank(field) || ends_with_blank(field);
}

}  // namespace

void append_csv_field(std::string& out, std::string_view field) {
  if (!needs_quotes(field)) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

CsvWriter& CsvWriter::field(std::string_view value) {
  if (!first_) line_.push_back(',');
  first_ = false;
  append_csv_field(line_, value);
  return *this;
}

CsvWriter& CsvWriter::field(long long value) {
  if (!first_) line_.push_back(',');
  first_ = false;
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, value);
  line_.append(digits, result.ptr);
  return *this;
}

void CsvWriter::end_row() {
  // A row of one empty field would be a blank line, which readers skip: write it as "".
  if (line_.empty() && !first_) line_ = "\"\"";
  line_.push_back('\n');
  out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
  line_.clear();
  first_ = true;
  if (!out_) throw Error("CSV output failed: could not write a row");
}

}  // namespace libbranch
