/* wm-timeline-object.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "wm-store.h"

G_BEGIN_DECLS

#define WM_TYPE_TIMELINE_OBJECT (wm_timeline_object_get_type ())
G_DECLARE_FINAL_TYPE (WmTimelineObject, wm_timeline_object, WM, TIMELINE_OBJECT, GObject)

WmTimelineObject *wm_timeline_object_new          (const WmTimelineEntry *entry);
WmDay             wm_timeline_object_get_day      (WmTimelineObject      *self);
const char       *wm_timeline_object_get_kind     (WmTimelineObject      *self);
const char       *wm_timeline_object_get_title    (WmTimelineObject      *self);
const char       *wm_timeline_object_get_detail   (WmTimelineObject      *self);
const char       *wm_timeline_object_get_recorded_at (WmTimelineObject   *self);
gint64            wm_timeline_object_get_object_id (WmTimelineObject     *self);
gboolean          wm_timeline_object_get_amended  (WmTimelineObject      *self);
gboolean          wm_timeline_object_get_out_of_date (WmTimelineObject   *self);
void              wm_timeline_object_set_out_of_date (WmTimelineObject   *self,
                                                      const char         *reason);

G_END_DECLS
