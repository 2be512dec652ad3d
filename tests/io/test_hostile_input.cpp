// Input as a hostile or careless user would give it (issue 13): devices, FIFOs and directories in
// place of files, endless records, NUL bytes and UTF-16, a million bad rows, huge values and
// strings, deeply nested or huge rubrics. Each ends in a clear error or a correct result, quickly.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <libbranch/error.hpp>
#include <libbranch/io/input_limits.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/rubric.hpp>

#include "support/temp_dir.hpp"

namespace libbranch {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::TempDir;

struct Outcome {
  std::optional<Dataset> dataset;
  std::vector<Problem> problems;  // the DataError's, or the warnings
  std::size_t error_count = 0;
};

Outcome load(const fs::path& dir, LoadOptions options = {}) {
  Outcome out;
  try {
    out.dataset.emplace(load_directory(dir, options, &out.problems));
  } catch (const DataError& e) {
    out.problems = e.problems();
    out.error_count = e.error_count();
  }
  return out;
}

LoadOptions with_threads(unsigned threads, std::size_t chunk_bytes = 0) {
  LoadOptions o;
  o.threads = threads;
  o.chunk_bytes = chunk_bytes;
  return o;
}

std::vector<std::string> lines_of(const Outcome& o) {
  std::vector<std::string> out;
  for (const Problem& p : o.problems) out.push_back(p.to_string());
  return out;
}

// The serial and the parallel (chunked) loaders agree problem for problem, wherever chunks fall.
void expect_serial_equals_parallel(const fs::path& dir) {
  const Outcome serial = load(dir, with_threads(1));
  for (const std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{4096}}) {
    const Outcome parallel = load(dir, with_threads(3, chunk));
    EXPECT_EQ(lines_of(serial), lines_of(parallel)) << "chunk " << chunk;
    EXPECT_EQ(serial.error_count, parallel.error_count) << "chunk " << chunk;
  }
}

const std::string kBranches = "branch_id,name\nb1,一支部\n";

// --- files that are not regular files -------------------------------------------------------

TEST(HostileInput, BranchesSymlinkedToDevZeroIsRefusedAtOnce) {
  TempDir dir;
  fs::create_symlink("/dev/zero", dir / "branches.csv");
  const auto start = std::chrono::steady_clock::now();
  const Outcome o = load(dir.path());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  ASSERT_FALSE(o.dataset);
  ASSERT_EQ(o.problems.size(), 1u);
  EXPECT_EQ(o.problems[0].file, (dir / "branches.csv").string());
  EXPECT_THAT(o.problems[0].message, HasSubstr("is a character device, not a regular file"));
}

TEST(HostileInput, MembersAsAFifoIsRefusedWithoutBlocking) {
  TempDir dir;
  dir.write("branches.csv", kBranches);
  ASSERT_EQ(::mkfifo((dir / "members.csv").c_str(), 0600), 0);
  const Outcome o = load(dir.path());  // would block forever on open() without O_NONBLOCK
  ASSERT_FALSE(o.dataset);
  ASSERT_EQ(o.problems.size(), 1u);
  EXPECT_EQ(o.problems[0].file, (dir / "members.csv").string());
  EXPECT_THAT(o.problems[0].message, HasSubstr("is a FIFO (named pipe), not a regular file"));
}

TEST(HostileInput, ADirectoryNamedLikeATableIsRefused) {
  TempDir dir;
  dir.write("branches.csv", kBranches);
  fs::create_directory(dir / "activities.csv");
  const Outcome o = load(dir.path());
  ASSERT_FALSE(o.dataset);
  ASSERT_EQ(o.problems.size(), 1u);
  EXPECT_THAT(o.problems[0].message, HasSubstr("is a directory, not a regular file"));
}

TEST(HostileInput, ASymlinkToARegularFileStillLoads) {
  TempDir dir;
  const fs::path real = dir.write("real.csv", kBranches);
  fs::create_directory(dir / "data");
  fs::create_symlink(real, dir / "data" / "branches.csv");
  const Outcome o = load(dir / "data");
  ASSERT_TRUE(o.dataset);
  EXPECT_EQ(o.dataset->branch_count(), 1u);
}

TEST(HostileInput, RubricThatIsAFifoOrADeviceIsARubricError) {
  TempDir dir;
  ASSERT_EQ(::mkfifo((dir / "fifo.json").c_str(), 0600), 0);
  fs::create_symlink("/dev/zero", dir / "zero.json");
  for (const auto& [name, kind] : {std::pair{"fifo.json", "is a FIFO"}, std::pair{"zero.json", "is a character device"}}) {
    try {
      (void)Rubric::load(dir / name);
      ADD_FAILURE() << name << " loaded";
    } catch (const RubricError& e) {
      EXPECT_THAT(e.what(), HasSubstr((dir / name).string()));
      EXPECT_THAT(e.what(), HasSubstr(kind));
    }
  }
}

// --- record and field length --------------------------------------------------------------

TEST(HostileInput, ARecordWithoutLineEndStopsAtTheRecordLimit) {
  TempDir dir;
  std::string text = kBranches + "b2,";
  text.append(kMaxRecordBytes + (std::size_t{1} << 20), 'a');  // 17 MiB, no line end
  dir.write("branches.csv", text);
  const Outcome o = load(dir.path());
  ASSERT_FALSE(o.dataset);
  ASSERT_EQ(o.problems.size(), 1u);
  EXPECT_EQ(o.problems[0].line, 3);
  EXPECT_THAT(o.problems[0].message, HasSubstr("a record longer than 16 MiB"));
  expect_serial_equals_parallel(dir.path());
}

TEST(HostileInput, AnEndlessQuotedFieldStopsAtTheRecordLimit) {
  TempDir dir;
  std::string text = "branch_id,name\nb1,\"";
  for (int i = 0; i < 17 * 64; ++i) text += std::string(16 << 10, 'x') + "\n";  // line ends inside quotes
  dir.write("branches.csv", text);
  const Outcome o = load(dir.path());
  ASSERT_FALSE(o.dataset);
  ASSERT_EQ(o.problems.size(), 1u);
  EXPECT_EQ(o.problems[0].line, 2);
  EXPECT_THAT(o.problems[0].to_string(), HasSubstr("branches.csv:2: error: -: a record longer than 16 MiB"));
}

TEST(HostileInput, AHeaderWithoutLineEndStopsAtTheRecordLimit) {
  TempDir dir;
  dir.write("branches.csv", std::string(kMaxRecordBytes + 100, ','));  // also the last record: no line end
  const Outcome o = load(dir.path());
  ASSERT_FALSE(o.dataset);
  ASSERT_EQ(o.problems.size(), 1u);
  EXPECT_EQ(o.problems[0].line, 1);
  EXPECT_THAT(o.problems[0].message, HasSubstr("a record longer than 16 MiB"));
}

TEST(HostileInput, AFieldOverTheLimitIsAnErrorNamingLineAndField) {
  TempDir dir;
  dir.write("branches.csv", kBranches + "b2,\"" + std::string(kMaxFieldBytes + 1, 'n') + "\"\nb3,三支部\n");
  const Outcome o = load(dir.path());
  ASSERT_FALSE(o.dataset);
  ASSERT_EQ(o.problems.size(), 1u);
  EXPECT_EQ(o.problems[0].line, 3);
  EXPECT_THAT(o.problems[0].message, HasSubstr("field 2 is longer than the limit of 1 MiB (1048577 bytes)"));
  expect_serial_equals_parallel(dir.path());
}

TEST(HostileInput, AnIdOfOneMiBAndANameOf100KiBLoadCorrectly) {
  TempDir dir;
  const std::string id(kMaxFieldBytes, 'i');
  const std::string name(100 << 10, 'n');
  dir.write("branches.csv", "branch_id,name\n" + id + "," + name + "\n");
  const Outcome o = load(dir.path());
  ASSERT_TRUE(o.dataset);
  ASSERT_EQ(o.dataset->branch_count(), 1u);
  EXPECT_EQ(o.dataset->find_branch(id).has_value(), true);
}

// --- NUL bytes and UTF-16 ---------------------------------------------------------------------

TEST(HostileInput, ANulByteIsAnErrorNamingLineAndColumn) {
  TempDir dir;
  dir.write("branches.csv", kBranches + std::string("b\0 2", 4) + ",二支部\nb3,\"三\n" + std::string(1, '\0') + "\"\nb4,四支部\n");
  const Outcome o = load(dir.path());
  ASSERT_FALSE(o.dataset);
  ASSERT_EQ(o.problems.size(), 2u) << ::testing::PrintToString(lines_of(o));
  EXPECT_EQ(o.problems[0].line, 3);
  EXPECT_THAT(o.problems[0].message, HasSubstr("NUL byte at line 3, column 2: a binary or UTF-16 file?"));
  EXPECT_EQ(o.problems[1].line, 4);  // the record starts on line 4; the NUL is on line 5
  EXPECT_THAT(o.problems[1].message, HasSubstr("NUL byte at line 5, column 1"));
  expect_serial_equals_parallel(dir.path());
}

TEST(HostileInput, AUtf16FileIsNamedAsSuch) {
  TempDir dir;
  // "branch_id\n" in UTF-16LE with its byte order mark.
  std::string utf16 = "\xFF\xFE";
  for (const char c : std::string("branch_id\nb1\n")) utf16 += std::string{c, '\0'};
  dir.write("branches.csv", utf16);
  Outcome o = load(dir.path());
  ASSERT_EQ(o.problems.size(), 1u);
  EXPECT_EQ(o.problems[0].line, 1);
  EXPECT_THAT(o.problems[0].message, HasSubstr("the file is UTF-16LE"));
  // Without the mark, the NULs give it away.
  dir.write("branches.csv", utf16.substr(2));
  o = load(dir.path());
  ASSERT_EQ(o.problems.size(), 1u);
  EXPECT_THAT(o.problems[0].message, HasSubstr("NUL byte at line 1, column 2"));
}

// --- the problem cap --------------------------------------------------------------------------

fs::path bad_members(const TempDir& dir, std::size_t rows) {
  dir.write("branches.csv", kBranches);
  std::string members = "member_id,branch_id,birth_date\n";
  for (std::size_t i = 0; i < rows; ++i) members += "m" + std::to_string(i) + ",nope,1980-01-01\n";
  return dir.write("members.csv", members);
}

TEST(HostileInput, ProblemsAreCappedPerFileWithACountOfTheRest) {
  TempDir dir;
  const std::string members = bad_members(dir, 5000).string();
  const Outcome o = load(dir.path());
  ASSERT_FALSE(o.dataset);
  ASSERT_EQ(o.problems.size(), kDefaultMaxProblems + 1);
  EXPECT_EQ(o.error_count, 5000u);
  EXPECT_EQ(o.problems[0].line, 2);
  EXPECT_EQ(o.problems[kDefaultMaxProblems - 1].line, static_cast<std::int64_t>(kDefaultMaxProblems) + 1);
  const Problem& last = o.problems.back();
  EXPECT_EQ(last.omitted, 4000u);
  EXPECT_EQ(last.severity, Severity::error);
  EXPECT_EQ(last.to_string(), members + ": error: -: … and 4,000 more problems in " + members +
                                  " (only the first 1,000 are listed)");
  expect_serial_equals_parallel(dir.path());
}

TEST(HostileInput, BelowTheCapEveryProblemIsListed) {
  TempDir dir;
  bad_members(dir, 999);
  const Outcome o = load(dir.path());
  ASSERT_EQ(o.problems.size(), 999u);
  EXPECT_EQ(o.error_count, 999u);
  for (const Problem& p : o.problems) EXPECT_EQ(p.omitted, 0u);
}

TEST(HostileInput, TheCapIsAnOptionAndZeroListsAll) {
  TempDir dir;
  bad_members(dir, 1500);
  LoadOptions o10;
  o10.max_problems = 10;
  const Outcome ten = load(dir.path(), o10);
  ASSERT_EQ(ten.problems.size(), 11u);
  EXPECT_EQ(ten.problems.back().omitted, 1490u);
  EXPECT_EQ(ten.error_count, 1500u);
  LoadOptions all;
  all.max_problems = 0;
  const Outcome every = load(dir.path(), all);
  EXPECT_EQ(every.problems.size(), 1500u);
  EXPECT_EQ(every.error_count, 1500u);
}

TEST(HostileInput, EachFileHasItsOwnCap) {
  TempDir dir;
  bad_members(dir, 20);
  std::string branches = "branch_id,name,org_type\n";
  for (int i = 0; i < 30; ++i) branches += "b" + std::to_string(i) + ",x,Village\n";
  dir.write("branches.csv", branches);
  LoadOptions o5;
  o5.max_problems = 5;
  const Outcome o = load(dir.path(), o5);
  ASSERT_EQ(o.problems.size(), 12u) << ::testing::PrintToString(lines_of(o));
  EXPECT_EQ(o.problems[5].omitted, 25u);
  EXPECT_EQ(o.problems[5].file, (dir / "branches.csv").string());
  EXPECT_EQ(o.problems[11].omitted, 15u);
  EXPECT_EQ(o.problems[11].file, (dir / "members.csv").string());
  EXPECT_EQ(o.error_count, 50u);
}

// --- huge values, counts and columns ------------------------------------------------------------

TEST(HostileInput, HugeNumbersAreCorrectOrClearErrors) {
  TempDir dir;
  dir.write("branches.csv", kBranches);
  const std::string digits(100000, '9');
  dir.write("observations.csv",
            "branch_id,indicator,date,value\n"
            "b1,business_performance,2023-01-01,1e308\n"
            "b1,business_performance,2023-01-02,-0\n"
            "b1,business_performance,2023-01-03,0." + digits + "\n"
            "b1,business_performance,2023-01-04,1e-400\n"
            "b1,business_performance,2023-01-05,1e400\n"
            "b1,business_performance,2023-01-06," + digits + "\n"
            "b1,honors,2023-01-07,18446744073709551616\n"
            "b1,honors,2023-01-08,9223372036854775807\n"
            "b1,business_performance,2023-01-09,1e99999999999999999999\n");
  const Outcome o = load(dir.path());
  ASSERT_FALSE(o.dataset);
  std::vector<std::int64_t> lines;
  for (const Problem& p : o.problems) {
    EXPECT_EQ(p.column, "value") << p.to_string();
    lines.push_back(p.line);
  }
  // 1e400, 100,000 nines, 2^64 as an integer and an endless exponent are out of range; the rest load.
  EXPECT_EQ(lines, (std::vector<std::int64_t>{6, 7, 8, 10})) << ::testing::PrintToString(lines_of(o));
}

TEST(HostileInput, HugeCountsLoadCorrectly) {
  TempDir dir;
  dir.write("branches.csv", kBranches);
  dir.write("activities.csv",
            "activity_id,branch_id,kind,date,attendees\n"
            "a1,b1,theme_day,2023-01-01,9223372036854775807\n"
            "a2,b1,theme_day,2023-01-01,9223372036854775808\n");
  const Outcome o = load(dir.path());
  ASSERT_FALSE(o.dataset);
  ASSERT_EQ(o.problems.size(), 1u) << ::testing::PrintToString(lines_of(o));
  EXPECT_EQ(o.problems[0].line, 3);
  EXPECT_EQ(o.problems[0].column, "attendees");
}

std::string wide_table(std::size_t extra_columns) {
  std::string header = "branch_id,name", row = "b1,x";
  for (std::size_t i = 0; i < extra_columns; ++i) {
    header += ",c" + std::to_string(i);
    row += ",v";
  }
  return header + "\n" + row + "\n";
}

TEST(HostileInput, TenThousandColumnsLoadWithTheirWarningsCapped) {
  TempDir dir;
  dir.write("branches.csv", wide_table(kMaxColumns - 2));
  const auto start = std::chrono::steady_clock::now();
  const Outcome o = load(dir.path());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  ASSERT_TRUE(o.dataset);
  EXPECT_EQ(o.dataset->branch_count(), 1u);
  ASSERT_EQ(o.problems.size(), kDefaultMaxProblems + 1);  // one warning an unknown column, capped
  EXPECT_EQ(o.problems.back().omitted, kMaxColumns - 2 - kDefaultMaxProblems);
  EXPECT_EQ(o.problems.back().severity, Severity::warning);
}

TEST(HostileInput, MoreColumnsThanTheLimitAreOneError) {
  TempDir dir;
  dir.write("branches.csv", wide_table(100000));
  const Outcome o = load(dir.path());
  ASSERT_FALSE(o.dataset);
  ASSERT_EQ(o.problems.size(), 1u);
  EXPECT_THAT(o.problems[0].to_string(), HasSubstr("branches.csv:1: error: -: the header has 100002 columns; a table has at most 10000"));
}

TEST(HostileInput, GarbageAndOutOfRangeDatesAreErrors) {
  TempDir dir;
  dir.write("branches.csv", kBranches);
  const std::vector<std::string> dates = {"2023-02-29", "2023-13-01", "0000-00-00", "99999-01-01", "2023-1-1",
                                          "２０２３-01-01", "1e308", "2023-01-01T00:00", "-2023-01-01", "2023-00-10"};
  std::string members = "member_id,branch_id,birth_date\n";
  for (std::size_t i = 0; i < dates.size(); ++i) members += "m" + std::to_string(i) + ",b1," + dates[i] + "\n";
  dir.write("members.csv", members);
  const Outcome o = load(dir.path());
  ASSERT_FALSE(o.dataset);
  ASSERT_EQ(o.problems.size(), dates.size()) << ::testing::PrintToString(lines_of(o));
  for (std::size_t i = 0; i < dates.size(); ++i) {
    EXPECT_EQ(o.problems[i].column, "birth_date");
    EXPECT_EQ(o.problems[i].value, dates[i]);
    EXPECT_EQ(o.problems[i].severity, Severity::error);
  }
}

// --- rubrics ----------------------------------------------------------------------------------

std::string rubric_error(const std::string& text) {
  try {
    (void)Rubric::parse(text, "deep.json");
  } catch (const RubricError& e) {
    return e.what();
  }
  return "<no error>";
}

TEST(HostileInput, DeeplyNestedRubricJsonIsRefusedBeforeParsing) {
  const std::string deep = "{\"name\":\n" + std::string(100000, '[') + std::string(100000, ']') + "}";
  EXPECT_THAT(rubric_error(deep), HasSubstr("line 2: arrays and objects nested more than 64 deep"));
  // Brackets inside strings are text, not nesting.
  const std::string in_string = "{\"name\": \"" + std::string(1000, '[') + "\\\"" + std::string(1000, '{') + "\"}";
  EXPECT_THAT(rubric_error(in_string), ::testing::Not(HasSubstr("nested")));
}

TEST(HostileInput, AHugeRubricIsRefusedBySizeWithoutReadingIt) {
  TempDir dir;
  const fs::path file = dir.write("huge.json", "");
  fs::resize_file(file, std::uintmax_t{100} << 20);  // sparse: 100 MiB of NULs
  const auto start = std::chrono::steady_clock::now();
  try {
    (void)Rubric::load(file);
    FAIL() << "loaded";
  } catch (const RubricError& e) {
    EXPECT_THAT(e.what(), HasSubstr("is 100 MiB; a rubric is at most 16 MiB"));
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_THAT(rubric_error(std::string(kMaxRubricBytes + 1, ' ')), HasSubstr("a rubric is at most 16 MiB"));
}

}  // namespace
}  // namespace libbranch
