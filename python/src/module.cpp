// libbranch._core: the private compiled module under the public `libbranch` package. One
// bind_<area>.cpp per area (errors, dataset, rubric, engine, scorecard), as boost-histogram does.
// The core library is the shared libbranch.so next to this module (RPATH $ORIGIN); the five
// standard plugins are linked in statically and registered by every Engine.
#include <libbranch/version.hpp>

#include "bindings.hpp"

namespace libbranch::python {
void bind_compliance(py::module_& m);  // Engine.check(dataset, …) (bind_compliance.cpp)
void bind_member_points(py::module_& m);  // Engine.member_points(dataset, …) (bind_member_points.cpp)
}

PYBIND11_MODULE(_core, m) {
  namespace lbp = libbranch::python;
  m.doc() = "libbranch's compiled core (private: use the `libbranch` package).";
  m.attr("__version__") = libbranch::version_string();
  lbp::bind_errors(m);  // first: the other areas' functions raise these
  lbp::bind_dataset(m);
  lbp::bind_rubric(m);
  lbp::bind_engine(m);
  lbp::bind_scorecard(m);
  lbp::bind_frames(m);
  lbp::bind_metrics(m);
  lbp::bind_excel(m);
  lbp::bind_analytics(m);
  lbp::bind_compliance(m);
  lbp::bind_member_points(m);
  lbp::bind_distributed(m);
}
