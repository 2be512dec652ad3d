// Scoring (SPEC §5): metric columns, rule points, missing policies, standards, totals, ratings.
#include <libbranch/engine.hpp>

#include <chrono>
#include <cmath>
#include <map>

#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <libbranch/error.hpp>
#include <libbranch/rules.hpp>

namespace libbranch {
namespace {

Eigen::Index at(std::size_t i) { return static_cast<Eigen::Index>(i); }

class Stopwatch {
 public:
  double lap() {
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return seconds;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// Peer groups of the relative rules: group_of[b] for every branch, and the number of groups.
struct PeerGroups {
  std::vector<std::uint32_t> group_of;
  std::size_t count = 1;
};

PeerGroups peer_groups(const Dataset& ds, GroupBy by) {
  const BranchTable& t = ds.branches();
  PeerGroups g;
  g.group_of.assign(t.size(), 0);
  if (by == GroupBy::parent_id) {
    // Branches without a parent_id form one group together (SPEC §5): group 0.
    for (std::size_t b = 0; b < t.size(); ++b) {
      const std::uint32_t code = t.parent_id.codes[b];
      g.group_of[b] = code == StringDictionary::kAbsent ? 0 : code + 1;
    }
    g.count = t.parent_id.dict.size() + 1;
  } else if (by == GroupBy::org_type) {
    for (std::size_t b = 0; b < t.size(); ++b) g.group_of[b] = static_cast<std::uint32_t>(t.org_type[b]);
    g.count = kOrgTypeNames.size();
  }
  return g;
}

// The metric columns a rubric needs, each computed once: (metric, params with defaults) → column.
class MetricColumns {
 public:
  MetricColumns(const MetricRegistry& registry, const Dataset& ds, const Period& period)
      : registry_(registry), ds_(ds), period_(period) {}

  std::size_t column(const std::string& metric, const Params& params) {
    const Params full = with_defaults(registry_.get(metric), params);
    const std::string key = metric + "|" + full.key();
    if (auto it = index_.find(key); it != index_.end()) return it->second;
    const std::size_t c = columns_.size();
    columns_.push_back({metric, full.key()});
    params_.push_back(full);
    index_.emplace(key, c);
    return c;
  }

  // Computes every column into a B × M matrix, each metric's batch function running in parallel.
  Eigen::MatrixXd compute() const {
    Eigen::MatrixXd values(at(ds_.branch_count()), at(columns_.size()));
    for (std::size_t c = 0; c < columns_.size(); ++c)
      values.col(at(c)) = run(registry_.get(columns_[c].metric), params_[c], ds_, period_);
    return values;
  }

  static Eigen::VectorXd run(const Metric& m, const Params& params, const Dataset& ds, const Period& period) {
    Eigen::VectorXd v = m.compute(ds, period, params);
    if (static_cast<std::size_t>(v.size()) != ds.branch_count())
      throw Error("metric '" + m.id + "' returned " + std::to_string(v.size()) + " values for " +
                  std::to_string(ds.branch_count()) + " branches");
    return v;
  }

  const std::vector<MetricColumn>& columns() const { return columns_; }

 private:
  const MetricRegistry& registry_;
  const Dataset& ds_;
  const Period& period_;
  std::vector<MetricColumn> columns_;
  std::vector<Params> params_;
  std::map<std::string, std::size_t> index_;
};

// Points of one indicator for every branch, with the NaN policy of SPEC §5.4 applied.
void score_indicator(const Indicator& ind, MissingPolicy policy, bool bonus, const Eigen::VectorXd& values,
                     const PeerGroups& groups, Eigen::Ref<Eigen::VectorXd> points,
                     Eigen::Ref<Eigen::Matrix<std::uint8_t, Eigen::Dynamic, 1>> flags) {
  const double P = ind.points;
  const Eigen::VectorXd raw = rule_points(ind.rule, P, values, groups.group_of, groups.count);
  const std::uint8_t bonus_flag = bonus ? kFlagBonus : 0;
  for (Eigen::Index b = 0; b < values.size(); ++b) {
    if (!std::isnan(values[b])) {
      points[b] = raw[b];
      flags[b] = bonus_flag;
      continue;
    }
    // A bonus indicator's NaN earns 0 whatever its policy.
    const MissingPolicy p = bonus ? MissingPolicy::zero : policy;
    points[b] = p == MissingPolicy::full ? P : 0.0;
    flags[b] = static_cast<std::uint8_t>(kFlagMissing | bonus_flag | (p == MissingPolicy::exclude ? kFlagExcluded : 0));
  }
}

// A standard's score: the sum of its indicators' points, rescaled when some are excluded.
double standard_score(const Scorecard& card, std::size_t b, std::size_t first, std::size_t count) {
  double earned = 0;
  double all_points = 0;
  double kept_points = 0;
  bool excluded = false;
  for (std::size_t i = first; i < first + count; ++i) {
    earned += card.points(at(b), at(i));
    all_points += card.indicators[i].max_points;
    if (card.flags(at(b), at(i)) & kFlagExcluded) {
      excluded = true;
    } else {
      kept_points += card.indicators[i].max_points;
    }
  }
  if (!excluded) return earned;
  return kept_points == 0 ? 0.0 : earned * all_points / kept_points;
}

void fill_branches(Scorecard& card, const Dataset& ds) {
  const BranchTable& t = ds.branches();
  card.branch_ids.reserve(t.size());
  card.branch_names.reserve(t.size());
  for (std::size_t b = 0; b < t.size(); ++b) {
    card.branch_ids.emplace_back(t.id[b]);
    card.branch_names.emplace_back(t.name[b]);
  }
}

void add_indicators(Scorecard& card, MetricColumns& columns, const std::vector<Indicator>& list,
                    const std::string& standard, bool bonus) {
  for (const Indicator& ind : list)
    card.indicators.push_back({ind.id, standard, ind.metric, to_string(ind.rule.type), ind.points,
                               columns.column(ind.metric, ind.params), bonus});
}

// Indicators are independent columns, so they are scored in parallel; each is one task.
void score_points(Scorecard& card, const Rubric& rubric, const Dataset& ds) {
  const std::size_t n = card.branch_count();
  card.points.resize(at(n), at(card.indicators.size()));
  card.flags.resize(at(n), at(card.indicators.size()));
  std::vector<const Indicator*> list;
  for (const Standard& s : rubric.standards)
    for (const Indicator& ind : s.indicators) list.push_back(&ind);
  for (const Indicator& ind : rubric.bonuses) list.push_back(&ind);
  std::map<GroupBy, PeerGroups> groups;
  for (const Indicator* ind : list)
    if (!groups.contains(ind->group_by)) groups.emplace(ind->group_by, peer_groups(ds, ind->group_by));
  oneapi::tbb::parallel_for(std::size_t{0}, list.size(), [&](std::size_t i) {
    const Indicator& ind = *list[i];
    score_indicator(ind, rubric.missing_policy(ind), card.indicators[i].bonus,
                    card.metric_values.col(at(card.indicators[i].metric_column)), groups.at(ind.group_by),
                    card.points.col(at(i)), card.flags.col(at(i)));
  });
}

// One branch's standard scores, total and bonus, summed in rubric order (SPEC §5.2).
void score_branch_totals(Scorecard& card, const Rubric& rubric, std::size_t b, std::size_t bonus_first) {
  double total = 0;
  std::size_t first = 0;
  for (std::size_t s = 0; s < rubric.standards.size(); ++s) {
    const std::size_t count = rubric.standards[s].indicators.size();
    const double score = standard_score(card, b, first, count);
    card.standard_scores(at(b), at(s)) = score;
    total += score;
    first += count;
  }
  double bonus = 0;
  for (std::size_t i = bonus_first; i < card.indicators.size(); ++i) {
    total += card.points(at(b), at(i));
    bonus += card.points(at(b), at(i));
  }
  card.totals[at(b)] = total;
  card.bonus[at(b)] = bonus;
}

void score_totals(Scorecard& card, const Rubric& rubric) {
  const std::size_t n = card.branch_count();
  card.standard_scores.resize(at(n), at(rubric.standards.size()));
  card.totals.resize(at(n));
  card.bonus.resize(at(n));
  const std::size_t bonus_first = rubric.indicator_count();
  parallel_for_branches(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t b = begin; b < end; ++b) score_branch_totals(card, rubric, b, bonus_first);
  });
}

void score_ratings(Scorecard& card, const Rubric& rubric, const std::vector<std::size_t>& veto_columns) {
  for (const Rating& r : rubric.ratings) card.rating_labels.push_back(r.label);
  for (const Veto& v : rubric.vetoes) card.veto_metrics.push_back(v.metric);
  const std::size_t n = card.branch_count();
  card.ratings.resize(n);
  card.veto_offsets.assign(n + 1, 0);
  for (std::size_t b = 0; b < n; ++b) {
    std::size_t rating = rubric.rating_index(card.totals[at(b)]);
    for (std::size_t v = 0; v < rubric.vetoes.size(); ++v) {
      if (!rubric.vetoes[v].fires(card.metric_values(at(b), at(veto_columns[v])))) continue;
      card.fired_vetoes.push_back(static_cast<std::uint32_t>(v));
      // A veto caps the rating: the worse (later) of the earned one and the veto's.
      rating = std::max(rating, *rubric.rating_index(rubric.vetoes[v].rating));
    }
    card.ratings[b] = static_cast<std::uint16_t>(rating);
    card.veto_offsets[b + 1] = static_cast<std::uint32_t>(card.fired_vetoes.size());
  }
}

}  // namespace

Period default_period(const Dataset& ds) {
  const auto& dates = ds.activities().date;
  if (dates.empty()) throw Error("the dataset has no activities, so there is no default period: give --year or --from/--to");
  Date latest = dates.front();
  for (Date d : dates) latest = std::max(latest, d);
  return Period::calendar_year(latest.year());
}

Params with_defaults(const Metric& metric, const Params& params) {
  Params full;
  for (const auto& [name, value] : params.entries()) {
    const ParamSpec* spec = metric.param(name);
    if (spec == nullptr) throw Error("metric '" + metric.id + "' has no parameter '" + name + "'");
    if (const std::string why = spec->check(value); !why.empty())
      throw Error("parameter '" + name + "' of metric '" + metric.id + "' " + why + ", got " + to_string(value));
  }
  for (const ParamSpec& spec : metric.params) {
    if (const ParamValue* given = params.find(spec.name)) {
      full.set(spec.name, *given);
    } else if (spec.default_value) {
      full.set(spec.name, *spec.default_value);
    }
  }
  return full;
}

Eigen::VectorXd compute_metric(const MetricRegistry& registry, std::string_view id, const Params& params,
                               const Dataset& ds, const Period& period) {
  const Metric& m = registry.get(id);
  return MetricColumns::run(m, with_defaults(m, params), ds, period);
}

Scorecard score(const Dataset& ds, const Rubric& rubric, const Period& period, const MetricRegistry& registry,
                const ScoreOptions& options) {
  rubric.check_metrics(registry);
  Scorecard card;
  card.rubric_name = rubric.name;
  card.period = period;
  fill_branches(card, ds);
  MetricColumns columns(registry, ds, period);
  for (const Standard& s : rubric.standards) {
    card.standards.push_back({s.id, s.name, s.max_points()});
    add_indicators(card, columns, s.indicators, s.id, false);
  }
  add_indicators(card, columns, rubric.bonuses, "", true);
  std::vector<std::size_t> veto_columns;
  for (const Veto& v : rubric.vetoes) veto_columns.push_back(columns.column(v.metric, v.params));
  card.metrics = columns.columns();
  ScoreTimings timings;
  Stopwatch watch;
  oneapi::tbb::task_arena arena(options.threads > 0 ? options.threads : oneapi::tbb::task_arena::automatic);
  arena.execute([&] { card.metric_values = columns.compute(); });
  timings.metrics = watch.lap();
  arena.execute([&] { score_points(card, rubric, ds); });
  timings.points = watch.lap();
  arena.execute([&] { score_totals(card, rubric); });
  score_ratings(card, rubric, veto_columns);
  timings.totals = watch.lap();
  if (options.timings) *options.timings = timings;
  return card;
}

Engine::Engine(const EngineOptions& options)
    : registry_(std::make_unique<MetricRegistry>()), loader_(std::make_unique<PluginLoader>(*registry_)) {
  register_core_metrics(*registry_);
  if (options.load_plugins) loader_->load_default(options.plugin_dirs);
}

Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;
Engine::~Engine() = default;

}  // namespace libbranch
