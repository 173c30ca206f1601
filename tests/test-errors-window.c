/* test-errors-window.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read failures reach the officer, under a real display (Xvfb). Each
 * test opens the window on a real database, then breaks a table the
 * view reads through a second SQLite connection, as another program or
 * a damaged file would, and reloads the view. It checks the exact
 * message shown in place or in a toast, and that "Try Again" loads the
 * view once the table is back. Every wait is a bounded spin of the main
 * context.
 */

#include <sqlite3.h>

#include "wm-attendance-page.h"
#include "wm-backup-scheduler.h"
#include "wm-case-bar.h"
#include "wm-case.h"
#include "wm-escalation-page.h"
#include "wm-people-page.h"
#include "wm-preferences-window.h"
#include "wm-search-popover.h"
#include "wm-test-display.h"
#include "wm-timeline-page.h"
#include "wm-today-view.h"
#include "wm-window-private.h"

#define OFFICER "A. Officer"

typedef struct
{
  char       *db_path;
  WmStore    *store;
  gint64      pupil_id;
  WmWindow   *window;
  WmCaseView *view;
} Fixture;

static WmApplication *application;

/* Finding what the window shows */

/* Counts the mapped labels under @widget whose text is @text. */
static guint
count_labels (GtkWidget  *widget,
              const char *text)
{
  guint n = GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
            && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_labels (child, text);

  return n;
}

/* Returns the first visible button under @widget labelled @label, or
 * NULL. wm_test_find_button() also returns hidden buttons, and the case
 * bar hides its buttons rather than removing them. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget)
      && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Returns the first widget of @type in the pupil's tab, or NULL. */
static gpointer
view_part (Fixture *fixture,
           GType    type)
{
  return wm_test_find_descendant (GTK_WIDGET (fixture->view), type);
}

/* Breaking the database from outside */

/* Runs @sql on a connection of its own, as another program would. */
static void
run_sql (Fixture    *fixture,
         const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (fixture->db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* Builds the store's message for a query on a missing table. It names
 * the database file and what to do next. */
static char *
missing_table_message (Fixture    *fixture,
                       const char *doing,
                       const char *table)
{
  return g_strdup_printf ("Database error while %s in %s: the database reported a problem "
                          "Waymark does not know (SQLite: no such table: %s). Try again; if "
                          "it keeps failing, restore a backup.",
                          doing, fixture->db_path, table);
}

/* Fixture: one pupil in a new database, its tab open */

static gboolean
pupil_listed (gpointer data)
{
  Fixture *fixture = data;

  return wm_pupil_list_get_n_pupils (wm_window_get_pupil_list (fixture->window)) == 1;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GSettings *settings = wm_application_get_settings (application);
  g_autoptr(GError) error = NULL;
  const char *dir = g_get_user_data_dir ();
  AdwTabView *tabs;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_settings_set_string (settings, "officer-name", OFFICER);
  g_settings_set_string (settings, "backup-schedule", "off");
  g_settings_set_string (settings, "backup-folder", "");
  fixture->db_path = g_build_filename (dir, "errors.db", NULL);
  fixture->store = wm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  fixture->pupil_id = wm_test_add_pupil (fixture->store, "801200026001", NULL);

  /* The size is set before the window is first shown, which
   * wm_test_open_window() does at once. */
  fixture->window = g_object_ref (wm_window_new (GTK_APPLICATION (application),
                                                 fixture->db_path));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 760);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (wm_test_spin_until (pupil_listed, fixture, WM_TEST_WAIT_MS));

  wm_window_open_pupil (fixture->window, fixture->pupil_id);
  tabs = wm_window_get_tab_view (fixture->window);
  fixture->view = WM_CASE_VIEW (adw_tab_page_get_child (adw_tab_view_get_nth_page (tabs, 0)));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  wm_test_destroy_windows (&fixture->window);
  g_clear_object (&fixture->store);
  g_free (fixture->db_path);
}

/* Opens a case for the fixture's pupil on 2 March 2026, led by OFFICER,
 * and adds a finalised record of @kind with the JSON body @json. */
static void
open_case_with_record (Fixture    *fixture,
                       const char *kind,
                       const char *json)
{
  g_autoptr(GError) error = NULL;
  gint64 case_id = wm_case_open (fixture->store, fixture->pupil_id, wm_day_from_ymd (2026, 3, 2),
                                 NULL, OFFICER, OFFICER, &error);

  g_assert_no_error (error);
  wm_test_add_record_json (fixture->store, case_id, kind, json, OFFICER);
}

/* The Today view */

static gboolean
today_idle (gpointer data)
{
  return !wm_today_view_is_busy (data);
}

static const char *
visible_page (GtkWidget *widget)
{
  GtkStack *stack = GTK_STACK (wm_test_find_descendant (widget, GTK_TYPE_STACK));

  return gtk_stack_get_visible_child_name (stack);
}

/* A failed list of what is due shows the error in place, not
 * "Nothing Due Today", and "Try Again" loads it once the table is back. */
static void
test_today_list_failure (Fixture       *fixture,
                         gconstpointer  data)
{
  WmTodayView *today = fixture->window->today_view;
  g_autofree char *expected = missing_table_message (fixture, "preparing a query",
                                                     "response_summaries");
  AdwStatusPage *status;
  GtkWidget *button;

  g_assert_true (wm_test_spin_until (today_idle, today, WM_TEST_WAIT_MS));
  g_assert_cmpstr (visible_page (GTK_WIDGET (today)), ==, "empty");

  run_sql (fixture, "ALTER TABLE response_summaries RENAME TO response_summaries_moved");
  gtk_toggle_button_set_active (fixture->window->today_button, TRUE);
  wm_today_view_reload (today);
  g_assert_true (wm_test_spin_until (today_idle, today, WM_TEST_WAIT_MS));

  g_assert_cmpstr (visible_page (GTK_WIDGET (today)), ==, "error");
  status = ADW_STATUS_PAGE (gtk_stack_get_visible_child (
    GTK_STACK (wm_test_find_descendant (GTK_WIDGET (today), GTK_TYPE_STACK))));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Cannot Work Out What Is Due");
  g_assert_cmpstr (adw_status_page_get_description (status), ==,
                   expected);
  wm_test_save_screenshot (GTK_WIDGET (fixture->window), "today-error", 600);

  run_sql (fixture, "ALTER TABLE response_summaries_moved RENAME TO response_summaries");
  button = find_button (GTK_WIDGET (status), "_Try Again");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (wm_test_spin_until (today_idle, today, WM_TEST_WAIT_MS));
  g_assert_cmpstr (visible_page (GTK_WIDGET (today)), ==, "empty");
}

/* The Timeline's drafts */

static gboolean
bar_idle (gpointer data)
{
  return !wm_case_bar_is_busy (data);
}

/* A failed read of the drafts shows the error where they are listed,
 * because an officer who finds none would write the visit up again. */
static void
test_timeline_drafts_failure (Fixture       *fixture,
                              gconstpointer  data)
{
  WmCaseBar *bar = WM_CASE_BAR (view_part (fixture, WM_TYPE_CASE_BAR));
  WmTimelinePage *page = WM_TIMELINE_PAGE (view_part (fixture, WM_TYPE_TIMELINE_PAGE));
  g_autofree char *expected = missing_table_message (fixture, "reading records",
                                                     "record_revisions");
  AdwActionRow *row;
  GtkWidget *button;

  wm_case_bar_open_case (bar, wm_day_from_ymd (2026, 3, 2), "Attendance below 90%", OFFICER);
  g_assert_true (wm_test_spin_until (bar_idle, bar, WM_TEST_WAIT_MS));
  g_assert_cmpint (wm_timeline_page_get_case_id (page), >, 0);

  run_sql (fixture, "ALTER TABLE record_revisions RENAME TO record_revisions_moved");
  wm_timeline_page_reload (page);

  row = ADW_ACTION_ROW (wm_test_find_descendant (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW));
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (row)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Could not read the drafts");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, expected);
  g_assert_cmpuint (count_labels (GTK_WIDGET (page), "Cannot Read the Timeline"), ==, 1);

  run_sql (fixture, "ALTER TABLE record_revisions_moved RENAME TO record_revisions");
  button = find_button (GTK_WIDGET (row), "_Try Again");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_null (wm_test_find_descendant (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW));
  g_assert_cmpuint (count_labels (GTK_WIDGET (page), "Cannot Read the Timeline"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (wm_timeline_page_get_model (page)), ==, 1);
}

/* The escalation page */

static gboolean
escalation_idle (gpointer data)
{
  return !wm_escalation_page_is_busy (data);
}

/* A failed computation of the legal steps shows the error in place, and
 * "Try Again" computes them again. */
static void
test_escalation_failure (Fixture       *fixture,
                         gconstpointer  data)
{
  WmEscalationPage *page = WM_ESCALATION_PAGE (view_part (fixture, WM_TYPE_ESCALATION_PAGE));
  GtkStack *stack = GTK_STACK (wm_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_STACK));
  g_autofree char *expected = missing_table_message (fixture, "preparing a query",
                                                     "record_revisions");
  AdwStatusPage *status;
  GtkWidget *button;

  g_assert_true (wm_test_spin_until (escalation_idle, page, WM_TEST_WAIT_MS));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "content");

  run_sql (fixture, "ALTER TABLE record_revisions RENAME TO record_revisions_moved");
  wm_escalation_page_reload (page);
  g_assert_true (wm_test_spin_until (escalation_idle, page, WM_TEST_WAIT_MS));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
  status = ADW_STATUS_PAGE (gtk_stack_get_visible_child (stack));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Cannot Work Out the Legal Steps");
  g_assert_cmpstr (adw_status_page_get_description (status), ==, expected);

  run_sql (fixture, "ALTER TABLE record_revisions_moved RENAME TO record_revisions");
  button = find_button (GTK_WIDGET (status), "_Try Again");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (wm_test_spin_until (escalation_idle, page, WM_TEST_WAIT_MS));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "content");
}

/* A deadline that falls due today is announced once: the worker
 * records it as sent before it is announced. When that record cannot be
 * written nothing is announced, and a toast says so, since the officer
 * would otherwise wait for a notification that never comes. */
static void
test_today_announce_failure (Fixture       *fixture,
                             gconstpointer  data)
{
  WmTodayView *today = fixture->window->today_view;
  g_autofree char *missing = missing_table_message (fixture, "preparing a query",
                                                    "notifications_sent");
  g_autofree char *expected = g_strconcat ("Could not announce the deadlines due today: ",
                                           missing, NULL);

  open_case_with_record (fixture, "attendance-plan",
                         "{\"start_date\": \"2026-03-13\", \"review_date\": \"2026-03-27\", "
                         "\"target\": \"95% over the next four weeks\", "
                         "\"status\": \"active\"}");
  run_sql (fixture, "ALTER TABLE notifications_sent RENAME TO notifications_sent_moved");
  gtk_toggle_button_set_active (fixture->window->today_button, TRUE);
  wm_today_view_set_as_of (today, wm_day_from_ymd (2026, 3, 27));
  g_assert_true (wm_test_spin_until (today_idle, today, WM_TEST_WAIT_MS));
  wm_test_spin_for (300);

  g_assert_cmpuint (wm_today_view_get_n_notified (today), ==, 0);
  g_assert_cmpuint (count_labels (GTK_WIDGET (fixture->window), expected), ==, 1);
  wm_test_save_screenshot (GTK_WIDGET (fixture->window), "today-announce-error", 600);
  run_sql (fixture, "ALTER TABLE notifications_sent_moved RENAME TO notifications_sent");
}

/* The case bar */

/* Cases that cannot be read are not passed off as no case, which would
 * offer to open a second one. */
static void
test_case_bar_failure (Fixture       *fixture,
                       gconstpointer  data)
{
  WmCaseBar *bar = WM_CASE_BAR (view_part (fixture, WM_TYPE_CASE_BAR));
  g_autofree char *missing = missing_table_message (fixture, "reading cases", "cases");
  g_autofree char *expected = g_strconcat ("Could not read the pupil's cases: ", missing, NULL);

  run_sql (fixture, "ALTER TABLE cases RENAME TO cases_moved");
  wm_case_bar_reload (bar);

  g_assert_cmpstr (wm_case_bar_get_status_text (bar), ==, expected);
  g_assert_null (find_button (GTK_WIDGET (bar), "_Open Case…"));

  run_sql (fixture, "ALTER TABLE cases_moved RENAME TO cases");
  g_signal_emit_by_name (find_button (GTK_WIDGET (bar), "_Try Again"), "clicked");
  g_assert_cmpstr (wm_case_bar_get_status_text (bar), ==, "No case is open for this pupil.");
  g_assert_nonnull (find_button (GTK_WIDGET (bar), "_Open Case…"));
  g_assert_null (find_button (GTK_WIDGET (bar), "_Try Again"));
}

/* The safeguarding records that cannot be read are not passed off as
 * no concern: where the banner would be, the bar says why, with "Try
 * Again", and the banner comes back once they can be read. */
static void
test_case_bar_concern_failure (Fixture       *fixture,
                               gconstpointer  data)
{
  WmCaseBar *bar = WM_CASE_BAR (view_part (fixture, WM_TYPE_CASE_BAR));
  const char *banner = "Safeguarding concern recorded: see the restricted section of the "
                       "Timeline";
  g_autofree char *missing = missing_table_message (fixture, "reading the timeline",
                                                    "record_revisions");
  g_autofree char *expected = g_strconcat ("Could not read whether a safeguarding concern is "
                                           "recorded: ", missing, NULL);

  open_case_with_record (fixture, "safeguarding",
                         "{\"date\": \"2026-03-04\", \"concern\": \"Bruise on the arm\"}");
  wm_case_bar_reload (bar);
  g_assert_true (wm_case_bar_get_concern_shown (bar));
  g_assert_cmpuint (count_labels (GTK_WIDGET (bar), banner), ==, 1);

  run_sql (fixture, "ALTER TABLE record_revisions RENAME TO record_revisions_moved");
  wm_case_bar_reload (bar);

  g_assert_false (wm_case_bar_get_concern_shown (bar));
  g_assert_cmpuint (count_labels (GTK_WIDGET (bar), banner), ==, 0);
  g_assert_cmpuint (count_labels (GTK_WIDGET (bar), expected), ==, 1);
  g_assert_cmpstr (wm_case_bar_get_status_text (bar), ==,
                   "Case open since 2 March 2026 · Lead officer: " OFFICER);
  wm_test_save_screenshot (GTK_WIDGET (fixture->window), "case-bar-concern-error", 600);

  run_sql (fixture, "ALTER TABLE record_revisions_moved RENAME TO record_revisions");
  g_signal_emit_by_name (find_button (GTK_WIDGET (bar), "_Try Again"), "clicked");
  g_assert_true (wm_case_bar_get_concern_shown (bar));
  g_assert_cmpuint (count_labels (GTK_WIDGET (bar), banner), ==, 1);
  g_assert_cmpuint (count_labels (GTK_WIDGET (bar), expected), ==, 0);
  g_assert_null (find_button (GTK_WIDGET (bar), "_Try Again"));
}

/* The Attendance page */

static gboolean
attendance_idle (gpointer data)
{
  return !wm_attendance_page_is_busy (data);
}

/* A register that cannot be read shows why in place of the weeks, not
 * an empty register, and "Try Again" reads it once the table is back. */
static void
test_attendance_failure (Fixture       *fixture,
                         gconstpointer  data)
{
  WmAttendancePage *page = WM_ATTENDANCE_PAGE (view_part (fixture, WM_TYPE_ATTENDANCE_PAGE));
  GtkStack *stack = GTK_STACK (wm_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_STACK));
  g_autofree char *expected = missing_table_message (fixture, "preparing a query", "marks");
  AdwStatusPage *status;
  GtkWidget *button;

  g_assert_true (wm_test_spin_until (attendance_idle, page, WM_TEST_WAIT_MS));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "content");

  run_sql (fixture, "ALTER TABLE marks RENAME TO marks_moved");
  wm_attendance_page_reload (page);
  g_assert_true (wm_test_spin_until (attendance_idle, page, WM_TEST_WAIT_MS));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
  status = ADW_STATUS_PAGE (gtk_stack_get_visible_child (stack));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Cannot Read the Register");
  g_assert_cmpstr (adw_status_page_get_description (status), ==, expected);

  run_sql (fixture, "ALTER TABLE marks_moved RENAME TO marks");
  button = find_button (GTK_WIDGET (status), "_Try Again");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (wm_test_spin_until (attendance_idle, page, WM_TEST_WAIT_MS));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "content");
}

/* The People page */

/* The first row titled @title in @box, or %NULL. */
static AdwActionRow *
find_row (GtkListBox *box,
          const char *title)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row)
        && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
      return ADW_ACTION_ROW (row);

  return NULL;
}

/* Contacts and siblings that cannot be read are not passed off as none,
 * which would have the officer add a parent twice: each list shows the
 * error in a row with "Try Again". */
static void
test_people_failure (Fixture       *fixture,
                     gconstpointer  data)
{
  WmPeoplePage *page = WM_PEOPLE_PAGE (view_part (fixture, WM_TYPE_PEOPLE_PAGE));
  GtkListBox *contacts = wm_people_page_get_contacts (page);
  GtkListBox *siblings = wm_people_page_get_siblings (page);
  g_autofree char *contacts_missing = missing_table_message (fixture, "reading contacts",
                                                             "contacts");
  g_autofree char *siblings_missing = missing_table_message (fixture, "reading siblings",
                                                             "pupil_links");
  AdwActionRow *row;

  g_assert_nonnull (find_row (contacts, "No parent, carer or other contact yet"));

  run_sql (fixture, "ALTER TABLE contacts RENAME TO contacts_moved;"
                    "ALTER TABLE pupil_links RENAME TO pupil_links_moved");
  wm_people_page_reload (page);

  g_assert_null (find_row (contacts, "No parent, carer or other contact yet"));
  row = find_row (contacts, "Could not read the contacts");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, contacts_missing);
  row = find_row (siblings, "Could not read the siblings");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, siblings_missing);

  run_sql (fixture, "ALTER TABLE contacts_moved RENAME TO contacts;"
                    "ALTER TABLE pupil_links_moved RENAME TO pupil_links");
  g_signal_emit_by_name (find_button (GTK_WIDGET (row), "_Try Again"), "clicked");
  g_assert_null (find_row (contacts, "Could not read the contacts"));
  g_assert_null (find_row (siblings, "Could not read the siblings"));
  g_assert_nonnull (find_row (contacts, "No parent, carer or other contact yet"));
}

/* The search of every record */

static gboolean
search_idle (gpointer data)
{
  return !wm_search_popover_is_busy (data);
}

/* A search that fails says so where the results would be, not "No
 * records found", which would be read as "nothing was written". */
static void
test_search_failure (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *found = wm_test_find_descendant (GTK_WIDGET (fixture->window),
                                              WM_TYPE_SEARCH_POPOVER);
  WmSearchPopover *search = WM_SEARCH_POPOVER (found);
  g_autofree char *missing = missing_table_message (fixture, "preparing a query",
                                                    "record_search");
  g_autofree char *expected = g_strconcat ("The records could not be searched: ", missing,
                                           NULL);

  run_sql (fixture, "ALTER TABLE record_search RENAME TO record_search_moved");
  gtk_editable_set_text (wm_search_popover_get_entry (search), "budgerigar");
  g_assert_true (wm_test_spin_until (search_idle, search, WM_TEST_WAIT_MS));
  wm_test_spin_for (100);

  g_assert_cmpuint (count_labels (GTK_WIDGET (search), expected), ==, 1);
  g_assert_cmpuint (count_labels (GTK_WIDGET (search), "No records found"), ==, 0);
  g_assert_cmpuint (gtk_widget_get_visible (GTK_WIDGET (wm_search_popover_get_results (search))),
                    ==, FALSE);

  run_sql (fixture, "ALTER TABLE record_search_moved RENAME TO record_search");
  gtk_editable_set_text (wm_search_popover_get_entry (search), "budgerigars");
  g_assert_true (wm_test_spin_until (search_idle, search, WM_TEST_WAIT_MS));
  wm_test_spin_for (100);
  g_assert_cmpuint (count_labels (GTK_WIDGET (search), expected), ==, 0);
  g_assert_cmpuint (count_labels (GTK_WIDGET (search), "No records found"), ==, 1);
}

/* Preferences */

/* A list of schools that cannot be read is told in a toast on the
 * Preferences window, because its school lists would otherwise look as
 * if no school had been imported. */
static void
test_preferences_schools_failure (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *missing = missing_table_message (fixture, "listing the schools", "schools");
  g_autofree char *expected = g_strconcat ("Could not list the schools: ", missing, NULL);
  WmPreferencesWindow *preferences;

  run_sql (fixture, "ALTER TABLE schools RENAME TO schools_moved");
  preferences = wm_preferences_window_new (fixture->window);
  gtk_window_present (GTK_WINDOW (preferences));
  wm_test_spin_for (300);

  g_assert_cmpuint (count_labels (GTK_WIDGET (preferences), expected), ==, 1);
  wm_test_save_screenshot (GTK_WIDGET (preferences), "preferences-schools-error", 600);
  gtk_window_destroy (GTK_WINDOW (preferences));
  run_sql (fixture, "ALTER TABLE schools_moved RENAME TO schools");
}

/* The evaluation */

static gboolean
evaluator_idle (gpointer data)
{
  WmWindow *window = data;

  return !window->evaluating && !wm_evaluator_is_busy (window->evaluator);
}

/* An evaluation that fails is told in a toast, because the levels and
 * deadlines shown are then out of date. */
static void
test_evaluation_failure (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *missing = missing_table_message (fixture, "taking the pupils to evaluate",
                                                    "dirty_pupils");
  g_autofree char *expected = g_strconcat ("Could not work out the levels and deadlines: ",
                                           missing, NULL);

  g_assert_true (wm_test_spin_until (evaluator_idle, fixture->window, WM_TEST_WAIT_MS));
  run_sql (fixture, "ALTER TABLE dirty_pupils RENAME TO dirty_pupils_moved");
  _wm_window_wake_evaluator (fixture->window);
  g_assert_true (wm_test_spin_until (evaluator_idle, fixture->window, WM_TEST_WAIT_MS));
  wm_test_spin_for (300);

  g_assert_cmpuint (count_labels (GTK_WIDGET (fixture->window), expected), ==, 1);
  wm_test_save_screenshot (GTK_WIDGET (fixture->window), "evaluation-error", 600);
  run_sql (fixture, "ALTER TABLE dirty_pupils_moved RENAME TO dirty_pupils");
}

/* Automatic backups */

static gboolean
backup_idle (gpointer data)
{
  return !wm_backup_scheduler_is_running (data);
}

static void
count_failure (WmBackupScheduler *scheduler,
               const char        *message,
               guint             *n_failed)
{
  (*n_failed)++;
}

/* A backup folder that cannot be created is reported once, in a toast
 * that stays and opens Preferences, not again at every hourly retry. */
static void
test_backup_failure (Fixture       *fixture,
                     gconstpointer  data)
{
  GSettings *settings = wm_application_get_settings (application);
  g_autofree char *blocker = g_build_filename (g_get_user_data_dir (), "not-a-folder", NULL);
  g_autofree char *folder = g_build_filename (blocker, "backups", NULL);
  g_autofree char *expected = NULL;
  WmBackupScheduler *scheduler;
  guint n_failed = 0;

  /* A file where the folder's parent should be: mkdir fails with
   * ENOTDIR, as on a disk that is not mounted the way it was. */
  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  g_settings_set_string (settings, "backup-folder", folder);
  g_settings_set_string (settings, "backup-schedule", "daily");
  scheduler = fixture->window->backup_scheduler;
  g_assert_nonnull (scheduler);
  g_signal_connect (scheduler, "failed", G_CALLBACK (count_failure), &n_failed);

  wm_backup_scheduler_check_now (scheduler);
  g_assert_true (wm_test_spin_until (backup_idle, scheduler, WM_TEST_WAIT_MS));
  g_assert_cmpuint (n_failed, ==, 1);

  expected = g_strdup_printf ("Automatic backup failed: Could not create the backup folder %s: "
                              "Not a directory. Choose another folder for backups", folder);
  wm_test_spin_for (300);
  g_assert_cmpuint (count_labels (GTK_WIDGET (fixture->window), expected), ==, 1);
  g_assert_nonnull (find_button (GTK_WIDGET (fixture->window), "_Preferences"));
  wm_test_save_screenshot (GTK_WIDGET (fixture->window), "backup-toast", 600);

  wm_backup_scheduler_check_now (scheduler);
  g_assert_true (wm_test_spin_until (backup_idle, scheduler, WM_TEST_WAIT_MS));
  g_assert_cmpuint (n_failed, ==, 1);
  g_signal_handlers_disconnect_by_func (scheduler, count_failure, &n_failed);
  g_settings_set_string (settings, "backup-schedule", "off");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  wm_test_display_init (&argc, &argv);

  /* The window logs each failure for developers, as it should. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  application = wm_test_application_new ();

  g_test_add ("/errors-window/today/list-failure-shown", Fixture, NULL,
              fixture_set_up, test_today_list_failure, fixture_tear_down);
  g_test_add ("/errors-window/today/announce-failure-told", Fixture, NULL,
              fixture_set_up, test_today_announce_failure, fixture_tear_down);
  g_test_add ("/errors-window/timeline/drafts-failure-shown", Fixture, NULL,
              fixture_set_up, test_timeline_drafts_failure, fixture_tear_down);
  g_test_add ("/errors-window/escalation/failure-shown", Fixture, NULL,
              fixture_set_up, test_escalation_failure, fixture_tear_down);
  g_test_add ("/errors-window/case-bar/failure-shown", Fixture, NULL,
              fixture_set_up, test_case_bar_failure, fixture_tear_down);
  g_test_add ("/errors-window/case-bar/concern-failure-shown", Fixture, NULL,
              fixture_set_up, test_case_bar_concern_failure, fixture_tear_down);
  g_test_add ("/errors-window/attendance/failure-shown", Fixture, NULL,
              fixture_set_up, test_attendance_failure, fixture_tear_down);
  g_test_add ("/errors-window/people/failure-shown", Fixture, NULL,
              fixture_set_up, test_people_failure, fixture_tear_down);
  g_test_add ("/errors-window/search/failure-shown", Fixture, NULL,
              fixture_set_up, test_search_failure, fixture_tear_down);
  g_test_add ("/errors-window/preferences/schools-failure-told", Fixture, NULL,
              fixture_set_up, test_preferences_schools_failure, fixture_tear_down);
  g_test_add ("/errors-window/evaluation/failure-told", Fixture, NULL,
              fixture_set_up, test_evaluation_failure, fixture_tear_down);
  g_test_add ("/errors-window/backup/failure-told-once", Fixture, NULL,
              fixture_set_up, test_backup_failure, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
