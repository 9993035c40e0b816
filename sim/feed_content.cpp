// SPDX-License-Identifier: Apache-2.0
// ETags, RSS dates, charsets.tsv parsing and generated feeds.
#include "sim/feed_content.h"

#include <cstdio>
#include <fstream>

#include "core/strings.h"

namespace pubtrack::sim {

uint64_t fnv1a64(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string contentEtag(std::string_view content) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(fnv1a64(content)));
  return buf;
}

std::string rfc822China(core::TimePoint t) {
  static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const core::Date d = core::dateAt(t, core::kChinaTime);
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(
                        t - core::instantOf(d, 0, 0, 0, core::kChinaTime))
                        .count();
  const int dow = ((d.daysSinceEpoch() % 7) + 7 + 4) % 7;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0800", kDays[dow], d.day(),
                kMonths[d.month() - 1], d.year(), static_cast<int>(secs / 3600),
                static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
  return buf;
}

std::map<std::string, std::pair<std::string, std::string>> readCharsets(const std::string& path) {
  std::map<std::string, std::pair<std::string, std::string>> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> parts;
    size_t start = 0;
    for (size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1)
      parts.emplace_back(core::trim(std::string_view(line).substr(start, tab - start)));
    parts.emplace_back(core::trim(std::string_view(line).substr(start)));
    if (parts.size() < 2 || parts[0].empty()) continue;
    out[parts[0]] = {parts[1], parts.size() > 2 ? parts[2] : std::string()};
  }
  return out;
}

std::string generatedFeed(uint64_t seed, long long n, core::Date today, std::string_view mention) {
  static const char* const kHeadlines[] = {
      "推进国有企业改革深化提升行动", "召开安全生产专题会议",         "优化营商环境再出实招",
      "科技创新赋能高质量发展",       "民生实事项目稳步推进",         "数字政府建设取得新进展",
      "防汛防台风工作部署会召开",     "国企&amp;民企合作签约仪式举行"};
  auto h = [&](long long k) {
    uint64_t x = seed * 0x9E3779B97F4A7C15ULL ^ static_cast<uint64_t>(n) * 0xBF58476D1CE4E5B9ULL ^
                 static_cast<uint64_t>(k) * 0x94D049BB133111EBULL;
    x ^= x >> 31;
    x *= 0xD6E8FEB86659FD93ULL;
    return x ^ (x >> 32);
  };
  const std::string num = std::to_string(n);
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n"
      "<title>模拟新闻源 " +
      num + "</title>\n<link>https://news" + num +
      ".example.cn/</link>\n<description>pubtrack-sim generated feed " + num +
      "</description>\n<language>zh-cn</language>\n";
  for (int k = 0; k < 20; ++k) {
    const uint64_t r = h(k);
    const core::Date day = today - 1 - k;
    const auto at = core::instantOf(day, 7 + static_cast<int>(r % 14),
                                    static_cast<int>((r >> 8) % 60), 0, core::kChinaTime);
    const bool mentions = !mention.empty() && (r >> 20) % 4 == 0;
    const std::string title =
        (mentions ? std::string(mention) : std::string("本市")) + kHeadlines[(r >> 24) % 8];
    const std::string id = num + "-" + day.toString() + "-" + std::to_string(k);
    out += "<item>\n<title>" + title + "</title>\n<link>https://news" + num + ".example.cn/a/" +
           id + ".html</link>\n<guid isPermaLink=\"false\">gen-" + id + "</guid>\n<pubDate>" +
           rfc822China(at) + "</pubDate>\n<description>" + title +
           "。记者从有关部门获悉相关情况。</description>\n</item>\n";
  }
  out += "</channel>\n</rss>\n";
  return out;
}

}  // namespace pubtrack::sim
