/* wm-response-summary.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-response.h"
#include "wm-store.h"

G_BEGIN_DECLS

void     wm_response_summarize           (const WmResponse         *response,
                                          WmResponseSummary        *out);
gboolean wm_response_summary_has_route   (const WmResponseSummary  *summary,
                                          WmRouteKind               kind);
gboolean wm_response_summary_is_ready    (const WmResponseSummary  *summary,
                                          WmLegalStep               step);

G_END_DECLS
