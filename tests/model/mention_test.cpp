// SPDX-License-Identifier: Apache-2.0
// The names of tiers, review statuses, origins and languages, as stored and as typed; and the
// health rule of a source.
#include "model/mention.h"

#include <gtest/gtest.h>

#include "model/lang.h"
#include "model/ledger.h"
#include "model/source_health.h"

namespace pubtrack::model {
namespace {

TEST(MentionNamesTest, TiersStatusesAndOriginsRoundTrip) {
  for (Tier t : {Tier::Central, Tier::Provincial, Tier::Municipal, Tier::Other})
    EXPECT_EQ(parseTier(toString(t)), t);
  for (MentionStatus s :
       {MentionStatus::Candidate, MentionStatus::Confirmed, MentionStatus::Rejected})
    EXPECT_EQ(parseMentionStatus(toString(s)), s);
  for (MentionOrigin o : {MentionOrigin::Feed, MentionOrigin::Manual})
    EXPECT_EQ(parseMentionOrigin(toString(o)), o);
  EXPECT_EQ(toString(Tier::Provincial), "provincial");
  EXPECT_EQ(toString(MentionStatus::Rejected), "rejected");
}

TEST(MentionNamesTest, TiersAreReadAsPeopleTypeThem) {
  EXPECT_EQ(parseTier(" Central "), Tier::Central);
  EXPECT_EQ(parseTier("MUNICIPAL"), Tier::Municipal);
  EXPECT_FALSE(parseTier("national"));
  EXPECT_FALSE(parseTier(""));
  // By the names the report prints, and their short forms.
  EXPECT_EQ(parseTier("中央级"), Tier::Central);
  EXPECT_EQ(parseTier(" 省级 "), Tier::Provincial);
  EXPECT_EQ(parseTier("市级"), Tier::Municipal);
  EXPECT_EQ(parseTier("其他"), Tier::Other);
  EXPECT_EQ(parseTier("中央"), Tier::Central);
  EXPECT_EQ(parseTier("省"), Tier::Provincial);
  EXPECT_EQ(parseTier("市"), Tier::Municipal);
  EXPECT_FALSE(parseTier("县级"));
  EXPECT_EQ(tierChoices(), "central (中央级), provincial (省级), municipal (市级) or other (其他)");
  // Statuses are stored values: exact.
  EXPECT_FALSE(parseMentionStatus("Confirmed"));
}

TEST(LedgerRoleTest, RolesByTheirChineseOrEnglishNames) {
  for (const auto& r : ledgerRoles()) {
    EXPECT_EQ(parseLedgerRole(r.zh), std::string(r.zh));
    EXPECT_EQ(parseLedgerRole(r.en), std::string(r.zh));
  }
  EXPECT_EQ(parseLedgerRole(" Co-Handled "), "会办");
  EXPECT_FALSE(parseLedgerRole("牵头"));
  EXPECT_FALSE(parseLedgerRole(""));
  EXPECT_EQ(ledgerRoleChoices(),
            "主办 (lead), 会办 (co-handled), 协办 (assisting), 承办 (undertaken), 分办 (assigned), "
            "汇办 (consolidated)");
}

TEST(LangTest, ParsesBothLanguagesInAnyCase) {
  EXPECT_EQ(parseLang("zh"), Lang::Zh);
  EXPECT_EQ(parseLang("EN"), Lang::En);
  EXPECT_FALSE(parseLang("fr"));
  EXPECT_EQ(toString(Lang::En), "en");
}

TEST(SourceHealthTest, FailingStaleOrTheLastStatus) {
  const auto now = *core::parseUtc("2024-06-02T12:00:00Z");
  auto health = [&](const char* status, const char* run, const char* success) {
    return healthOf(SourceHealth{"feed.a", run, status, "", success}, now, 36);
  };
  EXPECT_EQ(healthOf(std::nullopt, now, 36), "never collected");
  EXPECT_EQ(health("failed", "2024-06-02T11:00:00Z", "2024-06-02T10:00:00Z"), "failing");
  EXPECT_EQ(health("partial", "2024-06-02T11:00:00Z", "2024-06-02T11:00:00Z"), "failing");
  EXPECT_EQ(health("ok", "2024-06-02T11:00:00Z", "2024-06-02T11:00:00Z"), "ok");
  EXPECT_EQ(health("not-modified", "2024-06-02T11:00:00Z", "2024-06-02T11:00:00Z"), "not-modified");
  // 37 h since the last success is stale; 35 h is not.
  EXPECT_EQ(health("interrupted", "2024-06-02T11:00:00Z", "2024-05-31T23:00:00Z"), "stale");
  EXPECT_EQ(health("interrupted", "2024-06-02T11:00:00Z", "2024-06-01T01:00:00Z"), "interrupted");
  // Never succeeded: counted from the first run.
  EXPECT_EQ(health("interrupted", "2024-05-31T00:00:00Z", ""), "stale");
  EXPECT_TRUE(needsAttention("stale"));
  EXPECT_TRUE(needsAttention("failing"));
  EXPECT_FALSE(needsAttention("never collected"));
}

}  // namespace
}  // namespace pubtrack::model
