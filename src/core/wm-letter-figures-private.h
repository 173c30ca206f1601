/* wm-letter-figures-private.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-calendar.h"
#include "wm-letter-figures.h"
#include "wm-register.h"
#include "wm-rules.h"

G_BEGIN_DECLS

/* wm-store-letters.c: the letter_figures table. */

gboolean    _wm_store_insert_letter_figures (WmStore               *store,
                                             gint64                 letter_id,
                                             const WmLetterFigures *figures,
                                             GError               **error);
GPtrArray  *_wm_store_list_letter_figures   (WmStore               *store,
                                             gint64                 pupil_id,
                                             GError               **error);

/* wm-letter-figures.c: the stale letters of a pupil whose register,
 * calendar and rule values are already loaded (the engine has them). */

GPtrArray  *_wm_letters_find_stale          (WmStore               *store,
                                             gint64                 pupil_id,
                                             const WmRegister      *reg,
                                             const WmCalendar      *calendar,
                                             const WmRules         *rules,
                                             GError               **error);

G_END_DECLS
