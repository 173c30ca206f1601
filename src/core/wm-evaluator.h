/* wm-evaluator.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wm-date.h"
#include "wm-evaluation.h"

G_BEGIN_DECLS

#define WM_TYPE_EVALUATOR (wm_evaluator_get_type ())
G_DECLARE_FINAL_TYPE (WmEvaluator, wm_evaluator, WM, EVALUATOR, GObject)

/**
 * WmEvaluator:
 *
 * The background worker that keeps every pupil's evaluation current. It
 * runs in its own thread with its own SQLite connection, takes the pupils
 * marked dirty in the database, computes each one's graduated response
 * in batches and saves the evaluation and the response summary (see
 * wm_store_save_response_summary()), then emits #WmEvaluator::evaluated
 * in the main context of the thread that created it. Wake-ups that arrive while it works are
 * coalesced into one more pass.
 *
 * Signals:
 * - "evaluated" (GArray *pupil_ids): the pupils whose stored evaluation
 *   and response summary were written by the last pass.
 * - "idle": the worker has nothing left to do.
 * - "failed" (const GError *error): a pass failed; the message is meant
 *   for the user.
 */

WmEvaluator *wm_evaluator_new         (const char   *database_path,
                                       WmDay         as_of);
void         wm_evaluator_wake        (WmEvaluator  *self);
void         wm_evaluator_set_as_of   (WmEvaluator  *self,
                                       WmDay         as_of);
WmDay        wm_evaluator_get_as_of   (WmEvaluator  *self);
gboolean     wm_evaluator_is_busy     (WmEvaluator  *self);
void         wm_evaluator_stop        (WmEvaluator  *self);

G_END_DECLS
