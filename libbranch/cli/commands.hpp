#pragma once
// The branchscore subcommands, kept apart from argument parsing (CLI11 lives in main.cpp only).
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <libbranch/io/input_limits.hpp>

namespace branchscore {

/// Exit codes of docs/reference/cli.md §1.1.
enum Exit : int { kSuccess = 0, kFailure = 1, kUsage = 2 };

struct DataArgs {
  std::string data;  ///< dataset directory or archive
  bool allow_custom_kinds = false;
  std::size_t max_problems = libbranch::kDefaultMaxProblems;  ///< per file; 0 = all
};

/// `--year Y` or `--from D --to D` (both); neither: the command's default period (period_args.hpp).
struct PeriodArgs {
  std::optional<int> year;
  std::string from;
  std::string to;
};

/// Where plugins come from: `--plugins DIR` (repeatable), `--allow-unsafe-plugins`.
struct PluginArgs {
  std::vector<std::string> dirs;
  bool allow_unsafe = false;  ///< load plugins that other users could have replaced
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
  PeriodArgs period;
  std::string format = "table";
  bool detail = false;
  std::string out;  ///< empty: stdout
  int threads = 0;
  std::uint64_t memory = 0;  ///< bytes; 0 = no budget (partitioned archives only)
  PluginArgs plugins;
};
int run_score(const ScoreArgs& args, std::ostream& out, std::ostream& err);

struct ReportArgs {
  DataArgs input;
  std::string branch;
  bool all = false;         ///< every branch, one file each in the directory `out`
  PeriodArgs period;        ///< neither: the default period
  std::string lang = "zh";  ///< zh or en
  std::string format;       ///< text, markdown or html; empty: text for one branch, html for --all
  std::string out;          ///< one branch: a file (empty: stdout); --all: a directory
  std::string rubric;       ///< empty: the default rubric
  std::string rules;        ///< compliance rule set for the findings; empty: the built-in one
  bool no_findings = false; ///< Markdown and HTML without the compliance check
  PluginArgs plugins;
};
int run_report(const ReportArgs& args, std::ostream& out, std::ostream& err);

struct ListArgs {
  PluginArgs plugins;
};
int run_metrics(const ListArgs& args, std::ostream& out, std::ostream& err);
int run_plugins(const ListArgs& args, std::ostream& out, std::ostream& err);

/// weights ahp FILE.json | weights entropy DATA.csv | weights critic DATA.csv (analytics_commands.cpp).
struct WeightsArgs {
  std::string method;  ///< ahp, entropy, critic
  std::string input;
  std::string ahp_method = "eigenvector";
  std::string ri = "saaty1980";
  std::string variant = "raw";
  double shift = 0;
  std::string correlation = "pearson";
  std::vector<std::string> cost;  ///< criterion columns that are costs
  std::string format = "table";
  std::string out;
};
int run_weights(const WeightsArgs& args, std::ostream& out, std::ostream& err);

/// rank DATA.csv --method topsis|vikor|weighted_sum.
struct RankArgs {
  std::string input;
  std::string method = "topsis";
  std::string weights;        ///< "0.2,0.8" or "a=0.2,b=0.8"; empty: equal
  std::vector<std::string> cost;
  std::string normalization;  ///< empty: the method's default (vector; none for weighted_sum)
  std::string ties = "min";
  double v = 0.5;
  std::string format = "table";
  std::string out;
};
int run_rank(const RankArgs& args, std::ostream& out, std::ostream& err);

/// compare DATA --before PERIOD --after PERIOD (compare_command.cpp); periods as parse_period reads them.
struct CompareArgs {
  DataArgs input;
  std::string before;
  std::string after;
  std::string rubric;  ///< empty: the default rubric
  std::size_t top = 3;
  std::string format = "table";
  std::string out;
  PluginArgs plugins;
};
int run_compare(const CompareArgs& args, std::ostream& out, std::ostream& err);

/// check DATA [--year Y | --from D --to D] [--rules FILE] (check_command.cpp): compliance findings.
struct CheckArgs {
  DataArgs input;
  PeriodArgs period;
  std::string rules;  ///< empty: the built-in rule set (compliance/default.json)
  std::string format = "table";
  std::string out;
};
int run_check(const CheckArgs& args, std::ostream& out, std::ostream& err);

struct MembersArgs {
  DataArgs input;
  PeriodArgs period;
  std::string rubric;  ///< points rubric; empty: the built-in rubrics/member_points.json
  std::string branch;  ///< empty: every branch
  bool ledger = false;
  std::string format = "table";
  std::string out;
};
int run_members(const MembersArgs& args, std::ostream& out, std::ostream& err);

}  // namespace branchscore
