#pragma once
// Internals shared by the rubric sources (parse, validate, serialize, default). Not installed.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <libbranch/rubric.hpp>

namespace libbranch::detail {

/// Throws RubricError(path, message), naming `source` (the rubric's file) at the end of the message.
[[noreturn]] void throw_rubric_error(const std::string& source, std::string path, const std::string& message);

/// `text` fit for a one-line message: control characters and bytes that are not UTF-8 become
/// escapes (\n, \x1f, \xb5); longer than `max_bytes` is cut on a character boundary and marked "…".
[[nodiscard]] std::string printable(std::string_view text, std::size_t max_bytes = 80);

/// `path.key` (or `key` at the root; the key made printable) and `path[index]`.
[[nodiscard]] std::string path_key(const std::string& path, std::string_view key);
[[nodiscard]] std::string path_index(const std::string& path, std::size_t index);

/// A number as messages show it: the shortest text that round-trips (`4`, `0.25`, `1e+100`).
[[nodiscard]] std::string format_number(double v);

/// "a, b, c".
[[nodiscard]] std::string join(const std::vector<std::string>& words, std::string_view separator = ", ");

/// JSON names → enums (nullopt when unknown), and the lists of allowed names.
[[nodiscard]] std::optional<RuleType> rule_type_from(std::string_view name);
[[nodiscard]] std::optional<MissingPolicy> missing_policy_from(std::string_view name);
[[nodiscard]] std::optional<GroupBy> group_by_from(std::string_view name);  // "parent_id", "org_type"
[[nodiscard]] std::optional<VetoOp> veto_op_from(std::string_view name);
[[nodiscard]] std::vector<std::string> rule_type_names();
[[nodiscard]] std::vector<std::string> missing_policy_names();
[[nodiscard]] std::vector<std::string> veto_op_names();

/// The summary column names a standard id may not take (docs/reference/rubrics.md).
[[nodiscard]] const std::vector<std::string>& reserved_standard_ids();

/// The bytes of rubrics/default.json, generated at build time by cmake/embed_default_rubric.cmake.
extern const unsigned char kDefaultRubricJson[];
extern const std::size_t kDefaultRubricJsonSize;

}  // namespace libbranch::detail
