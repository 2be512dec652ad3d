// branchscore score / metrics / plugins, run as a user runs them (docs/reference/cli.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/run_cli.hpp"

namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using libbranch::testing::branchscore;
using libbranch::testing::CliRun;
using libbranch::testing::slurp;
using libbranch::testing::TempDir;

const std::string kSample = std::string(LIBBRANCH_SOURCE_DIR) + "/examples/county_court";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream ss(text);
  for (std::string line; std::getline(ss, line);) lines.push_back(line);
  return lines;
}

TEST(CliScore, SummaryCsvHasTheSpecColumnsAndOneRowPerBranchInFileOrder) {
  const CliRun r = branchscore("score " + kSample + " --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 9u);  // header + 8 branches
  EXPECT_EQ(lines[0], "branch_id,name,total,rating,rule_of_law,cohesion,civility,development,fortress,bonus,vetoes");
  const std::string branches = slurp(kSample + "/branches.csv");
  // Rows follow branches.csv order: court first, the community last.
  EXPECT_THAT(lines[1], StartsWith("court,"));
  EXPECT_THAT(lines[8], StartsWith("xingfulu_community,"));
  EXPECT_EQ(r.out.find('\r'), std::string::npos);  // LF line ends
}

TEST(CliScore, DetailCsvHasOneRowPerBranchAndIndicatorWithBonusesLast) {
  const CliRun r = branchscore("score " + kSample + " --format csv --detail");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = lines_of(r.out);
  // The default rubric has 38 indicators and 1 bonus (docs/reference/rubrics.md §9).
  ASSERT_EQ(lines.size(), 1u + 8u * 39u);
  EXPECT_EQ(lines[0], "branch_id,standard,indicator,metric,value,points,max_points,rule,flags");
  EXPECT_THAT(lines[1], StartsWith("court,rule_of_law,legal_education,rule_of_law.legal_education,"));
  EXPECT_THAT(lines[39], StartsWith("court,,honors,obs.honors,"));
  EXPECT_THAT(lines[39], HasSubstr(",5,linear_cap,"));
  EXPECT_THAT(lines[39], ::testing::EndsWith("bonus"));
}

TEST(CliScore, JsonCarriesTheSummaryFieldsAndIndicatorsWithDetail) {
  const CliRun r = branchscore("score " + kSample + " --format json --detail --year 2025");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["from"], "2025-01-01");
  EXPECT_EQ(doc["to"], "2025-12-31");
  ASSERT_EQ(doc["branches"].size(), 8u);
  const auto& court = doc["branches"][0];
  EXPECT_EQ(court["branch_id"], "court");
  for (const char* key : {"name", "total", "rating", "rule_of_law", "cohesion", "civility", "development", "fortress",
                          "bonus", "vetoes", "indicators"})
    EXPECT_TRUE(court.contains(key)) << key;
  EXPECT_TRUE(court["vetoes"].is_array());
  ASSERT_EQ(court["indicators"].size(), 39u);
  EXPECT_TRUE(court["indicators"][38]["standard"].is_null());
  EXPECT_EQ(court["indicators"][38]["flags"], nlohmann::json::array({"bonus"}));
  // education_bureau has a serious violation in 2025 (examples/county_court/README.md): vetoed.
  EXPECT_EQ(doc["branches"][3]["vetoes"], nlohmann::json::array({"rule_of_law.serious_violations"}));
  EXPECT_EQ(doc["branches"][3]["rating"], "不合格");
}

TEST(CliScore, TheSameBytesForOneThreadAndTwo) {
  TempDir dir;
  ASSERT_EQ(branchscore("synth --branches 3000 --seed 5 --out " + (dir.path() / "d").string()).exit_code, 0);
  const std::string data = (dir.path() / "d").string();
  const CliRun one = branchscore("score " + data + " --format csv --detail --threads 1");
  const CliRun two = branchscore("score " + data + " --format csv --detail --threads 2");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.out, two.out);
}

TEST(CliScore, DefaultPeriodIsTheLatestYearWithActivities) {
  const CliRun by_default = branchscore("score " + kSample + " --format json");
  const CliRun year = branchscore("score " + kSample + " --format json --year 2025");
  ASSERT_EQ(by_default.exit_code, 0);
  EXPECT_EQ(by_default.out, year.out);
  EXPECT_NE(branchscore("score " + kSample + " --format json --year 2024").out, year.out);
}

TEST(CliScore, FromAndToSetThePeriod) {
  const CliRun r = branchscore("score " + kSample + " --format json --from 2024-07-01 --to 2025-06-30");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["from"], "2024-07-01");
  EXPECT_EQ(doc["to"], "2025-06-30");
}

TEST(CliScore, OutIsWrittenOnlyOnSuccess) {
  TempDir dir;
  const auto out = dir.path() / "result.csv";
  const CliRun ok = branchscore("score " + kSample + " --format csv --out " + out.string());
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(ok.out, "");
  EXPECT_EQ(slurp(out), branchscore("score " + kSample + " --format csv").out);
  const auto failed = dir.path() / "failed.csv";
  dir.write("bad.json", "{\"name\": \"x\"");
  const CliRun bad = branchscore("score " + kSample + " --rubric " + (dir.path() / "bad.json").string() + " --out " +
                                 failed.string());
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(failed));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 2);  // result.csv, bad.json
}

TEST(CliScore, UnknownMetricIsReportedBeforeAnyDataIsRead) {
  TempDir dir;
  dir.write("r.json", R"({"name": "r", "standards": [{"id": "s", "name": "S", "indicators": [
      {"id": "i", "metric": "rule_of_law.legal_educaton", "points": 1, "rule": {"type": "boolean"}}]}],
      "ratings": [{"min": null, "label": "ok"}]})");
  // The data path does not exist: the rubric problem must come first.
  const CliRun r = branchscore("score /nonexistent/data --rubric " + (dir.path() / "r.json").string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("standards[0].indicators[0].metric"));
  EXPECT_THAT(r.err, HasSubstr("rule_of_law.legal_education"));  // the suggestion
  EXPECT_THAT(r.err, ::testing::Not(HasSubstr("/nonexistent/data")));
}

TEST(CliScore, UsageErrorsExitTwo) {
  EXPECT_EQ(branchscore("score " + kSample + " --from 2025-01-01").exit_code, 2);
  EXPECT_EQ(branchscore("score " + kSample + " --year 2025 --from 2025-01-01 --to 2025-02-01").exit_code, 2);
  EXPECT_EQ(branchscore("score " + kSample + " --from 2025-02-30 --to 2025-03-01").exit_code, 2);
  EXPECT_EQ(branchscore("score " + kSample + " --from 2025-03-01 --to 2025-02-01").exit_code, 2);
  EXPECT_EQ(branchscore("score " + kSample + " --format xml").exit_code, 2);
  EXPECT_EQ(branchscore("score " + kSample + " --threads 0").exit_code, 2);
}

TEST(CliScore, ADatasetWithoutActivitiesNeedsAPeriod) {
  TempDir dir;
  dir.write("branches.csv", "branch_id,name\nb1,一支部\n");
  const CliRun r = branchscore("score " + dir.path().string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("no activities"));
  const CliRun with_year = branchscore("score " + dir.path().string() + " --year 2025 --format csv");
  EXPECT_EQ(with_year.exit_code, 0) << with_year.err;
  EXPECT_EQ(lines_of(with_year.out).size(), 2u);
}

TEST(CliScore, AMissingPluginDirectoryIsAnError) {
  const CliRun r = branchscore("score " + kSample + " --plugins /nonexistent/plugins");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("/nonexistent/plugins"));
}

TEST(CliMetrics, ListsEveryMetricOfTheFiveStandardsAndTheObservationFamily) {
  const CliRun r = branchscore("metrics");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = lines_of(r.out);
  // docs/reference/metrics.md §2–§7: 10 + 7 + 6 + 7 + 13 metrics (the thirteenth fortress metric being
  // fortress.members_points_share, docs/member-points.md), plus the obs.* family.
  EXPECT_EQ(lines.size(), 44u);
  EXPECT_THAT(r.out, HasSubstr("cohesion.escalation_rate\t"));
  EXPECT_THAT(r.out, HasSubstr("\tcost\t"));
  EXPECT_THAT(r.out, HasSubstr("obs.*\t"));
  EXPECT_THAT(r.out, HasSubstr("fortress.on_time_conversion_rate\t"));
}

TEST(CliPlugins, ListsTheFiveStandardPluginsAsLoaded) {
  const CliRun r = branchscore("plugins");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* name : {"rule_of_law", "cohesion", "civility", "development", "fortress"})
    EXPECT_THAT(r.out, HasSubstr(std::string(name) + " 0.1.0 (" + name + ") loaded from "));
}

}  // namespace

namespace {

using ::testing::HasSubstr;
using libbranch::testing::branchscore;
using libbranch::testing::CliRun;

const std::string kFixturePlugins = LIBBRANCH_FIXTURE_PLUGINS_DIR;

TEST(CliPlugins, ListsLoadedAndRefusedPluginsAndWarnsAboutRefusals) {
  const CliRun r = branchscore("plugins --plugins " + kFixturePlugins + "/good --plugins " + kFixturePlugins +
                               "/wrong_abi --plugins " + kFixturePlugins + "/junk");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("fixture_good 1.0.0 (fixture;fixture_extra) loaded from " + kFixturePlugins +
                               "/good/libbranch_fixture_good.so: 2 metrics"));
  EXPECT_THAT(r.out, HasSubstr("fixture_wrong_abi refused: " + kFixturePlugins +
                               "/wrong_abi/libbranch_fixture_wrong_abi.so: built for plugin ABI 99 (libbranch 0.3.0), "
                               "this host has ABI 2 (libbranch 0.2.0)"));
  EXPECT_THAT(r.out, HasSubstr("junk refused: " + kFixturePlugins + "/junk/libbranch_junk.so: not a shared library"));
  EXPECT_THAT(r.err, HasSubstr("branchscore: warning: plugin fixture_wrong_abi"));
}

TEST(CliPlugins, AnEarlierPluginShadowsALaterOneOfTheSameName) {
  const CliRun r = branchscore("plugins --plugins " + kFixturePlugins + "/shadow --plugins " + kFixturePlugins + "/good");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("fixture_good 2.0.0 (fixture;fixture_extra) loaded from " + kFixturePlugins +
                               "/shadow/libbranch_fixture_good.so"));
  EXPECT_THAT(r.out, HasSubstr("fixture_good refused: " + kFixturePlugins + "/good/libbranch_fixture_good.so: shadowed by " +
                               kFixturePlugins + "/shadow/libbranch_fixture_good.so"));
}

TEST(CliPlugins, MissingDirectoryIsAnErrorButAMissingEnvironmentEntryAWarning) {
  const CliRun r = branchscore("plugins --plugins /nonexistent");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("/nonexistent: plugin directory does not exist (--plugins)"));
  const CliRun env = branchscore("plugins");  // baseline: no warning
  EXPECT_EQ(env.err, "");
  libbranch::testing::TempDir dir;
  const auto err = dir.path() / "err";
  const int status =
      std::system(("LIBBRANCH_PLUGIN_PATH=/nope " + std::string(BRANCHSCORE_EXE) + " plugins >/dev/null 2>" + err.string()).c_str());
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_THAT(libbranch::testing::slurp(err),
              HasSubstr("branchscore: warning: /nope: plugin directory does not exist (an entry of LIBBRANCH_PLUGIN_PATH)"));
}

TEST(CliMetrics, ShowsMetricsOfAPluginGivenWithPlugins) {
  const CliRun r = branchscore("metrics --plugins " + kFixturePlugins + "/good");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("fixture.good\tcount\tbenefit\t测试指标\tfixture metric\tfixture_good"));
}

}  // namespace
