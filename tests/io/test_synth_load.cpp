// Kept apart from test_synth.cpp: it needs the real loader (io/load.hpp), the other file does not.
#include <libbranch/io/load.hpp>
#include <libbranch/synth.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

TEST(SynthLoad, LoadsWithoutProblems) {
  const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
  const fs::path dir = fs::temp_directory_path() / ("libbranch_synth_load_" + std::to_string(stamp));
  libbranch::SynthOptions options;
  options.branches = 300;
  options.seed = 17;
  options.first_year = 2024;
  options.last_year = 2025;
  const auto summary = libbranch::write_synthetic_dataset(options, dir);

  std::vector<libbranch::Problem> warnings;
  std::string failure;
  try {
    const libbranch::Dataset data = libbranch::load_directory(dir, {}, &warnings);
    EXPECT_EQ(data.branch_count(), summary.branches);
  } catch (const libbranch::DataError& e) {
    for (const auto& p : e.problems()) failure += p.to_string() + "\n";
  } catch (const std::exception& e) {
    failure = e.what();
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  EXPECT_EQ(failure, "");
  std::string text;
  for (const auto& w : warnings) text += w.to_string() + "\n";
  EXPECT_TRUE(warnings.empty()) << text;
}

}  // namespace
