/* wm-cli.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-cli.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "wm-ctf.h"
#include "wm-engine.h"
#include "wm-error.h"
#include "wm-import.h"
#include "wm-store.h"

void
wm_cli_options_clear (WmCliOptions *options)
{
  g_clear_pointer (&options->database, g_free);
  g_clear_pointer (&options->import_path, g_free);
  g_clear_pointer (&options->as_of, g_free);
  g_clear_pointer (&options->format, g_free);
  options->evaluate = FALSE;
}

/**
 * wm_cli_add_option_entries:
 * @application: the application whose command line takes the options
 * @options: where the parsed values go; it must live as long as
 *   @application
 *
 * Adds Waymark's command-line options to @application.
 */
void
wm_cli_add_option_entries (GApplication *application,
                           WmCliOptions *options)
{
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &options->database,
      "Use the database file PATH instead of the default one", "PATH" },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &options->import_path,
      "Import a Common Transfer File (XML) into the database and exit",
      "FILE" },
    { "evaluate", 0, 0, G_OPTION_ARG_NONE, &options->evaluate,
      "Print every pupil's level and attendance figures and exit", NULL },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &options->as_of,
      "Evaluate as of this date instead of today", "YYYY-MM-DD" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &options->format,
      "Output format of --evaluate: tsv (the default) or json", "FORMAT" },
    { NULL }
  };

  g_application_add_main_option_entries (application, entries);
}

/**
 * wm_cli_is_headless:
 *
 * Returns: whether the options ask for work that runs without a window
 */
gboolean
wm_cli_is_headless (const WmCliOptions *options)
{
  /* --as-of and --format count too, so that giving one without its
   * action is an error on the terminal rather than a window opening. */
  return options->import_path != NULL || options->evaluate
         || options->as_of != NULL || options->format != NULL;
}

/* Removes a database that this run created and left empty, with its WAL
 * files, so that a failed first import leaves no trace. */
static void
remove_new_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (wal);
  g_remove (shm);
  g_remove (path);
}

/**
 * wm_cli_default_database_path:
 *
 * Returns: (transfer full): the database used when `--database` is not
 *   given, `waymark/waymark.db` under the user data directory
 */
char *
wm_cli_default_database_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "waymark", "waymark.db",
                           NULL);
}

static int
print_error (const char *message)
{
  g_autofree char *one_line = g_strdup (message);

  /* The contract is one line on stderr, so callers can show it as it is. */
  g_strdelimit (one_line, "\r\n", ' ');
  fprintf (stderr, "waymark: %s\n", one_line);
  return 1;
}

static int
run_import (WmStore    *store,
            const char *path)
{
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  wm_ctf_global_init ();

  report = wm_import_file (store, path, NULL, NULL, NULL, &error);
  if (report == NULL)
    return print_error (error->message);

  for (guint i = 0; i < report->warnings->len; i++)
    fprintf (stderr, "waymark: warning: %s\n",
             (const char *) g_ptr_array_index (report->warnings, i));

  printf ("Imported %u pupils (%u new, %u updated): %u sessions set, "
          "%u changed, %u warnings\n",
          report->n_pupils, report->n_created, report->n_updated,
          report->n_marks_set, report->n_marks_changed,
          report->warnings->len);
  return 0;
}

/* The flat keys of one pupil's evaluation, in output order. JSON carries
 * the same keys; later releases add nested ones to JSON only. */
static const char * const flat_keys[] = {
  "upn", "surname", "forename", "school", "window_start", "window_end",
  "attended", "possible", "unmarked", "percent", "level", "level_high",
  "unauthorised_10_weeks", "ytd_attended", "ytd_possible",
  "persistent_absence", "severe_absence",
};

static void
add_day (JsonBuilder *builder,
         const char  *key,
         WmDay        day)
{
  json_builder_set_member_name (builder, key);
  if (day == WM_DAY_NONE)
    {
      json_builder_add_null_value (builder);
    }
  else
    {
      char iso[11];

      wm_day_to_iso_buf (day, iso);
      json_builder_add_string_value (builder, iso);
    }
}

static void
add_level (JsonBuilder *builder,
           const char  *key,
           gint         level)
{
  json_builder_set_member_name (builder, key);
  if (level == WM_LEVEL_NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, level);
}

static void
add_pupil_object (JsonBuilder          *builder,
                  const WmPupilSummary *pupil,
                  const WmEvaluation   *e)
{
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "upn");
  json_builder_add_string_value (builder, pupil->upn);
  json_builder_set_member_name (builder, "surname");
  json_builder_add_string_value (builder, pupil->surname);
  json_builder_set_member_name (builder, "forename");
  json_builder_add_string_value (builder, pupil->forename);
  json_builder_set_member_name (builder, "school");
  json_builder_add_string_value (builder, pupil->school_estab);

  add_day (builder, "window_start", e->window_start);
  add_day (builder, "window_end", e->window_end);

  json_builder_set_member_name (builder, "attended");
  json_builder_add_int_value (builder, e->attended);
  json_builder_set_member_name (builder, "possible");
  json_builder_add_int_value (builder, e->possible);
  json_builder_set_member_name (builder, "unmarked");
  json_builder_add_int_value (builder, e->unmarked);

  json_builder_set_member_name (builder, "percent");
  if (e->percent_tenths == WM_PERCENT_NULL)
    {
      json_builder_add_null_value (builder);
    }
  else
    {
      g_autofree char *percent = wm_percent_format (e->percent_tenths);

      json_builder_add_string_value (builder, percent);
    }

  add_level (builder, "level", e->level);
  add_level (builder, "level_high", e->level_high);

  json_builder_set_member_name (builder, "unauthorised_10_weeks");
  json_builder_add_int_value (builder, e->unauthorised_threshold_weeks);
  json_builder_set_member_name (builder, "ytd_attended");
  json_builder_add_int_value (builder, e->ytd_attended);
  json_builder_set_member_name (builder, "ytd_possible");
  json_builder_add_int_value (builder, e->ytd_possible);
  json_builder_set_member_name (builder, "persistent_absence");
  json_builder_add_boolean_value (builder, e->persistent_absence);
  json_builder_set_member_name (builder, "severe_absence");
  json_builder_add_boolean_value (builder, e->severe_absence);

  json_builder_end_object (builder);
}

/* Tabs and line breaks inside a value would break the TSV row, so they
 * become spaces; nothing else is changed. */
static void
print_tsv_text (GString    *row,
                const char *text)
{
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    g_string_append_c (row, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

static void
print_tsv_row (const WmPupilSummary *pupil,
               const WmEvaluation   *e)
{
  g_autoptr(GString) row = g_string_new (NULL);
  g_autofree char *window_start = wm_day_to_iso (e->window_start);
  g_autofree char *window_end = wm_day_to_iso (e->window_end);
  g_autofree char *percent = NULL;

  if (e->percent_tenths != WM_PERCENT_NULL)
    percent = wm_percent_format (e->percent_tenths);

  print_tsv_text (row, pupil->upn);
  g_string_append_c (row, '\t');
  print_tsv_text (row, pupil->surname);
  g_string_append_c (row, '\t');
  print_tsv_text (row, pupil->forename);
  g_string_append_c (row, '\t');
  print_tsv_text (row, pupil->school_estab);

  g_string_append_printf (row, "\t%s\t%s\t%u\t%u\t%u\t%s",
                          window_start ? window_start : "",
                          window_end ? window_end : "",
                          e->attended, e->possible, e->unmarked,
                          percent ? percent : "");

  if (e->level == WM_LEVEL_NULL)
    g_string_append (row, "\t\t");
  else
    g_string_append_printf (row, "\t%d\t%d", e->level, e->level_high);

  g_string_append_printf (row, "\t%u\t%u\t%u\t%s\t%s",
                          e->unauthorised_threshold_weeks, e->ytd_attended,
                          e->ytd_possible,
                          e->persistent_absence ? "true" : "false",
                          e->severe_absence ? "true" : "false");

  printf ("%s\n", row->str);
}

static void
print_tsv_header (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (flat_keys); i++)
    printf ("%s%s", i > 0 ? "\t" : "", flat_keys[i]);
  printf ("\n");
}

static int
run_evaluate (WmStore    *store,
              WmDay       as_of,
              gboolean    json)
{
  g_autoptr(GPtrArray) pupils = NULL;
  g_autoptr(WmEngine) engine = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  char iso[11];

  pupils = wm_store_list_pupils (store, &error);
  if (pupils == NULL)
    return print_error (error->message);

  engine = wm_engine_new (store, as_of);
  wm_day_to_iso_buf (as_of, iso);

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "as_of");
      json_builder_add_string_value (builder, iso);
      json_builder_set_member_name (builder, "pupils");
      json_builder_begin_array (builder);
    }
  else
    {
      print_tsv_header ();
    }

  for (guint i = 0; i < pupils->len; i++)
    {
      const WmPupilSummary *pupil = g_ptr_array_index (pupils, i);
      WmEvaluation evaluation;

      if (!wm_engine_evaluate_pupil (engine, pupil->id, &evaluation, &error))
        return print_error (error->message);

      if (json)
        add_pupil_object (builder, pupil, &evaluation);
      else
        print_tsv_row (pupil, &evaluation);
    }

  if (json)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      printf ("%s\n", text);
    }

  return 0;
}

/**
 * wm_cli_run:
 * @options: the parsed options; wm_cli_is_headless() must be %TRUE
 *
 * Runs the headless actions: `--import`, then `--evaluate`. Results go to
 * stdout; an error is one line on stderr.
 *
 * Returns: the exit status, 0 on success
 */
int
wm_cli_run (const WmCliOptions *options)
{
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *default_path = NULL;
  const char *database = options->database;
  WmDay as_of = wm_day_today ();
  gboolean json = FALSE;
  gboolean created;

  g_return_val_if_fail (wm_cli_is_headless (options), 1);

  if (options->as_of != NULL && !wm_day_parse_iso (options->as_of, &as_of))
    {
      g_autofree char *message =
        g_strdup_printf ("--as-of=%s is not a valid date; give it as "
                         "YYYY-MM-DD, for example 2026-03-13", options->as_of);
      return print_error (message);
    }

  if (options->format != NULL)
    {
      if (strcmp (options->format, "json") == 0)
        json = TRUE;
      else if (strcmp (options->format, "tsv") != 0)
        {
          g_autofree char *message =
            g_strdup_printf ("--format=%s is not a known format; use tsv or "
                             "json", options->format);
          return print_error (message);
        }
    }

  if ((options->as_of != NULL || options->format != NULL)
      && !options->evaluate)
    return print_error ("--as-of and --format go with --evaluate; add "
                        "--evaluate to print the evaluation");

  if (database == NULL)
    database = default_path = wm_cli_default_database_path ();

  /* Evaluating must not create an empty database as a side effect. */
  if (options->import_path == NULL
      && !g_file_test (database, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message =
        g_strdup_printf ("Database %s does not exist; import a Common "
                         "Transfer File into it first with --import",
                         database);
      return print_error (message);
    }

  created = !g_file_test (database, G_FILE_TEST_EXISTS);
  store = wm_store_open (database, &error);
  if (store == NULL)
    return print_error (error->message);

  if (options->import_path != NULL)
    {
      int status = run_import (store, options->import_path);

      if (status != 0)
        {
          if (created)
            {
              g_clear_object (&store);
              remove_new_database (database);
            }
          return status;
        }
    }

  if (options->evaluate)
    return run_evaluate (store, as_of, json);

  return 0;
}
