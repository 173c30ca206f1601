/* wm-bundle-jobs.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wm-bundle.h"
#include "wm-render.h"

G_BEGIN_DECLS

void      wm_bundle_jobs_export_async       (gpointer                source_object,
                                             const char             *database_path,
                                             gint64                  pupil_id,
                                             const WmBundleOptions  *options,
                                             const char             *path,
                                             GCancellable           *cancellable,
                                             gint                   *progress_permille,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
gboolean  wm_bundle_jobs_export_finish      (GAsyncResult           *result,
                                             GError                **error);
void      wm_bundle_jobs_render_async       (gpointer                source_object,
                                             const char             *database_path,
                                             gint64                  pupil_id,
                                             const WmBundleOptions  *options,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
WmRender *wm_bundle_jobs_render_finish      (GAsyncResult           *result,
                                             GError                **error);
void      wm_bundle_jobs_audit_print_async  (gpointer                source_object,
                                             const char             *database_path,
                                             gint64                  pupil_id,
                                             const WmBundleOptions  *options,
                                             guint                   n_pages,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
gboolean  wm_bundle_jobs_audit_print_finish (GAsyncResult           *result,
                                             GError                **error);

G_END_DECLS
