/* wm-today-items.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-engine.h"
#include "wm-store-records.h"
#include "wm-today-items.h"

/* What the Today view lists, computed across the caseload in a worker
 * with its own store: the graduated response of every pupil as of the
 * day, sorted into sections.
 *
 * - A safeguarding concern overrides every other display of a case, so
 *   it has the first section, and within every section the pupils with a
 *   concern come first, as in the command line's list of what is due.
 * - Deadlines show once they are due today or overdue. The periods of a
 *   Notice to Improve and a penalty notice are legal deadlines; plan and
 *   contract reviews, agreed actions and planned visits are reviews.
 * - "New" means within the last week: a threshold first met in the last
 *   seven days, and a pupil whose level last changed in the last seven
 *   days and is now Level 3. An officer who opens Today once a week
 *   still finds each of them listed. */

#define NEW_DAYS 7

static const char * const legal_keys[] = {
  "notice-to-improve-end", "notice-to-improve-review", "penalty-reduced-period",
  "penalty-full-period", NULL
};

typedef struct
{
  char  *database_path;
  WmDay  as_of;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->database_path);
  g_free (job);
}

void
wm_today_item_free (WmTodayItem *item)
{
  if (item == NULL)
    return;

  g_free (item->name);
  g_free (item->upn);
  g_free (item->sentence);
  g_free (item);
}

/* Building items */

typedef struct
{
  GPtrArray            *items;
  const WmPupilSummary *pupil;
  gboolean              safeguarding;
} Collector;

static WmTodayItem *
add_item (Collector      *collector,
          WmTodaySection  section,
          WmDay           day,
          const char     *sentence)
{
  WmTodayItem *item = g_new0 (WmTodayItem, 1);

  item->section = section;
  item->pupil_id = collector->pupil->id;
  item->name = g_strdup_printf ("%s, %s", collector->pupil->surname ? collector->pupil->surname
                                                                    : "",
                                collector->pupil->forename ? collector->pupil->forename : "");
  item->upn = g_strdup (collector->pupil->upn);
  item->day = day;
  item->status = WM_DUE_LATER;
  item->sentence = g_strdup (sentence);
  g_ptr_array_add (collector->items, item);
  return item;
}

static WmTodaySection
deadline_section (const char *key)
{
  if (g_strcmp0 (key, "safeguarding-referral") == 0)
    return WM_TODAY_SAFEGUARDING;
  if (g_strv_contains (legal_keys, key))
    return WM_TODAY_LEGAL;

  return WM_TODAY_REVIEWS;
}

static void
add_deadlines (Collector        *collector,
               const WmResponse *response)
{
  for (guint i = 0; i < response->deadlines->len; i++)
    {
      const WmDeadline *deadline = g_ptr_array_index (response->deadlines, i);
      WmTodayItem *item;

      if (deadline->status == WM_DUE_LATER)
        continue;

      item = add_item (collector, deadline_section (deadline->key), deadline->day,
                       deadline->sentence);
      item->status = deadline->status;
      item->key = deadline->key;
      item->record_id = deadline->record_id;
    }
}

static void
add_routes (Collector        *collector,
            const WmResponse *response)
{
  for (guint i = 0; i < response->routes->len; i++)
    {
      const WmRoute *route = g_ptr_array_index (response->routes, i);

      if (route->kind == WM_ROUTE_SAFEGUARDING)
        add_item (collector, WM_TODAY_SAFEGUARDING, route->since,
                  route->sentence)->record_id = route->record_id;
      else if (route->kind == WM_ROUTE_PENALTY_THRESHOLD
               && response->threshold_met_on != WM_DAY_NONE
               && response->threshold_met_on + NEW_DAYS > response->as_of)
        add_item (collector, WM_TODAY_THRESHOLD, response->threshold_met_on,
                  route->sentence);
    }
}

/* The day of the pupil's latest level change on or before @as_of, or
 * %WM_DAY_NONE. */
static WmDay
latest_level_change (WmStore  *store,
                     gint64    pupil_id,
                     WmDay     as_of,
                     GError  **error)
{
  static const char * const kinds[] = { "level-change", NULL };
  g_autoptr(GPtrArray) entries = NULL;
  WmDay latest = WM_DAY_NONE;

  entries = wm_store_list_timeline_filtered (store, pupil_id, kinds, WM_RECORD_LIST_DEFAULT,
                                             error);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const WmTimelineEntry *entry = g_ptr_array_index (entries, i);

      if (entry->day <= as_of && entry->day > latest)
        latest = entry->day;
    }

  return latest;
}

static gboolean
add_level_3 (Collector        *collector,
             WmStore          *store,
             const WmResponse *response,
             GError          **error)
{
  const WmEvaluation *ev = &response->evaluation;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *reason = NULL;
  WmDay changed;

  if (ev->level != 3 || ev->level_high != 3)
    return TRUE;

  changed = latest_level_change (store, collector->pupil->id, response->as_of, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (changed == WM_DAY_NONE || changed + NEW_DAYS <= response->as_of)
    return TRUE;

  reason = wm_evaluation_describe (ev);
  add_item (collector, WM_TODAY_LEVEL_3, changed, reason);
  return TRUE;
}

static gint
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const WmTodayItem *ia = *(WmTodayItem * const *) a;
  const WmTodayItem *ib = *(WmTodayItem * const *) b;
  GHashTable *safeguarding = user_data;
  gboolean sa = g_hash_table_contains (safeguarding, &ia->pupil_id);
  gboolean sb = g_hash_table_contains (safeguarding, &ib->pupil_id);

  if (ia->section != ib->section)
    return (gint) ia->section - (gint) ib->section;
  if (sa != sb)
    return sa ? -1 : 1;
  if (ia->day != ib->day)
    return ia->day < ib->day ? -1 : 1;

  return ia->pupil_id < ib->pupil_id ? -1 : ia->pupil_id > ib->pupil_id;
}

/* The worker */

static gboolean
collect_pupil (Collector             *collector,
               WmStore               *store,
               WmEngine              *engine,
               GHashTable            *safeguarding,
               GError               **error)
{
  g_autoptr(WmResponse) response = wm_engine_respond_pupil (engine, collector->pupil->id,
                                                            error);

  if (response == NULL)
    return FALSE;

  if (wm_response_has_route (response, WM_ROUTE_SAFEGUARDING))
    g_hash_table_add (safeguarding, g_memdup2 (&collector->pupil->id, sizeof (gint64)));

  add_routes (collector, response);
  add_deadlines (collector, response);
  return add_level_3 (collector, store, response, error);
}

static GPtrArray *
collect (WmStore       *store,
         WmDay          as_of,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GPtrArray) pupils = wm_store_list_pupils (store, error);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) safeguarding = NULL;
  g_autoptr(WmEngine) engine = NULL;
  Collector collector;

  if (pupils == NULL)
    return NULL;

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_today_item_free);
  safeguarding = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  engine = wm_engine_new (store, as_of);
  collector = (Collector) { items, NULL, FALSE };

  for (guint i = 0; i < pupils->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      collector.pupil = g_ptr_array_index (pupils, i);
      if (!collect_pupil (&collector, store, engine, safeguarding, error))
        return NULL;
    }

  g_ptr_array_sort_with_data (items, compare_items, safeguarding);
  return g_steal_pointer (&items);
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
  GPtrArray *items = NULL;

  store = wm_store_open (job->database_path, &error);
  if (store != NULL)
    items = collect (store, job->as_of, cancellable, &error);

  if (items == NULL)
    {
      g_debug ("Listing what is due failed: %s", error->message);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

/* Public API */

/**
 * wm_today_items_load_async:
 * @database_path: the database to open in the worker
 * @as_of: the day, normally today
 * @cancellable: (nullable): stops the listing between pupils
 * @callback: called on the calling thread's main context when done
 * @user_data: for @callback
 *
 * Computes the response of every pupil as of @as_of in a worker thread
 * with its own store and sorts what needs the officer into the sections
 * of the Today view. Nothing is written.
 */
void
wm_today_items_load_async (const char          *database_path,
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
  job->as_of = as_of;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, wm_today_items_load_async);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_in_thread);
}

/**
 * wm_today_items_load_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type WmTodayItem) (nullable): the
 *   items in the order shown: by section, pupils with a safeguarding
 *   concern first, then the oldest date first
 */
GPtrArray *
wm_today_items_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
