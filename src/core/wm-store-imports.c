/* wm-store-imports.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-store-private.h"

#include <string.h>

#include "wm-case-private.h"
#include "wm-error.h"
#include "wm-i18n-private.h"
#include "wm-letters-private.h"
#include "wm-store-records-private.h"

/*
 * Imports, the attendance a pupil brought from other schools, and the
 * pupil's timeline built from what imports and evaluations recorded.
 */

/**
 * wm_store_begin_import:
 * @store: a store
 * @kind: the kind of file, such as "ctf"
 * @file_name: (nullable): the file's name, without its folder
 * @sha256: (nullable): the SHA-256 of the file's contents, in hexadecimal
 * @error: return location for a #GError
 *
 * Records the start of an import. Call it inside the import's
 * transaction, so that a failed import leaves no trace.
 *
 * Returns: the import's id, or 0 with @error set
 */
gint64
wm_store_begin_import (WmStore     *store,
                       const char  *kind,
                       const char  *file_name,
                       const char  *sha256,
                       GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autofree char *now = _wm_store_now_utc ();
  gboolean row = FALSE;

  g_return_val_if_fail (WM_IS_STORE (store), 0);
  g_return_val_if_fail (kind != NULL, 0);

  stmt = _wm_store_prepare (store,
    "INSERT INTO imports (kind, file_name, sha256, started_at) "
    "VALUES (?1, ?2, ?3, ?4) RETURNING id", error);
  if (stmt == NULL)
    return 0;

  _wm_store_bind_text (stmt, 1, kind);
  _wm_store_bind_text (stmt, 2, file_name);
  _wm_store_bind_text (stmt, 3, sha256);
  _wm_store_bind_text (stmt, 4, now);
  if (!_wm_store_step_row (store, stmt, &row, N_("recording an import"), error))
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

static guint
count_lines (const char *text)
{
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  if (text == NULL)
    return 0;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      n++;
  return n;
}

static gboolean
update_import (WmStore     *store,
               gint64       import_id,
               gint64       school_id,
               guint        n_pupils,
               guint        n_marks_set,
               guint        n_marks_changed,
               const char  *warnings,
               GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autofree char *now = _wm_store_now_utc ();

  stmt = _wm_store_prepare (store,
    "UPDATE imports SET finished_at = ?2, school_id = ?3, n_pupils = ?4, "
    "  n_marks_set = ?5, n_marks_changed = ?6, warnings = ?7 "
    "WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, import_id);
  _wm_store_bind_text (stmt, 2, now);
  _wm_store_bind_id (stmt, 3, school_id);
  sqlite3_bind_int64 (stmt, 4, n_pupils);
  sqlite3_bind_int64 (stmt, 5, n_marks_set);
  sqlite3_bind_int64 (stmt, 6, n_marks_changed);
  _wm_store_bind_text (stmt, 7, warnings);
  if (!_wm_store_step_done (store, stmt, N_("recording an import"), error))
    return FALSE;

  if (sqlite3_changes (wm_store_get_db (store)) == 0)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_NOT_FOUND,
                   "There is no import with id %" G_GINT64_FORMAT " in %s; "
                   "start the import with wm_store_begin_import()",
                   import_id, wm_store_get_path (store));
      return FALSE;
    }

  return TRUE;
}

/**
 * wm_store_finish_import:
 * @store: a store
 * @import_id: the import begun by wm_store_begin_import()
 * @school_id: the school the file came from, or 0
 * @n_pupils: pupils in the file
 * @n_marks_set: codes written where none was stored
 * @n_marks_changed: stored codes replaced by different ones
 * @warnings: (nullable): the warnings, one a line
 * @error: return location for a #GError
 *
 * Records the end of an import with its counts and warnings, and writes
 * an "import" audit entry with the counts. The file name and the warnings
 * stay out of the audit log, since either may carry a pupil's name.
 *
 * Returns: %TRUE on success
 */
gboolean
wm_store_finish_import (WmStore     *store,
                        gint64       import_id,
                        gint64       school_id,
                        guint        n_pupils,
                        guint        n_marks_set,
                        guint        n_marks_changed,
                        const char  *warnings,
                        GError     **error)
{
  g_autofree char *detail = NULL;
  gboolean outer = FALSE, ok;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  detail = g_strdup_printf ("school=%" G_GINT64_FORMAT " pupils=%u set=%u "
                            "changed=%u warnings=%u", school_id, n_pupils,
                            n_marks_set, n_marks_changed,
                            count_lines (warnings));
  if (!_wm_store_write_begin (store, &outer, error))
    return FALSE;

  ok = update_import (store, import_id, school_id, n_pupils, n_marks_set,
                      n_marks_changed, warnings, error)
       && _wm_store_audit_append (store, "import", "import", import_id, detail,
                                  error);
  return _wm_store_write_end (store, outer, ok, error);
}

static void
bind_count (sqlite3_stmt *stmt,
            int           index,
            gint          count)
{
  if (count < 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int (stmt, index, count);
}

/**
 * wm_store_add_attendance_history:
 * @store: a store
 * @pupil_id: the pupil
 * @import_id: the import it came from, or 0
 * @year: the school year, as the calendar year of its 1 September
 * @lea: (nullable): the other school's local authority number
 * @estab: (nullable): the other school's establishment number
 * @school_name: (nullable): the other school's name
 * @sessions_possible: possible sessions, or -1 when not given
 * @sessions_authorised: authorised absences, or -1 when not given
 * @sessions_unauthorised: unauthorised absences, or -1 when not given
 * @start_date: the first day of the marks, or %WM_DAY_NONE
 * @marks: (nullable): the marks string as received
 * @error: return location for a #GError
 *
 * Keeps a year of attendance the pupil had at another school, exactly as
 * the file gave it. The same year from the same school with the same
 * figures is stored once, so importing a file again adds nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
wm_store_add_attendance_history (WmStore     *store,
                                 gint64       pupil_id,
                                 gint64       import_id,
                                 guint        year,
                                 const char  *lea,
                                 const char  *estab,
                                 const char  *school_name,
                                 gint         sessions_possible,
                                 gint         sessions_authorised,
                                 gint         sessions_unauthorised,
                                 WmDay        start_date,
                                 const char  *marks,
                                 GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  stmt = _wm_store_prepare (store,
    "INSERT INTO attendance_history (pupil_id, import_id, year, lea, estab, "
    "  school_name, sessions_possible, sessions_authorised, "
    "  sessions_unauthorised, start_date, marks) "
    "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11 "
    "WHERE NOT EXISTS (SELECT 1 FROM attendance_history "
    "  WHERE pupil_id = ?1 AND year = ?3 AND lea IS ?4 AND estab IS ?5 "
    "  AND school_name IS ?6 AND sessions_possible IS ?7 "
    "  AND sessions_authorised IS ?8 AND sessions_unauthorised IS ?9 "
    "  AND start_date IS ?10 AND marks IS ?11)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  _wm_store_bind_id (stmt, 2, import_id);
  sqlite3_bind_int (stmt, 3, (int) year);
  _wm_store_bind_text (stmt, 4, lea);
  _wm_store_bind_text (stmt, 5, estab);
  _wm_store_bind_text (stmt, 6, school_name);
  bind_count (stmt, 7, sessions_possible);
  bind_count (stmt, 8, sessions_authorised);
  bind_count (stmt, 9, sessions_unauthorised);
  _wm_store_bind_day (stmt, 10, start_date);
  _wm_store_bind_text (stmt, 11, marks);
  return _wm_store_step_done (store, stmt, N_("saving attendance history"),
                              error);
}

/**
 * wm_timeline_entry_free:
 * @entry: (nullable): an entry
 *
 * Frees an entry returned by wm_store_list_timeline().
 */
void
wm_timeline_entry_free (WmTimelineEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->recorded_at);
  g_free (entry->kind);
  g_free (entry->title);
  g_free (entry->detail);
  g_free (entry);
}

/* The local calendar date of a UTC moment, such as an import's time. */
static WmDay
local_day_of_moment (const char *moment)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (moment == NULL)
    return WM_DAY_NONE;

  utc = g_date_time_new_from_iso8601 (moment, NULL);
  if (utc == NULL)
    return WM_DAY_NONE;

  local = g_date_time_to_local (utc);
  return wm_day_from_ymd (g_date_time_get_year (local),
                          g_date_time_get_month (local),
                          g_date_time_get_day_of_month (local));
}

/* An import is dated by the day it was made, because the Timeline is a
 * chronology of what was done. The span of register it covered is the
 * detail. */
static WmTimelineEntry *
import_entry (sqlite3_stmt *stmt)
{
  WmTimelineEntry *entry = g_new0 (WmTimelineEntry, 1);
  const char *file_name = (const char *) sqlite3_column_text (stmt, 2);
  WmDay first = _wm_store_column_day (stmt, 3);
  WmDay last = _wm_store_column_day (stmt, 4);
  guint n_set = (guint) sqlite3_column_int64 (stmt, 5);
  guint n_changed = (guint) sqlite3_column_int64 (stmt, 6);
  g_autofree char *span = NULL;

  entry->object_id = sqlite3_column_int64 (stmt, 0);
  entry->recorded_at = _wm_store_column_dup (stmt, 1);
  entry->day = local_day_of_moment (entry->recorded_at);
  if (entry->day == WM_DAY_NONE)
    entry->day = last;
  entry->kind = g_strdup ("import");
  /* The window shows these in the officer's language; the bundle builds
   * them inside an English scope. */
  if (file_name != NULL)
    entry->title = g_strdup_printf (wm_ngettext ("Register imported from %s: "
                                                 "%u session, %u changed",
                                                 "Register imported from %s: "
                                                 "%u sessions, %u changed",
                                                 n_set),
                                    file_name, n_set, n_changed);
  else
    entry->title = g_strdup_printf (wm_ngettext ("Register imported: %u "
                                                 "session, %u changed",
                                                 "Register imported: %u "
                                                 "sessions, %u changed",
                                                 n_set),
                                    n_set, n_changed);
  span = wm_day_range_format (first, last);
  /* Translators: a Timeline row's detail, "Covers 2 to 27 March 2026". */
  entry->detail = g_strdup_printf (_("Covers %s"), span);
  return entry;
}

static char *
level_change_title (sqlite3_stmt *stmt)
{
  g_autofree char *level = NULL;
  g_autofree char *old_level = NULL;

  level = wm_level_describe (sqlite3_column_int (stmt, 5),
                             sqlite3_column_int (stmt, 6));
  if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
    return g_steal_pointer (&level);

  old_level = wm_level_describe (sqlite3_column_int (stmt, 3),
                                 sqlite3_column_int (stmt, 4));
  /* Translators: a level change on the Timeline, "Level 3 (was Level
   * 2)". */
  return g_strdup_printf (_("%s (was %s)"), level, old_level);
}

static WmTimelineEntry *
level_change_entry (sqlite3_stmt *stmt)
{
  WmTimelineEntry *entry = g_new0 (WmTimelineEntry, 1);

  entry->object_id = sqlite3_column_int64 (stmt, 0);
  entry->recorded_at = _wm_store_column_dup (stmt, 1);
  entry->day = _wm_store_column_day (stmt, 2);
  entry->kind = g_strdup ("level-change");
  entry->title = level_change_title (stmt);
  entry->detail = _wm_store_column_dup (stmt, 7);
  return entry;
}

typedef WmTimelineEntry *(*EntryFunc) (sqlite3_stmt *stmt);

static gboolean
add_entries (WmStore     *store,
             const char  *sql,
             gint64       pupil_id,
             EntryFunc    func,
             GPtrArray   *entries,
             GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = _wm_store_prepare (store, sql, error);
  gboolean row = TRUE;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  while (row)
    {
      if (!_wm_store_step_row (store, stmt, &row, N_("reading the timeline"),
                               error))
        return FALSE;
      if (row)
        g_ptr_array_add (entries, func (stmt));
    }

  return TRUE;
}

/* Sorts newest first, by the day the entry is about, then by when it was
 * recorded. On a tie a level change is listed above the import that
 * caused it. */
gint
_wm_store_timeline_compare (gconstpointer a,
                            gconstpointer b)
{
  const WmTimelineEntry *x = *(WmTimelineEntry * const *) a;
  const WmTimelineEntry *y = *(WmTimelineEntry * const *) b;
  int cmp;

  if (x->day != y->day)
    return x->day > y->day ? -1 : 1;

  cmp = g_strcmp0 (y->recorded_at, x->recorded_at);
  if (cmp != 0)
    return cmp;

  cmp = g_strcmp0 (y->kind, x->kind);
  if (cmp != 0)
    return cmp;

  return (y->object_id > x->object_id) - (y->object_id < x->object_id);
}

/**
 * wm_store_list_timeline:
 * @store: a store
 * @pupil_id: the pupil
 * @error: return location for a #GError
 *
 * Lists what happened to the pupil's record, newest first: one "import"
 * entry for each import that set or changed a session of the pupil's
 * register ("Register imported from x.xml: 20 sessions, 1 changed", dated
 * by the local day of the import, with the span as detail; an import that
 * changed nothing is left out), and one "level-change" entry for
 * each change of level ("Level 3 (was Level 2)", dated by the evaluation
 * date, with the reason as detail), and one entry for each finalised,
 * undeleted case record, its kind as entry kind ("Home visit: No
 * answer", dated by the record's date), and one "letter" entry for each
 * letter made from such a record ("Warning letter to Jane Smith", dated
 * by the letter's date), and one entry for each opening ("case-open"),
 * closing ("case-close"), reopening ("case-reopen") and allocation to
 * another officer ("case-allocation") of the pupil's cases, dated by the
 * day it took effect (see _wm_case_timeline_add_events()). Restricted
 * records are left out:
 * wm_store_list_timeline_filtered() can include them and filter by kind.
 *
 * Returns: (transfer container) (element-type WmTimelineEntry): the
 *   entries, freed with the array; %NULL with @error set on failure
 */
GPtrArray *
wm_store_list_timeline (WmStore  *store,
                        gint64    pupil_id,
                        GError  **error)
{
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  entries = g_ptr_array_new_with_free_func (
    (GDestroyNotify) wm_timeline_entry_free);
  if (!add_entries (store,
                    "SELECT i.id, coalesce (i.finished_at, i.started_at), "
                    "  i.file_name, p.first_day, p.last_day, p.n_set, "
                    "  p.n_changed "
                    "FROM import_pupils p JOIN imports i ON i.id = p.import_id "
                    "WHERE p.pupil_id = ?1 AND (p.n_set > 0 OR p.n_changed > 0)",
                    pupil_id, import_entry, entries, error)
      || !add_entries (store,
                       "SELECT id, recorded_at, as_of, old_level, "
                       "  old_level_high, level, level_high, reason "
                       "FROM level_history WHERE pupil_id = ?1",
                       pupil_id, level_change_entry, entries, error)
      || !_wm_store_timeline_add_records (store, pupil_id,
                                          WM_RECORD_LIST_DEFAULT, entries,
                                          error)
      || !_wm_store_timeline_add_letters (store, pupil_id, entries, error)
      || !_wm_case_timeline_add_events (store, pupil_id, entries, error))
    return NULL;

  g_ptr_array_sort (entries, _wm_store_timeline_compare);
  return g_steal_pointer (&entries);
}
