#include "compose.hpp"

#include <array>
#include <cctype>
#include <cmath>

#include "figure_table.hpp"
#include "text_format.hpp"

namespace libbranch::report_detail {
namespace {

constexpr std::array<std::string_view, 10> kChineseNumerals{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

}  // namespace

std::string no_escape(std::string_view s) { return std::string(s); }

std::string capitalized(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::string Composer::number(double v) const { return number_text(v); }

std::string Composer::title() const {
  const std::string name = escape(report.branch_name);
  const std::string id = escape(report.branch_id);
  if (!report.is_calendar_year()) return fill_fields(words.title_period, {{"branch", name}, {"id", id}});
  const std::string year = std::to_string(report.period.from.year());
  return fill_fields(words.title_year, {{"branch", name}, {"id", id}, {"year", year}});
}

std::string Composer::period_line() const {
  const std::string from = report.period.from.to_string();
  const std::string to = report.period.to.to_string();
  return fill_fields(words.period_line, {{"from", from}, {"to", to}});
}

std::string Composer::ordinal(std::size_t i) const {
  if (words.language == Language::zh && i < kChineseNumerals.size()) return std::string(kChineseNumerals[i]);
  return std::to_string(i + 1);
}

std::string Composer::standard_name(std::string_view id, const std::string& name) const {
  const std::string_view en = english_standard_name(id);
  const std::string zh = escape(name);
  return fill_fields(en.empty() ? words.standard_name_other : words.standard_name_known, {{"zh", zh}, {"en", en}});
}

std::string Composer::section_title(std::size_t i) const {
  const ReportSection& s = report.sections[i];
  const std::string n = ordinal(i);
  const std::string name = standard_name(s.standard, s.name);
  return fill_fields(words.section_title, {{"ordinal", n}, {"standard", name}});
}

namespace {

std::string figure_text(const Composer& c, const ReportFigure& f) {
  const FigureSpec* spec = find_figure_spec(f.id);
  const int decimals = spec ? spec->decimals : 2;
  if (const CountPhrase* phrase = figure_phrase(c.words, f.id)) return plural(*phrase, f.value, decimals);
  const std::string n = number_text(f.value, decimals);
  return c.words.language == Language::zh ? c.escape(f.label_zh) + n + c.escape(f.unit_zh) : c.escape(f.label_en) + " " + n;
}

}  // namespace

std::string Composer::section_text(const ReportSection& section) const {
  std::string out;
  const auto& figures = section.figures;
  std::size_t i = 0;
  bool first = true;
  while (i < figures.size()) {
    const ReportFigure& main = figures[i++];
    if (std::isnan(main.value)) {
      while (i < figures.size() && !figures[i].part_of.empty()) ++i;  // details of a figure not shown
      continue;
    }
    if (!first) out += words.list_separator;
    first = false;
    out += figure_text(*this, main);
    std::string details;
    while (i < figures.size() && !figures[i].part_of.empty()) {
      const ReportFigure& d = figures[i++];
      if (std::isnan(d.value)) continue;
      if (!details.empty()) details += words.detail_separator;
      details += figure_text(*this, d);
    }
    if (!details.empty()) out += std::string(words.details_open) + details + std::string(words.details_close);
  }
  return out;
}

std::string Composer::section_paragraph(const ReportSection& section) const {
  std::string text = section_text(section);
  if (!text.empty()) {
    if (words.capitalize_sections) text = capitalized(std::move(text));
    text += words.sentence_end;
  }
  if (section.standard == "fortress") text += std::string(words.before_life_sentence) + life_sentence();
  return text;
}

std::string Composer::life_sentence() const {
  const OrganizationLife& l = report.organization_life;
  const std::string_view lead = report.is_calendar_year() ? words.life_lead_year : words.life_lead_period;
  return fill_fields(words.life_sentence, {{"lead", lead},
                                           {"theme_days", plural(words.life_theme_days, l.theme_days)},
                                           {"congresses", plural(words.life_congresses, l.branch_congresses)},
                                           {"committees", plural(words.life_committees, l.committee_meetings)},
                                           {"lectures", plural(words.life_lectures, l.secretary_lectures)},
                                           {"on_time", plural(words.life_on_time, l.on_time_conversions)},
                                           {"new", plural(words.life_new, l.new_probationary)}});
}

std::string rating_text(const Phrases& words, std::string_view rating, Escape escape) {
  for (const auto& [label, shown] : words.ratings)
    if (label == rating) return escape(shown);
  return escape(rating);
}

std::string Composer::rating() const { return rating_text(words, report.rating, escape); }

std::string Composer::result_line() const {
  const std::string total = number(report.total);
  const std::string max = number(report.max_total);
  const std::string r = rating();
  return fill_fields(words.result_line, {{"total", total}, {"max", max}, {"rating", r}});
}

std::string Composer::standards_line() const {
  std::string out(words.standards_lead);
  for (std::size_t i = 0; i < report.standards.size(); ++i) {
    const StandardResult& s = report.standards[i];
    if (i) out += words.standard_separator;
    const std::string name = standard_name(s.id, s.name);
    const std::string score = number(s.score);
    const std::string max = number(s.max_points);
    out += fill_fields(words.standard_score, {{"name", name}, {"score", score}, {"max", max}});
  }
  if (report.has_bonuses)
    out += std::string(report.standards.empty() ? "" : words.bonus_separator) + plural(words.bonus, report.bonus, 2);
  return out + std::string(words.sentence_end);
}

std::string Composer::vetoes_line() const {
  if (report.vetoes.empty()) return {};
  std::string out(words.vetoes_lead);
  for (std::size_t i = 0; i < report.vetoes.size(); ++i) {
    if (i) out += words.standard_separator;
    const ReportVeto& v = report.vetoes[i];
    const std::string label = escape(words.language == Language::zh ? v.label_zh : v.label_en);
    const std::string id = metric_id(v.metric);
    out += fill_fields(words.labelled_metric, {{"label", label}, {"metric", id}});
  }
  return out + std::string(words.sentence_end);
}

namespace {

std::string requirement_text(const Phrases& w, const LostIndicator& l) {
  switch (l.requirement) {
    case Requirement::unknown:
    case Requirement::data:  // said with the value
      return {};
    case Requirement::at_least:
      return fill(w.need_at_least, metric_value_text(l.required, l.unit));
    case Requirement::above_zero:
      return std::string(w.need_above_zero);
    case Requirement::at_most:
      return fill(w.need_at_most, metric_value_text(l.required, l.unit));
    case Requirement::peers:
      return std::string(w.need_peers);
  }
  return {};
}

}  // namespace

std::string Composer::lost_indicator(const LostIndicator& l) const {
  const std::string label = escape(words.language == Language::zh ? l.label_zh : l.label_en);
  const std::string id = metric_id(l.metric);
  const std::string points = number(l.points);
  const std::string max = number(l.max_points);
  const std::string lost = number(l.lost());
  std::string out = fill_fields(words.lost_line,
                                {{"label", label}, {"metric", id}, {"points", points}, {"max", max}, {"lost", lost}});
  out += std::isnan(l.value) ? std::string(words.value_none) : fill(words.value_known, metric_value_text(l.value, l.unit));
  if (const std::string req = requirement_text(words, l); !req.empty()) out += std::string(words.clause_separator) + req;
  return out + std::string(words.sentence_end);
}

void append_numbered(const Composer& c, std::string& out) {
  for (std::size_t k = 0; k < c.report.lost.size(); ++k) {
    out += std::to_string(k + 1);
    out += ". ";
    out += c.lost_indicator(c.report.lost[k]);
    out += '\n';
  }
}

std::string Composer::lost_none() const {
  std::string s(words.lost_none);
  return words.capitalize_sections ? capitalized(std::move(s)) : s;
}

std::string Composer::severity(const ReportFinding& f) const {
  return std::string(f.violation ? words.severity_violation : words.severity_warning);
}

std::string Composer::finding_rule(const ReportFinding& f) const {
  const std::string& title = words.language == Language::zh || f.title_en.empty() ? f.title_zh : f.title_en;
  return title.empty() ? escape(f.rule_id) : escape(title) + std::string(words.details_open) + escape(f.rule_id) +
                                      std::string(words.details_close);
}

std::string Composer::finding_basis(const ReportFinding& f) const { return escape(f.instrument + f.article); }

}  // namespace libbranch::report_detail
