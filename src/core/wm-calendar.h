/* wm-calendar.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-date.h"

G_BEGIN_DECLS

/**
 * WmCalendar:
 *
 * The sessions one school held, as a set of (day, session) pairs. From an
 * import, a session was held when any pupil of the school has a mark other
 * than `#` for it; an unmarked session is not a mark.
 *
 * A school week is a Monday-to-Sunday week in which the school held at
 * least one session on or before the as-of date. Holidays and closures are
 * skipped rather than counted, which is how the national penalty framework
 * counts weeks.
 */
typedef struct _WmCalendar WmCalendar;

WmCalendar *wm_calendar_new                 (void);
WmCalendar *wm_calendar_ref                 (WmCalendar       *calendar);
void        wm_calendar_unref               (WmCalendar       *calendar);
void        wm_calendar_add_held            (WmCalendar       *calendar,
                                             WmDay             day,
                                             WmSession         session);
gboolean    wm_calendar_is_held             (const WmCalendar *calendar,
                                             WmDay             day,
                                             WmSession         session);
guint       wm_calendar_n_held              (const WmCalendar *calendar);
WmDay       wm_calendar_first_day           (const WmCalendar *calendar);
WmDay       wm_calendar_last_day            (const WmCalendar *calendar);
gboolean    wm_calendar_last_held_on_or_before (const WmCalendar *calendar,
                                             WmDay             as_of,
                                             WmDay            *out_day,
                                             WmSession        *out_session);
guint       wm_calendar_school_weeks        (const WmCalendar *calendar,
                                             WmDay             as_of,
                                             guint             max_weeks,
                                             WmDay            *out_mondays);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmCalendar, wm_calendar_unref)

G_END_DECLS
