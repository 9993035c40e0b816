// SPDX-License-Identifier: Apache-2.0
// Table rendering for listing commands.
#include "app/output.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/strings.h"

namespace pubtrack::app {

std::optional<Format> parseFormat(std::string_view text) {
  if (text == "table") return Format::Table;
  if (text == "json") return Format::Json;
  if (text == "csv") return Format::Csv;
  return std::nullopt;
}

namespace {

// Display width: CJK characters take two columns in a terminal.
size_t displayWidth(std::string_view s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++w, ++i;
    } else {
      const size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      w += n >= 3 ? 2 : 1;
      i += n;
    }
  }
  return w;
}

std::string oneLine(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return s;
}

}  // namespace

void render(const Table& t, Format format, std::ostream& out) {
  switch (format) {
    case Format::Json: {
      out << "[";
      for (size_t r = 0; r < t.rows.size(); ++r) {
        out << (r ? ",\n " : "\n ") << "{";
        for (size_t c = 0; c < t.columns.size(); ++c) {
          const Cell& cell = t.rows[r][c];
          out << (c ? ", " : "") << core::jsonString(t.columns[c]) << ": ";
          if (cell.null)
            out << "null";
          else if (cell.number)
            out << cell.text;
          else
            out << core::jsonString(cell.text);
        }
        out << "}";
      }
      out << (t.rows.empty() ? "]\n" : "\n]\n");
      return;
    }
    case Format::Csv: {
      for (size_t c = 0; c < t.columns.size(); ++c) out << (c ? "," : "") << t.columns[c];
      out << "\r\n";
      for (const auto& row : t.rows) {
        for (size_t c = 0; c < row.size(); ++c)
          out << (c ? "," : "") << (row[c].number ? row[c].text : core::csvField(row[c].text));
        out << "\r\n";
      }
      return;
    }
    case Format::Table: {
      std::vector<size_t> w(t.columns.size());
      for (size_t c = 0; c < t.columns.size(); ++c) w[c] = displayWidth(t.columns[c]);
      std::vector<std::vector<std::string>> text;
      for (const auto& row : t.rows) {
        std::vector<std::string> line;
        for (size_t c = 0; c < row.size(); ++c) {
          std::string s = row[c].null ? "-" : oneLine(row[c].text);
          if (displayWidth(s) > 60) {
            // Cut at a character boundary, keeping the width readable.
            size_t i = 0, width = 0;
            while (i < s.size() && width < 57) {
              const auto ch = static_cast<unsigned char>(s[i]);
              const size_t n = ch < 0x80 ? 1 : ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : 2;
              width += n >= 3 ? 2 : 1;
              i += n;
            }
            s = s.substr(0, i) + "...";
          }
          w[c] = std::max(w[c], displayWidth(s));
          line.push_back(std::move(s));
        }
        text.push_back(std::move(line));
      }
      auto emit = [&](const std::vector<std::string>& cells, const std::vector<Cell>* kinds) {
        std::string line;
        for (size_t c = 0; c < cells.size(); ++c) {
          const size_t pad = w[c] - displayWidth(cells[c]);
          const bool right = kinds && (*kinds)[c].number;
          if (c) line += "  ";
          if (right) line += std::string(pad, ' ');
          line += cells[c];
          if (!right && c + 1 < cells.size()) line += std::string(pad, ' ');
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out << line << "\n";
      };
      emit(t.columns, nullptr);
      for (size_t r = 0; r < text.size(); ++r) emit(text[r], &t.rows[r]);
      if (t.rows.empty()) out << "(none)\n";
      return;
    }
  }
}

std::string writeFileAtomically(const std::string& path, std::string_view bytes) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    f.close();
    if (!f) return path + ": cannot be written";
  }
  ::chmod(tmp.c_str(), 0640);
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  return ec ? path + ": " + ec.message() : std::string();
}

}  // namespace pubtrack::app
