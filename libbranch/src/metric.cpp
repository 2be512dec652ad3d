#include <libbranch/metric.hpp>

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

namespace libbranch {

const char* to_string(Direction d) { return d == Direction::benefit ? "benefit" : "cost"; }

const ParamSpec* Metric::param(std::string_view name) const {
  for (const ParamSpec& p : params)
    if (p.name == name) return &p;
  return nullptr;
}

std::string_view Metric::standard() const {
  const std::string_view v = id;
  return v.substr(0, v.find('.'));
}

void parallel_for_branches(std::size_t n, const std::function<void(std::size_t, std::size_t)>& body) {
  // Chunks of a few thousand branches amortise the call through std::function and keep each
  // thread on contiguous CSR rows; the arena the engine runs in decides how many threads.
  constexpr std::size_t kGrain = 2048;
  if (n <= kGrain) {
    if (n > 0) body(0, n);
    return;
  }
  oneapi::tbb::parallel_for(oneapi::tbb::blocked_range<std::size_t>(0, n, kGrain),
                            [&](const oneapi::tbb::blocked_range<std::size_t>& r) { body(r.begin(), r.end()); });
}

}  // namespace libbranch
