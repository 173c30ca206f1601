/* wm-gui.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void     wm_gui_init            (void);
gboolean wm_gui_is_main_thread  (void);
char    *wm_gui_dup_account_name (void);

/* Widgets belong to the thread that runs GTK's main context. Callbacks
 * that touch widgets assert it, so that a result posted from a worker to
 * the wrong context fails loudly instead of corrupting the widget tree. */
#define WM_ASSERT_MAIN_THREAD() g_assert_true (wm_gui_is_main_thread ())

G_END_DECLS
