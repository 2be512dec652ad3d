#pragma once
// Running a check in a child process with a capped address space: a crash, an abort or a huge
// allocation in the child fails the test instead of taking the test binary (or the machine) down.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <functional>
#include <iostream>
#include <string>

// Sanitizers reserve huge address ranges: no RLIMIT_AS cap under them (ASan reports huge
// allocations itself).
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define LIBBRANCH_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define LIBBRANCH_TEST_SANITIZED 1
#endif
#endif

namespace libbranch::testing {

// Runs `body` in a child process whose address space is capped (unless under AddressSanitizer,
// which reserves huge ranges and reports huge allocations itself). The child reports back through a
// pipe; a crash, an abort or a failed allocation in the child fails the test.
inline void run_with_memory_cap(const std::function<std::string()>& body) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  std::cout.flush();
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::close(fds[0]);
#if !defined(LIBBRANCH_TEST_SANITIZED)
    {
      std::size_t vm_pages = 0;
      std::ifstream statm("/proc/self/statm");
      statm >> vm_pages;
      rlimit cap{};
      cap.rlim_cur = cap.rlim_max = vm_pages * static_cast<rlim_t>(::sysconf(_SC_PAGESIZE)) + (rlim_t{1} << 30);
      ::setrlimit(RLIMIT_AS, &cap);
    }
#endif
    std::string report;
    int code = 0;
    try {
      report = body();
    } catch (const std::exception& e) {
      report = std::string("unexpected exception: ") + e.what();
      code = 3;
    } catch (...) {
      report = "unexpected exception";
      code = 3;
    }
    if (code == 0 && report.rfind("FAIL", 0) == 0) code = 1;
    (void)!::write(fds[1], report.data(), report.size());
    ::close(fds[1]);
    ::_exit(code);
  }
  ::close(fds[1]);
  std::string report;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) report.append(buffer, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status)) << "the child died (signal " << (WIFSIGNALED(status) ? WTERMSIG(status) : 0)
                                 << "); report so far: " << report;
  EXPECT_EQ(WEXITSTATUS(status), 0) << report;
  std::cout << "[          ] " << report << "\n";
}

}  // namespace libbranch::testing
