/* wm-today-view.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-date.h"

G_BEGIN_DECLS

/**
 * WmTodaySection:
 * @WM_TODAY_SAFEGUARDING: pupils with a safeguarding concern
 * @WM_TODAY_LEGAL: legal deadlines due today or overdue
 * @WM_TODAY_REVIEWS: reviews and agreed actions due today or overdue
 * @WM_TODAY_THRESHOLD: the penalty threshold newly met
 * @WM_TODAY_LEVEL_3: pupils newly at Level 3
 * @WM_TODAY_N_SECTIONS: the number of sections
 *
 * The sections of the Today view, in the order they are shown.
 */
typedef enum
{
  WM_TODAY_SAFEGUARDING,
  WM_TODAY_LEGAL,
  WM_TODAY_REVIEWS,
  WM_TODAY_THRESHOLD,
  WM_TODAY_LEVEL_3,
  WM_TODAY_N_SECTIONS,
} WmTodaySection;

#define WM_TYPE_TODAY_VIEW (wm_today_view_get_type ())
G_DECLARE_FINAL_TYPE (WmTodayView, wm_today_view, WM, TODAY_VIEW, GtkBox)

void        wm_today_view_set_database      (WmTodayView    *self,
                                             const char     *database_path);
void        wm_today_view_set_as_of         (WmTodayView    *self,
                                             WmDay           as_of);
void        wm_today_view_reload            (WmTodayView    *self);
gboolean    wm_today_view_is_busy           (WmTodayView    *self);
GtkListBox *wm_today_view_get_rows          (WmTodayView    *self,
                                             WmTodaySection  section);
guint       wm_today_view_get_n_notified    (WmTodayView    *self);

G_END_DECLS
