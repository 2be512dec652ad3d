// Rubric → JSON text, in the layout of rubrics/default.json; parse(to_json()) gives an equal rubric.
#include <cmath>

#include <nlohmann/json.hpp>

#include "rubric_detail.hpp"
#include "rule_types.hpp"

namespace libbranch {
namespace {

using ojson = nlohmann::ordered_json;

/// Whole numbers are written as integers (`4`, not `4.0`); others in the shortest round-trip form.
ojson number(double v) {
  if (v == std::trunc(v) && std::fabs(v) < 9007199254740992.0) return static_cast<std::int64_t>(v);
  return v;
}

ojson optional_number(const std::optional<double>& v) { return v ? number(*v) : ojson(nullptr); }

ojson params_json(const Params& params) {
  ojson out = ojson::object();
  for (const auto& [name, value] : params.entries()) {
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
      out[name] = *i;
    } else {
      out[name] = std::get<std::string>(value);
    }
  }
  return out;
}

ojson rule_json(const Rule& rule) {
  ojson out = ojson::object();
  out["type"] = to_string(rule.type);
  for (const detail::RuleField& field : detail::rule_type_info(rule.type).fields) {
    ojson& value = out[std::string(field.key)];
    switch (field.kind) {
      case detail::RuleFieldKind::number:
      case detail::RuleFieldKind::positive_number:
      case detail::RuleFieldKind::points: value = number(rule.*field.number); break;
      case detail::RuleFieldKind::points_list:
        value = ojson::array();
        for (const double p : rule.points_by_rank) value.push_back(number(p));
        break;
      case detail::RuleFieldKind::bands:
        value = ojson::array();
        for (const Band& b : rule.bands)
          value.push_back(
              ojson{{"min", optional_number(b.min)}, {"max", optional_number(b.max)}, {"points", number(b.points)}});
        break;
    }
  }
  if (is_relative(rule.type)) out["order"] = rule.ascending ? "asc" : "desc";
  return out;
}

ojson indicator_json(const Indicator& ind) {
  ojson out = ojson::object();
  out["id"] = ind.id;
  out["metric"] = ind.metric;
  if (!ind.params.empty()) out["params"] = params_json(ind.params);
  out["points"] = number(ind.points);
  out["rule"] = rule_json(ind.rule);
  if (ind.missing) out["missing"] = to_string(*ind.missing);
  if (ind.group_by != GroupBy::none) out["group_by"] = to_string(ind.group_by);
  return out;
}

}  // namespace

std::string Rubric::to_json() const {
  ojson doc = ojson::object();
  doc["name"] = name;
  doc["missing"] = to_string(missing);
  ojson standards_json = ojson::array();
  for (const Standard& s : standards) {
    ojson indicators = ojson::array();
    for (const Indicator& ind : s.indicators) indicators.push_back(indicator_json(ind));
    standards_json.push_back(ojson{{"id", s.id}, {"name", s.name}, {"indicators", std::move(indicators)}});
  }
  doc["standards"] = std::move(standards_json);
  if (!bonuses.empty()) {
    ojson list = ojson::array();
    for (const Indicator& ind : bonuses) list.push_back(indicator_json(ind));
    doc["bonuses"] = std::move(list);
  }
  if (!vetoes.empty()) {
    ojson list = ojson::array();
    for (const Veto& v : vetoes) {
      ojson veto = ojson::object();
      veto["metric"] = v.metric;
      if (!v.params.empty()) veto["params"] = params_json(v.params);
      veto["op"] = to_string(v.op);
      veto["value"] = number(v.value);
      veto["rating"] = v.rating;
      list.push_back(std::move(veto));
    }
    doc["vetoes"] = std::move(list);
  }
  ojson ratings_json = ojson::array();
  for (const Rating& r : ratings) ratings_json.push_back(ojson{{"min", optional_number(r.min)}, {"label", r.label}});
  doc["ratings"] = std::move(ratings_json);
  if (weights) {
    ojson rows = ojson::array();
    for (const auto& row : weights->ahp) {
      ojson r = ojson::array();
      for (double v : row) r.push_back(number(v));
      rows.push_back(std::move(r));
    }
    doc["weights"] = ojson{{"ahp", std::move(rows)}, {"method", weights->method}, {"ri", weights->ri},
                           {"allow_inconsistent", weights->allow_inconsistent}};
  }
  if (stars) {
    ojson levels = ojson::array();
    for (const StarLevel& l : stars->levels)
      levels.push_back(ojson{{"label", l.label}, {"quota", number(l.quota)}, {"min_total", optional_number(l.min_total)}});
    ojson st{{"levels", std::move(levels)},
             {"rest", stars->rest},
             {"ties", stars->ties_over_quota ? "over_quota" : "within_quota"}};
    if (stars->group_by != GroupBy::none) st["group_by"] = to_string(stars->group_by);
    if (!stars->direct.empty()) {
      ojson list = ojson::array();
      for (const DirectStar& d : stars->direct) {
        ojson when = ojson::array();
        for (const StarCondition& c : d.when) {
          ojson cond = ojson::object();
          cond["metric"] = c.metric;
          if (!c.params.empty()) cond["params"] = params_json(c.params);
          cond["op"] = to_string(c.op);
          cond["value"] = number(c.value);
          when.push_back(std::move(cond));
        }
        list.push_back(ojson{{"label", d.label}, {"when", std::move(when)}, {"min_total", optional_number(d.min_total)}});
      }
      st["direct"] = std::move(list);
    }
    doc["stars"] = std::move(st);
  }
  // Invalid UTF-8 (only possible in a rubric built in code) is replaced rather than thrown.
  return doc.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

}  // namespace libbranch
