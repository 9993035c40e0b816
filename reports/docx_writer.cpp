// SPDX-License-Identifier: Apache-2.0
// The Word writer: a minimal WordprocessingML package (ECMA-376 transitional) in a store-only ZIP.
// Only the parts Word, WPS and LibreOffice need: content types, package and document
// relationships, document, styles, settings and the core/app properties (and, for the annual
// report, the font table).
//
// A period report keeps its compact layout (18 mm margins, 宋体 text). The annual report
// (Figures::tables set) follows the habits of Chinese official documents (GB/T 9704): A4
// portrait with 37/35/28/26 mm margins, the title in bold 宋体 二号, section headings in 黑体
// 三号, sub-headings in bold 宋体, the body in 仿宋 三号 with a fixed 28 pt line (仿宋_GB2312 is
// declared as its alternative name in word/fontTable.xml, for systems that only have the older
// font), and the tables in 宋体 五号 / 小五. The official tables are real Word tables with merged
// cells (w:gridSpan across, w:vMerge down); 表三 (10 columns) and 表四 (15) stay portrait with
// narrow columns and small text, their header rows repeated on a new page.
#include <algorithm>
#include <string>
#include <vector>

#include "core/strings.h"
#include "reports/narrative.h"
#include "reports/render_model.h"
#include "reports/writers.h"
#include "reports/zip_writer.h"

namespace pubtrack::reports {

namespace {

using detail::xmlEscape;

constexpr const char* kXmlDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr const char* kNsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kNsR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kRelBase =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

// A4 in twentieths of a point, with 18 mm margins (18 mm = 1020.5 twips).
constexpr int kPageW = 11906, kPageH = 16838, kMargin = 1021;
constexpr int kContentW = kPageW - 2 * kMargin;
// The annual report's margins (GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm).
constexpr int kAnnualTop = 2098, kAnnualBottom = 1984, kAnnualLeft = 1587, kAnnualRight = 1474;
constexpr int kAnnualContentW = kPageW - kAnnualLeft - kAnnualRight;

// Text inside <w:t>: escaped, line breaks and tabs as spaces.
std::string runText(std::string_view s) {
  std::string t = xmlEscape(s);
  for (char& c : t)
    if (c == '\n' || c == '\t') c = ' ';
  return t;
}

class DocBody {
 public:
  explicit DocBody(int contentWidth = kContentW) : content_w_(contentWidth) {}

  void paragraph(std::string_view style, std::string_view text, std::string_view extraPPr = {}) {
    xml_ += "<w:p><w:pPr><w:pStyle w:val=\"" + std::string(style) + "\"/>" + std::string(extraPPr) +
            "</w:pPr>";
    if (!text.empty()) xml_ += run(text, false);
    xml_ += "</w:p>";
  }

  void table(const detail::Table& t) {
    paragraph("Caption", t.caption, "<w:keepNext/>");
    const size_t cols = t.header.size();
    std::vector<int> widths(cols, 1);
    int sum = 0;
    for (size_t i = 0; i < cols; ++i) {
      widths[i] = i < t.widths.size() && t.widths[i] > 0 ? t.widths[i] : 10;
      sum += widths[i];
    }
    std::vector<int> tw(cols);
    for (size_t i = 0; i < cols; ++i) tw[i] = content_w_ * widths[i] / sum;

    xml_ +=
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>"
        "<w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" "
        "w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" "
        "w:noVBand=\"1\"/></w:tblPr><w:tblGrid>";
    for (int w : tw) xml_ += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
    xml_ += "</w:tblGrid>";

    xml_ += "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>";
    for (size_t i = 0; i < cols; ++i)
      cell(tw[i], detail::Cell{t.header[i], {}}, "center", true, "E8ECF1");
    xml_ += "</w:tr>";
    for (const auto& row : t.rows) {
      xml_ += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
      for (size_t i = 0; i < cols; ++i) {
        const bool numeric = i < t.numeric.size() && t.numeric[i];
        cell(tw[i], i < row.size() ? row[i] : detail::Cell{}, numeric ? "right" : "left", false,
             "");
      }
      xml_ += "</w:tr>";
    }
    xml_ += "</w:tbl>";
    paragraph("Normal", "");  // Word needs a paragraph between consecutive tables
  }

  // Text the team replaces before publishing: highlighted so that it cannot be missed.
  void placeholder(std::string_view text) {
    xml_ +=
        "<w:p><w:pPr><w:pStyle w:val=\"BodyText\"/></w:pPr><w:r><w:rPr><w:color "
        "w:val=\"C00000\"/><w:highlight w:val=\"yellow\"/></w:rPr><w:t xml:space=\"preserve\">" +
        runText(text) + "</w:t></w:r></w:p>";
  }

  // An official form: merged cells from the model's spans, header rows repeated on a new page.
  void officialTable(const detail::OfficialTable& t) {
    if (!t.note.empty()) paragraph("TableNote", t.note, "<w:keepNext/>");
    const size_t cols = t.widths.size();
    int sum = 0;
    for (int w : t.widths) sum += w > 0 ? w : 1;
    std::vector<int> tw(cols);
    for (size_t i = 0; i < cols; ++i) tw[i] = content_w_ * std::max(1, t.widths[i]) / sum;
    xml_ +=
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>"
        "<w:jc w:val=\"center\"/><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"57\" "
        "w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook "
        "w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" "
        "w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>";
    for (int w : tw) xml_ += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
    xml_ += "</w:tblGrid>";
    const auto grid = detail::gridOf(t);
    for (size_t r = 0; r < grid.size(); ++r) {
      xml_ += "<w:tr><w:trPr><w:cantSplit/>";
      if (static_cast<int>(r) < t.header_rows) xml_ += "<w:tblHeader/>";
      xml_ += "</w:trPr>";
      for (size_t c = 0; c < cols; ++c) {
        const detail::GridSlot& slot = grid[r][c];
        if (slot.cell && !slot.first_col) continue;
        const size_t span =
            slot.cell ? std::min(static_cast<size_t>(slot.cell->col_span), cols - c) : 1;
        int width = 0;
        for (size_t k = c; k < c + span; ++k) width += tw[k];
        formCell(width, span, slot, t, cols, r + 1 < grid.size());
      }
      xml_ += "</w:tr>";
    }
    xml_ += "</w:tbl>";
    paragraph(t.legend.empty() ? "Normal" : "Note", t.legend);
  }

  const std::string& xml() const { return xml_; }
  const std::vector<std::string>& links() const { return links_; }

 private:
  // keepNext on every row but the last keeps the form on one page when it fits (Word's way of
  // keeping a table together).
  void formCell(int width, size_t span, const detail::GridSlot& slot,
                const detail::OfficialTable& t, size_t cols, bool keepNext) {
    const std::string keep = keepNext ? "<w:keepNext/>" : "";
    xml_ += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/>";
    if (span > 1) xml_ += "<w:gridSpan w:val=\"" + std::to_string(span) + "\"/>";
    const detail::FormCell* cell = slot.cell;
    if (cell && cell->row_span > 1)
      xml_ += slot.origin ? "<w:vMerge w:val=\"restart\"/>" : "<w:vMerge/>";
    if (cell && cell->header) xml_ += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F2F2F2\"/>";
    xml_ += "<w:vAlign w:val=\"center\"/></w:tcPr>";
    if (!cell || !slot.origin) {  // a continued vertical merge still needs its paragraph
      xml_ += "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/>" + keep + "</w:pPr></w:p></w:tc>";
      return;
    }
    const bool centred = cell->header || !cell->key.empty() || cell->row_span > 1;
    const bool bold = cell->header && static_cast<size_t>(cell->col_span) == cols;
    const std::string size = std::to_string(t.font_half_points);
    const std::string small = std::to_string(std::max(12, t.font_half_points - 3));
    xml_ += "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/>" + keep + "<w:jc w:val=\"" +
            std::string(centred ? "center" : "left") + "\"/></w:pPr>";
    if (!cell->text.empty()) {
      xml_ += std::string("<w:r><w:rPr>") + (bold ? "<w:b/>" : "") + "<w:sz w:val=\"" + size +
              "\"/><w:szCs w:val=\"" + size + "\"/></w:rPr><w:t xml:space=\"preserve\">" +
              runText(cell->text) + "</w:t></w:r>";
    }
    if (!cell->gloss.empty()) {
      xml_ += "<w:r><w:rPr><w:color w:val=\"595959\"/><w:sz w:val=\"" + small +
              "\"/><w:szCs w:val=\"" + small + "\"/></w:rPr>" +
              (cell->text.empty() ? "" : "<w:br/>") + "<w:t xml:space=\"preserve\">" +
              runText(cell->gloss) + "</w:t></w:r>";
    }
    xml_ += "</w:p></w:tc>";
  }

  std::string run(std::string_view text, bool bold) {
    return std::string("<w:r>") + (bold ? "<w:rPr><w:b/></w:rPr>" : "") +
           "<w:t xml:space=\"preserve\">" + runText(text) + "</w:t></w:r>";
  }

  void cell(int width, const detail::Cell& c, std::string_view align, bool bold,
            std::string_view fill) {
    xml_ += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/>";
    if (!fill.empty())
      xml_ += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"" + std::string(fill) + "\"/>";
    xml_ +=
        "<w:vAlign w:val=\"center\"/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/>"
        "<w:jc w:val=\"" +
        std::string(align) + "\"/></w:pPr>";
    if (!c.text.empty()) {
      if (!c.url.empty()) {
        links_.push_back(c.url);
        xml_ += "<w:hyperlink r:id=\"rIdLink" + std::to_string(links_.size()) +
                "\" w:history=\"1\"><w:r><w:rPr><w:rStyle w:val=\"Hyperlink\"/></w:rPr>"
                "<w:t xml:space=\"preserve\">" +
                runText(c.text) + "</w:t></w:r></w:hyperlink>";
      } else {
        xml_ += run(c.text, bold);
      }
    }
    xml_ += "</w:p></w:tc>";
  }

  int content_w_;
  std::string xml_;
  std::vector<std::string> links_;
};

std::string contentTypes(bool fontTable) {
  return std::string(kXmlDecl) +
         "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
         "<Default Extension=\"rels\" "
         "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
         "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
         "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
         "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
         "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
         "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
         "<Override PartName=\"/word/settings.xml\" ContentType=\"application/"
         "vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>" +
         std::string(fontTable ? "<Override PartName=\"/word/fontTable.xml\" "
                                 "ContentType=\"application/vnd.openxmlformats-officedocument."
                                 "wordprocessingml.fontTable+xml\"/>"
                               : "") +
         "<Override PartName=\"/docProps/core.xml\" "
         "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
         "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/"
         "vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
         "</Types>";
}

std::string packageRels() {
  return std::string(kXmlDecl) +
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"" +
         kRelBase +
         "officeDocument\" Target=\"word/document.xml\"/>"
         "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
         "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
         "<Relationship Id=\"rId3\" Type=\"" +
         kRelBase +
         "extended-properties\" Target=\"docProps/app.xml\"/>"
         "</Relationships>";
}

std::string documentRels(const std::vector<std::string>& links, bool fontTable) {
  std::string x = std::string(kXmlDecl) +
                  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                  "relationships\">"
                  "<Relationship Id=\"rIdStyles\" Type=\"" +
                  kRelBase +
                  "styles\" Target=\"styles.xml\"/>"
                  "<Relationship Id=\"rIdSettings\" Type=\"" +
                  kRelBase + "settings\" Target=\"settings.xml\"/>";
  if (fontTable)
    x += "<Relationship Id=\"rIdFontTable\" Type=\"" + std::string(kRelBase) +
         "fontTable\" Target=\"fontTable.xml\"/>";
  for (size_t i = 0; i < links.size(); ++i) {
    x += "<Relationship Id=\"rIdLink" + std::to_string(i + 1) + "\" Type=\"" + kRelBase +
         "hyperlink\" Target=\"" + xmlEscape(links[i]) + "\" TargetMode=\"External\"/>";
  }
  return x + "</Relationships>";
}

// A paragraph style. Sizes are in half-points; fonts: Latin, East Asian.
std::string paraStyle(std::string_view id, std::string_view name, std::string_view pPr,
                      std::string_view rPr, bool heading = false) {
  return "<w:style w:type=\"paragraph\" w:styleId=\"" + std::string(id) + "\"><w:name w:val=\"" +
         std::string(name) + "\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"" +
         std::string(heading ? "BodyText" : "Normal") + "\"/><w:qFormat/><w:pPr>" +
         std::string(pPr) + "</w:pPr><w:rPr>" + std::string(rPr) + "</w:rPr></w:style>";
}

std::string styles() {
  const std::string hei =
      "<w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"黑体\" w:cs=\"Arial\"/>";
  std::string x = std::string(kXmlDecl) + "<w:styles xmlns:w=\"" + kNsW + "\">" +
                  "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" "
                  "w:hAnsi=\"Times New Roman\" w:eastAsia=\"宋体\" w:cs=\"Times New Roman\"/>"
                  "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/><w:lang w:val=\"en-US\" "
                  "w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
                  "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"360\" "
                  "w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
                  "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
                  "<w:name w:val=\"Normal\"/><w:qFormat/></w:style>";
  x += paraStyle("Title", "Title",
                 "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:jc "
                 "w:val=\"center\"/>",
                 hei + "<w:b/><w:sz w:val=\"36\"/><w:szCs w:val=\"36\"/>");
  x += paraStyle("Subtitle", "Subtitle", "<w:spacing w:after=\"240\"/><w:jc w:val=\"center\"/>",
                 "<w:color w:val=\"595959\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>");
  x += paraStyle("Heading1", "heading 1",
                 "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/>"
                 "<w:outlineLvl w:val=\"0\"/>",
                 hei + "<w:sz w:val=\"30\"/><w:szCs w:val=\"30\"/>", true);
  x += paraStyle("BodyText", "Body Text",
                 "<w:spacing w:after=\"120\" w:line=\"400\" w:lineRule=\"auto\"/>"
                 "<w:ind w:firstLineChars=\"200\" w:firstLine=\"480\"/><w:jc w:val=\"both\"/>",
                 "");
  x += paraStyle("Note", "Note", "<w:spacing w:after=\"120\"/>",
                 "<w:color w:val=\"404040\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>");
  x += paraStyle("Caption", "caption",
                 "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"60\"/><w:jc "
                 "w:val=\"center\"/>",
                 hei + "<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>");
  x += paraStyle("TableText", "Table Text", "<w:spacing w:line=\"260\" w:lineRule=\"auto\"/>",
                 "<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/>");
  x += "<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/>"
       "<w:rPr><w:color w:val=\"1F4E79\"/><w:u w:val=\"single\"/></w:rPr></w:style>";
  x += "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>"
       "<w:tblPr><w:tblBorders>"
       "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
       "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
       "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
       "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
       "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
       "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
       "</w:tblBorders><w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/>"
       "<w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>";
  return x + "</w:styles>";
}

// The annual report's styles: 仿宋 body, 黑体 and 宋体 headings, 宋体 tables (see the top).
std::string annualStyles() {
  auto fonts = [](std::string_view eastAsia) {
    return "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"" +
           std::string(eastAsia) + "\" w:cs=\"Times New Roman\"/>";
  };
  const std::string hei =
      "<w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"黑体\" w:cs=\"Arial\"/>";
  const std::string song = fonts("宋体");
  std::string x = std::string(kXmlDecl) + "<w:styles xmlns:w=\"" + kNsW + "\">" +
                  "<w:docDefaults><w:rPrDefault><w:rPr>" + fonts("仿宋") +
                  "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"en-US\" "
                  "w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
                  "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"560\" "
                  "w:lineRule=\"exact\"/></w:pPr></w:pPrDefault></w:docDefaults>"
                  "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
                  "<w:name w:val=\"Normal\"/><w:qFormat/></w:style>";
  x += paraStyle("Title", "Title",
                 "<w:keepNext/><w:spacing w:before=\"0\" w:after=\"240\" w:line=\"720\" "
                 "w:lineRule=\"exact\"/><w:jc w:val=\"center\"/>",
                 song + "<w:b/><w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/>");
  x += paraStyle("Subtitle", "Subtitle",
                 "<w:spacing w:after=\"240\" w:line=\"360\" w:lineRule=\"auto\"/><w:jc "
                 "w:val=\"center\"/>",
                 "<w:color w:val=\"595959\"/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>");
  x += paraStyle("Heading1", "heading 1",
                 "<w:keepNext/><w:spacing w:before=\"160\" w:after=\"80\"/>"
                 "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>"
                 "<w:outlineLvl w:val=\"0\"/>",
                 hei + "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>", true);
  x += paraStyle("Heading2", "heading 2",
                 "<w:keepNext/><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>"
                 "<w:outlineLvl w:val=\"1\"/>",
                 song + "<w:b/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>", true);
  x += paraStyle("BodyText", "Body Text",
                 "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:jc w:val=\"both\"/>", "");
  x += paraStyle("Note", "Note", "<w:spacing w:after=\"120\" w:line=\"360\" w:lineRule=\"auto\"/>",
                 "<w:color w:val=\"404040\"/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>");
  x += paraStyle("TableNote", "Table Note",
                 "<w:keepNext/><w:spacing w:after=\"60\" w:line=\"360\" w:lineRule=\"auto\"/>"
                 "<w:jc w:val=\"center\"/>",
                 "<w:b/><w:color w:val=\"C00000\"/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>");
  x += paraStyle("Caption", "caption",
                 "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"60\" w:line=\"360\" "
                 "w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>",
                 hei + "<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>");
  x += paraStyle("TableText", "Table Text", "<w:spacing w:line=\"260\" w:lineRule=\"auto\"/>",
                 song + "<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>");
  x += "<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/>"
       "<w:rPr><w:color w:val=\"1F4E79\"/><w:u w:val=\"single\"/></w:rPr></w:style>";
  x += "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>"
       "<w:tblPr><w:tblBorders>"
       "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
       "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
       "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
       "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
       "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
       "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
       "</w:tblBorders><w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/>"
       "<w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>";
  return x + "</w:styles>";
}

// The fonts the annual report names, with their alternative names and GB2312 charset so that a
// missing font is replaced by a similar Chinese one (仿宋_GB2312 for 仿宋 on older systems).
std::string fontTable() {
  auto font = [](std::string_view name, std::string_view alt, std::string_view charset,
                 std::string_view family, std::string_view pitch) {
    return "<w:font w:name=\"" + std::string(name) + "\">" +
           (alt.empty() ? std::string() : "<w:altName w:val=\"" + std::string(alt) + "\"/>") +
           "<w:charset w:val=\"" + std::string(charset) + "\"/><w:family w:val=\"" +
           std::string(family) + "\"/><w:pitch w:val=\"" + std::string(pitch) + "\"/></w:font>";
  };
  return std::string(kXmlDecl) + "<w:fonts xmlns:w=\"" + kNsW + "\">" +
         font("Times New Roman", "", "00", "roman", "variable") +
         font("Arial", "", "00", "swiss", "variable") +
         font("仿宋", "仿宋_GB2312", "86", "modern", "fixed") +
         font("仿宋_GB2312", "仿宋", "86", "modern", "fixed") +
         font("黑体", "SimHei", "86", "modern", "fixed") +
         font("宋体", "SimSun", "86", "auto", "variable") + "</w:fonts>";
}

std::string settings() {
  return std::string(kXmlDecl) + "<w:settings xmlns:w=\"" + kNsW +
         "\"><w:defaultTabStop w:val=\"420\"/><w:characterSpacingControl "
         "w:val=\"compressPunctuation\"/><w:compat><w:compatSetting "
         "w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" "
         "w:val=\"15\"/></w:compat></w:settings>";
}

// "YYYY-MM-DDTHH:MM:SSZ", the only form written to dcterms:created.
bool isW3cUtc(std::string_view s) {
  if (s.size() != 20) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const char want = i == 4 || i == 7     ? '-'
                      : i == 10            ? 'T'
                      : i == 13 || i == 16 ? ':'
                      : i == 19            ? 'Z'
                                           : '0';
    if (want == '0' ? (c < '0' || c > '9') : c != want) return false;
  }
  return true;
}

std::string coreProps(const Figures& f, Lang L) {
  std::string x = std::string(kXmlDecl) +
                  "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
                  "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                  "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
                  "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                  "<dc:title>" +
                  xmlEscape(detail::reportTitle(f, L)) +
                  "</dc:title>"
                  "<dc:creator>pubtrack</dc:creator>";
  if (isW3cUtc(f.generated_at)) {
    x += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + f.generated_at +
         "</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + f.generated_at +
         "</dcterms:modified>";
  }
  return x + "</cp:coreProperties>";
}

std::string appProps() {
  return std::string(kXmlDecl) +
         "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "extended-properties\"><Application>pubtrack</Application></Properties>";
}

}  // namespace

namespace {

// A period report: the narrative, then the sections with tables.
void periodBody(DocBody& body, const Figures& f, const RenderOptions& o) {
  const Lang L = o.lang;
  body.paragraph("Title", detail::reportTitle(f, L));
  body.paragraph("Subtitle", detail::reportSubtitle(f, L));
  const auto paras = narrativeParagraphs(f, L, o.round_threshold);
  if (!paras.empty()) {
    body.paragraph("Heading1", L == Lang::En ? "Summary" : "概述");
    for (const auto& p : paras) body.paragraph("BodyText", p);
  }
  for (const auto& s : detail::buildSections(f, L, o.round_threshold)) {
    body.paragraph("Heading1", s.heading);
    for (const auto& n : s.notes) body.paragraph("Note", n);
    for (const auto& t : s.tables) body.table(t);
  }
}

// The annual report: the six sections with the official tables, then the appendix.
void annualBody(DocBody& body, const Figures& f, const RenderOptions& o) {
  const auto report = detail::buildAnnualReport(f, o.lang, o.round_threshold);
  body.paragraph("Title", report.title);
  body.paragraph("Subtitle", report.subtitle);
  for (const auto& s : report.sections) {
    body.paragraph("Heading1", s.heading);
    for (const auto& p : s.paragraphs) body.paragraph("BodyText", p);
    for (const auto& t : s.topics) {
      body.paragraph("Heading2", t.heading);
      body.placeholder(t.placeholder);
    }
    for (const auto& p : s.placeholders) body.placeholder(p);
    if (s.table) body.officialTable(*s.table);
  }
  if (report.appendix.empty()) return;
  body.paragraph("Heading1", report.appendix_heading, "<w:pageBreakBefore/>");
  for (const auto& s : report.appendix) {
    body.paragraph("Heading2", s.heading);
    for (const auto& n : s.notes) body.paragraph("Note", n);
    for (const auto& t : s.tables) body.table(t);
  }
}

}  // namespace

std::string renderDocx(const Figures& f, const RenderOptions& o) {
  const Lang L = o.lang;
  const bool annual = f.tables.has_value();
  DocBody body(annual ? kAnnualContentW : kContentW);
  if (annual) {
    annualBody(body, f, o);
  } else {
    periodBody(body, f, o);
  }
  const int top = annual ? kAnnualTop : kMargin, bottom = annual ? kAnnualBottom : kMargin;
  const int left = annual ? kAnnualLeft : kMargin, right = annual ? kAnnualRight : kMargin;
  const int header = annual ? 851 : 567, footer = annual ? 992 : 567;

  std::string doc = std::string(kXmlDecl) + "<w:document xmlns:w=\"" + kNsW + "\" xmlns:r=\"" +
                    kNsR + "\"><w:body>" + body.xml();
  doc += "<w:sectPr><w:pgSz w:w=\"" + std::to_string(kPageW) + "\" w:h=\"" +
         std::to_string(kPageH) + "\"/><w:pgMar w:top=\"" + std::to_string(top) + "\" w:right=\"" +
         std::to_string(right) + "\" w:bottom=\"" + std::to_string(bottom) + "\" w:left=\"" +
         std::to_string(left) + "\" w:header=\"" + std::to_string(header) + "\" w:footer=\"" +
         std::to_string(footer) + "\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>";

  ZipWriter zip;
  zip.add("[Content_Types].xml", contentTypes(annual));
  zip.add("_rels/.rels", packageRels());
  zip.add("word/document.xml", std::move(doc));
  zip.add("word/_rels/document.xml.rels", documentRels(body.links(), annual));
  zip.add("word/styles.xml", annual ? annualStyles() : styles());
  zip.add("word/settings.xml", settings());
  if (annual) zip.add("word/fontTable.xml", fontTable());
  zip.add("docProps/core.xml", coreProps(f, L));
  zip.add("docProps/app.xml", appProps());
  return zip.finish();
}

}  // namespace pubtrack::reports
