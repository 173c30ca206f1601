/* fuzz-ctf.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Feeds arbitrary bytes to the Common Transfer File reader as one whole
 * file, with no database. The input is the file exactly, so a saved crash
 * reproduces by importing it.
 *
 * Besides memory errors and undefined behaviour, which the sanitizers
 * catch, the target checks the reader's contract on every input. The
 * reader returns either a file with at least one complete pupil, or no
 * file and a WM_ERROR whose message is valid UTF-8 and names the file.
 * GTK rejects text that is not UTF-8, so such a message would never
 * reach the officer.
 */

#include <string.h>

#include <gio/gio.h>

#include "fuzz-common.h"
#include "wm-ctf.h"
#include "wm-error.h"

#define FILE_NAME "fuzz.xml"

/* Progress must rise from 0 to 1 and never fall back. */
static void
on_progress (double   fraction,
             gpointer data)
{
  double *last = data;

  FUZZ_CHECK (fraction >= 0.0 && fraction <= 1.0, "progress out of range");
  FUZZ_CHECK (fraction >= *last, "progress went backwards");
  *last = fraction;
}

static void
check_year (const WmCtfYearData *year)
{
  FUZZ_CHECK (year->year >= 1900 && year->year <= 9998, "year out of range");
  FUZZ_CHECK (year->lea != NULL && year->estab != NULL,
              "year without LEA or Estab");
  FUZZ_CHECK (year->sessions == NULL || year->is_source,
              "sessions decoded for another school's year");

  if (year->sessions == NULL)
    return;

  FUZZ_CHECK (year->n_days > 0 && year->n_days <= 366,
              "decoded year longer than a school year");
  for (guint i = 0; i < year->n_days * 2; i++)
    FUZZ_CHECK (year->sessions[i] <= WM_MARK_LAST, "mark out of range");
}

static void
check_pupil (const WmCtfPupil *pupil)
{
  FUZZ_CHECK (pupil->upn != NULL && pupil->surname != NULL
              && pupil->forename != NULL, "pupil without UPN or name");
  FUZZ_CHECK (g_utf8_validate (pupil->surname, -1, NULL),
              "surname is not UTF-8");
  FUZZ_CHECK (pupil->entry_date == WM_DAY_NONE
              || pupil->leaving_date == WM_DAY_NONE
              || pupil->entry_date <= pupil->leaving_date,
              "leaving date before entry date");

  for (guint i = 0; i < pupil->years->len; i++)
    check_year (g_ptr_array_index (pupil->years, i));
}

static void
check_file (const WmCtfFile *file)
{
  FUZZ_CHECK (file->sha256 != NULL && strlen (file->sha256) == 64,
              "no SHA-256");
  FUZZ_CHECK (file->ctf_version != NULL, "no CTF version");
  FUZZ_CHECK (file->pupils->len > 0, "a file with no pupils was accepted");

  for (guint i = 0; i < file->pupils->len; i++)
    check_pupil (g_ptr_array_index (file->pupils, i));

  for (guint i = 0; i < file->warnings->len; i++)
    FUZZ_CHECK (g_utf8_validate (g_ptr_array_index (file->warnings, i), -1,
                                 NULL), "warning is not UTF-8");
}

static void
check_error (const GError *error)
{
  FUZZ_CHECK (error != NULL, "NULL returned without an error");
  FUZZ_CHECK (error->domain == WM_ERROR, "error outside WM_ERROR");
  FUZZ_CHECK (error->code == WM_ERROR_INVALID_INPUT
              || error->code == WM_ERROR_UNKNOWN_CODE
              || error->code == WM_ERROR_AMBIGUOUS,
              "unexpected error code");
  FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL),
              "error message is not UTF-8");
  FUZZ_CHECK (strstr (error->message, FILE_NAME) != NULL,
              "error message does not name the file");
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_fatal ();
  wm_ctf_global_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) stream =
    g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(WmCtfFile) file = NULL;
  g_autoptr(GError) error = NULL;
  double last_fraction = 0.0;

  file = wm_ctf_read_stream (stream, (goffset) size, FILE_NAME, NULL,
                             on_progress, &last_fraction, &error);
  if (file != NULL)
    {
      FUZZ_CHECK (error == NULL, "a file and an error");
      check_file (file);
    }
  else
    check_error (error);

  return 0;
}
