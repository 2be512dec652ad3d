// One scoring run in its own process (so peak RSS is its own):
//   score_bench ARCHIVE THREADS [MEMORY_MIB]
// loads a binary archive, scores it with the default rubric and the installed/in-tree plugins,
// and prints key=value timings; bench/run_score_bench.sh repeats it and takes medians. A
// partitioned archive is scored out of core, part by part (load = time spent waiting for parts,
// within a budget of MEMORY_MIB when given).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>

#include <libbranch/engine.hpp>
#include <libbranch/out_of_core.hpp>
#include <libbranch/serialization.hpp>

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::fprintf(stderr, "usage: score_bench ARCHIVE THREADS [MEMORY_MIB]\n");
    return 2;
  }
  try {
    const libbranch::Engine engine;
    libbranch::ScoreTimings t;
    libbranch::ScoreOptions options;
    options.threads = std::stoi(argv[2]);
    options.timings = &t;
    const auto start = std::chrono::steady_clock::now();
    libbranch::Scorecard card;
    double load = 0;
    double total = 0;
    if (libbranch::archive_kind(argv[1]) == libbranch::ArchiveKind::partitioned) {
      const libbranch::PartitionedArchive archive(argv[1]);
      const std::uint64_t budget = argc == 4 ? std::stoull(argv[3]) << 20 : 0;
      card = libbranch::score(archive, libbranch::Rubric::default_rubric(), libbranch::default_period(archive),
                              engine.registry(), options, budget);
      total = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      load = t.load;
    } else {
      const libbranch::Dataset ds = libbranch::load_archive(argv[1]);
      load = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const auto score_start = std::chrono::steady_clock::now();
      card = engine.score(ds, libbranch::Rubric::default_rubric(), libbranch::default_period(ds), options);
      total = std::chrono::duration<double>(std::chrono::steady_clock::now() - score_start).count();
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("threads=%s branches=%zu load=%.3f metrics=%.3f points=%.3f totals=%.3f score=%.3f peak_rss_mib=%.1f checksum=%.6f\n",
                argv[2], card.branch_count(), load, t.metrics, t.points, t.totals, total,
                static_cast<double>(usage.ru_maxrss) / 1024.0, card.totals.sum());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "score_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
