/* wm-store-marks.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-store-private.h"

#include <string.h>

#include "wm-error.h"
#include "wm-i18n-private.h"

/*
 * Register marks.
 *
 * The evaluator reads every mark of every pupil, so the marks are laid out
 * for that read. There is one row of `marks` per pupil, school and school
 * year, so a school year of one pupil is one row read and one blob copied,
 * instead of some 380 rows of one session each. tests/bench-marks.c
 * measures the two layouts against each other.
 *
 * `year` is the calendar year of the school year's 1 September. `codes`
 * holds two bytes per calendar day from 1 September to 31 August (732
 * bytes when the span has a 29 February, 730 otherwise): the AM then the
 * PM WmMark of each day, WM_MARK_NONE where the pupil has no session.
 * Slot s is day (1 September + s / 2), session s % 2.
 *
 * `sources` records which import set each slot, as runs of 12 bytes: the
 * first slot (uint16), the number of slots (uint16) and the import id
 * (int64), all little-endian, in increasing slot order and not
 * overlapping. A slot that no run covers was never set. A slot with no
 * session (WM_MARK_NONE) was never set either, whatever run covers it, so
 * runs pass over weekends and holidays: an import that covers a term is
 * one run, and a year of weekly imports about forty.
 */

#define MAX_YEAR_SLOTS 732
#define RUN_SIZE 12

typedef struct
{
  guint    year;
  WmDay    start;
  guint    n_slots;
  gboolean modified;
  guint8   codes[MAX_YEAR_SLOTS];
  gint64   sources[MAX_YEAR_SLOTS];
} YearRow;

typedef struct
{
  gint64            import_id;
  gint64            pupil_id;
  gint64            school_id;
  const WmRegister *reg;
  guint             n_set;
  guint             n_changed;
} MergeContext;

static WmDay
year_start (guint year)
{
  return wm_day_from_ymd (year, 9, 1);
}

/* 730, or 732 when the school year has a 29 February. */
static guint
year_slots (guint year)
{
  return (year_start (year + 1) - year_start (year)) * 2;
}

static void
year_row_init (YearRow *row,
               guint    year)
{
  row->year = year;
  row->start = year_start (year);
  row->n_slots = year_slots (year);
  row->modified = FALSE;
  memset (row->codes, WM_MARK_NONE, sizeof row->codes);
  memset (row->sources, 0, sizeof row->sources);
}

static void
write_le (guint8 *out,
          guint64 value,
          guint   n_bytes)
{
  for (guint i = 0; i < n_bytes; i++)
    out[i] = (guint8) (value >> (8 * i));
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

/* A slot with no session was never set by an import, so its source is
 * free: it joins whichever run it falls in. Weekends and holidays then do
 * not split the run of one import into one run per week. */
static gboolean
source_free (const YearRow *row,
             guint          slot)
{
  return row->codes[slot] == WM_MARK_NONE;
}

/* Encodes row->sources as runs; the caller frees the result. */
static guint8 *
encode_sources (const YearRow *row,
                gsize         *out_size)
{
  GByteArray *runs = g_byte_array_new ();
  guint slot = 0;

  while (slot < row->n_slots)
    {
      guint end = slot + 1;
      guint8 run[RUN_SIZE];

      if (source_free (row, slot) || row->sources[slot] == 0)
        {
          slot++;
          continue;
        }

      while (end < row->n_slots
             && (row->sources[end] == row->sources[slot]
                 || source_free (row, end)))
        end++;

      write_le (run, slot, 2);
      write_le (run + 2, end - slot, 2);
      write_le (run + 4, (guint64) row->sources[slot], 8);
      g_byte_array_append (runs, run, RUN_SIZE);
      slot = end;
    }

  *out_size = runs->len;
  return g_byte_array_free (runs, FALSE);
}

static gboolean
decode_sources (YearRow      *row,
                const guint8 *runs,
                gsize         size)
{
  if (size % RUN_SIZE != 0)
    return FALSE;

  for (gsize offset = 0; offset < size; offset += RUN_SIZE)
    {
      guint first = (guint) read_le (runs + offset, 2);
      guint count = (guint) read_le (runs + offset + 2, 2);
      gint64 import_id = (gint64) read_le (runs + offset + 4, 8);

      if (first + count > row->n_slots)
        return FALSE;
      for (guint s = first; s < first + count; s++)
        row->sources[s] = import_id;
    }

  return TRUE;
}

static void
set_damaged_row_error (WmStore  *store,
                       gint64    pupil_id,
                       guint     year,
                       GError  **error)
{
  /* The id is formatted first: a translatable format cannot hold
   * G_GINT64_FORMAT, which the string extractor does not expand. */
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, pupil_id);

  g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
               E_("The register of pupil %s for the school year %u-%u in %s is "
                  "damaged. Restore a backup of the database, or import the "
                  "register again"), id, year, year + 1,
               wm_store_get_path (store));
}

static gboolean
read_year_row (WmStore       *store,
               sqlite3_stmt  *stmt,
               gint64         pupil_id,
               YearRow       *row,
               GError       **error)
{
  gsize n_codes = (gsize) sqlite3_column_bytes (stmt, 0);
  const void *codes = sqlite3_column_blob (stmt, 0);
  const guint8 *runs = sqlite3_column_blob (stmt, 1);
  gsize n_runs_bytes = (gsize) sqlite3_column_bytes (stmt, 1);

  if (n_codes != row->n_slots
      || !decode_sources (row, runs, n_runs_bytes))
    {
      set_damaged_row_error (store, pupil_id, row->year, error);
      return FALSE;
    }

  memcpy (row->codes, codes, n_codes);
  return TRUE;
}

/* Loads the stored row into @row, or leaves it empty when there is none. */
static gboolean
load_year (WmStore  *store,
           gint64    pupil_id,
           gint64    school_id,
           YearRow  *row,
           GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean found = FALSE;

  stmt = _wm_store_prepare (store,
    "SELECT codes, sources FROM marks "
    "WHERE pupil_id = ?1 AND school_id = ?2 AND year = ?3", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int64 (stmt, 2, school_id);
  sqlite3_bind_int (stmt, 3, (int) row->year);
  if (!_wm_store_step_row (store, stmt, &found, N_("reading register marks"),
                           error))
    return FALSE;

  return !found || read_year_row (store, stmt, pupil_id, row, error);
}

static gboolean
save_year (WmStore        *store,
           gint64          pupil_id,
           gint64          school_id,
           const YearRow  *row,
           GError        **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autofree guint8 *runs = NULL;
  gsize runs_size = 0;

  stmt = _wm_store_prepare (store,
    "INSERT OR REPLACE INTO marks (pupil_id, school_id, year, codes, sources) "
    "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;

  runs = encode_sources (row, &runs_size);
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int64 (stmt, 2, school_id);
  sqlite3_bind_int (stmt, 3, (int) row->year);
  sqlite3_bind_blob (stmt, 4, row->codes, (int) row->n_slots, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 5, runs_size > 0 ? runs : (const void *) "",
                     (int) runs_size, SQLITE_STATIC);
  return _wm_store_step_done (store, stmt, N_("saving register marks"), error);
}

static gboolean
record_change (WmStore             *store,
               const MergeContext  *ctx,
               WmDay                day,
               WmSession            session,
               WmMark               old_mark,
               WmMark               new_mark,
               GError             **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  stmt = _wm_store_prepare (store,
    "INSERT INTO mark_changes (import_id, pupil_id, school_id, day, session, "
    "  old_code, new_code) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, ctx->import_id);
  sqlite3_bind_int64 (stmt, 2, ctx->pupil_id);
  sqlite3_bind_int64 (stmt, 3, ctx->school_id);
  _wm_store_bind_day (stmt, 4, day);
  _wm_store_bind_text (stmt, 5, session == WM_SESSION_AM ? "AM" : "PM");
  _wm_store_bind_text (stmt, 6, wm_mark_to_code (old_mark));
  _wm_store_bind_text (stmt, 7, wm_mark_to_code (new_mark));
  return _wm_store_step_done (store, stmt, N_("recording a changed mark"),
                              error);
}

/*
 * The merge rule for one slot:
 * - A slot with no code stored (none, or unmarked) takes the new value. A
 *   new code counts as set. An unmarked slot over none is written too,
 *   because it extends the span the pupil was on roll for.
 * - A stored code replaced by a different code counts as changed and is
 *   recorded in mark_changes with the import that changed it.
 * - An unmarked slot in the new data never erases a stored code, because
 *   a later export with a gap is missing data, not a correction.
 * - The same value again changes nothing, so re-importing a file is a
 *   no-op.
 */
static gboolean
merge_slot (WmStore       *store,
            MergeContext  *ctx,
            YearRow       *row,
            guint          slot,
            WmMark         new_mark,
            GError       **error)
{
  WmMark old_mark = row->codes[slot];
  WmDay day = row->start + slot / 2;

  if (new_mark == old_mark || new_mark == WM_MARK_NONE)
    return TRUE;

  if (wm_mark_is_code (old_mark))
    {
      if (new_mark == WM_MARK_UNMARKED)
        return TRUE;

      ctx->n_changed++;
      if (!record_change (store, ctx, day, slot % 2, old_mark, new_mark,
                          error))
        return FALSE;
    }
  else if (wm_mark_is_code (new_mark))
    ctx->n_set++;

  row->codes[slot] = new_mark;
  row->sources[slot] = ctx->import_id;
  row->modified = TRUE;
  return TRUE;
}

static gboolean
merge_year (WmStore       *store,
            MergeContext  *ctx,
            YearRow       *row,
            GError       **error)
{
  const WmRegister *reg = ctx->reg;
  WmDay reg_last = reg->first_day + reg->n_days - 1;
  WmDay first = MAX (reg->first_day, row->start);
  WmDay last = MIN (reg_last, row->start + row->n_slots / 2 - 1);

  if (!load_year (store, ctx->pupil_id, ctx->school_id, row, error))
    return FALSE;

  for (WmDay day = first; day <= last; day++)
    for (guint session = 0; session < 2; session++)
      {
        WmMark mark = reg->marks[(day - reg->first_day) * 2 + session];
        guint slot = (day - row->start) * 2 + session;

        if (!merge_slot (store, ctx, row, slot, mark, error))
          return FALSE;
      }

  return !row->modified
         || save_year (store, ctx->pupil_id, ctx->school_id, row, error);
}

/* Finds the first and last day with a slot that is not WM_MARK_NONE, and
 * checks that every value is a known mark. */
static gboolean
find_span (const WmRegister  *reg,
           WmDay             *out_first,
           WmDay             *out_last,
           GError           **error)
{
  *out_first = *out_last = WM_DAY_NONE;

  for (guint i = 0; i < reg->n_days * 2; i++)
    {
      WmDay day = reg->first_day + i / 2;

      if (reg->marks[i] > WM_MARK_LAST)
        {
          g_autofree char *iso = wm_day_to_iso (day);

          g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                       E_("The register mark for %s %s has the value %u, which "
                          "is not a known code; the importer must give a code "
                          "from the code table"), iso, i % 2 ? "PM" : "AM",
                       reg->marks[i]);
          return FALSE;
        }

      if (reg->marks[i] == WM_MARK_NONE)
        continue;
      if (*out_first == WM_DAY_NONE)
        *out_first = day;
      *out_last = day;
    }

  return TRUE;
}

static gboolean
record_import_pupil (WmStore             *store,
                     const MergeContext  *ctx,
                     WmDay                first,
                     WmDay                last,
                     GError             **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  /* A pupil given twice in one import (two register blocks) gets one row
   * covering both. */
  stmt = _wm_store_prepare (store,
    "INSERT INTO import_pupils (import_id, pupil_id, first_day, last_day, "
    "  n_set, n_changed) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT (import_id, pupil_id) DO UPDATE SET "
    "  first_day = min (first_day, excluded.first_day), "
    "  last_day = max (last_day, excluded.last_day), "
    "  n_set = n_set + excluded.n_set, "
    "  n_changed = n_changed + excluded.n_changed", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, ctx->import_id);
  sqlite3_bind_int64 (stmt, 2, ctx->pupil_id);
  _wm_store_bind_day (stmt, 3, first);
  _wm_store_bind_day (stmt, 4, last);
  sqlite3_bind_int64 (stmt, 5, ctx->n_set);
  sqlite3_bind_int64 (stmt, 6, ctx->n_changed);
  return _wm_store_step_done (store, stmt, N_("recording an imported pupil"),
                              error);
}

static gboolean
merge_marks (WmStore       *store,
             MergeContext  *ctx,
             GError       **error)
{
  g_autofree YearRow *row = g_new (YearRow, 1);
  WmDay first, last;

  if (!find_span (ctx->reg, &first, &last, error))
    return FALSE;

  /* Nothing but "no session", so the import has no marks for the pupil. */
  if (first == WM_DAY_NONE)
    return TRUE;

  for (guint year = wm_day_academic_year (first);
       year <= wm_day_academic_year (last); year++)
    {
      year_row_init (row, year);
      if (!merge_year (store, ctx, row, error))
        return FALSE;
    }

  return record_import_pupil (store, ctx, first, last, error)
         && wm_store_mark_dirty (store, ctx->pupil_id, error);
}

/**
 * wm_store_merge_marks:
 * @store: a store in a transaction (see wm_store_begin())
 * @import_id: the import the marks come from
 * @pupil_id: the pupil
 * @school_id: the school whose register it is
 * @marks: the register from the file
 * @out_n_set: (out) (optional): codes written where no code was stored
 * @out_n_changed: (out) (optional): stored codes replaced by a different
 *   code
 * @error: return location for a #GError
 *
 * Merges a register from an import into the stored one, slot by slot,
 * skipping the slots of @marks that are %WM_MARK_NONE:
 * - where no code is stored, the new value is written, an unmarked slot
 *   too, because it extends the span the pupil was on roll for;
 * - where a code is stored, a different code replaces it, and the change
 *   is recorded in `mark_changes` with @import_id;
 * - an unmarked slot never erases a stored code;
 * - the same code changes nothing, so importing a file twice sets and
 *   changes nothing.
 *
 * Every slot written records @import_id as its source. The span the
 * import covered is recorded for the Timeline, and the pupil is marked
 * for evaluation.
 *
 * Must be called inside a transaction, so that an import is applied
 * whole or not at all.
 *
 * Returns: %TRUE on success; on failure the caller rolls back
 */
gboolean
wm_store_merge_marks (WmStore           *store,
                      gint64             import_id,
                      gint64             pupil_id,
                      gint64             school_id,
                      const WmRegister  *marks,
                      guint             *out_n_set,
                      guint             *out_n_changed,
                      GError           **error)
{
  MergeContext ctx = { import_id, pupil_id, school_id, marks, 0, 0 };

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (marks != NULL, FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (wm_store_get_db (store)),
                        FALSE);

  if (!merge_marks (store, &ctx, error))
    return FALSE;

  if (out_n_set != NULL)
    *out_n_set = ctx.n_set;
  if (out_n_changed != NULL)
    *out_n_changed = ctx.n_changed;
  return TRUE;
}

static gboolean
read_year_range (WmStore  *store,
                 gint64    pupil_id,
                 gint64    school_id,
                 guint    *out_first,
                 guint    *out_last,
                 GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  stmt = _wm_store_prepare (store,
    "SELECT min (year), max (year) FROM marks "
    "WHERE pupil_id = ?1 AND school_id = ?2", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int64 (stmt, 2, school_id);
  if (!_wm_store_step_row (store, stmt, &row, N_("reading register marks"),
                           error))
    return FALSE;

  *out_first = (guint) sqlite3_column_int (stmt, 0);
  *out_last = (guint) sqlite3_column_int (stmt, 1);
  return TRUE;
}

static gboolean
copy_year (WmStore       *store,
           sqlite3_stmt  *stmt,
           gint64         pupil_id,
           WmRegister    *reg,
           GError       **error)
{
  guint year = (guint) sqlite3_column_int (stmt, 0);
  guint n_slots = year_slots (year);

  if ((gsize) sqlite3_column_bytes (stmt, 1) != n_slots)
    {
      set_damaged_row_error (store, pupil_id, year, error);
      return FALSE;
    }

  memcpy (reg->marks + (year_start (year) - reg->first_day) * 2,
          sqlite3_column_blob (stmt, 1), n_slots);
  return TRUE;
}

static gboolean
copy_years (WmStore     *store,
            gint64       pupil_id,
            gint64       school_id,
            WmRegister  *reg,
            GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = TRUE;

  stmt = _wm_store_prepare (store,
    "SELECT year, codes FROM marks WHERE pupil_id = ?1 AND school_id = ?2",
    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int64 (stmt, 2, school_id);
  while (row)
    {
      if (!_wm_store_step_row (store, stmt, &row, N_("reading register marks"),
                               error))
        return FALSE;
      if (row && !copy_year (store, stmt, pupil_id, reg, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * wm_store_load_register:
 * @store: a store
 * @pupil_id: the pupil
 * @school_id: the school
 * @error: return location for a #GError
 *
 * Loads the pupil's stored register at the school as one register from
 * 1 September of the first stored school year to 31 August of the last,
 * with %WM_MARK_NONE wherever nothing was stored.
 *
 * Returns: (transfer full) (nullable): the register; %NULL with @error
 *   unset when the pupil has no marks at the school, %NULL with @error set
 *   on failure
 */
WmRegister *
wm_store_load_register (WmStore  *store,
                        gint64    pupil_id,
                        gint64    school_id,
                        GError  **error)
{
  g_autoptr(WmRegister) reg = NULL;
  guint first_year = 0, last_year = 0;
  WmDay first, end;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  if (!read_year_range (store, pupil_id, school_id, &first_year, &last_year,
                        error))
    return NULL;

  if (first_year == 0)
    return NULL;

  first = year_start (first_year);
  end = year_start (last_year + 1);
  reg = wm_register_new (first, end - first);
  memset (reg->marks, WM_MARK_NONE, (gsize) (end - first) * 2);

  if (!copy_years (store, pupil_id, school_id, reg, error))
    return NULL;

  return g_steal_pointer (&reg);
}

/* The import id of the run covering @slot, or 0. */
static gint64
find_source (const guint8 *runs,
             gsize         size,
             guint         slot)
{
  for (gsize offset = 0; offset + RUN_SIZE <= size; offset += RUN_SIZE)
    {
      guint first = (guint) read_le (runs + offset, 2);
      guint count = (guint) read_le (runs + offset + 2, 2);

      if (slot >= first && slot < first + count)
        return (gint64) read_le (runs + offset + 4, 8);
    }

  return 0;
}

/**
 * wm_store_get_mark_import:
 * @store: a store
 * @pupil_id: the pupil
 * @school_id: the school
 * @day: the day
 * @session: the session
 *
 * Finds which import set a stored session: the last import that wrote
 * it, whether as a new code, a changed code or an unmarked session.
 *
 * Returns: the import id, or 0 when no import set the session (or the
 *   database could not be read, which is logged)
 */
gint64
wm_store_get_mark_import (WmStore   *store,
                          gint64     pupil_id,
                          gint64     school_id,
                          WmDay      day,
                          WmSession  session)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gboolean row = FALSE;
  guint year, slot;

  g_return_val_if_fail (WM_IS_STORE (store), 0);
  g_return_val_if_fail (day != WM_DAY_NONE, 0);

  year = wm_day_academic_year (day);
  slot = (day - year_start (year)) * 2 + session;
  stmt = _wm_store_prepare (store,
    "SELECT codes, sources FROM marks "
    "WHERE pupil_id = ?1 AND school_id = ?2 AND year = ?3", &error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, pupil_id);
      sqlite3_bind_int64 (stmt, 2, school_id);
      sqlite3_bind_int (stmt, 3, (int) year);
      _wm_store_step_row (store, stmt, &row, N_("reading register marks"),
                          &error);
    }

  if (error != NULL)
    g_warning ("%s", error->message);
  if (!row || (guint) sqlite3_column_bytes (stmt, 0) <= slot
      || ((const guint8 *) sqlite3_column_blob (stmt, 0))[slot] == WM_MARK_NONE)
    return 0;

  return find_source (sqlite3_column_blob (stmt, 1),
                      (gsize) sqlite3_column_bytes (stmt, 1), slot);
}
