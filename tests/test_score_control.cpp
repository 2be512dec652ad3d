// Scoring runs observed and stopped (ScoreOptions::progress, ::stop), and one registry scoring
// from several threads at once (run under ThreadSanitizer by the thread-sanitizer build).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include <libbranch/engine.hpp>
#include <libbranch/error.hpp>
#include <libbranch/metric.hpp>
#include <libbranch/out_of_core.hpp>
#include <libbranch/partitioned_archive.hpp>
#include <libbranch/serialization.hpp>

#include "support/bare_branch.hpp"
#include "support/full_registry.hpp"
#include "support/scorecard_compare.hpp"
#include "support/synthetic_dataset.hpp"
#include "support/temp_dir.hpp"

namespace libbranch {
namespace {

const MetricRegistry& registry() {
  static const MetricRegistry r = testing::full_registry();
  return r;
}

const Dataset& synthetic() {
  static const Dataset ds = testing::synthetic_dataset(300, 17, 2024, 2025);
  return ds;
}

const Period k2025 = Period::calendar_year(2025);

struct Step {
  std::size_t done;
  std::size_t total;
  std::string next;
};

ScoreOptions recording(std::vector<Step>& steps) {
  ScoreOptions options;
  options.progress = [&steps](const ScoreProgress& p) { steps.push_back({p.done, p.total, std::string(p.next)}); };
  return options;
}

TEST(ScoreProgressTest, OneStepPerMetricColumnThenPointsAndTotals) {
  std::vector<Step> steps;
  const Rubric rubric = Rubric::default_rubric();
  const Scorecard card = score(synthetic(), rubric, k2025, registry(), recording(steps));
  const std::size_t columns = card.metrics.size();
  ASSERT_GT(columns, 10u);
  ASSERT_EQ(steps.size(), columns + 2);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    EXPECT_EQ(steps[i].done, i);
    EXPECT_EQ(steps[i].total, columns + 1);
    if (i < columns) EXPECT_EQ(steps[i].next, card.metrics[i].metric) << i;
  }
  EXPECT_EQ(steps[columns].next, "points, totals");
  EXPECT_EQ(steps.back().next, "done");
  // Observing changes nothing.
  testing::expect_same(card, score(synthetic(), rubric, k2025, registry()));
}

TEST(ScoreProgressTest, OutOfCoreStepsCountEveryPart) {
  testing::TempDir dir;
  save_partitioned_archive(synthetic(), dir.path() / "p.lbar", 70);  // 5 parts
  const PartitionedArchive archive(dir.path() / "p.lbar");
  ASSERT_EQ(archive.parts().size(), 5u);
  std::vector<Step> steps;
  const Scorecard card = score(archive, Rubric::default_rubric(), k2025, registry(), recording(steps));
  const std::size_t total = card.metrics.size() * 5 + 1;
  ASSERT_EQ(steps.size(), total + 1);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    EXPECT_EQ(steps[i].done, i);
    EXPECT_EQ(steps[i].total, total);
  }
  EXPECT_EQ(steps.back().next, "done");
}

TEST(ScoreProgressTest, AnExceptionFromTheCallbackEndsTheRunWithItsType) {
  ScoreOptions options;
  options.progress = [](const ScoreProgress& p) {
    if (p.done == 3) throw std::domain_error("enough at 3");
  };
  EXPECT_THROW((void)score(synthetic(), Rubric::default_rubric(), k2025, registry(), options), std::domain_error);
}

TEST(ScoreCancelTest, AStopRequestedBeforeTheRunCancelsIt) {
  std::stop_source source;
  source.request_stop();
  ScoreOptions options;
  options.stop = source.get_token();
  EXPECT_THROW((void)score(synthetic(), Rubric::default_rubric(), k2025, registry(), options), Cancelled);
}

TEST(ScoreCancelTest, AStopRequestedBetweenStepsCancelsAtTheNextStep) {
  std::stop_source source;
  std::size_t last_step = 0;
  ScoreOptions options;
  options.stop = source.get_token();
  options.progress = [&](const ScoreProgress& p) {
    last_step = p.done;
    if (p.done == 4) source.request_stop();
  };
  EXPECT_THROW((void)score(synthetic(), Rubric::default_rubric(), k2025, registry(), options), Cancelled);
  EXPECT_EQ(last_step, 4u);
}

// A dataset of `n` branches with no records: enough for a metric that only counts branches.
Dataset empty_branches(std::size_t n) {
  DatasetTables t;
  for (std::size_t i = 0; i < n; ++i) testing::add_bare_branch(t.branches, "b" + std::to_string(i), "b", "p");
  return Dataset(std::move(t));
}

// A metric whose chunks of branches take 1 ms each; the first chunk asks for a stop.
struct SlowMetric {
  std::stop_source* source;
  std::atomic<int>* chunks;
  Eigen::VectorXd operator()(const Dataset& ds, const Period&, const Params&) const {
    Eigen::VectorXd v = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(ds.branch_count()));
    parallel_for_branches(ds.branch_count(), [this](std::size_t, std::size_t) {
      if (chunks->fetch_add(1) == 0) source->request_stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    });
    return v;
  }
};

TEST(ScoreCancelTest, AStopInsideALongMetricEndsItBetweenChunksOfBranches) {
  const std::size_t n = 400 * 2048;  // 400 chunks of the branch loop
  const Dataset ds = empty_branches(n);
  std::stop_source source;
  std::atomic<int> chunks{0};
  MetricRegistry slow;
  Metric m;
  m.id = "test.slow";
  m.compute = SlowMetric{&source, &chunks};
  slow.add(std::move(m), "test");
  const Rubric rubric = Rubric::parse(R"({"name": "slow", "standards": [{"id": "s", "name": "S", "indicators": [
      {"id": "a", "metric": "test.slow", "points": 1, "rule": {"type": "boolean"}}]}],
      "ratings": [{"min": null, "label": "ok"}]})", "slow.json");
  ScoreOptions options;
  options.stop = source.get_token();
  options.threads = 2;
  EXPECT_THROW((void)score(ds, rubric, k2025, slow, options), Cancelled);
  // The chunks already running finish; no new one starts after the stop.
  EXPECT_LT(chunks.load(), 20) << "of 400 chunks";
}

// One registry (an Engine's, shared by an application's request threads) scoring from several
// threads at once, periods mixed; each run's own metric pass on `threads_per_run` threads.
void expect_concurrent_runs_equal_serial(int threads_per_run) {
  const Rubric rubric = Rubric::default_rubric();
  const Period periods[] = {k2025, Period::calendar_year(2024)};
  ScoreOptions options;
  options.threads = threads_per_run;
  std::vector<Scorecard> serial;
  for (const Period& p : periods) serial.push_back(score(synthetic(), rubric, p, registry(), options));

  constexpr std::size_t kThreads = 4;
  constexpr std::size_t kRounds = 3;
  std::vector<std::future<std::vector<Scorecard>>> runs;
  for (std::size_t t = 0; t < kThreads; ++t)
    runs.push_back(std::async(std::launch::async, [&, t] {
      std::vector<Scorecard> cards;
      for (std::size_t r = 0; r < kRounds; ++r) cards.push_back(score(synthetic(), rubric, periods[(t + r) % 2], registry(), options));
      return cards;
    }));
  for (std::size_t t = 0; t < kThreads; ++t) {
    const std::vector<Scorecard> cards = runs[t].get();
    for (std::size_t r = 0; r < kRounds; ++r) testing::expect_same(cards[r], serial[(t + r) % 2]);
  }
}

// The run ThreadSanitizer checks (docs/reliability.md): each run on its own thread only, so every
// access TSan sees is instrumented and every hand-over between threads is visible to it.
TEST(ConcurrentScoringTest, SeveralThreadsScoringAtOnceGetTheSerialResults) { expect_concurrent_runs_equal_serial(1); }

TEST(ConcurrentScoringTest, SeveralThreadsEachWithParallelMetricsGetTheSerialResults) {
  expect_concurrent_runs_equal_serial(2);
}

}  // namespace
}  // namespace libbranch
