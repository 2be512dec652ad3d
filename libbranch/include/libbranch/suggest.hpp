#pragma once
// "Did you mean …?" for ids typed by people (metric ids, branch ids).
#include <string>
#include <string_view>
#include <vector>

namespace libbranch {

/// Up to `max` candidates close to `wanted`, best first: within an edit distance of
/// max(2, |wanted| / 3), or containing `wanted`. Ties keep the candidates' order.
[[nodiscard]] std::vector<std::string> closest_names(std::string_view wanted,
                                                     const std::vector<std::string_view>& candidates,
                                                     std::size_t max = 3);

/// "; did you mean 'a', 'b'?" for closest_names(wanted, candidates), or "" when none is close.
[[nodiscard]] std::string did_you_mean(std::string_view wanted, const std::vector<std::string_view>& candidates);

}  // namespace libbranch
