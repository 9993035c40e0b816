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

// ASCII case-insensitive equality with `lower`, which is lower case. Element and attribute
// names are compared this way, as feedparser lower-cases them: old hand-written feeds have
// <ITEM>, <PubDate>, VERSION="0.91". Inline: most comparisons end at the size.
inline bool equalsLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != lower[i]) return false;
  }
  return true;
}

// ASCII case-insensitive equality of two names as written (an end tag and its start tag).
bool equalsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

// An element's local name as written; `name == "pubdate"` ignores ASCII case (see equalsLower).
struct LocalName {
  std::string_view text;
  bool operator==(std::string_view lower) const { return equalsLower(text, lower); }
};

// A namespace URI as feedparser compares them: ASCII case ignored, and without the trailing '/'
// that some generators drop ("http://my.netscape.com/rdf/simple/0.9"). `canonical` is lower
// case without the '/'. Compares in place: some feeds declare namespaces on every entry.
bool uriIs(std::string_view uri, std::string_view canonical) {
  if (uri.ends_with('/')) uri.remove_suffix(1);
  return equalsLower(uri, canonical);
}

constexpr std::string_view kNetscape09 = "http://my.netscape.com/rdf/simple/0.9";

Ns nsFromUri(std::string_view uri) {
  if (uriIs(uri, "http://purl.org/dc/elements/1.1")) return Ns::Dc;
  if (uriIs(uri, "http://purl.org/dc/terms")) return Ns::Dcterms;
  if (uriIs(uri, "http://purl.org/rss/1.0/modules/content")) return Ns::Content;
  if (uriIs(uri, "http://www.w3.org/1999/02/22-rdf-syntax-ns#")) return Ns::Rdf;
  if (uriIs(uri, "http://www.w3.org/1999/xhtml")) return Ns::Xhtml;
  if (uriIs(uri, "http://search.yahoo.com/mrss")) return Ns::Media;
  if (uriIs(uri, "http://www.w3.org/2005/atom") || uriIs(uri, "http://purl.org/atom/ns#") ||
      uriIs(uri, "http://purl.org/rss/1.0") || uriIs(uri, kNetscape09) ||
      uriIs(uri, "http://backend.userland.com/rss2") ||
      uriIs(uri, "http://backend.userland.com/rss") || uriIs(uri, "http://purl.org/rss/2.0") ||
      uriIs(uri, "http://blogs.law.harvard.edu/tech/rss") || uriIs(uri, ""))
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
  MediaDescription,
  Link,
  Guid,
  Summary,
  DcDescription,
  Content,
  Published,
  Updated,
  Created,
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

// What an open element is to the feed's structure.
enum class Role : uint8_t {
  Other,
  Root,     // <rss>, <rdf:RDF>, <feed>: its title and link are the feed's when it has no channel
  Channel,  // <channel>
  Item,     // an open <item>/<entry>
};

struct Frame {
  std::string_view qname;
  size_t bindings_mark;
  size_t bases_mark;
  Role role;
};

struct Capture {
  Field field = Field::None;
  size_t base_index = 0;  // xml:base in force (index into bases_ + 1; 0: none)
  size_t depth = 0;       // stack index of the captured element
  size_t start = 0;       // offset where its content starts
  bool html = false;
  bool base64 = false;  // Atom 0.3 mode="base64"
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

// `name` must be lower case.
std::string_view attrValue(std::string_view attrs, std::string_view name) {
  std::string_view found;
  bool have = false;
  forEachAttribute(attrs, [&](std::string_view n, std::string_view v) {
    if (!have && equalsLower(n, name)) {
      found = v;
      have = true;
    }
  });
  return found;
}

// Atom 0.3's mode="base64" (RFC 4648; whitespace and other stray characters skipped, padding
// optional).
std::string decodeBase64(std::string_view in) {
  std::string out;
  out.reserve(in.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    int v;
    if (c >= 'A' && c <= 'Z') {
      v = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      v = c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      v = c - '0' + 52;
    } else if (c == '+' || c == '-') {
      v = 62;
    } else if (c == '/' || c == '_') {
      v = 63;
    } else if (c == '=') {
      break;
    } else {
      continue;
    }
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
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
  void closeUnclosed(const Token& t);
  void startItem(size_t depth);
  void itemChild(LocalName name, Ns ns, const Token& t, size_t depth);
  void feedChild(LocalName name, const Token& t, size_t depth);
  void close(size_t depth, size_t end_offset);
  void startField(Field field, const Token& t, size_t depth);
  void finishCapture(size_t end_offset);
  void closeItem();
  void detectFormat(LocalName name, std::string_view prefix, std::string_view attrs);
  Ns resolve(std::string_view prefix);
  std::string_view uriOf(std::string_view prefix) const;
  bool warningsFull() const { return feed_.warnings.size() >= kMaxWarnings; }
  void warn(std::string w) {
    if (!warningsFull() &&
        std::find(feed_.warnings.begin(), feed_.warnings.end(), w) == feed_.warnings.end())
      feed_.warnings.push_back(std::move(w));
  }
  // Counts on from the previous call: warnings come in document order, and counting from the
  // start each time made a document with many of them quadratic.
  size_t lineOf(size_t offset) {
    if (offset < line_offset_) {
      line_offset_ = 0;
      line_ = 1;
    }
    line_ +=
        static_cast<size_t>(std::count(doc_.begin() + static_cast<std::ptrdiff_t>(line_offset_),
                                       doc_.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
    line_offset_ = offset;
    return line_;
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
  bool dropped_item_open_ = false;  // an item beyond max_items: not kept, but still an item
  size_t item_depth_ = 0;           // stack index of the open (or dropped) item
  size_t dropped_items_ = 0;
  bool depth_warned_ = false;
  bool feed_is_atom_ = false;
  size_t line_offset_ = 0, line_ = 1;
  // <x:item>/<x:entry> in a namespace that is not RSS/Atom: said when the feed has no items.
  size_t foreign_items_ = 0;
  std::string foreign_item_;
  // per-item scratch
  std::string dc_title_, dc_description_, updated_raw_, created_raw_, media_title_,
      media_description_;
  bool found_feed_element_ = false;
  bool guid_permalink_ = true;
};

Ns FeedBuilder::resolve(std::string_view prefix) {
  for (auto it = bindings_.rbegin(); it != bindings_.rend(); ++it) {
    if (it->prefix != prefix) continue;
    // As feedparser: an element in a default namespace it does not know is read as plain
    // RSS/Atom (xmlns="http://purl.org/rss/2.0/", an Atom URI with a typo).
    if (prefix.empty() && it->ns == Ns::Other) return Ns::Core;
    return it->ns;
  }
  if (!prefix.empty()) {
    const Ns guess = nsFromPrefix(prefix);
    warn("undeclared namespace prefix '" + std::string(prefix) + "'");
    return guess;
  }
  return Ns::Core;
}

std::string_view FeedBuilder::uriOf(std::string_view prefix) const {
  for (auto it = bindings_.rbegin(); it != bindings_.rend(); ++it)
    if (it->prefix == prefix) return it->uri;
  return {};
}

void FeedBuilder::detectFormat(LocalName name, std::string_view prefix, std::string_view attrs) {
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
  } else if (name == "rdf") {
    // RSS 0.90 puts its elements in Netscape's namespace, by default or under a prefix.
    bool netscape = false;
    for (const auto& b : bindings_) netscape = netscape || uriIs(b.uri, kNetscape09);
    feed_.format = netscape ? "rss0.90" : "rss1.0";
  } else if (name == "feed") {
    feed_is_atom_ = true;
    const std::string_view uri = uriOf(prefix);
    const std::string_view v = trimView(attrValue(attrs, "version"));
    if (uriIs(uri, "http://www.w3.org/2005/atom")) {
      feed_.format = "atom1.0";
    } else if (v == "0.3" || uriIs(uri, "http://purl.org/atom/ns#")) {
      feed_.format = "atom0.3";
    } else {
      feed_.format = "atom";
    }
  } else {
    found_feed_element_ = false;
  }
}

// An <item>/<entry> arrived while an item or a captured field is still open: what is open was
// never closed (feedparser, too, starts a new entry at every <item>). Close it here, as a browser
// closes an open <li> at the next <li>, so that the field does not swallow the items after it
// and unclosed items do not nest ever deeper.
void FeedBuilder::closeUnclosed(const Token& t) {
  const bool in_item = item_open_ || dropped_item_open_;
  if (!warningsFull()) {
    const std::string at =
        "> closed by <" + std::string(t.name) + "> at line " + std::to_string(lineOf(t.begin));
    if (capture_.field != Field::None)
      warn("unclosed <" + std::string(stack_[capture_.depth].qname) + at);
    if (in_item) warn("unclosed <" + std::string(stack_[item_depth_].qname) + at);
  }
  close(in_item ? item_depth_ : capture_.depth, t.begin);
}

void FeedBuilder::startItem(size_t depth) {
  stack_.back().role = Role::Item;
  item_depth_ = depth;
  if (feed_.items.size() >= options_.max_items) {
    ++dropped_items_;
    dropped_item_open_ = true;
    return;
  }
  feed_.items.emplace_back();
  item_open_ = true;
  dc_title_.clear();
  media_title_.clear();
  dc_description_.clear();
  media_description_.clear();
  updated_raw_.clear();
  created_raw_.clear();
  guid_permalink_ = true;
}

void FeedBuilder::onStart(const Token& t) {
  seen_markup_ = true;
  std::string_view local = t.name;
  std::string_view prefix;
  if (const size_t colon = t.name.find(':'); colon != std::string_view::npos) {
    prefix = t.name.substr(0, colon);
    local = t.name.substr(colon + 1);
  }
  const LocalName name{local};
  const bool item_name = name == "item" || name == "entry";
  if (item_name && (item_open_ || dropped_item_open_ || capture_.field != Field::None) &&
      (prefix.empty() || resolve(prefix) == Ns::Core))
    closeUnclosed(t);
  const bool capturing = capture_.field != Field::None;

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
  const Ns ns = capturing ? Ns::Other : resolve(prefix);
  const size_t bases_mark = bases_.size();
  if (!capturing && t.body.find("xml:base") != std::string_view::npos) {
    const std::string_view b = attrValue(t.body, "xml:base");
    bases_.push_back(resolveUrl(base(), decodedAttr(b)));
  }
  stack_.push_back({t.name, mark, bases_mark, Role::Other});

  if (!seen_root_) {
    seen_root_ = true;
    root_name_ = lowerAscii(local);
    html_root_ = root_name_ == "html" || root_name_ == "head" || root_name_ == "body";
  }
  if (!found_feed_element_ && !capturing && !item_open_) detectFormat(name, prefix, t.body);
  if (root_closed_) {
    warn("junk after document element at line " + std::to_string(lineOf(t.begin)));
    root_closed_ = false;
  }

  if (!capturing) {
    if (item_name && ns == Ns::Core) {
      startItem(depth);
    } else {
      if (item_name && foreign_items_++ == 0)
        foreign_item_ = "<" + std::string(t.name) + "> elements in namespace '" +
                        core::sanitizeUtf8(uriOf(prefix)) + "'";
      if (item_open_ && depth > item_depth_) {
        itemChild(name, ns, t, depth);
      } else if (ns == Ns::Core || (ns == Ns::Rdf && name == "rdf")) {
        feedChild(name, t, depth);
      }
    }
  }
  if (t.self_closing) close(stack_.size() - 1, t.end);
}

void FeedBuilder::itemChild(LocalName name, Ns ns, const Token& t, size_t depth) {
  FeedItem& item = feed_.items.back();
  if (ns == Ns::Media) {
    // Media RSS nests its elements (<media:group>, <media:content> hold <media:title>), and
    // YouTube-style feeds keep the description only there: any depth inside the item counts.
    if (name == "title" && media_title_.empty()) {
      startField(Field::MediaTitle, t, depth);
    } else if (name == "description" && media_description_.empty()) {
      startField(Field::MediaDescription, t, depth);
    } else if (name == "content" && item.enclosure.empty()) {
      if (const std::string url = decodedAttr(attrValue(t.body, "url")); !url.empty())
        item.enclosure = resolveUrl(base(), url);
    }
    return;
  }
  if (depth != item_depth_ + 1) return;
  Field f = Field::None;
  switch (ns) {
    case Ns::Core:
      if (name == "title") {
        f = Field::Title;
      } else if (name == "link") {
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
          if (has_href && rel == "enclosure" && item.enclosure.empty())
            item.enclosure = resolveUrl(base(), decodedAttr(href));
        } else {
          f = Field::Link;
        }
      } else if (name == "guid" || name == "id") {
        f = Field::Guid;
        if (name == "guid") {
          const std::string_view p = trimView(attrValue(t.body, "ispermalink"));
          guid_permalink_ = p.empty() || lowerAscii(p) == "true";
        } else {
          guid_permalink_ = true;  // feedparser treats an Atom <id> like a permalink guid
        }
      } else if (name == "description" || name == "summary") {
        f = Field::Summary;
      } else if (name == "content") {
        f = Field::Content;
      } else if (name == "pubdate" || name == "published" || name == "issued") {
        f = Field::Published;
      } else if (name == "updated" || name == "modified") {
        f = Field::Updated;
      } else if (name == "created") {
        f = Field::Created;
      } else if (name == "author") {
        f = Field::Author;
      } else if (name == "source") {
        if (!feed_is_atom_) f = Field::Source;
      } else if (name == "enclosure" && item.enclosure.empty()) {
        if (const std::string url = decodedAttr(attrValue(t.body, "url")); !url.empty())
          item.enclosure = resolveUrl(base(), url);
      }
      break;
    case Ns::Dc:
      if (name == "title") f = Field::DcTitle;
      if (name == "creator" || name == "author") f = Field::Author;
      if (name == "date") f = Field::Updated;
      if (name == "description") f = Field::DcDescription;
      break;
    case Ns::Dcterms:
      if (name == "issued" || name == "created") f = Field::Published;
      if (name == "modified") f = Field::Updated;
      break;
    case Ns::Content:
      if (name == "encoded") f = Field::Content;
      break;
    case Ns::Xhtml:
      if (name == "body") f = Field::Content;
      break;
    default:
      break;
  }
  if (f != Field::None) startField(f, t, depth);
}

// An element outside any item: <channel>/<rss>/<feed> mark the structure; the feed's title and
// link are read from the channel, or from the root when there is no channel (Atom, and RSS
// written without one).
void FeedBuilder::feedChild(LocalName name, const Token& t, size_t depth) {
  Frame& self = stack_.back();
  if (name == "channel") self.role = Role::Channel;
  if (name == "rss" || name == "rdf" || name == "feed") self.role = Role::Root;
  if (depth == 0 || item_open_ || dropped_item_open_) return;
  const Role parent = stack_[depth - 1].role;
  if (parent != Role::Channel && parent != Role::Root) return;
  if (name == "title" && feed_.title.empty()) {
    startField(Field::FeedTitle, t, depth);
  } else if (name == "link" && feed_.link.empty()) {
    if (t.body.find("href") != std::string_view::npos) {
      const std::string_view rel = trimView(attrValue(t.body, "rel"));
      if (rel.empty() || rel == "alternate")
        feed_.link = resolveUrl(base(), decodedAttr(attrValue(t.body, "href")));
    } else {
      startField(Field::FeedLink, t, depth);
    }
  }
}

void FeedBuilder::startField(Field field, const Token& t, size_t depth) {
  capture_ = Capture{};
  capture_.field = field;
  capture_.depth = depth;
  capture_.start = t.end;
  capture_.base_index = bases_.size();
  if (field == Field::Title || field == Field::Summary || field == Field::Content ||
      field == Field::FeedTitle || field == Field::MediaTitle) {
    const std::string type = lowerAscii(trimView(attrValue(t.body, "type")));
    const std::string mode = lowerAscii(trimView(attrValue(t.body, "mode")));
    capture_.html = type == "html" || type == "xhtml" || type == "text/html" ||
                    type == "application/xhtml+xml" || mode == "escaped";
    capture_.base64 = mode == "base64";
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
  if (c.base64) {
    value = decodeBase64(value);
    if (!core::isValidUtf8(value)) value = core::sanitizeUtf8(value);
  }
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
    case Field::MediaDescription:
      media_description_ = std::move(value);
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
    case Field::Created:
      if (created_raw_.empty()) created_raw_ = std::string(trimView(value));
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
  if (item.summary.empty()) item.summary = std::move(media_description_);
  item.updated_raw = std::move(updated_raw_);
  if (item.published_raw.empty()) item.published_raw = item.updated_raw;
  // Atom 0.3 required <issued> and <modified>, but some tools wrote only <created>.
  if (item.published_raw.empty()) item.published_raw = std::move(created_raw_);
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
    if (stack_[d].role == Role::Item) {
      if (item_open_) closeItem();
      dropped_item_open_ = false;
    }
    bindings_.resize(stack_.back().bindings_mark);
    bases_.resize(stack_.back().bases_mark);
    stack_.pop_back();
  }
  if (stack_.empty() && seen_root_) root_closed_ = true;
}

void FeedBuilder::onEnd(const Token& t) {
  const bool capturing = capture_.field != Field::None;
  for (size_t i = stack_.size(); i-- > 0;) {
    // Inside a captured field, an end tag closes the field's ancestors only when it names an
    // item or a feed container: a stray </div> in a description must not end the item, but an
    // </item> there means the description was never closed.
    if (capturing && i < capture_.depth && stack_[i].role == Role::Other) continue;
    if (stack_[i].qname != t.name && !equalsNoCase(stack_[i].qname, t.name)) continue;
    if (i + 1 != stack_.size() && !warningsFull()) {
      const std::string at = " at line " + std::to_string(lineOf(t.begin));
      if (!capturing) {
        warn("mismatched tag </" + std::string(t.name) + ">" + at);
      } else if (i < capture_.depth) {
        warn("unclosed <" + std::string(stack_[capture_.depth].qname) + "> closed by </" +
             std::string(t.name) + ">" + at);
      }
    }
    close(i, t.begin);
    return;
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
  if (feed_.items.empty() && foreign_items_)
    warn("no items: " + std::to_string(foreign_items_) + " " + foreign_item_ +
         " are not RSS/Atom items");
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
