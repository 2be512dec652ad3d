// The framing every archive kind shares: the magic that names the kind, the header (versions,
// format, byte order), the end marker and the checksum trailer. serialization/archive_common.hpp
// describes the file layout; the payload between header and end marker is each kind's own.
#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstdio>
#include <istream>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>

#include <libbranch/error.hpp>
#include <libbranch/serialization.hpp>
#include <libbranch/version.hpp>

#include "../io/regular_file.hpp"
#include "archive_common.hpp"
#include "checksum.hpp"

namespace libbranch::detail::archive_io {
namespace {

using Magic = std::array<unsigned char, 8>;
constexpr Magic kDatasetMagic{'L', 'B', 'R', 'A', 'N', 'C', 'H', '\0'};
constexpr Magic kScorecardMagic{'L', 'B', 'S', 'C', 'O', 'R', 'E', '\0'};
constexpr Magic kRubricMagic{'L', 'B', 'R', 'U', 'B', 'R', 'C', '\0'};
constexpr Magic kPartitionedMagic{'L', 'B', 'P', 'A', 'R', 'T', 'S', '\0'};
constexpr Magic kPartMetricsMagic{'L', 'B', 'P', 'M', 'T', 'R', 'C', '\0'};
constexpr std::array<char, kEndMarkerSize> kEndMarker{'L', 'B', 'R', '-', 'E', 'N', 'D', '\n'};
constexpr std::uint8_t kFlagBigEndian = 1;

constexpr bool kNativeBigEndian = std::endian::native == std::endian::big;

const Magic& magic_of(ArchiveKind kind) {
  switch (kind) {
    case ArchiveKind::scorecard: return kScorecardMagic;
    case ArchiveKind::rubric: return kRubricMagic;
    case ArchiveKind::partitioned: return kPartitionedMagic;
    case ArchiveKind::part_metrics: return kPartMetricsMagic;
    default: return kDatasetMagic;
  }
}

/// The kind whose magic `bytes` (at least 8) start with; ArchiveKind::none for none.
template <class Byte>
ArchiveKind kind_of_magic(const Byte* bytes) {
  for (ArchiveKind kind : {ArchiveKind::dataset, ArchiveKind::scorecard, ArchiveKind::rubric, ArchiveKind::partitioned,
                           ArchiveKind::part_metrics}) {
    const Magic& m = magic_of(kind);
    if (std::equal(m.begin(), m.end(), bytes, [](unsigned char a, Byte b) { return a == static_cast<unsigned char>(b); }))
      return kind;
  }
  return ArchiveKind::none;
}

std::string version_text(std::uint32_t number) {
  return std::to_string(number / 10000) + "." + std::to_string(number / 100 % 100) + "." + std::to_string(number % 100);
}

std::uint16_t boost_archive_version() { return static_cast<std::uint16_t>(ba::BOOST_ARCHIVE_VERSION()); }

std::uint64_t get_le(const std::array<unsigned char, kHeaderSize>& h, std::size_t at, std::size_t bytes) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < bytes; ++i) v |= static_cast<std::uint64_t>(h[at + i]) << (8 * i);
  return v;
}

// The checksum trailer (header version 2): the XXH3-64 of every byte from the magic through the
// end marker; 8 bytes little-endian in binary archives, 16 lowercase hex digits and a newline in
// text and XML archives (which stay text).
std::size_t trailer_size(ArchiveFormat format) { return format == ArchiveFormat::binary ? 8 : 17; }

std::string encode_trailer(ArchiveFormat format, std::uint64_t digest) {
  std::string t;
  if (format == ArchiveFormat::binary) {
    for (std::size_t i = 0; i < 8; ++i) t.push_back(static_cast<char>(static_cast<unsigned char>(digest >> (8 * i))));
  } else {
    static const char* const kHex = "0123456789abcdef";
    for (int shift = 60; shift >= 0; shift -= 4) t.push_back(kHex[(digest >> shift) & 15]);
    t.push_back('\n');
  }
  return t;
}

std::optional<std::uint64_t> decode_trailer(ArchiveFormat format, const std::string& t) {
  std::uint64_t v = 0;
  if (format == ArchiveFormat::binary) {
    for (std::size_t i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(t[i])) << (8 * i);
    return v;
  }
  if (t.back() != '\n') return std::nullopt;
  for (std::size_t i = 0; i < 16; ++i) {
    const char c = t[i];
    const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) return std::nullopt;
    v = (v << 4) | static_cast<std::uint64_t>(d);
  }
  return v;
}

}  // namespace

bool valid_format(ArchiveFormat f) noexcept {
  return f == ArchiveFormat::binary || f == ArchiveFormat::text || f == ArchiveFormat::xml;
}

void require_format(ArchiveFormat f, const std::string& name) {
  if (!valid_format(f))
    throw ArchiveError(name, "unknown archive format " + std::to_string(static_cast<unsigned>(f)));
}

HeaderBytes encode_header(ArchiveKind kind, ArchiveFormat format) {
  HeaderBytes h{};
  const Magic& magic = magic_of(kind);
  std::copy(magic.begin(), magic.end(), h.begin());
  auto put = [&h](std::size_t at, std::uint64_t value, std::size_t bytes) {
    for (std::size_t i = 0; i < bytes; ++i) h[at + i] = static_cast<unsigned char>(value >> (8 * i));
  };
  put(8, kHeaderVersion, 2);
  put(10, static_cast<std::uint32_t>(version_number), 4);
  h[14] = static_cast<unsigned char>(format);
  h[15] = kNativeBigEndian ? kFlagBigEndian : 0;
  put(16, boost_archive_version(), 2);
  return h;
}

void write_header(std::ostream& out, ArchiveKind kind, ArchiveFormat format) {
  const HeaderBytes h = encode_header(kind, format);
  out.write(reinterpret_cast<const char*>(h.data()), static_cast<std::streamsize>(h.size()));
  if (!out) throw std::runtime_error("cannot write the header");
}

HeaderInfo read_header(std::istream& in, const std::string& name, ArchiveKind expected, std::uint64_t size_limit) {
  std::array<unsigned char, kHeaderSize> h{};
  in.read(reinterpret_cast<char*>(h.data()), static_cast<std::streamsize>(h.size()));
  const auto got = static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0));
  const ArchiveKind kind = got < kDatasetMagic.size() ? ArchiveKind::none : kind_of_magic(h.data());
  if (kind == ArchiveKind::none) throw ArchiveError(name, "not a libbranch archive");
  if (kind != expected)
    throw ArchiveError(name, std::string("this is a ") + to_string(kind) + " archive, not a " + to_string(expected) +
                                 " archive");
  if (got < kHeaderSize) throw Corrupt("truncated header");

  const auto header_version = static_cast<std::uint16_t>(get_le(h, 8, 2));
  const auto writer = static_cast<std::uint32_t>(get_le(h, 10, 4));
  if (writer > static_cast<std::uint32_t>(version_number))
    throw ArchiveError(name, "written by libbranch " + version_text(writer) + ", this is " + version_string() +
                                 ": a newer libbranch is needed to read it");
  if (header_version > kHeaderVersion)
    throw ArchiveError(name, "header version " + std::to_string(header_version) + " is newer than this library's " +
                                 std::to_string(kHeaderVersion) + ": a newer libbranch is needed to read it");
  if (header_version == 0) throw Corrupt("header version 0");
  const auto format = static_cast<ArchiveFormat>(h[14]);
  if (!valid_format(format)) throw Corrupt("unknown archive format " + std::to_string(h[14]));
  const std::uint8_t flags = h[15];
  if ((flags & ~kFlagBigEndian) != 0) throw Corrupt("unknown header flags " + std::to_string(flags));
  const bool big_endian = (flags & kFlagBigEndian) != 0;
  if (format == ArchiveFormat::binary && big_endian != kNativeBigEndian)
    throw ArchiveError(name, std::string("binary archive written on a ") + (big_endian ? "big" : "little") +
                                 "-endian machine, this one is " + (kNativeBigEndian ? "big" : "little") +
                                 "-endian (text and XML archives move between machines)");
  const auto boost_version = static_cast<std::uint16_t>(get_le(h, 16, 2));
  if (boost_version == 0) throw Corrupt("Boost archive version 0");
  if (boost_version > boost_archive_version())
    throw ArchiveError(name, "written with Boost.Serialization archive version " + std::to_string(boost_version) +
                                 ", this build reads up to " + std::to_string(boost_archive_version()));

  const std::uint64_t overhead =
      kHeaderSize + kEndMarker.size() + (header_version >= kFirstChecksumVersion ? trailer_size(format) : 0);
  return HeaderInfo{format, header_version, size_limit > overhead ? size_limit - overhead : 0};
}

void write_end_marker(std::ostream& out) {
  out.write(kEndMarker.data(), static_cast<std::streamsize>(kEndMarker.size()));
  out.flush();
  if (!out) throw std::runtime_error("output stream error");
}

void read_end_marker(std::istream& in, ArchiveFormat format, bool whole_file) {
  // The end marker: a file cut anywhere, even after the last value, is reported.
  std::streambuf* sb = in.rdbuf();
  if (format != ArchiveFormat::binary) {
    for (auto c = sb->sgetc(); c == ' ' || c == '\n' || c == '\r' || c == '\t'; c = sb->sgetc()) sb->sbumpc();
  }
  std::array<char, kEndMarker.size()> end{};
  if (sb->sgetn(end.data(), static_cast<std::streamsize>(end.size())) != static_cast<std::streamsize>(end.size()) ||
      end != kEndMarker)
    throw Corrupt("the end marker is missing (truncated file?)");
  if (whole_file && sb->sgetc() != std::char_traits<char>::eof()) throw Corrupt("unexpected data after the end marker");
}

void write_framed(std::ostream& out, ArchiveKind kind, ArchiveFormat format,
                  const std::function<void(std::ostream&)>& payload) {
  HashingOutBuf hashing(out.rdbuf());
  std::ostream hashed(&hashing);
  write_header(hashed, kind, format);
  payload(hashed);
  write_end_marker(hashed);
  const std::string trailer = encode_trailer(format, hashing.digest());
  out.write(trailer.data(), static_cast<std::streamsize>(trailer.size()));
  out.flush();
  if (!out) throw std::runtime_error("output stream error");
}

void read_framed(std::istream& in, const std::string& name, ArchiveKind kind, std::uint64_t size_limit,
                 bool whole_file, const std::function<void(std::istream&, const HeaderInfo&)>& payload) {
  HashingInBuf hashing(in.rdbuf(), size_limit);
  std::istream hashed(&hashing);
  const HeaderInfo header = read_header(hashed, name, kind, size_limit);
  payload(hashed, header);
  read_end_marker(hashed, header.format, false);
  if (header.version >= kFirstChecksumVersion) {
    const std::uint64_t computed = hashing.digest();
    std::string trailer(trailer_size(header.format), '\0');
    if (!hashing.read_unhashed(trailer.data(), trailer.size())) throw Corrupt("the checksum is missing (truncated file?)");
    const std::optional<std::uint64_t> stored = decode_trailer(header.format, trailer);
    if (!stored) throw Corrupt("the checksum trailer is malformed");
    if (*stored != computed) throw Corrupt("checksum mismatch (the file was damaged after it was written)");
  }
  if (whole_file && hashing.sgetc() != std::char_traits<char>::eof())
    throw Corrupt("unexpected data after the end marker");
  if (!hashing.give_back()) throw ArchiveError(name, "cannot seek back in the stream after the archive");
}


}  // namespace libbranch::detail::archive_io

namespace libbranch {

namespace io = detail::archive_io;

ArchiveKind archive_kind(const std::filesystem::path& path) {
  // Not through std::ifstream: opening a FIFO would wait for a writer forever.
  const detail::RegularFile file = detail::open_regular_file(path);
  if (file.file == nullptr) return ArchiveKind::none;
  std::array<char, 8> magic{};
  const std::size_t got = std::fread(magic.data(), 1, magic.size(), file.file);
  std::fclose(file.file);
  return got == magic.size() ? io::kind_of_magic(magic.data()) : ArchiveKind::none;
}

const char* to_string(ArchiveKind kind) noexcept {
  switch (kind) {
    case ArchiveKind::dataset: return "dataset";
    case ArchiveKind::scorecard: return "scorecard";
    case ArchiveKind::rubric: return "rubric";
    case ArchiveKind::partitioned: return "partitioned dataset";
    case ArchiveKind::part_metrics: return "part metrics";
    case ArchiveKind::none: break;
  }
  return "none";
}

}  // namespace libbranch
