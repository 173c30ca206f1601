/* test-window.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window under a real display (Xvfb): an import through the
 * window's own import path, the evaluator's results reaching the list, the
 * search, the case tabs and the failure dialog, then the desktop
 * integration: the Welsh translation, the window size kept in GSettings,
 * the shortcuts, accessible names and a keyboard-only walk. Every wait is
 * a bounded spin of the main context.
 */

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "wm-application.h"
#include "wm-case-view.h"
#include "wm-evaluation.h"
#include "wm-names.h"
#include "wm-pupil-list.h"
#include "wm-pupil-row.h"
#include "wm-record-editor.h"
#include "wm-record.h"
#include "wm-sample.h"
#include "wm-store.h"
#include "wm-test-display.h"
#include "wm-timeline-object.h"
#include "wm-today-view.h"
#include "wm-window.h"

#define N_SAMPLE_PUPILS 60

typedef struct
{
  char          *db_path;
  char          *ctf_path;
  WmWindow      *window;
} Fixture;

/* One application for the whole run, as in the program, where every
 * window belongs to the one registered instance. */
static WmApplication *application;

/* Looking into the widgets */

/* Appends the text of every label under @widget. With @only_mapped, only
 * labels on screen count (the hidden pages of a stack are not mapped). */
static void
collect_label_text (GtkWidget *widget,
                    gboolean   only_mapped,
                    GString   *text)
{
  if (only_mapped && !gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_text (child, only_mapped, text);
}

/* The level filter is the first drop-down whose choices start with "All
 * levels". */
static GtkDropDown *
find_level_dropdown (GtkWidget *widget)
{
  if (GTK_IS_DROP_DOWN (widget))
    {
      GListModel *choices = gtk_drop_down_get_model (GTK_DROP_DOWN (widget));
      g_autoptr(GObject) first = choices != NULL ? g_list_model_get_item (choices, 0) : NULL;

      const char *text = GTK_IS_STRING_OBJECT (first)
                         ? gtk_string_object_get_string (GTK_STRING_OBJECT (first)) : NULL;

      if (g_strcmp0 (text, "All levels") == 0)
        return GTK_DROP_DOWN (widget);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkDropDown *found = find_level_dropdown (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static WmPupilObject *
model_item (GListModel *model,
            guint       position)
{
  WmPupilObject *pupil = g_list_model_get_item (model, position);

  /* The list keeps its own reference, so the caller only borrows. */
  g_object_unref (pupil);
  return pupil;
}

/* Fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *dir = g_get_user_data_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  fixture->db_path = g_build_filename (dir, "window.db", NULL);
  fixture->ctf_path = g_build_filename (dir, "sample.xml", NULL);
  wm_test_write_sample (fixture->ctf_path, N_SAMPLE_PUPILS);

  fixture->window = wm_test_present_window (application, fixture->db_path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  wm_test_destroy_windows (&fixture->window);
  g_free (fixture->db_path);
  g_free (fixture->ctf_path);
}

/* Waiting for the import and the evaluation */

static gboolean
all_evaluated (WmWindow *window)
{
  WmPupilList *list = wm_window_get_pupil_list (window);
  guint n = wm_pupil_list_get_n_pupils (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmPupilObject) pupil = NULL;

      pupil = g_list_model_get_item (wm_pupil_list_get_model (list), i);
      if (pupil == NULL || !wm_pupil_object_get_summary (pupil)->evaluated)
        return FALSE;
    }

  return TRUE;
}

static gboolean
sample_ready (gpointer data)
{
  WmWindow *window = data;

  return !wm_window_is_busy (window)
         && wm_pupil_list_get_n_pupils (wm_window_get_pupil_list (window)) == N_SAMPLE_PUPILS
         && all_evaluated (window);
}

static void
import_sample (Fixture *fixture)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->ctf_path);

  wm_window_import_file (fixture->window, file);
  g_assert_true (wm_window_is_busy (fixture->window));
  g_assert_true (wm_test_spin_until (sample_ready, fixture->window, WM_TEST_WAIT_MS));
}

/* Independent counts, read from the store rather than from the list */

typedef gboolean (*SummaryTest) (const WmPupilSummary *summary);

static guint
count_stored (Fixture     *fixture,
              SummaryTest  test)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = wm_store_open (fixture->db_path, &error);
  g_autoptr(GPtrArray) summaries = NULL;
  guint n = 0;

  g_assert_no_error (error);
  summaries = wm_store_list_pupils (store, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < summaries->len; i++)
    if (test (g_ptr_array_index (summaries, i)))
      n++;

  return n;
}

static gboolean
is_o_test (const WmPupilSummary *summary)
{
  return g_strcmp0 (summary->surname, "O'Test") == 0;
}

static gboolean
is_level_3 (const WmPupilSummary *summary)
{
  return summary->evaluated
         && summary->evaluation.level != WM_LEVEL_NULL
         && MAX (summary->evaluation.level, summary->evaluation.level_high) == 3;
}

/* Tests */

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
test_empty_database (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *root = gtk_window_get_child (GTK_WINDOW (fixture->window));

  g_assert_true (wm_test_spin_until (window_mapped, fixture->window, WM_TEST_WAIT_MS));
  g_assert_cmpuint (wm_pupil_list_get_n_pupils (wm_window_get_pupil_list (fixture->window)),
                    ==, 0);

  /* The empty state, on screen, offers the import. */
  collect_label_text (root, TRUE, text);
  g_assert_nonnull (strstr (text->str, "No pupils yet"));
  g_assert_nonnull (strstr (text->str, "Import a Common Transfer File…"));
}

static gboolean
model_has_n_items (gpointer data)
{
  gpointer *args = data;

  return g_list_model_get_n_items (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static void
wait_for_n_items (GListModel *model,
                  guint       n)
{
  gpointer args[] = { model, GUINT_TO_POINTER (n) };

  /* The search entry waits a moment after typing before it filters. */
  wm_test_spin_until (model_has_n_items, args, 5000);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
}

static void
test_import_search_and_tabs (Fixture       *fixture,
                             gconstpointer  data)
{
  WmPupilList *list = wm_window_get_pupil_list (fixture->window);
  GListModel *model = wm_pupil_list_get_model (list);
  guint n_o_test;

  import_sample (fixture);
  g_assert_cmpuint (wm_pupil_list_get_n_pupils (list), ==, N_SAMPLE_PUPILS);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_SAMPLE_PUPILS);

  /* Typed without the apostrophe and in lower case, the search still
   * finds exactly the pupils stored as "O'Test". */
  n_o_test = count_stored (fixture, is_o_test);
  g_assert_cmpuint (n_o_test, >, 0);
  gtk_editable_set_text (wm_pupil_list_get_search_entry (list), "otest");
  wait_for_n_items (model, n_o_test);
  for (guint i = 0; i < n_o_test; i++)
    g_assert_true (g_str_has_prefix (wm_pupil_object_get_name (model_item (model, i)),
                                     "O'Test, "));

  gtk_editable_set_text (wm_pupil_list_get_search_entry (list), "");
  wait_for_n_items (model, N_SAMPLE_PUPILS);
}

static void
test_open_and_close_tab (Fixture       *fixture,
                         gconstpointer  data)
{
  WmPupilList *list = wm_window_get_pupil_list (fixture->window);
  AdwTabView *tabs = wm_window_get_tab_view (fixture->window);
  g_autoptr(GString) header = g_string_new (NULL);
  g_autoptr(WmPupilObject) first = NULL;
  g_autofree char *level_text = NULL;
  const WmPupilSummary *summary;
  WmCaseView *view;
  GListModel *timeline;
  gboolean has_import = FALSE;

  import_sample (fixture);
  first = g_list_model_get_item (wm_pupil_list_get_model (list), 0);
  summary = wm_pupil_object_get_summary (first);
  level_text = wm_level_describe (summary->evaluation.level, summary->evaluation.level_high);

  g_signal_emit_by_name (wm_pupil_list_get_view (list), "activate", 0);
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 1);

  view = WM_CASE_VIEW (adw_tab_page_get_child (adw_tab_view_get_nth_page (tabs, 0)));
  g_assert_cmpint (wm_case_view_get_pupil_id (view), ==, summary->id);
  collect_label_text (gtk_widget_get_first_child (GTK_WIDGET (view)), FALSE, header);
  g_assert_nonnull (strstr (header->str, summary->surname));
  g_assert_nonnull (strstr (header->str, level_text));

  /* Opening the same pupil again selects the tab it already has. */
  g_signal_emit_by_name (wm_pupil_list_get_view (list), "activate", 0);
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 1);

  timeline = wm_case_view_get_timeline (view);
  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr(WmTimelineObject) entry = g_list_model_get_item (timeline, i);

      has_import |= g_strcmp0 (wm_timeline_object_get_kind (entry), "import") == 0;
    }
  g_assert_true (has_import);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.close-tab", NULL));
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 0);

  /* The window is destroyed with a tab open at the end of the test. */
  g_signal_emit_by_name (wm_pupil_list_get_view (list), "activate", 1);
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 1);
}

static void
test_sort_and_level_filter (Fixture       *fixture,
                            gconstpointer  data)
{
  WmPupilList *list = wm_window_get_pupil_list (fixture->window);
  GListModel *model = wm_pupil_list_get_model (list);
  guint n_level_3;
  gint previous = -1;
  gboolean seen_unplaced = FALSE;

  import_sample (fixture);

  /* Lowest attendance comes first, and pupils with no figure go last. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      WmPupilObject *pupil = model_item (model, i);
      gint tenths = wm_pupil_object_get_summary (pupil)->evaluation.percent_tenths;

      if (!wm_pupil_object_is_placed (pupil) || tenths < 0)
        {
          seen_unplaced = TRUE;
          continue;
        }
      g_assert_false (seen_unplaced);
      g_assert_cmpint (tenths, >=, previous);
      previous = tenths;
    }

  n_level_3 = count_stored (fixture, is_level_3);
  wm_pupil_list_set_level_filter (list, WM_PUPIL_LIST_LEVEL_3);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_level_3);

  wm_pupil_list_set_level_filter (list, WM_PUPIL_LIST_LEVEL_ALL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_SAMPLE_PUPILS);
}

static gboolean
scrolled_down (gpointer data)
{
  GtkAdjustment *adjustment = data;

  return gtk_adjustment_get_value (adjustment) > gtk_adjustment_get_lower (adjustment);
}

/* After an import the list is back at its top, where the pupils with the
 * lowest attendance are. */
static void
test_import_scrolls_to_top (Fixture       *fixture,
                            gconstpointer  data)
{
  WmPupilList *list = wm_window_get_pupil_list (fixture->window);
  GtkScrollable *view = GTK_SCROLLABLE (wm_pupil_list_get_view (list));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (view);
  g_autoptr(GFile) file = g_file_new_for_path (fixture->ctf_path);

  /* One page down. Before the rows are laid out, GTK 4.8 cannot scroll
   * further and warns. */
  import_sample (fixture);
  wm_test_spin_for (100);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_page_size (adjustment));
  g_assert_true (wm_test_spin_until (scrolled_down, adjustment, WM_TEST_WAIT_MS));

  wm_window_import_file (fixture->window, file);
  g_assert_true (wm_test_spin_until (sample_ready, fixture->window, WM_TEST_WAIT_MS));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==,
                     gtk_adjustment_get_lower (adjustment));
}

static gboolean
both_schools_ready (gpointer data)
{
  WmWindow *window = data;

  return !wm_window_is_busy (window)
         && wm_pupil_list_get_n_pupils (wm_window_get_pupil_list (window))
            == 2 * N_SAMPLE_PUPILS
         && all_evaluated (window);
}

static gboolean
has_figure (const WmPupilSummary *summary)
{
  return summary->evaluated
         && summary->evaluation.level != WM_LEVEL_NULL
         && summary->evaluation.percent_tenths >= 0;
}

/* The lowest attendance in the database, in tenths of a percent. */
static gint
lowest_stored_percent (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = wm_store_open (fixture->db_path, &error);
  g_autoptr(GPtrArray) summaries = NULL;
  gint lowest = G_MAXINT;

  g_assert_no_error (error);
  summaries = wm_store_list_pupils (store, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < summaries->len; i++)
    {
      const WmPupilSummary *summary = g_ptr_array_index (summaries, i);

      if (has_figure (summary))
        lowest = MIN (lowest, summary->evaluation.percent_tenths);
    }

  return lowest;
}

static void
find_top_row (GtkWidget   *widget,
              GtkWidget   *view,
              WmPupilRow **top,
              double      *top_y)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_point_t point;

      if (!gtk_widget_get_mapped (child))
        continue;

      if (WM_IS_PUPIL_ROW (child)
          && gtk_widget_compute_point (child, view, &GRAPHENE_POINT_INIT (0, 0), &point)
          && point.y + gtk_widget_get_height (child) > 0 && point.y < *top_y)
        {
          *top = WM_PUPIL_ROW (child);
          *top_y = point.y;
        }

      find_top_row (child, view, top, top_y);
    }
}

/* The pupil of the highest row that is at least partly inside the view. */
static WmPupilObject *
top_visible_pupil (WmPupilList *list)
{
  GtkWidget *view = wm_pupil_list_get_view (list);
  WmPupilRow *top = NULL;
  double top_y = G_MAXDOUBLE;

  find_top_row (view, view, &top, &top_y);
  g_assert_nonnull (top);
  return wm_pupil_row_get_pupil (top);
}

/* A second school imported into a database that already has pupils: its
 * pupils are new, so the list first shows them without a figure, at the
 * bottom. Once the evaluator has placed them, the list sorted by
 * attendance starts again with the lowest attendance of both schools,
 * as it does when the database is opened afresh. */
static void
test_second_school_sorted (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "second.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  WmPupilList *list = wm_window_get_pupil_list (fixture->window);
  GListModel *model = wm_pupil_list_get_model (list);
  WmSampleOptions options;
  g_autoptr(GError) error = NULL;
  const WmPupilSummary *first;

  import_sample (fixture);

  wm_sample_options_init (&options);
  options.n_pupils = N_SAMPLE_PUPILS;
  options.seed = 4242;
  options.estab = "2044";
  options.school_name = "Ashgrove Primary School";
  g_assert_true (wm_sample_write_ctf_file (&options, path, &error));
  g_assert_no_error (error);

  /* Keeping the list at its top must not take the keyboard away from
   * the officer, who may be typing a name meanwhile. */
  wm_pupil_list_focus_search (list);
  wm_window_import_file (fixture->window, file);
  g_assert_true (wm_test_spin_until (both_schools_ready, fixture->window, WM_TEST_WAIT_MS));
  wm_test_spin_for (100);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         GTK_WIDGET (wm_pupil_list_get_search_entry (list))));

  first = wm_pupil_object_get_summary (model_item (model, 0));
  g_assert_true (has_figure (first));
  g_assert_cmpint (first->evaluation.percent_tenths, ==, lowest_stored_percent (fixture));

  /* The second school's pupils came in at the bottom and moved above the
   * rows on screen: the test means something only if one of them is now
   * first. */
  g_assert_cmpstr (first->school_name, ==, "Ashgrove Primary School");

  /* What the officer sees: the row at the top of the view. */
  first = wm_pupil_object_get_summary (top_visible_pupil (list));
  g_assert_cmpint (first->evaluation.percent_tenths, ==, lowest_stored_percent (fixture));
}

static gboolean
today_idle (gpointer data)
{
  return !wm_today_view_is_busy (data);
}

static guint
sibling_index (GtkWidget *widget)
{
  guint index = 0;

  for (GtkWidget *w = gtk_widget_get_prev_sibling (widget); w != NULL;
       w = gtk_widget_get_prev_sibling (w))
    index++;

  return index;
}

/* Today puts safeguarding first, then the overdue legal deadlines, the
 * reviews and actions due, the new threshold crossings and the new
 * Level 3s: what must be done comes before what is news. Each section is
 * a group in one column, in that order, and the groups on screen run
 * down the page in that order. */
static void
test_today_order (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *today = wm_test_find_descendant (GTK_WIDGET (fixture->window), WM_TYPE_TODAY_VIEW);
  GtkWidget *groups[WM_TODAY_N_SECTIONS];
  double last_y = -1;
  guint n_shown = 0;

  import_sample (fixture);
  g_assert_nonnull (today);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-today", NULL);
  g_assert_true (wm_test_spin_until (today_idle, today, WM_TEST_WAIT_MS));
  wm_test_spin_for (100);

  for (WmTodaySection section = 0; section < WM_TODAY_N_SECTIONS; section++)
    {
      GtkWidget *rows = GTK_WIDGET (wm_today_view_get_rows (WM_TODAY_VIEW (today), section));

      groups[section] = gtk_widget_get_ancestor (rows, ADW_TYPE_PREFERENCES_GROUP);
      g_assert_nonnull (groups[section]);
      g_assert_true (gtk_widget_get_parent (groups[section])
                     == gtk_widget_get_parent (groups[0]));
      g_assert_cmpuint (sibling_index (groups[section]), ==,
                        sibling_index (groups[0]) + section);
    }

  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (groups[0])), ==,
                   "Safeguarding");
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (groups[3])), ==,
                   "New Threshold Crossings");

  for (WmTodaySection section = 0; section < WM_TODAY_N_SECTIONS; section++)
    {
      graphene_point_t point;

      if (!gtk_widget_get_mapped (groups[section]))
        continue;

      g_assert_true (gtk_widget_compute_point (groups[section], today,
                                               &GRAPHENE_POINT_INIT (0, 0), &point));
      g_assert_cmpfloat (point.y, >, last_y);
      last_y = point.y;
      n_shown++;
    }

  /* The sample has pupils over the threshold, so at least one section
   * is on screen and the order above was seen. */
  g_assert_cmpuint (n_shown, >, 0);
}

static gboolean
imported_old_year (gpointer data)
{
  WmWindow *window = data;

  return !wm_window_is_busy (window)
         && wm_pupil_list_get_n_pupils (wm_window_get_pupil_list (window)) == 20
         && all_evaluated (window);
}

static WmPupilRow *
find_row (GtkWidget *widget,
          gint64     pupil_id)
{
  if (WM_IS_PUPIL_ROW (widget) && wm_pupil_row_get_pupil (WM_PUPIL_ROW (widget)) != NULL
      && wm_pupil_object_get_id (wm_pupil_row_get_pupil (WM_PUPIL_ROW (widget))) == pupil_id)
    return WM_PUPIL_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      WmPupilRow *row = find_row (child, pupil_id);

      if (row != NULL)
        return row;
    }

  return NULL;
}

/* Whether a label under @widget shows @text, as a toast's title does. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget)
      && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;

  return FALSE;
}

typedef struct
{
  WmWindow   *window;
  const char *text;
} ShownText;

static gboolean
import_done_showing (gpointer data)
{
  ShownText *shown = data;

  return !wm_window_is_busy (shown->window)
         && shows_label (GTK_WIDGET (shown->window), shown->text);
}

/* A terms file's message counts terms and closures, not pupils, and a
 * second import of the same file says that nothing was imported. */
static void
test_import_terms_twice (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "terms.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ShownText first = { fixture->window, "Imported 2 terms and 1 closure" };
  ShownText again = { fixture->window,
                      "Nothing imported: every term and closure in the file is already stored" };

  import_sample (fixture);
  g_assert_true (g_file_set_contents (path,
                                      "School,Name,Start,End,Kind\n"
                                      "2001,Training day,02/03/2026,02/03/2026,closure\n"
                                      "2001,Spring 1,05/01/2026,13/02/2026,term\n"
                                      "2001,Spring 2,2026-02-23,2026-03-27,\n", -1, NULL));

  wm_window_import_file (fixture->window, file);
  g_assert_true (wm_test_spin_until (import_done_showing, &first, WM_TEST_WAIT_MS));
  wm_window_import_file (fixture->window, file);
  g_assert_true (wm_test_spin_until (import_done_showing, &again, WM_TEST_WAIT_MS));
}

/* A school year that ended years ago is old data whatever day the test
 * runs. The row gives the end of the data, and the case header gives the
 * end of the register and the weeks the level is from. */
static void
test_old_data_shown (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "old-year.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) header = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  WmPupilList *list = wm_window_get_pupil_list (fixture->window);
  AdwTabView *tabs = wm_window_get_tab_view (fixture->window);
  g_autofree char *end = NULL;
  g_autofree char *row_line = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *row_text = NULL;
  const WmPupilSummary *summary;
  WmSampleOptions options;
  WmPupilObject *pupil;

  wm_sample_options_init (&options);
  options.n_pupils = 20;
  options.academic_year = 2020;
  wm_sample_write_ctf_file (&options, path, &error);
  g_assert_no_error (error);
  wm_window_import_file (fixture->window, file);
  g_assert_true (wm_test_spin_until (imported_old_year, fixture->window, WM_TEST_WAIT_MS));

  pupil = model_item (wm_pupil_list_get_model (list), 0);
  summary = wm_pupil_object_get_summary (pupil);
  g_assert_cmpuint (wm_day_year (summary->evaluation.window_end), ==, 2021);
  g_assert_cmpuint (summary->evaluation.window_weeks, ==, 4);
  end = wm_day_format_long (summary->evaluation.window_end);
  row_line = g_strdup_printf ("data to %s\n", end);
  sentence = g_strdup_printf ("The latest register for this school ends on %s; the level is "
                              "from the 4 school weeks before that.", end);

  g_assert_true (wm_test_spin_until (window_mapped, fixture->window, WM_TEST_WAIT_MS));
  wm_test_spin_for (100);
  row_text = wm_pupil_row_get_text (find_row (GTK_WIDGET (list), summary->id));
  g_assert_true (g_str_has_suffix (row_text, row_line));

  g_signal_emit_by_name (wm_pupil_list_get_view (list), "activate", 0);
  collect_label_text (adw_tab_page_get_child (adw_tab_view_get_nth_page (tabs, 0)), FALSE, header);
  g_assert_nonnull (strstr (header->str, sentence));
}

/* The sort drop-down is as wide whichever order it shows, so the level
 * filter beside it keeps its width too. */
static void
test_sort_keeps_width (Fixture       *fixture,
                       gconstpointer  data)
{
  WmPupilList *list = wm_window_get_pupil_list (fixture->window);
  int level_width;

  import_sample (fixture);
  wm_test_spin_for (100);
  level_width = gtk_widget_get_width (GTK_WIDGET (find_level_dropdown (GTK_WIDGET (list))));
  g_assert_cmpint (level_width, >, 0);

  wm_pupil_list_set_sort (list, WM_PUPIL_LIST_SORT_NAME);
  wm_test_spin_for (100);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (find_level_dropdown (GTK_WIDGET (list)))),
                   ==, level_width);

  wm_pupil_list_set_sort (list, WM_PUPIL_LIST_SORT_ATTENDANCE);
  wm_test_spin_for (100);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (find_level_dropdown (GTK_WIDGET (list)))),
                   ==, level_width);
}

static gboolean
failure_shown (gpointer data)
{
  Fixture *fixture = data;

  return !wm_window_is_busy (fixture->window)
         && wm_test_find_message_dialog ("Import Failed") != NULL;
}

static void
test_bad_file (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *bad_path = g_build_filename (g_get_user_data_dir (), "not-a-ctf.xml", NULL);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad_path);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  import_sample (fixture);

  g_file_set_contents (bad_path, "<CTfile><Header>", -1, &error);
  g_assert_no_error (error);
  wm_window_import_file (fixture->window, bad_file);
  g_assert_true (wm_test_spin_until (failure_shown, fixture, WM_TEST_WAIT_MS));

  /* The message names the file that failed. */
  dialog = wm_test_find_message_dialog ("Import Failed");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "not-a-ctf.xml"));

  /* Nothing was imported, so the list is as it was. */
  g_assert_cmpuint (wm_pupil_list_get_n_pupils (wm_window_get_pupil_list (fixture->window)),
                    ==, N_SAMPLE_PUPILS);
}

static void
test_badge_text (void)
{
  g_autofree char *two = wm_level_badge_text (2, 2);
  g_autofree char *range = wm_level_badge_text (2, 3);
  g_autofree char *up_to_one = wm_level_badge_text (0, 1);
  g_autofree char *none = wm_level_badge_text (0, 0);
  g_autofree char *not_placed = wm_level_badge_text (WM_LEVEL_NULL, WM_LEVEL_NULL);

  g_assert_cmpstr (two, ==, "L2");
  g_assert_cmpstr (range, ==, "L2–3");
  g_assert_cmpstr (up_to_one, ==, "≤L1");
  g_assert_cmpstr (none, ==, "–");
  g_assert_cmpstr (not_placed, ==, "–");

  /* A range takes the colour of its worse end. */
  g_assert_cmpstr (wm_level_badge_css_class (2, 3), ==, "level-3");
  g_assert_cmpstr (wm_level_badge_css_class (1, 1), ==, "level-1");
  g_assert_cmpstr (wm_level_badge_css_class (0, 0), ==, "level-none");
  g_assert_cmpstr (wm_level_badge_css_class (WM_LEVEL_NULL, WM_LEVEL_NULL), ==, "level-none");
}

static WmPupilObject *
pupil_with (gint level,
            gint level_high,
            gint attended,
            gint possible)
{
  WmPupilSummary *summary = g_new0 (WmPupilSummary, 1);

  summary->id = 1;
  summary->upn = g_strdup ("B801200005001");
  summary->surname = g_strdup ("O'Test");
  summary->forename = g_strdup ("Zoë");
  summary->school_name = g_strdup ("Millbrook Primary School");
  summary->evaluated = TRUE;
  summary->evaluation.level = level;
  summary->evaluation.level_high = level_high;
  summary->evaluation.attended = attended;
  summary->evaluation.possible = possible;
  summary->evaluation.percent_tenths = possible > 0 ? wm_percent_tenths (attended, possible)
                                                    : WM_PERCENT_NULL;
  return wm_pupil_object_new (summary);
}

static void
test_row_text (void)
{
  g_autoptr(WmPupilObject) year = pupil_with (2, 2, 359, 399);
  g_autoptr(WmPupilObject) window = pupil_with (2, 2, 33, 40);
  g_autoptr(WmPupilObject) empty = pupil_with (WM_LEVEL_NULL, WM_LEVEL_NULL, 0, 0);

  /* Rounded down, so 359 of 399 never shows as 90.0% beside Level 2. */
  g_assert_cmpstr (wm_pupil_object_get_percent_text (year), ==, "89.9% · 359/399");
  g_assert_cmpstr (wm_pupil_object_get_percent_text (window), ==, "82.5% · 33/40");
  g_assert_cmpstr (wm_pupil_object_get_percent_text (empty), ==, "no data");
  g_assert_cmpstr (wm_pupil_object_get_name (window), ==, "O'Test, Zoë");
}

static WmPupilSummary *
summary_with_id (gint64      id,
                 const char *surname,
                 gint        level)
{
  WmPupilSummary *summary = g_new0 (WmPupilSummary, 1);

  summary->id = id;
  summary->upn = g_strdup_printf ("B80120000500%" G_GINT64_FORMAT, id);
  summary->surname = g_strdup (surname);
  summary->forename = g_strdup ("Sam");
  summary->name_key = g_strdup_printf ("sam %s", surname);
  summary->school_id = 1;
  summary->school_name = g_strdup ("Millbrook Primary School");
  summary->evaluated = level != WM_LEVEL_NULL;
  summary->evaluation.level = level;
  summary->evaluation.level_high = level;
  return summary;
}

static WmPupilObject *
store_item (WmPupilList *list,
            gint64       id)
{
  WmPupilObject *pupil = wm_pupil_list_lookup (list, id);

  /* The list keeps its own reference, so the caller only borrows. */
  g_object_unref (pupil);
  return pupil;
}

static void
test_update_replaces_rows (void)
{
  WmPupilList *list = WM_PUPIL_LIST (g_object_ref_sink (wm_pupil_list_new ()));
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_pupil_summary_free);
  GPtrArray *changed = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_pupil_summary_free);
  WmPupilObject *unchanged;

  g_ptr_array_add (all, summary_with_id (3, "Cedar", WM_LEVEL_NULL));
  g_ptr_array_add (all, summary_with_id (1, "Ash", WM_LEVEL_NULL));
  g_ptr_array_add (all, summary_with_id (2, "Birch", WM_LEVEL_NULL));
  wm_pupil_list_set_pupils (list, all);
  unchanged = store_item (list, 2);

  /* Pupils 1 and 3 were evaluated, and pupil 4 is new. */
  g_ptr_array_add (changed, summary_with_id (3, "Cedar", 2));
  g_ptr_array_add (changed, summary_with_id (1, "Ash", 3));
  g_ptr_array_add (changed, summary_with_id (4, "Damson", 1));
  wm_pupil_list_update_pupils (list, changed);

  g_assert_cmpuint (wm_pupil_list_get_n_pupils (list), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (wm_pupil_list_get_model (list)), ==, 4);
  g_assert_cmpstr (wm_pupil_object_get_level_text (store_item (list, 1)), ==, "L3");
  g_assert_cmpstr (wm_pupil_object_get_level_text (store_item (list, 3)), ==, "L2");
  g_assert_cmpstr (wm_pupil_object_get_level_text (store_item (list, 4)), ==, "L1");
  g_assert_true (store_item (list, 2) == unchanged);

  g_object_unref (list);
}

static void
test_level_range_filter (void)
{
  g_autoptr(WmPupilObject) range = pupil_with (2, 3, 30, 40);
  g_autoptr(WmPupilObject) up_to_one = pupil_with (0, 1, 38, 40);
  g_autoptr(WmPupilObject) empty = pupil_with (WM_LEVEL_NULL, WM_LEVEL_NULL, 0, 0);

  /* A pupil placed on a range is found under either end of it. */
  g_assert_true (wm_pupil_object_has_level (range, 2));
  g_assert_true (wm_pupil_object_has_level (range, 3));
  g_assert_false (wm_pupil_object_has_level (range, 1));
  g_assert_true (wm_pupil_object_has_level (up_to_one, 0));
  g_assert_true (wm_pupil_object_has_level (up_to_one, 1));
  g_assert_false (wm_pupil_object_has_level (empty, 0));
  g_assert_false (wm_pupil_object_is_placed (empty));
}

static WmPupilSummary *
named_summary (gint64      id,
               const char *surname,
               const char *forename)
{
  WmPupilSummary *summary = g_new0 (WmPupilSummary, 1);

  summary->id = id;
  summary->upn = g_strdup_printf ("B80120000%04" G_GINT64_FORMAT, id);
  summary->surname = g_strdup (surname);
  summary->forename = g_strdup (forename);
  summary->name_key = wm_name_key (surname, forename, summary->upn);
  summary->school_id = 1;
  summary->school_name = g_strdup ("Millbrook Primary School");
  return summary;
}

static gboolean
search_settled (gpointer data)
{
  gpointer *args = data;

  return g_list_model_get_n_items (args[0]) == GPOINTER_TO_UINT (args[1]);
}

/* Types @text into the search box as a keyboard does, a letter added or
 * removed at the end, and checks that the list shows exactly the pupils
 * that wm_name_key_matches() finds, in the list's order. */
static void
type_and_check (WmPupilList *list,
                GPtrArray   *keys,
                const char  *text)
{
  GtkEditable *entry = wm_pupil_list_get_search_entry (list);
  GListModel *model = wm_pupil_list_get_model (list);
  const char *current = gtk_editable_get_text (entry);
  int length = (int) strlen (current);
  gpointer args[2] = { model, NULL };
  guint expected = 0;
  guint shown = 0;

  if (strlen (text) > (gsize) length)
    gtk_editable_insert_text (entry, text + length, -1, &length);
  else
    gtk_editable_delete_text (entry, (int) strlen (text), -1);

  for (guint i = 0; i < keys->len; i++)
    expected += wm_name_key_matches (g_ptr_array_index (keys, i), text);

  args[1] = GUINT_TO_POINTER (expected);
  wm_test_spin_until (search_settled, args, 5000);

  shown = g_list_model_get_n_items (model);
  g_assert_cmpuint (shown, ==, expected);
  for (guint i = 0; i < shown; i++)
    {
      const WmPupilSummary *summary = wm_pupil_object_get_summary (model_item (model, i));

      g_assert_true (wm_name_key_matches (summary->name_key, text));
    }
}

/* Each letter typed can only narrow the list and each letter erased can
 * only widen it, and the list checks only the pupils that can change.
 * Whatever it skips, it must show what the full rule shows: accents,
 * case, apostrophes and hyphens folded, every word somewhere in the
 * name or UPN. */
static void
test_search_narrows_and_widens (void)
{
  WmPupilList *list = WM_PUPIL_LIST (g_object_ref_sink (wm_pupil_list_new ()));
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_pupil_summary_free);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  const char *steps[] = {
    "o", "ot", "ote", "otes", "otest", "otest ", "otest z", "otest ", "otest", "otes",
    "ote", "ot", "o", "", "z", "zo", "zoe", "zo", "z", "", "b8012", "b80120000003", "",
  };

  g_ptr_array_add (all, named_summary (1, "O'Test", "Zoë"));
  g_ptr_array_add (all, named_summary (2, "Otesby", "Ann"));
  g_ptr_array_add (all, named_summary (3, "Smith-Jones", "Zoe"));
  g_ptr_array_add (all, named_summary (4, "Brackenbury", "Ola"));
  g_ptr_array_add (all, named_summary (5, "Ótestáin", "Zak"));
  for (guint i = 0; i < all->len; i++)
    g_ptr_array_add (keys, g_strdup (((WmPupilSummary *) all->pdata[i])->name_key));

  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (wm_pupil_list_get_search_entry (list)), 0);
  wm_pupil_list_set_pupils (list, all);

  for (gsize i = 0; i < G_N_ELEMENTS (steps); i++)
    type_and_check (list, keys, steps[i]);

  g_object_unref (list);
}

/* A pupil evaluated as of 4 December 2026 whose school's register ends
 * on @window_end, over the usual window of 4 school weeks. */
static WmPupilObject *
pupil_with_data_to (WmDay window_end)
{
  WmPupilSummary *summary = g_new0 (WmPupilSummary, 1);

  summary->id = 7;
  summary->upn = g_strdup ("B801200005007");
  summary->surname = g_strdup ("Ash");
  summary->forename = g_strdup ("Sam");
  summary->evaluated = TRUE;
  summary->evaluation.as_of = wm_day_from_ymd (2026, 12, 4);
  summary->evaluation.window_end = window_end;
  summary->evaluation.window_start = window_end - 24;
  summary->evaluation.window_weeks = 4;
  summary->evaluation.level = 1;
  summary->evaluation.level_high = 1;
  summary->evaluation.attended = 36;
  summary->evaluation.possible = 40;
  summary->evaluation.percent_tenths = 900;
  return wm_pupil_object_new (summary);
}

/* A register that ends more than 14 days before the evaluation date is
 * old. The row gives the end of the data, and the case gives the end of
 * the register and the weeks the level is from. 14 days exactly is still
 * current, so a one-week half-term break never counts as old data. */
static void
test_old_data (void)
{
  g_autoptr(WmPupilObject) old = pupil_with_data_to (wm_day_from_ymd (2026, 7, 22));
  g_autoptr(WmPupilObject) edge = pupil_with_data_to (wm_day_from_ymd (2026, 11, 20));
  g_autoptr(WmPupilObject) past_edge = pupil_with_data_to (wm_day_from_ymd (2026, 11, 19));
  g_autoptr(WmPupilObject) current = pupil_with_data_to (wm_day_from_ymd (2026, 12, 4));
  g_autoptr(WmPupilObject) unevaluated = pupil_with (WM_LEVEL_NULL, WM_LEVEL_NULL, 0, 0);
  g_autofree char *notice = wm_pupil_object_describe_old_data (old);
  g_autofree char *edge_notice = wm_pupil_object_describe_old_data (edge);

  g_assert_true (wm_pupil_object_has_old_data (old));
  g_assert_cmpstr (wm_pupil_object_get_data_end_text (old), ==, "data to 22 July 2026");
  g_assert_cmpstr (notice, ==,
                   "The latest register for this school ends on 22 July 2026; "
                   "the level is from the 4 school weeks before that.");

  g_assert_false (wm_pupil_object_has_old_data (edge));
  g_assert_null (wm_pupil_object_get_data_end_text (edge));
  g_assert_null (edge_notice);
  g_assert_true (wm_pupil_object_has_old_data (past_edge));
  g_assert_cmpstr (wm_pupil_object_get_data_end_text (past_edge), ==, "data to 19 November 2026");
  g_assert_false (wm_pupil_object_has_old_data (current));

  /* With no evaluation there is no window to be old. */
  g_assert_false (wm_pupil_object_has_old_data (unevaluated));
}

/* The row shows what the officer reads: the name, the badge, the UPN,
 * the school, the figure and, for old data, where the data ends. */
static void
test_row_widget_text (void)
{
  g_autoptr(WmPupilObject) old = pupil_with_data_to (wm_day_from_ymd (2026, 7, 22));
  g_autoptr(WmPupilObject) current = pupil_with (2, 2, 33, 40);
  GtkWidget *row = g_object_ref_sink (wm_pupil_row_new ());
  g_autofree char *old_text = NULL;
  g_autofree char *current_text = NULL;

  wm_pupil_row_set_pupil (WM_PUPIL_ROW (row), old);
  old_text = wm_pupil_row_get_text (WM_PUPIL_ROW (row));
  wm_pupil_row_set_pupil (WM_PUPIL_ROW (row), current);
  current_text = wm_pupil_row_get_text (WM_PUPIL_ROW (row));

  g_assert_cmpstr (old_text, ==,
                   "Ash, Sam\nL1\nB801200005007\n90.0% · 36/40\ndata to 22 July 2026\n");
  g_assert_cmpstr (current_text, ==,
                   "O'Test, Zoë\nL2\nB801200005001\n · Millbrook Primary School\n82.5% · 33/40\n");

  g_object_unref (row);
}

/* Desktop integration */

static void
reset_window_settings (GSettings *settings)
{
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");
}

/* Destroys the window and lets it go, which runs its dispose, where it
 * saves its state. */
static void
destroy_window (WmWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  wm_test_spin_for (20);
}

static void
test_size_remembered (void)
{
  GSettings *settings = wm_application_get_settings (application);
  g_autofree char *db_path = g_build_filename (g_get_user_data_dir (), "size.db", NULL);
  WmWindow *window;
  int width = 0;
  int height = 0;

  g_assert_nonnull (settings);
  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 600);

  window = wm_window_new (GTK_APPLICATION (application), db_path);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 600);

  /* GTK sets the default size as the user resizes the window. */
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wm_test_spin_until (window_mapped, window, WM_TEST_WAIT_MS));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 650);
  destroy_window (window);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 650);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  reset_window_settings (settings);
}

static gboolean
window_maximized (gpointer data)
{
  return gtk_window_is_maximized (GTK_WINDOW (data));
}

static void
test_maximized_remembered (void)
{
  GSettings *settings = wm_application_get_settings (application);
  g_autofree char *db_path = g_build_filename (g_get_user_data_dir (), "max.db", NULL);
  WmWindow *window;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 600);
  g_settings_set_boolean (settings, "window-maximized", TRUE);

  window = wm_window_new (GTK_APPLICATION (application), db_path);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wm_test_spin_until (window_maximized, window, WM_TEST_WAIT_MS));
  destroy_window (window);

  /* The size kept is the one to return to, not the maximised one. */
  g_assert_true (g_settings_get_boolean (settings, "window-maximized"));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 600);

  reset_window_settings (settings);
}

/* Collects the shortcuts of the shortcut controllers on @widget itself:
 * the class key bindings and, on a window, the application's
 * accelerators. */
static GPtrArray *
collect_shortcuts (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  GPtrArray *shortcuts = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      GListModel *model;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      model = G_LIST_MODEL (controller);
      for (guint j = 0; j < g_list_model_get_n_items (model); j++)
        g_ptr_array_add (shortcuts, g_list_model_get_item (model, j));
    }

  return shortcuts;
}

/* Finds the shortcut that a key press on @widget would trigger. The
 * controllers keep it alive, so the caller only borrows it. */
static GtkShortcut *
find_shortcut (GtkWidget       *widget,
               guint            keyval,
               GdkModifierType  modifiers)
{
  g_autoptr(GPtrArray) shortcuts = collect_shortcuts (widget);

  for (guint i = 0; i < shortcuts->len; i++)
    {
      GtkShortcut *shortcut = g_ptr_array_index (shortcuts, i);
      GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

      if (GTK_IS_KEYVAL_TRIGGER (trigger)
          && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
          && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
        return shortcut;
    }

  return NULL;
}

/* Does what the key press does, as GTK 4 has no way to synthesise one. */
static void
press_shortcut (GtkWidget       *widget,
                guint            keyval,
                GdkModifierType  modifiers)
{
  GtkShortcut *shortcut = find_shortcut (widget, keyval, modifiers);

  g_assert_nonnull (shortcut);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                               gtk_shortcut_get_arguments (shortcut)));
}

static gboolean
accels_include (const char *action,
                const char *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application),
                                                                action);

  return g_strv_contains ((const char * const *) accels, accel);
}

static void
collect_listed_shortcuts (GtkWidget  *widget,
                          GPtrArray  *accels,
                          GPtrArray  *actions)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      char *accel = NULL;
      char *action = NULL;

      g_object_get (widget, "accelerator", &accel, "action-name", &action, NULL);
      g_ptr_array_add (accels, accel ? accel : g_strdup (""));
      g_ptr_array_add (actions, action ? action : g_strdup (""));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_listed_shortcuts (child, accels, actions);
}

static gboolean
strv_contains (GPtrArray  *array,
               const char *text)
{
  return g_ptr_array_find_with_equal_func (array, text, g_str_equal, NULL);
}

/* Every accelerator of the application and every key binding of the
 * window's own actions appears in the shortcuts window (Ctrl+?). */
static void
test_shortcuts_window (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkShortcutsWindow *overlay =
    gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture->window));
  g_autoptr(GPtrArray) accels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) app_actions = NULL;
  g_autoptr(GPtrArray) shortcuts = NULL;
  g_autoptr(GHashTable) bound = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_nonnull (overlay);
  collect_listed_shortcuts (GTK_WIDGET (overlay), accels, actions);
  g_assert_true (strv_contains (accels, "F10"));

  app_actions = gtk_application_list_action_descriptions (GTK_APPLICATION (application));
  g_assert_cmpuint (g_strv_length (app_actions), >=, 3);
  for (guint i = 0; app_actions[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GVariant) target = NULL;

      g_assert_true (g_action_parse_detailed_name (app_actions[i], &name, &target, NULL));
      g_assert_true (strv_contains (actions, name));
    }

  shortcuts = collect_shortcuts (GTK_WIDGET (fixture->window));
  for (guint i = 0; i < shortcuts->len; i++)
    {
      GtkShortcut *shortcut = g_ptr_array_index (shortcuts, i);
      GtkShortcutTrigger *key = gtk_shortcut_get_trigger (shortcut);
      g_autofree char *action = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));
      g_autofree char *trigger = gtk_shortcut_trigger_to_string (key);

      if (!g_str_has_prefix (action, "action(win."))
        continue;

      g_test_message ("%s is bound to %s", action, trigger);
      g_assert_true (strv_contains (accels, trigger));
      g_hash_table_add (bound, g_steal_pointer (&action));
    }

  /* The window's own bindings, Ctrl+F and Ctrl+W, were among them. */
  g_assert_true (g_hash_table_contains (bound, "action(win.search)"));
  g_assert_true (g_hash_table_contains (bound, "action(win.close-tab)"));
}

static GtkWidget *
find_primary_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_primary_menu_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
focus_is_inside (GtkWidget *window,
                 GtkWidget *ancestor)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == ancestor || gtk_widget_is_ancestor (focus, ancestor));
}

static void
test_standard_shortcuts (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  WmPupilList *list = wm_window_get_pupil_list (fixture->window);
  AdwTabView *tabs = wm_window_get_tab_view (fixture->window);

  import_sample (fixture);

  /* The application's accelerators. */
  g_assert_true (accels_include ("app.quit", "<Control>q"));
  g_assert_true (accels_include ("app.import", "<Control>o"));
  g_assert_true (accels_include ("win.show-help-overlay", "<Control>question"));
  g_assert_nonnull (find_shortcut (window, GDK_KEY_q, GDK_CONTROL_MASK));
  g_assert_nonnull (find_shortcut (window, GDK_KEY_o, GDK_CONTROL_MASK));

  /* Ctrl+F puts the focus in the search entry. */
  g_assert_false (focus_is_inside (window, GTK_WIDGET (wm_pupil_list_get_search_entry (list))));
  press_shortcut (window, GDK_KEY_f, GDK_CONTROL_MASK);
  g_assert_true (focus_is_inside (window, GTK_WIDGET (wm_pupil_list_get_search_entry (list))));

  /* Ctrl+W closes the case tab. */
  wm_window_open_pupil (fixture->window,
                        wm_pupil_object_get_id (model_item (wm_pupil_list_get_model (list), 0)));
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 1);
  press_shortcut (window, GDK_KEY_w, GDK_CONTROL_MASK);
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 0);

  /* F10 opens the primary menu: GTK binds it to the one menu button
   * marked primary. */
  g_assert_nonnull (find_primary_menu_button (window));
}

/* The highlighted row is the case in front: opening a case highlights
 * its pupil, Ctrl+W on it highlights the pupil of the tab now in front,
 * and closing the last tab leaves no row highlighted. The pointer moving
 * over the list changes nothing. */
static void
test_selection_follows_tab (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  WmPupilList *list = wm_window_get_pupil_list (fixture->window);
  GListModel *model = wm_pupil_list_get_model (list);
  AdwTabView *tabs = wm_window_get_tab_view (fixture->window);
  gint64 first;
  gint64 second;

  import_sample (fixture);
  first = wm_pupil_object_get_id (model_item (model, 0));
  second = wm_pupil_object_get_id (model_item (model, 1));
  g_assert_cmpint (wm_pupil_list_get_selected_pupil (list), ==, 0);

  g_signal_emit_by_name (wm_pupil_list_get_view (list), "activate", 0);
  g_assert_cmpint (wm_pupil_list_get_selected_pupil (list), ==, first);
  g_signal_emit_by_name (wm_pupil_list_get_view (list), "activate", 1);
  g_assert_cmpint (wm_pupil_list_get_selected_pupil (list), ==, second);
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (model), 1));
  g_assert_false (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (model), 0));

  /* A selection requested by the pointer or the keyboard is rejected. */
  g_assert_false (gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), 2, TRUE));
  g_assert_cmpint (wm_pupil_list_get_selected_pupil (list), ==, second);

  press_shortcut (window, GDK_KEY_w, GDK_CONTROL_MASK);
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 1);
  g_assert_cmpint (wm_pupil_list_get_selected_pupil (list), ==, first);

  press_shortcut (window, GDK_KEY_w, GDK_CONTROL_MASK);
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 0);
  g_assert_cmpint (wm_pupil_list_get_selected_pupil (list), ==, 0);
}

/* Accessibility */

/* Composite widgets whose insides are built by GTK or libadwaita, which
 * names them: the walk checks the widget itself and goes no deeper. */
static gboolean
is_library_composite (GtkWidget *widget)
{
  return GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget)
         || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_WINDOW_CONTROLS (widget)
         || GTK_IS_POPOVER (widget) || ADW_IS_TAB_BAR (widget)
         || ADW_IS_VIEW_SWITCHER (widget) || GTK_IS_SCROLLBAR (widget)
         || g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget");
}

static gboolean
is_interactive (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)
         || GTK_IS_DROP_DOWN (widget) || GTK_IS_SEARCH_ENTRY (widget)
         || GTK_IS_ENTRY (widget) || GTK_IS_LIST_VIEW (widget) || GTK_IS_GRID_VIEW (widget)
         || GTK_IS_LIST_BOX (widget) || GTK_IS_CHECK_BUTTON (widget)
         || GTK_IS_SWITCH (widget) || GTK_IS_SPIN_BUTTON (widget)
         || GTK_IS_SCALE (widget);
}

/* A screen reader names a control by its label property, by the widget
 * that labels it, or, for a button, by the text it shows. */
static gboolean
has_accessible_name (GtkWidget *widget)
{
  const char *label = NULL;

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL)
      || gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  if (GTK_IS_BUTTON (widget))
    label = gtk_button_get_label (GTK_BUTTON (widget));

  return label != NULL && *label != '\0';
}

static void
collect_unnamed_controls (GtkWidget *widget,
                          GString   *unnamed,
                          guint     *n_checked)
{
  if (is_interactive (widget))
    {
      (*n_checked)++;
      if (!has_accessible_name (widget))
        g_string_append_printf (unnamed, "%s#%s ", G_OBJECT_TYPE_NAME (widget),
                                gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)));
    }

  if (is_library_composite (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed_controls (child, unnamed, n_checked);
}

/* Every control of the window, on every page of its stacks, and of an
 * open case has a name a screen reader can say. */
static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  data)
{
  WmPupilList *list = wm_window_get_pupil_list (fixture->window);
  g_autoptr(GString) unnamed = g_string_new (NULL);
  guint n_checked = 0;

  import_sample (fixture);
  wm_window_open_pupil (fixture->window,
                        wm_pupil_object_get_id (model_item (wm_pupil_list_get_model (list), 0)));

  collect_unnamed_controls (GTK_WIDGET (fixture->window), unnamed, &n_checked);
  g_test_message ("%u controls checked", n_checked);
  g_assert_cmpstr (unnamed->str, ==, "");

  /* The search entry, three drop-downs, the list, the main menu, the
   * import and cancel buttons, and the empty page's import button at
   * least; the case view adds its own. */
  g_assert_cmpuint (n_checked, >=, 9);
}

static gboolean
focus_in_list_view (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *view = wm_pupil_list_get_view (wm_window_get_pupil_list (fixture->window));

  return focus_is_inside (GTK_WIDGET (fixture->window), view);
}

/* Moves the focus forward as the Tab key does, until it is in the
 * pupil list, and says whether it got there. */
static gboolean
tab_to_list (Fixture *fixture)
{
  for (guint i = 0; i < 20 && !focus_in_list_view (fixture); i++)
    if (!gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD))
      break;

  return focus_in_list_view (fixture);
}

/* An officer who uses only the keyboard finds a pupil and opens the
 * case: Ctrl+F, type, Tab to the list, Enter on the first row. */
static void
test_keyboard_walk (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  WmPupilList *list = wm_window_get_pupil_list (fixture->window);
  GListModel *model = wm_pupil_list_get_model (list);
  AdwTabView *tabs = wm_window_get_tab_view (fixture->window);
  GtkWidget *focus;
  WmCaseView *view;
  gint64 first_id;
  int position = 0;

  import_sample (fixture);

  press_shortcut (window, GDK_KEY_f, GDK_CONTROL_MASK);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_EDITABLE (focus));
  g_assert_true (focus_is_inside (window, GTK_WIDGET (wm_pupil_list_get_search_entry (list))));

  /* Typed into whatever has the focus, as the keyboard would. */
  gtk_editable_insert_text (GTK_EDITABLE (focus), "otest", -1, &position);
  wait_for_n_items (model, count_stored (fixture, is_o_test));
  first_id = wm_pupil_object_get_id (model_item (model, 0));

  g_assert_true (tab_to_list (fixture));
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 0);

  /* Enter on a row emits the row's activate signal. */
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (gtk_widget_activate (focus));

  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 1);
  view = WM_CASE_VIEW (adw_tab_page_get_child (adw_tab_view_get_selected_page (tabs)));
  g_assert_cmpint (wm_case_view_get_pupil_id (view), ==, first_id);
}

/* The Welsh translation */

static char *
count_label_text (WmPupilList *list)
{
  g_autoptr(GString) text = g_string_new (NULL);

  /* The footer is the last child of the list. */
  collect_label_text (gtk_widget_get_last_child (GTK_WIDGET (list)), FALSE, text);
  return g_strchomp (g_string_free (g_steal_pointer (&text), FALSE));
}

static void
set_n_pupils (WmPupilList *list,
              guint        n)
{
  GPtrArray *summaries = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_pupil_summary_free);

  for (guint i = 1; i <= n; i++)
    g_ptr_array_add (summaries, summary_with_id (i, "Ash", WM_LEVEL_NULL));

  wm_pupil_list_set_pupils (list, summaries);
}

/* Switches the whole process to Welsh, as a Welsh desktop session starts
 * the program. Returns the locale to restore, or %NULL when the system
 * has no Welsh locale. */
static char *
switch_to_welsh (void)
{
  g_autofree char *previous = g_strdup (setlocale (LC_ALL, NULL));

  if (setlocale (LC_ALL, "cy_GB.UTF-8") == NULL)
    return NULL;

  g_setenv ("LANGUAGE", "cy", TRUE);
  return g_steal_pointer (&previous);
}

static void
restore_locale (const char *previous)
{
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, previous);
}

static void
check_welsh_window (Fixture *fixture)
{
  WmPupilList *list = wm_window_get_pupil_list (fixture->window);
  GtkWidget *root = gtk_window_get_child (GTK_WINDOW (fixture->window));
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *none = NULL;
  g_autofree char *two = NULL;
  g_autofree char *six = NULL;
  g_autofree char *seven = NULL;

  g_assert_true (wm_test_spin_until (window_mapped, fixture->window, WM_TEST_WAIT_MS));

  /* The empty state comes from the template and from the C code. */
  collect_label_text (root, TRUE, text);
  g_assert_nonnull (strstr (text->str, "Dim disgyblion eto"));
  g_assert_nonnull (strstr (text->str, "Mewnforio Ffeil Trosglwyddo Cyffredin…"));
  g_assert_null (strstr (text->str, "No pupils yet"));

  /* Welsh has six plural forms: after "dau" (2) the noun softens, and
   * 6 has a form of its own, here the same as the general one. */
  none = count_label_text (list);
  set_n_pupils (list, 2);
  two = count_label_text (list);
  set_n_pupils (list, 6);
  six = count_label_text (list);
  set_n_pupils (list, 7);
  seven = count_label_text (list);
  g_assert_cmpstr (none, ==, "0 disgybl");
  g_assert_cmpstr (two, ==, "2 ddisgybl");
  g_assert_cmpstr (six, ==, "6 disgybl");
  g_assert_cmpstr (seven, ==, "7 disgybl");
}

/* Finds a drop-down under @widget whose list of strings holds @text. */
static gboolean
has_dropdown_with (GtkWidget  *widget,
                   const char *text)
{
  if (GTK_IS_DROP_DOWN (widget))
    {
      GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (widget));

      for (guint i = 0; GTK_IS_STRING_LIST (model) && i < g_list_model_get_n_items (model); i++)
        if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
          return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_dropdown_with (child, text))
      return TRUE;

  return FALSE;
}

/* The strings of the core follow the window's language too: the level
 * reason, its date range and decimal figures, and the record kinds. */
static void
check_welsh_case (Fixture *fixture)
{
  WmPupilList *list = wm_window_get_pupil_list (fixture->window);
  AdwTabView *tabs = wm_window_get_tab_view (fixture->window);
  g_autoptr(GString) header = g_string_new (NULL);
  g_autoptr(WmPupilObject) first = NULL;
  static const char * const welsh_months[] = {
    "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin",
    "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr",
  };
  static const char * const english_months[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
  };
  g_autofree char *reason = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *english_month = NULL;
  const WmPupilSummary *summary;
  GtkWidget *view;
  WmDay end;

  import_sample (fixture);
  first = g_list_model_get_item (wm_pupil_list_get_model (list), 0);
  summary = wm_pupil_object_get_summary (first);
  g_signal_emit_by_name (wm_pupil_list_get_view (list), "activate", 0);
  view = adw_tab_page_get_child (adw_tab_view_get_nth_page (tabs, 0));
  collect_label_text (view, FALSE, header);

  /* The reason as the core writes it in Welsh, and shown as such, with
   * the month of the window's last day in Welsh (glibc's cy_GB names). */
  reason = wm_evaluation_describe (&summary->evaluation);
  end = summary->evaluation.window_end;
  end_text = g_strdup_printf (" %u %s %u", wm_day_of_month (end),
                              welsh_months[wm_day_month (end) - 1], wm_day_year (end));
  english_month = g_strdup_printf (" %s ", english_months[wm_day_month (end) - 1]);
  g_assert_nonnull (strstr (header->str, reason));
  g_assert_true (g_str_has_prefix (reason, "Lefel ") || g_str_has_prefix (reason, "Dim lefel"));
  g_assert_nonnull (strstr (reason, " wythnos ysgol "));
  g_assert_true (g_str_has_suffix (reason, end_text));
  g_assert_null (strstr (reason, english_month));
  g_assert_null (strstr (reason, "sessions"));

  /* A record kind's label, marked in the core, in the Timeline's filter. */
  g_assert_true (has_dropdown_with (view, "Ymweliad cartref"));
  g_assert_false (has_dropdown_with (view, "Home visit"));
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* The record editor's labels and choices, kept English in the core's
 * table, are Welsh in the form, and a wrong field is still found by its
 * name and marked with the Welsh message. */
static void
check_welsh_editor (Fixture *fixture)
{
  WmRecordEditor *editor = wm_record_editor_new (fixture->db_path, 0,
                                                 wm_record_kind_lookup ("home-visit"),
                                                 NULL, NULL, NULL);
  GtkWidget *visited_by = wm_record_editor_get_field_widget (editor, "visited_by");
  GtkWidget *outcome = wm_record_editor_get_field_widget (editor, "outcome");
  GListModel *choices = gtk_drop_down_get_model (GTK_DROP_DOWN (outcome));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Ymweliad cartref");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (visited_by)), ==,
                   "Ymwelwyd gan");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 1), ==,
                   "Gwelwyd y plentyn");

  wm_record_editor_save (editor);
  g_assert_cmpstr (wm_record_editor_get_field_error (editor, "visited_by"), ==,
                   "mae angen y maes hwn");
  g_assert_true (gtk_widget_has_css_class (visited_by, "error"));

  gtk_window_present (GTK_WINDOW (editor));
  g_assert_true (wm_test_spin_until (widget_mapped, editor, WM_TEST_WAIT_MS));
  wm_test_spin_for (200);
  wm_test_save_screenshot (GTK_WIDGET (editor), "welsh-record-editor", 0);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_welsh (void)
{
  g_autofree char *previous = switch_to_welsh ();
  Fixture fixture = { NULL, };

  if (previous == NULL)
    {
      g_test_skip ("The cy_GB.UTF-8 locale is not installed (see tools/install-deps.sh)");
      return;
    }

  /* The window translates its strings when it is built, so it is built
   * after the switch. */
  fixture_set_up (&fixture, NULL);
  check_welsh_window (&fixture);
  check_welsh_case (&fixture);
  check_welsh_editor (&fixture);
  fixture_tear_down (&fixture, NULL);

  restore_locale (previous);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *locale_dir = NULL;
  int status;

  /* The test accessibility backend keeps the accessible properties where
   * the tests can read them, and needs no session bus. GTK reads this
   * when it starts. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  wm_test_display_init (&argc, &argv);

  /* The translations are those built next to the tests, in the layout
   * that gettext expects (po/cy/LC_MESSAGES/waymark.mo). */
  locale_dir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = wm_test_application_new ();

  g_test_add_func ("/pupil-object/badge-text", test_badge_text);
  g_test_add_func ("/pupil-object/row-text", test_row_text);
  g_test_add_func ("/pupil-object/level-range-filter", test_level_range_filter);
  g_test_add_func ("/pupil-list/update-replaces-rows", test_update_replaces_rows);
  g_test_add_func ("/pupil-list/search-narrows-and-widens", test_search_narrows_and_widens);
  g_test_add_func ("/pupil-object/old-data", test_old_data);
  g_test_add_func ("/pupil-row/text", test_row_widget_text);
  g_test_add ("/window/empty-database", Fixture, NULL,
              fixture_set_up, test_empty_database, fixture_tear_down);
  g_test_add ("/window/import/search", Fixture, NULL,
              fixture_set_up, test_import_search_and_tabs, fixture_tear_down);
  g_test_add ("/window/import/open-and-close-tab", Fixture, NULL,
              fixture_set_up, test_open_and_close_tab, fixture_tear_down);
  g_test_add ("/window/import/sort-and-level-filter", Fixture, NULL,
              fixture_set_up, test_sort_and_level_filter, fixture_tear_down);
  g_test_add ("/window/import/bad-file-changes-nothing", Fixture, NULL,
              fixture_set_up, test_bad_file, fixture_tear_down);
  g_test_add ("/window/import/scrolls-to-top", Fixture, NULL,
              fixture_set_up, test_import_scrolls_to_top, fixture_tear_down);
  g_test_add ("/window/import/second-school-sorted", Fixture, NULL,
              fixture_set_up, test_second_school_sorted, fixture_tear_down);
  g_test_add ("/window/today/section-order", Fixture, NULL,
              fixture_set_up, test_today_order, fixture_tear_down);
  g_test_add ("/window/import/terms-twice", Fixture, NULL,
              fixture_set_up, test_import_terms_twice, fixture_tear_down);
  g_test_add ("/window/import/old-data-shown", Fixture, NULL,
              fixture_set_up, test_old_data_shown, fixture_tear_down);
  g_test_add ("/window/tabs/selection-follows-tab", Fixture, NULL,
              fixture_set_up, test_selection_follows_tab, fixture_tear_down);
  g_test_add ("/window/list/sort-keeps-width", Fixture, NULL,
              fixture_set_up, test_sort_keeps_width, fixture_tear_down);
  g_test_add_func ("/window/translation/welsh", test_welsh);
  g_test_add_func ("/window/settings/size-remembered", test_size_remembered);
  g_test_add_func ("/window/settings/maximized-remembered", test_maximized_remembered);
  g_test_add ("/window/shortcuts/all-listed", Fixture, NULL,
              fixture_set_up, test_shortcuts_window, fixture_tear_down);
  g_test_add ("/window/shortcuts/standard-keys", Fixture, NULL,
              fixture_set_up, test_standard_shortcuts, fixture_tear_down);
  g_test_add ("/window/accessibility/every-control-named", Fixture, NULL,
              fixture_set_up, test_accessible_names, fixture_tear_down);
  g_test_add ("/window/accessibility/keyboard-only", Fixture, NULL,
              fixture_set_up, test_keyboard_walk, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
