/* wm-record-editor.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-store-records.h"

G_BEGIN_DECLS

#define WM_TYPE_RECORD_EDITOR (wm_record_editor_get_type ())
G_DECLARE_FINAL_TYPE (WmRecordEditor, wm_record_editor, WM, RECORD_EDITOR, AdwWindow)

WmRecordEditor *wm_record_editor_new              (const char         *database_path,
                                                   gint64              case_id,
                                                   const WmRecordKind *kind,
                                                   const WmRecord     *record,
                                                   const char         *amend_reason,
                                                   const char         *author);
void            wm_record_editor_save             (WmRecordEditor     *self);
gint64          wm_record_editor_get_record_id    (WmRecordEditor     *self);
gboolean        wm_record_editor_is_saving        (WmRecordEditor     *self);
const char     *wm_record_editor_get_status       (WmRecordEditor     *self);
GtkWidget      *wm_record_editor_get_field_widget (WmRecordEditor     *self,
                                                   const char         *name);
const char     *wm_record_editor_get_field_error  (WmRecordEditor     *self,
                                                   const char         *name);
void            wm_record_editor_add_list_item    (WmRecordEditor     *self,
                                                   const char         *name);
GtkWidget      *wm_record_editor_get_item_widget  (WmRecordEditor     *self,
                                                   const char         *name,
                                                   guint               index,
                                                   const char         *item_name);

G_END_DECLS
