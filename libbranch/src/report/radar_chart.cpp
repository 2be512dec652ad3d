// The radar chart of the standards (score / max on one axis each) as inline SVG: a report must
// open anywhere, offline, so the chart is drawn here rather than by a plotting library or script.
#include <libbranch/report_render.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

#include "compose.hpp"
#include "html_escape.hpp"
#include "text_format.hpp"

namespace libbranch {
namespace {

constexpr double kCenterX = 260;
constexpr double kCenterY = 170;
constexpr double kRadius = 110;

std::string coordinate(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", v);
  return buffer;
}

struct Point {
  double x;
  double y;
};

// Axis i of n starts at the top and goes clockwise.
Point on_axis(std::size_t i, std::size_t n, double share) {
  const double angle = -std::numbers::pi / 2 + 2 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(n);
  return {kCenterX + kRadius * share * std::cos(angle), kCenterY + kRadius * share * std::sin(angle)};
}

std::string polygon(std::size_t n, const auto& share_of, std::string_view css_class) {
  std::string points;
  for (std::size_t i = 0; i < n; ++i) {
    const Point p = on_axis(i, n, share_of(i));
    if (i) points += ' ';
    points += coordinate(p.x);
    points += ',';
    points += coordinate(p.y);
  }
  return "<polygon class=\"" + std::string(css_class) + "\" points=\"" + points + "\"/>";
}

double share(const StandardResult& s) {
  if (!(s.max_points > 0) || std::isnan(s.score)) return 0;
  return std::clamp(s.score / s.max_points, 0.0, 1.0);
}

std::string_view anchor(double x) {
  if (x < kCenterX - 1) return "end";
  if (x > kCenterX + 1) return "start";
  return "middle";
}

}  // namespace

std::string radar_chart_svg(const AnnualReport& report, Language language) {
  const std::size_t n = report.standards.size();
  if (n < 3) return {};
  const report_detail::Composer c{report, report_detail::phrases(language), report_detail::html_escape};
  std::string svg = "<svg class=\"radar\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 520 340\" role=\"img\">";
  svg += "<title>" + std::string(c.words.radar_title) + "</title>";
  for (const double ring : {0.25, 0.5, 0.75, 1.0})
    svg += polygon(n, [ring](std::size_t) { return ring; }, "grid");
  for (std::size_t i = 0; i < n; ++i) {
    const Point end = on_axis(i, n, 1);
    svg += "<line class=\"axis\" x1=\"" + coordinate(kCenterX) + "\" y1=\"" + coordinate(kCenterY) + "\" x2=\"" +
           coordinate(end.x) + "\" y2=\"" + coordinate(end.y) + "\"/>";
  }
  svg += polygon(n, [&](std::size_t i) { return share(report.standards[i]); }, "score");
  for (std::size_t i = 0; i < n; ++i) {
    const StandardResult& s = report.standards[i];
    const Point at = on_axis(i, n, 1.14);
    const std::string label = report_detail::html_escape(s.name) + " " + c.number(s.score) + "/" + c.number(s.max_points);
    svg += "<text x=\"" + coordinate(at.x) + "\" y=\"" + coordinate(at.y + 4) + "\" text-anchor=\"" +
           std::string(anchor(at.x)) + "\">" + label + "</text>";
  }
  return svg + "</svg>";
}

}  // namespace libbranch
