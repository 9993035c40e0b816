// SPDX-License-Identifier: Apache-2.0
// fuzz_write_config_seed FILE: writes config::templateIni() to FILE (a seed for fuzz_config).
#include <cstdio>
#include <fstream>

#include "config/settings.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fuzz_write_config_seed FILE\n");
    return 2;
  }
  std::ofstream out(argv[1], std::ios::binary);
  out << pubtrack::config::templateIni();
  return out.good() ? 0 : 1;
}
