/* wm-store-pupils.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-store-private.h"

#include <string.h>

#include "wm-error.h"
#include "wm-i18n-private.h"
#include "wm-names.h"
#include "wm-upn.h"

/*
 * Schools, pupils and their contacts. Strings are stored exactly as an
 * import or a form gave them: no trimming, no case change, so that a name
 * shows the way the school wrote it (an apostrophe stays straight or
 * curly). Searching goes through the folded name key instead.
 */

/**
 * wm_pupil_record_clear:
 * @record: a record
 *
 * Frees the strings of @record and sets it back to "nothing given".
 */
void
wm_pupil_record_clear (WmPupilRecord *record)
{
  g_free (record->upn);
  g_free (record->surname);
  g_free (record->forename);
  g_free (record->middle_names);
  g_free (record->preferred_surname);
  g_free (record->preferred_forename);
  g_free (record->sex);
  g_free (record->year_group);
  g_free (record->address);
  g_free (record->sen_provision);
  memset (record, 0, sizeof *record);
  record->looked_after = -1;
  record->free_school_meals = -1;
}

/**
 * wm_contact_record_clear:
 * @record: a record
 *
 * Frees the strings of @record and zeroes it.
 */
void
wm_contact_record_clear (WmContactRecord *record)
{
  g_free (record->title);
  g_free (record->surname);
  g_free (record->forename);
  g_free (record->relationship);
  g_free (record->address);
  g_free (record->phones);
  g_free (record->email);
  memset (record, 0, sizeof *record);
}

static void
contact_record_free (gpointer data)
{
  wm_contact_record_clear (data);
  g_free (data);
}

/**
 * wm_pupil_summary_free:
 * @summary: (nullable): a summary
 *
 * Frees a summary returned by wm_store_list_pupils().
 */
void
wm_pupil_summary_free (WmPupilSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->upn);
  g_free (summary->surname);
  g_free (summary->forename);
  g_free (summary->name_key);
  g_free (summary->school_estab);
  g_free (summary->school_name);
  g_free (summary->year_group);
  g_free (summary);
}

/**
 * wm_store_ensure_school:
 * @store: a store
 * @lea: the local authority number
 * @estab: the establishment number
 * @urn: (nullable): the unique reference number; %NULL keeps a stored one
 * @name: (nullable): the school's name; %NULL keeps a stored one
 * @error: return location for a #GError
 *
 * Finds the school by local authority and establishment number, creating
 * it when it is new, and records @urn and @name when given.
 *
 * Returns: the school's id, or 0 with @error set
 */
gint64
wm_store_ensure_school (WmStore     *store,
                        const char  *lea,
                        const char  *estab,
                        const char  *urn,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  g_return_val_if_fail (WM_IS_STORE (store), 0);
  g_return_val_if_fail (lea != NULL && estab != NULL, 0);

  stmt = _wm_store_prepare (store,
    "INSERT INTO schools (lea, estab, urn, name) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (lea, estab) DO UPDATE SET "
    "  urn = coalesce (excluded.urn, urn), "
    "  name = coalesce (excluded.name, name) "
    "RETURNING id", error);
  if (stmt == NULL)
    return 0;

  _wm_store_bind_text (stmt, 1, lea);
  _wm_store_bind_text (stmt, 2, estab);
  _wm_store_bind_text (stmt, 3, urn);
  _wm_store_bind_text (stmt, 4, name);
  if (!_wm_store_step_row (store, stmt, &row, N_("saving a school"), error))
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

/**
 * wm_store_find_school:
 * @store: a store
 * @lea: the local authority number
 * @estab: the establishment number
 *
 * Returns: the school's id, or 0 when there is no such school (or the
 *   database could not be read, which is logged)
 */
gint64
wm_store_find_school (WmStore    *store,
                      const char *lea,
                      const char *estab)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gboolean row = FALSE;

  g_return_val_if_fail (WM_IS_STORE (store), 0);

  stmt = _wm_store_prepare (store,
    "SELECT id FROM schools WHERE lea = ?1 AND estab = ?2", &error);
  if (stmt != NULL)
    {
      _wm_store_bind_text (stmt, 1, lea);
      _wm_store_bind_text (stmt, 2, estab);
      _wm_store_step_row (store, stmt, &row, N_("finding a school"), &error);
    }

  if (error != NULL)
    g_warning ("%s", error->message);

  return row ? sqlite3_column_int64 (stmt, 0) : 0;
}

/**
 * wm_store_find_pupil_by_upn:
 * @store: a store
 * @upn: a unique pupil number
 *
 * Returns: the pupil's id, or 0 when no pupil has @upn (or the database
 *   could not be read, which is logged)
 */
gint64
wm_store_find_pupil_by_upn (WmStore    *store,
                            const char *upn)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gboolean row = FALSE;

  g_return_val_if_fail (WM_IS_STORE (store), 0);

  stmt = _wm_store_prepare (store, "SELECT id FROM pupils WHERE upn = ?1",
                            &error);
  if (stmt != NULL)
    {
      _wm_store_bind_text (stmt, 1, upn);
      _wm_store_step_row (store, stmt, &row, N_("finding a pupil"), &error);
    }

  if (error != NULL)
    g_warning ("%s", error->message);

  return row ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* -1 (unknown) is NULL, which the update's coalesce() reads as "keep". */
static void
bind_flag (sqlite3_stmt *stmt,
           int           index,
           gint          flag)
{
  if (flag < 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int (stmt, index, flag != 0);
}

/* Parameters 1 to 17 of the insert and the update, in column order. */
static void
bind_record (sqlite3_stmt        *stmt,
             const WmPupilRecord *record,
             gint64               school_id,
             const char          *now)
{
  _wm_store_bind_text (stmt, 1, record->upn);
  _wm_store_bind_text (stmt, 2, record->surname);
  _wm_store_bind_text (stmt, 3, record->forename);
  _wm_store_bind_text (stmt, 4, record->middle_names);
  _wm_store_bind_text (stmt, 5, record->preferred_surname);
  _wm_store_bind_text (stmt, 6, record->preferred_forename);
  _wm_store_bind_day (stmt, 7, record->dob);
  _wm_store_bind_text (stmt, 8, record->sex);
  _wm_store_bind_text (stmt, 9, record->year_group);
  _wm_store_bind_id (stmt, 10, school_id);
  _wm_store_bind_day (stmt, 11, record->admission_date);
  _wm_store_bind_day (stmt, 12, record->leaving_date);
  _wm_store_bind_text (stmt, 13, record->address);
  _wm_store_bind_text (stmt, 14, record->sen_provision);
  bind_flag (stmt, 15, record->looked_after);
  bind_flag (stmt, 16, record->free_school_meals);
  _wm_store_bind_text (stmt, 17, now);
}

/* Updates the pupil with @record's UPN; NULL fields keep their values.
 * *out_id stays 0 when no pupil has that UPN. */
static gboolean
update_pupil (WmStore              *store,
              const WmPupilRecord  *record,
              gint64                school_id,
              const char           *now,
              gint64               *out_id,
              GError              **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  stmt = _wm_store_prepare (store,
    "UPDATE pupils SET "
    "  surname = coalesce (?2, surname), "
    "  forename = coalesce (?3, forename), "
    "  middle_names = coalesce (?4, middle_names), "
    "  preferred_surname = coalesce (?5, preferred_surname), "
    "  preferred_forename = coalesce (?6, preferred_forename), "
    "  dob = coalesce (?7, dob), "
    "  sex = coalesce (?8, sex), "
    "  year_group = coalesce (?9, year_group), "
    "  school_id = coalesce (?10, school_id), "
    "  admission_date = coalesce (?11, admission_date), "
    "  leaving_date = coalesce (?12, leaving_date), "
    "  address = coalesce (?13, address), "
    "  sen_provision = coalesce (?14, sen_provision), "
    "  looked_after = coalesce (?15, looked_after), "
    "  free_school_meals = coalesce (?16, free_school_meals), "
    "  updated_at = ?17 "
    "WHERE upn = ?1 RETURNING id", error);
  if (stmt == NULL)
    return FALSE;

  bind_record (stmt, record, school_id, now);
  if (!_wm_store_step_row (store, stmt, &row, N_("updating a pupil"), error))
    return FALSE;

  *out_id = row ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

static gint64
insert_pupil (WmStore              *store,
              const WmPupilRecord  *record,
              gint64                school_id,
              const char           *now,
              GError              **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  /* The name key is filled in by refresh_name_key() straight after. */
  stmt = _wm_store_prepare (store,
    "INSERT INTO pupils (upn, surname, forename, middle_names, "
    "  preferred_surname, preferred_forename, dob, sex, year_group, "
    "  school_id, admission_date, leaving_date, address, sen_provision, "
    "  looked_after, free_school_meals, name_key, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
    "  ?15, ?16, '', ?17, ?17) RETURNING id", error);
  if (stmt == NULL)
    return 0;

  bind_record (stmt, record, school_id, now);
  if (!_wm_store_step_row (store, stmt, &row, N_("adding a pupil"), error))
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

/* Appends a preferred name to the key when it adds something, so that a
 * search by the name the pupil goes by finds them. */
static void
append_preferred (GString    *key,
                  const char *preferred,
                  const char *legal)
{
  g_autofree char *folded = NULL;
  g_autofree char *folded_legal = NULL;

  if (preferred == NULL)
    return;

  folded = wm_name_fold (preferred);
  folded_legal = legal != NULL ? wm_name_fold (legal) : NULL;
  if (folded == NULL || *folded == '\0'
      || g_strcmp0 (folded, folded_legal) == 0)
    return;

  g_string_append_c (key, ' ');
  g_string_append (key, folded);
}

static char *
make_name_key (sqlite3_stmt *stmt)
{
  const char *upn = (const char *) sqlite3_column_text (stmt, 0);
  const char *surname = (const char *) sqlite3_column_text (stmt, 1);
  const char *forename = (const char *) sqlite3_column_text (stmt, 2);
  g_autofree char *base = wm_name_key (surname, forename, upn);
  GString *key = g_string_new (base);

  append_preferred (key, (const char *) sqlite3_column_text (stmt, 4),
                    forename);
  append_preferred (key, (const char *) sqlite3_column_text (stmt, 3),
                    surname);
  return g_string_free (key, FALSE);
}

/* Recomputes the folded search key from the stored names, so that an
 * update that gives only some names still leaves a key of all of them. */
static gboolean
refresh_name_key (WmStore  *store,
                  gint64    pupil_id,
                  GError  **error)
{
  g_autoptr(WmCachedStmt) read = NULL;
  g_autoptr(WmCachedStmt) write = NULL;
  g_autofree char *key = NULL;
  gboolean row = FALSE;

  read = _wm_store_prepare (store,
    "SELECT upn, surname, forename, preferred_surname, preferred_forename "
    "FROM pupils WHERE id = ?1", error);
  if (read == NULL)
    return FALSE;

  sqlite3_bind_int64 (read, 1, pupil_id);
  if (!_wm_store_step_row (store, read, &row, N_("reading a pupil's names"),
                           error))
    return FALSE;

  key = make_name_key (read);
  write = _wm_store_prepare (store,
    "UPDATE pupils SET name_key = ?2 WHERE id = ?1", error);
  if (write == NULL)
    return FALSE;

  sqlite3_bind_int64 (write, 1, pupil_id);
  _wm_store_bind_text (write, 2, key);
  return _wm_store_step_done (store, write, N_("saving a pupil's name key"),
                              error);
}

static gint64
upsert_pupil (WmStore              *store,
              const WmPupilRecord  *record,
              gint64                school_id,
              gboolean             *out_created,
              GError              **error)
{
  g_autofree char *now = _wm_store_now_utc ();
  gint64 pupil_id = 0;

  if (!update_pupil (store, record, school_id, now, &pupil_id, error))
    return 0;

  *out_created = pupil_id == 0;
  if (pupil_id == 0)
    pupil_id = insert_pupil (store, record, school_id, now, error);

  if (pupil_id == 0 || !refresh_name_key (store, pupil_id, error))
    return 0;

  return pupil_id;
}

/**
 * wm_store_upsert_pupil:
 * @store: a store
 * @record: the pupil's details; @record->upn is required
 * @school_id: the pupil's school, or 0 to keep the stored one
 * @out_created: (out) (optional): set to %TRUE when the pupil was new
 * @error: return location for a #GError
 *
 * Adds the pupil with @record's UPN, or updates the stored one. Fields
 * that are %NULL, %WM_DAY_NONE or -1 (for the yes/no fields) in @record
 * keep their stored values, so that a file that leaves something out
 * does not erase it. The folded search key is recomputed from the stored
 * names, the preferred names included.
 *
 * Returns: the pupil's id, or 0 with @error set: %WM_ERROR_INVALID_INPUT
 *   for a missing or invalid UPN (a temporary UPN is valid)
 */
gint64
wm_store_upsert_pupil (WmStore              *store,
                       const WmPupilRecord  *record,
                       gint64                school_id,
                       gboolean             *out_created,
                       GError              **error)
{
  gboolean created = FALSE, outer = FALSE;
  gint64 pupil_id;

  g_return_val_if_fail (WM_IS_STORE (store), 0);
  g_return_val_if_fail (record != NULL, 0);

  if (record->upn == NULL)
    {
      g_set_error_literal (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                           E_("The pupil has no UPN; give the pupil's unique "
                              "pupil number or a temporary UPN"));
      return 0;
    }

  if (!wm_upn_validate (record->upn, error)
      || !_wm_store_write_begin (store, &outer, error))
    return 0;

  pupil_id = upsert_pupil (store, record, school_id, &created, error);
  if (!_wm_store_write_end (store, outer, pupil_id != 0, error))
    return 0;

  if (out_created != NULL)
    *out_created = created;
  return pupil_id;
}

static gint
column_flag (sqlite3_stmt *stmt,
             int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return -1;

  return sqlite3_column_int (stmt, column);
}

static void
read_pupil_record (sqlite3_stmt  *stmt,
                   WmPupilRecord *record)
{
  record->upn = _wm_store_column_dup (stmt, 0);
  record->surname = _wm_store_column_dup (stmt, 1);
  record->forename = _wm_store_column_dup (stmt, 2);
  record->middle_names = _wm_store_column_dup (stmt, 3);
  record->preferred_surname = _wm_store_column_dup (stmt, 4);
  record->preferred_forename = _wm_store_column_dup (stmt, 5);
  record->dob = _wm_store_column_day (stmt, 6);
  record->sex = _wm_store_column_dup (stmt, 7);
  record->year_group = _wm_store_column_dup (stmt, 8);
  record->admission_date = _wm_store_column_day (stmt, 9);
  record->leaving_date = _wm_store_column_day (stmt, 10);
  record->address = _wm_store_column_dup (stmt, 11);
  record->sen_provision = _wm_store_column_dup (stmt, 12);
  record->looked_after = column_flag (stmt, 13);
  record->free_school_meals = column_flag (stmt, 14);
}

static void
set_no_pupil_error (WmStore  *store,
                    gint64    pupil_id,
                    GError  **error)
{
  /* The id is formatted first: a translatable format cannot hold
   * G_GINT64_FORMAT, which the string extractor does not expand. */
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, pupil_id);

  g_set_error (error, WM_ERROR, WM_ERROR_NOT_FOUND,
               E_("There is no pupil with id %s in %s; reload the pupil list"),
               id, wm_store_get_path (store));
}

/**
 * wm_store_get_pupil:
 * @store: a store
 * @pupil_id: the pupil
 * @out_record: (out caller-allocates): the pupil's details; free them with
 *   wm_pupil_record_clear()
 * @out_school_id: (out) (optional): the pupil's school, 0 when none
 * @error: return location for a #GError
 *
 * Reads a pupil's details as stored. Unknown yes/no fields are -1.
 *
 * Returns: %TRUE on success; %WM_ERROR_NOT_FOUND when there is no such
 *   pupil
 */
gboolean
wm_store_get_pupil (WmStore        *store,
                    gint64          pupil_id,
                    WmPupilRecord  *out_record,
                    gint64         *out_school_id,
                    GError        **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_record != NULL, FALSE);

  stmt = _wm_store_prepare (store,
    "SELECT upn, surname, forename, middle_names, preferred_surname, "
    "  preferred_forename, dob, sex, year_group, admission_date, "
    "  leaving_date, address, sen_provision, looked_after, "
    "  free_school_meals, school_id "
    "FROM pupils WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  if (!_wm_store_step_row (store, stmt, &row, N_("reading a pupil"), error))
    return FALSE;

  if (!row)
    {
      set_no_pupil_error (store, pupil_id, error);
      return FALSE;
    }

  read_pupil_record (stmt, out_record);
  if (out_school_id != NULL)
    *out_school_id = sqlite3_column_int64 (stmt, 15);
  return TRUE;
}

static gboolean
check_pupil_exists (WmStore  *store,
                    gint64    pupil_id,
                    GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  stmt = _wm_store_prepare (store, "SELECT 1 FROM pupils WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  if (!_wm_store_step_row (store, stmt, &row, N_("finding a pupil"), error))
    return FALSE;

  if (!row)
    set_no_pupil_error (store, pupil_id, error);
  return row;
}

static gboolean
insert_contact (WmStore                *store,
                gint64                  pupil_id,
                const WmContactRecord  *contact,
                GError                **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  stmt = _wm_store_prepare (store,
    "INSERT INTO contacts (pupil_id, ord, title, surname, forename, "
    "  relationship, parental_responsibility, address, phones, email, "
    "  imported) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int (stmt, 2, contact->order);
  _wm_store_bind_text (stmt, 3, contact->title);
  _wm_store_bind_text (stmt, 4, contact->surname);
  _wm_store_bind_text (stmt, 5, contact->forename);
  _wm_store_bind_text (stmt, 6, contact->relationship);
  sqlite3_bind_int (stmt, 7, contact->parental_responsibility != FALSE);
  _wm_store_bind_text (stmt, 8, contact->address);
  _wm_store_bind_text (stmt, 9, contact->phones);
  _wm_store_bind_text (stmt, 10, contact->email);
  return _wm_store_step_done (store, stmt, N_("saving a contact"), error);
}

static gboolean
replace_contacts (WmStore                *store,
                  gint64                  pupil_id,
                  const WmContactRecord  *contacts,
                  guint                   n_contacts,
                  GError                **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  if (!check_pupil_exists (store, pupil_id, error))
    return FALSE;

  stmt = _wm_store_prepare (store,
    "DELETE FROM contacts WHERE pupil_id = ?1 AND imported = 1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  if (!_wm_store_step_done (store, stmt, N_("removing old contacts"), error))
    return FALSE;

  for (guint i = 0; i < n_contacts; i++)
    if (!insert_contact (store, pupil_id, &contacts[i], error))
      return FALSE;

  return TRUE;
}

/**
 * wm_store_replace_contacts:
 * @store: a store
 * @pupil_id: the pupil
 * @contacts: (array length=n_contacts): the contacts from an import
 * @n_contacts: how many
 * @error: return location for a #GError
 *
 * Replaces the contacts that earlier imports gave for the pupil with
 * @contacts, all at once: a file's contact list is the school's current
 * one, so a contact it no longer lists goes. Contacts entered by hand are
 * kept.
 *
 * Returns: %TRUE on success; %WM_ERROR_NOT_FOUND when there is no such
 *   pupil
 */
gboolean
wm_store_replace_contacts (WmStore                *store,
                           gint64                  pupil_id,
                           const WmContactRecord  *contacts,
                           guint                   n_contacts,
                           GError                **error)
{
  gboolean outer = FALSE, ok;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (contacts != NULL || n_contacts == 0, FALSE);

  if (!_wm_store_write_begin (store, &outer, error))
    return FALSE;

  ok = replace_contacts (store, pupil_id, contacts, n_contacts, error);
  return _wm_store_write_end (store, outer, ok, error);
}

static WmContactRecord *
read_contact (sqlite3_stmt *stmt)
{
  WmContactRecord *contact = g_new0 (WmContactRecord, 1);

  contact->order = sqlite3_column_int (stmt, 0);
  contact->title = _wm_store_column_dup (stmt, 1);
  contact->surname = _wm_store_column_dup (stmt, 2);
  contact->forename = _wm_store_column_dup (stmt, 3);
  contact->relationship = _wm_store_column_dup (stmt, 4);
  contact->parental_responsibility = sqlite3_column_int (stmt, 5) != 0;
  contact->address = _wm_store_column_dup (stmt, 6);
  contact->phones = _wm_store_column_dup (stmt, 7);
  contact->email = _wm_store_column_dup (stmt, 8);
  return contact;
}

/**
 * wm_store_list_contacts:
 * @store: a store
 * @pupil_id: the pupil
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type WmContactRecord): the
 *   pupil's contacts in their order, freed with the array; %NULL with
 *   @error set on failure
 */
GPtrArray *
wm_store_list_contacts (WmStore  *store,
                        gint64    pupil_id,
                        GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  gboolean row = TRUE;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  stmt = _wm_store_prepare (store,
    "SELECT ord, title, surname, forename, relationship, "
    "  parental_responsibility, address, phones, email "
    "FROM contacts WHERE pupil_id = ?1 ORDER BY ord, id", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  contacts = g_ptr_array_new_with_free_func (contact_record_free);
  while (row)
    {
      if (!_wm_store_step_row (store, stmt, &row, N_("reading contacts"),
                               error))
        return NULL;
      if (row)
        g_ptr_array_add (contacts, read_contact (stmt));
    }

  return g_steal_pointer (&contacts);
}

/* The response summary's columns follow the evaluation's. */
#define SUMMARY_FIRST (9 + WM_STORE_EVALUATION_N_COLUMNS)

static WmPupilSummary *
read_summary (sqlite3_stmt *stmt)
{
  WmPupilSummary *summary = g_new0 (WmPupilSummary, 1);

  summary->id = sqlite3_column_int64 (stmt, 0);
  summary->upn = _wm_store_column_dup (stmt, 1);
  summary->surname = _wm_store_column_dup (stmt, 2);
  summary->forename = _wm_store_column_dup (stmt, 3);
  summary->name_key = _wm_store_column_dup (stmt, 4);
  summary->school_id = sqlite3_column_int64 (stmt, 5);
  summary->school_estab = _wm_store_column_dup (stmt, 6);
  summary->school_name = _wm_store_column_dup (stmt, 7);
  summary->year_group = _wm_store_column_dup (stmt, 8);
  summary->evaluated = sqlite3_column_type (stmt, 9) != SQLITE_NULL;
  if (summary->evaluated)
    _wm_store_read_evaluation (stmt, 9, &summary->evaluation);

  summary->summarised = sqlite3_column_type (stmt, SUMMARY_FIRST) != SQLITE_NULL;
  if (summary->summarised)
    _wm_store_read_response_summary (stmt, SUMMARY_FIRST, &summary->response);

  return summary;
}

static GPtrArray *
read_summaries (WmStore       *store,
                sqlite3_stmt  *stmt,
                GError       **error)
{
  g_autoptr(GPtrArray) pupils = NULL;
  gboolean row = TRUE;

  pupils = g_ptr_array_new_with_free_func (
    (GDestroyNotify) wm_pupil_summary_free);
  while (row)
    {
      if (!_wm_store_step_row (store, stmt, &row, N_("listing pupils"), error))
        return NULL;
      if (row)
        g_ptr_array_add (pupils, read_summary (stmt));
    }

  return g_steal_pointer (&pupils);
}

/* The response summary's as_of is renamed in a subquery, because the
 * evaluation's columns are named without their table and both tables
 * have an as_of. */
#define SUMMARY_SELECT \
  "SELECT p.id, p.upn, p.surname, p.forename, p.name_key, p.school_id, " \
  "  s.estab, s.name, p.year_group, " WM_STORE_EVALUATION_COLUMNS ", " \
  "  r.summary_as_of, r.routes, r.ready_steps, r.due, r.overdue, " \
  "  r.next_due " \
  "FROM pupils p " \
  "LEFT JOIN schools s ON s.id = p.school_id " \
  "LEFT JOIN evaluations e ON e.pupil_id = p.id " \
  "LEFT JOIN (SELECT pupil_id, as_of AS summary_as_of, routes, " \
  "  ready_steps, due, overdue, next_due FROM response_summaries) r " \
  "  ON r.pupil_id = p.id "

/**
 * wm_store_list_pupils:
 * @store: a store
 * @error: return location for a #GError
 *
 * Lists every pupil with the school's establishment number and name,
 * the stored evaluation (@evaluated is %FALSE when there is none yet)
 * and the stored response summary (@summarised is %FALSE when there is
 * none yet), ordered by surname, then forename, ignoring case.
 *
 * Returns: (transfer container) (element-type WmPupilSummary): the
 *   pupils, freed with the array; %NULL with @error set on failure
 */
GPtrArray *
wm_store_list_pupils (WmStore  *store,
                      GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  stmt = _wm_store_prepare (store,
    SUMMARY_SELECT
    "ORDER BY p.surname COLLATE NOCASE, p.forename COLLATE NOCASE, p.id",
    error);
  if (stmt == NULL)
    return NULL;

  return read_summaries (store, stmt, error);
}

/**
 * wm_store_list_pupils_by_id:
 * @store: a store
 * @pupil_ids: (element-type gint64): the pupils to read
 * @error: return location for a #GError
 *
 * Reads the summaries of some pupils in one query, so that the window can
 * refresh the rows the evaluator has just written without reading the
 * whole caseload again. Ids with no pupil are left out.
 *
 * Returns: (transfer full) (element-type WmPupilSummary): the summaries in
 *   no particular order; %NULL with @error set on failure
 */
GPtrArray *
wm_store_list_pupils_by_id (WmStore  *store,
                            GArray   *pupil_ids,
                            GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autoptr(GString) json = g_string_new ("[");

  g_return_val_if_fail (WM_IS_STORE (store), NULL);
  g_return_val_if_fail (pupil_ids != NULL, NULL);

  for (guint i = 0; i < pupil_ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (pupil_ids, gint64, i));
  g_string_append_c (json, ']');

  /* The ids travel as one JSON array, which json_each() turns back into
   * rows, because SQLite has no array parameter. */
  stmt = _wm_store_prepare (store,
    SUMMARY_SELECT "WHERE p.id IN (SELECT value FROM json_each (?1))",
    error);
  if (stmt == NULL)
    return NULL;

  _wm_store_bind_text (stmt, 1, json->str);
  return read_summaries (store, stmt, error);
}

/**
 * wm_store_list_pupil_ids:
 * @store: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type gint64): every pupil's id in
 *   ascending order; %NULL with @error set on failure
 */
GArray *
wm_store_list_pupil_ids (WmStore  *store,
                         GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  gboolean row = TRUE;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  stmt = _wm_store_prepare (store, "SELECT id FROM pupils ORDER BY id", error);
  if (stmt == NULL)
    return NULL;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (row)
    {
      if (!_wm_store_step_row (store, stmt, &row, N_("listing pupils"), error))
        return NULL;
      if (row)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
    }

  return g_steal_pointer (&ids);
}

/**
 * wm_store_list_stale_pupil_ids:
 * @store: a store
 * @as_of: the evaluation date wanted
 * @error: return location for a #GError
 *
 * Lists the pupils with no stored evaluation or response summary, or one
 * made as of another date. The evaluator starts with these, so that
 * opening the window on an evaluated caseload does not evaluate every
 * pupil again, while a database evaluated before response summaries
 * were stored gets them.
 *
 * Returns: (transfer full) (element-type gint64): the ids in ascending
 *   order; %NULL with @error set on failure
 */
GArray *
wm_store_list_stale_pupil_ids (WmStore  *store,
                               WmDay     as_of,
                               GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  gboolean row = TRUE;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);
  g_return_val_if_fail (as_of != WM_DAY_NONE, NULL);

  stmt = _wm_store_prepare (store,
    "SELECT p.id FROM pupils p "
    "LEFT JOIN evaluations e ON e.pupil_id = p.id "
    "LEFT JOIN response_summaries r ON r.pupil_id = p.id "
    "WHERE e.pupil_id IS NULL OR e.as_of IS NOT ?1 "
    "  OR r.pupil_id IS NULL OR r.as_of IS NOT ?1 "
    "ORDER BY p.id",
    error);
  if (stmt == NULL)
    return NULL;

  _wm_store_bind_day (stmt, 1, as_of);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (row)
    {
      if (!_wm_store_step_row (store, stmt, &row, N_("listing pupils"), error))
        return NULL;
      if (row)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
    }

  return g_steal_pointer (&ids);
}
