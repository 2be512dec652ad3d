// validate, pack: commands that load a dataset.
#include <algorithm>
#include <filesystem>
#include <ostream>

#include <libbranch/error.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/partitioned_archive.hpp>
#include <libbranch/serialization.hpp>

#include "commands.hpp"
#include "load_input.hpp"
#include "report_errors.hpp"

namespace branchscore {
namespace {

std::optional<libbranch::Dataset> load(const DataArgs& args, std::ostream& err, std::size_t& warning_count) {
  return guarded(err, [&] { return load_input(args, err, 0, &warning_count); });
}

void print_summary(const libbranch::Dataset& ds, std::size_t warnings, std::ostream& out) {
  int first = 0, last = 0;
  for (libbranch::Date d : ds.activities().date) {
    const int y = d.year();
    if (first == 0 || y < first) first = y;
    if (y > last) last = y;
  }
  out << ds.branch_count() << " branches, " << ds.members().size() << " members, " << ds.activities().size()
      << " activities, " << ds.attendance().size() << " attendance rows, " << ds.observations().size()
      << " observations";
  if (first != 0) out << "; activities from " << first << " to " << last;
  out << "; " << warnings << (warnings == 1 ? " warning" : " warnings") << "\n";
}

}  // namespace

int run_validate(const DataArgs& args, std::ostream& out, std::ostream& err) {
  std::size_t warnings = 0;
  const auto ds = load(args, err, warnings);
  if (!ds) return kFailure;
  out << args.data << ": valid: ";
  print_summary(*ds, warnings, out);
  return kSuccess;
}

int run_pack(const PackArgs& args, std::ostream& out, std::ostream& err) {
  libbranch::ArchiveFormat format = libbranch::ArchiveFormat::binary;
  if (args.format == "text") format = libbranch::ArchiveFormat::text;
  if (args.format == "xml") format = libbranch::ArchiveFormat::xml;
  std::size_t warnings = 0;
  const auto ds = load(args.input, err, warnings);
  if (!ds) return kFailure;
  const bool saved = guarded(err, [&] {
                       if (args.part_branches > 0) {
                         libbranch::save_partitioned_archive(*ds, args.out, args.part_branches);
                       } else {
                         libbranch::save_archive(*ds, args.out, format);
                       }
                       return true;
                     }).has_value();
  if (!saved) return kFailure;
  out << "wrote " << args.out << " (" << std::filesystem::file_size(args.out) << " bytes";
  if (args.part_branches > 0) {
    const std::size_t parts = std::max<std::size_t>(1, (ds->branch_count() + args.part_branches - 1) / args.part_branches);
    out << " in " << parts << (parts == 1 ? " part" : " parts");
  }
  out << "): ";
  print_summary(*ds, warnings, out);
  return kSuccess;
}

}  // namespace branchscore
