/* fuzz-csv.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Feeds arbitrary bytes to the CSV reader as one whole file: first
 * wm_csv_decode() with the encoding detected, as an import without
 * --encoding does, then with Windows-1252 and UTF-8 named, as the command
 * line allows; each text that decodes is read record by record. The input
 * is the file exactly, so a saved crash reproduces by importing it.
 *
 * Besides memory errors, undefined behaviour and hangs, the target checks
 * the reader's contract. Decoded text is UTF-8 with no control character
 * other than tab, form feed and line breaks. Every record has at least one
 * field, and records start on later and later lines. The fraction read
 * rises from 0 to 1. Every failure is a WM_ERROR whose message is UTF-8
 * and names the file.
 */

#include <string.h>

#include "fuzz-common.h"
#include "wm-csv.h"
#include "wm-error.h"

#define FILE_NAME "fuzz.csv"

/* Column names the importers look up, so that the folding is exercised
 * on matches as well as misses. */
static const char * const column_names[] = {
  "UPN", "Surname", "Forename", "Date", "Session", "Mark", "Year group",
};

static void
check_error (const GError *error)
{
  FUZZ_CHECK (error != NULL, "NULL returned without an error");
  FUZZ_CHECK (error->domain == WM_ERROR, "error outside WM_ERROR");
  FUZZ_CHECK (error->code == WM_ERROR_INVALID_INPUT
              || error->code == WM_ERROR_AMBIGUOUS, "unexpected error code");
  FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL),
              "error message is not UTF-8");
  FUZZ_CHECK (strstr (error->message, FILE_NAME) != NULL,
              "error message does not name the file");
}

static void
check_decoded (const char *text)
{
  FUZZ_CHECK (g_utf8_validate (text, -1, NULL), "decoded text is not UTF-8");

  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      FUZZ_CHECK (c >= 0x20 || c == '\t' || c == '\n' || c == '\r'
                  || c == '\f', "decoded text has a control character");
    }
}

/* A folded name has no white space at either end and no run of it. */
static void
check_folded (const char *field)
{
  g_autofree char *folded = wm_csv_fold_header (field);
  gsize length = strlen (folded);

  FUZZ_CHECK (g_utf8_validate (folded, -1, NULL), "folded name is not UTF-8");
  FUZZ_CHECK (length == 0 || (folded[0] != ' ' && folded[length - 1] != ' '),
              "folded name has surrounding space");
  FUZZ_CHECK (strstr (folded, "  ") == NULL, "folded name has a double space");
}

static void
check_header (const WmCsvRecord *header)
{
  for (guint i = 0; i < header->fields->len; i++)
    check_folded (g_ptr_array_index (header->fields, i));

  for (guint i = 0; i < G_N_ELEMENTS (column_names); i++)
    {
      int column = wm_csv_find_column (header, column_names[i]);

      FUZZ_CHECK (column >= -1 && column < (int) header->fields->len,
                  "column index out of range");
    }
}

static void
check_record (const WmCsvRecord *record,
              guint              previous_line)
{
  FUZZ_CHECK (record->fields->len > 0, "a record with no fields");
  FUZZ_CHECK (record->line >= 1 && record->line > previous_line,
              "record line did not advance");

  for (guint i = 0; i < record->fields->len; i++)
    FUZZ_CHECK (g_utf8_validate (g_ptr_array_index (record->fields, i), -1,
                                 NULL), "field is not UTF-8");

  (void) wm_csv_record_is_blank (record);
}

static void
read_records (const char *text)
{
  g_autoptr(WmCsvReader) reader =
    wm_csv_reader_new (FILE_NAME, text, strlen (text));
  g_autoptr(GError) error = NULL;
  const WmCsvRecord *record;
  double last_fraction = 0.0;
  guint previous_line = 0;

  while ((record = wm_csv_reader_next (reader, &error)) != NULL)
    {
      double fraction = wm_csv_reader_get_fraction (reader);

      check_record (record, previous_line);
      if (previous_line == 0)
        check_header (record);
      previous_line = record->line;

      FUZZ_CHECK (fraction >= last_fraction && fraction <= 1.0,
                  "fraction went backwards or past 1");
      last_fraction = fraction;
    }

  if (error != NULL)
    check_error (error);
  else
    FUZZ_CHECK (wm_csv_reader_get_fraction (reader) == 1.0,
                "the reader stopped before the end of the text");
}

static void
decode_and_read (const uint8_t *data,
                 size_t         size,
                 const char    *encoding)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *used = NULL;
  g_autofree char *text = NULL;

  text = wm_csv_decode ((const char *) data, size, FILE_NAME, encoding, &used,
                        &error);
  if (text == NULL)
    {
      check_error (error);
      return;
    }

  FUZZ_CHECK (error == NULL, "text and an error");
  FUZZ_CHECK (used != NULL, "no encoding reported");
  check_decoded (text);
  read_records (text);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_fatal ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  decode_and_read (data, size, NULL);
  decode_and_read (data, size, "windows-1252");
  decode_and_read (data, size, "utf-8");
  return 0;
}
