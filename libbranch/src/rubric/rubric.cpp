// Rubric lookups, enum names and the helpers the other rubric sources share.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include <libbranch/error.hpp>

#include "rubric_detail.hpp"
#include "rule_types.hpp"

namespace libbranch {
namespace detail {
namespace {

constexpr MissingPolicy kMissingPolicies[] = {MissingPolicy::zero, MissingPolicy::full, MissingPolicy::exclude};
constexpr VetoOp kVetoOps[] = {VetoOp::gt, VetoOp::ge, VetoOp::lt, VetoOp::le, VetoOp::eq, VetoOp::ne};

}  // namespace

void throw_rubric_error(const std::string& source, std::string path, const std::string& message) {
  throw RubricError(std::move(path), source.empty() ? message : message + " (in " + source + ")");
}

std::string printable(std::string_view s, std::size_t max_bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (out.size() >= max_bytes) {
      out += "…";
      break;
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n') {
      out += "\\n";
      ++i;
      continue;
    }
    if (c == '\r') {
      out += "\\r";
      ++i;
      continue;
    }
    if (c == '\t') {
      out += "\\t";
      ++i;
      continue;
    }
    const std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    bool ok = len != 0 && i + len <= s.size() && c >= 0x20 && c != 0x7f;
    for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (!ok) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
      ++i;
      continue;
    }
    out.append(s, i, len);
    i += len;
  }
  return out;
}

std::string path_key(const std::string& path, std::string_view key) {
  return path.empty() ? printable(key, 200) : path + "." + printable(key, 200);
}

std::string path_index(const std::string& path, std::size_t index) { return path + "[" + std::to_string(index) + "]"; }

std::string format_number(double v) {
  if (v == 0) return "0";
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
  return std::string(buffer, result.ptr);
}

std::string join(const std::vector<std::string>& words, std::string_view separator) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += separator;
    out += w;
  }
  return out;
}

std::optional<RuleType> rule_type_from(std::string_view name) {
  for (const RuleTypeInfo& info : rule_types())
    if (name == info.name) return info.type;
  return std::nullopt;
}

std::optional<MissingPolicy> missing_policy_from(std::string_view name) {
  for (const MissingPolicy p : kMissingPolicies)
    if (name == to_string(p)) return p;
  return std::nullopt;
}

std::optional<GroupBy> group_by_from(std::string_view name) {
  if (name == "parent_id") return GroupBy::parent_id;
  if (name == "org_type") return GroupBy::org_type;
  return std::nullopt;
}

std::optional<VetoOp> veto_op_from(std::string_view name) {
  for (const VetoOp op : kVetoOps)
    if (name == to_string(op)) return op;
  return std::nullopt;
}

std::vector<std::string> rule_type_names() {
  std::vector<std::string> out;
  for (const RuleTypeInfo& info : rule_types()) out.emplace_back(info.name);
  return out;
}

std::vector<std::string> missing_policy_names() {
  std::vector<std::string> out;
  for (const MissingPolicy p : kMissingPolicies) out.emplace_back(to_string(p));
  return out;
}

std::vector<std::string> veto_op_names() {
  std::vector<std::string> out;
  for (const VetoOp op : kVetoOps) out.emplace_back(to_string(op));
  return out;
}

const std::vector<std::string>& reserved_standard_ids() {
  static const std::vector<std::string> ids{"branch_id", "name", "total", "rating", "bonus", "vetoes"};
  return ids;
}

}  // namespace detail

const char* to_string(MissingPolicy p) noexcept {
  switch (p) {
    case MissingPolicy::zero: return "zero";
    case MissingPolicy::full: return "full";
    case MissingPolicy::exclude: return "exclude";
  }
  return "?";
}

const char* to_string(GroupBy g) noexcept {
  switch (g) {
    case GroupBy::none: return "none";
    case GroupBy::parent_id: return "parent_id";
    case GroupBy::org_type: return "org_type";
  }
  return "?";
}

const char* to_string(VetoOp op) noexcept {
  switch (op) {
    case VetoOp::gt: return ">";
    case VetoOp::ge: return ">=";
    case VetoOp::lt: return "<";
    case VetoOp::le: return "<=";
    case VetoOp::eq: return "==";
    case VetoOp::ne: return "!=";
  }
  return "?";
}

double Standard::max_points() const noexcept {
  double sum = 0;
  for (const Indicator& i : indicators) sum += i.points;
  return sum;
}

bool StarCondition::holds(double v) const noexcept { return Veto{metric, params, op, value, ""}.fires(v); }

bool Veto::fires(double v) const noexcept {
  if (std::isnan(v)) return false;
  switch (op) {
    case VetoOp::gt: return v > value;
    case VetoOp::ge: return v >= value;
    case VetoOp::lt: return v < value;
    case VetoOp::le: return v <= value;
    case VetoOp::eq: return v == value;
    case VetoOp::ne: return v != value;
  }
  return false;
}

std::vector<std::string> Rubric::standard_ids() const {
  std::vector<std::string> out;
  out.reserve(standards.size());
  for (const Standard& s : standards) out.push_back(s.id);
  return out;
}

std::size_t Rubric::indicator_count() const noexcept {
  std::size_t n = 0;
  for (const Standard& s : standards) n += s.indicators.size();
  return n;
}

double Rubric::max_points() const noexcept {
  double sum = 0;
  for (const Standard& s : standards) sum += s.max_points();
  return sum;
}

const Standard* Rubric::find_standard(std::string_view id) const noexcept {
  for (const Standard& s : standards)
    if (s.id == id) return &s;
  return nullptr;
}

const Indicator* Rubric::find_indicator(std::string_view id) const noexcept {
  for (const Standard& s : standards)
    for (const Indicator& i : s.indicators)
      if (i.id == id) return &i;
  for (const Indicator& i : bonuses)
    if (i.id == id) return &i;
  return nullptr;
}

MissingPolicy Rubric::missing_policy(const Indicator& indicator) const noexcept {
  return indicator.missing.value_or(missing);
}

std::size_t Rubric::rating_index(double total) const noexcept {
  for (std::size_t i = 0; i < ratings.size(); ++i)
    if (!ratings[i].min || total >= *ratings[i].min - 1e-9) return i;
  return ratings.empty() ? 0 : ratings.size() - 1;
}

std::optional<std::size_t> Rubric::rating_index(std::string_view label) const noexcept {
  for (std::size_t i = 0; i < ratings.size(); ++i)
    if (ratings[i].label == label) return i;
  return std::nullopt;
}

std::vector<MetricUse> Rubric::metric_uses() const {
  std::vector<MetricUse> out;
  auto add = [&out](const std::string& metric, const Params& params) {
    for (const MetricUse& u : out)
      if (u.metric == metric && u.params == params) return;
    out.push_back({metric, params});
  };
  for (const Standard& s : standards)
    for (const Indicator& i : s.indicators) add(i.metric, i.params);
  for (const Indicator& i : bonuses) add(i.metric, i.params);
  for (const Veto& v : vetoes) add(v.metric, v.params);
  if (stars)
    for (const DirectStar& d : stars->direct)
      for (const StarCondition& c : d.when) add(c.metric, c.params);
  return out;
}

bool operator==(const Rubric& a, const Rubric& b) {
  return a.name == b.name && a.missing == b.missing && a.standards == b.standards && a.bonuses == b.bonuses &&
         a.vetoes == b.vetoes && a.ratings == b.ratings && a.weights == b.weights &&
         a.stars == b.stars;
}

}  // namespace libbranch
