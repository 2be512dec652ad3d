#include <libbranch/error.hpp>

#include <algorithm>

namespace libbranch {
namespace {

std::string summarize(const std::vector<Problem>& problems, std::size_t omitted_errors) {
  const auto errors = omitted_errors + static_cast<std::size_t>(std::count_if(problems.begin(), problems.end(), [](const Problem& p) {
                        return p.severity == Severity::error && p.omitted == 0;
                      }));
  std::string text = std::to_string(errors) + (errors == 1 ? " error" : " errors") + " in the data";
  for (const Problem& p : problems) {
    if (p.severity != Severity::error) continue;
    text += "; first: " + p.to_string();
    break;
  }
  return text;
}

// A problem is one line: line breaks, other control characters and bytes that are not UTF-8 are
// shown as escapes (\n, \x1f, \xb5) instead of being printed raw.
std::string escaped(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  static constexpr char kHex[] = "0123456789abcdef";
  auto hex = [&out](unsigned char c) {
    out += "\\x";
    out += kHex[c >> 4];
    out += kHex[c & 15];
  };
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n') { out += "\\n"; ++i; continue; }
    if (c == '\r') { out += "\\r"; ++i; continue; }
    if (c == '\t') { out += "\\t"; ++i; continue; }
    if (c < 0x20 || c == 0x7f) { hex(c); ++i; continue; }
    if (c < 0x80) { out += static_cast<char>(c); ++i; continue; }
    const std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    bool ok = len != 0 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (!ok) { hex(c); ++i; continue; }
    out.append(s, i, len);
    i += len;
  }
  return out;
}

}  // namespace

std::string Problem::to_string() const {
  std::string out = file;
  if (!row_label.empty()) {
    out.append("[").append(row_label).append("]");
  } else if (line > 0) {
    out.append(":").append(std::to_string(line));
  }
  out += severity == Severity::error ? ": error: " : ": warning: ";
  out += column.empty() ? "-" : escaped(column);
  out += ": " + escaped(message);
  if (!value.empty()) out += " '" + escaped(value) + "'";
  return out;
}

DataError::DataError(std::vector<Problem> problems, std::size_t omitted_errors)
    : Error(summarize(problems, omitted_errors)), problems_(std::move(problems)), omitted_errors_(omitted_errors) {}

std::size_t DataError::error_count() const noexcept {
  return omitted_errors_ + static_cast<std::size_t>(std::count_if(problems_.begin(), problems_.end(), [](const Problem& p) {
           return p.severity == Severity::error && p.omitted == 0;
         }));
}

RubricError::RubricError(std::string json_path, const std::string& message)
    : Error(json_path.empty() ? message : json_path + ": " + message), path_(std::move(json_path)) {}

UnknownMetricError::UnknownMetricError(std::string metric_id, const std::string& message)
    : Error(message), id_(std::move(metric_id)) {}

PluginError::PluginError(std::string plugin_path, const std::string& message)
    : Error(plugin_path.empty() ? message : plugin_path + ": " + message), path_(std::move(plugin_path)) {}

ArchiveError::ArchiveError(std::string archive_path, const std::string& message)
    : Error(archive_path.empty() ? message : archive_path + ": " + message), path_(std::move(archive_path)) {}

AnalyticsError::AnalyticsError(std::string argument, const std::string& message)
    : Error(argument.empty() ? message : argument + ": " + message), argument_(std::move(argument)) {}

}  // namespace libbranch
