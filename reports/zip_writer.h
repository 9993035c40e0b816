// SPDX-License-Identifier: Apache-2.0
// A minimal store-only (no compression) ZIP writer with its own CRC-32, enough for .docx files.
// Entries get a fixed 1980-01-01 timestamp so that the same input gives the same bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pubtrack::reports {

// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as ZIP uses it.
uint32_t crc32(std::string_view data, uint32_t crc = 0);

class ZipWriter {
 public:
  // Adds one file; `name` is an ASCII path with '/' separators. Entries are written in the
  // order added (a .docx wants [Content_Types].xml first). Sizes must stay under 4 GiB.
  void add(std::string name, std::string data);
  // The finished archive: local headers and data, central directory, end record.
  std::string finish() const;

 private:
  struct Entry {
    std::string name, data;
    uint32_t crc = 0;
  };
  std::vector<Entry> entries_;
};

}  // namespace pubtrack::reports
