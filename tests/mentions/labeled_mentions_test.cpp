// SPDX-License-Identifier: Apache-2.0
// The matcher on the labeled set (labeled_mentions.tsv, 361 real-shaped headlines): precision
// and recall overall, by rule and by category, printed, and held to at least 95% each.
#include <gtest/gtest.h>

#include <iostream>

#include "tests/mentions/labeled_set.h"

namespace pubtrack::mentions {
namespace {

TEST(LabeledMentionsTest, PrecisionAndRecallAreAtLeast95Percent) {
  const auto items = fakes::loadLabeledSet(std::string(PUBTRACK_SOURCE_DIR) +
                                           "/tests/mentions/labeled_mentions.tsv");
  ASSERT_EQ(items.size(), 361u);
  const MentionMatcher matcher(fakes::labeledSetMonitor());
  const auto e = fakes::evaluate(matcher, items);
  std::cout << fakes::formatEvaluation(e);
  EXPECT_GE(e.overall.precision(), 0.95);
  EXPECT_GE(e.overall.recall(), 0.95);
  // Every category with positives is mostly found, and no rule is mostly wrong.
  for (const auto& [category, t] : e.by_category) {
    if (t.tp + t.fn > 0) {
      EXPECT_GE(t.recall(), 0.5) << category;
    }
  }
  for (const auto& [rule, t] : e.by_rule) EXPECT_GE(t.precision(), 0.9) << rule;
}

// The matcher skips folding an item that holds no keyword's last ideograph (nor a "&#"
// reference); with Chinese keywords only it screens, with one keyword of Latin letters it cannot.
// Both must give every item of the set, and the awkward spellings, the same verdict.
TEST(LabeledMentionsTest, ScreeningItemsChangesNoVerdict) {
  auto monitor = fakes::labeledSetMonitor();
  std::erase_if(monitor.keywords,
                [](const std::string& k) { return static_cast<unsigned char>(k[0]) < 0x80; });
  monitor.place_aliases = {"鹏城"};
  ASSERT_EQ(monitor.keywords.size(), 5u);
  const MentionMatcher screened(monitor);
  monitor.keywords.push_back("zqxj never written");
  const MentionMatcher unscreened(monitor);

  auto items = fakes::loadLabeledSet(std::string(PUBTRACK_SOURCE_DIR) +
                                     "/tests/mentions/labeled_mentions.tsv");
  for (const char* title :
       {"深圳市国資委推动改革", "深圳市人民政府國有資產監督管理委員會召開會議",
        "深圳市国资&#22996;发布通知", "深圳市国资&#x59D4;发布", "深 圳 市 国 资 委",
        "據市國資委消息", "招聘启事：深圳市国资委", "会议召开"})
    items.push_back({0, false, false, title, "", "", ""});
  int matched = 0;
  for (const auto& it : items)
    for (bool local : {false, true}) {
      SCOPED_TRACE(it.title + " | " + it.summary + (local ? " (local)" : ""));
      const std::string content = "<div><p>" + it.summary + "</p></div>";
      for (const auto& [summary, body] :
           {std::pair<std::string, std::string>{it.summary, ""}, {"", content}}) {
        const auto a = screened.match(it.title, summary, body, local);
        const auto b = unscreened.match(it.title, summary, body, local);
        EXPECT_EQ(a.keywords, b.keywords);
        EXPECT_EQ(a.where, b.where);
        EXPECT_EQ(a.rule, b.rule);
        EXPECT_EQ(a.stop_word, b.stop_word);
        matched += a.matched();
      }
    }
  EXPECT_GT(matched, 300);  // the comparison is over matches, not only over misses
}

}  // namespace
}  // namespace pubtrack::mentions
