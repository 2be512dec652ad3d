#pragma once
// Private to the library (not installed): what the archives of every kind share. The framing
// functions declared here live in framing.cpp (header, end marker, checksum trailer) and
// archive_files.cpp (files, errors); the dataset archive in dataset_archive.cpp (its column types
// in column_archive.hpp), the scorecard archive in scorecard_archive.cpp and the rubric archive
// in rubric_archive.cpp, all beside this header. Every Boost archive is
// instantiated in those sources, i.e. in the core library (ENVIRONMENT.md trap 7).
//
// File layout (every kind, every format):
//
//   offset  size  field
//   0       8     magic: "LBRANCH\0" dataset, "LBSCORE\0" scorecard, "LBRUBRC\0" rubric,
//                 "LBPMTRC\0" part metrics (part_metrics_archive.cpp)
//   8       2     header version, uint16 little-endian (kHeaderVersion)
//   10      4     libbranch version_number of the writer, uint32 little-endian
//   14      1     ArchiveFormat: 1 binary, 2 text, 3 XML
//   15      1     flags: bit 0 = the binary payload is big-endian; other bits are 0
//   16      2     Boost.Serialization archive library version of the writer, uint16 little-endian
//   18      …     Boost archive (binary_/text_/xml_oarchive, no_header | no_codecvt) holding one
//                 object: DatasetTables "dataset", Scorecard "scorecard" or Rubric "rubric"
//   …       8     end marker "LBR-END\n" (text and XML: after the archive's trailing newline)
//   …       8/17  header version 2 only: the checksum trailer, XXH3-64 of every byte from offset 0
//                 through the end marker; binary: 8 bytes little-endian; text and XML: 16 lowercase
//                 hex digits and '\n' (so that they stay text files)
//
// Bytes 0–13 keep their meaning in every future header version, so that any later file can be
// recognised and reported ("written by libbranch X.Y.Z, this is A.B.C"), and a file of another
// kind is named ("this is a dataset archive, not a scorecard archive").
//
// Header versions: 1 (libbranch ≤ 0.2 before the checksum) has no trailer and loads unverified;
// 2 adds the trailer; a higher one is refused by name ("header version 3 is newer than …"). The
// checksum is a trailer rather than a header field because writing is streamed (the header goes
// out before the payload, to streams that may not seek); it is computed as the bytes pass through
// a streambuf (checksum.hpp: HashingOutBuf, HashingInBuf), with no second pass and no copy. A
// load compares it after the end marker, before the loaded object is handed out, so a flipped
// byte anywhere is an ArchiveError ("checksum mismatch") even where it parses as other data.
// Partitioned archives (partitioned_archive.cpp) hold complete archives as parts, each with its
// own trailer, verified when that part is read, and an index with a checksum of its own.
//
// Inside the Boost archive every class has a BOOST_CLASS_VERSION (1 so far) and tracking off. A
// column of n values is `count` (uint64) then the n values: binary writes them as one raw
// native-endian block, text as numbers, XML as <item> elements. A matrix is `rows`, `cols` (uint64)
// then rows × cols values, column-major, the same way. Enums are their underlying integers, dates
// their int32 day numbers. A string is `count` then its bytes: raw in binary, base64 in text
// (Boost's save_binary), escaped character data in XML. Doubles in text and XML use Boost.Math's
// nonfinite facets so that NaN and infinities read back; every double round-trips bit for bit
// except NaN payloads, which text and XML bring back as the quiet NaN of the same sign.
//
// Loading: every length read from a file is charged to a budget (the file size) before anything is
// allocated; a matrix is charged rows × cols values (the product checked for overflow first).
// (Matrices are scorecard_archive.cpp's own: this header stays free of Eigen, so that the dataset
// archive code builds with the model alone, as tests/fuzz/fuzz_archive.cpp does.)
//
// Changing a layout: bump the class's BOOST_CLASS_VERSION and add `if (version >= 2) …` next to
// the existing version-1 code, which must stay so that old files keep loading.
#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <ios>
#include <istream>
#include <limits>
#include <locale>
#include <ostream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>
#include <boost/archive/text_iarchive.hpp>
#include <boost/archive/text_oarchive.hpp>
#include <boost/archive/xml_iarchive.hpp>
#include <boost/archive/xml_oarchive.hpp>
#include <boost/math/special_functions/nonfinite_num_facets.hpp>
#include <boost/serialization/array_wrapper.hpp>
#include <boost/serialization/binary_object.hpp>
#include <boost/serialization/nvp.hpp>
#include <boost/serialization/split_free.hpp>
#include <boost/serialization/split_member.hpp>
#include <boost/serialization/string.hpp>  // XML only: strings are character data there
#include <boost/serialization/tracking.hpp>
#include <boost/serialization/version.hpp>
#include <boost/serialization/wrapper.hpp>

#include <libbranch/model/date.hpp>
#include <libbranch/serialization.hpp>

#include "../model/huge_pages.hpp"

// Every serialised class: a layout version, never tracked (nothing is saved through a pointer).
// Use at global scope.
#define LIBBRANCH_ARCHIVE_CLASS(T, VERSION) \
  BOOST_CLASS_VERSION(T, VERSION)           \
  BOOST_CLASS_TRACKING(T, boost::serialization::track_never)

namespace libbranch::detail::archive_io {

namespace ba = boost::archive;
namespace bs = boost::serialization;

constexpr std::size_t kHeaderSize = 18;
constexpr std::size_t kEndMarkerSize = 8;
constexpr unsigned kBoostFlags = ba::no_header | ba::no_codecvt;

/// A corrupted or malformed archive; becomes ArchiveError("corrupted archive: …").
class Corrupt : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// ---------------------------------------------------------------------------------------------
// Framing (defined in framing.cpp; save_file, load_file and the rethrow_as_* in archive_files.cpp)

[[nodiscard]] bool valid_format(ArchiveFormat f) noexcept;
/// Throws ArchiveError(name, "unknown archive format N") unless `f` is one of the three.
void require_format(ArchiveFormat f, const std::string& name);

/// The header version this library writes (2: with a checksum trailer) and the oldest it reads.
constexpr std::uint16_t kHeaderVersion = 2;
constexpr std::uint16_t kFirstChecksumVersion = 2;

using HeaderBytes = std::array<unsigned char, kHeaderSize>;
/// The header this library writes for an archive of `kind` in `format`.
[[nodiscard]] HeaderBytes encode_header(ArchiveKind kind, ArchiveFormat format);
void write_header(std::ostream& out, ArchiveKind kind, ArchiveFormat format);

/// What the header says; `payload_limit` is the budget of the Boost archive.
struct HeaderInfo {
  ArchiveFormat format = ArchiveFormat::binary;
  std::uint16_t version = kHeaderVersion;
  std::uint64_t payload_limit = 0;
};
/// Reads and checks the header of an archive of `expected` kind. Throws ArchiveError for a foreign
/// file, an archive of another kind, a newer library or header version; Corrupt for a damaged header.
[[nodiscard]] HeaderInfo read_header(std::istream& in, const std::string& name, ArchiveKind expected,
                                     std::uint64_t size_limit);

void write_end_marker(std::ostream& out);
/// Reads the end marker (skipping the text archive's trailing whitespace); with `whole_file`,
/// requires the end of the stream after it. Throws Corrupt.
void read_end_marker(std::istream& in, ArchiveFormat format, bool whole_file);

/// The whole framing around `payload`: header, payload, end marker, checksum trailer; the
/// checksum is computed as the bytes pass (checksum.hpp).
void write_framed(std::ostream& out, ArchiveKind kind, ArchiveFormat format,
                  const std::function<void(std::ostream&)>& payload);
/// Reads the header, calls `payload` on a stream positioned after it, then reads the end marker
/// and (header version 2) the trailer and compares the checksum. Leaves `in` right after the
/// archive's last byte. Throws ArchiveError or Corrupt.
void read_framed(std::istream& in, const std::string& name, ArchiveKind kind, std::uint64_t size_limit,
                 bool whole_file, const std::function<void(std::istream&, const HeaderInfo&)>& payload);

/// Call inside a catch block: rethrows the current exception as an ArchiveError naming `name`.
[[noreturn]] void rethrow_as_save_error(const std::string& name);
[[noreturn]] void rethrow_as_load_error(const std::string& name);

/// Writes a file atomically (a temporary file next to it, renamed into place when complete);
/// `write` writes the whole archive to the stream it is given. Throws ArchiveError.
void save_file(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write);
/// Opens `path` and calls `read(in, name, file_size)`; the stream is positioned at the start.
/// Throws ArchiveError when the file cannot be opened.
void load_file(const std::filesystem::path& path,
               const std::function<void(std::istream&, const std::string&, std::uint64_t)>& read);

// ---------------------------------------------------------------------------------------------
// Load budget: every length read from the archive is charged against what the file can hold.

struct LoadBudget {
  std::uint64_t remaining = 0;
};
inline char g_budget_key;  // its address names the helper in an archive's helper collection

template <class Archive>
LoadBudget& budget(Archive& ar) {
  return ar.template get_helper<LoadBudget>(&g_budget_key);
}

template <class Archive>
struct FormatOf;
template <>
struct FormatOf<ba::binary_oarchive> : std::integral_constant<ArchiveFormat, ArchiveFormat::binary> {};
template <>
struct FormatOf<ba::binary_iarchive> : std::integral_constant<ArchiveFormat, ArchiveFormat::binary> {};
template <>
struct FormatOf<ba::text_oarchive> : std::integral_constant<ArchiveFormat, ArchiveFormat::text> {};
template <>
struct FormatOf<ba::text_iarchive> : std::integral_constant<ArchiveFormat, ArchiveFormat::text> {};
template <>
struct FormatOf<ba::xml_oarchive> : std::integral_constant<ArchiveFormat, ArchiveFormat::xml> {};
template <>
struct FormatOf<ba::xml_iarchive> : std::integral_constant<ArchiveFormat, ArchiveFormat::xml> {};
template <class Archive>
constexpr ArchiveFormat format_of = FormatOf<Archive>::value;

/// The fewest bytes an element of `bytes_in_binary` bytes takes in the archive: exactly that in
/// binary; at least one character in text and XML.
template <class Archive>
constexpr std::uint64_t element_bytes(std::uint64_t bytes_in_binary) {
  return format_of<Archive> == ArchiveFormat::binary ? bytes_in_binary : 1;
}

/// Charges `count` elements of at least `unit` bytes each; throws before anything is allocated
/// when the file cannot hold them.
template <class Archive>
void take(Archive& ar, std::uint64_t count, std::uint64_t unit) {
  LoadBudget& b = budget(ar);
  if (count > b.remaining / unit) throw Corrupt("length " + std::to_string(count) + " exceeds the file size");
  b.remaining -= count * unit;
}

/// Checks the layout version Boost read for a class T. Version 0 is never written (every class
/// started at 1), and Boost 1.74 does not itself refuse a version newer than the class's current
/// one (its check is compiled out), so both are refused here.
template <class T>
void require_version(unsigned version, const char* what) {
  constexpr unsigned current = bs::version<T>::value;
  if (version < 1) throw Corrupt(std::string(what) + " has layout version 0");
  if (version > current)
    throw Corrupt(std::string(what) + " has layout version " + std::to_string(version) +
                  ", newer than this library's " + std::to_string(current));
}

// ---------------------------------------------------------------------------------------------
// Element representations: enums as their underlying integers, dates as int32 day numbers.

template <class T>
auto to_rep(T value) {
  if constexpr (std::is_enum_v<T>) {
    return static_cast<std::underlying_type_t<T>>(value);
  } else if constexpr (std::is_same_v<T, Date>) {
    return value.days();
  } else {
    static_assert(std::is_arithmetic_v<T>);
    return value;
  }
}
template <class T>
using RepOf = decltype(to_rep(std::declval<T>()));

template <class T>
T from_rep(RepOf<T> rep) {
  if constexpr (std::is_same_v<T, Date>) {
    return Date(rep);
  } else {
    return static_cast<T>(rep);
  }
}

constexpr std::size_t kChunk = 4096;  // elements converted at a time (layout does not depend on it)

/// A column (std::vector) as `count` then the elements, with a bounded load.
template <class T>
class ArrayRef : public bs::wrapper_traits<const ArrayRef<T>> {
 public:
  using Rep = RepOf<T>;
  explicit ArrayRef(std::vector<T>* v) : v_(v) {}

  template <class Archive>
  void save(Archive& ar, unsigned /*version*/) const {
    const std::vector<T>& v = *v_;
    const std::uint64_t n = v.size();
    ar << bs::make_nvp("count", n);
    if (n == 0) return;
    if constexpr (std::is_same_v<Rep, T>) {
      ar << bs::make_array(v.data(), v.size());
    } else {
      std::array<Rep, kChunk> buffer;
      for (std::size_t at = 0; at < v.size(); at += kChunk) {
        const std::size_t m = std::min(kChunk, v.size() - at);
        for (std::size_t i = 0; i < m; ++i) buffer[i] = to_rep(v[at + i]);
        ar << bs::make_array(buffer.data(), m);
      }
    }
  }

  template <class Archive>
  void load(Archive& ar, unsigned /*version*/) {
    std::vector<T>& v = *v_;
    std::uint64_t n = 0;
    ar >> bs::make_nvp("count", n);
    take(ar, n, element_bytes<Archive>(sizeof(Rep)));
    v.clear();
    if constexpr (format_of<Archive> == ArchiveFormat::binary) {
      load_binary_blocks(ar, v, static_cast<std::size_t>(n));
      return;
    }
    v.resize(static_cast<std::size_t>(n));
    if (n == 0) return;
    if constexpr (std::is_same_v<Rep, T>) {
      ar >> bs::make_array(v.data(), v.size());
    } else {
      std::array<Rep, kChunk> buffer;
      for (std::size_t at = 0; at < v.size(); at += kChunk) {
        const std::size_t m = std::min(kChunk, v.size() - at);
        ar >> bs::make_array(buffer.data(), m);
        for (std::size_t i = 0; i < m; ++i) v[at + i] = from_rep<T>(buffer[i]);
      }
    }
  }
  BOOST_SERIALIZATION_SPLIT_MEMBER()

 private:
  // Binary: the vector is filled from a small block read into cache, never zero-filled first: a
  // column is written once instead of twice (the resize's fill, then the read).
  template <class Archive>
  static void load_binary_blocks(Archive& ar, std::vector<T>& v, std::size_t n) {
    v.reserve(n);
    prefer_huge_pages(v.data(), n * sizeof(T));
    std::vector<Rep> block(std::min(n, kBlock));
    for (std::size_t at = 0; at < n; at += kBlock) {
      const std::size_t m = std::min(kBlock, n - at);
      ar >> bs::make_array(block.data(), m);
      if constexpr (std::is_same_v<Rep, T>) {
        v.insert(v.end(), block.begin(), block.begin() + static_cast<std::ptrdiff_t>(m));
      } else {
        for (std::size_t i = 0; i < m; ++i) v.push_back(from_rep<T>(block[i]));
      }
    }
  }
  static constexpr std::size_t kBlock = (std::size_t{64} << 10) / sizeof(Rep);

  std::vector<T>* v_;
};

template <class T>
const ArrayRef<T> array_ref(std::vector<T>& v) {
  return ArrayRef<T>(&v);
}
// Saving only: the wrapper never writes through the pointer when saving.
template <class T>
const ArrayRef<T> array_ref(const std::vector<T>& v) {
  return ArrayRef<T>(const_cast<std::vector<T>*>(&v));
}

/// A string as `count` then its bytes, with a bounded load.
class StringRef : public bs::wrapper_traits<const StringRef> {
 public:
  explicit StringRef(std::string* s) : s_(s) {}

  template <class Archive>
  void save(Archive& ar, unsigned /*version*/) const {
    const std::string& s = *s_;
    const std::uint64_t n = s.size();
    ar << bs::make_nvp("count", n);
    if constexpr (format_of<Archive> == ArchiveFormat::xml) {
      ar << bs::make_nvp("text", s);  // character data, escaped by the archive
    } else if (n != 0) {
      if constexpr (format_of<Archive> == ArchiveFormat::binary) {
        ar << bs::make_array(s.data(), s.size());  // raw bytes
      } else {
        ar << bs::make_binary_object(s.data(), s.size());  // base64
      }
    }
  }

  template <class Archive>
  void load(Archive& ar, unsigned /*version*/) {
    std::string& s = *s_;
    std::uint64_t n = 0;
    ar >> bs::make_nvp("count", n);
    take(ar, n, 1);
    if constexpr (format_of<Archive> == ArchiveFormat::xml) {
      // Boost reads XML character data up to the next '<': bounded by the file, not by a length.
      std::string text;
      ar >> bs::make_nvp("text", text);
      if (text.size() != n) throw Corrupt("a string does not have the length recorded before it");
      s = std::move(text);
    } else {
      s.clear();
      if constexpr (format_of<Archive> == ArchiveFormat::binary) {
        // As ArrayRef: appended block by block rather than zero-filled and then read over.
        s.reserve(static_cast<std::size_t>(n));
        prefer_huge_pages(s.data(), s.capacity());
        std::array<char, std::size_t{64} << 10> block;
        for (std::uint64_t at = 0; at < n; at += block.size()) {
          const auto m = static_cast<std::size_t>(std::min<std::uint64_t>(block.size(), n - at));
          ar >> bs::make_array(block.data(), m);
          s.append(block.data(), m);
        }
      } else {
        s.resize(static_cast<std::size_t>(n));
        if (n == 0) return;
        ar >> bs::make_binary_object(s.data(), s.size());
      }
    }
  }
  BOOST_SERIALIZATION_SPLIT_MEMBER()

 private:
  std::string* s_;
};

inline const StringRef string_ref(std::string& s) { return StringRef(&s); }
inline const StringRef string_ref(const std::string& s) { return StringRef(const_cast<std::string*>(&s)); }

/// A list of strings as `count` then each string.
class StringListRef : public bs::wrapper_traits<const StringListRef> {
 public:
  explicit StringListRef(std::vector<std::string>* v) : v_(v) {}

  template <class Archive>
  void save(Archive& ar, unsigned /*version*/) const {
    const std::uint64_t n = v_->size();
    ar << bs::make_nvp("count", n);
    for (const std::string& s : *v_) ar << bs::make_nvp("item", string_ref(s));
  }

  template <class Archive>
  void load(Archive& ar, unsigned /*version*/) {
    std::uint64_t n = 0;
    ar >> bs::make_nvp("count", n);
    take(ar, n, element_bytes<Archive>(sizeof(std::uint64_t)));  // each string has its count
    v_->clear();
    v_->resize(static_cast<std::size_t>(n));
    for (std::string& s : *v_) ar >> bs::make_nvp("item", string_ref(s));
  }
  BOOST_SERIALIZATION_SPLIT_MEMBER()

 private:
  std::vector<std::string>* v_;
};

inline const StringListRef string_list_ref(std::vector<std::string>& v) { return StringListRef(&v); }
inline const StringListRef string_list_ref(const std::vector<std::string>& v) {
  return StringListRef(const_cast<std::vector<std::string>*>(&v));
}

/// The fewest bytes one T takes in a binary archive, not counting what its own fields charge
/// (string contents): specialised for each class saved in a list (ListRef).
template <class T>
struct MinBinaryBytes;

/// A list of objects of a serialised class as `count` then each object ("item"). Loading charges
/// the count (at MinBinaryBytes<T> each) and then grows the vector as objects actually arrive.
template <class T>
class ListRef : public bs::wrapper_traits<const ListRef<T>> {
 public:
  explicit ListRef(std::vector<T>* v) : v_(v) {}

  template <class Archive>
  void save(Archive& ar, unsigned /*version*/) const {
    const std::uint64_t n = v_->size();
    ar << bs::make_nvp("count", n);
    for (const T& item : *v_) ar << bs::make_nvp("item", item);
  }

  template <class Archive>
  void load(Archive& ar, unsigned /*version*/) {
    std::uint64_t n = 0;
    ar >> bs::make_nvp("count", n);
    take(ar, n, element_bytes<Archive>(MinBinaryBytes<T>::value));
    v_->clear();
    v_->reserve(static_cast<std::size_t>(std::min<std::uint64_t>(n, 1024)));
    for (std::uint64_t i = 0; i < n; ++i) {
      T item;
      ar >> bs::make_nvp("item", item);
      v_->push_back(std::move(item));
    }
  }
  BOOST_SERIALIZATION_SPLIT_MEMBER()

 private:
  std::vector<T>* v_;
};

template <class T>
const ListRef<T> list_ref(std::vector<T>& v) {
  return ListRef<T>(&v);
}
template <class T>
const ListRef<T> list_ref(const std::vector<T>& v) {
  return ListRef<T>(const_cast<std::vector<T>*>(&v));
}

// ---------------------------------------------------------------------------------------------
// Streams

/// Sets a stream up for a text or XML archive and restores it afterwards: the classic locale plus
/// Boost.Math's nonfinite facets (so that nan and inf are written and read back), decimal integers,
/// whitespace skipping, no field width, whatever the caller's stream had.
class TextStreamSetup {
 public:
  explicit TextStreamSetup(std::ios& stream)
      : stream_(stream),
        locale_(stream.imbue(make_locale())),
        flags_(stream.flags(std::ios_base::dec | std::ios_base::skipws)),
        precision_(stream.precision()),
        width_(stream.width(0)),
        fill_(stream.fill(' ')) {}
  ~TextStreamSetup() {
    stream_.imbue(locale_);
    stream_.flags(flags_);
    stream_.precision(precision_);
    stream_.width(width_);
    stream_.fill(fill_);
  }
  TextStreamSetup(const TextStreamSetup&) = delete;
  TextStreamSetup& operator=(const TextStreamSetup&) = delete;

 private:
  static std::locale make_locale() {
    const std::locale with_put(std::locale::classic(), new boost::math::nonfinite_num_put<char>);
    return std::locale(with_put, new boost::math::nonfinite_num_get<char>);
  }
  std::ios& stream_;
  std::locale locale_;
  std::ios_base::fmtflags flags_;
  std::streamsize precision_;
  std::streamsize width_;
  char fill_;
};

/// Writes header, `value` as the archive's one object named `tag`, end marker and checksum.
/// Throws whatever fails (callers turn it into an ArchiveError with rethrow_as_save_error).
template <class T>
void write_payload(std::ostream& out, ArchiveKind kind, ArchiveFormat format, const char* tag, const T& value) {
  write_framed(out, kind, format, [&](std::ostream& payload) {
    switch (format) {
      case ArchiveFormat::binary: {
        ba::binary_oarchive oa(payload, kBoostFlags);
        oa << bs::make_nvp(tag, value);
        break;
      }
      case ArchiveFormat::text: {
        const TextStreamSetup setup(payload);
        ba::text_oarchive oa(payload, kBoostFlags);
        oa << bs::make_nvp(tag, value);
        break;
      }
      case ArchiveFormat::xml: {
        const TextStreamSetup setup(payload);
        ba::xml_oarchive oa(payload, kBoostFlags);
        oa << bs::make_nvp(tag, value);
        break;
      }
    }
  });
}

/// Reads an archive of `kind` into `value` (the archive's one object, named `tag`). Throws
/// ArchiveError, Corrupt or whatever Boost and the loaders throw (callers map them with
/// rethrow_as_load_error).
template <class T>
void read_payload(std::istream& in, const std::string& name, ArchiveKind kind, std::uint64_t size_limit,
                  bool whole_file, const char* tag, T& value) {
  read_framed(in, name, kind, size_limit, whole_file, [&](std::istream& payload, const HeaderInfo& header) {
    switch (header.format) {
      case ArchiveFormat::binary: {
        ba::binary_iarchive ia(payload, kBoostFlags);
        budget(ia).remaining = header.payload_limit;
        ia >> bs::make_nvp(tag, value);
        break;
      }
      case ArchiveFormat::text: {
        const TextStreamSetup setup(payload);
        ba::text_iarchive ia(payload, kBoostFlags);
        budget(ia).remaining = header.payload_limit;
        ia >> bs::make_nvp(tag, value);
        break;
      }
      case ArchiveFormat::xml: {
        const TextStreamSetup setup(payload);
        // no_xml_tag_checking: Boost 1.74's end-tag check compares the file's tag name with the
        // expected one over the file's length, reading past the expected name when the file's is
        // longer (AddressSanitizer: global-buffer-overflow). Tag names carry no data; every value
        // is still read in order and checked.
        ba::xml_iarchive ia(payload, kBoostFlags | ba::no_xml_tag_checking);
        budget(ia).remaining = header.payload_limit;
        ia >> bs::make_nvp(tag, value);
        break;
      }
    }
  });
}

}  // namespace libbranch::detail::archive_io
