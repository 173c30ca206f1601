/* test-escalation-window.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The graduated response in the window, under a real display (Xvfb). The
 * Escalation page lists each legal step's missing evidence exactly as the
 * core computes it, and drops an item once its record exists. The
 * Attendance page has one register row per school week. Today lists an
 * overdue deadline under the pupil's name and announces a deadline
 * falling due once a day. The pages compute as of a fixed date so that
 * the answers do not depend on the day the tests run. Every wait is a
 * bounded spin of the main context.
 */

#include <adwaita.h>
#include <string.h>

#include "wm-application.h"
#include "wm-attendance-page.h"
#include "wm-case-view.h"
#include "wm-case.h"
#include "wm-engine.h"
#include "wm-escalation-page.h"
#include "wm-record-editor.h"
#include "wm-store-records.h"
#include "wm-test-display.h"
#include "wm-today-view.h"
#include "wm-window.h"

typedef struct
{
  char       *db_path;
  WmStore    *store;
  gint64      pupil_id;
  gint64      case_id;
  WmDay       as_of;
  WmWindow   *window;
  WmCaseView *view;
} Fixture;

static WmApplication *application;

/* The ids of the desktop notifications the application sent. */
static GPtrArray *notifications_sent;

/* Finding what the window shows */

static GtkWidget *
nth_row (GtkListBox *box,
         guint       index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (box, (int) index);

  g_assert_nonnull (row);
  return GTK_WIDGET (row);
}

static const char *
row_title (GtkWidget *row)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static const char *
row_subtitle (GtkWidget *row)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* The button a missing item's row carries, if any. */
static GtkWidget *
row_button (GtkWidget *row)
{
  return wm_test_find_descendant (row, GTK_TYPE_BUTTON);
}

/* Building the case */

static void
import_marks (WmStore    *store,
              gint64      pupil_id,
              gint64      school_id,
              const char *first_day,
              const char *marks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmRegister) reg = NULL;
  gint64 import_id;

  reg = wm_register_new_from_string (wm_day_from_iso (first_day), marks, &error);
  g_assert_no_error (error);
  g_assert_true (wm_store_begin (store, &error));
  import_id = wm_store_begin_import (store, "csv", "marks.csv", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wm_store_merge_marks (store, import_id, pupil_id, school_id, reg, NULL, NULL,
                                       &error));
  g_assert_true (wm_store_finish_import (store, import_id, school_id, 1, 0, 0, NULL, &error));
  g_assert_true (wm_store_rebuild_calendar (store, school_id, &error));
  g_assert_true (wm_store_commit (store, &error));
  g_assert_no_error (error);
}

static gint64
add_record (Fixture    *fixture,
            const char *kind,
            JsonObject *body)
{
  return wm_test_add_record (fixture->store, fixture->case_id, kind, body, NULL);
}

static gint64
add_home_visit (Fixture    *fixture,
                const char *date,
                const char *next_visit)
{
  g_autoptr(JsonObject) visit = json_object_new ();

  json_object_set_string_member (visit, "date", date);
  json_object_set_string_member (visit, "visited_by", "A. Officer");
  json_object_set_string_member (visit, "outcome", "parent-seen");
  if (next_visit != NULL)
    json_object_set_string_member (visit, "next_visit_date", next_visit);
  return add_record (fixture, "home-visit", visit);
}

/* The register: the weeks of 2 and 9 March 2026, a week with no session
 * (the school was closed), then the week of 23 March. Wednesday 4 March
 * is `O` `O`, Monday 9 March is `G` `G` and Friday 27 March is `I` `I`. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *dir = g_get_user_data_dir ();
  gint64 school_id;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  fixture->db_path = g_build_filename (dir, "escalation.db", NULL);
  fixture->store = wm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  fixture->as_of = wm_day_from_ymd (2026, 3, 27);
  fixture->pupil_id = wm_test_add_pupil (fixture->store, "801200026001", &school_id);

  import_marks (fixture->store, fixture->pupil_id, school_id, "2026-03-02",
                "/\\/\\OO/\\/\\ GG/\\/\\/\\/\\");
  import_marks (fixture->store, fixture->pupil_id, school_id, "2026-03-23",
                "/\\/\\/\\/\\II");

  fixture->case_id = wm_case_open (fixture->store, fixture->pupil_id,
                                   wm_day_from_ymd (2026, 3, 2), "Attendance below 90%",
                                   NULL, NULL, &error);
  g_assert_no_error (error);
  add_home_visit (fixture, "2026-03-10", NULL);

  fixture->window = wm_test_open_window (application, fixture->db_path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  wm_test_destroy_windows (&fixture->window);
  g_clear_object (&fixture->store);
  g_free (fixture->db_path);
}

static void
open_tab (Fixture *fixture)
{
  AdwTabView *tabs;

  wm_window_open_pupil (fixture->window, fixture->pupil_id);
  tabs = wm_window_get_tab_view (fixture->window);
  fixture->view = WM_CASE_VIEW (adw_tab_page_get_child (adw_tab_view_get_nth_page (tabs, 0)));
}

/* Escalation */

static gboolean
escalation_idle (gpointer data)
{
  return !wm_escalation_page_is_busy (data);
}

static WmEscalationPage *
show_escalation (Fixture *fixture)
{
  GtkWidget *page = wm_test_find_descendant (GTK_WIDGET (fixture->view), WM_TYPE_ESCALATION_PAGE);

  g_assert_nonnull (page);
  wm_escalation_page_set_pupil (WM_ESCALATION_PAGE (page), fixture->db_path,
                                fixture->pupil_id, fixture->as_of);
  g_assert_true (wm_test_spin_until (escalation_idle, page, WM_TEST_WAIT_MS));
  return WM_ESCALATION_PAGE (page);
}

static WmResponse *
core_response (Fixture *fixture)
{
  g_autoptr(WmEngine) engine = wm_engine_new (fixture->store, fixture->as_of);
  g_autoptr(GError) error = NULL;
  WmResponse *response = wm_engine_respond_pupil (engine, fixture->pupil_id, &error);

  g_assert_no_error (error);
  return response;
}

/* The rows the page marks missing, as "key: sentence". */
static GPtrArray *
missing_rows (GtkListBox *rows)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < wm_test_count_rows (rows); i++)
    {
      GtkWidget *row = nth_row (rows, i);

      if (g_object_get_data (G_OBJECT (row), "missing") != NULL)
        g_ptr_array_add (found, g_strdup_printf ("%s: %s",
                                                 (char *) g_object_get_data (G_OBJECT (row),
                                                                             "item-key"),
                                                 row_title (row)));
    }

  return found;
}

static GPtrArray *
missing_items (const WmResponse *response,
               WmLegalStep       step)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  const WmStepReadiness *readiness = &response->steps[step];

  for (guint i = 0; i < readiness->items->len; i++)
    {
      const WmEvidenceItem *item = g_ptr_array_index (readiness->items, i);

      if (!item->satisfied)
        g_ptr_array_add (found, g_strdup_printf ("%s: %s", item->key, item->sentence));
    }

  return found;
}

static void
assert_same_lines (GPtrArray *on_page,
                   GPtrArray *expected)
{
  g_assert_cmpuint (on_page->len, ==, expected->len);
  for (guint i = 0; i < on_page->len; i++)
    g_assert_cmpstr (g_ptr_array_index (on_page, i), ==, g_ptr_array_index (expected, i));
}

static gboolean
lines_contain (GPtrArray  *lines,
               const char *line)
{
  for (guint i = 0; i < lines->len; i++)
    if (g_str_equal (g_ptr_array_index (lines, i), line))
      return TRUE;

  return FALSE;
}

#define MEETING_MISSING "parent-meeting: Record a meeting with the parents"

static void
test_penalty_missing_items (Fixture       *fixture,
                            gconstpointer  data)
{
  WmEscalationPage *page;
  GtkListBox *rows;
  g_autoptr(WmResponse) before = NULL;
  g_autoptr(WmResponse) after = NULL;
  g_autoptr(GPtrArray) on_page = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(JsonObject) meeting = json_object_new ();
  guint n_before;

  open_tab (fixture);
  page = show_escalation (fixture);
  rows = wm_escalation_page_get_step_rows (page, WM_STEP_PENALTY_NOTICE);
  g_assert_nonnull (rows);

  /* The page shows exactly the core's missing items, in its order; the
   * home visit is there, so it is not among them. */
  before = core_response (fixture);
  g_assert_false (before->steps[WM_STEP_PENALTY_NOTICE].ready);
  on_page = missing_rows (rows);
  expected = missing_items (before, WM_STEP_PENALTY_NOTICE);
  assert_same_lines (on_page, expected);
  g_assert_cmpuint (wm_test_count_rows (rows), ==,
                    before->steps[WM_STEP_PENALTY_NOTICE].items->len);
  g_assert_true (lines_contain (on_page, MEETING_MISSING));
  g_assert_false (lines_contain (on_page, "home-visit: Record a home visit"));
  n_before = on_page->len;
  g_clear_pointer (&on_page, g_ptr_array_unref);
  g_clear_pointer (&expected, g_ptr_array_unref);

  /* A meeting with the parents, added through the store, supplies the
   * item once the page is read again. */
  json_object_set_string_member (meeting, "meeting_type", "parent-meeting");
  json_object_set_string_member (meeting, "date", "2026-03-20");
  add_record (fixture, "meeting", meeting);
  wm_escalation_page_reload (page);
  g_assert_true (wm_test_spin_until (escalation_idle, page, WM_TEST_WAIT_MS));

  rows = wm_escalation_page_get_step_rows (page, WM_STEP_PENALTY_NOTICE);
  after = core_response (fixture);
  on_page = missing_rows (rows);
  expected = missing_items (after, WM_STEP_PENALTY_NOTICE);
  assert_same_lines (on_page, expected);
  g_assert_false (lines_contain (on_page, MEETING_MISSING));
  g_assert_cmpuint (on_page->len, ==, n_before - 1);
}

static gboolean
editor_shown (gpointer data)
{
  return wm_test_find_toplevel (WM_TYPE_RECORD_EDITOR) != NULL;
}

/* The button beside a missing item opens the Timeline's editor for the
 * record that supplies it. */
static void
test_missing_item_opens_editor (Fixture       *fixture,
                                gconstpointer  data)
{
  WmEscalationPage *page;
  GtkListBox *rows;
  GtkWidget *meeting_row = NULL;
  GtkWidget *button;
  WmRecordEditor *editor;

  open_tab (fixture);
  page = show_escalation (fixture);
  rows = wm_escalation_page_get_step_rows (page, WM_STEP_ATTENDANCE_CONTRACT);

  for (guint i = 0; i < wm_test_count_rows (rows); i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (nth_row (rows, i)), "item-key"),
                   "parent-meeting") == 0)
      meeting_row = nth_row (rows, i);

  g_assert_nonnull (meeting_row);
  button = row_button (meeting_row);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Add a record: Meeting");
  g_assert_null (wm_test_find_toplevel (WM_TYPE_RECORD_EDITOR));

  g_signal_emit_by_name (button, "clicked");
  g_assert_true (wm_test_spin_until (editor_shown, NULL, WM_TEST_WAIT_MS));
  editor = wm_test_find_toplevel (WM_TYPE_RECORD_EDITOR);
  g_assert_nonnull (wm_record_editor_get_field_widget (editor, "meeting_type"));
}

/* Attendance */

static gboolean
attendance_idle (gpointer data)
{
  return !wm_attendance_page_is_busy (data);
}

static const char *
cell_text (GtkGrid *grid,
           int      column,
           int      row)
{
  GtkWidget *cell = gtk_grid_get_child_at (grid, column, row);

  g_assert_nonnull (cell);
  return gtk_label_get_text (GTK_LABEL (cell));
}

static gboolean
cell_has_class (GtkGrid    *grid,
                int         column,
                int         row,
                const char *css_class)
{
  return gtk_widget_has_css_class (gtk_grid_get_child_at (grid, column, row), css_class);
}

/* The school year to 27 March holds three school weeks: the closed week
 * of 16 March has no session, so it has no row. */
static void
test_grid_one_row_per_school_week (Fixture       *fixture,
                                   gconstpointer  data)
{
  GtkWidget *found;
  WmAttendancePage *page;
  GtkGrid *grid;

  open_tab (fixture);
  found = wm_test_find_descendant (GTK_WIDGET (fixture->view), WM_TYPE_ATTENDANCE_PAGE);
  g_assert_nonnull (found);
  page = WM_ATTENDANCE_PAGE (found);
  wm_attendance_page_set_pupil (page, fixture->db_path, fixture->pupil_id, fixture->as_of);
  g_assert_true (wm_test_spin_until (attendance_idle, page, WM_TEST_WAIT_MS));

  g_assert_cmpuint (wm_attendance_page_get_n_weeks (page), ==, 3);
  g_assert_cmpuint (wm_attendance_page_get_week (page, 0), ==, wm_day_from_ymd (2026, 3, 2));
  g_assert_cmpuint (wm_attendance_page_get_week (page, 1), ==, wm_day_from_ymd (2026, 3, 9));
  g_assert_cmpuint (wm_attendance_page_get_week (page, 2), ==, wm_day_from_ymd (2026, 3, 23));

  /* 8 of 10 each week, rounded down in tenths. */
  g_assert_cmpint (wm_attendance_page_get_percent (page, 0), ==, 800);
  g_assert_cmpint (wm_attendance_page_get_percent (page, 1), ==, 800);
  g_assert_cmpint (wm_attendance_page_get_percent (page, 2), ==, 800);

  /* A header row, then the three weeks and nothing after them. */
  grid = wm_attendance_page_get_grid (page);
  g_assert_cmpstr (cell_text (grid, 0, 1), ==, "2 March 2026");
  g_assert_cmpstr (cell_text (grid, 0, 2), ==, "9 March 2026");
  g_assert_cmpstr (cell_text (grid, 0, 3), ==, "23 March 2026");
  g_assert_null (gtk_grid_get_child_at (grid, 0, 4));
  g_assert_nonnull (gtk_grid_get_child_at (grid, 10, 3));
  g_assert_null (gtk_grid_get_child_at (grid, 11, 3));

  /* Wednesday AM of the first week, Monday PM of the second and Friday
   * PM of the last, coloured by category. */
  g_assert_cmpstr (cell_text (grid, 5, 1), ==, "O");
  g_assert_true (cell_has_class (grid, 5, 1, "mark-unauthorised"));
  g_assert_cmpstr (cell_text (grid, 2, 2), ==, "G");
  g_assert_true (cell_has_class (grid, 2, 2, "mark-unauthorised"));
  g_assert_cmpstr (cell_text (grid, 10, 3), ==, "I");
  g_assert_true (cell_has_class (grid, 10, 3, "mark-authorised"));
  g_assert_cmpstr (cell_text (grid, 1, 3), ==, "/");
  g_assert_true (cell_has_class (grid, 1, 3, "mark-present"));
}

/* Today */

static gboolean
today_idle (gpointer data)
{
  return !wm_today_view_is_busy (data);
}

static WmTodayView *
show_today (Fixture *fixture)
{
  GtkWidget *found = wm_test_find_descendant (GTK_WIDGET (fixture->window), WM_TYPE_TODAY_VIEW);
  WmTodayView *today;

  g_assert_nonnull (found);
  today = WM_TODAY_VIEW (found);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-today", NULL);
  wm_today_view_set_as_of (today, fixture->as_of);
  g_assert_true (wm_test_spin_until (today_idle, today, WM_TEST_WAIT_MS));
  g_assert_true (gtk_widget_get_mapped (found));
  return today;
}

static gboolean
one_notification_sent (gpointer data)
{
  return notifications_sent->len >= 1;
}

/* A planned home visit whose date has passed is overdue; a plan review
 * set for the day is due today and announced once, however often Today
 * is read again that day. */
static void
test_today_overdue_deadline (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(JsonObject) plan = json_object_new ();
  WmTodayView *today;
  GtkListBox *reviews;
  GtkWidget *row;
  g_autofree char *expected_id = NULL;
  gint64 plan_id;

  add_home_visit (fixture, "2026-03-11", "2026-03-18");
  json_object_set_string_member (plan, "start_date", "2026-03-13");
  json_object_set_string_member (plan, "review_date", "2026-03-27");
  json_object_set_string_member (plan, "target", "95% over the next four weeks");
  json_object_set_string_member (plan, "status", "active");
  plan_id = add_record (fixture, "attendance-plan", plan);

  g_ptr_array_set_size (notifications_sent, 0);
  today = show_today (fixture);
  reviews = wm_today_view_get_rows (today, WM_TODAY_REVIEWS);
  g_assert_cmpuint (wm_test_count_rows (reviews), ==, 2);

  row = nth_row (reviews, 0);
  g_assert_cmpstr (row_title (row), ==, "Able, Casey");
  g_assert_cmpstr (row_subtitle (row), ==,
                   "Overdue since 18 March 2026 · Next home visit, planned for 18 March 2026");
  row = nth_row (reviews, 1);
  g_assert_cmpstr (row_title (row), ==, "Able, Casey");
  g_assert_cmpstr (row_subtitle (row), ==,
                   "Due today · Review the Attendance plan of 13 March 2026 on 27 March 2026");
  g_assert_cmpuint (wm_test_count_rows (wm_today_view_get_rows (today, WM_TODAY_SAFEGUARDING)),
                    ==, 0);
  g_assert_cmpuint (wm_test_count_rows (wm_today_view_get_rows (today, WM_TODAY_LEGAL)), ==, 0);

  g_assert_cmpuint (wm_today_view_get_n_notified (today), ==, 1);
  g_assert_true (wm_test_spin_until (one_notification_sent, NULL, WM_TEST_WAIT_MS));
  wm_today_view_reload (today);
  g_assert_true (wm_test_spin_until (today_idle, today, WM_TEST_WAIT_MS));
  wm_test_spin_for (100);
  g_assert_cmpuint (wm_today_view_get_n_notified (today), ==, 1);
  g_assert_cmpuint (notifications_sent->len, ==, 1);
  expected_id = g_strdup_printf ("deadline-%" G_GINT64_FORMAT
                                 "-attendance-plan-review-2026-03-27", plan_id);
  g_assert_cmpstr (g_ptr_array_index (notifications_sent, 0), ==, expected_id);

  /* The row opens the pupil's case in place of Today. */
  g_signal_emit_by_name (reviews, "row-activated", nth_row (reviews, 0));
  g_assert_cmpuint (adw_tab_view_get_n_pages (wm_window_get_tab_view (fixture->window)), ==, 1);
  wm_test_spin_for (50);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (today)));
}

/* Setup */

/* A notification server on the test's own session bus: GApplication
 * sends to org.gtk.Notifications when that name has an owner, so the test
 * owns it and records the ids of the notifications it receives. */
static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static void
on_notification_call (GDBusConnection       *connection,
                      const char            *sender,
                      const char            *object_path,
                      const char            *interface_name,
                      const char            *method_name,
                      GVariant              *parameters,
                      GDBusMethodInvocation *invocation,
                      gpointer               user_data)
{
  const char *id = NULL;

  if (g_str_equal (method_name, "AddNotification"))
    {
      g_variant_get_child (parameters, 1, "&s", &id);
      g_ptr_array_add (notifications_sent, g_strdup (id));
    }

  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
start_notification_server (void)
{
  static const GDBusInterfaceVTable vtable = { on_notification_call, NULL, NULL, { 0 } };
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  notifications_sent = g_ptr_array_new_with_free_func (g_free);
  if (bus == NULL)
    return;

  g_dbus_connection_register_object (bus, "/org/gtk/Notifications", info->interfaces[0],
                                     &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.gtk.Notifications", 4),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  wm_test_display_init (&argc, &argv);
  start_notification_server ();
  application = wm_test_application_new ();

  g_test_add ("/escalation-window/escalation/penalty-missing-items", Fixture, NULL,
              fixture_set_up, test_penalty_missing_items, fixture_tear_down);
  g_test_add ("/escalation-window/escalation/missing-item-opens-editor", Fixture, NULL,
              fixture_set_up, test_missing_item_opens_editor, fixture_tear_down);
  g_test_add ("/escalation-window/attendance/one-row-per-school-week", Fixture, NULL,
              fixture_set_up, test_grid_one_row_per_school_week, fixture_tear_down);
  g_test_add ("/escalation-window/today/overdue-deadline", Fixture, NULL,
              fixture_set_up, test_today_overdue_deadline, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&application);
  g_clear_pointer (&notifications_sent, g_ptr_array_unref);
  return status;
}
