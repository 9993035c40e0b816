// SPDX-License-Identifier: Apache-2.0
// Builds the outreach paragraphs from Figures, leaving out every sentence whose data is missing.
#include "reports/narrative.h"

#include <algorithm>
#include <array>
#include <climits>
#include <utility>

#include "core/strings.h"
#include "reports/labels.h"

namespace pubtrack::reports {

namespace {

constexpr int64_t kExact = INT64_MAX;  // threshold that keeps every count exact

// Ledger kinds with their own paragraph; every other kind is an outreach activity.
constexpr std::array<std::string_view, 5> kOwnParagraph = {
    "npc_suggestion", "cppcc_proposal", "disclosure_request", "admin_review", "lawsuit"};

struct Ctx {
  const Figures& f;
  Lang lang;
  int64_t thr;
  bool en() const { return lang == Lang::En; }
};

std::string quoted(const std::string& s) { return "“" + s + "”"; }

std::string capitalized(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// "a", "a and b", "a, b and c".
std::string joinEn(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

// The start of a sentence about the period: "全年" glued to what follows, or
// "2025年1月1日至6月30日期间，"; English "In 2019, ".
std::string lead(const Ctx& c) {
  if (c.en()) return capitalized(periodPhrase(c.f.period, c.lang)) + ", ";
  if (isCalendarYear(c.f.period)) return "全年";
  return periodPhrase(c.f.period, c.lang) + "，";
}

// English plural nouns of the ledger are made singular for a count of 1.
std::string countNoun(int64_t n, std::string noun) {
  if (n == 1 && noun.size() > 1 && noun.back() == 's') noun.pop_back();
  return exactNumber(n, Lang::En) + " " + noun;
}

const LedgerFigure* findLedger(const Figures& f, std::string_view kind) {
  for (const auto& o : f.outreach)
    if (o.kind == kind) return &o;
  return nullptr;
}

std::string ledgerNameEn(const LedgerFigure& o) {
  if (!o.name_en.empty()) return o.name_en;
  return o.name_zh.empty() ? o.kind : o.name_zh;
}

// ---- WeChat ---------------------------------------------------------------------------------

// Clauses about one account or the totals, in report order. `summed` marks totals over several
// accounts (followers are then a sum: 合计 / "together").
std::vector<std::string> wechatClauses(const Ctx& c, const WeChatFigures& w, bool summed,
                                       bool inList) {
  std::vector<std::string> out;
  const Lang L = c.lang;
  if (w.articles) {
    std::string n = approxCount(*w.articles, c.thr, Growth::Ordinary, L, c.en() ? "posts" : "条");
    // A count known to miss the posts published without notification says so (the
    // wechat_posts_mass_sent_only check names the account).
    if (w.articles_basis == "mass_sent_only")
      n += c.en() ? " (mass-sent only; posts published without notification not counted)"
                  : "（仅含群发文章，未含不通知粉丝的发表文章）";
    out.push_back(c.en() ? "published " + n : (inList ? "推送新闻信息" : "共推送新闻信息") + n);
  }
  if (const auto r = readsOf(w)) {
    const std::string n =
        approxCount(r->value, c.thr, Growth::Milestone, L, readsUnit(r->page_views, L));
    if (c.en()) {
      out.push_back(r->page_views ? "recorded " + n : "reached " + n + " (daily readers, summed)");
    } else {
      out.push_back(readsLabel(r->page_views, L) + n);
    }
  }
  if (w.followers_end) {
    const std::string n =
        approxCount(*w.followers_end, c.thr, Growth::Milestone, L, c.en() ? "followers" : "人");
    if (c.en()) {
      out.push_back("had " + n + (summed ? " together" : "") + " at the end of the period");
    } else {
      out.push_back(std::string(summed ? "关注人数合计" : "关注人数") + n);
    }
  }
  if (w.followers_net && *w.followers_net != 0) {
    const int64_t net = *w.followers_net;
    const std::string n =
        approxCount(net < 0 ? -net : net, c.thr, Growth::Ordinary, L,
                    c.en() ? (net > 0 ? "net new followers" : "followers net") : "人");
    if (c.en()) {
      out.push_back((net > 0 ? "gained " : "lost ") + n);
    } else {
      out.push_back((net > 0 ? "净增关注" : "净减少关注") + n);
    }
  }
  return out;
}

std::string wechatParagraph(const Ctx& c) {
  const auto& f = c.f;
  const bool several = f.accounts.size() > 1;
  const WeChatFigures& main = f.accounts.size() == 1 ? f.accounts.front() : f.wechat_totals;
  const auto clauses = wechatClauses(c, main, several, false);
  if (clauses.empty()) return {};

  if (!several) {
    const bool named = f.accounts.size() == 1 && !main.name.empty();
    if (c.en()) {
      const std::string subject = named ? "the WeChat official account " + quoted(main.name)
                                        : "the WeChat official account";
      return lead(c) + subject + " " + joinEn(clauses) + ".";
    }
    const std::string subject = named ? quoted(main.name) + "微信公众号" : "微信公众号";
    const std::string body = core::join(clauses, "，");
    if (isCalendarYear(f.period)) return subject + "全年" + body + "。";
    return lead(c) + subject + body + "。";
  }

  std::vector<std::string> names;
  for (const auto& a : f.accounts) names.push_back(quoted(accountName(a, c.lang)));
  std::vector<std::string> perAccount;
  for (const auto& a : f.accounts) {
    const auto cl = wechatClauses(c, a, false, true);
    if (cl.empty()) continue;
    const std::string name = quoted(accountName(a, c.lang));
    perAccount.push_back(c.en() ? name + " " + joinEn(cl) : name + core::join(cl, "、"));
  }
  const std::string count = std::to_string(f.accounts.size());
  std::string s;
  if (c.en()) {
    s = lead(c) + "the agency's " + count + " WeChat official accounts (" + joinEn(names) +
        ") together " + joinEn(clauses) + ".";
    if (!perAccount.empty()) s += " By account: " + core::join(perAccount, "; ") + ".";
    return s;
  }
  const std::string via = names.size() <= 3 ? core::join(names, "") + count + "个微信公众号"
                                            : names.front() + "等" + count + "个微信公众号";
  s = lead(c) + "通过" + via + core::join(clauses, "，") + "。";
  if (!perAccount.empty()) s += "其中，" + core::join(perAccount, "；") + "。";
  return s;
}

// ---- Media ----------------------------------------------------------------------------------

std::string mediaParagraph(const Ctx& c) {
  const auto& m = c.f.media;
  if (!m.has_data) return {};
  const Lang L = c.lang;
  std::vector<std::string> tiers;
  const std::array<std::pair<const char*, int64_t>, 3> parts = {
      {{"central", m.central}, {"provincial", m.provincial}, {"municipal", m.municipal}}};
  for (const auto& [tier, n] : parts) {
    if (n <= 0) continue;
    // The breakdown stays exact so that the reader can check it against the total.
    tiers.push_back(c.en() ? exactNumber(n, L) + " " + tierLabel(tier, L)
                           : tierLabel(tier, L) + exactNumber(n, L) + "篇");
  }
  std::vector<std::string> outlets;
  for (const auto& o : m.by_outlet) {
    if (outlets.size() == 3) break;
    if (o.count > 0 && o.tier != "other") outlets.push_back(o.outlet);
  }
  std::string s = lead(c);
  if (c.en()) {
    if (m.mainstream > 0) {
      s += "mainstream media carried " +
           approxCount(m.mainstream, c.thr, Growth::Ordinary, L,
                       m.mainstream == 1 ? "report" : "reports") +
           " on the agency";
      if (!tiers.empty()) s += " (" + joinEn(tiers) + ")";
    } else {
      s += "no mainstream media reports on the agency were found";
    }
    if (m.other > 0)
      s += ", with " + approxCount(m.other, c.thr, Growth::Ordinary, L, "more") + " in other media";
    s += ".";
    if (m.mainstream > 0 && !outlets.empty()) s += " Main outlets: " + joinEn(outlets) + ".";
    return s;
  }
  if (m.mainstream > 0) {
    s += "共获各级主流媒体报道" + approxCount(m.mainstream, c.thr, Growth::Ordinary, L, "篇");
    if (!tiers.empty()) s += "（其中" + core::join(tiers, "、") + "）";
    if (!outlets.empty()) s += "，主要报道媒体包括" + core::join(outlets, "、") + "等";
  } else {
    s += "未监测到各级主流媒体报道";
  }
  if (m.other > 0)
    s += std::string(m.mainstream > 0 ? "，另有" : "，") + "其他媒体报道" +
         approxCount(m.other, c.thr, Growth::Ordinary, L, "篇");
  return s + "。";
}

// ---- Ledger ---------------------------------------------------------------------------------

std::string activityVerb(std::string_view kind, Lang lang) {
  if (kind == "press_conference") return pick(lang, "举办", "held");
  if (kind == "policy_interpretation") return pick(lang, "发布", "published");
  return pick(lang, "完成", "completed");
}

std::string activitiesParagraph(const Ctx& c) {
  // Group consecutive-or-not items by verb, keeping the first appearance order of verbs.
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  for (const auto& o : c.f.outreach) {
    if (std::find(kOwnParagraph.begin(), kOwnParagraph.end(), o.kind) != kOwnParagraph.end())
      continue;
    if (o.count <= 0) continue;
    const std::string verb = activityVerb(o.kind, c.lang);
    const std::string item = c.en() ? countNoun(o.count, ledgerNameEn(o))
                                    : o.name_zh + exactNumber(o.count, c.lang) + o.unit_zh;
    auto it =
        std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == verb; });
    if (it == groups.end()) {
      groups.push_back({verb, {item}});
    } else {
      it->second.push_back(item);
    }
  }
  if (groups.empty()) return {};
  std::vector<std::string> phrases;
  for (const auto& [verb, items] : groups)
    phrases.push_back(c.en() ? verb + " " + joinEn(items) : verb + core::join(items, "、"));
  if (c.en()) return lead(c) + "the agency " + joinEn(phrases) + ".";
  return lead(c) + core::join(phrases, "，") + "。";
}

// "（承办件2件、主办件3件）" when the recorded roles add up to the count. When they do not, a
// check says so, and the narrative does not print a doubtful figure without saying so either:
// "（分类合计与总数不一致，待核实）".
std::string rolesBreakdown(const LedgerFigure& o, Lang lang) {
  if (o.roles.empty()) return {};
  if (o.roles_total != o.count)
    return lang == Lang::En ? " (the breakdown by role does not add up: to be checked)"
                            : "（分类合计与总数不一致，待核实）";
  std::vector<std::string> parts;
  for (const auto& r : o.roles) {
    if (r.count <= 0) continue;
    parts.push_back(lang == Lang::En ? exactNumber(r.count, lang) + " " + roleLabel(r.role, lang)
                                     : r.role + "件" + exactNumber(r.count, lang) + "件");
  }
  if (parts.empty()) return {};
  return lang == Lang::En ? " (" + joinEn(parts) + ")" : "（" + core::join(parts, "、") + "）";
}

std::string suggestionsParagraph(const Ctx& c) {
  std::vector<std::string> items;
  for (std::string_view kind : {"npc_suggestion", "cppcc_proposal"}) {
    const LedgerFigure* o = findLedger(c.f, kind);
    if (!o || o->count <= 0) continue;
    items.push_back(c.en() ? countNoun(o->count, ledgerNameEn(*o)) + rolesBreakdown(*o, c.lang)
                           : o->name_zh + exactNumber(o->count, c.lang) +
                                 (o->unit_zh.empty() ? "件" : o->unit_zh) +
                                 rolesBreakdown(*o, c.lang));
  }
  if (items.empty()) return {};
  if (c.en()) return lead(c) + "the agency handled " + joinEn(items) + ".";
  return lead(c) + "共办理" + core::join(items, "，") + "。";
}

std::string disclosureParagraph(const Ctx& c) {
  // The figures come from the tables when the registers hold them (Figures::disclosureCount),
  // so the narrative always quotes the tables' own cells.
  std::vector<std::string> items;
  const bool en = c.en();
  if (const auto n = c.f.disclosureCount("disclosure_request")) {
    if (en)
      items.push_back(*n > 0 ? "received " + countNoun(*n, "disclosure requests")
                             : "received no disclosure requests");
    else
      items.push_back(*n > 0 ? "共收到信息公开申请" + exactNumber(*n, c.lang) + "件"
                             : "未收到信息公开申请");
  }
  if (const auto n = c.f.disclosureCount("admin_review")) {
    if (en)
      items.push_back(*n > 0 ? "received " + countNoun(*n, "administrative review applications")
                             : "received no administrative review applications");
    else
      items.push_back(*n > 0 ? "收到政府信息公开行政复议申请" + exactNumber(*n, c.lang) + "件"
                             : "未收到政府信息公开行政复议申请");
  }
  if (const auto n = c.f.disclosureCount("lawsuit")) {
    if (en)
      items.push_back(*n > 0 ? "faced " + countNoun(*n, "administrative lawsuits")
                             : "faced no administrative lawsuits");
    else
      items.push_back(*n > 0 ? "发生政府信息公开行政诉讼" + exactNumber(*n, c.lang) + "件"
                             : "未发生政府信息公开行政诉讼");
  }
  if (items.empty()) return {};
  if (en) return lead(c) + "the agency " + joinEn(items) + ".";
  return lead(c) + core::join(items, "，") + "。";
}

// ---- Year on year ---------------------------------------------------------------------------

std::string changesParagraph(const Ctx& c) {
  std::vector<std::string> items;
  for (const auto& ch : c.f.changes) {
    const ChangeLabel l = changeLabel(ch.key, c.f, c.lang);
    if (!l.known) continue;
    const std::string phrase =
        changePhrase(ch.current, ch.previous, c.lang, l.unit, l.exact ? kExact : c.thr);
    items.push_back(c.en() ? l.label + ": " + phrase : l.label + phrase);
  }
  if (items.empty()) return {};
  const bool year = isCalendarYear(c.f.period);
  if (c.en()) {
    return std::string(year ? "Compared with the previous year: "
                            : "Compared with the same period of the previous year: ") +
           core::join(items, "; ") + ".";
  }
  return std::string(year ? "与上年相比，" : "与上年同期相比，") + core::join(items, "，") + "。";
}

}  // namespace

std::vector<std::string> narrativeParagraphs(const Figures& f, Lang lang, int64_t round_threshold) {
  const Ctx c{f, lang, round_threshold};
  std::vector<std::string> out;
  for (auto&& p : {wechatParagraph(c), mediaParagraph(c), activitiesParagraph(c),
                   suggestionsParagraph(c), disclosureParagraph(c), changesParagraph(c)}) {
    if (!p.empty()) out.push_back(p);
  }
  return out;
}

std::string narrative(const Figures& f, Lang lang, int64_t round_threshold) {
  return core::join(narrativeParagraphs(f, lang, round_threshold), "\n\n");
}

}  // namespace pubtrack::reports
