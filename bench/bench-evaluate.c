/* bench-evaluate.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "wm-ctf.h"
#include "wm-engine.h"
#include "wm-import.h"
#include "wm-store.h"

/*
 * Times the evaluator inside one process, on a database made by
 * `waymark --import`:
 *
 *   bench-evaluate --database=PATH --as-of=YYYY-MM-DD [--runs=N]
 *   bench-evaluate --import=FILE... --as-of=YYYY-MM-DD [--runs=N]
 *
 * With --import and no --database, the files are imported into a new
 * database in a temporary folder, which is removed at the end. This is
 * how `meson test --benchmark` runs it, on a generated secondary school.
 *
 * It prints one line per figure, `name<TAB>milliseconds`:
 *
 * - evaluate_and_save_all: the dirty set left by the imports is taken and
 *   every pupil in it evaluated and saved, as the window's evaluator does
 *   after an import. This runs first, once, because it empties the set
 *   that reevaluate_one relies on, and leaves every pupil with a stored
 *   evaluation for the start-up benchmark.
 * - read_floor: reading every row of `marks` (`SELECT codes FROM marks`)
 *   and touching each blob. The evaluator must read at least this much,
 *   so it is the floor for a full evaluation.
 * - evaluate_all: wm_engine_evaluate_pupil for every pupil with one
 *   engine, as `waymark --evaluate` does, without printing.
 * - evaluate_one_cold: a new engine evaluating one pupil, which loads the
 *   school's calendar and rule values first.
 * - evaluate_one: one pupil with a warm engine (the median of --runs).
 * - reevaluate_one: what follows a saved case record: the pupil is marked
 *   dirty, the dirty set is taken and the pupil evaluated and saved in
 *   one transaction (the median of --runs).
 *
 * Full passes are repeated three times and the median printed, so that
 * the page cache is warm for all but the first, as on an officer's desk.
 * The pupil timed alone is the one in the middle of the id list.
 */

#define N_FULL_PASSES 3

typedef struct
{
  char  *database;
  char **imports;
  char  *as_of;
  gint   runs;
  char  *temp_dir;
} Arguments;

static void
arguments_clear (Arguments *args)
{
  if (args->temp_dir != NULL)
    {
      g_autofree char *wal = g_strconcat (args->database, "-wal", NULL);
      g_autofree char *shm = g_strconcat (args->database, "-shm", NULL);

      g_unlink (wal);
      g_unlink (shm);
      g_unlink (args->database);
      g_rmdir (args->temp_dir);
    }

  g_free (args->database);
  g_strfreev (args->imports);
  g_free (args->as_of);
  g_free (args->temp_dir);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Arguments, arguments_clear)

static double
elapsed_ms (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *samples)
{
  g_array_sort (samples, compare_doubles);
  return g_array_index (samples, double, samples->len / 2);
}

static void
report (const char *name,
        double      ms)
{
  g_print ("%s\t%.3f\n", name, ms);
}

/* One pass over every marks row. The sum of the bytes keeps the compiler
 * and SQLite from skipping the blob reads. */
static double
read_floor_once (sqlite3 *db,
                 guint64 *out_sum)
{
  sqlite3_stmt *stmt = NULL;
  gint64 start = g_get_monotonic_time ();
  guint64 sum = 0;

  if (sqlite3_prepare_v2 (db, "SELECT codes FROM marks", -1, &stmt, NULL) != SQLITE_OK)
    g_error ("Could not read the marks table: %s", sqlite3_errmsg (db));

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const guint8 *codes = sqlite3_column_blob (stmt, 0);
      int n = sqlite3_column_bytes (stmt, 0);

      for (int i = 0; i < n; i++)
        sum += codes[i];
    }

  sqlite3_finalize (stmt);
  *out_sum = sum;
  return elapsed_ms (start);
}

static double
evaluate_all_once (WmStore *store,
                   WmDay    as_of,
                   GArray  *ids)
{
  g_autoptr(WmEngine) engine = wm_engine_new (store, as_of);
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      WmEvaluation evaluation;

      if (!wm_engine_evaluate_pupil (engine, g_array_index (ids, gint64, i),
                                     &evaluation, &error))
        g_error ("Evaluation failed: %s", error->message);
    }

  return elapsed_ms (start);
}

static double
evaluate_one_once (WmEngine *engine,
                   gint64    pupil_id)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  WmEvaluation evaluation;

  if (!wm_engine_evaluate_pupil (engine, pupil_id, &evaluation, &error))
    g_error ("Evaluation of pupil %" G_GINT64_FORMAT " failed: %s",
             pupil_id, error->message);

  return elapsed_ms (start);
}

static double
reevaluate_one_once (WmStore  *store,
                     WmEngine *engine,
                     gint64    pupil_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) dirty = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!wm_store_mark_dirty (store, pupil_id, &error)
      || (dirty = wm_store_take_dirty (store, &error)) == NULL
      || !wm_engine_evaluate_and_save (engine, dirty, NULL, NULL, NULL, &error))
    g_error ("Re-evaluation of pupil %" G_GINT64_FORMAT " failed: %s",
             pupil_id, error->message);

  if (dirty->len != 1)
    g_error ("Expected one dirty pupil, found %u", dirty->len);

  return elapsed_ms (start);
}

static void
bench_save_all (WmStore *store,
                WmDay    as_of)
{
  g_autoptr(WmEngine) engine = wm_engine_new (store, as_of);
  g_autoptr(GArray) dirty = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  dirty = wm_store_take_dirty (store, &error);
  if (dirty == NULL
      || !wm_engine_evaluate_and_save (engine, dirty, NULL, NULL, NULL, &error))
    g_error ("Evaluating the dirty pupils failed: %s", error->message);

  report ("evaluate_and_save_all", elapsed_ms (start));
  g_print ("dirty_pupils\t%u\n", dirty->len);
}

static void
bench_full_passes (WmStore *store,
                   WmDay    as_of,
                   GArray  *ids)
{
  g_autoptr(GArray) floors = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) fulls = g_array_new (FALSE, FALSE, sizeof (double));
  guint64 sum = 0;

  for (guint i = 0; i < N_FULL_PASSES; i++)
    {
      double floor_ms = read_floor_once (wm_store_get_db (store), &sum);
      double full_ms = evaluate_all_once (store, as_of, ids);

      g_array_append_val (floors, floor_ms);
      g_array_append_val (fulls, full_ms);
    }

  g_debug ("Sum of the mark bytes: %" G_GUINT64_FORMAT, sum);
  report ("read_floor", median (floors));
  report ("evaluate_all", median (fulls));
}

static void
bench_one_pupil (WmStore *store,
                 WmDay    as_of,
                 gint64   pupil_id,
                 gint     runs)
{
  g_autoptr(GArray) warm = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) saved = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(WmEngine) cold = wm_engine_new (store, as_of);
  g_autoptr(WmEngine) engine = wm_engine_new (store, as_of);

  report ("evaluate_one_cold", evaluate_one_once (cold, pupil_id));

  for (gint i = 0; i < runs; i++)
    {
      double ms = evaluate_one_once (engine, pupil_id);

      g_array_append_val (warm, ms);
    }
  report ("evaluate_one", median (warm));

  for (gint i = 0; i < runs; i++)
    {
      double ms = reevaluate_one_once (store, engine, pupil_id);

      g_array_append_val (saved, ms);
    }
  report ("reevaluate_one", median (saved));
}

static gboolean
parse_arguments (int        *argc,
                 char     ***argv,
                 Arguments  *args,
                 WmDay      *out_as_of)
{
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &args->database,
      "The Waymark database to read", "PATH" },
    { "import", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args->imports,
      "A CTF file to import first (repeat for more)", "FILE" },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &args->as_of,
      "The date to evaluate as of", "YYYY-MM-DD" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &args->runs,
      "Repeats of each one-pupil figure (default 200)", "N" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the evaluator");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("bench-evaluate: %s\n", error->message);
      return FALSE;
    }

  if ((args->database == NULL && args->imports == NULL)
      || args->as_of == NULL || args->runs < 1)
    {
      g_printerr ("bench-evaluate: --database or --import, --as-of and --runs=N (N > 0) "
                  "are needed\n");
      return FALSE;
    }

  if (!wm_day_parse_iso (args->as_of, out_as_of))
    {
      g_printerr ("bench-evaluate: --as-of=%s is not a date like 2026-07-17\n",
                  args->as_of);
      return FALSE;
    }

  return TRUE;
}

static gboolean
import_files (Arguments  *args,
              GError    **error)
{
  g_autoptr(WmStore) store = NULL;

  if (args->imports == NULL)
    return TRUE;

  if (args->database == NULL)
    {
      args->temp_dir = g_dir_make_tmp ("waymark-bench-XXXXXX", error);
      if (args->temp_dir == NULL)
        return FALSE;
      args->database = g_build_filename (args->temp_dir, "bench.db", NULL);
    }

  wm_ctf_global_init ();
  store = wm_store_open (args->database, error);
  if (store == NULL)
    return FALSE;

  for (guint i = 0; args->imports[i] != NULL; i++)
    {
      g_autoptr(WmImportReport) report = NULL;

      report = wm_import_file (store, args->imports[i], NULL, NULL, NULL, error);
      if (report == NULL)
        return FALSE;
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_auto(Arguments) args = { NULL, NULL, NULL, 200, NULL };
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  WmDay as_of;

  if (!parse_arguments (&argc, &argv, &args, &as_of))
    return EXIT_FAILURE;

  if (!import_files (&args, &error))
    {
      g_printerr ("bench-evaluate: %s\n", error->message);
      return EXIT_FAILURE;
    }

  store = wm_store_open (args.database, &error);
  if (store == NULL || (ids = wm_store_list_pupil_ids (store, &error)) == NULL)
    {
      g_printerr ("bench-evaluate: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (ids->len == 0)
    {
      g_printerr ("bench-evaluate: %s holds no pupils; import a file first\n",
                  args.database);
      return EXIT_FAILURE;
    }

  g_print ("pupils\t%u\n", ids->len);
  bench_save_all (store, as_of);
  bench_full_passes (store, as_of, ids);
  bench_one_pupil (store, as_of, g_array_index (ids, gint64, ids->len / 2), args.runs);

  /* The store is closed before the temporary folder is removed. */
  g_clear_object (&store);
  return EXIT_SUCCESS;
}
