// libFuzzer target for the CSV loader (docs/reference/data-format.md §2): any text gives a Dataset
// or a DataError listing the problems; never a crash or another exception type. The first byte
// chooses the table the rest of the input is (its low 3 bits modulo 5: branches, members,
// activities, attendance, observations; the seeds use '@' 'A' 'B' 'C' 'D'), bit 0x08 turns on
// custom activity kinds and bit 0x10 makes chunks tiny (a chunk boundary inside every few records).
// The other tables are a small valid dataset, so that the fuzzed table's references resolve and its
// cross-table checks run.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include <libbranch/error.hpp>
#include <libbranch/io/csv_reader.hpp>
#include <libbranch/io/load.hpp>

namespace {

using namespace libbranch;

constexpr const char* kBranches =
    "branch_id,name,parent_id,org_type,last_election,internal_units,units_covered,fulltime_party_workers,"
    "pioneer_posts,brands,facilities,service_station\n"
    "court,县人民法院党支部,county,organ,2023-06-16,8,8,2,6,2,activity_room;gym,staffed;venue\n"
    "town,镇党支部,,village,,,,,,,,\n";
constexpr const char* kMembers =
    "member_id,branch_id,name,gender,ethnicity,birth_date,education,role,party_group,application_date,"
    "activist_date,candidate_date,admission_date,conversion_date,joined_branch,left_branch\n"
    "FY001,court,冯浩,M,汉族,1976-09-05,master,secretary,第一党小组,1997-05-18,1997-06-20,1998-08-29,"
    "1998-12-17,1999-12-20,2004-07-09,\n"
    "FY002,town,李四,F,汉族,1980-01-01,bachelor,member,,,,,2001-06-23,2002-06-30,2002-07-01,\n";
constexpr const char* kActivities =
    "activity_id,branch_id,kind,date,mode,platform,attendees,expected,hours,lecturer_id,amount_yuan,cases,"
    "escalated,title\n"
    "A1,court,training,2024-01-01,,,48,,8,,,,,培训\n"
    "A2,town,theme_day,2024-01-03,online,腾讯会议,2,2,2,FY002,,,,主题党日\n";
constexpr const char* kAttendance = "activity_id,member_id\nA1,FY001\nA2,FY002\n";
constexpr const char* kObservations = "branch_id,indicator,date,value\ncourt,honors,2024-12-31,2\n";

std::unique_ptr<TableSource> table(std::string text, const char* name) {
  return CsvReader::from_string(std::move(text), name);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned kind = (data[0] & 7u) % 5;
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  TableSources sources;
  sources.branches = table(kind == 0 ? std::move(text) : kBranches, "branches.csv");
  sources.members = table(kind == 1 ? std::move(text) : kMembers, "members.csv");
  sources.activities = table(kind == 2 ? std::move(text) : kActivities, "activities.csv");
  sources.attendance = table(kind == 3 ? std::move(text) : kAttendance, "attendance.csv");
  sources.observations = table(kind == 4 ? std::move(text) : kObservations, "observations.csv");
  LoadOptions options;
  options.threads = 1;
  options.allow_custom_kinds = (data[0] & 0x08u) != 0;
  options.chunk_bytes = (data[0] & 0x10u) != 0 ? 64 : 0;
  std::vector<Problem> warnings;
  try {
    const Dataset dataset = load_tables(std::move(sources), options, &warnings);
    (void)dataset.branch_count();
  } catch (const DataError&) {
  }
  return 0;
}
