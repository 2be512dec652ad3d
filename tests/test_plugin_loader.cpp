// The plugin loader: the search path, the checks made before a plugin's code runs (ELF header,
// the .libbranch_plugin record), the refusals and their messages, linked-in plugins, and the five
// standard plugins of this build tree. Fixture plugins: tests/fixtures/plugins/.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdlib.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>

#include <libbranch/error.hpp>
#include <libbranch/plugin_loader.hpp>
#include <libbranch/version.hpp>

#include "support/temp_dir.hpp"

LIBBRANCH_DECLARE_PLUGIN(fixture_linked);

namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using libbranch::MetricRegistry;
using libbranch::PluginLoader;
using libbranch::PluginRecord;
using libbranch::PluginSource;
using libbranch::PluginStatus;
using libbranch::testing::TempDir;

fs::path fixture_dir(const std::string& name) { return fs::path(LIBBRANCH_FIXTURE_PLUGINS_DIR) / name; }
fs::path fixture_file(const std::string& dir, const std::string& plugin) {
  return fixture_dir(dir) / ("libbranch_" + plugin + ".so");
}
/// A fresh directory where fixture plugins' static initialisers leave marker files when they run
/// (LIBBRANCH_FIXTURE_MARKER_DIR, read by the plugin): `ran(case)` tells whether plugin code ran.
class Markers {
 public:
  Markers() { ::setenv("LIBBRANCH_FIXTURE_MARKER_DIR", dir_.path().c_str(), 1); }
  ~Markers() { ::unsetenv("LIBBRANCH_FIXTURE_MARKER_DIR"); }
  [[nodiscard]] bool ran(const std::string& name) const { return fs::exists(dir_.path() / name); }

 private:
  TempDir dir_;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string host_version() { return libbranch::version_string(); }

/// Loads one fixture directory into a fresh registry and returns its only record.
struct Loaded {
  MetricRegistry registry;
  PluginLoader loader{registry};
};

const PluginRecord& only_record(const Loaded& l) {
  EXPECT_EQ(l.loader.records().size(), 1u);
  return l.loader.records().front();
}

// ---------------------------------------------------------------------------------------------
// A good plugin

TEST(PluginLoader, LoadsAGoodPluginAndRecordsWhatItIs) {
  Loaded l;
  l.loader.load_directory(fixture_dir("good"));
  const PluginRecord& r = only_record(l);
  EXPECT_EQ(r.status, PluginStatus::loaded) << r.reason;
  EXPECT_TRUE(r.reason.empty());
  EXPECT_EQ(r.name, "fixture_good");
  EXPECT_EQ(r.path, fixture_file("good", "fixture_good"));
  EXPECT_EQ(r.source, PluginSource::option);
  EXPECT_EQ(r.version, "1.0.0");
  EXPECT_THAT(r.standards, ElementsAre("fixture", "fixture_extra"));
  EXPECT_EQ(r.abi_version, LIBBRANCH_PLUGIN_ABI_VERSION);
  EXPECT_EQ(r.libbranch_version, host_version());
  EXPECT_EQ(r.compiler, libbranch::plugin_host().compiler);
  EXPECT_EQ(r.compiler_abi, libbranch::plugin_host().compiler_abi);
  EXPECT_THAT(r.metrics, ElementsAre("fixture.good", "fixture_extra.good"));
  EXPECT_EQ(l.registry.owner("fixture.good"), "fixture_good");
  EXPECT_EQ(l.registry.owner("fixture_extra.good"), "fixture_good");
  EXPECT_TRUE(l.loader.warnings().empty());
  EXPECT_TRUE(l.loader.refused().empty());
  EXPECT_NO_THROW(l.loader.throw_if_refused());
  EXPECT_EQ(r.to_string(), "fixture_good 1.0.0 (fixture;fixture_extra) loaded from " + r.path.string() +
                              ": 2 metrics; built with libbranch " + host_version() + ", " + r.compiler);

  // Its metric's code lives in the plugin, which stays loaded.
  const libbranch::Dataset empty;
  const libbranch::Metric& m = l.registry.get("fixture_extra.good");
  EXPECT_EQ(m.compute(empty, libbranch::Period::calendar_year(2024), {}).size(), 0);
}

TEST(PluginLoader, OpeningAPluginRunsItsStaticInitialisers) {
  // The control for the "refusals run no plugin code" tests: the marker does appear when a plugin
  // is opened. A copy under another path is a new library to the dynamic linker, so its
  // initialisers run even if the fixture was opened before in this process.
  TempDir dir;
  fs::copy_file(fixture_file("good", "fixture_good"), dir.path() / "libbranch_fixture_good.so");
  const Markers markers;
  Loaded l;
  l.loader.load_directory(dir.path());
  ASSERT_TRUE(only_record(l).loaded()) << only_record(l).reason;
  EXPECT_TRUE(markers.ran("good"));
}

TEST(PluginLoader, InspectingAFileRunsNoPluginCode) {
  TempDir dir;
  const fs::path copy = dir.path() / "libbranch_fixture_good.so";
  fs::copy_file(fixture_file("good", "fixture_good"), copy);
  const Markers markers;
  const PluginRecord r = libbranch::inspect_plugin_file(copy);
  EXPECT_EQ(r.status, PluginStatus::loaded) << r.reason;  // would be opened
  EXPECT_EQ(r.version, "1.0.0");
  EXPECT_TRUE(r.metrics.empty());
  EXPECT_FALSE(markers.ran("good"));
}

// ---------------------------------------------------------------------------------------------
// Refusals: one fixture each

TEST(PluginLoader, RefusesAnotherPluginAbiWithoutRunningItsCode) {
  const Markers markers;
  Loaded l;
  l.loader.load_directory(fixture_dir("wrong_abi"));
  const PluginRecord& r = only_record(l);
  EXPECT_EQ(r.status, PluginStatus::refused);
  EXPECT_EQ(r.reason, "built for plugin ABI 99 (libbranch 0.3.0), this host has ABI " +
                          std::to_string(LIBBRANCH_PLUGIN_ABI_VERSION) + " (libbranch " + host_version() + ")");
  EXPECT_EQ(r.name, "fixture_wrong_abi");
  EXPECT_EQ(r.abi_version, 99);
  EXPECT_EQ(r.libbranch_version, "0.3.0");
  EXPECT_EQ(r.version, "1.0.0");
  EXPECT_TRUE(r.metrics.empty());
  EXPECT_EQ(l.registry.find("fixture.wrong_abi"), nullptr);
  EXPECT_FALSE(markers.ran("wrong_abi")) << "the refused plugin's static initialiser ran";
  EXPECT_EQ(r.to_string(), "fixture_wrong_abi refused: " + r.path.string() + ": " + r.reason);
}

TEST(PluginLoader, RefusesAnotherCompilerAbiWithoutRunningItsCode) {
  const Markers markers;
  Loaded l;
  l.loader.load_directory(fixture_dir("compiler_abi"));
  const PluginRecord& r = only_record(l);
  EXPECT_EQ(r.status, PluginStatus::refused);
  const libbranch::PluginHost& host = libbranch::plugin_host();
  EXPECT_EQ(r.reason, "built for compiler ABI 'itanium libc++-abi1 eigen-align16' (clang-17), this host has '" +
                          host.compiler_abi + "' (" + host.compiler + ")");
  EXPECT_EQ(r.compiler, "clang-17");
  EXPECT_FALSE(markers.ran("compiler_abi")) << "the refused plugin's static initialiser ran";
}

TEST(PluginLoader, RefusesANameThatDisagreesWithTheFileWithoutRunningItsCode) {
  const Markers markers;
  Loaded l;
  l.loader.load_directory(fixture_dir("renamed"));
  const PluginRecord& r = only_record(l);
  EXPECT_EQ(r.status, PluginStatus::refused);
  EXPECT_EQ(r.name, "fixture_renamed");
  EXPECT_EQ(r.reason,
            "declares the name 'fixture_other' but the file is named libbranch_fixture_renamed.so "
            "(expected libbranch_fixture_other.so)");
  EXPECT_FALSE(markers.ran("renamed"));
}

TEST(PluginLoader, RefusesAPluginWithoutItsEntrySymbolNamingIt) {
  Loaded l;
  l.loader.load_directory(fixture_dir("no_init"));
  const PluginRecord& r = only_record(l);
  EXPECT_EQ(r.status, PluginStatus::refused);
  EXPECT_EQ(r.reason,
            "does not export the entry symbol libbranch_plugin_fixture_no_init_init "
            "(LIBBRANCH_PLUGIN(fixture_no_init, ...) defines it)");
  EXPECT_EQ(l.registry.find("fixture.no_init"), nullptr);
}

TEST(PluginLoader, RefusesAPluginWhoseInitFailsAndRegistersNothingOfIt) {
  Loaded l;
  l.loader.load_directory(fixture_dir("init_throws"));
  const PluginRecord& r = only_record(l);
  EXPECT_EQ(r.status, PluginStatus::refused);
  EXPECT_EQ(r.reason, "init failed: the fixture's licence server is unreachable");
  EXPECT_TRUE(r.metrics.empty());
  EXPECT_EQ(l.registry.find("fixture.before_throw"), nullptr) << "a metric staged before the failure leaked";
  EXPECT_TRUE(l.registry.names().empty());
}

TEST(PluginLoader, RefusesADuplicateIdNamingWhoRegisteredItFirst) {
  Loaded l;
  l.loader.load_directory(fixture_dir("dup"));
  ASSERT_EQ(l.loader.records().size(), 2u);
  const PluginRecord& a = l.loader.records()[0];
  const PluginRecord& b = l.loader.records()[1];
  EXPECT_EQ(a.name, "fixture_dup_a");
  EXPECT_TRUE(a.loaded()) << a.reason;
  EXPECT_EQ(b.name, "fixture_dup_b");
  EXPECT_EQ(b.status, PluginStatus::refused);
  EXPECT_EQ(b.reason,
            "init failed: plugin fixture_dup_b cannot register metric 'fixture.shared': already registered by "
            "fixture_dup_a");
  EXPECT_EQ(l.registry.owner("fixture.shared"), "fixture_dup_a");
  EXPECT_EQ(l.registry.find("fixture.dup_b_only"), nullptr);
  ASSERT_EQ(l.loader.refused().size(), 1u);
  EXPECT_EQ(l.loader.refused().front()->name, "fixture_dup_b");
}

TEST(PluginLoader, RefusesAMetricOutsideTheDeclaredStandards) {
  Loaded l;
  l.loader.load_directory(fixture_dir("outside"));
  const PluginRecord& r = only_record(l);
  EXPECT_EQ(r.status, PluginStatus::refused);
  EXPECT_EQ(r.reason,
            "init failed: plugin fixture_outside cannot register metric 'cohesion.stolen': its ids must start "
            "with a standard it declares (fixture)");
  EXPECT_EQ(l.registry.find("cohesion.stolen"), nullptr);
}

TEST(PluginLoader, RefusesAFileThatIsNotASharedLibraryAndIgnoresOtherFiles) {
  Loaded l;
  l.loader.load_directory(fixture_dir("junk"));  // libbranch_junk.so (text) and README.txt
  const PluginRecord& r = only_record(l);
  EXPECT_EQ(r.name, "junk");
  EXPECT_EQ(r.status, PluginStatus::refused);
  EXPECT_EQ(r.reason, "not a shared library (no ELF header)");
  EXPECT_EQ(r.path, fixture_dir("junk") / "libbranch_junk.so");
  try {
    l.loader.throw_if_refused();
    FAIL() << "no PluginError";
  } catch (const libbranch::PluginError& e) {
    EXPECT_EQ(e.plugin_path(), r.path.string());
    EXPECT_EQ(std::string(e.what()), r.path.string() + ": not a shared library (no ELF header)");
  }
}

TEST(PluginLoader, APluginsDirectoryThatDoesNotExistIsAnError) {
  Loaded l;
  const fs::path missing = fixture_dir("no_such_directory");
  try {
    l.loader.load_directory(missing, PluginSource::option);
    FAIL() << "no PluginError";
  } catch (const libbranch::PluginError& e) {
    EXPECT_EQ(e.plugin_path(), missing.string());
    EXPECT_EQ(std::string(e.what()), missing.string() + ": plugin directory does not exist (--plugins)");
  }
  // The same through the search path.
  EXPECT_THROW(l.loader.load(libbranch::plugin_search_path({missing}, "", std::nullopt)), libbranch::PluginError);
  // A file given as a directory.
  EXPECT_THROW(l.loader.load_directory(fixture_dir("junk") / "README.txt"), libbranch::PluginError);
}

TEST(PluginLoader, AnEnvironmentEntryThatDoesNotExistIsAWarning) {
  Loaded l;
  const fs::path missing = fixture_dir("no_such_directory");
  const std::string env = missing.string() + ":" + fixture_dir("good").string();
  ASSERT_NO_THROW(l.loader.load(libbranch::plugin_search_path({}, env, std::nullopt)));
  ASSERT_EQ(l.loader.warnings().size(), 1u);
  EXPECT_EQ(l.loader.warnings()[0],
            missing.string() + ": plugin directory does not exist (an entry of LIBBRANCH_PLUGIN_PATH)");
  const PluginRecord& r = only_record(l);
  EXPECT_TRUE(r.loaded()) << r.reason;
  EXPECT_EQ(r.source, PluginSource::environment);
}

TEST(PluginLoader, TheFirstPluginOfANameWinsAndALaterOneIsShadowed) {
  Loaded l;
  l.loader.load(libbranch::plugin_search_path({fixture_dir("good"), fixture_dir("shadow")}, "", std::nullopt));
  ASSERT_EQ(l.loader.records().size(), 2u);
  const PluginRecord& first = l.loader.records()[0];
  const PluginRecord& second = l.loader.records()[1];
  EXPECT_TRUE(first.loaded());
  EXPECT_EQ(first.version, "1.0.0");
  EXPECT_EQ(second.name, "fixture_good");
  EXPECT_EQ(second.version, "2.0.0");  // what the shadowed file is, read from its record
  EXPECT_EQ(second.status, PluginStatus::refused);
  EXPECT_EQ(second.reason, "shadowed by " + fixture_file("good", "fixture_good").string());
  EXPECT_EQ(l.loader.find("fixture_good"), &first);
}

TEST(PluginLoader, PluginsDirectoriesComeBeforeTheEnvironment) {
  Loaded l;
  l.loader.load(libbranch::plugin_search_path({fixture_dir("shadow")}, fixture_dir("good").string(), std::nullopt));
  ASSERT_EQ(l.loader.records().size(), 2u);
  EXPECT_TRUE(l.loader.records()[0].loaded());
  EXPECT_EQ(l.loader.records()[0].version, "2.0.0");
  EXPECT_EQ(l.loader.records()[0].source, PluginSource::option);
  EXPECT_EQ(l.loader.records()[1].reason, "shadowed by " + fixture_file("shadow", "fixture_good").string());
  EXPECT_EQ(l.loader.records()[1].source, PluginSource::environment);
}

TEST(PluginLoader, AFirstPluginThatIsRefusedStillShadowsLaterOnes) {
  // Predictable: what comes first in the search path is what you get, even when it is refused.
  TempDir bad;
  bad.write("libbranch_fixture_good.so", "not a library");
  Loaded l;
  l.loader.load(libbranch::plugin_search_path({bad.path(), fixture_dir("good")}, "", std::nullopt));
  ASSERT_EQ(l.loader.records().size(), 2u);
  EXPECT_EQ(l.loader.records()[0].reason, "not a shared library (no ELF header)");
  EXPECT_EQ(l.loader.records()[1].reason, "shadowed by " + (bad.path() / "libbranch_fixture_good.so").string());
  EXPECT_EQ(l.registry.find("fixture.good"), nullptr);
}

TEST(PluginLoader, ADirectoryIsSearchedOnce) {
  Loaded l;
  const fs::path good = fixture_dir("good");
  l.loader.load(libbranch::plugin_search_path({good, good / "." }, good.string(), good));
  EXPECT_EQ(l.loader.records().size(), 1u);
  EXPECT_TRUE(l.loader.warnings().empty());
}

TEST(PluginLoader, LoadFileRefusesAFileNotNamedLikeAPlugin) {
  Loaded l;
  const PluginRecord& r = l.loader.load_file(fixture_dir("junk") / "README.txt");
  EXPECT_EQ(r.status, PluginStatus::refused);
  EXPECT_EQ(r.reason, "not a plugin file name (expected libbranch_<name>.so)");
  EXPECT_EQ(r.source, PluginSource::file);
}

TEST(PluginLoader, ARefusedPluginLeavesOthersLoaded) {
  Loaded l;
  for (const char* d : {"good", "wrong_abi", "no_init", "init_throws", "outside", "junk", "renamed", "dup"})
    l.loader.load_directory(fixture_dir(d));
  std::vector<std::string> loaded;
  for (const PluginRecord& r : l.loader.records())
    if (r.loaded()) loaded.push_back(r.name);
  EXPECT_THAT(loaded, ElementsAre("fixture_good", "fixture_dup_a"));
  EXPECT_THAT(l.registry.names(), ElementsAre("fixture.good", "fixture.shared", "fixture_extra.good"));
  EXPECT_EQ(l.loader.refused().size(), 7u);
  try {
    l.loader.throw_if_refused();
    FAIL();
  } catch (const libbranch::PluginError& e) {
    EXPECT_THAT(e.what(), HasSubstr("(and 6 more refused plugins)"));
  }
}

// ---------------------------------------------------------------------------------------------
// Search path

TEST(PluginLoaderSearchPath, OrderIsPluginsThenEnvironmentThenInstall) {
  const auto path = libbranch::plugin_search_path({"/a", "/b"}, ":/c::/d:", fs::path("/lib/libbranch/plugins"));
  ASSERT_EQ(path.size(), 5u);
  EXPECT_EQ(path[0].path, "/a");
  EXPECT_EQ(path[0].source, PluginSource::option);
  EXPECT_EQ(path[1].path, "/b");
  EXPECT_EQ(path[2].path, "/c");
  EXPECT_EQ(path[2].source, PluginSource::environment);
  EXPECT_EQ(path[3].path, "/d");
  EXPECT_EQ(path[4].path, "/lib/libbranch/plugins");
  EXPECT_EQ(path[4].source, PluginSource::install);
  EXPECT_TRUE(libbranch::plugin_search_path({}, "", std::nullopt).empty());
}

TEST(PluginLoaderSearchPath, TheInstallFolderIsBesideTheCoreLibrary) {
  // The build tree has the install's layout: <build>/lib/libbranch.so, <build>/lib/libbranch/plugins.
  const auto dir = libbranch::installed_plugin_directory();
  ASSERT_TRUE(dir.has_value());
  EXPECT_EQ(fs::weakly_canonical(*dir), fs::weakly_canonical(fs::path(LIBBRANCH_BINARY_DIR) / "lib" / "libbranch" / "plugins"));
  const auto path = libbranch::plugin_search_path({});
  ASSERT_FALSE(path.empty());
  EXPECT_EQ(path.back().path, *dir);
  EXPECT_EQ(path.back().source, PluginSource::install);
}

TEST(PluginLoaderSearchPath, HostDescribesThisBuild) {
  const libbranch::PluginHost& host = libbranch::plugin_host();
  EXPECT_EQ(host.abi_version, LIBBRANCH_PLUGIN_ABI_VERSION);
  EXPECT_EQ(host.libbranch_version, host_version());
  EXPECT_EQ(host.compiler_abi, LIBBRANCH_COMPILER_ABI);
  EXPECT_EQ(host.soname, "libbranch.so." + std::to_string(libbranch::version_major) + "." +
                             std::to_string(libbranch::version_minor));
#if defined(__x86_64__)
  EXPECT_EQ(host.machine, "x86_64");
#endif
}

// ---------------------------------------------------------------------------------------------
// The ELF checks, on damaged copies of a good plugin (inspect only: nothing is opened)

class PluginLoaderElf : public ::testing::Test {
 protected:
  void SetUp() override { good_ = slurp(fixture_file("good", "fixture_good")); ASSERT_GT(good_.size(), 4096u); }
  /// The reason inspect_plugin_file gives for `bytes` written as libbranch_fixture_good.so.
  std::string reason(const std::string& bytes) {
    const fs::path p = dir_.write("libbranch_fixture_good.so", bytes);
    const PluginRecord r = libbranch::inspect_plugin_file(p);
    return r.loaded() ? std::string("(accepted)") : r.reason;
  }
  static void put16(std::string& b, std::size_t at, std::uint16_t v) {
    b[at] = static_cast<char>(v & 0xff);
    b[at + 1] = static_cast<char>(v >> 8);
  }
  static void put64(std::string& b, std::size_t at, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) b[at + static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xff);
  }
  std::string good_;
  TempDir dir_;
};

TEST_F(PluginLoaderElf, TheUndamagedCopyIsAccepted) { EXPECT_EQ(reason(good_), "(accepted)"); }

TEST_F(PluginLoaderElf, EmptyAndShortFilesAreNotSharedLibraries) {
  EXPECT_EQ(reason(""), "not a shared library (no ELF header)");
  EXPECT_EQ(reason("\x7f" "EL"), "not a shared library (no ELF header)");
  EXPECT_EQ(reason(good_.substr(0, 12)), "not a shared library (truncated ELF header)");
  EXPECT_EQ(reason(good_.substr(0, 40)), "not a shared library (truncated ELF header)");
}

TEST_F(PluginLoaderElf, ATruncatedFileIsRefused) {
  EXPECT_EQ(reason(good_.substr(0, 2000)), "truncated ELF file (section headers beyond its end)");
  std::string b = good_;
  put64(b, 40, ~std::uint64_t{0} - 10);  // e_shoff near the end of the address space
  EXPECT_EQ(reason(b), "truncated ELF file (section headers beyond its end)");
}

TEST_F(PluginLoaderElf, AnotherMachineIsNamed) {
  std::string b = good_;
  put16(b, 18, 183);  // EM_AARCH64
  EXPECT_EQ(reason(b), "built for aarch64, this host is " + libbranch::plugin_host().machine);
  put16(b, 18, 9999);
  EXPECT_EQ(reason(b), "built for ELF machine 9999, this host is " + libbranch::plugin_host().machine);
}

TEST_F(PluginLoaderElf, A32BitLibraryIsNamed) {
  std::string b = good_;
  b[4] = 1;        // ELFCLASS32
  put16(b, 18, 3);  // EM_386
  EXPECT_EQ(reason(b), "built for 32-bit i386, this host is 64-bit " + libbranch::plugin_host().machine);
}

TEST_F(PluginLoaderElf, ABigEndianLibraryIsNamed) {
  std::string b = good_;
  b[5] = 2;  // ELFDATA2MSB: e_machine now reads 0x3e00
  b[18] = 0;
  b[19] = 21;  // EM_PPC64, big-endian
  EXPECT_EQ(reason(b), "built for ppc64 (big-endian), this host is " + libbranch::plugin_host().machine);
}

TEST_F(PluginLoaderElf, AnExecutableIsNotASharedLibrary) {
  std::string b = good_;
  put16(b, 16, 2);  // ET_EXEC
  EXPECT_EQ(reason(b), "not a shared library (an executable)");
  put16(b, 16, 1);  // ET_REL
  EXPECT_EQ(reason(b), "not a shared library (an object file)");
}

TEST_F(PluginLoaderElf, ASharedLibraryWithoutARecordIsNotAPlugin) {
  const std::string core = slurp(fs::path(LIBBRANCH_BINARY_DIR) / "lib" / "libbranch.so");
  ASSERT_FALSE(core.empty());
  EXPECT_EQ(reason(core),
            "not a libbranch plugin (no .libbranch_plugin record; plugins declare themselves with LIBBRANCH_PLUGIN "
            "from <libbranch/plugin.hpp>)");
}

TEST_F(PluginLoaderElf, TheRecordIsReadFromTheFile) {
  std::string b = good_;
  const std::string abi = "abi=" + std::to_string(LIBBRANCH_PLUGIN_ABI_VERSION);
  const std::size_t at = b.find(abi + std::string("\0name=fixture_good", 18));
  ASSERT_NE(at, std::string::npos);
  b[at + 4] = '7';
  EXPECT_THAT(reason(b), StartsWith("built for plugin ABI 7 (libbranch " + host_version() + "), this host has ABI " +
                                      std::to_string(LIBBRANCH_PLUGIN_ABI_VERSION)));
  b = good_;
  const std::size_t magic = b.find(std::string("libbranch-plugin\0abi=", 21));
  ASSERT_NE(magic, std::string::npos);
  b[magic + 15] = 'X';
  EXPECT_EQ(reason(b), "malformed plugin record (no 'libbranch-plugin' magic)");
  b = good_;
  b[at + 3] = '-';  // "abi-2": not key=value
  EXPECT_EQ(reason(b), "malformed plugin record (entry 'abi-" + std::to_string(LIBBRANCH_PLUGIN_ABI_VERSION) +
                           "' is not key=value)");
}

TEST_F(PluginLoaderElf, APluginLinkingAnotherCoreLibraryIsRefused) {
  // Loading it would bring a second libbranch into the process beside this one.
  const std::string soname = libbranch::plugin_host().soname;
  ASSERT_FALSE(soname.empty());
  std::string b = good_;
  const std::size_t at = b.find(soname + '\0');
  ASSERT_NE(at, std::string::npos) << "the fixture does not link " << soname;
  b[at + soname.size() - 1] = '9';
  const std::string other = soname.substr(0, soname.size() - 1) + "9";
  EXPECT_EQ(reason(b), "linked against " + other + " (libbranch " + host_version() + "), this host is " + soname +
                           " (libbranch " + host_version() + ")");
}

TEST_F(PluginLoaderElf, ASectionWithSeveralRecordsUsesTheOneNamedLikeTheFile) {
  // This test program links fixture_linked and the standard plugins statically: its section holds
  // several records, aligned with zero bytes between them. (Inspected only: it is an executable.)
  if (std::string_view(LIBBRANCH_BUILT_PLUGINS).empty()) GTEST_SKIP() << "built with LIBBRANCH_BUILD_PLUGINS=OFF";
  const fs::path self = fs::read_symlink("/proc/self/exe");
  const fs::path as_linked = dir_.path() / "libbranch_fixture_linked.so";
  fs::create_symlink(self, as_linked);
  const PluginRecord r = libbranch::inspect_plugin_file(as_linked);
  EXPECT_TRUE(r.loaded()) << r.reason;
  EXPECT_EQ(r.name, "fixture_linked");
  EXPECT_THAT(r.standards, ElementsAre("fixture"));
  const fs::path as_other = dir_.path() / "libbranch_nobody.so";
  fs::create_symlink(self, as_other);
  EXPECT_THAT(libbranch::inspect_plugin_file(as_other).reason,
              ::testing::MatchesRegex("holds the records of several plugins \\(.*fixture_linked.*\\) and none is named 'nobody'"));
}

TEST_F(PluginLoaderElf, DamageAnywhereInTheHeadersNeverCrashes) {
  // Random damage to the ELF header, the section header table and the record: inspect must give an
  // answer (accepted or a reason) for every variant, never crash or hang.
  const std::uint64_t shoff = [&] {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(good_[40 + static_cast<std::size_t>(i)]);
    return v;
  }();
  ASSERT_LT(shoff, good_.size());
  const std::size_t record = good_.find("libbranch-plugin");
  std::mt19937 rng(12345);
  for (int round = 0; round < 300; ++round) {
    std::string b = good_;
    for (int k = 0; k < 4; ++k) {
      std::size_t at = 0;
      switch (rng() % 3) {
        case 0: at = rng() % 64; break;
        case 1: at = static_cast<std::size_t>(shoff) + rng() % (good_.size() - static_cast<std::size_t>(shoff)); break;
        default: at = record + rng() % 160; break;
      }
      b[at] = static_cast<char>(rng());
    }
    if (round % 10 == 0) b.resize(rng() % b.size());
    EXPECT_FALSE(reason(b).empty());
  }
}

// ---------------------------------------------------------------------------------------------
// Plugins linked into the program

const libbranch::PluginInfo* wrong_abi_info() {
  static const libbranch::PluginInfo info{7, "linked_wrong", "fixture", "1.0", "9.9.9", "gcc-99", "x", nullptr};
  return &info;
}
const libbranch::PluginInfo* wrong_compiler_info() {
  static const libbranch::PluginInfo info{LIBBRANCH_PLUGIN_ABI_VERSION, "linked_compiler", "fixture", "1.0",
                                          "0.1.0", "msvc-19", "msvc", nullptr};
  return &info;
}
int init_calls = 0;
const char* counting_init(libbranch::PluginRegistrar*) {
  ++init_calls;
  return nullptr;
}

TEST(PluginLoaderStatic, ALinkedPluginLoadsThroughTheSameRegistrar) {
  Loaded l;
  const PluginRecord& r = l.loader.add_static(libbranch_plugin_fixture_linked_info, libbranch_plugin_fixture_linked_init);
  EXPECT_TRUE(r.loaded()) << r.reason;
  EXPECT_EQ(r.name, "fixture_linked");
  EXPECT_EQ(r.path, "<linked>");
  EXPECT_EQ(r.source, PluginSource::linked);
  EXPECT_EQ(r.version, "1.0.0");
  EXPECT_EQ(r.libbranch_version, host_version());
  EXPECT_THAT(r.standards, ElementsAre("fixture"));
  EXPECT_THAT(r.metrics, ElementsAre("fixture.linked"));
  EXPECT_EQ(l.registry.owner("fixture.linked"), "fixture_linked");
  EXPECT_EQ(libbranch_plugin_fixture_linked_abi_version(), LIBBRANCH_PLUGIN_ABI_VERSION);

  // The same name again (linked or from a file) is shadowed.
  const PluginRecord& again = l.loader.add_static(libbranch_plugin_fixture_linked_info, libbranch_plugin_fixture_linked_init);
  EXPECT_EQ(again.reason, "shadowed by <linked>");
}

TEST(PluginLoaderStatic, ALinkedPluginShadowsAFileOfTheSameName) {
  Loaded l;
  l.loader.load_directory(fixture_dir("good"));
  init_calls = 0;
  auto info = []() -> const libbranch::PluginInfo* {
    static const libbranch::PluginInfo i{LIBBRANCH_PLUGIN_ABI_VERSION, "fixture_good", "fixture", "3.0", "0.1.0",
                                         LIBBRANCH_COMPILER_ID, LIBBRANCH_COMPILER_ABI, nullptr};
    return &i;
  };
  const PluginRecord& r = l.loader.add_static(info, counting_init);
  EXPECT_EQ(r.reason, "shadowed by " + fixture_file("good", "fixture_good").string());
  EXPECT_EQ(init_calls, 0);
}

TEST(PluginLoaderStatic, ALinkedPluginIsCheckedLikeAFile) {
  Loaded l;
  init_calls = 0;
  const PluginRecord& abi = l.loader.add_static(wrong_abi_info, counting_init);
  EXPECT_EQ(abi.reason, "built for plugin ABI 7, this host has ABI " + std::to_string(LIBBRANCH_PLUGIN_ABI_VERSION) +
                            " (libbranch " + host_version() + ")");
  const PluginRecord& compiler = l.loader.add_static(wrong_compiler_info, counting_init);
  EXPECT_EQ(compiler.reason, "built for compiler ABI 'msvc' (msvc-19), this host has '" +
                                 libbranch::plugin_host().compiler_abi + "' (" + libbranch::plugin_host().compiler + ")");
  EXPECT_EQ(compiler.name, "linked_compiler");
  EXPECT_EQ(init_calls, 0) << "a refused plugin's init ran";
  const PluginRecord& none = l.loader.add_static(nullptr, nullptr);
  EXPECT_EQ(none.status, PluginStatus::refused);
}

// ---------------------------------------------------------------------------------------------
// The standard plugins of this build tree

std::vector<std::string> built_plugins() {
  std::vector<std::string> out;
  std::stringstream ss(LIBBRANCH_BUILT_PLUGINS);
  for (std::string name; std::getline(ss, name, ',');)
    if (!name.empty()) out.push_back(name);
  return out;
}

TEST(PluginLoaderInTree, TheStandardPluginsLoadFromTheBuildTreeWithNoConfiguration) {
  const auto names = built_plugins();
  if (names.empty()) GTEST_SKIP() << "built with LIBBRANCH_BUILD_PLUGINS=OFF";
  Loaded l;
  l.loader.load(libbranch::plugin_search_path({}, "", libbranch::installed_plugin_directory()));
  for (const std::string& name : names) {
    const PluginRecord* r = l.loader.find(name);
    ASSERT_NE(r, nullptr) << name << " not found in " << libbranch::installed_plugin_directory()->string();
    EXPECT_TRUE(r->loaded()) << r->to_string();
    EXPECT_EQ(r->source, PluginSource::install);
    EXPECT_THAT(r->standards, ElementsAre(name));
    EXPECT_FALSE(r->metrics.empty()) << name;
    for (const std::string& id : r->metrics) {
      EXPECT_THAT(id, StartsWith(name + ".")) << id;
      EXPECT_EQ(l.registry.owner(id), name);
    }
  }
  EXPECT_TRUE(l.loader.refused().empty()) << l.loader.refused().front()->to_string();
}

}  // namespace
