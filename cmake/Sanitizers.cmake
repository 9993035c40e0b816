# SPDX-License-Identifier: Apache-2.0
# ASan + UBSan for every target when PUBTRACK_SANITIZE is on (CI and the dev preset).
if(PUBTRACK_SANITIZE)
  target_compile_options(pubtrack_build INTERFACE -fsanitize=address,undefined
    -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(pubtrack_build INTERFACE -fsanitize=address,undefined)
endif()
