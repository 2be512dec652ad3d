#pragma once
// Writing CSV: LF line ends, RFC 4180 quoting only where needed, no BOM
// (docs/reference/results.md §1).
#include <ostream>
#include <string>
#include <string_view>

#include <libbranch/export.hpp>

namespace libbranch {

/// Appends `field` to `out`, quoted when it holds a comma, quote, CR, LF or leading/trailing white space.
LIBBRANCH_API void append_csv_field(std::string& out, std::string_view field);

/// Writes rows of fields to a stream; fields are separated by commas and rows end with LF.
class LIBBRANCH_API CsvWriter {
 public:
  explicit CsvWriter(std::ostream& out) : out_(out) {}
  CsvWriter& field(std::string_view value);
  CsvWriter& field(long long value);
  void end_row();

 private:
  std::ostream& out_;
  std::string line_;
  bool first_ = true;
};

}  // namespace libbranch
