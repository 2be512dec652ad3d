// The annual summary as Markdown and HTML, the radar chart, the index page, report file names, the
// findings in a report, and `branchscore report --format/--all`. Expected numbers are taken from
// the data or derived by hand (comments); the plain text is pinned by test_report.cpp.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <libbranch/compliance.hpp>
#include <libbranch/engine.hpp>
#include <libbranch/error.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/report.hpp>
#include <libbranch/report_render.hpp>
#include <libbranch/rubric.hpp>

#include "../../libbranch/src/report/figure_table.hpp"
#include "../../libbranch/src/report/phrases.hpp"
#include "support/full_registry.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

namespace {

using libbranch::AnnualReport;
using libbranch::Language;
using libbranch::ReportFormat;
using libbranch::testing::branchscore;
using libbranch::testing::CliRun;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const std::string kSample = std::string(LIBBRANCH_SOURCE_DIR) + "/examples/county_court";

struct Scored {
  libbranch::Dataset ds;
  libbranch::Rubric rubric;
  libbranch::Scorecard card;
};

const Scored& sample2025() {
  static const Scored s = [] {
    libbranch::Dataset ds = libbranch::load_directory(kSample);
    libbranch::Rubric rubric = libbranch::Rubric::default_rubric();
    libbranch::Scorecard card =
        libbranch::score(ds, rubric, libbranch::Period::calendar_year(2025), libbranch::testing::full_registry());
    return Scored{std::move(ds), std::move(rubric), std::move(card)};
  }();
  return s;
}

AnnualReport court_report(bool with_findings) {
  const Scored& s = sample2025();
  AnnualReport r = libbranch::make_annual_report(s.ds, s.card, *s.ds.find_branch("court"),
                                                 libbranch::testing::full_registry(), &s.rubric);
  if (with_findings)
    libbranch::add_findings(r, libbranch::check_compliance(s.ds, libbranch::ComplianceRuleSet::default_rules(), s.card.period));
  return r;
}

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + needle.size())) ++n;
  return n;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// ---- phrase tables ------------------------------------------------------------------------------------

TEST(ReportPhrases, EveryFigureHasAPhraseInEveryLanguage) {
  namespace d = libbranch::report_detail;
  for (const Language language : {Language::zh, Language::en}) {
    const d::Phrases& p = d::phrases(language);
    EXPECT_EQ(p.figures.size(), d::figure_table().size());
    for (const d::FigureSpec& f : d::figure_table()) {
      const d::CountPhrase* phrase = d::figure_phrase(p, f.id);
      ASSERT_NE(phrase, nullptr) << f.id;
      EXPECT_THAT(std::string(phrase->one), HasSubstr("{}")) << f.id;
      EXPECT_THAT(std::string(phrase->many), HasSubstr("{}")) << f.id;
    }
  }
}

TEST(ReportPhrases, FiguresDetailAFigureOfTheirOwnStandardJustBeforeThem) {
  namespace d = libbranch::report_detail;
  const auto table = d::figure_table();
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (table[i].part_of.empty()) continue;
    // The renderer puts a detail in parentheses after the nearest main figure before it.
    std::size_t main = i;
    while (main > 0 && !table[main].part_of.empty()) --main;
    EXPECT_EQ(table[main].id, table[i].part_of) << table[i].id;
    EXPECT_EQ(table[main].standard, table[i].standard) << table[i].id;
  }
}

// ---- one report, many -------------------------------------------------------------------------------

TEST(AnnualReports, AllAtOnceEqualOneByOne) {
  const Scored& s = sample2025();
  const auto& registry = libbranch::testing::full_registry();
  const std::vector<AnnualReport> all = libbranch::make_annual_reports(s.ds, s.card, registry, &s.rubric);
  ASSERT_EQ(all.size(), s.ds.branch_count());
  for (std::size_t b = 0; b < all.size(); ++b) {
    const AnnualReport one = libbranch::make_annual_report(s.ds, s.card, b, registry, &s.rubric);
    for (const Language l : {Language::zh, Language::en})
      EXPECT_EQ(libbranch::render_annual_report(all[b], l), libbranch::render_annual_report(one, l)) << b;
  }
}

TEST(AnnualReports, FindingsAreTheBranchsOwnAndNeedTheSamePeriod) {
  const Scored& s = sample2025();
  const auto& registry = libbranch::testing::full_registry();
  const libbranch::ComplianceReport check =
      libbranch::check_compliance(s.ds, libbranch::ComplianceRuleSet::default_rules(), s.card.period);
  std::vector<AnnualReport> all = libbranch::make_annual_reports(s.ds, s.card, registry, &s.rubric);
  libbranch::add_findings(all, check);
  std::size_t total = 0;
  for (const AnnualReport& r : all) {
    EXPECT_TRUE(r.compliance_checked);
    std::size_t own = 0;
    for (const libbranch::ComplianceFinding& f : check.findings) own += check.branch_ids[f.branch] == r.branch_id;
    EXPECT_EQ(r.findings.size(), own) << r.branch_id;
    total += r.findings.size();
  }
  EXPECT_EQ(total, check.findings.size());
  EXPECT_GT(total, 0u);  // the sample has findings (the court's 组织生活会 in January, among others)

  AnnualReport r = court_report(false);
  const libbranch::ComplianceReport other =
      libbranch::check_compliance(s.ds, libbranch::ComplianceRuleSet::default_rules(), libbranch::Period::calendar_year(2024));
  EXPECT_THROW(libbranch::add_findings(r, other), libbranch::Error);
}

// ---- Markdown ---------------------------------------------------------------------------------------

TEST(MarkdownReport, HeadingsScoresTheCustomarySentenceAndFindings) {
  const AnnualReport r = court_report(true);
  const std::string md = libbranch::render_annual_report(r, Language::zh, ReportFormat::markdown);
  EXPECT_THAT(md, StartsWith("# 县人民法院党支部2025年度工作总结\n\n考评期：2025-01-01至2025-12-31\n"));
  const char* const headings[] = {"\n## 一、依法治理好\n", "\n## 二、凝聚人心好\n", "\n## 三、文明创建好\n",
                                  "\n## 四、推动发展好\n", "\n## 五、堡垒作用好\n", "\n## 考评结果\n",
                                  "\n### 失分较多的指标\n", "\n## 合规检查发现\n"};
  std::size_t last = 0;
  for (const char* h : headings) {
    const std::size_t at = md.find(h);
    ASSERT_NE(at, std::string::npos) << h;
    EXPECT_GT(at, last) << h;
    last = at;
  }
  // The same sentences as the text: the section text and the customary sentence.
  const std::string text = libbranch::render_annual_report(r, Language::zh);
  EXPECT_THAT(md, HasSubstr(libbranch::organization_life_sentence(r, Language::zh)));
  EXPECT_THAT(md, HasSubstr("开展普法宣传教育12次（其中线上或线上线下结合12次）"));
  // A table row per standard with the card's score; 凝聚人心好 19.5 of 20 is 97.5 %.
  EXPECT_THAT(md, HasSubstr("| 凝聚人心好 | 19.5 | 20 | 97.5% |\n"));
  EXPECT_EQ(count_of(md, "\n| "), 1 + 5 + 3 + 1 + r.findings.size());  // headers, standards, bonus/total/rating
  // Metric ids as code, so their underscores are not emphasis.
  EXPECT_THAT(md, HasSubstr("（`civility.volunteer_hours_per_member`）"));
  // One findings row per finding, with the rule's instrument.
  ASSERT_FALSE(r.findings.empty());
  for (const libbranch::ReportFinding& f : r.findings) EXPECT_THAT(md, HasSubstr(f.instrument));
}

TEST(MarkdownReport, DataCannotInjectMarkup) {
  AnnualReport r = court_report(false);
  r.branch_name = "*甲* | [x](y) <b>";
  const std::string md = libbranch::render_annual_report(r, Language::en, ReportFormat::markdown);
  EXPECT_THAT(md, StartsWith("# \\*甲\\* \\| \\[x\\](y) \\<b\\> (court): annual work summary 2025\n"));
}

TEST(MarkdownReport, WithoutACheckThereIsNoFindingsSection) {
  const std::string md = libbranch::render_annual_report(court_report(false), Language::en, ReportFormat::markdown);
  EXPECT_THAT(md, Not(HasSubstr("Compliance findings")));
  EXPECT_THAT(md, HasSubstr("\n## 1. Governance under the rule of law (依法治理好)\n"));
}

// ---- HTML ---------------------------------------------------------------------------------------------

TEST(HtmlReport, OneSelfContainedPageWithTheChartAndTheFindings) {
  const AnnualReport r = court_report(true);
  const std::string html = libbranch::render_annual_report(r, Language::zh, ReportFormat::html);
  EXPECT_THAT(html, StartsWith("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n"));
  EXPECT_THAT(html, HasSubstr("<title>县人民法院党支部2025年度工作总结</title>"));
  EXPECT_THAT(html, HasSubstr("<svg class=\"radar\""));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("http://www.w3.org/2000/svg\" href")));  // nothing fetched
  EXPECT_THAT(html, HasSubstr(libbranch::organization_life_sentence(r, Language::zh)));
  EXPECT_EQ(count_of(html, "<tr class=\"violation\"") + count_of(html, "<tr class=\"warning\""), r.findings.size());
  EXPECT_EQ(count_of(html, "<li>"), r.lost.size());
  EXPECT_EQ(count_of(html, "<section"), count_of(html, "</section>"));
  EXPECT_THAT(html, HasSubstr("</html>\n"));
}

TEST(HtmlReport, DataIsEscaped) {
  AnnualReport r = court_report(false);
  r.branch_name = "<script>alert('x')</script> & \"co\"";
  const std::string html = libbranch::render_annual_report(r, Language::en, ReportFormat::html);
  EXPECT_THAT(html, Not(HasSubstr("<script>")));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;"));
}

TEST(RadarChart, OneAxisPerStandardWithTheScoreShare) {
  AnnualReport r = court_report(false);
  // Centre (260, 170), radius 110, the first axis straight up: rule_of_law 20/20 reaches the
  // top (260, 60); set it to 10/20 and the point is half way, (260, 115).
  ASSERT_EQ(r.standards.size(), 5u);
  r.standards[0].score = 10;
  const std::string svg = libbranch::radar_chart_svg(r, Language::zh);
  EXPECT_THAT(svg, HasSubstr("<polygon class=\"score\" points=\"260.00,115.00 "));
  EXPECT_EQ(count_of(svg, "<polygon class=\"grid\""), 4u);
  EXPECT_EQ(count_of(svg, "<line class=\"axis\""), 5u);
  EXPECT_THAT(svg, HasSubstr(">依法治理好 10/20</text>"));
  // Fewer than three standards make no chart.
  r.standards.resize(2);
  EXPECT_EQ(libbranch::radar_chart_svg(r, Language::zh), "");
}

TEST(ReportIndex, LinksEveryReportWithItsCounts) {
  AnnualReport r = court_report(true);
  const libbranch::ReportIndexEntry e = libbranch::index_entry(r);
  std::size_t violations = 0;
  for (const libbranch::ReportFinding& f : r.findings) violations += f.violation;
  EXPECT_EQ(e.violations, violations);
  EXPECT_EQ(e.warnings, r.findings.size() - violations);
  libbranch::ReportIndexEntry odd = e;
  odd.branch_id = "甲%";
  odd.compliance_checked = false;
  const std::vector<libbranch::ReportIndexEntry> entries{e, odd};
  const std::string html = libbranch::render_report_index(entries, r.period, Language::zh);
  EXPECT_THAT(html, HasSubstr("<title>党支部年度工作总结（2个支部）</title>"));
  EXPECT_THAT(html, HasSubstr("<a href=\"court.html\">县人民法院党支部</a>"));
  // The file is named %E7%94%B2%25.html; the link escapes its % signs once more.
  EXPECT_THAT(html, HasSubstr("<a href=\"%25E7%2594%25B2%2525.html\">"));
  EXPECT_THAT(html, HasSubstr("<td class=\"n\">—</td>"));  // not checked: no counts
}

TEST(ReportFileName, PlainIdsAsTheyAreOthersPercentEncoded) {
  EXPECT_EQ(libbranch::report_file_name("court", ReportFormat::html), "court.html");
  EXPECT_EQ(libbranch::report_file_name("a-b_c.d", ReportFormat::markdown), "a-b_c.d.md");
  EXPECT_EQ(libbranch::report_file_name("甲", ReportFormat::text), "%E7%94%B2.txt");  // UTF-8 E7 94 B2
  EXPECT_EQ(libbranch::report_file_name(".x", ReportFormat::html), "%2Ex.html");       // no hidden files
  EXPECT_EQ(libbranch::report_file_name("..", ReportFormat::html), "%2E..html");
  EXPECT_EQ(libbranch::report_file_name("a/b", ReportFormat::html), "a%2Fb.html");
  EXPECT_EQ(libbranch::report_file_name("a%2Fb", ReportFormat::html), "a%252Fb.html");  // never equal to a/b's
}

// ---- branchscore report --format / --all ------------------------------------------------------------

TEST(CliReportFormats, MarkdownToAFile) {
  libbranch::testing::TempDir dir;
  const std::string out = (dir / "court.md").string();
  const CliRun r = branchscore("report " + kSample + " --branch court --format markdown --lang en --out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  const std::string md = read_file(out);
  EXPECT_THAT(md, StartsWith("# 县人民法院党支部 (court): annual work summary 2025\n"));
  EXPECT_THAT(md, HasSubstr("\n## Compliance findings\n"));
  const CliRun bare = branchscore("report " + kSample + " --branch court --format markdown --no-findings");
  ASSERT_EQ(bare.exit_code, 0) << bare.err;
  EXPECT_THAT(bare.out, Not(HasSubstr("合规检查发现")));
}

TEST(CliReportFormats, AllBranchesAsHtmlPagesWithAnIndex) {
  libbranch::testing::TempDir dir;
  const std::filesystem::path out = dir / "reports";  // created by the command
  const CliRun r = branchscore("report " + kSample + " --all --year 2025 --out " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const libbranch::Dataset ds = libbranch::load_directory(kSample);
  std::size_t pages = 0;
  for (const auto& entry : std::filesystem::directory_iterator(out)) pages += entry.path().extension() == ".html";
  EXPECT_EQ(pages, ds.branch_count() + 1);
  const std::string index = read_file(out / "index.html");
  for (std::size_t b = 0; b < ds.branch_count(); ++b) {
    const std::string id(ds.branches().id[b]);
    EXPECT_TRUE(std::filesystem::exists(out / (id + ".html"))) << id;
    EXPECT_THAT(index, HasSubstr("<a href=\"" + id + ".html\">")) << id;
  }
  const std::string court = read_file(out / "court.html");
  EXPECT_THAT(court, HasSubstr("<svg class=\"radar\""));
  EXPECT_THAT(court, HasSubstr("合规检查发现"));
}

TEST(CliReportFormats, AllAsMarkdownForAPeriodWritesNoIndex) {
  libbranch::testing::TempDir dir;
  const CliRun r = branchscore("report " + kSample + " --all --format markdown --from 2025-01-01 --to 2025-06-30 --out " +
                               dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "index.html"));
  EXPECT_THAT(read_file(dir / "court.md"), StartsWith("# 县人民法院党支部考评期工作总结\n\n考评期：2025-01-01至2025-06-30\n"));
}

// One branch's page (its findings from a check of that branch alone) is the page --all writes for it
// (findings from a check of every branch): the compliance rules look at one branch at a time.
TEST(CliReportFormats, OneBranchEqualsItsPageAmongAll) {
  libbranch::testing::TempDir dir;
  const CliRun all = branchscore("report " + kSample + " --all --format markdown --out " + dir.path().string());
  ASSERT_EQ(all.exit_code, 0) << all.err;
  for (const char* id : {"court", "education_bureau"}) {
    const CliRun one = branchscore("report " + kSample + " --branch " + id + " --format markdown");
    ASSERT_EQ(one.exit_code, 0) << one.err;
    EXPECT_EQ(one.out, read_file(dir / (std::string(id) + ".md"))) << id;
  }
}

TEST(CliReportFormats, UsageAndOutputErrors) {
  EXPECT_EQ(branchscore("report " + kSample).exit_code, 2);                       // neither --branch nor --all
  EXPECT_EQ(branchscore("report " + kSample + " --all").exit_code, 2);            // --all needs --out
  EXPECT_EQ(branchscore("report " + kSample + " --all --branch court --out /tmp/x").exit_code, 2);
  EXPECT_EQ(branchscore("report " + kSample + " --branch court --format pdf").exit_code, 2);
  EXPECT_EQ(branchscore("report " + kSample + " --branch court --year 2025 --from 2025-01-01 --to 2025-02-01").exit_code, 2);
  libbranch::testing::TempDir dir;
  const std::filesystem::path file = dir / "taken";
  std::ofstream(file) << "x";
  const CliRun r = branchscore("report " + kSample + " --all --out " + file.string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("output directory"));
  EXPECT_EQ(read_file(file), "x");
  const CliRun bad_rules = branchscore("report " + kSample + " --all --out " + (dir / "r").string() + " --rules /nonexistent.json");
  EXPECT_EQ(bad_rules.exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(dir / "r"));  // rules are read before anything is written
}

}  // namespace
