/* test-letters-window.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Letters and the search of every record, in the window under a real
 * display (Xvfb). A finalised warning letter to a pupil with two parents
 * with parental responsibility makes two letters from the record viewer,
 * which appear on the Timeline with a toast naming both parents. A parent
 * without an address stops the step with a dialog naming the parent. The
 * header bar's search finds a word of a home visit in a worker, leaves
 * the safeguarding record with the same word out, and opens the pupil's
 * case from the result. Every wait is a bounded spin of the main context.
 */

#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "wm-application.h"
#include "wm-case-view.h"
#include "wm-case.h"
#include "wm-letters-action.h"
#include "wm-letters.h"
#include "wm-search-popover.h"
#include "wm-store-records.h"
#include "wm-test-display.h"
#include "wm-test-pdf.h"
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
  gint64      letter_record_id;
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

static WmSearchPopover *
record_search (Fixture *fixture)
{
  GtkWidget *search = wm_test_find_descendant (GTK_WIDGET (fixture->window),
                                               WM_TYPE_SEARCH_POPOVER);

  g_assert_nonnull (search);
  return WM_SEARCH_POPOVER (search);
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
write_case (Fixture    *fixture,
            const char *father_address)
{
  g_autoptr(GError) error = NULL;

  fixture->pupil_id = wm_test_import_four_weeks (fixture->store);
  wm_test_add_parent (fixture->store, fixture->pupil_id, "Siobhan", "Mother", MOTHER_ADDRESS);
  wm_test_add_parent (fixture->store, fixture->pupil_id, "Patrick", "Father", father_address);
  fixture->case_id = wm_case_open (fixture->store, fixture->pupil_id,
                                   wm_day_from_ymd (2026, 3, 2), "Attendance below 90%",
                                   OFFICER, OFFICER, &error);
  g_assert_no_error (error);

  add_record (fixture, "home-visit",
              "{\"date\": \"2026-03-04\", \"visited_by\": \"Me\", \"outcome\": \"parent-seen\", "
              "\"what_was_said\": \"The budgerigar keeps Seán awake at night\"}");
  add_record (fixture, "safeguarding",
              "{\"date\": \"2026-03-05\", \"concern\": \"The budgerigar was mentioned again\"}");
  fixture->letter_record_id =
    add_record (fixture, "warning-letter",
                "{\"date_sent\": \"2026-03-27\", \"parent\": \"Siobhan O'Brien\"}");
}

/* The father's address comes from the test's data: "" leaves it out. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GSettings *settings = wm_application_get_settings (application);
  g_autoptr(GError) error = NULL;
  const char *dir = g_get_user_data_dir ();
  const char *father_address = data != NULL ? data : FATHER_ADDRESS;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_settings_set_string (settings, "officer-name", OFFICER);
  fixture->db_path = g_build_filename (dir, "letters.db", NULL);
  fixture->store = wm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  write_case (fixture, *father_address != '\0' ? father_address : NULL);

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

/* Letters */

static gboolean
letters_done (gpointer data)
{
  return !wm_letters_action_is_busy ();
}

static void
send_letters (Fixture *fixture)
{
  WmRecordViewer *viewer;

  wm_window_open_pupil (fixture->window, fixture->pupil_id);
  viewer = wm_timeline_page_open_record (timeline_page (fixture), fixture->letter_record_id);
  g_assert_nonnull (viewer);

  wm_record_viewer_send_letters (viewer, "01632 960000");
  g_assert_true (wm_letters_action_is_busy ());
  g_assert_true (wm_test_spin_until (letters_done, NULL, WM_TEST_WAIT_MS));
}

/* Two parents with parental responsibility: two letters stored, two
 * "letter" entries on the Timeline, and a toast naming both parents. */
static void
test_send_two_parents (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) letters = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  AdwToast *toast;

  send_letters (fixture);
  dialog = wm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (dialog != NULL ? adw_message_dialog_get_body (dialog) : NULL, ==, NULL);

  letters = wm_letters_list (fixture->store, fixture->letter_record_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (letters->len, ==, 2);
  g_assert_cmpstr (((WmLetterInfo *) letters->pdata[0])->addressee, ==, "Siobhan O'Brien");
  g_assert_cmpstr (((WmLetterInfo *) letters->pdata[1])->addressee, ==, "Patrick O'Brien");
  g_assert_cmpstr (((WmLetterInfo *) letters->pdata[0])->created_by, ==, OFFICER);

  g_assert_cmpuint (wm_test_count_kind (wm_timeline_page_get_model (timeline_page (fixture)),
                                        "letter"), ==, 2);

  toast = wm_letters_action_get_toast ();
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==,
                   "2 letters made: to Siobhan O'Brien and Patrick O'Brien");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Open");
}

/* A parent without an address stops the whole step: no letter is made,
 * and the dialog names the parent and the missing field. */
static void
test_send_missing_address (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) letters = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  send_letters (fixture);

  letters = wm_letters_list (fixture->store, fixture->letter_record_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (letters->len, ==, 0);
  g_assert_cmpuint (wm_test_count_kind (wm_timeline_page_get_model (timeline_page (fixture)),
                                        "letter"), ==, 0);

  dialog = wm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Letters Not Made");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Letter to Patrick O'Brien: warning-letter.txt: no value "
                   "for merge field {parent.address}, which the addressee "
                   "needs. Fill it in before making the letter.");
}

/* Letters are signed, so without the officer's name none is made and
 * the dialog shows where to enter it. */
static void
test_send_without_officer_name (Fixture       *fixture,
                                gconstpointer  data)
{
  GSettings *settings = wm_application_get_settings (application);
  g_autoptr(GPtrArray) letters = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  WmRecordViewer *viewer;

  g_settings_set_string (settings, "officer-name", "");
  wm_window_open_pupil (fixture->window, fixture->pupil_id);
  viewer = wm_timeline_page_open_record (timeline_page (fixture), fixture->letter_record_id);
  g_assert_nonnull (viewer);
  wm_record_viewer_send_letters (viewer, "01632 960000");
  g_assert_false (wm_letters_action_is_busy ());

  letters = wm_letters_list (fixture->store, fixture->letter_record_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (letters->len, ==, 0);

  dialog = wm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Letters are signed with the officer's name, which is not set. "
                   "Enter it in Preferences, then make the letters.");
}

/* The calling card */

/* The row titled @title under @widget, or %NULL. */
static GtkEditable *
find_entry_row (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_ENTRY_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return GTK_EDITABLE (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkEditable *found = find_entry_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The text of the visible label under @widget styled as an error, or
 * %NULL. */
static const char *
error_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget)
      && gtk_widget_has_css_class (widget, "error"))
    return gtk_label_get_text (GTK_LABEL (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = error_text (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static AdwMessageDialog *
present_card_dialog (Fixture *fixture,
                     gint64   record_id)
{
  WmRecordViewer *viewer;

  viewer = wm_timeline_page_open_record (timeline_page (fixture), record_id);
  g_assert_nonnull (viewer);
  return wm_record_viewer_present_send_letters (viewer);
}

static char *
stored_school_phone (Fixture *fixture,
                     gint64  *out_school_id)
{
  g_auto(WmPupilRecord) pupil = { 0 };
  g_auto(WmSchoolDetails) school = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_store_get_pupil (fixture->store, fixture->pupil_id, &pupil, out_school_id,
                                     &error));
  g_assert_true (wm_store_get_school_details (fixture->store, *out_school_id, &school, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&school.phone);
}

static gint64
count_audit (Fixture    *fixture,
             const char *action,
             gint64      object_id,
             const char *detail)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = '%s' "
                                          "AND object_kind = 'school' AND object_id = %"
                                          G_GINT64_FORMAT " AND detail = '%s'",
                                          action, object_id, detail);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open (fixture->db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* The first card's text, as pdftotext reads it, on one line. */
static char *
first_card_text (Fixture *fixture,
                 gint64   record_id)
{
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "card.pdf", NULL);
  g_autoptr(GPtrArray) letters = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  letters = wm_letters_list (fixture->store, record_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (letters->len, ==, 2);
  pdf = wm_letters_get_pdf (fixture->store, ((WmLetterInfo *) letters->pdata[0])->id, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL),
                                      g_bytes_get_size (pdf), &error));
  text = wm_test_pdf_text (path, FALSE);
  return g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);
}

/* A home visit nobody answered, for a school with no telephone stored:
 * the card's one dialog asks for both numbers. A school number that is
 * too short or contains a letter is explained beside the field and kept as
 * typed, with Make disabled. A right one is stored on the school the way
 * Preferences, Schools stores it (its brackets left out, and audited
 * with the field's name), and the card prints it. The next card asks
 * only what is still missing. */
static void
test_calling_card_one_dialog (Fixture       *fixture,
                              gconstpointer  data)
{
  GSettings *settings = wm_application_get_settings (application);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *card = NULL;
  AdwMessageDialog *dialog;
  GtkEditable *officer, *school;
  gint64 record_id, school_id;

  g_settings_set_string (settings, "officer-phone", "");
  record_id = add_record (fixture, "home-visit",
                          "{\"date\": \"2026-03-04\", \"time\": \"10:05\", "
                          "\"visited_by\": \"Me\", \"outcome\": \"no-answer\"}");
  before = stored_school_phone (fixture, &school_id);
  g_assert_null (before);
  wm_window_open_pupil (fixture->window, fixture->pupil_id);

  dialog = present_card_dialog (fixture, record_id);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Make Calling Card?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "The card asks the family to call you or the school, and cannot be "
                   "changed afterwards. Give both telephone numbers: they are kept in "
                   "Preferences.");
  officer = find_entry_row (GTK_WIDGET (dialog), "Your telephone number");
  school = find_entry_row (GTK_WIDGET (dialog), "School telephone");
  g_assert_nonnull (officer);
  g_assert_nonnull (school);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "send"));
  g_assert_null (error_text (GTK_WIDGET (dialog)));

  gtk_editable_set_text (officer, "01632 960000");
  gtk_editable_set_text (school, "01632 96");
  g_assert_cmpstr (error_text (GTK_WIDGET (dialog)), ==,
                   "School telephone: the number has 7 digits; give the whole number with its "
                   "area code, at least 10 digits, such as 01632 960 123");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "send"));
  g_assert_cmpstr (gtk_editable_get_text (school), ==, "01632 96");
  wm_test_save_screenshot (GTK_WIDGET (dialog), "calling-card-dialog", 800);

  gtk_editable_set_text (school, "01632 960 12x");
  g_assert_cmpstr (error_text (GTK_WIDGET (dialog)), ==,
                   "School telephone: write the number with digits, spaces, + and brackets "
                   "only, such as 01632 960 123");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "send"));

  gtk_editable_set_text (school, "(01632) 960 123");
  g_assert_null (error_text (GTK_WIDGET (dialog)));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "send"));
  adw_message_dialog_response (dialog, "send");
  g_assert_true (wm_test_spin_until (letters_done, NULL, WM_TEST_WAIT_MS));

  after = stored_school_phone (fixture, &school_id);
  g_assert_cmpstr (after, ==, "01632 960 123");
  g_assert_cmpint (count_audit (fixture, "school-details", school_id, "fields=phone"), ==, 1);
  g_assert_cmpuint (wm_test_count_kind (wm_timeline_page_get_model (timeline_page (fixture)),
                                        "letter"), ==, 2);
  if (!wm_test_pdf_tools_missing ())
    {
      card = first_card_text (fixture, record_id);
      g_assert_nonnull (strstr (card, "Please call me on 01632 960000, or contact Millbrook "
                                      "Primary School on 01632 960 123, as soon as you can."));
    }

  /* Both numbers are kept: the next card asks for neither. */
  dialog = present_card_dialog (fixture, record_id);
  g_assert_null (find_entry_row (GTK_WIDGET (dialog), "School telephone"));
  g_assert_null (find_entry_row (GTK_WIDGET (dialog), "Your telephone number"));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "send"));
  adw_message_dialog_response (dialog, "cancel");
  g_settings_set_string (settings, "officer-phone", "");
}

/* Search */

static gboolean
search_done (gpointer data)
{
  return !wm_search_popover_is_busy (data);
}

/* A word of the home visit finds that one record. The safeguarding
 * record with the same word is restricted and is not listed. Choosing
 * the result opens the pupil's case in a tab. */
static void
test_search_opens_case (Fixture       *fixture,
                        gconstpointer  data)
{
  WmSearchPopover *search = record_search (fixture);
  AdwTabView *tabs = wm_window_get_tab_view (fixture->window);
  GtkListBox *results = wm_search_popover_get_results (search);
  GtkListBoxRow *row;
  GtkWidget *focus;

  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.search-records", NULL));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus,
                                         GTK_WIDGET (wm_search_popover_get_entry (search))));

  gtk_editable_set_text (wm_search_popover_get_entry (search), "budgerigar");
  g_assert_true (wm_search_popover_is_busy (search));
  g_assert_true (wm_test_spin_until (search_done, search, WM_TEST_WAIT_MS));

  g_assert_cmpuint (wm_test_count_rows (results), ==, 1);
  row = gtk_list_box_get_row_at_index (results, 0);
  /* The row's title is markup, so the apostrophe of the name is escaped. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "O&apos;Brien, Seán — Home visit, 4 March 2026");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Home visit · Me · Parent seen · The budgerigar keeps Seán awake at night");

  g_signal_emit_by_name (results, "row-activated", row);
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 1);
  g_assert_cmpint (wm_case_view_get_pupil_id (wm_test_selected_case (fixture->window)), ==,
                   fixture->pupil_id);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  wm_test_display_init (&argc, &argv);
  wm_test_use_source_letters ();
  application = wm_test_application_new ();

  g_test_add ("/letters-window/send/two-parents", Fixture, NULL,
              fixture_set_up, test_send_two_parents, fixture_tear_down);
  g_test_add ("/letters-window/send/parent-without-address", Fixture, "",
              fixture_set_up, test_send_missing_address, fixture_tear_down);
  g_test_add ("/letters-window/send/officer-name-unset", Fixture, NULL,
              fixture_set_up, test_send_without_officer_name, fixture_tear_down);
  g_test_add ("/letters-window/calling-card/school-phone-in-one-dialog", Fixture, NULL,
              fixture_set_up, test_calling_card_one_dialog, fixture_tear_down);
  g_test_add ("/letters-window/search/home-visit-opens-case", Fixture, NULL,
              fixture_set_up, test_search_opens_case, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
