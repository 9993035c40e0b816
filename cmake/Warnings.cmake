# SPDX-License-Identifier: Apache-2.0
# Every pubtrack target links pubtrack_build PRIVATE: warnings, and -Werror when asked.
add_library(pubtrack_build INTERFACE)
target_compile_options(pubtrack_build INTERFACE -Wall -Wextra -Wshadow -Wpedantic
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
  $<$<BOOL:${PUBTRACK_WERROR}>:-Werror>)
