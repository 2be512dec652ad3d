#pragma once
// The Markdown and HTML renderers behind render_annual_report(report, language, format).
#include <string>

#include <libbranch/report.hpp>

namespace libbranch::report_detail {

[[nodiscard]] std::string render_markdown(const AnnualReport& report, Language language);
[[nodiscard]] std::string render_html(const AnnualReport& report, Language language);

}  // namespace libbranch::report_detail
