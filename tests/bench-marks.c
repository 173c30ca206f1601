/* bench-marks.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <stdio.h>

#include "wm-store.h"
#include "wm-upn.h"

/*
 * Measures the register-marks layout against the obvious alternative.
 *
 * The evaluator reads every mark of every pupil, so the store keeps one
 * row per pupil, school and school year with the codes in a blob (see
 * wm-store-marks.c). This program fills one database through the store
 * (1,500 pupils, one school year of 380 sessions each) and others with
 * one row per session. It times writing everything in one transaction,
 * and reading every pupil's register back, pupil by pupil, the way the
 * evaluator does. The store is also filled by one import a week, as for
 * an officer who imports weekly. The one-row-per-session table is tried
 * with text columns (ISO dates and codes, as the rest of the schema
 * stores them) and with integer columns (day numbers and mark values).
 *
 * Run it with `meson test --benchmark marks-layout` or directly. It
 * prints the times and the file sizes.
 */

#define N_PUPILS 1500
#define N_SCHOOL_DAYS 190
#define N_READ_RUNS 3

typedef struct
{
  const char *name;
  double      write_ms;
  double      read_ms;
  goffset     file_size;
} Result;

static double
elapsed_ms (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / 1000.0;
}

static void
check (int         rc,
       sqlite3    *db,
       const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("%s: %s", what, sqlite3_errmsg (db));
}

/* 190 school days from Monday 1 September 2025, weekdays only, with a
 * deterministic sprinkle of absences so the codes are not all alike. */
static WmRegister *
make_register (GRand *rand)
{
  WmDay first = wm_day_from_ymd (2025, 9, 1);
  WmRegister *reg = wm_register_new (first, 280);
  WmDay day = first;

  for (guint n = 0; n < N_SCHOOL_DAYS; day++)
    {
      if (wm_day_is_weekend (day))
        continue;

      for (guint s = 0; s < 2; s++)
        {
          guint32 roll = g_rand_int_range (rand, 0, 100);
          WmMark mark = s == 0 ? WM_MARK_PRESENT_AM : WM_MARK_PRESENT_PM;

          if (roll < 4)
            mark = WM_MARK_I;
          else if (roll < 6)
            mark = WM_MARK_O;
          wm_register_set (reg, day, s, mark);
        }
      n++;
    }

  return reg;
}

static goffset
file_size (const char *path)
{
  GStatBuf info;

  if (g_stat (path, &info) != 0)
    g_error ("Cannot stat %s", path);
  return info.st_size;
}

static void
checkpoint (sqlite3 *db)
{
  check (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL,
                       NULL), db, "checkpoint");
}

/* One week of @reg from @monday, or the whole of it when @monday is
 * WM_DAY_NONE. */
static WmRegister *
slice_week (const WmRegister *reg,
            WmDay             monday)
{
  WmRegister *week = wm_register_new (monday, 7);

  for (WmDay day = monday; day < monday + 7; day++)
    for (guint s = 0; s < 2; s++)
      wm_register_set (week, day, s, wm_register_get (reg, day, s));
  return week;
}

/* Merges the registers as one import in one transaction, or, with
 * @monday set, that week of them. */
static void
fill_store (WmStore    *store,
            GPtrArray  *registers,
            gint64     *pupil_ids,
            gint64      school_id,
            WmDay       monday)
{
  g_autoptr(GError) error = NULL;
  gint64 import_id;

  if (!wm_store_begin (store, &error))
    g_error ("%s", error->message);

  import_id = wm_store_begin_import (store, "bench", NULL, NULL, &error);
  for (guint i = 0; i < N_PUPILS && error == NULL; i++)
    {
      g_autoptr(WmRegister) week = NULL;
      const WmRegister *reg = registers->pdata[i];

      if (monday != WM_DAY_NONE)
        reg = week = slice_week (reg, monday);
      wm_store_merge_marks (store, import_id, pupil_ids[i], school_id, reg,
                            NULL, NULL, &error);
    }

  if (error != NULL || !wm_store_commit (store, &error))
    g_error ("%s", error->message);
}

static void
add_pupils (WmStore *store,
            gint64  *pupil_ids,
            gint64   school_id)
{
  g_autoptr(GError) error = NULL;

  if (!wm_store_begin (store, &error))
    g_error ("%s", error->message);

  for (guint i = 0; i < N_PUPILS; i++)
    {
      WmPupilRecord record = { 0 };
      char upn[14];

      g_snprintf (upn, sizeof upn, "?8012000%05u", i);
      upn[0] = wm_upn_check_letter (upn);
      record.upn = upn;
      record.looked_after = record.free_school_meals = -1;
      pupil_ids[i] = wm_store_upsert_pupil (store, &record, school_id, NULL,
                                            &error);
      if (pupil_ids[i] == 0)
        g_error ("%s", error->message);
    }

  if (!wm_store_commit (store, &error))
    g_error ("%s", error->message);
}

static void
fill_weekly (WmStore    *store,
             GPtrArray  *registers,
             gint64     *pupil_ids,
             gint64      school_id)
{
  const WmRegister *first = registers->pdata[0];

  for (guint w = 0; w * 7 < first->n_days; w++)
    fill_store (store, registers, pupil_ids, school_id,
                first->first_day + w * 7);
}

static double
read_store (WmStore *store,
            gint64  *pupil_ids,
            gint64   school_id)
{
  gint64 start = g_get_monotonic_time ();
  guint n_days = 0;

  for (guint i = 0; i < N_PUPILS; i++)
    {
      g_autoptr(WmRegister) reg =
        wm_store_load_register (store, pupil_ids[i], school_id, NULL);

      n_days += reg->n_days;
    }

  if (n_days != N_PUPILS * 365)
    g_error ("Read %u days, expected %u", n_days, N_PUPILS * 365);
  return elapsed_ms (start);
}

/* The store's own layout, filled by one import or by one a week. */
static Result
bench_blob (const char *path,
            GPtrArray  *registers,
            gboolean    weekly)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = wm_store_open (path, &error);
  g_autofree gint64 *pupil_ids = g_new (gint64, N_PUPILS);
  Result result = { NULL, 0, G_MAXDOUBLE, 0 };
  gint64 school_id, start;

  if (store == NULL)
    g_error ("%s", error->message);

  result.name = weekly ? "(a2) blob, filled by 38 weekly imports"
                       : "(a) blob per pupil and school year";
  school_id = wm_store_ensure_school (store, "801", "2000", NULL, NULL, NULL);
  add_pupils (store, pupil_ids, school_id);

  start = g_get_monotonic_time ();
  if (weekly)
    fill_weekly (store, registers, pupil_ids, school_id);
  else
    fill_store (store, registers, pupil_ids, school_id, WM_DAY_NONE);
  result.write_ms = elapsed_ms (start);

  for (guint run = 0; run < N_READ_RUNS; run++)
    result.read_ms = MIN (result.read_ms,
                          read_store (store, pupil_ids, school_id));

  checkpoint (wm_store_get_db (store));
  result.file_size = file_size (path);
  return result;
}

/* The one-row-per-session layout: integer or text columns. */
typedef struct
{
  const char *name;
  const char *create;
  gboolean    text;
} RowLayout;

static sqlite3 *
open_rows_db (const char      *path,
              const RowLayout *layout)
{
  sqlite3 *db = NULL;

  check (sqlite3_open (path, &db), db, "open");
  check (sqlite3_exec (db, "PRAGMA journal_mode = WAL;"
                           "PRAGMA synchronous = NORMAL;"
                           "PRAGMA foreign_keys = ON;", NULL, NULL, NULL),
         db, "pragmas");
  check (sqlite3_exec (db, layout->create, NULL, NULL, NULL), db, "create");
  return db;
}

static void
bind_session (sqlite3_stmt    *stmt,
              const RowLayout *layout,
              WmDay            day,
              guint            session,
              WmMark           mark)
{
  char iso[11];

  if (!layout->text)
    {
      sqlite3_bind_int (stmt, 2, (int) day);
      sqlite3_bind_int (stmt, 3, (int) session);
      sqlite3_bind_int (stmt, 4, mark);
      return;
    }

  wm_day_to_iso_buf (day, iso);
  sqlite3_bind_text (stmt, 2, iso, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, session ? "PM" : "AM", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, wm_mark_to_code (mark), -1, SQLITE_STATIC);
}

static void
write_rows (sqlite3         *db,
            const RowLayout *layout,
            GPtrArray       *registers)
{
  sqlite3_stmt *stmt = NULL;

  check (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), db, "begin");
  check (sqlite3_prepare_v2 (db, "INSERT INTO marks_rows VALUES (?, ?, ?, ?)",
                             -1, &stmt, NULL), db, "prepare");

  for (guint i = 0; i < N_PUPILS; i++)
    {
      const WmRegister *reg = registers->pdata[i];

      for (guint slot = 0; slot < reg->n_days * 2; slot++)
        {
          if (reg->marks[slot] == WM_MARK_NONE)
            continue;

          sqlite3_bind_int64 (stmt, 1, i + 1);
          bind_session (stmt, layout, reg->first_day + slot / 2, slot % 2,
                        reg->marks[slot]);
          check (sqlite3_step (stmt), db, "insert");
          sqlite3_reset (stmt);
        }
    }

  sqlite3_finalize (stmt);
  check (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), db, "commit");
}

/* Reads one pupil's rows into a register, as the store would have to. */
static guint
read_pupil_rows (sqlite3_stmt    *stmt,
                 const RowLayout *layout,
                 gint64           pupil_id)
{
  WmDay first = wm_day_from_ymd (2025, 9, 1);
  g_autoptr(WmRegister) reg = wm_register_new (first, 365);
  guint n = 0;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      WmDay day;
      guint session;
      WmMark mark;

      if (layout->text)
        {
          day = wm_day_from_iso ((const char *) sqlite3_column_text (stmt, 0));
          session = sqlite3_column_text (stmt, 1)[0] == 'P';
          mark = wm_mark_from_code (
            (const char *) sqlite3_column_text (stmt, 2));
        }
      else
        {
          day = (WmDay) sqlite3_column_int (stmt, 0);
          session = (guint) sqlite3_column_int (stmt, 1);
          mark = (WmMark) sqlite3_column_int (stmt, 2);
        }

      wm_register_set (reg, day, session, mark);
      n++;
    }

  sqlite3_reset (stmt);
  return n;
}

static double
read_rows (sqlite3         *db,
           const RowLayout *layout)
{
  sqlite3_stmt *stmt = NULL;
  gint64 start = g_get_monotonic_time ();
  guint n = 0;

  check (sqlite3_prepare_v2 (db, "SELECT day, session, code FROM marks_rows "
                             "WHERE pupil_id = ?1 ORDER BY day, session",
                             -1, &stmt, NULL), db, "prepare");
  for (guint i = 0; i < N_PUPILS; i++)
    n += read_pupil_rows (stmt, layout, i + 1);

  sqlite3_finalize (stmt);
  if (n != N_PUPILS * N_SCHOOL_DAYS * 2)
    g_error ("Read %u sessions, expected %u", n, N_PUPILS * N_SCHOOL_DAYS * 2);
  return elapsed_ms (start);
}

static Result
bench_rows (const char      *path,
            const RowLayout *layout,
            GPtrArray       *registers)
{
  sqlite3 *db = open_rows_db (path, layout);
  Result result = { layout->name, 0, G_MAXDOUBLE, 0 };
  gint64 start = g_get_monotonic_time ();

  write_rows (db, layout, registers);
  result.write_ms = elapsed_ms (start);

  for (guint run = 0; run < N_READ_RUNS; run++)
    result.read_ms = MIN (result.read_ms, read_rows (db, layout));

  checkpoint (db);
  sqlite3_close (db);
  result.file_size = file_size (path);
  return result;
}

static const RowLayout text_rows = {
  "(b) row per session, text columns",
  "CREATE TABLE marks_rows (pupil_id INTEGER NOT NULL, day TEXT NOT NULL, "
  "  session TEXT NOT NULL, code TEXT NOT NULL, "
  "  PRIMARY KEY (pupil_id, day, session)) STRICT, WITHOUT ROWID",
  TRUE,
};

static const RowLayout integer_rows = {
  "(c) row per session, integer columns",
  "CREATE TABLE marks_rows (pupil_id INTEGER NOT NULL, day INTEGER NOT NULL, "
  "  session INTEGER NOT NULL, code INTEGER NOT NULL, "
  "  PRIMARY KEY (pupil_id, day, session)) STRICT, WITHOUT ROWID",
  FALSE,
};

static void
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("waymark-bench-XXXXXX", &error);
  g_autoptr(GPtrArray) registers = g_ptr_array_new_with_free_func (
    (GDestroyNotify) wm_register_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260313);
  const char *names[] = { "blob.db", "weekly.db", "text-rows.db",
                          "integer-rows.db" };
  Result results[4];

  if (folder == NULL)
    g_error ("%s", error->message);

  for (guint i = 0; i < N_PUPILS; i++)
    g_ptr_array_add (registers, make_register (rand));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (folder, names[i], NULL);

      if (i < 2)
        results[i] = bench_blob (path, registers, i == 1);
      else
        results[i] = bench_rows (path, i == 2 ? &text_rows : &integer_rows,
                                 registers);
      remove_database (path);
    }
  g_rmdir (folder);

  printf ("%u pupils x %u sessions (one school year), SQLite %s\n",
          N_PUPILS, N_SCHOOL_DAYS * 2, sqlite3_libversion ());
  printf ("%-40s %10s %10s %12s\n", "layout", "write ms", "read ms",
          "file KiB");
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    printf ("%-40s %10.1f %10.1f %12" G_GOFFSET_FORMAT "\n", results[i].name,
            results[i].write_ms, results[i].read_ms,
            results[i].file_size / 1024);
  printf ("read ms is the best of %d reads of every pupil's register, one "
          "pupil at a time\n", N_READ_RUNS);
  return 0;
}
