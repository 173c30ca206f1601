/* test-rule-values.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The legal-step rule values kept in the database beside the level rules:
 * defaults, a school's own values, refusals that write nothing, the audit
 * entry of each change, and that each reader leaves the other's rows
 * alone.
 */

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "wm-error.h"
#include "wm-store-response-rules.h"
#include "wm-upn.h"

typedef struct
{
  char    *path;
  WmStore *store;
  gint64   school_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *dir = g_get_user_data_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  fixture->path = g_build_filename (dir, "rules.db", NULL);
  fixture->store = wm_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->school_id = wm_store_ensure_school (fixture->store, "801", "4001", NULL,
                                               "Hill School", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_unlink (fixture->path);
  g_free (fixture->path);
}

static gint64
query_int (WmStore    *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
last_rule_audit (WmStore *store)
{
  sqlite3_stmt *stmt = NULL;
  char *detail = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (store),
                                       "SELECT detail FROM audit_log WHERE action = 'set-rule' "
                                       "ORDER BY id DESC LIMIT 1", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    detail = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return detail;
}

static guint
count_rule_audits (WmStore *store)
{
  return query_int (store, "SELECT count(*) FROM audit_log WHERE action = 'set-rule'");
}

static void
test_defaults (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WmResponseRules rules;

  g_assert_true (wm_store_load_response_rules (fixture->store, fixture->school_id, &rules,
                                               &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rules.penalty_service_working_days, ==, 2);
  g_assert_cmpuint (rules.improvement_min_weeks, ==, 3);
  g_assert_cmpuint (rules.improvement_max_weeks, ==, 6);
  g_assert_cmpuint (rules.leave_refused_sessions, ==, 10);
  g_assert_cmpuint (rules.contact_check_months, ==, 6);
}

/* A school's own value wins over the value for every school, which in
 * turn wins over the built-in default. Each change is audited with the
 * value it replaced. */
static void
test_school_overrides (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *every_detail = NULL;
  g_autofree char *school_detail = NULL;
  g_autofree char *expected = NULL;
  WmResponseRules every, school;

  g_assert_true (wm_store_set_response_rule (fixture->store, 0,
                                             WM_RULE_CONTACT_CHECK_MONTHS, 12, &error));
  every_detail = last_rule_audit (fixture->store);
  g_assert_true (wm_store_set_response_rule (fixture->store, fixture->school_id,
                                             WM_RULE_CONTACT_CHECK_MONTHS, 3, &error));
  g_assert_no_error (error);
  school_detail = last_rule_audit (fixture->store);

  g_assert_true (wm_store_load_response_rules (fixture->store, 0, &every, &error));
  g_assert_true (wm_store_load_response_rules (fixture->store, fixture->school_id, &school,
                                               &error));
  g_assert_no_error (error);
  g_assert_cmpuint (every.contact_check_months, ==, 12);
  g_assert_cmpuint (school.contact_check_months, ==, 3);

  g_assert_cmpstr (every_detail, ==, "key=contact-check-months school=all old=6 new=12");
  expected = g_strdup_printf ("key=contact-check-months school=%" G_GINT64_FORMAT
                              " old=12 new=3", fixture->school_id);
  g_assert_cmpstr (school_detail, ==, expected);
  g_assert_true (wm_store_verify_audit (fixture->store, NULL, &error));
  g_assert_no_error (error);
}

/* Writing the value already stored is no change and leaves no entry. */
static void
test_same_value_not_audited (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_store_set_response_rule (fixture->store, 0,
                                             WM_RULE_LEAVE_REFUSED_SESSIONS, 12, &error));
  g_assert_true (wm_store_set_response_rule (fixture->store, 0,
                                             WM_RULE_LEAVE_REFUSED_SESSIONS, 12, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_rule_audits (fixture->store), ==, 1);
}

static void
test_out_of_range_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WmResponseRules rules;

  g_assert_false (wm_store_set_response_rule (fixture->store, 0,
                                              WM_RULE_IMPROVEMENT_MAX_WEEKS, 14, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* The shortest period may not pass the longest. */
  g_assert_false (wm_store_set_response_rule (fixture->store, 0,
                                              WM_RULE_IMPROVEMENT_MIN_WEEKS, 7, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_false (wm_store_set_response_rule (fixture->store, 0, "no-such-rule", 1, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_true (wm_store_load_response_rules (fixture->store, 0, &rules, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rules.improvement_min_weeks, ==, 3);
  g_assert_cmpuint (rules.improvement_max_weeks, ==, 6);
  g_assert_cmpuint (count_rule_audits (fixture->store), ==, 0);
}

/* A value for every school that would contradict a school's own value is
 * refused, so no school is left with rules that cannot be used. */
static void
test_every_school_conflict (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WmResponseRules rules;

  g_assert_true (wm_store_set_response_rule (fixture->store, fixture->school_id,
                                             WM_RULE_IMPROVEMENT_MIN_WEEKS, 5, &error));
  g_assert_no_error (error);

  g_assert_false (wm_store_set_response_rule (fixture->store, 0,
                                              WM_RULE_IMPROVEMENT_MAX_WEEKS, 4, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_true (wm_store_load_response_rules (fixture->store, fixture->school_id, &rules,
                                               &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rules.improvement_min_weeks, ==, 5);
  g_assert_cmpuint (rules.improvement_max_weeks, ==, 6);
  g_assert_cmpuint (count_rule_audits (fixture->store), ==, 1);
}

/* The two kinds of rule share one table. Each loader leaves the other's
 * rows alone, and wm_store_set_any_rule() sends each key to its own. */
static void
test_shared_table (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WmResponseRules response;
  WmRules rules;

  g_assert_true (wm_store_set_any_rule (fixture->store, 0, WM_RULE_PENALTY_SERVICE_DAYS, 3,
                                        &error));
  g_assert_true (wm_store_set_any_rule (fixture->store, 0, WM_RULE_LEVEL1_FLOOR, 950, &error));
  g_assert_no_error (error);

  g_assert_true (wm_store_load_rules (fixture->store, 0, &rules, &error));
  g_assert_true (wm_store_load_response_rules (fixture->store, 0, &response, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rules.level1_floor_tenths, ==, 950);
  g_assert_cmpuint (response.penalty_service_working_days, ==, 3);
  g_assert_cmpuint (count_rule_audits (fixture->store), ==, 2);
}

/* A row that neither kind of rule recognises is rejected, because
 * skipping it could change an outcome. */
static void
test_unknown_row_refused (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WmResponseRules response;

  g_assert_cmpint (sqlite3_exec (wm_store_get_db (fixture->store),
                                 "INSERT INTO rule_values (school_id, key, value) "
                                 "VALUES (NULL, 'penalty-days-typo', 3)", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  g_assert_false (wm_store_load_response_rules (fixture->store, 0, &response, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_DATABASE);
}

static void
test_mark_all_dirty (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) dirty = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_auto(WmPupilRecord) record = { 0 };

      record.upn = g_strdup_printf ("?80120002600%u", i);
      record.upn[0] = wm_upn_check_letter (record.upn);
      wm_store_upsert_pupil (fixture->store, &record, fixture->school_id, NULL, &error);
      g_assert_no_error (error);
    }

  dirty = wm_store_take_dirty (fixture->store, &error);
  g_clear_pointer (&dirty, g_array_unref);
  g_assert_true (wm_store_mark_all_dirty (fixture->store, &error));
  g_assert_no_error (error);
  dirty = wm_store_take_dirty (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dirty->len, ==, 3);
}

static void
test_list_schools (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) schools = NULL;
  WmSchoolInfo *first;

  wm_store_ensure_school (fixture->store, "801", "4002", NULL, "Apple Primary", &error);
  g_assert_no_error (error);

  schools = wm_store_list_schools (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (schools->len, ==, 2);
  first = g_ptr_array_index (schools, 0);
  g_assert_cmpstr (first->name, ==, "Apple Primary");
  g_assert_cmpstr (first->estab, ==, "4002");
  g_assert_cmpstr (((WmSchoolInfo *) g_ptr_array_index (schools, 1))->name, ==,
                   "Hill School");
}

static void
add_test (const char *path,
          void (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_test ("/rule-values/response/defaults", test_defaults);
  add_test ("/rule-values/response/school-overrides-every-school", test_school_overrides);
  add_test ("/rule-values/response/same-value-not-audited", test_same_value_not_audited);
  add_test ("/rule-values/response/out-of-range-refused", test_out_of_range_refused);
  add_test ("/rule-values/response/every-school-conflict-refused",
            test_every_school_conflict);
  add_test ("/rule-values/shared-table", test_shared_table);
  add_test ("/rule-values/unknown-row-refused", test_unknown_row_refused);
  add_test ("/rule-values/mark-all-dirty", test_mark_all_dirty);
  add_test ("/rule-values/list-schools", test_list_schools);

  return g_test_run ();
}
