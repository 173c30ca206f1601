/* wm-database-recovery.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "wm-application.h"
#include "wm-backup-scheduler.h"
#include "wm-backup.h"
#include "wm-crypt.h"
#include "wm-database-recovery.h"
#include "wm-gui.h"
#include "wm-window-private.h"

/*
 * A database the window cannot open is left exactly as it is: random
 * bytes, a file cut short, another program's SQLite file, or one from a
 * newer Waymark. The error page and the primary menu offer two ways out.
 *
 * Open Another Database: the window closes its database and opens the
 * chosen one, and the application uses it for the rest of the session.
 *
 * Restore a Backup: one step after another, each waiting for the officer
 * or for a worker thread, so the window never blocks:
 *
 *   choose the backup --> passphrase (encrypted backups only)
 *     --> verify it in a worker --> confirm, naming both files
 *     --> close the database --> restore in a worker --> open it again
 *
 * Nothing is closed or replaced before the backup has passed
 * verification, and wm_backup_restore() keeps the file it replaces
 * beside it as NAME.before-restore (numbering any older one kept there),
 * so a broken file is never lost. The Preferences window restores
 * through here too.
 */

/* One restore, shared by its dialogs and workers (reference counted). */
typedef struct
{
  WmWindow *window;
  char     *backup_path;
  char     *database_path;
  char     *passphrase;
} Restore;

static void
restore_clear (gpointer data)
{
  Restore *restore = data;

  g_clear_object (&restore->window);
  g_clear_pointer (&restore->backup_path, g_free);
  g_clear_pointer (&restore->database_path, g_free);
  g_clear_pointer (&restore->passphrase, wm_crypt_free_passphrase);
}

static void
restore_release (gpointer data)
{
  g_rc_box_release_full (data, restore_clear);
}

static void
restore_release_closure (gpointer  data,
                         GClosure *closure)
{
  restore_release (data);
}

static Restore *
restore_new (WmWindow   *window,
             const char *backup_path)
{
  Restore *restore = g_rc_box_new0 (Restore);

  restore->window = g_object_ref (window);
  restore->backup_path = g_strdup (backup_path);
  restore->database_path = g_strdup (window->database_path);
  return restore;
}

/* Closing a window cancels its cancellable, so a result that arrives
 * later leaves its widgets alone. */
static gboolean
window_gone (WmWindow *window)
{
  return g_cancellable_is_cancelled (window->cancellable);
}

static void
set_restoring (WmWindow *window,
               gboolean  restoring)
{
  window->restoring = restoring;
  _wm_window_update_actions (window);
}

static void
show_failure (WmWindow   *window,
              const char *heading,
              const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opening another database */

/**
 * _wm_database_recovery_open_file:
 * @file: the database chosen
 *
 * Closes the window's database and opens @file in its place; a file that
 * cannot be opened either shows the error page naming it. The application
 * opens @file in any new window for the rest of the session.
 */
void
_wm_database_recovery_open_file (WmWindow *window,
                                 GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (window));

  WM_ASSERT_MAIN_THREAD ();

  if (path == NULL || window->restoring)
    return;

  if (!_wm_window_close_database (window))
    {
      _wm_window_show_toast (window, _("Wait for the import to finish, then open the other "
                                       "database"));
      return;
    }

  g_debug ("Switching to another database");
  _wm_window_open_database (window, path);
  if (WM_IS_APPLICATION (application))
    wm_application_set_database_path (WM_APPLICATION (application), path);
}

static void
on_offer_response (AdwMessageDialog *dialog,
                   const char       *response,
                   WmWindow         *window)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  g_autoptr(GFile) file = g_file_new_for_path (path);

  if (g_strcmp0 (response, "open") == 0 && !window_gone (window))
    _wm_database_recovery_open_file (window, file);
}

/**
 * _wm_database_recovery_offer_file:
 * @path: the database Waymark was started again with
 *
 * A second launch with another database reaches the running program,
 * which keeps its window. Saying nothing would leave the officer working
 * in the database they did not ask for, so a dialog names both files and
 * offers to open @path in this window.
 */
void
_wm_database_recovery_offer_file (WmWindow   *window,
                                  const char *path)
{
  GtkWidget *dialog;

  WM_ASSERT_MAIN_THREAD ();

  g_debug ("Started again with another database; asking which to use");
  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Open the Other Database?"), NULL);
  /* Translators: the first %s is the database open now, the second the
   * one Waymark was started again with. */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Waymark is already open with the database %s. It was "
                                    "started again with %s. Open that database in this "
                                    "window in place of the first?"),
                                  window->database_path, path);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep This One"),
                                    "open", _("_Open the Other"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_offer_response), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_database_chosen (GtkNativeDialog *chooser,
                    int              response,
                    WmWindow        *window)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&window->database_chooser);
  if (file != NULL)
    _wm_database_recovery_open_file (window, file);
}

static void
add_filters (GtkFileChooser *chooser,
             const char     *name,
             const char     *first_pattern,
             ...) G_GNUC_NULL_TERMINATED;

/* The named filter first, then every file, because a database or backup
 * copied by hand may have any name. */
static void
add_filters (GtkFileChooser *chooser,
             const char     *name,
             const char     *first_pattern,
             ...)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  va_list args;

  gtk_file_filter_set_name (filter, name);
  va_start (args, first_pattern);
  for (const char *p = first_pattern; p != NULL; p = va_arg (args, const char *))
    gtk_file_filter_add_pattern (filter, p);
  va_end (args);

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, filter);
  gtk_file_chooser_add_filter (chooser, all);
}

static void
show_chooser (WmWindow             *window,
              GtkFileChooserNative *chooser,
              const char           *folder,
              GCallback             on_response)
{
  g_autoptr(GFile) start = g_file_new_for_path (folder);

  if (g_file_query_exists (start, NULL))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), start, NULL);

  g_signal_connect (chooser, "response", on_response, window);
  window->database_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (window->database_chooser);
}

/**
 * _wm_database_recovery_choose_database:
 *
 * Asks for another database with the desktop's file chooser, starting in
 * the folder of the present one.
 */
void
_wm_database_recovery_choose_database (WmWindow *window)
{
  g_autofree char *folder = g_path_get_dirname (window->database_path);
  GtkFileChooserNative *chooser;

  if (window->database_chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Open Another Database"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                         _("_Cancel"));
  add_filters (GTK_FILE_CHOOSER (chooser), _("Waymark databases"), "*.db", NULL);
  show_chooser (window, chooser, folder, G_CALLBACK (on_database_chosen));
}

/* Restoring: the last steps */

static void
on_restored (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Restore *restore = g_task_get_task_data (G_TASK (result));
  WmWindow *window = restore->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept_path = NULL;
  g_autofree char *text = NULL;
  gboolean restored = g_task_propagate_boolean (G_TASK (result), &error);

  WM_ASSERT_MAIN_THREAD ();

  if (window_gone (window))
    return;

  /* A failed restore leaves the database as it was, which opens again. */
  set_restoring (window, FALSE);
  _wm_window_open_database (window, restore->database_path);
  if (!restored)
    {
      g_warning ("Restoring a backup failed: %s", error->message);
      show_failure (window, _("The Backup Was Not Restored"), error->message);
      return;
    }

  kept_path = g_strconcat (restore->database_path, WM_BACKUP_BEFORE_RESTORE_SUFFIX, NULL);
  /* Translators: %s is the path of the file the restore replaced. */
  text = g_strdup_printf (_("Backup restored. The replaced file was kept as %s"), kept_path);
  _wm_window_show_toast (window, text);
}

static void
restore_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Restore *restore = task_data;
  g_autoptr(GError) error = NULL;

  if (wm_backup_restore (restore->backup_path, restore->database_path, restore->passphrase,
                         &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
release_application (gpointer data)
{
  g_application_release (data);
  g_object_unref (data);
}

/* The window's own connection, its evaluator and its cases are closed
 * first: wm_backup_restore() refuses while any connection is open. The
 * application is held, so that the restore ends even when the window is
 * closed meanwhile. */
static void
start_restore (Restore *restore)
{
  WmWindow *window = restore->window;
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (window));
  g_autoptr(GTask) task = NULL;

  if (!_wm_window_close_database (window))
    {
      show_failure (window, _("The Backup Was Not Restored"),
                    _("An import is writing to the database. Wait for it to finish, then "
                      "restore the backup again."));
      return;
    }

  set_restoring (window, TRUE);
  adw_status_page_set_title (window->error_status, _("Restoring the Backup…"));
  adw_status_page_set_description (window->error_status, restore->backup_path);
  _wm_window_show_content (window);

  task = g_task_new (NULL, NULL, on_restored, NULL);
  g_task_set_task_data (task, g_rc_box_acquire (restore), restore_release);
  if (application != NULL)
    {
      g_application_hold (G_APPLICATION (application));
      g_object_set_data_full (G_OBJECT (task), "application", g_object_ref (application),
                              release_application);
    }
  g_task_run_in_thread (task, restore_in_thread);
}

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     Restore          *restore)
{
  if (g_strcmp0 (response, "replace") == 0 && !window_gone (restore->window))
    start_restore (restore);
}

/* The officer sees both files by name before anything is replaced, and
 * where the replaced one is kept. wm_backup_restore() renames a file an
 * earlier restore kept under that name rather than replace it, so the
 * dialog says where that one goes too. */
static char *
confirm_body (Restore *restore)
{
  g_autofree char *kept_path = g_strconcat (restore->database_path,
                                            WM_BACKUP_BEFORE_RESTORE_SUFFIX, NULL);
  GString *body = g_string_new (NULL);

  /* Translators: the first %s is the database's path, the second the
   * backup's, the third the path the replaced database is kept under. */
  g_string_append_printf (body, _("The database %s is replaced by the backup %s. Anything "
                                  "recorded since the backup was made is no longer shown. "
                                  "The replaced file is kept as %s."),
                          restore->database_path, restore->backup_path, kept_path);
  if (g_file_test (kept_path, G_FILE_TEST_EXISTS))
    g_string_append_printf (body, " %s", _("The file an earlier restore kept under that name "
                                           "stays, with a number added to its name."));

  return g_string_free (body, FALSE);
}

static void
confirm_restore (Restore *restore)
{
  g_autofree char *body = confirm_body (restore);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (restore->window),
                                              _("Replace the Database?"), body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "replace", _("_Replace"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_confirm_response),
                         g_rc_box_acquire (restore), restore_release_closure, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Restoring: verification */

static void
on_verified (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Restore *restore = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  WM_ASSERT_MAIN_THREAD ();

  if (window_gone (restore->window))
    return;

  set_restoring (restore->window, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("The backup chosen for a restore did not verify: %s", error->message);
      show_failure (restore->window, _("The Backup Cannot Be Restored"), error->message);
      return;
    }

  confirm_restore (restore);
}

/* The temporary copy goes beside the database, a private folder on this
 * computer, never beside a backup that may be on removable media. */
static void
verify_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Restore *restore = task_data;
  g_autofree char *folder = g_path_get_dirname (restore->database_path);
  g_autoptr(GError) error = NULL;

  if (wm_backup_verify (restore->backup_path, restore->passphrase, folder, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
verify_backup (Restore *restore)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, on_verified, NULL);

  set_restoring (restore->window, TRUE);
  g_task_set_task_data (task, g_rc_box_acquire (restore), restore_release);
  g_task_run_in_thread (task, verify_in_thread);
}

/* Restoring: the passphrase */

static void
on_passphrase_response (AdwMessageDialog *dialog,
                        const char       *response,
                        Restore          *restore)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (g_strcmp0 (response, "unlock") == 0 && !window_gone (restore->window))
    {
      g_clear_pointer (&restore->passphrase, wm_crypt_free_passphrase);
      restore->passphrase = g_strdup (gtk_editable_get_text (entry));
      verify_backup (restore);
    }

  /* The entry's copy goes at once rather than with the dialog. */
  gtk_editable_set_text (entry, "");
}

static void
ask_passphrase (Restore *restore)
{
  g_autofree char *name = g_path_get_basename (restore->backup_path);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (restore->window),
                                              _("Unlock the Backup"), NULL);
  GtkWidget *entry = gtk_password_entry_new ();

  /* Translators: %s is the backup's file name. */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("%s is encrypted. Enter the passphrase it was written "
                                    "with."), name);
  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  g_object_set (entry, "activates-default", TRUE, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Passphrase"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "unlock", _("_Unlock"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "unlock",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "unlock");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_passphrase_response),
                         g_rc_box_acquire (restore), restore_release_closure, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Restoring: choosing the backup */

/**
 * _wm_database_recovery_restore_file:
 * @backup: the backup chosen, plain or encrypted
 *
 * Asks for the passphrase of an encrypted backup, verifies the backup in
 * a worker, asks for confirmation naming the database and the backup,
 * then restores it over the window's database and opens the result. A
 * backup that fails verification is reported and nothing is changed.
 */
void
_wm_database_recovery_restore_file (WmWindow *window,
                                    GFile    *backup)
{
  g_autofree char *path = g_file_get_path (backup);
  Restore *restore;

  WM_ASSERT_MAIN_THREAD ();

  if (path == NULL || window->restoring)
    return;

  restore = restore_new (window, path);
  if (wm_crypt_is_encrypted_file (path))
    ask_passphrase (restore);
  else
    verify_backup (restore);

  restore_release (restore);
}

static void
on_backup_chosen (GtkNativeDialog *chooser,
                  int              response,
                  WmWindow        *window)
{
  g_autoptr(GFile) backup = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    backup = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&window->database_chooser);
  if (backup != NULL)
    _wm_database_recovery_restore_file (window, backup);
}

/**
 * _wm_database_recovery_choose_backup:
 *
 * Asks for a backup with the desktop's file chooser, starting in the
 * backup folder, and restores it as _wm_database_recovery_restore_file()
 * does.
 */
void
_wm_database_recovery_choose_backup (WmWindow *window)
{
  g_autofree char *folder = wm_backup_dup_folder (window->settings, window->database_path);
  GtkFileChooserNative *chooser;

  if (window->database_chooser != NULL || window->restoring)
    return;

  chooser = gtk_file_chooser_native_new (_("Restore a Backup"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                         _("_Cancel"));
  add_filters (GTK_FILE_CHOOSER (chooser), _("Waymark backups"), "*.db",
               "*" WM_CRYPT_SUFFIX, NULL);
  show_chooser (window, chooser, folder, G_CALLBACK (on_backup_chosen));
}

/**
 * _wm_database_recovery_is_busy:
 *
 * Returns: whether a backup is being verified or restored
 */
gboolean
_wm_database_recovery_is_busy (WmWindow *window)
{
  return window->restoring;
}

void
_wm_database_recovery_dispose (WmWindow *window)
{
  if (window->database_chooser != NULL)
    gtk_native_dialog_destroy (window->database_chooser);
  g_clear_object (&window->database_chooser);
}
