#include "load_input.hpp"

#include <libbranch/io/load.hpp>

#include "report_errors.hpp"

namespace branchscore {

libbranch::Dataset load_input(const DataArgs& args, std::ostream& err, unsigned threads, std::size_t* warning_count) {
  std::vector<libbranch::Problem> warnings;
  libbranch::LoadOptions options;
  options.allow_custom_kinds = args.allow_custom_kinds;
  options.max_problems = args.max_problems;
  options.threads = threads;
  libbranch::Dataset ds = libbranch::load_dataset(args.data, options, &warnings);
  print_problems(warnings, err);
  if (warning_count != nullptr) *warning_count = problems_found(warnings);
  return ds;
}

}  // namespace branchscore
