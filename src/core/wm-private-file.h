/* wm-private-file.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * WmPrivateFile:
 *
 * A file being written under a temporary name, readable by its owner only,
 * that takes its final name in one rename once it is complete. Freeing it
 * before wm_private_file_commit() removes the temporary file, so a crash
 * or an error never leaves a partial file under the final name.
 */
typedef struct _WmPrivateFile WmPrivateFile;

WmPrivateFile *wm_private_file_new            (const char     *final_path,
                                               GError        **error);
const char    *wm_private_file_get_temp_path  (WmPrivateFile  *file);
const char    *wm_private_file_get_path       (WmPrivateFile  *file);
gboolean       wm_private_file_write          (WmPrivateFile  *file,
                                               const void     *data,
                                               gsize           length,
                                               GError        **error);
gboolean       wm_private_file_copy_from      (WmPrivateFile  *file,
                                               const char     *source_path,
                                               GError        **error);
gboolean       wm_private_file_commit         (WmPrivateFile  *file,
                                               GError        **error);
void           wm_private_file_free           (WmPrivateFile  *file);

gboolean       wm_sync_folder_of              (const char     *path,
                                               GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmPrivateFile, wm_private_file_free)

G_END_DECLS
