#pragma once
// A streaming RFC 4180 reader (docs/reference/data-format.md §2): quoted fields with commas, quotes
// and newlines, a leading UTF-8 BOM, CRLF or LF line ends, white space outside quotes, blank lines
// skipped.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <libbranch/export.hpp>
#include <libbranch/io/table_source.hpp>

namespace libbranch {

/// Reads one CSV file in chunks of whole records (memory does not grow with the file). Cutting a
/// chunk is a cheap scan for quotes and line ends; splitting it into records (parse_batch) can run
/// on other threads. Cells are returned unquoted but not trimmed; white space outside quotes is
/// dropped for quoted fields and kept for unquoted ones (the validator trims every cell).
class LIBBRANCH_API CsvReader final : public TableSource {
 public:
  /// `display_name` is what problems name (defaults to the path as given).
  explicit CsvReader(const std::filesystem::path& path, std::string display_name = {});
  ~CsvReader() override;
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  [[nodiscard]] const std::string& name() const override { return name_; }
  /// False (with a problem) when the file cannot be opened (it is not a regular file: a device, a
  /// FIFO, a directory), is empty, or is UTF-16/UTF-32.
  bool read_header(TableRow& header, std::vector<Problem>& problems) override;
  bool next(TableRow& row, std::vector<Problem>& problems) override;
  bool next_batch(RowBatch& batch, std::size_t target_bytes) override;
  void parse_batch(RowBatch& batch) const override;
  /// The file's size.
  [[nodiscard]] std::uint64_t size_hint() const override;

  /// Parses CSV text held in memory (tests, small inputs).
  static std::unique_ptr<CsvReader> from_string(std::string text, std::string display_name);

 private:
  struct State;

  CsvReader();
  bool read_more(std::size_t bytes);
  void skip_bom();
  [[nodiscard]] std::string_view foreign_bom() const;
  bool end_problem(std::vector<Problem>& problems);
  std::size_t cut(std::size_t target_bytes);
  bool take_chunk(RowBatch& batch, std::size_t target_bytes);
  [[nodiscard]] Problem problem(std::string message) const;

  std::string name_;
  std::string path_;  // as given, for messages when name_ is a display name
  std::FILE* file_ = nullptr;
  std::unique_ptr<State> s_;
};

}  // namespace libbranch
