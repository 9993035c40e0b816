// SPDX-License-Identifier: Apache-2.0
// parseFeed: decode to UTF-8, tokenize once, map RSS/RDF/Atom elements onto FeedItem.
#include "collectors/feeds/feed_parser.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <utility>

#include "collectors/feeds/feed_dates.h"
#include "collectors/feeds/feed_encoding.h"
#include "collectors/feeds/json_feed.h"
#include "collectors/feeds/xml_text.h"
#include "collectors/feeds/xml_tokenizer.h"
#include "core/strings.h"

namespace pubtrack::feeds {
namespace {

enum class Ns : uint8_t { Core, Dc, Dcterms, Content, Rdf, Xhtml, Media, Other };

Ns nsFromUri(std::string_view uri) {
  if (uri == "http://purl.org/dc/elements/1.1/") return Ns::Dc;
  if (uri == "http://purl.org/dc/terms/") return Ns::Dcterms;
  if (uri == "http://purl.org/rss/1.0/modules/content/") return Ns::Content;
  if (uri == "http://www.w3.org/1999/02/22-rdf-syntax-ns#") return Ns::Rdf;
  if (uri == "http://www.w3.org/1999/xhtml") return Ns::Xhtml;
  if (uri == "http://search.yahoo.com/mrss/" || uri == "http://search.yahoo.com/mrss")
    return Ns::Media;
  if (uri == "http://www.w3.org/2005/Atom" || uri == "http://purl.org/atom/ns#" ||
      uri == "http://purl.org/rss/1.0/" || uri == "http://my.netscape.com/rdf/simple/0.9/" ||
      uri == "http://backend.userland.com/rss2" || uri == "http://backend.userland.com/rss" ||
      uri.empty())
    return Ns::Core;
  return Ns::Other;
}

// For prefixes used without a declaration (feedparser's loose mode accepts the usual ones).
Ns nsFromPrefix(std::string_view prefix) {
  if (prefix == "dc") return Ns::Dc;
  if (prefix == "dcterms") return Ns::Dcterms;
  if (prefix == "content") return Ns::Content;
  if (prefix == "rdf") return Ns::Rdf;
  if (prefix == "atom" || prefix == "a") return Ns::Core;
  if (prefix == "xhtml") return Ns::Xhtml;
  if (prefix == "media") return Ns::Media;
  return Ns::Other;
}

enum class Field : uint8_t {
  None,
  Title,
  DcTitle,
  MediaTitle,
  Link,
  Guid,
  Summary,
  DcDescription,
  Content,
  Published,
  Updated,
  Author,
  Source,
  FeedTitle,
  FeedLink,
};

struct Binding {
  std::string_view prefix;
  std::string_view uri;
  Ns ns;
};

struct Frame {
  std::string_view qname;
  size_t bindings_mark;
  size_t bases_mark;
  std::string_view local;
  Ns ns;
};

struct Capture {
  Field field = Field::None;
  size_t base_index = 0;  // xml:base in force (index into bases_ + 1; 0: none)
  size_t depth = 0;       // stack index of the captured element
  size_t start = 0;       // offset where its content starts
  bool html = false;
  bool permalink = true;
  std::string_view url;  // <source url="...">, raw
};

std::string_view trimView(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && static_cast<unsigned char>(s[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(s[e - 1]) <= ' ') --e;
  return s.substr(b, e - b);
}

std::string lowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

bool hasScheme(std::string_view url) {
  size_t i = 0;
  while (i < url.size() && (std::isalnum(static_cast<unsigned char>(url[i])) || url[i] == '+' ||
                            url[i] == '-' || url[i] == '.'))
    ++i;
  return i > 0 && i < url.size() && url[i] == ':' &&
         std::isalpha(static_cast<unsigned char>(url[0]));
}

// RFC 3986 section 5.2.4.
std::string removeDotSegments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  const bool absolute = path.starts_with('/');
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    const std::string_view seg = path.substr(i, j - i);
    if (seg == "..") {
      if (!out.empty()) out.pop_back();
      if (j == path.size()) out.emplace_back();
    } else if (seg == ".") {
      if (j == path.size()) out.emplace_back();
    } else if (!(seg.empty() && i == 0 && absolute)) {
      out.push_back(seg);
    }
    i = j + 1;
  }
  std::string r = absolute ? "/" : "";
  for (size_t k = 0; k < out.size(); ++k) {
    if (k) r += '/';
    r += out[k];
  }
  return r;
}

// Resolves `ref` against `base` (RFC 3986 section 5.2); `ref` unchanged when base is empty.
std::string resolveUrl(std::string_view base, std::string_view ref) {
  if (base.empty() || hasScheme(ref)) return std::string(ref);
  if (ref.empty()) return std::string(base);
  const size_t scheme_end = base.find("://");
  if (scheme_end == std::string_view::npos) return std::string(ref);
  if (ref.starts_with("//")) return std::string(base.substr(0, scheme_end + 1)) + std::string(ref);
  const size_t path_begin_raw = base.find('/', scheme_end + 3);
  const size_t path_begin = path_begin_raw == std::string_view::npos ? base.size() : path_begin_raw;
  const std::string_view authority = base.substr(0, path_begin);
  std::string_view path = base.substr(path_begin);
  std::string_view base_no_frag = base.substr(0, base.find('#'));
  if (ref.starts_with('#')) return std::string(base_no_frag) + std::string(ref);
  path = path.substr(0, path.find_first_of("?#"));
  if (ref.starts_with('?')) return std::string(authority) + std::string(path) + std::string(ref);
  if (ref.starts_with('/')) return std::string(authority) + removeDotSegments(ref);
  const size_t slash = path.rfind('/');
  std::string merged =
      slash == std::string_view::npos ? "/" : std::string(path.substr(0, slash + 1));
  merged += ref;
  // Keep the query/fragment of ref out of dot removal.
  const size_t q = merged.find_first_of("?#");
  const std::string tail = q == std::string::npos ? "" : merged.substr(q);
  if (q != std::string::npos) merged.resize(q);
  return std::string(authority) + removeDotSegments(merged) + tail;
}

std::string_view attrValue(std::string_view attrs, std::string_view name) {
  std::string_view found;
  bool have = false;
  forEachAttribute(attrs, [&](std::string_view n, std::string_view v) {
    if (!have && n == name) {
      found = v;
      have = true;
    }
  });
  return found;
}

class FeedBuilder {
 public:
  FeedBuilder(std::string_view doc, const ParseOptions& options, ParsedFeed& feed)
      : doc_(doc),
        options_(options),
        feed_(feed),
        tokenizer_(doc),
        decoder_(doc, dtd_, options.entity_budget, feed.warnings) {}

  // Returns "" on success, else why this is no feed.
  std::string run();

 private:
  void onStart(const Token& t);
  void onEnd(const Token& t);
  void close(size_t depth, size_t end_offset);
  void startField(Field field, const Token& t, size_t depth);
  void finishCapture(size_t end_offset);
  void closeItem();
  void detectFormat(std::string_view local, Ns ns, std::string_view attrs);
  Ns resolve(std::string_view prefix);
  void warn(std::string w) {
    if (feed_.warnings.size() < kMaxWarnings &&
        std::find(feed_.warnings.begin(), feed_.warnings.end(), w) == feed_.warnings.end())
      feed_.warnings.push_back(std::move(w));
  }
  size_t lineOf(size_t offset) const {
    return 1 + static_cast<size_t>(std::count(doc_.begin(), doc_.begin() + offset, '\n'));
  }
  std::string decodedAttr(std::string_view raw) {
    std::string out;
    decoder_.text(raw, out);
    return std::string(trimView(out));
  }

  std::string_view doc_;
  const ParseOptions& options_;
  ParsedFeed& feed_;
  XmlTokenizer tokenizer_;
  DtdEntities dtd_;
  TextDecoder decoder_;
  std::vector<Frame> stack_;
  std::vector<Binding> bindings_;
  std::vector<std::string> bases_;  // resolved xml:base values in force
  std::string_view base() const {
    return bases_.empty() ? std::string_view() : std::string_view(bases_.back());
  }
  Capture capture_;
  bool seen_root_ = false;
  bool root_closed_ = false;
  bool seen_markup_ = false;
  bool html_root_ = false;
  std::string root_name_;
  bool item_open_ = false;
  size_t item_depth_ = 0;
  size_t dropped_items_ = 0;
  bool depth_warned_ = false;
  bool feed_is_atom_ = false;
  // per-item scratch
  std::string dc_title_, dc_description_, updated_raw_, media_title_;
  bool found_feed_element_ = false;
  bool guid_permalink_ = true;
};

Ns FeedBuilder::resolve(std::string_view prefix) {
  for (auto it = bindings_.rbegin(); it != bindings_.rend(); ++it)
    if (it->prefix == prefix) return it->ns;
  if (!prefix.empty()) {
    const Ns guess = nsFromPrefix(prefix);
    warn("undeclared namespace prefix '" + std::string(prefix) + "'");
    return guess;
  }
  return Ns::Core;
}

void FeedBuilder::detectFormat(std::string_view local, Ns ns, std::string_view attrs) {
  const std::string name = lowerAscii(local);
  std::string_view default_ns;
  for (const auto& b : bindings_)
    if (b.prefix.empty()) default_ns = b.uri;
  found_feed_element_ = true;
  if (name == "rss") {
    const std::string_view v = trimView(attrValue(attrs, "version"));
    if (v.empty() || v.find_first_not_of("0123456789.") != std::string_view::npos) {
      feed_.format = "rss";  // no version, or one that is no version number (raw bytes)
    } else if (v.starts_with("2")) {
      feed_.format = "rss2.0";
    } else {
      feed_.format = "rss" + std::string(v.substr(0, 4));
    }
  } else if (name == "rdf" && (ns == Ns::Rdf || ns == Ns::Other)) {
    feed_.format = default_ns == "http://my.netscape.com/rdf/simple/0.9/" ? "rss0.90" : "rss1.0";
  } else if (name == "feed") {
    feed_is_atom_ = true;
    const std::string_view v = trimView(attrValue(attrs, "version"));
    if (default_ns == "http://www.w3.org/2005/Atom") {
      feed_.format = "atom1.0";
    } else if (v == "0.3" || default_ns == "http://purl.org/atom/ns#") {
      feed_.format = "atom0.3";
    } else {
      feed_.format = "atom";
    }
  } else {
    found_feed_element_ = false;
  }
}

void FeedBuilder::onStart(const Token& t) {
  seen_markup_ = true;
  const size_t depth = stack_.size();
  if (depth >= options_.max_depth) {
    if (!depth_warned_) {
      depth_warned_ = true;
      warn("elements nested deeper than " + std::to_string(options_.max_depth) + " ignored");
    }
    return;
  }
  const size_t mark = bindings_.size();
  if (t.body.find("xmlns") != std::string_view::npos) {
    forEachAttribute(t.body, [&](std::string_view n, std::string_view v) {
      if (n == "xmlns") bindings_.push_back({{}, v, nsFromUri(v)});
      if (n.starts_with("xmlns:")) bindings_.push_back({n.substr(6), v, nsFromUri(v)});
    });
  }
  std::string_view local = t.name;
  std::string_view prefix;
  if (const size_t colon = t.name.find(':'); colon != std::string_view::npos) {
    prefix = t.name.substr(0, colon);
    local = t.name.substr(colon + 1);
  }
  const Ns ns = capture_.field != Field::None ? Ns::Other : resolve(prefix);
  const size_t bases_mark = bases_.size();
  if (capture_.field == Field::None && t.body.find("xml:base") != std::string_view::npos) {
    const std::string_view b = attrValue(t.body, "xml:base");
    bases_.push_back(resolveUrl(base(), decodedAttr(b)));
  }
  stack_.push_back({t.name, mark, bases_mark, local, ns});

  if (!seen_root_) {
    seen_root_ = true;
    root_name_ = lowerAscii(local);
    html_root_ = root_name_ == "html" || root_name_ == "head" || root_name_ == "body";
  }
  if (!found_feed_element_ && capture_.field == Field::None && !item_open_) {
    detectFormat(local, ns, t.body);
  }
  if (root_closed_) {
    warn("junk after document element at line " + std::to_string(lineOf(t.begin)));
    root_closed_ = false;
  }

  if (capture_.field == Field::None) {
    if ((local == "item" || local == "entry") && ns == Ns::Core && !item_open_) {
      if (feed_.items.size() >= options_.max_items) {
        ++dropped_items_;
      } else {
        feed_.items.emplace_back();
        item_open_ = true;
        item_depth_ = depth;
        dc_title_.clear();
        media_title_.clear();
        dc_description_.clear();
        updated_raw_.clear();
        guid_permalink_ = true;
      }
    } else if (item_open_ && depth == item_depth_ + 1) {
      FeedItem& item = feed_.items.back();
      Field f = Field::None;
      switch (ns) {
        case Ns::Core:
          if (local == "title") {
            f = Field::Title;
          } else if (local == "link") {
            if (t.body.find("href") != std::string_view::npos) {
              // As feedparser: rel defaults to alternate, type to text/html; the last
              // alternate HTML link wins.
              std::string_view rel = "alternate", href, type = "text/html";
              bool has_href = false;
              forEachAttribute(t.body, [&](std::string_view n, std::string_view v) {
                if (n == "rel") rel = trimView(v);
                if (n == "href") {
                  href = v;
                  has_href = true;
                }
                if (n == "type") type = trimView(v);
              });
              const std::string mime = lowerAscii(type);
              if (has_href && rel == "alternate" &&
                  (mime == "text/html" || mime == "application/xhtml+xml" || mime == "html" ||
                   mime == "xhtml"))
                item.link = resolveUrl(base(), decodedAttr(href));
            } else {
              f = Field::Link;
            }
          } else if (local == "guid" || local == "id") {
            f = Field::Guid;
            if (local == "guid") {
              const std::string_view p = trimView(attrValue(t.body, "isPermaLink"));
              guid_permalink_ = p.empty() || lowerAscii(p) == "true";
            } else {
              guid_permalink_ = true;  // feedparser treats an Atom <id> like a permalink guid
            }
          } else if (local == "description" || local == "summary") {
            f = Field::Summary;
          } else if (local == "content") {
            f = Field::Content;
          } else if (local == "pubDate" || local == "published" || local == "issued") {
            f = Field::Published;
          } else if (local == "updated" || local == "modified") {
            f = Field::Updated;
          } else if (local == "author") {
            f = Field::Author;
          } else if (local == "source") {
            if (!feed_is_atom_) f = Field::Source;
          }
          break;
        case Ns::Dc:
          if (local == "title") f = Field::DcTitle;
          if (local == "creator" || local == "author") f = Field::Author;
          if (local == "date") f = Field::Updated;
          if (local == "description") f = Field::DcDescription;
          break;
        case Ns::Dcterms:
          if (local == "issued" || local == "created") f = Field::Published;
          if (local == "modified") f = Field::Updated;
          break;
        case Ns::Content:
          if (local == "encoded") f = Field::Content;
          break;
        case Ns::Xhtml:
          if (local == "body") f = Field::Content;
          break;
        case Ns::Media:
          if (local == "title") f = Field::MediaTitle;
          break;
        default:
          break;
      }
      if (f != Field::None) startField(f, t, depth);
    } else if (!item_open_ && depth >= 1 && ns == Ns::Core) {
      const Frame& parent = stack_[depth - 1];
      const bool channel_level =
          (parent.local == "channel" && parent.ns == Ns::Core) || (feed_is_atom_ && depth == 1);
      if (channel_level && local == "title" && feed_.title.empty()) {
        startField(Field::FeedTitle, t, depth);
      } else if (channel_level && local == "link" && feed_.link.empty()) {
        if (t.body.find("href") != std::string_view::npos) {
          const std::string_view rel = trimView(attrValue(t.body, "rel"));
          if (rel.empty() || rel == "alternate")
            feed_.link = resolveUrl(base(), decodedAttr(attrValue(t.body, "href")));
        } else {
          startField(Field::FeedLink, t, depth);
        }
      }
    }
  }
  if (t.self_closing) close(stack_.size() - 1, t.end);
}

void FeedBuilder::startField(Field field, const Token& t, size_t depth) {
  capture_ = Capture{};
  capture_.field = field;
  capture_.depth = depth;
  capture_.start = t.end;
  capture_.base_index = bases_.size();
  if (field == Field::Title || field == Field::Summary || field == Field::Content ||
      field == Field::FeedTitle) {
    const std::string type = lowerAscii(trimView(attrValue(t.body, "type")));
    const std::string mode = lowerAscii(trimView(attrValue(t.body, "mode")));
    capture_.html = type == "html" || type == "xhtml" || type == "text/html" ||
                    type == "application/xhtml+xml" || mode == "escaped";
  }
  if (field == Field::Source) capture_.url = attrValue(t.body, "url");
}

void FeedBuilder::finishCapture(size_t end_offset) {
  const Capture c = capture_;
  capture_ = Capture{};
  std::string_view raw = doc_.substr(c.start, end_offset > c.start ? end_offset - c.start : 0);
  if (raw.size() > options_.max_field_bytes) {
    size_t cut = options_.max_field_bytes;
    while (cut > 0 && (static_cast<unsigned char>(raw[cut]) & 0xC0) == 0x80) --cut;
    raw = raw.substr(0, cut);  // on a character boundary
    warn("field longer than " + std::to_string(options_.max_field_bytes) + " bytes cut");
  }
  std::string value;
  decoder_.content(raw, value);
  auto plain = [&](std::string v) {
    if (c.html || looksLikeHtml(v)) return htmlToText(v);
    return collapseWhitespace(v);
  };
  if (c.field == Field::FeedTitle) {
    feed_.title = plain(std::move(value));
    return;
  }
  if (c.field == Field::FeedLink) {
    feed_.link = std::string(trimView(value));
    return;
  }
  if (!item_open_) return;
  FeedItem& item = feed_.items.back();
  const std::string_view cbase =
      c.base_index == 0 ? std::string_view() : std::string_view(bases_[c.base_index - 1]);
  switch (c.field) {
    case Field::Title:
      item.title = plain(std::move(value));
      break;
    case Field::DcTitle:
      dc_title_ = plain(std::move(value));
      break;
    case Field::MediaTitle:
      media_title_ = plain(std::move(value));
      break;
    case Field::Link:
      if (!trimView(value).empty()) {
        item.link = resolveUrl(cbase, trimView(value));
      }
      break;
    case Field::Guid:
      item.guid = std::string(trimView(value));
      if (guid_permalink_ && item.link.empty()) item.link = resolveUrl(cbase, item.guid);
      break;
    case Field::Summary:
      item.summary = std::move(value);
      break;
    case Field::DcDescription:
      dc_description_ = std::move(value);
      break;
    case Field::Content:
      item.content = std::move(value);
      break;
    case Field::Published:
      if (item.published_raw.empty()) item.published_raw = std::string(trimView(value));
      break;
    case Field::Updated:
      if (updated_raw_.empty()) updated_raw_ = std::string(trimView(value));
      break;
    case Field::Author: {
      if (!item.author.empty()) break;
      // Atom: <author><name>...</name><email>...</email></author>
      const size_t name_at = value.find("<name>");
      if (name_at != std::string::npos) {
        const size_t end = value.find("</name>", name_at);
        value = value.substr(name_at + 6,
                             end == std::string::npos ? std::string::npos : end - name_at - 6);
      }
      item.author = htmlToText(value);
      break;
    }
    case Field::Source:
      item.source_name = collapseWhitespace(value);
      item.source_url = decodedAttr(c.url);
      break;
    default:
      break;
  }
}

void FeedBuilder::closeItem() {
  item_open_ = false;
  FeedItem& item = feed_.items.back();
  if (item.title.empty()) item.title = std::move(dc_title_);
  if (item.title.empty()) item.title = std::move(media_title_);
  if (item.summary.empty()) item.summary = std::move(dc_description_);
  item.updated_raw = std::move(updated_raw_);
  if (item.published_raw.empty()) item.published_raw = item.updated_raw;
  if (!item.published_raw.empty())
    item.published = parseFeedDate(item.published_raw, options_.default_offset);
  if (!item.published && !item.updated_raw.empty() && item.updated_raw != item.published_raw)
    item.published = parseFeedDate(item.updated_raw, options_.default_offset);
}

// Pops every frame from the top down to `depth` (inclusive).
void FeedBuilder::close(size_t depth, size_t end_offset) {
  while (stack_.size() > depth) {
    const size_t d = stack_.size() - 1;
    if (capture_.field != Field::None && capture_.depth == d) finishCapture(end_offset);
    if (item_open_ && item_depth_ == d) closeItem();
    bindings_.resize(stack_.back().bindings_mark);
    bases_.resize(stack_.back().bases_mark);
    stack_.pop_back();
  }
  if (stack_.empty() && seen_root_) root_closed_ = true;
}

void FeedBuilder::onEnd(const Token& t) {
  for (size_t i = stack_.size(); i-- > 0;) {
    if (stack_[i].qname == t.name) {
      if (i + 1 != stack_.size() && capture_.field == Field::None)
        warn("mismatched tag </" + std::string(t.name) + "> at line " +
             std::to_string(lineOf(t.begin)));
      close(i, t.begin);
      return;
    }
    // Inside a captured field, an end tag never closes the field's ancestors.
    if (capture_.field != Field::None && i == capture_.depth) break;
  }
  if (!depth_warned_)
    warn("unexpected end tag </" + std::string(t.name) + "> at line " +
         std::to_string(lineOf(t.begin)));
}

std::string FeedBuilder::run() {
  bool first_token = true;
  for (;;) {
    const Token t = tokenizer_.next();
    if (t.kind == TokenKind::End) break;
    switch (t.kind) {
      case TokenKind::StartTag:
        onStart(t);
        break;
      case TokenKind::EndTag:
        onEnd(t);
        break;
      case TokenKind::Doctype:
        if (!seen_root_) parseDoctype(t.body, dtd_, feed_.warnings);
        break;
      case TokenKind::Pi:
        if (t.name == "xml" && !first_token)
          warn("XML declaration not at start of document (line " + std::to_string(lineOf(t.begin)) +
               ")");
        break;
      case TokenKind::Text:
        if (!seen_root_ && !trimView(t.body).empty() && !seen_markup_)
          warn("text before the root element");
        break;
      default:
        break;
    }
    first_token = false;
  }
  if (!stack_.empty()) {
    warn("document truncated: <" + std::string(stack_.front().qname) + "> not closed");
    close(0, doc_.size());
  }
  for (const auto& issue : tokenizer_.issues())
    warn(std::string(issue.what) + " at line " + std::to_string(lineOf(issue.offset)));
  if (dropped_items_)
    warn(std::to_string(dropped_items_) +
         " items beyond max_items=" + std::to_string(options_.max_items) + " dropped");
  if (!seen_root_) return "not a feed: no root element";
  if (html_root_ && feed_.items.empty() && feed_.format.empty())
    return "not a feed: the response is an HTML page (<" + root_name_ + "> root)";
  if (feed_.format.empty() && feed_.items.empty())
    return "not a feed: root element <" + root_name_ + "> is not rss, rdf:RDF or feed";
  return {};
}

core::Error notAFeed(std::string message) {
  return core::makeError(core::ErrorKind::BadPayload, "feed", std::move(message));
}

}  // namespace

core::Result<ParsedFeed> parseFeed(std::string_view bytes, const ParseOptions& options) {
  if (trimView(bytes).empty()) return notAFeed("not a feed: empty body");
  DecodedDocument decoded = decodeDocument(bytes, options.http_charset);
  ParsedFeed feed;
  feed.encoding = decoded.encoding;
  feed.warnings = std::move(decoded.warnings);
  const std::string_view doc = decoded.utf8;
  size_t first = 0;
  while (first < doc.size() && static_cast<unsigned char>(doc[first]) <= ' ') ++first;
  if (first == doc.size()) return notAFeed("not a feed: empty body");
  if (doc[first] == '{' || doc[first] == '[') return parseJsonFeed(doc, options, std::move(feed));
  if (doc[first] != '<') {
    const std::string_view head = doc.substr(first, 16);
    std::string shown;
    for (char c : head) shown.push_back(static_cast<unsigned char>(c) < ' ' ? ' ' : c);
    // 16 bytes may end inside a character: keep the message UTF-8.
    return notAFeed("not a feed: the body does not start with markup (\"" +
                    core::sanitizeUtf8(shown) + "\")");
  }
  FeedBuilder builder(doc, options, feed);
  if (std::string why = builder.run(); !why.empty()) return notAFeed(std::move(why));
  return feed;
}

}  // namespace pubtrack::feeds
