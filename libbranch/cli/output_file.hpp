#pragma once
// Writing a result to stdout or to a file that appears only when the whole result was written.
#include <functional>
#include <ostream>
#include <string>

#include <libbranch/io/atomic_file.hpp>

namespace branchscore {

/// Calls `write(stream)` on `out` when `path` is empty; otherwise writes `path` atomically
/// (libbranch::write_file_atomically; docs/reference/cli.md §1.1: nothing is written to --out
/// unless the command succeeds). Throws libbranch::Error naming the path on failure.
inline void write_result(const std::string& path, std::ostream& out, const std::function<void(std::ostream&)>& write) {
  if (path.empty()) {
    write(out);
    out.flush();
    return;
  }
  libbranch::write_file_atomically(path, write);
}

}  // namespace branchscore
