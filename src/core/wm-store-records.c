/* wm-store-records.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-store-records-private.h"

#include <string.h>

#include "wm-error.h"
#include "wm-i18n-private.h"

/*
 * Case records in the store. A record is a row of `records` and one or
 * more rows of `record_revisions`, each holding the values as JSON text.
 *
 * A draft has one revision, rewritten on every save, so that a form can
 * save after each pause in typing and lose nothing in a crash. Finalising
 * checks the values, writes them in their stored form (ISO dates, HH:MM
 * times) and makes the record append-only: from then on a change is a
 * new revision with a reason, and a deletion is a tombstone that undo
 * clears, leaving text, dates, author and links exactly as they were.
 *
 * Each finalised revision's audit entry carries the SHA-256 of the JSON
 * text as stored, with the record's case, pupil and kind, so that
 * wm_store_verify() notices a revision edited outside Waymark even
 * though the audit chain itself is intact.
 */

/* The columns read by read_record(): the record and its newest revision. */
#define RECORD_SELECT \
  "SELECT r.id, r.case_id, r.pupil_id, r.kind, r.status, r.record_date, " \
  "  r.created_at, r.created_by, r.finalised_at, r.deleted_at, " \
  "  r.deleted_by, v.revision, v.body " \
  "FROM records r JOIN record_revisions v ON v.record_id = r.id " \
  "  AND v.revision = (SELECT max (revision) FROM record_revisions " \
  "                    WHERE record_id = r.id) "

/**
 * wm_record_free:
 * @record: (nullable): a record
 *
 * Frees a record returned by wm_record_get() or a listing.
 */
void
wm_record_free (WmRecord *record)
{
  if (record == NULL)
    return;

  g_clear_pointer (&record->body, json_object_unref);
  g_free (record->created_at);
  g_free (record->created_by);
  g_free (record->finalised_at);
  g_free (record->deleted_at);
  g_free (record->deleted_by);
  g_free (record);
}

/**
 * wm_record_revision_free:
 * @revision: (nullable): a revision
 *
 * Frees a revision returned by wm_record_list_revisions().
 */
void
wm_record_revision_free (WmRecordRevision *revision)
{
  if (revision == NULL)
    return;

  g_clear_pointer (&revision->body, json_object_unref);
  g_free (revision->reason);
  g_free (revision->created_at);
  g_free (revision->created_by);
  g_free (revision);
}

/**
 * wm_record_link_free:
 * @link: (nullable): a link
 *
 * Frees a link returned by wm_record_list_links().
 */
void
wm_record_link_free (WmRecordLink *link)
{
  if (link == NULL)
    return;

  g_free (link->kind);
  g_free (link);
}

static char *
body_to_text (JsonObject *body)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), body);

  return json_to_string (node, FALSE);
}

/* The stored text passed json_valid() on the way in, so it parses. */
static JsonObject *
body_from_text (const char *text)
{
  g_autoptr(JsonNode) node = json_from_string (text, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return json_object_new ();

  return json_node_dup_object (node);
}

static WmRecord *
read_record (sqlite3_stmt *stmt)
{
  WmRecord *record = g_new0 (WmRecord, 1);
  const char *status = (const char *) sqlite3_column_text (stmt, 4);

  record->id = sqlite3_column_int64 (stmt, 0);
  record->case_id = sqlite3_column_int64 (stmt, 1);
  record->pupil_id = sqlite3_column_int64 (stmt, 2);
  record->kind = wm_record_kind_lookup ((const char *)
                                        sqlite3_column_text (stmt, 3));
  record->status = g_strcmp0 (status, "final") == 0 ? WM_RECORD_FINAL
                                                    : WM_RECORD_DRAFT;
  record->day = _wm_store_column_day (stmt, 5);
  record->created_at = _wm_store_column_dup (stmt, 6);
  record->created_by = _wm_store_column_dup (stmt, 7);
  record->finalised_at = _wm_store_column_dup (stmt, 8);
  record->deleted_at = _wm_store_column_dup (stmt, 9);
  record->deleted_by = _wm_store_column_dup (stmt, 10);
  record->revision = (guint) sqlite3_column_int64 (stmt, 11);
  record->body = body_from_text ((const char *) sqlite3_column_text (stmt,
                                                                      12));
  return record;
}

static void
set_no_record_error (WmStore  *store,
                     gint64    record_id,
                     GError  **error)
{
  /* The id is formatted first: a translatable format cannot hold
   * G_GINT64_FORMAT, which the string extractor does not expand. */
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, record_id);

  g_set_error (error, WM_ERROR, WM_ERROR_NOT_FOUND,
               E_("There is no record %s in %s; it may have been removed by "
                  "another program"), id, wm_store_get_path (store));
}

/**
 * wm_record_get:
 * @store: a store
 * @record_id: the record
 * @error: return location for a #GError
 *
 * Reads a record with its current revision, whatever its state: draft,
 * final or deleted, restricted or not. The caller decides what to show.
 *
 * Returns: (transfer full) (nullable): the record, or %NULL with
 *   %WM_ERROR_NOT_FOUND when there is no such record
 */
WmRecord *
wm_record_get (WmStore  *store,
               gint64    record_id,
               GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  stmt = _wm_store_prepare (store, RECORD_SELECT "WHERE r.id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, record_id);
  if (!_wm_store_step_row (store, stmt, &row, N_("reading a record"), error))
    return NULL;

  if (!row)
    {
      set_no_record_error (store, record_id, error);
      return NULL;
    }

  return read_record (stmt);
}

static const WmRecordKind *
lookup_kind (const char  *name,
             GError     **error)
{
  const WmRecordKind *kind = wm_record_kind_lookup (name);

  if (kind == NULL)
    g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                 E_("\"%s\" is not a kind of record; this is a bug in the "
                    "form, please report it"), name != NULL ? name : "");
  return kind;
}

static gint64
insert_record (WmStore             *store,
               gint64               case_id,
               const WmRecordKind  *kind,
               WmDay                day,
               const char          *author,
               GError             **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autofree char *now = _wm_store_now_utc ();
  gint64 pupil_id = 0;
  gboolean row = FALSE;

  if (!_wm_case_get_pupil (store, case_id, &pupil_id, error))
    return 0;

  stmt = _wm_store_prepare (store,
    "INSERT INTO records (case_id, pupil_id, kind, status, record_date, "
    "  created_at, created_by) VALUES (?1, ?2, ?3, 'draft', ?4, ?5, ?6) "
    "RETURNING id", error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, pupil_id);
  _wm_store_bind_text (stmt, 3, kind->name);
  _wm_store_bind_day (stmt, 4, day);
  _wm_store_bind_text (stmt, 5, now);
  _wm_store_bind_text (stmt, 6, author);
  if (!_wm_store_step_row (store, stmt, &row, N_("saving a record"), error))
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
insert_revision (WmStore     *store,
                 gint64       record_id,
                 guint        revision,
                 const char  *body,
                 const char  *reason,
                 const char  *author,
                 GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autofree char *now = _wm_store_now_utc ();

  stmt = _wm_store_prepare (store,
    "INSERT INTO record_revisions (record_id, revision, body, reason, "
    "  created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, record_id);
  sqlite3_bind_int64 (stmt, 2, revision);
  _wm_store_bind_text (stmt, 3, body);
  _wm_store_bind_text (stmt, 4, reason);
  _wm_store_bind_text (stmt, 5, now);
  _wm_store_bind_text (stmt, 6, author);
  return _wm_store_step_done (store, stmt, N_("saving a record"), error);
}

/* Rewrites a draft's only revision, and its date. */
static gboolean
update_draft (WmStore     *store,
              gint64       record_id,
              WmDay        day,
              const char  *body,
              GError     **error)
{
  g_autoptr(WmCachedStmt) revision = NULL;
  g_autoptr(WmCachedStmt) record = NULL;

  revision = _wm_store_prepare (store,
    "UPDATE record_revisions SET body = ?2 "
    "WHERE record_id = ?1 AND revision = 1", error);
  if (revision == NULL)
    return FALSE;

  sqlite3_bind_int64 (revision, 1, record_id);
  _wm_store_bind_text (revision, 2, body);
  if (!_wm_store_step_done (store, revision, N_("saving a draft"), error))
    return FALSE;

  record = _wm_store_prepare (store,
    "UPDATE records SET record_date = ?2 WHERE id = ?1", error);
  if (record == NULL)
    return FALSE;

  sqlite3_bind_int64 (record, 1, record_id);
  _wm_store_bind_day (record, 2, day);
  return _wm_store_step_done (store, record, N_("saving a draft"), error);
}

/* Reads a record for a change, which must find it in the expected
 * state: a draft or a final record, deleted or not. */
/* Says why @record cannot be changed as asked, or returns %NULL when it
 * can. Whole sentences, so that a translation need not assemble them;
 * the id is formatted first, since a translatable format cannot hold
 * G_GINT64_FORMAT. */
static char *
describe_unchangeable (const WmRecord  *record,
                       gint64           record_id,
                       WmRecordStatus   status,
                       gboolean         deleted)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, record_id);

  if (deleted != (record->deleted_at != NULL))
    return deleted
           ? g_strdup_printf (E_("Record %s is not deleted"), id)
           : g_strdup_printf (E_("Record %s is deleted; restore it first"), id);

  if (status != record->status)
    return status == WM_RECORD_DRAFT
           ? g_strdup_printf (E_("Record %s is finalised; amend it with a "
                                 "reason instead"), id)
           : g_strdup_printf (E_("Record %s is a draft; finalise it first"),
                              id);

  return NULL;
}

static WmRecord *
get_for_change (WmStore         *store,
                gint64           record_id,
                WmRecordStatus   status,
                gboolean         deleted,
                GError         **error)
{
  g_autoptr(WmRecord) record = wm_record_get (store, record_id, error);
  g_autofree char *problem = NULL;

  if (record == NULL)
    return NULL;

  problem = describe_unchangeable (record, record_id, status, deleted);
  if (problem == NULL)
    return g_steal_pointer (&record);

  g_set_error_literal (error, WM_ERROR, WM_ERROR_INVALID_INPUT, problem);
  return NULL;
}

static gboolean
save_existing_draft (WmStore             *store,
                     gint64               case_id,
                     gint64               record_id,
                     const WmRecordKind  *kind,
                     WmDay                day,
                     const char          *text,
                     GError             **error)
{
  g_autoptr(WmRecord) draft = NULL;

  draft = get_for_change (store, record_id, WM_RECORD_DRAFT, FALSE, error);
  if (draft == NULL)
    return FALSE;

  if (draft->case_id != case_id || draft->kind != kind)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, record_id);

      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("Draft %s belongs to another case or is of another "
                      "kind; this is a bug in the form, please report it"),
                   id);
      return FALSE;
    }

  return update_draft (store, record_id, day, text, error);
}

/**
 * wm_record_save_draft:
 * @store: a store
 * @case_id: the case the record belongs to
 * @record_id: the draft to save again, or 0 for a new draft
 * @kind: the record's kind, such as "home-visit"
 * @body: the values as the form has them, which need not be complete or
 *   valid yet
 * @author: (nullable): who writes the record
 * @error: return location for a #GError
 *
 * Saves a draft: creates it when @record_id is 0, otherwise replaces its
 * values. One small transaction, cheap enough to call after every pause
 * in typing. Drafts are kept in the database, so they survive a crash;
 * they are listed by wm_record_list_drafts() and are not on the Timeline
 * or in search until finalised. Drafts are not audited: the audit entry
 * is written when the record is finalised. @body is not changed or kept,
 * so on failure the caller still has it to save again.
 *
 * Returns: the draft's id; 0 with %WM_ERROR_BUSY when the database stayed
 *   locked past the busy timeout, %WM_ERROR_NOT_FOUND when the case or
 *   draft does not exist, or %WM_ERROR_INVALID_INPUT when @record_id is
 *   not a draft of this case and kind
 */
gint64
wm_record_save_draft (WmStore     *store,
                      gint64       case_id,
                      gint64       record_id,
                      const char  *kind,
                      JsonObject  *body,
                      const char  *author,
                      GError     **error)
{
  const WmRecordKind *spec;
  g_autofree char *text = NULL;
  gboolean outer = FALSE, ok;
  WmDay day;

  g_return_val_if_fail (WM_IS_STORE (store), 0);
  g_return_val_if_fail (body != NULL, 0);

  spec = lookup_kind (kind, error);
  if (spec == NULL)
    return 0;

  text = body_to_text (body);
  day = wm_record_body_day (spec, body);
  if (!_wm_store_write_begin (store, &outer, error))
    return 0;

  if (record_id == 0)
    ok = (record_id = insert_record (store, case_id, spec, day, author,
                                     error)) > 0
         && insert_revision (store, record_id, 1, text, NULL, author, error);
  else
    ok = save_existing_draft (store, case_id, record_id, spec, day, text,
                              error);

  if (!_wm_store_write_end (store, outer, ok, error))
    return 0;

  return record_id;
}

static char *
hash_text (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* The audit detail of a revision: what verification compares the stored
 * revision with. Ids, the kind and a hash only, never the text. */
static char *
revision_detail (const WmRecord *record,
                 guint           revision,
                 const char     *body_text)
{
  g_autofree char *hash = hash_text (body_text);

  return g_strdup_printf ("case=%" G_GINT64_FORMAT " pupil=%" G_GINT64_FORMAT
                          " kind=%s revision=%u sha256=%s", record->case_id,
                          record->pupil_id, record->kind->name, revision,
                          hash);
}

static char *
record_detail (const WmRecord *record)
{
  return g_strdup_printf ("case=%" G_GINT64_FORMAT " pupil=%" G_GINT64_FORMAT
                          " kind=%s", record->case_id, record->pupil_id,
                          record->kind->name);
}

static gboolean
index_record (WmStore             *store,
              gint64               record_id,
              const WmRecordKind  *kind,
              JsonObject          *body,
              GError             **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autofree char *text = wm_record_body_search_text (kind, body);

  stmt = _wm_store_prepare (store,
    "INSERT INTO record_search (rowid, text) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, record_id);
  _wm_store_bind_text (stmt, 2, text);
  return _wm_store_step_done (store, stmt, N_("indexing a record for search"),
                              error);
}

static gboolean
unindex_record (WmStore  *store,
                gint64    record_id,
                GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  stmt = _wm_store_prepare (store,
    "DELETE FROM record_search WHERE rowid = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, record_id);
  return _wm_store_step_done (store, stmt, N_("updating the search index"),
                              error);
}

static gboolean
link_records (WmStore     *store,
              gint64       from_id,
              gint64       to_id,
              const char  *kind,
              GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autofree char *now = _wm_store_now_utc ();

  stmt = _wm_store_prepare (store,
    "INSERT OR IGNORE INTO record_links (from_id, to_id, kind, created_at) "
    "VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, from_id);
  sqlite3_bind_int64 (stmt, 2, to_id);
  _wm_store_bind_text (stmt, 3, kind);
  _wm_store_bind_text (stmt, 4, now);
  return _wm_store_step_done (store, stmt, N_("linking records"), error);
}

static gboolean
has_safeguarding_record (WmStore  *store,
                         gint64    visit_id,
                         gboolean *out_found,
                         GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  stmt = _wm_store_prepare (store,
    "SELECT 1 FROM record_links l JOIN records r ON r.id = l.from_id "
    "WHERE l.to_id = ?1 AND l.kind = 'opened-by' "
    "  AND r.kind = 'safeguarding'", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, visit_id);
  return _wm_store_step_row (store, stmt, out_found,
                             N_("finding a safeguarding record"), error);
}

static JsonObject *
safeguarding_body (JsonObject *visit)
{
  JsonObject *body = json_object_new ();
  const char *concerns = json_object_get_string_member_with_default (
    visit, "concerns", NULL);

  json_object_set_string_member (
    body, "date", json_object_get_string_member_with_default (visit, "date",
                                                              NULL));
  if (concerns != NULL)
    json_object_set_string_member (body, "concern", concerns);
  return body;
}

/*
 * A home visit finalised or amended with "safeguarding concern" set
 * opens a safeguarding record, linked to the visit as "opened-by", unless
 * one was opened for it already. It opens as a draft, dated as the visit
 * and with the visit's concerns, because the officer still has to add the
 * referral's date and time. Like every safeguarding record, it is
 * restricted.
 */
static gboolean
open_safeguarding (WmStore         *store,
                   const WmRecord  *visit,
                   JsonObject      *body,
                   const char      *author,
                   GError         **error)
{
  const WmRecordKind *kind = wm_record_kind_lookup ("safeguarding");
  g_autoptr(JsonObject) concern = NULL;
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  gboolean found = FALSE;
  gint64 id;

  if (g_strcmp0 (visit->kind->name, "home-visit") != 0
      || !json_object_get_boolean_member_with_default (
           body, "safeguarding_concern", FALSE))
    return TRUE;

  if (!has_safeguarding_record (store, visit->id, &found, error))
    return FALSE;
  if (found)
    return TRUE;

  concern = safeguarding_body (body);
  text = body_to_text (concern);
  detail = g_strdup_printf ("visit=%" G_GINT64_FORMAT, visit->id);
  id = insert_record (store, visit->case_id, kind,
                      wm_record_body_day (kind, concern), author, error);
  return id > 0
         && insert_revision (store, id, 1, text, NULL, author, error)
         && link_records (store, id, visit->id, "opened-by", error)
         && _wm_store_audit_append (store, "safeguarding-open", "record", id,
                                    detail, error);
}

/* Normalises and checks the values; the stored form and its date go to
 * the out arguments. */
static gboolean
prepare_body (const WmRecordKind  *kind,
              JsonObject          *body,
              JsonObject         **out_body,
              char               **out_text,
              GError             **error)
{
  g_autoptr(JsonObject) normal = wm_record_normalize (kind, body);

  if (!wm_record_validate (kind, normal, error))
    return FALSE;

  *out_text = body_to_text (normal);
  *out_body = g_steal_pointer (&normal);
  return TRUE;
}

static gboolean
mark_final (WmStore     *store,
            gint64       record_id,
            WmDay        day,
            GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autofree char *now = _wm_store_now_utc ();

  stmt = _wm_store_prepare (store,
    "UPDATE records SET status = 'final', finalised_at = ?2, "
    "  record_date = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, record_id);
  _wm_store_bind_text (stmt, 2, now);
  _wm_store_bind_day (stmt, 3, day);
  return _wm_store_step_done (store, stmt, N_("finalising a record"), error);
}

static gboolean
finalise (WmStore     *store,
          gint64       record_id,
          const char  *author,
          GError     **error)
{
  g_autoptr(WmRecord) draft = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  WmDay day;

  draft = get_for_change (store, record_id, WM_RECORD_DRAFT, FALSE, error);
  if (draft == NULL
      || !prepare_body (draft->kind, draft->body, &body, &text, error))
    return FALSE;

  day = wm_record_body_day (draft->kind, body);
  detail = revision_detail (draft, 1, text);
  return update_draft (store, record_id, day, text, error)
         && mark_final (store, record_id, day, error)
         && index_record (store, record_id, draft->kind, body, error)
         && _wm_store_audit_append (store, "record-finalise", "record",
                                    record_id, detail, error)
         && wm_store_mark_dirty (store, draft->pupil_id, error)
         && open_safeguarding (store, draft, body, author, error);
}

/**
 * wm_record_finalise:
 * @store: a store
 * @record_id: a draft
 * @author: (nullable): who finalises it
 * @error: return location for a #GError
 *
 * Checks the draft's values with wm_record_validate(), stores them in
 * their stored form and makes the record final: from now on it is on the
 * Timeline and in search, and changes only by wm_record_amend(). Writes a
 * "record-finalise" audit entry with the SHA-256 of the stored values and
 * marks the pupil for evaluation. A home visit with a safeguarding
 * concern opens a draft safeguarding record linked to it ("opened-by").
 * All in one transaction.
 *
 * Returns: %TRUE on success; %FALSE with %WM_ERROR_INVALID_INPUT naming
 *   the field that is wrong (the draft stays as it was), or when the
 *   record is not an undeleted draft
 */
gboolean
wm_record_finalise (WmStore     *store,
                    gint64       record_id,
                    const char  *author,
                    GError     **error)
{
  gboolean outer = FALSE, ok;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  if (!_wm_store_write_begin (store, &outer, error))
    return FALSE;

  ok = finalise (store, record_id, author, error);
  if (!_wm_store_write_end (store, outer, ok, error))
    return FALSE;

  g_debug ("Finalised record %" G_GINT64_FORMAT, record_id);
  return TRUE;
}

static gboolean
set_record_date (WmStore  *store,
                 gint64    record_id,
                 WmDay     day,
                 GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  stmt = _wm_store_prepare (store,
    "UPDATE records SET record_date = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, record_id);
  _wm_store_bind_day (stmt, 2, day);
  return _wm_store_step_done (store, stmt, N_("amending a record"), error);
}

static gboolean
amend (WmStore     *store,
       gint64       record_id,
       JsonObject  *new_body,
       const char  *reason,
       const char  *author,
       GError     **error)
{
  g_autoptr(WmRecord) record = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  guint revision;

  record = get_for_change (store, record_id, WM_RECORD_FINAL, FALSE, error);
  if (record == NULL
      || !prepare_body (record->kind, new_body, &body, &text, error))
    return FALSE;

  revision = record->revision + 1;
  detail = revision_detail (record, revision, text);
  return insert_revision (store, record_id, revision, text, reason, author,
                          error)
         && set_record_date (store, record_id,
                             wm_record_body_day (record->kind, body), error)
         && unindex_record (store, record_id, error)
         && index_record (store, record_id, record->kind, body, error)
         && _wm_store_audit_append (store, "record-amend", "record",
                                    record_id, detail, error)
         && wm_store_mark_dirty (store, record->pupil_id, error)
         && open_safeguarding (store, record, body, author, error);
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strdup (text != NULL ? text : "");

  return *g_strstrip (copy) == '\0';
}

/**
 * wm_record_amend:
 * @store: a store
 * @record_id: a finalised, undeleted record
 * @body: the new values, all of them
 * @reason: why the record is amended
 * @author: (nullable): who amends it
 * @error: return location for a #GError
 *
 * Adds a revision to a finalised record. The earlier revisions stay as
 * they were (wm_record_list_revisions() returns them all), the record
 * keeps its id, author, creation time and links, and the search index
 * follows the new values. Writes a "record-amend" audit entry with the
 * SHA-256 of the new values and marks the pupil for evaluation. @body is
 * copied, not kept.
 *
 * Returns: %TRUE on success; %WM_ERROR_INVALID_INPUT when @reason is
 *   empty, a value is wrong (named as by wm_record_validate()) or the
 *   record is a draft or deleted
 */
gboolean
wm_record_amend (WmStore     *store,
                 gint64       record_id,
                 JsonObject  *body,
                 const char  *reason,
                 const char  *author,
                 GError     **error)
{
  gboolean outer = FALSE, ok;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (body != NULL, FALSE);

  /* A finalised record is evidence, so every change needs a reason. */
  if (is_blank (reason))
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("Reason for the amendment: this field is required"));
      return FALSE;
    }

  if (!_wm_store_write_begin (store, &outer, error))
    return FALSE;

  ok = amend (store, record_id, body, reason, author, error);
  return _wm_store_write_end (store, outer, ok, error);
}

static gboolean
set_tombstone (WmStore     *store,
               gint64       record_id,
               const char  *deleted_at,
               const char  *deleted_by,
               GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  stmt = _wm_store_prepare (store,
    "UPDATE records SET deleted_at = ?2, deleted_by = ?3 WHERE id = ?1",
    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, record_id);
  _wm_store_bind_text (stmt, 2, deleted_at);
  _wm_store_bind_text (stmt, 3, deleted_by);
  return _wm_store_step_done (store, stmt, N_("deleting a record"), error);
}

/* Deleting and restoring: the tombstone, the search index, the audit
 * entry and, for a final record, the dirty mark. */
static gboolean
delete_or_restore (WmStore     *store,
                   gint64       record_id,
                   gboolean     restore,
                   const char  *author,
                   GError     **error)
{
  g_autoptr(WmRecord) record = NULL;
  g_autofree char *now = restore ? NULL : _wm_store_now_utc ();
  g_autofree char *detail = NULL;
  gboolean final;

  record = wm_record_get (store, record_id, error);
  if (record == NULL)
    return FALSE;

  if (restore != (record->deleted_at != NULL))
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, record_id);

      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   restore ? E_("Record %s is not deleted")
                           : E_("Record %s is already deleted"), id);
      return FALSE;
    }

  final = record->status == WM_RECORD_FINAL;
  detail = record_detail (record);
  return set_tombstone (store, record_id, now, restore ? NULL : author, error)
         && (!final || (restore
                        ? index_record (store, record_id, record->kind,
                                        record->body, error)
                        : unindex_record (store, record_id, error)))
         && _wm_store_audit_append (store, restore ? "record-restore"
                                                   : "record-delete",
                                    "record", record_id, detail, error)
         && (!final || wm_store_mark_dirty (store, record->pupil_id, error));
}

/**
 * wm_record_delete:
 * @store: a store
 * @record_id: a record that is not deleted, draft or final
 * @author: (nullable): who deletes it
 * @error: return location for a #GError
 *
 * Deletes a record reversibly. The record gets a tombstone (the time and
 * the officer) and leaves the Timeline, the listings and search. Its
 * revisions and links stay for wm_record_restore(). Writes a "record-delete"
 * audit entry.
 *
 * Returns: %TRUE on success; %WM_ERROR_INVALID_INPUT when it is already
 *   deleted
 */
gboolean
wm_record_delete (WmStore     *store,
                  gint64       record_id,
                  const char  *author,
                  GError     **error)
{
  gboolean outer = FALSE, ok;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  if (!_wm_store_write_begin (store, &outer, error))
    return FALSE;

  ok = delete_or_restore (store, record_id, FALSE, author, error);
  return _wm_store_write_end (store, outer, ok, error);
}

/**
 * wm_record_restore:
 * @store: a store
 * @record_id: a deleted record
 * @author: (nullable): who restores it; the audit entry records the
 *   restoring, the record keeps its own author
 * @error: return location for a #GError
 *
 * Undoes wm_record_delete(): the record comes back whole, with the same
 * values, date, author, creation time, revisions and links, once. Writes
 * a "record-restore" audit entry.
 *
 * Returns: %TRUE on success; %WM_ERROR_INVALID_INPUT when it is not
 *   deleted
 */
gboolean
wm_record_restore (WmStore     *store,
                   gint64       record_id,
                   const char  *author,
                   GError     **error)
{
  gboolean outer = FALSE, ok;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  if (!_wm_store_write_begin (store, &outer, error))
    return FALSE;

  ok = delete_or_restore (store, record_id, TRUE, author, error);
  return _wm_store_write_end (store, outer, ok, error);
}

static WmRecordRevision *
read_revision (sqlite3_stmt *stmt)
{
  WmRecordRevision *revision = g_new0 (WmRecordRevision, 1);

  revision->revision = (guint) sqlite3_column_int64 (stmt, 0);
  revision->body = body_from_text ((const char *) sqlite3_column_text (stmt,
                                                                        1));
  revision->reason = _wm_store_column_dup (stmt, 2);
  revision->created_at = _wm_store_column_dup (stmt, 3);
  revision->created_by = _wm_store_column_dup (stmt, 4);
  return revision;
}

/**
 * wm_record_list_revisions:
 * @store: a store
 * @record_id: a record
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type WmRecordRevision): every
 *   revision of the record, the first first; %NULL with @error set on
 *   failure
 */
GPtrArray *
wm_record_list_revisions (WmStore  *store,
                          gint64    record_id,
                          GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  gboolean row = TRUE;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  stmt = _wm_store_prepare (store,
    "SELECT revision, body, reason, created_at, created_by "
    "FROM record_revisions WHERE record_id = ?1 ORDER BY revision", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, record_id);
  revisions = g_ptr_array_new_with_free_func (
    (GDestroyNotify) wm_record_revision_free);
  while (row)
    {
      if (!_wm_store_step_row (store, stmt, &row, N_("reading revisions"),
                               error))
        return NULL;
      if (row)
        g_ptr_array_add (revisions, read_revision (stmt));
    }

  return g_steal_pointer (&revisions);
}

static gboolean
shown (const WmRecordKind *kind,
       WmRecordListFlags   flags)
{
  return kind != NULL
         && ((kind->flags & WM_RECORD_FLAG_RESTRICTED) == 0
             || (flags & WM_RECORD_LIST_INCLUDE_RESTRICTED) != 0);
}

static GPtrArray *
list_records (WmStore            *store,
              const char         *sql,
              gint64              id,
              WmRecordListFlags   flags,
              GError            **error)
{
  g_autoptr(WmCachedStmt) stmt = _wm_store_prepare (store, sql, error);
  g_autoptr(GPtrArray) records = NULL;
  gboolean row = TRUE;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  records = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_record_free);
  while (row)
    {
      g_autoptr(WmRecord) record = NULL;

      if (!_wm_store_step_row (store, stmt, &row, N_("reading records"), error))
        return NULL;
      if (row)
        record = read_record (stmt);
      if (record != NULL && shown (record->kind, flags))
        g_ptr_array_add (records, g_steal_pointer (&record));
    }

  return g_steal_pointer (&records);
}

/**
 * wm_record_list_drafts:
 * @store: a store
 * @case_id: a case
 * @flags: whether to include restricted drafts
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type WmRecord): the case's
 *   undeleted drafts, the oldest first; %NULL with @error set on failure
 */
GPtrArray *
wm_record_list_drafts (WmStore            *store,
                       gint64              case_id,
                       WmRecordListFlags   flags,
                       GError            **error)
{
  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  return list_records (store, RECORD_SELECT
                       "WHERE r.case_id = ?1 AND r.status = 'draft' "
                       "AND r.deleted_at IS NULL ORDER BY r.id",
                       case_id, flags, error);
}

/**
 * wm_record_list_for_case:
 * @store: a store
 * @case_id: a case
 * @flags: whether to include restricted records
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type WmRecord): the case's
 *   finalised, undeleted records, newest first by their date; %NULL with
 *   @error set on failure
 */
GPtrArray *
wm_record_list_for_case (WmStore            *store,
                         gint64              case_id,
                         WmRecordListFlags   flags,
                         GError            **error)
{
  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  return list_records (store, RECORD_SELECT
                       "WHERE r.case_id = ?1 AND r.status = 'final' "
                       "AND r.deleted_at IS NULL "
                       "ORDER BY r.record_date DESC, r.id DESC",
                       case_id, flags, error);
}

/**
 * wm_record_link:
 * @store: a store
 * @from_id: a record
 * @to_id: another record of the same pupil
 * @kind: what the link means, such as "plan"
 * @error: return location for a #GError
 *
 * Links two records of one pupil, such as a home visit and the plan it
 * was made under. Links are kept through amendments, deletion and
 * restoring. Linking twice is the same as once. Audited as
 * "record-link".
 *
 * Returns: %TRUE on success; %WM_ERROR_INVALID_INPUT when the records
 *   are the same or belong to different pupils
 */
gboolean
wm_record_link (WmStore     *store,
                gint64       from_id,
                gint64       to_id,
                const char  *kind,
                GError     **error)
{
  g_autoptr(WmRecord) from = NULL;
  g_autoptr(WmRecord) to = NULL;
  g_autofree char *detail = NULL;
  gboolean outer = FALSE, ok;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  if (!_wm_store_write_begin (store, &outer, error))
    return FALSE;

  ok = (from = wm_record_get (store, from_id, error)) != NULL
       && (to = wm_record_get (store, to_id, error)) != NULL;
  if (ok && (from->pupil_id != to->pupil_id || from_id == to_id))
    {
      g_autofree char *from_text = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                    from_id);
      g_autofree char *to_text = g_strdup_printf ("%" G_GINT64_FORMAT, to_id);

      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("Records %s and %s cannot be linked: only two records of "
                      "one pupil can"), from_text, to_text);
      ok = FALSE;
    }

  detail = g_strdup_printf ("to=%" G_GINT64_FORMAT " kind=%s", to_id, kind);
  ok = ok && link_records (store, from_id, to_id, kind, error)
       && _wm_store_audit_append (store, "record-link", "record", from_id,
                                  detail, error);
  return _wm_store_write_end (store, outer, ok, error);
}

/**
 * wm_record_list_links:
 * @store: a store
 * @record_id: a record
 * @error: return location for a #GError
 *
 * Lists the links from and to the record whose other end is not deleted;
 * restoring a deleted record brings its links back.
 *
 * Returns: (transfer container) (element-type WmRecordLink): the links,
 *   in the order they were made; %NULL with @error set on failure
 */
GPtrArray *
wm_record_list_links (WmStore  *store,
                      gint64    record_id,
                      GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) links = NULL;
  gboolean row = TRUE;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  stmt = _wm_store_prepare (store,
    "SELECT l.from_id, l.to_id, l.kind FROM record_links l "
    "JOIN records r ON r.id = (CASE WHEN l.from_id = ?1 THEN l.to_id "
    "                          ELSE l.from_id END) "
    "WHERE (l.from_id = ?1 OR l.to_id = ?1) AND r.deleted_at IS NULL "
    "ORDER BY l.created_at, l.from_id, l.to_id", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, record_id);
  links = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_record_link_free);
  while (row)
    {
      WmRecordLink *link;

      if (!_wm_store_step_row (store, stmt, &row, N_("reading links"), error))
        return NULL;
      if (!row)
        break;

      link = g_new0 (WmRecordLink, 1);
      link->from_id = sqlite3_column_int64 (stmt, 0);
      link->to_id = sqlite3_column_int64 (stmt, 1);
      link->kind = _wm_store_column_dup (stmt, 2);
      g_ptr_array_add (links, link);
    }

  return g_steal_pointer (&links);
}

static char *
view_sql (const WmRecordKind *kind)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  g_string_append_printf (sql,
    "CREATE VIEW %s AS SELECT r.id AS id, r.case_id AS case_id, "
    "r.pupil_id AS pupil_id, r.status AS record_status, "
    "r.record_date AS record_date, r.created_at AS created_at, "
    "r.created_by AS created_by, r.finalised_at AS finalised_at, "
    "r.deleted_at AS deleted_at, r.deleted_by AS deleted_by, "
    "v.revision AS revision", kind->view);

  for (const WmFieldSpec *f = kind->fields; f->name != NULL; f++)
    g_string_append_printf (sql, ", json_extract (v.body, '$.%s') AS \"%s\"",
                            f->name, f->name);

  g_string_append_printf (sql,
    " FROM records r JOIN record_revisions v ON v.record_id = r.id "
    "AND v.revision = (SELECT max (revision) FROM record_revisions "
    "WHERE record_id = r.id) WHERE r.kind = '%s';", kind->name);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/**
 * _wm_store_create_record_views:
 *
 * The migration step to schema version 2 after its SQL: one view per
 * record kind, named as the kind's @view, showing every record of the
 * kind (drafts and deleted ones too, with their status and tombstone) and
 * its current revision's fields as columns, so that each kind can be
 * queried like a table. The views are made from the table of kinds; a
 * later change to a kind's fields needs a migration step that calls
 * _wm_store_rebuild_record_views().
 */
gboolean
_wm_store_create_record_views (sqlite3     *db,
                               const char  *path,
                               GError     **error)
{
  const WmRecordKind * const *kinds = wm_record_kinds (NULL);
  int rc = SQLITE_OK;

  for (guint i = 0; rc == SQLITE_OK && kinds[i] != NULL; i++)
    {
      g_autofree char *sql = view_sql (kinds[i]);

      rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
    }

  /* The verification looks up each record's audit entries. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "CREATE INDEX audit_log_object "
                       "ON audit_log (object_kind, object_id)",
                       NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    _wm_store_set_db_error (db, path, rc, N_("creating the record views"),
                            error);
  return rc == SQLITE_OK;
}

/**
 * _wm_store_rebuild_record_views:
 *
 * The migration step to schema version 5 after its SQL, and the step of
 * any later version that changes a kind's fields: drops the per-kind
 * views and makes them again from the table of kinds, so that a database
 * made by an older version shows the new fields as columns. The views
 * hold no data, so nothing is lost.
 */
gboolean
_wm_store_rebuild_record_views (sqlite3     *db,
                                const char  *path,
                                GError     **error)
{
  const WmRecordKind * const *kinds = wm_record_kinds (NULL);
  int rc = SQLITE_OK;

  for (guint i = 0; rc == SQLITE_OK && kinds[i] != NULL; i++)
    {
      g_autofree char *drop = g_strdup_printf ("DROP VIEW IF EXISTS %s",
                                               kinds[i]->view);
      g_autofree char *create = view_sql (kinds[i]);

      rc = sqlite3_exec (db, drop, NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, create, NULL, NULL, NULL);
    }

  if (rc != SQLITE_OK)
    _wm_store_set_db_error (db, path, rc, N_("rebuilding the record views"),
                            error);
  return rc == SQLITE_OK;
}
