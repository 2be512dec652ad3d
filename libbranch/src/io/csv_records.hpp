#pragma once
// The CSV grammar of docs/reference/data-format.md §2 over text held in memory: where records end
// (so that a file can be cut into chunks that parse independently) and the records themselves.
// Internal to CsvReader.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <libbranch/io/table_source.hpp>

namespace libbranch::detail {

/// Length of the white space character (space, tab, U+00A0, U+3000) at [p, end), or 0.
[[nodiscard]] std::size_t space_length(const char* p, const char* end);

/// Finds record boundaries (the positions just after a line end outside quotes) in text that
/// starts at a record start. It follows the reader's rules for quotes exactly: a quote opens a
/// quoted field only at the start of a field, so quotes inside unquoted text do not confuse it.
/// Resumable: the text may grow at its end between calls, and scanning goes on where it stopped.
class RecordBoundaries {
 public:
  /// Scans `text` from where the last call stopped up to `stop` (≤ text.size()); `complete` when
  /// no byte will follow text. With `first`, stops at the first boundary found. Returns the last
  /// boundary found since the last cut (0 = none).
  std::size_t scan(std::string_view text, std::size_t stop, bool complete, bool first);
  /// The first `cut` bytes (a boundary returned by scan) were taken away from the text.
  void drop(std::size_t cut);

 private:
  // Looks for line ends in text[pos_, end) outside quotes; false when scanning must pause.
  bool line_ends(std::string_view text, std::size_t end, bool complete, bool first);

  std::size_t pos_ = 0;   // next byte to scan
  std::size_t last_ = 0;  // last boundary found
  bool quoted_ = false;   // pos_ is inside a quoted field
};

/// Line ends (LF, CRLF or a lone CR) in text that does not end between the CR and LF of a CRLF.
[[nodiscard]] std::int64_t count_line_ends(std::string_view text);

/// Where parsing stopped: bytes consumed and the physical line of the next byte.
struct ParseStop {
  std::size_t consumed = 0;
  std::int64_t line = 0;
};

/// Splits `batch.text` (which starts at a record start, on line `batch.first_line`) into records,
/// unquoting fields in place, skipping blank lines and reporting records that cannot be read as
/// problems of file `file`. With `header_only`, stops after the first record, good or bad.
ParseStop parse_records(RowBatch& batch, const std::string& file, bool header_only = false);

}  // namespace libbranch::detail
