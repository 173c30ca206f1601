/* wm-test-util.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-test-util.h"

#include <glib/gstdio.h>

/* Parses an ISO date that the test itself wrote, so it must be valid. */
WmDay
wm_test_day (const char *iso)
{
  WmDay result = WM_DAY_NONE;

  g_assert_true (wm_day_parse_iso (iso, &result));
  return result;
}

static gboolean
in_closures (WmDay         date,
             const GArray *closures)
{
  for (guint i = 0; i + 1 < closures->len; i += 2)
    if (date >= g_array_index (closures, WmDay, i)
        && date <= g_array_index (closures, WmDay, i + 1))
      return TRUE;

  return FALSE;
}

/*
 * Adds a term to @calendar: both sessions of every weekday from @first to
 * @last, except the closures, given as pairs of ISO dates (first and last
 * day closed) and ended by NULL.
 */
void
wm_test_add_term (WmCalendar *calendar,
                  const char *first,
                  const char *last,
                  ...)
{
  g_autoptr(GArray) closures = g_array_new (FALSE, FALSE, sizeof (WmDay));
  const char *closure;
  va_list args;

  va_start (args, last);
  while ((closure = va_arg (args, const char *)) != NULL)
    {
      WmDay closure_day = wm_test_day (closure);

      g_array_append_val (closures, closure_day);
    }
  va_end (args);
  g_assert_cmpuint (closures->len % 2, ==, 0);

  for (WmDay date = wm_test_day (first); date <= wm_test_day (last); date++)
    {
      if (wm_day_is_weekend (date) || in_closures (date, closures))
        continue;

      wm_calendar_add_held (calendar, date, WM_SESSION_AM);
      wm_calendar_add_held (calendar, date, WM_SESSION_PM);
    }
}

/* A file in this test's private data folder, which
 * G_TEST_OPTION_ISOLATE_DIRS names but does not create. */
char *
wm_test_file_path (const char *name)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}
