#include "text_format.hpp"

#include <cmath>
#include <cstdio>

namespace libbranch::report_detail {

std::string number_text(double v, int decimals) {
  if (std::isnan(v)) return "—";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
  std::string s(buffer);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

std::string metric_value_text(double v, std::string_view unit) {
  if (!std::isnan(v) && unit == "share") return number_text(v * 100, 1) + "%";
  return number_text(v);
}

std::string fill(std::string_view phrase, std::string_view number) {
  std::string out(phrase);
  if (const auto pos = out.find("{}"); pos != std::string::npos) out.replace(pos, 2, number);
  return out;
}

std::string plural(const CountPhrase& p, std::int64_t n) { return fill(n == 1 ? p.one : p.many, std::to_string(n)); }

std::string plural(const CountPhrase& p, double value, int decimals) {
  return fill(value == 1 ? p.one : p.many, number_text(value, decimals));
}

std::string fill_fields(std::string_view pattern, std::initializer_list<Field> fields) {
  std::string out;
  std::size_t i = 0;
  while (i < pattern.size()) {
    const std::size_t open = pattern.find('{', i);
    if (open == std::string_view::npos) break;
    const std::size_t close = pattern.find('}', open);
    if (close == std::string_view::npos) break;
    const std::string_view name = pattern.substr(open + 1, close - open - 1);
    out.append(pattern.substr(i, open - i));
    bool known = false;
    for (const Field& f : fields)
      if (f.first == name) {
        out.append(f.second);
        known = true;
        break;
      }
    if (!known) out.append(pattern.substr(open, close - open + 1));
    i = close + 1;
  }
  out.append(pattern.substr(std::min(i, pattern.size())));
  return out;
}

}  // namespace libbranch::report_detail
