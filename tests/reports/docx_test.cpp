// SPDX-License-Identifier: Apache-2.0
// The .docx writer: ZIP structure and CRCs checked by an independent reader, the package parts,
// escaping, and a read-back with Debian's python3-docx when it is installed; the annual report's
// official tables (rows, merged cells), fonts and page, every XML part parsed by Python.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <optional>

#include "model/annual_tables.h"
#include "reports/writers.h"
#include "reports/zip_writer.h"
#include "tests/reports/sample_figures.h"
#include "tests/support/temp_dir.h"

namespace pubtrack::reports {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Bit-by-bit CRC-32, deliberately not the writer's table version.
uint32_t slowCrc32(std::string_view data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (char ch : data) {
    crc ^= static_cast<unsigned char>(ch);
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

uint32_t rd16(const std::string& s, size_t p) {
  return static_cast<uint32_t>(static_cast<unsigned char>(s[p])) |
         static_cast<uint32_t>(static_cast<unsigned char>(s[p + 1])) << 8;
}
uint32_t rd32(const std::string& s, size_t p) { return rd16(s, p) | rd16(s, p + 2) << 16; }

// Reads a store-only ZIP, checking every header against the central directory and every CRC.
// Returns the files by name, or nullopt after recording the failure.
std::optional<std::map<std::string, std::string>> readZip(const std::string& z) {
  std::map<std::string, std::string> files;
  auto fail = [](const std::string& why) {
    ADD_FAILURE() << why;
    return std::nullopt;
  };
  if (z.size() < 22) return fail("too short");
  const size_t eocd = z.size() - 22;  // we write no archive comment
  if (rd32(z, eocd) != 0x06054b50u) return fail("no end of central directory record");
  const uint32_t count = rd16(z, eocd + 10);
  if (rd16(z, eocd + 8) != count) return fail("entry counts differ");
  const uint32_t cdSize = rd32(z, eocd + 12), cdOffset = rd32(z, eocd + 16);
  if (size_t{cdOffset} + cdSize != eocd) return fail("central directory is not before the EOCD");
  size_t p = cdOffset;
  size_t expectedLocal = 0;
  for (uint32_t i = 0; i < count; ++i) {
    if (p + 46 > eocd || rd32(z, p) != 0x02014b50u) return fail("bad central header");
    const uint32_t method = rd16(z, p + 10), crc = rd32(z, p + 16);
    const uint32_t csize = rd32(z, p + 20), usize = rd32(z, p + 24);
    const uint32_t nlen = rd16(z, p + 28), elen = rd16(z, p + 30), clen = rd16(z, p + 32);
    const uint32_t local = rd32(z, p + 42);
    const std::string name = z.substr(p + 46, nlen);
    if (method != 0 || csize != usize) return fail(name + ": not stored");
    if (local != expectedLocal) return fail(name + ": gap or overlap before the local header");
    if (rd32(z, local) != 0x04034b50u) return fail(name + ": bad local header");
    if (rd16(z, local + 8) != 0 || rd32(z, local + 14) != crc || rd32(z, local + 18) != csize ||
        rd32(z, local + 22) != usize)
      return fail(name + ": local header disagrees with the central directory");
    const uint32_t lnlen = rd16(z, local + 26), lelen = rd16(z, local + 28);
    if (z.substr(local + 30, lnlen) != name) return fail(name + ": local name differs");
    const size_t dataAt = local + 30 + lnlen + lelen;
    if (dataAt + csize > cdOffset) return fail(name + ": data runs into the directory");
    std::string data = z.substr(dataAt, csize);
    if (slowCrc32(data) != crc) return fail(name + ": CRC mismatch");
    expectedLocal = dataAt + csize;
    files[name] = std::move(data);
    p += 46 + nlen + elen + clen;
  }
  if (expectedLocal != cdOffset) return fail("bytes between the last entry and the directory");
  if (p != eocd) return fail("central directory size mismatch");
  return files;
}

Figures hostileSeed() {
  auto f = fakes::seedFigures();
  f.media.top_stories[0].title = "<script>alert(1)</script> & ]]> \x02";
  f.media.top_stories[0].url = "https://news.example.cn/a?x=1&y=2";
  f.accounts[0].top_articles[1].url = "javascript:alert(1)";  // never linked
  f.previous_period = Period{"2018-01-01", "2018-12-31", 2018};
  f.changes = {{"wechat.articles", 795, 708, 87, std::nullopt}};
  f.checks = {{"mentions_unreviewed", "media", "14 mentions await review", "14篇报道待审核"}};
  return f;
}

TEST(ZipWriterTest, CrcMatchesKnownValues) {
  EXPECT_EQ(crc32(""), 0u);
  EXPECT_EQ(crc32("123456789"), 0xCBF43926u);
  EXPECT_EQ(crc32("The quick brown fox jumps over the lazy dog"), 0x414FA339u);
  EXPECT_EQ(crc32("中文"), slowCrc32("中文"));
}

TEST(ZipWriterTest, WritesAReadableArchive) {
  ZipWriter z;
  z.add("a.txt", "hello");
  z.add("dir/b.bin", std::string("\0\x01\xff", 3));
  z.add("empty", "");
  const auto files = readZip(z.finish());
  ASSERT_TRUE(files);
  EXPECT_EQ(files->at("a.txt"), "hello");
  EXPECT_EQ(files->at("dir/b.bin"), std::string("\0\x01\xff", 3));
  EXPECT_EQ(files->at("empty"), "");
}

TEST(DocxWriterTest, IsAWordPackage) {
  const std::string bytes = renderDocx(hostileSeed(), {});
  ASSERT_EQ(bytes.substr(0, 4), std::string("PK\x03\x04", 4));
  const auto files = readZip(bytes);
  ASSERT_TRUE(files);
  for (const char* part : {"[Content_Types].xml", "_rels/.rels", "word/document.xml",
                           "word/styles.xml", "word/_rels/document.xml.rels"}) {
    EXPECT_EQ(files->count(part), 1u) << part;
  }
  const std::string& doc = files->at("word/document.xml");
  EXPECT_THAT(doc, HasSubstr("近800条"));
  EXPECT_THAT(doc, HasSubstr("突破150万人次"));
  EXPECT_THAT(doc, HasSubstr("<w:tbl>"));
  EXPECT_THAT(doc, HasSubstr("w:val=\"Heading1\""));
  EXPECT_THAT(doc, HasSubstr("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
  EXPECT_THAT(doc, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt;"));
  EXPECT_THAT(doc, Not(HasSubstr("<script>")));
  EXPECT_THAT(doc, Not(HasSubstr("\x02")));
  const std::string& rels = files->at("word/_rels/document.xml.rels");
  EXPECT_THAT(rels, HasSubstr("Target=\"https://news.example.cn/a?x=1&amp;y=2\" "
                              "TargetMode=\"External\""));
  EXPECT_THAT(rels, Not(HasSubstr("javascript")));
  EXPECT_THAT(files->at("[Content_Types].xml"), HasSubstr("/word/document.xml"));
  // The same figures give the same bytes.
  EXPECT_EQ(renderDocx(hostileSeed(), {}), bytes);
}

std::optional<std::filesystem::path> debianPython() {
  for (const char* p : {"/usr/bin/python3", "/bin/python3"})
    if (std::filesystem::exists(p)) return std::filesystem::path(p);
  return std::nullopt;
}

TEST(DocxWriterTest, OpensWithPythonDocx) {
  const auto python = debianPython();
  if (!python) GTEST_SKIP() << "python3 not installed";
  fakes::TempDir dir;
  if (fakes::runProcess({python->string(), "-c", "import docx"}, dir.path()).exit_code != 0)
    GTEST_SKIP() << "python3-docx not installed (apt-get install python3-docx)";

  for (const char* lang : {"zh", "en"}) {
    SCOPED_TRACE(lang);
    const auto file = dir / (std::string("report-") + lang + ".docx");
    fakes::writeFile(file, renderDocx(hostileSeed(), {*model::parseLang(lang), 500}));
    const std::string script = R"PY(
import sys, docx
d = docx.Document(sys.argv[1])
paras = [p.text for p in d.paragraphs]
body = "\n".join(paras)
# cell.text skips runs inside w:hyperlink (python-docx 0.8), so read every w:t.
cells = ["".join(x.text or "" for x in c._tc.xpath(".//w:t"))
         for t in d.tables for r in t.rows for c in r.cells]
heads = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
sec = d.sections[0]
print("paragraphs", len(paras))
print("tables", len(d.tables))
print("headings", len(heads))
print("title", d.paragraphs[0].style.name)
print("page_mm", round(sec.page_width.mm), round(sec.page_height.mm), round(sec.left_margin.mm))
print("core_title", d.core_properties.title)
print("hostile", any("<script>alert(1)</script>" in c for c in cells))
print("yoy", any("同比增长12.3%" in c or "up 12.3%" in c for c in cells))
print("body", body.replace("\n", " | "))
)PY";
    const auto r = fakes::runProcess({python->string(), "-c", script, file.string()}, dir.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("tables 10"));  // 3 WeChat, 4 media, ledger, 同比, checks
    EXPECT_THAT(r.out, HasSubstr("title Title"));
    EXPECT_THAT(r.out, HasSubstr("page_mm 210 297 18"));
    EXPECT_THAT(r.out, HasSubstr("hostile True"));
    EXPECT_THAT(r.out, HasSubstr("yoy True"));
    if (std::string(lang) == "zh") {
      EXPECT_THAT(r.out, HasSubstr("headings 6"));  // 概述 + 5 sections
      EXPECT_THAT(r.out, HasSubstr("近800条"));
      EXPECT_THAT(r.out,
                  HasSubstr("人大代表建议25件（承办件2件、主办件3件、分办件1件、汇办件19件）"));
      EXPECT_THAT(r.out, HasSubstr("core_title 深圳市国资委2019年度政务新媒体与宣传工作情况"));
    } else {
      EXPECT_THAT(r.out, HasSubstr("nearly 800 posts"));
    }
  }
}

TEST(DocxWriterTest, AnnualReportDeclaresFontsPageAndMergedCells) {
  const std::string bytes = renderDocx(fakes::annualFigures(model::Layout::Y2021), {});
  const auto files = readZip(bytes);
  ASSERT_TRUE(files);
  ASSERT_EQ(files->count("word/fontTable.xml"), 1u);
  EXPECT_THAT(files->at("[Content_Types].xml"), HasSubstr("/word/fontTable.xml"));
  EXPECT_THAT(files->at("word/_rels/document.xml.rels"), HasSubstr("Target=\"fontTable.xml\""));
  const std::string& doc = files->at("word/document.xml");
  EXPECT_THAT(doc, HasSubstr("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));  // A4 portrait
  EXPECT_THAT(doc, Not(HasSubstr("w:orient")));
  EXPECT_THAT(doc, HasSubstr("<w:gridSpan w:val=\"3\"/><w:vMerge w:val=\"restart\"/>"));  // 表三
  EXPECT_THAT(doc, HasSubstr("<w:gridSpan w:val=\"7\"/>"));
  EXPECT_THAT(doc, HasSubstr("<w:gridSpan w:val=\"10\"/>"));  // 行政诉讼
  EXPECT_THAT(doc, HasSubstr("<w:vMerge/>"));
  EXPECT_THAT(doc, HasSubstr("<w:tblHeader/>"));
  EXPECT_THAT(doc, HasSubstr("<w:highlight w:val=\"yellow\"/>"));  // the placeholders
  const std::string& styles = files->at("word/styles.xml");
  EXPECT_THAT(styles, HasSubstr("<w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" "
                                "w:hAnsi=\"Times New Roman\" w:eastAsia=\"仿宋\""));
  EXPECT_THAT(styles, HasSubstr("w:eastAsia=\"黑体\""));
  EXPECT_THAT(styles, HasSubstr("w:eastAsia=\"宋体\""));
  EXPECT_THAT(files->at("word/fontTable.xml"),
              HasSubstr("<w:font w:name=\"仿宋\"><w:altName w:val=\"仿宋_GB2312\"/>"));
  // A period report keeps its package.
  const auto period = readZip(renderDocx(fakes::seedFigures(), {}));
  ASSERT_TRUE(period);
  EXPECT_EQ(period->count("word/fontTable.xml"), 0u);
  EXPECT_THAT(period->at("word/document.xml"), Not(HasSubstr("gridSpan")));
}

// Reads an annual .docx back: every XML part parsed, the first table after each Heading 1 with
// its rows, grid columns and merges, the checks of the official forms' merged cells, the fonts.
constexpr const char* kAnnualDocxScript = R"PY(
import sys, re, zipfile
from xml.dom import minidom
import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

path = sys.argv[1]
with zipfile.ZipFile(path) as z:
    bad = []
    parts = [n for n in z.namelist() if n.endswith(".xml") or n.endswith(".rels")]
    for n in parts:
        try:
            minidom.parseString(z.read(n))
        except Exception as e:
            bad.append(n + ": " + str(e))
    print("xml_parts", len(parts), "errors", len(bad), "|".join(bad))
    styles = minidom.parseString(z.read("word/styles.xml"))
    fonts = minidom.parseString(z.read("word/fontTable.xml"))

d = docx.Document(path)
sec = d.sections[0]
print("page_mm", round(sec.page_width.mm), round(sec.page_height.mm))

heads, tables, prev_text = [], [], ""
for child in d.element.body.iterchildren():
    if child.tag == qn("w:p"):
        p = Paragraph(child, d)
        if p.style.name == "Heading 1":
            heads.append((p.text, []))
        prev_text = p.text
    elif child.tag == qn("w:tbl"):
        t = Table(child, d)
        tables.append((t, prev_text))
        if heads:
            heads[-1][1].append(len(tables) - 1)
print("headings", len(heads), "|".join(h for h, _ in heads))
print("tables", len(tables))

def describe(t):
    x = t._tbl
    spans = len(x.xpath(".//w:gridSpan"))
    restart = len(x.xpath(".//w:vMerge[@w:val='restart']"))
    cont = len([v for v in x.xpath(".//w:vMerge") if v.get(qn("w:val")) in (None, "continue")])
    return "rows=%d cols=%d spans=%d vrestart=%d vcont=%d" % (
        len(t.rows), len(t.columns), spans, restart, cont)

for i, (h, idx) in enumerate(heads):
    if idx:
        t, before = tables[idx[0]]
        print("S%d %s before=%s tables=%d" % (i, describe(t), before, len(idx)))
        values = [c.text for r in t.rows for c in r.cells if re.fullmatch(r"-?[0-9.]+", c.text)]
        print("S%d values %d" % (i, len(values)))
    else:
        print("S%d none" % i)

def same(t, a, b):
    # python-docx gives a merged cell's positions one _Cell object, within one _cells list.
    cells, n = t._cells, len(t.columns)
    return cells[a[0] * n + a[1]] is cells[b[0] * n + b[1]]

if len(heads) >= 4 and heads[1][1] and heads[2][1] and heads[3][1]:
    t2 = tables[heads[1][1][0]][0]
    t3 = tables[heads[2][1][0]][0]
    t4 = tables[heads[3][1][0]][0]
    last = len(t3.rows) - 1
    print("t2_caption_spans", same(t2, (0, 0), (0, len(t2.columns) - 1)))
    print("t3_note", same(t3, (0, 0), (2, 2)), t3.cell(0, 0).text.split("\n")[0])
    print("t3_applicants", same(t3, (0, 3), (0, 9)), t3.cell(0, 3).text.split("\n")[0])
    print("t3_natural", same(t3, (1, 3), (2, 3)), t3.cell(1, 3).text.split("\n")[0])
    print("t3_orgs", same(t3, (1, 4), (1, 8)), t3.cell(1, 4).text.split("\n")[0])
    print("t3_total", same(t3, (1, 9), (2, 9)), t3.cell(1, 9).text.split("\n")[0])
    print("t3_results", same(t3, (5, 0), (last - 1, 0)), not same(t3, (5, 0), (last, 0)),
          t3.cell(5, 0).text.split("\n")[0])
    print("t3_withheld", same(t3, (7, 1), (14, 1)), not same(t3, (7, 1), (7, 2)),
          t3.cell(7, 1).text.split("\n")[0])
    print("t3_new", same(t3, (3, 0), (3, 2)), t3.cell(3, 0).text.split("\n")[0])
    print("t4_review", same(t4, (0, 0), (0, 4)), same(t4, (1, 0), (2, 0)),
          t4.cell(0, 0).text.split("\n")[0])
    print("t4_suits", same(t4, (0, 5), (0, 14)), same(t4, (1, 5), (1, 9)),
          same(t4, (1, 10), (1, 14)), t4.cell(0, 5).text.split("\n")[0])
    print("t4_data", "/".join(c.text for c in t4.rows[3].cells))

default = styles.getElementsByTagName("w:rPrDefault")[0].getElementsByTagName("w:rFonts")[0]
print("body_font", default.getAttribute("w:eastAsia"))
for s in styles.getElementsByTagName("w:style"):
    sid = s.getAttribute("w:styleId")
    if sid in ("Heading1", "Heading2", "TableText", "Title"):
        f = s.getElementsByTagName("w:rFonts")
        print("font", sid, f[0].getAttribute("w:eastAsia") if f else "-")
for f in fonts.getElementsByTagName("w:font"):
    alt = f.getElementsByTagName("w:altName")
    print("declared", f.getAttribute("w:name"), alt[0].getAttribute("w:val") if alt else "-")
)PY";

TEST(DocxWriterTest, AnnualReportHasTheOfficialTablesInWord) {
  const auto python = debianPython();
  if (!python) GTEST_SKIP() << "python3 not installed";
  fakes::TempDir dir;
  if (fakes::runProcess({python->string(), "-c", "import docx"}, dir.path()).exit_code != 0)
    GTEST_SKIP() << "python3-docx not installed (apt-get install python3-docx)";

  // Per layout: 表二's rows and grid (2019 draws its 3- and 2-column blocks on 6 columns), 表三's
  // rows and result rows.
  struct Case {
    model::Layout layout;
    std::string t2, t3;
    int results;
  };
  const Case cases[] = {
      {model::Layout::Y2021, "rows=14 cols=4", "rows=28 cols=10", 22},
      {model::Layout::Y2019, "rows=18 cols=7", "rows=26 cols=10", 20},
  };
  for (const auto& c : cases) {
    for (const char* lang : {"zh", "en"}) {
      for (const bool full : {true, false}) {
        SCOPED_TRACE(std::string(model::toString(c.layout)) + " " + lang + (full ? "" : " empty"));
        const bool zh = std::string(lang) == "zh";
        const auto file = dir / "annual.docx";
        fakes::writeFile(file, renderDocx(fakes::annualFigures(c.layout, full, true, full),
                                          {*model::parseLang(lang), 500}));
        const auto r = fakes::runProcess({python->string(), "-c", kAnnualDocxScript, file.string()},
                                         dir.path());
        ASSERT_EQ(r.exit_code, 0) << r.err;
        const std::string& out = r.out;
        EXPECT_THAT(out, HasSubstr("xml_parts 9 errors 0 \n"));  // 9 parts, all well-formed
        EXPECT_THAT(out, HasSubstr("page_mm 210 297"));
        // The six sections and the appendix, as Heading 1, in order.
        std::string heads;
        for (const auto& s : model::reportSections())
          heads += std::string(zh ? s.title_zh : s.title_en) + "|";
        heads += zh ? "附：宣传数据明细" : "Appendix: media and outreach details";
        EXPECT_THAT(out, HasSubstr("headings 7 " + heads + "\n"));
        // 一 has no table; 二, 三, 四 start with theirs; 五 and 六 have none; the appendix has
        // the 8 tables of the seed (plus the checks when tables are empty).
        EXPECT_THAT(out, HasSubstr("S0 none"));
        const std::string note = zh ? "暂无数据，见核查项" : "No data yet: see the data checks";
        // The paragraph before a table is its heading, or the note when it has no data.
        auto before = [&](size_t k, bool hasData) {
          const auto& s = model::reportSections()[k];
          return " before=" + (hasData ? std::string(zh ? s.title_zh : s.title_en) : note) +
                 " tables=1\n";
        };
        EXPECT_THAT(out, HasSubstr("S1 " + c.t2 + " spans="));
        EXPECT_THAT(out, HasSubstr(before(1, full)));
        EXPECT_THAT(out, HasSubstr("S2 " + c.t3 + " spans="));
        EXPECT_THAT(out, HasSubstr(before(2, true)));
        EXPECT_THAT(out,
                    HasSubstr("S3 rows=4 cols=15 spans=4 vrestart=5 vcont=5" + before(3, full)));
        EXPECT_THAT(out, HasSubstr("S4 none"));
        EXPECT_THAT(out, HasSubstr("S5 none"));
        EXPECT_THAT(out, HasSubstr(full ? "tables=8\n" : "tables=9\n"));
        // Values: none at all in an empty table, never zeros; every cell of a full one.
        EXPECT_THAT(out, HasSubstr(full ? "S3 values 15" : "S3 values 0\n"));
        if (!full) {
          EXPECT_THAT(out, HasSubstr("S1 values 0\n"));
        }
        EXPECT_THAT(out, HasSubstr("S2 values " + std::to_string((c.results + 3) * 7)));
        // The merged cells of the forms, read through python-docx's cell identity.
        EXPECT_THAT(out, HasSubstr("t2_caption_spans True"));
        EXPECT_THAT(out, HasSubstr("t3_note True （本列数据的勾稽关系为："));
        EXPECT_THAT(out, HasSubstr("t3_applicants True 申请人情况"));
        EXPECT_THAT(out, HasSubstr("t3_natural True 自然人"));
        EXPECT_THAT(out, HasSubstr("t3_orgs True 法人或其他组织"));
        EXPECT_THAT(out, HasSubstr("t3_total True 总计"));
        EXPECT_THAT(out, HasSubstr("t3_results True True 三、本年度办理结果"));
        EXPECT_THAT(out, HasSubstr("t3_withheld True True （三）不予公开"));
        EXPECT_THAT(out, HasSubstr("t3_new True 一、本年新收政府信息公开申请数量"));
        EXPECT_THAT(out, HasSubstr("t4_review True True 行政复议"));
        EXPECT_THAT(out, HasSubstr("t4_suits True True True 行政诉讼"));
        if (full) {
          EXPECT_THAT(out, HasSubstr("t4_data 119/25/91/24/259/7/0/15/6/28/21/1/7/9/38"));
        } else {
          EXPECT_THAT(out, HasSubstr("t4_data //////////////\n"));
        }
        // Fonts: 仿宋 body, 黑体 headings, 宋体 title, sub-headings and tables; 仿宋_GB2312
        // declared.
        EXPECT_THAT(out, HasSubstr("body_font 仿宋"));
        EXPECT_THAT(out, HasSubstr("font Heading1 黑体"));
        EXPECT_THAT(out, HasSubstr("font Heading2 宋体"));
        EXPECT_THAT(out, HasSubstr("font TableText 宋体"));
        EXPECT_THAT(out, HasSubstr("declared 仿宋 仿宋_GB2312"));
      }
    }
  }
}

}  // namespace
}  // namespace pubtrack::reports
