#pragma once
// Private to the plugin loader: a small, bounds-checked ELF reader that extracts what the loader
// must know about a plugin file before opening it, and the parser of the plugin record.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace libbranch::detail {

/// What the loader needs from a shared library file.
struct ElfImage {
  std::string error;         ///< why the file cannot be a plugin for this host; empty if it can
  bool has_record_section = false;
  std::string record_section;  ///< bytes of the `.libbranch_plugin` section
  std::vector<std::string> needed;  ///< DT_NEEDED entries
  std::string soname;               ///< DT_SONAME, if any
};

/// Reads `file`. Never throws for bad content: sets `error` ("not a shared library (…)",
/// "built for aarch64, this host is x86_64", "truncated …"). Allocates at most what the file holds,
/// and never more than a few MiB for the tables it reads.
[[nodiscard]] ElfImage read_elf_image(const std::filesystem::path& file);

/// The name of this host's machine as ELF would say it (x86_64, aarch64, …).
[[nodiscard]] std::string host_machine_name();

/// One parsed record: key → value, in a map (unknown keys are kept and ignored by the loader).
using PluginRecordFields = std::map<std::string, std::string, std::less<>>;

/// Parses the records in `bytes` (a section may hold several records when plugins are linked
/// together; zero bytes between them are skipped). Sets `error` on malformed content.
[[nodiscard]] std::vector<PluginRecordFields> parse_plugin_records(std::string_view bytes, std::string& error);

/// The bytes of the record starting at `record` (in memory, for linked-in plugins): up to and
/// including the empty string that ends it; bounded to 64 KiB.
[[nodiscard]] std::string_view record_bytes(const char* record);

}  // namespace libbranch::detail
