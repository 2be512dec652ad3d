#pragma once
// Rendering the annual summary (report.hpp) for people: plain text (docs/reference/results.md §7,
// what `branchscore report` prints), Markdown, and a self-contained HTML page with a radar chart of
// the five standards and the compliance findings; and an HTML index of many reports. Every renderer
// takes its words from one phrase table per language, so the three formats say the same sentences.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <libbranch/export.hpp>
#include <libbranch/report.hpp>

namespace libbranch {

enum class ReportFormat : std::uint8_t {
  text,      ///< UTF-8 plain text, the format of docs/reference/results.md §7
  markdown,  ///< CommonMark: headings per standard, a score table, lists
  html,      ///< one self-contained HTML5 page (inline CSS and SVG, no scripts, nothing fetched)
};

/// The customary organization-life sentence (docs/reference/results.md §7), e.g.
/// "本年度以来，开展“主题党日”12次、召开党员大会4次、支部委员会12次，支部书记讲党课2次；按期转正3名党员，按程序吸收2名同志为预备党员。"
/// For a period other than a calendar year it begins with 本考评期内 (During the evaluation period).
[[nodiscard]] LIBBRANCH_API std::string organization_life_sentence(const AnnualReport& report, Language language);

/// The summary as UTF-8 plain text (LF line ends, ending with a newline).
[[nodiscard]] LIBBRANCH_API std::string render_annual_report(const AnnualReport& report, Language language);
/// The summary in `format` (LF line ends, ending with a newline). Data-derived text is escaped for
/// the format (Markdown punctuation, HTML entities), so a branch name cannot inject markup.
[[nodiscard]] LIBBRANCH_API std::string render_annual_report(const AnnualReport& report, Language language,
                                                             ReportFormat format);

/// The radar chart of the five standards as an SVG element (score / max per standard, one axis
/// each, rubric order); empty when the report has fewer than three standards.
[[nodiscard]] LIBBRANCH_API std::string radar_chart_svg(const AnnualReport& report, Language language);

/// What the index page says of one report (kept instead of the report, so an index of a million
/// branches does not hold a million reports).
struct ReportIndexEntry {
  std::string branch_id;
  std::string branch_name;
  double total = 0;
  std::string rating;
  bool compliance_checked = false;
  std::size_t violations = 0;
  std::size_t warnings = 0;
};
[[nodiscard]] LIBBRANCH_API ReportIndexEntry index_entry(const AnnualReport& report);

/// An HTML page listing the reports of `period` (branch, total, rating, violations, warnings) with
/// links to each report's page, named by report_file_name.
[[nodiscard]] LIBBRANCH_API std::string render_report_index(std::span<const ReportIndexEntry> entries,
                                                            const Period& period,
                                                            Language language);

/// A file name for the branch's report: the branch id when it is made of ASCII letters, digits,
/// `-`, `_` and `.` (not starting with `.`), else the id with every other byte as `%XX` (so two ids
/// never share a name), then `.txt`, `.md` or `.html`.
[[nodiscard]] LIBBRANCH_API std::string report_file_name(std::string_view branch_id, ReportFormat format);

}  // namespace libbranch
