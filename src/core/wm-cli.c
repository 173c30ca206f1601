/* wm-cli.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which of the command line's lines follow the user's language: a line a
 * person reads does, and a line a script reads stays English whatever
 * the locale, so that a script written against one locale works under
 * every other. Errors, warnings and the lines that confirm what was
 * written follow the language; the program's name before an error, the
 * --evaluate rows and JSON, the import summary and the --verify summary
 * stay English. A comment at each place names its kind.
 */

#include "wm-cli.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "wm-backup.h"
#include "wm-cli-private.h"
#include "wm-crypt.h"
#include "wm-ctf.h"
#include "wm-engine.h"
#include "wm-error.h"
#include "wm-i18n-private.h"
#include "wm-import.h"
#include "wm-store.h"
#include "wm-store-private.h"
#include "wm-store-records.h"
#include "wm-response-private.h"

void
wm_cli_options_clear (WmCliOptions *options)
{
  g_clear_pointer (&options->database, g_free);
  g_clear_pointer (&options->import_path, g_free);
  g_clear_pointer (&options->as_of, g_free);
  g_clear_pointer (&options->format, g_free);
  g_clear_pointer (&options->encoding, g_free);
  g_clear_pointer (&options->backup_path, g_free);
  g_clear_pointer (&options->restore_path, g_free);
  g_clear_pointer (&options->passphrase_file, g_free);
  g_clear_pointer (&options->export_bundle, g_free);
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->from, g_free);
  g_clear_pointer (&options->to, g_free);
  g_clear_pointer (&options->sections, g_free);
  g_clear_pointer (&options->redact, g_free);
  g_clear_pointer (&options->prepared_by, g_free);
  g_clear_pointer (&options->export_case, g_free);
  g_clear_pointer (&options->withhold, g_free);
  options->retention_review = FALSE;
  options->evaluate = FALSE;
  options->verify = FALSE;
  options->due = FALSE;
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
  /* The descriptions are marked here and translated by GOption, which
   * looks them up in the program's text domain when it prints --help. */
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &options->database,
      /* Translators: an option of --help; keep PATH, and every option
       * name that starts with --, as they are. */
      N_("Use the database file PATH instead of the default one"), "PATH" },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &options->import_path,
      N_("Import a Common Transfer File (XML) or a CSV file of pupils or "
      "marks into the database and exit"), "FILE" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &options->encoding,
      N_("Read the CSV file given to --import in this encoding, such as "
      "windows-1252 or utf-8, when Waymark cannot tell"), "NAME" },
    { "evaluate", 0, 0, G_OPTION_ARG_NONE, &options->evaluate,
      N_("Print every pupil's level and attendance figures and exit"), NULL },
    { "due", 0, 0, G_OPTION_ARG_NONE, &options->due,
      N_("Print what is due and overdue across the caseload, safeguarding "
      "first, and exit"), NULL },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &options->as_of,
      N_("Evaluate as of this date instead of today"), "YYYY-MM-DD" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &options->format,
      N_("Output format of --evaluate: tsv (the default) or json"), "FORMAT" },
    { "verify", 0, 0, G_OPTION_ARG_NONE, &options->verify,
      N_("Check that the database is intact and was changed only by Waymark, "
      "and exit"), NULL },
    { "backup", 0, 0, G_OPTION_ARG_FILENAME, &options->backup_path,
      N_("Write a backup of the database to PATH, a new file, and exit; with "
      "--passphrase-file the backup is encrypted and PATH ends in .wmbk"),
      "PATH" },
    { "restore", 0, 0, G_OPTION_ARG_FILENAME, &options->restore_path,
      N_("Check the backup PATH, put it in place of the database, keep the "
      "replaced database as DATABASE.before-restore, and exit"), "PATH" },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME,
      &options->passphrase_file,
      N_("Read the passphrase that encrypts --backup or decrypts --restore "
      "from the first line of FILE"), "FILE" },
    { "export-bundle", 0, 0, G_OPTION_ARG_STRING, &options->export_bundle,
      N_("Write the evidence bundle of the pupil with this UPN to --output "
      "and exit"), "UPN" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &options->output,
      N_("The PDF file --export-bundle writes"), "FILE.pdf" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &options->from,
      N_("First day of the bundle's attendance certificate (default: the "
      "start of the last 10 school weeks)"), "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &options->to,
      N_("Last day of the bundle's attendance certificate (default: --as-of)"),
      "YYYY-MM-DD" },
    { "sections", 0, 0, G_OPTION_ARG_STRING, &options->sections,
      /* Translators: keep the option names and the section names in
       * English: they are what --sections accepts. */
      N_("The bundle's sections, separated by commas: default, cover, index, "
      "chronology, certificate, chart, support, exhibits, legal, "
      "statement, health, safeguarding"), "LIST" },
    { "redact", 0, 0, G_OPTION_ARG_STRING, &options->redact,
      /* Translators: keep "siblings", "addresses" and "health" in
       * English: they are what --redact accepts. */
      N_("Withhold from the bundle, each shown as a marked block: siblings, "
      "addresses, health"), "LIST" },
    { "prepared-by", 0, 0, G_OPTION_ARG_STRING, &options->prepared_by,
      N_("Who prepared the bundle (default: the case's lead officer)"), "NAME" },
    { "export-case", 0, 0, G_OPTION_ARG_STRING, &options->export_case,
      N_("Write everything held about the pupil with this UPN, for a subject "
      "access request, to --output as JSON and exit"), "UPN" },
    { "withhold", 0, 0, G_OPTION_ARG_STRING, &options->withhold,
      /* Translators: keep "health" and "safeguarding" in English: they
       * are what --withhold accepts. */
      N_("Leave these out of --export-case, each record replaced by a marked "
      "placeholder: health, safeguarding"), "LIST" },
    { "retention-review", 0, 0, G_OPTION_ARG_NONE,
      &options->retention_review,
      N_("List what is past its retention period, class by class, and exit; "
      "nothing is deleted"), NULL },
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
  return options->import_path != NULL || options->evaluate || options->due
         || options->verify || options->as_of != NULL
         || options->format != NULL || options->encoding != NULL
         || options->backup_path != NULL || options->restore_path != NULL
         || options->passphrase_file != NULL
         || options->export_bundle != NULL || options->output != NULL
         || options->from != NULL || options->to != NULL
         || options->sections != NULL || options->redact != NULL
         || options->prepared_by != NULL || options->export_case != NULL
         || options->withhold != NULL || options->retention_review;
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

  /* The contract is one line on stderr, so callers can show it as it is.
   * The prefix is the program's name, which no language changes, so a
   * script can tell Waymark's error from other programs' output. */
  g_strdelimit (one_line, "\r\n", ' ');
  fprintf (stderr, "waymark: %s\n", one_line);
  return 1;
}

/* A terms file contains no pupils, so it reports its own rows. A terms
 * file has at least one row, which distinguishes it from the other kinds.
 *
 * These summaries stay English whatever the locale: they are the result
 * of the import, and scripts read the counts from them, as they read the
 * --evaluate rows. The window shows its own translated summary. */
static void
print_import_report (const WmImportReport *report)
{
  /* A terms file whose every entry was already stored is not recorded as
   * an import (its id is 0), so the line must not claim one. */
  if (report->n_terms + report->n_closures > 0 && report->import_id == 0)
    printf ("Nothing imported: %u terms and %u closures already stored\n",
            report->n_terms, report->n_closures);
  else if (report->n_terms + report->n_closures > 0)
    printf ("Imported %u terms and %u closures\n", report->n_terms,
            report->n_closures);
  else
    printf ("Imported %u pupils (%u new, %u updated): %u sessions set, "
            "%u changed, %u warnings\n",
            report->n_pupils, report->n_created, report->n_updated,
            report->n_marks_set, report->n_marks_changed,
            report->warnings->len);
}

static int
run_import (WmStore    *store,
            const char *path,
            const char *encoding)
{
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  WmImportOptions import_options = { .encoding = encoding };

  wm_ctf_global_init ();

  report = wm_import_file_with_options (store, path, &import_options, NULL,
                                        NULL, NULL, &error);
  if (report == NULL)
    return print_error (error->message);

  /* Like the errors, the warnings on stderr are in the user's language,
   * the word before each one included; the import's record keeps them in
   * English. */
  for (guint i = 0; i < report->shown_warnings->len; i++)
    {
      const char *warning = g_ptr_array_index (report->shown_warnings, i);
      /* Translators: an import's warning on the terminal, printed after
       * "waymark: ". %s is the warning itself. */
      g_autofree char *line = g_strdup_printf (_("warning: %s"), warning);

      fprintf (stderr, "waymark: %s\n", line);
    }

  print_import_report (report);
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
add_day (WmJsonWriter *writer,
         const char   *key,
         WmDay         day)
{
  char iso[11];

  if (day == WM_DAY_NONE)
    {
      wm_json_writer_null (writer, key);
      return;
    }

  wm_day_to_iso_buf (day, iso);
  wm_json_writer_string (writer, key, iso);
}

static void
add_level (WmJsonWriter *writer,
           const char   *key,
           gint          level)
{
  if (level == WM_LEVEL_NULL)
    wm_json_writer_null (writer, key);
  else
    wm_json_writer_int (writer, key, level);
}

static void
add_evaluation_members (WmJsonWriter       *writer,
                        const WmEvaluation *e)
{
  g_autofree char *percent = NULL;

  if (e->percent_tenths != WM_PERCENT_NULL)
    percent = wm_percent_format (e->percent_tenths);

  add_day (writer, "window_start", e->window_start);
  add_day (writer, "window_end", e->window_end);
  wm_json_writer_int (writer, "attended", e->attended);
  wm_json_writer_int (writer, "possible", e->possible);
  wm_json_writer_int (writer, "unmarked", e->unmarked);
  wm_json_writer_string (writer, "percent", percent);
  add_level (writer, "level", e->level);
  add_level (writer, "level_high", e->level_high);
  wm_json_writer_int (writer, "unauthorised_10_weeks",
                      e->unauthorised_threshold_weeks);
  wm_json_writer_int (writer, "ytd_attended", e->ytd_attended);
  wm_json_writer_int (writer, "ytd_possible", e->ytd_possible);
  wm_json_writer_boolean (writer, "persistent_absence", e->persistent_absence);
  wm_json_writer_boolean (writer, "severe_absence", e->severe_absence);
}

/* One pupil's object, at the left margin as json-glib printed it when it
 * was a document of its own. */
static void
add_pupil_object (GString              *out,
                  const WmPupilSummary *pupil,
                  const WmResponse     *response)
{
  WmJsonWriter writer;

  wm_json_writer_init (&writer, out, 0);
  wm_json_writer_begin_object (&writer, NULL);

  wm_json_writer_string (&writer, "upn", pupil->upn);
  wm_json_writer_string (&writer, "surname", pupil->surname);
  wm_json_writer_string (&writer, "forename", pupil->forename);
  wm_json_writer_string (&writer, "school", pupil->school_estab);
  add_evaluation_members (&writer, &response->evaluation);

  /* The nested keys of the graduated response are for JSON only. */
  wm_response_write_json_members (response, &writer);

  wm_json_writer_end_object (&writer);
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
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  /* The rows are data for scripts, so their reasons, dates and figures
   * are English whatever the locale (see wm-i18n.c). */
  g_auto(WmEnglishScope) english = wm_english_scope_begin ();
  char iso[11];
  int rc;

  pupils = wm_store_list_pupils (store, &error);
  if (pupils == NULL)
    return print_error (error->message);

  engine = wm_engine_new (store, as_of);
  wm_day_to_iso_buf (as_of, iso);

  /* One read transaction for the whole pass: every pupil is read from the
   * same snapshot, and SQLite takes its file locks once instead of once
   * per query. */
  rc = sqlite3_exec (wm_store_get_db (store), "BEGIN DEFERRED", NULL, NULL,
                     NULL);
  if (rc != SQLITE_OK)
    {
      _wm_store_set_error (store, rc, N_("starting the evaluation"), &error);
      return print_error (error->message);
    }

  /* The JSON is written one pupil at a time, because a whole authority's
   * document held in memory before writing took over a gigabyte. */
  if (json)
    {
      text = g_string_sized_new (16384);
      printf ("{\n  \"as_of\" : \"%s\",\n  \"pupils\" : [", iso);
    }
  else
    {
      print_tsv_header ();
    }

  for (guint i = 0; i < pupils->len; i++)
    {
      const WmPupilSummary *pupil = g_ptr_array_index (pupils, i);

      if (json)
        {
          /* The response carries the pupil's evaluation, so the pupil is
           * evaluated once, not once for the flat keys and again for the
           * response. */
          g_autoptr(WmResponse) response =
            wm_engine_respond_pupil (engine, pupil->id, &error);

          if (response == NULL)
            return print_error (error->message);

          g_string_assign (text, i > 0 ? ",\n" : "\n");
          add_pupil_object (text, pupil, response);
          fwrite (text->str, 1, text->len, stdout);
        }
      else
        {
          WmEvaluation evaluation;

          if (!wm_engine_evaluate_pupil (engine, pupil->id, &evaluation,
                                         &error))
            return print_error (error->message);

          print_tsv_row (pupil, &evaluation);
        }
    }

  if (json)
    printf ("\n  ]\n}\n");

  sqlite3_exec (wm_store_get_db (store), "COMMIT", NULL, NULL, NULL);
  return 0;
}

/* Verification only reads the database; the report goes to stdout and
 * the first problem found is the one-line error. */
static int
run_verify (WmStore *store)
{
  g_autoptr(GError) error = NULL;
  guint n_entries = 0;

  if (!wm_store_verify (store, &n_entries, &error))
    return print_error (error->message);

  /* The summary stays English whatever the locale: a script that checks
   * the database reads "is intact" and the count from it. A failure is
   * the error above, in the user's language. */
  printf ("Database %s is intact: %u audit entr%s verified\n",
          wm_store_get_path (store), n_entries, n_entries == 1 ? "y" : "ies");
  return 0;
}

static gboolean
read_passphrase (const char    *passphrase_file,
                 WmPassphrase **out_passphrase)
{
  g_autoptr(GError) error = NULL;

  if (passphrase_file == NULL)
    return TRUE;

  *out_passphrase = wm_crypt_read_passphrase_file (passphrase_file, &error);
  if (*out_passphrase == NULL)
    {
      print_error (error->message);
      return FALSE;
    }

  return TRUE;
}

/* An encrypted backup is named .wmbk and a plain one is not, so that the
 * name says which one a file is. */
static int
run_backup (WmStore    *store,
            const char *path,
            const char *passphrase_file)
{
  g_autoptr(WmPassphrase) passphrase = NULL;
  g_autoptr(GError) error = NULL;
  gboolean encrypted_name = g_str_has_suffix (path, WM_CRYPT_SUFFIX);
  g_autofree char *message = NULL;

  if (encrypted_name && passphrase_file == NULL)
    /* Translators: an error of the command line; keep every word that
     * starts with "--", and FILE, as they are typed. */
    message = g_strdup_printf (E_("--backup=%s names an encrypted backup; add "
                                  "--passphrase-file=FILE to encrypt it, or use "
                                  "a name that does not end in .wmbk"), path);
  else if (!encrypted_name && passphrase_file != NULL)
    message = g_strdup_printf (E_("An encrypted backup needs a name that ends "
                                  "in .wmbk, such as --backup=%s.wmbk"), path);
  if (message != NULL)
    return print_error (message);

  if (!read_passphrase (passphrase_file, &passphrase))
    return 1;

  if (!wm_backup_create (store, path, passphrase, &error))
    return print_error (error->message);

  /* The confirmation is for the person who ran the command, so it
   * follows the language. A script has the exit status and its own path.
   * Each kind is a whole sentence, so a translation can inflect "backup". */
  if (passphrase != NULL)
    /* Translators: %s is the path of the backup file just written. */
    printf (_("Wrote the encrypted backup %s\n"), path);
  else
    /* Translators: %s is the path of the backup file just written. */
    printf (_("Wrote the backup %s\n"), path);
  return 0;
}

/* A restore replaces the database file, so it runs alone and before
 * anything opens the database. The lines that confirm it are for the
 * person who ran it, so they follow the language. */
static int
run_restore (const WmCliOptions *options,
             const char         *database)
{
  g_autoptr(WmPassphrase) passphrase = NULL;
  g_autoptr(GError) error = NULL;
  gboolean existed = g_file_test (database, G_FILE_TEST_EXISTS);
  g_autofree char *kept_path =
    g_strconcat (database, WM_BACKUP_BEFORE_RESTORE_SUFFIX, NULL);

  if (options->import_path != NULL || options->evaluate || options->verify
      || options->backup_path != NULL || options->export_bundle != NULL)
    return print_error (E_("--restore runs alone; run --import, --backup, "
                           "--verify, --evaluate or --export-bundle separately"));

  if (options->passphrase_file == NULL
      && wm_crypt_is_encrypted_file (options->restore_path))
    {
      g_autofree char *message =
        g_strdup_printf (E_("Backup %s is encrypted; add --passphrase-file=FILE "
                            "with the passphrase it was written with"),
                         options->restore_path);
      return print_error (message);
    }

  if (!read_passphrase (options->passphrase_file, &passphrase))
    return 1;

  if (!wm_backup_restore (options->restore_path, database, passphrase,
                          &error))
    return print_error (error->message);

  /* Translators: the first %s is the backup, the second the database it
   * was put in place of. */
  printf (_("Restored %s into %s\n"), options->restore_path, database);
  if (existed)
    /* Translators: %s is the path of the old database, kept beside the
     * restored one; it ends in ".before-restore". */
    printf (_("The database it replaced is kept as %s\n"), kept_path);
  return 0;
}

/**
 * wm_cli_run:
 * @options: the parsed options; wm_cli_is_headless() must be %TRUE
 *
 * Runs the headless actions: `--restore` alone, or `--import`, then
 * `--backup`, then `--verify`, then `--export-bundle`, then `--evaluate`.
 * Results go to stdout; an error is one line on stderr.
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
        /* Translators: an error of the command line; keep every word that
         * starts with "--", and YYYY-MM-DD, as they are typed. */
        g_strdup_printf (E_("--as-of=%s is not a valid date; give it as "
                            "YYYY-MM-DD, for example 2026-03-13"), options->as_of);
      return print_error (message);
    }

  if (options->format != NULL)
    {
      if (strcmp (options->format, "json") == 0)
        json = TRUE;
      else if (strcmp (options->format, "tsv") != 0)
        {
          g_autofree char *message =
            g_strdup_printf (E_("--format=%s is not a known format; use tsv "
                                "or json"), options->format);
          return print_error (message);
        }
    }

  if (options->format != NULL && !options->evaluate)
    return print_error (E_("--format goes with --evaluate; add --evaluate to "
                           "print the evaluation"));

  if (options->as_of != NULL && !options->evaluate && !options->due
      && options->export_bundle == NULL && !options->retention_review)
    return print_error (E_("--as-of goes with --evaluate, --due, "
                           "--export-bundle or --retention-review; add one of "
                           "them"));

  if (options->withhold != NULL && options->export_case == NULL)
    return print_error (E_("--withhold goes with --export-case; add "
                           "--export-case=UPN"));

  if (options->export_case != NULL && options->export_bundle != NULL)
    return print_error (E_("--export-case and --export-bundle both write "
                           "--output; run them separately"));

  if (options->export_bundle == NULL && options->export_case == NULL
      && options->output != NULL)
    return print_error (E_("--output goes with --export-bundle or "
                           "--export-case; add one of them"));

  if (options->export_bundle == NULL
      && (options->from != NULL
          || options->to != NULL || options->sections != NULL
          || options->redact != NULL || options->prepared_by != NULL))
    return print_error (E_("--from, --to, --sections, --redact and "
                           "--prepared-by go with --export-bundle; add "
                           "--export-bundle=UPN"));

  if (options->encoding != NULL && options->import_path == NULL)
    return print_error (E_("--encoding goes with --import; add --import=FILE "
                           "to import a CSV file"));

  if (options->passphrase_file != NULL && options->backup_path == NULL
      && options->restore_path == NULL)
    return print_error (E_("--passphrase-file goes with --backup or --restore; "
                           "add the backup to write or restore"));

  if (database == NULL)
    database = default_path = wm_cli_default_database_path ();

  if (options->restore_path != NULL)
    return run_restore (options, database);

  /* Evaluating or verifying must not create an empty database as a side
   * effect. */
  if (options->import_path == NULL
      && !g_file_test (database, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message =
        /* Translators: %s is the path of the database file. */
        g_strdup_printf (E_("Database %s does not exist; import a Common "
                            "Transfer File into it first with --import"),
                         database);
      return print_error (message);
    }

  created = !g_file_test (database, G_FILE_TEST_EXISTS);
  store = wm_store_open (database, &error);
  if (store == NULL)
    return print_error (error->message);

  if (options->import_path != NULL)
    {
      int status = run_import (store, options->import_path,
                               options->encoding);

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

  if (options->backup_path != NULL)
    {
      int status = run_backup (store, options->backup_path,
                               options->passphrase_file);

      if (status != 0)
        return status;
    }

  if (options->verify)
    {
      int status = run_verify (store);

      if (status != 0 || (!options->evaluate && !options->export_bundle
                          && !options->export_case
                          && !options->retention_review))
        return status;
    }

  if (options->export_bundle != NULL)
    {
      int status = _wm_cli_export_bundle (store, options, as_of);

      if (status != 0 || !options->evaluate)
        return status;
    }

  if (options->export_case != NULL)
    {
      int status = _wm_cli_export_case (store, options);

      if (status != 0 || (!options->evaluate && !options->due
                          && !options->retention_review))
        return status;
    }

  if (options->retention_review)
    {
      int status = _wm_cli_retention_review (store, as_of);

      if (status != 0 || (!options->evaluate && !options->due))
        return status;
    }

  if (options->evaluate)
    {
      int status = run_evaluate (store, as_of, json);

      if (status != 0 || !options->due)
        return status;
    }

  if (options->due && !wm_response_print_due (store, as_of, &error))
    return print_error (error->message);

  return 0;
}
