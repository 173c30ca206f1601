/* test-preferences-window.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The preferences window under a real display (Xvfb). The tests open it
 * through the window's action, change rule values through its rows and
 * check what the database then contains: the value, its audit entry and
 * the pupil's new evaluation. A value out of range or in conflict with
 * another rule must be rejected with its reason shown, and a school can
 * have a value of its own.
 *
 * The backup tests check that "Back Up Now" writes a backup in the
 * configured folder, that an automatic backup is made only when the
 * newest is a day old, and that a restore replaces the database and
 * reopens the window on it. The last test undoes a deletion with Ctrl+Z.
 * Every wait is a bounded spin of the main context.
 */

#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "wm-application.h"
#include "wm-backup-scheduler.h"
#include "wm-backup.h"
#include "wm-case-view.h"
#include "wm-case.h"
#include "wm-database-recovery.h"
#include "wm-preferences-window.h"
#include "wm-store-records.h"
#include "wm-store-response-rules.h"
#include "wm-test-display.h"
#include "wm-timeline-page.h"
#include "wm-window.h"

typedef struct
{
  char                *db_path;
  char                *backup_folder;
  WmStore             *store;
  gint64               school_id;
  gint64               pupil_id;
  WmWindow            *window;
  WmPreferencesWindow *preferences;
} Fixture;

static WmApplication *application;

static gboolean
window_idle (gpointer data)
{
  return !wm_window_is_busy (data);
}

static gboolean
preferences_idle (gpointer data)
{
  return !wm_preferences_window_is_busy (data);
}

/* Reading the database */

static gint64
query_int (WmStore    *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_text (WmStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static guint
count_automatic_backups (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    n += wm_backup_is_automatic_name (name);

  return n;
}

/* Fixture: one pupil with six school weeks of marks, the window open and
 * evaluated, the preferences open */

/* Two weeks away (20 unauthorised sessions), then four weeks present.
 * The default 4-week window counts none of the absence, and a 6-week
 * window counts all of it. */
static void
import_marks (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmRegister) reg = NULL;
  gint64 import_id;

  reg = wm_register_new_from_string (wm_day_from_iso ("2026-10-05"),
                                     "OOOOOOOOOO OOOOOOOOOO /\\/\\/\\/\\/\\ /\\/\\/\\/\\/\\ "
                                     "/\\/\\/\\/\\/\\ /\\/\\/\\/\\/\\", &error);
  g_assert_no_error (error);
  g_assert_true (wm_store_begin (fixture->store, &error));
  import_id = wm_store_begin_import (fixture->store, "csv", "marks.csv", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wm_store_merge_marks (fixture->store, import_id, fixture->pupil_id,
                                       fixture->school_id, reg, NULL, NULL, &error));
  g_assert_true (wm_store_finish_import (fixture->store, import_id, fixture->school_id, 1, 60,
                                         60, NULL, &error));
  g_assert_true (wm_store_rebuild_calendar (fixture->store, fixture->school_id, &error));
  g_assert_true (wm_store_mark_dirty (fixture->store, fixture->pupil_id, &error));
  g_assert_true (wm_store_commit (fixture->store, &error));
  g_assert_no_error (error);
}

static gboolean
pupil_listed (gpointer data)
{
  Fixture *fixture = data;

  return wm_pupil_list_get_n_pupils (wm_window_get_pupil_list (fixture->window)) == 1
         && !wm_window_is_busy (fixture->window);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GSettings *settings = wm_application_get_settings (application);
  g_autoptr(GError) error = NULL;
  const char *dir = g_get_user_data_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  fixture->db_path = g_build_filename (dir, "preferences.db", NULL);
  fixture->backup_folder = g_build_filename (dir, "chosen backups", NULL);
  g_settings_set_string (settings, "backup-folder", fixture->backup_folder);
  g_settings_set_uint (settings, "backup-keep", 2);

  fixture->store = wm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  fixture->pupil_id = wm_test_add_pupil (fixture->store, "801200026001", &fixture->school_id);
  import_marks (fixture);

  fixture->window = wm_test_present_window (application, fixture->db_path);
  g_assert_true (wm_test_spin_until (pupil_listed, fixture, WM_TEST_WAIT_MS));

  /* The menu item and Ctrl+, both activate this action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.preferences",
                                             NULL));
  fixture->preferences = wm_test_find_toplevel (WM_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (fixture->preferences);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GSettings *settings = wm_application_get_settings (application);

  wm_test_destroy_windows (&fixture->window);

  g_settings_reset (settings, "backup-folder");
  g_settings_reset (settings, "backup-keep");
  g_clear_object (&fixture->store);
  g_free (fixture->backup_folder);
  g_free (fixture->db_path);
}

/* Applies @text to a rule's row as Enter does, and waits for the save. */
static void
apply_rule (Fixture    *fixture,
            const char *key,
            const char *text)
{
  GtkWidget *row = wm_preferences_window_get_rule_row (fixture->preferences, key);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  g_assert_true (wm_test_spin_until (preferences_idle, fixture->preferences, WM_TEST_WAIT_MS));
}

/* Rules */

static void
test_level_band_saved (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;
  GtkWidget *row;
  WmRules rules;

  row = wm_preferences_window_get_rule_row (fixture->preferences, WM_RULE_LEVEL1_FLOOR);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "90.0");

  apply_rule (fixture, WM_RULE_LEVEL1_FLOOR, "92.5");

  g_assert_null (wm_preferences_window_get_rule_message (fixture->preferences,
                                                         WM_RULE_LEVEL1_FLOOR));
  g_assert_true (wm_store_load_rules (fixture->store, 0, &rules, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rules.level1_floor_tenths, ==, 925);
  g_assert_cmpuint (rules.level2_floor_tenths, ==, 800);

  detail = query_text (fixture->store,
                       "SELECT detail FROM audit_log WHERE action = 'set-rule' "
                       "ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (detail, ==, "key=level1-floor-tenths school=all old=900 new=925");
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM audit_log WHERE action = 'set-rule'"),
                   ==, 1);
  g_assert_true (wm_store_verify_audit (fixture->store, NULL, &error));
  g_assert_no_error (error);
}

/* A longer level window reaches back to the two weeks away: the
 * evaluator runs again after the change without being asked. */
static void
test_window_change_reevaluates (Fixture       *fixture,
                                gconstpointer  data)
{
  g_assert_cmpint (query_int (fixture->store, "SELECT window_weeks FROM evaluations"), ==, 4);
  g_assert_cmpint (query_int (fixture->store, "SELECT window_unauthorised FROM evaluations"),
                   ==, 0);

  /* The save wakes the evaluator before it reports back, so the window
   * is busy until the pupil has been evaluated again. */
  apply_rule (fixture, WM_RULE_LEVEL_WINDOW, "6");
  g_assert_true (wm_test_spin_until (window_idle, fixture->window, WM_TEST_WAIT_MS));

  g_assert_cmpint (query_int (fixture->store, "SELECT window_weeks FROM evaluations"), ==, 6);
  g_assert_cmpint (query_int (fixture->store, "SELECT window_unauthorised FROM evaluations"),
                   ==, 20);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM dirty_pupils"), ==, 0);
}

static void
test_out_of_range_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *row;
  WmRules rules;

  apply_rule (fixture, WM_RULE_LEVEL1_FLOOR, "120");

  row = wm_preferences_window_get_rule_row (fixture->preferences, WM_RULE_LEVEL1_FLOOR);
  g_assert_cmpstr (wm_preferences_window_get_rule_message (fixture->preferences,
                                                           WM_RULE_LEVEL1_FLOOR),
                   ==, "“Level 1 from (%)” must be a percentage from 0.1 to 100.0, with at "
                       "most one decimal place. The value was not saved.");
  g_assert_true (gtk_widget_has_css_class (row, "error"));

  apply_rule (fixture, WM_RULE_LEVEL1_FLOOR, "ninety");
  g_assert_cmpstr (wm_preferences_window_get_rule_message (fixture->preferences,
                                                           WM_RULE_LEVEL1_FLOOR),
                   ==, "“Level 1 from (%)” must be a percentage from 0.1 to 100.0, with at "
                       "most one decimal place. The value was not saved.");

  /* Level 2 may not start above Level 1. */
  apply_rule (fixture, WM_RULE_LEVEL2_FLOOR, "95");
  g_assert_cmpstr (wm_preferences_window_get_rule_message (fixture->preferences,
                                                           WM_RULE_LEVEL2_FLOOR),
                   ==, "Level 1 must start at a higher attendance than Level 2. The value "
                       "was not saved.");

  apply_rule (fixture, WM_RULE_IMPROVEMENT_MAX_WEEKS, "0");
  g_assert_cmpstr (wm_preferences_window_get_rule_message (fixture->preferences,
                                                           WM_RULE_IMPROVEMENT_MAX_WEEKS),
                   ==, "“Longest period (weeks)” must be a whole number from 1 to 13. The "
                       "value was not saved.");

  apply_rule (fixture, WM_RULE_IMPROVEMENT_MAX_WEEKS, "2");
  g_assert_cmpstr (wm_preferences_window_get_rule_message (fixture->preferences,
                                                           WM_RULE_IMPROVEMENT_MAX_WEEKS),
                   ==, "The shortest Notice to Improve period cannot be longer than the "
                       "longest. The value was not saved.");

  g_assert_true (wm_store_load_rules (fixture->store, 0, &rules, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rules.level1_floor_tenths, ==, 900);
  g_assert_cmpuint (rules.level2_floor_tenths, ==, 800);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM audit_log WHERE action = 'set-rule'"),
                   ==, 0);

  /* A good value clears the message and the row's error style. */
  apply_rule (fixture, WM_RULE_LEVEL1_FLOOR, "91");
  g_assert_null (wm_preferences_window_get_rule_message (fixture->preferences,
                                                         WM_RULE_LEVEL1_FLOOR));
  g_assert_false (gtk_widget_has_css_class (row, "error"));
}

/* A school's own value overrides the value for every school, and the
 * legal-step rules share the table with the level rules. */
static void
test_school_value (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *expected = NULL;
  WmResponseRules school, every;
  WmRules rules;

  wm_preferences_window_select_school (fixture->preferences, fixture->school_id);
  apply_rule (fixture, WM_RULE_LEAVE_REFUSED_SESSIONS, "12");

  g_assert_true (wm_store_load_response_rules (fixture->store, fixture->school_id, &school,
                                               &error));
  g_assert_true (wm_store_load_response_rules (fixture->store, 0, &every, &error));
  g_assert_true (wm_store_load_rules (fixture->store, fixture->school_id, &rules, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (school.leave_refused_sessions, ==, 12);
  g_assert_cmpuint (every.leave_refused_sessions, ==, 10);
  g_assert_cmpuint (rules.level1_floor_tenths, ==, 900);

  detail = query_text (fixture->store,
                       "SELECT detail FROM audit_log WHERE action = 'set-rule' "
                       "ORDER BY id DESC LIMIT 1");
  expected = g_strdup_printf ("key=leave-refused-sessions school=%" G_GINT64_FORMAT
                              " old=10 new=12", fixture->school_id);
  g_assert_cmpstr (detail, ==, expected);

  /* Every school again shows the value for every school. */
  wm_preferences_window_select_school (fixture->preferences, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
                     wm_preferences_window_get_rule_row (fixture->preferences,
                                                         WM_RULE_LEAVE_REFUSED_SESSIONS))),
                   ==, "10");
}

/* Backups */

static GtkWindow *
find_titled (const char *title)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (gtk_widget_get_visible (l->data)
        && g_strcmp0 (gtk_window_get_title (l->data), title) == 0)
      return l->data;

  return NULL;
}

static gboolean
titled_shown (gpointer data)
{
  return find_titled (data) != NULL;
}

/* "Back Up Now…" is the main window's: the Preferences window closes and
 * the save chooser opens, transient for the main window. */
static void
test_back_up_now (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWindow *chooser;

  wm_preferences_window_back_up_now (fixture->preferences);
  g_assert_null (wm_test_find_toplevel (WM_TYPE_PREFERENCES_WINDOW));

  g_assert_true (wm_test_spin_until (titled_shown, (gpointer) "Back Up the Database",
                                     WM_TEST_WAIT_MS));
  chooser = find_titled ("Back Up the Database");
  g_assert_true (GTK_IS_FILE_CHOOSER (chooser));
  g_assert_true (gtk_window_get_transient_for (chooser) == GTK_WINDOW (fixture->window));
  g_assert_cmpuint (count_automatic_backups (fixture->backup_folder), ==, 0);

  /* Cancelling closes the chooser and writes nothing. */
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  wm_test_spin_for (50);
  g_assert_null (find_titled ("Back Up the Database"));
}

typedef struct
{
  gboolean  done;
  char     *path;
  GError   *error;
} BackupResult;

static void
on_backup_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  BackupResult *backup = user_data;

  backup->path = wm_backup_run_finish (result, &backup->error);
  backup->done = TRUE;
}

static gboolean
backup_done (gpointer data)
{
  return ((BackupResult *) data)->done;
}

static char *
run_backup (Fixture *fixture,
            gint64   max_age)
{
  BackupResult backup = { 0 };

  wm_backup_run_async (fixture->db_path, fixture->backup_folder, 2, max_age, NULL,
                       on_backup_done, &backup);
  g_assert_true (wm_test_spin_until (backup_done, &backup, WM_TEST_WAIT_MS));
  g_assert_no_error (backup.error);
  return backup.path;
}

/* The scheduler's check: a backup is made when none is a day old, not
 * again while the newest is younger, and the folder keeps the newest
 * two. */
static void
test_automatic_backup_due (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *first = run_backup (fixture, WM_BACKUP_INTERVAL_SECONDS);
  g_autofree char *second = NULL;

  g_assert_nonnull (first);
  g_assert_true (g_file_test (first, G_FILE_TEST_IS_REGULAR));

  second = run_backup (fixture, WM_BACKUP_INTERVAL_SECONDS);
  g_assert_null (second);
  g_assert_cmpuint (count_automatic_backups (fixture->backup_folder), ==, 1);

  /* Backup names contain the time to the second, so each forced backup
   * waits for the next second. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *forced = NULL;

      wm_test_spin_for (1100);
      forced = run_backup (fixture, -1);
      g_assert_nonnull (forced);
    }

  g_assert_cmpuint (count_automatic_backups (fixture->backup_folder), ==, 2);
  g_assert_false (g_file_test (first, G_FILE_TEST_EXISTS));
}

static gboolean
dialog_shown (gpointer data)
{
  return wm_test_find_message_dialog (data) != NULL;
}

static AdwMessageDialog *
wait_for_dialog (const char *heading)
{
  g_assert_true (wm_test_spin_until (dialog_shown, (gpointer) heading, WM_TEST_WAIT_MS));
  return wm_test_find_message_dialog (heading);
}

static gboolean
restored_and_listed (gpointer data)
{
  Fixture *fixture = data;

  return !_wm_database_recovery_is_busy (fixture->window)
         && wm_pupil_list_get_n_pupils (wm_window_get_pupil_list (fixture->window)) == 1;
}

/* The Preferences restore is the main window's restore: it closes the
 * Preferences window, asks the passphrase of an encrypted backup, names
 * both files before replacing, and the main window opens the restored
 * database. The pupil added after the backup is gone, and the replaced
 * file is kept. */
static void
test_restore_encrypted (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->backup_folder, "named.wmbk", NULL);
  g_autofree char *kept_path = g_strconcat (fixture->db_path, WM_BACKUP_BEFORE_RESTORE_SUFFIX,
                                            NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (backup);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  gint64 school_id;

  g_assert_cmpint (g_mkdir_with_parents (fixture->backup_folder, 0700), ==, 0);
  g_assert_true (wm_backup_create (fixture->store, backup, "a long passphrase", &error));
  g_assert_no_error (error);
  wm_test_add_pupil (fixture->store, "801200026002", &school_id);
  g_clear_object (&fixture->store);

  wm_preferences_window_restore (fixture->preferences, file);
  g_assert_null (wm_test_find_toplevel (WM_TYPE_PREFERENCES_WINDOW));

  dialog = wait_for_dialog ("Unlock the Backup");
  entry = adw_message_dialog_get_extra_child (dialog);
  gtk_editable_set_text (GTK_EDITABLE (entry), "a long passphrase");
  adw_message_dialog_response (dialog, "unlock");

  dialog = wait_for_dialog ("Replace the Database?");
  expected = g_strdup_printf ("The database %s is replaced by the backup %s. Anything recorded "
                              "since the backup was made is no longer shown. The replaced file "
                              "is kept as %s.", fixture->db_path, backup, kept_path);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, expected);
  adw_message_dialog_response (dialog, "replace");
  g_assert_true (wm_test_spin_until (restored_and_listed, fixture, WM_TEST_WAIT_MS));

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  g_assert_cmpstr (wm_window_get_database_path (fixture->window), ==, fixture->db_path);
  g_assert_true (g_file_test (kept_path, G_FILE_TEST_IS_REGULAR));
  fixture->store = wm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM pupils"), ==, 1);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM audit_log WHERE action = 'restore'"),
                   ==, 1);
}

/* Undo */

static gboolean
page_idle (gpointer data)
{
  return !wm_timeline_page_is_busy (data);
}

static gint64
add_note (Fixture *fixture)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GError) error = NULL;
  gint64 case_id, id;

  case_id = wm_case_open (fixture->store, fixture->pupil_id, wm_day_from_ymd (2026, 11, 2),
                          "Attendance below 90%", "A. Officer", "A. Officer", &error);
  g_assert_no_error (error);
  json_object_set_string_member (body, "date", "2026-11-03");
  json_object_set_string_member (body, "text", "Phoned home");
  id = wm_record_save_draft (fixture->store, case_id, 0, "note", body, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wm_record_finalise (fixture->store, id, NULL, &error));
  g_assert_no_error (error);
  return id;
}

static gboolean
is_deleted (Fixture *fixture,
            gint64   record_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmRecord) record = wm_record_get (fixture->store, record_id, &error);

  g_assert_no_error (error);
  return record->deleted_at != NULL;
}

/* Ctrl+Z does what the deletion toast's Undo button does, while the
 * toast is up, and only once. */
static void
test_ctrl_z_undoes_deletion (Fixture       *fixture,
                             gconstpointer  data)
{
  gint64 record_id = add_note (fixture);
  WmTimelinePage *page;
  AdwTabPage *tab;

  gtk_window_destroy (GTK_WINDOW (fixture->preferences));
  wm_window_open_pupil (fixture->window, fixture->pupil_id);
  tab = adw_tab_view_get_nth_page (wm_window_get_tab_view (fixture->window), 0);
  page = WM_TIMELINE_PAGE (wm_test_find_descendant (adw_tab_page_get_child (tab),
                                                    WM_TYPE_TIMELINE_PAGE));

  wm_record_viewer_delete (wm_timeline_page_open_record (page, record_id));
  g_assert_true (wm_test_spin_until (page_idle, page, WM_TEST_WAIT_MS));
  g_assert_true (is_deleted (fixture, record_id));
  g_assert_nonnull (wm_timeline_page_get_undo_toast (page));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_assert_true (wm_test_spin_until (page_idle, page, WM_TEST_WAIT_MS));
  g_assert_false (is_deleted (fixture, record_id));
  g_assert_null (wm_timeline_page_get_undo_toast (page));

  /* With the toast gone there is nothing left to undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_assert_false (wm_timeline_page_is_busy (page));
  g_assert_false (is_deleted (fixture, record_id));
}

/* School calendar */

/* Types @text into a field of the School Calendar form. */
static void
type_into (Fixture    *fixture,
           const char *field,
           const char *text)
{
  GtkWidget *row = wm_preferences_window_get_calendar_field (fixture->preferences, field);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_widget_grab_focus (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  gtk_editable_insert_text (GTK_EDITABLE (row), text, -1, &(int) { 0 });
}

/* Presses Enter in a field, as the keyboard does: the field's text
 * activates, and the form saves. */
static void
press_enter (Fixture    *fixture,
             const char *field)
{
  GtkWidget *row = wm_preferences_window_get_calendar_field (fixture->preferences, field);
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (row));

  g_assert_true (GTK_IS_TEXT (text));
  g_signal_emit_by_name (text, "activate");
  g_assert_true (wm_test_spin_until (preferences_idle, fixture->preferences, WM_TEST_WAIT_MS));
}

static char *
stored_calendar (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) terms = wm_store_list_terms (fixture->store, fixture->school_id,
                                                    &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < terms->len; i++)
    {
      const WmSchoolTerm *term = g_ptr_array_index (terms, i);
      g_autofree char *first = wm_day_to_iso (term->first_day);
      g_autofree char *last = wm_day_to_iso (term->last_day);

      g_string_append_printf (text, "%s%s|%s|%s|%s", i > 0 ? ";" : "",
                              term->kind == WM_TERM_KIND_TERM ? "term" : "closure",
                              term->name, first, last);
    }

  return g_string_free (text, FALSE);
}

/* A term and a training day inside it, typed and entered with the
 * keyboard, reach the store, the audit log and the list. A date that
 * does not exist is rejected with the field named. */
static void
test_calendar_keyboard (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *kind;
  g_autofree char *stored = NULL;

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (fixture->preferences),
                                                "calendar");
  wm_preferences_window_select_calendar_school (fixture->preferences, fixture->school_id);
  g_assert_cmpuint (wm_preferences_window_get_calendar_n_rows (fixture->preferences), ==, 0);

  type_into (fixture, "name", "Spring 2");
  type_into (fixture, "first-day", "23/02/2026");
  type_into (fixture, "last-day", "31/02/2026");
  press_enter (fixture, "last-day");
  g_assert_cmpstr (wm_preferences_window_get_calendar_message (fixture->preferences), ==,
                   "Last day: “31/02/2026” is not a date that exists. Type it as dd/mm/yyyy, "
                   "such as 23/02/2026.");

  type_into (fixture, "last-day", "27/03/2026");
  press_enter (fixture, "last-day");
  g_assert_null (wm_preferences_window_get_calendar_message (fixture->preferences));

  kind = wm_preferences_window_get_calendar_field (fixture->preferences, "kind");
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), 1);
  type_into (fixture, "name", "Training day");
  type_into (fixture, "first-day", "2/3/2026");
  type_into (fixture, "last-day", "02/03/2026");
  press_enter (fixture, "name");
  g_assert_null (wm_preferences_window_get_calendar_message (fixture->preferences));

  stored = stored_calendar (fixture);
  g_assert_cmpstr (stored, ==,
                   "term|Spring 2|2026-02-23|2026-03-27;"
                   "closure|Training day|2026-03-02|2026-03-02");
  g_assert_cmpuint (wm_preferences_window_get_calendar_n_rows (fixture->preferences), ==, 2);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM audit_log WHERE action = 'term-add'"),
                   ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
                     wm_preferences_window_get_calendar_field (fixture->preferences, "name"))),
                   ==, "");
}

/* A closure outside every term is refused by the store, with its
 * reason shown and nothing saved. */
static void
test_calendar_refused (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *kind = wm_preferences_window_get_calendar_field (fixture->preferences, "kind");

  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), 1);
  type_into (fixture, "name", "Training day");
  type_into (fixture, "first-day", "02/03/2026");
  type_into (fixture, "last-day", "02/03/2026");
  press_enter (fixture, "last-day");

  g_assert_cmpstr (wm_preferences_window_get_calendar_message (fixture->preferences), ==,
                   "The first and last days of the closure “Training day” (2 March 2026) do "
                   "not lie inside one term: enter the term first, or change the closure's "
                   "days");
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM school_closures"), ==, 0);
}

/* Schools */

static void
type_school_field (Fixture    *fixture,
                   const char *field,
                   const char *text)
{
  GtkWidget *row = wm_preferences_window_get_schools_field (fixture->preferences, field);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_widget_grab_focus (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  gtk_editable_insert_text (GTK_EDITABLE (row), text, -1, &(int) { 0 });
}

static const char *
school_field_text (Fixture    *fixture,
                   const char *field)
{
  return gtk_editable_get_text (GTK_EDITABLE (
    wm_preferences_window_get_schools_field (fixture->preferences, field)));
}

static void
press_enter_in_school_field (Fixture    *fixture,
                             const char *field)
{
  GtkWidget *row = wm_preferences_window_get_schools_field (fixture->preferences, field);
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (row));

  g_signal_emit_by_name (text, "activate");
  g_assert_true (wm_test_spin_until (preferences_idle, fixture->preferences, WM_TEST_WAIT_MS));
}

/* A telephone with a dash is rejected with the field named and marked,
 * keeping what was typed and saving nothing. Once corrected, the details
 * reach the store (the address with a line per part) and one audit entry. */
static void
test_school_details (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(WmSchoolDetails) stored = { 0 };
  g_autoptr(GError) error = NULL;
  GtkWidget *phone = wm_preferences_window_get_schools_field (fixture->preferences, "phone");
  const char *audits = "SELECT count(*) FROM audit_log WHERE action = 'school-details'";

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (fixture->preferences),
                                                "schools");
  wm_preferences_window_select_schools_school (fixture->preferences, fixture->school_id);
  type_school_field (fixture, "address", "Mill Lane,  Millbrook MB1 1AA");
  type_school_field (fixture, "phone", "01632-960222");
  type_school_field (fixture, "signatory-name", "Ann Head");
  type_school_field (fixture, "signatory-role", "Headteacher");
  press_enter_in_school_field (fixture, "phone");

  g_assert_cmpstr (wm_preferences_window_get_schools_message (fixture->preferences), ==,
                   "Telephone: '-' is not allowed. Write the number with digits, spaces "
                   "and +, such as \"01632 960 123\".");
  g_assert_true (gtk_widget_has_css_class (phone, "error"));
  g_assert_cmpstr (school_field_text (fixture, "phone"), ==, "01632-960222");
  g_assert_cmpstr (school_field_text (fixture, "signatory-name"), ==, "Ann Head");
  g_assert_cmpint (query_int (fixture->store, audits), ==, 0);

  type_school_field (fixture, "phone", "01632 960222");
  press_enter_in_school_field (fixture, "signatory-role");
  g_assert_null (wm_preferences_window_get_schools_message (fixture->preferences));
  g_assert_false (gtk_widget_has_css_class (phone, "error"));

  g_assert_true (wm_store_get_school_details (fixture->store, fixture->school_id, &stored,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stored.address, ==, "Mill Lane\nMillbrook MB1 1AA");
  g_assert_cmpstr (stored.phone, ==, "01632 960222");
  g_assert_null (stored.email);
  g_assert_cmpstr (stored.signatory_name, ==, "Ann Head");
  g_assert_cmpstr (stored.signatory_role, ==, "Headteacher");
  g_assert_cmpint (query_int (fixture->store, audits), ==, 1);
  wm_test_save_screenshot (GTK_WIDGET (fixture->preferences), "preferences-schools", 0);
}

static void
add_test (const char *path,
          void (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  wm_test_display_init (&argc, &argv);
  application = wm_test_application_new ();

  add_test ("/preferences-window/rules/level-band-saved-and-audited", test_level_band_saved);
  add_test ("/preferences-window/rules/window-change-reevaluates",
            test_window_change_reevaluates);
  add_test ("/preferences-window/rules/out-of-range-refused", test_out_of_range_refused);
  add_test ("/preferences-window/rules/school-value", test_school_value);
  add_test ("/preferences-window/backups/back-up-now", test_back_up_now);
  add_test ("/preferences-window/backups/automatic-when-due", test_automatic_backup_due);
  add_test ("/preferences-window/backups/restore-encrypted", test_restore_encrypted);
  add_test ("/preferences-window/undo/ctrl-z-undoes-deletion", test_ctrl_z_undoes_deletion);
  add_test ("/preferences-window/calendar/term-and-closure-by-keyboard",
            test_calendar_keyboard);
  add_test ("/preferences-window/calendar/closure-outside-term-refused",
            test_calendar_refused);
  add_test ("/preferences-window/schools/details-checked-and-saved", test_school_details);

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
