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
 *   crash-saver DATABASE CASE-ID
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
  gint64 case_id;

  if (argc != 3)
    {
      g_printerr ("usage: crash-saver DATABASE CASE-ID\n");
      return 2;
    }

  case_id = g_ascii_strtoll (argv[2], NULL, 10);
  store = wm_store_open (argv[1], &error);
  for (guint n = 1; store != NULL; n++)
    if (!save_one (store, case_id, n, &error))
      break;

  g_printerr ("crash-saver: %s\n", error != NULL ? error->message : "?");
  return 1;
}
