// Reading a compliance rule set from JSON (compliance/default.json is the built-in one). Strict:
// an unknown field is an error, because a misspelt threshold silently falling back to the
// national default is exactly what a province would not notice.
#include <set>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include <libbranch/compliance.hpp>
#include <libbranch/io/input_limits.hpp>
#include <libbranch/model/activity_kind.hpp>

#include "../io/json_document.hpp"

namespace libbranch {
namespace {

using json = nlohmann::json;

/// Reads one rule set, remembering its source so that every error names the file and the path.
class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void fail(const std::string& path, const json& value, const std::string& message) const {
    throw RuleSetError(source_, path, 0, 0, value.is_null() ? std::string() : value.dump(), message);
  }

  const json& field(const json& obj, const std::string& path, const char* name) const {
    if (!obj.contains(name)) fail(path, json(), std::string("missing field '") + name + "'");
    return obj.at(name);
  }
  std::string string_of(const json& v, const std::string& path) const {
    if (!v.is_string()) fail(path, v, "expected a string");
    return v.get<std::string>();
  }
  std::int64_t integer_of(const json& v, const std::string& path, std::int64_t lo) const {
    if (!v.is_number_integer()) fail(path, v, "expected an integer");
    const auto n = v.get<std::int64_t>();
    if (n < lo) fail(path, v, "must be ≥ " + std::to_string(lo));
    return n;
  }
  Date date_of(const json& v, const std::string& path) const {
    if (v.is_null()) return Date::none();
    const std::string text = string_of(v, path);
    const auto d = Date::parse(text);
    if (!d) fail(path, v, "not a date (expected YYYY-MM-DD)");
    return *d;
  }
  OrgType org_type_of(const json& v, const std::string& path) const {
    const std::string text = string_of(v, path);
    const auto code = find_name(kOrgTypeNames, text);
    if (!code) fail(path, v, "unknown org_type");
    return static_cast<OrgType>(*code);
  }

  TermVersion term(const json& t, const std::string& path) const {
    if (!t.is_object()) fail(path, t, "expected an object");
    TermVersion v;
    for (const auto& [key, value] : t.items()) {
      const std::string p = path + "." + key;
      if (key == "elected_from") v.elected_from = date_of(value, p);
      else if (key == "elected_to") v.elected_to = date_of(value, p);
      else if (key == "years") v.years = integer_of(value, p, 1);
      else if (key == "instrument") v.instrument = string_of(value, p);
      else if (key == "article") v.article = string_of(value, p);
      else if (key == "years_by_org_type") {
        if (!value.is_object()) fail(p, value, "expected an object of org_type → years");
        for (const auto& [type, years] : value.items())
          v.years_by_org_type[org_type_of(json(type), p + "." + type)] = integer_of(years, p + "." + type, 1);
      } else {
        fail(p, json(key), "unknown field");
      }
    }
    return v;
  }

  ComplianceRule rule(const json& r, const std::string& path) const {
    if (!r.is_object()) fail(path, r, "expected an object");
    ComplianceRule rule;
    rule.id = string_of(field(r, path, "id"), path + ".id");
    if (rule.id.empty()) fail(path + ".id", r.at("id"), "must not be empty");
    const std::string type_path = path + ".type";
    const std::string type = string_of(field(r, path, "type"), type_path);
    bool known = false;
    for (int t = 0; t <= static_cast<int>(ComplianceRuleType::preceding_stages); ++t)
      if (to_string(static_cast<ComplianceRuleType>(t)) == type) {
        rule.type = static_cast<ComplianceRuleType>(t);
        known = true;
      }
    if (!known) fail(type_path, r.at("type"), "unknown rule type");
    for (const auto& [key, value] : r.items()) {
      const std::string p = path + "." + key;
      if (key == "id" || key == "type") continue;
      if (key == "title_zh") rule.title_zh = string_of(value, p);
      else if (key == "title_en") rule.title_en = string_of(value, p);
      else if (key == "instrument") rule.instrument = string_of(value, p);
      else if (key == "article") rule.article = string_of(value, p);
      else if (key == "severity") {
        const std::string s = string_of(value, p);
        if (s == "violation") rule.severity = ComplianceSeverity::violation;
        else if (s == "warning") rule.severity = ComplianceSeverity::warning;
        else fail(p, value, "severity must be 'violation' or 'warning'");
      } else if (key == "effective_from") rule.effective_from = date_of(value, p);
      else if (key == "effective_to") rule.effective_to = date_of(value, p);
      else if (key == "org_types") {
        if (!value.is_array()) fail(p, value, "expected a list of org types");
        for (std::size_t i = 0; i < value.size(); ++i)
          rule.org_types.push_back(org_type_of(value[i], p + "[" + std::to_string(i) + "]"));
      } else if (key == "min_formal_members") rule.min_formal_members = integer_of(value, p, 0);
      else if (key == "requires_party_groups") {
        if (!value.is_boolean()) fail(p, value, "expected true or false");
        rule.requires_party_groups = value.get<bool>();
      } else if (key == "kind") {
        rule.kind = string_of(value, p);
        if (!find_activity_kind(rule.kind) && !is_identifier(rule.kind)) fail(p, value, "not an activity kind");
      } else if (key == "unit") {
        const std::string u = string_of(value, p);
        if (u == "month") rule.unit = CheckUnit::month;
        else if (u == "quarter") rule.unit = CheckUnit::quarter;
        else if (u == "year") rule.unit = CheckUnit::year;
        else fail(p, value, "unit must be 'month', 'quarter' or 'year'");
      } else if (key == "min_count") rule.min_count = integer_of(value, p, 1);
      else if (key == "months") {
        if (!value.is_array() || value.empty()) fail(p, value, "expected a non-empty list of months 1-12");
        for (std::size_t i = 0; i < value.size(); ++i) {
          const std::string mp = p + "[" + std::to_string(i) + "]";
          const std::int64_t m = integer_of(value[i], mp, 1);
          if (m > 12) fail(mp, value[i], "a month is 1-12");
          rule.months.push_back(static_cast<int>(m));
        }
      } else if (key == "max_days") rule.max_days = integer_of(value, p, 1);
      else if (key == "min") rule.min = integer_of(value, p, 0);
      else if (key == "max") rule.max = integer_of(value, p, 0);
      else if (key == "normal_max") rule.normal_max = integer_of(value, p, 0);
      else if (key == "role") {
        const std::string s = string_of(value, p);
        const auto code = find_name(kRoleNames, s);
        if (!code) fail(p, value, "unknown role");
        rule.role = static_cast<Role>(*code);
      } else if (key == "min_years") rule.min_years = integer_of(value, p, 0);
      else if (key == "years") rule.years = integer_of(value, p, 1);
      else if (key == "grace_days") rule.grace_days = integer_of(value, p, 0);
      else if (key == "min_months") rule.min_months = integer_of(value, p, 0);
      else if (key == "max_months") rule.max_months = integer_of(value, p, 0);
      else if (key == "grace_years") rule.grace_years = integer_of(value, p, 0);
      else if (key == "stages") {
        if (!value.is_array()) fail(p, value, "expected a list of stages");
        rule.stages.clear();
        for (std::size_t i = 0; i < value.size(); ++i) {
          const std::string sp = p + "[" + std::to_string(i) + "]";
          const std::string s = string_of(value[i], sp);
          if (s != "application" && s != "activist" && s != "candidate")
            fail(sp, value[i], "a stage is 'application', 'activist' or 'candidate'");
          rule.stages.push_back(s);
        }
      } else if (key == "terms") {
        if (!value.is_array() || value.empty()) fail(p, value, "expected a non-empty list of terms");
        for (std::size_t i = 0; i < value.size(); ++i)
          rule.terms.push_back(term(value[i], p + "[" + std::to_string(i) + "]"));
      } else {
        fail(p, json(key), "unknown field");
      }
    }
    check_type_fields(rule, r, path);
    return rule;
  }

  // The fields without which a type means nothing.
  void check_type_fields(ComplianceRule& rule, const json& r, const std::string& path) const {
    using T = ComplianceRuleType;
    if (rule.type == T::meeting_frequency || rule.type == T::meeting_timing) {
      field(r, path, "kind");
    }
    if (rule.type == T::meeting_timing && rule.months.empty()) field(r, path, "months");
    if (rule.type == T::members_max || rule.type == T::role_count || rule.type == T::committee_size) field(r, path, "max");
    if (rule.type == T::formal_members_min) field(r, path, "min");
    if (rule.type == T::committee_size || rule.type == T::role_count) {
      if (rule.min > rule.max) fail(path + ".min", r.at("min"), "must not exceed max " + std::to_string(rule.max));
    }
    if (rule.type == T::committee_term && rule.terms.empty()) field(r, path, "terms");
    if (!rule.effective_from.is_none() && !rule.effective_to.is_none() && rule.effective_to < rule.effective_from)
      fail(path + ".effective_to", r.at("effective_to"), "is before effective_from");
  }

  ComplianceRuleSet rule_set(const json& doc) const {
    if (!doc.is_object()) fail("$", doc, "a rule set is a JSON object");
    ComplianceRuleSet set;
    for (const auto& [key, value] : doc.items()) {
      if (key == "name") set.name = string_of(value, "name");
      else if (key != "rules" && key != "description") fail(key, json(key), "unknown field");
    }
    const json& rules = field(doc, "$", "rules");
    if (!rules.is_array()) fail("rules", rules, "expected a list of rules");
    std::set<std::string> ids;
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const std::string path = "rules[" + std::to_string(i) + "]";
      ComplianceRule r = rule(rules[i], path);
      if (!ids.insert(r.id).second) fail(path + ".id", json(r.id), "duplicate rule id");
      set.rules.push_back(std::move(r));
    }
    return set;
  }

 private:
  std::string source_;
};

/// Line and column (1-based) of byte offset `pos` in `text`.
std::pair<std::int64_t, std::int64_t> line_column(std::string_view text, std::size_t pos) {
  std::int64_t line = 1;
  std::int64_t column = 1;
  for (std::size_t i = 0; i < pos && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;  // count characters, not UTF-8 continuation bytes
    }
  }
  return {line, column};
}

}  // namespace

RuleSetError::RuleSetError(std::string file, std::string json_path, std::int64_t line, std::int64_t column,
                           std::string value, const std::string& message)
    : RubricError(json_path, detail::document_error_text(file, line > 0 ? "line " + std::to_string(line) + ", column " +
                                                             std::to_string(column)
                                                       : json_path,
                                        value, message)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      value_(std::move(value)) {}

ComplianceRuleSet ComplianceRuleSet::parse(std::string_view json_text, const std::string& source) {
  json doc;
  try {
    doc = json::parse(json_text.begin(), json_text.end());
  } catch (const json::parse_error& e) {
    // e.byte is 1-based and points just past the offending character.
    const std::size_t at = e.byte > 0 ? e.byte - 1 : 0;
    const auto [line, column] = line_column(json_text, at);
    const std::string near = at < json_text.size() ? std::string(json_text.substr(at, 1)) : std::string();
    throw RuleSetError(source, "", line, column, near, "invalid JSON");
  }
  return Reader(source).rule_set(doc);
}

ComplianceRuleSet ComplianceRuleSet::load(const std::filesystem::path& path) {
  // A rule set is the size of a rubric, so the rubric's bound applies.
  const std::string text = detail::read_document(
      path, "rule set", [&](const std::string& message) { throw RuleSetError(path.string(), "", 0, 0, "", message); });
  return parse(text, path.string());
}

ComplianceRuleSet ComplianceRuleSet::default_rules() {
  return parse(detail::embedded_text(detail::kDefaultComplianceJson, detail::kDefaultComplianceJsonSize),
               "compliance/default.json");
}

const ComplianceRule* ComplianceRuleSet::find(std::string_view id) const {
  for (const ComplianceRule& r : rules)
    if (r.id == id) return &r;
  return nullptr;
}

}  // namespace libbranch
