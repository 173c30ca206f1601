/* test-import.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Tests of the Common Transfer File import into a real SQLite store in
 * the test's temporary directory: what good files write, what re-imports
 * and later files change, and that a failed import leaves the database
 * file byte-for-byte as it was. */

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "wm-ctf.h"
#include "wm-error.h"
#include "wm-import.h"
#include "wm-sample.h"
#include "wm-store.h"

typedef struct
{
  char    *dir;
  char    *db_path;
  WmStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("waymark-import-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->dir, "waymark.db", NULL);
  fixture->store = wm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->dir);
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "ctf", name, NULL);
}

static WmImportReport *
import_fixture (Fixture     *fixture,
                const char  *name,
                GError     **error)
{
  g_autofree char *path = fixture_path (name);

  return wm_import_file (fixture->store, path, NULL, NULL, NULL, error);
}

/* Writes @text to a file named @name in the fixture's folder and imports
 * it. */
static WmImportReport *
import_text (Fixture     *fixture,
             const char  *name,
             const char  *text,
             GError     **error)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) write_error = NULL;

  g_file_set_contents (path, text, -1, &write_error);
  g_assert_no_error (write_error);
  return wm_import_file (fixture->store, path, NULL, NULL, NULL, error);
}

/* A whole file from Millbrook Primary School (LEA 999, Estab 2001). Its
 * first pupil starts on line 13. */
static char *
build_ctf (const char *pupils)
{
  return g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<CTfile>\n"
    "  <Header>\n"
    "    <CTFversion>25.0</CTFversion>\n"
    "    <DateTime>2026-03-13T16:00:00</DateTime>\n"
    "    <SourceSchool>\n"
    "      <LEA>999</LEA>\n"
    "      <Estab>2001</Estab>\n"
    "      <SchoolName>Millbrook Primary School</SchoolName>\n"
    "    </SourceSchool>\n"
    "  </Header>\n"
    "  <CTFpupilData>\n"
    "%s"
    "  </CTFpupilData>\n"
    "</CTfile>\n",
    pupils);
}

/* One pupil with marks from @start; @details are BasicDetails children. */
static char *
build_pupil (const char *upn,
             const char *forename,
             const char *details,
             const char *start,
             const char *marks)
{
  return g_strdup_printf (
    "    <Pupil>\n"
    "      <UPN>%s</UPN>\n"
    "      <Surname>O'Test</Surname>\n"
    "      <Forename>%s</Forename>\n"
    "      <BasicDetails>%s</BasicDetails>\n"
    "      <Attendance><YearData><Year>2025</Year><LEA>999</LEA>"
    "<Estab>2001</Estab><AttendSessions><AttendanceStartDate>%s"
    "</AttendanceStartDate><AttendanceMarks>%s</AttendanceMarks>"
    "</AttendSessions></YearData></Attendance>\n"
    "    </Pupil>\n",
    upn, forename, details, start, marks);
}

static gint64
source_school (Fixture *fixture)
{
  gint64 school_id = wm_store_find_school (fixture->store, "999", "2001");

  g_assert_cmpint (school_id, >, 0);
  return school_id;
}

static gint64
pupil_id (Fixture    *fixture,
          const char *upn)
{
  gint64 id = wm_store_find_pupil_by_upn (fixture->store, upn);

  g_assert_cmpint (id, >, 0);
  return id;
}

static WmRegister *
load_register (Fixture    *fixture,
               const char *upn)
{
  g_autoptr(GError) error = NULL;
  WmRegister *reg = wm_store_load_register (fixture->store,
                                            pupil_id (fixture, upn),
                                            source_school (fixture), &error);

  g_assert_no_error (error);
  g_assert_nonnull (reg);
  return reg;
}

static WmMark
march_2026 (const WmRegister *reg,
            guint             day_of_month,
            WmSession         session)
{
  return wm_register_get (reg, wm_day_from_ymd (2026, 3, day_of_month),
                          session);
}

/* The number of sessions with a register code in the register. */
static guint
count_codes (const WmRegister *reg)
{
  guint n = 0;

  for (guint i = 0; i < reg->n_days * 2; i++)
    if (wm_mark_is_code (reg->marks[i]))
      n++;

  return n;
}

static gint64
count_rows (Fixture    *fixture,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (fixture->store), sql,
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Good files */

static void
test_import_weekday_layout (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = import_fixture (fixture, "weekday.xml",
                                                     &error);
  g_autoptr(WmRegister) zoe = NULL;
  g_autoptr(WmRegister) joiner = NULL;
  WmPupilRecord record = { 0 };
  gint64 school_id;

  g_assert_no_error (error);
  g_assert_nonnull (report);
  school_id = source_school (fixture);
  g_assert_cmpint (report->school_id, ==, school_id);
  g_assert_cmpint (report->import_id, >, 0);
  g_assert_cmpuint (report->n_pupils, ==, 3);
  g_assert_cmpuint (report->n_created, ==, 3);
  g_assert_cmpuint (report->n_updated, ==, 0);
  g_assert_cmpuint (report->pupil_ids->len, ==, 3);
  g_assert_cmpuint (report->warnings->len, ==, 0);

  /* 20 codes for Zoë, 16 for the joiner and 20 at this school for the
   * third pupil, whose year at another school is history. */
  g_assert_cmpuint (report->n_marks_set, ==, 56);
  g_assert_cmpuint (report->n_marks_changed, ==, 0);

  g_assert_true (wm_store_get_pupil (fixture->store,
                                     pupil_id (fixture, "B801200005001"),
                                     &record, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (record.surname, ==, "O'Test");
  g_assert_cmpstr (record.forename, ==, "Zoë");
  g_assert_cmpstr (record.sex, ==, "F");
  g_assert_cmpuint (record.admission_date, ==, wm_day_from_iso ("2021-09-01"));
  wm_pupil_record_clear (&record);

  zoe = load_register (fixture, "B801200005001");
  g_assert_cmpuint (count_codes (zoe), ==, 20);
  g_assert_cmpuint (march_2026 (zoe, 4, WM_SESSION_AM), ==, WM_MARK_CLOSED);
  g_assert_cmpuint (march_2026 (zoe, 7, WM_SESSION_AM), ==, WM_MARK_NONE);
  g_assert_cmpuint (march_2026 (zoe, 10, WM_SESSION_PM), ==, WM_MARK_I);
  g_assert_cmpuint (march_2026 (zoe, 12, WM_SESSION_AM), ==, WM_MARK_D);

  /* The joiner was admitted on Wednesday 4 March. */
  joiner = load_register (fixture, "M820000025001");
  g_assert_cmpuint (count_codes (joiner), ==, 16);
  g_assert_cmpuint (march_2026 (joiner, 2, WM_SESSION_AM), ==, WM_MARK_NONE);
  g_assert_cmpuint (march_2026 (joiner, 3, WM_SESSION_PM), ==, WM_MARK_NONE);
  g_assert_cmpuint (march_2026 (joiner, 4, WM_SESSION_AM), ==, WM_MARK_PRESENT_AM);
}

static void
test_import_calendar_layout (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = import_fixture (fixture, "calendar.xml",
                                                     &error);
  g_autoptr(WmRegister) reg = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (report->warnings->len, ==, 0);

  /* 20 school-day codes and 8 weekend `#`, kept as received. */
  g_assert_cmpuint (report->n_marks_set, ==, 28);
  reg = load_register (fixture, "B801200005001");
  g_assert_cmpuint (march_2026 (reg, 6, WM_SESSION_PM), ==, WM_MARK_PRESENT_PM);
  g_assert_cmpuint (march_2026 (reg, 7, WM_SESSION_AM), ==, WM_MARK_CLOSED);
  g_assert_cmpuint (march_2026 (reg, 9, WM_SESSION_AM), ==, WM_MARK_PRESENT_AM);
  g_assert_cmpuint (march_2026 (reg, 10, WM_SESSION_AM), ==, WM_MARK_I);
  g_assert_cmpuint (march_2026 (reg, 13, WM_SESSION_PM), ==, WM_MARK_PRESENT_PM);
}

static void
test_import_gender_and_sex (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) first = import_fixture (fixture, "gender-21.xml",
                                                    &error);
  g_autoptr(WmImportReport) second = NULL;
  WmPupilRecord record = { 0 };
  gint64 id;

  g_assert_no_error (error);
  g_assert_cmpuint (first->n_created, ==, 1);
  id = pupil_id (fixture, "B801200005001");
  g_assert_true (wm_store_get_pupil (fixture->store, id, &record, NULL, &error));
  g_assert_cmpstr (record.sex, ==, "F");
  wm_pupil_record_clear (&record);

  second = import_fixture (fixture, "sex-25.xml", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->n_created, ==, 0);
  g_assert_cmpuint (second->n_updated, ==, 1);
  g_assert_cmpint (g_array_index (second->pupil_ids, gint64, 0), ==, id);
  g_assert_true (wm_store_get_pupil (fixture->store, id, &record, NULL, &error));
  g_assert_cmpstr (record.sex, ==, "F");
  wm_pupil_record_clear (&record);
}

static void
test_import_newer_version_warns (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = import_fixture (fixture,
                                                     "version-26.xml", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (report->n_created, ==, 1);
  g_assert_cmpuint (report->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report->warnings, 0), ==,
                   "version-26.xml, line 3: CTF version 26.0 is newer than "
                   "the versions Waymark knows (20.0 to 25.0); check the "
                   "imported figures.");
}

static void
test_import_pupils_only (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = import_fixture (fixture,
                                                     "pupils-only.xml", &error);
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(WmRegister) reg = NULL;
  WmContactRecord *contact;
  gint64 id;

  g_assert_no_error (error);
  g_assert_cmpuint (report->n_pupils, ==, 2);
  g_assert_cmpuint (report->n_created, ==, 2);
  g_assert_cmpuint (report->n_marks_set, ==, 0);

  id = pupil_id (fixture, "B801200005001");
  contacts = wm_store_list_contacts (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 2);
  contact = g_ptr_array_index (contacts, 0);
  g_assert_cmpstr (contact->forename, ==, "Mary");
  g_assert_cmpstr (contact->relationship, ==, "PAM");
  g_assert_true (contact->parental_responsibility);
  g_assert_cmpstr (contact->phones, ==, "07700 900000 (M)\n0161 000 0001 (W)");
  contact = g_ptr_array_index (contacts, 1);
  g_assert_cmpstr (contact->forename, ==, "Owen");
  g_assert_false (contact->parental_responsibility);
  g_assert_cmpstr (contact->address, ==,
                   "Flat 3\n4 Mill Lane\nAltrincham\nWA14 1XX");

  /* No attendance: no register. */
  reg = wm_store_load_register (fixture->store, id, source_school (fixture),
                                &error);
  g_assert_no_error (error);
  g_assert_null (reg);
}

static void
test_import_contacts_kept_without_element (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) first = import_fixture (fixture,
                                                    "pupils-only.xml", &error);
  g_autoptr(WmImportReport) second = import_fixture (fixture, "sex-25.xml",
                                                     &error);
  g_autoptr(GPtrArray) contacts = NULL;

  /* sex-25.xml has no Contacts element for the pupil, so the contacts
   * stored from the first file stay. */
  g_assert_no_error (error);
  contacts = wm_store_list_contacts (fixture->store,
                                     pupil_id (fixture, "B801200005001"),
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 2);
}

static void
test_import_file_name_ignored (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) first = import_fixture (fixture, "weekday.xml",
                                                    &error);
  g_autoptr(WmImportReport) second = import_fixture (fixture, "sample (1).xml",
                                                     &error);

  g_assert_no_error (error);
  g_assert_cmpuint (second->n_pupils, ==, 1);
  g_assert_cmpuint (second->n_created, ==, 0);
  g_assert_cmpuint (second->n_updated, ==, 1);
  g_assert_cmpint (g_array_index (second->pupil_ids, gint64, 0), ==,
                   pupil_id (fixture, "B801200005001"));

  /* sample (1).xml has Zoë present on Wednesday 4 March, where the first
   * file had `#` `#`, and on the 6 sessions of 10 to 12 March, where it
   * had `I`, `X` and `D`. */
  g_assert_cmpuint (second->n_marks_set, ==, 0);
  g_assert_cmpuint (second->n_marks_changed, ==, 8);
}

static void
test_import_forename_change_warns (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) first = import_fixture (fixture, "weekday.xml",
                                                    &error);
  g_autofree char *pupil = build_pupil ("B801200005001", "Zoe", "",
                                        "2026-03-02", "/\\/\\");
  g_autofree char *text = build_ctf (pupil);
  g_autoptr(WmImportReport) second = import_text (fixture, "zoe.xml", text,
                                                  &error);
  WmPupilRecord record = { 0 };

  g_assert_no_error (error);
  g_assert_cmpuint (second->n_updated, ==, 1);
  g_assert_cmpuint (second->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (second->warnings, 0), ==,
                   "zoe.xml, line 13, UPN B801200005001: forename changed "
                   "from Zoë to Zoe.");

  g_assert_true (wm_store_get_pupil (fixture->store,
                                     pupil_id (fixture, "B801200005001"),
                                     &record, NULL, &error));
  g_assert_cmpstr (record.forename, ==, "Zoe");
  wm_pupil_record_clear (&record);
}

static void
test_import_same_name_decomposed (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) first = import_fixture (fixture, "weekday.xml",
                                                    &error);
  /* "Zoë" with a combining diaeresis instead of the precomposed letter. */
  g_autofree char *pupil = build_pupil ("B801200005001", "Zoe\xcc\x88", "",
                                        "2026-03-02", "/\\/\\");
  g_autofree char *text = build_ctf (pupil);
  g_autoptr(WmImportReport) second = import_text (fixture, "nfd.xml", text,
                                                  &error);

  g_assert_no_error (error);
  g_assert_cmpuint (second->warnings->len, ==, 0);
}

/* A leaver is absent from later files: the marks stored before stay, and
 * nothing after the leaving date becomes an absence. */
static void
test_import_leaver_keeps_marks (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *leaver =
    build_pupil ("B801200005001", "Zoë", "<LeavingDate>2026-03-06</LeavingDate>",
                 "2026-03-02", "/\\/\\/\\/\\/\\");
  g_autofree char *stayer_week1 =
    build_pupil ("M820000025001", "Sam", "", "2026-03-02", "/\\/\\/\\/\\/\\");
  g_autofree char *stayer_week2 =
    build_pupil ("M820000025001", "Sam", "", "2026-03-09", "/\\/\\/\\/\\/\\");
  g_autofree char *pupils = g_strconcat (leaver, stayer_week1, NULL);
  g_autofree char *first_text = build_ctf (pupils);
  g_autofree char *second_text = build_ctf (stayer_week2);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) first = import_text (fixture, "week1.xml",
                                                 first_text, &error);
  g_autoptr(WmImportReport) second = import_text (fixture, "week2.xml",
                                                  second_text, &error);
  g_autoptr(WmRegister) reg = NULL;
  WmPupilRecord record = { 0 };

  g_assert_no_error (error);
  g_assert_cmpuint (second->n_pupils, ==, 1);
  g_assert_cmpuint (second->n_marks_set, ==, 10);

  reg = load_register (fixture, "B801200005001");
  g_assert_cmpuint (count_codes (reg), ==, 10);
  g_assert_cmpuint (march_2026 (reg, 6, WM_SESSION_PM), ==, WM_MARK_PRESENT_PM);
  for (guint d = 9; d <= 13; d++)
    {
      g_assert_cmpuint (march_2026 (reg, d, WM_SESSION_AM), ==, WM_MARK_NONE);
      g_assert_cmpuint (march_2026 (reg, d, WM_SESSION_PM), ==, WM_MARK_NONE);
    }

  g_assert_true (wm_store_get_pupil (fixture->store,
                                     pupil_id (fixture, "B801200005001"),
                                     &record, NULL, &error));
  g_assert_cmpuint (record.leaving_date, ==, wm_day_from_iso ("2026-03-06"));
  wm_pupil_record_clear (&record);
}

/* File 1 covers 2 to 6 March with `N` `N` on Friday; file 2 covers 6 to
 * 13 March with `I` `I` on that Friday. The later file's codes win, the
 * change is recorded with its import, and importing it again changes
 * nothing. */
static void
test_import_overlapping_files (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *pupil1 = build_pupil ("B801200005001", "Zoë", "",
                                         "2026-03-02", "/\\/\\/\\/\\NN");
  g_autofree char *pupil2 = build_pupil ("B801200005001", "Zoë", "",
                                         "2026-03-06", "II/\\/\\/\\/\\/\\");
  g_autofree char *text1 = build_ctf (pupil1);
  g_autofree char *text2 = build_ctf (pupil2);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) first = import_text (fixture, "2-6-march.xml",
                                                 text1, &error);
  g_autoptr(WmImportReport) second = import_text (fixture, "6-13-march.xml",
                                                  text2, &error);
  g_autoptr(WmImportReport) third = import_text (fixture, "6-13-march.xml",
                                                 text2, &error);
  g_autoptr(WmRegister) reg = NULL;
  gint64 id, school_id;

  g_assert_no_error (error);
  g_assert_cmpuint (first->n_marks_set, ==, 10);
  g_assert_cmpuint (first->n_marks_changed, ==, 0);
  g_assert_cmpuint (second->n_marks_set, ==, 10);
  g_assert_cmpuint (second->n_marks_changed, ==, 2);
  g_assert_cmpuint (third->n_marks_set, ==, 0);
  g_assert_cmpuint (third->n_marks_changed, ==, 0);

  reg = load_register (fixture, "B801200005001");
  g_assert_cmpuint (count_codes (reg), ==, 20);
  g_assert_cmpuint (march_2026 (reg, 6, WM_SESSION_AM), ==, WM_MARK_I);
  g_assert_cmpuint (march_2026 (reg, 6, WM_SESSION_PM), ==, WM_MARK_I);

  id = pupil_id (fixture, "B801200005001");
  school_id = source_school (fixture);
  g_assert_cmpint (wm_store_get_mark_import (fixture->store, id, school_id,
                                             wm_day_from_ymd (2026, 3, 6),
                                             WM_SESSION_AM), ==,
                   second->import_id);
  g_assert_cmpint (wm_store_get_mark_import (fixture->store, id, school_id,
                                             wm_day_from_ymd (2026, 3, 2),
                                             WM_SESSION_AM), ==,
                   first->import_id);
  g_assert_cmpint (count_rows (fixture,
                               "SELECT count(*) FROM mark_changes "
                               "WHERE old_code = 'N' AND new_code = 'I'"),
                   ==, 2);
}

/* One pupil with 12 marks from Monday 2 March and SessionsPossible set to
 * @possible; the marks are on line 22. */
static char *
build_reconciliation_file (int possible)
{
  g_autofree char *pupil = g_strdup_printf (
    "    <Pupil>\n"
    "      <UPN>B801200005001</UPN>\n"
    "      <Surname>O'Test</Surname>\n"
    "      <Forename>Zoë</Forename>\n"
    "      <Attendance>\n"
    "        <YearData><Year>2025</Year><LEA>999</LEA><Estab>2001</Estab>\n"
    "          <SessionsPossible>%d</SessionsPossible>\n"
    "          <AttendSessions>\n"
    "            <AttendanceStartDate>2026-03-02</AttendanceStartDate>\n"
    "            <AttendanceMarks>/\\/\\/\\/\\/\\/\\</AttendanceMarks>\n"
    "          </AttendSessions>\n"
    "        </YearData>\n"
    "      </Attendance>\n"
    "    </Pupil>\n",
    possible);

  return build_ctf (pupil);
}

static void
test_import_reconciliation_warns (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *agrees = build_reconciliation_file (12);
  g_autofree char *differs = build_reconciliation_file (10);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = NULL;

  /* 12 slots reach Monday 9 March in the weekday layout, all present. */
  report = import_text (fixture, "agrees.xml", agrees, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->warnings->len, ==, 0);
  g_clear_pointer (&report, wm_import_report_free);

  report = import_text (fixture, "differs.xml", differs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report->warnings, 0), ==,
                   "differs.xml, line 22, UPN B801200005001: the marks for "
                   "2025/26 give 12 possible sessions but SessionsPossible "
                   "is 10. Waymark uses the marks; check the register in the "
                   "school's system.");

  /* The warnings are stored with the import. */
  g_assert_cmpint (count_rows (fixture,
                               "SELECT count(*) FROM imports "
                               "WHERE warnings LIKE '%SessionsPossible is 10%'"),
                   ==, 1);
}

static void
test_import_history_not_register (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = import_fixture (fixture, "weekday.xml",
                                                     &error);
  g_autoptr(WmRegister) reg = NULL;

  g_assert_no_error (error);

  /* Riverside Primary School (888/3001) gets no register of its own. */
  g_assert_cmpint (wm_store_find_school (fixture->store, "888", "3001"), ==, 0);
  g_assert_cmpint (count_rows (fixture,
                               "SELECT count(*) FROM attendance_history "
                               "WHERE lea = '888' AND estab = '3001' "
                               "AND year = 2024 AND sessions_possible = 20"),
                   ==, 1);

  /* At Millbrook the register starts with the school year 2025/26. */
  reg = load_register (fixture, "Y82000002500A");
  g_assert_cmpuint (reg->first_day, ==, wm_day_from_iso ("2025-09-01"));
  g_assert_cmpuint (count_codes (reg), ==, 20);
}

static void
test_import_j_after_2024 (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *pupil = build_pupil ("B801200005001", "Zoë", "",
                                        "2026-03-02", "/\\JJ/\\J\\/\\/\\");
  g_autofree char *text = build_ctf (pupil);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = import_text (fixture, "j.xml", text,
                                                  &error);
  g_autoptr(WmRegister) reg = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (report->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report->warnings, 0), ==,
                   "j.xml, line 18, UPN B801200005001: 3 sessions coded J on "
                   "or after 19 August 2024 were counted as J1 (authorised "
                   "absence), the code that replaced it.");

  reg = load_register (fixture, "B801200005001");
  g_assert_cmpuint (march_2026 (reg, 3, WM_SESSION_AM), ==, WM_MARK_J);
  g_assert_cmpuint (march_2026 (reg, 5, WM_SESSION_AM), ==, WM_MARK_J);
}

/* Writes the sample generator's school in @layout to the fixture's folder
 * and imports it into @store. */
static WmImportReport *
import_sample (Fixture         *fixture,
               WmStore         *store,
               WmSampleLayout   layout,
               GError         **error)
{
  g_autofree char *name = g_strdup_printf ("sample-%d.xml", (int) layout);
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) write_error = NULL;
  WmSampleOptions options;

  wm_sample_options_init (&options);
  options.layout = layout;
  wm_sample_write_ctf_file (&options, path, &write_error);
  g_assert_no_error (write_error);
  return wm_import_file (store, path, NULL, NULL, NULL, error);
}

/* The generator writes the same school in either layout, so both files
 * must import without warnings and give every school day the same mark. */
static void
test_import_generated_layouts (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.db",
                                                  NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) other = wm_store_open (other_path, &error);
  g_autoptr(WmImportReport) weekdays = NULL;
  g_autoptr(WmImportReport) calendar = NULL;
  WmSampleOptions options;

  g_assert_no_error (error);
  wm_sample_options_init (&options);
  weekdays = import_sample (fixture, fixture->store, WM_SAMPLE_LAYOUT_WEEKDAYS,
                            &error);
  g_assert_no_error (error);
  calendar = import_sample (fixture, other, WM_SAMPLE_LAYOUT_CALENDAR, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (weekdays->n_pupils, ==, options.n_pupils);
  g_assert_cmpuint (calendar->n_pupils, ==, options.n_pupils);
  g_assert_cmpuint (weekdays->warnings->len, ==, 0);
  g_assert_cmpuint (calendar->warnings->len, ==, 0);
  g_assert_cmpuint (weekdays->n_marks_set, >, 0);

  for (guint i = 0; i < weekdays->pupil_ids->len; i++)
    {
      gint64 id_a = g_array_index (weekdays->pupil_ids, gint64, i);
      gint64 id_b = g_array_index (calendar->pupil_ids, gint64, i);
      g_autoptr(WmRegister) a = wm_store_load_register (fixture->store, id_a,
                                                        weekdays->school_id,
                                                        &error);
      g_autoptr(WmRegister) b = wm_store_load_register (other, id_b,
                                                        calendar->school_id,
                                                        &error);

      g_assert_no_error (error);
      g_assert_true ((a == NULL) == (b == NULL));
      if (a == NULL)
        continue;

      for (WmDay day = a->first_day; day < a->first_day + a->n_days; day++)
        {
          if (wm_day_is_weekend (day))
            continue;
          g_assert_cmpuint (wm_register_get (a, day, WM_SESSION_AM), ==,
                            wm_register_get (b, day, WM_SESSION_AM));
          g_assert_cmpuint (wm_register_get (a, day, WM_SESSION_PM), ==,
                            wm_register_get (b, day, WM_SESSION_PM));
        }
    }
}

static void
on_progress (double   fraction,
             gpointer data)
{
  GArray *fractions = data;

  g_array_append_val (fractions, fraction);
}

static void
test_import_progress (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = fixture_path ("weekday.xml");
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report =
    wm_import_file (fixture->store, path, NULL, on_progress, fractions, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (fractions->len, >=, 2);
  g_assert_cmpuint (fractions->len, <=, 101);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >,
                       g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==,
                     1.0);
}

/* Failed imports */

static char *
hash_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                      (const guchar *) contents, length);
}

/* Imports a good file, closes the store and hashes the database file;
 * the caller then reopens the store and runs a failing import. */
static char *
prepare_unchanged_check (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = import_fixture (fixture, "weekday.xml",
                                                     &error);
  char *hash;

  g_assert_no_error (error);
  g_clear_object (&fixture->store);
  hash = hash_file (fixture->db_path);
  fixture->store = wm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  return hash;
}

static void
assert_database_unchanged (Fixture    *fixture,
                           const char *hash_before)
{
  g_autofree char *hash_after = NULL;
  g_autofree char *wal_path = g_strconcat (fixture->db_path, "-wal", NULL);

  g_clear_object (&fixture->store);
  g_assert_false (g_file_test (wal_path, G_FILE_TEST_EXISTS));
  hash_after = hash_file (fixture->db_path);
  g_assert_cmpstr (hash_after, ==, hash_before);
}

typedef struct
{
  const char *fixture;
  WmError     code;
  const char *upn;
} BadFile;

/* The reader's tests check each message in full; here each failure must
 * name the file and line, and the pupil where there is one. */
static const BadFile bad_files[] = {
  { "malformed.xml", WM_ERROR_INVALID_INPUT, NULL },
  { "truncated.xml", WM_ERROR_INVALID_INPUT, NULL },
  { "doctype-entity.xml", WM_ERROR_INVALID_INPUT, NULL },
  { "external-entity.xml", WM_ERROR_INVALID_INPUT, NULL },
  { "billion-laughs.xml", WM_ERROR_INVALID_INPUT, NULL },
  { "wrong-root.xml", WM_ERROR_INVALID_INPUT, NULL },
  { "missing-version.xml", WM_ERROR_INVALID_INPUT, NULL },
  { "unknown-character.xml", WM_ERROR_UNKNOWN_CODE, "B801200005001" },
  { "too-long.xml", WM_ERROR_INVALID_INPUT, "B801200005001" },
  { "invalid-upn.xml", WM_ERROR_INVALID_INPUT, "A801200005001" },
  { "duplicate-upn.xml", WM_ERROR_INVALID_INPUT, "B801200005001" },
  { "impossible-date.xml", WM_ERROR_INVALID_INPUT, "B801200005001" },
  { "empty.xml", WM_ERROR_INVALID_INPUT, NULL },
  { "ambiguous.xml", WM_ERROR_AMBIGUOUS, NULL },
};

static void
test_import_rejects_file (Fixture       *fixture,
                          gconstpointer  data)
{
  const BadFile *bad = data;
  g_autofree char *hash = prepare_unchanged_check (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = import_fixture (fixture, bad->fixture,
                                                     &error);

  g_assert_null (report);
  g_assert_error (error, WM_ERROR, (gint) bad->code);
  g_assert_true (g_str_has_prefix (error->message, bad->fixture));

  /* The ambiguous layout concerns the whole file, so it has no line. */
  if (bad->code != WM_ERROR_AMBIGUOUS)
    g_assert_nonnull (strstr (error->message, "line "));
  if (bad->upn != NULL)
    {
      g_autofree char *named = g_strconcat ("UPN ", bad->upn, NULL);

      g_assert_nonnull (strstr (error->message, named));
    }

  assert_database_unchanged (fixture, hash);
}

static void
test_import_rejects_binary_junk (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *hash = prepare_unchanged_check (fixture);
  g_autofree char *path = g_build_filename (fixture->dir, "junk.xml", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = NULL;
  guint8 junk[4096];

  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (guint8) g_rand_int_range (rand, 0, 256);
  junk[0] = 0x89;
  g_file_set_contents (path, (const char *) junk, sizeof junk, &error);
  g_assert_no_error (error);

  report = wm_import_file (fixture->store, path, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message,
                                   "junk.xml is not a Common Transfer File: "
                                   "it does not start with XML markup"));
  assert_database_unchanged (fixture, hash);
}

static void
test_import_cancelled_before_start (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *hash = prepare_unchanged_check (fixture);
  g_autofree char *path = fixture_path ("calendar.xml");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = NULL;

  g_cancellable_cancel (cancellable);
  report = wm_import_file (fixture->store, path, cancellable, NULL, NULL,
                           &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_database_unchanged (fixture, hash);
}

/* Cancels once the import has begun writing, so that the transaction must
 * be rolled back. */
static void
cancel_while_writing (double   fraction,
                      gpointer data)
{
  if (fraction > 0.8)
    g_cancellable_cancel (data);
}

static void
test_import_cancelled_while_writing (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *hash = prepare_unchanged_check (fixture);
  g_autofree char *path = g_build_filename (fixture->dir, "four.xml", NULL);
  g_autofree char *many = NULL;
  g_autoptr(GString) pupils = g_string_new (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = NULL;
  const char *upns[] = {
    "G999200126001", "W999200126002", "K999200126003", "Z999200126004",
  };

  for (guint i = 0; i < G_N_ELEMENTS (upns); i++)
    {
      g_autofree char *pupil = build_pupil (upns[i], "Sam", "", "2026-03-02",
                                            "/\\/\\/\\/\\OO");

      g_string_append (pupils, pupil);
    }
  many = build_ctf (pupils->str);
  g_file_set_contents (path, many, -1, &error);
  g_assert_no_error (error);

  report = wm_import_file (fixture->store, path, cancellable,
                           cancel_while_writing, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (wm_store_find_pupil_by_upn (fixture->store, upns[0]), ==, 0);
  assert_database_unchanged (fixture, hash);
}

/* The store keeps school years from 1900 to 9998. The reader must reject
 * a Year outside that range with a message about the file, so that it
 * never reaches the database and comes back as a database error. */
static void
test_import_rejects_year_out_of_range (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autofree char *hash = prepare_unchanged_check (fixture);
  g_autofree char *pupil = build_pupil ("M820000025001", "Sam", "",
                                        "1001-03-05", "/\\/\\");
  g_autofree char *year_1000 = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = NULL;
  GString *edited = g_string_new (pupil);

  g_string_replace (edited, "<Year>2025</Year>", "<Year>1000</Year>", 1);
  year_1000 = g_string_free (edited, FALSE);
  text = build_ctf (year_1000);
  report = import_text (fixture, "old.xml", text, &error);

  g_assert_null (report);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "old.xml, line 18, UPN M820000025001: YearData/Year "
                   "\"1000\" is not a school year from 1900 to 9998. Correct "
                   "the year in the school's system and export the file "
                   "again.");
  assert_database_unchanged (fixture, hash);
}

static void
add_test (const char    *path,
          gconstpointer  data,
          void (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  wm_ctf_global_init ();

  add_test ("/import/weekday-layout", NULL, test_import_weekday_layout);
  add_test ("/import/calendar-layout", NULL, test_import_calendar_layout);
  add_test ("/import/gender-and-sex", NULL, test_import_gender_and_sex);
  add_test ("/import/newer-version-warns", NULL,
            test_import_newer_version_warns);
  add_test ("/import/pupils-only", NULL, test_import_pupils_only);
  add_test ("/import/contacts-kept-without-element", NULL,
            test_import_contacts_kept_without_element);
  add_test ("/import/file-name-ignored", NULL, test_import_file_name_ignored);
  add_test ("/import/forename-change-warns", NULL,
            test_import_forename_change_warns);
  add_test ("/import/same-name-decomposed", NULL,
            test_import_same_name_decomposed);
  add_test ("/import/leaver-keeps-marks", NULL, test_import_leaver_keeps_marks);
  add_test ("/import/overlapping-files", NULL, test_import_overlapping_files);
  add_test ("/import/reconciliation-warns", NULL,
            test_import_reconciliation_warns);
  add_test ("/import/history-not-register", NULL,
            test_import_history_not_register);
  add_test ("/import/j-after-2024", NULL, test_import_j_after_2024);
  add_test ("/import/progress", NULL, test_import_progress);
  add_test ("/import/generated-layouts", NULL, test_import_generated_layouts);

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *name = g_strndup (bad_files[i].fixture,
                                         strlen (bad_files[i].fixture) - 4);
      g_autofree char *test_path = g_strconcat ("/import/reject/", name, NULL);

      add_test (test_path, &bad_files[i], test_import_rejects_file);
    }
  add_test ("/import/reject/binary-junk", NULL, test_import_rejects_binary_junk);
  add_test ("/import/reject/year-out-of-range", NULL,
            test_import_rejects_year_out_of_range);
  add_test ("/import/reject/cancelled-before-start", NULL,
            test_import_cancelled_before_start);
  add_test ("/import/reject/cancelled-while-writing", NULL,
            test_import_cancelled_while_writing);

  return g_test_run ();
}
