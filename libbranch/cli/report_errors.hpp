#pragma once
// Turning library errors into messages on stderr (the CLI's only job with errors).
#include <exception>
#include <optional>
#include <ostream>
#include <vector>

#include <libbranch/error.hpp>

namespace branchscore {

inline void print_problems(const std::vector<libbranch::Problem>& problems, std::ostream& err) {
  for (const auto& p : problems) err << p.to_string() << "\n";
}

/// Problems found, counting those a capped list left out (Problem::omitted).
inline std::size_t problems_found(const std::vector<libbranch::Problem>& problems) {
  std::size_t n = 0;
  for (const auto& p : problems) n += p.omitted > 0 ? p.omitted : 1;
  return n;
}

/// Runs `body`; a library error (or any other exception) is printed and yields nullopt.
template <class F>
auto guarded(std::ostream& err, F&& body) -> std::optional<decltype(body())> {
  try {
    return body();
  } catch (const libbranch::DataError& e) {
    print_problems(e.problems(), err);
    err << "branchscore: " << e.error_count() << (e.error_count() == 1 ? " error" : " errors") << "\n";
  } catch (const std::exception& e) {
    err << "branchscore: error: " << e.what() << "\n";
  }
  return std::nullopt;
}

}  // namespace branchscore
