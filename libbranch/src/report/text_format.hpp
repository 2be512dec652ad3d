#pragma once
// Numbers and phrase templates of the annual summary's text. Numbers are rounded for reading (at
// most two decimals, trailing zeros dropped); the result files of docs/reference/results.md keep
// their own exact formatting (io/scorecard_writer.cpp).
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "phrases.hpp"

namespace libbranch::report_detail {

/// At most `decimals` decimals, trailing zeros dropped, no "-0"; NaN as "—".
[[nodiscard]] std::string number_text(double v, int decimals = 2);
/// A metric value in its unit: shares as percentages.
[[nodiscard]] std::string metric_value_text(double v, std::string_view unit);

/// `phrase` with its first `{}` replaced by `number`.
[[nodiscard]] std::string fill(std::string_view phrase, std::string_view number);
/// The singular or plural form for `n`, filled with n.
[[nodiscard]] std::string plural(const CountPhrase& p, std::int64_t n);
/// A number with its phrase: singular when the value is exactly 1.
[[nodiscard]] std::string plural(const CountPhrase& p, double value, int decimals);

using Field = std::pair<std::string_view, std::string_view>;
/// `pattern` with every `{name}` replaced by its field's text (one pass, so a field's text is never
/// read as a pattern).
[[nodiscard]] std::string fill_fields(std::string_view pattern, std::initializer_list<Field> fields);

}  // namespace libbranch::report_detail
