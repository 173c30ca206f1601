/* test-records-window.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The case record in the window, under a real display (Xvfb). The tests
 * open, close and reopen a case. They write a home visit in the generated
 * form, save it with the keyboard's action, amend it with a reason,
 * delete it and bring it back through the toast. They check that a wrong
 * date is shown next to its field, that drafts are saved after a pause in
 * typing, the Timeline's filter and search, the restricted safeguarding
 * section with its banner, and the People page. Every wait is a bounded
 * spin of the main context.
 */

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "wm-application.h"
#include "wm-case-bar.h"
#include "wm-case-view.h"
#include "wm-case.h"
#include "wm-letters.h"
#include "wm-letters-action.h"
#include "wm-people-page.h"
#include "wm-store-records.h"
#include "wm-test-display.h"
#include "wm-timeline-object.h"
#include "wm-timeline-page.h"
#include "wm-upn.h"
#include "wm-window.h"

#define OFFICER "A. Officer"

typedef struct
{
  char       *db_path;
  WmStore    *store;
  gint64      pupil_id;
  WmWindow   *window;
  WmCaseView *view;
  gint64      case_id;
  const char *expected_text;
} Fixture;

static WmApplication *application;

/* Finding what the window shows */

static WmCaseBar *
case_bar (Fixture *fixture)
{
  GtkWidget *found = wm_test_find_descendant (GTK_WIDGET (fixture->view), WM_TYPE_CASE_BAR);

  g_assert_nonnull (found);
  return WM_CASE_BAR (found);
}

static WmTimelinePage *
timeline_page (Fixture *fixture)
{
  GtkWidget *page = wm_test_find_descendant (GTK_WIDGET (fixture->view), WM_TYPE_TIMELINE_PAGE);

  g_assert_nonnull (page);
  return WM_TIMELINE_PAGE (page);
}

static WmTimelineObject *
find_kind (GListModel *model,
           const char *kind)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(WmTimelineObject) entry = g_list_model_get_item (model, i);

      if (g_strcmp0 (wm_timeline_object_get_kind (entry), kind) == 0)
        return g_steal_pointer (&entry);
    }

  return NULL;
}

/* Fixture: one pupil in a new database, its tab open */

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
  fixture->db_path = g_build_filename (dir, "records.db", NULL);
  fixture->store = wm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  fixture->pupil_id = wm_test_add_pupil (fixture->store, "801200026001", NULL);

  fixture->window = wm_test_open_window (application, fixture->db_path);

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

static gboolean
bar_idle (gpointer data)
{
  return !wm_case_bar_is_busy (data);
}

static void
open_case (Fixture *fixture)
{
  WmCaseBar *bar = case_bar (fixture);

  wm_case_bar_open_case (bar, wm_day_from_ymd (2026, 3, 2), "Attendance below 90%", OFFICER);
  g_assert_true (wm_test_spin_until (bar_idle, bar, WM_TEST_WAIT_MS));
  g_assert_cmpint (wm_case_bar_get_case_id (bar), >, 0);
}

/* Cases */

static gboolean
dialog_shown (gpointer data)
{
  return wm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static void
test_case_open_close_reopen (Fixture       *fixture,
                             gconstpointer  data)
{
  WmCaseBar *bar = case_bar (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCase) opened = NULL;
  gint64 case_id;

  g_assert_cmpstr (wm_case_bar_get_status_text (bar), ==, "No case is open for this pupil.");
  g_assert_cmpint (wm_timeline_page_get_case_id (timeline_page (fixture)), ==, 0);

  wm_case_bar_open_case (bar, wm_day_from_ymd (2026, 3, 2), "Attendance below 90%", OFFICER);
  g_assert_true (wm_test_spin_until (bar_idle, bar, WM_TEST_WAIT_MS));

  case_id = wm_case_find_open (fixture->store, fixture->pupil_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (case_id, >, 0);
  g_assert_cmpint (wm_case_bar_get_case_id (bar), ==, case_id);
  g_assert_cmpstr (wm_case_bar_get_status_text (bar), ==,
                   "Case open since 2 March 2026 · Attendance below 90% · Lead officer: "
                   OFFICER);
  opened = wm_case_get (fixture->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (opened->created_by, ==, OFFICER);
  g_assert_cmpint (wm_timeline_page_get_case_id (timeline_page (fixture)), ==, case_id);

  wm_case_bar_close_case (bar, wm_day_from_ymd (2026, 7, 3), "Attendance back above 95%");
  g_assert_true (wm_test_spin_until (bar_idle, bar, WM_TEST_WAIT_MS));
  g_assert_cmpint (wm_case_bar_get_case_id (bar), ==, 0);
  g_assert_cmpstr (wm_case_bar_get_status_text (bar), ==,
                   "Case closed on 3 July 2026 · Attendance back above 95%");
  g_assert_cmpint (wm_timeline_page_get_case_id (timeline_page (fixture)), ==, 0);

  wm_case_bar_reopen_case (bar, wm_day_from_ymd (2026, 9, 7), "Absent again");
  g_assert_true (wm_test_spin_until (bar_idle, bar, WM_TEST_WAIT_MS));
  g_assert_cmpint (wm_case_bar_get_case_id (bar), ==, case_id);
}

/* The form of a new case fills the lead officer from the settings, and
 * its "Open Case" response opens the case with what the form holds. */
static void
test_case_form (Fixture       *fixture,
                gconstpointer  data)
{
  WmCaseBar *bar = case_bar (fixture);
  AdwMessageDialog *dialog;
  GtkWidget *button = NULL;
  GtkListBox *list;
  GtkWidget *date_row, *reason_row, *officer_row;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCase) opened = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (gtk_widget_get_last_child (GTK_WIDGET (bar)));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child) && gtk_widget_get_visible (child))
      button = child;

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Open Case…");
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (wm_test_spin_until (dialog_shown, NULL, WM_TEST_WAIT_MS));
  dialog = wm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Open a Case");

  list = GTK_LIST_BOX (adw_message_dialog_get_extra_child (dialog));
  date_row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0));
  reason_row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1));
  officer_row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 2));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (officer_row)), ==, OFFICER);

  gtk_editable_set_text (GTK_EDITABLE (date_row), "02/03/2026");
  gtk_editable_set_text (GTK_EDITABLE (reason_row), "Referred by the school");
  adw_message_dialog_response (dialog, "ok");
  g_assert_true (wm_test_spin_until (bar_idle, bar, WM_TEST_WAIT_MS));

  opened = wm_case_get (fixture->store, wm_case_bar_get_case_id (bar), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (opened->opened_on, ==, wm_day_from_ymd (2026, 3, 2));
  g_assert_cmpstr (opened->open_reason, ==, "Referred by the school");
  g_assert_cmpstr (opened->lead_officer, ==, OFFICER);
}

/* Real key presses, sent to the X server the tests run under, as a
 * keyboard would: the focus goes to @window, then xdotool presses @keys
 * through the XTEST extension. */
static void
press_keys (GtkWidget  *window,
            const char *keys)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  g_assert_true (g_spawn_sync (NULL, (char *[]) { "xdotool", "windowfocus", "--sync", xid,
                                                  "key", "--clearmodifiers", (char *) keys,
                                                  NULL },
                               NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static gboolean editor_drawn (gpointer data);

static gboolean
case_opened (gpointer data)
{
  return wm_case_bar_get_case_id (data) > 0 && !wm_case_bar_is_busy (data);
}

/* In the Open a Case form, Enter in a field and Ctrl+Enter both open the
 * case, as in every form (@data is the keys pressed). */
static void
test_case_form_keys (Fixture       *fixture,
                     gconstpointer  data)
{
  WmCaseBar *bar = case_bar (fixture);
  g_autoptr(WmCase) opened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  AdwMessageDialog *dialog;
  GtkListBox *list;
  GtkWidget *reason_row;

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()) || xdotool == NULL)
    {
      g_test_skip ("Key presses are sent with xdotool to an X server");
      return;
    }

  g_signal_emit_by_name (wm_test_find_button (GTK_WIDGET (bar), "_Open Case…"), "clicked");
  g_assert_true (wm_test_spin_until (dialog_shown, NULL, WM_TEST_WAIT_MS));
  dialog = wm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Open a Case");
  list = GTK_LIST_BOX (adw_message_dialog_get_extra_child (dialog));
  reason_row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1));
  gtk_editable_set_text (GTK_EDITABLE (reason_row), "Referred by the school");
  g_assert_true (wm_test_spin_until (editor_drawn, dialog, WM_TEST_WAIT_MS));
  gtk_widget_grab_focus (reason_row);
  wm_test_spin_for (100);

  press_keys (GTK_WIDGET (dialog), data);
  g_assert_true (wm_test_spin_until (case_opened, bar, WM_TEST_WAIT_MS));

  opened = wm_case_get (fixture->store, wm_case_bar_get_case_id (bar), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (opened->open_reason, ==, "Referred by the school");
  g_assert_cmpstr (opened->lead_officer, ==, OFFICER);
}

/* The home visit */

static gboolean
editor_gone (gpointer data)
{
  return wm_test_find_toplevel (WM_TYPE_RECORD_EDITOR) == NULL;
}

static gboolean
editor_idle (gpointer data)
{
  return !wm_record_editor_is_saving (data);
}

static gboolean
page_idle (gpointer data)
{
  return !wm_timeline_page_is_busy (data);
}

static void
set_text_view (GtkWidget  *view,
               const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static GtkWidget *
focus_widget (GtkWidget *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

static gboolean
focus_within (GtkWidget *window,
              GtkWidget *widget)
{
  GtkWidget *focus = focus_widget (window);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Fills in a home visit as an officer would after the visit: the date
 * and time are already there, Tab moves from field to field. */
static WmRecordEditor *
fill_home_visit (Fixture *fixture)
{
  WmRecordEditor *editor = wm_timeline_page_add_record (timeline_page (fixture), "home-visit");
  g_autofree char *today = NULL;
  WmDay day = wm_day_today ();
  GtkWidget *date, *time, *visited_by;

  g_assert_nonnull (editor);
  date = wm_record_editor_get_field_widget (editor, "date");
  time = wm_record_editor_get_field_widget (editor, "time");
  visited_by = wm_record_editor_get_field_widget (editor, "visited_by");

  today = g_strdup_printf ("%02u/%02u/%04u", wm_day_of_month (day), wm_day_month (day),
                           wm_day_year (day));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date)), ==, today);
  g_assert_cmpuint (strlen (gtk_editable_get_text (GTK_EDITABLE (time))), ==, 5);

  /* Tab moves from the date to the time and on to "Visited by". */
  gtk_widget_grab_focus (date);
  g_assert_true (focus_within (GTK_WIDGET (editor), date));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (editor), GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_within (GTK_WIDGET (editor), time));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (editor), GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_within (GTK_WIDGET (editor), visited_by));

  gtk_editable_set_text (GTK_EDITABLE (date), "04/03/2026");
  gtk_editable_set_text (GTK_EDITABLE (time), "16:45");
  gtk_editable_set_text (GTK_EDITABLE (visited_by), OFFICER);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (wm_record_editor_get_field_widget (editor, "outcome")),
                              2);
  set_text_view (wm_record_editor_get_field_widget (editor, "what_was_said"),
                 "Mother says the bus pass ran out.");
  wm_record_editor_add_list_item (editor, "agreed_actions");
  gtk_editable_set_text (GTK_EDITABLE (wm_record_editor_get_item_widget (editor, "agreed_actions",
                                                                         0, "action")),
                         "School to renew the bus pass");

  return editor;
}

static gint64
only_record (Fixture    *fixture,
             const char *kind)
{
  g_autoptr(WmTimelineObject) entry = find_kind (wm_case_view_get_timeline (fixture->view), kind);

  g_assert_nonnull (entry);
  return wm_timeline_object_get_object_id (entry);
}

static char *
body_text (JsonObject *body)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), body);

  return json_to_string (node, FALSE);
}

static void
test_home_visit_save_amend_delete_undo (Fixture       *fixture,
                                        gconstpointer  data)
{
  WmTimelinePage *page;
  WmRecordEditor *editor;
  WmRecordViewer *viewer;
  g_autoptr(WmRecord) saved = NULL;
  g_autoptr(WmRecord) amended = NULL;
  g_autoptr(WmRecord) restored = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTimelineObject) entry = NULL;
  g_autofree char *amended_text = NULL;
  g_autofree char *restored_text = NULL;
  gint64 record_id;

  open_case (fixture);
  page = timeline_page (fixture);
  editor = fill_home_visit (fixture);

  /* Ctrl+Enter runs the editor's save action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (wm_test_spin_until (editor_gone, NULL, WM_TEST_WAIT_MS));

  g_assert_cmpuint (wm_test_count_kind (wm_case_view_get_timeline (fixture->view), "home-visit"),
                    ==, 1);
  entry = find_kind (wm_case_view_get_timeline (fixture->view), "home-visit");
  g_assert_cmpstr (wm_timeline_object_get_title (entry), ==, "Home visit: Parent seen");
  g_assert_false (wm_timeline_object_get_amended (entry));
  record_id = wm_timeline_object_get_object_id (entry);

  saved = wm_record_get (fixture->store, record_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (saved->status, ==, WM_RECORD_FINAL);
  g_assert_cmpuint (saved->day, ==, wm_day_from_ymd (2026, 3, 4));
  g_assert_cmpstr (saved->created_by, ==, OFFICER);
  g_assert_cmpstr (json_object_get_string_member (saved->body, "date"), ==, "2026-03-04");
  g_assert_cmpstr (json_object_get_string_member (saved->body, "what_was_said"), ==,
                   "Mother says the bus pass ran out.");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (saved->body,
                                                                         "agreed_actions")),
                    ==, 1);

  /* Amending asks the reason, then edits a new revision. */
  viewer = wm_timeline_page_open_record (page, record_id);
  g_assert_nonnull (viewer);
  wm_record_viewer_amend (viewer, "Wrong outcome recorded");
  editor = wm_test_find_toplevel (WM_TYPE_RECORD_EDITOR);
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (wm_record_editor_get_field_widget (editor,
                                                                                          "date"))),
                   ==, "04/03/2026");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (wm_record_editor_get_field_widget (editor, "outcome")),
                              1);
  wm_record_editor_save (editor);
  g_assert_true (wm_test_spin_until (editor_gone, NULL, WM_TEST_WAIT_MS));

  amended = wm_record_get (fixture->store, record_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (amended->revision, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (amended->body, "outcome"), ==, "child-seen");
  revisions = wm_record_list_revisions (fixture->store, record_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_assert_cmpstr (((WmRecordRevision *) revisions->pdata[1])->reason, ==,
                   "Wrong outcome recorded");
  g_clear_object (&entry);
  entry = find_kind (wm_case_view_get_timeline (fixture->view), "home-visit");
  g_assert_true (wm_timeline_object_get_amended (entry));
  g_assert_cmpstr (wm_timeline_object_get_title (entry), ==, "Home visit: Child seen");

  /* Delete, then undo through the toast's button. */
  viewer = wm_timeline_page_open_record (page, record_id);
  wm_record_viewer_show_revision (viewer, 1);
  wm_record_viewer_delete (viewer);
  g_assert_true (wm_test_spin_until (page_idle, page, WM_TEST_WAIT_MS));
  g_assert_cmpuint (wm_test_count_kind (wm_case_view_get_timeline (fixture->view), "home-visit"),
                    ==, 0);
  g_assert_nonnull (wm_timeline_page_get_undo_toast (page));
  g_assert_cmpstr (adw_toast_get_title (wm_timeline_page_get_undo_toast (page)), ==,
                   "Record deleted");

  g_signal_emit_by_name (wm_timeline_page_get_undo_toast (page), "button-clicked");
  g_assert_true (wm_test_spin_until (page_idle, page, WM_TEST_WAIT_MS));
  g_assert_cmpuint (wm_test_count_kind (wm_case_view_get_timeline (fixture->view), "home-visit"),
                    ==, 1);

  /* The record came back whole: the same revision with the same values. */
  restored = wm_record_get (fixture->store, record_id, &error);
  g_assert_no_error (error);
  g_assert_null (restored->deleted_at);
  g_assert_cmpuint (restored->revision, ==, 2);
  amended_text = body_text (amended->body);
  restored_text = body_text (restored->body);
  g_assert_cmpstr (restored_text, ==, amended_text);
  g_assert_cmpint (only_record (fixture, "home-visit"), ==, record_id);
}

/* A date that does not exist is shown next to its field, which keeps
 * what was typed, and nothing is finalised. */
static void
test_impossible_date (Fixture       *fixture,
                      gconstpointer  data)
{
  WmRecordEditor *editor;
  GtkWidget *date;

  open_case (fixture);
  editor = fill_home_visit (fixture);
  date = wm_record_editor_get_field_widget (editor, "date");
  gtk_editable_set_text (GTK_EDITABLE (date), "31/02/2026");

  wm_record_editor_save (editor);
  g_assert_true (wm_test_spin_until (editor_idle, editor, WM_TEST_WAIT_MS));

  g_assert_cmpstr (wm_record_editor_get_field_error (editor, "date"), ==,
                   "31/02/2026 is not a date; write it as DD/MM/YYYY, a day that exists");
  g_assert_true (gtk_widget_has_css_class (date, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date)), ==, "31/02/2026");
  g_assert_null (wm_record_editor_get_field_error (editor, "next_visit_date"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpuint (wm_test_count_kind (wm_case_view_get_timeline (fixture->view), "home-visit"),
                    ==, 0);
  wm_test_save_screenshot (GTK_WIDGET (editor), "editor-field-error", 500);

  /* An edit that is still invalid keeps the error, for the new text. */
  gtk_editable_set_text (GTK_EDITABLE (date), "30/02/2026");
  g_assert_cmpstr (wm_record_editor_get_field_error (editor, "date"), ==,
                   "30/02/2026 is not a date; write it as DD/MM/YYYY, a day that exists");
  g_assert_true (gtk_widget_has_css_class (date, "error"));

  /* A valid edit clears the error at once, before any save. */
  gtk_editable_set_text (GTK_EDITABLE (date), "28/02/2026");
  g_assert_null (wm_record_editor_get_field_error (editor, "date"));
  g_assert_false (gtk_widget_has_css_class (date, "error"));
  g_assert_cmpstr (wm_record_editor_get_status (editor), !=,
                   "The record is not finished yet: correct the field marked below.");

  /* It then saves. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  g_assert_true (wm_test_spin_until (editor_gone, NULL, WM_TEST_WAIT_MS));
  g_assert_cmpuint (wm_test_count_kind (wm_case_view_get_timeline (fixture->view), "home-visit"),
                    ==, 1);
}

/* A next visit before the visit is wrong in the second date field, and
 * the message is shown there, not under the visit's date. */
static void
test_date_order (Fixture       *fixture,
                 gconstpointer  data)
{
  WmRecordEditor *editor;

  open_case (fixture);
  editor = fill_home_visit (fixture);
  gtk_editable_set_text (GTK_EDITABLE (wm_record_editor_get_field_widget (editor,
                                                                          "next_visit_date")),
                         "01/03/2026");
  wm_record_editor_save (editor);

  g_assert_null (wm_record_editor_get_field_error (editor, "date"));
  g_assert_cmpstr (wm_record_editor_get_field_error (editor, "next_visit_date"), ==,
                   "01/03/2026 is before the Date (04/03/2026)");
}

/* Where @widget is in its window, in pixels from the top. */
static double
window_y (GtkWidget *widget)
{
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (gtk_widget_get_root (widget)),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  return point.y;
}

static gboolean
editor_drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_height (data) > 0;
}

static gboolean
draft_saved (gpointer data);

/* A click aimed at a field must land on it: the "Draft saved" line,
 * which comes after the first pause in typing, moves no field. */
static void
test_draft_status_keeps_fields_still (Fixture       *fixture,
                                      gconstpointer  data)
{
  WmRecordEditor *editor;
  GtkWidget *date, *place;
  double date_y, place_y;

  open_case (fixture);
  editor = wm_timeline_page_add_record (timeline_page (fixture), "meeting");
  date = wm_record_editor_get_field_widget (editor, "date");
  place = wm_record_editor_get_field_widget (editor, "place");
  g_assert_true (wm_test_spin_until (editor_drawn, place, WM_TEST_WAIT_MS));
  wm_test_spin_for (100);
  date_y = window_y (date);
  place_y = window_y (place);
  g_assert_cmpfloat (place_y, >, date_y);

  gtk_editable_set_text (GTK_EDITABLE (date), "04/03/2026");
  g_assert_true (wm_test_spin_until (draft_saved, editor, WM_TEST_WAIT_MS));
  g_assert_cmpstr (wm_record_editor_get_status (editor), ==, "Draft saved");
  wm_test_spin_for (100);

  g_assert_cmpfloat (window_y (date), ==, date_y);
  g_assert_cmpfloat (window_y (place), ==, place_y);
  wm_test_save_screenshot (GTK_WIDGET (editor), "editor-draft-saved", 500);
}

/* The audit trail names who wrote each record. Before the officer's
 * name is entered in Preferences, that is the account's own name. */
static void
test_author_without_officer_name (Fixture       *fixture,
                                  gconstpointer  data)
{
  GSettings *settings = wm_application_get_settings (application);
  const char *real_name = g_get_real_name ();
  const char *expected = *real_name != '\0' && strcmp (real_name, "Unknown") != 0
                         ? real_name : g_get_user_name ();
  g_autoptr(WmRecord) saved = NULL;
  g_autoptr(WmRecord) deleted = NULL;
  g_autoptr(GError) error = NULL;
  WmRecordEditor *editor;
  WmRecordViewer *viewer;

  open_case (fixture);
  g_settings_set_string (settings, "officer-name", "");
  editor = wm_timeline_page_add_record (timeline_page (fixture), "note");
  set_text_view (wm_record_editor_get_field_widget (editor, "text"), "Phoned the school");
  wm_record_editor_save (editor);
  g_assert_true (wm_test_spin_until (editor_gone, NULL, WM_TEST_WAIT_MS));

  saved = wm_record_get (fixture->store, only_record (fixture, "note"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (expected, !=, "");
  g_assert_cmpstr (saved->created_by, ==, expected);

  /* Deleting it from the Timeline is signed the same way. */
  viewer = wm_timeline_page_open_record (timeline_page (fixture), saved->id);
  wm_record_viewer_delete (viewer);
  g_assert_true (wm_test_spin_until (page_idle, timeline_page (fixture), WM_TEST_WAIT_MS));
  deleted = wm_record_get (fixture->store, saved->id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deleted->deleted_at);
  g_assert_cmpstr (deleted->deleted_by, ==, expected);
}

static gboolean
draft_has_text (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GPtrArray) drafts = wm_record_list_drafts (fixture->store, fixture->case_id,
                                                       WM_RECORD_LIST_DEFAULT, NULL);

  return drafts != NULL && drafts->len == 1
         && g_strcmp0 (json_object_get_string_member (((WmRecord *) drafts->pdata[0])->body,
                                                      "text"), fixture->expected_text) == 0;
}

static gboolean
draft_saved (gpointer data)
{
  WmRecordEditor *editor = data;

  return !wm_record_editor_is_saving (editor) && wm_record_editor_get_record_id (editor) != 0;
}

/* Drafts are saved after a pause in typing, in the database, so they
 * survive a crash and are offered again when the case is reopened. */
static void
test_draft_autosaved (Fixture       *fixture,
                      gconstpointer  data)
{
  WmRecordEditor *editor;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBox *drafts_box;
  WmRecord *draft;
  gint64 case_id;

  open_case (fixture);
  case_id = wm_case_bar_get_case_id (case_bar (fixture));
  editor = wm_timeline_page_add_record (timeline_page (fixture), "note");
  set_text_view (wm_record_editor_get_field_widget (editor, "text"), "Phoned the school nurse");
  g_assert_true (wm_record_editor_is_saving (editor));
  g_assert_cmpint (wm_record_editor_get_record_id (editor), ==, 0);

  g_assert_true (wm_test_spin_until (draft_saved, editor, WM_TEST_WAIT_MS));
  g_assert_cmpstr (wm_record_editor_get_status (editor), ==, "Draft saved");
  drafts = wm_record_list_drafts (fixture->store, case_id, WM_RECORD_LIST_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 1);
  draft = g_ptr_array_index (drafts, 0);
  g_assert_cmpint (draft->id, ==, wm_record_editor_get_record_id (editor));
  g_assert_cmpstr (json_object_get_string_member (draft->body, "text"), ==,
                   "Phoned the school nurse");

  /* Escape closes the editor and keeps the draft, offered on the page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL));
  g_assert_true (wm_test_spin_until (editor_gone, NULL, WM_TEST_WAIT_MS));
  g_assert_cmpuint (wm_test_count_rows (wm_timeline_page_get_drafts (timeline_page (fixture))),
                    ==, 1);
  g_assert_cmpuint (wm_test_count_kind (wm_case_view_get_timeline (fixture->view), "note"), ==, 0);

  /* Resumed from the list, changed and closed at once, before the
   * pause that would save it: the change is saved all the same. */
  drafts_box = wm_timeline_page_get_drafts (timeline_page (fixture));
  g_signal_emit_by_name (drafts_box, "row-activated", gtk_list_box_get_row_at_index (drafts_box, 0));
  editor = wm_test_find_toplevel (WM_TYPE_RECORD_EDITOR);
  g_assert_nonnull (editor);
  g_assert_cmpint (wm_record_editor_get_record_id (editor), ==, draft->id);
  set_text_view (wm_record_editor_get_field_widget (editor, "text"),
                 "Phoned the school nurse twice");
  gtk_window_close (GTK_WINDOW (editor));
  fixture->expected_text = "Phoned the school nurse twice";
  fixture->case_id = case_id;
  g_assert_true (wm_test_spin_until (draft_has_text, fixture, WM_TEST_WAIT_MS));
  g_assert_cmpuint (wm_test_count_rows (wm_timeline_page_get_drafts (timeline_page (fixture))),
                    ==, 1);
}

static gboolean
status_is (gpointer data)
{
  const char * const *expected = data;
  WmRecordEditor *editor = wm_test_find_toplevel (WM_TYPE_RECORD_EDITOR);

  return editor != NULL && g_strcmp0 (wm_record_editor_get_status (editor), expected[0]) == 0;
}

/* Another program holding the database's write lock makes the draft wait
 * ("Saving…") and, after the store's busy timeout, offer to try again,
 * with the text still in the form; the window stays responsive all the
 * while, since the wait is in a worker. */
static void
test_busy_database (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *saving[] = { "Saving…" };
  const char *busy[] = { "Not saved: another program is using the database. "
                         "What you typed is kept here." };
  const char *saved[] = { "Draft saved" };
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  WmRecordEditor *editor;
  GtkWidget *text;
  sqlite3 *other = NULL;
  gint64 case_id;

  open_case (fixture);
  case_id = wm_case_bar_get_case_id (case_bar (fixture));
  g_assert_cmpint (sqlite3_open (fixture->db_path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  editor = wm_timeline_page_add_record (timeline_page (fixture), "note");
  text = wm_record_editor_get_field_widget (editor, "text");
  set_text_view (text, "Typed while the database was locked");
  g_assert_true (wm_test_spin_until (status_is, saving, WM_TEST_WAIT_MS));
  g_assert_true (wm_test_spin_until (status_is, busy, 3 * WM_TEST_WAIT_MS));

  {
    GtkTextIter start, end;
    g_autofree char *form_text = NULL;

    gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text)), &start, &end);
    form_text = gtk_text_iter_get_text (&start, &end);
    g_assert_cmpstr (form_text, ==, "Typed while the database was locked");
  }

  /* Closing now would lose the text, so the editor stays open. */
  gtk_window_close (GTK_WINDOW (editor));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpstr (wm_record_editor_get_status (editor), ==,
                   "Not closed: the draft is not saved yet. Try again once the database is free.");

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.retry", NULL));
  g_assert_true (wm_test_spin_until (status_is, saved, WM_TEST_WAIT_MS));

  drafts = wm_record_list_drafts (fixture->store, case_id, WM_RECORD_LIST_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (((WmRecord *) drafts->pdata[0])->body, "text"),
                   ==, "Typed while the database was locked");
}

/* The "Add Record" menu lists every kind, the home visit first and
 * safeguarding last, each opening the editor for its kind. */
static void
test_add_menu_order (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char * const expected[] = {
    "home-visit", "contact", "meeting", "note", "attendance-plan", "healthcare-plan",
    "referral", "leave-request", "warning-letter", "notice-to-improve",
    "attendance-contract", "penalty-notice", "prosecution", "eso-consideration",
    "parenting-order", "safeguarding", NULL
  };
  GMenuModel *menu = gtk_menu_button_get_menu_model (wm_timeline_page_get_add_button (
                                                       timeline_page (fixture)));
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  guint n_kinds;

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      for (int j = 0; j < g_menu_model_get_n_items (section); j++)
        {
          g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (
            section, j, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);

          g_ptr_array_add (kinds, g_variant_dup_string (target, NULL));
        }
    }

  wm_record_kinds (&n_kinds);
  g_assert_cmpuint (kinds->len, ==, n_kinds);
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (g_ptr_array_index (kinds, i), ==, expected[i]);
}

/* The Timeline's filter and search narrow this pupil's events. */
static void
save_record (Fixture    *fixture,
             const char *kind,
             const char *body_json)
{
  g_autoptr(JsonNode) node = json_from_string (body_json, NULL);
  g_autoptr(GError) error = NULL;
  gint64 case_id = wm_case_find_open (fixture->store, fixture->pupil_id, &error);
  gint64 id;

  id = wm_record_save_draft (fixture->store, case_id, 0, kind, json_node_get_object (node),
                             OFFICER, &error);
  g_assert_no_error (error);
  g_assert_true (wm_record_finalise (fixture->store, id, OFFICER, &error));
  g_assert_no_error (error);
}

static void
test_filter_and_search (Fixture       *fixture,
                        gconstpointer  data)
{
  WmTimelinePage *page;
  GListModel *shown;
  GListModel *labels;
  guint note_index = GTK_INVALID_LIST_POSITION;

  open_case (fixture);
  save_record (fixture, "note", "{\"date\": \"2026-03-05\", \"text\": \"Spoke to the head\"}");
  save_record (fixture, "home-visit", "{\"date\": \"2026-03-04\", \"visited_by\": \"Me\", "
               "\"outcome\": \"no-answer\", \"what_was_said\": \"Card through the door\"}");
  page = timeline_page (fixture);
  wm_timeline_page_reload (page);
  shown = wm_timeline_page_get_shown (page);
  /* The two records and the opening of the case on 2 March. */
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 3);

  /* Newest first. */
  {
    g_autoptr(WmTimelineObject) first = g_list_model_get_item (shown, 0);

    g_assert_cmpstr (wm_timeline_object_get_kind (first), ==, "note");
  }

  labels = gtk_drop_down_get_model (wm_timeline_page_get_kind_dropdown (page));
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (labels), i), "Note") == 0)
      note_index = i;
  gtk_drop_down_set_selected (wm_timeline_page_get_kind_dropdown (page), note_index);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  g_assert_cmpuint (wm_test_count_kind (shown, "note"), ==, 1);

  gtk_drop_down_set_selected (wm_timeline_page_get_kind_dropdown (page), 0);
  gtk_editable_set_text (wm_timeline_page_get_search_entry (page), "CARD");
  g_signal_emit_by_name (wm_timeline_page_get_search_entry (page), "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  g_assert_cmpuint (wm_test_count_kind (shown, "home-visit"), ==, 1);
}

/* Safeguarding records stay off the ordinary Timeline, are listed in the
 * restricted section, and put a banner at the top of the case tab. */
static void
test_safeguarding_restricted (Fixture       *fixture,
                              gconstpointer  data)
{
  WmTimelinePage *page;
  WmCaseBar *bar;

  open_case (fixture);
  page = timeline_page (fixture);
  bar = case_bar (fixture);
  g_assert_false (wm_case_bar_get_concern_shown (bar));

  save_record (fixture, "safeguarding", "{\"date\": \"2026-03-04\", "
               "\"concern\": \"Bruise on the arm\"}");
  wm_timeline_page_reload (page);

  g_assert_true (wm_case_bar_get_concern_shown (bar));
  g_assert_cmpuint (wm_test_count_rows (wm_timeline_page_get_restricted (page)), ==, 1);
  g_assert_cmpuint (wm_test_count_kind (wm_case_view_get_timeline (fixture->view), "safeguarding"),
                    ==, 0);
}

/* People */

static gboolean
people_idle (gpointer data)
{
  return !wm_people_page_is_busy (data);
}

static const char *
row_subtitle (GtkListBox *box,
              guint       index)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (box, index)));
}

static const char *
row_title (GtkListBox *box,
           guint       index)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (box,
                                                                                          index)));
}

/* A contact added by hand through the form, then marked as checked with
 * the family today. */
static void
test_people_add_and_check (Fixture       *fixture,
                           gconstpointer  data)
{
  WmPeoplePage *page = WM_PEOPLE_PAGE (wm_test_find_descendant (GTK_WIDGET (fixture->view),
                                                                WM_TYPE_PEOPLE_PAGE));
  GtkListBox *contacts = wm_people_page_get_contacts (page);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = wm_day_format_long (wm_day_today ());
  g_autofree char *checked = NULL;
  WmContactDetails *details;
  AdwMessageDialog *dialog;
  GtkListBox *form;

  g_assert_cmpuint (wm_test_count_rows (contacts), ==, 1);
  g_assert_cmpstr (row_title (contacts, 0), ==, "No parent, carer or other contact yet");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "people.add-contact", NULL));
  g_assert_true (wm_test_spin_until (dialog_shown, NULL, WM_TEST_WAIT_MS));
  dialog = wm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Add a Contact");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));

  form = GTK_LIST_BOX (adw_message_dialog_get_extra_child (dialog));
  gtk_editable_set_text (GTK_EDITABLE (gtk_list_box_get_row_at_index (form, 1)), "Jo");
  gtk_editable_set_text (GTK_EDITABLE (gtk_list_box_get_row_at_index (form, 2)), "Able");
  gtk_editable_set_text (GTK_EDITABLE (gtk_list_box_get_row_at_index (form, 3)), "Aunt");
  gtk_editable_set_text (GTK_EDITABLE (gtk_list_box_get_row_at_index (form, 4)), "07700 900123");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  adw_message_dialog_response (dialog, "add");
  g_assert_true (wm_test_spin_until (people_idle, page, WM_TEST_WAIT_MS));

  stored = wm_store_list_contact_details (fixture->store, fixture->pupil_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 1);
  details = g_ptr_array_index (stored, 0);
  g_assert_false (details->imported);
  g_assert_false (details->contact.parental_responsibility);
  g_assert_cmpstr (details->contact.relationship, ==, "Aunt");
  g_assert_cmpuint (details->details_checked_on, ==, WM_DAY_NONE);
  g_assert_cmpuint (wm_test_count_rows (contacts), ==, 1);
  g_assert_cmpstr (row_title (contacts, 0), ==, "Jo Able");
  g_assert_cmpstr (row_subtitle (contacts, 0), ==, "Aunt\n07700 900123\nDetails never checked");

  wm_people_page_mark_checked (page, details->id);
  g_assert_true (wm_test_spin_until (people_idle, page, WM_TEST_WAIT_MS));
  g_clear_pointer (&stored, g_ptr_array_unref);
  stored = wm_store_list_contact_details (fixture->store, fixture->pupil_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((WmContactDetails *) stored->pdata[0])->details_checked_on, ==,
                    wm_day_today ());
  checked = g_strdup_printf ("Aunt\n07700 900123\nDetails checked on %s", today);
  g_assert_cmpstr (row_subtitle (contacts, 0), ==, checked);
}

static void
test_people_siblings (Fixture       *fixture,
                      gconstpointer  data)
{
  WmPeoplePage *page = WM_PEOPLE_PAGE (wm_test_find_descendant (GTK_WIDGET (fixture->view),
                                                                WM_TYPE_PEOPLE_PAGE));
  g_auto(WmPupilRecord) record = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 school_id, sibling_id;

  g_assert_cmpstr (row_title (wm_people_page_get_siblings (page), 0), ==, "No siblings recorded");

  school_id = wm_store_find_school (fixture->store, "801", "4001");
  record.upn = g_strdup ("?801200026002");
  record.upn[0] = wm_upn_check_letter (record.upn);
  record.surname = g_strdup ("Able");
  record.forename = g_strdup ("Sam");
  sibling_id = wm_store_upsert_pupil (fixture->store, &record, school_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wm_store_link_siblings (fixture->store, fixture->pupil_id, sibling_id, &error));
  g_assert_no_error (error);

  wm_people_page_reload (page);
  g_assert_cmpuint (wm_test_count_rows (wm_people_page_get_siblings (page)), ==, 1);
  g_assert_cmpstr (row_title (wm_people_page_get_siblings (page), 0), ==, "Able, Sam");
  g_assert_cmpstr (row_subtitle (wm_people_page_get_siblings (page), 0), ==, record.upn);
}

/* Calling card */

static gboolean
letters_idle (gpointer data)
{
  return !wm_letters_action_is_busy ();
}

static gint64
add_no_answer_visit (Fixture *fixture)
{
  g_autoptr(JsonNode) node = json_from_string ("{\"date\": \"2026-03-04\", \"time\": \"16:45\", "
                                               "\"visited_by\": \"" OFFICER "\", "
                                               "\"outcome\": \"no-answer\"}", NULL);
  g_autoptr(GError) error = NULL;
  WmContactRecord parent = {
    .order = 1,
    .surname = (char *) "Able",
    .forename = (char *) "Jo",
    .relationship = (char *) "Mother",
    .parental_responsibility = TRUE,
    .address = (char *) "1 Hill Road, Leeds LS1 1AA",
  };
  gint64 id;

  wm_store_add_contact (fixture->store, fixture->pupil_id, &parent, FALSE,
                        wm_day_from_ymd (2026, 3, 2), &error);
  g_assert_no_error (error);
  id = wm_record_save_draft (fixture->store, wm_case_bar_get_case_id (case_bar (fixture)), 0,
                             "home-visit", json_node_get_object (node), OFFICER, &error);
  g_assert_no_error (error);
  g_assert_true (wm_record_finalise (fixture->store, id, OFFICER, &error));
  g_assert_no_error (error);
  wm_timeline_page_reload (timeline_page (fixture));
  return id;
}

/* Fills in the dialog's one entry row, after checking its visible title,
 * then clicks the button of the default response. */
static void
answer_dialog (AdwMessageDialog *dialog,
               const char       *row_title,
               const char       *text)
{
  GtkWidget *row = wm_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);
  const char *response = adw_message_dialog_get_default_response (dialog);
  const char *label = adw_message_dialog_get_response_label (dialog, response);
  GtkWidget *button = wm_test_find_button (GTK_WIDGET (dialog), label);

  g_assert_nonnull (row);
  g_assert_nonnull (button);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, row_title);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, response));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  g_signal_emit_by_name (button, "clicked");
}

/* The card is signed with the officer's name. Without the name, no
 * dialog requests anything, the record stays open, and a message says
 * where to enter the name. With it, one dialog requests the officer's
 * telephone number and the school's, each in a titled row, and the card
 * is made. The response closes the record viewer, which must not
 * leave a freed window in use: g_test_init() makes GLib criticals fatal,
 * as the first assertion checks. */
static void
test_calling_card_asks_first (Fixture       *fixture,
                              gconstpointer  data)
{
  GSettings *settings = wm_application_get_settings (application);
  g_autoptr(GPtrArray) letters = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *phone = NULL;
  AdwMessageDialog *dialog;
  WmRecordViewer *viewer;
  GtkWidget *school;
  gint64 record_id;

  g_assert_true (g_log_set_always_fatal (G_LOG_FATAL_MASK) & G_LOG_LEVEL_CRITICAL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  open_case (fixture);
  record_id = add_no_answer_visit (fixture);
  g_settings_set_string (settings, "officer-name", "");
  g_settings_set_string (settings, "officer-phone", "");

  viewer = wm_timeline_page_open_record (timeline_page (fixture), record_id);
  g_assert_nonnull (viewer);
  g_signal_emit_by_name (wm_test_find_button (GTK_WIDGET (viewer), "_Make Calling Card…"),
                         "clicked");
  dialog = wm_test_find_message_dialog ("Officer's Name Not Set");
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "The calling card is signed with your name. Enter it in Preferences, "
                   "Officer, then make the card.");
  g_assert_null (wm_test_find_message_dialog ("Make Calling Card?"));
  g_assert_false (wm_letters_action_is_busy ());
  wm_test_save_screenshot (GTK_WIDGET (dialog), "card-officer-name-not-set", 500);
  g_signal_emit_by_name (wm_test_find_button (GTK_WIDGET (dialog), "_Close"), "clicked");
  wm_test_spin_for (50);
  g_assert_null (wm_test_find_message_dialog ("Officer's Name Not Set"));
  g_assert_true (wm_test_find_toplevel (WM_TYPE_RECORD_VIEWER) == viewer);

  g_settings_set_string (settings, "officer-name", OFFICER);
  g_signal_emit_by_name (wm_test_find_button (GTK_WIDGET (viewer), "_Make Calling Card…"),
                         "clicked");
  dialog = wm_test_find_message_dialog ("Make Calling Card?");
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "send"), ==,
                   "_Make Calling Card");
  wm_test_save_screenshot (GTK_WIDGET (dialog), "card-asks-phone", 500);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  /* The school has no telephone in Preferences, so the same dialog
   * requests it under the officer's. */
  school = g_object_get_data (G_OBJECT (dialog), "school-phone-entry");
  g_assert_nonnull (school);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (school)), ==,
                   "School telephone");
  gtk_editable_set_text (GTK_EDITABLE (school), "01632 960002");
  answer_dialog (dialog, "Your telephone number", "01632 960001");
  wm_test_spin_for (50);
  g_assert_null (wm_test_find_toplevel (WM_TYPE_RECORD_VIEWER));
  g_assert_null (dialog);
  g_assert_null (wm_test_find_message_dialog ("Make Calling Card?"));
  g_assert_true (wm_test_spin_until (letters_idle, NULL, WM_TEST_WAIT_MS));
  wm_test_spin_for (50);

  letters = wm_letters_list (fixture->store, record_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (letters->len, ==, 1);
  g_assert_cmpstr (((WmLetterInfo *) letters->pdata[0])->addressee, ==, "Jo Able");
  phone = g_settings_get_string (settings, "officer-phone");
  g_assert_cmpstr (phone, ==, "01632 960001");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  wm_test_display_init (&argc, &argv);
  wm_test_use_source_letters ();
  application = wm_test_application_new ();

  g_test_add ("/records-window/case/open-close-reopen", Fixture, NULL,
              fixture_set_up, test_case_open_close_reopen, fixture_tear_down);
  g_test_add ("/records-window/case/form-defaults-officer", Fixture, NULL,
              fixture_set_up, test_case_form, fixture_tear_down);
  g_test_add ("/records-window/case/form-enter-opens", Fixture, "Return",
              fixture_set_up, test_case_form_keys, fixture_tear_down);
  g_test_add ("/records-window/case/form-ctrl-enter-opens", Fixture, "ctrl+Return",
              fixture_set_up, test_case_form_keys, fixture_tear_down);
  g_test_add ("/records-window/home-visit/save-amend-delete-undo", Fixture, NULL,
              fixture_set_up, test_home_visit_save_amend_delete_undo, fixture_tear_down);
  g_test_add ("/records-window/editor/impossible-date-kept", Fixture, NULL,
              fixture_set_up, test_impossible_date, fixture_tear_down);
  g_test_add ("/records-window/editor/next-visit-before-visit", Fixture, NULL,
              fixture_set_up, test_date_order, fixture_tear_down);
  g_test_add ("/records-window/editor/draft-autosaved", Fixture, NULL,
              fixture_set_up, test_draft_autosaved, fixture_tear_down);
  g_test_add ("/records-window/editor/draft-status-keeps-fields-still", Fixture, NULL,
              fixture_set_up, test_draft_status_keeps_fields_still, fixture_tear_down);
  g_test_add ("/records-window/editor/author-without-officer-name", Fixture, NULL,
              fixture_set_up, test_author_without_officer_name, fixture_tear_down);
  g_test_add ("/records-window/letters/calling-card-asks-first", Fixture, NULL,
              fixture_set_up, test_calling_card_asks_first, fixture_tear_down);
  g_test_add ("/records-window/editor/busy-database-keeps-text", Fixture, NULL,
              fixture_set_up, test_busy_database, fixture_tear_down);
  g_test_add ("/records-window/timeline/add-menu-order", Fixture, NULL,
              fixture_set_up, test_add_menu_order, fixture_tear_down);
  g_test_add ("/records-window/timeline/filter-and-search", Fixture, NULL,
              fixture_set_up, test_filter_and_search, fixture_tear_down);
  g_test_add ("/records-window/safeguarding/restricted-and-banner", Fixture, NULL,
              fixture_set_up, test_safeguarding_restricted, fixture_tear_down);

  g_test_add ("/records-window/people/add-and-check", Fixture, NULL,
              fixture_set_up, test_people_add_and_check, fixture_tear_down);
  g_test_add ("/records-window/people/siblings", Fixture, NULL,
              fixture_set_up, test_people_siblings, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
