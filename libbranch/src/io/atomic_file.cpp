#include <libbranch/io/atomic_file.hpp>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <random>
#include <streambuf>
#include <string>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libbranch/error.hpp>

namespace libbranch {
namespace {

std::string errno_text(int error) { return std::generic_category().message(error); }

/// An output streambuf over a file descriptor that remembers the first write error (an ofstream
/// only says "failed", not "No space left on device").
class FdOutBuf : public std::streambuf {
 public:
  explicit FdOutBuf(int fd) : fd_(fd), buffer_(std::size_t{1} << 18) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }
  [[nodiscard]] int error() const noexcept { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (n >= static_cast<std::streamsize>(buffer_.size())) {
      if (!drain() || !write_all(s, static_cast<std::size_t>(n))) return 0;
      return n;
    }
    return std::streambuf::xsputn(s, n);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    const auto n = static_cast<std::size_t>(pptr() - pbase());
    const bool ok = write_all(pbase(), n);
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return ok;
  }
  bool write_all(const char* p, std::size_t n) {
    if (error_ != 0) return false;
    while (n > 0) {
      const ssize_t w = ::write(fd_, p, n);
      if (w < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        return false;
      }
      p += w;
      n -= static_cast<std::size_t>(w);
    }
    return true;
  }
  int fd_;
  std::vector<char> buffer_;
  int error_ = 0;
};

std::uint64_t random_seed() {
  try {
    return (static_cast<std::uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}();
  } catch (...) {
    return static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  }
}

void sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // best effort: the rename has happened
  (void)::fsync(fd);
  ::close(fd);
}

}  // namespace

struct AtomicFile::Impl {
  std::filesystem::path target;
  std::filesystem::path temp;
  int fd = -1;
  bool committed = false;
  std::unique_ptr<FdOutBuf> buffer;
  std::unique_ptr<std::ostream> out;

  [[noreturn]] void fail(const std::string& what, int error) const {
    throw Error("cannot write " + target.string() + ": " + what + ": " + errno_text(error));
  }
  int close_fd() {
    if (fd < 0) return 0;
    const int rc = ::close(fd);
    fd = -1;
    return rc == 0 ? 0 : errno;
  }
};

AtomicFile::AtomicFile(const std::filesystem::path& target) : impl_(std::make_unique<Impl>()) {
  static const char* const kHex = "0123456789abcdef";
  impl_->target = target;
  std::mt19937_64 random(random_seed() ^ static_cast<std::uint64_t>(::getpid()));
  std::string hidden(1, '.');  // appended, not "." + …: g++ 12 warns falsely (-Wrestrict) on that
  hidden += target.filename().string();
  hidden += ".tmp-";
  int error = 0;
  for (int attempt = 0; attempt < 64; ++attempt) {
    std::string name = hidden;
    for (std::uint64_t r = random(), i = 0; i < 8; ++i, r >>= 4) name += kHex[r & 15];
    impl_->temp = target.parent_path() / name;
    // 0666 through open(): the umask applies as for any new file (mkstemp would give 0600).
    impl_->fd = ::open(impl_->temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (impl_->fd >= 0) break;
    error = errno;
    if (error != EEXIST) break;
  }
  if (impl_->fd < 0) impl_->fail("cannot create " + impl_->temp.string(), error);
  impl_->buffer = std::make_unique<FdOutBuf>(impl_->fd);
  impl_->out = std::make_unique<std::ostream>(impl_->buffer.get());
}

AtomicFile::~AtomicFile() {
  if (!impl_) return;
  impl_->out.reset();
  (void)impl_->close_fd();
  if (!impl_->committed) ::unlink(impl_->temp.c_str());
}

std::ostream& AtomicFile::stream() { return *impl_->out; }

const std::filesystem::path& AtomicFile::temp_path() const noexcept { return impl_->temp; }

void AtomicFile::commit() {
  Impl& f = *impl_;
  f.out->flush();
  if (f.buffer->error() != 0) f.fail("cannot write " + f.temp.string(), f.buffer->error());
  if (!*f.out) throw Error("cannot write " + f.target.string() + ": output stream error");
  if (::fsync(f.fd) != 0 && errno != EINVAL && errno != EROFS) f.fail("cannot write " + f.temp.string(), errno);
  if (const int error = f.close_fd(); error != 0) f.fail("cannot write " + f.temp.string(), error);
  if (::rename(f.temp.c_str(), f.target.c_str()) != 0) f.fail("cannot move " + f.temp.string() + " into place", errno);
  f.committed = true;
  sync_directory(f.target.parent_path());
}

void write_file_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write) {
  AtomicFile file(path);
  try {
    write(file.stream());
  } catch (...) {
    // A write error is what made the writer fail (Boost, for one, throws its own "output stream
    // error"): name the real cause.
    if (const int error = static_cast<FdOutBuf*>(file.stream().rdbuf())->error(); error != 0)
      throw Error("cannot write " + path.string() + ": cannot write " + file.temp_path().string() + ": " +
                  errno_text(error));
    throw;
  }
  file.commit();
}

}  // namespace libbranch
