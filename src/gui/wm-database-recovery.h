/* wm-database-recovery.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-window.h"

G_BEGIN_DECLS

/* The window's ways out of a database it cannot open, also in the primary
 * menu. The functions taking a GFile do what the file choosers do with the
 * file chosen, so that tests can drive them without a portal. */

void     _wm_database_recovery_choose_database  (WmWindow *window);
void     _wm_database_recovery_choose_backup    (WmWindow *window);
void     _wm_database_recovery_open_file        (WmWindow *window,
                                                 GFile    *file);
void     _wm_database_recovery_offer_file       (WmWindow   *window,
                                                 const char *path);
void     _wm_database_recovery_restore_file     (WmWindow *window,
                                                 GFile    *backup);
gboolean _wm_database_recovery_is_busy          (WmWindow *window);
void     _wm_database_recovery_dispose          (WmWindow *window);

G_END_DECLS
