/* test-summaries.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Response summaries written by the evaluator, and the notifications
 * sent, kept across connections.
 *
 * The fixture's pupil W999200126002 is present over the 4 school weeks
 * 2 to 27 March 2026 except for `O` on Monday 9 March (both sessions) and
 * Tuesday 10 March AM, and `I` from Tuesday 10 March PM to Thursday
 * 12 March AM: 33 of 40, Level 2, 3 unauthorised sessions.
 */

#include <json-glib/json-glib.h>

#include "wm-case.h"
#include "wm-evaluator.h"
#include "wm-import.h"
#include "wm-response-summary.h"
#include "wm-store-records.h"
#include "wm-test-util.h"

#define UPN "W999200126002"

typedef struct
{
  char    *db_path;
  gint64   pupil_id;
  gint64   case_id;
  gint64   visit_id;
} Fixture;

static gint64
add_record (WmStore    *store,
            gint64      case_id,
            const char *kind,
            JsonObject *body)
{
  g_autoptr(GError) error = NULL;
  gint64 id = wm_record_save_draft (store, case_id, 0, kind, body, NULL,
                                    &error);

  g_assert_no_error (error);
  g_assert_true (wm_record_finalise (store, id, NULL, &error));
  g_assert_no_error (error);
  return id;
}

/* A parent with parental responsibility and a warning letter make the
 * warning letter ready; the home visit plans the next one for 30 March,
 * the case's one deadline. */
static void
add_case (Fixture *fixture,
          WmStore *store)
{
  g_autoptr(JsonObject) visit = json_object_new ();
  g_autoptr(JsonObject) letter = json_object_new ();
  g_autoptr(GError) error = NULL;
  WmContactRecord parent = {
    .forename = (char *) "Mary", .surname = (char *) "O'Brien",
    .parental_responsibility = TRUE, .address = (char *) "2 Test Road",
  };

  wm_store_add_contact (store, fixture->pupil_id, &parent, FALSE,
                        wm_day_from_ymd (2026, 3, 1), &error);
  g_assert_no_error (error);
  fixture->case_id = wm_case_open (store, fixture->pupil_id,
                                   wm_day_from_ymd (2026, 3, 2), NULL, NULL,
                                   NULL, &error);
  g_assert_no_error (error);

  json_object_set_string_member (visit, "date", "2026-03-10");
  json_object_set_string_member (visit, "visited_by", "AO");
  json_object_set_string_member (visit, "outcome", "parent-seen");
  json_object_set_string_member (visit, "next_visit_date", "2026-03-30");
  fixture->visit_id = add_record (store, fixture->case_id, "home-visit", visit);

  json_object_set_string_member (letter, "date_sent", "2026-03-12");
  json_object_set_string_member (letter, "parent", "Mary O'Brien");
  add_record (store, fixture->case_id, "warning-letter", letter);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *ctf = g_test_build_filename (G_TEST_DIST, "fixtures", "cli",
                                                "four-weeks.xml", NULL);
  g_autoptr(WmStore) store = NULL;
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  fixture->db_path = wm_test_file_path ("summaries.db");
  store = wm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  report = wm_import_file (store, ctf, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  fixture->pupil_id = wm_store_find_pupil_by_upn (store, UPN);
  g_assert_cmpint (fixture->pupil_id, >, 0);
  add_case (fixture, store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->db_path);
}

/* The evaluator */

static void
on_idle (WmEvaluator *evaluator,
         gpointer     user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
on_failed (WmEvaluator  *evaluator,
           const GError *error,
           gpointer      user_data)
{
  g_error ("The evaluator failed: %s", error->message);
}

/* Wakes the evaluator and waits, at most 60 s, for it to finish. */
static void
run_evaluator (WmEvaluator *evaluator)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  gboolean idle = FALSE;
  gulong id = g_signal_connect (evaluator, "idle", G_CALLBACK (on_idle), &idle);

  wm_evaluator_wake (evaluator);
  while (!idle && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_signal_handler_disconnect (evaluator, id);
  g_assert_true (idle);
}

static WmEvaluator *
start_evaluator (Fixture    *fixture,
                 const char *as_of)
{
  WmEvaluator *evaluator = wm_evaluator_new (fixture->db_path,
                                             wm_day_from_iso (as_of));

  g_signal_connect (evaluator, "failed", G_CALLBACK (on_failed), NULL);
  run_evaluator (evaluator);
  return evaluator;
}

static WmPupilSummary *
read_pupil (Fixture *fixture)
{
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) pupils = NULL;
  g_autoptr(GError) error = NULL;

  store = wm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  g_array_append_val (ids, fixture->pupil_id);
  pupils = wm_store_list_pupils_by_id (store, ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pupils->len, ==, 1);

  return g_ptr_array_steal_index (pupils, 0);
}

/* Tests */

/* As of 27 March the next home visit (30 March) is still to come; as of
 * 31 March it is overdue. The warning letter is the one step ready, and
 * the pupil is on no route: 3 unauthorised sessions are below the
 * penalty threshold. The list reads the summary with the pupil. */
static void
test_written_by_evaluator (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(WmEvaluator) evaluator = start_evaluator (fixture, "2026-03-27");
  g_autoptr(WmPupilSummary) pupil = read_pupil (fixture);
  g_autoptr(WmPupilSummary) later = NULL;

  g_assert_true (pupil->evaluated);
  g_assert_cmpint (pupil->evaluation.level, ==, 2);
  g_assert_true (pupil->summarised);
  g_assert_cmpint (pupil->response.as_of, ==, wm_day_from_ymd (2026, 3, 27));
  g_assert_cmpuint (pupil->response.routes, ==, 0);
  g_assert_cmpuint (pupil->response.ready_steps, ==, 1u << WM_STEP_WARNING_LETTER);
  g_assert_cmpuint (pupil->response.due, ==, 0);
  g_assert_cmpuint (pupil->response.overdue, ==, 0);
  g_assert_cmpint (pupil->response.next_due, ==, wm_day_from_ymd (2026, 3, 30));

  wm_evaluator_set_as_of (evaluator, wm_day_from_ymd (2026, 3, 31));
  run_evaluator (evaluator);
  later = read_pupil (fixture);
  g_assert_cmpint (later->response.as_of, ==, wm_day_from_ymd (2026, 3, 31));
  g_assert_cmpuint (later->response.overdue, ==, 1);
  g_assert_cmpuint (later->response.due, ==, 0);
  g_assert_cmpint (later->response.next_due, ==, WM_DAY_NONE);
}

/* Saving a record marks the pupil dirty; the next pass rewrites the
 * summary. A safeguarding concern puts the pupil on that route, and until
 * it is referred to children's services (immediately) that referral is
 * overdue. A second home visit planned for the evaluation date is due
 * that day; the first one's, 30 March, is still to come. */
static void
test_updated_after_record (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(WmEvaluator) evaluator = start_evaluator (fixture, "2026-03-27");
  g_autoptr(WmStore) store = NULL;
  g_autoptr(JsonObject) concern = json_object_new ();
  g_autoptr(JsonObject) visit = json_object_new ();
  g_autoptr(WmPupilSummary) pupil = NULL;
  g_autoptr(GError) error = NULL;

  store = wm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  json_object_set_string_member (concern, "date", "2026-03-20");
  json_object_set_string_member (concern, "concern", "Seen with a bruise");
  add_record (store, fixture->case_id, "safeguarding", concern);
  json_object_set_string_member (visit, "date", "2026-03-20");
  json_object_set_string_member (visit, "visited_by", "AO");
  json_object_set_string_member (visit, "outcome", "no-answer");
  json_object_set_string_member (visit, "next_visit_date", "2026-03-27");
  add_record (store, fixture->case_id, "home-visit", visit);

  run_evaluator (evaluator);
  pupil = read_pupil (fixture);
  g_assert_true (pupil->summarised);
  g_assert_cmpuint (pupil->response.routes, ==, 1u << WM_ROUTE_SAFEGUARDING);
  g_assert_true (wm_response_summary_has_route (&pupil->response,
                                                WM_ROUTE_SAFEGUARDING));
  g_assert_false (wm_response_summary_has_route (&pupil->response,
                                                 WM_ROUTE_PENALTY_THRESHOLD));
  g_assert_cmpuint (pupil->response.due, ==, 1);
  g_assert_cmpuint (pupil->response.overdue, ==, 1);
  g_assert_cmpint (pupil->response.next_due, ==, wm_day_from_ymd (2026, 3, 27));
}

/* Readiness for a legal step depends on the parents' details, so adding
 * a contact by hand marks the pupil dirty for the evaluator's next pass,
 * as saving a record does. */
static void
test_contact_marks_dirty (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(WmEvaluator) evaluator = start_evaluator (fixture, "2026-03-27");
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(GError) error = NULL;
  WmContactRecord father = {
    .forename = (char *) "John", .surname = (char *) "O'Brien",
    .parental_responsibility = TRUE, .address = (char *) "9 Other Road",
  };

  store = wm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  before = wm_store_take_dirty (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 0);

  g_assert_cmpint (wm_store_add_contact (store, fixture->pupil_id, &father,
                                         FALSE, WM_DAY_NONE, &error), >, 0);
  g_assert_no_error (error);
  after = wm_store_take_dirty (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpint (g_array_index (after, gint64, 0), ==, fixture->pupil_id);
}

/* A key is claimed once, and stays claimed for every later connection,
 * as after the application is started again. */
static void
test_notification_keys (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *key = "deadline-12-attendance-plan-review-2026-03-27";
  g_autoptr(WmStore) first = NULL;
  g_autoptr(WmStore) second = NULL;
  g_autoptr(GError) error = NULL;
  gboolean claimed = FALSE, sent = TRUE;

  first = wm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  g_assert_true (wm_store_was_notified (first, key, &sent, &error));
  g_assert_false (sent);
  g_assert_true (wm_store_claim_notification (first, key, &claimed, &error));
  g_assert_true (claimed);
  g_assert_true (wm_store_claim_notification (first, key, &claimed, &error));
  g_assert_false (claimed);
  g_clear_object (&first);

  second = wm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  g_assert_true (wm_store_was_notified (second, key, &sent, &error));
  g_assert_true (sent);
  g_assert_true (wm_store_claim_notification (second, key, &claimed, &error));
  g_assert_false (claimed);
  g_assert_true (wm_store_claim_notification (second,
                                              "deadline-12-attendance-plan-review-2026-04-24",
                                              &claimed, &error));
  g_assert_true (claimed);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/summaries/written-by-evaluator", Fixture, NULL,
              fixture_set_up, test_written_by_evaluator, fixture_tear_down);
  g_test_add ("/summaries/updated-after-record", Fixture, NULL,
              fixture_set_up, test_updated_after_record, fixture_tear_down);
  g_test_add ("/summaries/contact-marks-dirty", Fixture, NULL,
              fixture_set_up, test_contact_marks_dirty, fixture_tear_down);
  g_test_add ("/summaries/notification-keys-persist", Fixture, NULL,
              fixture_set_up, test_notification_keys, fixture_tear_down);

  return g_test_run ();
}
