// SPDX-License-Identifier: Apache-2.0
// The JSON writer: every figure, exact, under the stable keys documented in writers.h.
#include "core/json_writer.h"

#include <optional>
#include <string>
#include <vector>

#include "core/strings.h"
#include "reports/labels.h"
#include "reports/narrative.h"
#include "reports/render_model.h"
#include "reports/writers.h"

namespace pubtrack::reports {

namespace {

// core::JsonWriter, pretty, with every key and string cleaned the way the other formats clean
// report text (detail::cleanText: control characters dropped, not escaped).
class JsonOut {
 public:
  std::string take() { return w_.take() + "\n"; }
  JsonOut& key(std::string_view k) {
    w_.key(detail::cleanText(k));
    return *this;
  }
  JsonOut& str(std::string_view s) {
    w_.str(detail::cleanText(s));
    return *this;
  }
  void beginObject() { w_.beginObject(); }
  void endObject() { w_.endObject(); }
  void beginArray() { w_.beginArray(); }
  void endArray() { w_.endArray(); }
  void num(int64_t v) { w_.num(v); }
  void num(std::optional<int64_t> v) { w_.num(v); }
  void real(double v) { w_.real(v); }
  void boolean(bool b) { w_.boolean(b); }
  void null() { w_.null(); }

 private:
  core::JsonWriter w_{core::JsonWriter::Style::Pretty};
};

void period(JsonOut& j, const Period& p) {
  j.beginObject();
  j.key("from").str(p.from);
  j.key("to").str(p.to);
  j.key("year");
  p.year ? j.num(int64_t{*p.year}) : j.null();
  j.key("calendar_year").boolean(isCalendarYear(p));
  j.key("in_progress").boolean(p.in_progress);
  j.key("label").str(p.label());
  j.endObject();
}

void months(JsonOut& j, const std::vector<MonthValue>& series) {
  j.beginArray();
  for (const auto& mv : series) {
    j.beginObject();
    j.key("month").str(mv.month);
    j.key("value").num(mv.value);
    j.endObject();
  }
  j.endArray();
}

void account(JsonOut& j, const WeChatFigures& w) {
  j.beginObject();
  j.key("id").str(w.id);
  j.key("name").str(w.name);
  j.key("articles").num(w.articles);
  j.key("articles_notified").num(w.articles_notified);
  j.key("articles_silent").num(w.articles_silent);
  j.key("articles_basis");
  if (w.articles_basis.empty())
    j.null();
  else
    j.str(w.articles_basis);
  j.key("page_views").num(w.page_views);
  j.key("read_users").num(w.read_users);
  j.key("reads").num(w.reads);
  j.key("reads_metric");
  if (w.reads_metric.empty())
    j.null();
  else
    j.str(w.reads_metric);
  j.key("followers_start").num(w.followers_start);
  j.key("followers_end").num(w.followers_end);
  j.key("followers_net").num(w.followers_net);
  j.key("followers_new").num(w.followers_new);
  j.key("followers_cancel").num(w.followers_cancel);
  j.key("days_with_data").num(w.days_with_data);
  j.key("days_in_period").num(w.days_in_period);
  j.key("articles_by_month");
  months(j, w.articles_by_month);
  j.key("reads_by_month");
  months(j, w.reads_by_month);
  j.key("followers_by_month");
  months(j, w.followers_by_month);
  j.key("top_articles");
  j.beginArray();
  for (const auto& a : w.top_articles) {
    j.beginObject();
    j.key("msgid").str(a.msgid);
    j.key("title").str(a.title);
    j.key("url").str(a.url);
    j.key("publish_date").str(a.publish_date);
    j.key("reads").num(a.reads);
    j.endObject();
  }
  j.endArray();
  j.endObject();
}

void media(JsonOut& j, const MediaFigures& m) {
  auto count = [&](int64_t v) { m.has_data ? j.num(v) : j.null(); };
  j.beginObject();
  j.key("has_data").boolean(m.has_data);
  j.key("mainstream");
  count(m.mainstream);
  j.key("confirmed");
  count(m.confirmed);
  j.key("candidates");
  count(m.candidates);
  j.key("by_tier");
  j.beginObject();
  j.key("central");
  count(m.central);
  j.key("provincial");
  count(m.provincial);
  j.key("municipal");
  count(m.municipal);
  j.key("other");
  count(m.other);
  j.endObject();
  j.key("by_outlet");
  j.beginArray();
  for (const auto& o : m.by_outlet) {
    j.beginObject();
    j.key("outlet").str(o.outlet);
    j.key("tier").str(o.tier);
    j.key("count").num(o.count);
    j.endObject();
  }
  j.endArray();
  j.key("by_month");
  months(j, m.by_month);
  j.key("by_month_by_tier");
  j.beginObject();
  j.key("central");
  months(j, m.by_month_central);
  j.key("provincial");
  months(j, m.by_month_provincial);
  j.key("municipal");
  months(j, m.by_month_municipal);
  j.endObject();
  j.key("top_stories");
  j.beginArray();
  for (const auto& s : m.top_stories) {
    j.beginObject();
    j.key("title").str(s.title);
    j.key("url").str(s.url);
    j.key("day").str(s.day);
    j.key("tier").str(s.tier);
    j.key("outlets");
    j.beginArray();
    for (const auto& o : s.outlets) j.str(o);
    j.endArray();
    j.endObject();
  }
  j.endArray();
  j.endObject();
}

// How a stored cell value is to be read (writers.h): money is kept in 分.
std::string_view unitCode(model::Unit unit) {
  switch (unit) {
    case model::Unit::Count:
      return "count";
    case model::Unit::Change:
      return "change";
    case model::Unit::WanYuan:
      return "wan_yuan_fen";
    case model::Unit::Yuan:
      return "yuan_fen";
  }
  return "count";
}

void tables(JsonOut& j, const AnnualTables& t) {
  const auto cells = model::tableCells(t.layout);
  j.beginObject();
  j.key("layout").str(model::toString(t.layout));
  j.key("has_data");
  j.beginObject();
  j.key("t2").boolean(t.t2_has_data());
  j.key("t3").boolean(t.t3_has_data());
  j.key("t4").boolean(t.t4_has_data());
  j.endObject();
  j.key("cells");
  j.beginObject();
  for (const auto& c : cells) j.key(c.key).num(t.cell(c.key));
  j.endObject();
  j.key("units");
  j.beginObject();
  for (const auto& c : cells) j.key(c.key).str(unitCode(c.unit));
  j.endObject();
  j.key("computed");
  j.beginArray();
  for (const auto& k : t.computed) j.str(k);
  j.endArray();
  j.endObject();
}

}  // namespace

std::string renderJson(const Figures& f, const RenderOptions& o) {
  const Lang L = o.lang;
  JsonOut j;
  j.beginObject();
  j.key("schema").str("pubtrack.figures/1");
  j.key("agency").str(f.agency);
  j.key("generated_at").str(f.generated_at);
  j.key("lang").str(L == Lang::En ? "en" : "zh");
  j.key("round_threshold").num(o.round_threshold);
  j.key("period");
  period(j, f.period);

  j.key("wechat");
  j.beginObject();
  j.key("accounts");
  j.beginArray();
  for (const auto& a : f.accounts) account(j, a);
  j.endArray();
  j.key("totals");
  account(j, f.wechat_totals);
  j.endObject();

  j.key("media");
  media(j, f.media);

  j.key("outreach");
  j.beginObject();
  for (const auto& l : f.outreach) {
    j.key(l.kind);
    j.beginObject();
    j.key("name_zh").str(l.name_zh);
    j.key("name_en").str(l.name_en);
    j.key("unit").str(l.unit_zh);
    j.key("count").num(l.count);
    j.key("roles");
    j.beginArray();
    for (const auto& r : l.roles) {
      j.beginObject();
      j.key("role").str(r.role);
      j.key("count").num(r.count);
      j.endObject();
    }
    j.endArray();
    j.key("roles_total").num(l.roles_total);
    j.endObject();
  }
  j.endObject();

  j.key("previous");
  j.beginObject();
  j.key("period");
  f.previous_period ? period(j, *f.previous_period) : j.null();
  j.key("changes");
  j.beginArray();
  for (const auto& c : f.changes) {
    j.beginObject();
    j.key("key").str(c.key);
    j.key("current").num(c.current);
    j.key("previous").num(c.previous);
    j.key("delta").num(c.current - c.previous);
    j.key("percent");
    if (c.previous != 0) {
      j.real(static_cast<double>(c.current - c.previous) / static_cast<double>(c.previous) * 100.0);
    } else {
      j.null();
    }
    j.endObject();
  }
  j.endArray();
  j.endObject();

  j.key("tables");
  f.tables ? tables(j, *f.tables) : j.null();

  j.key("checks");
  j.beginArray();
  for (const auto& c : f.checks) {
    j.beginObject();
    j.key("kind").str(c.kind);
    j.key("source").str(c.source);
    j.key("message").str(c.message);
    j.key("message_zh").str(c.message_zh);
    j.endObject();
  }
  j.endArray();

  j.key("narrative");
  j.beginObject();
  j.key("lang").str(L == Lang::En ? "en" : "zh");
  j.key("paragraphs");
  j.beginArray();
  for (const auto& p : narrativeParagraphs(f, L, o.round_threshold)) j.str(p);
  j.endArray();
  j.endObject();

  j.endObject();
  return j.take();
}

}  // namespace pubtrack::reports
