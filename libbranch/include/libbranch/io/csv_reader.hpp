#pragma once
// A streaming RFC 4180 reader (SPEC §2): quoted fields with commas, quotes and newlines, a leading
// UTF-8 BOM, CRLF or LF line ends, white space outside quotes, blank lines skipped.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <libbranch/io/table_source.hpp>

namespace libbranch {

/// Reads one CSV file record by record with a fixed-size buffer (memory does not grow with the file).
/// Cells are returned unquoted but not trimmed; white space outside quotes is dropped for quoted
/// fields and kept for unquoted ones (the validator trims every cell).
class CsvReader final : public TableSource {
 public:
  /// `display_name` is what problems name (defaults to the path as given).
  explicit CsvReader(const std::filesystem::path& path, std::string display_name = {});
  ~CsvReader() override;
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  [[nodiscard]] const std::string& name() const override { return name_; }
  /// False (with a problem) when the file cannot be opened or is empty.
  bool read_header(TableRow& header, std::vector<Problem>& problems) override;
  bool next(TableRow& row, std::vector<Problem>& problems) override;

  /// Parses CSV text held in memory (tests, small inputs).
  static std::unique_ptr<CsvReader> from_string(std::string text, std::string display_name);

 private:
  // How a field ended: at a separator, at a line end, or at the end of the input.
  enum class End : std::uint8_t { separator, line, file };
  enum class Outcome : std::uint8_t { record, bad, done };

  CsvReader() = default;
  bool fill();
  bool ensure(std::size_t bytes);
  int peek();
  std::size_t space_at();
  void skip_bom();
  End take_delimiter();
  void consume_line_end();
  End read_field(std::string& cell, std::vector<Problem>& problems);
  End read_unquoted(std::string& cell);
  End read_quoted(std::string& cell, std::vector<Problem>& problems);
  End after_closing_quote(const std::string& cell, std::vector<Problem>& problems);
  Outcome read_record(TableRow& row, std::vector<Problem>& problems);
  void report_read_error(std::vector<Problem>& problems);
  [[nodiscard]] Problem problem(std::int64_t line, std::string message, std::string value) const;

  std::string name_;
  std::string path_;  // as given, for messages when name_ is a display name
  std::FILE* file_ = nullptr;
  std::string buffer_;         // fixed size for files; the whole text for from_string
  std::size_t pos_ = 0;        // next unread byte in buffer_
  std::size_t end_ = 0;        // one past the last valid byte in buffer_
  bool eof_ = false;           // nothing more can be read into buffer_
  bool done_ = false;          // no record can follow (end of input or unrecoverable problem)
  std::int64_t line_ = 1;      // physical line of the next unread byte
  std::int64_t record_line_ = 0;
  bool record_bad_ = false;    // the current record had a problem and is not returned
  bool quoted_ = false;        // the last field read was quoted
  bool header_read_ = false;
  bool open_failed_ = false;
  std::string open_error_;
  std::string read_error_;
};

}  // namespace libbranch
