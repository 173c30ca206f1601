/* wm-preferences-window.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "wm-application.h"
#include "wm-backup-scheduler.h"
#include "wm-backup.h"
#include "wm-gui.h"
#include "wm-preferences-window-private.h"
#include "wm-window-private.h"

/*
 * The preferences: the officer's details and the backups are per-user
 * settings (GSettings, bound to the rows), the rules are values in the
 * database (see wm-preferences-rules.c).
 */

G_DEFINE_FINAL_TYPE (WmPreferencesWindow, wm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Settings */

static gboolean
folder_to_subtitle (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *folder = g_variant_get_string (variant, NULL);
  const char *fallback = user_data;

  g_value_set_string (value, *folder != '\0' ? folder : fallback);
  return TRUE;
}

static gboolean
schedule_to_selected (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  g_value_set_uint (value, g_strcmp0 (g_variant_get_string (variant, NULL), "daily") == 0);
  return TRUE;
}

static GVariant *
selected_to_schedule (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "daily" : "off");
}

static void
bind_settings (WmPreferencesWindow *self)
{
  g_autofree char *documents = g_strdup (g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS));
  g_autofree char *backups = wm_backup_dup_folder (NULL, self->database_path);

  g_settings_bind (self->settings, "officer-name", self->officer_name_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "officer-role", self->officer_role_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "officer-phone", self->officer_phone_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "backup-keep", gtk_spin_button_get_adjustment (self->keep_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "backup-schedule", self->schedule_row,
                                "selected", G_SETTINGS_BIND_DEFAULT, schedule_to_selected,
                                selected_to_schedule, NULL, NULL);

  /* An empty folder setting means the default folder, which the row
   * names instead of showing nothing. */
  g_settings_bind_with_mapping (self->settings, "export-folder", self->export_folder_row,
                                "subtitle", G_SETTINGS_BIND_GET, folder_to_subtitle, NULL,
                                g_strdup (documents ? documents : g_get_home_dir ()), g_free);
  g_settings_bind_with_mapping (self->settings, "backup-folder", self->backup_folder_row,
                                "subtitle", G_SETTINGS_BIND_GET, folder_to_subtitle, NULL,
                                g_steal_pointer (&backups), g_free);
}

/* Choosing folders */

static void
on_folder_chosen (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  WmPreferencesWindow *self = user_data;
  const char *key = g_object_get_data (G_OBJECT (chooser), "settings-key");
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (folder != NULL)
    path = g_file_get_path (folder);
  if (path != NULL && self->settings != NULL)
    g_settings_set_string (self->settings, key, path);

  g_clear_object (&self->chooser);
}

static void
choose_folder (WmPreferencesWindow *self,
               const char          *title,
               const char          *key)
{
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL || self->settings == NULL)
    return;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Select"), _("_Cancel"));
  g_object_set_data (G_OBJECT (chooser), "settings-key", (gpointer) key);
  g_signal_connect (chooser, "response", G_CALLBACK (on_folder_chosen), self);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
on_choose_export_folder (WmPreferencesWindow *self)
{
  choose_folder (self, _("Default Export Folder"), "export-folder");
}

static void
on_choose_backup_folder (WmPreferencesWindow *self)
{
  choose_folder (self, _("Backup Folder"), "backup-folder");
}

/* Backing up now */

static void
set_backup_status (WmPreferencesWindow *self,
                   const char          *status)
{
  g_free (self->backup_status);
  self->backup_status = g_strdup (status);
  adw_action_row_set_subtitle (self->backup_now_row, status);
}

static void
on_backup_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = wm_backup_run_finish (result, &error);
  g_autofree char *status = NULL;
  WmPreferencesWindow *self;

  WM_ASSERT_MAIN_THREAD ();

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  self = user_data;
  self->backing_up = FALSE;
  gtk_widget_set_sensitive (self->backup_now_button, TRUE);

  if (path == NULL)
    {
      g_warning ("Backing up failed: %s", error->message);
      set_backup_status (self, error->message);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("The backup failed")));
      return;
    }

  /* Translators: %s is the path of the new backup file. */
  status = g_strdup_printf (_("Backed up to %s"), path);
  set_backup_status (self, status);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Backed up")));
}

static void
on_backup_now (WmPreferencesWindow *self)
{
  g_autofree char *folder = NULL;
  guint keep = 14;

  if (self->backing_up)
    return;

  folder = wm_backup_dup_folder (self->settings, self->database_path);
  if (self->settings != NULL)
    keep = MAX (1, g_settings_get_uint (self->settings, "backup-keep"));

  self->backing_up = TRUE;
  gtk_widget_set_sensitive (self->backup_now_button, FALSE);
  set_backup_status (self, _("Backing up…"));
  wm_backup_run_async (self->database_path, folder, keep, -1, self->cancellable,
                       on_backup_done, self);
}

/* Restoring */

typedef struct
{
  GtkApplication *application;
  char           *database_path;
  char           *backup_path;
} RestoreJob;

static void
restore_job_free (RestoreJob *job)
{
  g_application_release (G_APPLICATION (job->application));
  g_object_unref (job->application);
  g_free (job->database_path);
  g_free (job->backup_path);
  g_free (job);
}

static void
restore_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  RestoreJob *job = task_data;
  g_autoptr(GError) error = NULL;

  /* NOTE: no passphrase is asked for, so an encrypted backup (.wmbk) made
   * elsewhere cannot be restored from here yet; the chooser lists .db. */
  if (wm_backup_restore (job->backup_path, job->database_path, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
show_restore_failure (GtkWindow  *window,
                      const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (window, _("The Backup Was Not Restored"),
                                              message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The database was closed for the restore, so a new window opens on it
 * whether the restore worked or not. A failed restore leaves the previous
 * database in place. */
static void
on_restore_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RestoreJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  WmWindow *window;

  WM_ASSERT_MAIN_THREAD ();

  window = wm_window_new (job->application, job->database_path);
  gtk_window_present (GTK_WINDOW (window));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_warning ("Restoring a backup failed: %s", error->message);
      show_restore_failure (GTK_WINDOW (window), error->message);
      return;
    }

  _wm_window_show_toast (window, _("Backup restored. The previous database was kept "
                                   "beside it."));
}

/* Every window on the database is closed, which closes its store and
 * stops its evaluator, because a restore replaces the file under them.
 * wm_backup_restore() fails with %WM_ERROR_BUSY while any other connection
 * is still open, so a write still under way elsewhere is not lost. */
static void
close_windows_on (GtkApplication *application,
                  const char     *database_path)
{
  g_autolist(GtkWindow) windows = NULL;

  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (WM_IS_WINDOW (l->data)
        && g_strcmp0 (wm_window_get_database_path (l->data), database_path) == 0)
      windows = g_list_prepend (windows, g_object_ref (l->data));

  for (GList *l = windows; l != NULL; l = l->next)
    {
      gtk_window_destroy (l->data);
      g_object_run_dispose (l->data);
    }
}

/**
 * wm_preferences_window_restore:
 * @backup: the backup to restore
 *
 * Closes every window on the database (and this one), restores @backup
 * over the database in a worker thread, and opens a new window on the
 * result, which shows whether it worked. The application is held
 * meanwhile, so it does not quit with no window open.
 */
void
wm_preferences_window_restore (WmPreferencesWindow *self,
                               GFile               *backup)
{
  GtkApplication *application;
  g_autoptr(GTask) task = NULL;
  RestoreJob *job;

  g_return_if_fail (WM_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (G_IS_FILE (backup));

  application = gtk_window_get_application (GTK_WINDOW (self->window));
  g_return_if_fail (application != NULL);

  job = g_new0 (RestoreJob, 1);
  job->application = g_object_ref (application);
  job->database_path = g_strdup (self->database_path);
  job->backup_path = g_file_get_path (backup);
  g_application_hold (G_APPLICATION (application));

  gtk_window_destroy (GTK_WINDOW (self));
  close_windows_on (application, job->database_path);

  task = g_task_new (NULL, NULL, on_restore_done, NULL);
  g_task_set_source_tag (task, wm_preferences_window_restore);
  g_task_set_task_data (task, job, (GDestroyNotify) restore_job_free);
  g_task_run_in_thread (task, restore_in_thread);
}

static void
on_restore_confirmed (AdwMessageDialog    *dialog,
                      const char          *response,
                      WmPreferencesWindow *self)
{
  GFile *backup = g_object_get_data (G_OBJECT (dialog), "backup");

  if (g_strcmp0 (response, "restore") == 0)
    wm_preferences_window_restore (self, backup);
}

/* Restoring replaces everything recorded since the backup, so it is
 * confirmed first. The replaced database is kept, but an officer would
 * not know to look for it. */
static void
confirm_restore (WmPreferencesWindow *self,
                 GFile               *backup)
{
  g_autofree char *name = g_file_get_basename (backup);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore This Backup?"), NULL);
  /* Translators: %s is the backup's file name. */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The open database is closed and replaced by %s. "
                                    "Anything recorded since that backup is no longer shown; "
                                    "the current database is kept beside it, ending in "
                                    "“.before-restore”."), name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "backup", g_object_ref (backup), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_confirmed), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_backup_chosen (GtkNativeDialog     *chooser,
                  int                  response,
                  WmPreferencesWindow *self)
{
  g_autoptr(GFile) backup = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    backup = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);
  if (backup != NULL)
    confirm_restore (self, backup);
}

static void
on_restore (WmPreferencesWindow *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *folder = wm_backup_dup_folder (self->settings, self->database_path);
  g_autoptr(GFile) start = g_file_new_for_path (folder);
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Restore a Backup"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Waymark backups"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (g_file_query_exists (start, NULL))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), start, NULL);

  g_signal_connect (chooser, "response", G_CALLBACK (on_backup_chosen), self);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

/* Overrides */

static void
wm_preferences_window_dispose (GObject *object)
{
  WmPreferencesWindow *self = WM_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_PREFERENCES_WINDOW);
  _wm_preferences_rules_dispose (self);
  _wm_preferences_calendar_dispose (self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (wm_preferences_window_parent_class)->dispose (object);
}

static void
wm_preferences_window_finalize (GObject *object)
{
  WmPreferencesWindow *self = WM_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->backup_status, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (wm_preferences_window_parent_class)->finalize (object);
}

static void
wm_preferences_window_class_init (WmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_preferences_window_dispose;
  object_class->finalize = wm_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/waymark/Waymark/wm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, officer_name_row);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, officer_role_row);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, officer_phone_row);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, export_folder_row);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, rules_page);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, calendar_page);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, school_row);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, rule_message);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, schedule_row);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, backup_folder_row);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, keep_spin);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, backup_now_row);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, backup_now_button);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, restore_button);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_export_folder);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_backup_folder);
  gtk_widget_class_bind_template_callback (widget_class, on_backup_now);
  gtk_widget_class_bind_template_callback (widget_class, on_restore);
}

static void
wm_preferences_window_init (WmPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * wm_preferences_window_new:
 * @window: the main window, whose database and settings are edited
 *
 * Returns: (transfer none): a new preferences window, transient for
 *   @window
 */
WmPreferencesWindow *
wm_preferences_window_new (WmWindow *window)
{
  WmPreferencesWindow *self;

  g_return_val_if_fail (WM_IS_WINDOW (window), NULL);

  self = g_object_new (WM_TYPE_PREFERENCES_WINDOW, "transient-for", window, NULL);
  self->window = window;
  self->database_path = g_strdup (wm_window_get_database_path (window));
  if (window->settings != NULL)
    self->settings = g_object_ref (window->settings);

  if (self->settings != NULL)
    bind_settings (self);

  _wm_preferences_rules_init (self);
  _wm_preferences_calendar_init (self);
  return self;
}

/**
 * wm_preferences_window_back_up_now:
 *
 * Does what the "Back Up Now" button does: writes an automatic backup to
 * the backup folder in a worker thread and rotates the folder.
 */
void
wm_preferences_window_back_up_now (WmPreferencesWindow *self)
{
  g_return_if_fail (WM_IS_PREFERENCES_WINDOW (self));

  on_backup_now (self);
}

/**
 * wm_preferences_window_get_backup_status:
 *
 * Returns: (nullable): what the last "Back Up Now" did, as the row shows
 *   it
 */
const char *
wm_preferences_window_get_backup_status (WmPreferencesWindow *self)
{
  g_return_val_if_fail (WM_IS_PREFERENCES_WINDOW (self), NULL);

  return self->backup_status;
}

/**
 * wm_preferences_window_is_busy:
 *
 * Returns: whether a rule is being saved or a backup written
 */
gboolean
wm_preferences_window_is_busy (WmPreferencesWindow *self)
{
  g_return_val_if_fail (WM_IS_PREFERENCES_WINDOW (self), FALSE);

  return self->n_saving > 0 || self->backing_up;
}
