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
 * twice changes nothing and records no import. The school's file is the
 * authority on its calendar. So a row with the kind and name of a stored
 * entry that shares a day with it corrects that entry's dates, rather
 * than overlapping it. Any other row is added. Each row is checked with the
 * store's rules against the school's other entries (terms of one school
 * do not overlap, a closure lies inside a term), terms first so that a
 * closure may come before its term in the file.
 *
 * A file may cover only part of a year, so a stored entry the file does
 * not list is kept, and the report warns how many of them lie in the
 * school years the file covers, so that the officer can remove one the
 * school dropped. A row repeated within the file is read once with a
 * warning, so that the report counts distinct entries. Like the other
 * kinds, the whole file is checked and written in one transaction, and an
 * error names the line and the column.
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
  int         columns[TERMS_N_COLUMNS];
  GPtrArray  *rows;     /* TermRow */
  GPtrArray  *schools;  /* WmSchoolInfo, the stored schools */
  GHashTable *seen;     /* entry_key() of each row, to its line */
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
  g_clear_pointer (&data->seen, g_hash_table_unref);
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

/* Returns what makes two rows, or a row and a stored entry, the same
 * entry: school, kind, days and name without surrounding spaces. */
static char *
entry_key (gint64              school_id,
           const WmSchoolTerm *term)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT " %d %u %u %s", school_id,
                          (int) term->kind, term->first_day, term->last_day,
                          term->name);
}

/* Drops a row that gives the same entry as an earlier row, however it
 * writes the school and the dates, so the report counts each entry once. */
static void
drop_repeat (WmCsvImport *import,
             TermsData   *data,
             TermRow     *row)
{
  g_autofree char *key = entry_key (row->addition.school_id,
                                    &row->addition.term);
  gpointer first_line = NULL;

  if (!g_hash_table_lookup_extended (data->seen, key, NULL, &first_line))
    {
      g_hash_table_insert (data->seen, g_steal_pointer (&key),
                           GUINT_TO_POINTER (row->line));
      return;
    }

  _wm_csv_add_warning (import, row->line,
                       N_("this row repeats line %u and was read once."),
                       GPOINTER_TO_UINT (first_line));
  /* The row was the last one added. */
  g_ptr_array_remove_index (data->rows, data->rows->len - 1);
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

  if (!read_school (import, data, record, &row->addition.school_id, error)
      || !read_name (import, data, record, &term->name, error)
      || !read_date (import, record, data->columns[TERMS_COL_START],
                     &term->first_day, error)
      || !read_date (import, record, data->columns[TERMS_COL_END],
                     &term->last_day, error)
      || !read_kind (import, data, record, &term->kind, error)
      || !check_order (import, data, record, row, error))
    return FALSE;

  drop_repeat (import, data, row);
  return TRUE;
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
  data->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
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

/* Counts every row, whether new, corrected or already stored: importing
 * the same file again reports what it holds, not zero. Repeated rows were
 * dropped as they were read, so each entry counts once. */
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

/* Returns the school years (from 1 September) that each school's rows
 * cover, as keys "SCHOOL-ID YEAR". */
static GHashTable *
covered_years (TermsData *data)
{
  GHashTable *years = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             NULL);

  for (guint i = 0; i < data->rows->len; i++)
    {
      const TermRow *row = g_ptr_array_index (data->rows, i);
      const WmSchoolTerm *term = &row->addition.term;
      gint64 school = row->addition.school_id;

      g_hash_table_add (years, g_strdup_printf ("%" G_GINT64_FORMAT " %u",
                                                school,
                                                wm_day_academic_year (
                                                  term->first_day)));
      g_hash_table_add (years, g_strdup_printf ("%" G_GINT64_FORMAT " %u",
                                                school,
                                                wm_day_academic_year (
                                                  term->last_day)));
    }

  return years;
}

static gboolean
is_covered (GHashTable         *years,
            gint64              school_id,
            const WmSchoolTerm *term)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT " %u",
                                          school_id,
                                          wm_day_academic_year (
                                            term->first_day));

  return g_hash_table_contains (years, key);
}

/* Counts, by kind, the stored entries of @school_id in the covered school
 * years that no row gives. After the write, a stored entry that a row
 * repeated or corrected has that row's key. */
static gboolean
count_kept (WmCsvImport  *import,
            TermsData    *data,
            GHashTable   *years,
            gint64        school_id,
            gulong        n_kept[2],
            GError      **error)
{
  g_autoptr(GPtrArray) stored = wm_store_list_terms (import->store,
                                                     school_id, error);

  if (stored == NULL)
    return FALSE;

  for (guint i = 0; i < stored->len; i++)
    {
      const WmSchoolTerm *term = g_ptr_array_index (stored, i);
      g_autofree char *key = entry_key (school_id, term);

      if (is_covered (years, school_id, term)
          && !g_hash_table_contains (data->seen, key))
        n_kept[term->kind]++;
    }

  return TRUE;
}

/* Warns how many stored entries the file does not list. Earlier school
 * years are left out, because the file has no reason to list their terms
 * and the warning would urge removing them. */
static gboolean
warn_kept (WmCsvImport  *import,
           TermsData    *data,
           GError      **error)
{
  g_autoptr(GHashTable) years = covered_years (data);
  g_autoptr(GHashTable) schools = g_hash_table_new (g_int64_hash,
                                                    g_int64_equal);
  gulong n_kept[2] = { 0, 0 };

  for (guint i = 0; i < data->rows->len; i++)
    {
      TermRow *row = g_ptr_array_index (data->rows, i);

      if (g_hash_table_add (schools, &row->addition.school_id)
          && !count_kept (import, data, years, row->addition.school_id,
                          n_kept, error))
        return FALSE;
    }

  if (n_kept[WM_TERM_KIND_TERM] > 0)
    _wm_csv_add_warning_n (import, import->header_line,
                           n_kept[WM_TERM_KIND_TERM],
                           "%lu stored term in the school years this file "
                           "covers is not in it and was kept; if it is "
                           "wrong, remove it in Preferences, School "
                           "Calendar.",
                           "%lu stored terms in the school years this file "
                           "covers are not in it and were kept; if they are "
                           "wrong, remove them in Preferences, School "
                           "Calendar.", n_kept[WM_TERM_KIND_TERM]);
  if (n_kept[WM_TERM_KIND_CLOSURE] > 0)
    _wm_csv_add_warning_n (import, import->header_line,
                           n_kept[WM_TERM_KIND_CLOSURE],
                           "%lu stored closure in the school years this file "
                           "covers is not in it and was kept; if it is "
                           "wrong, remove it in Preferences, School "
                           "Calendar.",
                           "%lu stored closures in the school years this "
                           "file covers are not in it and were kept; if they "
                           "are wrong, remove them in Preferences, School "
                           "Calendar.", n_kept[WM_TERM_KIND_CLOSURE]);
  return TRUE;
}

/*
 * _wm_csv_write_terms:
 * @out_changed: (out): whether any row was added or corrected a stored
 *   entry
 *
 * Stores the rows inside the import's transaction, in one call to the
 * store. The store takes every term, then every closure, and skips a row
 * it already contains. A row corrects the dates of the stored entry with
 * its kind and name that shares a day with it.
 *
 * When no row changed anything, a warning reports that nothing changed,
 * and the caller records no import, because a second entry in the imports
 * list would report that something arrived. Stored entries of the school
 * years the file covers that it does not list are kept and counted in a
 * warning.
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
  if (!warn_kept (import, data, error))
    return FALSE;

  import->report->school_id =
    ((TermRow *) g_ptr_array_index (data->rows, 0))->addition.school_id;
  return TRUE;
}
