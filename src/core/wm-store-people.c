/* wm-store-people.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-store-records-private.h"

#include "wm-error.h"
#include "wm-i18n-private.h"

/*
 * The people an officer adds to a pupil's case: contacts entered by hand
 * (kept when a new import replaces the imported ones), up to three
 * alternative contacts, the date each contact's details were last
 * checked, and siblings, at this school or another. Legal steps address
 * each parent separately, so their details must be current and checked.
 *
 * Each change is audited with ids only.
 */

#define CONTACT_COLUMNS \
  "id, pupil_id, ord, title, surname, forename, relationship, " \
  "parental_responsibility, address, phones, email, imported, alternative, " \
  "details_checked_on"

/**
 * wm_contact_details_free:
 * @details: (nullable): a contact
 *
 * Frees a contact returned by wm_store_list_contact_details().
 */
void
wm_contact_details_free (WmContactDetails *details)
{
  if (details == NULL)
    return;

  wm_contact_record_clear (&details->contact);
  g_free (details);
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
    {
      /* The id is formatted first: a translatable format cannot hold
       * G_GINT64_FORMAT, which the string extractor does not expand. */
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, pupil_id);

      g_set_error (error, WM_ERROR, WM_ERROR_NOT_FOUND,
                   E_("There is no pupil %s in %s; import or add the pupil "
                      "first"), id, wm_store_get_path (store));
    }
  return row;
}

/* A fourth alternative contact is rejected here with a message. The
 * schema's triggers reject it too, for any other writer. */
static gboolean
check_alternative_room (WmStore  *store,
                        gint64    pupil_id,
                        GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autofree char *id = NULL;
  gboolean row = FALSE;

  stmt = _wm_store_prepare (store,
    "SELECT count(*) FROM contacts WHERE pupil_id = ?1 AND alternative = 1",
    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  if (!_wm_store_step_row (store, stmt, &row, N_("counting contacts"), error))
    return FALSE;

  if (sqlite3_column_int64 (stmt, 0) < WM_MAX_ALTERNATIVE_CONTACTS)
    return TRUE;

  id = g_strdup_printf ("%" G_GINT64_FORMAT, pupil_id);
  /* Translators: the pupil's number and the most alternative contacts a
   * pupil may have. */
  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
               E_("Alternative contact: pupil %s already has %d alternative "
                  "contacts; remove one first"), id,
               WM_MAX_ALTERNATIVE_CONTACTS);
  return FALSE;
}

static gint64
insert_contact (WmStore                *store,
                gint64                  pupil_id,
                const WmContactRecord  *contact,
                gboolean                alternative,
                WmDay                   checked_on,
                GError                **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  /* Without an order of its own, the contact goes after the others. */
  stmt = _wm_store_prepare (store,
    "INSERT INTO contacts (pupil_id, ord, title, surname, forename, "
    "  relationship, parental_responsibility, address, phones, email, "
    "  imported, alternative, details_checked_on) "
    "VALUES (?1, CASE WHEN ?2 > 0 THEN ?2 ELSE (SELECT coalesce (max (ord), "
    "  0) + 1 FROM contacts WHERE pupil_id = ?1) END, ?3, ?4, ?5, ?6, ?7, "
    "  ?8, ?9, ?10, 0, ?11, ?12) RETURNING id", error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int (stmt, 2, contact->order);
  _wm_store_bind_text (stmt, 3, contact->title);
  _wm_store_bind_text (stmt, 4, contact->surname);
  _wm_store_bind_text (stmt, 5, contact->forename);
  _wm_store_bind_text (stmt, 6, contact->relationship);
  sqlite3_bind_int (stmt, 7, contact->parental_responsibility ? 1 : 0);
  _wm_store_bind_text (stmt, 8, contact->address);
  _wm_store_bind_text (stmt, 9, contact->phones);
  _wm_store_bind_text (stmt, 10, contact->email);
  sqlite3_bind_int (stmt, 11, alternative ? 1 : 0);
  _wm_store_bind_day (stmt, 12, checked_on);
  if (!_wm_store_step_row (store, stmt, &row, N_("adding a contact"), error))
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
audit_contact (WmStore     *store,
               const char  *action,
               gint64       contact_id,
               gint64       pupil_id,
               GError     **error)
{
  g_autofree char *detail = g_strdup_printf ("pupil=%" G_GINT64_FORMAT,
                                             pupil_id);

  return _wm_store_audit_append (store, action, "contact", contact_id,
                                 detail, error);
}

/**
 * wm_store_add_contact:
 * @store: a store
 * @pupil_id: the pupil
 * @contact: the contact's details; an @order of 0 puts it after the
 *   pupil's other contacts
 * @alternative: whether it is an alternative contact
 * @details_checked_on: when the details were checked, or %WM_DAY_NONE
 * @error: return location for a #GError
 *
 * Adds a contact entered by an officer. Unlike imported contacts, it is
 * kept when a new import replaces the pupil's imported contacts. The
 * pupil is marked dirty in the same transaction (see
 * wm_store_mark_dirty()), because readiness for a legal step depends on
 * the parents' details. Audited as "contact-add".
 *
 * Returns: the contact's id; 0 with %WM_ERROR_NOT_FOUND when the pupil
 *   does not exist, or %WM_ERROR_INVALID_INPUT when @alternative is set
 *   and the pupil already has three alternative contacts
 */
gint64
wm_store_add_contact (WmStore                *store,
                      gint64                  pupil_id,
                      const WmContactRecord  *contact,
                      gboolean                alternative,
                      WmDay                   details_checked_on,
                      GError                **error)
{
  gboolean outer = FALSE, ok;
  gint64 id = 0;

  g_return_val_if_fail (WM_IS_STORE (store), 0);
  g_return_val_if_fail (contact != NULL, 0);

  if (!_wm_store_write_begin (store, &outer, error))
    return 0;

  ok = check_pupil_exists (store, pupil_id, error)
       && (!alternative || check_alternative_room (store, pupil_id, error))
       && (id = insert_contact (store, pupil_id, contact, alternative,
                                details_checked_on, error)) > 0
       && audit_contact (store, "contact-add", id, pupil_id, error)
       && wm_store_mark_dirty (store, pupil_id, error);
  return _wm_store_write_end (store, outer, ok, error) ? id : 0;
}

static gboolean
contact_pupil (WmStore  *store,
               gint64    contact_id,
               gint64   *out_pupil_id,
               GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  stmt = _wm_store_prepare (store,
    "SELECT pupil_id FROM contacts WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, contact_id);
  if (!_wm_store_step_row (store, stmt, &row, N_("finding a contact"), error))
    return FALSE;

  if (!row)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             contact_id);

      g_set_error (error, WM_ERROR, WM_ERROR_NOT_FOUND,
                   E_("There is no contact %s in %s; a new import may have "
                      "replaced it"), id, wm_store_get_path (store));
      return FALSE;
    }

  *out_pupil_id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
update_contact (WmStore     *store,
                const char  *sql,
                gint64       contact_id,
                WmDay        day,
                gint         flag,
                GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = _wm_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;

  /* ?1 is the contact, then ?2 a date or ?3 a flag, as the statement
   * needs. */
  sqlite3_bind_int64 (stmt, 1, contact_id);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    _wm_store_bind_day (stmt, 2, day);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_int (stmt, 3, flag);
  return _wm_store_step_done (store, stmt, N_("changing a contact"), error);
}

/**
 * wm_store_set_contact_checked:
 * @store: a store
 * @contact_id: a contact
 * @checked_on: the day the details were checked with the family
 * @error: return location for a #GError
 *
 * Records when the contact's details were last checked. Audited as
 * "contact-checked".
 *
 * Returns: %TRUE on success; %WM_ERROR_NOT_FOUND when there is no such
 *   contact
 */
gboolean
wm_store_set_contact_checked (WmStore  *store,
                              gint64    contact_id,
                              WmDay     checked_on,
                              GError  **error)
{
  gboolean outer = FALSE, ok;
  gint64 pupil_id = 0;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  if (!_wm_store_write_begin (store, &outer, error))
    return FALSE;

  ok = contact_pupil (store, contact_id, &pupil_id, error)
       && update_contact (store, "UPDATE contacts SET details_checked_on = ?2 "
                          "WHERE id = ?1", contact_id, checked_on, 0, error)
       && audit_contact (store, "contact-checked", contact_id, pupil_id,
                         error);
  return _wm_store_write_end (store, outer, ok, error);
}

/**
 * wm_store_set_contact_alternative:
 * @store: a store
 * @contact_id: a contact
 * @alternative: whether it is an alternative contact
 * @error: return location for a #GError
 *
 * Marks or unmarks a contact as one of the pupil's alternative contacts.
 * Audited as "contact-alternative".
 *
 * Returns: %TRUE on success; %WM_ERROR_INVALID_INPUT when the pupil
 *   already has three alternative contacts
 */
gboolean
wm_store_set_contact_alternative (WmStore  *store,
                                  gint64    contact_id,
                                  gboolean  alternative,
                                  GError  **error)
{
  gboolean outer = FALSE, ok;
  gint64 pupil_id = 0;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  if (!_wm_store_write_begin (store, &outer, error))
    return FALSE;

  ok = contact_pupil (store, contact_id, &pupil_id, error)
       && (!alternative || check_alternative_room (store, pupil_id, error))
       && update_contact (store, "UPDATE contacts SET alternative = ?3 "
                          "WHERE id = ?1", contact_id,
                          WM_DAY_NONE, alternative ? 1 : 0, error)
       && audit_contact (store, "contact-alternative", contact_id, pupil_id,
                         error);
  return _wm_store_write_end (store, outer, ok, error);
}

static WmContactDetails *
read_details (sqlite3_stmt *stmt)
{
  WmContactDetails *details = g_new0 (WmContactDetails, 1);
  WmContactRecord *c = &details->contact;

  details->id = sqlite3_column_int64 (stmt, 0);
  details->pupil_id = sqlite3_column_int64 (stmt, 1);
  c->order = sqlite3_column_int (stmt, 2);
  c->title = _wm_store_column_dup (stmt, 3);
  c->surname = _wm_store_column_dup (stmt, 4);
  c->forename = _wm_store_column_dup (stmt, 5);
  c->relationship = _wm_store_column_dup (stmt, 6);
  c->parental_responsibility = sqlite3_column_int (stmt, 7) != 0;
  c->address = _wm_store_column_dup (stmt, 8);
  c->phones = _wm_store_column_dup (stmt, 9);
  c->email = _wm_store_column_dup (stmt, 10);
  details->imported = sqlite3_column_int (stmt, 11) != 0;
  details->alternative = sqlite3_column_int (stmt, 12) != 0;
  details->details_checked_on = _wm_store_column_day (stmt, 13);
  return details;
}

/**
 * wm_store_list_contact_details:
 * @store: a store
 * @pupil_id: the pupil
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type WmContactDetails): the
 *   pupil's contacts, imported and entered, in their order, with what the
 *   officer keeps about each; %NULL with @error set on failure
 */
GPtrArray *
wm_store_list_contact_details (WmStore  *store,
                               gint64    pupil_id,
                               GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  gboolean row = TRUE;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  stmt = _wm_store_prepare (store,
    "SELECT " CONTACT_COLUMNS " FROM contacts WHERE pupil_id = ?1 "
    "ORDER BY ord, id", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  contacts = g_ptr_array_new_with_free_func (
    (GDestroyNotify) wm_contact_details_free);
  while (row)
    {
      if (!_wm_store_step_row (store, stmt, &row, N_("reading contacts"),
                               error))
        return NULL;
      if (row)
        g_ptr_array_add (contacts, read_details (stmt));
    }

  return g_steal_pointer (&contacts);
}

static gboolean
change_siblings (WmStore     *store,
                 const char  *sql,
                 gint64       pupil_id,
                 gint64       sibling_id,
                 GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = _wm_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;

  /* Both directions, so that each pupil lists the other. */
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int64 (stmt, 2, sibling_id);
  if (!_wm_store_step_done (store, stmt, N_("linking siblings"), error))
    return FALSE;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, sibling_id);
  sqlite3_bind_int64 (stmt, 2, pupil_id);
  return _wm_store_step_done (store, stmt, N_("linking siblings"), error);
}

static gboolean
siblings_write (WmStore     *store,
                const char  *sql,
                const char  *action,
                gint64       pupil_id,
                gint64       sibling_id,
                GError     **error)
{
  g_autofree char *detail = NULL;
  gboolean outer = FALSE, ok;

  if (pupil_id == sibling_id)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("Sibling: a pupil cannot be their own sibling; choose "
                      "another pupil"));
      return FALSE;
    }

  if (!_wm_store_write_begin (store, &outer, error))
    return FALSE;

  detail = g_strdup_printf ("sibling=%" G_GINT64_FORMAT, sibling_id);
  ok = check_pupil_exists (store, pupil_id, error)
       && check_pupil_exists (store, sibling_id, error)
       && change_siblings (store, sql, pupil_id, sibling_id, error)
       && _wm_store_audit_append (store, action, "pupil", pupil_id, detail,
                                  error);
  return _wm_store_write_end (store, outer, ok, error);
}

/**
 * wm_store_link_siblings:
 * @store: a store
 * @pupil_id: a pupil
 * @sibling_id: the pupil's sibling, at this school or another (a pupil
 *   of that school in the store)
 * @error: return location for a #GError
 *
 * Records that two pupils are siblings, in both directions. Siblings
 * share parents, not records: each keeps a case of their own. Linking
 * twice is the same as once. Audited as "sibling-link".
 *
 * Returns: %TRUE on success; %WM_ERROR_NOT_FOUND when a pupil does not
 *   exist, %WM_ERROR_INVALID_INPUT when the two are the same pupil
 */
gboolean
wm_store_link_siblings (WmStore  *store,
                        gint64    pupil_id,
                        gint64    sibling_id,
                        GError  **error)
{
  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  return siblings_write (store, "INSERT OR IGNORE INTO pupil_links "
                         "(pupil_id, sibling_id) VALUES (?1, ?2)",
                         "sibling-link", pupil_id, sibling_id, error);
}

/**
 * wm_store_unlink_siblings:
 * @store: a store
 * @pupil_id: a pupil
 * @sibling_id: a pupil recorded as a sibling
 * @error: return location for a #GError
 *
 * Removes the sibling link, in both directions. Audited as
 * "sibling-unlink".
 *
 * Returns: %TRUE on success
 */
gboolean
wm_store_unlink_siblings (WmStore  *store,
                          gint64    pupil_id,
                          gint64    sibling_id,
                          GError  **error)
{
  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  return siblings_write (store, "DELETE FROM pupil_links "
                         "WHERE pupil_id = ?1 AND sibling_id = ?2",
                         "sibling-unlink", pupil_id, sibling_id, error);
}

/**
 * wm_store_list_siblings:
 * @store: a store
 * @pupil_id: a pupil
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type gint64): the ids of the pupil's
 *   siblings, in increasing order; %NULL with @error set on failure
 */
GArray *
wm_store_list_siblings (WmStore  *store,
                        gint64    pupil_id,
                        GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean row = TRUE;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  stmt = _wm_store_prepare (store,
    "SELECT sibling_id FROM pupil_links WHERE pupil_id = ?1 "
    "ORDER BY sibling_id", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  while (row)
    {
      gint64 id;

      if (!_wm_store_step_row (store, stmt, &row, N_("reading siblings"),
                               error))
        return NULL;
      if (!row)
        break;

      id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  return g_steal_pointer (&ids);
}
