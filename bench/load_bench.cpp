// One measurement of loading a dataset, in its own process so that peak RSS belongs to it alone:
//   load_bench csv DIR [THREADS]  load the CSV directory (THREADS: LoadOptions::threads, 0 = all cores)
//   load_bench archive FILE       load a binary archive
//   load_bench pack DIR FILE      load the CSV directory and write FILE
// Prints one line of key=value pairs; bench/run_load_bench.sh runs it repeatedly and takes medians.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include <libbranch/io/load.hpp>
#include <libbranch/serialization.hpp>

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

std::uintmax_t input_bytes(const std::filesystem::path& p) {
  if (std::filesystem::is_regular_file(p)) return std::filesystem::file_size(p);
  std::uintmax_t total = 0;
  for (const auto& e : std::filesystem::directory_iterator(p))
    if (e.is_regular_file()) total += e.file_size();
  return total;
}

void report(const char* mode, unsigned threads, const std::filesystem::path& input, double seconds,
            const libbranch::Dataset& ds) {
  const libbranch::DatasetMemory m = ds.memory();
  const double members = static_cast<double>(ds.members().size());
  const double activities = static_cast<double>(ds.activities().size());
  const double mb = static_cast<double>(input_bytes(input)) / 1e6;
  std::printf(
      "mode=%s threads=%u seconds=%.3f input_mb=%.1f mb_per_s=%.1f peak_rss_mib=%.1f branches=%zu members=%zu activities=%zu "
      "attendance=%zu dataset_mib=%.1f bytes_per_member=%.1f bytes_per_member_free_text=%.1f "
      "bytes_per_activity=%.1f bytes_per_activity_free_text=%.1f attendance_bytes_per_activity=%.1f "
      "branch_bytes=%.1f\n",
      mode, threads, seconds, mb, mb / seconds, static_cast<double>(peak_rss_kib()) / 1024.0, ds.branch_count(),
      ds.members().size(), ds.activities().size(), ds.attendance().size(),
      static_cast<double>(m.total()) / (1024.0 * 1024.0), static_cast<double>(m.members) / members,
      static_cast<double>(m.members_free_text) / members, static_cast<double>(m.activities) / activities,
      static_cast<double>(m.activities_free_text) / activities, static_cast<double>(m.attendance) / activities,
      static_cast<double>(m.branches) / static_cast<double>(ds.branch_count()));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: load_bench csv DIR [THREADS] | archive FILE | pack DIR FILE\n");
    return 2;
  }
  const std::string mode = argv[1];
  try {
    const auto start = std::chrono::steady_clock::now();
    if (mode == "csv" || mode == "pack") {
      libbranch::LoadOptions options;
      if (mode == "csv" && argc >= 4) options.threads = static_cast<unsigned>(std::stoul(argv[3]));
      const libbranch::Dataset ds = libbranch::load_directory(argv[2], options);
      const double load_seconds = seconds_since(start);
      if (mode == "pack") {
        if (argc < 4) return 2;
        const auto save_start = std::chrono::steady_clock::now();
        libbranch::save_archive(ds, argv[3]);
        std::printf("mode=save seconds=%.3f archive_mb=%.1f\n", seconds_since(save_start),
                    static_cast<double>(std::filesystem::file_size(argv[3])) / 1e6);
      }
      report("csv", options.threads, argv[2], load_seconds, ds);
    } else if (mode == "archive") {
      const libbranch::Dataset ds = libbranch::load_archive(argv[2]);
      report("archive", 0, argv[2], seconds_since(start), ds);
    } else {
      return 2;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "load_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
