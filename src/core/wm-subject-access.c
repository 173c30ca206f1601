/* wm-subject-access.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-subject-access-private.h"

#include <glib/gstdio.h>
#include <string.h>

#include "wm-codes.h"
#include "wm-error.h"
#include "wm-private-file.h"
#include "wm-i18n-private.h"

/*
 * A subject access export: everything Waymark stores about one pupil, as
 * one JSON file, for a subject access request under data protection law.
 *
 * Everything means everything: health records and restricted
 * safeguarding records are included, because the request covers them,
 * but each record carries its class so that the officer reviews those
 * before disclosing the file. WmWithhold leaves a class out, with a
 * placeholder in its place, for the cases where the law allows it.
 *
 * Only this pupil's rows are read: a sibling appears by UPN and name
 * only, never with their records, marks or contacts.
 *
 * The file is written readable by its owner only and in one rename, and
 * the disclosure is logged in the audit log with the pupil's id and what
 * was withheld, never a name.
 */

/* The register in the export: one string per school year, explained in
 * the file itself. */
static const char register_note[] =
  "register[].codes has one entry per session from 1 September, the "
  "morning then the afternoon of each day, separated by spaces: the code "
  "as recorded, '-' for a session the register left unmarked and '.' for "
  "a day with no session for the pupil (weekends, holidays, before "
  "admission). register[].imports says which import set each run of "
  "sessions.";

static void
add_column (JsonBuilder  *builder,
            sqlite3_stmt *stmt,
            int           column)
{
  json_builder_set_member_name (builder, sqlite3_column_name (stmt, column));

  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_INTEGER:
      json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, column));
      break;

    case SQLITE_FLOAT:
      json_builder_add_double_value (builder,
                                     sqlite3_column_double (stmt, column));
      break;

    case SQLITE_NULL:
      json_builder_add_null_value (builder);
      break;

    default:
      json_builder_add_string_value (builder, (const char *)
                                     sqlite3_column_text (stmt, column));
      break;
    }
}

/**
 * _wm_sar_add_columns:
 *
 * Adds the columns from @first to the row's end as members named as the
 * columns, keeping their SQL types.
 */
void
_wm_sar_add_columns (JsonBuilder  *builder,
                     sqlite3_stmt *stmt,
                     int           first)
{
  for (int i = first; i < sqlite3_column_count (stmt); i++)
    add_column (builder, stmt, i);
}

static void
add_row_object (JsonBuilder  *builder,
                sqlite3_stmt *stmt)
{
  json_builder_begin_object (builder);
  _wm_sar_add_columns (builder, stmt, 0);
  json_builder_end_object (builder);
}

/**
 * _wm_sar_add_rows:
 *
 * Adds an array with one object per row that @sql returns for ?1 = @id,
 * each member named as its column.
 */
gboolean
_wm_sar_add_rows (JsonBuilder  *builder,
                  WmStore      *store,
                  const char   *sql,
                  gint64        id,
                  GError      **error)
{
  g_autoptr(WmCachedStmt) stmt = _wm_store_prepare (store, sql, error);
  gboolean row = TRUE;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  json_builder_begin_array (builder);
  while (row)
    {
      if (!_wm_store_step_row (store, stmt, &row,
                               N_("exporting a pupil's data"), error))
        return FALSE;
      if (row)
        add_row_object (builder, stmt);
    }

  json_builder_end_array (builder);
  return TRUE;
}

/* Adds one row as an object, or null when there is none. */
static gboolean
add_one_row (JsonBuilder  *builder,
             WmStore      *store,
             const char   *member,
             const char   *sql,
             gint64        id,
             GError      **error)
{
  g_autoptr(WmCachedStmt) stmt = _wm_store_prepare (store, sql, error);
  gboolean row = FALSE;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!_wm_store_step_row (store, stmt, &row, N_("exporting a pupil's data"),
                           error))
    return FALSE;

  json_builder_set_member_name (builder, member);
  if (row)
    add_row_object (builder, stmt);
  else
    json_builder_add_null_value (builder);
  return TRUE;
}

static gboolean
add_member_rows (JsonBuilder  *builder,
                 WmStore      *store,
                 const char   *member,
                 const char   *sql,
                 gint64        id,
                 GError      **error)
{
  json_builder_set_member_name (builder, member);
  return _wm_sar_add_rows (builder, store, sql, id, error);
}

/* The pupil's details as stored; name_key is only a search key made from
 * the names, so it adds nothing. */
static gboolean
add_pupil_and_school (JsonBuilder  *builder,
                      WmStore      *store,
                      gint64        pupil_id,
                      GError      **error)
{
  return add_one_row (builder, store, "pupil",
    "SELECT id, upn, surname, forename, middle_names, preferred_surname, "
    "  preferred_forename, dob, sex, year_group, admission_date, "
    "  leaving_date, address, sen_provision, looked_after, "
    "  free_school_meals, legal_hold, created_at, updated_at "
    "FROM pupils WHERE id = ?1", pupil_id, error)
    && add_one_row (builder, store, "school",
    "SELECT s.id, s.lea, s.estab, s.urn, s.name FROM schools s "
    "JOIN pupils p ON p.school_id = s.id WHERE p.id = ?1", pupil_id, error);
}

static gboolean
add_people (JsonBuilder  *builder,
            WmStore      *store,
            gint64        pupil_id,
            GError      **error)
{
  return add_member_rows (builder, store, "contacts",
    "SELECT id, ord AS \"order\", title, surname, forename, relationship, "
    "  parental_responsibility, address, phones, email, imported, "
    "  alternative, details_checked_on "
    "FROM contacts WHERE pupil_id = ?1 ORDER BY ord, id", pupil_id, error)
    /* A sibling is another data subject: UPN and name only. */
    && add_member_rows (builder, store, "siblings",
    "SELECT p.upn, p.surname, p.forename FROM pupil_links l "
    "JOIN pupils p ON p.id = l.sibling_id WHERE l.pupil_id = ?1 "
    "ORDER BY p.id", pupil_id, error);
}

static guint64
read_le (const guint8 *in,
         guint         n_bytes)
{
  guint64 value = 0;

  for (guint i = 0; i < n_bytes; i++)
    value |= (guint64) in[i] << (8 * i);
  return value;
}

/* The import of every slot, from the runs of 12 bytes that the marks
 * table keeps: first slot and count (uint16 each) and the import id
 * (int64), little-endian. */
static gint64 *
decode_sources (const guint8 *runs,
                gsize         size,
                guint         n_slots)
{
  gint64 *sources = g_new0 (gint64, n_slots);

  for (gsize offset = 0; offset + 12 <= size; offset += 12)
    {
      guint first = (guint) read_le (runs + offset, 2);
      guint count = (guint) read_le (runs + offset + 2, 2);
      gint64 import_id = (gint64) read_le (runs + offset + 4, 8);

      for (guint s = first; s < first + count && s < n_slots; s++)
        sources[s] = import_id;
    }

  return sources;
}

static char *
codes_string (const guint8 *codes,
              guint         n_slots)
{
  GString *text = g_string_sized_new (n_slots * 2);

  for (guint s = 0; s < n_slots; s++)
    {
      WmMark mark = codes[s] <= WM_MARK_LAST ? codes[s] : WM_MARK_UNMARKED;

      if (s > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, mark == WM_MARK_NONE ? "."
                                                  : wm_mark_to_code (mark));
    }

  return g_string_free (text, FALSE);
}

static void
add_session (JsonBuilder *builder,
             const char  *day_member,
             const char  *session_member,
             WmDay        first_day,
             guint        slot)
{
  char iso[11];

  wm_day_to_iso_buf (first_day + slot / 2, iso);
  json_builder_set_member_name (builder, day_member);
  json_builder_add_string_value (builder, iso);
  json_builder_set_member_name (builder, session_member);
  json_builder_add_string_value (builder, slot % 2 == 0 ? "AM" : "PM");
}

static void
add_import_run (JsonBuilder *builder,
                gint64       import_id,
                WmDay        first_day,
                guint        first,
                guint        last)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "import_id");
  if (import_id > 0)
    json_builder_add_int_value (builder, import_id);
  else
    json_builder_add_null_value (builder);
  add_session (builder, "from", "from_session", first_day, first);
  add_session (builder, "to", "to_session", first_day, last);
  json_builder_end_object (builder);
}

/* Runs of marked sessions set by one import; days with no session do not
 * break a run. */
static void
add_import_runs (JsonBuilder   *builder,
                 const guint8  *codes,
                 const gint64  *sources,
                 guint          n_slots,
                 WmDay          first_day)
{
  gboolean open = FALSE;
  guint first = 0, last = 0;

  json_builder_set_member_name (builder, "imports");
  json_builder_begin_array (builder);
  for (guint s = 0; s < n_slots; s++)
    {
      if (codes[s] == WM_MARK_NONE)
        continue;

      if (open && sources[s] != sources[first])
        {
          add_import_run (builder, sources[first], first_day, first, last);
          open = FALSE;
        }

      if (!open)
        first = s;
      open = TRUE;
      last = s;
    }

  if (open)
    add_import_run (builder, sources[first], first_day, first, last);
  json_builder_end_array (builder);
}

static void
add_register_year (JsonBuilder  *builder,
                   sqlite3_stmt *stmt)
{
  guint year = (guint) sqlite3_column_int64 (stmt, 0);
  const guint8 *codes = sqlite3_column_blob (stmt, 2);
  guint n_slots = (guint) sqlite3_column_bytes (stmt, 2);
  WmDay first_day = wm_day_from_ymd (year, 9, 1);
  g_autofree gint64 *sources = NULL;
  g_autofree char *text = NULL;
  char iso[11];

  sources = decode_sources (sqlite3_column_blob (stmt, 3),
                            (gsize) sqlite3_column_bytes (stmt, 3), n_slots);
  text = codes_string (codes, n_slots);
  wm_day_to_iso_buf (first_day, iso);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "school_estab");
  json_builder_add_string_value (builder, (const char *)
                                 sqlite3_column_text (stmt, 1));
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, year);
  json_builder_set_member_name (builder, "first_day");
  json_builder_add_string_value (builder, iso);
  json_builder_set_member_name (builder, "codes");
  json_builder_add_string_value (builder, text);
  add_import_runs (builder, codes, sources, n_slots, first_day);
  json_builder_end_object (builder);
}

static gboolean
add_register (JsonBuilder  *builder,
              WmStore      *store,
              gint64        pupil_id,
              GError      **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = TRUE;

  stmt = _wm_store_prepare (store,
    "SELECT m.year, s.estab, m.codes, m.sources FROM marks m "
    "JOIN schools s ON s.id = m.school_id WHERE m.pupil_id = ?1 "
    "ORDER BY m.year, s.estab", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  json_builder_set_member_name (builder, "register");
  json_builder_begin_array (builder);
  while (row)
    {
      if (!_wm_store_step_row (store, stmt, &row, N_("exporting the register"),
                               error))
        return FALSE;
      if (row)
        add_register_year (builder, stmt);
    }

  json_builder_end_array (builder);
  return TRUE;
}

static gboolean
add_attendance (JsonBuilder  *builder,
                WmStore      *store,
                gint64        pupil_id,
                GError      **error)
{
  return add_register (builder, store, pupil_id, error)
    && add_member_rows (builder, store, "mark_changes",
    "SELECT day, session, old_code, new_code, import_id FROM mark_changes "
    "WHERE pupil_id = ?1 ORDER BY day, session, id", pupil_id, error)
    && add_member_rows (builder, store, "attendance_history",
    "SELECT year, lea, estab, school_name, sessions_possible, "
    "  sessions_authorised, sessions_unauthorised, start_date, marks, "
    "  import_id FROM attendance_history WHERE pupil_id = ?1 "
    "ORDER BY year, id", pupil_id, error)
    /* The import's counts cover every pupil in the file; only this
     * pupil's part of it is theirs. */
    && add_member_rows (builder, store, "imports",
    "SELECT i.id, i.kind, i.file_name, i.started_at, i.finished_at, "
    "  ip.first_day, ip.last_day, ip.n_set AS sessions_set, "
    "  ip.n_changed AS sessions_changed "
    "FROM import_pupils ip JOIN imports i ON i.id = ip.import_id "
    "WHERE ip.pupil_id = ?1 ORDER BY i.id", pupil_id, error)
    && add_one_row (builder, store, "evaluation",
    "SELECT * FROM evaluations WHERE pupil_id = ?1", pupil_id, error)
    && add_member_rows (builder, store, "level_history",
    "SELECT as_of, old_level, old_level_high, level, level_high, reason, "
    "  recorded_at FROM level_history WHERE pupil_id = ?1 ORDER BY id",
    pupil_id, error);
}

static void
add_header (JsonBuilder *builder,
            WmWithhold   withhold)
{
  g_autofree char *now = _wm_store_now_utc ();
  g_autofree char *withheld = wm_withhold_to_string (withhold);
  g_auto(GStrv) names = g_strsplit (withheld, ",", -1);

  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, WM_SUBJECT_ACCESS_FORMAT);
  json_builder_set_member_name (builder, "exported_at");
  json_builder_add_string_value (builder, now);
  json_builder_set_member_name (builder, "withheld");
  json_builder_begin_array (builder);
  for (guint i = 0; names[i] != NULL; i++)
    if (*names[i] != '\0')
      json_builder_add_string_value (builder, names[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "review_before_disclosure");
  json_builder_add_string_value (builder,
    "Records whose class is \"health\" or \"safeguarding\" hold special "
    "category or restricted data: review them before this file is "
    "disclosed.");
  json_builder_set_member_name (builder, "register_format");
  json_builder_add_string_value (builder, register_note);
}

static gboolean
check_pupil (WmStore  *store,
             gint64    pupil_id,
             GError  **error)
{
  g_auto(WmPupilRecord) pupil = { 0 };

  return wm_store_get_pupil (store, pupil_id, &pupil, NULL, error);
}

/**
 * wm_subject_access_build:
 * @store: a store
 * @pupil_id: the pupil whose data to export
 * @withhold: the classes to leave out, each record replaced by a
 *   placeholder naming its class
 * @error: return location for a #GError
 *
 * Collects everything the store contains about one pupil: details, school,
 * contacts, siblings (UPN and name only), the register with the import
 * that set each session, mark changes, imports, the evaluation and level
 * history, cases with their events, every record with all its revisions,
 * tombstone and links, and the audit entries about the pupil, their
 * contacts, cases and records. Each record carries its class
 * ("case-record", "health" or "safeguarding"). Reads in one read
 * transaction when the caller has none, so the parts agree.
 *
 * Returns: (transfer full): the export as a JSON object; %NULL with
 *   %WM_ERROR_NOT_FOUND when the pupil does not exist
 */
JsonNode *
wm_subject_access_build (WmStore     *store,
                         gint64       pupil_id,
                         WmWithhold   withhold,
                         GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  sqlite3 *db;
  gboolean own, ok;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  db = wm_store_get_db (store);
  own = sqlite3_get_autocommit (db) != 0;
  if (own && !_wm_store_exec (store, "BEGIN", N_("exporting a pupil's data"),
                              error))
    return NULL;

  json_builder_begin_object (builder);
  add_header (builder, withhold);
  ok = check_pupil (store, pupil_id, error)
       && add_pupil_and_school (builder, store, pupil_id, error)
       && add_people (builder, store, pupil_id, error)
       && add_attendance (builder, store, pupil_id, error)
       && _wm_sar_add_casework (builder, store, pupil_id, withhold, error);
  json_builder_end_object (builder);

  if (own)
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  return ok ? json_builder_get_root (builder) : NULL;
}

static gboolean
write_file (JsonNode    *root,
            const char  *path,
            GError     **error)
{
  g_autoptr(WmPrivateFile) file = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  gsize length = 0;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);

  file = wm_private_file_new (path, error);
  return file != NULL
         && wm_private_file_write (file, text, length, error)
         && wm_private_file_write (file, "\n", 1, error)
         && wm_private_file_commit (file, error);
}

/**
 * wm_subject_access_export:
 * @store: a store
 * @pupil_id: the pupil
 * @withhold: the classes to leave out
 * @path: the JSON file to write; an existing file is replaced
 * @error: return location for a #GError
 *
 * Writes wm_subject_access_build() to @path, readable by its owner only
 * (mode 0600) and in one rename, and logs the disclosure in the audit
 * log: action "export", the pupil's id, and the detail
 * "kind=subject-access withheld=LIST" (LIST is "none" or the classes, by
 * name). The data is read and the entry written under one write lock, so
 * the file shows the database as it was at the logged moment. If the
 * entry cannot be committed, the file is removed.
 *
 * Returns: %TRUE on success
 */
gboolean
wm_subject_access_export (WmStore     *store,
                          gint64       pupil_id,
                          WmWithhold   withhold,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *withheld = wm_withhold_to_string (withhold);
  g_autofree char *detail = NULL;
  gboolean outer = FALSE, ok;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  detail = g_strdup_printf ("kind=subject-access withheld=%s",
                            *withheld != '\0' ? withheld : "none");
  if (!_wm_store_write_begin (store, &outer, error))
    return FALSE;

  ok = (root = wm_subject_access_build (store, pupil_id, withhold,
                                        error)) != NULL
       && _wm_store_audit_append (store, "export", "pupil", pupil_id, detail,
                                  error)
       && write_file (root, path, error);
  if (!_wm_store_write_end (store, outer, ok, error))
    {
      if (ok)
        g_unlink (path);
      return FALSE;
    }

  g_debug ("Exported the data of pupil %" G_GINT64_FORMAT " (withheld: %s)",
           pupil_id, *withheld != '\0' ? withheld : "none");
  return TRUE;
}

/**
 * wm_withhold_parse:
 * @list: class names separated by commas: "health", "safeguarding"
 * @out_withhold: (out): the classes
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; %WM_ERROR_INVALID_INPUT naming an unknown
 *   class
 */
gboolean
wm_withhold_parse (const char  *list,
                   WmWithhold  *out_withhold,
                   GError     **error)
{
  g_auto(GStrv) names = g_strsplit (list != NULL ? list : "", ",", -1);
  WmWithhold withhold = WM_WITHHOLD_NONE;

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);

      if (strcmp (name, "health") == 0)
        withhold |= WM_WITHHOLD_HEALTH;
      else if (strcmp (name, "safeguarding") == 0)
        withhold |= WM_WITHHOLD_SAFEGUARDING;
      else if (*name != '\0')
        {
          g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                       /* Translators: --withhold, health and safeguarding are
                        * what the user types on the command line; keep them as
                        * they are. */
                       E_("--withhold: \"%s\" is not a class that can be "
                          "withheld; use health, safeguarding or both, "
                          "separated by a comma"), name);
          return FALSE;
        }
    }

  *out_withhold = withhold;
  return TRUE;
}

/**
 * wm_withhold_to_string:
 * @withhold: classes
 *
 * Returns: (transfer full): the class names separated by commas, "" for
 *   none
 */
char *
wm_withhold_to_string (WmWithhold withhold)
{
  if ((withhold & WM_WITHHOLD_HEALTH) && (withhold & WM_WITHHOLD_SAFEGUARDING))
    return g_strdup ("health,safeguarding");
  if (withhold & WM_WITHHOLD_HEALTH)
    return g_strdup ("health");
  if (withhold & WM_WITHHOLD_SAFEGUARDING)
    return g_strdup ("safeguarding");
  return g_strdup ("");
}
