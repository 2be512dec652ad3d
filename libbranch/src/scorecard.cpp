#include <libbranch/scorecard.hpp>

#include <string>

#include <libbranch/error.hpp>

namespace libbranch {

std::optional<std::size_t> Scorecard::find_branch(std::string_view branch_id) const {
  for (std::size_t b = 0; b < branch_ids.size(); ++b)
    if (branch_ids[b] == branch_id) return b;
  return std::nullopt;
}

Scorecard scorecard_rows(const Scorecard& card, std::size_t begin, std::size_t end) {
  if (begin > end || end > card.branch_count())
    throw Error("scorecard rows [" + std::to_string(begin) + ", " + std::to_string(end) + ") are not within its " +
                std::to_string(card.branch_count()) + " branches");
  const auto first = static_cast<Eigen::Index>(begin);
  const auto n = static_cast<Eigen::Index>(end - begin);
  Scorecard out;
  out.rubric_name = card.rubric_name;
  out.period = card.period;
  out.branch_ids.assign(card.branch_ids.begin() + first, card.branch_ids.begin() + first + n);
  out.branch_names.assign(card.branch_names.begin() + first, card.branch_names.begin() + first + n);
  out.metrics = card.metrics;
  out.metric_values = card.metric_values.middleRows(first, n);
  out.indicators = card.indicators;
  out.points = card.points.middleRows(first, n);
  out.flags = card.flags.middleRows(first, n);
  out.standards = card.standards;
  out.standard_scores = card.standard_scores.middleRows(first, n);
  out.totals = card.totals.segment(first, n);
  out.bonus = card.bonus.segment(first, n);
  out.rating_labels = card.rating_labels;
  out.ratings.assign(card.ratings.begin() + first, card.ratings.begin() + first + n);
  out.veto_metrics = card.veto_metrics;
  out.star_labels = card.star_labels;
  if (card.has_stars()) {
    out.stars.assign(card.stars.begin() + first, card.stars.begin() + first + n);
    out.star_direct.assign(card.star_direct.begin() + first, card.star_direct.begin() + first + n);
  }
  const std::uint32_t fired_from = card.veto_offsets[begin];
  for (std::size_t b = begin; b <= end; ++b) out.veto_offsets.push_back(card.veto_offsets[b] - fired_from);
  out.fired_vetoes.assign(card.fired_vetoes.begin() + fired_from, card.fired_vetoes.begin() + card.veto_offsets[end]);
  return out;
}

}  // namespace libbranch
