#pragma once
// The branchscore subcommands, kept apart from argument parsing (CLI11 lives in main.cpp only).
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace branchscore {

/// Exit codes of SPEC §6.
enum Exit : int { kSuccess = 0, kFailure = 1, kUsage = 2 };

struct DataArgs {
  std::string data;  ///< dataset directory or archive
  bool allow_custom_kinds = false;
};

int run_validate(const DataArgs& args, std::ostream& out, std::ostream& err);

struct PackArgs {
  DataArgs input;
  std::string out;
  std::string format = "binary";
  std::uint64_t part_branches = 0;  ///< > 0: a partitioned archive with parts of this many branches
};
int run_pack(const PackArgs& args, std::ostream& out, std::ostream& err);

struct SynthArgs {
  std::uint64_t branches = 0;
  std::uint64_t seed = 1;
  std::string out;
  int first_year = 2025;
  int last_year = 2025;
  std::uint64_t part_branches = 0;  ///< > 0: write a partitioned archive to `out` instead of files
};
int run_synth(const SynthArgs& args, std::ostream& out, std::ostream& err);

struct ScoreArgs {
  DataArgs input;
  std::string rubric;  ///< empty: the default rubric
  std::optional<int> year;
  std::string from;
  std::string to;
  std::string format = "table";
  bool detail = false;
  std::string out;  ///< empty: stdout
  int threads = 0;
  std::uint64_t memory = 0;  ///< bytes; 0 = no budget (partitioned archives only)
  std::vector<std::string> plugin_dirs;
};
int run_score(const ScoreArgs& args, std::ostream& out, std::ostream& err);

struct ReportArgs {
  DataArgs input;
  std::string branch;
  std::optional<int> year;  ///< absent: the default period
  std::string lang = "zh";  ///< zh or en
  std::string rubric;       ///< empty: the default rubric
  std::vector<std::string> plugin_dirs;
};
int run_report(const ReportArgs& args, std::ostream& out, std::ostream& err);

struct ListArgs {
  std::vector<std::string> plugin_dirs;
};
int run_metrics(const ListArgs& args, std::ostream& out, std::ostream& err);
int run_plugins(const ListArgs& args, std::ostream& out, std::ostream& err);

}  // namespace branchscore
