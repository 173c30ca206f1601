/* test-narrow-window.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window at the width of a phone (360 pixels) and of a desktop (1280
 * pixels), under a real display (Xvfb). Narrow, the pupil list and the
 * case fold into one column. Opening a pupil brings the case to the
 * front and the back button returns to the list, the focus following.
 * The case's page switcher moves to a bar at the bottom. Wide, the two stand
 * side by side. At 360 pixels no control reaches past the window's edge
 * or lies over another, in the list, in the case, in the record editor
 * and in the bundle dialog. The Escalation and People pages scroll up and
 * down only, and their controls fit across. Every wait is a bounded spin
 * of the main context.
 *
 * With WAYMARK_SCREENSHOT_DIR set, the tests save what the window shows
 * there as PNG files, for a person to look at.
 */

#include <adwaita.h>
#include <locale.h>

#include "wm-application.h"
#include "wm-bundle-dialog.h"
#include "wm-case-bar.h"
#include "wm-case-view.h"
#include "wm-escalation-page.h"
#include "wm-people-page.h"
#include "wm-pupil-list.h"
#include "wm-record-editor.h"
#include "wm-test-display.h"
#include "wm-timeline-page.h"
#include "wm-window.h"

#define N_SAMPLE_PUPILS 30
#define PHONE_WIDTH 360
#define PHONE_HEIGHT 640
#define DESKTOP_WIDTH 1280
#define DESKTOP_HEIGHT 800

typedef struct
{
  char     *db_path;
  char     *ctf_path;
  WmWindow *window;
} Fixture;

static WmApplication *application;

/* Looking into the widgets */

static AdwLeaflet *
leaflet (Fixture *fixture)
{
  GtkWidget *found = wm_test_find_descendant (GTK_WIDGET (fixture->window), ADW_TYPE_LEAFLET);

  g_assert_nonnull (found);
  return ADW_LEAFLET (found);
}

/* The back button is the header's button with the "previous" icon. */
static GtkWidget *
find_back_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "go-previous-symbolic") == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_back_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
back_button (Fixture *fixture)
{
  GtkWidget *header = wm_test_find_descendant (GTK_WIDGET (fixture->window), ADW_TYPE_HEADER_BAR);
  GtkWidget *found = find_back_button (header);

  g_assert_nonnull (found);
  return found;
}

static GtkWidget *
list_widget (Fixture *fixture)
{
  return GTK_WIDGET (wm_window_get_pupil_list (fixture->window));
}

static WmCaseView *
front_case (Fixture *fixture)
{
  AdwTabView *tabs = wm_window_get_tab_view (fixture->window);
  AdwTabPage *page = adw_tab_view_get_selected_page (tabs);

  g_assert_nonnull (page);
  return WM_CASE_VIEW (adw_tab_page_get_child (page));
}

/* The tabs and the case under them. */
static GtkWidget *
case_column (Fixture *fixture)
{
  return gtk_widget_get_parent (GTK_WIDGET (wm_window_get_tab_view (fixture->window)));
}

static AdwViewSwitcherBar *
switcher_bar (WmCaseView *view)
{
  GtkWidget *found = wm_test_find_descendant (GTK_WIDGET (view), ADW_TYPE_VIEW_SWITCHER_BAR);

  g_assert_nonnull (found);
  return ADW_VIEW_SWITCHER_BAR (found);
}

static gboolean
focus_is_inside (GtkWidget *window,
                 GtkWidget *ancestor)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == ancestor || gtk_widget_is_ancestor (focus, ancestor));
}

/* The layout checks */

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)
         || GTK_IS_DROP_DOWN (widget) || GTK_IS_SEARCH_ENTRY (widget)
         || GTK_IS_ENTRY (widget) || GTK_IS_TEXT_VIEW (widget)
         || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SWITCH (widget)
         || GTK_IS_SPIN_BUTTON (widget);
}

/* Controls inside a scrolled window may lie past its edge: they are
 * scrolled to, not cut off. A control inside another (the button of a
 * drop-down) is checked as part of the outer one. A toast lies over the
 * window for a few seconds by design, and is left out. */
static void
collect_controls_inside (GtkWidget *widget,
                         gboolean   scrolled,
                         GPtrArray *controls)
{
  if (!gtk_widget_get_mapped (widget) || (GTK_IS_SCROLLED_WINDOW (widget) && !scrolled)
      || GTK_IS_POPOVER (widget) || g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget"))
    return;

  if (is_control (widget))
    {
      g_ptr_array_add (controls, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_controls_inside (child, scrolled, controls);
}

static void
collect_controls (GtkWidget *widget,
                  GPtrArray *controls)
{
  collect_controls_inside (widget, FALSE, controls);
}

static int content_width (GtkWindow *window);

static void
control_bounds (GtkWidget       *control,
                GtkWidget       *window,
                graphene_rect_t *bounds)
{
  g_assert_true (gtk_widget_compute_bounds (control, window, bounds));
}

static void
describe_control (GString   *problems,
                  GtkWidget *control)
{
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (control));

  g_string_append_printf (problems, "%s#%s", G_OBJECT_TYPE_NAME (control), id ? id : "");
}

/* Every control on screen lies wholly inside the window and over no
 * other control, to within a pixel of rounding. Returns the problems
 * found, "" when there are none. */
static char *
check_layout (GtkWidget *window)
{
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  GString *problems = g_string_new (NULL);
  graphene_rect_t content;
  float left;
  float top;
  float right;
  float bottom;

  control_bounds (gtk_widget_get_first_child (window), window, &content);
  left = content.origin.x - 1;
  top = content.origin.y - 1;
  right = content.origin.x + content.size.width + 1;
  bottom = content.origin.y + content.size.height + 1;

  collect_controls (window, controls);
  g_assert_cmpuint (controls->len, >, 0);

  for (guint i = 0; i < controls->len; i++)
    {
      graphene_rect_t a;

      control_bounds (controls->pdata[i], window, &a);
      if (a.origin.x < left || a.origin.y < top || a.origin.x + a.size.width > right
          || a.origin.y + a.size.height > bottom)
        {
          describe_control (problems, controls->pdata[i]);
          g_string_append (problems, " is cut off; ");
        }

      for (guint j = i + 1; j < controls->len; j++)
        {
          graphene_rect_t b;
          graphene_rect_t overlap;

          control_bounds (controls->pdata[j], window, &b);
          if (graphene_rect_intersection (&a, &b, &overlap)
              && overlap.size.width > 1 && overlap.size.height > 1)
            {
              describe_control (problems, controls->pdata[i]);
              g_string_append (problems, " overlaps ");
              describe_control (problems, controls->pdata[j]);
              g_string_append (problems, "; ");
            }
        }
    }

  return g_string_free (problems, FALSE);
}

/* A page that scrolls up and down only: every control on it, scrolled
 * to or not, lies between the window's left and right edges and over no
 * other control. Returns the problems found, "" when there are none. */
static char *
check_page_across (GtkWidget *page,
                   GtkWidget *window)
{
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  GString *problems = g_string_new (NULL);
  graphene_rect_t content;

  control_bounds (gtk_widget_get_first_child (window), window, &content);
  collect_controls_inside (page, TRUE, controls);
  g_assert_cmpuint (controls->len, >, 0);

  for (guint i = 0; i < controls->len; i++)
    {
      graphene_rect_t a;

      control_bounds (controls->pdata[i], window, &a);
      if (a.origin.x < content.origin.x - 1
          || a.origin.x + a.size.width > content.origin.x + content.size.width + 1)
        {
          describe_control (problems, controls->pdata[i]);
          g_string_append (problems, " is cut off; ");
        }

      for (guint j = i + 1; j < controls->len; j++)
        {
          graphene_rect_t b;
          graphene_rect_t overlap;

          control_bounds (controls->pdata[j], window, &b);
          if (graphene_rect_intersection (&a, &b, &overlap)
              && overlap.size.width > 1 && overlap.size.height > 1)
            {
              describe_control (problems, controls->pdata[i]);
              g_string_append (problems, " overlaps ");
              describe_control (problems, controls->pdata[j]);
              g_string_append (problems, "; ");
            }
        }
    }

  return g_string_free (problems, FALSE);
}

/* Fixture */

/* The width of what the window shows, inside the border that GTK draws
 * around a window without a window manager. */
static int
content_width (GtkWindow *window)
{
  return gtk_widget_get_width (gtk_widget_get_first_child (GTK_WIDGET (window)));
}

/* Without a window manager GTK draws a border of a few pixels around the
 * window, inside the size it is given, except at the window's minimum
 * width. The content is then at most @width, and at most 12 pixels (an
 * estimate of the border, 10 pixels seen) narrower. */
static gboolean
shows_width (GtkWindow *window,
             int        width)
{
  int content = content_width (window);

  return content <= width && content >= width - 12;
}

static gboolean
window_has_width (gpointer data)
{
  Fixture *fixture = data;
  int expected = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (fixture->window),
                                                     "expected-width"));

  return gtk_widget_get_mapped (GTK_WIDGET (fixture->window))
         && shows_width (GTK_WINDOW (fixture->window), expected);
}

static void
resize_window (Fixture *fixture,
               int      width,
               int      height)
{
  g_object_set_data (G_OBJECT (fixture->window), "expected-width", GINT_TO_POINTER (width));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  if (!wm_test_spin_until (window_has_width, fixture, WM_TEST_WAIT_MS))
    {
      int minimum = 0;

      gtk_widget_measure (GTK_WIDGET (fixture->window), GTK_ORIENTATION_HORIZONTAL, -1,
                          &minimum, NULL, NULL, NULL);
      g_test_message ("The window shows %d pixels across, at least %d, not %d",
                      content_width (GTK_WINDOW (fixture->window)), minimum, width);
      g_test_fail ();
      return;
    }

  /* A frame for the leaflet and the squeezer to lay out at the size. */
  wm_test_spin_for (100);
}

static gboolean
sample_ready (gpointer data)
{
  WmWindow *window = data;

  return !wm_window_is_busy (window)
         && wm_pupil_list_get_n_pupils (wm_window_get_pupil_list (window)) == N_SAMPLE_PUPILS;
}

static void
set_up (Fixture *fixture,
        int      width,
        int      height)
{
  const char *dir = g_get_user_data_dir ();
  g_autoptr(GFile) file = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  fixture->db_path = g_build_filename (dir, "narrow.db", NULL);
  fixture->ctf_path = g_build_filename (dir, "sample.xml", NULL);
  wm_test_write_sample (fixture->ctf_path, N_SAMPLE_PUPILS);

  fixture->window = g_object_ref (wm_window_new (GTK_APPLICATION (application),
                                                 fixture->db_path));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  gtk_window_present (GTK_WINDOW (fixture->window));
  resize_window (fixture, width, height);

  file = g_file_new_for_path (fixture->ctf_path);
  wm_window_import_file (fixture->window, file);
  g_assert_true (wm_test_spin_until (sample_ready, fixture->window, WM_TEST_WAIT_MS));
  wm_test_spin_for (100);
}

static void
fixture_set_up_phone (Fixture       *fixture,
                      gconstpointer  data)
{
  set_up (fixture, PHONE_WIDTH, PHONE_HEIGHT);
}

static void
fixture_set_up_desktop (Fixture       *fixture,
                        gconstpointer  data)
{
  set_up (fixture, DESKTOP_WIDTH, DESKTOP_HEIGHT);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  wm_test_destroy_windows (&fixture->window);
  g_free (fixture->db_path);
  g_free (fixture->ctf_path);
}

/* Opening a pupil */

static gboolean
case_mapped (gpointer data)
{
  Fixture *fixture = data;
  AdwTabPage *page = adw_tab_view_get_selected_page (wm_window_get_tab_view (fixture->window));

  return page != NULL && gtk_widget_get_mapped (adw_tab_page_get_child (page));
}

static gboolean
list_mapped (gpointer data)
{
  return gtk_widget_get_mapped (list_widget (data));
}

static gboolean
list_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (list_widget (data));
}

static gboolean
back_mapped (gpointer data)
{
  return gtk_widget_get_mapped (back_button (data));
}

static gboolean
back_hidden (gpointer data)
{
  return !gtk_widget_get_visible (back_button (data));
}

/* Enter on the first row, as the keyboard does it: the focus is in the
 * list, and the row's activate signal opens the case. */
static void
open_first_pupil_with_keyboard (Fixture *fixture)
{
  GtkWidget *view = wm_pupil_list_get_view (wm_window_get_pupil_list (fixture->window));

  gtk_widget_grab_focus (view);
  g_assert_true (focus_is_inside (GTK_WIDGET (fixture->window), view));
  g_signal_emit_by_name (view, "activate", 0);
  g_assert_true (wm_test_spin_until (case_mapped, fixture, WM_TEST_WAIT_MS));
}

/* Whether the bar is revealed and has finished sliding into place. */
static gboolean
bar_revealed (gpointer data)
{
  AdwViewSwitcherBar *bar = switcher_bar (data);
  GtkWidget *revealer = wm_test_find_descendant (GTK_WIDGET (bar), GTK_TYPE_REVEALER);

  return adw_view_switcher_bar_get_reveal (bar)
         && gtk_revealer_get_child_revealed (GTK_REVEALER (revealer));
}

/* The tests */

/* At the width of a phone the list fills the window. Opening a pupil puts
 * the case in its place, with the focus in its tabs, and the back button
 * brings the list back, with the focus in the list. */
static void
test_phone_width (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  AdwLeaflet *fold = leaflet (fixture);
  g_autofree char *list_problems = NULL;
  g_autofree char *case_problems = NULL;
  WmCaseView *view;

  g_assert_true (shows_width (GTK_WINDOW (window), PHONE_WIDTH));
  g_assert_true (adw_leaflet_get_folded (fold));
  g_assert_true (list_mapped (fixture));
  g_assert_false (gtk_widget_get_visible (back_button (fixture)));
  list_problems = check_layout (window);
  g_assert_cmpstr (list_problems, ==, "");
  wm_test_save_screenshot (window, "narrow-360-list", 0);

  open_first_pupil_with_keyboard (fixture);
  view = front_case (fixture);
  g_assert_true (adw_leaflet_get_visible_child (fold) != list_widget (fixture));
  g_assert_true (wm_test_spin_until (list_unmapped, fixture, WM_TEST_WAIT_MS));
  g_assert_true (wm_test_spin_until (back_mapped, fixture, WM_TEST_WAIT_MS));
  g_assert_true (focus_is_inside (window, case_column (fixture)));
  g_assert_false (focus_is_inside (window, list_widget (fixture)));

  /* The case does not widen the window, and the four pages do not fit
   * across 360 pixels beside the margins. */
  g_assert_true (shows_width (GTK_WINDOW (window), PHONE_WIDTH));
  g_assert_true (wm_test_spin_until (bar_revealed, view, WM_TEST_WAIT_MS));
  case_problems = check_layout (window);
  g_assert_cmpstr (case_problems, ==, "");
  wm_test_save_screenshot (window, "narrow-360-case", 0);

  g_signal_emit_by_name (back_button (fixture), "clicked");
  g_assert_true (wm_test_spin_until (list_mapped, fixture, WM_TEST_WAIT_MS));
  g_assert_true (wm_test_spin_until (back_hidden, fixture, WM_TEST_WAIT_MS));
  g_assert_true (focus_is_inside (window, list_widget (fixture)));

  /* The case stays open in its tab, to come back to. */
  g_assert_cmpint (adw_tab_view_get_n_pages (wm_window_get_tab_view (fixture->window)), ==, 1);
}

/* At the width of a desktop the list and the case stand side by side, and
 * the page switcher stays under the case's header. */
static void
test_desktop_width (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autofree char *problems = NULL;
  WmCaseView *view;

  g_assert_true (shows_width (GTK_WINDOW (window), DESKTOP_WIDTH));
  g_assert_false (adw_leaflet_get_folded (leaflet (fixture)));

  open_first_pupil_with_keyboard (fixture);
  view = front_case (fixture);
  wm_test_spin_for (100);
  g_assert_true (list_mapped (fixture));
  g_assert_false (gtk_widget_get_visible (back_button (fixture)));
  g_assert_false (adw_view_switcher_bar_get_reveal (switcher_bar (view)));
  problems = check_layout (window);
  g_assert_cmpstr (problems, ==, "");
  wm_test_save_screenshot (window, "wide-1280-case", 0);
}

/* A window made narrow with a case open (half of a small screen) folds
 * with the case in front, and unfolds again when it is made wide. */
static void
test_resize (Fixture       *fixture,
             gconstpointer  data)
{
  AdwLeaflet *fold = leaflet (fixture);
  WmCaseView *view;

  open_first_pupil_with_keyboard (fixture);
  view = front_case (fixture);

  resize_window (fixture, 600, DESKTOP_HEIGHT);
  g_assert_true (adw_leaflet_get_folded (fold));
  g_assert_true (wm_test_spin_until (list_unmapped, fixture, WM_TEST_WAIT_MS));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_true (wm_test_spin_until (back_mapped, fixture, WM_TEST_WAIT_MS));

  resize_window (fixture, DESKTOP_WIDTH, DESKTOP_HEIGHT);
  g_assert_false (adw_leaflet_get_folded (fold));
  g_assert_true (wm_test_spin_until (list_mapped, fixture, WM_TEST_WAIT_MS));
  g_assert_true (wm_test_spin_until (back_hidden, fixture, WM_TEST_WAIT_MS));
}

/* Closing the last case of a narrow window returns to the list. */
static void
test_close_last_case (Fixture       *fixture,
                      gconstpointer  data)
{
  AdwTabView *tabs = wm_window_get_tab_view (fixture->window);

  open_first_pupil_with_keyboard (fixture);
  adw_tab_view_close_page (tabs, adw_tab_view_get_selected_page (tabs));

  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 0);
  g_assert_true (wm_test_spin_until (list_mapped, fixture, WM_TEST_WAIT_MS));
  g_assert_true (wm_test_spin_until (back_hidden, fixture, WM_TEST_WAIT_MS));
}

static gboolean
window_at_phone_size (gpointer data)
{
  GtkWidget *window = data;

  return gtk_widget_get_mapped (window) && shows_width (GTK_WINDOW (window), PHONE_WIDTH);
}

/* Shows @window at the size of a phone and checks its controls. */
static void
check_dialog_at_phone_size (GtkWindow  *window,
                            const char *name)
{
  g_autofree char *problems = NULL;
  int minimum = 0;

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, PHONE_WIDTH);

  /* The window takes a new default size when it is shown again. */
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  gtk_window_set_default_size (window, PHONE_WIDTH, PHONE_HEIGHT);
  gtk_window_present (window);
  if (!wm_test_spin_until (window_at_phone_size, window, WM_TEST_WAIT_MS))
    g_test_message ("%s shows %d pixels across", name, content_width (window));
  g_assert_true (shows_width (window, PHONE_WIDTH));
  wm_test_spin_for (100);

  problems = check_layout (GTK_WIDGET (window));
  g_assert_cmpstr (problems, ==, "");
  wm_test_save_screenshot (GTK_WIDGET (window), name, 0);
}

static gboolean
case_bar_idle (gpointer data)
{
  return !wm_case_bar_is_busy (data);
}

/* The record editor for a home visit and the bundle dialog fit a phone:
 * their forms scroll and their labels wrap. */
static void
test_dialogs_at_phone_width (Fixture       *fixture,
                             gconstpointer  data)
{
  WmCaseView *view;
  GtkWidget *timeline;
  WmRecordEditor *editor;
  g_autoptr(GList) toplevels = NULL;
  WmBundleDialog *bundle = NULL;
  WmCaseBar *bar;

  open_first_pupil_with_keyboard (fixture);
  view = front_case (fixture);
  timeline = wm_test_find_descendant (GTK_WIDGET (view), WM_TYPE_TIMELINE_PAGE);
  g_assert_nonnull (timeline);

  /* A home visit is written into an open case. */
  bar = WM_CASE_BAR (wm_test_find_descendant (GTK_WIDGET (view), WM_TYPE_CASE_BAR));
  wm_case_bar_open_case (bar, wm_day_from_ymd (2026, 3, 2), "Attendance below 90%",
                         "A. Officer");
  g_assert_true (wm_test_spin_until (case_bar_idle, bar, WM_TEST_WAIT_MS));
  g_assert_cmpint (wm_case_bar_get_case_id (bar), >, 0);

  editor = wm_timeline_page_add_record (WM_TIMELINE_PAGE (timeline), "home-visit");
  g_assert_nonnull (editor);
  check_dialog_at_phone_size (GTK_WINDOW (editor), "narrow-360-home-visit");
  gtk_window_destroy (GTK_WINDOW (editor));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case.export-bundle", NULL));
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (WM_IS_BUNDLE_DIALOG (l->data))
      bundle = l->data;
  g_assert_nonnull (bundle);
  check_dialog_at_phone_size (GTK_WINDOW (bundle), "narrow-360-bundle");
}

/* The case pages */

static void
show_case_page (WmCaseView *view,
                const char *name)
{
  GtkWidget *stack = wm_test_find_descendant (GTK_WIDGET (view), ADW_TYPE_VIEW_STACK);

  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), name);
}

/* The first button under @widget whose label or tooltip is @text, or
 * %NULL. */
static GtkWidget *
find_button_labelled (GtkWidget  *widget,
                      const char *text)
{
  if (GTK_IS_BUTTON (widget)
      && (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), text) == 0
          || g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_labelled (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Scrolls the page so that @widget is near the top, for the screenshot. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;

  g_assert_nonnull (scrolled);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_true (gtk_widget_compute_bounds (widget,
                                            gtk_scrolled_window_get_child
                                              (GTK_SCROLLED_WINDOW (scrolled)),
                                            &bounds));
  gtk_adjustment_set_value (adjustment, bounds.origin.y - 60);
}

typedef struct
{
  GtkWidget *window;
  GtkWidget *page;
} PageFit;

static gboolean
page_fits (gpointer data)
{
  PageFit *fit = data;
  g_autofree char *problems = NULL;
  g_autofree char *page_problems = NULL;

  if (!shows_width (GTK_WINDOW (fit->window), PHONE_WIDTH))
    return FALSE;

  problems = check_layout (fit->window);
  page_problems = check_page_across (fit->page, fit->window);
  return problems[0] == '\0' && page_problems[0] == '\0';
}

/* The page does not widen the window, and its controls fit across it.
 * @shown is scrolled to, for the screenshot. The check waits for the
 * layout to settle, because on a slow machine the view switcher is
 * still being laid out for the new width a moment after the page shows;
 * a layout that never fits fails with the problems it has. */
static void
check_case_page_fits (Fixture    *fixture,
                      GtkWidget  *page,
                      GtkWidget  *shown,
                      const char *name)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autofree char *problems = NULL;
  g_autofree char *page_problems = NULL;
  PageFit fit = { window, page };

  scroll_to (shown);
  wm_test_spin_until (page_fits, &fit, WM_TEST_WAIT_MS);
  if (!shows_width (GTK_WINDOW (window), PHONE_WIDTH))
    g_test_message ("The window shows %d pixels across", content_width (GTK_WINDOW (window)));
  g_assert_true (shows_width (GTK_WINDOW (window), PHONE_WIDTH));
  problems = check_layout (window);
  g_assert_cmpstr (problems, ==, "");
  page_problems = check_page_across (page, window);
  g_assert_cmpstr (page_problems, ==, "");
  wm_test_save_screenshot (window, name, 0);
}

static gboolean
escalation_idle (gpointer data)
{
  return !wm_escalation_page_is_busy (data)
         && wm_escalation_page_get_response (data) != NULL;
}

/* The Escalation page of a pupil with no record: every legal step lists
 * its missing evidence, each with a button to add it. A long button
 * label, "Education Supervision Order considered", wraps rather than
 * widening the window. */
static void
test_escalation_at_phone_width (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkWidget *page;
  GtkWidget *button;
  WmCaseView *view;

  open_first_pupil_with_keyboard (fixture);
  view = front_case (fixture);
  page = wm_test_find_descendant (GTK_WIDGET (view), WM_TYPE_ESCALATION_PAGE);
  g_assert_nonnull (page);
  show_case_page (view, "escalation");
  g_assert_true (wm_test_spin_until (escalation_idle, page, WM_TEST_WAIT_MS));

  button = find_button_labelled (page, "Add a record: Education Supervision Order considered");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  check_case_page_fits (fixture, page, button, "narrow-360-escalation");
}

static gboolean
people_idle (gpointer data)
{
  return !wm_people_page_is_busy (data);
}

/* The People page with a contact that has both tags ("Parental
 * responsibility", "Alternative contact") beside its "Checked Today"
 * button: the tags and the button wrap rather than widening the window. */
static void
test_people_at_phone_width (Fixture       *fixture,
                            gconstpointer  data)
{
  WmContactRecord contact = { 0 };
  GtkWidget *button;
  GtkWidget *page;
  WmCaseView *view;

  open_first_pupil_with_keyboard (fixture);
  view = front_case (fixture);
  page = wm_test_find_descendant (GTK_WIDGET (view), WM_TYPE_PEOPLE_PAGE);
  g_assert_nonnull (page);
  show_case_page (view, "people");

  contact.title = (char *) "Mrs";
  contact.forename = (char *) "Bernadette";
  contact.surname = (char *) "Featherstonehaugh-Wolstenholme";
  contact.relationship = (char *) "GRM";
  contact.phones = (char *) "07700 900123";
  contact.parental_responsibility = TRUE;
  wm_people_page_add_contact (WM_PEOPLE_PAGE (page), &contact, TRUE);
  g_assert_true (wm_test_spin_until (people_idle, page, WM_TEST_WAIT_MS));

  button = find_button_labelled (page, "Checked _Today");
  g_assert_nonnull (button);
  check_case_page_fits (fixture, page, button, "narrow-360-people");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  wm_test_display_init (&argc, &argv);

  /* GNOME's own button layout, a close button only, as on a phone;
   * without a desktop GTK adds minimise and maximise buttons. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);

  application = wm_test_application_new ();

  g_test_add ("/narrow-window/phone-width/folds-and-returns", Fixture, NULL,
              fixture_set_up_phone, test_phone_width, fixture_tear_down);
  g_test_add ("/narrow-window/phone-width/closing-last-case-shows-list", Fixture, NULL,
              fixture_set_up_phone, test_close_last_case, fixture_tear_down);
  g_test_add ("/narrow-window/phone-width/dialogs-fit", Fixture, NULL,
              fixture_set_up_phone, test_dialogs_at_phone_width, fixture_tear_down);
  g_test_add ("/narrow-window/phone-width/escalation-fits", Fixture, NULL,
              fixture_set_up_phone, test_escalation_at_phone_width, fixture_tear_down);
  g_test_add ("/narrow-window/phone-width/people-fits", Fixture, NULL,
              fixture_set_up_phone, test_people_at_phone_width, fixture_tear_down);
  g_test_add ("/narrow-window/desktop-width/side-by-side", Fixture, NULL,
              fixture_set_up_desktop, test_desktop_width, fixture_tear_down);
  g_test_add ("/narrow-window/resize/folds-and-unfolds", Fixture, NULL,
              fixture_set_up_desktop, test_resize, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
