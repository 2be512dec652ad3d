// write_xlsx (io/xlsx_writer.hpp) and `branchscore score --format xlsx`. The cells themselves are
// read back with openpyxl in python/tests/test_excel.py; here: the file is a complete workbook,
// the CLI's rules (--out required, nothing written on failure) and the build's feature flag.
#include <libbranch/io/xlsx_writer.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <sstream>
#include <string>

#include <libbranch/engine.hpp>
#include <libbranch/error.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/rubric.hpp>

#include "support/run_cli.hpp"

namespace {

using ::testing::HasSubstr;
using libbranch::testing::branchscore;
using libbranch::testing::CliRun;
using libbranch::testing::slurp;
using libbranch::testing::TempDir;

const std::string kSample = std::string(LIBBRANCH_SOURCE_DIR) + "/examples/county_court";

// A small card with what a workbook cannot hold as a number: NaN, -0 and infinities.
libbranch::Scorecard odd_card() {
  libbranch::Scorecard c;
  const double inf = std::numeric_limits<double>::infinity();
  c.rubric_name = "细则";
  c.period = {libbranch::Date::from_ymd(2025, 1, 1), libbranch::Date::from_ymd(2025, 12, 31)};
  c.branch_ids = {"B1", "支部二"};
  c.branch_names = {"第一党支部", ""};
  c.metrics = {{"rule_of_law.legal_education", ""}, {"obs.honors", "agg=\"sum\""}};
  c.metric_values.resize(2, 2);
  c.metric_values << 1.5, std::nan(""), -0.0, inf;
  c.indicators = {{"i1", "summary", "rule_of_law.legal_education", "target", 4, 0, false},
                  {"bonus1", "", "obs.honors", "linear_cap", 3, 1, true}};
  c.points.resize(2, 2);
  c.points << 4, 0, -inf, 1.0 / 3.0;
  c.flags.resize(2, 2);
  c.flags << 0, 4, 1, 5;
  c.standards = {{"summary", "与表名同名的标准", 4}};  // a standard id that is also a sheet name
  c.standard_scores.resize(2, 1);
  c.standard_scores << 4, std::nan("");
  c.totals.resize(2);
  c.totals << 4, 1.0 / 3.0;
  c.bonus.resize(2);
  c.bonus << 0, 1.0 / 3.0;
  c.rating_labels = {"好", "差"};
  c.ratings = {0, 1};
  c.veto_metrics = {"obs.serious_violations"};
  c.veto_offsets = {0, 0, 1};
  c.fired_vetoes = {0};
  return c;
}

bool is_zip(const std::string& bytes) { return bytes.rfind("PK\x03\x04", 0) == 0; }

TEST(XlsxWriter, FeatureFlagMatchesTheBuild) {
  // CMake found libxlsxwriter (scripts/install-deps.sh installs it) or not: the library says so.
  EXPECT_EQ(libbranch::xlsx_supported(), LIBBRANCH_EXPECT_XLSX != 0);
}

TEST(XlsxWriter, WritesAZipWithEverySheetOrRefusesWithoutTheLibrary) {
  libbranch::XlsxOptions options;
  options.by_standard = true;
  std::ostringstream out;
  if (!libbranch::xlsx_supported()) {
    EXPECT_THROW(libbranch::write_xlsx(odd_card(), out, options), libbranch::Error);
    EXPECT_EQ(out.str(), "");
    return;
  }
  libbranch::write_xlsx(odd_card(), out, options);
  const std::string bytes = out.str();
  ASSERT_TRUE(is_zip(bytes));
  // Zip entry names are stored uncompressed: summary, detail, metrics, the standard, info.
  for (int sheet = 1; sheet <= 5; ++sheet)
    EXPECT_THAT(bytes, HasSubstr("xl/worksheets/sheet" + std::to_string(sheet) + ".xml")) << sheet;
  EXPECT_THAT(bytes, ::testing::Not(HasSubstr("xl/worksheets/sheet6.xml")));
}

TEST(XlsxWriter, AnEmptyScorecardIsAValidWorkbook) {
  libbranch::Scorecard empty;
  empty.veto_offsets = {0};
  std::ostringstream out;
  if (!libbranch::xlsx_supported()) {
    EXPECT_THROW(libbranch::write_xlsx(empty, out), libbranch::Error);
    return;
  }
  libbranch::write_xlsx(empty, out);
  EXPECT_TRUE(is_zip(out.str()));
}

TEST(XlsxWriter, ATextTooLongForExcelIsAnErrorNamingTheCell) {
  libbranch::Scorecard card = odd_card();
  card.branch_names[1] = std::string(40000, 'x');  // Excel holds 32767 characters a cell
  std::ostringstream out;
  try {
    libbranch::write_xlsx(card, out);
    FAIL() << "no error";
  } catch (const libbranch::Error& e) {
    EXPECT_THAT(e.what(), HasSubstr(libbranch::xlsx_supported() ? "sheet summary, cell B4" : "libxlsxwriter"));
  }
  EXPECT_EQ(out.str(), "");
}

TEST(CliXlsx, NeedsOut) {
  const CliRun r = branchscore("score " + kSample + " --format xlsx");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--format xlsx needs --out"));
  EXPECT_EQ(r.out, "");
}

TEST(CliXlsx, WritesTheWorkbookOnlyOnSuccess) {
  TempDir dir;
  const auto out = dir.path() / "result.xlsx";
  const CliRun ok = branchscore("score " + kSample + " --format xlsx --out " + out.string());
  if (!libbranch::xlsx_supported()) {
    EXPECT_EQ(ok.exit_code, 1);
    EXPECT_THAT(ok.err, HasSubstr("libxlsxwriter"));
    EXPECT_FALSE(std::filesystem::exists(out));
    return;
  }
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(ok.out, "");
  EXPECT_TRUE(is_zip(slurp(out)));
  // A failing command leaves the earlier workbook as it was and no temporary file behind.
  const std::string before = slurp(out);
  dir.write("bad.json", "{\"name\": \"x\"");
  const CliRun bad = branchscore("score " + kSample + " --format xlsx --rubric " + (dir.path() / "bad.json").string() +
                                 " --out " + out.string());
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(slurp(out), before);
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"bad.json", "result.xlsx"}));
}

}  // namespace
