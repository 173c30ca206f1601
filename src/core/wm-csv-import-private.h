/* wm-csv-import-private.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-csv.h"
#include "wm-error.h"
#include "wm-import.h"
#include "wm-warnings-private.h"

G_BEGIN_DECLS

/* Shared by the parts of the CSV import: wm-csv-import.c reads the file
 * and its header and runs the transaction, wm-csv-pupils.c handles a
 * pupils file, wm-csv-marks.c a marks file and wm-csv-terms.c a terms
 * file. wm-import.c dispatches to
 * _wm_csv_import_file() and shares its report helpers. */

/* Reading takes most of the time; writing shares the rest. */
#define WM_CSV_READ_SHARE 0.8

typedef enum
{
  WM_CSV_COL_UPN,
  WM_CSV_COL_SURNAME,
  WM_CSV_COL_FORENAME,
  WM_CSV_COL_MIDDLE_NAMES,
  WM_CSV_COL_PREFERRED_SURNAME,
  WM_CSV_COL_PREFERRED_FORENAME,
  WM_CSV_COL_DOB,
  WM_CSV_COL_SEX,
  WM_CSV_COL_YEAR_GROUP,
  WM_CSV_COL_ADMISSION,
  WM_CSV_COL_LEAVING,
  WM_CSV_COL_ADDRESS,
  WM_CSV_COL_DATE,
  WM_CSV_COL_SESSION,
  WM_CSV_COL_MARK,
  WM_CSV_COL_LEA,
  WM_CSV_COL_ESTAB,
  WM_CSV_COL_SCHOOL_NAME,
  WM_CSV_N_COLUMNS
} WmCsvColumn;

typedef enum
{
  WM_CSV_CONTACT_TITLE,
  WM_CSV_CONTACT_FORENAME,
  WM_CSV_CONTACT_SURNAME,
  WM_CSV_CONTACT_NAME,
  WM_CSV_CONTACT_RELATIONSHIP,
  WM_CSV_CONTACT_RESPONSIBILITY,
  WM_CSV_CONTACT_PHONE,
  WM_CSV_CONTACT_EMAIL,
  WM_CSV_CONTACT_ADDRESS,
  WM_CSV_N_CONTACT_FIELDS
} WmCsvContactField;

/* The highest contact number a header may use ("Contact 9 name"). */
#define WM_CSV_MAX_CONTACTS 9

/* A school named by the LEA and Estab columns, written when the import
 * runs. */
typedef struct
{
  char   *lea;
  char   *estab;
  char   *name;
  guint   line;
  gint64  id;
} WmCsvSchool;

typedef struct _WmCsvImport WmCsvImport;

/* The state of one CSV file being imported. */
struct _WmCsvImport
{
  WmStore         *store;
  char            *name;
  char            *sha256;
  WmCsvReader     *reader;
  GCancellable    *cancellable;
  WmProgressFunc   progress;
  gpointer         progress_data;
  double           reported_fraction;
  WmImportReport  *report;

  /* The header: each known column's index, or -1, and each contact
   * field's index by contact number (index 0 unused). */
  GPtrArray       *header;
  guint            header_line;
  int              columns[WM_CSV_N_COLUMNS];
  int              contacts[WM_CSV_MAX_CONTACTS + 1][WM_CSV_N_CONTACT_FIELDS];
  gboolean         has_contacts;

  /* The schools the rows name, in order of first use, and the school
   * of rows that name none (0 for none). */
  GPtrArray       *schools;
  GHashTable      *school_index;
  gint64           default_school_id;

  /* The kind's own state, freed with @kind_free. */
  gpointer         kind_data;
  GDestroyNotify   kind_free;
};

typedef gboolean (*WmCsvRowFunc) (WmCsvImport        *import,
                                  const WmCsvRecord  *record,
                                  GError            **error);

/* wm-import.c */
WmImportReport *_wm_import_report_new    (void);
gboolean        _wm_import_names_differ  (const char      *stored,
                                          const char      *received);
char           *_wm_import_join_warnings (GPtrArray       *warnings);
WmImportReport *_wm_csv_import_file      (WmStore         *store,
                                          const char      *path,
                                          const WmImportOptions *options,
                                          GCancellable    *cancellable,
                                          WmProgressFunc   progress,
                                          gpointer         progress_data,
                                          GError         **error);

/* wm-csv-import.c */
const char     *_wm_csv_cell             (const WmCsvRecord *record,
                                          int              index);
char           *_wm_csv_cell_dup         (const WmCsvRecord *record,
                                          int              index);
void            _wm_csv_set_cell_error   (WmCsvImport     *import,
                                          GError         **error,
                                          WmError          code,
                                          guint            line,
                                          int              index,
                                          const char      *format,
                                          ...) G_GNUC_PRINTF (6, 7);
void            _wm_csv_add_warning      (WmCsvImport     *import,
                                          guint            line,
                                          const char      *format,
                                          ...) G_GNUC_PRINTF (3, 4);
void            _wm_csv_add_warning_n    (WmCsvImport     *import,
                                          guint            line,
                                          gulong           n,
                                          const char      *singular,
                                          const char      *plural,
                                          ...) G_GNUC_PRINTF (4, 6);
gboolean        _wm_csv_parse_date       (const char      *text,
                                          WmDay           *out_day);
gboolean        _wm_csv_cell_date        (WmCsvImport     *import,
                                          const WmCsvRecord *record,
                                          WmCsvColumn      column,
                                          WmDay           *out_day,
                                          GError         **error);
gboolean        _wm_csv_cell_upn         (WmCsvImport     *import,
                                          const WmCsvRecord *record,
                                          char           **out_upn,
                                          GError         **error);
gboolean        _wm_csv_cell_text        (WmCsvImport     *import,
                                          const WmCsvRecord *record,
                                          int              index,
                                          gboolean         multi_line,
                                          char           **out_text,
                                          GError         **error);
gboolean        _wm_csv_row_school       (WmCsvImport     *import,
                                          const WmCsvRecord *record,
                                          int             *out_school,
                                          GError         **error);
gboolean        _wm_csv_ensure_schools   (WmCsvImport     *import,
                                          GError         **error);
gint64          _wm_csv_school_id        (WmCsvImport     *import,
                                          int              school);
void            _wm_csv_report_progress  (WmCsvImport     *import,
                                          double           fraction);

/* wm-csv-pupils.c */
gboolean        _wm_csv_read_pupils      (WmCsvImport     *import,
                                          GError         **error);
gboolean        _wm_csv_write_pupils     (WmCsvImport     *import,
                                          GError         **error);

/* wm-csv-marks.c */
gboolean        _wm_csv_read_marks       (WmCsvImport     *import,
                                          GError         **error);
gboolean        _wm_csv_write_marks      (WmCsvImport     *import,
                                          GError         **error);

/* wm-csv-terms.c */
gboolean        _wm_csv_is_terms_header  (GPtrArray       *header);
gboolean        _wm_csv_read_terms       (WmCsvImport     *import,
                                          GError         **error);
gboolean        _wm_csv_write_terms      (WmCsvImport     *import,
                                          gboolean        *out_changed,
                                          GError         **error);

/* Shared by every kind: reads every row after the header. */
gboolean        _wm_csv_read_rows        (WmCsvImport     *import,
                                          WmCsvRowFunc     func,
                                          GError         **error);

G_END_DECLS
