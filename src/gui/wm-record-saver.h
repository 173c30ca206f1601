/* wm-record-saver.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * WmRecordSaveMode:
 * @WM_RECORD_SAVE_DRAFT: save the values as a draft
 * @WM_RECORD_SAVE_FINAL: save the values as a draft, then finalise it
 * @WM_RECORD_SAVE_AMEND: add a revision to a finalised record
 * @WM_RECORD_SAVE_DELETE: delete a record, reversibly
 * @WM_RECORD_SAVE_RESTORE: bring a deleted record back
 *
 * What a save in a worker thread does.
 */
typedef enum
{
  WM_RECORD_SAVE_DRAFT,
  WM_RECORD_SAVE_FINAL,
  WM_RECORD_SAVE_AMEND,
  WM_RECORD_SAVE_DELETE,
  WM_RECORD_SAVE_RESTORE,
} WmRecordSaveMode;

void     wm_record_saver_run_async  (const char           *database_path,
                                     WmRecordSaveMode      mode,
                                     gint64                case_id,
                                     gint64                record_id,
                                     const char           *kind,
                                     JsonObject           *body,
                                     const char           *reason,
                                     const char           *author,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
gboolean wm_record_saver_run_finish (GAsyncResult         *result,
                                     gint64               *out_record_id,
                                     GError              **error);

G_END_DECLS
