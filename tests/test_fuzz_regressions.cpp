// Inputs the fuzz targets (tests/fuzz/) once failed on, each with what must happen instead. The
// inputs themselves live in tests/fuzz/regressions/<target>/, which the fuzz runs also replay.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include <libbranch/error.hpp>
#include <libbranch/serialization.hpp>

namespace libbranch {
namespace {

using ::testing::HasSubstr;

std::string regression_input(const std::string& relative) {
  std::ifstream in(std::string(LIBBRANCH_SOURCE_DIR) + "/tests/fuzz/regressions/" + relative, std::ios::binary);
  EXPECT_TRUE(in) << relative;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A binary dataset archive whose dictionary column says its codes are wide with the byte 0x80: it
// was copied into a bool (undefined behaviour, UBSan: "load of value 128 … for type 'bool'").
TEST(FuzzRegressions, DatasetArchiveFlagByteOtherThanZeroOrOneIsCorrupt) {
  const std::string bytes = regression_input("archive/dict_column_wide_flag_128");
  std::istringstream in(bytes, std::ios::binary);
  try {
    (void)load_archive(in, "wide_flag", bytes.size());
    FAIL() << "loaded an archive with a flag byte of 128";
  } catch (const ArchiveError& e) {
    EXPECT_THAT(e.what(), HasSubstr("corrupted archive"));
    EXPECT_THAT(e.what(), HasSubstr("the wide flag is 128"));
  }
}

}  // namespace
}  // namespace libbranch
