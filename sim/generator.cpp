// SPDX-License-Identifier: Apache-2.0
// The deterministic data model: yearly targets spread over days, articles, reads, followers.
#include "sim/generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace pubtrack::sim {

using core::Date;

namespace {

// Salts keep the streams of pseudo-random numbers independent of each other.
enum Salt : uint64_t {
  kSaltArticles = 1,
  kSaltSplit,
  kSaltReads,
  kSaltViews,
  kSaltNew,
  kSaltCancel,
  kSaltChannelNew,
  kSaltChannelCancel,
  kSaltPublishTime,
  kSaltTitle,
  kSaltPopularity,
  kSaltArticleDay,
  kSaltUserRead,
  kSaltSources,
  kSaltRate,
  kSaltId,
  kSaltPraise
};

constexpr long long kMsgDataIdBase = 2247483904LL;  // 2^31 + 256, as seen in live msgids

uint64_t mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

uint64_t fnv1a(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

bool isWeekend(Date d) {
  const int dow = ((d.daysSinceEpoch() % 7) + 7 + 4) % 7;  // 1970-01-01 was a Thursday; 0 = Sunday
  return dow == 0 || dow == 6;
}

long long lr(double x) { return std::llround(x); }

std::string base64(std::string_view in) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const uint32_t v = (static_cast<uint32_t>(static_cast<unsigned char>(in[i])) << 16) |
                       (static_cast<uint32_t>(static_cast<unsigned char>(in[i + 1])) << 8) |
                       static_cast<uint32_t>(static_cast<unsigned char>(in[i + 2]));
    for (int s = 18; s >= 0; s -= 6) out += kAlphabet[(v >> s) & 63];
  }
  if (i < in.size()) {
    uint32_t v = static_cast<uint32_t>(static_cast<unsigned char>(in[i])) << 16;
    if (i + 1 < in.size()) v |= static_cast<uint32_t>(static_cast<unsigned char>(in[i + 1])) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string hex(uint64_t v, int digits) {
  static const char* kHex = "0123456789abcdef";
  std::string out(static_cast<size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i) {
    out[static_cast<size_t>(i)] = kHex[v & 15];
    v >>= 4;
  }
  return out;
}

const char* const kColumns[] = {
    "【要闻】", "【工作动态】", "【政策解读】", "【国企风采】", "【党建引领】", "【通知公告】", "",
    ""};
const char* const kSubjects[] = {"市国资委", "市属国企", "集团公司", "我委", "国资系统"};
const char* const kActions[] = {"召开",         "部署推进", "扎实开展",
                                "深入学习贯彻", "全面落实", "专题研究"};
const char* const kTopics[] = {"安全生产工作会议", "国企改革深化提升行动", "\"两会\"精神",
                               "营商环境优化举措", "全国科技大会精神",     "“十四五”规划重点任务",
                               "主题教育",         "防汛防台风工作",       "数字化转型",
                               "民生实事项目",     "高质量发展大会精神",   "<网络安全>宣传周活动"};

template <class T, size_t N>
const T& pick(const T (&arr)[N], uint64_t h) {
  return arr[h % N];
}

}  // namespace

Metrics& operator+=(Metrics& a, const Metrics& b) {
  for (size_t i = 0; i < a.size(); ++i) a[i] += b[i];
  return a;
}

Metrics partial(const Metrics& m) {
  Metrics out{};
  for (size_t i = 0; i < m.size(); ++i) out[i] = m[i] * 4 / 5;
  return out;
}

std::vector<long long> distribute(long long total, const std::vector<double>& weights) {
  std::vector<long long> out(weights.size(), 0);
  if (weights.empty() || total <= 0) return out;
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<std::pair<double, size_t>> rest;
  long long assigned = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    const double exact = sum > 0 ? static_cast<double>(total) * weights[i] / sum
                                 : static_cast<double>(total) / static_cast<double>(weights.size());
    const auto f = static_cast<long long>(std::floor(exact));
    out[i] = f;
    assigned += f;
    rest.emplace_back(exact - static_cast<double>(f), i);
  }
  std::sort(rest.begin(), rest.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : x.second < y.second;
  });
  long long left = total - assigned;
  for (size_t k = 0; left > 0; k = (k + 1) % rest.size(), --left) ++out[rest[k].second];
  for (size_t k = rest.size(); left < 0;) {  // floating-point excess: take from the smallest
    k = k == 0 ? rest.size() - 1 : k - 1;
    if (out[rest[k].second] > 0) --out[rest[k].second], ++left;
  }
  return out;
}

struct Generator::YearData {
  int year = 0;
  Date first;  // first day with data in this year
  int n = 0;   // days with data
  long long start_cumulate = 0;
  std::vector<int> articles, notified;
  std::vector<long long> read_users, page_views, new_user, cancel_user, cumulate;
};

Generator::Generator(Scenario scenario) : scenario_(std::move(scenario)) {}
Generator::~Generator() = default;

uint64_t Generator::hash(const AccountSpec& a, int64_t x, uint64_t salt) const {
  return mix(mix(mix(scenario_.seed ^ fnv1a(a.appid)) ^ static_cast<uint64_t>(x)) ^
             (salt * 0x632BE59BD9B4E019ULL));
}

double Generator::unit(const AccountSpec& a, int64_t x, uint64_t salt) const {
  return static_cast<double>(hash(a, x, salt) >> 11) * 0x1.0p-53;
}

const Generator::YearData& Generator::year(const AccountSpec& a, int y) const {
  const auto key = std::make_pair(a.appid, y);
  {
    std::lock_guard lock(mu_);
    auto it = years_.find(key);
    if (it != years_.end()) return *it->second;
  }
  auto built = buildYear(a, y);  // may recurse into year(a, y - 1) without holding the lock
  std::lock_guard lock(mu_);
  auto [it, inserted] = years_.emplace(key, std::move(built));
  return *it->second;
}

std::unique_ptr<Generator::YearData> Generator::buildYear(const AccountSpec& a, int y) const {
  auto yd = std::make_unique<YearData>();
  yd->year = y;
  const Date jan1 = *Date::fromYmd(y, 1, 1);
  const Date dec31 = *Date::fromYmd(y, 12, 31);
  yd->start_cumulate = a.followers_start;
  if (dec31 < a.from) {
    yd->first = dec31 + 1;
    return yd;
  }
  yd->first = std::max(jan1, a.from);
  yd->n = dec31 - yd->first + 1;
  const int year_days = dec31 - jan1 + 1;
  const size_t n = static_cast<size_t>(yd->n);
  if (y > a.from.year()) {
    const auto& prev = year(a, y - 1);
    yd->start_cumulate = prev.cumulate.empty() ? prev.start_cumulate : prev.cumulate.back();
  }
  // A partial first year gets the share of the target that its days represent.
  auto target = [&](long long t) {
    return yd->n == year_days ? t : lr(static_cast<double>(t) * yd->n / year_days);
  };
  auto dayAt = [&](size_t i) { return yd->first + static_cast<int>(i); };

  std::vector<double> w(n);
  for (size_t i = 0; i < n; ++i) {
    const Date d = dayAt(i);
    w[i] = (isWeekend(d) ? 0.35 : 1.0) * (0.5 + unit(a, d.daysSinceEpoch(), kSaltArticles));
  }
  const auto arts = distribute(target(a.articles.forYear(y)), w);
  yd->articles.resize(n);
  yd->notified.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const int k = static_cast<int>(arts[i]);
    const double u = unit(a, dayAt(i).daysSinceEpoch(), kSaltSplit);
    int m = 0;
    if (dayAt(i) < scenario_.silent_from) {
      m = k;  // no silent publishing yet: everything is mass-sent
    } else if (k == 0 || u < 0.12) {
      m = 0;
    } else if (k >= 2 && u > 0.75) {
      m = std::min(k - 1, 8);
    } else {
      m = std::min(k, 8);
    }
    yd->articles[i] = k;
    yd->notified[i] = m;
  }

  std::vector<double> wr(n), wv(n);
  for (size_t i = 0; i < n; ++i) {
    const auto x = dayAt(i).daysSinceEpoch();
    wr[i] = 0.5 + 0.5 * unit(a, x, kSaltReads) + 0.8 * yd->articles[i];
    wv[i] = wr[i] * (0.8 + 0.4 * unit(a, x, kSaltViews));
  }
  const long long ru_total = target(a.read_users.forYear(y));
  const long long pv_total = target(a.page_views.forYear(y));
  yd->read_users = distribute(ru_total, wr);
  if (pv_total >= ru_total) {
    const auto extra = distribute(pv_total - ru_total, wv);
    yd->page_views.resize(n);
    for (size_t i = 0; i < n; ++i) yd->page_views[i] = yd->read_users[i] + extra[i];
  } else {
    yd->page_views = distribute(pv_total, wr);
  }

  auto end_target = a.followers_end.find(y);
  const long long net = end_target != a.followers_end.end()
                            ? end_target->second - yd->start_cumulate
                            : target(a.followers_net.forYear(y));
  long long cancels =
      lr(static_cast<double>(std::max(yd->start_cumulate, 1000LL)) * 0.00035 * yd->n) + yd->n;
  long long gains = net + cancels;
  if (gains < yd->n / 2) {
    gains = yd->n / 2;
    cancels = gains - net;
  }
  std::vector<double> wn(n), wc(n);
  for (size_t i = 0; i < n; ++i) {
    const auto x = dayAt(i).daysSinceEpoch();
    wn[i] = (0.6 + 0.8 * unit(a, x, kSaltNew)) * (1.0 + 0.3 * yd->articles[i]);
    wc[i] = 0.7 + 0.6 * unit(a, x, kSaltCancel);
  }
  yd->new_user = distribute(gains, wn);
  yd->cancel_user = distribute(cancels, wc);
  yd->cumulate.resize(n);
  long long cum = yd->start_cumulate;
  for (size_t i = 0; i < n; ++i) {
    cum += yd->new_user[i] - yd->cancel_user[i];
    yd->cumulate[i] = cum;
  }
  return yd;
}

DayFigures Generator::day(const AccountSpec& a, Date d) const {
  DayFigures f;
  f.date = d;
  if (d < a.from) {
    f.cumulate = a.followers_start;
    return f;
  }
  const auto& yd = year(a, d.year());
  const auto i = static_cast<size_t>(d - yd.first);
  f.has_data = true;
  f.articles = yd.articles[i];
  f.notified = yd.notified[i];
  f.silent = f.articles - f.notified;
  f.page_views = yd.page_views[i];
  f.read_users = yd.read_users[i];
  f.new_user = yd.new_user[i];
  f.cancel_user = yd.cancel_user[i];
  f.cumulate = yd.cumulate[i];
  return f;
}

long long Generator::cumulate(const AccountSpec& a, Date d) const { return day(a, d).cumulate; }

std::vector<FollowerRow> Generator::followerRows(const AccountSpec& a, Date d) const {
  const DayFigures f = day(a, d);
  if (!f.has_data) return {};
  struct Channel {
    int source;
    double share;
    Date since;
  };
  static const Channel kChannels[] = {
      {0, 0.20, Date()},
      {1, 0.24, Date()},
      {17, 0.08, Date()},
      {30, 0.22, Date()},
      {57, 0.10, Date()},
      {100, 0.03, *Date::fromYmd(2020, 6, 1)},
      {149, 0.02, Date()},
      {161, 0.06, *Date::fromYmd(2020, 4, 1)},
      {200, 0.04, *Date::fromYmd(2020, 10, 1)},
      {201, 0.01, *Date::fromYmd(2021, 1, 1)},
  };
  std::vector<int> sources;
  std::vector<double> wn, wc;
  for (const auto& c : kChannels) {
    if (d < c.since) continue;
    sources.push_back(c.source);
    const int64_t x = static_cast<int64_t>(d.daysSinceEpoch()) * 1000 + c.source;
    wn.push_back(c.share * (0.6 + 0.8 * unit(a, x, kSaltChannelNew)));
    // Unfollows are attributed to the channel the user came from; most are old "other" follows.
    wc.push_back((c.source == 0 ? 1.5 : c.share) * (0.6 + 0.8 * unit(a, x, kSaltChannelCancel)));
  }
  const auto nu = distribute(f.new_user, wn);
  const auto cu = distribute(f.cancel_user, wc);
  std::vector<FollowerRow> rows;
  for (size_t i = 0; i < sources.size(); ++i) {
    if (sources[i] != 0 && nu[i] == 0 && cu[i] == 0) continue;
    rows.push_back({sources[i], nu[i], cu[i]});
  }
  return rows;
}

std::vector<Article> Generator::articles(const AccountSpec& a, Date d) const {
  const DayFigures f = day(a, d);
  std::vector<Article> out;
  if (!f.has_data || f.articles == 0) return out;
  const long long base = kMsgDataIdBase + static_cast<long long>(fnv1a(a.appid) % 1000) * 1000000;
  const long long day_index = d - a.from;
  const long long biz_number = 3000000000LL + static_cast<long long>(fnv1a(a.appid) % 999999999);
  const std::string biz = base64(std::to_string(biz_number));
  const double per_article = static_cast<double>(f.page_views) * 0.6 / f.articles;

  auto make = [&](long long mid, int idx, int type, int minute_of_day) {
    Article art;
    art.msg_data_id = mid;
    art.index = idx;
    art.msgid = std::to_string(mid) + "_" + std::to_string(idx);
    art.publish_type = type;
    art.date = d;
    art.publish_unix =
        std::chrono::duration_cast<std::chrono::seconds>(
            core::instantOf(d, minute_of_day / 60, minute_of_day % 60, 0, core::kChinaTime)
                .time_since_epoch())
            .count();
    const int64_t key = mid * 16 + idx;
    const uint64_t h = hash(a, key, kSaltTitle);
    art.title = std::string(pick(kColumns, h)) + pick(kSubjects, h >> 8) + pick(kActions, h >> 16) +
                pick(kTopics, h >> 24);
    const uint64_t sn = hash(a, key, kSaltId);
    art.url = "http://mp.weixin.qq.com/s?__biz=" + biz + "&mid=" + std::to_string(mid) +
              "&idx=" + std::to_string(idx) + "&sn=" + hex(sn, 16) + hex(mix(sn), 16) +
              "&chksm=" + hex(mix(sn + 1), 16) + hex(mix(sn + 2), 16) + "#rd";
    art.article_id = "bJ0" + base64(std::to_string(mid) + ":" + hex(mix(sn + 3), 12));
    while (!art.article_id.empty() && art.article_id.back() == '=') art.article_id.pop_back();
    for (auto& c : art.article_id) {
      if (c == '+') c = '-';
      if (c == '/') c = '_';
    }
    art.author = a.name;
    art.digest = art.title + "。";
    const double pop =
        (type == 0 ? (idx == 1 ? 1.8 : 0.8) : 0.6) * (0.5 + unit(a, key, kSaltPopularity));
    art.base_views = std::max(8.0, per_article * pop);
    out.push_back(std::move(art));
  };

  const uint64_t th = hash(a, d.daysSinceEpoch(), kSaltPublishTime);
  if (f.notified > 0) {
    const long long mid = base + day_index * 100;
    for (int idx = 1; idx <= f.notified; ++idx)
      make(mid, idx, 0, 17 * 60 + 30 + static_cast<int>(th % 150));
  }
  const int pack = f.silent > 90 ? 8 : 1;
  for (int s = 0, send = 1; s < f.silent; ++send) {
    const long long mid = base + day_index * 100 + send;
    const int minute =
        8 * 60 + static_cast<int>((static_cast<uint64_t>(send) * 53 + (th >> 16) % 40) % 540);
    for (int idx = 1; idx <= pack && s < f.silent; ++idx, ++s) make(mid, idx, 1, minute);
  }
  return out;
}

Metrics Generator::articleDay(const AccountSpec& a, const Article& art, Date d) const {
  Metrics m{};
  const int n = d - art.date;
  if (n < 0 || n > 59) return m;
  const int64_t key = (art.msg_data_id * 16 + art.index) * 64 + n;
  const double decay = n == 0 ? 1.0 : std::pow(0.38, n) + 0.003 * (60 - n) / 60.0;
  long long views = lr(art.base_views * decay * (0.85 + 0.3 * unit(a, key, kSaltArticleDay)));
  if (n == 0) views = std::max(views, 6LL);
  const long long users = lr(static_cast<double>(views) * 0.86);
  m[kReadUser] = users;
  m[kReadCount] = views;
  m[kOriUser] = lr(static_cast<double>(users) * 0.006);
  m[kOriCount] = m[kOriUser] + lr(static_cast<double>(m[kOriUser]) * 0.2);
  m[kShareUser] = lr(static_cast<double>(users) * 0.035);
  m[kShareCount] = m[kShareUser] + lr(static_cast<double>(m[kShareUser]) * 0.25);
  m[kFavUser] = lr(static_cast<double>(users) * 0.012);
  m[kFavCount] = m[kFavUser] + lr(static_cast<double>(m[kFavUser]) * 0.1);
  const bool notified = art.publish_type == 0;
  const std::vector<double> scenes = {notified ? 0.45 : 0.05, 0.08, 0.15, 0.2, 0.04, 0.03, 0.05};
  const auto su = distribute(users, scenes);
  const auto sc = distribute(views, scenes);
  for (size_t i = 0; i < scenes.size(); ++i) {
    m[kSessionUser + 2 * static_cast<int>(i)] = su[i];
    m[kSessionCount + 2 * static_cast<int>(i)] = sc[i];
  }
  m[kFsSessionUser] = lr(static_cast<double>(m[kShareUser]) * 0.3);
  m[kFsSessionCnt] = lr(static_cast<double>(m[kFsSessionUser]) * 1.1);
  m[kFsFeedUser] = lr(static_cast<double>(m[kShareUser]) * 0.1);
  m[kFsFeedCnt] = lr(static_cast<double>(m[kFsFeedUser]) * 1.1);
  m[kFsOtherUser] = lr(static_cast<double>(m[kShareUser]) * 0.05);
  m[kFsOtherCnt] = m[kFsOtherUser];
  m[kZaikanUser] = lr(static_cast<double>(users) * 0.018);
  m[kLikeUser] = lr(static_cast<double>(users) * 0.024);
  m[kCommentCount] = lr(static_cast<double>(users) * 0.003);
  m[kSubscribeUser] = lr(static_cast<double>(users) * 0.002);
  const double u = unit(a, key, kSaltPraise);
  m[kPraiseMoney] = n == 0 && u < 0.05 ? 200 + lr(u * 100000) : 0;
  return m;
}

Metrics Generator::articleCumulative(const AccountSpec& a, const Article& art, Date through,
                                     Date partial_from) const {
  Metrics sum{};
  for (Date d = art.date; d <= through && d - art.date <= 59; ++d) {
    const Metrics m = articleDay(a, art, d);
    sum += d >= partial_from ? partial(m) : m;
  }
  return sum;
}

long long Generator::targetUser(const AccountSpec& a, const Article& art) const {
  return lr(static_cast<double>(cumulate(a, art.date - 1)) * 0.985);
}

std::vector<UserReadRow> Generator::userRead(const AccountSpec& a, Date d) const {
  const DayFigures f = day(a, d);
  if (!f.has_data) return {};
  UserReadRow total;
  total.user_source = 99999999;
  total.read_user = f.read_users;
  total.read_count = f.page_views;
  total.ori_user = lr(static_cast<double>(f.read_users) * 0.005);
  total.ori_count = lr(static_cast<double>(total.ori_user) * 1.25);
  total.share_user = lr(static_cast<double>(f.read_users) * 0.03);
  total.share_count = lr(static_cast<double>(total.share_user) * 1.3);
  total.fav_user = lr(static_cast<double>(f.read_users) * 0.01);
  total.fav_count = lr(static_cast<double>(total.fav_user) * 1.15);
  if (d < *Date::fromYmd(2020, 2, 28)) {
    total.user_source = -1;
    return {total};
  }
  // Channel users are de-duplicated per channel, so they add up to more than the total.
  static const std::pair<int, double> kChannels[] = {{0, 0.42}, {1, 0.22}, {2, 0.16}, {4, 0.09},
                                                     {5, 0.07}, {6, 0.05}, {7, 0.09}};
  std::vector<UserReadRow> rows;
  for (const auto& [source, share] : kChannels) {
    const int64_t x = static_cast<int64_t>(d.daysSinceEpoch()) * 100 + source;
    const double j1 = 0.9 + 0.2 * unit(a, x, kSaltUserRead);
    const double j2 = 0.9 + 0.2 * unit(a, x + 50, kSaltUserRead);
    UserReadRow r;
    r.user_source = source;
    r.read_user = lr(static_cast<double>(f.read_users) * share * j1);
    r.read_count = lr(static_cast<double>(f.page_views) * share * j2);
    r.share_user = lr(static_cast<double>(total.share_user) * share * j1);
    r.share_count = lr(static_cast<double>(total.share_count) * share * j2);
    rows.push_back(r);
  }
  long long sum = 0;
  for (const auto& r : rows) sum += r.read_user;
  if (sum == total.read_user) ++rows[0].read_user;
  rows.push_back(total);
  return rows;
}

std::vector<std::pair<std::string, long long>> Generator::readSources(const AccountSpec& a,
                                                                      long long read_user,
                                                                      long long key) const {
  static const std::pair<const char*, double> kScenes[] = {
      {"公众号消息", 0.38}, {"聊天会话", 0.22}, {"朋友圈", 0.14}, {"公众号主页", 0.07},
      {"推荐", 0.08},       {"搜一搜", 0.08},   {"其他", 0.05}};
  std::vector<std::pair<std::string, long long>> out;
  out.emplace_back("全部", read_user);
  int i = 0;
  for (const auto& [scene, share] : kScenes) {
    const double j = 0.9 + 0.2 * unit(a, key * 8 + i++, kSaltSources);
    out.emplace_back(scene, lr(static_cast<double>(read_user) * share * j));
  }
  return out;
}

BizSummary Generator::bizSummary(const AccountSpec& a, Date d, bool delayed) const {
  const DayFigures f = day(a, d);
  BizSummary b;
  if (!f.has_data) return b;
  b.read_user = delayed ? f.read_users * 4 / 5 : f.read_users;
  const double ru = static_cast<double>(b.read_user);
  b.share_user = lr(ru * 0.03);
  b.zaikan_user = lr(ru * 0.015);
  b.like_user = lr(ru * 0.02);
  b.comment_count = lr(ru * 0.002);
  b.collection_user = lr(ru * 0.01);
  b.redirect_ori_page_user = lr(ru * 0.005);
  b.send_page_count = f.articles;
  b.read_user_source = readSources(a, b.read_user, d.daysSinceEpoch());
  return b;
}

double Generator::articleRate(const AccountSpec& a, const Article& art, int which) const {
  const double u = unit(a, (art.msg_data_id * 16 + art.index) * 8 + which, kSaltRate);
  switch (which) {
    case 0:
      return 0.35 + 0.4 * u;  // read_finish_rate
    case 1:
      return 0.4 + 2.8 * u;  // read_avg_activetime, minutes
    default:
      return u;
  }
}

Expected Generator::expected(const AccountSpec& a, Date from, Date to) const {
  Expected e;
  if (to < from) return e;
  e.days = to - from + 1;
  e.followers_start = cumulate(a, from - 1);
  e.followers_end = cumulate(a, to);
  for (Date d = from; d <= to; ++d) {
    const DayFigures f = day(a, d);
    if (!f.has_data) continue;
    // What the statistics endpoints can see: the legacy family lists mass-sent articles only.
    e.articles += d < scenario_.new_family_from ? f.notified : f.articles;
    e.articles_notified += f.notified;
    e.articles_silent += f.silent;
    if (d < scenario_.new_family_from) e.page_views += f.page_views;
    e.read_users += f.read_users;
    e.new_user += f.new_user;
    e.cancel_user += f.cancel_user;
  }
  e.followers_net = e.new_user - e.cancel_user;
  return e;
}

}  // namespace pubtrack::sim
