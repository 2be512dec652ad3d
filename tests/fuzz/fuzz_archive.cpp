// libFuzzer target for archive loading: any bytes give a Dataset or an ArchiveError; never a crash,
// another exception type, or an allocation the input size does not justify. Not built by default.
//
//   cd /work/main   # or the source root
//   S="libbranch/src/serialization.cpp libbranch/src/dataset.cpp libbranch/src/error.cpp \
//      libbranch/src/version.cpp libbranch/src/model/*.cpp"
//   clang++-14 -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Ilibbranch/include \
//       tests/fuzz/fuzz_archive.cpp $S -lboost_serialization -o /tmp/fuzz_archive
//   # seeds: one small archive in each format
//   clang++-14 -std=c++20 -O1 -DLIBBRANCH_FUZZ_WRITE_SEEDS -Ilibbranch/include \
//       tests/fuzz/fuzz_archive.cpp $S -lboost_serialization -o /tmp/fuzz_seeds && /tmp/fuzz_seeds /tmp/corpus
//   /tmp/fuzz_archive -max_len=16384 -malloc_limit_mb=64 -rss_limit_mb=2048 -max_total_time=600 /tmp/corpus
//
// -malloc_limit_mb turns any single allocation above the limit into a reported failure: with
// inputs of at most 16 KiB, the bounded lengths keep every allocation far below it.
#include <libbranch/serialization.hpp>

#include <cstddef>
#include <cstdint>
#include <istream>
#include <streambuf>

#include <libbranch/error.hpp>

namespace {

/// A read-only streambuf over the fuzzer's bytes (no copy).
class MemoryBuf : public std::streambuf {
 public:
  MemoryBuf(const std::uint8_t* data, std::size_t size) {
    char* p = const_cast<char*>(reinterpret_cast<const char*>(data));
    setg(p, p, p + size);
  }
};

}  // namespace

#ifndef LIBBRANCH_FUZZ_WRITE_SEEDS

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  MemoryBuf buffer(data, size);
  std::istream in(&buffer);
  try {
    const libbranch::Dataset dataset = libbranch::load_archive(in, "fuzz", size);
    (void)dataset.branch_count();
  } catch (const libbranch::ArchiveError&) {
  }
  return 0;
}

#else

#include <cmath>
#include <filesystem>
#include <string>

int main(int argc, char** argv) {
  using namespace libbranch;
  if (argc != 2) return 2;
  const std::filesystem::path dir = argv[1];
  std::filesystem::create_directories(dir);
  DatasetTables t;
  for (const char* id : {"B1", "B2"}) t.branches.id.add(id);
  t.branches.name.add("第一支部 <&>");
  t.branches.name.add("x\n\"y\"");
  t.branches.parent_id.push_back("上级");
  t.branches.parent_id.push_back("");
  t.branches.org_type = {OrgType::organ, OrgType::none};
  t.branches.last_election = {Date::from_ymd(2024, 1, 2), Date::none()};
  for (CountColumn* c : {&t.branches.internal_units, &t.branches.units_covered, &t.branches.fulltime_party_workers,
                         &t.branches.pioneer_posts, &t.branches.brands}) {
    c->push_back(1);
    c->push_back(std::nullopt);
  }
  t.branches.units_covered.set(0, 5'000'000'000);
  t.branches.facilities = {1, 0};
  t.branches.service_station = {3, 0};
  t.members.id.add("M1");
  t.members.branch = {1};
  t.members.name.add("张三");
  t.members.gender = {Gender::male};
  t.members.ethnicity.push_back("汉族");
  t.members.birth_date = {Date::from_ymd(1990, 1, 1)};
  t.members.education = {Education::master};
  t.members.role = {Role::secretary};
  t.members.party_group.push_back("");
  for (auto* c : {&t.members.application_date, &t.members.activist_date, &t.members.candidate_date,
                  &t.members.admission_date, &t.members.conversion_date, &t.members.joined_branch,
                  &t.members.left_branch})
    c->push_back(Date::none());
  t.activities.id.add("A1");
  t.activities.branch = {1};
  t.activities.kind = {kFirstCustomKind};
  t.activities.date = {Date::from_ymd(2025, 3, 1)};
  t.activities.mode = {Mode::online};
  t.activities.platform.push_back("腾讯会议");
  t.activities.attendees.push_back(1);
  t.activities.expected.push_back(std::nullopt);
  t.activities.hours = {std::nan("")};
  t.activities.lecturer.push_back(0, 0);
  t.activities.amount_yuan.push_back(0, 12.5);
  t.activities.cases.push_back(0, 2);
  t.activities.escalated.push_back(0, 1);
  t.activities.title.push_back("党课");
  t.attendance.activity = {0};
  t.attendance.member = {0};
  t.observations.branch = {0};
  t.observations.indicator.push_back("honors");
  t.observations.date = {Date::none()};
  t.observations.value = {2.0};
  t.custom_kinds = {"river_patrol"};
  const Dataset dataset(t);
  save_archive(dataset, dir / "seed.binary", ArchiveFormat::binary);
  save_archive(dataset, dir / "seed.text", ArchiveFormat::text);
  save_archive(dataset, dir / "seed.xml", ArchiveFormat::xml);
  save_archive(Dataset(), dir / "empty.binary", ArchiveFormat::binary);
  return 0;
}

#endif
