/* wm-backup-scheduler.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WM_TYPE_BACKUP_SCHEDULER (wm_backup_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (WmBackupScheduler, wm_backup_scheduler, WM, BACKUP_SCHEDULER, GObject)

/* An automatic backup is due when the newest one is this old. */
#define WM_BACKUP_INTERVAL_SECONDS (24 * 60 * 60)

WmBackupScheduler *wm_backup_scheduler_new          (const char           *database_path,
                                                     GSettings            *settings);
gboolean           wm_backup_scheduler_is_running   (WmBackupScheduler    *self);
void               wm_backup_scheduler_check_now    (WmBackupScheduler    *self);

char              *wm_backup_dup_folder             (GSettings            *settings,
                                                     const char           *database_path);
void               wm_backup_run_async              (const char           *database_path,
                                                     const char           *folder,
                                                     guint                 keep,
                                                     gint64                max_age_seconds,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
char              *wm_backup_run_finish             (GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
