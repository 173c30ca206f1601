/* wm-rules.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * WmRules:
 * @level1_floor_tenths: the lowest attendance of Level 1, in tenths of a
 *   percent (default 900, so exactly 90.0% is Level 1)
 * @level2_floor_tenths: the lowest attendance of Level 2, in tenths of a
 *   percent (default 800); anything below is Level 3
 * @level_window_weeks: how many school weeks the level looks back over
 *   (default 4); the toolkit says "over four weeks" without defining weeks
 * @threshold_window_weeks: the school weeks of the national penalty
 *   threshold's rolling period (default 10)
 * @threshold_sessions: the unauthorised sessions (G, N, O, U) that meet the
 *   penalty threshold within that period (default 10)
 *
 * The rule values that decide a pupil's level. They change legal outcomes
 * and differ between local authorities, so they are kept in the database
 * (per school where they differ), never in per-user settings.
 */
typedef struct
{
  guint level1_floor_tenths;
  guint level2_floor_tenths;
  guint level_window_weeks;
  guint threshold_window_weeks;
  guint threshold_sessions;
} WmRules;

#define WM_RULE_LEVEL1_FLOOR "level1-floor-tenths"
#define WM_RULE_LEVEL2_FLOOR "level2-floor-tenths"
#define WM_RULE_LEVEL_WINDOW "level-window-weeks"
#define WM_RULE_THRESHOLD_WINDOW "threshold-window-weeks"
#define WM_RULE_THRESHOLD_SESSIONS "threshold-sessions"

void     wm_rules_init_defaults (WmRules       *rules);
gboolean wm_rules_set           (WmRules       *rules,
                                 const char    *key,
                                 gint64         value,
                                 GError       **error);
gboolean wm_rules_validate      (const WmRules *rules,
                                 GError       **error);

G_END_DECLS
