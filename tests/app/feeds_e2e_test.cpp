// SPDX-License-Identifier: Apache-2.0
// The built `pubtrack` against pubtrack-sim (in-process, on 127.0.0.1) serving the bundled demo:
// mention counts by tier, conditional GET, per-feed failures and backoff, broken bodies,
// review, rematch, imports, the collect lock, SIGTERM, and SIGKILL at varied moments.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <curl/curl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <map>
#include <memory>
#include <regex>
#include <thread>

#include "core/date.h"
#include "sim/simulator.h"
#include "tests/support/http_call.h"
#include "tests/support/temp_dir.h"

namespace pubtrack {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using Clock = std::chrono::steady_clock;

const std::string kSource = PUBTRACK_SOURCE_DIR;
const std::vector<std::string> kEnv = {"PUBTRACK_DEMO_SECRET=demo-secret-not-real"};

// ----- processes --------------------------------------------------------------------------------

using fakes::Child;

Child spawnChild(const std::vector<std::string>& argv, const fs::path& cwd) {
  return fakes::startProcess(argv, cwd, kEnv);
}

// ----- JSON ------------------------------------------------------------------------------------

Poco::JSON::Array::Ptr jsonArray(const std::string& text) {
  try {
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Array::Ptr>();
  } catch (const Poco::Exception& e) {
    ADD_FAILURE() << "not a JSON array: " << e.displayText() << "\n" << text;
    return new Poco::JSON::Array;
  }
}

Poco::JSON::Object::Ptr jsonObject(const std::string& text) {
  try {
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception& e) {
    ADD_FAILURE() << "not a JSON object: " << e.displayText() << "\n" << text;
    return new Poco::JSON::Object;
  }
}

std::string field(const Poco::JSON::Object::Ptr& o, const std::string& name) {
  if (!o->has(name) || o->isNull(name)) return "";
  return o->get(name).toString();
}

// ----- the fixture -------------------------------------------------------------------------------

using TierCounts = std::map<std::string, int>;
const TierCounts kDemo2019 = {{"central", 12}, {"provincial", 21}, {"municipal", 46}, {"other", 6}};

// Waits until `pred` holds or `timeout` passes.
template <class Pred>
bool waitFor(Pred pred, std::chrono::milliseconds timeout) {
  const auto end = Clock::now() + timeout;
  while (Clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return pred();
}

class FeedsE2eTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { curl_global_init(CURL_GLOBAL_DEFAULT); }

  void SetUp() override {
    fs::copy(kSource + "/demo/feeds", dir_ / "feeds", fs::copy_options::recursive);
    auto scenario = sim::loadScenario(kSource + "/demo/scenario.ini");
    ASSERT_TRUE(scenario) << scenario.error().describe();
    sim::SimulatorOptions o;
    o.scenario = *scenario;
    o.feeds_dir = (dir_ / "feeds").string();
    o.now = sim::parseSimTime("2020-01-15T09:00");
    sim_ = std::make_unique<sim::Simulator>(o);
    sim_->start();
    writeConfig("");
  }

  // The demo configuration pointed at the simulator; `http` adds [http] keys. Retries are off
  // so that one injected fault is one failed fetch.
  void writeConfig(const std::string& http, const std::string& keywords = "") {
    std::string ini = fakes::readFile(kSource + "/demo/pubtrack.ini");
    ini = std::regex_replace(ini, std::regex("@SIM_PORT@"), std::to_string(sim_->port()));
    if (!keywords.empty())
      ini = std::regex_replace(ini, std::regex("\nkeywords = [^\n]*"), "\nkeywords = " + keywords);
    ini += "\n[http]\nretries = 0\ntimeout_ms = 20000\n" + http;
    fakes::writeFile(dir_ / "pubtrack.ini", ini);
  }

  std::vector<std::string> argv(std::vector<std::string> args) const {
    args.insert(args.begin(), {PUBTRACK_EXE, "--config", (dir_ / "pubtrack.ini").string()});
    return args;
  }
  fakes::ProcessResult run(std::vector<std::string> args) {
    return fakes::runProcess(argv(std::move(args)), dir_.path(), kEnv);
  }
  fakes::ProcessResult collectFeeds(const std::string& today = "2020-01-15") {
    return run({"collect", "--source", "feeds", "--today", today});
  }
  Child start(std::vector<std::string> args) {
    return spawnChild(argv(std::move(args)), dir_.path());
  }

  // A collect of the demo feeds one request at a time, with people.xml answering after 2.5 s;
  // returns once people.xml has been asked (the other feeds are still waiting).
  Child startWithSlowPeople() {
    writeConfig("concurrency = 1\nper_host = 1\n");
    fault(R"({"path":"/feeds/people.xml","kind":"slow","delay_ms":2500})");
    Child c = start({"collect", "--source", "feeds", "--today", "2020-01-15"});
    EXPECT_GT(c.pid, 0);
    EXPECT_TRUE(waitFor([&] { return hits("/feeds/people.xml") == 1; }, std::chrono::seconds(20)));
    return c;
  }

  void fault(const std::string& json) {
    const std::string reply = fakes::httpCall(sim_->baseUrl() + "/sim/fault", &json);
    EXPECT_THAT(reply, Not(HasSubstr("error"))) << json;
  }
  void clearFaults() {
    const std::string empty = "{}";
    fakes::httpCall(sim_->baseUrl() + "/sim/fault/clear", &empty);
  }
  int hits(const std::string& path) {
    auto o = jsonObject(fakes::httpCall(sim_->baseUrl() + "/sim/hits", nullptr));
    return o->has(path) ? o->getValue<int>(path) : 0;
  }

  // Counted 2019 mentions (each report once, rejected ones never) by tier.
  TierCounts counts2019() {
    auto r =
        run({"mentions", "list", "--from", "2019-01-01", "--to", "2019-12-31", "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    TierCounts c;
    auto rows = jsonArray(r.out);
    for (size_t i = 0; i < rows->size(); ++i) {
      auto o = rows->getObject(static_cast<unsigned>(i));
      if (field(o, "status") != "rejected") ++c[field(o, "tier")];
    }
    return c;
  }
  Poco::JSON::Array::Ptr mentions(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> a = {"mentions", "list", "--format", "json"};
    a.insert(a.end(), extra.begin(), extra.end());
    auto r = run(a);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return jsonArray(r.out);
  }
  // feeds list --format json, by feed id.
  std::map<std::string, Poco::JSON::Object::Ptr> feeds() {
    auto r = run({"feeds", "list", "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::map<std::string, Poco::JSON::Object::Ptr> out;
    auto rows = jsonArray(r.out);
    for (size_t i = 0; i < rows->size(); ++i) {
      auto o = rows->getObject(static_cast<unsigned>(i));
      out[field(o, "id")] = o;
    }
    return out;
  }
  int64_t sqlInt(const std::string& query) { return sqlInt(dir_ / "pubtrack.db", query); }
  static int64_t sqlInt(const fs::path& db, const std::string& query) {
    SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
    return d.execAndGet(query).getInt64();
  }

  fakes::TempDir dir_;
  std::unique_ptr<sim::Simulator> sim_;
};

const std::vector<std::string> kFeedIds = {"people", "xinhua",   "central-mix", "southcn",
                                           "sznews", "dutenews", "aggregator"};
const std::map<std::string, std::string> kFeedFile = {
    {"people", "people.xml"},        {"xinhua", "xinhua.xml"}, {"central-mix", "central-mix.rdf"},
    {"southcn", "southcn.xml"},      {"sznews", "sznews.xml"}, {"dutenews", "dutenews.json"},
    {"aggregator", "aggregator.xml"}};

// ----- counts and conditional GET ---------------------------------------------------------------

TEST_F(FeedsE2eTest, FirstCollectCountsTheDemoMentionsByTier) {
  auto r = collectFeeds();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("feeds: 7 sources, 7 ok, 0 not modified, 0 failed"));
  EXPECT_EQ(counts2019(), kDemo2019);
  // Every item is stored, mention or not (noise included), and the whole year is there.
  EXPECT_GT(sqlInt("SELECT count(*) FROM feed_items WHERE id NOT IN (SELECT item_id FROM mentions "
                   "WHERE item_id IS NOT NULL)"),
            20);
  // The excluded phrase is stored as an item but is no mention.
  EXPECT_EQ(sqlInt("SELECT count(*) FROM feed_items WHERE title LIKE '%招聘启事%'"), 1);
  EXPECT_EQ(sqlInt("SELECT count(*) FROM mentions WHERE title LIKE '%招聘启事%'"), 0);
  // The syndicated Xinhua story: counted for each outlet, the later copy points to the earlier.
  EXPECT_EQ(sqlInt("SELECT count(*) FROM mentions m JOIN mentions r ON m.duplicate_of = r.id "
                   "WHERE m.outlet = '深圳新闻网' AND r.outlet = '新华网'"),
            1);
  // The aggregator's copies of sznews reports (URL variants) are sightings, not counts: one
  // of each pair, whichever feed was written first, points to the other with same_as.
  EXPECT_EQ(sqlInt("SELECT count(*) FROM mentions m JOIN mentions r ON m.same_as = r.id JOIN "
                   "feed_items mi ON mi.id = m.item_id JOIN feed_items ri ON ri.id = r.item_id "
                   "WHERE 'aggregator' IN (mi.feed, ri.feed) AND 'sznews' IN (mi.feed, ri.feed)"),
            3);
  // The sznews re-post (same title the next day) is a sighting too.
  EXPECT_EQ(sqlInt("SELECT count(*) FROM mentions WHERE same_as IS NOT NULL"), 4);
  // GB2312 southcn titles are readable.
  EXPECT_GT(
      sqlInt("SELECT count(*) FROM mentions WHERE outlet = '南方网' AND title LIKE '%国资委%'"), 0);
  auto f = feeds();
  for (const auto& id : kFeedIds) {
    SCOPED_TRACE(id);
    ASSERT_TRUE(f.count(id));
    EXPECT_EQ(field(f[id], "last_status"), "ok");
    EXPECT_EQ(field(f[id], "last_error"), "");
    EXPECT_EQ(field(f[id], "next_due"), "");
  }
  EXPECT_EQ(sqlInt("SELECT count(*) FROM source_state WHERE etag IS NOT NULL AND etag != '' AND "
                   "last_modified IS NOT NULL AND last_modified != ''"),
            7);
}

TEST_F(FeedsE2eTest, SecondCollectIsAllNotModifiedAndCountsNothingTwice) {
  ASSERT_EQ(collectFeeds().exit_code, 0);
  const int64_t items = sqlInt("SELECT count(*) FROM feed_items");
  const int64_t rows = sqlInt("SELECT count(*) FROM mentions");
  auto r = collectFeeds();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("7 not modified, 0 failed; 0 new items, 0 new mentions"));
  auto f = feeds();
  for (const auto& id : kFeedIds) {
    SCOPED_TRACE(id);
    EXPECT_EQ(field(f[id], "last_status"), "not-modified");
    EXPECT_EQ(hits("/feeds/" + kFeedFile.at(id)), 2);  // every healthy feed is asked each run
  }
  EXPECT_EQ(sqlInt("SELECT count(*) FROM feed_items"), items);
  EXPECT_EQ(sqlInt("SELECT count(*) FROM mentions"), rows);
  EXPECT_EQ(counts2019(), kDemo2019);
  // Without validators (state lost) everything is fetched again, still counted once.
  {
    SQLite::Database d((dir_ / "pubtrack.db").string(), SQLite::OPEN_READWRITE);
    d.exec("UPDATE source_state SET etag = NULL, last_modified = NULL");
  }
  r = collectFeeds();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("7 ok, 0 not modified"));
  EXPECT_THAT(r.out, HasSubstr("0 new items, 0 new mentions"));
  EXPECT_EQ(sqlInt("SELECT count(*) FROM mentions"), rows);
  EXPECT_EQ(counts2019(), kDemo2019);
}

TEST_F(FeedsE2eTest, AFeedChangedOnDiskIsFetchedAgain) {
  ASSERT_EQ(collectFeeds().exit_code, 0);
  const fs::path people = dir_ / "feeds" / "people.xml";
  std::string xml = fakes::readFile(people);
  const std::string item =
      "<item><title>深圳市国资委召开新春座谈会部署全年工作</title>"
      "<link>http://sz.people.com.cn/n2/2019/1230/c9999.html</link>"
      "<pubDate>Mon, 30 Dec 2019 02:00:00 +0000</pubDate></item>";
  const size_t pos = xml.find("</channel>");
  ASSERT_NE(pos, std::string::npos);
  xml.insert(pos, item);
  fakes::writeFile(people, xml);
  auto r = collectFeeds();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("1 ok, 6 not modified"));
  EXPECT_THAT(r.out, HasSubstr("1 new items, 1 new mentions"));
  auto f = feeds();
  EXPECT_EQ(field(f["people"], "last_status"), "ok");
  EXPECT_EQ(field(f["xinhua"], "last_status"), "not-modified");
  auto expected = kDemo2019;
  ++expected["central"];
  EXPECT_EQ(counts2019(), expected);
}

// An RSS 0.91 feed whose 22 items carry only a <description> (no guid, link or title): every
// item is stored, once, and `feeds list` says the feed gives its items no id of their own.
TEST_F(FeedsE2eTest, ItemsWithoutIdsAreAllKeptAndNeverDoubled) {
  const fs::path people = dir_ / "feeds" / "people.xml";
  const std::string feed = fakes::readFile(std::string(PUBTRACK_TEST_DATA_DIR) +
                                           "/feeds/rss091_description_only_22_items.xml");
  fakes::writeFile(people, feed);
  auto first = collectFeeds();
  ASSERT_EQ(first.exit_code, 0) << first.err;
  auto items = [&] {
    auto r = run({"items", "list", "--feed", "people", "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return jsonArray(r.out);
  };
  EXPECT_EQ(items()->size(), 22u);
  EXPECT_EQ(field(feeds()["people"], "item_ids"), "none (by content)");
  EXPECT_EQ(field(feeds()["xinhua"], "item_ids"), "own");
  // Fetched again with the items in the opposite order: nothing new, nothing lost.
  std::vector<std::string> blocks;
  std::string head = feed.substr(0, feed.find("<item>")),
              tail = feed.substr(feed.rfind("</item>") + 7);
  for (size_t p = feed.find("<item>"); p != std::string::npos; p = feed.find("<item>", p + 1))
    blocks.push_back(feed.substr(p, feed.find("</item>", p) + 7 - p));
  std::string reversed = head;
  for (auto it = blocks.rbegin(); it != blocks.rend(); ++it) reversed += *it + "\n";
  fakes::writeFile(people, reversed + tail);
  auto second = collectFeeds();
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr("0 new items"));
  EXPECT_EQ(items()->size(), 22u);
}

TEST_F(FeedsE2eTest, ItemsListShowsChinaTimeToPeopleAndUtcToPrograms) {
  ASSERT_EQ(collectFeeds().exit_code, 0);
  auto json = run({"items", "list", "--feed", "sznews", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto rows = jsonArray(json.out);
  ASSERT_GT(rows->size(), 0u);
  const std::string utc = rows->getObject(0)->getValue<std::string>("published");
  ASSERT_EQ(utc.back(), 'Z') << utc;
  const auto at = core::parseUtc(utc);
  ASSERT_TRUE(at);
  const std::string china = core::formatAt(*at, core::kChinaTime);
  ASSERT_THAT(china, HasSubstr("+08:00"));
  auto table = run({"items", "list", "--feed", "sznews"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr(china));
  EXPECT_THAT(table.out, Not(HasSubstr(utc)));
}

// ----- failures, backoff, broken bodies ---------------------------------------------------------

TEST_F(FeedsE2eTest, AFailingFeedIsBackedOffWhileTheOthersAreAsked) {
  fault(R"({"path":"/feeds/people.xml","http_status":500,"times":-1,"retry_after":7200})");
  auto r = collectFeeds();
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_THAT(r.out, HasSubstr("6 ok, 0 not modified, 1 failed"));
  EXPECT_THAT(r.err, HasSubstr("HTTP 500"));
  auto f = feeds();
  EXPECT_EQ(field(f["people"], "last_status"), "failed");
  EXPECT_THAT(field(f["people"], "last_error"), HasSubstr("HTTP 500"));
  // Retry-After (2 h) is later than the first backoff step (1 h); --today is 01:00Z.
  EXPECT_EQ(field(f["people"], "next_due"), "2020-01-15T03:00:00Z");
  for (const auto& id : kFeedIds) {
    if (id == "people") continue;
    EXPECT_EQ(field(f[id], "last_status"), "ok") << id;
  }
  auto c = counts2019();
  EXPECT_EQ(c["central"], kDemo2019.at("central") - 4);  // people's 4 are missing
  EXPECT_EQ(c["municipal"], kDemo2019.at("municipal"));

  // The next run, before it is due: not asked; the healthy ones are.
  const int before = hits("/feeds/people.xml");
  r = collectFeeds();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("1 backed off"));
  EXPECT_EQ(hits("/feeds/people.xml"), before);
  EXPECT_EQ(hits("/feeds/sznews.xml"), 2);
  EXPECT_EQ(field(feeds()["people"], "last_status"), "failed");
  EXPECT_EQ(sqlInt("SELECT error_count FROM source_state WHERE source = 'feed.people'"), 1);

  // A day later it is asked again and recovers.
  clearFaults();
  r = collectFeeds("2020-01-16");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  f = feeds();
  EXPECT_EQ(field(f["people"], "last_status"), "ok");
  EXPECT_EQ(field(f["people"], "last_error"), "");
  EXPECT_EQ(field(f["people"], "next_due"), "");
  EXPECT_EQ(counts2019(), kDemo2019);
}

TEST_F(FeedsE2eTest, RepeatedFailuresBackOffLonger) {
  fault(R"({"path":"/feeds/xinhua.xml","http_status":503,"times":-1})");
  EXPECT_EQ(collectFeeds("2020-01-15").exit_code, 1);
  EXPECT_EQ(field(feeds()["xinhua"], "next_due"), "2020-01-15T02:00:00Z");
  EXPECT_EQ(collectFeeds("2020-01-16").exit_code, 1);
  EXPECT_EQ(field(feeds()["xinhua"], "next_due"), "2020-01-16T03:00:00Z");
  EXPECT_EQ(sqlInt("SELECT error_count FROM source_state WHERE source = 'feed.xinhua'"), 2);
}

TEST_F(FeedsE2eTest, HtmlPageAndEmptyBodyAreFailedFetchesWithAClearError) {
  fault(R"({"path":"/feeds/people.xml","kind":"html","times":-1})");
  fakes::writeFile(dir_ / "feeds" / "xinhua.xml", "");
  auto r = collectFeeds();
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_THAT(r.out, HasSubstr("5 ok, 0 not modified, 2 failed"));
  auto f = feeds();
  EXPECT_EQ(field(f["people"], "last_status"), "failed");
  EXPECT_THAT(field(f["people"], "last_error"), HasSubstr("not a feed"));
  EXPECT_THAT(field(f["people"], "last_error"), HasSubstr("HTML"));
  EXPECT_EQ(field(f["xinhua"], "last_status"), "failed");
  EXPECT_THAT(field(f["xinhua"], "last_error"), HasSubstr("empty body"));
  EXPECT_NE(field(f["xinhua"], "next_due"), "");
  EXPECT_EQ(field(f["sznews"], "last_status"), "ok");
  EXPECT_EQ(sqlInt("SELECT count(*) FROM feed_items WHERE feed IN ('people', 'xinhua')"), 0);
  // What each failed feed sent is kept for whoever looks into it; a clean feed keeps no body.
  EXPECT_EQ(sqlInt("SELECT count(*) FROM raw_responses WHERE source = 'feed.people' AND "
                   "instr(body, '<html') > 0"),
            1);
  EXPECT_EQ(sqlInt("SELECT count(*) FROM raw_responses WHERE source = 'feed.xinhua' AND "
                   "length(body) = 0 AND status = 200"),
            1);
  EXPECT_EQ(sqlInt("SELECT count(*) FROM raw_responses WHERE source = 'feed.sznews'"), 0);
  // feeds body shows it: the bytes on stdout (or in --out FILE), what they were on stderr.
  auto page = run({"feeds", "body", "people"});
  EXPECT_EQ(page.exit_code, 0) << page.err;
  EXPECT_THAT(page.out, HasSubstr("<html"));
  EXPECT_THAT(page.err, HasSubstr("feed.people: " + std::to_string(page.out.size()) + " bytes"));
  EXPECT_THAT(page.err, HasSubstr("+08:00"));
  const fs::path saved = dir_ / "people-body.html";
  auto toFile = run({"feeds", "body", "people", "--out", saved.string()});
  EXPECT_EQ(toFile.exit_code, 0) << toFile.err;
  EXPECT_EQ(toFile.out, "");
  EXPECT_EQ(fakes::readFile(saved), page.out);
  auto clean = run({"feeds", "body", "sznews"});
  EXPECT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_EQ(clean.out, "");
  EXPECT_THAT(clean.err, HasSubstr("feed.sznews: no body kept"));
  auto unknown = run({"feeds", "body", "nope"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("nope: no such feed"));
}

TEST_F(FeedsE2eTest, AnIllFormedFeedGivesItsRecoveredItemsAndAWarning) {
  const fs::path sz = dir_ / "feeds" / "sznews.xml";
  const std::string xml = fakes::readFile(sz);
  // Cut the document after its tenth item: no closing tags.
  size_t pos = 0;
  for (int i = 0; i < 10; ++i) pos = xml.find("</item>", pos) + 7;
  fakes::writeFile(sz, xml.substr(0, pos) + "\n<item><title>深圳市国资委");
  auto r = collectFeeds();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("1 with warnings"));
  auto f = feeds();
  EXPECT_EQ(field(f["sznews"], "last_status"), "ok");
  EXPECT_NE(field(f["sznews"], "last_warning"), "");
  EXPECT_EQ(field(f["sznews"], "last_error"), "");
  EXPECT_EQ(field(f["people"], "last_warning"), "");
  EXPECT_GE(sqlInt("SELECT count(*) FROM feed_items WHERE feed = 'sznews'"), 10);
  // The body that explains the warning is kept, and only while it describes the feed.
  const auto kept = "SELECT count(*) FROM raw_responses WHERE source = 'feed.sznews'";
  EXPECT_EQ(sqlInt(kept), 1);
  EXPECT_EQ(sqlInt("SELECT count(*) FROM raw_responses WHERE source = 'feed.people'"), 0);
  fakes::writeFile(sz, xml);
  r = collectFeeds();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(field(feeds()["sznews"], "last_warning"), "");
  EXPECT_EQ(sqlInt(kept), 0);
}

TEST_F(FeedsE2eTest, ABodyOverMaxBodyBytesFailsThatFeedOnly) {
  writeConfig("max_body_bytes = 262144\n");
  fault(R"({"path":"/feeds/aggregator.xml","kind":"huge","bytes":4194304,"times":-1})");
  auto r = collectFeeds();
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto f = feeds();
  EXPECT_EQ(field(f["aggregator"], "last_status"), "failed");
  EXPECT_THAT(field(f["aggregator"], "last_error"), HasSubstr("max_body_bytes"));
  for (const auto& id : kFeedIds) {
    if (id == "aggregator") continue;
    EXPECT_EQ(field(f[id], "last_status"), "ok") << id;
  }
  EXPECT_EQ(sqlInt("SELECT count(*) FROM feed_items WHERE feed = 'aggregator'"), 0);
  auto c = counts2019();
  EXPECT_EQ(c["central"], 12);
  EXPECT_EQ(c["other"], 0);  // the aggregator's sohu mentions
}

// ----- review, rematch, imports -----------------------------------------------------------------

TEST_F(FeedsE2eTest, ConfirmAndRejectChangeTheCounts) {
  ASSERT_EQ(collectFeeds().exit_code, 0);
  auto municipal = mentions({"--tier", "municipal", "--from", "2019-01-01", "--to", "2019-12-31"});
  ASSERT_GE(municipal->size(), 2u);
  const std::string a = field(municipal->getObject(0), "id");
  const std::string b = field(municipal->getObject(1), "id");
  auto r = run({"mentions", "reject", a});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run({"mentions", "confirm", b});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto expected = kDemo2019;
  --expected["municipal"];
  EXPECT_EQ(counts2019(), expected);
  EXPECT_EQ(mentions({"--status", "confirmed"})->size(), 1u);
  EXPECT_EQ(mentions({"--status", "rejected"})->size(), 1u);
  // An unknown id changes nothing.
  r = run({"mentions", "confirm", a, "999999"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("no mention with id 999999"));
  EXPECT_EQ(mentions({"--status", "rejected"})->size(), 1u);
  // Fetched again (validators dropped): the decisions stay.
  {
    SQLite::Database d((dir_ / "pubtrack.db").string(), SQLite::OPEN_READWRITE);
    d.exec("UPDATE source_state SET etag = NULL, last_modified = NULL");
  }
  ASSERT_EQ(collectFeeds().exit_code, 0);
  EXPECT_EQ(counts2019(), expected);
  EXPECT_EQ(mentions({"--status", "confirmed"})->size(), 1u);
}

TEST_F(FeedsE2eTest, RematchAppliesNewKeywordsToEveryStoredItem) {
  ASSERT_EQ(collectFeeds().exit_code, 0);
  const int64_t before = sqlInt("SELECT count(*) FROM mentions");
  // The noise items carry one of these column names.
  writeConfig("",
              "深圳市国资委, 深圳国资委, 市国资委, 深圳市人民政府国有资产监督管理委员会, "
              "市场观察, 专家解读, 一周要闻, 数据速览");
  auto r = run({"mentions", "rematch"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("24 new mentions, 0 candidates no longer match"));
  EXPECT_EQ(sqlInt("SELECT count(*) FROM mentions"), before + 24);
  // Nothing is fetched for it.
  EXPECT_EQ(hits("/feeds/people.xml"), 1);
  // The exclude phrase still wins.
  EXPECT_EQ(sqlInt("SELECT count(*) FROM mentions WHERE title LIKE '%招聘启事%'"), 0);
  // Rematch again: nothing new.
  r = run({"mentions", "rematch"});
  EXPECT_THAT(r.out, HasSubstr(" 0 new mentions"));
  // Back to the original keywords: the unreviewed extra ones go, the counts are the demo's.
  writeConfig("");
  r = run({"mentions", "rematch"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("0 new mentions, 24 candidates no longer match"));
  EXPECT_EQ(sqlInt("SELECT count(*) FROM mentions"), before);
  EXPECT_EQ(counts2019(), kDemo2019);
}

// Place-aware matching end to end: sznews is the agency's city's outlet, so its 市国资委
// headlines are mentions by the alias_local_outlet rule; a rematch with new rules drops the
// unreviewed ones and never overturns a review.
TEST_F(FeedsE2eTest, RematchExplainsMatchesAndNeverOverturnsAReview) {
  writeConfig("");
  auto placeAware = [&](const std::string& keywords) {
    std::string ini = fakes::readFile(dir_ / "pubtrack.ini");
    ini = std::regex_replace(ini, std::regex("domains = sznews.com"),
                             "domains = sznews.com\nlocal = true");
    ini = std::regex_replace(ini, std::regex("\nkeywords = [^\n]*"),
                             "\nkeywords = " + keywords + "\nplace = 深圳");
    fakes::writeFile(dir_ / "pubtrack.ini", ini);
  };
  placeAware("深圳市国资委, 深圳国资委, 市国资委, 深圳市人民政府国有资产监督管理委员会");
  ASSERT_EQ(collectFeeds().exit_code, 0);
  std::vector<std::string> alias;
  int fullName = 0;
  auto all = mentions({"--from", "2019-01-01", "--to", "2019-12-31"});
  for (size_t i = 0; i < all->size(); ++i) {
    const auto o = all->getObject(static_cast<unsigned>(i));
    if (field(o, "match_rule") == "alias_local_outlet") {
      EXPECT_EQ(field(o, "keywords"), "市国资委") << field(o, "title");
      EXPECT_EQ(field(o, "outlet"), "深圳新闻网") << field(o, "title");
      alias.push_back(field(o, "id"));
    }
    fullName += field(o, "match_rule") == "full_name";
    EXPECT_NE(field(o, "match_where"), "") << field(o, "title");
  }
  ASSERT_GE(alias.size(), 3u);
  EXPECT_GT(fullName, 0);
  ASSERT_EQ(run({"mentions", "confirm", alias[0]}).exit_code, 0);
  ASSERT_EQ(run({"mentions", "reject", alias[1]}).exit_code, 0);

  // Without the alias, the alias-only candidates go; the two reviewed ones stay as they were.
  placeAware("深圳市国资委, 深圳国资委, 深圳市人民政府国有资产监督管理委员会");
  auto r = run({"mentions", "rematch"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("0 new mentions, " + std::to_string(alias.size() - 2) +
                               " candidates no longer match (dropped), 2 reviewed mentions no "
                               "longer match but keep their review"));
  EXPECT_EQ(
      sqlInt("SELECT count(*) FROM mentions WHERE id = " + alias[0] + " AND status = 'confirmed'"),
      1);
  EXPECT_EQ(
      sqlInt("SELECT count(*) FROM mentions WHERE id = " + alias[1] + " AND status = 'rejected'"),
      1);
  EXPECT_EQ(sqlInt("SELECT count(*) FROM mentions WHERE match_rule = 'alias_local_outlet'"), 2);
  // And back: the dropped ones return as candidates, the reviewed ones keep their decision.
  placeAware("深圳市国资委, 深圳国资委, 市国资委, 深圳市人民政府国有资产监督管理委员会");
  r = run({"mentions", "rematch"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr(std::to_string(alias.size() - 2) + " new mentions, 0 candidates"));
  EXPECT_EQ(
      sqlInt("SELECT count(*) FROM mentions WHERE id = " + alias[0] + " AND status = 'confirmed'"),
      1);
}

TEST_F(FeedsE2eTest, MentionsImportAddsHandFoundMentionsOrNothing) {
  ASSERT_EQ(collectFeeds().exit_code, 0);
  fakes::writeFile(dir_ / "bad.csv",
                   "date,outlet,tier,title,url,status,note\n"
                   "2019-04-02,深圳特区报,municipal,深圳市国资委推进国企改革（纸媒）,,,A02版\n"
                   "2019-04-03,深圳卫视,county,深圳国资委专题报道,,,\n"
                   "2019-13-01,深圳卫视,municipal,深圳国资委专题报道二,,,\n");
  auto r = run({"mentions", "import", "bad.csv"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("bad.csv: line 3: tier: expected central (中央级), provincial "
                               "(省级), municipal (市级) or other (其他), got 'county'"));
  EXPECT_THAT(r.err, HasSubstr("bad.csv: line 4: date"));
  EXPECT_THAT(r.err, HasSubstr("nothing of bad.csv was stored"));
  EXPECT_EQ(sqlInt("SELECT count(*) FROM mentions WHERE origin = 'manual'"), 0);
  EXPECT_EQ(counts2019(), kDemo2019);

  fakes::writeFile(dir_ / "good.csv",
                   "\xEF\xBB\xBF"
                   "date,outlet,tier,title,url,status,note\r\n"
                   "2019-04-02,深圳特区报,municipal,深圳市国资委推进国企改革（纸媒）,,,A02版\r\n"
                   "2019-05-10,深圳卫视,municipal,\"深圳国资委, 专题报道\",,candidate,\r\n"
                   "2019-06-01,央视,central,央视报道深圳国企改革成效,"
                   "http://tv.cctv.com/2019/06/01/x.shtml,,\"两行\n备注\"\r\n"
                   "2018-06-01,央视,central,去年的一条报道不计入今年,,,\r\n");
  r = run({"mentions", "import", "good.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("imported 4 mentions"));
  auto expected = kDemo2019;
  expected["municipal"] += 2;
  expected["central"] += 1;
  EXPECT_EQ(counts2019(), expected);
  EXPECT_EQ(sqlInt("SELECT count(*) FROM mentions WHERE origin = 'manual' AND status = "
                   "'confirmed'"),
            3);
  // The note kept its line break.
  EXPECT_EQ(sqlInt("SELECT count(*) FROM mentions WHERE origin = 'manual' AND note = '两行\n备注'"),
            1);
  // Importing the same file again counts nothing twice.
  r = run({"mentions", "import", "good.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(counts2019(), expected);
}

TEST_F(FeedsE2eTest, RecordImportAddListAndDelete) {
  auto r = run({"record", "import", kSource + "/demo/ledger.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("imported 12 records"));
  auto list = [&]() {
    auto l = run({"record", "list", "--format", "json"});
    EXPECT_EQ(l.exit_code, 0) << l.err;
    return jsonArray(l.out);
  };
  ASSERT_EQ(list()->size(), 12u);
  EXPECT_EQ(sqlInt("SELECT count(*) FROM ledger WHERE origin = 'import:ledger.csv'"), 12);

  // A bad line names its line number; nothing of the file is stored.
  fakes::writeFile(dir_ / "more.csv",
                   "kind,date,title,count,role\n"
                   "interview,2019-02-01,访谈一,1,\n"
                   "\"consultation\",2019-02-02,\"多行\n标题\",2,\n"
                   "intervew,2019-02-03,访谈二,1,\n"
                   "npc_suggestion,2019-02-04,建议,3,主办\n");
  r = run({"record", "import", "more.csv"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("more.csv: line 5: kind: unknown kind 'intervew' (did you mean "
                               "'interview'?)"));
  EXPECT_THAT(r.err, HasSubstr("nothing of more.csv was stored"));
  EXPECT_EQ(list()->size(), 12u);
  fakes::writeFile(dir_ / "short.csv", "kind,date,title\ninterview,2019-02-01\n");
  r = run({"record", "import", "short.csv"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("short.csv: line 2: expected 3 fields, got 2"));
  fakes::writeFile(dir_ / "gbk.csv", "kind,date,title\ninterview,2019-02-01,\xB7\xC3\xCC\xB8\n");
  r = run({"record", "import", "gbk.csv"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("gbk.csv: line 2: not UTF-8"));
  EXPECT_EQ(list()->size(), 12u);

  r = run({"record", "add", "--kind", "press_conference", "--date", "2019-08-08", "--title",
           "新闻发布会", "--count", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m, std::regex("recorded #([0-9]+)"))) << r.out;
  const std::string id = m[1];
  auto rows = list();
  ASSERT_EQ(rows->size(), 13u);
  EXPECT_EQ(sqlInt("SELECT count FROM ledger WHERE id = " + id), 2);
  r = run({"record", "add", "--kind", "lawsuit", "--date", "2019-02-30"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("date"));
  r = run({"record", "delete", id});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(list()->size(), 12u);
  r = run({"record", "delete", id});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("no record with id " + id));
}

// ----- the collect lock, signals ----------------------------------------------------------------

TEST_F(FeedsE2eTest, ASecondConcurrentCollectExits3NamingTheFirst) {
  fault(R"({"path":"/feeds/people.xml","kind":"slow","delay_ms":3000})");
  Child first = start({"collect", "--source", "feeds", "--today", "2020-01-15"});
  ASSERT_GT(first.pid, 0);
  const fs::path lock = dir_ / "pubtrack.db.lock";
  ASSERT_TRUE(waitFor([&] { return fakes::readFile(lock).find("pid") != std::string::npos; },
                      std::chrono::seconds(20)));
  const auto t0 = Clock::now();
  auto second = run({"collect", "--source", "feeds", "--today", "2020-01-15"});
  EXPECT_LT(Clock::now() - t0, std::chrono::seconds(2));  // at once, not after the first
  EXPECT_EQ(second.exit_code, 3);
  EXPECT_THAT(second.err, HasSubstr("another collect is running (pid " + std::to_string(first.pid) +
                                    ", since 2020-01-15T01:00:00Z)"));
  auto done = fakes::waitProcess(first);
  EXPECT_EQ(done.exit_code, 0) << done.err;
  // Released: the next one runs.
  EXPECT_EQ(collectFeeds().exit_code, 0);
  EXPECT_EQ(counts2019(), kDemo2019);
}

TEST_F(FeedsE2eTest, AStaleLockFileNeverBlocks) {
  fakes::writeFile(dir_ / "pubtrack.db.lock", "pid 999999, since 2020-01-01T00:00:00Z\n");
  auto r = collectFeeds();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(counts2019(), kDemo2019);
}

TEST_F(FeedsE2eTest, SigtermStopsStartingRequestsSavesWhatWasFetchedAndTheNextRunCompletes) {
  // One request at a time, so that the other feeds are still waiting when the signal comes.
  Child c = startWithSlowPeople();
  ASSERT_GT(c.pid, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto t0 = Clock::now();
  ASSERT_EQ(::kill(c.pid, SIGTERM), 0);
  auto r = fakes::waitProcess(c);
  EXPECT_LT(Clock::now() - t0, std::chrono::seconds(4));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_LT(r.exit_code, 128) << "killed by the signal instead of stopping";
  EXPECT_THAT(r.err, HasSubstr("interrupted"));
  // Nothing new was started after the signal: the feeds still waiting were never asked and
  // are recorded as interrupted; the ones asked (people.xml in flight included) are written.
  int asked = 0;
  for (const auto& id : kFeedIds) {
    SCOPED_TRACE(id);
    const int h = hits("/feeds/" + kFeedFile.at(id));
    asked += h;
    const int64_t items = sqlInt("SELECT count(*) FROM feed_items WHERE feed = '" + id + "'");
    if (h == 0) {
      EXPECT_EQ(items, 0);
      EXPECT_EQ(field(feeds()[id], "last_status"), "");  // neither failed nor backed off
      EXPECT_EQ(field(feeds()[id], "next_due"), "");
    } else {
      EXPECT_GT(items, 0);
    }
  }
  EXPECT_LT(asked, 7);
  EXPECT_EQ(sqlInt("SELECT count(*) FROM feed_items WHERE feed = 'people'"), 10);
  EXPECT_EQ(sqlInt("SELECT count(*) FROM runs WHERE collector = 'feeds' AND status = "
                   "'interrupted'"),
            7 - asked);
  EXPECT_EQ(sqlInt("SELECT count(*) FROM runs WHERE collector = 'collect' AND status = "
                   "'interrupted'"),
            1);
  EXPECT_EQ(sqlInt("SELECT count(*) FROM runs WHERE status = 'running'"), 0);

  auto next = collectFeeds();
  EXPECT_EQ(next.exit_code, 0) << next.err;
  EXPECT_THAT(next.out, HasSubstr(std::to_string(7 - asked) + " ok, " + std::to_string(asked) +
                                  " not modified, 0 failed"));
  EXPECT_EQ(counts2019(), kDemo2019);
}

// Ctrl-C at a terminal (SIGINT) stops the same way as SIGTERM.
TEST_F(FeedsE2eTest, SigintStopsLikeSigterm) {
  Child c = startWithSlowPeople();
  ASSERT_GT(c.pid, 0);
  ASSERT_EQ(::kill(c.pid, SIGINT), 0);
  auto r = fakes::waitProcess(c);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_LT(r.exit_code, 128) << "killed by the signal instead of stopping";
  EXPECT_THAT(r.err, HasSubstr("interrupted"));
  EXPECT_EQ(sqlInt("SELECT count(*) FROM runs WHERE status = 'running'"), 0);
  auto next = collectFeeds();
  EXPECT_EQ(next.exit_code, 0) << next.err;
  EXPECT_EQ(counts2019(), kDemo2019);
}

// Results are written a batch per transaction, but a batch never waits for the network: while
// one feed is slow, the others are committed (visible to readers) and other writers (the
// dashboard's confirm, a `record add`) are not locked out.
TEST_F(FeedsE2eTest, WhileOneFeedIsSlowTheOthersAreCommittedAndOtherWritersProceed) {
  writeConfig("concurrency = 8\nper_host = 8\n");
  fault(R"({"path":"/feeds/people.xml","kind":"slow","delay_ms":4000})");
  Child c = start({"collect", "--source", "feeds", "--today", "2020-01-15"});
  ASSERT_GT(c.pid, 0);
  const auto others = [&]() -> int64_t {
    try {  // the collect creates the database
      return sqlInt("SELECT count(*) FROM runs WHERE collector = 'feeds' AND status = 'ok'");
    } catch (const SQLite::Exception&) {
      return -1;
    }
  };
  ASSERT_TRUE(waitFor([&] { return others() == 6; }, std::chrono::seconds(20)));
  EXPECT_EQ(::waitpid(c.pid, nullptr, WNOHANG), 0) << "the collect should still wait for people";
  EXPECT_EQ(sqlInt("SELECT count(*) FROM feed_items WHERE feed = 'people'"), 0);
  const auto t0 = Clock::now();
  auto rec = run({"record", "add", "--kind", "interview", "--date", "2019-05-01"});
  EXPECT_EQ(rec.exit_code, 0) << rec.err;
  EXPECT_LT(Clock::now() - t0, std::chrono::seconds(2)) << "the write waited for the collect";
  auto r = fakes::waitProcess(c);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(sqlInt("SELECT count(*) FROM feed_items WHERE feed = 'people'"), 10);
  EXPECT_EQ(counts2019(), kDemo2019);
}

// ----- SIGKILL at varied moments ----------------------------------------------------------------

// The figures a report is made of: sums over the WeChat tables and mention counts.
std::string figures(const fs::path& db) {
  SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
  const char* queries[] = {
      "SELECT count(*) || ' ' || coalesce(sum(new_user), 0) || ' ' || coalesce(sum(cancel_user), "
      "0) FROM wechat_user_summary",
      "SELECT count(*) || ' ' || coalesce(sum(cumulate_user), 0) FROM wechat_user_cumulate",
      "SELECT count(*) || ' ' || coalesce(sum(int_page_read_user), 0) || ' ' || "
      "coalesce(sum(int_page_read_count), 0) FROM wechat_user_read",
      "SELECT count(*) || ' ' || coalesce(sum(read_user), 0) FROM wechat_biz_daily",
      "SELECT count(*) FROM wechat_articles",
      "SELECT count(*) || ' ' || coalesce(sum(read_user), 0) || ' ' || coalesce(sum(read_count), "
      "0) FROM wechat_article_daily",
      "SELECT count(*) || ' ' || coalesce(sum(read_user), 0) FROM wechat_article_stats",
      "SELECT count(*) FROM wechat_days WHERE state = 'final'",
      "SELECT count(*) FROM feed_items",
      "SELECT group_concat(tier || '=' || n, ',') FROM (SELECT tier, count(*) AS n FROM mentions "
      "WHERE same_as IS NULL AND status != 'rejected' AND day BETWEEN '2019-01-01' AND "
      "'2019-12-31' GROUP BY tier ORDER BY tier)",
      "SELECT count(*) FROM mentions WHERE duplicate_of IS NOT NULL",
  };
  std::string out;
  for (const char* q : queries) out += d.execAndGet(q).getString() + "\n";
  return out;
}

TEST_F(FeedsE2eTest, SigkillAtAnyMomentLeavesAConsistentDatabaseAndTheSameFigures) {
  // Half a year of WeChat backfill keeps the test short; kills still land mid-run.
  fakes::writeFile(
      dir_ / "pubtrack.ini",
      std::regex_replace(fakes::readFile(dir_ / "pubtrack.ini"),
                         std::regex("backfill_from = 2019-01-01"), "backfill_from = 2019-07-01"));
  // The reference: one uninterrupted run in a fresh database.
  const std::vector<std::string> collectAll = {"collect", "--today", "2020-01-15"};
  auto ref = run(collectAll);
  ASSERT_EQ(ref.exit_code, 0) << ref.out << ref.err;
  const std::string expected = figures(dir_ / "pubtrack.db");
  EXPECT_THAT(expected, HasSubstr("central=12,municipal=46,other=6,provincial=21"));
  EXPECT_THAT(expected, Not(::testing::StartsWith("0 ")));  // WeChat rows were written

  fs::create_directories(dir_ / "killed");
  fs::copy_file(dir_ / "pubtrack.ini", dir_ / "killed" / "pubtrack.ini");
  const fs::path db = dir_ / "killed" / "pubtrack.db";
  std::vector<std::string> a = {PUBTRACK_EXE, "--config",
                                (dir_ / "killed" / "pubtrack.ini").string()};
  a.insert(a.end(), collectAll.begin(), collectAll.end());
  int killedMidRun = 0;
  for (int ms : {50, 200, 500, 1000}) {
    SCOPED_TRACE("SIGKILL after " + std::to_string(ms) + " ms");
    Child c = spawnChild(a, dir_ / "killed");
    ASSERT_GT(c.pid, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    ::kill(c.pid, SIGKILL);
    auto r = fakes::waitProcess(c);
    if (r.exit_code == 128 + SIGKILL) ++killedMidRun;
    if (!fs::exists(db)) continue;  // killed before it created the database
    {
      SQLite::Database d(db.string(), SQLite::OPEN_READWRITE);
      EXPECT_EQ(d.execAndGet("PRAGMA integrity_check").getString(), "ok");
      EXPECT_EQ(d.execAndGet("SELECT count(*) FROM pragma_foreign_key_check").getInt(), 0);
    }
  }
  EXPECT_GE(killedMidRun, 3) << "the runs finished before they were killed; the test proves little";
  // The next run is not blocked by the killed ones' lock and completes the figures.
  auto last = fakes::runProcess(a, dir_ / "killed", kEnv);
  EXPECT_NE(last.exit_code, 3) << last.err;
  EXPECT_EQ(last.exit_code, 0) << last.out << last.err;
  EXPECT_EQ(figures(db), expected);
  EXPECT_EQ(sqlInt(db, "SELECT count(*) FROM runs WHERE status = 'running'"), 0);
  EXPECT_GE(sqlInt(db,
                   "SELECT count(*) FROM runs WHERE collector = 'collect' AND status = "
                   "'interrupted'"),
            1);
  // And once more: nothing counted twice.
  auto again = fakes::runProcess(a, dir_ / "killed", kEnv);
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(figures(db), expected);
}

}  // namespace
}  // namespace pubtrack
