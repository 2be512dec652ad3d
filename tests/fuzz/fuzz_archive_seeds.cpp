// Writes the seed corpus of fuzz_archive into the directory given: one small archive of each kind
// (dataset, scorecard, rubric, part metrics) in each format, from a two-branch dataset with every
// kind of cell (absent dates, NaN, a count above 2^32, escaped strings, a custom kind).
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include <libbranch/engine.hpp>
#include <libbranch/part_metrics_archive.hpp>
#include <libbranch/rubric.hpp>
#include <libbranch/score_builder.hpp>
#include <libbranch/scorecard.hpp>
#include <libbranch/serialization.hpp>

#include "support/full_registry.hpp"
#include "support/golden_tables.hpp"

namespace {

using namespace libbranch;

Dataset small_dataset() { return Dataset(libbranch::testing::golden_tables()); }

template <class Save>
void write_each_format(const std::filesystem::path& dir, const std::string& kind, Save save) {
  for (const auto& [format, suffix] : {std::pair{ArchiveFormat::binary, "binary"}, std::pair{ArchiveFormat::text, "text"},
                                       std::pair{ArchiveFormat::xml, "xml"}}) {
    std::ofstream out(dir / (kind + "." + suffix), std::ios::binary);
    save(out, format);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  const std::filesystem::path dir = argv[1];
  std::filesystem::create_directories(dir);
  const Dataset dataset = small_dataset();
  const MetricRegistry registry = testing::full_registry();
  const Rubric rubric = Rubric::default_rubric();
  const Period period = Period::calendar_year(2025);
  ScoreOptions options;
  options.threads = 1;
  const Scorecard card = score(dataset, rubric, period, registry, options);
  ScoreBuilder builder(rubric, period, registry, 0, options);
  const PartMetrics part = builder.compute_part(dataset);
  write_each_format(dir, "dataset", [&](std::ostream& out, ArchiveFormat f) { save_archive(dataset, out, f); });
  write_each_format(dir, "empty_dataset", [&](std::ostream& out, ArchiveFormat f) { save_archive(Dataset(), out, f); });
  write_each_format(dir, "scorecard", [&](std::ostream& out, ArchiveFormat f) { save_scorecard(card, out, f); });
  write_each_format(dir, "rubric", [&](std::ostream& out, ArchiveFormat f) { save_rubric(rubric, out, f); });
  write_each_format(dir, "part_metrics", [&](std::ostream& out, ArchiveFormat f) { save_part_metrics(part, out, f); });
  return 0;
}
