/* wm-holidays.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-date.h"

G_BEGIN_DECLS

/**
 * WmHolidays:
 *
 * A set of days on which offices are closed: England's bank holidays from
 * the table Waymark ships, and any extra closure days added to it. A
 * working day is a weekday that is not in the set. School holidays are not
 * closure days for this purpose: legal periods run through them.
 *
 * The reference count is atomic, so a set can be shared with a worker
 * thread once it is built; adding days is not thread-safe.
 */
typedef struct _WmHolidays WmHolidays;

/* The years the shipped table of England's bank holidays covers. */
#define WM_HOLIDAYS_ENGLAND_FIRST_YEAR 2018
#define WM_HOLIDAYS_ENGLAND_LAST_YEAR 2030

WmHolidays *wm_holidays_new                (void);
WmHolidays *wm_holidays_new_england        (void);
WmHolidays *wm_holidays_ref                (WmHolidays       *holidays);
void        wm_holidays_unref              (WmHolidays       *holidays);
void        wm_holidays_add                (WmHolidays       *holidays,
                                            WmDay             day);
gboolean    wm_holidays_contains           (const WmHolidays *holidays,
                                            WmDay             day);
const char *wm_holidays_get_name           (const WmHolidays *holidays,
                                            WmDay             day);
guint       wm_holidays_n_days             (const WmHolidays *holidays);
gboolean    wm_holidays_covers             (const WmHolidays *holidays,
                                            WmDay             day);
gboolean    wm_holidays_is_working_day     (const WmHolidays *holidays,
                                            WmDay             day);
WmDay       wm_holidays_add_working_days   (const WmHolidays *holidays,
                                            WmDay             day,
                                            guint             n_days);
WmDay       wm_easter_sunday               (guint             year);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmHolidays, wm_holidays_unref)

G_END_DECLS
