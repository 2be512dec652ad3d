#include <libbranch/part_scoring.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <libbranch/engine.hpp>
#include <libbranch/error.hpp>

namespace libbranch {
namespace {

// How one relative indicator compares a branch with its peers.
struct Comparison {
  std::size_t column = 0;  ///< its metric column
  GroupBy by = GroupBy::none;
  std::size_t ranked = 0;  ///< rank rules: the places with their own points (points_by_rank)
  bool ascending = false;  ///< rank rules: the lowest value is the best
};

using RowRef = std::pair<std::size_t, std::size_t>;  // (source, row)

// The key of a branch's peer group under `by`, as ScoreBuilder forms the groups: one group per
// parent_id ("" for the branches without one), per org_type, or one for all.
std::string group_key(const PartMetrics& p, std::size_t row, GroupBy by) {
  if (by == GroupBy::parent_id) return p.parent_ids[row];
  if (by == GroupBy::org_type) return std::to_string(static_cast<int>(p.org_types[row]));
  return {};
}

std::size_t column_of(const Indicator& ind, const std::vector<MetricColumn>& columns, const MetricRegistry& registry) {
  const MetricColumn wanted{ind.metric, with_defaults(registry.get(ind.metric), ind.params).key()};
  const auto it = std::find(columns.begin(), columns.end(), wanted);
  if (it != columns.end()) return static_cast<std::size_t>(it - columns.begin());
  throw Error("part scoring: no metric column for indicator '" + ind.id + "'");
}

// One comparison per (column, peer grouping), with the most ranked places any of its rules has.
std::vector<Comparison> comparisons_of(const Rubric& rubric, const std::vector<MetricColumn>& columns,
                                       const MetricRegistry& registry) {
  std::vector<Comparison> out;
  auto add = [&](const Indicator& ind) {
    if (!is_relative(ind.rule.type)) return;
    Comparison c{column_of(ind, columns, registry), ind.group_by, 0, ind.rule.ascending};
    if (ind.rule.type == RuleType::rank) c.ranked = ind.rule.points_by_rank.size();
    const auto same = std::find_if(out.begin(), out.end(), [&](const Comparison& o) {
      return o.column == c.column && o.by == c.by && (o.ranked == 0 || c.ranked == 0 || o.ascending == c.ascending);
    });
    if (same == out.end()) {
      out.push_back(c);
    } else if (c.ranked > same->ranked) {
      same->ranked = c.ranked;
      same->ascending = c.ascending;
    }
  };
  for (const Standard& s : rubric.standards)
    for (const Indicator& ind : s.indicators) add(ind);
  for (const Indicator& ind : rubric.bonuses) add(ind);
  return out;
}

struct Candidate {
  double value;
  RowRef ref;
};

// Adds to `chosen` the candidates that decide a peer group's points under `c`: the best and the
// worst value, and the first `c.ranked` places (ties at the last place in any order: a rank
// counts the peers that do strictly better, and all of those come first).
void choose_in_group(const Comparison& c, std::vector<Candidate>& group, std::set<RowRef>& chosen) {
  const auto by_value = [](const Candidate& a, const Candidate& b) { return a.value < b.value; };
  chosen.insert(std::max_element(group.begin(), group.end(), by_value)->ref);
  chosen.insert(std::min_element(group.begin(), group.end(), by_value)->ref);
  const std::size_t places = std::min(c.ranked, group.size());
  if (places == 0) return;
  const auto better = [&c](const Candidate& a, const Candidate& b) { return c.ascending ? a.value < b.value : a.value > b.value; };
  std::partial_sort(group.begin(), group.begin() + static_cast<std::ptrdiff_t>(places), group.end(), better);
  for (std::size_t i = 0; i < places; ++i) chosen.insert(group[i].ref);
}

// The peer groups wanted for each comparison; null: every group.
using WantedGroups = std::vector<const std::unordered_set<std::string>*>;

// The candidates of every comparison: rows of `sources` with a value, in the peer groups `wanted`
// holds for that comparison.
void choose(const std::vector<Comparison>& comparisons, std::span<const PartMetrics* const> sources,
            const WantedGroups& wanted, std::set<RowRef>& chosen) {
  for (std::size_t k = 0; k < comparisons.size(); ++k) {
    const Comparison& c = comparisons[k];
    std::unordered_map<std::string, std::vector<Candidate>> groups;
    for (std::size_t s = 0; s < sources.size(); ++s) {
      const PartMetrics& p = *sources[s];
      for (std::size_t row = 0; row < p.branch_ids.size(); ++row) {
        const double v = p.values(static_cast<Eigen::Index>(row), static_cast<Eigen::Index>(c.column));
        if (std::isnan(v)) continue;
        std::string key = group_key(p, row, c.by);
        if (wanted[k] != nullptr && !wanted[k]->contains(key)) continue;
        groups[std::move(key)].push_back({v, {s, row}});
      }
    }
    for (auto& [key, group] : groups) choose_in_group(c, group, chosen);
  }
}

// The rows `chosen` of `sources`, in source and row order, as one PartMetrics.
PartMetrics rows_of(std::span<const PartMetrics* const> sources, const std::set<RowRef>& chosen,
                    const std::vector<MetricColumn>& columns) {
  PartMetrics out;
  out.metrics = columns;
  out.values.resize(static_cast<Eigen::Index>(chosen.size()), static_cast<Eigen::Index>(columns.size()));
  Eigen::Index r = 0;
  for (const auto& [s, row] : chosen) {
    const PartMetrics& p = *sources[s];
    out.branch_ids.push_back(p.branch_ids[row]);
    out.branch_names.push_back(p.branch_names[row]);
    out.parent_ids.push_back(p.parent_ids[row]);
    out.org_types.push_back(p.org_types[row]);
    out.values.row(r++) = p.values.row(static_cast<Eigen::Index>(row));
  }
  return out;
}

}  // namespace

struct PartScorer::State {
  Rubric rubric;
  Period period;
  const MetricRegistry* registry;
  ScoreOptions options;
  std::vector<MetricColumn> columns;
  std::vector<Comparison> comparisons;

  void check(const PartMetrics& part, const char* what) const {
    if (part.metrics != columns)
      throw Error(std::string("part scoring: ") + what + " computed for other metric columns (another rubric?)");
  }

  PartMetrics summary(const PartMetrics& part, const WantedGroups& wanted) const {
    check(part, "the part's metrics were");
    const PartMetrics* const sources[] = {&part};
    std::set<RowRef> chosen;
    choose(comparisons, sources, wanted, chosen);
    return rows_of(sources, chosen, columns);
  }
};

PartScorer::PartScorer(const Rubric& rubric, const Period& period, const MetricRegistry& registry,
                       const ScoreOptions& options) {
  if (rubric.stars)
    throw Error("rubric '" + rubric.name + "' has star ratings, whose quotas need the totals of every branch of a peer "
                "group: score it with every part together, not part by part");
  ScoreBuilder builder(rubric, period, registry, 0, options);
  state_ = std::make_unique<State>(State{rubric, period, &registry, options, builder.metric_columns(), {}});
  state_->comparisons = comparisons_of(rubric, state_->columns, registry);
}

PartScorer::PartScorer(PartScorer&&) noexcept = default;
PartScorer& PartScorer::operator=(PartScorer&&) noexcept = default;
PartScorer::~PartScorer() = default;

const std::vector<MetricColumn>& PartScorer::metric_columns() const { return state_->columns; }

PartMetrics PartScorer::peer_summary(const PartMetrics& part) const {
  return state_->summary(part, WantedGroups(state_->comparisons.size(), nullptr));
}

PartMetrics PartScorer::peer_summary(const PartMetrics& part, std::span<const std::string> shared_parent_ids) const {
  const std::unordered_set<std::string> shared(shared_parent_ids.begin(), shared_parent_ids.end());
  WantedGroups wanted;
  for (const Comparison& c : state_->comparisons) wanted.push_back(c.by == GroupBy::parent_id ? &shared : nullptr);
  return state_->summary(part, wanted);
}

PartMetrics PartScorer::peers_for(const PartMetrics& part, std::span<const PartMetrics* const> others) const {
  state_->check(part, "the part's metrics were");
  for (const PartMetrics* o : others) state_->check(*o, "another part's summary was");
  std::vector<std::unordered_set<std::string>> groups(state_->comparisons.size());
  WantedGroups wanted;
  for (std::size_t k = 0; k < groups.size(); ++k) {
    for (std::size_t row = 0; row < part.branch_ids.size(); ++row)
      groups[k].insert(group_key(part, row, state_->comparisons[k].by));
    wanted.push_back(&groups[k]);
  }
  std::set<RowRef> chosen;
  choose(state_->comparisons, others, wanted, chosen);
  return rows_of(others, chosen, state_->columns);
}

Scorecard PartScorer::score(const PartMetrics& part, const PartMetrics& peers) const {
  const State& s = *state_;
  const std::size_t n = part.branch_ids.size();
  ScoreBuilder builder(s.rubric, s.period, *s.registry, n + peers.branch_ids.size(), s.options);
  builder.add(part);
  builder.add(peers);
  return scorecard_rows(builder.finish(), 0, n);
}

}  // namespace libbranch
