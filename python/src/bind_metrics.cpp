// Metrics written in Python, and scoring metric by metric (for progress bars).
//
// register_python_metric adds a libbranch::Metric whose compute acquires the GIL and calls a
// Python adapter (libbranch/custom_metrics.py) with the compiled dataset, the period and the
// parameters; the adapter calls the user's function with the public Dataset and checks its
// result. The engine computes metric columns one after another (each built-in metric is parallel
// inside), so a Python metric runs once per column, on one thread, under the GIL, whatever the
// `threads`; `score` releases the GIL, and the metric takes it back. A Python exception raised by
// the function crosses the C++ engine as pybind11's error_already_set and is raised again, with its
// type, message and traceback, when the call returns to Python.
//
// score_staged computes each metric column the rubric needs through compute_metric (reporting
// progress to a Python callback after each), then scores against a registry of the precomputed
// columns (same ids, parameters and owners), so points and totals come from libbranch::score
// itself and the result equals Engine::score's.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <oneapi/tbb/task_arena.h>
#include <pybind11/stl.h>

#include <libbranch/engine.hpp>
#include <libbranch/error.hpp>
#include <libbranch/metric.hpp>
#include <libbranch/registry.hpp>

#include "bindings.hpp"

namespace libbranch::python {
namespace {

// A Python object owned by C++ code that may copy it (through a shared_ptr) or drop it on a
// thread without the GIL: the reference is released under the GIL.
class PythonRef {
 public:
  explicit PythonRef(py::object o) : object_(o.release().ptr()) {}
  PythonRef(const PythonRef&) = delete;
  PythonRef& operator=(const PythonRef&) = delete;
  ~PythonRef() {
    if (!Py_IsInitialized()) return;  // interpreter gone: nothing to release
    if (PyGILState_Check()) {
      Py_DECREF(object_);
      return;
    }
    py::gil_scoped_acquire gil;
    Py_DECREF(object_);
  }
  [[nodiscard]] py::handle get() const { return object_; }

 private:
  PyObject* object_;
};

py::object param_value(const ParamValue& v) {
  return std::visit([](const auto& x) -> py::object { return py::cast(x); }, v);
}

ParamSpec param_spec(const py::dict& d) {
  ParamSpec p;
  p.name = d["name"].cast<std::string>();
  const std::string type = d["type"].cast<std::string>();
  if (type == "integer") {
    p.type = ParamSpec::Type::integer;
    p.min_value = d["min"].cast<std::int64_t>();
  } else if (type == "choice") {
    p.type = ParamSpec::Type::choice;
    p.choices = d["choices"].cast<std::vector<std::string>>();
  } else {
    throw py::value_error("parameter '" + p.name + "': type must be 'integer' or 'choice', got '" + type + "'");
  }
  const py::object def = d["default"];
  if (!def.is_none()) {
    if (py::isinstance<py::str>(def)) {
      p.default_value = ParamValue(def.cast<std::string>());
    } else {
      p.default_value = ParamValue(def.cast<std::int64_t>());
    }
    if (const std::string why = p.check(*p.default_value); !why.empty())
      throw py::value_error("parameter '" + p.name + "': the default " + why);
  }
  p.description = d["description"].cast<std::string>();
  return p;
}

// The metric's batch function: calls `adapter(dataset, from, to, params)` under the GIL.
MetricFunction python_compute(std::string id, py::object adapter) {
  auto ref = std::make_shared<PythonRef>(std::move(adapter));
  return [ref, id = std::move(id)](const Dataset& ds, const Period& period, const Params& params) -> Eigen::VectorXd {
    py::gil_scoped_acquire gil;
    // The Python object of this dataset: every Dataset the bindings score is owned by one.
    const py::handle dataset = py::detail::get_object_handle(&ds, py::detail::get_type_info(typeid(Dataset)));
    if (!dataset)
      throw Error("the Python metric '" + id + "' needs a dataset made in Python (libbranch.load, from_frames)");
    py::dict kwargs;
    for (const auto& [name, value] : params.entries()) kwargs[py::str(name)] = param_value(value);
    const py::object result = ref->get()(dataset, period.from.to_string(), period.to.to_string(), kwargs);
    const auto values = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(result);
    const auto n = static_cast<py::ssize_t>(ds.branch_count());
    if (!values || values.ndim() != 1 || values.shape(0) != n)
      throw Error("the Python metric '" + id + "' did not give one float per branch (" + std::to_string(n) + ")");
    Eigen::VectorXd out(static_cast<Eigen::Index>(n));
    std::copy(values.data(), values.data() + n, out.data());
    return out;
  };
}

py::dict timings_dict(const ScoreTimings& t) {
  py::dict d;
  d["metrics"] = t.metrics;
  d["points"] = t.points;
  d["totals"] = t.totals;
  return d;
}

}  // namespace

void bind_metrics(py::module_& m) {
  m.def(
      "register_python_metric",
      [](Engine& engine, const std::string& id, const std::string& label_zh, const std::string& label_en,
         const std::string& unit, const std::string& direction, const std::string& summary, const py::list& params,
         py::object adapter) {
        Metric metric;
        metric.id = id;
        metric.label_zh = label_zh;
        metric.label_en = label_en;
        metric.unit = unit;
        if (direction == "benefit") {
          metric.direction = Direction::benefit;
        } else if (direction == "cost") {
          metric.direction = Direction::cost;
        } else {
          throw py::value_error("direction must be 'benefit' or 'cost', got '" + direction + "'");
        }
        metric.summary = summary;
        for (const py::handle p : params) metric.params.push_back(param_spec(p.cast<py::dict>()));
        metric.compute = python_compute(id, std::move(adapter));
        engine.registry().add(std::move(metric), "python");
      },
      py::arg("engine"), py::arg("id"), py::arg("label_zh"), py::arg("label_en"), py::arg("unit"),
      py::arg("direction"), py::arg("summary"), py::arg("params"), py::arg("adapter"),
      "Registers a metric computed by `adapter(dataset, from, to, params)` (owner 'python').");

  m.def(
      "score_staged",
      [](const Engine& engine, const Dataset& ds, const Rubric& rubric, const std::optional<std::string>& from,
         const std::optional<std::string>& to, int threads, py::object callback) {
        if (threads < 0) throw py::value_error("threads must be ≥ 1 (or 0 for all cores)");
        const MetricRegistry& registry = engine.registry();
        rubric.check_metrics(registry);
        const Period period = make_period(ds, from, to);

        // Each metric column once: (metric, parameters with defaults), as the engine keys them.
        struct Column {
          std::string metric;
          Params params;
          std::string key;
        };
        std::vector<Column> columns;
        std::set<std::string> seen;
        for (const MetricUse& use : rubric.metric_uses()) {
          Params full = with_defaults(registry.get(use.metric), use.params);
          std::string key = use.metric + "|" + full.key();
          if (seen.insert(key).second) columns.push_back({use.metric, std::move(full), std::move(key)});
        }
        const std::size_t steps = columns.size() + 1;
        auto report = [&](std::size_t done, const std::string& what) {
          py::gil_scoped_acquire gil;
          if (PyErr_CheckSignals() != 0) throw py::error_already_set();  // Ctrl-C between metrics
          if (!callback.is_none()) callback(done, steps, what);
        };
        report(0, columns.empty() ? std::string("points, totals") : columns.front().metric);

        auto values = std::make_shared<std::map<std::string, Eigen::VectorXd>>();
        ScoreTimings timings;
        std::shared_ptr<Scorecard> card;
        {
          py::gil_scoped_release release;
          oneapi::tbb::task_arena arena(threads > 0 ? threads : oneapi::tbb::task_arena::automatic);
          const auto start = std::chrono::steady_clock::now();
          for (std::size_t c = 0; c < columns.size(); ++c) {
            Eigen::VectorXd v;
            arena.execute([&] { v = compute_metric(registry, columns[c].metric, columns[c].params, ds, period); });
            (*values)[columns[c].key] = std::move(v);
            report(c + 1, c + 1 < columns.size() ? columns[c + 1].metric : std::string("points, totals"));
          }
          const double metric_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

          // The same metrics (ids, parameters, owners) returning the columns just computed.
          MetricRegistry precomputed;
          std::set<std::string> added;
          for (const Column& column : columns) {
            if (!added.insert(column.metric).second) continue;
            Metric copy = registry.get(column.metric);
            copy.id = column.metric;
            copy.compute = [values, id = column.metric](const Dataset&, const Period&, const Params& p) {
              return values->at(id + "|" + p.key());
            };
            precomputed.add(std::move(copy), registry.owner(column.metric));
          }
          ScoreOptions options;
          options.threads = threads;
          options.timings = &timings;
          card = std::make_shared<Scorecard>(libbranch::score(ds, rubric, period, precomputed, options));
          timings.metrics += metric_seconds;
        }
        report(steps, "done");
        return py::make_tuple(card, timings_dict(timings));
      },
      py::arg("engine"), py::arg("dataset"), py::arg("rubric"), py::arg("from_") = py::none(),
      py::arg("to") = py::none(), py::arg("threads") = 0, py::arg("callback") = py::none(),
      "Scores as Engine.score, one metric column at a time, calling callback(done, total, next) after "
      "each and after points and totals. Returns (Scorecard, timings). The GIL is released between calls.");
}

}  // namespace libbranch::python
