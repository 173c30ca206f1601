/* wm-backup-scheduler.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-backup-scheduler.h"

#include <stdio.h>

#include "wm-backup.h"
#include "wm-gui.h"

/*
 * Automatic daily backups while the window is open. The time of the last
 * backup comes from the backup folder itself, because the newest automatic
 * backup's name contains its UTC time. A backup deleted by hand or a new
 * folder chosen in the preferences is then noticed, which a setting would
 * miss.
 *
 * The scheduler looks once a minute after the window opens and then every
 * hour, and a backup is made when the newest is 24 hours old. Checking
 * often instead of sleeping for 24 hours keeps the rhythm right after a
 * laptop has been suspended, when a long timer would fire late. The first
 * look waits a minute so that opening the window stays quick.
 */

#define FIRST_CHECK_SECONDS 60
#define CHECK_PERIOD_SECONDS (60 * 60)

/* A backup is due a minute early rather than an hour late. */
#define DUE_AGE_SECONDS (WM_BACKUP_INTERVAL_SECONDS - 60)

struct _WmBackupScheduler
{
  GObject       parent_instance;

  /* Owned */
  char         *database_path;
  GSettings    *settings;
  char         *last_failure;
  guint         timeout_id;
  gboolean      running;

  /* Cancelled in dispose, so that a backup that finishes later is
   * not reported. */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (WmBackupScheduler, wm_backup_scheduler, G_TYPE_OBJECT)

enum
{
  SIGNAL_BACKED_UP,
  SIGNAL_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The worker */

typedef struct
{
  char   *database_path;
  char   *folder;
  guint   keep;
  gint64  max_age_seconds;
} BackupJob;

static void
backup_job_free (BackupJob *job)
{
  g_free (job->database_path);
  g_free (job->folder);
  g_free (job);
}

/* Returns the UTC time in an automatic backup's name
 * (`waymark-YYYY-MM-DDTHHMMSSZ.db`) as a Unix time, or 0 when the name
 * cannot be read. */
static gint64
time_of_name (const char *name)
{
  g_autoptr(GDateTime) time = NULL;
  int y, mo, d, h, mi, s;

  if (sscanf (name, "waymark-%4d-%2d-%2dT%2d%2d%2dZ", &y, &mo, &d, &h, &mi, &s) != 6)
    return 0;

  time = g_date_time_new_utc (y, mo, d, h, mi, s);
  return time != NULL ? g_date_time_to_unix (time) : 0;
}

/* Returns the time of the newest automatic backup in @folder, or 0 when
 * there is none, as in a folder that does not exist yet. */
static gint64
newest_backup_time (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  gint64 newest = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (wm_backup_is_automatic_name (name))
      newest = MAX (newest, time_of_name (name));

  return newest;
}

static char *
run_backup (BackupJob  *job,
            GError    **error)
{
  g_autoptr(WmStore) store = NULL;
  g_autofree char *path = NULL;

  store = wm_store_open (job->database_path, error);
  if (store == NULL)
    return NULL;

  /* NOTE: automatic backups are plain SQLite files, as readable as the
   * database beside them; there is no passphrase setting yet. */
  path = wm_backup_create_automatic (store, job->folder, NULL, error);
  if (path == NULL || !wm_backup_rotate (job->folder, job->keep, NULL, error))
    return NULL;

  return g_steal_pointer (&path);
}

static void
backup_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  BackupJob *job = task_data;
  g_autoptr(GError) error = NULL;
  char *path;

  if (job->max_age_seconds >= 0)
    {
      gint64 age = g_get_real_time () / G_USEC_PER_SEC - newest_backup_time (job->folder);

      if (age < job->max_age_seconds)
        {
          g_task_return_pointer (task, NULL, NULL);
          return;
        }
    }

  path = run_backup (job, &error);
  if (path == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, path, g_free);
}

/**
 * wm_backup_run_async:
 * @database_path: the database to back up
 * @folder: the backup folder, created if missing
 * @keep: how many automatic backups to keep after this one, at least 1
 * @max_age_seconds: make the backup only when the newest automatic backup
 *   in @folder is at least this old; -1 to make it anyway
 * @cancellable: (nullable): cancels the report, not the copy, which is
 *   short and never leaves a partial file
 * @callback: called on the calling thread's main context when done
 * @user_data: for @callback
 *
 * Writes an automatic backup with a store of its own in a worker thread,
 * so the window never waits for the copy, then removes the oldest
 * automatic backups beyond @keep.
 */
void
wm_backup_run_async (const char          *database_path,
                     const char          *folder,
                     guint                keep,
                     gint64               max_age_seconds,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BackupJob *job;

  g_return_if_fail (database_path != NULL);
  g_return_if_fail (folder != NULL);
  g_return_if_fail (keep > 0);

  job = g_new0 (BackupJob, 1);
  job->database_path = g_strdup (database_path);
  job->folder = g_strdup (folder);
  job->keep = keep;
  job->max_age_seconds = max_age_seconds;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, wm_backup_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) backup_job_free);
  g_task_run_in_thread (task, backup_in_thread);
}

/**
 * wm_backup_run_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the new backup's path; %NULL
 *   with @error set on failure, or %NULL without an error when no backup
 *   was due
 */
char *
wm_backup_run_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * wm_backup_dup_folder:
 * @settings: (nullable): the application's settings
 * @database_path: the database
 *
 * Returns: (transfer full): the folder of the `backup-folder` setting, or
 *   the `backups` folder beside the database when the setting is empty
 */
char *
wm_backup_dup_folder (GSettings  *settings,
                      const char *database_path)
{
  g_autofree char *folder = NULL;
  g_autofree char *directory = NULL;

  if (settings != NULL)
    folder = g_settings_get_string (settings, "backup-folder");

  if (folder != NULL && *folder != '\0')
    return g_steal_pointer (&folder);

  directory = g_path_get_dirname (database_path);
  return g_build_filename (directory, "backups", NULL);
}

/* The schedule */

static void
on_backup_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WmBackupScheduler) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = wm_backup_run_finish (result, &error);

  WM_ASSERT_MAIN_THREAD ();
  self->running = FALSE;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (error != NULL)
    {
      /* A failure that repeats every hour is shown and logged once. */
      if (g_strcmp0 (error->message, self->last_failure) != 0)
        {
          g_warning ("Automatic backup failed: %s", error->message);
          g_signal_emit (self, signals[SIGNAL_FAILED], 0, error->message);
        }
      else
        g_debug ("Automatic backup failed again: %s", error->message);
      g_free (self->last_failure);
      self->last_failure = g_strdup (error->message);
      return;
    }

  g_clear_pointer (&self->last_failure, g_free);
  if (path != NULL)
    {
      g_debug ("Automatic backup written to %s", path);
      g_signal_emit (self, signals[SIGNAL_BACKED_UP], 0, path);
    }
}

static void
check_now (WmBackupScheduler *self)
{
  g_autofree char *schedule = g_settings_get_string (self->settings, "backup-schedule");
  g_autofree char *folder = NULL;

  if (self->running || g_strcmp0 (schedule, "daily") != 0)
    return;

  folder = wm_backup_dup_folder (self->settings, self->database_path);
  self->running = TRUE;
  wm_backup_run_async (self->database_path, folder,
                       MAX (1, g_settings_get_uint (self->settings, "backup-keep")),
                       DUE_AGE_SECONDS, self->cancellable, on_backup_done,
                       g_object_ref (self));
}

static gboolean
on_period (gpointer user_data)
{
  check_now (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_first_check (gpointer user_data)
{
  WmBackupScheduler *self = user_data;

  check_now (self);
  self->timeout_id = g_timeout_add_seconds (CHECK_PERIOD_SECONDS, on_period, self);
  return G_SOURCE_REMOVE;
}

/* Turning the schedule on starts the rhythm again, so that the first
 * backup follows within a minute. */
static void
on_schedule_changed (WmBackupScheduler *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_seconds (FIRST_CHECK_SECONDS, on_first_check, self);
}

/* Overrides */

static void
wm_backup_scheduler_dispose (GObject *object)
{
  WmBackupScheduler *self = WM_BACKUP_SCHEDULER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (wm_backup_scheduler_parent_class)->dispose (object);
}

static void
wm_backup_scheduler_finalize (GObject *object)
{
  WmBackupScheduler *self = WM_BACKUP_SCHEDULER (object);

  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->last_failure, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (wm_backup_scheduler_parent_class)->finalize (object);
}

static void
wm_backup_scheduler_class_init (WmBackupSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_backup_scheduler_dispose;
  object_class->finalize = wm_backup_scheduler_finalize;

  /**
   * WmBackupScheduler::backed-up:
   * @path: the new backup
   */
  signals[SIGNAL_BACKED_UP] = g_signal_new ("backed-up", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * WmBackupScheduler::failed:
   * @message: why the backup failed, meant for the officer
   */
  signals[SIGNAL_FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
wm_backup_scheduler_init (WmBackupScheduler *self)
{
  self->cancellable = g_cancellable_new ();
}

/* Public API */

/**
 * wm_backup_scheduler_new:
 * @database_path: the database to back up
 * @settings: the application's settings, which hold the schedule, the
 *   folder and how many backups to keep
 *
 * Starts backing the database up daily while the scheduler lives, when
 * the `backup-schedule` setting is "daily". Failures are reported through
 * #WmBackupScheduler::failed.
 *
 * Returns: (transfer full): a new scheduler
 */
WmBackupScheduler *
wm_backup_scheduler_new (const char *database_path,
                         GSettings  *settings)
{
  WmBackupScheduler *self;

  g_return_val_if_fail (database_path != NULL, NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (WM_TYPE_BACKUP_SCHEDULER, NULL);
  self->database_path = g_strdup (database_path);
  self->settings = g_object_ref (settings);
  g_signal_connect_swapped (settings, "changed::backup-schedule",
                            G_CALLBACK (on_schedule_changed), self);
  on_schedule_changed (self);
  return self;
}

/**
 * wm_backup_scheduler_check_now:
 *
 * Makes a backup now if one is due and none is being written, as the
 * next hourly check would, and reports a failure the same way. The tests
 * call it because they cannot wait for the first check.
 */
void
wm_backup_scheduler_check_now (WmBackupScheduler *self)
{
  g_return_if_fail (WM_IS_BACKUP_SCHEDULER (self));

  check_now (self);
}

/**
 * wm_backup_scheduler_is_running:
 *
 * Returns: whether an automatic backup is being written
 */
gboolean
wm_backup_scheduler_is_running (WmBackupScheduler *self)
{
  g_return_val_if_fail (WM_IS_BACKUP_SCHEDULER (self), FALSE);

  return self->running;
}
