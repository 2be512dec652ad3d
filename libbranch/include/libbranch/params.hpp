#pragma once
// Metric parameters: what a metric declares it takes, and the values a rubric passes.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <libbranch/export.hpp>

namespace libbranch {

/// A parameter value as written in a rubric: an integer or a string.
using ParamValue = std::variant<std::int64_t, std::string>;

/// Renders a value the way a rubric writes it (`30`, `"sum"`).
[[nodiscard]] LIBBRANCH_API std::string to_string(const ParamValue& v);

/// One declared parameter of a metric and its domain.
struct LIBBRANCH_API ParamSpec {
  enum class Type : std::uint8_t {
    integer,  ///< an integer ≥ `min_value`
    choice,   ///< one of `choices`
    text,     ///< any string (e.g. a file name)
  };
  std::string name;
  Type type = Type::integer;
  std::int64_t min_value = 0;
  std::vector<std::string> choices{};  ///< `{}`: designated initialisers of other types may omit it
  /// nullopt: no single default (the metric decides per branch, e.g. `term_years`).
  std::optional<ParamValue> default_value;
  std::string description;

  /// Empty when `v` is in the domain, else why not (e.g. "must be an integer ≥ 1").
  [[nodiscard]] std::string check(const ParamValue& v) const;
};

/// The parameters given to one use of a metric (by an indicator or a veto), in rubric order.
class LIBBRANCH_API Params {
 public:
  Params() = default;
  void set(std::string name, ParamValue value);
  [[nodiscard]] const ParamValue* find(std::string_view name) const;
  /// The integer `name`, or `fallback` when not given.
  [[nodiscard]] std::optional<std::int64_t> integer(std::string_view name) const;
  [[nodiscard]] std::optional<std::string> text(std::string_view name) const;
  [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }
  [[nodiscard]] const std::vector<std::pair<std::string, ParamValue>>& entries() const noexcept { return entries_; }
  /// Canonical text (sorted by name), used to tell metric uses apart: `agg=sum`.
  [[nodiscard]] std::string key() const;

  friend bool operator==(const Params& a, const Params& b) { return a.key() == b.key(); }

 private:
  std::vector<std::pair<std::string, ParamValue>> entries_;
};

}  // namespace libbranch
