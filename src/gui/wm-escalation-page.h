/* wm-escalation-page.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-case-response.h"

G_BEGIN_DECLS

#define WM_TYPE_ESCALATION_PAGE (wm_escalation_page_get_type ())
G_DECLARE_FINAL_TYPE (WmEscalationPage, wm_escalation_page, WM, ESCALATION_PAGE, GtkBox)

void              wm_escalation_page_set_pupil      (WmEscalationPage *self,
                                                     const char       *database_path,
                                                     gint64            pupil_id,
                                                     WmDay             as_of);
void              wm_escalation_page_reload         (WmEscalationPage *self);
gboolean          wm_escalation_page_is_busy        (WmEscalationPage *self);
const WmResponse *wm_escalation_page_get_response   (WmEscalationPage *self);
GtkListBox       *wm_escalation_page_get_step_rows  (WmEscalationPage *self,
                                                     WmLegalStep       step);
GtkListBox       *wm_escalation_page_get_checklist  (WmEscalationPage *self);
const char       *wm_escalation_item_kind           (const char       *item_key);

G_END_DECLS
