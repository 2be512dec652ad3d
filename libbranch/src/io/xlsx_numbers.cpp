// Rewrites the number cells of an .xlsx with every digit (see xlsx_numbers.hpp). The zip is read
// from its central directory; the worksheets are inflated, patched and deflated again (zlib), every
// other entry is copied as it was. libxlsxwriter writes no zip64 and no encryption: anything else
// is refused rather than guessed at.
#include "xlsx_numbers.hpp"

#ifdef LIBBRANCH_HAVE_XLSX

#include <cstdint>
#include <cstring>
#include <string_view>

#include <zlib.h>

#include <libbranch/error.hpp>
#include <libbranch/io/scorecard_writer.hpp>

namespace libbranch::detail {
namespace {

[[noreturn]] void fail(const std::string& why) {
  throw Error("cannot write an Excel workbook: " + why);
}

std::uint32_t get(const std::string& s, std::size_t at, int bytes) {
  if (at + static_cast<std::size_t>(bytes) > s.size()) fail("the zip libxlsxwriter wrote is truncated");
  std::uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s[at + static_cast<std::size_t>(i)]);
  return v;
}

void put(std::string& out, std::uint32_t v, int bytes) {
  for (int i = 0; i < bytes; ++i, v >>= 8) out += static_cast<char>(v & 0xFF);
}

void set(std::string& s, std::size_t at, std::uint32_t v, int bytes) {
  for (int i = 0; i < bytes; ++i, v >>= 8) s[at + static_cast<std::size_t>(i)] = static_cast<char>(v & 0xFF);
}

std::string inflate_raw(std::string_view data, std::size_t size) {
  std::string out(size, '\0');
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) fail("zlib cannot start");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&z, Z_FINISH);
  inflateEnd(&z);
  if (rc != Z_STREAM_END || z.total_out != size) fail("a worksheet of the zip cannot be inflated");
  return out;
}

std::string deflate_raw(const std::string& data) {
  z_stream z{};
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    fail("zlib cannot start");
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  const std::size_t n = z.total_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END) fail("a worksheet cannot be deflated");
  out.resize(n);
  return out;
}

// "C17" → (16, 2).
bool parse_ref(std::string_view ref, std::size_t& row, std::size_t& col) {
  std::size_t i = 0, c = 0, r = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') c = c * 26 + static_cast<std::size_t>(ref[i++] - 'A' + 1);
  const std::size_t digits = i;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9') r = r * 10 + static_cast<std::size_t>(ref[i++] - '0');
  if (c == 0 || r == 0 || i != ref.size() || digits == 0) return false;
  row = r - 1;
  col = c - 1;
  return true;
}

// The sheet's XML with the text of each number cell (`<c r=".." s=".."><v>TEXT</v></c>`, no `t`
// attribute) replaced by the shortest round-trip text of the next expected number.
std::string patch_sheet(const std::string& xml, const std::vector<XlsxNumber>& numbers, const std::string& entry) {
  std::string out;
  out.reserve(xml.size() + numbers.size() * 2);
  std::size_t at = 0, next = 0;
  const std::size_t data = xml.find("<sheetData");
  if (data == std::string::npos) return xml;
  out.append(xml, 0, data);
  at = data;
  for (;;) {
    const std::size_t cell = xml.find("<c ", at);
    if (cell == std::string::npos) break;
    const std::size_t tag_end = xml.find('>', cell);
    if (tag_end == std::string::npos) fail(entry + ": a cell tag does not end");
    const std::string_view tag(xml.data() + cell, tag_end - cell);
    out.append(xml, at, tag_end + 1 - at);
    at = tag_end + 1;
    if (tag.back() == '/' || tag.find(" t=\"") != std::string_view::npos) continue;  // empty, or not a number
    if (xml.compare(at, 3, "<v>") != 0) continue;
    const std::size_t value_end = xml.find("</v>", at);
    if (value_end == std::string::npos) fail(entry + ": a cell value does not end");
    const std::size_t ref_at = tag.find(" r=\"");
    std::size_t row = 0, col = 0;
    if (ref_at == std::string_view::npos ||
        !parse_ref(tag.substr(ref_at + 4, tag.find('"', ref_at + 4) - (ref_at + 4)), row, col))
      fail(entry + ": a number cell without a reference");
    if (next >= numbers.size() || numbers[next].row != row || numbers[next].col != col)
      fail(entry + ": an unexpected number cell (row " + std::to_string(row + 1) + ")");
    out += "<v>";
    out += format_number(numbers[next++].value);
    at = value_end;  // "</v>" is copied with what follows
  }
  out.append(xml, at, std::string::npos);
  if (next != numbers.size()) fail(entry + ": " + std::to_string(numbers.size() - next) + " number cells are missing");
  return out;
}

// Index k of "xl/worksheets/sheet<k+1>.xml", or -1.
long worksheet_index(std::string_view name) {
  constexpr std::string_view prefix = "xl/worksheets/sheet", suffix = ".xml";
  if (name.size() <= prefix.size() + suffix.size() || name.substr(0, prefix.size()) != prefix ||
      name.substr(name.size() - suffix.size()) != suffix)
    return -1;
  long k = 0;
  for (const char c : name.substr(prefix.size(), name.size() - prefix.size() - suffix.size())) {
    if (c < '0' || c > '9') return -1;
    k = k * 10 + (c - '0');
  }
  return k - 1;
}

}  // namespace

std::string with_exact_numbers(const std::string& zip, const std::vector<std::vector<XlsxNumber>>& numbers) {
  // The end of central directory record: the last 22 bytes (libxlsxwriter writes no comment).
  if (zip.size() < 22 || get(zip, zip.size() - 22, 4) != 0x06054b50) fail("the zip libxlsxwriter wrote has no directory");
  const std::size_t eocd = zip.size() - 22;
  const std::size_t entries = get(zip, eocd + 10, 2);
  std::size_t cd = get(zip, eocd + 16, 4);
  std::string out, directory;
  std::size_t patched = 0;
  for (std::size_t e = 0; e < entries; ++e) {
    if (get(zip, cd, 4) != 0x02014b50) fail("a damaged zip directory");
    const std::uint32_t flags = get(zip, cd + 8, 2), method = get(zip, cd + 10, 2);
    std::uint32_t crc = get(zip, cd + 16, 4), csize = get(zip, cd + 20, 4), usize = get(zip, cd + 24, 4);
    const std::size_t name_len = get(zip, cd + 28, 2), extra_len = get(zip, cd + 30, 2), comment_len = get(zip, cd + 32, 2);
    const std::size_t local = get(zip, cd + 42, 4);
    const std::string name = zip.substr(cd + 46, name_len);
    if (flags & 1u) fail("an encrypted zip entry");
    if (get(zip, local, 4) != 0x04034b50) fail("a damaged zip entry " + name);
    const std::size_t data_at = local + 30 + get(zip, local + 26, 2) + get(zip, local + 28, 2);
    if (data_at + csize > zip.size()) fail("a truncated zip entry " + name);
    std::string data = zip.substr(data_at, csize);
    std::uint32_t new_method = method;
    const long k = worksheet_index(name);
    if (k >= 0 && static_cast<std::size_t>(k) < numbers.size()) {
      if (method != 8 && method != 0) fail("a zip entry compressed with method " + std::to_string(method));
      std::string xml = method == 8 ? inflate_raw(data, usize) : data;
      xml = patch_sheet(xml, numbers[static_cast<std::size_t>(k)], name);
      crc = static_cast<std::uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(xml.data()), static_cast<uInt>(xml.size())));
      usize = static_cast<std::uint32_t>(xml.size());
      data = deflate_raw(xml);
      csize = static_cast<std::uint32_t>(data.size());
      new_method = 8;
      ++patched;
    }
    // The local header again, without a data descriptor (sizes are known) or extra field.
    const std::size_t offset = out.size();
    put(out, 0x04034b50, 4);
    out.append(zip, local + 4, 2);                // version needed
    put(out, flags & ~8u, 2);
    put(out, new_method, 2);
    out.append(zip, local + 10, 4);               // time, date
    put(out, crc, 4);
    put(out, csize, 4);
    put(out, usize, 4);
    put(out, static_cast<std::uint32_t>(name_len), 2);
    put(out, 0, 2);
    out += name;
    out += data;
    std::string central = zip.substr(cd, 46 + name_len);
    set(central, 8, flags & ~8u, 2);
    set(central, 10, new_method, 2);
    set(central, 16, crc, 4);
    set(central, 20, csize, 4);
    set(central, 24, usize, 4);
    set(central, 30, 0, 2);  // no extra field
    set(central, 32, 0, 2);  // no comment
    set(central, 42, static_cast<std::uint32_t>(offset), 4);
    directory += central;
    cd += 46 + name_len + extra_len + comment_len;
  }
  if (patched != numbers.size()) fail("the zip holds " + std::to_string(patched) + " of " + std::to_string(numbers.size()) + " worksheets");
  if (out.size() + directory.size() > 0xFFFFFFFFu) fail("the workbook exceeds 4 GiB");
  const std::size_t cd_offset = out.size();
  out += directory;
  put(out, 0x06054b50, 4);
  put(out, 0, 2);
  put(out, 0, 2);
  put(out, static_cast<std::uint32_t>(entries), 2);
  put(out, static_cast<std::uint32_t>(entries), 2);
  put(out, static_cast<std::uint32_t>(directory.size()), 4);
  put(out, static_cast<std::uint32_t>(cd_offset), 4);
  put(out, 0, 2);
  return out;
}

}  // namespace libbranch::detail

#endif
