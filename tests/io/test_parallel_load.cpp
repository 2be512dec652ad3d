// Loading in parallel chunks (LoadOptions::threads, chunk_bytes) gives exactly the result of one
// thread: the same Dataset and the same problems (file, line, column, message, value, severity)
// in the same order, wherever the chunk boundaries fall.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <libbranch/error.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/synth.hpp>

#include "support/temp_dir.hpp"

#ifndef LIBBRANCH_FIXTURES_DIR
#define LIBBRANCH_FIXTURES_DIR "tests/fixtures"
#endif

namespace libbranch {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

const std::vector<std::string> kFiles = {"branches.csv", "members.csv", "activities.csv", "attendance.csv",
                                         "observations.csv"};

struct Outcome {
  std::optional<Dataset> dataset;
  std::vector<Problem> problems;  // the DataError's, or the warnings of a dataset
};

Outcome load(const fs::path& dir, LoadOptions options) {
  Outcome out;
  try {
    out.dataset.emplace(load_directory(dir, options, &out.problems));
  } catch (const DataError& e) {
    out.problems = e.problems();
  }
  return out;
}

LoadOptions serial(bool custom_kinds = false) {
  LoadOptions o;
  o.allow_custom_kinds = custom_kinds;
  o.threads = 1;
  return o;
}

LoadOptions parallel(std::size_t chunk_bytes, unsigned threads, bool custom_kinds = false) {
  LoadOptions o = serial(custom_kinds);
  o.threads = threads;
  o.chunk_bytes = chunk_bytes;
  return o;
}

std::string describe(const Problem& p) {
  return p.to_string() + " [file=" + p.file + " line=" + std::to_string(p.line) + " label=" + p.row_label +
         " column=" + p.column + " severity=" + std::to_string(static_cast<int>(p.severity)) + "]";
}

void expect_same(const Outcome& expected, const Outcome& actual) {
  ASSERT_EQ(expected.dataset.has_value(), actual.dataset.has_value());
  if (expected.dataset) EXPECT_TRUE(*expected.dataset == *actual.dataset) << "datasets differ";
  ASSERT_EQ(expected.problems.size(), actual.problems.size());
  for (std::size_t i = 0; i < expected.problems.size(); ++i) {
    const Problem& e = expected.problems[i];
    const Problem& a = actual.problems[i];
    ASSERT_EQ(describe(e), describe(a)) << "problem " << i;
    ASSERT_EQ(e.message, a.message);
    ASSERT_EQ(e.value, a.value);
  }
}

// Chunk sizes from one record a chunk to a few chunks a file, on more threads than cores.
void expect_same_in_chunks(const fs::path& dir, bool custom_kinds, const Outcome& reference) {
  for (const std::size_t chunk : {std::size_t{1}, std::size_t{5}, std::size_t{97}, std::size_t{4096}}) {
    for (const unsigned threads : {2u, 3u}) {
      SCOPED_TRACE("chunks of " + std::to_string(chunk) + " bytes on " + std::to_string(threads) + " threads");
      expect_same(reference, load(dir, parallel(chunk, threads, custom_kinds)));
    }
  }
  SCOPED_TRACE("tiny chunks on one thread");
  expect_same(reference, load(dir, parallel(3, 1, custom_kinds)));
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> split(const std::string& text, char by) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(text);
  while (std::getline(in, item, by)) out.push_back(item);
  if (!text.empty() && text.back() == by && by == ',') out.emplace_back();
  return out;
}

std::string join(const std::vector<std::string>& cells) {
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + cells[i];
  return out;
}

/// A CSV file of the synthetic dataset (which quotes nothing) as header and rows of cells.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  static Table read(const fs::path& p) {
    Table t;
    std::vector<std::string> lines = split(read_text(p), '\n');
    t.header = split(lines.at(0), ',');
    for (std::size_t i = 1; i < lines.size(); ++i) {
      auto cells = split(lines[i], ',');
      cells.resize(t.header.size());
      t.rows.push_back(cells);
    }
    return t;
  }
  [[nodiscard]] std::size_t column(const std::string& name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return i;
    throw std::runtime_error("no column " + name);
  }
};

using Tables = std::vector<std::pair<std::string, Table>>;

/// How the synthetic files are rewritten: the same data in every form docs/reference/data-format.md
/// allows.
struct Style {
  bool crlf = false;
  bool bom = false;
  bool blank_lines = false;
  bool quotes = false;  // quote some cells, and put commas, quotes and newlines into free text
};

std::string render(const Table& t, const Style& style) {
  const std::string eol = style.crlf ? "\r\n" : "\n";
  std::string out = style.bom ? "\xEF\xBB\xBF" : "";
  out += join(t.header) + eol;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    if (style.blank_lines && r % 7 == 3) out += r % 2 ? eol : " \t" + eol;
    std::vector<std::string> cells = t.rows[r];
    for (std::size_t c = 0; c < cells.size(); ++c) {
      // A row may have more cells than the header (a test's extra cell): those are not free text.
      const bool free_text = c < t.header.size() && (t.header[c] == "name" || t.header[c] == "title");
      if (cells[c].starts_with('"')) continue;  // written as it is (a test's malformed cell)
      if (!style.quotes || (!free_text && (r + c) % 4 != 0)) continue;
      std::string value = cells[c];
      if (free_text && r % 3 == 0) value += ", \"quoted\"" + std::string(r % 2 ? "\n" : "\r\n") + "next line,";
      std::string quoted = (r % 5 == 0 ? " \"" : "\"");
      for (const char ch : value) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      cells[c] = quoted + (r % 5 == 1 ? "\" \t" : "\"");
    }
    out += join(cells) + eol;
  }
  return out;
}

void write_dataset(const fs::path& dir, const Tables& tables, const Style& style) {
  fs::create_directories(dir);
  for (const auto& [file, table] : tables) std::ofstream(dir / file, std::ios::binary) << render(table, style);
}

Tables synthetic_tables(const TempDir& tmp, std::uint64_t branches, std::uint64_t seed) {
  SynthOptions options;
  options.branches = branches;
  options.seed = seed;
  const fs::path dir = tmp / "synth";
  write_synthetic_dataset(options, dir);
  Tables tables;
  for (const std::string& file : kFiles) tables.emplace_back(file, Table::read(dir / file));
  return tables;
}

Table& table(Tables& tables, const std::string& file) {
  for (auto& [name, t] : tables)
    if (name == file) return t;
  throw std::runtime_error("no table " + file);
}
const Table& table(const Tables& tables, const std::string& file) {
  for (const auto& [name, t] : tables)
    if (name == file) return t;
  throw std::runtime_error("no table " + file);
}

TEST(ParallelLoad, SyntheticDatasetInEveryFormLoadsTheSame) {
  TempDir tmp;
  const auto tables = synthetic_tables(tmp, 30, 7);
  const std::vector<Style> styles = {
      {}, {.crlf = true, .bom = true}, {.blank_lines = true, .quotes = true},
      {.crlf = true, .bom = true, .blank_lines = true, .quotes = true}};
  for (std::size_t s = 0; s < styles.size(); ++s) {
    SCOPED_TRACE("style " + std::to_string(s));
    const fs::path dir = tmp / ("style" + std::to_string(s));
    write_dataset(dir, tables, styles[s]);
    const Outcome reference = load(dir, serial());
    ASSERT_TRUE(reference.dataset.has_value()) << (reference.problems.empty() ? "" : describe(reference.problems[0]));
    EXPECT_EQ(reference.dataset->branch_count(), 30u);
    EXPECT_EQ(reference.dataset->activities().size(), table(tables, "activities.csv").rows.size());
    expect_same_in_chunks(dir, false, reference);
  }
}

TEST(ParallelLoad, QuotedNewlinesReallyAreInTheData) {
  // Guards the test above: the quoted style must change the free text, not just the layout.
  TempDir tmp;
  const auto tables = synthetic_tables(tmp, 5, 3);
  write_dataset(tmp / "q", tables, {.quotes = true});
  const Outcome o = load(tmp / "q", serial());
  ASSERT_TRUE(o.dataset.has_value());
  EXPECT_NE(std::string(o.dataset->members().name[0]).find(", \"quoted\"\r\nnext line,"), std::string::npos);
}

TEST(ParallelLoad, CustomKindsGetTheirCodesInFileOrder) {
  TempDir tmp;
  auto tables = synthetic_tables(tmp, 20, 5);
  Table& a = table(tables, "activities.csv");
  const std::size_t kind = a.column("kind");
  for (std::size_t r = 0; r < a.rows.size(); r += 11) a.rows[r][kind] = "custom_" + std::to_string((a.rows.size() - r) % 7);
  write_dataset(tmp / "d", tables, {});
  const Outcome reference = load(tmp / "d", serial(true));
  ASSERT_TRUE(reference.dataset.has_value());
  EXPECT_EQ(reference.dataset->custom_kinds().size(), 7u);
  expect_same_in_chunks(tmp / "d", true, reference);
}

// Errors of every kind, spread over every file so that they fall in many chunks.
Tables with_scattered_errors(Tables tables) {
  Table& b = table(tables, "branches.csv");
  for (std::size_t r = 5; r < b.rows.size(); r += 9) b.rows[r][b.column("org_type")] = "bad";
  b.rows[17][b.column("branch_id")] = b.rows[2][b.column("branch_id")];
  Table& m = table(tables, "members.csv");
  for (std::size_t r = 3; r < m.rows.size(); r += 37) m.rows[r][m.column("birth_date")] = "1990-13-01";
  for (std::size_t r = 11; r < m.rows.size(); r += 53) m.rows[r][m.column("member_id")] = m.rows[r - 10][m.column("member_id")];
  for (std::size_t r = 20; r < m.rows.size(); r += 71) m.rows[r][m.column("name")] = "\xFF\xFE";
  for (std::size_t r = 30; r < m.rows.size(); r += 97) m.rows[r][m.column("branch_id")] = "B_NOPE";
  Table& a = table(tables, "activities.csv");
  for (std::size_t r = 7; r < a.rows.size(); r += 41) a.rows[r][a.column("kind")] = r % 2 ? "custom_x" : "Bad-Kind";
  for (std::size_t r = 13; r < a.rows.size(); r += 89) a.rows[r][a.column("activity_id")] = a.rows[r - 12][a.column("activity_id")];
  for (std::size_t r = 19; r < a.rows.size(); r += 113) a.rows[r].push_back("extra");
  for (std::size_t r = 23; r < a.rows.size(); r += 131) a.rows[r][a.column("title")] = "\"closed\"then text";
  for (std::size_t r = 29; r < a.rows.size(); r += 61) a.rows[r][a.column("hours")] = "1,5";
  for (std::size_t r = 31; r < a.rows.size(); r += 67) a.rows[r][a.column("attendees")] = "999";
  Table& t = table(tables, "attendance.csv");
  for (std::size_t r = 9; r < t.rows.size(); r += 43) t.rows[r][t.column("member_id")] = "M_NOPE";
  for (std::size_t r = 15; r < t.rows.size(); r += 59) t.rows[r] = t.rows[r - 1];
  Table& o = table(tables, "observations.csv");
  for (std::size_t r = 2; r < o.rows.size(); r += 5) o.rows[r][o.column("value")] = "-1";
  return tables;
}

TEST(ParallelLoad, ScatteredErrorsAreReportedTheSame) {
  TempDir tmp;
  const auto tables = with_scattered_errors(synthetic_tables(tmp, 30, 11));
  for (const bool custom_kinds : {false, true}) {
    SCOPED_TRACE(custom_kinds ? "custom kinds allowed" : "custom kinds refused");
    const fs::path dir = tmp / (custom_kinds ? "custom" : "plain");
    write_dataset(dir, tables, {.crlf = custom_kinds, .blank_lines = true, .quotes = true});
    const Outcome reference = load(dir, serial(custom_kinds));
    ASSERT_FALSE(reference.dataset.has_value());
    ASSERT_GT(reference.problems.size(), 100u);
    std::vector<std::string> files_with_problems;
    for (const Problem& p : reference.problems)
      if (std::find(files_with_problems.begin(), files_with_problems.end(), p.file) == files_with_problems.end())
        files_with_problems.push_back(p.file);
    EXPECT_EQ(files_with_problems.size(), kFiles.size());
    expect_same_in_chunks(dir, custom_kinds, reference);
  }
}

std::vector<fs::path> fixture_dirs() {
  std::vector<fs::path> out;
  for (const char* group : {"invalid", "warnings"})
    for (const auto& e : fs::directory_iterator(fs::path(LIBBRANCH_FIXTURES_DIR) / group))
      if (e.is_directory()) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ParallelLoad, EveryFixtureReportsTheSameProblems) {
  const auto dirs = fixture_dirs();
  ASSERT_GE(dirs.size(), 85u);
  for (const fs::path& dir : dirs) {
    SCOPED_TRACE(dir.string());
    const bool custom_kinds = fs::exists(dir / "options") && read_text(dir / "options").find("allow_custom_kinds") != std::string::npos;
    const Outcome reference = load(dir, serial(custom_kinds));
    ASSERT_FALSE(reference.problems.empty());
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{16}})
      expect_same(reference, load(dir, parallel(chunk, 2, custom_kinds)));
  }
}

// Tables from memory name rows by label, and their problems keep the order they were found in.
TableSources memory_tables() {
  auto rows = [](std::vector<std::vector<std::string>> cells) {
    std::vector<TableRow> out;
    for (std::size_t i = 0; i < cells.size(); ++i) out.push_back({cells[i], 0, "row" + std::to_string(i)});
    return out;
  };
  TableSources s;
  s.branches = std::make_unique<MemoryTableSource>(
      "branches", std::vector<std::string>{"branch_id", "name", "org_type"},
      rows({{"B1", "one", "village"}, {"B2", "two", "bad"}, {"B1", "again", "nope"}, {"B3", "", ""}}));
  s.members = std::make_unique<MemoryTableSource>(
      "members", std::vector<std::string>{"member_id", "branch_id", "birth_date", "admission_date"},
      rows({{"M1", "B1", "1990-01-01", "1980-01-01"}, {"M2", "B9", "x", ""}, {"M1", "B2", "1991-02-30", ""},
            {"M3", "B3", "1970-01-01", "2000-01-01"}}));
  return s;
}

TEST(ParallelLoad, TablesFromMemoryReportTheSameProblemsInTheSameOrder) {
  auto run = [](LoadOptions options) {
    Outcome out;
    try {
      out.dataset.emplace(load_tables(memory_tables(), options, &out.problems));
    } catch (const DataError& e) {
      out.problems = e.problems();
    }
    return out;
  };
  const Outcome reference = run(serial());
  ASSERT_GE(reference.problems.size(), 7u);
  EXPECT_EQ(reference.problems[0].row_label, "row1");
  for (const std::size_t chunk : {std::size_t{1}, std::size_t{10}}) expect_same(reference, run(parallel(chunk, 3)));
}

}  // namespace
}  // namespace libbranch
