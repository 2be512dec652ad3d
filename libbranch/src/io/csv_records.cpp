#include "csv_records.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include <libbranch/io/input_limits.hpp>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace libbranch::detail {
namespace {

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

unsigned char byte(const char* p) { return static_cast<unsigned char>(*p); }

// The first of `stops` (three bytes, also listed in `table`) in [p, end), or end. Sixteen bytes
// at a time where SSE2 is there: plain runs are most of a CSV file.
const char* skip_plain(const char* p, const char* end, const ByteTable& table, char a, char b, char c) {
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c);
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)), _mm_cmpeq_epi8(v, vc));
    const int mask = _mm_movemask_epi8(hit);
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  while (p != end && !table[byte(p)]) ++p;
  return p;
}

const char* skip_quoted(const char* p, const char* end) { return skip_plain(p, end, kStopsQuoted, '"', '\n', '\r'); }

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

/// Whether the quote at text[at] opens a quoted field: only white space lies between it and the
/// previous separator, line end or the start of the text (a record start). Walking back is exact
/// because the white space characters form a code that decodes the same from either end.
bool opens_field(const char* text, std::size_t at) {
  std::size_t i = at;
  while (i > 0) {
    const unsigned char c = byte(text + i - 1);
    if (c == ' ' || c == '\t') {
      --i;
    } else if (c == 0xA0 && i >= 2 && byte(text + i - 2) == 0xC2) {
      i -= 2;
    } else if (c == 0x80 && i >= 3 && byte(text + i - 2) == 0x80 && byte(text + i - 3) == 0xE3) {
      i -= 3;
    } else {
      return c == ',' || c == '\n' || c == '\r';
    }
  }
  return true;
}

// Where the bytes that end an unquoted field (`,`, LF, CR) are, 64 bytes at a time as a bit
// mask: most fields are a few bytes long, and finding each one's end with its own vector search
// costs a load, a mispredicted loop exit and a mask per field instead of one bit scan.
class FieldEnds {
 public:
  FieldEnds(const char* text, std::size_t size) : d_(text), n_(size) {}

  /// The first field end at or after `pos` (≤ size), or size. Bytes before `pos` may have been
  /// rewritten since (quoted fields are unescaped in place); those at or after it have not.
  std::size_t next(std::size_t pos) {
    for (;;) {
      if (pos >= base_ + 64 || pos < base_) load(pos & ~std::size_t{63});
      const std::uint64_t m = mask_ & (~std::uint64_t{0} << (pos - base_));
      if (m != 0) return std::min(base_ + static_cast<std::size_t>(__builtin_ctzll(m)), n_);
      if (base_ + 64 >= n_) return n_;
      pos = base_ + 64;
    }
  }

 private:
  void load(std::size_t base) {
    base_ = base;
    const std::size_t len = std::min<std::size_t>(64, n_ - base);
    const char* p = d_ + base;
    char tail[64];
    if (len < 64) {  // the last block of the text: no byte past its end may be read
      std::memcpy(tail, p, len);
      std::memset(tail + len, 0, 64 - len);
      p = tail;
    }
    mask_ = block_mask(p);
  }

  static std::uint64_t block_mask(const char* p) {
#if defined(__SSE2__)
    const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    std::uint64_t mask = 0;
    for (int i = 0; i < 4; ++i) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
      const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, lf)), _mm_cmpeq_epi8(v, cr));
      mask |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(hit))) << (16 * i);
    }
    return mask;
#else
    std::uint64_t mask = 0;
    for (int i = 0; i < 64; ++i) mask |= std::uint64_t{kStopsUnquoted[byte(p + i)]} << i;
    return mask;
#endif
  }

  const char* d_;
  std::size_t n_;
  std::size_t base_ = SIZE_MAX / 2;  // first byte of the block in mask_ (none loaded yet)
  std::uint64_t mask_ = 0;
};

// One pass over a batch's text, mirroring the field grammar: unquoted fields keep their white
// space, quoted ones drop the white space around the quotes and are unescaped in place.
class RecordParser {
 public:
  RecordParser(RowBatch& batch, const std::string& file)
      : batch_(batch),
        file_(file),
        d_(batch.text.data()),
        n_(batch.text.size()),
        ends_(d_, n_),
        line_(batch.first_line) {}

  ParseStop run(bool header_only) {
    // One search a batch: a NUL is rare, and then only its record pays for finding its place.
    std::size_t nul = find_nul(0, line_);
    while (!done_ && pos_ < n_) {
      record_line_ = line_;
      bad_ = false;
      first_cell_ = batch_.cells.size();
      End end = End::separator;
      while (end == End::separator) end = field();
      if (nul < pos_) {
        if (!bad_) nul_problem();
        bad_ = true;
        nul = find_nul(pos_, line_);
      }
      const std::size_t count = batch_.cells.size() - first_cell_;
      const bool blank = !bad_ && count == 1 && !quoted_ && only_space(batch_.cells.back());
      if (bad_ || blank) {
        batch_.cells.resize(first_cell_);
        if (bad_ && header_only) break;
        continue;
      }
      batch_.ends.push_back(static_cast<std::uint32_t>(batch_.cells.size()));
      batch_.lines.push_back(record_line_);
      if (header_only) break;
    }
    return {pos_, line_};
  }

 private:
  enum class End : std::uint8_t { separator, line, text };

  void skip_space() {
    while (pos_ < n_) {
      const unsigned char c = byte(d_ + pos_);
      if (c != ' ' && c != '\t' && c != 0xC2 && c != 0xE3) return;  // the usual case, decided by one byte
      const std::size_t k = space_length(d_ + pos_, d_ + n_);
      if (k == 0) return;
      pos_ += k;
    }
  }
  void cell(std::size_t begin, std::size_t end) {
    batch_.cells.emplace_back(d_ + begin, end - begin);
    if (end - begin > kMaxFieldBytes && !bad_) [[unlikely]]
      too_long(begin, end);
  }
  // Out of line: cell() runs for every field and should stay small enough to inline.
  [[gnu::noinline, gnu::cold]] void too_long(std::size_t begin, std::size_t end) {
    problem("field " + std::to_string(batch_.cells.size() - first_cell_) + " is longer than the limit of " +
                std::to_string(kMaxFieldBytes >> 20) + " MiB (" + std::to_string(end - begin) + " bytes)",
            preview(std::string_view(d_ + begin, end - begin)));
    bad_ = true;
  }

  // The next NUL at or after `from` (a record start on line `line`, not parsed yet, so the text
  // there is as read) and its line and column (1-based bytes); n_ when none.
  std::size_t find_nul(std::size_t from, std::int64_t line) {
    const void* found = std::memchr(d_ + from, '\0', n_ - from);
    if (found == nullptr) return n_;
    const auto at = static_cast<std::size_t>(static_cast<const char*>(found) - d_);
    const std::string_view before(d_ + from, at - from);
    nul_line_ = line + count_line_ends(before);
    const std::size_t line_end = before.find_last_of("\r\n");
    nul_column_ = line_end == std::string_view::npos ? at - from + 1 : at - (from + line_end);
    return at;
  }

  void nul_problem() {
    problem("NUL byte at line " + std::to_string(nul_line_) + ", column " + std::to_string(nul_column_) +
                ": a binary or UTF-16 file? Save it as UTF-8 CSV",
            "");
  }

  void problem(std::string message, std::string value) {
    batch_.problems.push_back(Problem{file_, record_line_, "", "-", Severity::error, std::move(message), std::move(value)});
  }

  // Consumes what ends a field: a separator, a line end (CR, LF or CRLF) or the end of the text.
  End delimiter() {
    if (pos_ == n_) return End::text;
    const char c = d_[pos_++];
    if (c == ',') return End::separator;
    ++line_;
    if (c == '\r' && pos_ < n_ && d_[pos_] == '\n') ++pos_;
    return End::line;
  }

  End field() {
    quoted_ = false;
    const std::size_t begin = pos_;
    skip_space();  // data for an unquoted field, so `begin` keeps it
    if (pos_ < n_ && d_[pos_] == '"') {
      quoted_ = true;
      ++pos_;
      return quoted();
    }
    pos_ = ends_.next(pos_);
    cell(begin, pos_);
    return delimiter();
  }

  End quoted() {
    const std::int64_t open_line = line_;
    const std::size_t begin = pos_;
    std::size_t out = pos_;  // end of the unescaped content, written over the text itself
    for (;;) {
      const std::size_t run = static_cast<std::size_t>(skip_quoted(d_ + pos_, d_ + n_) - (d_ + pos_));
      if (out != pos_) std::memmove(d_ + out, d_ + pos_, run);
      out += run;
      pos_ += run;
      if (pos_ == n_) {
        problem("unterminated quoted field (the quote opened on line " + std::to_string(open_line) +
                    " is never closed)",
                preview(std::string_view(d_ + begin, out - begin)));
        bad_ = true;
        done_ = true;
        return End::text;
      }
      const char c = d_[pos_++];
      if (c == '"') {
        if (pos_ == n_ || d_[pos_] != '"') {
          // Unescaping left stale bytes before the closing quote; blanking them keeps a batch's
          // text valid UTF-8 only when every cell is (TableReader checks whole batches at once).
          std::memset(d_ + out, ' ', pos_ - 1 - out);
          return after_closing_quote(begin, out);
        }
        d_[out++] = '"';
        ++pos_;
        continue;
      }
      // A line end inside quotes is data, kept byte for byte, but it still advances the line.
      d_[out++] = c;
      ++line_;
      if (c == '\r' && pos_ < n_ && d_[pos_] == '\n') {
        d_[out++] = '\n';
        ++pos_;
      }
    }
  }

  End after_closing_quote(std::size_t begin, std::size_t end) {
    const std::size_t gap = pos_;  // white space after the quote, for the problem value
    skip_space();
    if (pos_ == n_ || kStopsUnquoted[byte(d_ + pos_)]) {
      cell(begin, end);
      return delimiter();
    }
    // The rest of the field is read as plain text: it resynchronises at the next separator and
    // gives the problem the text that follows the quote.
    const std::size_t rest = pos_;
    pos_ = ends_.next(pos_);
    if (!bad_) {
      problem("unexpected text after the closing quote of a field (a quote inside a quoted field must be doubled)",
              requote(std::string_view(d_ + begin, end - begin)) + preview(std::string_view(d_ + gap, rest - gap), 10) +
                  preview(std::string_view(d_ + rest, pos_ - rest), 20));
    }
    bad_ = true;
    return delimiter();
  }

  RowBatch& batch_;
  const std::string& file_;
  char* d_;
  std::size_t n_;
  FieldEnds ends_;
  std::size_t pos_ = 0;
  std::int64_t line_;
  std::int64_t record_line_ = 0;
  std::int64_t nul_line_ = 0;  // place of the next NUL (find_nul)
  std::size_t nul_column_ = 0;
  std::size_t first_cell_ = 0;    // the current record's first cell in batch_.cells
  bool bad_ = false;     // the current record had a problem and is not returned
  bool quoted_ = false;  // the last field read was quoted
  bool done_ = false;    // an unterminated quote took the rest of the text
};

}  // namespace

std::size_t space_length(const char* p, const char* end) {
  const auto available = static_cast<std::size_t>(end - p);
  if (available == 0) return 0;
  if (p[0] == ' ' || p[0] == '\t') return 1;
  if (byte(p) == 0xC2 && available >= 2 && byte(p + 1) == 0xA0) return 2;
  if (byte(p) == 0xE3 && available >= 3 && byte(p + 1) == 0x80 && byte(p + 2) == 0x80) return 3;
  return 0;
}

bool RecordBoundaries::line_ends(std::string_view text, std::size_t end, bool complete, bool first) {
  const char* d = text.data();
  const std::size_t len = end - pos_;
  const void* lf = first ? std::memchr(d + pos_, '\n', len) : memrchr(d + pos_, '\n', len);
  const void* cr = first ? std::memchr(d + pos_, '\r', len) : memrchr(d + pos_, '\r', len);
  const std::size_t at_lf = lf ? static_cast<std::size_t>(static_cast<const char*>(lf) - d) : SIZE_MAX;
  std::size_t at_cr = cr ? static_cast<std::size_t>(static_cast<const char*>(cr) - d) : SIZE_MAX;
  if (!first && at_lf != SIZE_MAX && (at_cr == SIZE_MAX || at_cr < at_lf)) at_cr = SIZE_MAX;  // LF is later
  if (first && at_cr > at_lf) at_cr = SIZE_MAX;                                          // LF is earlier
  if (at_cr == SIZE_MAX) {
    if (at_lf != SIZE_MAX) last_ = at_lf + 1;
    if (first && at_lf != SIZE_MAX) pos_ = at_lf + 1;
    return true;
  }
  // A CR: the line end includes the LF that may follow it, which may not be here yet.
  if (at_cr + 1 == text.size() && !complete) {
    if (!first && at_lf != SIZE_MAX && at_lf < at_cr) last_ = at_lf + 1;
    pos_ = at_cr;
    return false;
  }
  const bool crlf = at_cr + 1 < text.size() && d[at_cr + 1] == '\n';
  last_ = at_cr + (crlf ? 2 : 1);
  if (first) pos_ = last_;
  return true;
}

std::size_t RecordBoundaries::scan(std::string_view text, std::size_t stop, bool complete, bool first) {
  const char* d = text.data();
  while (pos_ < stop) {
    const void* found = std::memchr(d + pos_, '"', stop - pos_);
    const std::size_t quote = found ? static_cast<std::size_t>(static_cast<const char*>(found) - d) : stop;
    if (quoted_) {
      if (quote == stop) {
        pos_ = stop;
        break;
      }
      if (quote + 1 == text.size() && !complete) {  // a doubled quote or the closing one: wait
        pos_ = quote;
        break;
      }
      const bool doubled = quote + 1 < text.size() && d[quote + 1] == '"';
      quoted_ = doubled;
      pos_ = quote + (doubled ? 2 : 1);
      continue;
    }
    const std::size_t before = last_;
    if (!line_ends(text, quote, complete, first)) break;
    if (first && last_ != before) return last_;
    if (quote == stop) {
      pos_ = std::max(stop, last_);  // a CRLF can end just past `stop`
      break;
    }
    quoted_ = opens_field(d, quote);
    pos_ = quote + 1;
  }
  return last_;
}

void RecordBoundaries::drop(std::size_t cut) {
  pos_ -= cut;
  last_ = 0;
}

// Occurrences of `c` in `text`, sixteen bytes at a time where SSE2 is there.
std::int64_t count_byte(std::string_view text, char c) {
  const char* p = text.data();
  const char* const end = p + text.size();
  std::int64_t count = 0;
#if defined(__SSE2__)
  const __m128i needle = _mm_set1_epi8(c);
  while (end - p >= 16) {
    // Byte counters are summed before they can overflow (255 blocks).
    __m128i counters = _mm_setzero_si128();
    for (int block = 0; block < 255 && end - p >= 16; ++block, p += 16)
      counters = _mm_sub_epi8(counters, _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), needle));
    const __m128i sums = _mm_sad_epu8(counters, _mm_setzero_si128());
    count += _mm_cvtsi128_si32(sums) + _mm_extract_epi16(sums, 4);
  }
#endif
  return count + std::count(p, end, c);
}

std::int64_t count_line_ends(std::string_view text) {
  std::int64_t count = count_byte(text, '\n');
  for (std::size_t at = text.find('\r'); at != std::string_view::npos; at = text.find('\r', at + 1))
    count += at + 1 == text.size() || text[at + 1] != '\n';
  return count;
}

ParseStop parse_records(RowBatch& batch, const std::string& file, bool header_only) {
  return RecordParser(batch, file).run(header_only);
}

}  // namespace libbranch::detail
