/* bench-bundle.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>
#include <time.h>

#include <glib/gstdio.h>

#include "wm-bundle.h"
#include "wm-case.h"
#include "wm-ctf.h"
#include "wm-engine.h"
#include "wm-import.h"
#include "wm-render.h"
#include "wm-store-records.h"

/*
 * Times the evidence bundle of a busy case:
 *
 *   bench-bundle --import=FILE --as-of=YYYY-MM-DD [--events=N] [--runs=N]
 *
 * The file (a full school year of marks, made by waymark-generate-ctf) is
 * imported into a new database in a temporary folder. The first pupil
 * gets a case with --events records (500 by default) spread over the
 * school year, and a level history. Then the bundle is built and written
 * --runs times. It prints `name<TAB>value` lines with the page count and
 * these medians in milliseconds:
 *
 * - build_document: wm_bundle_build
 * - write_pdf: laying out and writing a built document
 * - write_pdf_cpu: the processor time of write_pdf, which a busy machine
 *   does not inflate
 * - export_pdf: wm_bundle_export, with its audit entry
 *
 * The folder is removed at the end.
 */

typedef struct
{
  char  *import;
  char  *as_of;
  gint   events;
  gint   runs;
} Options;

/* The database file and the files SQLite keeps beside it in WAL mode. */
static const char * const db_suffixes[] = { "", "-wal", "-shm" };

static const char * const outcomes[] = {
  "child-seen", "parent-seen", "no-answer", "card-left", "entry-refused",
};

static JsonObject *
event_body (guint i,
            WmDay day)
{
  JsonObject *body = json_object_new ();
  g_autofree char *iso = wm_day_to_iso (day);
  g_autofree char *text = g_strdup_printf ("Visit %u: spoke about the "
                                           "mornings and the bus; agreed "
                                           "to check in next week.", i);

  json_object_set_string_member (body, "date", iso);
  switch (i % 4)
    {
    case 0:
      json_object_set_string_member (body, "visited_by", "A. Officer");
      json_object_set_string_member (body, "outcome",
                                     outcomes[i % G_N_ELEMENTS (outcomes)]);
      json_object_set_string_member (body, "what_was_said", text);
      break;
    case 1:
      json_object_set_string_member (body, "contact_kind", "phone-call");
      json_object_set_string_member (body, "outcome", text);
      break;
    case 2:
      json_object_set_string_member (body, "meeting_type", "parent-meeting");
      json_object_set_string_member (body, "parents_views", text);
      break;
    default:
      json_object_set_string_member (body, "text", text);
      break;
    }

  return body;
}

static const char *
event_kind (guint i)
{
  static const char * const kinds[] = {
    "home-visit", "contact", "meeting", "note",
  };

  return kinds[i % G_N_ELEMENTS (kinds)];
}

/* Spreads the records over the school days from 1 September to the
 * as-of date, several a day when there are more records than days. */
static void
add_events (WmStore *store,
            gint64   case_id,
            WmDay    first,
            WmDay    last,
            guint    n)
{
  guint span = last - first + 1;

  g_assert_true (wm_store_begin (store, NULL));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) body = NULL;
      g_autoptr(GError) error = NULL;
      WmDay day = first + (guint) ((guint64) i * span / n);
      gint64 id;

      if (wm_day_is_weekend (day))
        day -= wm_day_weekday (day) == G_DATE_SATURDAY ? 1 : 2;

      body = event_body (i, MAX (day, first));
      id = wm_record_save_draft (store, case_id, 0, event_kind (i), body,
                                 "A. Officer", &error);
      if (id <= 0 || !wm_record_finalise (store, id, "A. Officer", &error))
        g_error ("Could not add record %u: %s", i, error->message);
    }
  g_assert_true (wm_store_commit (store, NULL));
}

/* A level history: the pupil evaluated each Friday of the year. */
static void
evaluate_weekly (WmStore *store,
                 gint64   pupil_id,
                 WmDay    first,
                 WmDay    last)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_val (ids, pupil_id);
  for (WmDay day = wm_day_monday (first) + 4; day <= last; day += 7)
    {
      g_autoptr(WmEngine) engine = wm_engine_new (store, day);

      wm_engine_evaluate_and_save (engine, ids, NULL, NULL, NULL, NULL);
    }
}

static gint64
prepare_case (WmStore       *store,
              const Options *options,
              WmDay          as_of)
{
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  WmDay first = wm_day_academic_year_start (as_of);
  gint64 pupil_id, case_id;

  wm_ctf_global_init ();
  report = wm_import_file (store, options->import, NULL, NULL, NULL, &error);
  if (report == NULL)
    g_error ("Could not import %s: %s", options->import, error->message);

  ids = wm_store_list_pupil_ids (store, &error);
  pupil_id = g_array_index (ids, gint64, 0);
  case_id = wm_case_open (store, pupil_id, first, "Attendance below 90%",
                          "A. Officer", "A. Officer", &error);
  if (case_id <= 0)
    g_error ("Could not open a case: %s", error->message);

  add_events (store, case_id, first, as_of, options->events);
  evaluate_weekly (store, pupil_id, first, as_of);
  return pupil_id;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static void
time_bundle (WmStore       *store,
             gint64         pupil_id,
             const Options *options,
             WmDay          as_of,
             const char    *pdf)
{
  g_autoptr(GArray) build = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) write = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) write_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(WmRender) render = NULL;
  WmBundleOptions bundle;

  wm_bundle_options_init (&bundle, as_of);
  for (gint run = 0; run < options->runs; run++)
    {
      g_autoptr(WmDocument) document = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      clock_t cpu_start;
      double ms;

      document = wm_bundle_build (store, pupil_id, &bundle, NULL, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (build, ms);

      start = g_get_monotonic_time ();
      cpu_start = clock ();
      if (!wm_render_document_to_file (document, pdf, NULL, NULL, NULL,
                                       &error))
        g_error ("Could not write: %s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (write, ms);
      ms = (clock () - cpu_start) * 1000.0 / CLOCKS_PER_SEC;
      g_array_append_val (write_cpu, ms);

      start = g_get_monotonic_time ();
      if (!wm_bundle_export (store, pupil_id, &bundle, pdf, NULL, NULL, NULL,
                             &error))
        g_error ("Could not export: %s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (total, ms);

      if (render == NULL)
        render = wm_render_new (document, NULL, NULL);
    }

  g_print ("pages\t%u\n", wm_render_get_n_pages (render));
  g_print ("build_document\t%.1f\n", median (build));
  g_print ("write_pdf\t%.1f\n", median (write));
  g_print ("write_pdf_cpu\t%.1f\n", median (write_cpu));
  g_print ("export_pdf\t%.1f\n", median (total));
}

int
main (int   argc,
      char *argv[])
{
  Options options = { .events = 500, .runs = 3 };
  const GOptionEntry entries[] = {
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &options.import,
      "A CTF with a school year of marks", "FILE" },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &options.as_of,
      "The date the bundle is prepared on", "YYYY-MM-DD" },
    { "events", 0, 0, G_OPTION_ARG_INT, &options.events,
      "Records on the case", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &options.runs, "Timed runs", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = NULL;
  g_autofree char *dir = NULL, *db = NULL, *pdf = NULL;
  WmDay as_of;
  gint64 pupil_id;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error)
      || options.import == NULL || options.as_of == NULL
      || !wm_day_parse_iso (options.as_of, &as_of) || options.runs < 1)
    {
      g_printerr ("Usage: bench-bundle --import=FILE --as-of=YYYY-MM-DD "
                  "[--events=N] [--runs=N]\n");
      return EXIT_FAILURE;
    }

  dir = g_dir_make_tmp ("waymark-bench-bundle-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "bench.db", NULL);
  pdf = g_build_filename (dir, "bundle.pdf", NULL);
  store = wm_store_open (db, &error);
  g_assert_no_error (error);

  pupil_id = prepare_case (store, &options, as_of);
  time_bundle (store, pupil_id, &options, as_of, pdf);

  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (db_suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db, db_suffixes[i], NULL);

      g_remove (path);
    }
  g_remove (pdf);
  g_rmdir (dir);
  return EXIT_SUCCESS;
}
