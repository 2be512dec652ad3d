#pragma once
// Runs branchscore as a user would (a real process), capturing exit code, stdout and stderr.
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "temp_dir.hpp"

namespace libbranch::testing {

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// `args` is appended to the executable's path as shell words; stdin is /dev/null.
inline CliRun branchscore(const std::string& args) {
  TempDir io;
  const std::string cmd = std::string(BRANCHSCORE_EXE) + " " + args + " >" + (io.path() / "out").string() + " 2>" +
                          (io.path() / "err").string() + " </dev/null";
  const int status = std::system(cmd.c_str());
  CliRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(io.path() / "out");
  r.err = slurp(io.path() / "err");
  return r;
}

}  // namespace libbranch::testing
