// A small ELF64 reader for the plugin loader: the file header, the section headers, the section
// name table, the `.libbranch_plugin` section and the dynamic section's NEEDED / SONAME entries.
// Every offset and size read from the file is checked against the file's size before use, so a
// truncated or hostile file yields an error message, never a crash or a large allocation.
#include "plugin_loader_elf.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <limits>
#include <system_error>

#include <libbranch/plugin.hpp>

namespace libbranch::detail {
namespace {

constexpr std::uint64_t kElf64HeaderSize = 64;
constexpr std::uint64_t kElf64SectionHeaderSize = 64;
constexpr std::uint64_t kElf64DynSize = 16;
constexpr std::uint64_t kMaxSections = 1u << 16;
constexpr std::uint64_t kMaxNameTable = 1u << 20;       // .shstrtab
constexpr std::uint64_t kMaxRecordSection = 64u << 10;  // .libbranch_plugin
constexpr std::uint64_t kMaxDynamic = 1u << 20;         // .dynamic
constexpr std::uint64_t kMaxString = 4096;

constexpr std::uint16_t kEtRel = 1, kEtExec = 2, kEtDyn = 3, kEtCore = 4;
constexpr std::uint32_t kShtStrtab = 3, kShtDynamic = 6, kShtNobits = 8;
constexpr std::int64_t kDtNull = 0, kDtNeeded = 1, kDtSoname = 14;

struct Machine {
  std::uint16_t code;
  const char* name;
};
constexpr std::array<Machine, 16> kMachines{{
    {3, "i386"},        {8, "mips"},     {20, "ppc"},   {21, "ppc64"},   {22, "s390x"},
    {40, "arm"},        {43, "sparcv9"}, {50, "ia64"},  {62, "x86_64"},  {183, "aarch64"},
    {243, "riscv"},     {258, "loongarch"}, {2, "sparc"}, {18, "sparc32plus"}, {247, "bpf"},
    {0, "no machine"},
}};

std::string machine_name(std::uint16_t code) {
  for (const Machine& m : kMachines)
    if (m.code == code) return m.name;
  return "ELF machine " + std::to_string(code);
}

constexpr std::uint16_t host_machine_code() {
#if defined(__x86_64__)
  return 62;
#elif defined(__aarch64__)
  return 183;
#elif defined(__i386__)
  return 3;
#elif defined(__arm__)
  return 40;
#elif defined(__powerpc64__)
  return 21;
#elif defined(__s390x__)
  return 22;
#elif defined(__riscv)
  return 243;
#elif defined(__loongarch__)
  return 258;
#else
  return 0;
#endif
}

constexpr bool host_big_endian() {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  return true;
#else
  return false;
#endif
}

/// Reads ranges of one file, each checked against its size.
class File {
 public:
  explicit File(const std::filesystem::path& path) : in_(path, std::ios::binary) {}
  bool open() const { return static_cast<bool>(in_); }
  std::uint64_t size = 0;

  /// Reads [offset, offset + length) into `out`; false when the range is not inside the file.
  bool read(std::uint64_t offset, std::uint64_t length, std::string& out) {
    if (offset > size || length > size - offset) return false;
    out.assign(static_cast<std::size_t>(length), '\0');
    if (length == 0) return true;
    in_.clear();
    in_.seekg(static_cast<std::streamoff>(offset));
    in_.read(out.data(), static_cast<std::streamsize>(length));
    return static_cast<std::uint64_t>(in_.gcount()) == length;
  }

 private:
  std::ifstream in_;
};

/// Decodes integers of the file's byte order from a buffer (bounds are the caller's to check).
struct Decoder {
  bool big = false;
  [[nodiscard]] std::uint64_t get(std::string_view b, std::size_t at, int bytes) const {
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) {
      const auto byte = static_cast<std::uint8_t>(b[at + static_cast<std::size_t>(big ? i : bytes - 1 - i)]);
      v = (v << 8) | byte;
    }
    return v;
  }
  [[nodiscard]] std::uint16_t u16(std::string_view b, std::size_t at) const { return static_cast<std::uint16_t>(get(b, at, 2)); }
  [[nodiscard]] std::uint32_t u32(std::string_view b, std::size_t at) const { return static_cast<std::uint32_t>(get(b, at, 4)); }
  [[nodiscard]] std::uint64_t u64(std::string_view b, std::size_t at) const { return get(b, at, 8); }
};

struct Section {
  std::uint32_t name = 0;
  std::uint32_t type = 0;
  std::uint64_t offset = 0;
  std::uint64_t size = 0;
  std::uint32_t link = 0;
};

std::string host_description() {
  return std::string(host_machine_name()) + (host_big_endian() ? " (big-endian)" : "");
}

}  // namespace

std::string host_machine_name() { return machine_name(host_machine_code()); }

ElfImage read_elf_image(const std::filesystem::path& path) {
  ElfImage image;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    image.error = "not a shared library (not a regular file)";
    return image;
  }
  File file(path);
  file.size = std::filesystem::file_size(path, ec);
  if (ec || !file.open()) {
    image.error = "cannot read the file" + (ec ? ": " + ec.message() : std::string());
    return image;
  }

  std::string header;
  if (!file.read(0, std::min<std::uint64_t>(file.size, kElf64HeaderSize), header) || header.size() < 4 ||
      header.compare(0, 4, "\x7f" "ELF") != 0) {
    image.error = "not a shared library (no ELF header)";
    return image;
  }
  if (header.size() < 20) {
    image.error = "not a shared library (truncated ELF header)";
    return image;
  }
  const auto elf_class = static_cast<std::uint8_t>(header[4]);
  const auto elf_data = static_cast<std::uint8_t>(header[5]);
  if (elf_data != 1 && elf_data != 2) {
    image.error = "not a shared library (unknown ELF byte order " + std::to_string(elf_data) + ")";
    return image;
  }
  const Decoder d{elf_data == 2};
  // e_type and e_machine sit at the same offsets in ELF32 and ELF64.
  const std::uint16_t type = d.u16(header, 16);
  const std::uint16_t machine = d.u16(header, 18);
  const std::string built_for = machine_name(machine) + (d.big != host_big_endian() ? (d.big ? " (big-endian)" : " (little-endian)") : "");
  if (elf_class == 1) {
    image.error = "built for 32-bit " + built_for + ", this host is 64-bit " + host_description();
    return image;
  }
  if (elf_class != 2) {
    image.error = "not a shared library (unknown ELF class " + std::to_string(elf_class) + ")";
    return image;
  }
  if (machine != host_machine_code() || d.big != host_big_endian()) {
    image.error = "built for " + built_for + ", this host is " + host_description();
    return image;
  }
  if (type != kEtDyn) {
    const char* what = type == kEtExec ? "an executable" : type == kEtRel ? "an object file" : type == kEtCore ? "a core dump" : "an ELF file of unknown type";
    image.error = std::string("not a shared library (") + what + ")";
    return image;
  }
  if (header.size() < kElf64HeaderSize) {
    image.error = "not a shared library (truncated ELF header)";
    return image;
  }

  // Section headers.
  const std::uint64_t shoff = d.u64(header, 40);
  const std::uint16_t shentsize = d.u16(header, 58);
  std::uint64_t shnum = d.u16(header, 60);
  std::uint64_t shstrndx = d.u16(header, 62);
  if (shoff == 0) return image;  // no section headers: no record (reported by the caller)
  if (shentsize != kElf64SectionHeaderSize) {
    image.error = "malformed ELF file (section header size " + std::to_string(shentsize) + ")";
    return image;
  }
  std::string first;
  if (!file.read(shoff, kElf64SectionHeaderSize, first)) {
    image.error = "truncated ELF file (section headers beyond its end)";
    return image;
  }
  if (shnum == 0) shnum = d.u64(first, 32);          // extended numbering: count in sh_size of [0]
  if (shstrndx == 0xffff) shstrndx = d.u32(first, 40);  // SHN_XINDEX: index in sh_link of [0]
  if (shnum > kMaxSections) {
    image.error = "malformed ELF file (" + std::to_string(shnum) + " sections)";
    return image;
  }
  std::string table;
  if (!file.read(shoff, shnum * kElf64SectionHeaderSize, table)) {
    image.error = "truncated ELF file (section headers beyond its end)";
    return image;
  }
  std::vector<Section> sections(static_cast<std::size_t>(shnum));
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const std::size_t at = i * kElf64SectionHeaderSize;
    sections[i] = {d.u32(table, at), d.u32(table, at + 4), d.u64(table, at + 24), d.u64(table, at + 32), d.u32(table, at + 40)};
  }
  auto content = [&](const Section& s, std::uint64_t limit, const char* what, std::string& out) {
    if (s.type == kShtNobits) {
      out.clear();
      return true;
    }
    if (s.size > limit) {
      image.error = std::string("malformed ELF file (") + what + " of " + std::to_string(s.size) + " bytes)";
      return false;
    }
    if (!file.read(s.offset, s.size, out)) {
      image.error = std::string("truncated ELF file (") + what + " beyond its end)";
      return false;
    }
    return true;
  };

  if (shstrndx >= sections.size()) {
    image.error = "malformed ELF file (no section name table)";
    return image;
  }
  std::string names;
  if (!content(sections[shstrndx], kMaxNameTable, "section name table", names)) return image;
  auto name_of = [&](const Section& s) -> std::string_view {
    if (s.name >= names.size()) return {};
    const std::string_view rest = std::string_view(names).substr(s.name);
    return rest.substr(0, rest.find('\0'));
  };

  for (const Section& s : sections) {
    if (name_of(s) == LIBBRANCH_PLUGIN_SECTION) {
      if (image.has_record_section) {
        image.error = "malformed ELF file (two " LIBBRANCH_PLUGIN_SECTION " sections)";
        return image;
      }
      image.has_record_section = true;
      if (!content(s, kMaxRecordSection, LIBBRANCH_PLUGIN_SECTION " section", image.record_section)) return image;
    } else if (s.type == kShtDynamic) {
      std::string dynamic;
      if (!content(s, kMaxDynamic, "dynamic section", dynamic)) return image;
      if (s.link >= sections.size() || sections[s.link].type != kShtStrtab) {
        image.error = "malformed ELF file (dynamic section without a string table)";
        return image;
      }
      const Section& strings = sections[s.link];
      auto string_at = [&](std::uint64_t offset, std::string& out) {
        if (offset >= strings.size) return false;
        std::string chunk;
        if (!file.read(strings.offset + offset, std::min(kMaxString, strings.size - offset), chunk)) return false;
        const std::size_t end = chunk.find('\0');
        if (end == std::string::npos) return false;
        out = chunk.substr(0, end);
        return true;
      };
      for (std::size_t at = 0; at + kElf64DynSize <= dynamic.size(); at += kElf64DynSize) {
        const auto tag = static_cast<std::int64_t>(d.u64(dynamic, at));
        const std::uint64_t value = d.u64(dynamic, at + 8);
        if (tag == kDtNull) break;
        if (tag != kDtNeeded && tag != kDtSoname) continue;
        std::string text;
        if (!string_at(value, text)) {
          image.error = "malformed ELF file (dynamic entry names a string outside its table)";
          return image;
        }
        if (tag == kDtNeeded) {
          image.needed.push_back(std::move(text));
        } else {
          image.soname = std::move(text);
        }
      }
    }
  }
  return image;
}

std::vector<PluginRecordFields> parse_plugin_records(std::string_view bytes, std::string& error) {
  constexpr std::string_view kMagic = "libbranch-plugin";
  constexpr std::size_t kMaxRecords = 64;
  std::vector<PluginRecordFields> records;
  std::size_t pos = 0;
  // The next NUL-terminated string; false (and `error` set) when the bytes end inside it.
  auto next_string = [&](std::string_view& out) {
    const std::size_t end = bytes.find('\0', pos);
    if (end == std::string_view::npos) {
      error = "malformed plugin record (truncated)";
      return false;
    }
    out = bytes.substr(pos, end - pos);
    pos = end + 1;
    return true;
  };
  while (true) {
    while (pos < bytes.size() && bytes[pos] == '\0') ++pos;  // padding between records
    if (pos >= bytes.size()) break;
    if (records.size() == kMaxRecords) {
      error = "malformed plugin record (more than 64 records)";
      return {};
    }
    std::string_view magic;
    if (!next_string(magic)) return {};
    if (magic != kMagic) {
      error = "malformed plugin record (no 'libbranch-plugin' magic)";
      return {};
    }
    PluginRecordFields fields;
    // key=value entries up to an empty string (or the end of the bytes).
    while (pos < bytes.size()) {
      std::string_view entry;
      if (!next_string(entry)) return {};
      if (entry.empty()) break;
      const std::size_t eq = entry.find('=');
      if (eq == std::string_view::npos || eq == 0) {
        error = "malformed plugin record (entry '" + std::string(entry.substr(0, 64)) + "' is not key=value)";
        return {};
      }
      fields.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
    }
    records.push_back(std::move(fields));
  }
  return records;
}

std::string_view record_bytes(const char* record) {
  if (record == nullptr) return {};
  constexpr std::size_t kLimit = 64u << 10;
  std::size_t n = 0;
  // Strings follow each other; the record ends with an empty string (two NULs in a row).
  while (n + 1 < kLimit) {
    if (record[n] == '\0' && n > 0 && record[n - 1] == '\0') return {record, n + 1};
    ++n;
  }
  return {record, n};
}

}  // namespace libbranch::detail
