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

}  // namespace
}  // namespace pubtrack::mentions
