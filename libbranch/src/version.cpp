#include <libbranch/version.hpp>

#define LIBBRANCH_STR2(x) #x
#define LIBBRANCH_STR(x) LIBBRANCH_STR2(x)

namespace libbranch {
const char* version_string() noexcept {
  return LIBBRANCH_STR(LIBBRANCH_VERSION_MAJOR) "." LIBBRANCH_STR(LIBBRANCH_VERSION_MINOR) "." LIBBRANCH_STR(
      LIBBRANCH_VERSION_PATCH);
}
}  // namespace libbranch
