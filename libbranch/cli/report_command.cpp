// report: one branch's narrative annual summary (SPEC §6, §7).
#include <algorithm>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <libbranch/engine.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/out_of_core.hpp>
#include <libbranch/report.hpp>
#include <libbranch/report_render.hpp>
#include <libbranch/rubric.hpp>
#include <libbranch/serialization.hpp>

#include <libbranch/suggest.hpp>

#include "commands.hpp"
#include "engine_setup.hpp"
#include "report_errors.hpp"

namespace branchscore {
namespace {

/// "; did you mean 'a', 'b'?" for branch ids close to `id`, else "".
std::string close_branch_ids(const std::vector<std::string>& ids, std::string_view id) {
  const std::vector<std::string_view> candidates(ids.begin(), ids.end());
  return libbranch::did_you_mean(id, candidates);
}

std::optional<libbranch::Period> given_period(const ReportArgs& args) {
  if (args.year) return libbranch::Period::calendar_year(*args.year);
  return std::nullopt;
}

void unknown_branch(const ReportArgs& args, const std::vector<std::string>& ids, std::ostream& err) {
  err << "branchscore report: unknown branch '" << args.branch << "'" << close_branch_ids(ids, args.branch) << "\n";
}

std::optional<libbranch::AnnualReport> report_from_dataset(const ReportArgs& args, const libbranch::Engine& engine,
                                                           const libbranch::Rubric& rubric, std::ostream& err) {
  std::vector<libbranch::Problem> warnings;
  libbranch::LoadOptions load_options;
  load_options.allow_custom_kinds = args.input.allow_custom_kinds;
  load_options.max_problems = args.input.max_problems;
  const libbranch::Dataset ds = libbranch::load_dataset(args.input.data, load_options, &warnings);
  print_problems(warnings, err);
  const auto row = ds.find_branch(args.branch);
  if (!row) {
    const libbranch::StringPool& pool = ds.branches().id;
    std::vector<std::string> ids;
    for (std::size_t b = 0; b < pool.size(); ++b) ids.emplace_back(pool[b]);
    unknown_branch(args, ids, err);
    return std::nullopt;
  }
  const auto given = given_period(args);
  const libbranch::Period period = given ? *given : libbranch::default_period(ds);
  const libbranch::Scorecard card = engine.score(ds, rubric, period);
  return libbranch::make_annual_report(ds, card, *row, engine.registry(), &rubric);
}

// Out of core: every part is scored (the peers of relative rules span parts), but only the part
// holding the branch is read again for its figures.
std::optional<libbranch::AnnualReport> report_from_parts(const ReportArgs& args, const libbranch::Engine& engine,
                                                         const libbranch::Rubric& rubric, std::ostream& err) {
  const libbranch::PartitionedArchive archive(args.input.data);
  const auto given = given_period(args);
  const libbranch::Period period = given ? *given : libbranch::default_period(archive);
  const libbranch::Scorecard card = libbranch::score(archive, rubric, period, engine.registry());
  const auto row = card.find_branch(args.branch);
  if (!row) {
    unknown_branch(args, card.branch_ids, err);
    return std::nullopt;
  }
  std::size_t first = 0;
  std::size_t k = 0;
  while (*row >= first + archive.parts()[k].branches) first += archive.parts()[k++].branches;
  const libbranch::Dataset part = archive.load_part(k);
  const libbranch::Scorecard part_card = libbranch::scorecard_rows(card, first, first + part.branch_count());
  return libbranch::make_annual_report(part, part_card, *row - first, engine.registry(), &rubric);
}

}  // namespace

int run_report(const ReportArgs& args, std::ostream& out, std::ostream& err) {
  auto engine = make_engine(args.plugins, err);
  if (!engine) return kFailure;
  // The rubric is checked against the registry before any data is read, as for `score`.
  const auto rubric = guarded(err, [&] {
    libbranch::Rubric r = args.rubric.empty() ? libbranch::Rubric::default_rubric() : libbranch::Rubric::load(args.rubric);
    r.check_metrics(engine->registry());
    return r;
  });
  if (!rubric) return kFailure;
  const auto text = guarded(err, [&]() -> std::optional<std::string> {
    const auto report = libbranch::archive_kind(args.input.data) == libbranch::ArchiveKind::partitioned
                            ? report_from_parts(args, *engine, *rubric, err)
                            : report_from_dataset(args, *engine, *rubric, err);
    if (!report) return std::nullopt;
    return libbranch::render_annual_report(*report, args.lang == "en" ? libbranch::Language::en : libbranch::Language::zh);
  });
  if (!text || !*text) return kFailure;
  out << **text;
  out.flush();
  return kSuccess;
}

}  // namespace branchscore
