/* wm-subject-access-private.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-store-private.h"
#include "wm-subject-access.h"

G_BEGIN_DECLS

/* Shared by wm-subject-access.c (the pupil, people, register, imports and
 * evaluations, and writing the file) and wm-subject-access-records.c
 * (cases, records, links and the audit log). */

/* wm-subject-access.c: the rows @sql returns for ?1 = @id, as an array
 * of objects named by the columns */
gboolean  _wm_sar_add_rows     (JsonBuilder   *builder,
                                WmStore       *store,
                                const char    *sql,
                                gint64         id,
                                GError       **error);

/* wm-subject-access.c: the columns from @first on, as members */
void      _wm_sar_add_columns  (JsonBuilder   *builder,
                                sqlite3_stmt  *stmt,
                                int            first);

/* wm-subject-access-records.c: the "cases", "records", "links" and
 * "audit" members */
gboolean  _wm_sar_add_casework (JsonBuilder   *builder,
                                WmStore       *store,
                                gint64         pupil_id,
                                WmWithhold     withhold,
                                GError       **error);

G_END_DECLS
