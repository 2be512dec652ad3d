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
#include <libbranch/report.hpp>
#include <libbranch/rubric.hpp>

#include <libbranch/suggest.hpp>

#include "commands.hpp"
#include "engine_setup.hpp"
#include "report_errors.hpp"

namespace branchscore {
namespace {

/// "; did you mean 'a', 'b'?" for branch ids close to `id`, else "".
std::string close_branch_ids(const libbranch::Dataset& ds, std::string_view id) {
  const libbranch::StringPool& ids = ds.branches().id;
  std::vector<std::string_view> candidates;
  candidates.reserve(ids.size());
  for (std::size_t b = 0; b < ids.size(); ++b) candidates.push_back(ids[b]);
  return libbranch::did_you_mean(id, candidates);
}

}  // namespace

int run_report(const ReportArgs& args, std::ostream& out, std::ostream& err) {
  auto engine = make_engine(args.plugin_dirs, err);
  if (!engine) return kFailure;
  // The rubric is checked against the registry before any data is read, as for `score`.
  const auto rubric = guarded(err, [&] {
    libbranch::Rubric r = args.rubric.empty() ? libbranch::Rubric::default_rubric() : libbranch::Rubric::load(args.rubric);
    r.check_metrics(engine->registry());
    return r;
  });
  if (!rubric) return kFailure;
  const auto text = guarded(err, [&]() -> std::optional<std::string> {
    std::vector<libbranch::Problem> warnings;
    libbranch::LoadOptions load_options;
    load_options.allow_custom_kinds = args.input.allow_custom_kinds;
    const libbranch::Dataset ds = libbranch::load_dataset(args.input.data, load_options, &warnings);
    print_problems(warnings, err);
    const auto row = ds.find_branch(args.branch);
    if (!row) {
      err << "branchscore report: unknown branch '" << args.branch << "'" << close_branch_ids(ds, args.branch) << "\n";
      return std::nullopt;
    }
    const libbranch::Period period =
        args.year ? libbranch::Period::calendar_year(*args.year) : libbranch::default_period(ds);
    const libbranch::Scorecard card = engine->score(ds, *rubric, period);
    const libbranch::AnnualReport report =
        libbranch::make_annual_report(ds, card, *row, engine->registry(), &*rubric);
    return libbranch::render_annual_report(report, args.lang == "en" ? libbranch::Language::en : libbranch::Language::zh);
  });
  if (!text || !*text) return kFailure;
  out << **text;
  out.flush();
  return kSuccess;
}

}  // namespace branchscore
