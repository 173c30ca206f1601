/* wm-patterns-private.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between the files that find attendance patterns.
 */

#pragma once

#include "wm-patterns.h"

G_BEGIN_DECLS

/* What one session of a pupil's register shows for patterns. */
typedef enum
{
  WM_SLOT_NONE,          /* no session for the pupil */
  WM_SLOT_UNMARKED,      /* held by the school, but no code */
  WM_SLOT_ATTENDED,      /* present or approved activity */
  WM_SLOT_AUTHORISED,
  WM_SLOT_UNAUTHORISED,
  WM_SLOT_NOT_POSSIBLE,  /* not a possible session, including `Z` and `#` */
} WmSlot;

WmSlot     _wm_patterns_classify        (const WmRegister *reg,
                                         const WmCalendar *calendar,
                                         WmDay             day,
                                         WmSession         session);
gboolean   _wm_patterns_is_school_day   (const WmCalendar *calendar,
                                         WmDay             day);
WmPattern *_wm_pattern_new              (WmPatternKind     kind,
                                         WmDay             first,
                                         WmDay             last);
void       _wm_patterns_append_days     (GString          *text,
                                         const GArray     *days);
void       _wm_patterns_find_runs       (const WmRegister *reg,
                                         const WmCalendar *calendar,
                                         WmDay             first,
                                         WmDay             as_of,
                                         GPtrArray        *patterns);
void       _wm_patterns_find_missing_education (const WmRegister      *reg,
                                         const WmCalendar      *calendar,
                                         WmDay                  first,
                                         WmDay                  as_of,
                                         const WmResponseRules *rules,
                                         GPtrArray             *patterns);

G_END_DECLS
