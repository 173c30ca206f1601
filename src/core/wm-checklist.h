/* wm-checklist.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-response.h"

G_BEGIN_DECLS

GPtrArray *wm_checklist_build (const WmResponseInput *input,
                               const WmResponse      *response);

G_END_DECLS
