/* wm-gui.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void       wm_gui_init                 (void);
gboolean   wm_gui_is_main_thread       (void);
char      *wm_gui_dup_account_name     (void);

char      *wm_gui_describe_error       (const char    *what,
                                        const GError  *error);
AdwToast  *wm_gui_toast_new_wrapped    (const char    *text);
AdwToast  *wm_gui_toast_error          (GtkWidget     *any_widget_in_window,
                                        const char    *what,
                                        const GError  *error);
void       wm_gui_status_page_set_error (AdwStatusPage *page,
                                         const GError  *error,
                                         GCallback      try_again,
                                         gpointer       instance);
GtkWidget *wm_gui_try_again_button_new (GCallback      try_again,
                                        gpointer       instance);
GtkWidget *wm_gui_error_row_new        (const char    *what,
                                        const GError  *error,
                                        GCallback      try_again,
                                        gpointer       instance);

/* Widgets belong to the thread that runs GTK's main context. Callbacks
 * that touch widgets assert it, so that a result posted from a worker to
 * the wrong context fails loudly instead of corrupting the widget tree. */
#define WM_ASSERT_MAIN_THREAD() g_assert_true (wm_gui_is_main_thread ())

G_END_DECLS
