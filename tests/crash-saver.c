/* crash-saver.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A test-only program for test-crash.c, never installed. It opens the
 * store given on the command line and saves records of one case in a
 * loop until it is killed, as the window does: a draft, the draft saved
 * again, finalised, amended, and every third one deleted. Each value
 * names the step that wrote it, so the test can tell a whole record from
 * a torn one.
 *
 *   crash-saver DATABASE CASE-ID [COUNT]
 *
 * With COUNT, it saves that many records, prints how many µs passed
 * from the start of main() to the end of the last save, and exits with
 * status 0. The test times the run up to that line and spreads its kills
 * over that time, so that they land inside the saves under any build.
 */

#include <stdlib.h>

#include "wm-store-records.h"

#define AUTHOR "Crash Saver"

static JsonObject *
note_body (const char *step,
           guint       n)
{
  JsonObject *body = json_object_new ();
  g_autofree char *text = g_strdup_printf ("%s note %u", step, n);

  json_object_set_string_member (body, "date", "2026-03-05");
  json_object_set_string_member (body, "text", text);
  return body;
}

static gboolean
save_one (WmStore  *store,
          gint64    case_id,
          guint     n,
          GError  **error)
{
  g_autoptr(JsonObject) first = note_body ("Draft", n);
  g_autoptr(JsonObject) saved = note_body ("Saved", n);
  g_autoptr(JsonObject) amended = note_body ("Amended", n);
  gint64 id;

  id = wm_record_save_draft (store, case_id, 0, "note", first, AUTHOR, error);
  if (id == 0
      || wm_record_save_draft (store, case_id, id, "note", saved, AUTHOR,
                               error) == 0
      || !wm_record_finalise (store, id, AUTHOR, error)
      || !wm_record_amend (store, id, amended, "Crash test", AUTHOR, error))
    return FALSE;

  return n % 3 != 0 || wm_record_delete (store, id, AUTHOR, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 case_id;
  guint64 count = G_MAXUINT64;

  if (argc != 3 && argc != 4)
    {
      g_printerr ("usage: crash-saver DATABASE CASE-ID [COUNT]\n");
      return 2;
    }

  case_id = g_ascii_strtoll (argv[2], NULL, 10);
  if (argc == 4)
    count = g_ascii_strtoull (argv[3], NULL, 10);

  store = wm_store_open (argv[1], &error);
  for (guint n = 1; store != NULL; n++)
    {
      if (n > count)
        {
          g_print ("%" G_GINT64_FORMAT "\n", g_get_monotonic_time () - start);
          return 0;
        }
      if (!save_one (store, case_id, n, &error))
        break;
    }

  g_printerr ("crash-saver: %s\n", error != NULL ? error->message : "?");
  return 1;
}
