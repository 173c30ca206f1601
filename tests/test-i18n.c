/* test-i18n.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which text follows the locale and which stays English. Dates, figures
 * and reasons follow the Welsh locale outside an English scope. The
 * evidence bundle, a letter and a stored level reason are the same bytes
 * under the Welsh locale as under C. The command line's --help is Welsh.
 *
 * The Welsh cases need the cy_GB.UTF-8 locale (tools/install-deps.sh) and
 * the Welsh catalogue built next to the tests (a build with the window,
 * which builds po/); they skip, saying which is missing, otherwise.
 */

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "wm-attendance.h"
#include "wm-bundle.h"
#include "wm-case.h"
#include "wm-cli.h"
#include "wm-ctf.h"
#include "wm-date.h"
#include "wm-engine.h"
#include "wm-evaluation.h"
#include "wm-i18n.h"
#include "wm-import.h"
#include "wm-letter.h"
#include "wm-record.h"
#include "wm-store.h"
#include "wm-store-records.h"
#include "wm-test-util.h"

#define OFFICER "A. Officer"
#define PUPIL_UPN "W999200126002"

/* The locale */

static char *locale_dir;

/* Switches the process to Welsh as a Welsh desktop session would start
 * it. Returns %FALSE, having skipped the test, when Welsh is missing. */
static gboolean
switch_to_welsh (void)
{
  g_autofree char *mo = g_build_filename (locale_dir, "cy", "LC_MESSAGES",
                                          GETTEXT_PACKAGE ".mo", NULL);

  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("The Welsh catalogue is not built (configure with -Dgui=enabled)");
      return FALSE;
    }

  if (setlocale (LC_ALL, "cy_GB.UTF-8") == NULL)
    {
      g_test_skip ("The cy_GB.UTF-8 locale is not installed (see tools/install-deps.sh)");
      return FALSE;
    }

  g_setenv ("LANGUAGE", "cy", TRUE);
  return TRUE;
}

static void
switch_to_c (void)
{
  g_unsetenv ("LANGUAGE");
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
}

/* Dates and figures */

static void
test_date_follows_locale (void)
{
  WmDay day = wm_day_from_ymd (2026, 3, 2);
  g_autofree char *welsh = NULL;
  g_autofree char *welsh_range = NULL;
  g_autofree char *welsh_span = NULL;
  g_autofree char *english = NULL;
  g_autofree char *english_range = NULL;

  if (!switch_to_welsh ())
    return;

  welsh = wm_day_format_long (day);
  welsh_range = wm_day_range_format (day, wm_day_from_ymd (2026, 3, 27));
  welsh_span = wm_day_range_format (wm_day_from_ymd (2025, 12, 15), day);

  wm_i18n_english_begin ();
  english = wm_day_format_long (day);
  english_range = wm_day_range_format (day, wm_day_from_ymd (2026, 3, 27));
  wm_i18n_english_end ();
  switch_to_c ();

  g_assert_cmpstr (welsh, ==, "2 Mawrth 2026");
  g_assert_cmpstr (welsh_range, ==, "2 i 27 Mawrth 2026");
  g_assert_cmpstr (welsh_span, ==, "15 Rhagfyr 2025 i 2 Mawrth 2026");
  g_assert_cmpstr (english, ==, "2 March 2026");
  g_assert_cmpstr (english_range, ==, "2 to 27 March 2026");
}

/* The C locale's own month names are English, so the window of a program
 * started without a locale reads as before. */
static void
test_date_c_locale (void)
{
  g_autofree char *date = wm_day_format_long (wm_day_from_ymd (2026, 2, 23));
  g_autofree char *range = wm_day_range_format (wm_day_from_ymd (2026, 2, 23),
                                                wm_day_from_ymd (2026, 3, 20));
  g_autofree char *percent = wm_percent_format (825);

  g_assert_cmpstr (date, ==, "23 February 2026");
  g_assert_cmpstr (range, ==, "23 February to 20 March 2026");
  g_assert_cmpstr (percent, ==, "82.5");
}

/* Scopes nest: ending an inner scope leaves the outer one English. */
static void
test_scope_nests (void)
{
  g_assert_false (wm_i18n_is_english ());
  wm_i18n_english_begin ();
  wm_i18n_english_begin ();
  wm_i18n_english_end ();
  g_assert_true (wm_i18n_is_english ());
  wm_i18n_english_end ();
  g_assert_false (wm_i18n_is_english ());

  {
    g_auto(WmEnglishScope) english = wm_english_scope_begin ();

    g_assert_true (wm_i18n_is_english ());
  }
  g_assert_false (wm_i18n_is_english ());
}

static void
fill_evaluation (WmEvaluation *e)
{
  memset (e, 0, sizeof *e);
  e->level = e->level_high = 2;
  e->attended = 33;
  e->possible = 40;
  e->percent_tenths = 825;
  e->window_weeks = 4;
  e->window_start = wm_day_from_ymd (2026, 3, 2);
  e->window_end = wm_day_from_ymd (2026, 3, 27);
}

/* The reason the window shows is Welsh, with the Welsh plural after 2;
 * inside an English scope it is the English one, word for word. */
static void
test_reason_follows_locale (void)
{
  WmEvaluation e;
  g_autofree char *welsh = NULL;
  g_autofree char *welsh_two = NULL;
  g_autofree char *english = NULL;

  fill_evaluation (&e);
  if (!switch_to_welsh ())
    return;

  welsh = wm_evaluation_describe (&e);
  e.window_weeks = 2;
  e.window_end = wm_day_from_ymd (2026, 3, 13);
  welsh_two = wm_evaluation_describe (&e);
  fill_evaluation (&e);
  wm_i18n_english_begin ();
  english = wm_evaluation_describe (&e);
  wm_i18n_english_end ();
  switch_to_c ();

  g_assert_cmpstr (welsh, ==, "Lefel 2: 33 o 40 sesiwn bosibl wedi'u mynychu (82.5%) "
                              "yn y 4 wythnos ysgol 2 i 27 Mawrth 2026");
  g_assert_cmpstr (welsh_two, ==, "Lefel 2: 33 o 40 sesiwn bosibl wedi'u mynychu (82.5%) "
                                  "yn y 2 wythnos ysgol 2 i 13 Mawrth 2026");
  g_assert_cmpstr (english, ==, "Level 2: 33 of 40 possible sessions attended (82.5%) "
                                "in the 4 school weeks 2 to 27 March 2026");
}

/* Record validation */

static JsonObject *
visit_with_next_date (const char *next)
{
  JsonObject *visit = json_object_new ();

  json_object_set_string_member (visit, "date", "02/03/2026");
  json_object_set_string_member (visit, "visited_by", OFFICER);
  json_object_set_string_member (visit, "outcome", "no-answer");
  json_object_set_string_member (visit, "next_visit_date", next);
  return visit;
}

/* A wrong field is named by its name, whatever the language of its
 * label, so the form can show the Welsh message under the right field;
 * the message itself starts with the Welsh label. */
static void
test_validation_welsh (void)
{
  const WmRecordKind *kind = wm_record_kind_lookup ("home-visit");
  g_autoptr(JsonObject) visit = visit_with_next_date ("31/02/2026");
  g_autoptr(GError) welsh_error = NULL;
  g_autoptr(GError) english_error = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *english_problem = NULL;
  const char *field = NULL;
  const char *english_field = NULL;

  if (!switch_to_welsh ())
    return;

  g_assert_false (wm_record_validate_field (kind, visit, &field, &problem, &welsh_error));
  wm_i18n_english_begin ();
  g_assert_false (wm_record_validate_field (kind, visit, &english_field, &english_problem,
                                            &english_error));
  wm_i18n_english_end ();
  switch_to_c ();

  g_assert_cmpstr (field, ==, "next_visit_date");
  g_assert_cmpstr (problem, ==, "nid yw 31/02/2026 yn ddyddiad; ysgrifennwch ef fel "
                                "DD/MM/BBBB, diwrnod sy'n bodoli");
  g_assert_cmpstr (welsh_error->message, ==, "Dyddiad yr ymweliad nesaf: nid yw 31/02/2026 "
                   "yn ddyddiad; ysgrifennwch ef fel DD/MM/BBBB, diwrnod sy'n bodoli");
  g_assert_cmpstr (english_field, ==, "next_visit_date");
  g_assert_cmpstr (english_problem, ==, "31/02/2026 is not a date; write it as DD/MM/YYYY, "
                                        "a day that exists");
  g_assert_cmpstr (english_error->message, ==, "Next visit date: 31/02/2026 is not a date; "
                   "write it as DD/MM/YYYY, a day that exists");
}

/* An item of a list is reported under the list, by the list's name. */
static void
test_validation_names_field (void)
{
  const WmRecordKind *kind = wm_record_kind_lookup ("home-visit");
  g_autoptr(JsonObject) visit = visit_with_next_date ("09/03/2026");
  g_autoptr(JsonObject) item = json_object_new ();
  g_autoptr(JsonArray) actions = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  const char *field = NULL;

  json_object_set_string_member (item, "owner", "Parent");
  json_array_add_object_element (actions, g_steal_pointer (&item));
  json_object_set_array_member (visit, "agreed_actions", g_steal_pointer (&actions));

  g_assert_false (wm_record_validate_field (kind, visit, &field, &problem, &error));
  g_assert_cmpstr (field, ==, "agreed_actions");
  g_assert_cmpstr (problem, ==, "item 1, Action: this field is required");
  g_assert_cmpstr (error->message, ==, "Agreed actions, item 1, Action: this field is required");
}

/* A missing partner field is reported by the partner's name, not by the
 * name of the field that needs it. */
static void
test_validation_names_partner (void)
{
  const WmRecordKind *kind = wm_record_kind_lookup ("safeguarding");
  g_autoptr(JsonObject) concern = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  const char *field = NULL;

  json_object_set_string_member (concern, "date", "02/03/2026");
  json_object_set_string_member (concern, "concern", "Bruising seen");
  json_object_set_string_member (concern, "closed_date", "09/03/2026");

  g_assert_false (wm_record_validate_field (kind, concern, &field, &problem, &error));
  g_assert_cmpstr (field, ==, "closed_outcome");
  g_assert_cmpstr (problem, ==, "give it as well as the Date the concern was closed");
  g_assert_cmpstr (error->message, ==, "Outcome when closed: give it as well as the "
                                       "Date the concern was closed");
}

/* Documents */

typedef struct
{
  WmStore *store;
  gint64   pupil_id;
} Fixture;

static void
add_home_visit (Fixture *fixture,
                gint64   case_id)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  json_object_set_string_member (body, "date", "2026-03-10");
  json_object_set_string_member (body, "visited_by", OFFICER);
  json_object_set_string_member (body, "outcome", "no-answer");
  id = wm_record_save_draft (fixture->store, case_id, 0, "home-visit", body,
                             OFFICER, &error);
  g_assert_no_error (error);
  g_assert_true (wm_record_finalise (fixture->store, id, OFFICER, &error));
  g_assert_no_error (error);
}

/* A pupil with four weeks of register, evaluated twice so that a level
 * change is stored, and a case with a home visit. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *ctf = g_test_build_filename (G_TEST_DIST, "fixtures", "cli",
                                                "four-weeks.xml", NULL);
  g_autofree char *path = wm_test_file_path ("i18n.db");
  static const char * const dates[] = { "2026-03-13", "2026-03-27" };
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 case_id;

  fixture->store = wm_store_open (path, &error);
  g_assert_no_error (error);
  wm_ctf_global_init ();
  report = wm_import_file (fixture->store, ctf, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  fixture->pupil_id = wm_store_find_pupil_by_upn (fixture->store, PUPIL_UPN);
  g_assert_cmpint (fixture->pupil_id, >, 0);

  g_array_append_val (ids, fixture->pupil_id);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(WmEngine) engine = wm_engine_new (fixture->store, wm_test_day (dates[i]));

      g_assert_true (wm_engine_evaluate_and_save (engine, ids, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  case_id = wm_case_open (fixture->store, fixture->pupil_id, wm_test_day ("2026-03-02"),
                          "Attendance below 90%", OFFICER, OFFICER, &error);
  g_assert_no_error (error);
  add_home_visit (fixture, case_id);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
}

static GBytes *
export_bundle (Fixture    *fixture,
               const char *name)
{
  g_autofree char *path = wm_test_file_path (name);
  g_autoptr(GError) error = NULL;
  WmBundleOptions options;
  char *contents = NULL;
  gsize length;

  wm_bundle_options_init (&options, wm_test_day ("2026-03-27"));
  g_assert_true (wm_bundle_export (fixture->store, fixture->pupil_id, &options, path,
                                   NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

/* The bundle is for an English court: under the Welsh locale it is the
 * same bytes as under C, the reasons of the level changes the Welsh
 * evaluator stored included. */
static void
test_bundle_english (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GBytes) welsh = NULL;
  g_autoptr(GBytes) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmEngine) engine = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!switch_to_welsh ())
    return;

  /* A third evaluation, under Welsh, on a date that changes the level. */
  g_array_append_val (ids, fixture->pupil_id);
  engine = wm_engine_new (fixture->store, wm_test_day ("2026-03-06"));
  g_assert_true (wm_engine_evaluate_and_save (engine, ids, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  welsh = export_bundle (fixture, "welsh.pdf");
  switch_to_c ();
  c = export_bundle (fixture, "c.pdf");

  g_assert_cmpuint (g_bytes_get_size (c), >, 10000);
  g_assert_cmpmem (g_bytes_get_data (welsh, NULL), g_bytes_get_size (welsh),
                   g_bytes_get_data (c, NULL), g_bytes_get_size (c));
}

static GBytes *
render_letter (const char *name)
{
  g_autofree char *template = g_test_build_filename (G_TEST_DIST, "..", "data", "letters",
                                                     "home-visit-card.txt", NULL);
  g_autofree char *path = wm_test_file_path (name);
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(WmLetter) letter = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_hash_table_insert (values, (gpointer) "pupil.forename", (gpointer) "Sam");
  g_hash_table_insert (values, (gpointer) "pupil.surname", (gpointer) "Example");
  g_hash_table_insert (values, (gpointer) "school.name", (gpointer) "Northfield School");
  g_hash_table_insert (values, (gpointer) "school.address", (gpointer) "1 School Lane");
  g_hash_table_insert (values, (gpointer) "school.phone", (gpointer) "01632 960000");
  g_hash_table_insert (values, (gpointer) "parent.name", (gpointer) "Ann Example");
  g_hash_table_insert (values, (gpointer) "parent.address", (gpointer) "2 Home Road");
  g_hash_table_insert (values, (gpointer) "officer.name", (gpointer) "Alex Officer");
  g_hash_table_insert (values, (gpointer) "officer.role", (gpointer) "Attendance Officer");
  g_hash_table_insert (values, (gpointer) "officer.phone", (gpointer) "01632 960001");
  g_hash_table_insert (values, (gpointer) "visit.date", (gpointer) "Friday 13 March 2026");
  g_hash_table_insert (values, (gpointer) "visit.time", (gpointer) "10:15");

  letter = wm_letter_new_from_file (template, values, wm_test_day ("2026-03-13"), &error);
  g_assert_no_error (error);
  g_assert_true (wm_letter_render_to_file (letter, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

/* A letter is English for English-speaking parents, its date included. */
static void
test_letter_english (void)
{
  g_autoptr(GBytes) welsh = NULL;
  g_autoptr(GBytes) c = NULL;

  if (!switch_to_welsh ())
    return;

  welsh = render_letter ("welsh.pdf");
  switch_to_c ();
  c = render_letter ("c.pdf");

  g_assert_cmpuint (g_bytes_get_size (c), >, 1000);
  g_assert_cmpmem (g_bytes_get_data (welsh, NULL), g_bytes_get_size (welsh),
                   g_bytes_get_data (c, NULL), g_bytes_get_size (c));
}

/* The command line */

static void
run_help (void)
{
  g_autoptr(GApplication) application = NULL;
  WmCliOptions options = { 0 };
  char *argv[] = { (char *) "waymark", (char *) "--help", NULL };

  /* As the program does before anything is printed (src/main.c). */
  textdomain (GETTEXT_PACKAGE);
  application = g_application_new ("io.github.waymark.HelpTest", G_APPLICATION_NON_UNIQUE);
  wm_cli_add_option_entries (application, &options);
  exit (g_application_run (application, 2, argv));
}

/* --help describes each option in the user's language. */
static void
test_cli_help_welsh (void)
{
  if (g_test_subprocess ())
    {
      g_assert_true (switch_to_welsh ());
      run_help ();
      return;
    }

  if (!switch_to_welsh ())
    return;
  switch_to_c ();

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*--evaluate*Argraffu lefel a ffigurau presenoldeb pob disgybl a gadael*");
  g_test_trap_assert_stdout ("*--as-of=YYYY-MM-DD*Gwerthuso ar y dyddiad hwn yn lle heddiw*");
  g_test_trap_assert_stdout_unmatched ("*Evaluate as of this date instead of today*");
}

/* Under C the same help is English, so the Welsh above is a translation. */
static void
test_cli_help_c (void)
{
  if (g_test_subprocess ())
    {
      switch_to_c ();
      run_help ();
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*--as-of=YYYY-MM-DD*Evaluate as of this date instead of today*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* The catalogue built next to the tests, in gettext's layout
   * (po/cy/LC_MESSAGES/waymark.mo). */
  locale_dir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/i18n/scope/nests", test_scope_nests);
  g_test_add_func ("/i18n/date/follows-locale", test_date_follows_locale);
  g_test_add_func ("/i18n/date/c-locale-is-english", test_date_c_locale);
  g_test_add_func ("/i18n/reason/follows-locale", test_reason_follows_locale);
  g_test_add_func ("/i18n/record/validation-welsh", test_validation_welsh);
  g_test_add_func ("/i18n/record/validation-names-field", test_validation_names_field);
  g_test_add_func ("/i18n/record/validation-names-partner", test_validation_names_partner);
  g_test_add ("/i18n/bundle/english-under-welsh", Fixture, NULL,
              fixture_set_up, test_bundle_english, fixture_tear_down);
  g_test_add_func ("/i18n/letter/english-under-welsh", test_letter_english);
  g_test_add_func ("/i18n/cli/help-welsh", test_cli_help_welsh);
  g_test_add_func ("/i18n/cli/help-c", test_cli_help_c);

  return g_test_run ();
}
