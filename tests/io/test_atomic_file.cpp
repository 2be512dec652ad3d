// AtomicFile / write_file_atomically (libbranch/io/atomic_file.hpp): a file is the old one or the
// whole new one, never a part, whatever happens to the writer — an exception, a write error, a kill.
#include <libbranch/io/atomic_file.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libbranch/error.hpp>

#include "support/temp_dir.hpp"

namespace libbranch {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

TEST(AtomicFile, SuccessReplacesTheFileAndLeavesNoTemporary) {
  TempDir dir;
  const fs::path target = dir.write("out.csv", "old\n");
  write_file_atomically(target, [](std::ostream& out) { out << "new\n"; });
  EXPECT_EQ(read(target), "new\n");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.csv"});
}

TEST(AtomicFile, NewFileGetsTheUmaskPermissionsOfAnyNewFile) {
  TempDir dir;
  const mode_t old = ::umask(027);
  write_file_atomically(dir / "new.json", [](std::ostream& out) { out << "{}"; });
  ::umask(old);
  struct stat st {};
  ASSERT_EQ(::stat((dir / "new.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
}

TEST(AtomicFile, ExceptionLeavesTheOldFileAndNoTemporary) {
  TempDir dir;
  const fs::path target = dir.write("out.csv", "old\n");
  EXPECT_THROW(write_file_atomically(target,
                                     [](std::ostream& out) {
                                       out << std::string(1 << 20, 'x');  // some of it reaches the disk
                                       throw std::runtime_error("the writer failed");
                                     }),
               std::runtime_error);
  EXPECT_EQ(read(target), "old\n");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.csv"});
}

TEST(AtomicFile, UncommittedAtomicFileIsRemoved) {
  TempDir dir;
  fs::path temp;
  {
    AtomicFile f(dir / "x.txt");
    f.stream() << "partial";
    temp = f.temp_path();
    EXPECT_EQ(temp.parent_path(), dir.path());
    EXPECT_EQ(temp.filename().string().rfind(".x.txt.tmp-", 0), 0u) << temp;
    EXPECT_TRUE(fs::exists(temp));
  }
  EXPECT_FALSE(fs::exists(temp));
  EXPECT_FALSE(fs::exists(dir / "x.txt"));
}

TEST(AtomicFile, WriteErrorIsAnErrorNamingTheFileAndTheCause) {
  // RLIMIT_FSIZE makes write() fail with EFBIG once the file reaches the limit (SIGXFSZ ignored):
  // a disk that fills up, without needing one. In a child, so that the limit stays there.
  TempDir dir;
  const fs::path target = dir.write("big.lbr", "old");
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    std::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{1 << 20, 1 << 20};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    int code = 1;
    try {
      write_file_atomically(target, [](std::ostream& out) {
        for (int i = 0; i < 64 && out; ++i) out << std::string(1 << 16, 'y');
        out.flush();
        if (!out) throw std::runtime_error("stream failed");
      });
    } catch (const Error& e) {
      const std::string what = e.what();
      code = what.find(target.string()) != std::string::npos && what.find("File too large") != std::string::npos ? 0 : 2;
    } catch (...) {
      code = 3;
    }
    ::_exit(code);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "0: Error naming the file and EFBIG; 1: no error; 2: other message; 3: other type";
  EXPECT_EQ(read(target), "old");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"big.lbr"});
}

TEST(AtomicFile, UncreatableTemporaryIsAnErrorNamingTheFile) {
  TempDir dir;
  const fs::path target = dir / "no" / "such" / "dir.csv";
  try {
    write_file_atomically(target, [](std::ostream& out) { out << "x"; });
    ADD_FAILURE() << "wrote into a missing directory";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(target.string()), std::string::npos) << e.what();
  }
}

// The kill test: a process killed mid-write (SIGKILL: nothing runs after it) leaves the previous
// file byte for byte, and at most a stale ".NAME.tmp-XXXXXXXX" beside it.
TEST(AtomicFile, KilledWriterLeavesThePreviousFileIntact) {
  TempDir dir;
  std::string previous;
  for (int i = 0; i < 4096; ++i) previous += "previous line " + std::to_string(i) + "\n";
  const fs::path target = dir.write("scores.csv", previous);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    try {
      write_file_atomically(target, [](std::ostream& out) {
        const std::string block(1 << 16, 'n');
        for (;;) {  // writes until killed
          out << block;
          out.flush();
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
      });
    } catch (...) {
    }
    ::_exit(1);
  }
  // Wait for the temporary to appear and grow past 1 MiB: the kill lands mid-write.
  fs::path temp;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    for (const auto& e : fs::directory_iterator(dir.path()))
      if (e.path().filename().string().rfind(".scores.csv.tmp-", 0) == 0) temp = e.path();
    std::error_code ec;
    if (!temp.empty() && fs::file_size(temp, ec) > (1u << 20)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_FALSE(temp.empty()) << "the writer never created its temporary";
  ASSERT_EQ(::kill(pid, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  EXPECT_EQ(read(target), previous);
  for (const std::string& name : dir.entries())
    if (name != "scores.csv") EXPECT_EQ(name.rfind(".scores.csv.tmp-", 0), 0u) << "left behind: " << name;
}

}  // namespace
}  // namespace libbranch
