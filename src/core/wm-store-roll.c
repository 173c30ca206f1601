/* wm-store-roll.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-store-private.h"

#include <stdlib.h>

/*
 * Who a school's roll exports list, for pupils who drop out of the next
 * export without a leaving date (children missing education).
 *
 * A roll export is a Common Transfer File import from the school that
 * stored a register for at least one pupil: the import writes one
 * `import_pupils` row for each pupil it carries marks for. A CSV marks
 * file also writes such rows but lists only the pupils whose marks it
 * carries, and a CSV terms file lists no pupils, so neither is a roll
 * export.
 *
 * NOTE: a CSV pupils file lists the whole roll too, but the store keeps
 * no row for each pupil it lists, so it is not read as a roll export.
 * NOTE: an export is dated by the last register day it carries, because
 * the file's own export date is not stored.
 */

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
    "SELECT i.id, max (p.last_day) AS day, count (*) "
    "FROM imports i JOIN import_pupils p ON p.import_id = i.id "
    "WHERE i.school_id = ?1 AND i.kind = 'ctf' "
    "GROUP BY i.id HAVING day <= ?2 "
    "ORDER BY day DESC, i.id DESC LIMIT 2", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, school_id);
  _wm_store_bind_day (stmt, 2, as_of);
  if (!_wm_store_step_row (store, stmt, &row, "reading the roll exports",
                           error))
    return FALSE;
  if (!row)
    return TRUE;

  read_export (stmt, &out_ids[0], &out->day, &out->n_listed);
  if (!_wm_store_step_row (store, stmt, &row, "reading the roll exports",
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
    "SELECT pupil_id FROM import_pupils WHERE import_id = ?2 "
    "EXCEPT SELECT pupil_id FROM import_pupils WHERE import_id = ?1 "
    "ORDER BY 1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, latest);
  sqlite3_bind_int64 (stmt, 2, previous);
  for (;;)
    {
      gint64 pupil_id;

      if (!_wm_store_step_row (store, stmt, &row, "reading the roll exports",
                               error))
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
 * A roll export is a Common Transfer File from the school that carries
 * registers, dated by the last register day it carries. Fills in how many
 * pupils each lists and which pupils the older one lists and the newer
 * one leaves out. The response judges whether that matters for a pupil
 * (a partial export, a leaving date). With fewer than two exports, @out->previous_day is
 * %WM_DAY_NONE and @out->left_out is empty. Read it once per school: the
 * reading costs one pass over the two exports' rows.
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
