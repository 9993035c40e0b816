// SPDX-License-Identifier: Apache-2.0
// feeds list, items list, mentions list|confirm|reject|import|rematch.
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "app/commands/commands.h"
#include "app/commands/csv_import.h"
#include "collectors/feeds/feed_collector.h"
#include "collectors/mentions/mention_candidate.h"
#include "collectors/mentions/mention_matcher.h"
#include "collectors/mentions/text_normalize.h"
#include "core/date.h"
#include "core/strings.h"
#include "store/feeds_repo.h"
#include "store/state_repo.h"

namespace pubtrack::app::cmd {

namespace {

// How a feed's items are known, as `feeds list` says it: whether they carry an id of their own.
std::string itemIdsLabel(const std::string& basis) {
  if (basis == "guid") return "own";
  if (basis.empty()) return "";
  return "none (by " + basis + ")";
}

}  // namespace

int feedsList(Context& ctx, const Args& args) {
  const Format format = args.format();
  const auto& s = ctx.settings();
  auto& db = ctx.database();
  store::StateRepo states(db);
  store::FeedsRepo repo(db);
  Table t;
  t.columns = {"id",         "url",         "outlet",     "tier",         "items",   "item_ids",
               "last_fetch", "last_status", "last_error", "last_warning", "next_due"};
  for (const auto& src : feeds::feedSources(s)) {
    const auto st = states.get(src.source).value_or(store::SourceState{});
    const std::string id = src.keyword.empty() ? src.feed->id : src.feed->id + "#" + src.keyword;
    t.rows.push_back({Cell::str(id), Cell::str(src.url), Cell::str(src.feed->outlet),
                      Cell::optStr(src.feed->tier ? std::string(model::toString(*src.feed->tier))
                                                  : std::string()),
                      Cell::num(repo.countItems(src.feed->id)),
                      Cell::optStr(itemIdsLabel(st.item_identity)), Cell::optStr(st.last_fetch_at),
                      Cell::optStr(st.last_status), Cell::optStr(st.last_error),
                      Cell::optStr(st.last_warning), Cell::optStr(st.next_due_at)});
  }
  render(t, format, ctx.out);
  return kOk;
}

int feedsBody(Context& ctx, const Args& args) {
  if (args.positionals().size() != 1)
    throw ExitError{kUsage, "give one feed id (as feeds list shows it)"};
  const std::string& id = args.positionals()[0];
  std::string source;
  for (const auto& src : feeds::feedSources(ctx.settings()))
    if (id == (src.keyword.empty() ? src.feed->id : src.feed->id + "#" + src.keyword))
      source = src.source;
  if (source.empty()) throw ExitError{kUsage, id + ": no such feed (see pubtrack feeds list)"};
  store::StateRepo states(ctx.database());
  std::optional<store::RawResponse> kept;
  for (auto& r : states.latestRaw(source))
    if (r.request_key == "body") kept = std::move(r);
  if (!kept) {
    ctx.err << "pubtrack: " << source
            << ": no body kept: a feed's body is kept while it fails, warns or gives no items, "
               "and dropped once it reads cleanly\n";
    return kOk;
  }
  ctx.err << "pubtrack: " << source << ": " << kept->body.size() << " bytes, HTTP " << kept->status
          << (kept->content_type.empty() ? "" : ", " + kept->content_type) << ", fetched "
          << core::utcTextAt(kept->fetched_at, core::kChinaTime) << "\n";
  if (const auto out = args.value("out")) {
    if (const auto error = writeFileAtomically(*out, kept->body); !error.empty())
      throw ExitError{kFatal, error};
  } else {
    ctx.out.write(kept->body.data(), static_cast<std::streamsize>(kept->body.size()));
  }
  return kOk;
}

int itemsList(Context& ctx, const Args& args) {
  const Format format = args.format();
  const auto from = args.date("from"), to = args.date("to");
  const auto limit = args.integer("limit", 1, 100000000);
  const std::string feed = args.value("feed").value_or("");
  const auto& s = ctx.settings();
  if (!feed.empty() && !s.feed(feed))
    throw ExitError{kUsage, "--feed: no [feed." + feed + "] in the configuration"};
  store::FeedsRepo repo(ctx.database());
  Table t;
  t.columns = {"feed", "guid", "title", "link", "published", "is_mention"};
  for (const auto& r : repo.listItems(feed, from, to, limit ? static_cast<int>(*limit) : 0)) {
    t.rows.push_back({Cell::str(r.item.feed), Cell::optStr(r.item.guid), Cell::str(r.item.title),
                      Cell::optStr(r.item.link),
                      // For people China time with its offset; JSON and CSV keep UTC.
                      Cell::optStr(!r.item.published ? ""
                                   : format == Format::Table
                                       ? core::formatAt(*r.item.published, core::kChinaTime)
                                       : core::formatUtc(*r.item.published)),
                      Cell{r.is_mention ? "true" : "false", true, false}});
  }
  render(t, format, ctx.out);
  return kOk;
}

int mentionsList(Context& ctx, const Args& args) {
  const Format format = args.format();
  store::MentionFilter f;
  f.from = args.date("from");
  f.to = args.date("to");
  if (const auto status = args.value("status")) {
    f.status = model::parseMentionStatus(*status);
    if (!f.status)
      throw ExitError{kUsage,
                      "--status: expected candidate, confirmed or rejected, got '" + *status + "'"};
  }
  if (const auto tier = args.value("tier")) {
    f.tier = model::parseTier(*tier);
    if (!f.tier)
      throw ExitError{kUsage, "--tier: expected " + model::tierChoices() + ", got '" + *tier + "'"};
  }
  if (auto l = args.integer("limit", 1, 100000000)) f.limit = static_cast<int>(*l);
  store::FeedsRepo repo(ctx.database());
  Table t;
  t.columns = {"id",     "day",    "outlet",   "tier",        "title",      "url",
               "status", "origin", "keywords", "match_where", "match_rule", "duplicate_of"};
  for (const auto& r : repo.listMentions(f)) {
    t.rows.push_back({Cell::num(r.id), Cell::str(r.m.day.toString()), Cell::str(r.m.outlet),
                      Cell::str(std::string(model::toString(r.m.tier))), Cell::str(r.m.title),
                      Cell::optStr(r.m.url), Cell::str(std::string(model::toString(r.m.status))),
                      Cell::str(std::string(model::toString(r.m.origin))),
                      Cell::optStr(r.m.keywords), Cell::optStr(r.m.match_where),
                      Cell::optStr(r.m.match_rule),
                      r.duplicate_of ? Cell::num(r.duplicate_of) : Cell::none()});
  }
  render(t, format, ctx.out);
  return kOk;
}

namespace {
// The ids a review names: "12", "12-20" (both ends included), or with --all-candidates every
// mention still awaiting review (each report once), narrowed by --outlet, --from and --to.
std::vector<int64_t> reviewIds(store::FeedsRepo& repo, const Args& args) {
  std::set<int64_t> ids;
  for (const auto& p : args.positionals()) {
    const auto dash = p.find('-', 1);
    long long a = 0, b = 0;
    bool ok = false;
    if (dash == std::string::npos) {
      ok = core::parseInt64(p, a);
      b = a;
    } else {
      ok = core::parseInt64(p.substr(0, dash), a) && core::parseInt64(p.substr(dash + 1), b);
    }
    if (!ok || a <= 0 || b < a)
      throw ExitError{kUsage, "expected mention ids (12) or ranges (12-20), got '" + p + "'"};
    if (b - a >= 100000) throw ExitError{kUsage, "range '" + p + "' spans more than 100000 ids"};
    for (long long id = a; id <= b; ++id) ids.insert(id);
  }
  const auto outlet = args.value("outlet");
  if (args.has("all-candidates")) {
    store::MentionFilter f;
    f.status = model::MentionStatus::Candidate;
    f.from = args.date("from");
    f.to = args.date("to");
    for (const auto& r : repo.listMentions(f))
      if (!outlet || r.m.outlet == *outlet) ids.insert(r.id);
    if (ids.empty())
      throw ExitError{kUsage, "no candidate mention" +
                                  (outlet ? " of outlet '" + *outlet + "'" : std::string()) +
                                  " to review (nothing was changed)"};
  } else if (outlet || args.has("from") || args.has("to")) {
    throw ExitError{kUsage, "--outlet, --from and --to narrow --all-candidates"};
  }
  if (ids.empty())
    throw ExitError{kUsage, "give mention ids (12 or 12-20) or --all-candidates [--outlet X]"};
  return {ids.begin(), ids.end()};
}

int setStatus(Context& ctx, const Args& args, model::MentionStatus status) {
  auto& db = ctx.database();
  store::FeedsRepo repo(db);
  const std::vector<int64_t> ids = reviewIds(repo, args);
  store::Transaction tx(db);
  const auto missing = repo.setStatus(ids, status);
  if (!missing.empty()) {
    std::string list;
    for (auto id : missing) list += (list.empty() ? "" : ", ") + std::to_string(id);
    throw ExitError{kUsage, "no mention with id " + list + " (nothing was changed)"};
  }
  tx.commit();
  ctx.out << "pubtrack: " << ids.size() << " mention" << (ids.size() == 1 ? "" : "s") << " "
          << model::toString(status) << "\n";
  return kOk;
}
}  // namespace

int mentionsConfirm(Context& ctx, const Args& args) {
  return setStatus(ctx, args, model::MentionStatus::Confirmed);
}
int mentionsReject(Context& ctx, const Args& args) {
  return setStatus(ctx, args, model::MentionStatus::Rejected);
}

int mentionsRematch(Context& ctx, const Args&) {
  const auto& s = ctx.settings();
  auto& db = ctx.database();
  store::FeedsRepo repo(db);
  const mentions::MentionMatcher matcher(s.monitor);
  const auto now = ctx.clock().now();
  std::vector<store::ItemRow> items;
  repo.forEachItem([&](const store::ItemRow& r) { items.push_back(r); });
  int64_t added = 0, dropped = 0, keptReviewed = 0, unknownFeed = 0;
  store::Transaction tx(db);
  for (const auto& r : items) {
    const auto* feed = s.feed(r.item.feed);
    if (!feed) {
      ++unknownFeed;
      continue;
    }
    auto candidate = mentions::mentionCandidate(s, *feed, matcher, r.item, r.first_seen);
    const bool matches = candidate.has_value();
    const bool isNew = repo.setItemMention(r.id, std::move(candidate), now);
    added += isNew;
    // A confirmed or rejected mention stays as the reviewer left it, matching or not.
    if (r.is_mention && !matches) ++(repo.hasMention(r.id) ? keptReviewed : dropped);
  }
  tx.commit();
  ctx.out << "pubtrack: re-applied keywords to " << items.size() << " items: " << added
          << " new mentions, " << dropped << " candidates no longer match (dropped), "
          << keptReviewed << " reviewed mentions no longer match but keep their review";
  if (unknownFeed)
    ctx.out << " (" << unknownFeed << " items of feeds no longer configured kept as they were)";
  ctx.out << "\n";
  return kOk;
}

int mentionsImport(Context& ctx, const Args& args) {
  if (args.positionals().size() != 1) throw ExitError{kUsage, "give one CSV file"};
  const auto& s = ctx.settings();
  CsvImport csv(args.positionals()[0], {{"date", {"日期"}, true},
                                        {"outlet", {"媒体"}, true},
                                        {"tier", {"级别"}, true},
                                        {"title", {"标题"}, true},
                                        {"url", {"链接"}},
                                        {"status", {"状态"}},
                                        {"note", {"备注"}}});
  std::vector<model::Mention> inputs;
  for (const auto& row : csv.rows()) {
    auto get = [&](const std::string& name) { return csv.get(row, name); };
    model::Mention m;
    m.origin = model::MentionOrigin::Manual;
    m.tier_basis = "manual";
    auto day = core::Date::parse(get("date"));
    if (!day) {
      csv.problem(row, "date: expected YYYY-MM-DD, got '" + get("date") + "'");
      continue;
    }
    m.day = *day;
    m.outlet = get("outlet");
    if (m.outlet.empty()) csv.problem(row, "outlet: is empty");
    auto tier = model::parseTier(get("tier"));
    if (!tier)
      csv.problem(row, "tier: expected " + model::tierChoices() + ", got '" + get("tier") + "'");
    else
      m.tier = *tier;
    m.title = get("title");
    if (m.title.empty()) csv.problem(row, "title: is empty");
    m.url = get("url");
    if (!m.url.empty() && config::hostOf(m.url).empty())
      csv.problem(row, "url: expected an http(s) URL, got '" + m.url + "'");
    const auto status =
        model::parseMentionStatus(get("status").empty() ? "confirmed" : get("status"));
    if (!status)
      csv.problem(row, "status: expected candidate, confirmed or rejected");
    else
      m.status = *status;
    m.note = get("note");
    m.norm_url = m.url.empty() ? "" : mentions::normalizeUrl(m.url);
    m.norm_title = mentions::normalizeTitle(m.title);
    for (const auto& o : s.outlets)
      if (o.name == m.outlet) m.outlet_id = o.id;
    inputs.push_back(std::move(m));
  }
  csv.finish(ctx);
  const std::string file = csv.file();
  auto& db = ctx.database();
  store::FeedsRepo repo(db);
  const auto now = ctx.clock().now();
  store::Transaction tx(db);
  int64_t added = 0;
  for (const auto& m : inputs) added += repo.upsertMention(m, now).second;
  tx.commit();
  ctx.out << "pubtrack: imported " << added << " mention" << (added == 1 ? "" : "s") << " from "
          << file << "\n";
  return kOk;
}

}  // namespace pubtrack::app::cmd
