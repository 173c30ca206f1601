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
#include <string.h>

#include "wm-application.h"
#include "wm-case-view.h"
#include "wm-case.h"
#include "wm-ctf.h"
#include "wm-import.h"
#include "wm-letters-action.h"
#include "wm-letters.h"
#include "wm-search-popover.h"
#include "wm-store-records.h"
#include "wm-timeline-object.h"
#include "wm-timeline-page.h"
#include "wm-window.h"

#define OFFICER "A. Officer"
#define PUPIL_UPN "W999200126002"
#define MOTHER_ADDRESS "12 Tern Road\nMillbrook MB1 2AB"
#define FATHER_ADDRESS "4 Heron Close\nMillbrook MB3 9ZZ"

/* An estimate: long enough for rendering two PDFs on a slow CI machine,
 * short enough that a hang fails the test, not the suite. */
#define WAIT_MS 20000

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

/* Spinning the main context */

typedef gboolean (*Condition) (gpointer data);

typedef struct
{
  Condition  done;
  gpointer   data;
  gint64     deadline;
  GMainLoop *loop;
} Spin;

static gboolean
check_spin (gpointer user_data)
{
  Spin *spin = user_data;

  if (!spin->done (spin->data) && g_get_monotonic_time () < spin->deadline)
    return G_SOURCE_CONTINUE;

  g_main_loop_quit (spin->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
spin_until (Condition done,
            gpointer  data,
            guint     timeout_ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Spin spin = { done, data, g_get_monotonic_time () + (gint64) timeout_ms * 1000, loop };

  g_timeout_add (10, check_spin, &spin);
  g_main_loop_run (loop);

  return done (data);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

static void
spin_for (guint ms)
{
  spin_until (never, NULL, ms);
}

/* Finding what the window shows */

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gpointer
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static WmCaseView *
selected_case (Fixture *fixture)
{
  AdwTabView *tabs = wm_window_get_tab_view (fixture->window);
  AdwTabPage *page = adw_tab_view_get_selected_page (tabs);

  g_assert_nonnull (page);
  return WM_CASE_VIEW (adw_tab_page_get_child (page));
}

static WmTimelinePage *
timeline_page (Fixture *fixture)
{
  GtkWidget *page = find_descendant (GTK_WIDGET (selected_case (fixture)),
                                     WM_TYPE_TIMELINE_PAGE);

  g_assert_nonnull (page);
  return WM_TIMELINE_PAGE (page);
}

static WmSearchPopover *
record_search (Fixture *fixture)
{
  GtkWidget *search = find_descendant (GTK_WIDGET (fixture->window), WM_TYPE_SEARCH_POPOVER);

  g_assert_nonnull (search);
  return WM_SEARCH_POPOVER (search);
}

static guint
count_kind (GListModel *model,
            const char *kind)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(WmTimelineObject) entry = g_list_model_get_item (model, i);

      n += g_strcmp0 (wm_timeline_object_get_kind (entry), kind) == 0;
    }

  return n;
}

static guint
count_rows (GtkListBox *box)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

/* The case record, written straight to the store before the window opens */

static gint64
add_record (Fixture    *fixture,
            const char *kind,
            const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_nonnull (node);
  id = wm_record_save_draft (fixture->store, fixture->case_id, 0, kind,
                             json_node_get_object (node), OFFICER, &error);
  g_assert_no_error (error);
  g_assert_true (wm_record_finalise (fixture->store, id, OFFICER, &error));
  g_assert_no_error (error);
  return id;
}

static void
add_parent (Fixture    *fixture,
            const char *forename,
            const char *relationship,
            const char *address)
{
  g_autoptr(GError) error = NULL;
  WmContactRecord contact = {
    .order = 1,
    .surname = (char *) "O'Brien",
    .forename = (char *) forename,
    .relationship = (char *) relationship,
    .parental_responsibility = TRUE,
    .address = (char *) address,
  };
  gint64 id = wm_store_add_contact (fixture->store, fixture->pupil_id, &contact, FALSE,
                                    wm_day_from_ymd (2026, 3, 2), &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
}

/* The pupil, Seán O'Brien, has four weeks of marks in March 2026, which
 * the warning letter quotes. */
static void
import_register (Fixture *fixture)
{
  g_autofree char *ctf = g_test_build_filename (G_TEST_DIST, "fixtures", "cli",
                                                "four-weeks.xml", NULL);
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  wm_ctf_global_init ();
  report = wm_import_file (fixture->store, ctf, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  fixture->pupil_id = wm_store_find_pupil_by_upn (fixture->store, PUPIL_UPN);
  g_assert_cmpint (fixture->pupil_id, >, 0);
}

static void
write_case (Fixture    *fixture,
            const char *father_address)
{
  g_autoptr(GError) error = NULL;

  import_register (fixture);
  add_parent (fixture, "Siobhan", "Mother", MOTHER_ADDRESS);
  add_parent (fixture, "Patrick", "Father", father_address);
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

static gboolean
pupils_listed (gpointer data)
{
  Fixture *fixture = data;

  return wm_pupil_list_get_n_pupils (wm_window_get_pupil_list (fixture->window)) > 0;
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

  fixture->window = g_object_ref (wm_window_new (GTK_APPLICATION (application),
                                                 fixture->db_path));
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (spin_until (pupils_listed, fixture, WAIT_MS));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != fixture->window)
      gtk_window_destroy (l->data);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  spin_for (50);

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
  g_assert_true (spin_until (letters_done, NULL, WAIT_MS));
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
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (dialog != NULL ? adw_message_dialog_get_body (dialog) : NULL, ==, NULL);

  letters = wm_letters_list (fixture->store, fixture->letter_record_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (letters->len, ==, 2);
  g_assert_cmpstr (((WmLetterInfo *) letters->pdata[0])->addressee, ==, "Siobhan O'Brien");
  g_assert_cmpstr (((WmLetterInfo *) letters->pdata[1])->addressee, ==, "Patrick O'Brien");
  g_assert_cmpstr (((WmLetterInfo *) letters->pdata[0])->created_by, ==, OFFICER);

  g_assert_cmpuint (count_kind (wm_timeline_page_get_model (timeline_page (fixture)), "letter"),
                    ==, 2);

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
  g_assert_cmpuint (count_kind (wm_timeline_page_get_model (timeline_page (fixture)), "letter"),
                    ==, 0);

  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
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

  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Letters are signed with the officer's name, which is not set. "
                   "Enter it in Preferences, then make the letters.");
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
  g_assert_true (spin_until (search_done, search, WAIT_MS));

  g_assert_cmpuint (count_rows (results), ==, 1);
  row = gtk_list_box_get_row_at_index (results, 0);
  /* The row's title is markup, so the apostrophe of the name is escaped. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "O&apos;Brien, Seán — Home visit, 4 March 2026");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Home visit · Me · Parent seen · The budgerigar keeps Seán awake at night");

  g_signal_emit_by_name (results, "row-activated", row);
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 1);
  g_assert_cmpint (wm_case_view_get_pupil_id (selected_case (fixture)), ==, fixture->pupil_id);
}

/* The icon loader identifies SVG files through the MIME database, in
 * the system's data directories, which g_test_init() hides. */
static char **
system_mime_dirs (void)
{
  const char * const *data_dirs = g_get_system_data_dirs ();
  guint n = g_strv_length ((char **) data_dirs);
  char **dirs = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    dirs[i] = g_build_filename (data_dirs[i], "mime", NULL);

  return dirs;
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) mime_dirs = system_mime_dirs ();
  g_autoptr(GError) error = NULL;
  g_autofree char *schema_dir = NULL;
  g_autofree char *letters_dir = NULL;
  int status;

  schema_dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR")
                                                              : ".",
                                 "..", "data", NULL);
  g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);

  gtk_init ();
  adw_init ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs);

  /* The templates are not installed while the tests run. */
  letters_dir = g_test_build_filename (G_TEST_DIST, "..", "data", "letters", NULL);
  g_setenv ("WAYMARK_LETTERS_DIR", letters_dir, TRUE);

  application = wm_application_new ();
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/letters-window/send/two-parents", Fixture, NULL,
              fixture_set_up, test_send_two_parents, fixture_tear_down);
  g_test_add ("/letters-window/send/parent-without-address", Fixture, "",
              fixture_set_up, test_send_missing_address, fixture_tear_down);
  g_test_add ("/letters-window/send/officer-name-unset", Fixture, NULL,
              fixture_set_up, test_send_without_officer_name, fixture_tear_down);
  g_test_add ("/letters-window/search/home-visit-opens-case", Fixture, NULL,
              fixture_set_up, test_search_opens_case, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
