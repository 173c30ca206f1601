/* wm-record-viewer.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-store-records.h"

G_BEGIN_DECLS

#define WM_TYPE_RECORD_VIEWER (wm_record_viewer_get_type ())
G_DECLARE_FINAL_TYPE (WmRecordViewer, wm_record_viewer, WM, RECORD_VIEWER, AdwWindow)

WmRecordViewer *wm_record_viewer_new            (WmStore        *store,
                                                 gint64          record_id,
                                                 GError        **error);
gint64          wm_record_viewer_get_record_id  (WmRecordViewer *self);
void            wm_record_viewer_show_revision  (WmRecordViewer *self,
                                                 guint           revision);
void            wm_record_viewer_amend          (WmRecordViewer *self,
                                                 const char     *reason);
void            wm_record_viewer_delete         (WmRecordViewer *self);
void            wm_record_viewer_send_letters   (WmRecordViewer *self,
                                                 const char     *officer_phone);
AdwMessageDialog *wm_record_viewer_present_send_letters (WmRecordViewer *self);
const char     *wm_record_viewer_get_school_phone (WmRecordViewer *self);

G_END_DECLS
