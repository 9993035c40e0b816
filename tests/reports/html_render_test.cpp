// SPDX-License-Identifier: Apache-2.0
// Renders the HTML report in headless Chromium (Debian's `chromium`) and checks the PDF.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <optional>

#include "reports/writers.h"
#include "tests/reports/sample_figures.h"
#include "tests/support/temp_dir.h"

namespace pubtrack::reports {
namespace {

std::optional<std::filesystem::path> findChromium() {
  for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
    if (std::filesystem::exists(p)) return std::filesystem::path(p);
  return std::nullopt;
}

// Runs chromium headless with everything that could reach the network switched off.
fakes::ProcessResult runChromium(const std::filesystem::path& exe, const fakes::TempDir& dir,
                                 const std::string& action, const std::filesystem::path& html) {
  return fakes::runProcess(
      {exe.string(), "--headless", "--no-sandbox", "--disable-gpu",
       "--disable-background-networking", "--disable-component-update", "--disable-sync",
       "--no-first-run", "--disable-default-apps", "--no-pdf-header-footer",
       "--user-data-dir=" + (dir / "profile").string(), action, "file://" + html.string()},
      dir.path());
}

TEST(HtmlRenderTest, PrintsToPdfInHeadlessChromium) {
  const auto chromium = findChromium();
  if (!chromium) GTEST_SKIP() << "chromium not installed (apt-get install chromium)";
  fakes::TempDir dir;
  const auto html = dir / "report.html";
  fakes::writeFile(html, renderHtml(fakes::largeFigures(), {}));
  const auto pdf = dir / "report.pdf";
  const auto r = runChromium(*chromium, dir, "--print-to-pdf=" + pdf.string(), html);
  ASSERT_TRUE(std::filesystem::exists(pdf)) << "exit " << r.exit_code << "\n" << r.err;
  const std::string bytes = fakes::readFile(pdf);
  EXPECT_EQ(bytes.substr(0, 5), "%PDF-");
  EXPECT_GT(bytes.size(), 20'000u);
  // A4 pages (595 x 842 pt), several of them: the large report does not fit on one.
  size_t pages = 0;
  for (size_t p = bytes.find("/MediaBox [0 0 59"); p != std::string::npos;
       p = bytes.find("/MediaBox [0 0 59", p + 1))
    ++pages;
  EXPECT_GE(pages, 2u);
}

}  // namespace
}  // namespace pubtrack::reports
