/* test-letter-figures.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "wm-case.h"
#include "wm-ctf.h"
#include "wm-import.h"
#include "wm-letter-figures.h"
#include "wm-letters.h"
#include "wm-store-records.h"
#include "wm-test-util.h"

/*
 * Letters that a later import makes out of date. A letter quotes the
 * pupil's attendance as of its date, and those figures are stored with
 * it. When an import corrects marks on or before that date, the figures
 * computed again differ, and the letter is listed with what changed. An
 * import that changes nothing, or changes only marks after the letter's
 * date, lists nothing.
 *
 * The fixture's pupil, Seán O'Brien, attended 33 of 40 sessions from 2 to
 * 27 March 2026: `O` on Monday 9 March (both sessions) and Tuesday
 * 10 March AM, `I` from Tuesday 10 March PM to Thursday 12 March AM.
 */

#define OFFICER "A. Officer"
#define PUPIL_UPN "W999200126002"

/* The pupil's marks in the fixture, and the totals that go with them. */
#define MARKS "/\\/\\/\\/\\/\\OOOIIII\\/\\/\\/\\/\\/\\/\\/\\/\\/\\/\\/\\"
#define UNAUTHORISED "<SessionsUnauthorised>3</SessionsUnauthorised>"

typedef struct
{
  WmStore *store;
  gint64   pupil_id;
  gint64   case_id;
} Fixture;

/* Helpers */

static char *
fixture_ctf_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "cli",
                                "four-weeks.xml", NULL);
}

static void
import_file (Fixture    *fixture,
             const char *path)
{
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = wm_import_file (fixture->store, path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
}

/* Writes the fixture with the pupil's marks and unauthorised total
 * replaced, as a school's corrected export would have them. */
static char *
write_corrected (const char *marks,
                 const char *unauthorised)
{
  g_autofree char *source = fixture_ctf_path ();
  g_autofree char *text = NULL;
  g_autofree char *path = wm_test_file_path ("corrected.xml");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) by_marks = NULL;
  g_auto(GStrv) by_total = NULL;
  g_autofree char *with_marks = NULL;
  g_autofree char *corrected = NULL;

  g_file_get_contents (source, &text, NULL, &error);
  g_assert_no_error (error);

  by_marks = g_strsplit (text, MARKS, -1);
  g_assert_cmpuint (g_strv_length (by_marks), ==, 2);
  with_marks = g_strjoinv (marks, by_marks);

  by_total = g_strsplit (with_marks, UNAUTHORISED, -1);
  g_assert_cmpuint (g_strv_length (by_total), ==, 2);
  corrected = g_strjoinv (unauthorised, by_total);

  g_file_set_contents (path, corrected, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
add_parent (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  WmContactRecord contact = {
    .order = 1,
    .surname = (char *) "O'Brien",
    .forename = (char *) "Siobhan",
    .relationship = (char *) "Mother",
    .parental_responsibility = TRUE,
    .address = (char *) "12 Tern Road\nMillbrook MB1 2AB",
  };

  wm_store_add_contact (fixture->store, fixture->pupil_id, &contact, FALSE,
                        wm_test_day ("2026-03-02"), &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = wm_test_file_path ("letter-figures.db");
  g_autofree char *ctf = fixture_ctf_path ();
  g_autoptr(GError) error = NULL;

  fixture->store = wm_store_open (path, &error);
  g_assert_no_error (error);

  wm_ctf_global_init ();
  import_file (fixture, ctf);
  fixture->pupil_id = wm_store_find_pupil_by_upn (fixture->store, PUPIL_UPN);
  g_assert_cmpint (fixture->pupil_id, >, 0);

  add_parent (fixture);
  fixture->case_id = wm_case_open (fixture->store, fixture->pupil_id,
                                   wm_test_day ("2026-03-02"),
                                   "Attendance below 90%", OFFICER, OFFICER,
                                   &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
}

/* Makes a warning letter sent on @date and its one letter, and returns
 * the letter's id. */
static gint64
make_warning_letter (Fixture    *fixture,
                     const char *date)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                "letters", NULL);
  g_autoptr(GArray) ids = NULL;
  WmLetterDetails details = {
    .officer_name = OFFICER,
    .officer_role = "Attendance officer",
    .officer_phone = "01632 960000",
    .author = OFFICER,
    .templates_dir = dir,
  };
  gint64 record_id;

  json_object_set_string_member (body, "date_sent", date);
  json_object_set_string_member (body, "parent", "Siobhan O'Brien");
  record_id = wm_record_save_draft (fixture->store, fixture->case_id, 0,
                                    "warning-letter", body, OFFICER, &error);
  g_assert_no_error (error);
  g_assert_true (wm_record_finalise (fixture->store, record_id, OFFICER,
                                     &error));
  g_assert_no_error (error);

  ids = wm_letters_generate (fixture->store, record_id, &details, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  return g_array_index (ids, gint64, 0);
}

static GPtrArray *
list_stale (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *stale = wm_store_list_stale_letters (fixture->store,
                                                  fixture->pupil_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stale);
  return stale;
}

static char *
query_text (Fixture    *fixture,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (fixture->store), sql,
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static void
assert_day (WmDay       day,
            const char *expected)
{
  g_autofree char *text = wm_day_to_iso (day);

  g_assert_cmpstr (text, ==, expected);
}

/* Comparing figures ---------------------------------------------------- */

static void
test_compare_unchanged (void)
{
  const WmLetterFigures figures = {
    wm_test_day ("2026-03-27"), wm_test_day ("2026-03-02"),
    wm_test_day ("2026-03-27"), 825, 3,
  };

  g_assert_null (wm_letter_figures_compare (&figures, &figures));
}

/* Each changed figure is named, window first, and a figure that cannot
 * be computed reads "not known". */
static void
test_compare_every_figure (void)
{
  const WmLetterFigures was = {
    wm_test_day ("2026-03-27"), wm_test_day ("2026-03-02"),
    wm_test_day ("2026-03-27"), 864, 4,
  };
  WmLetterFigures now = was;
  g_autofree char *all = NULL;
  g_autofree char *unknown = NULL;

  now.window_start = wm_test_day ("2026-03-09");
  now.percent_tenths = 910;
  now.unauthorised = 1;
  all = wm_letter_figures_compare (&was, &now);
  g_assert_cmpstr (all, ==, "the window was 2 to 27 March 2026, is now 9 to "
                   "27 March 2026; attendance was 86.4%, is now 91.0%; "
                   "unauthorised sessions were 4, are now 1");

  now = was;
  now.percent_tenths = WM_PERCENT_NULL;
  unknown = wm_letter_figures_compare (&was, &now);
  g_assert_cmpstr (unknown, ==, "attendance was 86.4%, is now not known");
}

/* Stored figures ------------------------------------------------------- */

/* The letter of 27 March quoted 33 of 40 sessions (82.5%) over 2 to
 * 27 March and 3 unauthorised sessions, and keeps them. */
static void
test_figures_stored (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 letter = make_warning_letter (fixture, "2026-03-27");
  g_autofree char *sql = g_strdup_printf (
    "SELECT as_of || ' ' || window_start || ' ' || window_end || ' ' || "
    "percent_tenths || ' ' || unauthorised FROM letter_figures "
    "WHERE letter_id = %" G_GINT64_FORMAT, letter);
  g_autofree char *row = query_text (fixture, sql);
  g_autoptr(GPtrArray) stale = list_stale (fixture);

  g_assert_cmpstr (row, ==, "2026-03-27 2026-03-02 2026-03-27 825 3");
  g_assert_cmpuint (stale->len, ==, 0);
}

/* The school corrects the `O` codes of 9 and 10 March to present: as of
 * the letter's date the pupil attended 36 of 40 (90.0%) with no
 * unauthorised absence, so the letter is out of date. */
static void
test_reimport_changed (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 letter = make_warning_letter (fixture, "2026-03-27");
  g_autofree char *corrected = write_corrected (
    "/\\/\\/\\/\\/\\/\\/IIII\\/\\/\\/\\/\\/\\/\\/\\/\\/\\/\\/\\",
    "<SessionsUnauthorised>0</SessionsUnauthorised>");
  g_autoptr(GPtrArray) stale = NULL;
  const WmStaleLetter *item;

  import_file (fixture, corrected);
  stale = list_stale (fixture);

  g_assert_cmpuint (stale->len, ==, 1);
  item = g_ptr_array_index (stale, 0);
  g_assert_cmpint (item->letter_id, ==, letter);
  g_assert_cmpstr (item->template, ==, "warning-letter.txt");
  g_assert_cmpstr (item->addressee, ==, "Siobhan O'Brien");
  assert_day (item->day, "2026-03-27");
  g_assert_cmpint (item->was.percent_tenths, ==, 825);
  g_assert_cmpuint (item->was.unauthorised, ==, 3);
  g_assert_cmpint (item->now.percent_tenths, ==, 900);
  g_assert_cmpuint (item->now.unauthorised, ==, 0);
  assert_day (item->now.window_start, "2026-03-02");
  assert_day (item->now.window_end, "2026-03-27");
  g_assert_cmpstr (item->reason, ==, "attendance was 82.5%, is now 90.0%; "
                   "unauthorised sessions were 3, are now 0");
}

/* Importing the same file again changes no mark and flags nothing. */
static void
test_reimport_unchanged (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *ctf = fixture_ctf_path ();
  g_autoptr(GPtrArray) stale = NULL;

  make_warning_letter (fixture, "2026-03-27");
  import_file (fixture, ctf);
  stale = list_stale (fixture);

  g_assert_cmpuint (stale->len, ==, 0);
}

/* A letter of Friday 20 March quoted the figures up to that day. A
 * correction to Monday 23 March, after the letter, leaves it as it was,
 * while a letter of 27 March is out of date. */
static void
test_reimport_after_letter (Fixture       *fixture,
                            gconstpointer  data)
{
  gint64 early = make_warning_letter (fixture, "2026-03-20");
  gint64 late = make_warning_letter (fixture, "2026-03-27");
  g_autofree char *corrected = write_corrected (
    "/\\/\\/\\/\\/\\OOOIIII\\/\\/\\/\\/\\/\\/\\OO/\\/\\/\\/\\",
    "<SessionsUnauthorised>5</SessionsUnauthorised>");
  g_autoptr(GPtrArray) stale = NULL;
  const WmStaleLetter *item;

  g_assert_cmpint (early, <, late);
  import_file (fixture, corrected);
  stale = list_stale (fixture);

  g_assert_cmpuint (stale->len, ==, 1);
  item = g_ptr_array_index (stale, 0);
  g_assert_cmpint (item->letter_id, ==, late);
  g_assert_cmpstr (item->reason, ==, "attendance was 82.5%, is now 77.5%; "
                   "unauthorised sessions were 3, are now 5");
}

/* The letters of a deleted record are left out, as on the Timeline. */
static void
test_deleted_record (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 letter = make_warning_letter (fixture, "2026-03-27");
  g_autofree char *corrected = write_corrected (
    "/\\/\\/\\/\\/\\/\\/IIII\\/\\/\\/\\/\\/\\/\\/\\/\\/\\/\\/\\",
    "<SessionsUnauthorised>0</SessionsUnauthorised>");
  g_autoptr(GPtrArray) letters = NULL;
  g_autoptr(GPtrArray) stale = NULL;
  g_autoptr(GError) error = NULL;
  gint64 record_id;
  g_autofree char *sql = g_strdup_printf (
    "SELECT record_id FROM letters WHERE id = %" G_GINT64_FORMAT, letter);
  g_autofree char *record_text = query_text (fixture, sql);

  record_id = g_ascii_strtoll (record_text, NULL, 10);
  import_file (fixture, corrected);
  g_assert_true (wm_record_delete (fixture->store, record_id, OFFICER,
                                   &error));
  g_assert_no_error (error);
  stale = list_stale (fixture);

  g_assert_cmpuint (stale->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/letter-figures/compare/unchanged",
                   test_compare_unchanged);
  g_test_add_func ("/letter-figures/compare/every-figure",
                   test_compare_every_figure);
  g_test_add ("/letter-figures/stored", Fixture, NULL, fixture_set_up,
              test_figures_stored, fixture_tear_down);
  g_test_add ("/letter-figures/reimport/changed-marks", Fixture, NULL,
              fixture_set_up, test_reimport_changed, fixture_tear_down);
  g_test_add ("/letter-figures/reimport/unchanged", Fixture, NULL,
              fixture_set_up, test_reimport_unchanged, fixture_tear_down);
  g_test_add ("/letter-figures/reimport/after-letter-date", Fixture, NULL,
              fixture_set_up, test_reimport_after_letter, fixture_tear_down);
  g_test_add ("/letter-figures/deleted-record", Fixture, NULL,
              fixture_set_up, test_deleted_record, fixture_tear_down);

  return g_test_run ();
}
