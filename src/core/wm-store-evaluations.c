/* wm-store-evaluations.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-store-private.h"

#include "wm-error.h"
#include "wm-i18n-private.h"
#include "wm-i18n.h"

/*
 * Stored evaluations, the history of level changes, and the set of pupils
 * whose evaluation is out of date. The evaluator takes the dirty set,
 * evaluates those pupils and saves the results. Anything that changes a
 * pupil's marks puts the pupil back in the set.
 */

static void
bind_counts (sqlite3_stmt   *stmt,
             int            *index,
             const WmCounts *counts)
{
  sqlite3_bind_int64 (stmt, (*index)++, counts->present);
  sqlite3_bind_int64 (stmt, (*index)++, counts->approved);
  sqlite3_bind_int64 (stmt, (*index)++, counts->authorised);
  sqlite3_bind_int64 (stmt, (*index)++, counts->unauthorised);
  sqlite3_bind_int64 (stmt, (*index)++, counts->late_before);
  sqlite3_bind_int64 (stmt, (*index)++, counts->late_after);
  sqlite3_bind_int64 (stmt, (*index)++, counts->not_possible);
  sqlite3_bind_int64 (stmt, (*index)++, counts->unmarked);
}

/* Binds the columns of WM_STORE_EVALUATION_COLUMNS from parameter *index
 * on, in the same order. */
static void
bind_evaluation (sqlite3_stmt       *stmt,
                 int                *index,
                 const WmEvaluation *e)
{
  _wm_store_bind_day (stmt, (*index)++, e->as_of);
  _wm_store_bind_day (stmt, (*index)++, e->window_start);
  _wm_store_bind_day (stmt, (*index)++, e->window_end);
  sqlite3_bind_int64 (stmt, (*index)++, e->window_weeks);
  bind_counts (stmt, index, &e->window);
  sqlite3_bind_int64 (stmt, (*index)++, e->attended);
  sqlite3_bind_int64 (stmt, (*index)++, e->possible);
  sqlite3_bind_int64 (stmt, (*index)++, e->unmarked);
  sqlite3_bind_int (stmt, (*index)++, e->percent_tenths);
  sqlite3_bind_int (stmt, (*index)++, e->range_low_tenths);
  sqlite3_bind_int (stmt, (*index)++, e->range_high_tenths);
  sqlite3_bind_int (stmt, (*index)++, e->level);
  sqlite3_bind_int (stmt, (*index)++, e->level_high);
  _wm_store_bind_day (stmt, (*index)++, e->threshold_start);
  sqlite3_bind_int64 (stmt, (*index)++, e->unauthorised_threshold_weeks);
  bind_counts (stmt, index, &e->ytd);
  sqlite3_bind_int64 (stmt, (*index)++, e->ytd_attended);
  sqlite3_bind_int64 (stmt, (*index)++, e->ytd_possible);
  sqlite3_bind_int (stmt, (*index)++, e->persistent_absence != FALSE);
  sqlite3_bind_int (stmt, (*index)++, e->severe_absence != FALSE);
}

static guint
column_uint (sqlite3_stmt *stmt,
             int          *column)
{
  return (guint) sqlite3_column_int64 (stmt, (*column)++);
}

static void
read_counts (sqlite3_stmt *stmt,
             int          *column,
             WmCounts     *counts)
{
  counts->present = column_uint (stmt, column);
  counts->approved = column_uint (stmt, column);
  counts->authorised = column_uint (stmt, column);
  counts->unauthorised = column_uint (stmt, column);
  counts->late_before = column_uint (stmt, column);
  counts->late_after = column_uint (stmt, column);
  counts->not_possible = column_uint (stmt, column);
  counts->unmarked = column_uint (stmt, column);
}

/**
 * _wm_store_read_evaluation:
 * @stmt: a statement on a row
 * @first_column: where the columns of WM_STORE_EVALUATION_COLUMNS start
 * @out: (out caller-allocates): the evaluation
 *
 * Reads an evaluation written by wm_store_save_evaluation().
 */
void
_wm_store_read_evaluation (sqlite3_stmt *stmt,
                           int           first_column,
                           WmEvaluation *out)
{
  int c = first_column;

  out->as_of = _wm_store_column_day (stmt, c++);
  out->window_start = _wm_store_column_day (stmt, c++);
  out->window_end = _wm_store_column_day (stmt, c++);
  out->window_weeks = column_uint (stmt, &c);
  read_counts (stmt, &c, &out->window);
  out->attended = column_uint (stmt, &c);
  out->possible = column_uint (stmt, &c);
  out->unmarked = column_uint (stmt, &c);
  out->percent_tenths = sqlite3_column_int (stmt, c++);
  out->range_low_tenths = sqlite3_column_int (stmt, c++);
  out->range_high_tenths = sqlite3_column_int (stmt, c++);
  out->level = sqlite3_column_int (stmt, c++);
  out->level_high = sqlite3_column_int (stmt, c++);
  out->threshold_start = _wm_store_column_day (stmt, c++);
  out->unauthorised_threshold_weeks = column_uint (stmt, &c);
  read_counts (stmt, &c, &out->ytd);
  out->ytd_attended = column_uint (stmt, &c);
  out->ytd_possible = column_uint (stmt, &c);
  out->persistent_absence = sqlite3_column_int (stmt, c++) != 0;
  out->severe_absence = sqlite3_column_int (stmt, c++) != 0;

  g_assert (c - first_column == WM_STORE_EVALUATION_N_COLUMNS);
}

/* Reads the level of the stored evaluation; *out_found is FALSE when the
 * pupil has never been evaluated. */
static gboolean
read_stored_level (WmStore   *store,
                   gint64     pupil_id,
                   gboolean  *out_found,
                   gint      *out_level,
                   gint      *out_level_high,
                   GError   **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  stmt = _wm_store_prepare (store,
    "SELECT level, level_high FROM evaluations WHERE pupil_id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  if (!_wm_store_step_row (store, stmt, out_found, N_("reading an evaluation"),
                           error))
    return FALSE;

  *out_level = *out_found ? sqlite3_column_int (stmt, 0) : WM_LEVEL_NULL;
  *out_level_high = *out_found ? sqlite3_column_int (stmt, 1) : WM_LEVEL_NULL;
  return TRUE;
}

#define PARAMS_5 "?, ?, ?, ?, ?, "
#define PARAMS_34 \
  PARAMS_5 PARAMS_5 PARAMS_5 PARAMS_5 PARAMS_5 PARAMS_5 "?, ?, ?, ?, "

static gboolean
write_evaluation (WmStore             *store,
                  gint64               pupil_id,
                  const WmEvaluation  *evaluation,
                  const char          *now,
                  GError             **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  int index = 2;

  stmt = _wm_store_prepare (store,
    "INSERT OR REPLACE INTO evaluations (pupil_id, "
    WM_STORE_EVALUATION_COLUMNS ", evaluated_at) "
    "VALUES (?1, " PARAMS_34 "?)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  bind_evaluation (stmt, &index, evaluation);
  _wm_store_bind_text (stmt, index, now);
  return _wm_store_step_done (store, stmt, N_("saving an evaluation"), error);
}

static gboolean
write_level_change (WmStore             *store,
                    gint64               pupil_id,
                    gboolean             had_evaluation,
                    gint                 old_level,
                    gint                 old_level_high,
                    const WmEvaluation  *evaluation,
                    const char          *now,
                    GError             **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  /* The reason is stored and printed in later bundles, so it is English
   * whatever the locale of the evaluator's process (see wm-i18n.c). */
  g_auto(WmEnglishScope) english = wm_english_scope_begin ();
  g_autofree char *reason = wm_evaluation_describe (evaluation);

  stmt = _wm_store_prepare (store,
    "INSERT INTO level_history (pupil_id, as_of, old_level, old_level_high, "
    "  level, level_high, reason, recorded_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  _wm_store_bind_day (stmt, 2, evaluation->as_of);
  if (had_evaluation)
    {
      sqlite3_bind_int (stmt, 3, old_level);
      sqlite3_bind_int (stmt, 4, old_level_high);
    }
  sqlite3_bind_int (stmt, 5, evaluation->level);
  sqlite3_bind_int (stmt, 6, evaluation->level_high);
  _wm_store_bind_text (stmt, 7, reason);
  _wm_store_bind_text (stmt, 8, now);
  return _wm_store_step_done (store, stmt, N_("recording a level change"),
                              error);
}

static gboolean
save_evaluation (WmStore             *store,
                 gint64               pupil_id,
                 const WmEvaluation  *evaluation,
                 gboolean            *out_changed,
                 GError             **error)
{
  g_autofree char *now = _wm_store_now_utc ();
  gboolean found = FALSE;
  gint old_level, old_level_high;

  if (!read_stored_level (store, pupil_id, &found, &old_level,
                          &old_level_high, error)
      || !write_evaluation (store, pupil_id, evaluation, now, error))
    return FALSE;

  /* The first evaluation that places the pupil starts the history. One
   * that cannot place the pupil (nothing possible yet) does not, because
   * there is no level to record. */
  if (found)
    *out_changed = evaluation->level != old_level
                   || evaluation->level_high != old_level_high;
  else
    *out_changed = evaluation->level != WM_LEVEL_NULL;

  if (!*out_changed)
    return TRUE;

  return write_level_change (store, pupil_id, found, old_level,
                             old_level_high, evaluation, now, error);
}

/**
 * wm_store_save_evaluation:
 * @store: a store
 * @pupil_id: the pupil
 * @evaluation: the pupil's evaluation
 * @out_level_changed: (out) (optional): set to %TRUE when a level-history
 *   row was written
 * @error: return location for a #GError
 *
 * Stores the evaluation in place of the pupil's previous one. When the
 * level or the upper end of a level range differs from the stored
 * evaluation's, or when this is the first evaluation that places the
 * pupil, a level-history row records the old and new level with
 * wm_evaluation_describe() as the reason.
 *
 * Returns: %TRUE on success
 */
gboolean
wm_store_save_evaluation (WmStore             *store,
                          gint64               pupil_id,
                          const WmEvaluation  *evaluation,
                          gboolean            *out_level_changed,
                          GError             **error)
{
  gboolean outer = FALSE, changed = FALSE, ok;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (evaluation != NULL, FALSE);

  if (!_wm_store_write_begin (store, &outer, error))
    return FALSE;

  ok = save_evaluation (store, pupil_id, evaluation, &changed, error);
  if (!_wm_store_write_end (store, outer, ok, error))
    return FALSE;

  if (out_level_changed != NULL)
    *out_level_changed = changed;
  return TRUE;
}

/**
 * wm_store_mark_dirty:
 * @store: a store
 * @pupil_id: the pupil
 * @error: return location for a #GError
 *
 * Records that the pupil's stored evaluation is out of date, for the
 * evaluator to pick up. Marking a pupil twice is the same as once.
 *
 * Returns: %TRUE on success
 */
gboolean
wm_store_mark_dirty (WmStore  *store,
                     gint64    pupil_id,
                     GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  stmt = _wm_store_prepare (store,
    "INSERT OR IGNORE INTO dirty_pupils (pupil_id) VALUES (?1)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  return _wm_store_step_done (store, stmt, N_("marking a pupil for evaluation"),
                              error);
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/**
 * wm_store_take_dirty:
 * @store: a store
 * @error: return location for a #GError
 *
 * Takes the set of pupils whose evaluation is out of date. One statement
 * returns them and empties the set, so a pupil marked by another
 * connection at the same moment is either returned now or kept for the
 * next call, never lost.
 *
 * Returns: (transfer full) (element-type gint64): the pupil ids in
 *   ascending order, possibly none; %NULL with @error set on failure
 */
GArray *
wm_store_take_dirty (WmStore  *store,
                     GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  gboolean row = TRUE;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  stmt = _wm_store_prepare (store,
    "DELETE FROM dirty_pupils RETURNING pupil_id", error);
  if (stmt == NULL)
    return NULL;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (row)
    {
      if (!_wm_store_step_row (store, stmt, &row,
                               N_("taking the pupils to evaluate"), error))
        return NULL;
      if (row)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
    }

  g_array_sort (ids, compare_ids);
  return g_steal_pointer (&ids);
}
