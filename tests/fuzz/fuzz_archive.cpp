// libFuzzer target for every archive reader (dataset, scorecard, rubric, part metrics): any bytes
// give the object or an ArchiveError; never a crash, another exception type, or an allocation the
// input size does not justify. Every reader sees every input: each checks the magic first, so the
// fuzzer reaches all four by mutating it. Built with -DLIBBRANCH_FUZZ=ON (tests/fuzz/CMakeLists.txt);
// the seeds (one small archive of each kind in each format) come from fuzz_archive_seeds.
#include <cstddef>
#include <cstdint>

#include <libbranch/error.hpp>
#include <libbranch/part_metrics_archive.hpp>
#include <libbranch/rubric.hpp>
#include <libbranch/scorecard.hpp>
#include <libbranch/serialization.hpp>

#include "memory_stream.hpp"

namespace {

template <class Load>
void expect_archive_or_error(const std::uint8_t* data, std::size_t size, Load load) {
  libbranch::fuzz::MemoryStream in(data, size);
  try {
    load(in);
  } catch (const libbranch::ArchiveError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace libbranch;
  expect_archive_or_error(data, size, [&](std::istream& in) { (void)load_archive(in, "fuzz", size).branch_count(); });
  expect_archive_or_error(data, size, [&](std::istream& in) { (void)load_scorecard(in, "fuzz", size).branch_count(); });
  expect_archive_or_error(data, size, [&](std::istream& in) { (void)load_rubric(in, "fuzz", size).indicator_count(); });
  expect_archive_or_error(data, size, [&](std::istream& in) { (void)load_part_metrics(in, "fuzz", size).values.size(); });
  return 0;
}
