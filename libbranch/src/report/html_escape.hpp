#pragma once
#include <string>
#include <string_view>

namespace libbranch::report_detail {

/// Text for HTML content and quoted attribute values: & < > " ' as entities.
[[nodiscard]] std::string html_escape(std::string_view s);

}  // namespace libbranch::report_detail
