// SPDX-License-Identifier: Apache-2.0
// reports::Figures: every figure of the annual report's media and outreach part, computed in
// SQL from the store (annual_figures.cpp) and rendered by the writers. Plain data, no I/O.
// Optional values are figures whose data is missing: the narrative leaves their sentence out.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/annual_tables.h"

namespace pubtrack::reports {

struct Period {
  std::string from, to;     // inclusive China-time days, "YYYY-MM-DD"
  std::optional<int> year;  // set for --year
  // A year not over yet: `to` is the last day collected so far, and nothing may speak of the
  // whole year (no 全年, no change against a whole previous year).
  bool in_progress = false;
  std::string label() const;  // "2019年" / "2019-01-01至2019-06-30"
};

struct MonthValue {
  std::string month;  // "2019-01"
  int64_t value = 0;
};

struct TopArticle {
  std::string msgid, title, url, publish_date;
  int64_t reads = 0;  // the account's reads metric for this article (cumulative, latest known)
};

struct WeChatFigures {
  std::string id;                            // the config section's id ("" for totals)
  std::string name;                          // display name
  std::optional<int64_t> articles;           // distinct msgid published in the period
  std::optional<int64_t> articles_notified;  // publish_type 0 (mass-sent), where known
  std::optional<int64_t> articles_silent;    // publish_type 1, where known
  // How `articles` was counted (統計口径): "datacube" (the 2025-11 endpoints see mass-sent and
  // published posts alike), "datacube+freepublish" (before them: mass-sent articles from the
  // statistics API plus the posts published without notification that a freepublish list read
  // whole holds), "mass_sent_only" (before them, no whole list: posts published without
  // notification are missing); "" when there is no article figure.
  std::string articles_basis;
  // For mass_sent_only: why there is no whole list: "refused" (the API's refusal, e.g. 48001,
  // in articles_basis_refusal), "incomplete" (not read whole since the period), "never".
  std::string articles_basis_why, articles_basis_refusal;
  std::optional<int64_t> page_views;       // Σ daily page views (legacy 99999999 row)
  std::optional<int64_t> read_users;       // Σ daily read users (legacy or new family)
  std::optional<int64_t> reads;            // page_views where the whole period has them,
  std::string reads_metric;                // else read_users: "page_views" | "read_users"
  std::optional<int64_t> followers_start;  // cumulate of the day before the period
  std::optional<int64_t> followers_end;    // cumulate at the period's last day
  std::optional<int64_t> followers_net;    // Σ new − Σ cancel
  std::optional<int64_t> followers_new, followers_cancel;
  std::vector<TopArticle> top_articles;  // up to 10, by reads
  std::vector<MonthValue> articles_by_month, reads_by_month, followers_by_month;  // followers:
                                                                                  // month-end
  int64_t days_with_data = 0, days_in_period = 0;
};

struct OutletCount {
  std::string outlet, tier;
  int64_t count = 0;
};

struct Story {
  std::string title, url, day, tier;
  std::vector<std::string> outlets;  // every outlet that carried it (the story is shown once)
};

struct MediaFigures {
  int64_t mainstream = 0;  // central + provincial + municipal (candidate + confirmed)
  int64_t central = 0, provincial = 0, municipal = 0, other = 0;
  int64_t confirmed = 0, candidates = 0;  // of all counted mentions, by review status
  std::vector<OutletCount> by_outlet;     // counted mentions per outlet, most first
  std::vector<MonthValue> by_month;       // mainstream mentions per month
  std::vector<MonthValue> by_month_central, by_month_provincial, by_month_municipal;
  std::vector<Story> top_stories;  // up to 10, most outlets first
  bool has_data = false;           // any feed or manual mention exists for the period
};

struct LedgerRole {
  std::string role;  // 主办, 会办, 协办, 承办, 分办, 汇办
  int64_t count = 0;
};

struct LedgerFigure {
  std::string kind;     // interview, consultation, ...
  std::string name_zh;  // 在线访谈
  std::string name_en;
  std::string unit_zh;            // 期
  int64_t count = 0;              // Σ count of the kind's records
  std::vector<LedgerRole> roles;  // breakdown by role, when recorded
  int64_t roles_total = 0;        // Σ of the breakdown (a check compares it with count)
  // The records held a total line (no role) equal to the sum of the role lines: read as one
  // figure and its breakdown, not added up.
  bool total_line = false;
};

struct Check {
  std::string kind;     // "wechat_days_missing", "wechat_delayed", "collection_failed",
                        // "followers_mismatch", "ledger_breakdown", "mentions_unreviewed"
  std::string source;   // "account.main", "ledger.npc_suggestion", ...
  std::string message;  // one line, English
  std::string message_zh;
};

struct Change {
  std::string key;  // "wechat.articles", "media.mainstream", "outreach.interview"
  int64_t current = 0, previous = 0;
  int64_t delta = 0;
  std::optional<double> percent;  // (current - previous) / previous × 100; none when previous = 0
};

// 表二, 表三 and 表四 of the annual report for a calendar year, under the cell keys of
// model/annual_tables.h ("t2.rules.issued", "t3.new.natural", "t4.review.total"). A table
// without data has no cells at all: it is flagged, never shown as zeros.
struct AnnualTables {
  model::Layout layout = model::Layout::Y2021;
  std::map<std::string, int64_t> t2;  // the figures given for the year
  std::map<std::string, int64_t> t3;  // every cell, from the request register
  std::map<std::string, int64_t> t4;  // the figures given, with the totals not given computed
  std::vector<std::string> computed;  // keys whose value pubtrack computed (t4 totals)
  bool t2_has_data() const { return !t2.empty(); }
  bool t3_has_data() const { return !t3.empty(); }
  bool t4_has_data() const { return !t4.empty(); }
  // The value of a cell of any of the three tables.
  std::optional<int64_t> cell(const std::string& key) const;
};

struct Figures {
  std::string agency;
  Period period;
  std::vector<WeChatFigures> accounts;
  WeChatFigures wechat_totals;
  MediaFigures media;
  std::vector<LedgerFigure> outreach;  // kinds with at least one record, in kind order
  std::optional<Period> previous_period;
  std::vector<Change> changes;  // 同比 where the previous period has data
  std::vector<Check> checks;
  std::string generated_at;  // UTC instant
  // The three tables (a calendar year only; nullopt for other periods).
  std::optional<AnnualTables> tables;

  // How many disclosure requests were received, administrative reviews and lawsuits there
  // were ("disclosure_request", "admin_review", "lawsuit"): from the tables when they hold the
  // figure, else from the ledger; nullopt when neither does. The narrative quotes only these.
  std::optional<int64_t> disclosureCount(std::string_view kind) const;
};

}  // namespace pubtrack::reports
