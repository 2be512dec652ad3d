#pragma once
// Finding, checking and loading metric plugins (MODULE libraries `libbranch_<name>.so`) into a
// MetricRegistry.
//
// Search path, most specific first:
//   1. `--plugins DIR` directories (repeatable, in order); one that does not exist is a PluginError;
//   2. LIBBRANCH_PLUGIN_PATH (`:`-separated); an entry that does not exist is a warning;
//   3. the install's plugin folder, `<libdir>/libbranch/plugins` next to the core library
//      (the build tree uses the same layout: `<build>/lib/libbranch/plugins`).
// In each directory the files `libbranch_*.so` are considered, in name order; other files are
// ignored. The first file of a name wins, even if it is then refused; a later one of the same
// name is refused as "shadowed by <path>".
//
// A plugin file is checked before it is opened (opening runs its static initialisers): its ELF
// header (a 64-bit shared library for this machine) and the record that LIBBRANCH_PLUGIN places
// in its `.libbranch_plugin` section (plugin ABI, compiler ABI, name = file name, standards, the
// libbranch it links). Only then is it opened (RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE; never
// closed, since its metrics' code lives in it) and initialised with a registrar that accepts ids of
// its declared standards only and stages them, so a failing plugin leaves the registry untouched.
// Before it is opened, its location is checked too: a plugin that another user could have put
// there (a world-writable file or folder on its path, one owned by another user) is refused unless
// allow_unsafe_locations(true) says otherwise.
// Every refusal is recorded with the reason; nothing is refused silently.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <libbranch/export.hpp>
#include <libbranch/plugin.hpp>
#include <libbranch/registry.hpp>

namespace libbranch {

/// Where a plugin (or a search directory) came from.
enum class PluginSource : std::uint8_t {
  option,       ///< a `--plugins DIR` directory
  environment,  ///< a LIBBRANCH_PLUGIN_PATH directory
  install,      ///< the install's (or build tree's) plugin folder
  file,         ///< a file given directly to load_file()
  linked,       ///< linked into the program (add_static)
};
[[nodiscard]] LIBBRANCH_API const char* to_string(PluginSource s);

enum class PluginStatus : std::uint8_t { loaded, refused };
[[nodiscard]] LIBBRANCH_API const char* to_string(PluginStatus s);

/// What the loader knows about one plugin file (or linked-in plugin), loaded or refused.
/// Fields the plugin's record did not give (e.g. a file that is not a plugin) are empty.
struct LIBBRANCH_API PluginRecord {
  std::string name;                    ///< from the file name (libbranch_<name>.so), or the record
  std::filesystem::path path;          ///< the file; "<linked>" for add_static
  PluginSource source = PluginSource::file;
  PluginStatus status = PluginStatus::refused;
  std::string reason;                  ///< why it was refused; empty when loaded
  int abi_version = 0;                 ///< plugin ABI it was built for (0 = unknown)
  std::string version;                 ///< the plugin's own version
  std::vector<std::string> standards;  ///< declared standards
  std::string libbranch_version;       ///< libbranch it was built against
  std::string compiler;                ///< e.g. gcc-12
  std::string compiler_abi;            ///< see LIBBRANCH_COMPILER_ABI
  std::vector<std::string> metrics;    ///< ids it registered (loaded plugins), in its order

  [[nodiscard]] bool loaded() const noexcept { return status == PluginStatus::loaded; }
  /// One line: `name 1.0.0 (rule_of_law) loaded from PATH: 10 metrics; built with libbranch 0.1.0,
  /// gcc-12` or `name refused: PATH: REASON`.
  [[nodiscard]] std::string to_string() const;
};

/// One directory of the search path.
struct PluginDirectory {
  std::filesystem::path path;
  PluginSource source = PluginSource::option;
};

/// What this host is: compared with each plugin's record.
struct PluginHost {
  int abi_version;                ///< LIBBRANCH_PLUGIN_ABI_VERSION
  std::string libbranch_version;  ///< "0.1.0"
  std::string compiler;           ///< LIBBRANCH_COMPILER_ID of the core library's build
  std::string compiler_abi;       ///< LIBBRANCH_COMPILER_ABI of the core library's build
  std::string machine;            ///< e.g. x86_64
  std::string soname;             ///< the core library's soname (libbranch.so.0.1), empty if unknown
};
[[nodiscard]] LIBBRANCH_API const PluginHost& plugin_host();

/// The install's plugin folder: `<dir of the core shared library>/libbranch/plugins` (whether it
/// exists or not); nullopt when the core library's location cannot be found.
[[nodiscard]] LIBBRANCH_API std::optional<std::filesystem::path> installed_plugin_directory();

/// The search path: `directories` (--plugins, in order), then the entries of `environment`
/// (the value of LIBBRANCH_PLUGIN_PATH; empty entries skipped), then `install_directory`.
[[nodiscard]] LIBBRANCH_API std::vector<PluginDirectory> plugin_search_path(
    const std::vector<std::filesystem::path>& directories, std::string_view environment,
    const std::optional<std::filesystem::path>& install_directory);
/// The search path with LIBBRANCH_PLUGIN_PATH read from the environment and the install's folder.
[[nodiscard]] LIBBRANCH_API std::vector<PluginDirectory> plugin_search_path(const std::vector<std::filesystem::path>& directories = {});

/// Reads a plugin file's ELF header and record and checks them against this host, without
/// opening the file (no plugin code runs). The result is `refused` with the reason, or `loaded`
/// meaning "would be opened" (metrics empty).
[[nodiscard]] LIBBRANCH_API PluginRecord inspect_plugin_file(const std::filesystem::path& file);

/// Loads plugins into a registry and records what happened to each.
class LIBBRANCH_API PluginLoader {
 public:
  explicit PluginLoader(MetricRegistry& registry);
  PluginLoader(const PluginLoader&) = delete;
  PluginLoader& operator=(const PluginLoader&) = delete;

  /// Loads every directory of `search_path` in order (see load_directory).
  void load(const std::vector<PluginDirectory>& search_path);
  /// Loads `plugin_search_path(directories)`: --plugins, LIBBRANCH_PLUGIN_PATH, the install's folder.
  void load_default(const std::vector<std::filesystem::path>& directories = {});
  /// Loads the `libbranch_*.so` files of `dir` in name order. A directory that does not exist
  /// (or is not a directory) throws PluginError when `source` is `option` and is recorded as a
  /// warning otherwise. A directory already searched (same canonical path) is skipped.
  void load_directory(const std::filesystem::path& dir, PluginSource source = PluginSource::option);
  /// Whether a plugin file that another user could have replaced (a world-writable file or
  /// folder on its path, or one owned by another user) is loaded anyway; by default it is refused.
  void allow_unsafe_locations(bool allow) noexcept { allow_unsafe_locations_ = allow; }
  /// Checks and loads one plugin file; never throws for a bad plugin (see the record).
  const PluginRecord& load_file(const std::filesystem::path& file, PluginSource source = PluginSource::file);
  /// Adds a plugin linked into the program: the same checks as a file minus the ELF step.
  /// Use `LIBBRANCH_DECLARE_PLUGIN(name)` and pass libbranch_plugin_<name>_info / _init.
  const PluginRecord& add_static(PluginInfoFunction info, PluginInitFunction init);

  /// Every plugin considered, in the order found.
  [[nodiscard]] const std::vector<PluginRecord>& records() const noexcept { return records_; }
  /// Problems that concern no plugin file (an LIBBRANCH_PLUGIN_PATH entry that does not exist, ...).
  [[nodiscard]] const std::vector<std::string>& warnings() const noexcept { return warnings_; }
  /// The record that holds the name `name` (the first one found), or nullptr.
  [[nodiscard]] const PluginRecord* find(std::string_view name) const;
  /// The refused records.
  [[nodiscard]] std::vector<const PluginRecord*> refused() const;
  /// Throws PluginError naming the first refused plugin (and how many more) if any was refused.
  void throw_if_refused() const;

 private:
  void initialise(PluginRecord& record, PluginInitFunction init);

  MetricRegistry& registry_;
  std::vector<PluginRecord> records_;
  std::vector<std::string> warnings_;
  std::vector<std::filesystem::path> searched_;
  bool allow_unsafe_locations_ = false;
};

}  // namespace libbranch
