// SPDX-License-Identifier: Apache-2.0
// Number wording for the report: rounding to 近/突破/超过/余, 万/亿 notation, 同比, percentages.
#include "reports/phrasing.h"

#include <algorithm>
#include <cstdlib>
#include <numeric>

#include "core/strings.h"

namespace pubtrack::reports {

namespace {

int digitCount(int64_t v) {
  int n = 1;
  while (v >= 10) v /= 10, ++n;
  return n;
}

int64_t pow10(int n) {
  int64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

// Number of significant digits (trailing zeros do not count): 1200 -> 2, 795 -> 3.
int significantDigits(int64_t v) {
  if (v == 0) return 1;
  while (v % 10 == 0) v /= 10;
  return digitCount(v);
}

std::string withSeparators(int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out;
  const size_t n = digits.size();
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return v < 0 ? "-" + out : out;
}

// value / unit with at most one decimal (truncated), no trailing ".0".
std::string scaled(int64_t v, int64_t unit) {
  const int64_t whole = v / unit;
  const int64_t tenth = (v % unit) * 10 / unit;
  std::string s = std::to_string(whole);
  if (tenth != 0) s += "." + std::to_string(tenth);
  return s;
}

}  // namespace

Rounded roundForReport(int64_t value, int64_t threshold, Growth /*growth*/) {
  if (value <= 0 || value < threshold || significantDigits(value) <= 2) {
    return {Approx::Exact, value};
  }
  const int digits = digitCount(value);
  for (int sig = 1; sig <= 2; ++sig) {
    const int64_t step = pow10(digits - sig);
    const int64_t down = value / step * step;
    const int64_t up = down + step;
    // (X - v) <= 5% of X  <=>  20 (X - v) <= X
    const bool nearOk = (up - value) * 20 <= up;
    const bool isMilestone = sig == 1 || (down / step) % 10 == 5;
    const bool overOk = down > 0 && isMilestone && (value - down) * 20 <= down;
    if (nearOk && overOk) {
      if (value - down < up - value) return {Approx::Over, down};
      return {Approx::Nearly, up};
    }
    if (nearOk) return {Approx::Nearly, up};
    if (overOk) return {Approx::Over, down};
  }
  const int64_t step = pow10(digits - 2);
  return {Approx::MoreThan, value / step * step};
}

std::string exactNumber(int64_t value, Lang lang) {
  return lang == Lang::En ? withSeparators(value) : std::to_string(value);
}

std::string unitNumber(int64_t value, Lang lang) {
  const int64_t mag = value < 0 ? -value : value;
  const std::string sign = value < 0 ? "-" : "";
  if (lang == Lang::En) {
    if (mag >= 1'000'000'000) return sign + scaled(mag, 1'000'000'000) + " billion";
    if (mag >= 1'000'000) return sign + scaled(mag, 1'000'000) + " million";
    return withSeparators(value);
  }
  if (mag >= 100'000'000) return sign + scaled(mag, 100'000'000) + "亿";
  if (mag >= 10'000) return sign + scaled(mag, 10'000) + "万";
  return std::to_string(value);
}

std::string approxNumber(int64_t value, int64_t threshold, Growth growth, Lang lang) {
  const Rounded r = roundForReport(value, threshold, growth);
  if (r.kind == Approx::Exact) {
    // A round number keeps its 万/亿 form ("5万"); anything else is written digit by digit.
    return significantDigits(value) <= 2 && value >= threshold ? unitNumber(value, lang)
                                                               : exactNumber(value, lang);
  }
  const std::string n = unitNumber(r.shown, lang);
  if (lang == Lang::En) {
    switch (r.kind) {
      case Approx::Nearly:
        return "nearly " + n;
      case Approx::Over:
        return (growth == Growth::Milestone ? "over " : "more than ") + n;
      default:
        return "more than " + n;
    }
  }
  switch (r.kind) {
    case Approx::Nearly:
      return "近" + n;
    case Approx::Over:
      return (growth == Growth::Milestone ? "突破" : "超过") + n;
    default:
      return n + "余";
  }
}

std::string approxCount(int64_t value, int64_t threshold, Growth growth, Lang lang,
                        std::string_view unit) {
  std::string s = approxNumber(value, threshold, growth, lang);
  if (unit.empty()) return s;
  if (lang == Lang::En) s += ' ';
  s += unit;
  return s;
}

std::string formatPercent(int64_t scaledValue, int decimals) {
  const int64_t p = pow10(decimals);
  const int64_t mag = scaledValue < 0 ? -scaledValue : scaledValue;
  std::string s = scaledValue < 0 ? "-" : "";
  s += std::to_string(mag / p);
  if (decimals > 0) {
    std::string frac = std::to_string(mag % p);
    s += "." + std::string(static_cast<size_t>(decimals) - frac.size(), '0') + frac;
  }
  return s + "%";
}

std::vector<int64_t> percentShares(const std::vector<int64_t>& parts, int64_t whole, int decimals) {
  std::vector<int64_t> out(parts.size(), 0);
  if (whole <= 0) return out;
  const int64_t scale = 100 * pow10(decimals);
  const int64_t sum = std::accumulate(parts.begin(), parts.end(), int64_t{0});
  if (sum != whole) {
    for (size_t i = 0; i < parts.size(); ++i) out[i] = (2 * parts[i] * scale + whole) / (2 * whole);
    return out;
  }
  std::vector<int64_t> rem(parts.size());
  int64_t given = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    out[i] = parts[i] * scale / whole;
    rem[i] = parts[i] * scale % whole;
    given += out[i];
  }
  std::vector<size_t> order(parts.size());
  std::iota(order.begin(), order.end(), size_t{0});
  // Largest remainder first; ties go to the larger part, then to the earlier one.
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (rem[a] != rem[b]) return rem[a] > rem[b];
    return parts[a] > parts[b];
  });
  for (size_t k = 0; given < scale && k < order.size(); ++k, ++given) ++out[order[k]];
  return out;
}

std::string changePhrase(int64_t current, int64_t previous, Lang lang, std::string_view unit,
                         int64_t threshold, int64_t small_previous) {
  const int64_t delta = current - previous;
  const bool en = lang == Lang::En;
  if (delta == 0) return en ? "unchanged from the previous year" : "与上年持平";
  const int64_t mag = delta < 0 ? -delta : delta;
  const std::string amount = approxCount(mag, threshold, Growth::Ordinary, lang, unit);
  const std::string absolute = en ? std::string(delta > 0 ? "an increase of " : "a decrease of ") +
                                        amount + " on the previous year"
                                  : std::string(delta > 0 ? "较上年增加" : "较上年减少") + amount;
  if (previous <= 0) return absolute;
  // Tenths of a percent, rounded half away from zero.
  int64_t tenths = 0;
  if (mag < INT64_MAX / 2000) {
    tenths = (2 * mag * 1000 + previous) / (2 * previous);
  } else {
    tenths = static_cast<int64_t>(
        static_cast<long double>(mag) * 1000.0L / static_cast<long double>(previous) + 0.5L);
  }
  std::string pct;
  if (tenths == 0) {
    pct = en ? "broadly unchanged from the previous year" : "与上年基本持平";
  } else if (en) {
    pct = std::string(delta > 0 ? "up " : "down ") + formatPercent(tenths, 1) + " year on year";
  } else {
    pct = std::string(delta > 0 ? "同比增长" : "同比下降") + formatPercent(tenths, 1);
  }
  if (previous >= small_previous) return pct;
  if (tenths == 0) return absolute;
  return en ? absolute + " (" + pct + ")" : absolute + "，" + pct;
}

}  // namespace pubtrack::reports
