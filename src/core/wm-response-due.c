/* wm-response-due.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-response-private.h"

#include <stdio.h>

#include "wm-engine.h"

typedef struct
{
  gboolean  safeguarding;
  WmDay     day;
  gint64    pupil_id;
  char     *line;
} DueLine;

static void
due_line_free (DueLine *line)
{
  g_free (line->line);
  g_free (line);
}

/* A safeguarding concern overrides every other display of the case, so
 * its pupil's lines come first; then the oldest date first. */
static gint
compare_lines (gconstpointer a,
               gconstpointer b)
{
  const DueLine *la = *(DueLine * const *) a;
  const DueLine *lb = *(DueLine * const *) b;

  if (la->safeguarding != lb->safeguarding)
    return la->safeguarding ? -1 : 1;
  if (la->day != lb->day)
    return la->day < lb->day ? -1 : 1;

  return la->pupil_id < lb->pupil_id ? -1 : la->pupil_id > lb->pupil_id;
}

/* Line breaks and tabs inside a sentence would break the line. */
static char *
one_line (const char *text)
{
  char *copy = g_strdup (text);

  g_strdelimit (copy, "\t\r\n", ' ');
  return copy;
}

static void
add_lines (GPtrArray            *lines,
           const WmPupilSummary *pupil,
           const WmResponse     *response)
{
  gboolean safeguarding = wm_response_has_route (response,
                                                 WM_ROUTE_SAFEGUARDING);

  for (guint i = 0; i < response->deadlines->len; i++)
    {
      const WmDeadline *deadline = g_ptr_array_index (response->deadlines, i);
      g_autofree char *iso = wm_day_to_iso (deadline->day);
      g_autofree char *what = one_line (deadline->sentence);
      DueLine *line = g_new0 (DueLine, 1);

      line->safeguarding = safeguarding;
      line->day = deadline->day;
      line->pupil_id = pupil->id;
      line->line = g_strdup_printf ("%s\t%s\t%s\t%s", iso,
                                    wm_due_status_to_string (deadline->status),
                                    pupil->upn, what);
      g_ptr_array_add (lines, line);
    }
}

/**
 * wm_response_print_due:
 * @store: the store
 * @as_of: the evaluation date
 * @error: return location for a #GError
 *
 * Prints what is due and overdue across the caseload as of @as_of, one
 * line each: the date, the status ("due", "due-today" or "overdue"), the
 * pupil's UPN and what falls due, separated by tabs. The lines of pupils
 * with a safeguarding concern come first, then the oldest date first.
 *
 * Returns: %TRUE on success
 */
gboolean
wm_response_print_due (WmStore  *store,
                       WmDay     as_of,
                       GError  **error)
{
  g_autoptr(GPtrArray) pupils = wm_store_list_pupils (store, error);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(WmEngine) engine = NULL;

  if (pupils == NULL)
    return FALSE;

  engine = wm_engine_new (store, as_of);
  lines = g_ptr_array_new_with_free_func ((GDestroyNotify) due_line_free);
  for (guint i = 0; i < pupils->len; i++)
    {
      const WmPupilSummary *pupil = g_ptr_array_index (pupils, i);
      g_autoptr(WmResponse) response = wm_engine_respond_pupil (engine,
                                                                pupil->id,
                                                                error);

      if (response == NULL)
        return FALSE;

      add_lines (lines, pupil, response);
    }

  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    printf ("%s\n", ((DueLine *) g_ptr_array_index (lines, i))->line);

  return TRUE;
}
