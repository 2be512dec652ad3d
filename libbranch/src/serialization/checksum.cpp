#include "checksum.hpp"

#include <algorithm>
#include <stdexcept>

#include <xxhash.h>

namespace libbranch::detail::archive_io {

struct Xxh3::State {
  XXH3_state_t* s = XXH3_createState();
  ~State() { XXH3_freeState(s); }
};

Xxh3::Xxh3() : state_(std::make_unique<State>()) {
  if (state_->s == nullptr || XXH3_64bits_reset(state_->s) == XXH_ERROR) throw std::bad_alloc();
}
Xxh3::~Xxh3() = default;

void Xxh3::update(const void* data, std::size_t n) {
  if (n != 0) (void)XXH3_64bits_update(state_->s, data, n);
}
std::uint64_t Xxh3::digest() const { return XXH3_64bits_digest(state_->s); }
std::uint64_t Xxh3::of(const void* data, std::size_t n) { return XXH3_64bits(data, n); }

// ---------------------------------------------------------------------------------------------

HashingOutBuf::HashingOutBuf(std::streambuf* out) : out_(out), buffer_(std::size_t{64} << 10) {
  setp(buffer_.data(), buffer_.data() + buffer_.size());
}

bool HashingOutBuf::drain() {
  const std::streamsize n = pptr() - pbase();
  hash_.update(pbase(), static_cast<std::size_t>(n));
  const bool ok = out_->sputn(pbase(), n) == n;
  setp(buffer_.data(), buffer_.data() + buffer_.size());
  return ok;
}

HashingOutBuf::int_type HashingOutBuf::overflow(int_type c) {
  if (!drain()) return traits_type::eof();
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

std::streamsize HashingOutBuf::xsputn(const char* s, std::streamsize n) {
  if (n < epptr() - pptr()) return std::streambuf::xsputn(s, n);
  if (!drain()) return 0;
  hash_.update(s, static_cast<std::size_t>(n));
  return out_->sputn(s, n);
}

int HashingOutBuf::sync() { return drain() && out_->pubsync() == 0 ? 0 : -1; }

std::uint64_t HashingOutBuf::digest() {
  if (!drain()) throw std::runtime_error("output stream error");
  return hash_.digest();
}

// ---------------------------------------------------------------------------------------------

HashingInBuf::HashingInBuf(std::streambuf* in, std::uint64_t limit)
    : in_(in), remaining_(limit), seekable_(in->pubseekoff(0, std::ios_base::cur, std::ios_base::in) != -1) {
  // Not seekable: one byte at a time, so that nothing past the archive is taken from the stream.
  buffer_.resize(seekable_ ? std::size_t{64} << 10 : 1);
  setg(buffer_.data(), buffer_.data(), buffer_.data());
  hashed_to_ = buffer_.data();
}

void HashingInBuf::hash_consumed() {
  hash_.update(hashed_to_, static_cast<std::size_t>(gptr() - hashed_to_));
  hashed_to_ = gptr();
}

HashingInBuf::int_type HashingInBuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  hash_consumed();
  const auto want = static_cast<std::streamsize>(std::min<std::uint64_t>(buffer_.size(), remaining_));
  const std::streamsize got = want > 0 ? in_->sgetn(buffer_.data(), want) : 0;
  remaining_ -= static_cast<std::uint64_t>(std::max<std::streamsize>(got, 0));
  setg(buffer_.data(), buffer_.data(), buffer_.data() + std::max<std::streamsize>(got, 0));
  hashed_to_ = buffer_.data();
  return got > 0 ? traits_type::to_int_type(*gptr()) : traits_type::eof();
}

std::streamsize HashingInBuf::xsgetn(char* s, std::streamsize n) {
  std::streamsize done = std::min(n, egptr() - gptr());
  std::copy(gptr(), gptr() + done, s);
  gbump(static_cast<int>(done));
  if (done == n) return done;
  hash_consumed();
  // Large reads (binary columns) go straight from the stream into the caller's memory.
  const auto want = static_cast<std::streamsize>(std::min<std::uint64_t>(static_cast<std::uint64_t>(n - done), remaining_));
  const std::streamsize got = want > 0 ? in_->sgetn(s + done, want) : 0;
  if (got > 0) {
    hash_.update(s + done, static_cast<std::size_t>(got));
    remaining_ -= static_cast<std::uint64_t>(got);
    done += got;
  }
  return done;
}

std::uint64_t HashingInBuf::digest() {
  hash_consumed();
  return hash_.digest();
}

bool HashingInBuf::read_unhashed(char* into, std::size_t n) {
  hash_consumed();
  const auto got = static_cast<std::size_t>(std::max<std::streamsize>(xsgetn(into, static_cast<std::streamsize>(n)), 0));
  // xsgetn hashed what it read: that is harmless (the digest was taken before), but keep the
  // invariant that nothing after the trailer is mixed in by starting again from here.
  hashed_to_ = gptr();
  return got == n;
}

bool HashingInBuf::give_back() {
  const std::streamsize unread = egptr() - gptr();
  if (unread == 0) return true;
  if (in_->pubseekoff(-unread, std::ios_base::cur, std::ios_base::in) == -1) return false;
  remaining_ += static_cast<std::uint64_t>(unread);
  setg(buffer_.data(), buffer_.data(), buffer_.data());
  hashed_to_ = buffer_.data();
  return true;
}

}  // namespace libbranch::detail::archive_io
