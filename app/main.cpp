// SPDX-License-Identifier: Apache-2.0
// pubtrack's entry point: libcurl's global state lives here, everything else in runCli.
#include <iostream>

#include "app/cli.h"
#include "net/curl_global.h"

int main(int argc, char** argv) {
  const pubtrack::net::CurlGlobal curl;
  const int rc = pubtrack::app::runCli(argc, argv, std::cout, std::cerr);
  std::cout.flush();
  return rc;
}
