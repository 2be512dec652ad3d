// Rubric archives (layout: archive_common.hpp).
//
// Payload, one Rubric named "rubric" (layout version 1): its JSON text (Rubric::to_json) as one
// string, read back through Rubric::parse, so that the rubric's own validation guards loading.
#include <libbranch/serialization.hpp>

#include <cstdint>
#include <istream>
#include <ostream>
#include <string>

#include <libbranch/error.hpp>
#include <libbranch/rubric.hpp>

#include "archive_common.hpp"

LIBBRANCH_ARCHIVE_CLASS(libbranch::Rubric, 1)

namespace boost::serialization {

template <class Archive>
void save(Archive& ar, const libbranch::Rubric& r, const unsigned /*version*/) {
  using namespace libbranch::detail::archive_io;
  const std::string json = r.to_json();
  ar << make_nvp("json", string_ref(json));
}
template <class Archive>
void load(Archive& ar, libbranch::Rubric& r, const unsigned version) {
  using namespace libbranch::detail::archive_io;
  require_version<libbranch::Rubric>(version, "the rubric");
  if (version >= 1) {
    std::string json;
    ar >> make_nvp("json", string_ref(json));
    try {
      r = libbranch::Rubric::parse(json, "");
    } catch (const libbranch::RubricError& e) {
      throw Corrupt(std::string("the rubric does not parse: ") + e.what());
    }
  }
}
template <class Archive>
void serialize(Archive& ar, libbranch::Rubric& r, const unsigned version) {
  split_free(ar, r, version);
}

}  // namespace boost::serialization

namespace libbranch {

namespace io = detail::archive_io;

namespace {

void check_for_save(const Rubric& rubric, const std::string& name) {
  try {
    rubric.validate();
  } catch (const RubricError& e) {
    throw ArchiveError(name, std::string("cannot write an invalid rubric: ") + e.what());
  }
}

Rubric read_rubric(std::istream& in, const std::string& name, std::uint64_t size_limit, bool whole_file) {
  try {
    Rubric rubric;
    io::read_payload(in, name, ArchiveKind::rubric, size_limit, whole_file, "rubric", rubric);
    rubric.source = name;
    return rubric;
  } catch (...) {
    io::rethrow_as_load_error(name);
  }
}

}  // namespace

void save_rubric(const Rubric& rubric, std::ostream& out, ArchiveFormat format) {
  const std::string name = "<stream>";
  io::require_format(format, name);
  check_for_save(rubric, name);
  try {
    io::write_payload(out, ArchiveKind::rubric, format, "rubric", rubric);
  } catch (...) {
    io::rethrow_as_save_error(name);
  }
}

Rubric load_rubric(std::istream& in, const std::string& name, std::uint64_t size_limit) {
  return read_rubric(in, name, size_limit, false);
}

void save_rubric(const Rubric& rubric, const std::filesystem::path& path, ArchiveFormat format) {
  io::require_format(format, path.string());
  check_for_save(rubric, path.string());
  io::save_file(path, [&](std::ostream& out) {
    io::write_payload(out, ArchiveKind::rubric, format, "rubric", rubric);
  });
}

Rubric load_rubric(const std::filesystem::path& path) {
  Rubric rubric;
  io::load_file(path, [&](std::istream& in, const std::string& name, std::uint64_t size) {
    rubric = read_rubric(in, name, size, true);
  });
  return rubric;
}

}  // namespace libbranch
