/* wm-subject-access.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "wm-store.h"

G_BEGIN_DECLS

/**
 * WmWithhold:
 * @WM_WITHHOLD_NONE: disclose everything held
 * @WM_WITHHOLD_HEALTH: leave out health records (healthcare plans)
 * @WM_WITHHOLD_SAFEGUARDING: leave out restricted safeguarding records
 *
 * The classes a subject access export leaves out. Each record left out
 * is replaced by a placeholder that names the class withheld.
 */
typedef enum
{
  WM_WITHHOLD_NONE         = 0,
  WM_WITHHOLD_HEALTH       = 1 << 0,
  WM_WITHHOLD_SAFEGUARDING = 1 << 1,
} WmWithhold;

/* The value of the export's "format" member. */
#define WM_SUBJECT_ACCESS_FORMAT "waymark-subject-access-1"

gboolean  wm_withhold_parse          (const char   *list,
                                      WmWithhold   *out_withhold,
                                      GError      **error);
char     *wm_withhold_to_string      (WmWithhold    withhold);

JsonNode *wm_subject_access_build    (WmStore      *store,
                                      gint64        pupil_id,
                                      WmWithhold    withhold,
                                      GError      **error);
gboolean  wm_subject_access_export   (WmStore      *store,
                                      gint64        pupil_id,
                                      WmWithhold    withhold,
                                      const char   *path,
                                      GError      **error);

G_END_DECLS
