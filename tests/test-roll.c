/* test-roll.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Pupils who drop out of a school's roll export without a leaving date,
 * through real Common Transfer File imports into a store in the test's
 * temporary directory and the engine's response.
 *
 * The exports come from Millbrook Primary School (LEA 999, Estab 2001)
 * and carry each pupil's register from Monday 2 March 2026 to the
 * export's last weekday, which is also the date in the file's header. */

#include <glib/gstdio.h>

#include "wm-engine.h"
#include "wm-import.h"
#include "wm-response.h"
#include "wm-store.h"
#include "wm-upn.h"

#define LEFT_ROLL_2_TO_3 \
  "On roll in the export of 6 March 2026 but missing from the export of " \
  "13 March 2026, with no leaving date: check with the school and tell " \
  "the local authority"

typedef struct
{
  char    *dir;
  WmStore *store;
  guint    n_files;

  /* The pupil the next transfer files list without a register, or 0. */
  guint    unregistered;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("waymark-roll-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "waymark.db", NULL);
  fixture->store = wm_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_clear_object (&fixture->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* The UPN of test pupil @n, with its check letter. */
static char *
upn_for (guint n)
{
  char *upn = g_strdup_printf ("?99920012%04u", n);

  upn[0] = wm_upn_check_letter (upn);
  g_assert_cmpint (upn[0], !=, '\0');
  return upn;
}

/* One pupil with @marks (weekday layout) from Monday 2 March 2026, or
 * with no Attendance block when @marks is %NULL. */
static void
append_pupil (GString    *text,
              guint       n,
              const char *marks)
{
  g_autofree char *upn = upn_for (n);

  g_string_append_printf (text,
    "    <Pupil>\n"
    "      <UPN>%s</UPN>\n"
    "      <Surname>O'Test</Surname>\n"
    "      <Forename>Pupil%u</Forename>\n"
    "      <BasicDetails><EntryDate>2021-09-01</EntryDate></BasicDetails>\n",
    upn, n);
  if (marks != NULL)
    g_string_append_printf (text,
      "      <Attendance><YearData><Year>2025</Year><LEA>999</LEA>"
      "<Estab>2001</Estab><AttendSessions><AttendanceStartDate>2026-03-02"
      "</AttendanceStartDate><AttendanceMarks>%s</AttendanceMarks>"
      "</AttendSessions></YearData></Attendance>\n", marks);
  g_string_append (text, "    </Pupil>\n");
}

/* Present at every session of @n_weeks weeks from 2 March 2026. */
static char *
present_weeks (guint n_weeks)
{
  GString *marks = g_string_new (NULL);

  for (guint i = 0; i < n_weeks * 5; i++)
    g_string_append (marks, "/\\");
  return g_string_free (marks, FALSE);
}

/* Writes @text to the next file of the fixture's folder and imports it. */
static void
import_text (Fixture    *fixture,
             const char *suffix,
             const char *text)
{
  g_autofree char *name = g_strdup_printf ("roll-%u.%s", fixture->n_files++,
                                           suffix);
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  report = wm_import_file (fixture->store, path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
}

/*
 * Imports an export made on @export_iso (a date after 2 March 2026, or
 * %NULL for a header without one) that carries @n_weeks weeks of register
 * from 2 March 2026 and lists the pupils numbered in @pupils (ending in
 * 0), each present throughout, except pupil @absent_pupil, absent
 * without permission (`O`) throughout, and pupil @fixture->unregistered,
 * listed without a register.
 */
static void
import_export (Fixture    *fixture,
               const char *export_iso,
               guint       n_weeks,
               guint       absent_pupil,
               const guint *pupils)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *present = present_weeks (n_weeks);
  g_autofree char *absent = g_strnfill (n_weeks * 10, 'O');

  g_string_append (text,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<CTfile>\n"
    "  <Header>\n"
    "    <CTFversion>25.0</CTFversion>\n");
  if (export_iso != NULL)
    g_string_append_printf (text, "    <DateTime>%sT16:00:00</DateTime>\n",
                            export_iso);
  g_string_append (text,
    "    <SourceSchool><LEA>999</LEA><Estab>2001</Estab>"
    "<SchoolName>Millbrook Primary School</SchoolName></SourceSchool>\n"
    "  </Header>\n"
    "  <CTFpupilData>\n");
  for (guint i = 0; pupils[i] != 0; i++)
    append_pupil (text, pupils[i],
                  pupils[i] == fixture->unregistered ? NULL
                  : pupils[i] == absent_pupil        ? absent
                                                     : present);
  g_string_append (text, "  </CTFpupilData>\n</CTfile>\n");

  import_text (fixture, "xml", text->str);
}

/* Imports a CSV pupils file, with no marks, from the same school that
 * lists the pupils numbered in @pupils (ending in 0). */
static void
import_pupils_csv (Fixture     *fixture,
                   const guint *pupils)
{
  g_autoptr(GString) text = g_string_new ("UPN,Surname,Forename,DOB,LEA,"
                                          "Estab,School name\n");

  for (guint i = 0; pupils[i] != 0; i++)
    {
      g_autofree char *upn = upn_for (pupils[i]);

      g_string_append_printf (text, "%s,O'Test,Pupil%u,14/03/2017,999,2001,"
                              "Millbrook Primary School\n", upn, pupils[i]);
    }

  import_text (fixture, "csv", text->str);
}

static const guint whole_school[] = { 1, 2, 3, 4, 0 };
static const guint without_3[] = { 1, 2, 4, 0 };

static gint64
pupil_id (Fixture *fixture,
          guint    n)
{
  g_autofree char *upn = upn_for (n);
  gint64 id = wm_store_find_pupil_by_upn (fixture->store, upn);

  g_assert_cmpint (id, >, 0);
  return id;
}

static WmResponse *
respond (Fixture    *fixture,
         guint       n,
         const char *as_of)
{
  g_autoptr(WmEngine) engine = wm_engine_new (fixture->store,
                                              wm_day_from_iso (as_of));
  g_autoptr(GError) error = NULL;
  WmResponse *response;

  response = wm_engine_respond_pupil (engine, pupil_id (fixture, n), &error);
  g_assert_no_error (error);
  g_assert_nonnull (response);
  return response;
}

static guint
count_routes (const WmResponse *response,
              WmRouteKind       kind)
{
  guint n = 0;

  for (guint i = 0; i < response->routes->len; i++)
    if (((WmRoute *) g_ptr_array_index (response->routes, i))->kind == kind)
      n++;
  return n;
}

static const WmRoute *
missing_route (const WmResponse *response)
{
  for (guint i = 0; i < response->routes->len; i++)
    {
      const WmRoute *route = g_ptr_array_index (response->routes, i);

      if (route->kind == WM_ROUTE_MISSING_EDUCATION)
        return route;
    }

  return NULL;
}

/* Sets the stored leaving date of pupil @n, as an officer's correction
 * or a later pupils file would. */
static void
set_leaving_date (Fixture    *fixture,
                  guint       n,
                  const char *iso)
{
  g_auto(WmPupilRecord) record = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 school_id = 0;

  g_assert_true (wm_store_get_pupil (fixture->store, pupil_id (fixture, n),
                                     &record, &school_id, &error));
  g_assert_no_error (error);
  record.leaving_date = wm_day_from_iso (iso);
  g_assert_cmpint (wm_store_upsert_pupil (fixture->store, &record, school_id,
                                          NULL, &error),
                   ==, pupil_id (fixture, n));
  g_assert_no_error (error);
}

static void
test_store_change (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(WmRollChange) change = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 school_id;

  import_export (fixture, "2026-03-06", 1, 0, whole_school);
  import_export (fixture, "2026-03-13", 2, 0, without_3);
  school_id = wm_store_find_school (fixture->store, "999", "2001");

  g_assert_true (wm_store_load_roll_change (fixture->store, school_id,
                                            wm_day_from_iso ("2026-03-16"),
                                            &change, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (change.day, ==, wm_day_from_iso ("2026-03-13"));
  g_assert_cmpuint (change.previous_day, ==, wm_day_from_iso ("2026-03-06"));
  g_assert_cmpuint (change.n_listed, ==, 3);
  g_assert_cmpuint (change.n_previous, ==, 4);
  g_assert_cmpuint (change.left_out->len, ==, 1);
  g_assert_cmpint (g_array_index (change.left_out, gint64, 0), ==,
                   pupil_id (fixture, 3));
  g_assert_true (wm_roll_change_leaves_out (&change, pupil_id (fixture, 3)));
  g_assert_false (wm_roll_change_leaves_out (&change, pupil_id (fixture, 1)));
  wm_roll_change_clear (&change);

  /* An export dated after the evaluation date is not read yet. */
  g_assert_true (wm_store_load_roll_change (fixture->store, school_id,
                                            wm_day_from_iso ("2026-03-12"),
                                            &change, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (change.day, ==, wm_day_from_iso ("2026-03-06"));
  g_assert_cmpuint (change.previous_day, ==, WM_DAY_NONE);
  g_assert_cmpuint (change.n_listed, ==, 4);
  g_assert_cmpuint (change.left_out->len, ==, 0);
}

/* A pupil on roll in one export and missing from the next, with no
 * leaving date, is on the missing-education route, dated by the newer
 * export. The pupils still listed are not. */
static void
test_left_out (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(WmResponse) missing = NULL;
  g_autoptr(WmResponse) listed = NULL;
  g_autoptr(WmResponse) earlier = NULL;
  const WmRoute *route;

  import_export (fixture, "2026-03-06", 1, 0, whole_school);
  import_export (fixture, "2026-03-13", 2, 0, without_3);

  missing = respond (fixture, 3, "2026-03-16");
  g_assert_cmpuint (count_routes (missing, WM_ROUTE_MISSING_EDUCATION), ==, 1);
  route = missing_route (missing);
  g_assert_cmpstr (route->sentence, ==, LEFT_ROLL_2_TO_3);
  g_assert_cmpuint (route->since, ==, wm_day_from_iso ("2026-03-13"));
  g_assert_cmpint (route->record_id, ==, 0);

  listed = respond (fixture, 1, "2026-03-16");
  g_assert_cmpuint (listed->routes->len, ==, 0);

  /* Before the second export the pupil was on roll. */
  earlier = respond (fixture, 3, "2026-03-12");
  g_assert_cmpuint (earlier->routes->len, ==, 0);
}

/* A leaving date on or before the newer export explains the pupil's
 * absence from it, and a later one does not. */
static void
test_leaving_date (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(WmResponse) left_that_day = NULL;
  g_autoptr(WmResponse) leaves_later = NULL;
  g_autoptr(WmResponse) left_before = NULL;

  import_export (fixture, "2026-03-06", 1, 0, whole_school);
  import_export (fixture, "2026-03-13", 2, 0, without_3);

  set_leaving_date (fixture, 3, "2026-03-13");
  left_that_day = respond (fixture, 3, "2026-03-16");
  g_assert_cmpuint (left_that_day->routes->len, ==, 0);

  set_leaving_date (fixture, 3, "2026-03-14");
  leaves_later = respond (fixture, 3, "2026-03-16");
  g_assert_cmpuint (leaves_later->routes->len, ==, 1);
  g_assert_cmpstr (missing_route (leaves_later)->sentence, ==,
                   LEFT_ROLL_2_TO_3);

  set_leaving_date (fixture, 3, "2026-03-09");
  left_before = respond (fixture, 3, "2026-03-16");
  g_assert_cmpuint (left_before->routes->len, ==, 0);
}

/* A transfer file after a whole-school export lists one pupil, so it is a
 * partial export and flags no pupil. An export with exactly half the
 * pupils of the one before is whole, and flags the pupils it leaves out. */
static void
test_partial_export (Fixture       *fixture,
                     gconstpointer  data)
{
  static const guint transfer[] = { 2, 0 };
  static const guint half[] = { 1, 2, 0 };
  g_autoptr(WmResponse) also_left = NULL;
  g_autoptr(WmResponse) after_half = NULL;
  g_autoptr(WmResponse) still_listed = NULL;

  import_export (fixture, "2026-03-06", 1, 0, whole_school);
  import_export (fixture, "2026-03-13", 2, 0, transfer);
  for (guint n = 1; n <= 4; n++)
    {
      g_autoptr(WmResponse) response = respond (fixture, n, "2026-03-16");

      g_assert_cmpuint (response->routes->len, ==, 0);
    }

  import_export (fixture, "2026-03-20", 3, 0, whole_school);
  import_export (fixture, "2026-03-27", 4, 0, half);
  after_half = respond (fixture, 4, "2026-03-30");
  g_assert_cmpstr (missing_route (after_half)->sentence, ==,
                   "On roll in the export of 20 March 2026 but missing from "
                   "the export of 27 March 2026, with no leaving date: check "
                   "with the school and tell the local authority");
  also_left = respond (fixture, 3, "2026-03-30");
  g_assert_cmpuint (also_left->routes->len, ==, 1);
  still_listed = respond (fixture, 2, "2026-03-30");
  g_assert_cmpuint (still_listed->routes->len, ==, 0);
}

/* A pupil back on roll in the next export is off the route. */
static void
test_back_on_roll (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(WmResponse) left_out = NULL;
  g_autoptr(WmResponse) back = NULL;

  import_export (fixture, "2026-03-06", 1, 0, whole_school);
  import_export (fixture, "2026-03-13", 2, 0, without_3);
  left_out = respond (fixture, 3, "2026-03-16");
  g_assert_cmpuint (left_out->routes->len, ==, 1);

  import_export (fixture, "2026-03-20", 3, 0, whole_school);
  back = respond (fixture, 3, "2026-03-23");
  g_assert_cmpuint (back->routes->len, ==, 0);
}

/* A pupil absent without permission for two weeks, then left out of the
 * next export, meets the route twice: it is listed once, with both
 * explanations, and dates from the absence. */
static void
test_with_absence (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(WmResponse) response = NULL;
  g_autofree char *expected = NULL;
  const WmPattern *pattern = NULL;
  const WmRoute *route;

  import_export (fixture, "2026-03-13", 2, 3, whole_school);
  import_export (fixture, "2026-03-20", 3, 0, without_3);

  response = respond (fixture, 3, "2026-03-23");
  for (guint i = 0; i < response->patterns->len; i++)
    if (((WmPattern *) g_ptr_array_index (response->patterns, i))->kind
        == WM_PATTERN_MISSING_EDUCATION)
      pattern = g_ptr_array_index (response->patterns, i);
  g_assert_nonnull (pattern);
  g_assert_cmpuint (pattern->first, ==, wm_day_from_iso ("2026-03-02"));

  /* The 20 unauthorised sessions also meet the penalty threshold. */
  g_assert_cmpuint (response->routes->len, ==, 2);
  g_assert_cmpuint (count_routes (response, WM_ROUTE_PENALTY_THRESHOLD), ==,
                    1);
  g_assert_cmpuint (count_routes (response, WM_ROUTE_MISSING_EDUCATION), ==,
                    1);
  route = missing_route (response);
  expected = g_strdup_printf ("%s. On roll in the export of 13 March 2026 "
                              "but missing from the export of 20 March "
                              "2026, with no leaving date: check with the "
                              "school and tell the local authority",
                              pattern->sentence);
  g_assert_cmpstr (route->sentence, ==, expected);
  g_assert_cmpuint (route->since, ==, wm_day_from_iso ("2026-03-02"));
}

/* Loads the roll change of Millbrook Primary as of @as_of_iso. */
static void
load_change (Fixture      *fixture,
             const char   *as_of_iso,
             WmRollChange *change)
{
  g_autoptr(GError) error = NULL;
  gint64 school_id = wm_store_find_school (fixture->store, "999", "2001");

  g_assert_cmpint (school_id, >, 0);
  g_assert_true (wm_store_load_roll_change (fixture->store, school_id,
                                            wm_day_from_iso (as_of_iso),
                                            change, &error));
  g_assert_no_error (error);
}

/* An export is dated by the date in its header, even when its register
 * ends earlier, because the school's roll is as of the day it was made.
 * Without a header date it is dated by the last register day it
 * carries. */
static void
test_export_date (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(WmRollChange) change = { 0 };

  import_export (fixture, NULL, 1, 0, whole_school);
  import_export (fixture, "2026-03-16", 2, 0, without_3);

  load_change (fixture, "2026-03-16", &change);
  g_assert_cmpuint (change.day, ==, wm_day_from_iso ("2026-03-16"));
  g_assert_cmpuint (change.previous_day, ==, wm_day_from_iso ("2026-03-06"));
  wm_roll_change_clear (&change);

  /* On the Friday the register ends the second export is not made yet. */
  load_change (fixture, "2026-03-13", &change);
  g_assert_cmpuint (change.day, ==, wm_day_from_iso ("2026-03-06"));
  g_assert_cmpuint (change.previous_day, ==, WM_DAY_NONE);
  g_assert_cmpuint (change.n_listed, ==, 4);
}

/* A pupil a transfer file lists without a register block is on roll in
 * it all the same: left out of the next export, the pupil is flagged,
 * and listed again without a register, the pupil is not. */
static void
test_listed_without_register (Fixture       *fixture,
                              gconstpointer  data)
{
  g_auto(WmRollChange) change = { 0 };
  g_autoptr(WmResponse) missing = NULL;
  g_autoptr(WmResponse) listed = NULL;

  fixture->unregistered = 3;
  import_export (fixture, "2026-03-06", 1, 0, whole_school);
  fixture->unregistered = 4;
  import_export (fixture, "2026-03-13", 2, 0, without_3);

  load_change (fixture, "2026-03-16", &change);
  g_assert_cmpuint (change.n_previous, ==, 4);
  g_assert_cmpuint (change.n_listed, ==, 3);
  g_assert_cmpuint (change.left_out->len, ==, 1);
  g_assert_true (wm_roll_change_leaves_out (&change, pupil_id (fixture, 3)));

  missing = respond (fixture, 3, "2026-03-16");
  g_assert_cmpuint (missing->routes->len, ==, 1);
  g_assert_cmpstr (missing_route (missing)->sentence, ==, LEFT_ROLL_2_TO_3);
  g_assert_cmpuint (missing_route (missing)->since, ==,
                    wm_day_from_iso ("2026-03-13"));

  listed = respond (fixture, 4, "2026-03-16");
  g_assert_cmpuint (listed->routes->len, ==, 0);
}

/* Two CSV pupils files with no marks are roll exports, each dated by the
 * day it was imported, since a pupils file carries neither a register
 * nor an export date: a pupil the second leaves out is flagged. */
static void
test_csv_pupils_files (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(WmRollChange) change = { 0 };
  g_autoptr(WmResponse) missing = NULL;
  g_autoptr(WmResponse) listed = NULL;
  g_autofree char *today_iso = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *expected = NULL;
  WmDay today = wm_day_today ();

  import_pupils_csv (fixture, whole_school);
  import_pupils_csv (fixture, without_3);
  if (wm_day_today () != today)
    {
      g_test_skip ("The date changed between the two imports");
      return;
    }

  today_iso = wm_day_to_iso (today);
  load_change (fixture, today_iso, &change);
  g_assert_cmpuint (change.day, ==, today);
  g_assert_cmpuint (change.previous_day, ==, today);
  g_assert_cmpuint (change.n_previous, ==, 4);
  g_assert_cmpuint (change.n_listed, ==, 3);
  g_assert_cmpuint (change.left_out->len, ==, 1);
  g_assert_cmpint (g_array_index (change.left_out, gint64, 0), ==,
                   pupil_id (fixture, 3));

  today_text = wm_day_format_long (today);
  expected = g_strdup_printf ("On roll in the export of %s but missing from "
                              "the export of %s, with no leaving date: check "
                              "with the school and tell the local authority",
                              today_text, today_text);
  missing = respond (fixture, 3, today_iso);
  g_assert_cmpuint (count_routes (missing, WM_ROUTE_MISSING_EDUCATION), ==, 1);
  g_assert_cmpstr (missing_route (missing)->sentence, ==, expected);
  g_assert_cmpuint (missing_route (missing)->since, ==, today);

  listed = respond (fixture, 1, today_iso);
  g_assert_cmpuint (listed->routes->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/roll/store/change-between-exports", test_store_change);
  ADD ("/roll/route/left-out-of-export", test_left_out);
  ADD ("/roll/route/leaving-date", test_leaving_date);
  ADD ("/roll/route/partial-export-flags-nobody", test_partial_export);
  ADD ("/roll/route/back-on-roll", test_back_on_roll);
  ADD ("/roll/route/with-consecutive-absence", test_with_absence);
  ADD ("/roll/store/dated-by-header-else-register", test_export_date);
  ADD ("/roll/route/listed-without-register", test_listed_without_register);
  ADD ("/roll/route/csv-pupils-files", test_csv_pupils_files);

#undef ADD

  return g_test_run ();
}
