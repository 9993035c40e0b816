// SPDX-License-Identifier: Apache-2.0
// Inline SVG charts for the HTML report: bars, lines, stacked bars and horizontal bars.
#include "reports/svg_charts.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "core/strings.h"
#include "reports/render_model.h"

namespace pubtrack::reports::charts {

using detail::cleanText;

const char* const kCss =
    R"CSS(svg text { font-family: "Arial", "SimHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
  font-size: 9.5px; fill: #444; }
svg text.ya { text-anchor: end; }
svg text.xa { text-anchor: middle; }
svg text.hl { text-anchor: end; fill: #222; }
svg text.hv { fill: #333; }
svg .g { stroke: #e3e3e3; stroke-width: .7; }
svg .ax { stroke: #777; stroke-width: .8; }
)CSS";

namespace {

std::string esc(std::string_view s) { return core::htmlEscape(cleanText(s)); }

// Coordinates with one decimal: small files, crisp enough.
std::string f1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

// 1, 2 or 5 × 10^n, at least `raw`.
int64_t niceStep(double raw) {
  if (raw <= 1) return 1;
  int64_t p = 1;
  while (static_cast<double>(p) * 10 <= raw) p *= 10;
  for (int64_t m : {1, 2, 5, 10})
    if (static_cast<double>(p * m) >= raw) return p * m;
  return p * 10;
}

// Shortens a label to at most `max` columns (a CJK character takes two), with an ellipsis.
std::string shorten(const std::string& s, size_t max) {
  const std::string clean = cleanText(s);
  std::string out;
  size_t cols = 0;
  for (size_t i = 0; i < clean.size();) {
    const auto c = static_cast<unsigned char>(clean[i]);
    const size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    const size_t w = len >= 3 ? 2 : 1;
    if (cols + w > max) {
      while (!out.empty() && cols + 1 > max) {  // room for the ellipsis
        size_t back = out.size() - 1;
        while (back > 0 && (static_cast<unsigned char>(out[back]) & 0xC0) == 0x80) --back;
        cols -= out.size() - back >= 3 ? 2 : 1;
        out.resize(back);
      }
      return out + "…";
    }
    out.append(clean, i, len);
    cols += w;
    i += len;
  }
  return out;
}

std::string open(int w, int h, const std::string& title) {
  return "<svg viewBox=\"0 0 " + std::to_string(w) + " " + std::to_string(h) +
         "\" role=\"img\" aria-label=\"" + esc(title) + "\"><title>" + esc(title) + "</title>";
}

struct Frame {
  int w = 360, h = 200;
  double left = 46, right = 10, top = 14, bottom = 26;
  double plotW() const { return w - left - right; }
  double plotH() const { return h - top - bottom; }
};

// Horizontal grid lines and value labels from lo to hi.
std::string grid(const Frame& fr, int64_t lo, int64_t hi, int64_t step, Lang lang) {
  std::string s;
  for (int64_t v = lo; v <= hi; v += step) {
    const double y =
        fr.top + fr.plotH() * (1.0 - static_cast<double>(v - lo) / static_cast<double>(hi - lo));
    s += "<line class=\"g\" x1=\"" + f1(fr.left) + "\" x2=\"" + f1(fr.w - fr.right) + "\" y1=\"" +
         f1(y) + "\" y2=\"" + f1(y) + "\"/>";
    s += "<text class=\"ya\" x=\"" + f1(fr.left - 4) + "\" y=\"" + f1(y + 3.5) + "\">" +
         esc(compactNumber(v, lang)) + "</text>";
  }
  return s;
}

std::string xLabels(const Frame& fr, const std::vector<std::string>& labels) {
  std::string s;
  const size_t n = labels.size();
  if (n == 0) return s;
  const size_t every = n > 12 ? (n + 11) / 12 : 1;
  const double slot = fr.plotW() / static_cast<double>(n);
  for (size_t i = 0; i < n; i += every) {
    s += "<text class=\"xa\" x=\"" + f1(fr.left + slot * (static_cast<double>(i) + 0.5)) +
         "\" y=\"" + f1(fr.h - fr.bottom + 14) + "\">" + esc(labels[i]) + "</text>";
  }
  s += "<line class=\"ax\" x1=\"" + f1(fr.left) + "\" x2=\"" + f1(fr.w - fr.right) + "\" y1=\"" +
       f1(fr.h - fr.bottom) + "\" y2=\"" + f1(fr.h - fr.bottom) + "\"/>";
  return s;
}

std::string emptyNote(const Frame& fr, Lang lang) {
  return "<text class=\"xa\" x=\"" + f1(fr.w / 2.0) + "\" y=\"" + f1(fr.h / 2.0) + "\">" +
         (lang == Lang::En ? "no data" : "暂无数据") + "</text>";
}

}  // namespace

std::string compactNumber(int64_t v, Lang lang) {
  const int64_t mag = v < 0 ? -v : v;
  auto scaled = [&](int64_t unit, const char* suffix) {
    const int64_t whole = mag / unit, tenth = mag % unit * 10 / unit;
    std::string s = (v < 0 ? "-" : "") + std::to_string(whole);
    if (tenth) s += "." + std::to_string(tenth);
    return s + suffix;
  };
  if (lang == Lang::En) {
    if (mag >= 1'000'000'000) return scaled(1'000'000'000, "B");
    if (mag >= 1'000'000) return scaled(1'000'000, "M");
    if (mag >= 10'000) return scaled(1'000, "k");
    return std::to_string(v);
  }
  if (mag >= 100'000'000) return scaled(100'000'000, "亿");
  if (mag >= 10'000) return scaled(10'000, "万");
  return std::to_string(v);
}

std::string monthLabel(const std::string& month, Lang lang, bool withYear) {
  static constexpr std::array<const char*, 12> kAbbr = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  long long m = 0;
  if (month.size() != 7 || !core::parseInt64(month.substr(5, 2), m) || m < 1 || m > 12)
    return month;
  const std::string yy = month.substr(2, 2);
  if (lang == Lang::En)
    return std::string(kAbbr[static_cast<size_t>(m - 1)]) + (withYear ? " " + yy : "");
  return withYear ? yy + "." + std::to_string(m) : std::to_string(m) + "月";
}

std::string barChart(const std::vector<Point>& points, const std::string& color,
                     const std::string& title, Lang lang) {
  Frame fr;
  std::string s = open(fr.w, fr.h, title);
  int64_t max = 0;
  for (const auto& p : points) max = std::max(max, p.value);
  if (points.empty() || max <= 0) return s + emptyNote(fr, lang) + "</svg>";
  const int64_t step = niceStep(static_cast<double>(max) / 4.0);
  const int64_t top = (max + step - 1) / step * step;
  s += grid(fr, 0, top, step, lang);
  const double slot = fr.plotW() / static_cast<double>(points.size());
  const double bw = slot * 0.62;
  for (size_t i = 0; i < points.size(); ++i) {
    const double h = fr.plotH() * static_cast<double>(std::max<int64_t>(points[i].value, 0)) /
                     static_cast<double>(top);
    s += "<rect x=\"" + f1(fr.left + slot * static_cast<double>(i) + (slot - bw) / 2) + "\" y=\"" +
         f1(fr.top + fr.plotH() - h) + "\" width=\"" + f1(bw) + "\" height=\"" + f1(h) +
         "\" fill=\"" + color + "\"><title>" + esc(points[i].label) + ": " +
         esc(exactNumber(points[i].value, lang)) + "</title></rect>";
  }
  std::vector<std::string> labels;
  for (const auto& p : points) labels.push_back(p.label);
  return s + xLabels(fr, labels) + "</svg>";
}

std::string lineChart(const std::vector<Point>& points, const std::string& color,
                      const std::string& title, Lang lang) {
  Frame fr;
  std::string s = open(fr.w, fr.h, title);
  if (points.empty()) return s + emptyNote(fr, lang) + "</svg>";
  int64_t lo = points.front().value, hi = lo;
  for (const auto& p : points) lo = std::min(lo, p.value), hi = std::max(hi, p.value);
  const int64_t step = niceStep(static_cast<double>(std::max<int64_t>(hi - lo, 4)) / 4.0);
  int64_t axisLo = lo / step * step;
  if (axisLo > lo) axisLo -= step;
  int64_t axisHi = (hi + step - 1) / step * step;
  if (axisHi == axisLo) axisHi += step;
  s += grid(fr, axisLo, axisHi, step, lang);
  const double slot = fr.plotW() / static_cast<double>(points.size());
  std::string path;
  std::string dots;
  for (size_t i = 0; i < points.size(); ++i) {
    const double x = fr.left + slot * (static_cast<double>(i) + 0.5);
    const double y = fr.top + fr.plotH() * (1.0 - static_cast<double>(points[i].value - axisLo) /
                                                      static_cast<double>(axisHi - axisLo));
    path += (i ? " " : "") + f1(x) + "," + f1(y);
    dots += "<circle cx=\"" + f1(x) + "\" cy=\"" + f1(y) + "\" r=\"2.6\" fill=\"" + color +
            "\"><title>" + esc(points[i].label) + ": " + esc(exactNumber(points[i].value, lang)) +
            "</title></circle>";
  }
  s += "<polyline fill=\"none\" stroke=\"" + color + "\" stroke-width=\"1.8\" points=\"" + path +
       "\"/>" + dots;
  std::vector<std::string> labels;
  for (const auto& p : points) labels.push_back(p.label);
  return s + xLabels(fr, labels) + "</svg>";
}

std::string stackedBarChart(const std::vector<std::string>& labels,
                            const std::vector<Series>& series, const std::string& title,
                            Lang lang) {
  Frame fr;
  fr.top = 26;
  std::string s = open(fr.w, fr.h, title);
  std::vector<int64_t> totals(labels.size(), 0);
  for (const auto& se : series)
    for (size_t i = 0; i < labels.size() && i < se.values.size(); ++i)
      totals[i] += std::max<int64_t>(se.values[i], 0);
  const int64_t max = totals.empty() ? 0 : *std::max_element(totals.begin(), totals.end());
  // Legend along the top.
  double lx = fr.left;
  for (const auto& se : series) {
    s += "<rect x=\"" + f1(lx) + "\" y=\"4\" width=\"9\" height=\"9\" fill=\"" + se.color +
         "\"/><text class=\"lg\" x=\"" + f1(lx + 12) + "\" y=\"12\">" + esc(se.name) + "</text>";
    lx += 14 +
          7.0 * static_cast<double>(core::utf8Length(se.name)) * (lang == Lang::En ? 0.85 : 1.5) +
          10;
  }
  if (labels.empty() || max <= 0) return s + emptyNote(fr, lang) + "</svg>";
  const int64_t step = niceStep(static_cast<double>(max) / 4.0);
  const int64_t top = (max + step - 1) / step * step;
  s += grid(fr, 0, top, step, lang);
  const double slot = fr.plotW() / static_cast<double>(labels.size());
  const double bw = slot * 0.62;
  for (size_t i = 0; i < labels.size(); ++i) {
    double base = fr.top + fr.plotH();
    for (const auto& se : series) {
      const int64_t v = i < se.values.size() ? std::max<int64_t>(se.values[i], 0) : 0;
      if (v == 0) continue;
      const double h = fr.plotH() * static_cast<double>(v) / static_cast<double>(top);
      base -= h;
      s += "<rect x=\"" + f1(fr.left + slot * static_cast<double>(i) + (slot - bw) / 2) +
           "\" y=\"" + f1(base) + "\" width=\"" + f1(bw) + "\" height=\"" + f1(h) + "\" fill=\"" +
           se.color + "\"><title>" + esc(labels[i]) + " " + esc(se.name) + ": " +
           esc(exactNumber(v, lang)) + "</title></rect>";
    }
  }
  return s + xLabels(fr, labels) + "</svg>";
}

std::string hBarChart(const std::vector<Point>& points, const std::vector<std::string>& colors,
                      const std::string& title, Lang lang, int width) {
  const double rowH = points.size() <= 5 ? 30 : 17, top = 6, labelW = width > 400 ? 150 : 70,
               valueW = 44;
  const int h =
      static_cast<int>(top * 2 + rowH * static_cast<double>(std::max<size_t>(points.size(), 1)));
  std::string s = open(width, h, title);
  int64_t max = 0;
  for (const auto& p : points) max = std::max(max, p.value);
  if (points.empty() || max <= 0) {
    Frame fr;
    fr.w = width;
    fr.h = h;
    return s + emptyNote(fr, lang) + "</svg>";
  }
  const double plotW = width - labelW - valueW - 6;
  const size_t maxCols = static_cast<size_t>(labelW / 5.5);
  for (size_t i = 0; i < points.size(); ++i) {
    const double y = top + rowH * static_cast<double>(i);
    const double bw =
        std::max(1.0, plotW * static_cast<double>(std::max<int64_t>(points[i].value, 0)) /
                          static_cast<double>(max));
    const std::string& color =
        colors.empty() ? std::string("#2f6f9f") : colors[std::min(i, colors.size() - 1)];
    s += "<text class=\"hl\" x=\"" + f1(labelW - 6) + "\" y=\"" + f1(y + rowH / 2 + 3.5) + "\">" +
         esc(shorten(points[i].label, maxCols)) + "<title>" + esc(points[i].label) +
         "</title></text>";
    s += "<rect x=\"" + f1(labelW) + "\" y=\"" + f1(y + 3) + "\" width=\"" + f1(bw) +
         "\" height=\"" + f1(rowH - 6) + "\" fill=\"" + color + "\"/>";
    s += "<text class=\"hv\" x=\"" + f1(labelW + bw + 4) + "\" y=\"" + f1(y + rowH / 2 + 3.5) +
         "\">" + esc(exactNumber(points[i].value, lang)) + "</text>";
  }
  return s + "</svg>";
}

}  // namespace pubtrack::reports::charts
