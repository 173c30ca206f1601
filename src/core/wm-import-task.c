/* wm-import-task.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-import-task.h"

#include "wm-store.h"

typedef struct
{
  GTask          *task;
  char           *database_path;
  char           *file_path;
  WmProgressFunc  progress;
  gpointer        progress_data;
  GMainContext   *main_context;

  /* The last fraction posted, in thousandths, so that the main context
   * gets at most a thousand progress updates however often the importer
   * reports. Touched only by the worker thread. */
  gint            last_posted;
} ImportData;

static void
import_data_free (gpointer data)
{
  ImportData *import = data;

  g_main_context_unref (import->main_context);
  g_free (import->database_path);
  g_free (import->file_path);
  g_free (import);
}

typedef struct
{
  GTask          *task;
  WmProgressFunc  progress;
  gpointer        progress_data;
  double          fraction;
} ProgressPost;

static void
progress_post_free (gpointer data)
{
  ProgressPost *post = data;

  g_object_unref (post->task);
  g_free (post);
}

static gboolean
progress_dispatch (gpointer data)
{
  ProgressPost *post = data;

  /* A report that reaches the main context after the import finished is
   * dropped, because the caller may have freed its progress data by then. */
  if (!g_task_get_completed (post->task))
    post->progress (post->fraction, post->progress_data);

  return G_SOURCE_REMOVE;
}

static void
import_report_progress (double   fraction,
                        gpointer user_data)
{
  ImportData *import = user_data;
  ProgressPost *post;
  GSource *source;
  gint thousandths = (gint) (fraction * 1000);

  if (import->progress == NULL || thousandths == import->last_posted)
    return;

  import->last_posted = thousandths;
  post = g_new (ProgressPost, 1);
  post->task = g_object_ref (import->task);
  post->progress = import->progress;
  post->progress_data = import->progress_data;
  post->fraction = fraction;

  /* An idle source rather than g_main_context_invoke_full(), which would
   * call the function in this worker thread whenever the main thread is
   * not iterating the context at that moment. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_dispatch, post, progress_post_free);
  g_source_set_static_name (source, "[waymark] import progress");
  g_source_attach (source, import->main_context);
  g_source_unref (source);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *import = task_data;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(WmImportReport) report = NULL;
  GError *error = NULL;

  store = wm_store_open (import->database_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  report = wm_import_file (store, import->file_path, cancellable,
                           import_report_progress, import, &error);
  if (report == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&report),
                         (GDestroyNotify) wm_import_report_free);
}

/**
 * wm_import_file_async:
 * @database_path: the database to import into; the worker opens its own
 *   connection to it
 * @file_path: the file to import
 * @cancellable: (nullable): cancels the import, which then changes nothing
 * @progress: (nullable) (scope notified): called with the fraction done in
 *   the caller's thread-default main context, never in the worker
 * @progress_data: data for @progress; it must stay valid until @callback
 *   runs, after which no more progress is reported
 * @callback: called when the import has finished
 * @user_data: data for @callback
 *
 * Imports a file in a worker thread, so the caller's main loop keeps
 * turning. The import is all or nothing, as wm_import_file() is.
 */
void
wm_import_file_async (const char          *database_path,
                      const char          *file_path,
                      GCancellable        *cancellable,
                      WmProgressFunc       progress,
                      gpointer             progress_data,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *import;

  g_return_if_fail (database_path != NULL);
  g_return_if_fail (file_path != NULL);

  import = g_new0 (ImportData, 1);
  import->database_path = g_strdup (database_path);
  import->file_path = g_strdup (file_path);
  import->progress = progress;
  import->progress_data = progress_data;
  import->main_context = g_main_context_ref_thread_default ();
  import->last_posted = -1;

  task = g_task_new (NULL, cancellable, callback, user_data);
  import->task = task;
  g_task_set_source_tag (task, wm_import_file_async);
  /* Once the worker has committed, the import has happened: a Cancel that
   * arrives after that must not turn the report into "cancelled". The
   * importer itself checks the cancellable up to the commit. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_name (task, "[waymark] import");
  g_task_set_task_data (task, import, import_data_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * wm_import_file_finish:
 *
 * Returns: (transfer full): the report, or %NULL with @error set; a
 *   cancelled import gives %G_IO_ERROR_CANCELLED
 */
WmImportReport *
wm_import_file_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
