#include <libbranch/params.hpp>

#include <algorithm>

namespace libbranch {

std::string to_string(const ParamValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  return "\"" + std::get<std::string>(v) + "\"";
}

std::string ParamSpec::check(const ParamValue& v) const {
  if (type == Type::integer) {
    const auto* i = std::get_if<std::int64_t>(&v);
    if (i == nullptr || *i < min_value) return "must be an integer >= " + std::to_string(min_value);
    return {};
  }
  const auto* s = std::get_if<std::string>(&v);
  if (type == Type::text) return s != nullptr ? std::string() : "must be a string";
  if (s != nullptr && std::find(choices.begin(), choices.end(), *s) != choices.end()) return {};
  std::string list;
  for (const std::string& c : choices) list += (list.empty() ? "" : ", ") + c;
  return "must be one of " + list;
}

void Params::set(std::string name, ParamValue value) {
  for (auto& [n, v] : entries_)
    if (n == name) {
      v = std::move(value);
      return;
    }
  entries_.emplace_back(std::move(name), std::move(value));
}

const ParamValue* Params::find(std::string_view name) const {
  for (const auto& [n, v] : entries_)
    if (n == name) return &v;
  return nullptr;
}

std::optional<std::int64_t> Params::integer(std::string_view name) const {
  const ParamValue* v = find(name);
  if (v == nullptr) return std::nullopt;
  if (const auto* i = std::get_if<std::int64_t>(v)) return *i;
  return std::nullopt;
}

std::optional<std::string> Params::text(std::string_view name) const {
  const ParamValue* v = find(name);
  if (v == nullptr) return std::nullopt;
  if (const auto* s = std::get_if<std::string>(v)) return *s;
  return std::nullopt;
}

std::string Params::key() const {
  auto sorted = entries_;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out;
  for (const auto& [n, v] : sorted) out += (out.empty() ? "" : ",") + n + "=" + to_string(v);
  return out;
}

}  // namespace libbranch
