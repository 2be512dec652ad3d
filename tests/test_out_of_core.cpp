// Out-of-core scoring (partitioned archives, ScoreBuilder, slice_branches): every number equals
// in-memory scoring of the whole dataset, however the branches are split into parts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include <libbranch/dataset_parts.hpp>
#include <libbranch/engine.hpp>
#include <libbranch/error.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/out_of_core.hpp>
#include <libbranch/partitioned_archive.hpp>
#include <libbranch/serialization.hpp>
#include <libbranch/synth.hpp>

#include "support/full_registry.hpp"
#include "support/relative_rubric.hpp"
#include "support/run_cli.hpp"
#include "support/scorecard_compare.hpp"
#include "support/synthetic_dataset.hpp"
#include "support/temp_dir.hpp"

namespace libbranch {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;

const MetricRegistry& registry() {
  static const MetricRegistry r = testing::full_registry();
  return r;
}

const Dataset& synthetic() { return testing::synthetic_province(); }

bool same_bits(double a, double b) { return testing::bits(a) == testing::bits(b); }

void expect_same_scorecard(const Scorecard& a, const Scorecard& b) { testing::expect_same(a, b); }

Rubric relative_rubric() { return testing::relative_rubric(); }

struct Split {
  std::size_t branches_per_part;
  int threads;
};
void PrintTo(const Split& s, std::ostream* os) { *os << s.branches_per_part << " branches a part, " << s.threads << " threads"; }

class OutOfCoreScoring : public ::testing::TestWithParam<Split> {};

TEST_P(OutOfCoreScoring, PartitionedArchiveScoresExactlyAsTheWholeDatasetInMemory) {
  const Dataset& ds = synthetic();
  TempDir dir;
  const auto path = dir / "parts.lbar";
  save_partitioned_archive(ds, path, GetParam().branches_per_part);
  const PartitionedArchive archive(path);
  ASSERT_EQ(archive.branch_count(), ds.branch_count());
  const std::size_t expected_parts = (ds.branch_count() + GetParam().branches_per_part - 1) / GetParam().branches_per_part;
  EXPECT_EQ(archive.parts().size(), expected_parts);
  ScoreOptions options;
  options.threads = GetParam().threads;
  for (const Rubric& rubric : {Rubric::default_rubric(), relative_rubric()}) {
    for (const Period& period : {Period::calendar_year(2025), Period{*Date::parse("2024-03-01"), *Date::parse("2025-06-30")}}) {
      SCOPED_TRACE(rubric.name);
      const Scorecard whole = score(ds, rubric, period, registry(), options);
      expect_same_scorecard(score(archive, rubric, period, registry(), options), whole);
      // A budget for one part at a time (no read-ahead) gives the same numbers.
      const std::uint64_t tight = minimum_memory(archive, rubric);
      expect_same_scorecard(score(archive, rubric, period, registry(), options, tight), whole);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Splits, OutOfCoreScoring,
                         ::testing::Values(Split{1, 2}, Split{7, 1}, Split{7, 2}, Split{64, 2}, Split{399, 2},
                                           Split{400, 1}, Split{100000, 2}));

TEST(OutOfCore, TheDefaultPeriodIsTheLatestYearOfAnyPart) {
  TempDir dir;
  save_partitioned_archive(synthetic(), dir / "p.lbar", 50);
  const PartitionedArchive archive(dir / "p.lbar");
  const Period expected = default_period(synthetic());
  EXPECT_EQ(default_period(archive).from, expected.from);
  EXPECT_EQ(default_period(archive).to, expected.to);
}

TEST(OutOfCore, ABudgetBelowTheScorecardAndTheLargestPartIsRefusedBeforeReading) {
  TempDir dir;
  save_partitioned_archive(synthetic(), dir / "p.lbar", 100);
  const PartitionedArchive archive(dir / "p.lbar");
  const Rubric rubric = Rubric::default_rubric();
  const std::uint64_t minimum = minimum_memory(archive, rubric);
  EXPECT_GT(minimum, archive.largest_part_memory());
  try {
    (void)score(archive, rubric, Period::calendar_year(2025), registry(), {}, minimum - 1);
    FAIL() << "expected an Error";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("too small"));
    EXPECT_THAT(e.what(), HasSubstr("p.lbar"));
  }
}

TEST(ScoreBuilderTest, PartsBeyondTheAnnouncedBranchesOrTooFewAreErrors) {
  const Dataset& ds = synthetic();
  const Rubric rubric = Rubric::default_rubric();
  const Period period = Period::calendar_year(2025);
  ScoreBuilder more(rubric, period, registry(), 10, {});
  EXPECT_THROW(more.add(slice_branches(ds, {0, 11})), Error);
  ScoreBuilder fewer(rubric, period, registry(), 10, {});
  fewer.add(slice_branches(ds, {0, 4}));
  EXPECT_EQ(fewer.branch_count(), 4u);
  EXPECT_THROW((void)fewer.finish(), Error);
}

TEST(ScoreBuilderTest, UnevenPartsGiveTheSameScorecard) {
  const Dataset& ds = synthetic();
  const Rubric rubric = relative_rubric();
  const Period period = Period::calendar_year(2025);
  ScoreBuilder builder(rubric, period, registry(), ds.branch_count(), {});
  std::uint32_t begin = 0;
  for (std::uint32_t size : {0u, 1u, 13u, 0u, 200u, 3u}) {
    builder.add(slice_branches(ds, {begin, begin + size}));
    begin += size;
  }
  builder.add(slice_branches(ds, {begin, static_cast<std::uint32_t>(ds.branch_count())}));
  expect_same_scorecard(builder.finish(), score(ds, rubric, period, registry()));
}

TEST(ScoreBuilderTest, PartsComputedByAnotherBuilderAddUpToTheSameScorecard) {
  // As a cluster would: workers compute parts with builders of their own, one builder adds them.
  const Dataset& ds = synthetic();
  const Rubric rubric = relative_rubric();
  const Period period = Period::calendar_year(2025);
  ScoreBuilder worker(rubric, period, registry(), 0, {});
  ScoreBuilder builder(rubric, period, registry(), ds.branch_count(), {});
  ASSERT_EQ(worker.metric_columns().size(), builder.metric_columns().size());
  for (std::uint32_t begin = 0; begin < ds.branch_count(); begin += 90) {
    const auto end = static_cast<std::uint32_t>(std::min<std::size_t>(begin + 90, ds.branch_count()));
    const PartMetrics part = worker.compute_part(slice_branches(ds, {begin, end}));
    ASSERT_EQ(part.values.rows(), end - begin);
    builder.add(part);
  }
  EXPECT_EQ(worker.branch_count(), 0u);  // computing a part does not add it
  expect_same_scorecard(builder.finish(), score(ds, rubric, period, registry()));

  ScoreBuilder other(Rubric::default_rubric(), period, registry(), ds.branch_count(), {});
  EXPECT_THROW(other.add(worker.compute_part(slice_branches(ds, {0, 5}))), Error);  // other metric columns
  PartMetrics torn = worker.compute_part(slice_branches(ds, {0, 5}));
  torn.parent_ids.pop_back();
  ScoreBuilder again(rubric, period, registry(), ds.branch_count(), {});
  EXPECT_THROW(again.add(torn), Error);
}

TEST(ScorecardRows, ARangeOfRowsKeepsEveryNumberAndRebasesTheVetoes) {
  const Scorecard card = score(synthetic(), relative_rubric(), Period::calendar_year(2025), registry());
  ASSERT_FALSE(card.fired_vetoes.empty());
  const Scorecard rows = scorecard_rows(card, 120, 260);
  ASSERT_EQ(rows.branch_count(), 140u);
  EXPECT_EQ(rows.branch_ids.front(), card.branch_ids[120]);
  for (std::size_t b = 0; b < 140; ++b) {
    EXPECT_EQ(rows.totals[static_cast<Eigen::Index>(b)], card.totals[static_cast<Eigen::Index>(120 + b)]);
    EXPECT_EQ(rows.rating(b), card.rating(120 + b));
    EXPECT_EQ(rows.points.row(static_cast<Eigen::Index>(b)), card.points.row(static_cast<Eigen::Index>(120 + b)));
    const auto fired = [](const Scorecard& c, std::size_t r) {
      return std::vector<std::uint32_t>(c.fired_vetoes.begin() + c.veto_offsets[r], c.fired_vetoes.begin() + c.veto_offsets[r + 1]);
    };
    EXPECT_EQ(fired(rows, b), fired(card, 120 + b));
  }
  EXPECT_EQ(scorecard_rows(card, 5, 5).branch_count(), 0u);
  EXPECT_THROW((void)scorecard_rows(card, 300, 401), Error);
}

TEST(SliceBranches, EveryBuiltInMetricOfASliceEqualsItsRowsOfTheWhole) {
  const Dataset& ds = synthetic();
  const Period period = Period::calendar_year(2025);
  const Dataset part = slice_branches(ds, {150, 220});
  ASSERT_EQ(part.branch_count(), 70u);
  for (const Metric* m : registry().metrics()) {
    const Eigen::VectorXd whole = compute_metric(registry(), m->id, {}, ds, period);
    const Eigen::VectorXd sliced = compute_metric(registry(), m->id, {}, part, period);
    for (Eigen::Index b = 0; b < 70; ++b)
      ASSERT_TRUE(same_bits(whole[150 + b], sliced[b])) << m->id << " branch " << 150 + b;
  }
  EXPECT_EQ(part.branches().id[0], ds.branches().id[150]);
  EXPECT_EQ(part.members().size(), ds.members_of(219).end - ds.members_of(150).begin);
}

TEST(SliceBranches, LinksToMembersOutsideTheRangeAreDroppedAndTheRestKept) {
  TempDir dir;
  dir.write("branches.csv", "branch_id,name\na,A\nb,B\n");
  dir.write("members.csv",
            "member_id,branch_id,birth_date,admission_date,role\n"
            "ma,a,1980-01-01,2010-01-01,secretary\nmb,b,1980-01-01,2010-01-01,secretary\n");
  dir.write("activities.csv",
            "activity_id,branch_id,kind,date,lecturer_id\n"
            "x1,a,party_lecture,2025-03-01,ma\nx2,a,party_lecture,2025-04-01,mb\nx3,b,party_lecture,2025-05-01,mb\n");
  dir.write("attendance.csv", "activity_id,member_id\nx1,ma\nx1,mb\nx3,mb\n");
  std::vector<Problem> warnings;
  const Dataset ds = load_directory(dir.path(), {}, &warnings);
  ASSERT_FALSE(warnings.empty());  // the cross-branch lecturer and attendee are warnings
  const Dataset a = slice_branches(ds, {0, 1});
  EXPECT_EQ(a.activities().size(), 2u);
  EXPECT_EQ(a.activities().lecturer.entry_count(), 1u);  // x1 by ma; x2's lecturer mb is outside
  EXPECT_EQ(a.attendance().size(), 1u);                  // x1, ma
  EXPECT_EQ(a.activities().attendees.value_or(0, -1), 2);  // the count fixed at load stays
  const Dataset b = slice_branches(ds, {1, 2});
  EXPECT_EQ(b.activities().lecturer.entry_count(), 1u);
  EXPECT_EQ(b.activities().lecturer.entry_value(0), 0u);  // mb, renumbered
  EXPECT_EQ(b.attendance().activity, std::vector<std::uint32_t>{0});
  const Period period = Period::calendar_year(2025);
  EXPECT_EQ(compute_metric(registry(), "fortress.secretary_lectures", {}, a, period)[0],
            compute_metric(registry(), "fortress.secretary_lectures", {}, ds, period)[0]);
  EXPECT_THROW((void)slice_branches(ds, {1, 3}), Error);
}

TEST(DatasetConcatenatorTest, SlicesPutBackTogetherAreTheDataset) {
  const Dataset& ds = synthetic();
  DatasetConcatenator all;
  std::uint32_t begin = 0;
  for (std::uint32_t size : {0u, 1u, 57u, 200u, 0u}) {
    all.append(slice_branches(ds, {begin, begin + size}));
    begin += size;
  }
  all.append(slice_branches(ds, {begin, static_cast<std::uint32_t>(ds.branch_count())}));
  EXPECT_TRUE(all.finish() == ds);
  EXPECT_TRUE(DatasetConcatenator().finish() == Dataset());
}

TEST(DatasetConcatenatorTest, CustomKindsAndDictionariesAreMergedByValue) {
  LoadOptions custom;
  custom.allow_custom_kinds = true;
  TempDir one;
  one.write("branches.csv", "branch_id,name,parent_id\na,A,p1\n");
  one.write("activities.csv", "activity_id,branch_id,kind,date,platform\nx1,a,tree_planting,2025-03-01,微信\n");
  TempDir two;
  two.write("branches.csv", "branch_id,name,parent_id\nb,B,p2\nc,C,p1\n");
  two.write("activities.csv",
            "activity_id,branch_id,kind,date,platform\ny1,b,river_cleanup,2025-03-01,学习强国\n"
            "y2,c,tree_planting,2025-04-01,微信\ny3,c,theme_day,2025-04-02,\n");
  DatasetConcatenator all;
  all.append(load_directory(one.path(), custom));
  all.append(load_directory(two.path(), custom));
  const Dataset ds = all.finish();
  ASSERT_EQ(ds.activities().size(), 4u);
  EXPECT_EQ(ds.custom_kinds(), (std::vector<std::string>{"tree_planting", "river_cleanup"}));
  EXPECT_EQ(ds.kind_id(ds.activities().kind[0]), "tree_planting");
  EXPECT_EQ(ds.kind_id(ds.activities().kind[1]), "river_cleanup");
  EXPECT_EQ(ds.kind_id(ds.activities().kind[2]), "tree_planting");
  EXPECT_EQ(ds.kind_id(ds.activities().kind[3]), "theme_day");
  EXPECT_EQ(ds.activities().platform[2], "微信");
  EXPECT_EQ(ds.activities().platform[3], "");
  EXPECT_EQ(ds.branches().parent_id.dict.size(), 2u);
  EXPECT_EQ(ds.branches().parent_id[2], "p1");
  EXPECT_EQ(ds.activities().branch.expanded(), (std::vector<std::uint32_t>{0, 1, 2, 2}));
}

TEST(PartitionedArchiveTest, LoadDatasetReadsAPartitionedArchiveWhole) {
  TempDir dir;
  save_partitioned_archive(synthetic(), dir / "p.lbar", 33);
  EXPECT_TRUE(load_dataset(dir / "p.lbar") == synthetic());
  EXPECT_TRUE(PartitionedArchive(dir / "p.lbar").load_all() == synthetic());
  try {
    (void)PartitionedArchive(dir / "p.lbar").load_all(1 << 20);
    FAIL() << "a 1 MiB limit holds no 400-branch dataset";
  } catch (const ArchiveError& e) {
    EXPECT_THAT(e.what(), HasSubstr("score it out of core"));
  }
}

TEST(PartitionedArchiveTest, EachPartIsTheSliceOfItsBranchesAndTheIndexDescribesIt) {
  const Dataset& ds = synthetic();
  TempDir dir;
  save_partitioned_archive(ds, dir / "p.lbar", 150);
  EXPECT_EQ(archive_kind(dir / "p.lbar"), ArchiveKind::partitioned);
  const PartitionedArchive archive(dir / "p.lbar");
  ASSERT_EQ(archive.parts().size(), 3u);
  std::uint32_t begin = 0;
  for (std::size_t k = 0; k < 3; ++k) {
    const ArchivePart& p = archive.parts()[k];
    const auto end = static_cast<std::uint32_t>(std::min<std::size_t>(begin + 150, ds.branch_count()));
    const Dataset expected = slice_branches(ds, {begin, end});
    const Dataset part = archive.load_part(k);
    EXPECT_TRUE(part == expected) << "part " << k;
    EXPECT_EQ(p.branches, end - begin);
    EXPECT_EQ(p.members, expected.members().size());
    EXPECT_EQ(p.activities, expected.activities().size());
    EXPECT_EQ(p.memory_bytes, expected.memory().total());
    begin = end;
  }
  EXPECT_THROW((void)archive.load_part(3), std::out_of_range);
}

TEST(PartitionedArchiveTest, SynthWritesPartsEqualToSlicesOfItsFiles) {
  TempDir dir;
  SynthOptions options;
  options.branches = 95;
  options.seed = 4;
  const SynthSummary files = write_synthetic_dataset(options, dir / "d");
  const SynthSummary parts = write_synthetic_archive(options, dir / "s.lbar", 30);
  EXPECT_EQ(parts.members, files.members);
  EXPECT_EQ(parts.activities, files.activities);
  EXPECT_EQ(parts.attendance, files.attendance);
  const Dataset whole = load_directory(dir / "d");
  const PartitionedArchive archive(dir / "s.lbar");
  ASSERT_EQ(archive.parts().size(), 4u);
  for (std::uint32_t k = 0; k < 4; ++k) {
    const Dataset expected = slice_branches(whole, {30 * k, std::min(30 * k + 30, 95u)});
    EXPECT_TRUE(archive.load_part(k) == expected) << "part " << k;
  }
}

TEST(PartitionedArchiveTest, AnEmptyDatasetIsOneEmptyPart) {
  TempDir dir;
  save_partitioned_archive(Dataset(), dir / "e.lbar", 10);
  const PartitionedArchive archive(dir / "e.lbar");
  ASSERT_EQ(archive.parts().size(), 1u);
  EXPECT_EQ(archive.branch_count(), 0u);
  EXPECT_TRUE(archive.latest_activity().is_none());
  EXPECT_THROW((void)default_period(archive), Error);
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

TEST(PartitionedArchiveTest, TruncatedCorruptedAndOtherKindsAreArchiveErrors) {
  TempDir dir;
  const Dataset ds = slice_branches(synthetic(), {0, 20});
  save_partitioned_archive(ds, dir / "p.lbar", 6);
  save_archive(ds, dir / "whole.lbar");
  const std::string bytes = read_file(dir / "p.lbar");
  // Cut anywhere: the index (read from the end) or a part tells.
  for (std::size_t cut : {std::size_t{0}, std::size_t{10}, std::size_t{18}, bytes.size() / 2, bytes.size() - 17,
                          bytes.size() - 8, bytes.size() - 1}) {
    dir.write("cut.lbar", bytes.substr(0, cut));
    EXPECT_THROW(
        {
          const PartitionedArchive a(dir / "cut.lbar");
          for (std::size_t k = 0; k < a.parts().size(); ++k) (void)a.load_part(k);
        },
        ArchiveError)
        << "cut at " << cut;
  }
  // An index offset pointing elsewhere (header version 2: offset, checksum, end marker at the end).
  constexpr std::size_t kIndexOffsetFromEnd = 24;
  std::string bad = bytes;
  bad[bad.size() - kIndexOffsetFromEnd] = static_cast<char>(bad[bad.size() - kIndexOffsetFromEnd] ^ 0x40);
  dir.write("bad.lbar", bad);
  EXPECT_THROW(PartitionedArchive(dir / "bad.lbar"), ArchiveError);
  // A part's offset in the index moved by one byte.
  const std::uint64_t index = [&] {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
      v |= std::uint64_t(static_cast<unsigned char>(bytes[bytes.size() - kIndexOffsetFromEnd + i])) << (8 * i);
    return v;
  }();
  bad = bytes;
  bad[index + 16 + 64] = static_cast<char>(bad[index + 16 + 64] + 1);  // part 1's offset
  dir.write("moved.lbar", bad);
  EXPECT_THROW(PartitionedArchive(dir / "moved.lbar"), ArchiveError);
  try {
    const PartitionedArchive a(dir / "whole.lbar");
    FAIL() << "a plain dataset archive is not a partitioned one";
  } catch (const ArchiveError& e) {
    EXPECT_THAT(e.what(), HasSubstr("this is a dataset archive, not a partitioned dataset archive"));
  }
  EXPECT_THROW(PartitionedArchive(dir / "missing.lbar"), ArchiveError);
}

TEST(PartitionedArchiveTest, ACorruptedPartIsAnArchiveErrorNamingThePart) {
  TempDir dir;
  const Dataset ds = slice_branches(synthetic(), {0, 20});
  save_partitioned_archive(ds, dir / "p.lbar", 10);
  std::string bytes = read_file(dir / "p.lbar");
  const PartitionedArchive archive(dir / "p.lbar");
  const ArchivePart p = archive.parts()[1];
  bytes[p.offset + 2] = 'X';  // part 1's own magic
  dir.write("p.lbar", bytes);
  const PartitionedArchive damaged(dir / "p.lbar");
  EXPECT_NO_THROW((void)damaged.load_part(0));
  try {
    (void)damaged.load_part(1);
    FAIL() << "expected an ArchiveError";
  } catch (const ArchiveError& e) {
    EXPECT_THAT(e.what(), HasSubstr("(part 1)"));
  }
}

TEST(PartitionedArchiveTest, AFailingPartSourceWritesNothing) {
  TempDir dir;
  int calls = 0;
  EXPECT_THROW(save_partitioned_archive(dir / "p.lbar",
                                        [&]() -> std::optional<Dataset> {
                                          if (++calls == 3) throw Error("source failed");
                                          return slice_branches(synthetic(), {0, 5});
                                        }),
               Error);
  EXPECT_TRUE(dir.entries().empty());
}

// ------------------------------------------------------------------------------------------------
// The command line

using testing::branchscore;
using testing::CliRun;
using testing::slurp;

TEST(CliOutOfCore, ScoringAPartitionedArchiveWritesTheSameFilesAsTheDirectory) {
  TempDir dir;
  ASSERT_EQ(branchscore("synth --branches 300 --seed 3 --first-year 2024 --last-year 2025 --out " + (dir / "d").string()).exit_code, 0);
  const CliRun pack = branchscore("pack " + (dir / "d").string() + " --out " + (dir / "p.lbar").string() + " --part-branches 17");
  ASSERT_EQ(pack.exit_code, 0) << pack.err;
  EXPECT_THAT(pack.out, HasSubstr("in 18 parts"));
  for (const std::string args : {"--format csv --detail", "--format csv --year 2024", "--format json --detail"}) {
    const CliRun whole = branchscore("score " + (dir / "d").string() + " " + args);
    const CliRun parts = branchscore("score " + (dir / "p.lbar").string() + " --memory 64M " + args);
    ASSERT_EQ(whole.exit_code, 0) << whole.err;
    ASSERT_EQ(parts.exit_code, 0) << parts.err;
    EXPECT_EQ(parts.out, whole.out) << args;
  }
}

TEST(CliOutOfCore, TheAnnualReportOfAPartitionedArchiveIsTheDirectorysReport) {
  TempDir dir;
  const std::string sample = std::string(LIBBRANCH_SOURCE_DIR) + "/examples/county_court";
  ASSERT_EQ(branchscore("pack " + sample + " --out " + (dir / "p.lbar").string() + " --part-branches 3").exit_code, 0);
  for (const std::string args : {"--branch court", "--branch court --lang en", "--branch xingfulu_community --year 2024"}) {
    const CliRun whole = branchscore("report " + sample + " " + args);
    const CliRun parts = branchscore("report " + (dir / "p.lbar").string() + " " + args);
    ASSERT_EQ(whole.exit_code, 0) << whole.err;
    ASSERT_EQ(parts.exit_code, 0) << parts.err;
    EXPECT_EQ(parts.out, whole.out) << args;
  }
  const CliRun unknown = branchscore("report " + (dir / "p.lbar").string() + " --branch cour");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("did you mean 'court'"));
}

TEST(CliOutOfCore, BudgetAndUsageErrors) {
  TempDir dir;
  ASSERT_EQ(branchscore("synth --branches 50 --out " + (dir / "d").string()).exit_code, 0);
  ASSERT_EQ(branchscore("pack " + (dir / "d").string() + " --out " + (dir / "p.lbar").string() + " --part-branches 10").exit_code, 0);
  const CliRun small = branchscore("score " + (dir / "p.lbar").string() + " --memory 64k --out " + (dir / "o.csv").string());
  EXPECT_EQ(small.exit_code, 1);
  EXPECT_THAT(small.err, HasSubstr("too small"));
  EXPECT_FALSE(std::filesystem::exists(dir / "o.csv"));
  const CliRun not_parts = branchscore("score " + (dir / "d").string() + " --memory 1G");
  EXPECT_EQ(not_parts.exit_code, 2);
  EXPECT_THAT(not_parts.err, HasSubstr("--memory needs a partitioned archive"));
  EXPECT_EQ(branchscore("score " + (dir / "p.lbar").string() + " --memory lots").exit_code, 2);
  EXPECT_EQ(branchscore("pack " + (dir / "d").string() + " --out x --part-branches 10 --format xml").exit_code, 2);
  // Every other command reads a partitioned archive whole.
  const CliRun validate = branchscore("validate " + (dir / "p.lbar").string());
  EXPECT_EQ(validate.exit_code, 0) << validate.err;
  EXPECT_THAT(validate.out, HasSubstr("50 branches"));
}

// Archives of the county court sample written by libbranch 0.1.0 (layout 1: 64-bit string
// offsets, 32-bit dates, counts and codes, hours as doubles, titles as a pool) and committed: every
// later version must read them as the same dataset and score them to the same numbers.
TEST(ArchiveFixtures, LayoutOneArchivesOfTheSampleLoadAndScoreAsItsCsv) {
  const std::filesystem::path fixtures = std::filesystem::path(LIBBRANCH_FIXTURES_DIR) / "archives";
  const Dataset csv = load_directory(std::filesystem::path(LIBBRANCH_SOURCE_DIR) / "examples" / "county_court");
  const Dataset whole = load_archive(fixtures / "county_court-v1.lbar");
  EXPECT_TRUE(whole == csv);
  const PartitionedArchive parts(fixtures / "county_court-v1-parts.lbar");
  EXPECT_EQ(parts.parts().size(), 3u);
  EXPECT_TRUE(parts.load_all() == csv);
  const Period year = Period::calendar_year(2025);
  const Scorecard expected = score(csv, Rubric::default_rubric(), year, registry(), {});
  expect_same_scorecard(score(whole, Rubric::default_rubric(), year, registry(), {}), expected);
  expect_same_scorecard(score(parts, Rubric::default_rubric(), year, registry(), {}), expected);
}

}  // namespace
}  // namespace libbranch
