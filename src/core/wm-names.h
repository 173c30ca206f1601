/* wm-names.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *wm_name_fold        (const char *text);
char     *wm_name_key         (const char *surname,
                               const char *forename,
                               const char *upn);
gboolean  wm_name_key_matches (const char *key,
                               const char *query);

G_END_DECLS
