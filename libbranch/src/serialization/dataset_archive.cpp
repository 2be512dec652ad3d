// Dataset archives: the payload is one DatasetTables named "dataset", framed as every archive kind
// (framing.cpp). Every length read from a file is charged to a budget (the file size) before
// anything is allocated, and the loaded tables go through Dataset's consistency check.
//
// Each table is archived column by column in the order of its column list
// (model/table_columns.hpp), each column under its name there. A table's BOOST_CLASS_VERSION is
// its layout, the newest `added` or `layout` of its columns:
// Layout 2 (libbranch 0.2): string pools keep 32-bit ends, counts and dates 16-bit cells with a
// side table, dictionary codes 16 bits while they fit, hours in hundredths, titles interned, and
// the branch of each member, activity and observation as per-branch offsets.
//
// A stream load stops right after the end marker (archives can follow one another in a stream);
// a file load also requires the end of the file there.
//
// Changing a layout: a column that changes its representation gets `layout = N` in the column list
// and its old form in column_archive.hpp (load_layout_1_column for layout 1); a new column gets
// `added = N` and loads as absent from older archives. The code that reads the older layouts must
// stay so that old files keep loading (tests/serialization/test_serialization.cpp keeps golden archives of every
// layout version and loads them).
#include <libbranch/serialization.hpp>

#include <cstdint>
#include <filesystem>
#include <istream>
#include <ostream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <libbranch/dataset.hpp>
#include <libbranch/model/absent_rows.hpp>
#include <libbranch/model/table_columns.hpp>

#include "archive_common.hpp"
#include "column_archive.hpp"

LIBBRANCH_ARCHIVE_CLASS(libbranch::BranchTable, libbranch::table_layout_v<libbranch::BranchTable>)
LIBBRANCH_ARCHIVE_CLASS(libbranch::MemberTable, libbranch::table_layout_v<libbranch::MemberTable>)
LIBBRANCH_ARCHIVE_CLASS(libbranch::ActivityTable, libbranch::table_layout_v<libbranch::ActivityTable>)
LIBBRANCH_ARCHIVE_CLASS(libbranch::AttendanceTable, libbranch::table_layout_v<libbranch::AttendanceTable>)
LIBBRANCH_ARCHIVE_CLASS(libbranch::ObservationTable, libbranch::table_layout_v<libbranch::ObservationTable>)
LIBBRANCH_ARCHIVE_CLASS(libbranch::DatasetTables, 1)

namespace libbranch::detail::archive_io {
namespace {

template <class T>
inline constexpr bool is_vector_v = false;
template <class T>
inline constexpr bool is_vector_v<std::vector<T>> = true;

// Only columns whose old form load_layout_1_column knows may name a layout after the one that added
// them, and only value columns can be added later (loaded as absent from older archives).
template <class Table>
constexpr bool old_layouts_readable() {
  bool readable = true;
  for_each_column_of<Table>([&](const auto& column) {
    using Desc = std::remove_cvref_t<decltype(column)>;
    using Type = std::remove_cvref_t<decltype(std::declval<Table&>().*Desc::member)>;
    if (column.layout > column.added && (column.layout != 2 || !boost::serialization::has_layout_1_form_v<Type>))
      readable = false;
    if (column.added > 1 && Desc::role != ColumnRole::value) readable = false;
  });
  return readable;
}
static_assert(old_layouts_readable<BranchTable>() && old_layouts_readable<MemberTable>() &&
              old_layouts_readable<ActivityTable>() && old_layouts_readable<AttendanceTable>() &&
              old_layouts_readable<ObservationTable>());

// One column of a table in an archive of layout `version`.
template <class Archive, class Desc, class Column>
void archive_column(Archive& ar, const Desc& d, Column& c, std::size_t rows, unsigned version) {
  const char* name = d.name.data();  // the column list's names are string literals
  if constexpr (Archive::is_loading::value) {
    if constexpr (Desc::role == ColumnRole::value) {
      if (version < d.added) {
        assign_absent(c, rows);
        return;
      }
    }
    if (version < d.layout) {
      boost::serialization::load_layout_1_column(ar, name, c);
      return;
    }
  }
  if constexpr (is_vector_v<Column>) {
    ar & bs::make_nvp(name, array_ref(c));
  } else {
    ar & bs::make_nvp(name, c);
  }
}

}  // namespace

// Every column of a table, shared by saving and loading.
template <class Archive, class Table>
void archive_table(Archive& ar, Table& t, unsigned version, const char* what) {
  require_version<Table>(version, what);
  for_each_column([&](const auto& d, auto& column) { archive_column(ar, d, column, t.size(), version); }, t);
}

}  // namespace libbranch::detail::archive_io

namespace boost::serialization {

template <class Archive>
void serialize(Archive& ar, libbranch::BranchTable& t, const unsigned version) {
  libbranch::detail::archive_io::archive_table(ar, t, version, "the branch table");
}
template <class Archive>
void serialize(Archive& ar, libbranch::MemberTable& t, const unsigned version) {
  libbranch::detail::archive_io::archive_table(ar, t, version, "the member table");
}
template <class Archive>
void serialize(Archive& ar, libbranch::ActivityTable& t, const unsigned version) {
  libbranch::detail::archive_io::archive_table(ar, t, version, "the activity table");
}
template <class Archive>
void serialize(Archive& ar, libbranch::AttendanceTable& t, const unsigned version) {
  libbranch::detail::archive_io::archive_table(ar, t, version, "the attendance table");
}
template <class Archive>
void serialize(Archive& ar, libbranch::ObservationTable& t, const unsigned version) {
  libbranch::detail::archive_io::archive_table(ar, t, version, "the observation table");
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
}  // namespace libbranch
