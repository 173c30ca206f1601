/* test-fuzz-crashes.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Feeds every input in tests/corpus/fuzz-crashes to the reader it once
 * broke. fuzz/run.sh copies there each input that crashed, leaked or hung
 * a reader, named after its fuzz target: `ctf-...` for the Common Transfer
 * File reader, `csv-...` for the CSV reader. Once the reader is fixed,
 * each input must be read cleanly. It is accepted, or rejected with a
 * WM_ERROR whose message names the file. A crash fails the test binary.
 * Under tools/run-sanitizers.sh a memory error on any of these inputs
 * fails it too, which a plain build may not notice. */

#include <string.h>

#include <gio/gio.h>

#include "wm-csv.h"
#include "wm-ctf.h"
#include "wm-error.h"

#define CRASH_FOLDER "fuzz-crashes"

/* Inputs whose outcome is known exactly, checked word for word. */
typedef struct
{
  const char *name;
  int         code;
  const char *message;
} KnownOutcome;

static const KnownOutcome known_outcomes[] = {
  /* The date part of Header/DateTime is its first 10 characters. A
   * shorter value is rejected without reading past its end. */
  {
    "ctf-short-datetime.xml", WM_ERROR_INVALID_INPUT,
    "ctf-short-datetime.xml, line 3: Header/DateTime \"2026-03\" is not a "
    "date and time such as 2026-07-22T16:00:00."
  },
  /* Bytes that are not valid in the encoding the XML declaration names
   * stop libxml2 with a conversion failure and no parser error. The
   * message names the encoding problem instead of calling the file cut
   * short. */
  {
    "ctf-wrong-encoding.xml", WM_ERROR_INVALID_INPUT,
    "ctf-wrong-encoding.xml is not a Common Transfer File: its bytes are "
    "not valid in the encoding its XML declaration names; export the file "
    "again as UTF-8 (line 1)."
  },
};

static char *
crash_folder (void)
{
  return g_test_build_filename (G_TEST_DIST, "corpus", CRASH_FOLDER, NULL);
}

static const KnownOutcome *
find_known_outcome (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_outcomes); i++)
    if (g_str_equal (known_outcomes[i].name, name))
      return &known_outcomes[i];

  return NULL;
}

static void
check_refusal (const char   *name,
               const GError *error)
{
  const KnownOutcome *known = find_known_outcome (name);

  g_assert_nonnull (error);
  if (known != NULL)
    {
      g_assert_error (error, WM_ERROR, known->code);
      g_assert_cmpstr (error->message, ==, known->message);
      return;
    }

  g_assert_true (error->domain == WM_ERROR);
  g_assert_true (error->code == WM_ERROR_INVALID_INPUT
                 || error->code == WM_ERROR_UNKNOWN_CODE
                 || error->code == WM_ERROR_AMBIGUOUS);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, name));
}

/* Reads every record of @text, which must be UTF-8 as the decoder
 * promises, and checks each field is UTF-8 too. */
static void
read_csv_records (const char *name,
                  const char *text)
{
  g_autoptr(WmCsvReader) reader = wm_csv_reader_new (name, text, strlen (text));
  g_autoptr(GError) error = NULL;
  const WmCsvRecord *record;

  g_assert_true (g_utf8_validate (text, -1, NULL));

  while ((record = wm_csv_reader_next (reader, &error)) != NULL)
    {
      g_assert_cmpuint (record->fields->len, >, 0);
      for (guint i = 0; i < record->fields->len; i++)
        g_assert_true (g_utf8_validate (g_ptr_array_index (record->fields, i),
                                        -1, NULL));
    }

  if (error != NULL)
    check_refusal (name, error);
}

/* Decodes the input with the encoding detected, then with Windows-1252
 * and UTF-8 named, the same three ways fuzz-csv decodes it. */
static void
test_csv_input (gconstpointer data)
{
  const char *path = data;
  const char * const encodings[] = { NULL, "windows-1252", "utf-8" };
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) read_error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &length, &read_error));
  g_assert_no_error (read_error);

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = wm_csv_decode (contents, length, name,
                                             encodings[i], NULL, &error);

      if (text == NULL)
        check_refusal (name, error);
      else
        read_csv_records (name, text);
    }
}

static void
test_ctf_input (gconstpointer data)
{
  const char *path = data;
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(WmCtfFile) file = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);

  stream = g_memory_input_stream_new_from_data (contents, length, NULL);
  file = wm_ctf_read_stream (stream, length, name, NULL, NULL, NULL, &error);

  if (file == NULL)
    check_refusal (name, error);
  else
    {
      g_assert_no_error (error);
      g_assert_null (find_known_outcome (name));
      g_assert_cmpuint (file->pupils->len, >, 0);
    }
}

/* By default libxml2 prints a conversion failure on standard error. The
 * reader keeps it for its own message, so that the command line prints
 * one line and no bytes of the file. */
static void
test_encoding_failure_not_printed (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *folder = crash_folder ();
      g_autofree char *path =
        g_build_filename (folder, "ctf-wrong-encoding.xml", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(WmCtfFile) file =
        wm_ctf_read_file (path, NULL, NULL, NULL, &error);

      g_assert_null (file);
      g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
}

/* The folder is always there, with its README, so that fuzz/run.sh has
 * somewhere to copy what it finds and this test has a folder to list. */
static void
test_folder_has_readme (void)
{
  g_autofree char *folder = crash_folder ();
  g_autofree char *readme = g_build_filename (folder, "README", NULL);

  g_assert_true (g_file_test (readme, G_FILE_TEST_IS_REGULAR));
}

/* Every entry of the known-outcome table names a file in the folder, so
 * that a renamed input cannot leave its exact check silently unused. */
static void
test_known_outcomes_present (void)
{
  g_autofree char *folder = crash_folder ();

  for (guint i = 0; i < G_N_ELEMENTS (known_outcomes); i++)
    {
      g_autofree char *path =
        g_build_filename (folder, known_outcomes[i].name, NULL);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Adds one test case per input, in name order so that runs list them the
 * same way. @paths keeps each input's path for the whole run: GLib frees
 * a case's data only when the case runs, and a subprocess runs one case. */
static void
add_input_tests (GPtrArray *paths)
{
  g_autofree char *folder = crash_folder ();
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "ctf-") || g_str_has_prefix (name, "csv-"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *input = g_ptr_array_index (names, i);
      gboolean is_csv = g_str_has_prefix (input, "csv-");
      char *path = g_build_filename (folder, input, NULL);
      g_autofree char *test_path =
        g_strdup_printf ("/fuzz-crashes/%s/%s", is_csv ? "csv" : "ctf", input);

      g_ptr_array_add (paths, path);
      g_test_add_data_func (test_path, path,
                            is_csv ? test_csv_input : test_ctf_input);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  wm_ctf_global_init ();

  g_test_add_func ("/fuzz-crashes/folder-has-readme", test_folder_has_readme);
  g_test_add_func ("/fuzz-crashes/known-outcomes-present",
                   test_known_outcomes_present);
  g_test_add_func ("/fuzz-crashes/encoding-failure-not-printed",
                   test_encoding_failure_not_printed);
  add_input_tests (paths);

  return g_test_run ();
}
