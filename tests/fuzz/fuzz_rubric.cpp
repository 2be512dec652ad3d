// libFuzzer target for the rubric parser (docs/reference/rubrics.md): any text gives a valid Rubric
// or a RubricError; a parsed rubric checks against the core metrics (RubricError /
// UnknownMetricError for what they lack) and survives its own JSON: parse(to_json()) is an equal
// rubric.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <libbranch/error.hpp>
#include <libbranch/registry.hpp>
#include <libbranch/rubric.hpp>

namespace {

const libbranch::MetricRegistry& core_registry() {
  static const libbranch::MetricRegistry registry = [] {
    libbranch::MetricRegistry r;
    libbranch::register_core_metrics(r);
    return r;
  }();
  return registry;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace libbranch;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Rubric rubric;
  try {
    rubric = Rubric::parse(text, "fuzz.json");
  } catch (const RubricError&) {
    return 0;
  }
  // What parse accepted, its own output must give back (a difference is a finding, not an error).
  if (!(Rubric::parse(rubric.to_json(), "fuzz.json") == rubric)) std::abort();
  try {
    rubric.check_metrics(core_registry());
  } catch (const RubricError&) {
  } catch (const UnknownMetricError&) {
  }
  return 0;
}
