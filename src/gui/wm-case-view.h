/* wm-case-view.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wm-pupil-object.h"
#include "wm-store.h"

G_BEGIN_DECLS

#define WM_TYPE_CASE_VIEW (wm_case_view_get_type ())
G_DECLARE_FINAL_TYPE (WmCaseView, wm_case_view, WM, CASE_VIEW, GtkBox)

GtkWidget  *wm_case_view_new           (WmStore       *store,
                                        WmPupilObject *pupil);
void        wm_case_view_set_pupil     (WmCaseView    *self,
                                        WmPupilObject *pupil);
gint64      wm_case_view_get_pupil_id  (WmCaseView    *self);
const char *wm_case_view_get_title     (WmCaseView    *self);
GListModel *wm_case_view_get_timeline  (WmCaseView    *self);
GtkListBox *wm_case_view_get_people    (WmCaseView    *self);

G_END_DECLS
