/* wm-terms.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-calendar.h"
#include "wm-holidays.h"

G_BEGIN_DECLS

/**
 * WmDayRange:
 * @first: the first day of the range
 * @last: the last day of the range, on or after @first
 *
 * An inclusive range of calendar days, such as a term, a refused leave
 * request or the sessions a penalty notice was issued for.
 */
typedef struct
{
  WmDay first;
  WmDay last;
} WmDayRange;

gboolean wm_day_range_contains   (const WmDayRange *ranges,
                                  guint             n_ranges,
                                  WmDay             day);
void     wm_terms_add_to_calendar (WmCalendar      *calendar,
                                  WmDay             first,
                                  WmDay             last,
                                  const WmHolidays *closures);

G_END_DECLS
