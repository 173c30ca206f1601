/* wm-store-verify.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-store-records-private.h"

#include <stdio.h>
#include <string.h>

#include "wm-error.h"
#include "wm-i18n-private.h"
#include "wm-letters-private.h"

/*
 * `waymark --verify`: is the database what Waymark wrote? Four checks,
 * each stopping at the first problem:
 *
 * 1. SQLite's integrity check and the references between rows.
 * 2. The audit log's hash chain (wm-store-audit.c).
 * 3. The case record against the audit log. Each finalised revision has
 *    an audit entry ("record-finalise" or "record-amend") holding its
 *    case, pupil, kind, revision number and the SHA-256 of its values, so
 *    a revision edited, added or removed with another tool is found even
 *    though the chain still verifies. A record's tombstone must agree
 *    with its last "record-delete" or "record-restore" entry, so a record
 *    hidden or brought back outside Waymark is found too. A record
 *    deleted at the end of its retention period has a "retention-delete"
 *    entry after its revisions' entries, and is not looked for.
 * 4. Each letter as sent (its PDF and its text) against the hashes in its
 *    "letter-generate" audit entry (wm-store-letters.c).
 *
 * Someone able to rewrite the whole file can forge all of this; the
 * checks make changes visible, not impossible.
 */

static void
set_tampered_error (GError     **error,
                    const char  *format,
                    ...) G_GNUC_PRINTF (2, 3);

static void
set_tampered_error (GError     **error,
                    const char  *format,
                    ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: %s says what does not match, such as "audit entry 12
   * does not match its hash". */
  g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
               E_("%s: the database was changed outside Waymark"), what);
}

/* Ids are formatted first: a translatable format cannot hold
 * G_GINT64_FORMAT, which the string extractor does not expand. */
static char *
format_id (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

/* The fields of a revision's audit detail (see revision_detail() in
 * wm-store-records.c). */
typedef struct
{
  gint64 case_id;
  gint64 pupil_id;
  char   kind[64];
  guint  revision;
  char   hash[WM_STORE_HASH_LENGTH + 1];
} RevisionDetail;

static gboolean
parse_detail (const char     *detail,
              RevisionDetail *out)
{
  int n;

  if (detail == NULL)
    return FALSE;

  n = sscanf (detail, "case=%" G_GINT64_FORMAT " pupil=%" G_GINT64_FORMAT
              " kind=%63s revision=%u sha256=%64s", &out->case_id,
              &out->pupil_id, out->kind, &out->revision, out->hash);
  return n == 5 && strlen (out->hash) == WM_STORE_HASH_LENGTH;
}

/* Whether a later audit entry records that the record was deleted at the
 * end of its retention period, which removes its revisions on purpose. */
static gboolean
deleted_for_retention (WmStore   *store,
                       gint64     entry_id,
                       gint64     record_id,
                       gboolean  *out_deleted,
                       GError   **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  stmt = _wm_store_prepare (store,
    "SELECT 1 FROM audit_log WHERE action = 'retention-delete' "
    "  AND object_kind = 'record' AND object_id = ?1 AND id > ?2", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, record_id);
  sqlite3_bind_int64 (stmt, 2, entry_id);
  return _wm_store_step_row (store, stmt, out_deleted, N_("verifying records"),
                             error);
}

/* Checks the revision that one audit entry describes; the revision is
 * added to @seen as "record:revision". */
static gboolean
check_revision (WmStore               *store,
                gint64                 entry_id,
                gint64                 record_id,
                const RevisionDetail  *detail,
                GHashTable            *seen,
                GError               **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autofree char *hash = NULL;
  gboolean row = FALSE, retention_deleted = FALSE;

  stmt = _wm_store_prepare (store,
    "SELECT v.body, r.case_id, r.pupil_id, r.kind, r.status "
    "FROM record_revisions v JOIN records r ON r.id = v.record_id "
    "WHERE v.record_id = ?1 AND v.revision = ?2", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, record_id);
  sqlite3_bind_int64 (stmt, 2, detail->revision);
  if (!_wm_store_step_row (store, stmt, &row, N_("verifying records"), error))
    return FALSE;

  if (!row && !deleted_for_retention (store, entry_id, record_id,
                                      &retention_deleted, error))
    return FALSE;

  if (retention_deleted)
    return TRUE;

  if (!row)
    {
      g_autofree char *record = format_id (record_id);
      g_autofree char *entry = format_id (entry_id);

      set_tampered_error (error, E_("record %s revision %u, written in audit "
                                    "entry %s, is missing"), record,
                          detail->revision, entry);
      return FALSE;
    }

  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                        (const char *)
                                        sqlite3_column_text (stmt, 0), -1);
  if (strcmp (hash, detail->hash) != 0
      || sqlite3_column_int64 (stmt, 1) != detail->case_id
      || sqlite3_column_int64 (stmt, 2) != detail->pupil_id
      || g_strcmp0 ((const char *) sqlite3_column_text (stmt, 3),
                    detail->kind) != 0
      || g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4),
                    "final") != 0)
    {
      g_autofree char *record = format_id (record_id);
      g_autofree char *entry = format_id (entry_id);

      set_tampered_error (error, E_("record %s revision %u does not match the "
                                    "hash in audit entry %s"), record,
                          detail->revision, entry);
      return FALSE;
    }

  g_hash_table_add (seen, g_strdup_printf ("%" G_GINT64_FORMAT ":%u",
                                           record_id, detail->revision));
  return TRUE;
}

static gboolean
check_audited_revisions (WmStore     *store,
                         GHashTable  *seen,
                         GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = TRUE;

  stmt = _wm_store_prepare (store,
    "SELECT id, object_id, detail FROM audit_log "
    "WHERE action IN ('record-finalise', 'record-amend') "
    "  AND object_kind = 'record' ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;

  while (row)
    {
      RevisionDetail detail = { 0 };
      gint64 entry_id;

      if (!_wm_store_step_row (store, stmt, &row, N_("verifying records"),
                               error))
        return FALSE;
      if (!row)
        break;

      entry_id = sqlite3_column_int64 (stmt, 0);
      if (!parse_detail ((const char *) sqlite3_column_text (stmt, 2),
                         &detail))
        {
          g_autofree char *entry = format_id (entry_id);

          set_tampered_error (error, E_("audit entry %s does not describe a "
                                        "revision"), entry);
          return FALSE;
        }

      if (!check_revision (store, entry_id, sqlite3_column_int64 (stmt, 1),
                           &detail, seen, error))
        return FALSE;
    }

  return TRUE;
}

/* Every revision of a finalised record must have been audited. */
static gboolean
check_unaudited_revisions (WmStore     *store,
                           GHashTable  *seen,
                           GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = TRUE;

  stmt = _wm_store_prepare (store,
    "SELECT v.record_id, v.revision FROM record_revisions v "
    "JOIN records r ON r.id = v.record_id WHERE r.status = 'final' "
    "ORDER BY v.record_id, v.revision", error);
  if (stmt == NULL)
    return FALSE;

  while (row)
    {
      g_autofree char *key = NULL;

      if (!_wm_store_step_row (store, stmt, &row, N_("verifying records"),
                               error))
        return FALSE;
      if (!row)
        break;

      key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                             (gint64) sqlite3_column_int64 (stmt, 0),
                             (gint64) sqlite3_column_int64 (stmt, 1));
      if (!g_hash_table_contains (seen, key))
        {
          g_autofree char *record = format_id (sqlite3_column_int64 (stmt, 0));
          g_autofree char *revision = format_id (sqlite3_column_int64 (stmt,
                                                                       1));

          set_tampered_error (error, E_("record %s revision %s has no audit "
                                        "entry"), record, revision);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check_tombstones (WmStore  *store,
                  GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  stmt = _wm_store_prepare (store,
    "SELECT r.id, r.deleted_at IS NOT NULL FROM records r "
    "WHERE (r.deleted_at IS NOT NULL) != coalesce ("
    "  (SELECT a.action = 'record-delete' FROM audit_log a "
    "   WHERE a.object_kind = 'record' AND a.object_id = r.id "
    "     AND a.action IN ('record-delete', 'record-restore') "
    "   ORDER BY a.id DESC LIMIT 1), 0) "
    "ORDER BY r.id LIMIT 1", error);
  if (stmt == NULL
      || !_wm_store_step_row (store, stmt, &row, N_("verifying records"),
                              error))
    return FALSE;

  if (row)
    {
      g_autofree char *record = format_id (sqlite3_column_int64 (stmt, 0));

      /* Whole sentences, so that a translation need not assemble them. */
      if (sqlite3_column_int (stmt, 1))
        set_tampered_error (error, E_("record %s is deleted, but its audit "
                                      "entries do not show it deleted"),
                            record);
      else
        set_tampered_error (error, E_("record %s is present, but its audit "
                                      "entries do not show it restored"),
                            record);
    }
  return !row;
}

static gboolean
check_audit (WmStore  *store,
             GError  **error)
{
  GError *local_error = NULL;
  g_autofree char *entry = NULL;
  gint64 bad = 0;

  if (wm_store_verify_audit (store, &bad, &local_error))
    return TRUE;

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  entry = format_id (bad);
  set_tampered_error (error, E_("audit entry %s does not match its hash"),
                      entry);
  return FALSE;
}

static gboolean
count_entries (WmStore  *store,
               guint    *out_n,
               GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  stmt = _wm_store_prepare (store, "SELECT count(*) FROM audit_log", error);
  if (stmt == NULL
      || !_wm_store_step_row (store, stmt, &row, N_("reading the audit log"),
                              error))
    return FALSE;

  *out_n = (guint) sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
verify (WmStore  *store,
        guint    *out_n_entries,
        GError  **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                      g_free, NULL);

  return wm_store_integrity_check (store, error)
         && check_audit (store, error)
         && check_audited_revisions (store, seen, error)
         && check_unaudited_revisions (store, seen, error)
         && check_tombstones (store, error)
         && _wm_store_verify_letters (store, error)
         && count_entries (store, out_n_entries, error);
}

/* Checks each audit entry that finalised or amended one record against
 * its revision. These are the checks wm_store_verify() makes, for one
 * record. */
static gboolean
check_record (WmStore     *store,
              gint64       record_id,
              GHashTable  *seen,
              GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = TRUE;

  stmt = _wm_store_prepare (store,
    "SELECT id, detail FROM audit_log WHERE object_kind = 'record' "
    "  AND object_id = ?1 AND action IN ('record-finalise', 'record-amend') "
    "ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, record_id);
  while (row)
    {
      RevisionDetail detail = { 0 };
      gint64 entry_id;

      if (!_wm_store_step_row (store, stmt, &row, N_("verifying records"),
                               error))
        return FALSE;
      if (!row)
        break;

      entry_id = sqlite3_column_int64 (stmt, 0);
      if (!parse_detail ((const char *) sqlite3_column_text (stmt, 1),
                         &detail))
        {
          g_autofree char *entry = format_id (entry_id);

          set_tampered_error (error, E_("audit entry %s does not describe a "
                                        "revision"), entry);
          return FALSE;
        }

      if (!check_revision (store, entry_id, record_id, &detail, seen, error))
        return FALSE;
    }

  return TRUE;
}

/* Checks that every revision of one record has an audit entry. */
static gboolean
check_record_audited (WmStore     *store,
                      gint64       record_id,
                      GHashTable  *seen,
                      GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = TRUE;

  stmt = _wm_store_prepare (store,
    "SELECT revision FROM record_revisions WHERE record_id = ?1 "
    "ORDER BY revision", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, record_id);
  while (row)
    {
      g_autofree char *key = NULL;

      if (!_wm_store_step_row (store, stmt, &row, N_("verifying records"),
                               error))
        return FALSE;
      if (!row)
        break;

      key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                             record_id,
                             (gint64) sqlite3_column_int64 (stmt, 0));
      if (!g_hash_table_contains (seen, key))
        {
          g_autofree char *record = format_id (record_id);
          g_autofree char *revision = format_id (sqlite3_column_int64 (stmt,
                                                                       0));

          set_tampered_error (error, E_("record %s revision %s has no audit "
                                        "entry"), record, revision);
          return FALSE;
        }
    }

  return TRUE;
}

/* Checks the records first, so that a changed text is reported by its
 * record. The chain comes next and finds an audit entry rewritten to
 * match the changed text. */
static gboolean
verify_records (WmStore       *store,
                const gint64  *record_ids,
                guint          n_records,
                GError       **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                      g_free, NULL);

  for (guint i = 0; i < n_records; i++)
    if (!check_record (store, record_ids[i], seen, error)
        || !check_record_audited (store, record_ids[i], seen, error))
      return FALSE;

  return check_audit (store, error);
}

/**
 * _wm_store_verify_records:
 * @store: a store
 * @record_ids: (array length=n_records): finalised records
 * @n_records: the number of @record_ids
 * @error: return location for a #GError
 *
 * Checks what a printed record rests on, as wm_store_verify() does for
 * the whole database: each revision of each record against the hash its
 * audit entry carries, every revision audited, and the audit log's hash
 * chain. In one read transaction, like wm_store_verify().
 *
 * Returns: %TRUE when everything holds; otherwise %FALSE with
 *   %WM_ERROR_DATABASE and the message of wm_store_verify() naming the
 *   first record or audit entry that does not verify
 */
gboolean
_wm_store_verify_records (WmStore       *store,
                          const gint64  *record_ids,
                          guint          n_records,
                          GError       **error)
{
  sqlite3 *db;
  gboolean own_transaction, ok;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (record_ids != NULL || n_records == 0, FALSE);

  db = wm_store_get_db (store);
  own_transaction = sqlite3_get_autocommit (db) != 0;
  if (own_transaction
      && !_wm_store_exec (store, "BEGIN", N_("verifying records"), error))
    return FALSE;

  ok = verify_records (store, record_ids, n_records, error);
  if (own_transaction)
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  return ok;
}

/**
 * wm_store_verify:
 * @store: a store
 * @out_n_entries: (out) (optional): the number of audit entries verified
 * @error: return location for a #GError
 *
 * Checks that the database is intact and contains what Waymark wrote:
 * SQLite's integrity check and references, the audit log's hash chain,
 * every finalised revision of every record against the hash its audit
 * entry carries, every tombstone against the audit log, and every stored
 * letter's PDF and text against the hashes its audit entry carries. Reads the
 * whole database in one read transaction, so a change committed by
 * another connection meanwhile cannot look like tampering.
 *
 * Returns: %TRUE when everything holds; otherwise %FALSE with
 *   %WM_ERROR_DATABASE and a one-line message naming the first problem
 *   ("audit entry 17 does not match its hash: the database was changed
 *   outside Waymark")
 */
gboolean
wm_store_verify (WmStore  *store,
                 guint    *out_n_entries,
                 GError  **error)
{
  sqlite3 *db;
  gboolean own_transaction, ok;
  guint n = 0;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  db = wm_store_get_db (store);
  own_transaction = sqlite3_get_autocommit (db) != 0;
  if (own_transaction
      && !_wm_store_exec (store, "BEGIN", N_("verifying the database"), error))
    return FALSE;

  ok = verify (store, &n, error);
  if (own_transaction)
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  if (out_n_entries != NULL)
    *out_n_entries = n;
  return ok;
}
