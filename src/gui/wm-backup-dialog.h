/* wm-backup-dialog.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-window.h"

G_BEGIN_DECLS

/* "Back Up Now…": the officer names a file, may give a passphrase, and a
 * worker writes the backup. _wm_backup_dialog_back_up_to() does what the
 * save chooser does with the file chosen, so that tests can drive it
 * without a portal. */

void     _wm_backup_dialog_choose_file (WmWindow *window);
void     _wm_backup_dialog_back_up_to  (WmWindow *window,
                                        GFile    *file);
gboolean _wm_backup_dialog_is_busy     (WmWindow *window);
void     _wm_backup_dialog_dispose     (WmWindow *window);

G_END_DECLS
