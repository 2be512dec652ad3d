// The branchscore command line, run as a user runs it: exit codes, stdout/stderr, files written.
#include <gmock/gmock.h>
#include <gtest/gtest.h>


#include "support/run_cli.hpp"

namespace {

using ::testing::HasSubstr;
using libbranch::testing::branchscore;
using libbranch::testing::CliRun;
using libbranch::testing::slurp;
using libbranch::testing::TempDir;

const std::string kSample = std::string(LIBBRANCH_SOURCE_DIR) + "/examples/county_court";

TEST(Cli, ValidateTheSampleSucceedsWithASummary) {
  const CliRun r = branchscore("validate " + kSample);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("valid"));
  EXPECT_THAT(r.out, HasSubstr("8 branches"));
  EXPECT_EQ(r.err, "");
}

TEST(Cli, ValidateReportsEveryProblemAndExitsOne) {
  TempDir dir;
  dir.write("branches.csv", "branch_id,name,org_type\nb1,一支部,organ\nb2,二支部,Village\n");
  dir.write("members.csv", "member_id,branch_id,birth_date\nm1,b3,1980-01-01\n");
  const CliRun r = branchscore("validate " + dir.path().string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr((dir.path() / "branches.csv").string() + ":3: error: org_type: "));
  EXPECT_THAT(r.err, HasSubstr("'Village'"));
  EXPECT_THAT(r.err, HasSubstr((dir.path() / "members.csv").string() + ":2: error: branch_id: "));
  EXPECT_THAT(r.err, HasSubstr("'b3'"));
  EXPECT_EQ(r.out, "");
}

TEST(Cli, WarningsArePrintedButDoNotFail) {
  TempDir dir;
  dir.write("branches.csv", "branch_id,name,colour\nb1,一支部,red\n");
  const CliRun r = branchscore("validate " + dir.path().string());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("branches.csv:1: warning: colour: "));
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(branchscore("").exit_code, 2);
  EXPECT_EQ(branchscore("validate").exit_code, 2);
  EXPECT_EQ(branchscore("frobnicate x").exit_code, 2);
  EXPECT_EQ(branchscore("synth --branches 10").exit_code, 2);  // --out is required
  EXPECT_EQ(branchscore("pack " + kSample + " --out x --format zip").exit_code, 2);
  EXPECT_EQ(branchscore("--help").exit_code, 0);
}

TEST(Cli, MissingDatasetExitsOne) {
  const CliRun r = branchscore("validate /nonexistent/dataset");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("/nonexistent/dataset"));
}

TEST(Cli, PackWritesAnArchiveThatLoadsLikeTheDirectory) {
  TempDir dir;
  const auto archive = dir.path() / "court.lbar";
  const CliRun pack = branchscore("pack " + kSample + " --out " + archive.string());
  ASSERT_EQ(pack.exit_code, 0) << pack.err;
  ASSERT_TRUE(std::filesystem::exists(archive));
  const CliRun from_dir = branchscore("validate " + kSample);
  const CliRun from_archive = branchscore("validate " + archive.string());
  EXPECT_EQ(from_archive.exit_code, 0) << from_archive.err;
  // Same counts from both sources.
  const auto counts = [](const std::string& s) { return s.substr(s.find(": valid: ")); };
  EXPECT_EQ(counts(from_archive.out), counts(from_dir.out));
}

TEST(Cli, PackWritesNothingWhenTheDataIsInvalid) {
  TempDir dir;
  dir.write("data/branches.csv", "branch_id,name\nb1,\n");  // name is required
  const auto archive = dir.path() / "out.lbar";
  const CliRun r = branchscore("pack " + (dir.path() / "data").string() + " --out " + archive.string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(archive));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);  // no temporary left
}

TEST(Cli, SynthWritesAValidDatasetDeterministically) {
  TempDir dir;
  const CliRun a = branchscore("synth --branches 40 --seed 9 --out " + (dir.path() / "a").string());
  const CliRun b = branchscore("synth --branches 40 --seed 9 --out " + (dir.path() / "b").string());
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  for (const char* f : {"branches.csv", "members.csv", "activities.csv", "attendance.csv", "observations.csv"})
    EXPECT_EQ(slurp(dir.path() / "a" / f), slurp(dir.path() / "b" / f)) << f;
  const CliRun v = branchscore("validate " + (dir.path() / "a").string());
  EXPECT_EQ(v.exit_code, 0) << v.err;
  EXPECT_THAT(v.out, HasSubstr("40 branches"));
  EXPECT_THAT(v.out, HasSubstr("0 warnings"));
}

}  // namespace
