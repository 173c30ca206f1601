/* wm-terms.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-terms.h"

/**
 * wm_day_range_contains:
 * @ranges: (array length=n_ranges) (nullable): inclusive day ranges
 * @n_ranges: the number of ranges
 * @day: a day number
 *
 * Returns: whether any of @ranges contains @day
 */
gboolean
wm_day_range_contains (const WmDayRange *ranges,
                       guint             n_ranges,
                       WmDay             day)
{
  g_return_val_if_fail (ranges != NULL || n_ranges == 0, FALSE);

  for (guint i = 0; i < n_ranges; i++)
    if (day >= ranges[i].first && day <= ranges[i].last)
      return TRUE;

  return FALSE;
}

/**
 * wm_terms_add_to_calendar:
 * @calendar: the calendar of the sessions a school holds
 * @first: the first day of a term, or of the part of a term between
 *   holidays
 * @last: the last day of that term or part
 * @closures: (nullable): days on which the school is closed, such as bank
 *   holidays and training days
 *
 * Adds the sessions a school will hold in a term to @calendar: both
 * sessions of every Monday to Friday from @first to @last, except the days
 * in @closures. A calendar built this way knows future school weeks, which
 * periods counted in school weeks need; a calendar built from imported
 * registers knows only the past. Add a term with a half term in it as two
 * parts, one on each side of the half term.
 */
void
wm_terms_add_to_calendar (WmCalendar       *calendar,
                          WmDay             first,
                          WmDay             last,
                          const WmHolidays *closures)
{
  g_return_if_fail (calendar != NULL);
  g_return_if_fail (first != WM_DAY_NONE);
  g_return_if_fail (first <= last);

  for (WmDay day = first; day <= last; day++)
    {
      if (wm_day_is_weekend (day))
        continue;
      if (closures != NULL && wm_holidays_contains (closures, day))
        continue;

      wm_calendar_add_held (calendar, day, WM_SESSION_AM);
      wm_calendar_add_held (calendar, day, WM_SESSION_PM);
    }
}
