/* test-database-window.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A database the window cannot open, under a real display (Xvfb): random
 * bytes, the first half of a database, another program's SQLite file and
 * a database from a newer Waymark. The window shows the error page naming
 * the file, with buttons to open another database or restore a backup,
 * and the file keeps its SHA-256. The tests then open another database
 * and restore plain and encrypted backups through the functions the file
 * choosers call, responding to the dialogs as the officer would, and
 * back up by hand, plain and encrypted. The last tests start the real
 * program twice on one session bus and check that the second start raises
 * the first one's window, and asks the officer when it names another
 * database. Every wait is a bounded spin of the main context.
 */

#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "wm-application.h"
#include "wm-backup-dialog.h"
#include "wm-backup.h"
#include "wm-crypt.h"
#include "wm-database-recovery.h"
#include "wm-error.h"
#include "wm-store.h"
#include "wm-upn.h"
#include "wm-window-private.h"

/* An estimate: long enough for a restore on a slow CI machine, short
 * enough that a hang fails the test, not the suite. */
#define BASE_WAIT_MS 10000

/* How long each wait lasts. A sanitized build runs several times slower,
 * so tools/run-sanitizers.sh multiplies every wait by
 * WAYMARK_TEST_WAIT_SCALE, a whole number from 1 to 50 (1 without it).
 * The scaled wait stays inside meson's scaled timeout, so that a hang
 * still fails the one test. */
static guint
wait_ms (void)
{
  const char *scale = g_getenv ("WAYMARK_TEST_WAIT_SCALE");
  guint64 factor = scale != NULL ? g_ascii_strtoull (scale, NULL, 10) : 1;

  return BASE_WAIT_MS * CLAMP (factor, 1, 50);
}

#define WAIT_MS wait_ms ()

#define PASSPHRASE "correct horse battery staple"

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

/* Files */

static char *
test_path (const char *name)
{
  const char *dir = g_get_user_data_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static char *
file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Adds pupils with the serials 1 to @n_pupils, surnamed "Pupil". */
static void
add_pupils (WmStore *store,
            guint    n_pupils)
{
  g_autoptr(GError) error = NULL;
  gint64 school_id = wm_store_ensure_school (store, "801", "4001", NULL, "Hill School",
                                             &error);

  g_assert_no_error (error);
  for (guint i = 1; i <= n_pupils; i++)
    {
      g_auto(WmPupilRecord) record = { 0 };

      record.upn = g_strdup_printf ("?8012000%05u", i);
      record.upn[0] = wm_upn_check_letter (record.upn);
      record.surname = g_strdup ("Pupil");
      record.forename = g_strdup_printf ("Number %u", i);
      wm_store_upsert_pupil (store, &record, school_id, NULL, &error);
      g_assert_no_error (error);
    }
}

static char *
make_database (const char *name,
               guint       n_pupils)
{
  g_autofree char *path = test_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = wm_store_open (path, &error);

  g_assert_no_error (error);
  add_pupils (store, n_pupils);
  return g_steal_pointer (&path);
}

/* The four kinds of file the window must reject, each with words of the
 * message that give the reason. */

static char *
make_random_bytes (void)
{
  g_autofree char *path = test_path ("random.db");
  guint8 bytes[8192];

  for (gsize i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) g_test_rand_int_range (0, 256);

  g_assert_true (g_file_set_contents (path, (const char *) bytes, sizeof bytes, NULL));
  return g_steal_pointer (&path);
}

static char *
make_half_file (void)
{
  g_autofree char *whole = make_database ("whole.db", 300);
  g_autofree char *half = test_path ("half.db");
  g_autofree char *contents = NULL;
  gsize length = 0;

  /* Enough pupils for the file to span many pages. */
  g_assert_true (g_file_get_contents (whole, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, 8 * 8192);
  g_assert_true (g_file_set_contents (half, contents, length / 2, NULL));
  return g_steal_pointer (&half);
}

static char *
make_foreign_sqlite (void)
{
  g_autofree char *path = test_path ("other.db");

  raw_exec (path, "PRAGMA application_id = 1234;"
                  "CREATE TABLE notes (text TEXT);"
                  "INSERT INTO notes VALUES ('kept');");
  return g_steal_pointer (&path);
}

static char *
make_newer_schema (void)
{
  g_autofree char *path = make_database ("newer.db", 1);

  raw_exec (path, "PRAGMA user_version = 999");
  return g_steal_pointer (&path);
}

typedef struct
{
  char *     (*make) (void);
  const char  *reason;
} BadFile;

static const BadFile random_bytes = { make_random_bytes, "it is not an SQLite database" };
static const BadFile half_file = { make_half_file, "it is damaged or incomplete" };
static const BadFile foreign_sqlite = { make_foreign_sqlite, "another application" };
static const BadFile newer_schema = { make_newer_schema, "newer version of Waymark" };

/* What the window shows */

static const char *
visible_page (WmWindow *window)
{
  return gtk_stack_get_visible_child_name (window->content_stack);
}

static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action_name)
{
  if (GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static guint
n_listed (WmWindow *window)
{
  return wm_pupil_list_get_n_pupils (wm_window_get_pupil_list (window));
}

static AdwMessageDialog *
find_dialog (const char *heading)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data)
        && g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      return l->data;

  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog (data) != NULL;
}

static AdwMessageDialog *
wait_for_dialog (const char *heading)
{
  g_assert_true (spin_until (dialog_shown, (gpointer) heading, WAIT_MS));
  return find_dialog (heading);
}

static gboolean
recovery_idle (gpointer data)
{
  return !_wm_database_recovery_is_busy (data);
}

static WmWindow *
open_window (const char *path)
{
  WmWindow *window = g_object_ref (wm_window_new (GTK_APPLICATION (application), path));

  gtk_window_present (GTK_WINDOW (window));
  spin_for (50);
  return window;
}

static void
close_windows (WmWindow *window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != window)
      gtk_window_destroy (l->data);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  spin_for (50);
}

static void
assert_error_page (WmWindow   *window,
                   const char *path,
                   const char *reason)
{
  const char *description = adw_status_page_get_description (window->error_status);
  GtkWidget *page = GTK_WIDGET (window->error_status);
  GtkWidget *open_button = find_action_button (page, "win.open-database");
  GtkWidget *restore_button = find_action_button (page, "win.restore-backup");

  g_assert_cmpstr (visible_page (window), ==, "error");
  g_assert_cmpstr (adw_status_page_get_title (window->error_status), ==,
                   "Cannot Open the Database");
  g_assert_nonnull (strstr (description, path));
  g_assert_nonnull (strstr (description, reason));
  g_assert_nonnull (strstr (description, "another database or restore a backup"));

  g_assert_nonnull (open_button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (open_button)), ==,
                   "_Open Another Database…");
  g_assert_true (gtk_widget_is_sensitive (open_button));
  g_assert_nonnull (restore_button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (restore_button)), ==,
                   "_Restore a Backup…");
  g_assert_true (gtk_widget_is_sensitive (restore_button));
}

/* Neither the file nor its neighbourhood changed. */
static void
assert_untouched (const char *path,
                  const char *sha256)
{
  g_autofree char *after = file_sha256 (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_assert_cmpstr (after, ==, sha256);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
}

/* Refused files */

static void
test_bad_file (gconstpointer data)
{
  const BadFile *bad = data;
  g_autofree char *path = bad->make ();
  g_autofree char *before = file_sha256 (path);
  WmWindow *window = open_window (path);

  assert_error_page (window, path, bad->reason);
  g_assert_cmpstr (wm_window_get_database_path (window), ==, path);
  g_assert_false (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (window),
                                                               "win.import")));

  close_windows (window);
  assert_untouched (path, before);
}

/* Open Another Database: the window switches, the application opens the
 * chosen file in new windows, and the refused file stays as it was. */
static void
test_open_another (void)
{
  g_autofree char *bad = make_random_bytes ();
  g_autofree char *before = file_sha256 (bad);
  g_autofree char *good = make_database ("good.db", 2);
  g_autofree char *app_path = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (good);
  WmWindow *window = open_window (bad);

  assert_error_page (window, bad, random_bytes.reason);
  _wm_database_recovery_open_file (window, file);

  g_assert_cmpstr (wm_window_get_database_path (window), ==, good);
  g_assert_cmpstr (visible_page (window), ==, "main");
  g_assert_cmpuint (n_listed (window), ==, 2);
  app_path = wm_application_dup_database_path (application);
  g_assert_cmpstr (app_path, ==, good);
  g_assert_true (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (window),
                                                              "win.import")));

  close_windows (window);
  assert_untouched (bad, before);
}

/* Opening a second bad file from the error page names that file. */
static void
test_open_another_bad (void)
{
  g_autofree char *bad = make_random_bytes ();
  g_autofree char *other = make_foreign_sqlite ();
  g_autofree char *other_before = file_sha256 (other);
  g_autoptr(GFile) file = g_file_new_for_path (other);
  WmWindow *window = open_window (bad);

  _wm_database_recovery_open_file (window, file);
  assert_error_page (window, other, foreign_sqlite.reason);
  g_assert_cmpstr (wm_window_get_database_path (window), ==, other);

  close_windows (window);
  assert_untouched (other, other_before);
}

/* Restore a Backup */

static char *
make_backup (const char *name,
             guint       n_pupils,
             const char *passphrase)
{
  g_autofree char *source = make_database ("source.db", n_pupils);
  g_autofree char *backup = test_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = wm_store_open (source, &error);

  g_assert_no_error (error);
  g_assert_true (wm_backup_create (store, backup, passphrase, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&backup);
}

static gboolean
n_listed_is (gpointer data)
{
  gpointer *args = data;

  return n_listed (args[0]) == GPOINTER_TO_UINT (args[1]);
}

/* Answers the confirmation, which names the database, the backup and
 * the file the replaced database is kept as. */
static void
confirm_replace (const char *database,
                 const char *backup)
{
  AdwMessageDialog *dialog = wait_for_dialog ("Replace the Database?");
  g_autofree char *expected = g_strdup_printf ("The database %s is replaced by the backup %s. "
                                               "Anything recorded since the backup was made "
                                               "is no longer shown. The replaced file is kept "
                                               "as %s.before-restore.",
                                               database, backup, database);

  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, expected);
  adw_message_dialog_response (dialog, "replace");
}

static void
unlock_with (const char *passphrase)
{
  AdwMessageDialog *dialog = wait_for_dialog ("Unlock the Backup");
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);

  g_assert_true (GTK_IS_PASSWORD_ENTRY (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), passphrase);
  adw_message_dialog_response (dialog, "unlock");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
}

/* The restore replaces the broken file, which is kept byte for byte
 * beside the restored database. */
static void
restore_over_broken (const char *backup_name,
                     const char *passphrase)
{
  g_autofree char *bad = make_random_bytes ();
  g_autofree char *before = file_sha256 (bad);
  g_autofree char *backup = make_backup (backup_name, 3, passphrase);
  g_autofree char *kept_path = g_strconcat (bad, WM_BACKUP_BEFORE_RESTORE_SUFFIX, NULL);
  g_autofree char *kept_sha = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (backup);
  WmWindow *window = open_window (bad);
  gpointer three[] = { window, GUINT_TO_POINTER (3) };

  assert_error_page (window, bad, random_bytes.reason);
  _wm_database_recovery_restore_file (window, file);
  if (passphrase != NULL)
    unlock_with (passphrase);

  confirm_replace (bad, backup);
  g_assert_true (spin_until (n_listed_is, three, WAIT_MS));
  g_assert_true (spin_until (recovery_idle, window, WAIT_MS));
  g_assert_cmpstr (visible_page (window), ==, "main");
  g_assert_cmpstr (wm_window_get_database_path (window), ==, bad);

  kept_sha = file_sha256 (kept_path);
  g_assert_cmpstr (kept_sha, ==, before);
  close_windows (window);
}

static void
test_restore_plain (void)
{
  restore_over_broken ("plain-backup.db", NULL);
}

static void
test_restore_encrypted (void)
{
  restore_over_broken ("encrypted-backup.wmbk", PASSPHRASE);
}

/* A wrong passphrase is reported, and nothing is closed or replaced. */
static void
test_restore_wrong_passphrase (void)
{
  g_autofree char *bad = make_random_bytes ();
  g_autofree char *before = file_sha256 (bad);
  g_autofree char *backup = make_backup ("locked.wmbk", 1, PASSPHRASE);
  g_autofree char *kept_path = g_strconcat (bad, WM_BACKUP_BEFORE_RESTORE_SUFFIX, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (backup);
  WmWindow *window = open_window (bad);
  AdwMessageDialog *failure;

  _wm_database_recovery_restore_file (window, file);
  unlock_with ("not the passphrase");
  failure = wait_for_dialog ("The Backup Cannot Be Restored");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (failure), backup));
  g_assert_true (spin_until (recovery_idle, window, WAIT_MS));

  g_assert_null (find_dialog ("Replace the Database?"));
  assert_error_page (window, bad, random_bytes.reason);
  g_assert_false (g_file_test (kept_path, G_FILE_TEST_EXISTS));
  close_windows (window);
  assert_untouched (bad, before);
}

static gboolean
model_has_action (GMenuModel *model,
                  const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name)
          && g_strcmp0 (name, action) == 0)
        return TRUE;

      section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      if (section != NULL && model_has_action (section, action))
        return TRUE;
    }

  return FALSE;
}

/* Whether the primary menu (the menu button's model) offers @action. */
static gboolean
menu_has_action (GtkWidget  *widget,
                 const char *action)
{
  if (GTK_IS_MENU_BUTTON (widget)
      && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) != NULL
      && model_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)), action))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (menu_has_action (child, action))
      return TRUE;

  return FALSE;
}

/* The primary menu restores over a database that is open, with its
 * evaluator running: the window closes it first, then shows the backup's
 * pupils. */
static void
test_restore_over_open_database (void)
{
  g_autofree char *live = make_database ("live.db", 1);
  g_autofree char *backup = make_backup ("menu-backup.db", 4, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (backup);
  WmWindow *window = open_window (live);
  gpointer one[] = { window, GUINT_TO_POINTER (1) };
  gpointer four[] = { window, GUINT_TO_POINTER (4) };

  g_assert_true (spin_until (n_listed_is, one, WAIT_MS));
  g_assert_true (menu_has_action (GTK_WIDGET (window), "win.restore-backup"));
  g_assert_true (menu_has_action (GTK_WIDGET (window), "win.open-database"));

  _wm_database_recovery_restore_file (window, file);
  confirm_replace (live, backup);
  g_assert_true (spin_until (n_listed_is, four, WAIT_MS));
  g_assert_true (spin_until (recovery_idle, window, WAIT_MS));
  g_assert_cmpstr (visible_page (window), ==, "main");

  close_windows (window);
}

/* Back Up Now */

static gint64
count_pupils (WmStore *store)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (store), "SELECT count(*) FROM pupils",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static gboolean
backup_idle (gpointer data)
{
  return !_wm_backup_dialog_is_busy (data);
}

static GtkWidget *
backup_field (AdwMessageDialog *dialog,
              guint             index)
{
  GtkWidget *child = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog));

  for (guint i = 0; i < index; i++)
    child = gtk_widget_get_next_sibling (child);

  return child;
}

static GtkEditable *
backup_entry (AdwMessageDialog *dialog,
              guint             index)
{
  return GTK_EDITABLE (backup_field (dialog, index));
}

/* Opens the dialog for @target and checks that it names the file and
 * warns that a lost passphrase cannot be recovered. */
static AdwMessageDialog *
open_backup_dialog (WmWindow   *window,
                    const char *target)
{
  g_autoptr(GFile) file = g_file_new_for_path (target);
  AdwMessageDialog *dialog;
  const char *body;

  g_assert_true (menu_has_action (GTK_WIDGET (window), "win.back-up"));
  _wm_backup_dialog_back_up_to (window, file);
  dialog = wait_for_dialog ("Back Up the Database");
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, target));
  g_assert_nonnull (strstr (body, "A lost passphrase cannot be recovered"));
  return dialog;
}

/* Two different passphrases keep the button off and show a note; the
 * same one twice writes an encrypted backup, named .wmbk in place of
 * .db, that verifies with that passphrase and no other. */
static void
test_back_up_encrypted (void)
{
  g_autofree char *database = make_database ("backed-up.db", 2);
  g_autofree char *folder = g_path_get_dirname (database);
  g_autofree char *target = test_path ("by-hand.db");
  g_autofree char *written = test_path ("by-hand.wmbk");
  g_autoptr(GError) error = NULL;
  WmWindow *window = open_window (database);
  AdwMessageDialog *dialog = open_backup_dialog (window, target);
  GtkWidget *note = backup_field (dialog, 2);
  g_autoptr(GtkWidget) first = NULL;

  gtk_editable_set_text (backup_entry (dialog, 0), PASSPHRASE);
  gtk_editable_set_text (backup_entry (dialog, 1), "correct horse");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "back-up"));
  g_assert_true (gtk_widget_get_visible (note));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (note)), ==, "The passphrases differ");

  gtk_editable_set_text (backup_entry (dialog, 1), PASSPHRASE);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "back-up"));
  g_assert_false (gtk_widget_get_visible (note));

  /* The entries forget the passphrase as soon as the dialog answers. */
  first = g_object_ref (GTK_WIDGET (backup_entry (dialog, 0)));
  adw_message_dialog_response (dialog, "back-up");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (first)), ==, "");
  g_assert_true (spin_until (backup_idle, window, WAIT_MS));

  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_assert_true (wm_crypt_is_encrypted_file (written));
  g_assert_false (wm_backup_verify (written, "correct horse", folder, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (wm_backup_verify (written, PASSPHRASE, folder, &error));
  g_assert_no_error (error);
  close_windows (window);
}

/* Both fields empty write a plain database. The save chooser has asked
 * before replacing a file, so a file already there is replaced. */
static void
test_back_up_plain_replaces (void)
{
  g_autofree char *database = make_database ("backed-up.db", 2);
  g_autofree char *target = test_path ("plain-by-hand.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) copy = NULL;
  WmWindow *window = open_window (database);
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (target, "an older file", -1, NULL));
  dialog = open_backup_dialog (window, target);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "back-up"));
  adw_message_dialog_response (dialog, "back-up");
  g_assert_true (spin_until (backup_idle, window, WAIT_MS));
  close_windows (window);

  g_assert_false (wm_crypt_is_encrypted_file (target));
  copy = wm_store_open (target, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_pupils (copy), ==, 2);
}

/* A backup onto the open database is rejected. The failure is shown,
 * the database still contains its pupil, and no half-written file is
 * left. */
static void
test_back_up_refuses_database (void)
{
  g_autofree char *database = make_database ("backed-up.db", 1);
  g_autofree char *folder = g_path_get_dirname (database);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GDir) dir = NULL;
  WmWindow *window = open_window (database);
  AdwMessageDialog *dialog = open_backup_dialog (window, database);
  AdwMessageDialog *failure;
  const char *name;

  adw_message_dialog_response (dialog, "back-up");
  failure = wait_for_dialog ("The Backup Was Not Written");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (failure), "is the open database"));
  g_assert_true (spin_until (backup_idle, window, WAIT_MS));
  close_windows (window);

  store = wm_store_open (database, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_pupils (store), ==, 1);
  dir = g_dir_open (folder, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_null (strstr (name, ".new-"));
}

/* A second launch */

typedef struct
{
  GSubprocess *process;
  gboolean     done;
} Waiter;

static void
on_process_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Waiter *waiter = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  waiter->done = TRUE;
}

static gboolean
waiter_done (gpointer data)
{
  return ((Waiter *) data)->done;
}

static gboolean
wait_for_exit (GSubprocess *process)
{
  Waiter waiter = { process, FALSE };

  g_subprocess_wait_async (process, NULL, on_process_done, &waiter);
  if (spin_until (waiter_done, &waiter, WAIT_MS))
    return TRUE;

  /* The callback still points at the waiter: end the process and let the
   * callback run before the waiter goes out of scope. */
  g_subprocess_force_exit (process);
  while (!waiter.done)
    g_main_context_iteration (NULL, TRUE);
  return FALSE;
}

static char *
application_object_path (void)
{
  g_autoptr(GString) path = g_string_new ("/" APPLICATION_ID);

  g_string_replace (path, ".", "/", 0);
  g_string_replace (path, "-", "_", 0);
  return g_string_free (g_steal_pointer (&path), FALSE);
}

typedef struct
{
  GDBusConnection *bus;
  char            *windows_path;
} Bus;

/* The number of windows the application exports on the bus, or -1 while
 * it is not on the bus. */
static int
count_windows (Bus *bus)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GDBusNodeInfo) node = NULL;
  const char *xml = NULL;
  int n = 0;

  reply = g_dbus_connection_call_sync (bus->bus, APPLICATION_ID, bus->windows_path,
                                       "org.freedesktop.DBus.Introspectable", "Introspect",
                                       NULL, G_VARIANT_TYPE ("(s)"),
                                       G_DBUS_CALL_FLAGS_NONE, 1000, NULL, NULL);
  if (reply == NULL)
    return -1;

  g_variant_get (reply, "(&s)", &xml);
  node = g_dbus_node_info_new_for_xml (xml, NULL);
  for (GDBusNodeInfo **child = node != NULL ? node->nodes : NULL;
       child != NULL && *child != NULL; child++)
    n++;

  return n;
}

static gboolean
one_window_exported (gpointer data)
{
  return count_windows (data) == 1;
}

static gboolean
log_has (gpointer data)
{
  const char **args = data;
  g_autofree char *text = NULL;

  return g_file_get_contents (args[0], &text, NULL, NULL) && strstr (text, args[1]) != NULL;
}

/* Copies the application's log at @path into the test's output, one
 * message a line. The log lives in the test's temporary folder, which is
 * deleted when the test ends, so a failing check shows it first. */
static void
print_log (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    {
      g_test_message ("There is no log at %s", path);
      return;
    }

  g_test_message ("The log %s:", path);
  lines = g_strsplit (text, "\n", -1);
  for (char **line = lines; *line != NULL; line++)
    g_test_message ("  %s", *line);
}

/* Waits for the log at @path to show @text, and shows the log when it
 * does not in time. */
static void
assert_log_shows (const char *path,
                  const char *text)
{
  const char *args[] = { path, text };

  if (!spin_until (log_has, args, WAIT_MS))
    print_log (path);
  g_assert_true (log_has (args));
}

/* Waits for @process, which logs to @log_path, to exit by itself with
 * status 0, and shows its log when it does not. */
static void
assert_exits_ok (GSubprocess *process,
                 const char  *log_path)
{
  gboolean ended = wait_for_exit (process);
  gboolean ok = ended && g_subprocess_get_if_exited (process)
                && g_subprocess_get_exit_status (process) == 0;

  if (!ok)
    print_log (log_path);
  g_assert_true (ended);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

/* Waits for the application, which logs to @log_path, to export its one
 * window on the bus, and shows its log when it does not. */
static void
assert_window_exported (Bus        *bus,
                        const char *log_path)
{
  if (!spin_until (one_window_exported, bus, WAIT_MS))
    print_log (log_path);
  g_assert_cmpint (count_windows (bus), ==, 1);
}

static GSubprocess *
launch (const char *database,
        const char *log_path)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *database_arg = g_strconcat ("--database=", database, NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  /* GLib writes debug lines to standard output, warnings to standard
   * error: the log gets both. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "Waymark", TRUE);
  g_subprocess_launcher_set_stdout_file_path (launcher, log_path);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("WAYMARK_BINARY"),
                                         database_arg, NULL);
  g_assert_no_error (error);
  return process;
}

static void
quit_application (Bus        *bus,
                  const char *app_path)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (bus->bus, APPLICATION_ID, app_path,
                                       "org.gtk.Actions", "Activate",
                                       g_variant_new ("(sava{sv})", "quit", NULL, NULL),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, WAIT_MS, NULL, &error);
  g_assert_no_error (error);
}

static gboolean
second_launch_can_run (void)
{
  if (g_getenv ("WAYMARK_BINARY") == NULL)
    {
      g_test_skip ("WAYMARK_BINARY is not set: the application was not built");
      return FALSE;
    }

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no session bus: run the display tests under dbus-run-session");
      return FALSE;
    }

  return TRUE;
}

/* The second process hands its activation to the first and exits 0; the
 * first is activated again with its one window open and presents it, and
 * no second window appears. */
static void
test_second_launch (void)
{
  g_autofree char *database = NULL;
  g_autofree char *first_log = test_path ("first.log");
  g_autofree char *second_log = test_path ("second.log");
  g_autofree char *app_path = application_object_path ();
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GError) error = NULL;
  Bus bus = { 0 };

  if (!second_launch_can_run ())
    return;

  database = make_database ("launch.db", 1);
  bus.bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  bus.windows_path = g_strconcat (app_path, "/window", NULL);
  g_assert_cmpint (count_windows (&bus), ==, -1);

  first = launch (database, first_log);
  assert_window_exported (&bus, first_log);

  second = launch (database, second_log);
  assert_exits_ok (second, second_log);

  assert_log_shows (first_log, "Activated with 1 open windows");
  g_assert_true (log_has ((const char *[]) { first_log, "Activated with 0 open windows" }));
  g_assert_false (log_has ((const char *[]) { second_log, "Activated with" }));
  g_assert_cmpint (count_windows (&bus), ==, 1);

  quit_application (&bus, app_path);
  assert_exits_ok (first, first_log);

  g_free (bus.windows_path);
  g_object_unref (bus.bus);
}

/* A second launch with another database: the running program keeps its
 * window on the first database and logs that it asked the officer, and
 * the second process exits 0 without a window of its own. */
static void
test_second_launch_other_database (void)
{
  g_autofree char *database = NULL;
  g_autofree char *other = NULL;
  g_autofree char *first_log = test_path ("first-other.log");
  g_autofree char *second_log = test_path ("second-other.log");
  g_autofree char *app_path = application_object_path ();
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GSubprocess) third = NULL;
  g_autoptr(GError) error = NULL;
  const char *asked[] = { first_log, "Started again with another database; asking" };
  g_autofree char *text = NULL;
  Bus bus = { 0 };

  if (!second_launch_can_run ())
    return;

  database = make_database ("launch-first.db", 1);
  other = make_database ("launch-other.db", 2);
  bus.bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  bus.windows_path = g_strconcat (app_path, "/window", NULL);

  first = launch (database, first_log);
  assert_window_exported (&bus, first_log);

  /* The same database again raises the window and asks nothing. */
  third = launch (database, second_log);
  assert_exits_ok (third, second_log);
  assert_log_shows (first_log, "Activated with 1 open windows");
  g_assert_false (log_has ((gpointer) asked));

  second = launch (other, second_log);
  assert_exits_ok (second, second_log);

  assert_log_shows (first_log, asked[1]);
  g_assert_false (log_has ((const char *[]) { second_log, "Activated with" }));
  g_assert_cmpint (count_windows (&bus), ==, 1);

  /* Exactly one question, for the one launch with another database. */
  g_assert_true (g_file_get_contents (first_log, &text, NULL, NULL));
  g_assert_null (strstr (strstr (text, asked[1]) + 1, asked[1]));

  quit_application (&bus, app_path);
  assert_exits_ok (first, first_log);

  g_free (bus.windows_path);
  g_object_unref (bus.bus);
}

/* The question names both files; "Open the Other" switches this window to
 * the other database, and "Keep This One" changes nothing. */
static void
test_offer_other_database (void)
{
  g_autofree char *database = make_database ("offer-first.db", 1);
  g_autofree char *other = make_database ("offer-other.db", 2);
  g_autofree char *expected = NULL;
  WmWindow *window = open_window (database);
  gpointer one[] = { window, GUINT_TO_POINTER (1) };
  gpointer two[] = { window, GUINT_TO_POINTER (2) };
  AdwMessageDialog *dialog;

  g_assert_true (spin_until (n_listed_is, one, WAIT_MS));
  _wm_database_recovery_offer_file (window, other);
  dialog = wait_for_dialog ("Open the Other Database?");
  expected = g_strdup_printf ("Waymark is already open with the database %s. It was started "
                              "again with %s. Open that database in this window in place of "
                              "the first?", database, other);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, expected);
  adw_message_dialog_response (dialog, "keep");
  g_assert_cmpstr (wm_window_get_database_path (window), ==, database);
  gtk_window_destroy (GTK_WINDOW (dialog));

  _wm_database_recovery_offer_file (window, other);
  dialog = wait_for_dialog ("Open the Other Database?");
  adw_message_dialog_response (dialog, "open");
  g_assert_cmpstr (wm_window_get_database_path (window), ==, other);
  g_assert_true (spin_until (n_listed_is, two, WAIT_MS));
  close_windows (window);
}

/* The isolated data folders hide the system's MIME database, without
 * which GTK cannot load the symbolic icons. */
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

  /* Non-unique, so that the test owns no name on the bus and the real
   * program started by the second-launch test is the primary instance. */
  application = wm_application_new ();
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add_data_func ("/database-window/refused/random-bytes", &random_bytes, test_bad_file);
  g_test_add_data_func ("/database-window/refused/half-file", &half_file, test_bad_file);
  g_test_add_data_func ("/database-window/refused/foreign-sqlite", &foreign_sqlite,
                        test_bad_file);
  g_test_add_data_func ("/database-window/refused/newer-schema", &newer_schema,
                        test_bad_file);
  g_test_add_func ("/database-window/open-another/switches", test_open_another);
  g_test_add_func ("/database-window/open-another/also-refused", test_open_another_bad);
  g_test_add_func ("/database-window/restore/plain", test_restore_plain);
  g_test_add_func ("/database-window/restore/encrypted", test_restore_encrypted);
  g_test_add_func ("/database-window/restore/wrong-passphrase", test_restore_wrong_passphrase);
  g_test_add_func ("/database-window/restore/over-open-database",
                   test_restore_over_open_database);
  g_test_add_func ("/database-window/back-up/encrypted", test_back_up_encrypted);
  g_test_add_func ("/database-window/back-up/plain-replaces", test_back_up_plain_replaces);
  g_test_add_func ("/database-window/back-up/refuses-database", test_back_up_refuses_database);
  g_test_add_func ("/database-window/second-launch/raises-window", test_second_launch);
  g_test_add_func ("/database-window/second-launch/other-database-asks",
                   test_second_launch_other_database);
  g_test_add_func ("/database-window/second-launch/offer-names-both",
                   test_offer_other_database);

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
