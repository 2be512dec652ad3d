#pragma once
// Every digit of the numbers in a workbook written by libxlsxwriter. Internal to xlsx_writer.cpp.
//
// libxlsxwriter formats numbers with "%.16G" (Debian builds it without its dtoa option), one digit
// short of what a double needs: 1.3333333333333333 would be stored as 1.333333333333333, a
// different double than the CSV's. This rewrites the number cells of the worksheets of the
// finished .xlsx (a zip) with the shortest text that reads back the same double, the CSV writer's.
#include <cstddef>
#include <string>
#include <vector>

namespace libbranch::detail {

/// One number cell as written: row and column (0-based) and the value.
struct XlsxNumber {
  std::size_t row = 0;
  std::size_t col = 0;
  double value = 0;
};

/// `zip`, the bytes of an .xlsx, with the number cells of worksheet k (xl/worksheets/sheet<k+1>.xml)
/// rewritten from `numbers[k]`, given in the order they appear in the sheet (by row, then column).
/// Throws libbranch::Error when the workbook does not hold exactly those number cells.
[[nodiscard]] std::string with_exact_numbers(const std::string& zip, const std::vector<std::vector<XlsxNumber>>& numbers);

}  // namespace libbranch::detail
