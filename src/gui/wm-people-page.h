/* wm-people-page.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-store.h"

G_BEGIN_DECLS

#define WM_TYPE_PEOPLE_PAGE (wm_people_page_get_type ())
G_DECLARE_FINAL_TYPE (WmPeoplePage, wm_people_page, WM, PEOPLE_PAGE, GtkBox)

void        wm_people_page_set_pupil     (WmPeoplePage          *self,
                                          WmStore               *store,
                                          gint64                 pupil_id);
void        wm_people_page_reload        (WmPeoplePage          *self);
GtkListBox *wm_people_page_get_contacts  (WmPeoplePage          *self);
GtkListBox *wm_people_page_get_siblings  (WmPeoplePage          *self);
void        wm_people_page_add_contact   (WmPeoplePage          *self,
                                          const WmContactRecord *contact,
                                          gboolean               alternative);
void        wm_people_page_mark_checked  (WmPeoplePage          *self,
                                          gint64                 contact_id);
gboolean    wm_people_page_is_busy       (WmPeoplePage          *self);

G_END_DECLS
