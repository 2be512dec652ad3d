// Period comparison of two scorecards; conventions in comparison.hpp.
#include <libbranch/comparison.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>

#include <libbranch/error.hpp>

namespace libbranch {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void require_same_rubric(const Scorecard& a, const Scorecard& b) {
  auto ids = [](const auto& list) {
    std::vector<std::string> out;
    for (const auto& x : list) out.push_back(x.id);
    return out;
  };
  if (ids(a.standards) != ids(b.standards))
    throw AnalyticsError("after", "has other standards than before; compare scorecards of one rubric");
  if (ids(a.indicators) != ids(b.indicators))
    throw AnalyticsError("after", "has other indicators than before; compare scorecards of one rubric");
  if (a.rating_labels != b.rating_labels)
    throw AnalyticsError("after", "has other rating labels than before; compare scorecards of one rubric");
}

}  // namespace

const char* to_string(Presence p) noexcept {
  switch (p) {
    case Presence::both: return "both";
    case Presence::added: return "new";
    case Presence::removed: return "gone";
  }
  return "?";
}

PeriodComparison compare(const Scorecard& before, const Scorecard& after) {
  require_same_rubric(before, after);
  PeriodComparison c;
  c.before_period = before.period;
  c.after_period = after.period;
  for (const auto& s : after.standards) c.standard_ids.push_back(s.id);
  for (const auto& i : after.indicators) {
    c.indicator_ids.push_back(i.id);
    c.indicator_standard.push_back(i.standard);
  }
  c.rating_labels = after.rating_labels;

  // Rows: before's branches in order, then the new ones in after's order.
  std::unordered_map<std::string, std::size_t> in_after;
  for (std::size_t b = 0; b < after.branch_count(); ++b) in_after.emplace(after.branch_ids[b], b);
  std::vector<std::pair<std::optional<std::size_t>, std::optional<std::size_t>>> rows;  // (before row, after row)
  std::unordered_map<std::string, std::size_t> in_before;
  for (std::size_t b = 0; b < before.branch_count(); ++b) {
    in_before.emplace(before.branch_ids[b], b);
    const auto it = in_after.find(before.branch_ids[b]);
    rows.emplace_back(b, it == in_after.end() ? std::nullopt : std::optional<std::size_t>(it->second));
  }
  for (std::size_t b = 0; b < after.branch_count(); ++b)
    if (!in_before.contains(after.branch_ids[b])) rows.emplace_back(std::nullopt, b);

  const auto n = static_cast<Eigen::Index>(rows.size());
  const auto S = static_cast<Eigen::Index>(c.standard_ids.size());
  const auto I = static_cast<Eigen::Index>(c.indicator_ids.size());
  c.total_before = Eigen::VectorXd::Constant(n, kNaN);
  c.total_after = Eigen::VectorXd::Constant(n, kNaN);
  c.standard_delta = Eigen::MatrixXd::Constant(n, S, kNaN);
  c.points_before = Eigen::MatrixXd::Constant(n, I, kNaN);
  c.points_after = Eigen::MatrixXd::Constant(n, I, kNaN);
  for (Eigen::Index r = 0; r < n; ++r) {
    const auto [b, a] = rows[static_cast<std::size_t>(r)];
    c.branch_ids.push_back(b ? before.branch_ids[*b] : after.branch_ids[*a]);
    c.branch_names.push_back(a ? after.branch_names[*a] : before.branch_names[*b]);
    c.presence.push_back(b && a ? Presence::both : a ? Presence::added : Presence::removed);
    std::optional<std::size_t> rb, ra;
    if (b) {
      const auto row = static_cast<Eigen::Index>(*b);
      c.total_before[r] = before.totals[row];
      c.points_before.row(r) = before.points.row(row);
      rb = before.ratings[*b];
    }
    if (a) {
      const auto row = static_cast<Eigen::Index>(*a);
      c.total_after[r] = after.totals[row];
      c.points_after.row(r) = after.points.row(row);
      ra = after.ratings[*a];
    }
    if (a && b)
      c.standard_delta.row(r) = after.standard_scores.row(static_cast<Eigen::Index>(*a)) -
                                before.standard_scores.row(static_cast<Eigen::Index>(*b));
    c.rating_before.push_back(rb);
    c.rating_after.push_back(ra);
    c.rating_change.push_back(rb && ra ? std::optional<int>(static_cast<int>(*rb) - static_cast<int>(*ra)) : std::nullopt);
  }
  return c;
}

std::vector<IndicatorChange> PeriodComparison::drivers(std::size_t b, std::size_t top) const {
  std::vector<IndicatorChange> out;
  if (b >= branch_count()) throw AnalyticsError("branch", "row " + std::to_string(b) + " is not in the comparison");
  if (presence[b] != Presence::both) return out;
  const auto r = static_cast<Eigen::Index>(b);
  const Eigen::VectorXd delta = (points_after.row(r) - points_before.row(r)).transpose();
  std::vector<std::size_t> order(static_cast<std::size_t>(delta.size()));
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return std::abs(delta[static_cast<Eigen::Index>(x)]) > std::abs(delta[static_cast<Eigen::Index>(y)]);
  });
  const double total = total_after[r] - total_before[r];
  for (std::size_t k = 0; k < order.size() && out.size() < top; ++k) {
    const auto i = static_cast<Eigen::Index>(order[k]);
    if (delta[i] == 0) break;
    out.push_back({order[k], points_before(r, i), points_after(r, i), delta[i], total != 0 ? delta[i] / total : kNaN});
  }
  return out;
}

}  // namespace libbranch
