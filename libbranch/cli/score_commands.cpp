// score, metrics, plugins: the commands that use the scoring engine.
#include <ostream>

#include <libbranch/engine.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/io/scorecard_writer.hpp>
#include <libbranch/out_of_core.hpp>
#include <libbranch/rubric.hpp>
#include <libbranch/serialization.hpp>

#include "commands.hpp"
#include "engine_setup.hpp"
#include "output_file.hpp"
#include "report_errors.hpp"

namespace branchscore {
namespace {

std::optional<libbranch::Period> explicit_period(const ScoreArgs& args) {
  if (args.year) return libbranch::Period::calendar_year(*args.year);
  if (args.from.empty()) return std::nullopt;
  return libbranch::Period{*libbranch::Date::parse(args.from), *libbranch::Date::parse(args.to)};
}

void render(const libbranch::Scorecard& card, const ScoreArgs& args, std::ostream& out) {
  if (args.format == "csv") {
    if (args.detail) {
      libbranch::write_detail_csv(card, out);
    } else {
      libbranch::write_summary_csv(card, out);
    }
  } else if (args.format == "json") {
    libbranch::write_json(card, out, args.detail);
  } else {
    libbranch::write_table(card, out, args.detail);
  }
}

}  // namespace

int run_score(const ScoreArgs& args, std::ostream& out, std::ostream& err) {
  auto engine = make_engine(args.plugin_dirs, err);
  if (!engine) return kFailure;
  // The rubric is checked against the registry before any data is read or metric computed.
  const auto rubric = guarded(err, [&] {
    libbranch::Rubric r = args.rubric.empty() ? libbranch::Rubric::default_rubric() : libbranch::Rubric::load(args.rubric);
    r.check_metrics(engine->registry());
    return r;
  });
  if (!rubric) return kFailure;
  libbranch::ScoreOptions options;
  options.threads = args.threads;
  const auto given = explicit_period(args);
  const bool partitioned = libbranch::archive_kind(args.input.data) == libbranch::ArchiveKind::partitioned;
  if (args.memory != 0 && !partitioned) {
    err << "branchscore score: --memory needs a partitioned archive (branchscore pack DATA --out FILE "
           "--part-branches N); "
        << args.input.data << " is read whole\n";
    return kUsage;
  }
  const bool ok = guarded(err, [&] {
                    libbranch::Scorecard card;
                    if (partitioned) {
                      // Out of core: the parts are read one by one, never the whole dataset.
                      const libbranch::PartitionedArchive archive(args.input.data);
                      const libbranch::Period period = given ? *given : libbranch::default_period(archive);
                      card = libbranch::score(archive, *rubric, period, engine->registry(), options, args.memory);
                    } else {
                      std::vector<libbranch::Problem> warnings;
                      libbranch::LoadOptions load_options;
                      load_options.allow_custom_kinds = args.input.allow_custom_kinds;
                      load_options.threads = static_cast<unsigned>(args.threads);
                      const libbranch::Dataset ds = libbranch::load_dataset(args.input.data, load_options, &warnings);
                      print_problems(warnings, err);
                      const libbranch::Period period = given ? *given : libbranch::default_period(ds);
                      card = engine->score(ds, *rubric, period, options);
                    }
                    write_result(args.out, out, [&](std::ostream& o) { render(card, args, o); });
                    return true;
                  }).has_value();
  return ok ? kSuccess : kFailure;
}

int run_metrics(const ListArgs& args, std::ostream& out, std::ostream& err) {
  auto engine = make_engine(args.plugin_dirs, err);
  if (!engine) return kFailure;
  const libbranch::MetricRegistry& registry = engine->registry();
  for (const std::string& id : registry.names()) {
    if (id.back() == '*') {
      out << id << "\t-\tbenefit\t观测值\tobservation from observations.csv (parameter agg: last|sum|max|mean)\t"
          << registry.owner(id.substr(0, id.size() - 1) + "x") << "\n";
      continue;
    }
    const libbranch::Metric& m = registry.get(id);
    out << m.id << "\t" << m.unit << "\t" << libbranch::to_string(m.direction) << "\t" << m.label_zh << "\t" << m.label_en;
    for (const libbranch::ParamSpec& p : m.params) out << " [" << p.name << "]";
    out << "\t" << registry.owner(id) << "\n";
  }
  return kSuccess;
}

int run_plugins(const ListArgs& args, std::ostream& out, std::ostream& err) {
  auto engine = make_engine(args.plugin_dirs, err);
  if (!engine) return kFailure;
  for (const libbranch::PluginRecord& r : engine->plugins().records()) out << r.to_string() << "\n";
  return kSuccess;
}

}  // namespace branchscore
