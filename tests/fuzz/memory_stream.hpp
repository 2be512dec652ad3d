#pragma once
// An istream over the fuzzer's bytes without copying them.
#include <cstddef>
#include <cstdint>
#include <istream>
#include <streambuf>

namespace libbranch::fuzz {

class MemoryBuf : public std::streambuf {
 public:
  MemoryBuf(const std::uint8_t* data, std::size_t size) {
    char* p = const_cast<char*>(reinterpret_cast<const char*>(data));
    setg(p, p, p + size);
  }
};

/// A fresh stream over the same bytes for each reader (a failed read leaves a stream unusable).
class MemoryStream : public std::istream {
 public:
  MemoryStream(const std::uint8_t* data, std::size_t size) : std::istream(nullptr), buf_(data, size) {
    rdbuf(&buf_);
  }

 private:
  MemoryBuf buf_;
};

}  // namespace libbranch::fuzz
