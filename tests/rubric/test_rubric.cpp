// Rubric parsing, validation (docs/reference/rubrics.md), metric checks, JSON round trip and the
// default rubric (§5.5).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <libbranch/error.hpp>
#include <libbranch/registry.hpp>
#include <libbranch/rubric.hpp>
#include <libbranch/rules.hpp>

#ifndef LIBBRANCH_FIXTURES_DIR
#error "LIBBRANCH_FIXTURES_DIR must name tests/fixtures"
#endif
#ifndef LIBBRANCH_SOURCE_DIR
#error "LIBBRANCH_SOURCE_DIR must name the source tree"
#endif

namespace libbranch {
namespace {

using ::testing::HasSubstr;

// The example of docs/reference/rubrics.md, verbatim.
constexpr const char* kSpecExample = R"({
  "name": "标准化规范化党支部考评细则（默认）",
  "missing": "zero",
  "standards": [
    {"id": "rule_of_law", "name": "依法治理好", "indicators": [
      {"id": "legal_education", "metric": "rule_of_law.legal_education", "points": 4,
       "rule": {"type": "target", "target": 10, "deduct_per_unit": 1}}
    ]}
  ],
  "vetoes": [{"metric": "rule_of_law.serious_violations", "op": ">", "value": 0, "rating": "不合格"}],
  "ratings": [{"min": 90, "label": "优秀"}, {"min": 80, "label": "良好"},
              {"min": 60, "label": "合格"}, {"min": null, "label": "不合格"}]
})";

// Every rule type, params, overrides and a bonus. Tests below break one thing at a time.
constexpr const char* kRich = R"({
  "name": "rich",
  "missing": "full",
  "standards": [
    {"id": "s1", "name": "一", "indicators": [
      {"id": "a", "metric": "m.a", "points": 4, "rule": {"type": "linear_cap", "per_unit": 0.5}},
      {"id": "b", "metric": "m.b", "points": 4, "rule": {"type": "target", "target": 10, "deduct_per_unit": 1}},
      {"id": "c", "metric": "m.c", "points": 3, "rule": {"type": "ratio", "target": 5}, "missing": "exclude"},
      {"id": "d", "metric": "m.d", "points": 5,
       "rule": {"type": "bands", "bands": [{"min": 5, "max": null, "points": 5}, {"min": 3, "max": 5, "points": 3}, {"min": null, "max": 3, "points": 1}]}}
    ]},
    {"id": "s2", "indicators": [
      {"id": "e", "metric": "m.e", "points": 2, "rule": {"type": "boolean"}, "missing": null},
      {"id": "f", "metric": "m.f", "points": 4, "rule": {"type": "deduction", "per_unit": 80}, "missing": "zero"},
      {"id": "g", "metric": "m.g", "points": 3, "rule": {"type": "rank", "points_by_rank": [3, 2.5, 2], "otherwise": 1, "order": "asc"}, "group_by": "org_type"},
      {"id": "h", "metric": "m.h", "points": 2, "rule": {"type": "relative_to_best"}, "group_by": "parent_id"},
      {"id": "i", "metric": "m.i", "params": {"term_years": 5, "mode": "strict"}, "points": 3, "rule": {"type": "minmax", "order": "desc"}, "group_by": null}
    ]}
  ],
  "bonuses": [
    {"id": "honors", "metric": "obs.honors", "params": {"agg": "sum"}, "points": 5, "rule": {"type": "linear_cap", "per_unit": 1}}
  ],
  "vetoes": [
    {"metric": "m.v", "op": ">=", "value": 1, "rating": "不合格"},
    {"metric": "obs.incidents", "params": {"agg": "max"}, "op": "!=", "value": 0, "rating": "合格"}
  ],
  "ratings": [{"min": 90, "label": "优秀"}, {"min": 60, "label": "合格"}, {"min": null, "label": "不合格"}]
})";

/// `text` with the first occurrence of `from` replaced by `to` (which must occur).
std::string with(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) {
    ADD_FAILURE() << "test bug: '" << from << "' not in the rubric text";
    return text;
  }
  return text.replace(at, from.size(), to);
}

/// The JSON path of the RubricError that parsing `text` throws ("<no error>" if none).
std::string error_path(const std::string& text, std::string* message = nullptr) {
  try {
    (void)Rubric::parse(text, "test.json");
  } catch (const RubricError& e) {
    if (message != nullptr) *message = e.what();
    return e.json_path();
  }
  return "<no error>";
}

/// Asserts that parsing `text` fails at `path` with a message containing every one of `parts`.
void expect_rejected(const std::string& text, const std::string& path, const std::vector<std::string>& parts = {}) {
  std::string message;
  EXPECT_EQ(error_path(text, &message), path) << message;
  for (const std::string& part : parts) EXPECT_THAT(message, HasSubstr(part)) << "at " << path;
}

// ---------------------------------------------------------------------------------------------
// Parsing

TEST(RubricParse, SpecExample) {
  const Rubric r = Rubric::parse(kSpecExample, "example.json");
  EXPECT_EQ(r.name, "标准化规范化党支部考评细则（默认）");
  EXPECT_EQ(r.missing, MissingPolicy::zero);
  ASSERT_EQ(r.standards.size(), 1u);
  EXPECT_EQ(r.standards[0].id, "rule_of_law");
  EXPECT_EQ(r.standards[0].name, "依法治理好");
  ASSERT_EQ(r.standards[0].indicators.size(), 1u);
  const Indicator& i = r.standards[0].indicators[0];
  EXPECT_EQ(i.id, "legal_education");
  EXPECT_EQ(i.metric, "rule_of_law.legal_education");
  EXPECT_EQ(i.points, 4);
  EXPECT_EQ(i.rule.type, RuleType::target);
  EXPECT_EQ(i.rule.target, 10);
  EXPECT_EQ(i.rule.deduct_per_unit, 1);
  EXPECT_FALSE(i.missing.has_value());
  EXPECT_EQ(i.group_by, GroupBy::none);
  EXPECT_TRUE(i.params.empty());
  EXPECT_TRUE(r.bonuses.empty());
  ASSERT_EQ(r.vetoes.size(), 1u);
  EXPECT_EQ(r.vetoes[0].metric, "rule_of_law.serious_violations");
  EXPECT_EQ(r.vetoes[0].op, VetoOp::gt);
  EXPECT_EQ(r.vetoes[0].value, 0);
  EXPECT_EQ(r.vetoes[0].rating, "不合格");
  ASSERT_EQ(r.ratings.size(), 4u);
  EXPECT_EQ(r.ratings[0].min, 90);
  EXPECT_EQ(r.ratings[2].label, "合格");
  EXPECT_FALSE(r.ratings[3].min.has_value());
  EXPECT_EQ(r.ratings[3].label, "不合格");
  EXPECT_EQ(r.source, "example.json");
}

TEST(RubricParse, EveryRuleTypeAndOption) {
  const Rubric r = Rubric::parse(kRich, "rich.json");
  EXPECT_EQ(r.missing, MissingPolicy::full);
  ASSERT_EQ(r.standards.size(), 2u);
  EXPECT_EQ(r.standards[1].name, "s2") << "name defaults to the id";
  const auto& s1 = r.standards[0].indicators;
  const auto& s2 = r.standards[1].indicators;
  EXPECT_EQ(s1[0].rule.type, RuleType::linear_cap);
  EXPECT_EQ(s1[0].rule.per_unit, 0.5);
  EXPECT_EQ(s1[2].rule.type, RuleType::ratio);
  EXPECT_EQ(s1[2].missing, MissingPolicy::exclude);
  ASSERT_EQ(s1[3].rule.bands.size(), 3u);
  EXPECT_EQ(s1[3].rule.bands[0], (Band{5, std::nullopt, 5}));
  EXPECT_EQ(s1[3].rule.bands[2], (Band{std::nullopt, 3, 1}));
  EXPECT_FALSE(s2[0].missing.has_value()) << "\"missing\": null means the rubric's policy";
  EXPECT_EQ(r.missing_policy(s2[0]), MissingPolicy::full);
  EXPECT_EQ(r.missing_policy(s2[1]), MissingPolicy::zero);
  EXPECT_EQ(s2[1].rule.type, RuleType::deduction);
  EXPECT_EQ(s2[1].rule.per_unit, 80);
  EXPECT_EQ(s2[2].rule.type, RuleType::rank);
  EXPECT_EQ(s2[2].rule.points_by_rank, (std::vector<double>{3, 2.5, 2}));
  EXPECT_EQ(s2[2].rule.otherwise, 1);
  EXPECT_TRUE(s2[2].rule.ascending);
  EXPECT_EQ(s2[2].group_by, GroupBy::org_type);
  EXPECT_EQ(s2[3].rule.type, RuleType::relative_to_best);
  EXPECT_FALSE(s2[3].rule.ascending) << "order defaults to desc";
  EXPECT_EQ(s2[3].group_by, GroupBy::parent_id);
  EXPECT_EQ(s2[4].rule.type, RuleType::minmax);
  EXPECT_EQ(s2[4].group_by, GroupBy::none);
  EXPECT_EQ(s2[4].params.integer("term_years"), 5);
  EXPECT_EQ(s2[4].params.text("mode"), "strict");
  // Params keep the rubric's order.
  ASSERT_EQ(s2[4].params.entries().size(), 2u);
  EXPECT_EQ(s2[4].params.entries()[0].first, "term_years");
  ASSERT_EQ(r.bonuses.size(), 1u);
  EXPECT_EQ(r.bonuses[0].params.text("agg"), "sum");
  ASSERT_EQ(r.vetoes.size(), 2u);
  EXPECT_EQ(r.vetoes[0].op, VetoOp::ge);
  EXPECT_EQ(r.vetoes[1].op, VetoOp::ne);
  EXPECT_EQ(r.vetoes[1].params.text("agg"), "max");
}

TEST(RubricParse, RankOtherwiseDefaultsToZero) {
  const Rubric r = Rubric::parse(
      with(kRich, R"("points_by_rank": [3, 2.5, 2], "otherwise": 1,)", R"("points_by_rank": [3, 2.5, 2],)"), "t");
  EXPECT_EQ(r.standards[1].indicators[2].rule.otherwise, 0);
}

TEST(RubricParse, NameDefaultsToTheFileStem) {
  const Rubric r = Rubric::parse(with(kRich, R"("name": "rich",)", ""), "dir/county_2024.json");
  EXPECT_EQ(r.name, "county_2024");
}

TEST(RubricParse, MissingPolicyDefaultsToZero) {
  EXPECT_EQ(Rubric::parse(with(kRich, R"("missing": "full",)", ""), "t").missing, MissingPolicy::zero);
}

TEST(RubricParse, WholeNumberParamsGivenAsFloatsAreIntegers) {
  const Rubric r = Rubric::parse(with(kRich, R"("term_years": 5,)", R"("term_years": 5.0,)"), "t");
  EXPECT_EQ(r.standards[1].indicators[4].params.integer("term_years"), 5);
  const Rubric e = Rubric::parse(with(kRich, R"("term_years": 5,)", R"("term_years": 1e3,)"), "t");
  EXPECT_EQ(e.standards[1].indicators[4].params.integer("term_years"), 1000);
  const Rubric n = Rubric::parse(with(kRich, R"("term_years": 5,)", R"("term_years": -2,)"), "t");
  EXPECT_EQ(n.standards[1].indicators[4].params.integer("term_years"), -2) << "domains are checked by check_metrics";
}

TEST(RubricParse, MessagesNameTheSourceAndThePath) {
  try {
    (void)Rubric::parse(
        with(kRich, R"("points": 4, "rule": {"type": "linear_cap")", R"("points": -4, "rule": {"type": "linear_cap")"),
        "rubrics/county.json");
    FAIL() << "expected a RubricError";
  } catch (const RubricError& e) {
    EXPECT_EQ(e.json_path(), "standards[0].indicators[0].points");
    EXPECT_THAT(e.what(), HasSubstr("standards[0].indicators[0].points: "));
    EXPECT_THAT(e.what(), HasSubstr("found -4"));
    EXPECT_THAT(e.what(), HasSubstr(">= 0"));
    EXPECT_THAT(e.what(), HasSubstr("rubrics/county.json"));
  }
}

// ---------------------------------------------------------------------------------------------
// Syntax and JSON types

TEST(RubricValidation, NotJson) {
  expect_rejected("{\"name\": \"x\",", "", {"not valid JSON", "test.json"});
  expect_rejected("", "", {"not valid JSON"});
  expect_rejected("[1, 2]", "", {"found an array", "JSON object"});
}

TEST(RubricValidation, RepeatedKeyInAnObject) {
  expect_rejected(
      with(kRich, R"("points": 3, "rule": {"type": "ratio")", R"("points": 3, "points": 2, "rule": {"type": "ratio")"),
      "standards[0].indicators[2].points", {"appears twice"});
  expect_rejected(with(kRich, R"("label": "优秀")", R"("label": "优秀", "label": "A")"), "ratings[0].label", {"twice"});
  expect_rejected(
      with(kRich, R"({"min": 5, "max": null, "points": 5})", R"({"min": 5, "min": 4, "max": null, "points": 5})"),
      "standards[0].indicators[3].rule.bands[0].min");
  expect_rejected(with(kRich, R"("agg": "sum")", R"("agg": "sum", "agg": "max")"), "bonuses[0].params.agg");
}

TEST(RubricValidation, WrongJsonTypes) {
  expect_rejected(
      with(kRich, R"("points": 4, "rule": {"type": "linear_cap")", R"("points": "4", "rule": {"type": "linear_cap")"),
      "standards[0].indicators[0].points", {"found a string (\"4\")", "must be a number"});
  expect_rejected(
      with(kRich, R"("points": 4, "rule": {"type": "linear_cap")", R"("points": true, "rule": {"type": "linear_cap")"),
      "standards[0].indicators[0].points", {"found true"});
  expect_rejected(with(kRich, R"("per_unit": 0.5)", R"("per_unit": null)"), "standards[0].indicators[0].rule.per_unit",
                  {"found null"});
  expect_rejected(with(kRich, R"("name": "rich")", R"("name": 7)"), "name", {"found the number 7", "string"});
  expect_rejected(with(kRich, R"("id": "s1")", R"("id": ["s1"])"), "standards[0].id", {"found an array"});
  expect_rejected(with(kRich, R"("metric": "m.a")", R"("metric": 1)"), "standards[0].indicators[0].metric");
  expect_rejected(with(kRich, R"("rule": {"type": "boolean"})", R"("rule": "boolean")"),
                  "standards[1].indicators[0].rule", {"JSON object"});
  expect_rejected(R"({"standards": [{"id": "s", "indicators": {"a": 1}}], "ratings": [{"min": null, "label": "x"}]})",
                  "standards[0].indicators", {"found an object", "JSON array"});
  expect_rejected(R"({"standards": {}, "ratings": [{"min": null, "label": "x"}]})", "standards", {"JSON array"});
}

TEST(RubricValidation, WrongJsonTypesInBandsRatingsAndVetoes) {
  expect_rejected(with(kRich, R"({"min": 3, "max": 5, "points": 3})", R"({"min": "3", "max": 5, "points": 3})"),
                  "standards[0].indicators[3].rule.bands[1].min", {"number or null"});
  expect_rejected(with(kRich, R"("points_by_rank": [3, 2.5, 2])", R"("points_by_rank": [3, "2.5", 2])"),
                  "standards[1].indicators[2].rule.points_by_rank[1]");
  expect_rejected(with(kRich, R"("points_by_rank": [3, 2.5, 2])", R"("points_by_rank": 3)"),
                  "standards[1].indicators[2].rule.points_by_rank", {"JSON array"});
  expect_rejected(with(kRich, R"({"min": 90, "label": "优秀"})", R"({"min": "90", "label": "优秀"})"),
                  "ratings[0].min");
  expect_rejected(with(kRich, R"({"min": 90, "label": "优秀"})", R"({"min": 90, "label": null})"), "ratings[0].label");
  expect_rejected(with(kRich, R"("op": ">=", "value": 1)", R"("op": ">=", "value": "1")"), "vetoes[0].value");
  const std::string minimal_head =
      R"({"standards": [{"id": "s", "indicators": [{"id": "a", "metric": "m", "points": 1, "rule": {"type": "boolean"}}]}], )";
  const std::string minimal_tail = R"("ratings": [{"min": null, "label": "x"}]})";
  expect_rejected(minimal_head + R"("bonuses": 5, )" + minimal_tail, "bonuses", {"found the number 5", "JSON array"});
  expect_rejected(minimal_head + R"("vetoes": {}, )" + minimal_tail, "vetoes", {"found an object", "JSON array"});
  expect_rejected(minimal_head + R"("vetoes": [5], )" + minimal_tail, "vetoes[0]", {"JSON object"});
}

TEST(RubricValidation, ParamsAreIntegersOrStrings) {
  const std::string agg = R"("agg": "sum")";
  expect_rejected(with(kRich, agg, R"("agg": true)"), "bonuses[0].params.agg", {"found true", "integer or a string"});
  expect_rejected(with(kRich, agg, R"("agg": 2.5)"), "bonuses[0].params.agg", {"found the number 2.5"});
  expect_rejected(with(kRich, agg, R"("agg": null)"), "bonuses[0].params.agg");
  expect_rejected(with(kRich, agg, R"("agg": ["sum"])"), "bonuses[0].params.agg");
  expect_rejected(with(kRich, agg, R"("agg": {"x": 1})"), "bonuses[0].params.agg");
  expect_rejected(with(kRich, agg, R"("agg": 18446744073709551615)"), "bonuses[0].params.agg", {"too large"});
  expect_rejected(with(kRich, agg, R"("agg": 1e300)"), "bonuses[0].params.agg");
  expect_rejected(with(kRich, R"("params": {"agg": "sum"})", R"("params": ["agg", "sum"])"), "bonuses[0].params",
                  {"JSON object"});
  expect_rejected(with(kRich, R"("params": {"agg": "max"})", R"("params": {"agg": 0.5})"), "vetoes[1].params.agg");
}

TEST(RubricValidation, NumbersOutOfRange) {
  std::string message;
  const std::string path = error_path(with(kRich, R"("per_unit": 0.5)", R"("per_unit": 1e999)"), &message);
  // Either the JSON reader rejects the literal or it reads as infinity, which we reject.
  EXPECT_TRUE(path.empty() || path == "standards[0].indicators[0].rule.per_unit") << path << ": " << message;
}

// ---------------------------------------------------------------------------------------------
// Unknown keys (typos are errors, not silently ignored)

TEST(RubricValidation, UnknownKeysEverywhere) {
  expect_rejected(
      with(kRich, R"("id": "a", "metric": "m.a", "points": 4)", R"("id": "a", "metric": "m.a", "point": 4)"),
      "standards[0].indicators[0].point", {"unknown key 'point'", "did you mean 'points'", "rule"});
  expect_rejected(with(kRich, R"("standards": [)", R"("standard": [], "standards": [)"), "standard",
                  {"did you mean 'standards'"});
  expect_rejected(with(kRich, R"("id": "s1", "name": "一")", R"("id": "s1", "nmae": "一")"), "standards[0].nmae");
  expect_rejected(with(kRich, R"({"min": 90, "label": "优秀"})", R"({"min": 90, "max": 100, "label": "优秀"})"),
                  "ratings[0].max");
  expect_rejected(with(kRich, R"("op": ">=", "value": 1)", R"("op": ">=", "threshold": 2, "value": 1)"),
                  "vetoes[0].threshold");
  expect_rejected(
      with(kRich, R"({"min": 5, "max": null, "points": 5})", R"({"min": 5, "max": null, "points": 5, "label": "x"})"),
      "standards[0].indicators[3].rule.bands[0].label");
}

TEST(RubricValidation, RuleFieldsOfAnotherTypeAreUnknown) {
  // A target rule takes target and deduct_per_unit, not per_unit.
  expect_rejected(
      with(kRich, R"("target": 10, "deduct_per_unit": 1})", R"("target": 10, "deduct_per_unit": 1, "per_unit": 1})"),
      "standards[0].indicators[1].rule.per_unit", {"a target rule takes type, target, deduct_per_unit"});
  // order belongs to rank, relative_to_best and minmax only.
  expect_rejected(with(kRich, R"({"type": "ratio", "target": 5})", R"({"type": "ratio", "target": 5, "order": "asc"})"),
                  "standards[0].indicators[2].rule.order");
  expect_rejected(with(kRich, R"({"type": "boolean"})", R"({"type": "boolean", "target": 1})"),
                  "standards[1].indicators[0].rule.target");
  expect_rejected(with(kRich, R"({"type": "relative_to_best"})", R"({"type": "relative_to_best", "otherwise": 1})"),
                  "standards[1].indicators[3].rule.otherwise");
}

// The keys of each rule type, from docs/reference/rubrics.md §4: the type, the type's fields
// (required ones first), and "order" for the relative types. Unknown keys are checked before
// missing ones, so a rule of only a type and an unknown key names them all.
TEST(RubricValidation, EachRuleTypeTakesItsOwnKeys) {
  const std::pair<const char*, const char*> takes[] = {
      {"linear_cap", "type, per_unit"},
      {"target", "type, target, deduct_per_unit"},
      {"ratio", "type, target"},
      {"bands", "type, bands"},
      {"boolean", "type"},
      {"deduction", "type, per_unit"},
      {"rank", "type, points_by_rank, otherwise, order"},
      {"relative_to_best", "type, order"},
      {"minmax", "type, order"},
  };
  for (const auto& [type, keys] : takes) {
    const std::string rule = std::string(R"({"type": ")") + type + R"(", "bogus": 1})";
    expect_rejected(with(kRich, R"({"type": "boolean"})", rule), "standards[1].indicators[0].rule.bogus",
                    {std::string("a ") + type + " rule takes " + keys});
  }
}

// ---------------------------------------------------------------------------------------------
// Rules

TEST(RubricValidation, UnknownRuleType) {
  expect_rejected(with(kRich, R"("type": "linear_cap", "per_unit": 0.5)", R"("type": "linar_cap", "per_unit": 0.5)"),
                  "standards[0].indicators[0].rule.type",
                  {"unknown rule type 'linar_cap'", "did you mean 'linear_cap'", "relative_to_best"});
  expect_rejected(with(kRich, R"({"type": "boolean"})", R"({"type": "Boolean"})"),
                  "standards[1].indicators[0].rule.type");
  expect_rejected(with(kRich, R"({"type": "boolean"})", R"({"type": 1})"), "standards[1].indicators[0].rule.type");
}

TEST(RubricValidation, MissingRuleFields) {
  expect_rejected(with(kRich, R"({"type": "boolean"})", R"({})"), "standards[1].indicators[0].rule.type", {"missing"});
  expect_rejected(with(kRich, R"("target": 10, "deduct_per_unit": 1})", R"("target": 10})"),
                  "standards[0].indicators[1].rule.deduct_per_unit", {"missing", "target and deduct_per_unit"});
  expect_rejected(with(kRich, R"({"type": "ratio", "target": 5})", R"({"type": "ratio"})"),
                  "standards[0].indicators[2].rule.target", {"missing"});
  expect_rejected(with(kRich, R"({"type": "linear_cap", "per_unit": 0.5})", R"({"type": "linear_cap"})"),
                  "standards[0].indicators[0].rule.per_unit");
  expect_rejected(with(kRich, R"({"type": "deduction", "per_unit": 80})", R"({"type": "deduction"})"),
                  "standards[1].indicators[1].rule.per_unit");
  expect_rejected(with(kRich, R"("points_by_rank": [3, 2.5, 2], )", ""),
                  "standards[1].indicators[2].rule.points_by_rank");
  expect_rejected(with(kRich, R"("type": "bands", "bands": [)", R"("type": "bands", "bandz": [)"),
                  "standards[0].indicators[3].rule.bandz");
  expect_rejected(with(kRich, R"({"min": 3, "max": 5, "points": 3})", R"({"min": 3, "max": 5})"),
                  "standards[0].indicators[3].rule.bands[1].points");
}

TEST(RubricValidation, MissingIndicatorFields) {
  for (const std::string field : {R"("id": "a", )", R"("metric": "m.a", )", R"("points": 4, )"}) {
    const std::string key = field.substr(1, field.find('"', 1) - 1);
    expect_rejected(with(kRich, field, ""), "standards[0].indicators[0]." + key,
                    {"missing", "id, metric, points and rule"});
  }
  expect_rejected(with(kRich, R"(, "rule": {"type": "linear_cap", "per_unit": 0.5})", ""),
                  "standards[0].indicators[0].rule");
}

TEST(RubricValidation, MissingTopLevelAndVetoFields) {
  expect_rejected(R"({"name": "x", "ratings": [{"min": null, "label": "a"}]})", "standards", {"missing"});
  expect_rejected(
      with(
          kRich,
          R"("ratings": [{"min": 90, "label": "优秀"}, {"min": 60, "label": "合格"}, {"min": null, "label": "不合格"}])",
          R"("x_ratings": [])"),
      "x_ratings");
  expect_rejected(
      R"({"standards": [{"id": "s", "indicators": [{"id": "a", "metric": "m", "points": 1, "rule": {"type": "boolean"}}]}]})",
      "ratings", {"missing"});
  expect_rejected(with(kRich, R"("op": ">=", "value": 1, )", R"("op": ">=", )"), "vetoes[0].value", {"missing"});
  expect_rejected(with(kRich, R"("metric": "m.v", )", ""), "vetoes[0].metric");
  expect_rejected(with(kRich, R"(, "rating": "合格"})", "}"), "vetoes[1].rating");
  expect_rejected(with(kRich, R"("id": "s2", )", ""), "standards[1].id");
}

TEST(RubricValidation, OrderIsDescOrAsc) {
  expect_rejected(with(kRich, R"("order": "asc")", R"("order": "ascending")"), "standards[1].indicators[2].rule.order",
                  {"\"desc\"", "\"asc\""});
  expect_rejected(with(kRich, R"("order": "desc")", R"("order": true)"), "standards[1].indicators[4].rule.order");
}

TEST(RubricValidation, NegativePointsAnywhere) {
  expect_rejected(
      with(kRich, R"("points": 4, "rule": {"type": "target")", R"("points": -1, "rule": {"type": "target")"),
      "standards[0].indicators[1].points", {"found -1", ">= 0"});
  expect_rejected(with(kRich, R"({"min": 3, "max": 5, "points": 3})", R"({"min": 3, "max": 5, "points": -3})"),
                  "standards[0].indicators[3].rule.bands[1].points", {">= 0"});
  expect_rejected(with(kRich, R"("points_by_rank": [3, 2.5, 2])", R"("points_by_rank": [3, 2.5, -2])"),
                  "standards[1].indicators[2].rule.points_by_rank[2]", {">= 0"});
  expect_rejected(with(kRich, R"("otherwise": 1)", R"("otherwise": -0.5)"), "standards[1].indicators[2].rule.otherwise",
                  {">= 0"});
  expect_rejected(with(kRich, R"("points": 5, "rule": {"type": "linear_cap", "per_unit": 1})",
                       R"("points": -5, "rule": {"type": "linear_cap", "per_unit": 1})"),
                  "bonuses[0].points");
}

TEST(RubricValidation, BandAndRankPointsAboveTheIndicatorsPoints) {
  expect_rejected(with(kRich, R"({"min": 5, "max": null, "points": 5})", R"({"min": 5, "max": null, "points": 5.5})"),
                  "standards[0].indicators[3].rule.bands[0].points",
                  {"found 5.5", "more than the indicator's points (5)"});
  expect_rejected(with(kRich, R"("points_by_rank": [3, 2.5, 2])", R"("points_by_rank": [4, 2.5, 2])"),
                  "standards[1].indicators[2].rule.points_by_rank[0]", {"more than the indicator's points (3)"});
  expect_rejected(with(kRich, R"("otherwise": 1)", R"("otherwise": 3.5)"), "standards[1].indicators[2].rule.otherwise");
  // Equal to P is allowed.
  EXPECT_NO_THROW((void)Rubric::parse(with(kRich, R"("otherwise": 1)", R"("otherwise": 3)"), "t"));
}

TEST(RubricValidation, ZeroPointsAreAllowed) {
  EXPECT_NO_THROW((void)Rubric::parse(
      with(kRich, R"("points": 2, "rule": {"type": "boolean"})", R"("points": 0, "rule": {"type": "boolean"})"), "t"));
}

TEST(RubricValidation, RatioTargetMustBePositive) {
  expect_rejected(with(kRich, R"({"type": "ratio", "target": 5})", R"({"type": "ratio", "target": 0})"),
                  "standards[0].indicators[2].rule.target", {"found 0", "> 0"});
  expect_rejected(with(kRich, R"({"type": "ratio", "target": 5})", R"({"type": "ratio", "target": -5})"),
                  "standards[0].indicators[2].rule.target");
  // A target rule's target may be anything.
  EXPECT_NO_THROW((void)Rubric::parse(
      with(kRich, R"("target": 10, "deduct_per_unit": 1)", R"("target": 0, "deduct_per_unit": 1)"), "t"));
}

TEST(RubricValidation, BandsNeedAtLeastOneNonEmptyBand) {
  expect_rejected(
      with(
          kRich,
          R"("bands": [{"min": 5, "max": null, "points": 5}, {"min": 3, "max": 5, "points": 3}, {"min": null, "max": 3, "points": 1}])",
          R"("bands": [])"),
      "standards[0].indicators[3].rule.bands");
  expect_rejected(with(kRich, R"({"min": 3, "max": 5, "points": 3})", R"({"min": 5, "max": 5, "points": 3})"),
                  "standards[0].indicators[3].rule.bands[1].max", {"max must be > min"});
  // Absent ends are unbounded.
  const Rubric r =
      Rubric::parse(with(kRich, R"({"min": 5, "max": null, "points": 5})", R"({"min": 5, "points": 5})"), "t");
  EXPECT_FALSE(r.standards[0].indicators[3].rule.bands[0].max.has_value());
}

// ---------------------------------------------------------------------------------------------
// Ratings and vetoes

TEST(RubricValidation, RatingsStrictlyDescending) {
  expect_rejected(with(kRich, R"({"min": 60, "label": "合格"})", R"({"min": 95, "label": "合格"})"), "ratings[1].min",
                  {"found 95 after 90", "strictly descending"});
  expect_rejected(with(kRich, R"({"min": 60, "label": "合格"})", R"({"min": 90, "label": "合格"})"), "ratings[1].min");
}

TEST(RubricValidation, RatingsEndWithNullMinAndOnlyThere) {
  expect_rejected(with(kRich, R"({"min": null, "label": "不合格"})", R"({"min": 0, "label": "不合格"})"),
                  "ratings[2].min", {"last rating must have \"min\": null"});
  expect_rejected(with(kRich, R"({"min": null, "label": "不合格"})", R"({"label": "不合格", "min": 10})"),
                  "ratings[2].min");
  expect_rejected(with(kRich, R"({"min": 60, "label": "合格"})", R"({"min": null, "label": "合格"})"), "ratings[1].min",
                  {"only the last rating"});
  expect_rejected(
      with(
          kRich,
          R"("ratings": [{"min": 90, "label": "优秀"}, {"min": 60, "label": "合格"}, {"min": null, "label": "不合格"}])",
          R"("ratings": [])"),
      "ratings", {"at least one"});
  // An absent min counts as null; a single catch-all rating is fine.
  const Rubric r = Rubric::parse(with(kRich, R"({"min": null, "label": "不合格"})", R"({"label": "不合格"})"), "t");
  EXPECT_FALSE(r.ratings[2].min.has_value());
}

TEST(RubricValidation, DuplicateAndEmptyRatingLabels) {
  expect_rejected(with(kRich, R"({"min": null, "label": "不合格"})", R"({"min": null, "label": "优秀"})"),
                  "ratings[2].label", {"'优秀' again", "ratings[0]"});
  expect_rejected(with(kRich, R"({"min": 90, "label": "优秀"})", R"({"min": 90, "label": ""})"), "ratings[0].label");
}

TEST(RubricValidation, VetoRatingMustBeALabel) {
  expect_rejected(with(kRich, R"("rating": "合格"})", R"("rating": "及格"})"), "vetoes[1].rating",
                  {"'及格'", "优秀, 合格, 不合格"});
}

TEST(RubricValidation, UnknownVetoOp) {
  expect_rejected(with(kRich, R"("op": ">=")", R"("op": "=>")"), "vetoes[0].op",
                  {"unknown op '=>'", "> >= < <= == !="});
  expect_rejected(with(kRich, R"("op": ">=")", R"("op": "gt")"), "vetoes[0].op");
}

// ---------------------------------------------------------------------------------------------
// Ids

TEST(RubricValidation, DuplicateStandardIds) {
  expect_rejected(with(kRich, R"({"id": "s2", "indicators")", R"({"id": "s1", "indicators")"), "standards[1].id",
                  {"'s1' again", "standards[0]"});
}

TEST(RubricValidation, StandardIdPattern) {
  for (const std::string bad : {"Rule_of_law", "rule-of-law", "rule of law", "", "法治", "a.b"}) {
    SCOPED_TRACE(bad);
    expect_rejected(with(kRich, R"("id": "s1")", "\"id\": \"" + bad + "\""), "standards[0].id", {"a-z, 0-9 and _"});
  }
  EXPECT_NO_THROW((void)Rubric::parse(with(kRich, R"("id": "s1")", R"("id": "party_building_2024")"), "t"));
}

TEST(RubricValidation, StandardIdsThatAreSummaryColumns) {
  for (const std::string reserved : {"branch_id", "name", "total", "rating", "bonus", "vetoes"}) {
    SCOPED_TRACE(reserved);
    expect_rejected(with(kRich, R"("id": "s2")", "\"id\": \"" + reserved + "\""), "standards[1].id",
                    {"column of the summary"});
  }
}

TEST(RubricValidation, IndicatorIdsRepeatedAnywhere) {
  // within a standard
  expect_rejected(with(kRich, R"("id": "b")", R"("id": "a")"), "standards[0].indicators[1].id",
                  {"'a' again", "standards[0].indicators[0]"});
  // across standards
  expect_rejected(with(kRich, R"("id": "e")", R"("id": "c")"), "standards[1].indicators[0].id",
                  {"standards[0].indicators[2]"});
  // a bonus reusing an indicator id
  expect_rejected(with(kRich, R"("id": "honors")", R"("id": "g")"), "bonuses[0].id", {"bonuses included"});
  // empty
  expect_rejected(with(kRich, R"("id": "d")", R"("id": "")"), "standards[0].indicators[3].id");
  // an indicator may share its standard's id
  EXPECT_NO_THROW((void)Rubric::parse(with(kRich, R"("id": "a")", R"("id": "s1")"), "t"));
}

TEST(RubricValidation, EmptyStandardsAndIndicators) {
  expect_rejected(R"({"standards": [], "ratings": [{"min": null, "label": "a"}]})", "standards",
                  {"at least one standard"});
  expect_rejected(R"({"standards": [{"id": "s", "indicators": []}], "ratings": [{"min": null, "label": "a"}]})",
                  "standards[0].indicators", {"at least one indicator"});
  expect_rejected(with(kRich, R"("metric": "m.a")", R"("metric": "")"), "standards[0].indicators[0].metric");
}

// ---------------------------------------------------------------------------------------------
// Enumerated values

TEST(RubricValidation, UnknownMissingPolicy) {
  expect_rejected(with(kRich, R"("missing": "exclude")", R"("missing": "none")"), "standards[0].indicators[2].missing",
                  {"unknown missing policy 'none'", "zero, full, exclude"});
  expect_rejected(with(kRich, R"("missing": "exclude")", R"("missing": "exlcude")"),
                  "standards[0].indicators[2].missing", {"did you mean 'exclude'"});
  expect_rejected(with(kRich, R"("missing": "full")", R"("missing": "all")"), "missing");
  expect_rejected(with(kRich, R"("missing": "full")", R"("missing": null)"), "missing");
  expect_rejected(with(kRich, R"("missing": "exclude")", R"("missing": 0)"), "standards[0].indicators[2].missing");
}

TEST(RubricValidation, UnknownGroupBy) {
  expect_rejected(with(kRich, R"("group_by": "org_type")", R"("group_by": "parent")"),
                  "standards[1].indicators[2].group_by", {"\"parent_id\", \"org_type\" or null"});
  expect_rejected(with(kRich, R"("group_by": "org_type")", R"("group_by": "none")"),
                  "standards[1].indicators[2].group_by");
  expect_rejected(with(kRich, R"("group_by": "org_type")", R"("group_by": 1)"), "standards[1].indicators[2].group_by");
}

// ---------------------------------------------------------------------------------------------
// Files

struct BadFile {
  const char* file;
  const char* path;
  const char* says;
};

TEST(RubricLoad, BadFilesNameTheirPath) {
  const BadFile cases[] = {
      {"trailing_comma.json", "", "not valid JSON"},
      {"duplicate_key.json", "standards[0].indicators[1].points", "appears twice"},
      {"misspelt_key.json", "standards[0].indicators[0].point", "did you mean 'points'"},
      {"ratings_not_descending.json", "ratings[1].min", "strictly descending"},
      {"ratings_without_null.json", "ratings[1].min", "\"min\": null"},
      {"veto_unknown_rating.json", "vetoes[0].rating", "not a rating label"},
      {"band_above_points.json", "standards[0].indicators[0].rule.bands[0].points", "more than the indicator's points"},
      {"reserved_standard_id.json", "standards[0].id", "column of the summary"},
      {"gbk_encoded.json", "", "UTF-8"},
      {"empty.json", "", "not valid JSON"},
  };
  for (const BadFile& c : cases) {
    SCOPED_TRACE(c.file);
    const std::filesystem::path file = std::filesystem::path(LIBBRANCH_FIXTURES_DIR) / "rubrics" / c.file;
    try {
      (void)Rubric::load(file);
      ADD_FAILURE() << "loaded";
    } catch (const RubricError& e) {
      EXPECT_EQ(e.json_path(), c.path) << e.what();
      EXPECT_THAT(e.what(), HasSubstr(c.says));
      EXPECT_THAT(e.what(), HasSubstr(c.file)) << "the message names the file";
    }
  }
}

TEST(RubricLoad, MessagesStayPrintableUtf8) {
  try {
    (void)Rubric::load(std::filesystem::path(LIBBRANCH_FIXTURES_DIR) / "rubrics" / "gbk_encoded.json");
    FAIL();
  } catch (const RubricError& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.find('\xb1'), std::string::npos) << "the raw GBK byte is escaped";
    EXPECT_THAT(what, HasSubstr("\\xb1"));
  }
  std::string message;
  EXPECT_EQ(error_path(with(kRich, R"("id": "a", "metric": "m.a", "points": 4)",
                            R"("id": "a", "metric": "m.a", "po\nints": 4)"),
                       &message),
            "standards[0].indicators[0].po\\nints");
  EXPECT_EQ(message.find('\n'), std::string::npos);
}

TEST(RubricLoad, DirectoryIsNotARubric) {
  try {
    (void)Rubric::load(std::filesystem::path(LIBBRANCH_FIXTURES_DIR) / "rubrics");
    FAIL();
  } catch (const RubricError& e) {
    EXPECT_THAT(e.what(), HasSubstr("is a directory"));
  }
}

TEST(RubricLoad, ByteOrderMarkIsAccepted) {
  const Rubric r = Rubric::load(std::filesystem::path(LIBBRANCH_FIXTURES_DIR) / "rubrics" / "valid_with_bom.json");
  EXPECT_EQ(r.name, "带BOM");
}

TEST(RubricLoad, MissingFile) {
  try {
    (void)Rubric::load(std::filesystem::path(LIBBRANCH_FIXTURES_DIR) / "rubrics" / "no_such_rubric.json");
    FAIL();
  } catch (const RubricError& e) {
    EXPECT_EQ(e.json_path(), "");
    EXPECT_THAT(e.what(), HasSubstr("no_such_rubric.json"));
  }
}

// ---------------------------------------------------------------------------------------------
// Metrics against a registry

Metric fake_metric(std::string id, std::vector<ParamSpec> params = {}) {
  Metric m;
  m.id = std::move(id);
  m.label_zh = "测试";
  m.label_en = "test";
  m.unit = "count";
  m.summary = "Counts nothing.";
  m.params = std::move(params);
  m.compute = [](const Dataset&, const Period&, const Params&) { return Eigen::VectorXd(); };
  return m;
}

MetricRegistry fake_registry() {
  MetricRegistry reg;
  reg.add(fake_metric("rule_of_law.legal_education"), "test");
  reg.add(fake_metric("rule_of_law.serious_violations"), "test");
  reg.add(fake_metric("fortress.term_current",
                      {{"term_years", ParamSpec::Type::integer, 1, {}, std::nullopt, "years of a term"}}),
          "test");
  reg.add(fake_metric("fortress.on_time_conversion_rate",
                      {{"grace_days", ParamSpec::Type::integer, 0, {}, ParamValue(std::int64_t{30}), "days of grace"}}),
          "test");
  reg.add_family(
      "obs.",
      [](const std::string& id) {
        return fake_metric(id, {{"agg",
                                 ParamSpec::Type::choice,
                                 0,
                                 {"last", "sum", "max", "mean"},
                                 ParamValue(std::string("last")),
                                 "aggregation"}});
      },
      "core");
  return reg;
}

/// A one-standard rubric using `metric` with `params` (JSON text) in its second indicator.
std::string rubric_using(const std::string& metric, const std::string& params,
                         const std::string& veto_metric = "rule_of_law.serious_violations") {
  return R"({"name": "t", "standards": [{"id": "s", "indicators": [
      {"id": "a", "metric": "rule_of_law.legal_education", "points": 1, "rule": {"type": "boolean"}},
      {"id": "b", "metric": ")" +
         metric + R"(", "params": )" + params + R"(, "points": 1, "rule": {"type": "boolean"}}]}],
    "vetoes": [{"metric": ")" +
         veto_metric + R"(", "op": ">", "value": 0, "rating": "x"}],
    "ratings": [{"min": null, "label": "x"}]})";
}

/// The JSON path of the RubricError check_metrics throws ("<no error>" if none).
std::string metric_error(const Rubric& r, std::string* message = nullptr) {
  const MetricRegistry reg = fake_registry();
  try {
    r.check_metrics(reg);
  } catch (const RubricError& e) {
    if (message != nullptr) *message = e.what();
    return e.json_path();
  }
  return "<no error>";
}

TEST(RubricCheckMetrics, KnownMetricsAndValidParamsPass) {
  EXPECT_EQ(metric_error(Rubric::parse(rubric_using("fortress.term_current", R"({"term_years": 5})"), "t")),
            "<no error>");
  EXPECT_EQ(metric_error(Rubric::parse(rubric_using("fortress.on_time_conversion_rate", R"({"grace_days": 0})"), "t")),
            "<no error>");
  EXPECT_EQ(metric_error(Rubric::parse(rubric_using("obs.honors", R"({"agg": "mean"})"), "t")), "<no error>");
  EXPECT_EQ(metric_error(Rubric::parse(rubric_using("obs.honors", R"({})"), "t")), "<no error>");
  EXPECT_EQ(metric_error(Rubric::parse(rubric_using("fortress.term_current", R"({"term_years": 4.0})"), "t")),
            "<no error>");
}

TEST(RubricCheckMetrics, UnknownMetricSuggestsTheCloseOne) {
  std::string message;
  EXPECT_EQ(metric_error(Rubric::parse(rubric_using("rule_of_law.legal_educaton", "{}"), "mine.json"), &message),
            "standards[0].indicators[1].metric");
  EXPECT_THAT(message, HasSubstr("unknown metric 'rule_of_law.legal_educaton'"));
  EXPECT_THAT(message, HasSubstr("did you mean 'rule_of_law.legal_education'"));
  EXPECT_THAT(message, HasSubstr("mine.json"));
}

TEST(RubricCheckMetrics, UnknownVetoAndBonusMetrics) {
  EXPECT_EQ(metric_error(Rubric::parse(rubric_using("obs.x", "{}", "rule_of_law.serious_violation"), "t")),
            "vetoes[0].metric");
  Rubric r = Rubric::parse(rubric_using("obs.x", "{}"), "t");
  r.bonuses.push_back(r.standards[0].indicators[0]);
  r.bonuses.back().id = "bonus_a";
  r.bonuses.back().metric = "fortress.honours";
  EXPECT_EQ(metric_error(r), "bonuses[0].metric");
  r.bonuses.back().metric = "obs.honors";
  r.bonuses.back().params.set("agg", std::string("total"));
  EXPECT_EQ(metric_error(r), "bonuses[0].params.agg");
}

TEST(RubricCheckMetrics, UnknownParameter) {
  std::string message;
  EXPECT_EQ(
      metric_error(Rubric::parse(rubric_using("rule_of_law.legal_education", R"({"agg": "sum"})"), "t"), &message),
      "standards[0].indicators[1].params.agg");
  EXPECT_THAT(message, HasSubstr("unknown parameter 'agg'"));
  EXPECT_THAT(message, HasSubstr("takes no parameters"));
  EXPECT_EQ(metric_error(Rubric::parse(rubric_using("fortress.term_current", R"({"term_year": 5})"), "t"), &message),
            "standards[0].indicators[1].params.term_year");
  EXPECT_THAT(message, HasSubstr("did you mean 'term_years'"));
}

TEST(RubricCheckMetrics, AggOutsideItsDomain) {
  std::string message;
  EXPECT_EQ(metric_error(Rubric::parse(rubric_using("obs.honors", R"({"agg": "median"})"), "t"), &message),
            "standards[0].indicators[1].params.agg");
  EXPECT_THAT(message, HasSubstr("found \"median\""));
  EXPECT_THAT(message, HasSubstr("last, sum, max, mean"));
  EXPECT_EQ(metric_error(Rubric::parse(rubric_using("obs.honors", R"({"agg": 1})"), "t")),
            "standards[0].indicators[1].params.agg");
}

TEST(RubricCheckMetrics, TermYearsMustBePositive) {
  std::string message;
  EXPECT_EQ(metric_error(Rubric::parse(rubric_using("fortress.term_current", R"({"term_years": 0})"), "t"), &message),
            "standards[0].indicators[1].params.term_years");
  EXPECT_THAT(message, HasSubstr("found 0"));
  EXPECT_THAT(message, HasSubstr(">= 1"));
  EXPECT_EQ(metric_error(Rubric::parse(rubric_using("fortress.term_current", R"({"term_years": "5"})"), "t")),
            "standards[0].indicators[1].params.term_years");
}

TEST(RubricCheckMetrics, GraceDaysMustNotBeNegative) {
  std::string message;
  EXPECT_EQ(metric_error(Rubric::parse(rubric_using("fortress.on_time_conversion_rate", R"({"grace_days": -1})"), "t"),
                         &message),
            "standards[0].indicators[1].params.grace_days");
  EXPECT_THAT(message, HasSubstr("found -1"));
  EXPECT_THAT(message, HasSubstr(">= 0"));
}

TEST(RubricCheckMetrics, VetoParams) {
  std::string text = rubric_using("obs.x", "{}", "obs.incidents");
  text = with(text, R"("op": ">")", R"("params": {"agg": "min"}, "op": ">")");
  EXPECT_EQ(metric_error(Rubric::parse(text, "t")), "vetoes[0].params.agg");
}

// ---------------------------------------------------------------------------------------------
// JSON round trip

TEST(RubricToJson, RoundTrips) {
  for (const char* text : {kSpecExample, kRich}) {
    const Rubric r = Rubric::parse(text, "t");
    const std::string json = r.to_json();
    const Rubric back = Rubric::parse(json, "again");
    EXPECT_EQ(back, r) << json;
    EXPECT_EQ(back.to_json(), json) << "to_json is stable";
  }
}

TEST(RubricToJson, DefaultRubricRoundTripsExactly) {
  const Rubric r = Rubric::default_rubric();
  const Rubric back = Rubric::parse(r.to_json(), "again");
  EXPECT_EQ(back, r);
  EXPECT_EQ(back.standards[4].indicators[10].rule.per_unit, 0.6666666666666666);
}

TEST(RubricToJson, WritesWholeNumbersAsIntegersAndKeepsEveryDigit) {
  Rubric r = Rubric::parse(kSpecExample, "t");
  r.standards[0].indicators[0].rule.target = 0.1;
  r.standards[0].indicators[0].rule.deduct_per_unit = 1.0 / 3.0;
  r.vetoes[0].value = 1e-300;
  const std::string json = r.to_json();
  EXPECT_THAT(json, HasSubstr("\"points\": 4,"));
  EXPECT_THAT(json, HasSubstr("\"target\": 0.1,"));
  EXPECT_THAT(json, HasSubstr("标准化规范化党支部考评细则（默认）")) << "UTF-8, not \\u escapes";
  EXPECT_THAT(json, HasSubstr("\"min\": null"));
  const Rubric back = Rubric::parse(json, "t");
  EXPECT_EQ(back, r);
  EXPECT_EQ(back.standards[0].indicators[0].rule.deduct_per_unit, 1.0 / 3.0);
  EXPECT_EQ(back.vetoes[0].value, 1e-300);
}

TEST(RubricToJson, SourceIsNotPartOfTheContent) {
  const Rubric a = Rubric::parse(kRich, "a.json");
  const Rubric b = Rubric::parse(kRich, "b.json");
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.to_json(), b.to_json());
}

// ---------------------------------------------------------------------------------------------
// Rubrics built in code

TEST(RubricValidate, CatchesNonFiniteNumbersInRubricsBuiltInCode) {
  Rubric r = Rubric::parse(kSpecExample, "t");
  r.standards[0].indicators[0].points = std::numeric_limits<double>::quiet_NaN();
  try {
    r.validate();
    FAIL();
  } catch (const RubricError& e) {
    EXPECT_EQ(e.json_path(), "standards[0].indicators[0].points");
  }
  r.standards[0].indicators[0].points = 4;
  r.standards[0].indicators[0].rule.target = std::numeric_limits<double>::infinity();
  EXPECT_THROW(r.validate(), RubricError);
}

// ---------------------------------------------------------------------------------------------
// Helpers for the engine

TEST(RubricHelpers, RatingsVetoesAndLookups) {
  const Rubric r = Rubric::parse(kSpecExample, "t");
  EXPECT_EQ(r.ratings[r.rating_index(100.0)].label, "优秀");
  EXPECT_EQ(r.ratings[r.rating_index(90.0)].label, "优秀");
  EXPECT_EQ(r.ratings[r.rating_index(90.0 - 1e-10)].label, "优秀") << "total >= min - 1e-9";
  EXPECT_EQ(r.ratings[r.rating_index(89.99)].label, "良好");
  EXPECT_EQ(r.ratings[r.rating_index(60.0)].label, "合格");
  EXPECT_EQ(r.ratings[r.rating_index(-5.0)].label, "不合格");
  EXPECT_EQ(r.rating_index(std::string_view("合格")), 2u);
  EXPECT_FALSE(r.rating_index(std::string_view("差")).has_value());

  Veto v = r.vetoes[0];
  EXPECT_TRUE(v.fires(1));
  EXPECT_FALSE(v.fires(0));
  EXPECT_FALSE(v.fires(std::numeric_limits<double>::quiet_NaN()));
  v.op = VetoOp::ne;
  EXPECT_FALSE(v.fires(std::numeric_limits<double>::quiet_NaN())) << "NaN never fires, even with !=";
  EXPECT_TRUE(v.fires(-1));
  v.op = VetoOp::le;
  EXPECT_TRUE(v.fires(0));
  v.op = VetoOp::eq;
  EXPECT_TRUE(v.fires(0));

  EXPECT_STREQ(to_string(VetoOp::ge), ">=");
  EXPECT_STREQ(to_string(MissingPolicy::exclude), "exclude");
  EXPECT_STREQ(to_string(GroupBy::parent_id), "parent_id");
}

TEST(RubricHelpers, CountsIdsAndMetricUses) {
  const Rubric r = Rubric::parse(kRich, "t");
  EXPECT_EQ(r.standard_ids(), (std::vector<std::string>{"s1", "s2"}));
  EXPECT_EQ(r.indicator_count(), 9u);
  EXPECT_EQ(r.max_points(), 30);
  EXPECT_EQ(r.standards[0].max_points(), 16);
  ASSERT_NE(r.find_standard("s2"), nullptr);
  EXPECT_EQ(r.find_standard("s3"), nullptr);
  ASSERT_NE(r.find_indicator("honors"), nullptr);
  EXPECT_EQ(r.find_indicator("honors")->points, 5);
  EXPECT_EQ(r.find_indicator("g")->rule.type, RuleType::rank);
  EXPECT_EQ(r.find_indicator("zz"), nullptr);
  const std::vector<MetricUse> uses = r.metric_uses();
  ASSERT_EQ(uses.size(), 12u);  // 9 indicators, 1 bonus, 2 vetoes, all different
  EXPECT_EQ(uses[0].metric, "m.a");
  EXPECT_EQ(uses[9].metric, "obs.honors");
  EXPECT_EQ(uses[11].metric, "obs.incidents");
}

TEST(RubricHelpers, MetricUsesAreDistinctByMetricAndParams) {
  Rubric r = Rubric::parse(kRich, "t");
  r.standards[0].indicators[1].metric = "m.a";  // same metric, same (no) params as indicator a
  r.vetoes[1].metric = "obs.honors";            // same metric as the bonus, other params
  const std::vector<MetricUse> uses = r.metric_uses();
  EXPECT_EQ(uses.size(), 11u);
}

// ---------------------------------------------------------------------------------------------
// The default rubric (docs/reference/rubrics.md §9), row by row

struct Row {
  const char* standard;
  const char* id;
  const char* metric;
  double points;
  RuleType type;
  double a;  // per_unit / target
  double b;  // deduct_per_unit
  std::optional<MissingPolicy> missing;
  GroupBy group_by;
};

constexpr auto kNone = GroupBy::none;
constexpr auto kParent = GroupBy::parent_id;
const std::optional<MissingPolicy> kInherit;

// Written by hand from the table of docs/reference/rubrics.md §9.
const std::vector<Row>& expected_default_rows() {
  static const std::vector<Row> rows{
      {"rule_of_law", "legal_education", "rule_of_law.legal_education", 4, RuleType::target, 10, 1, kInherit, kNone},
      {"rule_of_law", "lecture_hall", "rule_of_law.lecture_hall", 2, RuleType::linear_cap, 0.25, 0, kInherit, kNone},
      {"rule_of_law", "training", "rule_of_law.training_per_member", 3, RuleType::ratio, 5, 0, kInherit, kNone},
      {"rule_of_law", "integrity", "rule_of_law.integrity_meetings", 3, RuleType::target, 4, 1, kInherit, kNone},
      {"rule_of_law", "warning", "rule_of_law.warning_education", 3, RuleType::ratio, 8, 0, kInherit, kNone},
      {"rule_of_law", "role_models", "rule_of_law.role_model_study", 2, RuleType::linear_cap, 0.5, 0, kInherit, kNone},
      {"rule_of_law", "online", "rule_of_law.online_share", 2, RuleType::ratio, 0.5, 0, kInherit, kNone},
      {"rule_of_law", "disclosure", "rule_of_law.disclosure_quarters", 1, RuleType::target, 4, 0.25, kInherit, kNone},
      {"cohesion", "home_visits", "cohesion.home_visits", 4, RuleType::ratio, 12, 0, kInherit, kNone},
      {"cohesion", "zero_escalation", "cohesion.escalation_rate", 4, RuleType::deduction, 80, 0, MissingPolicy::full,
       kNone},
      {"cohesion", "pairing", "cohesion.pairing_months", 4, RuleType::target, 12, 0.5, kInherit, kNone},
      {"cohesion", "talks", "cohesion.publicity_talks", 3, RuleType::ratio, 20, 0, kInherit, kNone},
      {"cohesion", "aid", "cohesion.aid_per_member", 2, RuleType::relative_to_best, 0, 0, kInherit, kParent},
      {"cohesion", "participation", "cohesion.participation_rate", 3, RuleType::ratio, 0.9, 0, kInherit, kNone},
      {"civility", "coverage", "civility.group_coverage", 4, RuleType::ratio, 1, 0, kInherit, kNone},
      {"civility", "station", "civility.service_station", 5, RuleType::bands, 0, 0, kInherit, kNone},
      {"civility", "brand", "civility.brands", 2, RuleType::boolean, 0, 0, kInherit, kNone},
      {"civility", "pioneer_posts", "civility.pioneer_posts_per_10", 3, RuleType::ratio, 1, 0, kInherit, kNone},
      {"civility", "volunteering", "civility.volunteer_hours_per_member", 3, RuleType::minmax, 0, 0, kInherit, kParent},
      {"civility", "facilities", "civility.facilities", 3, RuleType::linear_cap, 0.5, 0, kInherit, kNone},
      {"development", "identity", "development.identity_activities", 3, RuleType::ratio, 4, 0, kInherit, kNone},
      {"development", "outreach", "development.outreach_services", 4, RuleType::ratio, 12, 0, kInherit, kNone},
      {"development", "education_base", "development.education_base_visits", 2, RuleType::target, 2, 1, kInherit,
       kNone},
      {"development", "veterans", "development.veteran_visits", 2, RuleType::target, 2, 1, kInherit, kNone},
      {"development", "competitions", "development.competitions", 2, RuleType::linear_cap, 1, 0, kInherit, kNone},
      {"development", "online_filing", "development.online_filing_rate", 4, RuleType::ratio, 0.9, 0,
       MissingPolicy::exclude, kNone},
      {"development", "performance", "development.business_performance", 3, RuleType::rank, 0, 0,
       MissingPolicy::exclude, kParent},
      {"fortress", "committee", "fortress.committee_meeting_months", 3, RuleType::target, 12, 0.5, kInherit, kNone},
      {"fortress", "congress", "fortress.congress_quarters", 2, RuleType::target, 4, 0.5, kInherit, kNone},
      {"fortress", "lectures", "fortress.lecture_quarters", 2, RuleType::target, 4, 0.5, kInherit, kNone},
      {"fortress", "theme_day", "fortress.theme_day_months", 3, RuleType::target, 12, 0.25, kInherit, kNone},
      {"fortress", "group_meetings", "fortress.group_meeting_months", 1, RuleType::target, 12, 0.25, kInherit, kNone},
      {"fortress", "org_life", "fortress.org_life_and_review", 2, RuleType::boolean, 0, 0, kInherit, kNone},
      {"fortress", "secretary_lecture", "fortress.secretary_lectures", 1, RuleType::boolean, 0, 0, kInherit, kNone},
      {"fortress", "committee_complete", "fortress.committee_complete", 2, RuleType::boolean, 0, 0, kInherit, kNone},
      {"fortress", "term", "fortress.term_current", 1, RuleType::boolean, 0, 0, kInherit, kNone},
      {"fortress", "conversions", "fortress.on_time_conversion_rate", 1, RuleType::ratio, 1, 0, MissingPolicy::full,
       kNone},
      {"fortress", "structure", "fortress.structure_improvements", 2, RuleType::linear_cap, 0.6666666666666666, 0,
       kInherit, kNone},
  };
  return rows;
}

TEST(DefaultRubric, HeaderStandardsRatingsAndVeto) {
  const Rubric r = Rubric::default_rubric();
  EXPECT_EQ(r.name, "标准化规范化党支部考评细则（默认）");
  EXPECT_EQ(r.missing, MissingPolicy::zero);
  EXPECT_EQ(r.standard_ids(),
            (std::vector<std::string>{"rule_of_law", "cohesion", "civility", "development", "fortress"}));
  const std::vector<std::string> names{"依法治理好", "凝聚人心好", "文明创建好", "推动发展好", "堡垒作用好"};
  for (std::size_t s = 0; s < 5; ++s) {
    EXPECT_EQ(r.standards[s].name, names[s]);
    EXPECT_EQ(r.standards[s].max_points(), 20) << r.standards[s].id;
  }
  EXPECT_EQ(r.max_points(), 100);
  EXPECT_EQ(r.indicator_count(), 38u);

  ASSERT_EQ(r.ratings.size(), 4u);
  EXPECT_EQ(r.ratings[0], (Rating{90, "优秀"}));
  EXPECT_EQ(r.ratings[1], (Rating{80, "良好"}));
  EXPECT_EQ(r.ratings[2], (Rating{60, "合格"}));
  EXPECT_EQ(r.ratings[3], (Rating{std::nullopt, "不合格"}));

  ASSERT_EQ(r.vetoes.size(), 1u);
  EXPECT_EQ(r.vetoes[0].metric, "rule_of_law.serious_violations");
  EXPECT_EQ(r.vetoes[0].op, VetoOp::gt);
  EXPECT_EQ(r.vetoes[0].value, 0);
  EXPECT_EQ(r.vetoes[0].rating, "不合格");
  EXPECT_TRUE(r.vetoes[0].params.empty());

  ASSERT_EQ(r.bonuses.size(), 1u);
  const Indicator& honors = r.bonuses[0];
  EXPECT_EQ(honors.id, "honors");
  EXPECT_EQ(honors.metric, "obs.honors");
  EXPECT_EQ(honors.params.entries().size(), 1u);
  EXPECT_EQ(honors.params.text("agg"), "sum");
  EXPECT_EQ(honors.points, 5);
  EXPECT_EQ(honors.rule.type, RuleType::linear_cap);
  EXPECT_EQ(honors.rule.per_unit, 1);
  EXPECT_FALSE(honors.missing.has_value());
}

TEST(DefaultRubric, MatchesTheSpecTableRowByRow) {
  const Rubric r = Rubric::default_rubric();
  std::vector<std::pair<std::string, const Indicator*>> actual;
  for (const Standard& s : r.standards)
    for (const Indicator& i : s.indicators) actual.emplace_back(s.id, &i);
  const auto& rows = expected_default_rows();
  ASSERT_EQ(actual.size(), rows.size());
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const Row& e = rows[k];
    const Indicator& i = *actual[k].second;
    SCOPED_TRACE(e.id);
    EXPECT_EQ(actual[k].first, e.standard);
    EXPECT_EQ(i.id, e.id);
    EXPECT_EQ(i.metric, e.metric);
    EXPECT_TRUE(i.params.empty());
    EXPECT_EQ(i.points, e.points);
    EXPECT_EQ(i.rule.type, e.type);
    EXPECT_EQ(i.missing, e.missing);
    EXPECT_EQ(i.group_by, e.group_by);
    EXPECT_EQ(i.group_by != GroupBy::none, is_relative(i.rule.type)) << "group_by parent_id exactly where relative";
    EXPECT_FALSE(i.rule.ascending);
    switch (e.type) {
      case RuleType::linear_cap: EXPECT_EQ(i.rule.per_unit, e.a); break;
      case RuleType::target:
        EXPECT_EQ(i.rule.target, e.a);
        EXPECT_EQ(i.rule.deduct_per_unit, e.b);
        break;
      case RuleType::ratio: EXPECT_EQ(i.rule.target, e.a); break;
      case RuleType::deduction: EXPECT_EQ(i.rule.per_unit, e.a); break;
      case RuleType::bands:
        // [5,∞) → 5, [3,5) → 3, [1,3) → 1
        EXPECT_EQ(i.rule.bands, (std::vector<Band>{{5, std::nullopt, 5}, {3, 5, 3}, {1, 3, 1}}));
        break;
      case RuleType::rank:
        EXPECT_EQ(i.rule.points_by_rank, (std::vector<double>{3, 2.5, 2}));
        EXPECT_EQ(i.rule.otherwise, 1);
        break;
      default: break;
    }
  }
}

TEST(DefaultRubric, EmbeddedCopyIsTheShippedFile) {
  const Rubric shipped = Rubric::load(std::filesystem::path(LIBBRANCH_SOURCE_DIR) / "rubrics" / "default.json");
  EXPECT_EQ(Rubric::default_rubric(), shipped);
}

TEST(DefaultRubric, UsesOnlyTheSpecsMetricsAndTheirParameters) {
  MetricRegistry reg = fake_registry();
  for (const Row& row : expected_default_rows())
    if (reg.find(row.metric) == nullptr) reg.add(fake_metric(row.metric), "test");
  EXPECT_NO_THROW(Rubric::default_rubric().check_metrics(reg));
  EXPECT_EQ(Rubric::default_rubric().metric_uses().size(), 40u);  // 38 indicators, honors, the veto
}

TEST(DefaultRubric, ScoresOfAPerfectBranch) {
  // Sanity: every indicator at (or beyond) its target earns its points.
  const Rubric r = Rubric::default_rubric();
  const auto& rows = expected_default_rows();
  double total = 0;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const Indicator& i = *r.find_indicator(rows[k].id);
    const Eigen::VectorXd v = Eigen::VectorXd::Constant(1, i.rule.type == RuleType::deduction ? 0.0 : 100.0);
    total += rule_points(i.rule, i.points, v)[0];
  }
  EXPECT_EQ(total, 100);
}

}  // namespace
}  // namespace libbranch
