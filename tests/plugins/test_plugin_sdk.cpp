// The plugin SDK (<libbranch/plugin_sdk.hpp>) as a plugin author uses it: one Metric declared with
// designated initialisers, the kind sets and the ready-made batch functions.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include <libbranch/plugin_sdk.hpp>

namespace libbranch {
namespace {

TEST(PluginSdk, MetricDeclaredWithDesignatedInitialisersTakesTheDefaults) {
  const Metric m{.id = "rule_of_law.lecture_hall",
                 .label_zh = "大讲堂次数",
                 .label_en = "lecture hall sessions",
                 .unit = "count",
                 .summary = "Counts the branch's lecture hall sessions (大讲堂) in the period.",
                 .compute = plugins::count_function({ActivityKind::lecture_hall})};
  EXPECT_EQ(m.direction, Direction::benefit);  // the default of Metric::direction
  EXPECT_TRUE(m.params.empty());
  EXPECT_EQ(m.standard(), "rule_of_law");
  EXPECT_TRUE(static_cast<bool>(m.compute));
}

TEST(PluginSdk, MetricDeclaresParametersInline) {
  const Metric m{.id = "cohesion.example",
                 .label_zh = "示例",
                 .label_en = "example",
                 .unit = "count",
                 .direction = Direction::cost,
                 .summary = "Counts nothing.",
                 .params = {ParamSpec{.name = "days",
                                      .min_value = 1,
                                      .default_value = ParamValue(std::int64_t{30}),
                                      .description = "days"}},
                 .compute = plugins::count_function({})};
  EXPECT_EQ(m.direction, Direction::cost);
  ASSERT_NE(m.param("days"), nullptr);
  EXPECT_EQ(m.param("days")->type, ParamSpec::Type::integer);  // ParamSpec's default type
  EXPECT_EQ(m.param("days")->min_value, 1);
  EXPECT_EQ(m.param("other"), nullptr);
}

// A KindSet is the bit mask of the kinds' codes (bit k = kind code k); custom kind codes are never in it.
TEST(PluginSdk, KindSetIsTheMaskOfTheKindCodes) {
  constexpr plugins::KindSet set{ActivityKind::training, ActivityKind::legal_education};
  static_assert(!set.empty());
  EXPECT_EQ(set.bits(), (std::uint64_t{1} << code(ActivityKind::training)) |
                            (std::uint64_t{1} << code(ActivityKind::legal_education)));
  EXPECT_TRUE(set.contains(code(ActivityKind::training)));
  EXPECT_FALSE(set.contains(code(ActivityKind::lecture_hall)));
  EXPECT_FALSE(set.contains(kFirstCustomKind));
  EXPECT_TRUE(plugins::KindSet{}.empty());
}

// N̄ = 0 has no per-member value; otherwise the plain quotient: 6 / 4 = 1.5.
TEST(PluginSdk, PerMeanMemberIsNaNWithoutMembers) {
  EXPECT_TRUE(std::isnan(plugins::per_mean_member(3.0, 0.0)));
  EXPECT_EQ(plugins::per_mean_member(6.0, 4.0), 1.5);
  // (N(from) + N(to)) / 2 = (3 + 4) / 2 = 3.5.
  EXPECT_EQ((plugins::MemberCounts{.at_from = 3, .at_to = 4}.mean()), 3.5);
}

}  // namespace
}  // namespace libbranch
