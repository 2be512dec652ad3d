#pragma once
// Archive forms of the model's column types (string pools, dictionaries, narrow, sparse and
// branch columns), for the dataset archive (dataset_archive.cpp). Non-intrusive: every type has a
// BOOST_CLASS_VERSION and tracking off; loading checks each column's own invariants (valid_parts)
// before adopting the parts, and Dataset(tables) then checks the tables against each other.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <libbranch/model/branch_column.hpp>
#include <libbranch/model/columns.hpp>
#include <libbranch/model/date.hpp>
#include <libbranch/model/string_pool.hpp>

#include "archive_common.hpp"

LIBBRANCH_ARCHIVE_CLASS(libbranch::StringPool, 2)
LIBBRANCH_ARCHIVE_CLASS(libbranch::StringDictionary, 1)
LIBBRANCH_ARCHIVE_CLASS(libbranch::DictColumn, 2)
LIBBRANCH_ARCHIVE_CLASS(libbranch::CountColumn, 2)
LIBBRANCH_ARCHIVE_CLASS(libbranch::DateColumn, 1)
LIBBRANCH_ARCHIVE_CLASS(libbranch::HundredthsColumn, 1)
LIBBRANCH_ARCHIVE_CLASS(libbranch::BranchColumn, 1)

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
// Branch columns of layout 1 hold a branch row per row; Dataset groups them. Only these types
// changed in layout 2 (the column list's `layout`); dataset_archive.cpp checks that at compile time.
template <class Column>
inline constexpr bool has_layout_1_form_v =
    std::is_same_v<Column, libbranch::BranchColumn> || std::is_same_v<Column, libbranch::DictColumn> ||
    std::is_same_v<Column, libbranch::DateColumn> || std::is_same_v<Column, libbranch::HundredthsColumn>;

template <class Archive, class Column>
void load_layout_1_column(Archive& ar, const char* name, Column& c) {
  using namespace libbranch::detail::archive_io;
  c.clear();
  if constexpr (std::is_same_v<Column, libbranch::BranchColumn>) {
    std::vector<std::uint32_t> rows;
    ar >> make_nvp(name, array_ref(rows));
    c = libbranch::BranchColumn(std::move(rows));
  } else if constexpr (std::is_same_v<Column, libbranch::DictColumn>) {
    libbranch::StringPool old;
    ar >> make_nvp(name, old);
    for (std::size_t i = 0; i < old.size(); ++i) c.push_back(old[i]);
  } else if constexpr (has_layout_1_form_v<Column>) {
    std::vector<typename Column::Value> old;
    ar >> make_nvp(name, array_ref(old));
    c.reserve(old.size());
    for (const auto& v : old) c.push_back(v);
  } else {
    throw Corrupt(std::string("no layout-1 form of column ") + name);  // excluded at compile time
  }
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

}  // namespace boost::serialization
