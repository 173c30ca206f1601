/* test-terms.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>
#include <string.h>

#include "wm-test-util.h"
#include "wm-error.h"
#include "wm-import.h"
#include "wm-store.h"

/*
 * The term dates and closures entered for a school: listing, adding,
 * changing and removing them, the checks that keep them consistent, and
 * the audit entry each change writes; and importing them from a terms
 * file.
 */

typedef struct
{
  WmStore *store;
  gint64   school_id;
  gint64   other_school_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = wm_test_file_path ("terms.db");
  g_autoptr(GError) error = NULL;

  fixture->store = wm_store_open (path, &error);
  g_assert_no_error (error);
  fixture->school_id = wm_store_ensure_school (fixture->store, "999", "2001",
                                               NULL, "Millbrook Primary",
                                               &error);
  g_assert_no_error (error);
  fixture->other_school_id = wm_store_ensure_school (fixture->store, "999",
                                                     "2002", NULL,
                                                     "Hill School", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
}

static gint64
add (Fixture     *fixture,
     WmTermKind   kind,
     const char  *name,
     const char  *first,
     const char  *last,
     GError     **error)
{
  WmSchoolTerm term = {
    .kind = kind,
    .name = (char *) name,
    .first_day = wm_test_day (first),
    .last_day = wm_test_day (last),
  };

  return wm_store_add_term (fixture->store, fixture->school_id, &term, error);
}

static gint64
add_ok (Fixture    *fixture,
        WmTermKind  kind,
        const char *name,
        const char *first,
        const char *last)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add (fixture, kind, name, first, last, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* "term Spring 1 2026-01-05 2026-02-13; closure ..." */
static char *
list_text (Fixture *fixture,
           gint64   school_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) terms = wm_store_list_terms (fixture->store, school_id,
                                                    &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < terms->len; i++)
    {
      const WmSchoolTerm *term = g_ptr_array_index (terms, i);
      g_autofree char *first = wm_day_to_iso (term->first_day);
      g_autofree char *last = wm_day_to_iso (term->last_day);

      g_string_append_printf (text, "%s%s %s %s %s", i > 0 ? "; " : "",
                              term->kind == WM_TERM_KIND_TERM ? "term"
                                                              : "closure",
                              term->name, first, last);
    }

  return g_string_free (text, FALSE);
}

static gint64
query_int (Fixture    *fixture,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (fixture->store), sql,
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
last_audit (Fixture *fixture)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (fixture->store),
                                       "SELECT action || ' ' || object_kind "
                                       "|| ' ' || detail FROM audit_log "
                                       "ORDER BY id DESC LIMIT 1", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* Terms and closures come back by first day, each school's own. */
static void
test_add_and_list (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *other = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *expected = NULL;

  add_ok (fixture, WM_TERM_KIND_TERM, "Spring 2", "2026-02-23", "2026-03-27");
  add_ok (fixture, WM_TERM_KIND_TERM, " Spring 1 ", "2026-01-05",
          "2026-02-13");
  add_ok (fixture, WM_TERM_KIND_CLOSURE, "Training day", "2026-03-02",
          "2026-03-02");

  text = list_text (fixture, fixture->school_id);
  g_assert_cmpstr (text, ==,
                   "term Spring 1 2026-01-05 2026-02-13; "
                   "term Spring 2 2026-02-23 2026-03-27; "
                   "closure Training day 2026-03-02 2026-03-02");
  other = list_text (fixture, fixture->other_school_id);
  g_assert_cmpstr (other, ==, "");

  audit = last_audit (fixture);
  expected = g_strdup_printf ("term-add closure school=%" G_GINT64_FORMAT
                              " name=Training day first=2026-03-02 "
                              "last=2026-03-02", fixture->school_id);
  g_assert_cmpstr (audit, ==, expected);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log "
                              "WHERE action = 'term-add'"), ==, 3);
}

static void
assert_refused (Fixture    *fixture,
                WmTermKind  kind,
                const char *name,
                const char *first,
                const char *last,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  gint64 n_audit = query_int (fixture, "SELECT count(*) FROM audit_log");

  g_assert_cmpint (add (fixture, kind, name, first, last, &error), ==, 0);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log"), ==,
                   n_audit);
}

/* Each rejection names the field and what to do, and nothing is stored
 * or audited. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *text = NULL;

  add_ok (fixture, WM_TERM_KIND_TERM, "Spring 1", "2026-01-05", "2026-02-13");

  assert_refused (fixture, WM_TERM_KIND_TERM, "Spring 2", "2026-03-27",
                  "2026-02-23",
                  "The term's last day (23 February 2026) is before its "
                  "first day (27 March 2026): the last day must be on or "
                  "after the first");
  assert_refused (fixture, WM_TERM_KIND_TERM, "  ", "2026-02-23",
                  "2026-03-27",
                  "The term's name is empty: give it one, such as "
                  "“Spring 1”");
  assert_refused (fixture, WM_TERM_KIND_TERM, "Spring 2", "2026-02-13",
                  "2026-03-27",
                  "The first and last days of the term “Spring 2” (13 "
                  "February to 27 March 2026) overlap the term “Spring 1” "
                  "(5 January to 13 February 2026): a day belongs to one "
                  "term at most, so change the dates of one of them");
  assert_refused (fixture, WM_TERM_KIND_CLOSURE, "Training day",
                  "2026-02-16", "2026-02-16",
                  "The first and last days of the closure “Training day” "
                  "(16 February 2026) do not lie inside one term: enter the "
                  "term first, or change the closure's days");
  assert_refused (fixture, WM_TERM_KIND_CLOSURE, "Line one\nline two",
                  "2026-02-02", "2026-02-02",
                  "The closure's reason must be one line of at most 80 "
                  "characters, such as “Training day”");

  text = list_text (fixture, fixture->school_id);
  g_assert_cmpstr (text, ==, "term Spring 1 2026-01-05 2026-02-13");
}

/* A change is checked like an addition, and audited with old and new
 * values. */
static void
test_change (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  gint64 id = add_ok (fixture, WM_TERM_KIND_TERM, "Spring 1", "2026-01-05",
                      "2026-02-13");
  WmSchoolTerm change = {
    .id = id, .kind = WM_TERM_KIND_TERM, .name = "Spring 1",
    .first_day = wm_test_day ("2026-01-06"),
    .last_day = wm_test_day ("2026-02-13"),
  };

  add_ok (fixture, WM_TERM_KIND_TERM, "Spring 2", "2026-02-23", "2026-03-27");
  g_assert_true (wm_store_change_term (fixture->store, fixture->school_id,
                                       &change, &error));
  g_assert_no_error (error);

  audit = last_audit (fixture);
  expected = g_strdup_printf ("term-change term school=%" G_GINT64_FORMAT
                              " old-name=Spring 1 old-first=2026-01-05 "
                              "old-last=2026-02-13 name=Spring 1 "
                              "first=2026-01-06 last=2026-02-13",
                              fixture->school_id);
  g_assert_cmpstr (audit, ==, expected);

  /* Moving into the next term is an overlap; the term does not overlap
   * itself. */
  change.last_day = wm_test_day ("2026-02-23");
  g_assert_false (wm_store_change_term (fixture->store, fixture->school_id,
                                        &change, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* Another school's term cannot be changed through this one. */
  g_assert_false (wm_store_change_term (fixture->store,
                                        fixture->other_school_id, &change,
                                        &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_NOT_FOUND);

  text = list_text (fixture, fixture->school_id);
  g_assert_cmpstr (text, ==,
                   "term Spring 1 2026-01-06 2026-02-13; "
                   "term Spring 2 2026-02-23 2026-03-27");
}

/* A term holding a closure cannot go or move away from it. */
static void
test_remove (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *audit = NULL;
  gint64 term = add_ok (fixture, WM_TERM_KIND_TERM, "Spring 2", "2026-02-23",
                        "2026-03-27");
  gint64 closure = add_ok (fixture, WM_TERM_KIND_CLOSURE, "Training day",
                           "2026-03-02", "2026-03-02");
  WmSchoolTerm shorter = {
    .id = term, .kind = WM_TERM_KIND_TERM, .name = "Spring 2",
    .first_day = wm_test_day ("2026-03-09"),
    .last_day = wm_test_day ("2026-03-27"),
  };

  g_assert_false (wm_store_remove_term (fixture->store, fixture->school_id,
                                        WM_TERM_KIND_TERM, term, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "The term's first or last day would leave the closure "
                   "“Training day” (2 March 2026) outside every term: "
                   "change or remove the closure first");
  g_clear_error (&error);
  g_assert_false (wm_store_change_term (fixture->store, fixture->school_id,
                                        &shorter, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_true (wm_store_remove_term (fixture->store, fixture->school_id,
                                       WM_TERM_KIND_CLOSURE, closure, &error));
  g_assert_no_error (error);
  audit = last_audit (fixture);
  g_assert_true (g_str_has_prefix (audit, "term-remove closure school="));
  g_assert_true (g_str_has_suffix (audit, " old-name=Training day "
                                          "old-first=2026-03-02 "
                                          "old-last=2026-03-02"));

  g_assert_true (wm_store_remove_term (fixture->store, fixture->school_id,
                                       WM_TERM_KIND_TERM, term, &error));
  g_assert_no_error (error);
  text = list_text (fixture, fixture->school_id);
  g_assert_cmpstr (text, ==, "");

  g_assert_false (wm_store_remove_term (fixture->store, fixture->school_id,
                                        WM_TERM_KIND_TERM, term, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_NOT_FOUND);
}

/* A change to the calendar marks the school's pupils, and only them,
 * for evaluation; the audit chain still verifies. */
static void
test_marks_pupils_dirty (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) dirty = NULL;
  WmPupilRecord in_school = { .upn = "B801200005001", .surname = "Test",
                         .forename = "Ada",
                         .dob = wm_test_day ("2015-03-14") };
  WmPupilRecord elsewhere = { .upn = "M820000025001", .surname = "Test",
                          .forename = "Bo",
                          .dob = wm_test_day ("2016-04-15") };
  gint64 in_school_id, bad = -1;

  in_school_id = wm_store_upsert_pupil (fixture->store, &in_school, fixture->school_id,
                                   NULL, &error);
  g_assert_no_error (error);
  wm_store_upsert_pupil (fixture->store, &elsewhere, fixture->other_school_id,
                         NULL, &error);
  g_assert_no_error (error);
  dirty = wm_store_take_dirty (fixture->store, &error);
  g_assert_no_error (error);
  g_clear_pointer (&dirty, g_array_unref);

  add_ok (fixture, WM_TERM_KIND_TERM, "Summer 1", "2026-04-13", "2026-05-22");
  dirty = wm_store_take_dirty (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dirty->len, ==, 1);
  g_assert_cmpint (g_array_index (dirty, gint64, 0), ==, in_school_id);

  g_assert_true (wm_store_verify_audit (fixture->store, &bad, &error));
  g_assert_no_error (error);
}

/* Importing a terms file */

/* Imports @text as the file terms.csv; the report, or NULL with @error. */
static WmImportReport *
import_terms (Fixture     *fixture,
              const char  *text,
              GError     **error)
{
  g_autofree char *path = wm_test_file_path ("terms.csv");

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return wm_import_file (fixture->store, path, NULL, NULL, NULL, error);
}

static const char spring_csv[] =
  "School,Name,Start,End,Kind\n"
  "2001,Training day,02/03/2026,02/03/2026,closure\n"
  "2001,Spring 1,05/01/2026,13/02/2026,term\n"
  "2001,Spring 2,2026-02-23,2026-03-27,\n";

/* Importing the same file again changes nothing, so it records no
 * import and writes no audit entry, because a second row in the imports
 * list would report that something arrived when nothing did. The report
 * still counts the file's rows, with a warning that nothing changed. */
static void
test_import_same_file_again (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(WmImportReport) first = NULL;
  g_autoptr(WmImportReport) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 n_audit;

  first = import_terms (fixture, spring_csv, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->import_id, >, 0);
  g_assert_cmpuint (first->warnings->len, ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM imports"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log "
                              "WHERE action = 'import'"), ==, 1);
  n_audit = query_int (fixture, "SELECT count(*) FROM audit_log");

  again = import_terms (fixture, spring_csv, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpint (again->import_id, ==, 0);
  g_assert_cmpint (again->school_id, ==, fixture->school_id);
  g_assert_cmpuint (again->n_terms, ==, 2);
  g_assert_cmpuint (again->n_closures, ==, 1);
  g_assert_cmpuint (again->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (again->warnings, 0), ==,
                   "terms.csv, line 1: nothing changed: every term and "
                   "closure in the file is already stored.");

  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM imports"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log"), ==,
                   n_audit);
  text = list_text (fixture, fixture->school_id);
  g_assert_cmpstr (text, ==,
                   "term Spring 1 2026-01-05 2026-02-13; "
                   "term Spring 2 2026-02-23 2026-03-27; "
                   "closure Training day 2026-03-02 2026-03-02");
}

/* A file that adds one entry to those stored is an import like any
 * other: it is recorded and audited, and only the new entry is added. */
static void
test_import_one_new_entry (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(WmImportReport) first = NULL;
  g_autoptr(WmImportReport) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *more = g_strconcat (spring_csv,
                                       "2001,Summer 1,13/04/2026,22/05/2026,"
                                       "term\n", NULL);

  first = import_terms (fixture, spring_csv, &error);
  g_assert_no_error (error);
  second = import_terms (fixture, more, &error);
  g_assert_no_error (error);

  g_assert_cmpint (second->import_id, >, first->import_id);
  g_assert_cmpuint (second->warnings->len, ==, 0);
  g_assert_cmpuint (second->n_terms, ==, 3);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM imports"), ==, 2);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log "
                              "WHERE action = 'import'"), ==, 2);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log "
                              "WHERE action = 'term-add'"), ==, 4);
}

/* A terms file of @n_terms one-week terms (Monday to Friday), one after
 * another from Monday 3 January 2000, each even-numbered one with a
 * closure on its Wednesday, and then @extra_row if given. */
static char *
many_terms_csv (guint       n_terms,
                const char *extra_row)
{
  GString *text = g_string_new ("School,Name,Start,End,Kind\n");
  WmDay monday = wm_test_day ("2000-01-03");

  for (guint t = 0; t < n_terms; t++)
    {
      WmDay first = monday + 7 * t;
      g_autofree char *start = wm_day_to_iso (first);
      g_autofree char *end = wm_day_to_iso (first + 4);
      g_autofree char *wednesday = wm_day_to_iso (first + 2);

      g_string_append_printf (text, "2001,Term %u,%s,%s,term\n", t, start,
                              end);
      if (t % 2 == 0)
        g_string_append_printf (text, "2001,Closure %u,%s,%s,closure\n", t,
                                wednesday, wednesday);
    }

  if (extra_row != NULL)
    g_string_append (text, extra_row);
  return g_string_free (text, FALSE);
}

static void
assert_import_refused (Fixture    *fixture,
                       const char *text,
                       const char *message)
{
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = import_terms (fixture, text, &error);
  g_assert_null (report);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, message);
}

/* A large file (1,000 terms and 500 closures, about 19 years of weeks)
 * is checked entry by entry as the form checks one. An overlap or a
 * closure outside every term at its end is found, with its line and the
 * right stored entry, and nothing of the file is kept. The same file
 * without the bad row imports whole. */
static void
test_import_many_entries (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *overlap = many_terms_csv (1000, "2001,Overlap,2000-02-04,"
                                             "2000-02-07,term\n");
  g_autofree char *outside = many_terms_csv (1000, "2001,Stray,2000-01-08,"
                                             "2000-01-08,closure\n");
  g_autofree char *good = many_terms_csv (1000, NULL);
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(WmImportReport) again = NULL;
  g_autoptr(GError) error = NULL;

  assert_import_refused (fixture, overlap,
                         "terms.csv, line 1502, columns 3 and 4 (Start and "
                         "End): The first and last days of the term "
                         "“Overlap” (4 to 7 February 2000) overlap the term "
                         "“Term 4” (31 January to 4 February 2000): a day "
                         "belongs to one term at most, so change the dates "
                         "of one of them");
  assert_import_refused (fixture, outside,
                         "terms.csv, line 1502, columns 3 and 4 (Start and "
                         "End): The first and last days of the closure "
                         "“Stray” (8 January 2000) do not lie inside one "
                         "term: enter the term first, or change the "
                         "closure's days");
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM school_terms"),
                   ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM imports"), ==, 0);

  report = import_terms (fixture, good, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_terms, ==, 1000);
  g_assert_cmpuint (report->n_closures, ==, 500);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM school_terms"),
                   ==, 1000);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM "
                              "school_closures"), ==, 500);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log "
                              "WHERE action = 'term-add'"), ==, 1500);

  again = import_terms (fixture, good, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->import_id, ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM imports"), ==, 1);
}

/* A school's autumn calendar, as a first import stores it. */
static const char autumn_csv[] =
  "School,Name,Start,End,Kind\n"
  "2001,Autumn 1,02/09/2026,23/10/2026,term\n"
  "2001,Autumn 2,02/11/2026,18/12/2026,term\n"
  "2001,Training day,13/11/2026,13/11/2026,closure\n";

static void
import_ok (Fixture    *fixture,
           const char *text)
{
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = import_terms (fixture, text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
}

/* Returns the kind and detail of the only audit entry with @action. */
static char *
audit_detail (Fixture    *fixture,
              const char *action)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (fixture->store),
                                       "SELECT object_kind || ' ' || detail "
                                       "FROM audit_log WHERE action = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return text;
}

/* A school corrects a term's dates and sends its file again. The row that
 * matches a stored entry's school, kind and name and shares a day with it
 * replaces its dates. The stored row keeps its id, the audit entry gives
 * the old and the new dates, and the school's pupils are marked for
 * evaluation, because deadlines counted in school weeks move. */
static void
test_import_corrected_dates_replace (Fixture       *fixture,
                                     gconstpointer  data)
{
  static const char corrected_csv[] =
    "School,Name,Start,End,Kind\n"
    "2001,Autumn 1,02/09/2026,23/10/2026,term\n"
    "2001,Autumn 2,03/11/2026,17/12/2026,term\n"
    "2001,Training day,13/11/2026,13/11/2026,closure\n";
  WmPupilRecord pupil = { .upn = "B801200005001", .surname = "Test",
                          .forename = "Ada",
                          .dob = wm_test_day ("2015-03-14") };
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(GArray) dirty = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *expected = NULL;
  gint64 pupil_id, autumn_2, bad = -1;

  pupil_id = wm_store_upsert_pupil (fixture->store, &pupil,
                                    fixture->school_id, NULL, &error);
  g_assert_no_error (error);
  import_ok (fixture, autumn_csv);
  autumn_2 = query_int (fixture, "SELECT id FROM school_terms "
                        "WHERE name = 'Autumn 2'");
  dirty = wm_store_take_dirty (fixture->store, &error);
  g_assert_no_error (error);
  g_clear_pointer (&dirty, g_array_unref);

  report = import_terms (fixture, corrected_csv, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->import_id, >, 0);
  g_assert_cmpuint (report->n_terms, ==, 2);
  g_assert_cmpuint (report->n_closures, ==, 1);
  g_assert_cmpuint (report->warnings->len, ==, 0);

  text = list_text (fixture, fixture->school_id);
  g_assert_cmpstr (text, ==,
                   "term Autumn 1 2026-09-02 2026-10-23; "
                   "term Autumn 2 2026-11-03 2026-12-17; "
                   "closure Training day 2026-11-13 2026-11-13");
  g_assert_cmpint (query_int (fixture, "SELECT id FROM school_terms "
                              "WHERE name = 'Autumn 2'"), ==, autumn_2);

  audit = audit_detail (fixture, "term-change");
  expected = g_strdup_printf ("term school=%" G_GINT64_FORMAT " old-name="
                              "Autumn 2 old-first=2026-11-02 "
                              "old-last=2026-12-18 name=Autumn 2 "
                              "first=2026-11-03 last=2026-12-17",
                              fixture->school_id);
  g_assert_cmpstr (audit, ==, expected);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log "
                              "WHERE action = 'term-add'"), ==, 3);

  dirty = wm_store_take_dirty (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dirty->len, ==, 1);
  g_assert_cmpint (g_array_index (dirty, gint64, 0), ==, pupil_id);
  g_assert_true (wm_store_verify_audit (fixture->store, &bad, &error));
  g_assert_no_error (error);
}

/* A file may cover part of a school year, so a stored entry that it does
 * not list is kept. The report counts those in the school years that the
 * file covers, in the plural form for each count. Earlier school years
 * are not counted, because the file has no reason to list them. */
static void
test_import_missing_entry_kept (Fixture       *fixture,
                                gconstpointer  data)
{
  static const char year_csv[] =
    "School,Name,Start,End,Kind\n"
    "2001,Summer 2,01/06/2026,17/07/2026,term\n"
    "2001,Autumn 1,02/09/2026,23/10/2026,term\n"
    "2001,Autumn 2,02/11/2026,18/12/2026,term\n"
    "2001,Spring 1,04/01/2027,12/02/2027,term\n"
    "2001,Summer 1,12/04/2027,21/05/2027,term\n"
    "2001,Training day,13/11/2026,13/11/2026,closure\n";
  static const char part_csv[] =
    "School,Name,Start,End,Kind\n"
    "2001,Autumn 1,02/09/2026,23/10/2026,term\n"
    "2001,Spring 1,04/01/2027,12/02/2027,term\n"
    "2001,Spring 2,22/02/2027,26/03/2027,term\n";
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  import_ok (fixture, year_csv);
  report = import_terms (fixture, part_csv, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->import_id, >, 0);
  g_assert_cmpuint (report->n_terms, ==, 3);
  g_assert_cmpuint (report->n_closures, ==, 0);
  g_assert_cmpuint (report->warnings->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (report->warnings, 0), ==,
                   "terms.csv, line 1: 2 stored terms in the school years "
                   "this file covers are not in it and were kept; if they "
                   "are wrong, remove them in Preferences, School "
                   "Calendar.");
  g_assert_cmpstr (g_ptr_array_index (report->warnings, 1), ==,
                   "terms.csv, line 1: 1 stored closure in the school years "
                   "this file covers is not in it and was kept; if it is "
                   "wrong, remove it in Preferences, School Calendar.");

  text = list_text (fixture, fixture->school_id);
  g_assert_cmpstr (text, ==,
                   "term Summer 2 2026-06-01 2026-07-17; "
                   "term Autumn 1 2026-09-02 2026-10-23; "
                   "term Autumn 2 2026-11-02 2026-12-18; "
                   "closure Training day 2026-11-13 2026-11-13; "
                   "term Spring 1 2027-01-04 2027-02-12; "
                   "term Spring 2 2027-02-22 2027-03-26; "
                   "term Summer 1 2027-04-12 2027-05-21");
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log "
                              "WHERE action IN ('term-change', "
                              "'term-remove')"), ==, 0);
}

/* A row with the same school, kind, name and dates as an earlier row,
 * however it writes them, is read once with a warning. The report counts
 * distinct entries. */
static void
test_import_repeated_row_read_once (Fixture       *fixture,
                                    gconstpointer  data)
{
  static const char repeated_csv[] =
    "School,Name,Start,End,Kind\n"
    "2001,Spring 1,05/01/2026,13/02/2026,term\n"
    "2001,Spring 1,05/01/2026,13/02/2026,term\n"
    "2001,Spring 2,2026-02-23,2026-03-27,\n"
    "9992001,Spring 2,23/02/2026,27/03/2026,term\n";
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  report = import_terms (fixture, repeated_csv, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_terms, ==, 2);
  g_assert_cmpuint (report->n_closures, ==, 0);
  g_assert_cmpuint (report->warnings->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (report->warnings, 0), ==,
                   "terms.csv, line 3: this row repeats line 2 and was read "
                   "once.");
  g_assert_cmpstr (g_ptr_array_index (report->warnings, 1), ==,
                   "terms.csv, line 5: this row repeats line 4 and was read "
                   "once.");

  text = list_text (fixture, fixture->school_id);
  g_assert_cmpstr (text, ==,
                   "term Spring 1 2026-01-05 2026-02-13; "
                   "term Spring 2 2026-02-23 2026-03-27");
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log "
                              "WHERE action = 'term-add'"), ==, 2);
}

/* Asserts that importing @text fails with @message and leaves the
 * calendar, the imports and the audit log as they were. */
static void
assert_import_changes_nothing (Fixture    *fixture,
                               const char *text,
                               const char *message)
{
  g_autofree char *before = list_text (fixture, fixture->school_id);
  g_autofree char *after = NULL;
  gint64 n_audit = query_int (fixture, "SELECT count(*) FROM audit_log");
  gint64 n_imports = query_int (fixture, "SELECT count(*) FROM imports");

  assert_import_refused (fixture, text, message);

  after = list_text (fixture, fixture->school_id);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log"), ==,
                   n_audit);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM imports"), ==,
                   n_imports);
}

/* New dates for a term are checked against the school's other entries.
 * An overlap with another term is rejected with the usual message, and
 * the rows written before it in the same file are undone. */
static void
test_import_overlap_with_another_term (Fixture       *fixture,
                                       gconstpointer  data)
{
  static const char overlap_csv[] =
    "School,Name,Start,End,Kind\n"
    "2001,Autumn 1,02/09/2026,23/10/2026,term\n"
    "2001,Spring 1,04/01/2027,12/02/2027,term\n"
    "2001,Autumn 2,19/10/2026,18/12/2026,term\n";

  import_ok (fixture, autumn_csv);
  assert_import_changes_nothing (fixture, overlap_csv,
                                 "terms.csv, line 4, columns 3 and 4 (Start "
                                 "and End): The first and last days of the "
                                 "term “Autumn 2” (19 October to 18 December "
                                 "2026) overlap the term “Autumn 1” (2 "
                                 "September to 23 October 2026): a day "
                                 "belongs to one term at most, so change the "
                                 "dates of one of them");
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM school_terms"),
                   ==, 2);
}

/* Two corrected terms are checked together, not row by row. The half
 * term moves a week earlier, so the second half starts where the first
 * half used to end, and the later term's row comes first. */
static void
test_import_corrections_in_any_order (Fixture       *fixture,
                                      gconstpointer  data)
{
  static const char moved_csv[] =
    "School,Name,Start,End,Kind\n"
    "2001,Autumn 2,19/10/2026,18/12/2026,term\n"
    "2001,Autumn 1,02/09/2026,09/10/2026,term\n";
  g_autofree char *text = NULL;

  import_ok (fixture, autumn_csv);
  import_ok (fixture, moved_csv);

  text = list_text (fixture, fixture->school_id);
  g_assert_cmpstr (text, ==,
                   "term Autumn 1 2026-09-02 2026-10-09; "
                   "term Autumn 2 2026-10-19 2026-12-18; "
                   "closure Training day 2026-11-13 2026-11-13");
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log "
                              "WHERE action = 'term-change'"), ==, 2);
}

/* New term dates that leave a stored closure outside every term are
 * rejected on the term's line, as the form rejects them, and nothing is
 * kept. Two rows with one name and other dates are two entries, so the
 * second overlaps the first. */
static void
test_import_correction_refused (Fixture       *fixture,
                                gconstpointer  data)
{
  static const char stranding_csv[] =
    "School,Name,Start,End,Kind\n"
    "2001,Autumn 2,16/11/2026,18/12/2026,term\n";
  static const char twice_csv[] =
    "School,Name,Start,End,Kind\n"
    "2001,Autumn 2,03/11/2026,18/12/2026,term\n"
    "2001,Autumn 2,02/11/2026,17/12/2026,term\n";

  import_ok (fixture, autumn_csv);
  assert_import_changes_nothing (fixture, stranding_csv,
                                 "terms.csv, line 2, columns 3 and 4 (Start "
                                 "and End): The term's first or last day "
                                 "would leave the closure “Training day” (13 "
                                 "November 2026) outside every term: change "
                                 "or remove the closure first");
  assert_import_changes_nothing (fixture, twice_csv,
                                 "terms.csv, line 3, columns 3 and 4 (Start "
                                 "and End): The first and last days of the "
                                 "term “Autumn 2” (2 November to 17 December "
                                 "2026) overlap the term “Autumn 2” (3 "
                                 "November to 18 December 2026): a day "
                                 "belongs to one term at most, so change the "
                                 "dates of one of them");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/terms/add-and-list", test_add_and_list);
  ADD ("/terms/refused", test_refused);
  ADD ("/terms/change", test_change);
  ADD ("/terms/remove", test_remove);
  ADD ("/terms/marks-pupils-dirty", test_marks_pupils_dirty);
  ADD ("/terms/import/same-file-again", test_import_same_file_again);
  ADD ("/terms/import/one-new-entry", test_import_one_new_entry);
  ADD ("/terms/import/many-entries", test_import_many_entries);
  ADD ("/terms/import/corrected-dates-replace",
       test_import_corrected_dates_replace);
  ADD ("/terms/import/missing-entry-kept", test_import_missing_entry_kept);
  ADD ("/terms/import/repeated-row-read-once",
       test_import_repeated_row_read_once);
  ADD ("/terms/import/overlap-with-another-term",
       test_import_overlap_with_another_term);
  ADD ("/terms/import/corrections-in-any-order",
       test_import_corrections_in_any_order);
  ADD ("/terms/import/correction-refused", test_import_correction_refused);

#undef ADD

  return g_test_run ();
}
