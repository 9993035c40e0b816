// SPDX-License-Identifier: Apache-2.0
// Occurrence-level keyword matching over normalised text, and outlet classification.
#include "collectors/mentions/mention_matcher.h"

#include <algorithm>
#include <iterator>
#include <unordered_map>

#include "collectors/mentions/text_normalize.h"
#include "config/places.h"
#include "core/strings.h"

namespace pubtrack::mentions {

namespace {

// What the text right before an alias hit says about it.
enum class Before {
  Nothing,     // nothing that qualifies it: start, punctuation, a verb ("记者从市国资委")
  OwnPlace,    // the agency's place: "深圳：市国资委"
  OtherPlace,  // another place: 广州市国资委, 广东省国资委, 浦东新区国资委
  Qualifier,   // another level: 省国资委, 国务院国资委, 区国资委
  Plural,  // several cities: 两市国资委, 城市国资委, 各地国资委 (this one only if its place is
           // named)
  Body,  // an institution's own committee: 深圳大学国资委
};

// Administrative words that make the alias another level's body.
constexpr std::string_view kQualifiers[] = {"省", "国务院", "自治区", "区", "县",   "州",
                                            "盟", "旗",     "镇",     "乡", "中央", "全国"};
// Plural forms: "三市国资委" may include the agency, but only an item that names its place says so.
constexpr std::string_view kPlurals[] = {"两市", "三市", "四市", "五市", "六市", "七市", "八市",
                                         "九市", "十市", "几市", "各市", "多市", "诸市", "城市",
                                         "都市", "省市", "两地", "各地", "多地", "等地"};
// Institutions with a 国有资产管理委员会 of their own.
constexpr std::string_view kBodies[] = {"大学", "学院", "学校", "医院",  "公司",
                                        "集团", "银行", "协会", "研究院"};
// A keyword ending in 委 right before 托 is usually 委托 (entrust): 国资委托贷款 is 国资 +
// 委托贷款. Only 托管 (trusteeship) and 托育 (childcare) after the agency's name are read as its
// own.
constexpr std::string_view kEntrust = "托";
constexpr std::string_view kAfterEntrustOk[] = {"托管", "托育", "托幼"};
// A place after these is where something happens, not whose agency it is: "赴深圳考察",
// "在深圳举行".
constexpr std::string_view kVenueMarks[] = {"赴", "到", "来", "至", "在", "于", "抵", "往"};
// After these, a place later in the text than the alias is a partner ("市国资委与深圳企业签约");
// before it, the two are named together ("广州与深圳两地国资委").
constexpr std::string_view kPartnerMarks[] = {"与", "和", "同", "跟"};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

bool startsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool endsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Start of the UTF-8 character that ends at `end` (exclusive) in `s`.
size_t previousCharStart(std::string_view s, size_t end) {
  size_t i = end;
  while (i > 0) {
    --i;
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) break;
  }
  return i;
}

// End of the UTF-8 character that starts at `i` in `s`.
size_t nextCharEnd(std::string_view s, size_t i) {
  ++i;
  while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  return i;
}

enum Field { kTitle, kSummary, kContent };
constexpr std::string_view kFieldNames[] = {"title", "summary", "content"};

enum class Verdict { Valid, Blocked, NeedsPlace, Unqualified };

struct Hit {
  int field;
  size_t start, end;
  size_t keyword;
  bool subsumed = false;
  Verdict verdict = Verdict::Unqualified;
  std::string_view rule = {};
};

int rank(std::string_view rule) {
  return rule == kRuleFullName           ? 0
         : rule == kRuleAliasLocalOutlet ? 1
         : rule == kRuleAliasPlaceInText ? 2
                                         : 3;
}

}  // namespace

struct MentionMatcher::Impl {
  struct Keyword {
    std::string folded, original;
    bool full_name = false;
    bool level = false;  // starts with 市: in a local outlet it names the local city's agency
  };
  std::vector<Keyword> keywords;
  std::vector<std::string> spans;       // folded exclude phrases that contain a keyword
  std::vector<std::string> stop_words;  // folded
  std::vector<std::string> own_forms;   // folded forms of the agency's place
  bool has_place = false;
  // Spellings, before folding, of which a text must hold one to contain any keyword once folded
  // (ideographAnchors of each); no screening when some keyword has no ideograph.
  std::vector<std::string> anchors;
  bool screen = true;
  std::unordered_map<std::string, Before, StringHash, std::equal_to<>> before;
  size_t max_before_chars = 1;

  // False when `text` cannot contain a keyword once decoded and folded: the cheap test that
  // lets most items skip the folding.
  bool mayHoldKeyword(std::string_view text) const {
    if (!screen || text.find("&#") != std::string_view::npos) return true;
    return std::any_of(anchors.begin(), anchors.end(), [&](const std::string& a) {
      return text.find(a) != std::string_view::npos;
    });
  }

  Before kindOf(std::string_view s) const {
    const auto it = before.find(s);
    return it == before.end() ? Before::Nothing : it->second;
  }

  // The longest known word that ends right before `start` (a dateline's ':' or ' ' skipped
  // when a place is before it); for a hit that starts with 市, also the word that ends with it
  // ("城市", "三市").
  Before kindBefore(std::string_view text, size_t start, bool level) const {
    size_t end = start;
    while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == ':')) --end;
    const bool skipped = end != start;
    Before best = Before::Nothing;
    size_t bestLen = 0;
    size_t pos = end;
    for (size_t n = 0; n < max_before_chars && pos > 0; ++n) {
      pos = previousCharStart(text, pos);
      const auto k = kindOf(text.substr(pos, end - pos));
      if (k != Before::Nothing) best = k, bestLen = end - pos;
    }
    if (skipped)
      return best == Before::OwnPlace || best == Before::OtherPlace ? best : Before::Nothing;
    if (level) {
      // text[..start) + "市": walk the same suffixes with the hit's first character added.
      std::string probe;
      pos = start;
      for (size_t n = 0; n + 1 < max_before_chars && pos > 0; ++n) {
        pos = previousCharStart(text, pos);
        probe.assign(text.substr(pos, start - pos));
        probe += "市";
        const auto k = kindOf(probe);
        if (k != Before::Nothing && probe.size() > bestLen) best = k, bestLen = probe.size();
      }
    }
    return best;
  }

  // Whether the item names the agency's place as its own, for an alias hit in `field` at
  // `start`: not as a venue or destination, nor as a partner named after the alias.
  bool ownPlaceNamed(const std::string_view (&fields)[3], int field, size_t start) const {
    auto in = [](std::string_view mark, const auto& list) {
      return std::find(std::begin(list), std::end(list), mark) != std::end(list);
    };
    for (int f = 0; f < 3; ++f)
      for (const auto& form : own_forms)
        for (size_t p = fields[f].find(form); p != std::string_view::npos;
             p = fields[f].find(form, p + form.size())) {
          const size_t prev = previousCharStart(fields[f], p);
          const std::string_view mark = fields[f].substr(prev, p - prev);
          if (in(mark, kVenueMarks)) continue;
          if (in(mark, kPartnerMarks) && (f > field || (f == field && p > start))) continue;
          return true;
        }
    return false;
  }
};

MentionMatcher::MentionMatcher(const config::MonitorSettings& monitor)
    : impl_(std::make_unique<Impl>()) {
  auto& m = *impl_;
  // The place's forms: as configured, the gazetteer's name and short form of it, the aliases.
  if (!monitor.place.empty()) {
    m.has_place = true;
    m.own_forms.push_back(foldForNames(monitor.place));
    for (const auto* p : config::findPlaces(monitor.place)) {
      m.own_forms.push_back(foldForNames(p->name));
      if (!p->short_name.empty()) m.own_forms.push_back(foldForNames(p->short_name));
    }
    for (const auto& a : monitor.place_aliases) m.own_forms.push_back(foldForNames(a));
    std::erase(m.own_forms, std::string());
    std::sort(m.own_forms.begin(), m.own_forms.end());
    m.own_forms.erase(std::unique(m.own_forms.begin(), m.own_forms.end()), m.own_forms.end());
  }
  auto note = [&](std::string_view word, Before kind) {
    m.before[std::string(word)] = kind;
    m.max_before_chars = std::max(m.max_before_chars, core::utf8Length(word));
  };
  for (const auto& p : config::places()) {
    note(p.name, Before::OtherPlace);
    if (!p.short_name.empty()) note(p.short_name, Before::OtherPlace);
  }
  for (auto w : kQualifiers) note(w, Before::Qualifier);
  for (auto w : kPlurals) note(w, Before::Plural);
  for (auto w : kBodies) note(w, Before::Body);
  for (const auto& f : m.own_forms) note(f, Before::OwnPlace);

  for (const auto& k : monitor.keywords) {
    std::string folded = foldForNames(k);
    if (folded.empty()) continue;
    Impl::Keyword kw{folded, k};
    if (m.has_place) {
      for (const auto& f : m.own_forms) kw.full_name = kw.full_name || startsWith(folded, f);
    } else {
      // No place configured: a keyword that starts with any place's name is a full name.
      size_t pos = 0;
      for (size_t n = 0; n < m.max_before_chars && pos < folded.size(); ++n) {
        pos = nextCharEnd(folded, pos);
        if (m.kindOf(std::string_view(folded).substr(0, pos)) == Before::OtherPlace)
          kw.full_name = true;
      }
    }
    kw.level = startsWith(folded, "市");
    auto anchors = ideographAnchors(folded);
    m.screen = m.screen && !anchors.empty();
    m.anchors.insert(m.anchors.end(), anchors.begin(), anchors.end());
    m.keywords.push_back(std::move(kw));
  }
  std::sort(m.anchors.begin(), m.anchors.end());
  m.anchors.erase(std::unique(m.anchors.begin(), m.anchors.end()), m.anchors.end());
  auto containsKeyword = [&](std::string_view phrase) {
    for (const auto& k : m.keywords)
      if (phrase.find(k.folded) != std::string_view::npos) return true;
    return false;
  };
  for (const auto& e : monitor.exclude) {
    std::string folded = foldForNames(e);
    if (folded.empty()) continue;
    // An exclude phrase with a keyword in it names another body; one without is a stop word.
    (containsKeyword(folded) ? m.spans : m.stop_words).push_back(std::move(folded));
  }
  for (const auto& w : monitor.stop_words)
    if (std::string folded = foldForNames(w); !folded.empty())
      m.stop_words.push_back(std::move(folded));
}

namespace {
config::MonitorSettings plainMonitor(const std::vector<std::string>& keywords,
                                     const std::vector<std::string>& exclude) {
  config::MonitorSettings m;
  m.keywords = keywords;
  m.exclude = exclude;
  return m;
}
}  // namespace

MentionMatcher::MentionMatcher(const std::vector<std::string>& keywords,
                               const std::vector<std::string>& exclude)
    : MentionMatcher(plainMonitor(keywords, exclude)) {}
MentionMatcher::~MentionMatcher() = default;
MentionMatcher::MentionMatcher(MentionMatcher&&) noexcept = default;
MentionMatcher& MentionMatcher::operator=(MentionMatcher&&) noexcept = default;

MatchResult MentionMatcher::match(std::string_view title, std::string_view summary,
                                  std::string_view content, bool local_outlet) const {
  const auto& m = *impl_;
  MatchResult result;
  if (m.keywords.empty()) return result;
  if (!m.mayHoldKeyword(title) && !m.mayHoldKeyword(summary) && !m.mayHoldKeyword(content))
    return result;  // most items: no keyword at all
  const std::string texts[3] = {
      foldForNames(decodeEntities(title)), foldForNames(htmlToText(summary)),
      content.empty() ? std::string() : foldForNames(htmlToText(content))};
  const std::string_view fields[3] = {texts[0], texts[1], texts[2]};

  std::vector<Hit> hits;
  for (int f = kTitle; f <= kContent; ++f)
    for (size_t k = 0; k < m.keywords.size(); ++k) {
      const std::string& kw = m.keywords[k].folded;
      for (size_t p = fields[f].find(kw); p != std::string_view::npos;
           p = fields[f].find(kw, p + 1))
        hits.push_back({f, p, p + kw.size(), k});
    }
  if (hits.empty()) return result;  // most items: no keyword at all

  for (const auto& w : m.stop_words)
    for (const auto& text : fields)
      if (text.find(w) != std::string_view::npos) {
        result.stop_word = w;
        return result;
      }

  // A hit inside a longer one (市国资委 in 深圳市国资委) is judged with it, not on its own.
  for (auto& h : hits)
    for (const auto& o : hits)
      if (&o != &h && o.field == h.field && o.start <= h.start && h.end <= o.end &&
          o.end - o.start > h.end - h.start)
        h.subsumed = true;

  std::vector<size_t> otherAgencies;  // keywords found naming another body (广州市国资委)
  for (auto& h : hits) {
    if (h.subsumed) continue;
    const std::string_view text = fields[h.field];
    const auto& kw = m.keywords[h.keyword];
    h.verdict = Verdict::Blocked;
    bool inSpan = false;
    for (const auto& span : m.spans)
      for (size_t p = text.find(span); p != std::string_view::npos && !inSpan;
           p = text.find(span, p + 1))
        inSpan = p <= h.start && h.end <= p + span.size();
    if (inSpan) continue;
    if (endsWith(kw.folded, "委") && startsWith(text.substr(h.end), kEntrust) &&
        std::none_of(std::begin(kAfterEntrustOk), std::end(kAfterEntrustOk),
                     [&](std::string_view ok) { return startsWith(text.substr(h.end), ok); }))
      continue;
    if (kw.full_name) {
      h.verdict = Verdict::Valid;
      h.rule = kRuleFullName;
      continue;
    }
    switch (m.kindBefore(text, h.start, kw.level)) {
      case Before::OwnPlace:
        h.verdict = Verdict::Valid;
        h.rule = kRuleAliasPlaceInText;
        break;
      case Before::OtherPlace:
      case Before::Qualifier:
        otherAgencies.push_back(h.keyword);
        break;
      case Before::Body:
        break;
      case Before::Plural:
        h.verdict = Verdict::NeedsPlace;
        break;
      case Before::Nothing:
        h.verdict = Verdict::Unqualified;
        break;
    }
  }

  // An alias yields to another body the item names with the same alias (国资委 and 国务院国资委 in
  // one item: the 国资委 is most likely the State Council's), except 市国资委 in a local outlet,
  // which names the local city's agency even beside 汕尾市国资委.
  auto yields = [&](const Impl::Keyword& kw) {
    for (size_t o : otherAgencies)
      if (endsWith(m.keywords[o].folded, kw.folded)) return true;
    return false;
  };
  auto ownPlaceNamed = [&](const Hit& h) { return m.ownPlaceNamed(fields, h.field, h.start); };
  for (auto& h : hits) {
    if (h.subsumed) continue;
    const auto& kw = m.keywords[h.keyword];
    if (h.verdict == Verdict::Unqualified) {
      if (!m.has_place) {
        h.rule = kRuleAlias;  // no place configured: an alias matches anywhere, as it used to
      } else if (local_outlet && (kw.level || !yields(kw))) {
        h.rule = kRuleAliasLocalOutlet;
      } else if (!yields(kw) && ownPlaceNamed(h)) {
        h.rule = kRuleAliasPlaceInText;
      }
    } else if (h.verdict == Verdict::NeedsPlace) {
      if (m.has_place && !yields(kw) && ownPlaceNamed(h)) h.rule = kRuleAliasPlaceInText;
    }
    if (h.verdict != Verdict::Blocked && !h.rule.empty()) h.verdict = Verdict::Valid;
  }

  bool inField[3] = {false, false, false};
  std::vector<bool> found(m.keywords.size(), false);
  for (const auto& h : hits) {
    if (h.subsumed || h.verdict != Verdict::Valid) continue;
    inField[h.field] = true;
    found[h.keyword] = true;
    if (result.rule.empty() || rank(h.rule) < rank(result.rule)) result.rule = h.rule;
  }
  for (size_t k = 0; k < m.keywords.size(); ++k)
    if (found[k]) result.keywords.push_back(m.keywords[k].original);
  for (int f = kTitle; f <= kContent; ++f)
    if (inField[f]) result.where += (result.where.empty() ? "" : ",") + std::string(kFieldNames[f]);
  return result;
}

Outlet classifyOutlet(const config::Settings& settings, const config::FeedSettings& feed,
                      std::string_view link, std::string_view source_name,
                      std::string_view source_url) {
  const std::string linkHost = config::hostOf(link);
  if (const auto* o = settings.outletForHost(linkHost))
    return {o->name, o->id, o->tier,
            config::Settings::isOwnHost(*o, linkHost) ? "domain" : "domain_suffix", o->local};
  // The aggregator case: the item lives elsewhere than the feed and names its original outlet.
  const std::string feedHost = config::hostOf(core::replaceAll(feed.url, "{keyword}", "x"));
  // A feed that names a registry outlet owns the links on its own host (a reprint it carries is
  // its report); any other feed is treated as an aggregator whose <source> names the outlet.
  const bool elsewhere = config::hostOf(link) != feedHost;
  if (elsewhere || config::hostOf(link).empty() || feed.outlet_id.empty()) {
    if (!source_url.empty())
      if (const auto* o = settings.outletForHost(config::hostOf(source_url)))
        return {o->name, o->id, o->tier,
                config::Settings::isOwnHost(*o, config::hostOf(source_url)) ? "source"
                                                                            : "source_suffix",
                o->local};
    const std::string name(core::trim(source_name));
    if (!name.empty()) {
      for (const auto& o : settings.outlets)
        if (o.name == name) return {o.name, o.id, o.tier, "source_name", o.local};
      // An outlet the registry does not know: its tier stays "other" until the team adds it.
      return {name, "", model::Tier::Other, "source_name"};
    }
  }
  // The feed's own outlet: local when the feed or its registry outlet says so.
  bool local = feed.local;
  for (const auto& o : settings.outlets)
    if (!feed.outlet_id.empty() && o.id == feed.outlet_id) local = local || o.local;
  return {feed.outlet, feed.outlet_id, feed.tier.value_or(model::Tier::Other), "feed", local};
}

}  // namespace pubtrack::mentions
