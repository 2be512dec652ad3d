// Loading a dataset: the order of the tables, the verdict, and where the tables come from.
#include <libbranch/io/load.hpp>

#include <algorithm>
#include <system_error>

#include <sys/stat.h>
#include <unistd.h>

#include <libbranch/io/csv_reader.hpp>
#include <libbranch/partitioned_archive.hpp>
#include <libbranch/serialization.hpp>

#include "load_context.hpp"
#include "regular_file.hpp"

namespace libbranch {
namespace {

// Problems read best grouped by file in load order, then by line.
void sort_problems(std::vector<Problem>& problems, const std::vector<std::string>& file_order) {
  auto rank = [&](const Problem& p) {
    const auto it = std::find(file_order.begin(), file_order.end(), p.file);
    return static_cast<std::size_t>(it - file_order.begin());
  };
  std::stable_sort(problems.begin(), problems.end(), [&](const Problem& a, const Problem& b) {
    const std::size_t ra = rank(a), rb = rank(b);
    if (ra != rb) return ra < rb;
    if (!a.row_label.empty() || !b.row_label.empty()) return false;  // memory rows keep their order
    return a.line < b.line;
  });
}

std::string name_of(const std::unique_ptr<TableSource>& s) { return s ? s->name() : std::string(); }

// A partitioned archive larger than the machine is refused up front rather than read until the
// system kills the process.
std::uint64_t physical_memory() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGE_SIZE);
  return pages > 0 && page_size > 0 ? static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page_size) : 0;
}

}  // namespace

Dataset load_tables(TableSources sources, const LoadOptions& options, std::vector<Problem>* warnings) {
  if (!sources.branches)
    throw DataError({Problem{"branches", 0, "", "-", Severity::error, "the branches table is required", ""}});
  detail::LoadContext ctx(options);
  const std::vector<std::string> file_order{name_of(sources.branches), name_of(sources.members),
                                            name_of(sources.activities), name_of(sources.attendance),
                                            name_of(sources.observations)};
  // Order matters: each table refers only to tables loaded before it.
  // Each table's header problems and late ones (attendance against activities) are capped too.
  detail::load_branches(ctx, sources.branches.get());
  ctx.cap_problems();
  detail::load_members(ctx, sources.members.get());
  ctx.cap_problems();
  detail::load_activities(ctx, sources.activities.get());
  ctx.cap_problems();
  detail::load_attendance(ctx, sources.attendance.get());
  ctx.cap_problems();
  detail::load_observations(ctx, sources.observations.get());
  ctx.cap_problems();
  sort_problems(ctx.problems, file_order);
  const std::size_t omitted_errors = ctx.add_omitted_entries();
  if (ctx.has_errors()) throw DataError(std::move(ctx.problems), omitted_errors);
  ctx.activity_places.clear();
  detail::shrink_to_fit(ctx.tables);
  Dataset dataset(std::move(ctx.tables));
  if (warnings) warnings->insert(warnings->end(), ctx.problems.begin(), ctx.problems.end());
  return dataset;
}

Dataset load_directory(const std::filesystem::path& dir, const LoadOptions& options, std::vector<Problem>* warnings) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    // Say what it is when it is neither a folder nor a file (e.g. a symlink to /dev/zero, a FIFO).
    struct stat st {};
    std::string why = "no such directory";
    if (::stat(dir.c_str(), &st) == 0) why = S_ISREG(st.st_mode) ? "not a directory" : detail::file_kind_text(st.st_mode);
    throw DataError({Problem{dir.string(), 0, "", "-", Severity::error, why, ""}});
  }
  // An absent file means no rows (docs/reference/data-format.md §1); load_tables reports a missing
  // branches.csv.
  auto open = [&](const char* file) -> std::unique_ptr<TableSource> {
    const std::filesystem::path p = dir / file;
    if (!std::filesystem::exists(p, ec)) return nullptr;
    return std::make_unique<CsvReader>(p);
  };
  TableSources sources;
  sources.branches = open("branches.csv");
  sources.members = open("members.csv");
  sources.activities = open("activities.csv");
  sources.attendance = open("attendance.csv");
  sources.observations = open("observations.csv");
  if (!sources.branches) {
    throw DataError({Problem{(dir / "branches.csv").string(), 0, "", "-", Severity::error,
                             "branches.csv is required but the directory has none", ""}});
  }
  return load_tables(std::move(sources), options, warnings);
}

Dataset load_dataset(const std::filesystem::path& path, const LoadOptions& options, std::vector<Problem>* warnings) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec))
    return archive_kind(path) == ArchiveKind::partitioned ? PartitionedArchive(path).load_all(physical_memory())
                                                          : load_archive(path);
  return load_directory(path, options, warnings);
}

}  // namespace libbranch
