/* wm-store-summaries.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-store-private.h"

#include "wm-error.h"
#include "wm-i18n-private.h"

/*
 * Two small tables beside the evaluations. response_summaries holds, per
 * pupil, what the caseload filters on (routes, legal steps ready, due and
 * overdue deadlines); the evaluator writes a pupil's row in the same
 * transaction as the pupil's evaluation, so the two never disagree about
 * the date they describe. notifications_sent holds the key of every
 * desktop notification sent, so that a deadline is announced once and
 * not again at each start of the application.
 */

static gboolean
write_summary (WmStore                  *store,
               gint64                    pupil_id,
               const WmResponseSummary  *summary,
               GError                  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  stmt = _wm_store_prepare (store,
    "INSERT OR REPLACE INTO response_summaries (pupil_id, as_of, routes, "
    "  ready_steps, due, overdue, next_due) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  _wm_store_bind_day (stmt, 2, summary->as_of);
  sqlite3_bind_int64 (stmt, 3, summary->routes);
  sqlite3_bind_int64 (stmt, 4, summary->ready_steps);
  sqlite3_bind_int64 (stmt, 5, summary->due);
  sqlite3_bind_int64 (stmt, 6, summary->overdue);
  _wm_store_bind_day (stmt, 7, summary->next_due);
  return _wm_store_step_done (store, stmt, N_("saving a response summary"),
                              error);
}

/**
 * wm_store_save_response_summary:
 * @store: a store
 * @pupil_id: the pupil
 * @summary: the pupil's response summary
 * @error: return location for a #GError
 *
 * Stores @summary in place of the pupil's previous one. Inside a
 * transaction the row is written as part of it; outside one it is
 * written in a transaction of its own.
 *
 * Returns: %TRUE on success; on failure nothing is written
 */
gboolean
wm_store_save_response_summary (WmStore                  *store,
                                gint64                    pupil_id,
                                const WmResponseSummary  *summary,
                                GError                  **error)
{
  gboolean outer = FALSE, ok;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);
  g_return_val_if_fail (summary->as_of != WM_DAY_NONE, FALSE);

  if (!_wm_store_write_begin (store, &outer, error))
    return FALSE;

  ok = write_summary (store, pupil_id, summary, error);
  return _wm_store_write_end (store, outer, ok, error);
}

/**
 * _wm_store_read_response_summary:
 * @stmt: a statement on a row
 * @first_column: where the columns start: as_of, routes, ready_steps,
 *   due, overdue and next_due
 * @out: (out caller-allocates): the summary
 *
 * Reads a summary written by wm_store_save_response_summary().
 */
void
_wm_store_read_response_summary (sqlite3_stmt      *stmt,
                                 int                first_column,
                                 WmResponseSummary *out)
{
  int c = first_column;

  out->as_of = _wm_store_column_day (stmt, c++);
  out->routes = (guint) sqlite3_column_int64 (stmt, c++);
  out->ready_steps = (guint) sqlite3_column_int64 (stmt, c++);
  out->due = (guint) sqlite3_column_int64 (stmt, c++);
  out->overdue = (guint) sqlite3_column_int64 (stmt, c++);
  out->next_due = _wm_store_column_day (stmt, c++);

  g_assert (c - first_column == WM_STORE_SUMMARY_N_COLUMNS);
}

/**
 * wm_store_get_response_summary:
 * @store: a store
 * @pupil_id: the pupil
 * @out: (out caller-allocates): the stored summary, zeroed when there is
 *   none
 * @out_found: (out): whether the pupil has a stored summary
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success, whether or not a summary is stored
 */
gboolean
wm_store_get_response_summary (WmStore            *store,
                               gint64              pupil_id,
                               WmResponseSummary  *out,
                               gboolean           *out_found,
                               GError            **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (out_found != NULL, FALSE);

  *out = (WmResponseSummary) { WM_DAY_NONE, 0, 0, 0, 0, WM_DAY_NONE };
  stmt = _wm_store_prepare (store,
    "SELECT as_of, routes, ready_steps, due, overdue, next_due "
    "FROM response_summaries "
    "WHERE pupil_id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  if (!_wm_store_step_row (store, stmt, out_found,
                           N_("reading a response summary"), error))
    return FALSE;

  if (*out_found)
    _wm_store_read_response_summary (stmt, 0, out);
  return TRUE;
}

/**
 * wm_store_claim_notification:
 * @store: a store
 * @key: what the notification announces, naming the deadline and its
 *   due date, such as "deadline-12-attendance-plan-review-2026-03-27"
 * @out_claimed: (out): %TRUE when @key was not recorded before and is
 *   now; %FALSE when a notification with @key was already sent
 * @error: return location for a #GError
 *
 * Records that the notification @key is being sent, unless it was sent
 * before. One statement checks and records, so two windows (or two
 * starts of the application) that announce the same deadline at the same
 * moment claim it once between them: only the caller that gets
 * @out_claimed %TRUE sends it.
 *
 * Returns: %TRUE on success
 */
gboolean
wm_store_claim_notification (WmStore     *store,
                             const char  *key,
                             gboolean    *out_claimed,
                             GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autofree char *now = _wm_store_now_utc ();

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL && *key != '\0', FALSE);
  g_return_val_if_fail (out_claimed != NULL, FALSE);

  stmt = _wm_store_prepare (store,
    "INSERT OR IGNORE INTO notifications_sent (key, sent_at) "
    "VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;

  _wm_store_bind_text (stmt, 1, key);
  _wm_store_bind_text (stmt, 2, now);
  if (!_wm_store_step_done (store, stmt, N_("recording a notification"), error))
    return FALSE;

  *out_claimed = sqlite3_changes (wm_store_get_db (store)) > 0;
  return TRUE;
}

/**
 * wm_store_was_notified:
 * @store: a store
 * @key: a notification key, as given to wm_store_claim_notification()
 * @out_sent: (out): whether a notification with @key was recorded
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
wm_store_was_notified (WmStore     *store,
                       const char  *key,
                       gboolean    *out_sent,
                       GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (out_sent != NULL, FALSE);

  stmt = _wm_store_prepare (store,
    "SELECT 1 FROM notifications_sent WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;

  _wm_store_bind_text (stmt, 1, key);
  return _wm_store_step_row (store, stmt, out_sent,
                             N_("reading the notifications sent"), error);
}
