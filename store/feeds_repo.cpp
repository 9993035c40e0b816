// SPDX-License-Identifier: Apache-2.0
// Feed items and mentions, with the de-duplication rules stated in the header.
#include "store/feeds_repo.h"

#include <SQLiteCpp/Statement.h>

#include "core/date.h"
#include "store/detail/sql.h"
#include "store/detail/sql_util.h"

namespace pubtrack::store {

using detail::sql;

namespace {

std::string instantText(const std::optional<core::TimePoint>& t) {
  return t ? core::formatUtc(*t) : std::string();
}

// Titles this short ("通知", "图片") say nothing about the story.
constexpr size_t kMinTitleBytes = 12;

}  // namespace

struct FeedsRepo::Statements {
  explicit Statements(SQLite::Database& db)
      : findItem(db, "SELECT id FROM feed_items WHERE feed = ? AND item_key = ?"),
        insertItem(db,
                   "INSERT INTO feed_items (feed, item_key, guid, title, link, summary, content, "
                   "author, published, published_raw, source_name, source_url, position, "
                   "first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        updateItem(db,
                   "UPDATE feed_items SET guid = ?, title = ?, link = ?, summary = ?, content = ?, "
                   "author = ?, published = coalesce(?, published), published_raw = "
                   "coalesce(?, published_raw), source_name = ?, source_url = ?, position = ?, "
                   "last_seen = ? WHERE id = ?"),
        mentionOfItem(db, "SELECT id FROM mentions WHERE item_id = ?"),
        updateMention(
            db,
            "UPDATE mentions SET outlet = ?, outlet_id = ?, tier = ?, title = ?, url = ?, "
            "keywords = ?, match_where = ?, match_rule = ?, tier_basis = ? WHERE id = ?"),
        sameUrl(db,
                "SELECT coalesce(same_as, id) FROM mentions WHERE norm_url = ? ORDER BY id "
                "LIMIT 1"),
        sameTitleSameOutlet(db,
                            "SELECT coalesce(same_as, id) FROM mentions WHERE norm_title = ? AND "
                            "outlet = ? AND day BETWEEN ? AND ? ORDER BY id LIMIT 1"),
        sameTitleOtherOutlet(
            db,
            "SELECT id, coalesce(published, day || 'T00:00:00Z') FROM mentions WHERE norm_title = "
            "? AND outlet != ? AND same_as IS NULL AND duplicate_of IS NULL AND day BETWEEN ? AND "
            "? ORDER BY coalesce(published, day), id LIMIT 1"),
        rootStatus(db, "SELECT status FROM mentions WHERE id = ?"),
        insertMention(
            db,
            "INSERT INTO mentions (item_id, origin, outlet, outlet_id, tier, title, url, norm_url, "
            "norm_title, published, day, keywords, status, same_as, duplicate_of, note, "
            "created_at, match_where, match_rule, tier_basis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)") {}
  SQLite::Statement findItem, insertItem, updateItem, mentionOfItem, updateMention, sameUrl,
      sameTitleSameOutlet, sameTitleOtherOutlet, rootStatus, insertMention;
};

FeedsRepo::FeedsRepo(Database& db) : db_(db), st_(std::make_unique<Statements>(sql(db))) {}
FeedsRepo::~FeedsRepo() = default;

std::pair<int64_t, bool> FeedsRepo::upsertItem(const model::FeedItemRecord& it,
                                               core::TimePoint at) {
  const std::string now = core::formatUtc(at);
  const std::string published = instantText(it.published);
  auto& f = st_->findItem;
  const detail::StatementUse use(f);
  f.bind(1, it.feed);
  f.bind(2, it.item_key);
  if (f.executeStep()) {
    const int64_t id = f.getColumn(0).getInt64();
    auto& u = st_->updateItem;
    u.reset();
    detail::bindOptional(u, 1, it.guid);
    u.bind(2, it.title);
    detail::bindOptional(u, 3, it.link);
    detail::bindOptionalNoCopy(u, 4, it.summary);
    detail::bindOptionalNoCopy(u, 5, it.content);
    detail::bindOptional(u, 6, it.author);
    detail::bindOptional(u, 7, published);
    detail::bindOptional(u, 8, it.published_raw);
    detail::bindOptional(u, 9, it.source_name);
    detail::bindOptional(u, 10, it.source_url);
    u.bind(11, it.position);
    u.bind(12, now);
    u.bind(13, id);
    u.exec();
    return {id, false};
  }
  auto& q = st_->insertItem;
  q.reset();
  q.bind(1, it.feed);
  q.bind(2, it.item_key);
  detail::bindOptional(q, 3, it.guid);
  q.bind(4, it.title);
  detail::bindOptional(q, 5, it.link);
  detail::bindOptionalNoCopy(q, 6, it.summary);
  detail::bindOptionalNoCopy(q, 7, it.content);
  detail::bindOptional(q, 8, it.author);
  detail::bindOptional(q, 9, published);
  detail::bindOptional(q, 10, it.published_raw);
  detail::bindOptional(q, 11, it.source_name);
  detail::bindOptional(q, 12, it.source_url);
  q.bind(13, it.position);
  q.bind(14, now);
  q.bind(15, now);
  q.exec();
  return {sql(db_).getLastInsertRowid(), true};
}

std::pair<int64_t, bool> FeedsRepo::upsertMention(const model::Mention& m, core::TimePoint at) {
  const std::string now = core::formatUtc(at);
  const std::string tier(model::toString(m.tier));
  if (m.item_id != 0) {
    auto& e = st_->mentionOfItem;
    const detail::StatementUse use(e);
    e.bind(1, m.item_id);
    if (e.executeStep()) {
      const int64_t id = e.getColumn(0).getInt64();
      auto& u = st_->updateMention;
      u.reset();
      u.bind(1, m.outlet);
      detail::bindOptional(u, 2, m.outlet_id);
      u.bind(3, tier);
      u.bind(4, m.title);
      detail::bindOptional(u, 5, m.url);
      detail::bindOptional(u, 6, m.keywords);
      detail::bindOptional(u, 7, m.match_where);
      detail::bindOptional(u, 8, m.match_rule);
      detail::bindOptional(u, 9, m.tier_basis);
      u.bind(10, id);
      u.exec();
      return {id, false};
    }
  }
  int64_t sameAs = 0, duplicateOf = 0;
  if (!m.norm_url.empty()) {
    auto& q = st_->sameUrl;
    const detail::StatementUse use(q);
    q.bind(1, m.norm_url);
    if (q.executeStep()) sameAs = q.getColumn(0).getInt64();
  }
  const bool titleUsable = m.norm_title.size() >= kMinTitleBytes;
  if (!sameAs && titleUsable) {
    auto& q = st_->sameTitleSameOutlet;
    const detail::StatementUse use(q);
    q.bind(1, m.norm_title);
    q.bind(2, m.outlet);
    q.bind(3, (m.day - 7).toString());
    q.bind(4, (m.day + 7).toString());
    if (q.executeStep()) sameAs = q.getColumn(0).getInt64();
  }
  std::string status(model::toString(m.status));
  int64_t reroot = 0;  // an existing story root that this earlier copy replaces
  if (sameAs) {
    // The same report seen again keeps the review decision made on it.
    auto& s = st_->rootStatus;
    const detail::StatementUse use(s);
    s.bind(1, sameAs);
    if (s.executeStep()) status = s.getColumn(0).getString();
  } else if (titleUsable) {
    auto& q = st_->sameTitleOtherOutlet;
    const detail::StatementUse use(q);
    q.bind(1, m.norm_title);
    q.bind(2, m.outlet);
    q.bind(3, (m.day - 7).toString());
    q.bind(4, (m.day + 7).toString());
    if (q.executeStep()) {
      const int64_t root = q.getColumn(0).getInt64();
      const std::string rootAt = q.getColumn(1).getString();
      const std::string mineAt =
          m.published ? core::formatUtc(*m.published) : m.day.toString() + "T00:00:00Z";
      if (mineAt < rootAt)
        reroot = root;
      else
        duplicateOf = root;
    }
  }
  auto& q = st_->insertMention;
  q.reset();
  if (m.item_id)
    q.bind(1, m.item_id);
  else
    q.bind(1);
  q.bind(2, std::string(model::toString(m.origin)));
  q.bind(3, m.outlet);
  detail::bindOptional(q, 4, m.outlet_id);
  q.bind(5, tier);
  q.bind(6, m.title);
  detail::bindOptional(q, 7, m.url);
  detail::bindOptional(q, 8, m.norm_url);
  q.bind(9, m.norm_title);
  detail::bindOptional(q, 10, instantText(m.published));
  q.bind(11, m.day.toString());
  detail::bindOptional(q, 12, m.keywords);
  q.bind(13, status);
  if (sameAs)
    q.bind(14, sameAs);
  else
    q.bind(14);
  if (duplicateOf)
    q.bind(15, duplicateOf);
  else
    q.bind(15);
  detail::bindOptional(q, 16, m.note);
  q.bind(17, now);
  detail::bindOptional(q, 18, m.match_where);
  detail::bindOptional(q, 19, m.match_rule);
  detail::bindOptional(q, 20, m.tier_basis);
  q.exec();
  const int64_t id = sql(db_).getLastInsertRowid();
  if (reroot) {
    // This copy is earlier than the story's root: it becomes the root.
    SQLite::Statement u(sql(db_),
                        "UPDATE mentions SET duplicate_of = ? WHERE id = ? OR duplicate_of = ?");
    u.bind(1, id);
    u.bind(2, reroot);
    u.bind(3, reroot);
    u.exec();
  }
  return {id, true};
}

bool FeedsRepo::setItemMention(int64_t item_id, std::optional<model::Mention> m,
                               core::TimePoint now) {
  if (!m) {
    dropCandidate(item_id);
    return false;
  }
  m->item_id = item_id;
  return upsertMention(*m, now).second;
}

bool FeedsRepo::dropCandidate(int64_t item_id) {
  // Most items never were a mention: one cached lookup, nothing prepared.
  auto& any = st_->mentionOfItem;
  const detail::StatementUse use(any);
  any.bind(1, item_id);
  if (!any.executeStep()) return false;
  SQLite::Statement find(sql(db_),
                         "SELECT id, duplicate_of FROM mentions WHERE item_id = ? AND status = "
                         "'candidate' AND same_as IS NULL");
  find.bind(1, item_id);
  int64_t id = 0, dupOf = 0;
  if (find.executeStep()) {
    id = find.getColumn(0).getInt64();
    dupOf = find.getColumn(1).isNull() ? 0 : find.getColumn(1).getInt64();
  } else {
    // A sighting (same_as set) can simply go.
    SQLite::Statement del(sql(db_),
                          "DELETE FROM mentions WHERE item_id = ? AND status = 'candidate'");
    del.bind(1, item_id);
    return del.exec() > 0;
  }
  auto exec = [&](const char* text, int64_t a, int64_t b) {
    SQLite::Statement q(sql(db_), text);
    if (a)
      q.bind(1, a);
    else
      q.bind(1);
    q.bind(2, b);
    q.exec();
  };
  // Another sighting of the same report takes its place; else the earliest syndicated copy
  // becomes the story's root.
  SQLite::Statement next(sql(db_), "SELECT min(id) FROM mentions WHERE same_as = ?");
  next.bind(1, id);
  next.executeStep();
  if (!next.getColumn(0).isNull()) {
    const int64_t heir = next.getColumn(0).getInt64();
    exec("UPDATE mentions SET same_as = NULL, duplicate_of = ? WHERE id = ?", dupOf, heir);
    exec("UPDATE mentions SET same_as = ? WHERE same_as = ?", heir, id);
    exec("UPDATE mentions SET duplicate_of = ? WHERE duplicate_of = ?", heir, id);
  } else if (!dupOf) {
    SQLite::Statement first(sql(db_),
                            "SELECT id FROM mentions WHERE duplicate_of = ? ORDER BY "
                            "coalesce(published, day), id LIMIT 1");
    first.bind(1, id);
    if (first.executeStep()) {
      const int64_t heir = first.getColumn(0).getInt64();
      exec("UPDATE mentions SET duplicate_of = NULL WHERE id = ? AND ? > 0", heir, heir);
      exec("UPDATE mentions SET duplicate_of = ? WHERE duplicate_of = ?", heir, id);
    }
  }
  SQLite::Statement del(sql(db_), "DELETE FROM mentions WHERE id = ?");
  del.bind(1, id);
  del.exec();
  return true;
}

bool FeedsRepo::hasMention(int64_t item_id) {
  SQLite::Statement q(sql(db_), "SELECT 1 FROM mentions WHERE item_id = ?");
  q.bind(1, item_id);
  return q.executeStep();
}

std::vector<int64_t> FeedsRepo::setStatus(const std::vector<int64_t>& ids,
                                          model::MentionStatus to) {
  const std::string status(model::toString(to));
  std::vector<int64_t> missing;
  SQLite::Statement root(sql(db_), "SELECT coalesce(same_as, id) FROM mentions WHERE id = ?");
  SQLite::Statement upd(sql(db_), "UPDATE mentions SET status = ? WHERE id = ? OR same_as = ?");
  for (int64_t id : ids) {
    root.reset();
    root.bind(1, id);
    if (!root.executeStep()) {
      missing.push_back(id);
      continue;
    }
    const int64_t r = root.getColumn(0).getInt64();
    upd.reset();
    upd.bind(1, status);
    upd.bind(2, r);
    upd.bind(3, r);
    upd.exec();
  }
  return missing;
}

namespace {
constexpr const char* kItemColumns =
    "i.id, i.feed, i.item_key, i.guid, i.title, i.link, i.summary, i.content, i.author, "
    "i.published, i.published_raw, i.source_name, i.source_url, i.position, i.first_seen, "
    "m.id IS NOT NULL";
ItemRow readItem(SQLite::Statement& q) {
  ItemRow r;
  r.id = q.getColumn(0).getInt64();
  auto& it = r.item;
  it.feed = q.getColumn(1).getString();
  it.item_key = q.getColumn(2).getString();
  it.guid = detail::textOrEmpty(q.getColumn(3));
  it.title = detail::textOrEmpty(q.getColumn(4));
  it.link = detail::textOrEmpty(q.getColumn(5));
  it.summary = detail::textOrEmpty(q.getColumn(6));
  it.content = detail::textOrEmpty(q.getColumn(7));
  it.author = detail::textOrEmpty(q.getColumn(8));
  if (!q.getColumn(9).isNull()) it.published = core::parseUtc(q.getColumn(9).getText());
  it.published_raw = detail::textOrEmpty(q.getColumn(10));
  it.source_name = detail::textOrEmpty(q.getColumn(11));
  it.source_url = detail::textOrEmpty(q.getColumn(12));
  it.position = q.getColumn(13).getInt64();
  r.first_seen = core::parseUtc(q.getColumn(14).getText()).value_or(core::TimePoint{});
  r.is_mention = q.getColumn(15).getInt() != 0;
  return r;
}
}  // namespace

std::vector<ItemRow> FeedsRepo::listItems(const std::string& feed, std::optional<core::Date> from,
                                          std::optional<core::Date> to, int limit) {
  std::string text = std::string("SELECT ") + kItemColumns +
                     " FROM feed_items i LEFT JOIN mentions m ON m.item_id = i.id WHERE 1";
  if (!feed.empty()) text += " AND i.feed = :feed";
  // Days are China-time days: shift the UTC instants by 8 hours before comparing.
  if (from) text += " AND date(coalesce(i.published, i.first_seen), '+8 hours') >= :from";
  if (to) text += " AND date(coalesce(i.published, i.first_seen), '+8 hours') <= :to";
  text += " ORDER BY i.feed, i.last_seen DESC, i.position, i.id";
  if (limit > 0) text += " LIMIT " + std::to_string(limit);
  SQLite::Statement q(sql(db_), text);
  if (!feed.empty()) q.bind(":feed", feed);
  if (from) q.bind(":from", from->toString());
  if (to) q.bind(":to", to->toString());
  std::vector<ItemRow> out;
  while (q.executeStep()) out.push_back(readItem(q));
  return out;
}

void FeedsRepo::forEachItem(const std::function<void(const ItemRow&)>& fn) {
  SQLite::Statement q(sql(db_), std::string("SELECT ") + kItemColumns +
                                    " FROM feed_items i LEFT JOIN mentions m ON m.item_id = "
                                    "i.id ORDER BY i.id");
  while (q.executeStep()) fn(readItem(q));
}

int64_t FeedsRepo::countItems(const std::string& feed) {
  SQLite::Statement q(sql(db_), "SELECT count(*) FROM feed_items WHERE feed = ?");
  q.bind(1, feed);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

std::vector<MentionRow> FeedsRepo::listMentions(const MentionFilter& f) {
  std::string text =
      "SELECT id, item_id, origin, outlet, outlet_id, tier, title, url, norm_url, norm_title, "
      "published, day, keywords, status, note, same_as, duplicate_of, created_at, match_where, "
      "match_rule, tier_basis FROM mentions WHERE 1";
  if (f.canonical_only) text += " AND same_as IS NULL";
  if (f.from) text += " AND day >= :from";
  if (f.to) text += " AND day <= :to";
  if (f.status) text += " AND status = :status";
  if (f.tier) text += " AND tier = :tier";
  text += " ORDER BY day DESC, id DESC";
  if (f.limit > 0) text += " LIMIT " + std::to_string(f.limit);
  SQLite::Statement q(sql(db_), text);
  if (f.from) q.bind(":from", f.from->toString());
  if (f.to) q.bind(":to", f.to->toString());
  if (f.status) q.bind(":status", std::string(model::toString(*f.status)));
  if (f.tier) q.bind(":tier", std::string(model::toString(*f.tier)));
  std::vector<MentionRow> out;
  while (q.executeStep()) {
    MentionRow r;
    r.id = q.getColumn(0).getInt64();
    auto& m = r.m;
    m.item_id = q.getColumn(1).isNull() ? 0 : q.getColumn(1).getInt64();
    m.origin =
        model::parseMentionOrigin(q.getColumn(2).getText()).value_or(model::MentionOrigin::Feed);
    m.outlet = q.getColumn(3).getString();
    m.outlet_id = detail::textOrEmpty(q.getColumn(4));
    m.tier = model::parseTier(q.getColumn(5).getText()).value_or(model::Tier::Other);
    m.title = q.getColumn(6).getString();
    m.url = detail::textOrEmpty(q.getColumn(7));
    m.norm_url = detail::textOrEmpty(q.getColumn(8));
    m.norm_title = q.getColumn(9).getString();
    if (!q.getColumn(10).isNull()) m.published = core::parseUtc(q.getColumn(10).getText());
    m.day = core::Date::parse(q.getColumn(11).getText()).value_or(core::Date{});
    m.keywords = detail::textOrEmpty(q.getColumn(12));
    m.status = model::parseMentionStatus(q.getColumn(13).getText())
                   .value_or(model::MentionStatus::Candidate);
    m.note = detail::textOrEmpty(q.getColumn(14));
    r.same_as = q.getColumn(15).isNull() ? 0 : q.getColumn(15).getInt64();
    r.duplicate_of = q.getColumn(16).isNull() ? 0 : q.getColumn(16).getInt64();
    r.created_at = q.getColumn(17).getString();
    m.match_where = detail::textOrEmpty(q.getColumn(18));
    m.match_rule = detail::textOrEmpty(q.getColumn(19));
    m.tier_basis = detail::textOrEmpty(q.getColumn(20));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace pubtrack::store
