/* wm-pupil-row.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wm-pupil-object.h"

G_BEGIN_DECLS

#define WM_TYPE_PUPIL_ROW (wm_pupil_row_get_type ())
G_DECLARE_FINAL_TYPE (WmPupilRow, wm_pupil_row, WM, PUPIL_ROW, GtkWidget)

GtkWidget     *wm_pupil_row_new        (void);
void           wm_pupil_row_set_pupil  (WmPupilRow    *self,
                                        WmPupilObject *pupil);
WmPupilObject *wm_pupil_row_get_pupil  (WmPupilRow    *self);
char          *wm_pupil_row_get_text   (WmPupilRow    *self);

G_END_DECLS
