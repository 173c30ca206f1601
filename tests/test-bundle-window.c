/* test-bundle-window.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The evidence bundle dialog under a real display (Xvfb). The tests open
 * it from the case tab and with Ctrl+P's action and check its defaults.
 * They export a bundle through the dialog's code path and print one
 * through GtkPrintOperation to a PDF file. Both files are checked with
 * poppler's tools, and both entries in the audit log. Every wait is a
 * bounded spin of the main context.
 */

#include <adwaita.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "wm-application.h"
#include "wm-bundle-audit.h"
#include "wm-bundle-dialog.h"
#include "wm-case-view.h"
#include "wm-case.h"
#include "wm-ctf.h"
#include "wm-error.h"
#include "wm-import.h"
#include "wm-render.h"
#include "wm-store-records.h"
#include "wm-test-pdf.h"
#include "wm-test-util.h"
#include "wm-window.h"

#define OFFICER "A. Officer"
#define PUPIL_UPN "W999200126002"
#define NO_CASE_UPN "Z999200126004"

/* The reference of the first case at the school with establishment
 * number 2001, which the fixture's CTF file names. */
#define REFERENCE "WM-2001-000001"

/* An estimate: long enough for an export on a slow CI machine, short
 * enough that a hang fails the test, not the suite. */
#define BASE_WAIT_MS 20000

/* How long each wait lasts. A sanitized build runs several times slower,
 * so tools/run-sanitizers.sh multiplies every wait by
 * WAYMARK_TEST_WAIT_SCALE, a whole number from 1 to 50 (1 without it).
 * It keeps the scaled wait inside meson's scaled timeout, so that a hang
 * still fails the one test. */
static guint
wait_ms (void)
{
  const char *scale = g_getenv ("WAYMARK_TEST_WAIT_SCALE");
  guint64 factor = scale != NULL ? g_ascii_strtoull (scale, NULL, 10) : 1;

  return BASE_WAIT_MS * CLAMP (factor, 1, 50);
}

#define WAIT_MS wait_ms ()

typedef struct
{
  char       *db_path;
  WmStore    *store;
  gint64      pupil_id;
  gint64      no_case_id;
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

static gpointer
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

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

static WmCaseView *
open_tab (Fixture *fixture,
          gint64   pupil_id)
{
  AdwTabView *tabs = wm_window_get_tab_view (fixture->window);

  wm_window_open_pupil (fixture->window, pupil_id);
  return WM_CASE_VIEW (adw_tab_page_get_child (adw_tab_view_get_selected_page (tabs)));
}

static gboolean
dialog_idle (gpointer data)
{
  return !wm_bundle_dialog_is_busy (data);
}

static WmBundleDialog *
open_dialog (Fixture *fixture)
{
  WmCaseView *view = open_tab (fixture, fixture->pupil_id);
  WmBundleDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case.export-bundle", NULL));
  dialog = find_toplevel (WM_TYPE_BUNDLE_DIALOG);
  g_assert_nonnull (dialog);
  return g_object_ref (dialog);
}

static gint64
count_audit (Fixture    *fixture,
             const char *action)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (fixture->store),
                                       "SELECT count(*) FROM audit_log WHERE action = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static char *
last_audit_detail (Fixture    *fixture,
                   const char *action)
{
  sqlite3_stmt *stmt = NULL;
  char *detail;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (fixture->store),
                                       "SELECT detail FROM audit_log WHERE action = ? "
                                       "ORDER BY id DESC LIMIT 1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  detail = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return detail;
}

/* The number of pages the bundle has when built and laid out by the
 * core with the same options, independently of the window. */
static guint
render_n_pages (Fixture               *fixture,
                const WmBundleOptions *options)
{
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(WmRender) render = NULL;
  g_autoptr(GError) error = NULL;

  document = wm_bundle_build (fixture->store, fixture->pupil_id, options, NULL, &error);
  g_assert_no_error (error);
  render = wm_render_new (document, NULL, &error);
  g_assert_no_error (error);
  return wm_render_get_n_pages (render);
}

static char *
pdf_title (const char *path)
{
  g_autofree char *info = wm_test_pdf_run ("pdfinfo", path, NULL);
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "Title:"))
      return g_strdup (g_strstrip (lines[i] + strlen ("Title:")));

  return NULL;
}

/* Fixture: four pupils imported from a CTF file, one with a case and
 * records, in a window */

static void
add_record (Fixture    *fixture,
            gint64      case_id,
            const char *kind,
            const char *key,
            ...)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GError) error = NULL;
  va_list args;
  gint64 id;

  va_start (args, key);
  for (; key != NULL; key = va_arg (args, const char *))
    json_object_set_string_member (body, key, va_arg (args, const char *));
  va_end (args);

  id = wm_record_save_draft (fixture->store, case_id, 0, kind, body, OFFICER, &error);
  g_assert_no_error (error);
  g_assert_true (wm_record_finalise (fixture->store, id, OFFICER, &error));
  g_assert_no_error (error);
}

static void
fill_store (Fixture *fixture)
{
  g_autofree char *ctf = g_test_build_filename (G_TEST_DIST, "fixtures", "cli",
                                                "four-weeks.xml", NULL);
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 case_id;

  wm_ctf_global_init ();
  report = wm_import_file (fixture->store, ctf, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_pupils, ==, 4);

  fixture->pupil_id = wm_store_find_pupil_by_upn (fixture->store, PUPIL_UPN);
  fixture->no_case_id = wm_store_find_pupil_by_upn (fixture->store, NO_CASE_UPN);
  case_id = wm_case_open (fixture->store, fixture->pupil_id, wm_test_day ("2026-03-02"),
                          "Attendance below 90%", OFFICER, OFFICER, &error);
  g_assert_no_error (error);
  g_assert_cmpint (case_id, ==, 1);

  add_record (fixture, case_id, "home-visit", "date", "2026-03-10", "visited_by", OFFICER,
              "outcome", "parent-seen", "what_was_said", "Mother agreed to a meeting", NULL);
  add_record (fixture, case_id, "meeting", "meeting_type", "parent-meeting", "date",
              "2026-03-16", "parents_views", "Parents want help with mornings", NULL);
}

static gboolean
pupils_listed (gpointer data)
{
  Fixture *fixture = data;

  return wm_pupil_list_get_n_pupils (wm_window_get_pupil_list (fixture->window)) == 4;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GSettings *settings = wm_application_get_settings (application);
  g_autoptr(GError) error = NULL;

  g_settings_set_string (settings, "officer-name", OFFICER);
  fixture->db_path = wm_test_file_path ("bundle-window.db");
  fixture->store = wm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  fill_store (fixture);

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

/* Tests: the dialog */

/* Health and safeguarding records are left out, nothing is withheld, the
 * period is the penalty threshold's school weeks up to today (the four
 * the register has, from 2 March 2026) and the officer in the
 * preferences prepared the bundle. */
static void
test_dialog_defaults (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(WmBundleDialog) dialog = open_dialog (fixture);
  g_autoptr(GError) error = NULL;
  WmBundleOptions options;

  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog))
                 == GTK_WINDOW (fixture->window));

  g_assert_true (wm_bundle_dialog_get_options (dialog, &options, &error));
  g_assert_no_error (error);
  g_assert_cmpint (options.as_of, ==, wm_day_today ());
  g_assert_cmpint (options.from, ==, wm_test_day ("2026-03-02"));
  g_assert_cmpint (options.to, ==, wm_day_today ());
  g_assert_cmpint (options.sections, ==, WM_BUNDLE_DEFAULT);
  g_assert_cmpint (options.sections & WM_BUNDLE_HEALTH, ==, 0);
  g_assert_cmpint (options.sections & WM_BUNDLE_RESTRICTED, ==, 0);
  g_assert_cmpint (options.redactions, ==, WM_BUNDLE_REDACT_NONE);
  g_assert_cmpstr (options.prepared_by, ==, OFFICER);
}

/* Ctrl+P's action opens the same dialog over the window, with "Print…"
 * as the button Enter presses. */
static void
test_ctrl_p_opens_dialog (Fixture       *fixture,
                          gconstpointer  data)
{
  WmBundleDialog *dialog;
  GtkWidget *button;

  open_tab (fixture, fixture->pupil_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.print", NULL));

  dialog = find_toplevel (WM_TYPE_BUNDLE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog))
                 == GTK_WINDOW (fixture->window));
  button = gtk_window_get_default_widget (GTK_WINDOW (dialog));
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Print…");
}

/* A pupil with no case has no bundle, so a message dialog explains why
 * and no bundle dialog opens. */
static void
test_no_case_message (Fixture       *fixture,
                      gconstpointer  data)
{
  WmCaseView *view = open_tab (fixture, fixture->no_case_id);
  AdwMessageDialog *message;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case.export-bundle", NULL));

  g_assert_null (find_toplevel (WM_TYPE_BUNDLE_DIALOG));
  message = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "No Case to Bundle");
}

/* A date that does not exist is rejected with the field named, the row
 * marked, and nothing exported. */
static void
test_invalid_date (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(WmBundleDialog) dialog = open_dialog (fixture);
  g_autofree char *path = wm_test_file_path ("invalid.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GtkWidget *from_row = find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);
  WmBundleOptions options;

  gtk_editable_set_text (GTK_EDITABLE (from_row), "31/02/2026");
  g_assert_false (wm_bundle_dialog_get_options (dialog, &options, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "From: “31/02/2026” is not a date; write it as DD/MM/YYYY, "
                   "for example 02/03/2026");
  g_assert_true (gtk_widget_has_css_class (from_row, "error"));

  wm_bundle_dialog_export (dialog, file);
  g_assert_false (wm_bundle_dialog_is_busy (dialog));
  spin_for (200);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_audit (fixture, "export-bundle"), ==, 0);
}

static void
test_period_reversed (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(WmBundleDialog) dialog = open_dialog (fixture);
  g_autoptr(GError) error = NULL;
  WmBundleOptions options;

  wm_bundle_dialog_set_period (dialog, wm_test_day ("2026-03-27"), wm_test_day ("2026-03-02"));
  g_assert_false (wm_bundle_dialog_get_options (dialog, &options, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
}

/* Tests: exporting */

/* The export writes a PDF with pages, the bundle's title and the same
 * pages as the core's render, records it in the audit log, closes the
 * dialog and shows nothing else. */
static void
test_export_pdf (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(WmBundleDialog) dialog = open_dialog (fixture);
  g_autofree char *path = wm_test_file_path ("exported.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GError) error = NULL;
  WmBundleOptions options;
  guint n_pages;

  if (wm_test_pdf_tools_missing ())
    return;

  wm_bundle_dialog_set_period (dialog, wm_test_day ("2026-03-02"), wm_test_day ("2026-03-27"));
  wm_bundle_dialog_set_section (dialog, WM_BUNDLE_HEALTH, TRUE);
  g_assert_true (wm_bundle_dialog_get_options (dialog, &options, &error));
  n_pages = render_n_pages (fixture, &options);

  wm_bundle_dialog_export (dialog, file);
  g_assert_true (wm_bundle_dialog_is_busy (dialog));
  g_assert_true (spin_until (dialog_idle, dialog, WAIT_MS));

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (n_pages, >, 1);
  g_assert_cmpuint (wm_test_pdf_n_pages (path), ==, n_pages);
  title = pdf_title (path);
  g_assert_cmpstr (title, ==, "Evidence bundle " REFERENCE);

  g_assert_cmpint (count_audit (fixture, "export-bundle"), ==, 1);
  detail = last_audit_detail (fixture, "export-bundle");
  g_assert_true (g_str_has_prefix (detail, "case 1; sections cover,index,chronology,"
                                   "certificate,chart,support,exhibits,legal,statement,"
                                   "health; period 2026-03-02 to 2026-03-27; as of "));
  g_assert_null (find_toplevel (WM_TYPE_BUNDLE_DIALOG));
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* A cancelled export writes no file and no audit entry, and the dialog
 * stays open for another try. */
static void
test_export_cancelled (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(WmBundleDialog) dialog = open_dialog (fixture);
  g_autofree char *path = wm_test_file_path ("cancelled.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (path);

  wm_bundle_dialog_export (dialog, file);
  wm_bundle_dialog_cancel (dialog);
  g_assert_true (spin_until (dialog_idle, dialog, WAIT_MS));

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_audit (fixture, "export-bundle"), ==, 0);
  g_assert_true (find_toplevel (WM_TYPE_BUNDLE_DIALOG) == dialog);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* Tests: printing */

/* GtkPrintOperation's export action prints to a PDF file without a
 * dialog. Its pages are the render's, and the print is audited with
 * the number of pages. */
static void
test_print_to_file (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(WmBundleDialog) dialog = open_dialog (fixture);
  g_autofree char *path = wm_test_file_path ("printed.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *detail = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  WmBundleOptions options;
  guint n_pages;

  if (wm_test_pdf_tools_missing ())
    return;

  wm_bundle_dialog_set_period (dialog, wm_test_day ("2026-03-02"), wm_test_day ("2026-03-27"));
  g_assert_true (wm_bundle_dialog_get_options (dialog, &options, &error));
  n_pages = render_n_pages (fixture, &options);

  wm_bundle_dialog_print (dialog, file);
  g_assert_true (wm_bundle_dialog_is_busy (dialog));
  g_assert_true (spin_until (dialog_idle, dialog, WAIT_MS));

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (n_pages, >, 1);
  g_assert_cmpuint (wm_test_pdf_n_pages (path), ==, n_pages);

  g_assert_cmpint (count_audit (fixture, "print-bundle"), ==, 1);
  g_assert_cmpint (count_audit (fixture, "export-bundle"), ==, 0);
  detail = last_audit_detail (fixture, "print-bundle");
  expected = g_strdup_printf ("; pages %u", n_pages);
  g_assert_true (g_str_has_prefix (detail, "case 1; sections cover,index,chronology,"
                                   "certificate,chart,support,exhibits,legal,statement; "
                                   "period 2026-03-02 to 2026-03-27; as of "));
  g_assert_true (g_str_has_suffix (detail, expected));
  g_assert_null (find_toplevel (WM_TYPE_BUNDLE_DIALOG));
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* The printed pages are the rendered pages: every page's text is laid
 * out where the exported PDF has it. */
static void
test_print_matches_export (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(WmBundleDialog) dialog = open_dialog (fixture);
  g_autofree char *printed_path = wm_test_file_path ("printed-cover.pdf");
  g_autofree char *exported_path = wm_test_file_path ("exported-cover.pdf");
  g_autoptr(GFile) printed = g_file_new_for_path (printed_path);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) printed_pages = NULL;
  g_auto(GStrv) exported_pages = NULL;
  WmBundleOptions options;

  if (wm_test_pdf_tools_missing ())
    return;

  wm_bundle_dialog_set_period (dialog, wm_test_day ("2026-03-02"), wm_test_day ("2026-03-27"));
  wm_bundle_dialog_print (dialog, printed);
  g_assert_true (spin_until (dialog_idle, dialog, WAIT_MS));

  g_assert_true (wm_bundle_dialog_get_options (dialog, &options, &error));
  g_assert_true (wm_bundle_export (fixture->store, fixture->pupil_id, &options, exported_path,
                                   NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  printed_pages = wm_test_pdf_page_texts (printed_path, TRUE);
  exported_pages = wm_test_pdf_page_texts (exported_path, TRUE);
  g_assert_cmpuint (g_strv_length (printed_pages), ==, g_strv_length (exported_pages));
  for (guint i = 0; printed_pages[i] != NULL; i++)
    g_assert_cmpstr (printed_pages[i], ==, exported_pages[i]);
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
  int status;

  schema_dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR")
                                                              : ".",
                                 "..", "data", NULL);
  g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);

  gtk_init ();
  adw_init ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs);

  application = wm_application_new ();
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/bundle-window/dialog/defaults", test_dialog_defaults);
  ADD ("/bundle-window/dialog/ctrl-p", test_ctrl_p_opens_dialog);
  ADD ("/bundle-window/dialog/no-case", test_no_case_message);
  ADD ("/bundle-window/dialog/invalid-date", test_invalid_date);
  ADD ("/bundle-window/dialog/period-reversed", test_period_reversed);
  ADD ("/bundle-window/export/pdf", test_export_pdf);
  ADD ("/bundle-window/export/cancelled", test_export_cancelled);
  ADD ("/bundle-window/print/to-file", test_print_to_file);
  ADD ("/bundle-window/print/same-as-export", test_print_matches_export);

#undef ADD

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
