#pragma once
// A Scorecard as an Excel workbook (.xlsx), for analysts who exchange spreadsheets rather than CSV.
// The same numbers as the result files of docs/reference/results.md, as numeric cells: see
// docs/excel.md.
#include <ostream>
#include <string>
#include <vector>

#include <libbranch/export.hpp>
#include <libbranch/scorecard.hpp>

namespace libbranch {

struct XlsxOptions {
  /// A Chinese title for each of Scorecard::metrics (same order) for the metrics sheet; an empty
  /// list or an empty entry uses the metric's id.
  std::vector<std::string> metric_labels;
  /// Add one sheet per standard: each branch's points on every indicator of that standard.
  bool by_standard = false;
};

/// Whether this build can write workbooks (libbranch was built with libxlsxwriter).
[[nodiscard]] LIBBRANCH_API bool xlsx_supported() noexcept;

/// Writes the workbook to `out`: sheets `summary`, `detail` and `metrics` (then one per standard
/// when asked), each with two frozen header rows — Chinese titles, then the CSV column names — and
/// one row per branch (or branch and indicator) below. NaN is an empty cell. Throws
/// libbranch::Error when the build has no libxlsxwriter or the workbook cannot be written.
LIBBRANCH_API void write_xlsx(const Scorecard& card, std::ostream& out, const XlsxOptions& options = {});

}  // namespace libbranch
