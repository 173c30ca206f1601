/* wm-sidebar-pane.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WM_TYPE_SIDEBAR_PANE (wm_sidebar_pane_get_type ())

G_DECLARE_FINAL_TYPE (WmSidebarPane, wm_sidebar_pane, WM, SIDEBAR_PANE, GtkWidget)

GtkWidget *wm_sidebar_pane_new       (void);
GtkWidget *wm_sidebar_pane_get_child (WmSidebarPane *self);
void       wm_sidebar_pane_set_child (WmSidebarPane *self,
                                      GtkWidget     *child);
int        wm_sidebar_pane_get_width (WmSidebarPane *self);
void       wm_sidebar_pane_set_width (WmSidebarPane *self,
                                      int            width);
void       wm_sidebar_pane_set_maximum_width (WmSidebarPane *self,
                                              int            maximum_width);

G_END_DECLS
