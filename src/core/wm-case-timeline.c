/* wm-case-timeline.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-case-private.h"

#include <string.h>

#include "wm-i18n-private.h"

/*
 * A pupil's case history on the Timeline: each case's opening, closing
 * and reopening, and each allocation to another officer. Who led the case
 * and from when, and why it was closed or reopened, are part of the
 * chronology a court bundle is read with, so each event is an entry of
 * its own beside the records. Edits of the opening details are left out,
 * because they correct the opening rather than add to the history.
 */

/* The Timeline kind and the title of each event shown. The titles, like
 * every Timeline text, are translated where they are shown, with _():
 * the window shows them in the officer's language, and the bundle, which
 * builds them inside an English scope, in English. */
static const struct
{
  const char *event;
  const char *kind;
  const char *title;
} case_events[] = {
  { "open", "case-open", N_("Case opened") },
  { "close", "case-close", N_("Case closed") },
  { "reopen", "case-reopen", N_("Case reopened") },
};

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* "Reason: ... · Recorded by ...", leaving out what is not stored. */
static char *
event_detail (const char *reason,
              const char *recorded_by)
{
  g_autoptr(GString) detail = g_string_new (NULL);

  if (reason != NULL && *reason != '\0')
    g_string_append_printf (detail, _("Reason: %s"), reason);
  if (recorded_by != NULL && *recorded_by != '\0')
    {
      if (detail->len > 0)
        g_string_append (detail, " · ");
      g_string_append_printf (detail, _("Recorded by %s"), recorded_by);
    }

  if (detail->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&detail), FALSE);
}

/* An opening names the officer who leads the case; a closing or a
 * reopening is by the officer who recorded it, named in the detail. */
static char *
event_title (const char *event,
             const char *officer,
             const char **out_kind)
{
  if (strcmp (event, "allocate") == 0)
    {
      *out_kind = "case-allocation";
      return g_strdup_printf (_("Case allocated to %s"), officer);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (case_events); i++)
    if (strcmp (event, case_events[i].event) == 0)
      {
        *out_kind = case_events[i].kind;
        if (officer != NULL && *officer != '\0')
          /* Translators: a Timeline event, "Case opened, led by Sam
           * Patel": the event, then the officer who leads the case. */
          return g_strdup_printf (_("%s, led by %s"), _(case_events[i].title),
                                  officer);
        return g_strdup (_(case_events[i].title));
      }

  g_assert_not_reached ();
}

static WmTimelineEntry *
event_entry (sqlite3_stmt *stmt)
{
  WmTimelineEntry *entry = g_new0 (WmTimelineEntry, 1);
  const char *kind = NULL;

  entry->object_id = sqlite3_column_int64 (stmt, 0);
  entry->day = _wm_store_column_day (stmt, 1);
  entry->recorded_at = _wm_store_column_dup (stmt, 2);
  entry->title = event_title (column_text (stmt, 5), column_text (stmt, 3),
                              &kind);
  entry->kind = g_strdup (kind);
  entry->detail = event_detail (column_text (stmt, 6), column_text (stmt, 4));
  return entry;
}

/**
 * _wm_case_timeline_add_events:
 * @store: a store
 * @pupil_id: the pupil
 * @entries: (element-type WmTimelineEntry): the Timeline being built
 * @error: return location for a #GError
 *
 * Adds an entry for each event of the pupil's cases, dated by the day
 * the event took effect: "case-open" ("Case opened, led by Sam Patel"),
 * "case-close" ("Case closed") and "case-reopen" ("Case reopened"), with
 * the reason and who recorded it as detail ("Reason: Attendance below
 * 90% · Recorded by A. Officer"), and "case-allocation" for each
 * allocation to another officer ("Case allocated to Sam Patel"), with who
 * recorded it as detail ("Recorded by A. Officer"). Every kind starts
 * with "case-". The entry's object id is the case event's id.
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
    "SELECT e.id, e.day, e.recorded_at, e.officer, e.recorded_by, e.event, "
    "  e.reason "
    "FROM case_events e JOIN cases c ON c.id = e.case_id "
    "WHERE c.pupil_id = ?1 "
    "  AND e.event IN ('open', 'close', 'reopen', 'allocate')", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  while (row)
    {
      if (!_wm_store_step_row (store, stmt, &row, N_("reading the timeline"),
                               error))
        return FALSE;
      if (row)
        g_ptr_array_add (entries, event_entry (stmt));
    }

  return TRUE;
}
