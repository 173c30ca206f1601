/* test-ctf.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Tests of the Common Transfer File reader with real libxml2 parsing:
 * the weekend layout decision, the fields and marks read from good files,
 * the warnings, and the errors for bad files. */

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "wm-ctf.h"
#include "wm-sample.h"
#include "wm-error.h"

/* Helpers */

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "ctf", name, NULL);
}

static WmCtfFile *
read_fixture (const char  *name,
              GError     **error)
{
  g_autofree char *path = fixture_path (name);

  return wm_ctf_read_file (path, NULL, NULL, NULL, error);
}

static WmCtfFile *
read_text (const char  *text,
           GError     **error)
{
  g_autoptr(GInputStream) stream =
    g_memory_input_stream_new_from_data (text, strlen (text), NULL);

  return wm_ctf_read_stream (stream, strlen (text), "test.xml", NULL, NULL,
                             NULL, error);
}

/* A whole file around @pupils, from Millbrook Primary School (LEA 999,
 * Estab 2001), exported on @date_time. */
static char *
build_ctf (const char *date_time,
           const char *pupils)
{
  return g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<CTfile>\n"
    "  <Header>\n"
    "    <CTFversion>25.0</CTFversion>\n"
    "    <DateTime>%s</DateTime>\n"
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
    date_time, pupils);
}

/* A pupil on lines 13 to 19 of build_ctf()'s output when first, with
 * @details (BasicDetails children) and @years (YearData elements). */
static char *
build_pupil (const char *upn,
             const char *details,
             const char *years)
{
  return g_strdup_printf (
    "    <Pupil>\n"
    "      <UPN>%s</UPN>\n"
    "      <Surname>O'Test</Surname>\n"
    "      <Forename>Zoë</Forename>\n"
    "      <BasicDetails>%s</BasicDetails>\n"
    "      <Attendance>%s</Attendance>\n"
    "    </Pupil>\n",
    upn, details, years);
}

/* A YearData on one line. @possible is -1 to leave SessionsPossible out. */
static char *
build_year (guint       year,
            const char *estab,
            int         possible,
            const char *start,
            const char *marks)
{
  g_autofree char *totals = possible >= 0
    ? g_strdup_printf ("<SessionsPossible>%d</SessionsPossible>", possible)
    : g_strdup ("");

  return g_strdup_printf (
    "<YearData><Year>%u</Year><LEA>999</LEA><Estab>%s</Estab>%s"
    "<AttendSessions><AttendanceStartDate>%s</AttendanceStartDate>"
    "<AttendanceMarks>%s</AttendanceMarks></AttendSessions></YearData>",
    year, estab, totals, start, marks);
}

/* Reads a file with one pupil, B801200005001, and one YearData. */
static WmCtfFile *
read_one_year (const char  *date_time,
               const char  *details,
               guint        year,
               int          possible,
               const char  *start,
               const char  *marks,
               GError     **error)
{
  g_autofree char *year_xml = build_year (year, "2001", possible, start, marks);
  g_autofree char *pupil = build_pupil ("B801200005001", details, year_xml);
  g_autofree char *text = build_ctf (date_time, pupil);

  return read_text (text, error);
}

static WmCtfPupil *
get_pupil (WmCtfFile *file,
           guint      index)
{
  g_assert_cmpuint (index, <, file->pupils->len);
  return g_ptr_array_index (file->pupils, index);
}

static WmCtfYearData *
get_year (WmCtfPupil *pupil,
          guint       index)
{
  g_assert_cmpuint (index, <, pupil->years->len);
  return g_ptr_array_index (pupil->years, index);
}

/* The decoded mark of a session, or %WM_MARK_NONE outside the year. */
static WmMark
mark_on (const WmCtfYearData *year,
         guint                month,
         guint                day_of_month,
         guint                calendar_year,
         WmSession            session)
{
  WmDay day = wm_day_from_ymd (calendar_year, month, day_of_month);

  g_assert_nonnull (year->sessions);
  if (day < year->first_day || day >= year->first_day + year->n_days)
    return WM_MARK_NONE;

  return year->sessions[(day - year->first_day) * 2 + session];
}

#define MARCH_2026(year, d, session) \
  mark_on ((year), 3, (d), 2026, (session))

/* Layout detection */

/* The layout of one string, or -1 when it cannot be decided. */
static int
detect_one (const char  *start,
            const char  *marks,
            GError     **error)
{
  WmCtfMarksString string = { wm_day_from_iso (start), marks };
  WmCtfLayout layout = WM_CTF_LAYOUT_EITHER;

  if (!wm_ctf_detect_layout (&string, 1, &layout, error))
    return -1;

  return (int) layout;
}

static void
test_layout_code_on_weekend (void)
{
  g_autoptr(GError) error = NULL;

  /* Monday 2 March: the 11th and 12th slots fall on Saturday 7 March in a
   * calendar reading and hold codes, so weekends cannot be in the string. */
  g_assert_cmpint (detect_one ("2026-03-02", "/\\/\\/\\/\\/\\/\\", &error), ==,
                   WM_CTF_LAYOUT_WEEKDAYS);
  g_assert_no_error (error);

  /* One code is enough: the Saturday AM slot of an 11-slot string. */
  g_assert_cmpint (detect_one ("2026-03-02", "/\\/\\/\\/\\/\\N", &error), ==,
                   WM_CTF_LAYOUT_WEEKDAYS);
  g_assert_no_error (error);
}

static void
test_layout_within_one_week (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (detect_one ("2026-03-02", "/\\/\\/\\/\\/\\", &error), ==,
                   WM_CTF_LAYOUT_EITHER);
  g_assert_no_error (error);
  g_assert_cmpint (detect_one ("2026-03-04", "/\\/\\/\\", &error), ==,
                   WM_CTF_LAYOUT_EITHER);
  g_assert_no_error (error);
  g_assert_cmpint (detect_one ("2026-03-06", "/", &error), ==,
                   WM_CTF_LAYOUT_EITHER);
  g_assert_no_error (error);
}

static void
test_layout_no_strings (void)
{
  WmCtfMarksString empty = { wm_day_from_iso ("2026-03-07"), "" };
  WmCtfLayout layout = WM_CTF_LAYOUT_WEEKDAYS;
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_ctf_detect_layout (NULL, 0, &layout, &error));
  g_assert_no_error (error);
  g_assert_cmpint (layout, ==, WM_CTF_LAYOUT_EITHER);

  /* An empty string starting on a Saturday reaches no weekend slot. */
  layout = WM_CTF_LAYOUT_WEEKDAYS;
  g_assert_true (wm_ctf_detect_layout (&empty, 1, &layout, &error));
  g_assert_no_error (error);
  g_assert_cmpint (layout, ==, WM_CTF_LAYOUT_EITHER);
}

static void
test_layout_two_weekends_closed (void)
{
  g_autoptr(GError) error = NULL;

  /* Saturday 7 to Sunday 15 March: 8 weekend slots, all `#`. */
  g_assert_cmpint (detect_one ("2026-03-07", "####/\\/\\/\\/\\/\\####", &error),
                   ==, WM_CTF_LAYOUT_CALENDAR);
  g_assert_no_error (error);

  /* Blank slots count like `#` on a weekend. */
  g_assert_cmpint (detect_one ("2026-03-07", "- - /\\/\\/\\/\\/\\#- #", &error),
                   ==, WM_CTF_LAYOUT_CALENDAR);
  g_assert_no_error (error);
}

static void
test_layout_seven_weekend_slots (void)
{
  g_autoptr(GError) error = NULL;

  /* One slot short of two whole weekends: the string could also be
   * Monday to Friday with the school closed on some days. */
  g_assert_cmpint (detect_one ("2026-03-07", "####/\\/\\/\\/\\/\\###", &error),
                   ==, -1);
  g_assert_error (error, WM_ERROR, WM_ERROR_AMBIGUOUS);
  g_assert_cmpstr (error->message, ==,
                   "The marks strings do not show whether weekends are "
                   "included: no weekend slot contains a register code and no "
                   "string covers two whole weekends. Export the file again "
                   "with a longer attendance period or use a CSV marks "
                   "export.");
}

static void
test_layout_one_weekend_closed (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (detect_one ("2026-03-02", "/\\/\\/\\/\\/\\####", &error), ==,
                   -1);
  g_assert_error (error, WM_ERROR, WM_ERROR_AMBIGUOUS);
  g_clear_error (&error);

  g_assert_cmpint (detect_one ("2026-03-02", "/\\/\\/\\/\\/\\#", &error), ==, -1);
  g_assert_error (error, WM_ERROR, WM_ERROR_AMBIGUOUS);
}

static void
test_layout_across_strings (void)
{
  WmCtfMarksString strings[] = {
    { wm_day_from_iso ("2026-03-07"), "####/\\/\\/\\/\\/\\####" },
    { wm_day_from_iso ("2026-03-05"), "/\\/\\O\\" },
  };
  WmCtfMarksString short_strings[] = {
    { wm_day_from_iso ("2026-03-02"), "/\\/\\/\\/\\/\\" },
    { wm_day_from_iso ("2026-03-07"), "####/\\/\\/\\/\\/\\####" },
  };
  WmCtfLayout layout = WM_CTF_LAYOUT_EITHER;
  g_autoptr(GError) error = NULL;

  /* A code on Saturday 7 March in the second string decides the file,
   * even though the first string alone reads as the calendar layout. */
  g_assert_true (wm_ctf_detect_layout (strings, 2, &layout, &error));
  g_assert_no_error (error);
  g_assert_cmpint (layout, ==, WM_CTF_LAYOUT_WEEKDAYS);

  /* One string with two closed weekends decides for every string. */
  g_assert_true (wm_ctf_detect_layout (short_strings, 2, &layout, &error));
  g_assert_no_error (error);
  g_assert_cmpint (layout, ==, WM_CTF_LAYOUT_CALENDAR);
}

/* Good files */

static void
test_read_weekday_layout (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file = read_fixture ("weekday.xml", &error);
  WmCtfPupil *pupil;
  WmCtfYearData *year;

  g_assert_no_error (error);
  g_assert_nonnull (file);
  g_assert_cmpint (file->layout, ==, WM_CTF_LAYOUT_WEEKDAYS);
  g_assert_cmpstr (file->name, ==, "weekday.xml");
  g_assert_cmpstr (file->ctf_version, ==, "25.0");
  g_assert_cmpuint (file->export_day, ==, wm_day_from_iso ("2026-03-13"));
  g_assert_cmpstr (file->source_lea, ==, "999");
  g_assert_cmpstr (file->source_estab, ==, "2001");
  g_assert_cmpstr (file->source_urn, ==, "999001");
  g_assert_cmpstr (file->source_name, ==, "Millbrook Primary School");
  g_assert_cmpuint (file->pupils->len, ==, 3);
  g_assert_cmpuint (file->warnings->len, ==, 0);
  g_assert_cmpuint (strlen (file->sha256), ==, 64);

  pupil = get_pupil (file, 0);
  g_assert_cmpuint (pupil->line, ==, 22);
  g_assert_cmpstr (pupil->upn, ==, "B801200005001");
  g_assert_cmpstr (pupil->surname, ==, "O'Test");
  g_assert_cmpstr (pupil->forename, ==, "Zoë");
  g_assert_cmpuint (pupil->dob, ==, wm_day_from_iso ("2015-03-14"));
  g_assert_cmpstr (pupil->sex, ==, "F");
  g_assert_cmpstr (pupil->year_group, ==, "5");
  g_assert_cmpuint (pupil->entry_date, ==, wm_day_from_iso ("2021-09-01"));
  g_assert_cmpuint (pupil->leaving_date, ==, WM_DAY_NONE);
  g_assert_false (pupil->has_contacts);

  /* `/\/\##/\/\ /\IIXXDD/\` from Monday 2 March, Monday to Friday. */
  year = get_year (pupil, 0);
  g_assert_true (year->is_source);
  g_assert_cmpuint (year->year, ==, 2025);
  g_assert_cmpint (year->sessions_possible, ==, 14);
  g_assert_cmpint (year->sessions_authorised, ==, 2);
  g_assert_cmpint (year->sessions_unauthorised, ==, 0);
  g_assert_cmpstr (year->marks, ==, "/\\/\\##/\\/\\/\\IIXXDD/\\");
  g_assert_cmpuint (year->first_day, ==, wm_day_from_iso ("2026-03-02"));
  g_assert_cmpuint (year->n_days, ==, 12);
  g_assert_cmpuint (MARCH_2026 (year, 2, WM_SESSION_AM), ==, WM_MARK_PRESENT_AM);
  g_assert_cmpuint (MARCH_2026 (year, 2, WM_SESSION_PM), ==, WM_MARK_PRESENT_PM);
  g_assert_cmpuint (MARCH_2026 (year, 4, WM_SESSION_AM), ==, WM_MARK_CLOSED);
  g_assert_cmpuint (MARCH_2026 (year, 6, WM_SESSION_PM), ==, WM_MARK_PRESENT_PM);
  g_assert_cmpuint (MARCH_2026 (year, 7, WM_SESSION_AM), ==, WM_MARK_NONE);
  g_assert_cmpuint (MARCH_2026 (year, 8, WM_SESSION_PM), ==, WM_MARK_NONE);
  g_assert_cmpuint (MARCH_2026 (year, 9, WM_SESSION_AM), ==, WM_MARK_PRESENT_AM);
  g_assert_cmpuint (MARCH_2026 (year, 10, WM_SESSION_AM), ==, WM_MARK_I);
  g_assert_cmpuint (MARCH_2026 (year, 11, WM_SESSION_PM), ==, WM_MARK_X);
  g_assert_cmpuint (MARCH_2026 (year, 12, WM_SESSION_AM), ==, WM_MARK_D);
  g_assert_cmpuint (MARCH_2026 (year, 13, WM_SESSION_PM), ==, WM_MARK_PRESENT_PM);

  /* A joiner admitted on Wednesday 4 March: Monday and Tuesday do not
   * exist for the pupil. */
  pupil = get_pupil (file, 1);
  g_assert_cmpstr (pupil->upn, ==, "M820000025001");
  g_assert_cmpstr (pupil->sex, ==, "M");
  year = get_year (pupil, 0);
  g_assert_cmpuint (MARCH_2026 (year, 2, WM_SESSION_AM), ==, WM_MARK_NONE);
  g_assert_cmpuint (MARCH_2026 (year, 3, WM_SESSION_PM), ==, WM_MARK_NONE);
  g_assert_cmpuint (MARCH_2026 (year, 4, WM_SESSION_AM), ==, WM_MARK_PRESENT_AM);
  g_assert_cmpuint (MARCH_2026 (year, 10, WM_SESSION_AM), ==, WM_MARK_N);

  /* A temporary UPN, with a year at an earlier school kept as history. */
  pupil = get_pupil (file, 2);
  g_assert_cmpstr (pupil->upn, ==, "Y82000002500A");
  g_assert_cmpuint (pupil->years->len, ==, 2);
  year = get_year (pupil, 0);
  g_assert_false (year->is_source);
  g_assert_null (year->sessions);
  g_assert_cmpuint (year->year, ==, 2024);
  g_assert_cmpstr (year->lea, ==, "888");
  g_assert_cmpstr (year->estab, ==, "3001");
  g_assert_cmpstr (year->school_name, ==, "Riverside Primary School");
  g_assert_cmpuint (year->start_date, ==, wm_day_from_iso ("2024-09-02"));
  g_assert_cmpstr (year->marks, ==, "/\\/\\/\\/\\/\\/\\/\\/\\/\\/\\");
  year = get_year (pupil, 1);
  g_assert_true (year->is_source);
  g_assert_cmpuint (MARCH_2026 (year, 13, WM_SESSION_AM), ==, WM_MARK_O);
}

static void
test_read_calendar_layout (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) weekday = read_fixture ("weekday.xml", &error);
  g_autoptr(WmCtfFile) calendar = read_fixture ("calendar.xml", &error);
  WmCtfYearData *by_weekday, *by_calendar;

  g_assert_no_error (error);
  g_assert_cmpint (calendar->layout, ==, WM_CTF_LAYOUT_CALENDAR);
  g_assert_cmpuint (calendar->warnings->len, ==, 0);

  by_weekday = get_year (get_pupil (weekday, 0), 0);
  by_calendar = get_year (get_pupil (calendar, 0), 0);
  g_assert_cmpuint (by_calendar->first_day, ==, wm_day_from_iso ("2026-03-02"));
  g_assert_cmpuint (by_calendar->n_days, ==, 14);

  /* Every school day reads the same in both layouts. */
  for (guint d = 2; d <= 13; d++)
    {
      if (wm_day_is_weekend (wm_day_from_ymd (2026, 3, d)))
        continue;
      g_assert_cmpuint (MARCH_2026 (by_calendar, d, WM_SESSION_AM), ==,
                        MARCH_2026 (by_weekday, d, WM_SESSION_AM));
      g_assert_cmpuint (MARCH_2026 (by_calendar, d, WM_SESSION_PM), ==,
                        MARCH_2026 (by_weekday, d, WM_SESSION_PM));
    }

  /* The weekend `#` is kept as received. */
  g_assert_cmpuint (MARCH_2026 (by_calendar, 7, WM_SESSION_AM), ==, WM_MARK_CLOSED);
  g_assert_cmpuint (MARCH_2026 (by_calendar, 15, WM_SESSION_PM), ==, WM_MARK_CLOSED);
}

static void
test_read_gender_and_sex (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) v21 = read_fixture ("gender-21.xml", &error);
  g_autoptr(WmCtfFile) v25 = read_fixture ("sex-25.xml", &error);

  g_assert_no_error (error);

  /* CTF before 25.0 calls the element Gender; either is read in any
   * version. */
  g_assert_cmpstr (v21->ctf_version, ==, "21.0");
  g_assert_cmpstr (get_pupil (v21, 0)->sex, ==, "F");
  g_assert_cmpuint (v21->warnings->len, ==, 0);
  g_assert_cmpstr (v25->ctf_version, ==, "25.0");
  g_assert_cmpstr (get_pupil (v25, 0)->sex, ==, "F");
  g_assert_cmpuint (v25->warnings->len, ==, 0);
}

static void
test_read_newer_version_warns (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file = read_fixture ("version-26.xml", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (file->pupils->len, ==, 1);
  g_assert_cmpuint (file->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (file->warnings, 0), ==,
                   "version-26.xml, line 3: CTF version 26.0 is newer than "
                   "the versions Waymark knows (20.0 to 25.0); check the "
                   "imported figures.");
}

static void
test_read_pupils_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file = read_fixture ("pupils-only.xml", &error);
  WmCtfPupil *pupil;
  WmCtfContact *contact;

  g_assert_no_error (error);
  g_assert_cmpint (file->layout, ==, WM_CTF_LAYOUT_EITHER);
  g_assert_cmpuint (file->warnings->len, ==, 0);

  pupil = get_pupil (file, 0);
  g_assert_cmpuint (pupil->years->len, ==, 0);
  g_assert_cmpstr (pupil->middle_names, ==, "Anne");
  g_assert_cmpstr (pupil->preferred_surname, ==, "O'Test");
  g_assert_cmpstr (pupil->preferred_forename, ==, "Zoe");
  g_assert_cmpstr (pupil->sen_provision, ==, "K");
  g_assert_cmpint (pupil->in_care, ==, 0);
  g_assert_cmpint (pupil->free_school_meals, ==, 1);
  g_assert_cmpstr (pupil->address, ==, "12 Canal Street\nSale\nM33 7XX");
  g_assert_cmpstr (pupil->phones, ==, "0161 000 0000 (H)");
  g_assert_cmpstr (pupil->email, ==, "family@example.invalid");
  g_assert_true (pupil->has_contacts);
  g_assert_cmpuint (pupil->contacts->len, ==, 2);

  contact = g_ptr_array_index (pupil->contacts, 0);
  g_assert_cmpint (contact->order, ==, 1);
  g_assert_cmpstr (contact->title, ==, "Ms");
  g_assert_cmpstr (contact->surname, ==, "O'Test");
  g_assert_cmpstr (contact->forename, ==, "Mary");
  g_assert_cmpstr (contact->relationship, ==, "PAM");
  g_assert_true (contact->responsibility);
  g_assert_null (contact->address);
  g_assert_cmpstr (contact->phones, ==, "07700 900000 (M)\n0161 000 0001 (W)");
  g_assert_cmpstr (contact->email, ==, "mary@example.invalid");

  contact = g_ptr_array_index (pupil->contacts, 1);
  g_assert_cmpint (contact->order, ==, 2);
  g_assert_null (contact->title);
  g_assert_false (contact->responsibility);
  g_assert_cmpstr (contact->address, ==,
                   "Flat 3\n4 Mill Lane\nAltrincham\nWA14 1XX");

  pupil = get_pupil (file, 1);
  g_assert_false (pupil->has_contacts);
  g_assert_cmpint (pupil->in_care, ==, -1);
  g_assert_cmpint (pupil->free_school_meals, ==, -1);
  g_assert_null (pupil->address);
}

static void
test_read_marks_before_admission (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file =
    read_one_year ("2026-03-13T16:00:00",
                   "<EntryDate>2026-03-04</EntryDate>", 2025, 16,
                   "2026-03-02", "/\\/\\/\\/\\/\\/\\/\\/\\/\\/\\", &error);
  WmCtfYearData *year;

  g_assert_no_error (error);
  year = get_year (get_pupil (file, 0), 0);
  g_assert_cmpuint (MARCH_2026 (year, 3, WM_SESSION_PM), ==, WM_MARK_NONE);
  g_assert_cmpuint (MARCH_2026 (year, 4, WM_SESSION_AM), ==, WM_MARK_PRESENT_AM);

  /* 4 of the 20 marks fall before the admission date and are left out;
   * the other 16 agree with SessionsPossible. */
  g_assert_cmpuint (file->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (file->warnings, 0), ==,
                   "test.xml, line 18, UPN B801200005001: 4 sessions marked "
                   "outside the pupil's time on roll (EntryDate to "
                   "LeavingDate) in 2025/26 were left out of the register.");
}

static void
test_read_leaver (void)
{
  g_autofree char *leaver_year =
    build_year (2025, "2001", 10, "2026-03-02", "/\\/\\/\\/\\/\\----------");
  g_autofree char *other_year =
    build_year (2025, "2001", 20, "2026-03-02", "/\\/\\/\\/\\/\\/\\/\\/\\/\\/\\");
  g_autofree char *leaver =
    build_pupil ("B801200005001", "<LeavingDate>2026-03-06</LeavingDate>",
                 leaver_year);
  g_autofree char *other = build_pupil ("M820000025001", "", other_year);
  g_autofree char *pupils = g_strconcat (leaver, other, NULL);
  g_autofree char *text = build_ctf ("2026-03-13T16:00:00", pupils);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file = read_text (text, &error);
  WmCtfYearData *year;

  /* The other pupil's string has codes on the weekend of the calendar
   * reading, which settles the layout for the leaver's string too. */
  g_assert_no_error (error);
  g_assert_cmpint (file->layout, ==, WM_CTF_LAYOUT_WEEKDAYS);
  g_assert_cmpuint (file->warnings->len, ==, 0);

  /* Left on Friday 6 March: the blank sessions after it do not exist for
   * the pupil, so they are no gaps either. */
  year = get_year (get_pupil (file, 0), 0);
  g_assert_cmpuint (year->n_days, ==, 12);
  g_assert_cmpuint (MARCH_2026 (year, 6, WM_SESSION_PM), ==, WM_MARK_PRESENT_PM);
  g_assert_cmpuint (MARCH_2026 (year, 9, WM_SESSION_AM), ==, WM_MARK_NONE);
  g_assert_cmpuint (MARCH_2026 (year, 13, WM_SESSION_PM), ==, WM_MARK_NONE);
}

static void
test_read_unmarked_sessions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file =
    read_one_year ("2026-03-13T16:00:00", "", 2025, 12, "2026-03-02",
                   "/- \\/\\/\\/\\/\\/\\", &error);
  WmCtfYearData *year;

  g_assert_no_error (error);
  g_assert_cmpint (file->layout, ==, WM_CTF_LAYOUT_WEEKDAYS);
  g_assert_cmpuint (file->warnings->len, ==, 0);

  /* `-` and a space are sessions without a code, not absences. The space
   * inside the string is kept. */
  year = get_year (get_pupil (file, 0), 0);
  g_assert_cmpstr (year->marks, ==, "/- \\/\\/\\/\\/\\/\\");
  g_assert_cmpuint (MARCH_2026 (year, 2, WM_SESSION_PM), ==, WM_MARK_UNMARKED);
  g_assert_cmpuint (MARCH_2026 (year, 3, WM_SESSION_AM), ==, WM_MARK_UNMARKED);
}

static void
test_read_reconciliation_warns (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file =
    read_one_year ("2026-03-13T16:00:00", "", 2025, 20, "2026-03-02",
                   "/\\/\\##/\\/\\/\\IIXXDD/\\", &error);

  g_assert_no_error (error);

  /* `#`, `X` and `D` are not possible sessions: the marks give 14. */
  g_assert_cmpuint (file->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (file->warnings, 0), ==,
                   "test.xml, line 18, UPN B801200005001: the marks for "
                   "2025/26 give 14 possible sessions but SessionsPossible "
                   "is 20. Waymark uses the marks; check the register in the "
                   "school's system.");
}

static void
test_read_empty_marks_warns (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file =
    read_one_year ("2026-03-13T16:00:00", "", 2025, 10, "2026-03-02", "",
                   &error);
  WmCtfYearData *year;

  g_assert_no_error (error);
  year = get_year (get_pupil (file, 0), 0);
  g_assert_null (year->sessions);
  g_assert_cmpuint (file->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (file->warnings, 0), ==,
                   "test.xml, line 18, UPN B801200005001: the YearData for "
                   "2025/26 has no attendance marks but SessionsPossible is "
                   "10, so no register was read for that year.");
}

static void
test_read_j_after_2024_warns (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file =
    read_one_year ("2026-03-13T16:00:00", "", 2025, 12, "2026-03-02",
                   "/\\JJ/\\J\\/\\/\\", &error);
  WmCtfYearData *year;

  g_assert_no_error (error);
  g_assert_cmpint (file->layout, ==, WM_CTF_LAYOUT_WEEKDAYS);

  /* `J` left the codes on 19 August 2024; it is kept as received and
   * counted like J1, its replacement. One warning for the three. */
  year = get_year (get_pupil (file, 0), 0);
  g_assert_cmpuint (MARCH_2026 (year, 3, WM_SESSION_AM), ==, WM_MARK_J);
  g_assert_cmpuint (MARCH_2026 (year, 5, WM_SESSION_AM), ==, WM_MARK_J);
  g_assert_cmpuint (file->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (file->warnings, 0), ==,
                   "test.xml, line 18, UPN B801200005001: 3 sessions coded J "
                   "on or after 19 August 2024 were counted as J1 "
                   "(authorised absence), the code that replaced it.");
}

static void
test_read_k_before_2024_warns (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file =
    read_one_year ("2024-03-15T16:00:00", "", 2023, 12, "2024-03-04",
                   "/\\KK/\\/\\/\\/\\", &error);
  WmCtfYearData *year;

  g_assert_no_error (error);
  year = get_year (get_pupil (file, 0), 0);
  g_assert_cmpuint (mark_on (year, 3, 5, 2024, WM_SESSION_PM), ==, WM_MARK_K);
  g_assert_cmpuint (file->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (file->warnings, 0), ==,
                   "test.xml, line 18, UPN B801200005001: 2 sessions coded K "
                   "before 19 August 2024 were counted as B (approved "
                   "educational activity), the nearest code in use then.");
}

static void
test_read_start_outside_year (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file =
    read_one_year ("2026-03-13T16:00:00", "", 2024, -1, "2026-03-02",
                   "/\\/\\/\\/\\/\\", &error);

  g_assert_null (file);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "test.xml, line 18, UPN B801200005001: "
                   "AttendanceStartDate 2026-03-02 is outside the school year "
                   "2024/25 (1 September 2024 to 31 August 2025) given by "
                   "Year.");
}

static void
test_read_past_export_date (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file =
    read_one_year ("2026-03-10T16:00:00", "", 2025, -1, "2026-03-02",
                   "/\\/\\/\\/\\/\\/\\/\\/\\", &error);

  /* Eight days from Monday 2 March end on Wednesday 11 March, after the
   * file was exported. */
  g_assert_null (file);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "test.xml, line 18, UPN B801200005001: AttendanceMarks is "
                   "too long: its 16 sessions from 2 March 2026 run to 11 "
                   "March 2026, past 10 March 2026, the export date in "
                   "Header/DateTime. Check the export settings of the "
                   "school's system and export the file again.");
}

static void
test_read_weekday_start_on_weekend (void)
{
  g_autofree char *weekday_year =
    build_year (2025, "2001", -1, "2026-03-02", "/\\/\\/\\/\\/\\/\\");
  g_autofree char *saturday_year =
    build_year (2025, "2001", -1, "2026-03-07", "/\\");
  g_autofree char *first = build_pupil ("B801200005001", "", weekday_year);
  g_autofree char *second = build_pupil ("M820000025001", "", saturday_year);
  g_autofree char *pupils = g_strconcat (first, second, NULL);
  g_autofree char *text = build_ctf ("2026-03-13T16:00:00", pupils);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file = read_text (text, &error);

  g_assert_null (file);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "test.xml, line 25, UPN M820000025001: AttendanceStartDate "
                   "7 March 2026 is a Saturday, but the marks strings of this "
                   "file have slots for Monday to Friday only. Correct the "
                   "start date and export the file again.");
}

static void
on_progress (double   fraction,
             gpointer data)
{
  GArray *fractions = data;

  g_array_append_val (fractions, fraction);
}

static char *
build_many_pupils (guint n)
{
  g_autoptr(GString) pupils = g_string_new (NULL);
  g_autofree char *year =
    build_year (2025, "2001", 20, "2026-03-02", "/\\/\\/\\/\\/\\/\\/\\/\\/\\/\\");

  for (guint i = 0; i < n; i++)
    {
      /* Each UPN has its own serial number and the check letter computed
       * from its digits. */
      g_autofree char *upn = g_strdup_printf ("%03u", i);
      g_autofree char *pupil = NULL;
      const char *letters = "ABCDEFGHJKLMNPQRTUVWXYZ";
      char full[14];
      guint sum = 0;

      g_snprintf (full, sizeof full, "X999200126%s", upn);
      for (guint c = 1; c < 13; c++)
        sum += (guint) (full[c] - '0') * (c + 1);
      full[0] = letters[sum % 23];

      pupil = build_pupil (full, "", year);
      g_string_append (pupils, pupil);
    }

  return build_ctf ("2026-03-13T16:00:00", pupils->str);
}

static void
test_read_progress (void)
{
  g_autofree char *text = build_many_pupils (400);
  g_autoptr(GInputStream) stream =
    g_memory_input_stream_new_from_data (text, strlen (text), NULL);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file =
    wm_ctf_read_stream (stream, strlen (text), "many.xml", NULL, on_progress,
                        fractions, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (file->pupils->len, ==, 400);
  g_assert_cmpuint (fractions->len, >=, 10);
  g_assert_cmpuint (fractions->len, <=, 101);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >,
                       g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), <=, 1.0);
}

static void
test_read_cancelled (void)
{
  g_autofree char *path = fixture_path ("weekday.xml");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file = NULL;

  g_cancellable_cancel (cancellable);
  file = wm_ctf_read_file (path, cancellable, NULL, NULL, &error);
  g_assert_null (file);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_read_too_large (void)
{
  g_autofree char *dir = g_dir_make_tmp ("waymark-ctf-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file = NULL;
  FILE *stream = g_fopen (path, "wb");

  /* A sparse file: its size is past the limit without writing 512 MiB. */
  g_assert_nonnull (stream);
  g_assert_cmpint (fseeko (stream, WM_CTF_MAX_FILE_SIZE, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('<', stream), ==, '<');
  g_assert_cmpint (fclose (stream), ==, 0);

  file = wm_ctf_read_file (path, NULL, NULL, NULL, &error);
  g_assert_null (file);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "huge.xml is larger than 512 MiB, the largest Common "
                   "Transfer File Waymark reads. Export the school's pupils "
                   "in smaller files.");

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A large file cut off in the middle of a contact: libxml2 reports "Extra
 * content at the end of the document" a few lines before the end, which
 * must still be explained as a file cut short. */
static void
test_reject_cut_in_the_middle (void)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) cut = NULL;
  g_autoptr(WmCtfFile) file = NULL;
  g_autoptr(GError) error = NULL;
  WmSampleOptions options;

  wm_sample_options_init (&options);
  options.seed = 5;
  options.n_pupils = 300;
  g_assert_true (wm_sample_write_ctf (&options, out, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 500000);

  cut = g_bytes_new_from_bytes (bytes, 0, 500000);
  in = g_memory_input_stream_new_from_bytes (cut);
  file = wm_ctf_read_stream (in, 500000, "cut.xml", NULL, NULL, NULL, &error);

  g_assert_null (file);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "probably cut short"));
}

/* Bad files */

typedef struct
{
  const char *fixture;
  WmError     code;
  const char *message;
} BadFile;

static const BadFile bad_files[] = {
  { "malformed.xml", WM_ERROR_INVALID_INPUT,
    "malformed.xml is not a Common Transfer File: Opening and ending tag "
    "mismatch: Surname line 24 and Forename (line 24)." },
  { "truncated.xml", WM_ERROR_INVALID_INPUT,
    "truncated.xml is not a Common Transfer File: the file ends before its "
    "elements are closed, so it is probably cut short; copy or export it "
    "again (line 36)." },
  { "doctype-entity.xml", WM_ERROR_INVALID_INPUT,
    "doctype-entity.xml, line 17 or earlier: the file has a document type "
    "declaration (DOCTYPE). Common Transfer Files have none, and one can make "
    "a parser read other files or expand entities without limit, so the "
    "file was rejected." },
  { "external-entity.xml", WM_ERROR_INVALID_INPUT,
    "external-entity.xml, line 17 or earlier: the file has a document type "
    "declaration (DOCTYPE). Common Transfer Files have none, and one can make "
    "a parser read other files or expand entities without limit, so the "
    "file was rejected." },
  { "billion-laughs.xml", WM_ERROR_INVALID_INPUT,
    "billion-laughs.xml, line 20 or earlier: the file has a document type "
    "declaration (DOCTYPE). Common Transfer Files have none, and one can make "
    "a parser read other files or expand entities without limit, so the "
    "file was rejected." },
  { "wrong-root.xml", WM_ERROR_INVALID_INPUT,
    "wrong-root.xml is not a Common Transfer File: its root element is "
    "<html>, not <CTfile> (line 2)." },
  { "missing-version.xml", WM_ERROR_INVALID_INPUT,
    "missing-version.xml, line 3: Header/CTFversion is missing. Export the "
    "file again from the school's system." },
  { "unknown-character.xml", WM_ERROR_UNKNOWN_CODE,
    "unknown-character.xml, line 36, UPN B801200005001: AttendanceMarks has "
    "\"!\" for Tuesday 3 March 2026 PM, which is not a register code. Correct "
    "the mark in the school's system and export the file again." },
  { "too-long.xml", WM_ERROR_INVALID_INPUT,
    "too-long.xml, line 36, UPN B801200005001: AttendanceMarks is too long: "
    "its 20 sessions from 24 August 2026 run to 4 September 2026, past 31 "
    "August 2026, the end of that school year. Check the export settings of "
    "the school's system and export the file again." },
  { "invalid-upn.xml", WM_ERROR_INVALID_INPUT,
    "invalid-upn.xml, line 22, UPN A801200005001: UPN “A801200005001” has "
    "check letter A but its digits give B; check the UPN against the "
    "school's records." },
  { "duplicate-upn.xml", WM_ERROR_INVALID_INPUT,
    "duplicate-upn.xml, line 29, UPN B801200005001: the UPN appears a second "
    "time in the file (first at line 22). Each pupil must appear once; "
    "export the file again." },
  { "impossible-date.xml", WM_ERROR_INVALID_INPUT,
    "impossible-date.xml, line 30, UPN B801200005001: LeavingDate "
    "\"2026-02-30\" is not a valid date. Write dates as YYYY-MM-DD." },
  { "empty.xml", WM_ERROR_INVALID_INPUT,
    "empty.xml is not a Common Transfer File: the file is empty (line 1)." },
  { "ambiguous.xml", WM_ERROR_AMBIGUOUS,
    "ambiguous.xml: The marks strings do not show whether weekends are "
    "included: no weekend slot contains a register code and no string covers "
    "two whole weekends. Export the file again with a longer attendance "
    "period or use a CSV marks export." },
};

static void
test_reject_file (gconstpointer data)
{
  const BadFile *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file = read_fixture (bad->fixture, &error);

  g_assert_null (file);
  g_assert_error (error, WM_ERROR, (gint) bad->code);
  g_assert_cmpstr (error->message, ==, bad->message);
}

static void
test_reject_binary_junk (void)
{
  guint8 junk[2048];
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  /* Starts like a zip archive, then random bytes with NULs. */
  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (guint8) g_rand_int_range (rand, 0, 256);
  memcpy (junk, "PK\x03\x04\x00", 5);

  stream = g_memory_input_stream_new_from_data (junk, sizeof junk, NULL);
  file = wm_ctf_read_stream (stream, sizeof junk, "junk.xml", NULL, NULL,
                             NULL, &error);
  g_assert_null (file);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "junk.xml is not a Common Transfer File: it does not start "
                   "with XML markup (Document is empty) (line 1).");
}

static void
test_reject_undeclared_entity (void)
{
  g_autofree char *pupil = build_pupil ("B801200005001", "", "");
  g_autofree char *text = build_ctf ("2026-03-13T16:00:00", pupil);
  g_autofree char *with_entity = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file = NULL;
  GString *edited = g_string_new (text);

  g_string_replace (edited, "O'Test", "&surname;", 1);
  with_entity = g_string_free (edited, FALSE);
  file = read_text (with_entity, &error);

  g_assert_null (file);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "test.xml is not a Common Transfer File: Entity 'surname' "
                   "not defined (line 15).");
}

static void
test_reject_external_dtd (void)
{
  g_autofree char *pupil = build_pupil ("B801200005001", "", "");
  g_autofree char *text = build_ctf ("2026-03-13T16:00:00", pupil);
  g_autofree char *edited_text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file = NULL;
  GString *edited = g_string_new (text);

  g_string_replace (edited, "<CTfile>",
                    "<!DOCTYPE CTfile SYSTEM \"file:///etc/passwd\">\n"
                    "<CTfile>", 1);
  edited_text = g_string_free (edited, FALSE);
  file = read_text (edited_text, &error);

  g_assert_null (file);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "test.xml, line "));
  g_assert_nonnull (strstr (error->message, "document type declaration"));
}

/* The loader installed by wm_ctf_global_init() must refuse even a file
 * that exists, which libxml2's own loader would open. */
static void
test_global_init_rejects_entities (void)
{
  g_autofree char *path = fixture_path ("weekday.xml");
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  xmlParserCtxtPtr context = xmlNewParserCtxt ();
  xmlExternalEntityLoader loader = xmlGetExternalEntityLoader ();
  xmlParserInputPtr input;

  g_assert_nonnull (context);
  input = loader (uri, NULL, context);
  g_assert_null (input);
  input = loader (path, NULL, context);
  g_assert_null (input);
  xmlFreeParserCtxt (context);
}

static void
test_reject_non_numeric_version (void)
{
  g_autofree char *pupil = build_pupil ("B801200005001", "", "");
  g_autofree char *text = build_ctf ("2026-03-13T16:00:00", pupil);
  g_autofree char *edited_text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file = NULL;
  GString *edited = g_string_new (text);

  g_string_replace (edited, "<CTFversion>25.0", "<CTFversion>v25", 1);
  edited_text = g_string_free (edited, FALSE);
  file = read_text (edited_text, &error);

  g_assert_null (file);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "test.xml, line 3: Header/CTFversion \"v25\" is not a "
                   "version number such as 25.0.");
}

/* Attacks: files that a careless export or a malicious sender could
 * write. Each must read correctly or fail with a message that names the
 * file, line, pupil and element. */

/* Replaces the first @old in @text with @new. */
static char *
edit_text (const char *text,
           const char *old,
           const char *new)
{
  GString *edited = g_string_new (text);

  g_assert_nonnull (strstr (text, old));
  g_string_replace (edited, old, new, 1);
  return g_string_free (edited, FALSE);
}

/* Expects reading @text to fail with @code and exactly @message. */
static void
assert_text_rejected (const char *text,
                      WmError     code,
                      const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file = read_text (text, &error);

  g_assert_null (file);
  g_assert_error (error, WM_ERROR, (gint) code);
  g_assert_cmpstr (error->message, ==, message);
}

/* A pretty-printer puts the marks on a line of their own, indented like
 * the elements. The line breaks and the indentation around the string are
 * layout, not unmarked sessions: counting them would move every mark of
 * the year to a later day. */
static void
test_read_marks_on_own_line (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file =
    read_one_year ("2026-03-13T16:00:00", "", 2025, 10, "2026-03-02",
                   "\n              /\\/\\OO/\\/\\\n            ", &error);
  WmCtfYearData *year;

  g_assert_no_error (error);
  year = get_year (get_pupil (file, 0), 0);
  g_assert_cmpstr (year->marks, ==, "/\\/\\OO/\\/\\");
  g_assert_cmpuint (year->n_days, ==, 5);
  g_assert_cmpint (MARCH_2026 (year, 2, WM_SESSION_AM), ==, WM_MARK_PRESENT_AM);
  g_assert_cmpint (MARCH_2026 (year, 4, WM_SESSION_AM), ==, WM_MARK_O);
  g_assert_cmpint (MARCH_2026 (year, 6, WM_SESSION_PM), ==, WM_MARK_PRESENT_PM);
  g_assert_cmpuint (file->warnings->len, ==, 0);
}

/* A string wrapped onto two lines cannot be read: a wrapping tool may
 * have replaced a space (an unmarked session) with the line break, so
 * neither dropping nor keeping the break is safe. The message must say
 * so before any length check that the break would also fail. */
static void
test_reject_marks_line_break (void)
{
  g_autofree char *year =
    build_year (2025, "2001", -1, "2026-03-02",
                "/\\/\\/\\\n/\\/\\/\\/\\/\\/\\/\\");
  g_autofree char *pupil = build_pupil ("B801200005001", "", year);
  g_autofree char *text = build_ctf ("2026-03-13T16:00:00", pupil);

  assert_text_rejected (text, WM_ERROR_INVALID_INPUT,
                        "test.xml, line 18, UPN B801200005001: "
                        "AttendanceMarks is broken across lines at Thursday 5 "
                        "March 2026 AM. Every character of the string is a "
                        "session, so it must be on one line; export the file "
                        "again without line wrapping.");
}

/* A second Header would silently replace the source school, and with it
 * which years feed the register. */
static void
test_reject_second_header (void)
{
  g_autofree char *pupil = build_pupil ("B801200005001", "", "");
  g_autofree char *text = build_ctf ("2026-03-13T16:00:00", pupil);
  g_autofree char *edited =
    edit_text (text, "  <CTFpupilData>\n",
               "  <Header><CTFversion>25.0</CTFversion><SourceSchool>"
               "<LEA>999</LEA><Estab>2002</Estab></SourceSchool></Header>\n"
               "  <CTFpupilData>\n");

  assert_text_rejected (edited, WM_ERROR_INVALID_INPUT,
                        "test.xml, line 12: the file has a second Header (the "
                        "first is at line 3). A Common Transfer File has one "
                        "Header; export the file again from the school's "
                        "system.");
}

/* A Pupil anywhere but CTfile/CTFpupilData would be left out without a
 * word, and the officer would believe the pupil imported. */
static void
test_reject_pupil_outside_pupil_data (void)
{
  g_autofree char *pupil = build_pupil ("B801200005001", "", "");
  g_autofree char *text = build_ctf ("2026-03-13T16:00:00", pupil);
  g_autofree char *edited = edit_text (text, "  <CTFpupilData>\n",
                                       "  <CTFpupilData><Group>\n");
  g_autofree char *closed = edit_text (edited, "  </CTFpupilData>",
                                       "  </Group></CTFpupilData>");

  assert_text_rejected (closed, WM_ERROR_INVALID_INPUT,
                        "test.xml, line 13: a Pupil element is at "
                        "CTfile/CTFpupilData/Group/Pupil; pupils belong "
                        "directly in CTfile/CTFpupilData. Export the file "
                        "again from the school's system.");
}

static void
test_reject_pupil_inside_pupil (void)
{
  g_autofree char *inner = build_pupil ("M820000025001", "", "");
  g_autofree char *details = g_strconcat ("</BasicDetails>", inner,
                                          "<BasicDetails>", NULL);
  g_autofree char *outer = build_pupil ("B801200005001", details, "");
  g_autofree char *text = build_ctf ("2026-03-13T16:00:00", outer);

  assert_text_rejected (text, WM_ERROR_INVALID_INPUT,
                        "test.xml, line 17, UPN B801200005001: a Pupil "
                        "element is at CTfile/CTFpupilData/Pupil/Pupil; "
                        "pupils belong directly in CTfile/CTFpupilData. "
                        "Export the file again from the school's system.");
}

/* A file without pupils imports nothing, and an import that reports
 * success with no pupils hides a failed or wrongly filtered export. */
static void
test_reject_no_pupils (void)
{
  g_autofree char *text = build_ctf ("2026-03-13T16:00:00", "");

  assert_text_rejected (text, WM_ERROR_INVALID_INPUT,
                        "test.xml, line 2: the file has no pupils: there is "
                        "no Pupil element in CTfile/CTFpupilData. Check that "
                        "the export included the pupils and export the file "
                        "again.");
}

/* A pupil has one UPN. Taking the later of two would send the marks to
 * whichever pupil has the second number. */
static void
test_reject_repeated_upn (void)
{
  g_autofree char *pupil = build_pupil ("B801200005001", "", "");
  g_autofree char *text = build_ctf ("2026-03-13T16:00:00", pupil);
  g_autofree char *edited =
    edit_text (text, "      <Surname>",
               "      <UPN>M820000025001</UPN>\n      <Surname>");

  assert_text_rejected (edited, WM_ERROR_INVALID_INPUT,
                        "test.xml, line 15, UPN B801200005001: the Pupil has "
                        "a second UPN element. Each pupil has one; export "
                        "the file again from the school's system.");
}

/* Two years of the source school that give one session different codes
 * cannot both be right, and the store would keep whichever came last. */
static void
test_reject_overlapping_years_disagree (void)
{
  g_autofree char *first =
    build_year (2025, "2001", -1, "2026-03-02", "/\\/\\/\\/\\/\\");
  g_autofree char *second =
    build_year (2025, "2001", -1, "2026-03-05", "NN/\\");
  g_autofree char *years = g_strconcat (first, second, NULL);
  g_autofree char *pupil = build_pupil ("B801200005001", "", years);
  g_autofree char *text = build_ctf ("2026-03-13T16:00:00", pupil);

  assert_text_rejected (text, WM_ERROR_INVALID_INPUT,
                        "test.xml, line 18, UPN B801200005001: two YearData "
                        "of this school give Thursday 5 March 2026 AM "
                        "different marks (/ and N). Correct the register in "
                        "the school's system and export the file again.");
}

/* Overlapping years that agree are one register written twice. */
static void
test_read_overlapping_years_agree (void)
{
  g_autofree char *first =
    build_year (2025, "2001", -1, "2026-03-02", "/\\/\\/\\/\\/\\");
  g_autofree char *second =
    build_year (2025, "2001", -1, "2026-03-05", "/\\/\\");
  g_autofree char *years = g_strconcat (first, second, NULL);
  g_autofree char *pupil = build_pupil ("B801200005001", "", years);
  g_autofree char *text = build_ctf ("2026-03-13T16:00:00", pupil);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file = read_text (text, &error);

  g_assert_no_error (error);
  g_assert_cmpint (MARCH_2026 (get_year (get_pupil (file, 0), 1), 5,
                               WM_SESSION_AM), ==, WM_MARK_PRESENT_AM);
}

/* A date of birth after the export is impossible, and usually a day and
 * month swapped by the exporting system. */
static void
test_reject_dob_after_export (void)
{
  g_autofree char *pupil = build_pupil ("B801200005001", "", "");
  g_autofree char *text = build_ctf ("2026-03-13T16:00:00", pupil);
  g_autofree char *edited = edit_text (text, "      <BasicDetails>",
                                       "      <DOB>2026-12-03</DOB>\n"
                                       "      <BasicDetails>");

  assert_text_rejected (edited, WM_ERROR_INVALID_INPUT,
                        "test.xml, line 13, UPN B801200005001: DOB "
                        "2026-12-03 is after the file was exported (13 March "
                        "2026). Correct the date of birth in the school's "
                        "system and export the file again.");
}

/* A line break or other control character in a name breaks every list
 * and letter that shows it, and one-line output such as TSV. */
static void
test_reject_control_character_in_name (void)
{
  g_autofree char *pupil = build_pupil ("B801200005001", "", "");
  g_autofree char *text = build_ctf ("2026-03-13T16:00:00", pupil);
  g_autofree char *edited = edit_text (text, "Zoë", "Zo&#10;ë");

  assert_text_rejected (edited, WM_ERROR_INVALID_INPUT,
                        "test.xml, line 13, UPN B801200005001: Forename has a "
                        "control character (a line break, tab or similar) at "
                        "character 3. Correct it in the school's system and "
                        "export the file again.");
}

/* No field but the marks string needs more than a few hundred
 * characters; a longer one is a damaged or hostile file. */
static void
test_reject_text_too_long (void)
{
  g_autofree char *pupil = build_pupil ("B801200005001", "", "");
  g_autofree char *text = build_ctf ("2026-03-13T16:00:00", pupil);
  g_autofree char *long_name = g_strnfill (100000, 'A');
  g_autofree char *edited = edit_text (text, "O'Test", long_name);

  assert_text_rejected (edited, WM_ERROR_INVALID_INPUT,
                        "test.xml, line 13, UPN B801200005001: Surname is "
                        "100000 characters long, more than the 1000 Waymark "
                        "accepts. Correct it in the school's system and "
                        "export the file again.");
}

/* The file grew or shrank between finding its size and reading it, so
 * the bytes read may mix two versions of the export. */
static void
test_reject_changed_while_read (void)
{
  g_autofree char *pupil = build_pupil ("B801200005001", "", "");
  g_autofree char *text = build_ctf ("2026-03-13T16:00:00", pupil);
  g_autoptr(GInputStream) stream =
    g_memory_input_stream_new_from_data (text, strlen (text), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file =
    wm_ctf_read_stream (stream, strlen (text) + 100, "test.xml", NULL, NULL,
                        NULL, &error);
  g_autofree char *message =
    g_strdup_printf ("test.xml changed while it was read: it had %zu bytes "
                     "when opened and %zu when read. Wait until the export "
                     "has finished, then import the file again.",
                     strlen (text) + 100, strlen (text));

  g_assert_null (file);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_reject_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCtfFile) file =
    wm_ctf_read_file ("/nonexistent/waymark/gone.xml", NULL, NULL, NULL,
                      &error);

  g_assert_null (file);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "gone.xml could not be opened: No such file or "
                   "directory. Check that the file is still there and that "
                   "you may read it.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  wm_ctf_global_init ();

  g_test_add_func ("/ctf/layout/code-on-weekend", test_layout_code_on_weekend);
  g_test_add_func ("/ctf/layout/within-one-week", test_layout_within_one_week);
  g_test_add_func ("/ctf/layout/no-strings", test_layout_no_strings);
  g_test_add_func ("/ctf/layout/two-weekends-closed",
                   test_layout_two_weekends_closed);
  g_test_add_func ("/ctf/layout/seven-weekend-slots",
                   test_layout_seven_weekend_slots);
  g_test_add_func ("/ctf/layout/one-weekend-closed",
                   test_layout_one_weekend_closed);
  g_test_add_func ("/ctf/layout/across-strings", test_layout_across_strings);

  g_test_add_func ("/ctf/read/weekday-layout", test_read_weekday_layout);
  g_test_add_func ("/ctf/read/calendar-layout", test_read_calendar_layout);
  g_test_add_func ("/ctf/read/gender-and-sex", test_read_gender_and_sex);
  g_test_add_func ("/ctf/read/newer-version-warns",
                   test_read_newer_version_warns);
  g_test_add_func ("/ctf/read/pupils-only", test_read_pupils_only);
  g_test_add_func ("/ctf/read/marks-before-admission",
                   test_read_marks_before_admission);
  g_test_add_func ("/ctf/read/leaver", test_read_leaver);
  g_test_add_func ("/ctf/read/unmarked-sessions", test_read_unmarked_sessions);
  g_test_add_func ("/ctf/read/reconciliation-warns",
                   test_read_reconciliation_warns);
  g_test_add_func ("/ctf/read/empty-marks-warns", test_read_empty_marks_warns);
  g_test_add_func ("/ctf/read/j-after-2024-warns", test_read_j_after_2024_warns);
  g_test_add_func ("/ctf/read/k-before-2024-warns",
                   test_read_k_before_2024_warns);
  g_test_add_func ("/ctf/read/start-outside-year", test_read_start_outside_year);
  g_test_add_func ("/ctf/read/past-export-date", test_read_past_export_date);
  g_test_add_func ("/ctf/read/weekday-start-on-weekend",
                   test_read_weekday_start_on_weekend);
  g_test_add_func ("/ctf/read/progress", test_read_progress);
  g_test_add_func ("/ctf/read/cancelled", test_read_cancelled);
  g_test_add_func ("/ctf/read/too-large", test_read_too_large);

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *name = g_strndup (bad_files[i].fixture,
                                         strlen (bad_files[i].fixture) - 4);
      g_autofree char *test_path = g_strconcat ("/ctf/reject/", name, NULL);

      g_test_add_data_func (test_path, &bad_files[i], test_reject_file);
    }
  g_test_add_func ("/ctf/reject/binary-junk", test_reject_binary_junk);
  g_test_add_func ("/ctf/reject/undeclared-entity",
                   test_reject_undeclared_entity);
  g_test_add_func ("/ctf/reject/non-numeric-version",
                   test_reject_non_numeric_version);
  g_test_add_func ("/ctf/reject/external-dtd", test_reject_external_dtd);
  g_test_add_func ("/ctf/global-init/rejects-entities",
                   test_global_init_rejects_entities);

  g_test_add_func ("/ctf/read/marks-on-own-line", test_read_marks_on_own_line);
  g_test_add_func ("/ctf/read/overlapping-years-agree",
                   test_read_overlapping_years_agree);
  g_test_add_func ("/ctf/reject/marks-line-break",
                   test_reject_marks_line_break);
  g_test_add_func ("/ctf/reject/second-header", test_reject_second_header);
  g_test_add_func ("/ctf/reject/pupil-outside-pupil-data",
                   test_reject_pupil_outside_pupil_data);
  g_test_add_func ("/ctf/reject/pupil-inside-pupil",
                   test_reject_pupil_inside_pupil);
  g_test_add_func ("/ctf/reject/no-pupils", test_reject_no_pupils);
  g_test_add_func ("/ctf/reject/repeated-upn", test_reject_repeated_upn);
  g_test_add_func ("/ctf/reject/overlapping-years-disagree",
                   test_reject_overlapping_years_disagree);
  g_test_add_func ("/ctf/reject/dob-after-export",
                   test_reject_dob_after_export);
  g_test_add_func ("/ctf/reject/control-character-in-name",
                   test_reject_control_character_in_name);
  g_test_add_func ("/ctf/reject/text-too-long", test_reject_text_too_long);
  g_test_add_func ("/ctf/reject/changed-while-read",
                   test_reject_changed_while_read);
  g_test_add_func ("/ctf/reject/cut-in-the-middle",
                   test_reject_cut_in_the_middle);
  g_test_add_func ("/ctf/reject/missing-file", test_reject_missing_file);

  return g_test_run ();
}
