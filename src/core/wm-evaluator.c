/* wm-evaluator.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-evaluator.h"

#include "wm-engine.h"
#include "wm-error.h"
#include "wm-response-summary.h"
#include "wm-store.h"

/*
 * The worker thread and the GObject share a refcounted Shared block, so
 * the thread never holds a reference on the evaluator itself. Disposing
 * the evaluator stops and joins the thread. Results still on their way to
 * the main context find the evaluator through a weak reference, and are
 * dropped when it is gone.
 */
typedef struct
{
  gatomicrefcount  ref_count;
  GMutex           mutex;
  GCond            cond;

  /* Protected by the mutex. */
  gboolean         wake_pending;
  gboolean         evaluate_all;
  gboolean         stopping;
  gboolean         busy;
  WmDay            as_of;

  /* Set once at construction. */
  char            *database_path;
  GMainContext    *main_context;
  GWeakRef         evaluator;
  GCancellable    *cancellable;
} Shared;

struct _WmEvaluator
{
  GObject  parent_instance;

  Shared  *shared;
  GThread *thread;
};

G_DEFINE_FINAL_TYPE (WmEvaluator, wm_evaluator, G_TYPE_OBJECT)

enum
{
  SIGNAL_EVALUATED,
  SIGNAL_IDLE,
  SIGNAL_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* At most this many pupils go into one "evaluated" emission, so that a
 * full evaluation updates the window in steps instead of once at the end. */
#define POST_BATCH 1000

/* Pupils saved per transaction. */
#define SAVE_BATCH 500

static Shared *
shared_ref (Shared *shared)
{
  g_atomic_ref_count_inc (&shared->ref_count);
  return shared;
}

static void
shared_unref (Shared *shared)
{
  if (!g_atomic_ref_count_dec (&shared->ref_count))
    return;

  g_mutex_clear (&shared->mutex);
  g_cond_clear (&shared->cond);
  g_weak_ref_clear (&shared->evaluator);
  g_clear_object (&shared->cancellable);
  g_main_context_unref (shared->main_context);
  g_free (shared->database_path);
  g_free (shared);
}

typedef enum
{
  POST_EVALUATED,
  POST_IDLE,
  POST_FAILED,
} PostKind;

typedef struct
{
  Shared   *shared;
  PostKind  kind;
  GArray   *pupil_ids;
  GError   *error;
} Post;

static void
post_free (gpointer data)
{
  Post *post = data;

  g_clear_pointer (&post->pupil_ids, g_array_unref);
  g_clear_error (&post->error);
  shared_unref (post->shared);
  g_free (post);
}

static gboolean
post_dispatch (gpointer data)
{
  Post *post = data;
  g_autoptr(WmEvaluator) self = g_weak_ref_get (&post->shared->evaluator);

  if (self == NULL)
    return G_SOURCE_REMOVE;

  switch (post->kind)
    {
    case POST_EVALUATED:
      g_signal_emit (self, signals[SIGNAL_EVALUATED], 0, post->pupil_ids);
      break;
    case POST_IDLE:
      g_signal_emit (self, signals[SIGNAL_IDLE], 0);
      break;
    case POST_FAILED:
      g_signal_emit (self, signals[SIGNAL_FAILED], 0, post->error);
      break;
    default:
      g_assert_not_reached ();
    }

  return G_SOURCE_REMOVE;
}

static void
shared_post (Shared   *shared,
             PostKind  kind,
             GArray   *pupil_ids,
             GError   *error)
{
  Post *post = g_new0 (Post, 1);
  GSource *source;

  post->shared = shared_ref (shared);
  post->kind = kind;
  post->pupil_ids = pupil_ids;
  post->error = error;

  /* An idle source rather than g_main_context_invoke_full(), which runs
   * the function at once in the calling thread whenever it can acquire
   * the context: that would emit the signals in the worker. The idle
   * priority lets GTK lay out and paint a frame between two batches. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_callback (source, post_dispatch, post, post_free);
  g_source_set_static_name (source, "[waymark] evaluator result");
  g_source_attach (source, shared->main_context);
  g_source_unref (source);
}

/* Marks the pupils dirty again after a failed pass, so that the next
 * pass tries them again. */
static void
put_back (WmStore *store,
          GArray  *pupil_ids)
{
  for (guint i = 0; i < pupil_ids->len; i++)
    wm_store_mark_dirty (store, g_array_index (pupil_ids, gint64, i), NULL);
}

typedef struct
{
  Shared   *shared;
  WmEngine *engine;
  WmStore  *store;
  GArray   *pending;
} PassData;

static void
pass_pupil_done (PassData *pass,
                 gint64    pupil_id)
{
  g_array_append_val (pass->pending, pupil_id);
  if (pass->pending->len >= POST_BATCH)
    {
      shared_post (pass->shared, POST_EVALUATED, pass->pending, NULL);
      pass->pending = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
}

/* One pupil: the full response, then its evaluation and its summary. The
 * response contains the evaluation, so the register is read once. */
static gboolean
respond_and_save (PassData  *pass,
                  gint64     pupil_id,
                  GError   **error)
{
  g_autoptr(WmResponse) response = NULL;
  WmResponseSummary summary;

  response = wm_engine_respond_pupil (pass->engine, pupil_id, error);
  if (response == NULL)
    return FALSE;

  wm_response_summarize (response, &summary);
  return wm_store_save_evaluation (pass->store, pupil_id, &response->evaluation,
                                   NULL, error)
         && wm_store_save_response_summary (pass->store, pupil_id, &summary,
                                            error);
}

/* A few hundred pupils per transaction, as wm_engine_evaluate_and_save()
 * does: a large pass neither holds the write lock for long nor pays for
 * one transaction per pupil. A pupil's evaluation and summary are
 * written in the same transaction, so they never describe different
 * dates. */
static gboolean
respond_batch (PassData  *pass,
               GArray    *pupil_ids,
               guint      start,
               guint      end,
               GError   **error)
{
  if (!wm_store_begin (pass->store, error))
    return FALSE;

  for (guint i = start; i < end; i++)
    if (!respond_and_save (pass, g_array_index (pupil_ids, gint64, i), error))
      {
        wm_store_rollback (pass->store);
        return FALSE;
      }

  if (!wm_store_commit (pass->store, error))
    return FALSE;

  /* Posted only once committed, so the window reads the new rows. */
  for (guint i = start; i < end; i++)
    pass_pupil_done (pass, g_array_index (pupil_ids, gint64, i));
  return TRUE;
}

static gboolean
respond_all (PassData  *pass,
             GArray    *pupil_ids,
             GError   **error)
{
  for (guint start = 0; start < pupil_ids->len; start += SAVE_BATCH)
    {
      if (g_cancellable_set_error_if_cancelled (pass->shared->cancellable,
                                                error))
        return FALSE;

      if (!respond_batch (pass, pupil_ids, start,
                          MIN (start + SAVE_BATCH, pupil_ids->len), error))
        return FALSE;
    }

  return TRUE;
}

/* The dirty pupils, and at the first pass or after a change of date the
 * pupils whose stored evaluation or summary is missing or of another
 * date. */
static GArray *
take_pupils (WmStore   *store,
             WmDay      as_of,
             gboolean   evaluate_all,
             GError   **error)
{
  g_autoptr(GArray) pupil_ids = NULL;
  g_autoptr(GArray) stale = NULL;

  /* Taking the dirty set also when everything is re-evaluated empties it,
   * so the pupils are not evaluated twice. */
  pupil_ids = wm_store_take_dirty (store, error);
  if (pupil_ids == NULL || !evaluate_all)
    return g_steal_pointer (&pupil_ids);

  stale = wm_store_list_stale_pupil_ids (store, as_of, error);
  if (stale == NULL)
    {
      put_back (store, pupil_ids);
      return NULL;
    }

  /* The dirty pupils are evaluated too, even when their stored
   * evaluation is of today, because their data changed since. */
  g_array_append_vals (stale, pupil_ids->data, pupil_ids->len);
  return g_steal_pointer (&stale);
}

static gboolean
run_pass (Shared    *shared,
          WmStore   *store,
          WmDay      as_of,
          gboolean   evaluate_all,
          GError   **error)
{
  g_autoptr(GArray) pupil_ids = NULL;
  g_autoptr(WmEngine) engine = NULL;
  g_autoptr(GError) local_error = NULL;
  PassData pass = { shared, NULL, store, NULL };
  gboolean ok;

  pupil_ids = take_pupils (store, as_of, evaluate_all, error);
  if (pupil_ids == NULL)
    return FALSE;

  if (pupil_ids->len == 0)
    return TRUE;

  g_debug ("Evaluating %u pupils", pupil_ids->len);

  engine = wm_engine_new (store, as_of);
  pass.engine = engine;
  pass.pending = g_array_new (FALSE, FALSE, sizeof (gint64));
  ok = respond_all (&pass, pupil_ids, &local_error);

  if (pass.pending->len > 0)
    shared_post (shared, POST_EVALUATED, pass.pending, NULL);
  else
    g_array_unref (pass.pending);

  if (!ok)
    {
      /* Put the pupils back, so the next pass tries them again. */
      put_back (store, pupil_ids);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static gpointer
worker_main (gpointer data)
{
  Shared *shared = data;
  g_autoptr(WmStore) store = NULL;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gboolean evaluate_all;
      WmDay as_of;

      g_mutex_lock (&shared->mutex);
      while (!shared->wake_pending && !shared->stopping)
        g_cond_wait (&shared->cond, &shared->mutex);

      if (shared->stopping)
        {
          g_mutex_unlock (&shared->mutex);
          break;
        }

      shared->wake_pending = FALSE;
      shared->busy = TRUE;
      evaluate_all = shared->evaluate_all;
      shared->evaluate_all = FALSE;
      as_of = shared->as_of;
      g_mutex_unlock (&shared->mutex);

      if (store == NULL)
        store = wm_store_open (shared->database_path, &error);

      if (store != NULL)
        run_pass (shared, store, as_of, evaluate_all, &error);

      if (error != NULL && !g_error_matches (error, G_IO_ERROR,
                                             G_IO_ERROR_CANCELLED))
        {
          g_warning ("Evaluation failed: %s", error->message);
          shared_post (shared, POST_FAILED, NULL, g_steal_pointer (&error));
        }

      g_mutex_lock (&shared->mutex);
      shared->busy = shared->wake_pending;
      if (!shared->busy && !shared->stopping)
        shared_post (shared, POST_IDLE, NULL, NULL);
      g_mutex_unlock (&shared->mutex);
    }

  shared_unref (shared);
  return NULL;
}

void
wm_evaluator_stop (WmEvaluator *self)
{
  g_return_if_fail (WM_IS_EVALUATOR (self));

  if (self->thread == NULL)
    return;

  g_cancellable_cancel (self->shared->cancellable);

  g_mutex_lock (&self->shared->mutex);
  self->shared->stopping = TRUE;
  g_cond_signal (&self->shared->cond);
  g_mutex_unlock (&self->shared->mutex);

  g_thread_join (g_steal_pointer (&self->thread));
}

static void
wm_evaluator_dispose (GObject *object)
{
  WmEvaluator *self = WM_EVALUATOR (object);

  wm_evaluator_stop (self);

  G_OBJECT_CLASS (wm_evaluator_parent_class)->dispose (object);
}

static void
wm_evaluator_finalize (GObject *object)
{
  WmEvaluator *self = WM_EVALUATOR (object);

  g_clear_pointer (&self->shared, shared_unref);

  G_OBJECT_CLASS (wm_evaluator_parent_class)->finalize (object);
}

static void
wm_evaluator_class_init (WmEvaluatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_evaluator_dispose;
  object_class->finalize = wm_evaluator_finalize;

  /**
   * WmEvaluator::evaluated:
   * @pupil_ids: (element-type gint64): the pupils whose evaluation was saved
   */
  signals[SIGNAL_EVALUATED] =
    g_signal_new ("evaluated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ARRAY);

  signals[SIGNAL_IDLE] =
    g_signal_new ("idle", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * WmEvaluator::failed:
   * @error: (type GError): what went wrong, in words meant for the user
   */
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
wm_evaluator_init (WmEvaluator *self)
{
}

/**
 * wm_evaluator_new:
 * @database_path: the database the worker opens its own connection to
 * @as_of: the evaluation date
 *
 * Starts the worker. Its signals are emitted in the thread-default main
 * context of the calling thread. The first pass, started by the first
 * wm_evaluator_wake(), also evaluates every pupil whose stored evaluation
 * is missing or of another date.
 *
 * Returns: (transfer full): a new evaluator
 */
WmEvaluator *
wm_evaluator_new (const char *database_path,
                  WmDay       as_of)
{
  WmEvaluator *self;
  Shared *shared;

  g_return_val_if_fail (database_path != NULL, NULL);
  g_return_val_if_fail (as_of != WM_DAY_NONE, NULL);

  self = g_object_new (WM_TYPE_EVALUATOR, NULL);

  shared = g_new0 (Shared, 1);
  g_atomic_ref_count_init (&shared->ref_count);
  g_mutex_init (&shared->mutex);
  g_cond_init (&shared->cond);
  shared->as_of = as_of;
  shared->evaluate_all = TRUE;
  shared->database_path = g_strdup (database_path);
  shared->main_context = g_main_context_ref_thread_default ();
  shared->cancellable = g_cancellable_new ();
  g_weak_ref_init (&shared->evaluator, self);
  self->shared = shared;

  self->thread = g_thread_new ("waymark-evaluator", worker_main,
                               shared_ref (shared));
  return self;
}

/**
 * wm_evaluator_wake:
 *
 * Asks the worker to evaluate the pupils marked dirty in the database.
 * Calls that arrive while a pass runs are coalesced into one more pass.
 */
void
wm_evaluator_wake (WmEvaluator *self)
{
  g_return_if_fail (WM_IS_EVALUATOR (self));

  g_mutex_lock (&self->shared->mutex);
  self->shared->wake_pending = TRUE;
  self->shared->busy = TRUE;
  g_cond_signal (&self->shared->cond);
  g_mutex_unlock (&self->shared->mutex);
}

/**
 * wm_evaluator_set_as_of:
 *
 * Changes the evaluation date and re-evaluates every pupil whose stored
 * evaluation is of another date.
 */
void
wm_evaluator_set_as_of (WmEvaluator *self,
                        WmDay        as_of)
{
  g_return_if_fail (WM_IS_EVALUATOR (self));
  g_return_if_fail (as_of != WM_DAY_NONE);

  g_mutex_lock (&self->shared->mutex);
  if (self->shared->as_of != as_of)
    {
      self->shared->as_of = as_of;
      self->shared->evaluate_all = TRUE;
    }
  g_mutex_unlock (&self->shared->mutex);

  wm_evaluator_wake (self);
}

WmDay
wm_evaluator_get_as_of (WmEvaluator *self)
{
  WmDay as_of;

  g_return_val_if_fail (WM_IS_EVALUATOR (self), WM_DAY_NONE);

  g_mutex_lock (&self->shared->mutex);
  as_of = self->shared->as_of;
  g_mutex_unlock (&self->shared->mutex);
  return as_of;
}

/**
 * wm_evaluator_is_busy:
 *
 * Returns: whether a pass is running or about to run
 */
gboolean
wm_evaluator_is_busy (WmEvaluator *self)
{
  gboolean busy;

  g_return_val_if_fail (WM_IS_EVALUATOR (self), FALSE);

  g_mutex_lock (&self->shared->mutex);
  busy = self->shared->busy;
  g_mutex_unlock (&self->shared->mutex);
  return busy;
}
