// The ownership and permission check made before a plugin file is opened (see plugin_location.hpp).
#include "plugin_location.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace libbranch::detail {
namespace {

namespace fs = std::filesystem;

std::string octal_mode(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

// The problem with one path element (not following a final symlink: a symlink's own mode means
// nothing, its target is checked along the resolved path).
std::string unsafe_element(const fs::path& p) {
  struct stat st {};
  if (::lstat(p.c_str(), &st) != 0) return p.string() + ": cannot be checked: " + std::strerror(errno);
  const bool directory = S_ISDIR(st.st_mode);
  const char* what = directory ? "the folder " : "the file ";
  if (S_ISLNK(st.st_mode)) return "";
  if (st.st_uid != 0 && st.st_uid != ::geteuid())
    return what + p.string() + " is owned by user id " + std::to_string(st.st_uid) + ", neither root nor this user (" +
           std::to_string(::geteuid()) + "), who could replace the plugin";
  if ((st.st_mode & S_IWOTH) != 0 && !(directory && (st.st_mode & S_ISVTX) != 0))
    return what + p.string() + " is writable by every user (mode " + octal_mode(st.st_mode) +
           "), so anyone could replace the plugin";
  return "";
}

// The element itself and every folder above it, up to the root.
std::string unsafe_chain(const fs::path& path) {
  for (fs::path p = path;; p = p.parent_path()) {
    if (std::string why = unsafe_element(p); !why.empty()) return why;
    if (p == p.root_path() || !p.has_relative_path()) return "";
  }
}

}  // namespace

std::string unsafe_plugin_location(const fs::path& file) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(file, ec).lexically_normal();
  if (ec) return file.string() + ": cannot be checked: " + ec.message();
  if (std::string why = unsafe_chain(absolute); !why.empty()) return why;
  const fs::path resolved = fs::canonical(absolute, ec);
  if (ec) return file.string() + ": cannot be resolved: " + ec.message();
  return resolved == absolute ? std::string() : unsafe_chain(resolved);
}

}  // namespace libbranch::detail
