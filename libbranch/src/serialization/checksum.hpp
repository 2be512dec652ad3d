#pragma once
// Private: the payload checksum of header version 2 (archive_common.hpp). XXH3-64 (libxxhash) is
// computed by streambufs that sit between the archive and the caller's stream, so that the bytes
// are hashed as they pass, with no second pass over the file and no copy of the payload.
#include <cstdint>
#include <memory>
#include <streambuf>
#include <vector>

namespace libbranch::detail::archive_io {

/// Streaming XXH3-64.
class Xxh3 {
 public:
  Xxh3();
  ~Xxh3();
  Xxh3(const Xxh3&) = delete;
  Xxh3& operator=(const Xxh3&) = delete;
  void update(const void* data, std::size_t n);
  [[nodiscard]] std::uint64_t digest() const;
  [[nodiscard]] static std::uint64_t of(const void* data, std::size_t n);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Passes everything written on to `out`, hashing it. Buffered (the archive writes many small
/// pieces); sync() and digest() pass on what is buffered first.
class HashingOutBuf : public std::streambuf {
 public:
  explicit HashingOutBuf(std::streambuf* out);
  /// The hash of everything written so far (after passing it all on).
  [[nodiscard]] std::uint64_t digest();

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  bool drain();
  std::streambuf* out_;
  std::vector<char> buffer_;
  Xxh3 hash_;
};

/// Reads from `in`, hashing every byte consumed (not the bytes only peeked at). Reads ahead at
/// most `limit` bytes, and only when `in` can seek back; give_back() returns what was read ahead
/// and not consumed, so that `in` stands right after the last byte consumed.
class HashingInBuf : public std::streambuf {
 public:
  HashingInBuf(std::streambuf* in, std::uint64_t limit);
  /// The hash of every byte consumed so far.
  [[nodiscard]] std::uint64_t digest();
  /// Reads `n` bytes without hashing them (the trailer); false when the stream ends first.
  bool read_unhashed(char* into, std::size_t n);
  /// Returns unconsumed read-ahead to `in` (by seeking back); false when it could not.
  bool give_back();

 protected:
  int_type underflow() override;
  std::streamsize xsgetn(char* s, std::streamsize n) override;

 private:
  void hash_consumed();
  std::streambuf* in_;
  std::uint64_t remaining_;
  bool seekable_;
  std::vector<char> buffer_;
  const char* hashed_to_ = nullptr;  // bytes of the get area before it are hashed
  Xxh3 hash_;
};

}  // namespace libbranch::detail::archive_io
