/* wm-pupil-object.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "wm-store.h"

G_BEGIN_DECLS

/* A register that ends more than this many days before the evaluation
 * date is old, and the list and the case show it, because the level then
 * describes weeks long past. Two weeks is longer than a half-term break.
 * Over the Christmas and summer holidays the notice shows too, which is
 * still true: the level is from the weeks before the break. */
#define WM_OLD_DATA_DAYS 14

#define WM_TYPE_PUPIL_OBJECT (wm_pupil_object_get_type ())
G_DECLARE_FINAL_TYPE (WmPupilObject, wm_pupil_object, WM, PUPIL_OBJECT, GObject)

WmPupilObject        *wm_pupil_object_new             (WmPupilSummary *summary);
const WmPupilSummary *wm_pupil_object_get_summary     (WmPupilObject  *self);
gint64                wm_pupil_object_get_id          (WmPupilObject  *self);
gint64                wm_pupil_object_get_school_id   (WmPupilObject  *self);
const char           *wm_pupil_object_get_name        (WmPupilObject  *self);
const char           *wm_pupil_object_get_sort_key    (WmPupilObject  *self);
const char           *wm_pupil_object_get_level_text  (WmPupilObject  *self);
const char * const   *wm_pupil_object_get_level_css_classes (WmPupilObject *self);
const char           *wm_pupil_object_get_percent_text (WmPupilObject *self);
const char           *wm_pupil_object_get_level_description (WmPupilObject *self);
gboolean              wm_pupil_object_has_old_data    (WmPupilObject  *self);
const char           *wm_pupil_object_get_data_end_text (WmPupilObject *self);
char                 *wm_pupil_object_describe_old_data (WmPupilObject *self);
gboolean              wm_pupil_object_is_placed       (WmPupilObject  *self);
gboolean              wm_pupil_object_has_level       (WmPupilObject  *self,
                                                       gint            level);
gboolean              wm_pupil_object_has_safeguarding (WmPupilObject *self);

char                 *wm_level_badge_text             (gint            level,
                                                       gint            level_high);
const char           *wm_level_badge_css_class        (gint            level,
                                                       gint            level_high);

G_END_DECLS
