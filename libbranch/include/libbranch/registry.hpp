#pragma once
// The metric registry: every metric the engine can compute, by id.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <libbranch/export.hpp>
#include <libbranch/metric.hpp>

namespace libbranch {

/// Holds metrics by id and who registered them. Families (`obs.*`) make a metric on first use
/// for any id with their prefix. Lookups are thread-safe; adding is not meant to race with scoring.
class LIBBRANCH_API MetricRegistry {
 public:
  MetricRegistry();
  ~MetricRegistry();
  MetricRegistry(MetricRegistry&&) noexcept;
  MetricRegistry& operator=(MetricRegistry&&) noexcept;

  /// Adds `metric`, registered by `owner` (a plugin name or "core"). Throws libbranch::Error when
  /// the id is taken, naming who registered it first.
  void add(Metric metric, std::string owner);
  /// Every id `prefix + x` with x matching [a-z0-9_]+ is made by `make(id)` on first lookup.
  void add_family(std::string prefix, std::function<Metric(const std::string& id)> make, std::string owner);

  /// The metric `id`; throws UnknownMetricError that suggests the closest ids.
  [[nodiscard]] const Metric& get(std::string_view id) const;
  /// The metric `id`, or nullptr.
  [[nodiscard]] const Metric* find(std::string_view id) const;
  /// Who registered `id` (empty if nobody).
  [[nodiscard]] std::string owner(std::string_view id) const;
  /// Registered ids, sorted (families appear as `prefix*`).
  [[nodiscard]] std::vector<std::string> names() const;
  /// Every registered metric (not family members made on demand), sorted by id.
  [[nodiscard]] std::vector<const Metric*> metrics() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Registers the core metrics (`obs.*`, docs/reference/metrics.md §7 observation metrics).
LIBBRANCH_API void register_core_metrics(MetricRegistry& registry);

}  // namespace libbranch
