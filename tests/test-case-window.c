/* test-case-window.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The case record in the window under a real display (Xvfb): allocating
 * the case to another officer from the case bar's menu, a meeting
 * invitation whose PDF prints every merge value, and a calling card from
 * a home visit nobody answered. Every wait is a bounded spin of the main
 * context.
 */

#include <adwaita.h>
#include <string.h>

#include "wm-application.h"
#include "wm-case-bar.h"
#include "wm-case-view.h"
#include "wm-case.h"
#include "wm-letters-action.h"
#include "wm-letters.h"
#include "wm-record-viewer.h"
#include "wm-store-records.h"
#include "wm-test-display.h"
#include "wm-test-pdf.h"
#include "wm-test-util.h"
#include "wm-timeline-object.h"
#include "wm-timeline-page.h"
#include "wm-window.h"

#define OFFICER "A. Officer"
#define MOTHER_ADDRESS "12 Tern Road\nMillbrook MB1 2AB"
#define FATHER_ADDRESS "4 Heron Close\nMillbrook MB3 9ZZ"

typedef struct
{
  char       *db_path;
  WmStore    *store;
  gint64      pupil_id;
  gint64      case_id;
  WmWindow   *window;
} Fixture;

static WmApplication *application;

/* Finding what the window shows */

static WmTimelinePage *
timeline_page (Fixture *fixture)
{
  GtkWidget *view = GTK_WIDGET (wm_test_selected_case (fixture->window));
  GtkWidget *page = wm_test_find_descendant (view, WM_TYPE_TIMELINE_PAGE);

  g_assert_nonnull (page);
  return WM_TIMELINE_PAGE (page);
}

static WmCaseBar *
case_bar (Fixture *fixture)
{
  GtkWidget *view = GTK_WIDGET (wm_test_selected_case (fixture->window));
  GtkWidget *bar = wm_test_find_descendant (view, WM_TYPE_CASE_BAR);

  g_assert_nonnull (bar);
  return WM_CASE_BAR (bar);
}

/* The case record, written straight to the store before the window opens */

static gint64
add_record (Fixture    *fixture,
            const char *kind,
            const char *json)
{
  return wm_test_add_record_json (fixture->store, fixture->case_id, kind, json, OFFICER);
}

/* The pupil, Seán O'Brien, has four weeks of marks in March 2026, which
 * the warning letter quotes. */
static void
write_case (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->pupil_id = wm_test_import_four_weeks (fixture->store);
  wm_test_add_parent (fixture->store, fixture->pupil_id, "Siobhan", "Mother", MOTHER_ADDRESS);
  wm_test_add_parent (fixture->store, fixture->pupil_id, "Patrick", "Father", FATHER_ADDRESS);
  fixture->case_id = wm_case_open (fixture->store, fixture->pupil_id,
                                   wm_day_from_ymd (2026, 3, 2), "Attendance below 90%",
                                   OFFICER, OFFICER, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GSettings *settings = wm_application_get_settings (application);
  g_autoptr(GError) error = NULL;
  const char *dir = g_get_user_data_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_settings_set_string (settings, "officer-name", OFFICER);
  g_settings_set_string (settings, "officer-phone", "01632 960000");
  fixture->db_path = g_build_filename (dir, "case.db", NULL);
  fixture->store = wm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  write_case (fixture);

  fixture->window = wm_test_open_window (application, fixture->db_path);
  wm_window_open_pupil (fixture->window, fixture->pupil_id);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  wm_test_destroy_windows (&fixture->window);
  g_clear_object (&fixture->store);
  g_free (fixture->db_path);
}

static gint64
query_int (Fixture    *fixture,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (fixture->store), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Allocation */

static gboolean
bar_idle (gpointer data)
{
  return !wm_case_bar_is_busy (data);
}

static gboolean
allocated (gpointer data)
{
  return strstr (wm_case_bar_get_status_text (data), "Sam Patel") != NULL;
}

static GtkWidget *
dialog_problem (AdwMessageDialog *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "problem");
}

/* The menu's action opens the dialog with today's date and the officer
 * field focused. A wrong date keeps the dialog's Allocate response off
 * and says why under the fields, keeping what was typed; a right one
 * allocates the case: the case bar and the Timeline show the new officer
 * and the audit log has the allocation. */
static void
test_allocate (Fixture       *fixture,
               gconstpointer  data)
{
  WmCaseBar *bar = case_bar (fixture);
  GtkEditable *officer, *date;
  AdwMessageDialog *dialog;
  GtkWidget *problem;
  g_autoptr(WmTimelineObject) entry = NULL;
  GListModel *model;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bar), "case-bar.allocate", NULL));
  dialog = wm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Allocate to Another Officer");
  officer = g_object_get_data (G_OBJECT (dialog), "officer");
  date = g_object_get_data (G_OBJECT (dialog), "date");
  problem = dialog_problem (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "ok"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (problem)), ==,
                   "Officer: enter the name of the officer who leads the case from now");

  gtk_editable_set_text (officer, "Sam Patel");
  gtk_editable_set_text (date, "31/02/2026");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "ok"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (problem)), ==,
                   "Date: “31/02/2026” is not a date; write it as DD/MM/YYYY");
  gtk_editable_set_text (date, "01/03/2026");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (problem)), ==,
                   "Date: the case was opened on 2 March 2026; an allocation cannot start "
                   "before that");
  g_assert_cmpstr (gtk_editable_get_text (officer), ==, "Sam Patel");

  gtk_editable_set_text (date, "16/03/2026");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "ok"));
  g_assert_false (gtk_widget_get_visible (problem));
  /* Enter in the field activates the default response, Allocate. The
   * button clicks after its animation, so the test waits for the result. */
  g_signal_emit_by_name (wm_test_find_descendant (GTK_WIDGET (date), GTK_TYPE_TEXT), "activate");
  g_assert_true (wm_test_spin_until (allocated, bar, WM_TEST_WAIT_MS));
  g_assert_true (wm_test_spin_until (bar_idle, bar, WM_TEST_WAIT_MS));

  g_assert_nonnull (strstr (wm_case_bar_get_status_text (bar), " · Lead officer: Sam Patel"));
  model = wm_timeline_page_get_model (timeline_page (fixture));
  g_assert_cmpuint (wm_test_count_kind (model, "case-allocation"), ==, 1);
  for (guint i = 0; entry == NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(WmTimelineObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (wm_timeline_object_get_kind (item), "case-allocation") == 0)
        entry = g_steal_pointer (&item);
    }
  g_assert_cmpstr (wm_timeline_object_get_title (entry), ==, "Case allocated to Sam Patel");
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log "
                              "WHERE action = 'case-allocate'"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM case_events WHERE event = "
                              "'allocate' AND officer = 'Sam Patel' AND day = '2026-03-16'"),
                   ==, 1);
}

/* Letters */

static gboolean
letters_done (gpointer data)
{
  return !wm_letters_action_is_busy ();
}

static char *
first_pdf_text (Fixture *fixture,
                gint64   record_id)
{
  g_autoptr(GPtrArray) letters = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "first.pdf", NULL);

  letters = wm_letters_list (fixture->store, record_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (letters->len, ==, 2);
  pdf = wm_letters_get_pdf (fixture->store, ((WmLetterInfo *) letters->pdata[0])->id, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL),
                                      g_bytes_get_size (pdf), &error));
  g_assert_no_error (error);
  return wm_test_pdf_text (path, FALSE);
}

/* The invitation takes the meeting's date, time and place from the
 * record and the officer's number from the settings, and its PDF prints
 * each of them. */
static void
test_meeting_invitation (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  gint64 id;
  WmRecordViewer *viewer;

  if (wm_test_pdf_tools_missing ())
    return;

  id = add_record (fixture, "meeting",
                   "{\"meeting_type\": \"parent-meeting\", \"date\": \"2026-04-01\", "
                   "\"time\": \"16:15\", \"place\": \"Millbrook Primary School, Room 4\"}");
  wm_timeline_page_reload (timeline_page (fixture));
  viewer = wm_timeline_page_open_record (timeline_page (fixture), id);
  g_assert_nonnull (viewer);
  wm_record_viewer_send_letters (viewer, "01632 960000");
  g_assert_true (wm_test_spin_until (letters_done, NULL, WM_TEST_WAIT_MS));

  text = first_pdf_text (fixture, id);
  flat = g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);
  g_assert_nonnull (strstr (flat, "Dear Siobhan O'Brien,"));
  g_assert_nonnull (strstr (flat, "The meeting will be on 1 April 2026 at 16:15 at Millbrook "
                                  "Primary School, Room 4."));
  g_assert_nonnull (strstr (flat, "Seán's attendance at Millbrook Primary School in the period "
                                  "2 to 27 March 2026 was 82.5%."));
  g_assert_nonnull (strstr (flat, "please call me on 01632 960000"));
  g_assert_null (strstr (flat, "{"));
}

/* A home visit nobody answered offers a calling card from its viewer.
 * Its dialog asks for the school's number too, then one card is made per
 * parent, logged on the Timeline. */
static void
test_calling_card (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  AdwMessageDialog *dialog;
  GtkEditable *entry;
  WmRecordViewer *viewer;
  gint64 id;

  id = add_record (fixture, "home-visit",
                   "{\"date\": \"2026-03-04\", \"time\": \"10:05\", \"visited_by\": \"Me\", "
                   "\"outcome\": \"card-left\"}");
  wm_timeline_page_reload (timeline_page (fixture));
  viewer = wm_timeline_page_open_record (timeline_page (fixture), id);
  g_assert_nonnull (viewer);
  dialog = wm_record_viewer_present_send_letters (viewer);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Make Calling Card?");
  entry = g_object_get_data (G_OBJECT (dialog), "school-phone-entry");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "send"));
  gtk_editable_set_text (entry, "01632 960111");
  adw_message_dialog_response (dialog, "send");
  g_assert_true (wm_test_spin_until (letters_done, NULL, WM_TEST_WAIT_MS));

  g_assert_cmpuint (wm_test_count_kind (wm_timeline_page_get_model (timeline_page (fixture)),
                                        "letter"), ==, 2);
  if (wm_test_pdf_tools_missing ())
    return;

  text = first_pdf_text (fixture, id);
  flat = g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);
  g_assert_nonnull (strstr (flat, "I called at your home on 4 March 2026 at 10:05"));
  g_assert_nonnull (strstr (flat, "Please call me on 01632 960000, or contact Millbrook Primary "
                                  "School on 01632 960111, as soon as you can."));
}

/* With the school's telephone entered in Preferences, Schools, the card
 * is made without asking for it, and prints it. */
static void
test_calling_card_school_phone (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WmSchoolDetails school = { .phone = "01632 960222" };
  WmRecordViewer *viewer;
  gint64 id;

  g_assert_true (wm_store_set_school_details (fixture->store,
                                              wm_store_find_school (fixture->store, "999",
                                                                    "2001"),
                                              &school, &error));
  g_assert_no_error (error);
  id = add_record (fixture, "home-visit",
                   "{\"date\": \"2026-03-04\", \"time\": \"10:05\", \"visited_by\": \"Me\", "
                   "\"outcome\": \"no-answer\"}");
  wm_timeline_page_reload (timeline_page (fixture));
  viewer = wm_timeline_page_open_record (timeline_page (fixture), id);
  g_assert_nonnull (viewer);
  wm_record_viewer_send_letters (viewer, "01632 960000");
  g_assert_true (wm_test_spin_until (letters_done, NULL, WM_TEST_WAIT_MS));

  g_assert_null (wm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (wm_test_count_kind (wm_timeline_page_get_model (timeline_page (fixture)),
                                        "letter"), ==, 2);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM letters "
                              "WHERE text LIKE '%on 01632 960222, as soon as you can.%'"), ==, 2);
}

/* Case events on the Timeline */

static guint
find_label (GtkDropDown *dropdown,
            const char  *label)
{
  GListModel *labels = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (labels), i), label) == 0)
      return i;

  g_assert_not_reached ();
}

static void
assert_entry (GListModel *model,
              guint       position,
              const char *kind,
              const char *iso_day,
              const char *title,
              const char *detail)
{
  g_autoptr(WmTimelineObject) entry = g_list_model_get_item (model, position);

  g_assert_nonnull (entry);
  g_assert_cmpstr (wm_timeline_object_get_kind (entry), ==, kind);
  g_assert_cmpint (wm_timeline_object_get_day (entry), ==, wm_day_from_iso (iso_day));
  g_assert_cmpstr (wm_timeline_object_get_title (entry), ==, title);
  g_assert_cmpstr (wm_timeline_object_get_detail (entry), ==, detail);
}

/* A case opened, allocated, closed and reopened: the Timeline shows its
 * whole history newest first, each event with its date, officer and
 * reason, and the "Case events" filter leaves only those. */
static void
test_case_events (Fixture       *fixture,
                  gconstpointer  data)
{
  WmTimelinePage *page = timeline_page (fixture);
  g_autoptr(GError) error = NULL;
  GListModel *shown;

  g_assert_true (wm_case_allocate (fixture->store, fixture->case_id,
                                   wm_day_from_ymd (2026, 3, 9), "Sam Patel", OFFICER,
                                   &error));
  g_assert_true (wm_case_close (fixture->store, fixture->case_id, wm_day_from_ymd (2026, 3, 20),
                                "Attendance improved", "Sam Patel", &error));
  g_assert_true (wm_case_reopen (fixture->store, fixture->case_id,
                                 wm_day_from_ymd (2026, 3, 27), "Absent again", "Sam Patel",
                                 &error));
  g_assert_no_error (error);
  wm_timeline_page_reload (page);

  gtk_drop_down_set_selected (wm_timeline_page_get_kind_dropdown (page),
                              find_label (wm_timeline_page_get_kind_dropdown (page),
                                          "Case events"));
  shown = wm_timeline_page_get_shown (page);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 4);
  assert_entry (shown, 0, "case-reopen", "2026-03-27", "Case reopened",
                "Reason: Absent again · Recorded by Sam Patel");
  assert_entry (shown, 1, "case-close", "2026-03-20", "Case closed",
                "Reason: Attendance improved · Recorded by Sam Patel");
  assert_entry (shown, 2, "case-allocation", "2026-03-09", "Case allocated to Sam Patel",
                "Recorded by " OFFICER);
  assert_entry (shown, 3, "case-open", "2026-03-02", "Case opened, led by " OFFICER,
                "Reason: Attendance below 90% · Recorded by " OFFICER);
  wm_test_save_screenshot (GTK_WIDGET (fixture->window), "timeline-case-events", 500);

  gtk_drop_down_set_selected (wm_timeline_page_get_kind_dropdown (page), 0);
  g_assert_cmpuint (wm_test_count_kind (wm_timeline_page_get_model (page), "case-open"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (wm_timeline_page_get_shown (page)), >, 4);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  wm_test_display_init (&argc, &argv);
  wm_test_use_source_letters ();
  application = wm_test_application_new ();

  g_test_add ("/case-window/allocate/with-keyboard", Fixture, NULL,
              fixture_set_up, test_allocate, fixture_tear_down);
  g_test_add ("/case-window/meeting-invitation/pdf-has-every-value", Fixture, NULL,
              fixture_set_up, test_meeting_invitation, fixture_tear_down);
  g_test_add ("/case-window/calling-card/from-home-visit", Fixture, NULL,
              fixture_set_up, test_calling_card, fixture_tear_down);
  g_test_add ("/case-window/calling-card/school-phone-entered", Fixture, NULL,
              fixture_set_up, test_calling_card_school_phone, fixture_tear_down);
  g_test_add ("/case-window/timeline/case-events", Fixture, NULL,
              fixture_set_up, test_case_events, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
