#pragma once
// One exception hierarchy for the whole library. Every error says where it happened.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <libbranch/export.hpp>

namespace libbranch {

/// Root of every exception the library throws.
class LIBBRANCH_API Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class Severity : std::uint8_t { warning, error };

/// One problem found while loading data: where, how bad, what, and the offending value.
struct LIBBRANCH_API Problem {
  std::string file;       ///< file path (or table name for tables given from memory)
  std::int64_t line = 0;  ///< 1-based physical line where the record starts; 0 = none
  std::string row_label;  ///< index label of a row given from memory (used instead of line)
  std::string column;     ///< header name, or "-" for the whole row or file
  Severity severity = Severity::error;
  std::string message;
  std::string value;      ///< the offending value, quoted when printed
  /// Non-zero for the entry that ends a file's capped problem list (LoadOptions::max_problems):
  /// it stands for this many problems of `file` that were found and left out.
  std::uint64_t omitted = 0;

  /// docs/reference/data-format.md §10 one-line form: `FILE:LINE: error|warning: COLUMN: message
  /// 'VALUE'` (`LABEL:` instead of `FILE:LINE:` for rows given from memory).
  [[nodiscard]] std::string to_string() const;
};

/// Bad input data. Carries every problem found (errors and warnings), in the order found.
class LIBBRANCH_API DataError : public Error {
 public:
  /// `omitted_errors`: errors among the problems a capped list left out (Problem::omitted).
  explicit DataError(std::vector<Problem> problems, std::size_t omitted_errors = 0);
  [[nodiscard]] const std::vector<Problem>& problems() const noexcept { return problems_; }
  /// Errors found, those left out of a capped list included.
  [[nodiscard]] std::size_t error_count() const noexcept;

 private:
  std::vector<Problem> problems_;
  std::size_t omitted_errors_ = 0;
};

/// A rubric that cannot be used; `json_path()` names the place, e.g. `standards[2].indicators[4]`.
class LIBBRANCH_API RubricError : public Error {
 public:
  RubricError(std::string json_path, const std::string& message);
  [[nodiscard]] const std::string& json_path() const noexcept { return path_; }

 private:
  std::string path_;
};

/// A metric id that no registry entry has.
class LIBBRANCH_API UnknownMetricError : public Error {
 public:
  UnknownMetricError(std::string metric_id, const std::string& message);
  [[nodiscard]] const std::string& metric_id() const noexcept { return id_; }

 private:
  std::string id_;
};

/// A plugin that could not be found, loaded or initialised.
class LIBBRANCH_API PluginError : public Error {
 public:
  PluginError(std::string plugin_path, const std::string& message);
  [[nodiscard]] const std::string& plugin_path() const noexcept { return path_; }

 private:
  std::string path_;
};

/// An archive that cannot be read or written (truncated, corrupted, foreign, newer version, I/O).
class LIBBRANCH_API ArchiveError : public Error {
 public:
  ArchiveError(std::string archive_path, const std::string& message);
  [[nodiscard]] const std::string& archive_path() const noexcept { return path_; }

 private:
  std::string path_;
};

/// Bad arguments to the analytics functions (weights.hpp, ranking.hpp): a pairwise matrix that is
/// not positive or not reciprocal, negative data where the method needs non-negative data, sizes
/// that do not match, NaN. `argument()` names the argument and, where there is one, the cell, e.g.
/// `matrix[0][2]`, `X[3][1]`, `weights`.
class LIBBRANCH_API AnalyticsError : public Error {
 public:
  AnalyticsError(std::string argument, const std::string& message);
  [[nodiscard]] const std::string& argument() const noexcept { return argument_; }

 private:
  std::string argument_;
};

/// A scoring run ended by a stop request (ScoreOptions::stop) before it finished.
class LIBBRANCH_API Cancelled : public Error {
 public:
  Cancelled() : Error("scoring was cancelled") {}
};

}  // namespace libbranch
