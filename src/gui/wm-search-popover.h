/* wm-search-popover.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WM_TYPE_SEARCH_POPOVER (wm_search_popover_get_type ())
G_DECLARE_FINAL_TYPE (WmSearchPopover, wm_search_popover, WM, SEARCH_POPOVER, GtkWidget)

void         wm_search_popover_set_database (WmSearchPopover *self,
                                             const char      *database_path);
void         wm_search_popover_focus        (WmSearchPopover *self);
GtkEditable *wm_search_popover_get_entry    (WmSearchPopover *self);
GtkListBox  *wm_search_popover_get_results  (WmSearchPopover *self);
gboolean     wm_search_popover_is_busy      (WmSearchPopover *self);

G_END_DECLS
