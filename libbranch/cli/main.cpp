// branchscore: the command line of libbranch (docs/reference/cli.md). Argument parsing only; the
// work is in the run_* functions.
#include <iostream>

#include <CLI/CLI.hpp>

#include <libbranch/model/date.hpp>
#include <libbranch/version.hpp>

#include "commands.hpp"
#include "period_args.hpp"

namespace {

using namespace branchscore;

void add_data_options(CLI::App* cmd, DataArgs& args) {
  cmd->add_option("DATA", args.data, "dataset directory or archive")->required();
  cmd->add_flag("--allow-custom-kinds", args.allow_custom_kinds,
                "accept activity kinds outside the vocabulary (matching [a-z0-9_]+)");
  cmd->add_option("--max-problems", args.max_problems,
                  "problems listed per file, the first found; the rest are counted (0 = all)")
      ->capture_default_str();
}

void add_plugin_options(CLI::App* cmd, PluginArgs& args) {
  cmd->add_option("--plugins", args.dirs, "a plugin directory, searched first (repeatable)");
  cmd->add_flag("--allow-unsafe-plugins", args.allow_unsafe,
                "load plugins even where other users could replace them (world-writable file or folder)");
}

CLI::Validator date_check() {
  return CLI::Validator(
      [](const std::string& text) {
        return libbranch::Date::parse(text) ? std::string() : "not a date (expected YYYY-MM-DD): " + text;
      },
      "DATE");
}

// --year Y | --from D --to D, with the checks every period-taking command shares: the dates parse,
// both or neither of --from/--to, not with --year, and --to not before --from (exit 2).
void add_period_options(CLI::App* cmd, PeriodArgs& args, const std::string& year_help) {
  auto* year = cmd->add_option("--year", args.year, year_help)->check(CLI::Range(1, 9999));
  auto* from = cmd->add_option("--from", args.from, "first day of the period (YYYY-MM-DD)")->check(date_check());
  auto* to = cmd->add_option("--to", args.to, "last day of the period (YYYY-MM-DD)")->check(date_check());
  from->needs(to);
  to->needs(from);
  year->excludes(from);
  year->excludes(to);
  cmd->callback([&args] {
    if (reversed(args)) throw CLI::ValidationError("--to must not be before --from");
  });
}

CLI::Validator period_check() {
  return CLI::Validator(
      [](const std::string& text) {
        return parse_period(text) ? std::string()
                                  : "not a period (expected 2024, 2024-H1, 2024-Q3, 2024-07 or "
                                    "2024-01-01..2024-06-30): " + text;
      },
      "PERIOD");
}

// "8G", "512M", "64k", "1T" (binary multiples, an optional "iB"/"B" after the letter) or bytes.
CLI::Validator memory_size(std::uint64_t& bytes) {
  return CLI::Validator(
      [&bytes](std::string& text) -> std::string {
        std::size_t end = 0;
        unsigned long long n = 0;
        try {
          n = std::stoull(text, &end);
        } catch (const std::exception&) {
          return "not a memory size (e.g. 8G, 512M): " + text;
        }
        std::string unit = text.substr(end);
        for (const char* suffix : {"iB", "B"})
          if (unit.size() > 1 && unit.ends_with(suffix)) unit.resize(unit.size() - std::string(suffix).size());
        int shift = 0;
        if (unit == "k" || unit == "K") shift = 10;
        else if (unit == "M") shift = 20;
        else if (unit == "G") shift = 30;
        else if (unit == "T") shift = 40;
        else if (!unit.empty()) return "not a memory size (e.g. 8G, 512M): " + text;
        if (n == 0 || n > (~0ull >> shift)) return "not a usable memory size: " + text;
        bytes = static_cast<std::uint64_t>(n) << shift;
        return {};
      },
      "SIZE");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"branchscore — evaluate party branches against the five standards (标准化规范化党支部建设)"};
  app.set_version_flag("--version", libbranch::version_string());
  app.require_subcommand(1);

  DataArgs validate_args;
  auto* validate = app.add_subcommand("validate", "load a dataset and report every problem; exit 1 if any error");
  add_data_options(validate, validate_args);

  PackArgs pack_args;
  auto* pack = app.add_subcommand("pack", "write a dataset as a binary archive");
  add_data_options(pack, pack_args.input);
  pack->add_option("--out", pack_args.out, "archive to write")->required();
  pack->add_option("--format", pack_args.format, "archive format")
      ->check(CLI::IsMember({"binary", "text", "xml"}));
  auto* part_branches = pack->add_option("--part-branches", pack_args.part_branches,
                                         "write a partitioned archive with parts of N branches (scored part by part)")
                            ->check(CLI::Range(1ull, 4294967295ull));

  SynthArgs synth_args;
  auto* synth = app.add_subcommand("synth", "write a synthetic dataset of N branches");
  synth->add_option("--branches", synth_args.branches, "number of branches")->required()->check(CLI::Range(1ull, 100000000ull));
  synth->add_option("--seed", synth_args.seed, "random seed (the same seed writes the same files)");
  synth->add_option("--out", synth_args.out, "directory to write (with --part-branches: the archive)")->required();
  synth->add_option("--part-branches", synth_args.part_branches,
                    "write a partitioned archive with parts of N branches, generated part by part in memory")
      ->check(CLI::Range(1ull, 4294967295ull));
  synth->add_option("--first-year", synth_args.first_year, "first year with activities")->check(CLI::Range(1990, 2100));
  synth->add_option("--last-year", synth_args.last_year, "last year with activities")->check(CLI::Range(1990, 2100));

  ScoreArgs score_args;
  auto* score = app.add_subcommand("score", "score every branch with a rubric");
  add_data_options(score, score_args.input);
  score->add_option("--rubric", score_args.rubric, "rubric JSON file (default: the shipped default rubric)");
  add_period_options(score, score_args.period, "score the calendar year Y");
  score->add_option("--format", score_args.format, "table, csv, json or xlsx (an Excel workbook; needs --out)")
      ->check(CLI::IsMember({"table", "csv", "json", "xlsx"}));
  score->add_flag("--detail", score_args.detail, "one row per branch and indicator");
  score->add_option("--out", score_args.out, "write to FILE instead of stdout (only when the command succeeds)");
  score->add_option("--threads", score_args.threads, "threads for loading CSV and computing metrics (default: all cores)")->check(CLI::Range(1, 1024));
  std::string memory_text;
  score->add_option("--memory", memory_text, "memory budget for scoring a partitioned archive part by part (e.g. 8G)")
      ->check(memory_size(score_args.memory));
  add_plugin_options(score, score_args.plugins);

  ReportArgs report_args;
  auto* report = app.add_subcommand(
      "report", "narrative annual summaries (zh or en): one branch as text or Markdown, or every branch as HTML pages");
  add_data_options(report, report_args.input);
  auto* report_branch = report->add_option("--branch", report_args.branch, "branch_id of the branch");
  auto* report_all = report->add_flag("--all", report_args.all, "every branch: one file each in the directory --out");
  report_branch->excludes(report_all);
  add_period_options(report, report_args.period, "the calendar year Y (default: the latest year with activities)");
  report->add_option("--lang", report_args.lang, "zh (default) or en")->check(CLI::IsMember({"zh", "en"}));
  report->add_option("--format", report_args.format, "text (default for one branch), markdown or html (default for --all)")
      ->check(CLI::IsMember({"text", "markdown", "html"}));
  auto* report_out = report->add_option("--out", report_args.out, "one branch: write FILE instead of stdout; --all: the directory");
  report_all->needs(report_out);
  report->add_option("--rubric", report_args.rubric, "rubric JSON file (default: the shipped default rubric)");
  report->add_option("--rules", report_args.rules, "compliance rule set for the findings of Markdown and HTML reports");
  report->add_flag("--no-findings", report_args.no_findings, "Markdown and HTML reports without the compliance check");
  add_plugin_options(report, report_args.plugins);

  CheckArgs check_args;
  auto* check = app.add_subcommand("check", "check every branch against the compliance rules (支部工作条例): findings");
  add_data_options(check, check_args.input);
  add_period_options(check, check_args.period, "check the calendar year Y");
  check->add_option("--rules", check_args.rules, "compliance rule set JSON (default: the built-in compliance/default.json)");
  check->add_option("--format", check_args.format, "table, csv or json")->check(CLI::IsMember({"table", "csv", "json"}));
  check->add_option("--out", check_args.out, "write to FILE instead of stdout (only when the command succeeds)");

  MembersArgs members_args;
  auto* members = app.add_subcommand("members", "member points (党员积分制): every member's points, ranked within the branch");
  add_data_options(members, members_args.input);
  add_period_options(members, members_args.period, "the calendar year Y");
  members->add_option("--rubric", members_args.rubric, "points rubric JSON (default: the built-in rubrics/member_points.json)");
  members->add_option("--branch", members_args.branch, "only this branch");
  members->add_flag("--ledger", members_args.ledger, "also the ledger: every point movement with its activity");
  members->add_option("--format", members_args.format, "table, csv or json")->check(CLI::IsMember({"table", "csv", "json"}));
  members->add_option("--out", members_args.out, "write to FILE instead of stdout (only when the command succeeds)");

  ListArgs metrics_args;
  auto* metrics = app.add_subcommand("metrics", "list the metrics: id, unit, direction, labels, owner");
  add_plugin_options(metrics, metrics_args.plugins);
  ListArgs plugins_args;
  auto* plugins = app.add_subcommand("plugins", "list the plugins loaded and refused");
  add_plugin_options(plugins, plugins_args.plugins);

  WeightsArgs weights_args;
  auto* weights = app.add_subcommand("weights", "criteria weights: ahp FILE.json, entropy DATA.csv, critic DATA.csv");
  weights->add_option("METHOD", weights_args.method, "ahp, entropy or critic")
      ->required()
      ->check(CLI::IsMember({"ahp", "entropy", "critic"}));
  weights->add_option("INPUT", weights_args.input,
                      "ahp: JSON {\"labels\": [...], \"matrix\": [[...]]}; entropy, critic: CSV, id column then criteria")
      ->required();
  weights->add_option("--ahp-method", weights_args.ahp_method, "eigenvector, geometric_mean or column_mean")
      ->check(CLI::IsMember({"eigenvector", "geometric_mean", "column_mean"}));
  weights->add_option("--ri", weights_args.ri, "random-index table: saaty1980, saaty2005 or donegan_dodd")
      ->check(CLI::IsMember({"saaty1980", "saaty2005", "donegan_dodd"}));
  weights->add_option("--variant", weights_args.variant, "entropy: raw or minmax")->check(CLI::IsMember({"raw", "minmax"}));
  weights->add_option("--shift", weights_args.shift, "entropy minmax: added after normalising")->check(CLI::NonNegativeNumber);
  weights->add_option("--correlation", weights_args.correlation, "critic: pearson or spearman")
      ->check(CLI::IsMember({"pearson", "spearman"}));
  weights->add_option("--cost", weights_args.cost, "a criterion column where less is better (repeatable)");
  weights->add_option("--format", weights_args.format, "table, csv or json")->check(CLI::IsMember({"table", "csv", "json"}));
  weights->add_option("--out", weights_args.out, "write to FILE instead of stdout (only when the command succeeds)");

  RankArgs rank_args;
  auto* rank = app.add_subcommand("rank", "rank alternatives: TOPSIS, VIKOR or weighted sum over a CSV decision matrix");
  rank->add_option("DATA", rank_args.input, "CSV: a header, then an id and one number per criterion on each row")->required();
  rank->add_option("--method", rank_args.method, "topsis, vikor or weighted_sum")
      ->check(CLI::IsMember({"topsis", "vikor", "weighted_sum"}));
  rank->add_option("--weights", rank_args.weights, "0.2,0.3,0.5 in column order, or name=0.2,… (default: equal)");
  rank->add_option("--cost", rank_args.cost, "a criterion column where less is better (repeatable)");
  rank->add_option("--normalization", rank_args.normalization,
                   "topsis: vector (default) or minmax; weighted_sum: none (default), minmax or max")
      ->check(CLI::IsMember({"vector", "minmax", "none", "max"}));
  rank->add_option("--ties", rank_args.ties, "min (default), max, dense or first")
      ->check(CLI::IsMember({"min", "max", "dense", "first"}));
  rank->add_option("--v", rank_args.v, "vikor: weight of group utility, in [0, 1]")->check(CLI::Range(0.0, 1.0));
  rank->add_option("--format", rank_args.format, "table, csv or json")->check(CLI::IsMember({"table", "csv", "json"}));
  rank->add_option("--out", rank_args.out, "write to FILE instead of stdout (only when the command succeeds)");

  CompareArgs compare_args;
  auto* compare = app.add_subcommand("compare", "score two periods and compare every branch: deltas, rating changes, drivers");
  add_data_options(compare, compare_args.input);
  compare->add_option("--before", compare_args.before, "the earlier period: 2024, 2024-H1, 2024-Q3, 2024-07 or FROM..TO")
      ->required()
      ->check(period_check());
  compare->add_option("--after", compare_args.after, "the later period, written the same ways")->required()->check(period_check());
  compare->add_option("--rubric", compare_args.rubric, "rubric JSON file (default: the shipped default rubric)");
  compare->add_option("--top", compare_args.top, "indicators listed per branch as drivers of its change (default 3)");
  compare->add_option("--format", compare_args.format, "table, csv or json")->check(CLI::IsMember({"table", "csv", "json"}));
  compare->add_option("--out", compare_args.out, "write to FILE instead of stdout (only when the command succeeds)");
  add_plugin_options(compare, compare_args.plugins);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kSuccess : kUsage;
  }

  if (*validate) return run_validate(validate_args, std::cout, std::cerr);
  if (*score) return run_score(score_args, std::cout, std::cerr);
  if (*report) return run_report(report_args, std::cout, std::cerr);
  if (*check) return run_check(check_args, std::cout, std::cerr);
  if (*members) return run_members(members_args, std::cout, std::cerr);
  if (*weights) return run_weights(weights_args, std::cout, std::cerr);
  if (*rank) return run_rank(rank_args, std::cout, std::cerr);
  if (*compare) return run_compare(compare_args, std::cout, std::cerr);
  if (*metrics) return run_metrics(metrics_args, std::cout, std::cerr);
  if (*plugins) return run_plugins(plugins_args, std::cout, std::cerr);
  if (*pack) {
    if (*part_branches && pack_args.format != "binary") {
      std::cerr << "branchscore pack: --part-branches writes binary archives only\n";
      return kUsage;
    }
    return run_pack(pack_args, std::cout, std::cerr);
  }
  if (*synth) {
    if (synth_args.last_year < synth_args.first_year) {
      std::cerr << "branchscore synth: --last-year must not be before --first-year\n";
      return kUsage;
    }
    return run_synth(synth_args, std::cout, std::cerr);
  }
  return kUsage;
}
