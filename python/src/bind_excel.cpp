// Excel out: a Scorecard as workbook bytes through the library's writer (io/xlsx_writer.hpp), the
// same workbook `branchscore score --format xlsx` writes. The Python layer (libbranch/excel.py)
// writes the bytes to the file atomically; reading workbooks is pure Python (openpyxl).
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <libbranch/engine.hpp>
#include <libbranch/io/xlsx_writer.hpp>
#include <libbranch/scorecard.hpp>

#include "bindings.hpp"

namespace libbranch::python {

void bind_excel(py::module_& m) {
  m.attr("xlsx_supported") = xlsx_supported();
  m.def(
      "scorecard_xlsx",
      [](const Scorecard& card, const Engine& engine, bool by_standard) {
        XlsxOptions options;
        options.by_standard = by_standard;
        // The metrics sheet's titles: the Chinese labels of the engine's registry, as the CLI uses.
        for (const MetricColumn& column : card.metrics) {
          const Metric* metric = engine.registry().find(column.metric);
          options.metric_labels.push_back(metric == nullptr ? std::string() : metric->label_zh);
        }
        std::string bytes;
        {
          py::gil_scoped_release release;
          std::ostringstream out;
          write_xlsx(card, out, options);
          bytes = std::move(out).str();
        }
        return py::bytes(bytes);
      },
      py::arg("card"), py::arg("engine"), py::arg("by_standard") = false,
      "The scorecard as .xlsx bytes (sheets summary, detail, metrics[, one per standard], info). "
      "Raises Error when this build has no libxlsxwriter.");
}

}  // namespace libbranch::python
