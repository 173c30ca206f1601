/* wm-patterns.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-calendar.h"
#include "wm-register.h"
#include "wm-response-rules.h"

G_BEGIN_DECLS

/**
 * WmPatternKind:
 * @WM_PATTERN_WEEKDAY: absence concentrated on one weekday, or on one
 *   session of it (Friday afternoons)
 * @WM_PATTERN_NEXT_TO_HOLIDAY: absence on the school days just before or
 *   just after a day or more of closure
 * @WM_PATTERN_END_OF_TERM: absence on the last school days before a
 *   holiday of a week or more
 * @WM_PATTERN_ABSENCE_RUNS: runs of consecutive absent sessions
 * @WM_PATTERN_LATENESS: lateness before (`L`) and after (`U`) the register
 *   closes, with its trend
 * @WM_PATTERN_N_NOT_REPLACED: `N` codes still on the register after the
 *   school days allowed to replace them
 * @WM_PATTERN_MISSING_EDUCATION: unauthorised absence on enough
 *   consecutive school days that the school must notify the local
 *   authority
 *
 * The kinds of attendance pattern an officer looks for.
 */
typedef enum
{
  WM_PATTERN_WEEKDAY,
  WM_PATTERN_NEXT_TO_HOLIDAY,
  WM_PATTERN_END_OF_TERM,
  WM_PATTERN_ABSENCE_RUNS,
  WM_PATTERN_LATENESS,
  WM_PATTERN_N_NOT_REPLACED,
  WM_PATTERN_MISSING_EDUCATION,
} WmPatternKind;

/* The WmPattern.session value of a pattern over whole days. */
#define WM_PATTERN_WHOLE_DAY (-1)

/**
 * WmAbsenceRun:
 * @first_day: the day of the run's first session
 * @first_session: the run's first session
 * @last_day: the day of the run's last session
 * @last_session: the run's last session
 * @n_sessions: the absent sessions in the run
 * @n_days: the school days the run touches
 * @last_attended: the last day before the run on which the pupil
 *   attended a session, or %WM_DAY_NONE when the register shows none
 * @gap_days: calendar days from @last_attended to @first_day, or 0
 *
 * A run of consecutive absence. Days on which the school held no session
 * do not break a run; a session attended, or one with no mark, does.
 */
typedef struct
{
  WmDay     first_day;
  WmSession first_session;
  WmDay     last_day;
  WmSession last_session;
  guint     n_sessions;
  guint     n_days;
  WmDay     last_attended;
  guint     gap_days;
} WmAbsenceRun;

/**
 * WmPattern:
 * @kind: the kind of pattern
 * @weekday: for %WM_PATTERN_WEEKDAY, the weekday; otherwise
 *   %G_DATE_BAD_WEEKDAY
 * @session: for %WM_PATTERN_WEEKDAY, the #WmSession the pattern is in, or
 *   %WM_PATTERN_WHOLE_DAY; otherwise %WM_PATTERN_WHOLE_DAY
 * @count: the sessions that show the pattern, which are absent sessions,
 *   late sessions in the last 4 school weeks, or sessions still coded `N`.
 *   For %WM_PATTERN_ABSENCE_RUNS and %WM_PATTERN_MISSING_EDUCATION it is
 *   the number of runs.
 * @out_of: the possible sessions @count is counted among, or 0 where that
 *   means nothing
 * @unauthorised: of @count, the unauthorised sessions; 0 for the kinds
 *   that count runs
 * @rest_count: absent sessions outside the pattern, for comparison
 * @rest_out_of: possible sessions outside the pattern
 * @late_before: `L` sessions in the last 4 school weeks
 * @late_after: `U` sessions in the last 4 school weeks
 * @previous_late: `L` and `U` sessions in the 4 school weeks before those
 * @previous_weeks: how many of those earlier school weeks exist, 0 to 4
 * @first: the first day of the period the pattern was looked for in
 * @last: the last day of that period
 * @days: (element-type WmDay): the days behind the pattern, oldest first
 * @runs: (element-type WmAbsenceRun) (nullable): for
 *   %WM_PATTERN_ABSENCE_RUNS and %WM_PATTERN_MISSING_EDUCATION, the runs
 * @sentence: the pattern in words an officer can check against the
 *   register
 *
 * One attendance pattern found in a pupil's register.
 */
typedef struct
{
  WmPatternKind kind;
  GDateWeekday  weekday;
  gint          session;
  guint         count;
  guint         out_of;
  guint         unauthorised;
  guint         rest_count;
  guint         rest_out_of;
  guint         late_before;
  guint         late_after;
  guint         previous_late;
  guint         previous_weeks;
  WmDay         first;
  WmDay         last;
  GArray       *days;
  GArray       *runs;
  char         *sentence;
} WmPattern;

void       wm_pattern_free   (WmPattern              *pattern);
GPtrArray *wm_patterns_find  (const WmRegister       *reg,
                              const WmCalendar       *calendar,
                              WmDay                   first,
                              WmDay                   as_of,
                              const WmResponseRules  *rules);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmPattern, wm_pattern_free)

G_END_DECLS
