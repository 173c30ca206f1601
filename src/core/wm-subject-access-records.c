/* wm-subject-access-records.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-subject-access-private.h"

#include <stdio.h>
#include <string.h>

#include "wm-i18n-private.h"
#include "wm-record.h"

/*
 * The casework part of a subject access export: cases with their events,
 * every record with every revision and its tombstone, the links between
 * records, and the audit entries about the pupil and their contacts,
 * cases and records.
 *
 * A withheld record leaves a placeholder in its place and nothing else:
 * no id, date or kind, and none of its links or audit entries, since
 * those would show what the placeholder holds back.
 */

typedef struct
{
  WmStore    *store;
  WmWithhold  withhold;
  GHashTable *withheld_ids;
} Casework;

/* The class a record is disclosed under. */
static const char *
record_class (const WmRecordKind *kind)
{
  if (kind != NULL && (kind->flags & WM_RECORD_FLAG_RESTRICTED) != 0)
    return "safeguarding";
  if (kind != NULL && (kind->flags & WM_RECORD_FLAG_HEALTH) != 0)
    return "health";
  return "case-record";
}

static gboolean
is_withheld (const WmRecordKind *kind,
             WmWithhold          withhold)
{
  const char *klass = record_class (kind);

  return ((withhold & WM_WITHHOLD_HEALTH) && strcmp (klass, "health") == 0)
         || ((withhold & WM_WITHHOLD_SAFEGUARDING)
             && strcmp (klass, "safeguarding") == 0);
}

static gboolean
add_cases (JsonBuilder  *builder,
           Casework     *work,
           gint64        pupil_id,
           GError      **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = TRUE;

  stmt = _wm_store_prepare (work->store,
    "SELECT id, opened_on, open_reason, lead_officer, closed_on, "
    "  close_reason, created_at, created_by FROM cases "
    "WHERE pupil_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  json_builder_set_member_name (builder, "cases");
  json_builder_begin_array (builder);
  while (row)
    {
      if (!_wm_store_step_row (work->store, stmt, &row, N_("exporting cases"),
                               error))
        return FALSE;
      if (!row)
        break;

      json_builder_begin_object (builder);
      _wm_sar_add_columns (builder, stmt, 0);

      json_builder_set_member_name (builder, "events");
      if (!_wm_sar_add_rows (builder, work->store,
          "SELECT id, event, day, officer, reason, recorded_at, recorded_by "
          "FROM case_events WHERE case_id = ?1 ORDER BY id",
          sqlite3_column_int64 (stmt, 0), error))
        return FALSE;
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  return TRUE;
}

static void
add_revision (JsonBuilder  *builder,
              sqlite3_stmt *stmt)
{
  g_autoptr(JsonNode) values = json_from_string ((const char *)
                                                 sqlite3_column_text (stmt,
                                                                      1),
                                                 NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 0));
  json_builder_set_member_name (builder, "values");
  json_builder_add_value (builder, g_steal_pointer (&values));
  _wm_sar_add_columns (builder, stmt, 2);
  json_builder_end_object (builder);
}

static gboolean
add_revisions (JsonBuilder  *builder,
               WmStore      *store,
               gint64        record_id,
               GError      **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = TRUE;

  stmt = _wm_store_prepare (store,
    "SELECT revision, body, reason, created_at, created_by "
    "FROM record_revisions WHERE record_id = ?1 ORDER BY revision", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, record_id);
  json_builder_set_member_name (builder, "revisions");
  json_builder_begin_array (builder);
  while (row)
    {
      if (!_wm_store_step_row (store, stmt, &row, N_("exporting revisions"),
                               error))
        return FALSE;
      if (row)
        add_revision (builder, stmt);
    }

  json_builder_end_array (builder);
  return TRUE;
}

static void
add_placeholder (JsonBuilder *builder,
                 const char  *klass)
{
  g_autofree char *note = NULL;

  note = g_strdup_printf ("A %s record is held but was withheld from this "
                          "copy", klass);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "withheld");
  json_builder_add_string_value (builder, klass);
  json_builder_set_member_name (builder, "note");
  json_builder_add_string_value (builder, note);
  json_builder_end_object (builder);
}

/* The record's own columns, then its class and revisions. */
static gboolean
add_record (JsonBuilder         *builder,
            Casework            *work,
            sqlite3_stmt        *stmt,
            const WmRecordKind  *kind,
            GError             **error)
{
  json_builder_begin_object (builder);
  _wm_sar_add_columns (builder, stmt, 0);

  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, kind != NULL ? kind->label : "");
  json_builder_set_member_name (builder, "class");
  json_builder_add_string_value (builder, record_class (kind));
  if (!add_revisions (builder, work->store, sqlite3_column_int64 (stmt, 0),
                      error))
    return FALSE;

  json_builder_end_object (builder);
  return TRUE;
}

static gboolean
add_records (JsonBuilder  *builder,
             Casework     *work,
             gint64        pupil_id,
             GError      **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = TRUE;

  stmt = _wm_store_prepare (work->store,
    "SELECT id, case_id, kind, status, record_date, created_at, created_by, "
    "  finalised_at, deleted_at, deleted_by FROM records "
    "WHERE pupil_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  json_builder_set_member_name (builder, "records");
  json_builder_begin_array (builder);
  while (row)
    {
      const WmRecordKind *kind;
      gint64 id;

      if (!_wm_store_step_row (work->store, stmt, &row, N_("exporting records"),
                               error))
        return FALSE;
      if (!row)
        break;

      id = sqlite3_column_int64 (stmt, 0);
      kind = wm_record_kind_lookup ((const char *)
                                    sqlite3_column_text (stmt, 2));
      if (is_withheld (kind, work->withhold))
        {
          g_hash_table_add (work->withheld_ids, g_memdup2 (&id, sizeof id));
          add_placeholder (builder, record_class (kind));
        }
      else if (!add_record (builder, work, stmt, kind, error))
        return FALSE;
    }

  json_builder_end_array (builder);
  return TRUE;
}

static gboolean
withheld (Casework *work,
          gint64    record_id)
{
  return g_hash_table_contains (work->withheld_ids, &record_id);
}

static gboolean
add_links (JsonBuilder  *builder,
           Casework     *work,
           gint64        pupil_id,
           GError      **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = TRUE;

  stmt = _wm_store_prepare (work->store,
    "SELECT l.from_id, l.to_id, l.kind, l.created_at FROM record_links l "
    "JOIN records r ON r.id = l.from_id WHERE r.pupil_id = ?1 "
    "ORDER BY l.created_at, l.from_id, l.to_id", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  json_builder_set_member_name (builder, "links");
  json_builder_begin_array (builder);
  while (row)
    {
      if (!_wm_store_step_row (work->store, stmt, &row, N_("exporting links"),
                               error))
        return FALSE;
      if (row && !withheld (work, sqlite3_column_int64 (stmt, 0))
          && !withheld (work, sqlite3_column_int64 (stmt, 1)))
        {
          json_builder_begin_object (builder);
          _wm_sar_add_columns (builder, stmt, 0);
          json_builder_end_object (builder);
        }
    }

  json_builder_end_array (builder);
  return TRUE;
}

/* An audit entry that names a withheld record, as its object or as the
 * other end of a link, is withheld with it. */
static gboolean
entry_withheld (Casework     *work,
                sqlite3_stmt *stmt)
{
  const char *kind = (const char *) sqlite3_column_text (stmt, 3);
  const char *detail = (const char *) sqlite3_column_text (stmt, 5);
  gint64 other = 0;

  if (g_strcmp0 (kind, "record") != 0)
    return FALSE;

  if (withheld (work, sqlite3_column_int64 (stmt, 4)))
    return TRUE;

  return detail != NULL
         && sscanf (detail, "to=%" G_GINT64_FORMAT, &other) == 1
         && withheld (work, other);
}

static gboolean
add_audit (JsonBuilder  *builder,
           Casework     *work,
           gint64        pupil_id,
           GError      **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = TRUE;

  stmt = _wm_store_prepare (work->store,
    "SELECT id, at, action, object_kind, object_id, detail FROM audit_log "
    "WHERE (object_kind = 'pupil' AND object_id = ?1) "
    "  OR (object_kind = 'record' AND object_id IN "
    "      (SELECT id FROM records WHERE pupil_id = ?1)) "
    "  OR (object_kind = 'case' AND object_id IN "
    "      (SELECT id FROM cases WHERE pupil_id = ?1)) "
    "  OR (object_kind = 'contact' AND object_id IN "
    "      (SELECT id FROM contacts WHERE pupil_id = ?1)) "
    "ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  json_builder_set_member_name (builder, "audit");
  json_builder_begin_array (builder);
  while (row)
    {
      if (!_wm_store_step_row (work->store, stmt, &row,
                               N_("exporting the audit log"), error))
        return FALSE;
      if (!row || entry_withheld (work, stmt))
        continue;

      json_builder_begin_object (builder);
      _wm_sar_add_columns (builder, stmt, 0);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  return TRUE;
}

/**
 * _wm_sar_add_casework:
 *
 * Adds the "cases", "records", "links" and "audit" members.
 */
gboolean
_wm_sar_add_casework (JsonBuilder  *builder,
                      WmStore      *store,
                      gint64        pupil_id,
                      WmWithhold    withhold,
                      GError      **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash,
                                                     g_int64_equal, g_free,
                                                     NULL);
  Casework work = { store, withhold, ids };

  return add_cases (builder, &work, pupil_id, error)
         && add_records (builder, &work, pupil_id, error)
         && add_links (builder, &work, pupil_id, error)
         && add_audit (builder, &work, pupil_id, error);
}
