/* wm-application.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WM_TYPE_APPLICATION (wm_application_get_type ())
G_DECLARE_FINAL_TYPE (WmApplication, wm_application, WM, APPLICATION, AdwApplication)

WmApplication *wm_application_new                (void);
char          *wm_application_dup_database_path  (WmApplication *self);
void           wm_application_set_database_path  (WmApplication *self,
                                                  const char    *path);
GSettings     *wm_application_get_settings       (WmApplication *self);

G_END_DECLS
