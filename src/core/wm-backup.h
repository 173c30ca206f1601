/* wm-backup.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-store.h"

G_BEGIN_DECLS

/* The suffix of the file that keeps the database a restore replaced. */
#define WM_BACKUP_BEFORE_RESTORE_SUFFIX ".before-restore"

gboolean  wm_backup_create            (WmStore     *store,
                                       const char  *path,
                                       const char  *passphrase,
                                       GError     **error);
char     *wm_backup_create_automatic  (WmStore     *store,
                                       const char  *folder,
                                       const char  *passphrase,
                                       GError     **error);
gboolean  wm_backup_rotate            (const char  *folder,
                                       guint        keep,
                                       guint       *out_n_removed,
                                       GError     **error);
gboolean  wm_backup_is_automatic_name (const char  *file_name);
gboolean  wm_backup_verify            (const char  *path,
                                       const char  *passphrase,
                                       const char  *work_folder,
                                       GError     **error);
gboolean  wm_backup_restore           (const char  *backup_path,
                                       const char  *database_path,
                                       const char  *passphrase,
                                       GError     **error);

G_END_DECLS
