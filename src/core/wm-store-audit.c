/* wm-store-audit.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-store-private.h"

#include <string.h>

#include "wm-error.h"
#include "wm-i18n-private.h"

/*
 * The audit log: one row per change, import, export or disclosure, chained
 * by SHA-256. Each entry's hash covers the previous entry's hash and every
 * field of the entry, its id included, so that editing a field, deleting
 * an entry or moving one breaks the chain at that point. Removing the
 * newest entries leaves a valid chain, so the verification also compares
 * the last id with the highest id ever handed out (AUTOINCREMENT keeps it
 * in sqlite_sequence). Someone who can rewrite the whole file can forge
 * a consistent log; the chain makes tampering visible, not impossible.
 *
 * Entries hold ids and counts only, never a name, address or note, since
 * the log is kept longer than the records it describes and is shown to
 * people who may not see those records.
 */

/* The "previous hash" of the first entry. */
static const char genesis_hash[] =
  "0000000000000000000000000000000000000000000000000000000000000000";

G_STATIC_ASSERT (sizeof genesis_hash == WM_STORE_HASH_LENGTH + 1);

/*
 * Each field goes into the hash as a tag and its length before its bytes
 * ("T5:apply", "I12", "N" for NULL), so no two different entries can give
 * the same input: "ab" + "c" and "a" + "bc" differ. The leading version
 * string lets a later format coexist with this one.
 */
static void
hash_text (GChecksum  *checksum,
           const char *text)
{
  g_autofree char *prefix = NULL;

  if (text == NULL)
    {
      g_checksum_update (checksum, (const guchar *) "N", 1);
      return;
    }

  prefix = g_strdup_printf ("T%" G_GSIZE_FORMAT ":", strlen (text));
  g_checksum_update (checksum, (const guchar *) prefix, -1);
  g_checksum_update (checksum, (const guchar *) text, strlen (text));
}

static void
hash_int (GChecksum *checksum,
          gboolean   is_null,
          gint64     value)
{
  g_autofree char *text = NULL;

  if (is_null)
    {
      g_checksum_update (checksum, (const guchar *) "N", 1);
      return;
    }

  text = g_strdup_printf ("I%" G_GINT64_FORMAT, value);
  hash_text (checksum, text);
}

typedef struct
{
  gint64      id;
  const char *at;
  const char *action;
  const char *object_kind;
  gboolean    has_object;
  gint64      object_id;
  const char *detail;
  const char *prev_hash;
} AuditEntry;

static char *
entry_hash (const AuditEntry *entry)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  hash_text (checksum, "waymark-audit-1");
  hash_text (checksum, entry->prev_hash);
  hash_int (checksum, FALSE, entry->id);
  hash_text (checksum, entry->at);
  hash_text (checksum, entry->action);
  hash_text (checksum, entry->object_kind);
  hash_int (checksum, !entry->has_object, entry->object_id);
  hash_text (checksum, entry->detail);
  return g_strdup (g_checksum_get_string (checksum));
}

/* The hash of the newest entry and the id the next one gets. */
static gboolean
read_chain_end (WmStore   *self,
                char     **out_prev_hash,
                gint64    *out_next_id,
                GError   **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;
  const char *hash;

  stmt = _wm_store_prepare (self,
    "SELECT (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), "
    "  coalesce ((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), "
    "            0) + 1", error);
  if (stmt == NULL
      || !_wm_store_step_row (self, stmt, &row, N_("reading the audit log"),
                              error))
    return FALSE;

  hash = (const char *) sqlite3_column_text (stmt, 0);
  *out_prev_hash = g_strdup (hash != NULL ? hash : genesis_hash);
  *out_next_id = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

static gboolean
insert_entry (WmStore           *self,
              const AuditEntry  *entry,
              const char        *hash,
              GError           **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  stmt = _wm_store_prepare (self,
    "INSERT INTO audit_log (id, at, action, object_kind, object_id, detail, "
    "  prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, entry->id);
  _wm_store_bind_text (stmt, 2, entry->at);
  _wm_store_bind_text (stmt, 3, entry->action);
  _wm_store_bind_text (stmt, 4, entry->object_kind);
  if (entry->has_object)
    sqlite3_bind_int64 (stmt, 5, entry->object_id);
  _wm_store_bind_text (stmt, 6, entry->detail);
  _wm_store_bind_text (stmt, 7, entry->prev_hash);
  _wm_store_bind_text (stmt, 8, hash);
  return _wm_store_step_done (self, stmt, N_("writing the audit log"), error);
}

/**
 * _wm_store_audit_append:
 *
 * Appends an entry. The caller must be in a write transaction, so that no
 * other connection can append between reading the chain's end and
 * writing the new entry.
 */
gboolean
_wm_store_audit_append (WmStore     *self,
                        const char  *action,
                        const char  *object_kind,
                        gint64       object_id,
                        const char  *detail,
                        GError     **error)
{
  g_autofree char *prev_hash = NULL;
  g_autofree char *at = _wm_store_now_utc ();
  g_autofree char *hash = NULL;
  AuditEntry entry = { 0 };

  g_return_val_if_fail (!sqlite3_get_autocommit (wm_store_get_db (self)),
                        FALSE);

  if (!read_chain_end (self, &prev_hash, &entry.id, error))
    return FALSE;

  entry.at = at;
  entry.action = action;
  entry.object_kind = object_kind;
  entry.has_object = object_id > 0;
  entry.object_id = object_id;
  entry.detail = detail;
  entry.prev_hash = prev_hash;
  hash = entry_hash (&entry);
  return insert_entry (self, &entry, hash, error);
}

/**
 * wm_store_audit:
 * @store: a store
 * @action: what happened, such as "import" or "export-bundle"
 * @object_kind: (nullable): the kind of row it happened to, such as
 *   "pupil"
 * @object_id: that row's id, or 0 for none
 * @detail: (nullable): ids and counts only: never a name, address or
 *   note text
 * @error: return location for a #GError
 *
 * Appends an entry to the audit log, chained to the previous one by
 * SHA-256 and stamped with the current UTC time.
 *
 * Returns: %TRUE on success
 */
gboolean
wm_store_audit (WmStore     *store,
                const char  *action,
                const char  *object_kind,
                gint64       object_id,
                const char  *detail,
                GError     **error)
{
  gboolean outer = FALSE, ok;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  if (!_wm_store_write_begin (store, &outer, error))
    return FALSE;

  ok = _wm_store_audit_append (store, action, object_kind, object_id, detail,
                               error);
  return _wm_store_write_end (store, outer, ok, error);
}

static void
read_entry (sqlite3_stmt *stmt,
            AuditEntry   *entry)
{
  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->at = (const char *) sqlite3_column_text (stmt, 1);
  entry->action = (const char *) sqlite3_column_text (stmt, 2);
  entry->object_kind = (const char *) sqlite3_column_text (stmt, 3);
  entry->has_object = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
  entry->object_id = sqlite3_column_int64 (stmt, 4);
  entry->detail = (const char *) sqlite3_column_text (stmt, 5);
  entry->prev_hash = (const char *) sqlite3_column_text (stmt, 6);
}

/* Checks one entry against the hash of the entry before it; on success
 * *expected becomes this entry's hash. */
static gboolean
entry_verifies (sqlite3_stmt  *stmt,
                char         **expected)
{
  const char *stored = (const char *) sqlite3_column_text (stmt, 7);
  g_autofree char *computed = NULL;
  AuditEntry entry;

  read_entry (stmt, &entry);
  if (g_strcmp0 (entry.prev_hash, *expected) != 0)
    return FALSE;

  computed = entry_hash (&entry);
  if (g_strcmp0 (computed, stored) != 0)
    return FALSE;

  g_free (*expected);
  *expected = g_steal_pointer (&computed);
  return TRUE;
}

/* Walks the chain from the first entry; *out_bad is the first entry that
 * does not verify, or 0; *out_last is the last id seen. */
static gboolean
walk_chain (WmStore  *self,
            gint64   *out_bad,
            gint64   *out_last,
            GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autofree char *expected = g_strdup (genesis_hash);
  gboolean row = TRUE;

  stmt = _wm_store_prepare (self,
    "SELECT id, at, action, object_kind, object_id, detail, prev_hash, hash "
    "FROM audit_log ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;

  *out_bad = 0;
  *out_last = 0;
  while (row && *out_bad == 0)
    {
      if (!_wm_store_step_row (self, stmt, &row, N_("reading the audit log"),
                               error))
        return FALSE;
      if (row && !entry_verifies (stmt, &expected))
        *out_bad = sqlite3_column_int64 (stmt, 0);
      if (row)
        *out_last = sqlite3_column_int64 (stmt, 0);
    }

  return TRUE;
}

static gboolean
read_highest_id (WmStore  *self,
                 gint64   *out_id,
                 GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  stmt = _wm_store_prepare (self,
    "SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'", error);
  if (stmt == NULL
      || !_wm_store_step_row (self, stmt, &row, N_("reading the audit log"),
                              error))
    return FALSE;

  *out_id = row ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

static gboolean
verify_audit (WmStore  *self,
              gint64   *out_bad,
              GError  **error)
{
  gint64 last = 0, highest = 0;

  if (!walk_chain (self, out_bad, &last, error))
    return FALSE;

  if (*out_bad != 0 || !read_highest_id (self, &highest, error))
    return TRUE;

  /* Entries were removed from the end: the first missing one is bad. */
  if (highest > last)
    *out_bad = last + 1;
  return TRUE;
}

/**
 * wm_store_verify_audit:
 * @store: a store
 * @out_bad_entry: (out) (optional): the id of the first entry that does
 *   not verify, or 0 when every entry does. When entries were removed
 *   from the end of the log, it is the id of the first removed entry.
 * @error: return location for a #GError
 *
 * Walks the audit log's hash chain from the first entry and recomputes
 * every hash. An edited field, a deleted or reordered entry, or entries
 * cut from the end are found.
 *
 * Returns: %TRUE when the whole log verifies; %FALSE when it does not
 *   (with @error unset) or when the log could not be read (with @error set)
 */
gboolean
wm_store_verify_audit (WmStore  *store,
                       gint64   *out_bad_entry,
                       GError  **error)
{
  sqlite3 *db;
  gboolean own_transaction, ok;
  gint64 bad = 0;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  /* One read transaction, so that an entry appended by another connection
   * halfway through cannot look like a broken chain. */
  db = wm_store_get_db (store);
  own_transaction = sqlite3_get_autocommit (db) != 0;
  if (own_transaction
      && !_wm_store_exec (store, "BEGIN", N_("reading the audit log"), error))
    return FALSE;

  ok = verify_audit (store, &bad, error);
  if (own_transaction)
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  if (out_bad_entry != NULL)
    *out_bad_entry = bad;
  if (bad != 0)
    g_debug ("Audit entry %" G_GINT64_FORMAT " does not verify", bad);
  return ok && bad == 0;
}
