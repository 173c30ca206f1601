/* test-crash.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kills the real `waymark --import` with SIGKILL at random moments and
 * checks that the database is never left half-written: the import is
 * either all there or not there at all, SQLite's integrity check passes
 * and the audit log verifies.
 *
 * Then kills a process saving case records (tests/crash-saver.c: drafts,
 * finalising, amending, deleting) the same way. After every kill it checks
 * the whole file and the audit chain. It also checks each record that the
 * killed run wrote, which must be whole with its audit entries or absent.
 * After the last kill it checks every record again.
 *
 * Both cases time the process first and spread the kills over that time,
 * so that they land inside the work under any build: a sanitized build
 * runs several times slower than a plain one.
 */

#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "wm-case.h"
#include "wm-sample.h"
#include "wm-store.h"
#include "wm-store-records.h"
#include "wm-test-util.h"

#define N_KILLS 100

/* The saver's timed run saves this many records, which took 18 to 32 ms
 * in the plain, ASan and Valgrind runs measured. A killed run then left 3
 * to 14 records on average, so the file stays small. That matters because
 * the checks after each kill read the whole file, so its size sets the
 * test's time. */
#define SAVER_TIMED_SAVES 10

/* The seed of the kill delays, so that a failing run can be repeated on
 * the same machine. */
#define KILL_SEED 20260302

/* The delays reach past the measured import by this factor, so that
 * some kills land after the commit, as the process exits. The saver's
 * delays reach past its timed run by the same factor. */
#define DELAY_SPREAD 1.2

/* The state that shows whether the import is there: the counts of pupils,
 * marks rows and imports, and a SHA-256 of every UPN in order. */
typedef struct
{
  gint64  n_pupils;
  gint64  n_marks;
  gint64  n_imports;
  char   *upns_sha256;
} DbState;

static void
db_state_clear (DbState *state)
{
  g_clear_pointer (&state->upns_sha256, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DbState, db_state_clear)

static gboolean
db_state_equal (const DbState *a,
                const DbState *b)
{
  return a->n_pupils == b->n_pupils && a->n_marks == b->n_marks
         && a->n_imports == b->n_imports
         && g_strcmp0 (a->upns_sha256, b->upns_sha256) == 0;
}

static const char *
waymark_binary (void)
{
  return g_getenv ("WAYMARK_BINARY");
}

static void
write_ctf (const char *path,
           guint64     seed,
           const char *estab,
           guint       n_pupils)
{
  g_autoptr(GError) error = NULL;
  WmSampleOptions options;

  wm_sample_options_init (&options);
  options.seed = seed;
  options.estab = estab;
  options.n_pupils = n_pupils;
  wm_sample_write_ctf_file (&options, path, &error);
  g_assert_no_error (error);
}

/*
 * A launcher for the processes that the test times and kills, with no
 * display. Under AddressSanitizer, tools/run-sanitizers.sh sets the
 * slow unwinder, which lets tests/lsan.supp name the GLib function behind
 * a leak. It also makes every allocation several times slower: an import
 * took 4.7 s with it and 1.0 s without. A process killed with SIGKILL
 * never reaches the leak check, and the timed runs that do exit leak
 * nothing from a system library. So the children use the fast unwinder,
 * and the kills land in their work rather than in the unwinder. When
 * ASAN_OPTIONS sets an option twice, the last setting wins.
 */
static GSubprocessLauncher *
child_launcher (void)
{
  GSubprocessLauncher *launcher;
  const char *asan_options = g_getenv ("ASAN_OPTIONS");

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  if (asan_options != NULL)
    {
      g_autofree char *fast = g_strconcat (asan_options,
                                           ":fast_unwind_on_malloc=1", NULL);

      g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", fast, TRUE);
    }
  return launcher;
}

static GSubprocess *
spawn_import (const char *database,
              const char *ctf)
{
  g_autofree char *database_arg = g_strconcat ("--database=", database, NULL);
  g_autofree char *import_arg = g_strconcat ("--import=", ctf, NULL);
  g_autoptr(GSubprocessLauncher) launcher = child_launcher ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  process = g_subprocess_launcher_spawn (launcher, &error, waymark_binary (),
                                         database_arg, import_arg, NULL);
  g_assert_no_error (error);
  return process;
}

/* Runs one import to the end and returns how long it took, in µs. */
static gint64
run_import (const char *database,
            const char *ctf)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  process = spawn_import (database, ctf);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
  return g_get_monotonic_time () - start;
}

static void
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
}

/* The source was closed cleanly, so it has no -wal to copy. */
static void
copy_database (const char *source,
               const char *destination)
{
  g_autoptr(GFile) from = g_file_new_for_path (source);
  g_autoptr(GFile) to = g_file_new_for_path (destination);
  g_autoptr(GError) error = NULL;
  g_autofree char *source_wal = g_strconcat (source, "-wal", NULL);

  g_assert_false (g_file_test (source_wal, G_FILE_TEST_EXISTS));
  remove_database (destination);
  g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The median of three imports into copies of @base, in µs: the first run
 * of a binary is slowed by a cold disk cache. */
static gint64
measure_import (const char *base,
                const char *work,
                const char *ctf)
{
  gint64 durations[3];

  for (guint i = 0; i < G_N_ELEMENTS (durations); i++)
    {
      copy_database (base, work);
      durations[i] = run_import (work, ctf);
    }

  qsort (durations, G_N_ELEMENTS (durations), sizeof durations[0],
         compare_int64);
  return durations[1];
}

static gint64
query_int (WmStore    *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (store), sql, -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
digest_upns (WmStore *store)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (store),
                                       "SELECT upn FROM pupils ORDER BY upn",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_checksum_update (checksum, sqlite3_column_text (stmt, 0), -1);
      g_checksum_update (checksum, (const guchar *) "\n", 1);
    }
  sqlite3_finalize (stmt);
  return g_strdup (g_checksum_get_string (checksum));
}

/* Whether SQLite itself opens @path, recovering its write-ahead log, and
 * finds it intact. */
static gboolean
sqlite_finds_intact (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean intact = FALSE;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK
      && sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt,
                             NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    intact = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0),
                        "ok") == 0;

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return intact;
}

/* Opens the database as the application would after a crash, which
 * recovers the write-ahead log, and checks it before reading its state. */
static void
check_database (const char *path,
                DbState    *out_state)
{
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 bad_entry = -1;

  store = wm_store_open (path, &error);
  if (store == NULL)
    {
      /* Tells a store that rejects a recoverable file apart from a file
       * that is really damaged. */
      g_test_message ("SQLite %s the file that wm_store_open() rejected",
                      sqlite_finds_intact (path) ? "recovers and passes"
                                                 : "also rejects");
    }
  g_assert_no_error (error);
  g_assert_true (wm_store_integrity_check (store, &error));
  g_assert_no_error (error);
  g_assert_true (wm_store_verify_audit (store, &bad_entry, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bad_entry, ==, 0);

  out_state->n_pupils = query_int (store, "SELECT count(*) FROM pupils");
  out_state->n_marks = query_int (store, "SELECT count(*) FROM marks");
  out_state->n_imports = query_int (store, "SELECT count(*) FROM imports");
  out_state->upns_sha256 = digest_upns (store);
}

/*
 * Returns whether another connection holds the write lock, that is,
 * whether the import's transaction is open. An importer that wants the
 * lock while this probe holds it waits, since the store's busy timeout
 * is 10 s, so the probe cannot make an import fail.
 */
static gboolean
import_transaction_open (const char *path)
{
  sqlite3 *db = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL),
                   ==, SQLITE_OK);
  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);

  g_assert_true (rc == SQLITE_OK || rc == SQLITE_BUSY);
  return rc == SQLITE_BUSY;
}

typedef struct
{
  guint before_start;
  guint mid_import;
  guint after_commit;
  guint exited_first;
} KillCounts;

/* Kills one import after @delay_us and checks what it left. */
static void
kill_one_import (const char    *base,
                 const char    *work,
                 const char    *ctf,
                 gulong         delay_us,
                 const DbState *before,
                 const DbState *after,
                 KillCounts    *counts)
{
  g_autoptr(GSubprocess) process = NULL;
  g_auto(DbState) state = { 0 };
  gboolean locked, killed;

  copy_database (base, work);
  process = spawn_import (work, ctf);
  g_usleep (delay_us);
  locked = import_transaction_open (work);
  g_subprocess_force_exit (process);
  g_assert_true (g_subprocess_wait (process, NULL, NULL));

  killed = g_subprocess_get_if_signaled (process);
  if (killed)
    g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
  else
    g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  check_database (work, &state);
  g_assert_true (db_state_equal (&state, before)
                 || db_state_equal (&state, after));

  if (!killed)
    counts->exited_first++;
  else if (db_state_equal (&state, after))
    counts->after_commit++;
  else if (locked)
    counts->mid_import++;
  else
    counts->before_start++;
}

static void
test_kill_during_import (void)
{
  g_autofree char *first_ctf = wm_test_file_path ("first.xml");
  g_autofree char *second_ctf = wm_test_file_path ("second.xml");
  g_autofree char *base = wm_test_file_path ("base.db");
  g_autofree char *work = wm_test_file_path ("work.db");
  g_autoptr(GRand) rand = g_rand_new_with_seed (KILL_SEED);
  g_auto(DbState) before = { 0 };
  g_auto(DbState) after = { 0 };
  KillCounts counts = { 0 };
  gint64 duration_us;

  if (waymark_binary () == NULL)
    {
      g_test_skip ("WAYMARK_BINARY is not set: the application was not built");
      return;
    }

  /* The database already contains one school's import. The import that
   * is killed adds a second school, so every table it writes grows. */
  write_ctf (first_ctf, 1, "2001", 150);
  write_ctf (second_ctf, 2, "2002", 300);
  run_import (base, first_ctf);
  check_database (base, &before);

  duration_us = measure_import (base, work, second_ctf);
  check_database (work, &after);
  g_assert_cmpint (after.n_pupils, ==, before.n_pupils + 300);
  g_assert_cmpint (after.n_imports, ==, before.n_imports + 1);
  g_assert_cmpint (after.n_marks, >, before.n_marks);
  g_test_message ("One import of 300 pupils took %" G_GINT64_FORMAT " ms",
                  duration_us / 1000);

  for (guint i = 0; i < N_KILLS; i++)
    {
      gulong delay_us = g_rand_double (rand) * DELAY_SPREAD * duration_us;

      kill_one_import (base, work, second_ctf, delay_us, &before, &after,
                       &counts);
    }

  g_test_message ("%u kills: %u before the import's transaction began, %u "
                  "during it, %u after its commit; %u imports finished "
                  "before the kill", N_KILLS, counts.before_start,
                  counts.mid_import, counts.after_commit, counts.exited_first);

  /* The test proves nothing unless kills land inside the transaction. */
  g_assert_cmpuint (counts.mid_import, >=, N_KILLS / 10);
}

static const char *
saver_binary (void)
{
  return g_getenv ("WAYMARK_CRASH_SAVER");
}

/* A database with one pupil and an open case; returns the case id. */
static gint64
make_case_database (const char *path)
{
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(WmPupilRecord) pupil = { 0 };
  gint64 school_id, pupil_id, case_id;

  store = wm_store_open (path, &error);
  g_assert_no_error (error);
  school_id = wm_store_ensure_school (store, "801", "2000", NULL, NULL,
                                      &error);
  pupil.upn = g_strdup ("B801200005001");
  pupil_id = wm_store_upsert_pupil (store, &pupil, school_id, NULL, &error);
  case_id = wm_case_open (store, pupil_id, wm_day_from_ymd (2026, 3, 2),
                          NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return case_id;
}

/* Starts the saver on @database. With @count it saves that many records,
 * prints a line and exits. With %NULL, which ends its arguments, it saves
 * until killed. */
static GSubprocess *
spawn_saver (const char *database,
             gint64      case_id,
             const char *count)
{
  g_autofree char *case_arg = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  g_autoptr(GSubprocessLauncher) launcher = child_launcher ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  if (count != NULL)
    g_subprocess_launcher_set_flags (launcher,
                                     G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                     | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  process = g_subprocess_launcher_spawn (launcher, &error, saver_binary (),
                                         database, case_arg, count, NULL);
  g_assert_no_error (error);
  return process;
}

/*
 * Runs the saver on @path to save SAVER_TIMED_SAVES records and returns
 * the time from the moment it was started to the line it prints after
 * its last save, in µs. A kill's delay counts from the same moment, so
 * the time includes the loading and sanitizer set-up before main(), which
 * the saver's own clock misses. It leaves out the time to reap the
 * process, which is slow under Valgrind and comes after the saves.
 */
static gint64
time_saver (const char *path,
            gint64      case_id)
{
  g_autofree char *count = g_strdup_printf ("%u", SAVER_TIMED_SAVES);
  g_autoptr(GSubprocess) process = spawn_saver (path, case_id, count);
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  gint64 duration_us;

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  duration_us = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_assert_nonnull (line);

  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
  return duration_us;
}

/* The median of three timed runs of the saver, in µs: the first run of a
 * binary is slowed by a cold disk cache. */
static gint64
measure_saver (const char *path,
               gint64      case_id)
{
  gint64 durations[3];

  for (guint i = 0; i < G_N_ELEMENTS (durations); i++)
    durations[i] = time_saver (path, case_id);

  qsort (durations, G_N_ELEMENTS (durations), sizeof durations[0],
         compare_int64);
  return durations[1];
}

/* What the saver writes at each step; a value of any other shape, or in
 * the wrong revision, would be a torn write. */
static void
check_revision_text (const WmRecord *record,
                     GPtrArray      *revisions)
{
  for (guint i = 0; i < revisions->len; i++)
    {
      WmRecordRevision *revision = g_ptr_array_index (revisions, i);
      const char *text = json_object_get_string_member (revision->body,
                                                        "text");
      const char *step = record->status == WM_RECORD_DRAFT ? "Draft"
                         : i == 0 ? "Saved" : "Amended";

      g_assert_cmpuint (revision->revision, ==, i + 1);
      g_assert_true (g_str_has_prefix (text, step)
                     || (record->status == WM_RECORD_DRAFT
                         && g_str_has_prefix (text, "Saved")));
      g_assert_cmpstr (revision->reason, ==, i == 0 ? NULL : "Crash test");
    }
}

static gint64
count_audit (WmStore    *store,
             const char *action,
             gint64      record_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log "
                                          "WHERE action = '%s' AND "
                                          "object_kind = 'record' AND "
                                          "object_id = %" G_GINT64_FORMAT,
                                          action, record_id);

  return query_int (store, sql);
}

/* How far the saver got with one record, in the order of its steps. */
typedef enum
{
  SAVED_DRAFT,
  SAVED_FINALISED,
  SAVED_AMENDED,
  SAVED_DELETED,
} SavedStep;

/* Checks one record and returns the step it shows. A draft has its one
 * revision and no audit entry. A final record has one finalise entry, one
 * amend entry per later revision, a tombstone exactly when it has a delete
 * entry, and a search entry exactly when it is not deleted. The saver
 * deletes a record only after amending it. */
static SavedStep
check_record (WmStore *store,
              gint64   record_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmRecord) record = wm_record_get (store, record_id, &error);
  g_autoptr(GPtrArray) revisions = NULL;
  g_autofree char *indexed = NULL;
  gboolean deleted;

  g_assert_no_error (error);
  revisions = wm_record_list_revisions (store, record_id, &error);
  g_assert_no_error (error);
  check_revision_text (record, revisions);
  deleted = record->deleted_at != NULL;
  indexed = g_strdup_printf ("SELECT count(*) FROM record_search WHERE rowid "
                             "= %" G_GINT64_FORMAT, record_id);

  if (record->status == WM_RECORD_DRAFT)
    {
      g_assert_cmpuint (revisions->len, ==, 1);
      g_assert_cmpint (count_audit (store, "record-finalise", record_id), ==,
                       0);
      g_assert_false (deleted);
      g_assert_cmpint (query_int (store, indexed), ==, 0);
      return SAVED_DRAFT;
    }

  g_assert_cmpint (count_audit (store, "record-finalise", record_id), ==, 1);
  g_assert_cmpint (count_audit (store, "record-amend", record_id), ==,
                   revisions->len - 1);
  g_assert_cmpint (count_audit (store, "record-delete", record_id), ==,
                   deleted ? 1 : 0);
  g_assert_cmpint (query_int (store, indexed), ==, deleted ? 0 : 1);
  g_assert_cmpuint (revisions->len, <=, 2);
  if (deleted)
    g_assert_cmpuint (revisions->len, ==, 2);

  return deleted ? SAVED_DELETED
         : revisions->len == 2 ? SAVED_AMENDED : SAVED_FINALISED;
}

/* Opens the database as the next run of the application would, which
 * recovers the write-ahead log, and checks the whole file and the audit
 * chain. A kill can leave a torn page anywhere, so these run every time. */
static WmStore *
open_checked (const char *path)
{
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 bad_entry = -1;

  store = wm_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (wm_store_integrity_check (store, &error));
  g_assert_no_error (error);
  g_assert_true (wm_store_verify_audit (store, &bad_entry, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bad_entry, ==, 0);
  return g_steal_pointer (&store);
}

/* The ids of the records newer than @after_id, oldest first. */
static GArray *
list_records_after (WmStore *store,
                    gint64   after_id)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (store),
                                       "SELECT id FROM records WHERE id > ?1 "
                                       "ORDER BY id", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, after_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  return ids;
}

/* What the kills so far have left in the database. */
typedef struct
{
  gint64 newest_id;
  gint64 n_records;
  guint  n_partial;
} SaverProgress;

/* The count of records whose id is at most @newest_id. */
static gint64
count_records_up_to (WmStore *store,
                     gint64   newest_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM records "
                                          "WHERE id <= %" G_GINT64_FORMAT,
                                          newest_id);

  return query_int (store, sql);
}

/*
 * Checks what one killed run of the saver could have changed: the records
 * it wrote, which all have ids above progress->newest_id, because the
 * saver only ever changes the record it has just created. Every save of
 * the run but the last finished. So each is amended, and deleted when it
 * was the run's third, sixth and so on, as tests/crash-saver.c does. The
 * last one may have stopped after any of its steps. The records before
 * the run are all still there, and no audit entry of the run names a
 * missing record.
 */
static void
check_saver_run (const char    *path,
                 SaverProgress *progress)
{
  g_autoptr(WmStore) store = open_checked (path);
  g_autoptr(GArray) ids = NULL;
  g_autofree char *orphans = NULL;

  g_assert_cmpint (count_records_up_to (store, progress->newest_id), ==,
                   progress->n_records);
  orphans = g_strdup_printf ("SELECT count(*) FROM audit_log a WHERE "
                             "a.object_kind = 'record' AND a.object_id > %"
                             G_GINT64_FORMAT " AND NOT EXISTS (SELECT 1 FROM "
                             "records WHERE id = a.object_id)",
                             progress->newest_id);
  g_assert_cmpint (query_int (store, orphans), ==, 0);

  ids = list_records_after (store, progress->newest_id);
  for (guint i = 0; i < ids->len; i++)
    {
      guint position = i + 1;
      SavedStep finished = position % 3 == 0 ? SAVED_DELETED : SAVED_AMENDED;
      SavedStep step;

      step = check_record (store, g_array_index (ids, gint64, i));
      if (i + 1 < ids->len)
        g_assert_cmpint (step, ==, finished);
      else if (step != finished)
        progress->n_partial++;
    }

  if (ids->len > 0)
    progress->newest_id = g_array_index (ids, gint64, ids->len - 1);
  progress->n_records += ids->len;
}

/* Checks every record once the kills are over, with the full verification
 * of each finalised revision against its audit entry. Returns the number
 * of finalised records. */
static gint64
check_saved_records (const char          *path,
                     const SaverProgress *progress)
{
  g_autoptr(WmStore) store = open_checked (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  g_assert_true (wm_store_verify (store, NULL, &error));
  g_assert_no_error (error);

  /* No audit entry names a record that is not there. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM audit_log a "
                              "WHERE a.object_kind = 'record' AND NOT EXISTS "
                              "(SELECT 1 FROM records WHERE id = a.object_id)"),
                   ==, 0);

  ids = list_records_after (store, 0);
  g_assert_cmpuint (ids->len, ==, progress->n_records);
  for (guint i = 0; i < ids->len; i++)
    check_record (store, g_array_index (ids, gint64, i));

  return query_int (store, "SELECT count(*) FROM records "
                    "WHERE status = 'final'");
}

/* Starts the saver on @path, kills it after @delay_us and checks that it
 * died of the kill. The kill follows the delay at once. A probe of the
 * write lock in between, as in the import case, would let the saver run
 * on while the probe runs, and under Valgrind the probe takes far longer
 * than the timed run. What the kill left shows whether it stopped a save
 * halfway. */
static void
kill_one_saver (const char *path,
                gint64      case_id,
                gulong      delay_us)
{
  g_autoptr(GSubprocess) process = spawn_saver (path, case_id, NULL);

  g_usleep (delay_us);
  g_subprocess_force_exit (process);
  g_assert_true (g_subprocess_wait (process, NULL, NULL));
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
}

static void
test_kill_while_saving (void)
{
  g_autofree char *path = wm_test_file_path ("saver.db");
  g_autofree char *timing_path = wm_test_file_path ("saver-timing.db");
  g_autoptr(GRand) rand = g_rand_new_with_seed (KILL_SEED);
  SaverProgress progress = { 0 };
  gint64 n_final, case_id, timing_case_id, duration_us;

  if (saver_binary () == NULL)
    {
      g_test_skip ("WAYMARK_CRASH_SAVER is not set: the saver was not built");
      return;
    }

  /* The timed runs write to a database of their own, so that the kills
   * start from an empty case. */
  case_id = make_case_database (path);
  timing_case_id = make_case_database (timing_path);
  duration_us = measure_saver (timing_path, timing_case_id);
  g_test_message ("The saver took %" G_GINT64_FORMAT " ms to start, open "
                  "the store and save %u records", duration_us / 1000,
                  SAVER_TIMED_SAVES);

  /* The kills go to one database in turn, so each run starts from what
   * the kills before it left, as after a real crash. */
  for (guint i = 0; i < N_KILLS; i++)
    {
      gulong delay_us = g_rand_double (rand) * DELAY_SPREAD * duration_us;

      kill_one_saver (path, case_id, delay_us);
      check_saver_run (path, &progress);
    }

  n_final = check_saved_records (path, &progress);
  g_test_message ("%u kills of the saver, %u with a save part done; %"
                  G_GINT64_FORMAT " records left, %" G_GINT64_FORMAT
                  " finalised", N_KILLS, progress.n_partial,
                  progress.n_records, n_final);

  /* The test proves nothing unless the saver got far enough to save, and
   * the kills stopped saves halfway. */
  g_assert_cmpint (n_final, >=, N_KILLS / 2);
  g_assert_cmpuint (progress.n_partial, >=, N_KILLS / 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/crash/kill-during-import", test_kill_during_import);
  g_test_add_func ("/crash/kill-while-saving", test_kill_while_saving);

  return g_test_run ();
}
