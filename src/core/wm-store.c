/* wm-store.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-store-private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wm-error.h"
#include "wm-i18n-private.h"

/*
 * WmStore owns one SQLite connection to one Waymark database. This file
 * contains the object, opening, transactions, the statement cache and the
 * translation of SQLite errors. The tables are handled in the other
 * wm-store-*.c files.
 *
 * A store is used by one thread at a time (the connection is opened
 * without SQLite's mutex); a worker that runs beside the main thread opens
 * its own store on the same file. WAL mode lets readers and one writer
 * work at once, and the busy timeout makes a writer wait for another
 * program's transaction instead of failing at once.
 */

/* How long a statement waits for another connection's lock before it gives
 * up with SQLITE_BUSY: long enough for any import or evaluation batch of
 * another Waymark process to commit. */
#define BUSY_TIMEOUT_MS 10000

struct _WmStore
{
  GObject     parent_instance;

  char       *path;
  char       *canonical_path;
  gboolean    counted_open;
  sqlite3    *db;

  /* SQL text (static strings, not owned) to a prepared statement. */
  GHashTable *statements;
};

static void wm_store_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WmStore, wm_store, G_TYPE_OBJECT,
  G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, wm_store_initable_iface_init))

enum
{
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
advice_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      return E_("Free some disk space and try again.");
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
    case SQLITE_AUTH:
      return E_("Check that the file and its folder can be written.");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return E_("Restore a backup of the database.");
    case SQLITE_IOERR:
      return E_("Check the disk, then try again.");
    case SQLITE_CONSTRAINT:
      return E_("The data breaks a rule of the database; this is a bug in "
                "Waymark, please report it.");
    default:
      return E_("Try again; if it keeps failing, restore a backup.");
    }
}

/*
 * What went wrong, in words an officer can follow, for each primary result
 * code. The primary code is the low byte of an extended code such as
 * SQLITE_IOERR_WRITE. Each reason is a clause that follows "in FILE:" in
 * the message.
 */
static const struct
{
  int         code;
  const char *reason;
} reasons[] = {
  /* Translators: why a database task failed. It follows "in FILE:" in an
   * error message, so it starts in lower case, and SQLite's English
   * message comes after it in brackets. */
  { SQLITE_BUSY, N_("another program kept the database locked for too "
                    "long") },
  { SQLITE_LOCKED, N_("another task in Waymark had part of the database "
                      "locked") },
  { SQLITE_READONLY, N_("the database could be read but not changed") },
  { SQLITE_IOERR, N_("the disk failed to read or write the file") },
  { SQLITE_CORRUPT, N_("the database file is damaged") },
  { SQLITE_NOTADB, N_("the file is not a database") },
  { SQLITE_FULL, N_("the disk is full") },
  { SQLITE_CANTOPEN, N_("the database file could not be opened") },
  { SQLITE_PERM, N_("the system refused access to the file") },
  { SQLITE_CONSTRAINT, N_("the change would break a rule of the database") },
  { SQLITE_NOMEM, N_("the computer ran out of memory") },
  { SQLITE_AUTH, N_("access to the database was refused") },
  { SQLITE_PROTOCOL, N_("another program disturbed the database's file "
                        "locks") },
  { SQLITE_SCHEMA, N_("the database's layout changed during the query") },
  { SQLITE_TOOBIG, N_("a value is too large for the database") },
  { SQLITE_MISMATCH, N_("a value has the wrong type for the database") },
  { SQLITE_RANGE, N_("a query was given more values than it takes") },
};

static const char *
reason_for (int rc)
{
  for (gsize i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (reasons[i].code == (rc & 0xff))
      return E_(reasons[i].reason);

  return E_("the database reported a problem Waymark does not know");
}

/*
 * Every SQLite failure becomes a WmError. A lock that outlasted the busy
 * timeout is WM_ERROR_BUSY, because the user can try again once the other
 * program is done. Everything else is WM_ERROR_DATABASE with what the
 * store was doing, what went wrong and what to do about it.
 *
 * The message is shown in the window and on the command line, so it is
 * in the user's language, @doing included (a phrase the caller marked
 * with N_()). This holds while a letter or a bundle is being made in
 * English too, because E_() translates inside an English scope.
 *
 * SQLite's own message follows the translated reason, in English, as the
 * technical detail. The reason is for the officer, and SQLite's words are
 * what support staff search for. They also name what the primary code
 * does not, such as which constraint failed.
 */
void
_wm_store_set_db_error (sqlite3    *db,
                        const char *path,
                        int         rc,
                        const char *doing,
                        GError    **error)
{
  const char *message = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  const char *task = E_(doing);

  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_BUSY,
                   /* Translators: the first %s is what Waymark was doing,
                    * such as "reading the rules". Then come the database
                    * file, the reason (a translated clause) and SQLite's
                    * own message, which stays English. Keep "SQLite:". */
                   E_("The database is in use by another program; try again. "
                      "While %s in %s: %s (SQLite: %s)"),
                   task, path, reason_for (rc), message);
      return;
    }

  g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
               /* Translators: the first %s is what Waymark was doing, such
                * as "reading the rules". Then come the database file, the
                * reason (a translated clause), SQLite's own message, which
                * stays English, and a translated sentence of advice. Keep
                * "SQLite:". */
               E_("Database error while %s in %s: %s (SQLite: %s). %s"),
               task, path, reason_for (rc), message, advice_for (rc));
}

void
_wm_store_set_error (WmStore    *self,
                     int         rc,
                     const char *doing,
                     GError    **error)
{
  _wm_store_set_db_error (self->db, self->path, rc, doing, error);
}

void
_wm_cached_stmt_release (WmCachedStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/*
 * Returns the cached statement for @sql, preparing it on first use. The
 * statements live as long as the store, so the hot paths (merging marks,
 * saving evaluations) never parse SQL twice. @sql must be a string that
 * lives for the whole program, normally a literal.
 */
WmCachedStmt *
_wm_store_prepare (WmStore     *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      /* Using a statement while an outer caller still steps it would
       * reset the outer loop, which is a bug in the store. */
      g_warn_if_fail (!sqlite3_stmt_busy (stmt));
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                           &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      /* Translators: this and the other phrases passed to the store's
       * error functions ("reading the rules", "saving a record") describe
       * what Waymark was doing when the database failed. Each completes
       * "Database error while … in FILE", so write it in the form that
       * follows your word for "while" (in Welsh, after "wrth", with its
       * soft mutation). */
      _wm_store_set_error (self, rc, N_("preparing a query"), error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
_wm_store_exec (WmStore     *self,
                const char  *sql,
                const char  *doing,
                GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _wm_store_set_error (self, rc, doing, error);
      return FALSE;
    }

  return TRUE;
}

/* Steps a statement that is run for its effect. A row it returns (the
 * result of a pragma) is ignored. */
gboolean
_wm_store_step_done (WmStore       *self,
                     sqlite3_stmt  *stmt,
                     const char    *doing,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _wm_store_set_error (self, rc, doing, error);
      return FALSE;
    }

  return TRUE;
}

/* Steps a query: *out_row is TRUE with a row to read, FALSE at the end. */
gboolean
_wm_store_step_row (WmStore       *self,
                    sqlite3_stmt  *stmt,
                    gboolean      *out_row,
                    const char    *doing,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  *out_row = rc == SQLITE_ROW;
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _wm_store_set_error (self, rc, doing, error);
      return FALSE;
    }

  return TRUE;
}

/*
 * Starts a write that must be atomic. Outside a transaction it begins an
 * IMMEDIATE one, which takes the write lock at once, waiting up to the busy
 * timeout. A deferred transaction that reads first and writes later could
 * fail at once with SQLITE_BUSY when another connection wrote in between.
 * Inside the caller's transaction it opens a savepoint, so that a failure
 * undoes only this write and the caller decides about the rest.
 */
gboolean
_wm_store_write_begin (WmStore   *self,
                       gboolean  *out_outer,
                       GError   **error)
{
  *out_outer = sqlite3_get_autocommit (self->db) != 0;

  if (*out_outer)
    return _wm_store_exec (self, "BEGIN IMMEDIATE",
                           N_("starting a transaction"), error);

  return _wm_store_exec (self, "SAVEPOINT wm_write", N_("starting a savepoint"),
                         error);
}

/* Ends what _wm_store_write_begin() started: commits when @ok, else rolls
 * back. Returns @ok, or FALSE when the commit itself failed. */
gboolean
_wm_store_write_end (WmStore   *self,
                     gboolean   outer,
                     gboolean   ok,
                     GError   **error)
{
  if (!ok)
    {
      sqlite3_exec (self->db,
                    outer ? "ROLLBACK"
                          : "ROLLBACK TO wm_write; RELEASE wm_write",
                    NULL, NULL, NULL);
      return FALSE;
    }

  if (outer)
    {
      if (_wm_store_exec (self, "COMMIT", N_("committing"), error))
        return TRUE;

      wm_store_rollback (self);
      return FALSE;
    }

  return _wm_store_exec (self, "RELEASE wm_write", N_("releasing a savepoint"),
                         error);
}

/* The moment something is recorded: UTC, ISO 8601, to the second. */
char *
_wm_store_now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

void
_wm_store_bind_text (sqlite3_stmt *stmt,
                     int           index,
                     const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* Calendar dates are stored as ISO text; WM_DAY_NONE is NULL. */
void
_wm_store_bind_day (sqlite3_stmt *stmt,
                    int           index,
                    WmDay         day)
{
  char buf[11];

  if (day == WM_DAY_NONE)
    {
      sqlite3_bind_null (stmt, index);
      return;
    }

  wm_day_to_iso_buf (day, buf);
  sqlite3_bind_text (stmt, index, buf, -1, SQLITE_TRANSIENT);
}

/* Row ids start at 1, so 0 means "none" and is stored as NULL. */
void
_wm_store_bind_id (sqlite3_stmt *stmt,
                   int           index,
                   gint64        id)
{
  if (id <= 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

char *
_wm_store_column_dup (sqlite3_stmt *stmt,
                      int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

WmDay
_wm_store_column_day (sqlite3_stmt *stmt,
                      int           column)
{
  return wm_day_from_iso ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
make_parent_folder (const char  *path,
                    GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int saved_errno;

  /* The folder contains children's records, so only the user may enter
   * it. An existing folder is left as the user set it up. */
  if (g_mkdir_with_parents (folder, 0700) == 0)
    return TRUE;

  saved_errno = errno;
  g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
               E_("Could not create the folder %s for the database: %s. Choose "
                  "another location for the database"),
               folder, g_strerror (saved_errno));
  return FALSE;
}

/*
 * Creates the database file with mode 0600 before SQLite opens it. SQLite
 * (built with its default SQLITE_DEFAULT_FILE_PERMISSIONS) would create it
 * with 0644 minus the umask, readable by every user of the machine. The
 * explicit fchmod makes the mode independent of the umask.
 */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd = g_open (path, O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  int saved_errno = errno;

  if (fd >= 0 && fchmod (fd, 0600) == 0)
    return g_close (fd, NULL);

  if (fd >= 0)
    {
      saved_errno = errno;
      g_close (fd, NULL);
    }

  g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
               E_("Could not create the database %s: %s. Check that its folder "
                  "can be written, or choose another location"),
               path, g_strerror (saved_errno));
  return FALSE;
}

/* SQLite gives new -wal and -shm files the database file's mode, but a
 * file left from an earlier run keeps its own, so the mode is set again. */
static void
restrict_side_files (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm" };

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      if (g_chmod (side, 0600) != 0 && errno != ENOENT)
        g_warning ("Could not make %s private: %s", side, g_strerror (errno));
    }
}

static gboolean
exec_pragma (WmStore     *self,
             const char  *sql,
             GError     **error)
{
  return _wm_store_exec (self, sql, N_("setting up the connection"), error);
}

/*
 * The settings every connection needs. SQLite leaves foreign keys off
 * unless each connection turns them on. WAL lets the evaluator read while
 * an import writes. In WAL mode, synchronous NORMAL cannot corrupt the
 * file on a power cut, though the last commits before it may be lost.
 */
static gboolean
configure_connection (WmStore  *self,
                      GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  const char *mode;

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (!exec_pragma (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;

  stmt = _wm_store_prepare (self, "PRAGMA journal_mode = WAL", error);
  if (stmt == NULL)
    return FALSE;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _wm_store_set_error (self, sqlite3_errcode (self->db),
                           N_("switching to write-ahead logging"), error);
      return FALSE;
    }

  /* A file system without shared memory keeps the rollback journal. The
   * store still works, but readers then wait for writers. */
  mode = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (mode, "wal") != 0)
    g_warning ("Database %s stays in journal mode %s", self->path, mode);

  if (!exec_pragma (self, "PRAGMA synchronous = NORMAL", error))
    return FALSE;

  /*
   * A page cache of 64 MiB instead of SQLite's 2 MB default. An
   * authority's database (46 MB for 30,000 pupils) outgrows the default,
   * so a pass over every pupil read pages from the file more than once.
   * On that database `--evaluate --format=json` took 2.35 s of CPU time
   * with this cache and 2.5 s without (docs/benchmarks.md). The cache
   * fills only as pages are read, so a small database costs little. A
   * memory map (`mmap_size`) was a little faster (2.2 s) but is not used,
   * because an I/O error on a mapped page (a failing disk, a network home
   * folder) kills the process instead of failing the query.
   */
  return exec_pragma (self, "PRAGMA cache_size = -65536", error);
}

static gboolean
open_connection (WmStore   *self,
                 gboolean   is_new,
                 GError   **error)
{
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
              | SQLITE_OPEN_EXRESCODE;
  int rc;

  /* No SQLITE_OPEN_CREATE, because the file exists by now, made private
   * by create_private_file(). */
  rc = sqlite3_open_v2 (self->path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      _wm_store_set_error (self, rc, N_("opening the database"), error);
      return FALSE;
    }

  /*
   * A row of `marks` (a school year of codes and their sources) is about
   * 750 bytes, and about 1,190 after a year of weekly imports, as
   * tests/bench-marks.c measures. A WITHOUT ROWID row keeps at most 1,002
   * bytes in a 4 KiB page and the rest on an overflow page, but 2,030
   * bytes in an 8 KiB page (the maximum local payload of an index b-tree
   * page in the SQLite file format). The page size can only be chosen
   * before the first table is created and before write-ahead logging.
   */
  if (is_new && !exec_pragma (self, "PRAGMA page_size = 8192", error))
    return FALSE;

  if (!configure_connection (self, error))
    return FALSE;

  restrict_side_files (self->canonical_path);
  return TRUE;
}

/* Which of the database's -wal (bit 0) and -shm (bit 1) files exist. */
static guint
side_files_present (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm" };
  guint present = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      if (g_file_test (side, G_FILE_TEST_EXISTS))
        present |= 1u << i;
    }

  return present;
}

/*
 * A refused database leaves its folder as it was. Reading a database
 * whose write-ahead log holds changes makes SQLite create the -shm index
 * even on a read-only connection, and a read-only connection cannot
 * remove it again. One that did not exist before the check was made by
 * the check alone: it holds no data (SQLite rebuilds it from the log), so
 * it is removed. A side file that was already there may be in use by
 * another program and stays.
 */
static void
remove_new_side_files (const char *path,
                       guint       present_before)
{
  static const char * const suffixes[] = { "-wal", "-shm" };

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      if ((present_before & (1u << i)) == 0 && g_unlink (side) == 0)
        g_debug ("Removed %s, made while checking a refused database", side);
    }
}

/*
 * The databases this process has open, by canonical path, with the
 * number of stores open on each. SQLite's locks are POSIX advisory
 * locks, which the kernel drops for the whole process when the process
 * closes any descriptor of the file. A header check with open() and
 * close() while another store of this process has the database open
 * (the window's, while a worker opens its own) would drop the window's
 * locks. Another program (the command line) would then find the file
 * unlocked, checkpoint and delete the write-ahead log under the window,
 * and the window's next write would corrupt the database. So the raw
 * check runs only for the first store of a path, and later ones open
 * through SQLite alone, which shares one descriptor per file. The mutex
 * covers the check and the open together, so no other thread's check
 * falls between a first store's open and its entry here.
 */
static GMutex open_paths_lock;
static GHashTable *open_paths;

static char *
dup_canonical_path (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  char *real = realpath (absolute, NULL);

  /* A file that does not exist yet has no real path. */
  return real != NULL ? real : g_steal_pointer (&absolute);
}

static gboolean
is_open_here (const char *canonical)
{
  return open_paths != NULL
         && g_hash_table_contains (open_paths, canonical);
}

static void
add_open_path (const char *canonical)
{
  guint count;

  if (open_paths == NULL)
    open_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        NULL);

  count = GPOINTER_TO_UINT (g_hash_table_lookup (open_paths, canonical));
  g_hash_table_insert (open_paths, g_strdup (canonical),
                       GUINT_TO_POINTER (count + 1));
}

static void
remove_open_path (const char *canonical)
{
  guint count;

  g_mutex_lock (&open_paths_lock);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (open_paths, canonical));
  if (count > 1)
    g_hash_table_insert (open_paths, g_strdup (canonical),
                         GUINT_TO_POINTER (count - 1));
  else
    g_hash_table_remove (open_paths, canonical);
  g_mutex_unlock (&open_paths_lock);
}

/*
 * Whether Waymark may not write @path, whose status is @info. Waymark
 * writes on every open (the journal, the schema, the audit log), so a
 * database it may not write is rejected before SQLite opens it. SQLite
 * would open it read-only without a word, leave -wal and -shm files
 * beside it and fail at the first change.
 *
 * access (W_OK) alone is not the rule, because it grants root every file,
 * and Waymark may run as root (in a container, or the tests). A file or
 * folder without its owner's write bit is one the officer made read-only
 * on purpose, and that is honoured for every user. access() adds what
 * the mode cannot show: a file of another user, or a read-only mount.
 * A restore applies the same rule to the database and its folder.
 */
gboolean
_wm_store_is_read_only (const char     *path,
                        const GStatBuf *info)
{
  return (info->st_mode & S_IWUSR) == 0 || g_access (path, W_OK) != 0;
}

/*
 * Rejects a database file that Waymark may not write (see
 * _wm_store_is_read_only()). A restore replaces the file rather than
 * opening it, and calls this too, so no action overrides a file that the
 * officer made read-only.
 */
gboolean
_wm_store_check_file_writable (const char  *path,
                               GError     **error)
{
  GStatBuf info;

  if (g_stat (path, &info) == 0 && S_ISREG (info.st_mode)
      && _wm_store_is_read_only (path, &info))
    {
      g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                   E_("Database %s is read-only; make it writable or open a "
                      "copy"), path);
      return FALSE;
    }

  return TRUE;
}

/* A refused database leaves its folder as it was, so the check comes
 * before SQLite or create_private_file() touches anything. SQLite keeps
 * the -wal and -shm files beside the real file, behind any symbolic
 * link, so that is the folder checked. */
static gboolean
check_writable (WmStore  *self,
                GError  **error)
{
  g_autofree char *folder = g_path_get_dirname (self->canonical_path);
  GStatBuf info;

  if (!_wm_store_check_file_writable (self->path, error))
    return FALSE;

  if (g_stat (folder, &info) == 0 && _wm_store_is_read_only (folder, &info))
    {
      g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                   E_("Database %s is in the read-only folder %s, where "
                      "Waymark cannot write its journal; make the folder "
                      "writable or move the database"), self->path, folder);
      return FALSE;
    }

  return TRUE;
}

/*
 * An existing empty file is rejected rather than made a new database. A
 * copy cut short (a full USB stick, a sync that stopped) looks just like
 * it, and writing a fresh schema into it would hide that the data is
 * gone. A new database is made only where no file exists. A file that
 * Waymark creates is empty only until open_connection() switches it to
 * write-ahead logging, which writes its first page. A crash in between
 * leaves an empty file, and that is rejected like any other.
 */
static gboolean
check_not_empty (const char  *path,
                 GError     **error)
{
  GStatBuf info;

  if (g_stat (path, &info) != 0 || !S_ISREG (info.st_mode)
      || info.st_size > 0)
    return TRUE;

  g_set_error (error, WM_ERROR, WM_ERROR_FOREIGN_DATABASE,
               E_("Database %s is an empty file, more likely a copy that was "
                  "cut short than a new database. Choose another database or "
                  "restore a backup, or give a name that does not exist yet "
                  "to start a new one"), path);
  return FALSE;
}

static gboolean
open_checked (WmStore  *self,
              GError  **error)
{
  gboolean is_new = FALSE;
  guint side_files;

  if (!check_writable (self, error))
    return FALSE;

  /* Nothing is written before the file is known to be ours, because a
   * foreign or newer database must stay byte-for-byte as it was. */
  if (!is_open_here (self->canonical_path))
    {
      side_files = side_files_present (self->canonical_path);
      if (!check_not_empty (self->path, error))
        return FALSE;

      if (!_wm_store_check_file (self->path, &is_new, error))
        {
          remove_new_side_files (self->canonical_path, side_files);
          return FALSE;
        }
    }

  if (is_new && !create_private_file (self->path, error))
    return FALSE;

  if (!open_connection (self, is_new, error))
    return FALSE;

  add_open_path (self->canonical_path);
  self->counted_open = TRUE;
  g_debug ("Opened database %s (%s)", self->path, is_new ? "new" : "existing");
  return TRUE;
}

static gboolean
wm_store_initable_init (GInitable     *initable,
                        GCancellable  *cancellable,
                        GError       **error)
{
  WmStore *self = WM_STORE (initable);
  gboolean ok;

  g_return_val_if_fail (self->path != NULL, FALSE);

  if (!make_parent_folder (self->path, error))
    return FALSE;

  self->canonical_path = dup_canonical_path (self->path);
  g_mutex_lock (&open_paths_lock);
  ok = open_checked (self, error);
  g_mutex_unlock (&open_paths_lock);
  if (!ok)
    return FALSE;

  return _wm_store_migrate (self->db, self->path, WM_STORE_SCHEMA_VERSION,
                            error);
}

static void
wm_store_initable_iface_init (GInitableIface *iface)
{
  iface->init = wm_store_initable_init;
}

static void
wm_store_finalize (GObject *object)
{
  WmStore *self = WM_STORE (object);

  /* Every statement must be finalized before the connection can close. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  if (self->counted_open)
    remove_open_path (self->canonical_path);
  g_free (self->canonical_path);
  g_free (self->path);

  G_OBJECT_CLASS (wm_store_parent_class)->finalize (object);
}

static void
wm_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  WmStore *self = WM_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_store_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  WmStore *self = WM_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_free (self->path);
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_store_class_init (WmStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wm_store_finalize;
  object_class->get_property = wm_store_get_property;
  object_class->set_property = wm_store_set_property;

  /**
   * WmStore:path:
   *
   * The database file.
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                         | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
wm_store_init (WmStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            finalize_statement);
}

/**
 * wm_store_open:
 * @path: the database file
 * @error: return location for a #GError
 *
 * Opens a Waymark database, creating it when @path does not exist. The
 * folder is created with mode 0700 and the file with mode 0600, whatever
 * the umask. A symbolic link is followed, and the -wal and -shm files are
 * those beside the file it points to. Every connection runs with foreign keys
 * on, write-ahead logging, a busy timeout of 10 seconds and synchronous
 * NORMAL; the schema is migrated to this build's version.
 *
 * A file that is not an SQLite database, belongs to another application,
 * is damaged or incomplete, or was written by a newer version of Waymark
 * is refused with %WM_ERROR_FOREIGN_DATABASE and left byte-for-byte as it
 * was, with no new file beside it. So is an existing empty file, which is
 * more likely a copy cut short than a new database. A file or folder that
 * Waymark may not write (no write bit for its owner, or no write access
 * for this user) is refused the same way with %WM_ERROR_DATABASE, since
 * every open writes.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
WmStore *
wm_store_open (const char  *path,
               GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_initable_new (WM_TYPE_STORE, NULL, error, "path", path, NULL);
}

/**
 * wm_store_get_path:
 * @store: a store
 *
 * Returns: the database file the store was opened on
 */
const char *
wm_store_get_path (WmStore *store)
{
  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  return store->path;
}

/**
 * wm_store_get_db:
 * @store: a store
 *
 * Gives direct access to the connection, for tests and maintenance tools.
 * Product code goes through the store's functions, which keep the audit
 * log and the dirty set right.
 *
 * Returns: (transfer none): the SQLite connection
 */
sqlite3 *
wm_store_get_db (WmStore *store)
{
  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  return store->db;
}

/**
 * wm_store_get_schema_version:
 * @store: a store
 *
 * Returns: the schema version recorded in the database's `user_version`
 */
int
wm_store_get_schema_version (WmStore *store)
{
  g_return_val_if_fail (WM_IS_STORE (store), -1);

  return _wm_store_read_version (store->db);
}

/**
 * wm_store_begin:
 * @store: a store that is not in a transaction
 * @error: return location for a #GError
 *
 * Begins a write transaction, taking the write lock at once (waiting up to
 * the busy timeout for another program to finish). Every store function
 * called until wm_store_commit() or wm_store_rollback() joins it.
 *
 * Returns: %TRUE on success; %WM_ERROR_BUSY when the lock stayed taken
 */
gboolean
wm_store_begin (WmStore  *store,
                GError  **error)
{
  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (sqlite3_get_autocommit (store->db), FALSE);

  return _wm_store_exec (store, "BEGIN IMMEDIATE", N_("starting a transaction"),
                         error);
}

/**
 * wm_store_commit:
 * @store: a store in a transaction
 * @error: return location for a #GError
 *
 * Commits the transaction begun by wm_store_begin(). When the commit
 * fails, the transaction is rolled back.
 *
 * Returns: %TRUE on success
 */
gboolean
wm_store_commit (WmStore  *store,
                 GError  **error)
{
  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (store->db), FALSE);

  if (_wm_store_exec (store, "COMMIT", N_("committing"), error))
    return TRUE;

  wm_store_rollback (store);
  return FALSE;
}

/**
 * wm_store_rollback:
 * @store: a store
 *
 * Undoes the transaction begun by wm_store_begin(), if one is open. Safe
 * to call when SQLite already rolled back on its own after an error.
 */
void
wm_store_rollback (WmStore *store)
{
  int rc;

  g_return_if_fail (WM_IS_STORE (store));

  if (sqlite3_get_autocommit (store->db))
    return;

  rc = sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    g_warning ("Could not roll back in %s: %s", store->path,
               sqlite3_errmsg (store->db));
}

static gboolean
check_foreign_keys (WmStore  *store,
                    GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  stmt = _wm_store_prepare (store, "PRAGMA foreign_key_check", error);
  if (stmt == NULL
      || !_wm_store_step_row (store, stmt, &row, N_("checking references"),
                              error))
    return FALSE;

  if (row)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                   E_("Database %s has a row in table %s that refers to a "
                      "missing row of table %s. Restore a backup of the database"),
                   store->path, sqlite3_column_text (stmt, 0),
                   sqlite3_column_text (stmt, 2));
      return FALSE;
    }

  return TRUE;
}

/**
 * wm_store_integrity_check:
 * @store: a store
 * @error: return location for a #GError
 *
 * Runs SQLite's integrity check over the whole file and checks that every
 * reference between rows resolves. Reads every page, so it takes a
 * while on a large database.
 *
 * Returns: %TRUE when the check returns "ok"; otherwise %FALSE with
 *   %WM_ERROR_DATABASE quoting the first problem found
 */
gboolean
wm_store_integrity_check (WmStore  *store,
                          GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;
  const char *answer;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  stmt = _wm_store_prepare (store, "PRAGMA integrity_check", error);
  if (stmt == NULL
      || !_wm_store_step_row (store, stmt, &row, N_("checking the database"),
                              error))
    return FALSE;

  answer = row ? (const char *) sqlite3_column_text (stmt, 0) : NULL;
  if (g_strcmp0 (answer, "ok") != 0)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                   E_("Database %s is damaged: %s. Restore a backup of the "
                      "database"), store->path,
                   answer != NULL ? answer : E_("no answer from the check"));
      return FALSE;
    }

  return check_foreign_keys (store, error);
}
