// Value rules of a rubric (docs/reference/rubrics.md) and the check of its metrics against a
// registry.
#include <algorithm>
#include <cmath>
#include <map>

#include <libbranch/error.hpp>
#include <libbranch/registry.hpp>
#include <libbranch/suggest.hpp>

#include "rubric_detail.hpp"
#include "rule_types.hpp"

namespace libbranch {
namespace {

using detail::format_number;
using detail::path_index;
using detail::path_key;

bool is_standard_id(std::string_view id) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

class Validator {
 public:
  explicit Validator(const Rubric& r) : r_(r) {}

  void run() {
    if (r_.standards.empty()) fail("standards", "found an empty list; a rubric needs at least one standard");
    std::map<std::string, std::string, std::less<>> standard_paths;
    for (std::size_t s = 0; s < r_.standards.size(); ++s) {
      const Standard& standard = r_.standards[s];
      const std::string path = path_index("standards", s);
      const std::string id_path = path_key(path, "id");
      if (!is_standard_id(standard.id))
        fail(id_path, "found '" + detail::printable(standard.id) +
                          "'; a standard id is made of a-z, 0-9 and _ only (e.g. rule_of_law)");
      const auto& reserved = detail::reserved_standard_ids();
      if (std::find(reserved.begin(), reserved.end(), standard.id) != reserved.end())
        fail(id_path, "found '" + standard.id + "', which is a column of the summary; a standard id may not be " +
                          detail::join(reserved));
      if (const auto [it, inserted] = standard_paths.emplace(standard.id, path); !inserted)
        fail(id_path, "found '" + detail::printable(standard.id) +
                          "' again; standard ids must be distinct (first used at " + it->second + ")");
      if (standard.indicators.empty())
        fail(path_key(path, "indicators"), "found an empty list; a standard needs at least one indicator");
      for (std::size_t i = 0; i < standard.indicators.size(); ++i)
        indicator(standard.indicators[i], path_index(path_key(path, "indicators"), i));
    }
    for (std::size_t i = 0; i < r_.bonuses.size(); ++i) indicator(r_.bonuses[i], path_index("bonuses", i));
    ratings();
    for (std::size_t v = 0; v < r_.vetoes.size(); ++v) veto(r_.vetoes[v], path_index("vetoes", v));
    standard_weights();
    if (r_.stars) stars(*r_.stars);
  }

 private:
  [[noreturn]] void fail(const std::string& path, const std::string& message) const {
    detail::throw_rubric_error(r_.source, path, message);
  }

  // AHP standard weights: a valid matrix of the standards' order, CR ≤ 0.1 unless allowed, and
  // every standard with points to scale (a standard of maximum 0 cannot be given a weight).
  void standard_weights() const {
    if (!r_.weights) return;
    (void)r_.standard_weights();  // throws RubricError at weights.ahp…
    for (std::size_t s = 0; s < r_.standards.size(); ++s)
      if (!(r_.standards[s].max_points() > 0))
        fail(path_index("standards", s), "has no points; with AHP weights every standard needs a maximum above 0");
  }

  void finite(double v, const std::string& path, const std::string& what) const {
    if (!std::isfinite(v)) fail(path, "found " + format_number(v) + "; " + what + " must be a finite number");
  }

  /// Points of a band, a rank or `otherwise`: 0 ≤ p ≤ P.
  void sub_points(double p, double P, const std::string& path, const std::string& what) const {
    finite(p, path, what);
    if (p < 0) fail(path, "found " + format_number(p) + "; " + what + " must be >= 0");
    if (p > P)
      fail(path, "found " + format_number(p) + ", more than the indicator's points (" + format_number(P) + "); " +
                     what + " must be between 0 and the indicator's points");
  }

  void indicator(const Indicator& ind, const std::string& path) {
    if (ind.id.empty()) fail(path_key(path, "id"), "found an empty id; give the indicator an id");
    if (const auto [it, inserted] = indicator_paths_.emplace(ind.id, path); !inserted)
      fail(path_key(path, "id"), "found '" + detail::printable(ind.id) +
                                     "' again; indicator ids must be distinct across the rubric, bonuses "
                                     "included (first used at " +
                                     it->second + ")");
    if (ind.metric.empty())
      fail(path_key(path, "metric"), "found an empty metric id; give a metric id such as rule_of_law.legal_education");
    const std::string points_path = path_key(path, "points");
    finite(ind.points, points_path, "points");
    if (ind.points < 0) fail(points_path, "found " + format_number(ind.points) + "; points must be >= 0");
    const double P = ind.points;
    const Rule& rule = ind.rule;
    const std::string rule_path = path_key(path, "rule");
    for (const detail::RuleField& field : detail::rule_type_info(rule.type).fields)
      rule_field(field, rule, P, path_key(rule_path, std::string(field.key)));
  }

  /// The value rules of one field of a rule (rule_types.hpp).
  void rule_field(const detail::RuleField& field, const Rule& rule, double P, const std::string& path) const {
    const std::string noun(field.noun());
    switch (field.kind) {
      case detail::RuleFieldKind::number: finite(rule.*field.number, path, noun); break;
      case detail::RuleFieldKind::positive_number: {
        const double v = rule.*field.number;
        finite(v, path, noun);
        if (!(v > 0))
          fail(path, "found " + format_number(v) + "; a " + to_string(rule.type) + " rule's " + noun + " must be > 0");
        break;
      }
      case detail::RuleFieldKind::points: sub_points(rule.*field.number, P, path, noun); break;
      case detail::RuleFieldKind::points_list:
        for (std::size_t k = 0; k < rule.points_by_rank.size(); ++k)
          sub_points(rule.points_by_rank[k], P, path_index(path, k), noun);
        break;
      case detail::RuleFieldKind::bands:
        if (rule.bands.empty()) fail(path, "found an empty list; a bands rule needs at least one band");
        for (std::size_t b = 0; b < rule.bands.size(); ++b) band(rule.bands[b], P, path_index(path, b));
        break;
    }
  }

  void band(const Band& band, double P, const std::string& band_path) const {
    if (band.min) finite(*band.min, path_key(band_path, "min"), "a band's min (null for unbounded)");
    if (band.max) finite(*band.max, path_key(band_path, "max"), "a band's max (null for unbounded)");
    sub_points(band.points, P, path_key(band_path, "points"), "a band's points");
    if (band.min && band.max && !(*band.min < *band.max))
      fail(path_key(band_path, "max"), "found max " + format_number(*band.max) + " with min " +
                                           format_number(*band.min) +
                                           ", so no value falls in the band; max must be > min");
  }

  void ratings() const {
    if (r_.ratings.empty())
      fail("ratings", "found an empty list; ratings need at least one entry, the last with \"min\": null");
    std::map<std::string, std::size_t, std::less<>> labels;
    for (std::size_t i = 0; i < r_.ratings.size(); ++i) {
      const Rating& rating = r_.ratings[i];
      const std::string path = path_index("ratings", i);
      const bool last = i + 1 == r_.ratings.size();
      if (rating.label.empty())
        fail(path_key(path, "label"), "found an empty label; give the rating a label such as 合格");
      if (const auto [it, inserted] = labels.emplace(rating.label, i); !inserted)
        fail(path_key(path, "label"), "found '" + detail::printable(rating.label) +
                                          "' again; rating labels must be distinct (first at " +
                                          path_index("ratings", it->second) + ")");
      const std::string min_path = path_key(path, "min");
      if (!rating.min) {
        if (!last) fail(min_path, "found null before the last rating; only the last rating may have \"min\": null");
        continue;
      }
      finite(*rating.min, min_path, "a rating's min");
      if (i > 0 && r_.ratings[i - 1].min && !(*rating.min < *r_.ratings[i - 1].min))
        fail(min_path, "found " + format_number(*rating.min) + " after " + format_number(*r_.ratings[i - 1].min) +
                           "; rating min values must be strictly descending");
      if (last)
        fail(min_path,
             "found " + format_number(*rating.min) +
                 " in the last rating; the last rating must have \"min\": null so that every total gets a rating");
    }
  }

  void veto(const Veto& v, const std::string& path) const {
    if (v.metric.empty()) fail(path_key(path, "metric"), "found an empty metric id; give a metric id");
    finite(v.value, path_key(path, "value"), "a veto's value");
    if (!r_.rating_index(v.rating)) {
      std::vector<std::string> labels;
      for (const Rating& rating : r_.ratings) labels.push_back(rating.label);
      fail(path_key(path, "rating"), "found '" + detail::printable(v.rating) +
                                         "', which is not a rating label; a veto's rating is one of " +
                                         detail::join(labels));
    }
  }

  void stars(const StarRubric& st) const {
    const std::string levels_path = path_key("stars", "levels");
    if (st.levels.empty()) fail(levels_path, "found an empty list; stars need at least one level, best first");
    std::vector<std::string> labels;
    double quotas = 0;
    for (std::size_t i = 0; i < st.levels.size(); ++i) {
      const StarLevel& level = st.levels[i];
      const std::string p = path_index(levels_path, i);
      star_label(level.label, path_key(p, "label"), labels);
      finite(level.quota, path_key(p, "quota"), "a quota");
      if (level.quota < 0 || level.quota > 1)
        fail(path_key(p, "quota"), "found " + format_number(level.quota) + "; a quota is a share in [0, 1] (0.1 = 10%)");
      quotas += level.quota;
      if (quotas > 1 + 1e-12)
        fail(path_key(p, "quota"), "found " + format_number(level.quota) + ", which brings the quotas to " +
                                       format_number(quotas) + "; the quotas of all levels sum to at most 1");
      if (level.min_total) finite(*level.min_total, path_key(p, "min_total"), "min_total");
    }
    star_label(st.rest, path_key("stars", "rest"), labels);
    for (std::size_t d = 0; d < st.direct.size(); ++d) {
      const DirectStar& direct = st.direct[d];
      const std::string p = path_index(path_key("stars", "direct"), d);
      if (std::find(labels.begin(), labels.end(), direct.label) == labels.end())
        fail(path_key(p, "label"), "found '" + detail::printable(direct.label) +
                                       "', which is not a star label; a direct rating's label is one of " +
                                       detail::join(labels));
      if (direct.when.empty() && !direct.min_total)
        fail(p, "a direct rating needs a condition: a non-empty when, or min_total");
      for (std::size_t c = 0; c < direct.when.size(); ++c) {
        const StarCondition& cond = direct.when[c];
        const std::string cp = path_index(path_key(p, "when"), c);
        if (cond.metric.empty()) fail(path_key(cp, "metric"), "found an empty metric id; give a metric id");
        finite(cond.value, path_key(cp, "value"), "a condition's value");
      }
    }
  }

  void star_label(const std::string& label, const std::string& path, std::vector<std::string>& seen) const {
    if (label.empty()) fail(path, "found an empty label; a star label is a non-empty string (e.g. 五星)");
    if (std::find(seen.begin(), seen.end(), label) != seen.end())
      fail(path, "found '" + detail::printable(label) + "' again; the star labels (with the rest) must be distinct");
    seen.push_back(label);
  }

  const Rubric& r_;
  std::map<std::string, std::string, std::less<>> indicator_paths_;
};

/// Checks `metric` and `params` of one indicator or veto at `path`.
void check_use(const MetricRegistry& registry, const std::string& source, const std::string& metric,
               const Params& params, const std::string& path) {
  const Metric* m = registry.find(metric);
  if (m == nullptr) {
    std::string message = "unknown metric '" + detail::printable(metric) + "'";
    try {
      (void)registry.get(metric);
    } catch (const UnknownMetricError& e) {
      message = e.what();
    }
    detail::throw_rubric_error(source, path_key(path, "metric"), message);
  }
  for (const auto& [name, value] : params.entries()) {
    const std::string param_path = path_key(path_key(path, "params"), name);
    const ParamSpec* spec = m->param(name);
    if (spec == nullptr) {
      std::vector<std::string> names;
      for (const ParamSpec& p : m->params) names.push_back(p.name);
      detail::throw_rubric_error(source, param_path,
                                 "unknown parameter '" + detail::printable(name) + "' for metric " + metric +
                                     did_you_mean(name, names, SuggestionStyle::aside) +
                                     (names.empty() ? "; " + metric + " takes no parameters"
                                                    : "; " + metric + " takes " + detail::join(names)));
    }
    if (const std::string why = spec->check(value); !why.empty())
      detail::throw_rubric_error(source, param_path,
                                 "found " + detail::printable(to_string(value)) + " for parameter '" + name + "' of " +
                                     metric + "; it " + why);
  }
}

}  // namespace

void Rubric::validate() const { Validator(*this).run(); }

void Rubric::check_metrics(const MetricRegistry& registry) const {
  for (std::size_t s = 0; s < standards.size(); ++s)
    for (std::size_t i = 0; i < standards[s].indicators.size(); ++i) {
      const Indicator& ind = standards[s].indicators[i];
      check_use(registry, source, ind.metric, ind.params,
                path_index(path_key(path_index("standards", s), "indicators"), i));
    }
  for (std::size_t i = 0; i < bonuses.size(); ++i)
    check_use(registry, source, bonuses[i].metric, bonuses[i].params, path_index("bonuses", i));
  for (std::size_t v = 0; v < vetoes.size(); ++v)
    check_use(registry, source, vetoes[v].metric, vetoes[v].params, path_index("vetoes", v));
  if (stars)
    for (std::size_t d = 0; d < stars->direct.size(); ++d)
      for (std::size_t c = 0; c < stars->direct[d].when.size(); ++c) {
        const StarCondition& cond = stars->direct[d].when[c];
        check_use(registry, source, cond.metric, cond.params,
                  path_index(path_key(path_index(path_key("stars", "direct"), d), "when"), c));
      }
}

}  // namespace libbranch
