/* wm-warnings-private.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The warnings an import's readers add, each in two languages: English,
 * stored with the import, and the user's, shown to the officer who ran
 * it.
 * Implemented in wm-import.c.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void _wm_warnings_addv (GPtrArray  *english,
                        GPtrArray  *shown,
                        const char *file_name,
                        guint       line,
                        const char *upn,
                        const char *msgid,
                        const char *msgid_plural,
                        gulong      n,
                        va_list     args) G_GNUC_PRINTF (6, 0);
void _wm_warnings_add  (GPtrArray  *english,
                        GPtrArray  *shown,
                        const char *file_name,
                        guint       line,
                        const char *upn,
                        const char *english_text,
                        const char *shown_text);

G_END_DECLS
