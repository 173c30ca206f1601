/* wm-cli-private.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-cli.h"
#include "wm-store.h"

G_BEGIN_DECLS

int _wm_cli_export_bundle   (WmStore            *store,
                             const WmCliOptions *options,
                             WmDay               as_of);

/* wm-cli-privacy.c */
int _wm_cli_export_case      (WmStore            *store,
                              const WmCliOptions *options);
int _wm_cli_retention_review (WmStore            *store,
                              WmDay               as_of);

G_END_DECLS
