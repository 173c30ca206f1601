/* wm-store-search.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-store-records-private.h"

#include <string.h>

#include "wm-error.h"
#include "wm-i18n-private.h"

/*
 * Reading the case record back: full-text search across every pupil's
 * records, the records on a pupil's Timeline, and the verification that
 * the database contains what Waymark wrote.
 */

/**
 * wm_search_hit_free:
 * @hit: (nullable): a hit
 *
 * Frees a hit returned by wm_store_search_records().
 */
void
wm_search_hit_free (WmSearchHit *hit)
{
  if (hit == NULL)
    return;

  g_free (hit->snippet);
  g_free (hit);
}

/*
 * Turns what the officer typed into an FTS5 query: each word becomes a
 * quoted prefix term, all of which must match. Quoting makes every
 * character literal, so a query such as `O'Brien` or `"` is never an FTS5
 * syntax error. Inside the quotes the tokenizer splits `O'Brien` into
 * "o" and "brien", as it split the indexed text.
 */
static char *
fts_query (const char *text)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_auto(GStrv) words = g_strsplit_set (text, " \t\r\n", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;

      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_c (query, '"');
      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *p);
        }
      g_string_append (query, "\"*");
    }

  return g_string_free (g_steal_pointer (&query), FALSE);
}

static WmSearchHit *
read_hit (sqlite3_stmt *stmt)
{
  WmSearchHit *hit = g_new0 (WmSearchHit, 1);

  hit->record_id = sqlite3_column_int64 (stmt, 0);
  hit->pupil_id = sqlite3_column_int64 (stmt, 1);
  hit->kind = wm_record_kind_lookup ((const char *)
                                     sqlite3_column_text (stmt, 2));
  hit->day = _wm_store_column_day (stmt, 3);
  hit->snippet = _wm_store_column_dup (stmt, 4);
  return hit;
}

static gboolean
restricted_hidden (const WmRecordKind *kind,
                   gboolean            include_restricted)
{
  return kind == NULL
         || ((kind->flags & WM_RECORD_FLAG_RESTRICTED) != 0
             && !include_restricted);
}

/**
 * wm_store_search_records:
 * @store: a store
 * @query: the words to find, as the officer typed them
 * @include_restricted: whether to search the restricted (safeguarding)
 *   records too
 * @error: return location for a #GError
 *
 * Searches the current revision of every finalised, undeleted record of
 * every pupil. Every word must occur, as a word or the start of one;
 * case and accents are ignored ("zoe" finds "Zoë"). Punctuation separates
 * words, so "O'Brien" finds "O'Brien" and "O’Brien".
 *
 * Returns: (transfer container) (element-type WmSearchHit): the matches,
 *   best first, each with its pupil, record, kind, date and a snippet of
 *   the text around the match; %NULL with @error set on failure
 */
GPtrArray *
wm_store_search_records (WmStore     *store,
                         const char  *query,
                         gboolean     include_restricted,
                         GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *match = NULL;
  gboolean row = TRUE;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  hits = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_search_hit_free);
  match = fts_query (query);
  if (*match == '\0')
    return g_steal_pointer (&hits);

  stmt = _wm_store_prepare (store,
    "SELECT r.id, r.pupil_id, r.kind, r.record_date, "
    "  snippet (record_search, 0, '', '', '…', 12) "
    "FROM record_search JOIN records r ON r.id = record_search.rowid "
    "WHERE record_search MATCH ?1 AND r.deleted_at IS NULL "
    "  AND r.status = 'final' "
    "ORDER BY rank, r.record_date DESC", error);
  if (stmt == NULL)
    return NULL;

  _wm_store_bind_text (stmt, 1, match);
  while (row)
    {
      g_autoptr(WmSearchHit) hit = NULL;

      if (!_wm_store_step_row (store, stmt, &row, N_("searching records"),
                               error))
        return NULL;
      if (row)
        hit = read_hit (stmt);
      if (hit != NULL && !restricted_hidden (hit->kind, include_restricted))
        g_ptr_array_add (hits, g_steal_pointer (&hit));
    }

  return g_steal_pointer (&hits);
}

static WmTimelineEntry *
record_entry (sqlite3_stmt       *stmt,
              const WmRecordKind *kind)
{
  WmTimelineEntry *entry = g_new0 (WmTimelineEntry, 1);
  g_autoptr(JsonNode) body = NULL;
  JsonObject *object;

  body = json_from_string ((const char *) sqlite3_column_text (stmt, 5),
                           NULL);
  object = body != NULL && JSON_NODE_HOLDS_OBJECT (body)
           ? json_node_get_object (body) : NULL;

  entry->object_id = sqlite3_column_int64 (stmt, 0);
  entry->day = _wm_store_column_day (stmt, 2);
  entry->recorded_at = _wm_store_column_dup (stmt, 3);
  entry->kind = g_strdup (kind->name);
  entry->amended = sqlite3_column_int64 (stmt, 4) > 1;
  if (object != NULL)
    {
      entry->title = wm_record_body_title (kind, object);
      entry->detail = wm_record_body_summary (kind, object);
    }
  else
    {
      entry->title = g_strdup (kind->label);
    }

  return entry;
}

/**
 * _wm_store_timeline_add_records:
 *
 * Adds one entry per finalised, undeleted record of the pupil: its kind,
 * its date, the moment it was finalised, a title and summary from its
 * current revision, and whether it was amended. Restricted records are
 * added only with %WM_RECORD_LIST_INCLUDE_RESTRICTED.
 */
gboolean
_wm_store_timeline_add_records (WmStore            *store,
                                gint64              pupil_id,
                                WmRecordListFlags   flags,
                                GPtrArray          *entries,
                                GError            **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = TRUE;

  stmt = _wm_store_prepare (store,
    "SELECT r.id, r.kind, r.record_date, r.finalised_at, v.revision, v.body "
    "FROM records r JOIN record_revisions v ON v.record_id = r.id "
    "  AND v.revision = (SELECT max (revision) FROM record_revisions "
    "                    WHERE record_id = r.id) "
    "WHERE r.pupil_id = ?1 AND r.status = 'final' AND r.deleted_at IS NULL",
    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  while (row)
    {
      const WmRecordKind *kind = NULL;

      if (!_wm_store_step_row (store, stmt, &row, N_("reading the timeline"),
                               error))
        return FALSE;
      if (row)
        kind = wm_record_kind_lookup ((const char *)
                                      sqlite3_column_text (stmt, 1));
      if (kind != NULL
          && ((kind->flags & WM_RECORD_FLAG_RESTRICTED) == 0
              || (flags & WM_RECORD_LIST_INCLUDE_RESTRICTED) != 0))
        g_ptr_array_add (entries, record_entry (stmt, kind));
    }

  return TRUE;
}

static gboolean
kind_wanted (const char         *kind,
             const char * const *kinds)
{
  return kinds == NULL || g_strv_contains (kinds, kind);
}

/**
 * wm_store_list_timeline_filtered:
 * @store: a store
 * @pupil_id: the pupil
 * @kinds: (nullable) (array zero-terminated=1): the entry kinds to keep,
 *   such as "home-visit", "meeting", "import" or "level-change"; %NULL
 *   keeps every kind
 * @flags: whether to include restricted records
 * @error: return location for a #GError
 *
 * Lists the pupil's Timeline as wm_store_list_timeline() does, newest
 * first, keeping only the entries of @kinds. With
 * %WM_RECORD_LIST_INCLUDE_RESTRICTED the restricted (safeguarding)
 * records are on it too.
 *
 * Returns: (transfer container) (element-type WmTimelineEntry): the
 *   entries; %NULL with @error set on failure
 */
GPtrArray *
wm_store_list_timeline_filtered (WmStore            *store,
                                 gint64              pupil_id,
                                 const char * const *kinds,
                                 WmRecordListFlags   flags,
                                 GError            **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) restricted = NULL;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  entries = wm_store_list_timeline (store, pupil_id, error);
  if (entries == NULL)
    return NULL;

  /* The plain Timeline leaves restricted records out; they are added
   * here, and the list sorted again. */
  if ((flags & WM_RECORD_LIST_INCLUDE_RESTRICTED) != 0)
    {
      restricted = g_ptr_array_new_with_free_func (
        (GDestroyNotify) wm_timeline_entry_free);
      if (!_wm_store_timeline_add_records (store, pupil_id, flags, restricted,
                                           error))
        return NULL;

      for (guint i = restricted->len; i > 0; i--)
        {
          WmTimelineEntry *entry = restricted->pdata[i - 1];
          const WmRecordKind *kind = wm_record_kind_lookup (entry->kind);

          if ((kind->flags & WM_RECORD_FLAG_RESTRICTED) != 0)
            g_ptr_array_add (entries,
                             g_ptr_array_steal_index (restricted, i - 1));
        }
      g_ptr_array_sort (entries, _wm_store_timeline_compare);
    }

  for (guint i = entries->len; i > 0; i--)
    if (!kind_wanted (((WmTimelineEntry *) entries->pdata[i - 1])->kind,
                      kinds))
      g_ptr_array_remove_index (entries, i - 1);

  return g_steal_pointer (&entries);
}
