/* wm-case-timeline.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-case-private.h"

/*
 * The allocations of a pupil's cases on the Timeline. Who led the case
 * and from when is part of the chronology a court bundle is read with,
 * so each allocation to another officer is an entry of its own beside
 * the records that officer wrote. The opening, closing and reopening are
 * shown by the case bar and are not repeated here.
 */

static WmTimelineEntry *
allocation_entry (sqlite3_stmt *stmt)
{
  WmTimelineEntry *entry = g_new0 (WmTimelineEntry, 1);

  entry->object_id = sqlite3_column_int64 (stmt, 0);
  entry->day = _wm_store_column_day (stmt, 1);
  entry->recorded_at = _wm_store_column_dup (stmt, 2);
  entry->kind = g_strdup ("case-allocation");
  entry->title = g_strdup_printf ("Case allocated to %s",
                                  sqlite3_column_text (stmt, 3));
  entry->detail = sqlite3_column_type (stmt, 4) != SQLITE_NULL
                  ? g_strdup_printf ("Recorded by %s",
                                     sqlite3_column_text (stmt, 4))
                  : NULL;
  return entry;
}

/**
 * _wm_case_timeline_add_events:
 * @store: a store
 * @pupil_id: the pupil
 * @entries: (element-type WmTimelineEntry): the Timeline being built
 * @error: return location for a #GError
 *
 * Adds one "case-allocation" entry for each allocation of one of the
 * pupil's cases to another officer ("Case allocated to Sam Patel"),
 * dated by the first day of the allocation, with who recorded it as
 * detail. The entry's object id is the case event's id.
 *
 * Returns: %TRUE on success
 */
gboolean
_wm_case_timeline_add_events (WmStore    *store,
                              gint64      pupil_id,
                              GPtrArray  *entries,
                              GError    **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = TRUE;

  stmt = _wm_store_prepare (store,
    "SELECT e.id, e.day, e.recorded_at, e.officer, e.recorded_by "
    "FROM case_events e JOIN cases c ON c.id = e.case_id "
    "WHERE c.pupil_id = ?1 AND e.event = 'allocate'", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  while (row)
    {
      if (!_wm_store_step_row (store, stmt, &row, "reading the timeline",
                               error))
        return FALSE;
      if (row)
        g_ptr_array_add (entries, allocation_entry (stmt));
    }

  return TRUE;
}
