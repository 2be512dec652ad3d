// Scoring (docs/reference/rubrics.md) in two phases: metric columns part by part, then rule points,
// missing policies, standards, totals and ratings over all branches.
#include <libbranch/score_builder.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <stop_token>
#include <string>

#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>
#include <oneapi/tbb/task_group.h>

#include <libbranch/activity_tally.hpp>
#include <libbranch/engine.hpp>
#include <libbranch/error.hpp>
#include <libbranch/rules.hpp>
#include <libbranch/star_rating.hpp>

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

// What phase 2 needs of each branch to form its peer groups: its parent_id (interned over all
// parts in order of first appearance, so one part gives the dataset's own codes) and its org_type.
class PeerKeys {
 public:
  void reserve(std::size_t n) {
    parent_.reserve(n);
    org_type_.reserve(n);
  }
  void add(std::string_view parent_id, OrgType org_type) {
    const std::uint32_t code = parents_.intern(parent_id);
    parent_.push_back(code == StringDictionary::kAbsent ? 0 : code + 1);
    org_type_.push_back(org_type);
  }
  [[nodiscard]] PeerGroups groups(GroupBy by) const {
    PeerGroups g;
    if (by == GroupBy::parent_id) {
      // Branches without a parent_id form one group together (docs/reference/rubrics.md): group 0.
      g.group_of = parent_;
      g.count = parents_.size() + 1;
    } else if (by == GroupBy::org_type) {
      g.group_of.reserve(org_type_.size());
      for (OrgType t : org_type_) g.group_of.push_back(static_cast<std::uint32_t>(t));
      g.count = kOrgTypeNames.size();
    } else {
      g.group_of.assign(parent_.size(), 0);
    }
    return g;
  }

 private:
  StringDictionary parents_;
  std::vector<std::uint32_t> parent_;
  std::vector<OrgType> org_type_;
};

// The metric columns a rubric needs, each computed once: (metric, params with defaults) → column.
class MetricColumns {
 public:
  explicit MetricColumns(const MetricRegistry& registry) : registry_(registry) {}

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

  // Computes column c for the branches of `ds` into rows [first, first + B) of `values`.
  void compute(std::size_t c, const Dataset& ds, const Period& period, Eigen::MatrixXd& values,
               std::size_t first) const {
    values.col(at(c)).segment(at(first), at(ds.branch_count())) =
        run(registry_.get(columns_[c].metric), params_[c], ds, period);
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
  std::vector<MetricColumn> columns_;
  std::vector<Params> params_;
  std::map<std::string, std::size_t> index_;
};

// Points of one indicator for every branch, with the NaN policy of docs/reference/rubrics.md §8
// applied.
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

void add_branch(Scorecard& card, PeerKeys& keys, std::string_view id, std::string_view name, std::string_view parent_id,
                OrgType org_type) {
  card.branch_ids.emplace_back(id);
  card.branch_names.emplace_back(name);
  keys.add(parent_id, org_type);
}

void add_indicators(Scorecard& card, MetricColumns& columns, const std::vector<Indicator>& list,
                    const std::string& standard, bool bonus) {
  for (const Indicator& ind : list)
    card.indicators.push_back({ind.id, standard, ind.metric, to_string(ind.rule.type), ind.points,
                               columns.column(ind.metric, ind.params), bonus});
}

// Indicators are independent columns, so they are scored in parallel; each is one task.
void score_points(Scorecard& card, const Rubric& rubric, const PeerKeys& keys) {
  const std::size_t n = card.branch_count();
  card.points.resize(at(n), at(card.indicators.size()));
  card.flags.resize(at(n), at(card.indicators.size()));
  std::vector<const Indicator*> list;
  for (const Standard& s : rubric.standards)
    for (const Indicator& ind : s.indicators) list.push_back(&ind);
  for (const Indicator& ind : rubric.bonuses) list.push_back(&ind);
  std::map<GroupBy, PeerGroups> groups;
  for (const Indicator* ind : list)
    if (!groups.contains(ind->group_by)) groups.emplace(ind->group_by, keys.groups(ind->group_by));
  oneapi::tbb::parallel_for(std::size_t{0}, list.size(), [&](std::size_t i) {
    const Indicator& ind = *list[i];
    score_indicator(ind, rubric.missing_policy(ind), card.indicators[i].bonus,
                    card.metric_values.col(at(card.indicators[i].metric_column)), groups.at(ind.group_by),
                    card.points.col(at(i)), card.flags.col(at(i)));
  });
}

// One branch's standard scores, total and bonus, summed in rubric order
// (docs/reference/rubrics.md §6). `scale`: 1 per standard, or with AHP standard weights its
// weighted maximum / its own maximum.
void score_branch_totals(Scorecard& card, const Rubric& rubric, std::size_t b, std::size_t bonus_first,
                         const std::vector<double>& scale) {
  double total = 0;
  std::size_t first = 0;
  for (std::size_t s = 0; s < rubric.standards.size(); ++s) {
    const std::size_t count = rubric.standards[s].indicators.size();
    double score = standard_score(card, b, first, count);
    if (rubric.weights) score *= scale[s];
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
  std::vector<double> scale(rubric.standards.size(), 1.0);
  if (rubric.weights)
    for (std::size_t s = 0; s < scale.size(); ++s) scale[s] = card.standards[s].max_points / rubric.standards[s].max_points();
  parallel_for_branches(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t b = begin; b < end; ++b) score_branch_totals(card, rubric, b, bonus_first, scale);
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

// Stars over all branches (quotas are per peer group of the whole dataset, so this runs in the
// finish step, after the totals). `direct_columns[d][c]`: metric column of condition c of direct d.
void score_stars(Scorecard& card, const Rubric& rubric, const PeerKeys& keys,
                 const std::vector<std::vector<std::size_t>>& direct_columns) {
  if (!rubric.stars) return;
  const StarRubric& st = *rubric.stars;
  stars::Scheme scheme;
  for (const StarLevel& l : st.levels) {
    scheme.levels.push_back({l.label, l.quota, l.min_total});
    card.star_labels.push_back(l.label);
  }
  scheme.rest = st.rest;
  card.star_labels.push_back(st.rest);
  scheme.ties = st.ties_over_quota ? stars::QuotaTies::over_quota : stars::QuotaTies::within_quota;
  const std::size_t n = card.branch_count();
  std::vector<stars::Override> overrides;
  for (std::size_t d = 0; d < st.direct.size(); ++d) {
    const DirectStar& direct = st.direct[d];
    stars::Override o;
    o.level = static_cast<std::size_t>(
        std::find(card.star_labels.begin(), card.star_labels.end(), direct.label) - card.star_labels.begin());
    o.applies.assign(n, true);
    for (std::size_t b = 0; b < n; ++b) {
      const double total = card.totals[at(b)];
      if (direct.min_total && !(total >= *direct.min_total - 1e-9)) o.applies[b] = false;
      for (std::size_t c = 0; c < direct.when.size() && o.applies[b]; ++c)
        if (!direct.when[c].holds(card.metric_values(at(b), at(direct_columns[d][c])))) o.applies[b] = false;
    }
    overrides.push_back(std::move(o));
  }
  const PeerGroups groups = keys.groups(st.group_by);
  std::vector<std::int64_t> group_keys;
  if (st.group_by != GroupBy::none) group_keys.assign(groups.group_of.begin(), groups.group_of.end());
  const stars::Result result = stars::assign(card.totals, group_keys, scheme, overrides);
  card.stars.assign(result.level.begin(), result.level.end());
  card.star_direct.assign(result.direct.begin(), result.direct.end());
}

// Runs `work` in `arena` under a TBB context that a stop request cancels, so that the parallel
// loops inside (bound to it, even in plugins' metrics) stop handing out chunks of branches. Work
// cut short that way is incomplete: Cancelled is thrown instead of returning it.
template <class Work>
void run_stoppable(oneapi::tbb::task_arena& arena, const std::stop_token& stop, Work&& work) {
  if (stop.stop_requested()) throw Cancelled();
  oneapi::tbb::task_group_context context;
  struct CancelContext {
    oneapi::tbb::task_group_context* context;
    void operator()() const { context->cancel_group_execution(); }
  };
  const std::stop_callback<CancelContext> on_stop(stop, CancelContext{&context});
  arena.execute([&] {
    oneapi::tbb::task_group group(context);
    group.run_and_wait(work);
  });
  if (context.is_group_execution_cancelled() || stop.stop_requested()) throw Cancelled();
}

}  // namespace

struct ScoreBuilder::State {
  State(const Rubric& r, const Period& p, const MetricRegistry& registry, std::size_t total, const ScoreOptions& o)
      : rubric(r),
        period(p),
        columns(registry),
        total_branches(total),
        options(o),
        arena(o.threads > 0 ? o.threads : oneapi::tbb::task_arena::automatic) {}

  Rubric rubric;
  Period period;
  MetricColumns columns;
  std::size_t total_branches;
  ScoreOptions options;
  oneapi::tbb::task_arena arena;
  Scorecard card;
  std::vector<std::size_t> veto_columns;
  std::vector<std::vector<std::size_t>> star_columns;  // per direct star rating, per condition
  PeerKeys keys;
  ScoreTimings timings;
  std::size_t parts = 1;      // expected, for the progress steps
  std::size_t parts_started = 0;
  std::size_t steps_done = 0;

  void make_room(std::size_t branches) const;
  void report(std::string_view next) const;
  template <class Work>
  void run(Work&& work) { run_stoppable(arena, options.stop, std::forward<Work>(work)); }
  void compute(const Dataset& part, Eigen::MatrixXd& values, std::size_t first);
};

ScoreBuilder::ScoreBuilder(const Rubric& rubric, const Period& period, const MetricRegistry& registry,
                           std::size_t total_branches, const ScoreOptions& options)
    : state_(std::make_unique<State>(rubric, period, registry, total_branches, options)) {
  rubric.check_metrics(registry);
  State& s = *state_;
  Scorecard& card = s.card;
  card.rubric_name = rubric.name;
  card.period = period;
  const std::vector<double> maxima = rubric.standard_maxima();  // weighted by AHP when the rubric says so
  for (std::size_t i = 0; i < rubric.standards.size(); ++i) {
    const Standard& st = rubric.standards[i];
    card.standards.push_back({st.id, st.name, maxima[i]});
    add_indicators(card, s.columns, st.indicators, st.id, false);
  }
  add_indicators(card, s.columns, rubric.bonuses, "", true);
  for (const Veto& v : rubric.vetoes) s.veto_columns.push_back(s.columns.column(v.metric, v.params));
  if (rubric.stars)
    for (const DirectStar& d : rubric.stars->direct) {
      std::vector<std::size_t>& cols = s.star_columns.emplace_back();
      for (const StarCondition& c : d.when) cols.push_back(s.columns.column(c.metric, c.params));
    }
  card.metrics = s.columns.columns();
  card.branch_ids.reserve(total_branches);
  card.branch_names.reserve(total_branches);
  card.metric_values.resize(at(total_branches), at(card.metrics.size()));
  s.keys.reserve(total_branches);
}

ScoreBuilder::ScoreBuilder(ScoreBuilder&&) noexcept = default;
ScoreBuilder& ScoreBuilder::operator=(ScoreBuilder&&) noexcept = default;
ScoreBuilder::~ScoreBuilder() = default;

void ScoreBuilder::expect_parts(std::size_t parts) { state().parts = std::max<std::size_t>(parts, 1); }

std::size_t ScoreBuilder::branch_count() const noexcept { return state_ ? state_->card.branch_count() : 0; }

void ScoreBuilder::State::make_room(std::size_t branches) const {
  if (branches > total_branches - card.branch_count())
    throw Error("the parts hold more than the " + std::to_string(total_branches) + " branches announced");
}

void ScoreBuilder::State::report(std::string_view next) const {
  if (options.stop.stop_requested()) throw Cancelled();
  if (!options.progress) return;
  // More parts than expected (or none said): the total grows as they arrive.
  const std::size_t total = columns.columns().size() * std::max(parts, parts_started) + 1;
  options.progress(ScoreProgress{steps_done, total, next});
}

void ScoreBuilder::State::compute(const Dataset& part, Eigen::MatrixXd& values, std::size_t first) {
  Stopwatch watch;
  // Metrics that count activities share one pass over the part's activities (ActivityTally).
  const SharedTallyScope shared_tally(part, period);
  const std::vector<MetricColumn>& list = columns.columns();
  ++parts_started;
  for (std::size_t c = 0; c < list.size(); ++c) {
    report(list[c].metric);
    run([&] { columns.compute(c, part, period, values, first); });
    ++steps_done;
  }
  timings.metrics += watch.lap();
}

void ScoreBuilder::add(const Dataset& part) {
  State& s = state();
  s.make_room(part.branch_count());
  s.compute(part, s.card.metric_values, s.card.branch_count());
  const BranchTable& t = part.branches();
  for (std::size_t b = 0; b < t.size(); ++b) add_branch(s.card, s.keys, t.id[b], t.name[b], t.parent_id[b], t.org_type[b]);
}

PartMetrics ScoreBuilder::compute_part(const Dataset& part) {
  State& s = state();
  PartMetrics out;
  out.metrics = s.card.metrics;
  out.values.resize(at(part.branch_count()), at(s.card.metrics.size()));
  s.compute(part, out.values, 0);
  const BranchTable& t = part.branches();
  for (std::size_t b = 0; b < t.size(); ++b) {
    out.branch_ids.emplace_back(t.id[b]);
    out.branch_names.emplace_back(t.name[b]);
    out.parent_ids.emplace_back(t.parent_id[b]);
    out.org_types.push_back(t.org_type[b]);
  }
  return out;
}

namespace {

}  // namespace

void ScoreBuilder::add(const PartMetrics& part) {
  State& s = state();
  if (part.metrics != s.card.metrics)
    throw Error("PartMetrics computed for other metric columns than this builder's (another rubric?)");
  const std::size_t n = part.branch_ids.size();
  if (part.branch_names.size() != n || part.parent_ids.size() != n || part.org_types.size() != n ||
      static_cast<std::size_t>(part.values.rows()) != n ||
      static_cast<std::size_t>(part.values.cols()) != s.card.metrics.size())
    throw Error("PartMetrics of " + std::to_string(n) + " branches with a " + std::to_string(part.values.rows()) + " × " +
                std::to_string(part.values.cols()) + " block do not fit this builder's " +
                std::to_string(s.card.metrics.size()) + " metric columns");
  s.make_room(n);
  s.card.metric_values.middleRows(at(s.card.branch_count()), at(n)) = part.values;
  for (std::size_t b = 0; b < n; ++b)
    add_branch(s.card, s.keys, part.branch_ids[b], part.branch_names[b], part.parent_ids[b], part.org_types[b]);
}

const std::vector<MetricColumn>& ScoreBuilder::metric_columns() { return state().card.metrics; }

ScoreBuilder::State& ScoreBuilder::state() {
  if (!state_) throw Error("this ScoreBuilder has finished; start a new one");
  return *state_;
}

Scorecard ScoreBuilder::finish() {
  State& s = state();
  if (s.card.branch_count() != s.total_branches)
    throw Error("the parts held " + std::to_string(s.card.branch_count()) + " branches, not the " +
                std::to_string(s.total_branches) + " announced");
  s.report("points, totals");
  Stopwatch watch;
  s.run([&] { score_points(s.card, s.rubric, s.keys); });
  s.timings.points = watch.lap();
  s.run([&] { score_totals(s.card, s.rubric); });
  score_ratings(s.card, s.rubric, s.veto_columns);
  score_stars(s.card, s.rubric, s.keys, s.star_columns);
  s.timings.totals = watch.lap();
  ++s.steps_done;
  if (s.options.progress) s.options.progress(ScoreProgress{s.steps_done, s.steps_done, "done"});
  if (s.options.timings) {
    s.timings.load = s.options.timings->load;  // the caller's, when it reads the parts
    *s.options.timings = s.timings;
  }
  Scorecard card = std::move(s.card);
  state_.reset();
  return card;
}

Eigen::VectorXd compute_metric(const MetricRegistry& registry, std::string_view id, const Params& params,
                               const Dataset& ds, const Period& period) {
  const Metric& m = registry.get(id);
  return MetricColumns::run(m, with_defaults(m, params), ds, period);
}

Scorecard score(const Dataset& ds, const Rubric& rubric, const Period& period, const MetricRegistry& registry,
                const ScoreOptions& options) {
  ScoreBuilder builder(rubric, period, registry, ds.branch_count(), options);
  builder.add(ds);
  return builder.finish();
}

}  // namespace libbranch
