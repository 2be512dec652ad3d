// The annual summary as CommonMark: a heading per standard, the scores as a table, the lost
// indicators and the compliance findings as lists and tables.
#include <cmath>

#include "compose.hpp"
#include "renderers.hpp"
#include "text_format.hpp"

namespace libbranch::report_detail {
namespace {

// Backslash-escapes the ASCII punctuation that could start markup inside a line or a table cell;
// a line break in data becomes a space (a report line never breaks inside a value).
std::string markdown_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char ch : s) {
    switch (ch) {
      case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>': case '#': case '|':
      case '~': case '!': case '&':
        out += '\\';
        out += ch;
        break;
      case '\n':
      case '\r':
        out += ' ';
        break;
      default:
        out += ch;
    }
  }
  return out;
}

std::string markdown_code(std::string_view s) {
  std::string out(1, '`');  // metric ids are [a-z0-9_.]: no backtick to fence
  out += s;
  out += '`';
  return out;
}

std::string share_text(double score, double max) {
  if (!(max > 0) || std::isnan(score)) return "—";
  return number_text(score / max * 100, 1) + "%";
}

void scores_table(const Composer& c, std::string& out) {
  const Phrases& w = c.words;
  out += "| " + std::string(w.column_standard) + " | " + std::string(w.column_score) + " | " +
         std::string(w.column_max) + " | " + std::string(w.column_share) + " |\n|---|---:|---:|---:|\n";
  for (const StandardResult& s : c.report.standards)
    out += "| " + c.standard_name(s.id, s.name) + " | " + c.number(s.score) + " | " + c.number(s.max_points) + " | " +
           share_text(s.score, s.max_points) + " |\n";
  if (c.report.has_bonuses) out += "| " + std::string(w.bonus_row) + " | " + c.number(c.report.bonus) + " | | |\n";
  out += "| **" + std::string(w.total_row) + "** | **" + c.number(c.report.total) + "** | " +
         c.number(c.report.max_total) + " | " + share_text(c.report.total, c.report.max_total) + " |\n";
  out += "| " + std::string(w.rating_row) + " | " + c.rating() + " | | |\n";
}

void findings_table(const Composer& c, std::string& out) {
  const Phrases& w = c.words;
  out += "\n## " + std::string(w.findings_heading) + "\n\n";
  if (c.report.findings.empty()) {
    out += std::string(w.findings_none) + "\n";
    return;
  }
  out += "| " + std::string(w.column_severity) + " | " + std::string(w.column_rule) + " | " +
         std::string(w.column_basis) + " | " + std::string(w.column_period) + " | " + std::string(w.column_expected) +
         " | " + std::string(w.column_actual) + " | " + std::string(w.column_evidence) + " |\n";
  out += "|---|---|---|---|---|---|---|\n";
  for (const ReportFinding& f : c.report.findings) {
    std::string evidence;
    for (const std::string& id : f.evidence) evidence += (evidence.empty() ? "" : ", ") + markdown_escape(id);
    out += "| " + c.severity(f) + " | " + c.finding_rule(f) + " | " + c.finding_basis(f) + " | " +
           markdown_escape(f.period) + " | " + markdown_escape(f.expected) + " | " + markdown_escape(f.actual) + " | " +
           evidence + " |\n";
  }
}

}  // namespace

std::string render_markdown(const AnnualReport& r, Language language) {
  const Composer c{r, phrases(language), markdown_escape, markdown_code};
  std::string out = "# " + c.title() + "\n\n" + c.period_line() + "\n";
  for (std::size_t i = 0; i < r.sections.size(); ++i) {
    std::string paragraph = c.section_paragraph(r.sections[i]);
    if (!paragraph.empty() && paragraph.front() == ' ') paragraph.erase(0, 1);
    out += "\n## " + c.section_title(i) + "\n\n" + paragraph + "\n";
  }
  if (r.sections.empty() || r.sections.back().standard != "fortress") (out += '\n') += c.life_sentence() + "\n";

  out += "\n## " + std::string(c.words.result_heading) + "\n\n" + c.result_line() + "\n\n";
  scores_table(c, out);
  if (const std::string vetoes = c.vetoes_line(); !vetoes.empty()) out += "\n" + vetoes + "\n";
  out += "\n### " + std::string(c.words.lost_heading) + "\n\n";
  if (r.lost.empty()) out += c.lost_none() + "\n";
  append_numbered(c, out);
  if (r.compliance_checked) findings_table(c, out);
  return out;
}

}  // namespace libbranch::report_detail
