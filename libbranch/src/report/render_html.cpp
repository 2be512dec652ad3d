// The annual summary as one self-contained HTML page (inline CSS and SVG; no script, nothing
// fetched), and the index page of many summaries.
#include <libbranch/report_render.hpp>

#include <cmath>

#include "compose.hpp"
#include "html_escape.hpp"
#include "renderers.hpp"
#include "text_format.hpp"

namespace libbranch {
namespace report_detail {

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

namespace {

std::string html_code(std::string_view s) { return "<code>" + html_escape(s) + "</code>"; }

constexpr std::string_view kStyle =
    "body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\",sans-serif;margin:2em auto;"
    "max-width:52em;padding:0 1em;line-height:1.7;color:#222}"
    "h1{color:#b00000;border-bottom:2px solid #b00000;padding-bottom:.3em}h2{color:#8a0000;margin-top:1.4em}"
    "table{border-collapse:collapse;margin:.8em 0}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}"
    "td.n{text-align:right}th{background:#f6eaea}.radar{width:100%;max-width:520px;display:block;margin:0 auto}"
    ".radar .grid{fill:none;stroke:#ddd}.radar .axis{stroke:#ccc}"
    ".radar .score{fill:rgba(176,0,0,.25);stroke:#b00000;stroke-width:2}.radar text{font-size:12px;fill:#333}"
    "tr.violation td:first-child{color:#b00000;font-weight:bold}";

std::string_view html_lang(Language language) { return language == Language::zh ? "zh-CN" : "en"; }

std::string page(Language language, const std::string& title, const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"" + std::string(html_lang(language)) +
         "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>" + title + "</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n<main>\n" + body +
         "</main>\n</body>\n</html>\n";
}

std::string cell(const std::string& s, bool number = false) { return number ? "<td class=\"n\">" + s + "</td>" : "<td>" + s + "</td>"; }

std::string header_row(std::initializer_list<std::string_view> names) {
  std::string out = "<tr>";
  for (const std::string_view n : names) out += "<th>" + std::string(n) + "</th>";
  return out + "</tr>\n";
}

std::string share_text(double score, double max) {
  if (!(max > 0) || std::isnan(score)) return "—";
  return number_text(score / max * 100, 1) + "%";
}

std::string scores_table(const Composer& c) {
  const Phrases& w = c.words;
  std::string out = "<table class=\"scores\">\n" + header_row({w.column_standard, w.column_score, w.column_max, w.column_share});
  for (const StandardResult& s : c.report.standards)
    out += "<tr>" + cell(c.standard_name(s.id, s.name)) + cell(c.number(s.score), true) + cell(c.number(s.max_points), true) +
           cell(share_text(s.score, s.max_points), true) + "</tr>\n";
  if (c.report.has_bonuses)
    out += "<tr>" + cell(std::string(w.bonus_row)) + cell(c.number(c.report.bonus), true) + cell("") + cell("") + "</tr>\n";
  out += "<tr><th>" + std::string(w.total_row) + "</th>" + cell("<strong>" + c.number(c.report.total) + "</strong>", true) +
         cell(c.number(c.report.max_total), true) + cell(share_text(c.report.total, c.report.max_total), true) + "</tr>\n";
  out += "<tr><th>" + std::string(w.rating_row) + "</th>" + cell(c.rating()) + cell("") + cell("") + "</tr>\n";
  return out + "</table>\n";
}

std::string findings_section(const Composer& c) {
  const Phrases& w = c.words;
  std::string out = "<section class=\"findings\">\n<h2>" + std::string(w.findings_heading) + "</h2>\n";
  if (c.report.findings.empty()) return out + "<p>" + std::string(w.findings_none) + "</p>\n</section>\n";
  out += "<table>\n" + header_row({w.column_severity, w.column_rule, w.column_basis, w.column_period, w.column_expected,
                                   w.column_actual, w.column_evidence});
  for (const ReportFinding& f : c.report.findings) {
    std::string evidence;
    for (const std::string& id : f.evidence) evidence += (evidence.empty() ? "" : ", ") + html_escape(id);
    out += std::string("<tr class=\"") + (f.violation ? "violation" : "warning") + "\" title=\"" + html_escape(f.message) +
           "\">" + cell(c.severity(f)) + cell(c.finding_rule(f)) + cell(c.finding_basis(f)) + cell(html_escape(f.period)) +
           cell(html_escape(f.expected)) + cell(html_escape(f.actual)) + cell(evidence) + "</tr>\n";
  }
  return out + "</table>\n</section>\n";
}

}  // namespace

std::string render_html(const AnnualReport& r, Language language) {
  const Composer c{r, phrases(language), html_escape, html_code};
  const std::string title = c.title();
  std::string body = "<h1>" + title + "</h1>\n<p class=\"period\">" + c.period_line() + "</p>\n";
  for (std::size_t i = 0; i < r.sections.size(); ++i) {
    std::string paragraph = c.section_paragraph(r.sections[i]);
    if (!paragraph.empty() && paragraph.front() == ' ') paragraph.erase(0, 1);
    body += "<section class=\"standard\" id=\"" + html_escape(r.sections[i].standard) + "\">\n<h2>" + c.section_title(i) +
            "</h2>\n<p>" + paragraph + "</p>\n</section>\n";
  }
  if (r.sections.empty() || r.sections.back().standard != "fortress") body += "<p>" + c.life_sentence() + "</p>\n";
  body += "<section class=\"result\">\n<h2>" + std::string(c.words.result_heading) + "</h2>\n" +
          radar_chart_svg(r, language) + "\n<p>" + c.result_line() + "</p>\n" + scores_table(c);
  if (const std::string vetoes = c.vetoes_line(); !vetoes.empty()) body += "<p class=\"vetoes\">" + vetoes + "</p>\n";
  body += "<h3>" + std::string(c.words.lost_heading) + "</h3>\n";
  if (r.lost.empty()) {
    body += "<p>" + c.lost_none() + "</p>\n";
  } else {
    body += "<ol class=\"lost\">\n";
    for (const LostIndicator& l : r.lost) body += "<li>" + c.lost_indicator(l) + "</li>\n";
    body += "</ol>\n";
  }
  body += "</section>\n";
  if (r.compliance_checked) body += findings_section(c);
  return page(language, title, body);
}

namespace {

// A relative link to a file named by report_file_name: its `%` must itself be escaped, or the
// browser would decode `%41` to `A` and miss the file.
std::string href(std::string_view file) {
  std::string out;
  for (const char ch : file) out += ch == '%' ? std::string("%25") : std::string(1, ch);
  return html_escape(out);
}

std::string count_cell(const ReportIndexEntry& e, std::size_t n) {
  return e.compliance_checked ? cell(std::to_string(n), true) : cell("—", true);
}

}  // namespace

}  // namespace report_detail

ReportIndexEntry index_entry(const AnnualReport& r) {
  ReportIndexEntry e{r.branch_id, r.branch_name, r.total, r.rating, r.compliance_checked, 0, 0};
  for (const ReportFinding& f : r.findings) ++(f.violation ? e.violations : e.warnings);
  return e;
}

std::string render_report_index(std::span<const ReportIndexEntry> entries, const Period& period, Language language) {
  using namespace report_detail;
  const Phrases& w = phrases(language);
  const std::string count = std::to_string(entries.size());
  const std::string title = fill_fields(w.index_title, {{"count", count}});
  const std::string from = period.from.to_string();
  const std::string to = period.to.to_string();
  std::string body = "<h1>" + title + "</h1>\n<p class=\"period\">" +
                     fill_fields(w.period_line, {{"from", from}, {"to", to}}) + "</p>\n<table>\n" +
                     header_row({w.column_branch, w.column_total, w.column_rating, w.column_violations, w.column_warnings});
  for (const ReportIndexEntry& e : entries) {
    body += "<tr>" + cell("<a href=\"" + href(report_file_name(e.branch_id, ReportFormat::html)) + "\">" +
                          html_escape(e.branch_name) + "</a>") +
            cell(number_text(e.total), true) + cell(rating_text(w, e.rating, html_escape)) + count_cell(e, e.violations) +
            count_cell(e, e.warnings) + "</tr>\n";
  }
  body += "</table>\n";
  return page(language, title, body);
}

std::string report_file_name(std::string_view branch_id, ReportFormat format) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string name;
  for (std::size_t i = 0; i < branch_id.size(); ++i) {
    const auto ch = static_cast<unsigned char>(branch_id[i]);
    const bool plain = (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || ch == '-' ||
                       ch == '_' || (ch == '.' && i > 0);
    if (plain) {
      name += static_cast<char>(ch);
    } else {
      name += '%';
      name += kHex[ch >> 4];
      name += kHex[ch & 0xF];
    }
  }
  switch (format) {
    case ReportFormat::text: return name + ".txt";
    case ReportFormat::markdown: return name + ".md";
    case ReportFormat::html: return name + ".html";
  }
  return name;
}

}  // namespace libbranch
