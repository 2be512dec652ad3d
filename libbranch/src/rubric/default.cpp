// The default rubric (docs/reference/rubrics.md §9): rubrics/default.json, embedded at build time
// by cmake/embed_json.cmake, parsed once.
#include <string_view>

#include "rubric_detail.hpp"

namespace libbranch {

Rubric Rubric::default_rubric() {
  static const Rubric parsed =
      parse(std::string_view(reinterpret_cast<const char*>(detail::kDefaultRubricJson), detail::kDefaultRubricJsonSize),
            "<default rubric>");
  return parsed;
}

}  // namespace libbranch
