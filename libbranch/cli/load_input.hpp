#pragma once
// Loading the dataset a command names, with the options every data command shares.
#include <ostream>

#include <libbranch/dataset.hpp>

#include "commands.hpp"

namespace branchscore {

/// Loads `args.data` (a dataset directory or an archive) and prints its warnings on `err`; a
/// dataset with errors throws DataError (the caller's `guarded` prints it). `threads`: CSV parsing
/// threads (0: the library's default).
[[nodiscard]] libbranch::Dataset load_input(const DataArgs& args, std::ostream& err, unsigned threads = 0,
                                            std::size_t* warning_count = nullptr);

}  // namespace branchscore
