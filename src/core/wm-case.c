/* wm-case.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-case.h"

#include "wm-error.h"
#include "wm-i18n-private.h"
#include "wm-store-records-private.h"

/*
 * Cases: opened for a pupil, allocated from one officer to another,
 * closed and reopened. The `cases` row contains the present state and
 * `case_events` the history, so an allocation or a closing is never
 * overwritten. Each change is one transaction with its audit entry (ids
 * only: officers' and pupils' names stay out of the audit log) and marks
 * the pupil for evaluation, since the evaluator reads the case.
 */

#define CASE_COLUMNS \
  "id, pupil_id, opened_on, open_reason, lead_officer, closed_on, " \
  "close_reason, created_at, created_by"

/**
 * wm_case_free:
 * @c: (nullable): a case
 *
 * Frees a case returned by wm_case_get() or wm_case_list_for_pupil().
 */
void
wm_case_free (WmCase *c)
{
  if (c == NULL)
    return;

  g_free (c->open_reason);
  g_free (c->lead_officer);
  g_free (c->close_reason);
  g_free (c->created_at);
  g_free (c->created_by);
  g_free (c);
}

/**
 * wm_case_event_free:
 * @event: (nullable): an event
 *
 * Frees an event returned by wm_case_list_history().
 */
void
wm_case_event_free (WmCaseEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->event);
  g_free (event->officer);
  g_free (event->reason);
  g_free (event->recorded_at);
  g_free (event->recorded_by);
  g_free (event);
}

static WmCase *
read_case (sqlite3_stmt *stmt)
{
  WmCase *c = g_new0 (WmCase, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->pupil_id = sqlite3_column_int64 (stmt, 1);
  c->opened_on = _wm_store_column_day (stmt, 2);
  c->open_reason = _wm_store_column_dup (stmt, 3);
  c->lead_officer = _wm_store_column_dup (stmt, 4);
  c->closed_on = _wm_store_column_day (stmt, 5);
  c->close_reason = _wm_store_column_dup (stmt, 6);
  c->created_at = _wm_store_column_dup (stmt, 7);
  c->created_by = _wm_store_column_dup (stmt, 8);
  return c;
}

static void
set_no_case_error (WmStore  *store,
                   gint64    case_id,
                   GError  **error)
{
  g_set_error (error, WM_ERROR, WM_ERROR_NOT_FOUND,
               "There is no case %" G_GINT64_FORMAT " in %s; open a case for "
               "the pupil first", case_id, wm_store_get_path (store));
}

/**
 * wm_case_get:
 * @store: a store
 * @case_id: the case
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the case, or %NULL with
 *   %WM_ERROR_NOT_FOUND when there is no such case
 */
WmCase *
wm_case_get (WmStore  *store,
             gint64    case_id,
             GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  stmt = _wm_store_prepare (store,
    "SELECT " CASE_COLUMNS " FROM cases WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, case_id);
  if (!_wm_store_step_row (store, stmt, &row, N_("reading a case"), error))
    return NULL;

  if (!row)
    {
      set_no_case_error (store, case_id, error);
      return NULL;
    }

  return read_case (stmt);
}

gboolean
_wm_case_get_pupil (WmStore  *store,
                    gint64    case_id,
                    gint64   *out_pupil_id,
                    GError  **error)
{
  g_autoptr(WmCase) c = wm_case_get (store, case_id, error);

  if (c == NULL)
    return FALSE;

  *out_pupil_id = c->pupil_id;
  return TRUE;
}

/**
 * wm_case_find_open:
 * @store: a store
 * @pupil_id: a pupil
 * @error: return location for a #GError
 *
 * Returns: the pupil's open case, or 0 when the pupil has none (with
 *   @error unset) or on failure (with @error set)
 */
gint64
wm_case_find_open (WmStore  *store,
                   gint64    pupil_id,
                   GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  g_return_val_if_fail (WM_IS_STORE (store), 0);

  stmt = _wm_store_prepare (store,
    "SELECT id FROM cases WHERE pupil_id = ?1 AND closed_on IS NULL", error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  if (!_wm_store_step_row (store, stmt, &row, N_("finding a case"), error))
    return 0;

  return row ? sqlite3_column_int64 (stmt, 0) : 0;
}

static GPtrArray *
read_rows (WmStore       *store,
           sqlite3_stmt  *stmt,
           gpointer     (*read) (sqlite3_stmt *stmt),
           GDestroyNotify free_func,
           const char    *doing,
           GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  gboolean row = TRUE;

  while (row)
    {
      if (!_wm_store_step_row (store, stmt, &row, doing, error))
        return NULL;
      if (row)
        g_ptr_array_add (rows, read (stmt));
    }

  return g_steal_pointer (&rows);
}

/**
 * wm_case_list_for_pupil:
 * @store: a store
 * @pupil_id: a pupil
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type WmCase): the pupil's
 *   cases, the most recently opened first; %NULL with @error set on
 *   failure
 */
GPtrArray *
wm_case_list_for_pupil (WmStore  *store,
                        gint64    pupil_id,
                        GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  stmt = _wm_store_prepare (store,
    "SELECT " CASE_COLUMNS " FROM cases WHERE pupil_id = ?1 "
    "ORDER BY opened_on DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  return read_rows (store, stmt, (gpointer) read_case,
                    (GDestroyNotify) wm_case_free, N_("reading cases"), error);
}

static WmCaseEvent *
read_event (sqlite3_stmt *stmt)
{
  WmCaseEvent *event = g_new0 (WmCaseEvent, 1);

  event->id = sqlite3_column_int64 (stmt, 0);
  event->case_id = sqlite3_column_int64 (stmt, 1);
  event->event = _wm_store_column_dup (stmt, 2);
  event->day = _wm_store_column_day (stmt, 3);
  event->officer = _wm_store_column_dup (stmt, 4);
  event->reason = _wm_store_column_dup (stmt, 5);
  event->recorded_at = _wm_store_column_dup (stmt, 6);
  event->recorded_by = _wm_store_column_dup (stmt, 7);
  return event;
}

/**
 * wm_case_list_history:
 * @store: a store
 * @case_id: a case
 * @error: return location for a #GError
 *
 * Lists everything that happened to the case, in the order it was
 * recorded: opening, changes to the opening details, allocations,
 * closings and reopenings, each with its date, officer and reason.
 *
 * Returns: (transfer container) (element-type WmCaseEvent): the events;
 *   %NULL with @error set on failure
 */
GPtrArray *
wm_case_list_history (WmStore  *store,
                      gint64    case_id,
                      GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  stmt = _wm_store_prepare (store,
    "SELECT id, case_id, event, day, officer, reason, recorded_at, "
    "  recorded_by FROM case_events WHERE case_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, case_id);
  return read_rows (store, stmt, (gpointer) read_event,
                    (GDestroyNotify) wm_case_event_free,
                    N_("reading a case's history"), error);
}

static gboolean
add_event (WmStore     *store,
           gint64       case_id,
           const char  *event,
           WmDay        day,
           const char  *officer,
           const char  *reason,
           const char  *author,
           GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autofree char *now = _wm_store_now_utc ();

  stmt = _wm_store_prepare (store,
    "INSERT INTO case_events (case_id, event, day, officer, reason, "
    "  recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  _wm_store_bind_text (stmt, 2, event);
  _wm_store_bind_day (stmt, 3, day);
  _wm_store_bind_text (stmt, 4, officer);
  _wm_store_bind_text (stmt, 5, reason);
  _wm_store_bind_text (stmt, 6, now);
  _wm_store_bind_text (stmt, 7, author);
  return _wm_store_step_done (store, stmt, N_("recording a case's history"),
                              error);
}

/* The audit entry and the dirty mark that go with every change to a
 * case, in the change's transaction. */
static gboolean
finish_change (WmStore     *store,
               const char  *action,
               gint64       case_id,
               gint64       pupil_id,
               GError     **error)
{
  g_autofree char *detail = g_strdup_printf ("pupil=%" G_GINT64_FORMAT,
                                             pupil_id);

  return _wm_store_audit_append (store, action, "case", case_id, detail,
                                 error)
         && wm_store_mark_dirty (store, pupil_id, error);
}

static gboolean
check_open_allowed (WmStore  *store,
                    gint64    pupil_id,
                    GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 open_id = wm_case_find_open (store, pupil_id, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (open_id == 0)
    return TRUE;

  /* The ids are printed with %lld, not G_GINT64_FORMAT, because
   * xgettext cuts a message at a macro and the translation would never
   * match. */
  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
               E_("Pupil %lld already has an open case (case %lld); add the "
                  "records to it, or close it first"),
               (long long) pupil_id, (long long) open_id);
  return FALSE;
}

static gint64
insert_case (WmStore     *store,
             gint64       pupil_id,
             WmDay        opened_on,
             const char  *reason,
             const char  *lead_officer,
             const char  *author,
             GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autofree char *now = _wm_store_now_utc ();
  gboolean row = FALSE;

  stmt = _wm_store_prepare (store,
    "INSERT INTO cases (pupil_id, opened_on, open_reason, lead_officer, "
    "  created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
    error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  _wm_store_bind_day (stmt, 2, opened_on);
  _wm_store_bind_text (stmt, 3, reason);
  _wm_store_bind_text (stmt, 4, lead_officer);
  _wm_store_bind_text (stmt, 5, now);
  _wm_store_bind_text (stmt, 6, author);
  if (!_wm_store_step_row (store, stmt, &row, N_("opening a case"), error))
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
check_pupil (WmStore  *store,
             gint64    pupil_id,
             GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  stmt = _wm_store_prepare (store, "SELECT 1 FROM pupils WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  if (!_wm_store_step_row (store, stmt, &row, N_("finding a pupil"), error))
    return FALSE;

  if (!row)
    g_set_error (error, WM_ERROR, WM_ERROR_NOT_FOUND,
                 "There is no pupil %" G_GINT64_FORMAT " in %s; import or add "
                 "the pupil first", pupil_id, wm_store_get_path (store));
  return row;
}

static gboolean
check_day (WmDay        day,
           const char  *what,
           GError     **error)
{
  if (day != WM_DAY_NONE)
    return TRUE;

  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
               E_("%s: this date is required"), what);
  return FALSE;
}

/**
 * wm_case_open:
 * @store: a store
 * @pupil_id: the pupil
 * @opened_on: the date the case opens
 * @reason: (nullable): why it is opened
 * @lead_officer: (nullable): the officer it is allocated to
 * @author: (nullable): who records it
 * @error: return location for a #GError
 *
 * Opens a case for a pupil who has no open case, records the opening as
 * the first allocation in the case's history, writes a "case-open" audit
 * entry and marks the pupil for evaluation, all in one transaction.
 *
 * Returns: the new case's id; 0 with %WM_ERROR_NOT_FOUND when the pupil
 *   does not exist, %WM_ERROR_INVALID_INPUT when the pupil already has an
 *   open case or @opened_on is %WM_DAY_NONE, or %WM_ERROR_BUSY when the
 *   database stayed locked
 */
gint64
wm_case_open (WmStore     *store,
              gint64       pupil_id,
              WmDay        opened_on,
              const char  *reason,
              const char  *lead_officer,
              const char  *author,
              GError     **error)
{
  gboolean outer = FALSE, ok;
  gint64 case_id = 0;

  g_return_val_if_fail (WM_IS_STORE (store), 0);

  if (!check_day (opened_on, "Case opened on", error)
      || !_wm_store_write_begin (store, &outer, error))
    return 0;

  ok = check_pupil (store, pupil_id, error)
       && check_open_allowed (store, pupil_id, error)
       && (case_id = insert_case (store, pupil_id, opened_on, reason,
                                  lead_officer, author, error)) > 0
       && add_event (store, case_id, "open", opened_on, lead_officer, reason,
                     author, error)
       && finish_change (store, "case-open", case_id, pupil_id, error);

  if (!_wm_store_write_end (store, outer, ok, error))
    return 0;

  g_debug ("Opened case %" G_GINT64_FORMAT " for pupil %" G_GINT64_FORMAT,
           case_id, pupil_id);
  return case_id;
}

typedef gboolean (*CaseChange) (WmStore       *store,
                                const WmCase  *c,
                                WmDay          day,
                                const char    *text,
                                const char    *author,
                                GError       **error);

/* Reads the case, applies @change and finishes with the audit entry, in
 * one transaction. */
static gboolean
change_case (WmStore     *store,
             gint64       case_id,
             const char  *action,
             CaseChange   change,
             WmDay        day,
             const char  *text,
             const char  *author,
             GError     **error)
{
  g_autoptr(WmCase) c = NULL;
  gboolean outer = FALSE, ok;

  if (!check_day (day, "Date", error)
      || !_wm_store_write_begin (store, &outer, error))
    return FALSE;

  c = wm_case_get (store, case_id, error);
  ok = c != NULL
       && change (store, c, day, text, author, error)
       && finish_change (store, action, case_id, c->pupil_id, error);
  return _wm_store_write_end (store, outer, ok, error);
}

static gboolean
update_case (WmStore     *store,
             const char  *sql,
             gint64       case_id,
             WmDay        day,
             const char  *text,
             GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = _wm_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;

  /* ?1 is the case, ?2 the day and ?3 the text, for the statements that
   * use them. */
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    _wm_store_bind_day (stmt, 2, day);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    _wm_store_bind_text (stmt, 3, text);
  return _wm_store_step_done (store, stmt, N_("changing a case"), error);
}

static gboolean
check_not_before_opening (const WmCase  *c,
                          WmDay          day,
                          const char    *what,
                          GError       **error)
{
  g_autofree char *opened = NULL;
  g_autofree char *given = NULL;

  if (day >= c->opened_on)
    return TRUE;

  opened = wm_day_format_long (c->opened_on);
  given = wm_day_format_long (day);
  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
               E_("%s: %s is before the case was opened (%s); give a later date"),
               what, given, opened);
  return FALSE;
}

static gboolean
set_opened (WmStore       *store,
            const WmCase  *c,
            WmDay          day,
            const char    *reason,
            const char    *author,
            GError       **error)
{
  if (c->closed_on != WM_DAY_NONE && day > c->closed_on)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("Case opened on: the date is after the case was closed; "
                      "give an earlier date"));
      return FALSE;
    }

  return update_case (store, "UPDATE cases SET opened_on = ?2, "
                      "open_reason = ?3 WHERE id = ?1", c->id, day, reason,
                      error)
         && add_event (store, c->id, "edit", day, NULL, reason, author,
                       error);
}

/**
 * wm_case_set_opened:
 * @store: a store
 * @case_id: the case
 * @opened_on: the corrected opening date
 * @reason: (nullable): the corrected reason for opening
 * @author: (nullable): who changes it
 * @error: return location for a #GError
 *
 * Corrects the date and reason of the case's opening. The change is kept
 * in the history as an "edit" event and audited as "case-edit". The
 * pupil's other cases and other pupils' cases are not touched.
 *
 * Returns: %TRUE on success
 */
gboolean
wm_case_set_opened (WmStore     *store,
                    gint64       case_id,
                    WmDay        opened_on,
                    const char  *reason,
                    const char  *author,
                    GError     **error)
{
  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  return change_case (store, case_id, "case-edit", set_opened, opened_on,
                      reason, author, error);
}

static gboolean
allocate (WmStore       *store,
          const WmCase  *c,
          WmDay          day,
          const char    *officer,
          const char    *author,
          GError       **error)
{
  if (officer == NULL || *officer == '\0')
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("Allocated to: name the officer the case goes to"));
      return FALSE;
    }

  return check_not_before_opening (c, day, "Allocated from", error)
         && update_case (store, "UPDATE cases SET lead_officer = ?3 "
                         "WHERE id = ?1", c->id, day,
                         officer, error)
         && add_event (store, c->id, "allocate", day, officer, NULL, author,
                       error);
}

/**
 * wm_case_allocate:
 * @store: a store
 * @case_id: the case
 * @from_day: the first day the officer leads the case
 * @officer: the officer
 * @author: (nullable): who records the allocation
 * @error: return location for a #GError
 *
 * Allocates the case to another lead officer from @from_day. The earlier
 * allocations stay in the history with their dates. Audited as
 * "case-allocate".
 *
 * Returns: %TRUE on success; %WM_ERROR_INVALID_INPUT when no officer is
 *   named or @from_day is before the case was opened
 */
gboolean
wm_case_allocate (WmStore     *store,
                  gint64       case_id,
                  WmDay        from_day,
                  const char  *officer,
                  const char  *author,
                  GError     **error)
{
  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  return change_case (store, case_id, "case-allocate", allocate, from_day,
                      officer, author, error);
}

static gboolean
close_case (WmStore       *store,
            const WmCase  *c,
            WmDay          day,
            const char    *reason,
            const char    *author,
            GError       **error)
{
  if (c->closed_on != WM_DAY_NONE)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   "Case %" G_GINT64_FORMAT " is already closed; reopen it "
                   "first", c->id);
      return FALSE;
    }

  if (reason == NULL || *reason == '\0')
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("Reason for closing: this field is required"));
      return FALSE;
    }

  return check_not_before_opening (c, day, "Closed on", error)
         && update_case (store, "UPDATE cases SET closed_on = ?2, "
                         "close_reason = ?3 WHERE id = ?1", c->id, day,
                         reason, error)
         && add_event (store, c->id, "close", day, NULL, reason, author,
                       error);
}

/**
 * wm_case_close:
 * @store: a store
 * @case_id: an open case
 * @closed_on: the date it closes
 * @reason: why it closes
 * @author: (nullable): who closes it
 * @error: return location for a #GError
 *
 * Closes the case with a date and a reason, kept in the history. Audited
 * as "case-close".
 *
 * Returns: %TRUE on success; %WM_ERROR_INVALID_INPUT when the case is
 *   already closed, no reason is given or @closed_on is before the
 *   opening
 */
gboolean
wm_case_close (WmStore     *store,
               gint64       case_id,
               WmDay        closed_on,
               const char  *reason,
               const char  *author,
               GError     **error)
{
  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  return change_case (store, case_id, "case-close", close_case, closed_on,
                      reason, author, error);
}

static gboolean
reopen_case (WmStore       *store,
             const WmCase  *c,
             WmDay          day,
             const char    *reason,
             const char    *author,
             GError       **error)
{
  if (c->closed_on == WM_DAY_NONE)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   "Case %" G_GINT64_FORMAT " is open; only a closed case can "
                   "be reopened", c->id);
      return FALSE;
    }

  if (day < c->closed_on)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("Reopened on: the date is before the case was closed; "
                      "give a later date"));
      return FALSE;
    }

  return check_open_allowed (store, c->pupil_id, error)
         && update_case (store, "UPDATE cases SET closed_on = NULL, "
                         "close_reason = NULL WHERE id = ?1", c->id, day,
                         reason, error)
         && add_event (store, c->id, "reopen", day, NULL, reason, author,
                       error);
}

/**
 * wm_case_reopen:
 * @store: a store
 * @case_id: a closed case
 * @reopened_on: the date it reopens
 * @reason: (nullable): why
 * @author: (nullable): who reopens it
 * @error: return location for a #GError
 *
 * Reopens a closed case. The closing stays in the history with its date
 * and reason. Audited as "case-reopen".
 *
 * Returns: %TRUE on success; %WM_ERROR_INVALID_INPUT when the case is
 *   open, the pupil has another open case, or @reopened_on is before the
 *   closing
 */
gboolean
wm_case_reopen (WmStore     *store,
                gint64       case_id,
                WmDay        reopened_on,
                const char  *reason,
                const char  *author,
                GError     **error)
{
  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  return change_case (store, case_id, "case-reopen", reopen_case,
                      reopened_on, reason, author, error);
}
