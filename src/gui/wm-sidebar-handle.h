/* wm-sidebar-handle.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wm-sidebar-pane.h"

G_BEGIN_DECLS

#define WM_TYPE_SIDEBAR_HANDLE (wm_sidebar_handle_get_type ())

G_DECLARE_FINAL_TYPE (WmSidebarHandle, wm_sidebar_handle, WM, SIDEBAR_HANDLE, GtkWidget)

/* How far Left and Right move the handle, in pixels. */
#define WM_SIDEBAR_HANDLE_STEP 16

GtkWidget     *wm_sidebar_handle_new          (WmSidebarPane   *pane);
WmSidebarPane *wm_sidebar_handle_get_pane     (WmSidebarHandle *self);
void           wm_sidebar_handle_set_pane     (WmSidebarHandle *self,
                                               WmSidebarPane   *pane);
int            wm_sidebar_handle_get_minimum  (WmSidebarHandle *self);
int            wm_sidebar_handle_get_maximum  (WmSidebarHandle *self);
int            wm_sidebar_handle_move_to      (WmSidebarHandle *self,
                                               int              width);

G_END_DECLS
