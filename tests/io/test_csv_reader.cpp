// CsvReader (docs/reference/data-format.md §2 "Input data"): every expected cell and line number
// below is worked out by hand from the input text. Each small input is read twice, from memory and
// from a real file, and the two readings must agree, so the file path (buffered reads) is covered
// by every case.
#include <libbranch/io/csv_reader.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace {

using libbranch::CsvReader;
using libbranch::Problem;
using libbranch::Severity;
using libbranch::TableRow;
using Cells = std::vector<std::string>;

const std::string kName = "data.csv";

/// A file in the temp directory, removed when the test is done with it.
class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    static std::atomic<unsigned> counter{0};
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    path_ = std::filesystem::temp_directory_path() /
            ("libbranch_csv_" + std::to_string(std::random_device{}()) + "_" + std::to_string(stamp) + "_" +
             std::to_string(counter++) + ".csv");
    std::ofstream out(path_, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
  }
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct Parsed {
  bool header_ok = false;
  TableRow header;
  std::vector<TableRow> rows;
  std::vector<Problem> problems;

  [[nodiscard]] std::vector<Cells> cells() const {
    std::vector<Cells> out;
    for (const TableRow& row : rows) out.push_back(row.cells);
    return out;
  }
  [[nodiscard]] std::vector<std::int64_t> lines() const {
    std::vector<std::int64_t> out;
    for (const TableRow& row : rows) out.push_back(row.line);
    return out;
  }
};

Parsed read_all(libbranch::TableSource& source) {
  Parsed parsed;
  parsed.header_ok = source.read_header(parsed.header, parsed.problems);
  TableRow row;  // reused, as the loader does, so stale cells would show
  while (source.next(row, parsed.problems)) parsed.rows.push_back(row);
  return parsed;
}

Parsed parse_string(const std::string& text) { return read_all(*CsvReader::from_string(text, kName)); }

Parsed parse_file(const std::string& text) {
  const TempFile file(text);
  CsvReader reader(file.path(), kName);
  return read_all(reader);
}

void expect_same_problems(const std::vector<Problem>& a, const std::vector<Problem>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].to_string(), b[i].to_string());
}

/// Reads `text` from memory and from a file and checks both readings agree.
Parsed parse(const std::string& text) {
  Parsed from_memory = parse_string(text);
  const Parsed from_file = parse_file(text);
  EXPECT_EQ(from_memory.header_ok, from_file.header_ok);
  EXPECT_EQ(from_memory.header.cells, from_file.header.cells);
  EXPECT_EQ(from_memory.header.line, from_file.header.line);
  EXPECT_EQ(from_memory.cells(), from_file.cells());
  EXPECT_EQ(from_memory.lines(), from_file.lines());
  expect_same_problems(from_memory.problems, from_file.problems);
  return from_memory;
}

// --- line ends and BOM ---------------------------------------------------------------------

TEST(CsvReader, LfLineEnds) {
  const Parsed p = parse("id,name\n1,a\n2,b\n");
  ASSERT_TRUE(p.header_ok);
  EXPECT_EQ(p.header.cells, (Cells{"id", "name"}));
  EXPECT_EQ(p.header.line, 1);
  EXPECT_EQ(p.cells(), (std::vector<Cells>{{"1", "a"}, {"2", "b"}}));
  EXPECT_EQ(p.lines(), (std::vector<std::int64_t>{2, 3}));
  EXPECT_TRUE(p.problems.empty());
  for (const TableRow& row : p.rows) EXPECT_TRUE(row.label.empty());
}

TEST(CsvReader, CrlfLineEnds) {
  const Parsed p = parse("id,name\r\n1,a\r\n2,b\r\n");
  ASSERT_TRUE(p.header_ok);
  EXPECT_EQ(p.header.cells, (Cells{"id", "name"}));
  EXPECT_EQ(p.cells(), (std::vector<Cells>{{"1", "a"}, {"2", "b"}}));
  EXPECT_EQ(p.lines(), (std::vector<std::int64_t>{2, 3}));
  EXPECT_TRUE(p.problems.empty());
}

TEST(CsvReader, LoneCrIsALineEnd) {
  const Parsed p = parse("id,name\r1,a\r2,b\r");
  ASSERT_TRUE(p.header_ok);
  EXPECT_EQ(p.header.cells, (Cells{"id", "name"}));
  EXPECT_EQ(p.cells(), (std::vector<Cells>{{"1", "a"}, {"2", "b"}}));
  EXPECT_EQ(p.lines(), (std::vector<std::int64_t>{2, 3}));
}

TEST(CsvReader, MixedLineEnds) {
  // LF, CRLF, lone CR, LF: one line each; CR followed by LF is one line end, not two.
  const Parsed p = parse("h\n1\r\n2\r3\n4");
  EXPECT_EQ(p.cells(), (std::vector<Cells>{{"1"}, {"2"}, {"3"}, {"4"}}));
  EXPECT_EQ(p.lines(), (std::vector<std::int64_t>{2, 3, 4, 5}));
}

TEST(CsvReader, LeadingBomIsSkipped) {
  const Parsed p = parse("\xEF\xBB\xBFid,name\r\n1,a\r\n");
  ASSERT_TRUE(p.header_ok);
  EXPECT_EQ(p.header.cells, (Cells{"id", "name"}));
  EXPECT_EQ(p.header.line, 1);
  EXPECT_EQ(p.cells(), (std::vector<Cells>{{"1", "a"}}));
  EXPECT_EQ(p.lines(), (std::vector<std::int64_t>{2}));
}

TEST(CsvReader, BomElsewhereIsData) {
  // Only the very first bytes of the file can be a BOM; later it is an ordinary character.
  const Parsed p = parse("id\n\xEF\xBB\xBFx\n");
  EXPECT_EQ(p.cells(), (std::vector<Cells>{{"\xEF\xBB\xBFx"}}));
}

TEST(CsvReader, BomBeforeQuotedHeader) {
  const Parsed p = parse("\xEF\xBB\xBF\"id\",name\n1,2\n");
  EXPECT_EQ(p.header.cells, (Cells{"id", "name"}));
  EXPECT_EQ(p.cells(), (std::vector<Cells>{{"1", "2"}}));
}

TEST(CsvReader, MissingFinalNewline) {
  const Parsed p = parse("a,b\n1,2\n3,4");
  EXPECT_EQ(p.cells(), (std::vector<Cells>{{"1", "2"}, {"3", "4"}}));
  EXPECT_EQ(p.lines(), (std::vector<std::int64_t>{2, 3}));
}

TEST(CsvReader, MissingFinalNewlineAfterQuotedField) {
  const Parsed p = parse("a,b\n1,\"x,y\"");
  EXPECT_EQ(p.cells(), (std::vector<Cells>{{"1", "x,y"}}));
  EXPECT_TRUE(p.problems.empty());
}

TEST(CsvReader, HeaderWithoutNewlineIsAHeaderOnlyFile) {
  const Parsed p = parse("a,b");
  ASSERT_TRUE(p.header_ok);
  EXPECT_EQ(p.header.cells, (Cells{"a", "b"}));
  EXPECT_TRUE(p.rows.empty());
  EXPECT_TRUE(p.problems.empty());
}

// --- quoting ----------------------------------------------------------------------------------

TEST(CsvReader, QuotedCommasAndQuotes) {
  const Parsed p = parse("a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"\"\"\"\n");
  EXPECT_EQ(p.cells(), (std::vector<Cells>{{"x,y", "say \"hi\"", "\""}}));
  EXPECT_TRUE(p.problems.empty());
}

TEST(CsvReader, QuotedNewlinesAreKeptAndCounted) {
  // Record 1 starts on line 2 and spans lines 2-4 (LF, then CRLF inside quotes);
  // record 2 starts on line 5; record 3 spans 6-7 via a lone CR; record 4 is on line 8.
  const std::string text =
      "a,b\n"
      "1,\"one\ntwo\r\nthree\"\n"
      "2,plain\r\n"
      "3,\"x\ry\"\n"
      "4,end\n";
  const Parsed p = parse(text);
  EXPECT_EQ(p.cells(), (std::vector<Cells>{{"1", "one\ntwo\r\nthree"}, {"2", "plain"}, {"3", "x\ry"}, {"4", "end"}}));
  EXPECT_EQ(p.lines(), (std::vector<std::int64_t>{2, 5, 6, 8}));
}

TEST(CsvReader, QuotedHeaderSpanningLines) {
  const Parsed p = parse("\"a\nb\",c\n1,2\n");
  EXPECT_EQ(p.header.cells, (Cells{"a\nb", "c"}));
  EXPECT_EQ(p.header.line, 1);
  EXPECT_EQ(p.lines(), (std::vector<std::int64_t>{3}));
}

TEST(CsvReader, EmptyQuotedFieldIsARecord) {
  // `""` is one empty cell, not a blank line; `" "` keeps its space because it is quoted.
  const Parsed p = parse("a\n\"\"\n\" \"\n");
  EXPECT_EQ(p.cells(), (std::vector<Cells>{{""}, {" "}}));
  EXPECT_EQ(p.lines(), (std::vector<std::int64_t>{2, 3}));
}

TEST(CsvReader, QuoteInsideUnquotedFieldIsData) {
  const Parsed p = parse("a,b\nab\"c,x\"\n");
  EXPECT_EQ(p.cells(), (std::vector<Cells>{{"ab\"c", "x\""}}));
  EXPECT_TRUE(p.problems.empty());
}

// --- white space ------------------------------------------------------------------------------

TEST(CsvReader, WhiteSpaceOutsideQuotesIsDropped) {
  const std::string nbsp = "\xC2\xA0";
  const std::string ideo = "\xE3\x80\x80";
  const std::string text = "a,b,c,d\n"
                           "  \"a,b\"  ,\t\"t\"\t," + nbsp + "\"n\"" + nbsp + "," + ideo + "\"i\"" + ideo + "\n" +
                           " \t" + nbsp + ideo + "\"mix\"" + ideo + nbsp + "\t ,\"\" ,  \"\"," + ideo + "\"\"\r\n";
  const Parsed p = parse(text);
  EXPECT_EQ(p.cells(), (std::vector<Cells>{{"a,b", "t", "n", "i"}, {"mix", "", "", ""}}));
  EXPECT_EQ(p.lines(), (std::vector<std::int64_t>{2, 3}));
  EXPECT_TRUE(p.problems.empty());
}

TEST(CsvReader, UnquotedFieldsAreNotTrimmed) {
  const std::string text = " a , b\t,\xC2\xA0" "c\xE3\x80\x80\n  x  ,\t\n";
  const Parsed p = parse(text);
  EXPECT_EQ(p.header.cells, (Cells{" a ", " b\t", "\xC2\xA0" "c\xE3\x80\x80"}));
  EXPECT_EQ(p.cells(), (std::vector<Cells>{{"  x  ", "\t"}}));
}

TEST(CsvReader, OtherMultibyteCharactersAreNotWhiteSpace) {
  // C2 A1 (¡) and E3 80 81 (、) share lead bytes with U+00A0 and U+3000 but are data.
  const Parsed p = parse("a\n\xC2\xA1\n\xE3\x80\x81\n");
  EXPECT_EQ(p.cells(), (std::vector<Cells>{{"\xC2\xA1"}, {"\xE3\x80\x81"}}));
  EXPECT_EQ(p.lines(), (std::vector<std::int64_t>{2, 3}));
}

// --- blank lines -----------------------------------------------------------------------------

TEST(CsvReader, BlankLinesBeforeHeaderAreSkipped) {
  const Parsed p = parse("\n  \r\n\t\nid,name\n1,a\n");
  ASSERT_TRUE(p.header_ok);
  EXPECT_EQ(p.header.cells, (Cells{"id", "name"}));
  EXPECT_EQ(p.header.line, 4);
  EXPECT_EQ(p.lines(), (std::vector<std::int64_t>{5}));
}

TEST(CsvReader, BlankAndWhiteSpaceLinesBetweenRecordsAreSkipped) {
  const std::string text = "a,b\n"           // 1
                           "1,x\n"           // 2
                           "\n"              // 3
                           "   \t \r\n"      // 4
                           "\xC2\xA0\n"      // 5
                           "\xE3\x80\x80 \r" // 6 (lone CR)
                           "2,y\n"           // 7
                           "\r\n"            // 8
                           "3,z\n"           // 9
                           "\n \n";          // 10, 11
  const Parsed p = parse(text);
  EXPECT_EQ(p.cells(), (std::vector<Cells>{{"1", "x"}, {"2", "y"}, {"3", "z"}}));
  EXPECT_EQ(p.lines(), (std::vector<std::int64_t>{2, 7, 9}));
  EXPECT_TRUE(p.problems.empty());
}

TEST(CsvReader, CommasOnlyLineIsARecord) {
  const Parsed p = parse("a,b,c\n,,\n , ,\n");
  EXPECT_EQ(p.cells(), (std::vector<Cells>{{"", "", ""}, {" ", " ", ""}}));
  EXPECT_EQ(p.lines(), (std::vector<std::int64_t>{2, 3}));
}

TEST(CsvReader, FieldCountsAreNotChecked) {
  const Parsed p = parse("a,b\n1\n1,2,3\n");
  EXPECT_EQ(p.cells(), (std::vector<Cells>{{"1"}, {"1", "2", "3"}}));
  EXPECT_TRUE(p.problems.empty());
}

TEST(CsvReader, RowStorageIsReused) {
  // A short row after a long one must not keep the long row's cells.
  auto reader = CsvReader::from_string("a\n1,2,3\n4\n5,6\n", kName);
  std::vector<Problem> problems;
  TableRow row;
  ASSERT_TRUE(reader->read_header(row, problems));
  ASSERT_TRUE(reader->next(row, problems));
  EXPECT_EQ(row.cells, (Cells{"1", "2", "3"}));
  ASSERT_TRUE(reader->next(row, problems));
  EXPECT_EQ(row.cells, (Cells{"4"}));
  ASSERT_TRUE(reader->next(row, problems));
  EXPECT_EQ(row.cells, (Cells{"5", "6"}));
  EXPECT_FALSE(reader->next(row, problems));
  EXPECT_FALSE(reader->next(row, problems));  // stays at the end
  EXPECT_TRUE(problems.empty());
}

// --- problems --------------------------------------------------------------------------------

TEST(CsvReader, UnterminatedQuoteIsReportedAtTheRowStart) {
  // The row starts on line 3; its second field's quote opens on line 4 (after a quoted newline).
  const std::string text = "a,b\n"
                           "1,ok\n"
                           "\"x\ny\",\"never closed\n"
                           "more,text\n";
  const Parsed p = parse(text);
  ASSERT_TRUE(p.header_ok);
  EXPECT_EQ(p.cells(), (std::vector<Cells>{{"1", "ok"}}));
  ASSERT_EQ(p.problems.size(), 1u);
  const Problem& problem = p.problems[0];
  EXPECT_EQ(problem.file, kName);
  EXPECT_EQ(problem.line, 3);
  EXPECT_EQ(problem.column, "-");
  EXPECT_EQ(problem.severity, Severity::error);
  EXPECT_NE(problem.message.find("unterminated quoted field"), std::string::npos);
  EXPECT_NE(problem.message.find("line 4"), std::string::npos);
  EXPECT_EQ(problem.value, "never closed\nmore,text\n");
}

TEST(CsvReader, UnterminatedQuoteValueIsShortened) {
  const Parsed p = parse("a\n\"" + std::string(100, 'z'));
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_EQ(p.problems[0].line, 2);
  EXPECT_EQ(p.problems[0].value, std::string(40, 'z') + "...");
  EXPECT_TRUE(p.rows.empty());
}

TEST(CsvReader, UnterminatedQuoteInHeader) {
  const Parsed p = parse("\n\"a,b\n1,2\n");
  EXPECT_FALSE(p.header_ok);
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_EQ(p.problems[0].line, 2);
  EXPECT_NE(p.problems[0].message.find("line 2"), std::string::npos);
  EXPECT_TRUE(p.rows.empty());
}

TEST(CsvReader, TextAfterClosingQuoteIsAnError) {
  const std::string text = "a,b\n"
                           "1,x\n"
                           "\"abc\"x,2\n"             // line 3: bad
                           "3,\"q\"  \"r\",\"s\"t\n"  // line 4: bad twice, reported once
                           "4,y\n";
  const Parsed p = parse(text);
  EXPECT_EQ(p.cells(), (std::vector<Cells>{{"1", "x"}, {"4", "y"}}));
  EXPECT_EQ(p.lines(), (std::vector<std::int64_t>{2, 5}));
  ASSERT_EQ(p.problems.size(), 2u);
  EXPECT_EQ(p.problems[0].line, 3);
  EXPECT_EQ(p.problems[0].column, "-");
  EXPECT_EQ(p.problems[0].severity, Severity::error);
  EXPECT_NE(p.problems[0].message.find("closing quote"), std::string::npos);
  EXPECT_EQ(p.problems[0].value, "\"abc\"x");
  EXPECT_EQ(p.problems[1].line, 4);
  EXPECT_EQ(p.problems[1].value, "\"q\"  \"r\"");
}

TEST(CsvReader, TextAfterClosingQuoteInMultilineRecord) {
  // The bad record starts on line 2 and its quoted newline moves the next record to line 4.
  const Parsed p = parse("a\n\"x\ny\"z\nok\n");
  EXPECT_EQ(p.cells(), (std::vector<Cells>{{"ok"}}));
  EXPECT_EQ(p.lines(), (std::vector<std::int64_t>{4}));
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_EQ(p.problems[0].line, 2);
  EXPECT_EQ(p.problems[0].value, "\"x\ny\"z");
}

TEST(CsvReader, TextAfterClosingQuoteInHeader) {
  const Parsed p = parse("\"a\"b,c\n1,2\n");
  EXPECT_FALSE(p.header_ok);
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_EQ(p.problems[0].line, 1);
  EXPECT_TRUE(p.rows.empty());
}

TEST(CsvReader, EmptyFile) {
  for (const std::string text : {"", "\xEF\xBB\xBF", "\n\n", " \r\n\t\n\xE3\x80\x80"}) {
    const Parsed p = parse(text);
    EXPECT_FALSE(p.header_ok);
    ASSERT_EQ(p.problems.size(), 1u);
    EXPECT_EQ(p.problems[0].file, kName);
    EXPECT_EQ(p.problems[0].line, 0);
    EXPECT_EQ(p.problems[0].column, "-");
    EXPECT_EQ(p.problems[0].severity, Severity::error);
    EXPECT_EQ(p.problems[0].message, "the file is empty: a header row is required");
    EXPECT_TRUE(p.rows.empty());
  }
}

TEST(CsvReader, NonexistentFile) {
  const auto path = std::filesystem::temp_directory_path() / "libbranch_csv_no_such_dir" / "missing.csv";
  CsvReader reader(path);
  EXPECT_EQ(reader.name(), path.string());
  const Parsed p = read_all(reader);
  EXPECT_FALSE(p.header_ok);
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_EQ(p.problems[0].file, path.string());
  EXPECT_EQ(p.problems[0].line, 0);
  EXPECT_EQ(p.problems[0].column, "-");
  EXPECT_EQ(p.problems[0].severity, Severity::error);
  EXPECT_NE(p.problems[0].message.find("cannot open"), std::string::npos);
  EXPECT_NE(p.problems[0].message.find("No such file"), std::string::npos);
  EXPECT_TRUE(p.rows.empty());
}

TEST(CsvReader, DirectoryIsNotReadable) {
  CsvReader reader(std::filesystem::temp_directory_path(), kName);
  const Parsed p = read_all(reader);
  EXPECT_FALSE(p.header_ok);
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_EQ(p.problems[0].file, kName);
  EXPECT_EQ(p.problems[0].severity, Severity::error);
}

TEST(CsvReader, NameIsDisplayNameOrPath) {
  const TempFile file("a\n\"x");
  CsvReader by_path(file.path());
  EXPECT_EQ(by_path.name(), file.path().string());
  const Parsed p = read_all(by_path);
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_EQ(p.problems[0].file, file.path().string());

  CsvReader by_name(file.path(), "branches.csv");
  EXPECT_EQ(by_name.name(), "branches.csv");
  EXPECT_EQ(CsvReader::from_string("a\n", "mem")->name(), "mem");
}

TEST(CsvReader, NextBeforeHeaderReturnsFalse) {
  auto reader = CsvReader::from_string("a\n1\n", kName);
  std::vector<Problem> problems;
  TableRow row;
  EXPECT_FALSE(reader->next(row, problems));
  EXPECT_TRUE(problems.empty());
}

// --- buffer boundaries -----------------------------------------------------------------------

// The reader fills a 1 MiB buffer from the start of the file, so the first refill happens exactly
// at byte 2^20. Each case below pads the file so that this byte falls at a chosen place in a
// tricky record. (If the buffer size changes, the cases still pass; they just test less.)
constexpr std::size_t kBoundary = std::size_t{1} << 20;

struct BoundaryCase {
  std::string record;  // the raw text placed at the boundary (with its line end)
  std::size_t split;   // index in `record` of the first byte after the boundary
  Cells cells;         // what the record must read as
  int skipped = 0;     // blank lines at the start of `record`, before the record itself
  int lines = 1;       // physical lines the record spans
};

void check_boundary(const BoundaryCase& c) {
  SCOPED_TRACE("split " + std::to_string(c.split) + " of '" + c.record + "'");
  std::string text = "a,b\r\n";
  // Filler rows "f,xxx...\r\n" so that the record starts at kBoundary - split.
  const std::size_t start = kBoundary - c.split;
  std::int64_t line = 2;
  while (text.size() < start) {
    const std::size_t room = start - text.size();
    const std::size_t len = room >= 2000 ? 1000 : (room <= 1000 ? room : room / 2);
    text += "f," + std::string(len - 4, 'x') + "\r\n";
    ++line;
  }
  ASSERT_EQ(text.size(), start);
  text += c.record;
  text += "last,row\r\n";
  const TempFile file(text);
  CsvReader reader(file.path(), kName);
  const Parsed p = read_all(reader);
  ASSERT_TRUE(p.problems.empty()) << p.problems[0].to_string();
  const auto fillers = static_cast<std::size_t>(line - 2);
  ASSERT_EQ(p.rows.size(), fillers + 2);
  for (std::size_t i = 0; i < fillers; ++i) {
    ASSERT_EQ(p.rows[i].cells.size(), 2u);
    ASSERT_EQ(p.rows[i].cells[0], "f");
    ASSERT_EQ(p.rows[i].line, static_cast<std::int64_t>(i + 2));
  }
  const TableRow& target = p.rows[fillers];
  EXPECT_EQ(target.cells, c.cells);
  EXPECT_EQ(target.line, line + c.skipped);
  EXPECT_EQ(p.rows.back().cells, (Cells{"last", "row"}));
  EXPECT_EQ(p.rows.back().line, line + c.skipped + c.lines);
}

TEST(CsvReader, BufferBoundaryInsideTrickyPlaces) {
  const std::string zhong = "\xE4\xB8\xAD";  // 中
  const std::string emoji = "\xF0\x9F\x98\x80";
  const std::string ideo = "\xE3\x80\x80";
  const std::string nbsp = "\xC2\xA0";
  const std::vector<BoundaryCase> cases = {
      // record                                split  cells                  skipped lines
      {"p,q\r\n",                              4,     {"p", "q"},            0, 1},  // in the record's CRLF
      {"p,q\r\n",                              3,     {"p", "q"},            0, 1},  // before the CRLF
      {"\"l1\r\nl2\",z\r\n",                    4,     {"l1\r\nl2", "z"},     0, 2},  // in a quoted CRLF
      {"\"l1\r\nl2\",z\r\n",                    2,     {"l1\r\nl2", "z"},     0, 2},  // in quoted text
      {"\"" + zhong + "\",z\r\n",                2,     {zhong, "z"},          0, 1},  // in a 3-byte char
      {"\"" + zhong + "\",z\r\n",                3,     {zhong, "z"},          0, 1},
      {"\"" + emoji + "\",z\r\n",                3,     {emoji, "z"},          0, 1},  // in a 4-byte char
      {zhong + zhong + ",z\r\n",               4,     {zhong + zhong, "z"},  0, 1},  // unquoted char
      {"\"a\"" + ideo + ",z\r\n",               4,     {"a", "z"},            0, 1},  // U+3000 after quote
      {"\"a\"" + ideo + ",z\r\n",               5,     {"a", "z"},            0, 1},
      {nbsp + "\"a\",z\r\n",                    1,     {"a", "z"},            0, 1},  // U+00A0 before quote
      {ideo + "\"a\",z\r\n",                    2,     {"a", "z"},            0, 1},  // U+3000 before quote
      {"\"a\"\"b\",z\r\n",                     3,     {"a\"b", "z"},         0, 1},  // in a doubled quote
      {"\"ab\",z\r\n",                          4,     {"ab", "z"},           0, 1},  // after closing quote
      {"\"ab\",z\r\n",                          3,     {"ab", "z"},           0, 1},  // before closing quote
      {"ab,z\r\n",                             3,     {"ab", "z"},           0, 1},  // after a separator
      {ideo + "\r\n" + "p,q\r\n",              1,     {"p", "q"},            1, 1},  // in a blank line
      {" \r\n" + std::string("p,q\r\n"),        2,     {"p", "q"},            1, 1},  // in a blank CRLF
  };
  for (const BoundaryCase& c : cases) check_boundary(c);
}

// A generated file of 200k records mixing every construct; boundaries of the 1 MiB buffer fall at
// many different places in it, and every record is checked.
TEST(CsvReader, BigGeneratedFileReadsBackExactly) {
  std::mt19937 rng(20240601);
  const std::vector<std::string> pieces = {"a",  "bc", ",",  "\"",   "\r\n", "\n", " ",   "\t",
                                           "\xE4\xB8\xAD", "\xF0\x9F\x98\x80", "\xC2\xA0", "\xE3\x80\x80",
                                           "x y", "0123456789"};
  const auto random_value = [&](bool quotable) {
    std::string value;
    const int count = static_cast<int>(rng() % 6);
    for (int i = 0; i < count; ++i) {
      const std::string& piece = pieces[rng() % pieces.size()];
      const bool special = piece == "," || piece == "\"" || piece == "\r\n" || piece == "\n";
      if (!quotable && special) continue;
      value += piece;
    }
    return value;
  };
  constexpr int kRows = 200000;
  constexpr int kColumns = 4;
  std::string text = "\xEF\xBB\xBF" "c0,c1,c2,c3\r\n";
  std::vector<Cells> expected;
  std::vector<std::int64_t> expected_lines;
  expected.reserve(kRows);
  std::int64_t line = 2;
  for (int r = 0; r < kRows; ++r) {
    if (rng() % 50 == 0) {  // a blank line now and then
      text += (rng() % 2 == 0) ? "\r\n" : " \xE3\x80\x80\t\n";
      ++line;
    }
    Cells cells;
    expected_lines.push_back(line);
    for (int c = 0; c < kColumns; ++c) {
      if (c > 0) text += ',';
      const bool quoted = rng() % 2 == 0;
      std::string value = random_value(quoted);
      if (quoted) {
        if (rng() % 4 == 0) text += (rng() % 2 == 0) ? " " : "\xE3\x80\x80";
        text += '"';
        for (const char ch : value) {
          text += ch;
          if (ch == '"') text += '"';
          if (ch == '\n') ++line;
        }
        text += '"';
        if (rng() % 4 == 0) text += (rng() % 2 == 0) ? "\t" : "\xC2\xA0";
      } else {
        text += value;  // never holds a quote, so white space in it can't precede an opening quote
      }
      cells.push_back(value);
    }
    text += (rng() % 3 == 0) ? "\n" : "\r\n";
    ++line;
    expected.push_back(std::move(cells));
  }
  text.pop_back();  // the last record ends without a newline ("\n" or the LF of "\r\n")
  if (text.back() == '\r') text.pop_back();
  ASSERT_GT(text.size(), 6 * kBoundary);  // several buffer refills

  const TempFile file(text);
  CsvReader reader(file.path(), kName);
  const Parsed p = read_all(reader);
  ASSERT_TRUE(p.header_ok);
  EXPECT_EQ(p.header.cells, (Cells{"c0", "c1", "c2", "c3"}));
  ASSERT_TRUE(p.problems.empty()) << p.problems[0].to_string();
  ASSERT_EQ(p.rows.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    ASSERT_EQ(p.rows[i].cells, expected[i]) << "record " << i;
    ASSERT_EQ(p.rows[i].line, expected_lines[i]) << "record " << i;
  }
}

}  // namespace
