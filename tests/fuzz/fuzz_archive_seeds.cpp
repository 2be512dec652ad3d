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

namespace {

using namespace libbranch;

Dataset small_dataset() {
  DatasetTables t;
  for (const char* id : {"B1", "B2"}) t.branches.id.add(id);
  t.branches.name.add("第一支部 <&>");
  t.branches.name.add("x\n\"y\"");
  t.branches.parent_id.push_back("上级");
  t.branches.parent_id.push_back("");
  t.branches.org_type = {OrgType::organ, OrgType::none};
  t.branches.last_election = {Date::from_ymd(2024, 1, 2), Date::none()};
  for (CountColumn* c : {&t.branches.internal_units, &t.branches.units_covered, &t.branches.fulltime_party_workers,
                         &t.branches.pioneer_posts, &t.branches.brands}) {
    c->push_back(1);
    c->push_back(std::nullopt);
  }
  t.branches.units_covered.set(0, 5'000'000'000);
  t.branches.facilities = {1, 0};
  t.branches.service_station = {3, 0};
  t.members.id.add("M1");
  t.members.branch = {1};
  t.members.name.add("张三");
  t.members.gender = {Gender::male};
  t.members.ethnicity.push_back("汉族");
  t.members.birth_date = {Date::from_ymd(1990, 1, 1)};
  t.members.education = {Education::master};
  t.members.role = {Role::secretary};
  t.members.party_group.push_back("");
  for (auto* c : {&t.members.application_date, &t.members.activist_date, &t.members.candidate_date,
                  &t.members.admission_date, &t.members.conversion_date, &t.members.joined_branch,
                  &t.members.left_branch})
    c->push_back(Date::none());
  t.activities.id.add("A1");
  t.activities.branch = {1};
  t.activities.kind = {kFirstCustomKind};
  t.activities.date = {Date::from_ymd(2025, 3, 1)};
  t.activities.mode = {Mode::online};
  t.activities.platform.push_back("腾讯会议");
  t.activities.attendees.push_back(1);
  t.activities.expected.push_back(std::nullopt);
  t.activities.hours = {std::nan("")};
  t.activities.lecturer.push_back(0, 0);
  t.activities.amount_yuan.push_back(0, 12.5);
  t.activities.cases.push_back(0, 2);
  t.activities.escalated.push_back(0, 1);
  t.activities.title.push_back("党课");
  t.attendance.activity = {0};
  t.attendance.member = {0};
  t.observations.branch = {0};
  t.observations.indicator.push_back("honors");
  t.observations.date = {Date::none()};
  t.observations.value = {2.0};
  t.custom_kinds = {"river_patrol"};
  return Dataset(t);
}

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
