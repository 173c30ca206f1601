/* wm-csv.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* CSV files are read whole into memory, so the limit is lower than the
 * streamed Common Transfer File's. A year of session marks for a school
 * of 2,000 pupils is about 35 MiB. */
#define WM_CSV_MAX_FILE_SIZE ((goffset) 128 * 1024 * 1024)

/**
 * WmCsvRecord:
 * @line: the line of the file on which the record starts, from 1
 * @fields: (element-type utf8): the fields in order; field i is column
 *   i + 1. Unquoted fields lose surrounding spaces and tabs; quoted
 *   fields are kept exactly, line breaks included.
 *
 * One record (row) of a CSV file. It belongs to the reader and changes
 * with the next call to wm_csv_reader_next().
 */
typedef struct
{
  guint      line;
  GPtrArray *fields;
} WmCsvRecord;

typedef struct _WmCsvReader WmCsvReader;

char              *wm_csv_decode            (const char   *data,
                                             gsize         length,
                                             const char   *name,
                                             const char   *encoding,
                                             char        **out_encoding,
                                             GError      **error);

WmCsvReader       *wm_csv_reader_new        (const char   *name,
                                             const char   *text,
                                             gsize         length);
void               wm_csv_reader_free       (WmCsvReader  *reader);
const WmCsvRecord *wm_csv_reader_next       (WmCsvReader  *reader,
                                             GError      **error);
double             wm_csv_reader_get_fraction (WmCsvReader *reader);

gboolean           wm_csv_record_is_blank   (const WmCsvRecord *record);
int                wm_csv_find_column       (const WmCsvRecord *header,
                                             const char   *name);
char              *wm_csv_fold_header       (const char   *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmCsvReader, wm_csv_reader_free)

G_END_DECLS
