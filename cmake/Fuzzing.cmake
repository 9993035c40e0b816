# SPDX-License-Identifier: Apache-2.0
# libFuzzer builds (PUBTRACK_FUZZ, clang only): every pubtrack library gets fuzzer coverage
# instrumentation plus ASan + UBSan; fuzz/ links the targets with -fsanitize=fuzzer.
if(PUBTRACK_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "PUBTRACK_FUZZ needs clang (configure a separate build dir with "
                        "CC=clang CXX=clang++); the compiler is ${CMAKE_CXX_COMPILER_ID}")
  endif()
  target_compile_options(pubtrack_build INTERFACE -fsanitize=fuzzer-no-link,address,undefined
    -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  # Executables other than the fuzz targets (if someone builds them here) still need the runtimes.
  target_link_options(pubtrack_build INTERFACE -fsanitize=address,undefined)
endif()
