// synth: write a synthetic dataset.
#include <ostream>

#include <libbranch/synth.hpp>

#include "commands.hpp"
#include "report_errors.hpp"

namespace branchscore {

int run_synth(const SynthArgs& args, std::ostream& out, std::ostream& err) {
  libbranch::SynthOptions options;
  options.branches = args.branches;
  options.seed = args.seed;
  options.first_year = args.first_year;
  options.last_year = args.last_year;
  const auto summary = guarded(err, [&] {
    return args.part_branches > 0 ? libbranch::write_synthetic_archive(options, args.out, args.part_branches)
                                  : libbranch::write_synthetic_dataset(options, args.out);
  });
  if (!summary) return kFailure;
  out << "wrote " << args.out << ": " << summary->branches << " branches, " << summary->members << " members, "
      << summary->activities << " activities, " << summary->attendance << " attendance rows, "
      << summary->observations << " observations\n";
  return kSuccess;
}

}  // namespace branchscore
