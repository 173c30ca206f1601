/* wm-case-bar.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-store.h"

G_BEGIN_DECLS

#define WM_TYPE_CASE_BAR (wm_case_bar_get_type ())
G_DECLARE_FINAL_TYPE (WmCaseBar, wm_case_bar, WM, CASE_BAR, GtkBox)

void        wm_case_bar_set_pupil        (WmCaseBar  *self,
                                          WmStore    *store,
                                          gint64      pupil_id);
void        wm_case_bar_reload           (WmCaseBar  *self);
gint64      wm_case_bar_get_case_id      (WmCaseBar  *self);
const char *wm_case_bar_get_status_text  (WmCaseBar  *self);
gboolean    wm_case_bar_get_concern_shown (WmCaseBar *self);
gboolean    wm_case_bar_is_busy          (WmCaseBar  *self);
void        wm_case_bar_open_case        (WmCaseBar  *self,
                                          WmDay       opened_on,
                                          const char *reason,
                                          const char *lead_officer);
void        wm_case_bar_close_case       (WmCaseBar  *self,
                                          WmDay       closed_on,
                                          const char *reason);
void        wm_case_bar_reopen_case      (WmCaseBar  *self,
                                          WmDay       reopened_on,
                                          const char *reason);
void        wm_case_bar_allocate_case    (WmCaseBar  *self,
                                          WmDay       from_day,
                                          const char *officer);
AdwMessageDialog *wm_case_bar_present_allocate (WmCaseBar *self);

G_END_DECLS
