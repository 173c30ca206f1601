/* test-cli.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real `waymark` binary headless, with no display, on real files.
 */

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "wm-case.h"
#include "wm-store-private.h"
#include "wm-store-records.h"
#include "wm-test-util.h"

typedef struct
{
  char *stdout_text;
  char *stderr_text;
  int   status;
} RunResult;

static void
run_result_clear (RunResult *result)
{
  g_clear_pointer (&result->stdout_text, g_free);
  g_clear_pointer (&result->stderr_text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunResult, run_result_clear)

static const char *
waymark_binary (void)
{
  return g_getenv ("WAYMARK_BINARY");
}

/* Runs waymark with the given arguments and no DISPLAY or WAYLAND_DISPLAY,
 * which proves that the headless actions never open a display. */
static void
run_waymark (RunResult   *result,
             const char  *first_arg,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) waymark_binary ());
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

  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->stdout_text,
                                 &result->stderr_text, &error);
  g_assert_no_error (error);
  result->status = g_subprocess_get_exit_status (process);
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "cli", name, NULL);
}

static char *
temp_database (void)
{
  return wm_test_file_path ("cli-test.db");
}

static JsonObject *
find_pupil (JsonArray  *pupils,
            const char *upn)
{
  for (guint i = 0; i < json_array_get_length (pupils); i++)
    {
      JsonObject *pupil = json_array_get_object_element (pupils, i);

      if (g_strcmp0 (json_object_get_string_member (pupil, "upn"), upn) == 0)
        return pupil;
    }

  return NULL;
}

static JsonNode *
import_and_evaluate_json (void)
{
  g_autofree char *database = temp_database ();
  g_autofree char *ctf = fixture_path ("four-weeks.xml");
  g_autofree char *database_arg = g_strconcat ("--database=", database, NULL);
  g_autofree char *import_arg = g_strconcat ("--import=", ctf, NULL);
  g_auto(RunResult) imported = { 0 };
  g_auto(RunResult) evaluated = { 0 };
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  run_waymark (&imported, database_arg, import_arg, NULL);
  g_assert_cmpint (imported.status, ==, 0);
  g_assert_nonnull (strstr (imported.stdout_text, "Imported 4 pupils"));

  run_waymark (&evaluated, database_arg, "--evaluate", "--as-of=2026-03-27",
               "--format=json", NULL);
  g_assert_cmpint (evaluated.status, ==, 0);
  g_assert_cmpstr (evaluated.stderr_text, ==, "");

  root = json_from_string (evaluated.stdout_text, &error);
  g_assert_no_error (error);
  return root;
}

static void
assert_member_null (JsonObject *object,
                    const char *member)
{
  g_assert_true (json_object_has_member (object, member));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, member)));
}

static void
test_evaluate_json_figures (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *pupils;
  JsonObject *pupil;

  if (waymark_binary () == NULL)
    {
      g_test_skip ("WAYMARK_BINARY is not set: the application was not built");
      return;
    }

  root = import_and_evaluate_json ();
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "as_of"), ==,
                   "2026-03-27");
  pupils = json_object_get_array_member (object, "pupils");
  g_assert_cmpuint (json_array_get_length (pupils), ==, 4);

  /* Present at every session of the four weeks: 100.0 is no level. */
  pupil = find_pupil (pupils, "G999200126001");
  g_assert_nonnull (pupil);
  g_assert_cmpstr (json_object_get_string_member (pupil, "surname"), ==, "Able");
  g_assert_cmpstr (json_object_get_string_member (pupil, "school"), ==, "2001");
  g_assert_cmpstr (json_object_get_string_member (pupil, "window_start"), ==,
                   "2026-03-02");
  g_assert_cmpstr (json_object_get_string_member (pupil, "window_end"), ==,
                   "2026-03-27");
  g_assert_cmpint (json_object_get_int_member (pupil, "attended"), ==, 40);
  g_assert_cmpint (json_object_get_int_member (pupil, "possible"), ==, 40);
  g_assert_cmpint (json_object_get_int_member (pupil, "unmarked"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (pupil, "percent"), ==,
                   "100.0");
  g_assert_cmpint (json_object_get_int_member (pupil, "level"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (pupil, "level_high"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (pupil, "unauthorised_10_weeks"),
                   ==, 0);
  g_assert_false (json_object_get_boolean_member (pupil, "persistent_absence"));

  /* 33 of 40 is 82.5%: Level 2. Three O sessions are unauthorised. */
  pupil = find_pupil (pupils, "W999200126002");
  g_assert_nonnull (pupil);
  g_assert_cmpstr (json_object_get_string_member (pupil, "surname"), ==,
                   "O'Brien");
  g_assert_cmpstr (json_object_get_string_member (pupil, "forename"), ==,
                   "Seán");
  g_assert_cmpint (json_object_get_int_member (pupil, "attended"), ==, 33);
  g_assert_cmpint (json_object_get_int_member (pupil, "possible"), ==, 40);
  g_assert_cmpstr (json_object_get_string_member (pupil, "percent"), ==,
                   "82.5");
  g_assert_cmpint (json_object_get_int_member (pupil, "level"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (pupil, "level_high"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (pupil, "unauthorised_10_weeks"),
                   ==, 3);
  g_assert_cmpint (json_object_get_int_member (pupil, "ytd_attended"), ==, 33);
  g_assert_cmpint (json_object_get_int_member (pupil, "ytd_possible"), ==, 40);
  g_assert_true (json_object_get_boolean_member (pupil, "persistent_absence"));
  g_assert_false (json_object_get_boolean_member (pupil, "severe_absence"));

  /* 30 of 36 marked, 4 unmarked: 83.3% over the marked sessions; with
   * every gap present 34/40 = 85.0% (Level 2), with every gap absent
   * 30/40 = 75.0% (Level 3). */
  pupil = find_pupil (pupils, "K999200126003");
  g_assert_nonnull (pupil);
  g_assert_cmpint (json_object_get_int_member (pupil, "attended"), ==, 30);
  g_assert_cmpint (json_object_get_int_member (pupil, "possible"), ==, 36);
  g_assert_cmpint (json_object_get_int_member (pupil, "unmarked"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (pupil, "percent"), ==,
                   "83.3");
  g_assert_cmpint (json_object_get_int_member (pupil, "level"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (pupil, "level_high"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (pupil, "unauthorised_10_weeks"),
                   ==, 6);

  /* No attendance in the file: nothing to place the pupil by. */
  pupil = find_pupil (pupils, "Z999200126004");
  g_assert_nonnull (pupil);
  g_assert_cmpint (json_object_get_int_member (pupil, "attended"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (pupil, "possible"), ==, 0);
  assert_member_null (pupil, "percent");
  assert_member_null (pupil, "level");
  assert_member_null (pupil, "level_high");
  g_assert_false (json_object_get_boolean_member (pupil, "persistent_absence"));
}

static void
test_evaluate_tsv_header_and_rows (void)
{
  g_autofree char *database = temp_database ();
  g_autofree char *database_arg = g_strconcat ("--database=", database, NULL);
  g_autofree char *ctf = fixture_path ("four-weeks.xml");
  g_autofree char *import_arg = g_strconcat ("--import=", ctf, NULL);
  g_auto(RunResult) imported = { 0 };
  g_auto(RunResult) evaluated = { 0 };
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;

  if (waymark_binary () == NULL)
    {
      g_test_skip ("WAYMARK_BINARY is not set: the application was not built");
      return;
    }

  run_waymark (&imported, database_arg, import_arg, NULL);
  g_assert_cmpint (imported.status, ==, 0);

  run_waymark (&evaluated, database_arg, "--evaluate", "--as-of=2026-03-27",
               NULL);
  g_assert_cmpint (evaluated.status, ==, 0);

  lines = g_strsplit (evaluated.stdout_text, "\n", -1);
  g_assert_cmpstr (lines[0], ==,
                   "upn\tsurname\tforename\tschool\twindow_start\twindow_end\t"
                   "attended\tpossible\tunmarked\tpercent\tlevel\tlevel_high\t"
                   "unauthorised_10_weeks\tytd_attended\tytd_possible\t"
                   "persistent_absence\tsevere_absence");
  /* Four pupils, then the empty string after the last newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 6);

  for (guint i = 1; i <= 4; i++)
    {
      g_auto(GStrv) row = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (row), ==, 17);
      if (g_strcmp0 (row[0], "K999200126003") == 0)
        fields = g_steal_pointer (&row);
    }

  g_assert_nonnull (fields);
  g_assert_cmpstr (fields[1], ==, "Smith-Jones");
  g_assert_cmpstr (fields[2], ==, "Zoë");
  g_assert_cmpstr (fields[9], ==, "83.3");
  g_assert_cmpstr (fields[10], ==, "2");
  g_assert_cmpstr (fields[11], ==, "3");
}

static void
assert_fails_with_one_line (RunResult  *result,
                            const char *expected_fragment)
{
  g_assert_cmpint (result->status, !=, 0);
  g_assert_true (g_str_has_prefix (result->stderr_text, "waymark: "));
  g_assert_nonnull (strstr (result->stderr_text, expected_fragment));
  /* Exactly one line. */
  g_assert_cmpint (strchr (result->stderr_text, '\n') - result->stderr_text,
                   ==, (gssize) strlen (result->stderr_text) - 1);
}

static void
test_errors_are_one_line (void)
{
  g_autofree char *database = temp_database ();
  g_autofree char *database_arg = g_strconcat ("--database=", database, NULL);
  g_autofree char *bad = wm_test_file_path ("bad.xml");
  g_autofree char *bad_arg = g_strconcat ("--import=", bad, NULL);
  g_autoptr(GError) error = NULL;
  g_auto(RunResult) missing = { 0 };
  g_auto(RunResult) bad_date = { 0 };
  g_auto(RunResult) bad_format = { 0 };
  g_auto(RunResult) bad_file = { 0 };
  g_auto(RunResult) as_of_alone = { 0 };

  if (waymark_binary () == NULL)
    {
      g_test_skip ("WAYMARK_BINARY is not set: the application was not built");
      return;
    }

  run_waymark (&missing, database_arg, "--evaluate", NULL);
  assert_fails_with_one_line (&missing, "does not exist");
  g_assert_false (g_file_test (database, G_FILE_TEST_EXISTS));

  g_file_set_contents (bad, "<CTfile><Header>\n<CTFversion>25.0", -1, &error);
  g_assert_no_error (error);
  run_waymark (&bad_file, database_arg, bad_arg, NULL);
  assert_fails_with_one_line (&bad_file, "bad.xml");
  /* A failed first import leaves no empty database behind. */
  g_assert_false (g_file_test (database, G_FILE_TEST_EXISTS));

  run_waymark (&bad_date, database_arg, "--evaluate", "--as-of=2026-02-30",
               NULL);
  assert_fails_with_one_line (&bad_date, "--as-of=2026-02-30");

  run_waymark (&bad_format, database_arg, "--evaluate", "--format=xml", NULL);
  assert_fails_with_one_line (&bad_format, "--format=xml");

  /* --as-of alone is an error on the terminal, never a window. */
  run_waymark (&as_of_alone, database_arg, "--as-of=2026-03-13", NULL);
  assert_fails_with_one_line (&as_of_alone, "--evaluate");
}

/* --verify */

/* A database made by importing the fixture (audit entry 1), then opening
 * a case (entry 2) and finalising a note in it (entry 3). */
static char *
database_with_note (void)
{
  g_autofree char *database = temp_database ();
  g_autofree char *database_arg = g_strconcat ("--database=", database, NULL);
  g_autofree char *ctf = fixture_path ("four-weeks.xml");
  g_autofree char *import_arg = g_strconcat ("--import=", ctf, NULL);
  g_auto(RunResult) imported = { 0 };
  g_autoptr(WmStore) store = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GError) error = NULL;
  gint64 case_id, note;

  run_waymark (&imported, database_arg, import_arg, NULL);
  g_assert_cmpint (imported.status, ==, 0);

  store = wm_store_open (database, &error);
  g_assert_no_error (error);
  case_id = wm_case_open (store, 1, wm_day_from_ymd (2026, 3, 2), NULL, NULL,
                          NULL, &error);
  g_assert_no_error (error);
  json_object_set_string_member (body, "date", "2026-03-05");
  json_object_set_string_member (body, "text", "Home visit, no answer");
  note = wm_record_save_draft (store, case_id, 0, "note", body, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wm_record_finalise (store, note, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&database);
}

/* Edits the database with the sqlite3 shell, as someone working around
 * Waymark would. */
static void
edit_with_sqlite3 (const char *database,
                   const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = -1;
  const char *argv[] = { "sqlite3", database, sql, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH
                | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static gboolean
verify_can_run (void)
{
  g_autofree char *shell = g_find_program_in_path ("sqlite3");

  if (waymark_binary () == NULL)
    {
      g_test_skip ("WAYMARK_BINARY is not set: the application was not built");
      return FALSE;
    }

  if (shell == NULL)
    {
      g_test_skip ("the sqlite3 shell is not installed "
                   "(tools/install-deps.sh installs it)");
      return FALSE;
    }

  return TRUE;
}

static void
test_verify_honest (void)
{
  g_autofree char *database = NULL;
  g_autofree char *database_arg = NULL;
  g_autofree char *expected = NULL;
  g_auto(RunResult) verified = { 0 };

  if (!verify_can_run ())
    return;

  database = database_with_note ();
  database_arg = g_strconcat ("--database=", database, NULL);
  run_waymark (&verified, database_arg, "--verify", NULL);
  expected = g_strdup_printf ("Database %s is intact: 3 audit entries "
                              "verified\n", database);
  g_assert_cmpint (verified.status, ==, 0);
  g_assert_cmpstr (verified.stdout_text, ==, expected);
  g_assert_cmpstr (verified.stderr_text, ==, "");
}

static void
test_verify_edited_audit_entry (void)
{
  g_autofree char *database = NULL;
  g_autofree char *database_arg = NULL;
  g_auto(RunResult) verified = { 0 };

  if (!verify_can_run ())
    return;

  database = database_with_note ();
  database_arg = g_strconcat ("--database=", database, NULL);
  edit_with_sqlite3 (database, "UPDATE audit_log SET detail = 'pupil=2' "
                               "WHERE id = 2;");
  run_waymark (&verified, database_arg, "--verify", NULL);
  g_assert_cmpint (verified.status, !=, 0);
  g_assert_cmpstr (verified.stdout_text, ==, "");
  g_assert_cmpstr (verified.stderr_text, ==, "waymark: audit entry 2 does "
                   "not match its hash: the database was changed outside "
                   "Waymark\n");
}

static void
test_verify_edited_note (void)
{
  g_autofree char *database = NULL;
  g_autofree char *database_arg = NULL;
  g_auto(RunResult) verified = { 0 };

  if (!verify_can_run ())
    return;

  /* The schema refuses to change a finalised revision, so the trigger is
   * dropped first; the audit chain itself stays intact. */
  database = database_with_note ();
  database_arg = g_strconcat ("--database=", database, NULL);
  edit_with_sqlite3 (database, "DROP TRIGGER revisions_append_only_update; "
                               "UPDATE record_revisions SET body = json_set "
                               "(body, '$.text', 'Home visit, child seen');");
  run_waymark (&verified, database_arg, "--verify", NULL);
  g_assert_cmpint (verified.status, !=, 0);
  g_assert_cmpstr (verified.stderr_text, ==, "waymark: record 1 revision 1 "
                   "does not match the hash in audit entry 3: the database "
                   "was changed outside Waymark\n");
}

static void
test_verify_missing_database (void)
{
  g_autofree char *database = temp_database ();
  g_autofree char *database_arg = g_strconcat ("--database=", database, NULL);
  g_auto(RunResult) verified = { 0 };

  if (waymark_binary () == NULL)
    {
      g_test_skip ("WAYMARK_BINARY is not set: the application was not built");
      return;
    }

  run_waymark (&verified, database_arg, "--verify", NULL);
  assert_fails_with_one_line (&verified, "does not exist");
  g_assert_false (g_file_test (database, G_FILE_TEST_EXISTS));
}

/* Databases the program must reject */

static void
sqlite_exec (const char *path,
             const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* A Waymark database made by importing the fixture, many pages long. */
static char *
imported_database (const char *name)
{
  g_autofree char *database = wm_test_file_path (name);
  g_autofree char *database_arg = g_strconcat ("--database=", database, NULL);
  g_autofree char *ctf = fixture_path ("four-weeks.xml");
  g_autofree char *import_arg = g_strconcat ("--import=", ctf, NULL);
  g_auto(RunResult) imported = { 0 };

  run_waymark (&imported, database_arg, import_arg, NULL);
  g_assert_cmpint (imported.status, ==, 0);
  return g_steal_pointer (&database);
}

static char *
random_bytes_file (void)
{
  g_autofree char *path = wm_test_file_path ("random.db");
  guint8 bytes[8192];

  for (gsize i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) g_test_rand_int_range (0, 256);

  g_assert_true (g_file_set_contents (path, (const char *) bytes, sizeof bytes, NULL));
  return g_steal_pointer (&path);
}

static char *
half_file (void)
{
  g_autofree char *whole = imported_database ("whole.db");
  g_autofree char *half = wm_test_file_path ("half.db");
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (whole, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, 4 * 8192);
  g_assert_true (g_file_set_contents (half, contents, length / 2, NULL));
  return g_steal_pointer (&half);
}

static char *
foreign_sqlite_file (void)
{
  g_autofree char *path = wm_test_file_path ("other.db");

  sqlite_exec (path, "PRAGMA application_id = 1234; CREATE TABLE notes (text TEXT);");
  return g_steal_pointer (&path);
}

static char *
newer_schema_file (void)
{
  g_autofree char *path = imported_database ("newer.db");

  sqlite_exec (path, "PRAGMA user_version = 999");
  return g_steal_pointer (&path);
}

static char *
file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* Evaluating, verifying or importing into @database fails with the one
 * line @expected, which names the file and states the reason, and leaves the file
 * byte for byte as it was. */
static void
assert_database_refused (const char *database,
                         const char *expected)
{
  g_autofree char *database_arg = g_strconcat ("--database=", database, NULL);
  g_autofree char *ctf = fixture_path ("four-weeks.xml");
  g_autofree char *import_arg = g_strconcat ("--import=", ctf, NULL);
  g_autofree char *before = file_sha256 (database);
  g_autofree char *after = NULL;
  g_auto(RunResult) evaluated = { 0 };
  g_auto(RunResult) verified = { 0 };
  g_auto(RunResult) imported = { 0 };

  run_waymark (&evaluated, database_arg, "--evaluate", NULL);
  assert_fails_with_one_line (&evaluated, "another database or restore a backup");
  run_waymark (&verified, database_arg, "--verify", NULL);
  assert_fails_with_one_line (&verified, "another database or restore a backup");
  run_waymark (&imported, database_arg, import_arg, NULL);
  assert_fails_with_one_line (&imported, "another database or restore a backup");

  g_assert_cmpstr (evaluated.stderr_text, ==, expected);
  g_assert_cmpstr (verified.stderr_text, ==, expected);
  g_assert_cmpstr (imported.stderr_text, ==, expected);
  g_assert_cmpstr (evaluated.stdout_text, ==, "");

  after = file_sha256 (database);
  g_assert_cmpstr (after, ==, before);
}

static void
assert_foreign_refused (const char *database,
                        const char *why)
{
  g_autofree char *expected = g_strdup_printf ("waymark: %s is not a Waymark database: %s. "
                                               "Choose another database or restore a "
                                               "backup\n", database, why);

  assert_database_refused (database, expected);
}

static void
test_bad_databases (void)
{
  g_autofree char *random = NULL;
  g_autofree char *half = NULL;
  g_autofree char *foreign = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *newer_message = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *empty_message = NULL;

  if (waymark_binary () == NULL)
    {
      g_test_skip ("WAYMARK_BINARY is not set: the application was not built");
      return;
    }

  random = random_bytes_file ();
  assert_foreign_refused (random, "it is not an SQLite database");
  half = half_file ();
  assert_foreign_refused (half, "it is damaged or incomplete");
  foreign = foreign_sqlite_file ();
  assert_foreign_refused (foreign, "it belongs to another application (application id "
                                   "0x000004d2)");

  /* An empty file is more likely a copy cut short than a new database. */
  empty = wm_test_file_path ("empty.db");
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  empty_message = g_strdup_printf ("waymark: Database %s is an empty file, "
                                   "more likely a copy that was cut short "
                                   "than a new database. Choose another "
                                   "database or restore a backup, or give a "
                                   "name that does not exist yet to start a "
                                   "new one\n", empty);
  assert_database_refused (empty, empty_message);

  /* A newer database has a message of its own, which asks for an update. */
  newer = newer_schema_file ();
  newer_message = g_strdup_printf ("waymark: Database %s was written by a newer version of "
                                   "Waymark (schema version 999, this version reads up to "
                                   "%d). Update Waymark, or choose another database or "
                                   "restore a backup\n", newer, WM_STORE_SCHEMA_VERSION);
  assert_database_refused (newer, newer_message);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @folder, sorted, one a line. */
static char *
list_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **) names->pdata);
}

/* A database the user made read-only (mode 0400) is rejected by every
 * action, with one line that names it and what to do, and its folder
 * gets no -wal or -shm file. The tests run as root, so the rule is the
 * owner's write bit, not whether this user could write. */
static void
test_read_only_database (void)
{
  g_autofree char *database = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *database_arg = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *names_before = NULL;
  g_autofree char *names_after = NULL;
  g_auto(RunResult) evaluated = { 0 };
  g_auto(RunResult) verified = { 0 };

  if (waymark_binary () == NULL)
    {
      g_test_skip ("WAYMARK_BINARY is not set: the application was not built");
      return;
    }

  database = imported_database ("read-only.db");
  folder = g_path_get_dirname (database);
  database_arg = g_strconcat ("--database=", database, NULL);
  g_assert_cmpint (g_chmod (database, 0400), ==, 0);
  before = file_sha256 (database);
  names_before = list_folder (folder);
  expected = g_strdup_printf ("waymark: Database %s is read-only; make it "
                              "writable or open a copy\n", database);

  run_waymark (&evaluated, database_arg, "--evaluate", NULL);
  assert_fails_with_one_line (&evaluated, "read-only");
  g_assert_cmpstr (evaluated.stderr_text, ==, expected);
  run_waymark (&verified, database_arg, "--verify", NULL);
  g_assert_cmpstr (verified.stderr_text, ==, expected);
  g_assert_cmpint (verified.status, ==, 1);

  after = file_sha256 (database);
  g_assert_cmpstr (after, ==, before);
  names_after = list_folder (folder);
  g_assert_cmpstr (names_after, ==, names_before);
}

/* The number @sql counts in the database @path. */
static gint64
count_in (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return n;
}

/* A terms file contains no pupils, so the import reports its terms and
 * closures, and importing it again reports the same rows. The second
 * import changes nothing, so it prints a warning on stderr and records no
 * import and no audit entry. */
static void
test_import_terms_report (void)
{
  g_autofree char *database = temp_database ();
  g_autofree char *ctf = fixture_path ("four-weeks.xml");
  g_autofree char *terms = wm_test_file_path ("terms.csv");
  g_autofree char *database_arg = g_strconcat ("--database=", database, NULL);
  g_autofree char *ctf_arg = g_strconcat ("--import=", ctf, NULL);
  g_autofree char *terms_arg = g_strconcat ("--import=", terms, NULL);
  g_auto(RunResult) pupils = { 0 };
  g_auto(RunResult) first = { 0 };
  g_auto(RunResult) again = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 n_imports, n_audit;

  if (waymark_binary () == NULL)
    {
      g_test_skip ("WAYMARK_BINARY is not set: the application was not built");
      return;
    }

  g_file_set_contents (terms,
                       "School,Name,Start,End,Kind\n"
                       "2001,Training day,02/03/2026,02/03/2026,closure\n"
                       "2001,Spring 1,05/01/2026,13/02/2026,term\n"
                       "2001,Spring 2,2026-02-23,2026-03-27,\n", -1, &error);
  g_assert_no_error (error);

  run_waymark (&pupils, database_arg, ctf_arg, NULL);
  g_assert_cmpint (pupils.status, ==, 0);
  run_waymark (&first, database_arg, terms_arg, NULL);
  g_assert_cmpstr (first.stderr_text, ==, "");
  g_assert_cmpint (first.status, ==, 0);
  g_assert_cmpstr (first.stdout_text, ==, "Imported 2 terms and 1 closures\n");

  n_imports = count_in (database, "SELECT count(*) FROM imports");
  n_audit = count_in (database, "SELECT count(*) FROM audit_log");

  run_waymark (&again, database_arg, terms_arg, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpstr (again.stdout_text, ==,
                   "Nothing imported: 2 terms and 1 closures already stored\n");
  g_assert_cmpstr (again.stderr_text, ==,
                   "waymark: warning: terms.csv, line 1: nothing changed: "
                   "every term and closure in the file is already stored.\n");
  g_assert_cmpint (count_in (database, "SELECT count(*) FROM imports"), ==,
                   n_imports);
  g_assert_cmpint (count_in (database, "SELECT count(*) FROM audit_log"), ==,
                   n_audit);
}

/* The fixture without its first pupil, as the school's next export. */
static char *
write_export_without_first_pupil (void)
{
  g_autofree char *source = fixture_path ("four-weeks.xml");
  g_autofree char *path = wm_test_file_path ("next-export.xml");
  g_autofree char *text = NULL;
  g_autofree char *shorter = NULL;
  g_autoptr(GError) error = NULL;
  const char *first, *end;

  g_file_get_contents (source, &text, NULL, &error);
  g_assert_no_error (error);
  first = strstr (text, "    <Pupil>\n      <UPN>G999200126001</UPN>");
  g_assert_nonnull (first);
  end = strstr (first, "</Pupil>\n");
  g_assert_nonnull (end);
  end += strlen ("</Pupil>\n");

  shorter = g_strdup_printf ("%.*s%s", (int) (first - text), text, end);
  g_file_set_contents (path, shorter, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* A pupil on roll in one export and missing from the school's next one,
 * with no leaving date, is listed on the missing-education route. */
static void
test_evaluate_left_roll (void)
{
  g_autofree char *database = temp_database ();
  g_autofree char *ctf = fixture_path ("four-weeks.xml");
  g_autofree char *next = write_export_without_first_pupil ();
  g_autofree char *database_arg = g_strconcat ("--database=", database, NULL);
  g_autofree char *ctf_arg = g_strconcat ("--import=", ctf, NULL);
  g_autofree char *next_arg = g_strconcat ("--import=", next, NULL);
  g_auto(RunResult) first = { 0 };
  g_auto(RunResult) second = { 0 };
  g_auto(RunResult) evaluated = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *pupils, *routes;

  if (waymark_binary () == NULL)
    {
      g_test_skip ("WAYMARK_BINARY is not set: the application was not built");
      return;
    }

  run_waymark (&first, database_arg, ctf_arg, NULL);
  g_assert_cmpint (first.status, ==, 0);
  run_waymark (&second, database_arg, next_arg, NULL);
  g_assert_cmpint (second.status, ==, 0);
  run_waymark (&evaluated, database_arg, "--evaluate", "--as-of=2026-03-27",
               "--format=json", NULL);
  g_assert_cmpint (evaluated.status, ==, 0);
  g_assert_cmpstr (evaluated.stderr_text, ==, "");

  root = json_from_string (evaluated.stdout_text, &error);
  g_assert_no_error (error);
  pupils = json_object_get_array_member (json_node_get_object (root),
                                         "pupils");
  routes = json_object_get_array_member (find_pupil (pupils, "G999200126001"),
                                         "routes");
  g_assert_cmpuint (json_array_get_length (routes), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (routes, 0), ==,
                   "missing-education");
  routes = json_object_get_array_member (find_pupil (pupils, "W999200126002"),
                                         "routes");
  g_assert_cmpuint (json_array_get_length (routes), ==, 0);
}

/* Backups and restores through symbolic links */

/* Relative paths are read against the current folder, which the child
 * process inherits, so these tests move into the test's own folder and
 * back. */
static char *
enter_test_folder (void)
{
  g_autofree char *folder = wm_test_file_path ("");
  char *previous = g_get_current_dir ();

  g_assert_cmpint (g_chdir (folder), ==, 0);
  return previous;
}

static void
leave_test_folder (char *previous)
{
  g_assert_cmpint (g_chdir (previous), ==, 0);
  g_free (previous);
}

/* An encrypted backup, given by a relative path that is a relative link
 * to a file not written yet, is written through the link and the link
 * stays, exactly as with an absolute path. The link's target is read
 * against the link's own folder, made absolute. */
static void
test_backup_relative_dangling_link (void)
{
  g_autofree char *bk_folder = wm_test_file_path ("crash/bk");
  g_autofree char *database = NULL;
  g_autofree char *target = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(RunResult) backup = { 0 };
  char *previous = NULL;

  if (waymark_binary () == NULL)
    {
      g_test_skip ("WAYMARK_BINARY is not set: the application was not built");
      return;
    }

  g_assert_cmpint (g_mkdir_with_parents (bk_folder, 0700), ==, 0);
  database = imported_database ("crash/w.db");
  previous = enter_test_folder ();
  g_assert_true (g_file_set_contents ("pass.txt", "correct horse\n", -1,
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpint (symlink ("new.wmbk", "crash/bk/link.wmbk"), ==, 0);

  run_waymark (&backup, "--database=crash/w.db",
               "--backup=crash/bk/link.wmbk", "--passphrase-file=pass.txt",
               NULL);
  g_assert_cmpstr (backup.stderr_text, ==, "");
  g_assert_cmpstr (backup.stdout_text, ==,
                   "Wrote the encrypted backup crash/bk/link.wmbk\n");
  g_assert_cmpint (backup.status, ==, 0);

  target = g_file_read_link ("crash/bk/link.wmbk", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (target, ==, "new.wmbk");
  g_assert_true (g_file_test ("crash/bk/new.wmbk", G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test ("crash/w.db-wal", G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test ("crash/w.db-shm", G_FILE_TEST_EXISTS));
  leave_test_folder (previous);
}

/* Two links in the current folder that point at each other. */
static void
make_link_loop (const char *first,
                const char *second)
{
  g_assert_cmpint (symlink (second, first), ==, 0);
  g_assert_cmpint (symlink (first, second), ==, 0);
}

static void
assert_link_to (const char *link,
                const char *target)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *read_target = g_file_read_link (link, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (read_target, ==, target);
}

/* A backup to a link loop has no file to land in, so it fails with exit
 * status 1 and one line that names the path and the reason, and both
 * links stay. A relative loop with an encrypted name fails the same
 * way. */
static void
test_backup_link_loop (void)
{
  g_autofree char *database = NULL;
  g_autofree char *database_arg = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(RunResult) plain = { 0 };
  g_auto(RunResult) sealed = { 0 };
  char *previous = NULL;

  if (waymark_binary () == NULL)
    {
      g_test_skip ("WAYMARK_BINARY is not set: the application was not built");
      return;
    }

  database = imported_database ("w.db");
  database_arg = g_strconcat ("--database=", database, NULL);
  previous = enter_test_folder ();
  g_assert_true (g_file_set_contents ("pass.txt", "correct horse\n", -1,
                                      &error));
  g_assert_no_error (error);
  make_link_loop ("la.db", "lb.db");
  make_link_loop ("lc.wmbk", "ld.wmbk");

  run_waymark (&plain, database_arg, "--backup=la.db", NULL);
  assert_fails_with_one_line (&plain, "la.db");
  assert_fails_with_one_line (&plain, "Too many levels of symbolic links");
  g_assert_cmpint (plain.status, ==, 1);
  g_assert_cmpstr (plain.stdout_text, ==, "");

  run_waymark (&sealed, database_arg, "--backup=lc.wmbk",
               "--passphrase-file=pass.txt", NULL);
  assert_fails_with_one_line (&sealed, "lc.wmbk");
  assert_fails_with_one_line (&sealed, "Too many levels of symbolic links");
  g_assert_cmpint (sealed.status, ==, 1);

  assert_link_to ("la.db", "lb.db");
  assert_link_to ("lb.db", "la.db");
  assert_link_to ("lc.wmbk", "ld.wmbk");
  assert_link_to ("ld.wmbk", "lc.wmbk");
  leave_test_folder (previous);
}

/* A restore into a database path that is a link loop fails with exit
 * status 1 and one line naming the path. It keeps no .before-restore,
 * because there is nothing to keep, and both links stay. */
static void
test_restore_link_loop (void)
{
  g_autofree char *database = NULL;
  g_autofree char *database_arg = NULL;
  g_auto(RunResult) backup = { 0 };
  g_auto(RunResult) restore = { 0 };
  char *previous = NULL;

  if (waymark_binary () == NULL)
    {
      g_test_skip ("WAYMARK_BINARY is not set: the application was not built");
      return;
    }

  database = imported_database ("w.db");
  database_arg = g_strconcat ("--database=", database, NULL);
  previous = enter_test_folder ();
  run_waymark (&backup, database_arg, "--backup=good.db", NULL);
  g_assert_cmpint (backup.status, ==, 0);
  make_link_loop ("loop.db", "other.db");

  run_waymark (&restore, "--database=loop.db", "--restore=good.db", NULL);
  assert_fails_with_one_line (&restore, "loop.db");
  assert_fails_with_one_line (&restore, "Too many levels of symbolic links");
  g_assert_cmpint (restore.status, ==, 1);
  g_assert_cmpstr (restore.stdout_text, ==, "");

  assert_link_to ("loop.db", "other.db");
  assert_link_to ("other.db", "loop.db");
  g_assert_false (g_file_test ("loop.db.before-restore", G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test ("other.db.before-restore",
                               G_FILE_TEST_EXISTS));
  leave_test_folder (previous);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/evaluate/json-figures", test_evaluate_json_figures);
  g_test_add_func ("/cli/evaluate/tsv-header-and-rows",
                   test_evaluate_tsv_header_and_rows);
  g_test_add_func ("/cli/errors/one-line", test_errors_are_one_line);
  g_test_add_func ("/cli/errors/bad-database", test_bad_databases);
  g_test_add_func ("/cli/errors/read-only-database", test_read_only_database);
  g_test_add_func ("/cli/verify/honest", test_verify_honest);
  g_test_add_func ("/cli/verify/edited-audit-entry",
                   test_verify_edited_audit_entry);
  g_test_add_func ("/cli/verify/edited-note", test_verify_edited_note);
  g_test_add_func ("/cli/verify/missing-database",
                   test_verify_missing_database);
  g_test_add_func ("/cli/import/terms-report", test_import_terms_report);
  g_test_add_func ("/cli/evaluate/left-roll", test_evaluate_left_roll);
  g_test_add_func ("/cli/backup/relative-dangling-link",
                   test_backup_relative_dangling_link);
  g_test_add_func ("/cli/backup/link-loop", test_backup_link_loop);
  g_test_add_func ("/cli/restore/link-loop", test_restore_link_loop);

  return g_test_run ();
}
