#pragma once
// Shared declarations of the libbranch._core binding files (one per area, as boost-histogram's
// register_*.cpp). Only the bindings include this; nothing in the library includes the bindings.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <libbranch/dataset.hpp>
#include <libbranch/model/date.hpp>

namespace libbranch::python {

namespace py = pybind11;

void bind_errors(py::module_& m);
void bind_dataset(py::module_& m);
void bind_rubric(py::module_& m);
void bind_engine(py::module_& m);
void bind_scorecard(py::module_& m);
void bind_frames(py::module_& m);   // Dataset.from_frames (bind_frames.cpp)
void bind_metrics(py::module_& m);  // Python metrics and scoring metric by metric (bind_metrics.cpp)
void bind_excel(py::module_& m);    // Scorecard.to_excel (bind_excel.cpp)
void bind_analytics(py::module_& m);  // weights and rankings (bind_analytics.cpp)
void bind_distributed(py::module_& m);  // PartMetrics and ScoreBuilder for libbranch.dask (bind_distributed.cpp)

/// The period to score: both ends ('YYYY-MM-DD', checked) or neither (the dataset's default).
Period make_period(const Dataset& ds, const std::optional<std::string>& from, const std::optional<std::string>& to);

/// A Python str from UTF-8 bytes; invalid bytes (never expected: loading checks UTF-8) become U+FFFD
/// instead of raising.
py::str utf8(std::string_view s);

/// A read-only numpy view of memory owned by `owner` (kept alive by the array's base).
/// `strides` in bytes; nullptr data (empty Eigen matrices) gives an empty array.
template <class T>
py::array readonly_view(const T* data, std::vector<py::ssize_t> shape, std::vector<py::ssize_t> strides,
                        py::handle owner) {
  py::array_t<T> a(std::move(shape), std::move(strides), data, owner);
  a.attr("flags").attr("writeable") = false;
  return a;
}

}  // namespace libbranch::python
