// Result files (docs/reference/results.md). Numbers are formatted here and nowhere else.
#include <libbranch/io/scorecard_writer.hpp>

#include <charconv>
#include <cmath>

#include <libbranch/io/csv_writer.hpp>

#include "scorecard_text.hpp"

namespace libbranch {
namespace detail {

std::string flags_text(std::uint8_t flags, const char* separator) {
  std::string out;
  auto add = [&](std::uint8_t bit, const char* name) {
    if (!(flags & bit)) return;
    if (!out.empty()) out += separator;
    out += name;
  };
  add(kFlagMissing, "missing");
  add(kFlagExcluded, "excluded");
  add(kFlagBonus, "bonus");
  return out;
}

std::string vetoes_text(const Scorecard& card, std::size_t b) {
  std::string out;
  for (std::uint32_t k = card.veto_offsets[b]; k < card.veto_offsets[b + 1]; ++k) {
    if (!out.empty()) out += ';';
    out += card.veto_metrics[card.fired_vetoes[k]];
  }
  return out;
}

}  // namespace detail

namespace {

using detail::flags_text;
using detail::vetoes_text;

Eigen::Index row(std::size_t b) { return static_cast<Eigen::Index>(b); }
Eigen::Index col(std::size_t i) { return static_cast<Eigen::Index>(i); }

void json_string(std::string& out, std::string_view s) {
  out += '"';
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[(c >> 4) & 15];
          out += kHex[c & 15];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void json_number(std::string& out, double v) {
  const std::string text = format_number(v);
  out += text.empty() ? "null" : text;
}

// `"key": ` — the caller writes the value.
void json_key(std::string& out, std::string_view key) {
  json_string(out, key);
  out += ": ";
}

void json_indicator(std::string& out, const Scorecard& card, std::size_t b, std::size_t i) {
  const ScoredIndicator& ind = card.indicators[i];
  out += "{";
  json_key(out, "branch_id");
  json_string(out, card.branch_ids[b]);
  out += ", ";
  json_key(out, "standard");
  if (ind.bonus) {
    out += "null";
  } else {
    json_string(out, ind.standard);
  }
  out += ", ";
  json_key(out, "indicator");
  json_string(out, ind.id);
  out += ", ";
  json_key(out, "metric");
  json_string(out, ind.metric);
  out += ", ";
  json_key(out, "value");
  json_number(out, card.indicator_value(b, i));
  out += ", ";
  json_key(out, "points");
  json_number(out, card.points(row(b), col(i)));
  out += ", ";
  json_key(out, "max_points");
  json_number(out, ind.max_points);
  out += ", ";
  json_key(out, "rule");
  json_string(out, ind.rule);
  out += ", ";
  json_key(out, "flags");
  out += "[";
  const std::string flags = flags_text(card.flags(row(b), col(i)), ",");
  std::size_t start = 0;
  while (start < flags.size()) {
    const std::size_t end = std::min(flags.find(',', start), flags.size());
    if (start > 0) out += ", ";
    json_string(out, std::string_view(flags).substr(start, end - start));
    start = end + 1;
  }
  out += "]}";
}

void json_branch(std::string& out, const Scorecard& card, std::size_t b, bool detail) {
  out += "    {";
  json_key(out, "branch_id");
  json_string(out, card.branch_ids[b]);
  out += ", ";
  json_key(out, "name");
  json_string(out, card.branch_names[b]);
  out += ", ";
  json_key(out, "total");
  json_number(out, card.totals[row(b)]);
  out += ", ";
  json_key(out, "rating");
  json_string(out, card.rating(b));
  for (std::size_t s = 0; s < card.standards.size(); ++s) {
    out += ", ";
    json_key(out, card.standards[s].id);
    json_number(out, card.standard_scores(row(b), col(s)));
  }
  out += ", ";
  json_key(out, "bonus");
  json_number(out, card.bonus[row(b)]);
  out += ", ";
  json_key(out, "vetoes");
  out += "[";
  for (std::uint32_t k = card.veto_offsets[b]; k < card.veto_offsets[b + 1]; ++k) {
    if (k > card.veto_offsets[b]) out += ", ";
    json_string(out, card.veto_metrics[card.fired_vetoes[k]]);
  }
  out += "]";
  if (card.has_stars()) {
    out += ", ";
    json_key(out, "stars");
    json_string(out, card.star(b));
  }
  if (detail) {
    out += ", ";
    json_key(out, "indicators");
    out += "[\n";
    for (std::size_t i = 0; i < card.indicators.size(); ++i) {
      out += "      ";
      json_indicator(out, card, b, i);
      out += i + 1 < card.indicators.size() ? ",\n" : "\n";
    }
    out += "    ]";
  }
  out += "}";
}

// Display width of UTF-8 text: CJK and full-width characters take two terminal columns.
std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp = c;
    std::size_t len = 1;
    if (c >= 0xF0) { len = 4; cp = c & 0x07; }
    else if (c >= 0xE0) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xC0) { len = 2; cp = c & 0x1F; }
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    width += wide ? 2 : 1;
  }
  return width;
}

std::string fixed2(double v) {
  if (std::isnan(v)) return "-";
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v == 0 ? 0.0 : v, std::chars_format::fixed, 2);
  return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

using TableRow = std::vector<std::string>;

void print_aligned(const std::vector<TableRow>& rows, const std::vector<bool>& right, std::ostream& out) {
  std::vector<std::size_t> widths;
  for (const TableRow& r : rows)
    for (std::size_t c = 0; c < r.size(); ++c) {
      if (widths.size() <= c) widths.push_back(0);
      widths[c] = std::max(widths[c], display_width(r[c]));
    }
  for (const TableRow& r : rows) {
    std::string line;
    for (std::size_t c = 0; c < r.size(); ++c) {
      const std::string pad(widths[c] - display_width(r[c]), ' ');
      if (c > 0) line += "  ";
      const bool last = c + 1 == r.size();
      line += right[c] ? pad + r[c] : (last ? r[c] : r[c] + pad);
    }
    out << line << '\n';
  }
}

}  // namespace

std::string format_number(double v) {
  if (std::isnan(v)) return {};
  if (v == 0) return "0";  // also -0
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}

void write_summary_csv(const Scorecard& card, std::ostream& out) {
  CsvWriter csv(out);
  csv.field("branch_id").field("name").field("total").field("rating");
  for (const ScoredStandard& s : card.standards) csv.field(s.id);
  csv.field("bonus").field("vetoes");
  if (card.has_stars()) csv.field("stars");  // only for a rubric with stars (docs/reference/results.md columns unchanged)
  csv.end_row();
  for (std::size_t b = 0; b < card.branch_count(); ++b) {
    csv.field(card.branch_ids[b]).field(card.branch_names[b]).field(format_number(card.totals[row(b)])).field(card.rating(b));
    for (std::size_t s = 0; s < card.standards.size(); ++s) csv.field(format_number(card.standard_scores(row(b), col(s))));
    csv.field(format_number(card.bonus[row(b)])).field(vetoes_text(card, b));
    if (card.has_stars()) csv.field(card.star(b));
    csv.end_row();
  }
}

void write_detail_csv(const Scorecard& card, std::ostream& out) {
  CsvWriter csv(out);
  for (const char* h : {"branch_id", "standard", "indicator", "metric", "value", "points", "max_points", "rule", "flags"})
    csv.field(h);
  csv.end_row();
  for (std::size_t b = 0; b < card.branch_count(); ++b)
    for (std::size_t i = 0; i < card.indicators.size(); ++i) {
      const ScoredIndicator& ind = card.indicators[i];
      csv.field(card.branch_ids[b]).field(ind.standard).field(ind.id).field(ind.metric);
      csv.field(format_number(card.indicator_value(b, i))).field(format_number(card.points(row(b), col(i))));
      csv.field(format_number(ind.max_points)).field(ind.rule).field(flags_text(card.flags(row(b), col(i)), ";"));
      csv.end_row();
    }
}

void write_json(const Scorecard& card, std::ostream& out, bool detail) {
  std::string text = "{";
  json_key(text, "rubric");
  json_string(text, card.rubric_name);
  text += ", ";
  json_key(text, "from");
  json_string(text, card.period.from.to_string());
  text += ", ";
  json_key(text, "to");
  json_string(text, card.period.to.to_string());
  text += ",\n  ";
  json_key(text, "branches");
  text += "[\n";
  for (std::size_t b = 0; b < card.branch_count(); ++b) {
    json_branch(text, card, b, detail);
    text += b + 1 < card.branch_count() ? ",\n" : "\n";
    if (text.size() > (1u << 20)) {
      out << text;
      text.clear();
    }
  }
  text += "  ]\n}\n";
  out << text;
}

void write_table(const Scorecard& card, std::ostream& out, bool detail) {
  out << card.rubric_name << "  " << card.period.from.to_string() << " – " << card.period.to.to_string() << "\n\n";
  TableRow header{"branch_id", "name", "total", "rating"};
  std::vector<bool> right{false, false, true, false};
  for (const ScoredStandard& s : card.standards) {
    header.push_back(s.name.empty() ? s.id : s.name);
    right.push_back(true);
  }
  header.insert(header.end(), {"bonus", "vetoes"});
  right.insert(right.end(), {true, false});
  if (card.has_stars()) {
    header.push_back("stars");
    right.push_back(false);
  }
  std::vector<TableRow> rows{header};
  for (std::size_t b = 0; b < card.branch_count(); ++b) {
    TableRow r{card.branch_ids[b], card.branch_names[b], fixed2(card.totals[row(b)]), card.rating(b)};
    for (std::size_t s = 0; s < card.standards.size(); ++s) r.push_back(fixed2(card.standard_scores(row(b), col(s))));
    r.push_back(fixed2(card.bonus[row(b)]));
    r.push_back(vetoes_text(card, b));
    if (card.has_stars()) r.push_back(card.star(b));
    rows.push_back(std::move(r));
  }
  print_aligned(rows, right, out);
  if (!detail) return;
  for (std::size_t b = 0; b < card.branch_count(); ++b) {
    out << "\n" << card.branch_ids[b] << "  " << card.branch_names[b] << "\n";
    std::vector<TableRow> lines{{"standard", "indicator", "metric", "value", "points", "max", "rule", "flags"}};
    for (std::size_t i = 0; i < card.indicators.size(); ++i) {
      const ScoredIndicator& ind = card.indicators[i];
      lines.push_back({ind.standard, ind.id, ind.metric, fixed2(card.indicator_value(b, i)),
                       fixed2(card.points(row(b), col(i))), fixed2(ind.max_points), ind.rule,
                       flags_text(card.flags(row(b), col(i)), ";")});
    }
    print_aligned(lines, {false, false, false, true, true, true, false, false}, out);
  }
}

}  // namespace libbranch
