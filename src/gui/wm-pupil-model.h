/* wm-pupil-model.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wm-pupil-object.h"

G_BEGIN_DECLS

#define WM_TYPE_PUPIL_MODEL (wm_pupil_model_get_type ())
G_DECLARE_FINAL_TYPE (WmPupilModel, wm_pupil_model, WM, PUPIL_MODEL, GObject)

/**
 * WmPupilMatchFunc:
 * @pupil: the pupil to check
 * @user_data: the data given to wm_pupil_model_new()
 *
 * Returns: whether the pupil is shown
 */
typedef gboolean (*WmPupilMatchFunc) (WmPupilObject *pupil,
                                      gpointer       user_data);

WmPupilModel  *wm_pupil_model_new            (GCompareDataFunc  compare,
                                              WmPupilMatchFunc  match,
                                              gpointer          user_data);
void           wm_pupil_model_set_pupils     (WmPupilModel     *self,
                                              GPtrArray        *pupils);
gboolean       wm_pupil_model_update_pupils  (WmPupilModel     *self,
                                              GPtrArray        *pupils);
void           wm_pupil_model_resort         (WmPupilModel     *self);
void           wm_pupil_model_refilter       (WmPupilModel     *self,
                                              GtkFilterChange   change);
guint          wm_pupil_model_get_n_pupils   (WmPupilModel     *self);
WmPupilObject *wm_pupil_model_get_pupil      (WmPupilModel     *self,
                                              guint             index);
WmPupilObject *wm_pupil_model_lookup         (WmPupilModel     *self,
                                              gint64            pupil_id);
guint          wm_pupil_model_find_shown     (WmPupilModel     *self,
                                              gint64            pupil_id);
void           wm_pupil_model_set_current    (WmPupilModel     *self,
                                              gint64            pupil_id);
gint64         wm_pupil_model_get_current    (WmPupilModel     *self);

G_END_DECLS
