/* test-retention.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Retention on a real SQLite file. Each class is listed from the day its
 * period ends and not the day before. The review deletes nothing, a legal
 * hold blocks deletion, and each deletion is one audited item. The
 * migration from schema version 2 keeps the data.
 */

#include <glib/gstdio.h>
#include <string.h>

#include "wm-case.h"
#include "wm-error.h"
#include "wm-retention.h"
#include "wm-store-private.h"
#include "wm-store-records.h"
#include "wm-test-util.h"

#define OFFICER "A. Officer"

/*
 * The pupil, born 10 May 2001, has register marks from Monday 15 to
 * Friday 19 July 2019. A case opened 10 January 2019 and closed 31 March
 * 2019 contains a note, a healthcare plan, a warning letter and a
 * safeguarding record. With the default periods:
 *   register-marks  last entry 19 July 2019 + 6 years: 19 July 2025
 *   case-records    closed 31 March 2019 + 6 years: 31 March 2025
 *   health, letters the same day
 *   safeguarding    born 10 May 2001 + 25 years: 10 May 2026
 */
typedef struct
{
  WmStore *store;
  gint64   pupil_id;
  gint64   school_id;
  gint64   case_id;
  gint64   note_id;
  gint64   plan_id;
  gint64   letter_id;
  gint64   concern_id;
} Fixture;

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

static void
add_marks (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmRegister) reg = NULL;
  gint64 import_id;

  reg = wm_register_new_from_string (wm_test_day ("2019-07-15"),
                                     "/\\/\\/\\/\\/\\", &error);
  g_assert_true (wm_store_begin (f->store, &error));
  import_id = wm_store_begin_import (f->store, "csv", NULL, NULL, &error);
  g_assert_true (wm_store_merge_marks (f->store, import_id, f->pupil_id,
                                       f->school_id, reg, NULL, NULL,
                                       &error));
  g_assert_true (wm_store_finish_import (f->store, import_id, f->school_id,
                                         1, 10, 0, NULL, &error));
  g_assert_true (wm_store_commit (f->store, &error));
  g_assert_no_error (error);
}

static gint64
add_record (Fixture    *f,
            const char *kind,
            const char *k1,
            const char *v1,
            const char *k2,
            const char *v2)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  json_object_set_string_member (body, k1, v1);
  json_object_set_string_member (body, k2, v2);
  id = wm_record_save_draft (f->store, f->case_id, 0, kind, body, OFFICER,
                             &error);
  g_assert_no_error (error);
  g_assert_true (wm_record_finalise (f->store, id, OFFICER, &error));
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = wm_test_file_path ("retention.db");
  g_auto(WmPupilRecord) pupil = { 0 };
  g_autoptr(GError) error = NULL;

  f->store = wm_store_open (path, &error);
  g_assert_no_error (error);
  f->school_id = wm_store_ensure_school (f->store, "801", "2000", NULL, NULL,
                                         &error);
  pupil.upn = g_strdup ("B801200005001");
  pupil.dob = wm_test_day ("2001-05-10");
  f->pupil_id = wm_store_upsert_pupil (f->store, &pupil, f->school_id, NULL,
                                       &error);
  g_assert_no_error (error);
  add_marks (f);

  f->case_id = wm_case_open (f->store, f->pupil_id,
                             wm_test_day ("2019-01-10"), NULL, OFFICER,
                             OFFICER, &error);
  f->note_id = add_record (f, "note", "date", "2019-01-11", "text", "Note");
  f->plan_id = add_record (f, "healthcare-plan", "date", "2019-01-12",
                           "condition", "Asthma");
  f->letter_id = add_record (f, "warning-letter", "date_sent", "2019-01-14",
                             "parent", "Parent");
  f->concern_id = add_record (f, "safeguarding", "date", "2019-01-15",
                              "concern", "Concern");
  g_assert_true (wm_case_close (f->store, f->case_id,
                                wm_test_day ("2019-03-31"), "Improved",
                                OFFICER, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
}

static GPtrArray *
review (Fixture    *f,
        const char *as_of)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = wm_retention_review (f->store, wm_test_day (as_of),
                                          &error);

  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

/* The item of @klass and @object_id in @items, or NULL. */
static WmRetentionItem *
find (GPtrArray        *items,
      WmRetentionClass  klass,
      gint64            object_id)
{
  for (guint i = 0; i < items->len; i++)
    {
      WmRetentionItem *item = g_ptr_array_index (items, i);

      if (item->klass == klass && item->object_id == object_id)
        return item;
    }

  return NULL;
}

static void
test_register_boundary (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) before = review (f, "2025-07-18");
  g_autoptr(GPtrArray) on_day = review (f, "2025-07-19");
  WmRetentionItem *item;

  /* Registers are kept 6 years from each entry: the year's last entry,
   * Friday 19 July 2019, decides. */
  g_assert_null (find (before, WM_RETENTION_REGISTER_MARKS, 0));
  item = find (on_day, WM_RETENTION_REGISTER_MARKS, 0);
  g_assert_nonnull (item);
  g_assert_cmpstr (item->object_kind, ==, "marks");
  g_assert_cmpint (item->pupil_id, ==, f->pupil_id);
  g_assert_cmpint (item->school_id, ==, f->school_id);
  g_assert_cmpuint (item->year, ==, 2018);
  g_assert_cmpuint (item->counted_from, ==, wm_test_day ("2019-07-19"));
  g_assert_cmpuint (item->due_on, ==, wm_test_day ("2025-07-19"));
  g_assert_false (item->legal_hold);
}

static void
test_case_boundary (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) before = review (f, "2025-03-30");
  g_autoptr(GPtrArray) on_day = review (f, "2025-03-31");

  g_assert_cmpuint (before->len, ==, 0);

  /* The case, the note, the plan and the letter, class by class; the
   * safeguarding record is counted from the date of birth. */
  g_assert_cmpuint (on_day->len, ==, 4);
  g_assert_cmpint (((WmRetentionItem *) on_day->pdata[0])->klass, ==,
                   WM_RETENTION_CASE_RECORDS);
  g_assert_cmpstr (((WmRetentionItem *) on_day->pdata[0])->object_kind, ==,
                   "case");
  g_assert_cmpint (((WmRetentionItem *) on_day->pdata[0])->object_id, ==,
                   f->case_id);
  g_assert_cmpint (((WmRetentionItem *) on_day->pdata[1])->object_id, ==,
                   f->note_id);
  g_assert_cmpint (((WmRetentionItem *) on_day->pdata[2])->klass, ==,
                   WM_RETENTION_HEALTH);
  g_assert_cmpint (((WmRetentionItem *) on_day->pdata[2])->object_id, ==,
                   f->plan_id);
  g_assert_cmpint (((WmRetentionItem *) on_day->pdata[3])->klass, ==,
                   WM_RETENTION_LETTERS);
  g_assert_cmpint (((WmRetentionItem *) on_day->pdata[3])->object_id, ==,
                   f->letter_id);
  g_assert_cmpuint (((WmRetentionItem *) on_day->pdata[3])->counted_from, ==,
                    wm_test_day ("2019-03-31"));
}

static void
test_safeguarding_boundary (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) before = review (f, "2026-05-09");
  g_autoptr(GPtrArray) on_day = review (f, "2026-05-10");
  WmRetentionItem *item;

  g_assert_null (find (before, WM_RETENTION_SAFEGUARDING, f->concern_id));
  item = find (on_day, WM_RETENTION_SAFEGUARDING, f->concern_id);
  g_assert_nonnull (item);
  g_assert_cmpuint (item->counted_from, ==, wm_test_day ("2001-05-10"));
  g_assert_cmpuint (item->due_on, ==, wm_test_day ("2026-05-10"));
  g_assert_cmpuint (on_day->len, ==, 6);
}

static void
test_review_deletes_nothing (Fixture       *f,
                             gconstpointer  data)
{
  gint64 marks = query_int (f->store, "SELECT count(*) FROM marks");
  gint64 revisions = query_int (f->store, "SELECT count(*) FROM "
                                "record_revisions");
  gint64 audit = query_int (f->store, "SELECT count(*) FROM audit_log");
  g_autoptr(GPtrArray) items = review (f, "2100-01-01");

  g_assert_cmpuint (items->len, ==, 6);
  g_assert_cmpint (marks, ==, 1);
  g_assert_cmpint (revisions, ==, 4);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM marks"), ==,
                   marks);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records"), ==,
                   4);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM "
                              "record_revisions"), ==, revisions);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM cases"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit_log"), ==,
                   audit);
}

static void
test_legal_hold_blocks (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  gboolean hold = FALSE;
  WmRetentionItem *plan;

  g_assert_true (wm_retention_set_legal_hold (f->store, f->pupil_id, TRUE,
                                              &error));
  g_assert_true (wm_retention_get_legal_hold (f->store, f->pupil_id, &hold,
                                              &error));
  g_assert_true (hold);

  items = review (f, "2025-03-31");
  plan = find (items, WM_RETENTION_HEALTH, f->plan_id);
  g_assert_true (plan->legal_hold);
  g_assert_false (wm_store_retention_delete (f->store, plan, "Schedule 4.2",
                                             &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_LEGAL_HOLD);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records"), ==,
                   4);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM "
                              "retention_deletions"), ==, 0);

  /* Lifted, the same item goes. */
  g_assert_true (wm_retention_set_legal_hold (f->store, f->pupil_id, FALSE,
                                              &error));
  g_assert_true (wm_store_retention_delete (f->store, plan, "Schedule 4.2",
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records"), ==,
                   3);
}

static void
test_delete_record_audited (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) items = review (f, "2025-03-31");
  g_autoptr(GError) error = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *detail = NULL;

  g_assert_false (wm_store_retention_delete (f->store,
                                             find (items, WM_RETENTION_HEALTH,
                                                   f->plan_id),
                                             "  ", &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_true (wm_store_retention_delete (f->store,
                                            find (items, WM_RETENTION_HEALTH,
                                                  f->plan_id),
                                            "Schedule 4.2", &error));
  g_assert_no_error (error);

  entry = query_text (f->store, "SELECT action || ' ' || object_kind || ' ' "
                      "|| object_id FROM audit_log ORDER BY id DESC LIMIT 1");
  detail = g_strdup_printf ("retention-delete record %" G_GINT64_FORMAT,
                            f->plan_id);
  g_assert_cmpstr (entry, ==, detail);
  g_free (detail);
  detail = query_text (f->store, "SELECT detail FROM audit_log "
                       "ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (detail, ==, "class=health pupil=1 deletion=1");
  reason = query_text (f->store, "SELECT reason FROM retention_deletions");
  g_assert_cmpstr (reason, ==, "Schedule 4.2");
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM "
                              "record_revisions"), ==, 3);

  /* The deletion is not tampering: the verification still passes. */
  g_assert_true (wm_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_delete_case_after_records (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) items = review (f, "2100-01-01");
  g_autoptr(GError) error = NULL;
  WmRetentionItem *the_case = find (items, WM_RETENTION_CASE_RECORDS,
                                    f->case_id);

  g_assert_false (wm_store_retention_delete (f->store, the_case, "Schedule",
                                             &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  for (guint i = 0; i < items->len; i++)
    {
      WmRetentionItem *item = g_ptr_array_index (items, i);

      if (item != the_case
          && !wm_store_retention_delete (f->store, item, "Schedule", &error))
        g_assert_no_error (error);
    }

  g_assert_true (wm_store_retention_delete (f->store, the_case, "Schedule",
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records"), ==,
                   0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM cases"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM marks"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM "
                              "retention_deletions"), ==, 6);
  g_assert_true (wm_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_periods_are_rules (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *detail = NULL;
  guint years = 0;

  g_assert_false (wm_retention_set_period (f->store,
                                           WM_RETENTION_REGISTER_MARKS, 3,
                                           &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_true (wm_retention_set_period (f->store, WM_RETENTION_HEALTH, 7,
                                          &error));
  g_assert_true (wm_retention_get_period (f->store, WM_RETENTION_HEALTH,
                                          &years, &error));
  g_assert_cmpuint (years, ==, 7);
  detail = query_text (f->store, "SELECT detail FROM audit_log "
                       "WHERE action = 'set-retention'");
  g_assert_cmpstr (detail, ==, "class=health years=7 was=6");

  items = review (f, "2025-03-31");
  g_assert_null (find (items, WM_RETENTION_HEALTH, f->plan_id));
  g_assert_nonnull (find (items, WM_RETENTION_CASE_RECORDS, f->note_id));
}

/* Runs the real application with @args; returns its exit status and
 * what it printed. */
static int
run_waymark (const char * const  *args,
             char               **out_stdout,
             char               **out_stderr)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("WAYMARK_BINARY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE
                               | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out_stdout, out_stderr,
                                 &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static void
test_cli_review (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *database = g_strconcat ("--database=",
                                           wm_store_get_path (f->store),
                                           NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { database, "--retention-review",
                         "--as-of=2025-07-19", NULL };
  gint64 audit = query_int (f->store, "SELECT count(*) FROM audit_log");

  if (g_getenv ("WAYMARK_BINARY") == NULL)
    {
      g_test_skip ("WAYMARK_BINARY is not set: the application was not built");
      return;
    }

  g_assert_cmpint (run_waymark (args, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==,
    "# Retention review as of 2025-07-19; nothing has been deleted\n"
    "class\titem\tupn\tcounted_from\tpast_since\tlegal_hold\n"
    "# register-marks: kept 6 years; 1 item past the period\n"
    "register-marks\tmarks school=1 year=2018-2019\tB801200005001\t"
    "2019-07-19\t2025-07-19\tno\n"
    "# case-records: kept 6 years; 2 items past the period\n"
    "case-records\tcase 1\tB801200005001\t2019-03-31\t2025-03-31\tno\n"
    "case-records\trecord 1\tB801200005001\t2019-03-31\t2025-03-31\tno\n"
    "# health: kept 6 years; 1 item past the period\n"
    "health\trecord 2\tB801200005001\t2019-03-31\t2025-03-31\tno\n"
    "# safeguarding: kept 25 years; 0 items past the period\n"
    "# letters: kept 6 years; 1 item past the period\n"
    "letters\trecord 3\tB801200005001\t2019-03-31\t2025-03-31\tno\n");
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records"), ==,
                   4);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM marks"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit_log"), ==,
                   audit);
}

static void
test_add_years (void)
{
  g_assert_cmpuint (wm_retention_add_years (wm_test_day ("2019-07-19"), 6),
                    ==, wm_test_day ("2025-07-19"));
  /* A period from 29 February never ends early. */
  g_assert_cmpuint (wm_retention_add_years (wm_test_day ("2020-02-29"), 6),
                    ==, wm_test_day ("2026-03-01"));
  g_assert_cmpuint (wm_retention_add_years (wm_test_day ("2020-02-29"), 4),
                    ==, wm_test_day ("2024-02-29"));
}

/* A database as version 2 left it, with a pupil and a closed case. */
static void
write_version_2 (const char *path)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (_wm_store_migrate (db, path, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO schools (lea, estab) VALUES ('801', '2000');"
    "INSERT INTO pupils (upn, dob, school_id, name_key, created_at, "
    "  updated_at) VALUES ('B801200005001', '2001-05-10', 1, '', "
    "  '2019-01-01T09:00:00Z', '2019-01-01T09:00:00Z');"
    "INSERT INTO cases (pupil_id, opened_on, closed_on, created_at) "
    "  VALUES (1, '2019-01-10', '2019-03-31', '2019-01-10T09:00:00Z');",
    NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_migrate_from_version_2 (void)
{
  g_autofree char *path = wm_test_file_path ("v2.db");
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  gboolean hold = TRUE;
  guint years = 0;

  write_version_2 (path);
  store = wm_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_store_get_schema_version (store), ==,
                   WM_STORE_SCHEMA_VERSION);

  g_assert_true (wm_retention_get_legal_hold (store, 1, &hold, &error));
  g_assert_false (hold);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM "
                              "retention_periods"), ==, 5);
  g_assert_true (wm_retention_get_period (store, WM_RETENTION_SAFEGUARDING,
                                          &years, &error));
  g_assert_cmpuint (years, ==, 25);
  g_assert_cmpint (query_int (store, "SELECT years FROM retention_periods "
                              "WHERE record_class = 'register-marks' "
                              "AND fixed_by_law = 1"), ==, 6);

  items = wm_retention_review (store, wm_test_day ("2025-03-31"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (((WmRetentionItem *) items->pdata[0])->object_kind, ==,
                   "case");
}

static void
add_fixture_test (const char *path,
                  void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_fixture_test ("/retention/register/day-before-and-day-of",
                    test_register_boundary);
  add_fixture_test ("/retention/case/day-before-and-day-of",
                    test_case_boundary);
  add_fixture_test ("/retention/safeguarding/from-date-of-birth",
                    test_safeguarding_boundary);
  add_fixture_test ("/retention/review/deletes-nothing",
                    test_review_deletes_nothing);
  add_fixture_test ("/retention/legal-hold/blocks-deletion",
                    test_legal_hold_blocks);
  add_fixture_test ("/retention/delete/record-audited",
                    test_delete_record_audited);
  add_fixture_test ("/retention/delete/case-after-its-records",
                    test_delete_case_after_records);
  add_fixture_test ("/retention/periods/are-audited-rules",
                    test_periods_are_rules);
  add_fixture_test ("/retention/command-line/review", test_cli_review);
  g_test_add_func ("/retention/add-years", test_add_years);
  g_test_add_func ("/retention/migrate/from-version-2-with-data",
                   test_migrate_from_version_2);

  return g_test_run ();
}
