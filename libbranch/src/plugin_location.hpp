#pragma once
// Private to the library: whether a plugin file sits where only its owner (or root) can change it.
#include <filesystem>
#include <string>

namespace libbranch::detail {

/// Why loading `file` would run code that another user could have put there, or "" when it is
/// safe. Checked, as OpenSSH's StrictModes does, for the file and every folder above it, both
/// along the path as given and after resolving symlinks: each must be owned by root or by this
/// process's user and not be writable by every user — except a folder with the sticky bit (such
/// as /tmp), where others may add files but not replace this one's folder. Group-writable is
/// accepted: with Debian's user private groups (umask 002) the group is the owner alone.
[[nodiscard]] std::string unsafe_plugin_location(const std::filesystem::path& file);

}  // namespace libbranch::detail
