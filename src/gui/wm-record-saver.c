/* wm-record-saver.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-record-saver.h"

#include "wm-store-records.h"

/* Case records are written in a worker thread with a store of its own,
 * opened on the window's database path. When another program locks the
 * database, the worker waits out the busy timeout and the window stays
 * responsive. Each save is one short task, because opening the store
 * again is cheap next to the pause in typing that it follows. */

typedef struct
{
  char             *database_path;
  WmRecordSaveMode  mode;
  gint64            case_id;
  gint64            record_id;
  char             *kind;
  JsonObject       *body;
  char             *reason;
  char             *author;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_free (job->database_path);
  g_free (job->kind);
  g_clear_pointer (&job->body, json_object_unref);
  g_free (job->reason);
  g_free (job->author);
  g_free (job);
}

/* A draft that is finalised is saved first with the latest values, so
 * that a finalise refused for a wrong field leaves those values in the
 * draft. The draft's id is kept in the job either way, so that the next
 * save replaces this draft instead of starting another. */
static gboolean
save_final (WmStore  *store,
            SaveJob  *job,
            GError  **error)
{
  gint64 id = wm_record_save_draft (store, job->case_id, job->record_id,
                                    job->kind, job->body, job->author, error);

  if (id == 0)
    return FALSE;

  job->record_id = id;
  return wm_record_finalise (store, id, job->author, error);
}

static gboolean
run_job (WmStore  *store,
         SaveJob  *job,
         GError  **error)
{
  gint64 id;

  switch (job->mode)
    {
    case WM_RECORD_SAVE_DRAFT:
      id = wm_record_save_draft (store, job->case_id, job->record_id,
                                 job->kind, job->body, job->author, error);
      if (id != 0)
        job->record_id = id;
      return id != 0;

    case WM_RECORD_SAVE_FINAL:
      return save_final (store, job, error);

    case WM_RECORD_SAVE_AMEND:
      return wm_record_amend (store, job->record_id, job->body, job->reason,
                              job->author, error);

    case WM_RECORD_SAVE_DELETE:
      return wm_record_delete (store, job->record_id, job->author, error);

    case WM_RECORD_SAVE_RESTORE:
      return wm_record_restore (store, job->record_id, job->author, error);

    default:
      g_assert_not_reached ();
    }
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SaveJob *job = task_data;
  g_autoptr(WmStore) store = NULL;
  GError *error = NULL;

  store = wm_store_open (job->database_path, &error);
  if (store == NULL || !run_job (store, job, &error))
    {
      g_debug ("Saving record %" G_GINT64_FORMAT " failed: %s",
               job->record_id, error->message);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * wm_record_saver_run_async:
 * @database_path: the database to open in the worker
 * @mode: what to do
 * @case_id: for drafts, the case the record belongs to
 * @record_id: the record, or 0 for a new draft
 * @kind: (nullable): for drafts, the record's kind
 * @body: (nullable): for drafts and amendments, the values; a reference
 *   is taken, so the caller must not change @body afterwards
 * @reason: (nullable): for amendments, why the record is amended
 * @author: (nullable): the officer
 * @callback: called on the calling thread's main context when done
 * @user_data: for @callback
 *
 * Writes a case record in a worker thread with its own store. Saves are
 * not cancellable: once the officer's words are handed over they are
 * written, even if the form that sent them has closed.
 */
void
wm_record_saver_run_async (const char          *database_path,
                           WmRecordSaveMode     mode,
                           gint64               case_id,
                           gint64               record_id,
                           const char          *kind,
                           JsonObject          *body,
                           const char          *reason,
                           const char          *author,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveJob *job = g_new0 (SaveJob, 1);

  g_return_if_fail (database_path != NULL);

  job->database_path = g_strdup (database_path);
  job->mode = mode;
  job->case_id = case_id;
  job->record_id = record_id;
  job->kind = g_strdup (kind);
  job->body = body != NULL ? json_object_ref (body) : NULL;
  job->reason = g_strdup (reason);
  job->author = g_strdup (author);

  task = g_task_new (NULL, NULL, callback, user_data);
  g_task_set_source_tag (task, wm_record_saver_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_in_thread);
}

/**
 * wm_record_saver_run_finish:
 * @result: the result passed to the callback
 * @out_record_id: (out) (optional): the record's id, also after a
 *   failed finalise, when the draft was saved
 * @error: return location for a #GError; %WM_ERROR_BUSY when the
 *   database stayed locked past the busy timeout
 *
 * Returns: whether the save succeeded
 */
gboolean
wm_record_saver_run_finish (GAsyncResult  *result,
                            gint64        *out_record_id,
                            GError       **error)
{
  SaveJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (out_record_id != NULL)
    *out_record_id = job->record_id;

  return g_task_propagate_boolean (G_TASK (result), error);
}
