// Dataset archives: our own raw header, a Boost.Serialization archive opened with `no_header`,
// then a raw end marker. Every length read from a file is charged to a budget (the file size)
// before anything is allocated, and the loaded tables go through Dataset's consistency check.
//
// File layout (every format):
//
//   offset  size  field
//   0       8     magic "LBRANCH\0"
//   8       2     header version, uint16 little-endian (kHeaderVersion)
//   10      4     libbranch version_number of the writer, uint32 little-endian
//   14      1     ArchiveFormat: 1 binary, 2 text, 3 XML
//   15      1     flags: bit 0 = the binary payload is big-endian; other bits are 0
//   16      2     Boost.Serialization archive library version of the writer, uint16 little-endian
//   18      …     Boost archive (binary_/text_/xml_oarchive, no_header | no_codecvt) holding one
//                 DatasetTables named "dataset"
//   …       8     end marker "LBR-END\n" (text and XML: after the archive's trailing newline)
//
// Bytes 0–13 keep their meaning in every future header version, so that any later file can be
// recognised and reported ("written by libbranch X.Y.Z, this is A.B.C").
//
// Inside the Boost archive every class below has BOOST_CLASS_VERSION 1 and tracking off. A column
// of n values is `count` (uint64) then the n values: binary writes them as one raw native-endian
// block, text as numbers, XML as <item> elements. Enums are their underlying integers, dates their
// int32 day numbers. A string is `count` then its bytes: raw in binary, base64 in text (Boost's
// save_binary), escaped character data in XML. Doubles in text and XML use Boost.Math's nonfinite
// facets so that NaN (absent hours) and infinities read back; every double round-trips bit for bit
// except NaN payloads, which text and XML bring back as the quiet NaN of the same sign.
//
// A stream load stops right after the end marker (archives can follow one another in a stream);
// a file load also requires the end of the file there.
//
// Changing a layout: bump the class's BOOST_CLASS_VERSION and add `if (version >= 2) …` next to
// the existing version-1 code, which must stay so that old files keep loading
// (tests/test_serialization.cpp keeps golden archives of every layout version and loads them).
#include <libbranch/serialization.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <istream>
#include <limits>
#include <locale>
#include <new>
#include <ostream>
#include <random>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/archive/archive_exception.hpp>
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

#include <libbranch/error.hpp>
#include <libbranch/version.hpp>

namespace libbranch::detail {
namespace {

namespace ba = boost::archive;
namespace bs = boost::serialization;

// ---------------------------------------------------------------------------------------------
// Header and end marker

constexpr std::array<unsigned char, 8> kMagic{'L', 'B', 'R', 'A', 'N', 'C', 'H', '\0'};
constexpr std::uint16_t kHeaderVersion = 1;
constexpr std::size_t kHeaderSize = 18;
constexpr std::array<char, 8> kEndMarker{'L', 'B', 'R', '-', 'E', 'N', 'D', '\n'};
constexpr std::uint8_t kFlagBigEndian = 1;
constexpr unsigned kBoostFlags = ba::no_header | ba::no_codecvt;

constexpr bool kNativeBigEndian = std::endian::native == std::endian::big;

/// A corrupted or malformed archive; becomes ArchiveError("corrupted archive: …").
class Corrupt : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string version_text(std::uint32_t number) {
  return std::to_string(number / 10000) + "." + std::to_string(number / 100 % 100) + "." + std::to_string(number % 100);
}

bool valid_format(ArchiveFormat f) {
  return f == ArchiveFormat::binary || f == ArchiveFormat::text || f == ArchiveFormat::xml;
}

std::uint16_t boost_archive_version() { return static_cast<std::uint16_t>(ba::BOOST_ARCHIVE_VERSION()); }

std::array<unsigned char, kHeaderSize> make_header(ArchiveFormat format) {
  std::array<unsigned char, kHeaderSize> h{};
  std::copy(kMagic.begin(), kMagic.end(), h.begin());
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

std::uint64_t get_le(const std::array<unsigned char, kHeaderSize>& h, std::size_t at, std::size_t bytes) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < bytes; ++i) v |= static_cast<std::uint64_t>(h[at + i]) << (8 * i);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Load budget: every length read from the archive is charged against what the file can hold.

struct LoadBudget {
  std::uint64_t remaining = 0;
};
char g_budget_key;  // its address names the helper in an archive's helper collection

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
      s.resize(static_cast<std::size_t>(n));
      if (n == 0) return;
      if constexpr (format_of<Archive> == ArchiveFormat::binary) {
        ar >> bs::make_array(s.data(), s.size());
      } else {
        ar >> bs::make_binary_object(s.data(), s.size());
      }
    }
  }
  BOOST_SERIALIZATION_SPLIT_MEMBER()

 private:
  std::string* s_;
};

const StringRef string_ref(std::string& s) { return StringRef(&s); }
const StringRef string_ref(const std::string& s) { return StringRef(const_cast<std::string*>(&s)); }

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

const StringListRef string_list_ref(std::vector<std::string>& v) { return StringListRef(&v); }

}  // namespace
}  // namespace libbranch::detail

// -------------------------------------------------------------------------------------------------
// Non-intrusive serialisation of the model. Loading checks each column's own invariants
// (valid_parts) before adopting the parts; Dataset(tables) then checks the tables against each other.

// Every serialised class: layout version 1, never tracked (nothing is saved through a pointer).
#define LIBBRANCH_ARCHIVE_CLASS(T)  \
  BOOST_CLASS_VERSION(T, 1)         \
  BOOST_CLASS_TRACKING(T, boost::serialization::track_never)

LIBBRANCH_ARCHIVE_CLASS(libbranch::StringPool)
LIBBRANCH_ARCHIVE_CLASS(libbranch::StringDictionary)
LIBBRANCH_ARCHIVE_CLASS(libbranch::DictColumn)
LIBBRANCH_ARCHIVE_CLASS(libbranch::CountColumn)
LIBBRANCH_ARCHIVE_CLASS(libbranch::BranchTable)
LIBBRANCH_ARCHIVE_CLASS(libbranch::MemberTable)
LIBBRANCH_ARCHIVE_CLASS(libbranch::ActivityTable)
LIBBRANCH_ARCHIVE_CLASS(libbranch::AttendanceTable)
LIBBRANCH_ARCHIVE_CLASS(libbranch::ObservationTable)
LIBBRANCH_ARCHIVE_CLASS(libbranch::DatasetTables)
#undef LIBBRANCH_ARCHIVE_CLASS

namespace boost::serialization {

template <class T>
struct version<libbranch::SparseColumn<T>> {
  typedef mpl::int_<1> type;
  typedef mpl::integral_c_tag tag;
  BOOST_STATIC_CONSTANT(int, value = version::type::value);
};
template <class T>
struct tracking_level<libbranch::SparseColumn<T>> {
  typedef mpl::integral_c_tag tag;
  typedef mpl::int_<track_never> type;
  BOOST_STATIC_CONSTANT(int, value = tracking_level::type::value);
};


// StringPool: chars, ends.
template <class Archive>
void save(Archive& ar, const libbranch::StringPool& p, const unsigned /*version*/) {
  using namespace libbranch::detail;
  ar << make_nvp("chars", string_ref(p.chars()));
  ar << make_nvp("ends", array_ref(p.ends()));
}
template <class Archive>
void load(Archive& ar, libbranch::StringPool& p, const unsigned version) {
  using namespace libbranch::detail;
  require_version<libbranch::StringPool>(version, "a string pool");
  if (version >= 1) {
    std::string chars;
    std::vector<std::uint64_t> ends;
    ar >> make_nvp("chars", string_ref(chars));
    ar >> make_nvp("ends", array_ref(ends));
    if (!libbranch::StringPool::valid_parts(chars.size(), ends)) throw Corrupt("malformed string pool");
    p.assign(std::move(chars), std::move(ends));
  }
}
template <class Archive>
void serialize(Archive& ar, libbranch::StringPool& p, const unsigned version) {
  split_free(ar, p, version);
}

// StringDictionary: values (distinct, non-empty).
template <class Archive>
void save(Archive& ar, const libbranch::StringDictionary& d, const unsigned /*version*/) {
  ar << make_nvp("values", d.values());
}
template <class Archive>
void load(Archive& ar, libbranch::StringDictionary& d, const unsigned version) {
  using namespace libbranch::detail;
  require_version<libbranch::StringDictionary>(version, "a dictionary");
  if (version >= 1) {
    libbranch::StringPool values;
    ar >> make_nvp("values", values);
    for (std::size_t i = 0; i < values.size(); ++i)
      if (values[i].empty()) throw Corrupt("a dictionary holds an empty value");
    d.assign(std::move(values));
    for (std::uint32_t i = 0; i < d.size(); ++i)
      if (d.find(d.values()[i]) != i) throw Corrupt("a dictionary holds a value twice");
  }
}
template <class Archive>
void serialize(Archive& ar, libbranch::StringDictionary& d, const unsigned version) {
  split_free(ar, d, version);
}

// DictColumn: dict, codes.
template <class Archive>
void serialize(Archive& ar, libbranch::DictColumn& c, const unsigned version) {
  using namespace libbranch::detail;
  require_version<libbranch::DictColumn>(version, "a dictionary column");
  if (version >= 1) {
    ar & make_nvp("dict", c.dict);
    ar & make_nvp("codes", array_ref(c.codes));
  }
}

// CountColumn: cells, then the wide side table as two columns (rows, values).
template <class Archive>
void save(Archive& ar, const libbranch::CountColumn& c, const unsigned /*version*/) {
  using namespace libbranch::detail;
  std::vector<std::uint32_t> wide_rows;
  std::vector<std::int64_t> wide_values;
  wide_rows.reserve(c.wide().size());
  wide_values.reserve(c.wide().size());
  for (const auto& [row, value] : c.wide()) {
    wide_rows.push_back(row);
    wide_values.push_back(value);
  }
  ar << make_nvp("cells", array_ref(c.cells()));
  ar << make_nvp("wide_rows", array_ref(std::as_const(wide_rows)));
  ar << make_nvp("wide_values", array_ref(std::as_const(wide_values)));
}
template <class Archive>
void load(Archive& ar, libbranch::CountColumn& c, const unsigned version) {
  using namespace libbranch::detail;
  require_version<libbranch::CountColumn>(version, "a count column");
  if (version >= 1) {
    std::vector<std::uint32_t> cells;
    std::vector<std::uint32_t> wide_rows;
    std::vector<std::int64_t> wide_values;
    ar >> make_nvp("cells", array_ref(cells));
    ar >> make_nvp("wide_rows", array_ref(wide_rows));
    ar >> make_nvp("wide_values", array_ref(wide_values));
    if (wide_rows.size() != wide_values.size()) throw Corrupt("malformed count column");
    std::vector<std::pair<std::uint32_t, std::int64_t>> wide;
    wide.reserve(wide_rows.size());
    for (std::size_t i = 0; i < wide_rows.size(); ++i) wide.emplace_back(wide_rows[i], wide_values[i]);
    if (!libbranch::CountColumn::valid_parts(cells, wide)) throw Corrupt("malformed count column");
    c.assign(std::move(cells), std::move(wide));
  }
}
template <class Archive>
void serialize(Archive& ar, libbranch::CountColumn& c, const unsigned version) {
  split_free(ar, c, version);
}

// SparseColumn<T>: rows, values. The row count is checked by Dataset (it is not known here).
template <class Archive, class T>
void save(Archive& ar, const libbranch::SparseColumn<T>& c, const unsigned /*version*/) {
  using namespace libbranch::detail;
  ar << make_nvp("rows", array_ref(c.rows()));
  ar << make_nvp("values", array_ref(c.values()));
}
template <class Archive, class T>
void load(Archive& ar, libbranch::SparseColumn<T>& c, const unsigned version) {
  using namespace libbranch::detail;
  require_version<libbranch::SparseColumn<T>>(version, "a sparse column");
  if (version >= 1) {
    std::vector<std::uint32_t> rows;
    std::vector<T> values;
    ar >> make_nvp("rows", array_ref(rows));
    ar >> make_nvp("values", array_ref(values));
    if (!libbranch::SparseColumn<T>::valid_parts(rows, values, std::numeric_limits<std::uint32_t>::max()))
      throw Corrupt("malformed sparse column");
    c.assign(std::move(rows), std::move(values));
  }
}
template <class Archive, class T>
void serialize(Archive& ar, libbranch::SparseColumn<T>& c, const unsigned version) {
  split_free(ar, c, version);
}


// The tables: one field list each, shared by saving and loading.
template <class Archive>
void serialize(Archive& ar, libbranch::BranchTable& t, const unsigned version) {
  using namespace libbranch::detail;
  require_version<libbranch::BranchTable>(version, "the branch table");
  if (version >= 1) {
    ar & make_nvp("id", t.id);
    ar & make_nvp("name", t.name);
    ar & make_nvp("parent_id", t.parent_id);
    ar & make_nvp("org_type", array_ref(t.org_type));
    ar & make_nvp("last_election", array_ref(t.last_election));
    ar & make_nvp("internal_units", t.internal_units);
    ar & make_nvp("units_covered", t.units_covered);
    ar & make_nvp("fulltime_party_workers", t.fulltime_party_workers);
    ar & make_nvp("pioneer_posts", t.pioneer_posts);
    ar & make_nvp("brands", t.brands);
    ar & make_nvp("facilities", array_ref(t.facilities));
    ar & make_nvp("service_station", array_ref(t.service_station));
  }
}

template <class Archive>
void serialize(Archive& ar, libbranch::MemberTable& t, const unsigned version) {
  using namespace libbranch::detail;
  require_version<libbranch::MemberTable>(version, "the member table");
  if (version >= 1) {
    ar & make_nvp("id", t.id);
    ar & make_nvp("branch", array_ref(t.branch));
    ar & make_nvp("name", t.name);
    ar & make_nvp("gender", array_ref(t.gender));
    ar & make_nvp("ethnicity", t.ethnicity);
    ar & make_nvp("birth_date", array_ref(t.birth_date));
    ar & make_nvp("education", array_ref(t.education));
    ar & make_nvp("role", array_ref(t.role));
    ar & make_nvp("party_group", t.party_group);
    ar & make_nvp("application_date", array_ref(t.application_date));
    ar & make_nvp("activist_date", array_ref(t.activist_date));
    ar & make_nvp("candidate_date", array_ref(t.candidate_date));
    ar & make_nvp("admission_date", array_ref(t.admission_date));
    ar & make_nvp("conversion_date", array_ref(t.conversion_date));
    ar & make_nvp("joined_branch", array_ref(t.joined_branch));
    ar & make_nvp("left_branch", array_ref(t.left_branch));
  }
}

template <class Archive>
void serialize(Archive& ar, libbranch::ActivityTable& t, const unsigned version) {
  using namespace libbranch::detail;
  require_version<libbranch::ActivityTable>(version, "the activity table");
  if (version >= 1) {
    ar & make_nvp("id", t.id);
    ar & make_nvp("branch", array_ref(t.branch));
    ar & make_nvp("kind", array_ref(t.kind));
    ar & make_nvp("date", array_ref(t.date));
    ar & make_nvp("mode", array_ref(t.mode));
    ar & make_nvp("platform", t.platform);
    ar & make_nvp("attendees", t.attendees);
    ar & make_nvp("expected", t.expected);
    ar & make_nvp("hours", array_ref(t.hours));
    ar & make_nvp("lecturer", t.lecturer);
    ar & make_nvp("amount_yuan", t.amount_yuan);
    ar & make_nvp("cases", t.cases);
    ar & make_nvp("escalated", t.escalated);
    ar & make_nvp("title", t.title);
  }
}

template <class Archive>
void serialize(Archive& ar, libbranch::AttendanceTable& t, const unsigned version) {
  using namespace libbranch::detail;
  require_version<libbranch::AttendanceTable>(version, "the attendance table");
  if (version >= 1) {
    ar & make_nvp("activity", array_ref(t.activity));
    ar & make_nvp("member", array_ref(t.member));
  }
}

template <class Archive>
void serialize(Archive& ar, libbranch::ObservationTable& t, const unsigned version) {
  using namespace libbranch::detail;
  require_version<libbranch::ObservationTable>(version, "the observation table");
  if (version >= 1) {
    ar & make_nvp("branch", array_ref(t.branch));
    ar & make_nvp("indicator", t.indicator);
    ar & make_nvp("date", array_ref(t.date));
    ar & make_nvp("value", array_ref(t.value));
  }
}

template <class Archive>
void serialize(Archive& ar, libbranch::DatasetTables& t, const unsigned version) {
  using namespace libbranch::detail;
  require_version<libbranch::DatasetTables>(version, "the dataset");
  if (version >= 1) {
    ar & make_nvp("branches", t.branches);
    ar & make_nvp("members", t.members);
    ar & make_nvp("activities", t.activities);
    ar & make_nvp("attendance", t.attendance);
    ar & make_nvp("observations", t.observations);
    ar & make_nvp("custom_kinds", string_list_ref(t.custom_kinds));
  }
}

}  // namespace boost::serialization


// -------------------------------------------------------------------------------------------------
// Streams and files

namespace libbranch::detail {
namespace {

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

void write_archive(const Dataset& dataset, std::ostream& out, ArchiveFormat format) {
  const auto header = make_header(format);
  out.write(reinterpret_cast<const char*>(header.data()), static_cast<std::streamsize>(header.size()));
  if (!out) throw std::runtime_error("cannot write the header");
  const auto& tables = dataset.tables();
  switch (format) {
    case ArchiveFormat::binary: {
      ba::binary_oarchive oa(out, kBoostFlags);
      oa << bs::make_nvp("dataset", tables);
      break;
    }
    case ArchiveFormat::text: {
      const TextStreamSetup setup(out);
      ba::text_oarchive oa(out, kBoostFlags);
      oa << bs::make_nvp("dataset", tables);
      break;
    }
    case ArchiveFormat::xml: {
      const TextStreamSetup setup(out);
      ba::xml_oarchive oa(out, kBoostFlags);
      oa << bs::make_nvp("dataset", tables);
      break;
    }
  }
  out.write(kEndMarker.data(), static_cast<std::streamsize>(kEndMarker.size()));
  out.flush();
  if (!out) throw std::runtime_error("output stream error");
}

[[noreturn]] void rethrow_as_save_error(const std::string& name) {
  try {
    throw;
  } catch (const ArchiveError&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw ArchiveError(name, "out of memory while writing the archive");
  } catch (const std::exception& e) {
    throw ArchiveError(name, std::string("cannot write the archive: ") + e.what());
  } catch (...) {
    throw ArchiveError(name, "cannot write the archive");
  }
}

DatasetTables read_tables(std::istream& in, const std::string& name, std::uint64_t size_limit, bool whole_file) {
  std::array<unsigned char, kHeaderSize> h{};
  in.read(reinterpret_cast<char*>(h.data()), static_cast<std::streamsize>(h.size()));
  const auto got = static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0));
  if (got < kMagic.size() || !std::equal(kMagic.begin(), kMagic.end(), h.begin()))
    throw ArchiveError(name, "not a libbranch archive");
  if (got < kHeaderSize) throw Corrupt("truncated header");

  const auto header_version = static_cast<std::uint16_t>(get_le(h, 8, 2));
  const auto writer = static_cast<std::uint32_t>(get_le(h, 10, 4));
  if (writer > static_cast<std::uint32_t>(version_number))
    throw ArchiveError(name, "written by libbranch " + version_text(writer) + ", this is " + version_string() +
                                 ": a newer libbranch is needed to read it");
  if (header_version != kHeaderVersion) throw Corrupt("unknown header version " + std::to_string(header_version));
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

  const std::uint64_t overhead = kHeaderSize + kEndMarker.size();
  const std::uint64_t payload_limit = size_limit > overhead ? size_limit - overhead : 0;

  DatasetTables tables;
  switch (format) {
    case ArchiveFormat::binary: {
      ba::binary_iarchive ia(in, kBoostFlags);
      budget(ia).remaining = payload_limit;
      ia >> bs::make_nvp("dataset", tables);
      break;
    }
    case ArchiveFormat::text: {
      const TextStreamSetup setup(in);
      ba::text_iarchive ia(in, kBoostFlags);
      budget(ia).remaining = payload_limit;
      ia >> bs::make_nvp("dataset", tables);
      break;
    }
    case ArchiveFormat::xml: {
      const TextStreamSetup setup(in);
      // no_xml_tag_checking: Boost 1.74's end-tag check compares the file's tag name with the
      // expected one over the file's length, reading past the expected name when the file's is
      // longer (AddressSanitizer: global-buffer-overflow). Tag names carry no data; every value
      // is still read in order and checked.
      ba::xml_iarchive ia(in, kBoostFlags | ba::no_xml_tag_checking);
      budget(ia).remaining = payload_limit;
      ia >> bs::make_nvp("dataset", tables);
      break;
    }
  }

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
  return tables;
}

Dataset read_archive(std::istream& in, const std::string& name, std::uint64_t size_limit, bool whole_file) {
  try {
    return Dataset(read_tables(in, name, size_limit, whole_file));
  } catch (const ArchiveError&) {
    throw;
  } catch (const Corrupt& e) {
    throw ArchiveError(name, std::string("corrupted archive: ") + e.what());
  } catch (const Error& e) {  // Dataset's consistency check: "inconsistent dataset: …"
    throw ArchiveError(name, std::string("corrupted archive: ") + e.what());
  } catch (const ba::archive_exception& e) {
    switch (e.code) {
      case ba::archive_exception::input_stream_error:
        throw ArchiveError(name, "corrupted archive: truncated or unreadable data (input stream error)");
      case ba::archive_exception::unsupported_class_version:
        throw ArchiveError(name, std::string("corrupted archive: a table layout newer than this library (") +
                                     e.what() + ")");
      default:
        throw ArchiveError(name, std::string("corrupted archive: ") + e.what());
    }
  } catch (const std::bad_alloc&) {
    throw ArchiveError(name, "corrupted archive: out of memory while loading");
  } catch (const std::length_error&) {
    throw ArchiveError(name, "corrupted archive: a length is too large");
  } catch (const std::ios_base::failure& e) {
    throw ArchiveError(name, std::string("cannot read the archive: ") + e.what());
  } catch (const std::exception& e) {  // e.g. Boost's dataflow_exception for bad base64
    throw ArchiveError(name, std::string("corrupted archive: ") + e.what());
  } catch (...) {
    throw ArchiveError(name, "corrupted archive: unknown error");
  }
}

// ---------------------------------------------------------------------------------------------
// Files

std::string errno_text(int error) { return std::generic_category().message(error); }

/// An output streambuf over a file descriptor that remembers the first write error.
class FdOutBuf : public std::streambuf {
 public:
  explicit FdOutBuf(int fd) : fd_(fd), buffer_(std::size_t{1} << 18) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }
  [[nodiscard]] int error() const noexcept { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (n >= static_cast<std::streamsize>(buffer_.size())) {
      if (!drain() || !write_all(s, static_cast<std::size_t>(n))) return 0;
      return n;
    }
    return std::streambuf::xsputn(s, n);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    const auto n = static_cast<std::size_t>(pptr() - pbase());
    const bool ok = write_all(pbase(), n);
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return ok;
  }
  bool write_all(const char* p, std::size_t n) {
    if (error_ != 0) return false;
    while (n > 0) {
      const ssize_t w = ::write(fd_, p, n);
      if (w < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        return false;
      }
      p += w;
      n -= static_cast<std::size_t>(w);
    }
    return true;
  }
  int fd_;
  std::vector<char> buffer_;
  int error_ = 0;
};

/// A new file next to the target, removed unless released.
class TempFile {
 public:
  TempFile(const std::filesystem::path& target, const std::string& name) {
    static const char* const kHex = "0123456789abcdef";
    std::uint64_t seed;
    try {
      seed = (static_cast<std::uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}();
    } catch (...) {
      seed = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    }
    std::mt19937_64 random(seed ^ static_cast<std::uint64_t>(::getpid()));
    int error = 0;
    for (int attempt = 0; attempt < 64; ++attempt) {
      std::string suffix = ".tmp-";
      for (std::uint64_t r = random(), i = 0; i < 8; ++i, r >>= 4) suffix += kHex[r & 15];
      path_ = target.string() + suffix;
      fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd_ >= 0) return;
      error = errno;
      if (error != EEXIST) break;
    }
    throw ArchiveError(name, "cannot create " + path_ + ": " + errno_text(error));
  }
  ~TempFile() {
    close();
    if (!released_) ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  [[nodiscard]] int fd() const noexcept { return fd_; }
  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  /// Closes the descriptor; returns 0 or the errno of close().
  int close() {
    if (fd_ < 0) return 0;
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc == 0 ? 0 : errno;
  }
  void release() noexcept { released_ = true; }

 private:
  std::string path_;
  int fd_ = -1;
  bool released_ = false;
};

void sync_directory_of(const std::filesystem::path& path) {
  std::filesystem::path dir = path.parent_path();
  if (dir.empty()) dir = ".";
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // best effort: the rename has happened
  (void)::fsync(fd);
  ::close(fd);
}

}  // namespace
}  // namespace libbranch::detail

namespace libbranch {

void save_archive(const Dataset& dataset, std::ostream& out, ArchiveFormat format) {
  const std::string name = "<stream>";
  if (!detail::valid_format(format))
    throw ArchiveError(name, "unknown archive format " + std::to_string(static_cast<unsigned>(format)));
  try {
    detail::write_archive(dataset, out, format);
  } catch (...) {
    detail::rethrow_as_save_error(name);
  }
}

Dataset load_archive(std::istream& in, const std::string& name, std::uint64_t size_limit) {
  return detail::read_archive(in, name, size_limit, false);
}

void save_archive(const Dataset& dataset, const std::filesystem::path& path, ArchiveFormat format) {
  const std::string name = path.string();
  if (!detail::valid_format(format))
    throw ArchiveError(name, "unknown archive format " + std::to_string(static_cast<unsigned>(format)));
  detail::TempFile temp(path, name);
  detail::FdOutBuf buffer(temp.fd());
  try {
    std::ostream out(&buffer);
    detail::write_archive(dataset, out, format);
  } catch (...) {
    if (buffer.error() != 0)
      throw ArchiveError(name, "cannot write " + temp.path() + ": " + detail::errno_text(buffer.error()));
    detail::rethrow_as_save_error(name);
  }
  if (::fsync(temp.fd()) != 0 && errno != EINVAL && errno != EROFS)
    throw ArchiveError(name, "cannot write " + temp.path() + ": " + detail::errno_text(errno));
  if (const int error = temp.close(); error != 0)
    throw ArchiveError(name, "cannot write " + temp.path() + ": " + detail::errno_text(error));
  if (::rename(temp.path().c_str(), path.c_str()) != 0)
    throw ArchiveError(name, "cannot move " + temp.path() + " into place: " + detail::errno_text(errno));
  temp.release();
  detail::sync_directory_of(path);
}

Dataset load_archive(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status))
    throw ArchiveError(name, "cannot open: " + (ec ? ec.message() : detail::errno_text(ENOENT)));
  if (!std::filesystem::is_regular_file(status)) throw ArchiveError(name, "cannot open: not a regular file");
  const std::uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) throw ArchiveError(name, "cannot open: " + ec.message());
  std::vector<char> buffer(std::size_t{1} << 18);  // outlives the stream that uses it
  std::ifstream in;
  in.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  errno = 0;
  in.open(path, std::ios::binary);
  if (!in) throw ArchiveError(name, "cannot open: " + detail::errno_text(errno != 0 ? errno : EIO));
  return detail::read_archive(in, name, size, true);
}

bool is_archive(const std::filesystem::path& path) {
  try {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::array<char, 8> magic{};
    in.read(magic.data(), static_cast<std::streamsize>(magic.size()));
    return in.gcount() == static_cast<std::streamsize>(magic.size()) &&
           std::equal(magic.begin(), magic.end(), detail::kMagic.begin(),
                      [](char a, unsigned char b) { return static_cast<unsigned char>(a) == b; });
  } catch (...) {
    return false;
  }
}

}  // namespace libbranch
