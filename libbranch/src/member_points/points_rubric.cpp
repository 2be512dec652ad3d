// Reading a points rubric from JSON (rubrics/member_points.json is the built-in one). Strict like
// the compliance rule set: an unknown field is an error, so a misspelt cap cannot silently vanish.
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include <libbranch/io/input_limits.hpp>
#include <libbranch/member_points.hpp>

#include "../io/json_document.hpp"

namespace libbranch {
namespace {

using json = nlohmann::json;

class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void fail(const std::string& path, const json& value, const std::string& message) const {
    throw PointsRubricError(source_, path, value.is_null() ? std::string() : value.dump(), message);
  }
  const json& object_of(const json& v, const std::string& path) const {
    if (!v.is_object()) fail(path, v, "expected an object");
    return v;
  }
  std::int64_t integer_of(const json& v, const std::string& path, std::int64_t lo) const {
    if (!v.is_number_integer()) fail(path, v, "expected an integer");
    const auto n = v.get<std::int64_t>();
    if (n < lo) fail(path, v, "must be ≥ " + std::to_string(lo));
    return n;
  }
  std::int64_t any_integer(const json& v, const std::string& path) const {
    if (!v.is_number_integer()) fail(path, v, "expected an integer");
    return v.get<std::int64_t>();
  }
  KindCode kind_of(const json& v, const std::string& path) const {
    if (!v.is_string()) fail(path, v, "expected an activity kind");
    const auto k = find_activity_kind(v.get<std::string>());
    if (!k) fail(path, v, "unknown activity kind");
    return code(*k);
  }
  std::vector<KindCode> kinds_of(const json& v, const std::string& path) const {
    if (!v.is_array()) fail(path, v, "expected an array of activity kinds");
    std::vector<KindCode> kinds;
    for (std::size_t i = 0; i < v.size(); ++i) {
      const KindCode k = kind_of(v[i], path + "[" + std::to_string(i) + "]");
      for (KindCode seen : kinds)
        if (seen == k) fail(path + "[" + std::to_string(i) + "]", v[i], "repeated activity kind");
      kinds.push_back(k);
    }
    return kinds;
  }

  PointsRubric rubric(const json& doc) const {
    object_of(doc, "");
    PointsRubric r;
    for (const auto& [key, value] : doc.items()) {
      if (key == "name") {
        if (!value.is_string()) fail(key, value, "expected a string");
        r.name = value.get<std::string>();
      } else if (key == "base") r.base = any_integer(value, key);
      else if (key == "min") r.min = any_integer(value, key);
      else if (key == "max") r.max = any_integer(value, key);
      else if (key == "attendance") attendance(value, r);
      else if (key == "caps") caps(value, r);
      else if (key == "deductions") deductions(value, r);
      else if (key == "bonuses") bonuses(value, r);
      else fail(key, json(key), "unknown field");
    }
    if (r.min > r.max) fail("min", doc.at("min"), "min must be ≤ max (" + std::to_string(r.max) + ")");
    return r;
  }

 private:
  void attendance(const json& v, PointsRubric& r) const {
    object_of(v, "attendance");
    for (const auto& [kind, spec] : v.items()) {
      const std::string p = "attendance." + kind;
      const KindCode k = kind_of(json(kind), p);
      object_of(spec, p);
      AttendancePoints a;
      if (!spec.contains("points")) fail(p, json(), "missing field 'points'");
      for (const auto& [key, value] : spec.items()) {
        if (key == "points") a.points = integer_of(value, p + ".points", 0);
        else if (key == "per_month") a.per_month = integer_of(value, p + ".per_month", 0);
        else fail(p + "." + key, json(key), "unknown field");
      }
      r.attendance[k] = a;
    }
  }
  void caps(const json& v, PointsRubric& r) const {
    object_of(v, "caps");
    for (const auto& [key, value] : v.items()) {
      if (key == "per_month") r.cap_per_month = integer_of(value, "caps.per_month", 0);
      else if (key == "per_year") r.cap_per_year = integer_of(value, "caps.per_year", 0);
      else fail("caps." + key, json(key), "unknown field");
    }
  }
  void deductions(const json& v, PointsRubric& r) const {
    object_of(v, "deductions");
    for (const auto& [key, value] : v.items()) {
      const std::string p = "deductions." + key;
      if (key != "absent_required") fail(p, json(key), "unknown deduction");
      object_of(value, p);
      if (!value.contains("kinds")) fail(p, json(), "missing field 'kinds'");
      if (!value.contains("points")) fail(p, json(), "missing field 'points'");
      for (const auto& [f, fv] : value.items()) {
        if (f == "kinds") r.required_kinds = kinds_of(fv, p + ".kinds");
        else if (f == "points") r.absence_points = integer_of(fv, p + ".points", 0);
        else fail(p + "." + f, json(f), "unknown field");
      }
    }
  }
  void bonuses(const json& v, PointsRubric& r) const {
    object_of(v, "bonuses");
    for (const auto& [key, value] : v.items()) {
      const std::string p = "bonuses." + key;
      object_of(value, p);
      if (!value.contains("points")) fail(p, json(), "missing field 'points'");
      if (key == "lecturer") {
        for (const auto& [f, fv] : value.items()) {
          if (f == "points") r.lecturer_points = integer_of(fv, p + ".points", 0);
          else if (f == "kinds") r.lecturer_kinds = kinds_of(fv, p + ".kinds");
          else fail(p + "." + f, json(f), "unknown field");
        }
      } else if (key == "full_attendance") {
        for (const auto& [f, fv] : value.items()) {
          if (f == "points") r.full_attendance_points = integer_of(fv, p + ".points", 0);
          else if (f == "unit") {
            if (fv != json("quarter")) fail(p + ".unit", fv, "the only unit is 'quarter'");
          } else fail(p + "." + f, json(f), "unknown field");
        }
      } else {
        fail(p, json(key), "unknown bonus (known: lecturer, full_attendance)");
      }
    }
  }

  std::string source_;
};

}  // namespace

PointsRubricError::PointsRubricError(std::string file, std::string json_path, std::string value,
                                     const std::string& message)
    : RubricError(json_path, detail::document_error_text(file, json_path, value, message)),
      file_(std::move(file)),
      value_(std::move(value)) {}

PointsRubric PointsRubric::parse(std::string_view json_text, const std::string& source) {
  json doc;
  try {
    doc = json::parse(json_text.begin(), json_text.end());
  } catch (const json::parse_error& e) {
    throw PointsRubricError(source, "", "", std::string("invalid JSON at byte ") + std::to_string(e.byte));
  }
  return Reader(source).rubric(doc);
}

PointsRubric PointsRubric::load(const std::filesystem::path& path) {
  const std::string text = detail::read_document(
      path, "points rubric", [&](const std::string& message) { throw PointsRubricError(path.string(), "", "", message); });
  return parse(text, path.string());
}

PointsRubric PointsRubric::default_rubric() {
  return parse(detail::embedded_text(detail::kDefaultMemberPointsJson, detail::kDefaultMemberPointsJsonSize),
               "rubrics/member_points.json");
}

}  // namespace libbranch
