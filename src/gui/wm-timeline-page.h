/* wm-timeline-page.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-record-editor.h"
#include "wm-record-viewer.h"
#include "wm-store.h"

G_BEGIN_DECLS

#define WM_TYPE_TIMELINE_PAGE (wm_timeline_page_get_type ())
G_DECLARE_FINAL_TYPE (WmTimelinePage, wm_timeline_page, WM, TIMELINE_PAGE, GtkBox)

void            wm_timeline_page_set_pupil         (WmTimelinePage *self,
                                                    WmStore        *store,
                                                    gint64          pupil_id);
void            wm_timeline_page_reload            (WmTimelinePage *self);
gint64          wm_timeline_page_get_case_id       (WmTimelinePage *self);
GListModel     *wm_timeline_page_get_model         (WmTimelinePage *self);
GListModel     *wm_timeline_page_get_shown         (WmTimelinePage *self);
GtkDropDown    *wm_timeline_page_get_kind_dropdown (WmTimelinePage *self);
GtkEditable    *wm_timeline_page_get_search_entry  (WmTimelinePage *self);
GtkMenuButton  *wm_timeline_page_get_add_button    (WmTimelinePage *self);
GtkListBox     *wm_timeline_page_get_restricted    (WmTimelinePage *self);
GtkListBox     *wm_timeline_page_get_drafts        (WmTimelinePage *self);
WmRecordEditor *wm_timeline_page_add_record        (WmTimelinePage *self,
                                                    const char     *kind);
WmRecordViewer *wm_timeline_page_open_record       (WmTimelinePage *self,
                                                    gint64          record_id);
AdwToast       *wm_timeline_page_get_undo_toast    (WmTimelinePage *self);
gboolean        wm_timeline_page_is_busy           (WmTimelinePage *self);

char           *wm_officer_name_for                (GtkWidget      *widget);
char           *wm_author_name_for                 (GtkWidget      *widget);

G_END_DECLS
