// Dataset archives, and the framing every archive kind shares (header, end marker, errors, atomic
// files): serialization/archive_common.hpp describes the file layout. Every length read from a
// file is charged to a budget (the file size) before anything is allocated, and the loaded tables
// go through Dataset's consistency check.
//
// The dataset payload is one DatasetTables named "dataset"; every class below has a
// BOOST_CLASS_VERSION (1, or 2 where the compact columns changed a layout) and tracking off.
// Layout 2 (libbranch 0.2): string pools keep 32-bit ends, counts and dates 16-bit cells with a
// side table, dictionary codes 16 bits while they fit, hours in hundredths, titles interned, and
// the branch of each member, activity and observation as per-branch offsets.
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
#include <cstdint>
#include <cstring>
#include <fstream>
#include <istream>
#include <limits>
#include <new>
#include <optional>
#include <type_traits>
#include <ostream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>
#include <vector>


#include <boost/archive/archive_exception.hpp>

#include <libbranch/error.hpp>
#include <libbranch/io/atomic_file.hpp>
#include <libbranch/version.hpp>

#include "io/regular_file.hpp"
#include "serialization/archive_common.hpp"
#include "serialization/checksum.hpp"

// -------------------------------------------------------------------------------------------------
// Non-intrusive serialisation of the model. Loading checks each column's own invariants
// (valid_parts) before adopting the parts; Dataset(tables) then checks the tables against each other.

LIBBRANCH_ARCHIVE_CLASS(libbranch::StringPool, 2)
LIBBRANCH_ARCHIVE_CLASS(libbranch::StringDictionary, 1)
LIBBRANCH_ARCHIVE_CLASS(libbranch::DictColumn, 2)
LIBBRANCH_ARCHIVE_CLASS(libbranch::CountColumn, 2)
LIBBRANCH_ARCHIVE_CLASS(libbranch::DateColumn, 1)
LIBBRANCH_ARCHIVE_CLASS(libbranch::HundredthsColumn, 1)
LIBBRANCH_ARCHIVE_CLASS(libbranch::BranchTable, 2)
LIBBRANCH_ARCHIVE_CLASS(libbranch::MemberTable, 2)
LIBBRANCH_ARCHIVE_CLASS(libbranch::ActivityTable, 2)
LIBBRANCH_ARCHIVE_CLASS(libbranch::BranchColumn, 1)
LIBBRANCH_ARCHIVE_CLASS(libbranch::AttendanceTable, 1)
LIBBRANCH_ARCHIVE_CLASS(libbranch::ObservationTable, 2)
LIBBRANCH_ARCHIVE_CLASS(libbranch::DatasetTables, 1)

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


// A flag saved as a bool, loaded as a byte: a binary archive copies any byte into a bool, and a
// byte other than 0 or 1 in a bool is undefined behaviour (found by tests/fuzz/fuzz_archive).
// Text and XML write a bool as the number 0 or 1, which a byte reads back the same.
template <class Archive>
bool load_flag(Archive& ar, const char* name) {
  std::uint8_t flag = 0;
  ar >> make_nvp(name, flag);
  if (flag > 1) throw libbranch::detail::archive_io::Corrupt(std::string("the ") + name + " flag is " + std::to_string(flag));
  return flag != 0;
}

// StringPool: chars, low ends (32 bits), wraps. Version 1: chars, ends (64 bits).
template <class Archive>
void save(Archive& ar, const libbranch::StringPool& p, const unsigned /*version*/) {
  using namespace libbranch::detail::archive_io;
  ar << make_nvp("chars", string_ref(p.chars()));
  ar << make_nvp("ends", array_ref(p.low_ends()));
  ar << make_nvp("wraps", array_ref(p.wraps()));
}
template <class Archive>
void load(Archive& ar, libbranch::StringPool& p, const unsigned version) {
  using namespace libbranch::detail::archive_io;
  require_version<libbranch::StringPool>(version, "a string pool");
  std::string chars;
  ar >> make_nvp("chars", string_ref(chars));
  if (version == 1) {
    std::vector<std::uint64_t> ends;
    ar >> make_nvp("ends", array_ref(ends));
    std::optional<libbranch::StringPool> pool = libbranch::StringPool::from_ends(std::move(chars), ends);
    if (!pool) throw Corrupt("malformed string pool");
    p = std::move(*pool);
    return;
  }
  std::vector<std::uint32_t> ends;
  std::vector<std::uint32_t> wraps;
  ar >> make_nvp("ends", array_ref(ends));
  ar >> make_nvp("wraps", array_ref(wraps));
  if (!libbranch::StringPool::valid_parts(chars.size(), ends, wraps)) throw Corrupt("malformed string pool");
  p.assign(std::move(chars), std::move(ends), std::move(wraps));
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
  using namespace libbranch::detail::archive_io;
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

// DictColumn: dict, whether the codes are wide, codes (16 or 32 bits). Version 1: dict, codes (32 bits).
template <class Archive>
void save(Archive& ar, const libbranch::DictColumn& c, const unsigned /*version*/) {
  using namespace libbranch::detail::archive_io;
  ar << make_nvp("dict", c.dict);
  const bool wide = c.codes.is_wide();
  ar << make_nvp("wide", wide);
  if (wide) {
    ar << make_nvp("codes", array_ref(c.codes.wide_codes()));
  } else {
    ar << make_nvp("codes", array_ref(c.codes.narrow_codes()));
  }
}
template <class Archive>
void load(Archive& ar, libbranch::DictColumn& c, const unsigned version) {
  using namespace libbranch::detail::archive_io;
  require_version<libbranch::DictColumn>(version, "a dictionary column");
  ar >> make_nvp("dict", c.dict);
  const bool wide = version >= 2 ? load_flag(ar, "wide") : true;
  if (wide) {
    std::vector<std::uint32_t> codes;
    ar >> make_nvp("codes", array_ref(codes));
    if (version >= 2) {
      c.codes.assign_wide(std::move(codes));
    } else {  // layout 1 held every column in 32 bits: narrow it where it fits
      c.codes.clear();
      c.codes.reserve(codes.size());
      for (const std::uint32_t code : codes) c.codes.push_back(code);
    }
  } else {
    std::vector<std::uint16_t> codes;
    ar >> make_nvp("codes", array_ref(codes));
    c.codes.assign_narrow(std::move(codes));
  }
}
template <class Archive>
void serialize(Archive& ar, libbranch::DictColumn& c, const unsigned version) {
  split_free(ar, c, version);
}

// Narrow columns (counts, dates, hundredths): cells (16 bits), then the side table as two
// columns (rows, values).
template <class Archive, class Codec>
void save_narrow(Archive& ar, const libbranch::NarrowColumn<Codec>& c) {
  using namespace libbranch::detail::archive_io;
  std::vector<std::uint32_t> wide_rows;
  std::vector<typename Codec::Wide> wide_values;
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
template <class Archive, class Cell, class Codec>
void load_narrow_parts(Archive& ar, std::vector<Cell>& cells,
                       std::vector<typename libbranch::NarrowColumn<Codec>::WideEntry>& wide, const char* what) {
  using namespace libbranch::detail::archive_io;
  std::vector<std::uint32_t> wide_rows;
  std::vector<typename Codec::Wide> wide_values;
  ar >> make_nvp("cells", array_ref(cells));
  ar >> make_nvp("wide_rows", array_ref(wide_rows));
  ar >> make_nvp("wide_values", array_ref(wide_values));
  if (wide_rows.size() != wide_values.size()) throw Corrupt(std::string("malformed ") + what);
  wide.reserve(wide_rows.size());
  for (std::size_t i = 0; i < wide_rows.size(); ++i) wide.emplace_back(wide_rows[i], wide_values[i]);
}
template <class Archive, class Codec>
void load_narrow(Archive& ar, libbranch::NarrowColumn<Codec>& c, const char* what) {
  std::vector<std::uint16_t> cells;
  std::vector<typename libbranch::NarrowColumn<Codec>::WideEntry> wide;
  load_narrow_parts<Archive, std::uint16_t, Codec>(ar, cells, wide, what);
  if (!libbranch::NarrowColumn<Codec>::valid_parts(cells, wide))
    throw libbranch::detail::archive_io::Corrupt(std::string("malformed ") + what);
  c.assign_parts(std::move(cells), std::move(wide));
}

// CountColumn: a narrow column. Version 1: 32-bit cells (UINT32_MAX absent, UINT32_MAX - 1 wide).
template <class Archive>
void save(Archive& ar, const libbranch::CountColumn& c, const unsigned /*version*/) {
  save_narrow(ar, c);
}
template <class Archive>
void load(Archive& ar, libbranch::CountColumn& c, const unsigned version) {
  using namespace libbranch::detail::archive_io;
  require_version<libbranch::CountColumn>(version, "a count column");
  if (version >= 2) {
    load_narrow(ar, c, "count column");
    return;
  }
  std::vector<std::uint32_t> cells;
  std::vector<std::pair<std::uint32_t, std::int64_t>> wide;
  load_narrow_parts<Archive, std::uint32_t, libbranch::CountCodec>(ar, cells, wide, "count column");
  constexpr std::uint32_t kAbsent = UINT32_MAX;
  constexpr std::uint32_t kWide = UINT32_MAX - 1;
  std::size_t next_wide = 0;
  c.clear();
  c.reserve(cells.size());
  for (std::size_t row = 0; row < cells.size(); ++row) {
    const std::uint32_t cell = cells[row];
    if (cell == kAbsent) {
      c.push_back(std::nullopt);
    } else if (cell != kWide) {
      c.push_back(cell);
    } else {
      if (next_wide >= wide.size() || wide[next_wide].first != row) throw Corrupt("malformed count column");
      const std::int64_t v = wide[next_wide++].second;
      if (v >= 0 && v < static_cast<std::int64_t>(kWide)) throw Corrupt("malformed count column");
      c.push_back(v);
    }
  }
  if (next_wide != wide.size()) throw Corrupt("malformed count column");
}
template <class Archive>
void serialize(Archive& ar, libbranch::CountColumn& c, const unsigned version) {
  split_free(ar, c, version);
}

// DateColumn, HundredthsColumn: narrow columns.
template <class Archive, class Codec>
void save(Archive& ar, const libbranch::NarrowColumn<Codec>& c, const unsigned /*version*/) {
  save_narrow(ar, c);
}
template <class Archive, class Codec>
void load(Archive& ar, libbranch::NarrowColumn<Codec>& c, const unsigned version) {
  using namespace libbranch::detail::archive_io;
  require_version<libbranch::NarrowColumn<Codec>>(version, "a column");
  load_narrow(ar, c, std::is_same_v<Codec, libbranch::DateCodec> ? "date column" : "decimal column");
}
template <class Archive, class Codec>
void serialize(Archive& ar, libbranch::NarrowColumn<Codec>& c, const unsigned version) {
  split_free(ar, c, version);
}

// BranchColumn: whether it is grouped, then its offsets (grouped: 4 bytes a branch) or its rows.
template <class Archive>
void save(Archive& ar, const libbranch::BranchColumn& c, const unsigned /*version*/) {
  using namespace libbranch::detail::archive_io;
  const bool grouped = c.is_grouped();
  ar << make_nvp("grouped", grouped);
  ar << make_nvp(grouped ? "offsets" : "rows", array_ref(grouped ? c.offsets() : c.rows()));
}
template <class Archive>
void load(Archive& ar, libbranch::BranchColumn& c, const unsigned version) {
  using namespace libbranch::detail::archive_io;
  require_version<libbranch::BranchColumn>(version, "a branch column");
  const bool grouped = load_flag(ar, "grouped");
  std::vector<std::uint32_t> v;
  ar >> make_nvp(grouped ? "offsets" : "rows", array_ref(v));
  if (!grouped) {
    c = libbranch::BranchColumn(std::move(v));
    return;
  }
  std::optional<libbranch::BranchColumn> column = libbranch::BranchColumn::from_offsets(std::move(v));
  if (!column) throw Corrupt("malformed branch offsets");
  c = std::move(*column);
}
template <class Archive>
void serialize(Archive& ar, libbranch::BranchColumn& c, const unsigned version) {
  split_free(ar, c, version);
}

// Columns whose type changed in layout 2, read from a version-1 table: the old representation
// (a plain vector, or a string pool for the titles), then its rows pushed into the new column.
// Branch columns of layout 1 hold a branch row per row; Dataset groups them.
template <class Archive, class Column>
void column_since_layout_2(Archive& ar, const char* name, Column& c, unsigned version) {
  using namespace libbranch::detail::archive_io;
  if constexpr (Archive::is_loading::value) {
    if (version < 2) {
      c.clear();
      if constexpr (std::is_same_v<Column, libbranch::BranchColumn>) {
        std::vector<std::uint32_t> rows;
        ar >> make_nvp(name, array_ref(rows));
        c = libbranch::BranchColumn(std::move(rows));
      } else if constexpr (std::is_same_v<Column, libbranch::DictColumn>) {
        libbranch::StringPool old;
        ar >> make_nvp(name, old);
        for (std::size_t i = 0; i < old.size(); ++i) c.push_back(old[i]);
      } else {
        std::vector<typename Column::Value> old;
        ar >> make_nvp(name, array_ref(old));
        c.reserve(old.size());
        for (const auto& v : old) c.push_back(v);
      }
      return;
    }
  }
  ar & make_nvp(name, c);
}

// SparseColumn<T>: rows, values. The row count is checked by Dataset (it is not known here).
template <class Archive, class T>
void save(Archive& ar, const libbranch::SparseColumn<T>& c, const unsigned /*version*/) {
  using namespace libbranch::detail::archive_io;
  ar << make_nvp("rows", array_ref(c.rows()));
  ar << make_nvp("values", array_ref(c.values()));
}
template <class Archive, class T>
void load(Archive& ar, libbranch::SparseColumn<T>& c, const unsigned version) {
  using namespace libbranch::detail::archive_io;
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
  using namespace libbranch::detail::archive_io;
  require_version<libbranch::BranchTable>(version, "the branch table");
  if (version >= 1) {
    ar & make_nvp("id", t.id);
    ar & make_nvp("name", t.name);
    ar & make_nvp("parent_id", t.parent_id);
    ar & make_nvp("org_type", array_ref(t.org_type));
    column_since_layout_2(ar, "last_election", t.last_election, version);
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
  using namespace libbranch::detail::archive_io;
  require_version<libbranch::MemberTable>(version, "the member table");
  if (version >= 1) {
    ar & make_nvp("id", t.id);
    column_since_layout_2(ar, "branch", t.branch, version);
    ar & make_nvp("name", t.name);
    ar & make_nvp("gender", array_ref(t.gender));
    ar & make_nvp("ethnicity", t.ethnicity);
    column_since_layout_2(ar, "birth_date", t.birth_date, version);
    ar & make_nvp("education", array_ref(t.education));
    ar & make_nvp("role", array_ref(t.role));
    ar & make_nvp("party_group", t.party_group);
    column_since_layout_2(ar, "application_date", t.application_date, version);
    column_since_layout_2(ar, "activist_date", t.activist_date, version);
    column_since_layout_2(ar, "candidate_date", t.candidate_date, version);
    column_since_layout_2(ar, "admission_date", t.admission_date, version);
    column_since_layout_2(ar, "conversion_date", t.conversion_date, version);
    column_since_layout_2(ar, "joined_branch", t.joined_branch, version);
    column_since_layout_2(ar, "left_branch", t.left_branch, version);
  }
}

template <class Archive>
void serialize(Archive& ar, libbranch::ActivityTable& t, const unsigned version) {
  using namespace libbranch::detail::archive_io;
  require_version<libbranch::ActivityTable>(version, "the activity table");
  if (version >= 1) {
    ar & make_nvp("id", t.id);
    column_since_layout_2(ar, "branch", t.branch, version);
    ar & make_nvp("kind", array_ref(t.kind));
    column_since_layout_2(ar, "date", t.date, version);
    ar & make_nvp("mode", array_ref(t.mode));
    ar & make_nvp("platform", t.platform);
    ar & make_nvp("attendees", t.attendees);
    ar & make_nvp("expected", t.expected);
    column_since_layout_2(ar, "hours", t.hours, version);
    ar & make_nvp("lecturer", t.lecturer);
    ar & make_nvp("amount_yuan", t.amount_yuan);
    ar & make_nvp("cases", t.cases);
    ar & make_nvp("escalated", t.escalated);
    column_since_layout_2(ar, "title", t.title, version);
  }
}

template <class Archive>
void serialize(Archive& ar, libbranch::AttendanceTable& t, const unsigned version) {
  using namespace libbranch::detail::archive_io;
  require_version<libbranch::AttendanceTable>(version, "the attendance table");
  if (version >= 1) {
    ar & make_nvp("activity", array_ref(t.activity));
    ar & make_nvp("member", array_ref(t.member));
  }
}

template <class Archive>
void serialize(Archive& ar, libbranch::ObservationTable& t, const unsigned version) {
  using namespace libbranch::detail::archive_io;
  require_version<libbranch::ObservationTable>(version, "the observation table");
  if (version >= 1) {
    column_since_layout_2(ar, "branch", t.branch, version);
    ar & make_nvp("indicator", t.indicator);
    ar & make_nvp("date", array_ref(t.date));
    ar & make_nvp("value", array_ref(t.value));
  }
}

template <class Archive>
void serialize(Archive& ar, libbranch::DatasetTables& t, const unsigned version) {
  using namespace libbranch::detail::archive_io;
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
// Framing: header, end marker, errors, files

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

std::string errno_text(int error) { return std::generic_category().message(error); }

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

void rethrow_as_save_error(const std::string& name) {
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

void rethrow_as_load_error(const std::string& name) {
  try {
    throw;
  } catch (const ArchiveError&) {
    throw;
  } catch (const Corrupt& e) {
    throw ArchiveError(name, std::string("corrupted archive: ") + e.what());
  } catch (const Error& e) {  // a model's own check: "inconsistent dataset: …", a RubricError
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

void save_file(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write) {
  const std::string name = path.string();
  try {
    write_file_atomically(path, write);
  } catch (...) {
    rethrow_as_save_error(name);
  }
}

void load_file(const std::filesystem::path& path,
               const std::function<void(std::istream&, const std::string&, std::uint64_t)>& read) {
  const std::string name = path.string();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status))
    throw ArchiveError(name, "cannot open: " + (ec ? ec.message() : errno_text(ENOENT)));
  if (!std::filesystem::is_regular_file(status)) throw ArchiveError(name, "cannot open: not a regular file");
  const std::uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) throw ArchiveError(name, "cannot open: " + ec.message());
  std::vector<char> buffer(std::size_t{1} << 18);  // outlives the stream that uses it
  std::ifstream in;
  in.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  errno = 0;
  in.open(path, std::ios::binary);
  if (!in) throw ArchiveError(name, "cannot open: " + errno_text(errno != 0 ? errno : EIO));
  read(in, name, size);
}

}  // namespace libbranch::detail::archive_io

// -------------------------------------------------------------------------------------------------
// Dataset archives

namespace libbranch::detail::archive_io {
namespace {

Dataset read_dataset(std::istream& in, const std::string& name, std::uint64_t size_limit, bool whole_file) {
  try {
    DatasetTables tables;
    read_payload(in, name, ArchiveKind::dataset, size_limit, whole_file, "dataset", tables);
    return Dataset(std::move(tables));
  } catch (...) {
    rethrow_as_load_error(name);
  }
}

}  // namespace
}  // namespace libbranch::detail::archive_io

namespace libbranch {

namespace io = detail::archive_io;

void save_archive(const Dataset& dataset, std::ostream& out, ArchiveFormat format) {
  const std::string name = "<stream>";
  io::require_format(format, name);
  try {
    io::write_payload(out, ArchiveKind::dataset, format, "dataset", dataset.tables());
  } catch (...) {
    io::rethrow_as_save_error(name);
  }
}

Dataset load_archive(std::istream& in, const std::string& name, std::uint64_t size_limit) {
  return io::read_dataset(in, name, size_limit, false);
}

void save_archive(const Dataset& dataset, const std::filesystem::path& path, ArchiveFormat format) {
  io::require_format(format, path.string());
  io::save_file(path, [&](std::ostream& out) {
    io::write_payload(out, ArchiveKind::dataset, format, "dataset", dataset.tables());
  });
}

Dataset load_archive(const std::filesystem::path& path) {
  Dataset result;
  io::load_file(path, [&](std::istream& in, const std::string& name, std::uint64_t size) {
    result = io::read_dataset(in, name, size, true);
  });
  return result;
}

bool is_archive(const std::filesystem::path& path) { return archive_kind(path) == ArchiveKind::dataset; }

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
