// branchscore given hostile input (issue 13): it answers quickly with a clear error, and a file of
// many bad rows lists the first problems and counts the rest.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "support/run_cli.hpp"

namespace {

using ::testing::HasSubstr;
using libbranch::testing::branchscore;
using libbranch::testing::CliRun;
using libbranch::testing::TempDir;

std::size_t line_count(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

TEST(CliHostile, ValidateRefusesADevZeroSymlinkAndAFifo) {
  TempDir dir;
  std::filesystem::create_symlink("/dev/zero", dir / "branches.csv");
  ASSERT_EQ(::mkfifo((dir / "members.csv").c_str(), 0600), 0);
  // Before: read /dev/zero forever, or blocked opening the FIFO.
  const CliRun r = branchscore("validate " + dir.path().string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr((dir / "branches.csv").string() + ": error: -: cannot open the file: is a character device, not a regular file"));
  EXPECT_THAT(r.err, HasSubstr((dir / "members.csv").string() + ": error: -: cannot open the file: is a FIFO (named pipe), not a regular file"));
}

TEST(CliHostile, ADataPathThatIsADeviceOrAFifoIsNamedAsSuch) {
  TempDir dir;
  std::filesystem::create_symlink("/dev/zero", dir / "data.lbar");
  ASSERT_EQ(::mkfifo((dir / "fifo.lbar").c_str(), 0600), 0);
  const CliRun zero = branchscore("validate " + (dir / "data.lbar").string());
  EXPECT_EQ(zero.exit_code, 1);
  EXPECT_THAT(zero.err, HasSubstr((dir / "data.lbar").string() + ": error: -: is a character device, not a regular file"));
  const CliRun fifo = branchscore("score " + (dir / "fifo.lbar").string());
  EXPECT_EQ(fifo.exit_code, 1);
  EXPECT_THAT(fifo.err, HasSubstr("is a FIFO (named pipe), not a regular file"));
}

// Every other file a command reads by path: a FIFO is refused at once instead of blocking.
TEST(CliHostile, RuleSetsAhpMatricesAndPluginsThatAreFifosAreRefused) {
  TempDir dir;
  dir.write("data/branches.csv", "branch_id,name\nb1,x\n");
  ASSERT_EQ(::mkfifo((dir / "rules.json").c_str(), 0600), 0);
  ASSERT_EQ(::mkfifo((dir / "ahp.json").c_str(), 0600), 0);
  std::filesystem::create_directories(dir / "plugins");
  ASSERT_EQ(::mkfifo((dir / "plugins" / "libbranch_fifo.so").c_str(), 0600), 0);

  const CliRun rules = branchscore("check " + (dir / "data").string() + " --rules " + (dir / "rules.json").string());
  EXPECT_NE(rules.exit_code, 0);
  EXPECT_THAT(rules.err, HasSubstr("is a FIFO (named pipe), not a regular file"));
  const CliRun ahp = branchscore("weights ahp " + (dir / "ahp.json").string());
  EXPECT_NE(ahp.exit_code, 0);
  EXPECT_THAT(ahp.err, HasSubstr("not a regular file"));
  const CliRun plugins = branchscore("plugins --plugins " + (dir / "plugins").string());
  EXPECT_THAT(plugins.out + plugins.err, HasSubstr("is a FIFO (named pipe), not a regular file"));
}

TEST(CliHostile, ScoreRefusesARubricThatIsAFifo) {
  TempDir dir;
  dir.write("branches.csv", "branch_id,name\nb1,x\n");
  ASSERT_EQ(::mkfifo((dir / "rubric.json").c_str(), 0600), 0);
  const CliRun r = branchscore("score " + dir.path().string() + " --rubric " + (dir / "rubric.json").string() +
                               " --year 2023");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("is a FIFO (named pipe), not a regular file"));
}

TEST(CliHostile, ValidateListsTheFirstThousandProblemsAndCountsTheRest) {
  TempDir dir;
  dir.write("branches.csv", "branch_id,name\nb1,x\n");
  std::string members = "member_id,branch_id,birth_date\n";
  for (int i = 0; i < 3000; ++i) members += "m" + std::to_string(i) + ",nope,1980-01-01\n";
  const std::string file = dir.write("members.csv", members).string();
  const CliRun r = branchscore("validate " + dir.path().string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(line_count(r.err), 1000u + 2u) << r.err.substr(0, 500);  // problems, the count, the total
  EXPECT_THAT(r.err, HasSubstr(file + ": error: -: … and 2,000 more problems in " + file + " (only the first 1,000 are listed)\n"
                                   "branchscore: 3000 errors\n"));
  const CliRun ten = branchscore("validate --max-problems 10 " + dir.path().string());
  EXPECT_EQ(line_count(ten.err), 12u);
  EXPECT_THAT(ten.err, HasSubstr("… and 2,990 more problems"));
  const CliRun all = branchscore("validate --max-problems 0 " + dir.path().string());
  EXPECT_EQ(line_count(all.err), 3001u);
  EXPECT_THAT(all.err, ::testing::Not(HasSubstr("more problems")));
}

}  // namespace
