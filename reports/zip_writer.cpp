// SPDX-License-Identifier: Apache-2.0
// Store-only ZIP writing (PKWARE APPNOTE 6.3: local headers, central directory, EOCD).
#include "reports/zip_writer.h"

#include <array>
#include <stdexcept>

namespace pubtrack::reports {

namespace {

constexpr std::array<uint32_t, 256> makeCrcTable() {
  std::array<uint32_t, 256> t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    t[i] = c;
  }
  return t;
}
constexpr std::array<uint32_t, 256> kCrcTable = makeCrcTable();

void put16(std::string& out, uint32_t v) {
  out += static_cast<char>(v & 0xFFu);
  out += static_cast<char>((v >> 8) & 0xFFu);
}
void put32(std::string& out, uint32_t v) {
  put16(out, v & 0xFFFFu);
  put16(out, v >> 16);
}

constexpr uint32_t kDosTime = 0;                           // 00:00:00
constexpr uint32_t kDosDate = (0u << 9) | (1u << 5) | 1u;  // 1980-01-01
constexpr uint32_t kVersion = 20;                          // 2.0: stored entries, folders

}  // namespace

uint32_t crc32(std::string_view data, uint32_t crc) {
  crc = ~crc;
  for (char ch : data) crc = kCrcTable[(crc ^ static_cast<unsigned char>(ch)) & 0xFFu] ^ (crc >> 8);
  return ~crc;
}

void ZipWriter::add(std::string name, std::string data) {
  if (name.size() > 0xFFFF || data.size() > 0xFFFFFFFEu)
    throw std::length_error("zip entry too large: " + name);
  const uint32_t crc = crc32(data);
  entries_.push_back(Entry{std::move(name), std::move(data), crc});
}

std::string ZipWriter::finish() const {
  std::string out, central;
  for (const auto& e : entries_) {
    const auto offset = static_cast<uint32_t>(out.size());
    const auto size = static_cast<uint32_t>(e.data.size());
    const auto nameLen = static_cast<uint32_t>(e.name.size());
    put32(out, 0x04034b50u);  // local file header
    put16(out, kVersion);
    put16(out, 0);  // flags
    put16(out, 0);  // method: stored
    put16(out, kDosTime);
    put16(out, kDosDate);
    put32(out, e.crc);
    put32(out, size);  // compressed size
    put32(out, size);  // uncompressed size
    put16(out, nameLen);
    put16(out, 0);  // extra field length
    out += e.name;
    out += e.data;

    put32(central, 0x02014b50u);  // central directory header
    put16(central, kVersion);     // made by: MS-DOS, 2.0
    put16(central, kVersion);     // needed to extract
    put16(central, 0);
    put16(central, 0);
    put16(central, kDosTime);
    put16(central, kDosDate);
    put32(central, e.crc);
    put32(central, size);
    put32(central, size);
    put16(central, nameLen);
    put16(central, 0);  // extra
    put16(central, 0);  // comment
    put16(central, 0);  // disk number
    put16(central, 0);  // internal attributes
    put32(central, 0);  // external attributes
    put32(central, offset);
    central += e.name;
  }
  const auto cdOffset = static_cast<uint32_t>(out.size());
  const auto cdSize = static_cast<uint32_t>(central.size());
  out += central;
  const auto count = static_cast<uint32_t>(entries_.size());
  put32(out, 0x06054b50u);  // end of central directory
  put16(out, 0);
  put16(out, 0);
  put16(out, count);
  put16(out, count);
  put32(out, cdSize);
  put32(out, cdOffset);
  put16(out, 0);  // comment length
  return out;
}

}  // namespace pubtrack::reports
