/* test-response.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The graduated response through the store and the real `waymark`
 * binary: records added through the API, then `--evaluate
 * --format=json` and `--due` run headless.
 *
 * The fixture's pupil W999200126002 is present over the 4 school weeks
 * 2 to 27 March 2026 except for `O` on Monday 9 March (both sessions) and
 * Tuesday 10 March AM, and `I` from Tuesday 10 March PM to Thursday
 * 12 March AM: 33 of 40, Level 2, 3 unauthorised sessions.
 */

#include <json-glib/json-glib.h>
#include <string.h>

#include "wm-case.h"
#include "wm-letters.h"
#include "wm-response.h"
#include "wm-store-records.h"
#include "wm-test-util.h"

#define UPN "W999200126002"

typedef struct
{
  char *out;
  char *err;
  int   status;
} RunResult;

static void
run_result_clear (RunResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunResult, run_result_clear)

/* Runs waymark with no display, which proves the actions are headless. */
static void
run_waymark (RunResult  *result,
             const char *first_arg,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("WAYMARK_BINARY"));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  process = g_subprocess_launcher_spawnv (launcher,
                                          (const char * const *) argv->pdata,
                                          &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out,
                                 &result->err, &error);
  g_assert_no_error (error);
  result->status = g_subprocess_get_exit_status (process);
}

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

/* Imports the fixture and adds a parent, a first-day call, a home visit
 * with a next visit planned, and a warning letter. */
static char *
build_database (gint64 *out_visit,
                gint64 *out_letter)
{
  g_autofree char *database = wm_test_file_path ("response.db");
  g_autofree char *ctf = g_test_build_filename (G_TEST_DIST, "fixtures", "cli",
                                                "four-weeks.xml", NULL);
  g_autofree char *database_arg = g_strconcat ("--database=", database, NULL);
  g_autofree char *import_arg = g_strconcat ("--import=", ctf, NULL);
  g_auto(RunResult) imported = { 0 };
  g_autoptr(WmStore) store = NULL;
  g_autoptr(JsonObject) call = json_object_new ();
  g_autoptr(JsonObject) visit = json_object_new ();
  g_autoptr(JsonObject) letter = json_object_new ();
  g_autoptr(GError) error = NULL;
  WmContactRecord parent = {
    .forename = (char *) "Mary", .surname = (char *) "O'Brien",
    .parental_responsibility = TRUE, .address = (char *) "2 Test Road",
  };
  gint64 pupil_id, case_id;

  run_waymark (&imported, database_arg, import_arg, NULL);
  g_assert_cmpint (imported.status, ==, 0);

  store = wm_store_open (database, &error);
  g_assert_no_error (error);
  pupil_id = wm_store_find_pupil_by_upn (store, UPN);
  g_assert_cmpint (pupil_id, >, 0);
  wm_store_add_contact (store, pupil_id, &parent, FALSE,
                        wm_day_from_ymd (2026, 3, 1), &error);
  g_assert_no_error (error);
  case_id = wm_case_open (store, pupil_id, wm_day_from_ymd (2026, 3, 2), NULL,
                          NULL, NULL, &error);
  g_assert_no_error (error);

  json_object_set_string_member (call, "contact_kind", "first-day-call");
  json_object_set_string_member (call, "date", "2026-03-09");
  add_record (store, case_id, "contact", call);

  json_object_set_string_member (visit, "date", "2026-03-10");
  json_object_set_string_member (visit, "visited_by", "AO");
  json_object_set_string_member (visit, "outcome", "parent-seen");
  json_object_set_string_member (visit, "next_visit_date", "2026-03-30");
  *out_visit = add_record (store, case_id, "home-visit", visit);

  json_object_set_string_member (letter, "date_sent", "2026-03-12");
  json_object_set_string_member (letter, "parent", "Mary O'Brien");
  *out_letter = add_record (store, case_id, "warning-letter", letter);

  return g_steal_pointer (&database);
}

static JsonObject *
find_pupil (JsonNode *root)
{
  JsonArray *pupils = json_object_get_array_member (
    json_node_get_object (root), "pupils");

  for (guint i = 0; i < json_array_get_length (pupils); i++)
    {
      JsonObject *pupil = json_array_get_object_element (pupils, i);

      if (g_str_equal (json_object_get_string_member (pupil, "upn"), UPN))
        return pupil;
    }

  g_assert_not_reached ();
}

static JsonObject *
find_checklist_item (JsonObject *pupil,
                     const char *key)
{
  JsonArray *items = json_object_get_array_member (pupil, "checklist");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_str_equal (json_object_get_string_member (item, "item"), key))
        return item;
    }

  g_assert_not_reached ();
}

static void
check_readiness (JsonObject *pupil)
{
  JsonObject *readiness = json_object_get_object_member (pupil, "readiness");
  JsonObject *letter = json_object_get_object_member (readiness,
                                                      "warning-letter");
  JsonObject *notice = json_object_get_object_member (readiness,
                                                      "penalty-notice");
  JsonArray *missing = json_object_get_array_member (notice, "missing");
  JsonObject *first = json_array_get_object_element (missing, 0);

  g_assert_cmpuint (json_object_get_size (readiness), ==, 7);
  g_assert_true (json_object_get_boolean_member (letter, "ready"));
  g_assert_cmpuint (json_array_get_length (
    json_object_get_array_member (letter, "missing")), ==, 0);

  /* The level alone never makes a penalty notice ready: no route. */
  g_assert_false (json_object_get_boolean_member (notice, "ready"));
  g_assert_cmpstr (json_object_get_string_member (first, "item"), ==, "route");
  g_assert_cmpstr (json_object_get_string_member (first, "sentence"), ==,
                   "Neither the penalty threshold nor the leave-refused route "
                   "is met: the level alone is no ground for a penalty "
                   "notice");
}

static void
check_deadlines (JsonObject *pupil,
                 gint64      visit)
{
  JsonArray *deadlines = json_object_get_array_member (pupil, "deadlines");
  JsonObject *next;

  g_assert_cmpuint (json_array_get_length (deadlines), ==, 1);
  next = json_array_get_object_element (deadlines, 0);
  g_assert_cmpstr (json_object_get_string_member (next, "date"), ==,
                   "2026-03-30");
  g_assert_cmpstr (json_object_get_string_member (next, "status"), ==, "due");
  g_assert_cmpstr (json_object_get_string_member (next, "what"), ==,
                   "next-home-visit");
  g_assert_cmpint (json_object_get_int_member (next, "record_id"), ==, visit);
  g_assert_cmpstr (json_object_get_string_member (next, "sentence"), ==,
                   "Next home visit, planned for 30 March 2026");
}

/* Absence days 9 to 12 March; only 9 March has a first-day call. */
static void
check_patterns (JsonObject *pupil)
{
  JsonArray *patterns = json_object_get_array_member (pupil, "patterns");
  guint n = json_array_get_length (patterns);
  JsonObject *last = json_array_get_object_element (patterns, n - 1);

  g_assert_cmpstr (json_object_get_string_member (last, "kind"), ==,
                   "no-first-day-contact");
  g_assert_cmpint (json_object_get_int_member (last, "count"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (last, "sentence"), ==,
                   "3 absence days from 2 to 27 March 2026 with no first-day "
                   "call recorded that day");
}

static void
test_json_keys (void)
{
  gint64 visit = 0, letter = 0;
  g_autofree char *database = NULL;
  g_autofree char *database_arg = NULL;
  g_auto(RunResult) evaluated = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *visit_sentence = NULL;
  JsonObject *pupil, *item;

  if (g_getenv ("WAYMARK_BINARY") == NULL)
    {
      g_test_skip ("the application is not built");
      return;
    }

  database = build_database (&visit, &letter);
  database_arg = g_strconcat ("--database=", database, NULL);

  run_waymark (&evaluated, database_arg, "--evaluate", "--as-of=2026-03-27",
               "--format=json", NULL);
  g_assert_cmpint (evaluated.status, ==, 0);
  g_assert_cmpstr (evaluated.err, ==, "");
  root = json_from_string (evaluated.out, &error);
  g_assert_no_error (error);
  pupil = find_pupil (root);

  g_assert_cmpint (json_object_get_int_member (pupil, "level"), ==, 2);
  g_assert_cmpuint (json_array_get_length (
    json_object_get_array_member (pupil, "routes")), ==, 0);
  g_assert_true (json_object_get_null_member (pupil, "threshold_met_on"));
  g_assert_cmpuint (json_array_get_length (
    json_object_get_array_member (pupil, "checklist")), ==, 12);

  item = find_checklist_item (pupil, "home-visits");
  g_assert_true (json_object_get_boolean_member (item, "done"));
  g_assert_cmpint (json_object_get_int_member (item, "record_id"), ==, visit);
  visit_sentence = g_strdup_printf ("Done: Home visit on 10 March 2026 "
                                    "(record %" G_GINT64_FORMAT ")", visit);
  g_assert_cmpstr (json_object_get_string_member (item, "sentence"), ==,
                   visit_sentence);
  item = find_checklist_item (pupil, "attendance-plan");
  g_assert_false (json_object_get_boolean_member (item, "done"));
  g_assert_true (json_object_get_null_member (item, "record_id"));

  check_patterns (pupil);
  check_readiness (pupil);
  check_deadlines (pupil, visit);
}

/* TSV keeps its flat keys only. */
static void
test_tsv_unchanged (void)
{
  gint64 visit = 0, letter = 0;
  g_autofree char *database = NULL;
  g_autofree char *database_arg = NULL;
  g_auto(RunResult) evaluated = { 0 };

  if (g_getenv ("WAYMARK_BINARY") == NULL)
    {
      g_test_skip ("the application is not built");
      return;
    }

  database = build_database (&visit, &letter);
  database_arg = g_strconcat ("--database=", database, NULL);

  run_waymark (&evaluated, database_arg, "--evaluate", "--as-of=2026-03-27",
               NULL);
  g_assert_cmpint (evaluated.status, ==, 0);
  g_assert_true (g_str_has_prefix (evaluated.out,
                                   "upn\tsurname\tforename\tschool\t"
                                   "window_start\twindow_end\tattended\t"
                                   "possible\tunmarked\tpercent\tlevel\t"
                                   "level_high\tunauthorised_10_weeks\t"
                                   "ytd_attended\tytd_possible\t"
                                   "persistent_absence\tsevere_absence\n"));
  g_assert_null (strstr (evaluated.out, "routes"));
}

/* --due lists one line per deadline: date, status, UPN, what. */
static void
test_due (void)
{
  gint64 visit = 0, letter = 0;
  g_autofree char *database = NULL;
  g_autofree char *database_arg = NULL;
  g_auto(RunResult) due = { 0 };
  g_auto(RunResult) later = { 0 };

  if (g_getenv ("WAYMARK_BINARY") == NULL)
    {
      g_test_skip ("the application is not built");
      return;
    }

  database = build_database (&visit, &letter);
  database_arg = g_strconcat ("--database=", database, NULL);

  run_waymark (&due, database_arg, "--due", "--as-of=2026-03-27", NULL);
  g_assert_cmpint (due.status, ==, 0);
  g_assert_cmpstr (due.err, ==, "");
  g_assert_cmpstr (due.out, ==, "2026-03-30\tdue\t" UPN "\tNext home visit, "
                   "planned for 30 March 2026\n");

  run_waymark (&later, database_arg, "--due", "--as-of=2026-03-31", NULL);
  g_assert_cmpint (later.status, ==, 0);
  g_assert_cmpstr (later.out, ==, "2026-03-30\toverdue\t" UPN "\tNext home "
                   "visit, planned for 30 March 2026\n");
}

/* Letters out of date and closed concerns, through the binary ----------- */

/* The fixture with the pupil's `O` codes of 9 and 10 March corrected to
 * present, as a school's corrected export would have them. */
static char *
write_corrected_ctf (void)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                   "cli", "four-weeks.xml",
                                                   NULL);
  g_autofree char *path = wm_test_file_path ("corrected.xml");
  g_autofree char *text = NULL;
  g_autofree char *marks_fixed = NULL;
  g_autofree char *corrected = NULL;
  g_auto(GStrv) by_marks = NULL;
  g_auto(GStrv) by_total = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (source, &text, NULL, &error);
  g_assert_no_error (error);

  by_marks = g_strsplit (text, "/\\/\\OOOIIII\\", -1);
  g_assert_cmpuint (g_strv_length (by_marks), ==, 2);
  marks_fixed = g_strjoinv ("/\\/\\/\\/IIII\\", by_marks);
  by_total = g_strsplit (marks_fixed,
                         "<SessionsUnauthorised>3</SessionsUnauthorised>", -1);
  g_assert_cmpuint (g_strv_length (by_total), ==, 2);
  corrected = g_strjoinv ("<SessionsUnauthorised>0</SessionsUnauthorised>",
                          by_total);

  g_file_set_contents (path, corrected, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* Makes the warning letter's letter to Mary O'Brien and adds a concern of
 * 5 March closed on 20 March. Returns the concern's id. */
static gint64
add_letter_and_closed_concern (const char *database,
                               gint64      letter)
{
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(JsonObject) concern = json_object_new ();
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                "letters", NULL);
  WmLetterDetails details = {
    .officer_name = "A. Officer", .officer_role = "Attendance officer",
    .officer_phone = "01632 960000", .templates_dir = dir,
  };
  gint64 case_id;

  store = wm_store_open (database, &error);
  g_assert_no_error (error);
  ids = wm_letters_generate (store, letter, &details, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);

  case_id = wm_case_find_open (store, wm_store_find_pupil_by_upn (store, UPN),
                               &error);
  g_assert_no_error (error);
  json_object_set_string_member (concern, "date", "2026-03-05");
  json_object_set_string_member (concern, "concern", "Bruising seen");
  json_object_set_string_member (concern, "closed_date", "2026-03-20");
  json_object_set_string_member (concern, "closed_outcome",
                                 "No further action");
  return add_record (store, case_id, "safeguarding", concern);
}

static void
check_figures (JsonObject *figures,
               const char *percent,
               gint64      unauthorised)
{
  g_assert_cmpstr (json_object_get_string_member (figures, "window_start"),
                   ==, "2026-03-02");
  g_assert_cmpstr (json_object_get_string_member (figures, "window_end"),
                   ==, "2026-03-12");
  g_assert_cmpstr (json_object_get_string_member (figures, "percent"), ==,
                   percent);
  g_assert_cmpint (json_object_get_int_member (figures, "unauthorised"), ==,
                   unauthorised);
}

static void
check_no_concern (JsonObject *pupil)
{
  JsonArray *routes = json_object_get_array_member (pupil, "routes");
  JsonArray *deadlines = json_object_get_array_member (pupil, "deadlines");

  g_assert_cmpuint (json_array_get_length (routes), ==, 0);
  for (guint i = 0; i < json_array_get_length (deadlines); i++)
    g_assert_cmpstr (json_object_get_string_member (
      json_array_get_object_element (deadlines, i), "what"), !=,
      "safeguarding-referral");
}

/* The Timeline still lists the closed concern in the restricted part. */
static void
check_timeline_keeps_concern (const char *database,
                              gint64      concern)
{
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  guint found = 0;

  store = wm_store_open (database, &error);
  g_assert_no_error (error);
  entries = wm_store_list_timeline_filtered (
    store, wm_store_find_pupil_by_upn (store, UPN), NULL,
    WM_RECORD_LIST_INCLUDE_RESTRICTED, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < entries->len; i++)
    {
      const WmTimelineEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->kind, "safeguarding")
          && entry->object_id == concern)
        found++;
    }
  g_assert_cmpuint (found, ==, 1);
}

/*
 * The warning letter of 12 March quoted 11 of 18 sessions (61.1%) and
 * 3 unauthorised sessions. A corrected export makes the `O` codes of
 * 9 and 10 March present: 14 of 18 (77.7%) and none unauthorised, so the
 * letter is listed as out of date. The concern closed on 20 March is no
 * route and needs no referral on 27 March, and the Timeline keeps it.
 */
static void
test_stale_letter_and_closed_concern (void)
{
  gint64 visit = 0, letter = 0, concern;
  g_autofree char *database = NULL;
  g_autofree char *database_arg = NULL;
  g_autofree char *corrected = NULL;
  g_autofree char *import_arg = NULL;
  g_auto(RunResult) imported = { 0 };
  g_auto(RunResult) evaluated = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *pupil, *stale;
  JsonArray *letters;

  if (g_getenv ("WAYMARK_BINARY") == NULL)
    {
      g_test_skip ("the application is not built");
      return;
    }

  database = build_database (&visit, &letter);
  database_arg = g_strconcat ("--database=", database, NULL);
  concern = add_letter_and_closed_concern (database, letter);
  corrected = write_corrected_ctf ();
  import_arg = g_strconcat ("--import=", corrected, NULL);
  run_waymark (&imported, database_arg, import_arg, NULL);
  g_assert_cmpint (imported.status, ==, 0);

  run_waymark (&evaluated, database_arg, "--evaluate", "--as-of=2026-03-27",
               "--format=json", NULL);
  g_assert_cmpint (evaluated.status, ==, 0);
  root = json_from_string (evaluated.out, &error);
  g_assert_no_error (error);
  pupil = find_pupil (root);

  letters = json_object_get_array_member (pupil, "stale_letters");
  g_assert_cmpuint (json_array_get_length (letters), ==, 1);
  stale = json_array_get_object_element (letters, 0);
  g_assert_cmpint (json_object_get_int_member (stale, "record_id"), ==,
                   letter);
  g_assert_cmpstr (json_object_get_string_member (stale, "letter_date"), ==,
                   "2026-03-12");
  check_figures (json_object_get_object_member (stale, "was"), "61.1", 3);
  check_figures (json_object_get_object_member (stale, "now"), "77.7", 0);
  g_assert_cmpstr (json_object_get_string_member (stale, "reason"), ==,
                   "attendance was 61.1%, is now 77.7%; unauthorised "
                   "sessions were 3, are now 0");

  check_no_concern (pupil);
  check_timeline_keeps_concern (database, concern);
}

/* Routes computed from values ------------------------------------------
 *
 * wm_response_compute() reads no database, so these build the register,
 * the calendar and the records as values. The school holds every weekday
 * session of the terms 5 January to 27 March 2026 (half term 16 to
 * 20 February) and 13 April to 17 July 2026 (half term 25 to 29 May).
 * The pupil is present at every session except `O` on both sessions of
 * the Mondays 2, 9, 16 and 23 March and of Friday 27 March: 10
 * unauthorised sessions, the 10th on 27 March.
 */

typedef struct
{
  WmCalendar      *calendar;
  WmRegister      *reg;
  WmRules          rules;
  WmResponseRules  response_rules;
  WmHolidays      *holidays;
  WmEvaluation     evaluation;
  GPtrArray       *records;
  gint64           next_id;
} Values;

static void
set_absent (WmRegister *reg,
            const char *iso)
{
  wm_register_set (reg, wm_test_day (iso), WM_SESSION_AM, WM_MARK_O);
  wm_register_set (reg, wm_test_day (iso), WM_SESSION_PM, WM_MARK_O);
}

static WmRegister *
values_register (const WmCalendar *calendar)
{
  static const char * const absent[] = {
    "2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23", "2026-03-27",
  };
  WmDay first = wm_test_day ("2026-01-05");
  WmDay last = wm_test_day ("2026-07-17");
  WmRegister *reg = wm_register_new (first, last - first + 1);

  for (WmDay day = first; day <= last; day++)
    {
      if (wm_day_is_weekend (day))
        continue;

      if (!wm_calendar_is_held (calendar, day, WM_SESSION_AM))
        {
          wm_register_set (reg, day, WM_SESSION_AM, WM_MARK_CLOSED);
          wm_register_set (reg, day, WM_SESSION_PM, WM_MARK_CLOSED);
          continue;
        }

      wm_register_set (reg, day, WM_SESSION_AM, WM_MARK_PRESENT_AM);
      wm_register_set (reg, day, WM_SESSION_PM, WM_MARK_PRESENT_PM);
    }

  for (guint i = 0; i < G_N_ELEMENTS (absent); i++)
    set_absent (reg, absent[i]);
  return reg;
}

static void
values_set_up (Values        *v,
               gconstpointer  data)
{
  v->calendar = wm_calendar_new ();
  wm_test_add_term (v->calendar, "2026-01-05", "2026-03-27",
                    "2026-02-16", "2026-02-20", NULL);
  wm_test_add_term (v->calendar, "2026-04-13", "2026-07-17",
                    "2026-05-25", "2026-05-29", NULL);
  v->reg = values_register (v->calendar);
  wm_rules_init_defaults (&v->rules);
  wm_response_rules_init_defaults (&v->response_rules);
  v->holidays = wm_holidays_new_england ();
  v->records = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                               wm_record_free);
  v->next_id = 1;
}

static void
values_tear_down (Values        *v,
                  gconstpointer  data)
{
  g_clear_pointer (&v->calendar, wm_calendar_unref);
  g_clear_pointer (&v->reg, wm_register_free);
  g_clear_pointer (&v->holidays, wm_holidays_unref);
  g_clear_pointer (&v->records, g_ptr_array_unref);
}

/* Adds a finalised record with string members given as name, value
 * pairs ended by NULL, and returns it. */
static WmRecord *
add_value_record (Values     *v,
                  const char *kind,
                  const char *first_name,
                  ...) G_GNUC_NULL_TERMINATED;

static WmRecord *
add_value_record (Values     *v,
                  const char *kind,
                  const char *first_name,
                  ...)
{
  WmRecord *record = g_new0 (WmRecord, 1);
  va_list args;

  record->id = v->next_id++;
  record->kind = wm_record_kind_lookup (kind);
  g_assert_nonnull (record->kind);
  record->status = WM_RECORD_FINAL;
  record->body = json_object_new ();

  va_start (args, first_name);
  for (const char *name = first_name; name != NULL;
       name = va_arg (args, const char *))
    json_object_set_string_member (record->body, name,
                                   va_arg (args, const char *));
  va_end (args);

  record->day = wm_record_body_day (record->kind, record->body);
  g_ptr_array_add (v->records, record);
  return record;
}

/* A notice issued on Monday 13 April for the absence of 2 to 27 March. */
static WmRecord *
add_notice (Values     *v,
            const char *status)
{
  return add_value_record (v, "penalty-notice", "parent", "Jane Smith",
                           "issue_date", "2026-04-13", "service_method",
                           "hand", "status", status, "absence_first_date",
                           "2026-03-02", "absence_last_date", "2026-03-27",
                           NULL);
}

static WmResponse *
compute_values (Values     *v,
                const char *as_of)
{
  WmResponseInput input = {
    .as_of = wm_test_day (as_of),
    .reg = v->reg,
    .calendar = v->calendar,
    .rules = &v->rules,
    .response_rules = &v->response_rules,
    .holidays = v->holidays,
    .evaluation = &v->evaluation,
    .records = v->records,
    .previous_level = WM_LEVEL_NULL,
  };

  wm_evaluate (v->reg, v->calendar, input.as_of, &v->rules, &v->evaluation);
  return wm_response_compute (&input);
}

static const WmRoute *
find_route (const WmResponse *response,
            WmRouteKind       kind)
{
  for (guint i = 0; i < response->routes->len; i++)
    {
      const WmRoute *route = g_ptr_array_index (response->routes, i);

      if (route->kind == kind)
        return route;
    }

  return NULL;
}

static gboolean
has_deadline (const WmResponse *response,
              const char       *key)
{
  for (guint i = 0; i < response->deadlines->len; i++)
    if (g_str_equal (((WmDeadline *) response->deadlines->pdata[i])->key, key))
      return TRUE;

  return FALSE;
}

static void
assert_iso (WmDay       day,
            const char *expected)
{
  g_autofree char *text = wm_day_to_iso (day);

  g_assert_cmpstr (text, ==, expected);
}

/*
 * A penalty notice issued on 13 April for the absence of 2 to 27 March
 * used those 10 sessions: on 13 April the threshold is off, and the
 * sentence says why. It stays off while new absence accrues (8 sessions
 * by 4 May) and is met again with the 10th new session on 11 May.
 */
static void
test_notice_uses_sessions (Values        *v,
                           gconstpointer  data)
{
  g_autoptr(WmResponse) before = NULL;
  g_autoptr(WmResponse) issued = NULL;
  g_autoptr(WmResponse) accruing = NULL;
  g_autoptr(WmResponse) again = NULL;
  static const char * const mondays[] = {
    "2026-04-13", "2026-04-20", "2026-04-27", "2026-05-04", "2026-05-11",
  };

  before = compute_values (v, "2026-04-13");
  g_assert_nonnull (find_route (before, WM_ROUTE_PENALTY_THRESHOLD));
  g_assert_cmpuint (before->threshold.count, ==, 10);
  assert_iso (before->threshold_met_on, "2026-03-27");

  add_notice (v, "unpaid");
  for (guint i = 0; i < G_N_ELEMENTS (mondays); i++)
    set_absent (v->reg, mondays[i]);

  issued = compute_values (v, "2026-04-13");
  g_assert_null (find_route (issued, WM_ROUTE_PENALTY_THRESHOLD));
  g_assert_cmpuint (issued->threshold.count, ==, 2);
  g_assert_cmpuint (issued->threshold.excluded, ==, 10);
  g_assert_cmpuint (issued->threshold_met_on, ==, WM_DAY_NONE);
  {
    g_autofree char *text = wm_threshold_describe (&issued->threshold);

    g_assert_cmpstr (text, ==, "Penalty threshold not met: 2 of 10 "
                     "unauthorised sessions (G, N, O, U) in the 10 school "
                     "weeks 19 January to 13 April 2026, leaving out 10 "
                     "already used by an issued penalty notice");
  }

  accruing = compute_values (v, "2026-05-04");
  g_assert_null (find_route (accruing, WM_ROUTE_PENALTY_THRESHOLD));
  g_assert_cmpuint (accruing->threshold.count, ==, 8);

  again = compute_values (v, "2026-05-11");
  g_assert_cmpuint (again->threshold.count, ==, 10);
  g_assert_cmpuint (again->threshold.excluded, ==, 10);
  assert_iso (again->threshold_met_on, "2026-05-11");
  g_assert_cmpstr (find_route (again, WM_ROUTE_PENALTY_THRESHOLD)->sentence,
                   ==, "Penalty threshold met: 10 unauthorised sessions "
                   "(G, N, O, U) in the 10 school weeks 23 February to 11 "
                   "May 2026 (the threshold is 10), leaving out 10 already "
                   "used by an issued penalty notice; first met on 11 May "
                   "2026");
}

/* A withdrawn notice does not count, so its sessions count again; a
 * notice uses its sessions only from the day it is issued. */
static void
test_withdrawn_notice (Values        *v,
                       gconstpointer  data)
{
  g_autoptr(WmResponse) withdrawn = NULL;
  g_autoptr(WmResponse) before_issue = NULL;
  WmRecord *notice = add_notice (v, "withdrawn");

  withdrawn = compute_values (v, "2026-04-13");
  g_assert_nonnull (find_route (withdrawn, WM_ROUTE_PENALTY_THRESHOLD));
  g_assert_cmpuint (withdrawn->threshold.count, ==, 10);
  g_assert_cmpuint (withdrawn->threshold.excluded, ==, 0);
  assert_iso (withdrawn->threshold_met_on, "2026-03-27");

  json_object_set_string_member (notice->body, "status", "paid");
  before_issue = compute_values (v, "2026-04-10");
  g_assert_nonnull (find_route (before_issue, WM_ROUTE_PENALTY_THRESHOLD));
  g_assert_cmpuint (before_issue->threshold.excluded, ==, 0);
}

/* The same sessions inside a refused leave: the notice used them, so the
 * leave-refused route is off until it is withdrawn. */
static void
test_notice_uses_leave_sessions (Values        *v,
                                 gconstpointer  data)
{
  g_autoptr(WmResponse) refused = NULL;
  g_autoptr(WmResponse) issued = NULL;
  g_autoptr(WmResponse) withdrawn = NULL;
  WmRecord *leave = add_value_record (v, "leave-request", "first_date",
                                      "2026-03-02", "last_date", "2026-03-27",
                                      "decision", "refused", NULL);
  WmRecord *notice;
  const WmRoute *route;

  refused = compute_values (v, "2026-04-13");
  route = find_route (refused, WM_ROUTE_LEAVE_REFUSED);
  g_assert_nonnull (route);
  g_assert_cmpint (route->record_id, ==, leave->id);

  notice = add_notice (v, "unpaid");
  issued = compute_values (v, "2026-04-13");
  g_assert_null (find_route (issued, WM_ROUTE_LEAVE_REFUSED));

  json_object_set_string_member (notice->body, "status", "withdrawn");
  withdrawn = compute_values (v, "2026-04-13");
  g_assert_cmpstr (find_route (withdrawn, WM_ROUTE_LEAVE_REFUSED)->sentence,
                   ==, "Leave refused: 10 unauthorised sessions (G, N, O, U) "
                   "inside the refused leave of 2 to 27 March 2026, reaching "
                   "10 on 27 March 2026: request a penalty notice");
}

/*
 * An open concern is the first route and needs a referral at once. Once
 * it is closed with a date and an outcome it is no route and needs no
 * referral from that date; the day before, it was still open. An older
 * concern still open stays the route.
 */
static void
test_safeguarding_closed (Values        *v,
                          gconstpointer  data)
{
  g_autoptr(WmResponse) open = NULL;
  g_autoptr(WmResponse) closed = NULL;
  g_autoptr(WmResponse) day_before = NULL;
  g_autoptr(WmResponse) older = NULL;
  WmRecord *concern = add_value_record (v, "safeguarding", "date",
                                        "2026-03-10", "concern",
                                        "Bruising seen", NULL);
  WmRecord *first;
  const WmRoute *route;

  open = compute_values (v, "2026-03-27");
  route = g_ptr_array_index (open->routes, 0);
  g_assert_cmpint (route->kind, ==, WM_ROUTE_SAFEGUARDING);
  g_assert_cmpint (route->record_id, ==, concern->id);
  g_assert_true (has_deadline (open, "safeguarding-referral"));

  json_object_set_string_member (concern->body, "closed_date", "2026-03-20");
  json_object_set_string_member (concern->body, "closed_outcome",
                                 "No further action");
  closed = compute_values (v, "2026-03-27");
  g_assert_false (wm_response_has_route (closed, WM_ROUTE_SAFEGUARDING));
  g_assert_false (has_deadline (closed, "safeguarding-referral"));
  g_assert_cmpint (((WmRoute *) closed->routes->pdata[0])->kind, ==,
                   WM_ROUTE_PENALTY_THRESHOLD);

  day_before = compute_values (v, "2026-03-19");
  g_assert_true (wm_response_has_route (day_before, WM_ROUTE_SAFEGUARDING));

  first = add_value_record (v, "safeguarding", "date", "2026-03-02",
                            "concern", "Missed meals", "referral_date",
                            "2026-03-02", "referral_time", "10:15", NULL);
  older = compute_values (v, "2026-03-27");
  route = g_ptr_array_index (older->routes, 0);
  g_assert_cmpint (route->kind, ==, WM_ROUTE_SAFEGUARDING);
  g_assert_cmpint (route->record_id, ==, first->id);
  g_assert_cmpstr (route->sentence, ==, "Safeguarding concern recorded on "
                   "2 March 2026 and referred to children's services");
}

/* A notice must say which days it is for, the last on or after the
 * first. */
static void
test_notice_needs_days (void)
{
  const WmRecordKind *kind = wm_record_kind_lookup ("penalty-notice");
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GError) missing = NULL;
  g_autoptr(GError) reversed = NULL;
  g_autoptr(GError) none = NULL;

  json_object_set_string_member (body, "parent", "Jane Smith");
  json_object_set_string_member (body, "issue_date", "2026-04-13");
  json_object_set_string_member (body, "service_method", "hand");
  json_object_set_string_member (body, "status", "unpaid");
  json_object_set_string_member (body, "absence_first_date", "2026-03-27");
  g_assert_false (wm_record_validate (kind, body, &missing));
  g_assert_cmpstr (missing->message, ==, "Last day of the absence it is "
                   "for: this field is required");

  json_object_set_string_member (body, "absence_last_date", "2026-03-02");
  g_assert_false (wm_record_validate (kind, body, &reversed));
  g_assert_cmpstr (reversed->message, ==, "Last day of the absence it is "
                   "for: 2026-03-02 is before the First day of the absence "
                   "it is for (2026-03-27)");

  json_object_set_string_member (body, "absence_first_date", "2026-03-02");
  json_object_set_string_member (body, "absence_last_date", "2026-03-27");
  g_assert_true (wm_record_validate (kind, body, &none));
  g_assert_no_error (none);
}

/* A concern is closed with a date and an outcome together. */
static void
test_safeguarding_close_needs_outcome (void)
{
  const WmRecordKind *kind = wm_record_kind_lookup ("safeguarding");
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (body, "date", "2026-03-10");
  json_object_set_string_member (body, "concern", "Bruising seen");
  json_object_set_string_member (body, "closed_date", "2026-03-20");
  g_assert_false (wm_record_validate (kind, body, &error));
  g_assert_cmpstr (error->message, ==, "Outcome when closed: give it as "
                   "well as the Date the concern was closed");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/response/cli/json-keys", test_json_keys);
  g_test_add_func ("/response/cli/tsv-unchanged", test_tsv_unchanged);
  g_test_add_func ("/response/cli/due", test_due);
  g_test_add_func ("/response/cli/stale-letter-and-closed-concern",
                   test_stale_letter_and_closed_concern);

  g_test_add ("/response/penalty/notice-uses-sessions", Values, NULL,
              values_set_up, test_notice_uses_sessions, values_tear_down);
  g_test_add ("/response/penalty/withdrawn-releases-sessions", Values, NULL,
              values_set_up, test_withdrawn_notice, values_tear_down);
  g_test_add ("/response/penalty/notice-uses-leave-sessions", Values, NULL,
              values_set_up, test_notice_uses_leave_sessions,
              values_tear_down);
  g_test_add_func ("/response/penalty/notice-needs-days",
                   test_notice_needs_days);
  g_test_add ("/response/safeguarding/closed-is-no-route", Values, NULL,
              values_set_up, test_safeguarding_closed, values_tear_down);
  g_test_add_func ("/response/safeguarding/close-needs-outcome",
                   test_safeguarding_close_needs_outcome);

  return g_test_run ();
}
