/* wm-readiness.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-response.h"

G_BEGIN_DECLS

void wm_readiness_compute (const WmResponseInput *input,
                           WmResponse            *response);

G_END_DECLS
