// score, metrics, plugins: the commands that use the scoring engine.
#include <ostream>

#include <libbranch/engine.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/io/scorecard_writer.hpp>
#include <libbranch/io/xlsx_writer.hpp>
#include <libbranch/out_of_core.hpp>
#include <libbranch/rubric.hpp>
#include <libbranch/serialization.hpp>

#include "commands.hpp"
#include "engine_setup.hpp"
#include "load_input.hpp"
#include "output_file.hpp"
#include "period_args.hpp"
#include "report_errors.hpp"

namespace branchscore {
namespace {

// The metrics sheet's titles: each metric's Chinese label from the registry.
libbranch::XlsxOptions xlsx_options(const libbranch::Scorecard& card, const libbranch::MetricRegistry& registry) {
  libbranch::XlsxOptions options;
  for (const libbranch::MetricColumn& column : card.metrics) {
    const libbranch::Metric* metric = registry.find(column.metric);
    options.metric_labels.push_back(metric == nullptr ? std::string() : metric->label_zh);
  }
  return options;
}

void render(const libbranch::Scorecard& card, const ScoreArgs& args, const libbranch::MetricRegistry& registry,
            std::ostream& out) {
  if (args.format == "xlsx") {
    // The whole result: summary, detail and metric values (--detail changes nothing).
    libbranch::write_xlsx(card, out, xlsx_options(card, registry));
  } else if (args.format == "csv") {
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
  if (args.format == "xlsx") {
    // A workbook is binary: never to a terminal or a pipe by accident.
    if (args.out.empty()) {
      err << "branchscore score: --format xlsx needs --out FILE (a workbook is not written to stdout)\n";
      return kUsage;
    }
    if (!libbranch::xlsx_supported()) {
      err << "branchscore score: --format xlsx: this branchscore was built without libxlsxwriter "
             "(install libxlsxwriter-dev and rebuild)\n";
      return kFailure;
    }
  }
  auto engine = make_engine(args.plugins, err);
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
                      card = libbranch::score(archive, *rubric, period_or_default(args.period, archive), engine->registry(),
                                              options, args.memory);
                    } else {
                      const libbranch::Dataset ds = load_input(args.input, err, static_cast<unsigned>(args.threads));
                      card = engine->score(ds, *rubric, period_or_default(args.period, ds), options);
                    }
                    write_result(args.out, out, [&](std::ostream& o) { render(card, args, engine->registry(), o); });
                    return true;
                  }).has_value();
  return ok ? kSuccess : kFailure;
}

int run_metrics(const ListArgs& args, std::ostream& out, std::ostream& err) {
  auto engine = make_engine(args.plugins, err);
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
  auto engine = make_engine(args.plugins, err);
  if (!engine) return kFailure;
  for (const libbranch::PluginRecord& r : engine->plugins().records()) out << r.to_string() << "\n";
  return kSuccess;
}

}  // namespace branchscore
