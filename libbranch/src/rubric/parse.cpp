// JSON → Rubric: syntax, JSON types, required and unknown keys, enum names. Value rules
// (negative points, rating order, duplicate ids, …) are in validate.cpp.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <set>
#include <memory>
#include <sstream>
#include <system_error>

#include <nlohmann/json.hpp>

#include <libbranch/error.hpp>
#include <libbranch/io/input_limits.hpp>
#include <libbranch/suggest.hpp>

#include "../io/regular_file.hpp"

#include "rubric_detail.hpp"
#include "rule_types.hpp"

namespace libbranch {
namespace {

using json = nlohmann::ordered_json;
using detail::path_index;
using detail::path_key;

/// Parses JSON text, rejecting repeated keys in an object (nlohmann would keep the last one
/// silently, so `"points": 4, …, "points": 5` would go unnoticed).
class DuplicateKeyGuard {
 public:
  explicit DuplicateKeyGuard(const std::string& source) : source_(source) {}

  bool operator()(int /*depth*/, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start: frames_.push_back({true, {}, {}, 0}); break;
      case json::parse_event_t::array_start: frames_.push_back({false, {}, {}, 0}); break;
      case json::parse_event_t::key: {
        Frame& f = frames_.back();
        f.key = parsed.get<std::string>();
        if (!f.keys.insert(f.key).second)
          detail::throw_rubric_error(
              source_, path(), "the key '" + detail::printable(f.key) + "' appears twice in this object; give it once");
        break;
      }
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        frames_.pop_back();
        element_done();
        break;
      case json::parse_event_t::value: element_done(); break;
    }
    return true;
  }

 private:
  struct Frame {
    bool is_object;
    std::set<std::string> keys;
    std::string key;
    std::size_t index;
  };

  void element_done() {
    if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().index;
  }

  [[nodiscard]] std::string path() const {
    std::string out;
    for (const Frame& f : frames_) out = f.is_object ? path_key(out, f.key) : path_index(out, f.index);
    return out;
  }

  const std::string& source_;
  std::vector<Frame> frames_;
};

/// Reads one rubric document; every method names the JSON path of what it reads.
class Reader {
 public:
  explicit Reader(const std::string& source) : source_(source) {}

  [[noreturn]] void fail(const std::string& path, const std::string& message) const {
    detail::throw_rubric_error(source_, path, message);
  }

  /// "a string (\"4\")", "null", "an array", "4.5", …: what was found, for messages.
  static std::string describe(const json& v) {
    switch (v.type()) {
      case json::value_t::null: return "null";
      case json::value_t::boolean: return v.get<bool>() ? "true" : "false";
      case json::value_t::string: {
        return "a string (\"" + detail::printable(v.get<std::string>(), 40) + "\")";
      }
      case json::value_t::array: return "an array";
      case json::value_t::object: return "an object";
      case json::value_t::number_integer:
      case json::value_t::number_unsigned:
      case json::value_t::number_float: return "the number " + v.dump();
      default: return "a value of an unsupported type";
    }
  }

  void expect_object(const json& v, const std::string& path, const std::string& what) const {
    if (!v.is_object()) fail(path, "found " + describe(v) + "; " + what + " must be a JSON object {…}");
  }
  void expect_array(const json& v, const std::string& path, const std::string& what) const {
    if (!v.is_array()) fail(path, "found " + describe(v) + "; " + what + " must be a JSON array […]");
  }

  /// Rejects keys of `obj` that are not in `allowed`.
  void check_keys(const json& obj, const std::string& path, const std::vector<std::string>& allowed,
                  const std::string& what) const {
    for (const auto& [key, value] : obj.items()) {
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      fail(path_key(path, key), "unknown key '" + detail::printable(key) + "'" +
                                    did_you_mean(key, allowed, SuggestionStyle::aside) + "; " + what + " takes " +
                                    detail::join(allowed));
    }
  }

  const json& require(const json& obj, const std::string& path, const std::string& key, const std::string& why) const {
    const auto it = obj.find(key);
    if (it == obj.end()) fail(path_key(path, key), "missing; " + why);
    return *it;
  }

  [[nodiscard]] static const json* optional(const json& obj, const std::string& key) {
    const auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
  }

  double number(const json& v, const std::string& path, const std::string& what) const {
    if (!v.is_number()) fail(path, "found " + describe(v) + "; " + what + " must be a number");
    const double d = v.get<double>();
    if (!std::isfinite(d))
      fail(path, "found " + v.dump() + ", which is out of range; " + what + " must be a finite number");
    return d;
  }

  std::optional<double> number_or_null(const json* v, const std::string& path, const std::string& what) const {
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (!v->is_number()) fail(path, "found " + describe(*v) + "; " + what + " must be a number or null");
    return number(*v, path, what);
  }

  std::string string(const json& v, const std::string& path, const std::string& what) const {
    if (!v.is_string()) fail(path, "found " + describe(v) + "; " + what + " must be a string");
    return v.get<std::string>();
  }

  /// Integers and strings. A number with a fraction part of zero (5.0, 1e3) is taken as that
  /// integer; other fractions, booleans, null, arrays and objects are rejected.
  ParamValue param_value(const json& v, const std::string& path) const {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer() && !v.is_number_unsigned()) return v.get<std::int64_t>();
    if (v.is_number_unsigned()) {
      const auto u = v.get<std::uint64_t>();
      if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return static_cast<std::int64_t>(u);
      fail(path, "found " + v.dump() + ", which is too large; a parameter value is an integer (64-bit) or a string");
    }
    if (v.is_number_float()) {
      const double d = v.get<double>();
      // 2^63 is exactly representable; anything at or above it does not fit in int64.
      if (std::isfinite(d) && d == std::trunc(d) && d >= -9223372036854775808.0 && d < 9223372036854775808.0)
        return static_cast<std::int64_t>(d);
      fail(path, "found " + describe(v) + "; a parameter value is an integer or a string");
    }
    fail(path, "found " + describe(v) + "; a parameter value is an integer or a string");
  }

  Params params(const json& v, const std::string& path) const {
    expect_object(v, path, "params");
    Params out;
    for (const auto& [key, value] : v.items()) {
      if (key.empty()) fail(path_key(path, key), "found an empty parameter name; give the parameter's name");
      out.set(key, param_value(value, path_key(path, key)));
    }
    return out;
  }

  Rule rule(const json& v, const std::string& path) const {
    expect_object(v, path, "a rule");
    const std::string type_path = path_key(path, "type");
    const json& type_json = require(v, path, "type", "a rule needs a type: " + detail::join(detail::rule_type_names()));
    const std::string type_name = string(type_json, type_path, "the rule type");
    const std::optional<RuleType> type = detail::rule_type_from(type_name);
    if (!type)
      fail(type_path, "unknown rule type '" + detail::printable(type_name) + "'" +
                          did_you_mean(type_name, detail::rule_type_names(), SuggestionStyle::aside) +
                          "; the types are " + detail::join(detail::rule_type_names()));
    Rule r;
    r.type = *type;
    const detail::RuleTypeInfo& info = detail::rule_type_info(r.type);
    const std::string what = "a " + type_name + " rule";
    std::vector<std::string> required;
    std::vector<std::string> optional_keys;
    for (const detail::RuleField& field : info.fields)
      (field.required ? required : optional_keys).emplace_back(field.key);
    if (info.relative()) optional_keys.emplace_back("order");
    std::vector<std::string> allowed{"type"};
    allowed.insert(allowed.end(), required.begin(), required.end());
    allowed.insert(allowed.end(), optional_keys.begin(), optional_keys.end());
    check_keys(v, path, allowed, what);
    const std::string needs =
        required.empty() ? what + " needs no other field" : what + " needs " + detail::join(required, " and ");
    for (const std::string& key : required) require(v, path, key, needs);

    for (const detail::RuleField& field : info.fields)
      if (const json* value = optional(v, std::string(field.key))) rule_field(field, *value, path, r);
    if (const json* o = optional(v, "order")) {
      const std::string order_path = path_key(path, "order");
      const std::string order = string(*o, order_path, "order");
      if (order == "asc") {
        r.ascending = true;
      } else if (order != "desc") {
        fail(order_path, "unknown order '" + detail::printable(order) +
                             "'; order is \"desc\" (highest value best, the default) or \"asc\"");
      }
    }
    return r;
  }

  /// Reads one field of a rule (rule_types.hpp) into `r`.
  void rule_field(const detail::RuleField& field, const json& value, const std::string& rule_path, Rule& r) const {
    const std::string key(field.key);
    const std::string path = path_key(rule_path, key);
    switch (field.kind) {
      case detail::RuleFieldKind::number:
      case detail::RuleFieldKind::positive_number:
      case detail::RuleFieldKind::points: r.*field.number = number(value, path, std::string(field.noun())); break;
      case detail::RuleFieldKind::points_list:
        expect_array(value, path, key);
        for (std::size_t i = 0; i < value.size(); ++i)
          r.points_by_rank.push_back(number(value[i], path_index(path, i), std::string(field.noun())));
        break;
      case detail::RuleFieldKind::bands:
        expect_array(value, path, key);
        for (std::size_t i = 0; i < value.size(); ++i) r.bands.push_back(band(value[i], path_index(path, i)));
        break;
    }
  }

  Band band(const json& v, const std::string& path) const {
    expect_object(v, path, "a band");
    check_keys(v, path, {"min", "max", "points"}, "a band");
    Band b;
    b.min = number_or_null(optional(v, "min"), path_key(path, "min"), "a band's min");
    b.max = number_or_null(optional(v, "max"), path_key(path, "max"), "a band's max");
    b.points = number(require(v, path, "points", "a band needs points (min and max may be null or absent)"),
                      path_key(path, "points"), "a band's points");
    return b;
  }

  Indicator indicator(const json& v, const std::string& path) const {
    expect_object(v, path, "an indicator");
    check_keys(v, path, {"id", "metric", "params", "points", "rule", "missing", "group_by"}, "an indicator");
    const std::string needs = "an indicator needs id, metric, points and rule";
    Indicator ind;
    ind.id = string(require(v, path, "id", needs), path_key(path, "id"), "an indicator id");
    ind.metric = string(require(v, path, "metric", needs), path_key(path, "metric"), "a metric id");
    ind.points = number(require(v, path, "points", needs), path_key(path, "points"), "points");
    ind.rule = rule(require(v, path, "rule", needs), path_key(path, "rule"));
    if (const json* p = optional(v, "params")) ind.params = params(*p, path_key(path, "params"));
    if (const json* m = optional(v, "missing"); m != nullptr && !m->is_null())
      ind.missing = missing_policy(*m, path_key(path, "missing"), " (or null for the rubric's)");
    if (const json* g = optional(v, "group_by"); g != nullptr && !g->is_null())
      ind.group_by = group_by(*g, path_key(path, "group_by"));
    return ind;
  }

  MissingPolicy missing_policy(const json& v, const std::string& path, const std::string& or_null) const {
    const std::vector<std::string> names = detail::missing_policy_names();
    if (!v.is_string()) fail(path, "found " + describe(v) + "; missing is one of " + detail::join(names) + or_null);
    const std::string name = v.get<std::string>();
    const std::optional<MissingPolicy> p = detail::missing_policy_from(name);
    if (!p)
      fail(path, "unknown missing policy '" + detail::printable(name) + "'" +
                     did_you_mean(name, names, SuggestionStyle::aside) +
                     "; missing is one of " + detail::join(names) + or_null);
    return *p;
  }

  Standard standard(const json& v, const std::string& path) const {
    expect_object(v, path, "a standard");
    check_keys(v, path, {"id", "name", "indicators"}, "a standard");
    Standard s;
    const std::string needs = "a standard needs id and indicators (name defaults to the id)";
    s.id = string(require(v, path, "id", needs), path_key(path, "id"), "a standard id");
    s.name = s.id;
    if (const json* n = optional(v, "name")) s.name = string(*n, path_key(path, "name"), "a standard's name");
    const std::string list_path = path_key(path, "indicators");
    const json& list = require(v, path, "indicators", needs);
    expect_array(list, list_path, "indicators");
    for (std::size_t i = 0; i < list.size(); ++i) s.indicators.push_back(indicator(list[i], path_index(list_path, i)));
    return s;
  }

  Veto veto(const json& v, const std::string& path) const {
    expect_object(v, path, "a veto");
    check_keys(v, path, {"metric", "params", "op", "value", "rating"}, "a veto");
    const std::string needs = "a veto needs metric, op, value and rating";
    Veto out;
    out.metric = string(require(v, path, "metric", needs), path_key(path, "metric"), "a metric id");
    if (const json* p = optional(v, "params")) out.params = params(*p, path_key(path, "params"));
    out.op = op(require(v, path, "op", needs), path_key(path, "op"));
    out.value = number(require(v, path, "value", needs), path_key(path, "value"), "a veto's value");
    out.rating = string(require(v, path, "rating", needs), path_key(path, "rating"), "a veto's rating");
    return out;
  }

  Rating rating(const json& v, const std::string& path) const {
    expect_object(v, path, "a rating");
    check_keys(v, path, {"min", "label"}, "a rating");
    Rating r;
    r.min = number_or_null(optional(v, "min"), path_key(path, "min"), "a rating's min");
    r.label = string(require(v, path, "label", "a rating needs a label (and min, null for the last)"),
                     path_key(path, "label"), "a rating's label");
    return r;
  }

  Rubric rubric(const json& doc) const {
    expect_object(doc, "", "a rubric");
    check_keys(doc, "", {"name", "missing", "standards", "bonuses", "vetoes", "ratings", "weights", "stars"},
               "a rubric");
    Rubric r;
    r.source = source_;
    const std::string needs = "a rubric needs standards and ratings";
    if (const json* n = optional(doc, "name")) {
      r.name = string(*n, "name", "the rubric's name");
    } else {
      r.name = std::filesystem::path(source_).stem().string();
    }
    if (const json* m = optional(doc, "missing")) r.missing = missing_policy(*m, "missing", "");
    const json& standards = require(doc, "", "standards", needs);
    expect_array(standards, "standards", "standards");
    for (std::size_t i = 0; i < standards.size(); ++i)
      r.standards.push_back(standard(standards[i], path_index("standards", i)));
    if (const json* b = optional(doc, "bonuses")) {
      expect_array(*b, "bonuses", "bonuses");
      for (std::size_t i = 0; i < b->size(); ++i) r.bonuses.push_back(indicator((*b)[i], path_index("bonuses", i)));
    }
    if (const json* v = optional(doc, "vetoes")) {
      expect_array(*v, "vetoes", "vetoes");
      for (std::size_t i = 0; i < v->size(); ++i) r.vetoes.push_back(veto((*v)[i], path_index("vetoes", i)));
    }
    const json& ratings = require(doc, "", "ratings", needs);
    expect_array(ratings, "ratings", "ratings");
    for (std::size_t i = 0; i < ratings.size(); ++i) r.ratings.push_back(rating(ratings[i], path_index("ratings", i)));
    if (const json* w = optional(doc, "weights")) r.weights = standard_weights(*w, "weights");
    if (const json* s = optional(doc, "stars")) r.stars = star_rubric(*s, "stars");
    return r;
  }

  StarRubric star_rubric(const json& v, const std::string& path) const {
    expect_object(v, path, "stars");
    check_keys(v, path, {"levels", "rest", "ties", "group_by", "direct"}, "stars");
    StarRubric out;
    const std::string levels_path = path_key(path, "levels");
    const json& levels = require(v, path, "levels", "stars need levels, best first");
    expect_array(levels, levels_path, "the star levels");
    for (std::size_t i = 0; i < levels.size(); ++i) {
      const std::string p = path_index(levels_path, i);
      expect_object(levels[i], p, "a star level");
      check_keys(levels[i], p, {"label", "quota", "min_total"}, "a star level");
      const std::string needs = "a star level needs label and quota (min_total is optional)";
      StarLevel level;
      level.label = string(require(levels[i], p, "label", needs), path_key(p, "label"), "a star label");
      level.quota = number(require(levels[i], p, "quota", needs), path_key(p, "quota"), "a quota");
      level.min_total = number_or_null(optional(levels[i], "min_total"), path_key(p, "min_total"), "min_total");
      out.levels.push_back(std::move(level));
    }
    if (const json* r = optional(v, "rest")) out.rest = string(*r, path_key(path, "rest"), "the rest label");
    if (const json* t = optional(v, "ties")) {
      const std::string ties_path = path_key(path, "ties");
      const std::string ties = string(*t, ties_path, "ties");
      if (ties == "over_quota") {
        out.ties_over_quota = true;
      } else if (ties != "within_quota") {
        fail(ties_path, "unknown ties '" + detail::printable(ties) +
                            "'; ties is \"within_quota\" (the default) or \"over_quota\"");
      }
    }
    if (const json* g = optional(v, "group_by"); g != nullptr && !g->is_null())
      out.group_by = group_by(*g, path_key(path, "group_by"));
    if (const json* d = optional(v, "direct")) {
      const std::string direct_path = path_key(path, "direct");
      expect_array(*d, direct_path, "direct ratings");
      for (std::size_t i = 0; i < d->size(); ++i) out.direct.push_back(direct_star((*d)[i], path_index(direct_path, i)));
    }
    return out;
  }

  DirectStar direct_star(const json& v, const std::string& path) const {
    expect_object(v, path, "a direct rating");
    check_keys(v, path, {"label", "when", "min_total"}, "a direct rating");
    DirectStar out;
    out.label = string(require(v, path, "label", "a direct rating needs a label and when and/or min_total"),
                       path_key(path, "label"), "a star label");
    out.min_total = number_or_null(optional(v, "min_total"), path_key(path, "min_total"), "min_total");
    if (const json* w = optional(v, "when")) {
      const std::string when_path = path_key(path, "when");
      expect_array(*w, when_path, "when");
      for (std::size_t i = 0; i < w->size(); ++i) {
        const std::string p = path_index(when_path, i);
        const json& c = (*w)[i];
        expect_object(c, p, "a condition");
        check_keys(c, p, {"metric", "params", "op", "value"}, "a condition");
        const std::string needs = "a condition needs metric, op and value";
        StarCondition cond;
        cond.metric = string(require(c, p, "metric", needs), path_key(p, "metric"), "a metric id");
        if (const json* q = optional(c, "params")) cond.params = params(*q, path_key(p, "params"));
        cond.op = op(require(c, p, "op", needs), path_key(p, "op"));
        cond.value = number(require(c, p, "value", needs), path_key(p, "value"), "a condition's value");
        out.when.push_back(std::move(cond));
      }
    }
    return out;
  }

  GroupBy group_by(const json& g, const std::string& group_path) const {
    const std::string name = string(g, group_path, "group_by");
    const std::optional<GroupBy> group = detail::group_by_from(name);
    if (!group)
      fail(group_path, "unknown group_by '" + detail::printable(name) +
                           "'; group_by is \"parent_id\", \"org_type\" or null (the whole dataset)");
    return *group;
  }

  VetoOp op(const json& v, const std::string& op_path) const {
    const std::string name = string(v, op_path, "op");
    const std::optional<VetoOp> parsed = detail::veto_op_from(name);
    if (!parsed)
      fail(op_path, "unknown op '" + detail::printable(name) + "'; op is one of " + detail::join(detail::veto_op_names(), " "));
    return *parsed;
  }

  StandardWeights standard_weights(const json& v, const std::string& path) const {
    expect_object(v, path, "weights");
    check_keys(v, path, {"ahp", "method", "ri", "allow_inconsistent"}, "weights");
    StandardWeights out;
    const std::string ahp_path = path_key(path, "ahp");
    const json& rows = require(v, path, "ahp", "weights need an AHP pairwise matrix of the standards");
    expect_array(rows, ahp_path, "the AHP matrix");
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const std::string row_path = path_index(ahp_path, i);
      expect_array(rows[i], row_path, "a row of the AHP matrix");
      std::vector<double> row;
      for (std::size_t j = 0; j < rows[i].size(); ++j)
        row.push_back(number(rows[i][j], path_index(row_path, j), "a pairwise judgement"));
      out.ahp.push_back(std::move(row));
    }
    if (const json* m = optional(v, "method")) out.method = string(*m, path_key(path, "method"), "the AHP method");
    if (const json* r = optional(v, "ri")) out.ri = string(*r, path_key(path, "ri"), "the random-index table");
    if (const json* a = optional(v, "allow_inconsistent")) {
      if (!a->is_boolean())
        fail(path_key(path, "allow_inconsistent"), "found " + describe(*a) + "; allow_inconsistent must be true or false");
      out.allow_inconsistent = a->get<bool>();
    }
    return out;
  }

 private:
  const std::string& source_;
};

/// Refuses nesting deeper than kMaxRubricDepth before nlohmann sees the text: its DOM is built
/// and read recursively, so 100,000 nested arrays would overflow the stack. Names the line.
void check_depth(std::string_view text, const std::string& source) {
  std::size_t depth = 0;
  std::int64_t line = 1;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') ++line;
    if (in_string) {
      if (c == '\\') ++i;  // an escape; a line end cannot be escaped, so `line` stays right
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxRubricDepth)
        detail::throw_rubric_error(source, "", "line " + std::to_string(line) + ": arrays and objects nested more than " +
                                                   std::to_string(kMaxRubricDepth) + " deep; a rubric nests 4 deep");
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
}

std::string size_text(std::uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

/// nlohmann's message without its "[json.exception.parse_error.101] " prefix.
std::string syntax_message(const json::exception& e) {
  std::string m = e.what();
  if (const auto close = m.find("] "); m.rfind("[json.exception.", 0) == 0 && close != std::string::npos)
    m = m.substr(close + 2);
  return detail::printable(m, 300);
}

}  // namespace

Rubric Rubric::parse(std::string_view json_text, const std::string& source_name) {
  if (json_text.size() > kMaxRubricBytes)
    detail::throw_rubric_error(source_name, "", "the text is " + size_text(json_text.size()) + "; a rubric is at most " +
                                                    size_text(kMaxRubricBytes));
  check_depth(json_text, source_name);
  json doc;
  try {
    doc = json::parse(json_text.begin(), json_text.end(), DuplicateKeyGuard(source_name));
  } catch (const json::exception& e) {
    detail::throw_rubric_error(source_name, "", "not valid JSON: " + syntax_message(e));
  }
  Rubric r = Reader(source_name).rubric(doc);
  r.validate();
  return r;
}

Rubric Rubric::load(const std::filesystem::path& path) {
  detail::RegularFile opened = detail::open_regular_file(path);
  if (opened.file == nullptr) {
    std::error_code ec;
    const std::string hint = std::filesystem::is_directory(path, ec) ? "; give a rubric file (.json)" : "";
    throw RubricError("", "cannot open the rubric file '" + path.string() + "': " + opened.error + hint);
  }
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(opened.file, &std::fclose);
  // Checked before reading, so a huge file costs nothing; a file that grew meanwhile is read one
  // byte past its size, which parse then refuses if that is past the limit.
  if (opened.size > kMaxRubricBytes)
    throw RubricError("", "the rubric file '" + path.string() + "' is " + size_text(opened.size) +
                              "; a rubric is at most " + size_text(kMaxRubricBytes));
  std::string text(std::min<std::uint64_t>(opened.size, kMaxRubricBytes) + 1, '\0');
  const std::size_t got = std::fread(text.data(), 1, text.size(), file.get());
  if (std::ferror(file.get()) != 0) throw RubricError("", "cannot read the rubric file '" + path.string() + "'");
  text.resize(got);
  return parse(text, path.string());
}

}  // namespace libbranch
