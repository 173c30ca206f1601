/* wm-store-records-private.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-store-private.h"
#include "wm-store-records.h"

G_BEGIN_DECLS

/* Shared between the case-record files (wm-case.c, wm-store-records.c)
 * and the store files that call them (the schema, the Timeline). */

/* wm-store-records.c: the schema version 2 step that makes one view per
 * record kind from the table of kinds */
gboolean      _wm_store_create_record_views   (sqlite3       *db,
                                               const char    *path,
                                               GError       **error);
gboolean      _wm_store_rebuild_record_views  (sqlite3       *db,
                                               const char    *path,
                                               GError       **error);

/* wm-store-records.c: adds the pupil's finalised, undeleted records to
 * a Timeline being built */
gboolean      _wm_store_timeline_add_records  (WmStore       *store,
                                               gint64         pupil_id,
                                               WmRecordListFlags flags,
                                               GPtrArray     *entries,
                                               GError       **error);

/* wm-store-imports.c: the Timeline's order, newest first */
gint          _wm_store_timeline_compare      (gconstpointer  a,
                                               gconstpointer  b);

/* wm-case.c: checks that a case exists and returns its pupil */
gboolean      _wm_case_get_pupil              (WmStore       *store,
                                               gint64         case_id,
                                               gint64        *out_pupil_id,
                                               GError       **error);

/* wm-store-verify.c: checks the audit chain, then each given record's
 * revisions against its audit entries, before the records are printed */
gboolean      _wm_store_verify_records        (WmStore       *store,
                                               const gint64  *record_ids,
                                               guint          n_records,
                                               GError       **error);

G_END_DECLS
