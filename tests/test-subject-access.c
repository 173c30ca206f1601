/* test-subject-access.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The subject access export: a pupil with marks, contacts, a sibling, a
 * case, a home visit amended once, a deleted note, a healthcare plan and
 * a safeguarding record, exported from a real SQLite file and read back
 * with json-glib. Every item appears exactly once with its exact values,
 * the sibling's own records never appear, withholding leaves marked
 * placeholders, the file is private and the disclosure is audited.
 */

#include <glib/gstdio.h>
#include <string.h>

#include "wm-case.h"
#include "wm-error.h"
#include "wm-store-records.h"
#include "wm-subject-access.h"
#include "wm-test-util.h"

#define OFFICER "A. Officer"
#define UPN "B801200005001"
#define SIBLING_UPN "M820000025001"

typedef struct
{
  WmStore *store;
  gint64   pupil_id;
  gint64   sibling_id;
  gint64   import_id;
  gint64   visit_id;
  gint64   note_id;
  gint64   plan_id;
  gint64   safeguarding_id;
  gint64   sibling_note_id;
} Fixture;

static gint64
add_pupil (WmStore    *store,
           gint64      school_id,
           const char *upn,
           const char *surname,
           const char *forename)
{
  g_auto(WmPupilRecord) record = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  record.upn = g_strdup (upn);
  record.surname = g_strdup (surname);
  record.forename = g_strdup (forename);
  record.dob = wm_test_day ("2015-04-01");
  id = wm_store_upsert_pupil (store, &record, school_id, NULL, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
import_marks (WmStore *store,
              gint64   pupil_id,
              gint64   school_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmRegister) reg = NULL;
  gint64 import_id;

  reg = wm_register_new_from_string (wm_test_day ("2026-03-02"),
                                     "/\\/\\O\\/\\/\\", &error);
  g_assert_no_error (error);
  g_assert_true (wm_store_begin (store, &error));
  import_id = wm_store_begin_import (store, "csv", "marks.csv", NULL, &error);
  g_assert_true (wm_store_merge_marks (store, import_id, pupil_id, school_id,
                                       reg, NULL, NULL, &error));
  g_assert_true (wm_store_finish_import (store, import_id, school_id, 1, 10,
                                         0, NULL, &error));
  g_assert_true (wm_store_commit (store, &error));
  g_assert_no_error (error);
  return import_id;
}

static void
add_contacts (WmStore *store,
              gint64   pupil_id,
              gint64   sibling_id)
{
  g_autoptr(GError) error = NULL;
  WmContactRecord parent = { .order = 1, .surname = "Parentname",
                             .forename = "Pat", .relationship = "Mother",
                             .parental_responsibility = TRUE,
                             .address = "1 Oak Road" };
  WmContactRecord aunt = { .order = 2, .surname = "Auntname",
                           .forename = "Alex", .relationship = "Aunt" };
  WmContactRecord other = { .order = 1, .surname = "Othercarer",
                            .relationship = "Father",
                            .parental_responsibility = TRUE };

  g_assert_true (wm_store_replace_contacts (store, pupil_id, &parent, 1,
                                            &error));
  g_assert_cmpint (wm_store_add_contact (store, pupil_id, &aunt, TRUE,
                                         wm_test_day ("2026-03-04"), &error),
                   >, 0);
  g_assert_true (wm_store_replace_contacts (store, sibling_id, &other, 1,
                                            &error));
  g_assert_no_error (error);
}

static gint64
save_final (WmStore    *store,
            gint64      case_id,
            const char *kind,
            JsonObject *body)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = wm_record_save_draft (store, case_id, 0, kind, body, OFFICER, &error);
  g_assert_no_error (error);
  g_assert_true (wm_record_finalise (store, id, OFFICER, &error));
  g_assert_no_error (error);
  return id;
}

static JsonObject *
visit_body (const char *said)
{
  JsonObject *body = json_object_new ();

  json_object_set_string_member (body, "date", "2026-03-05");
  json_object_set_string_member (body, "visited_by", OFFICER);
  json_object_set_string_member (body, "outcome", "parent-seen");
  json_object_set_string_member (body, "what_was_said", said);
  return body;
}

static JsonObject *
two_members (const char *k1,
             const char *v1,
             const char *k2,
             const char *v2)
{
  JsonObject *body = json_object_new ();

  json_object_set_string_member (body, k1, v1);
  json_object_set_string_member (body, k2, v2);
  return body;
}

static void
add_casework (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) visit = visit_body ("Visit words first");
  g_autoptr(JsonObject) amended = visit_body ("Visit words amended");
  g_autoptr(JsonObject) note = NULL;
  g_autoptr(JsonObject) plan = NULL;
  g_autoptr(JsonObject) concern = NULL;
  g_autoptr(JsonObject) sibling_note = NULL;
  gint64 case_id, sibling_case;

  case_id = wm_case_open (f->store, f->pupil_id, wm_test_day ("2026-03-02"),
                          "Attendance below 90%", OFFICER, OFFICER, &error);
  g_assert_no_error (error);

  f->visit_id = save_final (f->store, case_id, "home-visit", visit);
  g_assert_true (wm_record_amend (f->store, f->visit_id, amended,
                                  "Typing error", OFFICER, &error));
  note = two_members ("date", "2026-03-06", "text", "Deleted note words");
  f->note_id = save_final (f->store, case_id, "note", note);
  g_assert_true (wm_record_delete (f->store, f->note_id, OFFICER, &error));
  plan = two_members ("date", "2026-03-03", "condition", "Health words");
  f->plan_id = save_final (f->store, case_id, "healthcare-plan", plan);
  concern = two_members ("date", "2026-03-05", "concern",
                         "Safeguarding words");
  f->safeguarding_id = save_final (f->store, case_id, "safeguarding",
                                   concern);
  g_assert_true (wm_record_link (f->store, f->visit_id, f->plan_id, "plan",
                                 &error));
  g_assert_no_error (error);

  /* The sibling's own case record must never reach the pupil's export. */
  sibling_case = wm_case_open (f->store, f->sibling_id,
                               wm_test_day ("2026-03-02"), NULL, OFFICER,
                               OFFICER, &error);
  sibling_note = two_members ("date", "2026-03-04", "text",
                              "Sibling private words");
  f->sibling_note_id = save_final (f->store, sibling_case, "note",
                                   sibling_note);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = wm_test_file_path ("sar.db");
  g_autoptr(GError) error = NULL;
  gint64 school_id;

  f->store = wm_store_open (path, &error);
  g_assert_no_error (error);
  school_id = wm_store_ensure_school (f->store, "801", "2000", "100001",
                                      "Oak School", &error);
  f->pupil_id = add_pupil (f->store, school_id, UPN, "Subjectname", "Sam");
  f->sibling_id = add_pupil (f->store, school_id, SIBLING_UPN, "Subjectname",
                             "Robin");
  g_assert_true (wm_store_link_siblings (f->store, f->pupil_id, f->sibling_id,
                                         &error));
  g_assert_no_error (error);
  f->import_id = import_marks (f->store, f->pupil_id, school_id);
  import_marks (f->store, f->sibling_id, school_id);
  add_contacts (f->store, f->pupil_id, f->sibling_id);
  add_casework (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
}

/* Exports and returns the file's text and its parsed root. */
static char *
export (Fixture    *f,
        WmWithhold  withhold,
        JsonNode  **out_root)
{
  g_autofree char *path = wm_test_file_path ("export.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  char *text = NULL;
  GStatBuf info;

  g_assert_true (wm_subject_access_export (f->store, f->pupil_id, withhold,
                                           path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  *out_root = json_node_copy (json_parser_get_root (parser));
  return text;
}

static guint
count_in (const char *text,
          const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL;
       p = strstr (p + 1, needle))
    n++;
  return n;
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  return json_object_get_object_member (object, name);
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  return json_object_get_array_member (object, name);
}

static void
check_people (JsonObject *root)
{
  JsonObject *pupil = member_object (root, "pupil");
  JsonArray *contacts = member_array (root, "contacts");
  JsonArray *siblings = member_array (root, "siblings");
  JsonObject *parent = json_array_get_object_element (contacts, 0);
  JsonObject *aunt = json_array_get_object_element (contacts, 1);
  JsonObject *sibling = json_array_get_object_element (siblings, 0);

  g_assert_cmpstr (json_object_get_string_member (pupil, "upn"), ==, UPN);
  g_assert_cmpstr (json_object_get_string_member (pupil, "surname"), ==,
                   "Subjectname");
  g_assert_cmpstr (json_object_get_string_member (pupil, "dob"), ==,
                   "2015-04-01");
  g_assert_cmpstr (json_object_get_string_member (member_object (root,
                                                                 "school"),
                                                  "estab"), ==, "2000");

  g_assert_cmpuint (json_array_get_length (contacts), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (parent, "surname"), ==,
                   "Parentname");
  g_assert_cmpint (json_object_get_int_member (parent,
                                               "parental_responsibility"),
                   ==, 1);
  g_assert_true (json_object_get_null_member (parent, "details_checked_on"));
  g_assert_cmpint (json_object_get_int_member (aunt,
                                               "parental_responsibility"),
                   ==, 0);
  g_assert_cmpint (json_object_get_int_member (aunt, "alternative"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (aunt,
                                                  "details_checked_on"), ==,
                   "2026-03-04");

  /* A sibling is UPN and name, nothing more. */
  g_assert_cmpuint (json_array_get_length (siblings), ==, 1);
  g_assert_cmpuint (json_object_get_size (sibling), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (sibling, "upn"), ==,
                   SIBLING_UPN);
  g_assert_cmpstr (json_object_get_string_member (sibling, "forename"), ==,
                   "Robin");
}

static void
check_register (Fixture    *f,
                JsonObject *root)
{
  JsonArray *years = member_array (root, "register");
  JsonObject *year = json_array_get_object_element (years, 0);
  JsonArray *imports = member_array (year, "imports");
  JsonObject *run = json_array_get_object_element (imports, 0);
  g_auto(GStrv) codes = g_strsplit (json_object_get_string_member (year,
                                                                   "codes"),
                                    " ", -1);
  const char *week[] = { "/", "\\", "/", "\\", "O", "\\", "/", "\\", "/",
                         "\\" };

  g_assert_cmpuint (json_array_get_length (years), ==, 1);
  g_assert_cmpint (json_object_get_int_member (year, "year"), ==, 2025);
  g_assert_cmpstr (json_object_get_string_member (year, "first_day"), ==,
                   "2025-09-01");

  /* 365 days from 1 September 2025, two sessions each; 2 March 2026 is
   * day 182, so its morning is entry 364. */
  g_assert_cmpuint (g_strv_length (codes), ==, 730);
  for (guint i = 0; i < 730; i++)
    g_assert_cmpstr (codes[i], ==, i >= 364 && i < 374 ? week[i - 364] : ".");

  g_assert_cmpuint (json_array_get_length (imports), ==, 1);
  g_assert_cmpint (json_object_get_int_member (run, "import_id"), ==,
                   f->import_id);
  g_assert_cmpstr (json_object_get_string_member (run, "from"), ==,
                   "2026-03-02");
  g_assert_cmpstr (json_object_get_string_member (run, "from_session"), ==,
                   "AM");
  g_assert_cmpstr (json_object_get_string_member (run, "to"), ==,
                   "2026-03-06");
  g_assert_cmpstr (json_object_get_string_member (run, "to_session"), ==,
                   "PM");

  g_assert_cmpuint (json_array_get_length (member_array (root, "imports")),
                    ==, 1);
  g_assert_cmpint (json_object_get_int_member (
                     json_array_get_object_element (member_array (root,
                                                                  "imports"),
                                                    0), "sessions_set"),
                   ==, 10);
}

static JsonObject *
find_record (JsonObject *root,
             gint64      id)
{
  JsonArray *records = member_array (root, "records");

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);

      if (json_object_has_member (record, "id")
          && json_object_get_int_member (record, "id") == id)
        return record;
    }

  return NULL;
}

static const char *
revision_text (JsonObject *record,
               guint       index,
               const char *field)
{
  JsonArray *revisions = member_array (record, "revisions");
  JsonObject *revision = json_array_get_object_element (revisions, index);

  return json_object_get_string_member (member_object (revision, "values"),
                                        field);
}

static void
check_records (Fixture    *f,
               JsonObject *root)
{
  JsonObject *visit = find_record (root, f->visit_id);
  JsonObject *note = find_record (root, f->note_id);
  JsonObject *plan = find_record (root, f->plan_id);
  JsonObject *concern = find_record (root, f->safeguarding_id);
  JsonObject *second;

  g_assert_cmpuint (json_array_get_length (member_array (root, "records")), ==,
                    4);
  g_assert_cmpuint (json_array_get_length (member_array (visit, "revisions")),
                    ==, 2);
  g_assert_cmpstr (revision_text (visit, 0, "what_was_said"), ==,
                   "Visit words first");
  g_assert_cmpstr (revision_text (visit, 1, "what_was_said"), ==,
                   "Visit words amended");
  second = json_array_get_object_element (member_array (visit, "revisions"),
                                          1);
  g_assert_cmpstr (json_object_get_string_member (second, "reason"), ==,
                   "Typing error");
  g_assert_cmpstr (json_object_get_string_member (visit, "class"), ==,
                   "case-record");

  g_assert_false (json_object_get_null_member (note, "deleted_at"));
  g_assert_cmpstr (json_object_get_string_member (note, "deleted_by"), ==,
                   OFFICER);
  g_assert_cmpstr (revision_text (note, 0, "text"), ==, "Deleted note words");

  g_assert_cmpstr (json_object_get_string_member (plan, "class"), ==,
                   "health");
  g_assert_cmpstr (json_object_get_string_member (concern, "class"), ==,
                   "safeguarding");
  g_assert_cmpuint (json_array_get_length (member_array (root, "links")), ==,
                    1);
  g_assert_cmpuint (json_array_get_length (member_array (root, "cases")), ==,
                    1);
}

static void
test_export_everything_once (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = export (f, WM_WITHHOLD_NONE, &node);
  JsonObject *root = json_node_get_object (node);

  check_people (root);
  check_register (f, root);
  check_records (f, root);

  /* Each value once: the export repeats nothing and drops nothing. */
  g_assert_cmpuint (count_in (text, "Visit words first"), ==, 1);
  g_assert_cmpuint (count_in (text, "Visit words amended"), ==, 1);
  g_assert_cmpuint (count_in (text, "Deleted note words"), ==, 1);
  g_assert_cmpuint (count_in (text, "Health words"), ==, 1);
  g_assert_cmpuint (count_in (text, "Safeguarding words"), ==, 1);
  g_assert_cmpuint (count_in (text, "Parentname"), ==, 1);
  g_assert_cmpuint (count_in (text, SIBLING_UPN), ==, 1);

  /* Nothing of the sibling's own: not their note, their contact or their
   * case record's audit entries. */
  g_assert_cmpuint (count_in (text, "Sibling private words"), ==, 0);
  g_assert_cmpuint (count_in (text, "Othercarer"), ==, 0);
  g_assert_null (find_record (root, f->sibling_note_id));
}

static void
test_export_audit_entries (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = export (f, WM_WITHHOLD_NONE, &node);
  JsonArray *audit = member_array (json_node_get_object (node), "audit");
  guint n_finalise = 0, n_amend = 0, n_delete = 0;

  for (guint i = 0; i < json_array_get_length (audit); i++)
    {
      JsonObject *entry = json_array_get_object_element (audit, i);
      const char *action = json_object_get_string_member (entry, "action");
      const char *kind = json_object_get_string_member (entry,
                                                        "object_kind");

      if (g_strcmp0 (kind, "record") == 0)
        g_assert_cmpint (json_object_get_int_member (entry, "object_id"), !=,
                         f->sibling_note_id);
      n_finalise += g_strcmp0 (action, "record-finalise") == 0;
      n_amend += g_strcmp0 (action, "record-amend") == 0;
      n_delete += g_strcmp0 (action, "record-delete") == 0;
    }

  /* Four records finalised, the visit amended once, the note deleted. */
  g_assert_cmpuint (n_finalise, ==, 4);
  g_assert_cmpuint (n_amend, ==, 1);
  g_assert_cmpuint (n_delete, ==, 1);
}

static char *
last_audit (WmStore *store,
            gint64  *out_object_id)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (store),
                                       "SELECT action || ' ' || object_kind "
                                       "|| ' ' || detail, object_id FROM "
                                       "audit_log ORDER BY id DESC LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  *out_object_id = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  return text;
}

static void
test_export_is_audited (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autofree char *text = export (f, WM_WITHHOLD_NONE, &first);
  g_autofree char *entry = NULL;
  g_autofree char *again = NULL;
  g_autofree char *entry2 = NULL;
  g_autoptr(GError) error = NULL;
  gint64 object_id = 0;

  entry = last_audit (f->store, &object_id);
  g_assert_cmpstr (entry, ==, "export pupil kind=subject-access "
                              "withheld=none");
  g_assert_cmpint (object_id, ==, f->pupil_id);

  again = export (f, WM_WITHHOLD_HEALTH | WM_WITHHOLD_SAFEGUARDING, &second);
  entry2 = last_audit (f->store, &object_id);
  g_assert_cmpstr (entry2, ==, "export pupil kind=subject-access "
                               "withheld=health,safeguarding");

  g_assert_true (wm_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_export_withholds (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  JsonObject *root;
  JsonArray *records, *withheld;
  guint n_health = 0, n_safeguarding = 0;

  text = export (f, WM_WITHHOLD_HEALTH | WM_WITHHOLD_SAFEGUARDING, &node);
  root = json_node_get_object (node);
  records = member_array (root, "records");
  withheld = member_array (root, "withheld");

  g_assert_cmpuint (count_in (text, "Health words"), ==, 0);
  g_assert_cmpuint (count_in (text, "Safeguarding words"), ==, 0);
  g_assert_null (find_record (root, f->plan_id));
  g_assert_null (find_record (root, f->safeguarding_id));
  g_assert_nonnull (find_record (root, f->visit_id));

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);
      const char *klass = json_object_get_string_member_with_default (
        record, "withheld", NULL);

      n_health += g_strcmp0 (klass, "health") == 0;
      n_safeguarding += g_strcmp0 (klass, "safeguarding") == 0;
      if (klass != NULL)
        g_assert_cmpuint (json_object_get_size (record), ==, 2);
    }

  g_assert_cmpuint (n_health, ==, 1);
  g_assert_cmpuint (n_safeguarding, ==, 1);
  g_assert_cmpuint (json_array_get_length (withheld), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (withheld, 0), ==, "health");

  /* The visit-to-plan link and the plan's audit entries would show the
   * withheld plan, so they go too. */
  g_assert_cmpuint (json_array_get_length (member_array (root, "links")), ==,
                    0);
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
test_cli_export_case (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *database = g_strconcat ("--database=",
                                           wm_store_get_path (f->store),
                                           NULL);
  g_autofree char *path = wm_test_file_path ("cli.json");
  g_autofree char *output = g_strconcat ("--output=", path, NULL);
  g_autofree char *out = NULL, *err = NULL, *text = NULL;
  const char *good[] = { database, "--export-case=" UPN, output,
                         "--withhold=safeguarding", NULL };
  const char *bad[] = { database, "--export-case=" UPN, output,
                        "--withhold=siblings", NULL };

  if (g_getenv ("WAYMARK_BINARY") == NULL)
    {
      g_test_skip ("WAYMARK_BINARY is not set: the application was not built");
      return;
    }

  g_assert_cmpint (run_waymark (bad, &out, &err), ==, 1);
  g_assert_cmpstr (err, ==, "waymark: --withhold: \"siblings\" is not a "
                   "class that can be withheld; use health, safeguarding or "
                   "both, separated by a comma\n");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_waymark (good, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpuint (count_in (text, "Health words"), ==, 1);
  g_assert_cmpuint (count_in (text, "Safeguarding words"), ==, 0);
  g_assert_cmpuint (count_in (text, "\"withheld\" : \"safeguarding\""), ==, 1);
}

static void
test_withhold_parse (void)
{
  g_autoptr(GError) error = NULL;
  WmWithhold withhold = WM_WITHHOLD_NONE;

  g_assert_true (wm_withhold_parse ("health, safeguarding", &withhold,
                                    &error));
  g_assert_cmpint (withhold, ==, WM_WITHHOLD_HEALTH | WM_WITHHOLD_SAFEGUARDING);
  g_assert_false (wm_withhold_parse ("health,siblings", &withhold, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "\"siblings\""));
}

static void
test_export_missing_pupil (void)
{
  g_autofree char *path = wm_test_file_path ("empty.db");
  g_autofree char *output = wm_test_file_path ("none.json");
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = wm_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (wm_subject_access_export (store, 42, WM_WITHHOLD_NONE,
                                            output, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/subject-access/everything-once", Fixture, NULL,
              fixture_set_up, test_export_everything_once,
              fixture_tear_down);
  g_test_add ("/subject-access/audit-entries", Fixture, NULL, fixture_set_up,
              test_export_audit_entries, fixture_tear_down);
  g_test_add ("/subject-access/disclosure-audited", Fixture, NULL,
              fixture_set_up, test_export_is_audited, fixture_tear_down);
  g_test_add ("/subject-access/withholds-with-placeholders", Fixture, NULL,
              fixture_set_up, test_export_withholds, fixture_tear_down);
  g_test_add ("/subject-access/command-line", Fixture, NULL, fixture_set_up,
              test_cli_export_case, fixture_tear_down);
  g_test_add_func ("/subject-access/withhold-parse", test_withhold_parse);
  g_test_add_func ("/subject-access/missing-pupil", test_export_missing_pupil);

  return g_test_run ();
}
