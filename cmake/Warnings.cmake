# SPDX-License-Identifier: Apache-2.0
# Every pubtrack target links pubtrack_build PRIVATE: warnings, and -Werror when asked.
add_library(pubtrack_build INTERFACE)
target_compile_options(pubtrack_build INTERFACE -Wall -Wextra -Wshadow -Wpedantic -Wconversion
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
  $<$<BOOL:${PUBTRACK_WERROR}>:-Werror>
  # GCC 12 reports -Wrestrict false positives inside std::string at -O2 (GCC bug 105329).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
