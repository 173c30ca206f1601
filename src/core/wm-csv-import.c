/* wm-csv-import.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Imports a CSV file of pupils or of session marks. The kind comes from
 * the header row, whose column names match whatever their case and the
 * spaces around them:
 *
 * - A pupils file has UPN, Surname, Forename and DOB. It may also have
 *   Middle names, Preferred surname, Preferred forename, Sex (or Gender),
 *   Year group, Admission date, Leaving date, Address, LEA, Estab and
 *   School name.
 * - A pupils file may have contact columns "Contact N field", N from 1
 *   to 9. The field is title, forename, surname, name, relationship,
 *   parental responsibility (yes or no), phone, email or address. A
 *   whole name is kept as written in the surname field, because
 *   splitting a name would be a guess.
 * - With any contact column, each row's contacts replace the pupil's
 *   imported contacts. Without one, the stored contacts stay.
 * - A marks file has UPN, Date, Session (AM or PM) and Mark, and may have
 *   LEA, Estab and School name (see wm-csv-marks.c).
 * - A terms file has School, Name, Start and End, and may have Kind (see
 *   wm-csv-terms.c). A Start or End column makes a file a terms file.
 *
 * Other columns are ignored with a warning, so that a misspelt optional
 * column is seen rather than silently dropped. Dates are day first
 * (02/03/2026) or ISO (2026-03-02).
 *
 * The whole file is read and checked before anything is written; the
 * writing is one transaction, which any error or a cancellation rolls
 * back. Every message names the file, and the line and column where one
 * applies.
 */

#include "wm-csv-import-private.h"

#include <string.h>

#include "wm-i18n-private.h"
#include "wm-upn.h"

/* The maximum length in characters of a one-line field and of an
 * address. Both are estimates far above any real name or address, so a
 * longer value is a column mix-up or a damaged file. */
#define MAX_LINE_TEXT 200
#define MAX_MULTI_LINE_TEXT 2000

/* Cancellation and progress are checked every this many rows. */
#define ROWS_PER_CHECK 256

static const char * const column_names[WM_CSV_N_COLUMNS] = {
  [WM_CSV_COL_UPN] = "UPN",
  [WM_CSV_COL_SURNAME] = "Surname",
  [WM_CSV_COL_FORENAME] = "Forename",
  [WM_CSV_COL_MIDDLE_NAMES] = "Middle names",
  [WM_CSV_COL_PREFERRED_SURNAME] = "Preferred surname",
  [WM_CSV_COL_PREFERRED_FORENAME] = "Preferred forename",
  [WM_CSV_COL_DOB] = "DOB",
  [WM_CSV_COL_SEX] = "Sex",
  [WM_CSV_COL_YEAR_GROUP] = "Year group",
  [WM_CSV_COL_ADMISSION] = "Admission date",
  [WM_CSV_COL_LEAVING] = "Leaving date",
  [WM_CSV_COL_ADDRESS] = "Address",
  [WM_CSV_COL_DATE] = "Date",
  [WM_CSV_COL_SESSION] = "Session",
  [WM_CSV_COL_MARK] = "Mark",
  [WM_CSV_COL_LEA] = "LEA",
  [WM_CSV_COL_ESTAB] = "Estab",
  [WM_CSV_COL_SCHOOL_NAME] = "School name",
};

/* Other names that school systems give the same columns. "Gender" is
 * what Common Transfer Files before version 25 called Sex. */
static const struct
{
  const char  *name;
  WmCsvColumn  column;
} column_aliases[] = {
  { "Date of birth", WM_CSV_COL_DOB },
  { "Gender", WM_CSV_COL_SEX },
};

static const char * const contact_field_names[WM_CSV_N_CONTACT_FIELDS] = {
  [WM_CSV_CONTACT_TITLE] = "title",
  [WM_CSV_CONTACT_FORENAME] = "forename",
  [WM_CSV_CONTACT_SURNAME] = "surname",
  [WM_CSV_CONTACT_NAME] = "name",
  [WM_CSV_CONTACT_RELATIONSHIP] = "relationship",
  [WM_CSV_CONTACT_RESPONSIBILITY] = "parental responsibility",
  [WM_CSV_CONTACT_PHONE] = "phone",
  [WM_CSV_CONTACT_EMAIL] = "email",
  [WM_CSV_CONTACT_ADDRESS] = "address",
};

/* The columns each kind uses; the first four of each are required. */
static const WmCsvColumn pupil_columns[] = {
  WM_CSV_COL_UPN, WM_CSV_COL_SURNAME, WM_CSV_COL_FORENAME, WM_CSV_COL_DOB,
  WM_CSV_COL_MIDDLE_NAMES, WM_CSV_COL_PREFERRED_SURNAME,
  WM_CSV_COL_PREFERRED_FORENAME, WM_CSV_COL_SEX, WM_CSV_COL_YEAR_GROUP,
  WM_CSV_COL_ADMISSION, WM_CSV_COL_LEAVING, WM_CSV_COL_ADDRESS,
  WM_CSV_COL_LEA, WM_CSV_COL_ESTAB, WM_CSV_COL_SCHOOL_NAME,
};

static const WmCsvColumn mark_columns[] = {
  WM_CSV_COL_UPN, WM_CSV_COL_DATE, WM_CSV_COL_SESSION, WM_CSV_COL_MARK,
  WM_CSV_COL_LEA, WM_CSV_COL_ESTAB, WM_CSV_COL_SCHOOL_NAME,
};

#define N_REQUIRED 4

typedef enum
{
  KIND_PUPILS,
  KIND_MARKS,
  KIND_TERMS,
} Kind;

/* Cells */

/*
 * _wm_csv_cell:
 *
 * Returns: (transfer none): the field at @index, or "" when @index is -1
 */
const char *
_wm_csv_cell (const WmCsvRecord *record,
              int                index)
{
  if (index < 0 || (guint) index >= record->fields->len)
    return "";

  return g_ptr_array_index (record->fields, index);
}

/*
 * _wm_csv_cell_dup:
 *
 * Returns: (transfer full) (nullable): the field at @index without
 *   surrounding white space, or %NULL when it is empty
 */
char *
_wm_csv_cell_dup (const WmCsvRecord *record,
                  int                index)
{
  char *text = g_strstrip (g_strdup (_wm_csv_cell (record, index)));

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

static const char *
header_name (WmCsvImport *import,
             int          index)
{
  if (index < 0 || (guint) index >= import->header->len)
    return "";

  return g_ptr_array_index (import->header, index);
}

/*
 * _wm_csv_set_cell_error:
 * @index: the field's index, or -1 for the whole row
 *
 * Sets an error that starts with the file name, the line and, for a
 * field, its column number and header name.
 */
void
_wm_csv_set_cell_error (WmCsvImport  *import,
                        GError      **error,
                        WmError       code,
                        guint         line,
                        int           index,
                        const char   *format,
                        ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  /* Errors are in the user's language, as the window and the command line
   * show them; warnings are stored with the import, so they stay English. */
  if (index < 0)
    g_set_error (error, WM_ERROR, code, E_("%s, line %u: %s"), import->name,
                 line, text);
  else
    g_set_error (error, WM_ERROR, code, E_("%s, line %u, column %d (%s): %s"),
                 import->name, line, index + 1, header_name (import, index),
                 text);
}

/* A warning's @format is an English format marked with N_(): the report
 * keeps it in English, as stored with the import, and translated, as
 * shown. */
void
_wm_csv_add_warning (WmCsvImport *import,
                     guint        line,
                     const char  *format,
                     ...)
{
  va_list args;

  va_start (args, format);
  _wm_warnings_addv (import->report->warnings, import->report->shown_warnings,
                     import->name, line, NULL, format, NULL, 0, args);
  va_end (args);
}

/* The same for a warning about @n things, with the plural form of each
 * language. The arguments follow @plural and fill in both forms. */
void
_wm_csv_add_warning_n (WmCsvImport *import,
                       guint        line,
                       gulong       n,
                       const char  *singular,
                       const char  *plural,
                       ...)
{
  va_list args;

  va_start (args, plural);
  _wm_warnings_addv (import->report->warnings, import->report->shown_warnings,
                     import->name, line, NULL, singular, plural, n, args);
  va_end (args);
}

/* Dates */

static gboolean
parse_number (const char *text,
              gsize       min_digits,
              gsize       max_digits,
              guint      *out_value)
{
  gsize n = strlen (text);

  if (n < min_digits || n > max_digits)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;

  *out_value = (guint) g_ascii_strtoull (text, NULL, 10);
  return TRUE;
}

/*
 * _wm_csv_parse_date:
 *
 * Reads a date written day first as English schools write them
 * (02/03/2026 or 2/3/2026 is 2 March 2026) or as ISO 8601 (2026-03-02).
 * The year needs four digits, since a two-digit year could mean either
 * century for a date of birth. A date that does not exist is rejected,
 * and so is a year outside 1900 to 9998, the school years the register
 * keeps.
 */
gboolean
_wm_csv_parse_date (const char *text,
                    WmDay      *out_day)
{
  g_auto(GStrv) parts = NULL;
  guint day, month, year;
  WmDay result = WM_DAY_NONE;

  if (strchr (text, '-') != NULL)
    {
      if (!wm_day_parse_iso (text, &result))
        return FALSE;
    }
  else
    {
      parts = g_strsplit (text, "/", -1);
      if (g_strv_length (parts) != 3
          || !parse_number (parts[0], 1, 2, &day)
          || !parse_number (parts[1], 1, 2, &month)
          || !parse_number (parts[2], 4, 4, &year))
        return FALSE;
      result = wm_day_from_ymd (year, month, day);
    }

  if (result == WM_DAY_NONE || wm_day_year (result) < 1900
      || wm_day_year (result) > 9998)
    return FALSE;

  *out_day = result;
  return TRUE;
}

/*
 * _wm_csv_cell_date:
 *
 * Reads the date in @column, or %WM_DAY_NONE when the cell is empty.
 */
gboolean
_wm_csv_cell_date (WmCsvImport        *import,
                   const WmCsvRecord  *record,
                   WmCsvColumn         column,
                   WmDay              *out_day,
                   GError            **error)
{
  int index = import->columns[column];
  g_autofree char *text = _wm_csv_cell_dup (record, index);

  *out_day = WM_DAY_NONE;
  if (text == NULL || _wm_csv_parse_date (text, out_day))
    return TRUE;

  _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT,
                          record->line, index,
                          E_("\"%s\" is not a date that exists. Write dates day "
                             "first with a four-digit year, as 02/03/2026, or "
                             "as 2026-03-02, and check the day and month."), text);
  return FALSE;
}

/*
 * _wm_csv_cell_upn:
 *
 * Reads and checks the UPN of a row; *out_upn is %NULL when the cell is
 * empty.
 */
gboolean
_wm_csv_cell_upn (WmCsvImport        *import,
                  const WmCsvRecord  *record,
                  char              **out_upn,
                  GError            **error)
{
  int index = import->columns[WM_CSV_COL_UPN];
  g_autofree char *upn = _wm_csv_cell_dup (record, index);
  g_autoptr(GError) upn_error = NULL;

  if (upn != NULL && !wm_upn_validate (upn, &upn_error))
    {
      _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT,
                              record->line, index, E_("%s. Correct the UPN and "
                                 "import the file again."), upn_error->message);
      return FALSE;
    }

  *out_upn = g_steal_pointer (&upn);
  return TRUE;
}

/*
 * _wm_csv_cell_text:
 *
 * Reads a text field to keep, or %NULL when it is empty. The text is kept
 * exactly as the file has it, apart from white space around it. A line
 * break is allowed only in @multi_line fields, and the length is
 * bounded, so that a column mix-up is caught before it reaches a letter.
 */
gboolean
_wm_csv_cell_text (WmCsvImport        *import,
                   const WmCsvRecord  *record,
                   int                 index,
                   gboolean            multi_line,
                   char              **out_text,
                   GError            **error)
{
  g_autofree char *text = _wm_csv_cell_dup (record, index);
  glong max = multi_line ? MAX_MULTI_LINE_TEXT : MAX_LINE_TEXT;

  if (text != NULL && !multi_line && strpbrk (text, "\r\n") != NULL)
    {
      _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT,
                              record->line, index,
                              E_("the value runs over more than one line. Only "
                                 "an address may; check the quotes around it."));
      return FALSE;
    }

  if (text != NULL && g_utf8_strlen (text, -1) > max)
    {
      _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT,
                              record->line, index,
                              E_("the value is longer than %ld characters, so "
                                 "the columns are probably mixed up. Check the "
                                 "row against the header."), max);
      return FALSE;
    }

  *out_text = g_steal_pointer (&text);
  return TRUE;
}

/* The header */

static void
add_unused (GString    *unused,
            const char *name)
{
  if (unused->len > 0)
    g_string_append (unused, ", ");
  g_string_append (unused, name);
}

/* Recognises "contact N field", N from 1 to WM_CSV_MAX_CONTACTS. */
static gboolean
parse_contact_column (const char        *folded,
                      guint             *out_number,
                      WmCsvContactField *out_field)
{
  const char *rest;
  char *end = NULL;
  guint64 number;

  if (!g_str_has_prefix (folded, "contact "))
    return FALSE;

  rest = folded + strlen ("contact ");
  if (!g_ascii_isdigit (rest[0]))
    return FALSE;

  number = g_ascii_strtoull (rest, &end, 10);
  if (number < 1 || number > WM_CSV_MAX_CONTACTS || *end != ' ')
    return FALSE;

  for (guint i = 0; i < WM_CSV_N_CONTACT_FIELDS; i++)
    if (g_str_equal (end + 1, contact_field_names[i]))
      {
        *out_number = (guint) number;
        *out_field = i;
        return TRUE;
      }

  return FALSE;
}

static int
known_column (const char *folded)
{
  for (guint i = 0; i < WM_CSV_N_COLUMNS; i++)
    {
      g_autofree char *name = wm_csv_fold_header (column_names[i]);

      if (g_str_equal (folded, name))
        return (int) i;
    }

  for (guint i = 0; i < G_N_ELEMENTS (column_aliases); i++)
    {
      g_autofree char *name = wm_csv_fold_header (column_aliases[i].name);

      if (g_str_equal (folded, name))
        return (int) column_aliases[i].column;
    }

  return -1;
}

static gboolean
set_column (WmCsvImport  *import,
            int          *slot,
            int           index,
            GError      **error)
{
  if (*slot >= 0)
    {
      _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT,
                              import->header_line, index,
                              E_("the header has this column twice (also "
                                 "column %d). Remove one of them."), *slot + 1);
      return FALSE;
    }

  *slot = index;
  return TRUE;
}

/* Finds the known columns, and lists the others in @unused. */
static gboolean
parse_header (WmCsvImport  *import,
              GString      *unused,
              GError      **error)
{
  for (guint i = 0; i < import->header->len; i++)
    {
      const char *field = g_ptr_array_index (import->header, i);
      g_autofree char *folded = wm_csv_fold_header (field);
      int column = known_column (folded);
      WmCsvContactField contact_field;
      guint number;

      if (folded[0] == '\0')
        continue;

      if (column >= 0)
        {
          if (!set_column (import, &import->columns[column], (int) i, error))
            return FALSE;
        }
      else if (parse_contact_column (folded, &number, &contact_field))
        {
          if (!set_column (import, &import->contacts[number][contact_field],
                           (int) i, error))
            return FALSE;
          import->has_contacts = TRUE;
        }
      else
        add_unused (unused, field);
    }

  return TRUE;
}

static gboolean
kind_uses (Kind        kind,
           WmCsvColumn column)
{
  const WmCsvColumn *columns = kind == KIND_MARKS ? mark_columns
                                                  : pupil_columns;
  guint n = kind == KIND_MARKS ? G_N_ELEMENTS (mark_columns)
                               : G_N_ELEMENTS (pupil_columns);

  for (guint i = 0; i < n; i++)
    if (columns[i] == column)
      return TRUE;

  return FALSE;
}

static void
set_kind_error (WmCsvImport  *import,
                GError      **error,
                const char   *missing)
{
  _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT,
                          import->header_line, -1,
                          E_("the header has no %s column. A pupils file needs "
                             "the columns UPN, Surname, Forename and DOB, and a "
                             "marks file UPN, Date, Session and Mark; add the "
                             "missing column or export the file again."),
                          missing);
}

/* A file with any of Date, Session and Mark is a marks file. Otherwise a
 * file with any of Surname, Forename and DOB is a pupils file. */
static gboolean
decide_kind (WmCsvImport  *import,
             Kind         *out_kind,
             GError      **error)
{
  const int *c = import->columns;
  Kind kind;

  if (c[WM_CSV_COL_DATE] >= 0 || c[WM_CSV_COL_SESSION] >= 0
      || c[WM_CSV_COL_MARK] >= 0)
    kind = KIND_MARKS;
  else if (c[WM_CSV_COL_SURNAME] >= 0 || c[WM_CSV_COL_FORENAME] >= 0
           || c[WM_CSV_COL_DOB] >= 0)
    kind = KIND_PUPILS;
  else
    {
      set_kind_error (import, error,
                      /* Translators: column names stay as the file has them, in
                       * English; translate only "or". */
                      c[WM_CSV_COL_UPN] < 0 ? "UPN" : _("Surname or Date"));
      return FALSE;
    }

  for (guint i = 0; i < N_REQUIRED; i++)
    {
      WmCsvColumn column = kind == KIND_MARKS ? mark_columns[i]
                                              : pupil_columns[i];

      if (c[column] < 0)
        {
          set_kind_error (import, error, column_names[column]);
          return FALSE;
        }
    }

  *out_kind = kind;
  return TRUE;
}

static gboolean
check_school_columns (WmCsvImport  *import,
                      GError      **error)
{
  gboolean has_lea = import->columns[WM_CSV_COL_LEA] >= 0;
  gboolean has_estab = import->columns[WM_CSV_COL_ESTAB] >= 0;

  if (has_lea == has_estab)
    return TRUE;

  /* One whole sentence for each case, so that a translation need not
   * assemble it from pieces. */
  if (has_lea)
    _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT,
                            import->header_line, -1,
                            E_("the header has an LEA but no Estab column. A "
                               "school is named by both; add the other column "
                               "or remove this one."));
  else
    _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT,
                            import->header_line, -1,
                            E_("the header has an Estab but no LEA column. A "
                               "school is named by both; add the other column "
                               "or remove this one."));
  return FALSE;
}

/* Warns once about every column the import does not use. */
static void
warn_unused (WmCsvImport *import,
             Kind         kind,
             GString     *unused)
{
  for (guint i = 0; i < WM_CSV_N_COLUMNS; i++)
    if (import->columns[i] >= 0 && !kind_uses (kind, i))
      add_unused (unused, header_name (import, import->columns[i]));

  if (kind == KIND_MARKS && import->has_contacts)
    add_unused (unused, "the contact columns");

  if (unused->len > 0)
    _wm_csv_add_warning (import, import->header_line,
                         kind == KIND_MARKS
                         ? N_("these columns are not used in a marks file "
                              "and were ignored: %s.")
                         : N_("these columns are not used in a pupils file "
                              "and were ignored: %s."),
                         unused->str);
}

static gboolean
read_header (WmCsvImport  *import,
             Kind         *out_kind,
             GError      **error)
{
  const WmCsvRecord *record;
  g_autoptr(GString) unused = g_string_new (NULL);

  /* Blank lines before the header are skipped. */
  do
    record = wm_csv_reader_next (import->reader, error);
  while (record != NULL && wm_csv_record_is_blank (record));

  if (record == NULL)
    {
      if (error == NULL || *error == NULL)
        _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT, 1, -1,
                                E_("the file is empty or contains only blank "
                                   "lines. Export the file again from the "
                                   "school's system."));
      return FALSE;
    }

  import->header_line = record->line;
  for (guint i = 0; i < record->fields->len; i++)
    g_ptr_array_add (import->header,
                     g_strstrip (g_strdup (g_ptr_array_index (record->fields,
                                                              i))));

  /* A terms file has columns of its own, read by wm-csv-terms.c. */
  if (_wm_csv_is_terms_header (import->header))
    {
      *out_kind = KIND_TERMS;
      return TRUE;
    }

  if (!parse_header (import, unused, error) || !decide_kind (import, out_kind,
                                                            error)
      || !check_school_columns (import, error))
    return FALSE;

  warn_unused (import, *out_kind, unused);
  return TRUE;
}

/* Rows */

void
_wm_csv_report_progress (WmCsvImport *import,
                         double       fraction)
{
  if (import->progress == NULL)
    return;
  if (fraction < 1.0 && fraction < import->reported_fraction + 0.01)
    return;

  import->reported_fraction = fraction;
  import->progress (fraction, import->progress_data);
}

static gboolean
check_width (WmCsvImport        *import,
             const WmCsvRecord  *record,
             GError            **error)
{
  if (record->fields->len == import->header->len)
    return TRUE;

  _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT, record->line,
                          -1, E_("the row has %u fields but the header has %u. "
                             "Check for a missing comma, an extra one, or a "
                             "value with a comma that is not in quotes."),
                          record->fields->len, import->header->len);
  return FALSE;
}

/*
 * _wm_csv_read_rows:
 *
 * Calls @func for every row after the header, blank rows apart, once the
 * row is known to have as many fields as the header.
 */
gboolean
_wm_csv_read_rows (WmCsvImport   *import,
                   WmCsvRowFunc   func,
                   GError       **error)
{
  const WmCsvRecord *record;
  GError *local_error = NULL;
  guint n = 0;

  while ((record = wm_csv_reader_next (import->reader, &local_error)) != NULL)
    {
      if (++n % ROWS_PER_CHECK == 0)
        {
          if (g_cancellable_set_error_if_cancelled (import->cancellable,
                                                    error))
            return FALSE;
          _wm_csv_report_progress (import, WM_CSV_READ_SHARE
                                   * wm_csv_reader_get_fraction (import->reader));
        }

      if (wm_csv_record_is_blank (record))
        continue;
      if (!check_width (import, record, error) || !func (import, record, error))
        return FALSE;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/* Schools */

static void
school_free (WmCsvSchool *school)
{
  g_free (school->lea);
  g_free (school->estab);
  g_free (school->name);
  g_free (school);
}

static gboolean
check_school_code (WmCsvImport        *import,
                   const WmCsvRecord  *record,
                   WmCsvColumn         column,
                   gsize               digits,
                   char              **out_code,
                   GError            **error)
{
  int index = import->columns[column];
  g_autofree char *code = _wm_csv_cell_dup (record, index);
  guint value;

  if (code != NULL && parse_number (code, digits, digits, &value))
    {
      *out_code = g_steal_pointer (&code);
      return TRUE;
    }

  /* One whole sentence for each column, so that a translation need not
   * assemble it from pieces. The count of digits is 3 or 4, so it fits a
   * guint. */
  if (column == WM_CSV_COL_LEA)
    _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT,
                            record->line, index,
                            E_("\"%s\" is not a local authority number of %u "
                               "digits. Give the school's LEA number on every "
                               "row."), code != NULL ? code : "",
                            (guint) digits);
  else
    _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT,
                            record->line, index,
                            E_("\"%s\" is not an establishment number of %u "
                               "digits. Give the school's Estab number on every "
                               "row."), code != NULL ? code : "",
                            (guint) digits);
  return FALSE;
}

/*
 * _wm_csv_row_school:
 * @out_school: (out): the index of the row's school in @import->schools,
 *   or -1 when the file has no LEA and Estab columns
 *
 * Reads the school a row names. A school's name is taken from the first
 * row that gives one.
 */
gboolean
_wm_csv_row_school (WmCsvImport        *import,
                    const WmCsvRecord  *record,
                    int                *out_school,
                    GError            **error)
{
  g_autofree char *lea = NULL;
  g_autofree char *estab = NULL;
  g_autofree char *key = NULL;
  WmCsvSchool *school;
  gpointer found;

  *out_school = -1;
  if (import->columns[WM_CSV_COL_LEA] < 0)
    return TRUE;

  if (!check_school_code (import, record, WM_CSV_COL_LEA, 3, &lea, error)
      || !check_school_code (import, record, WM_CSV_COL_ESTAB, 4, &estab,
                             error))
    return FALSE;

  key = g_strconcat (lea, "/", estab, NULL);
  if (g_hash_table_lookup_extended (import->school_index, key, NULL, &found))
    school = g_ptr_array_index (import->schools, GPOINTER_TO_INT (found));
  else
    {
      school = g_new0 (WmCsvSchool, 1);
      school->lea = g_steal_pointer (&lea);
      school->estab = g_steal_pointer (&estab);
      school->line = record->line;
      found = GINT_TO_POINTER (import->schools->len);
      g_hash_table_insert (import->school_index, g_steal_pointer (&key), found);
      g_ptr_array_add (import->schools, school);
    }

  if (school->name == NULL
      && !_wm_csv_cell_text (import, record,
                             import->columns[WM_CSV_COL_SCHOOL_NAME], FALSE,
                             &school->name, error))
    return FALSE;

  *out_school = GPOINTER_TO_INT (found);
  return TRUE;
}

/*
 * _wm_csv_ensure_schools:
 *
 * Adds the schools the rows name to the store, inside the import's
 * transaction, and keeps their ids.
 */
gboolean
_wm_csv_ensure_schools (WmCsvImport  *import,
                        GError      **error)
{
  for (guint i = 0; i < import->schools->len; i++)
    {
      WmCsvSchool *school = g_ptr_array_index (import->schools, i);

      school->id = wm_store_ensure_school (import->store, school->lea,
                                           school->estab, NULL, school->name,
                                           error);
      if (school->id == 0)
        return FALSE;
    }

  return TRUE;
}

/*
 * _wm_csv_school_id:
 * @school: an index from _wm_csv_row_school(), or -1
 *
 * Returns: the school's id once _wm_csv_ensure_schools() has run, or
 *   @import->default_school_id for -1
 */
gint64
_wm_csv_school_id (WmCsvImport *import,
                   int          school)
{
  if (school < 0)
    return import->default_school_id;

  return ((WmCsvSchool *) g_ptr_array_index (import->schools, school))->id;
}

/* Reading the file */

static void
set_open_error (GError     **error,
                GError      *io_error,
                const char  *name)
{
  const char *reason;

  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, io_error);
      return;
    }

  /* Messages name files by their base name, so only the system's reason
   * after GIO's last ": " is kept. */
  reason = strrchr (io_error->message, ':');
  reason = reason != NULL && reason[1] == ' ' && reason[2] != '\0'
             ? reason + 2 : io_error->message;
  g_set_error (error, io_error->domain, io_error->code,
               E_("%s could not be read: %s. Check that the file is still there "
                  "and that you may read it."), name, reason);
  g_error_free (io_error);
}

static gboolean
check_file_info (GFile         *file,
                 const char    *name,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  GError *io_error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &io_error);
  if (info == NULL)
    {
      set_open_error (error, io_error, name);
      return FALSE;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("%s is not a regular file. Choose the exported CSV file "
                      "itself."), name);
      return FALSE;
    }

  if (g_file_info_get_size (info) > WM_CSV_MAX_FILE_SIZE)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("%s is larger than 128 MiB, the largest CSV file Waymark "
                      "reads. Export the marks in smaller date ranges."), name);
      return FALSE;
    }

  return TRUE;
}

/* Reads the file's bytes, hashes them and decodes them to UTF-8. */
static char *
load_text (WmCsvImport            *import,
           const char             *path,
           const WmImportOptions  *options,
           gsize                  *out_length,
           GError                **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *data = NULL;
  g_autofree char *encoding = NULL;
  gsize length = 0;
  GError *io_error = NULL;
  char *text;

  if (!check_file_info (file, import->name, import->cancellable, error))
    return NULL;

  if (!g_file_load_contents (file, import->cancellable, &data, &length, NULL,
                             &io_error))
    {
      set_open_error (error, io_error, import->name);
      return NULL;
    }

  /* The file may have grown between the size check and the read. */
  if (length > WM_CSV_MAX_FILE_SIZE)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("%s is larger than 128 MiB, the largest CSV file Waymark "
                      "reads. Export the marks in smaller date ranges."),
                   import->name);
      return NULL;
    }

  import->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                (const guchar *) data, length);
  text = wm_csv_decode (data, length, import->name,
                        options != NULL ? options->encoding : NULL, &encoding,
                        error);
  if (text == NULL)
    return NULL;

  g_debug ("CSV file read as %s", encoding);
  *out_length = strlen (text);
  return text;
}

/* Writing */

/* Writes the import inside a transaction that any error or a
 * cancellation rolls back. */
static gboolean
write_import (WmCsvImport  *import,
              Kind          kind,
              GError      **error)
{
  gboolean ok, changed = TRUE;

  if (!wm_store_begin (import->store, error))
    return FALSE;

  /* No row of a terms file refers to the import, so the rows go first.
   * A file that changes nothing records no import and no audit entry,
   * and its report contains a warning that nothing changed. */
  if (kind == KIND_TERMS)
    {
      ok = _wm_csv_write_terms (import, &changed, error);
      if (!ok || !changed)
        {
          wm_store_rollback (import->store);
          return ok;
        }
    }

  import->report->import_id = wm_store_begin_import (import->store, "csv",
                                                     import->name,
                                                     import->sha256, error);
  ok = import->report->import_id != 0
       && _wm_csv_ensure_schools (import, error)
       && (kind == KIND_TERMS   ? TRUE
           : kind == KIND_MARKS ? _wm_csv_write_marks (import, error)
                                : _wm_csv_write_pupils (import, error));

  if (ok)
    {
      g_autofree char *warnings =
        _wm_import_join_warnings (import->report->warnings);
      WmImportReport *r = import->report;

      ok = wm_store_finish_import (import->store, r->import_id, r->school_id,
                                   r->n_pupils, r->n_marks_set,
                                   r->n_marks_changed,
                                   warnings[0] != '\0' ? warnings : NULL,
                                   error);
    }

  if (!ok || g_cancellable_set_error_if_cancelled (import->cancellable, error))
    {
      wm_store_rollback (import->store);
      return FALSE;
    }

  return wm_store_commit (import->store, error);
}

static void
import_clear (WmCsvImport *import)
{
  g_free (import->name);
  g_free (import->sha256);
  g_clear_pointer (&import->reader, wm_csv_reader_free);
  g_clear_pointer (&import->report, wm_import_report_free);
  g_ptr_array_unref (import->header);
  g_ptr_array_unref (import->schools);
  g_hash_table_unref (import->school_index);
  if (import->kind_free != NULL)
    import->kind_free (import->kind_data);
}

static void
import_init (WmCsvImport *import,
             WmStore     *store,
             const char  *path)
{
  import->store = store;
  import->name = g_filename_display_basename (path);
  import->report = _wm_import_report_new ();
  import->header = g_ptr_array_new_with_free_func (g_free);
  import->schools =
    g_ptr_array_new_with_free_func ((GDestroyNotify) school_free);
  import->school_index = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                g_free, NULL);
  memset (import->columns, -1, sizeof import->columns);
  memset (import->contacts, -1, sizeof import->contacts);
}

static gboolean
read_and_write (WmCsvImport            *import,
                const char             *path,
                const WmImportOptions  *options,
                GError                **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  Kind kind;

  text = load_text (import, path, options, &length, error);
  if (text == NULL)
    return FALSE;

  import->reader = wm_csv_reader_new (import->name, text, length);
  if (!read_header (import, &kind, error)
      || !(kind == KIND_TERMS   ? _wm_csv_read_terms (import, error)
           : kind == KIND_MARKS ? _wm_csv_read_marks (import, error)
                                : _wm_csv_read_pupils (import, error)))
    return FALSE;

  /* The reader borrows the text, which goes at the end of this call. */
  g_clear_pointer (&import->reader, wm_csv_reader_free);
  _wm_csv_report_progress (import, WM_CSV_READ_SHARE);
  return write_import (import, kind, error);
}

/*
 * _wm_csv_import_file:
 *
 * Imports a CSV file of pupils or marks; see wm_import_file_with_options().
 */
WmImportReport *
_wm_csv_import_file (WmStore                *store,
                     const char             *path,
                     const WmImportOptions  *options,
                     GCancellable           *cancellable,
                     WmProgressFunc          progress,
                     gpointer                progress_data,
                     GError                **error)
{
  WmCsvImport import = {
    .cancellable = cancellable,
    .progress = progress,
    .progress_data = progress_data,
  };
  WmImportReport *report = NULL;

  import_init (&import, store, path);
  if (read_and_write (&import, path, options, error))
    {
      report = g_steal_pointer (&import.report);
      g_debug ("CSV import %" G_GINT64_FORMAT ": %u pupils, %u new, %u marks "
               "set, %u changed, %u warnings", report->import_id,
               report->n_pupils, report->n_created, report->n_marks_set,
               report->n_marks_changed, report->warnings->len);
      _wm_csv_report_progress (&import, 1.0);
    }

  import_clear (&import);
  return report;
}
