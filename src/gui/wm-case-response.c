/* wm-case-response.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "wm-case-response.h"
#include "wm-engine.h"
#include "wm-store-records.h"

/* The graduated response of one pupil is computed in a worker with its
 * own store. It reads every mark of the pupil, the case records and the
 * contacts, which on a long case is too slow for the main thread. */

typedef struct
{
  char   *database_path;
  gint64  pupil_id;
  WmDay   as_of;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->database_path);
  g_free (job);
}

/* Helpers */

static GArray *
load_record_days (WmStore  *store,
                  gint64    pupil_id,
                  GError  **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  GArray *days = g_array_new (FALSE, FALSE, sizeof (WmDay));

  entries = wm_store_list_timeline_filtered (store, pupil_id, NULL, WM_RECORD_LIST_DEFAULT,
                                             error);
  if (entries == NULL)
    {
      g_array_unref (days);
      return NULL;
    }

  /* Imports and level changes are on the Timeline too. Only the case
   * records are marked on the chart. */
  for (guint i = 0; i < entries->len; i++)
    {
      const WmTimelineEntry *entry = g_ptr_array_index (entries, i);

      if (entry->day != WM_DAY_NONE && wm_record_kind_lookup (entry->kind) != NULL)
        g_array_append_val (days, entry->day);
    }

  return days;
}

static gboolean
load_school (WmStore         *store,
             WmCaseResponse  *out,
             GError         **error)
{
  g_auto(WmPupilRecord) record = { 0 };
  g_autoptr(GError) local_error = NULL;
  gint64 school_id = 0;

  if (!wm_store_get_pupil (store, out->pupil_id, &record, &school_id, error)
      || !wm_store_load_rules (store, school_id, &out->rules, error))
    return FALSE;

  out->calendar = wm_store_load_calendar (store, school_id, error);
  if (out->calendar == NULL)
    return FALSE;

  out->reg = wm_store_load_register (store, out->pupil_id, school_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static WmCaseResponse *
load (WmStore  *store,
      LoadJob  *job,
      GError  **error)
{
  g_autoptr(WmCaseResponse) result = g_new0 (WmCaseResponse, 1);
  g_autoptr(WmEngine) engine = wm_engine_new (store, job->as_of);

  result->pupil_id = job->pupil_id;
  result->as_of = job->as_of;
  if (!load_school (store, result, error))
    return NULL;

  result->response = wm_engine_respond_pupil (engine, job->pupil_id, error);
  if (result->response == NULL)
    return NULL;

  result->record_days = load_record_days (store, job->pupil_id, error);
  if (result->record_days == NULL)
    return NULL;

  return g_steal_pointer (&result);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autoptr(WmStore) store = NULL;
  GError *error = NULL;
  WmCaseResponse *result = NULL;

  store = wm_store_open (job->database_path, &error);
  if (store != NULL)
    result = load (store, job, &error);

  if (result == NULL)
    {
      g_debug ("Computing the response of pupil %" G_GINT64_FORMAT " failed: %s",
               job->pupil_id, error->message);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, result, (GDestroyNotify) wm_case_response_free);
}

/* Public API */

void
wm_case_response_free (WmCaseResponse *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->response, wm_response_free);
  g_clear_pointer (&self->reg, wm_register_free);
  g_clear_pointer (&self->calendar, wm_calendar_unref);
  g_clear_pointer (&self->record_days, g_array_unref);
  g_free (self);
}

/**
 * wm_case_response_load_async:
 * @database_path: the database to open in the worker
 * @pupil_id: the pupil
 * @as_of: the evaluation date
 * @cancellable: (nullable): cancels the delivery of the result
 * @callback: called on the calling thread's main context when done
 * @user_data: for @callback
 *
 * Computes the pupil's graduated response in a worker thread with its own
 * store, and reads the register, calendar and record dates beside it.
 * Nothing is written.
 */
void
wm_case_response_load_async (const char          *database_path,
                             gint64               pupil_id,
                             WmDay                as_of,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job = g_new0 (LoadJob, 1);

  g_return_if_fail (database_path != NULL);
  g_return_if_fail (as_of != WM_DAY_NONE);

  job->database_path = g_strdup (database_path);
  job->pupil_id = pupil_id;
  job->as_of = as_of;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, wm_case_response_load_async);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_in_thread);
}

/**
 * wm_case_response_load_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError; %G_IO_ERROR_CANCELLED when the
 *   load was cancelled
 *
 * Returns: (transfer full) (nullable): the response, or %NULL with
 *   @error set
 */
WmCaseResponse *
wm_case_response_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * wm_legal_step_label:
 *
 * Returns: the step's name as the officer reads it
 */
const char *
wm_legal_step_label (WmLegalStep step)
{
  switch (step)
    {
    case WM_STEP_WARNING_LETTER:
      return _("Warning letter");
    case WM_STEP_NOTICE_TO_IMPROVE:
      return _("Notice to Improve");
    case WM_STEP_ATTENDANCE_CONTRACT:
      return _("Attendance contract");
    case WM_STEP_PENALTY_NOTICE:
      /* Translators: a fixed penalty notice for a child's absence from
       * school, requested from the local authority. */
      return _("Penalty notice request");
    case WM_STEP_PROSECUTION:
      return _("Prosecution");
    case WM_STEP_LEAVE_REFUSED_PENALTY:
      /* Translators: the head teacher asks for a penalty notice after a
       * holiday in term time that the school had refused. */
      return _("Penalty notice after refused leave");
    case WM_STEP_ESO_CONSIDERATION:
      return _("Education Supervision Order");
    case WM_N_LEGAL_STEPS:
    default:
      g_return_val_if_reached (NULL);
    }
}
