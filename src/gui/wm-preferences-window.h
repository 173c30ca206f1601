/* wm-preferences-window.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-window.h"

G_BEGIN_DECLS

#define WM_TYPE_PREFERENCES_WINDOW (wm_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (WmPreferencesWindow, wm_preferences_window, WM, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

WmPreferencesWindow *wm_preferences_window_new              (WmWindow            *window);
GtkWidget           *wm_preferences_window_get_rule_row     (WmPreferencesWindow *self,
                                                             const char          *key);
const char          *wm_preferences_window_get_rule_message (WmPreferencesWindow *self,
                                                             const char          *key);
void                 wm_preferences_window_select_school    (WmPreferencesWindow *self,
                                                             gint64               school_id);
void                 wm_preferences_window_back_up_now      (WmPreferencesWindow *self);
void                 wm_preferences_window_restore          (WmPreferencesWindow *self,
                                                             GFile               *backup);
gboolean             wm_preferences_window_is_busy          (WmPreferencesWindow *self);
void                 wm_preferences_window_select_calendar_school (WmPreferencesWindow *self,
                                                                   gint64               school_id);
GtkWidget           *wm_preferences_window_get_calendar_field (WmPreferencesWindow *self,
                                                               const char          *field);
const char          *wm_preferences_window_get_calendar_message (WmPreferencesWindow *self);
guint                wm_preferences_window_get_calendar_n_rows (WmPreferencesWindow *self);
void                 wm_preferences_window_select_schools_school (WmPreferencesWindow *self,
                                                                  gint64               school_id);
GtkWidget           *wm_preferences_window_get_schools_field (WmPreferencesWindow *self,
                                                              const char          *field);
const char          *wm_preferences_window_get_schools_message (WmPreferencesWindow *self);

G_END_DECLS
