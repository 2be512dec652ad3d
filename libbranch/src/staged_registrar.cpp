#include <libbranch/staged_registrar.hpp>

#include <algorithm>

#include <libbranch/error.hpp>

namespace libbranch {

StagedRegistrar::StagedRegistrar(MetricRegistry& registry, std::string owner, std::vector<std::string> standards)
    : registry_(registry), owner_(std::move(owner)), standards_(std::move(standards)) {}

void StagedRegistrar::add(Metric metric) {
  const std::string standard(metric.standard());
  if (metric.id.find('.') == std::string::npos ||
      std::find(standards_.begin(), standards_.end(), standard) == standards_.end()) {
    std::string declared;
    for (const std::string& s : standards_) declared += (declared.empty() ? "" : ", ") + s;
    throw Error("plugin " + owner_ + " cannot register metric '" + metric.id +
                "': its ids must start with a standard it declares (" + declared + ")");
  }
  if (!metric.compute) throw Error("plugin " + owner_ + " registered metric '" + metric.id + "' without a function");
  const std::string first = registry_.owner(metric.id);
  if (!first.empty())
    throw Error("plugin " + owner_ + " cannot register metric '" + metric.id + "': already registered by " + first);
  for (const Metric& m : staged_)
    if (m.id == metric.id) throw Error("plugin " + owner_ + " registers metric '" + metric.id + "' twice");
  staged_.push_back(std::move(metric));
}

void StagedRegistrar::commit() {
  for (Metric& m : staged_) registry_.add(std::move(m), owner_);
  staged_.clear();
}

}  // namespace libbranch
