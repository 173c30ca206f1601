/* test-bundle-audit.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "wm-bundle-audit.h"
#include "wm-case.h"
#include "wm-ctf.h"
#include "wm-error.h"
#include "wm-import.h"
#include "wm-test-util.h"

/*
 * The case, the default period and the print audit entry of an evidence
 * bundle, on a register imported from a real CTF file (school weeks from
 * 2 to 27 March 2026) and compared with what wm_bundle_export() records.
 */

#define OFFICER "A. Officer"

typedef struct
{
  WmStore *store;
  gint64   pupil_id;
  gint64   other_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = wm_test_file_path ("bundle-audit.db");
  g_autofree char *ctf = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                "cli", "four-weeks.xml",
                                                NULL);
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  fixture->store = wm_store_open (path, &error);
  g_assert_no_error (error);

  wm_ctf_global_init ();
  report = wm_import_file (fixture->store, ctf, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_pupils, ==, 4);

  fixture->pupil_id = wm_store_find_pupil_by_upn (fixture->store,
                                                  "W999200126002");
  fixture->other_id = wm_store_find_pupil_by_upn (fixture->store,
                                                  "Z999200126004");
  g_assert_cmpint (fixture->pupil_id, >, 0);
  g_assert_cmpint (fixture->other_id, >, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
}

static gint64
open_case (Fixture    *fixture,
           const char *opened_on)
{
  g_autoptr(GError) error = NULL;
  gint64 id = wm_case_open (fixture->store, fixture->pupil_id,
                            wm_test_day (opened_on), "Attendance below 90%",
                            OFFICER, OFFICER, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
close_case (Fixture    *fixture,
            gint64      case_id,
            const char *closed_on)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_case_close (fixture->store, case_id,
                                wm_test_day (closed_on), "Attendance back up",
                                OFFICER, &error));
  g_assert_no_error (error);
}

/* The newest audit entry with @action, or NULL. */
static char *
last_audit_detail (Fixture    *fixture,
                   const char *action,
                   gint64     *out_object_id)
{
  sqlite3_stmt *stmt = NULL;
  char *detail = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (fixture->store),
                                       "SELECT detail, object_kind, object_id "
                                       "FROM audit_log WHERE action = ? "
                                       "ORDER BY id DESC LIMIT 1", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      detail = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==,
                       "pupil");
      *out_object_id = sqlite3_column_int64 (stmt, 2);
    }

  sqlite3_finalize (stmt);
  return detail;
}

/* Tests: the case */

static void
test_find_open_case (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 first = open_case (fixture, "2025-10-06");
  gint64 second;

  close_case (fixture, first, "2025-12-12");
  second = open_case (fixture, "2026-03-02");

  g_assert_cmpint (wm_bundle_find_case (fixture->store, fixture->pupil_id,
                                        &error), ==, second);
  g_assert_no_error (error);
}

/* A closed case can still go to court, so with no case open the bundle
 * is about the one opened last. */
static void
test_find_closed_case (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 first = open_case (fixture, "2025-10-06");
  gint64 second;

  close_case (fixture, first, "2025-12-12");
  second = open_case (fixture, "2026-03-02");
  close_case (fixture, second, "2026-03-27");

  g_assert_cmpint (wm_bundle_find_case (fixture->store, fixture->pupil_id,
                                        &error), ==, second);
  g_assert_no_error (error);
}

static void
test_find_no_case (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (wm_bundle_find_case (fixture->store, fixture->other_id,
                                        &error), ==, 0);
  g_assert_error (error, WM_ERROR, WM_ERROR_NOT_FOUND);
}

/* Tests: the period */

/* The default period is the one the exported bundle's audit entry
 * states: the four school weeks the register has, from Monday 2 March. */
static void
test_period_same_as_export (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = wm_test_file_path ("default-period.pdf");
  g_autofree char *detail = NULL;
  g_autoptr(GError) error = NULL;
  WmBundleOptions options;
  gint64 object_id = 0;
  WmDay from = WM_DAY_NONE;

  open_case (fixture, "2026-03-02");
  wm_bundle_options_init (&options, wm_test_day ("2026-03-27"));
  g_assert_true (wm_bundle_export (fixture->store, fixture->pupil_id, &options,
                                   path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (wm_bundle_default_period (fixture->store, fixture->pupil_id,
                                           wm_test_day ("2026-03-27"), &from,
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpint (from, ==, wm_test_day ("2026-03-02"));

  detail = last_audit_detail (fixture, "export-bundle", &object_id);
  g_assert_nonnull (strstr (detail, "; period 2026-03-02 to 2026-03-27;"));
}

/* Ten school weeks back from a day in the summer holiday still end at
 * the last week the register has, and start at its first. */
static void
test_period_holiday (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WmDay from = WM_DAY_NONE;

  g_assert_true (wm_bundle_default_period (fixture->store, fixture->pupil_id,
                                           wm_test_day ("2026-08-12"), &from,
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpint (from, ==, wm_test_day ("2026-03-02"));
}

/* Before the register starts there is no school week, so the period is
 * the week of its last day alone. */
static void
test_period_before_register (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WmDay from = WM_DAY_NONE;

  g_assert_true (wm_bundle_default_period (fixture->store, fixture->pupil_id,
                                           wm_test_day ("2026-01-07"), &from,
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpint (from, ==, wm_test_day ("2026-01-05"));
}

static void
test_period_missing_pupil (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WmDay from = WM_DAY_NONE;

  g_assert_false (wm_bundle_default_period (fixture->store, 9999,
                                            wm_test_day ("2026-03-27"), &from,
                                            &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_NOT_FOUND);
  g_assert_cmpint (from, ==, WM_DAY_NONE);
}

/* Tests: the print entry */

/* The entry repeats the words of the export's entry, adds the pages
 * printed and keeps the audit chain intact. */
static void
test_print_entry (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *detail = NULL;
  g_autoptr(GError) error = NULL;
  WmBundleOptions options;
  gint64 object_id = 0;
  gint64 case_id = open_case (fixture, "2026-03-02");
  gint64 bad = 0;

  wm_bundle_options_init (&options, wm_test_day ("2026-03-27"));
  options.sections |= WM_BUNDLE_HEALTH;
  options.redactions = WM_BUNDLE_REDACT_SIBLINGS | WM_BUNDLE_REDACT_HEALTH;
  g_assert_true (wm_bundle_audit_print (fixture->store, fixture->pupil_id,
                                        &options, 14, &error));
  g_assert_no_error (error);

  detail = last_audit_detail (fixture, "print-bundle", &object_id);
  g_assert_cmpint (object_id, ==, fixture->pupil_id);
  g_assert_cmpint (case_id, ==, 1);
  g_assert_cmpstr (detail, ==,
                   "case 1; sections cover,index,chronology,certificate,"
                   "chart,support,exhibits,legal,statement,health; period "
                   "2026-03-02 to 2026-03-27; as of 2026-03-27; redacted "
                   "siblings; redacted health; pages 14");

  g_assert_true (wm_store_verify_audit (fixture->store, &bad, &error));
  g_assert_no_error (error);
}

/* A period the officer chose is recorded as chosen. */
static void
test_print_chosen_period (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *detail = NULL;
  g_autoptr(GError) error = NULL;
  WmBundleOptions options;
  gint64 object_id = 0;

  open_case (fixture, "2026-03-02");
  wm_bundle_options_init (&options, wm_test_day ("2026-03-27"));
  options.sections = WM_BUNDLE_COVER | WM_BUNDLE_CERTIFICATE;
  options.from = wm_test_day ("2026-03-09");
  options.to = wm_test_day ("2026-03-20");
  g_assert_true (wm_bundle_audit_print (fixture->store, fixture->pupil_id,
                                        &options, 3, &error));
  g_assert_no_error (error);

  detail = last_audit_detail (fixture, "print-bundle", &object_id);
  g_assert_cmpstr (detail, ==,
                   "case 1; sections cover,certificate; period 2026-03-09 "
                   "to 2026-03-20; as of 2026-03-27; pages 3");
}

static void
test_print_no_case (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *detail = NULL;
  g_autoptr(GError) error = NULL;
  WmBundleOptions options;
  gint64 object_id = 0;

  wm_bundle_options_init (&options, wm_test_day ("2026-03-27"));
  g_assert_false (wm_bundle_audit_print (fixture->store, fixture->other_id,
                                         &options, 5, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_NOT_FOUND);

  detail = last_audit_detail (fixture, "print-bundle", &object_id);
  g_assert_null (detail);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/bundle-audit/case/open", test_find_open_case);
  ADD ("/bundle-audit/case/closed-latest", test_find_closed_case);
  ADD ("/bundle-audit/case/none", test_find_no_case);
  ADD ("/bundle-audit/period/same-as-export", test_period_same_as_export);
  ADD ("/bundle-audit/period/summer-holiday", test_period_holiday);
  ADD ("/bundle-audit/period/before-register", test_period_before_register);
  ADD ("/bundle-audit/period/missing-pupil", test_period_missing_pupil);
  ADD ("/bundle-audit/print/entry", test_print_entry);
  ADD ("/bundle-audit/print/chosen-period", test_print_chosen_period);
  ADD ("/bundle-audit/print/no-case", test_print_no_case);

#undef ADD

  return g_test_run ();
}
