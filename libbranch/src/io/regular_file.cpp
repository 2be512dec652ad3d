#include "regular_file.hpp"

#include <cerrno>
#include <memory>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace libbranch::detail {

std::string file_kind_text(unsigned mode) {
  const char* kind = "is not a regular file";
  if (S_ISDIR(mode)) kind = "is a directory";
  else if (S_ISCHR(mode)) kind = "is a character device";
  else if (S_ISBLK(mode)) kind = "is a block device";
  else if (S_ISFIFO(mode)) kind = "is a FIFO (named pipe)";
  else if (S_ISSOCK(mode)) kind = "is a socket";
  return std::string(kind) + ", not a regular file";
}

RegularFile open_regular_file(const std::filesystem::path& path) {
  RegularFile out;
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    out.error = std::generic_category().message(errno);
    return out;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    out.error = std::generic_category().message(errno);
    ::close(fd);
    return out;
  }
  if (!S_ISREG(st.st_mode)) {
    out.error = file_kind_text(st.st_mode);
    ::close(fd);
    return out;
  }
  // Reads of a regular file never block; clearing the flag only keeps stdio's view plain.
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  out.file = ::fdopen(fd, "rb");
  if (out.file == nullptr) {
    out.error = std::generic_category().message(errno);
    ::close(fd);
    return out;
  }
  std::setvbuf(out.file, nullptr, _IONBF, 0);
  out.size = static_cast<std::uint64_t>(st.st_size);
  return out;
}

SmallFile read_small_file(const std::filesystem::path& path, std::uint64_t max_bytes) {
  SmallFile out;
  RegularFile opened = open_regular_file(path);
  if (opened.file == nullptr) {
    out.status = SmallFile::Status::cannot_open;
    out.error = std::move(opened.error);
    return out;
  }
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(opened.file, &std::fclose);
  if (opened.size > max_bytes) {
    out.status = SmallFile::Status::too_large;
    return out;
  }
  out.text.assign(opened.size, '\0');
  out.text.resize(std::fread(out.text.data(), 1, out.text.size(), file.get()));
  if (std::ferror(file.get()) != 0) out.status = SmallFile::Status::read_error;
  return out;
}

}  // namespace libbranch::detail
