/* test-letters.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "wm-bundle.h"
#include "wm-case.h"
#include "wm-ctf.h"
#include "wm-engine.h"
#include "wm-error.h"
#include "wm-import.h"
#include "wm-letters.h"
#include "wm-response.h"
#include "wm-store-records.h"
#include "wm-test-pdf.h"
#include "wm-test-util.h"

/*
 * Letters made from a legal step, frozen in a real store. The law
 * addresses each parent with parental responsibility separately, so a
 * record gives one letter per such parent, with that parent's own name
 * and address. A contact without parental responsibility gets none. A
 * stored letter is evidence: it cannot change, and a change made with
 * another tool is found by the verification.
 */

#define OFFICER "A. Officer"
#define PUPIL_UPN "W999200126002"
#define MOTHER_ADDRESS "12 Tern Road\nMillbrook MB1 2AB"
#define FATHER_ADDRESS "4 Heron Close\nMillbrook MB3 9ZZ"

typedef struct
{
  WmStore *store;
  gint64   pupil_id;
  gint64   case_id;
  gint64   father_id;
} Fixture;

/* Helpers */

static gint64
add_record (Fixture    *fixture,
            const char *kind,
            const char *key,
            ...) G_GNUC_NULL_TERMINATED;

static gint64
add_record (Fixture    *fixture,
            const char *kind,
            const char *key,
            ...)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GError) error = NULL;
  va_list args;
  gint64 id;

  va_start (args, key);
  for (; key != NULL; key = va_arg (args, const char *))
    json_object_set_string_member (body, key, va_arg (args, const char *));
  va_end (args);

  id = wm_record_save_draft (fixture->store, fixture->case_id, 0, kind, body,
                             OFFICER, &error);
  g_assert_no_error (error);
  g_assert_true (wm_record_finalise (fixture->store, id, OFFICER, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
add_parent (Fixture    *fixture,
            const char *forename,
            const char *relationship,
            const char *address,
            gboolean    responsibility)
{
  g_autoptr(GError) error = NULL;
  WmContactRecord contact = {
    .order = 1,
    .surname = (char *) "O'Brien",
    .forename = (char *) forename,
    .relationship = (char *) relationship,
    .parental_responsibility = responsibility,
    .address = (char *) address,
  };
  gint64 id = wm_store_add_contact (fixture->store, fixture->pupil_id,
                                    &contact, FALSE,
                                    wm_test_day ("2026-03-02"), &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* The fixture's pupil, Seán O'Brien, attended 33 of 40 sessions from 2 to
 * 27 March 2026, with 3 sessions of unauthorised absence. */
static void
import_register (Fixture *fixture)
{
  g_autofree char *ctf = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                "cli", "four-weeks.xml",
                                                NULL);
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  wm_ctf_global_init ();
  report = wm_import_file (fixture->store, ctf, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  fixture->pupil_id = wm_store_find_pupil_by_upn (fixture->store, PUPIL_UPN);
  g_assert_cmpint (fixture->pupil_id, >, 0);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = wm_test_file_path ("letters.db");
  g_autoptr(GError) error = NULL;
  const char *father_address = data != NULL ? data : FATHER_ADDRESS;

  fixture->store = wm_store_open (path, &error);
  g_assert_no_error (error);

  import_register (fixture);
  add_parent (fixture, "Siobhan", "Mother", MOTHER_ADDRESS, TRUE);
  fixture->father_id = add_parent (fixture, "Patrick", "Father",
                                   *father_address ? father_address : NULL,
                                   TRUE);
  add_parent (fixture, "Maeve", "Grandmother", "1 Kite Lane", FALSE);

  fixture->case_id = wm_case_open (fixture->store, fixture->pupil_id,
                                   wm_test_day ("2026-03-02"),
                                   "Attendance below 90%", OFFICER, OFFICER,
                                   &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
}

static void
details_init (WmLetterDetails *details)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                "letters", NULL);

  *details = (WmLetterDetails) {
    .officer_name = OFFICER,
    .officer_role = "Attendance officer",
    .officer_phone = "01632 960000",
    .author = OFFICER,
    .templates_dir = g_intern_string (dir),
  };
}

static GArray *
generate (Fixture  *fixture,
          gint64    record_id,
          GError  **error)
{
  WmLetterDetails details;

  details_init (&details);
  return wm_letters_generate (fixture->store, record_id, &details, error);
}

static gint64
warning_letter (Fixture *fixture)
{
  return add_record (fixture, "warning-letter", "date_sent", "2026-03-27",
                     "parent", "Siobhan O'Brien", NULL);
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

static void
exec_sql (Fixture    *fixture,
          const char *sql,
          int         expected_rc)
{
  int rc = sqlite3_exec (wm_store_get_db (fixture->store), sql, NULL, NULL,
                         NULL);

  /* The store turns on extended result codes; compare the primary one. */
  g_assert_cmpint (rc & 0xff, ==, expected_rc);
}

static char *
expected_text (const char *name,
               const char *address)
{
  return g_strdup_printf (
    "Millbrook Primary School\nAddress not set\n\n"
    "%s\n%s\n\n"
    "27 March 2026\n\n"
    "School attendance of Seán O'Brien\n\n"
    "Dear %s,\n\n"
    "I am writing about Seán's attendance at Millbrook Primary School. In "
    "the period 2 to 27 March 2026, Seán attended 82.5%% of school "
    "sessions, and 3 sessions were recorded as unauthorised absence.\n\n"
    "As a parent, you have a legal duty under section 7 of the Education "
    "Act 1996 to make sure that Seán receives a suitable full-time "
    "education. When a child registered at a school does not attend "
    "regularly, the parent may be committing an offence under section 444 "
    "of the same Act.\n\n"
    "We want to help Seán attend every day. If something is making it hard "
    "for Seán to come to school, please call me on 01632 960000 so that we "
    "can talk about the support that is available.\n\n"
    "If Seán's attendance does not improve, the school may ask the local "
    "authority to consider further action. This can include a Notice to "
    "Improve, a penalty notice or prosecution.\n\n"
    "Yours sincerely,\n\n"
    "A. Officer\nAttendance officer", name, address, name);
}

/* Tests */

/* Two parents with parental responsibility and a grandmother without:
 * exactly two letters, each to its own parent at that parent's address,
 * filled with the attendance figures as of the date sent. */
static void
test_one_per_parent (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) letters = NULL;
  g_autofree char *mother = expected_text ("Siobhan O'Brien", MOTHER_ADDRESS);
  g_autofree char *father = expected_text ("Patrick O'Brien", FATHER_ADDRESS);
  gint64 record_id = warning_letter (fixture);
  WmLetterInfo *first, *second;

  ids = generate (fixture, record_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);

  letters = wm_letters_list (fixture->store, record_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (letters->len, ==, 2);
  first = letters->pdata[0];
  second = letters->pdata[1];

  g_assert_cmpint (first->id, ==, g_array_index (ids, gint64, 0));
  g_assert_cmpint (first->record_id, ==, record_id);
  g_assert_cmpstr (first->addressee, ==, "Siobhan O'Brien");
  g_assert_cmpstr (first->template, ==, "warning-letter.txt");
  g_assert_cmpuint (first->day, ==, wm_test_day ("2026-03-27"));
  g_assert_cmpstr (first->created_by, ==, OFFICER);
  g_assert_cmpstr (first->text, ==, mother);

  g_assert_cmpint (second->contact_id, ==, fixture->father_id);
  g_assert_cmpstr (second->addressee, ==, "Patrick O'Brien");
  g_assert_cmpstr (second->text, ==, father);
}

/* The stored PDF is the letter: its hash is the one stored and audited,
 * its text names its own parent, and the verification holds. */
static void
test_pdf_stored_and_verified (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = generate (fixture, warning_letter (fixture),
                                    &error);
  g_autoptr(GPtrArray) letters = NULL;
  guint n_entries = 0;

  g_assert_no_error (error);
  /* Another record of the same pupil has no letters of its own. */
  letters = wm_letters_list (fixture->store, warning_letter (fixture),
                             &error);
  g_assert_no_error (error);
  g_assert_cmpuint (letters->len, ==, 0);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GBytes) pdf = wm_letters_get_pdf (fixture->store,
                                                  g_array_index (ids, gint64,
                                                                 i),
                                                  &error);
      g_autofree char *hash = NULL;
      g_autofree char *sql = NULL;
      gsize size = 0;
      const char *bytes;

      g_assert_no_error (error);
      bytes = g_bytes_get_data (pdf, &size);
      g_assert_cmpuint (size, >, 1000);
      g_assert_cmpmem (bytes, 5, "%PDF-", 5);

      hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
      sql = g_strdup_printf ("SELECT count(*) FROM letters l JOIN audit_log a "
                             "ON a.object_id = l.id WHERE l.id = %"
                             G_GINT64_FORMAT " AND l.sha256 = '%s' "
                             "AND a.action = 'letter-generate' "
                             "AND a.object_kind = 'letter' "
                             "AND a.detail LIKE '%% sha256=%s %%'",
                             g_array_index (ids, gint64, i), hash, hash);
      g_assert_cmpint (query_int (fixture, sql), ==, 1);
    }

  g_assert_true (wm_store_verify (fixture->store, &n_entries, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log "
                              "WHERE action = 'letter-generate'"), ==, 2);
}

static void
test_pdf_text (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *path = wm_test_file_path ("father.pdf");
  g_autofree char *text = NULL;

  if (wm_test_pdf_tools_missing ())
    return;

  ids = generate (fixture, warning_letter (fixture), &error);
  g_assert_no_error (error);
  pdf = wm_letters_get_pdf (fixture->store, g_array_index (ids, gint64, 1),
                            &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL),
                                      g_bytes_get_size (pdf), &error));
  g_assert_no_error (error);

  text = wm_test_pdf_text (path, FALSE);
  g_assert_nonnull (strstr (text, "Dear Patrick O'Brien,"));
  g_assert_nonnull (strstr (text, "4 Heron Close"));
  g_assert_null (strstr (text, "Siobhan"));
  g_assert_null (strstr (text, "Tern Road"));
}

/* A letter as sent cannot be changed or removed through SQL. Editing the
 * PDF after dropping the trigger is found by the verification, which
 * names the letter and its audit entry. */
static void
test_tampered_pdf (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = generate (fixture, warning_letter (fixture),
                                    &error);
  g_autofree char *update = NULL;
  g_autofree char *entry_sql = NULL;
  g_autofree char *expected = NULL;
  gint64 second;

  g_assert_no_error (error);
  second = g_array_index (ids, gint64, 1);
  update = g_strdup_printf ("UPDATE letters "
                            "SET pdf = CAST (pdf || x'0a' AS BLOB) "
                            "WHERE id = %" G_GINT64_FORMAT, second);

  exec_sql (fixture, update, SQLITE_CONSTRAINT);
  exec_sql (fixture, "DELETE FROM letters", SQLITE_CONSTRAINT);
  g_assert_true (wm_store_verify (fixture->store, NULL, &error));
  g_assert_no_error (error);

  exec_sql (fixture, "DROP TRIGGER letters_no_update", SQLITE_OK);
  exec_sql (fixture, update, SQLITE_OK);

  entry_sql = g_strdup_printf ("SELECT id FROM audit_log WHERE action = "
                               "'letter-generate' AND object_id = %"
                               G_GINT64_FORMAT, second);
  expected = g_strdup_printf ("letter %" G_GINT64_FORMAT " does not match "
                              "the hash in audit entry %" G_GINT64_FORMAT
                              ": the database was changed outside Waymark",
                              second, query_int (fixture, entry_sql));
  g_assert_false (wm_store_verify (fixture->store, NULL, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_DATABASE);
  g_assert_cmpstr (error->message, ==, expected);
}

/* The text the bundle prints is checked too, and so is a letter that
 * appeared without an audit entry. */
static void
test_tampered_text_and_added (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = generate (fixture, warning_letter (fixture),
                                    &error);
  gint64 first;
  g_autofree char *expected = NULL;

  g_assert_no_error (error);
  first = g_array_index (ids, gint64, 0);
  exec_sql (fixture, "DROP TRIGGER letters_no_update", SQLITE_OK);
  exec_sql (fixture, "UPDATE letters SET text = replace (text, '82.5', "
            "'92.5')", SQLITE_OK);
  g_assert_false (wm_store_verify (fixture->store, NULL, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_DATABASE);
  g_assert_true (g_str_has_prefix (error->message, "letter "));
  expected = g_strdup_printf ("letter %" G_GINT64_FORMAT " does not match",
                              first);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_clear_error (&error);

  exec_sql (fixture, "UPDATE letters SET text = replace (text, '92.5', "
            "'82.5')", SQLITE_OK);
  g_free (expected);
  expected = g_strdup_printf ("INSERT INTO letters (record_id, contact_id, "
                              "  template, letter_date, addressee, "
                              "  created_at, sha256, text, pdf) "
                              "SELECT record_id, contact_id, template, "
                              "  letter_date, addressee, created_at, sha256, "
                              "  text, pdf FROM letters WHERE id = %"
                              G_GINT64_FORMAT, first);
  exec_sql (fixture, expected, SQLITE_OK);
  g_free (expected);
  expected = g_strdup_printf ("letter %" G_GINT64_FORMAT " has no audit "
                              "entry: the database was changed outside "
                              "Waymark", first + 2);
  g_assert_false (wm_store_verify (fixture->store, NULL, &error));
  g_assert_cmpstr (error->message, ==, expected);
}

/* Each letter is on the pupil's Timeline, named for its parent. */
static void
test_timeline (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = generate (fixture, warning_letter (fixture),
                                    &error);
  g_autoptr(GPtrArray) timeline = NULL;
  const char *kinds[] = { "letter", NULL };
  g_autoptr(GPtrArray) letters_only = NULL;
  guint n_letters = 0;

  g_assert_no_error (error);
  timeline = wm_store_list_timeline (fixture->store, fixture->pupil_id,
                                     &error);
  g_assert_no_error (error);
  for (guint i = 0; i < timeline->len; i++)
    n_letters += strcmp (((WmTimelineEntry *) timeline->pdata[i])->kind,
                         "letter") == 0;
  g_assert_cmpuint (n_letters, ==, 2);

  letters_only = wm_store_list_timeline_filtered (fixture->store,
                                                  fixture->pupil_id, kinds,
                                                  WM_RECORD_LIST_DEFAULT,
                                                  &error);
  g_assert_no_error (error);
  g_assert_cmpuint (letters_only->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      WmTimelineEntry *entry = letters_only->pdata[i];

      g_assert_cmpuint (entry->day, ==, wm_test_day ("2026-03-27"));
      g_assert_cmpint (entry->object_id, ==, g_array_index (ids, gint64,
                                                            1 - i));
    }
  /* Same day and moment: the newer id first. */
  g_assert_cmpstr (((WmTimelineEntry *) letters_only->pdata[0])->title, ==,
                   "Warning letter to Patrick O'Brien");
  g_assert_cmpstr (((WmTimelineEntry *) letters_only->pdata[1])->title, ==,
                   "Warning letter to Siobhan O'Brien");
}

/* A parent with no address: the error names the parent and the field,
 * and nothing is stored, not even the other parent's letter. */
static void
test_missing_address (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = generate (fixture, warning_letter (fixture),
                                    &error);

  g_assert_null (ids);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "Letter to Patrick O'Brien: warning-letter.txt: no value "
                   "for merge field {parent.address}, which the addressee "
                   "needs. Fill it in before making the letter.");
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM letters"), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log "
                              "WHERE action = 'letter-generate'"), ==, 0);
}

/* A record's letters are made once, only from a finalised record of a
 * kind that has a letter. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  gint64 record_id = warning_letter (fixture);
  gint64 draft_id, note_id;

  ids = generate (fixture, record_id, &error);
  g_assert_no_error (error);
  g_clear_pointer (&ids, g_array_unref);
  ids = generate (fixture, record_id, &error);
  g_assert_null (ids);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  json_object_set_string_member (body, "date_sent", "2026-03-27");
  draft_id = wm_record_save_draft (fixture->store, fixture->case_id, 0,
                                   "warning-letter", body, OFFICER, &error);
  g_assert_no_error (error);
  ids = generate (fixture, draft_id, &error);
  g_assert_null (ids);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  note_id = add_record (fixture, "note", "date", "2026-03-27", "text",
                        "Called the school", NULL);
  ids = generate (fixture, note_id, &error);
  g_assert_null (ids);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM letters"), ==, 2);
}

/* Every letter of @record_id is made; returns the first one's text. */
static char *
first_text (Fixture               *fixture,
            gint64                 record_id,
            const WmLetterDetails *details)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = wm_letters_generate (fixture->store, record_id,
                                               details, &error);
  g_autoptr(GPtrArray) letters = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  letters = wm_letters_list (fixture->store, record_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (letters->len, ==, 2);
  return g_strdup (((WmLetterInfo *) letters->pdata[0])->text);
}

static void
assert_refused (Fixture    *fixture,
                gint64      record_id,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = generate (fixture, record_id, &error);

  g_assert_null (ids);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM letters"), ==, 0);
}

static gint64
notice (Fixture    *fixture,
        const char *target)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  gint64 id;

  json_object_set_string_member (body, "issue_date", "2026-03-27");
  json_object_set_int_member (body, "improvement_weeks", 4);
  if (target != NULL)
    json_object_set_string_member (body, "target", target);
  json_object_set_string_member (body, "support_given", "A parent meeting.");
  json_object_set_string_member (body, "support_offered", "Early help.");
  id = wm_record_save_draft (fixture->store, fixture->case_id, 0,
                             "notice-to-improve", body, OFFICER, &error);
  g_assert_no_error (error);
  g_assert_true (wm_record_finalise (fixture->store, id, OFFICER, &error));
  g_assert_no_error (error);
  return id;
}

/* A Notice to Improve prints every value from its record: the target
 * and support as recorded, the period from the day it was issued
 * counted in school weeks (the default basis, printed so that the parent
 * sees how it is counted), and its end and review as the Escalation page
 * computes them. Issued on Friday 27 March 2026, week 1 is the week of
 * 23 March; the Easter holiday of 30 March to 10 April is not counted,
 * so weeks 2 to 4 start on 13, 20 and 27 April, and the period ends on
 * the Thursday of week 5, 7 May, with the review on Friday 8 May. The
 * officer's values fill nothing the record holds. */
static void
test_notice_to_improve (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *text = NULL;
  WmLetterDetails details;

  details_init (&details);
  details.values = values;
  g_hash_table_insert (values, "notice.start", "1 January 2026");
  g_hash_table_insert (values, "notice.target", "come sometimes");
  text = first_text (fixture, notice (fixture, "attend every session"),
                     &details);

  g_assert_nonnull (strstr (text, "\n\nNotice to Improve: attendance of "
                            "Seán O'Brien\n\n"));
  g_assert_nonnull (strstr (text, "The improvement period is 4 school weeks, "
                            "from 27 March 2026 to 7 May 2026. During this "
                            "period Seán must attend every session. We will "
                            "review Seán's attendance on 8 May 2026."));
  g_assert_nonnull (strstr (text, "Support already offered: A parent "
                            "meeting.\n\nFurther support available: Early "
                            "help.\n\n"));
}

/* A notice without its target is refused before any letter is made,
 * naming the record's field to complete. */
static void
test_notice_without_target (Fixture       *fixture,
                            gconstpointer  data)
{
  assert_refused (fixture, notice (fixture, NULL),
                  "The Notice to Improve of 27 March 2026 has no Target, "
                  "which the letter prints as {notice.target}. Amend the "
                  "record to add it, then make the letters.");
}

/* A meeting invitation takes the date, time and place from the meeting
 * record. */
static void
test_meeting_invitation (Fixture       *fixture,
                         gconstpointer  data)
{
  WmLetterDetails details;
  g_autofree char *text = NULL;
  gint64 id = add_record (fixture, "meeting", "meeting_type",
                          "parent-meeting", "date", "2026-04-01", "time",
                          "16:15", "place", "Millbrook Primary School, "
                          "Room 4", NULL);

  details_init (&details);
  text = first_text (fixture, id, &details);
  g_assert_nonnull (strstr (text, "The meeting will be on 1 April 2026 at "
                            "16:15 at Millbrook Primary School, Room 4. "
                            "Seán is welcome to come too."));
  g_assert_nonnull (strstr (text, "please call me on 01632 960000"));
}

/* Without the place the invitation is refused, naming the field of the
 * meeting record that is empty; nothing is stored. */
static void
test_meeting_needs_place (Fixture       *fixture,
                          gconstpointer  data)
{
  gint64 id = add_record (fixture, "meeting", "meeting_type",
                          "parent-meeting", "date", "2026-04-01", "time",
                          "16:15", NULL);

  assert_refused (fixture, id,
                  "The Meeting of 1 April 2026 has no Place, which the "
                  "letter prints as {meeting.place}. Amend the record to "
                  "add it, then make the letters.");
}

static gint64
home_visit (Fixture    *fixture,
            const char *outcome,
            const char *time)
{
  return add_record (fixture, "home-visit", "date", "2026-03-04",
                     "visited_by", OFFICER, "outcome", outcome,
                     time != NULL ? "time" : NULL, time, NULL);
}

/* A home visit nobody answered makes a calling card to each parent,
 * dated by the visit and giving both telephone numbers, on the Timeline
 * as a calling card. */
static void
test_calling_card (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  const char *kinds[] = { "letter", NULL };
  g_autofree char *text = NULL;
  WmLetterDetails details;
  gint64 id = home_visit (fixture, "no-answer", "10:05");

  details_init (&details);
  details.school_phone = "01632 960111";
  text = first_text (fixture, id, &details);
  g_assert_nonnull (strstr (text, "\n\n4 March 2026\n\nSorry we missed "
                            "you\n\nDear Siobhan O'Brien,\n\nI called at "
                            "your home on 4 March 2026 at 10:05 to talk with "
                            "you about Seán and school.\n\nPlease call me "
                            "on 01632 960000, or contact Millbrook Primary "
                            "School on 01632 960111, as soon as you can."));
  /* Anyone at the door may read it: no attendance figures. */
  g_assert_null (strstr (text, "82.5"));

  timeline = wm_store_list_timeline_filtered (fixture->store,
                                              fixture->pupil_id, kinds,
                                              WM_RECORD_LIST_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, 2);
  g_assert_cmpstr (((WmTimelineEntry *) timeline->pdata[1])->title, ==,
                   "Calling card to Siobhan O'Brien");
}

/* A card says nobody answered, so a visit where a parent was seen makes
 * none; a card left is the other outcome that makes one. */
static void
test_calling_card_outcomes (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmRecord) seen = wm_record_get (fixture->store,
                                            home_visit (fixture,
                                                        "parent-seen",
                                                        "10:05"), &error);
  g_autoptr(WmRecord) left = wm_record_get (fixture->store,
                                            home_visit (fixture, "card-left",
                                                        "10:05"), &error);
  g_autofree char *message = NULL;

  g_assert_no_error (error);
  g_assert_null (wm_letters_template_for_record (seen));
  g_assert_cmpstr (wm_letters_template_for_record (left), ==,
                   "home-visit-card.txt");
  message = g_strdup_printf ("Record %" G_GINT64_FORMAT " is a Home visit, "
                             "which has no letter. Letters are made from "
                             "warning letters, Notices to Improve and "
                             "meetings, and calling cards from home visits "
                             "with no answer", seen->id);
  assert_refused (fixture, seen->id, message);
}

/* No letter is made with an empty merge field: a visit without its time
 * names the record's field, and without the school's number the card
 * names where to enter it. */
static void
test_calling_card_missing_values (Fixture       *fixture,
                                  gconstpointer  data)
{
  assert_refused (fixture, home_visit (fixture, "no-answer", NULL),
                  "The Home visit of 4 March 2026 has no Time, which the "
                  "letter prints as {visit.time}. Amend the record to add "
                  "it, then make the letters.");
  assert_refused (fixture, home_visit (fixture, "no-answer", "10:05"),
                  "Millbrook Primary School has no telephone, which the "
                  "letter prints as {school.phone}. Enter the school's "
                  "telephone in Preferences, Schools, then make the "
                  "letters.");
}

static void
set_school_details (Fixture               *fixture,
                    const WmSchoolDetails *details)
{
  g_autoptr(GError) error = NULL;
  gint64 school = wm_store_find_school (fixture->store, "999", "2001");

  g_assert_cmpint (school, >, 0);
  g_assert_true (wm_store_set_school_details (fixture->store, school,
                                              details, &error));
  g_assert_no_error (error);
}

/* The school's details entered in the preferences print in the
 * letterhead and the signature, in place of the officer's: the officer
 * no longer types the telephone for each calling card. */
static void
test_school_details (Fixture       *fixture,
                     gconstpointer  data)
{
  WmSchoolDetails school = {
    .address = "Mill Lane\nMillbrook MB1 1AA",
    .phone = "01632 960222",
    .signatory_name = "Ann Head",
    .signatory_role = "Headteacher",
  };
  WmLetterDetails details;
  g_autofree char *letter = NULL;
  g_autofree char *card = NULL;
  gint64 visit = home_visit (fixture, "no-answer", "10:05");

  set_school_details (fixture, &school);
  details_init (&details);
  details.school_address = "Passed by the caller";
  letter = first_text (fixture, warning_letter (fixture), &details);
  g_assert_true (g_str_has_prefix (letter, "Millbrook Primary School\n"
                                   "Mill Lane\nMillbrook MB1 1AA\n\n"
                                   "Siobhan O'Brien\n"));
  g_assert_true (g_str_has_suffix (letter, "Yours sincerely,\n\n"
                                   "Ann Head\nHeadteacher"));
  g_assert_null (strstr (letter, OFFICER));

  card = first_text (fixture, visit, &details);
  g_assert_nonnull (strstr (card, "contact Millbrook Primary School on "
                            "01632 960222, as soon as you can."));
}

/* A school with a telephone but no signatory keeps the officer's
 * signature. */
static void
test_school_without_signatory (Fixture       *fixture,
                               gconstpointer  data)
{
  WmSchoolDetails phone_only = { .phone = "01632 960222" };
  WmLetterDetails details;
  g_autofree char *card = NULL;

  set_school_details (fixture, &phone_only);
  details_init (&details);
  card = first_text (fixture, home_visit (fixture, "no-answer", "10:05"),
                     &details);
  g_assert_true (g_str_has_suffix (card, "Yours sincerely,\n\n"
                                   "A. Officer\nAttendance officer"));
}

/* Letters from a school whose signatory has no role are rejected, naming
 * where to enter it, rather than signed under the officer's role. */
static void
test_school_signatory_without_role (Fixture       *fixture,
                                    gconstpointer  data)
{
  WmSchoolDetails no_role = { .signatory_name = "Ann Head" };

  set_school_details (fixture, &no_role);
  assert_refused (fixture, warning_letter (fixture),
                  "The letters of Millbrook Primary School have no "
                  "signatory's name and role. Enter the school's signatory "
                  "in Preferences, Schools, then make the letters.");
}

/* The bundle's exhibit for the warning letter prints each letter's text
 * as sent. */
static void
test_bundle_exhibit (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *path = wm_test_file_path ("bundle.pdf");
  g_autofree char *text = NULL;
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *flat = NULL;
  WmBundleOptions options;

  if (wm_test_pdf_tools_missing ())
    return;

  ids = generate (fixture, warning_letter (fixture), &error);
  g_assert_no_error (error);
  wm_bundle_options_init (&options, wm_test_day ("2026-03-27"));
  g_assert_true (wm_bundle_export (fixture->store, fixture->pupil_id,
                                   &options, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  text = wm_test_pdf_text (path, FALSE);
  flat = g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);
  g_assert_nonnull (strstr (flat, "Letter to Siobhan O'Brien, 27 March "
                            "2026, as sent"));
  g_assert_nonnull (strstr (flat, "Letter to Patrick O'Brien, 27 March "
                            "2026, as sent"));
  g_assert_nonnull (strstr (flat, "Dear Patrick O'Brien,"));
  g_assert_nonnull (strstr (flat, "In the period 2 to 27 March 2026, Seán "
                            "attended 82.5% of school sessions, and 3 "
                            "sessions were recorded as unauthorised "
                            "absence."));
}

/* The "warning-letter" items of the Notice to Improve step, as the
 * Escalation page, --evaluate and the bundle's Legal steps page read
 * them, each as "satisfied|record id|sentence". */
static char *
warning_items (Fixture *fixture)
{
  g_autoptr(WmEngine) engine = wm_engine_new (fixture->store,
                                              wm_test_day ("2026-03-30"));
  g_autoptr(WmResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) items = g_string_new (NULL);
  GPtrArray *step_items;

  response = wm_engine_respond_pupil (engine, fixture->pupil_id, &error);
  g_assert_no_error (error);
  step_items = response->steps[WM_STEP_NOTICE_TO_IMPROVE].items;
  for (guint i = 0; i < step_items->len; i++)
    {
      const WmEvidenceItem *item = step_items->pdata[i];

      if (g_strcmp0 (item->key, "warning-letter") == 0)
        g_string_append_printf (items, "%s%d|%" G_GINT64_FORMAT "|%s",
                                items->len > 0 ? "\n" : "", item->satisfied,
                                item->record_id, item->sentence);
    }

  return g_string_free (g_steal_pointer (&items), FALSE);
}

/* A warning letter counts as sent to a parent once a letter addressed to
 * that parent was made from a final warning-letter record. The bundle
 * shows that letter "as sent", so its Legal steps page must not call it
 * missing. The record's "Sent to" names one parent, or no contact at all
 * ("Both parents"), and the letters still went to each parent. */
static void
check_letters_count_as_sent (Fixture    *fixture,
                             const char *sent_to,
                             gboolean    named_mother)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *expected_before = NULL;
  gint64 record_id = add_record (fixture, "warning-letter", "date_sent",
                                 "2026-03-27", "parent", sent_to, NULL);

  before = warning_items (fixture);
  ids = generate (fixture, record_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  after = warning_items (fixture);

  expected = g_strdup_printf (
    "1|%" G_GINT64_FORMAT "|Warning letter sent to Siobhan O'Brien on "
    "27 March 2026\n"
    "1|%" G_GINT64_FORMAT "|Warning letter sent to Patrick O'Brien on "
    "27 March 2026", record_id, record_id);
  g_assert_cmpstr (after, ==, expected);

  /* Before the letters, only the parent the record names has one. */
  if (named_mother)
    expected_before = g_strdup_printf (
      "1|%" G_GINT64_FORMAT "|Warning letter sent to Siobhan O'Brien on "
      "27 March 2026\n"
      "0|0|Send the warning letter to Patrick O'Brien", record_id);
  else
    expected_before = g_strdup (
      "0|0|Send the warning letter to Siobhan O'Brien\n"
      "0|0|Send the warning letter to Patrick O'Brien");
  g_assert_cmpstr (before, ==, expected_before);
}

static void
test_sent_to_each_parent (Fixture       *fixture,
                          gconstpointer  data)
{
  check_letters_count_as_sent (fixture, "Siobhan O'Brien", TRUE);
}

static void
test_sent_to_both_parents (Fixture       *fixture,
                           gconstpointer  data)
{
  check_letters_count_as_sent (fixture, "Both parents", FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/letters/one-per-parent", test_one_per_parent, NULL);
  ADD ("/letters/pdf/stored-and-verified", test_pdf_stored_and_verified,
       NULL);
  ADD ("/letters/pdf/names-its-parent", test_pdf_text, NULL);
  ADD ("/letters/verify/edited-pdf", test_tampered_pdf, NULL);
  ADD ("/letters/verify/edited-text-and-added",
       test_tampered_text_and_added, NULL);
  ADD ("/letters/timeline", test_timeline, NULL);
  ADD ("/letters/missing-address-stores-nothing", test_missing_address, "");
  ADD ("/letters/refused", test_refused, NULL);
  ADD ("/letters/notice-to-improve/values-from-record",
       test_notice_to_improve, NULL);
  ADD ("/letters/notice-to-improve/without-target", test_notice_without_target,
       NULL);
  ADD ("/letters/meeting-invitation/values-from-record",
       test_meeting_invitation, NULL);
  ADD ("/letters/meeting-invitation/without-place", test_meeting_needs_place,
       NULL);
  ADD ("/letters/calling-card/one-per-parent", test_calling_card, NULL);
  ADD ("/letters/calling-card/only-when-nobody-answered",
       test_calling_card_outcomes, NULL);
  ADD ("/letters/calling-card/missing-values-refused",
       test_calling_card_missing_values, NULL);
  ADD ("/letters/school/details-printed", test_school_details, NULL);
  ADD ("/letters/school/officer-signs-without-signatory",
       test_school_without_signatory, NULL);
  ADD ("/letters/school/signatory-without-role-refused",
       test_school_signatory_without_role, NULL);
  ADD ("/letters/bundle-exhibit", test_bundle_exhibit, NULL);
  ADD ("/letters/readiness/sent-to-each-parent", test_sent_to_each_parent,
       NULL);
  ADD ("/letters/readiness/sent-to-both-parents", test_sent_to_both_parents,
       NULL);

#undef ADD

  return g_test_run ();
}
