/* wm-bundle-jobs.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-bundle-jobs.h"

#include "wm-bundle-audit.h"

/* The evidence bundle's work off the main thread: exporting the PDF,
 * building and laying out the document to print, and auditing a print.
 * Each job opens its own store on the window's database path, as the
 * record saver does, so that a database locked by another program makes
 * the job wait, never the window. */

typedef struct
{
  char            *database_path;
  gint64           pupil_id;
  WmBundleOptions  options;
  char            *prepared_by;
  char            *path;
  guint            n_pages;
  gint            *progress_permille;
} BundleJob;

static void
bundle_job_free (BundleJob *job)
{
  g_free (job->database_path);
  g_free (job->prepared_by);
  g_free (job->path);
  g_free (job);
}

/* The options are copied with their strings, because the caller's may
 * change or go away while the job runs. */
static BundleJob *
bundle_job_new (const char            *database_path,
                gint64                 pupil_id,
                const WmBundleOptions *options)
{
  BundleJob *job = g_new0 (BundleJob, 1);

  job->database_path = g_strdup (database_path);
  job->pupil_id = pupil_id;
  job->options = *options;
  job->prepared_by = g_strdup (options->prepared_by);
  job->options.prepared_by = job->prepared_by;
  return job;
}

static GTask *
bundle_task_new (gpointer             source_object,
                 BundleJob           *job,
                 GCancellable        *cancellable,
                 gpointer             source_tag,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task = g_task_new (source_object, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) bundle_job_free);

  /* The worker's real outcome is reported, even after a late cancel,
   * because an export that finished has written its file and its audit
   * entry, and the window must show that. */
  g_task_set_check_cancellable (task, FALSE);
  return task;
}

/* Exporting */

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  BundleJob *job = user_data;

  g_atomic_int_set (job->progress_permille, (gint) (CLAMP (fraction, 0.0, 1.0) * 1000));
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  BundleJob *job = task_data;
  g_autoptr(WmStore) store = NULL;
  GError *error = NULL;

  store = wm_store_open (job->database_path, &error);
  if (store == NULL
      || !wm_bundle_export (store, job->pupil_id, &job->options, job->path,
                            cancellable, record_progress, job, &error))
    {
      g_debug ("Exporting the bundle of pupil %" G_GINT64_FORMAT " failed: %s",
               job->pupil_id, error->message);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * wm_bundle_jobs_export_async:
 * @source_object: (nullable): the object the result is reported to; it
 *   is kept alive until @callback has run
 * @database_path: the database to open in the worker
 * @pupil_id: the pupil
 * @options: what to put in the bundle; copied
 * @path: the PDF file to write
 * @cancellable: (nullable): stops the export, leaving no file
 * @progress_permille: where the worker stores the share done, in
 *   thousandths, with g_atomic_int_set(); it must stay valid until
 *   @callback has run, so it usually lives in @source_object
 * @callback: called on the calling thread's main context when done
 * @user_data: for @callback
 *
 * Runs wm_bundle_export() in a worker thread with a store of its own,
 * which writes the PDF and its audit entry.
 */
void
wm_bundle_jobs_export_async (gpointer                source_object,
                             const char             *database_path,
                             gint64                  pupil_id,
                             const WmBundleOptions  *options,
                             const char             *path,
                             GCancellable           *cancellable,
                             gint                   *progress_permille,
                             GAsyncReadyCallback     callback,
                             gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  BundleJob *job;

  g_return_if_fail (database_path != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (path != NULL);
  g_return_if_fail (progress_permille != NULL);

  job = bundle_job_new (database_path, pupil_id, options);
  job->path = g_strdup (path);
  job->progress_permille = progress_permille;
  g_atomic_int_set (progress_permille, 0);

  task = bundle_task_new (source_object, job, cancellable, wm_bundle_jobs_export_async,
                          callback, user_data);
  g_task_run_in_thread (task, export_in_thread);
}

/**
 * wm_bundle_jobs_export_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError; %G_IO_ERROR_CANCELLED after a
 *   cancel
 *
 * Returns: whether the PDF was written and the export audited
 */
gboolean
wm_bundle_jobs_export_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Building the document to print */

static void
render_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  BundleJob *job = task_data;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(WmDocument) document = NULL;
  WmRender *render = NULL;
  GError *error = NULL;

  store = wm_store_open (job->database_path, &error);
  if (store != NULL)
    document = wm_bundle_build (store, job->pupil_id, &job->options, cancellable, &error);
  if (document != NULL)
    render = wm_render_new (document, cancellable, &error);

  if (render == NULL)
    {
      g_debug ("Building the bundle of pupil %" G_GINT64_FORMAT " to print failed: %s",
               job->pupil_id, error->message);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, render, g_object_unref);
}

/**
 * wm_bundle_jobs_render_async:
 * @source_object: (nullable): the object the result is reported to
 * @database_path: the database to open in the worker
 * @pupil_id: the pupil
 * @options: what to put in the bundle; copied
 * @cancellable: (nullable): stops the build
 * @callback: called on the calling thread's main context when done
 * @user_data: for @callback
 *
 * Builds the pupil's bundle with wm_bundle_build() and lays it out on
 * pages with wm_render_new(), in a worker thread with a store of its
 * own. Nothing is written to the store.
 */
void
wm_bundle_jobs_render_async (gpointer                source_object,
                             const char             *database_path,
                             gint64                  pupil_id,
                             const WmBundleOptions  *options,
                             GCancellable           *cancellable,
                             GAsyncReadyCallback     callback,
                             gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (database_path != NULL);
  g_return_if_fail (options != NULL);

  task = bundle_task_new (source_object, bundle_job_new (database_path, pupil_id, options),
                          cancellable, wm_bundle_jobs_render_async, callback, user_data);
  g_task_run_in_thread (task, render_in_thread);
}

/**
 * wm_bundle_jobs_render_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the laid-out bundle, from now on used by the
 *   main thread alone; %NULL with @error set on failure or cancellation
 */
WmRender *
wm_bundle_jobs_render_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Auditing a print */

static void
audit_print_in_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  BundleJob *job = task_data;
  g_autoptr(WmStore) store = NULL;
  GError *error = NULL;

  store = wm_store_open (job->database_path, &error);
  if (store == NULL
      || !wm_bundle_audit_print (store, job->pupil_id, &job->options, job->n_pages, &error))
    {
      g_warning ("Could not audit the print of pupil %" G_GINT64_FORMAT "'s bundle: %s",
                 job->pupil_id, error->message);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * wm_bundle_jobs_audit_print_async:
 * @source_object: (nullable): the object the result is reported to
 * @database_path: the database to open in the worker
 * @pupil_id: the pupil whose bundle was printed
 * @options: the options the printed bundle was built with; copied
 * @n_pages: the number of pages of the printed bundle
 * @callback: called on the calling thread's main context when done
 * @user_data: for @callback
 *
 * Writes the print's audit entry with wm_bundle_audit_print() in a worker
 * thread with a store of its own. It cannot be cancelled, because the
 * print has already happened.
 */
void
wm_bundle_jobs_audit_print_async (gpointer                source_object,
                                  const char             *database_path,
                                  gint64                  pupil_id,
                                  const WmBundleOptions  *options,
                                  guint                   n_pages,
                                  GAsyncReadyCallback     callback,
                                  gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  BundleJob *job;

  g_return_if_fail (database_path != NULL);
  g_return_if_fail (options != NULL);

  job = bundle_job_new (database_path, pupil_id, options);
  job->n_pages = n_pages;
  task = bundle_task_new (source_object, job, NULL, wm_bundle_jobs_audit_print_async,
                          callback, user_data);
  g_task_run_in_thread (task, audit_print_in_thread);
}

/**
 * wm_bundle_jobs_audit_print_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: whether the audit entry was written
 */
gboolean
wm_bundle_jobs_audit_print_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
