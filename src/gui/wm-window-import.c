/* wm-window-import.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "wm-error.h"
#include "wm-gui.h"
#include "wm-import-task.h"
#include "wm-window-private.h"

/* Imports run one at a time in a worker thread (wm_import_file_async)
 * with their own database connection. Files chosen or opened while one
 * runs wait in a queue. The window only shows the progress and stays
 * responsive, and a Cancel button stops the import with nothing changed. */

static void start_next_import (WmWindow *self);

/* wm_import_file_async() reports progress in the caller's main context,
 * at most a thousand times per import and never after the import's
 * callback has run. The import job keeps the window alive until then. */
static void
on_import_progress (double   fraction,
                    gpointer data)
{
  WmWindow *self = data;

  WM_ASSERT_MAIN_THREAD ();

  if (!g_cancellable_is_cancelled (self->cancellable))
    gtk_progress_bar_set_fraction (self->import_progress, CLAMP (fraction, 0.0, 1.0));
}

/* Results */

static char *
format_count (guint n)
{
  /* The apostrophe flag groups thousands as the user's locale does, so an
   * English locale shows "2,404" and the C locale "2404". */
  return g_strdup_printf ("%'u", n);
}

/* A terms file's report counts terms and closures, not pupils. A file
 * whose every entry was already stored is not recorded as an import (its
 * id is 0), so the message must not claim one. */
static char *
describe_terms_report (const WmImportReport *report)
{
  g_autofree char *terms = NULL;
  g_autofree char *closures = NULL;

  if (report->import_id == 0)
    return g_strdup (_("Nothing imported: every term and closure in the file "
                       "is already stored"));

  /* Translators: a part of "Imported 6 terms and 2 closures"; %u is the
   * number of school terms the file listed. */
  terms = g_strdup_printf (ngettext ("%u term", "%u terms", report->n_terms),
                           report->n_terms);
  /* Translators: a part of "Imported 6 terms and 2 closures"; %u is the
   * number of days the school was closed that the file listed. */
  closures = g_strdup_printf (ngettext ("%u closure", "%u closures",
                                        report->n_closures),
                              report->n_closures);
  /* Translators: the message after a terms file is imported: "6 terms",
   * then "2 closures". */
  return g_strdup_printf (_("Imported %s and %s"), terms, closures);
}

/* The two counts take their plural forms separately, because in some
 * languages (Welsh has six forms) the noun after each number changes with
 * that number, not with the other one. */
static char *
describe_report (const WmImportReport *report)
{
  g_autofree char *pupils_count = format_count (report->n_pupils);
  g_autofree char *created = format_count (report->n_created);
  g_autofree char *set_count = format_count (report->n_marks_set);
  g_autofree char *changed_count = format_count (report->n_marks_changed);
  g_autofree char *pupils = NULL;
  g_autofree char *recorded = NULL;
  g_autofree char *changed = NULL;

  if (report->n_terms + report->n_closures > 0)
    return describe_terms_report (report);

  /* Translators: a part of "Imported 212 pupils: 3 new, 2,404 sessions
   * recorded, 12 sessions changed"; %s is the number, grouped as the
   * locale groups it. */
  pupils = g_strdup_printf (ngettext ("%s pupil", "%s pupils", report->n_pupils),
                            pupils_count);

  /* Translators: a part of "Imported 212 pupils: 3 new, 2,404 sessions
   * recorded, 12 sessions changed": sessions that had no code before. A
   * session is a morning or an afternoon register. */
  recorded = g_strdup_printf (ngettext ("%s session recorded",
                                        "%s sessions recorded",
                                        report->n_marks_set),
                              set_count);

  /* Translators: a part of "Imported 212 pupils: 3 new, 2,404 sessions
   * recorded, 12 sessions changed": stored codes the file corrected. */
  changed = g_strdup_printf (ngettext ("%s session changed",
                                       "%s sessions changed",
                                       report->n_marks_changed),
                             changed_count);

  /* Translators: the message after an import, "Imported 212 pupils: 3 new,
   * 2,404 sessions recorded, 12 sessions changed": the first %s is "212
   * pupils", the second the number of pupils new to the database, the
   * third "2,404 sessions recorded" and the fourth "12 sessions changed". */
  return g_strdup_printf (_("Imported %s: %s new, %s, %s"), pupils, created,
                          recorded, changed);
}

static GtkWidget *
build_warnings_view (const char * const *warnings)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  g_autofree char *text = g_strjoinv ("\n\n", (char **) warnings);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);

  /* The card grows with the list and scrolls once it is long. */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 48);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  gtk_widget_add_css_class (scrolled, "card");

  return scrolled;
}

static void
on_details_clicked (AdwToast *toast,
                    WmWindow *self)
{
  const char * const *warnings = g_object_get_data (G_OBJECT (toast), "warnings");
  guint n = g_strv_length ((char **) warnings);
  GtkWidget *dialog;

  WM_ASSERT_MAIN_THREAD ();

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   ngettext ("Import Warning", "Import Warnings", n),
                                   NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  ngettext ("The import finished with %u point to check:",
                                            "The import finished with %u points to check:",
                                            n),
                                  n);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), build_warnings_view (warnings));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, -1);
  gtk_window_present (GTK_WINDOW (dialog));
}

static char **
warnings_to_strv (GPtrArray *warnings)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **strv;

  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (warnings, i));

  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return strv;
}

static void
show_import_success (WmWindow             *self,
                     const WmImportReport *report)
{
  g_autofree char *text = describe_report (report);
  AdwToast *toast = adw_toast_new (text);

  if (report->shown_warnings != NULL && report->shown_warnings->len > 0)
    {
      g_object_set_data_full (G_OBJECT (toast), "warnings",
                              warnings_to_strv (report->shown_warnings),
                              (GDestroyNotify) g_strfreev);
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_timeout (toast, 0);
      g_signal_connect_object (toast, "button-clicked",
                               G_CALLBACK (on_details_clicked), self, 0);
    }

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_import_failure (WmWindow     *self,
                     const GError *error)
{
  GtkWidget *dialog;

  /* The importer's message names the file, line and pupil and what to fix. */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import Failed"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
finish_import_ui (WmWindow *self)
{
  g_clear_object (&self->import_cancellable);
  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
  _wm_window_show_content (self);
}

/* One running import keeps the window alive until the result is shown. It
 * also keeps the application running until the worker has finished, so
 * quitting in the middle lets the transaction roll back cleanly. */
typedef struct
{
  WmWindow       *window;
  GApplication   *application;
} ImportJob;

static ImportJob *
import_job_new (WmWindow *self)
{
  ImportJob *job = g_new0 (ImportJob, 1);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  job->window = g_object_ref (self);
  if (application != NULL)
    {
      job->application = g_object_ref (G_APPLICATION (application));
      g_application_hold (job->application);
    }

  return job;
}

static void
import_job_free (ImportJob *job)
{
  if (job->application != NULL)
    {
      g_application_release (job->application);
      g_object_unref (job->application);
    }

  g_object_unref (job->window);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportJob, import_job_free)

static void
show_import_result (WmWindow             *self,
                    const WmImportReport *report,
                    const GError         *error)
{
  if (report != NULL)
    {
      g_debug ("Import %" G_GINT64_FORMAT " finished", report->import_id);
      show_import_success (self, report);

      /* The list is rebuilt around the new pupils, and the ones to look
       * at first are at its top, not wherever it was scrolled to. It
       * scrolls before it is rebuilt: GTK cannot place a scroll position
       * among rows it has not laid out yet. */
      wm_pupil_list_scroll_to_top (self->pupil_list);
      _wm_window_reload_pupils (self);
      _wm_window_wake_evaluator (self);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      _wm_window_show_toast (self, _("Import cancelled; nothing was changed"));

      /* NOTE: a cancel that arrives after the worker has committed is
       * still reported as cancelled, so the list is read again to show
       * what the database really contains. */
      _wm_window_reload_pupils (self);
      _wm_window_wake_evaluator (self);
    }
  else
    {
      /* A file the importer rejects is the user's to fix, and the dialog
       * explains how, so the log keeps only a debug line. */
      g_debug ("Import failed: %s", error->message);
      show_import_failure (self, error);
    }
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ImportJob) job = user_data;
  WmWindow *self = job->window;
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  WM_ASSERT_MAIN_THREAD ();

  report = wm_import_file_finish (result, &error);

  /* The window was closed while the import ran. The worker has rolled its
   * transaction back or committed it, and there is no window to show it. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  finish_import_ui (self);
  show_import_result (self, report, error);
  start_next_import (self);
}

static void
show_import_started (WmWindow *self,
                     GFile    *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = g_strdup_printf (_("Importing %s…"), name);
  guint waiting = g_queue_get_length (&self->pending_imports);

  if (waiting > 0)
    {
      /* Translators: the import bar while other files wait their turn,
       * "Importing autumn.xml… (2 more waiting)". */
      g_autofree char *more = g_strdup_printf (ngettext ("%s (%u more waiting)",
                                                         "%s (%u more waiting)", waiting),
                                               text, waiting);
      g_free (text);
      text = g_steal_pointer (&more);
    }

  gtk_label_set_text (self->import_label, text);
  gtk_progress_bar_set_fraction (self->import_progress, 0.0);
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);
}

static void
start_import (WmWindow *self,
              GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);
  ImportJob *job;

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autoptr(GError) error = NULL;

      error = g_error_new (WM_ERROR, WM_ERROR_INVALID_INPUT,
                           _("“%s” is not a local file. Copy it to this computer "
                             "and import the copy."), uri);
      show_import_failure (self, error);
      start_next_import (self);
      return;
    }

  self->import_cancellable = g_cancellable_new ();
  show_import_started (self, file);
  _wm_window_show_content (self);

  job = import_job_new (self);
  wm_import_file_async (self->database_path, path, self->import_cancellable,
                        on_import_progress, self,
                        on_import_done, job);
}

static void
start_next_import (WmWindow *self)
{
  g_autoptr(GFile) file = NULL;

  if (self->import_cancellable != NULL)
    return;

  file = g_queue_pop_head (&self->pending_imports);
  if (file != NULL)
    start_import (self, file);
}

/* The file chooser */

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     WmWindow        *self)
{
  g_autoptr(GListModel) files = NULL;

  WM_ASSERT_MAIN_THREAD ();

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

  for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      wm_window_import_file (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->file_chooser);
}

static void
add_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) ctf = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (ctf, _("Common Transfer Files"));
  gtk_file_filter_add_pattern (ctf, "*.xml");
  gtk_file_filter_add_pattern (ctf, "*.XML");
  gtk_file_filter_add_mime_type (ctf, "application/xml");
  gtk_file_filter_add_mime_type (ctf, "text/xml");

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  gtk_file_chooser_add_filter (chooser, ctf);
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_set_filter (chooser, ctf);
}

void
_wm_window_choose_import_file (WmWindow *self)
{
  GtkFileChooserNative *chooser;

  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_show (self->file_chooser);
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Import a Common Transfer File"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  add_filters (GTK_FILE_CHOOSER (chooser));

  g_signal_connect_object (chooser, "response",
                           G_CALLBACK (on_chooser_response), self, 0);
  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->file_chooser);
}

void
_wm_window_cancel_import (WmWindow *self)
{
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

/* Called from dispose: stops the running import and drops the queue. */
void
_wm_window_clear_imports (WmWindow *self)
{
  _wm_window_cancel_import (self);
  g_clear_object (&self->import_cancellable);
  g_queue_clear_full (&self->pending_imports, g_object_unref);

  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->file_chooser);
      g_clear_object (&self->file_chooser);
    }
}

/**
 * wm_window_import_file:
 * @file: a Common Transfer File
 *
 * Imports @file into the window's database in a worker thread, after the
 * imports already running or waiting. This is what the file chooser and
 * the application's `open` call.
 */
void
wm_window_import_file (WmWindow *self,
                       GFile    *file)
{
  g_return_if_fail (WM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL)
    {
      g_warning ("No database is open; the import was not started");
      return;
    }

  g_queue_push_tail (&self->pending_imports, g_object_ref (file));
  start_next_import (self);
}
