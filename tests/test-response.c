/* test-response.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The graduated response through the store and the real `waymark`
 * binary: records added through the API, then `--evaluate
 * --format=json` and `--due` run headless.
 *
 * The fixture's pupil W999200126002 is present over the 4 school weeks
 * 2 to 27 March 2026 except for `O` on Monday 9 March (both sessions) and
 * Tuesday 10 March AM, and `I` from Tuesday 10 March PM to Thursday
 * 12 March AM: 33 of 40, Level 2, 3 unauthorised sessions.
 */

#include <json-glib/json-glib.h>
#include <string.h>

#include "wm-case.h"
#include "wm-store-records.h"
#include "wm-test-util.h"

#define UPN "W999200126002"

typedef struct
{
  char *out;
  char *err;
  int   status;
} RunResult;

static void
run_result_clear (RunResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunResult, run_result_clear)

/* Runs waymark with no display, which proves the actions are headless. */
static void
run_waymark (RunResult  *result,
             const char *first_arg,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("WAYMARK_BINARY"));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  process = g_subprocess_launcher_spawnv (launcher,
                                          (const char * const *) argv->pdata,
                                          &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out,
                                 &result->err, &error);
  g_assert_no_error (error);
  result->status = g_subprocess_get_exit_status (process);
}

static gint64
add_record (WmStore    *store,
            gint64      case_id,
            const char *kind,
            JsonObject *body)
{
  g_autoptr(GError) error = NULL;
  gint64 id = wm_record_save_draft (store, case_id, 0, kind, body, NULL,
                                    &error);

  g_assert_no_error (error);
  g_assert_true (wm_record_finalise (store, id, NULL, &error));
  g_assert_no_error (error);
  return id;
}

/* Imports the fixture and adds a parent, a first-day call, a home visit
 * with a next visit planned, and a warning letter. */
static char *
build_database (gint64 *out_visit,
                gint64 *out_letter)
{
  g_autofree char *database = wm_test_file_path ("response.db");
  g_autofree char *ctf = g_test_build_filename (G_TEST_DIST, "fixtures", "cli",
                                                "four-weeks.xml", NULL);
  g_autofree char *database_arg = g_strconcat ("--database=", database, NULL);
  g_autofree char *import_arg = g_strconcat ("--import=", ctf, NULL);
  g_auto(RunResult) imported = { 0 };
  g_autoptr(WmStore) store = NULL;
  g_autoptr(JsonObject) call = json_object_new ();
  g_autoptr(JsonObject) visit = json_object_new ();
  g_autoptr(JsonObject) letter = json_object_new ();
  g_autoptr(GError) error = NULL;
  WmContactRecord parent = {
    .forename = (char *) "Mary", .surname = (char *) "O'Brien",
    .parental_responsibility = TRUE, .address = (char *) "2 Test Road",
  };
  gint64 pupil_id, case_id;

  run_waymark (&imported, database_arg, import_arg, NULL);
  g_assert_cmpint (imported.status, ==, 0);

  store = wm_store_open (database, &error);
  g_assert_no_error (error);
  pupil_id = wm_store_find_pupil_by_upn (store, UPN);
  g_assert_cmpint (pupil_id, >, 0);
  wm_store_add_contact (store, pupil_id, &parent, FALSE,
                        wm_day_from_ymd (2026, 3, 1), &error);
  g_assert_no_error (error);
  case_id = wm_case_open (store, pupil_id, wm_day_from_ymd (2026, 3, 2), NULL,
                          NULL, NULL, &error);
  g_assert_no_error (error);

  json_object_set_string_member (call, "contact_kind", "first-day-call");
  json_object_set_string_member (call, "date", "2026-03-09");
  add_record (store, case_id, "contact", call);

  json_object_set_string_member (visit, "date", "2026-03-10");
  json_object_set_string_member (visit, "visited_by", "AO");
  json_object_set_string_member (visit, "outcome", "parent-seen");
  json_object_set_string_member (visit, "next_visit_date", "2026-03-30");
  *out_visit = add_record (store, case_id, "home-visit", visit);

  json_object_set_string_member (letter, "date_sent", "2026-03-12");
  json_object_set_string_member (letter, "parent", "Mary O'Brien");
  *out_letter = add_record (store, case_id, "warning-letter", letter);

  return g_steal_pointer (&database);
}

static JsonObject *
find_pupil (JsonNode *root)
{
  JsonArray *pupils = json_object_get_array_member (
    json_node_get_object (root), "pupils");

  for (guint i = 0; i < json_array_get_length (pupils); i++)
    {
      JsonObject *pupil = json_array_get_object_element (pupils, i);

      if (g_str_equal (json_object_get_string_member (pupil, "upn"), UPN))
        return pupil;
    }

  g_assert_not_reached ();
}

static JsonObject *
find_checklist_item (JsonObject *pupil,
                     const char *key)
{
  JsonArray *items = json_object_get_array_member (pupil, "checklist");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_str_equal (json_object_get_string_member (item, "item"), key))
        return item;
    }

  g_assert_not_reached ();
}

static void
check_readiness (JsonObject *pupil)
{
  JsonObject *readiness = json_object_get_object_member (pupil, "readiness");
  JsonObject *letter = json_object_get_object_member (readiness,
                                                      "warning-letter");
  JsonObject *notice = json_object_get_object_member (readiness,
                                                      "penalty-notice");
  JsonArray *missing = json_object_get_array_member (notice, "missing");
  JsonObject *first = json_array_get_object_element (missing, 0);

  g_assert_cmpuint (json_object_get_size (readiness), ==, 7);
  g_assert_true (json_object_get_boolean_member (letter, "ready"));
  g_assert_cmpuint (json_array_get_length (
    json_object_get_array_member (letter, "missing")), ==, 0);

  /* The level alone never makes a penalty notice ready: no route. */
  g_assert_false (json_object_get_boolean_member (notice, "ready"));
  g_assert_cmpstr (json_object_get_string_member (first, "item"), ==, "route");
  g_assert_cmpstr (json_object_get_string_member (first, "sentence"), ==,
                   "Neither the penalty threshold nor the leave-refused route "
                   "is met: the level alone is no ground for a penalty "
                   "notice");
}

static void
check_deadlines (JsonObject *pupil,
                 gint64      visit)
{
  JsonArray *deadlines = json_object_get_array_member (pupil, "deadlines");
  JsonObject *next;

  g_assert_cmpuint (json_array_get_length (deadlines), ==, 1);
  next = json_array_get_object_element (deadlines, 0);
  g_assert_cmpstr (json_object_get_string_member (next, "date"), ==,
                   "2026-03-30");
  g_assert_cmpstr (json_object_get_string_member (next, "status"), ==, "due");
  g_assert_cmpstr (json_object_get_string_member (next, "what"), ==,
                   "next-home-visit");
  g_assert_cmpint (json_object_get_int_member (next, "record_id"), ==, visit);
  g_assert_cmpstr (json_object_get_string_member (next, "sentence"), ==,
                   "Next home visit, planned for 30 March 2026");
}

/* Absence days 9 to 12 March; only 9 March has a first-day call. */
static void
check_patterns (JsonObject *pupil)
{
  JsonArray *patterns = json_object_get_array_member (pupil, "patterns");
  guint n = json_array_get_length (patterns);
  JsonObject *last = json_array_get_object_element (patterns, n - 1);

  g_assert_cmpstr (json_object_get_string_member (last, "kind"), ==,
                   "no-first-day-contact");
  g_assert_cmpint (json_object_get_int_member (last, "count"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (last, "sentence"), ==,
                   "3 absence days from 2 to 27 March 2026 with no first-day "
                   "call recorded that day");
}

static void
test_json_keys (void)
{
  gint64 visit = 0, letter = 0;
  g_autofree char *database = NULL;
  g_autofree char *database_arg = NULL;
  g_auto(RunResult) evaluated = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *visit_sentence = NULL;
  JsonObject *pupil, *item;

  if (g_getenv ("WAYMARK_BINARY") == NULL)
    {
      g_test_skip ("the application is not built");
      return;
    }

  database = build_database (&visit, &letter);
  database_arg = g_strconcat ("--database=", database, NULL);

  run_waymark (&evaluated, database_arg, "--evaluate", "--as-of=2026-03-27",
               "--format=json", NULL);
  g_assert_cmpint (evaluated.status, ==, 0);
  g_assert_cmpstr (evaluated.err, ==, "");
  root = json_from_string (evaluated.out, &error);
  g_assert_no_error (error);
  pupil = find_pupil (root);

  g_assert_cmpint (json_object_get_int_member (pupil, "level"), ==, 2);
  g_assert_cmpuint (json_array_get_length (
    json_object_get_array_member (pupil, "routes")), ==, 0);
  g_assert_true (json_object_get_null_member (pupil, "threshold_met_on"));
  g_assert_cmpuint (json_array_get_length (
    json_object_get_array_member (pupil, "checklist")), ==, 12);

  item = find_checklist_item (pupil, "home-visits");
  g_assert_true (json_object_get_boolean_member (item, "done"));
  g_assert_cmpint (json_object_get_int_member (item, "record_id"), ==, visit);
  visit_sentence = g_strdup_printf ("Done: Home visit on 10 March 2026 "
                                    "(record %" G_GINT64_FORMAT ")", visit);
  g_assert_cmpstr (json_object_get_string_member (item, "sentence"), ==,
                   visit_sentence);
  item = find_checklist_item (pupil, "attendance-plan");
  g_assert_false (json_object_get_boolean_member (item, "done"));
  g_assert_true (json_object_get_null_member (item, "record_id"));

  check_patterns (pupil);
  check_readiness (pupil);
  check_deadlines (pupil, visit);
}

/* TSV keeps its flat keys only. */
static void
test_tsv_unchanged (void)
{
  gint64 visit = 0, letter = 0;
  g_autofree char *database = NULL;
  g_autofree char *database_arg = NULL;
  g_auto(RunResult) evaluated = { 0 };

  if (g_getenv ("WAYMARK_BINARY") == NULL)
    {
      g_test_skip ("the application is not built");
      return;
    }

  database = build_database (&visit, &letter);
  database_arg = g_strconcat ("--database=", database, NULL);

  run_waymark (&evaluated, database_arg, "--evaluate", "--as-of=2026-03-27",
               NULL);
  g_assert_cmpint (evaluated.status, ==, 0);
  g_assert_true (g_str_has_prefix (evaluated.out,
                                   "upn\tsurname\tforename\tschool\t"
                                   "window_start\twindow_end\tattended\t"
                                   "possible\tunmarked\tpercent\tlevel\t"
                                   "level_high\tunauthorised_10_weeks\t"
                                   "ytd_attended\tytd_possible\t"
                                   "persistent_absence\tsevere_absence\n"));
  g_assert_null (strstr (evaluated.out, "routes"));
}

/* --due lists one line per deadline: date, status, UPN, what. */
static void
test_due (void)
{
  gint64 visit = 0, letter = 0;
  g_autofree char *database = NULL;
  g_autofree char *database_arg = NULL;
  g_auto(RunResult) due = { 0 };
  g_auto(RunResult) later = { 0 };

  if (g_getenv ("WAYMARK_BINARY") == NULL)
    {
      g_test_skip ("the application is not built");
      return;
    }

  database = build_database (&visit, &letter);
  database_arg = g_strconcat ("--database=", database, NULL);

  run_waymark (&due, database_arg, "--due", "--as-of=2026-03-27", NULL);
  g_assert_cmpint (due.status, ==, 0);
  g_assert_cmpstr (due.err, ==, "");
  g_assert_cmpstr (due.out, ==, "2026-03-30\tdue\t" UPN "\tNext home visit, "
                   "planned for 30 March 2026\n");

  run_waymark (&later, database_arg, "--due", "--as-of=2026-03-31", NULL);
  g_assert_cmpint (later.status, ==, 0);
  g_assert_cmpstr (later.out, ==, "2026-03-30\toverdue\t" UPN "\tNext home "
                   "visit, planned for 30 March 2026\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/response/cli/json-keys", test_json_keys);
  g_test_add_func ("/response/cli/tsv-unchanged", test_tsv_unchanged);
  g_test_add_func ("/response/cli/due", test_due);

  return g_test_run ();
}
