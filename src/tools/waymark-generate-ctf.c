/* waymark-generate-ctf.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

#include "wm-date.h"
#include "wm-sample.h"

/*
 * Writes a sample Common Transfer File for the demo database, the tests
 * and the benchmarks:
 *
 *   waymark-generate-ctf [--seed=N] [--pupils=N] [--year=YYYY] [--lea=NNN]
 *     [--estab=NNNN] [--school=NAME] [--ctf-version=V] [--gender-element]
 *     [--layout=weekdays|calendar] [--pupils-only] --output=FILE
 *
 * Exit status 0 on success; 1 with a one-line error on stderr otherwise.
 */

typedef struct
{
  char     *seed;
  char     *pupils;
  char     *year;
  char     *lea;
  char     *estab;
  char     *school;
  char     *ctf_version;
  gboolean  gender_element;
  char     *layout;
  gboolean  pupils_only;
  char     *until;
  char     *output;
} Arguments;

static void
arguments_clear (Arguments *args)
{
  g_free (args->seed);
  g_free (args->pupils);
  g_free (args->year);
  g_free (args->lea);
  g_free (args->estab);
  g_free (args->school);
  g_free (args->ctf_version);
  g_free (args->layout);
  g_free (args->until);
  g_free (args->output);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Arguments, arguments_clear)

static int
fail (const char *message)
{
  g_printerr ("waymark-generate-ctf: %s\n", message);
  return EXIT_FAILURE;
}

/* Numbers are taken as text and parsed here, so that a bad value gets a
 * message naming the option rather than GOption's generic one. */
static gboolean
parse_number (const char  *text,
              const char  *option,
              guint64      max,
              guint64     *out,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (text == NULL)
    return TRUE;

  if (!g_ascii_string_to_unsigned (text, 10, 0, max, out, &local_error))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--%s=%s is not a whole number from 0 to %" G_GUINT64_FORMAT,
                   option, text, max);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_layout (const char      *text,
              WmSampleLayout  *out,
              GError         **error)
{
  if (text == NULL || strcmp (text, "weekdays") == 0)
    *out = WM_SAMPLE_LAYOUT_WEEKDAYS;
  else if (strcmp (text, "calendar") == 0)
    *out = WM_SAMPLE_LAYOUT_CALENDAR;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--layout=%s is not a layout: use weekdays or calendar", text);
      return FALSE;
    }

  return TRUE;
}

static gboolean
arguments_to_options (const Arguments  *args,
                      WmSampleOptions  *options,
                      GError          **error)
{
  guint64 seed = options->seed, pupils = options->n_pupils, year = options->academic_year;

  if (!parse_number (args->seed, "seed", G_MAXUINT64, &seed, error)
      || !parse_number (args->pupils, "pupils", G_MAXUINT, &pupils, error)
      || !parse_number (args->year, "year", G_MAXUINT, &year, error)
      || !parse_layout (args->layout, &options->layout, error))
    return FALSE;

  options->seed = seed;
  options->n_pupils = (guint) pupils;
  options->academic_year = (guint) year;
  if (args->lea != NULL)
    options->lea = args->lea;
  if (args->estab != NULL)
    options->estab = args->estab;
  if (args->school != NULL)
    options->school_name = args->school;
  if (args->ctf_version != NULL)
    options->ctf_version = args->ctf_version;
  if (args->until != NULL && !wm_day_parse_iso (args->until, &options->export_day))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--until=%s is not a date: give it as YYYY-MM-DD", args->until);
      return FALSE;
    }
  options->use_gender_element = args->gender_element;
  options->with_attendance = !args->pupils_only;

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_auto(Arguments) args = { 0, };
  const GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_STRING, &args.seed,
      "Seed of the random data (default 1)", "N" },
    { "pupils", 0, 0, G_OPTION_ARG_STRING, &args.pupils,
      "Pupils on roll over the year (default 200)", "N" },
    { "year", 0, 0, G_OPTION_ARG_STRING, &args.year,
      "Year in which the school year starts (default 2025)", "YYYY" },
    { "lea", 0, 0, G_OPTION_ARG_STRING, &args.lea,
      "Local authority number (default 999)", "NNN" },
    { "estab", 0, 0, G_OPTION_ARG_STRING, &args.estab,
      "Establishment number (default 2001)", "NNNN" },
    { "school", 0, 0, G_OPTION_ARG_STRING, &args.school,
      "School name (default Millbrook Primary School)", "NAME" },
    { "ctf-version", 0, 0, G_OPTION_ARG_STRING, &args.ctf_version,
      "CTFversion to write (default 25.0)", "V" },
    { "gender-element", 0, 0, G_OPTION_ARG_NONE, &args.gender_element,
      "Write <Gender> as files before CTF 25.0 did", NULL },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &args.layout,
      "Marks string slots: weekdays (default) or calendar", "LAYOUT" },
    { "pupils-only", 0, 0, G_OPTION_ARG_NONE, &args.pupils_only,
      "Leave out the attendance section", NULL },
    { "until", 0, 0, G_OPTION_ARG_STRING, &args.until,
      "Export date: the marks end on this day (default the end of the summer term)",
      "YYYY-MM-DD" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &args.output,
      "The file to write", "FILE" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  WmSampleOptions options;

  context = g_option_context_new ("- write a sample Common Transfer File");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error->message);
  if (argc > 1)
    return fail ("unexpected argument; see --help");
  if (args.output == NULL)
    return fail ("--output=FILE is required");

  wm_sample_options_init (&options);
  if (!arguments_to_options (&args, &options, &error)
      || !wm_sample_write_ctf_file (&options, args.output, &error))
    return fail (error->message);

  return EXIT_SUCCESS;
}
