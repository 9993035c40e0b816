// SPDX-License-Identifier: Apache-2.0
// pubtrack's entry point: libcurl's global state lives here, everything else in runCli.
#include <curl/curl.h>

#include <iostream>

#include "app/cli.h"

int main(int argc, char** argv) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  const int rc = pubtrack::app::runCli(argc, argv, std::cout, std::cerr);
  std::cout.flush();
  curl_global_cleanup();
  return rc;
}
