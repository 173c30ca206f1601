/* wm-deadlines.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-calendar.h"
#include "wm-holidays.h"
#include "wm-response-rules.h"
#include "wm-terms.h"

G_BEGIN_DECLS

/**
 * WmServiceMethod:
 * @WM_SERVICE_POSTED: sent by post; received after the service rule's
 *   working days
 * @WM_SERVICE_HANDED: handed to the parent in person; received that day
 *
 * How a notice reached the parent.
 */
typedef enum
{
  WM_SERVICE_POSTED,
  WM_SERVICE_HANDED,
} WmServiceMethod;

/**
 * WmPenaltyDeadlines:
 * @method: how the notice was served
 * @sent: the day the notice was posted or handed over
 * @received: the day the notice counts as received, day 1 of both periods
 * @reduced_days: the length of the reduced-amount period in days
 * @reduced_last_day: the last day on which the reduced amount may be paid
 * @full_days: the length of the full-amount period in days
 * @full_last_day: the last day on which the full amount may be paid;
 *   after it the case goes to prosecution
 * @outside_holiday_table: %TRUE when finding @received used a day that the
 *   shipped bank holiday table does not cover, so @received may be wrong
 *
 * The payment periods of one penalty notice. Both periods run from the day
 * the notice is received, count that day as day 1, and run through
 * weekends, bank holidays and school holidays alike.
 */
typedef struct
{
  WmServiceMethod method;
  WmDay           sent;
  WmDay           received;
  guint           reduced_days;
  WmDay           reduced_last_day;
  guint           full_days;
  WmDay           full_last_day;
  gboolean        outside_holiday_table;
} WmPenaltyDeadlines;

/* The longest Notice to Improve period the rule values allow, in weeks. */
#define WM_IMPROVEMENT_MAX_WEEKS 13

/**
 * WmImprovementPeriod:
 * @basis: whether the weeks were counted as school or calendar weeks
 * @received: the day the Notice to Improve was received
 * @n_weeks: the length of the period in weeks
 * @week_mondays: (array length=n_weeks): the Monday of each week of the
 *   period, oldest first
 * @last_day: the last day of the period
 * @review: the review day, the day after @last_day
 * @assumed_first: the first day of the period whose school days come
 *   from a generated term pattern rather than entered or imported
 *   dates, or %WM_DAY_NONE when there is none
 * @assumed_last: the last such day, or %WM_DAY_NONE
 *
 * The improvement period of a Notice to Improve. The week of receipt is
 * week 1; the period ends at the end of the day before the receipt's
 * weekday in week @n_weeks + 1, and the review falls on that weekday.
 */
typedef struct
{
  WmPeriodBasis basis;
  WmDay         received;
  guint         n_weeks;
  WmDay         week_mondays[WM_IMPROVEMENT_MAX_WEEKS];
  WmDay         last_day;
  WmDay         review;
  WmDay         assumed_first;
  WmDay         assumed_last;
} WmImprovementPeriod;

WmDay       wm_period_last_day             (WmDay                  first,
                                            guint                  n_days);
WmDay       wm_penalty_received_day        (WmDay                  sent,
                                            WmServiceMethod        method,
                                            const WmHolidays      *holidays,
                                            const WmResponseRules *rules);
void        wm_penalty_deadlines_compute   (WmDay                  sent,
                                            WmServiceMethod        method,
                                            const WmHolidays      *holidays,
                                            const WmResponseRules *rules,
                                            WmPenaltyDeadlines    *out);
char       *wm_penalty_deadlines_describe  (const WmPenaltyDeadlines *deadlines,
                                            const WmResponseRules *rules,
                                            gboolean               reduced_rate);

gboolean    wm_improvement_period_compute  (WmDay                  received,
                                            guint                  n_weeks,
                                            const WmCalendar      *calendar,
                                            const WmResponseRules *rules,
                                            WmImprovementPeriod   *out,
                                            GError               **error);
void        wm_improvement_period_note_assumed (WmImprovementPeriod *period,
                                            const WmDayRange      *assumed,
                                            guint                  n_assumed);
const char *wm_period_basis_label          (WmPeriodBasis          basis);
char       *wm_improvement_period_describe (const WmImprovementPeriod *period);

char       *wm_day_format_weekday          (WmDay                  day);

G_END_DECLS
