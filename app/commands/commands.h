// SPDX-License-Identifier: Apache-2.0
// One function per command; the table that names them is in registry.cpp.
#pragma once

#include "app/cli.h"

namespace pubtrack::app::cmd {

int init(Context& ctx, const Args& args);
int configCheck(Context& ctx, const Args& args);
int status(Context& ctx, const Args& args);
int version(Context& ctx, const Args& args);
int runsList(Context& ctx, const Args& args);

}  // namespace pubtrack::app::cmd
