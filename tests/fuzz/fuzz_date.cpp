// libFuzzer target for Date::parse: any text gives nullopt or a date that prints back as the same
// text (YYYY-MM-DD is the only accepted spelling) and whose year, month and day rebuild it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <libbranch/model/date.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using libbranch::Date;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::optional<Date> date = Date::parse(text);
  if (!date) return 0;
  if (date->to_string() != text) std::abort();
  const Date::Ymd ymd = date->ymd();
  if (Date::from_ymd(ymd.year, ymd.month, ymd.day).days() != date->days()) std::abort();
  return 0;
}
