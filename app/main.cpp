// SPDX-License-Identifier: Apache-2.0
// pubtrack's entry point: libcurl's global state lives here, everything else in runCli.
#include <malloc.h>

#include <iostream>

#include "app/cli.h"
#include "net/curl_global.h"

int main(int argc, char** argv) {
  // Feed bodies, parsed items and SQLite pages are allocated and freed by the megabyte in a
  // collect. glibc would hand each block over 128 kB to mmap and back, and the page faults of
  // touching them again cost more than parsing them: keep such blocks in the heap instead.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  const pubtrack::net::CurlGlobal curl;
  const int rc = pubtrack::app::runCli(argc, argv, std::cout, std::cerr);
  std::cout.flush();
  return rc;
}
