// SPDX-License-Identifier: Apache-2.0
// Datacube and freepublish responses rendered from the Generator.
#include "sim/wechat_api.h"

#include <algorithm>
#include <map>

#include "sim/json_writer.h"

namespace pubtrack::sim {

using core::Date;

ApiTime ApiTime::at(core::TimePoint now) {
  ApiTime t;
  t.now = now;
  t.today = core::dateAt(now, core::kChinaTime);
  const auto eight = core::instantOf(t.today, 8, 0, 0, core::kChinaTime);
  t.last_ready = now >= eight ? t.today - 1 : t.today - 2;
  return t;
}

int datacubeSpan(std::string_view name) {
  static const std::map<std::string_view, int> kSpans = {
      {"getusersummary", 7},  {"getusercumulate", 7},       {"getarticlesummary", 1},
      {"getarticletotal", 1}, {"getuserread", 3},           {"getbizsummary", 30},
      {"getarticleread", 1},  {"getarticletotaldetail", 1}, {"getarticleshare", 1}};
  auto it = kSpans.find(name);
  return it == kSpans.end() ? 0 : it->second;
}

bool isNewFamily(std::string_view name) {
  return name == "getbizsummary" || name == "getarticleread" || name == "getarticletotaldetail" ||
         name == "getarticleshare";
}

std::string errmsgFor(int errcode) {
  switch (errcode) {
    case -1:
      return "system error";
    case 40001:
      return "invalid credential, access_token is invalid or not latest, could get access_token by "
             "getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r";
    case 40002:
      return "invalid grant_type";
    case 40013:
      return "invalid appid";
    case 40097:
      return "invalid args";
    case 40125:
      return "invalid appsecret";
    case 40164:
      return "invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist";
    case 41001:
      return "access_token missing";
    case 41002:
      return "appid missing";
    case 41004:
      return "appsecret missing";
    case 42001:
      return "access_token expired";
    case 43002:
      return "require POST method";
    case 44002:
      return "empty post data";
    case 45009:
      return "reach max api daily quota limit";
    case 45011:
      return "api minute-quota reach limit  mustslower  retry next minute";
    case 47001:
      return "data format error";
    case 48001:
      return "api unauthorized";
    case 50002:
      return "user limited";
    case 61500:
      return "date format error";
    case 61501:
      return "date range error";
    case 61503:
      return "data not ready, please try later";
    default:
      return "simulated error";
  }
}

namespace {

void metricsFields(JsonWriter& j, const Metrics& m) {
  j.field("int_page_read_user", m[kReadUser]).field("int_page_read_count", m[kReadCount]);
  j.field("ori_page_read_user", m[kOriUser]).field("ori_page_read_count", m[kOriCount]);
  j.field("share_user", m[kShareUser]).field("share_count", m[kShareCount]);
  j.field("add_to_fav_user", m[kFavUser]).field("add_to_fav_count", m[kFavCount]);
}

void readSourceArray(JsonWriter& j, const std::vector<std::pair<std::string, long long>>& src) {
  j.key("read_user_source").beginArray();
  for (const auto& [scene, count] : src) {
    j.beginObject().field("user_count", count).field("scene_desc", scene).endObject();
  }
  j.endArray();
}

// Articles that can have activity on day d (published within the 60-day tail).
std::vector<Article> activeArticles(const Generator& gen, const AccountSpec& a, Date d) {
  std::vector<Article> out;
  for (Date p = std::max(a.from, d - 59); p <= d; ++p) {
    auto day = gen.articles(a, p);
    for (auto& art : day) out.push_back(std::move(art));
  }
  return out;
}

void userSummary(JsonWriter& j, const Generator& gen, const AccountSpec& a, Date d) {
  for (const auto& r : gen.followerRows(a, d)) {
    j.beginObject()
        .field("ref_date", d.toString())
        .field("user_source", r.user_source)
        .field("new_user", r.new_user)
        .field("cancel_user", r.cancel_user)
        .endObject();
  }
}

void userCumulate(JsonWriter& j, const Generator& gen, const AccountSpec& a, Date d) {
  j.beginObject()
      .field("ref_date", d.toString())
      .field("user_source", 0)
      .field("cumulate_user", gen.cumulate(a, d))
      .endObject();
}

void articleSummary(JsonWriter& j, const Generator& gen, const AccountSpec& a, Date d) {
  for (const auto& art : activeArticles(gen, a, d)) {
    if (art.publish_type != 0) continue;  // mass-sent articles only
    const Metrics m = gen.articleDay(a, art, d);
    // WeChat drops articles with almost no activity that day.
    if (m[kReadUser] + m[kOriUser] + m[kShareUser] + m[kShareCount] + m[kFavCount] < 3) continue;
    j.beginObject().field("ref_date", d.toString()).field("user_source", 0);
    j.field("msgid", art.msgid).field("title", art.title);
    metricsFields(j, m);
    j.endObject();
  }
}

void articleTotal(JsonWriter& j, const Generator& gen, const AccountSpec& a, Date p,
                  const ApiTime& t) {
  for (const auto& art : gen.articles(a, p)) {
    if (art.publish_type != 0) continue;
    j.beginObject().field("ref_date", p.toString()).field("msgid", art.msgid);
    j.field("title", art.title).field("url", art.url).field("user_source", 0);
    j.key("details").beginArray();
    Metrics cum{};
    const long long target = gen.targetUser(a, art);
    for (Date s = p; s <= std::min(p + 6, t.last_ready); ++s) {
      cum += gen.articleDay(a, art, s);
      j.beginObject().field("stat_date", s.toString()).field("target_user", target);
      metricsFields(j, cum);
      static const char* const kScenes[] = {"session", "hist_msg", "feed",    "friends",
                                            "other",   "kanyikan", "souyisou"};
      for (int i = 0; i < 7; ++i) {
        const std::string base = std::string("int_page_from_") + kScenes[i];
        j.field(base + "_read_user", cum[kSessionUser + 2 * i]);
        j.field(base + "_read_count", cum[kSessionCount + 2 * i]);
      }
      j.field("feed_share_from_session_user", cum[kFsSessionUser]);
      j.field("feed_share_from_session_cnt", cum[kFsSessionCnt]);
      j.field("feed_share_from_feed_user", cum[kFsFeedUser]);
      j.field("feed_share_from_feed_cnt", cum[kFsFeedCnt]);
      j.field("feed_share_from_other_user", cum[kFsOtherUser]);
      j.field("feed_share_from_other_cnt", cum[kFsOtherCnt]);
      j.endObject();
    }
    j.endArray().endObject();
  }
}

void userRead(JsonWriter& j, const Generator& gen, const AccountSpec& a, Date d) {
  for (const auto& r : gen.userRead(a, d)) {
    j.beginObject().field("ref_date", d.toString());
    if (r.user_source >= 0) j.field("user_source", r.user_source);
    j.field("int_page_read_user", r.read_user).field("int_page_read_count", r.read_count);
    j.field("ori_page_read_user", r.ori_user).field("ori_page_read_count", r.ori_count);
    j.field("share_user", r.share_user).field("share_count", r.share_count);
    j.field("add_to_fav_user", r.fav_user).field("add_to_fav_count", r.fav_count);
    j.endObject();
  }
}

// The new family: returns whether any emitted value is still partial.
bool bizSummary(JsonWriter& j, const Generator& gen, const AccountSpec& a, Date d, Date partial) {
  const bool delayed = d >= partial;
  const BizSummary b = gen.bizSummary(a, d, delayed);
  j.beginObject().field("ref_date", d.toString()).key("detail").beginObject();
  j.field("read_user", b.read_user);
  readSourceArray(j, b.read_user_source);
  j.field("share_user", b.share_user).field("zaikan_user", b.zaikan_user);
  j.field("like_user", b.like_user).field("comment_count", b.comment_count);
  j.field("collection_user", b.collection_user);
  j.field("redirect_ori_page_user", b.redirect_ori_page_user);
  j.field("send_page_count", b.send_page_count);
  j.endObject().endObject();
  return delayed;
}

bool articleRead(JsonWriter& j, const Generator& gen, const AccountSpec& a, Date d,
                 Date partial_from, bool share) {
  const bool delayed = d >= partial_from;
  for (const auto& art : activeArticles(gen, a, d)) {
    Metrics m = gen.articleDay(a, art, d);
    if (delayed) m = partial(m);
    if (m[kReadUser] == 0 && m[kShareUser] == 0) continue;
    j.beginObject().field("ref_date", d.toString()).field("msgid", art.msgid);
    j.key("detail").beginObject();
    if (share) {
      j.field("share_user", m[kShareUser]);
    } else {
      j.field("read_user", m[kReadUser]);
      readSourceArray(j, gen.readSources(a, m[kReadUser], art.msg_data_id * 16 + art.index));
    }
    j.endObject().endObject();
  }
  return delayed;
}

bool articleTotalDetail(JsonWriter& j, const Generator& gen, const AccountSpec& a, Date p,
                        Date partial_from, const ApiTime& t) {
  bool delayed = false;
  for (const auto& art : gen.articles(a, p)) {
    j.beginObject().field("ref_date", p.toString()).field("msgid", art.msgid);
    j.field("publish_type", art.publish_type).field("title", art.title);
    j.field("content_url", art.url);
    j.key("detail_list").beginArray();
    Metrics cum{};
    const long long target = gen.targetUser(a, art);
    for (Date s = p; s <= std::min(p + 29, t.last_ready); ++s) {
      const Metrics m = gen.articleDay(a, art, s);
      if (s >= partial_from) delayed = true;
      cum += s >= partial_from ? partial(m) : m;
      j.beginObject().field("stat_date", s.toString()).field("read_user", cum[kReadUser]);
      readSourceArray(j, gen.readSources(a, cum[kReadUser], art.msg_data_id * 16 + art.index));
      j.field("share_user", cum[kShareUser]).field("zaikan_user", cum[kZaikanUser]);
      j.field("like_user", cum[kLikeUser]).field("comment_count", cum[kCommentCount]);
      j.field("collection_user", cum[kFavUser]).field("praise_money", cum[kPraiseMoney]);
      j.field("read_subscribe_user", cum[kSubscribeUser]);
      const double delivery =
          target > 0 ? static_cast<double>(cum[kSessionUser]) / static_cast<double>(target) : 0.0;
      j.field("read_delivery_rate", std::min(1.0, delivery));
      j.field("read_finish_rate", gen.articleRate(a, art, 0));
      j.field("read_avg_activetime", gen.articleRate(a, art, 1));
      j.key("read_jump_position").beginArray();
      double left = 1.0;
      for (int pos = 1; pos <= 5; ++pos) {
        const double rate = pos == 5 ? left : left * (0.1 + 0.2 * gen.articleRate(a, art, 1 + pos));
        left -= rate;
        j.beginObject().field("position", pos).field("rate", rate).endObject();
      }
      j.endArray().endObject();
    }
    j.endArray().endObject();
  }
  return delayed;
}

}  // namespace

ApiReply datacube(const Generator& gen, const AccountSpec& a, std::string_view name, Date begin,
                  Date end, const ApiTime& t) {
  const int span = datacubeSpan(name);
  if (span == 0) return {40097, ""};
  if (begin > end || end - begin + 1 > span || end >= t.today || begin < a.from ||
      begin < gen.scenario().data_floor)
    return {61501, ""};
  if (!a.verified) return {48001, ""};
  const bool fresh = isNewFamily(name);
  const Date partial_from = t.today - gen.scenario().delay_days;
  JsonWriter j;
  j.beginObject().key("list").beginArray();
  bool delayed = false;
  for (Date d = begin; d <= end; ++d) {
    if (d > t.last_ready) {  // asked before 08:00: not published yet, answered as nothing
      delayed = delayed || fresh;
      continue;
    }
    if (fresh && d < gen.scenario().new_family_from) continue;
    if (name == "getusersummary") {
      userSummary(j, gen, a, d);
    } else if (name == "getusercumulate") {
      userCumulate(j, gen, a, d);
    } else if (name == "getarticlesummary") {
      articleSummary(j, gen, a, d);
    } else if (name == "getarticletotal") {
      articleTotal(j, gen, a, d, t);
    } else if (name == "getuserread") {
      userRead(j, gen, a, d);
    } else if (name == "getbizsummary") {
      delayed = bizSummary(j, gen, a, d, partial_from) || delayed;
    } else if (name == "getarticleread") {
      delayed = articleRead(j, gen, a, d, partial_from, false) || delayed;
    } else if (name == "getarticleshare") {
      delayed = articleRead(j, gen, a, d, partial_from, true) || delayed;
    } else if (name == "getarticletotaldetail") {
      delayed = articleTotalDetail(j, gen, a, d, partial_from, t) || delayed;
    }
  }
  j.endArray();
  if (fresh) j.field("is_delay", delayed);
  j.endObject();
  return {0, j.take()};
}

ApiReply freepublishBatchget(const Generator& gen, const AccountSpec& a, long long offset,
                             long long count, bool no_content, const ApiTime& t) {
  if (offset < 0 || count < 1 || count > 20) return {40097, ""};
  if (!a.verified) return {48001, ""};
  const long long now_unix =
      std::chrono::duration_cast<std::chrono::seconds>(t.now.time_since_epoch()).count();
  // All silent sends up to now, newest first.
  std::vector<std::vector<Article>> sends;
  for (Date d = t.today; d >= a.from; d = d - 1) {
    std::map<long long, std::vector<Article>, std::greater<>> by_mid;
    for (auto& art : gen.articles(a, d)) {
      if (art.publish_type == 1 && art.publish_unix <= now_unix)
        by_mid[art.msg_data_id].push_back(std::move(art));
    }
    for (auto& [mid, arts] : by_mid) sends.push_back(std::move(arts));
  }
  const auto total = static_cast<long long>(sends.size());
  JsonWriter j;
  j.beginObject().key("item").beginArray();
  long long items = 0;
  for (long long i = offset; i < total && i < offset + count; ++i, ++items) {
    const auto& send = sends[static_cast<size_t>(i)];
    const long long ts = send.front().publish_unix;
    j.beginObject().field("article_id", send.front().article_id);
    j.key("content").beginObject().key("news_item").beginArray();
    for (const auto& art : send) {
      j.beginObject().field("title", art.title).field("author", art.author);
      j.field("digest", art.digest);
      if (!no_content) j.field("content", "<p>" + art.digest + "</p>");
      j.field("content_source_url", "");
      j.field("thumb_media_id", "sim_thumb_" + art.msgid);
      j.field("show_cover_pic", 0).field("need_open_comment", 1);
      j.field("only_fans_can_comment", 0).field("url", art.url).field("is_deleted", false);
      j.field("thumb_url", "http://mmbiz.qpic.cn/sim/" + art.msgid + "/0?wx_fmt=jpeg");
      j.endObject();
    }
    j.endArray().field("create_time", ts).field("update_time", ts).endObject();
    j.field("update_time", ts).endObject();
  }
  j.endArray().field("total_count", total).field("item_count", items).endObject();
  return {0, j.take()};
}

}  // namespace pubtrack::sim
