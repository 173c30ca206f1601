/* wm-store-letters.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-letters-private.h"

#include "wm-letter-figures-private.h"

#include <stdio.h>
#include <string.h>

#include "wm-error.h"
#include "wm-i18n-private.h"

/*
 * The letters table: each letter as it was sent, its PDF and the text it
 * was rendered from. Rows are only ever added, because the schema's
 * triggers reject changes. Each row has a "letter-generate" audit entry
 * with the record, the contact and the SHA-256 of the PDF and of the
 * text. So the verification finds a letter edited, added or removed with
 * another tool even when the audit chain is intact.
 */

#define LETTER_COLUMNS \
  "id, record_id, contact_id, template, letter_date, addressee, " \
  "created_at, created_by, sha256, text"

/* The audit detail of a letter: ids and hashes only, never the parent's
 * name or the letter's text, since the audit log outlives the letters. */
#define LETTER_DETAIL_FORMAT \
  "record=%" G_GINT64_FORMAT " contact=%" G_GINT64_FORMAT \
  " sha256=%s text_sha256=%s"

static char *
text_hash (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static char *
blob_hash (sqlite3_stmt *stmt,
           int           column)
{
  const void *data = sqlite3_column_blob (stmt, column);
  int length = sqlite3_column_bytes (stmt, column);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                      data != NULL ? data : "", length);
}

static gint64
insert_row (WmStore             *store,
            const WmLetterInfo  *info,
            GBytes              *pdf,
            GError             **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gsize size = 0;
  const void *data = g_bytes_get_data (pdf, &size);

  stmt = _wm_store_prepare (store,
    "INSERT INTO letters (record_id, contact_id, template, letter_date, "
    "  addressee, created_at, created_by, sha256, text, pdf) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, info->record_id);
  sqlite3_bind_int64 (stmt, 2, info->contact_id);
  _wm_store_bind_text (stmt, 3, info->template);
  _wm_store_bind_day (stmt, 4, info->day);
  _wm_store_bind_text (stmt, 5, info->addressee);
  _wm_store_bind_text (stmt, 6, info->created_at);
  _wm_store_bind_text (stmt, 7, info->created_by);
  _wm_store_bind_text (stmt, 8, info->sha256);
  _wm_store_bind_text (stmt, 9, info->text);
  sqlite3_bind_blob64 (stmt, 10, data, size, SQLITE_STATIC);
  if (!_wm_store_step_done (store, stmt, N_("saving a letter"), error))
    return 0;

  return sqlite3_last_insert_rowid (wm_store_get_db (store));
}

/**
 * _wm_store_insert_letter:
 * @store: a store inside a write transaction
 * @info: the letter; its id is ignored and @info->sha256 must be the
 *   SHA-256 of @pdf
 * @pdf: the rendered letter
 * @error: return location for a #GError
 *
 * Adds a letter and its audit entry.
 *
 * Returns: the new letter's id, or 0 with @error set
 */
gint64
_wm_store_insert_letter (WmStore             *store,
                         const WmLetterInfo  *info,
                         GBytes              *pdf,
                         GError             **error)
{
  g_autofree char *detail = NULL;
  g_autofree char *hash = text_hash (info->text);
  gint64 id;

  id = insert_row (store, info, pdf, error);
  if (id == 0)
    return 0;

  detail = g_strdup_printf (LETTER_DETAIL_FORMAT, info->record_id,
                            info->contact_id, info->sha256, hash);
  if (!_wm_store_audit_append (store, "letter-generate", "letter", id, detail,
                               error))
    return 0;

  g_debug ("Stored letter %" G_GINT64_FORMAT " of record %" G_GINT64_FORMAT,
           id, info->record_id);
  return id;
}

/* Reading letters */

static WmLetterInfo *
read_info (sqlite3_stmt *stmt)
{
  WmLetterInfo *info = g_new0 (WmLetterInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->record_id = sqlite3_column_int64 (stmt, 1);
  info->contact_id = sqlite3_column_int64 (stmt, 2);
  info->template = _wm_store_column_dup (stmt, 3);
  info->day = _wm_store_column_day (stmt, 4);
  info->addressee = _wm_store_column_dup (stmt, 5);
  info->created_at = _wm_store_column_dup (stmt, 6);
  info->created_by = _wm_store_column_dup (stmt, 7);
  info->sha256 = _wm_store_column_dup (stmt, 8);
  info->text = _wm_store_column_dup (stmt, 9);
  return info;
}

/**
 * wm_letters_list:
 * @store: a store
 * @record_id: the record the letters were made from
 * @error: return location for a #GError
 *
 * Lists the letters made from a record, in the order they were made.
 *
 * Returns: (transfer container) (element-type WmLetterInfo): the letters,
 *   empty when none were made; %NULL with @error set on failure
 */
GPtrArray *
wm_letters_list (WmStore  *store,
                 gint64    record_id,
                 GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) letters = NULL;
  gboolean row = TRUE;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  stmt = _wm_store_prepare (store, "SELECT " LETTER_COLUMNS " FROM letters "
                            "WHERE record_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;

  letters = g_ptr_array_new_with_free_func (
    (GDestroyNotify) wm_letter_info_free);
  sqlite3_bind_int64 (stmt, 1, record_id);
  while (row)
    {
      if (!_wm_store_step_row (store, stmt, &row, N_("reading letters"), error))
        return NULL;
      if (row)
        g_ptr_array_add (letters, read_info (stmt));
    }

  return g_steal_pointer (&letters);
}

/**
 * _wm_store_list_pupil_letters:
 * @store: a store
 * @pupil_id: the pupil
 * @error: return location for a #GError
 *
 * Lists the letters made from the pupil's final, undeleted records, in
 * the order they were made. Readiness reads them, because a letter made
 * to a parent is the evidence that the parent was written to, whatever
 * the record's "Sent to" field contains. A record deleted after its
 * letters were made is no longer evidence, so its letters are left out,
 * as on the Timeline.
 *
 * Returns: (transfer container) (element-type WmLetterInfo): the letters,
 *   empty when none were made; %NULL with @error set on failure
 */
GPtrArray *
_wm_store_list_pupil_letters (WmStore  *store,
                              gint64    pupil_id,
                              GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) letters = NULL;
  gboolean row = TRUE;

  stmt = _wm_store_prepare (store,
    "SELECT l.id, l.record_id, l.contact_id, l.template, l.letter_date, "
    "  l.addressee, l.created_at, l.created_by, l.sha256, l.text "
    "FROM letters l JOIN records r ON r.id = l.record_id "
    "WHERE r.pupil_id = ?1 AND r.status = 'final' "
    "  AND r.deleted_at IS NULL ORDER BY l.id", error);
  if (stmt == NULL)
    return NULL;

  letters = g_ptr_array_new_with_free_func (
    (GDestroyNotify) wm_letter_info_free);
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  while (row)
    {
      if (!_wm_store_step_row (store, stmt, &row, N_("reading letters"), error))
        return NULL;
      if (row)
        g_ptr_array_add (letters, read_info (stmt));
    }

  return g_steal_pointer (&letters);
}

/**
 * wm_letters_get_pdf:
 * @store: a store
 * @letter_id: a letter's id
 * @error: return location for a #GError
 *
 * Reads a stored letter's PDF, exactly as it was made.
 *
 * Returns: (transfer full): the PDF; %NULL with %WM_ERROR_NOT_FOUND when
 *   there is no such letter, or another error on failure
 */
GBytes *
wm_letters_get_pdf (WmStore  *store,
                    gint64    letter_id,
                    GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  stmt = _wm_store_prepare (store, "SELECT pdf FROM letters WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, letter_id);
  if (!_wm_store_step_row (store, stmt, &row, N_("reading a letter"), error))
    return NULL;

  if (!row)
    {
      g_autofree char *letter = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 letter_id);

      g_set_error (error, WM_ERROR, WM_ERROR_NOT_FOUND,
                   E_("There is no letter %s. Choose a letter from the "
                      "record's list of letters"), letter);
      return NULL;
    }

  return g_bytes_new (sqlite3_column_blob (stmt, 0),
                      sqlite3_column_bytes (stmt, 0));
}

/* Verification */

typedef struct
{
  gint64 record_id;
  gint64 contact_id;
  char   sha256[WM_STORE_HASH_LENGTH + 1];
  char   text_sha256[WM_STORE_HASH_LENGTH + 1];
} LetterDetail;

static gboolean
parse_detail (const char   *detail,
              LetterDetail *out)
{
  int n;

  if (detail == NULL)
    return FALSE;

  n = sscanf (detail, "record=%" G_GINT64_FORMAT " contact=%" G_GINT64_FORMAT
              " sha256=%64s text_sha256=%64s", &out->record_id,
              &out->contact_id, out->sha256, out->text_sha256);
  return n == 4 && strlen (out->sha256) == WM_STORE_HASH_LENGTH
         && strlen (out->text_sha256) == WM_STORE_HASH_LENGTH;
}

typedef enum
{
  LETTER_MISSING,
  LETTER_CHANGED,
  LETTER_NOT_DESCRIBED,
} LetterProblem;

/* Says what does not match in a whole sentence, so that a translation
 * need not assemble it; the ids are formatted first, since a
 * translatable format cannot hold G_GINT64_FORMAT. */
static char *
describe_problem (const char    *letter,
                  const char    *entry,
                  LetterProblem  problem)
{
  switch (problem)
    {
    case LETTER_MISSING:
      return g_strdup_printf (E_("letter %s is missing; it was written in "
                                 "audit entry %s"), letter, entry);
    case LETTER_CHANGED:
      return g_strdup_printf (E_("letter %s does not match the hash in audit "
                                 "entry %s"), letter, entry);
    case LETTER_NOT_DESCRIBED:
    default:
      return g_strdup_printf (E_("letter %s is not described by audit entry "
                                 "%s"), letter, entry);
    }
}

static void
set_tampered_error (GError        **error,
                    gint64          letter_id,
                    gint64          entry_id,
                    LetterProblem   problem)
{
  g_autofree char *letter = g_strdup_printf ("%" G_GINT64_FORMAT, letter_id);
  g_autofree char *entry = g_strdup_printf ("%" G_GINT64_FORMAT, entry_id);
  g_autofree char *what = describe_problem (letter, entry, problem);

  g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
               E_("%s: the database was changed outside Waymark"), what);
}

/* Whether the row still agrees with what its audit entry recorded. */
static gboolean
row_matches (sqlite3_stmt       *stmt,
             const LetterDetail *detail)
{
  g_autofree char *pdf_hash = blob_hash (stmt, 3);
  g_autofree char *hash = text_hash ((const char *)
                                     sqlite3_column_text (stmt, 2));

  return sqlite3_column_int64 (stmt, 0) == detail->record_id
         && sqlite3_column_int64 (stmt, 1) == detail->contact_id
         && strcmp (pdf_hash, detail->sha256) == 0
         && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4),
                       detail->sha256) == 0
         && strcmp (hash, detail->text_sha256) == 0;
}

static gboolean
check_letter (WmStore             *store,
              gint64               entry_id,
              gint64               letter_id,
              const LetterDetail  *detail,
              GError             **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  stmt = _wm_store_prepare (store,
    "SELECT record_id, contact_id, text, pdf, sha256, EXISTS ("
    "  SELECT 1 FROM audit_log WHERE action = 'retention-delete' "
    "    AND object_kind = 'letter' AND object_id = ?1 AND id > ?2) "
    "FROM (SELECT 1) LEFT JOIN letters ON id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, letter_id);
  sqlite3_bind_int64 (stmt, 2, entry_id);
  if (!_wm_store_step_row (store, stmt, &row, N_("verifying letters"), error))
    return FALSE;

  /* A letter removed at the end of its retention period is gone on
   * purpose, with an audit entry of its own. */
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    {
      if (sqlite3_column_int (stmt, 5))
        return TRUE;

      set_tampered_error (error, letter_id, entry_id, LETTER_MISSING);
      return FALSE;
    }

  if (!row_matches (stmt, detail))
    {
      set_tampered_error (error, letter_id, entry_id, LETTER_CHANGED);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_audited_letters (WmStore  *store,
                       GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = TRUE;

  stmt = _wm_store_prepare (store,
    "SELECT id, object_id, detail FROM audit_log "
    "WHERE action = 'letter-generate' AND object_kind = 'letter' "
    "ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;

  while (row)
    {
      LetterDetail detail = { 0 };
      gint64 entry_id, letter_id;

      if (!_wm_store_step_row (store, stmt, &row, N_("verifying letters"),
                               error))
        return FALSE;
      if (!row)
        break;

      entry_id = sqlite3_column_int64 (stmt, 0);
      letter_id = sqlite3_column_int64 (stmt, 1);
      if (!parse_detail ((const char *) sqlite3_column_text (stmt, 2),
                         &detail))
        {
          set_tampered_error (error, letter_id, entry_id,
                              LETTER_NOT_DESCRIBED);
          return FALSE;
        }

      if (!check_letter (store, entry_id, letter_id, &detail, error))
        return FALSE;
    }

  return TRUE;
}

/* A letter added with another tool has no audit entry. */
static gboolean
check_unaudited_letters (WmStore  *store,
                         GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  stmt = _wm_store_prepare (store,
    "SELECT l.id FROM letters l WHERE NOT EXISTS (SELECT 1 FROM audit_log a "
    "  WHERE a.action = 'letter-generate' AND a.object_kind = 'letter' "
    "    AND a.object_id = l.id) ORDER BY l.id LIMIT 1", error);
  if (stmt == NULL
      || !_wm_store_step_row (store, stmt, &row, N_("verifying letters"),
                              error))
    return FALSE;

  if (row)
    {
      gint64 letter_id = sqlite3_column_int64 (stmt, 0);
      g_autofree char *letter = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 letter_id);

      g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                   E_("letter %s has no audit entry: the database was changed "
                      "outside Waymark"), letter);
    }
  return !row;
}

/**
 * _wm_store_verify_letters:
 * @store: a store, inside the verification's read transaction
 * @error: return location for a #GError
 *
 * Checks every letter's record, contact, PDF and text against its audit
 * entry, and that every letter has one.
 *
 * Returns: %TRUE when they all agree; otherwise %FALSE with
 *   %WM_ERROR_DATABASE naming the first letter at fault
 */
gboolean
_wm_store_verify_letters (WmStore  *store,
                          GError  **error)
{
  return check_audited_letters (store, error)
         && check_unaudited_letters (store, error);
}

/* The Timeline */

/* The window shows the Timeline in the officer's language; the bundle
 * builds it inside an English scope. */
static const char *
kind_label (const char *template)
{
  if (g_strcmp0 (template, "notice-to-improve.txt") == 0)
    return _("Notice to Improve");
  if (g_strcmp0 (template, "meeting-invitation.txt") == 0)
    return _("Meeting invitation");
  if (g_strcmp0 (template, "home-visit-card.txt") == 0)
    return _("Calling card");
  return _("Warning letter");
}

static WmTimelineEntry *
letter_entry (sqlite3_stmt *stmt)
{
  WmTimelineEntry *entry = g_new0 (WmTimelineEntry, 1);

  entry->object_id = sqlite3_column_int64 (stmt, 0);
  entry->day = _wm_store_column_day (stmt, 1);
  entry->recorded_at = _wm_store_column_dup (stmt, 2);
  entry->kind = g_strdup ("letter");
  /* Translators: a letter on the Timeline, "Warning letter to Joanne
   * Smith": the kind of letter, then who it was addressed to. */
  entry->title = g_strdup_printf (_("%s to %s"),
                                  kind_label ((const char *)
                                              sqlite3_column_text (stmt, 3)),
                                  sqlite3_column_text (stmt, 4));
  return entry;
}

/**
 * _wm_store_timeline_add_letters:
 * @store: a store
 * @pupil_id: the pupil
 * @entries: (element-type WmTimelineEntry): the Timeline being built
 * @error: return location for a #GError
 *
 * Adds one "letter" entry per letter made from the pupil's undeleted
 * records ("Warning letter to Jane Smith"), dated by the letter's date.
 *
 * Returns: %TRUE on success
 */
gboolean
_wm_store_timeline_add_letters (WmStore     *store,
                                gint64       pupil_id,
                                GPtrArray   *entries,
                                GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = TRUE;

  stmt = _wm_store_prepare (store,
    "SELECT l.id, l.letter_date, l.created_at, l.template, l.addressee "
    "FROM letters l JOIN records r ON r.id = l.record_id "
    "WHERE r.pupil_id = ?1 AND r.deleted_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  while (row)
    {
      if (!_wm_store_step_row (store, stmt, &row, N_("reading the timeline"),
                               error))
        return FALSE;
      if (row)
        g_ptr_array_add (entries, letter_entry (stmt));
    }

  return TRUE;
}

/* Figures */

/**
 * _wm_store_insert_letter_figures:
 * @store: a store inside the write transaction that added the letter
 * @letter_id: the letter
 * @figures: the figures the letter quoted
 * @error: return location for a #GError
 *
 * Keeps the figures a letter quoted, so that a later import which
 * changes them can be found. Like the letter, the row never changes.
 *
 * Returns: %TRUE on success
 */
gboolean
_wm_store_insert_letter_figures (WmStore               *store,
                                 gint64                 letter_id,
                                 const WmLetterFigures *figures,
                                 GError               **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  stmt = _wm_store_prepare (store,
    "INSERT INTO letter_figures (letter_id, as_of, window_start, "
    "  window_end, percent_tenths, unauthorised) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, letter_id);
  _wm_store_bind_day (stmt, 2, figures->as_of);
  _wm_store_bind_day (stmt, 3, figures->window_start);
  _wm_store_bind_day (stmt, 4, figures->window_end);
  sqlite3_bind_int (stmt, 5, figures->percent_tenths);
  sqlite3_bind_int64 (stmt, 6, figures->unauthorised);
  return _wm_store_step_done (store, stmt, N_("saving a letter's figures"),
                              error);
}

static WmStaleLetter *
read_figures (sqlite3_stmt *stmt)
{
  WmStaleLetter *letter = g_new0 (WmStaleLetter, 1);

  letter->letter_id = sqlite3_column_int64 (stmt, 0);
  letter->record_id = sqlite3_column_int64 (stmt, 1);
  letter->template = _wm_store_column_dup (stmt, 2);
  letter->day = _wm_store_column_day (stmt, 3);
  letter->addressee = _wm_store_column_dup (stmt, 4);
  letter->was.as_of = _wm_store_column_day (stmt, 5);
  letter->was.window_start = _wm_store_column_day (stmt, 6);
  letter->was.window_end = _wm_store_column_day (stmt, 7);
  letter->was.percent_tenths = sqlite3_column_int (stmt, 8);
  letter->was.unauthorised = (guint) sqlite3_column_int64 (stmt, 9);
  return letter;
}

/**
 * _wm_store_list_letter_figures:
 * @store: a store
 * @pupil_id: the pupil
 * @error: return location for a #GError
 *
 * Reads the stored figures of each letter made from the pupil's
 * undeleted records, in the order the letters were made. Each item has
 * @was filled; @now and @reason are left empty for the caller.
 *
 * Returns: (transfer container) (element-type WmStaleLetter): the
 *   letters with figures; %NULL with @error set on failure
 */
GPtrArray *
_wm_store_list_letter_figures (WmStore  *store,
                               gint64    pupil_id,
                               GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) letters = NULL;
  gboolean row = TRUE;

  stmt = _wm_store_prepare (store,
    "SELECT l.id, l.record_id, l.template, l.letter_date, l.addressee, "
    "  f.as_of, f.window_start, f.window_end, f.percent_tenths, "
    "  f.unauthorised "
    "FROM letters l JOIN records r ON r.id = l.record_id "
    "JOIN letter_figures f ON f.letter_id = l.id "
    "WHERE r.pupil_id = ?1 AND r.deleted_at IS NULL ORDER BY l.id", error);
  if (stmt == NULL)
    return NULL;

  letters = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                            wm_stale_letter_free);
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  while (row)
    {
      if (!_wm_store_step_row (store, stmt, &row, N_("reading letters"), error))
        return NULL;
      if (row)
        g_ptr_array_add (letters, read_figures (stmt));
    }

  return g_steal_pointer (&letters);
}
