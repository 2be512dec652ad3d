// A Scorecard as an .xlsx workbook through libxlsxwriter (optional: without it, write_xlsx throws).
//
// Every number is a numeric cell holding the same double the CSV writer formats (NaN: no cell;
// -0: 0); the number formats only change what Excel shows. libxlsxwriter writes doubles with 16
// significant digits ("%.16G"), one short of a double's: the finished workbook's number cells are
// rewritten with the CSV writer's text (xlsx_numbers.cpp), so they read back as the same doubles.
#include <libbranch/io/xlsx_writer.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string_view>

#include <unistd.h>

#include <libbranch/error.hpp>

#include "scorecard_text.hpp"
#include "xlsx_numbers.hpp"

#ifdef LIBBRANCH_HAVE_XLSX
#include <xlsxwriter.h>
#endif

namespace libbranch {

#ifndef LIBBRANCH_HAVE_XLSX

bool xlsx_supported() noexcept { return false; }

void write_xlsx(const Scorecard&, std::ostream&, const XlsxOptions&) {
  throw Error("cannot write an Excel workbook: this libbranch was built without libxlsxwriter "
              "(install libxlsxwriter-dev, then rebuild)");
}

#else

bool xlsx_supported() noexcept { return true; }

namespace {

// libxlsxwriter writes to a named file, never to a stream: a private file in the temporary
// directory, made with mkstemps so that no other process's file is ever overwritten.
class ScratchFile {
 public:
  ScratchFile() {
    std::string pattern = (std::filesystem::temp_directory_path() / "libbranch-xlsx-XXXXXX.xlsx").string();
    const int fd = ::mkstemps(pattern.data(), 5);
    if (fd < 0) throw Error("cannot write an Excel workbook: cannot create a temporary file " + pattern);
    ::close(fd);
    path_ = pattern;
  }
  ~ScratchFile() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

[[noreturn]] void fail(const std::string& what, lxw_error e) {
  throw Error("cannot write an Excel workbook: " + what + ": " + lxw_strerror(e));
}

void check(lxw_error e, const char* what) {
  if (e != LXW_NO_ERROR) fail(what, e);
}

struct Formats {
  lxw_format* title;   // row 1: Chinese titles
  lxw_format* ids;     // row 2: the CSV column names
  lxw_format* points;  // scores: two decimals shown, the full value kept
  lxw_format* value;   // metric values: General, as many digits as the value has
  std::vector<lxw_format*> ratings;  // one per rating label, best first

  Formats(lxw_workbook* wb, std::size_t rating_count) {
    title = workbook_add_format(wb);
    format_set_bold(title);
    format_set_bg_color(title, 0xD9E1F2);
    format_set_border(title, LXW_BORDER_THIN);
    format_set_text_wrap(title);
    format_set_align(title, LXW_ALIGN_VERTICAL_CENTER);
    ids = workbook_add_format(wb);
    format_set_font_color(ids, 0x595959);
    format_set_font_size(ids, 9);
    format_set_bg_color(ids, 0xF2F2F2);
    format_set_border(ids, LXW_BORDER_THIN);
    points = workbook_add_format(wb);
    format_set_num_format(points, "0.00");
    value = workbook_add_format(wb);
    format_set_num_format(value, "General");
    // Excel's own "good / neutral / bad" cell styles: best green, worst red, the ones between
    // blue then yellow (for the default 优秀 良好 合格 不合格).
    for (std::size_t i = 0; i < rating_count; ++i) {
      lxw_format* f = workbook_add_format(wb);
      format_set_bold(f);
      const bool best = i == 0, worst = i + 1 == rating_count, second = i == 1 && rating_count > 3;
      format_set_bg_color(f, best ? 0xC6EFCE : worst ? 0xFFC7CE : second ? 0xDDEBF7 : 0xFFEB9C);
      format_set_font_color(f, best ? 0x006100 : worst ? 0x9C0006 : second ? 0x1F4E78 : 0x9C5700);
      ratings.push_back(f);
    }
  }
};

// One worksheet: two header rows, then data rows from Excel row 3 (index 2).
class Sheet {
 public:
  /// `numbers` collects the sheet's number cells, one list per sheet in the order sheets are added.
  Sheet(lxw_workbook* wb, const std::string& name, const Formats& formats, std::vector<std::vector<detail::XlsxNumber>>& numbers)
      : name_(name), formats_(formats), numbers_(numbers), index_(numbers.size()) {
    numbers.emplace_back();
    ws_ = workbook_add_worksheet(wb, name.c_str());
    if (ws_ == nullptr) throw Error("cannot write an Excel workbook: cannot add the sheet '" + name + "'");
  }

  void header(const std::vector<std::string>& titles, const std::vector<std::string>& ids, lxw_col_t frozen_columns) {
    for (std::size_t c = 0; c < titles.size(); ++c) {
      text(0, c, titles[c], formats_.title);
      text(1, c, ids[c], formats_.ids);
    }
    columns_ = titles.size();
    worksheet_freeze_panes(ws_, 2, frozen_columns);
    check(worksheet_set_row(ws_, 0, 30, nullptr), "the title row");
  }

  void text(std::size_t row, std::size_t col, const std::string& s, lxw_format* f = nullptr) {
    if (s.empty() && f == nullptr) return;
    check(worksheet_write_string(ws_, cell_row(row), cell_col(col), s.c_str(), f), where(row, col).c_str());
  }

  void number(std::size_t row, std::size_t col, double v, lxw_format* f) {
    if (std::isnan(v)) return;  // no value: an empty cell, as the CSV's empty field
    if (std::isinf(v)) {        // no Excel number is infinite: the CSV's text instead
      text(row, col, v > 0 ? "inf" : "-inf", f);
      return;
    }
    check(worksheet_write_number(ws_, cell_row(row), cell_col(col), v == 0 ? 0.0 : v, f), where(row, col).c_str());
    numbers_[index_].push_back({row, col, v == 0 ? 0.0 : v});
  }

  void width(std::size_t first, std::size_t last, double w) {
    check(worksheet_set_column(ws_, cell_col(first), cell_col(last), w, nullptr), "a column width");
  }

  // A filter on the CSV names row, over every data row.
  void filter(std::size_t data_rows) {
    if (columns_ == 0) return;
    check(worksheet_autofilter(ws_, 1, 0, cell_row(1 + data_rows), cell_col(columns_ - 1)), "the filter");
  }

 private:
  static lxw_row_t cell_row(std::size_t r) {
    if (r >= LXW_ROW_MAX) throw Error("cannot write an Excel workbook: more rows than a sheet holds (1048576)");
    return static_cast<lxw_row_t>(r);
  }
  static lxw_col_t cell_col(std::size_t c) {
    if (c >= LXW_COL_MAX) throw Error("cannot write an Excel workbook: more columns than a sheet holds (16384)");
    return static_cast<lxw_col_t>(c);
  }

  // "sheet summary, cell C5", for an error that names the cell.
  [[nodiscard]] std::string where(std::size_t row, std::size_t col) const {
    std::string letters;
    for (std::size_t c = col + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
    return "sheet " + name_ + ", cell " + letters + std::to_string(row + 1);
  }

  lxw_worksheet* ws_;
  std::string name_;
  const Formats& formats_;
  std::vector<std::vector<detail::XlsxNumber>>& numbers_;
  std::size_t index_;
  std::size_t columns_ = 0;
};

using Numbers = std::vector<std::vector<detail::XlsxNumber>>;

Eigen::Index at(std::size_t i) { return static_cast<Eigen::Index>(i); }

void summary_sheet(lxw_workbook* wb, const Scorecard& card, const Formats& fmt, Numbers& numbers) {
  Sheet sheet(wb, "summary", fmt, numbers);
  std::vector<std::string> titles{"支部编号", "支部名称", "总分", "等次"};
  std::vector<std::string> ids{"branch_id", "name", "total", "rating"};
  for (const ScoredStandard& s : card.standards) {
    titles.push_back(s.name.empty() ? s.id : s.name);
    ids.push_back(s.id);
  }
  titles.insert(titles.end(), {"加分", "否决项"});
  ids.insert(ids.end(), {"bonus", "vetoes"});
  if (card.has_stars()) {
    titles.emplace_back("星级");
    ids.emplace_back("stars");
  }
  sheet.header(titles, ids, 2);
  for (std::size_t b = 0; b < card.branch_count(); ++b) {
    const std::size_t r = b + 2;
    sheet.text(r, 0, card.branch_ids[b]);
    sheet.text(r, 1, card.branch_names[b]);
    sheet.number(r, 2, card.totals[at(b)], fmt.points);
    sheet.text(r, 3, card.rating(b), fmt.ratings[card.ratings[b]]);
    for (std::size_t s = 0; s < card.standards.size(); ++s) sheet.number(r, 4 + s, card.standard_scores(at(b), at(s)), fmt.points);
    sheet.number(r, 4 + card.standards.size(), card.bonus[at(b)], fmt.points);
    sheet.text(r, 5 + card.standards.size(), detail::vetoes_text(card, b));
    if (card.has_stars()) sheet.text(r, 6 + card.standards.size(), card.star(b));
  }
  sheet.width(0, 0, 14);
  sheet.width(1, 1, 28);
  sheet.width(2, 4 + card.standards.size(), 11);
  sheet.width(5 + card.standards.size(), 5 + card.standards.size(), 30);
  sheet.filter(card.branch_count());
}

void detail_sheet(lxw_workbook* wb, const Scorecard& card, const Formats& fmt, Numbers& numbers) {
  Sheet sheet(wb, "detail", fmt, numbers);
  sheet.header({"支部编号", "标准", "指标", "度量", "度量值", "得分", "满分", "规则", "标记"},
               {"branch_id", "standard", "indicator", "metric", "value", "points", "max_points", "rule", "flags"}, 1);
  std::size_t r = 2;
  for (std::size_t b = 0; b < card.branch_count(); ++b)
    for (std::size_t i = 0; i < card.indicators.size(); ++i, ++r) {
      const ScoredIndicator& ind = card.indicators[i];
      sheet.text(r, 0, card.branch_ids[b]);
      sheet.text(r, 1, ind.standard);
      sheet.text(r, 2, ind.id);
      sheet.text(r, 3, ind.metric);
      sheet.number(r, 4, card.indicator_value(b, i), fmt.value);
      sheet.number(r, 5, card.points(at(b), at(i)), fmt.points);
      sheet.number(r, 6, ind.max_points, fmt.points);
      sheet.text(r, 7, ind.rule);
      sheet.text(r, 8, detail::flags_text(card.flags(at(b), at(i)), ";"));
    }
  sheet.width(0, 0, 14);
  sheet.width(1, 2, 18);
  sheet.width(3, 3, 38);
  sheet.width(4, 6, 10);
  sheet.width(7, 8, 16);
  sheet.filter(r - 2);
}

void metrics_sheet(lxw_workbook* wb, const Scorecard& card, const XlsxOptions& options, const Formats& fmt,
                   Numbers& numbers) {
  Sheet sheet(wb, "metrics", fmt, numbers);
  std::vector<std::string> titles{"支部编号", "支部名称"};
  std::vector<std::string> ids{"branch_id", "name"};
  for (std::size_t m = 0; m < card.metrics.size(); ++m) {
    const MetricColumn& column = card.metrics[m];
    // The id of Scorecard.metrics in Python: parameters in brackets when not the defaults.
    std::string id = column.metric + (column.params_key.empty() ? "" : "[" + column.params_key + "]");
    const bool labelled = m < options.metric_labels.size() && !options.metric_labels[m].empty();
    titles.push_back(labelled ? options.metric_labels[m] : id);
    ids.push_back(std::move(id));
  }
  sheet.header(titles, ids, 2);
  for (std::size_t b = 0; b < card.branch_count(); ++b) {
    sheet.text(b + 2, 0, card.branch_ids[b]);
    sheet.text(b + 2, 1, card.branch_names[b]);
    for (std::size_t m = 0; m < card.metrics.size(); ++m) sheet.number(b + 2, 2 + m, card.metric_values(at(b), at(m)), fmt.value);
  }
  sheet.width(0, 0, 14);
  sheet.width(1, 1, 28);
  if (!card.metrics.empty()) sheet.width(2, 1 + card.metrics.size(), 14);
  sheet.filter(card.branch_count());
}

// Sheet names are the standard ids ([a-z0-9_]+, valid in Excel), unless one is taken.
std::string standard_sheet_name(const std::string& id) {
  std::string name = id;
  if (name == "summary" || name == "detail" || name == "metrics" || name == "info") name += "_standard";
  return name.substr(0, 31);
}

void standard_sheet(lxw_workbook* wb, const Scorecard& card, std::size_t s, const Formats& fmt, Numbers& numbers) {
  const ScoredStandard& standard = card.standards[s];
  Sheet sheet(wb, standard_sheet_name(standard.id), fmt, numbers);
  std::vector<std::string> titles{"支部编号", "支部名称", (standard.name.empty() ? standard.id : standard.name) + " 得分"};
  std::vector<std::string> ids{"branch_id", "name", standard.id};
  std::vector<std::size_t> columns;
  for (std::size_t i = 0; i < card.indicators.size(); ++i) {
    const ScoredIndicator& ind = card.indicators[i];
    if (ind.bonus || ind.standard != standard.id) continue;
    char max[32];
    std::snprintf(max, sizeof max, "%g", ind.max_points);
    titles.push_back(ind.id + "（满分 " + max + "）");
    ids.push_back(ind.id);
    columns.push_back(i);
  }
  sheet.header(titles, ids, 2);
  for (std::size_t b = 0; b < card.branch_count(); ++b) {
    sheet.text(b + 2, 0, card.branch_ids[b]);
    sheet.text(b + 2, 1, card.branch_names[b]);
    sheet.number(b + 2, 2, card.standard_scores(at(b), at(s)), fmt.points);
    for (std::size_t k = 0; k < columns.size(); ++k) sheet.number(b + 2, 3 + k, card.points(at(b), at(columns[k])), fmt.points);
  }
  sheet.width(0, 0, 14);
  sheet.width(1, 1, 28);
  sheet.width(2, 2 + columns.size(), 14);
  sheet.filter(card.branch_count());
}

void info_sheet(lxw_workbook* wb, const Scorecard& card, const Formats& fmt, Numbers& numbers) {
  Sheet sheet(wb, "info", fmt, numbers);
  sheet.header({"项目", "内容"}, {"key", "value"}, 0);
  const std::pair<const char*, std::string> rows[] = {
      {"rubric", card.rubric_name}, {"from", card.period.from.to_string()}, {"to", card.period.to.to_string()}};
  std::size_t r = 2;
  for (const auto& [key, value] : rows) {
    sheet.text(r, 0, key);
    sheet.text(r++, 1, value);
  }
  sheet.width(0, 0, 10);
  sheet.width(1, 1, 50);
}

}  // namespace

void write_xlsx(const Scorecard& card, std::ostream& out, const XlsxOptions& options) {
  const ScratchFile scratch;
  lxw_workbook* wb = workbook_new(scratch.path().c_str());
  if (wb == nullptr) throw Error("cannot write an Excel workbook: libxlsxwriter could not start one");
  Numbers numbers;
  try {
    const Formats fmt(wb, card.rating_labels.size());
    summary_sheet(wb, card, fmt, numbers);
    detail_sheet(wb, card, fmt, numbers);
    metrics_sheet(wb, card, options, fmt, numbers);
    if (options.by_standard)
      for (std::size_t s = 0; s < card.standards.size(); ++s) standard_sheet(wb, card, s, fmt, numbers);
    info_sheet(wb, card, fmt, numbers);
  } catch (...) {
    workbook_close(wb);  // frees it; the scratch file is removed
    throw;
  }
  check(workbook_close(wb), scratch.path().c_str());
  std::ifstream in(scratch.path(), std::ios::binary);
  if (!in) throw Error("cannot write an Excel workbook: cannot read back " + scratch.path());
  const std::string zip{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  // Cells in sheet order (by row, then column), as the sheet's XML lists them.
  for (auto& sheet : numbers)
    std::stable_sort(sheet.begin(), sheet.end(), [](const detail::XlsxNumber& a, const detail::XlsxNumber& b) {
      return a.row != b.row ? a.row < b.row : a.col < b.col;
    });
  out << detail::with_exact_numbers(zip, numbers);
  if (!out) throw Error("cannot write an Excel workbook: the output stream failed");
}

#endif

}  // namespace libbranch
