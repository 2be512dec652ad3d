// report: narrative annual summaries (docs/reference/cli.md §4, results.md §7): one branch as text,
// Markdown or HTML, or every branch as one file each in a directory, with an index page for HTML.
#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <libbranch/compliance.hpp>
#include <libbranch/dataset_parts.hpp>
#include <libbranch/engine.hpp>
#include <libbranch/io/atomic_file.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/out_of_core.hpp>
#include <libbranch/report.hpp>
#include <libbranch/report_render.hpp>
#include <libbranch/rubric.hpp>
#include <libbranch/serialization.hpp>
#include <libbranch/suggest.hpp>

#include "commands.hpp"
#include "engine_setup.hpp"
#include "load_input.hpp"
#include "output_file.hpp"
#include "period_args.hpp"
#include "report_errors.hpp"

namespace branchscore {
namespace {

namespace fs = std::filesystem;

struct ReportJob {
  const ReportArgs& args;
  const libbranch::Engine& engine;
  const libbranch::Rubric& rubric;
  const libbranch::ComplianceRuleSet* rules;  ///< null: no findings
  libbranch::Language language;
  libbranch::ReportFormat format;
};

libbranch::ReportFormat format_of(const ReportArgs& args) {
  if (args.format == "markdown") return libbranch::ReportFormat::markdown;
  if (args.format == "html" || (args.format.empty() && args.all)) return libbranch::ReportFormat::html;
  return libbranch::ReportFormat::text;
}

void unknown_branch(const ReportArgs& args, const std::vector<std::string>& ids, std::ostream& err) {
  const std::vector<std::string_view> candidates(ids.begin(), ids.end());
  err << "branchscore report: unknown branch '" << args.branch << "'" << libbranch::did_you_mean(args.branch, candidates)
      << "\n";
}

// The report of row `row` of `ds` scored as `card`, with its findings (the compliance check
// covers that branch alone).
std::vector<libbranch::AnnualReport> report_of_one(const ReportJob& job, const libbranch::Dataset& ds,
                                                   const libbranch::Scorecard& card, std::size_t row) {
  std::vector<libbranch::AnnualReport> reports;
  reports.push_back(libbranch::make_annual_report(ds, card, row, job.engine.registry(), &job.rubric));
  if (job.rules != nullptr) {
    const auto b = static_cast<std::uint32_t>(row);
    const libbranch::Dataset one = libbranch::slice_branches(ds, {b, b + 1});
    libbranch::add_findings(reports.front(), libbranch::check_compliance(one, *job.rules, card.period));
  }
  return reports;
}

// The reports of every branch of `ds` scored as `card`, with their findings.
std::vector<libbranch::AnnualReport> reports_of_all(const ReportJob& job, const libbranch::Dataset& ds,
                                                    const libbranch::Scorecard& card) {
  std::vector<libbranch::AnnualReport> reports =
      libbranch::make_annual_reports(ds, card, job.engine.registry(), &job.rubric);
  if (job.rules != nullptr) libbranch::add_findings(reports, libbranch::check_compliance(ds, *job.rules, card.period));
  return reports;
}

// The row asked for by --branch; none for --all.
template <class Row>
std::optional<std::size_t> branch_row(const ReportArgs& args, const std::optional<Row>& found) {
  if (args.all || !found) return std::nullopt;
  return static_cast<std::size_t>(*found);
}

using ReportSink = std::function<void(std::vector<libbranch::AnnualReport>&&)>;

// Calls `sink` with the reports, all at once for a dataset, part by part for a partitioned
// archive (every part is scored first: the peers of relative rules span parts). False when the
// branch asked for is unknown (said on `err`).
bool produce_reports(const ReportJob& job, std::ostream& err, const ReportSink& sink) {
  const ReportArgs& args = job.args;
  if (libbranch::archive_kind(args.input.data) == libbranch::ArchiveKind::partitioned) {
    const libbranch::PartitionedArchive archive(args.input.data);
    const libbranch::Scorecard card =
        libbranch::score(archive, job.rubric, period_or_default(args.period, archive), job.engine.registry());
    const std::optional<std::size_t> row = branch_row(args, card.find_branch(args.branch));
    if (!args.all && !row) {
      unknown_branch(args, card.branch_ids, err);
      return false;
    }
    std::size_t first = 0;
    for (std::size_t k = 0; k < archive.parts().size(); ++k) {
      const std::size_t count = archive.parts()[k].branches;
      const bool wanted = args.all || (*row >= first && *row < first + count);
      if (wanted) {
        const libbranch::Dataset part = archive.load_part(k);
        const libbranch::Scorecard part_card = libbranch::scorecard_rows(card, first, first + part.branch_count());
        sink(row ? report_of_one(job, part, part_card, *row - first) : reports_of_all(job, part, part_card));
      }
      first += count;
    }
    return true;
  }
  const libbranch::Dataset ds = load_input(args.input, err);
  const std::optional<std::size_t> row = branch_row(args, ds.find_branch(args.branch));
  if (!args.all && !row) {
    const libbranch::StringPool& pool = ds.branches().id;
    std::vector<std::string> ids;
    for (std::size_t b = 0; b < pool.size(); ++b) ids.emplace_back(pool[b]);
    unknown_branch(args, ids, err);
    return false;
  }
  const libbranch::Scorecard card = job.engine.score(ds, job.rubric, period_or_default(args.period, ds));
  sink(row ? report_of_one(job, ds, card, *row) : reports_of_all(job, ds, card));
  return true;
}

// --all: one file per branch, each written atomically, then the index (HTML); the directory is
// created when missing.
bool write_all(const ReportJob& job, std::ostream& err) {
  const fs::path dir(job.args.out);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) {
    err << "branchscore report: cannot use '" << dir.string() << "' as the output directory"
        << (ec ? ": " + ec.message() : std::string(": not a directory")) << "\n";
    return false;
  }
  std::vector<libbranch::ReportIndexEntry> index;
  std::optional<libbranch::Period> period;
  const bool ok = produce_reports(job, err, [&](std::vector<libbranch::AnnualReport>&& reports) {
    for (const libbranch::AnnualReport& r : reports) {
      const std::string text = libbranch::render_annual_report(r, job.language, job.format);
      libbranch::write_file_atomically(dir / libbranch::report_file_name(r.branch_id, job.format),
                                       [&](std::ostream& o) { o << text; });
      index.push_back(libbranch::index_entry(r));
      period = r.period;
    }
  });
  if (!ok) return false;
  if (job.format == libbranch::ReportFormat::html && period) {
    const std::string page = libbranch::render_report_index(index, *period, job.language);
    libbranch::write_file_atomically(dir / "index.html", [&](std::ostream& o) { o << page; });
  }
  return true;
}

bool write_one(const ReportJob& job, std::ostream& out, std::ostream& err) {
  std::string text;
  const bool ok = produce_reports(job, err, [&](std::vector<libbranch::AnnualReport>&& reports) {
    for (const libbranch::AnnualReport& r : reports) text += libbranch::render_annual_report(r, job.language, job.format);
  });
  if (!ok) return false;
  write_result(job.args.out, out, [&](std::ostream& o) { o << text; });
  return true;
}

}  // namespace

int run_report(const ReportArgs& args, std::ostream& out, std::ostream& err) {
  if (args.branch.empty() && !args.all) {
    err << "branchscore report: --branch ID or --all is required\nRun with --help for more information.\n";
    return kUsage;
  }
  auto engine = make_engine(args.plugins, err);
  if (!engine) return kFailure;
  // The rubric and the rule set are checked before any data is read, as for `score`.
  const auto rubric = guarded(err, [&] {
    libbranch::Rubric r = args.rubric.empty() ? libbranch::Rubric::default_rubric() : libbranch::Rubric::load(args.rubric);
    r.check_metrics(engine->registry());
    return r;
  });
  if (!rubric) return kFailure;
  const libbranch::ReportFormat format = format_of(args);
  // Plain text is docs/reference/results.md §7's summary and stays as it is; the pages add the
  // compliance findings.
  const bool findings = format != libbranch::ReportFormat::text && !args.no_findings;
  const auto rules = guarded(err, [&] {
    if (!findings) return libbranch::ComplianceRuleSet{};
    return args.rules.empty() ? libbranch::ComplianceRuleSet::default_rules() : libbranch::ComplianceRuleSet::load(args.rules);
  });
  if (!rules) return kFailure;
  const ReportJob job{args, *engine, *rubric, findings ? &*rules : nullptr,
                      args.lang == "en" ? libbranch::Language::en : libbranch::Language::zh, format};
  const auto done = guarded(err, [&] { return args.all ? write_all(job, err) : write_one(job, out, err); });
  return done && *done ? kSuccess : kFailure;
}

}  // namespace branchscore
