// SPDX-License-Identifier: Apache-2.0
// WeChat response parsing with simdjson on-demand: one forward pass, errcode checked, quirks kept.
#include "collectors/wechat/datacube_json.h"

#include <simdjson.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <utility>

#include "core/date.h"
#include "core/strings.h"

namespace pubtrack::wechat {
namespace {

namespace od = simdjson::ondemand;

// Where a value sits in the document, built into a string only when an error is reported.
struct Path {
  const Path* parent = nullptr;
  std::string_view key;  // field name, or "" for an array element
  size_t index = 0;      // array index when key is ""

  std::string str() const {
    if (parent == nullptr) return std::string(key);
    std::string out = parent->str();
    if (key.empty()) return out + "[" + std::to_string(index) + "]";
    if (!out.empty()) out += '.';
    out += key;
    return out;
  }
};

std::string_view typeName(od::json_type t) {
  switch (t) {
    case od::json_type::array:
      return "an array";
    case od::json_type::object:
      return "an object";
    case od::json_type::number:
      return "a number";
    case od::json_type::string:
      return "a string";
    case od::json_type::boolean:
      return "a boolean";
    case od::json_type::null:
      return "null";
  }
  return "something else";
}

// "text" with quotes and backslashes escaped, for error messages (not JSON output).
std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// A short, printable quote of the start of a body, for "not JSON" errors.
std::string bodyPreview(const std::string& body) {
  constexpr size_t kMax = 40;
  std::string head = core::sanitizeUtf8(core::trim(std::string_view(body).substr(0, kMax)));
  for (char& c : head)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return quote(head) + (body.size() > kMax ? "..." : "");
}

// Reads typed values, remembering the first failure (with its field path) as a BadPayload.
class Reader {
 public:
  explicit Reader(std::string_view source) : source_(source) {}

  bool fail(const Path& at, std::string_view what) {
    if (!failed_) {
      failed_ = true;
      const std::string where = at.str();
      message_ = where.empty() ? std::string(what) : "field " + where + ": " + std::string(what);
    }
    return false;
  }
  bool fail(const Path& at, simdjson::error_code e) {
    return fail(at, std::string("invalid JSON (") + simdjson::error_message(e) + ")");
  }

  core::Error error() const {
    return core::makeError(core::ErrorKind::BadPayload, std::string(source_), message_);
  }
  std::string_view source() const { return source_; }

  bool typeOf(od::value& v, const Path& at, od::json_type& t) {
    if (auto e = v.type().get(t)) return fail(at, e);
    return true;
  }

  bool readInt(od::value& v, const Path& at, int64_t& out) {
    od::json_type t = od::json_type::null;
    if (!typeOf(v, at, t)) return false;
    switch (t) {
      case od::json_type::number: {
        if (!v.get_int64().get(out)) return true;
        // 1.0 or 1e3: accept integral doubles within range.
        double d = 0;
        if (auto e = v.get_double().get(d)) return fail(at, e);
        if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9.0e18) {
          out = static_cast<int64_t>(d);
          return true;
        }
        return fail(at, "not an integer");
      }
      case od::json_type::string: {
        std::string_view s;
        if (auto e = v.get_string().get(s)) return fail(at, e);
        s = core::trim(s);
        if (s.empty()) {
          out = 0;
          return true;
        }
        long long n = 0;
        if (!core::parseInt64(s, n)) return fail(at, "not an integer: " + quote(s));
        out = n;
        return true;
      }
      case od::json_type::null:
        out = 0;
        return true;
      default:
        return fail(at, "expected a number, got " + std::string(typeName(t)));
    }
  }

  bool readInt(od::value& v, const Path& at, int& out) {
    int64_t n = 0;
    if (!readInt(v, at, n)) return false;
    if (n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max())
      return fail(at, "out of range: " + std::to_string(n));
    out = static_cast<int>(n);
    return true;
  }

  bool readDouble(od::value& v, const Path& at, double& out) {
    od::json_type t = od::json_type::null;
    if (!typeOf(v, at, t)) return false;
    switch (t) {
      case od::json_type::number:
        if (auto e = v.get_double().get(out)) return fail(at, e);
        return true;
      case od::json_type::string: {
        std::string_view s;
        if (auto e = v.get_string().get(s)) return fail(at, e);
        s = core::trim(s);
        if (s.empty()) {
          out = 0;
          return true;
        }
        auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        if (ec != std::errc() || ptr != s.data() + s.size())
          return fail(at, "not a number: " + quote(s));
        return true;
      }
      case od::json_type::null:
        out = 0;
        return true;
      default:
        return fail(at, "expected a number, got " + std::string(typeName(t)));
    }
  }

  // Strings, and numbers kept as their decimal text (IDs such as msgid or publish_id).
  bool readString(od::value& v, const Path& at, std::string& out) {
    od::json_type t = od::json_type::null;
    if (!typeOf(v, at, t)) return false;
    switch (t) {
      case od::json_type::string: {
        std::string_view s;
        if (auto e = v.get_string().get(s)) return fail(at, e);
        out.assign(s);
        return true;
      }
      case od::json_type::number: {
        int64_t i = 0;
        uint64_t u = 0;
        if (!v.get_int64().get(i)) {
          out = std::to_string(i);
        } else if (!v.get_uint64().get(u)) {
          out = std::to_string(u);
        } else {
          out.assign(core::trim(v.raw_json_token()));
        }
        return true;
      }
      case od::json_type::null:
        out.clear();
        return true;
      default:
        return fail(at, "expected a string, got " + std::string(typeName(t)));
    }
  }

  // A "YYYY-MM-DD" day; "" (missing) is tolerated.
  bool readDate(od::value& v, const Path& at, std::string& out) {
    if (!readString(v, at, out)) return false;
    if (!out.empty() && !core::Date::parse(out))
      return fail(at, "not a YYYY-MM-DD date: " + quote(out));
    return true;
  }

  // true/false, 0/1 (numbers or strings); null is false.
  bool readBool(od::value& v, const Path& at, bool& out) {
    od::json_type t = od::json_type::null;
    if (!typeOf(v, at, t)) return false;
    switch (t) {
      case od::json_type::boolean:
        if (auto e = v.get_bool().get(out)) return fail(at, e);
        return true;
      case od::json_type::number: {
        int64_t n = 0;
        if (!readInt(v, at, n)) return false;
        out = n != 0;
        return true;
      }
      case od::json_type::string: {
        std::string_view s;
        if (auto e = v.get_string().get(s)) return fail(at, e);
        s = core::trim(s);
        if (s == "true" || s == "1") {
          out = true;
        } else if (s == "false" || s == "0" || s.empty()) {
          out = false;
        } else {
          return fail(at, "not a boolean: " + quote(s));
        }
        return true;
      }
      case od::json_type::null:
        out = false;
        return true;
      default:
        return fail(at, "expected a boolean, got " + std::string(typeName(t)));
    }
  }

  // Calls f(key, value, path) for each field; f returns false to stop (after calling fail).
  template <class F>
  bool forEachField(od::value& v, const Path& at, F&& f) {
    od::object obj;
    if (auto e = v.get_object().get(obj)) return fail(at, e);
    return forEachField(obj, at, f);
  }
  template <class F>
  bool forEachField(od::object& obj, const Path& at, F&& f) {
    for (auto item : obj) {
      od::field field;
      if (auto e = std::move(item).get(field)) return fail(at, e);
      std::string_view key;
      if (auto e = field.unescaped_key().get(key)) return fail(at, e);
      const Path p{&at, key, 0};
      if (!f(key, field.value(), p)) return false;
    }
    return true;
  }

  // Calls f(value, path) for each element; null counts as an empty array.
  template <class F>
  bool forEachElement(od::value& v, const Path& at, F&& f) {
    od::json_type t = od::json_type::null;
    if (!typeOf(v, at, t)) return false;
    if (t == od::json_type::null) return v.is_null().error() == simdjson::SUCCESS;
    od::array arr;
    if (auto e = v.get_array().get(arr)) return fail(at, e);
    size_t i = 0;
    for (auto item : arr) {
      const Path p{&at, {}, i++};
      od::value element;
      if (auto e = std::move(item).get(element)) return fail(p, e);
      if (!f(element, p)) return false;
    }
    return true;
  }

 private:
  std::string_view source_;
  bool failed_ = false;
  std::string message_;
};

// One thread-local parser: its buffers are reused across bodies of similar size.
od::parser& threadParser() {
  thread_local od::parser parser;
  return parser;
}

// Parses the root object: errcode/errmsg are read here, every other field goes to
// on_field(key, value, path). A non-zero errcode wins over the payload.
template <class OnField>
core::Status parseRoot(std::string& body, Reader& r, OnField&& on_field) {
  body.reserve(body.size() + simdjson::SIMDJSON_PADDING);  // 3.0.1 pads via capacity()
  const Path root;
  od::document doc;
  if (auto e = threadParser().iterate(body).get(doc)) {
    r.fail(root, std::string("not JSON (") + simdjson::error_message(e) + "), body starts with " +
                     bodyPreview(body));
    return r.error();
  }
  od::object obj;
  if (auto e = doc.get_object().get(obj)) {
    r.fail(root, std::string(e == simdjson::INCORRECT_TYPE ? "not a JSON object (" : "not JSON (") +
                     simdjson::error_message(e) + "), body starts with " + bodyPreview(body));
    return r.error();
  }
  int64_t errcode = 0;
  std::string errmsg;
  const bool ok = r.forEachField(obj, root, [&](std::string_view key, od::value& v, const Path& p) {
    if (key == "errcode") return r.readInt(v, p, errcode);
    if (key == "errmsg") return r.readString(v, p, errmsg);
    return on_field(key, v, p);
  });
  if (!ok) return r.error();
  // Anything after the root object (a second document, a stray brace) means a mangled body.
  if (const char* extra = nullptr; !doc.current_location().get(extra)) {
    r.fail(root, "content after the JSON object: " +
                     bodyPreview(body.substr(static_cast<size_t>(extra - body.data()))));
    return r.error();
  }
  if (errcode != 0) {
    if (errcode < std::numeric_limits<int>::min() || errcode > std::numeric_limits<int>::max())
      return core::makeError(core::ErrorKind::BadPayload, std::string(r.source()),
                             "field errcode: out of range: " + std::to_string(errcode));
    return toError(makeApiError(static_cast<int>(errcode), errmsg), std::string(r.source()));
  }
  return core::ok();
}

// Reads a list-shaped response: {"list":[...]} with each element read by read_row.
template <class Row, class ReadRow>
core::Result<std::vector<Row>> parseList(std::string& body, std::string_view source,
                                         ReadRow&& read_row) {
  Reader r(source);
  std::vector<Row> rows;
  auto status = parseRoot(body, r, [&](std::string_view key, od::value& v, const Path& p) {
    if (key != "list") return true;
    return r.forEachElement(v, p, [&](od::value& item, const Path& ip) {
      rows.emplace_back();
      return read_row(r, item, ip, rows.back());
    });
  });
  if (!status) return status.error();
  return rows;
}

// The same for the new family, which adds is_delay next to the list.
template <class Row, class ReadRow>
core::Result<DelayedList<Row>> parseDelayedList(std::string& body, std::string_view source,
                                                ReadRow&& read_row) {
  Reader r(source);
  DelayedList<Row> out;
  auto status = parseRoot(body, r, [&](std::string_view key, od::value& v, const Path& p) {
    if (key == "is_delay") return r.readBool(v, p, out.is_delay);
    if (key != "list") return true;
    return r.forEachElement(v, p, [&](od::value& item, const Path& ip) {
      out.list.emplace_back();
      return read_row(r, item, ip, out.list.back());
    });
  });
  if (!status) return status.error();
  return out;
}

// Integer fields looked up by name.
template <class T>
struct IntField {
  std::string_view name;
  int64_t T::*member;
};

template <class T, size_t N>
const IntField<T>* findInt(const std::array<IntField<T>, N>& fields, std::string_view key) {
  for (const auto& f : fields)
    if (f.name == key) return &f;
  return nullptr;
}

// ---- Row readers ------------------------------------------------------------------------------

constexpr std::array<IntField<model::UserSummaryRow>, 3> kUserSummaryInts{{
    {"user_source", &model::UserSummaryRow::user_source},
    {"new_user", &model::UserSummaryRow::new_user},
    {"cancel_user", &model::UserSummaryRow::cancel_user},
}};

bool readUserSummary(Reader& r, od::value& v, const Path& at, model::UserSummaryRow& out) {
  return r.forEachField(v, at, [&](std::string_view key, od::value& fv, const Path& p) {
    if (key == "ref_date") return r.readDate(fv, p, out.ref_date);
    if (const auto* f = findInt(kUserSummaryInts, key)) return r.readInt(fv, p, out.*(f->member));
    return true;
  });
}

bool readUserCumulate(Reader& r, od::value& v, const Path& at, model::UserCumulateRow& out) {
  return r.forEachField(v, at, [&](std::string_view key, od::value& fv, const Path& p) {
    if (key == "ref_date") return r.readDate(fv, p, out.ref_date);
    if (key == "cumulate_user") return r.readInt(fv, p, out.cumulate_user);
    return true;
  });
}

// The eight read figures the legacy rows share (model::ReadCounts), under their API names.
constexpr std::array<IntField<model::ReadCounts>, 8> kReadCountInts{{
    {"int_page_read_user", &model::ReadCounts::int_page_read_user},
    {"int_page_read_count", &model::ReadCounts::int_page_read_count},
    {"ori_page_read_user", &model::ReadCounts::ori_page_read_user},
    {"ori_page_read_count", &model::ReadCounts::ori_page_read_count},
    {"share_user", &model::ReadCounts::share_user},
    {"share_count", &model::ReadCounts::share_count},
    {"add_to_fav_user", &model::ReadCounts::add_to_fav_user},
    {"add_to_fav_count", &model::ReadCounts::add_to_fav_count},
}};

bool readArticleSummary(Reader& r, od::value& v, const Path& at, model::ArticleSummaryRow& out) {
  return r.forEachField(v, at, [&](std::string_view key, od::value& fv, const Path& p) {
    if (key == "ref_date") return r.readDate(fv, p, out.ref_date);
    if (key == "msgid") return r.readString(fv, p, out.msgid);
    if (key == "title") return r.readString(fv, p, out.title);
    if (const auto* f = findInt(kReadCountInts, key))
      return r.readInt(fv, p, out.reads.*(f->member));
    return true;
  });
}

using Snap = model::ArticleTotalSnapshot;
constexpr std::array<IntField<Snap>, 21> kSnapshotInts{{
    {"target_user", &Snap::target_user},
    {"int_page_from_session_read_user", &Snap::int_page_from_session_read_user},
    {"int_page_from_session_read_count", &Snap::int_page_from_session_read_count},
    {"int_page_from_hist_msg_read_user", &Snap::int_page_from_hist_msg_read_user},
    {"int_page_from_hist_msg_read_count", &Snap::int_page_from_hist_msg_read_count},
    {"int_page_from_feed_read_user", &Snap::int_page_from_feed_read_user},
    {"int_page_from_feed_read_count", &Snap::int_page_from_feed_read_count},
    {"int_page_from_friends_read_user", &Snap::int_page_from_friends_read_user},
    {"int_page_from_friends_read_count", &Snap::int_page_from_friends_read_count},
    {"int_page_from_other_read_user", &Snap::int_page_from_other_read_user},
    {"int_page_from_other_read_count", &Snap::int_page_from_other_read_count},
    {"int_page_from_kanyikan_read_user", &Snap::int_page_from_kanyikan_read_user},
    {"int_page_from_kanyikan_read_count", &Snap::int_page_from_kanyikan_read_count},
    {"int_page_from_souyisou_read_user", &Snap::int_page_from_souyisou_read_user},
    {"int_page_from_souyisou_read_count", &Snap::int_page_from_souyisou_read_count},
    {"feed_share_from_session_user", &Snap::feed_share_from_session_user},
    {"feed_share_from_session_cnt", &Snap::feed_share_from_session_cnt},
    {"feed_share_from_feed_user", &Snap::feed_share_from_feed_user},
    {"feed_share_from_feed_cnt", &Snap::feed_share_from_feed_cnt},
    {"feed_share_from_other_user", &Snap::feed_share_from_other_user},
    {"feed_share_from_other_cnt", &Snap::feed_share_from_other_cnt},
}};

bool readArticleTotal(Reader& r, od::value& v, const Path& at, model::ArticleTotal& out) {
  return r.forEachField(v, at, [&](std::string_view key, od::value& fv, const Path& p) {
    if (key == "ref_date") return r.readDate(fv, p, out.ref_date);
    if (key == "msgid") return r.readString(fv, p, out.msgid);
    if (key == "title") return r.readString(fv, p, out.title);
    if (key == "url") return r.readString(fv, p, out.url);
    if (key != "details") return true;
    return r.forEachElement(fv, p, [&](od::value& item, const Path& ip) {
      Snap& s = out.details.emplace_back();
      return r.forEachField(item, ip, [&](std::string_view k, od::value& sv, const Path& sp) {
        if (k == "stat_date") return r.readDate(sv, sp, s.stat_date);
        if (const auto* f = findInt(kReadCountInts, k))
          return r.readInt(sv, sp, s.reads.*(f->member));
        if (const auto* f = findInt(kSnapshotInts, k)) return r.readInt(sv, sp, s.*(f->member));
        return true;
      });
    });
  });
}

bool readUserRead(Reader& r, od::value& v, const Path& at, model::UserReadRow& out) {
  return r.forEachField(v, at, [&](std::string_view key, od::value& fv, const Path& p) {
    if (key == "ref_date") return r.readDate(fv, p, out.ref_date);
    if (key == "user_source") {
      od::json_type t = od::json_type::null;
      if (!r.typeOf(fv, p, t)) return false;
      if (t == od::json_type::null) return true;  // same as absent
      int64_t source = 0;
      if (!r.readInt(fv, p, source)) return false;
      out.user_source = source;
      return true;
    }
    if (const auto* f = findInt(kReadCountInts, key))
      return r.readInt(fv, p, out.reads.*(f->member));
    return true;
  });
}

bool readSources(Reader& r, od::value& v, const Path& at, std::vector<model::ReadUserSource>& out) {
  // The shape comes from SDKs, not the official page: read objects, skip anything else.
  return r.forEachElement(v, at, [&](od::value& item, const Path& ip) {
    od::json_type t = od::json_type::null;
    if (!r.typeOf(item, ip, t)) return false;
    if (t != od::json_type::object) return true;
    model::ReadUserSource& s = out.emplace_back();
    return r.forEachField(item, ip, [&](std::string_view k, od::value& sv, const Path& sp) {
      if (k == "scene_desc") return r.readString(sv, sp, s.scene_desc);
      if (k == "user_count") return r.readInt(sv, sp, s.user_count);
      return true;
    });
  });
}

constexpr std::array<IntField<model::BizSummaryRow>, 8> kBizInts{{
    {"read_user", &model::BizSummaryRow::read_user},
    {"share_user", &model::BizSummaryRow::share_user},
    {"zaikan_user", &model::BizSummaryRow::zaikan_user},
    {"like_user", &model::BizSummaryRow::like_user},
    {"comment_count", &model::BizSummaryRow::comment_count},
    {"collection_user", &model::BizSummaryRow::collection_user},
    {"redirect_ori_page_user", &model::BizSummaryRow::redirect_ori_page_user},
    {"send_page_count", &model::BizSummaryRow::send_page_count},
}};

// Metrics sit in `detail`; they are also accepted directly on the row.
bool readBizFields(Reader& r, od::value& v, const Path& at, model::BizSummaryRow& out, bool top) {
  return r.forEachField(v, at, [&](std::string_view key, od::value& fv, const Path& p) {
    if (top && key == "ref_date") return r.readDate(fv, p, out.ref_date);
    if (top && key == "detail") return readBizFields(r, fv, p, out, false);
    if (key == "read_user_source") return readSources(r, fv, p, out.read_user_source);
    if (const auto* f = findInt(kBizInts, key)) return r.readInt(fv, p, out.*(f->member));
    return true;
  });
}

bool readBizSummary(Reader& r, od::value& v, const Path& at, model::BizSummaryRow& out) {
  return readBizFields(r, v, at, out, true);
}

using DSnap = model::ArticleDetailSnapshot;
constexpr std::array<IntField<DSnap>, 8> kDetailInts{{
    {"read_user", &DSnap::read_user},
    {"share_user", &DSnap::share_user},
    {"zaikan_user", &DSnap::zaikan_user},
    {"like_user", &DSnap::like_user},
    {"comment_count", &DSnap::comment_count},
    {"collection_user", &DSnap::collection_user},
    {"praise_money", &DSnap::praise_money},
    {"read_subscribe_user", &DSnap::read_subscribe_user},
}};

bool readDetailSnapshot(Reader& r, od::value& v, const Path& at, DSnap& s) {
  return r.forEachField(v, at, [&](std::string_view key, od::value& fv, const Path& p) {
    if (key == "stat_date") return r.readDate(fv, p, s.stat_date);
    if (key == "read_user_source") return readSources(r, fv, p, s.read_user_source);
    if (key == "read_delivery_rate") return r.readDouble(fv, p, s.read_delivery_rate);
    if (key == "read_finish_rate") return r.readDouble(fv, p, s.read_finish_rate);
    if (key == "read_avg_activetime") return r.readDouble(fv, p, s.read_avg_activetime);
    if (const auto* f = findInt(kDetailInts, key)) return r.readInt(fv, p, s.*(f->member));
    return true;
  });
}

bool readArticleTotalDetail(Reader& r, od::value& v, const Path& at,
                            model::ArticleTotalDetail& out) {
  return r.forEachField(v, at, [&](std::string_view key, od::value& fv, const Path& p) {
    if (key == "ref_date") return r.readDate(fv, p, out.ref_date);
    if (key == "msgid") return r.readString(fv, p, out.msgid);
    if (key == "title") return r.readString(fv, p, out.title);
    if (key == "content_url") return r.readString(fv, p, out.content_url);
    if (key == "publish_type") {
      od::json_type t = od::json_type::null;
      if (!r.typeOf(fv, p, t)) return false;
      if (t == od::json_type::null) return true;
      return r.readInt(fv, p, out.publish_type);
    }
    if (key != "detail_list") return true;
    return r.forEachElement(fv, p, [&](od::value& item, const Path& ip) {
      return readDetailSnapshot(r, item, ip, out.detail_list.emplace_back());
    });
  });
}

bool readArticleReadFields(Reader& r, od::value& v, const Path& at, model::ArticleReadRow& out,
                           bool top) {
  return r.forEachField(v, at, [&](std::string_view key, od::value& fv, const Path& p) {
    if (top && key == "ref_date") return r.readDate(fv, p, out.ref_date);
    if (top && key == "msgid") return r.readString(fv, p, out.msgid);
    if (top && key == "detail") return readArticleReadFields(r, fv, p, out, false);
    if (key == "read_user") return r.readInt(fv, p, out.read_user);
    if (key == "read_user_source") return readSources(r, fv, p, out.read_user_source);
    return true;
  });
}

bool readArticleRead(Reader& r, od::value& v, const Path& at, model::ArticleReadRow& out) {
  return readArticleReadFields(r, v, at, out, true);
}

bool readNewsItem(Reader& r, od::value& v, const Path& at, PublishedArticle& a) {
  return r.forEachField(v, at, [&](std::string_view key, od::value& fv, const Path& p) {
    if (key == "title") return r.readString(fv, p, a.title);
    if (key == "url") return r.readString(fv, p, a.url);
    if (key == "author") return r.readString(fv, p, a.author);
    if (key == "digest") return r.readString(fv, p, a.digest);
    if (key == "content_source_url") return r.readString(fv, p, a.content_source_url);
    if (key == "is_deleted") return r.readBool(fv, p, a.is_deleted);
    return true;  // content (HTML) and cover fields are not kept
  });
}

// One item[] entry: {article_id, content:{news_item[]}, update_time}. Fields may come in any
// order, so the item-level values are applied to its articles at the end.
bool readPublishedItem(Reader& r, od::value& v, const Path& at,
                       std::vector<PublishedArticle>& out) {
  const size_t first = out.size();
  std::string article_id;
  int64_t update_time = 0;
  const bool ok = r.forEachField(v, at, [&](std::string_view key, od::value& fv, const Path& p) {
    if (key == "article_id") return r.readString(fv, p, article_id);
    if (key == "update_time") return r.readInt(fv, p, update_time);
    if (key != "content") return true;
    return r.forEachField(fv, p, [&](std::string_view k, od::value& cv, const Path& cp) {
      if (k != "news_item") return true;
      return r.forEachElement(cv, cp, [&](od::value& item, const Path& ip) {
        PublishedArticle& a = out.emplace_back();
        a.index = static_cast<int>(out.size() - first);
        return readNewsItem(r, item, ip, a);
      });
    });
  });
  for (size_t i = first; i < out.size(); ++i) {
    out[i].article_id = article_id;
    out[i].update_time = update_time;
  }
  return ok;
}

std::string_view ltrimSpace(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

}  // namespace

// ---- Errors -------------------------------------------------------------------------------------

core::ErrorKind errorKindFor(int errcode) {
  switch (errcode) {
    case 40001:
    case 40014:
    case 42001:
      return core::ErrorKind::AuthExpired;
    case 45009:
    case 45011:
      return core::ErrorKind::RateLimited;
    default:
      return core::ErrorKind::Api;
  }
}

ApiError makeApiError(int errcode, std::string_view raw) {
  ApiError api{errcode, std::string(core::trim(raw)), {}};
  std::string_view msg = api.errmsg;
  if (const size_t pos = msg.rfind("rid:"); pos != std::string_view::npos) {
    api.rid = std::string(core::trim(msg.substr(pos + 4)));
    api.errmsg = std::string(core::trim(msg.substr(0, pos)));
  } else if (const size_t hint = msg.rfind("hint:"); hint != std::string_view::npos) {
    std::string_view h = ltrimSpace(msg.substr(hint + 5));
    h = core::trim(h);
    if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
    api.rid = std::string(h);
    api.errmsg = std::string(core::trim(msg.substr(0, hint)));
  }
  return api;
}

core::Error toError(const ApiError& api, std::string source) {
  std::string message = "errcode " + std::to_string(api.errcode) + ": " + api.errmsg;
  if (!api.rid.empty()) message += " (rid " + api.rid + ")";
  core::Error error =
      core::makeError(errorKindFor(api.errcode), std::move(source), std::move(message));
  error.code = std::to_string(api.errcode);
  return error;
}

std::optional<ApiError> apiErrorOf(const core::Error& error) {
  using K = core::ErrorKind;
  if (error.kind != K::Api && error.kind != K::AuthExpired && error.kind != K::RateLimited)
    return std::nullopt;
  std::string_view m = error.message;
  if (!core::startsWith(m, "errcode ")) return std::nullopt;
  m.remove_prefix(8);
  const size_t colon = m.find(": ");
  if (colon == std::string_view::npos) return std::nullopt;
  long long code = 0;
  if (!core::parseInt64(m.substr(0, colon), code) || code < std::numeric_limits<int>::min() ||
      code > std::numeric_limits<int>::max())
    return std::nullopt;
  ApiError api{static_cast<int>(code), {}, {}};
  m.remove_prefix(colon + 2);
  const size_t rid = m.rfind(" (rid ");
  if (rid != std::string_view::npos && core::endsWith(m, ")")) {
    api.rid = std::string(m.substr(rid + 6, m.size() - rid - 7));
    m = m.substr(0, rid);
  }
  api.errmsg = std::string(m);
  return api;
}

// ---- Parsers ------------------------------------------------------------------------------------

core::Result<std::vector<model::UserSummaryRow>> parseUserSummary(std::string& body) {
  return parseList<model::UserSummaryRow>(body, kUserSummarySource, readUserSummary);
}

core::Result<std::vector<model::UserCumulateRow>> parseUserCumulate(std::string& body) {
  return parseList<model::UserCumulateRow>(body, kUserCumulateSource, readUserCumulate);
}

core::Result<std::vector<model::ArticleSummaryRow>> parseArticleSummary(std::string& body) {
  return parseList<model::ArticleSummaryRow>(body, kArticleSummarySource, readArticleSummary);
}

core::Result<std::vector<model::ArticleTotal>> parseArticleTotal(std::string& body) {
  return parseList<model::ArticleTotal>(body, kArticleTotalSource, readArticleTotal);
}

core::Result<std::vector<model::UserReadRow>> parseUserRead(std::string& body) {
  return parseList<model::UserReadRow>(body, kUserReadSource, readUserRead);
}

core::Result<BizSummaryResponse> parseBizSummary(std::string& body) {
  return parseDelayedList<model::BizSummaryRow>(body, kBizSummarySource, readBizSummary);
}

core::Result<ArticleTotalDetailResponse> parseArticleTotalDetail(std::string& body) {
  return parseDelayedList<model::ArticleTotalDetail>(body, kArticleTotalDetailSource,
                                                     readArticleTotalDetail);
}

core::Result<ArticleReadResponse> parseArticleRead(std::string& body) {
  return parseDelayedList<model::ArticleReadRow>(body, kArticleReadSource, readArticleRead);
}

core::Result<PublishedPage> parsePublishedPage(std::string& body) {
  Reader r(kBatchGetSource);
  PublishedPage page;
  auto status = parseRoot(body, r, [&](std::string_view key, od::value& v, const Path& p) {
    if (key == "total_count") return r.readInt(v, p, page.total_count);
    if (key == "item_count") return r.readInt(v, p, page.item_count);
    if (key != "item") return true;
    return r.forEachElement(v, p, [&](od::value& item, const Path& ip) {
      return readPublishedItem(r, item, ip, page.articles);
    });
  });
  if (!status) return status.error();
  return page;
}

core::Result<TokenResponse> parseToken(std::string& body) {
  Reader r(kStableTokenSource);
  std::string token;
  int64_t expires_in = 0;
  auto status = parseRoot(body, r, [&](std::string_view key, od::value& v, const Path& p) {
    if (key == "access_token") return r.readString(v, p, token);
    if (key == "expires_in") return r.readInt(v, p, expires_in);
    return true;
  });
  if (!status) return status.error();
  if (token.empty())
    return core::makeError(core::ErrorKind::BadPayload, std::string(kStableTokenSource),
                           "field access_token: missing or empty");
  if (expires_in <= 0)
    return core::makeError(core::ErrorKind::BadPayload, std::string(kStableTokenSource),
                           "field expires_in: missing or not positive");
  return TokenResponse{core::Secret(std::move(token)), expires_in};
}

core::Status checkApiStatus(std::string& body, std::string_view source) {
  Reader r(source);
  return parseRoot(body, r, [](std::string_view, od::value&, const Path&) { return true; });
}

// ---- Helpers ------------------------------------------------------------------------------------

std::vector<UserSummaryDay> sumUserSummaryByDay(const std::vector<model::UserSummaryRow>& rows) {
  std::map<std::string, UserSummaryDay> days;
  for (const auto& row : rows) {
    UserSummaryDay& d = days[row.ref_date];
    d.ref_date = row.ref_date;
    d.new_user += row.new_user;
    d.cancel_user += row.cancel_user;
  }
  std::vector<UserSummaryDay> out;
  out.reserve(days.size());
  for (auto& [day, sum] : days) out.push_back(std::move(sum));
  return out;
}

UserReadTotals selectUserReadTotals(const std::vector<model::UserReadRow>& rows) {
  struct Day {
    const model::UserReadRow* total = nullptr;      // the 99999999 row
    const model::UserReadRow* unsourced = nullptr;  // a row without user_source
    int rows = 0;
  };
  std::map<std::string, Day> days;
  for (const auto& row : rows) {
    Day& d = days[row.ref_date];
    ++d.rows;
    if (row.user_source == model::kAllReadSources) d.total = &row;
    if (!row.user_source) d.unsourced = &row;
  }
  UserReadTotals out;
  for (const auto& [day, d] : days) {
    if (d.total != nullptr) {
      out.totals.push_back(*d.total);
    } else if (d.rows == 1 && d.unsourced != nullptr) {
      out.totals.push_back(*d.unsourced);
    } else {
      out.unresolved.push_back(day);
    }
  }
  return out;
}

MsgidParts splitMsgid(std::string_view msgid) {
  MsgidParts parts{std::string(msgid), 0};
  const size_t us = msgid.rfind('_');
  if (us == std::string_view::npos) return parts;
  long long index = 0;
  if (!core::parseInt64(msgid.substr(us + 1), index) || index < 0 || index > 1000) return parts;
  return MsgidParts{std::string(msgid.substr(0, us)), static_cast<int>(index)};
}

}  // namespace pubtrack::wechat
