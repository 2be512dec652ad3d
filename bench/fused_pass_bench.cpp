// The fused activity pass against one pass per metric, in the same process (medians of RUNS,
// alternating):   fused_pass_bench DATASET [RUNS] [THREADS]
// "separate": each of the standard plugins' 19 count and coverage metrics walks the activities
// itself (count_activities / CoverageCounter, what the plugins did before the tally); "fused": one
// ActivityTally, then the 19 columns read from it (what they do now). Both must give the same
// columns; the program checks that and prints both times and the ratio.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <oneapi/tbb/task_arena.h>

#include <libbranch/activity_tally.hpp>
#include <libbranch/engine.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/plugin_sdk.hpp>

namespace {

using libbranch::ActivityKind;
using libbranch::plugins::CalendarUnit;
using libbranch::plugins::KindSet;

struct Column {
  KindSet kinds;
  bool coverage;
  CalendarUnit unit;
};

// The kind sets of the standard plugins' count_function / coverage_function metrics.
const std::vector<Column> kColumns = {
    {{ActivityKind::home_visit}, false, CalendarUnit::month},
    {{ActivityKind::pairing_activity}, true, CalendarUnit::month},
    {{ActivityKind::publicity_talk}, false, CalendarUnit::month},
    {{ActivityKind::identity_display}, false, CalendarUnit::month},
    {{ActivityKind::legal_consultation, ActivityKind::community_outreach}, false, CalendarUnit::month},
    {{ActivityKind::education_base_visit}, false, CalendarUnit::month},
    {{ActivityKind::veteran_visit}, false, CalendarUnit::month},
    {{ActivityKind::competition}, false, CalendarUnit::month},
    {{ActivityKind::committee_meeting}, true, CalendarUnit::month},
    {{ActivityKind::branch_congress}, true, CalendarUnit::quarter},
    {{ActivityKind::group_meeting}, true, CalendarUnit::month},
    {{ActivityKind::party_lecture}, true, CalendarUnit::quarter},
    {{ActivityKind::theme_day}, true, CalendarUnit::month},
    {{ActivityKind::legal_education}, false, CalendarUnit::month},
    {{ActivityKind::lecture_hall}, false, CalendarUnit::month},
    {{ActivityKind::role_model_study}, false, CalendarUnit::month},
    {{ActivityKind::integrity_meeting}, false, CalendarUnit::month},
    {{ActivityKind::warning_education, ActivityKind::warning_film}, false, CalendarUnit::month},
    {{ActivityKind::disclosure}, true, CalendarUnit::quarter},
};

std::vector<Eigen::VectorXd> separate(const libbranch::Dataset& ds, const libbranch::Period& period) {
  std::vector<Eigen::VectorXd> out;
  for (const Column& c : kColumns) {
    if (c.coverage) {
      const libbranch::plugins::CoverageCounter counter(period, c.unit);
      out.push_back(libbranch::per_branch(ds, [&](std::uint32_t b) { return double(counter.count(ds, b, c.kinds)); }));
    } else {
      out.push_back(libbranch::per_branch(
          ds, [&](std::uint32_t b) { return double(libbranch::plugins::count_activities(ds, b, period, c.kinds)); }));
    }
  }
  return out;
}

std::vector<Eigen::VectorXd> fused(const libbranch::Dataset& ds, const libbranch::Period& period) {
  const libbranch::SharedTallyScope scope(ds, period);
  std::vector<Eigen::VectorXd> out;
  for (const Column& c : kColumns) {
    auto f = c.coverage ? libbranch::plugins::coverage_function(c.kinds, c.unit)
                        : libbranch::plugins::count_function(c.kinds);
    out.push_back(f(ds, period, {}));
  }
  return out;
}

template <class F>
double seconds(F&& f, std::vector<Eigen::VectorXd>& result) {
  const auto start = std::chrono::steady_clock::now();
  result = f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 4) {
    std::fprintf(stderr, "usage: fused_pass_bench DATASET [RUNS] [THREADS]\n");
    return 2;
  }
  try {
    const int runs = argc > 2 ? std::stoi(argv[2]) : 5;
    const int threads = argc > 3 ? std::stoi(argv[3]) : 2;
    const libbranch::Dataset ds = libbranch::load_dataset(argv[1]);
    const libbranch::Period period = libbranch::default_period(ds);
    oneapi::tbb::task_arena arena(threads);
    std::vector<double> walk, tally;
    std::vector<Eigen::VectorXd> a, b;
    arena.execute([&] {
      for (int i = 0; i < runs; ++i) {
        walk.push_back(seconds([&] { return separate(ds, period); }, a));
        tally.push_back(seconds([&] { return fused(ds, period); }, b));
        for (std::size_t c = 0; c < a.size(); ++c)
          if (a[c] != b[c]) throw std::runtime_error("column " + std::to_string(c) + " differs");
      }
    });
    std::printf("branches=%zu activities=%zu threads=%d runs=%d separate_s=%.3f fused_s=%.3f speedup=%.2f\n",
                ds.branch_count(), ds.activities().size(), threads, runs, median(walk), median(tally),
                median(walk) / median(tally));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fused_pass_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
