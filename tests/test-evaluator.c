/* test-evaluator.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The background work: the import task and the evaluator worker, each with
 * its own SQLite connection, reporting to this thread's main context.
 */

#include "wm-test-util.h"
#include "wm-ctf.h"
#include "wm-evaluator.h"
#include "wm-import-task.h"
#include "wm-sample.h"
#include "wm-store.h"

typedef struct
{
  char        *db_path;
  char        *ctf_path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  guint n_pupils = GPOINTER_TO_UINT (data);
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  WmSampleOptions options;

  fixture->db_path = wm_test_file_path ("worker.db");
  fixture->ctf_path = wm_test_file_path ("school.xml");

  wm_sample_options_init (&options);
  options.n_pupils = n_pupils;
  options.seed = 11;
  wm_sample_write_ctf_file (&options, fixture->ctf_path, &error);
  g_assert_no_error (error);

  /* Create the database on this thread first, as the application does. */
  store = wm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->db_path);
  g_free (fixture->ctf_path);
}

typedef struct
{
  GThread        *main_thread;
  WmImportReport *report;
  GError         *error;
  gboolean        done;
  guint           n_progress;
  gboolean        progress_off_thread;
  double          last_fraction;
  gint64          last_tick;
  gint64          max_gap;
  guint           n_ticks;
} ImportWatch;

static void
on_import_progress (double   fraction,
                    gpointer user_data)
{
  ImportWatch *watch = user_data;

  watch->n_progress++;
  watch->last_fraction = fraction;
  if (g_thread_self () != watch->main_thread)
    watch->progress_off_thread = TRUE;
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ImportWatch *watch = user_data;

  watch->report = wm_import_file_finish (result, &watch->error);
  watch->done = TRUE;
}

static gboolean
on_tick (gpointer user_data)
{
  ImportWatch *watch = user_data;
  gint64 now = g_get_monotonic_time ();

  watch->max_gap = MAX (watch->max_gap, now - watch->last_tick);
  watch->last_tick = now;
  watch->n_ticks++;
  return G_SOURCE_CONTINUE;
}

/* Spins the default main context until *flag is set, for at most
 * timeout_s seconds, so that a hang fails the test instead of blocking it. */
static void
spin_until (gboolean *flag,
            guint     timeout_s)
{
  gint64 deadline = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;

  while (!*flag && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  g_assert_true (*flag);
}

/* While a large import runs in the worker, the main loop keeps turning:
 * a 10 ms timer fires throughout, and progress arrives on this thread. */
static void
test_import_keeps_main_loop_turning (Fixture       *fixture,
                                     gconstpointer  data)
{
  ImportWatch watch = { 0 };
  guint tick_id;

  watch.main_thread = g_thread_self ();
  watch.last_tick = g_get_monotonic_time ();
  tick_id = g_timeout_add (10, on_tick, &watch);

  wm_import_file_async (fixture->db_path, fixture->ctf_path, NULL,
                        on_import_progress, &watch, on_import_done, &watch);
  spin_until (&watch.done, 120);
  g_source_remove (tick_id);

  g_assert_no_error (watch.error);
  g_assert_nonnull (watch.report);
  g_assert_cmpuint (watch.report->n_pupils, ==, GPOINTER_TO_UINT (data));
  g_assert_cmpuint (watch.n_progress, >, 0);
  g_assert_false (watch.progress_off_thread);
  g_test_message ("%u timer ticks, longest gap %" G_GINT64_FORMAT " ms, "
                  "%u progress reports", watch.n_ticks, watch.max_gap / 1000,
                  watch.n_progress);
  g_assert_cmpuint (watch.n_ticks, >, 1);
  /* A generous bound: the import runs in another thread, so a gap of a
   * second means the main context was blocked, not merely busy. */
  g_assert_cmpint (watch.max_gap, <, G_USEC_PER_SEC);

  wm_import_report_free (watch.report);
}

static void
test_import_cancelled_changes_nothing (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GPtrArray) pupils = NULL;
  g_autoptr(GError) error = NULL;
  ImportWatch watch = { 0 };

  watch.main_thread = g_thread_self ();
  g_cancellable_cancel (cancellable);
  wm_import_file_async (fixture->db_path, fixture->ctf_path, cancellable,
                        NULL, NULL, on_import_done, &watch);
  spin_until (&watch.done, 60);

  g_assert_error (watch.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (watch.report);
  g_clear_error (&watch.error);

  store = wm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  pupils = wm_store_list_pupils (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pupils->len, ==, 0);
}

/* A Cancel pressed after the worker committed must not report the import
 * as cancelled, because its data is in the database. The main context is
 * not iterated until the commit is seen from another connection, so the
 * completion cannot have been delivered before the cancel. */
static void
test_import_cancel_after_commit_reports_success (Fixture       *fixture,
                                                 gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  ImportWatch watch = { 0 };
  guint n_stored = 0;

  watch.main_thread = g_thread_self ();
  store = wm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);

  wm_import_file_async (fixture->db_path, fixture->ctf_path, cancellable,
                        NULL, NULL, on_import_done, &watch);

  while (n_stored == 0 && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GArray) ids = wm_store_list_pupil_ids (store, &error);

      g_assert_no_error (error);
      n_stored = ids->len;
      if (n_stored == 0)
        g_usleep (2000);
    }
  g_assert_cmpuint (n_stored, ==, GPOINTER_TO_UINT (data));

  g_cancellable_cancel (cancellable);
  spin_until (&watch.done, 60);

  g_assert_no_error (watch.error);
  g_assert_nonnull (watch.report);
  g_assert_cmpuint (watch.report->n_pupils, ==, GPOINTER_TO_UINT (data));
  wm_import_report_free (watch.report);
}

typedef struct
{
  GHashTable *evaluated;
  guint       n_idle;
  gboolean    idle;
  GError     *error;
} EvaluatorWatch;

static void
on_evaluated (WmEvaluator *evaluator,
              GArray      *pupil_ids,
              gpointer     user_data)
{
  EvaluatorWatch *watch = user_data;

  for (guint i = 0; i < pupil_ids->len; i++)
    {
      gint64 id = g_array_index (pupil_ids, gint64, i);

      g_hash_table_add (watch->evaluated, g_memdup2 (&id, sizeof id));
    }
}

static void
on_idle (WmEvaluator *evaluator,
         gpointer     user_data)
{
  EvaluatorWatch *watch = user_data;

  watch->n_idle++;
  watch->idle = TRUE;
}

static void
on_failed (WmEvaluator  *evaluator,
           const GError *error,
           gpointer      user_data)
{
  EvaluatorWatch *watch = user_data;

  g_clear_error (&watch->error);
  watch->error = g_error_copy (error);
}

static void
import_now (Fixture *fixture,
            WmStore *store)
{
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = wm_import_file (store, fixture->ctf_path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_evaluator_evaluates_after_import (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(WmStore) store = NULL;
  g_autoptr(WmEvaluator) evaluator = NULL;
  g_autoptr(GPtrArray) pupils = NULL;
  g_autoptr(GError) error = NULL;
  EvaluatorWatch watch = { 0 };

  watch.evaluated = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                           g_free, NULL);
  store = wm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  import_now (fixture, store);

  evaluator = wm_evaluator_new (fixture->db_path, wm_day_from_iso ("2026-03-13"));
  g_signal_connect (evaluator, "evaluated", G_CALLBACK (on_evaluated), &watch);
  g_signal_connect (evaluator, "idle", G_CALLBACK (on_idle), &watch);
  g_signal_connect (evaluator, "failed", G_CALLBACK (on_failed), &watch);

  /* A burst of wake-ups is coalesced: each pupil is evaluated once per
   * pass, and the pass count is at most the burst's. */
  for (guint i = 0; i < 5; i++)
    wm_evaluator_wake (evaluator);
  spin_until (&watch.idle, 60);

  g_assert_no_error (watch.error);
  g_assert_cmpuint (g_hash_table_size (watch.evaluated), ==,
                    GPOINTER_TO_UINT (data));
  g_assert_cmpuint (watch.n_idle, <=, 5);

  pupils = wm_store_list_pupils (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < pupils->len; i++)
    {
      WmPupilSummary *pupil = g_ptr_array_index (pupils, i);

      g_assert_true (pupil->evaluated);
      g_assert_cmpuint (pupil->evaluation.as_of, ==,
                        wm_day_from_iso ("2026-03-13"));
    }

  /* A pupil marked dirty later is picked up by the next wake-up, alone. */
  g_hash_table_remove_all (watch.evaluated);
  watch.idle = FALSE;
  wm_store_mark_dirty (store, ((WmPupilSummary *) pupils->pdata[0])->id, &error);
  g_assert_no_error (error);
  wm_evaluator_wake (evaluator);
  spin_until (&watch.idle, 60);
  g_assert_cmpuint (g_hash_table_size (watch.evaluated), ==, 1);

  g_hash_table_unref (watch.evaluated);
}

static void
test_evaluator_stops_on_dispose (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  WmEvaluator *evaluator;
  EvaluatorWatch watch = { 0 };

  watch.evaluated = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                           g_free, NULL);
  store = wm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  import_now (fixture, store);

  evaluator = wm_evaluator_new (fixture->db_path, wm_day_from_iso ("2026-03-13"));
  g_signal_connect (evaluator, "evaluated", G_CALLBACK (on_evaluated), &watch);
  wm_evaluator_wake (evaluator);

  /* Dropping the last reference mid-pass joins the thread; results still
   * queued for the main context are dropped, not delivered to freed
   * memory. */
  g_object_unref (evaluator);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_hash_table_unref (watch.evaluated);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  wm_ctf_global_init ();

  g_test_add ("/import-task/main-loop-keeps-turning", Fixture,
              GUINT_TO_POINTER (1500), fixture_set_up,
              test_import_keeps_main_loop_turning, fixture_tear_down);
  g_test_add ("/import-task/cancelled-changes-nothing", Fixture,
              GUINT_TO_POINTER (50), fixture_set_up,
              test_import_cancelled_changes_nothing, fixture_tear_down);
  g_test_add ("/import-task/cancel-after-commit", Fixture,
              GUINT_TO_POINTER (40), fixture_set_up,
              test_import_cancel_after_commit_reports_success,
              fixture_tear_down);
  g_test_add ("/evaluator/evaluates-after-import", Fixture,
              GUINT_TO_POINTER (120), fixture_set_up,
              test_evaluator_evaluates_after_import, fixture_tear_down);
  g_test_add ("/evaluator/stops-on-dispose", Fixture,
              GUINT_TO_POINTER (300), fixture_set_up,
              test_evaluator_stops_on_dispose, fixture_tear_down);

  return g_test_run ();
}
