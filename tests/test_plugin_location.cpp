// Plugins load only from where no other user could have put them: a world-writable file or folder
// on the path (after resolving symlinks too), or one owned by another user, is refused with the
// reason, unless allowed explicitly.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include <libbranch/engine.hpp>
#include <libbranch/plugin_loader.hpp>

#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

namespace libbranch {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::TempDir;

const fs::path kGood = fs::path(LIBBRANCH_FIXTURE_PLUGINS_DIR) / "good" / "libbranch_fixture_good.so";

// `dir` (created with `mode`) holding a copy of the good fixture plugin, mode 0755.
fs::path plugin_in(const fs::path& dir, mode_t mode) {
  fs::create_directories(dir);
  EXPECT_EQ(::chmod(dir.c_str(), mode), 0);
  const fs::path file = dir / kGood.filename();
  fs::copy_file(kGood, file);
  EXPECT_EQ(::chmod(file.c_str(), 0755), 0);
  return file;
}

struct Loaded {
  explicit Loaded(const fs::path& dir, bool allow_unsafe = false) {
    loader.allow_unsafe_locations(allow_unsafe);
    loader.load_directory(dir);
  }
  const PluginRecord& only() const {
    EXPECT_EQ(loader.records().size(), 1u);
    return loader.records().front();
  }
  MetricRegistry registry;
  PluginLoader loader{registry};
};

TEST(PluginLocation, AFolderOnlyItsOwnerWritesIsAccepted) {
  TempDir tmp;
  (void)plugin_in(tmp / "plugins", 0755);
  const Loaded l(tmp / "plugins");
  EXPECT_EQ(l.only().status, PluginStatus::loaded) << l.only().reason;
}

TEST(PluginLocation, AWorldWritableFolderIsRefusedSayingWhy) {
  TempDir tmp;
  (void)plugin_in(tmp / "plugins", 0777);
  const Loaded l(tmp / "plugins");
  EXPECT_EQ(l.only().status, PluginStatus::refused);
  EXPECT_THAT(l.only().reason, HasSubstr("the folder " + (tmp / "plugins").string() +
                                         " is writable by every user (mode 0777), so anyone could replace the plugin"));
  EXPECT_THAT(l.only().reason, HasSubstr("--allow-unsafe-plugins"));
  EXPECT_EQ(l.registry.find("fixture.good"), nullptr);
}

TEST(PluginLocation, AWorldWritableFileIsRefused) {
  TempDir tmp;
  const fs::path file = plugin_in(tmp / "plugins", 0755);
  ASSERT_EQ(::chmod(file.c_str(), 0666), 0);
  const Loaded l(tmp / "plugins");
  EXPECT_EQ(l.only().status, PluginStatus::refused);
  EXPECT_THAT(l.only().reason, HasSubstr("the file " + file.string() + " is writable by every user (mode 0666)"));
}

TEST(PluginLocation, AWorldWritableFolderHigherUpIsRefused) {
  TempDir tmp;
  ASSERT_EQ(::chmod(tmp.path().c_str(), 0777), 0);
  (void)plugin_in(tmp / "lib" / "plugins", 0755);
  const Loaded l(tmp / "lib" / "plugins");
  EXPECT_EQ(l.only().status, PluginStatus::refused);
  EXPECT_THAT(l.only().reason, HasSubstr("the folder " + tmp.path().string() + " is writable by every user"));
}

TEST(PluginLocation, AStickyWorldWritableFolderLikeTmpIsAccepted) {
  TempDir tmp;
  ASSERT_EQ(::chmod(tmp.path().c_str(), 01777), 0);
  (void)plugin_in(tmp / "plugins", 0755);
  const Loaded l(tmp / "plugins");
  EXPECT_EQ(l.only().status, PluginStatus::loaded) << l.only().reason;
}

TEST(PluginLocation, ASymlinkIntoAnUnsafeFolderIsRefused) {
  TempDir tmp;
  const fs::path target = plugin_in(tmp / "open", 0777);
  fs::create_directories(tmp / "plugins");
  fs::create_symlink(target, tmp / "plugins" / target.filename());
  const Loaded l(tmp / "plugins");
  EXPECT_EQ(l.only().status, PluginStatus::refused);
  EXPECT_THAT(l.only().reason, HasSubstr("the folder " + (tmp / "open").string() + " is writable by every user"));
}

TEST(PluginLocation, AFileOwnedByAnotherUserIsRefused) {
  if (::geteuid() != 0) GTEST_SKIP() << "giving a file to another user needs root (CI runs as root)";
  TempDir tmp;
  const fs::path file = plugin_in(tmp / "plugins", 0755);
  ASSERT_EQ(::chown(file.c_str(), 65534, 65534), 0);
  const Loaded l(tmp / "plugins");
  EXPECT_EQ(l.only().status, PluginStatus::refused);
  EXPECT_THAT(l.only().reason, HasSubstr("the file " + file.string() + " is owned by user id 65534, neither root nor this user"));
}

TEST(PluginLocation, AllowingUnsafeLocationsLoadsItAnyway) {
  TempDir tmp;
  (void)plugin_in(tmp / "plugins", 0777);
  const Loaded l(tmp / "plugins", true);
  EXPECT_EQ(l.only().status, PluginStatus::loaded) << l.only().reason;
  EXPECT_NE(l.registry.find("fixture.good"), nullptr);
}

TEST(PluginLocation, TheEngineOptionAndTheCommandLineFlagAllowIt) {
  TempDir tmp;
  (void)plugin_in(tmp / "plugins", 0777);
  EngineOptions options;
  options.plugin_dirs = {tmp / "plugins"};
  EXPECT_EQ(Engine(options).registry().find("fixture.good"), nullptr);
  options.allow_unsafe_plugins = true;
  EXPECT_NE(Engine(options).registry().find("fixture.good"), nullptr);

  const testing::CliRun refused = testing::branchscore("plugins --plugins " + (tmp / "plugins").string());
  EXPECT_THAT(refused.out + refused.err, HasSubstr("is writable by every user (mode 0777)"));
  const testing::CliRun allowed =
      testing::branchscore("plugins --allow-unsafe-plugins --plugins " + (tmp / "plugins").string());
  EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
  EXPECT_THAT(allowed.out, HasSubstr("fixture_good"));
  EXPECT_THAT(allowed.out + allowed.err, ::testing::Not(HasSubstr("writable by every user")));
}

}  // namespace
}  // namespace libbranch
