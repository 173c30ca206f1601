/* wm-attendance.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-codes.h"
#include "wm-rules.h"

G_BEGIN_DECLS

/**
 * WmCounts:
 * @present: sessions present at the register (`/`, `\`, `L`)
 * @approved: approved educational activity (counts as attended)
 * @authorised: authorised absence
 * @unauthorised: unauthorised absence (G, N, O, U)
 * @late_before: `L`, late before the register closed (also in @present)
 * @late_after: `U`, late after the register closed (also in @unauthorised)
 * @not_possible: sessions whose code makes them not possible, including
 *   `Z` and `#`
 * @unmarked: sessions the school held, in the pupil's span, with no code
 *
 * Session counts over some period of one pupil's register. Attendance is
 * counted in sessions, never in days.
 */
typedef struct
{
  guint present;
  guint approved;
  guint authorised;
  guint unauthorised;
  guint late_before;
  guint late_after;
  guint not_possible;
  guint unmarked;
} WmCounts;

/**
 * WM_LEVEL_NULL:
 *
 * The level value when there is nothing to place a pupil by: no possible
 * session in the window. Shown as null in the command-line output.
 */
#define WM_LEVEL_NULL (-1)

/* A percentage value meaning "no figure" because nothing was possible. */
#define WM_PERCENT_NULL (-1)

void   wm_counts_add_mark          (WmCounts      *counts,
                                    WmMark         mark,
                                    WmDay          day);
guint  wm_counts_attended          (const WmCounts *counts);
guint  wm_counts_possible          (const WmCounts *counts);

gint   wm_percent_tenths           (guint          attended,
                                    guint          possible);
char  *wm_percent_format           (gint           tenths);
gint   wm_level_for                (guint          attended,
                                    guint          possible,
                                    const WmRules *rules);
gboolean wm_is_persistent_absence  (guint          attended,
                                    guint          possible);
gboolean wm_is_severe_absence      (guint          attended,
                                    guint          possible);

G_END_DECLS
