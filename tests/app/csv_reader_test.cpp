// SPDX-License-Identifier: Apache-2.0
// parseCsv: quoting, CRLF, BOM, embedded newlines with the right line numbers, and errors that
// name the file and line (field count, not UTF-8, unterminated quotes).
#include "app/csv_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"

namespace pubtrack::app {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(CsvReaderTest, ReadsHeaderAndRowsWithLineNumbers) {
  auto t = parseCsv(" Kind ,DATE,title\ninterview,2019-05-20,访谈\nconsultation,2019-03-15,征集\n",
                    "ledger.csv");
  ASSERT_TRUE(t) << t.error().describe();
  EXPECT_THAT(t->header, ElementsAre("kind", "date", "title"));
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0].line, 2);
  EXPECT_THAT(t->rows[0].fields, ElementsAre("interview", "2019-05-20", "访谈"));
  EXPECT_EQ(t->rows[1].line, 3);
}

TEST(CsvReaderTest, ParsesQuotedFields) {
  struct Case {
    const char* name;
    std::string row;
    std::vector<std::string> fields;
  };
  const Case cases[] = {
      {"comma inside quotes", "\"a,b\",c", {"a,b", "c"}},
      {"doubled quote", "\"say \"\"hi\"\"\",x", {"say \"hi\"", "x"}},
      {"empty quoted field", "\"\",x", {"", "x"}},
      {"empty fields", ",", {"", ""}},
      {"spaces kept", " a , b ", {" a ", " b "}},
      {"cjk in quotes", "\"《方案》，意见\",征集", {"《方案》，意见", "征集"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto t = parseCsv("h1,h2\n" + c.row + "\n", "x.csv");
    ASSERT_TRUE(t) << t.error().describe();
    ASSERT_EQ(t->rows.size(), 1u);
    EXPECT_EQ(t->rows[0].fields, c.fields);
  }
}

TEST(CsvReaderTest, AcceptsCrlfBomAndAMissingFinalNewline) {
  auto t = parseCsv("\xEF\xBB\xBFkind,date\r\ninterview,2019-05-20\r\nlawsuit,2019-06-01", "x.csv");
  ASSERT_TRUE(t) << t.error().describe();
  EXPECT_THAT(t->header, ElementsAre("kind", "date"));
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_THAT(t->rows[0].fields, ElementsAre("interview", "2019-05-20"));
  EXPECT_THAT(t->rows[1].fields, ElementsAre("lawsuit", "2019-06-01"));
  EXPECT_EQ(t->rows[1].line, 3);
}

TEST(CsvReaderTest, EmbeddedNewlinesKeepLaterLineNumbersRight) {
  auto t = parseCsv("a,b\n1,\"two\nlines\"\n2,\"three\r\nmore\nlines\"\n\n3,x\n", "x.csv");
  ASSERT_TRUE(t) << t.error().describe();
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(t->rows[0].line, 2);
  EXPECT_EQ(t->rows[0].fields[1], "two\nlines");
  EXPECT_EQ(t->rows[1].line, 4);
  EXPECT_THAT(t->rows[1].fields[1], HasSubstr("more\nlines"));
  EXPECT_EQ(t->rows[2].line, 8);  // after a blank line
  EXPECT_THAT(t->rows[2].fields, ElementsAre("3", "x"));
}

TEST(CsvReaderTest, ErrorsNameTheFileAndLine) {
  struct Case {
    const char* name;
    std::string text;
    std::string message;
  };
  const Case cases[] = {
      {"too few fields", "a,b\n1,2\n3\n", "ledger.csv: line 3: expected 2 fields, got 1"},
      {"too many fields", "a,b\n1,2,3\n", "ledger.csv: line 2: expected 2 fields, got 3"},
      {"field count after an embedded newline", "a,b\n\"x\ny\",1\n3\n",
       "ledger.csv: line 4: expected 2 fields, got 1"},
      {"not utf-8", "a\nok\n\xC4\xE3\xBA\xC3\n", "ledger.csv: line 3: not UTF-8"},
      {"not utf-8 after a bom",
       "\xEF\xBB\xBF"
       "a\n\xFF\n",
       "ledger.csv: line 2: not UTF-8"},
      {"unterminated quote", "a\nok\n\"abc\nmore\n", "ledger.csv: line 3: unterminated quoted"},
      {"quote inside an unquoted field", "a\nab\"c\n", "ledger.csv: line 2: a quote inside"},
      {"empty file", "", "ledger.csv: line 1: empty file"},
      {"only a bom and blank lines", "\xEF\xBB\xBF\n\r\n", "ledger.csv: line 1: empty file"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto t = parseCsv(c.text, "ledger.csv");
    ASSERT_FALSE(t);
    EXPECT_THAT(t.error().describe(), HasSubstr(c.message));
  }
}

TEST(CsvReaderTest, ReadsFilesAndNamesAMissingOne) {
  fakes::TempDir dir;
  fakes::writeFile(dir / "in.csv", "kind,date\r\ninterview,2019-05-20\r\n");
  auto t = readCsvFile((dir / "in.csv").string());
  ASSERT_TRUE(t) << t.error().describe();
  EXPECT_EQ(t->rows.size(), 1u);
  auto missing = readCsvFile((dir / "nope.csv").string());
  ASSERT_FALSE(missing);
  EXPECT_THAT(missing.error().describe(), HasSubstr("nope.csv"));
}

}  // namespace
}  // namespace pubtrack::app
