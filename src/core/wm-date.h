/* wm-date.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Calendar dates are handled as GDate Julian day numbers (day 1 is
 * 1 January of year 1), never as timestamps, so that a change of time zone
 * or of daylight-saving time cannot move a date. A register session is a
 * day number and AM or PM; its index is day * 2 + session, which orders
 * sessions in time.
 */

typedef guint32 WmDay;

typedef enum
{
  WM_SESSION_AM = 0,
  WM_SESSION_PM = 1,
} WmSession;

#define WM_DAY_NONE ((WmDay) 0)

WmDay        wm_day_from_ymd            (guint            year,
                                         guint            month,
                                         guint            day);
WmDay        wm_day_from_iso            (const char      *text);
gboolean     wm_day_parse_iso           (const char      *text,
                                         WmDay           *out_day);
char        *wm_day_to_iso              (WmDay            day);
void         wm_day_to_iso_buf          (WmDay            day,
                                         char             buf[11]);
GDateWeekday wm_day_weekday             (WmDay            day);
WmDay        wm_day_monday              (WmDay            day);
gboolean     wm_day_is_weekend          (WmDay            day);
guint        wm_day_year                (WmDay            day);
guint        wm_day_month               (WmDay            day);
guint        wm_day_of_month            (WmDay            day);
WmDay        wm_day_academic_year_start (WmDay            day);
guint        wm_day_academic_year       (WmDay            day);
WmDay        wm_day_today               (void);
char        *wm_day_format_long         (WmDay            day);
char        *wm_day_range_format        (WmDay            first,
                                         WmDay            last);

static inline guint32
wm_session_index (WmDay     day,
                  WmSession session)
{
  return day * 2 + (guint32) session;
}

G_END_DECLS
