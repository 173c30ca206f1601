/* test-schools.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-error.h"
#include "wm-store-private.h"

/*
 * A school's address, telephone, email and signatory, stored in a real
 * SQLite file in a private temporary directory for each test.
 */

/* Helpers */

static WmStore *
open_new_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (),
                                            "schools.db", NULL);
  WmStore *store = wm_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static gint64
add_school (WmStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 id = wm_store_ensure_school (store, "999", "4001", NULL,
                                      "Riverside Primary", &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
query_int (WmStore    *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (store), sql, -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_text (WmStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (store), sql, -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static gint64
count_audits (WmStore *store)
{
  return query_int (store, "SELECT count(*) FROM audit_log "
                           "WHERE action = 'school-details'");
}

/* Tests */

static void
test_new_school_has_none (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_autoptr(GError) error = NULL;
  g_auto(WmSchoolDetails) details = { 0 };
  gint64 school = add_school (store);

  g_assert_true (wm_store_get_school_details (store, school, &details,
                                              &error));
  g_assert_no_error (error);
  g_assert_null (details.address);
  g_assert_null (details.phone);
  g_assert_null (details.email);
  g_assert_null (details.signatory_name);
  g_assert_null (details.signatory_role);
}

static void
test_round_trip (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_autoptr(GError) error = NULL;
  g_auto(WmSchoolDetails) read = { 0 };
  gint64 school = add_school (store);
  WmSchoolDetails details = {
    .address = "1 River Lane\nTownley\nTN1 2AB",
    .phone = "  01632 960 123 ",
    .email = "office@riverside.example.org",
    .signatory_name = "Ann Head",
    .signatory_role = "Headteacher",
  };

  g_assert_true (wm_store_set_school_details (store, school, &details,
                                              &error));
  g_assert_no_error (error);
  g_assert_true (wm_store_get_school_details (store, school, &read, &error));
  g_assert_no_error (error);

  /* Stored trimmed, so that letters print no stray spaces. */
  g_assert_cmpstr (read.address, ==, "1 River Lane\nTownley\nTN1 2AB");
  g_assert_cmpstr (read.phone, ==, "01632 960 123");
  g_assert_cmpstr (read.email, ==, "office@riverside.example.org");
  g_assert_cmpstr (read.signatory_name, ==, "Ann Head");
  g_assert_cmpstr (read.signatory_role, ==, "Headteacher");
}

/* An empty value means "not entered" and is stored as NULL, so that the
 * letters fall back to the officer's details rather than print nothing. */
static void
test_empty_clears (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_autoptr(GError) error = NULL;
  g_auto(WmSchoolDetails) read = { 0 };
  gint64 school = add_school (store);
  WmSchoolDetails first = { .phone = "01632 960 123", .signatory_name = "A" };
  WmSchoolDetails second = { .phone = "   ", .signatory_name = "" };

  g_assert_true (wm_store_set_school_details (store, school, &first, &error));
  g_assert_true (wm_store_set_school_details (store, school, &second,
                                              &error));
  g_assert_no_error (error);
  g_assert_true (wm_store_get_school_details (store, school, &read, &error));
  g_assert_null (read.phone);
  g_assert_null (read.signatory_name);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM schools "
                                     "WHERE phone IS NULL "
                                     "AND signatory_name IS NULL"), ==, 1);
}

/* The audit names the school and the fields changed, never the values:
 * the log is kept for years and a signatory's name is personal data. */
static void
test_audit_names_fields (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;
  gint64 school = add_school (store);
  WmSchoolDetails first = { .phone = "01632 960 123",
                            .signatory_name = "Ann Head" };
  WmSchoolDetails second = { .phone = "01632 960 999",
                             .signatory_name = "Ann Head",
                             .email = "office@example.org" };

  g_assert_true (wm_store_set_school_details (store, school, &first, &error));
  g_assert_true (wm_store_set_school_details (store, school, &second,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_audits (store), ==, 2);

  detail = query_text (store, "SELECT detail FROM audit_log "
                              "WHERE action = 'school-details' "
                              "ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (detail, ==, "fields=phone,email");
  g_assert_cmpint (query_int (store, "SELECT object_id FROM audit_log "
                                     "WHERE action = 'school-details' "
                                     "ORDER BY id DESC LIMIT 1"), ==, school);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM audit_log "
                                     "WHERE detail LIKE '%Ann%' "
                                     "OR detail LIKE '%01632%'"), ==, 0);
  g_assert_true (wm_store_verify_audit (store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_unchanged_not_audited (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_autoptr(GError) error = NULL;
  gint64 school = add_school (store);
  WmSchoolDetails details = { .phone = "01632 960 123" };
  WmSchoolDetails spaced = { .phone = " 01632 960 123  " };

  g_assert_true (wm_store_set_school_details (store, school, &details,
                                              &error));
  g_assert_true (wm_store_set_school_details (store, school, &spaced,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_audits (store), ==, 1);
}

static void
check_refused (const WmSchoolDetails *details,
               const char            *message)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_autoptr(GError) error = NULL;
  g_auto(WmSchoolDetails) read = { 0 };
  gint64 school = add_school (store);

  g_assert_false (wm_store_set_school_details (store, school, details,
                                               &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, message);

  /* Nothing of a rejected change is written. */
  g_clear_error (&error);
  g_assert_true (wm_store_get_school_details (store, school, &read, &error));
  g_assert_null (read.address);
  g_assert_cmpint (count_audits (store), ==, 0);
}

static void
test_phone_refused (void)
{
  WmSchoolDetails dashes = { .address = "1 River Lane",
                             .phone = "01632-960123" };
  WmSchoolDetails none = { .address = "1 River Lane", .phone = "+ " };

  check_refused (&dashes, "Telephone: '-' is not allowed. Write the number "
                 "with digits, spaces and +, such as \"01632 960 123\".");
  check_refused (&none, "Telephone: the number has no digits. Write it with "
                 "digits, spaces and +, such as \"01632 960 123\".");
}

static void
test_phone_international (void)
{
  g_autoptr(GError) error = NULL;
  WmSchoolDetails details = { .phone = "+44 1632 960123" };

  g_assert_true (wm_school_details_validate (&details, &error));
  g_assert_no_error (error);
}

static void
test_email_refused (void)
{
  const char *bad[] = { "office.example.org", "a@b@example.org",
                        "@example.org", "office@", "office @example.org" };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      WmSchoolDetails details = { .address = "1 River Lane",
                                  .email = (char *) bad[i] };
      g_autofree char *message = g_strdup_printf (
        "Email: \"%s\" is not an email address. Write it as "
        "name@example.org, with one @ and no spaces.", bad[i]);

      check_refused (&details, message);
    }
}

static void
test_unknown_school (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_autoptr(GError) error = NULL;
  g_auto(WmSchoolDetails) read = { 0 };
  WmSchoolDetails details = { .phone = "01632 960 123" };

  g_assert_false (wm_store_set_school_details (store, 42, &details, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (wm_store_get_school_details (store, 42, &read, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_NOT_FOUND);
  g_assert_cmpint (count_audits (store), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/schools/details/new-school-has-none",
                   test_new_school_has_none);
  g_test_add_func ("/schools/details/round-trip", test_round_trip);
  g_test_add_func ("/schools/details/empty-clears", test_empty_clears);
  g_test_add_func ("/schools/audit/names-fields-not-values",
                   test_audit_names_fields);
  g_test_add_func ("/schools/audit/unchanged-not-audited",
                   test_unchanged_not_audited);
  g_test_add_func ("/schools/validate/phone-refused", test_phone_refused);
  g_test_add_func ("/schools/validate/phone-international",
                   test_phone_international);
  g_test_add_func ("/schools/validate/email-refused", test_email_refused);
  g_test_add_func ("/schools/details/unknown-school", test_unknown_school);

  return g_test_run ();
}
