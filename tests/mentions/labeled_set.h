// SPDX-License-Identifier: Apache-2.0
// The labeled mention set (tests/mentions/labeled_mentions.tsv): loading it, the agency
// configuration its header describes, and precision / recall of the matcher on it, overall, by
// the rule that matched and by the row's category. Shared by the test that asserts the figures
// and by bench/mention_match_bench, which prints them with the time per item.
#pragma once

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "collectors/mentions/mention_matcher.h"
#include "config/settings.h"

namespace pubtrack::fakes {

struct LabeledItem {
  int line = 0;
  bool label = false;  // 1: the item names the agency
  bool local = false;  // from an outlet of the agency's city
  std::string title, summary, category, note;
};

// Rows of the file: '#' lines and the header skipped; a literal \n in a field is a line break.
inline std::vector<LabeledItem> loadLabeledSet(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<LabeledItem> out;
  std::string line;
  bool header = true;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {  // label local title summary category note
      header = false;
      continue;
    }
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, '\t');) {
      for (size_t p = 0; (p = cell.find("\\n", p)) != std::string::npos;) cell.replace(p, 2, "\n");
      f.push_back(cell);
    }
    while (f.size() < 6) f.emplace_back();
    out.push_back({n, f[0] == "1", f[1] == "1", f[2], f[3], f[4], f[5]});
  }
  return out;
}

// The agency of the set's header, as a team would configure it: its Chinese names and aliases,
// the English full names English-language outlets use, the place and its other forms, and the
// stop words for notices that are no report (招聘启事, 招聘公告, 中标公告).
inline config::MonitorSettings labeledSetMonitor() {
  config::MonitorSettings m;
  m.keywords = {"深圳市国资委",
                "深圳市人民政府国有资产监督管理委员会",
                "深圳国资委",
                "市国资委",
                "国资委",
                "Shenzhen SASAC",
                "Shenzhen State-owned Assets Supervision and Administration Commission"};
  m.place = "深圳";
  m.place_aliases = {"鹏城", "Shenzhen"};
  m.stop_words = {"招聘启事", "招聘公告", "中标公告"};
  return m;
}

struct Tally {
  int tp = 0, fp = 0, fn = 0, tn = 0;
  double precision() const { return tp + fp ? double(tp) / (tp + fp) : 1.0; }
  double recall() const { return tp + fn ? double(tp) / (tp + fn) : 1.0; }
};

struct Evaluation {
  Tally overall;
  std::map<std::string, Tally> by_rule;      // predicted positives by rule (tp / fp only)
  std::map<std::string, Tally> by_category;  // the row's category
  std::vector<std::string> errors;           // "FP line 133 [national_alias] title"
};

inline Evaluation evaluate(const mentions::MentionMatcher& matcher,
                           const std::vector<LabeledItem>& items) {
  Evaluation e;
  for (const auto& it : items) {
    const auto r = matcher.match(it.title, it.summary, "", it.local);
    const bool p = r.matched();
    auto count = [&](Tally& t) {
      if (p && it.label) ++t.tp;
      if (p && !it.label) ++t.fp;
      if (!p && it.label) ++t.fn;
      if (!p && !it.label) ++t.tn;
    };
    count(e.overall);
    count(e.by_category[it.category]);
    if (p) count(e.by_rule[r.rule]);
    if (p != it.label)
      e.errors.push_back(std::string(p ? "FP" : "FN") + " line " + std::to_string(it.line) + " [" +
                         it.category + (p ? ", " + r.rule : "") + "] " + it.title);
  }
  return e;
}

inline std::string formatEvaluation(const Evaluation& e) {
  std::string out;
  char buf[200];
  auto row = [&](const std::string& name, const Tally& t, bool withRecall) {
    if (withRecall)
      std::snprintf(buf, sizeof buf,
                    "%-22s tp %3d fp %3d fn %3d  precision %6.1f%%  recall %6.1f%%\n", name.c_str(),
                    t.tp, t.fp, t.fn, 100 * t.precision(), 100 * t.recall());
    else
      std::snprintf(buf, sizeof buf, "%-22s tp %3d fp %3d         precision %6.1f%%\n",
                    name.c_str(), t.tp, t.fp, 100 * t.precision());
    out += buf;
  };
  row("overall", e.overall, true);
  out += "by rule (what matched):\n";
  for (const auto& [k, t] : e.by_rule) row("  " + k, t, false);
  out += "by category (labeled set):\n";
  for (const auto& [k, t] : e.by_category) row("  " + k, t, true);
  for (const auto& err : e.errors) out += "  " + err + "\n";
  return out;
}

}  // namespace pubtrack::fakes
