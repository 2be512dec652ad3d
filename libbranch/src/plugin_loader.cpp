#include <libbranch/plugin_loader.hpp>

#include <dlfcn.h>
#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <system_error>

#include <libbranch/error.hpp>
#include <libbranch/staged_registrar.hpp>
#include <libbranch/version.hpp>

#include "io/regular_file.hpp"
#include "plugin_loader_elf.hpp"
#include "plugin_location.hpp"

namespace libbranch {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kFilePrefix = "libbranch_";
constexpr std::string_view kFileSuffix = ".so";
constexpr std::string_view kLinkedPath = "<linked>";

/// `name` of a file `libbranch_<name>.so`, or empty.
std::string name_from_file(const fs::path& file) {
  const std::string base = file.filename().string();
  if (base.size() <= kFilePrefix.size() + kFileSuffix.size() || !base.starts_with(kFilePrefix) ||
      !base.ends_with(kFileSuffix))
    return {};
  return base.substr(kFilePrefix.size(), base.size() - kFilePrefix.size() - kFileSuffix.size());
}

bool is_standard_id(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::vector<std::string> split_standards(std::string_view text) {
  std::vector<std::string> out;
  while (true) {
    const std::size_t semi = text.find(';');
    std::string_view part = text.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) out.emplace_back(part);
    if (semi == std::string_view::npos) break;
    text.remove_prefix(semi + 1);
  }
  return out;
}

std::string field(const detail::PluginRecordFields& f, std::string_view key) {
  const auto it = f.find(key);
  return it == f.end() ? std::string() : it->second;
}

/// Copies what a record says into `r` (name excepted).
void describe_from_record(PluginRecord& r, const detail::PluginRecordFields& f) {
  const std::string abi = field(f, "abi");
  int value = 0;
  const auto [end, ec] = std::from_chars(abi.data(), abi.data() + abi.size(), value);
  r.abi_version = (ec == std::errc() && end == abi.data() + abi.size() && value > 0) ? value : 0;
  r.version = field(f, "version");
  r.standards = split_standards(field(f, "standards"));
  r.libbranch_version = field(f, "libbranch");
  r.compiler = field(f, "compiler");
  r.compiler_abi = field(f, "compiler_abi");
}

/// Why a plugin described by `f` (already copied into `r`) cannot be used on this host; empty if
/// it can. `file_name` is the plugin's file name part (empty for linked-in plugins).
std::string check_against_host(const detail::PluginRecordFields& f, const PluginRecord& r, std::string_view file_name) {
  const PluginHost& host = plugin_host();
  if (r.abi_version == 0) return "malformed plugin record (no valid 'abi' entry)";
  if (r.abi_version != host.abi_version)
    return "built for plugin ABI " + std::to_string(r.abi_version) + " (libbranch " +
           (r.libbranch_version.empty() ? "?" : r.libbranch_version) + "), this host has ABI " +
           std::to_string(host.abi_version) + " (libbranch " + host.libbranch_version + ")";
  if (r.compiler_abi != host.compiler_abi)
    return "built for compiler ABI '" + r.compiler_abi + "' (" + (r.compiler.empty() ? "?" : r.compiler) +
           "), this host has '" + host.compiler_abi + "' (" + host.compiler + ")";
  const std::string declared = field(f, "name");
  if (declared.empty()) return "malformed plugin record (no 'name' entry)";
  if (!file_name.empty() && declared != file_name)
    return "declares the name '" + declared + "' but the file is named " + std::string(kFilePrefix) +
           std::string(file_name) + std::string(kFileSuffix) + " (expected " + std::string(kFilePrefix) + declared +
           std::string(kFileSuffix) + ")";
  if (r.standards.empty()) return "declares no standard";
  for (const std::string& s : r.standards) {
    if (!is_standard_id(s)) return "declares the invalid standard '" + s + "' (a standard id is [a-z0-9_]+)";
    if (s == "obs") return "declares the standard 'obs', which is reserved for the core observation metrics";
  }
  return {};
}

PluginRecord& refuse(PluginRecord& r, std::string reason) {
  r.status = PluginStatus::refused;
  r.reason = std::move(reason);
  r.metrics.clear();
  return r;
}

// An address inside the core library, for dladdr.
void core_library_anchor() {}

std::optional<fs::path> core_library_file() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&core_library_anchor), &info) == 0 || info.dli_fname == nullptr ||
      info.dli_fname[0] == '\0')
    return std::nullopt;
  std::error_code ec;
  fs::path file = fs::absolute(fs::path(info.dli_fname), ec);
  if (ec) return std::nullopt;
  return file.lexically_normal();
}

PluginHost make_host() {
  PluginHost host{LIBBRANCH_PLUGIN_ABI_VERSION, version_string(), LIBBRANCH_COMPILER_ID, LIBBRANCH_COMPILER_ABI,
                  detail::host_machine_name(), {}};
  if (const auto file = core_library_file()) {
    const detail::ElfImage image = detail::read_elf_image(*file);
    if (image.error.empty()) host.soname = image.soname;
  }
  return host;
}

}  // namespace

const char* to_string(PluginSource s) {
  switch (s) {
    case PluginSource::option: return "--plugins";
    case PluginSource::environment: return "LIBBRANCH_PLUGIN_PATH";
    case PluginSource::install: return "install";
    case PluginSource::file: return "file";
    case PluginSource::linked: return "linked";
  }
  return "?";
}

const char* to_string(PluginStatus s) { return s == PluginStatus::loaded ? "loaded" : "refused"; }

std::string PluginRecord::to_string() const {
  std::string out = name.empty() ? path.filename().string() : name;
  if (!loaded()) return out + " refused: " + path.string() + ": " + reason;
  out += " " + version + " (";
  for (std::size_t i = 0; i < standards.size(); ++i) out += (i ? ";" : "") + standards[i];
  out += ") loaded from " + path.string() + ": " + std::to_string(metrics.size()) +
         (metrics.size() == 1 ? " metric" : " metrics") + "; built with libbranch " + libbranch_version + ", " + compiler;
  return out;
}

const PluginHost& plugin_host() {
  static const PluginHost host = make_host();
  return host;
}

std::optional<fs::path> installed_plugin_directory() {
  const auto file = core_library_file();
  if (!file) return std::nullopt;
  return file->parent_path() / "libbranch" / "plugins";
}

std::vector<PluginDirectory> plugin_search_path(const std::vector<fs::path>& directories, std::string_view environment,
                                                const std::optional<fs::path>& install_directory) {
  std::vector<PluginDirectory> out;
  for (const fs::path& d : directories) out.push_back({d, PluginSource::option});
  while (!environment.empty()) {
    const std::size_t colon = environment.find(':');
    const std::string_view entry = environment.substr(0, colon);
    if (!entry.empty()) out.push_back({fs::path(entry), PluginSource::environment});
    if (colon == std::string_view::npos) break;
    environment.remove_prefix(colon + 1);
  }
  if (install_directory) out.push_back({*install_directory, PluginSource::install});
  return out;
}

std::vector<PluginDirectory> plugin_search_path(const std::vector<fs::path>& directories) {
  const char* env = std::getenv("LIBBRANCH_PLUGIN_PATH");
  return plugin_search_path(directories, env ? std::string_view(env) : std::string_view(), installed_plugin_directory());
}

PluginRecord inspect_plugin_file(const fs::path& file) {
  PluginRecord r;
  r.path = file;
  r.name = name_from_file(file);
  if (r.name.empty())
    return refuse(r, "not a plugin file name (expected " + std::string(kFilePrefix) + "<name>" + std::string(kFileSuffix) + ")");

  // A FIFO named like a plugin would block the read below; a device would be read forever.
  if (struct stat st {}; ::stat(file.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) return refuse(r, detail::file_kind_text(st.st_mode));
  const detail::ElfImage image = detail::read_elf_image(file);
  if (!image.error.empty()) return refuse(r, image.error);
  if (!image.has_record_section)
    return refuse(r, "not a libbranch plugin (no " LIBBRANCH_PLUGIN_SECTION
                     " record; plugins declare themselves with LIBBRANCH_PLUGIN from <libbranch/plugin.hpp>)");
  std::string error;
  const std::vector<detail::PluginRecordFields> records = detail::parse_plugin_records(image.record_section, error);
  if (!error.empty()) return refuse(r, error);
  if (records.empty()) return refuse(r, "malformed plugin record (empty " LIBBRANCH_PLUGIN_SECTION " section)");
  // Several plugins linked into one file each leave a record: use the one named like the file.
  const detail::PluginRecordFields* chosen = records.size() == 1 ? &records.front() : nullptr;
  for (const auto& rec : records)
    if (field(rec, "name") == r.name) chosen = &rec;
  if (chosen == nullptr) {
    std::string names;
    for (const auto& rec : records) names += (names.empty() ? "" : ", ") + field(rec, "name");
    return refuse(r, "holds the records of several plugins (" + names + ") and none is named '" + r.name + "'");
  }
  describe_from_record(r, *chosen);
  if (std::string reason = check_against_host(*chosen, r, r.name); !reason.empty()) return refuse(r, reason);

  // The core library it links must be this host's (else a second core would be loaded beside it).
  const PluginHost& host = plugin_host();
  for (const std::string& needed : image.needed)
    if (needed.starts_with("libbranch.so") && !host.soname.empty() && needed != host.soname)
      return refuse(r, "linked against " + needed + " (libbranch " + r.libbranch_version + "), this host is " +
                           host.soname + " (libbranch " + host.libbranch_version + ")");
  r.status = PluginStatus::loaded;
  return r;
}

PluginLoader::PluginLoader(MetricRegistry& registry) : registry_(registry) {}

void PluginLoader::load(const std::vector<PluginDirectory>& search_path) {
  for (const PluginDirectory& d : search_path) load_directory(d.path, d.source);
}

void PluginLoader::load_default(const std::vector<fs::path>& directories) { load(plugin_search_path(directories)); }

void PluginLoader::load_directory(const fs::path& dir, PluginSource source) {
  std::error_code ec;
  const bool exists = fs::exists(dir, ec);
  const bool is_dir = exists && fs::is_directory(dir, ec);
  auto problem = [&](const std::string& what) {
    if (source == PluginSource::option) throw PluginError(dir.string(), what + " (--plugins)");
    warnings_.push_back(dir.string() + ": " + what + " (" +
                        (source == PluginSource::environment ? "an entry of LIBBRANCH_PLUGIN_PATH"
                         : source == PluginSource::install   ? "the install's plugin folder"
                                                             : to_string(source)) +
                        ")");
  };
  if (!exists) return problem("plugin directory does not exist");
  if (!is_dir) return problem("not a directory");

  fs::path canonical = fs::canonical(dir, ec);
  if (ec) canonical = fs::absolute(dir).lexically_normal();
  if (std::find(searched_.begin(), searched_.end(), canonical) != searched_.end()) return;
  searched_.push_back(canonical);

  std::vector<fs::path> files;
  fs::directory_iterator it(dir, ec);
  if (ec) return problem("cannot list the directory: " + ec.message());
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) return problem("cannot list the directory: " + ec.message());
    const fs::path& p = it->path();
    std::error_code type_ec;
    if (name_from_file(p).empty() || it->is_directory(type_ec)) continue;
    files.push_back(p);
  }
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
  for (const fs::path& f : files) load_file(f, source);
}

const PluginRecord& PluginLoader::load_file(const fs::path& file, PluginSource source) {
  PluginRecord r = inspect_plugin_file(file);  // reads the file only: no plugin code runs
  r.source = source;
  if (const PluginRecord* first = r.name.empty() ? nullptr : find(r.name)) {
    refuse(r, "shadowed by " + first->path.string());
    return records_.emplace_back(std::move(r));
  }
  if (!r.loaded()) return records_.emplace_back(std::move(r));
  if (!allow_unsafe_locations_)
    if (std::string why = detail::unsafe_plugin_location(file); !why.empty()) {
      refuse(r, why + " (fix the permissions, or allow it with --allow-unsafe-plugins)");
      return records_.emplace_back(std::move(r));
    }

  // Checked: open it. Never closed (RTLD_NODELETE, no dlclose): its metrics' code lives in it.
  std::error_code ec;
  const fs::path absolute = fs::absolute(file, ec);
  dlerror();
  void* handle = dlopen((ec ? file : absolute).c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  if (handle == nullptr) {
    const char* why = dlerror();
    refuse(r, std::string("cannot be opened: ") + (why ? why : "dlopen failed"));
    return records_.emplace_back(std::move(r));
  }
  auto symbol = [&](const char* suffix, std::string& missing) -> void* {
    const std::string sym = "libbranch_plugin_" + r.name + "_" + suffix;
    void* p = dlsym(handle, sym.c_str());
    if (p == nullptr && missing.empty()) missing = sym;
    return p;
  };
  std::string missing;
  auto abi_fn = reinterpret_cast<PluginAbiVersionFunction>(symbol("abi_version", missing));
  auto info_fn = reinterpret_cast<PluginInfoFunction>(symbol("info", missing));
  auto init_fn = reinterpret_cast<PluginInitFunction>(symbol("init", missing));
  if (!missing.empty()) {
    refuse(r, "does not export the entry symbol " + missing + " (LIBBRANCH_PLUGIN(" + r.name + ", ...) defines it)");
    return records_.emplace_back(std::move(r));
  }
  if (const int abi = abi_fn(); abi != r.abi_version) {
    refuse(r, "exports plugin ABI " + std::to_string(abi) + " but its record says " + std::to_string(r.abi_version));
    return records_.emplace_back(std::move(r));
  }
  const PluginInfo* info = info_fn();
  if (info == nullptr || info->name == nullptr || r.name != info->name) {
    refuse(r, "its info function disagrees with its record about its name");
    return records_.emplace_back(std::move(r));
  }
  initialise(r, init_fn);
  return records_.emplace_back(std::move(r));
}

const PluginRecord& PluginLoader::add_static(PluginInfoFunction info_fn, PluginInitFunction init_fn) {
  PluginRecord r;
  r.path = fs::path(std::string(kLinkedPath));
  r.source = PluginSource::linked;
  const PluginInfo* info = info_fn ? info_fn() : nullptr;
  if (info == nullptr || init_fn == nullptr) {
    refuse(r, "no info or init function given");
    return records_.emplace_back(std::move(r));
  }
  // abi_version is the first member in every ABI; the rest of the layout may differ.
  if (info->abi_version != LIBBRANCH_PLUGIN_ABI_VERSION) {
    r.abi_version = info->abi_version;
    refuse(r, "built for plugin ABI " + std::to_string(info->abi_version) + ", this host has ABI " +
                  std::to_string(LIBBRANCH_PLUGIN_ABI_VERSION) + " (libbranch " + version_string() + ")");
    return records_.emplace_back(std::move(r));
  }
  detail::PluginRecordFields fields;
  if (info->record != nullptr) {
    std::string error;
    auto records = detail::parse_plugin_records(detail::record_bytes(info->record), error);
    if (!error.empty() || records.size() != 1) {
      r.name = info->name ? info->name : "";
      refuse(r, error.empty() ? "malformed plugin record" : error);
      return records_.emplace_back(std::move(r));
    }
    fields = std::move(records.front());
  } else {
    auto put = [&](const char* key, const char* value) {
      if (value != nullptr) fields.emplace(key, value);
    };
    fields.emplace("abi", std::to_string(info->abi_version));
    put("name", info->name);
    put("standards", info->standards);
    put("version", info->version);
    put("libbranch", info->libbranch_version);
    put("compiler", info->compiler);
    put("compiler_abi", info->compiler_abi);
  }
  r.name = field(fields, "name");
  describe_from_record(r, fields);
  if (std::string reason = check_against_host(fields, r, {}); !reason.empty()) {
    refuse(r, reason);
    return records_.emplace_back(std::move(r));
  }
  if (const PluginRecord* first = find(r.name)) {
    refuse(r, "shadowed by " + first->path.string());
    return records_.emplace_back(std::move(r));
  }
  initialise(r, init_fn);
  return records_.emplace_back(std::move(r));
}

void PluginLoader::initialise(PluginRecord& r, PluginInitFunction init) {
  StagedRegistrar staged(registry_, r.name, r.standards);
  std::string failure;
  try {
    if (const char* message = init(&staged)) failure = *message ? message : "(no message)";
  } catch (const std::exception& e) {  // an init that lets an exception escape the C boundary
    failure = e.what();
  } catch (...) {
    failure = "unknown exception";
  }
  if (!failure.empty()) {
    refuse(r, "init failed: " + failure);
    return;
  }
  r.metrics.clear();
  for (const Metric& m : staged.staged()) r.metrics.push_back(m.id);
  staged.commit();
  r.status = PluginStatus::loaded;
  r.reason.clear();
}

const PluginRecord* PluginLoader::find(std::string_view name) const {
  for (const PluginRecord& r : records_)
    if (!r.name.empty() && r.name == name) return &r;
  return nullptr;
}

std::vector<const PluginRecord*> PluginLoader::refused() const {
  std::vector<const PluginRecord*> out;
  for (const PluginRecord& r : records_)
    if (!r.loaded()) out.push_back(&r);
  return out;
}

void PluginLoader::throw_if_refused() const {
  const auto bad = refused();
  if (bad.empty()) return;
  std::string message = bad.front()->reason;
  if (bad.size() > 1) message += " (and " + std::to_string(bad.size() - 1) + " more refused plugins)";
  throw PluginError(bad.front()->path.string(), message);
}

}  // namespace libbranch
