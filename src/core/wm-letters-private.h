/* wm-letters-private.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-letters.h"
#include "wm-store-private.h"
#include "wm-store-records.h"

G_BEGIN_DECLS

/* wm-store-letters.c: the letters table, shared with the making of
 * letters (wm-letters.c), the verification and the Timeline. */

gint64      _wm_store_insert_letter         (WmStore             *store,
                                             const WmLetterInfo  *info,
                                             GBytes              *pdf,
                                             GError             **error);
gboolean    _wm_store_verify_letters        (WmStore             *store,
                                             GError             **error);
GPtrArray  *_wm_store_list_pupil_letters    (WmStore             *store,
                                             gint64               pupil_id,
                                             GError             **error);
gboolean    _wm_store_timeline_add_letters  (WmStore             *store,
                                             gint64               pupil_id,
                                             GPtrArray           *entries,
                                             GError             **error);

/* wm-letters-values.c: the merge values a letter takes from its record. */

GHashTable *_wm_letters_record_values       (WmStore             *store,
                                             const WmRecord      *record,
                                             WmDay                date,
                                             GError             **error);
gboolean    _wm_letters_check_record_values (const WmRecord      *record,
                                             GHashTable          *values,
                                             GError             **error);

G_END_DECLS
