#pragma once
// Writing a result to stdout or to a file that appears only when the whole result was written.
#include <filesystem>
#include <fstream>
#include <functional>
#include <ostream>
#include <random>
#include <string>

#include <libbranch/error.hpp>

namespace branchscore {

/// Calls `write(stream)` on `out` when `path` is empty; otherwise on a temporary file beside
/// `path`, renamed into place only when writing succeeded (SPEC §6: nothing is written to --out
/// unless the command succeeds). Throws libbranch::Error naming the path on failure.
inline void write_result(const std::string& path, std::ostream& out, const std::function<void(std::ostream&)>& write) {
  if (path.empty()) {
    write(out);
    out.flush();
    return;
  }
  const std::filesystem::path target(path);
  std::random_device rd;
  const std::filesystem::path temp = target.string() + ".tmp-" + std::to_string(rd());
  try {
    {
      std::ofstream file(temp, std::ios::binary | std::ios::trunc);
      if (!file) throw libbranch::Error("cannot write " + path + ": cannot create " + temp.string());
      write(file);
      file.flush();
      if (!file) throw libbranch::Error("cannot write " + path + " (disk full?)");
    }
    std::filesystem::rename(temp, target);
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove(temp, ec);
    throw;
  }
}

}  // namespace branchscore
