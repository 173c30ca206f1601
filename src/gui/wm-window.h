/* wm-window.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-pupil-list.h"

G_BEGIN_DECLS

#define WM_TYPE_WINDOW (wm_window_get_type ())
G_DECLARE_FINAL_TYPE (WmWindow, wm_window, WM, WINDOW, AdwApplicationWindow)

WmWindow    *wm_window_new                (GtkApplication *application,
                                           const char     *database_path);
const char  *wm_window_get_database_path  (WmWindow       *self);
void         wm_window_import_file        (WmWindow       *self,
                                           GFile          *file);
gboolean     wm_window_is_busy            (WmWindow       *self);
void         wm_window_open_pupil         (WmWindow       *self,
                                           gint64          pupil_id);
WmPupilList *wm_window_get_pupil_list     (WmWindow       *self);
AdwTabView  *wm_window_get_tab_view       (WmWindow       *self);

G_END_DECLS
