/* wm-letters-action.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-timeline-page.h"

G_BEGIN_DECLS

void     wm_letters_action_send        (WmTimelinePage *page,
                                        const char     *database_path,
                                        gint64          record_id,
                                        const char     *officer_phone,
                                        const char     *school_phone);
gboolean wm_letters_action_is_busy     (void);
AdwToast *wm_letters_action_get_toast  (void);
char    *wm_letters_templates_dir      (void);
char    *wm_letters_dup_officer_phone  (void);
char    *wm_letters_dup_officer_name   (void);
void     wm_letters_set_officer_phone  (const char     *phone);

G_END_DECLS
