// The tables' column lists (model/table_columns.hpp): complete, each column once, named as the
// CSV files and the archives name them, and what visits them (reorder, archives) keeps the tables.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <libbranch/dataset.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/model/absent_rows.hpp>
#include <libbranch/model/table_columns.hpp>
#include <libbranch/serialization.hpp>

#include "support/golden_tables.hpp"

namespace libbranch {
namespace {

template <class Table>
std::vector<std::string> csv_names() {
  return {csv_columns_v<Table>.begin(), csv_columns_v<Table>.end()};
}

// Copying every listed column of `from` into an empty table gives `from` back: operator== is
// defaulted (it compares every member), so a member missing from the list would stay empty.
// golden_tables() fills every column of every table with at least one row.
template <class Table>
void expect_list_complete(const Table& from) {
  Table to;
  ASSERT_FALSE(to == from);
  for_each_column([](const auto&, auto& out, const auto& in) { out = in; }, to, from);
  EXPECT_TRUE(to == from) << ColumnList<Table>::table;
}

TEST(TableColumns, CopyingTheListedColumnsCopiesTheWholeTable) {
  const DatasetTables t = testing::golden_tables();
  expect_list_complete(t.branches);
  expect_list_complete(t.members);
  expect_list_complete(t.activities);
  expect_list_complete(t.attendance);
  expect_list_complete(t.observations);
}

// Each member is visited once: the addresses visited are distinct, and their number is the
// number of members counted in the model headers (branch_table.hpp 12, member_table.hpp 16,
// activity_table.hpp 14 and 2, observation_table.hpp 4).
template <class Table>
void expect_each_member_once(std::size_t members) {
  Table t;
  std::set<const void*> seen;
  std::size_t visits = 0;
  for_each_column([&](const auto&, const auto& column) { seen.insert(&column), ++visits; }, t);
  EXPECT_EQ(visits, members) << ColumnList<Table>::table;
  EXPECT_EQ(seen.size(), members) << ColumnList<Table>::table;
  EXPECT_EQ(column_count_v<Table>, members);
}

TEST(TableColumns, EveryMemberIsVisitedOnce) {
  expect_each_member_once<BranchTable>(12);
  expect_each_member_once<MemberTable>(16);
  expect_each_member_once<ActivityTable>(14);
  expect_each_member_once<AttendanceTable>(2);
  expect_each_member_once<ObservationTable>(4);
}

// The value columns leave out the references and the kind codes: members 16 - branch = 15,
// activities 14 - branch, kind, lecturer = 11, observations 4 - branch = 3, attendance none.
TEST(TableColumns, ValueColumnsLeaveOutReferencesAndKinds) {
  const auto count = [](const auto& t) {
    std::size_t n = 0;
    for_each_value_column([&n](const auto&, const auto&) { ++n; }, t);
    return n;
  };
  EXPECT_EQ(count(BranchTable{}), 12u);
  EXPECT_EQ(count(MemberTable{}), 15u);
  EXPECT_EQ(count(ActivityTable{}), 11u);
  EXPECT_EQ(count(AttendanceTable{}), 0u);
  EXPECT_EQ(count(ObservationTable{}), 3u);
}

// A table's columns as docs/reference/data-format.md lists them.
struct DocumentedColumns {
  std::set<std::string> required;
  std::set<std::string> optional;
};

std::set<std::string> backquoted_names(std::string_view text) {
  std::set<std::string> names;
  std::string current;
  bool inside = false;
  for (char c : text) {
    if (c == '`') {
      if (inside) {
        std::stringstream parts(current);
        for (std::string name; std::getline(parts, name, ',');) {
          name.erase(0, name.find_first_not_of(" \n"));
          name.erase(name.find_last_not_of(" \n") + 1);
          if (!name.empty()) names.insert(name);
        }
        current.clear();
      }
      inside = !inside;
    } else if (inside) {
      current += c;
    }
  }
  return names;
}

// The column table of `table`'s section of docs/reference/data-format.md: rows
// "| `name` | type | yes | meaning |" (required) or with an empty req cell (optional), up to the
// next section.
DocumentedColumns documented(const std::string& table) {
  std::ifstream in(std::string(LIBBRANCH_SOURCE_DIR) + "/docs/reference/data-format.md");
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  DocumentedColumns out;
  const std::size_t heading = doc.find(". " + table + ".csv\n");
  if (heading == std::string::npos) return out;
  const std::size_t end = std::min(doc.find("\n## ", heading), doc.size());
  std::istringstream lines(doc.substr(heading, end - heading));
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("| `")) continue;
    std::vector<std::string> cells;
    std::stringstream parts(line.substr(1));
    for (std::string cell; std::getline(parts, cell, '|');) cells.push_back(cell);
    if (cells.size() < 4) continue;
    const std::set<std::string> names = backquoted_names(cells[0]);
    (cells[2].find("yes") != std::string::npos ? out.required : out.optional).insert(names.begin(), names.end());
  }
  return out;
}

template <class Table>
void expect_documented() {
  const std::string table(ColumnList<Table>::table);
  const DocumentedColumns doc = documented(table);
  ASSERT_FALSE(doc.required.empty()) << table << " not found in docs/reference/data-format.md";
  std::set<std::string> required;
  std::set<std::string> optional;
  for_each_column_of<Table>([&](const auto& c) { (c.required ? required : optional).insert(std::string(c.csv)); });
  EXPECT_EQ(required, doc.required) << table;
  EXPECT_EQ(optional, doc.optional) << table;
}

TEST(TableColumns, NamesAndRequiredColumnsAreThoseOfTheDataFormatPage) {
  expect_documented<BranchTable>();
  expect_documented<MemberTable>();
  expect_documented<ActivityTable>();
  expect_documented<AttendanceTable>();
  expect_documented<ObservationTable>();
}

// The CSV headers in file order, as written out in docs/reference/data-format.md's tables and the loaders.
TEST(TableColumns, CsvColumnsInHeaderOrder) {
  EXPECT_EQ(csv_names<AttendanceTable>(), (std::vector<std::string>{"activity_id", "member_id"}));
  EXPECT_EQ(csv_names<ObservationTable>(), (std::vector<std::string>{"branch_id", "indicator", "date", "value"}));
  const std::vector<std::string> activities = csv_names<ActivityTable>();
  EXPECT_EQ(std::vector<std::string>(activities.begin(), activities.begin() + 4),
            (std::vector<std::string>{"activity_id", "branch_id", "kind", "date"}));
  EXPECT_EQ(activities.back(), "title");
}

// A table's archive layout is the newest of its columns': the compact columns of libbranch 0.2
// (dates, hours, titles, branch offsets) made branches, members, activities and observations
// layout 2; attendance kept its two plain vectors of layout 1.
TEST(TableColumns, TableLayoutsAreTheNewestOfTheirColumns) {
  EXPECT_EQ(table_layout_v<BranchTable>, 2u);
  EXPECT_EQ(table_layout_v<MemberTable>, 2u);
  EXPECT_EQ(table_layout_v<ActivityTable>, 2u);
  EXPECT_EQ(table_layout_v<AttendanceTable>, 1u);
  EXPECT_EQ(table_layout_v<ObservationTable>, 2u);
}

// Where element `tag` opens in `xml` from `from` on: `<tag>` or `<tag attributes…>` (Boost writes
// the class attributes the first time a type appears only).
std::size_t find_element(const std::string& xml, const std::string& tag, std::size_t from) {
  for (std::size_t at = xml.find("<" + tag, from); at != std::string::npos; at = xml.find("<" + tag, at + 1)) {
    const char next = xml[at + 1 + tag.size()];
    if (next == ' ' || next == '>') return at;
  }
  return std::string::npos;
}

// The XML archive names each column as the list does, in the list's order, inside its table.
template <class Table>
void expect_archive_names_in_order(const std::string& xml, const std::string& table_tag) {
  const std::size_t begin = find_element(xml, table_tag, 0);
  ASSERT_NE(begin, std::string::npos) << table_tag;
  const std::size_t end = xml.find("</" + table_tag + ">", begin);
  std::size_t at = begin;
  for_each_column_of<Table>([&](const auto& c) {
    const std::size_t next = find_element(xml, std::string(c.name), at + 1);
    EXPECT_LT(next, end) << table_tag << "." << c.name;
    if (next < end) at = next;
  });
}

TEST(TableColumns, ArchivesNameTheColumnsAsTheListInItsOrder) {
  std::ostringstream out;
  save_archive(Dataset(testing::golden_tables()), out, ArchiveFormat::xml);
  const std::string xml = out.str();
  expect_archive_names_in_order<BranchTable>(xml, "branches");
  expect_archive_names_in_order<MemberTable>(xml, "members");
  expect_archive_names_in_order<ActivityTable>(xml, "activities");
  expect_archive_names_in_order<AttendanceTable>(xml, "attendance");
  expect_archive_names_in_order<ObservationTable>(xml, "observations");
}

// Loading rows that are not grouped by branch reorders every column (dense ones by the order,
// sparse ones remapped, references kept with their rows): activities of b2, b1, b2 become
// b1's A2, then b2's A1 and A3, and each row keeps its own cells.
TEST(TableColumns, ReorderingMovesEveryColumnWithItsRow) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "libbranch_table_columns_reorder";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "branches.csv") << "branch_id,name\nb1,One\nb2,Two\n";
  std::ofstream(dir / "members.csv") << "member_id,branch_id,birth_date\nm2,b2,1980-01-01\nm1,b1,1981-01-01\n";
  std::ofstream(dir / "activities.csv")
      << "activity_id,branch_id,kind,date,mode,hours,lecturer_id,amount_yuan,cases,escalated,title\n"
         "A1,b2,party_lecture,2025-01-05,online,1.5,m2,,3,1,first\n"
         "A2,b1,theme_day,2025-02-05,,,,20,,,second\n"
         "A3,b2,theme_day,2025-03-05,offline,2,,,,,third\n";
  std::ofstream(dir / "attendance.csv") << "activity_id,member_id\nA1,m2\nA2,m1\n";
  std::ofstream(dir / "observations.csv") << "branch_id,indicator,value\nb2,honors,1\nb1,honors,4\n";
  const Dataset ds = load_dataset(dir);
  std::filesystem::remove_all(dir);

  const ActivityTable& a = ds.activities();
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a.id[0], "A2");
  EXPECT_EQ(a.id[1], "A1");
  EXPECT_EQ(a.id[2], "A3");
  EXPECT_EQ(a.branch[0], 0u);
  EXPECT_EQ(a.branch[1], 1u);
  EXPECT_EQ(a.date[1], Date::from_ymd(2025, 1, 5));
  EXPECT_EQ(a.mode[1], Mode::online);
  EXPECT_EQ(a.mode[0], Mode::none);
  EXPECT_DOUBLE_EQ(a.hours[1], 1.5);
  EXPECT_DOUBLE_EQ(a.hours[2], 2.0);
  EXPECT_EQ(a.title.dict[a.title.codes[0]], "second");
  // Sparse columns follow their rows: A1 (now row 1) has the lecturer and cases, A2 (row 0) the money.
  ASSERT_EQ(a.lecturer.entry_count(), 1u);
  EXPECT_EQ(a.lecturer.entry_row(0), 1u);
  // Members are grouped too: m1 (b1) is row 0, m2 (b2) row 1; A1's lecturer m2 is member row 1.
  EXPECT_EQ(ds.members().id[a.lecturer.entry_value(0)], "m2");
  ASSERT_EQ(a.cases.entry_count(), 1u);
  EXPECT_EQ(a.cases.entry_row(0), 1u);
  EXPECT_EQ(a.cases.entry_value(0), 3);
  ASSERT_EQ(a.amount_yuan.entry_count(), 1u);
  EXPECT_EQ(a.amount_yuan.entry_row(0), 0u);
  EXPECT_DOUBLE_EQ(a.amount_yuan.entry_value(0), 20.0);
  // Attendance names the rows after grouping: (A1, m2) is (activity row 1, member row 1).
  ASSERT_EQ(ds.attendance().size(), 2u);
  EXPECT_EQ(ds.activities().id[ds.attendance().activity[0]], "A1");
  EXPECT_EQ(ds.members().id[ds.attendance().member[0]], "m2");
  // Observations: b1's 4 first, then b2's 1.
  EXPECT_DOUBLE_EQ(ds.observations().value[0], 4.0);
  EXPECT_DOUBLE_EQ(ds.observations().value[1], 1.0);
}

// Every table through each archive format and back, unchanged (the archive visits the list).
TEST(TableColumns, ArchiveRoundTripKeepsEveryColumn) {
  const Dataset ds(testing::golden_tables());
  for (ArchiveFormat f : {ArchiveFormat::binary, ArchiveFormat::text, ArchiveFormat::xml}) {
    std::stringstream io;
    save_archive(ds, io, f);
    const Dataset back = load_archive(io, "<round trip>", io.str().size());
    EXPECT_TRUE(back == ds) << static_cast<int>(f);
  }
}

// The consistency check visits every column and names it as the CSV does: a members column one
// row short is reported by its CSV name.
TEST(TableColumns, ConsistencyCheckNamesTheColumn) {
  DatasetTables t = testing::golden_tables();
  t.members.left_branch.clear();
  try {
    const Dataset ds(std::move(t));
    FAIL() << "a short column was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("members.left_branch has 0 rows, expected 1"), std::string::npos) << e.what();
  }
}

// A column added in a later archive layout loads from an older archive as absent rows: every
// value column type of every table gets `rows` cells that read as absent (empty string, no
// dictionary code, Date::none(), no count, NaN, the enumeration's none, the empty set, no sparse
// entry), and the tables stay consistent.
TEST(TableColumns, EveryValueColumnTypeHasAbsentRows) {
  DatasetTables t = testing::golden_tables();  // 2 branches, 1 member, 1 activity, 1 observation
  const auto absent = [](auto& table) {
    const std::size_t rows = table.size();
    for_each_value_column(
        [rows](const auto& d, auto& column) {
          using C = std::remove_cvref_t<decltype(column)>;
          assign_absent(column, rows);
          if constexpr (is_sparse_column_v<C>) {
            EXPECT_EQ(column.entry_count(), 0u) << d.csv;
          } else {
            ASSERT_EQ(column.size(), rows) << d.csv;
            for (std::size_t r = 0; r < rows; ++r) {
              if constexpr (std::is_same_v<C, StringPool>) {
                EXPECT_EQ(column[r], "") << d.csv;
              } else if constexpr (std::is_same_v<C, DictColumn>) {
                EXPECT_EQ(column.codes[r], DictCodes::kAbsent) << d.csv;
              } else if constexpr (std::is_same_v<C, CountColumn>) {
                EXPECT_FALSE(column.has(r)) << d.csv;
              } else if constexpr (std::is_same_v<C, DateColumn> || std::is_same_v<C, std::vector<Date>>) {
                EXPECT_TRUE(column[r].is_none()) << d.csv;
              } else if constexpr (std::is_same_v<C, HundredthsColumn> || std::is_same_v<C, std::vector<double>>) {
                EXPECT_TRUE(std::isnan(column[r])) << d.csv;
              } else {
                EXPECT_EQ(static_cast<int>(column[r]), 0) << d.csv;  // enumerations' none, empty sets
              }
            }
          }
        },
        table);
  };
  absent(t.members);
  absent(t.activities);
  // Members and activities have no required value the consistency check looks at (branch ids
  // must be unique, an observation needs its indicator): they can be absent all at once.
  EXPECT_NO_THROW(Dataset{std::move(t)});
  DatasetTables other = testing::golden_tables();
  absent(other.branches);
  absent(other.observations);
}

}  // namespace
}  // namespace libbranch
