#pragma once
// The evaluation period as commands take it: `--year Y`, `--from D --to D`, or a period text.
#include <optional>
#include <string_view>

#include <libbranch/engine.hpp>
#include <libbranch/model/date.hpp>
#include <libbranch/out_of_core.hpp>

#include "commands.hpp"

namespace branchscore {

/// The period the options name; nullopt when they name none (the command's default applies).
/// The dates were checked by the parser (main.cpp).
[[nodiscard]] std::optional<libbranch::Period> explicit_period(const PeriodArgs& args);

/// The period the options name, else `default_period(data)` (a Dataset or a PartitionedArchive).
template <class Data>
[[nodiscard]] libbranch::Period period_or_default(const PeriodArgs& args, const Data& data) {
  if (auto given = explicit_period(args)) return *given;
  return libbranch::default_period(data);
}

/// True when `--to` is before `--from` (a usage error).
[[nodiscard]] bool reversed(const PeriodArgs& args);

/// A period written as one word, for `compare --before/--after`: `2024` (the calendar year),
/// `2024-H1`/`2024-H2` (half-years), `2024-Q1`…`2024-Q4` (quarters), `2024-03` (a month) or
/// `2024-01-01..2024-06-30` (inclusive dates, `to` not before `from`). nullopt otherwise.
[[nodiscard]] std::optional<libbranch::Period> parse_period(std::string_view text);

}  // namespace branchscore
