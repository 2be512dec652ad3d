// Validation fixtures (docs/reference/data-format.md): one directory of bad input per rule, with
// the problems it must produce; datasets that load with warnings; and inline datasets for the
// reading rules (every problem reported, physical line numbers, blank lines, trimmed headers, BOM,
// CRLF).
//
// Fixture layout: tests/fixtures/invalid/<rule>/ and tests/fixtures/warnings/<rule>/ hold CSV files
// and a file `expected`, one line per problem:
//     FILE:LINE: error|warning: COLUMN: * 'VALUE'
// FILE is relative to the fixture directory; LINE is the physical line where the record starts
// (0, or `FILE:` without a line, for a problem of the whole file); `*` stands for the message, which
// is not checked. When the ` 'VALUE'` part is omitted the value is not checked. An optional file
// `options` lists load options, one a line (`allow_custom_kinds`).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <sys/wait.h>

#include <libbranch/error.hpp>
#include <libbranch/io/load.hpp>

#include "support/temp_dir.hpp"

#ifndef LIBBRANCH_FIXTURES_DIR
#define LIBBRANCH_FIXTURES_DIR "tests/fixtures"
#endif

namespace libbranch {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// ---------------------------------------------------------------------------------------------
// Expected problems

struct Expected {
  std::string file;  // relative to the dataset directory
  std::int64_t line = 0;
  Severity severity = Severity::error;
  std::string column;
  std::optional<std::string> value;  // nullopt: not checked
  std::string text;                  // the line as written, for messages

  /// The start of Problem::to_string() for a dataset in `dir`.
  [[nodiscard]] std::string prefix(const fs::path& dir) const {
    std::string out = (dir / file).string();
    if (line > 0) out += ":" + std::to_string(line);
    out += severity == Severity::error ? ": error: " : ": warning: ";
    out += column + ": ";
    return out;
  }

  /// Whether a problem line (Problem::to_string(), or one line of the CLI's stderr) matches.
  [[nodiscard]] bool matches(const std::string& problem, const fs::path& dir) const {
    const std::string head = prefix(dir);
    if (problem.compare(0, head.size(), head) != 0) return false;
    if (!value) return true;
    const std::string tail = " '" + *value + "'";
    return problem.size() >= head.size() + tail.size() &&
           problem.compare(problem.size() - tail.size(), tail.size(), tail) == 0;
  }
};

// Parses `FILE:LINE: severity: COLUMN: * 'VALUE'`; throws on a malformed line (a broken fixture).
Expected parse_expected(const std::string& text) {
  auto fail = [&](const char* why) { return std::runtime_error(std::string(why) + ": " + text); };
  Expected e;
  e.text = text;
  std::size_t at = text.find(": ");
  if (at == std::string::npos) throw fail("no ': ' after the place");
  std::string place = text.substr(0, at);
  const std::size_t colon = place.rfind(':');
  if (colon != std::string::npos && colon + 1 < place.size() &&
      std::all_of(place.begin() + static_cast<std::ptrdiff_t>(colon + 1), place.end(),
                  [](char c) { return c >= '0' && c <= '9'; })) {
    e.line = std::stoll(place.substr(colon + 1));
    place.resize(colon);
  }
  e.file = place;
  std::size_t next = text.find(": ", at + 2);
  if (next == std::string::npos) throw fail("no severity");
  const std::string severity = text.substr(at + 2, next - at - 2);
  if (severity == "error") {
    e.severity = Severity::error;
  } else if (severity == "warning") {
    e.severity = Severity::warning;
  } else {
    throw fail("severity is neither error nor warning");
  }
  at = next;
  next = text.find(": ", at + 2);
  if (next == std::string::npos) throw fail("no column");
  e.column = text.substr(at + 2, next - at - 2);
  const std::string rest = text.substr(next + 2);
  if (rest == "*") return e;
  if (rest.size() < 5 || rest.compare(0, 3, "* '") != 0 || rest.back() != '\'')
    throw fail("expected `*` or `* 'VALUE'` after the column");
  e.value = rest.substr(3, rest.size() - 4);
  return e;
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

std::vector<Expected> read_expected(const fs::path& dir) {
  std::vector<Expected> out;
  for (const std::string& line : lines_of(read_text(dir / "expected"))) out.push_back(parse_expected(line));
  return out;
}

LoadOptions read_options(const fs::path& dir) {
  LoadOptions options;
  if (!fs::exists(dir / "options")) return options;
  for (const std::string& line : lines_of(read_text(dir / "options"))) {
    if (line == "allow_custom_kinds") {
      options.allow_custom_kinds = true;
    } else {
      ADD_FAILURE() << dir << ": unknown option " << line;
    }
  }
  return options;
}

std::size_t count_severity(const std::vector<Expected>& expected, Severity s) {
  return static_cast<std::size_t>(
      std::count_if(expected.begin(), expected.end(), [s](const Expected& e) { return e.severity == s; }));
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += "    " + l + "\n";
  return out.empty() ? "    (none)\n" : out;
}

/// Every expected line must match a distinct actual line; returns a failure text or "".
/// Lines that pin a value are matched first, so a looser line cannot take their problem.
std::string unmatched(std::vector<Expected> expected, const std::vector<std::string>& actual, const fs::path& dir) {
  std::stable_partition(expected.begin(), expected.end(), [](const Expected& e) { return e.value.has_value(); });
  std::vector<bool> used(actual.size(), false);
  std::string missing;
  for (const Expected& e : expected) {
    bool found = false;
    for (std::size_t i = 0; i < actual.size() && !found; ++i) {
      if (used[i] || !e.matches(actual[i], dir)) continue;
      used[i] = true;
      found = true;
    }
    if (!found) missing += "    " + e.text + "\n";
  }
  if (missing.empty()) return "";
  return "expected problems not reported:\n" + missing + "reported:\n" + joined(actual);
}

/// docs/reference/data-format.md §10: each problem is one line (a value holding a line end must not
/// break it).
void expect_one_line_each(const std::vector<std::string>& problems) {
  for (const std::string& p : problems)
    EXPECT_EQ(p.find_first_of("\r\n"), std::string::npos) << "a problem spans several lines:\n" << p;
}

std::vector<std::string> strings_of(const std::vector<Problem>& problems, std::optional<Severity> only = {}) {
  std::vector<std::string> out;
  for (const Problem& p : problems)
    if (!only || p.severity == *only) out.push_back(p.to_string());
  return out;
}

// ---------------------------------------------------------------------------------------------
// Fixture directories

fs::path fixtures_root() { return fs::path(LIBBRANCH_FIXTURES_DIR); }

std::vector<std::string> fixture_names(const char* kind) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fixtures_root() / kind, ec))
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string param_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

TEST(ValidationFixtures, DirectoriesArePresent) {
  EXPECT_GE(fixture_names("invalid").size(), 60u) << "fixtures not found under " << fixtures_root();
  EXPECT_GE(fixture_names("warnings").size(), 4u) << "fixtures not found under " << fixtures_root();
}

class InvalidFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(InvalidFixture, ReportsExactlyTheExpectedProblems) {
  const fs::path dir = fixtures_root() / "invalid" / GetParam();
  const std::vector<Expected> expected = read_expected(dir);
  ASSERT_FALSE(expected.empty()) << dir << "/expected has no problem lines";
  ASSERT_GE(count_severity(expected, Severity::error), 1u) << dir << "/expected has no error line";
  std::vector<Problem> problems;
  try {
    (void)load_directory(dir, read_options(dir));
    FAIL() << dir << " loaded without a DataError";
  } catch (const DataError& e) {
    problems = e.problems();
  }
  const std::vector<std::string> all = strings_of(problems);
  const std::string failure = unmatched(expected, all, dir);
  EXPECT_TRUE(failure.empty()) << failure;
  EXPECT_EQ(strings_of(problems, Severity::error).size(), count_severity(expected, Severity::error))
      << "the number of errors differs from " << dir << "/expected; reported:\n" << joined(all);
  expect_one_line_each(all);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, InvalidFixture, ::testing::ValuesIn(fixture_names("invalid")), param_name);

class WarningFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(WarningFixture, LoadsWithTheExpectedWarnings) {
  const fs::path dir = fixtures_root() / "warnings" / GetParam();
  const std::vector<Expected> expected = read_expected(dir);
  ASSERT_FALSE(expected.empty()) << dir << "/expected has no problem lines";
  ASSERT_EQ(count_severity(expected, Severity::error), 0u) << dir << "/expected lists errors";
  std::vector<Problem> warnings;
  try {
    (void)load_directory(dir, read_options(dir), &warnings);
  } catch (const DataError& e) {
    FAIL() << dir << " failed to load:\n" << joined(strings_of(e.problems()));
  }
  const std::vector<std::string> all = strings_of(warnings);
  const std::string failure = unmatched(expected, all, dir);
  EXPECT_TRUE(failure.empty()) << failure;
  EXPECT_EQ(all.size(), expected.size()) << "the number of warnings differs; reported:\n" << joined(all);
  for (const Problem& p : warnings) EXPECT_EQ(p.severity, Severity::warning) << p.to_string();
  expect_one_line_each(all);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, WarningFixture, ::testing::ValuesIn(fixture_names("warnings")), param_name);

// ---------------------------------------------------------------------------------------------
// The command line on the same fixtures

#ifdef BRANCHSCORE_EXE

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (const char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

struct RunResult {
  int status = -1;  // exit status, -1 when it did not exit normally
  std::string out;
  std::string err;
};

RunResult run(const std::string& args) {
  const TempDir tmp;
  const fs::path err_file = tmp.path() / "stderr.txt";
  const std::string command = shell_quote(BRANCHSCORE_EXE) + " " + args + " 2>" + shell_quote(err_file.string());
  RunResult result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) result.out.append(buffer, n);
  const int status = ::pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = read_text(err_file);
  return result;
}

class InvalidFixtureCli : public ::testing::TestWithParam<std::string> {};

TEST_P(InvalidFixtureCli, ValidateExitsOneAndPrintsEveryProblem) {
  const fs::path dir = fixtures_root() / "invalid" / GetParam();
  const std::vector<Expected> expected = read_expected(dir);
  std::string args = "validate " + shell_quote(dir.string());
  if (read_options(dir).allow_custom_kinds) args += " --allow-custom-kinds";
  const RunResult r = run(args);
  EXPECT_EQ(r.status, 1) << "stderr:\n" << r.err;
  EXPECT_EQ(r.out, "") << "a failed validation printed on stdout";
  const std::string failure = unmatched(expected, lines_of(r.err), dir);
  EXPECT_TRUE(failure.empty()) << failure;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, InvalidFixtureCli, ::testing::ValuesIn(fixture_names("invalid")), param_name);

#endif  // BRANCHSCORE_EXE

// ---------------------------------------------------------------------------------------------
// Inline datasets: reading rules that need more than one problem, or none

constexpr const char* kBranches = "branch_id,name\nb1,法院党支部\nb2,村党支部\n";

/// The problems of loading `dir` (empty when it loads), warnings included.
std::vector<Problem> problems_of(const TempDir& dir, const LoadOptions& options = {}) {
  std::vector<Problem> warnings;
  try {
    (void)load_directory(dir.path(), options, &warnings);
  } catch (const DataError& e) {
    return e.problems();
  }
  return warnings;
}

/// Errors of `dir`, checked in order against `expected` lines; also no other errors.
void expect_errors_in_order(const TempDir& dir, const std::vector<std::string>& expected_lines) {
  const std::vector<std::string> errors = strings_of(problems_of(dir), Severity::error);
  ASSERT_EQ(errors.size(), expected_lines.size()) << "reported:\n" << joined(errors);
  for (std::size_t i = 0; i < errors.size(); ++i) {
    const Expected e = parse_expected(expected_lines[i]);
    EXPECT_TRUE(e.matches(errors[i], dir.path())) << "error " << i << ": expected " << e.text << "\n got " << errors[i];
  }
}

TEST(ValidationInline, ReportsEveryProblemOfEveryFileInFileOrder) {
  TempDir dir;
  dir.write("branches.csv", "branch_id,name,org_type\nb1,x,organ\nb2,y,Village\nb1,z,village\n");
  dir.write("members.csv",
            "member_id,branch_id,birth_date,gender\n"
            "m1,b1,1990-02-30,M\n"
            "m2,b1,1980-01-01,X\n"
            "m3,b9,1980-01-01,F\n");
  dir.write("activities.csv",
            "activity_id,branch_id,kind,date,hours\n"
            "a1,b1,theme_day,2025-03-01,1.\n"
            "a2,b1,meeting,2025-04-01,2\n");
  dir.write("attendance.csv", "activity_id,member_id\na1,m2\na9,m2\n");
  dir.write("observations.csv", "branch_id,indicator,date,value\nb1,honors,,2.5\nb2,online_filing_rate,,1.5\n");
  expect_errors_in_order(dir, {
                                  "branches.csv:3: error: org_type: * 'Village'",
                                  "branches.csv:4: error: branch_id: * 'b1'",
                                  "members.csv:2: error: birth_date: * '1990-02-30'",
                                  "members.csv:3: error: gender: * 'X'",
                                  "members.csv:4: error: branch_id: * 'b9'",
                                  "activities.csv:2: error: hours: * '1.'",
                                  "activities.csv:3: error: kind: * 'meeting'",
                                  "attendance.csv:3: error: activity_id: * 'a9'",
                                  "observations.csv:2: error: value: * '2.5'",
                                  "observations.csv:3: error: value: * '1.5'",
                              });
}

TEST(ValidationInline, BlankLinesAreIgnoredAndDoNotShiftLineNumbers) {
  TempDir dir;
  dir.write("branches.csv", "branch_id,name\n\nb1,x\n   \n\t\n");
  dir.write("members.csv",
            "member_id,branch_id,birth_date\n"
            "m1,b1,1980-01-01\n"
            "\n"
            "  \t \n"
            "\xE3\x80\x80\xE3\x80\x80\n"  // U+3000 twice
            " \xC2\xA0\n"                 // U+00A0
            "m2,b1,1990-02-30\n"          // line 7
            "\n"
            "m3,b9,1980-01-01\n");  // line 9
  expect_errors_in_order(dir, {"members.csv:7: error: birth_date: * '1990-02-30'",
                               "members.csv:9: error: branch_id: * 'b9'"});
}

TEST(ValidationInline, BlankLinesAloneLoadWithoutProblems) {
  TempDir dir;
  dir.write("branches.csv", "branch_id,name\n\nb1,x\n \t\n\xE3\x80\x80\n");
  dir.write("members.csv", "member_id,branch_id,birth_date\n\n\nm1,b1,1980-01-01\n\n");
  std::vector<Problem> warnings;
  const Dataset ds = load_directory(dir.path(), {}, &warnings);
  EXPECT_TRUE(warnings.empty()) << joined(strings_of(warnings));
  EXPECT_EQ(ds.branch_count(), 1u);
  EXPECT_EQ(ds.members().id.size(), 1u);
}

TEST(ValidationInline, QuotedFieldSpanningLinesCountsItsNewlines) {
  TempDir dir;
  // Lines: 1 header, 2-3 b1, 4-6 b2 (CRLF inside the quotes is one line end), 7 b3, 8 the repeated b3.
  dir.write("branches.csv", "branch_id,name\nb1,\"法院\n党支部\"\nb2,\"a\r\nb\r\nc\"\nb3,x\nb3,y\n");
  dir.write("members.csv",
            "member_id,branch_id,name,birth_date\n"
            "m1,b1,\"line one\nline two\nline three\",1980-01-01\n"  // lines 2-4
            "m2,b1,\"\",1990-02-30\n");                              // line 5
  expect_errors_in_order(dir, {"branches.csv:8: error: branch_id: * 'b3'",
                               "members.csv:5: error: birth_date: * '1990-02-30'"});
}

TEST(ValidationInline, ProblemWithAMultiLineValueIsOneLine) {
  TempDir dir;
  dir.write("branches.csv", "branch_id,name\nb1,x\n");
  dir.write("activities.csv", "activity_id,branch_id,kind,date\na1,b1,\"theme\nday\",2025-03-01\na2,b1,x,2025-03-01\n");
  const std::vector<std::string> all = strings_of(problems_of(dir));
  ASSERT_EQ(all.size(), 2u) << joined(all);
  EXPECT_THAT(all[0], ::testing::StartsWith((dir.path() / "activities.csv").string() + ":2: error: kind: "));
  EXPECT_THAT(all[1], ::testing::StartsWith((dir.path() / "activities.csv").string() + ":4: error: kind: "));
  expect_one_line_each(all);
}

TEST(ValidationInline, QuotedNewlinesAreKeptInTheValue) {
  TempDir dir;
  dir.write("branches.csv", "branch_id,name\nb1,\"法院\n党支部\"\n");
  const Dataset ds = load_directory(dir.path());
  ASSERT_EQ(ds.branch_count(), 1u);
  EXPECT_EQ(ds.branches().name[0], "法院\n党支部");
}

TEST(ValidationInline, HeaderCellsAndValuesAreTrimmed) {
  TempDir dir;
  dir.write("branches.csv", " branch_id ,\tname\xE3\x80\x80,\" org_type \"\n  b1 , x\xC2\xA0, \" organ \" \n");
  dir.write("members.csv", "\" member_id\", branch_id ,birth_date \nm1, b1 ,\t1980-01-01\n");
  std::vector<Problem> warnings;
  Dataset ds = [&] {
    try {
      return load_directory(dir.path(), {}, &warnings);
    } catch (const DataError& e) {
      ADD_FAILURE() << joined(strings_of(e.problems()));
      throw;
    }
  }();
  EXPECT_TRUE(warnings.empty()) << joined(strings_of(warnings));
  ASSERT_EQ(ds.branch_count(), 1u);
  EXPECT_EQ(ds.branches().id[0], "b1");
  EXPECT_EQ(ds.branches().name[0], "x");
  ASSERT_EQ(ds.members().id.size(), 1u);
  EXPECT_EQ(ds.members().id[0], "m1");
}

TEST(ValidationInline, LeadingBomIsAccepted) {
  TempDir dir;
  dir.write("branches.csv", "\xEF\xBB\xBF" "branch_id,name\nb1,x\n");
  dir.write("members.csv", "\xEF\xBB\xBF" "member_id,branch_id,birth_date\nm1,b1,1980-01-01\n");
  std::vector<Problem> warnings;
  const Dataset ds = load_directory(dir.path(), {}, &warnings);
  EXPECT_TRUE(warnings.empty()) << joined(strings_of(warnings));
  ASSERT_EQ(ds.branch_count(), 1u);
  EXPECT_EQ(ds.branches().id[0], "b1");
  EXPECT_EQ(ds.members().id.size(), 1u);
}

TEST(ValidationInline, LeadingBomDoesNotShiftLines) {
  TempDir dir;
  dir.write("branches.csv", "\xEF\xBB\xBF" "branch_id,name\nb1,x\nb1,y\n");
  expect_errors_in_order(dir, {"branches.csv:3: error: branch_id: * 'b1'"});
}

TEST(ValidationInline, CrlfLineEndsAreAccepted) {
  TempDir dir;
  dir.write("branches.csv", "branch_id,name\r\nb1,x\r\nb2,y\r\n");
  dir.write("members.csv", "member_id,branch_id,birth_date\r\nm1,b1,1980-01-01\r\nm2,b2,1981-01-01\r\n");
  dir.write("activities.csv", "activity_id,branch_id,kind,date,attendees\r\na1,b1,theme_day,2025-03-01,1\r\n");
  dir.write("attendance.csv", "activity_id,member_id\r\na1,m1\r\n");
  std::vector<Problem> warnings;
  const Dataset ds = load_directory(dir.path(), {}, &warnings);
  EXPECT_TRUE(warnings.empty()) << joined(strings_of(warnings));
  ASSERT_EQ(ds.branch_count(), 2u);
  EXPECT_EQ(ds.branches().name[1], "y");  // no CR left in the last field
  EXPECT_EQ(ds.members().id.size(), 2u);
  EXPECT_EQ(ds.activities().id.size(), 1u);
  EXPECT_EQ(ds.attendance().activity.size(), 1u);
}

TEST(ValidationInline, CrlfLineNumbers) {
  TempDir dir;
  dir.write("branches.csv", "branch_id,name\r\nb1,x\r\n\r\nb1,\"y\r\nz\"\r\n");
  expect_errors_in_order(dir, {"branches.csv:4: error: branch_id: * 'b1'"});
}

TEST(ValidationInline, HeaderOnlyBranchesIsAnEmptyDataset) {
  TempDir dir;
  dir.write("branches.csv", "branch_id,name\n");
  std::vector<Problem> warnings;
  const Dataset ds = load_directory(dir.path(), {}, &warnings);
  EXPECT_TRUE(warnings.empty()) << joined(strings_of(warnings));
  EXPECT_EQ(ds.branch_count(), 0u);
}

TEST(ValidationInline, FullValidDatasetLoadsWithZeroProblems) {
  TempDir dir;
  dir.write("branches.csv",
            "branch_id,name,parent_id,org_type,last_election,internal_units,units_covered,fulltime_party_workers,"
            "pioneer_posts,brands,facilities,service_station\n"
            "b1,法院党支部,p1,organ,2023-05-10,8,8,1,3,2,activity_room;library_corner;culture_corridor;honor_wall;"
            "brand_wall;gym,staffed;venue;team;activities;rules\n"
            "b2,村党支部,p1,village,,0,0,0,0,0,;,\n"
            "b3,学校党支部,,school,2024-02-29, 5 ,,,,,\" gym ; ;activity_room \",staffed\n"
            "b4,x,,institution,,,,,,,,\n"
            "b5,x,,enterprise,,,,,,,,\n"
            "b6,x,,community,,,,,,,,\n"
            "b7,x,,social,,,,,,,,\n"
            "b8,x,,other,,,,,,,,\n");
  dir.write("members.csv",
            "member_id,branch_id,name,gender,ethnicity,birth_date,education,role,party_group,application_date,"
            "activist_date,candidate_date,admission_date,conversion_date,joined_branch,left_branch\n"
            "m1,b1,张三,M,汉族,1970-01-01,bachelor,secretary,一组,1990-01-01,1990-01-01,1991-01-01,1992-01-01,"
            "1992-01-01,,\n"
            "m2,b1,阿依古丽,F,维吾尔族,1980-02-29,master,deputy_secretary,,,,,2010-07-01,2011-07-01,2015-01-01,"
            "2020-01-01\n"
            "m3,b2,,,,1990-05-05,primary,committee_member,,2020-01-01,,2021-01-01,,,,\n"
            "m4,b2,,,,1960-01-01,junior_high,group_leader,,,,,1980-01-01,,,1980-01-02\n"
            "m5,b2,,,,1961-01-01,senior_high,,,,,,,,,\n"
            "m6,b3,,,,1962-01-01,vocational,,,,,,,,,\n"
            "m7,b3,,,,1963-01-01,associate,,,,,,,,,\n"
            "m8,b3,,,,1964-01-01,doctorate,,,,,,,,,\n");
  dir.write("activities.csv",
            "activity_id,branch_id,kind,date,mode,platform,attendees,expected,hours,lecturer_id,amount_yuan,cases,"
            "escalated,title\n"
            "a1,b1,party_lecture,2025-03-02,offline,,2,10,2,m1,,,,党课\n"
            "a2,b2,dispute_mediation,2025-04-01,online,微信,,,0.5,,,3,3,\n"
            "a3,b1,pairing_activity,2025-05-01,hybrid,学习强国,4,4,1e0,,1200.5,0,0,\"结对, 认亲\"\n"
            "a4,b3,theme_day,2024-02-29,,,0,0,0,,0,,,\n"
            "a5,b2,home_visit,2025-06-01,,,,,1.25E+1,,-0,,,\n");
  dir.write("attendance.csv", "activity_id,member_id\na1,m1\na1,m2\na2,m3\n");
  dir.write("observations.csv",
            "branch_id,indicator,date,value\n"
            "b1,serious_violations,,0\n"
            "b1,online_filing_rate,2025-12-31,1\n"
            "b2,online_filing_rate,,0\n"
            "b2,business_performance,,-3.5e2\n"
            "b3,honors,2025-06-30,2\n"
            "b3,my_indicator_2,,0.75\n");
  std::vector<Problem> warnings;
  try {
    const Dataset ds = load_directory(dir.path(), {}, &warnings);
    EXPECT_EQ(ds.branch_count(), 8u);
    EXPECT_EQ(ds.members().id.size(), 8u);
    EXPECT_EQ(ds.activities().id.size(), 5u);
    EXPECT_EQ(ds.attendance().activity.size(), 3u);
    EXPECT_EQ(ds.observations().value.size(), 6u);
  } catch (const DataError& e) {
    FAIL() << joined(strings_of(e.problems()));
  }
  EXPECT_TRUE(warnings.empty()) << joined(strings_of(warnings));
}

TEST(ValidationInline, CustomKindsLoadWhenAllowed) {
  TempDir dir;
  dir.write("branches.csv", "branch_id,name\nb1,x\n");
  dir.write("activities.csv", "activity_id,branch_id,kind,date\na1,b1,tree_planting_2,2025-03-01\na2,b1,theme_day,2025-03-02\n");
  LoadOptions options;
  options.allow_custom_kinds = true;
  EXPECT_TRUE(problems_of(dir, options).empty()) << joined(strings_of(problems_of(dir, options)));
  expect_errors_in_order(dir, {"activities.csv:2: error: kind: * 'tree_planting_2'"});
}

}  // namespace
}  // namespace libbranch
