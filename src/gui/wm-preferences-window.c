/* wm-preferences-window.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "wm-application.h"
#include "wm-backup-dialog.h"
#include "wm-backup-scheduler.h"
#include "wm-backup.h"
#include "wm-database-recovery.h"
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

/* The main window's "Back Up Now…" (wm-backup-dialog.c), with its save
 * chooser and optional passphrase, is the one way to back up by hand. This
 * window closes first, as for a restore, because the dialogs belong to
 * the main window. */
static void
on_backup_now (WmPreferencesWindow *self)
{
  WmWindow *window = self->window;

  gtk_window_destroy (GTK_WINDOW (self));
  _wm_backup_dialog_choose_file (window);
}

/* Restoring */

/*
 * There is one way to restore, the main window's (wm-database-recovery.c),
 * also behind its primary menu and error page: it asks the passphrase of
 * an encrypted backup, verifies the backup in a worker before anything is
 * closed, names both files before replacing, and keeps the replaced file.
 * This window closes first, because the dialogs belong to the main window
 * and the restore closes the database this window edits.
 */

/**
 * wm_preferences_window_restore:
 * @backup: the backup to restore, plain or encrypted
 *
 * Closes this window and restores @backup over the main window's
 * database as _wm_database_recovery_restore_file() does.
 */
void
wm_preferences_window_restore (WmPreferencesWindow *self,
                               GFile               *backup)
{
  WmWindow *window;

  g_return_if_fail (WM_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (G_IS_FILE (backup));

  /* Destroying this window may finalize it, so the borrowed main window
   * is read first. */
  window = self->window;
  gtk_window_destroy (GTK_WINDOW (self));
  _wm_database_recovery_restore_file (window, backup);
}

static void
on_restore (WmPreferencesWindow *self)
{
  WmWindow *window = self->window;

  gtk_window_destroy (GTK_WINDOW (self));
  _wm_database_recovery_choose_backup (window);
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
  _wm_preferences_schools_dispose (self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (wm_preferences_window_parent_class)->dispose (object);
}

static void
wm_preferences_window_finalize (GObject *object)
{
  WmPreferencesWindow *self = WM_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->database_path, g_free);
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
  _wm_preferences_schools_init (self);
  return self;
}

/**
 * wm_preferences_window_back_up_now:
 *
 * Does what the "Back Up Now…" button does: closes this window and asks
 * where to write a backup, as the main window's "Back Up Now…" does.
 */
void
wm_preferences_window_back_up_now (WmPreferencesWindow *self)
{
  g_return_if_fail (WM_IS_PREFERENCES_WINDOW (self));

  on_backup_now (self);
}

/**
 * wm_preferences_window_is_busy:
 *
 * Returns: whether a rule is being saved
 */
gboolean
wm_preferences_window_is_busy (WmPreferencesWindow *self)
{
  g_return_val_if_fail (WM_IS_PREFERENCES_WINDOW (self), FALSE);

  return self->n_saving > 0;
}
