/* wm-crypt.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-private-file.h"

G_BEGIN_DECLS

/* The file name suffix of an encrypted backup. */
#define WM_CRYPT_SUFFIX ".wmbk"

gboolean wm_crypt_encrypt_file          (const char  *in_path,
                                         const char  *out_path,
                                         const char  *passphrase,
                                         GError     **error);
gboolean wm_crypt_decrypt_file          (const char  *in_path,
                                         const char  *out_path,
                                         const char  *passphrase,
                                         GError     **error);
gboolean wm_crypt_decrypt_into          (const char     *in_path,
                                         WmPrivateFile  *out,
                                         const char     *passphrase,
                                         GError        **error);
gboolean wm_crypt_is_encrypted_file     (const char  *path);
char    *wm_crypt_read_passphrase_file  (const char  *path,
                                         GError     **error);
void     wm_crypt_free_passphrase       (char        *passphrase);

/* A passphrase in memory; g_autoptr(WmPassphrase) wipes and frees it. */
typedef char WmPassphrase;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmPassphrase, wm_crypt_free_passphrase)

G_END_DECLS
