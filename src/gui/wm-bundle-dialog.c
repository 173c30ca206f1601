/* wm-bundle-dialog.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "wm-application.h"
#include "wm-bundle-audit.h"
#include "wm-bundle-jobs.h"
#include "wm-bundle-dialog-private.h"
#include "wm-error.h"
#include "wm-gui.h"
#include "wm-record.h"
#include "wm-timeline-page.h"

/* The dialog that prepares a pupil's evidence bundle: the period of the
 * attendance certificate, the sections, the details to withhold and who
 * prepared it. "Export PDF…" writes the bundle in a worker; "Print…"
 * builds it in a worker and prints it with GtkPrintOperation. Both are
 * audited, and both show their progress with a Cancel button while the
 * main window stays usable behind the dialog. */

typedef struct
{
  guint       flag;
  const char *title;
  const char *subtitle;
} SwitchEntry;

/* The sections in bundle order. Healthcare plans are special category
 * data and safeguarding records are restricted, so both are off unless
 * the officer turns them on for this bundle. */
static const SwitchEntry section_entries[] = {
  { WM_BUNDLE_COVER, N_("Cover sheet"),
    N_("The case reference, the pupil, the parents and the siblings") },
  { WM_BUNDLE_INDEX, N_("Index"), N_("Each section with the page it starts on") },
  { WM_BUNDLE_CHRONOLOGY, N_("Chronology"), N_("Every record and level change in date order") },
  { WM_BUNDLE_CERTIFICATE, N_("Attendance certificate"),
    N_("Sessions attended and missed in the period") },
  { WM_BUNDLE_CHART, N_("Attendance chart"),
    N_("Weekly and four-week attendance over the school year, with the records marked") },
  { WM_BUNDLE_SUPPORT, N_("Support offered"),
    N_("Home visits, meetings, plans and referrals") },
  { WM_BUNDLE_EXHIBITS, N_("Exhibits"),
    N_("Each visit, meeting, plan, letter, notice and note in full") },
  { WM_BUNDLE_LEGAL, N_("Legal steps"),
    N_("Warning letters, notices, contracts, penalty notices and prosecutions") },
  { WM_BUNDLE_STATEMENT, N_("Witness statement outline"),
    N_("A draft for the officer to check, complete and sign") },
  { WM_BUNDLE_HEALTH, N_("Healthcare plans"),
    N_("Special category data: include them only when the court needs them") },
  { WM_BUNDLE_RESTRICTED, N_("Safeguarding records"),
    N_("Restricted records: include them only when the court needs them") },
};

static const SwitchEntry redaction_entries[] = {
  { WM_BUNDLE_REDACT_SIBLINGS, N_("Siblings"), N_("The pupil’s brothers and sisters") },
  { WM_BUNDLE_REDACT_ADDRESSES, N_("Addresses"), N_("The pupil’s and the parents’ addresses") },
  { WM_BUNDLE_REDACT_HEALTH, N_("Health details"),
    N_("Healthcare plans and the reasons given for absences") },
};

#define N_SECTION_ENTRIES G_N_ELEMENTS (section_entries)
#define N_REDACTION_ENTRIES G_N_ELEMENTS (redaction_entries)

G_STATIC_ASSERT (N_SECTION_ENTRIES == WM_BUNDLE_DIALOG_N_SECTIONS);
G_STATIC_ASSERT (N_REDACTION_ENTRIES == WM_BUNDLE_DIALOG_N_REDACTIONS);

/* How often the progress bar is brought up to date from the worker. */
#define PROGRESS_INTERVAL_MS 100



G_DEFINE_FINAL_TYPE (WmBundleDialog, wm_bundle_dialog, ADW_TYPE_WINDOW)

/* The form */

static GtkSwitch *
add_switch_row (AdwPreferencesGroup *group,
                const SwitchEntry   *entry,
                gboolean             active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(entry->title));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(entry->subtitle));
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (group, row);
  return GTK_SWITCH (toggle);
}

static void
build_switch_rows (WmBundleDialog *self)
{
  for (guint i = 0; i < N_SECTION_ENTRIES; i++)
    self->section_switches[i] =
      add_switch_row (self->sections_group, &section_entries[i],
                      (WM_BUNDLE_DEFAULT & section_entries[i].flag) != 0);

  for (guint i = 0; i < N_REDACTION_ENTRIES; i++)
    self->redaction_switches[i] = add_switch_row (self->redactions_group,
                                                  &redaction_entries[i], FALSE);
}

static char *
format_date (WmDay day)
{
  if (day == WM_DAY_NONE)
    return g_strdup ("");

  return g_strdup_printf ("%02u/%02u/%04u", wm_day_of_month (day), wm_day_month (day),
                          wm_day_year (day));
}

static void
set_row_date (AdwEntryRow *row,
              WmDay        day)
{
  g_autofree char *text = format_date (day);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* An empty date stands for the core's default, so an officer who clears
 * the first day gets the penalty threshold's school weeks again. */
static gboolean
read_row_date (AdwEntryRow  *row,
               const char   *field,
               WmDay        *out_day,
               GError      **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  *out_day = WM_DAY_NONE;
  if (*text == '\0' || wm_record_parse_date (text, out_day))
    return TRUE;

  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
               /* Translators: the first %s is the field, "From" or "To";
                * the second the text typed, "31/02/2026". */
               _("%s: “%s” is not a date; write it as DD/MM/YYYY, for example 02/03/2026"),
               field, text);
  return FALSE;
}

static gboolean
read_period (WmBundleDialog   *self,
             WmBundleOptions  *options,
             GError          **error)
{
  WmDay last;

  if (!read_row_date (self->from_row, C_("bundle period", "From"), &options->from, error)
      || !read_row_date (self->to_row, C_("bundle period", "To"), &options->to, error))
    return FALSE;

  last = options->to != WM_DAY_NONE ? MIN (options->to, options->as_of) : options->as_of;
  if (options->from != WM_DAY_NONE && options->from > last)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->from_row), "error");
      g_set_error_literal (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                           _("From: the period starts after its last day or after today; "
                             "choose a first day on or before both"));
      return FALSE;
    }

  return TRUE;
}

static WmBundleSections
read_sections (WmBundleDialog *self)
{
  WmBundleSections sections = 0;

  for (guint i = 0; i < N_SECTION_ENTRIES; i++)
    if (gtk_switch_get_active (self->section_switches[i]))
      sections |= section_entries[i].flag;

  return sections;
}

static WmBundleRedactions
read_redactions (WmBundleDialog *self)
{
  WmBundleRedactions redactions = WM_BUNDLE_REDACT_NONE;

  for (guint i = 0; i < N_REDACTION_ENTRIES; i++)
    if (gtk_switch_get_active (self->redaction_switches[i]))
      redactions |= redaction_entries[i].flag;

  return redactions;
}

static void
on_date_changed (WmBundleDialog *self,
                 GtkEditable    *row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* Messages */

void
_wm_bundle_dialog_show_toast (WmBundleDialog *self,
                   const char     *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* Failures the officer must act on are shown in a message dialog over
 * this one, or over the main window once this one has closed. */
void
_wm_bundle_dialog_show_failure (WmBundleDialog *self,
              const char     *heading,
              const char     *body)
{
  GtkWindow *parent = self->disposed ? gtk_window_get_transient_for (GTK_WINDOW (self))
                                     : GTK_WINDOW (self);
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_wm_bundle_dialog_show_window_toast (WmBundleDialog *self,
                   AdwToast       *toast)
{
  g_autoptr(AdwToast) owned = toast;

  if (self->window_toasts != NULL)
    adw_toast_overlay_add_toast (self->window_toasts, g_steal_pointer (&owned));
}

/* Opening an exported file */

#if GTK_CHECK_VERSION (4, 10, 0)
static void
on_file_launched (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_file_launcher_launch_finish (GTK_FILE_LAUNCHER (source), result, &error))
    g_warning ("Could not open the exported bundle: %s", error->message);
  G_GNUC_END_IGNORE_DEPRECATIONS
}
#else
static void
on_file_launched (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    g_warning ("Could not open the exported bundle: %s", error->message);
}
#endif

/* GtkFileLauncher is only in GTK 4.10 and later. The build pins the API
 * to GTK 4.8, which marks newer symbols as unavailable, so the newer path
 * silences that warning where it is compiled at all.
 * NOTE: only the GTK 4.8 path has been built and run; the GtkFileLauncher
 * path has not been compiled against GTK 4.10 or later yet. */
static void
launch_file (GtkWidget *widget,
             GFile     *file)
{
  GtkRoot *root = gtk_widget_get_root (widget);

#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);

  gtk_file_launcher_launch (launcher, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                            on_file_launched, NULL);
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  g_autoptr(GAppLaunchContext) context = NULL;
  g_autofree char *uri = g_file_get_uri (file);

  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (
    gtk_widget_get_display (GTK_WIDGET (root))));
  g_app_info_launch_default_for_uri_async (uri, context, NULL, on_file_launched, NULL);
#endif
}

static void
on_open_clicked (AdwToast        *toast,
                 AdwToastOverlay *overlay)
{
  GFile *file = g_object_get_data (G_OBJECT (toast), "file");

  WM_ASSERT_MAIN_THREAD ();

  launch_file (GTK_WIDGET (overlay), file);
}

static void
show_exported (WmBundleDialog *self,
               GFile          *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = NULL;
  AdwToast *toast;

  /* Translators: the toast after an export, "Exported WM-4001-000012.pdf". */
  text = g_strdup_printf (_("Exported %s"), name);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Open"));
  g_object_set_data_full (G_OBJECT (toast), "file", g_object_ref (file), g_object_unref);
  if (self->window_toasts != NULL)
    g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_open_clicked),
                             self->window_toasts, 0);

  _wm_bundle_dialog_show_window_toast (self, toast);
}

/* Progress */

static gboolean
update_progress (gpointer user_data)
{
  WmBundleDialog *self = user_data;
  gint permille = g_atomic_int_get (&self->progress_permille);

  if (permille == WM_BUNDLE_DIALOG_PULSE)
    gtk_progress_bar_pulse (self->progress_bar);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, permille / 1000.0);

  return G_SOURCE_CONTINUE;
}

void
_wm_bundle_dialog_set_busy (WmBundleDialog *self,
          const char     *text,
          gint            permille)
{
  self->busy = TRUE;
  g_atomic_int_set (&self->progress_permille, permille);
  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_widget_set_sensitive (self->cancel_button, TRUE);

  /* The focus leaves the form before it turns insensitive. GTK 4.8 does
   * not move it, and a date row that keeps it warns from its cursor
   * blink. Cancel is what a keyboard user may want next. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_set_sensitive (self->form, FALSE);
  gtk_widget_set_sensitive (self->button_box, FALSE);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_widget_grab_focus (self->cancel_button);

  if (self->progress_source == 0)
    self->progress_source = g_timeout_add (PROGRESS_INTERVAL_MS, update_progress, self);
}

void
_wm_bundle_dialog_set_idle (WmBundleDialog *self)
{
  self->busy = FALSE;
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);

  if (self->disposed)
    return;

  gtk_widget_set_sensitive (self->form, TRUE);
  gtk_widget_set_sensitive (self->button_box, TRUE);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
}

/* Exporting */

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  WmBundleDialog *self = WM_BUNDLE_DIALOG (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;

  WM_ASSERT_MAIN_THREAD ();

  _wm_bundle_dialog_set_idle (self);
  if (wm_bundle_jobs_export_finish (result, &error))
    {
      show_exported (self, file);
      if (!self->disposed)
        gtk_window_destroy (GTK_WINDOW (self));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (!self->disposed)
        _wm_bundle_dialog_show_toast (self, _("Export cancelled; no file was written"));
    }
  else
    {
      _wm_bundle_dialog_show_failure (self, _("Export Failed"), error->message);
    }
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     WmBundleDialog  *self)
{
  g_autoptr(GFile) file = NULL;

  WM_ASSERT_MAIN_THREAD ();

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->file_chooser);

  if (file != NULL)
    wm_bundle_dialog_export (self, file);
}

static void
add_pdf_filter (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();

  gtk_file_filter_set_name (pdf, _("PDF Documents"));
  gtk_file_filter_add_mime_type (pdf, "application/pdf");
  gtk_file_filter_add_suffix (pdf, "pdf");
  gtk_file_chooser_add_filter (chooser, pdf);
}

/* The folder set in the preferences, or the Documents folder when none
 * is set. */
static GFile *
find_export_folder (WmBundleDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GtkApplication *application = parent != NULL ? gtk_window_get_application (parent) : NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *folder = NULL;
  GSettings *settings;

  if (!WM_IS_APPLICATION (application))
    return NULL;

  settings = wm_application_get_settings (WM_APPLICATION (application));
  g_object_get (settings, "settings-schema", &schema, NULL);
  if (g_settings_schema_has_key (schema, "export-folder"))
    folder = g_settings_get_string (settings, "export-folder");

  if (folder == NULL || *folder == '\0')
    {
      g_free (folder);
      folder = g_strdup (g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS));
    }

  return folder != NULL ? g_file_new_for_path (folder) : NULL;
}

static void
on_print_clicked (WmBundleDialog *self,
                  GtkButton      *button)
{
  wm_bundle_dialog_print (self, NULL);
}

/* Overrides */

static gboolean
wm_bundle_dialog_close_request (GtkWindow *window)
{
  WmBundleDialog *self = WM_BUNDLE_DIALOG (window);

  /* Closing stops an export or a build that is running. Once the print
   * has been handed over, the dialog stays until it has been recorded in
   * the audit log. */
  if (self->render != NULL && self->cancellable == NULL)
    {
      _wm_bundle_dialog_show_toast (self, _("Wait until the print has been recorded"));
      return TRUE;
    }

  wm_bundle_dialog_cancel (self);
  return GTK_WINDOW_CLASS (wm_bundle_dialog_parent_class)->close_request (window);
}

static void
wm_bundle_dialog_dispose (GObject *object)
{
  WmBundleDialog *self = WM_BUNDLE_DIALOG (object);

  self->disposed = TRUE;
  wm_bundle_dialog_cancel (self);
  g_clear_handle_id (&self->progress_source, g_source_remove);

  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->file_chooser);
      g_clear_object (&self->file_chooser);
    }

  g_clear_weak_pointer (&self->window_toasts);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_BUNDLE_DIALOG);

  G_OBJECT_CLASS (wm_bundle_dialog_parent_class)->dispose (object);
}

static void
wm_bundle_dialog_finalize (GObject *object)
{
  WmBundleDialog *self = WM_BUNDLE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->print_operation);
  g_clear_object (&self->render);
  g_free (self->print_prepared_by);
  g_free (self->database_path);
  g_free (self->reference);
  g_free (self->prepared_by);

  G_OBJECT_CLASS (wm_bundle_dialog_parent_class)->finalize (object);
}

static void
wm_bundle_dialog_class_init (WmBundleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = wm_bundle_dialog_dispose;
  object_class->finalize = wm_bundle_dialog_finalize;
  window_class->close_request = wm_bundle_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/waymark/Waymark/wm-bundle-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WmBundleDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WmBundleDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, WmBundleDialog, form);
  gtk_widget_class_bind_template_child (widget_class, WmBundleDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, WmBundleDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, WmBundleDialog, sections_group);
  gtk_widget_class_bind_template_child (widget_class, WmBundleDialog, redactions_group);
  gtk_widget_class_bind_template_child (widget_class, WmBundleDialog, prepared_by_row);
  gtk_widget_class_bind_template_child (widget_class, WmBundleDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, WmBundleDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, WmBundleDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, WmBundleDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, WmBundleDialog, button_box);
  gtk_widget_class_bind_template_child (widget_class, WmBundleDialog, print_button);
  gtk_widget_class_bind_template_child (widget_class, WmBundleDialog, export_button);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_print_clicked);
  gtk_widget_class_bind_template_callback (widget_class, wm_bundle_dialog_choose_file);
  gtk_widget_class_bind_template_callback (widget_class, wm_bundle_dialog_cancel);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wm_bundle_dialog_init (WmBundleDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_switch_rows (self);
}

/* Public API */

static void
show_no_case (GtkWindow    *parent,
              const GError *error)
{
  const char *body = error->message;
  GtkWidget *dialog;

  if (g_error_matches (error, WM_ERROR, WM_ERROR_NOT_FOUND))
    body = _("An evidence bundle is made from a case record, and this pupil has no case. "
             "Open a case first.");

  dialog = adw_message_dialog_new (parent, _("No Case to Bundle"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The defaults: today as the as-of date, the penalty threshold's school
 * weeks up to today, the default sections, nothing withheld, and the
 * officer named in the preferences. */
static void
fill_defaults (WmBundleDialog *self,
               WmStore        *store,
               GtkWidget      *anchor)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *officer = wm_officer_name_for (anchor);
  WmDay from = WM_DAY_NONE;

  if (!wm_bundle_default_period (store, self->pupil_id, self->as_of, &from, &error))
    g_warning ("Could not find the default period of pupil %" G_GINT64_FORMAT "'s bundle: %s",
               self->pupil_id, error->message);

  set_row_date (self->from_row, from);
  set_row_date (self->to_row, self->as_of);
  gtk_editable_set_text (GTK_EDITABLE (self->prepared_by_row), officer != NULL ? officer : "");
}

/**
 * wm_bundle_dialog_present:
 * @anchor: a widget in the main window, such as the case tab; the dialog
 *   is transient for its window and shows its toasts there
 * @store: the window's store, read on the main thread for the defaults
 * @pupil: the pupil
 * @for_print: whether "Print…" is the default button, as after Ctrl+P
 *
 * Shows the evidence bundle dialog for the pupil's case. When the pupil
 * has no case, a message dialog explains why instead.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL when the
 *   pupil has no case
 */
WmBundleDialog *
wm_bundle_dialog_present (GtkWidget     *anchor,
                          WmStore       *store,
                          WmPupilObject *pupil,
                          gboolean       for_print)
{
  const WmPupilSummary *summary;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = NULL;
  WmBundleDialog *self;
  GtkRoot *root;
  gint64 case_id;

  g_return_val_if_fail (GTK_IS_WIDGET (anchor), NULL);
  g_return_val_if_fail (WM_IS_STORE (store), NULL);
  g_return_val_if_fail (WM_IS_PUPIL_OBJECT (pupil), NULL);

  root = gtk_widget_get_root (anchor);
  if (GTK_IS_WINDOW (root))
    parent = GTK_WINDOW (root);

  summary = wm_pupil_object_get_summary (pupil);
  case_id = wm_bundle_find_case (store, summary->id, &error);
  if (case_id == 0)
    {
      show_no_case (parent, error);
      return NULL;
    }

  self = g_object_new (WM_TYPE_BUNDLE_DIALOG, "transient-for", parent, NULL);
  self->database_path = g_strdup (wm_store_get_path (store));
  self->pupil_id = summary->id;
  self->as_of = wm_day_today ();
  self->reference = wm_bundle_case_reference (summary->school_estab, case_id);
  g_set_weak_pointer (&self->window_toasts,
                      ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (anchor,
                                                                  ADW_TYPE_TOAST_OVERLAY)));

  adw_window_title_set_subtitle (self->window_title, wm_pupil_object_get_name (pupil));
  fill_defaults (self, store, anchor);
  gtk_window_set_default_widget (GTK_WINDOW (self),
                                 for_print ? self->print_button : self->export_button);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * wm_bundle_dialog_get_options:
 * @out_options: (out caller-allocates): the options; its prepared_by
 *   points into the dialog and stays valid until the next call
 * @error: return location for a #GError
 *
 * Reads the form. An empty date stands for the default (%WM_DAY_NONE).
 *
 * Returns: %TRUE on success; %FALSE with @error set to
 *   %WM_ERROR_INVALID_INPUT, and the wrong row marked, when a date is
 *   not a date or the period starts after its last day or after today
 */
gboolean
wm_bundle_dialog_get_options (WmBundleDialog   *self,
                              WmBundleOptions  *out_options,
                              GError          **error)
{
  g_autofree char *prepared_by = NULL;

  g_return_val_if_fail (WM_IS_BUNDLE_DIALOG (self), FALSE);
  g_return_val_if_fail (out_options != NULL, FALSE);

  wm_bundle_options_init (out_options, self->as_of);
  if (!read_period (self, out_options, error))
    return FALSE;

  out_options->sections = read_sections (self);
  out_options->redactions = read_redactions (self);

  /* An empty name leaves the core to name the case's lead officer. */
  prepared_by = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->prepared_by_row))));
  g_free (self->prepared_by);
  self->prepared_by = *prepared_by != '\0' ? g_steal_pointer (&prepared_by) : NULL;
  out_options->prepared_by = self->prepared_by;
  return TRUE;
}

/**
 * wm_bundle_dialog_set_period:
 * @from: the first day, or %WM_DAY_NONE for the default
 * @to: the last day, or %WM_DAY_NONE for today
 *
 * Fills the period's rows as if the officer had typed the dates.
 */
void
wm_bundle_dialog_set_period (WmBundleDialog *self,
                             WmDay           from,
                             WmDay           to)
{
  g_return_if_fail (WM_IS_BUNDLE_DIALOG (self));

  set_row_date (self->from_row, from);
  set_row_date (self->to_row, to);
}

/**
 * wm_bundle_dialog_set_section:
 * @section: one section
 * @included: whether the bundle includes it
 *
 * Turns the section's switch on or off.
 */
void
wm_bundle_dialog_set_section (WmBundleDialog   *self,
                              WmBundleSections  section,
                              gboolean          included)
{
  g_return_if_fail (WM_IS_BUNDLE_DIALOG (self));

  for (guint i = 0; i < N_SECTION_ENTRIES; i++)
    if (section_entries[i].flag == section)
      gtk_switch_set_active (self->section_switches[i], included);
}

/**
 * wm_bundle_dialog_choose_file:
 *
 * Asks for the PDF file to write, then exports the bundle to it with
 * wm_bundle_dialog_export(). This is what "Export PDF…" does.
 */
void
wm_bundle_dialog_choose_file (WmBundleDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (WM_IS_BUNDLE_DIALOG (self));

  if (self->file_chooser != NULL || self->busy)
    return;

  chooser = gtk_file_chooser_native_new (_("Export the Evidence Bundle"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_pdf_filter (GTK_FILE_CHOOSER (chooser));

  /* The case reference, not the pupil's name, because file names are
   * shown in places the bundle's contents are not. */
  name = g_strdup_printf ("%s.pdf", self->reference);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  folder = find_export_folder (self);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);

  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response), self, 0);
  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->file_chooser);
}

/**
 * wm_bundle_dialog_export:
 * @file: the PDF file to write, on this computer
 *
 * Checks the form, then exports the bundle in a worker with its own
 * store, showing the progress with a Cancel button. On success the
 * dialog closes and the main window shows a toast with "Open". A failure
 * is shown in a message dialog, and a cancel in a toast.
 */
void
wm_bundle_dialog_export (WmBundleDialog *self,
                         GFile          *file)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  WmBundleOptions options;

  g_return_if_fail (WM_IS_BUNDLE_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->busy)
    return;

  if (!wm_bundle_dialog_get_options (self, &options, &error))
    {
      _wm_bundle_dialog_show_toast (self, error->message);
      return;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      _wm_bundle_dialog_show_failure (self, _("Export Failed"),
                    _("The chosen place is not a folder on this computer. Choose a local "
                      "folder, then copy the file."));
      return;
    }

  _wm_bundle_dialog_set_busy (self, _("Exporting the evidence bundle…"), 0);
  self->cancellable = g_cancellable_new ();
  wm_bundle_jobs_export_async (self, self->database_path, self->pupil_id, &options, path,
                               self->cancellable, &self->progress_permille, on_exported,
                               g_object_ref (file));
}

/**
 * wm_bundle_dialog_cancel:
 *
 * Stops the export, the build or the print that is running. A print that
 * the printing system has already taken is not stopped.
 */
void
wm_bundle_dialog_cancel (WmBundleDialog *self)
{
  g_return_if_fail (WM_IS_BUNDLE_DIALOG (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  if (self->print_operation != NULL)
    gtk_print_operation_cancel (self->print_operation);
}

/**
 * wm_bundle_dialog_is_busy:
 *
 * Returns: whether an export or a print is running, including the audit
 *   entry written after a print
 */
gboolean
wm_bundle_dialog_is_busy (WmBundleDialog *self)
{
  g_return_val_if_fail (WM_IS_BUNDLE_DIALOG (self), FALSE);

  return self->busy;
}
