// Hostile archives (issue 13 item 3): archives of every kind cut at every length and with every
// byte flipped in turn, foreign files, newer versions, other kinds. Header version 2 carries an
// XXH3 checksum of every byte through the end marker, so every single flip must be an
// ArchiveError naming the archive; none may crash or load other data.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <libbranch/engine.hpp>
#include <libbranch/error.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/partitioned_archive.hpp>
#include <libbranch/part_metrics_archive.hpp>
#include <libbranch/rubric.hpp>
#include <libbranch/score_builder.hpp>
#include <libbranch/scorecard.hpp>
#include <libbranch/serialization.hpp>

#include "support/archive_testing.hpp"
#include "support/full_registry.hpp"
#include "support/temp_dir.hpp"

namespace libbranch {
namespace {

using testing::format_name;
using testing::kFormats;
using testing::TempDir;
namespace fs = std::filesystem;

const MetricRegistry& registry() {
  static const MetricRegistry r = testing::full_registry();
  return r;
}

/// Two branches, three members, two activities: archives of a few hundred bytes.
const Dataset& tiny() {
  static const Dataset ds = [] {
    TempDir dir;
    dir.write("branches.csv",
              "branch_id,name,parent_id,org_type,last_election\n"
              "a,甲支部,,organ,2023-06-16\n"
              "b,乙支部,,village,2024-03-22\n");
    dir.write("members.csv",
              "member_id,branch_id,name,gender,birth_date,role,admission_date\n"
              "m1,a,张三,M,1976-09-05,secretary,1998-12-17\n"
              "m2,a,李四,F,1980-01-02,,2001-07-01\n"
              "m3,b,王五,M,1990-03-04,secretary,2012-07-01\n");
    dir.write("activities.csv",
              "activity_id,branch_id,kind,date,attendees,expected,hours,title\n"
              "x1,a,theme_day,2025-01-03,2,2,2,主题党日\n"
              "x2,b,training,2025-02-01,1,1,8,培训\n");
    dir.write("attendance.csv", "activity_id,member_id\nx1,m1\nx1,m2\nx2,m3\n");
    dir.write("observations.csv", "branch_id,indicator,date,value\na,business_performance,2025-12-31,90\n");
    return load_directory(dir.path());
  }();
  return ds;
}

const Scorecard& tiny_card() {
  static const Scorecard card = score(tiny(), Rubric::default_rubric(), Period::calendar_year(2025), registry(), {});
  return card;
}

struct Kind {
  const char* name;
  std::function<void(std::ostream&, ArchiveFormat)> save;
  std::function<void(std::istream&, std::uint64_t)> load;  // throws ArchiveError naming "memory"
};

std::vector<Kind> kinds() {
  return {
      {"dataset", [](std::ostream& o, ArchiveFormat f) { save_archive(tiny(), o, f); },
       [](std::istream& i, std::uint64_t n) { (void)load_archive(i, "memory", n); }},
      {"scorecard", [](std::ostream& o, ArchiveFormat f) { save_scorecard(tiny_card(), o, f); },
       [](std::istream& i, std::uint64_t n) { (void)load_scorecard(i, "memory", n); }},
      {"rubric", [](std::ostream& o, ArchiveFormat f) { save_rubric(Rubric::default_rubric(), o, f); },
       [](std::istream& i, std::uint64_t n) { (void)load_rubric(i, "memory", n); }},
      {"part metrics",
       [](std::ostream& o, ArchiveFormat f) {
         save_part_metrics(ScoreBuilder(Rubric::default_rubric(), Period::calendar_year(2025), registry(), 0, {}).compute_part(tiny()), o, f);
       },
       [](std::istream& i, std::uint64_t n) { (void)load_part_metrics(i, "memory", n); }},
  };
}

std::string bytes_of(const Kind& k, ArchiveFormat f) {
  std::ostringstream out;
  k.save(out, f);
  return out.str();
}

/// The error loading `bytes` gives; nullopt when it loads. Any exception but ArchiveError fails.
std::optional<std::string> load_error(const Kind& k, const std::string& bytes) {
  std::istringstream in(bytes);
  try {
    k.load(in, bytes.size());
    return std::nullopt;
  } catch (const ArchiveError& e) {
    EXPECT_EQ(e.archive_path(), "memory") << e.what();
    return std::string(e.what());
  }
}

TEST(HostileArchives, EveryKindAndFormatRoundTripsWithItsChecksum) {
  for (const Kind& k : kinds())
    for (ArchiveFormat f : kFormats) {
      SCOPED_TRACE(std::string(k.name) + " " + format_name(f));
      const std::string bytes = bytes_of(k, f);
      EXPECT_EQ(bytes[8], 2) << "header version 2";
      EXPECT_FALSE(load_error(k, bytes).has_value());
    }
}

// One kind in one format per test, so that ctest runs them side by side.
class EveryByte : public ::testing::TestWithParam<std::tuple<std::size_t, ArchiveFormat>> {
 protected:
  const Kind& kind() const {
    static const std::vector<Kind> all = kinds();
    return all.at(std::get<0>(GetParam()));
  }
  std::string original() const { return bytes_of(kind(), std::get<1>(GetParam())); }
};

TEST_P(EveryByte, EveryCutIsAnArchiveError) {
  const std::string bytes = original();
  for (std::size_t n = 0; n < bytes.size(); ++n)
    ASSERT_TRUE(load_error(kind(), bytes.substr(0, n)).has_value()) << "cut to " << n << " of " << bytes.size() << " loaded";
}

TEST_P(EveryByte, EveryFlippedByteIsAnArchiveError) {
  // The checksum covers every byte from the magic through the end marker, and the trailer is the
  // checksum itself: no byte is uncovered, so no flip may load.
  const std::string bytes = original();
  std::size_t by_checksum = 0;
  for (std::size_t at = 0; at < bytes.size(); ++at) {
    std::string flipped = bytes;
    flipped[at] = static_cast<char>(flipped[at] ^ 0x20);  // keeps text text, and changes letters' case
    const auto error = load_error(kind(), flipped);
    ASSERT_TRUE(error.has_value()) << "byte " << at << " of " << bytes.size() << " flipped, and it loaded";
    by_checksum += error->find("checksum") != std::string::npos;
  }
  // Flips inside values parse as other data: only the checksum catches them.
  EXPECT_GT(by_checksum, 0u);
}

std::string PrintEveryByte(const ::testing::TestParamInfo<EveryByte::ParamType>& info) {
  static const char* const names[] = {"dataset", "scorecard", "rubric", "part_metrics"};
  return std::string(names[std::get<0>(info.param)]) + "_" + format_name(std::get<1>(info.param));
}

INSTANTIATE_TEST_SUITE_P(HostileArchives, EveryByte,
                         ::testing::Combine(::testing::Range(std::size_t{0}, std::size_t{4}), ::testing::ValuesIn(kFormats)),
                         PrintEveryByte);

TEST(HostileArchives, ChecksumMismatchSaysSo) {
  const Kind k = kinds()[0];
  std::string bytes = bytes_of(k, ArchiveFormat::binary);
  bytes[bytes.size() - 1] = static_cast<char>(bytes[bytes.size() - 1] ^ 1);  // in the trailer
  const auto error = load_error(k, bytes);
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("memory"), std::string::npos) << *error;
  EXPECT_NE(error->find("checksum mismatch"), std::string::npos) << *error;
}

TEST(HostileArchives, NewerHeaderVersionIsNamed) {
  for (const Kind& k : kinds()) {
    std::string bytes = bytes_of(k, ArchiveFormat::binary);
    bytes[8] = 3;
    const auto error = load_error(k, bytes);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("header version 3 is newer than this library's 2"), std::string::npos) << *error;
  }
}

TEST(HostileArchives, NewerWriterIsNamed) {
  for (const Kind& k : kinds()) {
    std::string bytes = bytes_of(k, ArchiveFormat::text);
    bytes[13] = '\x7f';  // writer version 0x7f…… : far beyond ours
    const auto error = load_error(k, bytes);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("a newer libbranch is needed"), std::string::npos) << *error;
  }
}

TEST(HostileArchives, OtherKindsAreNamed) {
  const std::vector<Kind> all = kinds();
  for (const Kind& reader : all)
    for (const Kind& writer : all) {
      if (&reader == &writer) continue;
      const auto error = load_error(reader, bytes_of(writer, ArchiveFormat::binary));
      ASSERT_TRUE(error.has_value());
      EXPECT_NE(error->find(std::string("this is a ") + writer.name + " archive, not a " + reader.name), std::string::npos)
          << *error;
    }
}

std::string png_bytes() {
  return std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89", 33);
}

TEST(HostileArchives, ForeignFilesAreNotArchivesForEveryLoader) {
  TempDir dir;
  const fs::path png = dir.write("image.png", png_bytes());
  const fs::path empty = dir.write("empty.lbr", "");
  const fs::path text = dir.write("notes.txt", "branch_id,name\na,甲\n");
  const std::vector<std::function<void(const fs::path&)>> loaders = {
      [](const fs::path& p) { (void)load_archive(p); },
      [](const fs::path& p) { (void)load_scorecard(p); },
      [](const fs::path& p) { (void)load_rubric(p); },
      [](const fs::path& p) { (void)PartitionedArchive(p); },
  };
  for (const fs::path& p : {png, empty, text})
    for (const auto& load : loaders) {
      try {
        load(p);
        ADD_FAILURE() << p << " loaded";
      } catch (const ArchiveError& e) {
        EXPECT_EQ(e.archive_path(), p.string());
        EXPECT_NE(std::string(e.what()).find("not a libbranch archive"), std::string::npos) << e.what();
      }
    }
}

// A partitioned archive: the index and every part carry a checksum; every cut and every flipped
// byte is an error when the archive is opened or when the part holding the byte is read.
TEST(HostileArchives, PartitionedArchiveEveryCutAndFlipIsAnArchiveError) {
  TempDir dir;
  const fs::path path = dir / "parts.lbr";
  save_partitioned_archive(tiny(), path, 1);
  std::string original;
  {
    std::ifstream in(path, std::ios::binary);
    original.assign(std::istreambuf_iterator<char>(in), {});
  }
  ASSERT_EQ(original[8], 2);
  const auto read_all = [&](const std::string& bytes) -> std::optional<std::string> {
    {
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out << bytes;
    }
    try {
      const PartitionedArchive a(path);
      for (std::size_t k = 0; k < a.parts().size(); ++k) (void)a.load_part(k);
      return std::nullopt;
    } catch (const ArchiveError& e) {
      EXPECT_EQ(e.archive_path().rfind(path.string(), 0), 0u) << e.what();
      return std::string(e.what());
    }
  };
  ASSERT_FALSE(read_all(original).has_value());
  for (std::size_t n = 0; n < original.size(); ++n)
    ASSERT_TRUE(read_all(original.substr(0, n)).has_value()) << "cut to " << n << " loaded";
  for (std::size_t at = 0; at < original.size(); ++at) {
    std::string bytes = original;
    bytes[at] = static_cast<char>(bytes[at] ^ 0x20);
    ASSERT_TRUE(read_all(bytes).has_value()) << "byte " << at << " of " << original.size() << " flipped, and it loaded";
  }
}

}  // namespace
}  // namespace libbranch
