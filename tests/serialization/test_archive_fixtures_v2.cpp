// Archives of header version 2 (with the checksum), written by libbranch 0.2 and committed under
// tests/fixtures/archives/ (tests/fixtures/archives/write_v2_fixtures.py wrote them): every later
// version must still read them, to the same numbers as the sample loaded from its CSV files and
// scored afresh. Keep these files; add fixtures of a new version beside them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <libbranch/engine.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/partitioned_archive.hpp>
#include <libbranch/rubric.hpp>
#include <libbranch/scorecard.hpp>
#include <libbranch/serialization.hpp>

#include "support/full_registry.hpp"
#include "support/scorecard_compare.hpp"

namespace libbranch {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(LIBBRANCH_FIXTURES_DIR) / "archives";

const Dataset& sample_from_csv() {
  static const Dataset ds = load_directory(fs::path(LIBBRANCH_SOURCE_DIR) / "examples" / "county_court");
  return ds;
}

unsigned header_version(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  char h[10] = {};
  in.read(h, sizeof h);
  return static_cast<unsigned char>(h[8]) | static_cast<unsigned>(static_cast<unsigned char>(h[9])) << 8;
}

TEST(ArchiveFixturesV2, DatasetArchivesOfEveryFormatLoadAsTheCsv) {
  for (const char* name : {"county_court-v2.lbar", "county_court-v2-text.lbar", "county_court-v2-xml.lbar"}) {
    SCOPED_TRACE(name);
    ASSERT_EQ(header_version(kFixtures / name), 2u);
    EXPECT_TRUE(load_archive(kFixtures / name) == sample_from_csv());
  }
}

TEST(ArchiveFixturesV2, PartitionedArchiveLoadsPartByPartAsTheCsv) {
  const PartitionedArchive parts(kFixtures / "county_court-v2-parts.lbar");
  ASSERT_EQ(header_version(kFixtures / "county_court-v2-parts.lbar"), 2u);
  EXPECT_GT(parts.parts().size(), 1u);
  EXPECT_TRUE(parts.load_all() == sample_from_csv());
}

TEST(ArchiveFixturesV2, ScorecardArchiveHoldsTheScoresOfTheCsv) {
  const fs::path path = kFixtures / "county_court-v2-2025.lbsc";
  ASSERT_EQ(header_version(path), 2u);
  const MetricRegistry registry = testing::full_registry();
  const Scorecard expected = score(sample_from_csv(), Rubric::default_rubric(), Period::calendar_year(2025), registry, {});
  testing::expect_same(load_scorecard(path), expected);
}

}  // namespace
}  // namespace libbranch
