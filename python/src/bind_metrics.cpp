// Metrics written in Python.
//
// register_python_metric adds a libbranch::Metric whose compute acquires the GIL and calls a
// Python adapter (libbranch/custom_metrics.py) with the compiled dataset, the period and the
// parameters; the adapter calls the user's function with the public Dataset and checks its
// result. The engine computes metric columns one after another (each built-in metric is parallel
// inside), so a Python metric runs once per column, on one thread, under the GIL, whatever the
// `threads`; `score` releases the GIL, and the metric takes it back. A Python exception raised by
// the function crosses the C++ engine as pybind11's error_already_set and is raised again, with its
// type, message and traceback, when the call returns to Python.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

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
  } else if (type == "text") {
    p.type = ParamSpec::Type::text;
  } else {
    throw py::value_error("parameter '" + p.name + "': type must be 'integer', 'choice' or 'text', got '" + type + "'");
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
}

}  // namespace libbranch::python
