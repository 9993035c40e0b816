// SPDX-License-Identifier: Apache-2.0
// Checks of the written documents shared by the writer tests of both documents: the HTML
// report's self-containment, the Markdown tables' shape.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <string>

namespace pubtrack::fakes {

// Every http(s) occurrence must be a link the reader clicks, never something the page loads.
inline void expectSelfContained(const std::string& html) {
  EXPECT_THAT(html, ::testing::HasSubstr(
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                        "'none'; style-src 'unsafe-inline'; img-src data:"));
  for (const char* bad : {"<script", "<link", "<iframe", "<img", "<object", "<embed", "@import",
                          "url(", "<base", "javascript:"}) {
    EXPECT_THAT(html, ::testing::Not(::testing::HasSubstr(bad))) << bad;
  }
  // Every '<' in the page starts a real tag (text is escaped). Only <a> may carry a URL, in href.
  const std::regex tag("<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), tag); it != std::sregex_iterator();
       ++it) {
    const std::string name = (*it)[1], attrs = (*it)[2];
    for (const char* attr : {" src=", "srcset=", "xlink:href", "poster=", "action=", " data="})
      EXPECT_EQ(attrs.find(attr), std::string::npos) << (*it)[0];
    if (name != "a") {
      EXPECT_EQ(attrs.find("href"), std::string::npos) << (*it)[0];
    }
  }
  for (const char* scheme : {"http://", "https://"}) {
    for (size_t pos = html.find(scheme); pos != std::string::npos;
         pos = html.find(scheme, pos + 1)) {
      ASSERT_GE(pos, 6u);
      EXPECT_EQ(html.substr(pos - 6, 6), "href=\"") << html.substr(pos - 40, 80);
    }
  }
}

// Every Markdown table row has as many cells (unescaped pipes) as its header row.
inline void expectMarkdownTablesRectangular(const std::string& md) {
  std::istringstream in(md);
  std::string line;
  size_t cols = 0;
  while (std::getline(in, line)) {
    if (line.rfind("| ", 0) != 0) {
      cols = 0;
      continue;
    }
    size_t pipes = 0;
    for (size_t i = 0; i < line.size(); ++i)
      if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++pipes;
    if (cols == 0) cols = pipes;
    EXPECT_EQ(pipes, cols) << line;
  }
}

}  // namespace pubtrack::fakes
