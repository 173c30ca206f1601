/* wm-backup-private.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-backup.h"

G_BEGIN_DECLS

/* Shared by wm-backup.c (writing backups, rotation) and
 * wm-backup-restore.c (verification and restore). */

char *_wm_backup_audit_detail (const char  *path,
                               gboolean     encrypted,
                               GError     **error);
char *_wm_backup_dup_real_path (const char  *path,
                                GError     **error);

G_END_DECLS
