#pragma once
// The words of the annual summary, one table per language. Renderers (text, Markdown, HTML) share
// one code path and take every phrase from here, so a sentence is changed in one place and a new
// language is one more table. `{}` in a phrase is the number; `{name}` is a named field.
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include <libbranch/report.hpp>

namespace libbranch::report_detail {

/// A phrase with a number, singular and plural (the same in Chinese).
struct CountPhrase {
  std::string_view one;
  std::string_view many;
};

struct FigurePhrase {
  std::string_view id;  ///< figure id (figure_table.hpp)
  CountPhrase phrase;
};

struct Phrases {
  Language language = Language::zh;
  std::span<const FigurePhrase> figures;
  bool capitalize_sections = false;  ///< English sentences start with a capital

  // Punctuation.
  std::string_view list_separator;    ///< between figures
  std::string_view detail_separator;  ///< between the details of one figure
  std::string_view details_open;
  std::string_view details_close;
  std::string_view sentence_end;
  std::string_view before_life_sentence;  ///< between the fortress figures and the customary sentence

  // Title and period: {branch} {id} {year} {from} {to}.
  std::string_view title_year;
  std::string_view title_period;
  std::string_view period_line;

  // Sections: {ordinal} {standard}; a standard's name as shown: {zh} and {en}.
  std::string_view section_title;      ///< a heading of its own (Markdown, HTML)
  std::string_view section_title_end;  ///< after the title when the text follows on the same line
  std::string_view standard_name_known;  ///< the docs/reference/README.md §2 standards
  std::string_view standard_name_other;  ///< any other (only the rubric's name)

  // The customary sentence (docs/reference/results.md §7).
  std::string_view life_lead_year;
  std::string_view life_lead_period;
  std::string_view life_sentence;  ///< {lead} {theme_days} {congresses} {committees} {lectures} {on_time} {new}
  CountPhrase life_theme_days, life_congresses, life_committees, life_lectures, life_on_time, life_new;

  // Results: {total} {max} {rating}; {name} {score} {max}.
  std::string_view result_line;
  std::string_view result_heading;
  std::string_view standards_lead;
  std::string_view standard_score;
  std::string_view standard_separator;
  std::string_view bonus_separator;
  CountPhrase bonus;
  std::span<const std::pair<std::string_view, std::string_view>> ratings;  ///< label → shown as
  std::string_view vetoes_lead;
  std::string_view labelled_metric;  ///< {label} {metric}
  std::string_view lost_lead;
  std::string_view lost_heading;
  std::string_view after_lead;  ///< between a lead (失分较多的指标：) and what follows on its line
  std::string_view lost_none;
  std::string_view lost_line;  ///< {label} {metric} {points} {max} {lost}
  std::string_view value_known;
  std::string_view value_none;
  std::string_view clause_separator;
  std::string_view need_at_least;
  std::string_view need_above_zero;
  std::string_view need_at_most;
  std::string_view need_peers;

  // Tables of the Markdown and HTML pages.
  std::string_view column_standard, column_score, column_max, column_share;
  std::string_view total_row, bonus_row, rating_row;
  std::string_view radar_title;
  std::string_view findings_heading;
  std::string_view findings_none;
  std::string_view column_severity, column_rule, column_basis, column_period, column_expected, column_actual,
      column_evidence;
  std::string_view severity_violation, severity_warning;
  std::string_view index_title;  ///< {count}
  std::string_view column_branch, column_total, column_rating, column_violations, column_warnings;
};

[[nodiscard]] const Phrases& phrases(Language language);

/// The figure's phrase, or nullptr for a figure the table does not know.
[[nodiscard]] const CountPhrase* figure_phrase(const Phrases& p, std::string_view id);

}  // namespace libbranch::report_detail
