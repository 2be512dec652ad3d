// Archives of a Dataset (serialization.hpp): round trips through the three formats, from files and
// streams; and every way a file can be wrong (truncated at each length, corrupted bytes, foreign,
// newer, inconsistent) gives an ArchiveError naming the file, never a crash or a huge allocation.
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

#include <libbranch/error.hpp>
#include <libbranch/version.hpp>

#include "support/archive_testing.hpp"
#include "support/golden_tables.hpp"
#include "support/memory_cap.hpp"


namespace {

namespace fs = std::filesystem;
using libbranch::ArchiveError;
using libbranch::ArchiveFormat;
using libbranch::CountColumn;
using libbranch::Dataset;
using libbranch::DatasetTables;
using libbranch::Date;

using libbranch::testing::format_name;
using libbranch::testing::kFormats;
using libbranch::testing::kHeaderSize;
using libbranch::testing::TempDir;

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

std::uint64_t bits(double d) { return std::bit_cast<std::uint64_t>(d); }

// -------------------------------------------------------------------------------------------------
// A small dataset with every column filled, absent values in each kind of column, NaN hours, wide
// counts, sparse columns, custom kinds, Chinese text and characters that text formats escape.

constexpr char kNulTitleText[] = "NUL \0 inside, emoji 🚩";
const std::string kNulTitle(kNulTitleText, sizeof kNulTitleText - 1);

DatasetTables sample_tables() {
  using namespace libbranch;
  DatasetTables t;
  const double nan = std::nan("");

  BranchTable& b = t.branches;
  for (const char* id : {"B001", "B002", "支部-三"}) b.id.add(id);
  b.name.add("第一党支部");
  b.name.add("Quote \"q\" 'a' <&> ]]> &amp; --");
  b.name.add("line1\nline2\r\nend\ttab  ");
  b.parent_id.push_back("上级党委 <A&B>");
  b.parent_id.push_back("");
  b.parent_id.push_back("上级党委 <A&B>");
  b.org_type = {OrgType::organ, OrgType::none, OrgType::village};
  b.last_election = {Date::from_ymd(2023, 5, 4), Date::none(), Date::from_ymd(1921, 7, 1)};
  for (auto v : {std::optional<std::int64_t>(3), std::optional<std::int64_t>(), std::optional<std::int64_t>(0)})
    b.internal_units.push_back(v);
  b.units_covered.push_back(5'000'000'000);  // ≥ 2^32: wide
  b.units_covered.push_back(4'294'967'294);  // == kWide: wide too
  b.units_covered.push_back(4'294'967'293);  // the largest narrow value
  for (auto v : {std::optional<std::int64_t>(1), std::optional<std::int64_t>(2), std::optional<std::int64_t>()})
    b.fulltime_party_workers.push_back(v);
  for (int i = 0; i < 3; ++i) b.pioneer_posts.push_back(std::nullopt);
  for (std::int64_t v : {0, 1, 2}) b.brands.push_back(v);
  b.facilities = {0b1, 0b111111, 0};
  b.service_station = {0b11111, 0, 0b10101};

  MemberTable& m = t.members;
  for (const char* id : {"M1", "M2", "M3", "M4", "M5"}) m.id.add(id);
  m.branch = {0, 0, 1, 2, 2};
  for (const char* name : {"张三", "O'Brien \"Bob\"", "", "李\n四", "<王&五>"}) m.name.add(name);
  m.gender = {Gender::male, Gender::female, Gender::none, Gender::male, Gender::female};
  for (const char* e : {"汉族", "", "维吾尔族", "汉族", "回族"}) m.ethnicity.push_back(e);
  m.birth_date = {Date::from_ymd(1980, 2, 29), Date::from_ymd(1999, 12, 31), Date::none(),
                  Date::from_ymd(1950, 1, 1), Date::from_ymd(2001, 6, 15)};
  m.education = {Education::bachelor, Education::none, Education::doctorate, Education::primary, Education::master};
  m.role = {Role::secretary, Role::none, Role::deputy_secretary, Role::group_leader, Role::committee_member};
  for (const char* g : {"第一党小组", "", "第二党小组", "", "第一党小组"}) m.party_group.push_back(g);
  const Date d1 = Date::from_ymd(2010, 3, 1), d2 = Date::from_ymd(2012, 7, 1), none = Date::none();
  m.application_date = {d1, none, d1, d2, none};
  m.activist_date = {d1.plus_days(90), none, none, d2.plus_days(30), none};
  m.candidate_date = {d1.plus_days(400), none, none, none, none};
  m.admission_date = {d1.plus_days(500), d2, none, d2.plus_days(200), Date::from_ymd(2020, 1, 1)};
  m.conversion_date = {d1.plus_days(865), none, none, none, Date::from_ymd(2021, 1, 1)};
  m.joined_branch = {none, d2, Date::from_ymd(2024, 1, 1), none, none};
  m.left_branch = {none, none, none, Date::from_ymd(2025, 3, 1), none};

  ActivityTable& a = t.activities;
  for (const char* id : {"A1", "A2", "A3", "A4", "A5", "A6"}) a.id.add(id);
  a.branch = {0, 0, 0, 1, 2, 2};
  a.kind = {code(ActivityKind::branch_congress), code(ActivityKind::theme_day), kFirstCustomKind,
            code(ActivityKind::competition), static_cast<KindCode>(kFirstCustomKind + 1), code(ActivityKind::heart_talk)};
  a.date = {Date::from_ymd(2025, 1, 10), Date::from_ymd(2025, 2, 1), Date::from_ymd(2025, 3, 5),
            Date::from_ymd(2025, 4, 1), Date::from_ymd(2025, 5, 20), Date::from_ymd(2025, 12, 31)};
  a.mode = {Mode::offline, Mode::none, Mode::online, Mode::hybrid, Mode::none, Mode::offline};
  for (const char* p : {"", "", "腾讯会议", "Zoom <beta>", "", "腾讯会议"}) a.platform.push_back(p);
  for (auto v : {std::optional<std::int64_t>(2), std::optional<std::int64_t>(), std::optional<std::int64_t>(10'000'000'000),
                 std::optional<std::int64_t>(0), std::optional<std::int64_t>(), std::optional<std::int64_t>(1)})
    a.attendees.push_back(v);
  for (auto v : {std::optional<std::int64_t>(3), std::optional<std::int64_t>(), std::optional<std::int64_t>(),
                 std::optional<std::int64_t>(4'294'967'294), std::optional<std::int64_t>(7), std::optional<std::int64_t>(1)})
    a.expected.push_back(v);
  a.hours = {1.5, nan, 0.25, nan, 2.0 / 3.0, 1e-310 /* subnormal */};
  a.lecturer.push_back(0, 0);
  a.lecturer.push_back(2, 3);
  a.amount_yuan.push_back(1, 1234.56);
  a.amount_yuan.push_back(4, 1e300);
  a.amount_yuan.push_back(5, 0.1);
  a.cases.push_back(2, 3);
  a.cases.push_back(5, 9'000'000'000'000'000'000);
  a.escalated.push_back(2, 1);
  for (const std::string& title : {std::string("党员大会"), std::string(), std::string("Title \"quotes\" & <tags> ]]> --"),
                                   std::string("multi\nline\r\n\ttext"), kNulTitle, std::string("   spaces   ")})
    a.title.push_back(title);

  t.attendance.activity = {0, 0, 5};
  t.attendance.member = {0, 1, 3};

  ObservationTable& o = t.observations;
  o.branch = {0, 1, 1, 2};
  for (const char* ind : {"serious_violations", "honors", "online_filing_rate", "honors"}) o.indicator.push_back(ind);
  o.date = {none, Date::from_ymd(2025, 3, 1), Date::from_ymd(2025, 12, 31), none};
  o.value = {0.0, 3.0, 0.875, std::numeric_limits<double>::infinity()};

  t.custom_kinds = {"river_patrol", "tea_talk"};
  return t;
}

Dataset sample() { return Dataset(sample_tables()); }

std::string to_bytes(const Dataset& d, ArchiveFormat f) {
  std::ostringstream out(std::ios::binary);
  libbranch::save_archive(d, out, f);
  return out.str();
}

Dataset from_bytes(const std::string& bytes, const std::string& name = "memory") {
  std::istringstream in(bytes, std::ios::binary);
  return libbranch::load_archive(in, name, bytes.size());
}

/// The ArchiveError message of loading `bytes`, or nullopt when it loaded.
std::optional<std::string> load_error(const std::string& bytes) {
  try {
    (void)from_bytes(bytes);
    return std::nullopt;
  } catch (const ArchiveError& e) {
    EXPECT_EQ(e.archive_path(), "memory");
    return std::string(e.what());
  }
}

void expect_same(const Dataset& loaded, const Dataset& original) {
  EXPECT_TRUE(loaded == original);
  EXPECT_TRUE(loaded.branches() == original.branches());
  EXPECT_TRUE(loaded.members() == original.members());
  EXPECT_TRUE(loaded.activities() == original.activities());
  EXPECT_TRUE(loaded.attendance() == original.attendance());
  EXPECT_TRUE(loaded.observations() == original.observations());
  EXPECT_EQ(loaded.custom_kinds(), original.custom_kinds());
  ASSERT_EQ(loaded.activities().hours.size(), original.activities().hours.size());
  for (std::size_t i = 0; i < loaded.activities().hours.size(); ++i)
    EXPECT_EQ(bits(loaded.activities().hours[i]), bits(original.activities().hours[i])) << "hours row " << i;
}

/// Spot checks of values that are easy to lose, beyond operator==.
void expect_sample_values(const Dataset& d) {
  EXPECT_EQ(d.branches().units_covered.get(0), std::optional<std::int64_t>(5'000'000'000));
  EXPECT_EQ(d.branches().units_covered.get(1), std::optional<std::int64_t>(4'294'967'294));
  EXPECT_EQ(d.branches().units_covered.get(2), std::optional<std::int64_t>(4'294'967'293));
  EXPECT_EQ(d.branches().internal_units.get(1), std::nullopt);
  EXPECT_EQ(d.activities().attendees.get(2), std::optional<std::int64_t>(10'000'000'000));
  EXPECT_TRUE(std::isnan(d.activities().hours[1]));
  EXPECT_TRUE(std::isnan(d.activities().hours[3]));
  EXPECT_EQ(d.activities().hours[5], 1e-310);
  EXPECT_EQ(d.activities().title[4], kNulTitle);
  EXPECT_EQ(d.activities().title[3], "multi\nline\r\n\ttext");
  EXPECT_EQ(d.activities().title[5], "   spaces   ");
  EXPECT_EQ(d.branches().name[1], "Quote \"q\" 'a' <&> ]]> &amp; --");
  EXPECT_EQ(d.branches().parent_id[0], "上级党委 <A&B>");
  EXPECT_EQ(d.branches().parent_id[1], "");
  EXPECT_EQ(d.members().name[3], "李\n四");
  EXPECT_EQ(d.activities().cases.get(5), std::optional<std::int64_t>(9'000'000'000'000'000'000));
  EXPECT_EQ(d.observations().value[3], std::numeric_limits<double>::infinity());
  EXPECT_EQ(d.kind_id(libbranch::kFirstCustomKind + 1), "tea_talk");
  EXPECT_EQ(d.find_branch("支部-三"), std::optional<std::uint32_t>(2));
  EXPECT_EQ(d.members_of(2).size(), 2U);
}

std::uint32_t get_u32(const std::string& s, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + i])) << (8 * i);
  return v;
}
void put_u32(std::string& s, std::size_t at, std::uint32_t v) {
  for (std::size_t i = 0; i < 4; ++i) s[at + i] = static_cast<char>(v >> (8 * i));
}
/// `xml` with the content of the `nth` <item> after `anchor` replaced by `value`.
std::string with_item(std::string xml, const std::string& anchor, const std::string& value, std::size_t nth = 0,
                      std::size_t from = 0) {
  std::size_t at = xml.find(anchor, from);
  EXPECT_NE(at, std::string::npos) << anchor;
  if (at == std::string::npos) return xml;
  for (std::size_t i = 0; i <= nth; ++i) at = xml.find("<item>", at + 1);
  const std::size_t begin = at + 6;
  const std::size_t end = xml.find("</item>", begin);
  xml.replace(begin, end - begin, value);
  return libbranch::testing::resealed(std::move(xml));  // past the checksum, to the check under test
}

std::string version_text(int number) {
  return std::to_string(number / 10000) + "." + std::to_string(number / 100 % 100) + "." + std::to_string(number % 100);
}

// -------------------------------------------------------------------------------------------------
// Round trips

TEST(Serialization, RoundTripsEveryFormatThroughFiles) {
  const Dataset original = sample();
  TempDir dir;
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const fs::path path = dir / (std::string("sample.") + format_name(f));
    libbranch::save_archive(original, path, f);
    EXPECT_TRUE(libbranch::is_archive(path));
    const Dataset loaded = libbranch::load_archive(path);
    expect_same(loaded, original);
    expect_sample_values(loaded);
    // The file holds exactly what the stream writer produces.
    EXPECT_EQ(read_file(path), to_bytes(original, f));
  }
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"sample.binary", "sample.text", "sample.xml"}));  // no temp files
}

TEST(Serialization, RoundTripsEveryFormatThroughStreams) {
  const Dataset original = sample();
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const std::string bytes = to_bytes(original, f);
    const Dataset loaded = from_bytes(bytes);
    expect_same(loaded, original);
    expect_sample_values(loaded);
    // Saving what was loaded gives the same bytes.
    EXPECT_EQ(to_bytes(loaded, f), bytes);
  }
}

TEST(Serialization, EmptyDatasetRoundTrips) {
  const Dataset empty;
  TempDir dir;
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    expect_same(from_bytes(to_bytes(empty, f)), empty);
    const fs::path path = dir / "empty.lbr";
    libbranch::save_archive(empty, path, f);
    expect_same(libbranch::load_archive(path), empty);
  }
}

TEST(Serialization, ArchivesFollowOneAnotherInAStream) {
  // A stream load stops right after the end marker, so archives can be concatenated (pickling).
  const Dataset a = sample();
  const Dataset b;
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const std::string bytes = to_bytes(a, f) + to_bytes(b, f) + "tail";
    std::istringstream in(bytes, std::ios::binary);
    expect_same(libbranch::load_archive(in, "two", bytes.size()), a);
    expect_same(libbranch::load_archive(in, "two", bytes.size()), b);
    std::string rest;
    in >> rest;
    EXPECT_EQ(rest, "tail");
  }
}

TEST(Serialization, HeaderIsRawBytesBeforeEveryFormat) {
  const Dataset d = sample();
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const std::string bytes = to_bytes(d, f);
    ASSERT_GT(bytes.size(), kHeaderSize + 8);
    EXPECT_EQ(bytes.substr(0, 8), std::string("LBRANCH\0", 8));
    EXPECT_EQ(bytes[8], 2);  // header version, little-endian
    EXPECT_EQ(bytes[9], 0);
    EXPECT_EQ(get_u32(bytes, 10), static_cast<std::uint32_t>(libbranch::version_number));
    EXPECT_EQ(static_cast<unsigned char>(bytes[14]), static_cast<unsigned char>(f));
    // The end marker, then the checksum trailer: 8 bytes in binary, 16 hex digits and '\n' in text.
    const std::size_t trailer = libbranch::testing::checksum_trailer_size(f);
    EXPECT_EQ(bytes.substr(bytes.size() - trailer - 8, 8), "LBR-END\n");
  }
  const std::string xml = to_bytes(d, ArchiveFormat::xml);
  EXPECT_NE(xml.find("&lt;&amp;&gt;"), std::string::npos);
  // Absent hours (NaN in the model) are absent cells since layout 2, so no format writes "nan".
  EXPECT_NE(xml.find("<hours "), std::string::npos);
}

// -------------------------------------------------------------------------------------------------
// Damaged input

TEST(Serialization, TruncationAtEveryLengthIsAnError) {
  const Dataset d = sample();
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const std::string bytes = to_bytes(d, f);
    for (std::size_t n = 0; n < bytes.size(); ++n) {
      const auto error = load_error(bytes.substr(0, n));
      ASSERT_TRUE(error.has_value()) << "a file cut to " << n << " of " << bytes.size() << " bytes loaded";
      if (n >= 8) {
        EXPECT_EQ(error->find("not a libbranch archive"), std::string::npos) << *error;
      }
    }
  }
}

TEST(Serialization, TruncatedFilesAtEveryLengthAreErrors) {
  const std::string bytes = to_bytes(sample(), ArchiveFormat::binary);
  TempDir dir;
  const fs::path path = dir / "cut.lbr";
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    write_file(path, bytes.substr(0, n));
    try {
      (void)libbranch::load_archive(path);
      ADD_FAILURE() << "a file cut to " << n << " bytes loaded";
    } catch (const ArchiveError& e) {
      EXPECT_EQ(e.archive_path(), path.string());
    }
  }
  // One byte too many is an error for a file too.
  write_file(path, bytes + "x");
  EXPECT_THROW((void)libbranch::load_archive(path), ArchiveError);
}

volatile std::size_t g_sink = 0;  // keeps touch_everything from being optimised away

/// Reads every cell of a dataset through its public accessors (a loaded dataset must be safe to use).
std::size_t touch_everything(const Dataset& d) {
  std::size_t sum = 0;
  const auto& b = d.branches();
  for (std::uint32_t i = 0; i < d.branch_count(); ++i) {
    sum += b.id[i].size() + b.name[i].size() + b.parent_id[i].size() + static_cast<std::size_t>(b.org_type[i]);
    for (const CountColumn* c : {&b.internal_units, &b.units_covered, &b.fulltime_party_workers, &b.pioneer_posts, &b.brands})
      sum += static_cast<std::size_t>(c->value_or(i, 0));
    sum += d.find_branch(b.id[i]).value_or(0) + d.members_of(i).size() + d.activities_of(i).size() + d.observations_of(i).size();
  }
  const auto& m = d.members();
  for (std::size_t i = 0; i < m.size(); ++i)
    sum += m.id[i].size() + m.name[i].size() + m.ethnicity[i].size() + m.party_group[i].size() + m.branch[i] +
           static_cast<std::size_t>(m.birth_date[i].days());
  const auto& a = d.activities();
  for (std::uint32_t i = 0; i < a.size(); ++i) {
    sum += a.id[i].size() + a.title[i].size() + a.platform[i].size() + d.kind_id(a.kind[i]).size() +
           static_cast<std::size_t>(a.attendees.value_or(i, 0) + a.expected.value_or(i, 0)) + a.lecturer.get(i).value_or(0) +
           static_cast<std::size_t>(a.cases.get(i).value_or(0) + a.escalated.get(i).value_or(0)) +
           static_cast<std::size_t>(a.amount_yuan.find(i) != nullptr) + static_cast<std::size_t>(a.hours[i] > 0);
  }
  for (std::size_t i = 0; i < d.attendance().size(); ++i) sum += d.attendance().activity[i] + d.attendance().member[i];
  const auto& o = d.observations();
  for (std::size_t i = 0; i < o.size(); ++i) sum += o.indicator[i].size() + static_cast<std::size_t>(o.value[i] > 0);
  for (const std::string& k : d.custom_kinds()) sum += d.find_kind(k).value_or(0);
  return sum;
}

using libbranch::testing::run_with_memory_cap;

TEST(Serialization, RandomCorruptionNeverCrashesOrOverallocates) {
  const Dataset d = sample();
  run_with_memory_cap([&d]() -> std::string {
    std::string summary;
    for (ArchiveFormat f : kFormats) {
      const std::string original = to_bytes(d, f);
      std::mt19937_64 random(20250101 + static_cast<unsigned>(f));
      const int rounds = f == ArchiveFormat::binary ? 4000 : 2000;
      int errors = 0, loaded = 0, identical = 0;
      for (int round = 0; round < rounds; ++round) {
        std::string bytes = original;
        const int flips = 1 + static_cast<int>(random() % 4);
        for (int k = 0; k < flips; ++k) {
          // Mostly the payload; sometimes the header.
          const std::size_t at = random() % 8 == 0 ? random() % kHeaderSize : random() % bytes.size();
          switch (random() % 3) {
            case 0: bytes[at] = static_cast<char>(bytes[at] ^ (1 << (random() % 8))); break;  // one bit
            case 1: bytes[at] = static_cast<char>(random()); break;                            // one byte
            default:  // an 8-byte run of 0xff (a huge length if it lands on one)
              for (std::size_t i = at; i < std::min(bytes.size(), at + 8); ++i) bytes[i] = '\xff';
          }
        }
        try {
          const Dataset result = from_bytes(bytes);
          ++loaded;
          identical += result == d;
          g_sink = touch_everything(result);
        } catch (const ArchiveError& e) {
          ++errors;
          const std::string what = e.what();
          if (what.find("out of memory") != std::string::npos || what.find("too large") != std::string::npos)
            return "FAIL " + std::string(format_name(f)) + " round " + std::to_string(round) + ": " + what;
          if (e.archive_path() != "memory") return "FAIL: the error does not name the archive: " + what;
        }
      }
      summary += std::string(format_name(f)) + ": " + std::to_string(rounds) + " corruptions, " +
                 std::to_string(errors) + " errors, " + std::to_string(loaded) + " loaded (" +
                 std::to_string(identical) + " identical); ";
    }
    return summary;
  });
}

TEST(Serialization, ForeignFilesAreNotArchives) {
  TempDir dir;
  std::mt19937 random(7);
  std::string noise(1000, '\0');
  for (char& c : noise) c = static_cast<char>(random());
  const std::vector<std::pair<std::string, std::string>> files{
      {"noise.bin", noise},
      {"branches.csv", "id,name,org_type\nB001,第一党支部,organ\n"},
      {"empty", ""},
      {"short", "LBRANC"},
      {"boost.txt", "22 serialization::archive 18 0 0 1 0"},
  };
  for (const auto& [name, content] : files) {
    SCOPED_TRACE(name);
    const fs::path path = dir / name;
    write_file(path, content);
    EXPECT_FALSE(libbranch::is_archive(path));
    try {
      (void)libbranch::load_archive(path);
      ADD_FAILURE() << "loaded";
    } catch (const ArchiveError& e) {
      EXPECT_EQ(e.archive_path(), path.string());
      EXPECT_NE(std::string(e.what()).find("not a libbranch archive"), std::string::npos) << e.what();
    }
    const auto error = load_error(content);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("not a libbranch archive"), std::string::npos) << *error;
  }
  EXPECT_FALSE(libbranch::is_archive(dir / "missing"));
  EXPECT_FALSE(libbranch::is_archive(dir.path()));
  try {
    (void)libbranch::load_archive(dir / "missing");
    ADD_FAILURE() << "loaded";
  } catch (const ArchiveError& e) {
    EXPECT_EQ(e.archive_path(), (dir / "missing").string());
    EXPECT_NE(std::string(e.what()).find("cannot open"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)libbranch::load_archive(dir.path()), ArchiveError);
}

TEST(Serialization, NewerLibraryVersionIsReportedWithBothVersions) {
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    for (int newer : {libbranch::version_number + 1, libbranch::version_number + 100, 10203}) {
      if (newer <= libbranch::version_number) continue;
      std::string bytes = to_bytes(sample(), f);
      put_u32(bytes, 10, static_cast<std::uint32_t>(newer));
      const auto error = load_error(bytes);
      ASSERT_TRUE(error.has_value());
      EXPECT_NE(error->find("written by libbranch " + version_text(newer) + ", this is " + libbranch::version_string()),
                std::string::npos)
          << *error;
    }
  }
  // An older writer is fine.
  if (libbranch::version_number > 0) {
    std::string bytes = to_bytes(sample(), ArchiveFormat::binary);
    put_u32(bytes, 10, 0);
    EXPECT_TRUE(from_bytes(libbranch::testing::resealed(bytes)) == sample());
  }
}

TEST(Serialization, BadHeaderFieldsAreErrors) {
  const std::string good = to_bytes(sample(), ArchiveFormat::binary);
  auto error_with = [&good](std::size_t at, char value) {
    std::string bytes = good;
    bytes[at] = value;
    const auto error = load_error(bytes);
    return error.value_or("(loaded)");
  };
  EXPECT_NE(error_with(8, 3).find("header version 3 is newer than this library's 2"), std::string::npos);
  EXPECT_NE(error_with(8, 0).find("header version 0"), std::string::npos);
  EXPECT_NE(error_with(14, 9).find("unknown archive format 9"), std::string::npos);
  EXPECT_NE(error_with(14, 0).find("unknown archive format 0"), std::string::npos);
  EXPECT_NE(error_with(15, 4).find("flags"), std::string::npos);
  EXPECT_NE(error_with(15, std::endian::native == std::endian::big ? 0 : 1).find("-endian"), std::string::npos);
  EXPECT_NE(error_with(17, 0x7f).find("Boost.Serialization archive version"), std::string::npos);
  // A text archive labelled binary (and the reverse) fails cleanly.
  std::string text = to_bytes(sample(), ArchiveFormat::text);
  text[14] = static_cast<char>(ArchiveFormat::binary);
  EXPECT_TRUE(load_error(text).has_value());
  std::string binary = good;
  binary[14] = static_cast<char>(ArchiveFormat::xml);
  EXPECT_TRUE(load_error(binary).has_value());
}

TEST(Serialization, LengthsBeyondTheFileAreRejectedBeforeAllocating) {
  // branches.id holds "B001" "B002" "支部-三": the first length in the payload is its 18 bytes.
  const std::size_t chars = sample().branches().id.chars().size();
  ASSERT_EQ(chars, 18U);
  {
    std::string bytes = to_bytes(sample(), ArchiveFormat::binary);
    const std::string count("\x12\0\0\0\0\0\0\0", 8);
    const std::size_t at = bytes.find(count, kHeaderSize);
    ASSERT_NE(at, std::string::npos);
    bytes.replace(at, 8, std::string("\xff\xff\xff\xff\xff\xff\xff\x7f", 8));
    const auto error = load_error(bytes);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("corrupted archive: length 9223372036854775807 exceeds the file size"), std::string::npos)
        << *error;
  }
  {
    // Text: class information (tracking, version) of the dataset, the branch table and the string
    // pool, then the first count.
    std::string bytes = to_bytes(sample(), ArchiveFormat::text);
    ASSERT_EQ(bytes.substr(kHeaderSize, 15), "0 1 0 2 0 2 18\n");
    bytes.replace(kHeaderSize + 12, 2, "18446744073709551615");
    const auto error = load_error(bytes);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("length 18446744073709551615 exceeds the file size"), std::string::npos) << *error;
  }
  {
    std::string bytes = to_bytes(sample(), ArchiveFormat::xml);
    const std::size_t at = bytes.find("<count>18</count>");
    ASSERT_NE(at, std::string::npos);
    bytes.replace(at, 17, "<count>4000000000</count>");
    const auto error = load_error(bytes);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("length 4000000000 exceeds the file size"), std::string::npos) << *error;
  }
  // The limit given with a stream counts, not the stream's real length.
  const std::string bytes = to_bytes(sample(), ArchiveFormat::binary);
  std::istringstream in(bytes, std::ios::binary);
  EXPECT_THROW((void)libbranch::load_archive(in, "limited", 100), ArchiveError);
}

TEST(Serialization, InconsistentTablesAreCorruptedArchives) {
  const std::string original = to_bytes(sample(), ArchiveFormat::xml);
  const std::string xml = with_item(original, "<member>", "99", 0, original.find("<attendance"));
  ASSERT_NE(xml, original);
  const auto error = load_error(xml);
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("corrupted archive: inconsistent dataset: attendance refers past its tables"),
            std::string::npos)
      << *error;
}

TEST(Serialization, MalformedColumnsAreCorruptedArchives) {
  // A dictionary holding the same value twice.
  DatasetTables t;
  t.branches.id.add("B");
  t.branches.name.add("b");
  t.branches.parent_id.push_back("");
  t.branches.org_type = {libbranch::OrgType::none};
  t.branches.last_election = {Date::none()};
  for (CountColumn* c : {&t.branches.internal_units, &t.branches.units_covered, &t.branches.fulltime_party_workers,
                         &t.branches.pioneer_posts, &t.branches.brands})
    c->push_back(std::nullopt);
  t.branches.facilities = {0};
  t.branches.service_station = {0};
  const Dataset one(t);
  {
    // org_type 0 -> 42 (no such OrgType)
    const auto error = load_error(with_item(to_bytes(one, ArchiveFormat::xml), "<org_type>", "42"));
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("branches.org_type holds an unknown value"), std::string::npos) << *error;
  }
  {
    // A string pool whose ends run past its characters.
    const auto error = load_error(with_item(to_bytes(one, ArchiveFormat::xml), "<ends>", "7"));
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("corrupted archive: malformed string pool"), std::string::npos) << *error;
  }
  {
    // A count column whose wide side table does not match its cells (65534 = "look in the side table").
    const std::string xml = to_bytes(one, ArchiveFormat::xml);
    const auto error = load_error(with_item(xml, "<cells>", "65534", 0, xml.find("<internal_units")));
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("corrupted archive: malformed count column"), std::string::npos) << *error;
    // The same in a date column.
    const auto date_error = load_error(with_item(xml, "<cells>", "65534", 0, xml.find("<last_election")));
    ASSERT_TRUE(date_error.has_value());
    EXPECT_NE(date_error->find("corrupted archive: malformed date column"), std::string::npos) << *date_error;
  }
  {
    DatasetTables two = t;
    two.members.id.add("M1");
    two.members.id.add("M2");
    two.members.branch = {0, 0};
    two.members.name.add("");
    two.members.name.add("");
    two.members.gender.assign(2, libbranch::Gender::none);
    two.members.ethnicity.push_back("aa");
    two.members.ethnicity.push_back("bb");
    two.members.birth_date.assign(2, Date::none());
    two.members.education.assign(2, libbranch::Education::none);
    two.members.role.assign(2, libbranch::Role::none);
    two.members.party_group.push_back("");
    two.members.party_group.push_back("");
    for (auto* c : {&two.members.application_date, &two.members.activist_date, &two.members.candidate_date,
                    &two.members.admission_date, &two.members.conversion_date, &two.members.joined_branch,
                    &two.members.left_branch})
      c->assign(2, Date::none());
    std::string xml = to_bytes(Dataset(two), ArchiveFormat::xml);
    const std::size_t at = xml.find("<text>aabb</text>");
    ASSERT_NE(at, std::string::npos);
    xml.replace(at, 17, "<text>aaaa</text>");
    const auto error = load_error(xml);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("a dictionary holds a value twice"), std::string::npos) << *error;
  }
}

TEST(Serialization, NewerClassLayoutIsAnError) {
  // XML shows the class versions: a table written by a later layout is refused, never misread.
  std::string xml = to_bytes(sample(), ArchiveFormat::xml);
  const std::size_t at = xml.find("<members class_id=");
  ASSERT_NE(at, std::string::npos);
  const std::size_t version = xml.find("version=\"1\"", at);
  ASSERT_NE(version, std::string::npos);
  xml.replace(version, 11, "version=\"2\"");
  const auto error = load_error(xml);
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("newer than this library"), std::string::npos) << *error;
  // Layout version 0 was never written.
  std::string zero = to_bytes(sample(), ArchiveFormat::xml);
  const std::size_t v0 = zero.find("version=\"1\"", zero.find("<members class_id="));
  zero.replace(v0, 11, "version=\"0\"");
  const auto error0 = load_error(zero);
  ASSERT_TRUE(error0.has_value());
  EXPECT_NE(error0->find("layout version 0"), std::string::npos) << *error0;
}

// -------------------------------------------------------------------------------------------------
// Archives written by earlier layouts must keep loading. Each golden archive below was written by
// the layout version it names, from golden_tables(); when a layout changes, keep these, and add
// goldens of the new version (hex-encode to_bytes(Dataset(libbranch::testing::golden_tables()), format)).


std::string hex_decode(std::string_view hex) {
  std::string out;
  auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1]));
  return out;
}

// Layout version 1 of every class, header version 1, written by libbranch 0.1.0 with Boost 1.74.
constexpr std::string_view kGoldenBinaryV1 =
    "4c4252414e434800010064000000010012000001000000000100000000010000000400000000000000423142320200000000"
    "000000020000000000000004000000000000001500000000000000e7acace4b880e694afe983a8203c263e780a2279220200"
    "00000000000010000000000000001500000000000000000100000000010000000600000000000000e4b88ae7baa701000000"
    "000000000600000000000000020000000000000000000000ffffffff0200000000000000010002000000000000000c4d0000"
    "000000800001000000020000000000000001000000ffffffff000000000000000000000000000000000200000000000000fe"
    "ffffffffffffff010000000000000000000000010000000000000000f2052a01000000020000000000000001000000ffffff"
    "ff00000000000000000000000000000000020000000000000001000000ffffffff0000000000000000000000000000000002"
    "0000000000000001000000ffffffff0000000000000000000000000000000002000000000000000100020000000000000003"
    "00000100000002000000000000004d3101000000000000000200000000000000010000000000000001000000060000000000"
    "0000e5bca0e4b889010000000000000006000000000000000100000000000000010600000000000000e6b189e6978f010000"
    "000000000006000000000000000100000000000000000000000100000000000000891c000001000000000000000701000000"
    "0000000001000000000000000000000000000000000100000000000000ffffffff0100000000000000000000800100000000"
    "000000000000800100000000000000000000800100000000000000e940000001000000000000000000008001000000000000"
    "0000000080010000000000000000000080000100000002000000000000004131010000000000000002000000000000000100"
    "0000000000000100000001000000000000001e000100000000000000b44e00000100000000000000020c00000000000000e8"
    "85bee8aeafe4bc9ae8aeae01000000000000000c000000000000000100000000000000000000000100000000000000010000"
    "00000000000000000000000000000000000100000000000000ffffffff000000000000000000000000000000000100000000"
    "000000000000000000f87f000100000001000000000000000000000001000000000000000000000000010000000100000000"
    "0000000000000001000000000000000000000000002940000100000001000000000000000000000001000000000000000200"
    "000000000000010000000000000000000000010000000000000001000000000000000600000000000000e5859ae8afbe0100"
    "0000000000000600000000000000000100000001000000000000000000000001000000000000000000000000010000000100"
    "000000000000000000000600000000000000686f6e6f72730100000000000000060000000000000001000000000000000000"
    "00000100000000000000000000800100000000000000000000000000004001000000000000000c0000000000000072697665"
    "725f706174726f6c4c42522d454e440a"
    ;
constexpr std::string_view kGoldenTextV1 =
    "4c4252414e43480001006400000002001200302031203020312030203120340a0a516a46434d673d3d0a3220322034203231"
    "0a0a35367973354c69413570537636594f6f4944776d506e674b496e6b690a32203136203231203020312030203120360a0a"
    "354c694b3537716e0a3120362032203020343239343936373239352032203120302032203139373234202d32313437343833"
    "3634382030203120322031203432393439363732393520302030203220343239343936373239342034323934393637323935"
    "2031203020312035303030303030303030203220312034323934393637323935203020302032203120343239343936373239"
    "3520302030203220312034323934393637323935203020302032203120302032203320302030203120320a0a5454453d0a31"
    "20322031203120360a0a35627967354c694a0a3120362031203120360a0a3572474a357065500a3120362031203020312037"
    "333035203120372031203120302030203120343239343936373239352031202d323134373438333634382031202d32313437"
    "3438333634382031202d3231343734383336343820312031363631372031202d323134373438333634382031202d32313437"
    "3438333634382031202d323134373438333634382030203120320a0a5154453d0a3120322031203120312033302031203230"
    "313438203120322031320a0a3649572b364b3676354c7961364b36750a312031322031203020312031203020302031203432"
    "3934393637323935203020302031206e616e2030203120312030203120302030203120312030203120312e32353030303030"
    "30303030303030303030652b3031203020312031203020312032203120302031203120360a0a35595761364b2b2b0a312036"
    "203020312031203020312030203020312031203020360a0a6147397562334a7a0a312036203120302031202d323134373438"
    "33363438203120322e3030303030303030303030303030303030652b303020312031320a0a636d6c325a584a666347463063"
    "6d39730a4c42522d454e440a"
    ;

// Layout version 2 of the tables, string pools, count and dictionary columns (16-bit cells, 32-bit
// string offsets, hours in hundredths, interned titles, branch offsets), header version 1,
// libbranch 0.2.0, Boost 1.74.
constexpr std::string_view kGoldenBinaryV2 =
    "4c4252414e4348000100c8000000010012000001000000000200000000020000000400000000000000423142320200000000"
    "000000020000000400000000000000000000001500000000000000e7acace4b880e694afe983a8203c263e780a2279220200"
    "00000000000010000000150000000000000000000000000200000000010000000600000000000000e4b88ae7baa701000000"
    "000000000600000000000000000000000002000000000000000000ffff020000000000000001000001000000020000000000"
    "0000ebb0ffff00000000000000000000000000000000000200000002000000000000000100ffff0000000000000000000000"
    "00000000000200000000000000feffffff010000000000000000000000010000000000000000f2052a010000000200000000"
    "0000000100ffff0000000000000000000000000000000002000000000000000100ffff000000000000000000000000000000"
    "0002000000000000000100ffff00000000000000000000000000000000020000000000000001000200000000000000030000"
    "0200000002000000000000004d31010000000000000002000000000000000000000000010000000103000000000000000000"
    "000000000000010000000600000000000000e5bca0e4b8890100000000000000060000000000000000000000010000000000"
    "0000010600000000000000e6b189e6978f010000000000000006000000000000000000000000010000000000000000000100"
    "0000000000006880000000000000000000000000000000000100000000000000070100000000000000010000000000000000"
    "00000000000000000000000000000000000100000000000000ffff0100000000000000ffff00000000000000000000000000"
    "0000000100000000000000ffff000000000000000000000000000000000100000000000000ffff0000000000000000000000"
    "00000000000100000000000000c8a4000000000000000000000000000000000100000000000000ffff000000000000000000"
    "000000000000000100000000000000ffff000000000000000000000000000000000100000000000000ffff00000000000000"
    "0000000000000000000002000000020000000000000041310100000000000000020000000000000000000000010300000000"
    "00000000000000000000000100000001000000000000001e00010000000000000093b2000000000000000000000000000000"
    "000100000000000000020c00000000000000e885bee8aeafe4bc9ae8aeae01000000000000000c0000000000000000000000"
    "000100000000000000000001000000000000000100000000000000000000000000000000000100000000000000ffff000000"
    "0000000000000000000000000000010000000100000000000000ffff00000000000000000000000000000000000100000001"
    "0000000000000000000000010000000000000000000000000100000001000000000000000000000001000000000000000000"
    "0000000029400001000000010000000000000000000000010000000000000002000000000000000100000000000000000000"
    "00010000000000000001000000000000000600000000000000e5859ae8afbe01000000000000000600000000000000000000"
    "0000010000000000000000000001000000010000000000000000000000010000000000000000000000000200000001030000"
    "00000000000000000001000000010000000600000000000000686f6e6f727301000000000000000600000000000000000000"
    "0000010000000000000000000100000000000000000000800100000000000000000000000000004001000000000000000c00"
    "00000000000072697665725f706174726f6c4c42522d454e440a"
    ;
constexpr std::string_view kGoldenTextV2 =
    "4c4252414e4348000100c800000002001200302031203020322030203220340a0a516a46434d673d3d0a3220322034203020"
    "32310a0a35367973354c69413570537636594f6f4944776d506e674b496e6b690a3220313620323120302030203220302031"
    "20360a0a354c694b3537716e0a31203620302030203220302036353533352032203120302030203120322034353239312036"
    "3535333520302030203020322032203120363535333520302030203220363535333420363535333520312030203120353030"
    "3030303030303020322031203635353335203020302032203120363535333520302030203220312036353533352030203020"
    "32203120302032203320302030203220320a0a5454453d0a3120322030203020312031203320302030203120360a0a356279"
    "67354c694a0a31203620302031203120360a0a3572474a357065500a31203620302030203120302031203332383732203020"
    "3020312037203120312030203020302030203120363535333520312036353533352030203020312036353533352030203020"
    "3120363535333520302030203120343231383420302030203120363535333520302030203120363535333520302030203120"
    "3635353335203020302030203220320a0a5154453d0a31203220302031203320302030203120312033302031203435373135"
    "20302030203120322031320a0a3649572b364b3676354c7961364b36750a3120313220302030203120302031203120302030"
    "2031203635353335203020302030203120312036353533352030203020302031203120302031203020302031203120302031"
    "20312e3235303030303030303030303030303030652b3031203020312031203020312032203120302031203120360a0a3559"
    "5761364b2b2b0a3120362030203020312030203020312031203020312030203020322031203320302031203120360a0a6147"
    "397562334a7a0a31203620302030203120302031202d32313437343833363438203120322e30303030303030303030303030"
    "30303030652b303020312031320a0a636d6c325a584a6663474630636d39730a4c42522d454e440a"
    ;

TEST(Serialization, GoldenArchivesOfEarlierLayoutsStillLoad) {
  const Dataset expected(libbranch::testing::golden_tables());
  for (const auto& [format, hex] : {std::pair{ArchiveFormat::binary, kGoldenBinaryV1},
                                    std::pair{ArchiveFormat::text, kGoldenTextV1},
                                    std::pair{ArchiveFormat::binary, kGoldenBinaryV2},
                                    std::pair{ArchiveFormat::text, kGoldenTextV2}}) {
    SCOPED_TRACE(format_name(format));
    const std::string bytes = hex_decode(hex);
    ASSERT_EQ(static_cast<unsigned char>(bytes.at(14)), static_cast<unsigned char>(format));
    expect_same(from_bytes(bytes), expected);
  }
}


// -------------------------------------------------------------------------------------------------
// Saving

TEST(Serialization, SavingToAnUnwritablePathLeavesNothing) {
  TempDir dir;
  const Dataset d = sample();
  // A directory that does not exist.
  const fs::path missing = dir / "no_such_dir" / "x.lbr";
  try {
    libbranch::save_archive(d, missing);
    ADD_FAILURE() << "saved";
  } catch (const ArchiveError& e) {
    EXPECT_EQ(e.archive_path(), missing.string());
  }
  // A parent that is a regular file.
  write_file(dir / "plain", "x");
  EXPECT_THROW(libbranch::save_archive(d, dir / "plain" / "x.lbr"), ArchiveError);
  // The target is a directory: the archive is written in full, the rename fails, the temp file goes.
  fs::create_directory(dir / "target");
  for (ArchiveFormat f : kFormats) {
    try {
      libbranch::save_archive(d, dir / "target", f);
      ADD_FAILURE() << "saved over a directory";
    } catch (const ArchiveError& e) {
      EXPECT_EQ(e.archive_path(), (dir / "target").string());
      EXPECT_NE(std::string(e.what()).find("into place"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"plain", "target"}));
  EXPECT_TRUE(fs::is_empty(dir / "target"));
  // An unknown format is refused before anything is created.
  EXPECT_THROW(libbranch::save_archive(d, dir / "odd.lbr", static_cast<ArchiveFormat>(9)), ArchiveError);
  std::ostringstream out;
  EXPECT_THROW(libbranch::save_archive(d, out, static_cast<ArchiveFormat>(0)), ArchiveError);
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"plain", "target"}));
}

TEST(Serialization, SavingReplacesAnExistingArchive) {
  TempDir dir;
  const fs::path path = dir / "data.lbr";
  libbranch::save_archive(sample(), path);
  libbranch::save_archive(Dataset(), path, ArchiveFormat::text);
  expect_same(libbranch::load_archive(path), Dataset());
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"data.lbr"});
}

/// A streambuf that accepts `capacity` bytes and then fails.
class FailingBuf : public std::streambuf {
 public:
  explicit FailingBuf(std::size_t capacity) : capacity_(capacity) {}

 protected:
  int_type overflow(int_type c) override {
    if (written_ >= capacity_) return traits_type::eof();
    ++written_;
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char*, std::streamsize n) override {
    const auto room = static_cast<std::streamsize>(capacity_ - written_);
    const std::streamsize taken = std::min(room, n);
    written_ += static_cast<std::size_t>(taken);
    return taken;
  }

 private:
  std::size_t capacity_;
  std::size_t written_ = 0;
};

TEST(Serialization, StreamWriteFailuresAreArchiveErrors) {
  const Dataset d = sample();
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const std::size_t size = to_bytes(d, f).size();
    for (std::size_t capacity : {std::size_t{0}, std::size_t{5}, kHeaderSize, std::size_t{100}, size / 2, size - 1}) {
      FailingBuf buf(capacity);
      std::ostream out(&buf);
      EXPECT_THROW(libbranch::save_archive(d, out, f), ArchiveError) << capacity;
    }
    FailingBuf enough(size);
    std::ostream out(&enough);
    EXPECT_NO_THROW(libbranch::save_archive(d, out, f));
  }
}

TEST(Serialization, CallersStreamSettingsNeitherLeakInNorOut) {
  // Integers in hex with a sign, no whitespace skipping: a text archive must not pick these up,
  // and the caller gets the settings back.
  const Dataset d = sample();
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    std::ostringstream out;
    out.precision(3);
    out << std::hex << std::showpos << std::uppercase;
    const std::locale before = out.getloc();
    const auto flags = out.flags();
    libbranch::save_archive(d, out, f);
    EXPECT_EQ(out.precision(), 3);
    EXPECT_EQ(out.flags(), flags);
    EXPECT_TRUE(out.getloc() == before);
    const std::string bytes = out.str();
    EXPECT_EQ(bytes, to_bytes(d, f));
    std::istringstream in(bytes);
    in >> std::hex >> std::noskipws;
    const auto in_flags = in.flags();
    expect_same(libbranch::load_archive(in, "hex", bytes.size()), d);
    EXPECT_EQ(in.flags(), in_flags);
  }
}

}  // namespace
