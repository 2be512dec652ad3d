// branchscore: the command line of libbranch (SPEC §6). Argument parsing only; the work is in
// the run_* functions.
#include <iostream>

#include <CLI/CLI.hpp>

#include <libbranch/version.hpp>

#include "commands.hpp"

namespace {

using namespace branchscore;

void add_data_options(CLI::App* cmd, DataArgs& args) {
  cmd->add_option("DATA", args.data, "dataset directory or archive")->required();
  cmd->add_flag("--allow-custom-kinds", args.allow_custom_kinds,
                "accept activity kinds outside the vocabulary (matching [a-z0-9_]+)");
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

  SynthArgs synth_args;
  auto* synth = app.add_subcommand("synth", "write a synthetic dataset of N branches");
  synth->add_option("--branches", synth_args.branches, "number of branches")->required()->check(CLI::Range(1ull, 100000000ull));
  synth->add_option("--seed", synth_args.seed, "random seed (the same seed writes the same files)");
  synth->add_option("--out", synth_args.out, "directory to write")->required();
  synth->add_option("--first-year", synth_args.first_year, "first year with activities")->check(CLI::Range(1990, 2100));
  synth->add_option("--last-year", synth_args.last_year, "last year with activities")->check(CLI::Range(1990, 2100));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kSuccess : kUsage;
  }

  if (*validate) return run_validate(validate_args, std::cout, std::cerr);
  if (*pack) return run_pack(pack_args, std::cout, std::cerr);
  if (*synth) {
    if (synth_args.last_year < synth_args.first_year) {
      std::cerr << "branchscore synth: --last-year must not be before --first-year\n";
      return kUsage;
    }
    return run_synth(synth_args, std::cout, std::cerr);
  }
  return kUsage;
}
