// SPDX-License-Identifier: Apache-2.0
// Inline SVG line and (stacked) bar charts for the dashboard page.
#include "dashboard/svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/strings.h"

namespace pubtrack::dashboard::detail {

namespace {

constexpr double kWidth = 640, kHeight = 260;
constexpr double kLeft = 56, kRight = 12, kTop = 24, kBottom = 34;

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// A "nice" step (1, 2, 2.5 or 5 times a power of ten) giving about `ticks` intervals.
double niceStep(double range, int ticks) {
  if (range <= 0) return 1;
  const double raw = range / ticks;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (raw <= m * mag) return std::max(1.0, m * mag);
  return std::max(1.0, 10 * mag);
}

struct Axis {
  double lo = 0, hi = 1, step = 1;
};

Axis makeAxis(double lo, double hi, bool fromZero) {
  if (fromZero) lo = std::min(0.0, lo);
  if (hi <= lo) hi = lo + 1;
  Axis a;
  a.step = niceStep(hi - lo, 4);
  a.lo = std::floor(lo / a.step) * a.step;
  a.hi = std::ceil(hi / a.step) * a.step;
  if (a.hi <= a.lo) a.hi = a.lo + a.step;
  return a;
}

double yOf(const Axis& a, double v) {
  return kTop + (kHeight - kTop - kBottom) * (1 - (v - a.lo) / (a.hi - a.lo));
}

std::string open(const std::string& title, const std::string& cls) {
  const std::string t = core::htmlEscape(title);
  return "<svg class=\"chart " + cls + "\" viewBox=\"0 0 " + fmt(kWidth) + " " + fmt(kHeight) +
         "\" role=\"img\" aria-label=\"" + t + "\" preserveAspectRatio=\"xMidYMid meet\"><title>" +
         t + "</title>";
}

std::string gridAndYLabels(const Axis& a, bool zh) {
  std::string s;
  for (double v = a.lo; v <= a.hi + a.step / 2; v += a.step) {
    const double y = yOf(a, v);
    s += "<line class=\"grid\" x1=\"" + fmt(kLeft) + "\" x2=\"" + fmt(kWidth - kRight) +
         "\" y1=\"" + fmt(y) + "\" y2=\"" + fmt(y) + "\"/>";
    s += "<text class=\"ylab\" x=\"" + fmt(kLeft - 6) + "\" y=\"" + fmt(y + 4) +
         "\" text-anchor=\"end\">" + core::htmlEscape(compactNumber(std::llround(v), zh)) +
         "</text>";
  }
  return s;
}

// X labels, thinned so they do not overlap.
std::string xLabels(const std::vector<std::string>& labels, double x0, double slot) {
  std::string s;
  const size_t n = labels.size();
  const size_t every = std::max<size_t>(1, (n + 11) / 12);
  for (size_t i = 0; i < n; i += every) {
    const double x = x0 + slot * static_cast<double>(i);
    s += "<text class=\"xlab\" x=\"" + fmt(x) + "\" y=\"" + fmt(kHeight - kBottom + 18) +
         "\" text-anchor=\"middle\">" + core::htmlEscape(labels[i]) + "</text>";
  }
  return s;
}

std::string empty(const std::string& title, bool zh) {
  return open(title, "empty") + "<text class=\"nodata\" x=\"" + fmt(kWidth / 2) + "\" y=\"" +
         fmt(kHeight / 2) + "\" text-anchor=\"middle\">" + (zh ? "暂无数据" : "No data yet") +
         "</text></svg>";
}

}  // namespace

std::string compactNumber(int64_t v, bool zh) {
  const double a = std::fabs(static_cast<double>(v));
  char buf[32];
  auto trimmed = [&](double x, const char* unit) {
    std::snprintf(buf, sizeof buf, x >= 100 ? "%.0f%s" : "%.1f%s", x, unit);
    std::string s = buf;
    const auto dot = s.find(".0");
    if (dot != std::string::npos &&
        (dot + 2 == s.size() || !(s[dot + 2] >= '0' && s[dot + 2] <= '9')))
      s.erase(dot, 2);
    return (v < 0 ? "-" : "") + s;
  };
  if (zh) {
    if (a >= 1e8) return trimmed(a / 1e8, "亿");
    if (a >= 1e4) return trimmed(a / 1e4, "万");
  } else {
    if (a >= 1e6) return trimmed(a / 1e6, "M");
    if (a >= 1e3) return trimmed(a / 1e3, "k");
  }
  return std::to_string(v);
}

std::string lineChart(const std::vector<std::string>& labels, const ChartSeries& series,
                      const std::string& title, bool zh) {
  if (series.values.empty()) return empty(title, zh);
  const auto [mn, mx] = std::minmax_element(series.values.begin(), series.values.end());
  double lo = static_cast<double>(*mn), hi = static_cast<double>(*mx);
  const double pad = std::max(1.0, (hi - lo) * 0.1);
  const Axis a = makeAxis(std::max(0.0, lo - pad), hi + pad, false);
  const size_t n = series.values.size();
  const double plotW = kWidth - kLeft - kRight;
  const double slot = n > 1 ? plotW / static_cast<double>(n - 1) : 0;
  const double x0 = n > 1 ? kLeft : kLeft + plotW / 2;
  std::string s = open(title, "line") + gridAndYLabels(a, zh);
  std::string pts, dots;
  for (size_t i = 0; i < n; ++i) {
    const double x = x0 + slot * static_cast<double>(i);
    const double y = yOf(a, static_cast<double>(series.values[i]));
    if (i) pts += ' ';
    pts += fmt(x);
    pts += ',';
    pts += fmt(y);
    dots += "<circle cx=\"" + fmt(x) + "\" cy=\"" + fmt(y) + "\" r=\"3.5\" fill=\"" + series.color +
            "\"><title>" + core::htmlEscape(i < labels.size() ? labels[i] : "") + ": " +
            std::to_string(series.values[i]) + "</title></circle>";
  }
  // The area under the line, faint.
  s += "<polygon class=\"area\" fill=\"" + series.color + "\" points=\"" + fmt(x0) + "," +
       fmt(yOf(a, a.lo)) + " " + pts + " " + fmt(x0 + slot * static_cast<double>(n - 1)) + "," +
       fmt(yOf(a, a.lo)) + "\"/>";
  s += "<polyline fill=\"none\" stroke=\"" + series.color +
       "\" stroke-width=\"2.5\" stroke-linejoin=\"round\" points=\"" + pts + "\"/>" + dots;
  s += xLabels(labels, x0, slot);
  return s + "</svg>";
}

std::string barChart(const std::vector<std::string>& labels, const std::vector<ChartSeries>& series,
                     const std::string& title, bool zh) {
  const size_t n = labels.size();
  if (n == 0 || series.empty()) return empty(title, zh);
  std::vector<int64_t> totals(n, 0);
  for (const auto& se : series)
    for (size_t i = 0; i < n && i < se.values.size(); ++i)
      totals[i] += std::max<int64_t>(0, se.values[i]);
  const Axis a =
      makeAxis(0, static_cast<double>(*std::max_element(totals.begin(), totals.end())), true);
  const double plotW = kWidth - kLeft - kRight;
  const double slot = plotW / static_cast<double>(n);
  const double barW = std::max(2.0, slot * 0.62);
  std::string s = open(title, "bars") + gridAndYLabels(a, zh);
  for (size_t i = 0; i < n; ++i) {
    const double x = kLeft + slot * static_cast<double>(i) + (slot - barW) / 2;
    double base = 0;
    for (const auto& se : series) {
      const int64_t v = i < se.values.size() ? std::max<int64_t>(0, se.values[i]) : 0;
      if (v == 0) continue;
      const double y1 = yOf(a, base), y2 = yOf(a, base + static_cast<double>(v));
      s += "<rect x=\"" + fmt(x) + "\" y=\"" + fmt(y2) + "\" width=\"" + fmt(barW) +
           "\" height=\"" + fmt(std::max(0.5, y1 - y2)) + "\" rx=\"2\" fill=\"" + se.color +
           "\"><title>" + core::htmlEscape(labels[i]);
      if (!se.name.empty()) {
        s += ' ';
        s += core::htmlEscape(se.name);
      }
      s += ": " + std::to_string(v) + "</title></rect>";
      base += static_cast<double>(v);
    }
  }
  s += xLabels(labels, kLeft + slot / 2, slot);
  if (series.size() > 1) {
    double lx = kLeft;
    for (const auto& se : series) {
      s += "<rect x=\"" + fmt(lx) + "\" y=\"2\" width=\"10\" height=\"10\" rx=\"2\" fill=\"" +
           se.color + "\"/><text class=\"legend\" x=\"" + fmt(lx + 14) + "\" y=\"11\">" +
           core::htmlEscape(se.name) + "</text>";
      lx += 24 + 13.0 * static_cast<double>(core::utf8Length(se.name)) * (zh ? 1.0 : 0.55);
    }
  }
  return s + "</svg>";
}

}  // namespace pubtrack::dashboard::detail
