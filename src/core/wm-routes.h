/* wm-routes.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-calendar.h"
#include "wm-register.h"
#include "wm-response-rules.h"
#include "wm-rules.h"
#include "wm-terms.h"

G_BEGIN_DECLS

/**
 * WmThresholdResult:
 * @as_of: the evaluation date
 * @needed: the unauthorised sessions that meet the threshold
 * @window_weeks: the school weeks of the rolling period found, at most the
 *   rule value; fewer early in the school's data
 * @window_start: the Monday of the earliest of those weeks, or
 *   %WM_DAY_NONE when the school held no session on or before @as_of
 * @count: the G, N, O and U sessions from @window_start to @as_of, leaving
 *   out sessions already used by an issued penalty notice
 * @excluded: the G, N, O and U sessions in the same period left out
 *   because an issued penalty notice used them
 * @met: whether @count reaches @needed
 * @first_met: the first day of the current run of days on which the
 *   threshold was met, or %WM_DAY_NONE when it is not met on @as_of
 *
 * The national penalty threshold as of a date: 10 sessions of
 * unauthorised absence (G, N, O, U, in any mix) within a rolling period of
 * 10 school weeks by default.
 */
typedef struct
{
  WmDay    as_of;
  guint    needed;
  guint    window_weeks;
  WmDay    window_start;
  guint    count;
  guint    excluded;
  gboolean met;
  WmDay    first_met;
} WmThresholdResult;

/**
 * WmLeaveRefusedResult:
 * @request: the dates of the refused leave request
 * @as_of: the evaluation date
 * @needed: the unauthorised sessions that make a case for a penalty
 *   notice
 * @count: the G, N, O and U sessions inside @request on or before @as_of,
 *   leaving out sessions already used by an issued penalty notice
 * @excluded: the G, N, O and U sessions in the same days left out because
 *   an issued penalty notice used them
 * @met: whether @count reaches @needed
 * @met_on: the day of the session that brought @count to @needed, or
 *   %WM_DAY_NONE
 *
 * The leave-refused route: a pupil absent anyway after a leave-of-absence
 * request was refused.
 */
typedef struct
{
  WmDayRange request;
  WmDay      as_of;
  guint      needed;
  guint      count;
  guint      excluded;
  gboolean   met;
  WmDay      met_on;
} WmLeaveRefusedResult;

void  wm_threshold_evaluate       (const WmRegister          *reg,
                                   const WmCalendar          *calendar,
                                   WmDay                      as_of,
                                   const WmRules             *rules,
                                   const WmDayRange          *used,
                                   guint                      n_used,
                                   WmThresholdResult         *out);
char *wm_threshold_describe       (const WmThresholdResult   *result);

void  wm_leave_refused_evaluate   (const WmRegister          *reg,
                                   const WmDayRange          *request,
                                   WmDay                      as_of,
                                   const WmResponseRules     *rules,
                                   const WmDayRange          *used,
                                   guint                      n_used,
                                   WmLeaveRefusedResult      *out);
char *wm_leave_refused_describe   (const WmLeaveRefusedResult *result);

G_END_DECLS
