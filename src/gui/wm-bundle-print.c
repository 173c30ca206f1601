/* wm-bundle-print.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "wm-bundle-dialog-private.h"
#include "wm-bundle-jobs.h"
#include "wm-gui.h"

/* Printing the evidence bundle from its dialog. A worker builds and lays
 * out the bundle, GtkPrintOperation prints it on the main thread, and a
 * second worker records the print in the audit log. The pages are the
 * render's own A4 pages, margins included, drawn on the whole sheet, so a
 * print breaks lines and pages exactly as the exported PDF does. On other
 * paper the page is scaled down to fit and keeps its proportions. */

/* The printer and options chosen last, offered again by the next print
 * dialog while the program runs. */
static GtkPrintSettings *last_settings;

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              WmRender          *render)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);

  WM_ASSERT_MAIN_THREAD ();

  if (page_nr < 0 || (guint) page_nr >= wm_render_get_n_pages (render))
    return;

  wm_render_draw_page (render, cr, page_nr, width, height);
}

static GtkPageSetup *
a4_page_setup (void)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  return setup;
}

/* Sets up a print of @render: its pages, A4 paper by default, and the
 * whole sheet as the drawing area. The job name is the document's title,
 * which contains the case reference and never a pupil's name, because
 * print queues are often visible to everyone on a network. The caller
 * sets the action, runs the operation and handles its done signal. The
 * render is used on the main thread from now on. */
static GtkPrintOperation *
new_print_operation (WmRender *render)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = a4_page_setup ();
  WmDocument *document;

  document = wm_render_get_document (render);
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, wm_document_get_title (document));
  gtk_print_operation_set_n_pages (operation, wm_render_get_n_pages (render));
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  if (last_settings != NULL)
    gtk_print_operation_set_print_settings (operation, last_settings);

  g_object_set_data_full (G_OBJECT (operation), "render", g_object_ref (render),
                          g_object_unref);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), render);
  return operation;
}

/* Keeps the printer and options of an operation that printed for the
 * next print. */
static void
remember_settings (GtkPrintOperation *operation)
{
  GtkPrintSettings *settings;

  /* A copy, because the next operation changes the settings it is given. */
  settings = gtk_print_operation_get_print_settings (operation);
  if (settings != NULL)
    {
      g_clear_object (&last_settings);
      last_settings = gtk_print_settings_copy (settings);
    }
}

/* The print */

static void
finish_print (WmBundleDialog *self)
{
  g_clear_object (&self->print_operation);
  g_clear_object (&self->render);
  g_clear_pointer (&self->print_prepared_by, g_free);
  _wm_bundle_dialog_set_idle (self);
}

static void
on_print_audited (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  WmBundleDialog *self = WM_BUNDLE_DIALOG (source);
  g_autoptr(GError) error = NULL;

  WM_ASSERT_MAIN_THREAD ();

  finish_print (self);
  if (!wm_bundle_jobs_audit_print_finish (result, &error))
    {
      g_autofree char *body = g_strdup_printf (_("The bundle was printed, but the print could "
                                                 "not be recorded in the audit log: %s. Record "
                                                 "the disclosure by hand."), error->message);

      _wm_bundle_dialog_show_failure (self, _("Print Not Recorded"), body);
      return;
    }

  _wm_bundle_dialog_show_window_toast (self, adw_toast_new (_("Printed the evidence bundle")));
  if (!self->disposed)
    gtk_window_destroy (GTK_WINDOW (self));
}

/* A print handed to the printing system is a disclosure, so it is
 * audited. A cancelled print or a preview alone is not. */
static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               WmBundleDialog          *self)
{
  g_autoptr(GError) error = NULL;

  WM_ASSERT_MAIN_THREAD ();

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      if (!self->print_to_file)
        remember_settings (operation);

      /* NOTE: the entry gives the bundle's page count even when the
       * officer chose a range of pages in the print dialog. */
      if (!self->disposed)
        {
          gtk_label_set_text (self->progress_label, _("Recording the print…"));
          gtk_widget_set_sensitive (self->cancel_button, FALSE);
        }
      wm_bundle_jobs_audit_print_async (self, self->database_path, self->pupil_id,
                                        &self->print_options,
                                        wm_render_get_n_pages (self->render),
                                        on_print_audited, NULL);
      return;
    }

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      _wm_bundle_dialog_show_failure (self, _("Print Failed"),
                    error != NULL ? error->message : _("The printing system reported an error."));
    }

  finish_print (self);
}

static void
run_print (WmBundleDialog *self,
           GFile          *export_file)
{
  GtkPrintOperationAction action = GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG;
  g_autoptr(GtkPrintOperation) operation = new_print_operation (self->render);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  self->print_to_file = export_file != NULL;
  if (self->print_to_file)
    {
      g_autofree char *path = g_file_get_path (export_file);

      gtk_print_operation_set_export_filename (operation, path);
      action = GTK_PRINT_OPERATION_ACTION_EXPORT;
    }

  /* The local reference keeps the operation alive while it runs, since
   * the done handler may drop the dialog's reference inside the run. */
  self->print_operation = g_object_ref (operation);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);

  /* The bar stops pulsing here. GtkPrintOperation draws the pages in idle
   * callbacks on the main thread, and the redraws of a pulsing bar come
   * first, so on a slow display they could hold the print back. */
  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_label_set_text (self->progress_label, _("Printing…"));

  result = gtk_print_operation_run (operation, action, GTK_WINDOW (self), &error);

  /* An error before the print starts is returned here, not always
   * through the done signal. */
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && self->print_operation != NULL
      && error != NULL)
    {
      g_signal_handlers_disconnect_by_data (operation, self);
      _wm_bundle_dialog_show_failure (self, _("Print Failed"), error->message);
      finish_print (self);
    }
}

static void
on_print_built (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  WmBundleDialog *self = WM_BUNDLE_DIALOG (source);
  g_autoptr(GFile) export_file = user_data;
  g_autoptr(GError) error = NULL;

  WM_ASSERT_MAIN_THREAD ();

  self->render = wm_bundle_jobs_render_finish (result, &error);
  g_clear_object (&self->cancellable);

  if (self->render != NULL && !self->disposed)
    {
      run_print (self, export_file);
      return;
    }

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _wm_bundle_dialog_show_failure (self, _("Print Failed"), error->message);

  finish_print (self);
}

/* Public API */

/**
 * wm_bundle_dialog_print:
 * @export_file: (nullable): %NULL to show the print dialog; a PDF file
 *   to print to without a dialog otherwise
 *
 * Checks the form, builds the bundle in a worker with its own store, then
 * prints it with GtkPrintOperation, whose dialog offers a preview. Once
 * the print has been handed over, it is recorded in the audit log; the
 * dialog then closes and the main window shows a toast. This is what
 * "Print…" does, with %NULL.
 */
void
wm_bundle_dialog_print (WmBundleDialog *self,
                        GFile          *export_file)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (WM_IS_BUNDLE_DIALOG (self));
  g_return_if_fail (export_file == NULL || G_IS_FILE (export_file));

  if (self->busy)
    return;

  if (!wm_bundle_dialog_get_options (self, &self->print_options, &error))
    {
      _wm_bundle_dialog_show_toast (self, error->message);
      return;
    }

  /* The audit after the print needs the same options, so the dialog
   * keeps its own copy of the name they point to. */
  self->print_prepared_by = g_strdup (self->print_options.prepared_by);
  self->print_options.prepared_by = self->print_prepared_by;

  _wm_bundle_dialog_set_busy (self, _("Preparing the evidence bundle…"), WM_BUNDLE_DIALOG_PULSE);
  self->cancellable = g_cancellable_new ();
  wm_bundle_jobs_render_async (self, self->database_path, self->pupil_id, &self->print_options,
                               self->cancellable, on_print_built,
                               export_file != NULL ? g_object_ref (export_file) : NULL);
}
