/* wm-upn.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean wm_upn_validate     (const char  *upn,
                              GError     **error);
gboolean wm_upn_is_temporary (const char  *upn);
char     wm_upn_check_letter (const char  *upn);

G_END_DECLS
