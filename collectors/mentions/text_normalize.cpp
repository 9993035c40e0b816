// SPDX-License-Identifier: Apache-2.0
// Normalisation used by the mention matcher and de-duplication.
#include "collectors/mentions/text_normalize.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <vector>

#include "core/strings.h"

namespace pubtrack::mentions {

namespace {

// Decodes one UTF-8 code point at s[i], advancing i; invalid bytes give U+FFFD.
uint32_t nextCodePoint(std::string_view s, size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80             ? 1
             : (c & 0xE0) == 0xC0 ? 2
             : (c & 0xF0) == 0xE0 ? 3
             : (c & 0xF8) == 0xF0 ? 4
                                  : 0;
  if (n == 0 || i + n > s.size()) {
    ++i;
    return 0xFFFD;
  }
  uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  i += n;
  return cp;
}

struct Named {
  std::string_view name;
  uint32_t cp;
};
// The entities that occur in Chinese and English news text; the feed parser already decoded
// XML's own. Sorted by name for binary search.
constexpr std::array<Named, 40> kNamed = {{
    {"amp", '&'},      {"apos", '\''},     {"bull", 0x2022},  {"cent", 0xA2},
    {"copy", 0xA9},    {"deg", 0xB0},      {"divide", 0xF7},  {"emsp", 0x2003},
    {"ensp", 0x2002},  {"euro", 0x20AC},   {"gt", '>'},       {"hellip", 0x2026},
    {"iexcl", 0xA1},   {"laquo", 0xAB},    {"ldquo", 0x201C}, {"lsaquo", 0x2039},
    {"lsquo", 0x2018}, {"lt", '<'},        {"mdash", 0x2014}, {"middot", 0xB7},
    {"nbsp", 0xA0},    {"ndash", 0x2013},  {"para", 0xB6},    {"plusmn", 0xB1},
    {"pound", 0xA3},   {"quot", '"'},      {"raquo", 0xBB},   {"rdquo", 0x201D},
    {"reg", 0xAE},     {"rsaquo", 0x203A}, {"rsquo", 0x2019}, {"sect", 0xA7},
    {"shy", 0xAD},     {"thinsp", 0x2009}, {"times", 0xD7},   {"trade", 0x2122},
    {"yen", 0xA5},     {"zwj", 0x200D},    {"zwnj", 0x200C},  {"zwsp", 0x200B},
}};

bool isSpaceCp(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == 0xA0 ||
         cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0xFEFF;
}

// Inline elements: rich-text editors wrap parts of a word in them ("深圳<span>国资委</span>"),
// so unlike block elements and <br> they must not become a space.
bool isInlineTag(std::string_view tag) {
  static constexpr std::array<std::string_view, 27> kInline = {
      "a",    "abbr",  "b",    "bdi",    "bdo",    "big", "cite", "code", "del",
      "dfn",  "em",    "font", "i",      "ins",    "kbd", "mark", "q",    "s",
      "samp", "small", "span", "strike", "strong", "sub", "sup",  "u",    "var"};
  return std::find(kInline.begin(), kInline.end(), tag) != kInline.end();
}

// Whether `s` holds `word` (lower-case ASCII) at `pos`, in any case.
bool startsWithNoCase(std::string_view s, size_t pos, std::string_view word) {
  if (pos > s.size() || s.size() - pos < word.size()) return false;
  for (size_t k = 0; k < word.size(); ++k) {
    char c = s[pos + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != word[k]) return false;
  }
  return true;
}

// The lower-case element name of the tag that starts at html[i] ('<'), cut to 15 characters
// (no element whose name matters is longer); "" when none.
std::string tagName(std::string_view html, size_t i) {
  size_t k = i + 1;
  if (k < html.size() && html[k] == '/') ++k;
  const size_t start = k;
  while (k < html.size() && std::isalnum(static_cast<unsigned char>(html[k]))) ++k;
  return core::toLowerAscii(html.substr(start, std::min<size_t>(k - start, 15)));
}

bool isPunctuationCp(uint32_t cp) {
  if (cp < 0x80)
    return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
  return (cp >= 0x2010 && cp <= 0x206F) ||  // general punctuation
         (cp >= 0x3000 && cp <= 0x303F) ||  // CJK symbols and punctuation: 、。《》「」【】
         (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
         (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0xB7 ||
         isSpaceCp(cp);
}

// Traditional characters and their simplified forms, position by position: the characters of
// Chinese names, places, administration and economic news (Hong Kong and Macao outlets, and
// traditional-script pages of mainland sites). Sorted by code point. Written for pubtrack from
// the standard correspondence (通用规范汉字表), not a complete conversion table.
constexpr std::string_view kTraditional =
    "並亞來個們備僅價儀億優儲兒內兩冊創劃劇劉劑勁動務勝勞勢勵勸匯"
    "區協卻厲參員問啟單嚴國圍園圓圖團堅報場塊塗墊壇壓壞壯夠夢夥奪"
    "奮婦媽孫學宮實寧審寫寬寶將專尋對導屆層屬島嶺帥師帳幣幫幹幾庫"
    "廈廠廢廣廳張強彈彙後徑從復徵徹悅惡愛態慣慮慶憑憶懇應懷戰戲戶"
    "捨掃掛採揚換損搶摯撐擁擇擊擔據擬擴擺攜攝數斬斷於時晉晝暢暫曆"
    "曉書會東條楊業極構樂樓標樞樣樹橋機橫檔檢檯權歡歲歷歸殘殺殼毀"
    "氣決沒溝滅滙滬滿漢漲漸潔潛潤澤濕濟濱瀋瀏灣災為烏無煉煙熱燈燒"
    "營爭爾牆牽狀猶獎獨獲獻玀現瑣瑪環瓊甌產畝畢畫異當療發盜盡監盤"
    "盧眾睜睪碩確碼磯礦禍禪禮稅種積穩窩窮竊競筆筍箏節範築簡簽籌粵"
    "糧糾紀約紅紋納純紙級紛細終組結絕絡給統絲綁經綜綠維綱網緊緒線"
    "緝緣編緩練縣縮縱總績織繩繪繼續纜罰罷羅義習聖聞聯聲聶職聽肅脅"
    "腦腳膚膽臉臨臺與興舉舊舖艦艱莊莖華萬葉葯蓋蔣蕭薦薩藍藝藥蘇蘋"
    "蘭處號虧蝕蟲術衛衝補裝製複褲襲見規視親覺觀觸訂計訊託記訪設許"
    "訴詐評詢試話該詳誇誌認誘語誠誤說誰課調談請論諸諾謀謊講謝謹證"
    "識譜譯議護譽讀變讓讚豈豐豬貓貝負財貢貧貨販貪貫責貴貶買貸費貼"
    "貿賀資賓賠賢賣質賬賭賴購賽贈贊贏贖贛趕趙趨跡踐躍車軌軍軒軟較"
    "載輔輕輛輝輩輪輸轄轉辦辭農這連週進運過達遜遞遠適遲遷選遺遼還"
    "邊郵鄉鄧鄭鄰醫釀釋針鈔鈴鉛銀銷鋪鋼錄錢錯鍋鍵鍾鎖鎮鏈鐘鐵鑑鑒"
    "長門閃閉開閒間閘閩闆闊闖關闡陝陣陰陳陸陽隊階際隨險隱隸雖雙雜"
    "雞離難雲電霧靈靜韓響頁頂項順須預頒頓頗領頭頸頹頻顆題額顏願類"
    "顧顯風颱飛飯飼飽養餘館馬馮騎騰驅驗驚驛髒體髮鬥鬧魚魯鮮鳥鳳鵬"
    "鶴鹽麗麥麵黃點黨齊齋齒齡龍龜";
constexpr std::string_view kSimplified =
    "并亚来个们备仅价仪亿优储儿内两册创划剧刘剂劲动务胜劳势励劝汇"
    "区协却厉参员问启单严国围园圆图团坚报场块涂垫坛压坏壮够梦伙夺"
    "奋妇妈孙学宫实宁审写宽宝将专寻对导届层属岛岭帅师帐币帮干几库"
    "厦厂废广厅张强弹汇后径从复征彻悦恶爱态惯虑庆凭忆恳应怀战戏户"
    "舍扫挂采扬换损抢挚撑拥择击担据拟扩摆携摄数斩断于时晋昼畅暂历"
    "晓书会东条杨业极构乐楼标枢样树桥机横档检台权欢岁历归残杀壳毁"
    "气决没沟灭汇沪满汉涨渐洁潜润泽湿济滨沈浏湾灾为乌无炼烟热灯烧"
    "营争尔墙牵状犹奖独获献猡现琐玛环琼瓯产亩毕画异当疗发盗尽监盘"
    "卢众睁睾硕确码矶矿祸禅礼税种积稳窝穷窃竞笔笋筝节范筑简签筹粤"
    "粮纠纪约红纹纳纯纸级纷细终组结绝络给统丝绑经综绿维纲网紧绪线"
    "缉缘编缓练县缩纵总绩织绳绘继续缆罚罢罗义习圣闻联声聂职听肃胁"
    "脑脚肤胆脸临台与兴举旧铺舰艰庄茎华万叶药盖蒋萧荐萨蓝艺药苏苹"
    "兰处号亏蚀虫术卫冲补装制复裤袭见规视亲觉观触订计讯托记访设许"
    "诉诈评询试话该详夸志认诱语诚误说谁课调谈请论诸诺谋谎讲谢谨证"
    "识谱译议护誉读变让赞岂丰猪猫贝负财贡贫货贩贪贯责贵贬买贷费贴"
    "贸贺资宾赔贤卖质账赌赖购赛赠赞赢赎赣赶赵趋迹践跃车轨军轩软较"
    "载辅轻辆辉辈轮输辖转办辞农这连周进运过达逊递远适迟迁选遗辽还"
    "边邮乡邓郑邻医酿释针钞铃铅银销铺钢录钱错锅键钟锁镇链钟铁鉴鉴"
    "长门闪闭开闲间闸闽板阔闯关阐陕阵阴陈陆阳队阶际随险隐隶虽双杂"
    "鸡离难云电雾灵静韩响页顶项顺须预颁顿颇领头颈颓频颗题额颜愿类"
    "顾显风台飞饭饲饱养余馆马冯骑腾驱验惊驿脏体发斗闹鱼鲁鲜鸟凤鹏"
    "鹤盐丽麦面黄点党齐斋齿龄龙龟";

constexpr uint32_t kCjkFirst = 0x4E00, kCjkLast = 0x9FFF;

// Simplified form of a traditional character in [kCjkFirst, kCjkLast], 0 when none: a direct
// table (42 KB) so that folding costs one load per character.
const std::vector<uint16_t>& simplifiedTable() {
  static const std::vector<uint16_t> table = [] {
    std::vector<uint16_t> t(kCjkLast - kCjkFirst + 1, 0);
    size_t i = 0, j = 0;
    while (i < kTraditional.size() && j < kSimplified.size()) {
      const uint32_t from = nextCodePoint(kTraditional, i), to = nextCodePoint(kSimplified, j);
      if (from >= kCjkFirst && from <= kCjkLast && to >= kCjkFirst && to <= kCjkLast)
        t[from - kCjkFirst] = static_cast<uint16_t>(to - kCjkFirst + 1);
    }
    return t;
  }();
  return table;
}

bool isIdeograph(uint32_t cp) {
  return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

}  // namespace

std::string decodeEntities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (s[i] != '&') {
      // Copy up to the next '&' at once: most text has no entity at all.
      const size_t amp = std::min(s.find('&', i), s.size());
      out.append(s, i, amp - i);
      i = amp;
      continue;
    }
    const size_t semi = s.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 12) {
      out += s[i++];
      continue;
    }
    std::string_view ent = s.substr(i + 1, semi - i - 1);
    bool done = false;
    if (!ent.empty() && ent[0] == '#') {
      uint32_t cp = 0;
      bool hex = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
      std::string_view digits = ent.substr(hex ? 2 : 1);
      bool ok = !digits.empty();
      for (char c : digits) {
        int v = (c >= '0' && c <= '9')          ? c - '0'
                : hex && (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : hex && (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                : -1;
        if (v < 0 || cp > 0x10FFFF) {
          ok = false;
          break;
        }
        cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(v);
      }
      if (ok) {
        core::appendUtf8(out, cp);
        done = true;
      }
    } else {
      auto it = std::lower_bound(kNamed.begin(), kNamed.end(), ent,
                                 [](const Named& n, std::string_view k) { return n.name < k; });
      if (it != kNamed.end() && it->name == ent) {
        core::appendUtf8(out, it->cp);
        done = true;
      }
    }
    if (done) {
      i = semi + 1;
    } else {
      out += s[i++];
    }
  }
  return out;
}

std::string htmlToText(std::string_view html) {
  std::string text;
  text.reserve(html.size());
  for (size_t i = 0; i < html.size();) {
    if (html[i] != '<') {
      const size_t lt = std::min(html.find('<', i), html.size());
      text.append(html, i, lt - i);
      i = lt;
      continue;
    }
    if (html.substr(i, 4) == "<!--") {
      const size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    size_t end = html.find('>', i);
    if (end == std::string_view::npos) break;
    // Skip script/style bodies entirely (to their closing tag, or the end when unclosed).
    std::string_view closing;
    if (startsWithNoCase(html, i + 1, "script")) closing = "</script";
    if (startsWithNoCase(html, i + 1, "style")) closing = "</style";
    if (!closing.empty()) {
      size_t c = end;
      while ((c = html.find('<', c)) != std::string_view::npos &&
             !startsWithNoCase(html, c, closing))
        ++c;
      const size_t gt = c == std::string_view::npos ? c : html.find('>', c);
      end = gt == std::string_view::npos ? html.size() - 1 : gt;
    }
    if (!isInlineTag(tagName(html, i))) text += ' ';
    i = end + 1;
  }
  std::string decoded = decodeEntities(text);
  // Collapse whitespace.
  std::string out;
  out.reserve(decoded.size());
  bool space = true;
  for (size_t i = 0; i < decoded.size();) {
    const auto c = static_cast<unsigned char>(decoded[i]);
    if (c < 0x80 && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
      out += static_cast<char>(c);  // ASCII that is no space: as it is
      ++i;
      space = false;
      continue;
    }
    const size_t start = i;
    const uint32_t cp = nextCodePoint(decoded, i);
    if (isSpaceCp(cp)) {
      if (!space) out += ' ';
      space = true;
    } else {
      out.append(decoded, start, i - start);
      space = false;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string foldForMatch(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = true;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80 && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);  // ASCII fast path
      ++i;
      space = false;
      continue;
    }
    const size_t start = i;
    uint32_t cp = nextCodePoint(text, i);
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII
    if (isSpaceCp(cp)) {
      if (!space) out += ' ';
      space = true;
      continue;
    }
    space = false;
    if (cp < 0x80)
      out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
    else if (cp == 0xFFFD)
      core::appendUtf8(out, cp);  // an invalid byte becomes U+FFFD
    else
      out.append(text, start, i - start);  // unchanged: its own bytes, not re-encoded
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<std::string> ideographAnchors(std::string_view folded) {
  uint32_t last = 0;
  for (size_t i = 0; i < folded.size();)
    if (const uint32_t cp = nextCodePoint(folded, i); cp >= kCjkFirst && cp <= kCjkLast) last = cp;
  if (last == 0) return {};
  std::vector<std::string> out(1);
  core::appendUtf8(out.back(), last);
  const auto& simplified = simplifiedTable();
  for (uint32_t cp = kCjkFirst; cp <= kCjkLast; ++cp)
    if (cp != last && simplified[cp - kCjkFirst] == last - kCjkFirst + 1)
      core::appendUtf8(out.emplace_back(), cp);
  return out;
}

std::string foldForNames(std::string_view text) {
  const auto& simplified = simplifiedTable();
  std::string out;
  out.reserve(text.size());
  // A run of white space becomes one space, or nothing between two ideographs: "深 圳"
  // (spaced-out headlines), "深圳市\n国资委" (a line break) and a zero-width space inside a name.
  bool pending = false, lastIdeograph = false;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80 && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
      if (pending && !out.empty()) out += ' ';
      pending = false;
      lastIdeograph = false;
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);  // ASCII fast path
      ++i;
      continue;
    }
    const size_t start = i;
    uint32_t cp = nextCodePoint(text, i);
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;                            // full-width ASCII
    if (cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xAD) continue;  // invisible
    if (isSpaceCp(cp)) {
      pending = true;
      continue;
    }
    const bool ideograph = isIdeograph(cp);
    if (pending && !out.empty() && !(ideograph && lastIdeograph)) out += ' ';
    pending = false;
    lastIdeograph = ideograph;
    if (cp >= kCjkFirst && cp <= kCjkLast) {
      if (const uint16_t s = simplified[cp - kCjkFirst]) {
        core::appendUtf8(out, kCjkFirst + s - 1);
        continue;
      }
    }
    if (cp < 0x80)
      out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
    else if (cp == 0xFFFD)
      core::appendUtf8(out, cp);  // an invalid byte becomes U+FFFD
    else
      out.append(text, start, i - start);
  }
  return out;
}

std::string normalizeTitle(std::string_view title) {
  std::string folded = foldForMatch(decodeEntities(title));
  // Drop a trailing outlet suffix: "标题 - 人民网", "标题_新华网", "标题|央视网".
  for (std::string_view sep : {" - ", "_", "|", " — ", "--"}) {
    const size_t pos = folded.rfind(sep);
    if (pos != std::string::npos && pos > 0) {
      const std::string tail = folded.substr(pos + sep.size());
      if (core::utf8Length(tail) <= 8 && core::utf8Length(folded.substr(0, pos)) >= 6) {
        folded.resize(pos);
        break;
      }
    }
  }
  std::string out;
  for (size_t i = 0; i < folded.size();) {
    const size_t start = i;
    const uint32_t cp = nextCodePoint(folded, i);
    if (!isPunctuationCp(cp)) out.append(folded, start, i - start);
  }
  return out;
}

std::string normalizeUrl(std::string_view url) {
  std::string u(core::trim(url));
  if (const size_t hash = u.find('#'); hash != std::string::npos) u.resize(hash);
  std::string rest = u;
  if (const size_t scheme = u.find("://"); scheme != std::string::npos) rest = u.substr(scheme + 3);
  const size_t pathStart = rest.find_first_of("/?");
  std::string host = core::toLowerAscii(rest.substr(0, pathStart));
  std::string path = pathStart == std::string::npos ? "" : rest.substr(pathStart);
  if (const size_t colon = host.rfind(':');
      colon != std::string::npos && (host.substr(colon) == ":80" || host.substr(colon) == ":443"))
    host.resize(colon);
  for (std::string_view prefix : {"www.", "m.", "wap.", "mobile."}) {
    if (core::startsWith(host, prefix) && host.find('.', prefix.size()) != std::string::npos) {
      host = host.substr(prefix.size());
      break;
    }
  }
  std::string query;
  if (const size_t q = path.find('?'); q != std::string::npos) {
    query = path.substr(q + 1);
    path.resize(q);
  }
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  if (path == "/") path.clear();
  std::vector<std::string> kept;
  for (const auto& param : core::splitList(query, '&')) {
    const std::string key = core::toLowerAscii(param.substr(0, param.find('=')));
    static const std::array<std::string_view, 14> kTracking = {
        "spm",     "from",           "share_token", "sharer", "share_from", "scene", "clicktime",
        "enterid", "isappinstalled", "fbclid",      "gclid",  "wfr",        "ref",   "source"};
    if (core::startsWith(key, "utm_") ||
        std::find(kTracking.begin(), kTracking.end(), key) != kTracking.end())
      continue;
    kept.push_back(param);
  }
  std::sort(kept.begin(), kept.end());
  std::string out = host + path;
  if (!kept.empty()) out += "?" + core::join(kept, "&");
  return out;
}

}  // namespace pubtrack::mentions
