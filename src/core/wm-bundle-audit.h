/* wm-bundle-audit.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-bundle.h"

G_BEGIN_DECLS

/*
 * What the window needs around an evidence bundle that wm-bundle.h does
 * not give: the case a bundle is about, the period it covers by default,
 * and the audit entry of a bundle that was printed rather than exported.
 */

gint64      wm_bundle_find_case       (WmStore                *store,
                                       gint64                  pupil_id,
                                       GError                **error);
gboolean    wm_bundle_default_period  (WmStore                *store,
                                       gint64                  pupil_id,
                                       WmDay                   to,
                                       WmDay                  *out_from,
                                       GError                **error);
gboolean    wm_bundle_audit_print     (WmStore                *store,
                                       gint64                  pupil_id,
                                       const WmBundleOptions  *options,
                                       guint                   n_pages,
                                       GError                **error);

G_END_DECLS
