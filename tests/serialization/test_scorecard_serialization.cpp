// Archives of a Scorecard and of a Rubric (serialization.hpp): round trips of a really scored
// sample and of hand-built edge cases through the three formats, from files and streams; the kinds
// told apart by their magic; and every way a file can be wrong (truncated at each length, random
// byte flips, newer library or layout, impossible matrix dimensions, inconsistent parts) gives an
// ArchiveError naming the file, never a crash or a huge allocation.
#include <libbranch/serialization.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libbranch/engine.hpp>
#include <libbranch/error.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/rubric.hpp>
#include <libbranch/scorecard.hpp>
#include <libbranch/version.hpp>

#include "support/archive_testing.hpp"
#include "support/scorecard_compare.hpp"
#include "support/memory_cap.hpp"


namespace {

namespace fs = std::filesystem;
using libbranch::ArchiveError;
using libbranch::ArchiveFormat;
using libbranch::ArchiveKind;
using libbranch::Rubric;
using libbranch::Scorecard;

using libbranch::testing::format_name;
using libbranch::testing::kFormats;
using libbranch::testing::kHeaderSize;
using libbranch::testing::TempDir;
using libbranch::testing::bits;
using libbranch::testing::expect_same;

void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.good()) << path;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}


// -------------------------------------------------------------------------------------------------
// Scorecards

/// The bundled sample scored with the default rubric (computed once).
const Scorecard& scored_sample() {
  static const Scorecard card = [] {
    libbranch::Engine engine;
    const auto ds = libbranch::load_dataset(std::string(LIBBRANCH_SOURCE_DIR) + "/examples/county_court");
    return engine.score(ds, Rubric::default_rubric(), libbranch::default_period(ds));
  }();
  return card;
}

double nan_with_payload(std::uint64_t payload, bool negative) {
  return std::bit_cast<double>((negative ? 0xfff8000000000000ULL : 0x7ff8000000000000ULL) | payload);
}

constexpr char kNulText[] = "NUL \0 inside 🚩";
const std::string kNulString(kNulText, sizeof kNulText - 1);

/// Three branches with every kind of double (NaN with payloads and signs, ±inf, -0, subnormal),
/// strings that text formats escape, every flag bit, vetoes fired by some branches only.
Scorecard hand_built() {
  Scorecard c;
  const double inf = std::numeric_limits<double>::infinity();
  c.rubric_name = "细则 <&> \"q\" ]]>";
  c.period = {libbranch::Date::from_ymd(2024, 2, 29), libbranch::Date::none()};
  c.branch_ids = {"B1", "支部-二", kNulString};
  c.branch_names = {"第一党支部", "", "line1\nline2\r\n\ttab  "};
  c.metrics = {{"rule_of_law.legal_education", ""}, {"obs.honors", "agg=\"sum\""}};
  c.metric_values.resize(3, 2);
  c.metric_values << 1.5, nan_with_payload(0x1234, false), -0.0, nan_with_payload(0, true), 1e-310, inf;
  c.indicators = {{"i1", "rule_of_law", "rule_of_law.legal_education", "target", 4, 0, false},
                  {"i2", "rule_of_law", "obs.honors", "bands", 2.5, 1, false},
                  {"bonus1", "", "obs.honors", "linear_cap", 3, 1, true}};
  c.points.resize(3, 3);
  c.points << 4, 0, 0, -inf, 2.5, 3, 0.1, std::nan(""), 1.0 / 3.0;
  c.flags.resize(3, 3);
  c.flags << 0, 1, 4, 3, 0, 5, 0, 2, 4;
  c.standards = {{"rule_of_law", "依法治理好", 6.5}};
  c.standard_scores.resize(3, 1);
  c.standard_scores << 4, 2.5, std::nan("");
  c.totals.resize(3);
  c.totals << 4, 5.5, nan_with_payload(7, false);
  c.bonus.resize(3);
  c.bonus << 0, 3, 1.0 / 3.0;
  c.rating_labels = {"好", "较好", "一般", ""};
  c.ratings = {0, 3, 2};
  c.veto_metrics = {"rule_of_law.violations", "obs.serious_violations"};
  c.veto_offsets = {0, 2, 2, 3};
  c.fired_vetoes = {0, 1, 1};
  return c;
}

/// No branches, but metrics, indicators, standards, ratings and vetoes (0 × n matrices).
Scorecard zero_branches() {
  Scorecard c = hand_built();
  c.branch_ids.clear();
  c.branch_names.clear();
  c.metric_values.resize(0, 2);
  c.points.resize(0, 3);
  c.flags.resize(0, 3);
  c.standard_scores.resize(0, 1);
  c.totals.resize(0);
  c.bonus.resize(0);
  c.ratings.clear();
  c.veto_offsets = {0};
  c.fired_vetoes.clear();
  return c;
}

/// Nothing at all (the one part a consistent scorecard cannot omit: veto_offsets = {0}).
Scorecard empty_card() {
  Scorecard c;
  c.veto_offsets = {0};
  return c;
}

std::string to_bytes(const Scorecard& c, ArchiveFormat f) {
  std::ostringstream out(std::ios::binary);
  libbranch::save_scorecard(c, out, f);
  return out.str();
}

Scorecard from_bytes(const std::string& bytes, const std::string& name = "memory") {
  std::istringstream in(bytes, std::ios::binary);
  return libbranch::load_scorecard(in, name, bytes.size());
}

/// The ArchiveError message of loading `bytes` as a scorecard, or nullopt when it loaded.
std::optional<std::string> load_error(const std::string& bytes) {
  try {
    (void)from_bytes(bytes);
    return std::nullopt;
  } catch (const ArchiveError& e) {
    EXPECT_EQ(e.archive_path(), "memory");
    return std::string(e.what());
  }
}

volatile std::size_t g_sink = 0;

/// Reads every cell through the scorecard's own accessors (a loaded scorecard must be safe to use).
std::size_t touch_everything(const Scorecard& c) {
  std::size_t sum = c.rubric_name.size();
  for (std::size_t b = 0; b < c.branch_count(); ++b) {
    sum += c.branch_ids[b].size() + c.branch_names[b].size() + c.rating(b).size();
    sum += c.find_branch(c.branch_ids[b]).value_or(0);
    for (std::size_t i = 0; i < c.indicators.size(); ++i) {
      sum += static_cast<std::size_t>(c.indicator_value(b, i) > 0) + c.flags(static_cast<Eigen::Index>(b), static_cast<Eigen::Index>(i));
      sum += static_cast<std::size_t>(c.points(static_cast<Eigen::Index>(b), static_cast<Eigen::Index>(i)) > 0);
    }
    for (std::size_t s = 0; s < c.standards.size(); ++s)
      sum += static_cast<std::size_t>(c.standard_scores(static_cast<Eigen::Index>(b), static_cast<Eigen::Index>(s)) > 0);
    sum += static_cast<std::size_t>(c.totals[static_cast<Eigen::Index>(b)] > 0 || c.bonus[static_cast<Eigen::Index>(b)] > 0);
    for (std::uint32_t k = c.veto_offsets[b]; k < c.veto_offsets[b + 1]; ++k) sum += c.veto_metrics[c.fired_vetoes[k]].size();
  }
  for (const auto& m : c.metrics) sum += m.metric.size() + m.params_key.size();
  return sum;
}

std::uint32_t get_u32(const std::string& s, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + i])) << (8 * i);
  return v;
}
void put_u32(std::string& s, std::size_t at, std::uint32_t v) {
  for (std::size_t i = 0; i < 4; ++i) s[at + i] = static_cast<char>(v >> (8 * i));
}
std::string u64_bytes(std::uint64_t v) {
  std::string s(8, '\0');
  std::memcpy(s.data(), &v, 8);  // binary archives are native-endian
  return s;
}

/// `xml` with the text between `<tag>` and `</tag>` (the `nth` such element after `anchor`) replaced.
std::string with_element(std::string xml, const std::string& anchor, const std::string& tag, const std::string& value,
                         std::size_t nth = 0) {
  std::size_t at = xml.find(anchor);
  EXPECT_NE(at, std::string::npos) << anchor;
  if (at == std::string::npos) return xml;
  const std::string open = "<" + tag + ">";
  for (std::size_t i = 0; i <= nth; ++i) at = xml.find(open, at + 1);
  EXPECT_NE(at, std::string::npos) << tag;
  if (at == std::string::npos) return xml;
  const std::size_t begin = at + open.size();
  const std::size_t end = xml.find("</" + tag + ">", begin);
  xml.replace(begin, end - begin, value);
  return xml;
}

using libbranch::testing::run_with_memory_cap;

// -------------------------------------------------------------------------------------------------
// Round trips

TEST(ScorecardSerialization, ScoredSampleRoundTripsEveryFormatThroughFiles) {
  const Scorecard& original = scored_sample();
  ASSERT_GT(original.branch_count(), 0U);
  ASSERT_GT(original.indicators.size(), 0U);
  ASSERT_TRUE(original.metric_values.array().isNaN().any()) << "the sample should have absent values";
  TempDir dir;
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const fs::path path = dir / (std::string("card.") + format_name(f));
    libbranch::save_scorecard(original, path, f);
    EXPECT_EQ(libbranch::archive_kind(path), ArchiveKind::scorecard);
    EXPECT_FALSE(libbranch::is_archive(path));  // is_archive means "dataset archive"
    const Scorecard loaded = libbranch::load_scorecard(path);
    // The engine's NaNs are the default quiet NaNs: bit for bit in every format.
    expect_same(loaded, original, true);
    EXPECT_EQ(read_file(path), to_bytes(original, f));
  }
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"card.binary", "card.text", "card.xml"}));  // no temp files
}

TEST(ScorecardSerialization, ScoredSampleRoundTripsEveryFormatThroughStreams) {
  const Scorecard& original = scored_sample();
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const std::string bytes = to_bytes(original, f);
    const Scorecard loaded = from_bytes(bytes);
    expect_same(loaded, original, true);
    EXPECT_EQ(to_bytes(loaded, f), bytes);  // saving what was loaded gives the same bytes
    g_sink = touch_everything(loaded);
  }
}

TEST(ScorecardSerialization, HandBuiltEdgeCasesRoundTrip) {
  for (const auto& [label, original] : {std::pair{"hand built", hand_built()}, std::pair{"zero branches", zero_branches()},
                                        std::pair{"empty", empty_card()}}) {
    for (ArchiveFormat f : kFormats) {
      SCOPED_TRACE(std::string(label) + ", " + format_name(f));
      const Scorecard loaded = from_bytes(to_bytes(original, f));
      expect_same(loaded, original, f == ArchiveFormat::binary);
      g_sink = touch_everything(loaded);
    }
  }
  // Spot checks of what is easy to lose.
  const Scorecard original = hand_built();
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const Scorecard c = from_bytes(to_bytes(original, f));
    EXPECT_EQ(c.branch_ids[2], kNulString);
    EXPECT_EQ(c.branch_names[2], "line1\nline2\r\n\ttab  ");
    EXPECT_EQ(c.rubric_name, "细则 <&> \"q\" ]]>");
    EXPECT_TRUE(c.period.to.is_none());
    EXPECT_TRUE(std::isnan(c.metric_values(0, 1)));
    EXPECT_TRUE(std::signbit(c.metric_values(1, 1)));  // -NaN stays negative
    EXPECT_EQ(bits(c.metric_values(1, 0)), bits(-0.0));
    EXPECT_EQ(c.metric_values(2, 0), 1e-310);
    EXPECT_EQ(c.metric_values(2, 1), std::numeric_limits<double>::infinity());
    EXPECT_EQ(c.points(1, 0), -std::numeric_limits<double>::infinity());
    EXPECT_TRUE(c.indicators[2].bonus);
    EXPECT_EQ(c.rating(1), "");
    if (f == ArchiveFormat::binary) EXPECT_EQ(bits(c.metric_values(0, 1)), bits(nan_with_payload(0x1234, false)));
  }
}

TEST(ScorecardSerialization, ArchivesOfEveryKindFollowOneAnotherInAStream) {
  // A stream load stops right after the end marker: archives can be concatenated (pickling).
  const Scorecard card = hand_built();
  const Rubric rubric = Rubric::default_rubric();
  const libbranch::Dataset dataset;
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    std::ostringstream out(std::ios::binary);
    libbranch::save_scorecard(card, out, f);
    libbranch::save_rubric(rubric, out, f);
    libbranch::save_archive(dataset, out, f);
    libbranch::save_scorecard(empty_card(), out, f);
    out << "tail";
    const std::string bytes = out.str();
    std::istringstream in(bytes, std::ios::binary);
    expect_same(libbranch::load_scorecard(in, "all", bytes.size()), card, f == ArchiveFormat::binary);
    EXPECT_TRUE(libbranch::load_rubric(in, "all", bytes.size()) == rubric);
    EXPECT_TRUE(libbranch::load_archive(in, "all", bytes.size()) == dataset);
    expect_same(libbranch::load_scorecard(in, "all", bytes.size()), empty_card(), true);
    std::string rest;
    in >> rest;
    EXPECT_EQ(rest, "tail");
  }
}

TEST(ScorecardSerialization, HeaderNamesTheKind) {
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const std::string card = to_bytes(hand_built(), f);
    EXPECT_EQ(card.substr(0, 8), std::string("LBSCORE\0", 8));
    EXPECT_EQ(card[8], 2);  // header version
    EXPECT_EQ(get_u32(card, 10), static_cast<std::uint32_t>(libbranch::version_number));
    EXPECT_EQ(static_cast<unsigned char>(card[14]), static_cast<unsigned char>(f));
    const std::size_t trailer = libbranch::testing::checksum_trailer_size(f);
    EXPECT_EQ(card.substr(card.size() - trailer - 8, 8), "LBR-END\n");
    std::ostringstream rubric(std::ios::binary);
    libbranch::save_rubric(Rubric::default_rubric(), rubric, f);
    EXPECT_EQ(rubric.str().substr(0, 8), std::string("LBRUBRC\0", 8));
  }
  const std::string xml = to_bytes(hand_built(), ArchiveFormat::xml);
  EXPECT_NE(xml.find("<metric_values>"), std::string::npos);
  EXPECT_NE(xml.find("<rows>3</rows>"), std::string::npos);
  EXPECT_NE(xml.find("-nan"), std::string::npos);
  EXPECT_EQ(std::string(libbranch::to_string(ArchiveKind::scorecard)), "scorecard");
}

// -------------------------------------------------------------------------------------------------
// Kinds

TEST(ScorecardSerialization, EachKindIsRefusedByTheOtherKindsLoaders) {
  TempDir dir;
  const fs::path dataset_path = dir / "data.lbr";
  const fs::path card_path = dir / "card.lbr";
  const fs::path rubric_path = dir / "rubric.lbr";
  libbranch::save_archive(libbranch::Dataset(), dataset_path);
  libbranch::save_scorecard(hand_built(), card_path, ArchiveFormat::text);
  libbranch::save_rubric(Rubric::default_rubric(), rubric_path, ArchiveFormat::xml);
  write_file(dir / "plain.txt", "LBSCOR");
  EXPECT_EQ(libbranch::archive_kind(dataset_path), ArchiveKind::dataset);
  EXPECT_EQ(libbranch::archive_kind(card_path), ArchiveKind::scorecard);
  EXPECT_EQ(libbranch::archive_kind(rubric_path), ArchiveKind::rubric);
  EXPECT_EQ(libbranch::archive_kind(dir / "plain.txt"), ArchiveKind::none);
  EXPECT_EQ(libbranch::archive_kind(dir / "missing"), ArchiveKind::none);
  EXPECT_EQ(libbranch::archive_kind(dir / ""), ArchiveKind::none);  // a directory
  EXPECT_TRUE(libbranch::is_archive(dataset_path));
  EXPECT_FALSE(libbranch::is_archive(card_path));
  EXPECT_FALSE(libbranch::is_archive(rubric_path));

  auto message = [](const std::function<void()>& load) -> std::string {
    try {
      load();
    } catch (const ArchiveError& e) {
      return e.what();
    }
    return "(loaded)";
  };
  const std::string not_card = message([&] { (void)libbranch::load_scorecard(dataset_path); });
  EXPECT_NE(not_card.find("this is a dataset archive, not a scorecard archive"), std::string::npos) << not_card;
  EXPECT_EQ(not_card.rfind(dataset_path.string(), 0), 0U) << not_card;
  const std::string not_dataset = message([&] { (void)libbranch::load_archive(card_path); });
  EXPECT_NE(not_dataset.find("this is a scorecard archive, not a dataset archive"), std::string::npos) << not_dataset;
  const std::string via_load_dataset = message([&] { (void)libbranch::load_dataset(card_path); });
  EXPECT_NE(via_load_dataset.find("this is a scorecard archive"), std::string::npos) << via_load_dataset;
  const std::string not_rubric = message([&] { (void)libbranch::load_rubric(card_path); });
  EXPECT_NE(not_rubric.find("this is a scorecard archive, not a rubric archive"), std::string::npos) << not_rubric;
  const std::string rubric_not_card = message([&] { (void)libbranch::load_scorecard(rubric_path); });
  EXPECT_NE(rubric_not_card.find("this is a rubric archive, not a scorecard archive"), std::string::npos) << rubric_not_card;
  const std::string foreign = message([&] { (void)libbranch::load_scorecard(dir / "plain.txt"); });
  EXPECT_NE(foreign.find("not a libbranch archive"), std::string::npos) << foreign;
  const std::string missing = message([&] { (void)libbranch::load_scorecard(dir / "missing"); });
  EXPECT_NE(missing.find("cannot open"), std::string::npos) << missing;
}

// -------------------------------------------------------------------------------------------------
// Damaged input

TEST(ScorecardSerialization, TruncationAtEveryLengthIsAnError) {
  for (const auto& [label, card] : {std::pair{"sample", scored_sample()}, std::pair{"hand built", hand_built()}}) {
    for (ArchiveFormat f : kFormats) {
      SCOPED_TRACE(std::string(label) + ", " + format_name(f));
      const std::string bytes = to_bytes(card, f);
      // Binary: every length. Text and XML: ~600 lengths spread over the file, and every length
      // of the first and last 64 bytes.
      const std::size_t step = f == ArchiveFormat::binary ? 1 : std::max<std::size_t>(1, bytes.size() / 600);
      for (std::size_t n = 0; n < bytes.size(); ++n) {
        if (n % step != 0 && n > 64 && n + 64 < bytes.size()) continue;
        const auto error = load_error(bytes.substr(0, n));
        ASSERT_TRUE(error.has_value()) << "a file cut to " << n << " of " << bytes.size() << " bytes loaded";
        if (n >= 8) EXPECT_EQ(error->find("not a libbranch archive"), std::string::npos) << *error;
      }
    }
  }
}

TEST(ScorecardSerialization, TruncatedOrExtendedFilesAreErrors) {
  const std::string bytes = to_bytes(hand_built(), ArchiveFormat::binary);
  TempDir dir;
  const fs::path path = dir / "cut.lbs";
  for (std::size_t n = 0; n < bytes.size(); n += 7) {
    write_file(path, bytes.substr(0, n));
    try {
      (void)libbranch::load_scorecard(path);
      ADD_FAILURE() << "a file cut to " << n << " bytes loaded";
    } catch (const ArchiveError& e) {
      EXPECT_EQ(e.archive_path(), path.string());
    }
  }
  write_file(path, bytes + "x");
  EXPECT_THROW((void)libbranch::load_scorecard(path), ArchiveError);
}

TEST(ScorecardSerialization, RandomByteFlipsGiveAnErrorOrAConsistentScorecard) {
  const Scorecard& sample = scored_sample();
  const Scorecard hand = hand_built();
  run_with_memory_cap([&]() -> std::string {
    std::string summary;
    for (const Scorecard* card : {&sample, &hand}) {
      for (ArchiveFormat f : kFormats) {
        const std::string original = to_bytes(*card, f);
        std::mt19937_64 random(20250607 + static_cast<unsigned>(f) + (card == &hand ? 100 : 0));
        const int rounds = f == ArchiveFormat::binary ? 3000 : 1000;
        int errors = 0, loaded = 0;
        for (int round = 0; round < rounds; ++round) {
          std::string bytes = original;
          const int flips = 1 + static_cast<int>(random() % 4);
          for (int k = 0; k < flips; ++k) {
            const std::size_t at = random() % 8 == 0 ? random() % kHeaderSize : random() % bytes.size();
            switch (random() % 3) {
              case 0: bytes[at] = static_cast<char>(bytes[at] ^ (1 << (random() % 8))); break;
              case 1: bytes[at] = static_cast<char>(random()); break;
              default:  // an 8-byte run of 0xff (a huge length or dimension if it lands on one)
                for (std::size_t i = at; i < std::min(bytes.size(), at + 8); ++i) bytes[i] = '\xff';
            }
          }
          try {
            const Scorecard result = from_bytes(bytes);
            ++loaded;
            g_sink = touch_everything(result);
            // What loads is consistent: saving it (which checks consistency) succeeds.
            std::ostringstream again;
            libbranch::save_scorecard(result, again, f);
          } catch (const ArchiveError& e) {
            ++errors;
            const std::string what = e.what();
            if (what.find("out of memory") != std::string::npos || what.find("too large") != std::string::npos ||
                what.find("cannot write") != std::string::npos)
              return "FAIL " + std::string(format_name(f)) + " round " + std::to_string(round) + ": " + what;
            if (e.archive_path() != "memory") return "FAIL: the error does not name the archive: " + what;
          }
        }
        summary += std::string(card == &hand ? "hand " : "sample ") + format_name(f) + ": " + std::to_string(rounds) +
                   " corruptions, " + std::to_string(errors) + " errors, " + std::to_string(loaded) + " loaded; ";
      }
    }
    return summary;
  });
}

TEST(ScorecardSerialization, NewerLibraryVersionIsReported) {
  std::string bytes = to_bytes(hand_built(), ArchiveFormat::binary);
  put_u32(bytes, 10, static_cast<std::uint32_t>(libbranch::version_number + 1));
  const auto error = load_error(bytes);
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("a newer libbranch is needed"), std::string::npos) << *error;
  EXPECT_NE(error->find(std::string("this is ") + libbranch::version_string()), std::string::npos) << *error;
}

TEST(ScorecardSerialization, NewerClassLayoutIsAnError) {
  // XML shows the class versions: a layout newer than this library is refused, never misread.
  for (const std::string anchor : {"<scorecard class_id=", "<period class_id=", "<item class_id="}) {
    SCOPED_TRACE(anchor);
    std::string xml = to_bytes(hand_built(), ArchiveFormat::xml);
    const std::size_t at = xml.find(anchor);
    ASSERT_NE(at, std::string::npos);
    const std::size_t version = xml.find("version=\"1\"", at);
    ASSERT_NE(version, std::string::npos);
    std::string zero = xml;
    xml.replace(version, 11, "version=\"2\"");
    const auto error = load_error(xml);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("newer than this library"), std::string::npos) << *error;
    zero.replace(version, 11, "version=\"0\"");
    const auto error0 = load_error(zero);
    ASSERT_TRUE(error0.has_value());
    EXPECT_NE(error0->find("layout version 0"), std::string::npos) << *error0;
  }
}

TEST(ScorecardSerialization, MatrixDimensionsThatOverflowOrExceedTheFileAreRefusedBeforeAllocating) {
  const Scorecard card = hand_built();
  run_with_memory_cap([&card]() -> std::string {
    std::string report;
    auto expect_error = [&report](const std::string& bytes, const std::string& expected, const std::string& what) {
      const auto error = load_error(bytes);
      if (!error) {
        report += "FAIL " + what + " loaded; ";
      } else if (error->find(expected) == std::string::npos) {
        report += "FAIL " + what + ": " + *error + "; ";
      }
    };
    // XML: rows and cols of metric_values (3 × 2).
    const std::string xml = to_bytes(card, ArchiveFormat::xml);
    auto xml_dims = [&xml](const std::string& rows, const std::string& cols) {
      return with_element(with_element(xml, "<metric_values>", "rows", rows), "<metric_values>", "cols", cols);
    };
    expect_error(xml_dims("4294967296", "4294967296"), "matrix dimensions 4294967296 × 4294967296 overflow", "xml 2^32 × 2^32");
    expect_error(xml_dims("18446744073709551615", "2"), "overflow", "xml rows 2^64-1");
    expect_error(xml_dims("0", "18446744073709551615"), "overflow", "xml cols 2^64-1");
    expect_error(xml_dims("1000000", "1000000"), "a 1000000 × 1000000 matrix exceeds the file size", "xml 10^6 × 10^6");
    expect_error(xml_dims("3", "3"), "corrupted archive", "xml 3 × 3");  // one more column than the file has
    expect_error(with_element(xml, "<totals>", "count", "99999999999"), "exceeds the file size", "xml totals");
    expect_error(with_element(xml, "<metrics>", "count", "99999999999"), "exceeds the file size", "xml metrics list");
    // Binary: the same fields found by their bytes (rows, cols, then the first value).
    const std::string binary = to_bytes(card, ArchiveFormat::binary);
    double first = card.metric_values(0, 0);
    std::string first_bytes(8, '\0');
    std::memcpy(first_bytes.data(), &first, 8);
    const std::size_t at = binary.find(u64_bytes(3) + u64_bytes(2) + first_bytes);
    if (at == std::string::npos) return "FAIL: metric_values not found in the binary archive";
    auto binary_dims = [&binary, at](std::uint64_t rows, std::uint64_t cols) {
      std::string b = binary;
      b.replace(at, 16, u64_bytes(rows) + u64_bytes(cols));
      return b;
    };
    expect_error(binary_dims(std::uint64_t{1} << 32, std::uint64_t{1} << 32), "overflow", "binary 2^32 × 2^32");
    expect_error(binary_dims(~std::uint64_t{0}, ~std::uint64_t{0}), "overflow", "binary max × max");
    expect_error(binary_dims(std::uint64_t{1} << 31, 1), "exceeds the file size", "binary 2^31 × 1");
    expect_error(binary_dims(100000, 100000), "exceeds the file size", "binary 10^5 × 10^5");
    return report.empty() ? "matrix dimensions refused" : report;
  });
}

TEST(ScorecardSerialization, InconsistentScorecardsAreCorruptedArchives) {
  const std::string xml = to_bytes(hand_built(), ArchiveFormat::xml);
  const std::vector<std::tuple<std::string, std::string, std::string, std::size_t, std::string>> cases{
      // anchor, tag, new value, nth, expected message
      {"<ratings>", "item", "4", 1, "rating 4 of 4 rating labels"},
      {"<indicators>", "metric_column", "2", 1, "reads metric column 2 of 2"},
      {"<flags>", "item", "8", 0, "unknown indicator flag bits 8"},
      {"<indicators>", "bonus", "2", 0, "bonus flag is 2"},
      {"<fired_vetoes>", "item", "2", 0, "fired veto 2 of 2 vetoes"},
      {"<veto_offsets>", "item", "1", 0, "the veto offsets do not start at 0"},
      {"<veto_offsets>", "item", "1", 2, "the veto offsets decrease"},
      {"<veto_offsets>", "item", "2", 3, "the veto offsets end at 2, not at the 3 fired vetoes"},
  };
  for (const auto& [anchor, tag, value, nth, expected] : cases) {
    SCOPED_TRACE(anchor + " " + tag);
    const auto error = load_error(with_element(xml, anchor, tag, value, nth));
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("corrupted archive"), std::string::npos) << *error;
    EXPECT_NE(error->find(expected), std::string::npos) << *error;
  }

  // Sizes that disagree with the number of branches, written as a consistent archive would be.
  auto error_of = [](const Scorecard& c) -> std::string {
    // Saving refuses it, so build the archive from a consistent twin and splice the bad field in.
    std::string message;
    try {
      (void)to_bytes(c, ArchiveFormat::binary);
    } catch (const ArchiveError& e) {
      message = e.what();
    }
    return message;
  };
  Scorecard names = hand_built();
  names.branch_names.pop_back();
  EXPECT_NE(error_of(names).find("cannot write an inconsistent scorecard: 2 branch names for 3 branch ids"),
            std::string::npos)
      << error_of(names);
  Scorecard points = hand_built();
  points.points.resize(3, 2);
  EXPECT_NE(error_of(points).find("points is 3 × 2, expected 3 × 3 (branches × indicators)"), std::string::npos)
      << error_of(points);
  Scorecard totals = hand_built();
  totals.totals.resize(2);
  EXPECT_NE(error_of(totals).find("2 totals for 3 branches"), std::string::npos) << error_of(totals);
  Scorecard offsets;
  EXPECT_NE(error_of(offsets).find("0 veto offsets for 0 branches"), std::string::npos) << error_of(offsets);

  // The same archive with one branch too few in a column: the loader's check, not the saver's.
  const std::string short_ratings = [&xml] {
    std::string s = with_element(xml, "<ratings>", "count", "2");
    const std::size_t ratings = s.find("<ratings>");
    const std::size_t last = s.rfind("<item>", s.find("</ratings>", ratings));
    s.erase(last, s.find("</item>", last) + 7 - last);
    return s;
  }();
  const auto error = load_error(short_ratings);
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("inconsistent scorecard: 2 ratings for 3 branches"), std::string::npos) << *error;
}

TEST(ScorecardSerialization, InconsistentOrUnwritableSavesLeaveNothing) {
  TempDir dir;
  Scorecard bad = hand_built();
  bad.ratings[0] = 9;
  EXPECT_THROW(libbranch::save_scorecard(bad, dir / "bad.lbs"), ArchiveError);
  EXPECT_THROW(libbranch::save_scorecard(hand_built(), dir / "odd.lbs", static_cast<ArchiveFormat>(7)), ArchiveError);
  try {
    libbranch::save_scorecard(hand_built(), dir / "no_such_dir" / "x.lbs");
    ADD_FAILURE() << "saved";
  } catch (const ArchiveError& e) {
    EXPECT_EQ(e.archive_path(), (dir / "no_such_dir" / "x.lbs").string());
  }
  EXPECT_TRUE(dir.entries().empty());
  // Replacing an existing archive.
  libbranch::save_scorecard(hand_built(), dir / "card.lbs");
  libbranch::save_scorecard(empty_card(), dir / "card.lbs", ArchiveFormat::xml);
  expect_same(libbranch::load_scorecard(dir / "card.lbs"), empty_card(), true);
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"card.lbs"});
}

// -------------------------------------------------------------------------------------------------
// Archives written by earlier layouts must keep loading. This golden archive was written by
// layout version 1 of every class (header version 1, libbranch 0.1.0, Boost 1.74) from
// golden_card(); when a layout changes, keep it and add goldens of the new version
// (hex-encode to_bytes(golden_card(), format)).

Scorecard golden_card() {
  Scorecard c;
  c.rubric_name = "细则";
  c.period = libbranch::Period::calendar_year(2025);
  c.branch_ids = {"B1"};
  c.branch_names = {"一支部"};
  c.metrics = {{"obs.honors", "agg=\"sum\""}};
  c.metric_values.resize(1, 1);
  c.metric_values << std::numeric_limits<double>::quiet_NaN();
  c.indicators = {{"i1", "s1", "obs.honors", "target", 4, 0, true}};
  c.points.resize(1, 1);
  c.points << 2.5;
  c.flags.resize(1, 1);
  c.flags << 5;
  c.standards = {{"s1", "标准", 4}};
  c.standard_scores.resize(1, 1);
  c.standard_scores << 2.5;
  c.totals.resize(1);
  c.totals << 2.5;
  c.bonus.resize(1);
  c.bonus << 0.5;
  c.rating_labels = {"好", "差"};
  c.ratings = {1};
  c.veto_metrics = {"obs.v"};
  c.veto_offsets = {0, 1};
  c.fired_vetoes = {0};
  return c;
}

std::string hex_decode(std::string_view hex) {
  std::string out;
  auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1]));
  return out;
}

constexpr std::string_view kGoldenCardBinaryV1 =
    "4c4253434f5245000100640000000100120000010000000600000000000000e7bb86e588990001000000794e0000e54f0000"
    "01000000000000000200000000000000423101000000000000000900000000000000e4b880e694afe983a801000000000000"
    "0000010000000a000000000000006f62732e686f6e6f727309000000000000006167673d2273756d22010000000000000001"
    "00000000000000000000000000f87f0100000000000000000100000002000000000000006931020000000000000073310a00"
    "0000000000006f62732e686f6e6f727306000000000000007461726765740000000000001040000000000000000001010000"
    "0000000000010000000000000000000000000004400100000000000000010000000000000005010000000000000000010000"
    "00020000000000000073310600000000000000e6a087e5878600000000000010400100000000000000010000000000000000"
    "00000000000440010000000000000000000000000004400100000000000000000000000000e03f0200000000000000030000"
    "0000000000e5a5bd0300000000000000e5b7ae01000000000000000100010000000000000005000000000000006f62732e76"
    "020000000000000000000000010000000100000000000000000000004c42522d454e440a"
    ;
constexpr std::string_view kGoldenCardTextV1 =
    "4c4253434f5245000100640000000200120030203120360a0a353775473559695a0a30203120323030383920323034353320"
    "3120320a0a516a453d0a3120390a0a354c69413570537636594f6f0a31203020312031300a0a62324a7a4c6d6876626d3979"
    "63773d3d0a390a0a5957646e50534a7a645730690a312031206e616e20312030203120320a0a6154453d0a320a0a637a453d"
    "0a31300a0a62324a7a4c6d6876626d397963773d3d0a360a0a644746795a3256300a342e3030303030303030303030303030"
    "303030652b3030203020312031203120322e3530303030303030303030303030303030652b30302031203120352031203020"
    "3120320a0a637a453d0a360a0a35714348355965470a342e3030303030303030303030303030303030652b30302031203120"
    "322e3530303030303030303030303030303030652b3030203120322e3530303030303030303030303030303030652b303020"
    "3120352e3030303030303030303030303030303030652d3031203220330a0a356157390a330a0a356265750a312031203120"
    "350a0a62324a7a4c6e593d0a3220302031203120300a4c42522d454e440a"
    ;

TEST(ScorecardSerialization, GoldenArchivesOfEarlierLayoutsStillLoad) {
  const Scorecard expected = golden_card();
  for (const auto& [format, hex] : {std::pair{ArchiveFormat::binary, kGoldenCardBinaryV1},
                                    std::pair{ArchiveFormat::text, kGoldenCardTextV1}}) {
    SCOPED_TRACE(format_name(format));
    const std::string bytes = hex_decode(hex);
    ASSERT_GT(bytes.size(), kHeaderSize);
    ASSERT_EQ(static_cast<unsigned char>(bytes.at(14)), static_cast<unsigned char>(format));
    expect_same(from_bytes(bytes), expected, true);
  }
}

// -------------------------------------------------------------------------------------------------
// Rubrics

std::string rubric_bytes(const Rubric& r, ArchiveFormat f) {
  std::ostringstream out(std::ios::binary);
  libbranch::save_rubric(r, out, f);
  return out.str();
}

std::optional<std::string> rubric_error(const std::string& bytes) {
  try {
    std::istringstream in(bytes, std::ios::binary);
    (void)libbranch::load_rubric(in, "memory", bytes.size());
    return std::nullopt;
  } catch (const ArchiveError& e) {
    EXPECT_EQ(e.archive_path(), "memory");
    return std::string(e.what());
  }
}

TEST(RubricSerialization, DefaultRubricRoundTripsEveryFormat) {
  const Rubric original = Rubric::default_rubric();
  TempDir dir;
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const std::string bytes = rubric_bytes(original, f);
    std::istringstream in(bytes, std::ios::binary);
    const Rubric loaded = libbranch::load_rubric(in, "memory", bytes.size());
    EXPECT_TRUE(loaded == original);
    EXPECT_EQ(loaded.name, original.name);
    EXPECT_EQ(loaded.source, "memory");
    EXPECT_EQ(loaded.to_json(), original.to_json());
    const fs::path path = dir / (std::string("rubric.") + format_name(f));
    libbranch::save_rubric(original, path, f);
    EXPECT_EQ(libbranch::archive_kind(path), ArchiveKind::rubric);
    const Rubric from_file = libbranch::load_rubric(path);
    EXPECT_TRUE(from_file == original);
    EXPECT_EQ(from_file.source, path.string());
    EXPECT_EQ(read_file(path), bytes);
  }
}

TEST(RubricSerialization, TruncatedOrInvalidRubricsAreErrors) {
  const Rubric original = Rubric::default_rubric();
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const std::string bytes = rubric_bytes(original, f);
    const std::size_t step = f == ArchiveFormat::binary ? 1 : std::max<std::size_t>(1, bytes.size() / 500);
    for (std::size_t n = 0; n < bytes.size(); n += step)
      ASSERT_TRUE(rubric_error(bytes.substr(0, n)).has_value()) << "cut to " << n << " of " << bytes.size();
  }
  // JSON that parses but is not a rubric: an unknown key (same length, so the recorded length holds).
  std::string xml = rubric_bytes(original, ArchiveFormat::xml);
  const std::size_t points = xml.find("&quot;points&quot;: ");
  ASSERT_NE(points, std::string::npos);
  xml.replace(points, 20, "&quot;pointz&quot;: ");
  const auto error = rubric_error(xml);
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("corrupted archive: the rubric does not parse"), std::string::npos) << *error;
  // Broken JSON (same length, so the recorded length still matches).
  std::string binary = rubric_bytes(original, ArchiveFormat::binary);
  const std::size_t brace = binary.find("{\n");
  ASSERT_NE(brace, std::string::npos);
  binary[brace] = '[';
  const auto json_error = rubric_error(binary);
  ASSERT_TRUE(json_error.has_value());
  EXPECT_NE(json_error->find("corrupted archive"), std::string::npos) << *json_error;
  // An invalid rubric is not written.
  Rubric invalid = original;
  invalid.ratings.clear();
  std::ostringstream out;
  EXPECT_THROW(libbranch::save_rubric(invalid, out), ArchiveError);
  EXPECT_TRUE(out.str().empty());
}

TEST(RubricSerialization, RandomByteFlipsGiveAnErrorOrAValidRubric) {
  const Rubric original = Rubric::default_rubric();
  run_with_memory_cap([&original]() -> std::string {
    std::string summary;
    for (ArchiveFormat f : kFormats) {
      const std::string bytes0 = rubric_bytes(original, f);
      std::mt19937_64 random(777 + static_cast<unsigned>(f));
      int errors = 0, loaded = 0;
      for (int round = 0; round < 500; ++round) {
        std::string bytes = bytes0;
        for (int k = 0, flips = 1 + static_cast<int>(random() % 3); k < flips; ++k) {
          const std::size_t at = random() % bytes.size();
          bytes[at] = static_cast<char>(bytes[at] ^ (1 << (random() % 8)));
        }
        try {
          std::istringstream in(bytes, std::ios::binary);
          const Rubric r = libbranch::load_rubric(in, "memory", bytes.size());
          r.validate();
          ++loaded;
        } catch (const ArchiveError&) {
          ++errors;
        }
      }
      summary += std::string(format_name(f)) + ": " + std::to_string(errors) + " errors, " + std::to_string(loaded) +
                 " loaded; ";
    }
    return summary;
  });
}

}  // namespace
