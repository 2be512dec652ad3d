#pragma once
// Rendering a Scorecard as the result files of docs/reference/results.md (CSV, JSON) or a readable
// table.
#include <ostream>
#include <string>

#include <libbranch/export.hpp>
#include <libbranch/scorecard.hpp>

namespace libbranch {

/// A number as result files write it: the shortest text that round-trips (std::to_chars), `-0`
/// as `0`, NaN as the empty string.
[[nodiscard]] LIBBRANCH_API std::string format_number(double v);

/// One row per branch: branch_id,name,total,rating,<standards…>,bonus,vetoes.
LIBBRANCH_API void write_summary_csv(const Scorecard& card, std::ostream& out);
/// One row per branch and indicator: branch_id,standard,indicator,metric,value,points,max_points,rule,flags.
LIBBRANCH_API void write_detail_csv(const Scorecard& card, std::ostream& out);
/// {"rubric", "from", "to", "branches": [...]}; with `detail`, each branch has an `indicators` list.
LIBBRANCH_API void write_json(const Scorecard& card, std::ostream& out, bool detail);
/// An aligned table for a terminal (numbers rounded to 2 decimals; East Asian wide characters
/// counted as two columns); with `detail`, one line per indicator under each branch.
LIBBRANCH_API void write_table(const Scorecard& card, std::ostream& out, bool detail);

}  // namespace libbranch
