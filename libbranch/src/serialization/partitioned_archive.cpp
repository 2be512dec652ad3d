// Partitioned dataset archives: parts that are dataset archives of their own, and an index.
//
// File layout:
//
//   offset  size  field
//   0       18    header, as every archive kind (archive_common.hpp), magic "LBPARTS\0", format binary
//   18      …     part 0: a complete dataset archive (header, payload, end marker), then part 1, …
//   X       8     index magic "LBPINDX\0"
//   X+8     8     part count P (uint64 little-endian)
//   X+16    64·P  per part, 8 uint64 little-endian: offset, bytes, branches, members, activities,
//                 observations, memory_bytes, latest activity day (int32 day number, sign-extended;
//                 INT32_MIN = none)
//   end-24  8     X, the offset of the index (uint64 little-endian)
//   end-16  8     header version 2: XXH3-64 (little-endian) of the 18 header bytes, the index (from
//                 its magic through the last part's fields) and X; header version 1 has no such field
//   end-8   8     end marker "LBR-END\n"
//
// The index is read first (from the end), its checksum compared, checked (parts back to back from
// offset 18 up to X, counts within the 32-bit row numbers of a Dataset), and each part is then
// read by seeking to it. Each part carries its own checksum (a complete dataset archive),
// verified when that part is read: a range of parts is read without reading the whole file.
#include <libbranch/partitioned_archive.hpp>

#include <algorithm>
#include <array>
#include <fstream>
#include <limits>
#include <stdexcept>

#include <libbranch/dataset_parts.hpp>
#include <libbranch/error.hpp>
#include <libbranch/serialization.hpp>

#include "archive_common.hpp"
#include "checksum.hpp"

namespace libbranch {
namespace {

namespace io = detail::archive_io;

constexpr std::array<char, 8> kIndexMagic{'L', 'B', 'P', 'I', 'N', 'D', 'X', '\0'};
constexpr std::array<char, 8> kEnd{'L', 'B', 'R', '-', 'E', 'N', 'D', '\n'};
constexpr std::uint64_t kFieldsPerPart = 8;
constexpr std::uint64_t kTrailerSizeV1 = 16;  // index offset, end marker
constexpr std::uint64_t kTrailerSize = 24;    // index offset, checksum, end marker

// Counts what passes through to another streambuf, so that part offsets need no seekable output.
class CountingBuf : public std::streambuf {
 public:
  explicit CountingBuf(std::streambuf* out) : out_(out) {}
  [[nodiscard]] std::uint64_t count() const noexcept { return count_; }

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    if (traits_type::eq_int_type(out_->sputc(traits_type::to_char_type(c)), traits_type::eof())) return traits_type::eof();
    ++count_;
    return c;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    const std::streamsize written = out_->sputn(s, n);
    count_ += static_cast<std::uint64_t>(std::max<std::streamsize>(written, 0));
    return written;
  }
  int sync() override { return out_->pubsync(); }

 private:
  std::streambuf* out_;
  std::uint64_t count_ = 0;
};

std::uint64_t get_u64(const char* p) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}

std::uint64_t encode_date(Date d) { return static_cast<std::uint64_t>(static_cast<std::int64_t>(d.days())); }

Date decode_date(std::uint64_t v) {
  const auto days = static_cast<std::int64_t>(v);
  if (days < std::numeric_limits<std::int32_t>::min() || days > std::numeric_limits<std::int32_t>::max())
    throw io::Corrupt("a part's latest activity date is out of range");
  return Date(static_cast<std::int32_t>(days));
}

ArchivePart describe(const Dataset& part, std::uint64_t offset, std::uint64_t bytes) {
  return ArchivePart{offset,
                     bytes,
                     part.branch_count(),
                     part.members().size(),
                     part.activities().size(),
                     part.observations().size(),
                     part.memory().total(),
                     part.latest_activity_date()};
}

void put_u64(std::string& out, std::uint64_t v) {
  for (std::size_t i = 0; i < 8; ++i) out.push_back(static_cast<char>(static_cast<unsigned char>(v >> (8 * i))));
}

/// The checksum of the trailer: header, index bytes, index offset.
std::uint64_t index_checksum(const io::HeaderBytes& header, const char* index, std::size_t index_size,
                             std::uint64_t index_offset) {
  io::Xxh3 hash;
  hash.update(header.data(), header.size());
  hash.update(index, index_size);
  std::string offset;
  put_u64(offset, index_offset);
  hash.update(offset.data(), offset.size());
  return hash.digest();
}

void write_index(std::ostream& out, const std::vector<ArchivePart>& parts, std::uint64_t index_offset) {
  std::string index(kIndexMagic.begin(), kIndexMagic.end());
  put_u64(index, parts.size());
  for (const ArchivePart& p : parts) {
    for (std::uint64_t v : {p.offset, p.bytes, p.branches, p.members, p.activities, p.observations, p.memory_bytes,
                            encode_date(p.latest_activity)})
      put_u64(index, v);
  }
  const io::HeaderBytes header = io::encode_header(ArchiveKind::partitioned, ArchiveFormat::binary);
  put_u64(index, index_offset);
  put_u64(index, index_checksum(header, index.data(), index.size() - 8, index_offset));
  out.write(index.data(), static_cast<std::streamsize>(index.size()));
  out.write(kEnd.data(), kEnd.size());
}

void read_exact(std::istream& in, std::uint64_t offset, char* into, std::uint64_t n) {
  in.clear();
  in.seekg(static_cast<std::streamoff>(offset));
  in.read(into, static_cast<std::streamsize>(n));
  if (!in || static_cast<std::uint64_t>(in.gcount()) != n) throw io::Corrupt("truncated file");
}

// Parts back to back from the header up to the index; row counts that a Dataset can number.
void check_index(const std::vector<ArchivePart>& parts, std::uint64_t index_offset) {
  std::uint64_t expected_offset = io::kHeaderSize;
  std::uint64_t branches = 0;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const ArchivePart& p = parts[k];
    const std::string which = "part " + std::to_string(k);
    if (p.offset != expected_offset || p.bytes > index_offset - p.offset)
      throw io::Corrupt("the index places " + which + " outside the parts area");
    constexpr std::uint64_t kRows = std::numeric_limits<std::uint32_t>::max();
    if (p.branches > kRows || p.members > kRows || p.activities > kRows || p.observations > kRows)
      throw io::Corrupt("the index gives " + which + " more rows than a dataset can hold");
    expected_offset = p.offset + p.bytes;
    branches += p.branches;
  }
  if (expected_offset != index_offset) throw io::Corrupt("the parts do not end where the index starts");
  if (branches > std::numeric_limits<std::uint32_t>::max()) throw io::Corrupt("the index counts too many branches");
}

}  // namespace

void save_partitioned_archive(const std::filesystem::path& path, const std::function<std::optional<Dataset>()>& next_part) {
  io::save_file(path, [&](std::ostream& file) {
    CountingBuf counter(file.rdbuf());
    std::ostream out(&counter);
    io::write_header(out, ArchiveKind::partitioned, ArchiveFormat::binary);
    std::vector<ArchivePart> parts;
    while (std::optional<Dataset> part = next_part()) {
      const std::uint64_t offset = counter.count();
      save_archive(*part, out, ArchiveFormat::binary);
      parts.push_back(describe(*part, offset, counter.count() - offset));
    }
    write_index(out, parts, counter.count());
    out.flush();
    if (!out) throw std::runtime_error("output stream error");
  });
}

void save_partitioned_archive(const Dataset& ds, const std::filesystem::path& path, std::size_t branches_per_part) {
  if (branches_per_part == 0) throw ArchiveError(path.string(), "a part must hold at least one branch");
  std::size_t next = 0;
  bool first = true;
  save_partitioned_archive(path, [&]() -> std::optional<Dataset> {
    if (next >= ds.branch_count() && !first) return std::nullopt;
    first = false;
    const auto begin = static_cast<std::uint32_t>(next);
    next = std::min(ds.branch_count(), next + branches_per_part);
    return slice_branches(ds, RowRange{begin, static_cast<std::uint32_t>(next)});
  });
}

PartitionedArchive::PartitionedArchive(const std::filesystem::path& path) : path_(path), latest_(Date::none()) {
  io::load_file(path, [&](std::istream& in, const std::string& name, std::uint64_t size) {
    try {
      file_size_ = size;
      const io::HeaderInfo info = io::read_header(in, name, ArchiveKind::partitioned, size);
      const bool checksummed = info.version >= io::kFirstChecksumVersion;
      const std::uint64_t trailer_size = checksummed ? kTrailerSize : kTrailerSizeV1;
      if (size < io::kHeaderSize + kIndexMagic.size() + 8 + trailer_size) throw io::Corrupt("truncated file");
      std::array<char, kTrailerSize> trailer{};
      read_exact(in, size - trailer_size, trailer.data(), trailer_size);
      if (!std::equal(kEnd.begin(), kEnd.end(), trailer.begin() + static_cast<std::ptrdiff_t>(trailer_size - 8)))
        throw io::Corrupt("the end marker is missing (truncated file?)");
      const std::uint64_t index_offset = get_u64(trailer.data());
      if (index_offset < io::kHeaderSize || index_offset > size - trailer_size - 16)
        throw io::Corrupt("the index offset is outside the file");
      std::array<char, 16> head{};
      read_exact(in, index_offset, head.data(), head.size());
      if (!std::equal(kIndexMagic.begin(), kIndexMagic.end(), head.begin())) throw io::Corrupt("the index is missing");
      const std::uint64_t count = get_u64(head.data() + 8);
      const std::uint64_t index_bytes = size - trailer_size - index_offset - 16;
      if (count > index_bytes / (8 * kFieldsPerPart) || index_bytes != count * 8 * kFieldsPerPart)
        throw io::Corrupt("the index's part count does not fit its size");
      std::vector<char> raw(16 + index_bytes);
      read_exact(in, index_offset, raw.data(), raw.size());
      if (checksummed) {
        io::HeaderBytes header{};
        read_exact(in, 0, reinterpret_cast<char*>(header.data()), header.size());
        if (index_checksum(header, raw.data(), raw.size(), index_offset) != get_u64(trailer.data() + 8))
          throw io::Corrupt("checksum mismatch in the index (the file was damaged after it was written)");
      }
      parts_.reserve(count);
      for (std::uint64_t k = 0; k < count; ++k) {
        const char* f = raw.data() + 16 + k * 8 * kFieldsPerPart;
        parts_.push_back({get_u64(f), get_u64(f + 8), get_u64(f + 16), get_u64(f + 24), get_u64(f + 32),
                          get_u64(f + 40), get_u64(f + 48), decode_date(get_u64(f + 56))});
      }
      check_index(parts_, index_offset);
    } catch (...) {
      io::rethrow_as_load_error(name);
    }
  });
  for (const ArchivePart& p : parts_) {
    branches_ += p.branches;
    if (!p.latest_activity.is_none() && (latest_.is_none() || latest_ < p.latest_activity)) latest_ = p.latest_activity;
  }
}

std::uint64_t PartitionedArchive::largest_part_memory() const noexcept {
  std::uint64_t largest = 0;
  for (const ArchivePart& p : parts_) largest = std::max(largest, p.memory_bytes);
  return largest;
}

Dataset PartitionedArchive::load_part(std::size_t k) const {
  const ArchivePart& p = parts_.at(k);
  const std::string name = path_.string() + " (part " + std::to_string(k) + ")";
  Dataset part;
  io::load_file(path_, [&](std::istream& in, const std::string&, std::uint64_t size) {
    if (size != file_size_) throw ArchiveError(name, "the file changed since it was opened");
    in.seekg(static_cast<std::streamoff>(p.offset));
    if (!in) throw ArchiveError(name, "cannot seek to the part");
    part = load_archive(in, name, p.bytes);
  });
  if (part.branch_count() != p.branches || part.members().size() != p.members ||
      part.activities().size() != p.activities || part.observations().size() != p.observations)
    throw ArchiveError(name, "corrupted archive: the part's rows disagree with the index");
  return part;
}

Dataset PartitionedArchive::load_all(std::uint64_t memory_limit) const {
  std::uint64_t needed = 0;
  for (const ArchivePart& p : parts_) needed += p.memory_bytes;
  if (memory_limit != 0 && needed > memory_limit)
    throw ArchiveError(path_.string(), "read whole, this dataset needs " + std::to_string(needed >> 20) + " MiB, more than the " +
                                           std::to_string(memory_limit >> 20) +
                                           " MiB of this machine: score it out of core (branchscore score, "
                                           "libbranch::score of a PartitionedArchive) or read its parts one by one");
  DatasetConcatenator all;
  for (std::size_t k = 0; k < parts_.size(); ++k) all.append(load_part(k));
  return all.finish();
}

}  // namespace libbranch
