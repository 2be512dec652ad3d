// The one "did you mean" helper (suggest.hpp), in both of its wordings.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include <libbranch/suggest.hpp>

namespace libbranch {
namespace {

// limit = max(2, |wanted| / 3). "alpah" (5 letters, limit 2): d(alpah, alpha) = 2 (two
// substitutions), d(alpah, zzzzzzzz) = 8; neither contains "alpah".
TEST(Suggest, ListStyleNamesTheCandidatesWithinTheLimit) {
  const std::vector<std::string_view> candidates{"zzzzzzzz", "alpha"};
  EXPECT_EQ(did_you_mean("alpah", candidates), "; did you mean 'alpha'?");
  EXPECT_EQ(did_you_mean("alpah", candidates, SuggestionStyle::list), "; did you mean 'alpha'?");
}

// "abc" (limit 2): d(abc, abd) = 1; d(abc, abc_x) = 2 and it contains "abc" (rank min(2, 2) = 2);
// d(abc, xyz) = 3, out. Best first: abd, abc_x.
TEST(Suggest, ListStyleOrdersByDistance) {
  const std::vector<std::string_view> candidates{"xyz", "abc_x", "abd"};
  EXPECT_EQ(did_you_mean("abc", candidates), "; did you mean 'abd', 'abc_x'?");
}

TEST(Suggest, AsideStyleNamesTheClosestOnly) {
  const std::vector<std::string_view> candidates{"xyz", "abc_x", "abd"};
  EXPECT_EQ(did_you_mean("abc", candidates, SuggestionStyle::aside), " (did you mean 'abd'?)");
}

// The closest candidate of "abd" is "abd" itself (distance 0): the aside wording says nothing,
// the list wording names it and "abc" (distance 1).
TEST(Suggest, AsideStyleIsSilentWhenTheClosestIsTheWordItself) {
  const std::vector<std::string_view> candidates{"abc", "abd"};
  EXPECT_EQ(did_you_mean("abd", candidates, SuggestionStyle::aside), "");
  EXPECT_EQ(did_you_mean("abd", candidates), "; did you mean 'abd', 'abc'?");
}

// d(points, zzzzzzzzzz) = 10 > limit max(2, 6 / 3) = 2.
TEST(Suggest, NothingCloseGivesAnEmptyString) {
  const std::vector<std::string_view> candidates{"zzzzzzzzzz"};
  EXPECT_EQ(did_you_mean("points", candidates), "");
  EXPECT_EQ(did_you_mean("points", candidates, SuggestionStyle::aside), "");
}

TEST(Suggest, OwnedNamesGiveTheSameAsViews) {
  const std::vector<std::string> owned{"per_unit", "target"};
  // d(per_unt, per_unit) = 1 (insert i) ≤ limit 2; d(per_unt, target) = 5 > 2 (p→t, e→a, keep r,
  // _→g, u→e, delete n, keep t).
  EXPECT_EQ(did_you_mean("per_unt", owned, SuggestionStyle::aside), " (did you mean 'per_unit'?)");
  EXPECT_EQ(did_you_mean("per_unt", owned), "; did you mean 'per_unit'?");
}

}  // namespace
}  // namespace libbranch
