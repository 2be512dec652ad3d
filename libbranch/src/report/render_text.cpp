// The annual summary as plain text (docs/reference/results.md §7): what `branchscore report`
// prints.
#include <libbranch/report_render.hpp>

#include "compose.hpp"
#include "renderers.hpp"

namespace libbranch {

using report_detail::Composer;

std::string organization_life_sentence(const AnnualReport& report, Language language) {
  return Composer{report, report_detail::phrases(language)}.life_sentence();
}

std::string render_annual_report(const AnnualReport& r, Language language) {
  const Composer c{r, report_detail::phrases(language)};
  std::string out = c.title() + "\n" + c.period_line() + "\n\n";
  // The figures, standard by standard; the organization-life sentence ends the last (fortress).
  for (std::size_t i = 0; i < r.sections.size(); ++i)
    out += c.section_title(i) + std::string(c.words.section_title_end) + c.section_paragraph(r.sections[i]) + "\n";
  if (r.sections.empty() || r.sections.back().standard != "fortress") out += c.life_sentence() + "\n";

  (out += '\n') += c.result_line() + "\n" + c.standards_line() + "\n";
  if (const std::string vetoes = c.vetoes_line(); !vetoes.empty()) out += vetoes + "\n";
  out += c.words.lost_lead;
  if (r.lost.empty()) return out + std::string(c.words.after_lead) + std::string(c.words.lost_none) + "\n";
  out += "\n";
  append_numbered(c, out);
  return out;
}

std::string render_annual_report(const AnnualReport& report, Language language, ReportFormat format) {
  switch (format) {
    case ReportFormat::text:
      return render_annual_report(report, language);
    case ReportFormat::markdown:
      return report_detail::render_markdown(report, language);
    case ReportFormat::html:
      return report_detail::render_html(report, language);
  }
  return render_annual_report(report, language);
}

}  // namespace libbranch
