/* wm-attendance-page.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-case-response.h"

G_BEGIN_DECLS

#define WM_TYPE_ATTENDANCE_PAGE (wm_attendance_page_get_type ())
G_DECLARE_FINAL_TYPE (WmAttendancePage, wm_attendance_page, WM, ATTENDANCE_PAGE, GtkBox)

void        wm_attendance_page_set_pupil    (WmAttendancePage *self,
                                             const char       *database_path,
                                             gint64            pupil_id,
                                             WmDay             as_of);
void        wm_attendance_page_reload       (WmAttendancePage *self);
gboolean    wm_attendance_page_is_busy      (WmAttendancePage *self);
guint       wm_attendance_page_get_n_weeks  (WmAttendancePage *self);
WmDay       wm_attendance_page_get_week     (WmAttendancePage *self,
                                             guint             index);
gint        wm_attendance_page_get_percent  (WmAttendancePage *self,
                                             guint             index);
GtkGrid    *wm_attendance_page_get_grid     (WmAttendancePage *self);
GtkListBox *wm_attendance_page_get_patterns (WmAttendancePage *self);

G_END_DECLS
