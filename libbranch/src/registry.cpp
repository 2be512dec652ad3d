#include <libbranch/registry.hpp>

#include <algorithm>
#include <deque>
#include <map>
#include <mutex>

#include <libbranch/error.hpp>

#include <libbranch/suggest.hpp>
#include <libbranch/model/activity_kind.hpp>

namespace libbranch {
namespace {

struct Family {
  std::string prefix;
  std::function<Metric(const std::string&)> make;
  std::string owner;
};

}  // namespace

struct MetricRegistry::Impl {
  std::map<std::string, std::pair<Metric, std::string>, std::less<>> metrics;  // id → (metric, owner)
  std::vector<Family> families;
  // Family members made on demand; a deque keeps references stable as it grows.
  mutable std::mutex made_mutex;
  mutable std::deque<Metric> made;
  mutable std::map<std::string, const Metric*, std::less<>> made_index;

  const Family* family_of(std::string_view id) const {
    for (const Family& f : families)
      if (id.size() > f.prefix.size() && id.substr(0, f.prefix.size()) == f.prefix &&
          is_identifier(id.substr(f.prefix.size())))
        return &f;
    return nullptr;
  }
};

MetricRegistry::MetricRegistry() : impl_(std::make_unique<Impl>()) {}
MetricRegistry::~MetricRegistry() = default;
MetricRegistry::MetricRegistry(MetricRegistry&&) noexcept = default;
MetricRegistry& MetricRegistry::operator=(MetricRegistry&&) noexcept = default;

void MetricRegistry::add(Metric metric, std::string owner) {
  if (auto it = impl_->metrics.find(metric.id); it != impl_->metrics.end())
    throw Error("metric '" + metric.id + "' is already registered by " + it->second.second + "; " + owner +
                " cannot register it again");
  if (const Family* f = impl_->family_of(metric.id))
    throw Error("metric '" + metric.id + "' belongs to the " + f->prefix + "* family of " + f->owner);
  std::string id = metric.id;
  impl_->metrics.emplace(std::move(id), std::make_pair(std::move(metric), std::move(owner)));
}

void MetricRegistry::add_family(std::string prefix, std::function<Metric(const std::string&)> make, std::string owner) {
  impl_->families.push_back({std::move(prefix), std::move(make), std::move(owner)});
}

const Metric* MetricRegistry::find(std::string_view id) const {
  if (auto it = impl_->metrics.find(id); it != impl_->metrics.end()) return &it->second.first;
  const Family* f = impl_->family_of(id);
  if (f == nullptr) return nullptr;
  std::lock_guard lock(impl_->made_mutex);
  if (auto it = impl_->made_index.find(id); it != impl_->made_index.end()) return it->second;
  const Metric& made = impl_->made.emplace_back(f->make(std::string(id)));
  impl_->made_index.emplace(std::string(id), &made);
  return &made;
}

const Metric& MetricRegistry::get(std::string_view id) const {
  if (const Metric* m = find(id)) return *m;
  const std::vector<std::string> all = names();
  const std::vector<std::string_view> candidates(all.begin(), all.end());
  throw UnknownMetricError(std::string(id), "unknown metric '" + std::string(id) + "'" + did_you_mean(id, candidates));
}

std::string MetricRegistry::owner(std::string_view id) const {
  if (auto it = impl_->metrics.find(id); it != impl_->metrics.end()) return it->second.second;
  if (const Family* f = impl_->family_of(id)) return f->owner;
  return {};
}

std::vector<std::string> MetricRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& [id, entry] : impl_->metrics) out.push_back(id);
  for (const Family& f : impl_->families) out.push_back(f.prefix + "*");
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<const Metric*> MetricRegistry::metrics() const {
  std::vector<const Metric*> out;
  for (const auto& [id, entry] : impl_->metrics) out.push_back(&entry.first);
  return out;
}

}  // namespace libbranch
