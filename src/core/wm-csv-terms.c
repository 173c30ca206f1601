/* wm-csv-terms.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * A terms file: a school's term dates and closures, one per row. Its
 * header has the columns School, Name, Start and End, and may have Kind
 * ("term" or "closure"; an empty cell is a term). School is the
 * establishment number as a pupils file gives it (2001), which must name
 * one stored school, or the DfE number LAESTAB, the local authority
 * number then the establishment number (9992001). Start and End are
 * dates day first or ISO, as in the other kinds.
 *
 * The school must already be stored (import its pupils first), because an
 * establishment number alone does not name the local authority. A row
 * identical to a stored entry is skipped, so importing the same file
 * twice changes nothing and records no import; any other row is added
 * with the store's checks
 * (terms of one school do not overlap, a closure lies inside a term),
 * terms first so that a closure may come before its term in the file.
 * Like the other kinds, the whole file is checked and written in one
 * transaction, and an error names the line and the column.
 */

#include "wm-csv-import-private.h"

#include <string.h>

#include "wm-store-private.h"
#include "wm-store-response-rules.h"
#include "wm-i18n-private.h"

typedef enum
{
  TERMS_COL_SCHOOL,
  TERMS_COL_NAME,
  TERMS_COL_START,
  TERMS_COL_END,
  TERMS_COL_KIND,
  TERMS_N_COLUMNS
} TermsColumn;

static const char * const terms_column_names[TERMS_N_COLUMNS] = {
  [TERMS_COL_SCHOOL] = "School",
  [TERMS_COL_NAME] = "Name",
  [TERMS_COL_START] = "Start",
  [TERMS_COL_END] = "End",
  [TERMS_COL_KIND] = "Kind",
};

/* The store's limit for a term's name or a closure's reason. */
#define MAX_NAME_LENGTH 80

/* The first four columns are required. */
#define TERMS_N_REQUIRED 4

typedef struct
{
  guint           line;
  WmTermAddition  addition;
} TermRow;

typedef struct
{
  int        columns[TERMS_N_COLUMNS];
  GPtrArray *rows;     /* TermRow */
  GPtrArray *schools;  /* WmSchoolInfo, the stored schools */
} TermsData;

static void
term_row_free (TermRow *row)
{
  g_free (row->addition.term.name);
  g_free (row);
}

static void
terms_data_free (TermsData *data)
{
  g_clear_pointer (&data->rows, g_ptr_array_unref);
  g_clear_pointer (&data->schools, g_ptr_array_unref);
  g_free (data);
}

static int
find_terms_column (const char *folded)
{
  for (guint i = 0; i < TERMS_N_COLUMNS; i++)
    {
      g_autofree char *name = wm_csv_fold_header (terms_column_names[i]);

      if (g_str_equal (folded, name))
        return (int) i;
    }

  return -1;
}

/*
 * _wm_csv_is_terms_header:
 * @header: (element-type utf8): the header's fields
 *
 * A header with a Start or an End column is a terms file: neither a
 * pupils file nor a marks file has one.
 *
 * Returns: whether @header is a terms file's
 */
gboolean
_wm_csv_is_terms_header (GPtrArray *header)
{
  for (guint i = 0; i < header->len; i++)
    {
      g_autofree char *folded = wm_csv_fold_header (g_ptr_array_index (header,
                                                                       i));
      int column = find_terms_column (folded);

      if (column == TERMS_COL_START || column == TERMS_COL_END)
        return TRUE;
    }

  return FALSE;
}

/* Header */

static gboolean
parse_terms_header (WmCsvImport  *import,
                    TermsData    *data,
                    GString      *unused,
                    GError      **error)
{
  for (guint i = 0; i < import->header->len; i++)
    {
      const char *field = g_ptr_array_index (import->header, i);
      g_autofree char *folded = wm_csv_fold_header (field);
      int column = find_terms_column (folded);

      if (folded[0] == '\0')
        continue;

      if (column < 0)
        g_string_append_printf (unused, "%s“%s”", unused->len > 0 ? ", " : "",
                                field);
      else if (data->columns[column] >= 0)
        {
          _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT,
                                  import->header_line, (int) i,
                                  E_("the header has this column twice (also "
                                     "column %d). Remove one of them."),
                                  data->columns[column] + 1);
          return FALSE;
        }
      else
        data->columns[column] = (int) i;
    }

  return TRUE;
}

static gboolean
check_terms_header (WmCsvImport  *import,
                    TermsData    *data,
                    GError      **error)
{
  g_autoptr(GString) unused = g_string_new (NULL);

  if (!parse_terms_header (import, data, unused, error))
    return FALSE;

  for (guint i = 0; i < TERMS_N_REQUIRED; i++)
    if (data->columns[i] < 0)
      {
        _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT,
                                import->header_line, -1,
                                E_("the header has no %s column. A terms file "
                                   "needs the columns School, Name, Start and "
                                   "End, and may have Kind; add the missing "
                                   "column."), terms_column_names[i]);
        return FALSE;
      }

  if (unused->len > 0)
    _wm_csv_add_warning (import, import->header_line,
                         N_("these columns are not used in a terms file and "
                            "were ignored: %s."), unused->str);
  return TRUE;
}

/* Rows */

static gboolean
find_by_estab (WmCsvImport        *import,
               TermsData          *data,
               const WmCsvRecord  *record,
               const char         *estab,
               gint64             *out_id,
               GError            **error)
{
  int index = data->columns[TERMS_COL_SCHOOL];
  guint n_found = 0;

  for (guint i = 0; i < data->schools->len; i++)
    {
      const WmSchoolInfo *info = g_ptr_array_index (data->schools, i);

      if (g_strcmp0 (info->estab, estab) == 0)
        {
          *out_id = info->id;
          n_found++;
        }
    }

  if (n_found == 1)
    return TRUE;

  if (n_found == 0)
    _wm_csv_set_cell_error (import, error, WM_ERROR_NOT_FOUND, record->line,
                            index, E_("no stored school has the establishment "
                               "number %s. Import the school's pupils first, "
                               "or check the number."), estab);
  else
    _wm_csv_set_cell_error (import, error, WM_ERROR_AMBIGUOUS, record->line,
                            index, E_("%u stored schools have the establishment "
                               "number %s, in different local authorities. "
                               "Give the DfE number (LAESTAB, seven digits) "
                               "instead."), n_found, estab);
  return FALSE;
}

static gboolean
is_digits (const char *text,
           gsize       n)
{
  if (strlen (text) != n)
    return FALSE;

  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;

  return TRUE;
}

/* Reads the School cell: four digits (Estab) or seven (LAESTAB). */
static gboolean
read_school (WmCsvImport        *import,
             TermsData          *data,
             const WmCsvRecord  *record,
             gint64             *out_id,
             GError            **error)
{
  int index = data->columns[TERMS_COL_SCHOOL];
  g_autofree char *text = _wm_csv_cell_dup (record, index);
  char lea[4] = { 0 };

  if (text != NULL && is_digits (text, 4))
    return find_by_estab (import, data, record, text, out_id, error);

  if (text == NULL || !is_digits (text, 7))
    {
      _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT,
                              record->line, index, E_("\"%s\" is not a school "
                                 "number. Give the establishment number (four "
                                 "digits, as 2001) or the DfE number LAESTAB "
                                 "(seven digits, as 9992001)."),
                              text != NULL ? text : "");
      return FALSE;
    }

  memcpy (lea, text, 3);
  *out_id = wm_store_find_school (import->store, lea, text + 3);
  if (*out_id > 0)
    return TRUE;

  _wm_csv_set_cell_error (import, error, WM_ERROR_NOT_FOUND, record->line,
                          index, E_("no stored school has the DfE number %s "
                             "(local authority %s, establishment %s). Import "
                             "the school's pupils first, or check the number."),
                          text, lea, text + 3);
  return FALSE;
}

static gboolean
read_date (WmCsvImport        *import,
           const WmCsvRecord  *record,
           int                 index,
           WmDay              *out_day,
           GError            **error)
{
  g_autofree char *text = _wm_csv_cell_dup (record, index);

  if (text != NULL && _wm_csv_parse_date (text, out_day))
    return TRUE;

  _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT, record->line,
                          index, E_("\"%s\" is not a date that exists. Write "
                             "dates day first with a four-digit year, as "
                             "23/02/2026, or as 2026-02-23."),
                          text != NULL ? text : "");
  return FALSE;
}

static gboolean
read_kind (WmCsvImport        *import,
           TermsData          *data,
           const WmCsvRecord  *record,
           WmTermKind         *out_kind,
           GError            **error)
{
  int index = data->columns[TERMS_COL_KIND];
  g_autofree char *text = _wm_csv_cell_dup (record, index);

  *out_kind = WM_TERM_KIND_TERM;
  if (text == NULL || g_ascii_strcasecmp (text, "term") == 0)
    return TRUE;

  if (g_ascii_strcasecmp (text, "closure") == 0)
    {
      *out_kind = WM_TERM_KIND_CLOSURE;
      return TRUE;
    }

  _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT, record->line,
                          index, E_("\"%s\" is not a kind of entry. Write "
                             "\"term\" or \"closure\", or leave the cell empty "
                             "for a term."), text);
  return FALSE;
}

static gboolean
read_name (WmCsvImport        *import,
           TermsData          *data,
           const WmCsvRecord  *record,
           char              **out_name,
           GError            **error)
{
  int index = data->columns[TERMS_COL_NAME];

  if (!_wm_csv_cell_text (import, record, index, FALSE, out_name, error))
    return FALSE;
  if (*out_name != NULL && g_utf8_strlen (*out_name, -1) > MAX_NAME_LENGTH)
    {
      _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT,
                              record->line, index, E_("the name is longer than "
                                 "%d characters. Shorten it to a name such as "
                                 "\"Spring 1\"."), MAX_NAME_LENGTH);
      return FALSE;
    }
  if (*out_name != NULL)
    return TRUE;

  _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT, record->line,
                          index, E_("the name is empty. Give the term's name, "
                             "as \"Spring 1\", or the closure's reason, as "
                             "\"Training day\"."));
  return FALSE;
}

static gboolean
check_order (WmCsvImport        *import,
             TermsData          *data,
             const WmCsvRecord  *record,
             const TermRow      *row,
             GError            **error)
{
  const WmSchoolTerm *term = &row->addition.term;
  g_autofree char *first = NULL;

  if (term->last_day >= term->first_day)
    return TRUE;

  first = wm_day_format_long (term->first_day);
  _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT, record->line,
                          data->columns[TERMS_COL_END], E_("the end is before "
                             "the start (%s). The end is the last day, on or "
                             "after the start."), first);
  return FALSE;
}

static gboolean
read_terms_row (WmCsvImport        *import,
                const WmCsvRecord  *record,
                GError            **error)
{
  TermsData *data = import->kind_data;
  TermRow *row = g_new0 (TermRow, 1);
  WmSchoolTerm *term = &row->addition.term;

  row->line = record->line;
  g_ptr_array_add (data->rows, row);

  return read_school (import, data, record, &row->addition.school_id, error)
         && read_name (import, data, record, &term->name, error)
         && read_date (import, record, data->columns[TERMS_COL_START],
                       &term->first_day, error)
         && read_date (import, record, data->columns[TERMS_COL_END],
                       &term->last_day, error)
         && read_kind (import, data, record, &term->kind, error)
         && check_order (import, data, record, row, error);
}

/*
 * _wm_csv_read_terms:
 *
 * Reads a terms file's header and rows; see the comment at the top.
 */
gboolean
_wm_csv_read_terms (WmCsvImport  *import,
                    GError      **error)
{
  TermsData *data = g_new0 (TermsData, 1);

  memset (data->columns, -1, sizeof data->columns);
  data->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) term_row_free);
  import->kind_data = data;
  import->kind_free = (GDestroyNotify) terms_data_free;

  if (!check_terms_header (import, data, error))
    return FALSE;

  data->schools = wm_store_list_schools (import->store, error);
  if (data->schools == NULL || !_wm_csv_read_rows (import, read_terms_row,
                                                   error))
    return FALSE;

  if (data->rows->len > 0)
    return TRUE;

  _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT,
                          import->header_line, -1,
                          E_("the file has a header and no rows. Add a row for "
                             "each term and closure."));
  return FALSE;
}

/* Writing */

/* A refusal of the store names the row's line and its date columns. */
static void
set_row_error (WmCsvImport  *import,
               TermsData    *data,
               guint         failed,
               GError       *local_error,
               GError      **error)
{
  const TermRow *row;

  if (failed >= data->rows->len)
    {
      g_propagate_error (error, g_error_copy (local_error));
      return;
    }

  row = g_ptr_array_index (data->rows, failed);
  g_set_error (error, WM_ERROR, local_error->code,
               E_("%s, line %u, columns %d and %d (%s and %s): %s"), import->name,
               row->line, data->columns[TERMS_COL_START] + 1,
               data->columns[TERMS_COL_END] + 1,
               terms_column_names[TERMS_COL_START],
               terms_column_names[TERMS_COL_END], local_error->message);
}

/* Counts every row, whether new or already stored: importing the same
 * file again reports what it holds, not zero. */
static gboolean
count_rows (WmCsvImport *import,
            TermsData   *data)
{
  gboolean changed = FALSE;

  for (guint i = 0; i < data->rows->len; i++)
    {
      const TermRow *row = g_ptr_array_index (data->rows, i);

      if (row->addition.term.kind == WM_TERM_KIND_TERM)
        import->report->n_terms++;
      else
        import->report->n_closures++;
      changed |= row->addition.added;
    }

  return changed;
}

/*
 * _wm_csv_write_terms:
 * @out_changed: (out): whether any row was added
 *
 * Adds the rows inside the import's transaction, in one call to the
 * store, which adds every term, then every closure, each in file order,
 * and skips a row it already contains. When no row was new, a warning
 * reports that nothing changed, and the caller records no import, because
 * a second entry in the imports list would report that something arrived.
 */
gboolean
_wm_csv_write_terms (WmCsvImport  *import,
                     gboolean     *out_changed,
                     GError      **error)
{
  TermsData *data = import->kind_data;
  g_autoptr(GPtrArray) additions = g_ptr_array_sized_new (data->rows->len);
  g_autoptr(GError) local_error = NULL;
  guint failed = 0;

  *out_changed = FALSE;
  for (guint i = 0; i < data->rows->len; i++)
    g_ptr_array_add (additions,
                     &((TermRow *) g_ptr_array_index (data->rows, i))->addition);

  if (!_wm_store_add_terms (import->store,
                            (WmTermAddition **) additions->pdata,
                            additions->len, &failed, &local_error))
    {
      set_row_error (import, data, failed, local_error, error);
      return FALSE;
    }

  *out_changed = count_rows (import, data);
  if (!*out_changed)
    _wm_csv_add_warning (import, import->header_line,
                         N_("nothing changed: every term and closure in the "
                            "file is already stored."));

  import->report->school_id =
    ((TermRow *) g_ptr_array_index (data->rows, 0))->addition.school_id;
  return TRUE;
}
