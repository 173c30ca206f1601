/* wm-test-display.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-test-display.h"

#include <string.h>

#include "wm-ctf.h"
#include "wm-import.h"
#include "wm-sample.h"
#include "wm-store-records.h"
#include "wm-timeline-object.h"
#include "wm-upn.h"

/* Waiting */

/* Returns the factor that every wait is multiplied by: the integer in
 * WAYMARK_TEST_WAIT_SCALE, from 1 to WM_TEST_MAX_WAIT_SCALE, or 1 when it
 * is unset or empty. A sanitized build runs several times slower, so
 * tools/run-sanitizers.sh sets 5 under ASan. An invalid value aborts the
 * test binary, because a wait silently left unscaled would fail later
 * with a misleading timeout. */
guint
wm_test_wait_scale (void)
{
  static guint scale;

  if (scale == 0)
    {
      const char *text = g_getenv ("WAYMARK_TEST_WAIT_SCALE");
      g_autoptr(GError) error = NULL;
      guint64 value = 1;

      if (text != NULL && *text != '\0'
          && !g_ascii_string_to_unsigned (text, 10, 1, WM_TEST_MAX_WAIT_SCALE, &value, &error))
        g_error ("WAYMARK_TEST_WAIT_SCALE is invalid: %s. Set an integer from 1 to %d, "
                 "or unset it.", error->message, WM_TEST_MAX_WAIT_SCALE);

      scale = (guint) value;
    }

  return scale;
}

typedef struct
{
  WmTestCondition  done;
  gpointer         data;
  gint64           deadline;
  GMainLoop       *loop;
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

/* Runs a main loop, as the application does, until @done returns TRUE or
 * @timeout_ms times wm_test_wait_scale() has passed, checking every
 * 10 ms. Returns what @done returns at the end, so a caller asserts the
 * result. A running loop owns the default main context throughout, so
 * results that workers post to it are dispatched on this thread. */
gboolean
wm_test_spin_until (WmTestCondition done,
                    gpointer        data,
                    guint           timeout_ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  gint64 timeout_us = (gint64) timeout_ms * wm_test_wait_scale () * 1000;
  Spin spin = { done, data, g_get_monotonic_time () + timeout_us, loop };

  g_timeout_add (10, check_spin, &spin);
  g_main_loop_run (loop);

  return done (data);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Runs the main loop for @ms times wm_test_wait_scale(), so that the
 * window can lay out, draw or finish a timer, which a slower build also
 * takes longer to do. */
void
wm_test_spin_for (guint ms)
{
  wm_test_spin_until (never, NULL, ms);
}

/* Finding widgets */

/* Returns the first widget of @type at or under @widget, depth first in
 * child order, or NULL. */
GtkWidget *
wm_test_find_descendant (GtkWidget *widget,
                         GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = wm_test_find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Returns the first GtkButton at or under @widget whose label is exactly
 * @label, mnemonic underscore included, or NULL. */
GtkWidget *
wm_test_find_button (GtkWidget  *widget,
                     const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = wm_test_find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Returns the first visible toplevel window of @type, or NULL. */
gpointer
wm_test_find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

/* Returns the visible AdwMessageDialog whose heading is exactly @heading,
 * or NULL. */
AdwMessageDialog *
wm_test_find_message_dialog (const char *heading)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data)
        && g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      return l->data;

  return NULL;
}

/* Returns how many child widgets @box has: its rows, and its placeholder
 * when one is set. */
guint
wm_test_count_rows (GtkListBox *box)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

/* Returns how many WmTimelineObject items of @model have @kind, such as
 * "letter" or "case-open". */
guint
wm_test_count_kind (GListModel *model,
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

/* Returns the case view of the selected tab of @window, asserting that a
 * tab is selected. */
WmCaseView *
wm_test_selected_case (WmWindow *window)
{
  AdwTabView *tabs = wm_window_get_tab_view (window);
  AdwTabPage *page = adw_tab_view_get_selected_page (tabs);

  g_assert_nonnull (page);
  return WM_CASE_VIEW (adw_tab_page_get_child (page));
}

/* Saves what @widget shows as NAME.png in WAYMARK_SCREENSHOT_DIR, through
 * the window's own renderer, and does nothing when that is unset. It
 * first runs the main loop for @settle_ms (scaled), so that a window or
 * dialog just presented has drawn, and then reads the widget's size. */
void
wm_test_save_screenshot (GtkWidget  *widget,
                         const char *name,
                         guint       settle_ms)
{
  const char *dir = g_getenv ("WAYMARK_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;

  if (settle_ms > 0)
    wm_test_spin_for (settle_ms);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s.png", name);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

/* A real database */

/* Adds the pupil Casey Able at Hill School (local authority 801,
 * establishment 4001), creating the school if it is new, and returns the
 * pupil's id. @upn_digits is the UPN after its check letter, 12 digits,
 * and the check letter is computed so that the UPN is valid. The
 * school's id is stored in @out_school_id unless that is NULL. */
gint64
wm_test_add_pupil (WmStore    *store,
                   const char *upn_digits,
                   gint64     *out_school_id)
{
  g_auto(WmPupilRecord) record = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 school_id, id;

  g_assert_cmpuint (strlen (upn_digits), ==, 12);
  school_id = wm_store_ensure_school (store, "801", "4001", NULL, "Hill School", &error);
  g_assert_no_error (error);

  record.upn = g_strconcat ("?", upn_digits, NULL);
  record.upn[0] = wm_upn_check_letter (record.upn);
  record.surname = g_strdup ("Able");
  record.forename = g_strdup ("Casey");
  id = wm_store_upsert_pupil (store, &record, school_id, NULL, &error);
  g_assert_no_error (error);

  if (out_school_id != NULL)
    *out_school_id = school_id;
  return id;
}

/* Imports tests/fixtures/cli/four-weeks.xml, whose pupil Seán O'Brien
 * (UPN W999200126002) has four weeks of marks in March 2026, and returns
 * that pupil's id. */
gint64
wm_test_import_four_weeks (WmStore *store)
{
  g_autofree char *ctf = g_test_build_filename (G_TEST_DIST, "fixtures", "cli",
                                                "four-weeks.xml", NULL);
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 pupil_id;

  wm_ctf_global_init ();
  report = wm_import_file (store, ctf, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  pupil_id = wm_store_find_pupil_by_upn (store, "W999200126002");
  g_assert_cmpint (pupil_id, >, 0);
  return pupil_id;
}

/* Writes a generated Common Transfer File of @n_pupils pupils at @path,
 * with the sample generator's other defaults. */
void
wm_test_write_sample (const char *path,
                      guint       n_pupils)
{
  g_autoptr(GError) error = NULL;
  WmSampleOptions options;

  wm_sample_options_init (&options);
  options.n_pupils = n_pupils;
  wm_sample_write_ctf_file (&options, path, &error);
  g_assert_no_error (error);
}

/* Adds a contact with parental responsibility and the surname O'Brien to
 * @pupil_id, entered by hand on 2 March 2026. @address may be NULL. */
void
wm_test_add_parent (WmStore    *store,
                    gint64      pupil_id,
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
  gint64 id = wm_store_add_contact (store, pupil_id, &contact, FALSE,
                                    wm_day_from_ymd (2026, 3, 2), &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
}

/* Saves @body as a record of @kind in @case_id, by @author (NULL for the
 * account name), and finalises it, as the editor's Save does. Returns the
 * record's id. */
gint64
wm_test_add_record (WmStore    *store,
                    gint64      case_id,
                    const char *kind,
                    JsonObject *body,
                    const char *author)
{
  g_autoptr(GError) error = NULL;
  gint64 id = wm_record_save_draft (store, case_id, 0, kind, body, author, &error);

  g_assert_no_error (error);
  g_assert_true (wm_record_finalise (store, id, author, &error));
  g_assert_no_error (error);
  return id;
}

/* Does what wm_test_add_record() does, with the body given as the text
 * of a JSON object. */
gint64
wm_test_add_record_json (WmStore    *store,
                         gint64      case_id,
                         const char *kind,
                         const char *json,
                         const char *author)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return wm_test_add_record (store, case_id, kind, json_node_get_object (node), author);
}

/* The application and its window */

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

/* Starts GTK, libadwaita and the GLib test framework for a display test,
 * with G_TEST_OPTION_ISOLATE_DIRS, and points GSettings at the schema
 * compiled into the build tree. Call it first in main(), after setting
 * any environment that GTK reads when it starts. */
void
wm_test_display_init (int    *argc,
                      char ***argv)
{
  g_auto(GStrv) mime_dirs = system_mime_dirs ();
  const char *build_dir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *schema_dir = g_build_filename (build_dir != NULL ? build_dir : ".",
                                                  "..", "data", NULL);

  /* Set before GTK starts, when no other thread reads the environment. */
  g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);

  /* libadwaita reads its own settings schema from the system's data
   * directories when it starts, so g_test_init(), which moves the XDG
   * directories to a private temporary tree, comes after it. */
  gtk_init ();
  adw_init ();
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs);
}

/* Points WAYMARK_LETTERS_DIR at the letter templates in the source tree,
 * because they are not installed while the tests run. Call it after
 * wm_test_display_init(). */
void
wm_test_use_source_letters (void)
{
  g_autofree char *letters_dir = g_test_build_filename (G_TEST_DIST, "..", "data", "letters",
                                                        NULL);

  g_setenv ("WAYMARK_LETTERS_DIR", letters_dir, TRUE);
}

/* Returns a new registered WmApplication, non-unique so that the test
 * never talks to a Waymark already running on the same bus. Registering
 * runs the application's startup. */
WmApplication *
wm_test_application_new (void)
{
  WmApplication *application = wm_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  return application;
}

/* Opens a WmWindow of @application on the database at @db_path and
 * presents it without waiting. Returns a reference that the caller
 * releases, normally with wm_test_destroy_windows(). */
WmWindow *
wm_test_present_window (WmApplication *application,
                        const char    *db_path)
{
  WmWindow *window = g_object_ref (wm_window_new (GTK_APPLICATION (application), db_path));

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static gboolean
pupils_listed (gpointer data)
{
  return wm_pupil_list_get_n_pupils (wm_window_get_pupil_list (data)) > 0;
}

/* Does what wm_test_present_window() does, then waits until the window's
 * pupil list shows at least one pupil, which means the window has opened
 * the database and loaded it. The database must contain a pupil. */
WmWindow *
wm_test_open_window (WmApplication *application,
                     const char    *db_path)
{
  WmWindow *window = wm_test_present_window (application, db_path);

  g_assert_true (wm_test_spin_until (pupils_listed, window, WM_TEST_WAIT_MS));
  return window;
}

/* Destroys every toplevel window, *@window last, releases the caller's
 * reference to *@window, sets it to NULL and runs the main loop for
 * 50 ms (scaled) so that the windows finish closing before the next
 * test. */
void
wm_test_destroy_windows (WmWindow **window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  /* Destroying a window can free a dialog made for it, further on in
   * the list, so each is held until all are destroyed. */
  for (GList *l = toplevels; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != *window)
      gtk_window_destroy (l->data);
  for (GList *l = toplevels; l != NULL; l = l->next)
    g_object_unref (l->data);

  gtk_window_destroy (GTK_WINDOW (*window));
  g_clear_object (window);
  wm_test_spin_for (50);
}
