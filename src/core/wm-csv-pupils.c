/* wm-csv-pupils.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * A pupils CSV file: one row per pupil, matched to the store by UPN.
 *
 * Names and other text are stored exactly as the school sent them, so
 * `O'Test` and `O’Test` stay as written; only searching folds them.
 *
 * A row without a UPN is never added. The store keeps every pupil under
 * a UPN, and a child entered twice gets two case files that each miss
 * half the evidence. The row's surname and forename are folded, so that
 * apostrophes, hyphens and accents do not matter. When they and the date
 * of birth match a stored pupil or another row of the file, the import
 * is rejected as a possible duplicate. The message names the line and
 * the other pupil's UPN, so that the officer can add the UPN or decide.
 * Any other row without a UPN is rejected as missing its UPN.
 */

#include "wm-csv-import-private.h"

#include <string.h>

#include "wm-i18n-private.h"
#include "wm-names.h"

typedef struct
{
  guint          line;
  WmPupilRecord  record;
  int            school;
  GPtrArray     *contacts;
} PupilRow;

typedef struct
{
  GPtrArray  *rows;
  GHashTable *by_upn;
} Pupils;

/* A stored pupil's folded names and date of birth, to find possible
 * duplicates. */
typedef struct
{
  char  *surname;
  char  *forename;
  WmDay  dob;
  char  *upn;
  guint  line;
} NameKey;

static void
contact_free (WmContactRecord *contact)
{
  wm_contact_record_clear (contact);
  g_free (contact);
}

static void
pupil_row_free (PupilRow *row)
{
  wm_pupil_record_clear (&row->record);
  g_ptr_array_unref (row->contacts);
  g_free (row);
}

static void
pupils_free (Pupils *pupils)
{
  g_hash_table_unref (pupils->by_upn);
  g_ptr_array_unref (pupils->rows);
  g_free (pupils);
}

static void
name_key_free (NameKey *key)
{
  g_free (key->surname);
  g_free (key->forename);
  g_free (key->upn);
  g_free (key);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NameKey, name_key_free)

/* Contacts */

static gboolean
parse_yes_no (const char *text,
              gboolean   *out_value)
{
  static const char * const yes[] = { "yes", "y", "true", "1" };
  static const char * const no[] = { "no", "n", "false", "0" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (g_ascii_strcasecmp (text, yes[i]) == 0)
        {
          *out_value = TRUE;
          return TRUE;
        }
      if (g_ascii_strcasecmp (text, no[i]) == 0)
        {
          *out_value = FALSE;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
read_responsibility (WmCsvImport        *import,
                     const WmCsvRecord  *record,
                     int                 index,
                     WmContactRecord    *contact,
                     gboolean           *out_given,
                     GError            **error)
{
  g_autofree char *text = _wm_csv_cell_dup (record, index);

  *out_given = text != NULL;
  if (text == NULL || parse_yes_no (text, &contact->parental_responsibility))
    return TRUE;

  _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT, record->line,
                          index, E_("\"%s\" is not yes or no."), text);
  return FALSE;
}

/* Reads the text fields of contact @number into @contact, and sets
 * *out_given when any of them is not empty. */
static gboolean
read_contact_text (WmCsvImport        *import,
                   const WmCsvRecord  *record,
                   guint               number,
                   WmContactRecord    *contact,
                   char              **out_name,
                   gboolean           *out_given,
                   GError            **error)
{
  const int *index = import->contacts[number];
  struct { WmCsvContactField field; char **text; gboolean multi; } fields[] = {
    { WM_CSV_CONTACT_TITLE, &contact->title, FALSE },
    { WM_CSV_CONTACT_FORENAME, &contact->forename, FALSE },
    { WM_CSV_CONTACT_SURNAME, &contact->surname, FALSE },
    { WM_CSV_CONTACT_NAME, out_name, FALSE },
    { WM_CSV_CONTACT_RELATIONSHIP, &contact->relationship, FALSE },
    { WM_CSV_CONTACT_PHONE, &contact->phones, TRUE },
    { WM_CSV_CONTACT_EMAIL, &contact->email, TRUE },
    { WM_CSV_CONTACT_ADDRESS, &contact->address, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (!_wm_csv_cell_text (import, record, index[fields[i].field],
                              fields[i].multi, fields[i].text, error))
        return FALSE;
      *out_given = *out_given || *fields[i].text != NULL;
    }

  return TRUE;
}

/* Reads contact @number of a row, or sets *out_contact to %NULL when the
 * row gives nothing for it. */
static gboolean
read_contact (WmCsvImport        *import,
              const WmCsvRecord  *record,
              guint               number,
              WmContactRecord   **out_contact,
              GError            **error)
{
  g_autofree WmContactRecord *contact = g_new0 (WmContactRecord, 1);
  g_autofree char *name = NULL;
  const int *index = import->contacts[number];
  gboolean given = FALSE, responsibility_given = FALSE;

  contact->order = (gint) number;
  if (!read_contact_text (import, record, number, contact, &name, &given,
                          error)
      || !read_responsibility (import, record,
                               index[WM_CSV_CONTACT_RESPONSIBILITY], contact,
                               &responsibility_given, error))
    {
      wm_contact_record_clear (contact);
      return FALSE;
    }

  if (name != NULL && (contact->surname != NULL || contact->forename != NULL))
    {
      _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT,
                              record->line, index[WM_CSV_CONTACT_NAME],
                              E_("the row gives contact %u both a whole name "
                                 "and a forename or surname. Give one or the "
                                 "other."),
                              number);
      wm_contact_record_clear (contact);
      return FALSE;
    }

  if (name != NULL)
    contact->surname = g_steal_pointer (&name);

  *out_contact = given || responsibility_given ? g_steal_pointer (&contact)
                                               : NULL;
  if (contact != NULL)
    wm_contact_record_clear (contact);
  return TRUE;
}

static gboolean
read_contacts (WmCsvImport        *import,
               const WmCsvRecord  *record,
               PupilRow           *row,
               GError            **error)
{
  for (guint number = 1; number <= WM_CSV_MAX_CONTACTS; number++)
    {
      WmContactRecord *contact = NULL;

      if (!read_contact (import, record, number, &contact, error))
        return FALSE;
      if (contact != NULL)
        g_ptr_array_add (row->contacts, contact);
    }

  return TRUE;
}

/* Rows */

static gboolean
read_texts (WmCsvImport        *import,
            const WmCsvRecord  *record,
            PupilRow           *row,
            GError            **error)
{
  WmPupilRecord *r = &row->record;
  struct { WmCsvColumn column; char **text; gboolean multi; } fields[] = {
    { WM_CSV_COL_SURNAME, &r->surname, FALSE },
    { WM_CSV_COL_FORENAME, &r->forename, FALSE },
    { WM_CSV_COL_MIDDLE_NAMES, &r->middle_names, FALSE },
    { WM_CSV_COL_PREFERRED_SURNAME, &r->preferred_surname, FALSE },
    { WM_CSV_COL_PREFERRED_FORENAME, &r->preferred_forename, FALSE },
    { WM_CSV_COL_SEX, &r->sex, FALSE },
    { WM_CSV_COL_YEAR_GROUP, &r->year_group, FALSE },
    { WM_CSV_COL_ADDRESS, &r->address, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (!_wm_csv_cell_text (import, record, import->columns[fields[i].column],
                            fields[i].multi, fields[i].text, error))
      return FALSE;

  return TRUE;
}

static gboolean
read_dates (WmCsvImport        *import,
            const WmCsvRecord  *record,
            PupilRow           *row,
            GError            **error)
{
  WmPupilRecord *r = &row->record;

  return _wm_csv_cell_date (import, record, WM_CSV_COL_DOB, &r->dob, error)
         && _wm_csv_cell_date (import, record, WM_CSV_COL_ADMISSION,
                               &r->admission_date, error)
         && _wm_csv_cell_date (import, record, WM_CSV_COL_LEAVING,
                               &r->leaving_date, error);
}

/* Checks that a row has both names, and a date of birth when there is no
 * UPN, because the names and date of birth then identify the child. The
 * date of birth must not be in the future, and leaving must not come
 * before admission. */
static gboolean
check_row (WmCsvImport        *import,
           const WmCsvRecord  *record,
           PupilRow           *row,
           GError            **error)
{
  WmPupilRecord *r = &row->record;
  const int *c = import->columns;
  int missing = r->surname == NULL ? c[WM_CSV_COL_SURNAME]
                : r->forename == NULL ? c[WM_CSV_COL_FORENAME]
                : r->upn == NULL && r->dob == WM_DAY_NONE ? c[WM_CSV_COL_DOB]
                : -2;

  if (missing != -2)
    _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT, row->line,
                            missing,
                            E_("the value is missing. Every pupil needs a "
                               "surname and a forename, and a pupil without a "
                               "UPN a date of birth too."));
  else if (r->dob != WM_DAY_NONE && r->dob > wm_day_today ())
    _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT, row->line,
                            c[WM_CSV_COL_DOB],
                            E_("the date of birth is in the future; the day "
                               "and month may be swapped. Correct it and "
                               "import the file again."));
  else if (r->admission_date != WM_DAY_NONE && r->leaving_date != WM_DAY_NONE
           && r->leaving_date < r->admission_date)
    _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT, row->line,
                            c[WM_CSV_COL_LEAVING],
                            E_("the leaving date is before the admission "
                               "date."));
  else
    return TRUE;

  return FALSE;
}

static gboolean
strings_equal (const char *a,
               const char *b)
{
  return g_strcmp0 (a, b) == 0;
}

static gboolean
contacts_equal (const WmContactRecord *a,
                const WmContactRecord *b)
{
  return a->order == b->order && strings_equal (a->title, b->title)
         && strings_equal (a->surname, b->surname)
         && strings_equal (a->forename, b->forename)
         && strings_equal (a->relationship, b->relationship)
         && a->parental_responsibility == b->parental_responsibility
         && strings_equal (a->address, b->address)
         && strings_equal (a->phones, b->phones)
         && strings_equal (a->email, b->email);
}

static gboolean
rows_equal (const PupilRow *a,
            const PupilRow *b)
{
  const WmPupilRecord *x = &a->record, *y = &b->record;

  if (!strings_equal (x->surname, y->surname)
      || !strings_equal (x->forename, y->forename)
      || !strings_equal (x->middle_names, y->middle_names)
      || !strings_equal (x->preferred_surname, y->preferred_surname)
      || !strings_equal (x->preferred_forename, y->preferred_forename)
      || x->dob != y->dob || !strings_equal (x->sex, y->sex)
      || !strings_equal (x->year_group, y->year_group)
      || x->admission_date != y->admission_date
      || x->leaving_date != y->leaving_date
      || !strings_equal (x->address, y->address) || a->school != b->school
      || a->contacts->len != b->contacts->len)
    return FALSE;

  for (guint i = 0; i < a->contacts->len; i++)
    if (!contacts_equal (g_ptr_array_index (a->contacts, i),
                         g_ptr_array_index (b->contacts, i)))
      return FALSE;

  return TRUE;
}

/* A UPN given twice is one pupil: the same details again are read once,
 * and different details cannot both be right. */
static gboolean
add_row (WmCsvImport  *import,
         Pupils       *pupils,
         PupilRow     *row,
         GError      **error)
{
  PupilRow *first = row->record.upn != NULL
    ? g_hash_table_lookup (pupils->by_upn, row->record.upn) : NULL;

  if (first == NULL)
    {
      if (row->record.upn != NULL)
        g_hash_table_insert (pupils->by_upn, row->record.upn, row);
      g_ptr_array_add (pupils->rows, row);
      return TRUE;
    }

  if (rows_equal (first, row))
    {
      _wm_csv_add_warning (import, row->line, N_("UPN %s repeats line %u "
                                                 "exactly and was read once."), row->record.upn,
                           first->line);
      pupil_row_free (row);
      return TRUE;
    }

  _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT, row->line,
                          import->columns[WM_CSV_COL_UPN],
                          E_("UPN %s is also on line %u with different "
                             "details. Each pupil must appear once; correct "
                             "the file."),
                          row->record.upn, first->line);
  pupil_row_free (row);
  return FALSE;
}

static gboolean
read_pupil_row (WmCsvImport        *import,
                const WmCsvRecord  *record,
                GError            **error)
{
  Pupils *pupils = import->kind_data;
  PupilRow *row = g_new0 (PupilRow, 1);

  row->line = record->line;
  row->record.looked_after = -1;
  row->record.free_school_meals = -1;
  row->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) contact_free);

  if (!_wm_csv_cell_upn (import, record, &row->record.upn, error)
      || !read_texts (import, record, row, error)
      || !read_dates (import, record, row, error)
      || !check_row (import, record, row, error)
      || !_wm_csv_row_school (import, record, &row->school, error)
      || !read_contacts (import, record, row, error))
    {
      pupil_row_free (row);
      return FALSE;
    }

  return add_row (import, pupils, row, error);
}

/* Possible duplicates */

static NameKey *
name_key_new (const char *surname,
              const char *forename,
              WmDay       dob,
              const char *upn,
              guint       line)
{
  NameKey *key = g_new0 (NameKey, 1);

  key->surname = wm_name_fold (surname != NULL ? surname : "");
  key->forename = wm_name_fold (forename != NULL ? forename : "");
  key->dob = dob;
  key->upn = g_strdup (upn);
  key->line = line;
  return key;
}

/* The folded names and dates of birth of the stored pupils and of the
 * file's rows that have a UPN. Stored pupils come first, so a match
 * names the stored pupil where there is one. */
static GPtrArray *
collect_keys (WmCsvImport  *import,
              Pupils       *pupils,
              GError      **error)
{
  g_autoptr(GPtrArray) keys =
    g_ptr_array_new_with_free_func ((GDestroyNotify) name_key_free);
  g_autoptr(GPtrArray) stored = wm_store_list_pupils (import->store, error);

  if (stored == NULL)
    return NULL;

  for (guint i = 0; i < stored->len; i++)
    {
      const WmPupilSummary *summary = g_ptr_array_index (stored, i);
      g_auto(WmPupilRecord) record = { 0 };

      if (!wm_store_get_pupil (import->store, summary->id, &record, NULL,
                               error))
        return NULL;
      g_ptr_array_add (keys, name_key_new (record.surname, record.forename,
                                           record.dob, record.upn, 0));
    }

  for (guint i = 0; i < pupils->rows->len; i++)
    {
      const PupilRow *row = g_ptr_array_index (pupils->rows, i);
      const WmPupilRecord *r = &row->record;

      if (r->upn != NULL)
        g_ptr_array_add (keys, name_key_new (r->surname, r->forename, r->dob,
                                             r->upn, row->line));
    }

  return g_steal_pointer (&keys);
}

static const NameKey *
find_match (GPtrArray      *keys,
            const NameKey  *wanted)
{
  for (guint i = 0; i < keys->len; i++)
    {
      const NameKey *key = g_ptr_array_index (keys, i);

      if (key->dob == wanted->dob && key->dob != WM_DAY_NONE
          && g_str_equal (key->surname, wanted->surname)
          && g_str_equal (key->forename, wanted->forename))
        return key;
    }

  return NULL;
}

static void
set_duplicate_error (WmCsvImport    *import,
                     GError        **error,
                     const PupilRow *row,
                     const NameKey  *match,
                     guint           n_more)
{
  g_autofree char *other = match->line == 0
    ? g_strdup_printf (_("the stored pupil with UPN %s"), match->upn)
    : g_strdup_printf (_("line %u of this file (UPN %s)"), match->line,
                       match->upn);
  g_autofree char *more = n_more == 0
    ? g_strdup ("")
    /* Translators: this follows the sentence before it, so it starts
     * with a space. */
    : g_strdup_printf (_(" %u more rows of the file are possible "
                         "duplicates too."), n_more);

  _wm_csv_set_cell_error (import, error, WM_ERROR_AMBIGUOUS, row->line,
                          import->columns[WM_CSV_COL_UPN],
                          /* Translators: the first %s is "the stored pupil with
                           * UPN ..." or "line ... of this file (UPN ...)", and
                           * the last %s is empty or the sentence about more
                           * possible duplicates. */
                          E_("the row has no UPN, and its surname, forename and "
                             "date of birth match %s, so it is probably the "
                             "same child. Nothing was imported. If it is, add "
                             "that UPN to the row; if not, add the pupil's own "
                             "UPN; then import the file again.%s"), other, more);
}

static gboolean
check_rows_without_upn (WmCsvImport  *import,
                        Pupils       *pupils,
                        GError      **error)
{
  g_autoptr(GPtrArray) keys = NULL;
  const PupilRow *first_missing = NULL, *first_duplicate = NULL;
  const NameKey *first_match = NULL;
  guint n_duplicates = 0;

  for (guint i = 0; i < pupils->rows->len && first_missing == NULL; i++)
    if (((PupilRow *) g_ptr_array_index (pupils->rows, i))->record.upn == NULL)
      first_missing = g_ptr_array_index (pupils->rows, i);

  if (first_missing == NULL)
    return TRUE;

  keys = collect_keys (import, pupils, error);
  if (keys == NULL)
    return FALSE;

  for (guint i = 0; i < pupils->rows->len; i++)
    {
      const PupilRow *row = g_ptr_array_index (pupils->rows, i);
      const WmPupilRecord *r = &row->record;
      g_autoptr(NameKey) wanted = NULL;
      const NameKey *match;

      if (r->upn != NULL)
        continue;

      wanted = name_key_new (r->surname, r->forename, r->dob, NULL, row->line);
      match = find_match (keys, wanted);
      if (match != NULL && n_duplicates++ == 0)
        {
          first_duplicate = row;
          first_match = match;
        }
    }

  if (first_duplicate != NULL)
    set_duplicate_error (import, error, first_duplicate, first_match,
                         n_duplicates - 1);
  else
    _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT,
                            first_missing->line,
                            import->columns[WM_CSV_COL_UPN],
                            E_("the row has no UPN. Waymark keeps every pupil "
                               "under a UPN: add the pupil's UPN, or a "
                               "temporary UPN from the school's system, and "
                               "import the file again."));
  return FALSE;
}

/*
 * _wm_csv_read_pupils:
 *
 * Reads and checks every row of a pupils file.
 */
gboolean
_wm_csv_read_pupils (WmCsvImport  *import,
                     GError      **error)
{
  Pupils *pupils = g_new0 (Pupils, 1);

  pupils->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) pupil_row_free);
  pupils->by_upn = g_hash_table_new (g_str_hash, g_str_equal);
  import->kind_data = pupils;
  import->kind_free = (GDestroyNotify) pupils_free;

  if (!_wm_csv_read_rows (import, read_pupil_row, error))
    return FALSE;

  if (pupils->rows->len == 0)
    {
      _wm_csv_set_cell_error (import, error, WM_ERROR_INVALID_INPUT,
                              import->header_line, -1,
                              E_("the file has a header but no pupils. Check "
                                 "that the export included the pupils and "
                                 "export it again."));
      return FALSE;
    }

  return check_rows_without_upn (import, pupils, error);
}

/* Writing */

/* Warns when the file renames a stored pupil. The file wins, because the
 * school's system keeps the legal name, but the officer must see the
 * change, since a name also identifies the child in letters. */
static gboolean
warn_name_changes (WmCsvImport     *import,
                   gint64           pupil_id,
                   const PupilRow  *row,
                   GError         **error)
{
  g_auto(WmPupilRecord) stored = { 0 };
  const WmPupilRecord *r = &row->record;

  if (!wm_store_get_pupil (import->store, pupil_id, &stored, NULL, error))
    return FALSE;

  if (_wm_import_names_differ (stored.surname, r->surname))
    _wm_csv_add_warning (import, row->line,
                         N_("UPN %s: surname changed from %s to %s."), r->upn, stored.surname, r->surname);
  if (_wm_import_names_differ (stored.forename, r->forename))
    _wm_csv_add_warning (import, row->line,
                         N_("UPN %s: forename changed from %s to %s."), r->upn, stored.forename, r->forename);
  return TRUE;
}

static gboolean
replace_contacts (WmCsvImport     *import,
                  gint64           pupil_id,
                  const PupilRow  *row,
                  GError         **error)
{
  guint n = row->contacts->len;
  g_autofree WmContactRecord *records = g_new0 (WmContactRecord, MAX (n, 1));

  /* The records borrow the row's strings. */
  for (guint i = 0; i < n; i++)
    records[i] = *(WmContactRecord *) g_ptr_array_index (row->contacts, i);

  return wm_store_replace_contacts (import->store, pupil_id, records, n, error);
}

static gboolean
write_pupil (WmCsvImport     *import,
             const PupilRow  *row,
             GError         **error)
{
  WmImportReport *report = import->report;
  gint64 pupil_id = wm_store_find_pupil_by_upn (import->store,
                                                row->record.upn);
  gboolean created = FALSE;

  if (pupil_id > 0 && !warn_name_changes (import, pupil_id, row, error))
    return FALSE;

  pupil_id = wm_store_upsert_pupil (import->store, &row->record,
                                    _wm_csv_school_id (import, row->school),
                                    &created, error);
  if (pupil_id == 0)
    return FALSE;

  if (created)
    report->n_created++;
  else
    report->n_updated++;
  g_array_append_val (report->pupil_ids, pupil_id);

  /* Admission and leaving dates change which sessions count. */
  return (!import->has_contacts || replace_contacts (import, pupil_id, row,
                                                     error))
         && wm_store_mark_dirty (import->store, pupil_id, error);
}

/*
 * Records the file as a roll export of the import's school, dated by the
 * day of the import because a pupils file carries no register and no
 * export date. An import has one school, so rows of any other school the
 * file names are left out: counting them would flag every one of them
 * when that school's next file lists only its own pupils.
 * NOTE: a file naming several schools is therefore a roll export of the
 * first school only.
 */
static gboolean
record_roll_export (WmCsvImport  *import,
                    GArray       *listed,
                    GError      **error)
{
  if (import->report->school_id == 0)
    return TRUE;

  return wm_store_record_roll_export (import->store, import->report->import_id,
                                      listed, WM_DAY_NONE, error);
}

/*
 * _wm_csv_write_pupils:
 *
 * Adds or updates every pupil of the file, inside the import's
 * transaction, and records the file as a roll export of its school.
 */
gboolean
_wm_csv_write_pupils (WmCsvImport  *import,
                      GError      **error)
{
  Pupils *pupils = import->kind_data;
  guint n = pupils->rows->len;
  g_autoptr(GArray) listed = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *written = import->report->pupil_ids;

  import->report->school_id = import->schools->len > 0
    ? _wm_csv_school_id (import, 0) : 0;

  for (guint i = 0; i < n; i++)
    {
      const PupilRow *row = g_ptr_array_index (pupils->rows, i);
      gint64 pupil_id;

      if (g_cancellable_set_error_if_cancelled (import->cancellable, error)
          || !write_pupil (import, row, error))
        return FALSE;

      pupil_id = g_array_index (written, gint64, written->len - 1);
      if (_wm_csv_school_id (import, row->school) == import->report->school_id)
        g_array_append_val (listed, pupil_id);
      _wm_csv_report_progress (import, WM_CSV_READ_SHARE
                               + (1.0 - WM_CSV_READ_SHARE) * 0.9 * (i + 1) / n);
    }

  import->report->n_pupils = n;
  return record_roll_export (import, listed, error);
}
