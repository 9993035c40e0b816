// SPDX-License-Identifier: Apache-2.0
// The .docx writer: ZIP structure and CRCs checked by an independent reader, the package parts,
// escaping, and a read-back with Debian's python3-docx when it is installed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <optional>

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

}  // namespace
}  // namespace pubtrack::reports
