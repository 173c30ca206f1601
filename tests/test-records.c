/* test-records.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "wm-case.h"
#include "wm-error.h"
#include "wm-record.h"
#include "wm-store-private.h"
#include "wm-store-records.h"
#include "wm-upn.h"

/*
 * The case record: kinds and validation, cases, drafts, finalising,
 * amendments, reversible deletion, links, search, the Timeline, people,
 * locking, verification and the migration from schema version 1. Every
 * test uses a real SQLite file in its own temporary folder
 * (G_TEST_OPTION_ISOLATE_DIRS).
 */

#define OFFICER "A. Officer"

/* Helpers */

static char *
test_path (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), "waymark", name, NULL);
}

static WmStore *
open_store (void)
{
  g_autofree char *path = test_path ("records.db");
  g_autoptr(GError) error = NULL;
  WmStore *store = wm_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
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

/* Runs SQL on a connection of its own, as another program would. */
static void
exec_elsewhere (WmStore    *store,
                const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (wm_store_get_path (store), &db), ==,
                   SQLITE_OK);
  sqlite3_exec (db, sql, NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  sqlite3_close (db);
}

static gint64
add_pupil (WmStore    *store,
           guint       serial,
           const char *estab)
{
  g_auto(WmPupilRecord) record = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 school_id, id;

  school_id = wm_store_ensure_school (store, "801", estab, NULL, NULL, &error);
  g_assert_no_error (error);

  record.upn = g_strdup_printf ("?801200026%03u", serial);
  record.upn[0] = wm_upn_check_letter (record.upn);
  record.surname = g_strdup ("Able");
  record.forename = g_strdup_printf ("Pupil %u", serial);
  id = wm_store_upsert_pupil (store, &record, school_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
open_case (WmStore    *store,
           gint64      pupil_id,
           const char *opened_on)
{
  g_autoptr(GError) error = NULL;
  gint64 id = wm_case_open (store, pupil_id, wm_day_from_iso (opened_on),
                            "Attendance below 90%", OFFICER, OFFICER, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A JSON object of string members: key, value, ..., NULL. */
static JsonObject *
make_body (const char *key,
           ...)
{
  JsonObject *body = json_object_new ();
  va_list args;

  va_start (args, key);
  for (; key != NULL; key = va_arg (args, const char *))
    json_object_set_string_member (body, key, va_arg (args, const char *));
  va_end (args);
  return body;
}

static gint64
save_draft (WmStore    *store,
            gint64      case_id,
            const char *kind,
            JsonObject *body)
{
  g_autoptr(GError) error = NULL;
  gint64 id = wm_record_save_draft (store, case_id, 0, kind, body, OFFICER,
                                    &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Saves and finalises a record whose values are valid. */
static gint64
add_record (WmStore    *store,
            gint64      case_id,
            const char *kind,
            JsonObject *body)
{
  g_autoptr(GError) error = NULL;
  gint64 id = save_draft (store, case_id, kind, body);

  g_assert_true (wm_record_finalise (store, id, OFFICER, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
add_note (WmStore    *store,
          gint64      case_id,
          const char *date,
          const char *text)
{
  g_autoptr(JsonObject) body = make_body ("date", date, "text", text, NULL);

  return add_record (store, case_id, "note", body);
}

static char *
body_text (JsonObject *body)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), body);

  return json_to_string (node, FALSE);
}

static void
assert_invalid (const char *kind,
                JsonObject *body,
                const char *expected_message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (wm_record_validate (wm_record_kind_lookup (kind), body,
                                      &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, expected_message);
}

static guint
count_timeline_kind (GPtrArray  *timeline,
                     const char *kind)
{
  guint n = 0;

  for (guint i = 0; i < timeline->len; i++)
    if (g_strcmp0 (((WmTimelineEntry *) timeline->pdata[i])->kind, kind) == 0)
      n++;
  return n;
}

/* Kinds and validation */

static void
test_kinds_table (void)
{
  guint n = 0;
  const WmRecordKind * const *kinds = wm_record_kinds (&n);
  g_autoptr(GHashTable) views = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (n, ==, 16);
  for (guint i = 0; i < n; i++)
    {
      const WmRecordKind *kind = kinds[i];
      const WmFieldSpec *date = wm_record_kind_find_field (kind,
                                                           kind->date_field);

      /* Every kind has a date field to place it on the Timeline, and a
       * view of its own. */
      g_assert_nonnull (date);
      g_assert_cmpint (date->type, ==, WM_FIELD_DATE);
      g_assert_true (date->required);
      g_assert_true (g_hash_table_add (views, (gpointer) kinds[i]->view));
      g_assert_true (wm_record_kind_lookup (kinds[i]->name) == kinds[i]);
    }

  g_assert_null (kinds[n]);
  g_assert_null (wm_record_kind_lookup ("visit"));
  g_assert_cmpint (wm_record_kind_lookup ("healthcare-plan")->flags, ==,
                   WM_RECORD_FLAG_HEALTH);
  g_assert_cmpint (wm_record_kind_lookup ("safeguarding")->flags, ==,
                   WM_RECORD_FLAG_RESTRICTED);
  g_assert_cmpint (wm_record_kind_lookup ("note")->flags, ==,
                   WM_RECORD_FLAG_NONE);
}

static JsonObject *
valid_visit (void)
{
  return make_body ("date", "2026-03-05", "time", "16:30",
                    "visited_by", OFFICER, "outcome", "card-left", NULL);
}

static void
test_validate_not_a_date (void)
{
  g_autoptr(JsonObject) body = valid_visit ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  json_object_set_string_member (body, "next_visit_date", "31/02/2026");
  before = body_text (body);
  assert_invalid ("home-visit", body,
                  "Next visit date: 31/02/2026 is not a date; write it as "
                  "DD/MM/YYYY, a day that exists");

  /* The values are kept exactly as typed. */
  after = body_text (body);
  g_assert_cmpstr (after, ==, before);
}

static void
test_validate_fields (void)
{
  g_autoptr(JsonObject) visit = valid_visit ();
  g_autoptr(JsonObject) notice = NULL;
  g_autoptr(JsonObject) leave = NULL;
  g_autoptr(JsonObject) concern = NULL;
  g_autoptr(JsonObject) action = NULL;
  g_autoptr(JsonArray) actions = json_array_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_record_validate (wm_record_kind_lookup ("home-visit"),
                                     visit, &error));
  g_assert_no_error (error);

  json_object_set_string_member (visit, "visited_by", "  ");
  assert_invalid ("home-visit", visit, "Visited by: this field is required");
  json_object_set_string_member (visit, "visited_by", OFFICER);

  json_object_set_string_member (visit, "outcome", "maybe");
  assert_invalid ("home-visit", visit, "Outcome: \"maybe\" is not one of the "
                  "choices; choose one of: Child seen, Parent seen, No "
                  "answer, Card left, Entry refused");
  json_object_set_string_member (visit, "outcome", "no-answer");

  json_object_set_string_member (visit, "time", "25:10");
  assert_invalid ("home-visit", visit, "Time: 25:10 is not a time of day; "
                  "write it as HH:MM, from 00:00 to 23:59");
  json_object_set_string_member (visit, "time", "9:05");

  json_object_set_string_member (visit, "announced", "yes");
  assert_invalid ("home-visit", visit, "Announced: expected yes or no");
  json_object_set_boolean_member (visit, "announced", TRUE);

  json_object_set_string_member (visit, "next_visit_date", "04/03/2026");
  assert_invalid ("home-visit", visit, "Next visit date: 04/03/2026 is "
                  "before the Date (2026-03-05)");
  json_object_set_string_member (visit, "next_visit_date", "12/03/2026");

  action = make_body ("owner", "Parent", "due_date", "2026-02-30", NULL);
  json_array_add_object_element (actions, json_object_ref (action));
  json_object_set_array_member (visit, "agreed_actions",
                                json_array_ref (actions));
  assert_invalid ("home-visit", visit, "Agreed actions, item 1, Action: this "
                  "field is required");
  json_object_set_string_member (action, "action", "Walk to school");
  assert_invalid ("home-visit", visit, "Agreed actions, item 1, Due date: "
                  "2026-02-30 is not a date; write it as DD/MM/YYYY, a day "
                  "that exists");
  json_object_set_string_member (action, "due_date", "2026-03-30");

  json_object_set_string_member (visit, "mood", "calm");
  assert_invalid ("home-visit", visit, "mood is not a field of home visit "
                  "records; this is a bug in the form, please report it");
  json_object_remove_member (visit, "mood");
  g_assert_true (wm_record_validate (wm_record_kind_lookup ("home-visit"),
                                     visit, &error));
  g_assert_no_error (error);

  /* A Notice to Improve's improvement period is 3 to 6 weeks. */
  notice = make_body ("issue_date", "2026-02-09", NULL);
  json_object_set_int_member (notice, "improvement_weeks", 8);
  assert_invalid ("notice-to-improve", notice, "Improvement period (weeks): "
                  "8 is not between 3 and 6");

  leave = make_body ("first_date", "2026-06-15", "last_date", "2026-06-12",
                     "decision", "refused", NULL);
  assert_invalid ("leave-request", leave, "Last day of leave: 2026-06-12 is "
                  "before the First day of leave (2026-06-15)");

  /* A referral to children's services is timed: date and time together. */
  concern = make_body ("date", "2026-03-05", "concern", "Bruise",
                       "referral_date", "2026-03-05", NULL);
  assert_invalid ("safeguarding", concern, "Referral to children's services: "
                  "time: give it as well as the Referral to children's "
                  "services: date");
}

static void
test_validate_normalize (void)
{
  g_autoptr(JsonObject) typed = make_body ("date", "5/3/2026", "time", "9:05",
                                           "visited_by", " Ann ",
                                           "outcome", "child-seen",
                                           "next_visit_date", "31/02/2026",
                                           NULL);
  g_autoptr(JsonObject) stored = NULL;
  const WmRecordKind *kind = wm_record_kind_lookup ("home-visit");

  stored = wm_record_normalize (kind, typed);
  g_assert_cmpstr (json_object_get_string_member (stored, "date"), ==,
                   "2026-03-05");
  g_assert_cmpstr (json_object_get_string_member (stored, "time"), ==,
                   "09:05");
  /* Text is never trimmed; an invalid date stays as typed. */
  g_assert_cmpstr (json_object_get_string_member (stored, "visited_by"), ==,
                   " Ann ");
  g_assert_cmpstr (json_object_get_string_member (stored, "next_visit_date"),
                   ==, "31/02/2026");
  g_assert_cmpstr (json_object_get_string_member (typed, "date"), ==,
                   "5/3/2026");
  g_assert_cmpuint (wm_record_body_day (kind, typed), ==,
                    wm_day_from_ymd (2026, 3, 5));
}

/* Cases */

static void
test_case_lifecycle (void)
{
  g_autoptr(WmStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(WmCase) c = NULL;
  gint64 pupil = add_pupil (store, 1, "2000");
  gint64 case_id = open_case (store, pupil, "2026-01-05");
  WmCaseEvent *event;

  g_assert_true (wm_case_allocate (store, case_id, wm_day_from_ymd (2026, 2, 2),
                                   "B. Officer", OFFICER, &error));
  g_assert_no_error (error);

  /* A close needs a reason, and cannot come before the opening. */
  g_assert_false (wm_case_close (store, case_id, wm_day_from_ymd (2026, 3, 1),
                                 "", OFFICER, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (wm_case_close (store, case_id, wm_day_from_ymd (2025, 12, 1),
                                 "Improved", OFFICER, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_true (wm_case_close (store, case_id, wm_day_from_ymd (2026, 3, 20),
                                "Attendance above 95% for 6 weeks", OFFICER,
                                &error));
  g_assert_no_error (error);
  g_assert_cmpint (wm_case_find_open (store, pupil, &error), ==, 0);
  g_assert_true (wm_case_reopen (store, case_id, wm_day_from_ymd (2026, 4, 20),
                                 "Absent again", OFFICER, &error));
  g_assert_no_error (error);

  c = wm_case_get (store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (c->opened_on, ==, wm_day_from_ymd (2026, 1, 5));
  g_assert_cmpstr (c->lead_officer, ==, "B. Officer");
  g_assert_cmpuint (c->closed_on, ==, WM_DAY_NONE);
  g_assert_null (c->close_reason);

  history = wm_case_list_history (store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 4);
  event = history->pdata[0];
  g_assert_cmpstr (event->event, ==, "open");
  g_assert_cmpstr (event->officer, ==, OFFICER);
  event = history->pdata[1];
  g_assert_cmpstr (event->event, ==, "allocate");
  g_assert_cmpstr (event->officer, ==, "B. Officer");
  g_assert_cmpuint (event->day, ==, wm_day_from_ymd (2026, 2, 2));
  event = history->pdata[2];
  g_assert_cmpstr (event->event, ==, "close");
  g_assert_cmpstr (event->reason, ==, "Attendance above 95% for 6 weeks");
  g_assert_cmpuint (event->day, ==, wm_day_from_ymd (2026, 3, 20));
  event = history->pdata[3];
  g_assert_cmpstr (event->event, ==, "reopen");

  /* Each change is audited with ids only: no officer's name. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM audit_log WHERE "
                              "action IN ('case-open', 'case-allocate', "
                              "'case-close', 'case-reopen') "
                              "AND object_kind = 'case' AND object_id = 1"),
                   ==, 4);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM audit_log WHERE "
                              "detail LIKE '%Officer%'"), ==, 0);
}

static void
test_case_one_open_per_pupil (void)
{
  g_autoptr(WmStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  gint64 pupil = add_pupil (store, 1, "2000");
  gint64 first = open_case (store, pupil, "2026-01-05");

  g_assert_cmpint (wm_case_open (store, pupil, wm_day_from_ymd (2026, 2, 1),
                                 NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "Pupil 1 already has an open case "
                   "(case 1); add the records to it, or close it first");
  g_clear_error (&error);

  g_assert_cmpint (wm_case_open (store, 99, wm_day_from_ymd (2026, 2, 1),
                                 NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, WM_ERROR, WM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (wm_case_find_open (store, pupil, &error), ==, first);
}

/* Drafts, finalising, amendments */

static void
test_draft_saves_in_place (void)
{
  g_autoptr(WmStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = make_body ("date", "05/03/2026", NULL);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(WmStore) reopened = NULL;
  gint64 pupil = add_pupil (store, 1, "2000");
  gint64 case_id = open_case (store, pupil, "2026-01-05");
  gint64 id = save_draft (store, case_id, "note", body);
  WmRecord *draft;

  /* Each pause in typing saves the same draft again. */
  json_object_set_string_member (body, "text", "Phoned; no a");
  g_assert_cmpint (wm_record_save_draft (store, case_id, id, "note", body,
                                         OFFICER, &error), ==, id);
  json_object_set_string_member (body, "text", "Phoned; no answer");
  g_assert_cmpint (wm_record_save_draft (store, case_id, id, "note", body,
                                         OFFICER, &error), ==, id);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM record_revisions"),
                   ==, 1);

  /* A draft is not on the Timeline, in search or in the audit log. */
  timeline = wm_store_list_timeline (store, pupil, &error);
  g_assert_cmpuint (count_timeline_kind (timeline, "note"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM record_search"),
                   ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM audit_log "
                              "WHERE object_kind = 'record'"), ==, 0);

  /* It is in the database, so a new connection (after a crash) finds it. */
  g_clear_object (&store);
  reopened = open_store ();
  drafts = wm_record_list_drafts (reopened, case_id, WM_RECORD_LIST_DEFAULT,
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 1);
  draft = drafts->pdata[0];
  g_assert_cmpint (draft->id, ==, id);
  g_assert_cmpint (draft->status, ==, WM_RECORD_DRAFT);
  g_assert_cmpuint (draft->day, ==, wm_day_from_ymd (2026, 3, 5));
  g_assert_cmpstr (json_object_get_string_member (draft->body, "text"), ==,
                   "Phoned; no answer");
  g_assert_cmpstr (json_object_get_string_member (draft->body, "date"), ==,
                   "05/03/2026");
}

static void
test_finalise_invalid_keeps_draft (void)
{
  g_autoptr(WmStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = valid_visit ();
  g_autoptr(WmRecord) record = NULL;
  gint64 case_id = open_case (store, add_pupil (store, 1, "2000"),
                              "2026-01-05");
  gint64 id;

  json_object_set_string_member (body, "next_visit_date", "31/02/2026");
  json_object_set_string_member (body, "date", "5/3/2026");
  id = save_draft (store, case_id, "home-visit", body);

  g_assert_false (wm_record_finalise (store, id, OFFICER, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "Next visit date: "
                                   "31/02/2026 is not a date"));
  g_clear_error (&error);

  record = wm_record_get (store, id, &error);
  g_assert_cmpint (record->status, ==, WM_RECORD_DRAFT);
  g_assert_cmpstr (json_object_get_string_member (record->body,
                                                  "next_visit_date"), ==,
                   "31/02/2026");
  g_clear_pointer (&record, wm_record_free);

  json_object_set_string_member (body, "next_visit_date", "12/03/2026");
  g_assert_cmpint (wm_record_save_draft (store, case_id, id, "home-visit",
                                         body, OFFICER, &error), ==, id);
  g_assert_true (wm_record_finalise (store, id, OFFICER, &error));
  g_assert_no_error (error);

  /* Finalised values are stored as ISO dates; a final record is no
   * longer a draft to overwrite. */
  record = wm_record_get (store, id, &error);
  g_assert_cmpint (record->status, ==, WM_RECORD_FINAL);
  g_assert_nonnull (record->finalised_at);
  g_assert_cmpstr (json_object_get_string_member (record->body, "date"), ==,
                   "2026-03-05");
  g_assert_cmpstr (json_object_get_string_member (record->body,
                                                  "next_visit_date"), ==,
                   "2026-03-12");
  g_assert_cmpint (wm_record_save_draft (store, case_id, id, "home-visit",
                                         body, OFFICER, &error), ==, 0);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "Record 1 is finalised; amend it with "
                   "a reason instead");
}

static void
test_amend_keeps_revisions (void)
{
  g_autoptr(WmStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(WmRecord) record = NULL;
  gint64 pupil = add_pupil (store, 1, "2000");
  gint64 case_id = open_case (store, pupil, "2026-01-05");
  gint64 id = add_note (store, case_id, "2026-03-05", "Mother phoned");
  WmRecordRevision *revision;

  body = make_body ("date", "2026-03-06", "text", "Father phoned", NULL);
  g_assert_false (wm_record_amend (store, id, body, " ", OFFICER, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "Reason for the amendment: this field "
                   "is required");
  g_clear_error (&error);

  g_assert_true (wm_record_amend (store, id, body, "Wrong parent and day",
                                  "B. Officer", &error));
  g_assert_no_error (error);

  revisions = wm_record_list_revisions (store, id, &error);
  g_assert_cmpuint (revisions->len, ==, 2);
  revision = revisions->pdata[0];
  g_assert_cmpuint (revision->revision, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (revision->body, "text"), ==,
                   "Mother phoned");
  g_assert_null (revision->reason);
  g_assert_cmpstr (revision->created_by, ==, OFFICER);
  revision = revisions->pdata[1];
  g_assert_cmpuint (revision->revision, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (revision->body, "text"), ==,
                   "Father phoned");
  g_assert_cmpstr (revision->reason, ==, "Wrong parent and day");
  g_assert_cmpstr (revision->created_by, ==, "B. Officer");

  record = wm_record_get (store, id, &error);
  g_assert_cmpuint (record->revision, ==, 2);
  g_assert_cmpuint (record->day, ==, wm_day_from_ymd (2026, 3, 6));
  g_assert_cmpstr (record->created_by, ==, OFFICER);

  /* The note, then the opening of its case. */
  timeline = wm_store_list_timeline (store, pupil, &error);
  g_assert_cmpuint (timeline->len, ==, 2);
  g_assert_true (((WmTimelineEntry *) timeline->pdata[0])->amended);
  g_assert_cmpstr (((WmTimelineEntry *) timeline->pdata[0])->detail, ==,
                   "Father phoned");

  /* Search follows the current revision only. */
  hits = wm_store_search_records (store, "mother", FALSE, &error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = wm_store_search_records (store, "father", FALSE, &error);
  g_assert_cmpuint (hits->len, ==, 1);

  /* The database itself refuses to change a finalised revision. */
  g_assert_cmpint (sqlite3_exec (wm_store_get_db (store),
                                 "UPDATE record_revisions SET body = '{}'",
                                 NULL, NULL, NULL), ==,
                   SQLITE_CONSTRAINT_TRIGGER);
}

/* Deleting and undoing */

typedef struct
{
  char  *record;
  char  *revisions;
  char  *links;
} RecordDump;

static void
record_dump_clear (RecordDump *dump)
{
  g_clear_pointer (&dump->record, g_free);
  g_clear_pointer (&dump->revisions, g_free);
  g_clear_pointer (&dump->links, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RecordDump, record_dump_clear)

/* Every column of the record, its revisions and its links, as text. */
static void
dump_record (WmStore    *store,
             gint64      id,
             RecordDump *dump)
{
  g_autofree char *record_sql = g_strdup_printf (
    "SELECT quote (id) || quote (case_id) || quote (pupil_id) || "
    "quote (kind) || quote (status) || quote (record_date) || "
    "quote (created_at) || quote (created_by) || quote (finalised_at) || "
    "quote (deleted_at) || quote (deleted_by) FROM records WHERE id = %"
    G_GINT64_FORMAT, id);
  g_autofree char *revisions_sql = g_strdup_printf (
    "SELECT group_concat (quote (revision) || quote (body) || quote (reason) "
    "|| quote (created_at) || quote (created_by), '|') FROM "
    "(SELECT * FROM record_revisions WHERE record_id = %" G_GINT64_FORMAT
    " ORDER BY revision)", id);
  g_autofree char *links_sql = g_strdup_printf (
    "SELECT group_concat (from_id || '>' || to_id || ':' || kind || '@' || "
    "created_at, '|') FROM (SELECT * FROM record_links WHERE from_id = %"
    G_GINT64_FORMAT " OR to_id = %" G_GINT64_FORMAT " ORDER BY from_id, "
    "to_id)", id, id);

  dump->record = query_text (store, record_sql);
  dump->revisions = query_text (store, revisions_sql);
  dump->links = query_text (store, links_sql);
}

/* A note linked to the pupil's plan is deleted, then the deletion is
 * undone: the same note comes back once, with the same text, date,
 * author, creation time and links. */
static void
test_undo_delete_restores_whole (void)
{
  g_autoptr(WmStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) plan_body = make_body ("start_date", "2026-02-23",
                                               "target", "95% attendance",
                                               "status", "active", NULL);
  g_auto(RecordDump) before = { 0 };
  g_auto(RecordDump) after = { 0 };
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  gint64 pupil = add_pupil (store, 1, "2000");
  gint64 case_id = open_case (store, pupil, "2026-01-05");
  gint64 plan = add_record (store, case_id, "attendance-plan", plan_body);
  gint64 note = add_note (store, case_id, "2026-03-05",
                          "Home visit, no answer, card left");

  g_assert_true (wm_record_link (store, note, plan, "plan", &error));
  g_assert_no_error (error);
  dump_record (store, note, &before);
  g_assert_nonnull (strstr (before.links, ":plan@"));

  g_assert_true (wm_record_delete (store, note, "B. Officer", &error));
  g_assert_no_error (error);
  timeline = wm_store_list_timeline (store, pupil, &error);
  g_assert_cmpuint (count_timeline_kind (timeline, "note"), ==, 0);
  links = wm_record_list_links (store, plan, &error);
  g_assert_cmpuint (links->len, ==, 0);
  hits = wm_store_search_records (store, "card left", FALSE, &error);
  g_assert_cmpuint (hits->len, ==, 0);
  listed = wm_record_list_for_case (store, case_id, WM_RECORD_LIST_DEFAULT,
                                    &error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_false (wm_record_delete (store, note, OFFICER, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_true (wm_record_restore (store, note, OFFICER, &error));
  g_assert_no_error (error);
  dump_record (store, note, &after);
  g_assert_cmpstr (after.record, ==, before.record);
  g_assert_cmpstr (after.revisions, ==, before.revisions);
  g_assert_cmpstr (after.links, ==, before.links);

  g_clear_pointer (&timeline, g_ptr_array_unref);
  timeline = wm_store_list_timeline (store, pupil, &error);
  g_assert_cmpuint (count_timeline_kind (timeline, "note"), ==, 1);
  g_clear_pointer (&links, g_ptr_array_unref);
  links = wm_record_list_links (store, plan, &error);
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpint (((WmRecordLink *) links->pdata[0])->from_id, ==, note);
  g_assert_cmpstr (((WmRecordLink *) links->pdata[0])->kind, ==, "plan");
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = wm_store_search_records (store, "card left", FALSE, &error);
  g_assert_cmpuint (hits->len, ==, 1);

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM audit_log WHERE "
                              "action IN ('record-delete', 'record-restore')"),
                   ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM audit_log WHERE "
                              "detail LIKE '%card%'"), ==, 0);
}

static void
test_long_text_round_trip (void)
{
  g_autoptr(WmStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(WmRecord) record = NULL;
  gint64 case_id = open_case (store, add_pupil (store, 1, "2000"),
                              "2026-01-05");
  gint64 id;

  /* 100,000 characters, with accents, quotes, tabs and line breaks. */
  while (g_utf8_strlen (text->str, -1) < 100000)
    g_string_append (text, "Zoë said \"no\";\tO’Brien\n");
  g_string_truncate (text, g_utf8_offset_to_pointer (text->str, 100000)
                           - text->str);
  g_assert_cmpint (g_utf8_strlen (text->str, -1), ==, 100000);

  id = add_note (store, case_id, "2026-03-05", text->str);
  record = wm_record_get (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (record->body, "text"), ==,
                   text->str);
}

/* A date typed is a calendar date and comes back the same in any time
 * zone; the moment of recording is UTC. */
static void
test_dates_in_other_time_zones (void)
{
  static const char * const zones[] = { "America/New_York", "Europe/London" };

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autoptr(WmStore) store = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) body = make_body ("contact_kind", "phone-call",
                                              "date", "29/03/2026",
                                              "time", "00:30", NULL);
      g_autoptr(WmRecord) record = NULL;
      g_autofree char *path = test_path ("records.db");
      gint64 case_id, id;

      g_setenv ("TZ", zones[i], TRUE);
      tzset ();
      store = open_store ();
      case_id = wm_case_find_open (store, 1, &error);
      if (case_id == 0)
        case_id = open_case (store, add_pupil (store, 1, "2000"),
                             "2026-03-29");

      id = add_record (store, case_id, "contact", body);
      record = wm_record_get (store, id, &error);
      g_assert_cmpuint (record->day, ==, wm_day_from_ymd (2026, 3, 29));
      g_assert_cmpstr (json_object_get_string_member (record->body, "date"),
                       ==, "2026-03-29");
      g_assert_cmpstr (json_object_get_string_member (record->body, "time"),
                       ==, "00:30");
      g_assert_true (g_str_has_suffix (record->created_at, "Z"));
      g_assert_true (g_str_has_suffix (record->finalised_at, "Z"));

      /* The record written under the first zone reads back the same. */
      g_clear_pointer (&record, wm_record_free);
      record = wm_record_get (store, 1, &error);
      g_assert_cmpstr (json_object_get_string_member (record->body, "date"),
                       ==, "2026-03-29");
      g_assert_cmpuint (record->day, ==, wm_day_from_ymd (2026, 3, 29));
    }

  g_setenv ("TZ", "Europe/London", TRUE);
  tzset ();
}

/* Search */

static void
test_search_across_pupils (void)
{
  g_autoptr(WmStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(JsonObject) concern = make_body ("date", "2026-03-05",
                                             "concern", "Zoë had a bruise",
                                             NULL);
  gint64 first = add_pupil (store, 1, "2000");
  gint64 second = add_pupil (store, 2, "2001");
  gint64 case_a = open_case (store, first, "2026-01-05");
  gint64 case_b = open_case (store, second, "2026-01-05");
  g_autoptr(JsonObject) draft_body = make_body ("date", "2026-03-10",
                                                "text", "Zoë draft", NULL);
  gint64 note_a, note_b, draft;
  WmSearchHit *hit;

  note_a = add_note (store, case_a, "2026-03-02", "Spoke to Zoë's aunt");
  note_b = add_note (store, case_b, "2026-03-09", "Mrs O'Test called back");
  add_record (store, case_b, "safeguarding", concern);
  draft = save_draft (store, case_a, "note", draft_body);

  /* Accents are folded; restricted records and drafts are left out. */
  hits = wm_store_search_records (store, "zoe", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = hits->pdata[0];
  g_assert_cmpint (hit->record_id, ==, note_a);
  g_assert_cmpint (hit->pupil_id, ==, first);
  g_assert_cmpstr (hit->kind->name, ==, "note");
  g_assert_cmpuint (hit->day, ==, wm_day_from_ymd (2026, 3, 2));
  g_assert_nonnull (strstr (hit->snippet, "Zoë"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = wm_store_search_records (store, "zoe", TRUE, &error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Apostrophes, straight or curly, and FTS syntax typed by the officer. */
  hits = wm_store_search_records (store, "O'Test", FALSE, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((WmSearchHit *) hits->pdata[0])->record_id, ==, note_b);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = wm_store_search_records (store, "o’test CALL", FALSE, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = wm_store_search_records (store, "\"aunt OR (", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = wm_store_search_records (store, "  ", FALSE, &error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_assert_cmpint (draft, >, 0);
}

/* The Timeline */

static void
test_timeline_kinds_and_restricted (void)
{
  g_autoptr(WmStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GPtrArray) restricted = NULL;
  g_autoptr(JsonObject) visit = valid_visit ();
  g_autoptr(JsonObject) concern = make_body ("date", "2026-03-07",
                                             "concern", "Bruise", NULL);
  const char * const only_visits[] = { "home-visit", NULL };
  gint64 pupil = add_pupil (store, 1, "2000");
  gint64 case_id = open_case (store, pupil, "2026-01-05");
  WmTimelineEntry *entry;

  add_note (store, case_id, "2026-03-02", "First\nsecond line");
  add_record (store, case_id, "home-visit", visit);
  add_record (store, case_id, "safeguarding", concern);

  /* The visit, the note and the opening of the case, newest first. */
  all = wm_store_list_timeline (store, pupil, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  entry = all->pdata[0];
  g_assert_cmpstr (entry->kind, ==, "home-visit");
  g_assert_cmpstr (entry->title, ==, "Home visit: Card left");
  g_assert_cmpuint (entry->day, ==, wm_day_from_ymd (2026, 3, 5));
  g_assert_false (entry->amended);
  entry = all->pdata[1];
  g_assert_cmpstr (entry->title, ==, "Note");
  g_assert_cmpstr (entry->detail, ==, "First");

  visits = wm_store_list_timeline_filtered (store, pupil, only_visits,
                                            WM_RECORD_LIST_DEFAULT, &error);
  g_assert_cmpuint (visits->len, ==, 1);
  restricted = wm_store_list_timeline_filtered (
    store, pupil, NULL, WM_RECORD_LIST_INCLUDE_RESTRICTED, &error);
  g_assert_cmpuint (restricted->len, ==, 4);
  g_assert_cmpstr (((WmTimelineEntry *) restricted->pdata[0])->kind, ==,
                   "safeguarding");
}

/* A finalised home visit with a safeguarding concern opens a restricted
 * safeguarding record linked to it, once. */
static void
test_safeguarding_opened_by_visit (void)
{
  g_autoptr(WmStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) visit = valid_visit ();
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) links = NULL;
  gint64 case_id = open_case (store, add_pupil (store, 1, "2000"),
                              "2026-01-05");
  WmRecord *opened;
  gint64 id;

  json_object_set_boolean_member (visit, "safeguarding_concern", TRUE);
  json_object_set_string_member (visit, "concerns", "Child seemed afraid");
  id = add_record (store, case_id, "home-visit", visit);

  drafts = wm_record_list_drafts (store, case_id, WM_RECORD_LIST_DEFAULT,
                                  &error);
  g_assert_cmpuint (drafts->len, ==, 0);
  g_clear_pointer (&drafts, g_ptr_array_unref);
  drafts = wm_record_list_drafts (store, case_id,
                                  WM_RECORD_LIST_INCLUDE_RESTRICTED, &error);
  g_assert_cmpuint (drafts->len, ==, 1);
  opened = drafts->pdata[0];
  g_assert_cmpstr (opened->kind->name, ==, "safeguarding");
  g_assert_cmpstr (json_object_get_string_member (opened->body, "concern"),
                   ==, "Child seemed afraid");
  g_assert_cmpuint (opened->day, ==, wm_day_from_ymd (2026, 3, 5));

  links = wm_record_list_links (store, id, &error);
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpint (((WmRecordLink *) links->pdata[0])->from_id, ==,
                   opened->id);
  g_assert_cmpstr (((WmRecordLink *) links->pdata[0])->kind, ==, "opened-by");

  g_assert_true (wm_record_amend (store, id, visit, "Added the time", OFFICER,
                                  &error));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM records "
                              "WHERE kind = 'safeguarding'"), ==, 1);
}

/* Siblings share parents, not records: changing or deleting one
 * sibling's records never touches the other's. */
static char *
dump_pupil (WmStore *store,
            gint64   pupil_id)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT (SELECT group_concat (c.id || c.opened_on || ifnull (c.closed_on,"
    "  '-'), '|') FROM cases c WHERE c.pupil_id = %1$" G_GINT64_FORMAT ") "
    "|| '#' || (SELECT group_concat (r.id || r.status || r.record_date || "
    "  ifnull (r.deleted_at, '-') || v.revision || v.body, '|') "
    "  FROM records r JOIN record_revisions v ON v.record_id = r.id "
    "  WHERE r.pupil_id = %1$" G_GINT64_FORMAT ")", pupil_id);

  return query_text (store, sql);
}

static void
test_siblings_isolated (void)
{
  g_autoptr(WmStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) siblings = NULL;
  g_autoptr(GPtrArray) timeline_before = NULL;
  g_autoptr(GPtrArray) timeline_after = NULL;
  g_autoptr(JsonObject) penalty = make_body ("parent", "Mr Able",
                                             "issue_date", "2026-02-11",
                                             "service_method", "post",
                                             "received_date", "2026-02-13",
                                             "status", "unpaid",
                                             "absence_first_date",
                                             "2026-01-05",
                                             "absence_last_date",
                                             "2026-01-30", NULL);
  g_autoptr(JsonObject) meeting = make_body ("meeting_type",
                                             "attendance-plan-review",
                                             "date", "2026-03-10", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 a = add_pupil (store, 1, "2000");
  gint64 b = add_pupil (store, 2, "3000");
  gint64 case_a = open_case (store, a, "2026-01-05");
  gint64 case_b = open_case (store, b, "2026-01-05");
  gint64 review;

  g_assert_true (wm_store_link_siblings (store, a, b, &error));
  g_assert_no_error (error);
  siblings = wm_store_list_siblings (store, b, &error);
  g_assert_cmpuint (siblings->len, ==, 1);
  g_assert_cmpint (g_array_index (siblings, gint64, 0), ==, a);

  add_record (store, case_b, "penalty-notice", penalty);
  add_record (store, case_b, "meeting", meeting);
  review = add_record (store, case_a, "meeting", meeting);
  before = dump_pupil (store, b);
  timeline_before = wm_store_list_timeline (store, b, &error);

  g_assert_true (wm_case_set_opened (store, case_a,
                                     wm_day_from_ymd (2025, 12, 1), NULL,
                                     OFFICER, &error));
  g_assert_no_error (error);
  g_assert_true (wm_record_delete (store, review, OFFICER, &error));

  after = dump_pupil (store, b);
  g_assert_cmpstr (after, ==, before);
  timeline_after = wm_store_list_timeline (store, b, &error);
  g_assert_cmpuint (timeline_after->len, ==, timeline_before->len);
  /* Two records and the opening of the case. */
  g_assert_cmpuint (timeline_after->len, ==, 3);

  /* The database refuses a record filed under a sibling's case. */
  g_assert_cmpint (sqlite3_exec (wm_store_get_db (store),
                                 "UPDATE records SET pupil_id = 2 "
                                 "WHERE id = 3", NULL, NULL, NULL), ==,
                   SQLITE_CONSTRAINT_TRIGGER);
}

static void
test_people_contacts (void)
{
  g_autoptr(WmStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  WmContactRecord imported = { .order = 1, .surname = (char *) "Able",
                               .forename = (char *) "Anna",
                               .parental_responsibility = TRUE };
  WmContactRecord aunt = { .surname = (char *) "Baker",
                           .forename = (char *) "Beth",
                           .relationship = (char *) "Aunt" };
  WmContactDetails *details;
  gint64 pupil = add_pupil (store, 1, "2000");
  gint64 first = 0;

  g_assert_true (wm_store_replace_contacts (store, pupil, &imported, 1,
                                            &error));
  for (guint i = 0; i < WM_MAX_ALTERNATIVE_CONTACTS; i++)
    {
      gint64 id = wm_store_add_contact (store, pupil, &aunt, TRUE,
                                        wm_day_from_ymd (2026, 3, 2), &error);

      g_assert_no_error (error);
      first = first != 0 ? first : id;
    }

  /* A fourth alternative contact is refused. */
  g_assert_cmpint (wm_store_add_contact (store, pupil, &aunt, TRUE,
                                         WM_DAY_NONE, &error), ==, 0);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (wm_store_set_contact_alternative (store, first, FALSE,
                                                   &error));
  g_assert_true (wm_store_set_contact_checked (store, first,
                                               wm_day_from_ymd (2026, 3, 9),
                                               &error));

  /* A new import replaces the imported contacts and keeps the officer's. */
  g_assert_true (wm_store_replace_contacts (store, pupil, &imported, 1,
                                            &error));
  contacts = wm_store_list_contact_details (store, pupil, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 4);
  details = contacts->pdata[0];
  g_assert_true (details->imported);
  g_assert_cmpstr (details->contact.forename, ==, "Anna");
  details = contacts->pdata[1];
  g_assert_false (details->imported);
  g_assert_false (details->alternative);
  g_assert_cmpint (details->contact.order, ==, 2);
  g_assert_cmpstr (details->contact.relationship, ==, "Aunt");
  g_assert_cmpuint (details->details_checked_on, ==,
                    wm_day_from_ymd (2026, 3, 9));
  g_assert_true (((WmContactDetails *) contacts->pdata[3])->alternative);
}

/* Locking: another program holds the write lock while a note is saved */

typedef struct
{
  char     *path;
  gulong    hold_us;
  GMutex    mutex;
  GCond     cond;
  gboolean  locked;
} LockHolder;

static gpointer
hold_lock (gpointer data)
{
  LockHolder *holder = data;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (holder->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  g_mutex_lock (&holder->mutex);
  holder->locked = TRUE;
  g_cond_signal (&holder->cond);
  g_mutex_unlock (&holder->mutex);

  g_usleep (holder->hold_us);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
  return NULL;
}

static void
test_busy_waits_then_saves (void)
{
  g_autoptr(WmStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = make_body ("date", "2026-03-05",
                                          "text", "Saved while locked", NULL);
  gint64 case_id = open_case (store, add_pupil (store, 1, "2000"),
                              "2026-01-05");
  LockHolder holder = { .hold_us = 3 * G_USEC_PER_SEC };
  GThread *thread;
  gint64 started, id;

  holder.path = g_strdup (wm_store_get_path (store));
  g_mutex_init (&holder.mutex);
  g_cond_init (&holder.cond);
  thread = g_thread_new ("lock-holder", hold_lock, &holder);
  g_mutex_lock (&holder.mutex);
  while (!holder.locked)
    g_cond_wait (&holder.cond, &holder.mutex);
  g_mutex_unlock (&holder.mutex);

  /* The store's busy timeout (10 s) outlasts the 3 s lock. */
  started = g_get_monotonic_time ();
  id = wm_record_save_draft (store, case_id, 0, "note", body, OFFICER,
                             &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (g_get_monotonic_time () - started, >=,
                   2 * G_USEC_PER_SEC);
  g_assert_true (wm_record_finalise (store, id, OFFICER, &error));
  g_assert_no_error (error);

  g_thread_join (thread);
  g_mutex_clear (&holder.mutex);
  g_cond_clear (&holder.cond);
  g_free (holder.path);
}

static void
test_busy_times_out_keeps_text (void)
{
  g_autoptr(WmStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = make_body ("date", "2026-03-05",
                                          "text", "Kept by the caller", NULL);
  gint64 case_id = open_case (store, add_pupil (store, 1, "2000"),
                              "2026-01-05");
  sqlite3 *other = NULL;
  gint64 id;

  /* Shortened from the store's 10 s so the test does not wait long. */
  sqlite3_busy_timeout (wm_store_get_db (store), 300);
  g_assert_cmpint (sqlite3_open (wm_store_get_path (store), &other), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  g_assert_cmpint (wm_record_save_draft (store, case_id, 0, "note", body,
                                         OFFICER, &error), ==, 0);
  g_assert_error (error, WM_ERROR, WM_ERROR_BUSY);
  g_assert_true (g_str_has_prefix (error->message, "The database is in use by "
                                   "another program; try again"));
  g_clear_error (&error);
  g_assert_cmpstr (json_object_get_string_member (body, "text"), ==,
                   "Kept by the caller");

  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (other);
  id = wm_record_save_draft (store, case_id, 0, "note", body, OFFICER, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM records"), ==, 1);
  g_assert_cmpint (id, ==, 1);
}

/* Verification */

static WmStore *
store_with_history (void)
{
  WmStore *store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = make_body ("date", "2026-03-06",
                                          "text", "Amended", NULL);
  gint64 case_id = open_case (store, add_pupil (store, 1, "2000"),
                              "2026-01-05");
  gint64 note = add_note (store, case_id, "2026-03-05", "Card left");

  g_assert_true (wm_record_amend (store, note, body, "Date", OFFICER,
                                  &error));
  g_assert_no_error (error);
  add_note (store, case_id, "2026-03-09", "Called");
  return store;
}

static void
assert_verify_fails (WmStore    *store,
                     const char *expected)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (wm_store_verify (store, NULL, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_DATABASE);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_verify_honest (void)
{
  g_autoptr(WmStore) store = store_with_history ();
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (wm_store_verify (store, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, query_int (store, "SELECT count(*) FROM "
                                      "audit_log"));
  /* Case opened, note finalised, amended, second note finalised. */
  g_assert_cmpuint (n, ==, 4);
}

static void
test_verify_edited_revision (void)
{
  g_autoptr(WmStore) store = store_with_history ();

  /* The triggers refuse the edit, so a tamperer drops them first. */
  exec_elsewhere (store, "DROP TRIGGER revisions_append_only_update;"
                         "UPDATE record_revisions SET body = "
                         "json_set (body, '$.text', 'Child seen') "
                         "WHERE record_id = 1 AND revision = 1");
  assert_verify_fails (store, "record 1 revision 1 does not match the hash "
                       "in audit entry 2: the database was changed outside "
                       "Waymark");
}

static void
test_verify_added_revision (void)
{
  g_autoptr(WmStore) store = store_with_history ();

  exec_elsewhere (store, "INSERT INTO record_revisions (record_id, revision, "
                         "body, reason, created_at) VALUES (2, 2, "
                         "'{\"date\":\"2026-03-09\",\"text\":\"x\"}', 'x', "
                         "'2026-03-10T10:00:00Z')");
  assert_verify_fails (store, "record 2 revision 2 has no audit entry: the "
                       "database was changed outside Waymark");
}

static void
test_verify_hidden_record (void)
{
  g_autoptr(WmStore) store = store_with_history ();

  exec_elsewhere (store, "UPDATE records SET deleted_at = "
                         "'2026-03-10T10:00:00Z' WHERE id = 2");
  assert_verify_fails (store, "record 2 is deleted, but its audit entries do "
                       "not show it deleted: the database was changed "
                       "outside Waymark");
}

static void
test_verify_edited_audit (void)
{
  g_autoptr(WmStore) store = store_with_history ();

  exec_elsewhere (store, "UPDATE audit_log SET detail = 'pupil=2' "
                         "WHERE id = 1");
  assert_verify_fails (store, "audit entry 1 does not match its hash: the "
                       "database was changed outside Waymark");
}

/* A valid value for every field of a spec: the same date for every date
 * field (so no date precedes another), the first choice, the smallest
 * integer, and one item in every list. */
static JsonObject *
sample_body (const WmFieldSpec *fields,
             const char        *text)
{
  JsonObject *body = json_object_new ();

  for (const WmFieldSpec *field = fields; field->name != NULL; field++)
    {
      g_autofree char *value = g_strdup_printf ("%s: %s", text, field->label);

      switch (field->type)
        {
        case WM_FIELD_DATE:
          json_object_set_string_member (body, field->name, "2026-03-05");
          break;
        case WM_FIELD_TIME:
          json_object_set_string_member (body, field->name, "10:30");
          break;
        case WM_FIELD_TEXT:
        case WM_FIELD_LONG_TEXT:
          json_object_set_string_member (body, field->name, value);
          break;
        case WM_FIELD_BOOL:
          json_object_set_boolean_member (body, field->name, FALSE);
          break;
        case WM_FIELD_CHOICE:
          json_object_set_string_member (body, field->name,
                                         field->choices[0].value);
          break;
        case WM_FIELD_INTEGER:
          json_object_set_int_member (body, field->name, field->min);
          break;
        case WM_FIELD_LIST:
          {
            JsonArray *items = json_array_new ();

            json_array_add_object_element (items,
                                           sample_body (field->items, text));
            json_object_set_array_member (body, field->name, items);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }

  return body;
}

static gint64
count_record_audit (WmStore    *store,
                    gint64      record_id,
                    const char *action)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*) FROM audit_log WHERE object_kind = 'record' "
    "AND object_id = %" G_GINT64_FORMAT " AND action = '%s'",
    record_id, action);

  return query_int (store, sql);
}

/* Every kind of record goes through the same life: a draft, finalised,
 * amended with a reason, deleted and restored whole, with one audit entry
 * for each step and the body stored exactly as given. */
static void
test_every_kind_round_trip (void)
{
  g_autoptr(WmStore) store = open_store ();
  gint64 pupil = add_pupil (store, 1, "2000");
  gint64 case_id = open_case (store, pupil, "2026-01-05");
  guint n = 0;
  const WmRecordKind * const *kinds = wm_record_kinds (&n);

  g_assert_cmpuint (n, >=, 16);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) first = sample_body (kinds[i]->fields, "First");
      g_autoptr(JsonObject) second = sample_body (kinds[i]->fields, "Second");
      g_autoptr(GPtrArray) revisions = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(RecordDump) before = { 0 };
      g_auto(RecordDump) after = { 0 };
      g_autofree char *expected_first = body_text (first);
      g_autofree char *expected_second = body_text (second);
      g_autofree char *stored_first = NULL;
      g_autofree char *stored_second = NULL;
      g_autofree char *first_sql = NULL;
      g_autofree char *second_sql = NULL;
      gint64 id;

      g_test_message ("kind %s", kinds[i]->name);
      id = add_record (store, case_id, kinds[i]->name, first);
      g_assert_true (wm_record_amend (store, id, second, "Corrected the date",
                                      OFFICER, &error));
      g_assert_no_error (error);

      revisions = wm_record_list_revisions (store, id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (revisions->len, ==, 2);
      first_sql = g_strdup_printf ("SELECT body FROM record_revisions WHERE "
                                   "record_id = %" G_GINT64_FORMAT
                                   " AND revision = 1", id);
      second_sql = g_strdup_printf ("SELECT body FROM record_revisions WHERE "
                                    "record_id = %" G_GINT64_FORMAT
                                    " AND revision = 2", id);
      stored_first = query_text (store, first_sql);
      stored_second = query_text (store, second_sql);
      g_assert_cmpstr (stored_first, ==, expected_first);
      g_assert_cmpstr (stored_second, ==, expected_second);

      dump_record (store, id, &before);
      g_assert_true (wm_record_delete (store, id, OFFICER, &error));
      g_assert_no_error (error);
      g_assert_true (wm_record_restore (store, id, OFFICER, &error));
      g_assert_no_error (error);
      dump_record (store, id, &after);
      g_assert_cmpstr (after.record, ==, before.record);
      g_assert_cmpstr (after.revisions, ==, before.revisions);

      g_assert_cmpint (count_record_audit (store, id, "record-finalise"), ==, 1);
      g_assert_cmpint (count_record_audit (store, id, "record-amend"), ==, 1);
      g_assert_cmpint (count_record_audit (store, id, "record-delete"), ==, 1);
      g_assert_cmpint (count_record_audit (store, id, "record-restore"), ==, 1);
    }

  g_assert_true (wm_store_verify (store, NULL, NULL));
}

/* The views: each kind can be queried like a table. */
static void
test_views_per_kind (void)
{
  g_autoptr(WmStore) store = open_store ();
  g_autoptr(JsonObject) visit = valid_visit ();
  g_autofree char *outcome = NULL;
  gint64 case_id = open_case (store, add_pupil (store, 1, "2000"),
                              "2026-01-05");
  guint n = 0;
  const WmRecordKind * const *kinds = wm_record_kinds (&n);

  json_object_set_boolean_member (visit, "announced", FALSE);
  add_record (store, case_id, "home-visit", visit);
  outcome = query_text (store, "SELECT outcome || ' ' || time || ' ' || "
                        "announced || ' ' || record_status || ' ' || revision "
                        "FROM home_visits WHERE pupil_id = 1");
  g_assert_cmpstr (outcome, ==, "card-left 16:30 0 final 1");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sql = g_strdup_printf (
        "SELECT count(*) FROM sqlite_schema WHERE type = 'view' "
        "AND name = '%s'", kinds[i]->view);

      g_assert_cmpint (query_int (store, sql), ==, 1);
    }
}

/* Migration: a database with pupils and marks, as version 1 left it */

static void
write_version_1 (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (path);
  guint8 codes[730] = { 0 };
  guint8 sources[12] = { 0 };
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  /* Monday 2 March 2026 is day 182 of the school year from 1 September
   * 2025: slots 364 (AM, "/") and 365 (PM, "\"), set by import 1. */
  codes[364] = WM_MARK_PRESENT_AM;
  codes[365] = WM_MARK_PRESENT_PM;
  sources[0] = 364 & 0xff;
  sources[1] = 364 >> 8;
  sources[2] = 2;
  sources[4] = 1;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (_wm_store_migrate (db, path, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO schools (lea, estab, name) VALUES ('801', '2000', 'Oak');"
    "INSERT INTO pupils (upn, surname, forename, dob, school_id, name_key, "
    "  created_at, updated_at) VALUES ('B801200005001', 'O''Brien', 'Seán', "
    "  '2015-04-01', 1, 'obrien sean', '2026-03-01T09:00:00Z', "
    "  '2026-03-01T09:00:00Z');"
    "INSERT INTO contacts (pupil_id, ord, surname, parental_responsibility) "
    "  VALUES (1, 1, 'O''Brien', 1);"
    "INSERT INTO imports (kind, started_at) VALUES ('ctf', "
    "  '2026-03-01T09:00:00Z');",
    NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO marks VALUES "
                                       "(1, 1, 2025, ?1, ?2)", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  sqlite3_bind_blob (stmt, 1, codes, sizeof codes, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 2, sources, sizeof sources, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_migrate_from_version_1_with_data (void)
{
  g_autofree char *path = test_path ("records.db");
  g_autoptr(WmStore) store = NULL;
  g_autoptr(WmRegister) reg = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(WmPupilRecord) pupil = { 0 };
  WmDay monday = wm_day_from_ymd (2026, 3, 2);

  write_version_1 (path);
  store = open_store ();
  g_assert_cmpint (wm_store_get_schema_version (store), ==,
                   WM_STORE_SCHEMA_VERSION);

  g_assert_true (wm_store_get_pupil (store, 1, &pupil, NULL, &error));
  g_assert_cmpstr (pupil.surname, ==, "O'Brien");
  g_assert_cmpstr (pupil.forename, ==, "Seán");
  g_assert_cmpuint (pupil.dob, ==, wm_day_from_ymd (2015, 4, 1));

  reg = wm_store_load_register (store, 1, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_register_get (reg, monday, WM_SESSION_AM), ==,
                   WM_MARK_PRESENT_AM);
  g_assert_cmpint (wm_register_get (reg, monday, WM_SESSION_PM), ==,
                   WM_MARK_PRESENT_PM);
  g_assert_cmpint (wm_store_get_mark_import (store, 1, 1, monday,
                                             WM_SESSION_AM), ==, 1);

  contacts = wm_store_list_contact_details (store, 1, &error);
  g_assert_cmpuint (contacts->len, ==, 1);
  g_assert_false (((WmContactDetails *) contacts->pdata[0])->alternative);
  g_assert_cmpuint (((WmContactDetails *) contacts->pdata[0])
                    ->details_checked_on, ==, WM_DAY_NONE);

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sqlite_schema "
                              "WHERE name IN ('cases', 'case_events', "
                              "'records', 'record_revisions', "
                              "'record_links', 'record_search', "
                              "'pupil_links', 'home_visits', 'notes')"),
                   ==, 9);

  /* The old pupil can have a case and records now. */
  add_note (store, open_case (store, 1, "2026-03-02"), "2026-03-02", "Hello");
  g_assert_true (wm_store_verify (store, NULL, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/records/kinds/table", test_kinds_table);
  g_test_add_func ("/records/validate/not-a-date", test_validate_not_a_date);
  g_test_add_func ("/records/validate/fields", test_validate_fields);
  g_test_add_func ("/records/validate/normalize", test_validate_normalize);
  g_test_add_func ("/records/case/lifecycle", test_case_lifecycle);
  g_test_add_func ("/records/case/one-open-per-pupil",
                   test_case_one_open_per_pupil);
  g_test_add_func ("/records/draft/saves-in-place", test_draft_saves_in_place);
  g_test_add_func ("/records/finalise/invalid-keeps-draft",
                   test_finalise_invalid_keeps_draft);
  g_test_add_func ("/records/amend/keeps-revisions",
                   test_amend_keeps_revisions);
  g_test_add_func ("/records/undo/delete-restores-whole",
                   test_undo_delete_restores_whole);
  g_test_add_func ("/records/text/long-round-trip", test_long_text_round_trip);
  g_test_add_func ("/records/dates/other-time-zones",
                   test_dates_in_other_time_zones);
  g_test_add_func ("/records/search/across-pupils", test_search_across_pupils);
  g_test_add_func ("/records/timeline/kinds-and-restricted",
                   test_timeline_kinds_and_restricted);
  g_test_add_func ("/records/safeguarding/opened-by-visit",
                   test_safeguarding_opened_by_visit);
  g_test_add_func ("/records/siblings/isolated", test_siblings_isolated);
  g_test_add_func ("/records/people/contacts", test_people_contacts);
  g_test_add_func ("/records/busy/waits-then-saves",
                   test_busy_waits_then_saves);
  g_test_add_func ("/records/busy/times-out-keeps-text",
                   test_busy_times_out_keeps_text);
  g_test_add_func ("/records/verify/honest", test_verify_honest);
  g_test_add_func ("/records/verify/edited-revision",
                   test_verify_edited_revision);
  g_test_add_func ("/records/verify/added-revision",
                   test_verify_added_revision);
  g_test_add_func ("/records/verify/hidden-record", test_verify_hidden_record);
  g_test_add_func ("/records/verify/edited-audit", test_verify_edited_audit);
  g_test_add_func ("/records/views/per-kind", test_views_per_kind);
  g_test_add_func ("/records/kinds/every-kind-round-trip",
                   test_every_kind_round_trip);
  g_test_add_func ("/records/migrate/from-version-1-with-data",
                   test_migrate_from_version_1_with_data);

  return g_test_run ();
}
