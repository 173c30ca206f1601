/* test-sidebar-window.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The width of the pupil list beside the case, under a real display
 * (Xvfb). The officer widens the list by dragging the handle between the
 * list and the case, or by moving it with Left and Right. The tests drag
 * through the handle's own gesture and with a real pointer, and press
 * real keys. They check the list's allocated width to the pixel and its
 * bounds: the list's minimum of 360 pixels and half the width it shares
 * with the case. They check the setting that keeps the width, a new
 * window that starts with it, and a narrow window that still folds into
 * one column at the same width as before. Every wait is a bounded spin of
 * the main context.
 *
 * With WAYMARK_SCREENSHOT_DIR set, the tests save what the window shows
 * there as PNG files, for a person to look at.
 */

#include <gdk/x11/gdkx.h>

#include "wm-pupil-list.h"
#include "wm-sidebar-handle.h"
#include "wm-sidebar-pane.h"
#include "wm-test-display.h"

#define N_SAMPLE_PUPILS 12
#define DESKTOP_WIDTH 1280
#define DESKTOP_HEIGHT 800

/* The list's own minimum width, set in wm-window.ui: a phone's width. */
#define LIST_MINIMUM 360

typedef struct
{
  char     *db_path;
  WmWindow *window;
} Fixture;

static WmApplication *application;

/* Looking into the widgets */

static AdwLeaflet *
leaflet (WmWindow *window)
{
  GtkWidget *found = wm_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_LEAFLET);

  g_assert_nonnull (found);
  return ADW_LEAFLET (found);
}

static WmSidebarHandle *
handle (WmWindow *window)
{
  GtkWidget *found = wm_test_find_descendant (GTK_WIDGET (window), WM_TYPE_SIDEBAR_HANDLE);

  g_assert_nonnull (found);
  return WM_SIDEBAR_HANDLE (found);
}

/* The list's column, whose width the handle sets. */
static GtkWidget *
pane (WmWindow *window)
{
  GtkWidget *found = wm_test_find_descendant (GTK_WIDGET (window), WM_TYPE_SIDEBAR_PANE);

  g_assert_nonnull (found);
  g_assert_true (found == GTK_WIDGET (wm_sidebar_handle_get_pane (handle (window))));
  return found;
}

static GtkGestureDrag *
handle_drag_gesture (WmWindow *window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (handle (window)));
  guint n = g_list_model_get_n_items (controllers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        return GTK_GESTURE_DRAG (controller);
    }

  g_assert_not_reached ();
}

/* The widest the list may be: half of what the list and the case share
 * beside the handle, rounded up. */
static int
widest (WmWindow *window)
{
  int shared = gtk_widget_get_width (GTK_WIDGET (leaflet (window)))
               - gtk_widget_get_width (GTK_WIDGET (handle (window)));

  return (shared + 1) / 2;
}

static int
stored_width (void)
{
  return g_settings_get_int (wm_application_get_settings (application), "sidebar-width");
}

/* Waiting for a width */

typedef struct
{
  WmWindow *window;
  int       width;
} WidthWait;

static gboolean
list_has_width (gpointer data)
{
  WidthWait *wait = data;

  return gtk_widget_get_mapped (pane (wait->window))
         && gtk_widget_get_width (pane (wait->window)) == wait->width;
}

/* Waits until the list is laid out at @width and checks it to the pixel. */
static void
assert_list_width (WmWindow *window,
                   int       width)
{
  WidthWait wait = { window, width };

  wm_test_spin_until (list_has_width, &wait, WM_TEST_WAIT_MS);
  g_assert_cmpint (gtk_widget_get_width (pane (window)), ==, width);
}

/* Real input, sent to the X server the tests run under */

static gboolean
can_send_input (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  if (GDK_IS_X11_DISPLAY (gdk_display_get_default ()) && xdotool != NULL)
    return TRUE;

  g_test_skip ("Real key presses and pointer moves are sent with xdotool to an X server");
  return FALSE;
}

/* Runs xdotool with @args after focusing @window's X window; "WINDOW"
 * in @args stands for that window's id. */
static void
run_xdotool (WmWindow          *window,
             const char *const *args)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *xid = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  g_strv_builder_add_many (builder, "xdotool", "windowfocus", "--sync", xid, NULL);
  for (guint i = 0; args[i] != NULL; i++)
    g_strv_builder_add (builder, g_str_equal (args[i], "WINDOW") ? xid : args[i]);
  argv = g_strv_builder_end (builder);

  g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* The middle of the handle, in the coordinates of the window's X window. */
static void
handle_centre (WmWindow *window,
               int      *x,
               int      *y)
{
  GtkWidget *widget = GTK_WIDGET (handle (window));
  graphene_rect_t bounds;
  double surface_x = 0;
  double surface_y = 0;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &surface_x, &surface_y);
  *x = (int) (surface_x + bounds.origin.x + bounds.size.width / 2);
  *y = (int) (surface_y + bounds.origin.y + bounds.size.height / 2);
}

/* Whether the pointer at @x across the handle, in the window's X
 * window, reaches the handle rather than a widget beside it, such as the
 * list's scroll bar. */
static gboolean
pointer_reaches_handle (WmWindow *window,
                        double    x,
                        double    y)
{
  GtkWidget *line = GTK_WIDGET (handle (window));
  double surface_x = 0;
  double surface_y = 0;
  GtkWidget *picked;

  gtk_native_get_surface_transform (GTK_NATIVE (window), &surface_x, &surface_y);
  picked = gtk_widget_pick (GTK_WIDGET (window), x - surface_x, y - surface_y,
                            GTK_PICK_DEFAULT);

  return picked != NULL && (picked == line || gtk_widget_is_ancestor (picked, line));
}

/* Fixture */

static gboolean
sample_ready (gpointer data)
{
  WmWindow *window = data;

  return !wm_window_is_busy (window)
         && wm_pupil_list_get_n_pupils (wm_window_get_pupil_list (window)) == N_SAMPLE_PUPILS;
}

/* The width of what the window shows, inside the border that GTK draws
 * around a window without a window manager. */
static int
content_width (GtkWindow *window)
{
  return gtk_widget_get_width (gtk_widget_get_first_child (GTK_WIDGET (window)));
}

/* Without a window manager GTK draws a border of a few pixels around the
 * window, inside the size it is given. The content is then at most
 * @width, and at most 12 pixels (an estimate of the border, 10 pixels
 * seen) narrower. */
static gboolean
window_has_width (gpointer data)
{
  GtkWindow *window = data;
  int expected = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (window), "expected-width"));
  int content = content_width (window);

  return gtk_widget_get_mapped (GTK_WIDGET (window))
         && content <= expected && content >= expected - 12;
}

static void
resize_window (WmWindow *window,
               int       width,
               int       height)
{
  g_object_set_data (G_OBJECT (window), "expected-width", GINT_TO_POINTER (width));
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  g_assert_true (wm_test_spin_until (window_has_width, window, WM_TEST_WAIT_MS));

  /* A frame for the leaflet to lay out at the size. */
  wm_test_spin_for (100);
}

/* A window on the fixture's database, shown at the size of a desktop. */
static WmWindow *
show_window (Fixture *fixture)
{
  WmWindow *window = wm_test_present_window (application, fixture->db_path);

  resize_window (window, DESKTOP_WIDTH, DESKTOP_HEIGHT);
  return window;
}

/* Does what show_window() does, then waits until the window lists the
 * sample's pupils, which the database must already contain. */
static WmWindow *
open_window (Fixture *fixture)
{
  WmWindow *window = show_window (fixture);

  g_assert_true (wm_test_spin_until (sample_ready, window, WM_TEST_WAIT_MS));
  return window;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *dir = g_get_user_data_dir ();
  g_autofree char *ctf_path = g_build_filename (dir, "sample.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (ctf_path);

  /* Every test starts from the list's width on a first start. */
  g_settings_reset (wm_application_get_settings (application), "sidebar-width");

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  fixture->db_path = g_build_filename (dir, "sidebar.db", NULL);
  wm_test_write_sample (ctf_path, N_SAMPLE_PUPILS);

  fixture->window = show_window (fixture);
  wm_window_import_file (fixture->window, file);
  g_assert_true (wm_test_spin_until (sample_ready, fixture->window, WM_TEST_WAIT_MS));
  wm_test_spin_for (100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    wm_test_destroy_windows (&fixture->window);

  g_free (fixture->db_path);
}

/* Dragging through the handle's gesture */

/* Runs a drag of @offset_x pixels through the handle's own gesture, as
 * the pointer does: the press, then the moves. */
static void
drag_handle (WmWindow *window,
             double    offset_x)
{
  GtkGestureDrag *gesture = handle_drag_gesture (window);

  g_signal_emit_by_name (gesture, "drag-begin", 3.0, 200.0);
  g_signal_emit_by_name (gesture, "drag-update", offset_x / 2, 0.0);
  g_signal_emit_by_name (gesture, "drag-update", offset_x, 1.0);
  g_signal_emit_by_name (gesture, "drag-end", offset_x, 1.0);
}

/* The tests */

/* On a first start the list is at its minimum width, 360 pixels, and the
 * handle is a focusable separator with a resize cursor. */
static void
test_first_start (Fixture       *fixture,
                  gconstpointer  data)
{
  WmSidebarHandle *line = handle (fixture->window);
  GtkWidget *widget = GTK_WIDGET (line);
  g_autofree char *cursor_name = NULL;

  g_assert_false (adw_leaflet_get_folded (leaflet (fixture->window)));
  assert_list_width (fixture->window, LIST_MINIMUM);
  g_assert_cmpint (stored_width (), ==, LIST_MINIMUM);

  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_get_focusable (widget));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (line)), ==,
                   GTK_ACCESSIBLE_ROLE_SEPARATOR);
  g_assert_nonnull (gtk_widget_get_cursor (widget));
  g_assert_cmpstr (gdk_cursor_get_name (gtk_widget_get_cursor (widget)), ==, "col-resize");
  g_assert_cmpint (wm_sidebar_handle_get_minimum (line), ==, LIST_MINIMUM);
  g_assert_cmpint (wm_sidebar_handle_get_maximum (line), ==, widest (fixture->window));
  wm_test_save_screenshot (GTK_WIDGET (fixture->window), "sidebar-1280-first-start", 0);
}

/* A drag of 120 pixels to the right widens the list from 360 to 480
 * pixels, moves the case along, and stores the width. */
static void
test_drag_widens (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *handle_widget = GTK_WIDGET (handle (fixture->window));
  graphene_rect_t bounds;

  assert_list_width (fixture->window, LIST_MINIMUM);
  drag_handle (fixture->window, 120);

  assert_list_width (fixture->window, 480);
  g_assert_cmpint (stored_width (), ==, 480);

  /* The handle, and the case after it, start where the list ends. */
  g_assert_true (gtk_widget_compute_bounds (handle_widget, GTK_WIDGET (leaflet (fixture->window)),
                                            &bounds));
  g_assert_cmpfloat (bounds.origin.x, ==, 480);
  wm_test_save_screenshot (GTK_WIDGET (fixture->window), "sidebar-1280-dragged-480", 0);

  /* Back 40 pixels. */
  drag_handle (fixture->window, -40);
  assert_list_width (fixture->window, 440);
  g_assert_cmpint (stored_width (), ==, 440);
}

/* The list is never narrower than its minimum, where its rows still fit,
 * and never wider than half of the width it shares with the case. */
static void
test_drag_bounds (Fixture       *fixture,
                  gconstpointer  data)
{
  int most = widest (fixture->window);

  /* At 1280 pixels, less GTK's border, the half is a little over 630. */
  g_assert_cmpint (most, >, 620);
  g_assert_cmpint (most, <, 640);

  drag_handle (fixture->window, 2000);
  assert_list_width (fixture->window, most);
  g_assert_cmpint (stored_width (), ==, most);
  wm_test_save_screenshot (GTK_WIDGET (fixture->window), "sidebar-1280-widest", 0);

  drag_handle (fixture->window, -2000);
  assert_list_width (fixture->window, LIST_MINIMUM);
  g_assert_cmpint (stored_width (), ==, LIST_MINIMUM);
}

/* A real pointer pressed on the handle and moved 100 pixels to the right
 * widens the list by 100 pixels. */
static void
test_pointer_drag (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autofree char *x_half = NULL;
  g_autofree char *x_end = NULL;
  int cx;
  int cy;

  if (!can_send_input ())
    return;

  assert_list_width (fixture->window, LIST_MINIMUM);
  handle_centre (fixture->window, &cx, &cy);

  /* The whole width of the handle catches the pointer, also where the
   * list's scroll bar reaches past the list's edge. */
  for (int dx = -2; dx <= 2; dx++)
    g_assert_true (pointer_reaches_handle (fixture->window, cx + dx + 0.5, cy));
  g_assert_false (pointer_reaches_handle (fixture->window, cx - 3 + 0.5, cy));
  x = g_strdup_printf ("%d", cx);
  y = g_strdup_printf ("%d", cy);
  x_half = g_strdup_printf ("%d", cx + 50);
  x_end = g_strdup_printf ("%d", cx + 100);

  run_xdotool (fixture->window, (const char *[]) {
    "mousemove", "--window", "WINDOW", "--sync", x, y,
    "mousedown", "1",
    "mousemove", "--window", "WINDOW", "--sync", x_half, y,
    "mousemove", "--window", "WINDOW", "--sync", x_end, y,
    "mouseup", "1",
    NULL });

  assert_list_width (fixture->window, LIST_MINIMUM + 100);
  g_assert_cmpint (stored_width (), ==, LIST_MINIMUM + 100);
}

static gboolean
handle_has_focus (gpointer data)
{
  return gtk_widget_has_focus (GTK_WIDGET (handle (data)));
}

/* With the focus on the handle, real Right and Left keys move it by 16
 * pixels each, Home takes it to the narrowest and End to the widest. */
static void
test_keys (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *line = GTK_WIDGET (handle (fixture->window));

  if (!can_send_input ())
    return;

  assert_list_width (fixture->window, LIST_MINIMUM);
  g_assert_true (gtk_widget_grab_focus (line));
  g_assert_true (wm_test_spin_until (handle_has_focus, fixture->window, WM_TEST_WAIT_MS));

  run_xdotool (fixture->window, (const char *[]) { "key", "--clearmodifiers",
                                                   "Right", "Right", "Right", NULL });
  assert_list_width (fixture->window, LIST_MINIMUM + 3 * WM_SIDEBAR_HANDLE_STEP);
  g_assert_cmpint (stored_width (), ==, 408);

  run_xdotool (fixture->window, (const char *[]) { "key", "--clearmodifiers", "Left", NULL });
  assert_list_width (fixture->window, 392);
  g_assert_cmpint (stored_width (), ==, 392);

  /* The keys stay with the handle, not the list or the case. */
  g_assert_true (gtk_widget_has_focus (line));
  wm_test_save_screenshot (GTK_WIDGET (fixture->window), "sidebar-1280-keyboard-focus", 0);

  run_xdotool (fixture->window, (const char *[]) { "key", "--clearmodifiers", "End", NULL });
  assert_list_width (fixture->window, widest (fixture->window));

  run_xdotool (fixture->window, (const char *[]) { "key", "--clearmodifiers", "Home", NULL });
  assert_list_width (fixture->window, LIST_MINIMUM);

  /* Left at the narrowest stays there. */
  run_xdotool (fixture->window, (const char *[]) { "key", "--clearmodifiers", "Left", NULL });
  wm_test_spin_for (100);
  assert_list_width (fixture->window, LIST_MINIMUM);
}

/* The width chosen in one window is where the next window starts. */
static void
test_new_window_restores (Fixture       *fixture,
                          gconstpointer  data)
{
  WmWindow *second;

  drag_handle (fixture->window, 160);
  assert_list_width (fixture->window, 520);
  wm_test_destroy_windows (&fixture->window);
  g_assert_cmpint (stored_width (), ==, 520);

  second = open_window (fixture);
  assert_list_width (second, 520);
  g_assert_cmpint (wm_sidebar_pane_get_width (WM_SIDEBAR_PANE (pane (second))), ==, 520);
  wm_test_save_screenshot (GTK_WIDGET (second), "sidebar-1280-restored-520", 0);
  wm_test_destroy_windows (&second);
}

/* A wide list gives way in a narrower window, keeping to half, and is
 * back at the width chosen when the window is made wide again. */
static void
test_narrower_window (Fixture       *fixture,
                      gconstpointer  data)
{
  AdwLeaflet *fold = leaflet (fixture->window);
  int chosen;

  drag_handle (fixture->window, 2000);
  chosen = widest (fixture->window);
  assert_list_width (fixture->window, chosen);
  g_assert_cmpint (stored_width (), ==, chosen);

  resize_window (fixture->window, 900, DESKTOP_HEIGHT);
  g_assert_false (adw_leaflet_get_folded (fold));
  assert_list_width (fixture->window, widest (fixture->window));
  g_assert_cmpint (widest (fixture->window), <, 450);

  /* The fold comes at the same width as with the list at its minimum:
   * the list's minimum, the handle's five pixels and the case's minimum,
   * 725 pixels. Just over it the list is a few pixels over its minimum. */
  resize_window (fixture->window, 740, DESKTOP_HEIGHT);
  g_assert_false (adw_leaflet_get_folded (fold));
  assert_list_width (fixture->window, widest (fixture->window));
  g_assert_cmpint (widest (fixture->window), <, LIST_MINIMUM + 8);
  wm_test_save_screenshot (GTK_WIDGET (fixture->window), "sidebar-740-unfolded", 0);

  resize_window (fixture->window, DESKTOP_WIDTH, DESKTOP_HEIGHT);
  assert_list_width (fixture->window, chosen);
  g_assert_cmpint (stored_width (), ==, chosen);
}

static gboolean
handle_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (handle (data)));
}

/* With the list at its widest the window still folds into one column
 * below about 720 pixels, where the list fills the window and the handle
 * is gone. Folding does not change the width chosen.
 *
 * NOTE: a window narrowed in steps (900, then 740 pixels) and then folded
 * with the list in front draws the list once before laying it out, and
 * GTK warns. The window without this handle does the same, so this test
 * folds from the full width. */
static void
test_narrow_still_folds (Fixture       *fixture,
                         gconstpointer  data)
{
  AdwLeaflet *fold = leaflet (fixture->window);
  int chosen;

  drag_handle (fixture->window, 2000);
  chosen = widest (fixture->window);
  assert_list_width (fixture->window, chosen);

  resize_window (fixture->window, 700, DESKTOP_HEIGHT);
  g_assert_true (adw_leaflet_get_folded (fold));
  assert_list_width (fixture->window, gtk_widget_get_width (GTK_WIDGET (fold)));
  g_assert_true (wm_test_spin_until (handle_unmapped, fixture->window, WM_TEST_WAIT_MS));
  wm_test_save_screenshot (GTK_WIDGET (fixture->window), "sidebar-700-folded", 0);

  resize_window (fixture->window, 360, 640);
  g_assert_true (adw_leaflet_get_folded (fold));
  assert_list_width (fixture->window, gtk_widget_get_width (GTK_WIDGET (fold)));
  wm_test_save_screenshot (GTK_WIDGET (fixture->window), "sidebar-360-folded", 0);

  g_assert_cmpint (stored_width (), ==, chosen);
  resize_window (fixture->window, DESKTOP_WIDTH, DESKTOP_HEIGHT);
  g_assert_false (adw_leaflet_get_folded (fold));
  assert_list_width (fixture->window, chosen);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  wm_test_display_init (&argc, &argv);

  /* GNOME's own button layout, a close button only; without a desktop
   * GTK adds minimise and maximise buttons. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);

  /* These tests check the layout a fold ends in, not the frames between.
   * While the leaflet animates a fold it draws the list for a moment
   * before giving it a size, and GTK warns, which fails the test. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  application = wm_test_application_new ();

  g_test_add ("/sidebar-window/first-start/minimum-width", Fixture, NULL,
              fixture_set_up, test_first_start, fixture_tear_down);
  g_test_add ("/sidebar-window/drag/widens-and-stores", Fixture, NULL,
              fixture_set_up, test_drag_widens, fixture_tear_down);
  g_test_add ("/sidebar-window/drag/minimum-and-half", Fixture, NULL,
              fixture_set_up, test_drag_bounds, fixture_tear_down);
  g_test_add ("/sidebar-window/drag/real-pointer", Fixture, NULL,
              fixture_set_up, test_pointer_drag, fixture_tear_down);
  g_test_add ("/sidebar-window/keys/left-right-home-end", Fixture, NULL,
              fixture_set_up, test_keys, fixture_tear_down);
  g_test_add ("/sidebar-window/new-window/starts-at-stored-width", Fixture, NULL,
              fixture_set_up, test_new_window_restores, fixture_tear_down);
  g_test_add ("/sidebar-window/narrower/keeps-to-half", Fixture, NULL,
              fixture_set_up, test_narrower_window, fixture_tear_down);
  g_test_add ("/sidebar-window/narrow/still-folds", Fixture, NULL,
              fixture_set_up, test_narrow_still_folds, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
