/* wm-evaluation.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-attendance.h"
#include "wm-calendar.h"
#include "wm-register.h"
#include "wm-rules.h"

G_BEGIN_DECLS

/**
 * WmEvaluation:
 * @as_of: the evaluation date
 * @window_start: the Monday of the earliest of the last school weeks in
 *   the level window, or %WM_DAY_NONE when the school held no session on
 *   or before @as_of
 * @window_end: the last session day the school held on or before @as_of,
 *   or %WM_DAY_NONE
 * @window_weeks: how many school weeks the window has (at most the rule
 *   value; fewer early in the school's data)
 * @window: the counts over the window
 * @attended: attended sessions in the window
 * @possible: marked possible sessions in the window
 * @unmarked: sessions in the window with no mark
 * @percent_tenths: floor (1000 * attended / possible), or
 *   %WM_PERCENT_NULL when @possible is 0
 * @range_low_tenths: with gaps, floor (1000 * a / (p + g)), every gap an
 *   absence; equal to @percent_tenths when nothing is unmarked
 * @range_high_tenths: with gaps, floor (1000 * (a + g) / (p + g)), every
 *   gap present
 * @level: the band of (a + g) / (p + g), 0 for none, 1 to 3, or
 *   %WM_LEVEL_NULL when p + g is 0
 * @level_high: the band of a / (p + g); equals @level when nothing is
 *   unmarked
 * @threshold_start: the Monday the penalty-threshold period starts
 * @unauthorised_threshold_weeks: G, N, O and U sessions in the last
 *   threshold-window school weeks (10 by default)
 * @ytd: counts from 1 September of the school year containing @as_of up to
 *   @as_of
 * @ytd_attended: attended sessions in the year to date
 * @ytd_possible: possible sessions in the year to date
 * @persistent_absence: 10% or more of the year's possible sessions missed
 * @severe_absence: 50% or more missed (also persistent)
 *
 * The level and figures of one pupil as of a date. Every figure comes
 * with the counts behind it, so that an officer can check it.
 */
typedef struct
{
  WmDay    as_of;

  WmDay    window_start;
  WmDay    window_end;
  guint    window_weeks;
  WmCounts window;
  guint    attended;
  guint    possible;
  guint    unmarked;
  gint     percent_tenths;
  gint     range_low_tenths;
  gint     range_high_tenths;
  gint     level;
  gint     level_high;

  WmDay    threshold_start;
  guint    unauthorised_threshold_weeks;

  WmCounts ytd;
  guint    ytd_attended;
  guint    ytd_possible;
  gboolean persistent_absence;
  gboolean severe_absence;
} WmEvaluation;

void  wm_evaluate              (const WmRegister *reg,
                                const WmCalendar *calendar,
                                WmDay             as_of,
                                const WmRules    *rules,
                                WmEvaluation     *out);
char *wm_evaluation_describe   (const WmEvaluation *evaluation);
char *wm_level_describe        (gint               level,
                                gint               level_high);

G_END_DECLS
