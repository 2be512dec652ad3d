#include <libbranch/suggest.hpp>

#include <algorithm>

#include "edit_distance.hpp"

namespace libbranch {

std::vector<std::string> closest_names(std::string_view wanted, const std::vector<std::string_view>& candidates,
                                       std::size_t max) {
  const std::size_t limit = std::max<std::size_t>(2, wanted.size() / 3);
  std::vector<std::pair<std::size_t, std::string_view>> ranked;
  for (const std::string_view c : candidates) {
    const std::size_t d = detail::edit_distance(wanted, c);
    const bool contains = !wanted.empty() && c.find(wanted) != std::string_view::npos;
    if (d <= limit || contains) ranked.emplace_back(contains ? std::min(d, limit) : d, c);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < ranked.size() && i < max; ++i) out.emplace_back(ranked[i].second);
  return out;
}

std::string did_you_mean(std::string_view wanted, const std::vector<std::string_view>& candidates,
                         SuggestionStyle style) {
  if (style == SuggestionStyle::aside) {
    const std::vector<std::string> best = closest_names(wanted, candidates, 1);
    if (best.empty() || best.front() == wanted) return {};
    return " (did you mean '" + best.front() + "'?)";
  }
  std::string out;
  for (const std::string& name : closest_names(wanted, candidates))
    out += (out.empty() ? "; did you mean '" : ", '") + name + "'";
  return out.empty() ? out : out + "?";
}

std::string did_you_mean(std::string_view wanted, const std::vector<std::string>& candidates,
                         SuggestionStyle style) {
  const std::vector<std::string_view> views(candidates.begin(), candidates.end());
  return did_you_mean(wanted, views, style);
}

}  // namespace libbranch
