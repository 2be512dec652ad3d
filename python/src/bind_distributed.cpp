// Scoring in two phases across processes (python/libbranch/dask.py): PartMetrics (phase 1 of one
// part, pickled through the library's part metrics archive) and a ScoreBuilder that computes them
// on a worker or adds them and finishes the scorecard on the client.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <libbranch/engine.hpp>
#include <libbranch/error.hpp>
#include <libbranch/out_of_core.hpp>
#include <libbranch/part_metrics_archive.hpp>
#include <libbranch/part_scoring.hpp>
#include <libbranch/partitioned_archive.hpp>
#include <libbranch/score_builder.hpp>
#include <libbranch/serialization.hpp>

#include "bindings.hpp"

namespace libbranch::python {
namespace {

using PartPtr = std::shared_ptr<PartMetrics>;

std::string part_bytes(const PartMetrics& p) {
  std::ostringstream out;
  save_part_metrics(p, out);
  return std::move(out).str();
}

PartPtr part_from_bytes(std::string bytes) {
  const auto size = static_cast<std::uint64_t>(bytes.size());
  std::istringstream in(std::move(bytes));
  return std::make_shared<PartMetrics>(load_part_metrics(in, "<pickled PartMetrics>", size));
}

Date date_of(const std::string& text, const char* what) {
  const auto d = Date::parse(text);
  if (!d) throw py::value_error(std::string(what) + " must be a date YYYY-MM-DD, got '" + text + "'");
  return *d;
}

// The engine is kept with the builder: the builder reads its registry until it finishes.
struct Builder {
  std::shared_ptr<Engine> engine;
  ScoreBuilder builder;
};

// Phase 2 of one part on a worker (part_scoring.hpp); the engine is kept for its registry.
struct Scorer {
  std::shared_ptr<Engine> engine;
  PartScorer scorer;
};

Period period_of(const std::string& from, const std::string& to) {
  const Period period{date_of(from, "the period's start"), date_of(to, "the period's end")};
  if (period.to < period.from) throw py::value_error("the period ends before it starts");
  return period;
}

py::tuple period_tuple(const Period& p) { return py::make_tuple(p.from.to_string(), p.to.to_string()); }

}  // namespace

void bind_distributed(py::module_& m) {
  py::class_<PartMetrics, PartPtr>(m, "PartMetrics",
                                   "Phase 1 of one part: its metric columns and what phase 2 needs of its branches. "
                                   "Pickles through the library's part metrics archive (Boost.Serialization).")
      .def_property_readonly("branch_count", [](const PartMetrics& p) { return p.branch_ids.size(); })
      .def_property_readonly("branch_ids", [](const PartMetrics& p) { return p.branch_ids; })
      .def_property_readonly("parent_ids", [](const PartMetrics& p) { return p.parent_ids; },
                             "Each branch's parent_id (its peer group under group_by parent_id); '' for none.")
      .def_property_readonly("metrics",
                             [](const PartMetrics& p) {
                               std::vector<std::pair<std::string, std::string>> out;
                               for (const MetricColumn& c : p.metrics) out.emplace_back(c.metric, c.params_key);
                               return out;
                             })
      .def_property_readonly("values",
                             [](const PartMetrics& p) {
                               return py::array_t<double>({p.values.rows(), p.values.cols()},
                                                          {static_cast<py::ssize_t>(sizeof(double)),
                                                           static_cast<py::ssize_t>(sizeof(double) * p.values.rows())},
                                                          p.values.data());  // a copy
                             })
      .def("to_archive_bytes", [](const PartMetrics& p) {
             std::string bytes;
             {
               py::gil_scoped_release release;
               bytes = part_bytes(p);
             }
             return py::bytes(bytes);
           })
      .def_static("from_archive_bytes", [](const py::bytes& data) {
                    std::string bytes = data;
                    py::gil_scoped_release release;
                    return part_from_bytes(std::move(bytes));
                  }, py::arg("data"), "Reads to_archive_bytes(); raises ArchiveError for damaged bytes.")
      .def(py::pickle([](const PartMetrics& p) { return py::make_tuple(py::bytes(part_bytes(p))); },
                      [](const py::tuple& t) {
                        if (t.size() != 1 || !py::isinstance<py::bytes>(t[0]))
                          throw ArchiveError("<pickled PartMetrics>", "the pickle state is not (archive bytes,)");
                        return part_from_bytes(t[0].cast<std::string>());
                      }));

  py::class_<Builder, std::shared_ptr<Builder>>(m, "ScoreBuilder",
                                               "Two-phase scoring (libbranch::ScoreBuilder) of a dataset in parts.")
      .def(py::init([](std::shared_ptr<Engine> engine, const Rubric& rubric, const std::string& from,
                       const std::string& to, std::size_t total_branches, int threads) {
             if (threads < 0) throw py::value_error("threads must be ≥ 1 (or 0 for all cores)");
             const Period period = period_of(from, to);
             ScoreOptions options;
             options.threads = threads;
             const MetricRegistry& registry = engine->registry();
             return std::make_shared<Builder>(Builder{engine, ScoreBuilder(rubric, period, registry, total_branches, options)});
           }),
           py::arg("engine"), py::arg("rubric"), py::arg("from_"), py::arg("to"), py::arg("total_branches"),
           py::arg("threads") = 0)
      .def("compute_part", [](Builder& b, const Dataset& part) {
             py::gil_scoped_release release;
             return std::make_shared<PartMetrics>(b.builder.compute_part(part));
           }, py::arg("part"), "Phase 1 of a part, not added (the GIL is released).")
      .def("add", [](Builder& b, const PartMetrics& part) { b.builder.add(part); }, py::arg("part"))
      .def_property_readonly("branch_count", [](const Builder& b) { return b.builder.branch_count(); })
      .def_property_readonly("metrics",
                             [](Builder& b) {
                               std::vector<std::pair<std::string, std::string>> out;
                               for (const MetricColumn& c : b.builder.metric_columns()) out.emplace_back(c.metric, c.params_key);
                               return out;
                             })
      .def("finish", [](Builder& b) {
             py::gil_scoped_release release;
             return std::make_shared<Scorecard>(b.builder.finish());
           }, "Phase 2 over every part added: the Scorecard (the GIL is released).");

  py::class_<Scorer, std::shared_ptr<Scorer>>(m, "PartScorer",
                                             "Phase 2 of one part beside the other parts' peer summaries "
                                             "(libbranch::PartScorer): the part's rows of the whole scorecard.")
      .def(py::init([](std::shared_ptr<Engine> engine, const Rubric& rubric, const std::string& from,
                       const std::string& to, int threads) {
             if (threads < 0) throw py::value_error("threads must be ≥ 1 (or 0 for all cores)");
             ScoreOptions options;
             options.threads = threads;
             const MetricRegistry& registry = engine->registry();
             return std::make_shared<Scorer>(Scorer{engine, PartScorer(rubric, period_of(from, to), registry, options)});
           }),
           py::arg("engine"), py::arg("rubric"), py::arg("from_"), py::arg("to"), py::arg("threads") = 0)
      .def("peer_summary", [](const Scorer& s, const PartMetrics& part, std::optional<std::vector<std::string>> shared) {
             py::gil_scoped_release release;
             return std::make_shared<PartMetrics>(shared ? s.scorer.peer_summary(part, *shared) : s.scorer.peer_summary(part));
           }, py::arg("part"), py::arg("shared_parent_ids") = py::none(),
           "The part's branches that decide other parts' points (extremes and first ranks); with "
           "`shared_parent_ids`, of those parent_id groups only (the others' groupings whole).")
      .def("peers_for", [](const Scorer& s, const PartMetrics& part, const std::vector<PartPtr>& others) {
             std::vector<const PartMetrics*> list;
             for (const PartPtr& o : others) list.push_back(o.get());
             py::gil_scoped_release release;
             return std::make_shared<PartMetrics>(s.scorer.peers_for(part, list));
           }, py::arg("part"), py::arg("others"), "The rows of the other parts' summaries that `part` needs.")
      .def("score", [](const Scorer& s, const PartMetrics& part, const PartMetrics& peers) {
             py::gil_scoped_release release;
             return std::make_shared<Scorecard>(s.scorer.score(part, peers));
           }, py::arg("part"), py::arg("peers"), "Phase 2 of `part` beside `peers`: its rows of the whole Scorecard.");

  m.def("default_period_of", [](const Dataset& ds) -> std::optional<py::tuple> {
          if (ds.activities().size() == 0) return std::nullopt;
          return period_tuple(default_period(ds));
        }, py::arg("dataset"), "The default period (from, to) of a dataset; None when it has no activities.");
  m.def("archive_kind", [](const std::filesystem::path& path) { return std::string(to_string(archive_kind(path))); },
        py::arg("path"), "What archive the file is: 'dataset', 'partitioned dataset', …; 'none'.");
  m.def("partitioned_archive_info", [](const std::filesystem::path& path) {
          const PartitionedArchive archive(path);
          py::list branches;
          for (const ArchivePart& p : archive.parts()) branches.append(p.branches);
          const Date latest = archive.latest_activity();
          return py::make_tuple(branches, latest == Date::none() ? py::object(py::none()) : py::object(period_tuple(default_period(latest))));
        }, py::arg("path"), "(branches of each part, default period (from, to) or None) of a partitioned archive.");
  m.def("load_archive_part", [](const std::filesystem::path& path, std::size_t k) {
          std::shared_ptr<Dataset> ds;
          {
            py::gil_scoped_release release;
            ds = std::make_shared<Dataset>(PartitionedArchive(path).load_part(k));
          }
          return ds;
        }, py::arg("path"), py::arg("part"), "Part `part` of a partitioned archive.");
}

}  // namespace libbranch::python
