/* wm-engine.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wm-evaluation.h"
#include "wm-response.h"
#include "wm-store.h"

G_BEGIN_DECLS

/**
 * WmEngine:
 *
 * Evaluates pupils from a store as of a date. It caches each school's
 * calendar and rule values, so evaluating every pupil reads each school's
 * data once. An engine belongs to one thread, like the store it reads.
 */
typedef struct _WmEngine WmEngine;

typedef void (*WmEngineFunc) (gint64               pupil_id,
                              const WmEvaluation *evaluation,
                              gpointer             user_data);

WmEngine *wm_engine_new              (WmStore       *store,
                                      WmDay          as_of);
void      wm_engine_free             (WmEngine      *engine);
WmDay     wm_engine_get_as_of        (WmEngine      *engine);
void      wm_engine_forget_school    (WmEngine      *engine,
                                      gint64         school_id);
gboolean  wm_engine_evaluate_pupil   (WmEngine      *engine,
                                      gint64         pupil_id,
                                      WmEvaluation  *out,
                                      GError       **error);
WmResponse *wm_engine_respond_pupil  (WmEngine      *engine,
                                      gint64         pupil_id,
                                      GError       **error);
gboolean  wm_engine_evaluate_and_save (WmEngine     *engine,
                                      GArray        *pupil_ids,
                                      GCancellable  *cancellable,
                                      WmEngineFunc   func,
                                      gpointer       user_data,
                                      GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmEngine, wm_engine_free)

G_END_DECLS
