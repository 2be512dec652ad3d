#pragma once
// Files that appear whole or not at all: every file the library and the CLI write goes through a
// temporary file in the target's directory (".NAME.tmp-XXXXXXXX", created 0666 minus the umask, as
// any new file), fsynced and renamed over the target only when everything was written. A failure
// (exception, write error, disk full) removes the temporary and leaves the previous file intact. A
// process killed mid-write cannot clean up: it leaves the previous file intact and, at worst, one
// stale ".NAME.tmp-XXXXXXXX" beside it.
#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>

#include <libbranch/export.hpp>

namespace libbranch {

/// An open temporary file for `target`; commit() renames it into place, the destructor (without a
/// commit) removes it. Throws libbranch::Error naming `target` when something fails.
class LIBBRANCH_API AtomicFile {
 public:
  explicit AtomicFile(const std::filesystem::path& target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  /// The stream to write to (buffered, binary).
  [[nodiscard]] std::ostream& stream();
  /// The temporary's path (for messages and tests).
  [[nodiscard]] const std::filesystem::path& temp_path() const noexcept;
  /// Flushes, fsyncs, closes and renames the temporary over the target (then fsyncs the
  /// directory, best effort). Throws Error (the temporary is then removed by the destructor).
  void commit();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Calls `write(stream)` on an AtomicFile for `path` and commits it. Exceptions from `write`
/// propagate unchanged (after the temporary is removed), except that a failed write to the file
/// becomes an Error naming the file and the reason (e.g. "No space left on device").
LIBBRANCH_API void write_file_atomically(const std::filesystem::path& path,
                                         const std::function<void(std::ostream&)>& write);

}  // namespace libbranch
