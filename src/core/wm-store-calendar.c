/* wm-store-calendar.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-store-private.h"

#include <string.h>

#include "wm-error.h"
#include "wm-i18n-private.h"

/*
 * The school calendar as imports reveal it. A school's register export
 * does not list its term dates, so a session counts as held when any
 * pupil of the school has a code for it other than `#` (a planned
 * whole-school closure). An unmarked session is a gap in the register,
 * not evidence that the school was open, and "no session" is nothing at
 * all. The calendar is kept in `school_sessions` and rebuilt from the
 * marks after each import.
 */

#define MAX_YEAR_SLOTS 732

typedef struct
{
  guint   year;
  WmDay   start;
  guint   n_slots;
  guint8  held[MAX_YEAR_SLOTS];
} HeldYear;

typedef struct
{
  gint64    school_id;
  gboolean  changed;
  gboolean  have_year;
  HeldYear  current;
  HeldYear  stored;
} RebuildContext;

static void
held_year_init (HeldYear *held,
                guint     year)
{
  held->year = year;
  held->start = wm_day_from_ymd (year, 9, 1);
  held->n_slots = (wm_day_from_ymd (year + 1, 9, 1) - held->start) * 2;
  memset (held->held, 0, sizeof held->held);
}

/* ORs one pupil's year of codes into the year's held sessions. */
static void
add_codes (HeldYear     *held,
           const guint8 *codes,
           gsize         n_codes)
{
  for (gsize slot = 0; slot < MIN (n_codes, held->n_slots); slot++)
    if (wm_mark_is_code (codes[slot]) && codes[slot] != WM_MARK_CLOSED)
      held->held[slot] = 1;
}

static void
bind_year_range (sqlite3_stmt   *stmt,
                 const HeldYear *held)
{
  _wm_store_bind_day (stmt, 2, held->start);
  _wm_store_bind_day (stmt, 3, held->start + held->n_slots / 2 - 1);
}

static gboolean
read_stored_year (WmStore         *store,
                  RebuildContext  *ctx,
                  GError         **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  HeldYear *stored = &ctx->stored;
  gboolean row = TRUE;

  held_year_init (stored, ctx->current.year);
  stmt = _wm_store_prepare (store,
    "SELECT day, session FROM school_sessions "
    "WHERE school_id = ?1 AND day BETWEEN ?2 AND ?3", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, ctx->school_id);
  bind_year_range (stmt, stored);
  while (row)
    {
      if (!_wm_store_step_row (store, stmt, &row, N_("reading the calendar"),
                               error))
        return FALSE;
      if (row)
        {
          WmDay day = _wm_store_column_day (stmt, 0);
          gboolean pm = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1),
                                   "PM") == 0;

          stored->held[(day - stored->start) * 2 + pm] = 1;
        }
    }

  return TRUE;
}

static gboolean
delete_year (WmStore         *store,
             RebuildContext  *ctx,
             GError         **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  stmt = _wm_store_prepare (store,
    "DELETE FROM school_sessions "
    "WHERE school_id = ?1 AND day BETWEEN ?2 AND ?3", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, ctx->school_id);
  bind_year_range (stmt, &ctx->current);
  return _wm_store_step_done (store, stmt, N_("updating the calendar"), error);
}

static gboolean
insert_held (WmStore         *store,
             RebuildContext  *ctx,
             GError         **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  const HeldYear *held = &ctx->current;

  stmt = _wm_store_prepare (store,
    "INSERT INTO school_sessions (school_id, day, session) "
    "VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;

  for (guint slot = 0; slot < held->n_slots; slot++)
    {
      if (!held->held[slot])
        continue;

      sqlite3_bind_int64 (stmt, 1, ctx->school_id);
      _wm_store_bind_day (stmt, 2, held->start + slot / 2);
      _wm_store_bind_text (stmt, 3, slot % 2 ? "PM" : "AM");
      if (!_wm_store_step_done (store, stmt, N_("updating the calendar"),
                                error))
        return FALSE;
      sqlite3_reset (stmt);
    }

  return TRUE;
}

/* Replaces the stored sessions of the current year when they differ. */
static gboolean
flush_year (WmStore         *store,
            RebuildContext  *ctx,
            GError         **error)
{
  if (!read_stored_year (store, ctx, error))
    return FALSE;

  if (memcmp (ctx->stored.held, ctx->current.held, sizeof ctx->current.held)
      == 0)
    return TRUE;

  ctx->changed = TRUE;
  return delete_year (store, ctx, error) && insert_held (store, ctx, error);
}

static gboolean
add_marks_row (WmStore         *store,
               RebuildContext  *ctx,
               sqlite3_stmt    *stmt,
               GError         **error)
{
  guint year = (guint) sqlite3_column_int (stmt, 0);

  if (ctx->have_year && year != ctx->current.year
      && !flush_year (store, ctx, error))
    return FALSE;

  if (!ctx->have_year || year != ctx->current.year)
    held_year_init (&ctx->current, year);

  ctx->have_year = TRUE;
  add_codes (&ctx->current, sqlite3_column_blob (stmt, 1),
             (gsize) sqlite3_column_bytes (stmt, 1));
  return TRUE;
}

static gboolean
rebuild_years (WmStore         *store,
               RebuildContext  *ctx,
               GError         **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = TRUE;

  stmt = _wm_store_prepare (store,
    "SELECT year, codes FROM marks WHERE school_id = ?1 ORDER BY year",
    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, ctx->school_id);
  while (row)
    {
      if (!_wm_store_step_row (store, stmt, &row, N_("reading register marks"),
                               error))
        return FALSE;
      if (row && !add_marks_row (store, ctx, stmt, error))
        return FALSE;
    }

  return !ctx->have_year || flush_year (store, ctx, error);
}

/* Sessions of school years that no longer have any marks go too. */
static gboolean
delete_stale_years (WmStore         *store,
                    RebuildContext  *ctx,
                    GError         **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  stmt = _wm_store_prepare (store,
    "DELETE FROM school_sessions WHERE school_id = ?1 AND NOT EXISTS ("
    "  SELECT 1 FROM marks m WHERE m.school_id = ?1 AND m.year = "
    "    CAST (substr (day, 1, 4) AS INTEGER) - (substr (day, 6, 2) < '09'))",
    error);
  if (stmt == NULL
      || !_wm_store_step_done (store, stmt, N_("updating the calendar"), error))
    return FALSE;

  if (sqlite3_changes (wm_store_get_db (store)) > 0)
    ctx->changed = TRUE;
  return TRUE;
}

/* A changed calendar moves every pupil's window, so the school's pupils
 * all need evaluating again. */
static gboolean
mark_school_dirty (WmStore         *store,
                   RebuildContext  *ctx,
                   GError         **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  stmt = _wm_store_prepare (store,
    "INSERT OR IGNORE INTO dirty_pupils (pupil_id) "
    "SELECT DISTINCT pupil_id FROM marks WHERE school_id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, ctx->school_id);
  return _wm_store_step_done (store, stmt, N_("marking pupils for evaluation"),
                              error);
}

static gboolean
rebuild_calendar (WmStore         *store,
                  RebuildContext  *ctx,
                  GError         **error)
{
  if (!rebuild_years (store, ctx, error)
      || !delete_stale_years (store, ctx, error))
    return FALSE;

  return !ctx->changed || mark_school_dirty (store, ctx, error);
}

/**
 * wm_store_rebuild_calendar:
 * @store: a store
 * @school_id: the school
 * @error: return location for a #GError
 *
 * Recomputes the sessions the school held from every stored register of
 * its pupils. A session is held when any pupil has a code other than `#`
 * for it. Unmarked sessions and `#` alone do not make it held. The
 * pupils' marks are combined one school year at a time. When the
 * calendar changed, the school's pupils are marked for evaluation.
 *
 * Returns: %TRUE on success
 */
gboolean
wm_store_rebuild_calendar (WmStore  *store,
                           gint64    school_id,
                           GError  **error)
{
  g_autofree RebuildContext *ctx = g_new0 (RebuildContext, 1);
  gboolean outer = FALSE, ok;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  ctx->school_id = school_id;
  if (!_wm_store_write_begin (store, &outer, error))
    return FALSE;

  ok = rebuild_calendar (store, ctx, error);
  return _wm_store_write_end (store, outer, ok, error);
}

/**
 * wm_store_load_calendar:
 * @store: a store
 * @school_id: the school
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the sessions the school held, as
 *   last rebuilt (empty when nothing was imported); %NULL with @error set
 *   on failure
 */
WmCalendar *
wm_store_load_calendar (WmStore  *store,
                        gint64    school_id,
                        GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autoptr(WmCalendar) calendar = NULL;
  gboolean row = TRUE;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  stmt = _wm_store_prepare (store,
    "SELECT day, session FROM school_sessions WHERE school_id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, school_id);
  calendar = wm_calendar_new ();
  while (row)
    {
      if (!_wm_store_step_row (store, stmt, &row, N_("reading the calendar"),
                               error))
        return NULL;
      if (row)
        wm_calendar_add_held (calendar, _wm_store_column_day (stmt, 0),
                              g_strcmp0 ((const char *)
                                         sqlite3_column_text (stmt, 1),
                                         "PM") == 0
                                ? WM_SESSION_PM : WM_SESSION_AM);
    }

  return g_steal_pointer (&calendar);
}
