/* test-i18n.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which text follows the locale and which stays English. Dates, figures,
 * reasons, explanations and the messages of record validation follow the
 * Welsh locale outside an English scope. The evidence bundle (its legal
 * section's deadlines and readiness included), a letter and a stored
 * level reason are the same bytes under the Welsh locale as under C, and
 * so is the --evaluate output. The command line's --help is Welsh, and so
 * is a database error, apart from SQLite's own message.
 *
 * The Welsh cases need the cy_GB.UTF-8 locale (tools/install-deps.sh) and
 * the Welsh catalogue built next to the tests (a build with the window,
 * which builds po/); they skip, saying which is missing, otherwise.
 */

#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "wm-attendance.h"
#include "wm-bundle.h"
#include "wm-case.h"
#include "wm-cli.h"
#include "wm-ctf.h"
#include "wm-date.h"
#include "wm-deadlines.h"
#include "wm-engine.h"
#include "wm-error.h"
#include "wm-evaluation.h"
#include "wm-i18n.h"
#include "wm-import.h"
#include "wm-letter.h"
#include "wm-record.h"
#include "wm-response.h"
#include "wm-routes.h"
#include "wm-store.h"
#include "wm-store-records.h"
#include "wm-test-util.h"

#define OFFICER "A. Officer"
#define PUPIL_UPN "W999200126002"

/* The locale */

static char *locale_dir;

/* Switches the process to Welsh as a Welsh desktop session would start
 * it. Returns %FALSE, having skipped the test, when Welsh is missing. */
static gboolean
switch_to_welsh (void)
{
  g_autofree char *mo = g_build_filename (locale_dir, "cy", "LC_MESSAGES",
                                          GETTEXT_PACKAGE ".mo", NULL);

  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("The Welsh catalogue is not built (configure with -Dgui=enabled)");
      return FALSE;
    }

  if (setlocale (LC_ALL, "cy_GB.UTF-8") == NULL)
    {
      g_test_skip ("The cy_GB.UTF-8 locale is not installed (see tools/install-deps.sh)");
      return FALSE;
    }

  g_setenv ("LANGUAGE", "cy", TRUE);
  return TRUE;
}

static void
switch_to_c (void)
{
  g_unsetenv ("LANGUAGE");
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
}

/* Dates and figures */

static void
test_date_follows_locale (void)
{
  WmDay day = wm_day_from_ymd (2026, 3, 2);
  g_autofree char *welsh = NULL;
  g_autofree char *welsh_range = NULL;
  g_autofree char *welsh_span = NULL;
  g_autofree char *english = NULL;
  g_autofree char *english_range = NULL;

  if (!switch_to_welsh ())
    return;

  welsh = wm_day_format_long (day);
  welsh_range = wm_day_range_format (day, wm_day_from_ymd (2026, 3, 27));
  welsh_span = wm_day_range_format (wm_day_from_ymd (2025, 12, 15), day);

  wm_i18n_english_begin ();
  english = wm_day_format_long (day);
  english_range = wm_day_range_format (day, wm_day_from_ymd (2026, 3, 27));
  wm_i18n_english_end ();
  switch_to_c ();

  g_assert_cmpstr (welsh, ==, "2 Mawrth 2026");
  g_assert_cmpstr (welsh_range, ==, "2 i 27 Mawrth 2026");
  g_assert_cmpstr (welsh_span, ==, "15 Rhagfyr 2025 i 2 Mawrth 2026");
  g_assert_cmpstr (english, ==, "2 March 2026");
  g_assert_cmpstr (english_range, ==, "2 to 27 March 2026");
}

/* The C locale's own month names are English, so the window of a program
 * started without a locale reads as before. */
static void
test_date_c_locale (void)
{
  g_autofree char *date = wm_day_format_long (wm_day_from_ymd (2026, 2, 23));
  g_autofree char *range = wm_day_range_format (wm_day_from_ymd (2026, 2, 23),
                                                wm_day_from_ymd (2026, 3, 20));
  g_autofree char *percent = wm_percent_format (825);

  g_assert_cmpstr (date, ==, "23 February 2026");
  g_assert_cmpstr (range, ==, "23 February to 20 March 2026");
  g_assert_cmpstr (percent, ==, "82.5");
}

/* Scopes nest: ending an inner scope leaves the outer one English. */
static void
test_scope_nests (void)
{
  g_assert_false (wm_i18n_is_english ());
  wm_i18n_english_begin ();
  wm_i18n_english_begin ();
  wm_i18n_english_end ();
  g_assert_true (wm_i18n_is_english ());
  wm_i18n_english_end ();
  g_assert_false (wm_i18n_is_english ());

  {
    g_auto(WmEnglishScope) english = wm_english_scope_begin ();

    g_assert_true (wm_i18n_is_english ());
  }
  g_assert_false (wm_i18n_is_english ());
}

static void
fill_evaluation (WmEvaluation *e)
{
  memset (e, 0, sizeof *e);
  e->level = e->level_high = 2;
  e->attended = 33;
  e->possible = 40;
  e->percent_tenths = 825;
  e->window_weeks = 4;
  e->window_start = wm_day_from_ymd (2026, 3, 2);
  e->window_end = wm_day_from_ymd (2026, 3, 27);
}

/* The reason the window shows is Welsh, with the Welsh plural after 2;
 * inside an English scope it is the English one, word for word. */
static void
test_reason_follows_locale (void)
{
  WmEvaluation e;
  g_autofree char *welsh = NULL;
  g_autofree char *welsh_two = NULL;
  g_autofree char *english = NULL;

  fill_evaluation (&e);
  if (!switch_to_welsh ())
    return;

  welsh = wm_evaluation_describe (&e);
  e.window_weeks = 2;
  e.window_end = wm_day_from_ymd (2026, 3, 13);
  welsh_two = wm_evaluation_describe (&e);
  fill_evaluation (&e);
  wm_i18n_english_begin ();
  english = wm_evaluation_describe (&e);
  wm_i18n_english_end ();
  switch_to_c ();

  g_assert_cmpstr (welsh, ==, "Lefel 2: 33 o 40 sesiwn bosibl wedi'u mynychu (82.5%) "
                              "yn y 4 wythnos ysgol 2 i 27 Mawrth 2026");
  g_assert_cmpstr (welsh_two, ==, "Lefel 2: 33 o 40 sesiwn bosibl wedi'u mynychu (82.5%) "
                                  "yn y 2 wythnos ysgol 2 i 13 Mawrth 2026");
  g_assert_cmpstr (english, ==, "Level 2: 33 of 40 possible sessions attended (82.5%) "
                                "in the 4 school weeks 2 to 27 March 2026");
}

/* Explanations */

/* A date with its weekday, as deadlines are written, and the sentence of
 * a route to a penalty notice follow the locale, with the Welsh plural
 * form. Inside an English scope they are the English ones. */
static void
test_explanation_follows_locale (void)
{
  WmThresholdResult threshold = {
    .as_of = wm_day_from_ymd (2026, 3, 13), .needed = 10, .window_weeks = 2,
    .window_start = wm_day_from_ymd (2026, 3, 2), .count = 4, .met = FALSE,
  };
  g_autofree char *welsh_day = NULL;
  g_autofree char *welsh_threshold = NULL;
  g_autofree char *english_day = NULL;
  g_autofree char *english_threshold = NULL;

  if (!switch_to_welsh ())
    return;

  welsh_day = wm_day_format_weekday (wm_day_from_ymd (2026, 3, 2));
  welsh_threshold = wm_threshold_describe (&threshold);
  wm_i18n_english_begin ();
  english_day = wm_day_format_weekday (wm_day_from_ymd (2026, 3, 2));
  english_threshold = wm_threshold_describe (&threshold);
  wm_i18n_english_end ();
  switch_to_c ();

  g_assert_cmpstr (welsh_day, ==, "Dydd Llun 2 Mawrth 2026");
  g_assert_cmpstr (welsh_threshold, ==, "Trothwy cosb heb ei gyrraedd: 4 o 10 sesiwn heb "
                   "awdurdod (G, N, O, U) yn y 2 wythnos ysgol 2 i 13 Mawrth 2026");
  g_assert_cmpstr (english_day, ==, "Monday 2 March 2026");
  g_assert_cmpstr (english_threshold, ==, "Penalty threshold not met: 4 of 10 unauthorised "
                   "sessions (G, N, O, U) in the 2 school weeks 2 to 13 March 2026");
}

/* Import errors */

/* An import error is in the user's language, because the window and the
 * command line show it to the officer. The file's name is unchanged. */
static void
test_import_error_welsh (void)
{
  g_autofree char *path = wm_test_file_path ("empty.xml");
  g_autoptr(GError) welsh = NULL;
  g_autoptr(GError) english = NULL;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  wm_ctf_global_init ();
  if (!switch_to_welsh ())
    return;

  g_assert_null (wm_ctf_read_file (path, NULL, NULL, NULL, &welsh));
  switch_to_c ();
  g_assert_null (wm_ctf_read_file (path, NULL, NULL, NULL, &english));

  g_assert_error (welsh, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (welsh->message, ==, "Nid yw empty.xml yn Ffeil Trosglwyddo Gyffredin: "
                                       "mae'r ffeil yn wag (llinell 1).");
  g_assert_cmpstr (english->message, ==, "empty.xml is not a Common Transfer File: "
                                         "the file is empty (line 1).");
}

/* A CSV import error is in the user's language too. The file's name, the
 * column's header and the value quoted from the file stay as they are. */
static void
test_csv_error_welsh (void)
{
  g_autofree char *db_path = wm_test_file_path ("csv-error.db");
  g_autofree char *path = wm_test_file_path ("pupils.csv");
  g_autoptr(WmStore) store = NULL;
  g_autoptr(WmImportReport) welsh_report = NULL;
  g_autoptr(WmImportReport) english_report = NULL;
  g_autoptr(GError) welsh = NULL;
  g_autoptr(GError) english = NULL;

  g_assert_true (g_file_set_contents (path, "UPN,Surname,Forename,DOB\n"
                                      PUPIL_UPN ",Test,Ann,31/02/2015\n", -1, NULL));
  store = wm_store_open (db_path, NULL);
  g_assert_nonnull (store);
  if (!switch_to_welsh ())
    return;

  welsh_report = wm_import_file (store, path, NULL, NULL, NULL, &welsh);
  switch_to_c ();
  english_report = wm_import_file (store, path, NULL, NULL, NULL, &english);

  g_assert_null (welsh_report);
  g_assert_null (english_report);
  g_assert_error (welsh, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (welsh->message, ==, "pupils.csv, llinell 2, colofn 4 (DOB): nid yw "
                   "\"31/02/2015\" yn ddyddiad sy'n bodoli. Ysgrifennwch ddyddiadau "
                   "gyda'r diwrnod yn gyntaf a blwyddyn bedwar digid, fel 02/03/2026, "
                   "neu fel 2026-03-02, a gwiriwch y diwrnod a'r mis.");
  g_assert_error (english, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (english->message, ==, "pupils.csv, line 2, column 4 (DOB): "
                   "\"31/02/2015\" is not a date that exists. Write dates day first "
                   "with a four-digit year, as 02/03/2026, or as 2026-03-02, and check "
                   "the day and month.");
}

/* An import's warnings are shown in the user's language, with the right
 * plural form, and stored in English, like every stored reason. */
static void
test_csv_warnings_welsh (void)
{
  g_autofree char *db_path = wm_test_file_path ("csv-warnings.db");
  g_autofree char *pupils = wm_test_file_path ("pupils.csv");
  g_autofree char *marks = wm_test_file_path ("marks.csv");
  g_autoptr(WmStore) store = NULL;
  g_autoptr(WmImportReport) pupils_report = NULL;
  g_autoptr(WmImportReport) marks_report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (pupils, "UPN,Surname,Forename,DOB,Admission date,Shoe size\n"
                                      PUPIL_UPN ",Test,Ann,02/09/2014,04/03/2026,3\n", -1, NULL));
  g_assert_true (g_file_set_contents (marks, "UPN,Date,Session,Mark,LEA,Estab\n"
                                      PUPIL_UPN ",03/03/2026,AM,/,999,2001\n"
                                      PUPIL_UPN ",04/03/2026,AM,/,999,2001\n", -1, NULL));
  store = wm_store_open (db_path, NULL);
  g_assert_nonnull (store);
  if (!switch_to_welsh ())
    return;

  pupils_report = wm_import_file (store, pupils, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  marks_report = wm_import_file (store, marks, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  switch_to_c ();

  g_assert_cmpuint (pupils_report->shown_warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (pupils_report->shown_warnings, 0), ==,
                   "pupils.csv, llinell 1: nid yw'r colofnau hyn yn cael eu "
                   "defnyddio mewn ffeil disgyblion, a anwybyddwyd hwy: Shoe size.");
  g_assert_cmpstr (g_ptr_array_index (pupils_report->warnings, 0), ==,
                   "pupils.csv, line 1: these columns are not used in a pupils "
                   "file and were ignored: Shoe size.");
  g_assert_cmpuint (marks_report->shown_warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (marks_report->shown_warnings, 0), ==,
                   "marks.csv, llinell 2: UPN " PUPIL_UPN ": gadawyd 1 sesiwn a "
                   "farciwyd y tu allan i amser y disgybl ar y gofrestr (dyddiad "
                   "derbyn i ddyddiad gadael) allan o'r gofrestr.");
  g_assert_cmpstr (g_ptr_array_index (marks_report->warnings, 0), ==,
                   "marks.csv, line 2: UPN " PUPIL_UPN ": 1 session marked outside "
                   "the pupil's time on roll (admission date to leaving date) was "
                   "left out of the register.");
}

/* A warning that names a register category translates the category too,
 * and stores it in English. */
static void
test_ctf_warnings_welsh (void)
{
  g_autofree char *db_path = wm_test_file_path ("ctf-warnings.db");
  g_autofree char *path = wm_test_file_path ("j.xml");
  g_autoptr(WmStore) store = NULL;
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<CTfile><Header><DocumentName>Common Transfer File</DocumentName>\n"
    "<CTFversion>25.0</CTFversion><DateTime>2026-03-13T16:00:00</DateTime>\n"
    "<DocumentQualifier>partial</DocumentQualifier>\n"
    "<SourceSchool><LEA>999</LEA><Estab>2001</Estab>\n"
    "<SchoolName>Millbrook Primary School</SchoolName>\n"
    "<AcademicYear>2025/26</AcademicYear></SourceSchool></Header>\n"
    "<CTFpupilData><Pupil><UPN>B801200005001</UPN><Surname>Test</Surname>\n"
    "<Forename>Ann</Forename><DOB>2015-03-14</DOB><Sex>F</Sex>\n"
    "<BasicDetails><EntryDate>2021-09-01</EntryDate></BasicDetails>\n"
    "<Attendance><YearData><Year>2025</Year><LEA>999</LEA><Estab>2001</Estab>\n"
    "<SessionsPossible>12</SessionsPossible><AttendSessions>\n"
    "<AttendanceStartDate>2026-03-02</AttendanceStartDate>\n"
    "<AttendanceMarks>/\\JJ/\\J\\/\\/\\</AttendanceMarks>\n"
    "</AttendSessions></YearData></Attendance></Pupil></CTFpupilData></CTfile>\n",
    -1, NULL));
  store = wm_store_open (db_path, NULL);
  g_assert_nonnull (store);
  wm_ctf_global_init ();
  if (!switch_to_welsh ())
    return;

  report = wm_import_file (store, path, NULL, NULL, NULL, &error);
  switch_to_c ();

  g_assert_no_error (error);
  g_assert_cmpuint (report->shown_warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report->shown_warnings, 0), ==,
                   "j.xml, llinell 14, UPN B801200005001: Cyfrifwyd 3 sesiwn â'r "
                   "cod J ar 19 Awst 2024 neu wedyn fel J1 (absenoldeb "
                   "awdurdodedig), y cod a ddaeth yn ei le.");
  g_assert_cmpstr (g_ptr_array_index (report->warnings, 0), ==,
                   "j.xml, line 14, UPN B801200005001: 3 sessions coded J on or "
                   "after 19 August 2024 were counted as J1 (authorised absence), "
                   "the code that replaced it.");
}

/* The error of a database that cannot be opened is in the user's
 * language, the reason included; the path stays as it is. */
static void
test_store_open_error_welsh (void)
{
  g_autofree char *path = wm_test_file_path ("not-a-database.db");
  g_autofree char *welsh_expected = NULL;
  g_autofree char *english_expected = NULL;
  g_autoptr(WmStore) welsh_store = NULL;
  g_autoptr(WmStore) english_store = NULL;
  g_autoptr(GError) welsh = NULL;
  g_autoptr(GError) english = NULL;

  /* Longer than the 100-byte SQLite header, so the header is read and
   * refused. */
  g_assert_true (g_file_set_contents (path, "This is a letter, not a database. "
                                      "It is long enough to hold an SQLite header "
                                      "of one hundred bytes, but it has none.\n",
                                      -1, NULL));
  if (!switch_to_welsh ())
    return;

  welsh_store = wm_store_open (path, &welsh);
  switch_to_c ();
  english_store = wm_store_open (path, &english);

  welsh_expected = g_strdup_printf ("Nid yw %s yn gronfa ddata Waymark: nid yw'n "
                                    "gronfa ddata SQLite. Dewiswch gronfa ddata arall "
                                    "neu adferwch gopi wrth gefn", path);
  english_expected = g_strdup_printf ("%s is not a Waymark database: it is not an "
                                      "SQLite database. Choose another database or "
                                      "restore a backup", path);
  g_assert_null (welsh_store);
  g_assert_null (english_store);
  g_assert_error (welsh, WM_ERROR, WM_ERROR_FOREIGN_DATABASE);
  g_assert_cmpstr (welsh->message, ==, welsh_expected);
  g_assert_error (english, WM_ERROR, WM_ERROR_FOREIGN_DATABASE);
  g_assert_cmpstr (english->message, ==, english_expected);
}

/* A database that another program keeps locked fails in the user's
 * language as a whole: what Waymark was doing and the reason are Welsh,
 * and only SQLite's own message, the technical detail support staff
 * search for, stays English. */
static void
test_store_busy_error_welsh (void)
{
  g_autofree char *path = wm_test_file_path ("locked.db");
  g_autofree char *welsh_expected = NULL;
  g_autofree char *english_expected = NULL;
  g_autoptr(WmStore) store = wm_store_open (path, NULL);
  g_autoptr(GError) welsh = NULL;
  g_autoptr(GError) english = NULL;
  sqlite3 *other = NULL;

  /* Shortened from the store's 10 s so the test does not wait long. */
  g_assert_nonnull (store);
  sqlite3_busy_timeout (wm_store_get_db (store), 100);
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  if (!switch_to_welsh ())
    {
      sqlite3_close (other);
      return;
    }

  g_assert_false (wm_store_audit (store, "test", NULL, 0, NULL, &welsh));
  switch_to_c ();
  g_assert_false (wm_store_audit (store, "test", NULL, 0, NULL, &english));
  sqlite3_close (other);

  welsh_expected = g_strdup_printf ("Mae'r gronfa ddata'n cael ei defnyddio gan raglen arall; "
                                    "rhowch gynnig arall arni. Wrth ddechrau trafodyn yn %s: "
                                    "roedd rhaglen arall wedi cloi'r gronfa ddata am ormod o "
                                    "amser (SQLite: database is locked)", path);
  english_expected = g_strdup_printf ("The database is in use by another program; try again. "
                                      "While starting a transaction in %s: another program "
                                      "kept the database locked for too long (SQLite: "
                                      "database is locked)", path);
  g_assert_error (welsh, WM_ERROR, WM_ERROR_BUSY);
  g_assert_cmpstr (welsh->message, ==, welsh_expected);
  g_assert_null (strstr (welsh->message, "while"));
  g_assert_null (strstr (welsh->message, "While"));
  g_assert_error (english, WM_ERROR, WM_ERROR_BUSY);
  g_assert_cmpstr (english->message, ==, english_expected);
}

/* Damages each of @tables and its indexes, so that no query plan can
 * read its rows from an undamaged index. The first byte of a b-tree's
 * root page is the kind of page, and no kind has the number 1. The store
 * is closed first, so the write-ahead log is folded into the file and the
 * next connection reads the damage. */
static void
damage_tables (const char         *path,
               const char * const *tables)
{
  g_autoptr(WmStore) store = wm_store_open (path, NULL);
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  gint64 page_size;
  FILE *file;

  g_assert_nonnull (store);
  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (store), "PRAGMA page_size", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page_size = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (store),
                                       "SELECT rootpage FROM sqlite_schema "
                                       "WHERE tbl_name = ?1 AND rootpage > 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; tables[i] != NULL; i++)
    {
      sqlite3_bind_text (stmt, 1, tables[i], -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 offset = (sqlite3_column_int64 (stmt, 0) - 1) * page_size;

          g_array_append_val (offsets, offset);
        }
      sqlite3_reset (stmt);
    }
  g_assert_cmpuint (offsets->len, >=, g_strv_length ((char **) tables));
  sqlite3_finalize (stmt);
  g_clear_object (&store);

  file = fopen (path, "r+b");
  g_assert_nonnull (file);
  for (guint i = 0; i < offsets->len; i++)
    {
      g_assert_cmpint (fseek (file, g_array_index (offsets, gint64, i), SEEK_SET), ==, 0);
      g_assert_cmpint (fputc (1, file), ==, 1);
    }
  g_assert_cmpint (fclose (file), ==, 0);
}

/* A damaged database fails in the user's language. Each place that reads
 * it (the pupils, the rules, the calendar) gives the Welsh phrase of what
 * Waymark was doing, then the Welsh reason for SQLITE_CORRUPT, then
 * SQLite's own message in English. Under C the message is all English. */
static void
test_store_corrupt_error_welsh (void)
{
  static const char * const tables[] = { "pupils", "rule_values", "school_sessions", NULL };
  g_autofree char *path = wm_test_file_path ("damaged.db");
  g_autofree char *welsh_expected = NULL;
  g_autofree char *english_expected = NULL;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GPtrArray) welsh_pupils = NULL;
  g_autoptr(GPtrArray) english_pupils = NULL;
  g_autoptr(WmCalendar) calendar = NULL;
  g_autoptr(GError) welsh = NULL;
  g_autoptr(GError) welsh_rules = NULL;
  g_autoptr(GError) welsh_calendar = NULL;
  g_autoptr(GError) english = NULL;
  WmRules rules;

  damage_tables (path, tables);
  store = wm_store_open (path, NULL);
  g_assert_nonnull (store);
  if (!switch_to_welsh ())
    return;

  welsh_pupils = wm_store_list_pupils (store, &welsh);
  g_assert_false (wm_store_load_rules (store, 0, &rules, &welsh_rules));
  calendar = wm_store_load_calendar (store, 1, &welsh_calendar);
  switch_to_c ();
  english_pupils = wm_store_list_pupils (store, &english);

  welsh_expected = g_strdup_printf ("Gwall cronfa ddata wrth restru disgyblion yn %s: mae "
                                    "ffeil y gronfa ddata wedi'i difrodi (SQLite: database "
                                    "disk image is malformed). Adferwch gopi wrth gefn o'r "
                                    "gronfa ddata.", path);
  english_expected = g_strdup_printf ("Database error while listing pupils in %s: the "
                                      "database file is damaged (SQLite: database disk "
                                      "image is malformed). Restore a backup of the "
                                      "database.", path);
  g_assert_null (welsh_pupils);
  g_assert_error (welsh, WM_ERROR, WM_ERROR_DATABASE);
  g_assert_cmpstr (welsh->message, ==, welsh_expected);
  g_assert_null (strstr (welsh->message, "while"));
  g_assert_error (welsh_rules, WM_ERROR, WM_ERROR_DATABASE);
  g_assert_true (g_str_has_prefix (welsh_rules->message,
                                   "Gwall cronfa ddata wrth ddarllen y rheolau yn "));
  g_assert_null (calendar);
  g_assert_error (welsh_calendar, WM_ERROR, WM_ERROR_DATABASE);
  g_assert_true (g_str_has_prefix (welsh_calendar->message,
                                   "Gwall cronfa ddata wrth ddarllen y calendr yn "));
  g_assert_null (english_pupils);
  g_assert_error (english, WM_ERROR, WM_ERROR_DATABASE);
  g_assert_cmpstr (english->message, ==, english_expected);
}

/* Record validation */

static JsonObject *
visit_with_next_date (const char *next)
{
  JsonObject *visit = json_object_new ();

  json_object_set_string_member (visit, "date", "02/03/2026");
  json_object_set_string_member (visit, "visited_by", OFFICER);
  json_object_set_string_member (visit, "outcome", "no-answer");
  json_object_set_string_member (visit, "next_visit_date", next);
  return visit;
}

/* A wrong field is reported by its name, whatever the language of its
 * label, so the form can show the Welsh message under the right field.
 * The message itself starts with the Welsh label. It is an error shown to
 * the officer, so it stays Welsh inside an English scope too. */
static void
test_validation_welsh (void)
{
  const WmRecordKind *kind = wm_record_kind_lookup ("home-visit");
  g_autoptr(JsonObject) visit = visit_with_next_date ("31/02/2026");
  g_autoptr(GError) welsh_error = NULL;
  g_autoptr(GError) scoped_error = NULL;
  g_autoptr(GError) english_error = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *scoped_problem = NULL;
  g_autofree char *english_problem = NULL;
  const char *field = NULL;
  const char *scoped_field = NULL;
  const char *english_field = NULL;

  if (!switch_to_welsh ())
    return;

  g_assert_false (wm_record_validate_field (kind, visit, &field, &problem, &welsh_error));
  wm_i18n_english_begin ();
  g_assert_false (wm_record_validate_field (kind, visit, &scoped_field, &scoped_problem,
                                            &scoped_error));
  wm_i18n_english_end ();
  switch_to_c ();
  g_assert_false (wm_record_validate_field (kind, visit, &english_field, &english_problem,
                                            &english_error));

  g_assert_cmpstr (field, ==, "next_visit_date");
  g_assert_cmpstr (problem, ==, "nid yw 31/02/2026 yn ddyddiad; ysgrifennwch ef fel "
                                "DD/MM/BBBB, diwrnod sy'n bodoli");
  g_assert_cmpstr (welsh_error->message, ==, "Dyddiad yr ymweliad nesaf: nid yw 31/02/2026 "
                   "yn ddyddiad; ysgrifennwch ef fel DD/MM/BBBB, diwrnod sy'n bodoli");
  g_assert_cmpstr (scoped_field, ==, "next_visit_date");
  g_assert_cmpstr (scoped_problem, ==, problem);
  g_assert_cmpstr (scoped_error->message, ==, welsh_error->message);
  g_assert_cmpstr (english_field, ==, "next_visit_date");
  g_assert_cmpstr (english_problem, ==, "31/02/2026 is not a date; write it as DD/MM/YYYY, "
                                        "a day that exists");
  g_assert_cmpstr (english_error->message, ==, "Next visit date: 31/02/2026 is not a date; "
                   "write it as DD/MM/YYYY, a day that exists");
}

/* An item of a list is reported under the list, by the list's name. */
static void
test_validation_names_field (void)
{
  const WmRecordKind *kind = wm_record_kind_lookup ("home-visit");
  g_autoptr(JsonObject) visit = visit_with_next_date ("09/03/2026");
  g_autoptr(JsonObject) item = json_object_new ();
  g_autoptr(JsonArray) actions = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  const char *field = NULL;

  json_object_set_string_member (item, "owner", "Parent");
  json_array_add_object_element (actions, g_steal_pointer (&item));
  json_object_set_array_member (visit, "agreed_actions", g_steal_pointer (&actions));

  g_assert_false (wm_record_validate_field (kind, visit, &field, &problem, &error));
  g_assert_cmpstr (field, ==, "agreed_actions");
  g_assert_cmpstr (problem, ==, "item 1, Action: this field is required");
  g_assert_cmpstr (error->message, ==, "Agreed actions, item 1, Action: this field is required");
}

/* A missing partner field is reported by the partner's name, not by the
 * name of the field that needs it. */
static void
test_validation_names_partner (void)
{
  const WmRecordKind *kind = wm_record_kind_lookup ("safeguarding");
  g_autoptr(JsonObject) concern = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  const char *field = NULL;

  json_object_set_string_member (concern, "date", "02/03/2026");
  json_object_set_string_member (concern, "concern", "Bruising seen");
  json_object_set_string_member (concern, "closed_date", "09/03/2026");

  g_assert_false (wm_record_validate_field (kind, concern, &field, &problem, &error));
  g_assert_cmpstr (field, ==, "closed_outcome");
  g_assert_cmpstr (problem, ==, "give it as well as the Date the concern was closed");
  g_assert_cmpstr (error->message, ==, "Outcome when closed: give it as well as the "
                                       "Date the concern was closed");
}

/* Documents */

typedef struct
{
  WmStore *store;
  gint64   pupil_id;
  gint64   case_id;
} Fixture;

static void
add_home_visit (Fixture *fixture,
                gint64   case_id)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  json_object_set_string_member (body, "date", "2026-03-10");
  json_object_set_string_member (body, "visited_by", OFFICER);
  json_object_set_string_member (body, "outcome", "no-answer");
  id = wm_record_save_draft (fixture->store, case_id, 0, "home-visit", body,
                             OFFICER, &error);
  g_assert_no_error (error);
  g_assert_true (wm_record_finalise (fixture->store, id, OFFICER, &error));
  g_assert_no_error (error);
}

/* A pupil with four weeks of register, evaluated twice so that a level
 * change is stored, and a case with a home visit. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *ctf = g_test_build_filename (G_TEST_DIST, "fixtures", "cli",
                                                "four-weeks.xml", NULL);
  g_autofree char *path = wm_test_file_path ("i18n.db");
  static const char * const dates[] = { "2026-03-13", "2026-03-27" };
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 case_id;

  fixture->store = wm_store_open (path, &error);
  g_assert_no_error (error);
  wm_ctf_global_init ();
  report = wm_import_file (fixture->store, ctf, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  fixture->pupil_id = wm_store_find_pupil_by_upn (fixture->store, PUPIL_UPN);
  g_assert_cmpint (fixture->pupil_id, >, 0);

  g_array_append_val (ids, fixture->pupil_id);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(WmEngine) engine = wm_engine_new (fixture->store, wm_test_day (dates[i]));

      g_assert_true (wm_engine_evaluate_and_save (engine, ids, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  case_id = wm_case_open (fixture->store, fixture->pupil_id, wm_test_day ("2026-03-02"),
                          "Attendance below 90%", OFFICER, OFFICER, &error);
  g_assert_no_error (error);
  fixture->case_id = case_id;
  add_home_visit (fixture, case_id);
}

/* The entry of @kind in @entries, which must have one. */
static const WmTimelineEntry *
find_entry (GPtrArray  *entries,
            const char *kind)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const WmTimelineEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->kind, kind) == 0)
        return entry;
    }

  g_assert_not_reached ();
}

/* The window shows the Timeline in the officer's language, and the
 * bundle, which lists it inside an English scope, in English. */
static void
test_timeline_follows_locale (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) welsh = NULL;
  g_autoptr(GPtrArray) english = NULL;
  g_autoptr(GError) error = NULL;
  const WmTimelineEntry *opened;
  const WmTimelineEntry *imported;

  if (!switch_to_welsh ())
    return;

  welsh = wm_store_list_timeline (fixture->store, fixture->pupil_id, &error);
  g_assert_no_error (error);
  wm_i18n_english_begin ();
  english = wm_store_list_timeline (fixture->store, fixture->pupil_id, &error);
  wm_i18n_english_end ();
  switch_to_c ();
  g_assert_no_error (error);

  opened = find_entry (welsh, "case-open");
  g_assert_cmpstr (opened->title, ==, "Achos wedi'i agor, dan arweiniad " OFFICER);
  g_assert_cmpstr (opened->detail, ==, "Rheswm: Attendance below 90% · Cofnodwyd gan "
                   OFFICER);
  imported = find_entry (welsh, "import");
  g_assert_true (g_str_has_prefix (imported->title,
                                   "Cofrestr wedi'i mewnforio o four-weeks.xml: "));

  opened = find_entry (english, "case-open");
  g_assert_cmpstr (opened->title, ==, "Case opened, led by " OFFICER);
  g_assert_cmpstr (opened->detail, ==, "Reason: Attendance below 90% · Recorded by "
                   OFFICER);
  imported = find_entry (english, "import");
  g_assert_true (g_str_has_prefix (imported->title,
                                   "Register imported from four-weeks.xml: "));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
}

static GBytes *
export_sections (Fixture          *fixture,
                 const char       *name,
                 WmBundleSections  sections)
{
  g_autofree char *path = wm_test_file_path (name);
  g_autoptr(GError) error = NULL;
  WmBundleOptions options;
  char *contents = NULL;
  gsize length;

  wm_bundle_options_init (&options, wm_test_day ("2026-03-27"));
  if (sections != 0)
    options.sections = sections;
  g_assert_true (wm_bundle_export (fixture->store, fixture->pupil_id, &options, path,
                                   NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

static GBytes *
export_bundle (Fixture    *fixture,
               const char *name)
{
  return export_sections (fixture, name, 0);
}

/* The bundle is for an English court: under the Welsh locale it is the
 * same bytes as under C, the reasons of the level changes the Welsh
 * evaluator stored included. */
static void
test_bundle_english (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GBytes) welsh = NULL;
  g_autoptr(GBytes) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmEngine) engine = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!switch_to_welsh ())
    return;

  /* A third evaluation, under Welsh, on a date that changes the level. */
  g_array_append_val (ids, fixture->pupil_id);
  engine = wm_engine_new (fixture->store, wm_test_day ("2026-03-06"));
  g_assert_true (wm_engine_evaluate_and_save (engine, ids, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  welsh = export_bundle (fixture, "welsh.pdf");
  switch_to_c ();
  c = export_bundle (fixture, "c.pdf");

  g_assert_cmpuint (g_bytes_get_size (c), >, 10000);
  g_assert_cmpmem (g_bytes_get_data (welsh, NULL), g_bytes_get_size (welsh),
                   g_bytes_get_data (c, NULL), g_bytes_get_size (c));
}

/* A home visit that plans the next one and agrees an action with a due
 * date, so that the case has deadlines. */
static void
add_visit_with_deadlines (Fixture *fixture)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) action = json_object_new ();
  g_autoptr(JsonArray) actions = json_array_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  json_object_set_string_member (action, "action", "Call the school");
  json_object_set_string_member (action, "due_date", "2026-03-20");
  json_array_add_object_element (actions, g_steal_pointer (&action));
  json_object_set_string_member (body, "date", "2026-03-12");
  json_object_set_string_member (body, "visited_by", OFFICER);
  json_object_set_string_member (body, "outcome", "no-answer");
  json_object_set_array_member (body, "agreed_actions", g_steal_pointer (&actions));
  json_object_set_string_member (body, "next_visit_date", "2026-04-02");
  id = wm_record_save_draft (fixture->store, fixture->case_id, 0, "home-visit", body,
                             OFFICER, &error);
  g_assert_no_error (error);
  g_assert_true (wm_record_finalise (fixture->store, id, OFFICER, &error));
  g_assert_no_error (error);
}

static gboolean
has_sentence (GPtrArray  *items,
              gsize       offset,
              const char *sentence)
{
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (G_STRUCT_MEMBER (const char *, items->pdata[i], offset), sentence) == 0)
      return TRUE;

  return FALSE;
}

/* The legal section's deadlines and the readiness of each step are Welsh
 * where the window shows them, and English in the bundle: the section is
 * the same bytes under the Welsh locale as under C. */
static void
test_bundle_legal_english (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(WmEngine) engine = wm_engine_new (fixture->store, wm_test_day ("2026-03-27"));
  g_autoptr(WmResponse) response = NULL;
  g_autoptr(GBytes) welsh = NULL;
  g_autoptr(GBytes) c = NULL;
  g_autoptr(GError) error = NULL;
  const WmStepReadiness *prosecution;

  add_visit_with_deadlines (fixture);
  if (!switch_to_welsh ())
    return;

  response = wm_engine_respond_pupil (engine, fixture->pupil_id, &error);
  g_assert_no_error (error);
  welsh = export_sections (fixture, "legal-welsh.pdf", WM_BUNDLE_COVER | WM_BUNDLE_LEGAL);
  switch_to_c ();
  c = export_sections (fixture, "legal-c.pdf", WM_BUNDLE_COVER | WM_BUNDLE_LEGAL);

  g_assert_true (has_sentence (response->deadlines, G_STRUCT_OFFSET (WmDeadline, sentence),
                               "Ymweliad cartref nesaf, wedi'i gynllunio ar gyfer "
                               "2 Ebrill 2026"));
  g_assert_true (has_sentence (response->deadlines, G_STRUCT_OFFSET (WmDeadline, sentence),
                               "Cam gweithredu a gytunwyd o'r Ymweliad cartref ar "
                               "12 Mawrth 2026: Call the school"));
  prosecution = &response->steps[WM_STEP_PROSECUTION];
  g_assert_true (has_sentence (prosecution->items, G_STRUCT_OFFSET (WmEvidenceItem, sentence),
                               "Ymweliad cartref ar 12 Mawrth 2026"));
  g_assert_cmpuint (g_bytes_get_size (c), >, 2000);
  g_assert_cmpmem (g_bytes_get_data (welsh, NULL), g_bytes_get_size (welsh),
                   g_bytes_get_data (c, NULL), g_bytes_get_size (c));
}

static GBytes *
render_letter (const char *name)
{
  g_autofree char *template = g_test_build_filename (G_TEST_DIST, "..", "data", "letters",
                                                     "home-visit-card.txt", NULL);
  g_autofree char *path = wm_test_file_path (name);
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(WmLetter) letter = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_hash_table_insert (values, (gpointer) "pupil.forename", (gpointer) "Sam");
  g_hash_table_insert (values, (gpointer) "pupil.surname", (gpointer) "Example");
  g_hash_table_insert (values, (gpointer) "school.name", (gpointer) "Northfield School");
  g_hash_table_insert (values, (gpointer) "school.address", (gpointer) "1 School Lane");
  g_hash_table_insert (values, (gpointer) "school.phone", (gpointer) "01632 960000");
  g_hash_table_insert (values, (gpointer) "parent.name", (gpointer) "Ann Example");
  g_hash_table_insert (values, (gpointer) "parent.address", (gpointer) "2 Home Road");
  g_hash_table_insert (values, (gpointer) "officer.name", (gpointer) "Alex Officer");
  g_hash_table_insert (values, (gpointer) "officer.role", (gpointer) "Attendance Officer");
  g_hash_table_insert (values, (gpointer) "officer.phone", (gpointer) "01632 960001");
  g_hash_table_insert (values, (gpointer) "visit.date", (gpointer) "Friday 13 March 2026");
  g_hash_table_insert (values, (gpointer) "visit.time", (gpointer) "10:15");

  letter = wm_letter_new_from_file (template, values, wm_test_day ("2026-03-13"), &error);
  g_assert_no_error (error);
  g_assert_true (wm_letter_render_to_file (letter, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

/* A letter is English for English-speaking parents, its date included. */
static void
test_letter_english (void)
{
  g_autoptr(GBytes) welsh = NULL;
  g_autoptr(GBytes) c = NULL;

  if (!switch_to_welsh ())
    return;

  welsh = render_letter ("welsh.pdf");
  switch_to_c ();
  c = render_letter ("c.pdf");

  g_assert_cmpuint (g_bytes_get_size (c), >, 1000);
  g_assert_cmpmem (g_bytes_get_data (welsh, NULL), g_bytes_get_size (welsh),
                   g_bytes_get_data (c, NULL), g_bytes_get_size (c));
}

/* Exports the bundle into @folder, which cannot hold a file, and returns
 * the error. */
static GError *
export_bundle_error (Fixture    *fixture,
                     const char *folder)
{
  g_autofree char *path = g_build_filename (folder, "bundle.pdf", NULL);
  GError *error = NULL;
  WmBundleOptions options;

  wm_bundle_options_init (&options, wm_test_day ("2026-03-27"));
  g_assert_false (wm_bundle_export (fixture->store, fixture->pupil_id, &options, path,
                                    NULL, NULL, NULL, &error));
  return error;
}

/* An error is shown to the officer, never printed in the bundle, so an
 * export that fails is told in the officer's language even though the
 * bundle itself is made in English. The folder is a plain file, so the
 * PDF cannot be written in it. GLib's own reason sits in the middle, as
 * GLib words it. */
static void
test_bundle_error_welsh (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *folder = wm_test_file_path ("not-a-folder");
  g_autofree char *path = g_build_filename (folder, "bundle.pdf", NULL);
  g_autofree char *welsh_expected = NULL;
  g_autofree char *english_expected = NULL;
  g_autoptr(GError) welsh = NULL;
  g_autoptr(GError) english = NULL;

  g_assert_true (g_file_set_contents (folder, "a file, not a folder\n", -1, NULL));
  if (!switch_to_welsh ())
    return;

  welsh = export_bundle_error (fixture, folder);
  switch_to_c ();
  english = export_bundle_error (fixture, folder);

  welsh_expected = g_strdup_printf ("Methu ysgrifennu %s: Error opening file “%s”: Not a "
                                    "directory. Gwiriwch fod y ffolder yn bodoli, y gellir "
                                    "ysgrifennu ynddi a bod lle rhydd ynddi.", path, path);
  english_expected = g_strdup_printf ("Could not write %s: Error opening file “%s”: Not a "
                                      "directory. Check that the folder exists, can be "
                                      "written and has free space.", path, path);
  g_assert_error (welsh, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_cmpstr (welsh->message, ==, welsh_expected);
  g_assert_error (english, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_cmpstr (english->message, ==, english_expected);
}

/* The command line */

/* Runs `--evaluate --as-of=2026-03-27 --format=json` on @database as the
 * command line does, and returns what it printed to stdout. */
static char *
evaluate_json (const char *database)
{
  g_autofree char *out_path = wm_test_file_path ("evaluate.json");
  WmCliOptions options = { 0 };
  char *contents = NULL;
  int saved;
  int fd;
  int status;

  options.database = (char *) database;
  options.evaluate = TRUE;
  options.as_of = (char *) "2026-03-27";
  options.format = (char *) "json";

  fd = g_open (out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  fflush (stdout);
  saved = dup (STDOUT_FILENO);
  g_assert_cmpint (dup2 (fd, STDOUT_FILENO), ==, STDOUT_FILENO);
  status = wm_cli_run (&options);
  fflush (stdout);
  g_assert_cmpint (dup2 (saved, STDOUT_FILENO), ==, STDOUT_FILENO);
  close (saved);
  close (fd);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_get_contents (out_path, &contents, NULL, NULL));
  return contents;
}

/* The --evaluate output is data for scripts: under the Welsh locale it is
 * the same text as under C, its deadline sentences and dates included. */
static void
test_cli_evaluate_english (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *database = wm_store_get_path (fixture->store);
  g_autofree char *welsh = NULL;
  g_autofree char *c = NULL;

  add_visit_with_deadlines (fixture);
  if (!switch_to_welsh ())
    return;

  welsh = evaluate_json (database);
  switch_to_c ();
  c = evaluate_json (database);

  g_assert_nonnull (strstr (c, "\"sentence\" : \"Next home visit, planned for 2 April 2026\""));
  g_assert_cmpstr (welsh, ==, c);
}

static void
run_help (void)
{
  g_autoptr(GApplication) application = NULL;
  WmCliOptions options = { 0 };
  char *argv[] = { (char *) "waymark", (char *) "--help", NULL };

  /* As the program does before anything is printed (src/main.c). */
  textdomain (GETTEXT_PACKAGE);
  application = g_application_new ("io.github.waymark.HelpTest", G_APPLICATION_NON_UNIQUE);
  wm_cli_add_option_entries (application, &options);
  exit (g_application_run (application, 2, argv));
}

/* --help describes each option in the user's language. */
static void
test_cli_help_welsh (void)
{
  if (g_test_subprocess ())
    {
      g_assert_true (switch_to_welsh ());
      run_help ();
      return;
    }

  if (!switch_to_welsh ())
    return;
  switch_to_c ();

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*--evaluate*Argraffu lefel a ffigurau presenoldeb pob disgybl a gadael*");
  g_test_trap_assert_stdout ("*--as-of=YYYY-MM-DD*Gwerthuso ar y dyddiad hwn yn lle heddiw*");
  g_test_trap_assert_stdout_unmatched ("*Evaluate as of this date instead of today*");
}

/* Under C the same help is English, so the Welsh above is a translation. */
static void
test_cli_help_c (void)
{
  if (g_test_subprocess ())
    {
      switch_to_c ();
      run_help ();
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*--as-of=YYYY-MM-DD*Evaluate as of this date instead of today*");
}

/* Passes every message but a debug one on to GLib's own handler. */
static void
drop_debug (const char     *domain,
            GLogLevelFlags  level,
            const char     *message,
            gpointer        data)
{
  if ((level & G_LOG_LEVEL_DEBUG) == 0)
    g_log_default_handler (domain, level, message, data);
}

/* Runs @options as the command line does and returns its exit status,
 * with what it printed to stdout in @out and to stderr in @err. The test
 * framework writes debug messages to stdout, so they are dropped for the
 * run: they are not part of what the command prints. A warning still
 * fails the test, because the test framework makes warnings fatal and
 * GLib aborts after the handler has printed one. */
static int
run_cli (const WmCliOptions  *options,
         char               **out,
         char               **err)
{
  g_autofree char *out_path = wm_test_file_path ("cli-stdout.txt");
  g_autofree char *err_path = wm_test_file_path ("cli-stderr.txt");
  int out_fd = g_open (out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  int err_fd = g_open (err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  GLogFunc previous;
  int saved_out, saved_err, status;

  g_assert_cmpint (out_fd, >=, 0);
  g_assert_cmpint (err_fd, >=, 0);
  fflush (stdout);
  fflush (stderr);
  saved_out = dup (STDOUT_FILENO);
  saved_err = dup (STDERR_FILENO);
  g_assert_cmpint (dup2 (out_fd, STDOUT_FILENO), ==, STDOUT_FILENO);
  g_assert_cmpint (dup2 (err_fd, STDERR_FILENO), ==, STDERR_FILENO);

  previous = g_log_set_default_handler (drop_debug, NULL);
  status = wm_cli_run (options);
  g_log_set_default_handler (previous, NULL);

  fflush (stdout);
  fflush (stderr);
  g_assert_cmpint (dup2 (saved_out, STDOUT_FILENO), ==, STDOUT_FILENO);
  g_assert_cmpint (dup2 (saved_err, STDERR_FILENO), ==, STDERR_FILENO);
  close (saved_out);
  close (saved_err);
  close (out_fd);
  close (err_fd);

  g_assert_true (g_file_get_contents (out_path, out, NULL, NULL));
  g_assert_true (g_file_get_contents (err_path, err, NULL, NULL));
  return status;
}

/* The error for a database that does not exist is in the user's
 * language, after the program's name, which stays as it is. The path is
 * unchanged and no database is created. */
static void
test_cli_missing_database_welsh (void)
{
  g_autofree char *database = wm_test_file_path ("missing.db");
  g_autofree char *welsh_out = NULL;
  g_autofree char *welsh_err = NULL;
  g_autofree char *english_out = NULL;
  g_autofree char *english_err = NULL;
  g_autofree char *welsh_expected = NULL;
  g_autofree char *english_expected = NULL;
  WmCliOptions options = { 0 };
  int welsh_status;
  int english_status;

  options.database = database;
  options.evaluate = TRUE;
  if (!switch_to_welsh ())
    return;

  welsh_status = run_cli (&options, &welsh_out, &welsh_err);
  switch_to_c ();
  english_status = run_cli (&options, &english_out, &english_err);

  welsh_expected = g_strdup_printf ("waymark: Nid yw cronfa ddata %s yn bodoli; mewnforiwch "
                                    "Ffeil Trosglwyddo Gyffredin iddi yn gyntaf gyda "
                                    "--import\n", database);
  english_expected = g_strdup_printf ("waymark: Database %s does not exist; import a Common "
                                      "Transfer File into it first with --import\n", database);
  g_assert_cmpint (welsh_status, ==, 1);
  g_assert_cmpstr (welsh_out, ==, "");
  g_assert_cmpstr (welsh_err, ==, welsh_expected);
  g_assert_cmpint (english_status, ==, 1);
  g_assert_cmpstr (english_out, ==, "");
  g_assert_cmpstr (english_err, ==, english_expected);
  g_assert_false (g_file_test (database, G_FILE_TEST_EXISTS));
}

/* A value an option does not accept is rejected in the user's language.
 * The option and the values it accepts stay as they are typed. */
static void
test_cli_bad_option_welsh (void)
{
  g_autofree char *database = wm_test_file_path ("unused.db");
  g_autofree char *welsh_out = NULL;
  g_autofree char *welsh_err = NULL;
  g_autofree char *english_out = NULL;
  g_autofree char *english_err = NULL;
  WmCliOptions options = { 0 };
  int welsh_status;
  int english_status;

  options.database = database;
  options.evaluate = TRUE;
  options.format = (char *) "xml";
  if (!switch_to_welsh ())
    return;

  welsh_status = run_cli (&options, &welsh_out, &welsh_err);
  switch_to_c ();
  english_status = run_cli (&options, &english_out, &english_err);

  g_assert_cmpint (welsh_status, ==, 1);
  g_assert_cmpstr (welsh_out, ==, "");
  g_assert_cmpstr (welsh_err, ==, "waymark: Nid yw --format=xml yn fformat hysbys; "
                                  "defnyddiwch tsv neu json\n");
  g_assert_cmpint (english_status, ==, 1);
  g_assert_cmpstr (english_out, ==, "");
  g_assert_cmpstr (english_err, ==, "waymark: --format=xml is not a known format; "
                                    "use tsv or json\n");
}

/* The line that confirms a backup is read by the person who requested
 * it, so it is in their language. The backup's path is unchanged. */
static void
test_cli_status_welsh (void)
{
  g_autofree char *database = wm_test_file_path ("status.db");
  g_autofree char *welsh_backup = wm_test_file_path ("copi.db");
  g_autofree char *english_backup = wm_test_file_path ("copy.db");
  g_autofree char *welsh_out = NULL;
  g_autofree char *welsh_err = NULL;
  g_autofree char *english_out = NULL;
  g_autofree char *english_err = NULL;
  g_autofree char *welsh_expected = NULL;
  g_autofree char *english_expected = NULL;
  g_autoptr(GError) error = NULL;
  WmCliOptions options = { 0 };
  int welsh_status;
  int english_status;

  g_object_unref (wm_store_open (database, &error));
  g_assert_no_error (error);
  options.database = database;
  if (!switch_to_welsh ())
    return;

  options.backup_path = welsh_backup;
  welsh_status = run_cli (&options, &welsh_out, &welsh_err);
  switch_to_c ();
  options.backup_path = english_backup;
  english_status = run_cli (&options, &english_out, &english_err);

  welsh_expected = g_strdup_printf ("Ysgrifennwyd y copi wrth gefn %s\n", welsh_backup);
  english_expected = g_strdup_printf ("Wrote the backup %s\n", english_backup);
  g_assert_cmpint (welsh_status, ==, 0);
  g_assert_cmpstr (welsh_err, ==, "");
  g_assert_cmpstr (welsh_out, ==, welsh_expected);
  g_assert_cmpint (english_status, ==, 0);
  g_assert_cmpstr (english_err, ==, "");
  g_assert_cmpstr (english_out, ==, english_expected);
  g_assert_true (g_file_test (welsh_backup, G_FILE_TEST_IS_REGULAR));
}

/* The import's summary and the --verify summary are read by scripts, so
 * under the Welsh locale they are the same lines as under C. Each run
 * imports into a new database, so both count every pupil as new. The
 * file has 4 pupils, 3 of them with 40 marks, and 4 of those marks are
 * "-", no session, so 116 sessions are set. */
static void
test_cli_summaries_english (void)
{
  g_autofree char *ctf = g_test_build_filename (G_TEST_DIST, "fixtures", "cli",
                                                "four-weeks.xml", NULL);
  g_autofree char *welsh_database = wm_test_file_path ("summary-cy.db");
  g_autofree char *english_database = wm_test_file_path ("summary-c.db");
  g_autofree char *welsh_out = NULL;
  g_autofree char *welsh_err = NULL;
  g_autofree char *english_out = NULL;
  g_autofree char *english_err = NULL;
  g_autofree char *welsh_expected = NULL;
  g_autofree char *english_expected = NULL;
  WmCliOptions options = { 0 };

  options.import_path = ctf;
  options.verify = TRUE;
  if (!switch_to_welsh ())
    return;

  options.database = welsh_database;
  g_assert_cmpint (run_cli (&options, &welsh_out, &welsh_err), ==, 0);
  switch_to_c ();
  options.database = english_database;
  g_assert_cmpint (run_cli (&options, &english_out, &english_err), ==, 0);

  welsh_expected = g_strdup_printf ("Imported 4 pupils (4 new, 0 updated): 116 sessions set, "
                                    "0 changed, 0 warnings\n"
                                    "Database %s is intact: 1 audit entry verified\n",
                                    welsh_database);
  english_expected = g_strdup_printf ("Imported 4 pupils (4 new, 0 updated): 116 sessions set, "
                                      "0 changed, 0 warnings\n"
                                      "Database %s is intact: 1 audit entry verified\n",
                                      english_database);
  g_assert_cmpstr (welsh_err, ==, "");
  g_assert_cmpstr (welsh_out, ==, welsh_expected);
  g_assert_cmpstr (english_err, ==, "");
  g_assert_cmpstr (english_out, ==, english_expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* The catalogue built next to the tests, in gettext's layout
   * (po/cy/LC_MESSAGES/waymark.mo). */
  locale_dir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/i18n/scope/nests", test_scope_nests);
  g_test_add_func ("/i18n/date/follows-locale", test_date_follows_locale);
  g_test_add_func ("/i18n/date/c-locale-is-english", test_date_c_locale);
  g_test_add_func ("/i18n/reason/follows-locale", test_reason_follows_locale);
  g_test_add_func ("/i18n/explanation/follows-locale", test_explanation_follows_locale);
  g_test_add_func ("/i18n/import/error-welsh", test_import_error_welsh);
  g_test_add_func ("/i18n/import/csv-error-welsh", test_csv_error_welsh);
  g_test_add_func ("/i18n/import/csv-warnings-welsh", test_csv_warnings_welsh);
  g_test_add_func ("/i18n/import/ctf-warnings-welsh", test_ctf_warnings_welsh);
  g_test_add_func ("/i18n/store/open-error-welsh", test_store_open_error_welsh);
  g_test_add_func ("/i18n/store/busy-error-welsh", test_store_busy_error_welsh);
  g_test_add_func ("/i18n/store/corrupt-error-welsh", test_store_corrupt_error_welsh);
  g_test_add_func ("/i18n/record/validation-welsh", test_validation_welsh);
  g_test_add_func ("/i18n/record/validation-names-field", test_validation_names_field);
  g_test_add_func ("/i18n/record/validation-names-partner", test_validation_names_partner);
  g_test_add ("/i18n/timeline/follows-locale", Fixture, NULL,
              fixture_set_up, test_timeline_follows_locale, fixture_tear_down);
  g_test_add ("/i18n/bundle/english-under-welsh", Fixture, NULL,
              fixture_set_up, test_bundle_english, fixture_tear_down);
  g_test_add ("/i18n/bundle/legal-english-under-welsh", Fixture, NULL,
              fixture_set_up, test_bundle_legal_english, fixture_tear_down);
  g_test_add_func ("/i18n/letter/english-under-welsh", test_letter_english);
  g_test_add ("/i18n/cli/evaluate-english-under-welsh", Fixture, NULL,
              fixture_set_up, test_cli_evaluate_english, fixture_tear_down);
  g_test_add ("/i18n/bundle/error-welsh", Fixture, NULL,
              fixture_set_up, test_bundle_error_welsh, fixture_tear_down);
  g_test_add_func ("/i18n/cli/help-welsh", test_cli_help_welsh);
  g_test_add_func ("/i18n/cli/help-c", test_cli_help_c);
  g_test_add_func ("/i18n/cli/missing-database-welsh", test_cli_missing_database_welsh);
  g_test_add_func ("/i18n/cli/bad-option-welsh", test_cli_bad_option_welsh);
  g_test_add_func ("/i18n/cli/status-welsh", test_cli_status_welsh);
  g_test_add_func ("/i18n/cli/summaries-english-under-welsh", test_cli_summaries_english);

  return g_test_run ();
}
