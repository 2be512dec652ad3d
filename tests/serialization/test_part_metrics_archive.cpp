// The part metrics archive (PartMetrics between processes, e.g. Dask workers → client): every
// number back bit for bit in each format, a builder fed archived parts scores exactly as the
// whole dataset, and damaged or foreign bytes are ArchiveErrors saying what is wrong.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>

#include <libbranch/dataset_parts.hpp>
#include <libbranch/engine.hpp>
#include <libbranch/error.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/part_metrics_archive.hpp>
#include <libbranch/score_builder.hpp>
#include <libbranch/serialization.hpp>
#include <libbranch/synth.hpp>

#include "support/full_registry.hpp"
#include "support/scorecard_compare.hpp"
#include "support/synthetic_dataset.hpp"
#include "support/temp_dir.hpp"

namespace libbranch {
namespace {

using ::testing::HasSubstr;

const MetricRegistry& registry() {
  static const MetricRegistry r = testing::full_registry();
  return r;
}

const Dataset& synthetic() {
  static const Dataset ds = testing::synthetic_dataset(300, 5, 2025, 2025);
  return ds;
}

const Period kPeriod = Period::calendar_year(2025);

PartMetrics part_of(std::uint32_t begin, std::uint32_t end) {
  ScoreBuilder worker(Rubric::default_rubric(), kPeriod, registry(), 0, {});
  return worker.compute_part(slice_branches(synthetic(), {begin, end}));
}

std::string bytes_of(const PartMetrics& p, ArchiveFormat format = ArchiveFormat::binary) {
  std::ostringstream out;
  save_part_metrics(p, out, format);
  return std::move(out).str();
}

PartMetrics from_bytes(const std::string& bytes) {
  std::istringstream in(bytes);
  return load_part_metrics(in, "<test>", bytes.size());
}

std::string load_error(const std::string& bytes) {
  try {
    (void)from_bytes(bytes);
  } catch (const ArchiveError& e) {
    return e.what();
  }
  return "no error";
}

class PartMetricsFormats : public ::testing::TestWithParam<ArchiveFormat> {};

TEST_P(PartMetricsFormats, EveryFieldComesBack) {
  PartMetrics p = part_of(10, 130);
  p.values(0, 0) = std::numeric_limits<double>::quiet_NaN();
  p.values(1, 0) = -std::numeric_limits<double>::infinity();
  p.values(2, 0) = 0.1 + 0.2;
  const PartMetrics q = from_bytes(bytes_of(p, GetParam()));
  ASSERT_EQ(q.metrics.size(), p.metrics.size());
  for (std::size_t i = 0; i < p.metrics.size(); ++i) {
    EXPECT_EQ(q.metrics[i].metric, p.metrics[i].metric);
    EXPECT_EQ(q.metrics[i].params_key, p.metrics[i].params_key);
  }
  EXPECT_EQ(q.branch_ids, p.branch_ids);
  EXPECT_EQ(q.branch_names, p.branch_names);
  EXPECT_EQ(q.parent_ids, p.parent_ids);
  EXPECT_EQ(q.org_types, p.org_types);
  testing::expect_same_matrix(q.values, p.values, GetParam() == ArchiveFormat::binary, "values");
}

INSTANTIATE_TEST_SUITE_P(AllFormats, PartMetricsFormats,
                         ::testing::Values(ArchiveFormat::binary, ArchiveFormat::text, ArchiveFormat::xml));

TEST(PartMetricsArchive, ArchivedPartsScoreExactlyAsTheWholeDataset) {
  const Dataset& ds = synthetic();
  const Rubric rubric = Rubric::default_rubric();
  ScoreBuilder builder(rubric, kPeriod, registry(), ds.branch_count(), {});
  for (std::uint32_t begin = 0; begin < ds.branch_count(); begin += 70) {
    const auto end = static_cast<std::uint32_t>(std::min<std::size_t>(begin + 70, ds.branch_count()));
    builder.add(from_bytes(bytes_of(part_of(begin, end))));
  }
  testing::expect_same(builder.finish(), score(ds, rubric, kPeriod, registry()));
}

TEST(PartMetricsArchive, DamagedOrForeignBytesAreArchiveErrors) {
  const std::string good = bytes_of(part_of(0, 40));
  EXPECT_THAT(load_error(good.substr(0, good.size() / 2)), HasSubstr("corrupted archive"));
  EXPECT_THAT(load_error(good.substr(0, good.size() - 3)), HasSubstr("the checksum is missing (truncated file?)"));
  EXPECT_THAT(load_error(good.substr(0, good.size() - 8 - 3)), HasSubstr("end marker is missing"));
  EXPECT_THAT(load_error(std::string(64, 'x')), HasSubstr("not a libbranch archive"));
  std::ostringstream card;
  save_scorecard(score(synthetic(), Rubric::default_rubric(), kPeriod, registry()), card);
  EXPECT_THAT(load_error(card.str()), HasSubstr("this is a scorecard archive, not a part metrics archive"));
  std::string newer = good;
  newer[10] = '\xff';
  newer[11] = '\xff';
  newer[12] = '\xff';
  EXPECT_THAT(load_error(newer), HasSubstr("a newer libbranch is needed"));
}

TEST(PartMetricsArchive, InconsistentPartsAreNeitherWrittenNorRead) {
  PartMetrics torn = part_of(0, 20);
  torn.parent_ids.pop_back();
  std::ostringstream out;
  try {
    save_part_metrics(torn, out);
    ADD_FAILURE() << "an inconsistent part was written";
  } catch (const ArchiveError& e) {
    EXPECT_THAT(e.what(), HasSubstr("19 parent ids for 20 branches"));
  }
  EXPECT_TRUE(out.str().empty());
  // Bytes whose org type is out of range (the last uint8 column before the matrix) are refused.
  PartMetrics p = part_of(0, 1);
  const std::string bytes = bytes_of(p);
  const auto at = bytes.size() - 8 /*checksum*/ - 8 /*end marker*/ - 8 * static_cast<std::size_t>(p.values.size()) - 16 - 1;
  ASSERT_EQ(static_cast<unsigned char>(bytes[at]), static_cast<unsigned>(p.org_types[0]));
  std::string bad = bytes;
  bad[at] = '\x63';
  EXPECT_THAT(load_error(bad), HasSubstr("unknown org type 99"));
}

TEST(PartMetricsArchive, KindIsNamed) { EXPECT_STREQ(to_string(ArchiveKind::part_metrics), "part metrics"); }

}  // namespace
}  // namespace libbranch
