// The cap on problems per file (LoadOptions::max_problems).
#include <algorithm>
#include <iterator>

#include "load_context.hpp"

namespace libbranch::detail {
namespace {

// 999000 → "999,000": counts this large are read at a glance only when grouped.
// Built front to back (GCC 12 misreads insert() into a short string as an overlapping copy).
std::string grouped(std::uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

void LoadContext::cap_problems() {
  const std::size_t cap = options.max_problems;
  if (cap == 0) {
    capped_ = problems.size();
    return;
  }
  std::size_t out = capped_;
  for (std::size_t i = capped_; i < problems.size(); ++i) {
    Problem& p = problems[i];
    auto it = std::find_if(per_file_.begin(), per_file_.end(), [&](const Omitted& o) { return o.file == p.file; });
    if (it == per_file_.end()) it = per_file_.insert(per_file_.end(), Omitted{p.file});
    if (it->kept < cap) {
      ++it->kept;
      if (out != i) problems[out] = std::move(p);
      ++out;
      continue;
    }
    ++it->problems;
    it->errors += p.severity == Severity::error;
  }
  problems.resize(out);
  capped_ = out;
}

std::size_t LoadContext::add_omitted_entries() {
  std::size_t errors = 0;
  for (const Omitted& o : per_file_) {
    if (o.problems == 0) continue;
    errors += o.errors;
    // Problems are grouped by file: the entry goes after the file's last one.
    const auto last = std::find_if(problems.rbegin(), problems.rend(), [&](const Problem& p) { return p.file == o.file; });
    Problem entry{o.file, 0, "", "-", o.errors > 0 ? Severity::error : Severity::warning,
                  "… and " + grouped(o.problems) + " more problem" + (o.problems == 1 ? "" : "s") + " in " + o.file +
                      " (only the first " + grouped(options.max_problems) + " are listed)",
                  "", o.problems};
    problems.insert(last.base(), std::move(entry));
  }
  capped_ = problems.size();
  return errors;
}

}  // namespace libbranch::detail
