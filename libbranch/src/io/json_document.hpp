#pragma once
// What the strict JSON readers (points rubrics, compliance rule sets) share: reading the file
// safely, the built-in documents embedded by cmake/embed_json.cmake, and one wording of errors.
// Internal.
#include <filesystem>
#include <string>
#include <string_view>

#include <libbranch/io/input_limits.hpp>

#include "regular_file.hpp"

namespace libbranch::detail {

extern const unsigned char kDefaultComplianceJson[];
extern const std::size_t kDefaultComplianceJsonSize;
extern const unsigned char kDefaultMemberPointsJson[];
extern const std::size_t kDefaultMemberPointsJsonSize;

[[nodiscard]] inline std::string_view embedded_text(const unsigned char* bytes, std::size_t size) {
  return {reinterpret_cast<const char*>(bytes), size};
}

/// "FILE: WHERE: MESSAGE 'VALUE'" (WHERE "-" when there is none, as in data problems; no quote
/// when VALUE is empty).
[[nodiscard]] std::string document_error_text(const std::string& file, const std::string& where,
                                              const std::string& value, const std::string& message);

/// The whole text of the `what` file ("points rubric", "rule set") at `path`. Not std::ifstream:
/// a FIFO would block the open, /dev/zero would be read forever. Otherwise calls `fail(message)`,
/// which must throw the reader's error.
template <class Fail>
[[nodiscard]] std::string read_document(const std::filesystem::path& path, std::string_view what, Fail&& fail) {
  SmallFile read = read_small_file(path, kMaxRubricBytes);
  const std::string file = "the " + std::string(what) + " file";
  if (read.status == SmallFile::Status::cannot_open) fail("cannot read " + file + ": " + read.error);
  if (read.status == SmallFile::Status::too_large) fail(file + " is over 16 MiB");
  if (read.status == SmallFile::Status::read_error) fail("cannot read " + file);
  return std::move(read.text);
}

}  // namespace libbranch::detail
