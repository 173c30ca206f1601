/* wm-backup-dialog.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "wm-backup-dialog.h"
#include "wm-backup.h"
#include "wm-crypt.h"
#include "wm-error.h"
#include "wm-gui.h"
#include "wm-window-private.h"

/*
 * "Back Up Now…", from the primary menu and from Preferences. One step
 * after another, each waiting for the officer or for a worker thread, so
 * the window never blocks:
 *
 *   save chooser --> passphrase, entered twice, or none
 *     --> a worker writes the backup with its own store --> a toast
 *
 * A backup that leaves the machine on a USB stick or by e-mail should be
 * encrypted, so the passphrase is offered every time; a lost passphrase
 * cannot be recovered, and the dialog says so before anything is written.
 */

/* One backup, shared by its dialog and its worker (reference counted). */
typedef struct
{
  WmWindow *window;
  char     *database_path;
  char     *target_path;
  char     *passphrase;
} Backup;

static void
backup_clear (gpointer data)
{
  Backup *backup = data;

  g_clear_object (&backup->window);
  g_clear_pointer (&backup->database_path, g_free);
  g_clear_pointer (&backup->target_path, g_free);
  g_clear_pointer (&backup->passphrase, wm_crypt_free_passphrase);
}

static void
backup_release (gpointer data)
{
  g_rc_box_release_full (data, backup_clear);
}

static void
backup_release_closure (gpointer  data,
                        GClosure *closure)
{
  backup_release (data);
}

static gboolean
window_gone (WmWindow *window)
{
  return g_cancellable_is_cancelled (window->cancellable);
}

static void
set_backing_up (WmWindow *window,
                gboolean  backing_up)
{
  window->backing_up = backing_up;
  _wm_window_update_actions (window);
}

/* An encrypted backup ends in .wmbk, so that the restore chooser lists it
 * and anyone who finds the file can tell it needs a passphrase: ".db"
 * becomes ".wmbk", and any other name gets ".wmbk" added. */
static char *
encrypted_name (const char *path)
{
  if (g_str_has_suffix (path, WM_CRYPT_SUFFIX))
    return g_strdup (path);

  if (g_str_has_suffix (path, ".db"))
    {
      g_autofree char *stem = g_strndup (path, strlen (path) - strlen (".db"));

      return g_strconcat (stem, WM_CRYPT_SUFFIX, NULL);
    }

  return g_strconcat (path, WM_CRYPT_SUFFIX, NULL);
}

/* Writing, in the worker */

static gboolean
is_same_file (const char *a,
              const char *b)
{
  GStatBuf info_a, info_b;

  return g_stat (a, &info_a) == 0 && g_stat (b, &info_b) == 0
         && info_a.st_dev == info_b.st_dev && info_a.st_ino == info_b.st_ino;
}

/* wm_backup_create() never writes over a file, but the save chooser has
 * already asked the officer whether to replace one. The backup is written
 * under a new name beside it and renamed over it only when complete, so a
 * failure leaves the old file as it was. The database itself is never a
 * target. */
static gboolean
write_backup (WmStore     *store,
              Backup      *backup,
              GError     **error)
{
  g_autofree char *fresh = NULL;

  if (is_same_file (backup->target_path, backup->database_path))
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   _("%s is the open database. Choose another name for the backup."),
                   backup->target_path);
      return FALSE;
    }

  if (!g_file_test (backup->target_path, G_FILE_TEST_EXISTS))
    return wm_backup_create (store, backup->target_path, backup->passphrase, error);

  fresh = g_strdup_printf ("%s.new-%08x", backup->target_path, g_random_int ());
  if (!wm_backup_create (store, fresh, backup->passphrase, error))
    return FALSE;

  if (g_rename (fresh, backup->target_path) == 0)
    return TRUE;

  g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
               _("The backup could not replace %s: %s. It was kept as %s."),
               backup->target_path, g_strerror (errno), fresh);
  return FALSE;
}

static void
back_up_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Backup *backup = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = wm_store_open (backup->database_path, &error);

  if (store != NULL && write_backup (store, backup, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* Writing, on the main thread */

static void
show_failure (WmWindow   *window,
              const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window),
                                              _("The Backup Was Not Written"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_backed_up (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Backup *backup = g_task_get_task_data (G_TASK (result));
  WmWindow *window = backup->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  WM_ASSERT_MAIN_THREAD ();

  if (window_gone (window))
    return;

  set_backing_up (window, FALSE);
  if (window->backup_toast != NULL)
    adw_toast_dismiss (window->backup_toast);
  g_clear_object (&window->backup_toast);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* The dialog tells the officer; a name the officer typed is no
       * warning for the log. */
      g_debug ("Backing up by hand failed: %s", error->message);
      show_failure (window, error->message);
      return;
    }

  /* Translators: %s is the path of the backup just written. */
  text = g_strdup_printf (_("Backed up to %s"), backup->target_path);
  _wm_window_show_toast (window, text);
}

/* The toast stays while the worker runs, so the officer sees that the
 * backup is under way. wm_backup_create() reports no fraction done, so
 * the toast shows no percentage. */
static void
show_progress (WmWindow   *window,
               const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *title = NULL;

  /* Translators: %s is the backup's file name. */
  title = g_strdup_printf (_("Backing up to %s…"), name);
  window->backup_toast = g_object_ref (adw_toast_new (title));
  adw_toast_set_timeout (window->backup_toast, 0);
  adw_toast_set_priority (window->backup_toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (window->toast_overlay, g_object_ref (window->backup_toast));
}

static void
start_backup (Backup *backup)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, on_backed_up, NULL);

  if (backup->passphrase != NULL)
    {
      g_autofree char *plain_name = g_steal_pointer (&backup->target_path);

      backup->target_path = encrypted_name (plain_name);
    }

  set_backing_up (backup->window, TRUE);
  show_progress (backup->window, backup->target_path);
  g_task_set_task_data (task, g_rc_box_acquire (backup), backup_release);
  g_task_run_in_thread (task, back_up_in_thread);
}

/* The passphrase */

/* The extra child is a box of the two entries and the note below them. */
static GtkWidget *
field_at (AdwMessageDialog *dialog,
          guint             index)
{
  GtkWidget *child = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog));

  for (guint i = 0; i < index && child != NULL; i++)
    child = gtk_widget_get_next_sibling (child);

  return child;
}

static GtkEditable *
entry_at (AdwMessageDialog *dialog,
          guint             index)
{
  return GTK_EDITABLE (field_at (dialog, index));
}

/* Both fields empty is a plain backup; otherwise they must match, and
 * the button stays off until they do, so a typing slip cannot lock the
 * officer out of the backup. */
static void
on_passphrase_changed (AdwMessageDialog *dialog)
{
  const char *first, *second;
  GtkWidget *note;
  gboolean same;

  /* Destroying the dialog empties the entries, which emits "changed"
   * while its children are half gone. */
  if (gtk_widget_in_destruction (GTK_WIDGET (dialog)))
    return;

  first = gtk_editable_get_text (entry_at (dialog, 0));
  second = gtk_editable_get_text (entry_at (dialog, 1));
  note = field_at (dialog, 2);
  same = g_strcmp0 (first, second) == 0;

  adw_message_dialog_set_response_enabled (dialog, "back-up", same);
  gtk_widget_set_visible (note, !same && *second != '\0');
}

static void
on_passphrase_response (AdwMessageDialog *dialog,
                        const char       *response,
                        Backup           *backup)
{
  const char *passphrase = gtk_editable_get_text (entry_at (dialog, 0));

  if (g_strcmp0 (response, "back-up") == 0 && !window_gone (backup->window)
      && !backup->window->backing_up)
    {
      g_clear_pointer (&backup->passphrase, wm_crypt_free_passphrase);
      if (*passphrase != '\0')
        backup->passphrase = g_strdup (passphrase);
      start_backup (backup);
    }

  /* The entries' copies go at once rather than with the dialog. */
  gtk_editable_set_text (entry_at (dialog, 0), "");
  gtk_editable_set_text (entry_at (dialog, 1), "");
}

static GtkWidget *
new_passphrase_entry (const char *label)
{
  GtkWidget *entry = gtk_password_entry_new ();

  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  g_object_set (entry, "placeholder-text", label, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  return entry;
}

static GtkWidget *
new_passphrase_fields (AdwMessageDialog *dialog)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *first = new_passphrase_entry (_("Passphrase (optional)"));
  GtkWidget *second = new_passphrase_entry (_("The same passphrase again"));
  GtkWidget *note = gtk_label_new (_("The passphrases differ"));

  gtk_widget_add_css_class (note, "error");
  gtk_widget_set_visible (note, FALSE);
  g_object_set (second, "activates-default", TRUE, NULL);
  g_signal_connect_swapped (first, "changed", G_CALLBACK (on_passphrase_changed), dialog);
  g_signal_connect_swapped (second, "changed", G_CALLBACK (on_passphrase_changed), dialog);

  gtk_box_append (GTK_BOX (box), first);
  gtk_box_append (GTK_BOX (box), second);
  gtk_box_append (GTK_BOX (box), note);

  /* NOTE: with GTK 4.8, destroying this dialog crashed in a password
   * entry signal handler once the entries had been freed (seen in the
   * display tests). The dialog keeps both entries until it is finalized,
   * which avoids it. */
  g_object_set_data_full (G_OBJECT (dialog), "wm-first-entry", g_object_ref (first),
                          g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "wm-second-entry", g_object_ref (second),
                          g_object_unref);
  return box;
}

static void
ask_passphrase (Backup *backup)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (backup->window),
                                              _("Back Up the Database"), NULL);
  AdwMessageDialog *message = ADW_MESSAGE_DIALOG (dialog);

  /* Translators: %s is the path of the backup to be written. */
  /* NOTE: an encrypted backup's name ends in .wmbk (see encrypted_name()),
   * which the body does not say; the toast names the file written. */
  adw_message_dialog_format_body (message,
                                  _("The backup is written to %s. To encrypt it, enter a "
                                    "passphrase twice; leave both fields empty for a plain "
                                    "backup. A lost passphrase cannot be recovered: without "
                                    "it, nobody can restore the backup."),
                                  backup->target_path);
  adw_message_dialog_set_extra_child (message, new_passphrase_fields (message));

  adw_message_dialog_add_responses (message, "cancel", _("_Cancel"),
                                    "back-up", _("_Back Up"), NULL);
  adw_message_dialog_set_response_appearance (message, "back-up", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (message, "back-up");
  adw_message_dialog_set_close_response (message, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_passphrase_response),
                         g_rc_box_acquire (backup), backup_release_closure, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Choosing the file */

/**
 * _wm_backup_dialog_back_up_to:
 * @file: the backup file chosen
 *
 * Asks for an optional passphrase, entered twice, then writes a backup of
 * the window's database to @file in a worker thread and shows a toast
 * naming the file; an encrypted backup's name ends in .wmbk. A failure is
 * shown in a dialog and leaves any file already at @file as it was.
 */
void
_wm_backup_dialog_back_up_to (WmWindow *window,
                              GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);
  Backup *backup;

  WM_ASSERT_MAIN_THREAD ();

  if (path == NULL || window->backing_up || window->database_path == NULL)
    return;

  backup = g_rc_box_new0 (Backup);
  backup->window = g_object_ref (window);
  backup->database_path = g_strdup (window->database_path);
  backup->target_path = g_steal_pointer (&path);
  ask_passphrase (backup);
  backup_release (backup);
}

static void
on_file_chosen (GtkNativeDialog *chooser,
                int              response,
                WmWindow        *window)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&window->backup_chooser);
  if (file != NULL)
    _wm_backup_dialog_back_up_to (window, file);
}

/* The name suggested carries the date, so that backups made by hand sort
 * by age and never match the automatic names that rotation removes. */
static char *
suggested_name (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  return g_strdup_printf ("waymark-backup-%s.db", date);
}

/**
 * _wm_backup_dialog_choose_file:
 *
 * Asks where to write a backup with the desktop's save chooser, starting
 * in the backup folder, then goes on as _wm_backup_dialog_back_up_to().
 */
void
_wm_backup_dialog_choose_file (WmWindow *window)
{
  g_autofree char *folder = wm_backup_dup_folder (window->settings, window->database_path);
  g_autofree char *name = suggested_name ();
  g_autoptr(GFile) start = g_file_new_for_path (folder);
  GtkFileChooserNative *chooser;

  if (window->backup_chooser != NULL || window->backing_up)
    return;

  chooser = gtk_file_chooser_native_new (_("Back Up the Database"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                         _("_Cancel"));
  if (g_file_query_exists (start, NULL))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), start, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), window);
  window->backup_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (window->backup_chooser);
}

/**
 * _wm_backup_dialog_is_busy:
 *
 * Returns: whether a backup is being written
 */
gboolean
_wm_backup_dialog_is_busy (WmWindow *window)
{
  return window->backing_up;
}

void
_wm_backup_dialog_dispose (WmWindow *window)
{
  if (window->backup_chooser != NULL)
    gtk_native_dialog_destroy (window->backup_chooser);
  g_clear_object (&window->backup_chooser);
  g_clear_object (&window->backup_toast);
}
