#pragma once
// For plugin authors: the plugin entry block and registrar. A plugin usually includes
// <libbranch/plugin_sdk.hpp>, which includes this header and the SDK's helpers. A plugin is a
// MODULE library named `libbranch_<name>.so` that registers metrics of the standards it declares.
// Build it with `libbranch_add_plugin()` (CMake).
//
//   #include <libbranch/plugin.hpp>
//   LIBBRANCH_PLUGIN(my_plugin, "rule_of_law", "1.0.0")
//   void libbranch_plugin_my_plugin_register(libbranch::PluginRegistrar& r) { r.add(...); }
//
// The three arguments after the name are string literals; several standards are `;`-separated
// ("rule_of_law;cohesion"). The register function may throw: the loader then refuses the plugin
// with the exception's message and registers none of its metrics.
#include <string>
#include <string_view>
#include <vector>

#include <libbranch/export.hpp>
#include <libbranch/metric.hpp>
#include <libbranch/version.hpp>

/// The plugin ABI: the layout of everything that crosses between the host and a plugin. Bump on
/// any change to PluginInfo, PluginRegistrar, Metric, Params, Dataset or the model tables' layout,
/// and record the bump here:
///   1 — first version (libbranch 0.1): exported `libbranch_plugin_<name>_{abi_version,info,init}`,
///       the `.libbranch_plugin` record (format below), PluginInfo with `record`.
///   2 — libbranch 0.2: compact model columns (16-bit dates, counts and dictionary codes, hours in
///       hundredths, 32-bit string offsets, interned activity titles).
/// The record format itself never changes with the ABI (keys are only ever added), so that a
/// host can always say what a foreign plugin was built for.
#define LIBBRANCH_PLUGIN_ABI_VERSION 2

#define LIBBRANCH_PLUGIN_STR2(x) #x
#define LIBBRANCH_PLUGIN_STR(x) LIBBRANCH_PLUGIN_STR2(x)
#if defined(__GNUC__) && !defined(__clang__)
#define LIBBRANCH_COMPILER_ID "gcc-" LIBBRANCH_PLUGIN_STR(__GNUC__)
#elif defined(__clang__)
#define LIBBRANCH_COMPILER_ID "clang-" LIBBRANCH_PLUGIN_STR(__clang_major__)
#else
#define LIBBRANCH_COMPILER_ID "unknown"
#endif

/// What must match between a plugin and the host for C++ objects (std::string, std::function,
/// Eigen vectors) to cross: the standard library and its ABI flavour, its debug mode (which changes
/// container layouts) and Eigen's allocation alignment (a vector allocated with 32-byte alignment
/// by one side must be freed by code that expects it). The compiler's own version is not part of it:
/// g++ 12 and g++ 13 (or clang with libstdc++) interoperate; it is recorded as `compiler` for
/// messages only.
#if defined(_LIBCPP_VERSION)
#define LIBBRANCH_STDLIB_ABI_ "libc++-abi" LIBBRANCH_PLUGIN_STR(_LIBCPP_ABI_VERSION)
#elif defined(__GLIBCXX__)
#define LIBBRANCH_STDLIB_ABI_ "libstdc++-cxx11abi" LIBBRANCH_PLUGIN_STR(_GLIBCXX_USE_CXX11_ABI)
#else
#define LIBBRANCH_STDLIB_ABI_ "stdlib-unknown"
#endif
#if defined(_GLIBCXX_DEBUG) || (defined(_LIBCPP_ABI_VERSION) && defined(_LIBCPP_DEBUG))
#define LIBBRANCH_STDLIB_DEBUG_ " debug"
#else
#define LIBBRANCH_STDLIB_DEBUG_ ""
#endif
#define LIBBRANCH_COMPILER_ABI \
  "itanium " LIBBRANCH_STDLIB_ABI_ LIBBRANCH_STDLIB_DEBUG_ " eigen-align" LIBBRANCH_PLUGIN_STR(EIGEN_MAX_ALIGN_BYTES)

// FOR TESTS ONLY: a test fixture may define these before including this header to build a plugin
// that claims another ABI, libbranch version or compiler, and so check that the loader refuses it.
// Never define them in a real plugin: the values describe what the plugin was really built with.
#ifdef LIBBRANCH_PLUGIN_ABI_VERSION_OVERRIDE
#define LIBBRANCH_PLUGIN_BUILT_ABI_ LIBBRANCH_PLUGIN_ABI_VERSION_OVERRIDE
#else
#define LIBBRANCH_PLUGIN_BUILT_ABI_ LIBBRANCH_PLUGIN_ABI_VERSION
#endif
#ifdef LIBBRANCH_PLUGIN_LIBBRANCH_VERSION_OVERRIDE
#define LIBBRANCH_PLUGIN_BUILT_VERSION_ LIBBRANCH_PLUGIN_LIBBRANCH_VERSION_OVERRIDE
#else
#define LIBBRANCH_PLUGIN_BUILT_VERSION_                                                       \
  LIBBRANCH_PLUGIN_STR(LIBBRANCH_VERSION_MAJOR) "." LIBBRANCH_PLUGIN_STR(LIBBRANCH_VERSION_MINOR) \
  "." LIBBRANCH_PLUGIN_STR(LIBBRANCH_VERSION_PATCH)
#endif
#ifdef LIBBRANCH_PLUGIN_COMPILER_OVERRIDE
#define LIBBRANCH_PLUGIN_BUILT_COMPILER_ LIBBRANCH_PLUGIN_COMPILER_OVERRIDE
#else
#define LIBBRANCH_PLUGIN_BUILT_COMPILER_ LIBBRANCH_COMPILER_ID
#endif
#ifdef LIBBRANCH_PLUGIN_COMPILER_ABI_OVERRIDE
#define LIBBRANCH_PLUGIN_BUILT_COMPILER_ABI_ LIBBRANCH_PLUGIN_COMPILER_ABI_OVERRIDE
#else
#define LIBBRANCH_PLUGIN_BUILT_COMPILER_ABI_ LIBBRANCH_COMPILER_ABI
#endif

/// The ELF section that holds a plugin's record, read by the loader from the file before the
/// library is opened (opening runs the plugin's static initialisers).
#define LIBBRANCH_PLUGIN_SECTION ".libbranch_plugin"

namespace libbranch {

/// What a plugin says about itself. The same facts are in `record`, which the loader reads from
/// the file before any plugin code runs; this struct serves plugins linked in statically.
struct PluginInfo {
  /// LIBBRANCH_PLUGIN_ABI_VERSION it was built with; the first member in every ABI version.
  int abi_version;
  const char* name;               ///< must match the file name libbranch_<name>.so
  const char* standards;          ///< `;`-separated standards it serves, e.g. "rule_of_law"
  const char* version;            ///< the plugin's own version
  const char* libbranch_version;  ///< libbranch it was built against, "major.minor.patch"
  const char* compiler;           ///< LIBBRANCH_COMPILER_ID
  const char* compiler_abi;       ///< LIBBRANCH_COMPILER_ABI
  /// The record in the `.libbranch_plugin` section: NUL-terminated strings, first the magic
  /// `libbranch-plugin`, then `key=value` entries (abi, name, standards, version, libbranch,
  /// compiler, compiler_abi), then an empty string.
  const char* record;
};

/// The narrow door through which a plugin adds metrics. Rejects ids outside the plugin's
/// standards and ids already registered (naming who registered them first).
class LIBBRANCH_API PluginRegistrar {
 public:
  virtual ~PluginRegistrar() = default;
  virtual void add(Metric metric) = 0;
};

/// The plugin entry points as the loader sees them.
using PluginAbiVersionFunction = int (*)();
using PluginInfoFunction = const PluginInfo* (*)();
/// Returns nullptr on success, else the failure message (valid until the next call on the thread).
using PluginInitFunction = const char* (*)(PluginRegistrar*);

}  // namespace libbranch

/// Declares (without defining) the entry points of plugin `name`, for a program that links the
/// plugin in statically: `loader.add_static(libbranch_plugin_<name>_info, libbranch_plugin_<name>_init)`.
#define LIBBRANCH_DECLARE_PLUGIN(name)                                                \
  extern "C" int libbranch_plugin_##name##_abi_version();                             \
  extern "C" const libbranch::PluginInfo* libbranch_plugin_##name##_info();           \
  extern "C" const char* libbranch_plugin_##name##_init(libbranch::PluginRegistrar* registrar)

/// Declares the plugin's exported entry points and its record. The author then defines
/// `void libbranch_plugin_<name>_register(libbranch::PluginRegistrar&)`. The exported symbols carry
/// the plugin's name, so several plugins can also be linked into one program.
#define LIBBRANCH_PLUGIN(name, standards, plugin_version)                                              \
  void libbranch_plugin_##name##_register(libbranch::PluginRegistrar& registrar);                     \
  __attribute__((section(LIBBRANCH_PLUGIN_SECTION), used)) static const char                          \
      libbranch_plugin_##name##_record[] =                                                             \
          "libbranch-plugin\0"                                                                         \
          "abi=" LIBBRANCH_PLUGIN_STR(LIBBRANCH_PLUGIN_BUILT_ABI_) "\0"                                \
          "name=" #name "\0"                                                                           \
          "standards=" standards "\0"                                                                  \
          "version=" plugin_version "\0"                                                               \
          "libbranch=" LIBBRANCH_PLUGIN_BUILT_VERSION_ "\0"                                            \
          "compiler=" LIBBRANCH_PLUGIN_BUILT_COMPILER_ "\0"                                            \
          "compiler_abi=" LIBBRANCH_PLUGIN_BUILT_COMPILER_ABI_ "\0";                                   \
  extern "C" __attribute__((visibility("default"))) int libbranch_plugin_##name##_abi_version() {     \
    return LIBBRANCH_PLUGIN_BUILT_ABI_;                                                                \
  }                                                                                                    \
  extern "C" __attribute__((visibility("default"))) const libbranch::PluginInfo*                      \
  libbranch_plugin_##name##_info() {                                                                   \
    static const libbranch::PluginInfo info{LIBBRANCH_PLUGIN_BUILT_ABI_,                               \
                                            #name,                                                     \
                                            standards,                                                 \
                                            plugin_version,                                            \
                                            LIBBRANCH_PLUGIN_BUILT_VERSION_,                           \
                                            LIBBRANCH_PLUGIN_BUILT_COMPILER_,                          \
                                            LIBBRANCH_PLUGIN_BUILT_COMPILER_ABI_,                      \
                                            libbranch_plugin_##name##_record};                         \
    return &info;                                                                                      \
  }                                                                                                    \
  /* Exceptions do not cross the C boundary: a failure comes back as a message (nullptr = ok). */    \
  extern "C" __attribute__((visibility("default"))) const char* libbranch_plugin_##name##_init(      \
      libbranch::PluginRegistrar* registrar) {                                                         \
    static thread_local std::string failure;                                                           \
    try {                                                                                              \
      libbranch_plugin_##name##_register(*registrar);                                                  \
      return nullptr;                                                                                  \
    } catch (const std::exception& e) {                                                                \
      failure = e.what();                                                                              \
    } catch (...) {                                                                                    \
      failure = "unknown exception";                                                                   \
    }                                                                                                  \
    return failure.c_str();                                                                            \
  }
