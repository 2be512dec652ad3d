#pragma once
// The sentences of the annual summary, composed from the phrase table (phrases.hpp) and the
// report. Shared by the text, Markdown and HTML renderers: each passes the escaping of its format,
// applied to every piece of text that comes from data (names, labels, ids), never to the phrases.
#include <string>
#include <string_view>

#include <libbranch/report.hpp>

#include "phrases.hpp"

namespace libbranch::report_detail {

using Escape = std::string (*)(std::string_view);

[[nodiscard]] std::string no_escape(std::string_view s);

struct Composer {
  const AnnualReport& report;
  const Phrases& words;
  Escape escape = no_escape;
  /// How a metric id is shown (Markdown shows it as code).
  Escape metric_id = no_escape;

  [[nodiscard]] std::string title() const;
  [[nodiscard]] std::string period_line() const;   ///< 考评期：2025-01-01至2025-12-31
  [[nodiscard]] std::string ordinal(std::size_t i) const;
  [[nodiscard]] std::string standard_name(std::string_view id, const std::string& name) const;
  [[nodiscard]] std::string section_title(std::size_t i) const;
  /// The section's figures as one sentence without its final stop; details in parentheses.
  [[nodiscard]] std::string section_text(const ReportSection& section) const;
  /// The section's paragraph: its text with the stop, and for the fortress the customary sentence.
  [[nodiscard]] std::string section_paragraph(const ReportSection& section) const;
  [[nodiscard]] std::string life_sentence() const;
  [[nodiscard]] std::string rating() const;
  [[nodiscard]] std::string result_line() const;
  [[nodiscard]] std::string standards_line() const;
  [[nodiscard]] std::string vetoes_line() const;  ///< empty when no veto fired
  /// A lost indicator without its list number.
  [[nodiscard]] std::string lost_indicator(const LostIndicator& l) const;
  [[nodiscard]] std::string lost_none() const;  ///< capitalised for a line of its own
  [[nodiscard]] std::string number(double v) const;
  [[nodiscard]] std::string severity(const ReportFinding& f) const;
  [[nodiscard]] std::string finding_rule(const ReportFinding& f) const;   ///< id and title
  [[nodiscard]] std::string finding_basis(const ReportFinding& f) const;  ///< instrument and article
};

/// A rating label as the reports show it in `words`' language (an unknown label as it is).
[[nodiscard]] std::string rating_text(const Phrases& words, std::string_view rating, Escape escape);

/// The lost indicators as a numbered list, a line each (`1. …`).
void append_numbered(const Composer& c, std::string& out);

/// Upper-cases the first byte when it is an ASCII letter.
[[nodiscard]] std::string capitalized(std::string s);

}  // namespace libbranch::report_detail
