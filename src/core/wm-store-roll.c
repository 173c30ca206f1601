/* wm-store-roll.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-store-private.h"

#include <stdlib.h>

#include "wm-error.h"
#include "wm-i18n-private.h"

/*
 * Who a school's roll exports list, for pupils who drop out of the next
 * export without a leaving date (children missing education).
 *
 * A roll export is an import that lists a school's whole roll: a Common
 * Transfer File or a CSV pupils file. It writes one `import_roll` row
 * for every pupil it lists, whether or not it carries marks for the
 * pupil, because a pupil listed without a register is still on roll. A
 * CSV marks file lists only the pupils whose marks it carries, and a CSV
 * terms file lists no pupils, so neither is a roll export.
 *
 * An export is dated by `imports.export_date`: the export date in the
 * file's header, else the last register day it carries, else the day it
 * was imported. Two exports of the same day are ordered by import.
 */

static gboolean
add_listed (WmStore       *store,
            gint64         import_id,
            const GArray  *pupil_ids,
            GError       **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  stmt = _wm_store_prepare (store,
    "INSERT OR IGNORE INTO import_roll (import_id, pupil_id) VALUES (?1, ?2)",
    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, import_id);
  for (guint i = 0; i < pupil_ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 2, g_array_index (pupil_ids, gint64, i));
      if (!_wm_store_step_done (store, stmt, N_("recording a roll export"),
                                error))
        return FALSE;

      sqlite3_reset (stmt);
    }

  return TRUE;
}

/* The register days come from the marks the import merged, so the dating
 * runs after them. */
static gboolean
set_export_date (WmStore  *store,
                 gint64    import_id,
                 WmDay     export_day,
                 GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  stmt = _wm_store_prepare (store,
    "UPDATE imports SET export_date = coalesce (?2, "
    "  (SELECT max (last_day) FROM import_pupils WHERE import_id = ?1), ?3) "
    "WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, import_id);
  _wm_store_bind_day (stmt, 2, export_day);
  _wm_store_bind_day (stmt, 3, wm_day_today ());
  if (!_wm_store_step_done (store, stmt, N_("recording a roll export"), error))
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
 * wm_store_record_roll_export:
 * @store: a store
 * @import_id: an import begun by wm_store_begin_import() that lists a
 *   school's whole roll (a Common Transfer File, a CSV pupils file)
 * @pupil_ids: (element-type gint64): every stored pupil of that school the
 *   file lists, with marks or without
 * @export_day: the export date in the file's header, or %WM_DAY_NONE
 * @error: return location for a #GError
 *
 * Records which pupils the export lists and dates it, so that
 * wm_store_load_roll_change() can find a pupil the next export leaves
 * out. Without @export_day the export is dated by the last register day
 * the import merged with wm_store_merge_marks(), so call this after the
 * marks; an import with no marks is dated by the local day of the
 * import. Call it inside the import's transaction. Listing a pupil twice
 * records it once.
 *
 * Returns: %TRUE on success
 */
gboolean
wm_store_record_roll_export (WmStore       *store,
                             gint64         import_id,
                             const GArray  *pupil_ids,
                             WmDay          export_day,
                             GError       **error)
{
  gboolean outer = FALSE, ok;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (pupil_ids != NULL, FALSE);

  if (!_wm_store_write_begin (store, &outer, error))
    return FALSE;

  ok = set_export_date (store, import_id, export_day, error)
       && add_listed (store, import_id, pupil_ids, error);
  return _wm_store_write_end (store, outer, ok, error);
}

static void
read_export (sqlite3_stmt *stmt,
             gint64       *out_id,
             WmDay        *out_day,
             guint        *out_n)
{
  *out_id = sqlite3_column_int64 (stmt, 0);
  *out_day = _wm_store_column_day (stmt, 1);
  *out_n = (guint) sqlite3_column_int64 (stmt, 2);
}

/* Finds the school's two newest roll exports dated on or before @as_of,
 * newest first. The ids stay 0 when there are fewer. */
static gboolean
find_exports (WmStore       *store,
              gint64         school_id,
              WmDay          as_of,
              gint64         out_ids[2],
              WmRollChange  *out,
              GError       **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  stmt = _wm_store_prepare (store,
    "SELECT i.id, i.export_date, count (*) "
    "FROM imports i JOIN import_roll r ON r.import_id = i.id "
    "WHERE i.school_id = ?1 AND i.export_date <= ?2 "
    "GROUP BY i.id "
    "ORDER BY i.export_date DESC, i.id DESC LIMIT 2", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, school_id);
  _wm_store_bind_day (stmt, 2, as_of);
  if (!_wm_store_step_row (store, stmt, &row, N_("reading the roll exports"),
                           error))
    return FALSE;
  if (!row)
    return TRUE;

  read_export (stmt, &out_ids[0], &out->day, &out->n_listed);
  if (!_wm_store_step_row (store, stmt, &row, N_("reading the roll exports"),
                           error))
    return FALSE;
  if (row)
    read_export (stmt, &out_ids[1], &out->previous_day, &out->n_previous);

  return TRUE;
}

/* Appends to @out the pupils @previous lists and @latest does not, in
 * ascending order. */
static gboolean
find_left_out (WmStore  *store,
               gint64    latest,
               gint64    previous,
               GArray   *out,
               GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  stmt = _wm_store_prepare (store,
    "SELECT pupil_id FROM import_roll WHERE import_id = ?2 "
    "EXCEPT SELECT pupil_id FROM import_roll WHERE import_id = ?1 "
    "ORDER BY 1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, latest);
  sqlite3_bind_int64 (stmt, 2, previous);
  for (;;)
    {
      gint64 pupil_id;

      if (!_wm_store_step_row (store, stmt, &row,
                               N_("reading the roll exports"), error))
        return FALSE;
      if (!row)
        return TRUE;

      pupil_id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (out, pupil_id);
    }
}

/**
 * wm_roll_change_clear:
 * @change: a roll change filled by wm_store_load_roll_change()
 *
 * Frees the contents of @change and resets it to "no exports".
 */
void
wm_roll_change_clear (WmRollChange *change)
{
  g_clear_pointer (&change->left_out, g_array_unref);
  *change = (WmRollChange) { .day = WM_DAY_NONE,
                             .previous_day = WM_DAY_NONE };
}

/**
 * wm_store_load_roll_change:
 * @store: a store
 * @school_id: the school
 * @as_of: the evaluation date: exports dated after it are ignored
 * @out: (out caller-allocates): the change, cleared with
 *   wm_roll_change_clear()
 * @error: return location for a #GError
 *
 * Reads the school's two newest roll exports dated on or before @as_of.
 * A roll export is a Common Transfer File or a CSV pupils file from the
 * school, recorded with wm_store_record_roll_export(). Fills in how many
 * pupils each lists and which pupils the older one lists and the newer
 * one leaves out. The response judges whether that matters for a pupil
 * (a partial export, a leaving date). With fewer than two exports,
 * @out->previous_day is %WM_DAY_NONE and @out->left_out is empty. Read it
 * once per school: the reading costs one pass over the two exports' rows.
 *
 * Returns: %TRUE on success
 */
gboolean
wm_store_load_roll_change (WmStore       *store,
                           gint64         school_id,
                           WmDay          as_of,
                           WmRollChange  *out,
                           GError       **error)
{
  g_auto(WmRollChange) change = { .day = WM_DAY_NONE,
                                  .previous_day = WM_DAY_NONE };
  gint64 ids[2] = { 0, 0 };

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (as_of != WM_DAY_NONE, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  change.left_out = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!find_exports (store, school_id, as_of, ids, &change, error)
      || (ids[1] != 0
          && !find_left_out (store, ids[0], ids[1], change.left_out, error)))
    return FALSE;

  g_debug ("School %" G_GINT64_FORMAT ": roll exports %" G_GINT64_FORMAT
           " (%u pupils) and %" G_GINT64_FORMAT " (%u pupils), %u left out",
           school_id, ids[0], change.n_listed, ids[1], change.n_previous,
           change.left_out->len);
  *out = change;
  change.left_out = NULL;
  return TRUE;
}

static int
compare_ids (const void *a,
             const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/**
 * wm_roll_change_leaves_out:
 * @change: a roll change from wm_store_load_roll_change()
 * @pupil_id: a pupil
 *
 * Returns: whether the older of the two exports lists @pupil_id and the
 *   newer one does not
 */
gboolean
wm_roll_change_leaves_out (const WmRollChange *change,
                           gint64              pupil_id)
{
  g_return_val_if_fail (change != NULL, FALSE);

  if (change->left_out == NULL || change->left_out->len == 0)
    return FALSE;

  return bsearch (&pupil_id, change->left_out->data, change->left_out->len,
                  sizeof (gint64), compare_ids) != NULL;
}
