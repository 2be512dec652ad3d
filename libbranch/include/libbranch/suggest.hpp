#pragma once
// "Did you mean …?" for ids and names typed by people (metric ids, branch ids, rubric keys): the
// one suggestion helper of the library.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <libbranch/export.hpp>

namespace libbranch {

/// Up to `max` candidates close to `wanted`, best first: within an edit distance of
/// max(2, |wanted| / 3), or containing `wanted`. Ties keep the candidates' order.
[[nodiscard]] LIBBRANCH_API std::vector<std::string> closest_names(std::string_view wanted,
                                                                   const std::vector<std::string_view>& candidates,
                                                                   std::size_t max = 3);

/// How did_you_mean() words its suggestion.
enum class SuggestionStyle : std::uint8_t {
  list,   ///< "; did you mean 'a', 'b'?": up to three names (metric and branch ids)
  aside,  ///< " (did you mean 'a'?)": the closest name only, none when it is `wanted` (rubric keys, names)
};

/// The suggestion for closest_names(wanted, candidates) in `style`, or "" when none is close.
[[nodiscard]] LIBBRANCH_API std::string did_you_mean(std::string_view wanted,
                                                     const std::vector<std::string_view>& candidates,
                                                     SuggestionStyle style = SuggestionStyle::list);
/// The same for owned names.
[[nodiscard]] LIBBRANCH_API std::string did_you_mean(std::string_view wanted, const std::vector<std::string>& candidates,
                                                     SuggestionStyle style = SuggestionStyle::list);

}  // namespace libbranch
