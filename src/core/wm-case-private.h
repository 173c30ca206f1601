/* wm-case-private.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-case.h"
#include "wm-store-private.h"

G_BEGIN_DECLS

/* wm-case-timeline.c: the case's history on the pupil's Timeline. */

gboolean    _wm_case_timeline_add_events   (WmStore    *store,
                                            gint64      pupil_id,
                                            GPtrArray  *entries,
                                            GError    **error);

G_END_DECLS
