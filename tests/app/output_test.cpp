// SPDX-License-Identifier: Apache-2.0
// Listing output: JSON is an array of objects, CSV quotes, tables align CJK text.
#include "app/output.h"

#include <gtest/gtest.h>

#include <sstream>

namespace pubtrack::app {
namespace {

Table sample() {
  Table t;
  t.columns = {"id", "title", "note"};
  t.rows.push_back({Cell::num(1), Cell::str("深圳\"国资\""), Cell::none()});
  t.rows.push_back({Cell::num(22), Cell::str("a,b"), Cell::str("<x>")});
  return t;
}

TEST(OutputTest, JsonIsOneArrayOfObjects) {
  std::ostringstream o;
  render(sample(), Format::Json, o);
  EXPECT_EQ(o.str(),
            "[\n {\"id\": 1, \"title\": \"深圳\\\"国资\\\"\", \"note\": null},\n"
            " {\"id\": 22, \"title\": \"a,b\", \"note\": \"\\u003cx\\u003e\"}\n]\n");
  std::ostringstream empty;
  render(Table{{"a"}, {}}, Format::Json, empty);
  EXPECT_EQ(empty.str(), "[]\n");
}

TEST(OutputTest, CsvQuotesWhereNeeded) {
  std::ostringstream o;
  render(sample(), Format::Csv, o);
  EXPECT_EQ(o.str(), "id,title,note\r\n1,\"深圳\"\"国资\"\"\",\r\n22,\"a,b\",<x>\r\n");
}

TEST(OutputTest, TableAlignsWideCharacters) {
  std::ostringstream o;
  render(sample(), Format::Table, o);
  EXPECT_EQ(o.str(),
            "id  title       note\n"
            " 1  深圳\"国资\"  -\n"
            "22  a,b         <x>\n");
}

}  // namespace
}  // namespace pubtrack::app
