/* wm-import-task.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wm-import.h"
#include "wm-progress.h"

G_BEGIN_DECLS

void            wm_import_file_async  (const char          *database_path,
                                       const char          *file_path,
                                       GCancellable        *cancellable,
                                       WmProgressFunc       progress,
                                       gpointer             progress_data,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
WmImportReport *wm_import_file_finish (GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
