/* wm-csv-marks.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * A marks CSV file: one row per pupil and session, with the UPN, the
 * date, AM or PM, and the register code. Two-character codes (C1, C2, J1,
 * Y1 to Y7) travel this way, since a CTF marks string has one character
 * per session. An empty mark or `-` is an unmarked session.
 *
 * The file covers the dates from its earliest row to its latest, for
 * each school it names. Each pupil in it was on roll for that whole
 * range, except before the stored admission date or after the leaving
 * date. So every weekday session of the range that has no row for the
 * pupil is unmarked, a gap that is neither present nor absent. An
 * export that lists only absences therefore leaves gaps rather than
 * reading as full attendance, and a pupil missing from most of an export
 * is shown with a level range rather than a level. A gap on a day the
 * school did not meet (no pupil has a code for it) is not counted,
 * because the evaluation counts gaps only on sessions the school held.
 *
 * The school comes from the LEA and Estab columns on every row. Without
 * them the file belongs to the only school stored; with none or several
 * stored, the file is rejected, because marks filed under the wrong school
 * would change another school's calendar.
 *
 * Every pupil must already be stored: a marks file carries no names, and
 * a pupil known only by a number cannot be written to.
 */

#include "wm-csv-import-private.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "wm-i18n-private.h"
#include "wm-store-private.h"

typedef struct
{
  guint32  pupil;
  guint32  line;
  WmDay    day;
  guint8   session;
  WmMark   mark;
} MarkRow;

typedef struct
{
  char   *upn;
  int     school;
  guint   line;
  gint64  pupil_id;
  WmDay   admission;
  WmDay   leaving;
  guint   first_row;
  guint   n_rows;
} MarkPupil;

typedef struct
{
  GArray     *rows;
  GPtrArray  *pupils;
  GHashTable *pupil_index;
  /* The first and last day of each school's rows, by school index + 1. */
  GArray     *first_days;
  GArray     *last_days;
} Marks;

static void
mark_pupil_free (MarkPupil *pupil)
{
  g_free (pupil->upn);
  g_free (pupil);
}

static void
marks_free (Marks *marks)
{
  g_array_unref (marks->rows);
  g_ptr_array_unref (marks->pupils);
  g_hash_table_unref (marks->pupil_index);
  g_array_unref (marks->first_days);
  g_array_unref (marks->last_days);
  g_free (marks);
}

static char *
describe_session (WmDay     day,
                  WmSession session)
{
  g_autofree char *date = wm_day_format_long (day);

  return g_strdup_printf ("%s %s", date, session == WM_SESSION_AM ? "AM"
                                                                  : "PM");
}

/* Reading rows */

static gboolean
read_required (WmCsvImport        *import,
               const WmCsvRecord  *record,
               WmCsvColumn         column,
               const char         *what,
               char              **out_text,
               GError            **error)
{
  *out_text = _wm_csv_cell_dup (record, import->columns[column]);
  if (*out_text != NULL)
    return TRUE;

  _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT, record->line,
                          import->columns[column],
                          /* Translators: %s is what the column holds, such as
                           * "the date". */
                          E_("the value is missing. Every row of a marks file "
                             "needs %s."), what);
  return FALSE;
}

static gboolean
read_session (WmCsvImport        *import,
              const WmCsvRecord  *record,
              WmSession          *out_session,
              GError            **error)
{
  g_autofree char *text = NULL;

  if (!read_required (import, record, WM_CSV_COL_SESSION,
                      _("the session, AM or PM"), &text, error))
    return FALSE;

  if (g_ascii_strcasecmp (text, "AM") == 0)
    *out_session = WM_SESSION_AM;
  else if (g_ascii_strcasecmp (text, "PM") == 0)
    *out_session = WM_SESSION_PM;
  else
    {
      _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT,
                              record->line,
                              import->columns[WM_CSV_COL_SESSION],
                              E_("\"%s\" is not a session. Write AM or PM."), text);
      return FALSE;
    }

  return TRUE;
}

/* Codes are matched exactly: a register code is upper case, and a lower
 * case letter is more likely a typing slip than a code. */
static gboolean
read_mark (WmCsvImport        *import,
           const WmCsvRecord  *record,
           WmMark             *out_mark,
           GError            **error)
{
  int index = import->columns[WM_CSV_COL_MARK];
  g_autofree char *code = _wm_csv_cell_dup (record, index);

  *out_mark = wm_mark_from_code (code);
  if (*out_mark != WM_MARK_NONE)
    return TRUE;

  _wm_csv_set_cell_error (import, error, WM_ERROR_UNKNOWN_CODE, record->line,
                          index,
                          E_("\"%s\" is not a register code. Correct the mark "
                             "in the school's system and export the file "
                             "again."), code);
  return FALSE;
}

static guint
find_pupil (Marks      *marks,
            const char *upn,
            int         school,
            guint       line)
{
  g_autofree char *key = g_strdup_printf ("%d\t%s", school, upn);
  gpointer found = g_hash_table_lookup (marks->pupil_index, key);
  MarkPupil *pupil;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  pupil = g_new0 (MarkPupil, 1);
  pupil->upn = g_strdup (upn);
  pupil->school = school;
  pupil->line = line;
  g_ptr_array_add (marks->pupils, pupil);
  g_hash_table_insert (marks->pupil_index, g_steal_pointer (&key),
                       GUINT_TO_POINTER (marks->pupils->len));
  return marks->pupils->len - 1;
}

/* Widens the date range of the row's school. */
static void
extend_range (Marks *marks,
              int    school,
              WmDay  day)
{
  guint slot = (guint) (school + 1);
  WmDay none = WM_DAY_NONE;

  while (marks->first_days->len <= slot)
    {
      g_array_append_val (marks->first_days, none);
      g_array_append_val (marks->last_days, none);
    }

  if (g_array_index (marks->first_days, WmDay, slot) == WM_DAY_NONE
      || day < g_array_index (marks->first_days, WmDay, slot))
    g_array_index (marks->first_days, WmDay, slot) = day;
  if (day > g_array_index (marks->last_days, WmDay, slot))
    g_array_index (marks->last_days, WmDay, slot) = day;
}

static gboolean
read_mark_row (WmCsvImport        *import,
               const WmCsvRecord  *record,
               GError            **error)
{
  Marks *marks = import->kind_data;
  g_autofree char *upn = NULL;
  g_autofree char *date = NULL;
  MarkRow row = { .line = record->line };
  WmSession session;
  int school;

  if (!read_required (import, record, WM_CSV_COL_UPN, _("the pupil's UPN"),
                      &upn, error)
      || !read_required (import, record, WM_CSV_COL_DATE, _("the date"), &date,
                         error))
    return FALSE;

  /* Read again to check it; the first read only proved it is there. */
  g_clear_pointer (&upn, g_free);
  if (!_wm_csv_cell_upn (import, record, &upn, error)
      || !_wm_csv_cell_date (import, record, WM_CSV_COL_DATE, &row.day, error)
      || !read_session (import, record, &session, error)
      || !read_mark (import, record, &row.mark, error)
      || !_wm_csv_row_school (import, record, &school, error))
    return FALSE;

  row.session = (guint8) session;
  row.pupil = find_pupil (marks, upn, school, record->line);
  extend_range (marks, school, row.day);
  g_array_append_val (marks->rows, row);
  return TRUE;
}

/* Checks after reading */

/* The only school stored, for a file without LEA and Estab columns. */
static gboolean
find_default_school (WmCsvImport  *import,
                     GError      **error)
{
  sqlite3 *db = wm_store_get_db (import->store);
  sqlite3_stmt *stmt = NULL;
  guint n = 0;
  int status;

  status = sqlite3_prepare_v2 (db, "SELECT id FROM schools ORDER BY id "
                               "LIMIT 2", -1, &stmt, NULL);
  if (status != SQLITE_OK)
    {
      _wm_store_set_error (import->store, status, N_("reading the schools"),
                           error);
      return FALSE;
    }

  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    if (n++ == 0)
      import->default_school_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (status != SQLITE_DONE)
    _wm_store_set_error (import->store, status, N_("reading the schools"),
                         error);
  else if (n != 1)
    _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT,
                            import->header_line, -1,
                            n == 0
                            ? E_("the file has no LEA and Estab columns, and "
                                 "the database contains no school yet, so "
                                 "Waymark cannot tell whose register the marks "
                                 "belong to. Add LEA and Estab columns (and "
                                 "School name) to the file and import it again.")
                            : E_("the file has no LEA and Estab columns, and "
                                 "the database contains several schools, so "
                                 "Waymark cannot tell whose register the marks "
                                 "belong to. Add LEA and Estab columns (and "
                                 "School name) to the file and import it "
                                 "again."));
  else
    return TRUE;

  return FALSE;
}

static gboolean
resolve_pupil (WmCsvImport  *import,
               MarkPupil    *pupil,
               GError      **error)
{
  g_auto(WmPupilRecord) record = { 0 };

  pupil->pupil_id = wm_store_find_pupil_by_upn (import->store, pupil->upn);
  if (pupil->pupil_id == 0)
    {
      _wm_csv_set_cell_error (import, error, WM_ERROR_NOT_FOUND, pupil->line,
                              import->columns[WM_CSV_COL_UPN],
                              E_("no pupil with UPN %s is stored, and a marks "
                                 "file has no names to add one. Import the "
                                 "pupils file or the school's Common Transfer "
                                 "File first, then the marks."), pupil->upn);
      return FALSE;
    }

  if (!wm_store_get_pupil (import->store, pupil->pupil_id, &record, NULL,
                           error))
    return FALSE;

  pupil->admission = record.admission_date;
  pupil->leaving = record.leaving_date;
  return TRUE;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const MarkRow *x = a, *y = b;

  if (x->pupil != y->pupil)
    return x->pupil < y->pupil ? -1 : 1;
  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  if (x->session != y->session)
    return x->session < y->session ? -1 : 1;
  return x->line < y->line ? -1 : x->line > y->line;
}

static void
set_conflict_error (WmCsvImport    *import,
                    GError        **error,
                    const MarkRow  *first,
                    const MarkRow  *second,
                    const char     *upn)
{
  g_autofree char *when = describe_session (second->day, second->session);

  _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT, second->line,
                          import->columns[WM_CSV_COL_MARK],
                          E_("UPN %s has the mark %s for %s, but line %u gives "
                             "%s for the same session. Keep one row per pupil "
                             "and session, and import the file again."), upn,
                          wm_mark_to_code (second->mark), when, first->line,
                          wm_mark_to_code (first->mark));
}

/* Sorts the rows by pupil and session, drops exact repeats and rejects
 * two different marks for one session, since either could be wrong. */
static gboolean
sort_rows (WmCsvImport  *import,
           Marks        *marks,
           GError      **error)
{
  GArray *rows = marks->rows;
  guint kept = 0;

  g_array_sort (rows, compare_rows);
  for (guint i = 0; i < rows->len; i++)
    {
      MarkRow *row = &g_array_index (rows, MarkRow, i);
      MarkRow *last = kept > 0 ? &g_array_index (rows, MarkRow, kept - 1)
                               : NULL;

      if (last != NULL && last->pupil == row->pupil && last->day == row->day
          && last->session == row->session)
        {
          MarkPupil *pupil = g_ptr_array_index (marks->pupils, row->pupil);

          if (last->mark == row->mark)
            continue;
          set_conflict_error (import, error, last, row, pupil->upn);
          return FALSE;
        }

      g_array_index (rows, MarkRow, kept++) = *row;
    }

  g_array_set_size (rows, kept);
  return TRUE;
}

/* Notes where each pupil's rows start in the sorted rows. */
static void
index_rows (Marks *marks)
{
  for (guint i = 0; i < marks->rows->len; i++)
    {
      const MarkRow *row = &g_array_index (marks->rows, MarkRow, i);
      MarkPupil *pupil = g_ptr_array_index (marks->pupils, row->pupil);

      if (pupil->n_rows++ == 0)
        pupil->first_row = i;
    }
}

/*
 * _wm_csv_read_marks:
 *
 * Reads and checks every row of a marks file, and finds the school and
 * the stored pupils the rows belong to.
 */
gboolean
_wm_csv_read_marks (WmCsvImport  *import,
                    GError      **error)
{
  Marks *marks = g_new0 (Marks, 1);

  marks->rows = g_array_new (FALSE, FALSE, sizeof (MarkRow));
  marks->pupils =
    g_ptr_array_new_with_free_func ((GDestroyNotify) mark_pupil_free);
  marks->pupil_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              NULL);
  marks->first_days = g_array_new (FALSE, FALSE, sizeof (WmDay));
  marks->last_days = g_array_new (FALSE, FALSE, sizeof (WmDay));
  import->kind_data = marks;
  import->kind_free = (GDestroyNotify) marks_free;

  if (!_wm_csv_read_rows (import, read_mark_row, error))
    return FALSE;

  if (marks->rows->len == 0)
    {
      _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT,
                              import->header_line, -1,
                              E_("the file has a header but no marks. Check the "
                                 "dates of the export and export it again."));
      return FALSE;
    }

  if (import->columns[WM_CSV_COL_LEA] < 0 && !find_default_school (import,
                                                                    error))
    return FALSE;

  for (guint i = 0; i < marks->pupils->len; i++)
    if (!resolve_pupil (import, g_ptr_array_index (marks->pupils, i), error))
      return FALSE;

  if (!sort_rows (import, marks, error))
    return FALSE;

  index_rows (marks);
  return TRUE;
}

/* Writing */

static gboolean
is_on_roll (const MarkPupil *pupil,
            WmDay            day)
{
  return (pupil->admission == WM_DAY_NONE || day >= pupil->admission)
         && (pupil->leaving == WM_DAY_NONE || day <= pupil->leaving);
}

/* Builds a pupil's register over the school's range: every weekday
 * session on roll unmarked, then the file's rows on top. A weekend is
 * never a session, so it stays empty unless a row gives it a code. */
static WmRegister *
build_register (WmCsvImport     *import,
                Marks           *marks,
                const MarkPupil *pupil)
{
  guint slot = (guint) (pupil->school + 1);
  WmDay first = g_array_index (marks->first_days, WmDay, slot);
  WmDay last = g_array_index (marks->last_days, WmDay, slot);
  WmRegister *reg = wm_register_new (first, last - first + 1);
  guint n_outside = 0;

  for (WmDay day = first; day <= last; day++)
    if (!wm_day_is_weekend (day) && is_on_roll (pupil, day))
      {
        wm_register_set (reg, day, WM_SESSION_AM, WM_MARK_UNMARKED);
        wm_register_set (reg, day, WM_SESSION_PM, WM_MARK_UNMARKED);
      }

  for (guint i = 0; i < pupil->n_rows; i++)
    {
      const MarkRow *row = &g_array_index (marks->rows, MarkRow,
                                           pupil->first_row + i);

      if (!is_on_roll (pupil, row->day))
        n_outside += wm_mark_is_code (row->mark) && row->mark != WM_MARK_CLOSED
                     && row->mark != WM_MARK_Z;
      else if (wm_mark_is_code (row->mark) || !wm_day_is_weekend (row->day))
        wm_register_set (reg, row->day, row->session, row->mark);
    }

  if (n_outside > 0)
    _wm_csv_add_warning_n (import, pupil->line, n_outside,
                           "UPN %s: %u session marked outside the pupil's "
                           "time on roll (admission date to leaving date) "
                           "was left out of the register.",
                           "UPN %s: %u sessions marked outside the pupil's "
                           "time on roll (admission date to leaving date) "
                           "were left out of the register.",
                           pupil->upn, n_outside);
  return reg;
}

static gboolean
write_pupil_marks (WmCsvImport      *import,
                   Marks            *marks,
                   const MarkPupil  *pupil,
                   GError          **error)
{
  g_autoptr(WmRegister) reg = build_register (import, marks, pupil);
  WmImportReport *report = import->report;
  gint64 school_id = _wm_csv_school_id (import, pupil->school);
  WmPupilRecord record = {
    .upn = pupil->upn,
    .looked_after = -1,
    .free_school_meals = -1,
  };
  guint n_set = 0, n_changed = 0;

  /* As with a CTF, the school whose register this is becomes the
   * pupil's school; every other detail stays as stored. */
  if (wm_store_upsert_pupil (import->store, &record, school_id, NULL, error)
      == 0
      || !wm_store_merge_marks (import->store, report->import_id,
                                pupil->pupil_id, school_id, reg, &n_set,
                                &n_changed, error))
    return FALSE;

  report->n_marks_set += n_set;
  report->n_marks_changed += n_changed;
  report->n_updated++;
  g_array_append_val (report->pupil_ids, pupil->pupil_id);
  return TRUE;
}

static gboolean
rebuild_calendars (WmCsvImport  *import,
                   GError      **error)
{
  if (import->schools->len == 0)
    return wm_store_rebuild_calendar (import->store, import->default_school_id,
                                      error);

  for (guint i = 0; i < import->schools->len; i++)
    if (!wm_store_rebuild_calendar (import->store,
                                    _wm_csv_school_id (import, (int) i),
                                    error))
      return FALSE;

  return TRUE;
}

/*
 * _wm_csv_write_marks:
 *
 * Merges every pupil's marks into the store and rebuilds the calendars
 * of the schools, inside the import's transaction.
 */
gboolean
_wm_csv_write_marks (WmCsvImport  *import,
                     GError      **error)
{
  Marks *marks = import->kind_data;
  guint n = marks->pupils->len;

  import->report->school_id = _wm_csv_school_id (import,
                                                 import->schools->len > 0
                                                   ? 0 : -1);
  for (guint i = 0; i < n; i++)
    {
      if (g_cancellable_set_error_if_cancelled (import->cancellable, error)
          || !write_pupil_marks (import, marks,
                                 g_ptr_array_index (marks->pupils, i), error))
        return FALSE;

      _wm_csv_report_progress (import, WM_CSV_READ_SHARE
                               + (1.0 - WM_CSV_READ_SHARE) * 0.9 * (i + 1) / n);
    }

  import->report->n_pupils = n;
  return rebuild_calendars (import, error);
}
