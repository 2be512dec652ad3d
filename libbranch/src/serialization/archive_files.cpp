// What every archive kind does around its bytes: archive files written atomically, loaded after
// the checks a path needs (a regular file, its size as the load budget), and every failure turned
// into an ArchiveError that names the file.
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <ios>
#include <new>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include <boost/archive/archive_exception.hpp>

#include <libbranch/error.hpp>
#include <libbranch/io/atomic_file.hpp>

#include "archive_common.hpp"

namespace libbranch::detail::archive_io {
namespace {

std::string errno_text(int error) { return std::generic_category().message(error); }

}  // namespace

void rethrow_as_save_error(const std::string& name) {
  try {
    throw;
  } catch (const ArchiveError&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw ArchiveError(name, "out of memory while writing the archive");
  } catch (const std::exception& e) {
    throw ArchiveError(name, std::string("cannot write the archive: ") + e.what());
  } catch (...) {
    throw ArchiveError(name, "cannot write the archive");
  }
}

void rethrow_as_load_error(const std::string& name) {
  try {
    throw;
  } catch (const ArchiveError&) {
    throw;
  } catch (const Corrupt& e) {
    throw ArchiveError(name, std::string("corrupted archive: ") + e.what());
  } catch (const Error& e) {  // a model's own check: "inconsistent dataset: …", a RubricError
    throw ArchiveError(name, std::string("corrupted archive: ") + e.what());
  } catch (const ba::archive_exception& e) {
    switch (e.code) {
      case ba::archive_exception::input_stream_error:
        throw ArchiveError(name, "corrupted archive: truncated or unreadable data (input stream error)");
      case ba::archive_exception::unsupported_class_version:
        throw ArchiveError(name, std::string("corrupted archive: a table layout newer than this library (") +
                                     e.what() + ")");
      default:
        throw ArchiveError(name, std::string("corrupted archive: ") + e.what());
    }
  } catch (const std::bad_alloc&) {
    throw ArchiveError(name, "corrupted archive: out of memory while loading");
  } catch (const std::length_error&) {
    throw ArchiveError(name, "corrupted archive: a length is too large");
  } catch (const std::ios_base::failure& e) {
    throw ArchiveError(name, std::string("cannot read the archive: ") + e.what());
  } catch (const std::exception& e) {  // e.g. Boost's dataflow_exception for bad base64
    throw ArchiveError(name, std::string("corrupted archive: ") + e.what());
  } catch (...) {
    throw ArchiveError(name, "corrupted archive: unknown error");
  }
}

void save_file(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write) {
  const std::string name = path.string();
  try {
    write_file_atomically(path, write);
  } catch (...) {
    rethrow_as_save_error(name);
  }
}

void load_file(const std::filesystem::path& path,
               const std::function<void(std::istream&, const std::string&, std::uint64_t)>& read) {
  const std::string name = path.string();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status))
    throw ArchiveError(name, "cannot open: " + (ec ? ec.message() : errno_text(ENOENT)));
  if (!std::filesystem::is_regular_file(status)) throw ArchiveError(name, "cannot open: not a regular file");
  const std::uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) throw ArchiveError(name, "cannot open: " + ec.message());
  std::vector<char> buffer(std::size_t{1} << 18);  // outlives the stream that uses it
  std::ifstream in;
  in.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  errno = 0;
  in.open(path, std::ios::binary);
  if (!in) throw ArchiveError(name, "cannot open: " + errno_text(errno != 0 ? errno : EIO));
  read(in, name, size);
}

}  // namespace libbranch::detail::archive_io
