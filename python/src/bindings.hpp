#pragma once
// Shared declarations of the libbranch._core binding files (one per area, as boost-histogram's
// register_*.cpp). Only the bindings include this; nothing in the library includes the bindings.
#include <cstdint>
#include <string>
#include <string_view>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

namespace libbranch::python {

namespace py = pybind11;

void bind_errors(py::module_& m);
void bind_dataset(py::module_& m);
void bind_rubric(py::module_& m);
void bind_engine(py::module_& m);
void bind_scorecard(py::module_& m);

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
